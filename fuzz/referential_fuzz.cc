// libFuzzer target: the referential loader on arbitrary text, then the criteria graph of every
// referential that loads. Any crash, leak, UB or timeout is a bug: the loader must turn any input
// into diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/criteria_graph.h"
#include "engine/referential_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  sceau::ReferentialLoad load = sceau::LoadReferentialFromString("fuzz.yaml", std::move(text));
  if (!load.ok()) return 0;
  const sceau::Referential& ref = *load.referential;
  sceau::CriteriaGraph graph(ref);
  if (graph.acyclic()) {
    std::vector<int> order = graph.TopologicalOrder();
    (void)order;
  }
  std::string dot = graph.ToDot();
  std::string json = graph.ToJson();
  if (graph.size() > 0) {
    // Focused views of the first and last criteria as well.
    dot = graph.ToDot(0);
    json = graph.ToJson(graph.size() - 1);
  }
  return 0;
}
