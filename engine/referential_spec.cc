// The referential format (referentials/README.md), described once: the loader reads through
// these tables and `sceau schema referential` writes referentials/referential.schema.json from
// them.
#include "engine/referential_spec.h"

#include "engine/format_specs.h"
#include "engine/referential.h"
#include "engine/wording.h"

namespace sceau::format {

namespace {

constexpr std::string_view kScaleTypes[] = {"grades", "maturity"};
constexpr std::string_view kGradesType[] = {"grades"};
constexpr std::string_view kMaturityType[] = {"maturity"};
constexpr std::string_view kCheckTypes[] = {"indicator", "evidence", "sample"};
constexpr std::string_view kIndicatorType[] = {"indicator"};
constexpr std::string_view kEvidenceType[] = {"evidence"};
constexpr std::string_view kSampleType[] = {"sample"};
constexpr std::string_view kWithin[] = {"criterion", "chapter"};
constexpr std::string_view kConditionKeys[] = {"count", "score", "points", "blocking_failed",
                                               "all",   "any",   "not"};

std::span<const std::string_view> GradesTypeNames() { return kGradesType; }
std::span<const std::string_view> MaturityTypeNames() { return kMaturityType; }
std::span<const std::string_view> IndicatorTypeNames() { return kIndicatorType; }
std::span<const std::string_view> EvidenceTypeNames() { return kEvidenceType; }
std::span<const std::string_view> SampleTypeNames() { return kSampleType; }

// A chapter id: a plain YAML number (4, 8.5) is read as its text.
constexpr ValueSpec kChapterId = WithSchema(Id(), R"({"type": ["string", "number"]})");
constexpr ValueSpec kIdItem = Id();
constexpr ValueSpec kLanguage = WithSchema(String(), R"({"pattern": "^[a-z]{2}$"})");
constexpr ValueSpec kOrgKind = Enum(OrgKindNames);
constexpr ValueSpec kPercentBound = NumberIn(0, 100, "bad-threshold");
constexpr ValueSpec kCountBound = NumberAtLeast(0, "bad-threshold");
constexpr ValueSpec kDeadline = IntegerIn(1, 120, "bad-value", Wording(" months"));
constexpr ValueSpec kMappingItems = ListOf(&kIdItem);

constexpr ValueSpec kGradeItem = Map(GradeSpec);
constexpr ValueSpec kLevelItem = Map(LevelSpec);
constexpr ValueSpec kEvidenceKindItem = Map(EvidenceKindSpec);
constexpr ValueSpec kFrameworkItem = Map(FrameworkSpec);
constexpr ValueSpec kFrameworkItemItem = Map(FrameworkItemSpec);
constexpr ValueSpec kChapterItem = Map(ChapterSpec);
constexpr ValueSpec kCriterionItem = Map(CriterionSpec);
constexpr ValueSpec kConditionItem = Map(ConditionSpec);
constexpr ValueSpec kOutcomeItem = Map(OutcomeSpec);
constexpr ValueSpec kEscalationItem = Map(EscalationSpec);

constexpr MapRef kScaleAlternatives[] = {GradesScaleSpec, MaturityScaleSpec};
constexpr MapRef kCheckAlternatives[] = {IndicatorCheckSpec, EvidenceCheckSpec, SampleCheckSpec};
constexpr ValueSpec kScaleOneOf = OneOf(kScaleAlternatives, "type");
constexpr ValueSpec kCheckOneOf = OneOf(kCheckAlternatives, "type");

constexpr std::string_view kFromLevelDoc =
    "Maturity scales only: the lowest level this check stands for (default: the scale's "
    "pass_from). A failed check contradicts a rating at or above this level only.";
constexpr std::string_view kCheckTypeDoc = "Check type: indicator | evidence | sample.";
constexpr std::string_view kScaleIdDoc =
    "Scale id, unique; named by default_scale and by criteria's scale.";

}  // namespace

std::span<const std::string_view> ScaleTypeNames() { return kScaleTypes; }
std::span<const std::string_view> CheckTypeNames() { return kCheckTypes; }
std::span<const std::string_view> EscalationWithinNames() { return kWithin; }
std::span<const std::string_view> ConditionKeyNames() { return kConditionKeys; }

const ValueSpec& ScaleValue() { return kScaleOneOf; }
const ValueSpec& CheckValue() { return kCheckOneOf; }

const MapSpec& ReferentialSpec() {
  static constexpr ValueSpec kScales = ListOf(&kScaleOneOf, 1);
  static constexpr ValueSpec kChapters = ListOf(&kChapterItem, 1);
  static constexpr ValueSpec kCriteria = ListOf(&kCriterionItem, 1);
  static constexpr KeySpec kKeys[] = {
      {"format", IntegerIn(1, 1, "unsupported-format"), kOptional, "1",
       "Format version; optional, default 1 (the only one)."},
      {"id", Id(), kRequired, {}, "Referential id, e.g. cedre-iso9001."},
      {"version",
       String(),
       kRequired,
       {},
       "Version of this referential, a string: quote it (\"2026.1\")."},
      {"title", Text(), kRequired, {}, "Title of the referential."},
      {"description", Text(), kOptional, {}, "Optional description."},
      {"publisher", String(), kOptional, {}, "Optional publisher."},
      {"effective",
       Date(),
       kOptional,
       {},
       "Optional date (YYYY-MM-DD) when this version takes effect."},
      {"supersedes",
       String(),
       kOptional,
       {},
       "Optional: the version this one replaces (\"2025.1\")."},
      {"languages", ListOf(&kLanguage, 0, R"({"contains": {"const": "fr"}})"), kOptional,
       "[\"fr\"]",
       "Languages the texts are written in; default [fr]; fr must be listed; other codes "
       "2-letter lowercase."},
      {"extends",
       Map(ExtendsSpec),
       kOptional,
       {},
       "The referential this one extends (a variant of it): found in the same folder by id and "
       "version. Its scales, chapters, criteria and policy are inherited; this file adds "
       "chapters and criteria, replaces or removes criteria, and may replace the decision "
       "policy."},
      {"scales",
       kScales,
       kOptional,
       {},
       "The scales criteria are assessed on; at least one. Required unless 'extends' is given."},
      {"default_scale",
       Id(),
       kOptional,
       {},
       "Scale used by criteria that name none; required when there are several scales."},
      {"evidence_kinds",
       ListOf(&kEvidenceKindItem),
       kOptional,
       {},
       "Optional evidence kinds beyond the built-in ones."},
      {"frameworks",
       ListOf(&kFrameworkItem),
       kOptional,
       {},
       "Optional frameworks that criteria map to."},
      {"chapters",
       kChapters,
       kOptional,
       {},
       "The chapters (nested); at least one. Required unless 'extends' is given."},
      {"criteria",
       kCriteria,
       kOptional,
       {},
       "The criteria, a flat list; each names its chapter. At least one. Required unless "
       "'extends' is given."},
      {"replace",
       ListOf(&kCriterionItem),
       kOptional,
       {},
       "With 'extends': criteria of the base replaced whole by these definitions (same ids)."},
      {"remove",
       ListOf(&kIdItem),
       kOptional,
       {},
       "With 'extends': ids of base criteria removed; nothing left may require them."},
      {"decision",
       Map(DecisionSpec),
       kOptional,
       {},
       "The labelling decision policy. Required unless 'extends' is given."},
  };
  static constexpr MapSpec kSpec{
      "referential",
      "A sceau referential (format 1): the versioned set of requirements a quality label is "
      "judged against. See referentials/README.md.",
      kKeys};
  return kSpec;
}

SchemaInfo ReferentialSchemaInfo() {
  return {"sceau referential",
          "A sceau referential (format 1): the versioned set of requirements a quality label is "
          "judged against. See referentials/README.md. Generated by `sceau schema referential`: "
          "do not edit."};
}

const MapSpec& ExtendsSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, "Id of the base referential."},
      {"version", String(), kRequired, {}, "Version of the base referential (quote it)."},
  };
  static constexpr MapSpec kSpec{"extends", "The referential this one extends.", kKeys};
  return kSpec;
}

// ---- scales ------------------------------------------------------------------------------------
// The keys both kinds of scale share, read before the type is known.
const MapSpec& ScaleSpec() {
  static constexpr ValueSpec kGrades = ListOf(&kGradeItem);
  static constexpr ValueSpec kLevels = ListOf(&kLevelItem);
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, kScaleIdDoc},
      {"type", Enum(ScaleTypeNames), kRequired, {}, "Scale type: grades | maturity."},
      {"title", Text(), kOptional, {}, "Optional title of the scale."},
      {"grades", kGrades, kOptional, {}, "Grades scales: the grades."},
      {"levels", kLevels, kOptional, {}, "Maturity scales: the levels, lowest first."},
      {"pass_from", Id(), kOptional, {}, "Maturity scales: the lowest level that counts as met."},
  };
  static constexpr MapSpec kSpec{"scale", "A scale criteria are assessed on.", kKeys};
  return kSpec;
}

const MapSpec& GradesScaleSpec() {
  static constexpr ValueSpec kGrades = ListOf(&kGradeItem, 1);
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, kScaleIdDoc},
      {"type", Enum(GradesTypeNames), kRequired, {}, "Scale type: grades | maturity."},
      {"title", Text(), kOptional, {}, "Optional title of the scale."},
      {"grades",
       kGrades,
       kRequired,
       {},
       "The grades, at least one; codes unique; at most one grade of kind not-applicable."},
  };
  static constexpr MapSpec kSpec{"gradesScale",
                                 "A scale of grades (PF, C, PP, PS, NCm, NCM, NA...).", kKeys};
  return kSpec;
}

const MapSpec& MaturityScaleSpec() {
  static constexpr ValueSpec kLevels = ListOf(&kLevelItem, 2);
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, kScaleIdDoc},
      {"type", Enum(MaturityTypeNames), kRequired, {}, "Scale type: grades | maturity."},
      {"title", Text(), kOptional, {}, "Optional title of the scale."},
      {"levels",
       kLevels,
       kRequired,
       {},
       "The levels, lowest first, at least two; codes unique; points strictly increasing."},
      {"pass_from",
       Id(),
       kOptional,
       {},
       "Code of the lowest level that counts as met (default: the first level, so nothing "
       "fails). Criteria assessed below it fail."},
  };
  static constexpr MapSpec kSpec{"maturityScale", "A maturity scale: ordered levels, lowest first.",
                                 kKeys};
  return kSpec;
}

const MapSpec& GradeSpec() {
  static constexpr KeySpec kKeys[] = {
      {"code", Id(), kRequired, {}, "Grade code (PF, C, NCm, ...), unique in the scale."},
      {"kind",
       Enum(GradeKindNames),
       kRequired,
       {},
       "What the grade means: strength | conforming | opportunity | observation | minor-nc | "
       "major-nc | not-applicable. At most one not-applicable grade per scale."},
      {"label", Text(), kRequired, {}, "Grade label, e.g. {fr: Point fort, en: Strength}."},
      {"points",
       NumberIn(0, 100, "bad-points"),
       kOptional,
       {},
       "Score of a criterion graded so, 0..100. Required except for kind not-applicable (unused "
       "there)."},
  };
  static constexpr MapSpec kSpec{"grade", "One grade of a grades scale.", kKeys};
  return kSpec;
}

const MapSpec& LevelSpec() {
  static constexpr KeySpec kKeys[] = {
      {"code", Id(), kRequired, {}, "Level code (initial, engage, ...), unique in the scale."},
      {"label", Text(), kRequired, {}, "Level label, e.g. {fr: Engagé, en: Committed}."},
      {"points",
       NumberIn(0, 100, "bad-points"),
       kRequired,
       {},
       "Score of a criterion assessed at this level, 0..100; must increase strictly from one "
       "level to the next."},
  };
  static constexpr MapSpec kSpec{"level", "One level of a maturity scale.", kKeys};
  return kSpec;
}

// ---- evidence kinds and frameworks -------------------------------------------------------------
const MapSpec& EvidenceKindSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id",
       Id(),
       kRequired,
       {},
       "Evidence kind id, usable in criteria's evidence and in evidence checks."},
      {"label", Text(), kRequired, {}, "Label of the evidence kind."},
  };
  static constexpr MapSpec kSpec{"evidenceKindDecl", "An evidence kind beyond the built-in ones.",
                                 kKeys};
  return kSpec;
}

const MapSpec& FrameworkSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, "Framework id, used as a key of criteria's mappings."},
      {"title", Text(), kRequired, {}, "Framework title, e.g. \"ISO 9001:2015\"."},
      {"items",
       ListOf(&kFrameworkItemItem),
       kOptional,
       {},
       "Optional list of the framework's items; when given, mappings to this framework must "
       "name one of these ids."},
  };
  static constexpr MapSpec kSpec{
      "framework", "Another framework criteria map to (ISO 9001, ISO 26000...).", kKeys};
  return kSpec;
}

const MapSpec& FrameworkItemSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, "Item id, e.g. \"4.1\" (quote it)."},
      {"title", Text(), kOptional, {}, "Optional item title (clause or subject title)."},
  };
  static constexpr MapSpec kSpec{"frameworkItem", "An item (clause, core subject) of a framework.",
                                 kKeys};
  return kSpec;
}

// ---- chapters ----------------------------------------------------------------------------------
const ValueSpec& WeightValue() {
  static constexpr ValueSpec kWeight = NumberAbove(0, 1000, "bad-weight");
  return kWeight;
}

const MapSpec& ChapterSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id",
       kChapterId,
       kRequired,
       {},
       "Chapter id, unique across all chapters at any depth. Quote numeric ids: \"8.5\"."},
      {"title", Text(), kRequired, {}, "Chapter title."},
      {"description", Text(), kOptional, {}, "Optional description of the chapter."},
      {"weight", NumberAbove(0, 1000, "bad-weight"), kOptional, "1",
       "Weight of this chapter in its parent's score (or in the global score for a top-level "
       "chapter); > 0 and <= 1000, default 1."},
      {"chapters", ListOf(&kChapterItem), kOptional, {}, "Optional sub-chapters, same shape."},
  };
  static constexpr MapSpec kSpec{"chapter",
                                 "A chapter (theme): a group of criteria; chapters nest.", kKeys};
  return kSpec;
}

// ---- criteria ----------------------------------------------------------------------------------
const MapSpec& CriterionSpec() {
  static constexpr ValueSpec kMappings = DictOf(&kMappingItems);
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, "Criterion id, unique, e.g. C-8.5.1."},
      {"chapter", kChapterId, kRequired, {}, "Id of the chapter it belongs to (any depth)."},
      {"title", Text(), kRequired, {}, "Criterion title."},
      {"requirement",
       Text(),
       kRequired,
       {},
       "What is required, in our own words (never the standard's text)."},
      {"guidance", Text(), kOptional, {}, "Optional: how the auditor assesses it."},
      {"evidence",
       ListOf(&kIdItem),
       kOptional,
       {},
       "Optional list of evidence kinds expected (built-in or declared in evidence_kinds)."},
      {"scale",
       Id(),
       kOptional,
       {},
       "Optional scale id (default: default_scale, or the only scale)."},
      {"weight", NumberAbove(0, 1000, "bad-weight"), kOptional, "1",
       "Weight in its chapter's score; > 0 and <= 1000, default 1."},
      {"blocking", Bool(), kOptional, "false",
       "When true, failing it refuses the label whatever the score (non-compensation), through "
       "blocking_failed conditions."},
      {"na_allowed", Bool(), kOptional, "false",
       "May be graded not applicable (with a justification); needs a grades scale with a "
       "not-applicable grade."},
      {"na_guidance",
       Text(),
       kOptional,
       {},
       "Optional, only with na_allowed: true: when NA is acceptable."},
      {"applies_to",
       Map(ApplicabilitySpec),
       kOptional,
       {},
       "Optional: which organisations the criterion applies to; absent = every organisation."},
      {"checks",
       ListOf(&kCheckOneOf),
       kOptional,
       {},
       "Optional checks: indicator, evidence or sample."},
      {"requires",
       ListOf(&kIdItem),
       kOptional,
       {},
       "Optional prerequisites (criterion ids): when one fails, this criterion is marked "
       "impacted by it (transitively). No effect on grades or scores. No duplicates, no "
       "self-reference, no cycles."},
      {"related",
       ListOf(&kIdItem),
       kOptional,
       {},
       "Optional informational links (criterion ids); no effect. Anything but itself."},
      {"mappings",
       kMappings,
       kOptional,
       {},
       "Optional: framework id -> list of that framework's item ids."},
      {"replaces",
       ListOf(&kIdItem),
       kOptional,
       {},
       "Ids of criteria of the previous version (the one 'supersedes' names) that this "
       "criterion takes over: merged, split or renamed criteria. Used by 'sceau migrate' and "
       "'sceau diff'."},
  };
  static constexpr MapSpec kSpec{"criterion", "One assessable requirement.", kKeys};
  return kSpec;
}

const MapSpec& ApplicabilitySpec() {
  static constexpr ValueSpec kKinds = ListOf(&kOrgKind, 1);
  static constexpr KeySpec kKeys[] = {
      {"kinds",
       kKinds,
       kOptional,
       {},
       "Kinds of organisation it applies to: ACI, AI, EI, ETTI, GES, EBE, other. Non-empty, no "
       "duplicates."},
      {"headcount",
       Map(HeadcountRangeSpec),
       kOptional,
       {},
       "Range of headcount (permanent staff plus employees on a pathway), integers >= 0, min <= "
       "max."},
      {"sites",
       Map(SitesRangeSpec),
       kOptional,
       {},
       "Range of the number of sites, integers >= 1, min <= max."},
  };
  static constexpr MapSpec kSpec{
      "applicability",
      "When the criterion applies; absent = every organisation. Every condition given must hold.",
      kKeys};
  return kSpec;
}

const MapSpec& HeadcountRangeSpec() {
  static constexpr KeySpec kKeys[] = {
      {"min",
       IntegerAtLeast(0, "bad-range"),
       kOptional,
       {},
       "Inclusive lower bound (>= 0); absent: unbounded."},
      {"max",
       IntegerAtLeast(0, "bad-range"),
       kOptional,
       {},
       "Inclusive upper bound (>= 0, >= min); absent: unbounded."},
  };
  static constexpr MapSpec kSpec{"headcountRange", "A range of headcount; min, max or both.", kKeys,
                                 R"({"minProperties": 1})"};
  return kSpec;
}

const MapSpec& SitesRangeSpec() {
  static constexpr KeySpec kKeys[] = {
      {"min",
       IntegerAtLeast(1, "bad-range"),
       kOptional,
       {},
       "Inclusive lower bound (>= 1); absent: unbounded."},
      {"max",
       IntegerAtLeast(1, "bad-range"),
       kOptional,
       {},
       "Inclusive upper bound (>= 1, >= min); absent: unbounded."},
  };
  static constexpr MapSpec kSpec{"sitesRange", "A range of the number of sites; min, max or both.",
                                 kKeys, R"({"minProperties": 1})"};
  return kSpec;
}

// ---- checks ------------------------------------------------------------------------------------
// Every key any check may have, read before the type is known.
const MapSpec& CheckSpec() {
  static constexpr KeySpec kKeys[] = {
      {"type", Enum(CheckTypeNames), kRequired, {}, kCheckTypeDoc},
      {"label", Text(), kOptional, {}, "Optional label of the check, shown in reports."},
      {"from_level", Id(), kOptional, {}, kFromLevelDoc},
  };
  static constexpr MapSpec kSpec{"check", "A check: type indicator, evidence or sample.", kKeys};
  return kSpec;
}

const MapSpec& IndicatorCheckSpec() {
  static constexpr KeySpec kKeys[] = {
      {"type", Enum(IndicatorTypeNames), kRequired, {}, kCheckTypeDoc},
      {"indicator", Id(), kRequired, {}, "Indicator id, as the dossier names it."},
      {"label", Text(), kOptional, {}, "Optional label of the indicator."},
      {"unit", String(), kOptional, {}, "Optional unit, display only (\"%\", \"jours\")."},
      {"min",
       Number(),
       kOptional,
       {},
       "The value must be >= min. At least one of min / max; min <= max."},
      {"max",
       Number(),
       kOptional,
       {},
       "The value must be <= max. At least one of min / max; min <= max."},
      {"from_level", Id(), kOptional, {}, kFromLevelDoc},
  };
  static constexpr MapSpec kSpec{
      "indicatorCheck", "An indicator the dossier reports, compared with a threshold.", kKeys,
      R"({"anyOf": [{"required": ["min"]}, {"required": ["max"]}]})"};
  return kSpec;
}

const MapSpec& EvidenceCheckSpec() {
  static constexpr ValueSpec kKinds = ListOf(&kIdItem, 1);
  static constexpr KeySpec kKeys[] = {
      {"type", Enum(EvidenceTypeNames), kRequired, {}, kCheckTypeDoc},
      {"kinds",
       kKinds,
       kRequired,
       {},
       "Evidence kinds that satisfy the check (built-in or declared); non-empty."},
      {"min_count", IntegerIn(1, 1000, "bad-threshold"), kOptional, "1",
       "How many such evidence items at least; 1 to 1000, default 1."},
      {"max_age_months",
       IntegerIn(1, 600, "bad-threshold"),
       kOptional,
       {},
       "Evidence dated at most this many months before the audit; 1 to 600; absent: any age."},
      {"label", Text(), kOptional, {}, "Optional label of the check, shown in reports."},
      {"from_level", Id(), kOptional, {}, kFromLevelDoc},
  };
  static constexpr MapSpec kSpec{
      "evidenceCheck", "Evidence of given kinds present in the dossier's register, recent enough.",
      kKeys};
  return kSpec;
}

const MapSpec& SampleCheckSpec() {
  static constexpr KeySpec kKeys[] = {
      {"type", Enum(SampleTypeNames), kRequired, {}, kCheckTypeDoc},
      {"sample",
       Text(),
       kRequired,
       {},
       "What is sampled, e.g. {fr: dossiers de salariés en parcours, en: files of employees on a "
       "pathway}."},
      {"min_size",
       IntegerIn(1, 100000, "bad-threshold"),
       kRequired,
       {},
       "Items in the sample at least; 1 to 100000."},
      {"pass_rate",
       NumberAbove(0, 1, "bad-threshold", Wording(" (0.8 for 80 %)")),
       kRequired,
       {},
       "Share of items that must pass, above 0 and at most 1 (0.8 for 80 %)."},
      {"label", Text(), kOptional, {}, "Optional label of the check, shown in reports."},
      {"from_level", Id(), kOptional, {}, kFromLevelDoc},
  };
  static constexpr MapSpec kSpec{
      "sampleCheck", "A sample of files checked one by one: a minimum size and a pass rate.",
      kKeys};
  return kSpec;
}

// ---- decision policy ---------------------------------------------------------------------------
const MapSpec& DecisionSpec() {
  static constexpr ValueSpec kDeadlines = DictOf(&kDeadline);
  static constexpr ValueSpec kOutcomes = ListOf(&kOutcomeItem, 1);
  static constexpr KeySpec kKeys[] = {
      {"points_scale", NumberAbove(0, 1000000, "bad-value"), kOptional, "100",
       "What `points` conditions count in: the score scaled to this many points; above 0 and at "
       "most 1000000, default 100."},
      {"validity_months", IntegerIn(1, 240, "bad-value", Wording(" months")), kOptional, "36",
       "A granted label lasts this long from the decision; 1 to 240, default 36."},
      {"surveillance_months", IntegerIn(1, 240, "bad-value", Wording(" months")), kOptional, "12",
       "A surveillance audit at least this often; 1 to 240, default 12."},
      {"deadlines",
       kDeadlines,
       kOptional,
       {},
       "Grade code -> months (1 to 120) to correct a finding of that grade."},
      {"escalations", ListOf(&kEscalationItem), kOptional, {}, "Optional escalation rules."},
      {"follow_up",
       Map(FollowUpPolicySpec),
       kOptional,
       {},
       "How the nonconformities of a previous audit are followed up at the next one (dossier "
       "`previous` and `follow_up`)."},
      {"outcomes",
       kOutcomes,
       kRequired,
       {},
       "Outcomes in order, at least one; first match wins; the last has no `when` (the "
       "fallback)."},
  };
  static constexpr MapSpec kSpec{"decision", "The labelling decision policy.", kKeys};
  return kSpec;
}

const MapSpec& FollowUpPolicySpec() {
  static constexpr KeySpec kKeys[] = {
      {"open_minor_becomes",
       Id(),
       kOptional,
       {},
       "The grade code (of kind major-nc or minor-nc) that a minor NC still open at the next "
       "audit becomes. Default: the criterion scale's first grade of kind major-nc."},
      {"suspension_months", IntegerIn(1, 120, "bad-value", Wording(" months")), kOptional, "6",
       "A suspension lasts at most this long: a refused audit after it withdraws the "
       "certificate. 1 to 120, default 6."},
      {"reaudit_months", IntegerIn(1, 120, "bad-value", Wording(" months")), kOptional, "6",
       "A major NC not corrected within this long after the end of its audit withdraws the "
       "certificate at a refused surveillance. 1 to 120, default 6."},
      {"restoration_months", IntegerIn(1, 120, "bad-value", Wording(" months")), kOptional, "6",
       "After expiry, a favourable renewal decided within this long restores the certificate; "
       "later, only an initial audit can grant a new one. 1 to 120, default 6."},
  };
  static constexpr MapSpec kSpec{
      "followUpPolicy", "How the nonconformities of a previous audit are followed up.", kKeys};
  return kSpec;
}

const MapSpec& EscalationSpec() {
  static constexpr KeySpec kKeys[] = {
      {"from", Id(), kRequired, {}, "Grade code of the findings counted (e.g. NCm)."},
      {"to",
       Id(),
       kRequired,
       {},
       "...count as one finding of this grade code, graver than `from`."},
      {"count",
       IntegerIn(2, 1000, "bad-value"),
       kRequired,
       {},
       "This many findings of `from` (2 to 1000)..."},
      {"within", Enum(EscalationWithinNames), kOptional, "\"chapter\"",
       "...in one criterion or one chapter (default chapter)..."},
  };
  static constexpr MapSpec kSpec{
      "escalation",
      "Several findings of one grade counting as one graver finding (ISO/IEC 17021-1 §3.12).",
      kKeys};
  return kSpec;
}

const MapSpec& OutcomeSpec() {
  static constexpr ValueSpec kWhen = ListOf(&kConditionItem);
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, "Outcome id, unique."},
      {"decision",
       Enum(DecisionNames),
       kRequired,
       {},
       "granted | conditional (granted with an accepted corrective action plan) | refused | none "
       "(self-assessment: no certification decision)."},
      {"level",
       String(),
       kOptional,
       {},
       "Optional: the level this outcome confers (e.g. confirme)."},
      {"label",
       Text(),
       kRequired,
       {},
       "What the member reads, e.g. {fr: Label accordé, en: Label granted}."},
      {"explanation", Text(), kOptional, {}, "Optional: why, in plain words, for the report."},
      {"when",
       kWhen,
       kOptional,
       {},
       "Conditions that must all hold; absent or empty = always. The last outcome must have "
       "none (the fallback)."},
  };
  static constexpr MapSpec kSpec{
      "outcome",
      "A possible outcome of the decision; outcomes are tried in order and the first whose "
      "conditions all hold wins.",
      kKeys};
  return kSpec;
}

// ---- conditions --------------------------------------------------------------------------------
const MapSpec& ConditionSpec() {
  static constexpr ValueSpec kList = ListOf(&kConditionItem, 1);
  static constexpr KeySpec kKeys[] = {
      {"count",
       Map(CountConditionSpec),
       kOptional,
       {},
       "Number of assessed criteria with a grade / kind / level, optionally blocking only and "
       "within a chapter."},
      {"score", Map(ScoreConditionSpec), kOptional, {}, "Weighted score in percent (0..100)."},
      {"points", Map(PointsConditionSpec), kOptional, {}, "Score scaled to decision.points_scale."},
      {"blocking_failed",
       Map(BlockingFailedConditionSpec),
       kOptional,
       {},
       "Number of blocking criteria that fail."},
      {"all", kList, kOptional, {}, "Every condition in the list holds (non-empty)."},
      {"any", kList, kOptional, {}, "At least one condition in the list holds (non-empty)."},
      {"not", kConditionItem, kOptional, {}, "The condition does not hold."},
  };
  static constexpr MapSpec kSpec{
      "condition",
      "A condition: a map with exactly one key among count, score, points, blocking_failed, "
      "all, any, not.",
      kKeys, R"({"minProperties": 1, "maxProperties": 1})"};
  return kSpec;
}

const MapSpec& CountConditionSpec() {
  static constexpr KeySpec kKeys[] = {
      {"grade", Id(), kOptional, {}, "Count criteria graded with this grade code (e.g. NCm)."},
      {"kind",
       Enum(GradeKindNames),
       kOptional,
       {},
       "Count criteria whose grade has this kind (e.g. minor-nc)."},
      {"level", Id(), kOptional, {}, "Count criteria assessed at this maturity level."},
      {"level_below", Id(), kOptional, {}, "Count criteria assessed below this maturity level."},
      {"blocking", Bool(), kOptional, {}, "Only blocking (true) or non-blocking (false) criteria."},
      {"chapter", kChapterId, kOptional, {}, "Only criteria in this chapter and its sub-chapters."},
      {"min", kCountBound, kOptional, {}, "The count must be >= min (>= 0; min <= max)."},
      {"max", kCountBound, kOptional, {}, "The count must be <= max (>= 0; min <= max)."},
  };
  static constexpr MapSpec kSpec{
      "countCondition",
      "Number of assessed criteria matching the selectors (at most one of grade / kind / level "
      "/ level_below; none = every assessed criterion). At least one of min / max.",
      kKeys, R"({"anyOf": [{"required": ["min"]}, {"required": ["max"]}]})"};
  return kSpec;
}

const MapSpec& ScoreConditionSpec() {
  static constexpr KeySpec kKeys[] = {
      {"chapter",
       kChapterId,
       kOptional,
       {},
       "Measure this chapter (with its sub-chapters) instead of the whole referential."},
      {"each_chapter", Bool(), kOptional, "false",
       "true: every top-level chapter must satisfy the bound. Not with chapter."},
      {"min", kPercentBound, kOptional, {}, "Observed >= min; within 0..100, min <= max."},
      {"max", kPercentBound, kOptional, {}, "Observed <= max; within 0..100, min <= max."},
  };
  static constexpr MapSpec kSpec{
      "scoreCondition",
      "Weighted score in percent (0..100), global or of a chapter. At least one of min / max. "
      "each_chapter: true cannot be combined with chapter.",
      kKeys, R"({"anyOf": [{"required": ["min"]}, {"required": ["max"]}]})"};
  return kSpec;
}

const MapSpec& PointsConditionSpec() {
  static constexpr KeySpec kKeys[] = {
      {"chapter",
       kChapterId,
       kOptional,
       {},
       "Measure this chapter (with its sub-chapters) instead of the whole referential."},
      {"each_chapter", Bool(), kOptional, "false",
       "true: every top-level chapter must satisfy the bound. Not with chapter."},
      {"min", kCountBound, kOptional, {}, "Observed >= min; within 0..points_scale, min <= max."},
      {"max", kCountBound, kOptional, {}, "Observed <= max; within 0..points_scale, min <= max."},
  };
  static constexpr MapSpec kSpec{
      "pointsCondition",
      "Score scaled to decision.points_scale, global or of a chapter. At least one of min / max. "
      "each_chapter: true cannot be combined with chapter.",
      kKeys, R"({"anyOf": [{"required": ["min"]}, {"required": ["max"]}]})"};
  return kSpec;
}

const MapSpec& BlockingFailedConditionSpec() {
  static constexpr KeySpec kKeys[] = {
      {"min", kCountBound, kOptional, {}, "The number must be >= min (>= 0; min <= max)."},
      {"max", kCountBound, kOptional, {}, "The number must be <= max (>= 0; min <= max)."},
  };
  static constexpr MapSpec kSpec{
      "blockingFailedCondition",
      "Number of blocking criteria that fail. At least one of min / max.", kKeys,
      R"({"anyOf": [{"required": ["min"]}, {"required": ["max"]}]})"};
  return kSpec;
}

}  // namespace sceau::format
