#include "cli/referential_commands.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "engine/criteria_graph.h"
#include "engine/referential_diff.h"
#include "engine/referential_loader.h"
#include "engine/wording.h"
#include "reports/atomic_file.h"

namespace sceau::cli {
namespace {

void PrintDiagnostics(const std::vector<Diagnostic>& diags, const CommandContext& ctx) {
  RenderOptions options;
  options.color = ctx.color;
  for (const Diagnostic& d : diags) ctx.err << RenderDiagnostic(d, options);
}

// "1 criterion" / "2 criteria", in the chosen language.
#define SCEAU_PLURAL(n, one, many) \
  (Singular(static_cast<long long>(n)) ? Fmt(one, n) : Fmt(many, n))

// Loads a referential, printing its diagnostics. Returns null when it has errors.
// Loads and reports the referential at `path`. With `graph_only`, a referential whose only errors
// are dependency cycles is returned there (for drawing), the return value staying null.
std::shared_ptr<const Referential> LoadAndReport(
    const std::string& path, const CommandContext& ctx, int* errors, int* warnings,
    bool all_cycles = false, std::shared_ptr<const Referential>* graph_only = nullptr) {
  auto start = std::chrono::steady_clock::now();
  LoadOptions options;
  if (all_cycles) options.max_cycle_groups = 0;
  ReferentialLoad load = LoadReferentialFile(path, options);
  if (graph_only) *graph_only = load.graph_only;
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  spdlog::info("{}: loaded in {:.1f} ms", path, ms.count());
  PrintDiagnostics(load.diagnostics, ctx);
  *errors = load.errors();
  *warnings = load.warnings();
  return load.referential;
}

// One line a maintainer can read at a glance.
std::string SummaryLine(const Referential& ref, const CriteriaGraph& graph) {
  std::vector<int> depths = graph.Depths();
  int longest = depths.empty() ? 0 : *std::max_element(depths.begin(), depths.end());
  size_t blocking = std::count_if(ref.criteria.begin(), ref.criteria.end(),
                                  [](const Criterion& c) { return c.blocking; });
  return Fmt("{} {}: {} in {}, {}, longest chain {}, {}", ref.id, ref.version,
             SCEAU_PLURAL(ref.criteria.size(), "{} criterion", "{} criteria"),
             SCEAU_PLURAL(ref.chapters.size(), "{} chapter", "{} chapters"),
             SCEAU_PLURAL(static_cast<size_t>(graph.edge_count()), "{} prerequisite link",
                          "{} prerequisite links"),
             longest, SCEAU_PLURAL(blocking, "{} blocking criterion", "{} blocking criteria"));
}

std::string SummaryText(const Referential& ref, const CriteriaGraph& graph) {
  const std::string lang(DiagnosticLanguage());
  std::string out = SummaryLine(ref, graph) + "\n";
  out += Fmt("  title:      {}\n", ref.title.Get(lang));
  if (!ref.publisher.empty()) out += Fmt("  publisher:  {}\n", ref.publisher);
  if (ref.effective) out += Fmt("  effective:  {}\n", ref.effective->ToString());
  for (const Scale& s : ref.scales) {
    std::string codes;
    if (s.type == ScaleType::kGrades) {
      for (const Grade& g : s.grades) codes += (codes.empty() ? "" : " ") + g.code;
    } else {
      for (const Level& l : s.levels) codes += (codes.empty() ? "" : " ") + l.code;
    }
    out += Fmt("  scale:      {} ({}): {}\n", s.id,
               s.type == ScaleType::kGrades ? Tr("grades") : Tr("maturity"), codes);
  }
  out += Tr("  chapters:\n");
  for (const Chapter& ch : ref.chapters) {
    size_t n = std::count_if(ref.criteria.begin(), ref.criteria.end(), [&](const Criterion& c) {
      return ref.ChapterWithin(c.chapter, static_cast<int>(&ch - ref.chapters.data()));
    });
    out += fmt::format("    {:<12} {:>3}  {}\n",
                       std::string(static_cast<size_t>(ch.depth) * 2, ' ') + ch.id, n,
                       ch.title.Get(lang));
  }
  // Where a failure would reach furthest: the criteria with the largest transitive impact.
  std::vector<std::pair<int, int>> impact;
  for (int c = 0; c < graph.size(); ++c) {
    impact.emplace_back(static_cast<int>(graph.TransitiveImpact(c).size()), c);
  }
  std::stable_sort(impact.begin(), impact.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  out += Tr("  widest impact (criteria a failure would impact):\n");
  for (size_t i = 0; i < impact.size() && i < 5 && impact[i].first > 0; ++i) {
    const Criterion& c = ref.criteria[static_cast<size_t>(impact[i].second)];
    out += fmt::format("    {:<12} {:>3}  {}\n", c.id, impact[i].first, c.title.Get(lang));
  }
  std::vector<std::string> roots;
  for (int c = 0; c < graph.size(); ++c) {
    if (graph.Prerequisites(c).empty() && !graph.Dependents(c).empty()) {
      roots.push_back(ref.criteria[static_cast<size_t>(c)].id);
    }
  }
  out += Fmt("  foundations (required by others, requiring nothing): {}\n", fmt::join(roots, " "));
  return out;
}

int RunValidate(const std::vector<std::string>& files, bool strict, bool all_cycles,
                const CommandContext& ctx) {
  int total_errors = 0;
  int total_warnings = 0;
  int invalid = 0;
  for (const std::string& path : files) {
    int errors = 0;
    int warnings = 0;
    auto ref = LoadAndReport(path, ctx, &errors, &warnings, all_cycles);
    total_errors += errors;
    total_warnings += warnings;
    bool failed = !ref || (strict && warnings > 0);
    if (failed) ++invalid;
    if (ref && !ctx.quiet) {
      CriteriaGraph graph(*ref);
      ctx.out << Fmt("{}: {}{}\n", path, failed ? Tr("rejected (--strict): ") : Tr("ok: "),
                     SummaryLine(*ref, graph));
    }
  }
  if (total_errors + total_warnings > 0 || invalid > 0) {
    ctx.err << Fmt("{} and {} in {} of {}\n", SCEAU_PLURAL(total_errors, "{} error", "{} errors"),
                   SCEAU_PLURAL(total_warnings, "{} warning", "{} warnings"),
                   SCEAU_PLURAL(invalid, "{} invalid file", "{} invalid files"),
                   SCEAU_PLURAL(files.size(), "{} file", "{} files"));
  }
  return invalid > 0 ? kExitInvalid : kExitOk;
}

int RunGraph(const std::string& path, const std::string& format, const std::string& criterion,
             const std::string& output, bool all_cycles, const CommandContext& ctx) {
  int errors = 0;
  int warnings = 0;
  std::shared_ptr<const Referential> graph_only;
  auto ref = LoadAndReport(path, ctx, &errors, &warnings, all_cycles, &graph_only);
  // A referential whose only errors are dependency cycles is still drawn, its cycles in red, so
  // that they can be seen; the exit code still says it is invalid.
  const int done = ref ? kExitOk : kExitInvalid;
  if (!ref) ref = graph_only;
  if (!ref) return kExitInvalid;
  CriteriaGraph graph(*ref);
  int focus = -1;
  if (!criterion.empty()) {
    focus = ref->FindCriterion(criterion);
    if (focus < 0) {
      std::vector<std::string> ids;
      for (const Criterion& c : ref->criteria) ids.push_back(c.id);
      ctx.err << Fmt("sceau graph: {} has no criterion '{}'{}\n", path, criterion,
                     DidYouMean(criterion, ids));
      return kExitUsage;
    }
  }
  std::string text;
  if (format == "dot") {
    text = graph.ToDot(focus);
  } else if (format == "json") {
    text = graph.ToJson(focus);
  } else {
    text = SummaryText(*ref, graph);
    if (focus >= 0) {
      auto ids = [&](const std::vector<int>& v) {
        std::vector<std::string> out;
        for (int c : v) out.push_back(ref->criteria[static_cast<size_t>(c)].id);
        return fmt::format("{}", fmt::join(out, " "));
      };
      text += fmt::format(
          "  {}:\n    requires:          {}\n    required by:       {}\n"
          "    all prerequisites: {}\n    a failure impacts: {}\n",
          criterion, ids(graph.Prerequisites(focus)), ids(graph.Dependents(focus)),
          ids(graph.TransitivePrerequisites(focus)), ids(graph.TransitiveImpact(focus)));
    }
  }
  if (output.empty() || output == "-") {
    ctx.out << text;
    return done;
  }
  std::string error;
  if (!WriteFileAtomically(output, text, &error)) {
    ctx.err << "sceau graph: " << error << "\n";
    return kExitInvalid;
  }
  spdlog::info("wrote {}", output);
  return done;
}

// sceau diff OLD.yaml NEW.yaml [--format text|json] [-o FILE]
// Exit 0 when both files load (changes or not), 1 when either has errors, 2 on bad arguments.
int RunDiff(const std::string& old_path, const std::string& new_path, const std::string& format,
            const std::string& output, const CommandContext& ctx) {
  if (format != "text" && format != "json") {
    ctx.err << Fmt("sceau diff: unknown format '{}': use text or json\n", format);
    return kExitUsage;
  }
  ReferentialLoad o = LoadReferentialFile(old_path);
  ReferentialLoad n = LoadReferentialFile(new_path);
  PrintDiagnostics(o.diagnostics, ctx);
  PrintDiagnostics(n.diagnostics, ctx);
  if (!o.ok() || !n.ok()) return kExitInvalid;
  ReferentialDiff diff = DiffReferentials(*o.referential, *n.referential);
  std::string text = format == "json" ? DiffToJson(diff, *o.referential, *n.referential)
                                      : DiffToText(diff, *o.referential, *n.referential);
  if (output.empty() || output == "-") {
    ctx.out << text;
    return kExitOk;
  }
  std::string error;
  if (!WriteFileAtomically(output, text, &error)) {
    ctx.err << "sceau diff: " << error << "\n";
    return kExitInvalid;
  }
  return kExitOk;
}

}  // namespace

CommandRun DeclareValidate(CLI::App& app) {
  struct Options {
    std::vector<std::string> files;
    bool strict = false;
    bool all_cycles = false;
  };
  auto o = std::make_shared<Options>();
  app.add_option("FILE", o->files, "Referential YAML files")->required();
  app.add_flag("--strict", o->strict, "Treat warnings as errors (exit 1 if any)");
  app.add_flag("--all-cycles", o->all_cycles,
               "Report every group of mutually dependent criteria (default: the first 20)");
  app.footer("Exit codes: 0 every file valid, 1 some file invalid, 2 usage error.");
  return
      [o](const CommandContext& c) { return RunValidate(o->files, o->strict, o->all_cycles, c); };
}

CommandRun DeclareGraph(CLI::App& app) {
  struct Options {
    std::string file;
    std::string format = "dot";
    std::string criterion;
    std::string output;
    bool all_cycles = false;
  };
  auto o = std::make_shared<Options>();
  app.add_option("FILE", o->file, "Referential YAML file")->required();
  app.add_flag("--all-cycles", o->all_cycles,
               "Report every group of mutually dependent criteria (default: the first 20)");
  app.add_option("--format", o->format, "dot (for Graphviz), json, or summary")
      ->check(CLI::IsMember({"dot", "json", "summary"}))
      ->capture_default_str();
  app.add_option("--criterion", o->criterion,
                 "Only this criterion, its prerequisites and what it impacts");
  app.add_option("-o,--output", o->output, "Write to this file instead of stdout");
  app.footer("Example: sceau graph referentials/cedre-iso9001.yaml | dot -Tsvg > graph.svg");
  return [o](const CommandContext& c) {
    return RunGraph(o->file, o->format, o->criterion, o->output, o->all_cycles, c);
  };
}

CommandRun DeclareDiff(CLI::App& app) {
  struct Options {
    std::string old_path;
    std::string new_path;
    std::string format = "text";
    std::string output;
  };
  auto o = std::make_shared<Options>();
  app.add_option("OLD", o->old_path, "Referential YAML file, previous version")->required();
  app.add_option("NEW", o->new_path, "Referential YAML file, new version")->required();
  app.add_option("--format", o->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("-o,--output", o->output, "Write to this file instead of stdout");
  app.footer(
      "Exit codes: 0 both files load (with or without changes), 1 a file has errors, 2 usage.");
  return [o](const CommandContext& c) {
    return RunDiff(o->old_path, o->new_path, o->format, o->output, c);
  };
}

}  // namespace sceau::cli
