// The group result's CSV adapter reads JSON without letting an exception out, whatever it is given.
#include "reports/group_json.h"

#include <gtest/gtest.h>

#include <string>

namespace sceau {
namespace {

const char kHeader[] =
    "\xEF\xBB\xBF"
    "file,organisation,siret,kind,decision,score,major_nc,minor_nc,causes_refusal,result\r\n";

TEST(GroupJson, CsvOfUnreadableOrOddJsonIsTheHeaderOrEmptyCellsNeverAThrow) {
  EXPECT_EQ(GroupResultToCsv("not json"), kHeader);
  EXPECT_EQ(GroupResultToCsv("[1, 2]"), kHeader);
  EXPECT_EQ(GroupResultToCsv(R"({"members": 3})"), kHeader);
  EXPECT_EQ(GroupResultToCsv(R"({"members": [7, {"counts": [1], "score": "x",
                                "causes_refusal": "yes", "file": "m.yaml"}]})"),
            std::string(kHeader) + ",,,,,0.00,,,no,\r\nm.yaml,,,,,0.00,,,no,\r\n");
}

}  // namespace
}  // namespace sceau
