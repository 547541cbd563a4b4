// The CSV of gaps and actions: one row per action of the plan, for spreadsheets.
// UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting; cells that a spreadsheet would
// take for a formula (starting with = + - @, tab or carriage return) are prefixed with a quote.
#ifndef SCEAU_REPORTS_CSV_WRITER_H_
#define SCEAU_REPORTS_CSV_WRITER_H_

#include <string>
#include <string_view>

#include "engine/audit_result.h"
#include "engine/dossier.h"
#include "engine/referential.h"

namespace sceau {

struct CsvOptions {
  char separator = ',';     // ';' for French spreadsheets
  std::string lang = "fr";  // language of titles and grade labels
};

std::string ActionsToCsv(const Referential& ref, const Dossier& dossier, const AuditResult& result,
                         const CsvOptions& options = {});

// One CSV cell: control, bidi and zero-width characters escaped (CellSafe, engine/safe_text.h),
// neutralised against formula injection, quoted when needed.
std::string CsvCell(std::string_view text, char separator);

}  // namespace sceau

#endif  // SCEAU_REPORTS_CSV_WRITER_H_
