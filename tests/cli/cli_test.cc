// End-to-end tests of the `sceau` binary: exit codes, what goes to stdout and stderr.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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

TEST(Cli, EveryShippedReferentialValidatesStrictly) {
  auto r = RunSceau("validate --strict referentials/*.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  for (const char* id : {"cedre-iso9001 2026.1", "rse-iso26000 2026.1", "rse-iso26000 2027.1",
                         "cap 2026.1", "cap-proxim 2026.1"}) {
    EXPECT_NE(r.out.find(std::string(": ok: ") + id + ":"), std::string::npos) << id << "\n"
                                                                               << r.out;
  }
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
  auto r =
      RunSceau("validate tests/data/referentials/broken.yaml tests/data/referentials/minimal.yaml");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("minimal.yaml: ok:"), std::string::npos);
  EXPECT_NE(r.err.find("3 errors and 0 warnings in 1 invalid file of 2 files\n"), std::string::npos)
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
  EXPECT_NE(
      RunSceau("--color always validate tests/data/referentials/broken.yaml").err.find('\033'),
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

// ---- audit, check, template --------------------------------------------------------------

size_t FilesIn(const std::string& dir) {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    (void)e;
    ++n;
  }
  return n;
}

TEST(Cli, AuditWritesJsonAndCsvAndSummarises) {
  TempDir dir;
  auto r = RunSceau("--lang fr audit audits/conditional.yaml --out '" + dir.path() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("Décision : Label accordé sous réserve\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Score global : 94,6 %\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Écarts : NCM 0 · NCm 3 · PS 3   (2 points forts)\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Causes racines :\n  C-5.3.2 "), std::string::npos) << r.out;
  EXPECT_NE(ReadFile(dir.path() + "/conditional.json").find("\"decision\": \"conditional\""),
            std::string::npos);
  EXPECT_EQ(ReadFile(dir.path() + "/conditional.csv").substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(ReadFile(dir.path() + "/conditional.pdf").substr(0, 5), "%PDF-");
  EXPECT_EQ(FilesIn(dir.path()), 3u);  // json, csv and pdf by default
}

TEST(Cli, AuditSaysWhereTheCertificateStandsAfterwards) {
  TempDir dir;
  struct Case {
    const char* dossier;
    const char* lang;
    const char* line;
  } cases[] = {
      // A renewal keeps the cycle's anniversary: the cycle began 2023-06-27 (expiry 2026-06-26).
      {"audits/conditional.yaml", "fr",
       "Certificat : renouvelé le 9 juin 2026, valable du 9 juin 2026 au 26 juin 2029 ; "
       "prochain audit : surveillance avant le 9 juin 2027\n"},
      // The open minor became a major: suspended; a new audit within six months of the suspension.
      {"audits/story/2024-surveillance.yaml", "fr",
       "Certificat : suspendu le 26 septembre 2024, valable du 28 septembre 2023 au 27 "
       "septembre 2026 ; prochain audit : surveillance avant le 26 mars 2025\n"},
      {"audits/refused-major.yaml", "en",
       "Certificate: refused on 15 December 2025; next audit: initial audit\n"},
  };
  for (const Case& c : cases) {
    auto r = RunSceau(std::string("audit ") + c.dossier + " --format json --lang " + c.lang +
                      " --out '" + dir.path() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(c.line), std::string::npos) << c.dossier << "\n" << r.out;
  }
}

TEST(Cli, AuditExitsZeroWhateverTheDecision) {
  TempDir dir;
  auto r = RunSceau("audit audits/refused-blocking.yaml --format json --lang en --out '" +
                    dir.path() + "'");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Decision: Label refused\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Blocking criteria failed: C-IAE.2.1\n"), std::string::npos) << r.out;
  EXPECT_EQ(FilesIn(dir.path()), 1u);  // json only
}

TEST(Cli, AuditOfAnInvalidDossierWritesNothingAndKeepsOldReports) {
  TempDir dir;
  std::string old = dir.Write("contradiction.json", "previous report");
  auto r = RunSceau(
      "audit tests/data/dossiers/contradiction.yaml --referentials tests/data/referentials "
      "--out '" +
      dir.path() + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("[contradiction]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("contradiction.yaml: 1 error(s), 0 warning(s): no report written\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(ReadFile(old), "previous report");
  EXPECT_EQ(FilesIn(dir.path()), 1u);
}

TEST(Cli, AuditFindsTheReferentialByIdAndVersion) {
  TempDir dir;
  auto r =
      RunSceau("audit tests/data/dossiers/ok.yaml --referentials tests/data/referentials --out '" +
               dir.path() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // The CSV neutralises a finding that starts with '=' (formula injection).
  EXPECT_NE(ReadFile(dir.path() + "/ok.csv").find(",'=Livret"), std::string::npos);
  auto missing = RunSceau("audit tests/data/dossiers/ok.yaml --referentials referentials");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("error: no referential 'exemple-minimal' in referentials "
                             "[unknown-referential]"),
            std::string::npos)
      << missing.err;
}

TEST(Cli, AuditReportsCoverageOfAnotherFramework) {
  TempDir dir;
  auto r =
      RunSceau("--lang fr audit audits/root-cause.yaml --coverage iso9001 --format json --out '" +
               dir.path() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Couverture iso9001 : 39/39 éléments couverts, 37 entièrement satisfaits\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(ReadFile(dir.path() + "/root-cause.json").find("\"framework\": \"iso9001\""),
            std::string::npos);
  auto bad = RunSceau("--lang fr audit audits/root-cause.yaml --coverage iso26000 --out '" +
                      dir.path() + "'");
  EXPECT_EQ(bad.exit_code, 2);
}

TEST(Cli, DiffListsWhatChangedBetweenTwoVersions) {
  auto r = RunSceau("diff referentials/rse-iso26000.yaml referentials/rse-iso26000-2027.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "rse-iso26000 2026.1 -> rse-iso26000 2027.1: 23 changes");
  EXPECT_NE(r.out.find("  + RSE-4.8 Énergie et mobilité (chapter 4, replaces RSE-4.2, RSE-4.3)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  - RSE-7.4 Contribution à la vie locale\n"), std::string::npos);
  auto json = RunSceau(
      "diff --format json referentials/rse-iso26000.yaml referentials/rse-iso26000-2027.yaml");
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_NE(json.out.find("\"kind\": \"criterion-merged\""), std::string::npos);
  EXPECT_EQ(
      RunSceau("diff referentials/rse-iso26000.yaml tests/data/referentials/broken.yaml").exit_code,
      1);
}

TEST(Cli, MigrateCarriesADossierOverAndDropsNothingSilently) {
  TempDir dir;
  std::string out = dir.path() + "/rse-confirme-2027.yaml";
  auto r =
      RunSceau("migrate audits/rse-confirme.yaml --to referentials/rse-iso26000-2027.yaml --out '" +
               out + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("37 carried, 1 to reassess, 2 merged, 2 split, 1 dropped, 2 new to assess"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  dropped   RSE-7.4: not in 2027.1, and no criterion replaces it\n"),
            std::string::npos);
  std::string written = ReadFile(out);
  EXPECT_NE(written.find("referential: {id: rse-iso26000, version: \"2027.1\"}"), std::string::npos)
      << written.substr(0, 400);
  EXPECT_NE(written.find("RSE-7.4"), std::string::npos);  // kept, as a comment
  // Never overwrites.
  auto again =
      RunSceau("migrate audits/rse-confirme.yaml --to referentials/rse-iso26000-2027.yaml --out '" +
               out + "'");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("exists already"), std::string::npos);
}

TEST(Cli, AuditRejectsUnknownFormats) {
  auto r = RunSceau("audit audits/granted.yaml --format json,docx");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sceau audit: unknown format 'docx': use json, csv, pdf\n");
}

TEST(Cli, CheckValidatesWithoutWriting) {
  auto r = RunSceau("check audits/granted.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("audits/granted.yaml: ok: "), std::string::npos) << r.out;
  auto bad =
      RunSceau("check tests/data/dossiers/broken.yaml --referentials tests/data/referentials");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("[decision-maker-on-team]"), std::string::npos);
  EXPECT_NE(bad.err.find("(did you mean 'PS'?) [unknown-grade]"), std::string::npos);
  EXPECT_NE(bad.err.find("broken.yaml: 2 error(s) and 0 warning(s)\n"), std::string::npos)
      << bad.err;
}

// Every problem in one run: the contradiction of a valid assessment comes with the error of
// another.
TEST(Cli, CheckReportsAContradictionWithTheErrorsOfOtherAssessments) {
  TempDir dir;
  std::string text = ReadFile("tests/data/dossiers/contradiction.yaml");
  std::string from = "C-1.1: {grade: C, evidence: [E1]}";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "C-1.1: {grade: C, evidence: [E9]}");
  std::string path = dir.Write("d.yaml", text);
  auto r = RunSceau("check '" + path + "' --referentials tests/data/referentials");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            path +
                ":20:32: error: the assessment of 'C-1.1' cites unknown evidence 'E9' (did you "
                "mean 'E1'?) [unknown-evidence]\n"
                "   20 |   C-1.1: {grade: C, evidence: [E9]}\n"
                "      |                                ^~\n" +
                path +
                ":27:12: error: criterion 'C-2.2' is graded C, but the referential's check fails "
                "(indicateur taux-sorties-dynamiques : 40 % (attendu : au moins 50 %)): correct "
                "the grade, or justify it with 'override' [contradiction]\n"
                "   27 |     grade: C\n"
                "      |            ^\n" +
                path + ": 2 error(s) and 0 warning(s)\n");
}

// Those contradictions count against the same cap as the file's other diagnostics, and the note
// on the rest comes last.
TEST(Cli, AContradictionFoundWithOtherErrorsCountsAgainstTheCap) {
  TempDir dir;
  std::string text = ReadFile("tests/data/dossiers/contradiction.yaml");
  std::string from = "C-1.1: {grade: C, evidence: [E1]}";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "C-1.1: {grade: C, evidence: [E9]}");
  std::string path = dir.Write("d.yaml", text);
  auto r =
      RunSceau("--max-diagnostics 1 check '" + path + "' --referentials tests/data/referentials");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            path +
                ":20:32: error: the assessment of 'C-1.1' cites unknown evidence 'E9' (did you "
                "mean 'E1'?) [unknown-evidence]\n"
                "   20 |   C-1.1: {grade: C, evidence: [E9]}\n"
                "      |                                ^~\n" +
                path +
                ": note: 1 more error not shown: only the first 1 diagnostics of a file are kept "
                "(--max-diagnostics N changes it, 0 shows all) [too-many-diagnostics]\n" +
                path + ": 2 error(s) and 0 warning(s)\n");
}

TEST(Cli, TemplateListsTheCriteriaThatApply) {
  auto r = RunSceau(
      "--lang fr template referentials/cedre-iso9001.yaml --kind ETTI --headcount 40 --sites 1");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("referential: {id: cedre-iso9001, version: \"2026.1\"}\n"),
            std::string::npos);
  EXPECT_NE(r.out.find("  C-IAE.5.2:\n"), std::string::npos);  // AI and ETTI only
  EXPECT_EQ(r.out.find("  C-IAE.5.1:\n"), std::string::npos);  // ACI and EI only
  EXPECT_EQ(r.out.find("  C-5.3.2:\n"), std::string::npos);    // 2 sites or more
  EXPECT_NE(r.out.find("[BLOQUANT]"), std::string::npos);
  EXPECT_NE(r.out.find("# PF | C | PP | PS | NCm | NCM | NA"), std::string::npos);  // C-7.1.5
  EXPECT_NE(r.out.find("# PF | C | PP | PS | NCm | NCM\n"), std::string::npos);  // no NA elsewhere
  // A filled-in template is a dossier: an empty one names what is missing.
  TempDir dir;
  std::string path = dir.Write("d.yaml", r.out);
  auto check = RunSceau("check '" + path + "'");
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.err.find("'name' of 'organisation' is empty [missing-key]"), std::string::npos)
      << check.err.substr(0, 2000);
  // A blank decision maker is reported at its key; a blank indicator counts as not measured.
  EXPECT_NE(check.err.find(":25:3: error: 'decision_maker' of 'audit' is empty"), std::string::npos)
      << check.err.substr(0, 2000);
  EXPECT_EQ(check.err.find("must be a number, not null"), std::string::npos);
}

TEST(Cli, TemplateNeverOverwritesAndChecksTheKind) {
  TempDir dir;
  std::string existing = dir.Write("d.yaml", "mine");
  auto r = RunSceau("template referentials/cedre-iso9001.yaml --kind ACI --out '" + existing + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(ReadFile(existing), "mine");
  EXPECT_EQ(RunSceau("template referentials/cedre-iso9001.yaml --kind SCOP").exit_code, 2);
  auto fresh = RunSceau("template referentials/cedre-iso9001.yaml --kind ACI --out '" + dir.path() +
                        "/new.yaml'");
  EXPECT_EQ(fresh.exit_code, 0);
  EXPECT_NE(ReadFile(dir.path() + "/new.yaml").find("  C-IAE.5.1:\n"), std::string::npos);
}

}  // namespace
}  // namespace sceau
