#include "cli/audit_commands.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "cli/audit_pipeline.h"
#include "cli/commands.h"
#include "cli/editor_schema.h"
#include "cli/grid_template.h"
#include "cli/group_commands.h"
#include "cli/issuer_option.h"
#include "cli/messages.h"
#include "engine/coverage.h"
#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/migrate.h"
#include "engine/referential_library.h"
#include "engine/referential_loader.h"
#include "engine/safe_text.h"
#include "engine/schema_modeline.h"
#include "engine/wording.h"
#include "reports/atomic_file.h"
#include "reports/csv_writer.h"
#include "reports/json_writer.h"
#include "reports/pdf_writer.h"
#include "reports/report_model.h"
#include "reports/xlsx_grid.h"

namespace sceau::cli {
namespace {

namespace fs = std::filesystem;

// A date in running text: "9 juin 2026" / "9 June 2026".
std::string When(const Date& d, const std::string& lang) { return LongDate(d, lang); }

// The certificate after this audit, from the cycle: "Certificat : renouvelé le 9 juin 2026,
// valable du 9 juin 2026 au 26 juin 2029 ; prochain audit : surveillance avant le 9 juin 2027".
std::string CycleLine(const Lifecycle& l, const std::string& lang) {
  std::string state = Say(lang, "cycle.state." + l.state);
  std::string out =
      Say(lang, "cycle.state", {{"state", state}, {"date", When(l.state_date, lang)}});
  bool holds = l.state == "granted" || l.state == "maintained" || l.state == "renewed" ||
               l.state == "suspended";
  if (holds && l.effective && l.expiry) {
    out += Say(lang, "cycle.valid",
               {{"effective", When(*l.effective, lang)}, {"expiry", When(*l.expiry, lang)}});
  }
  if (l.next_kind == "initial" || l.next_kind == "surveillance" || l.next_kind == "renewal") {
    std::string kind = Say(lang, "cycle.kind." + l.next_kind);
    out += l.next_due
               ? Say(lang, "cycle.next_due", {{"kind", kind}, {"due", When(*l.next_due, lang)}})
               : Say(lang, "cycle.next", {{"kind", kind}});
  }
  return out + "\n";
}

void Print(const std::vector<Diagnostic>& diags, bool color, std::ostream& err) {
  RenderOptions options;
  options.color = color;
  for (const Diagnostic& d : diags) err << RenderDiagnostic(d, options);
}

// Loads the dossier and its referential and evaluates it, printing diagnostics. Returns false when
// the dossier cannot be published (load errors or contradictions).
struct Audited {
  DossierLoad load;
  Evaluation evaluation;
  bool ok = false;
};

Audited LoadAndEvaluate(const AuditOptions& o, std::ostream& err) {
  Audited a;
  ReferentialLibrary library(FindReferentialsDir(o.referentials));
  ReferentialResolver resolve = [&library](const std::string& id, const std::string& version,
                                           std::string* error) {
    return library.Resolve(id, version, error);
  };
  a.load = LoadDossierFile(o.dossier, resolve);
  Print(library.diagnostics(), o.color, err);
  Print(a.load.diagnostics, o.color, err);
  if (!a.load.ok()) return a;
  a.evaluation = Evaluate(*a.load.referential, *a.load.dossier);
  Print(a.evaluation.diagnostics, o.color, err);
  a.ok = a.evaluation.ok();
  return a;
}

void Tally(const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b, int* errors,
           int* warnings) {
  for (const auto* v : {&a, &b}) {
    *errors += CountDiagnostics(*v, Severity::kError);
    *warnings += CountDiagnostics(*v, Severity::kWarning);
  }
}

// A condition of the rule that decided, in words, as the report says it: "non-conformités
// majeures : 0 (règle : au plus 0)".
std::string DescribeCondition(const Referential& ref, const AuditResult& r, const ConditionTrace& t,
                              const std::string& lang) {
  const Condition& c = *t.condition;
  auto join = [&](const std::vector<ConditionTrace>& children) {
    std::string out;
    for (const ConditionTrace& child : children) {
      out +=
          (out.empty() ? "" : Say(lang, "list_separator")) + DescribeCondition(ref, r, child, lang);
    }
    return out;
  };
  switch (c.op) {
    case Condition::Op::kAll:
      return Say(lang, "cond.all", {{"conditions", join(t.children)}});
    case Condition::Op::kAny:
      return Say(lang, "cond.any", {{"conditions", join(t.children)}});
    case Condition::Op::kNot:
      return Say(lang, "cond.not", {{"conditions", join(t.children)}});
    case Condition::Op::kLeaf:
      break;
  }
  auto chapter_id = [&] { return TerminalSafe(ref.chapters[static_cast<size_t>(c.chapter)].id); };
  std::string what;
  bool points = c.metric == Metric::kPoints;
  bool score = c.metric == Metric::kScore;
  if (c.metric == Metric::kBlockingFailed) {
    what = Say(lang, "cond.blocking_failed");
  } else if (c.metric == Metric::kCount) {
    if (c.kind)
      what = Say(lang, "cond.kind." + std::string(GradeKindName(*c.kind)));
    else if (!c.grade.empty())
      what = Say(lang, "cond.count_grade", {{"grade", TerminalSafe(c.grade)}});
    else if (!c.level.empty())
      what = Say(lang, "cond.count_level", {{"level", TerminalSafe(c.level)}});
    else if (!c.level_below.empty())
      what = Say(lang, "cond.count_level_below", {{"level", TerminalSafe(c.level_below)}});
    else
      what = Say(lang, "cond.count_all");
    if (c.chapter >= 0)
      what = Say(lang, "cond.in_chapter", {{"what", what}, {"chapter", chapter_id()}});
    if (c.blocking) {
      what = Say(lang, *c.blocking ? "cond.blocking_only" : "cond.non_blocking_only",
                 {{"what", what}});
    }
  } else {
    std::string base = points ? "cond.points" : "cond.score";
    if (c.each_chapter)
      what = Say(lang, base + "_each");
    else if (c.chapter >= 0)
      what = Say(lang, base + "_chapter", {{"chapter", chapter_id()}});
    else
      what = Say(lang, base);
  }
  auto num = [&](double v) { return score ? Percent(v, lang) : Number(v, points ? 1 : 0, lang); };
  std::string bound;
  if (c.min && c.max)
    bound = Say(lang, "cond.between", {{"min", num(*c.min)}, {"max", num(*c.max)}});
  else if (c.min)
    bound = Say(lang, "cond.min", {{"min", num(*c.min)}});
  else if (c.max)
    bound = Say(lang, "cond.max", {{"max", num(*c.max)}});
  std::string observed = num(t.observed);
  if ((score || points) && !c.each_chapter && c.chapter >= 0) {
    // A chapter with no graded criterion has no score: the condition does not hold.
    auto it = std::find_if(r.chapters.begin(), r.chapters.end(),
                           [&](const ChapterResult& ch) { return ch.chapter == c.chapter; });
    if (it != r.chapters.end() && !it->scored) observed = Say(lang, "cond.not_scored");
  }
  return Say(lang, "cond.line", {{"what", what}, {"observed", observed}, {"bound", bound}});
}

std::string Summary(const Referential& ref, const Dossier& d, const AuditResult& r,
                    const std::string& lang) {
  std::string out;
  const Organisation& org = d.organisation;
  // Every value from the dossier or the referential reaches a terminal escaped.
  auto S = [](std::string_view text) { return TerminalSafe(text); };
  out += Say(lang, "summary.audit",
             {{"organisation", S(org.name)},
              {"kind", std::string(OrgKindName(org.kind))},
              {"audit_kind", Say(lang, "audit_kind." + std::string(AuditKindName(d.audit.kind)))},
              {"audit", S(d.audit.id)},
              {"start", When(d.audit.start, lang)},
              {"end", When(d.audit.end, lang)}}) +
         "\n";
  out += Say(lang, "summary.referential",
             {{"id", S(ref.id)},
              {"version", S(ref.version)},
              {"applicable", SayCount(lang, "criteria.applicable", r.applicable_criteria)},
              {"na", SayCount(lang, "criteria.na", r.not_applicable)}}) +
         "\n\n";
  if (r.outcome >= 0) {
    const Outcome& outcome = ref.policy.outcomes[static_cast<size_t>(r.outcome)];
    std::string label = S(outcome.label.Get(lang));
    out += Say(lang, "summary.decision", {{"label", label}}) + "\n";
    const OutcomeTrace& trace = r.outcomes.back();
    std::string rule = Say(lang, "quote", {{"text", label}});
    if (trace.conditions.empty()) {
      out += Say(lang, "summary.rule_default", {{"rule", rule}}) + "\n";
    } else {
      std::string conditions;
      for (const ConditionTrace& t : trace.conditions) {
        conditions += (conditions.empty() ? "" : Say(lang, "list_separator")) +
                      DescribeCondition(ref, r, t, lang);
      }
      out += Say(lang, "summary.rule", {{"rule", rule}, {"conditions", conditions}}) + "\n";
    }
  }
  out += Say(lang, "summary.score", {{"score", Percent(r.score, lang)}});
  if (ref.policy.points_scale != 100) {
    out += Say(lang, "summary.points",
               {{"points", Number(r.points, 1, lang)},
                {"scale", Number(ref.policy.points_scale, 0, lang)}});
  }
  out += "\n";
  // Counts of gaps by grade, gravest first.
  std::vector<std::pair<int, std::string>> gaps;
  int strengths = 0;
  for (const Scale& s : ref.scales) {
    for (const Grade& g : s.grades) {
      auto it = r.grade_counts.find(g.code);
      int n = it == r.grade_counts.end() ? 0 : it->second;
      if (g.kind == GradeKind::kStrength) strengths += n;
      if (Gravity(g.kind) >= 2)
        gaps.emplace_back(-Gravity(g.kind), fmt::format("{} {}", S(g.code), n));
    }
    // On a maturity scale, the gaps are the levels below the pass level.
    for (size_t l = 0; l < s.levels.size() && static_cast<int>(l) < s.pass_from; ++l) {
      auto it = r.grade_counts.find(s.levels[l].code);
      int n = it == r.grade_counts.end() ? 0 : it->second;
      gaps.emplace_back(static_cast<int>(l), fmt::format("{} {}", S(s.levels[l].code), n));
    }
  }
  std::stable_sort(gaps.begin(), gaps.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string counts;
  for (const auto& [rank, text] : gaps) counts += (counts.empty() ? "" : " · ") + text;
  if (counts.empty()) counts = Say(lang, "summary.gaps_none");
  bool graded = std::any_of(ref.scales.begin(), ref.scales.end(),
                            [](const Scale& sc) { return sc.type == ScaleType::kGrades; });
  if (graded) {
    out += Say(lang, "summary.gaps_strengths",
               {{"counts", counts}, {"strengths", SayCount(lang, "strengths", strengths)}}) +
           "\n";
  } else {
    out += Say(lang, "summary.gaps", {{"counts", counts}}) + "\n";
  }
  if (!r.blocking_failed.empty()) {
    std::vector<std::string> ids;
    for (int c : r.blocking_failed) ids.push_back(S(ref.criteria[static_cast<size_t>(c)].id));
    out += Say(lang, "summary.blocking", {{"ids", fmt::format("{}", fmt::join(ids, ", "))}}) + "\n";
  }
  int shown = 0;
  for (const RootCauseGroup& g : r.root_causes) {
    if (g.root < 0 || shown == 3) continue;
    if (shown++ == 0) out += Say(lang, "summary.roots") + "\n";
    const Criterion& c = ref.criteria[static_cast<size_t>(g.root)];
    out += fmt::format("  {:<12} {:<48} {}\n", S(c.id), S(c.title.Get(lang)),
                       SayCount(lang, "gaps", static_cast<long long>(g.gaps.size())));
  }
  if (!r.actions.empty()) {
    std::optional<Date> first;
    for (const Action& a : r.actions) {
      if (a.due && (!first || *a.due < *first)) first = a.due;
    }
    std::string actions = SayCount(lang, "actions", static_cast<long long>(r.actions.size()));
    out +=
        (first ? Say(lang, "summary.plan_due", {{"actions", actions}, {"due", When(*first, lang)}})
               : Say(lang, "summary.plan", {{"actions", actions}})) +
        "\n";
  }
  if (r.lifecycle) {
    out += CycleLine(*r.lifecycle, lang);
  } else if (r.certificate) {
    out += Say(lang, "summary.certificate",
               {{"effective", When(r.certificate->effective, lang)},
                {"expiry", When(r.certificate->expiry, lang)},
                {"due", When(r.certificate->first_surveillance_due, lang)}}) +
           "\n";
  }
  return out;
}

}  // namespace

std::string FindReferentialsDir(const std::string& given) {
  return FindReferentialsDir(given, Environment::FromProcess());
}

std::string FindReferentialsDir(const std::string& given, const Environment& env) {
  if (!given.empty()) return given;
  if (std::string dir = env.Get("SCEAU_REFERENTIALS"); !dir.empty()) return dir;
  std::error_code ec;
  if (fs::is_directory("referentials", ec)) return "referentials";
  // Beside the checkout the binary was built in: <checkout>/build/sceau -> <checkout>/referentials.
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path candidate = exe.parent_path().parent_path() / "referentials";
    if (fs::is_directory(candidate, ec)) return candidate.string();
  }
  return "referentials";
}

PolicyLookup ReferentialPolicies(const std::string& given, const Environment& env,
                                 MissingReferential missing) {
  auto library = std::make_shared<ReferentialLibrary>(FindReferentialsDir(given, env));
  // Each (id, version) is looked up once, found or not: a register of thousands of certificates
  // of a missing referential searches the folder once. `missing` hears of every miss (the summary
  // counts the results concerned).
  struct Known {
    std::optional<Policy> policy;
    std::string error;
  };
  struct Cache {
    std::mutex mutex;
    std::map<std::pair<std::string, std::string>, Known> known;
  };
  auto cache = std::make_shared<Cache>();
  return [library, missing, cache](const std::string& id,
                                   const std::string& version) -> std::optional<Policy> {
    std::unique_lock<std::mutex> lock(cache->mutex);
    auto key = std::make_pair(id, version);
    auto it = cache->known.find(key);
    if (it == cache->known.end()) {
      Known k;
      if (auto ref = library->Resolve(id, version, &k.error)) k.policy = ref->policy;
      it = cache->known.emplace(std::move(key), std::move(k)).first;
    }
    Known k = it->second;
    lock.unlock();
    if (!k.policy && missing) missing(id, version, k.error);
    return k.policy;
  };
}

int RunAudit(const AuditOptions& o, std::ostream& out, std::ostream& err) {
  if (IsGroupDossier(o.dossier)) return RunGroupAudit(o, out, err);  // cli/group_commands.h
  for (const std::string& f : o.formats) {
    if (f != "json" && f != "csv" && f != "pdf") {
      err << Fmt("sceau audit: unknown format '{}': use json, csv, pdf\n", f);
      return kExitUsage;
    }
  }
  ReferentialLibrary library(FindReferentialsDir(o.referentials));
  AuditRequest request;
  request.dossier = o.dossier;
  request.out_dir = o.out;
  request.stem = fs::path(o.dossier).stem().string();
  PipelineOptions options;
  options.formats = o.formats;
  options.csv_separator = o.csv_separator.empty() ? ',' : o.csv_separator[0];
  options.lang = o.lang;
  options.coverage = o.coverage;
  options.register_path = o.register_db;
  if (!ReadDirectoryUrl(o.config, o.color, err, &options.directory_url)) return kExitInvalid;
  DossierAudit a = AuditDossier(request, library, options);
  Print(a.referential_diagnostics, o.color, err);
  Print(a.diagnostics, o.color, err);
  if (!a.load.ok() || !a.evaluation.ok()) {
    err << Fmt("{}: {} error(s), {} warning(s): no report written\n", o.dossier, a.errors,
               a.warnings);
    return kExitInvalid;
  }
  if (a.exit_code != kExitOk) {
    err << "sceau audit: " << a.error << "\n";
    return a.exit_code;
  }
  if (!o.quiet) {
    const Referential& ref = *a.load.referential;
    out << Summary(ref, *a.load.dossier, a.evaluation.result, o.lang);
    for (const Coverage& c : a.coverage) {
      int met = 0;
      for (const CoverageItem& i : c.items) met += (i.assessed > 0 && i.met == i.assessed) ? 1 : 0;
      out << Say(o.lang, "summary.coverage",
                 {{"framework", TerminalSafe(c.framework)},
                  {"covered", std::to_string(c.covered())},
                  {"items", std::to_string(c.items.size())},
                  {"met", std::to_string(met)}})
          << "\n";
    }
    out << Say(o.lang, "summary.wrote", {{"files", fmt::format("{}", fmt::join(a.written, ", "))}})
        << "\n";
    if (!a.register_message.empty()) out << a.register_message << "\n";
  }
  return kExitOk;
}

int RunReport(const ReportOptions& o, std::ostream& out, std::ostream& err) {
  for (const std::string& f : o.formats) {
    if (f != "pdf") {
      err << Fmt("sceau report: unknown format '{}': use pdf\n", f);
      return kExitUsage;
    }
  }
  std::string json;
  Diagnostic read_error;
  if (!ReadFileText(o.result, 64u << 20, &json, &read_error)) {
    err << RenderDiagnostic(read_error);
    return kExitInvalid;
  }
  std::string bytes;
  std::string error;
  // The text is released once read into the report's model, before the drawing starts.
  if (!PdfFromJson(std::move(json), o.lang, &bytes, &error)) {
    err << Fmt("{}: error: {}\n", o.result, error);
    return kExitInvalid;
  }
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) {
    err << Fmt("sceau report: cannot create the folder {}: {}\n", o.out, ec.message());
    return kExitInvalid;
  }
  std::string path = (fs::path(o.out) / (fs::path(o.result).stem().string() + ".pdf")).string();
  if (!WriteFileAtomically(path, bytes, &error)) {
    err << "sceau report: " << error << "\n";
    return kExitInvalid;
  }
  if (!o.quiet) out << Say(o.lang, "summary.wrote", {{"files", path}}) << "\n";
  return kExitOk;
}

int RunCheck(const AuditOptions& o, std::ostream& out, std::ostream& err) {
  if (IsGroupDossier(o.dossier)) return RunGroupCheck(o, out, err);  // cli/group_commands.h
  Audited a = LoadAndEvaluate(o, err);
  int errors = 0;
  int warnings = 0;
  Tally(a.load.diagnostics, a.evaluation.diagnostics, &errors, &warnings);
  if (!a.ok) {
    err << Fmt("{}: {} error(s) and {} warning(s)\n", o.dossier, errors, warnings);
    return kExitInvalid;
  }
  if (!o.quiet) {
    const Dossier& d = *a.load.dossier;
    out << Fmt(
        "{}: ok: {} ({}), audit {} against {} {}: {} assessments, {} "
        "evidence items, {} warning(s)\n",
        TerminalSafe(o.dossier), TerminalSafe(d.organisation.name),
        OrgKindName(d.organisation.kind), TerminalSafe(d.audit.id), TerminalSafe(d.referential_id),
        TerminalSafe(d.referential_version), d.assessments.size(), d.evidence.size(), warnings);
  }
  return kExitOk;
}

int RunImport(const AuditOptions& o, const std::string& yaml_out, std::ostream& out,
              std::ostream& err) {
  Audited a = LoadAndEvaluate(o, err);
  int errors = 0;
  int warnings = 0;
  Tally(a.load.diagnostics, a.evaluation.diagnostics, &errors, &warnings);
  if (!a.ok) {
    err << Fmt("{}: {} error(s) and {} warning(s)\n", o.dossier, errors, warnings);
    return kExitInvalid;
  }
  const Dossier& d = *a.load.dossier;
  if (!d.source->has_cells()) {
    err << Fmt("sceau import: {} is not a spreadsheet grid (.xlsx or .ods)", o.dossier) << "\n";
    return kExitUsage;
  }
  std::string text = "# " + Fmt("Imported from {} by sceau import", o.dossier) + "\n";
  text += "format: 1\n";
  text += d.source->text();
  std::string error;
  bool existed = false;
  if (!CreateFileAtomically(yaml_out, text, &error, &existed)) {
    err << "sceau import: "
        << (existed ? Fmt("{} exists already: refusing to overwrite a dossier", yaml_out)
                    : TerminalSafe(error))
        << "\n";
    return kExitInvalid;
  }
  if (!o.quiet) out << Fmt("Wrote {} ({} assessments)", yaml_out, d.assessments.size()) << "\n";
  return kExitOk;
}

namespace {

// A YAML double-quoted scalar.
std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// Appends `text` as comment lines of at most ~96 columns, each starting with `prefix`.
void Comment(std::string* out, const std::string& prefix, const std::string& text) {
  std::string line;
  size_t start = 0;
  auto flush = [&] {
    *out += prefix + line + "\n";
    line.clear();
  };
  while (start < text.size()) {
    size_t space = text.find_first_of(" \n", start);
    std::string word =
        text.substr(start, space == std::string::npos ? std::string::npos : space - start);
    if (!line.empty() && line.size() + 1 + word.size() > 96) flush();
    if (!line.empty()) line += ' ';
    line += word;
    if (space == std::string::npos) break;
    if (text[space] == '\n') flush();
    start = space + 1;
  }
  if (!line.empty()) flush();
}

// Why a criterion does not apply to this organisation, in `lang`: "ne s'applique qu'aux
// structures GES".
std::string WhyNotApplicable(const Applicability& a, const Organisation& org,
                             const std::string& lang) {
  if (!a.kinds.empty() && std::find(a.kinds.begin(), a.kinds.end(), org.kind) == a.kinds.end()) {
    std::vector<std::string> kinds;
    for (OrgKind k : a.kinds) kinds.emplace_back(OrgKindName(k));
    return Say(lang, "applies.kinds", {{"kinds", fmt::format("{}", fmt::join(kinds, ", "))}});
  }
  auto range = [&](const Range& r, const std::string& prefix) {
    if (r.min && r.max) {
      return Say(lang, prefix + "between",
                 {{"min", std::to_string(*r.min)}, {"max", std::to_string(*r.max)}});
    }
    if (r.min) return Say(lang, prefix + "min", {{"min", std::to_string(*r.min)}});
    return Say(lang, prefix + "max", {{"max", std::to_string(*r.max)}});
  };
  if (!a.headcount.Contains(org.headcount())) {
    return Say(
        lang, "applies.headcount",
        {{"range", range(a.headcount, "range.")}, {"value", std::to_string(org.headcount())}});
  }
  return Say(
      lang, "applies.sites",
      {{"range", range(a.sites, "range.sites_")}, {"value", std::to_string(org.sites.size())}});
}

}  // namespace

std::string CheckLine(const Check& check, const std::string& lang) {
  std::string line;
  switch (check.type) {
    case CheckType::kIndicator: {
      std::string unit = check.unit.empty() ? "" : " " + check.unit;
      auto v = [&](double x) { return Number(x, x == std::round(x) ? 0 : 2, lang) + unit; };
      std::string bound = check.min && check.max
                              ? fmt::format(">= {}, <= {}", v(*check.min), v(*check.max))
                          : check.min ? fmt::format(">= {}", v(*check.min))
                                      : fmt::format("<= {}", v(*check.max));
      line =
          Say(lang, "template.check_indicator", {{"indicator", check.indicator}, {"bound", bound}});
      break;
    }
    case CheckType::kEvidence: {
      std::string kinds = fmt::format("{}", fmt::join(check.evidence_kinds, ", "));
      line = check.max_age_months
                 ? Say(lang, "template.check_evidence_age",
                       {{"kinds", kinds}, {"months", std::to_string(*check.max_age_months)}})
                 : Say(lang, "template.check_evidence", {{"kinds", kinds}});
      break;
    }
    case CheckType::kSample:
      line = Say(lang, "template.check_sample",
                 {{"sample", check.sample},
                  {"min", std::to_string(check.min_size)},
                  {"rate", Number(check.pass_rate * 100, 0, lang) + (lang == "en" ? "%" : " %")}});
      break;
  }
  return line;
}

std::vector<TemplateCriterion> TemplateCriteria(const Referential& ref, OrgKind kind, int headcount,
                                                int sites, const std::string& lang) {
  Organisation org;
  org.kind = kind;
  org.permanent = std::max(0, headcount);
  for (int s = 0; s < std::max(1, sites); ++s) org.sites.push_back(Site{});
  const bool kind_only_known = headcount < 0 || sites < 0;
  std::vector<TemplateCriterion> out;
  for (size_t i = 0; i < ref.criteria.size(); ++i) {
    const Criterion& c = ref.criteria[i];
    std::string reason;
    bool applies = Applies(c, org, &reason);
    if (!applies) {
      reason = WhyNotApplicable(c.applies, org, lang);
      // Without headcount or sites we cannot rule out criteria that depend on them: keep those.
      bool depends_on_unknown =
          (c.applies.kinds.empty() || std::find(c.applies.kinds.begin(), c.applies.kinds.end(),
                                                kind) != c.applies.kinds.end()) &&
          kind_only_known;
      if (!depends_on_unknown) continue;
    }
    out.push_back({static_cast<int>(i), applies, applies ? std::string() : reason});
  }
  return out;
}

namespace {

// `sceau template --format xlsx`: the grid, blank or filled from the dossier --from names.
int RunGridTemplate(const TemplateOptions& o, std::ostream& out, std::ostream& err) {
  if (o.out.empty() || o.out == "-") {
    err << Tr("sceau template: --format xlsx writes a file: give it with --out") << "\n";
    return kExitUsage;
  }
  GridTemplateOptions g;
  g.lang = o.lang;
  g.headcount = o.headcount;
  g.sites = o.sites;
  ReferentialLoad load = LoadReferentialFile(o.referential);
  Print(load.diagnostics, o.color, err);
  if (!load.ok()) return kExitInvalid;
  const Referential& ref = *load.referential;
  g.referential_sha256 = ref.sha256;
  std::shared_ptr<SourceFile> source;
  YamlDocument doc;
  if (!o.from.empty()) {
    // Only a dossier that checks goes into a grid: what the format does not know (a key the grid
    // has no column for) is never dropped on the way.
    DossierLoad dossier = LoadDossierFile(o.from, FixedReferential(load.referential));
    Print(dossier.diagnostics, o.color, err);
    if (!dossier.ok()) return kExitInvalid;
    source = std::make_shared<SourceFile>(o.from, dossier.dossier->source->text());
    DiagnosticSink sink(source);
    if (!ParseYaml(source, {}, &sink, &doc)) return kExitInvalid;
    g.dossier = doc.root();
    g.kind = dossier.dossier->organisation.kind;
  } else {
    auto kind = ParseOrgKind(o.kind);
    if (!kind) {
      err << Fmt(
          "sceau template: unknown organisation kind '{}': use ACI, AI, EI, "
          "ETTI, GES, EBE or other\n",
          o.kind);
      return kExitUsage;
    }
    g.kind = *kind;
  }
  grid::OutWorkbook book;
  std::vector<std::string> problems;
  if (!BuildGrid(ref, g, &book, &problems)) {
    for (const std::string& p : problems) {
      err << Fmt("sceau template: {}: {}", o.from, TerminalSafe(p)) << "\n";
    }
    return kExitInvalid;
  }
  std::string error;
  if (!WriteXlsxGrid(book, o.out, /*replace=*/false, &error)) {
    err << "sceau template: " << TerminalSafe(error) << "\n";
    return kExitInvalid;
  }
  out << Say(o.lang, "template.wrote_grid", {{"file", o.out}}) << "\n";
  return kExitOk;
}

}  // namespace

int RunTemplate(const TemplateOptions& o, std::ostream& out, std::ostream& err) {
  if (o.format == "xlsx") return RunGridTemplate(o, out, err);
  if (!o.from.empty()) {
    err << Tr("sceau template: --from fills a grid: use it with --format xlsx") << "\n";
    return kExitUsage;
  }
  auto kind = ParseOrgKind(o.kind);
  if (!kind) {
    err << Fmt(
        "sceau template: unknown organisation kind '{}': use ACI, AI, EI, "
        "ETTI, GES, EBE or other\n",
        o.kind);
    return kExitUsage;
  }
  ReferentialLoad load = LoadReferentialFile(o.referential);
  Print(load.diagnostics, o.color, err);
  if (!load.ok()) return kExitInvalid;
  const Referential& ref = *load.referential;
  const std::string& lang = o.lang;
  std::string text;
  std::string schema_warning;
  text += SchemaModeline(InstallDossierSchema(&schema_warning)) + "\n";
  if (!schema_warning.empty()) err << Fmt("sceau template: warning: {}", schema_warning) << "\n";
  text += "# " +
          Say(lang, "template.title", {{"title", ref.title.Get(lang)}, {"version", ref.version}}) +
          "\n";
  text += "# " + Say(lang, "template.fill") + "\n";
  text += "format: 1\n";
  text += fmt::format("referential: {{id: {}, version: {}}}\n\n", ref.id, Quote(ref.version));
  text += "organisation:\n  name: ~\n  siret: ~\n";
  text += fmt::format("  kind: {}\n  region: ~\n", OrgKindName(*kind));
  text += "  headcount: {permanent: ~, pathway: ~}\n";
  text += "  sites:\n";
  int sites = std::max(1, o.sites);
  for (int s = 1; s <= sites; ++s)
    text += fmt::format("    - {{id: site-{}, name: ~, address: ~}}\n", s);
  text +=
      "\naudit:\n  id: ~\n  kind: initial            # initial | surveillance | renewal | "
      "self-assessment\n";
  const std::string date = Say(lang, "template.date");
  text += "  start: ~                 # " + date + "\n  end: ~\n  decision_date: ~\n";
  text +=
      "  sites_visited: [site-1]\n  lead_auditor: ~\n  auditors: []\n  decision_maker: ~        "
      "# " +
      Say(lang, "template.decision_maker") + "\n";
  text += "  scope: ~\n\n";
  text += "evidence:                  # " + Say(lang, "template.evidence") + "\n";
  text +=
      fmt::format("  # - {{id: E01, kind: procedure, title: \"...\", date: {}, file: {}/...}}\n\n",
                  date, lang == "en" ? "evidence" : "preuves");
  text += "assessments:\n";
  int current_chapter = -1;
  for (const TemplateCriterion& tc : TemplateCriteria(ref, *kind, o.headcount, o.sites, lang)) {
    const Criterion& c = ref.criteria[static_cast<size_t>(tc.index)];
    const bool applies = tc.applies;
    const std::string& reason = tc.reason;
    if (c.chapter != current_chapter) {
      current_chapter = c.chapter;
      const Chapter& ch = ref.chapters[static_cast<size_t>(c.chapter)];
      text += fmt::format("\n  # ===== {} {} =====\n", ch.id, ch.title.Get(lang));
    }
    text += "\n";
    Comment(&text, "  # ",
            fmt::format("{} — {}{}", c.id, c.title.Get(lang),
                        c.blocking ? " " + Say(lang, "template.blocking") : ""));
    Comment(&text, "  #   ",
            Say(lang, "template.requirement", {{"text", c.requirement.Get(lang)}}));
    if (!c.guidance.empty())
      Comment(&text, "  #   ", Say(lang, "template.guidance", {{"text", c.guidance.Get(lang)}}));
    if (!c.evidence.empty()) {
      Comment(&text, "  #   ",
              Say(lang, "template.evidence_expected",
                  {{"list", fmt::format("{}", fmt::join(c.evidence, ", "))}}));
    }
    for (const Check& check : c.checks) {
      Comment(&text, "  #   ", CheckLine(check, lang));
    }
    if (!applies) Comment(&text, "  #   ", Say(lang, "template.delete_if", {{"reason", reason}}));
    if (c.na_allowed) {
      Comment(&text, "  #   ",
              c.na_guidance.empty()
                  ? Say(lang, "template.na_plain")
                  : Say(lang, "template.na", {{"text", c.na_guidance.Get(lang)}}));
    }
    const Scale& scale = ref.scales[static_cast<size_t>(c.scale)];
    std::vector<std::string> codes;
    for (const Grade& g : scale.grades) {
      if (g.kind != GradeKind::kNotApplicable || c.na_allowed) codes.push_back(g.code);
    }
    for (const Level& l : scale.levels) codes.push_back(l.code);
    text += fmt::format("  {}:\n", c.id);
    text += fmt::format("    {}: ~{}# {}\n", scale.type == ScaleType::kGrades ? "grade" : "level",
                        std::string(scale.type == ScaleType::kGrades ? 10 : 10, ' '),
                        fmt::join(codes, " | "));
    text += "    finding: ~\n    evidence: []\n";
    std::vector<std::string> indicators;
    bool sample = false;
    for (const Check& check : c.checks) {
      if (check.type == CheckType::kIndicator) indicators.push_back(check.indicator + ": ~");
      if (check.type == CheckType::kSample) sample = true;
    }
    if (!indicators.empty())
      text += fmt::format("    indicators: {{{}}}\n", fmt::join(indicators, ", "));
    // Left as a comment: an empty sample would fail the check (too few items).
    if (sample)
      text += "    # sample: [{id: ..., pass: true}, {id: ..., pass: false, note: ...}]\n";
    if (c.na_allowed) text += "    # na_justification: ~\n";
  }
  if (o.out.empty() || o.out == "-") {
    out << text;
    return kExitOk;
  }
  std::error_code ec;
  // Whatever is at --out, a dangling symlink included (symlink_status does not follow it), is
  // never replaced.
  if (fs::exists(fs::symlink_status(o.out, ec))) {
    err << Fmt("sceau template: {} exists already: refusing to overwrite a dossier\n", o.out);
    return kExitInvalid;
  }
  // Created, never replaced: should something take the name meanwhile, it is kept.
  std::string error;
  bool existed = false;
  if (!CreateFileAtomically(o.out, text, &error, &existed)) {
    if (existed) {
      err << Fmt("sceau template: {} exists already: refusing to overwrite a dossier\n", o.out);
    } else {
      err << "sceau template: " << error << "\n";
    }
    return kExitInvalid;
  }
  out << Say(o.lang, "template.wrote", {{"file", o.out}}) << "\n";
  return kExitOk;
}

// sceau migrate DOSSIER --to NEW.yaml [--out FILE] [--referentials DIR]
// Exit 0 when the new dossier is written, 1 on invalid input (the dossier or either referential
// has errors, NEW does not supersede the dossier's version, the output exists or cannot be
// written), 2 on bad arguments.
int RunMigrate(const MigrateOptions& o, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  ReferentialLoad to = LoadReferentialFile(o.to);
  Print(to.diagnostics, o.color, err);
  if (!to.ok()) return kExitInvalid;
  // The dossier's own version: in the usual folder of referentials, else beside NEW.yaml.
  ReferentialLibrary library(FindReferentialsDir(o.referentials));
  fs::path beside_dir = fs::path(o.to).parent_path();
  ReferentialLibrary beside(beside_dir.empty() ? "." : beside_dir.string());
  ReferentialResolver resolve = [&](const std::string& id, const std::string& version,
                                    std::string* error) {
    std::shared_ptr<const Referential> ref = library.Resolve(id, version, error);
    std::string other;
    if (!ref) ref = beside.Resolve(id, version, &other);
    return ref;
  };
  std::string text;
  Diagnostic read_error;
  if (!ReadFileText(o.dossier, 64u << 20, &text, &read_error)) {
    Print({read_error}, o.color, err);
    return kExitInvalid;
  }
  // Loaded from the very text that is migrated.
  DossierOptions dopts;
  fs::path parent = fs::path(o.dossier).parent_path();
  dopts.base_dir = parent.empty() ? "." : parent.string();
  DossierLoad load = LoadDossierFromString(o.dossier, text, resolve, dopts);
  Print(load.diagnostics, o.color, err);
  if (!load.ok()) {
    err << Fmt("{}: fix its errors first: only a dossier that loads can be migrated\n", o.dossier);
    return kExitInvalid;
  }
  Migration m;
  std::string error;
  if (!MigrateDossier(text, *load.dossier, *load.referential, *to.referential, &m, &error)) {
    err << "sceau migrate: " << error << "\n";
    return kExitInvalid;
  }
  std::string path =
      o.out.empty() ? MigratedDossierPath(o.dossier, to.referential->version) : o.out;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec))) {  // a dangling symlink included
    err << Fmt("sceau migrate: {} exists already: refusing to overwrite a dossier\n", path);
    return kExitInvalid;
  }
  // The modeline names the schema this sceau installs, whatever the original named; the lines
  // of the check's diagnostics move with it.
  std::string schema_warning;
  std::string yaml = WithSchemaModeline(m.dossier_yaml, InstallDossierSchema(&schema_warning));
  if (!schema_warning.empty()) err << Fmt("sceau migrate: warning: {}", schema_warning) << "\n";
  const int moved =
      static_cast<int>(std::count(yaml.begin(), yaml.end(), '\n')) -
      static_cast<int>(std::count(m.dossier_yaml.begin(), m.dossier_yaml.end(), '\n'));
  m.dossier_yaml = std::move(yaml);
  for (Diagnostic& d : m.diagnostics) {
    if (d.where.line > 0) d.where.line += moved;
  }
  bool existed = false;  // created, never replaced: should something take the name meanwhile
  if (!CreateFileAtomically(path, m.dossier_yaml, &error, &existed)) {
    if (existed) {
      err << Fmt("sceau migrate: {} exists already: refusing to overwrite a dossier\n", path);
    } else {
      err << "sceau migrate: " << error << "\n";
    }
    return kExitInvalid;
  }
  // The `~` left to fill in are errors by design; anything else is worth showing.
  int to_fill = 0;
  std::vector<Diagnostic> other;
  for (Diagnostic& d : m.diagnostics) {
    if (d.code == "missing-key") {
      ++to_fill;
    } else {
      d.file = path;
      other.push_back(d);
    }
  }
  Print(other, o.color, err);
  if (!o.quiet) {
    out << MigrationReportText(m, *load.referential, *to.referential);
    out << Fmt("Wrote {}{}\n", path,
               to_fill ? Fmt(" ({} grade(s) to give: each '~')", to_fill) : "");
  }
  return kExitOk;
}

// ---- The subcommands ---------------------------------------------------------------------------

CommandRun DeclareAudit(CLI::App& app) {
  struct Options {
    AuditOptions audit;
    std::string formats = "json,csv,pdf";
  };
  auto o = std::make_shared<Options>();
  AuditOptions& a = o->audit;
  app.add_option("DOSSIER", a.dossier, "Audit dossier YAML file")->required();
  app.add_option("--referentials", a.referentials,
                 "Folder of referentials (default: $SCEAU_REFERENTIALS, else ./referentials)");
  app.add_option("--out", a.out, "Folder for the reports")->capture_default_str();
  app.add_option("--format", o->formats, "Reports to write, comma-separated: json, csv, pdf")
      ->capture_default_str();
  app.add_option("--csv-separator", a.csv_separator,
                 "CSV separator: ',' or ';' (for French spreadsheets)")
      ->check(CLI::IsMember({",", ";"}))
      ->capture_default_str();
  CLI::Option* lang = AddLanguageOption(app, &a.lang, "the summary, the CSV and the PDF");
  app.add_option("--coverage", a.coverage,
                 "Also report how far the items of this framework (e.g. iso9001) are covered "
                 "and met; repeatable");
  app.add_option("--register", a.register_db,
                 "Record the decision in this certificate register first, and write the "
                 "certificate number it issues or carries into the reports");
  app.add_option("--config", a.config,
                 "Issuer configuration whose directory.base_url gives the certificate's page in "
                 "the public directory, drawn as a QR code (default: $SCEAU_CONFIG, else "
                 "$XDG_CONFIG_HOME/sceau/sceau.yaml or ~/.config/sceau/sceau.yaml, if it exists)");
  app.footer(
      "Exit codes: 0 evaluated (whatever the decision), 1 invalid dossier (nothing written), "
      "2 usage error.");
  return [o, lang](const CommandContext& c) {
    AuditOptions options = o->audit;
    options.lang = CommandLanguage(lang, options.lang);
    options.formats.clear();
    const std::string& formats = o->formats;
    for (size_t start = 0; start <= formats.size();) {
      size_t comma = formats.find(',', start);
      std::string f =
          formats.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!f.empty()) options.formats.push_back(f);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    options.referentials = FindReferentialsDir(options.referentials, c.env);
    options.quiet = c.quiet;
    options.color = c.color;
    return RunAudit(options, c.out, c.err);
  };
}

CommandRun DeclareCheck(CLI::App& app) {
  auto o = std::make_shared<AuditOptions>();
  app.add_option("DOSSIER", o->dossier, "Audit dossier: YAML, or a grid (.xlsx, .ods)")->required();
  app.add_option("--referentials", o->referentials,
                 "Folder of referentials (default: $SCEAU_REFERENTIALS, else ./referentials)");
  app.footer("Exit codes: 0 ready to evaluate, 1 invalid dossier, 2 usage error.");
  return [o](const CommandContext& c) {
    AuditOptions options = *o;
    options.referentials = FindReferentialsDir(options.referentials, c.env);
    options.quiet = c.quiet;
    options.color = c.color;
    return RunCheck(options, c.out, c.err);
  };
}

CommandRun DeclareImport(CLI::App& app) {
  struct Options {
    AuditOptions audit;
    std::string out;
  };
  auto o = std::make_shared<Options>();
  app.add_option("GRID", o->audit.dossier, "Audit grid (.xlsx or .ods) filled in a spreadsheet")
      ->required();
  app.add_option("-o,--out", o->out, "The dossier to write (never overwrites)")->required();
  app.add_option("--referentials", o->audit.referentials,
                 "Folder of referentials (default: $SCEAU_REFERENTIALS, else ./referentials)");
  app.footer("Exit codes: 0 written, 1 invalid grid or dossier, 2 usage error.");
  return [o](const CommandContext& c) {
    AuditOptions options = o->audit;
    options.referentials = FindReferentialsDir(options.referentials, c.env);
    options.quiet = c.quiet;
    options.color = c.color;
    return RunImport(options, o->out, c.out, c.err);
  };
}

CommandRun DeclareReport(CLI::App& app) {
  struct Options {
    ReportOptions report;
    std::string formats = "pdf";
  };
  auto o = std::make_shared<Options>();
  app.add_option("RESULT", o->report.result, "JSON result written by 'sceau audit'")->required();
  app.add_option("--out", o->report.out, "Folder for the report")->capture_default_str();
  app.add_option("--format", o->formats, "Report to write: pdf")->capture_default_str();
  CLI::Option* lang = AddLanguageOption(app, &o->report.lang, "the report");
  return [o, lang](const CommandContext& c) {
    ReportOptions options = o->report;
    options.lang = CommandLanguage(lang, options.lang);
    options.formats = {o->formats};
    options.quiet = c.quiet;
    return RunReport(options, c.out, c.err);
  };
}

CommandRun DeclareMigrate(CLI::App& app) {
  auto o = std::make_shared<MigrateOptions>();
  app.add_option("DOSSIER", o->dossier, "Audit dossier: YAML, or a grid (.xlsx, .ods)")->required();
  app.add_option("--to", o->to, "The new version's referential file")->required();
  app.add_option("--out", o->out,
                 "Write here (never overwrites); default <stem>-<version>.yaml beside it");
  app.add_option("--referentials", o->referentials,
                 "Folder holding the dossier's version (default: as for audit, then the "
                 "folder of --to)");
  app.footer(
      "Nothing is dropped silently: assessments nothing takes over are listed and kept as "
      "comments.\nExit codes: 0 written, 1 invalid input or refused, 2 usage error.");
  return [o](const CommandContext& c) {
    MigrateOptions options = *o;
    options.referentials = FindReferentialsDir(options.referentials, c.env);
    options.quiet = c.quiet;
    options.color = c.color;
    return RunMigrate(options, c.out, c.err);
  };
}

CommandRun DeclareTemplate(CLI::App& app) {
  auto o = std::make_shared<TemplateOptions>();
  app.add_option("REFERENTIAL", o->referential, "Referential YAML file")->required();
  app.add_option(
      "--kind", o->kind,
      "Organisation kind: ACI, AI, EI, ETTI, GES, EBE, other (required but with --from)");
  app.add_option("--format", o->format, "yaml (a dossier to edit) or xlsx (a spreadsheet grid)")
      ->check(CLI::IsMember({"yaml", "xlsx"}));
  app.add_option("--from", o->from,
                 "With --format xlsx: fill the grid from this dossier (it must check)");
  app.add_option("--headcount", o->headcount,
                 "Permanent staff plus employees on a pathway (drops criteria that do not apply)");
  app.add_option("--sites", o->sites, "Number of sites (drops criteria that do not apply)");
  app.add_option("--out", o->out, "Write to this file (never overwrites); default stdout");
  CLI::Option* lang = AddLanguageOption(app, &o->lang, "the comments");
  return [o, lang](const CommandContext& c) {
    TemplateOptions options = *o;
    options.lang = CommandLanguage(lang, options.lang);
    options.color = c.color;
    if (options.kind.empty() && options.from.empty()) {
      c.err << Tr("sceau template: --kind is required (the kind of the organisation)") << "\n";
      return kExitUsage;
    }
    return RunTemplate(options, c.out, c.err);
  };
}

}  // namespace sceau::cli
