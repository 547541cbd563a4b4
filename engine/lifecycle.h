// The certification cycle: which audit is due when, and the certificate's state after an audit.
// The rules are written out in audits/README.md ("The cycle"):
//
// - a cycle lasts `validity_months` from the decision that starts it (an initial audit, or a
//   renewal); the certificate expires the day before the same date `validity_months` later;
// - the first surveillance is due within `surveillance_months` of that decision, the next ones by
//   31 December of the year after the previous audit, never after expiry; a cycle of 36 months has
//   two surveillances, then the renewal is due before expiry;
// - a suspension lasts at most `follow_up.suspension_months`: the audit that lifts it is due by
//   then.
#ifndef SCEAU_ENGINE_LIFECYCLE_H_
#define SCEAU_ENGINE_LIFECYCLE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/audit_result.h"
#include "engine/dossier.h"
#include "engine/previous_result.h"
#include "engine/referential.h"

namespace sceau {

// Surveillances in one cycle: the whole years of validity minus one (36 months: 2).
int SurveillancesPerCycle(const Policy& policy);

// The audit that follows `state`: its kind ("initial", "surveillance", "renewal") and due date
// (none for an initial audit).
struct NextAudit {
  std::string kind;
  std::optional<Date> due;
};
NextAudit NextAuditAfter(const Policy& policy, const CycleState& state);

// True for the states in which a certificate exists (granted, maintained, renewed, suspended).
bool IsActiveState(const std::string& state);

// One problem of the audit's kind against the certificate's cycle (`wrong-audit-kind`).
struct CycleProblem {
  bool error = true;
  std::string code;
  std::string message;
};
std::vector<CycleProblem> CheckCycle(const Policy& policy, const AuditInfo& audit,
                                     const std::optional<CycleState>& prior);

// True when some outcome of `policy` grants a certificate (granted or conditional); false for a
// self-assessment referential, whose outcomes all decide `none`.
bool Certifies(const Policy& policy);

// The problem of an audit of `kind` against a referential that cannot hold it: a certification
// audit (initial, surveillance, renewal) against a self-assessment referential
// (`unsupported-audit-kind`, an error). None otherwise.
std::optional<CycleProblem> CheckAuditKind(const Referential& ref, AuditKind kind);

// The certificate after this audit. `major_not_corrected` names a previous major NC not corrected
// within `reaudit_months` of the previous audit's end (empty: none); `extra` are reasons found by
// the follow-up (late corrections), kept first.
Lifecycle ComputeLifecycle(const Policy& policy, const AuditInfo& audit,
                           const std::optional<CycleState>& prior, Decision decision,
                           const std::string& major_not_corrected,
                           std::vector<LifecycleReason> extra);

// The last day a suspension can be lifted: its first day + `follow_up.suspension_months`.
// REQUIRES: s.state == "suspended".
Date SuspensionLimit(const Policy& policy, const CycleState& s);

// The last day a renewal can restore an expired certificate: its expiry +
// `follow_up.restoration_months` (ISO/IEC 17021-1 §9.6.3.2.5).
Date RestorationLimit(const Policy& policy, const CycleState& s);

// The reason `suspension-expired` for a suspension that outlived its limit.
LifecycleReason SuspensionExpired(const Policy& policy, const CycleState& s);

// A change of state that time alone brings, with no audit: a suspension past its limit is
// withdrawn the next day, a certificate past its expiry is expired the next day.
struct TimeChange {
  std::string state;       // "withdrawn" or "expired"
  Date date;               // the first day of the new state
  LifecycleReason reason;  // "suspension-expired" or "certificate-expired"
};
// The change due by `as_of` (included) to a certificate in state `s`, or none (a certificate not
// active, or still within its limits). Whichever limit comes first wins.
std::optional<TimeChange> ChangeDueBy(const Policy& policy, const CycleState& s, Date as_of);

// The policy of a referential (id, version), or nullopt when it cannot be found: the defaults of
// DOMAIN.md apply then (Policy{}: a suspension of 6 months at most). `register list`, `show` and
// `update` and `summary` look the time limits up through one (cli/audit_commands.h,
// ReferentialPolicies).
using PolicyLookup =
    std::function<std::optional<Policy>(const std::string& id, const std::string& version)>;

}  // namespace sceau

#endif  // SCEAU_ENGINE_LIFECYCLE_H_
