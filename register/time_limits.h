// The changes that time alone brings to the certificates of a register, applied as of a date:
// a suspension past the referential's `follow_up.suspension_months` is withdrawn, a certificate
// past its expiry is expired (engine/lifecycle.h, ChangeDueBy). Each change is one row of the
// history, dated the day it took effect, with the reason "time limit: ...".
//
//   std::vector<TimeLimitChange> done;
//   if (!ApplyTimeLimits(*reg, policy_of, as_of, "Sophie Bernard", "", &done, &error)) ...
#ifndef SCEAU_REGISTER_TIME_LIMITS_H_
#define SCEAU_REGISTER_TIME_LIMITS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/date.h"
#include "engine/lifecycle.h"
#include "engine/referential.h"
#include "register/register.h"

namespace sceau {

struct TimeLimitChange {
  std::string number;
  std::string organisation;
  std::string from_state, to_state;  // "suspended" -> "withdrawn", "active" -> "expired"...
  Date date;                         // the first day of the new state
  std::string reason;                // as written in the history
};

// Applies every change due by `as_of` (included), oldest certificate number first. `at` is when
// (empty: now). Returns false on the first change the register refuses, with `*error`; the
// changes applied before it stay, each in its own transaction.
bool ApplyTimeLimits(CertificateRegister& reg, const PolicyLookup& policy_of, const Date& as_of,
                     const std::string& who, const std::string& at,
                     std::vector<TimeLimitChange>* done, std::string* error);

// The state of `c` as of `as_of` once time limits are applied ("active", "suspended",
// "withdrawn", "expired"), given its history (oldest first): what `register list` and `show`
// display as of a date.
std::string StateAsOf(const CertificateRecord& c, const std::vector<HistoryEntry>& history,
                      const Policy& policy, const Date& as_of);

// The change time alone has brought to `c` by `as_of` (its new state and first day), or none:
// what StateAsOf applies.
std::optional<TimeChange> TimeChangeAsOf(const CertificateRecord& c,
                                         const std::vector<HistoryEntry>& history,
                                         const Policy& policy, const Date& as_of);

}  // namespace sceau

#endif  // SCEAU_REGISTER_TIME_LIMITS_H_
