// libFuzzer target: load a dossier against the shipped CEDRE ISO 9001 referential (loaded once);
// when it loads, evaluate it and render the JSON result and the CSV action plan.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "fuzz/fuzz_common.h"
#include "reports/csv_writer.h"
#include "reports/json_writer.h"

namespace {

const sceau::ReferentialResolver& Resolver() {
  static const sceau::ReferentialResolver* resolve =
      new sceau::ReferentialResolver(sceau::FixedReferential(
          sceau::fuzz::LoadShippedReferential("referentials/cedre-iso9001.yaml")));
  return *resolve;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Resolver();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  sceau::DossierLoad load = sceau::LoadDossierFromString("fuzz.yaml", std::move(text), Resolver());
  if (!load.ok()) return 0;
  const sceau::Referential& ref = *load.referential;
  const sceau::Dossier& dossier = *load.dossier;
  sceau::Evaluation evaluation = sceau::Evaluate(ref, dossier);
  std::string json = sceau::ResultToJson(ref, dossier, evaluation.result);
  sceau::CsvOptions csv_options;
  std::string csv = sceau::ActionsToCsv(ref, dossier, evaluation.result, csv_options);
  csv_options.separator = ';';
  csv_options.lang = "en";
  csv = sceau::ActionsToCsv(ref, dossier, evaluation.result, csv_options);
  return 0;
}
