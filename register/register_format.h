// The register's listings, as `sceau register list` and `sceau register show` print them: a text
// table for people, CSV for spreadsheets, JSON for programs. Each is documented in README.md
// ("Certificate register"). `today` decides the state shown (an active certificate past its
// expiry is expired) and the days to expiry.
#ifndef SCEAU_REGISTER_REGISTER_FORMAT_H_
#define SCEAU_REGISTER_REGISTER_FORMAT_H_

#include <string>
#include <vector>

#include "engine/date.h"
#include "register/register.h"

namespace sceau {

// One line per certificate under a header, then a count ("2 certificates").
std::string ListToTable(const std::vector<CertificateRecord>& list, const Date& today);
// UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting, formula-like cells neutralised
// (as the CSV of actions); one header row.
std::string ListToCsv(const std::vector<CertificateRecord>& list, const Date& today);
// {"format": "sceau-register-list", "format_version": 1, "today", "certificates": [...]}.
std::string ListToJson(const std::vector<CertificateRecord>& list, const Date& today);

// A certificate's details, then its history, oldest first.
std::string ShowToText(const CertificateRecord& c, const std::vector<HistoryEntry>& history,
                       const Date& today);
// {"format": "sceau-register-certificate", "format_version": 1, "today", "certificate": {...},
//  "history": [...]}.
std::string ShowToJson(const CertificateRecord& c, const std::vector<HistoryEntry>& history,
                       const Date& today);

// A state or an action of the register ("suspended", "grant") in the diagnostics' language;
// another code as it is.
std::string RegisterWord(std::string_view code);

}  // namespace sceau

#endif  // SCEAU_REGISTER_REGISTER_FORMAT_H_
