// The referential model: the versioned set of requirements a label is judged against.
//
// A `Referential` is built by the loader (referential_loader.h) from a YAML file and is immutable
// afterwards: every reference inside it (chapter of a criterion, scale of a criterion, grades named
// by the policy, prerequisites) has been resolved and checked, so code that holds a Referential can
// index into it without further checks. The format is documented in referentials/README.md.
#ifndef SCEAU_ENGINE_REFERENTIAL_H_
#define SCEAU_ENGINE_REFERENTIAL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date.h"
#include "engine/source.h"

namespace sceau {

// A text in several languages. French is always present; other languages are optional and fall
// back to French.
struct Text {
  std::map<std::string, std::string> by_lang;  // "fr" -> "...", "en" -> "..."

  // Returns the text in `lang`, or the French text when `lang` has none.
  const std::string& Get(std::string_view lang) const;
  const std::string& fr() const { return Get("fr"); }
  bool empty() const { return by_lang.empty(); }
};

// What a grade means to the engine, whatever its code and label in a given referential.
enum class GradeKind {
  kStrength,       // point fort (PF): conforming, and a good practice worth sharing
  kConforming,     // conforme (C)
  kOpportunity,    // piste de progrès (PP): conforming, with room to improve
  kObservation,    // point sensible (PS): conforming today, a risk of future nonconformity
  kMinorNc,        // non-conformité mineure (NCm)
  kMajorNc,        // non-conformité majeure (NCM)
  kNotApplicable,  // non applicable (NA): needs a justification and the criterion's consent
};

// The YAML spelling of each kind: "strength", "conforming", "opportunity", "observation",
// "minor-nc", "major-nc", "not-applicable".
std::string_view GradeKindName(GradeKind kind);
std::optional<GradeKind> ParseGradeKind(std::string_view name);
// Every name ParseGradeKind accepts, in declaration order: the single list the loaders and the
// format description (engine/format_specs.h) use.
std::span<const std::string_view> GradeKindNames();
// True for minor and major nonconformities: the kinds whose failure propagates along `requires`.
bool IsFailing(GradeKind kind);
// How grave a grade kind is: 0 conforming or better (and NA), 1 opportunity, 2 observation,
// 3 minor nonconformity, 4 major nonconformity.
int Gravity(GradeKind kind);

struct Grade {
  std::string code;  // "NCm"; unique within its scale
  GradeKind kind;
  Text label;
  double points = 0;  // score of a criterion graded so, on a 0..100 scale; unused for NA
  SourceLocation where;
};

// One level of a maturity scale, lowest first.
struct Level {
  std::string code;  // "engage"
  Text label;
  double points = 0;  // 0..100
  SourceLocation where;
};

enum class ScaleType { kGrades, kMaturity };

struct Scale {
  std::string id;
  ScaleType type = ScaleType::kGrades;
  Text title;
  std::vector<Grade> grades;  // kGrades only
  std::vector<Level> levels;  // kMaturity only, lowest first
  // kMaturity only: index in `levels` of the lowest level that counts as met; criteria assessed
  // below it fail (for `requires` propagation and blocking). 0 when nothing fails.
  int pass_from = 0;
  SourceLocation where;

  // Index of the grade or level with this code, or -1.
  int FindGrade(std::string_view code) const;
  int FindLevel(std::string_view code) const;
};

struct Chapter {
  std::string id;  // "8.5"; unique across the referential
  Text title;
  Text description;
  double weight = 1;          // weight of this chapter inside its parent's score
  int parent = -1;            // index in Referential::chapters, -1 for a top-level chapter
  std::vector<int> children;  // sub-chapters, in file order
  std::vector<int> criteria;  // criteria directly in this chapter, in file order
  int depth = 0;              // 0 for top-level chapters
  SourceLocation where;
};

enum class OrgKind { kAci, kAi, kEi, kEtti, kGes, kEbe, kOther };
// "ACI", "AI", "EI", "ETTI", "GES", "EBE", "other".
std::string_view OrgKindName(OrgKind kind);
std::optional<OrgKind> ParseOrgKind(std::string_view name);
// Every name ParseOrgKind accepts, in declaration order.
std::span<const std::string_view> OrgKindNames();

// An inclusive integer range; a missing bound is unbounded.
struct Range {
  std::optional<int64_t> min;
  std::optional<int64_t> max;
  bool Contains(int64_t v) const { return (!min || v >= *min) && (!max || v <= *max); }
};

// When a criterion applies to an organisation. Every condition present must hold.
struct Applicability {
  std::vector<OrgKind> kinds;  // empty: every kind
  Range headcount;             // permanent staff plus employees on a pathway
  Range sites;                 // number of sites
  bool always() const {
    return kinds.empty() && !headcount.min && !headcount.max && !sites.min && !sites.max;
  }
};

enum class CheckType {
  kIndicator,  // an indicator the dossier reports, compared with a threshold
  kEvidence,   // evidence of given kinds present in the register, recent enough
  kSample,     // a sample of files checked one by one: a minimum size and a pass rate
};
std::string_view CheckTypeName(CheckType type);

struct Check {
  CheckType type = CheckType::kIndicator;
  Text label;
  SourceLocation where;
  // Maturity scales only: index of the lowest level the check stands for. A failed check
  // contradicts a rating at or above it ("the target defines Confirmé"). Default: the scale's
  // pass_from.
  int from_level = -1;
  // kIndicator
  std::string indicator;      // indicator id, as the dossier names it
  std::string unit;           // "%", "jours", ... (display only)
  std::optional<double> min;  // the value must be >= min
  std::optional<double> max;  // the value must be <= max
  // kEvidence
  std::vector<std::string> evidence_kinds;  // at least one evidence of one of these kinds
  int min_count = 1;                        // how many such evidence items at least
  std::optional<int> max_age_months;        // evidence dated at most this long before the audit
  // kSample
  std::string sample;      // what is sampled ("dossiers de salariés en parcours")
  int min_size = 1;        // items in the sample at least
  double pass_rate = 1.0;  // share of items that must pass, 0..1
};

// A link from one criterion to another, with where it was written.
struct Link {
  int target = -1;  // index in Referential::criteria
  SourceLocation where;
};

struct Criterion {
  std::string id;    // "C-8.5.1"; unique across the referential
  int chapter = -1;  // index in Referential::chapters
  int scale = -1;    // index in Referential::scales
  Text title;
  Text requirement;
  Text guidance;
  std::vector<std::string> evidence;  // expected evidence kinds
  double weight = 1;
  bool blocking = false;    // failing it refuses the label whatever the score
  bool na_allowed = false;  // may be graded not applicable (with a justification)
  Text na_guidance;         // when NA is acceptable, in the maintainer's words
  Applicability applies;
  std::vector<Check> checks;
  std::vector<Link> prerequisites;  // `requires:` their failure impacts this criterion
  std::vector<Link> related;        // informational only
  // Ids of criteria of the previous version (the one this referential supersedes) that this
  // criterion takes over; used by `sceau migrate` and `sceau diff`.
  std::vector<std::string> replaces;
  // Framework id -> item ids ("iso9001" -> {"8.5.1"}), in file order of the frameworks.
  std::vector<std::pair<std::string, std::vector<std::string>>> mappings;
  SourceLocation where;
};

// Another framework criteria can be mapped to (ISO 9001, ISO 26000...).
struct Framework {
  std::string id;  // "iso9001"
  Text title;
  // The framework's items (clauses, core subjects). When not empty, mappings must name one of them.
  std::vector<std::pair<std::string, Text>> items;
  SourceLocation where;
};

// ---- The decision policy -------------------------------------------------------------------

enum class Decision {
  kGranted,      // label granted
  kConditional,  // granted with conditions: an accepted corrective action plan
  kRefused,      // label refused
  kNone,         // no certification decision (self-assessment): a level and a progress plan
};
std::string_view DecisionName(Decision d);  // "granted", "conditional", "refused", "none"
std::optional<Decision> ParseDecision(std::string_view name);
// Every name ParseDecision accepts, in declaration order.
std::span<const std::string_view> DecisionNames();

// What a condition measures.
enum class Metric {
  kCount,           // number of assessed criteria matching the selectors
  kScore,           // weighted score in percent (0..100), globally or of a chapter
  kPoints,          // score on the policy's point scale (policy.points_scale), or of a chapter
  kBlockingFailed,  // number of blocking criteria that fail
};
std::string_view MetricName(Metric m);

// A declarative condition; composite conditions combine children.
struct Condition {
  enum class Op { kLeaf, kAll, kAny, kNot };
  Op op = Op::kLeaf;
  std::vector<Condition> children;  // kAll, kAny: any number; kNot: exactly one
  // kLeaf
  Metric metric = Metric::kCount;
  // Selectors for kCount (all optional; an absent selector matches everything):
  std::string grade;              // a grade code of the referential ("NCm")
  std::optional<GradeKind> kind;  // a grade kind ("minor-nc")
  std::string level;              // a maturity level code: criteria assessed at this level
  std::string level_below;        // a maturity level code: criteria assessed below this level
  std::optional<bool> blocking;   // only blocking (true) or non-blocking (false) criteria
  int chapter = -1;  // kCount, kScore, kPoints: restrict to a chapter (and its sub-chapters)
  // Every chapter (top-level) must satisfy the bound: kScore and kPoints only.
  bool each_chapter = false;
  std::optional<double> min;  // observed >= min
  std::optional<double> max;  // observed <= max
  SourceLocation where;
};

struct Outcome {
  std::string id;
  Decision decision = Decision::kRefused;
  std::string level;            // optional label level reached ("confirme"); free text id
  Text label;                   // what the member reads ("Label accordé")
  Text explanation;             // why, in plain words, for the report
  std::vector<Condition> when;  // all must hold; empty: always (the fallback)
  SourceLocation where;
};

// Several findings of one grade counting as a graver one (ISO/IEC 17021-1 §3.12).
struct Escalation {
  std::string from;  // grade code
  int count = 2;     // this many findings of `from`...
  enum class Within { kCriterion, kChapter } within = Within::kChapter;  // ...in one place
  std::string to;  // ...count as one finding of this grade code
  SourceLocation where;
};

// How the follow-up of a previous audit's nonconformities is judged (`decision.follow_up`).
struct FollowUpPolicy {
  // The grade code an open minor NC becomes at the next audit; empty: the first grade of kind
  // major-nc of the criterion's scale.
  std::string open_minor_becomes;
  int suspension_months = 6;  // a suspension lasts at most this long, then withdrawal
  int reaudit_months = 6;     // a major not corrected within this long of the audit's end
  // After expiry, a renewal decided within this long restores the certificate (ISO/IEC 17021-1
  // §9.6.3.2.5); later, only an initial audit can grant a new one.
  int restoration_months = 6;
};

struct Policy {
  std::vector<Outcome> outcomes;  // tried in order; the first whose conditions hold wins
  double points_scale = 100;      // `points` metric: the global score is scaled to this many points
  std::map<std::string, int> deadlines_months;  // grade code -> months to correct
  std::vector<Escalation> escalations;
  int validity_months = 36;      // a granted label lasts this long from the decision
  int surveillance_months = 12;  // a surveillance audit at least this often
  FollowUpPolicy follow_up;
  SourceLocation where;
};

struct Referential {
  int format = 1;
  std::string id;       // "cedre-iso9001"
  std::string version;  // "2026.1"
  Text title;
  Text description;
  std::string publisher;
  std::optional<Date> effective;
  std::string supersedes;  // the version this one replaces, if any
  std::string extends_id;  // the referential this one extends (inherits from), if any
  std::string extends_version;
  std::vector<std::string> languages;  // languages the texts are written in; "fr" first
  int default_scale = -1;              // index in scales
  std::vector<Scale> scales;
  std::vector<std::string> evidence_kinds;  // kinds declared beyond BuiltinEvidenceKinds()
  std::vector<Text> evidence_kind_labels;   // their labels, same order
  std::vector<Framework> frameworks;
  std::vector<Chapter> chapters;    // pre-order: a parent before its children
  std::vector<Criterion> criteria;  // file order
  Policy policy;
  std::string path;    // where it was loaded from
  std::string sha256;  // of the file's bytes, lowercase hex

  // Index of the criterion / chapter / scale with this id, or -1.
  int FindCriterion(std::string_view id) const;
  int FindChapter(std::string_view id) const;
  int FindScale(std::string_view id) const;
  // True when chapter `c` is `ancestor` or lies below it.
  bool ChapterWithin(int c, int ancestor) const;

  // Built by the loader: id -> index.
  std::map<std::string, int, std::less<>> criterion_index;
  std::map<std::string, int, std::less<>> chapter_index;
};

// The evidence kinds every referential knows, before any it declares itself.
const std::vector<std::string>& BuiltinEvidenceKinds();

}  // namespace sceau

#endif  // SCEAU_ENGINE_REFERENTIAL_H_
