#include "engine/referential.h"

#include <array>
#include <utility>

namespace sceau {

const std::string& Text::Get(std::string_view lang) const {
  static const std::string kEmpty;
  auto it = by_lang.find(std::string(lang));
  if (it != by_lang.end()) return it->second;
  it = by_lang.find("fr");
  return it != by_lang.end() ? it->second : kEmpty;
}

namespace {

constexpr std::array<std::pair<GradeKind, std::string_view>, 7> kGradeKinds = {{
    {GradeKind::kStrength, "strength"},
    {GradeKind::kConforming, "conforming"},
    {GradeKind::kOpportunity, "opportunity"},
    {GradeKind::kObservation, "observation"},
    {GradeKind::kMinorNc, "minor-nc"},
    {GradeKind::kMajorNc, "major-nc"},
    {GradeKind::kNotApplicable, "not-applicable"},
}};

constexpr std::array<std::pair<OrgKind, std::string_view>, 7> kOrgKinds = {{
    {OrgKind::kAci, "ACI"},
    {OrgKind::kAi, "AI"},
    {OrgKind::kEi, "EI"},
    {OrgKind::kEtti, "ETTI"},
    {OrgKind::kGes, "GES"},
    {OrgKind::kEbe, "EBE"},
    {OrgKind::kOther, "other"},
}};

constexpr std::array<std::pair<Decision, std::string_view>, 4> kDecisions = {{
    {Decision::kGranted, "granted"},
    {Decision::kConditional, "conditional"},
    {Decision::kRefused, "refused"},
    {Decision::kNone, "none"},
}};

template <typename E, size_t N>
constexpr std::array<std::string_view, N> Names(
    const std::array<std::pair<E, std::string_view>, N>& table) {
  std::array<std::string_view, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = table[i].second;
  return out;
}

constexpr auto kGradeKindNames = Names(kGradeKinds);
constexpr auto kOrgKindNames = Names(kOrgKinds);
constexpr auto kDecisionNames = Names(kDecisions);

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "?";
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string_view GradeKindName(GradeKind kind) { return NameOf(kGradeKinds, kind); }
std::optional<GradeKind> ParseGradeKind(std::string_view name) { return Parse(kGradeKinds, name); }
std::span<const std::string_view> GradeKindNames() { return kGradeKindNames; }
bool IsFailing(GradeKind kind) {
  return kind == GradeKind::kMinorNc || kind == GradeKind::kMajorNc;
}

int Gravity(GradeKind k) {
  switch (k) {
    case GradeKind::kStrength:
    case GradeKind::kConforming:
    case GradeKind::kNotApplicable:
      return 0;
    case GradeKind::kOpportunity:
      return 1;
    case GradeKind::kObservation:
      return 2;
    case GradeKind::kMinorNc:
      return 3;
    case GradeKind::kMajorNc:
      return 4;
  }
  return 0;
}

std::string_view OrgKindName(OrgKind kind) { return NameOf(kOrgKinds, kind); }
std::optional<OrgKind> ParseOrgKind(std::string_view name) { return Parse(kOrgKinds, name); }
std::span<const std::string_view> OrgKindNames() { return kOrgKindNames; }

std::string_view DecisionName(Decision d) { return NameOf(kDecisions, d); }
std::optional<Decision> ParseDecision(std::string_view name) { return Parse(kDecisions, name); }
std::span<const std::string_view> DecisionNames() { return kDecisionNames; }

std::string_view CheckTypeName(CheckType type) {
  switch (type) {
    case CheckType::kIndicator:
      return "indicator";
    case CheckType::kEvidence:
      return "evidence";
    case CheckType::kSample:
      return "sample";
  }
  return "?";
}

std::string_view MetricName(Metric m) {
  switch (m) {
    case Metric::kCount:
      return "count";
    case Metric::kScore:
      return "score";
    case Metric::kPoints:
      return "points";
    case Metric::kBlockingFailed:
      return "blocking_failed";
  }
  return "?";
}

int Scale::FindGrade(std::string_view code) const {
  for (size_t i = 0; i < grades.size(); ++i) {
    if (grades[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

int Scale::FindLevel(std::string_view code) const {
  for (size_t i = 0; i < levels.size(); ++i) {
    if (levels[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

int Referential::FindCriterion(std::string_view key) const {
  auto it = criterion_index.find(key);
  return it == criterion_index.end() ? -1 : it->second;
}

int Referential::FindChapter(std::string_view key) const {
  auto it = chapter_index.find(key);
  return it == chapter_index.end() ? -1 : it->second;
}

int Referential::FindScale(std::string_view key) const {
  for (size_t i = 0; i < scales.size(); ++i) {
    if (scales[i].id == key) return static_cast<int>(i);
  }
  return -1;
}

bool Referential::ChapterWithin(int c, int ancestor) const {
  while (c >= 0) {
    if (c == ancestor) return true;
    c = chapters[static_cast<size_t>(c)].parent;
  }
  return false;
}

const std::vector<std::string>& BuiltinEvidenceKinds() {
  static const std::vector<std::string> kKinds = {
      "procedure", "record", "minutes", "interview",   "contract",    "indicator-source", "sample",
      "plan",      "report", "policy",  "certificate", "observation", "training-record",  "other"};
  return kKinds;
}

}  // namespace sceau
