// The auditor's spreadsheet from the command line: `template --format xlsx`, then `check`,
// `audit`, `batch` and `import` on the grid, as written by sceau and as saved again by LibreOffice
// and by openpyxl.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace sceau {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::RunSceau;
using testing::Shell;
using testing::TempDir;

std::string Q(const std::string& s) { return "'" + s + "'"; }

nlohmann::json Result(const std::string& path) {
  nlohmann::json j = nlohmann::json::parse(ReadFile(path));
  j["inputs"].erase("dossier");  // the file audited: its own path and hash
  return j;
}

// A filled grid of a sample dossier, imported back, is the same data; its audit is the YAML's,
// byte for byte but for the dossier's own path and hash; so are the grid's copies saved by
// LibreOffice (as .xlsx and .ods) and by openpyxl.
TEST(GridCli, AFilledGridAuditsAsItsDossierAfterEveryProgramSavesIt) {
  TempDir dir;
  const std::string d = dir.path();
  Shell("cp audits/rse-confirme.yaml audits/refused-major.yaml " + Q(d));
  for (const std::string stem : {"rse-confirme", "refused-major"}) {
    SCOPED_TRACE(stem);
    const std::string yaml = d + "/" + stem + ".yaml";
    const std::string ref = stem == "rse-confirme" ? "referentials/rse-iso26000.yaml"
                                                   : "referentials/cedre-iso9001.yaml";
    auto t = RunSceau("template " + ref + " --format xlsx --from " + Q(yaml) + " --out " +
                      Q(d + "/" + stem + "-grid.xlsx"));
    ASSERT_EQ(t.exit_code, 0) << t.err;
    // LibreOffice saves it as .ods and again as .xlsx; openpyxl loads and saves it.
    int status = -1;
    Shell("cd " + Q(d) + " && mkdir -p lo && LC_ALL=C.UTF-8 timeout 180 soffice --headless " +
              "-env:UserInstallation=file://" + d + "/profile --convert-to ods --outdir lo " +
              stem + "-grid.xlsx && cd lo && LC_ALL=C.UTF-8 timeout 180 soffice --headless " +
              "-env:UserInstallation=file://" + d + "/profile --convert-to xlsx " + stem +
              "-grid.ods",
          &status);
    ASSERT_EQ(status, 0) << "soffice (Debian libreoffice-calc-nogui, installed by scripts/test.sh)";
    Shell(Q(SCEAU_PYTHON) +
              " -c 'import sys, openpyxl; b = openpyxl.load_workbook(sys.argv[1]); "
              "b.save(sys.argv[2])' " +
              Q(d + "/" + stem + "-grid.xlsx") + " " + Q(d + "/" + stem + "-py.xlsx"),
          &status);
    ASSERT_EQ(status, 0) << "python3-openpyxl";

    TempDir out;
    auto a = RunSceau("audit " + Q(yaml) + " --out " + out.path() + " -q --format json");
    ASSERT_EQ(a.exit_code, 0) << a.err;
    nlohmann::json expected = Result(out.path() + "/" + stem + ".json");
    for (const std::string& grid : {stem + "-grid.xlsx", "lo/" + stem + "-grid.ods",
                                    "lo/" + stem + "-grid.xlsx", stem + "-py.xlsx"}) {
      SCOPED_TRACE(grid);
      auto c = RunSceau("check " + Q(d + "/" + grid));
      EXPECT_EQ(c.exit_code, 0) << c.err;
      TempDir o2;
      auto g = RunSceau("audit " + Q(d + "/" + grid) + " --out " + o2.path() + " -q --format json");
      ASSERT_EQ(g.exit_code, 0) << g.err;
      std::string stem2 = fs::path(grid).stem().string();
      EXPECT_EQ(Result(o2.path() + "/" + stem2 + ".json").dump(1), expected.dump(1));
      // Imported back as YAML: the same data as the dossier it came from.
      std::string back = d + "/" + stem2 + "-" + std::to_string(grid.size()) + ".yaml";
      auto i = RunSceau("import " + Q(d + "/" + grid) + " -o " + Q(back));
      ASSERT_EQ(i.exit_code, 0) << i.err;
      Shell(Q(SCEAU_PYTHON) +
                " -c 'import sys, yaml; a = yaml.safe_load(open(sys.argv[1])); "
                "b = yaml.safe_load(open(sys.argv[2])); sys.exit(0 if a == b else 1)' " +
                Q(yaml) + " " + Q(back),
            &status);
      EXPECT_EQ(status, 0) << ReadFile(back).substr(0, 2000);
    }
  }
}

// A blank grid of the CEDRE label, with one grade typed wrong: the diagnostic names the cell in
// the sheet's own name, and the dossier's other problems come in the same run.
TEST(GridCli, ABlankGridSaysWhatIsMissingCellByCell) {
  TempDir dir;
  const std::string grid = dir.path() + "/grille.xlsx";
  auto t = RunSceau(
      "template referentials/cedre-iso9001.yaml --kind ACI --format xlsx --lang fr "
      "--out " +
      Q(grid));
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_EQ(t.out, "Écrit : " + grid + " ; le remplir dans un tableur puis lancer « sceau check " +
                       grid + " »\n");
  // Never over an existing file.
  auto again = RunSceau("template referentials/cedre-iso9001.yaml --kind ACI --format xlsx --out " +
                        Q(grid));
  EXPECT_EQ(again.exit_code, 1);
  // The first criterion's grade, typed "NC", with openpyxl: find its row by the criterion id.
  int status = -1;
  Shell(Q(SCEAU_PYTHON) +
            " -c 'import sys, openpyxl\n"
            "b = openpyxl.load_workbook(sys.argv[1]); s = b[\"Évaluations\"]\n"
            "keys = [c.value for c in s[3]]\n"
            "col = keys.index(\"grade\") + 1\n"
            "s.cell(row=4, column=col).value = \"NC\"\n"
            "s.cell(row=5, column=col).value = \"C\"\n"
            "b.save(sys.argv[1])' " +
            Q(grid),
        &status);
  ASSERT_EQ(status, 0);
  auto c = RunSceau("check " + Q(grid));
  EXPECT_EQ(c.exit_code, 1);
  EXPECT_NE(c.err.find(grid + ":Évaluations!D4: error: "), std::string::npos) << c.err;
  EXPECT_NE(c.err.find("'NC'"), std::string::npos) << c.err;
  EXPECT_NE(c.err.find("error: grade 'NC' is not on scale 'grades' of criterion 'C-4.1' (PF, C, "
                       "PP, PS, NCm, NCM, NA) (did you mean 'C'?) [unknown-grade]"),
            std::string::npos)
      << c.err;
  // The organisation's name, left blank, is named at its cell of the Dossier sheet.
  EXPECT_NE(c.err.find(grid + ":Dossier!B4: error: "), std::string::npos) << c.err;
  // No line numbers of a YAML file the auditor never saw.
  EXPECT_EQ(c.err.find(grid + ":1"), std::string::npos) << c.err;
  // Nothing is imported from a grid that does not check.
  auto i = RunSceau("import " + Q(grid) + " -o " + Q(dir.path() + "/d.yaml"));
  EXPECT_EQ(i.exit_code, 1);
  EXPECT_FALSE(fs::exists(dir.path() + "/d.yaml"));
  // Nor is a grid made from a dossier that does not.
  dir.Write("broken.yaml", testing::Edit(ReadFile("audits/granted.yaml"), "C-4.1:\n    grade: C\n",
                                         "C-4.1:\n    grade: NC\n"));
  auto from = RunSceau("template referentials/cedre-iso9001.yaml --format xlsx --from " +
                       Q(dir.path() + "/broken.yaml") + " --out " + Q(dir.path() + "/b.xlsx"));
  EXPECT_EQ(from.exit_code, 1);
  EXPECT_NE(from.err.find("broken.yaml:"), std::string::npos) << from.err;
  EXPECT_FALSE(fs::exists(dir.path() + "/b.xlsx"));
  auto fr = RunSceau("--lang fr check " + Q(grid));
  EXPECT_NE(fr.err.find(grid + ":Évaluations!D4: erreur: "), std::string::npos) << fr.err;
}

// Evidence files named in a grid are looked for beside it, as for YAML: a grid carried to another
// folder with its files checks; a file changed since is an error at the cell of its hash.
TEST(GridCli, EvidenceFilesAreLookedForBesideTheGrid) {
  TempDir dir;
  const std::string d = dir.path();
  fs::create_directories(d + "/preuves");
  dir.Write("preuves/projet.pdf", "%PDF-1.4 projet associatif\n");
  std::string sha = Shell("sha256sum " + Q(d + "/preuves/projet.pdf") + " | cut -c1-64");
  ASSERT_EQ(sha.size(), 65u) << sha;
  sha.pop_back();
  dir.Write("d.yaml",
            testing::Edit(ReadFile("audits/granted.yaml"), "date: 2025-09-15}",
                          "date: 2025-09-15, file: preuves/projet.pdf, sha256: " + sha + "}"));
  auto t = RunSceau("template referentials/cedre-iso9001.yaml --format xlsx --lang fr --from " +
                    Q(d + "/d.yaml") + " --out " + Q(d + "/grille.xlsx"));
  ASSERT_EQ(t.exit_code, 0) << t.err;
  fs::create_directories(d + "/ailleurs/preuves");
  fs::copy_file(d + "/grille.xlsx", d + "/ailleurs/grille.xlsx");
  fs::copy_file(d + "/preuves/projet.pdf", d + "/ailleurs/preuves/projet.pdf");
  auto ok = RunSceau("check " + Q(d + "/ailleurs/grille.xlsx"));
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.err, "");
  dir.Write("ailleurs/preuves/projet.pdf", "%PDF-1.4 autre chose\n");
  auto changed = RunSceau("check " + Q(d + "/ailleurs/grille.xlsx"));
  EXPECT_EQ(changed.exit_code, 1);
  // The evidence register: E01 on row 4, its hash in the column keyed sha256 (F).
  EXPECT_NE(changed.err.find(d + "/ailleurs/grille.xlsx:Preuves!F4: error: the file of evidence "
                                 "'E01' has SHA-256 "),
            std::string::npos)
      << changed.err;
  fs::remove(d + "/ailleurs/preuves/projet.pdf");
  auto missing = RunSceau("check " + Q(d + "/ailleurs/grille.xlsx"));
  EXPECT_NE(missing.err.find(d + "/ailleurs/grille.xlsx:Preuves!E4: warning: the file of "
                                 "evidence 'E01'"),
            std::string::npos)
      << missing.err;
}

// A campaign of YAML dossiers and grids mixed: `batch` audits both, skips a spreadsheet's lock
// file, and a rerun skips the grid until it changes.
TEST(GridCli, BatchAuditsGridsAndYamlTogether) {
  TempDir dir;
  const std::string campaign = dir.path() + "/campagne";
  fs::create_directories(campaign);
  Shell("cp audits/granted.yaml " + Q(campaign));
  auto t = RunSceau(
      "template referentials/rse-iso26000.yaml --format xlsx --from "
      "audits/rse-initial.yaml --out " +
      Q(campaign + "/rse-initial.xlsx"));
  ASSERT_EQ(t.exit_code, 0) << t.err;
  dir.Write("campagne/~$rse-initial.xlsx", "a spreadsheet's lock file, not a workbook");
  const std::string out = dir.path() + "/out";
  auto b = RunSceau("batch " + Q(campaign) + " --out " + Q(out) + " --format json --jobs 2");
  ASSERT_EQ(b.exit_code, 0) << b.err << b.out;
  EXPECT_TRUE(fs::exists(out + "/granted.json"));
  ASSERT_TRUE(fs::exists(out + "/rse-initial.json"));
  TempDir single;
  auto a = RunSceau("audit audits/rse-initial.yaml --out " + single.path() + " -q --format json");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(Result(out + "/rse-initial.json").dump(1),
            Result(single.path() + "/rse-initial.json").dump(1));
  EXPECT_FALSE(fs::exists(out + "/~$rse-initial.json"));
  // Unchanged: nothing audited again.
  auto again = RunSceau("batch " + Q(campaign) + " --out " + Q(out) + " --format json");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("2 dossiers: 0 audited, 2 skipped (unchanged), 0 failed"),
            std::string::npos)
      << again.out;
}

}  // namespace
}  // namespace sceau
