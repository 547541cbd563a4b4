// Shared machinery of the bounds tests (referential, dossier and group formats): every bounded
// or enumerated value a format's description declares is found in base documents, and each is
// replaced by a value just outside the bound (must fail both the loader and the generated JSON
// Schema) and by a value on the bound (must pass both).
#ifndef SCEAU_TESTS_ENGINE_BOUNDS_UTIL_H_
#define SCEAU_TESTS_ENGINE_BOUNDS_UTIL_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/format.h"

namespace sceau::testing {

// A document holding some bounded keys. `name` is the name it is loaded under (a path, so that
// the files it references resolve); `label` names it in failure messages.
struct BoundsBase {
  std::string label;
  std::string name;
  std::string text;
};

// Loads `text` under `name`; returns whether it loaded and, on failure, its diagnostics.
using BoundsLoader =
    std::function<bool(const std::string& name, const std::string& text, std::string* diags)>;

struct BoundsOptions {
  const format::MapSpec* spec = nullptr;
  format::SchemaInfo schema_info;
  std::vector<BoundsBase> bases;
  // Declared bounded keys that no base document can hold, by identity, with the reason.
  std::map<std::string, std::string> excluded;
  BoundsLoader load;
  size_t min_cases = 1;
};

// Every bounded or enumerated value `spec` declares, by identity: "criterion.weight",
// "decision.deadlines.*", "applicability.kinds.[]" (a key of a map, then the items of lists
// and dicts below it).
std::map<std::string, const format::ValueSpec*> DeclaredBoundedValues(const format::MapSpec& spec);

// Checks the loader and the schema on every case; adds a failure for every declared key found in
// no base document and not excluded. Returns the identities covered.
std::vector<std::string> CheckBounds(const BoundsOptions& options);

}  // namespace sceau::testing

#endif  // SCEAU_TESTS_ENGINE_BOUNDS_UTIL_H_
