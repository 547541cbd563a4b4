// Tests of names compared for impartiality (engine/identity.h).
#include "engine/identity.h"

#include <gtest/gtest.h>

namespace sceau {
namespace {

TEST(Identity, NormalisesCaseAccentsAndSpacing) {
  EXPECT_EQ(NormalizedName("Claire Martin"), "claire martin");
  EXPECT_EQ(NormalizedName("  CLAIRE\t  MARTIN "), "claire martin");
  EXPECT_EQ(NormalizedName("Hélène Lefèvre-Dûpont"), "helene lefevre dupont");
  EXPECT_EQ(NormalizedName("ÉLODIE Çà"), "elodie ca");
  EXPECT_EQ(NormalizedName("Jean\xC2\xA0L'Œuvre"), "jean l oeuvre");
  EXPECT_EQ(NormalizedName("Jean L\xE2\x80\x99Hôte"), "jean l hote");
  EXPECT_EQ(NormalizedName(""), "");
}

TEST(Identity, SamePersonIgnoresCaseAccentsAndSpacingOnly) {
  EXPECT_TRUE(SamePerson("claire martin", "Claire Martin"));
  EXPECT_TRUE(SamePerson("Clàire  Martin", "CLAIRE MARTIN"));
  EXPECT_TRUE(SamePerson("Hélène Lefèvre", "helene lefevre"));
  EXPECT_FALSE(SamePerson("Claire Martin", "Claire Martine"));
  EXPECT_FALSE(SamePerson("Claire Martin", "Martin Claire"));
  EXPECT_FALSE(SamePerson("", ""));
  EXPECT_FALSE(SamePerson("  ", ""));
}

TEST(Identity, NormalisesIdentifiersByTrimmingAndCaseOnly) {
  EXPECT_EQ(NormalizedId("  QA-0412\t"), "qa-0412");
  EXPECT_EQ(NormalizedId("Qa-0412"), "qa-0412");
  EXPECT_EQ(NormalizedId("QA 0412"), "qa 0412");
  EXPECT_EQ(NormalizedId("ÉQ-1"), "Éq-1");
  EXPECT_EQ(NormalizedId(" \t "), "");
}

// Identifiers decide when both people have one; otherwise the names do.
TEST(Identity, IdentifiersDecideWhenBothHaveOne) {
  EXPECT_EQ(Identify({"C. Martin", " qa-0412 "}, {"Claire Martin", "QA-0412"}), SameBy::kId);
  EXPECT_EQ(Identify({"Claire Martin", "QA-0500"}, {"claire martin", "QA-0412"}), SameBy::kNo);
  EXPECT_EQ(Identify({"Claire Martin", "QA-0412"}, {"CLÀIRE  martin", ""}), SameBy::kName);
  EXPECT_EQ(Identify({"Claire Martin", ""}, {"Claire Martin", "QA-0412"}), SameBy::kName);
  EXPECT_EQ(Identify({"Claire Martin", "  "}, {"Claire Martin", "QA-0412"}), SameBy::kName);
  EXPECT_EQ(Identify({"Claire Martin", ""}, {"Sophie Bernard", ""}), SameBy::kNo);
  EXPECT_EQ(Identify({"Claire Martin", "QA-0412"}, {"Sophie Bernard", ""}), SameBy::kNo);
}

}  // namespace
}  // namespace sceau
