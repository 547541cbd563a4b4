// Referential inheritance: `extends` with added, replaced and removed criteria.
#include <gtest/gtest.h>

#include "engine/referential_loader.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Headlines;
using testing::ReadFile;
using testing::RenderAll;
using testing::SourcePath;
using testing::TempDir;

constexpr char kVariant[] = R"yaml(id: variante
version: "1"
title: {fr: Variante, en: Variant}
languages: [fr, en]
extends: {id: exemple-minimal, version: "2026.1"}
chapters:
  - {id: "3", title: {fr: Spécifique, en: Specific}}
criteria:
  - {id: V-1, chapter: "3", title: {fr: Nouveau, en: New}, requirement: {fr: Exigence., en: Requirement.}, requires: [C-2.1]}
replace:
  - {id: C-2.2, chapter: "2", title: {fr: Sorties remplacées, en: Replaced exits}, requirement: {fr: Autre., en: Other.}}
remove: [C-1.2]
)yaml";

class Extends : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("base.yaml", ReadFile(SourcePath("tests/data/referentials/minimal.yaml")));
  }
  ReferentialLoad Load(const std::string& text, const std::string& name = "variant.yaml") {
    return LoadReferentialFile(dir_.Write(name, text));
  }
  std::string Path(const std::string& name) const { return dir_.path() + "/" + name; }
  TempDir dir_;
};

TEST_F(Extends, MergesAddedReplacedAndRemovedCriteria) {
  ReferentialLoad load = Load(kVariant);
  ASSERT_TRUE(load.ok()) << RenderAll(load.diagnostics);
  EXPECT_TRUE(load.diagnostics.empty()) << RenderAll(load.diagnostics);
  const Referential& r = *load.referential;
  EXPECT_EQ(r.extends_id, "exemple-minimal");
  EXPECT_EQ(r.extends_version, "2026.1");
  // The base's order, C-1.2 removed, C-2.2 replaced in place, then the added V-1.
  std::vector<std::string> ids;
  for (const Criterion& c : r.criteria) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"C-1.1", "C-2.1", "C-2.2", "V-1"}));
  EXPECT_EQ(r.criteria[2].title.Get("en"), "Replaced exits");
  EXPECT_TRUE(r.criteria[2].checks.empty());  // the replacement has none of the old checks
  EXPECT_TRUE(r.criteria[1].blocking);        // inherited as it was
  // V-1 requires C-2.1, at its new index.
  ASSERT_EQ(r.criteria[3].prerequisites.size(), 1u);
  EXPECT_EQ(r.criteria[3].prerequisites[0].target, 1);
  // Chapters: the base's two and the added one; scales and policy inherited.
  ASSERT_EQ(r.chapters.size(), 3u);
  EXPECT_EQ(r.chapters[2].criteria, (std::vector<int>{3}));
  EXPECT_EQ(r.scales.size(), 1u);
  EXPECT_EQ(r.policy.outcomes.size(), 3u);
  EXPECT_EQ(r.policy.deadlines_months.at("NCM"), 3);
  EXPECT_EQ(r.sha256.size(), 64u);
}

TEST_F(Extends, ReportsWhatCannotBeInherited) {
  ReferentialLoad load = Load(R"yaml(id: mauvaise
version: "1"
title: {fr: Mauvaise, en: Bad}
extends: {id: exemple-minimal, version: "2026.1"}
scales: []
criteria:
  - {id: C-1.1, chapter: "1", title: X, requirement: Y.}
replace:
  - {id: C-9.9, chapter: "1", title: X, requirement: Y.}
remove: [C-1.1, C-7]
)yaml");
  EXPECT_FALSE(load.ok());
  std::string p = Path("variant.yaml");
  EXPECT_EQ(Headlines(load.diagnostics),
            p +
                ":5:9: error: 'scales' cannot be given in a referential that extends "
                "'exemple-minimal': the scales are the base's [unexpected-key]\n" +
                p +
                ":7:10: error: criterion 'C-1.1' is already in 'exemple-minimal': to change "
                "it, put it under 'replace' [duplicate-id]\n" +
                p +
                ":9:10: error: 'replace' names criterion 'C-9.9', which 'exemple-minimal' "
                "does not have; add it under 'criteria' [unknown-criterion]\n" +
                p +
                ":10:10: error: cannot remove 'C-1.1': 'C-1.2' requires it; replace 'C-1.2' "
                "or remove it too [bad-remove]\n" +
                p +
                ":10:17: error: 'remove' names criterion 'C-7', which 'exemple-minimal' does "
                "not have [unknown-criterion]");
}

TEST_F(Extends, ReportsAMissingBaseAndACycle) {
  ReferentialLoad missing = Load(
      "id: v\nversion: \"1\"\ntitle: V\nextends: {id: exemple-minimal, version: \"2025.9\"}\n");
  EXPECT_EQ(Headlines(missing.diagnostics),
            Path("variant.yaml") +
                ":4:10: error: base referential: no version '2025.9' of "
                "referential 'exemple-minimal' in " +
                dir_.path() + " (versions there: 2026.1) [unknown-referential]");
  dir_.Write("a.yaml", "id: a\nversion: \"1\"\ntitle: A\nextends: {id: b, version: \"1\"}\n");
  ReferentialLoad b =
      Load("id: b\nversion: \"1\"\ntitle: B\nextends: {id: a, version: \"1\"}\n", "b.yaml");
  EXPECT_FALSE(b.ok());
  // b -> a -> b: a's own load names the cycle; b says its base is broken.
  ReferentialLoad a = LoadReferentialFile(Path("a.yaml"));
  EXPECT_NE(RenderAll(a.diagnostics).find("[unknown-referential]"), std::string::npos);
  ReferentialLoad direct = LoadReferentialFromString(
      "x.yaml", "id: x\nversion: \"1\"\ntitle: X\nextends: {id: x, version: \"1\"}\n",
      LoadOptions{YamlLimits{}, dir_.path(), {}});
  EXPECT_EQ(Headlines(direct.diagnostics),
            "x.yaml:4:10: error: extends cycle: x -> x [extends-cycle]");
}

TEST_F(Extends, ReplacesIsReadOnCriteria) {
  ReferentialLoad load =
      Load(std::string(kVariant).replace(std::string(kVariant).find("requires: [C-2.1]}"), 18,
                                         "requires: [C-2.1], replaces: [C-1.2, C-0]}"));
  ASSERT_TRUE(load.ok()) << RenderAll(load.diagnostics);
  EXPECT_EQ(load.referential->criteria[3].replaces, (std::vector<std::string>{"C-1.2", "C-0"}));
}

}  // namespace
}  // namespace sceau
