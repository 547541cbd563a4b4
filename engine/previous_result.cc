#include "engine/previous_result.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "engine/wording.h"

namespace sceau {

namespace {

using Json = nlohmann::ordered_json;

// A date or null, in the lenient parts (actions).
bool OptDate(const Json& j, const char* key, const std::string& where, std::optional<Date>* out,
             std::string* error) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_string() || !Date::Parse(it->get<std::string>())) {
    *error = Fmt("{} has '{}' that is not a date YYYY-MM-DD", where, key);
    return false;
  }
  *out = Date::Parse(it->get<std::string>());
  return true;
}

// The certificate after the previous audit: its `lifecycle` block (checked by ReadSceauJson).
void ReadCycle(const ResultHead& head, const Policy& policy, PreviousResult* p) {
  CycleState& cs = p->cycle;
  cs.last_audit_end = p->audit_end;
  if (head.lifecycle) {
    const ResultHead::Lifecycle& lc = *head.lifecycle;
    cs.state = lc.state;
    cs.state_date = lc.state_date;
    cs.cycle_start = lc.cycle_start;
    cs.effective = lc.effective;
    cs.expiry = lc.expiry;
    cs.surveillances_done = lc.surveillances_done;
    cs.number = lc.number;
    cs.revision = lc.revision;
    return;
  }
  // A result written before results had a `lifecycle` block: its decision is taken as the start
  // of a cycle (granted), or as a refusal.
  cs.state_date = p->decision_date;
  if (p->decision == "granted" || p->decision == "conditional") {
    cs.state = "granted";
    cs.cycle_start = p->decision_date;
    cs.effective = p->decision_date;
    cs.expiry = p->decision_date.AddMonths(policy.validity_months).AddDays(-1);
  } else {
    cs.state = "refused";
  }
}

// What follow-up needs of a member's result beyond its head: chapters, actions, criteria in gap.
bool ReadGaps(const Json& j, PreviousResult* p, std::string* error) {
  if (auto it = j.find("chapters"); it != j.end() && it->is_array()) {
    for (const Json& ch : *it) {
      if (!ch.is_object() || !ch.contains("id") || !ch["id"].is_string()) continue;
      if (ch.contains("parent") && !ch["parent"].is_null()) continue;
      std::optional<double> s;
      if (ch.contains("score") && ch["score"].is_number()) s = ch["score"].get<double>();
      p->chapters.emplace_back(ch["id"].get<std::string>(), s);
    }
  }
  // Due dates of the actions, by criterion.
  std::map<std::string, Date> due;
  if (auto it = j.find("actions"); it != j.end() && it->is_array()) {
    for (const Json& a : *it) {
      if (!a.is_object() || !a.contains("criterion") || !a["criterion"].is_string()) continue;
      std::optional<Date> d;
      if (!OptDate(a, "due", Tr("an action"), &d, error)) return false;
      if (d) due[a["criterion"].get<std::string>()] = *d;
    }
  }
  if (auto it = j.find("criteria"); it != j.end() && it->is_array()) {
    for (const Json& c : *it) {
      if (!c.is_object() || !c.contains("id") || !c["id"].is_string()) continue;
      if (!c.contains("kind") || !c["kind"].is_string() || !c.contains("grade") ||
          !c["grade"].is_string()) {
        continue;
      }
      auto kind = ParseGradeKind(c["kind"].get<std::string>());
      if (!kind || (*kind != GradeKind::kMinorNc && *kind != GradeKind::kMajorNc)) continue;
      PreviousGap g;
      g.criterion = c["id"].get<std::string>();
      g.grade = c["grade"].get<std::string>();
      g.kind = *kind;
      if (auto d = due.find(g.criterion); d != due.end()) g.due = d->second;
      p->gaps.push_back(std::move(g));
    }
  }
  return true;
}

}  // namespace

bool ParsePreviousResult(const std::string& text, const Policy& policy, PreviousResult* out,
                         std::string* error, ResultFormat format) {
  const bool group = format == ResultFormat::kGroup;
  ReadError e;
  std::optional<SceauJson> doc = ReadSceauJson(text, {format}, &e);
  if (!doc) {
    *error = e.message;
    if (!group && e.format == "sceau-group-result") {
      *error +=
          Tr(": it is a sceau-group-result (a group's audit), and a member dossier's "
             "'previous' is that member's own previous result");
    } else if (group && e.format == "sceau-result") {
      *error +=
          Tr(": it is a sceau-result (one organisation's audit), and a group dossier's "
             "'previous' is the group's previous result");
    }
    return false;
  }
  const ResultHead& h = doc->head;
  PreviousResult* p = out;
  p->group = group;
  p->referential_id = h.referential_id;
  p->referential_version = h.referential_version;
  p->organisation_name = h.subject.name;
  p->siret = h.subject.siret;
  p->audit_id = h.audit_id;
  p->audit_kind = h.audit_kind;
  p->decision = h.decision;
  p->audit_end = h.audit_end;
  p->decision_date = h.decision_date;
  if (!group) {
    p->score = h.score;
    try {
      if (!ReadGaps(doc->json, p, error)) return false;
    } catch (const Json::exception& ex) {  // none expected: every access is checked
      *error = Fmt("not a well-formed sceau-result ({})", ex.what());
      return false;
    }
  }
  ReadCycle(h, policy, p);
  return true;
}

}  // namespace sceau
