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
#include "cli/group_commands.h"
#include "engine/coverage.h"
#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/migrate.h"
#include "engine/referential_library.h"
#include "engine/referential_loader.h"
#include "engine/safe_text.h"
#include "engine/schema_modeline.h"
#include "reports/atomic_file.h"
#include "reports/csv_writer.h"
#include "reports/json_writer.h"
#include "reports/pdf_writer.h"
#include "reports/report_model.h"

namespace sceau::cli {
namespace {

namespace fs = std::filesystem;

// The few words of the one-screen summary, in French and English.
struct Words {
  const char* audit;
  const char* referential;
  const char* decision;
  const char* score;
  const char* points;
  const char* gaps;
  const char* none;
  const char* strength_one;
  const char* strengths;
  const char* blocking;
  const char* roots;
  const char* gap_one;
  const char* gap_many;
  const char* plan;
  const char* action_one;
  const char* action_many;
  const char* first_due;
  const char* certificate;
  const char* until;
  const char* surveillance;
  const char* why;
  const char* wrote;
  const char* applicable;
  const char* na;
};

const Words kFrench = {"audit",
                       "référentiel",
                       "Décision",
                       "Score global",
                       "points",
                       "Écarts",
                       "aucun",
                       "point fort",
                       "points forts",
                       "critères bloquants en échec",
                       "Causes racines",
                       "écart",
                       "écarts",
                       "Plan d'actions",
                       "action",
                       "actions",
                       "première échéance",
                       "Certificat",
                       "valable jusqu'au",
                       "première surveillance avant le",
                       "règle appliquée",
                       "Écrit",
                       "critères applicables",
                       "non applicables"};
const Words kEnglish = {"audit",
                        "referential",
                        "Decision",
                        "Global score",
                        "points",
                        "Gaps",
                        "none",
                        "strength",
                        "strengths",
                        "blocking criteria failed",
                        "Root causes",
                        "gap",
                        "gaps",
                        "Action plan",
                        "action",
                        "actions",
                        "first due",
                        "Certificate",
                        "valid until",
                        "first surveillance by",
                        "rule applied",
                        "Wrote",
                        "applicable criteria",
                        "not applicable"};

const Words& W(const std::string& lang) { return lang == "en" ? kEnglish : kFrench; }

// The certificate after this audit, from the cycle: "Certificat : renouvelé le 2026-06-09, valable
// du 2026-06-09 au 2029-06-26 ; prochain audit : surveillance avant le 2027-06-09".
std::string CycleLine(const Lifecycle& l, const std::string& lang) {
  const bool en = lang == "en";
  static const std::map<std::string, std::pair<const char*, const char*>> kStates = {
      {"granted", {"accordé", "granted"}},      {"maintained", {"maintenu", "maintained"}},
      {"suspended", {"suspendu", "suspended"}}, {"withdrawn", {"retiré", "withdrawn"}},
      {"renewed", {"renouvelé", "renewed"}},    {"expired", {"expiré", "expired"}},
      {"refused", {"refusé", "refused"}}};
  static const std::map<std::string, std::pair<const char*, const char*>> kKinds = {
      {"initial", {"audit initial", "initial audit"}},
      {"surveillance", {"surveillance", "surveillance"}},
      {"renewal", {"renouvellement", "renewal"}}};
  auto it = kStates.find(l.state);
  std::string state = it == kStates.end() ? l.state : (en ? it->second.second : it->second.first);
  std::string out = en ? fmt::format("Certificate: {} on {}", state, l.state_date.ToString())
                       : fmt::format("Certificat : {} le {}", state, l.state_date.ToString());
  bool holds = l.state == "granted" || l.state == "maintained" || l.state == "renewed" ||
               l.state == "suspended";
  if (holds && l.effective && l.expiry) {
    out += en ? fmt::format(", valid {} to {}", l.effective->ToString(), l.expiry->ToString())
              : fmt::format(", valable du {} au {}", l.effective->ToString(), l.expiry->ToString());
  }
  auto kind = kKinds.find(l.next_kind);
  if (kind != kKinds.end()) {
    std::string k = en ? kind->second.second : kind->second.first;
    if (l.next_due) {
      out += en ? fmt::format("; next audit: {} by {}", k, l.next_due->ToString())
                : fmt::format(" ; prochain audit : {} avant le {}", k, l.next_due->ToString());
    } else {
      out += en ? fmt::format("; next audit: {}", k) : fmt::format(" ; prochain audit : {}", k);
    }
  }
  return out + "\n";
}

void Print(const std::vector<Diagnostic>& diags, bool color, std::ostream& err) {
  RenderOptions options;
  options.color = color;
  for (const Diagnostic& d : diags) err << RenderDiagnostic(d, options);
}

// "94,6 %" in French, "94.6 %" in English.
std::string Pct(double v, const std::string& lang) {
  std::string s = fmt::format("{:.1f} %", std::round(v * 10) / 10);
  if (lang == "fr") std::replace(s.begin(), s.end(), '.', ',');
  return s;
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

std::string Summary(const Referential& ref, const Dossier& d, const AuditResult& r,
                    const std::string& lang) {
  const Words& w = W(lang);
  std::string out;
  const Organisation& org = d.organisation;
  // Every value from the dossier or the referential reaches a terminal escaped.
  auto S = [](std::string_view text) { return TerminalSafe(text); };
  static const std::map<std::string, std::string> kKindsFr = {
      {"initial", "initial"},
      {"surveillance", "de surveillance"},
      {"renewal", "de renouvellement"},
      {"self-assessment", "auto-évaluation"}};
  std::string kind(AuditKindName(d.audit.kind));
  if (lang == "fr") kind = kKindsFr.at(kind);
  out += fmt::format("{} ({}) — {} {} {}, {} → {}\n", S(org.name), OrgKindName(org.kind), w.audit,
                     kind, S(d.audit.id), d.audit.start.ToString(), d.audit.end.ToString());
  out += fmt::format("{} {} {} — {} {} ({} : {})\n", w.referential, S(ref.id), S(ref.version),
                     r.applicable_criteria, w.applicable, w.na, r.not_applicable);
  out += "\n";
  if (r.outcome >= 0) {
    const Outcome& outcome = ref.policy.outcomes[static_cast<size_t>(r.outcome)];
    out += fmt::format("{} : {} [{}]\n", w.decision, S(outcome.label.Get(lang)),
                       DecisionName(r.decision));
    const OutcomeTrace& trace = r.outcomes.back();
    if (!trace.conditions.empty()) {
      out += fmt::format("  {} « {} » :", w.why, S(outcome.id));
      for (const ConditionTrace& t : trace.conditions) out += " " + S(t.text) + ";";
      out.pop_back();
      out += "\n";
    }
  }
  out += fmt::format("{} : {}", w.score, Pct(r.score, lang));
  if (ref.policy.points_scale != 100) {
    std::string pts = fmt::format("{:.1f}", std::round(r.points * 10) / 10);
    if (lang == "fr") std::replace(pts.begin(), pts.end(), '.', ',');
    out += fmt::format(" ({} / {:.0f} {})", pts, ref.policy.points_scale, w.points);
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
  bool graded = std::any_of(ref.scales.begin(), ref.scales.end(),
                            [](const Scale& sc) { return sc.type == ScaleType::kGrades; });
  if (graded) {
    out += fmt::format("{} : {}   ({} {})\n", w.gaps, counts.empty() ? w.none : counts, strengths,
                       strengths == 1 ? w.strength_one : w.strengths);
  } else {
    out += fmt::format("{} : {}\n", w.gaps, counts.empty() ? w.none : counts);
  }
  if (!r.blocking_failed.empty()) {
    std::vector<std::string> ids;
    for (int c : r.blocking_failed) ids.push_back(S(ref.criteria[static_cast<size_t>(c)].id));
    out += fmt::format("{} : {}\n", w.blocking, fmt::join(ids, ", "));
  }
  int shown = 0;
  for (const RootCauseGroup& g : r.root_causes) {
    if (g.root < 0 || shown == 3) continue;
    if (shown++ == 0) out += fmt::format("{} :\n", w.roots);
    const Criterion& c = ref.criteria[static_cast<size_t>(g.root)];
    out += fmt::format("  {:<12} {:<48} {} {}\n", S(c.id), S(c.title.Get(lang)), g.gaps.size(),
                       g.gaps.size() == 1 ? w.gap_one : w.gap_many);
  }
  if (!r.actions.empty()) {
    std::optional<Date> first;
    for (const Action& a : r.actions) {
      if (a.due && (!first || *a.due < *first)) first = a.due;
    }
    out += fmt::format("{} : {} {}", w.plan, r.actions.size(),
                       r.actions.size() == 1 ? w.action_one : w.action_many);
    if (first) out += fmt::format(", {} {}", w.first_due, first->ToString());
    out += "\n";
  }
  if (r.lifecycle) {
    out += CycleLine(*r.lifecycle, lang);
  } else if (r.certificate) {
    out += fmt::format("{} : {} → {} ; {} {}\n", w.certificate, r.certificate->effective.ToString(),
                       r.certificate->expiry.ToString(), w.surveillance,
                       r.certificate->first_surveillance_due.ToString());
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
      err << fmt::format("sceau audit: unknown format '{}': use json, csv, pdf\n", f);
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
  DossierAudit a = AuditDossier(request, library, options);
  Print(a.referential_diagnostics, o.color, err);
  Print(a.diagnostics, o.color, err);
  if (!a.load.ok() || !a.evaluation.ok()) {
    err << fmt::format("{}: {} error(s), {} warning(s): no report written\n", o.dossier, a.errors,
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
      out << fmt::format("{} {} : {}/{} {}, {} {}\n", o.lang == "en" ? "Coverage" : "Couverture",
                         c.framework, c.covered(), c.items.size(),
                         o.lang == "en" ? "items covered" : "éléments couverts", met,
                         o.lang == "en" ? "fully met" : "entièrement satisfaits");
    }
    out << fmt::format("{} : {}\n", W(o.lang).wrote, fmt::join(a.written, ", "));
    if (!a.register_message.empty()) out << a.register_message << "\n";
  }
  return kExitOk;
}

int RunReport(const ReportOptions& o, std::ostream& out, std::ostream& err) {
  for (const std::string& f : o.formats) {
    if (f != "pdf") {
      err << fmt::format("sceau report: unknown format '{}': use pdf\n", f);
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
    err << fmt::format("{}: error: {}\n", o.result, error);
    return kExitInvalid;
  }
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) {
    err << fmt::format("sceau report: cannot create the folder {}: {}\n", o.out, ec.message());
    return kExitInvalid;
  }
  std::string path = (fs::path(o.out) / (fs::path(o.result).stem().string() + ".pdf")).string();
  if (!WriteFileAtomically(path, bytes, &error)) {
    err << "sceau report: " << error << "\n";
    return kExitInvalid;
  }
  if (!o.quiet) out << fmt::format("{} : {}\n", W(o.lang).wrote, path);
  return kExitOk;
}

int RunCheck(const AuditOptions& o, std::ostream& out, std::ostream& err) {
  if (IsGroupDossier(o.dossier)) return RunGroupCheck(o, out, err);  // cli/group_commands.h
  Audited a = LoadAndEvaluate(o, err);
  int errors = 0;
  int warnings = 0;
  Tally(a.load.diagnostics, a.evaluation.diagnostics, &errors, &warnings);
  if (!a.ok) {
    err << fmt::format("{}: {} error(s) and {} warning(s)\n", o.dossier, errors, warnings);
    return kExitInvalid;
  }
  if (!o.quiet) {
    const Dossier& d = *a.load.dossier;
    out << fmt::format(
        "{}: ok: {} ({}), audit {} against {} {}: {} assessments, {} "
        "evidence items, {} warning(s)\n",
        TerminalSafe(o.dossier), TerminalSafe(d.organisation.name),
        OrgKindName(d.organisation.kind), TerminalSafe(d.audit.id), TerminalSafe(d.referential_id),
        TerminalSafe(d.referential_version), d.assessments.size(), d.evidence.size(), warnings);
  }
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

}  // namespace

int RunTemplate(const TemplateOptions& o, std::ostream& out, std::ostream& err) {
  auto kind = ParseOrgKind(o.kind);
  if (!kind) {
    err << fmt::format(
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
  if (!schema_warning.empty()) err << "sceau template: warning: " << schema_warning << "\n";
  text += fmt::format("# Dossier d'audit — {} {}\n", ref.title.Get(lang), ref.version);
  text += "# Remplir chaque « ~ » puis vérifier avec : sceau check CE_FICHIER\n";
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
  text += "  start: ~                 # AAAA-MM-JJ\n  end: ~\n  decision_date: ~\n";
  text +=
      "  sites_visited: [site-1]\n  lead_auditor: ~\n  auditors: []\n  decision_maker: ~        # "
      "hors de l'équipe d'audit\n";
  text += "  scope: ~\n\n";
  text += "evidence:                  # le registre des preuves\n";
  text +=
      "  # - {id: E01, kind: procedure, title: \"...\", date: AAAA-MM-JJ, file: preuves/...}\n\n";
  text += "assessments:\n";
  // Grade codes of each scale, for the comments.
  Organisation org;
  org.kind = *kind;
  org.permanent = std::max(0, o.headcount);
  for (int s = 0; s < sites; ++s) org.sites.push_back(Site{});
  int current_chapter = -1;
  for (const Criterion& c : ref.criteria) {
    std::string reason;
    bool applies = Applies(c, org, &reason);
    bool kind_only_known = o.headcount < 0 || o.sites < 0;
    if (!applies) {
      // Without headcount or sites we cannot rule out criteria that depend on them: keep those.
      bool depends_on_unknown =
          (c.applies.kinds.empty() || std::find(c.applies.kinds.begin(), c.applies.kinds.end(),
                                                *kind) != c.applies.kinds.end()) &&
          kind_only_known;
      if (!depends_on_unknown) continue;
    }
    if (c.chapter != current_chapter) {
      current_chapter = c.chapter;
      const Chapter& ch = ref.chapters[static_cast<size_t>(c.chapter)];
      text += fmt::format("\n  # ===== {} {} =====\n", ch.id, ch.title.Get(lang));
    }
    text += "\n";
    Comment(&text, "  # ",
            fmt::format("{} — {}{}", c.id, c.title.Get(lang), c.blocking ? " [BLOQUANT]" : ""));
    Comment(&text, "  #   ", "Exigence : " + c.requirement.Get(lang));
    if (!c.guidance.empty()) Comment(&text, "  #   ", "Pour l'auditeur : " + c.guidance.Get(lang));
    if (!c.evidence.empty()) {
      text += fmt::format("  #   Preuves attendues : {}\n", fmt::join(c.evidence, ", "));
    }
    for (const Check& check : c.checks) {
      switch (check.type) {
        case CheckType::kIndicator: {
          std::string bound =
              check.min ? fmt::format(">= {}", *check.min) : fmt::format("<= {}", *check.max);
          text += fmt::format("  #   Contrôle : indicateur {} {} {}\n", check.indicator, bound,
                              check.unit);
          break;
        }
        case CheckType::kEvidence:
          text += fmt::format(
              "  #   Contrôle : preuve de type {}{}\n", fmt::join(check.evidence_kinds, ", "),
              check.max_age_months ? fmt::format(" de moins de {} mois", *check.max_age_months)
                                   : "");
          break;
        case CheckType::kSample:
          text += fmt::format(
              "  #   Contrôle : échantillon ({}) d'au moins {} éléments, {} % conformes\n",
              check.sample, check.min_size, check.pass_rate * 100);
          break;
      }
    }
    if (!applies)
      Comment(&text, "  #   ", "À supprimer si le critère ne s'applique pas : " + reason);
    if (c.na_allowed)
      Comment(&text, "  #   ", "Non applicable possible : " + c.na_guidance.Get(lang));
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
    err << fmt::format("sceau template: {} exists already: refusing to overwrite a dossier\n",
                       o.out);
    return kExitInvalid;
  }
  // Created, never replaced: should something take the name meanwhile, it is kept.
  std::string error;
  bool existed = false;
  if (!CreateFileAtomically(o.out, text, &error, &existed)) {
    if (existed) {
      err << fmt::format("sceau template: {} exists already: refusing to overwrite a dossier\n",
                         o.out);
    } else {
      err << "sceau template: " << error << "\n";
    }
    return kExitInvalid;
  }
  out << fmt::format("Wrote {}: fill in each '~', then run 'sceau check {}'\n", o.out, o.out);
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
    err << fmt::format("{}: fix its errors first: only a dossier that loads can be migrated\n",
                       o.dossier);
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
    err << fmt::format("sceau migrate: {} exists already: refusing to overwrite a dossier\n", path);
    return kExitInvalid;
  }
  // The modeline names the schema this sceau installs, whatever the original named; the lines
  // of the check's diagnostics move with it.
  std::string schema_warning;
  std::string yaml = WithSchemaModeline(m.dossier_yaml, InstallDossierSchema(&schema_warning));
  if (!schema_warning.empty()) err << "sceau migrate: warning: " << schema_warning << "\n";
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
      err << fmt::format("sceau migrate: {} exists already: refusing to overwrite a dossier\n",
                         path);
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
    out << fmt::format("Wrote {}{}\n", path,
                       to_fill ? fmt::format(" ({} grade(s) to give: each '~')", to_fill) : "");
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
  app.add_option("--lang", a.lang, "Language of the summary, the CSV and the PDF: fr, en")
      ->check(CLI::IsMember({"fr", "en"}))
      ->capture_default_str();
  app.add_option("--coverage", a.coverage,
                 "Also report how far the items of this framework (e.g. iso9001) are covered "
                 "and met; repeatable");
  app.add_option("--register", a.register_db,
                 "Record the decision in this certificate register first, and write the "
                 "certificate number it issues or carries into the reports");
  app.footer(
      "Exit codes: 0 evaluated (whatever the decision), 1 invalid dossier (nothing written), "
      "2 usage error.");
  return [o](const CommandContext& c) {
    AuditOptions options = o->audit;
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
  app.add_option("DOSSIER", o->dossier, "Audit dossier YAML file")->required();
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

CommandRun DeclareReport(CLI::App& app) {
  struct Options {
    ReportOptions report;
    std::string formats = "pdf";
  };
  auto o = std::make_shared<Options>();
  app.add_option("RESULT", o->report.result, "JSON result written by 'sceau audit'")->required();
  app.add_option("--out", o->report.out, "Folder for the report")->capture_default_str();
  app.add_option("--format", o->formats, "Report to write: pdf")->capture_default_str();
  app.add_option("--lang", o->report.lang, "Language of the report: fr, en")
      ->check(CLI::IsMember({"fr", "en"}))
      ->capture_default_str();
  return [o](const CommandContext& c) {
    ReportOptions options = o->report;
    options.formats = {o->formats};
    options.quiet = c.quiet;
    return RunReport(options, c.out, c.err);
  };
}

CommandRun DeclareMigrate(CLI::App& app) {
  auto o = std::make_shared<MigrateOptions>();
  app.add_option("DOSSIER", o->dossier, "Audit dossier YAML file")->required();
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
  app.add_option("--kind", o->kind, "Organisation kind: ACI, AI, EI, ETTI, GES, EBE, other")
      ->required();
  app.add_option("--headcount", o->headcount,
                 "Permanent staff plus employees on a pathway (drops criteria that do not apply)");
  app.add_option("--sites", o->sites, "Number of sites (drops criteria that do not apply)");
  app.add_option("--out", o->out, "Write to this file (never overwrites); default stdout");
  app.add_option("--lang", o->lang, "Language of the comments: fr, en")
      ->check(CLI::IsMember({"fr", "en"}))
      ->capture_default_str();
  return [o](const CommandContext& c) {
    TemplateOptions options = *o;
    options.color = c.color;
    return RunTemplate(options, c.out, c.err);
  };
}

}  // namespace sceau::cli
