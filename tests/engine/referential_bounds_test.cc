// Every bounded or enumerated key of the referential format, taken from its description
// (engine/referential_spec.cc): a value just outside the bounds fails both the loader and the
// generated JSON Schema, a value on the bound passes both. The cases are built from
// tests/schema/bounds_base.yaml, which must hold each such key at least once.
#include <gtest/gtest.h>

#include "engine/format_specs.h"
#include "engine/referential_loader.h"
#include "tests/engine/bounds_util.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

TEST(ReferentialBounds, LoaderAndSchemaAgreeOnEveryBoundedKey) {
  testing::BoundsOptions options;
  options.spec = &format::ReferentialSpec();
  options.schema_info = format::ReferentialSchemaInfo();
  options.bases = {{"tests/schema/bounds_base.yaml", "bounds.yaml",
                    testing::ReadFile(testing::SourcePath("tests/schema/bounds_base.yaml"))}};
  options.load = [](const std::string& name, const std::string& text, std::string* diags) {
    ReferentialLoad load = LoadReferentialFromString(name, text);
    *diags = testing::Headlines(load.diagnostics);
    return load.ok();
  };
  options.min_cases = 41;
  testing::CheckBounds(options);
}

}  // namespace
}  // namespace sceau
