// `sceau template` and `sceau migrate` install the dossier schema in the user's data folder and
// name it, by an absolute file:// URI, in the modeline on the first line of what they write.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "engine/schema_modeline.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using ::sceau::testing::ReadFile;
using ::sceau::testing::Shell;
using ::sceau::testing::SourcePath;
using ::sceau::testing::TempDir;
using ::testing::StartsWith;

// Runs sceau with XDG_DATA_HOME set to `data`, from the source folder.
std::string RunWithData(const std::string& data, const std::string& args, int* status) {
  return Shell("cd '" + std::string(SCEAU_SOURCE_DIR) + "' && XDG_DATA_HOME='" + data + "' '" +
                   SCEAU_BINARY + "' " + args,
               status);
}

TEST(EditorSchema, TemplateNamesTheInstalledSchema) {
  TempDir dir;
  int status = -1;
  std::string out =
      RunWithData(dir.path(), "template referentials/cedre-iso9001.yaml --kind ACI", &status);
  EXPECT_EQ(status, 0);
  const std::string schema = dir.path() + "/sceau/schemas/dossier.schema.json";
  EXPECT_THAT(out, StartsWith("# yaml-language-server: $schema=" + FileUri(schema) + "\n# "));
  // The schema it installs is the committed one, byte for byte.
  EXPECT_EQ(ReadFile(schema), ReadFile(SourcePath("audits/dossier.schema.json")));
}

TEST(EditorSchema, MigrateReplacesTheOriginalModeline) {
  TempDir dir;
  int status = -1;
  const std::string out = dir.path() + "/migrated.yaml";
  RunWithData(dir.path(),
              "migrate audits/rse-confirme.yaml --to referentials/rse-iso26000-2027.yaml --out '" +
                  out + "'",
              &status);
  EXPECT_EQ(status, 0);
  const std::string text = ReadFile(out);
  const std::string line =
      SchemaModeline(FileUri(dir.path() + "/sceau/schemas/dossier.schema.json"));
  EXPECT_THAT(text, StartsWith(line + "\n"));
  EXPECT_EQ(text.find("yaml-language-server", line.size()), std::string::npos);
}

TEST(EditorSchema, FallsBackToTheSchemaBesideTheDossierWithAWarning) {
  TempDir dir;
  int status = -1;
  // A data folder that is a file: the schema cannot be installed there.
  Shell("touch '" + dir.path() + "/data'");
  std::string out = Shell(
      "(cd '" + std::string(SCEAU_SOURCE_DIR) + "' && XDG_DATA_HOME='" + dir.path() + "/data' '" +
          SCEAU_BINARY + "' template referentials/cedre-iso9001.yaml --kind ACI 2>&1 >/dev/null)",
      &status);
  EXPECT_EQ(status, 0);
  EXPECT_THAT(out, StartsWith("sceau template: warning: cannot create " + dir.path() +
                              "/data/sceau/schemas: "));
  EXPECT_THAT(RunWithData(dir.path() + "/data",
                          "template referentials/cedre-iso9001.yaml --kind ACI", &status),
              StartsWith("# yaml-language-server: $schema=dossier.schema.json\n"));
}

}  // namespace
}  // namespace sceau
