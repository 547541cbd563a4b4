// Tests of the command line as a library (cli/commands.h): a command run in process writes what the
// `sceau` binary writes, byte for byte, and returns the same exit code; the environment and the
// streams given are the only ones it uses.
#include "cli/commands.h"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace sceau::cli {
namespace {

using testing::ReadFile;
using testing::RunResult;
using testing::RunSceau;
using testing::SourcePath;
using testing::TempDir;

// The environment of this process, stderr not a terminal (as under RunSceau, which redirects it).
Environment TestEnvironment() {
  Environment env = Environment::FromProcess();
  env.stderr_is_terminal = false;
  // As under RunSceau: LANG=kTestLocale and no other locale variable.
  for (const char* name : {"LC_ALL", "LC_MESSAGES"}) env.variables.erase(name);
  env.variables["LANG"] = testing::kTestLocale;
  return env;
}

RunResult InProcess(const std::vector<std::string>& args, const Environment& env) {
  std::ostringstream out, err;
  RunResult r;
  r.exit_code = RunCommand(args, out, err, env);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// Runs `args` in process and through the binary; expects the same exit code, stdout and stderr.
// Returns the in-process result.
RunResult Both(const std::vector<std::string>& args) {
  RunResult in = InProcess(args, TestEnvironment());
  std::string line;
  for (const std::string& a : args) {
    std::string quoted = "'";
    for (char c : a) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += quoted + "' ";
  }
  SCOPED_TRACE(line);
  RunResult bin = RunSceau(line);
  EXPECT_EQ(in.exit_code, bin.exit_code);
  EXPECT_EQ(in.out, bin.out);
  EXPECT_EQ(in.err, bin.err);
  return in;
}

TEST(RunCommand, ValidateOkAsTheBinary) {
  const std::string file = SourcePath("tests/data/referentials/minimal.yaml");
  RunResult r = Both({"validate", file});
  EXPECT_EQ(r.exit_code, kExitOk);
  EXPECT_EQ(r.out, file +
                       ": ok: exemple-minimal 2026.1: 4 criteria in 2 chapters, 1 prerequisite "
                       "link, longest chain 1, 1 blocking criterion\n");
  EXPECT_EQ(r.err, "");
}

TEST(RunCommand, ValidateWithErrorsAsTheBinary) {
  RunResult r = Both({"validate", SourcePath("tests/data/referentials/broken.yaml")});
  EXPECT_EQ(r.exit_code, kExitInvalid);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(r.err.ends_with("\n3 errors and 0 warnings in 1 invalid file of 1 file\n")) << r.err;
  EXPECT_EQ(r.err.find("\033["), std::string::npos);  // not a terminal: no colour
}

TEST(RunCommand, CheckAsTheBinary) {
  const std::string dossier = SourcePath("audits/granted.yaml");
  RunResult r = Both({"check", dossier, "--referentials", SourcePath("referentials")});
  EXPECT_EQ(r.exit_code, kExitOk);
  EXPECT_EQ(r.out, dossier +
                       ": ok: Association Sentiers et Berges du Pays d'Olbène (ACI), audit "
                       "AUD-2026-014 against cedre-iso9001 2026.1: 52 assessments, 25 evidence "
                       "items, 0 warning(s)\n");
  EXPECT_EQ(r.err, "");
}

TEST(RunCommand, AuditToAFolderAsTheBinary) {
  TempDir dir;
  const std::vector<std::string> args = {"--lang",         "fr",
                                         "audit",          SourcePath("audits/granted.yaml"),
                                         "--referentials", SourcePath("referentials"),
                                         "--out",          dir.path(),
                                         "--format",       "json,csv"};
  RunResult in = InProcess(args, TestEnvironment());
  ASSERT_EQ(in.exit_code, kExitOk) << in.err;
  const std::string json = ReadFile(dir.path() + "/granted.json");
  const std::string csv = ReadFile(dir.path() + "/granted.csv");
  EXPECT_TRUE(
      in.out.ends_with(" : " + dir.path() + "/granted.json, " + dir.path() + "/granted.csv\n"))
      << in.out;
  std::filesystem::remove(dir.path() + "/granted.json");
  std::filesystem::remove(dir.path() + "/granted.csv");
  RunResult both = Both(args);  // the binary writes the same files again
  EXPECT_EQ(both.out, in.out);
  EXPECT_EQ(ReadFile(dir.path() + "/granted.json"), json);
  EXPECT_EQ(ReadFile(dir.path() + "/granted.csv"), csv);
}

TEST(RunCommand, GraphAsTheBinary) {
  RunResult r = Both({"graph", SourcePath("tests/data/referentials/minimal.yaml")});
  EXPECT_EQ(r.exit_code, kExitOk);
  EXPECT_TRUE(r.out.starts_with("// exemple-minimal 2026.1: criteria and their prerequisites"))
      << r.out;
  EXPECT_TRUE(r.out.ends_with("  \"C-1.1\" -> \"C-1.2\";\n}\n")) << r.out;
  r = Both({"graph", SourcePath("tests/data/referentials/minimal.yaml"), "--criterion", "C-9"});
  EXPECT_EQ(r.exit_code, kExitUsage);
  EXPECT_EQ(r.out, "");
}

TEST(RunCommand, PlanAsTheBinary) {
  RunResult r = Both(
      {"--lang", "fr", "plan", SourcePath("audits/multisite-ai-9-sites.yaml"), "--seed", "42"});
  EXPECT_EQ(r.exit_code, kExitOk);
  EXPECT_TRUE(r.out.starts_with("Plan d'audit ")) << r.out;
  EXPECT_EQ(r.err, "");
  r = Both({"plan", SourcePath("audits/granted.yaml"), "--format", "json", "--lang", "en"});
  EXPECT_EQ(r.exit_code, kExitOk);
  EXPECT_TRUE(r.out.starts_with("{\n  \"format\": \"sceau-plan\",\n")) << r.out;
  r = Both({"plan", SourcePath("audits/granted.yaml"), "--seed", "-1"});
  EXPECT_EQ(r.exit_code, kExitUsage);
  EXPECT_EQ(r.err,
            "sceau plan: --seed '-1' is not a whole number from 0 to 18446744073709551615\n");
}

// The byte offset in a message counts the byte order mark the plan's reader skips.
TEST(RunCommand, PlanQuotesByteOffsetsPastAByteOrderMark) {
  TempDir dir;
  const std::string path = dir.Write("bom.yaml", "\xEF\xBB\xBForganisation: \xE9\n");
  RunResult r = Both({"plan", path});
  EXPECT_EQ(r.exit_code, kExitInvalid);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(r.err.starts_with(path +
                                ":1:15: error: invalid UTF-8 byte 0xE9 at byte offset 17: the "
                                "file must be UTF-8 text [invalid-utf8]\n"))
      << r.err;
  EXPECT_TRUE(r.err.ends_with(path + ": 1 error(s): no plan\n")) << r.err;
}

TEST(RunCommand, SubcommandHelpAsTheBinary) {
  RunResult r = Both({"plan", "--help"});
  EXPECT_EQ(r.exit_code, kExitOk);
  EXPECT_TRUE(
      r.out.starts_with("Estimate the audit time (IAF MD 5) and draw the sites to visit "
                        "(IAF MD 1)\nUsage: sceau plan [OPTIONS] DOSSIER\n"))
      << r.out;
  EXPECT_EQ(r.err, "");
  r = Both({"register", "show", "--help"});
  EXPECT_EQ(r.exit_code, kExitOk);
  EXPECT_TRUE(r.out.starts_with("Show a certificate and its full history\n")) << r.out;
}

TEST(RunCommand, EveryCommandOfTheTableHasItsHelp) {
  for (const Command& c : Commands()) {
    SCOPED_TRACE(c.name);
    RunResult r = InProcess({c.name, "--help"}, TestEnvironment());
    EXPECT_EQ(r.exit_code, kExitOk);
    EXPECT_TRUE(r.out.starts_with(std::string(c.description) + "\nUsage: sceau " + c.name + " "))
        << r.out;
  }
  RunResult top = Both({"--help"});
  EXPECT_EQ(top.exit_code, kExitOk);
  for (const Command& c : Commands()) {
    EXPECT_NE(top.out.find(std::string("  ") + c.name + " "), std::string::npos) << c.name;
  }
}

TEST(RunCommand, UsageErrorsAsTheBinary) {
  RunResult r =
      Both({"validate", "--no-such-flag", SourcePath("tests/data/referentials/minimal.yaml")});
  EXPECT_EQ(r.exit_code, kExitUsage);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "The following argument was not expected: --no-such-flag\n"
            "Run with --help for more information.\n");
  EXPECT_EQ(Both({"frobnicate"}).exit_code, kExitUsage);
  EXPECT_EQ(Both({}).exit_code, kExitUsage);
  EXPECT_EQ(Both({"register"}).exit_code, kExitUsage);
}

// Colour follows the environment given, not the process's.
TEST(RunCommand, ColoursWhenTheEnvironmentSaysStderrIsATerminal) {
  const std::string file = SourcePath("tests/data/referentials/broken.yaml");
  Environment env;
  env.stderr_is_terminal = true;
  RunResult r = InProcess({"validate", file}, env);
  EXPECT_EQ(r.exit_code, kExitInvalid);
  EXPECT_NE(r.err.find("\033["), std::string::npos);
  env.variables["NO_COLOR"] = "1";
  EXPECT_EQ(InProcess({"validate", file}, env).err.find("\033["), std::string::npos);
  env.variables.erase("NO_COLOR");
  env.variables["TERM"] = "dumb";
  EXPECT_EQ(InProcess({"validate", file}, env).err.find("\033["), std::string::npos);
  env.variables.erase("TERM");
  EXPECT_EQ(InProcess({"--color", "never", "validate", file}, env).err.find("\033["),
            std::string::npos);
}

// $SCEAU_REFERENTIALS is read from the environment given.
TEST(RunCommand, ReadsTheReferentialsFolderFromTheEnvironmentGiven) {
  TempDir dir;
  const std::string dossier =
      dir.Write("ok.yaml", ReadFile(SourcePath("tests/data/dossiers/ok.yaml")));
  Environment env;
  env.variables["SCEAU_REFERENTIALS"] = SourcePath("tests/data/referentials");
  RunResult r = InProcess({"check", dossier}, env);
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  env.variables["SCEAU_REFERENTIALS"] = dir.path();  // no referential there
  r = InProcess({"check", dossier}, env);
  EXPECT_EQ(r.exit_code, kExitInvalid);
}

// The log (-v) goes to the stream given for the run, and the logger is put back afterwards.
TEST(RunCommand, LogsToTheStreamGiven) {
  const std::string file = SourcePath("tests/data/referentials/minimal.yaml");
  auto before = spdlog::default_logger();
  RunResult r = InProcess({"-v", "validate", file}, TestEnvironment());
  EXPECT_EQ(r.exit_code, kExitOk);
  EXPECT_TRUE(r.err.starts_with("sceau: info: " + file + ": loaded in ")) << r.err;
  EXPECT_EQ(spdlog::default_logger(), before);
  r = InProcess({"validate", file}, TestEnvironment());  // warnings only: no info line
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace sceau::cli
