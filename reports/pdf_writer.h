// The PDF certification report, rendered with libharu from a report::Model (the JSON result).
//
// Sections, each bookmarked: cover, summary (with the certificate's lifecycle when the result has
// one), scores by chapter (bar chart; radar for maturity referentials), the follow-up since the
// previous audit (earlier gaps, scores then and now; only after a previous audit), findings, the
// action plan, the multi-site sampling (multi-site organisations only), scope and method, the
// certificate (when the label is granted), and the annex (evidence register, fingerprints).
// Results written before the lifecycle keys existed render as they did. The drawing is shared with
// the group report and the network dashboard (reports/pdf_canvas.h). DejaVu Sans is embedded from
// the binary (a subset cut at build time); text is wrapped on code points; characters the font
// lacks are replaced by '?' and reported. The same model and options give the same bytes.
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

// The group report, rendered from a "sceau-group-result" JSON document (the group, its shared
// management system, the group decision and the member that caused a refusal, one row per member,
// the team, and the group certificate listing every member when granted). Returns false with
// `*error` set if the JSON is not such a document or libharu fails; `out` is then empty.
bool RenderGroupPdf(const std::string& group_json, const PdfOptions& options, PdfOutput* out,
                    std::string* error);

// The network dashboard, rendered from a "sceau-summary" JSON document (decisions by kind and by
// region, score distribution, criteria most often in gap, certificates expiring soon, unreadable
// results). Returns false with `*error` set if the JSON is not such a document or libharu fails.
bool RenderSummaryPdf(const std::string& summary_json, const PdfOptions& options, PdfOutput* out,
                      std::string* error);

// Renders whichever document `json` is, by its "format": a member's result ("sceau-result", through
// ReadModel and RenderPdf), a group result or a network summary. Returns false with `*error` set
// as those do; an unknown format gets ReadModel's message.
bool RenderPdfFromJson(const std::string& json, const PdfOptions& options, PdfOutput* out,
                       std::string* error);
// The same, taking the text over: a member's result is released as soon as its model is read, so
// that the text and the document being drawn are never in memory together (`sceau report`).
bool RenderPdfFromJson(std::string&& json, const PdfOptions& options, PdfOutput* out,
                       std::string* error);

// A stable report reference derived from the inputs' fingerprints: "SCEAU-" + 12 hex digits.
std::string ReportId(const report::Model& model);

// Fixed texts of the report in `lang` (falls back to French); "{key}" markers for unknown keys.
std::string ReportString(const std::string& key, const std::string& lang);
// A date written out in `lang`: "1er juin 2026", "9 June 2026"; `iso` itself when not a date.
std::string WrittenDate(const std::string& iso, const std::string& lang);
// Every key of the catalogue, for tests.
std::vector<std::string> ReportStringKeys();

}  // namespace sceau

#endif  // SCEAU_REPORTS_PDF_WRITER_H_
