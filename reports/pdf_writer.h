// The PDF certification report, rendered with libharu from a report::Model (the JSON result).
//
// Sections, each bookmarked: cover, summary, scores by chapter (bar chart; radar for maturity
// referentials), findings, the action plan, scope and method, the certificate (when the label is
// granted), and the annex (evidence register, fingerprints). DejaVu Sans is embedded from the
// binary (a subset cut at build time); text is wrapped on code points; characters the font lacks
// are replaced by '?' and reported. The same model and options give the same bytes.
#ifndef SCEAU_REPORTS_PDF_WRITER_H_
#define SCEAU_REPORTS_PDF_WRITER_H_

#include <string>
#include <utility>
#include <vector>

#include "reports/report_model.h"

namespace sceau {

struct PdfOptions {
  std::string lang = "fr";  // "fr" or "en": fixed texts, dates, and referential texts
  // Files embedded as PDF attachments, in this order: (name, bytes), stored uncompressed under
  // exactly that name. `sceau sign --pdf` embeds the signed result and its signature.
  std::vector<std::pair<std::string, std::string>> attachments;
};

struct PdfOutput {
  std::string bytes;
  int pages = 0;
  // One line per character the font cannot draw ("U+1F600 in 'finding of C-4.1'").
  std::vector<std::string> warnings;
};

// Renders `model`. Returns false with `*error` set if libharu fails; `out` is then empty.
bool RenderPdf(const report::Model& model, const PdfOptions& options, PdfOutput* out,
               std::string* error);

// A stable report reference derived from the inputs' fingerprints: "SCEAU-" + 12 hex digits.
std::string ReportId(const report::Model& model);

// Fixed texts of the report in `lang` (falls back to French); "{key}" markers for unknown keys.
std::string ReportString(const std::string& key, const std::string& lang);
// Every key of the catalogue, for tests.
std::vector<std::string> ReportStringKeys();

}  // namespace sceau

#endif  // SCEAU_REPORTS_PDF_WRITER_H_
