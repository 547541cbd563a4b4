#include "cli/audit_pipeline.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "cli/commands.h"
#include "engine/coverage.h"
#include "engine/wording.h"
#include "register/register.h"
#include "register/register_format.h"
#include "reports/atomic_file.h"
#include "reports/csv_writer.h"
#include "reports/json_writer.h"
#include "reports/pdf_writer.h"
#include "reports/report_model.h"

namespace sceau::cli {

namespace fs = std::filesystem;

void CountDiagnostics(const std::vector<Diagnostic>& diags, int* errors, int* warnings) {
  *errors += CountDiagnostics(diags, Severity::kError);
  *warnings += CountDiagnostics(diags, Severity::kWarning);
}

bool RecordDecision(const std::string& result_json, const std::string& json_path,
                    const std::string& who, const std::string& db, RecordOutcome* outcome,
                    std::string* message, std::string* error) {
  RecordRequest record;
  if (!ParseRegisterInput(result_json, json_path, &record.input, error)) return false;
  record.who = who;
  auto reg = CertificateRegister::Open(db, RegisterOpenOptions{}, error);
  if (!reg || !reg->Record(record, outcome, error)) return false;
  *message = outcome->number.empty()
                 ? Fmt("refusal recorded in {}: no certificate", db)
                 : Fmt("certificate {} (revision {}): {} in {}", outcome->number, outcome->revision,
                       RegisterWord(outcome->action), db);
  return true;
}

namespace {

// Logs the PDF's warnings and size, and hands its bytes over.
void TakePdf(PdfOutput* pdf, std::string* bytes) {
  for (const std::string& w : pdf->warnings) spdlog::warn("PDF: {}", w);
  spdlog::info("PDF: {} pages, {} bytes", pdf->pages, pdf->bytes.size());
  *bytes = std::move(pdf->bytes);
}

}  // namespace

bool PdfFromJson(const std::string& json, const std::string& lang, std::string* bytes,
                 std::string* error) {
  PdfOptions options;
  options.lang = lang;
  PdfOutput pdf;
  // A member's result, a group result or a network summary, by its "format".
  if (!RenderPdfFromJson(json, options, &pdf, error)) return false;
  TakePdf(&pdf, bytes);
  return true;
}

bool PdfFromJson(std::string&& json, const std::string& lang, std::string* bytes,
                 std::string* error) {
  PdfOptions options;
  options.lang = lang;
  PdfOutput pdf;
  if (!RenderPdfFromJson(std::move(json), options, &pdf, error)) return false;
  TakePdf(&pdf, bytes);
  return true;
}

DossierAudit AuditDossier(const AuditRequest& request, ReferentialLibrary& library,
                          const PipelineOptions& options) {
  DossierAudit a;
  a.exit_code = kExitInvalid;
  ReferentialResolver resolve = [&library, &a](const std::string& id, const std::string& version,
                                               std::string* error) {
    return library.Resolve(id, version, error, &a.referential_diagnostics);
  };
  a.load = request.contained_in.empty()
               ? LoadDossierFile(request.dossier, resolve)
               : LoadContainedDossierFile(request.contained_in, request.contained_name,
                                          request.dossier, resolve);
  a.diagnostics = a.load.diagnostics;
  if (a.load.ok()) {
    a.evaluation = Evaluate(*a.load.referential, *a.load.dossier);
    a.diagnostics.insert(a.diagnostics.end(), a.evaluation.diagnostics.begin(),
                         a.evaluation.diagnostics.end());
  }
  CountDiagnostics(a.diagnostics, &a.errors, &a.warnings);
  if (!a.load.ok() || !a.evaluation.ok()) return a;

  const Referential& ref = *a.load.referential;
  const Dossier& d = *a.load.dossier;
  const AuditResult& r = a.evaluation.result;
  std::error_code ec;
  fs::create_directories(request.out_dir, ec);
  if (ec) {
    a.error = Fmt("cannot create the folder {}: {}", request.out_dir, ec.message());
    return a;
  }
  std::vector<Coverage>& coverage = a.coverage;
  for (const std::string& framework : options.coverage) {
    Coverage c;
    std::string error;
    if (!ComputeCoverage(ref, r, framework, &c, &error)) {
      a.error = "--coverage: " + error;
      a.exit_code = kExitUsage;
      return a;
    }
    coverage.push_back(std::move(c));
  }
  if (!options.register_path.empty() && r.lifecycle) {
    // The register first: it issues the number of a new certificate, which the reports carry.
    std::string json_path = (fs::path(request.out_dir) / (request.stem + ".json")).string();
    // The history names who decided: the dossier's decision maker.
    std::string who = !options.register_by.empty()      ? options.register_by
                      : !d.audit.decision_maker.empty() ? d.audit.decision_maker
                                                        : std::string("sceau audit");
    RecordOutcome out;
    std::string error;
    if (!RecordDecision(ResultToJson(ref, d, r, coverage), json_path, who, options.register_path,
                        &out, &a.register_message, &error)) {
      a.error = "--register: " + error;
      return a;
    }
    if (!out.number.empty()) {
      a.evaluation.result.lifecycle->number = out.number;
      a.evaluation.result.lifecycle->revision = out.revision;
    }
  } else if (!options.register_path.empty()) {
    // A self-assessment: no certification decision, no certificate, nothing in the register.
    a.register_message =
        fmt::format("self-assessment: no certification decision, nothing recorded in {}",
                    options.register_path);
  }
  // Every output is rendered before any is written: a failure leaves no half set behind.
  a.json = ResultToJson(ref, d, r, coverage, options.directory_url);
  std::vector<std::pair<std::string, std::string>> outputs;
  for (const std::string& f : options.formats) {
    std::string path = (fs::path(request.out_dir) / (request.stem + "." + f)).string();
    std::string content;
    if (f == "json") {
      content = a.json;
    } else if (f == "pdf") {
      std::string error;
      if (!PdfFromJson(a.json, options.lang, &content, &error)) {
        a.error = "cannot render the PDF: " + error;
        return a;
      }
    } else {
      CsvOptions csv;
      csv.separator = options.csv_separator;
      csv.lang = options.lang;
      content = ActionsToCsv(ref, d, r, csv);
    }
    outputs.emplace_back(path, std::move(content));
  }
  std::string error;
  if (!WriteFilesAtomically(outputs, &error)) {
    a.error = error;
    return a;
  }
  for (const auto& [path, content] : outputs) a.written.push_back(path);
  a.exit_code = kExitOk;
  return a;
}

}  // namespace sceau::cli
