#include "reports/json_writer.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>

#include "engine/issuer_config.h"

#ifndef SCEAU_VERSION
#define SCEAU_VERSION "0.0.0"
#endif

namespace sceau {
namespace {

using Json = nlohmann::ordered_json;

double Round2(double v) { return std::round(v * 100) / 100; }

Json TextJson(const Text& t) {
  Json j = Json::object();
  for (const auto& [lang, s] : t.by_lang) j[lang] = s;
  return j;
}

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json Ids(const Referential& ref, const std::vector<int>& v) {
  Json j = Json::array();
  for (int c : v) j.push_back(ref.criteria[static_cast<size_t>(c)].id);
  return j;
}

Json TraceJson(const Referential& ref, const ConditionTrace& t) {
  Json j;
  j["text"] = t.text;
  if (const Condition* c = t.condition) {
    switch (c->op) {
      case Condition::Op::kAll:
        j["op"] = "all";
        break;
      case Condition::Op::kAny:
        j["op"] = "any";
        break;
      case Condition::Op::kNot:
        j["op"] = "not";
        break;
      case Condition::Op::kLeaf:
        j["op"] = "leaf";
        j["metric"] = MetricName(c->metric);
        if (!c->grade.empty()) j["grade"] = c->grade;
        if (c->kind) j["kind"] = GradeKindName(*c->kind);
        if (!c->level.empty()) j["level"] = c->level;
        if (!c->level_below.empty()) j["level_below"] = c->level_below;
        if (c->blocking) j["blocking"] = *c->blocking;
        if (c->chapter >= 0) j["chapter"] = ref.chapters[static_cast<size_t>(c->chapter)].id;
        if (c->each_chapter) j["each_chapter"] = true;
        j["min"] = c->min ? Json(*c->min) : Json(nullptr);
        j["max"] = c->max ? Json(*c->max) : Json(nullptr);
        break;
    }
  }
  j["observed"] = Round2(t.observed);
  j["held"] = t.held;
  if (!t.children.empty()) {
    Json children = Json::array();
    for (const ConditionTrace& c : t.children) children.push_back(TraceJson(ref, c));
    j["children"] = std::move(children);
  }
  return j;
}

// The "multisite" block (null for a single-site organisation), and on each action the sites it
// is to be carried out on: "all" for a nonconformity presumed to concern every site, else null.
void AddMultisite(const Referential& ref, const AuditResult& r, Json* j) {
  std::vector<int> everywhere;
  if (!r.multisite) {
    (*j)["multisite"] = nullptr;
  } else {
    const MultisiteResult& m = *r.multisite;
    Json presumed = Json::array();
    for (const PresumedNc& p : m.presumed) {
      everywhere.push_back(p.criterion);
      presumed.push_back({{"criterion", ref.criteria[static_cast<size_t>(p.criterion)].id},
                          {"grade", p.grade},
                          {"found_at", p.found_at},
                          {"sites", p.sites}});
    }
    (*j)["multisite"] = {{"sites", m.sites},
                         {"visited", m.visited},
                         {"required", m.required},
                         {"shortfall", m.shortfall},
                         {"rule", m.rule},
                         {"central", OrNull(m.central)},
                         {"central_visited", m.central_visited},
                         {"presumed", presumed}};
  }
  Json& actions = (*j)["actions"];
  for (size_t i = 0; i < r.actions.size() && i < actions.size(); ++i) {
    bool all =
        std::find(everywhere.begin(), everywhere.end(), r.actions[i].criterion) != everywhere.end();
    actions[i]["sites"] = all ? Json("all") : Json(nullptr);
  }
}

Json DateOrNull(const std::optional<Date>& d) { return d ? Json(d->ToString()) : Json(nullptr); }

// The "lifecycle", "follow_up" and "changes" blocks (audits/README.md, "The JSON result").
void AddLifecycle(const Referential& ref, const Dossier& d, const AuditResult& r,
                  const std::string& directory_url, Json* j) {
  if (!r.lifecycle) {
    (*j)["lifecycle"] = nullptr;
  } else {
    const Lifecycle& l = *r.lifecycle;
    Json previous = nullptr;
    if (d.previous) {
      const PreviousResult& p = *d.previous;
      previous = {{"path", p.path},         {"sha256", p.sha256},
                  {"audit_id", p.audit_id}, {"audit_kind", p.audit_kind},
                  {"decision", p.decision}, {"decision_date", p.decision_date.ToString()},
                  {"state", p.cycle.state}};
    }
    Json reasons = Json::array();
    for (const LifecycleReason& x : l.reasons)
      reasons.push_back({{"code", x.code}, {"message", TextJson(x.message)}});
    (*j)["lifecycle"] = {{"previous", previous},
                         {"cycle_start", DateOrNull(l.cycle_start)},
                         {"state", l.state},
                         {"state_date", l.state_date.ToString()},
                         {"effective", DateOrNull(l.effective)},
                         {"expiry", DateOrNull(l.expiry)},
                         {"surveillances_done", l.surveillances_done},
                         {"due", DateOrNull(l.due)},
                         {"on_time", l.on_time ? Json(*l.on_time) : Json(nullptr)},
                         {"next", {{"kind", OrNull(l.next_kind)}, {"due", DateOrNull(l.next_due)}}},
                         {"reasons", reasons},
                         {"number", OrNull(l.number)},
                         {"revision", l.revision}};
    // Only with a directory and a number: results written without them keep their bytes.
    if (!directory_url.empty() && IsPublishableNumber(l.number)) {
      (*j)["lifecycle"]["page_url"] = {{"fr", CertificatePageUrl(directory_url, l.number, "fr")},
                                       {"en", CertificatePageUrl(directory_url, l.number, "en")}};
    }
  }
  Json follow = Json::array();
  for (const FollowUpResult& f : r.follow_up) {
    Json ev = Json::array();
    for (int e : f.evidence) ev.push_back(d.evidence[static_cast<size_t>(e)].id);
    follow.push_back({{"criterion", f.criterion},
                      {"previous_grade", f.previous_grade},
                      {"previous_kind", GradeKindName(f.previous_kind)},
                      {"due", DateOrNull(f.due)},
                      {"status", FollowUpStatusName(f.status)},
                      {"date", DateOrNull(f.date)},
                      {"evidence", ev},
                      {"note", OrNull(f.note)},
                      {"sites_open", f.sites_open},
                      {"verified", f.verified},
                      {"late", f.late},
                      {"effect", f.effect},
                      {"grade", OrNull(f.grade)},
                      {"reason", f.reason.empty() ? Json(nullptr) : TextJson(f.reason)}});
  }
  (*j)["follow_up"] = std::move(follow);
  if (!r.changes) {
    (*j)["changes"] = nullptr;
    return;
  }
  Json chapters = Json::array();
  for (const ChapterChange& c : r.changes->chapters) {
    const Chapter& ch = ref.chapters[static_cast<size_t>(c.chapter)];
    chapters.push_back({{"id", ch.id},
                        {"title", TextJson(ch.title)},
                        {"previous", c.previous ? Json(Round2(*c.previous)) : Json(nullptr)},
                        {"current", c.current ? Json(Round2(*c.current)) : Json(nullptr)}});
  }
  (*j)["changes"] = {{"previous_score", Round2(r.changes->previous_score)},
                     {"score", Round2(r.changes->score)},
                     {"chapters", chapters}};
}

// The kinds the referential declares beyond the built-in ones, with their labels.
Json EvidenceKindsJson(const Referential& ref) {
  Json kinds = Json::array();
  for (size_t i = 0; i < ref.evidence_kinds.size(); ++i) {
    kinds.push_back(
        {{"id", ref.evidence_kinds[i]},
         {"label", i < ref.evidence_kind_labels.size() ? TextJson(ref.evidence_kind_labels[i])
                                                       : Json::object()}});
  }
  return kinds;
}

Json RangeJson(const Range& r) {
  if (!r.min && !r.max) return nullptr;
  return {{"min", r.min ? Json(*r.min) : Json(nullptr)},
          {"max", r.max ? Json(*r.max) : Json(nullptr)}};
}

// Why a criterion does not apply, as terms a report words in its language: the referential's
// conditions, the one that excludes the organisation, and the organisation's value for it.
Json AppliesJson(const Criterion& c, const Organisation& o) {
  Json kinds = Json::array();
  for (OrgKind k : c.applies.kinds) kinds.push_back(OrgKindName(k));
  std::string_view by = ExcludedBy(c, o);
  Json value = nullptr;
  if (by == "kinds") value = OrgKindName(o.kind);
  if (by == "headcount") value = o.headcount();
  if (by == "sites") value = o.sites.size();
  return {{"kinds", kinds},
          {"headcount", RangeJson(c.applies.headcount)},
          {"sites", RangeJson(c.applies.sites)},
          {"excluded_by", by.empty() ? Json(nullptr) : Json(std::string(by))},
          {"value", value}};
}

Json TermsJson(const std::vector<std::pair<std::string, std::string>>& terms) {
  Json j = Json::object();
  for (const auto& [k, v] : terms) j[k] = v;
  return j;
}

Json OrNumber(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

// The terms a report words a check's result with, in either language.
void CheckTermsJson(const Check& check, const CheckResult& ch, Json* j) {
  switch (check.type) {
    case CheckType::kIndicator:
      (*j)["indicator"] = check.indicator;
      (*j)["unit"] = OrNull(check.unit);
      (*j)["min"] = OrNumber(check.min);
      (*j)["max"] = OrNumber(check.max);
      break;
    case CheckType::kEvidence:
      (*j)["evidence_kinds"] = check.evidence_kinds;
      (*j)["max_age_months"] = check.max_age_months ? Json(*check.max_age_months) : Json(nullptr);
      (*j)["count"] = ch.observed ? static_cast<int>(std::lround(*ch.observed)) : 0;
      (*j)["expected_count"] = check.min_count;
      (*j)["stale_count"] = ch.stale;
      break;
    case CheckType::kSample:
      (*j)["sample"] = check.sample;
      (*j)["passed"] = ch.passed ? Json(*ch.passed) : Json(nullptr);
      (*j)["size"] = ch.size ? Json(*ch.size) : Json(nullptr);
      (*j)["min_size"] = check.min_size;
      (*j)["pass_rate"] = check.pass_rate;
      break;
  }
}

}  // namespace

std::string ResultToJson(const Referential& ref, const Dossier& d, const AuditResult& r,
                         const std::vector<Coverage>& coverage, const std::string& directory_url) {
  Json j;
  j["format"] = "sceau-result";
  j["format_version"] = kResultFormatVersion;
  j["generator"] = std::string("sceau ") + SCEAU_VERSION;
  // What a reader of the report needs from the referential: titles, scales, score thresholds.
  Json scales = Json::array();
  for (const Scale& sc : ref.scales) {
    Json grades = Json::array();
    for (const Grade& g : sc.grades) {
      Json gj = {{"code", g.code}, {"kind", GradeKindName(g.kind)}, {"label", TextJson(g.label)}};
      gj["points"] = g.kind == GradeKind::kNotApplicable ? Json(nullptr) : Json(g.points);
      grades.push_back(std::move(gj));
    }
    Json levels = Json::array();
    for (const Level& l : sc.levels) {
      levels.push_back({{"code", l.code}, {"label", TextJson(l.label)}, {"points", l.points}});
    }
    scales.push_back({{"id", sc.id},
                      {"title", TextJson(sc.title)},
                      {"type", sc.type == ScaleType::kGrades ? "grades" : "maturity"},
                      {"grades", grades},
                      {"levels", levels},
                      {"pass_from", sc.type == ScaleType::kMaturity && !sc.levels.empty()
                                        ? Json(sc.levels[static_cast<size_t>(sc.pass_from)].code)
                                        : Json(nullptr)}});
  }
  Json thresholds = Json::array();
  std::function<void(const Condition&, const Outcome&)> collect = [&](const Condition& c,
                                                                      const Outcome& o) {
    if (c.op != Condition::Op::kLeaf) {
      for (const Condition& child : c.children) collect(child, o);
      return;
    }
    if (c.metric != Metric::kScore && c.metric != Metric::kPoints) return;
    double factor = c.metric == Metric::kPoints ? 100.0 / ref.policy.points_scale : 1.0;
    for (const std::optional<double>& bound : {c.min, c.max}) {
      if (!bound) continue;
      thresholds.push_back(
          {{"outcome", o.id},
           {"label", TextJson(o.label)},
           {"chapter",
            c.chapter >= 0 ? Json(ref.chapters[static_cast<size_t>(c.chapter)].id) : Json(nullptr)},
           {"each_chapter", c.each_chapter},
           {"percent", Round2(*bound * factor)}});
    }
  };
  for (const Outcome& o : ref.policy.outcomes) {
    for (const Condition& c : o.when) collect(c, o);
  }
  Json referential = {
      {"id", ref.id},
      {"version", ref.version},
      {"title", TextJson(ref.title)},
      {"publisher", OrNull(ref.publisher)},
      {"effective", ref.effective ? Json(ref.effective->ToString()) : Json(nullptr)},
      {"languages", ref.languages},
      {"scales", scales},
      {"evidence_kinds", EvidenceKindsJson(ref)},
      {"points_scale", ref.policy.points_scale},
      {"thresholds", thresholds}};

  j["inputs"] = {{"referential",
                  {{"id", ref.id},
                   {"version", ref.version},
                   {"path", ref.path},
                   {"sha256", OrNull(ref.sha256)}}},
                 {"dossier", {{"path", d.path}, {"sha256", d.sha256}}}};

  j["referential"] = std::move(referential);

  const Organisation& o = d.organisation;
  Json sites = Json::array();
  for (const Site& s : o.sites)
    sites.push_back({{"id", s.id}, {"name", s.name}, {"address", OrNull(s.address)}});
  j["organisation"] = {{"name", o.name},
                       {"siret", OrNull(o.siret)},
                       {"kind", OrgKindName(o.kind)},
                       {"region", OrNull(o.region)},
                       {"headcount", {{"permanent", o.permanent}, {"pathway", o.pathway}}},
                       {"sites", sites},
                       {"group", OrNull(r.group)}};

  const AuditInfo& a = d.audit;
  j["audit"] = {{"id", a.id},
                {"kind", AuditKindName(a.kind)},
                {"start", a.start.ToString()},
                {"end", a.end.ToString()},
                {"decision_date", a.decision_date.ToString()},
                {"sites_visited", a.sites_visited},
                {"lead_auditor", a.lead_auditor},
                {"auditors", a.auditors},
                {"decision_maker", OrNull(a.decision_maker)},
                {"scope", TextJson(a.scope)},
                {"objectives", TextJson(a.objectives)}};

  Json decision;
  if (r.outcome >= 0) {
    const Outcome& out = ref.policy.outcomes[static_cast<size_t>(r.outcome)];
    decision["outcome"] = out.id;
    decision["decision"] = DecisionName(r.decision);
    decision["level"] = OrNull(out.level);
    if (r.decision != out.decision) {
      // The outcome's label ("Label accordé") does not hold: a self-assessment against a
      // certification referential decides nothing; a member of a refused group is refused.
      Text label;
      if (r.decision == Decision::kNone) {
        label.by_lang["fr"] = "Auto-évaluation : pas de décision de certification";
        label.by_lang["en"] = "Self-assessment: no certification decision";
      } else {
        label.by_lang["fr"] = "Label refusé avec le groupe";
        label.by_lang["en"] = "Label refused with the group";
      }
      decision["label"] = TextJson(label);
    } else {
      decision["label"] = TextJson(out.label);
    }
    decision["explanation"] = TextJson(out.explanation);
  } else {
    decision["outcome"] = nullptr;
    decision["decision"] = DecisionName(r.decision);
  }
  Json trace = Json::array();
  for (const OutcomeTrace& ot : r.outcomes) {
    Json conds = Json::array();
    for (const ConditionTrace& t : ot.conditions) conds.push_back(TraceJson(ref, t));
    const Outcome& tried = ref.policy.outcomes[static_cast<size_t>(ot.outcome)];
    trace.push_back({{"outcome", tried.id},
                     {"label", TextJson(tried.label)},
                     {"matched", ot.matched},
                     {"conditions", conds}});
  }
  decision["trace"] = std::move(trace);
  j["decision"] = std::move(decision);

  j["score"] = {{"percent", Round2(r.score)},
                {"points", Round2(r.points)},
                {"points_scale", ref.policy.points_scale},
                {"scored_criteria", r.scored_criteria},
                {"applicable_criteria", r.applicable_criteria},
                {"not_applicable", r.not_applicable}};

  Json by_grade = Json::object();
  for (const Scale& s : ref.scales) {
    for (const Grade& g : s.grades) {
      auto it = r.grade_counts.find(g.code);
      by_grade[g.code] = it == r.grade_counts.end() ? 0 : it->second;
    }
    for (const Level& l : s.levels) {
      auto it = r.grade_counts.find(l.code);
      by_grade[l.code] = it == r.grade_counts.end() ? 0 : it->second;
    }
  }
  Json by_kind = Json::object();
  for (const auto& [kind, n] : r.kind_counts) by_kind[std::string(GradeKindName(kind))] = n;
  j["counts"] = {{"by_grade", by_grade},
                 {"by_kind", by_kind},
                 {"blocking_failed", Ids(ref, r.blocking_failed)}};

  Json chapters = Json::array();
  for (const ChapterResult& ch : r.chapters) {
    const Chapter& c = ref.chapters[static_cast<size_t>(ch.chapter)];
    Json counts = Json::object();
    for (const auto& [code, n] : ch.grade_counts) counts[code] = n;
    chapters.push_back(
        {{"id", c.id},
         {"title", TextJson(c.title)},
         {"parent",
          c.parent >= 0 ? Json(ref.chapters[static_cast<size_t>(c.parent)].id) : Json(nullptr)},
         {"score", ch.scored ? Json(Round2(ch.score)) : Json(nullptr)},
         {"points", ch.scored ? Json(Round2(ch.points)) : Json(nullptr)},
         {"scored_criteria", ch.scored_criteria},
         {"counts", counts},
         {"systemic", ch.systemic}});
  }
  j["chapters"] = std::move(chapters);

  Json criteria = Json::array();
  for (const CriterionResult& cr : r.criteria) {
    const Criterion& c = ref.criteria[static_cast<size_t>(cr.criterion)];
    const Scale& scale = ref.scales[static_cast<size_t>(c.scale)];
    Json x;
    x["id"] = c.id;
    x["chapter"] = ref.chapters[static_cast<size_t>(c.chapter)].id;
    x["title"] = TextJson(c.title);
    x["requirement"] = TextJson(c.requirement);
    x["scale"] = scale.id;
    x["applicable"] = cr.applicable;
    x["not_applicable_reason"] = OrNull(cr.not_applicable_reason);
    x["applies"] = cr.applicable ? Json(nullptr) : AppliesJson(c, d.organisation);
    x["assessed"] = cr.assessed;
    x["na"] = cr.na;
    int ai = d.assessment_of.empty() ? -1 : d.assessment_of[static_cast<size_t>(cr.criterion)];
    const Assessment* as = ai >= 0 ? &d.assessments[static_cast<size_t>(ai)] : nullptr;
    x["na_justification"] = as && cr.na ? Json(as->na_justification) : Json(nullptr);
    x["grade"] =
        cr.grade >= 0 ? Json(scale.grades[static_cast<size_t>(cr.grade)].code) : Json(nullptr);
    x["auditor_grade"] = cr.auditor_grade >= 0
                             ? Json(scale.grades[static_cast<size_t>(cr.auditor_grade)].code)
                             : Json(nullptr);
    x["escalated"] = cr.escalated;
    x["level"] =
        cr.level >= 0 ? Json(scale.levels[static_cast<size_t>(cr.level)].code) : Json(nullptr);
    x["kind"] = cr.assessed && cr.grade >= 0 ? Json(GradeKindName(cr.kind)) : Json(nullptr);
    x["points"] = cr.scored ? Json(Round2(cr.points)) : Json(nullptr);
    x["weight"] = cr.weight;
    x["blocking"] = c.blocking;
    x["failing"] = cr.failing;
    x["gap"] = cr.gap;
    x["impacted"] = cr.impacted;
    x["failing_prerequisites"] = Ids(ref, cr.failing_prerequisites);
    x["root_causes"] = Ids(ref, cr.root_causes);
    Json findings = Json::array();
    if (as) {
      for (const Finding& f : as->findings) {
        Json fj;
        if (f.grade >= 0) fj["grade"] = scale.grades[static_cast<size_t>(f.grade)].code;
        if (f.level >= 0) fj["level"] = scale.levels[static_cast<size_t>(f.level)].code;
        fj["text"] = f.text;
        Json ev = Json::array();
        for (int e : f.evidence) ev.push_back(d.evidence[static_cast<size_t>(e)].id);
        fj["evidence"] = std::move(ev);
        fj["site"] = OrNull(f.site);
        findings.push_back(std::move(fj));
      }
    }
    x["findings"] = std::move(findings);
    Json checks = Json::array();
    for (const CheckResult& ch : cr.checks) {
      const Check& check = c.checks[static_cast<size_t>(ch.check)];
      Json cj = {{"type", CheckTypeName(check.type)},
                 {"status", CheckStatusName(ch.status)},
                 {"observed",
                  ch.observed ? Json(std::round(*ch.observed * 10000) / 10000) : Json(nullptr)},
                 {"detail", ch.detail}};
      CheckTermsJson(check, ch, &cj);
      checks.push_back(std::move(cj));
    }
    x["checks"] = std::move(checks);
    x["contradiction"] = cr.contradiction;
    x["override"] = cr.overridden && as ? Json(as->override_justification) : Json(nullptr);
    criteria.push_back(std::move(x));
  }
  j["criteria"] = std::move(criteria);

  Json escalations = Json::array();
  for (const ChapterEscalation& ce : r.chapter_escalations) {
    const Escalation& e = ref.policy.escalations[static_cast<size_t>(ce.escalation)];
    escalations.push_back({{"from", e.from},
                           {"to", e.to},
                           {"count", e.count},
                           {"chapter", ref.chapters[static_cast<size_t>(ce.chapter)].id},
                           {"criteria", Ids(ref, ce.criteria)}});
  }
  j["escalations"] = std::move(escalations);

  Json roots = Json::array();
  for (const RootCauseGroup& g : r.root_causes) {
    roots.push_back(
        {{"root", g.root >= 0 ? Json(ref.criteria[static_cast<size_t>(g.root)].id) : Json(nullptr)},
         {"gaps", Ids(ref, g.gaps)}});
  }
  j["root_causes"] = std::move(roots);

  Json actions = Json::array();
  for (const Action& act : r.actions) {
    std::string finding;
    Json commitment = nullptr;
    int ai = d.assessment_of[static_cast<size_t>(act.criterion)];
    if (ai >= 0) {
      const Assessment& as = d.assessments[static_cast<size_t>(ai)];
      for (const Finding& f : as.findings) {
        if (f.text.empty()) continue;
        if (!finding.empty()) finding += " | ";
        finding += f.text;
      }
      if (as.action) {
        const CommittedAction& c = *as.action;
        commitment = {
            {"description", c.description},
            {"owner", c.owner.empty() ? Json(nullptr) : Json(c.owner)},
            {"status", c.status ? Json(std::string(ActionStatusName(*c.status))) : Json(nullptr)},
            {"due", c.due ? Json(c.due->ToString()) : Json(nullptr)}};
      }
    }
    actions.push_back(
        {{"criterion", ref.criteria[static_cast<size_t>(act.criterion)].id},
         {"grade", act.grade},
         {"kind", GradeKindName(act.kind)},
         {"deadline_months", act.deadline_months ? Json(*act.deadline_months) : Json(nullptr)},
         {"due", act.due ? Json(act.due->ToString()) : Json(nullptr)},
         {"after", Ids(ref, act.after)},
         {"finding", finding},
         {"commitment", std::move(commitment)}});
  }
  j["actions"] = std::move(actions);

  if (r.certificate) {
    j["certificate"] = {
        {"effective", r.certificate->effective.ToString()},
        {"expiry", r.certificate->expiry.ToString()},
        {"first_surveillance_due", r.certificate->first_surveillance_due.ToString()},
        // The number: null while pending (issued by the register at the grant).
        {"number", r.lifecycle ? OrNull(r.lifecycle->number) : Json(nullptr)},
        {"revision", r.lifecycle ? r.lifecycle->revision : 0}};
  } else {
    j["certificate"] = nullptr;
  }

  Json notes = Json::array();
  for (const ReviewNote& n : r.notes) {
    notes.push_back(
        {{"code", n.code},
         {"criterion", n.criterion >= 0 ? Json(ref.criteria[static_cast<size_t>(n.criterion)].id)
                                        : Json(nullptr)},
         {"message", n.message},
         {"terms", TermsJson(n.terms)}});
  }
  j["notes"] = std::move(notes);

  Json cov = Json::array();
  for (const Coverage& c : coverage) {
    Json items = Json::array();
    for (const CoverageItem& item : c.items) {
      items.push_back({{"id", item.id},
                       {"title", TextJson(item.title)},
                       {"criteria", Ids(ref, item.criteria)},
                       {"assessed", item.assessed},
                       {"met", item.met},
                       {"score", item.assessed > 0 ? Json(Round2(item.score)) : Json(nullptr)}});
    }
    cov.push_back({{"framework", c.framework},
                   {"title", TextJson(c.title)},
                   {"items", items},
                   {"covered", c.covered()}});
  }
  j["coverage"] = std::move(cov);

  Json evidence = Json::array();
  for (const Evidence& e : d.evidence) {
    evidence.push_back({{"id", e.id},
                        {"kind", e.kind},
                        {"title", e.title},
                        {"date", e.date ? Json(e.date->ToString()) : Json(nullptr)},
                        {"file", OrNull(e.file)},
                        {"sha256", OrNull(e.sha256)}});
  }
  j["evidence"] = std::move(evidence);
  AddLifecycle(ref, d, r, directory_url, &j);
  AddMultisite(ref, r, &j);
  return j.dump(2) + "\n";
}

}  // namespace sceau
