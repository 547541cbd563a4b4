// The XLSX grid writer, checked through the programs people open grids with: openpyxl
// (tests/grid/dump_xlsx.py, Debian python3-openpyxl) reads back values, types, formats,
// protection, validations, comments and page set-up; LibreOffice (Debian libreoffice-calc-nogui,
// headless) opens the file, gives its values back as CSV and prints it to PDF. Both are installed
// by scripts/test.sh; a test that needs one fails when it is missing.
#include "reports/xlsx_grid.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_util.h"

namespace sceau {
namespace {

namespace fs = std::filesystem;
using grid::OutCell;
using grid::OutSheet;
using grid::OutWorkbook;
using grid::Style;
using nlohmann::json;
using testing::ReadFile;
using testing::Shell;
using testing::TempDir;

std::string Q(const std::string& s) { return "'" + s + "'"; }

OutCell Text(std::string text, Style style) {
  OutCell c;
  c.kind = OutCell::Kind::kString;
  c.text = std::move(text);
  c.style = style;
  return c;
}

OutCell Input(OutCell::Kind expects = OutCell::Kind::kString) {
  OutCell c;
  c.style = Style::kInput;
  c.expects = expects;
  return c;
}

// 40 items of 30-odd characters: over the 255 a validation's own list holds.
std::vector<std::string> LongList() {
  std::vector<std::string> items;
  for (int k = 1; k <= 40; ++k)
    items.push_back("Preuve n°" + std::to_string(k) + " — procès-verbal");
  return items;
}

const std::vector<std::string> kGrades = {"C", "NCm", "NCM", "NA"};

// A small book with one cell of every kind, each checked below by its address.
OutWorkbook TestBook() {
  OutWorkbook book;
  book.title = "Grille d’audit «CEDRE»";
  book.subject = "Audit initial";
  book.author = "Équipe sceau";

  OutSheet org;
  org.name = "Organisation";
  org.columns = {{28, false}, {40, false}, {18, true}};
  org.rows.push_back({Text("Organisation et audit", Style::kTitle)});
  OutCell name = Input();
  name.note = "Le nom déclaré au registre du commerce, «tel quel».";
  org.rows.push_back(
      {Text("Raison sociale", Style::kHeader), name, Text("organisation.name", Style::kKey)});
  OutCell start = Input(OutCell::Kind::kDate);
  start.kind = OutCell::Kind::kDate;
  start.text = "2026-03-14";
  org.rows.push_back(
      {Text("Début d’audit", Style::kHeader), start, Text("audit.start", Style::kKey)});
  org.rows.push_back({Text("Fin d’audit", Style::kHeader), Input(OutCell::Kind::kDate),
                      Text("audit.end", Style::kKey)});
  OutCell headcount = Input(OutCell::Kind::kNumber);
  headcount.kind = OutCell::Kind::kNumber;
  headcount.number = 42.5;
  org.rows.push_back(
      {Text("Effectif", Style::kHeader), headcount, Text("organisation.headcount", Style::kKey)});
  OutCell first = Input(OutCell::Kind::kBool);
  first.kind = OutCell::Kind::kBool;
  first.number = 1;
  org.rows.push_back(
      {Text("Premier audit", Style::kHeader), first, Text("audit.first", Style::kKey)});
  OutCell kind = Input();
  kind.choices = {"initial", "surveillance", "renouvellement"};
  org.rows.push_back({Text("Type d’audit", Style::kHeader), kind, Text("audit.kind", Style::kKey)});
  OutCell printed = Text("", Style::kInfo);
  printed.kind = OutCell::Kind::kDate;
  printed.text = "2025-12-31";
  org.rows.push_back({Text("Imprimée le", Style::kHeader), printed});
  book.sheets.push_back(org);

  OutSheet ev;
  ev.name = "Évaluations";
  ev.columns = {{10, false}, {30, false}, {12, false}, {30, false}};
  ev.header_rows = 2;
  ev.rows.push_back({Text("Critère", Style::kHeader), Text("Titre", Style::kHeader),
                     Text("Note", Style::kHeader), Text("Preuve", Style::kHeader)});
  ev.rows.push_back({Text("id", Style::kKey), Text("title", Style::kKey),
                     Text("grade", Style::kKey), Text("evidence", Style::kKey)});
  for (int r = 1; r <= 4; ++r) {
    OutCell grade = Input();
    grade.choices = kGrades;
    if (r == 4) grade.choices = {"oui, sans réserve", "non"};  // a comma: not an inline list
    OutCell evidence = Input();
    evidence.choices = LongList();
    ev.rows.push_back({Text("C-" + std::to_string(r), Style::kInfo),
                       Text("Maîtrise n°" + std::to_string(r), Style::kInfo), grade, evidence});
  }
  book.sheets.push_back(ev);

  OutSheet free;
  free.name = "Notes libres";
  free.locked = false;
  free.landscape = false;
  free.rows.push_back({Text("Texte libre ’", Style::kInfo)});
  book.sheets.push_back(free);
  return book;
}

// An audit grid's look: labelled fields, then a table of `rows` criteria with drop-downs and
// notes, `extra` more input columns.
OutWorkbook AuditLikeBook(int rows, int extra = 0) {
  OutWorkbook book = TestBook();
  OutSheet& ev = book.sheets[1];
  ev.columns = {{10, false}, {34, false}, {48, false}, {14, false}, {40, false}, {24, false}};
  ev.rows.resize(2);
  ev.rows[0] = {Text("Critère", Style::kHeader),  Text("Titre", Style::kHeader),
                Text("Exigence", Style::kHeader), Text("Note", Style::kHeader),
                Text("Constat", Style::kHeader),  Text("Preuves", Style::kHeader)};
  ev.rows[1] = {Text("id", Style::kKey),          Text("title", Style::kKey),
                Text("requirement", Style::kKey), Text("grade", Style::kKey),
                Text("finding", Style::kKey),     Text("evidence", Style::kKey)};
  for (int k = 0; k < extra; ++k) {
    ev.columns.push_back({14, false});
    ev.rows[0].push_back(Text("Valeur " + std::to_string(k + 1), Style::kHeader));
    ev.rows[1].push_back(Text("value_" + std::to_string(k + 1), Style::kKey));
  }
  for (int r = 0; r < rows; ++r) {
    OutCell grade = Input();
    grade.choices = kGrades;
    grade.note =
        "C : conforme ; NCm : non-conformité mineure ; NCM : non-conformité majeure ; "
        "NA : non applicable (à justifier).";
    std::vector<OutCell> row = {
        Text("C-" + std::to_string(r / 5 + 1) + "." + std::to_string(r % 5 + 1), Style::kInfo),
        Text("Maîtrise des informations documentées n°" + std::to_string(r + 1), Style::kInfo),
        Text("L’organisme conserve les informations documentées nécessaires à l’efficacité du "
             "système de management de la qualité.",
             Style::kInfo),
        grade,
        Input(),
        Input()};
    for (int k = 0; k < extra; ++k) row.push_back(Input(OutCell::Kind::kNumber));
    ev.rows.push_back(row);
  }
  return book;
}

std::string Render(const OutWorkbook& book) {
  std::string bytes, error;
  EXPECT_TRUE(RenderXlsxGrid(book, &bytes, &error)) << error;
  return bytes;
}

// What openpyxl reads of the file at `path` (tests/grid/dump_xlsx.py); fails the test when it
// cannot run.
json Openpyxl(const std::string& path) {
  int status = -1;
  std::string out =
      Shell("(" + Q(SCEAU_PYTHON) + " " + Q(testing::SourcePath("tests/grid/dump_xlsx.py")) + " " +
                Q(path) + " 2>&1)",
            &status);
  EXPECT_EQ(status, 0) << "openpyxl (Debian python3-openpyxl, installed by scripts/test.sh) "
                          "could not read the grid:\n"
                       << out;
  if (status != 0) return json::object();
  return json::parse(out);
}

std::vector<std::string> Names(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(XlsxGrid, OpenpyxlReadsValuesTypesAndFormats) {
  TempDir dir;
  std::string path = dir.path() + "/grille.xlsx";
  std::string error;
  ASSERT_TRUE(WriteXlsxGrid(TestBook(), path, false, &error)) << error;
  json book = Openpyxl(path);
  ASSERT_TRUE(book.contains("sheets"));

  EXPECT_EQ(book["properties"], json::parse(R"({"title": "Grille d’audit «CEDRE»",
      "subject": "Audit initial", "creator": "Équipe sceau", "created": "2000-01-01T00:00:00"})"));
  std::vector<std::string> names;
  std::vector<std::string> states;
  for (const json& s : book["sheets"]) {
    names.push_back(s["name"]);
    states.push_back(s["state"]);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Organisation", "Évaluations", "Notes libres",
                                             kXlsxListsSheet}));
  EXPECT_EQ(states, (std::vector<std::string>{"visible", "visible", "visible", "hidden"}));

  const json& org = book["sheets"][0]["cells"];
  // Title: large, bold.
  EXPECT_EQ(org["A1"], json::parse(R"({"value": "Organisation et audit", "type": "string",
      "format": "General", "locked": true, "bold": true, "size": 14.0, "fill": null,
      "wrap": false, "border": null, "comment": null})"));
  // Header: bold, shaded, wrapped, bordered, locked.
  EXPECT_EQ(org["A2"], json::parse(R"({"value": "Raison sociale", "type": "string",
      "format": "General", "locked": true, "bold": true, "size": 11.0, "fill": "FFD9E1F2",
      "wrap": true, "border": "thin", "comment": null})"));
  // Input: unlocked, light yellow, bordered, wrapped; its note as a comment.
  EXPECT_EQ(org["B2"], json::parse(R"({"value": null, "type": "empty", "format": "General",
      "locked": false, "bold": false, "size": 11.0, "fill": "FFFFF2CC", "wrap": true,
      "border": "thin", "comment": "Le nom déclaré au registre du commerce, «tel quel»."})"));
  // Key: small, grey, locked.
  EXPECT_EQ(org["C2"]["value"], "organisation.name");
  EXPECT_EQ(org["C2"]["size"], 8.0);
  EXPECT_EQ(org["C2"]["locked"], true);
  // A date as a date; an empty date input shows dates; a number; a boolean.
  EXPECT_EQ(org["B3"]["value"], "2026-03-14");
  EXPECT_EQ(org["B3"]["type"], "date");
  EXPECT_EQ(org["B3"]["format"], "yyyy-mm-dd");
  EXPECT_EQ(org["B3"]["locked"], false);
  EXPECT_EQ(org["B4"]["type"], "empty");
  EXPECT_EQ(org["B4"]["format"], "yyyy-mm-dd");
  EXPECT_EQ(org["B4"]["locked"], false);
  EXPECT_EQ(org["B5"]["value"], 42.5);
  EXPECT_EQ(org["B5"]["type"], "number");
  EXPECT_EQ(org["B6"]["value"], true);
  EXPECT_EQ(org["B6"]["type"], "bool");
  // A read-only date: the info style, locked.
  EXPECT_EQ(org["B8"]["value"], "2025-12-31");
  EXPECT_EQ(org["B8"]["type"], "date");
  EXPECT_EQ(org["B8"]["locked"], true);
  EXPECT_EQ(org["B8"]["wrap"], true);

  const json& sheet = book["sheets"][0];
  // Columns: widths as spreadsheets store them (the given width plus the cell's padding), hidden.
  EXPECT_EQ(sheet["columns"], json::parse(R"({"A": {"width": 28.7109375, "hidden": false},
      "B": {"width": 40.7109375, "hidden": false}, "C": {"width": 18.7109375, "hidden": true}})"));
  // Protected without a password; the auditor may select, resize columns and rows, filter.
  EXPECT_EQ(sheet["protected"], true);
  EXPECT_EQ(sheet["password"], nullptr);
  EXPECT_EQ(sheet["forbids"], json::parse(R"({"selectLockedCells": false,
      "selectUnlockedCells": false, "formatCells": true, "formatColumns": false,
      "formatRows": false, "insertColumns": true, "insertRows": true, "deleteColumns": true,
      "deleteRows": true, "sort": true, "autoFilter": false})"));
  // A4 landscape, one page wide, no frozen rows on a sheet without header rows.
  EXPECT_EQ(sheet["paper"], 9);
  EXPECT_EQ(sheet["orientation"], "landscape");
  EXPECT_EQ(sheet["fit_to_page"], true);
  EXPECT_EQ(sheet["fit_width"], nullptr);  // the default: 1
  EXPECT_EQ(sheet["fit_height"], 0);       // as many pages down as it takes
  EXPECT_EQ(sheet["freeze"], nullptr);
  EXPECT_EQ(sheet["print_title_rows"], nullptr);
  EXPECT_EQ(sheet["footer"], "&A|&P / &N");  // (openpyxl leaves out the font size)
  EXPECT_EQ(sheet["validations"], json::parse(R"([{"ranges": "B7", "type": "list",
      "error_style": null, "show_error": true,
      "formula": "\"initial,surveillance,renouvellement\"",
      "items": ["initial", "surveillance", "renouvellement"]}])"));

  const json& ev = book["sheets"][1];
  EXPECT_EQ(ev["freeze"], "A3");
  EXPECT_EQ(ev["print_title_rows"], "$1:$2");
  EXPECT_EQ(ev["cells"]["A1"]["value"], "Critère");
  EXPECT_EQ(ev["cells"]["B6"]["value"], "Maîtrise n°4");
  EXPECT_EQ(ev["cells"]["B6"]["locked"], true);
  EXPECT_EQ(ev["cells"]["C6"]["locked"], false);
  // Neighbouring cells with the same list share a validation; a list over 255 characters, or with
  // a comma in an item, is read from the hidden sheet.
  json long_list = LongList();
  ASSERT_EQ(ev["validations"].size(), 3u);
  EXPECT_EQ(ev["validations"][0], json::parse(R"({"ranges": "C3:C5", "type": "list",
      "error_style": null, "show_error": true, "formula": "\"C,NCm,NCM,NA\"",
      "items": ["C", "NCm", "NCM", "NA"]})"));
  EXPECT_EQ(ev["validations"][1], json::parse(R"({"ranges": "C6", "type": "list",
      "error_style": null, "show_error": true, "formula": "sceau_lists!$A$1:$A$2",
      "items": ["oui, sans réserve", "non"]})"));
  EXPECT_EQ(ev["validations"][2]["ranges"], "D3:D6");
  EXPECT_EQ(ev["validations"][2]["formula"], "sceau_lists!$B$1:$B$40");
  EXPECT_EQ(ev["validations"][2]["items"], long_list);

  const json& free = book["sheets"][2];
  EXPECT_EQ(free["protected"], false);
  EXPECT_EQ(free["orientation"], "portrait");
  EXPECT_EQ(free["cells"]["A1"]["value"], "Texte libre ’");

  const json& lists = book["sheets"][3];
  EXPECT_EQ(lists["protected"], true);
  EXPECT_EQ(lists["cells"]["A1"]["value"], "oui, sans réserve");
  EXPECT_EQ(lists["cells"]["B40"]["value"], "Preuve n°40 — procès-verbal");
  EXPECT_EQ(lists["cells"].size(), 42u);
}

// LibreOffice opens the grid: its values come back (text quoted, numbers and dates not), and it
// prints on A4 landscape with the header rows on every page. Two runs of soffice, for speed.
TEST(XlsxGrid, LibreOfficeOpensAndPrintsIt) {
  TempDir dir;
  std::string error;
  ASSERT_TRUE(WriteXlsxGrid(TestBook(), dir.path() + "/grille.xlsx", false, &error)) << error;
  ASSERT_TRUE(WriteXlsxGrid(AuditLikeBook(40), dir.path() + "/long.xlsx", false, &error)) << error;
  // soffice with a private profile, converting to `format` into out/.
  auto soffice = [&](const std::string& format, const std::string& file) {
    int status = -1;
    Shell("cd " + Q(dir.path()) + " && LC_ALL=C.UTF-8 timeout 180 soffice --headless " +
              "-env:UserInstallation=file://" + dir.path() + "/profile --convert-to " + Q(format) +
              " --outdir out " + file,
          &status);
    return status;
  };
  // Comma-separated, UTF-8, text quoted, as shown, every sheet to its own file.
  int status =
      soffice("csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,true,true,true,false,false,-1",
              "grille.xlsx");
  ASSERT_EQ(status, 0) << "soffice (Debian libreoffice-calc-nogui, installed by scripts/test.sh)";
  EXPECT_EQ(ReadFile(dir.path() + "/out/grille-Organisation.csv"),
            "\"Organisation et audit\",,\n"
            "\"Raison sociale\",,\"organisation.name\"\n"
            "\"Début d’audit\",2026-03-14,\"audit.start\"\n"
            "\"Fin d’audit\",,\"audit.end\"\n"
            "\"Effectif\",42.5,\"organisation.headcount\"\n"
            "\"Premier audit\",TRUE,\"audit.first\"\n"
            "\"Type d’audit\",,\"audit.kind\"\n"
            "\"Imprimée le\",2025-12-31,\n");
  EXPECT_EQ(ReadFile(dir.path() + "/out/grille-Évaluations.csv"),
            "\"Critère\",\"Titre\",\"Note\",\"Preuve\"\n"
            "\"id\",\"title\",\"grade\",\"evidence\"\n"
            "\"C-1\",\"Maîtrise n°1\",,\n"
            "\"C-2\",\"Maîtrise n°2\",,\n"
            "\"C-3\",\"Maîtrise n°3\",,\n"
            "\"C-4\",\"Maîtrise n°4\",,\n");

  ASSERT_EQ(soffice("pdf", "long.xlsx"), 0) << "soffice";
  std::string pdf = dir.path() + "/out/long.pdf";
  std::string info = Shell("pdfinfo " + Q(pdf));
  EXPECT_NE(info.find("Page size:       841.89 x 595.304 pts (A4)"), std::string::npos) << info;
  // The fields, three pages of criteria, the free notes.
  EXPECT_NE(info.find("Pages:           5\n"), std::string::npos) << info;
  // The table's pages (2 to 4) each begin with its header row, and the width fits the page: the
  // last column's header is on the same page as the first's.
  for (int page : {2, 3, 4}) {
    std::string text = testing::Fold(Shell("pdftotext -layout -f " + std::to_string(page) + " -l " +
                                           std::to_string(page) + " " + Q(pdf) + " -"));
    EXPECT_EQ(text.rfind("Critère Titre Exigence Note Constat Preuves id title requirement grade "
                         "finding evidence C-",
                         0),
              0u)
        << "page " << page << ": " << text;
  }
}

TEST(XlsxGrid, SameBookSameBytes) {
  OutWorkbook book = AuditLikeBook(30, 2);
  std::string first = Render(book);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // another second on the clock
  std::string second = Render(book);
  ASSERT_GT(first.size(), 1000u);
  EXPECT_TRUE(first == second) << "two renders of one book differ";
  // No entry dated by the clock: libxlsxwriter dates every one 1980-01-01 00:00.
  TempDir dir;
  std::string path = dir.Write("g.xlsx", first);
  int status = -1;
  std::string dates =
      Shell(Q(SCEAU_PYTHON) + " -c 'import sys, zipfile; print(sorted(set(" +
                "i.date_time for i in zipfile.ZipFile(sys.argv[1]).infolist())))' " + Q(path),
            &status);
  EXPECT_EQ(dates, "[(1980, 1, 1, 0, 0, 0)]\n");
  // (The fixed creation date, 2000-01-01, is read by OpenpyxlReadsValuesTypesAndFormats.)
}

TEST(XlsxGrid, NamedScratchFileGivesTheSameBytesAndLeavesNothing) {
  TempDir tmp;
  const char* old = std::getenv("TMPDIR");
  std::string saved = old != nullptr ? old : "";
  ::setenv("TMPDIR", tmp.path().c_str(), 1);
  OutWorkbook book = TestBook();
  std::string named, error;
  bool ok = RenderXlsxGrid(book, &named, &error, XlsxScratch::kNamed);
  std::vector<std::string> left = Names(tmp.path());
  std::string anonymous;
  bool ok2 = RenderXlsxGrid(book, &anonymous, &error, XlsxScratch::kAuto);
  std::vector<std::string> left2 = Names(tmp.path());
  if (old != nullptr) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  ASSERT_TRUE(ok && ok2) << error;
  EXPECT_TRUE(named == anonymous);
  EXPECT_EQ(left, std::vector<std::string>{});
  EXPECT_EQ(left2, std::vector<std::string>{});
}

TEST(XlsxGrid, TextUpToTheLimitGoesThroughUnchanged) {
  OutWorkbook book = TestBook();
  std::string longest(32767, 'x');
  longest.replace(0, 6, "«é’»");  // 4 characters of 2 or 3 bytes: 32,765 characters in all
  book.sheets[2].rows.push_back({Text(std::string(32767, 'y'), Style::kInfo)});
  book.sheets[2].rows.push_back({Text(longest, Style::kInfo)});
  TempDir dir;
  std::string error;
  ASSERT_TRUE(WriteXlsxGrid(book, dir.path() + "/g.xlsx", false, &error)) << error;
  json read = Openpyxl(dir.path() + "/g.xlsx");
  ASSERT_TRUE(read.contains("sheets"));
  EXPECT_TRUE(read["sheets"][2]["cells"]["A2"]["value"] == std::string(32767, 'y'));
  EXPECT_TRUE(read["sheets"][2]["cells"]["A3"]["value"] == longest);
}

// Each broken book and the error it gives; nothing is written.
TEST(XlsxGrid, RefusesWhatASpreadsheetCannotHold) {
  struct Case {
    const char* what;
    void (*edit)(OutWorkbook*);
    std::string error;
  };
  const std::vector<Case> cases = {
      {"no sheet", [](OutWorkbook* b) { b->sheets.clear(); },
       "a workbook needs at least one sheet"},
      {"empty name", [](OutWorkbook* b) { b->sheets[2].name = ""; }, "a sheet has an empty name"},
      {"32 characters",
       [](OutWorkbook* b) { b->sheets[2].name = "Évaluations des critères de 2026"; },
       "sheet name 'Évaluations des critères de 2026' is 32 characters long, more than the 31 a "
       "spreadsheet allows"},
      {"31 characters are fine then a bracket",
       [](OutWorkbook* b) { b->sheets[2].name = "Évaluations des critères [2026"; },
       "sheet name 'Évaluations des critères [2026' holds '[', which a spreadsheet does not allow "
       "in a sheet name"},
      {"slash", [](OutWorkbook* b) { b->sheets[2].name = "Notes/libres"; },
       "sheet name 'Notes/libres' holds '/', which a spreadsheet does not allow in a sheet name"},
      {"colon", [](OutWorkbook* b) { b->sheets[2].name = "Notes:libres"; },
       "sheet name 'Notes:libres' holds ':', which a spreadsheet does not allow in a sheet name"},
      {"apostrophe", [](OutWorkbook* b) { b->sheets[2].name = "'Notes"; },
       "sheet name ''Notes' begins or ends with an apostrophe, which a spreadsheet does not "
       "allow"},
      {"same but for case", [](OutWorkbook* b) { b->sheets[2].name = "ÉVALUATIONS"; },
       "sheet names 'Évaluations' and 'ÉVALUATIONS' differ only by case, which a spreadsheet "
       "takes for one name"},
      {"the lists' sheet", [](OutWorkbook* b) { b->sheets[2].name = kXlsxListsSheet; },
       "sheet name 'sceau_lists' is kept for the lists of drop-downs"},
      {"a cell's text too long",
       [](OutWorkbook* b) { b->sheets[1].rows[3][1].text = std::string(32768, 'x'); },
       "sheet 'Évaluations', cell B4: the text is 32768 characters long, more than the 32767 a "
       "spreadsheet allows"},
      {"characters past U+FFFF count twice",
       [](OutWorkbook* b) {
         std::string smiles;
         for (int k = 0; k < 16384; ++k) smiles += "\xF0\x9F\x98\x80";
         b->sheets[1].rows[3][1].text = smiles;
       },
       "sheet 'Évaluations', cell B4: the text is 32768 characters long, more than the 32767 a "
       "spreadsheet allows"},
      {"a note too long",
       [](OutWorkbook* b) { b->sheets[0].rows[1][1].note = std::string(40000, 'n'); },
       "sheet 'Organisation', cell B2 (note): the text is 40000 characters long, more than the "
       "32767 a spreadsheet allows"},
      {"not UTF-8", [](OutWorkbook* b) { b->sheets[1].rows[2][1].text = "Ma\xEEtrise"; },
       "sheet 'Évaluations', cell B3: the text is not valid UTF-8"},
      {"overlong UTF-8", [](OutWorkbook* b) { b->sheets[1].rows[2][1].text = "\xC0\xAF"; },
       "sheet 'Évaluations', cell B3: the text is not valid UTF-8"},
      {"control character", [](OutWorkbook* b) { b->sheets[1].rows[2][1].text = "a\x01z"; },
       "sheet 'Évaluations', cell B3: the text holds the control character U+0001, which a "
       "spreadsheet cannot hold"},
      {"in a drop-down", [](OutWorkbook* b) { b->sheets[1].rows[2][2].choices[1] = "N\x0B"; },
       "sheet 'Évaluations', cell C3 (drop-down): the text holds the control character U+000B, "
       "which a spreadsheet cannot hold"},
      {"in a property", [](OutWorkbook* b) { b->author = "\xFF"; },
       "the document properties: the text is not valid UTF-8"},
      {"no such day", [](OutWorkbook* b) { b->sheets[0].rows[2][1].text = "2026-02-29"; },
       "sheet 'Organisation', cell B3: '2026-02-29' is not a date YYYY-MM-DD from 1900-03-01 to "
       "9999-12-31"},
      {"before March 1900", [](OutWorkbook* b) { b->sheets[0].rows[2][1].text = "1900-02-28"; },
       "sheet 'Organisation', cell B3: '1900-02-28' is not a date YYYY-MM-DD from 1900-03-01 to "
       "9999-12-31"},
      {"not finite",
       [](OutWorkbook* b) {
         b->sheets[0].rows[4][1].number = std::numeric_limits<double>::infinity();
       },
       "sheet 'Organisation', cell B5: the number is not finite"},
      {"too wide a column", [](OutWorkbook* b) { b->sheets[0].columns[1].width = 300; },
       "sheet 'Organisation', column B: width 300 is not from 0 to 255"},
      {"too many cells in a row", [](OutWorkbook* b) { b->sheets[2].rows[0].resize(16385); },
       "sheet 'Notes libres', row 1: 16385 cells, more than the 16384 columns a spreadsheet "
       "holds"},
  };
  for (const Case& c : cases) {
    OutWorkbook book = TestBook();
    c.edit(&book);
    std::string bytes, error;
    EXPECT_FALSE(RenderXlsxGrid(book, &bytes, &error)) << c.what;
    EXPECT_EQ(error, c.error) << c.what;
    EXPECT_EQ(bytes, "") << c.what;
    TempDir dir;
    error.clear();
    EXPECT_FALSE(WriteXlsxGrid(book, dir.path() + "/g.xlsx", true, &error)) << c.what;
    EXPECT_EQ(error, dir.path() + "/g.xlsx: " + c.error) << c.what;
    EXPECT_EQ(Names(dir.path()), std::vector<std::string>{}) << c.what;
  }
}

TEST(XlsxGrid, RefusesToReplaceUnlessAsked) {
  TempDir dir;
  std::string path = dir.Write("grille.xlsx", "the auditor's filled-in grid");
  std::string error;
  EXPECT_FALSE(WriteXlsxGrid(TestBook(), path, false, &error));
  EXPECT_EQ(error, path + " exists already");
  EXPECT_EQ(ReadFile(path), "the auditor's filled-in grid");
  ASSERT_TRUE(WriteXlsxGrid(TestBook(), path, true, &error)) << error;
  EXPECT_TRUE(ReadFile(path) == Render(TestBook()));
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"grille.xlsx"});
}

TEST(XlsxGrid, UnwritableFolderIsAnError) {
  TempDir dir;
  std::string file = dir.Write("plain-file", "");
  for (bool replace : {false, true}) {
    std::string error;
    EXPECT_FALSE(WriteXlsxGrid(TestBook(), file + "/grille.xlsx", replace, &error));
    EXPECT_EQ(error, file + "/grille.xlsx: cannot create a file there: Not a directory");
  }
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"plain-file"});
}

// Runs `body` in a forked child and returns its wait status; the child only returns an exit code.
template <typename Body>
int InChild(Body body) {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(body());
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// A file-size limit stops the writer part way: libxlsxwriter's temporary files, its output, or
// the published file cannot grow past it. Ignoring SIGXFSZ, the write fails and WriteXlsxGrid
// returns an error (libxlsxwriter does not check its temporary files' writes, and returns success
// with an XML part cut short: the package's check catches it); with the signal, the kernel kills
// the writer mid-write. Either way nothing is
// left, neither at the target nor in $TMPDIR.
TEST(XlsxGrid, FailureOrKillPastAFileSizeLimitLeavesNothing) {
  OutWorkbook book = AuditLikeBook(400, 4);
  size_t size = Render(book).size();
  ASSERT_GT(size, 20000u);
  for (rlim_t limit : {rlim_t{4096}, static_cast<rlim_t>(size - 100)}) {
    for (bool ignore : {true, false}) {
      TempDir dir, tmp;
      std::string path = dir.path() + "/grille.xlsx";
      int status = InChild([&] {
        ::setenv("TMPDIR", tmp.path().c_str(), 1);
        ::signal(SIGXFSZ, ignore ? SIG_IGN : SIG_DFL);
        struct rlimit rl = {limit, limit};
        if (::setrlimit(RLIMIT_FSIZE, &rl) != 0) return 3;
        std::string error;
        if (WriteXlsxGrid(book, path, false, &error)) return 0;
        // libxlsxwriter's own error, or a package cut short that it did not notice.
        bool known = error.starts_with(path + ": cannot write the spreadsheet: ") ||
                     error.starts_with(path + ": the spreadsheet came out incomplete (");
        return known ? 1 : 2;
      });
      std::string what = "limit " + std::to_string(limit) + (ignore ? ", SIGXFSZ ignored" : "");
      if (ignore) {
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << what << ": " << status;
      } else {
        EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ) << what << ": " << status;
      }
      EXPECT_EQ(Names(dir.path()), std::vector<std::string>{}) << what;
      EXPECT_EQ(Names(tmp.path()), std::vector<std::string>{}) << what;
    }
  }
}

// SIGKILL at moments spread over a write leaves either nothing or the whole file, and in $TMPDIR
// at most libxlsxwriter's own scratch file.
TEST(XlsxGrid, SigkillLeavesNothingOrTheWholeFile) {
  OutWorkbook book = AuditLikeBook(1600);
  std::string whole = Render(book);
  auto start = std::chrono::steady_clock::now();
  Render(book);
  auto took = std::chrono::steady_clock::now() - start;
  int whole_files = 0, nothing = 0;
  for (int k = 0; k < 12; ++k) {
    TempDir dir, tmp;
    std::string path = dir.path() + "/grille.xlsx";
    pid_t pid = ::fork();
    if (pid == 0) {
      ::setenv("TMPDIR", tmp.path().c_str(), 1);
      std::string error;
      ::_exit(WriteXlsxGrid(book, path, false, &error) ? 0 : 1);
    }
    std::this_thread::sleep_for(took * k / 10);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::vector<std::string> names = Names(dir.path());
    if (names.empty()) {
      ++nothing;
    } else {
      EXPECT_EQ(names, std::vector<std::string>{"grille.xlsx"}) << k;
      EXPECT_TRUE(ReadFile(path) == whole) << k;
      ++whole_files;
    }
    // libxlsxwriter (Debian's build) makes each part's scratch file with tmpfileplus: named
    // `tmp.XXXXXXXXXX` in $TMPDIR and unlinked at once. A kill between those two system calls
    // leaves it there (a few microseconds per part, seen under load); nothing else may stay.
    for (const std::string& n : Names(tmp.path())) {
      EXPECT_EQ(n.rfind("tmp.", 0), 0u) << k << ": " << n;
    }
  }
  EXPECT_GT(nothing, 0);  // some kills landed while writing
}

}  // namespace
}  // namespace sceau
