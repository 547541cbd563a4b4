// libFuzzer target: the group dossier loader (engine/group.h) on arbitrary text, through
// LoadGroupFromString as if the file were tests/data/groups/fuzz.yaml: its members
// (ges-cycle/*.yaml) and its `previous.result` (ges-cycle-2026-initial.json) are the real test
// files next to it, loaded and evaluated against tests/data/referentials/minimal.yaml (loaded
// once, whatever referential the input names). Nothing is written.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/group.h"
#include "fuzz/fuzz_common.h"

namespace {

const sceau::ReferentialResolver& Resolver() {
  static const sceau::ReferentialResolver* resolve =
      new sceau::ReferentialResolver(sceau::FixedReferential(
          sceau::fuzz::LoadShippedReferential("tests/data/referentials/minimal.yaml")));
  return *resolve;
}

const std::string& GroupPath() {
  static const std::string* path =
      new std::string(sceau::fuzz::SourceDir() + "/tests/data/groups/fuzz.yaml");
  return *path;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Resolver();
  GroupPath();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  sceau::GroupLoad load = sceau::LoadGroupFromString(GroupPath(), std::move(text), Resolver());
  (void)load.errors();
  (void)load.warnings();
  if (load.ok()) {
    std::vector<sceau::MemberOutcome> outcomes;
    for (const sceau::GroupMember& m : load.members) {
      outcomes.push_back({m.file, m.evaluation.result.decision});
    }
    (void)sceau::DecideGroup(outcomes);
  }
  return 0;
}
