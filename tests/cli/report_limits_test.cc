// Whatever `check` accepts renders (SECURITY.md, "Limits"): an organisation name longer than a
// report can print whole is refused by `check` and `audit`, as is a referential with more criteria
// than a report is drawn for; a result read back from JSON with a name far past libharu's string
// limit still renders: the name wrapped on the page, cut with "…" in the metadata.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Edit;
using testing::ReadFile;
using testing::RunSceau;
using testing::Shell;
using testing::SourcePath;
using testing::TempDir;

constexpr char kName[] = "name: \"Association Sentiers et Berges du Pays d'Olbène\"";

std::string WithName(const std::string& name) {
  return Edit(ReadFile(SourcePath("audits/granted.yaml")), kName, "name: \"" + name + "\"");
}

TEST(ReportLimits, OrganisationNameOfFiveHundredCharactersIsAccepted) {
  TempDir dir;
  std::string name(499, 'e');
  name += "é";  // 500 characters, 501 bytes
  std::string file = dir.Write("d.yaml", WithName(name));
  auto r = RunSceau("check '" + file + "' -q");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = RunSceau("audit '" + file + "' --format pdf --out '" + dir.path() + "' -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int status = -1;
  Shell("qpdf --check '" + dir.path() + "/d.pdf'", &status);
  EXPECT_EQ(status, 0);
  // One more character is one too many.
  file = dir.Write("e.yaml", WithName(name + "e"));
  r = RunSceau("check '" + file + "' -q");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(
      r.err.find(file + ":20:9: error: the organisation's name is 501 characters long: at most 500 "
                        "[too-long]\n"),
      std::string::npos)
      << r.err;
}

TEST(ReportLimits, OrganisationNameOfSeventyThousandBytesIsRefusedByCheckAndAudit) {
  TempDir dir;
  std::string file = dir.Write("d.yaml", WithName(std::string(70000, 'n')));
  const std::string diagnostic =
      file +
      ":20:9: error: the organisation's name is 70000 characters long: at most 500 [too-long]\n"
      "   20 |   name: \"" +
      std::string(111, 'n') + "...\n      |         ^" + std::string(111, '~') + "\n";
  auto r = RunSceau("check '" + file + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, diagnostic + file + ": 1 error(s) and 0 warning(s)\n");
  r = RunSceau("audit '" + file + "' --out '" + dir.path() + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, diagnostic + file + ": 1 error(s), 0 warning(s): no report written\n");
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/d.pdf"));
}

TEST(ReportLimits, ResultWithAHugeNameStillRendersItCut) {
  // A JSON result is not checked again: the renderer itself keeps within libharu's limits.
  auto result = nlohmann::json::parse(ReadFile(SourcePath("audits/story/2026-renewal.json")));
  result["organisation"]["name"] = std::string(70000, 'N');
  TempDir dir;
  std::string file = dir.Write("r.json", result.dump(2) + "\n");
  auto r = RunSceau("--lang fr report '" + file + "' --out '" + dir.path() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string pdf = dir.path() + "/r.pdf";
  int status = -1;
  Shell("qpdf --check '" + pdf + "'", &status);
  EXPECT_EQ(status, 0);
  // In the metadata, the title that holds the name is cut to 1,000 characters, the last "…".
  std::string info = Shell("pdfinfo '" + pdf + "'");
  EXPECT_NE(info.find("NNN…"), std::string::npos) << info.substr(0, 300);
  EXPECT_EQ(info.find(std::string(1000, 'N')), std::string::npos);
  // On the cover, the name is wrapped whole, over as many pages as it takes.
  std::string text = testing::Fold(Shell("pdftotext '" + pdf + "' -"));
  EXPECT_GE(std::count(text.begin(), text.end(), 'N'), 70000);
  // In the footers, the name is shortened so that the report's reference shows whole.
  std::smatch footer;
  EXPECT_TRUE(std::regex_search(text, footer, std::regex("NN… — SCEAU-[0-9A-F]{12} Page 2 / ")))
      << text.substr(0, 300);
  // On the certificate, centred on its page, it is cut to what the page holds, ending with "…".
  const std::string before = "certifié que l’organisme ";
  size_t at = text.find(before);
  ASSERT_NE(at, std::string::npos);
  // Its lines up to the "…": nothing but the name's N, a few lines' worth.
  std::string shown = text.substr(at + before.size());
  size_t cut = shown.find("…");
  ASSERT_NE(cut, std::string::npos);
  shown.resize(cut);
  EXPECT_EQ(shown.find_first_not_of("N "), std::string::npos) << shown.substr(0, 200);
  EXPECT_GT(shown.size(), 20u);
  EXPECT_LT(shown.size(), 5000u);
}

// In `dir`: refs/big.yaml, a referential of `criteria` criteria (the minimal one of the schema
// tests, its criteria replaced), and big.yaml, a dossier grading each of them conforming.
std::string GeneratedDossier(const TempDir& dir, int criteria) {
  std::string ref = ReadFile(SourcePath("tests/schema/valid_minimal.yaml"));
  ref = ref.substr(0, ref.find("criteria:\n")) + "criteria:\n";
  std::string dossier = ReadFile(SourcePath("tests/schema/dossier_valid.yaml"));
  dossier = dossier.substr(0, dossier.find("evidence:\n")) +
            "evidence:\n  - {id: E1, kind: interview, title: Entretien, date: 2026-10-12}\n"
            "assessments:\n";
  for (int i = 1; i <= criteria; ++i) {
    ref += "  - {id: C-" + std::to_string(i) +
           ", chapter: \"1\", title: {fr: T, en: T}, requirement: {fr: R, en: R}}\n";
    dossier += "  C-" + std::to_string(i) + ": {grade: C, evidence: [E1]}\n";
  }
  std::string tail = ReadFile(SourcePath("tests/schema/valid_minimal.yaml"));
  ref += tail.substr(tail.find("decision:\n"));
  std::filesystem::create_directory(dir.path() + "/refs");
  dir.Write("refs/big.yaml", ref);
  return dir.Write("big.yaml", dossier);
}

TEST(ReportLimits, ReferentialOverTwentyThousandCriteriaIsRefusedBeforeRendering) {
  TempDir dir;
  std::string dossier = GeneratedDossier(dir, 20001);
  const std::string diagnostic =
      dossier +
      ":9:14: error: referential 'exemple-minimal' has 20001 criteria: a report is drawn for at "
      "most 20000 [too-many-criteria]\n"
      "    9 | referential: {id: exemple-minimal, version: \"2026.1\"}\n"
      "      |              ^\n";
  std::string refs = " --referentials '" + dir.path() + "/refs'";
  auto start = std::chrono::steady_clock::now();
  auto r = RunSceau("check '" + dossier + "'" + refs);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, diagnostic + dossier + ": 1 error(s) and 0 warning(s)\n");
  r = RunSceau("audit '" + dossier + "'" + refs + " --out '" + dir.path() + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, diagnostic + dossier + ": 1 error(s), 0 warning(s): no report written\n");
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/big.pdf"));
  // Refused up front: both commands together take a few seconds, not the minutes of a render.
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 60);
}

TEST(ReportLimits, ReferentialOfTwentyThousandCriteriaIsChecked) {
  TempDir dir;
  std::string dossier = GeneratedDossier(dir, 20000);
  auto r = RunSceau("check '" + dossier + "' --referentials '" + dir.path() + "/refs' -q");
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
}

}  // namespace
}  // namespace sceau
