// The maps of the referential format (referentials/README.md), one function each, described with
// engine/format.h. The root is format::ReferentialSpec() (engine/format_specs.h).
#ifndef SCEAU_ENGINE_REFERENTIAL_SPEC_H_
#define SCEAU_ENGINE_REFERENTIAL_SPEC_H_

#include <span>
#include <string_view>

#include "engine/format.h"

namespace sceau::format {

const MapSpec& ExtendsSpec();
// Scales: ScaleSpec holds every key of either type, for reading before the type is known; the
// schema uses the two alternatives.
const MapSpec& ScaleSpec();
const MapSpec& GradesScaleSpec();
const MapSpec& MaturityScaleSpec();
const MapSpec& GradeSpec();
const MapSpec& LevelSpec();
const MapSpec& EvidenceKindSpec();
const MapSpec& FrameworkSpec();
const MapSpec& FrameworkItemSpec();
const MapSpec& ChapterSpec();
const MapSpec& CriterionSpec();
const MapSpec& ApplicabilitySpec();
const MapSpec& HeadcountRangeSpec();
const MapSpec& SitesRangeSpec();
// Checks: CheckSpec holds the keys every type shares, for reading before the type is known.
const MapSpec& CheckSpec();
const MapSpec& IndicatorCheckSpec();
const MapSpec& EvidenceCheckSpec();
const MapSpec& SampleCheckSpec();
const MapSpec& DecisionSpec();
const MapSpec& FollowUpPolicySpec();
const MapSpec& EscalationSpec();
const MapSpec& OutcomeSpec();
const MapSpec& ConditionSpec();
const MapSpec& CountConditionSpec();
const MapSpec& ScoreConditionSpec();
const MapSpec& PointsConditionSpec();
const MapSpec& BlockingFailedConditionSpec();

// A scale and a check: one of their alternatives, by `type`.
const ValueSpec& ScaleValue();
const ValueSpec& CheckValue();
// The weight of chapters and criteria.
const ValueSpec& WeightValue();

// Name tables of the format's own enumerations.
std::span<const std::string_view> ScaleTypeNames();         // grades, maturity
std::span<const std::string_view> CheckTypeNames();         // indicator, evidence, sample
std::span<const std::string_view> EscalationWithinNames();  // criterion, chapter
std::span<const std::string_view> ConditionKeyNames();      // count, score, ..., not

}  // namespace sceau::format

#endif  // SCEAU_ENGINE_REFERENTIAL_SPEC_H_
