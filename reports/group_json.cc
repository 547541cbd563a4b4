#include "reports/group_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/lifecycle.h"
#include "reports/csv_writer.h"

#ifndef SCEAU_VERSION
#define SCEAU_VERSION "0.0.0"
#endif

namespace sceau {
namespace {

using Json = nlohmann::ordered_json;

Json TextJson(const Text& t) {
  Json j = Json::object();
  for (const auto& [lang, s] : t.by_lang) j[lang] = s;
  return j;
}

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json Bilingual(const std::string& fr, const std::string& en) {
  return Json{{"en", en}, {"fr", fr}};
}

std::string Stem(const std::string& file) {
  std::string name = file.substr(file.find_last_of("/\\") + 1);
  size_t dot = name.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

// The group certificate's state after this audit (engine/lifecycle.h), from the group decision.
// The cycle follows the group's `previous` result or `certificate` block (`previous` is null
// without a previous result); no finding is followed up at the group's level.
Json GroupLifecycle(const GroupDossier& g, const Referential& ref, Decision decision,
                    const RegisteredCertificate* registered) {
  auto l = ComputeLifecycle(ref.policy, g.audit, g.prior, decision, "", {});
  if (registered && !registered->number.empty()) {
    l.number = registered->number;
    l.revision = registered->revision;
  }
  auto date = [](const std::optional<Date>& d) { return d ? Json(d->ToString()) : Json(nullptr); };
  Json reasons = Json::array();
  for (const LifecycleReason& r : l.reasons)
    reasons.push_back({{"code", r.code}, {"message", TextJson(r.message)}});
  Json j;
  j["previous"] = nullptr;
  if (g.previous) {
    const PreviousResult& p = *g.previous;
    j["previous"] = {{"path", p.path},         {"sha256", p.sha256},
                     {"audit_id", p.audit_id}, {"audit_kind", p.audit_kind},
                     {"decision", p.decision}, {"decision_date", p.decision_date.ToString()},
                     {"state", p.cycle.state}};
  }
  j["cycle_start"] = date(l.cycle_start);
  j["state"] = l.state;
  j["state_date"] = l.state_date.ToString();
  j["effective"] = date(l.effective);
  j["expiry"] = date(l.expiry);
  j["surveillances_done"] = l.surveillances_done;
  j["due"] = date(l.due);
  j["on_time"] = l.on_time ? Json(*l.on_time) : Json(nullptr);
  j["next"] = {{"kind", OrNull(l.next_kind)}, {"due", date(l.next_due)}};
  j["reasons"] = std::move(reasons);
  j["number"] = OrNull(l.number);  // carried from the previous group result; null: pending
  j["revision"] = l.revision;
  return j;
}

}  // namespace

std::string GroupResultToJson(const GroupDossier& g, const Referential& ref,
                              const GroupDecision& decision,
                              const std::vector<GroupMemberResult>& members,
                              const RegisteredCertificate* registered) {
  std::vector<Json> results;
  // The members' results were written by ResultToJson in this process: parsed without
  // exceptions all the same (an unreadable one reads as an empty object), so none escapes here.
  for (const GroupMemberResult& m : members) {
    Json r = Json::parse(m.result_json, nullptr, /*allow_exceptions=*/false);
    results.push_back(r.is_object() ? std::move(r) : Json::object());
  }

  Json j;
  j["format"] = "sceau-group-result";
  j["format_version"] = kGroupResultFormatVersion;
  j["generator"] = std::string("sceau ") + SCEAU_VERSION;
  Json member_inputs = Json::array();
  for (size_t i = 0; i < members.size(); ++i) {
    member_inputs.push_back({{"path", results[i]["inputs"]["dossier"]["path"]},
                             {"sha256", results[i]["inputs"]["dossier"]["sha256"]}});
  }
  j["inputs"] = {{"referential",
                  {{"id", ref.id},
                   {"version", ref.version},
                   {"path", ref.path},
                   {"sha256", OrNull(ref.sha256)}}},
                 {"group", {{"path", g.path}, {"sha256", g.sha256}}},
                 {"members", member_inputs}};
  j["referential"] = results.empty() ? Json(nullptr) : results.front()["referential"];
  j["group"] = {{"name", g.name},
                {"kind", OrgKindName(g.kind)},
                {"siret", OrNull(g.siret)},
                {"region", OrNull(g.region)},
                {"management_system", g.management_system}};
  const AuditInfo& a = g.audit;
  j["audit"] = {{"id", a.id},
                {"kind", AuditKindName(a.kind)},
                {"start", a.start.ToString()},
                {"end", a.end.ToString()},
                {"decision_date", a.decision_date.ToString()},
                {"lead_auditor", a.lead_auditor},
                {"auditors", a.auditors},
                {"decision_maker", OrNull(a.decision_maker)},
                {"scope", TextJson(a.scope)},
                {"objectives", TextJson(a.objectives)}};

  Json label;
  Json explanation;
  std::string causes = fmt::format("{}", fmt::join(decision.caused_by, ", "));
  switch (decision.decision) {
    case Decision::kGranted:
      label = Bilingual("Label accordé au groupe", "Label granted to the group");
      explanation = Bilingual("Chaque membre du groupe obtient le label : le groupe l'obtient.",
                              "Every member of the group is granted the label: so is the group.");
      break;
    case Decision::kConditional:
      label = Bilingual("Label accordé au groupe sous réserve",
                        "Label granted to the group with conditions");
      explanation = Bilingual(
          "Aucun membre n'est refusé, mais au moins un obtient le label sous réserve : le groupe "
          "l'obtient sous réserve.",
          "No member is refused, but at least one is granted the label with conditions: so is the "
          "group.");
      break;
    default:
      label = Bilingual("Label refusé au groupe", "Label refused to the group");
      explanation = Bilingual(
          fmt::format("Un membre au moins n'obtient pas le label ({}) : aucun membre du groupe ne "
                      "l'obtient (règle de la certification de groupe CEDRE).",
                      causes),
          fmt::format("At least one member is not granted the label ({}): no member of the group "
                      "is (CEDRE group certification rule).",
                      causes));
      break;
  }
  j["decision"] = {{"decision", DecisionName(decision.decision)},
                   {"label", label},
                   {"explanation", explanation},
                   {"caused_by", decision.caused_by}};

  Json list = Json::array();
  for (size_t i = 0; i < members.size(); ++i) {
    const Json& r = results[i];
    const Json& by_kind = r["counts"]["by_kind"];
    std::string stem = Stem(members[i].file);
    bool causes_refusal = std::find(decision.caused_by.begin(), decision.caused_by.end(), stem) !=
                          decision.caused_by.end();
    list.push_back(
        {{"file", members[i].file},
         {"result", members[i].result},
         {"organisation", r["organisation"]["name"]},
         {"siret", r["organisation"]["siret"]},
         {"kind", r["organisation"]["kind"]},
         {"decision", r["decision"]["decision"]},
         {"label", r["decision"].value("label", Json::object())},
         {"score", r["score"]["percent"]},
         {"counts",
          {{"major-nc", by_kind.value("major-nc", 0)}, {"minor-nc", by_kind.value("minor-nc", 0)}}},
         {"causes_refusal", causes_refusal}});
  }
  j["members"] = std::move(list);
  j["lifecycle"] = GroupLifecycle(g, ref, decision.decision, registered);
  return j.dump(2) + "\n";
}

std::string GroupResultToCsv(const std::string& group_json, char sep) {
  // Read without exceptions: a member without a field gives an empty cell, never a throw.
  const Json j = Json::parse(group_json, nullptr, /*allow_exceptions=*/false);
  static const Json kNull;
  auto at = [](const Json& v, const char* key) -> const Json& {
    if (!v.is_object()) return kNull;
    auto it = v.find(key);
    return it == v.end() ? kNull : *it;
  };
  auto str = [](const Json& v) { return v.is_string() ? v.get<std::string>() : std::string(); };
  auto count = [](const Json& v) {
    return v.is_number_integer() ? std::to_string(v.get<long long>()) : std::string();
  };
  std::string out = "\xEF\xBB\xBF";
  auto row = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += sep;
      out += CsvCell(cells[i], sep);
    }
    out += "\r\n";
  };
  row({"file", "organisation", "siret", "kind", "decision", "score", "major_nc", "minor_nc",
       "causes_refusal", "result"});
  const Json& members = at(j, "members");
  if (!members.is_array()) return out;
  for (const Json& m : members) {
    const Json& score = at(m, "score");
    double value = score.is_number() ? score.get<double>() : 0;
    const Json& counts = at(m, "counts");
    const Json& causes = at(m, "causes_refusal");
    row({str(at(m, "file")), str(at(m, "organisation")), str(at(m, "siret")), str(at(m, "kind")),
         str(at(m, "decision")), fmt::format("{:.2f}", std::round(value * 100) / 100),
         count(at(counts, "major-nc")), count(at(counts, "minor-nc")),
         causes.is_boolean() && causes.get<bool>() ? "yes" : "no", str(at(m, "result"))});
  }
  return out;
}

}  // namespace sceau
