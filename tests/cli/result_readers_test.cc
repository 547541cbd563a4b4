// Every command that reads back a JSON result gives the same verdict and the same message on the
// same malformed file: `report`, `summary`, `register record`, a dossier's `previous` (through
// `check`), `sign` and `verify`. Each case is fed to each command through the built binary; the
// message each prints is the one ReadSceauJson (engine/result_reader.h) gives, framed by the
// command's own prefix.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/result_reader.h"
#include "engine/sha256.h"
#include "reports/signing.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using Json = nlohmann::ordered_json;
using testing::Edit;
using testing::ReadFile;
using testing::RunSceau;
using testing::SourcePath;
using testing::TempDir;

std::string Q(const std::string& path) { return "'" + path + "'"; }

// A result written by sceau: the first audit of the story (a granted initial audit).
std::string Base() { return ReadFile(SourcePath("audits/story/2023-initial.json")); }

std::string Modified(void (*change)(Json&)) {
  Json j = Json::parse(Base());
  change(j);
  return j.dump(2) + "\n";
}

struct Case {
  std::string name;
  std::string text;
  std::string message;  // ReadSceauJson's; empty: only checked to be the same everywhere
  // Commands that accept this file (a group result is recorded, a summary rendered).
  bool report_accepts = false, summary_ignores = false, register_accepts = false;
};

std::vector<Case> Cases() {
  const std::string base = Base();
  const std::string version = "\"format_version\": 1,";
  const std::string unsupported = "is not supported: this sceau reads version 1";
  std::vector<Case> cases = {
      {"VersionFloat", Edit(base, version, "\"format_version\": 1.5,"),
       "sceau-result version 1.5 " + unsupported},
      {"VersionOneFloat", Edit(base, version, "\"format_version\": 1.0,"),
       "sceau-result version 1.0 " + unsupported},
      {"VersionTwo", Edit(base, version, "\"format_version\": 2,"),
       "sceau-result version 2 " + unsupported},
      {"VersionString", Edit(base, version, "\"format_version\": \"1\","),
       "sceau-result version \"1\" " + unsupported},
      {"VersionMissing", Edit(base, version, ""),
       "a sceau-result without format_version: this sceau reads version 1"},
      {"VersionWrapsToOne", Edit(base, version, "\"format_version\": 4294967297,"),
       "sceau-result version 4294967297 " + unsupported},
      {"SurveillancesTooLarge",
       Modified([](Json& j) { j["lifecycle"]["surveillances_done"] = 4294967296LL; }),
       "lifecycle.surveillances_done is not a count of audits (0 to 100)"},
      {"NameNotAString", Modified([](Json& j) { j["organisation"]["name"] = 5; }),
       "organisation.name is not a string"},
      {"KindMissing", Modified([](Json& j) { j["organisation"].erase("kind"); }),
       "organisation.kind is missing"},
      {"ScoreNotANumber", Modified([](Json& j) { j["score"]["percent"] = "81.5"; }),
       "score.percent is not a number"},
      {"AuditEndNotADate", Modified([](Json& j) { j["audit"]["end"] = "2023-13-45"; }),
       "audit.end is not a date (YYYY-MM-DD): '2023-13-45'"},
      {"AuditNotAnObject", Modified([](Json& j) { j["audit"] = Json::array(); }),
       "'audit' is not an object"},
      {"NotAnObject", "[1, 2]\n", "not a sceau-result (its \"format\" is not \"sceau-result\")"},
      {"Truncated", base.substr(0, base.size() / 2), ""},
      {"Empty", "", ""},
      {"SummaryGiven", ReadFile(SourcePath("tests/data/results/summary-network.json")),
       "not a sceau-result (its \"format\" is not \"sceau-result\")", /*report_accepts=*/true,
       /*summary_ignores=*/true},
      {"GroupGiven", ReadFile(SourcePath("tests/data/results/group-granted.json")),
       "not a sceau-result (its \"format\" is not \"sceau-result\")", /*report_accepts=*/true,
       /*summary_ignores=*/true, /*register_accepts=*/true},
  };
  return cases;
}

class ResultReaders : public ::testing::TestWithParam<Case> {};

TEST_P(ResultReaders, GiveTheSameMessageInEveryCommand) {
  const Case& c = GetParam();
  ReadError error;
  ASSERT_FALSE(ReadSceauJson(c.text, {ResultFormat::kMember}, &error).has_value());
  const std::string m = error.message;
  if (!c.message.empty()) {
    EXPECT_EQ(m, c.message);
  } else {
    EXPECT_EQ(error.code, "not-json");
    EXPECT_EQ(m.rfind("not a JSON file: parse error at line ", 0), 0u) << m;
  }

  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/results");
  std::filesystem::create_directories(dir.path() + "/check");
  std::string file = dir.Write("result.json", c.text);

  // sceau report
  auto r = RunSceau("report " + Q(file) + " --out " + Q(dir.path() + "/out"));
  if (c.report_accepts) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
  } else {
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, file + ": error: " + m + "\n");
  }

  // sceau summary, on a folder holding the file alone
  std::string folder = dir.path() + "/results";
  std::string in_folder = dir.Write("results/r.json", c.text);
  r = RunSceau("summary " + Q(folder) + " --out " + Q(dir.path() + "/summary"));
  if (c.summary_ignores) {
    EXPECT_EQ(r.err.find("left out"), std::string::npos) << r.err;
  } else {
    EXPECT_EQ(r.err, in_folder + ": warning: left out of the summary: " + m + "\n");
  }

  // sceau register record
  r = RunSceau("register --db " + Q(dir.path() + "/register.sqlite3") + " record " + Q(file) +
               " --by Test");
  if (c.register_accepts) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
  } else {
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "sceau register record: " + file + ": " + m + "\n");
  }

  // A dossier's `previous`: the second audit of the story, its previous result replaced.
  dir.Write("check/2023-initial.json", c.text);
  std::string dossier = dir.Write("check/2024-surveillance.yaml",
                                  ReadFile(SourcePath("audits/story/2024-surveillance.yaml")));
  r = RunSceau("check " + Q(dossier));
  EXPECT_EQ(r.exit_code, 1);
  std::string expected = "error: the previous result '2023-initial.json' cannot be used: " + m;
  EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n" << r.err;

  // sceau sign and sceau verify
  auto keygen = RunSceau("keygen --out " + Q(dir.path() + "/k"));
  ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
  r = RunSceau("sign " + Q(file) + " --key " + Q(dir.path() + "/k.key"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "sceau sign: " + file + ": not a sceau result: " + m + "\n");
  PrivateKey key;
  std::string why;
  ASSERT_TRUE(PrivateKey::FromPem(ReadFile(dir.path() + "/k.key"), &key, &why)) << why;
  Signature s;
  s.key_id = key.id();
  s.sha256 = Sha256Hex(c.text);
  ASSERT_TRUE(key.Sign(c.text, &s.signature, &why)) << why;
  dir.Write("result.json.sig", SignatureToJson(s));
  r = RunSceau("verify " + Q(file) + " --key " + Q(dir.path() + "/k.pub"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "INVALID: signed by key " + key.id() +
                       ", but not a sceau result this build reads: " + m + "\n");
}

INSTANTIATE_TEST_SUITE_P(Cases, ResultReaders, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& p) { return p.param.name; });

// The reverse: a member's result where a group's is expected.
TEST(ResultReaders, RefuseAMemberResultWhereAGroupResultIsExpected) {
  ReadError error;
  EXPECT_FALSE(ReadSceauJson(Base(), {ResultFormat::kGroup}, &error).has_value());
  EXPECT_EQ(error.code, "wrong-format");
  EXPECT_EQ(error.message,
            "not a sceau-group-result (its \"format\" is not \"sceau-group-result\")");
  EXPECT_EQ(error.format, "sceau-result");
}

TEST(ResultReaders, ReadAResultWrittenBySceau) {
  ReadError error;
  auto doc = ReadSceauJson(Base(), {ResultFormat::kMember}, &error);
  ASSERT_TRUE(doc.has_value()) << error.message;
  EXPECT_EQ(doc->format, ResultFormat::kMember);
  EXPECT_EQ(doc->head.referential_id, "cedre-iso9001");
  EXPECT_EQ(doc->head.audit_kind, "initial");
  EXPECT_EQ(doc->head.decision_date.ToString(), "2023-09-28");
  ASSERT_TRUE(doc->head.lifecycle.has_value());
  EXPECT_EQ(doc->head.lifecycle->state, "granted");
}

}  // namespace
}  // namespace sceau
