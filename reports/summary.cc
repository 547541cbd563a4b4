#include "reports/summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "engine/identity.h"
#include "engine/result_reader.h"
#include "reports/csv_writer.h"
#include "reports/json_writer.h"

#ifndef SCEAU_VERSION
#define SCEAU_VERSION "0.0.0"
#endif

namespace sceau {
namespace {

using Json = nlohmann::ordered_json;

const char* const kGapKinds[] = {"major-nc", "minor-nc", "observation", "opportunity"};
const char* const kDecisions[] = {"granted", "conditional", "refused"};
constexpr const char* kNoRegion = "—";

// The string at `key` of object `j`, or nullopt when absent, null or not a string.
std::optional<std::string> Str(const Json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

const Json& Obj(const Json& j, const char* key) {
  static const Json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

Json Opt(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

// A decision count object with the three decisions always present, and "none" when it occurs.
Json DecisionCounts(const std::map<std::string, int>& counts) {
  Json out = Json::object();
  for (const char* d : kDecisions) {
    auto it = counts.find(d);
    out[d] = it == counts.end() ? 0 : it->second;
  }
  for (const auto& [d, n] : counts) {
    if (!out.contains(d)) out[d] = n;
  }
  return out;
}

// What identifies an organisation across its results: its SIRET without spaces when it has one,
// else its normalised name.
std::string OrganisationKey(const std::string& name, const std::optional<std::string>& siret) {
  if (siret) {
    std::string digits = *siret;
    digits.erase(std::remove(digits.begin(), digits.end(), ' '), digits.end());
    if (!digits.empty()) return "siret:" + digits;
  }
  return "name:" + NormalizedName(name);
}

// Whether `a` is a later result than `b` of the same member: the later audit end, then the later
// decision date, then the file last in path order.
bool Later(const SummaryMember& a, const SummaryMember& b) {
  if (a.audit_end != b.audit_end) return b.audit_end < a.audit_end;
  if (a.decision_date != b.decision_date) return b.decision_date < a.decision_date;
  return a.file > b.file;
}

// A criterion's count across the network: the members that have it in gap, by grade.
struct GapCount {
  std::string title_fr, title_en;
  int members = 0;
  std::map<std::string, int> by_grade;
};

Json TextJson(const std::string& fr, const std::string& en) {
  Json title = Json::object();
  if (!fr.empty()) title["fr"] = fr;
  if (!en.empty()) title["en"] = en;
  return title;
}

// The `top` most frequent of `gaps` (most members first; ties in key order), with `key_of` naming
// the fields of each key.
template <typename Key, typename Fields>
Json MostFrequent(const std::map<Key, GapCount>& gaps, int top, Fields key_of) {
  std::vector<const std::pair<const Key, GapCount>*> kept;
  for (const auto& entry : gaps) kept.push_back(&entry);
  std::stable_sort(kept.begin(), kept.end(), [](const auto* a, const auto* b) {
    return a->second.members > b->second.members;
  });
  if (kept.size() > static_cast<size_t>(top)) kept.resize(static_cast<size_t>(top));
  Json out = Json::array();
  for (const auto* entry : kept) {
    Json g = key_of(entry->first);
    g["title"] = TextJson(entry->second.title_fr, entry->second.title_en);
    g["members"] = entry->second.members;
    Json grades = Json::object();
    for (const auto& [code, n] : entry->second.by_grade) grades[code] = n;
    g["by_grade"] = grades;
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace

SummaryBuilder::SummaryBuilder(SummaryOptions options) : options_(options) {}

void SummaryBuilder::AddUnreadable(const std::string& file, const std::string& error) {
  unreadable_.emplace_back(file, error);
}

SummaryInput SummaryBuilder::Add(const std::string& file, const std::string& text) {
  ReadError error;
  std::optional<SceauJson> doc = ReadSceauJson(text, {ResultFormat::kMember}, &error);
  if (!doc) {
    if (error.format == "sceau-group-result" || error.format == "sceau-summary") {
      return SummaryInput::kIgnored;
    }
    AddUnreadable(file, error.message);
    return SummaryInput::kUnreadable;
  }
  const Json& j = doc->json;
  const ResultHead& head = doc->head;
  SummaryMember m;
  m.file = file;
  m.organisation = head.subject.name;
  m.siret = Str(Obj(j, "organisation"), "siret");
  m.organisation_key = OrganisationKey(m.organisation, m.siret);
  m.audit_end = head.audit_end;
  m.decision_date = head.decision_date;
  const Json& referential_title = Obj(Obj(j, "referential"), "title");
  m.referential_title_fr = Str(referential_title, "fr").value_or("");
  m.referential_title_en = Str(referential_title, "en").value_or("");
  m.kind = head.subject.kind;
  m.region = Str(Obj(j, "organisation"), "region");
  m.referential = head.referential_id;
  m.audit_kind = head.audit_kind;
  m.decision = head.decision;
  m.level = Str(Obj(j, "decision"), "level");
  m.score = head.score;
  for (const char* k : kGapKinds) m.gaps[k] = 0;
  const Json& by_kind = Obj(Obj(j, "counts"), "by_kind");
  if (by_kind.is_object()) {
    for (const char* k : kGapKinds) {
      auto it = by_kind.find(k);
      // A count outside 0..int max is not a count: left out rather than truncated.
      if (it != by_kind.end() && it->is_number_integer() && !it->is_number_float()) {
        int64_t n =
            it->is_number_unsigned() && it->get<uint64_t>() > INT32_MAX ? -1 : it->get<int64_t>();
        if (n >= 0 && n <= INT32_MAX) m.gaps[k] = static_cast<int>(n);
      }
    }
  }
  // Criteria in gap: per criterion across the network, and maturity gaps as minor-nc.
  // The titles of the referential's scales, by id (a result before sceau 0.1 has none).
  std::map<std::string, std::pair<std::string, std::string>> scale_titles;
  const Json& scales = Obj(Obj(j, "referential"), "scales");
  if (scales.is_array()) {
    for (const Json& s : scales) {
      if (!s.is_object()) continue;
      std::optional<std::string> id = Str(s, "id");
      const Json& title = Obj(s, "title");
      if (id) scale_titles[*id] = {Str(title, "fr").value_or(""), Str(title, "en").value_or("")};
    }
  }
  const Json& criteria = Obj(j, "criteria");
  if (criteria.is_array()) {
    for (const Json& c : criteria) {
      if (!c.is_object() || !Obj(c, "gap").is_boolean() || !Obj(c, "gap").get<bool>()) continue;
      std::optional<std::string> id = Str(c, "id");
      if (!id) continue;
      std::optional<std::string> grade = Str(c, "grade");
      std::optional<std::string> level = Str(c, "level");
      if (!Str(c, "kind") && level) ++m.gaps["minor-nc"];
      const Json& title = Obj(c, "title");
      std::string scale = Str(c, "scale").value_or("");
      auto scale_title = scale_titles.find(scale);
      SummaryGap gap;
      gap.criterion = *id;
      gap.scale = scale;
      if (scale_title != scale_titles.end()) {
        gap.scale_title_fr = scale_title->second.first;
        gap.scale_title_en = scale_title->second.second;
      }
      gap.grade = grade ? *grade : level.value_or("?");
      gap.title_fr = Str(title, "fr").value_or("");
      gap.title_en = Str(title, "en").value_or("");
      m.gap_list.push_back(std::move(gap));
    }
  }
  const Json& lifecycle = Obj(j, "lifecycle");
  if (head.lifecycle) {
    m.state = head.lifecycle->state;
    if (!head.lifecycle->number.empty()) {
      m.certificate_number = head.lifecycle->number;
      m.certificate_revision = head.lifecycle->revision;
    }
    m.expiry = lifecycle.contains("expiry") ? head.lifecycle->expiry : head.certificate_expiry;
  } else {
    m.expiry = head.certificate_expiry;
  }
  if (!m.state) {
    if (m.decision == "granted" || m.decision == "conditional") m.state = "granted";
    if (m.decision == "refused") m.state = "refused";
  }
  m.recorded_state = m.state;
  // The state on `today`: what time alone has changed since the result, by the referential's
  // limits (its suspension limit; an expiry needs no policy).
  if (m.state) {
    CycleState s;
    s.state = *m.state;
    s.state_date = head.lifecycle ? head.lifecycle->state_date : head.decision_date;
    s.expiry = m.expiry;
    std::optional<Policy> policy;
    if (s.state == "suspended" && options_.policy_of) {
      policy = options_.policy_of(head.referential_id, head.referential_version);
    }
    m.state_change = ChangeDueBy(policy ? *policy : Policy{}, s, options_.today);
    if (m.state_change) m.state = m.state_change->state;
  }
  // One row per organisation and referential: the latest result's, counting every result read.
  ++results_;
  sorted_ = false;
  auto [row, inserted] = rows_.try_emplace({m.organisation_key, m.referential}, m);
  if (!inserted) {
    int results = row->second.results + 1;
    if (Later(m, row->second)) row->second = std::move(m);
    row->second.results = results;
  }
  return SummaryInput::kMember;
}

void SummaryBuilder::Sort() {
  if (sorted_) return;
  members_.clear();
  for (const auto& [key, m] : rows_) members_.push_back(m);
  std::stable_sort(members_.begin(), members_.end(),
                   [](const SummaryMember& a, const SummaryMember& b) { return a.file < b.file; });
  sorted_ = true;
}

size_t SummaryBuilder::organisations() {
  std::set<std::string> keys;
  for (const auto& [key, m] : rows_) keys.insert(key.first);
  return keys.size();
}

const std::vector<SummaryMember>& SummaryBuilder::members() {
  Sort();
  return members_;
}

std::string SummaryBuilder::ToJson() {
  Sort();
  Json out;
  out["format"] = "sceau-summary";
  out["format_version"] = kSummaryFormatVersion;
  out["generator"] = std::string("sceau ") + SCEAU_VERSION;
  out["today"] = options_.today.ToString();
  Json members = Json::array();
  std::map<std::string, int> by_decision;
  std::map<std::string, std::map<std::string, int>> by_kind, by_region;
  int histogram[10] = {};
  Json expiring = Json::array();
  std::vector<std::pair<long, const SummaryMember*>> soon;
  for (const SummaryMember& m : members_) {
    Json row;
    row["file"] = m.file;
    row["organisation"] = m.organisation;
    row["siret"] = Opt(m.siret);
    row["kind"] = m.kind;
    row["region"] = Opt(m.region);
    row["referential"] = m.referential;
    row["audit_kind"] = m.audit_kind;
    row["decision"] = m.decision;
    row["level"] = Opt(m.level);
    row["score"] = m.score;
    Json gaps = Json::object();
    for (const char* k : kGapKinds) gaps[k] = m.gaps.at(k);
    row["gaps"] = gaps;
    row["expiry"] = m.expiry ? Json(m.expiry->ToString()) : Json(nullptr);
    row["state"] = Opt(m.state);
    row["recorded_state"] = Opt(m.recorded_state);
    row["certificate_number"] = Opt(m.certificate_number);
    row["certificate_revision"] =
        m.certificate_number ? Json(m.certificate_revision) : Json(nullptr);
    if (m.state_change) {
      row["state_change"] = {{"date", m.state_change->date.ToString()},
                             {"reason", m.state_change->reason.code},
                             {"message",
                              {{"fr", m.state_change->reason.message.Get("fr")},
                               {"en", m.state_change->reason.message.Get("en")}}}};
    } else {
      row["state_change"] = nullptr;
    }
    row["results"] = m.results;
    members.push_back(std::move(row));
    ++by_decision[m.decision];
    ++by_kind[m.kind][m.decision];
    ++by_region[m.region.value_or(kNoRegion)][m.decision];
    // The score is whatever number the result file gives (1e308, -1e308...): clamp it as a double
    // before the cast, which is undefined behaviour out of int's range (result_readers_fuzz,
    // tests/data/fuzz/result_readers_fuzz-score-out-of-int-range.json). Not a number: bucket 0.
    const double tenth = std::floor(m.score / 10);
    const int bucket = tenth >= 9 ? 9 : tenth >= 0 ? static_cast<int>(tenth) : 0;
    ++histogram[bucket];
    if (m.expiry && m.state != "withdrawn" && m.state != "expired" && m.state != "refused") {
      long days = m.expiry->DaysSinceEpoch() - options_.today.DaysSinceEpoch();
      if (days >= 0 && days <= options_.expiring_days) soon.emplace_back(days, &m);
    }
  }
  out["members"] = std::move(members);
  Json totals;
  totals["members"] = members_.size();
  totals["organisations"] = organisations();
  totals["results"] = results_;
  totals["by_decision"] = DecisionCounts(by_decision);
  Json kinds = Json::object();
  for (const auto& [k, counts] : by_kind) kinds[k] = DecisionCounts(counts);
  totals["by_kind"] = kinds;
  Json regions = Json::object();
  for (const auto& [r, counts] : by_region) regions[r] = DecisionCounts(counts);
  totals["by_region"] = regions;
  out["totals"] = totals;
  Json hist = Json::array();
  for (int b = 0; b < 10; ++b)
    hist.push_back({{"from", b * 10}, {"to", b * 10 + 10}, {"count", histogram[b]}});
  out["score_histogram"] = hist;
  // Criteria in gap, each member counted once: across the network (referential, scale, criterion),
  // and by referential and scale, so that grades of different scales are never counted together.
  using GapKey =
      std::tuple<std::string, std::string, std::string>;  // referential, scale, criterion
  std::map<GapKey, GapCount> gaps;
  std::map<std::pair<std::string, std::string>, std::map<std::string, GapCount>> by_scale;
  std::map<std::string, std::pair<std::string, std::string>> referential_titles;
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> scale_titles;
  for (const SummaryMember& m : members_) {
    referential_titles.try_emplace(m.referential, m.referential_title_fr, m.referential_title_en);
    for (const SummaryGap& gap : m.gap_list) {
      if (!gap.scale_title_fr.empty() || !gap.scale_title_en.empty())
        scale_titles.try_emplace({m.referential, gap.scale}, gap.scale_title_fr,
                                 gap.scale_title_en);
      for (GapCount* g : {&gaps[{m.referential, gap.scale, gap.criterion}],
                          &by_scale[{m.referential, gap.scale}][gap.criterion]}) {
        if (g->members == 0) {
          g->title_fr = gap.title_fr;
          g->title_en = gap.title_en;
        }
        ++g->members;
        ++g->by_grade[gap.grade];
      }
    }
  }
  auto scale_json = [](const std::string& scale) {
    return scale.empty() ? Json(nullptr) : Json(scale);
  };
  out["top_gaps"] = MostFrequent(gaps, options_.top_gaps, [&](const GapKey& k) {
    return Json{{"referential", std::get<0>(k)},
                {"criterion", std::get<2>(k)},
                {"scale", scale_json(std::get<1>(k))}};
  });
  Json grouped = Json::array();
  for (const auto& [key, criteria] : by_scale) {
    const auto& title = referential_titles[key.first];
    grouped.push_back(
        {{"referential", key.first},
         {"title", TextJson(title.first, title.second)},
         {"scale", scale_json(key.second)},
         {"scale_title", scale_titles.count(key)
                             ? TextJson(scale_titles[key].first, scale_titles[key].second)
                             : Json(nullptr)},
         {"gaps", MostFrequent(criteria, options_.top_gaps, [](const std::string& criterion) {
            return Json{{"criterion", criterion}};
          })}});
  }
  out["gaps_by_referential"] = grouped;
  std::stable_sort(soon.begin(), soon.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [days, m] : soon) {
    expiring.push_back({{"file", m->file},
                        {"organisation", m->organisation},
                        {"certificate_number", Opt(m->certificate_number)},
                        {"expiry", m->expiry->ToString()},
                        {"days", days}});
  }
  out["expiring"] = expiring;
  Json unreadable = Json::array();
  for (const auto& [file, error] : unreadable_)
    unreadable.push_back({{"file", file}, {"error", error}});
  out["unreadable"] = unreadable;
  // A file name is the file system's bytes, not always UTF-8: an invalid byte becomes U+FFFD.
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string SummaryBuilder::ToCsv(char separator) {
  Sort();
  std::string out = "\xEF\xBB\xBF";
  auto row = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += separator;
      out += CsvCell(cells[i], separator);
    }
    out += "\r\n";
  };
  row({"file",
       "organisation",
       "siret",
       "kind",
       "region",
       "referential",
       "audit_kind",
       "decision",
       "level",
       "score",
       "major_nc",
       "minor_nc",
       "observation",
       "opportunity",
       "expiry",
       "state",
       "recorded_state",
       "state_changed_on",
       "state_change_reason",
       "certificate_number",
       "certificate_revision",
       "results"});
  for (const SummaryMember& m : members_) {
    std::string score = fmt::format("{:.2f}", std::round(m.score * 100) / 100);
    if (separator == ';') std::replace(score.begin(), score.end(), '.', ',');
    row({m.file,
         m.organisation,
         m.siret.value_or(""),
         m.kind,
         m.region.value_or(""),
         m.referential,
         m.audit_kind,
         m.decision,
         m.level.value_or(""),
         score,
         std::to_string(m.gaps.at("major-nc")),
         std::to_string(m.gaps.at("minor-nc")),
         std::to_string(m.gaps.at("observation")),
         std::to_string(m.gaps.at("opportunity")),
         m.expiry ? m.expiry->ToString() : "",
         m.state.value_or(""),
         m.recorded_state.value_or(""),
         m.state_change ? m.state_change->date.ToString() : "",
         m.state_change ? m.state_change->reason.code : "",
         m.certificate_number.value_or(""),
         m.certificate_number ? std::to_string(m.certificate_revision) : "",
         std::to_string(m.results)});
  }
  return out;
}

}  // namespace sceau
