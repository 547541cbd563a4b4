// libFuzzer target: the dossier loader on arbitrary text, checked against the shipped CEDRE
// ISO 9001 referential (loaded once). Evidence files are not looked up (no base_dir).
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/dossier_loader.h"
#include "fuzz/fuzz_common.h"

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
  (void)load;
  return 0;
}
