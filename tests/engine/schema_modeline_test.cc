#include "engine/schema_modeline.h"

#include <gtest/gtest.h>

namespace sceau {
namespace {

TEST(SchemaModeline, IsTheFirstLine) {
  EXPECT_EQ(WithSchemaModeline("format: 1\n", "file:///s/dossier.schema.json"),
            "# yaml-language-server: $schema=file:///s/dossier.schema.json\nformat: 1\n");
}

TEST(SchemaModeline, ReplacesAModelineAmongTheOpeningComments) {
  EXPECT_EQ(WithSchemaModeline("# Dossier\n# yaml-language-server: $schema=dossier.schema.json\n"
                               "format: 1\n",
                               "file:///s/d.json"),
            "# yaml-language-server: $schema=file:///s/d.json\n# Dossier\nformat: 1\n");
  EXPECT_EQ(WithSchemaModeline("---\n# yaml-language-server: $schema=x.json\nformat: 1\n", "y"),
            "# yaml-language-server: $schema=y\n---\nformat: 1\n");
}

TEST(SchemaModeline, KeepsCommentsAfterTheFirstKey) {
  EXPECT_EQ(
      WithSchemaModeline("format: 1\n# yaml-language-server: $schema=x.json\n", "y"),
      "# yaml-language-server: $schema=y\nformat: 1\n# yaml-language-server: $schema=x.json\n");
  EXPECT_EQ(WithSchemaModeline("", "y"), "# yaml-language-server: $schema=y\n");
  EXPECT_EQ(WithSchemaModeline("a: 1", "y"), "# yaml-language-server: $schema=y\na: 1");
}

TEST(SchemaModeline, UserSchemaDirFollowsXdg) {
  EXPECT_EQ(UserSchemaDir("/data", "/home/claire"), "/data/sceau/schemas");
  EXPECT_EQ(UserSchemaDir(nullptr, "/home/claire"), "/home/claire/.local/share/sceau/schemas");
  // A relative XDG_DATA_HOME is invalid (XDG Base Directory specification): ignored.
  EXPECT_EQ(UserSchemaDir("data", "/home/claire"), "/home/claire/.local/share/sceau/schemas");
  EXPECT_EQ(UserSchemaDir("", ""), "");
  EXPECT_EQ(UserSchemaDir(nullptr, nullptr), "");
}

TEST(SchemaModeline, FileUriEncodesWhatIsNotPlain) {
  EXPECT_EQ(FileUri("/home/claire/.local/share/sceau/schemas/dossier.schema.json"),
            "file:///home/claire/.local/share/sceau/schemas/dossier.schema.json");
  EXPECT_EQ(FileUri("/home/h\xC3\xA9l\xC3\xA8ne v/x.json"),
            "file:///home/h%C3%A9l%C3%A8ne%20v/x.json");
  EXPECT_EQ(FileUri("/a:b#c"), "file:///a%3Ab%23c");
  EXPECT_EQ(FileUri("C:\\Users\\claire\\x.json"), "file:///C:/Users/claire/x.json");
}

}  // namespace
}  // namespace sceau
