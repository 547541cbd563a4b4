#include "cli/commands.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/audit_commands.h"
#include "cli/batch_commands.h"
#include "cli/plan_commands.h"
#include "cli/register_commands.h"
#include "cli/sign_commands.h"
#include "cli/summary_commands.h"
#include "cli/terminal.h"
#include "engine/criteria_graph.h"
#include "engine/referential_diff.h"
#include "engine/referential_loader.h"
#include "reports/atomic_file.h"

#ifndef SCEAU_VERSION
#define SCEAU_VERSION "0.0.0"
#endif

namespace sceau::cli {
namespace {

struct GlobalOptions {
  int verbosity = 0;
  bool quiet = false;
  std::string color = "auto";
  bool use_color = false;
};

void PrintDiagnostics(const std::vector<Diagnostic>& diags, const GlobalOptions& g) {
  RenderOptions options;
  options.color = g.use_color;
  for (const Diagnostic& d : diags) std::cerr << RenderDiagnostic(d, options);
}

std::string Plural(size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Loads a referential, printing its diagnostics. Returns null when it has errors.
std::shared_ptr<const Referential> LoadAndReport(const std::string& path, const GlobalOptions& g,
                                                 int* errors, int* warnings) {
  auto start = std::chrono::steady_clock::now();
  ReferentialLoad load = LoadReferentialFile(path);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  spdlog::info("{}: loaded in {:.1f} ms", path, ms.count());
  PrintDiagnostics(load.diagnostics, g);
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
  return fmt::format("{} {}: {} in {}, {}, longest chain {}, {}", ref.id, ref.version,
                     Plural(ref.criteria.size(), "criterion", "criteria"),
                     Plural(ref.chapters.size(), "chapter", "chapters"),
                     Plural(static_cast<size_t>(graph.edge_count()), "prerequisite link",
                            "prerequisite links"),
                     longest, Plural(blocking, "blocking criterion", "blocking criteria"));
}

std::string SummaryText(const Referential& ref, const CriteriaGraph& graph) {
  std::string out = SummaryLine(ref, graph) + "\n";
  out += fmt::format("  title:      {}\n", ref.title.fr());
  if (!ref.publisher.empty()) out += fmt::format("  publisher:  {}\n", ref.publisher);
  if (ref.effective) out += fmt::format("  effective:  {}\n", ref.effective->ToString());
  for (const Scale& s : ref.scales) {
    std::string codes;
    if (s.type == ScaleType::kGrades) {
      for (const Grade& g : s.grades) codes += (codes.empty() ? "" : " ") + g.code;
    } else {
      for (const Level& l : s.levels) codes += (codes.empty() ? "" : " ") + l.code;
    }
    out += fmt::format("  scale:      {} ({}): {}\n", s.id,
                       s.type == ScaleType::kGrades ? "grades" : "maturity", codes);
  }
  out += "  chapters:\n";
  for (const Chapter& ch : ref.chapters) {
    size_t n = std::count_if(ref.criteria.begin(), ref.criteria.end(), [&](const Criterion& c) {
      return ref.ChapterWithin(c.chapter, static_cast<int>(&ch - ref.chapters.data()));
    });
    out += fmt::format("    {:<12} {:>3}  {}\n", std::string(static_cast<size_t>(ch.depth) * 2, ' ') + ch.id,
                       n, ch.title.fr());
  }
  // Where a failure would reach furthest: the criteria with the largest transitive impact.
  std::vector<std::pair<int, int>> impact;
  for (int c = 0; c < graph.size(); ++c) {
    impact.emplace_back(static_cast<int>(graph.TransitiveImpact(c).size()), c);
  }
  std::stable_sort(impact.begin(), impact.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  out += "  widest impact (criteria a failure would impact):\n";
  for (size_t i = 0; i < impact.size() && i < 5 && impact[i].first > 0; ++i) {
    const Criterion& c = ref.criteria[static_cast<size_t>(impact[i].second)];
    out += fmt::format("    {:<12} {:>3}  {}\n", c.id, impact[i].first, c.title.fr());
  }
  std::vector<std::string> roots;
  for (int c = 0; c < graph.size(); ++c) {
    if (graph.Prerequisites(c).empty() && !graph.Dependents(c).empty()) {
      roots.push_back(ref.criteria[static_cast<size_t>(c)].id);
    }
  }
  out += fmt::format("  foundations (required by others, requiring nothing): {}\n",
                     fmt::join(roots, " "));
  return out;
}

int RunValidate(const std::vector<std::string>& files, bool strict, const GlobalOptions& g) {
  int total_errors = 0;
  int total_warnings = 0;
  int invalid = 0;
  for (const std::string& path : files) {
    int errors = 0;
    int warnings = 0;
    auto ref = LoadAndReport(path, g, &errors, &warnings);
    total_errors += errors;
    total_warnings += warnings;
    bool failed = !ref || (strict && warnings > 0);
    if (failed) ++invalid;
    if (ref && !g.quiet) {
      CriteriaGraph graph(*ref);
      std::cout << fmt::format("{}: {}{}\n", path, failed ? "rejected (--strict): " : "ok: ",
                               SummaryLine(*ref, graph));
    }
  }
  if (total_errors + total_warnings > 0 || invalid > 0) {
    std::cerr << fmt::format("{} and {} in {} of {}\n", Plural(total_errors, "error", "errors"),
                             Plural(total_warnings, "warning", "warnings"),
                             Plural(invalid, "invalid file", "invalid files"),
                             Plural(files.size(), "file", "files"));
  }
  return invalid > 0 ? kExitInvalid : kExitOk;
}

int RunGraph(const std::string& path, const std::string& format, const std::string& criterion,
             const std::string& output, const GlobalOptions& g) {
  int errors = 0;
  int warnings = 0;
  auto ref = LoadAndReport(path, g, &errors, &warnings);
  if (!ref) return kExitInvalid;
  CriteriaGraph graph(*ref);
  int focus = -1;
  if (!criterion.empty()) {
    focus = ref->FindCriterion(criterion);
    if (focus < 0) {
      std::vector<std::string> ids;
      for (const Criterion& c : ref->criteria) ids.push_back(c.id);
      std::cerr << fmt::format("sceau graph: {} has no criterion '{}'{}\n", path, criterion,
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
      text += fmt::format("  {}:\n    requires:          {}\n    required by:       {}\n"
                          "    all prerequisites: {}\n    a failure impacts: {}\n",
                          criterion, ids(graph.Prerequisites(focus)), ids(graph.Dependents(focus)),
                          ids(graph.TransitivePrerequisites(focus)),
                          ids(graph.TransitiveImpact(focus)));
    }
  }
  if (output.empty() || output == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::string error;
  if (!WriteFileAtomically(output, text, &error)) {
    std::cerr << "sceau graph: " << error << "\n";
    return kExitInvalid;
  }
  spdlog::info("wrote {}", output);
  return kExitOk;
}

// sceau diff OLD.yaml NEW.yaml [--format text|json] [-o FILE]
// Exit 0 when both files load (changes or not), 1 when either has errors, 2 on bad arguments.
int RunDiff(const std::string& old_path, const std::string& new_path, const std::string& format,
            const std::string& output, const GlobalOptions& g) {
  if (format != "text" && format != "json") {
    std::cerr << fmt::format("sceau diff: unknown format '{}': use text or json\n", format);
    return kExitUsage;
  }
  ReferentialLoad o = LoadReferentialFile(old_path);
  ReferentialLoad n = LoadReferentialFile(new_path);
  PrintDiagnostics(o.diagnostics, g);
  PrintDiagnostics(n.diagnostics, g);
  if (!o.ok() || !n.ok()) return kExitInvalid;
  ReferentialDiff diff = DiffReferentials(*o.referential, *n.referential);
  std::string text = format == "json" ? DiffToJson(diff, *o.referential, *n.referential)
                                      : DiffToText(diff, *o.referential, *n.referential);
  if (output.empty() || output == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::string error;
  if (!WriteFileAtomically(output, text, &error)) {
    std::cerr << "sceau diff: " << error << "\n";
    return kExitInvalid;
  }
  return kExitOk;
}

}  // namespace

std::function<int()>& Deferred() {
  static std::function<int()> run;
  return run;
}

void DeferCommand(std::function<int()> run) { Deferred() = std::move(run); }

int Run(int argc, char** argv) {
  CLI::App app{
      "sceau: the audit engine for quality labels.\n"
      "Validates referentials (the requirements of a label), evaluates audit dossiers against\n"
      "them, and writes the decision, scores, gaps and action plan."};
  app.name("sceau");
  app.set_version_flag("--version", std::string("sceau ") + SCEAU_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions g;
  app.add_flag("-v,--verbose", g.verbosity, "More messages on stderr (-vv for debug)");
  app.add_flag("-q,--quiet", g.quiet, "Only errors: no summaries, no warnings from the log");
  app.add_option("--color", g.color, "Colour diagnostics: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.footer(
      "Exit codes: 0 success, 1 invalid input (diagnostics on stderr), 2 usage error.\n"
      "Run 'sceau COMMAND --help' for a command's options.");

  std::vector<std::string> validate_files;
  bool strict = false;
  CLI::App* validate = app.add_subcommand(
      "validate", "Check referential files and report every problem, compiler-style");
  validate->add_option("FILE", validate_files, "Referential YAML files")->required();
  validate->add_flag("--strict", strict, "Treat warnings as errors (exit 1 if any)");
  validate->footer("Exit codes: 0 every file valid, 1 some file invalid, 2 usage error.");

  std::string graph_file;
  std::string graph_format = "dot";
  std::string graph_criterion;
  std::string graph_output;
  CLI::App* graph = app.add_subcommand(
      "graph", "Print a referential's criteria graph (Graphviz DOT, JSON, or a text summary)");
  graph->add_option("FILE", graph_file, "Referential YAML file")->required();
  graph->add_option("--format", graph_format, "dot (for Graphviz), json, or summary")
      ->check(CLI::IsMember({"dot", "json", "summary"}))
      ->capture_default_str();
  graph->add_option("--criterion", graph_criterion,
                    "Only this criterion, its prerequisites and what it impacts");
  graph->add_option("-o,--output", graph_output, "Write to this file instead of stdout");
  graph->footer("Example: sceau graph referentials/cedre-iso9001.yaml | dot -Tsvg > graph.svg");

  AuditOptions audit_options;
  std::string formats = "json,csv,pdf";
  CLI::App* audit = app.add_subcommand(
      "audit", "Evaluate an audit dossier: decision, scores, gaps, action plan; write the reports");
  audit->add_option("DOSSIER", audit_options.dossier, "Audit dossier YAML file")->required();
  audit->add_option("--referentials", audit_options.referentials,
                    "Folder of referentials (default: $SCEAU_REFERENTIALS, else ./referentials)");
  audit->add_option("--out", audit_options.out, "Folder for the reports")->capture_default_str();
  audit->add_option("--format", formats, "Reports to write, comma-separated: json, csv, pdf")
      ->capture_default_str();
  audit->add_option("--csv-separator", audit_options.csv_separator,
                    "CSV separator: ',' or ';' (for French spreadsheets)")
      ->check(CLI::IsMember({",", ";"}))
      ->capture_default_str();
  audit->add_option("--lang", audit_options.lang, "Language of the summary, the CSV and the PDF: fr, en")
      ->check(CLI::IsMember({"fr", "en"}))
      ->capture_default_str();
  audit->add_option("--coverage", audit_options.coverage,
                    "Also report how far the items of this framework (e.g. iso9001) are covered "
                    "and met; repeatable");
  audit->add_option("--register", audit_options.register_db,
                    "Record the decision in this certificate register first, and write the "
                    "certificate number it issues or carries into the reports");
  audit->footer(
      "Exit codes: 0 evaluated (whatever the decision), 1 invalid dossier (nothing written), "
      "2 usage error.");

  AuditOptions check_options;
  CLI::App* check = app.add_subcommand(
      "check", "Check a dossier against its referential without writing reports");
  check->add_option("DOSSIER", check_options.dossier, "Audit dossier YAML file")->required();
  check->add_option("--referentials", check_options.referentials,
                    "Folder of referentials (default: $SCEAU_REFERENTIALS, else ./referentials)");
  check->footer("Exit codes: 0 ready to evaluate, 1 invalid dossier, 2 usage error.");

  ReportOptions report_options;
  std::string report_formats = "pdf";
  CLI::App* rep = app.add_subcommand("report", "Render an existing JSON result as a PDF report");
  rep->add_option("RESULT", report_options.result, "JSON result written by 'sceau audit'")->required();
  rep->add_option("--out", report_options.out, "Folder for the report")->capture_default_str();
  rep->add_option("--format", report_formats, "Report to write: pdf")->capture_default_str();
  rep->add_option("--lang", report_options.lang, "Language of the report: fr, en")
      ->check(CLI::IsMember({"fr", "en"}))
      ->capture_default_str();

  std::string diff_old, diff_new, diff_format = "text", diff_output;
  CLI::App* diff = app.add_subcommand(
      "diff", "What changed between two versions of a referential (for the release notes)");
  diff->add_option("OLD", diff_old, "Referential YAML file, previous version")->required();
  diff->add_option("NEW", diff_new, "Referential YAML file, new version")->required();
  diff->add_option("--format", diff_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  diff->add_option("-o,--output", diff_output, "Write to this file instead of stdout");
  diff->footer("Exit codes: 0 both files load (with or without changes), 1 a file has errors, 2 usage.");

  MigrateOptions migrate_options;
  CLI::App* migrate = app.add_subcommand(
      "migrate", "Carry an audit dossier over to the next version of its referential");
  migrate->add_option("DOSSIER", migrate_options.dossier, "Audit dossier YAML file")->required();
  migrate->add_option("--to", migrate_options.to, "The new version's referential file")->required();
  migrate->add_option("--out", migrate_options.out,
                      "Write here (never overwrites); default <stem>-<version>.yaml beside it");
  migrate->add_option("--referentials", migrate_options.referentials,
                      "Folder holding the dossier's version (default: as for audit, then the "
                      "folder of --to)");
  migrate->footer(
      "Nothing is dropped silently: assessments nothing takes over are listed and kept as "
      "comments.\nExit codes: 0 written, 1 invalid input or refused, 2 usage error.");

  TemplateOptions template_options;
  CLI::App* tmpl = app.add_subcommand(
      "template", "Write a blank dossier listing every criterion that applies, ready to fill in");
  tmpl->add_option("REFERENTIAL", template_options.referential, "Referential YAML file")->required();
  tmpl->add_option("--kind", template_options.kind, "Organisation kind: ACI, AI, EI, ETTI, GES, EBE, other")
      ->required();
  tmpl->add_option("--headcount", template_options.headcount,
                   "Permanent staff plus employees on a pathway (drops criteria that do not apply)");
  tmpl->add_option("--sites", template_options.sites, "Number of sites (drops criteria that do not apply)");
  tmpl->add_option("--out", template_options.out, "Write to this file (never overwrites); default stdout");
  tmpl->add_option("--lang", template_options.lang, "Language of the comments: fr, en")
      ->check(CLI::IsMember({"fr", "en"}))
      ->capture_default_str();

  KeygenOptions keygen_options;
  CLI::App* keygen = app.add_subcommand(
      "keygen", "Make an Ed25519 key pair for signing results: NAME.key (private) and NAME.pub");
  keygen->add_option("--out", keygen_options.out,
                     "NAME: writes NAME.key (mode 0600) and NAME.pub; never overwrites")
      ->required();
  keygen->footer("Exit codes: 0 written, 1 a key file exists or cannot be written, 2 usage error.");

  SignOptions sign_options;
  CLI::App* sign = app.add_subcommand(
      "sign", "Sign a JSON result: write RESULT.json.sig, and with --pdf a PDF carrying both");
  sign->add_option("RESULT", sign_options.result, "JSON result written by 'sceau audit'")->required();
  sign->add_option("--key", sign_options.key, "Private key written by 'sceau keygen' (NAME.key)")
      ->required();
  sign->add_flag("--pdf", sign_options.pdf,
                 "Also write RESULT.pdf: the report, with the result and its signature attached");
  sign->add_option("--lang", sign_options.lang, "Language of the PDF: fr, en")
      ->check(CLI::IsMember({"fr", "en"}))
      ->capture_default_str();
  sign->footer("Exit codes: 0 signed, 1 invalid input (not a result, unusable key), 2 usage error.");

  VerifyOptions verify_options;
  CLI::App* verify = app.add_subcommand(
      "verify", "Check a signed JSON result or a signed PDF report against a public key");
  verify->add_option("FILE", verify_options.file, "JSON result (signature in FILE.sig) or signed PDF")
      ->required();
  verify->add_option("--key", verify_options.key, "The signer's public key (NAME.pub)")->required();
  verify->add_option("--signature", verify_options.signature,
                     "Signature of a JSON result (default: FILE.sig)");
  verify->footer(
      "Exit codes: 0 valid, 1 invalid (altered, signed by another key, unsigned, unreadable), "
      "2 usage error (including a --key that is not an Ed25519 public key).");

  BatchCommand batch_command(&app);
  SummaryCommand summary_command(&app);
  AddRegisterCommands(app);
  AddPlanCommand(app);  // sceau plan (cli/plan_commands.h)

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  g.use_color = UseColor(g.color == "always"  ? ColorMode::kAlways
                         : g.color == "never" ? ColorMode::kNever
                                              : ColorMode::kAuto);
  SetUpLogging(g.verbosity, g.quiet, g.use_color);

  if (Deferred()) return Deferred()();  // register, plan
  if (*validate) return RunValidate(validate_files, strict, g);
  if (batch_command.chosen()) return batch_command.Run(g.quiet, g.use_color);
  if (summary_command.chosen()) return summary_command.Run(g.quiet, g.use_color);
  if (*audit) {
    audit_options.formats.clear();
    for (size_t start = 0; start <= formats.size();) {
      size_t comma = formats.find(',', start);
      std::string f = formats.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!f.empty()) audit_options.formats.push_back(f);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    audit_options.quiet = g.quiet;
    audit_options.color = g.use_color;
    return RunAudit(audit_options);
  }
  if (*diff) return RunDiff(diff_old, diff_new, diff_format, diff_output, g);
  if (*migrate) {
    migrate_options.quiet = g.quiet;
    migrate_options.color = g.use_color;
    return RunMigrate(migrate_options);
  }
  if (*rep) {
    report_options.formats = {report_formats};
    report_options.quiet = g.quiet;
    return RunReport(report_options);
  }
  if (*check) {
    check_options.quiet = g.quiet;
    check_options.color = g.use_color;
    return RunCheck(check_options);
  }
  if (*tmpl) {
    template_options.color = g.use_color;
    return RunTemplate(template_options);
  }
  if (*keygen) {
    keygen_options.quiet = g.quiet;
    return RunKeygen(keygen_options);
  }
  if (*sign) {
    sign_options.quiet = g.quiet;
    return RunSign(sign_options);
  }
  if (*verify) {
    verify_options.quiet = g.quiet;
    return RunVerify(verify_options);
  }
  if (*graph) return RunGraph(graph_file, graph_format, graph_criterion, graph_output, g);
  return kExitUsage;
}

}  // namespace sceau::cli
