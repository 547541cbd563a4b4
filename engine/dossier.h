// The audit dossier model: the organisation, the audit, the evidence register and the auditor's
// assessments. Built by the dossier loader (dossier_loader.h), immutable afterwards, checked
// against one referential: every criterion, grade, level and evidence reference is resolved.
// The format is documented in audits/README.md.
#ifndef SCEAU_ENGINE_DOSSIER_H_
#define SCEAU_ENGINE_DOSSIER_H_

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/date.h"
#include "engine/previous_result.h"
#include "engine/referential.h"
#include "engine/source.h"

namespace sceau {

struct Site {
  std::string id;
  std::string name;
  std::string address;
  SourceLocation where;
};

struct Organisation {
  std::string name;
  std::string siret;  // 14 digits, spaces removed; may be empty
  OrgKind kind = OrgKind::kOther;
  std::string region;
  int permanent = 0;  // permanent staff
  int pathway = 0;    // employees on an integration pathway
  std::vector<Site> sites;
  int headcount() const { return permanent + pathway; }
};

enum class AuditKind { kInitial, kSurveillance, kRenewal, kSelfAssessment };
// "initial", "surveillance", "renewal", "self-assessment".
std::string_view AuditKindName(AuditKind kind);
std::optional<AuditKind> ParseAuditKind(std::string_view name);
// Every audit kind's name, in declaration order: the format's allowed values.
std::span<const std::string_view> AuditKindNames();
// The kinds a group audit may be (not self-assessment: a group is certified).
std::span<const std::string_view> GroupAuditKindNames();

struct AuditInfo {
  std::string id;
  AuditKind kind = AuditKind::kInitial;
  Date start;
  Date end;
  Date decision_date;                      // audit end when not given
  std::vector<std::string> sites_visited;  // site ids
  std::string lead_auditor;
  std::vector<std::string> auditors;
  std::string decision_maker;  // empty for a self-assessment
  // Optional identifiers of the same people (engine/identity.h), empty when not given;
  // auditor_ids is empty or has one identifier per auditor, in the same order.
  std::string lead_auditor_id;
  std::vector<std::string> auditor_ids;
  std::string decision_maker_id;
  Text scope;
  Text objectives;
};

struct Evidence {
  std::string id;
  std::string kind;
  std::string title;
  std::optional<Date> date;
  std::string file;    // relative to the dossier's folder; may be empty
  std::string sha256;  // lowercase hex; declared in the dossier, or computed when the file exists
  bool file_present = false;
  SourceLocation where;
};

struct SampleItem {
  std::string id;
  bool pass = false;
  std::string note;
};

// One finding on a criterion: a grade (or, on a maturity scale, a level) and what was seen.
struct Finding {
  int grade = -1;  // index into the criterion's scale grades, or -1
  int level = -1;  // index into the criterion's scale levels, or -1
  std::string text;
  std::vector<int> evidence;  // indices into Dossier::evidence
  std::string site;           // a site id, or empty
  SourceLocation where;
};

// What the organisation says of its action on a criterion's gap (`action` of an assessment).
enum class ActionStatus { kPlanned, kInProgress, kDone };
std::string_view ActionStatusName(ActionStatus s);  // "planned", "in-progress", "done"
std::span<const std::string_view> ActionStatusNames();

// The action the organisation commits to for a criterion's gap, as the dossier gives it: shown in
// the action plan (JSON `actions[].commitment`, CSV, PDF) when the criterion is in gap.
struct CommittedAction {
  std::string description;
  std::string owner;                   // empty when not given
  std::optional<ActionStatus> status;  // nullopt when not given
  std::optional<Date> due;             // the date the organisation commits to
};

struct Assessment {
  int criterion = -1;                                      // index into Referential::criteria
  std::vector<Finding> findings;                           // at least one
  std::vector<std::pair<std::string, double>> indicators;  // indicator id -> value, file order
  std::optional<std::vector<SampleItem>> sample;
  std::string na_justification;
  std::string override_justification;
  std::optional<CommittedAction> action;
  SourceLocation where;           // the criterion id key
  SourceLocation override_where;  // the `override` key, when given
};

// What was done about one nonconformity of the previous audit (`follow_up` in the dossier).
enum class FollowUpStatus { kClosed, kInProgress, kNotStarted };
std::string_view FollowUpStatusName(FollowUpStatus s);  // "closed", "in-progress", "not-started"
std::span<const std::string_view> FollowUpStatusNames();

struct FollowUpEntry {
  std::string criterion;  // id, as in the previous result
  FollowUpStatus status = FollowUpStatus::kNotStarted;
  std::optional<Date> date;        // when corrected (required when closed)
  std::vector<int> evidence;       // indices into Dossier::evidence
  std::vector<std::string> sites;  // site ids where corrected; empty: all sites
  std::string note;
  SourceLocation where;  // the criterion id key
};

// The dossier's optional `plan` key, for `sceau plan` (engine/audit_plan.h).
struct PlanReduction {
  std::string reason;
  double percent = 0;
};
struct PlanSettings {
  std::string central;  // site id of the head office / central function, or empty
  std::vector<PlanReduction> reductions;
};

struct Dossier {
  int format = 1;
  PlanSettings plan;
  std::string referential_id;
  std::string referential_version;
  Organisation organisation;
  AuditInfo audit;
  std::vector<Evidence> evidence;
  std::vector<Assessment> assessments;  // file order
  // Index into `assessments` for each criterion of the referential, -1 when not assessed.
  std::vector<int> assessment_of;
  // The previous audit's result (`previous`), when given.
  std::optional<PreviousResult> previous;
  // The certificate before this audit: from the previous result, or from the `certificate` block
  // for a history that predates sceau. Empty for a first audit.
  std::optional<CycleState> prior;
  std::vector<FollowUpEntry> follow_up;  // file order
  std::string path;                      // where it was loaded from
  std::string sha256;                    // of the file's bytes
  SourceLocation assessments_where;
  SourceLocation referential_where;
  std::shared_ptr<const SourceFile> source;  // for diagnostics found later (evaluation)
};

// True when `criterion` applies to `org` (kind, headcount, number of sites). When it does not,
// `*reason` says why in words ("applies only to AI, ETTI").
bool Applies(const Criterion& criterion, const Organisation& org, std::string* reason);

// The condition of `criterion` that excludes `org`: "kinds", "headcount" or "sites", checked in
// that order; empty when the criterion applies.
std::string_view ExcludedBy(const Criterion& criterion, const Organisation& org);

}  // namespace sceau

#endif  // SCEAU_ENGINE_DOSSIER_H_
