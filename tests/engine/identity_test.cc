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

}  // namespace
}  // namespace sceau
