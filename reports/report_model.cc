#include "reports/report_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/result_reader.h"
#include "engine/wording.h"

namespace sceau::report {
namespace {

// One parse, keeping the writer's key order (counts are shown in that order).
using Json = nlohmann::ordered_json;

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

bool Bool(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

std::optional<double> Num(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

int Int(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return 0;
  // A hostile result may hold any number: clamp before converting.
  double v = it->get<double>();
  if (!(v > -1e9)) return v != v ? 0 : -1000000000;
  if (v > 1e9) return 1000000000;
  return static_cast<int>(v);
}

Text TextOf(const Json& j, const char* key) {
  Text t;
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return t;
  for (auto& [lang, value] : it->items()) {
    if (value.is_string()) t.by_lang[lang] = value.get<std::string>();
  }
  return t;
}

std::vector<std::string> Strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const Json& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

const Json& Obj(const Json& j, const char* key) {
  static const Json kEmpty = Json::object();
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : kEmpty;
}

const Json& Arr(const Json& j, const char* key) {
  static const Json kEmpty = Json::array();
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

// Keeps the order the writer used (nlohmann::json sorts keys; ordered_json keeps them).
std::optional<int> OptInt(const Json& j, const char* key) {
  if (!Num(j, key)) return std::nullopt;
  return Int(j, key);
}

std::optional<Bounds> ReadRange(const Json& j, const char* key) {
  const Json& r = Obj(j, key);
  if (r.empty()) return std::nullopt;
  return Bounds{Num(r, "min"), Num(r, "max")};
}

Check ReadCheck(const Json& k) {
  Check x;
  x.type = Str(k, "type");
  x.status = Str(k, "status");
  x.detail = Str(k, "detail");
  x.observed = Num(k, "observed");
  x.terms = k.contains("indicator") || k.contains("evidence_kinds") || k.contains("sample");
  x.indicator = Str(k, "indicator");
  x.unit = Str(k, "unit");
  x.min = Num(k, "min");
  x.max = Num(k, "max");
  x.evidence_kinds = Strings(k, "evidence_kinds");
  x.max_age_months = OptInt(k, "max_age_months");
  x.count = Int(k, "count");
  x.expected_count = Int(k, "expected_count");
  x.stale_count = Int(k, "stale_count");
  x.sample = Str(k, "sample");
  x.passed = OptInt(k, "passed");
  x.size = OptInt(k, "size");
  x.min_size = Int(k, "min_size");
  x.pass_rate = Num(k, "pass_rate").value_or(0);
  return x;
}

std::vector<std::pair<std::string, int>> Counts(const nlohmann::ordered_json& j) {
  std::vector<std::pair<std::string, int>> out;
  if (!j.is_object()) return out;
  for (auto& [k, v] : j.items()) {
    // A hostile result may hold any number: clamp before converting.
    double n = v.is_number() ? v.get<double>() : 0;
    out.emplace_back(k, !(n > -1e9) ? (n != n ? 0 : -1000000000)
                        : n > 1e9   ? 1000000000
                                    : static_cast<int>(n));
  }
  return out;
}

Condition ReadCondition(const Json& j) {
  Condition c;
  c.op = Str(j, "op");
  c.metric = Str(j, "metric");
  c.grade = Str(j, "grade");
  c.kind = Str(j, "kind");
  c.level = Str(j, "level");
  c.level_below = Str(j, "level_below");
  c.chapter = Str(j, "chapter");
  if (j.contains("blocking") && j["blocking"].is_boolean()) c.blocking = j["blocking"].get<bool>();
  c.each_chapter = Bool(j, "each_chapter");
  c.min = Num(j, "min");
  c.max = Num(j, "max");
  c.observed = Num(j, "observed").value_or(0);
  c.held = Bool(j, "held");
  c.text = Str(j, "text");
  for (const Json& child : Arr(j, "children")) c.children.push_back(ReadCondition(child));
  return c;
}

// The "lifecycle" block; `present` stays false when it is absent or not an object.
Lifecycle ReadLifecycle(const Json& j, const char* key) {
  Lifecycle l;
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return l;
  const Json& x = *it;
  l.present = true;
  auto prev = x.find("previous");
  if (prev != x.end() && prev->is_object()) {
    l.has_previous = true;
    l.previous_path = Str(*prev, "path");
    l.previous_sha256 = Str(*prev, "sha256");
    l.previous_audit_id = Str(*prev, "audit_id");
    l.previous_audit_kind = Str(*prev, "audit_kind");
    l.previous_decision = Str(*prev, "decision");
    l.previous_decision_date = Str(*prev, "decision_date");
    l.previous_state = Str(*prev, "state");
  }
  l.cycle_start = Str(x, "cycle_start");
  l.state = Str(x, "state");
  l.state_date = Str(x, "state_date");
  l.effective = Str(x, "effective");
  l.expiry = Str(x, "expiry");
  l.surveillances_done = Int(x, "surveillances_done");
  l.due = Str(x, "due");
  auto on_time = x.find("on_time");
  if (on_time != x.end() && on_time->is_boolean()) l.on_time = on_time->get<bool>();
  l.next_kind = Str(Obj(x, "next"), "kind");
  l.next_due = Str(Obj(x, "next"), "due");
  l.number = Str(x, "number");
  if (Num(x, "revision")) l.revision = Int(x, "revision");
  l.page_url = TextOf(x, "page_url");
  for (const Json& r : Arr(x, "reasons")) {
    if (!r.is_object()) continue;
    l.reasons.push_back({Str(r, "code"), TextOf(r, "message")});
  }
  return l;
}

void ReadCycle(const Json& j, Model* m) {
  m->lifecycle = ReadLifecycle(j, "lifecycle");
  for (const Json& f : Arr(j, "follow_up")) {
    if (!f.is_object()) continue;
    FollowUp x;
    x.criterion = Str(f, "criterion");
    x.previous_grade = Str(f, "previous_grade");
    x.previous_kind = Str(f, "previous_kind");
    x.due = Str(f, "due");
    x.status = Str(f, "status");
    x.date = Str(f, "date");
    x.evidence = Strings(f, "evidence");
    x.note = Str(f, "note");
    x.sites_open = Strings(f, "sites_open");
    x.verified = Bool(f, "verified");
    x.late = Bool(f, "late");
    x.effect = Str(f, "effect");
    x.grade = Str(f, "grade");
    m->follow_up.push_back(std::move(x));
  }
  auto changes = j.find("changes");
  if (changes != j.end() && changes->is_object()) {
    m->changes.present = true;
    m->changes.previous_score = Num(*changes, "previous_score");
    m->changes.score = Num(*changes, "score");
    for (const Json& c : Arr(*changes, "chapters")) {
      if (!c.is_object()) continue;
      m->changes.chapters.push_back(
          {Str(c, "id"), TextOf(c, "title"), Num(c, "previous"), Num(c, "current")});
    }
  }
  auto multi = j.find("multisite");
  if (multi != j.end() && multi->is_object()) {
    Multisite& ms = m->multisite;
    ms.present = true;
    ms.sites = Int(*multi, "sites");
    ms.visited = Strings(*multi, "visited");
    ms.required = Int(*multi, "required");
    ms.shortfall = Int(*multi, "shortfall");
    ms.rule = Str(*multi, "rule");
    ms.central = Str(*multi, "central");
    auto central_visited = multi->find("central_visited");
    if (central_visited != multi->end() && central_visited->is_boolean())
      ms.central_visited = central_visited->get<bool>();
    for (const Json& p : Arr(*multi, "presumed")) {
      if (!p.is_object()) continue;
      ms.presumed.push_back(
          {Str(p, "criterion"), Str(p, "grade"), Strings(p, "found_at"), Int(p, "sites")});
    }
  }
}

// Reads the document through the one reader of sceau's JSON formats, which checks its format,
// its version and the members every reader relies on.
bool ReadHeader(const std::string& text, ResultFormat format, Json* j, int* version,
                std::string* error) {
  ReadError e;
  std::optional<SceauJson> doc = ReadSceauJson(text, {format}, &e);
  if (!doc) {
    *error = e.message;
    return false;
  }
  *j = std::move(doc->json);
  *version = doc->format_version;
  return true;
}

std::vector<DecisionRow> DecisionRows(const Json& j) {
  std::vector<DecisionRow> rows;
  if (!j.is_object()) return rows;
  for (auto& [key, value] : j.items()) {
    DecisionRow row{key, Counts(value), 0};
    long long total = 0;
    for (auto& [d, n] : row.counts) total += n;
    row.total = static_cast<int>(std::clamp(total, -1000000000LL, 1000000000LL));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

const Criterion* Model::FindCriterion(const std::string& id) const {
  for (const Criterion& c : criteria) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const Chapter* Model::FindChapter(const std::string& id) const {
  for (const Chapter& c : chapters) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const Scale* Model::FindScale(const std::string& id) const {
  for (const Scale& s : scales) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const Grade* Model::GradeOf(const Criterion& c, const std::string& code) const {
  const Scale* s = FindScale(c.scale);
  if (!s) return nullptr;
  for (const Grade& g : s->grades) {
    if (g.code == code) return &g;
  }
  return nullptr;
}

bool Model::maturity() const {
  for (const Scale& s : scales) {
    if (s.maturity) return true;
  }
  return false;
}

bool ReadModel(const std::string& text, Model* m, std::string* error) {
  Json j;
  if (!ReadHeader(text, ResultFormat::kMember, &j, &m->format_version, error)) return false;
  try {
    m->generator = Str(j, "generator");
    const Json& inputs = Obj(j, "inputs");
    m->referential_path = Str(Obj(inputs, "referential"), "path");
    m->referential_sha256 = Str(Obj(inputs, "referential"), "sha256");
    m->dossier_path = Str(Obj(inputs, "dossier"), "path");
    m->dossier_sha256 = Str(Obj(inputs, "dossier"), "sha256");

    const Json& ref = Obj(j, "referential");
    m->referential_id = Str(ref, "id");
    m->referential_version = Str(ref, "version");
    m->referential_title = TextOf(ref, "title");
    m->publisher = Str(ref, "publisher");
    m->effective = Str(ref, "effective");
    m->points_scale = Num(ref, "points_scale").value_or(100);
    for (const Json& s : Arr(ref, "scales")) {
      Scale scale;
      scale.id = Str(s, "id");
      scale.maturity = Str(s, "type") == "maturity";
      scale.pass_from = Str(s, "pass_from");
      for (const Json& g : Arr(s, scale.maturity ? "levels" : "grades")) {
        scale.grades.push_back(
            {Str(g, "code"), Str(g, "kind"), TextOf(g, "label"), Num(g, "points")});
      }
      m->scales.push_back(std::move(scale));
    }
    for (const Json& k : Arr(ref, "evidence_kinds"))
      m->evidence_kinds.emplace_back(Str(k, "id"), TextOf(k, "label"));
    for (const Json& t : Arr(ref, "thresholds")) {
      m->thresholds.push_back({Str(t, "outcome"), Str(t, "chapter"), Bool(t, "each_chapter"),
                               Num(t, "percent").value_or(0), TextOf(t, "label")});
    }

    const Json& org = Obj(j, "organisation");
    m->org_name = Str(org, "name");
    m->group = Str(org, "group");
    m->siret = Str(org, "siret");
    m->org_kind = Str(org, "kind");
    m->region = Str(org, "region");
    m->permanent = Int(Obj(org, "headcount"), "permanent");
    m->pathway = Int(Obj(org, "headcount"), "pathway");
    for (const Json& s : Arr(org, "sites"))
      m->sites.push_back({Str(s, "id"), Str(s, "name"), Str(s, "address")});

    const Json& audit = Obj(j, "audit");
    m->audit_id = Str(audit, "id");
    m->audit_kind = Str(audit, "kind");
    m->start = Str(audit, "start");
    m->end = Str(audit, "end");
    m->decision_date = Str(audit, "decision_date");
    m->sites_visited = Strings(audit, "sites_visited");
    m->lead_auditor = Str(audit, "lead_auditor");
    m->auditors = Strings(audit, "auditors");
    m->decision_maker = Str(audit, "decision_maker");
    m->scope = TextOf(audit, "scope");
    m->objectives = TextOf(audit, "objectives");

    const Json& decision = Obj(j, "decision");
    m->outcome = Str(decision, "outcome");
    m->decision = Str(decision, "decision");
    m->level = Str(decision, "level");
    m->decision_label = TextOf(decision, "label");
    m->decision_explanation = TextOf(decision, "explanation");
    for (const Json& t : Arr(decision, "trace")) {
      OutcomeTrace trace{Str(t, "outcome"), TextOf(t, "label"), Bool(t, "matched"), {}};
      for (const Json& c : Arr(t, "conditions")) trace.conditions.push_back(ReadCondition(c));
      m->trace.push_back(std::move(trace));
    }

    const Json& score = Obj(j, "score");
    m->score = Num(score, "percent").value_or(0);
    m->points = Num(score, "points").value_or(0);
    m->scored_criteria = Int(score, "scored_criteria");
    m->applicable_criteria = Int(score, "applicable_criteria");
    m->not_applicable = Int(score, "not_applicable");
    m->counts = Counts(Obj(Obj(j, "counts"), "by_grade"));
    m->blocking_failed = Strings(Obj(j, "counts"), "blocking_failed");

    for (const Json& c : Arr(j, "chapters")) {
      Chapter ch;
      ch.id = Str(c, "id");
      ch.parent = Str(c, "parent");
      ch.title = TextOf(c, "title");
      ch.score = Num(c, "score");
      ch.scored_criteria = Int(c, "scored_criteria");
      ch.counts = Counts(Obj(c, "counts"));
      ch.systemic = Int(c, "systemic");
      m->chapters.push_back(std::move(ch));
    }
    for (const Json& c : Arr(j, "criteria")) {
      Criterion x;
      x.id = Str(c, "id");
      x.chapter = Str(c, "chapter");
      x.scale = Str(c, "scale");
      x.title = TextOf(c, "title");
      x.requirement = TextOf(c, "requirement");
      x.applicable = Bool(c, "applicable");
      x.not_applicable_reason = Str(c, "not_applicable_reason");
      x.assessed = Bool(c, "assessed");
      x.na = Bool(c, "na");
      x.na_justification = Str(c, "na_justification");
      x.grade = Str(c, "grade");
      x.auditor_grade = Str(c, "auditor_grade");
      x.escalated = Bool(c, "escalated");
      x.level = Str(c, "level");
      x.kind = Str(c, "kind");
      x.points = Num(c, "points");
      x.weight = Num(c, "weight").value_or(1);
      x.blocking = Bool(c, "blocking");
      x.failing = Bool(c, "failing");
      x.gap = Bool(c, "gap");
      x.impacted = Bool(c, "impacted");
      x.failing_prerequisites = Strings(c, "failing_prerequisites");
      x.root_causes = Strings(c, "root_causes");
      for (const Json& f : Arr(c, "findings")) {
        std::string code = Str(f, "grade");
        if (code.empty()) code = Str(f, "level");
        x.findings.push_back({code, Str(f, "text"), Strings(f, "evidence"), Str(f, "site")});
      }
      for (const Json& k : Arr(c, "checks")) x.checks.push_back(ReadCheck(k));
      if (const Json& a = Obj(c, "applies"); !a.empty()) {
        x.applies.present = true;
        x.applies.kinds = Strings(a, "kinds");
        x.applies.headcount = ReadRange(a, "headcount");
        x.applies.sites = ReadRange(a, "sites");
        x.applies.excluded_by = Str(a, "excluded_by");
        x.applies.value = Str(a, "value");
      }
      x.contradiction = Bool(c, "contradiction");
      x.override_justification = Str(c, "override");
      m->criteria.push_back(std::move(x));
    }
    for (const Json& e : Arr(j, "escalations")) {
      m->escalations.push_back({Str(e, "from"), Str(e, "to"), Str(e, "chapter"), Int(e, "count"),
                                Strings(e, "criteria")});
    }
    for (const Json& g : Arr(j, "root_causes"))
      m->root_causes.push_back({Str(g, "root"), Strings(g, "gaps")});
    for (const Json& a : Arr(j, "actions")) {
      Action act;
      act.criterion = Str(a, "criterion");
      act.grade = Str(a, "grade");
      act.kind = Str(a, "kind");
      act.due = Str(a, "due");
      act.finding = Str(a, "finding");
      const Json& commitment = Obj(a, "commitment");
      act.commitment = Str(commitment, "description");
      act.owner = Str(commitment, "owner");
      act.status = Str(commitment, "status");
      act.commitment_due = Str(commitment, "due");
      if (Num(a, "deadline_months")) act.deadline_months = Int(a, "deadline_months");
      act.after = Strings(a, "after");
      auto sites = a.find("sites");
      if (sites != a.end()) {
        act.all_sites = (sites->is_string() && sites->get<std::string>() == "all") ||
                        (sites->is_array() &&
                         std::find(sites->begin(), sites->end(), Json("all")) != sites->end());
      }
      m->actions.push_back(std::move(act));
    }
    const Json& cert = Obj(j, "certificate");
    m->has_certificate = !cert.empty();
    m->certificate_effective = Str(cert, "effective");
    m->certificate_expiry = Str(cert, "expiry");
    m->first_surveillance_due = Str(cert, "first_surveillance_due");
    m->certificate_number = Str(cert, "number");
    if (Num(cert, "revision")) m->certificate_revision = Int(cert, "revision");
    for (const Json& n : Arr(j, "notes")) {
      Note note{Str(n, "code"), Str(n, "criterion"), Str(n, "message"), {}};
      const Json& terms = Obj(n, "terms");
      for (auto it = terms.begin(); it != terms.end(); ++it)
        note.terms[it.key()] = Str(terms, it.key().c_str());
      m->notes.push_back(std::move(note));
    }
    for (const Json& c : Arr(j, "coverage")) {
      Coverage cov;
      cov.framework = Str(c, "framework");
      cov.title = TextOf(c, "title");
      cov.covered = Int(c, "covered");
      for (const Json& i : Arr(c, "items")) {
        cov.items.push_back({Str(i, "id"), TextOf(i, "title"), Strings(i, "criteria"),
                             Int(i, "assessed"), Int(i, "met"), Num(i, "score")});
      }
      m->coverage.push_back(std::move(cov));
    }
    for (const Json& e : Arr(j, "evidence")) {
      m->evidence.push_back({Str(e, "id"), Str(e, "kind"), Str(e, "title"), Str(e, "date"),
                             Str(e, "file"), Str(e, "sha256")});
    }
    ReadCycle(j, m);
  } catch (const std::exception& e) {
    *error = Fmt("malformed sceau result: {}", e.what());
    return false;
  }
  return true;
}

const GroupMember* GroupModel::FindMember(const std::string& stem) const {
  for (const GroupMember& g : members) {
    std::string base = g.file.substr(g.file.find_last_of('/') + 1);  // npos + 1 == 0
    base = base.substr(0, base.rfind('.'));
    if (base == stem || g.file == stem) return &g;
  }
  return nullptr;
}

bool ReadGroupModel(const std::string& text, GroupModel* m, std::string* error) {
  Json j;
  if (!ReadHeader(text, ResultFormat::kGroup, &j, &m->format_version, error)) return false;
  try {
    m->generator = Str(j, "generator");
    const Json& inputs = Obj(j, "inputs");
    m->referential_sha256 = Str(Obj(inputs, "referential"), "sha256");
    const Json& dossier = Obj(inputs, inputs.contains("group") ? "group" : "dossier");
    m->dossier_path = Str(dossier, "path");
    m->dossier_sha256 = Str(dossier, "sha256");
    const Json& ref = Obj(j, "referential");
    m->referential_id = Str(ref, "id");
    m->referential_version = Str(ref, "version");
    m->referential_title = TextOf(ref, "title");
    m->publisher = Str(ref, "publisher");
    const Json& group = Obj(j, "group");
    m->name = Str(group, "name");
    m->kind = Str(group, "kind");
    m->siret = Str(group, "siret");
    m->region = Str(group, "region");
    m->management_system = Str(group, "management_system");
    const Json& audit = Obj(j, "audit");
    m->audit_id = Str(audit, "id");
    m->audit_kind = Str(audit, "kind");
    m->start = Str(audit, "start");
    m->end = Str(audit, "end");
    m->decision_date = Str(audit, "decision_date");
    m->lead_auditor = Str(audit, "lead_auditor");
    m->auditors = Strings(audit, "auditors");
    m->decision_maker = Str(audit, "decision_maker");
    m->scope = TextOf(audit, "scope");
    m->objectives = TextOf(audit, "objectives");
    const Json& decision = Obj(j, "decision");
    m->decision = Str(decision, "decision");
    m->decision_label = TextOf(decision, "label");
    m->decision_explanation = TextOf(decision, "explanation");
    m->caused_by = Strings(decision, "caused_by");
    for (const Json& x : Arr(j, "members")) {
      if (!x.is_object()) continue;
      GroupMember g;
      g.file = Str(x, "file");
      g.result = Str(x, "result");
      g.organisation = Str(x, "organisation");
      g.siret = Str(x, "siret");
      g.kind = Str(x, "kind");
      g.decision = Str(x, "decision");
      g.label = TextOf(x, "label");
      g.score = Num(x, "score");
      g.major = Int(Obj(x, "counts"), "major-nc");
      g.minor = Int(Obj(x, "counts"), "minor-nc");
      g.causes_refusal = Bool(x, "causes_refusal");
      for (const Json& s : Arr(x, "sites")) {
        if (s.is_object()) g.sites.push_back({Str(s, "id"), Str(s, "name"), Str(s, "address")});
      }
      m->members.push_back(std::move(g));
    }
    m->lifecycle = ReadLifecycle(j, "lifecycle");
  } catch (const std::exception& e) {
    *error = Fmt("malformed sceau group result: {}", e.what());
    return false;
  }
  return true;
}

bool ReadSummaryModel(const std::string& text, SummaryModel* m, std::string* error) {
  Json j;
  if (!ReadHeader(text, ResultFormat::kSummary, &j, &m->format_version, error)) return false;
  try {
    m->generator = Str(j, "generator");
    m->today = Str(j, "today");
    const Json& totals = Obj(j, "totals");
    m->members = Int(totals, "members");
    if (!totals.contains("members")) m->members = static_cast<int>(Arr(j, "members").size());
    m->by_decision = Counts(Obj(totals, "by_decision"));
    m->by_kind = DecisionRows(Obj(totals, "by_kind"));
    m->by_region = DecisionRows(Obj(totals, "by_region"));
    for (const Json& b : Arr(j, "score_histogram")) {
      if (b.is_object())
        m->histogram.push_back(
            {Num(b, "from").value_or(0), Num(b, "to").value_or(0), Int(b, "count")});
    }
    for (const Json& g : Arr(j, "top_gaps")) {
      if (!g.is_object()) continue;
      m->top_gaps.push_back({Str(g, "referential"), Str(g, "criterion"), TextOf(g, "title"),
                             Int(g, "members"), Counts(Obj(g, "by_grade"))});
    }
    if (j.contains("gaps_by_referential")) {
      for (const Json& g : Arr(j, "gaps_by_referential")) {
        if (!g.is_object()) continue;
        SummaryModel::GapGroup group{Str(g, "referential"),
                                     Str(g, "scale"),
                                     TextOf(g, "title"),
                                     TextOf(g, "scale_title"),
                                     {}};
        for (const Json& c : Arr(g, "gaps")) {
          if (c.is_object())
            group.gaps.push_back({"", Str(c, "criterion"), TextOf(c, "title"), Int(c, "members"),
                                  Counts(Obj(c, "by_grade"))});
        }
        m->gap_groups.push_back(std::move(group));
      }
    } else {
      for (const SummaryModel::TopGap& g : m->top_gaps) {
        auto it = std::find_if(m->gap_groups.begin(), m->gap_groups.end(), [&](const auto& group) {
          return group.referential == g.referential;
        });
        if (it == m->gap_groups.end()) {
          m->gap_groups.push_back({g.referential, "", {}, {}, {}});
          it = std::prev(m->gap_groups.end());
        }
        it->gaps.push_back(g);
        it->gaps.back().referential.clear();
      }
    }
    for (const Json& x : Arr(j, "members")) {
      // Null or absent (a summary written before the key existed): no change.
      if (!x.is_object() || !x.contains("state_change") || !x["state_change"].is_object()) continue;
      const Json& c = x["state_change"];
      m->time_changed.push_back({Str(x, "file"), Str(x, "organisation"), Str(x, "recorded_state"),
                                 Str(x, "state"), Str(c, "date"), TextOf(c, "message")});
    }
    for (const Json& e : Arr(j, "expiring")) {
      if (e.is_object())
        m->expiring.push_back({Str(e, "file"), Str(e, "organisation"), Str(e, "expiry"),
                               Int(e, "days"), Str(e, "certificate_number")});
    }
    for (const Json& u : Arr(j, "unreadable")) {
      if (u.is_object()) m->unreadable.push_back({Str(u, "file"), Str(u, "error")});
    }
  } catch (const std::exception& e) {
    *error = Fmt("malformed sceau summary: {}", e.what());
    return false;
  }
  return true;
}

}  // namespace sceau::report
