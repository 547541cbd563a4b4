#include "engine/grid_layout.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/yaml_tree.h"
#include "tests/test_util.h"

namespace sceau::grid {
namespace {

Cell S(int row, int col, std::string text) {
  Cell c;
  c.row = row;
  c.col = col;
  c.value.kind = CellValue::Kind::kString;
  c.value.text = std::move(text);
  return c;
}

Cell N(int row, int col, double x, bool date = false) {
  Cell c;
  c.row = row;
  c.col = col;
  c.value.kind = CellValue::Kind::kNumber;
  c.value.number = x;
  c.value.date = date;
  return c;
}

std::string Headlines(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const Diagnostic& d : diags) {
    out += d.file + ":" + d.cell + ": " + std::string(SeverityName(d.severity)) + ": " + d.message +
           " [" + d.code + "]\n";
  }
  return out;
}

TEST(GridLayout, TheLayoutComesFromTheDossierFormat) {
  const Layout& l = DossierLayout();
  std::vector<std::string> tables;
  for (const Table& t : l.tables) tables.push_back(t.path);
  EXPECT_EQ(tables, (std::vector<std::string>{"organisation.sites", "evidence", "plan.reductions",
                                              "follow_up", "assessments", "assessments.*.findings",
                                              "assessments.*.indicators", "assessments.*.sample"}));
  std::vector<std::string> fields;
  for (const Column& c : l.fields) fields.push_back(c.key);
  ASSERT_GE(fields.size(), 20u);
  EXPECT_EQ(fields[0], "organisation.name");
  EXPECT_EQ(fields[4], "organisation.headcount.permanent");
  const Table& assessments = l.tables[4];
  EXPECT_TRUE(assessments.dict);
  EXPECT_EQ(assessments.key_name, "criterion");
  std::vector<std::string> columns;
  for (const Column& c : assessments.columns) columns.push_back(c.key);
  EXPECT_EQ(columns, (std::vector<std::string>{"grade", "level", "finding", "evidence",
                                               "na_justification", "override", "action.description",
                                               "action.owner", "action.status", "action.due"}));
  EXPECT_EQ(l.tables[5].parent_keys, std::vector<std::string>{"criterion"});
}

// A workbook written by hand, columns in another order, dates as serials and as text, a list of
// ids in one cell: the dossier's YAML, each line naming its cell.
TEST(GridLayout, ReadsCellsByTheirKeysIntoTheDossiersYaml) {
  Workbook book;
  Sheet fields;
  fields.name = "Dossier";
  fields.cells = {S(3, 1, "Régie « Les Berges »"),
                  S(3, 2, "organisation.name"),
                  N(4, 1, 46287, true),
                  S(4, 2, "audit.start"),
                  S(5, 1, "22/09/2026"),
                  S(5, 2, "audit.end"),
                  S(6, 1, "a, b ;c"),
                  S(6, 2, "audit.sites_visited")};
  Sheet evaluations;
  evaluations.name = "Évaluations";
  evaluations.cells = {S(2, 0, "criterion"), S(2, 1, "evidence"), S(2, 2, "grade"), S(3, 0, "C-1"),
                       S(3, 1, "E1,E2"),     S(3, 2, "C"),        S(4, 0, "C-2")};
  Sheet indicators;
  indicators.name = "Indicators";  // the English name reads too
  indicators.cells = {S(2, 0, "criterion"), S(2, 1, "indicator"), S(2, 2, "value"),
                      S(3, 0, "C-1"),       S(3, 1, "taux"),      N(3, 2, 55.5)};
  book.sheets = {fields, evaluations, indicators};
  std::vector<Diagnostic> diags;
  GridYaml y = GridToYaml(book, "g.xlsx", &diags);
  EXPECT_EQ(Headlines(diags), "");
  // Only the keys the sheets hold are read: a required key whose row is gone is the loader's
  // to report (missing), not a null made up here.
  EXPECT_EQ(y.yaml,
            "organisation:\n"
            "  name: \"Régie « Les Berges »\"\n"
            "audit:\n"
            "  start: 2026-09-22\n"
            "  end: 2026-09-22\n"
            "  sites_visited: [\"a\", \"b\", \"c\"]\n"
            "assessments:\n"
            "  \"C-1\":\n"
            "    grade: \"C\"\n"
            "    evidence: [\"E1\", \"E2\"]\n"
            "    indicators:\n"
            "      taux: 55.5\n"
            "  \"C-2\": {}\n");
  ASSERT_EQ(y.cells.size(), 13u);
  EXPECT_EQ(y.cells[1], "Dossier!B4");
  EXPECT_EQ(y.cells[3], "Dossier!B5");
  EXPECT_EQ(y.cells[5], "Dossier!B7");
  EXPECT_EQ(y.cells[7], "Évaluations!A4");
  EXPECT_EQ(y.cells[9], "Évaluations!B4");
  EXPECT_EQ(y.cells[11], "Indicators!C4");
}

// What the grid itself gets wrong is said at its cell, and the rest is still read.
TEST(GridLayout, SaysWhatIsWrongWithTheGridAtItsCell) {
  Workbook book;
  Sheet fields;
  fields.name = "Dossier";
  Cell error = S(4, 1, "");
  error.value.kind = CellValue::Kind::kError;
  error.value.formula = true;
  Cell ref = S(5, 1, "#REF!");
  ref.value.kind = CellValue::Kind::kError;
  fields.cells = {S(1, 2, "Clé (ne pas modifier)"),  // a header: not a key
                  S(3, 1, "x"),
                  S(3, 2, "organisation.nmae"),
                  error,
                  S(4, 2, "audit.start"),
                  ref,
                  S(5, 2, "audit.end"),
                  S(6, 1, "y"),
                  S(6, 2, "audit.start")};
  Sheet evaluations;
  evaluations.name = "Évaluations";
  evaluations.cells = {S(2, 0, "criterion"), S(2, 1, "grdae"), S(3, 0, "C-1")};
  Sheet findings;
  findings.name = "Constats";
  findings.cells = {S(0, 0, "Constats"), S(3, 1, "C")};  // no row of keys
  Sheet samples;
  samples.name = "Échantillons";
  samples.cells = {S(2, 0, "criterion"), S(2, 1, "id"), S(3, 1, "a")};
  Sheet other;
  other.name = "Notes";
  other.cells = {S(0, 0, "mes notes")};
  book.sheets = {fields, evaluations, findings, samples, other};
  std::vector<Diagnostic> diags;
  GridToYaml(book, "g.xlsx", &diags);
  EXPECT_EQ(Headlines(diags),
            "g.xlsx:Notes!A1: warning: sheet 'Notes' is not part of the audit grid: it is not "
            "read [unknown-sheet]\n"
            "g.xlsx:Dossier!C4: error: unknown key 'organisation.nmae' (did you mean "
            "'organisation.name'?) [unknown-key]\n"
            "g.xlsx:Dossier!B5: error: the formula in this cell has no computed value (the "
            "program that saved the grid did not store one): open the grid in a spreadsheet and "
            "save it again, or type the value [cell-error]\n"
            "g.xlsx:Dossier!B6: error: this cell holds an error (#REF!), not a value "
            "[cell-error]\n"
            "g.xlsx:Dossier!C7: error: key 'audit.start' is given twice (first at Dossier!C5) "
            "[duplicate-key]\n"
            "g.xlsx:Évaluations!B3: error: unknown column key 'grdae' in sheet 'Évaluations' "
            "(did you mean 'grade'?) [unknown-column]\n"
            "g.xlsx:Constats!A1: error: sheet 'Constats' has no row of keys (a row starting with "
            "'criterion' in its first twenty rows): its rows cannot be read [no-key-row]\n"
            "g.xlsx:Échantillons!A4: error: row 4 of sheet 'Échantillons' does not say which "
            "criterion it belongs to [missing-key]\n");
}

TEST(GridLayout, RecognisesSpreadsheetsByTheirFirstBytes) {
  EXPECT_TRUE(LooksLikeSpreadsheet(std::string("PK\x03\x04rest", 8)));
  EXPECT_TRUE(LooksLikeSpreadsheet(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)));
  EXPECT_FALSE(LooksLikeSpreadsheet("organisation:\n"));
  EXPECT_FALSE(LooksLikeSpreadsheet("PK"));
  EXPECT_EQ(YamlQuote("a \"b\"\\\n\t\x01"), "\"a \\\"b\\\"\\\\\\n\\t\\x01\"");
}

}  // namespace
}  // namespace sceau::grid
