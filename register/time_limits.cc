#include "register/time_limits.h"

#include <fmt/format.h>

#include "engine/lifecycle.h"

namespace sceau {

namespace {

// The certificate as the cycle rules see it: its state, since when (a suspension: the date of
// the history row that suspended it last), and its expiry.
CycleState CycleOf(const CertificateRecord& c, const std::vector<HistoryEntry>& history) {
  CycleState s;
  s.state = c.state == CertificateState::kActive      ? "maintained"
            : c.state == CertificateState::kSuspended ? "suspended"
            : c.state == CertificateState::kWithdrawn ? "withdrawn"
                                                      : "expired";
  s.effective = c.effective;
  s.expiry = c.expiry;
  s.state_date = c.effective;
  if (c.state == CertificateState::kSuspended) {
    for (const HistoryEntry& h : history) {
      if (h.to_state != "suspended" || h.from_state == "suspended") continue;
      if (auto d = Date::Parse(h.date)) s.state_date = *d;
    }
  }
  return s;
}

}  // namespace

std::string StateAsOf(const CertificateRecord& c, const std::vector<HistoryEntry>& history,
                      const Policy& policy, const Date& as_of) {
  std::optional<TimeChange> change = ChangeDueBy(policy, CycleOf(c, history), as_of);
  if (change) return change->state;
  return std::string(CertificateStateName(c.state));
}

std::optional<TimeChange> TimeChangeAsOf(const CertificateRecord& c,
                                         const std::vector<HistoryEntry>& history,
                                         const Policy& policy, const Date& as_of) {
  return ChangeDueBy(policy, CycleOf(c, history), as_of);
}

bool ApplyTimeLimits(CertificateRegister& reg, const PolicyLookup& policy_of, const Date& as_of,
                     const std::string& who, const std::string& at,
                     std::vector<TimeLimitChange>* done, std::string* error) {
  done->clear();
  RegisterFilter all;
  all.today = as_of;
  std::vector<CertificateRecord> list;
  if (!reg.List(all, &list, error)) return false;
  for (const CertificateRecord& listed : list) {
    if (listed.state != CertificateState::kActive && listed.state != CertificateState::kSuspended) {
      continue;
    }
    CertificateRecord c;
    std::vector<HistoryEntry> history;
    if (!reg.Show(listed.number, &c, &history, error)) return false;
    std::optional<Policy> found =
        policy_of ? policy_of(c.referential_id, c.referential_version) : std::nullopt;
    const Policy policy = found ? *found : Policy{};
    std::optional<TimeChange> change = ChangeDueBy(policy, CycleOf(c, history), as_of);
    if (!change) continue;
    std::string reason = "time limit: " + change->reason.message.Get("en");
    auto kind = change->state == "withdrawn" ? CertificateRegister::Change::kWithdraw
                                             : CertificateRegister::Change::kExpire;
    RecordOutcome out;
    if (!reg.Apply(c.number, kind, reason, who, change->date, at, &out, error)) return false;
    done->push_back({c.number, c.organisation, out.from_state, out.to_state, change->date, reason});
  }
  return true;
}

}  // namespace sceau
