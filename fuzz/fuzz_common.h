// Helpers shared by the libFuzzer drivers: where the checkout is, and loading a shipped
// referential once per process.
#ifndef SCEAU_FUZZ_FUZZ_COMMON_H_
#define SCEAU_FUZZ_FUZZ_COMMON_H_

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "engine/referential.h"
#include "engine/referential_loader.h"

namespace sceau::fuzz {

// The source checkout: $SCEAU_SOURCE_DIR when set, else the folder CMake compiled in.
inline std::string SourceDir() {
  if (const char* env = std::getenv("SCEAU_SOURCE_DIR"); env != nullptr && *env != '\0') return env;
#ifdef SCEAU_SOURCE_DIR
  return SCEAU_SOURCE_DIR;
#else
  return ".";
#endif
}

// Loads `relative` (e.g. "referentials/cedre-iso9001.yaml") from the checkout, or aborts: a
// fuzzer without its fixed referential would only test the resolver's refusal.
inline std::shared_ptr<const Referential> LoadShippedReferential(const std::string& relative) {
  const std::string path = SourceDir() + "/" + relative;
  ReferentialLoad load = LoadReferentialFile(path);
  if (!load.ok()) {
    std::fprintf(stderr, "fuzz: cannot load %s (%d errors); set SCEAU_SOURCE_DIR to the checkout\n",
                 path.c_str(), load.errors());
    std::abort();
  }
  return load.referential;
}

}  // namespace sceau::fuzz

#endif  // SCEAU_FUZZ_FUZZ_COMMON_H_
