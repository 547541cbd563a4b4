#include "engine/previous_result.h"

#include <cstdint>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace sceau {

namespace {

using Json = nlohmann::json;

// A JSON integer as an int when it is one: get<int>() would truncate 4294967297 to 1.
std::optional<int> SmallInt(const Json& v) {
  if (v.is_number_unsigned()) {
    uint64_t u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int>::max())) return std::nullopt;
    return static_cast<int>(u);
  }
  if (!v.is_number_integer()) return std::nullopt;
  int64_t i = v.get<int64_t>();
  if (i < std::numeric_limits<int>::min() || i > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(i);
}

// Each reader says what is wrong in `*error` and returns nullopt.
std::optional<std::string> Str(const Json& j, const char* key, const std::string& where,
                               std::string* error) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) {
    *error = fmt::format("{} has no string '{}'", where, key);
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<Date> DateOf(const Json& j, const char* key, const std::string& where,
                           std::string* error) {
  auto s = Str(j, key, where, error);
  if (!s) return std::nullopt;
  auto d = Date::Parse(*s);
  if (!d) *error = fmt::format("{} has '{}' {}, which is not a date YYYY-MM-DD", where, key, *s);
  return d;
}

// A date or null.
bool OptDate(const Json& j, const char* key, const std::string& where, std::optional<Date>* out,
             std::string* error) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_string() || !Date::Parse(it->get<std::string>())) {
    *error = fmt::format("{} has '{}' that is not a date YYYY-MM-DD", where, key);
    return false;
  }
  *out = Date::Parse(it->get<std::string>());
  return true;
}

// The certificate's `number` (a string, or null or absent: pending) and `revision` (absent: 0).
bool ReadCertificateIdentity(const Json& lc, CycleState* cs, std::string* error) {
  auto n = lc.find("number");
  if (n != lc.end() && !n->is_null()) {
    if (!n->is_string() || n->get<std::string>().size() > 64) {
      *error = "its 'lifecycle.number' is not a certificate number";
      return false;
    }
    cs->number = n->get<std::string>();
  }
  if (lc.contains("revision")) {
    std::optional<int> r = SmallInt(lc["revision"]);
    if (!r || *r < 0 || *r > 1000) {
      *error = "its 'lifecycle.revision' is not a revision number";
      return false;
    }
    cs->revision = *r;
  }
  return true;
}

// The certificate after the previous audit: its `lifecycle` block.
bool ReadCycle(const Json& j, const Policy& policy, PreviousResult* p, std::string* error) {
  CycleState& cs = p->cycle;
  cs.last_audit_end = p->audit_end;
  auto lc = j.find("lifecycle");
  if (lc != j.end() && lc->is_object()) {
    auto state = Str(*lc, "state", "'lifecycle'", error);
    auto since = state ? DateOf(*lc, "state_date", "'lifecycle'", error) : std::nullopt;
    if (!since) return false;
    cs.state = *state;
    cs.state_date = *since;
    if (!OptDate(*lc, "cycle_start", "'lifecycle'", &cs.cycle_start, error) ||
        !OptDate(*lc, "effective", "'lifecycle'", &cs.effective, error) ||
        !OptDate(*lc, "expiry", "'lifecycle'", &cs.expiry, error)) {
      return false;
    }
    if (lc->contains("surveillances_done")) {
      std::optional<int> n = SmallInt((*lc)["surveillances_done"]);
      if (!n || *n < 0 || *n > 100) {
        *error = "its 'lifecycle.surveillances_done' is not a count of audits";
        return false;
      }
      cs.surveillances_done = *n;
    }
    return ReadCertificateIdentity(*lc, &cs, error);
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
  return true;
}


bool Parse(const Json& j, const Policy& policy, ResultFormat format, PreviousResult* p,
           std::string* error) {
  const bool group = format == ResultFormat::kGroup;
  const std::string name = group ? "sceau-group-result" : "sceau-result";
  const std::string found = j.is_object() ? j.value("format", "") : "";
  if (found != name) {
    if (!group && found == "sceau-group-result") {
      *error = "it is a sceau-group-result (a group's audit), not a sceau-result: a member "
               "dossier's 'previous' is that member's own previous result";
    } else if (group && found == "sceau-result") {
      *error = "it is a sceau-result (one organisation's audit), not a sceau-group-result: a "
               "group dossier's 'previous' is the group's previous result";
    } else {
      *error = fmt::format("it is not a {0} (no \"format\": \"{0}\")", name);
    }
    return false;
  }
  if (!j.contains("format_version") || SmallInt(j["format_version"]) != std::optional<int>(1)) {
    *error = fmt::format("it is a {} of a format version other than 1", name);
    return false;
  }
  auto object = [&](const char* key) -> const Json* {
    auto it = j.find(key);
    if (it == j.end() || !it->is_object()) {
      *error = fmt::format("it has no '{}' object", key);
      return nullptr;
    }
    return &*it;
  };
  const char* subject = group ? "group" : "organisation";
  const std::string subject_where = fmt::format("'{}'", subject);
  const Json* ref = object("referential");
  const Json* org = ref ? object(subject) : nullptr;
  const Json* audit = org ? object("audit") : nullptr;
  const Json* decision = audit ? object("decision") : nullptr;
  const Json* score = decision && !group ? object("score") : nullptr;
  if (!decision || (!group && !score)) return false;
  auto s1 = Str(*ref, "id", "'referential'", error);
  auto s2 = s1 ? Str(*ref, "version", "'referential'", error) : std::nullopt;
  auto s3 = s2 ? Str(*org, "name", subject_where, error) : std::nullopt;
  auto s4 = s3 ? Str(*audit, "id", "'audit'", error) : std::nullopt;
  auto s5 = s4 ? Str(*audit, "kind", "'audit'", error) : std::nullopt;
  auto s6 = s5 ? Str(*decision, "decision", "'decision'", error) : std::nullopt;
  auto end = s6 ? DateOf(*audit, "end", "'audit'", error) : std::nullopt;
  auto dd = end ? DateOf(*audit, "decision_date", "'audit'", error) : std::nullopt;
  if (!dd) return false;
  p->group = group;
  p->referential_id = *s1;
  p->referential_version = *s2;
  p->organisation_name = *s3;
  if (auto it = org->find("siret"); it != org->end() && it->is_string()) p->siret = it->get<std::string>();
  p->audit_id = *s4;
  p->audit_kind = *s5;
  p->decision = *s6;
  p->audit_end = *end;
  p->decision_date = *dd;
  if (group) return ReadCycle(j, policy, p, error);
  if (!score->contains("percent") || !(*score)["percent"].is_number()) {
    *error = "'score' has no number 'percent'";
    return false;
  }
  p->score = (*score)["percent"].get<double>();

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
      if (!OptDate(a, "due", "an action", &d, error)) return false;
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

  return ReadCycle(j, policy, p, error);
}

}  // namespace

bool ParsePreviousResult(const std::string& text, const Policy& policy, PreviousResult* out,
                         std::string* error, ResultFormat format) {
  const char* name = format == ResultFormat::kGroup ? "sceau-group-result" : "sceau-result";
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    *error = fmt::format("it is not JSON: not a {}", name);
    return false;
  }
  try {
    return Parse(j, policy, format, out, error);
  } catch (const Json::exception& e) {
    *error = fmt::format("it is not a well-formed {} ({})", name, e.what());
    return false;
  }
}

}  // namespace sceau
