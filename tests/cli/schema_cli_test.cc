// `sceau schema`: the committed schema files are exactly what it writes.
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::ReadFile;
using testing::RunSceau;
using testing::SourcePath;

TEST(SchemaCommand, CommittedReferentialSchemaIsTheGeneratedOne) {
  testing::RunResult r = RunSceau("schema referential");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out == ReadFile(SourcePath("referentials/referential.schema.json")))
      << "referentials/referential.schema.json differs from the format's description: run "
         "`sceau schema referential -o referentials/referential.schema.json` (and change the "
         "description in engine/referential_spec.cc, not the schema)";
}

TEST(SchemaCommand, WritesTheSameSchemaToAFile) {
  testing::TempDir dir;
  std::string path = dir.path() + "/referential.schema.json";
  testing::RunResult r = RunSceau("schema referential -o '" + path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(ReadFile(path), RunSceau("schema referential").out);
}

TEST(SchemaCommand, RefusesAnUnknownFormat) {
  testing::RunResult r = RunSceau("schema referentiel");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("referentiel"), std::string::npos) << r.err;
}

TEST(SchemaCommand, ReportsAFileItCannotWrite) {
  testing::RunResult r = RunSceau("schema referential -o /nonexistent-dir/x.json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("sceau schema: /nonexistent-dir/x.json"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sceau
