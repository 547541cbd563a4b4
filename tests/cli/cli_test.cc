// End-to-end tests of the `sceau` binary: exit codes, what goes to stdout and stderr.
#include <fstream>

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::ReadFile;
using testing::RunSceau;
using testing::TempDir;

TEST(Cli, VersionAndHelp) {
  auto r = RunSceau("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "sceau 0.1.0\n");
  r = RunSceau("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("validate"), std::string::npos);
  EXPECT_NE(r.out.find("graph"), std::string::npos);
  EXPECT_NE(r.out.find("Exit codes: 0 success, 1 invalid input"), std::string::npos);
  r = RunSceau("validate --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--strict"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(RunSceau("").exit_code, 2);
  EXPECT_EQ(RunSceau("frobnicate").exit_code, 2);
  EXPECT_EQ(RunSceau("validate").exit_code, 2);  // FILE is required
  EXPECT_EQ(RunSceau("validate --no-such-flag tests/data/referentials/minimal.yaml").exit_code, 2);
  auto r = RunSceau("graph --format png tests/data/referentials/minimal.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("png"), std::string::npos);
}

TEST(Cli, ValidateAcceptsAValidFileAndSummarisesIt) {
  auto r = RunSceau("validate tests/data/referentials/minimal.yaml");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            "tests/data/referentials/minimal.yaml: ok: exemple-minimal 2026.1: 4 criteria in 2 "
            "chapters, 1 prerequisite link, longest chain 1, 1 blocking criterion\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(RunSceau("-q validate tests/data/referentials/minimal.yaml").out, "");
}

TEST(Cli, ValidateReportsEveryErrorAndExitsOne) {
  auto r = RunSceau("validate tests/data/referentials/broken.yaml");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "tests/data/referentials/broken.yaml:19:5: error: unknown key 'wieght' in criterion "
            "'C-1' (did you mean 'weight'?) [unknown-key]\n"
            "   19 |     wieght: 2\n"
            "      |     ^~~~~~\n"
            "tests/data/referentials/broken.yaml:21:14: error: criterion 'C-2' names unknown "
            "chapter '2' (did you mean '1'?) [unknown-chapter]\n"
            "   21 |     chapter: \"2\"\n"
            "      |              ^~~\n"
            "tests/data/referentials/broken.yaml:24:16: error: criterion 'C-2' requires unknown "
            "criterion 'C-3' (did you mean 'C-1'?) [unknown-criterion]\n"
            "   24 |     requires: [C-3]\n"
            "      |                ^~~\n"
            "3 errors and 0 warnings in 1 invalid file of 1 file\n");
}

TEST(Cli, ValidateCountsAcrossFiles) {
  auto r = RunSceau("validate tests/data/referentials/broken.yaml tests/data/referentials/minimal.yaml");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("minimal.yaml: ok:"), std::string::npos);
  EXPECT_NE(r.err.find("3 errors and 0 warnings in 1 invalid file of 2 files\n"),
            std::string::npos)
      << r.err;
}

TEST(Cli, WarningsFailOnlyWithStrict) {
  auto r = RunSceau("validate tests/data/referentials/warns.yaml");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err,
            "tests/data/referentials/warns.yaml:31:12: warning: the title of criterion 'C-1.2' has "
            "no 'en' text [missing-translation]\n"
            "   31 |     title: Livret d'accueil\n"
            "      |            ^~~~~~~~~~~~~~~~\n"
            "0 errors and 1 warning in 0 invalid files of 1 file\n");
  r = RunSceau("validate --strict tests/data/referentials/warns.yaml");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("rejected (--strict)"), std::string::npos);
  EXPECT_NE(r.err.find("in 1 invalid file of 1 file"), std::string::npos);
}

TEST(Cli, ValidateReportsUnreadableInput) {
  auto r = RunSceau("validate no/such/file.yaml tests");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "no/such/file.yaml: error: cannot read file: No such file or directory [io-error]\n"
            "tests: error: is a directory, not a file [io-error]\n"
            "2 errors and 0 warnings in 2 invalid files of 2 files\n");
}

TEST(Cli, ColourOnlyWhenAskedOrOnATerminal) {
  // Under test, stderr is a file: no colour by default.
  EXPECT_EQ(RunSceau("validate tests/data/referentials/broken.yaml").err.find('\033'),
            std::string::npos);
  EXPECT_NE(RunSceau("--color always validate tests/data/referentials/broken.yaml").err.find('\033'),
            std::string::npos);
}

TEST(Cli, GraphWritesDotJsonAndSummary) {
  auto r = RunSceau("graph tests/data/referentials/minimal.yaml");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("digraph criteria {"), std::string::npos);
  EXPECT_NE(r.out.find("  \"C-1.1\" -> \"C-1.2\";\n"), std::string::npos) << r.out;
  r = RunSceau("graph --format json --criterion C-1.2 tests/data/referentials/minimal.yaml");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("\"focus\": \"C-1.2\""), std::string::npos);
  EXPECT_NE(r.out.find("\"edges\": [\n    [\n      \"C-1.1\",\n      \"C-1.2\"\n    ]\n  ]"),
            std::string::npos)
      << r.out;
  r = RunSceau("graph --format summary --criterion C-1.1 tests/data/referentials/minimal.yaml");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("    a failure impacts: C-1.2\n"), std::string::npos) << r.out;
}

TEST(Cli, GraphRejectsAnUnknownCriterion) {
  auto r = RunSceau("graph --criterion C-1.3 tests/data/referentials/minimal.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "sceau graph: tests/data/referentials/minimal.yaml has no criterion 'C-1.3' (did you "
            "mean 'C-1.1'?)\n");
}

TEST(Cli, GraphOfAnInvalidFileExitsOneAndWritesNothing) {
  TempDir dir;
  std::string out = dir.path() + "/g.dot";
  auto r = RunSceau("graph tests/data/referentials/broken.yaml -o '" + out + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(std::ifstream(out).good());
  r = RunSceau("graph tests/data/referentials/minimal.yaml -o '" + out + "'");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(ReadFile(out).find("digraph criteria {"), std::string::npos);
}

}  // namespace
}  // namespace sceau
