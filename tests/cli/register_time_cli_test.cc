// `sceau register list/show --today` and `sceau register update` apply the referential's time
// limits: the story's certificate, suspended on 2024-09-26 and never lifted in this register, is
// withdrawn from 2025-03-27.
#include <gtest/gtest.h>

#include <string>

#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::RunSceau;
using testing::TempDir;

class RegisterTimeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.path() + "/r.db";
    for (const char* step : {"2023-initial", "2024-surveillance"}) {
      auto r = RunSceau(std::string("register --db '") + db_ + "' record audits/story/" + step +
                        ".json --by T");
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  std::string Run(const std::string& args) {
    auto r = RunSceau("register --db '" + db_ + "' " + args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(RegisterTimeCli, ListShowsTheStateAsOfADate) {
  EXPECT_NE(Run("list --today 2025-03-26").find("CEDRE-2023-00001    suspended"),
            std::string::npos);
  EXPECT_NE(Run("list --today 2025-03-27").find("CEDRE-2023-00001    withdrawn"),
            std::string::npos);
  EXPECT_NE(Run("list --today 2025-03-27 --state withdrawn").find("1 certificate"),
            std::string::npos);
  EXPECT_NE(Run("list --today 2025-03-27 --state suspended").find("0 certificates"),
            std::string::npos);
}

TEST_F(RegisterTimeCli, UpdateRecordsTheChangesDueWithTheirReason) {
  EXPECT_EQ(Run("update --today 2025-03-26 --by T"), "No change due by 2025-03-26\n");
  EXPECT_EQ(Run("update --today 2025-03-27 --by T"),
            "CEDRE-2023-00001 (Association Pierres et Rivières du Haut-Olbène): suspended -> "
            "withdrawn on 2025-03-27: time limit: Certificate suspended since 2024-09-26: with no "
            "favourable audit within 6 months (by 2025-03-26), it is withdrawn.\n");
  EXPECT_EQ(Run("update --today 2026-12-31 --by T"), "No change due by 2026-12-31\n");
  std::string show = Run("show CEDRE-2023-00001 --today 2026-12-31");
  EXPECT_NE(show.find("suspend    active -> suspended  from 2024-09-26  by T"), std::string::npos)
      << show;
  EXPECT_NE(show.find("withdraw   suspended -> withdrawn  from 2025-03-27  by T"),
            std::string::npos)
      << show;
}

}  // namespace
}  // namespace sceau
