// The result of evaluating a dossier against its referential: a plain structure that report
// writers render (JSON, CSV, PDF) and tests assert on. It holds indices into the Referential and
// Dossier it was computed from, which must outlive it, and copies of the few strings reports need
// when the inputs are gone.
#ifndef SCEAU_ENGINE_AUDIT_RESULT_H_
#define SCEAU_ENGINE_AUDIT_RESULT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/date.h"
#include "engine/dossier.h"
#include "engine/multisite.h"
#include "engine/referential.h"

namespace sceau {

enum class CheckStatus { kPass, kFail, kMissing };
std::string_view CheckStatusName(CheckStatus s);  // "pass", "fail", "missing"

struct CheckResult {
  int check = -1;  // index into Criterion::checks
  CheckStatus status = CheckStatus::kMissing;
  std::optional<double> observed;  // indicator value, sample pass rate, matching evidence count
  std::string detail;              // in words (French), e.g. "75 % (attendu : au moins 90 %)"
  // The terms reports word the result with, beside `observed` and the check's own terms:
  int stale = 0;              // evidence: items of the kinds cited but too old or undated
  std::optional<int> passed;  // sample: items that pass; none when the sample is missing
  std::optional<int> size;    // sample: items in the sample; none when the sample is missing
};

// A remark of the engine, like a careful reviewer's: a contradiction kept by an override, a
// conforming grade without evidence, a check that could not run.
struct ReviewNote {
  std::string code;  // "override", "no-evidence", "no-finding-text", "check-missing"...
  int criterion = -1;
  std::string message;  // French
  // What the message says, as terms a report words in its language (see audits/README.md,
  // "notes"): {"check", "0"}, {"count", "3"}, {"from", "NCm"}...
  std::vector<std::pair<std::string, std::string>> terms;
};

struct CriterionResult {
  int criterion = -1;
  bool applicable = true;
  std::string not_applicable_reason;  // why the referential excludes it for this organisation
  bool assessed = false;
  bool na = false;         // graded not applicable by the auditor (with a justification)
  int grade = -1;          // index into the scale's grades after escalation; -1 for maturity
  int level = -1;          // index into the scale's levels; -1 for grades
  int auditor_grade = -1;  // the grade as the auditor wrote it, before escalation
  bool escalated = false;  // within-criterion escalation changed the grade
  GradeKind kind = GradeKind::kConforming;  // of `grade`; maturity: kConforming or kMinorNc
  double points = 0;                        // 0..100
  double weight = 1;                        // the criterion's own weight
  bool scored = false;                      // counts in scores: applicable, assessed, not NA
  bool failing = false;
  bool gap = false;  // a finding below conformity
  std::vector<CheckResult> checks;
  bool contradiction = false;  // a check failed while the grade says the requirement is met
  bool overridden = false;     // ...and the auditor justified it
  std::vector<int> failing_prerequisites;  // direct prerequisites that fail or are impacted
  std::vector<int> root_causes;            // failing criteria upstream (or itself) with no
                                           // failing prerequisite of their own
  bool impacted = false;                   // a transitive prerequisite fails
};

struct ChapterResult {
  int chapter = -1;
  bool scored = false;  // has at least one scored criterion in its subtree
  double score = 0;     // percent
  double points = 0;    // score scaled to the policy's points_scale
  int scored_criteria = 0;
  std::map<std::string, int> grade_counts;  // grade or level code -> criteria (subtree)
  int systemic = 0;                         // chapter-level escalations added here
};

struct ChapterEscalation {
  int escalation = -1;        // index into Policy::escalations
  int chapter = -1;           // top-level chapter
  std::vector<int> criteria;  // the criteria whose grades added up
};

struct ConditionTrace {
  const Condition* condition = nullptr;  // in the referential's policy
  std::string text;                      // "count(kind major-nc) = 1, needs >= 1"
  double observed = 0;
  bool held = false;
  std::vector<ConditionTrace> children;
};

struct OutcomeTrace {
  int outcome = -1;
  bool matched = false;
  std::vector<ConditionTrace> conditions;
};

struct Action {
  int criterion = -1;
  std::string grade;  // grade or level code
  GradeKind kind = GradeKind::kMinorNc;
  std::optional<int> deadline_months;
  std::optional<Date> due;
  std::vector<int> after;  // criteria whose actions come first (failing prerequisites)
};

struct RootCauseGroup {
  int root = -1;          // a failing criterion, or -1 for gaps with no failing cause upstream
  std::vector<int> gaps;  // criteria whose gap it explains (itself first)
};

struct Certificate {
  Date effective;
  Date expiry;
  Date first_surveillance_due;
};

// Why the certificate ended in its state, or what was irregular in the cycle: a code and a text
// for the report ("late-surveillance", "suspended", "suspension-expired"...).
struct LifecycleReason {
  std::string code;
  Text message;  // fr and en
};

// The certificate after this audit (audits/README.md, "The cycle").
struct Lifecycle {
  std::optional<Date> cycle_start;  // the decision that started the current cycle
  std::string state;  // granted, maintained, suspended, withdrawn, renewed, expired, refused
  Date state_date;    // from when the state holds
  std::optional<Date> effective;
  std::optional<Date> expiry;
  int surveillances_done = 0;  // in the current cycle, this audit included
  std::optional<Date> due;     // when this audit was due; none for an initial audit
  std::optional<bool> on_time;
  std::string next_kind;  // "initial", "surveillance", "renewal"; empty: none
  std::optional<Date> next_due;
  std::vector<LifecycleReason> reasons;
  // The certificate's identity: its number, carried from the previous audit (empty: pending, to
  // be issued by the register at the first grant), and its revision (0 when issued, +1 each time
  // the certificate is reissued: renewal, restoration).
  std::string number;
  int revision = 0;
};

// The follow-up of one minor or major nonconformity of the previous audit.
struct FollowUpResult {
  std::string criterion;     // id
  int criterion_index = -1;  // in this referential; -1 when it no longer has it
  std::string previous_grade;
  GradeKind previous_kind = GradeKind::kMinorNc;
  std::optional<Date> due;  // the previous action's due date
  FollowUpStatus status = FollowUpStatus::kNotStarted;
  std::optional<Date> date;
  std::vector<int> evidence;  // indices into Dossier::evidence
  std::string note;
  std::vector<std::string> sites_open;  // sites not shown corrected
  bool verified = false;                // closed, with evidence, on every site, by its due date
  bool late = false;                    // closed after its due date
  std::string effect = "none";          // "none", "escalated", "kept-major"
  std::string grade;  // the criterion's grade code after this audit; empty when none
  Text reason;        // why the effect, for the report; empty when none
};

struct ChapterChange {
  int chapter = -1;  // top-level chapter of this referential
  std::optional<double> previous;
  std::optional<double> current;
};

// What changed since the previous audit.
struct Changes {
  double previous_score = 0;
  double score = 0;
  std::vector<ChapterChange> chapters;
};

struct AuditResult {
  // The group the organisation is audited with, as one of its members (its name); empty for an
  // organisation audited on its own. Set by the group audit, not by Evaluate.
  std::string group;
  std::vector<CriterionResult> criteria;  // one per referential criterion, same order
  std::vector<ChapterResult> chapters;    // one per referential chapter, same order
  double score = 0;                       // global, percent
  double points = 0;                      // global, on the policy's points scale
  int scored_criteria = 0;
  int applicable_criteria = 0;
  int not_applicable = 0;                   // graded NA by the auditor
  std::map<std::string, int> grade_counts;  // code -> criteria, plus systemic escalations
  std::map<GradeKind, int> kind_counts;
  std::vector<int> blocking_failed;
  std::vector<ChapterEscalation> chapter_escalations;
  std::vector<RootCauseGroup> root_causes;  // biggest groups first
  std::vector<OutcomeTrace> outcomes;       // up to and including the matching one
  int outcome = -1;                         // index into Policy::outcomes
  Decision decision = Decision::kRefused;
  std::vector<Action> actions;  // the corrective action / progress plan, in order
  std::optional<Certificate> certificate;
  std::vector<ReviewNote> notes;
  std::optional<MultisiteResult> multisite;  // null for a single-site organisation
  // The certificate after this audit; empty for a self-assessment (no certificate).
  std::optional<Lifecycle> lifecycle;
  std::vector<FollowUpResult> follow_up;  // one per earlier NC, in the previous result's order
  std::optional<Changes> changes;         // when the dossier has a previous result
};

}  // namespace sceau

#endif  // SCEAU_ENGINE_AUDIT_RESULT_H_
