// One dossier's audit, from the file to the written reports, as a function that prints nothing:
// `sceau audit` prints what it returns, `sceau batch` calls it from its worker threads.
//
//   ReferentialLibrary library(FindReferentialsDir(""));   // shared, thread-safe
//   AuditRequest request{.dossier = "audits/granted.yaml", .out_dir = "out", .stem = "granted"};
//   DossierAudit a = AuditDossier(request, library, PipelineOptions{});
//   if (a.exit_code != 0) { print a.referential_diagnostics, a.diagnostics, a.error }
//
// Loads the dossier (its referential through `library`), evaluates it, renders every report asked
// for (the PDF from the JSON result, as `sceau report` does), then writes them all or nothing
// with WriteFilesAtomically: an invalid dossier, a render failure or a full disk leaves no report
// and the earlier set as it was.
#ifndef SCEAU_CLI_AUDIT_PIPELINE_H_
#define SCEAU_CLI_AUDIT_PIPELINE_H_

#include <string>
#include <utility>
#include <vector>

#include "engine/coverage.h"
#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential_library.h"
#include "engine/source.h"
#include "register/register.h"

namespace sceau::cli {

struct PipelineOptions {
  std::vector<std::string> formats = {"json", "csv", "pdf"};  // each one of json, csv, pdf
  char csv_separator = ',';                                   // ',' or ';'
  std::string lang = "fr";                                    // language of the CSV and the PDF
  std::vector<std::string> coverage;  // frameworks to report coverage of (--coverage)
  // A certificate register (`sceau audit --register`): the decision is recorded there before the
  // reports are rendered, and the number the register issues (a grant) or holds is written into
  // the result's `lifecycle.number`. Empty: no register; the number stays as the previous result
  // gave it, or pending.
  std::string register_path;
  std::string register_by;  // who records it
  // The public directory's base URL (the issuer configuration's directory.base_url): when the
  // result's certificate has a number, its page's addresses go into the result's
  // `lifecycle.page_url`, and the PDF draws them as a QR code. Empty: none.
  std::string directory_url;
};

struct AuditRequest {
  std::string dossier;  // the dossier file
  std::string out_dir;  // folder of the reports; created when missing
  std::string stem;     // reports are <out_dir>/<stem>.<format>
  // When set (a campaign's folder), the dossier is `contained_name` opened inside it, symbolic
  // links resolved and checked on the opened descriptor (engine/contained_file.h), and read from
  // that descriptor: a batch audits the very file it listed.
  std::string contained_in;
  std::string contained_name;
};

struct DossierAudit {
  int exit_code = 1;  // kExitOk, kExitInvalid, or kExitUsage (an unknown --coverage framework)
  // The diagnostics of the referential file when it fails to load (shared by every dossier that
  // names it), then the dossier's own: loading, then evaluation. Sorted within each.
  std::vector<Diagnostic> referential_diagnostics;
  std::vector<Diagnostic> diagnostics;
  int errors = 0;    // in `diagnostics`
  int warnings = 0;  // in `diagnostics`
  // Set on a failure that is not about the dossier's content ("cannot render the PDF: ...",
  // "out/a.json: write failed: No space left on device"), without a "sceau ..." prefix.
  std::string error;
  std::vector<std::string> written;  // the reports written, in the order of the formats
  // Kept for the caller (the one-screen summary): null unless the dossier loaded and evaluated.
  DossierLoad load;
  Evaluation evaluation;
  std::vector<Coverage> coverage;  // one per --coverage framework, once evaluated
  std::string json;                // the JSON result, when it was rendered
  std::string register_message;    // what the register did, when --register was given
};

// Audits one dossier as described above. REQUIRES: every format is json, csv or pdf.
DossierAudit AuditDossier(const AuditRequest& request, ReferentialLibrary& library,
                          const PipelineOptions& options);

// Renders the PDF report from a JSON document as `sceau report` does: a result, a group result or
// a network summary, by its "format" (RenderPdfFromJson). Returns false with `*error` set when the
// JSON is none of those or the rendering fails.
bool PdfFromJson(const std::string& json, const std::string& lang, std::string* bytes,
                 std::string* error);
// The same, taking the text over and releasing it before the drawing (RenderPdfFromJson's
// overload).
bool PdfFromJson(std::string&& json, const std::string& lang, std::string* bytes,
                 std::string* error);

// Records the decision of a result (its JSON, as it will be written at `json_path`) in the
// register at `db`, as `sceau audit --register` does for a dossier or a group: `*outcome` is what
// the register did, `*message` the line to print ("certificate N (revision R): ACTION in DB", or
// "refusal recorded in DB: no certificate"). False with `*error` when the result cannot be
// recorded or the register refuses it.
bool RecordDecision(const std::string& result_json, const std::string& json_path,
                    const std::string& who, const std::string& db, RecordOutcome* outcome,
                    std::string* message, std::string* error);

// Counts the errors and warnings among `diags`.
void CountDiagnostics(const std::vector<Diagnostic>& diags, int* errors, int* warnings);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_AUDIT_PIPELINE_H_
