// Tests of the decision policy's checks (engine/policy_check.h), run by the referential loader:
// a blocking criterion that a grant could compensate is an error, a grant reachable with a major
// nonconformity a warning. Each case edits the outcomes of tests/data/referentials/minimal.yaml.
#include "engine/policy_check.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/referential_loader.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using ::sceau::testing::Edit;
using ::sceau::testing::Headlines;
using ::sceau::testing::ReadFile;
using ::sceau::testing::SourcePath;

const char kRefuse[] =
    "        - any:\n"
    "            - blocking_failed: {min: 1}\n"
    "            - count: {kind: major-nc, min: 1}\n"
    "            - not: {score: {min: 60}}\n";

std::string Load(const std::string& refuse_when, const std::string& conditional_when = "") {
  std::string text = ReadFile(SourcePath("tests/data/referentials/minimal.yaml"));
  text = Edit(text, kRefuse, refuse_when);
  if (!conditional_when.empty()) {
    text = Edit(text, "        - count: {kind: minor-nc, min: 1}\n", conditional_when);
  }
  return Headlines(LoadReferentialFromString("ref.yaml", text).diagnostics);
}

TEST(PolicyCheck, TheShippedMinimalReferentialPasses) { EXPECT_EQ(Load(kRefuse), ""); }

TEST(PolicyCheck, ABlockingCriterionNoOutcomeRefusesOnIsAnError) {
  // Refused on majors and score only: a failed blocking criterion graded minor could be granted
  // with conditions.
  EXPECT_EQ(
      Load("        - any:\n"
           "            - count: {kind: major-nc, min: 1}\n"
           "            - not: {score: {min: 60}}\n"),
      "ref.yaml:64:7: error: outcome 'sous-reserve' (conditional) can be reached with a failed "
      "blocking criterion (such as 'C-2.1'): refuse before it on 'blocking_failed: {min: 1}', "
      "or give it 'blocking_failed: {max: 0}' (a failed blocking criterion means no label, "
      "whatever the score) [unguarded-blocking]");
  // A refusal that needs more than one failure does not refuse on one.
  EXPECT_NE(Load("        - blocking_failed: {min: 2}\n"), "");
  // A refusal that also needs a low score does not either (compensation by the score).
  EXPECT_NE(Load("        - blocking_failed: {min: 1}\n"
                 "        - not: {score: {min: 90}}\n"),
            "");
}

TEST(PolicyCheck, EveryGrantingOutcomeMustExcludeABlockingFailure) {
  EXPECT_EQ(
      Load("        - count: {kind: major-nc, min: 1}\n",
           "        - count: {kind: minor-nc, min: 1}\n"
           "        - blocking_failed: {max: 0}\n"),
      "ref.yaml:68:7: error: outcome 'accorde' (granted) can be reached with a failed blocking "
      "criterion (such as 'C-2.1'): refuse before it on 'blocking_failed: {min: 1}', or give "
      "it 'blocking_failed: {max: 0}' (a failed blocking criterion means no label, whatever "
      "the score) [unguarded-blocking]");
}

TEST(PolicyCheck, AGrantReachableWithAMajorIsAWarning) {
  EXPECT_EQ(Load("        - blocking_failed: {min: 1}\n"),
            "ref.yaml:62:7: warning: outcome 'sous-reserve' (conditional) can be reached with a "
            "major nonconformity: no certification while a major nonconformity is open; refuse "
            "before it on 'count: {kind: major-nc, min: 1}', or give it 'count: {kind: major-nc, "
            "max: 0}' [major-may-grant]");
  // Refusing on the grade code of the only major grade is the same as on its kind.
  EXPECT_EQ(Load("        - any:\n"
                 "            - blocking_failed: {min: 1}\n"
                 "            - count: {grade: NCM, min: 1}\n"),
            "");
}

}  // namespace
}  // namespace sceau
