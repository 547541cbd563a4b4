#include "cli/register_documents.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "engine/lifecycle.h"
#include "engine/previous_result.h"
#include "engine/wording.h"
#include "register/time_limits.h"

namespace sceau::cli {

RegisterDocument CertificateDocument(const CertificateRecord& c,
                                     const std::vector<HistoryEntry>& history, const Policy& policy,
                                     const Referential* ref, const Date& today,
                                     const std::string& lang) {
  RegisterDocument d;
  d.lang = lang;
  d.number = c.number;
  d.revision = c.revision;
  d.organisation = c.organisation;
  d.siret = c.siret;
  for (const RegisterSite& s : c.sites) d.sites.push_back({s.name, s.address});
  d.referential_id = c.referential_id;
  d.referential_version = c.referential_version;
  if (ref != nullptr) {
    d.referential_title = ref->title.Get(lang);
    d.issuer = ref->publisher;
  }
  // A maturity label is certified at a level: the certificate names the label with it.
  if (!c.level_label.empty()) d.referential_title = c.level_label.Get(lang);
  d.effective = c.effective.ToString();
  d.expiry = c.expiry.ToString();
  if (c.next_due) d.next_due = c.next_due->ToString();
  d.next_kind = c.next_kind;
  // The scope in the document's language, else in French, else in whichever language it has.
  for (const std::string& l : {lang, std::string("fr")}) {
    if (auto it = c.scope.by_lang.find(l); d.scope.empty() && it != c.scope.by_lang.end()) {
      d.scope = it->second;
    }
  }
  if (d.scope.empty() && !c.scope.by_lang.empty()) d.scope = c.scope.by_lang.begin()->second;
  d.last_audit_id = c.last_audit_id;
  d.today = today.ToString();
  d.suspension_months = policy.follow_up.suspension_months;
  if (std::optional<TimeChange> change = TimeChangeAsOf(c, history, policy, today)) {
    d.state = change->state;
    d.state_since = change->date.ToString();
    return d;
  }
  d.state = std::string(CertificateStateName(c.state));
  if (c.state == CertificateState::kActive) return d;
  // The first day of the stored state: the last row that entered it.
  for (const HistoryEntry& h : history) {
    if (h.to_state == d.state && h.from_state != d.state) d.state_since = h.date;
  }
  return d;
}

bool LetterChange(const std::vector<HistoryEntry>& history, const Policy& policy,
                  RegisterDocument* doc, std::string* error) {
  const HistoryEntry* last = nullptr;
  for (const HistoryEntry& h : history) {
    if (!h.from_state.empty() && !h.to_state.empty() && h.from_state != h.to_state) last = &h;
  }
  if (last == nullptr) {
    *error = Fmt("{}: no suspension, withdrawal or reinstatement in its history: no letter",
                 doc->number);
    return false;
  }
  if (last->to_state == "suspended") {
    doc->change = "suspend";
  } else if (last->to_state == "withdrawn") {
    doc->change = "withdraw";
  } else if (last->from_state == "suspended" && last->to_state == "active") {
    doc->change = "reinstate";
  } else {
    *error = Fmt(
        "{}: its last change of state is '{}' ({} -> {}) on {}, not a suspension, withdrawal or "
        "reinstatement: no letter",
        doc->number, last->action, last->from_state, last->to_state, last->date);
    return false;
  }
  // A renewal since then reissued the certificate with other dates: a letter about the earlier
  // change would print today's dates under it.
  for (const HistoryEntry* h = last + 1; h != history.data() + history.size(); ++h) {
    if (h->action == "renew") {
      std::string what = doc->change == "suspend"    ? Tr("suspension")
                         : doc->change == "withdraw" ? Tr("withdrawal")
                                                     : Tr("reinstatement");
      *error =
          Fmt("{}: renewed on {}, after the {} of {}: that letter would be out of date "
              "(`register show` gives the whole history)",
              doc->number, h->date, what, last->date);
      return false;
    }
  }
  doc->change_date = last->date;
  doc->change_reason = last->reason;
  doc->change_who = last->who;
  if (doc->change == "suspend") {
    if (std::optional<Date> d = Date::Parse(last->date)) {
      CycleState s;
      s.state = "suspended";
      s.state_date = *d;
      doc->suspended_since = d->ToString();
      doc->suspension_limit = SuspensionLimit(policy, s).ToString();
    }
  }
  return true;
}

}  // namespace sceau::cli
