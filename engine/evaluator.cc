#include "engine/evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <queue>
#include <tuple>

#include "engine/criteria_graph.h"
#include "engine/lifecycle.h"
#include "engine/multisite.h"
#include "engine/wording.h"

namespace sceau {

std::string_view CheckStatusName(CheckStatus s) {
  switch (s) {
    case CheckStatus::kPass:
      return "pass";
    case CheckStatus::kFail:
      return "fail";
    case CheckStatus::kMissing:
      return "missing";
  }
  return "?";
}

bool Evaluation::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

namespace {

// "12.5" or "12" without a trailing ".0".
// A number in the French detail texts: "12", "12,5".
std::string Num(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9)
    return fmt::format("{}", static_cast<long long>(std::round(v)));
  std::string s = fmt::format("{:.4g}", v);
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

// A number in the engine's English traces: "12", "12.5".
std::string TraceNum(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9)
    return fmt::format("{}", static_cast<long long>(std::round(v)));
  return fmt::format("{:.4g}", v);
}

std::vector<int> Union(const std::vector<int>& a, const std::vector<int>& b) {
  std::vector<int> out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

class Evaluator {
 public:
  // Diagnostics go to `sink` when given, else to the evaluator's own.
  Evaluator(const Referential& ref, const Dossier& dossier, DiagnosticSink* sink = nullptr)
      : ref_(ref),
        d_(dossier),
        own_sink_(dossier.source ? dossier.source : std::make_shared<SourceFile>(dossier.path, "")),
        sink_(sink ? *sink : own_sink_) {}

  // Each criterion graded on its own, and nothing after (see AssessmentDiagnostics).
  void GradeEach() {
    r_.criteria.resize(ref_.criteria.size());
    r_.chapters.resize(ref_.chapters.size());
    PrepareFollowUp();
    for (size_t c = 0; c < ref_.criteria.size(); ++c) GradeCriterion(static_cast<int>(c));
  }

  Evaluation Run() {
    r_.criteria.resize(ref_.criteria.size());
    r_.chapters.resize(ref_.chapters.size());
    PrepareFollowUp();
    for (size_t c = 0; c < ref_.criteria.size(); ++c) GradeCriterion(static_cast<int>(c));
    EscalateChapters();
    Propagate();
    Score();
    Count();
    Decide();
    PlanActions();
    GroupRootCauses();
    FinishLifecycle();
    ApplyMultisite(ref_, d_, &r_, &sink_);
    Evaluation e;
    e.result = std::move(r_);
    e.diagnostics = sink_.Take();
    return e;
  }

 private:
  const Scale& ScaleOf(int c) const {
    return ref_.scales[static_cast<size_t>(ref_.criteria[static_cast<size_t>(c)].scale)];
  }
  CriterionResult& R(int c) { return r_.criteria[static_cast<size_t>(c)]; }
  const Criterion& C(int c) const { return ref_.criteria[static_cast<size_t>(c)]; }

  // Code of the grade or level a criterion ended with.
  std::string CodeOf(int c) const {
    const CriterionResult& cr = r_.criteria[static_cast<size_t>(c)];
    const Scale& s = ScaleOf(c);
    if (cr.grade >= 0) return s.grades[static_cast<size_t>(cr.grade)].code;
    if (cr.level >= 0) return s.levels[static_cast<size_t>(cr.level)].code;
    return "";
  }

  // ---- one criterion: grade, checks, contradictions ---------------------------------------------
  void GradeCriterion(int c) {
    const Criterion& crit = C(c);
    CriterionResult& cr = R(c);
    cr.criterion = c;
    cr.weight = crit.weight;
    cr.applicable = Applies(crit, d_.organisation, &cr.not_applicable_reason);
    if (!cr.applicable) return;
    ++r_.applicable_criteria;
    int ai = d_.assessment_of[static_cast<size_t>(c)];
    if (ai < 0) return;
    const Assessment& a = d_.assessments[static_cast<size_t>(ai)];
    cr.assessed = true;
    const Scale& scale = ScaleOf(c);
    bool met = false;
    if (scale.type == ScaleType::kGrades) {
      // The criterion's grade is the gravest of its findings.
      int worst = -1;
      for (const Finding& f : a.findings) {
        if (worst < 0 || Gravity(scale.grades[static_cast<size_t>(f.grade)].kind) >
                             Gravity(scale.grades[static_cast<size_t>(worst)].kind)) {
          worst = f.grade;
        }
      }
      cr.auditor_grade = worst;
      cr.grade = worst;
      EscalateWithinCriterion(c, a);
      ApplyFollowUp(c);
      const Grade& g = scale.grades[static_cast<size_t>(cr.grade)];
      cr.kind = g.kind;
      if (g.kind == GradeKind::kNotApplicable) {
        cr.na = true;
        ++r_.not_applicable;
        return;
      }
      cr.points = g.points;
      cr.failing = IsFailing(g.kind);
      cr.gap = Gravity(g.kind) >= 2;
      met = g.kind == GradeKind::kStrength || g.kind == GradeKind::kConforming ||
            g.kind == GradeKind::kOpportunity;
    } else {
      int lowest = -1;
      for (const Finding& f : a.findings) {
        if (lowest < 0 || f.level < lowest) lowest = f.level;
      }
      cr.level = lowest;
      cr.points = scale.levels[static_cast<size_t>(lowest)].points;
      cr.failing = lowest < scale.pass_from;
      cr.gap = cr.failing;
      cr.kind = cr.failing ? GradeKind::kMinorNc : GradeKind::kConforming;
      met = !cr.failing;
    }
    cr.scored = true;
    RunChecks(c, a);
    // On a maturity scale, a check may stand for a level above the pass level (from_level): a
    // failure contradicts only ratings at or above it.
    bool failed_check = false;
    for (const CheckResult& x : cr.checks) {
      if (x.status != CheckStatus::kFail) continue;
      int from = crit.checks[static_cast<size_t>(x.check)].from_level;
      if (cr.level >= 0 && from >= 0 && cr.level < from) continue;
      failed_check = true;
    }
    if (failed_check && met) {
      cr.contradiction = true;
      std::string details;
      for (const CheckResult& x : cr.checks) {
        int from = crit.checks[static_cast<size_t>(x.check)].from_level;
        bool counts = !(cr.level >= 0 && from >= 0 && cr.level < from);
        if (x.status == CheckStatus::kFail && counts)
          details += (details.empty() ? "" : "; ") + x.detail;
      }
      if (a.override_justification.empty()) {
        sink_.Error("contradiction", a.findings.front().where,
                    Fmt("criterion '{}' is graded {}, but the referential's check fails "
                        "({}): correct the grade, or justify it with 'override'",
                        crit.id, CodeOf(c), details));
      } else {
        cr.overridden = true;
        r_.notes.push_back(
            {"override",
             c,
             fmt::format("Contrôle en échec ({}) ; note maintenue par l'auditeur : {}", details,
                         a.override_justification),
             {{"justification", a.override_justification}}});
      }
    } else if (!a.override_justification.empty()) {
      sink_.Warning("unused-override", a.override_where,
                    Fmt("'override' of criterion '{}' has no effect: no check contradicts "
                        "its grade",
                        crit.id));
    }
    ReviewConsistency(c, a, met);
  }

  // ---- follow-up of the previous audit's nonconformities ---------------------------------------
  // One FollowUpResult per NC of the previous result, before grading: whether it was corrected in
  // time decides the grades that ApplyFollowUp forces.
  void PrepareFollowUp() {
    if (!d_.previous) return;
    const PreviousResult& p = *d_.previous;
    std::vector<std::string> all_sites;
    for (const Site& s : d_.organisation.sites) all_sites.push_back(s.id);
    for (const PreviousGap& g : p.gaps) {
      FollowUpResult f;
      f.criterion = g.criterion;
      f.criterion_index = ref_.FindCriterion(g.criterion);
      f.previous_grade = g.grade;
      f.previous_kind = g.kind;
      f.due = g.due;
      auto it = std::find_if(d_.follow_up.begin(), d_.follow_up.end(),
                             [&](const FollowUpEntry& e) { return e.criterion == g.criterion; });
      if (it != d_.follow_up.end()) {
        f.status = it->status;
        f.date = it->date;
        f.evidence = it->evidence;
        f.note = it->note;
        if (f.status == FollowUpStatus::kClosed) {
          for (const std::string& s : all_sites) {
            if (!it->sites.empty() &&
                std::find(it->sites.begin(), it->sites.end(), s) == it->sites.end()) {
              f.sites_open.push_back(s);
            }
          }
        }
      }
      if (f.status != FollowUpStatus::kClosed) f.sites_open = all_sites;
      const bool closed = f.status == FollowUpStatus::kClosed && f.sites_open.empty();
      f.late = f.status == FollowUpStatus::kClosed && f.date && f.due && *f.due < *f.date;
      f.verified = closed && !f.evidence.empty() && f.date && !f.late;
      r_.follow_up.push_back(std::move(f));
    }
  }

  // The grade code a criterion's follow-up forces at least, or "" when none; `*effect` says why.
  std::string ForcedGrade(const FollowUpResult& f, int c, GradeKind auditor_kind,
                          std::string* effect) const {
    const Scale& scale = ScaleOf(c);
    auto first_major = [&]() -> std::string {
      for (const Grade& g : scale.grades) {
        if (g.kind == GradeKind::kMajorNc) return g.code;
      }
      return "";
    };
    if (f.previous_kind == GradeKind::kMinorNc) {
      const bool open = f.status != FollowUpStatus::kClosed || !f.sites_open.empty();
      if (!open && auditor_kind != GradeKind::kMinorNc) return "";
      *effect = "escalated";
      const std::string& to = ref_.policy.follow_up.open_minor_becomes;
      return !to.empty() && scale.FindGrade(to) >= 0 ? to : first_major();
    }
    if (f.verified) return "";
    *effect = "kept-major";
    int g = scale.FindGrade(f.previous_grade);
    if (g >= 0 && scale.grades[static_cast<size_t>(g)].kind == GradeKind::kMajorNc)
      return f.previous_grade;
    return first_major();
  }

  // After the auditor's grade (and within-criterion escalations): an open minor NC of the
  // previous audit becomes a major (or the policy's grade), an unverified major stays major.
  void ApplyFollowUp(int c) {
    CriterionResult& cr = R(c);
    if (cr.grade < 0) return;
    const Scale& scale = ScaleOf(c);
    const Grade& now = scale.grades[static_cast<size_t>(cr.grade)];
    if (now.kind == GradeKind::kNotApplicable) return;
    for (FollowUpResult& f : r_.follow_up) {
      if (f.criterion_index != c) continue;
      std::string effect;
      std::string to =
          ForcedGrade(f, c, scale.grades[static_cast<size_t>(cr.auditor_grade)].kind, &effect);
      if (to.empty()) return;
      f.effect = effect;
      int t = scale.FindGrade(to);
      if (effect == "escalated") {
        bool open = f.status != FollowUpStatus::kClosed || !f.sites_open.empty();
        std::string why_fr = open ? "toujours ouverte" : "corrigée mais constatée à nouveau";
        std::string why_en = open ? "still open" : "corrected but found again";
        f.reason.by_lang["fr"] = fmt::format("{} de l'audit précédent {} : elle devient {}.",
                                             f.previous_grade, why_fr, to);
        f.reason.by_lang["en"] = fmt::format("{} of the previous audit {}: it becomes {}.",
                                             f.previous_grade, why_en, to);
      } else {
        std::string when = f.due ? f.due->ToString() : std::string("?");
        f.reason.by_lang["fr"] =
            f.late ? fmt::format(
                         "{} de l'audit précédent corrigée après son échéance du {} : elle "
                         "reste {}.",
                         f.previous_grade, when, to)
                   : fmt::format(
                         "{} de l'audit précédent non vérifiée (correction non close avec "
                         "preuves) : elle reste {}.",
                         f.previous_grade, to);
        f.reason.by_lang["en"] =
            f.late ? fmt::format(
                         "{} of the previous audit corrected after its due date {}: it "
                         "stays {}.",
                         f.previous_grade, when, to)
                   : fmt::format(
                         "{} of the previous audit not verified (not closed with "
                         "evidence): it stays {}.",
                         f.previous_grade, to);
      }
      if (t >= 0 && Gravity(scale.grades[static_cast<size_t>(t)].kind) > Gravity(now.kind)) {
        cr.grade = t;
        cr.escalated = true;
        r_.notes.push_back(
            {"follow-up",
             c,
             f.reason.fr(),
             {{"from", f.previous_grade}, {"to", scale.grades[static_cast<size_t>(t)].code}}});
      }
      return;
    }
  }

  // The certificate the report prints is the one the cycle says the organisation holds after this
  // audit: a renewal keeps the cycle's rhythm (new expiry = old expiry + validity), a surveillance
  // maintains the dates it had, and a state other than granted, maintained or renewed (a renewal
  // after expiry that is refused, a suspension, a withdrawal) prints none.
  void ReconcileCertificate() {
    const Lifecycle& l = *r_.lifecycle;
    bool holds = l.state == "granted" || l.state == "maintained" || l.state == "renewed";
    if (!r_.certificate || !holds || !l.effective || !l.expiry) {
      r_.certificate.reset();
      return;
    }
    r_.certificate->effective = *l.effective;
    r_.certificate->expiry = *l.expiry;
    Date start = l.cycle_start ? *l.cycle_start : *l.effective;
    r_.certificate->first_surveillance_due = start.AddMonths(ref_.policy.surveillance_months);
  }

  // The follow-up's final grades, the certificate after this audit and the changes since the
  // previous audit.
  void FinishLifecycle() {
    std::vector<LifecycleReason> reasons;
    std::string major_not_corrected;
    for (FollowUpResult& f : r_.follow_up) {
      if (f.criterion_index >= 0) {
        const CriterionResult& cr = r_.criteria[static_cast<size_t>(f.criterion_index)];
        if (cr.assessed) f.grade = CodeOf(f.criterion_index);
      }
      if (f.previous_kind != GradeKind::kMajorNc) continue;
      if (f.late) {
        reasons.push_back(
            {"late-correction",
             {{{"fr", fmt::format("Non-conformité majeure {} corrigée le {}, après son échéance "
                                  "du {}.",
                                  f.criterion, f.date->ToString(), f.due->ToString())},
               {"en", fmt::format("Major nonconformity {} corrected on {}, after its due date {}.",
                                  f.criterion, f.date->ToString(), f.due->ToString())}}}});
      }
      if (d_.prior && major_not_corrected.empty()) {
        Date limit = d_.prior->last_audit_end.AddMonths(ref_.policy.follow_up.reaudit_months);
        bool corrected = f.status == FollowUpStatus::kClosed && f.date && *f.date <= limit &&
                         f.sites_open.empty();
        if (!corrected) major_not_corrected = f.criterion;
      }
    }
    if (d_.audit.kind != AuditKind::kSelfAssessment) {
      r_.lifecycle = ComputeLifecycle(ref_.policy, d_.audit, d_.prior, r_.decision,
                                      major_not_corrected, std::move(reasons));
      ReconcileCertificate();
    }
    if (!d_.previous) return;
    Changes ch;
    ch.previous_score = d_.previous->score;
    ch.score = r_.score;
    for (size_t i = 0; i < ref_.chapters.size(); ++i) {
      if (ref_.chapters[i].parent >= 0) continue;
      ChapterChange x;
      x.chapter = static_cast<int>(i);
      for (const auto& [id, score] : d_.previous->chapters) {
        if (id == ref_.chapters[i].id) x.previous = score;
      }
      const ChapterResult& now = r_.chapters[i];
      if (now.scored) x.current = now.score;
      ch.chapters.push_back(x);
    }
    r_.changes = std::move(ch);
  }

  void EscalateWithinCriterion(int c, const Assessment& a) {
    CriterionResult& cr = R(c);
    const Scale& scale = ScaleOf(c);
    for (const Escalation& e : ref_.policy.escalations) {
      if (e.within != Escalation::Within::kCriterion) continue;
      int from = scale.FindGrade(e.from);
      int to = scale.FindGrade(e.to);
      if (from < 0 || to < 0) continue;
      int n = static_cast<int>(std::count_if(a.findings.begin(), a.findings.end(),
                                             [&](const Finding& f) { return f.grade == from; }));
      if (n >= e.count && Gravity(scale.grades[static_cast<size_t>(to)].kind) >
                              Gravity(scale.grades[static_cast<size_t>(cr.grade)].kind)) {
        cr.grade = to;
        cr.escalated = true;
        r_.notes.push_back(
            {"escalation",
             c,
             fmt::format("{} constats {} sur cette exigence comptent pour un {}", n, e.from, e.to),
             {{"count", std::to_string(n)}, {"from", e.from}, {"to", e.to}}});
      }
    }
  }

  // The evidence cited by any finding of the assessment.
  std::vector<int> CitedEvidence(const Assessment& a) const {
    std::vector<int> out;
    for (const Finding& f : a.findings) out.insert(out.end(), f.evidence.begin(), f.evidence.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  void RunChecks(int c, const Assessment& a) {
    const Criterion& crit = C(c);
    CriterionResult& cr = R(c);
    for (size_t i = 0; i < crit.checks.size(); ++i) {
      const Check& check = crit.checks[i];
      CheckResult x;
      x.check = static_cast<int>(i);
      switch (check.type) {
        case CheckType::kIndicator: {
          auto it = std::find_if(a.indicators.begin(), a.indicators.end(),
                                 [&](const auto& p) { return p.first == check.indicator; });
          std::string unit =
              check.unit.empty() ? "" : (check.unit == "%" ? " %" : " " + check.unit);
          std::string expected;
          if (check.min && check.max) {
            expected = fmt::format("entre {} et {}{}", Num(*check.min), Num(*check.max), unit);
          } else if (check.min) {
            expected = fmt::format("au moins {}{}", Num(*check.min), unit);
          } else {
            expected = fmt::format("au plus {}{}", Num(*check.max), unit);
          }
          if (it == a.indicators.end()) {
            x.status = CheckStatus::kMissing;
            x.detail = fmt::format("indicateur {} non renseigné (attendu : {})", check.indicator,
                                   expected);
          } else {
            x.observed = it->second;
            bool ok = (!check.min || it->second >= *check.min) &&
                      (!check.max || it->second <= *check.max);
            x.status = ok ? CheckStatus::kPass : CheckStatus::kFail;
            x.detail = fmt::format("indicateur {} : {}{} (attendu : {})", check.indicator,
                                   Num(it->second), unit, expected);
          }
          break;
        }
        case CheckType::kEvidence: {
          int count = 0;
          int stale = 0;
          std::optional<Date> oldest;
          if (check.max_age_months) oldest = d_.audit.start.AddMonths(-*check.max_age_months);
          for (int e : CitedEvidence(a)) {
            const Evidence& ev = d_.evidence[static_cast<size_t>(e)];
            if (std::find(check.evidence_kinds.begin(), check.evidence_kinds.end(), ev.kind) ==
                check.evidence_kinds.end()) {
              continue;
            }
            if (oldest && (!ev.date || *ev.date < *oldest)) {
              ++stale;
              continue;
            }
            ++count;
          }
          x.observed = count;
          x.stale = stale;
          x.status = count >= check.min_count ? CheckStatus::kPass : CheckStatus::kFail;
          std::string kinds = fmt::format("{}", fmt::join(check.evidence_kinds, ", "));
          std::string age = check.max_age_months
                                ? fmt::format(" de moins de {} mois", *check.max_age_months)
                                : "";
          x.detail = fmt::format(
              "preuves de type {}{} : {} citée(s), {} attendue(s){}", kinds, age, count,
              check.min_count,
              stale ? fmt::format(" ({} trop ancienne(s) ou non datée(s))", stale) : "");
          break;
        }
        case CheckType::kSample: {
          if (!a.sample) {
            x.status = CheckStatus::kMissing;
            x.detail =
                fmt::format("échantillon ({}) non renseigné (attendu : au moins {} éléments)",
                            check.sample, check.min_size);
            break;
          }
          int size = static_cast<int>(a.sample->size());
          int passed = static_cast<int>(std::count_if(a.sample->begin(), a.sample->end(),
                                                      [](const SampleItem& s) { return s.pass; }));
          double rate = size > 0 ? static_cast<double>(passed) / size : 0;
          x.observed = rate;
          x.passed = passed;
          x.size = size;
          bool ok = size >= check.min_size && rate + 1e-9 >= check.pass_rate;
          x.status = ok ? CheckStatus::kPass : CheckStatus::kFail;
          x.detail = fmt::format(
              "échantillon ({}) : {}/{} conformes, {} % (attendu : au moins {} "
              "éléments et {} %)",
              check.sample, passed, size, Num(std::round(rate * 1000) / 10), check.min_size,
              Num(check.pass_rate * 100));
          break;
        }
      }
      if (x.status == CheckStatus::kMissing) {
        sink_.Warning("check-missing", a.where,
                      Fmt("criterion '{}': a check could not run: {}", crit.id, x.detail));
        r_.notes.push_back({"check-missing",
                            c,
                            fmt::format("Contrôle non réalisé : {}", x.detail),
                            {{"check", std::to_string(i)}}});
      }
      cr.checks.push_back(std::move(x));
    }
  }

  void ReviewConsistency(int c, const Assessment& a, bool met) {
    const Criterion& crit = C(c);
    const CriterionResult& cr = R(c);
    bool any_evidence = !CitedEvidence(a).empty();
    bool any_text = std::any_of(a.findings.begin(), a.findings.end(),
                                [](const Finding& f) { return !f.text.empty(); });
    if (cr.grade >= 0) {
      GradeKind k = ScaleOf(c).grades[static_cast<size_t>(cr.auditor_grade)].kind;
      if ((k == GradeKind::kStrength || k == GradeKind::kConforming) && !any_evidence) {
        std::string what = k == GradeKind::kStrength ? Tr("a strength") : Tr("conforming");
        sink_.Warning("no-evidence", a.where,
                      Fmt("criterion '{}' is graded {} ({}) but cites no evidence", crit.id,
                          CodeOf(c), what));
        r_.notes.push_back({"no-evidence", c, "Note favorable sans preuve citée", {}});
      }
    }
    if (!met && !any_text && (cr.gap || cr.failing)) {
      sink_.Warning("no-finding-text", a.where,
                    Fmt("criterion '{}' is graded {} but has no finding text: say what "
                        "was observed",
                        crit.id, CodeOf(c)));
      r_.notes.push_back({"no-finding-text", c, "Écart sans constat rédigé", {}});
    }
  }

  // ---- escalation by chapter -----------------------------------------------------------------
  int TopChapter(int ch) const {
    while (ch >= 0 && ref_.chapters[static_cast<size_t>(ch)].parent >= 0) {
      ch = ref_.chapters[static_cast<size_t>(ch)].parent;
    }
    return ch;
  }

  void EscalateChapters() {
    for (size_t e = 0; e < ref_.policy.escalations.size(); ++e) {
      const Escalation& esc = ref_.policy.escalations[e];
      if (esc.within != Escalation::Within::kChapter) continue;
      for (size_t top = 0; top < ref_.chapters.size(); ++top) {
        if (ref_.chapters[top].parent >= 0) continue;
        ChapterEscalation ce;
        ce.escalation = static_cast<int>(e);
        ce.chapter = static_cast<int>(top);
        for (size_t c = 0; c < ref_.criteria.size(); ++c) {
          const CriterionResult& cr = r_.criteria[c];
          if (cr.scored && cr.grade >= 0 &&
              TopChapter(C(static_cast<int>(c)).chapter) == static_cast<int>(top) &&
              CodeOf(static_cast<int>(c)) == esc.from) {
            ce.criteria.push_back(static_cast<int>(c));
          }
        }
        if (static_cast<int>(ce.criteria.size()) >= esc.count) {
          r_.notes.push_back(
              {"escalation",
               ce.criteria.front(),
               fmt::format("{} constats {} dans le chapitre {} comptent pour un {} "
                           "(défaillance systémique)",
                           ce.criteria.size(), esc.from, ref_.chapters[top].id, esc.to),
               {{"count", std::to_string(ce.criteria.size())},
                {"from", esc.from},
                {"to", esc.to},
                {"chapter", ref_.chapters[top].id}}});
          r_.chapter_escalations.push_back(std::move(ce));
        }
      }
    }
  }

  // ---- propagation along `requires` ----------------------------------------------------------
  void Propagate() {
    CriteriaGraph graph(ref_);
    order_ = graph.TopologicalOrder();
    // roots[c]: the root causes upstream of c (failing criteria with no failing prerequisite).
    std::vector<std::vector<int>> roots(ref_.criteria.size());
    for (int c : order_) {
      CriterionResult& cr = R(c);
      for (const Link& l : C(c).prerequisites) {
        const CriterionResult& p = R(l.target);
        const std::vector<int>& up = roots[static_cast<size_t>(l.target)];
        if (!up.empty()) {
          roots[static_cast<size_t>(c)] = Union(roots[static_cast<size_t>(c)], up);
        } else if (p.failing) {
          roots[static_cast<size_t>(c)] = Union(roots[static_cast<size_t>(c)], {l.target});
        }
        if (p.failing || p.impacted) cr.failing_prerequisites.push_back(l.target);
      }
      std::sort(cr.failing_prerequisites.begin(), cr.failing_prerequisites.end());
      // A criterion that does not apply is never marked impacted (causes still pass through it).
      cr.impacted = cr.applicable && !roots[static_cast<size_t>(c)].empty();
      if (!cr.applicable) cr.failing_prerequisites.clear();
      if (cr.gap || cr.failing) {
        cr.root_causes = roots[static_cast<size_t>(c)];
        if (cr.root_causes.empty() && cr.failing) cr.root_causes = {c};
      }
    }
  }

  // ---- scores --------------------------------------------------------------------------------
  void Score() {
    std::vector<double> num(ref_.chapters.size(), 0);
    std::vector<double> den(ref_.chapters.size(), 0);
    double gnum = 0;
    double gden = 0;
    for (size_t c = 0; c < ref_.criteria.size(); ++c) {
      const CriterionResult& cr = r_.criteria[c];
      if (!cr.scored) continue;
      ++r_.scored_criteria;
      double w = cr.weight;
      for (int ch = ref_.criteria[c].chapter; ch >= 0;
           ch = ref_.chapters[static_cast<size_t>(ch)].parent) {
        num[static_cast<size_t>(ch)] += w * cr.points;
        den[static_cast<size_t>(ch)] += w;
        ++r_.chapters[static_cast<size_t>(ch)].scored_criteria;
        w *= ref_.chapters[static_cast<size_t>(ch)].weight;
      }
      gnum += w * cr.points;
      gden += w;
    }
    double scale = ref_.policy.points_scale / 100.0;
    for (size_t ch = 0; ch < ref_.chapters.size(); ++ch) {
      ChapterResult& x = r_.chapters[ch];
      x.chapter = static_cast<int>(ch);
      x.scored = den[ch] > 0;
      x.score = x.scored ? num[ch] / den[ch] : 0;
      x.points = x.score * scale;
    }
    r_.score = gden > 0 ? gnum / gden : 0;
    r_.points = r_.score * scale;
  }

  void Count() {
    for (size_t c = 0; c < ref_.criteria.size(); ++c) {
      const CriterionResult& cr = r_.criteria[c];
      if (!cr.applicable || !cr.assessed) continue;
      std::string code = CodeOf(static_cast<int>(c));
      ++r_.grade_counts[code];
      if (cr.grade >= 0) ++r_.kind_counts[cr.kind];
      for (int ch = ref_.criteria[c].chapter; ch >= 0;
           ch = ref_.chapters[static_cast<size_t>(ch)].parent) {
        ++r_.chapters[static_cast<size_t>(ch)].grade_counts[code];
      }
      if (cr.failing && ref_.criteria[c].blocking)
        r_.blocking_failed.push_back(static_cast<int>(c));
    }
    for (const ChapterEscalation& ce : r_.chapter_escalations) {
      const Escalation& e = ref_.policy.escalations[static_cast<size_t>(ce.escalation)];
      ++r_.grade_counts[e.to];
      if (auto k = KindOfCode(e.to)) ++r_.kind_counts[*k];
      ChapterResult& ch = r_.chapters[static_cast<size_t>(ce.chapter)];
      ++ch.grade_counts[e.to];
      ++ch.systemic;
    }
  }

  std::optional<GradeKind> KindOfCode(const std::string& code) const {
    for (const Scale& s : ref_.scales) {
      int g = s.FindGrade(code);
      if (g >= 0) return s.grades[static_cast<size_t>(g)].kind;
    }
    return std::nullopt;
  }

  // ---- the decision --------------------------------------------------------------------------
  std::string Bounds(const Condition& cond) const {
    if (cond.min && cond.max)
      return fmt::format("between {} and {}", TraceNum(*cond.min), TraceNum(*cond.max));
    if (cond.min) return fmt::format(">= {}", TraceNum(*cond.min));
    return fmt::format("<= {}", TraceNum(*cond.max));
  }

  bool InBounds(const Condition& cond, double v) const {
    constexpr double kEps = 1e-9;
    return (!cond.min || v + kEps >= *cond.min) && (!cond.max || v - kEps <= *cond.max);
  }

  double CountMatching(const Condition& cond, std::string* what) const {
    std::vector<std::string> parts;
    if (!cond.grade.empty()) parts.push_back("grade " + cond.grade);
    if (cond.kind) parts.push_back("kind " + std::string(GradeKindName(*cond.kind)));
    if (!cond.level.empty()) parts.push_back("level " + cond.level);
    if (!cond.level_below.empty()) parts.push_back("level below " + cond.level_below);
    if (cond.blocking) parts.push_back(*cond.blocking ? "blocking" : "not blocking");
    if (cond.chapter >= 0)
      parts.push_back("chapter " + ref_.chapters[static_cast<size_t>(cond.chapter)].id);
    *what = fmt::format("count({})", parts.empty() ? std::string("assessed")
                                                   : fmt::format("{}", fmt::join(parts, ", ")));
    int n = 0;
    for (size_t c = 0; c < ref_.criteria.size(); ++c) {
      const CriterionResult& cr = r_.criteria[c];
      const Criterion& crit = ref_.criteria[c];
      if (!cr.applicable || !cr.assessed) continue;
      if (cond.blocking && crit.blocking != *cond.blocking) continue;
      if (cond.chapter >= 0 && !ref_.ChapterWithin(crit.chapter, cond.chapter)) continue;
      if (!cond.grade.empty() && (cr.grade < 0 || CodeOf(static_cast<int>(c)) != cond.grade))
        continue;
      if (cond.kind && (cr.grade < 0 || cr.kind != *cond.kind)) continue;
      const Scale& s = ScaleOf(static_cast<int>(c));
      if (!cond.level.empty() &&
          (cr.level < 0 || s.levels[static_cast<size_t>(cr.level)].code != cond.level))
        continue;
      if (!cond.level_below.empty()) {
        int bar = s.FindLevel(cond.level_below);
        if (cr.level < 0 || bar < 0 || cr.level >= bar) continue;
      }
      ++n;
    }
    // Chapter-level escalations count as findings of their target grade.
    if (!cond.blocking && cond.level.empty() && cond.level_below.empty()) {
      for (const ChapterEscalation& ce : r_.chapter_escalations) {
        const Escalation& e = ref_.policy.escalations[static_cast<size_t>(ce.escalation)];
        if (!cond.grade.empty() && cond.grade != e.to) continue;
        if (cond.kind && KindOfCode(e.to) != cond.kind) continue;
        if (cond.chapter >= 0 && !ref_.ChapterWithin(ce.chapter, cond.chapter)) continue;
        if (cond.grade.empty() && !cond.kind && cond.chapter < 0)
          continue;  // "assessed" counts criteria
        ++n;
      }
    }
    return n;
  }

  ConditionTrace Trace(const Condition& cond) const {
    ConditionTrace t;
    t.condition = &cond;
    switch (cond.op) {
      case Condition::Op::kAll:
      case Condition::Op::kAny: {
        bool all = cond.op == Condition::Op::kAll;
        t.held = all;
        for (const Condition& child : cond.children) {
          ConditionTrace ct = Trace(child);
          t.held = all ? (t.held && ct.held) : (t.held || ct.held);
          t.children.push_back(std::move(ct));
        }
        t.observed = t.held ? 1 : 0;
        std::string inner;
        for (const ConditionTrace& ct : t.children) inner += (inner.empty() ? "" : "; ") + ct.text;
        t.text = fmt::format("{} ({})", all ? "all of" : "any of", inner);
        return t;
      }
      case Condition::Op::kNot: {
        ConditionTrace ct = Trace(cond.children.front());
        t.held = !ct.held;
        t.observed = t.held ? 1 : 0;
        t.text = fmt::format("not ({})", ct.text);
        t.children.push_back(std::move(ct));
        return t;
      }
      case Condition::Op::kLeaf:
        break;
    }
    std::string what;
    switch (cond.metric) {
      case Metric::kCount:
        t.observed = CountMatching(cond, &what);
        t.held = InBounds(cond, t.observed);
        break;
      case Metric::kBlockingFailed:
        what = "blocking criteria failed";
        t.observed = static_cast<double>(r_.blocking_failed.size());
        t.held = InBounds(cond, t.observed);
        break;
      case Metric::kScore:
      case Metric::kPoints: {
        bool points = cond.metric == Metric::kPoints;
        auto value = [&](const ChapterResult& ch) { return points ? ch.points : ch.score; };
        std::string unit = points ? "points" : "score";
        if (cond.each_chapter) {
          what = fmt::format("lowest chapter {}", unit);
          t.held = true;
          bool first = true;
          for (const ChapterResult& ch : r_.chapters) {
            if (ref_.chapters[static_cast<size_t>(ch.chapter)].parent >= 0 || !ch.scored) continue;
            double v = value(ch);
            bool ok = InBounds(cond, v);
            t.held = t.held && ok;
            // Report the chapter furthest from the bound.
            if (first || (cond.min ? v < t.observed : v > t.observed)) t.observed = v;
            if (first && !cond.min) what = fmt::format("highest chapter {}", unit);
            first = false;
          }
        } else if (cond.chapter >= 0) {
          const ChapterResult& ch = r_.chapters[static_cast<size_t>(cond.chapter)];
          what = fmt::format("{} of chapter {}", unit,
                             ref_.chapters[static_cast<size_t>(cond.chapter)].id);
          if (!ch.scored) {
            t.text = what + ": no scored criterion";
            t.held = false;
            return t;
          }
          t.observed = value(ch);
          t.held = InBounds(cond, t.observed);
        } else {
          what = fmt::format("global {}", unit);
          t.observed = points ? r_.points : r_.score;
          t.held = InBounds(cond, t.observed);
        }
        break;
      }
    }
    t.text = fmt::format("{} = {}, needs {}", what, TraceNum(std::round(t.observed * 100) / 100),
                         Bounds(cond));
    return t;
  }

  void Decide() {
    const auto& outcomes = ref_.policy.outcomes;
    for (size_t o = 0; o < outcomes.size(); ++o) {
      OutcomeTrace ot;
      ot.outcome = static_cast<int>(o);
      ot.matched = true;
      for (const Condition& cond : outcomes[o].when) {
        ConditionTrace t = Trace(cond);
        ot.matched = ot.matched && t.held;
        ot.conditions.push_back(std::move(t));
      }
      bool matched = ot.matched;
      r_.outcomes.push_back(std::move(ot));
      if (matched) {
        r_.outcome = static_cast<int>(o);
        r_.decision = outcomes[o].decision;
        break;
      }
    }
    if (d_.audit.kind == AuditKind::kSelfAssessment && r_.decision != Decision::kNone) {
      // A self-assessment never certifies, whatever the referential: the outcome gives its level
      // and the plan, not a decision (DOMAIN.md, vocabulary).
      r_.notes.push_back(
          {"self-assessment",
           -1,
           fmt::format("Auto-évaluation : le résultat « {} » du référentiel ne vaut "
                       "pas décision de certification ; aucun certificat n'est "
                       "délivré.",
                       r_.outcome >= 0 ? ref_.policy.outcomes[static_cast<size_t>(r_.outcome)].id
                                       : std::string(DecisionName(r_.decision))),
           {{"outcome", r_.outcome >= 0 ? ref_.policy.outcomes[static_cast<size_t>(r_.outcome)].id
                                        : std::string()}}});
      r_.decision = Decision::kNone;
    }
    if ((r_.decision == Decision::kGranted || r_.decision == Decision::kConditional) &&
        r_.outcome >= 0) {
      Certificate cert;
      cert.effective = d_.audit.decision_date;
      cert.expiry = cert.effective.AddMonths(ref_.policy.validity_months).AddDays(-1);
      cert.first_surveillance_due = cert.effective.AddMonths(ref_.policy.surveillance_months);
      r_.certificate = cert;
    }
  }

  // ---- the action plan -----------------------------------------------------------------------
  void PlanActions() {
    // An action waits for the actions on its root causes (the failing prerequisites that explain
    // it): fixing the cause first is what makes the rest hold. Otherwise the gravest gap goes
    // first, then file order. Roots have no failing prerequisite, so they never wait.
    const size_t n = ref_.criteria.size();
    std::vector<int> waiting(n, 0);
    std::vector<std::vector<int>> released(n);  // root -> gaps waiting for it
    auto key = [&](int c) {
      const CriterionResult& cr = r_.criteria[static_cast<size_t>(c)];
      int gravity = cr.grade >= 0 ? Gravity(cr.kind) : 3;
      return std::make_pair(-gravity, c);
    };
    auto later = [&](int a, int b) { return key(a) > key(b); };
    std::priority_queue<int, std::vector<int>, decltype(later)> free(later);
    for (size_t c = 0; c < n; ++c) {
      const CriterionResult& cr = r_.criteria[c];
      if (!cr.gap) continue;
      for (int root : cr.root_causes) {
        if (root == static_cast<int>(c)) continue;
        ++waiting[c];
        released[static_cast<size_t>(root)].push_back(static_cast<int>(c));
      }
      if (waiting[c] == 0) free.push(static_cast<int>(c));
    }
    while (!free.empty()) {
      int c = free.top();
      free.pop();
      const CriterionResult& cr = r_.criteria[static_cast<size_t>(c)];
      Action a;
      a.criterion = c;
      a.grade = CodeOf(c);
      a.kind = cr.grade >= 0 ? cr.kind : GradeKind::kMinorNc;
      auto it = ref_.policy.deadlines_months.find(a.grade);
      if (it != ref_.policy.deadlines_months.end()) {
        a.deadline_months = it->second;
        a.due = d_.audit.decision_date.AddMonths(it->second);
      }
      for (int root : cr.root_causes) {
        if (root != c) a.after.push_back(root);
      }
      r_.actions.push_back(std::move(a));
      for (int g : released[static_cast<size_t>(c)]) {
        if (--waiting[static_cast<size_t>(g)] == 0) free.push(g);
      }
    }
  }

  void GroupRootCauses() {
    std::map<int, std::vector<int>> groups;  // root (-1: none) -> gaps
    for (size_t c = 0; c < r_.criteria.size(); ++c) {
      const CriterionResult& cr = r_.criteria[c];
      if (!cr.gap) continue;
      if (cr.root_causes.empty()) {
        groups[-1].push_back(static_cast<int>(c));
      } else {
        for (int root : cr.root_causes) groups[root].push_back(static_cast<int>(c));
      }
    }
    for (auto& [root, gaps] : groups) {
      // The root first, then file order.
      std::stable_partition(gaps.begin(), gaps.end(), [root = root](int g) { return g == root; });
      r_.root_causes.push_back({root, gaps});
    }
    std::stable_sort(r_.root_causes.begin(), r_.root_causes.end(),
                     [](const RootCauseGroup& a, const RootCauseGroup& b) {
                       if ((a.root < 0) != (b.root < 0)) return b.root < 0;
                       return a.gaps.size() > b.gaps.size();
                     });
  }

  const Referential& ref_;
  const Dossier& d_;
  DiagnosticSink own_sink_;
  DiagnosticSink& sink_;
  AuditResult r_;
  std::vector<int> order_;
};

}  // namespace

Evaluation Evaluate(const Referential& ref, const Dossier& dossier) {
  return Evaluator(ref, dossier).Run();
}

void AssessmentDiagnostics(const Referential& ref, const Dossier& dossier, DiagnosticSink* sink) {
  Evaluator(ref, dossier, sink).GradeEach();
}

}  // namespace sceau
