// The dossier and group dossier formats' specs: the committed JSON Schemas are exactly the
// generated ones, and the name tables they take their allowed values from are the engine's.
//
// After a change to engine/dossier_spec.cc, regenerate the committed schemas with
//   sceau schema dossier -o audits/dossier.schema.json
//   sceau schema group -o audits/group.schema.json
// (or SCEAU_WRITE_SCHEMAS=1 build/tests/sceau_tests --gtest_filter='DossierSpec.*', which writes
// both).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "engine/dossier.h"
#include "engine/format.h"
#include "engine/format_specs.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using ::sceau::testing::ReadFile;
using ::sceau::testing::SourcePath;

// `format` is the argument of `sceau schema` that writes the file.
void ExpectCommitted(const std::string& relative, const std::string& format,
                     const std::string& generated) {
  const std::string path = SourcePath(relative);
  if (std::getenv("SCEAU_WRITE_SCHEMAS") != nullptr) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << generated;
  }
  EXPECT_EQ(ReadFile(path), generated)
      << relative << " is not the generated schema: regenerate it with `sceau schema " << format
      << " -o " << relative << "`";
}

TEST(DossierSpec, CommittedSchemaIsTheGeneratedOne) {
  ExpectCommitted("audits/dossier.schema.json", "dossier",
                  format::GenerateJsonSchema(format::DossierSpec(), format::DossierSchemaInfo()));
}

TEST(DossierSpec, CommittedGroupSchemaIsTheGeneratedOne) {
  ExpectCommitted(
      "audits/group.schema.json", "group",
      format::GenerateJsonSchema(format::GroupDossierSpec(), format::GroupDossierSchemaInfo()));
}

TEST(DossierSpec, EnumsComeFromTheEngineNameTables) {
  const format::MapSpec& audit = format::DossierSpec().Find("audit")->value.map();
  EXPECT_EQ(audit.Find("kind")->value.names().data(), AuditKindNames().data());
  EXPECT_THAT(AuditKindNames(),
              ::testing::ElementsAre("initial", "surveillance", "renewal", "self-assessment"));
  EXPECT_THAT(GroupAuditKindNames(), ::testing::ElementsAre("initial", "surveillance", "renewal"));
  EXPECT_THAT(FollowUpStatusNames(),
              ::testing::ElementsAre("closed", "in-progress", "not-started"));
  for (std::string_view name : AuditKindNames()) {
    ASSERT_TRUE(ParseAuditKind(name)) << name;
    EXPECT_EQ(AuditKindName(*ParseAuditKind(name)), name);
  }
}

TEST(DossierSpec, EveryKeyHasADoc) {
  for (const format::MapSpec* root : {&format::DossierSpec(), &format::GroupDossierSpec()}) {
    format::WalkValues(*root,
                       [&](const std::vector<format::PathStep>& path, const format::ValueSpec&) {
                         const format::PathStep& last = path.back();
                         if (last.spec == nullptr || last.spec->name == "follow_up") return;
                         EXPECT_FALSE(last.spec->doc.empty()) << root->name << ": " << last.key;
                       });
  }
}

}  // namespace
}  // namespace sceau
