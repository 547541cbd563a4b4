// The bare parse as a process, to set beside `sceau audit` in end-to-end timings:
//
//   sceau_bench_parse FILE...
//
// Reads each file and parses it with yaml-cpp's YAML::LoadAll, as any YAML-reading tool would at
// the least, then exits (the node trees are freed, as a process does). Prints "parse_ms: X", the
// in-process time of reading and parsing all files. bench/run_e2e.sh times this process against
// `sceau audit` on the same dossier and referential, start-up included for both.
#include <cstdio>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "yaml-cpp/yaml.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: sceau_bench_parse FILE...\n");
    return 2;
  }
  const auto start = sceau::bench::Clock::now();
  size_t docs = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string text = sceau::bench::ReadWholeFile("sceau_bench_parse", argv[i]);
    try {
      docs += YAML::LoadAll(text).size();
    } catch (const YAML::Exception& e) {
      sceau::bench::Fail("sceau_bench_parse", std::string(argv[i]) + ": " + e.what());
    }
  }
  std::printf("documents: %zu\nparse_ms: %.3f\n", docs, sceau::bench::MsSince(start));
  return 0;
}
