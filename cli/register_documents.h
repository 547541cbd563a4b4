// What `sceau register certificate` and `sceau register letter` draw, taken from the register:
// the certificate as it stands on a date (time limits applied), and the last change of state
// that calls for a letter to its holder.
#ifndef SCEAU_CLI_REGISTER_DOCUMENTS_H_
#define SCEAU_CLI_REGISTER_DOCUMENTS_H_

#include <string>
#include <vector>

#include "engine/date.h"
#include "engine/referential.h"
#include "register/register.h"
#include "reports/register_pdf.h"

namespace sceau::cli {

// The document for `c` on `today`: its state once the referential's time limits apply, and the
// first day of that state when it is not active. `ref` (may be null) gives the referential's title
// in `lang` and its publisher.
RegisterDocument CertificateDocument(const CertificateRecord& c,
                                     const std::vector<HistoryEntry>& history, const Policy& policy,
                                     const Referential* ref, const Date& today,
                                     const std::string& lang);

// Fills the letter's part of `doc` from the last change of state in `history`: a suspension, a
// withdrawal or a reinstatement (suspended -> active, by a manual change or an audit). False, with
// `*error`, when the history has no change of state, or when its last one is of another kind.
bool LetterChange(const std::vector<HistoryEntry>& history, const Policy& policy,
                  RegisterDocument* doc, std::string* error);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_REGISTER_DOCUMENTS_H_
