// The previous audit of a certification cycle, as the dossier's `previous.result` names it: a
// sceau-result JSON written by an earlier run. Only what follow-up and the cycle need is kept: the
// audit, the decision, the certificate's state after it (its `lifecycle` block), the scores and
// the minor and major nonconformities with their due dates.
//
// A group dossier's `previous.result` is the group's previous sceau-group-result instead: only its
// audit, decision, lifecycle and group name are read (no scores, no nonconformities: follow-up
// stays with each member's own dossier).
#ifndef SCEAU_ENGINE_PREVIOUS_RESULT_H_
#define SCEAU_ENGINE_PREVIOUS_RESULT_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/date.h"
#include "engine/referential.h"
#include "engine/result_reader.h"  // ResultFormat

namespace sceau {

// Where the certificate stood before this audit: read from the previous result's `lifecycle`
// block, or from the dossier's `certificate` block for a history that predates sceau.
struct CycleState {
  // granted, maintained, suspended, withdrawn, renewed, expired or refused.
  std::string state = "granted";
  Date state_date;                  // from when `state` holds (a suspension: since when)
  std::optional<Date> cycle_start;  // the decision that started the current cycle
  std::optional<Date> effective;
  std::optional<Date> expiry;
  int surveillances_done = 0;  // surveillances held in the current cycle
  Date last_audit_end;         // the last day of the previous audit
  // The certificate's number, issued once at its first grant and kept for its life (empty:
  // pending, not yet issued by the register), and its revision (0 when issued, +1 at each
  // reissue).
  std::string number;
  int revision = 0;
};

// A minor or major nonconformity of the previous audit.
struct PreviousGap {
  std::string criterion;  // id
  std::string grade;      // grade code
  GradeKind kind = GradeKind::kMinorNc;
  std::optional<Date> due;  // its action's due date, when it had one
};

struct PreviousResult {
  std::string path;    // as the dossier gives it, relative to the dossier's folder
  std::string sha256;  // of the file's bytes
  std::string referential_id;
  std::string referential_version;
  bool group = false;  // read from a sceau-group-result
  // The organisation's name (the group's, for a group result).
  std::string organisation_name;
  std::string siret;  // may be empty
  std::string audit_id;
  std::string audit_kind;  // "initial", "surveillance", "renewal", "self-assessment"
  Date audit_end;
  Date decision_date;
  std::string decision;  // "granted", "conditional", "refused", "none"
  CycleState cycle;      // the certificate after the previous audit
  double score = 0;      // 0 for a group result
  // Top-level chapters: id -> score (nullopt when not scored), in the previous result's order.
  std::vector<std::pair<std::string, std::optional<double>>> chapters;
  std::vector<PreviousGap> gaps;  // in the previous result's order of criteria
};

// Parses the bytes of a sceau-result JSON (or of a sceau-group-result with `format` kGroup)
// through ReadSceauJson (result_reader.h). Returns false with `*error` set to ReadSceauJson's
// message (the same any other command gives for the file), with a hint when a group result is
// given for a member or the reverse. `policy` gives the certificate rules for a result written
// before results had a `lifecycle` block.
// REQUIRES: `format` is kMember or kGroup.
bool ParsePreviousResult(const std::string& text, const Policy& policy, PreviousResult* out,
                         std::string* error, ResultFormat format = ResultFormat::kMember);

}  // namespace sceau

#endif  // SCEAU_ENGINE_PREVIOUS_RESULT_H_
