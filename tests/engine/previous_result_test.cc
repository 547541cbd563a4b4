// The previous-result reader on numbers a hand-edited or hostile file may hold: an integer that
// does not fit an int is refused, never truncated (4294967297 would otherwise read as 1).
#include "engine/previous_result.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/test_util.h"

namespace sceau {
namespace {

std::string StoryResult() {
  return testing::ReadFile(testing::SourcePath("audits/story/2024-surveillance.json"));
}

struct NumberCase {
  const char* name;
  const char* from;  // text of the committed result to replace
  const char* to;
  const char* error;  // empty: parses
};

class PreviousResultNumbers : public ::testing::TestWithParam<NumberCase> {};

TEST_P(PreviousResultNumbers, AreReadWhole) {
  const NumberCase& c = GetParam();
  std::string text = StoryResult();
  size_t at = text.find(c.from);
  ASSERT_NE(at, std::string::npos) << c.from;
  text.replace(at, std::string(c.from).size(), c.to);
  PreviousResult out;
  std::string error;
  bool ok = ParsePreviousResult(text, Policy{}, &out, &error);
  if (std::string(c.error).empty()) {
    EXPECT_TRUE(ok) << error;
  } else {
    EXPECT_FALSE(ok);
    EXPECT_EQ(error, c.error);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PreviousResultNumbers,
    ::testing::Values(
        NumberCase{"Unchanged", "\"format_version\": 1,", "\"format_version\": 1,", ""},
        NumberCase{"VersionWrapsToOne", "\"format_version\": 1,", "\"format_version\": 4294967297,",
                   "sceau-result version 4294967297 is not supported: this sceau reads version 1"},
        NumberCase{"VersionHuge", "\"format_version\": 1,",
                   "\"format_version\": 18446744073709551615,",
                   "sceau-result version 18446744073709551615 is not supported: this sceau reads "
                   "version 1"},
        NumberCase{"VersionFloat", "\"format_version\": 1,", "\"format_version\": 1.0,",
                   "sceau-result version 1.0 is not supported: this sceau reads version 1"},
        NumberCase{"SurveillancesWrap", "\"surveillances_done\": 1,",
                   "\"surveillances_done\": 4294967297,",
                   "lifecycle.surveillances_done is not a count of audits (0 to 100)"},
        NumberCase{"SurveillancesNegative", "\"surveillances_done\": 1,",
                   "\"surveillances_done\": -1,",
                   "lifecycle.surveillances_done is not a count of audits (0 to 100)"},
        NumberCase{"SurveillancesText", "\"surveillances_done\": 1,",
                   "\"surveillances_done\": \"1\",",
                   "lifecycle.surveillances_done is not a count of audits (0 to 100)"}),
    [](const ::testing::TestParamInfo<NumberCase>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace sceau
