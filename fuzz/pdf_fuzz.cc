// libFuzzer target: the PDF writer on arbitrary result texts.
//
// At start-up the small sample dossier tests/data/dossiers/ok.yaml is audited against
// tests/data/referentials/minimal.yaml and its JSON result read back into a report::Model (a
// two-page report: the full CEDRE samples render in about a second each under ASan, too slow to
// fuzz; their results are in the seed corpus instead). Each input is then
//  1. read as a JSON result with report::ReadModel (rendered to PDF too when it reads), and
//  2. split into a few strings (organisation name, a finding, the decision label, a requirement,
//     an evidence title, the audit id) put into a copy of the base model, which is rendered.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "fuzz/fuzz_common.h"
#include "reports/json_writer.h"
#include "reports/pdf_writer.h"
#include "reports/report_model.h"

namespace {

const sceau::report::Model& BaseModel() {
  static const sceau::report::Model* model = [] {
    auto ref = sceau::fuzz::LoadShippedReferential("tests/data/referentials/minimal.yaml");
    const std::string path = sceau::fuzz::SourceDir() + "/tests/data/dossiers/ok.yaml";
    sceau::DossierLoad load = sceau::LoadDossierFile(path, sceau::FixedReferential(ref));
    if (!load.ok()) {
      std::fprintf(stderr, "pdf_fuzz: cannot load %s\n", path.c_str());
      std::abort();
    }
    sceau::Evaluation evaluation = sceau::Evaluate(*load.referential, *load.dossier);
    std::string json = sceau::ResultToJson(*load.referential, *load.dossier, evaluation.result);
    auto* m = new sceau::report::Model;
    std::string error;
    if (!sceau::report::ReadModel(json, m, &error)) {
      std::fprintf(stderr, "pdf_fuzz: cannot read back the sample result: %s\n", error.c_str());
      std::abort();
    }
    return m;
  }();
  return *model;
}

void Render(const sceau::report::Model& model, const std::string& lang) {
  sceau::PdfOptions options;
  options.lang = lang;
  sceau::PdfOutput out;
  std::string error;
  if (sceau::RenderPdf(model, options, &out, &error)) {
    // Every PDF starts with its header; an empty success would be a bug as well.
    if (out.bytes.compare(0, 5, "%PDF-") != 0) std::abort();
  }
  (void)sceau::ReportId(model);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  BaseModel();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string raw(reinterpret_cast<const char*>(data), size);

  // 1. The raw input as a JSON result.
  {
    sceau::report::Model model;
    std::string error;
    if (sceau::report::ReadModel(raw, &model, &error)) Render(model, "fr");
  }

  // 2. The input as texts inside a real result.
  FuzzedDataProvider fdp(data, size);
  const std::string lang = fdp.ConsumeBool() ? "en" : "fr";
  const size_t criterion_pick = fdp.ConsumeIntegral<uint16_t>();
  sceau::report::Model model = BaseModel();
  model.org_name = fdp.ConsumeRandomLengthString(4096);
  const std::string finding = fdp.ConsumeRandomLengthString(4096);
  model.decision_label.by_lang[lang] = fdp.ConsumeRandomLengthString(1024);
  const std::string requirement = fdp.ConsumeRandomLengthString(4096);
  const std::string evidence_title = fdp.ConsumeRandomLengthString(1024);
  model.audit_id = fdp.ConsumeRemainingBytesAsString();

  if (!model.criteria.empty()) {
    // A criterion with findings when there is one at or after the pick, else the pick itself.
    size_t i = criterion_pick % model.criteria.size();
    for (size_t k = 0; k < model.criteria.size(); ++k) {
      size_t j = (i + k) % model.criteria.size();
      if (!model.criteria[j].findings.empty()) {
        i = j;
        break;
      }
    }
    sceau::report::Criterion& c = model.criteria[i];
    if (c.findings.empty()) c.findings.push_back({c.grade, "", {}, ""});
    c.findings.front().text = finding;
    c.requirement.by_lang[lang] = requirement;
  }
  if (!model.evidence.empty()) model.evidence.front().title = evidence_title;
  Render(model, lang);
  return 0;
}
