// What a report shows, read back from the JSON result ("sceau-result" version 1).
//
// The PDF is rendered from this model and nothing else, so `sceau report RESULT.json` gives the
// same document as `sceau audit`, and a signed JSON result describes exactly what the PDF shows.
#ifndef SCEAU_REPORTS_REPORT_MODEL_H_
#define SCEAU_REPORTS_REPORT_MODEL_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/referential.h"  // Text

namespace sceau::report {

struct Grade {
  std::string code;
  std::string kind;  // "strength" ... "not-applicable"; empty for maturity levels
  Text label;
  std::optional<double> points;
};

struct Scale {
  std::string id;
  bool maturity = false;
  std::vector<Grade> grades;  // grades, or maturity levels lowest first
  std::string pass_from;
};

struct Threshold {
  std::string outcome;
  std::string chapter;  // empty: the global score (or every chapter with each_chapter)
  bool each_chapter = false;
  double percent = 0;
  Text label;  // the outcome's; empty in results written before it was carried
};

struct Condition {
  std::string op;  // "leaf", "all", "any", "not"
  std::string metric, grade, kind, level, level_below, chapter;
  std::optional<bool> blocking;
  bool each_chapter = false;
  std::optional<double> min, max;
  double observed = 0;
  bool held = false;
  std::string text;
  std::vector<Condition> children;
};

struct OutcomeTrace {
  std::string outcome;
  Text label;  // the outcome's; empty in results written before it was carried
  bool matched = false;
  std::vector<Condition> conditions;
};

struct Finding {
  std::string grade;  // or level
  std::string text;
  std::vector<std::string> evidence;
  std::string site;
};

// A review note of the engine: its code, the criterion it is about, its French message and the
// terms a report words it with (empty in results written before they were carried).
struct Note {
  std::string code, criterion, message;
  std::map<std::string, std::string> terms;
};

// A check's result, with the terms the report words it with. Results written before the terms
// were carried have `detail` only (`terms` false).
struct Check {
  std::string type, status, detail;
  bool terms = false;
  std::optional<double> observed;
  // indicator
  std::string indicator, unit;
  std::optional<double> min, max;
  // evidence
  std::vector<std::string> evidence_kinds;
  std::optional<int> max_age_months;
  int count = 0, expected_count = 0, stale_count = 0;
  // sample
  std::string sample;
  std::optional<int> passed, size;
  int min_size = 0;
  double pass_rate = 0;
};

struct Bounds {
  std::optional<double> min, max;
};

// Why a criterion does not apply to the organisation, as terms. Absent (`present` false) in
// results written before they were carried: the report then leaves the reason out.
struct Applies {
  bool present = false;
  std::vector<std::string> kinds;
  std::optional<Bounds> headcount, sites;
  std::string excluded_by;  // "kinds", "headcount", "sites"
  std::string value;        // the organisation's kind, headcount or number of sites
};

struct Criterion {
  std::string id, chapter, scale;
  Text title, requirement;
  bool applicable = true, assessed = false, na = false;
  std::string not_applicable_reason, na_justification;
  Applies applies;
  std::string grade, auditor_grade, level, kind;
  bool escalated = false, blocking = false, failing = false, gap = false, impacted = false;
  bool contradiction = false;
  std::optional<double> points;
  double weight = 1;
  std::vector<std::string> failing_prerequisites, root_causes;
  std::vector<Finding> findings;
  std::vector<Check> checks;
  std::string override_justification;
};

struct Chapter {
  std::string id, parent;
  Text title;
  std::optional<double> score;
  int scored_criteria = 0;
  std::vector<std::pair<std::string, int>> counts;
  int systemic = 0;
};

struct Action {
  std::string criterion, grade, kind, due, finding;
  // What the organisation commits to ("commitment"; all empty when it gives none): the action,
  // its owner, its status code (planned, in-progress, done) and the date it commits to.
  std::string commitment, owner, status, commitment_due;
  bool all_sites = false;  // "sites": "all": to correct on every site
  std::optional<int> deadline_months;
  std::vector<std::string> after;
};

struct RootGroup {
  std::string root;  // empty: gaps with no failing cause upstream
  std::vector<std::string> gaps;
};

struct Escalation {
  std::string from, to, chapter;
  int count = 0;
  std::vector<std::string> criteria;
};

struct Evidence {
  std::string id, kind, title, date, file, sha256;
};

struct CoverageItem {
  std::string id;
  Text title;
  std::vector<std::string> criteria;
  int assessed = 0, met = 0;
  std::optional<double> score;
};

struct Coverage {
  std::string framework;
  Text title;
  std::vector<CoverageItem> items;
  int covered = 0;
};

struct Site {
  std::string id, name, address;
};

// The certificate's lifecycle after an audit (the result's "lifecycle" key). `present` is false
// for a result written before the key existed (key absent or null).
struct Lifecycle {
  struct Reason {
    std::string code;
    Text message;
  };
  bool present = false;
  bool has_previous = false;
  std::string previous_path, previous_sha256, previous_audit_id, previous_audit_kind,
      previous_decision, previous_decision_date, previous_state;
  std::string cycle_start;  // dates are "YYYY-MM-DD", empty when null
  std::string state, state_date, effective, expiry, due;
  int surveillances_done = 0;
  std::optional<bool> on_time;
  std::string next_kind, next_due;
  std::vector<Reason> reasons;
  std::string number;  // the certificate's number; empty: pending
  int revision = 0;
  // The certificate's page in the public directory, by language ("fr", "en"): the QR code of the
  // certificate page. Empty: none (no directory configured at the audit, or no number yet).
  Text page_url;
};

// What became of one earlier minor or major NC (the result's "follow_up" list).
struct FollowUp {
  std::string criterion, previous_grade, previous_kind, due, status, date, note, effect, grade;
  std::vector<std::string> evidence, sites_open;
  bool verified = false, late = false;
};

struct ChapterChange {
  std::string id;
  Text title;
  std::optional<double> previous, current;
};

// Scores then and now (the result's "changes"); `present` false when null or absent.
struct Changes {
  bool present = false;
  std::optional<double> previous_score, score;
  std::vector<ChapterChange> chapters;
};

// Multi-site sampling (the result's "multisite"); `present` false for a single-site organisation.
struct Multisite {
  struct Presumed {
    std::string criterion, grade;
    std::vector<std::string> found_at;
    int sites = 0;
  };
  bool present = false;
  int sites = 0, required = 0, shortfall = 0;
  std::vector<std::string> visited;
  std::string rule;
  std::string central;  // the central function's site id, empty when none
  bool central_visited = true;
  std::vector<Presumed> presumed;
};

struct Model {
  int format_version = 0;
  std::string generator;
  // The referential.
  std::string referential_id, referential_version, referential_path, referential_sha256;
  Text referential_title;
  std::string publisher, effective;
  std::vector<Scale> scales;
  std::vector<std::pair<std::string, Text>> evidence_kinds;  // declared by the referential
  double points_scale = 100;
  std::vector<Threshold> thresholds;
  // The dossier.
  std::string dossier_path, dossier_sha256;
  std::string org_name, siret, org_kind, region;
  std::string group;  // the group it was audited with, as a member; empty on its own
  int permanent = 0, pathway = 0;
  std::vector<Site> sites;
  std::string audit_id, audit_kind, start, end, decision_date, lead_auditor, decision_maker;
  std::vector<std::string> sites_visited, auditors;
  Text scope, objectives;
  // The result.
  std::string outcome, decision, level;
  Text decision_label, decision_explanation;
  std::vector<OutcomeTrace> trace;
  double score = 0, points = 0;
  int scored_criteria = 0, applicable_criteria = 0, not_applicable = 0;
  std::vector<std::pair<std::string, int>> counts;  // grade or level code -> criteria
  std::vector<std::string> blocking_failed;
  std::vector<Chapter> chapters;
  std::vector<Criterion> criteria;
  std::vector<Escalation> escalations;
  std::vector<RootGroup> root_causes;
  std::vector<Action> actions;
  bool has_certificate = false;
  std::string certificate_effective, certificate_expiry, first_surveillance_due;
  std::string certificate_number;  // empty: pending (issued by the register at the grant)
  int certificate_revision = 0;
  std::vector<Note> notes;
  std::vector<Evidence> evidence;
  std::vector<Coverage> coverage;
  // The certification cycle (absent from older results: `present` false, lists empty).
  Lifecycle lifecycle;
  std::vector<FollowUp> follow_up;
  Changes changes;
  Multisite multisite;

  const Criterion* FindCriterion(const std::string& id) const;
  const Chapter* FindChapter(const std::string& id) const;
  const Scale* FindScale(const std::string& id) const;
  // The grade (or level) with this code on the criterion's scale, or nullptr.
  const Grade* GradeOf(const Criterion& c, const std::string& code) const;
  bool maturity() const;  // some criterion is rated on a maturity scale
};

// Reads a JSON result. Returns false with `*error` set when it is not a sceau result of a
// version this build reads.
bool ReadModel(const std::string& json, Model* model, std::string* error);

// ---- the group result ("sceau-group-result" version 1) ----

struct GroupMember {
  std::string file, result, organisation, siret, kind, decision;
  Text label;  // the member's decision in words
  std::optional<double> score;
  int major = 0, minor = 0;  // counts of major-nc and minor-nc
  bool causes_refusal = false;
  std::vector<Site> sites;  // when the group result lists them
};

struct GroupModel {
  int format_version = 0;
  std::string generator;
  std::string referential_id, referential_version, referential_sha256, publisher;
  Text referential_title;
  std::string dossier_path, dossier_sha256;
  std::string name, kind, siret, region, management_system;
  std::string audit_id, audit_kind, start, end, decision_date, lead_auditor, decision_maker;
  std::vector<std::string> auditors;
  Text scope, objectives;
  std::string decision;
  Text decision_label, decision_explanation;
  std::vector<std::string> caused_by;  // member file stems
  // The member whose file's stem is `stem` ("ei-berges-services"), or nullptr.
  const GroupMember* FindMember(const std::string& stem) const;
  std::vector<GroupMember> members;
  Lifecycle lifecycle;
};

// Reads a group result. Returns false with `*error` set when it is not one this build reads.
bool ReadGroupModel(const std::string& json, GroupModel* model, std::string* error);

// ---- the network summary ("sceau-summary" version 1) ----

struct DecisionRow {
  std::string key;                                  // a kind or a region
  std::vector<std::pair<std::string, int>> counts;  // decision -> members, in the file's order
  int total = 0;
};

struct SummaryModel {
  int format_version = 0;
  std::string generator, today;
  int members = 0;
  std::vector<std::pair<std::string, int>> by_decision;
  std::vector<DecisionRow> by_kind, by_region;
  struct Bucket {
    double from = 0, to = 0;
    int count = 0;
  };
  std::vector<Bucket> histogram;
  struct TopGap {
    std::string referential, criterion;
    Text title;
    int members = 0;
    std::vector<std::pair<std::string, int>> by_grade;
  };
  std::vector<TopGap> top_gaps;
  // The criteria most often in gap, by referential and scale (gaps_by_referential; a summary
  // written before it existed: top_gaps by referential, scale unknown), each group's gaps with an
  // empty `referential`.
  struct GapGroup {
    std::string referential, scale;  // scale empty when unknown
    Text title;                      // the referential's
    Text scale_title;                // the scale's; empty when the summary does not give it
    std::vector<TopGap> gaps;
  };
  std::vector<GapGroup> gap_groups;
  struct Expiring {
    std::string file, organisation, expiry;
    int days = 0;
    std::string number;  // the certificate's; empty while pending
  };
  std::vector<Expiring> expiring;
  // The members whose state on `today` is not the one their last audit recorded: time has
  // changed it since (members[].state_change), in the members' order.
  struct TimeChanged {
    std::string file, organisation, recorded_state, state, date;
    Text reason;
  };
  std::vector<TimeChanged> time_changed;
  struct Unreadable {
    std::string file, error;
  };
  std::vector<Unreadable> unreadable;
};

// Reads a network summary. Returns false with `*error` set when it is not one this build reads.
bool ReadSummaryModel(const std::string& json, SummaryModel* model, std::string* error);

}  // namespace sceau::report

#endif  // SCEAU_REPORTS_REPORT_MODEL_H_
