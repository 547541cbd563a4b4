// libFuzzer target: the reader of a previous audit's result (engine/previous_result.h), which a
// dossier's or a group dossier's `previous.result` names: the input is parsed both as a
// sceau-result and as a sceau-group-result, with the certificate policy of the shipped CEDRE
// ISO 9001 referential (loaded once; it dates a result that has no `lifecycle` block).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/previous_result.h"
#include "fuzz/fuzz_common.h"

namespace {

const sceau::Policy& FuzzPolicy() {
  static const sceau::Policy* policy = new sceau::Policy(
      sceau::fuzz::LoadShippedReferential("referentials/cedre-iso9001.yaml")->policy);
  return *policy;
}

void ParseAs(const std::string& text, sceau::ResultFormat format) {
  sceau::PreviousResult result;
  std::string error;
  if (sceau::ParsePreviousResult(text, FuzzPolicy(), &result, &error, format)) {
    // A parsed result is one of the kind asked for.
    if (result.group != (format == sceau::ResultFormat::kGroup)) std::abort();
    (void)result.cycle.state_date.ToString();
    if (result.cycle.expiry) (void)result.cycle.expiry->ToString();
  } else if (error.empty()) {
    std::abort();  // a refusal always says why
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  FuzzPolicy();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ParseAs(text, sceau::ResultFormat::kMember);
  ParseAs(text, sceau::ResultFormat::kGroup);
  return 0;
}
