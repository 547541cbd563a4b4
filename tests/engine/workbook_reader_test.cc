#include "engine/workbook_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/wording.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using grid::CellValue;
using Kind = grid::CellValue::Kind;

// The cells of a sheet as "A1=s:text", "B1=n:42", "A2=d:45730", "D1=b:1", "D2=e:", a "f"
// before the kind for a formula's value: one string to compare at once.
std::string Cells(const grid::Sheet& sheet) {
  std::string out;
  for (const grid::Cell& c : sheet.cells) {
    if (!out.empty()) out += ' ';
    out += grid::CellName(c.row, c.col) + "=";
    if (c.value.formula) out += 'f';
    switch (c.value.kind) {
      case Kind::kEmpty:
        out += "empty";
        break;
      case Kind::kString:
        out += "s:" + c.value.text;
        break;
      case Kind::kNumber:
        out += (c.value.date ? "d:" : "n:") + fmt::format("{}", c.value.number);
        break;
      case Kind::kBool:
        out += "b:" + fmt::format("{}", c.value.number);
        break;
      case Kind::kError:
        out += "e:" + c.value.text;
        break;
    }
  }
  return out;
}

std::string Names(const grid::Workbook& book) {
  std::string out;
  for (const grid::Sheet& s : book.sheets) out += (out.empty() ? "" : "|") + s.name;
  return out;
}

// The grids, made once by openpyxl and LibreOffice (slow to start: two conversions in all).
class WorkbookFiles : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    const std::string& d = dir_->path();
    int status = -1;
    testing::Shell(std::string(SCEAU_PYTHON) + " " +
                       testing::SourcePath("tests/grid/make_openpyxl.py") + " '" + d + "'",
                   &status);
    made_ = status == 0;
    if (!made_) return;
    testing::Shell(std::string(SCEAU_PYTHON) + " " +
                       testing::SourcePath("tests/grid/make_hostile.py") + " '" + d +
                       "/openpyxl.xlsx' '" + d + "'",
                   &status);
    hostile_ = status == 0;
    // LibreOffice: openpyxl's workbook re-saved as .ods, then that .ods as .xlsx, with a private
    // profile so that parallel tests do not share one.
    std::string soffice =
        "soffice -env:UserInstallation=file://" + d + "/profile --headless --convert-to ";
    testing::Shell("command -v soffice >/dev/null && mkdir -p '" + d + "/lo' && cd '" + d +
                       "' && " + soffice + "ods --outdir lo openpyxl.xlsx >/dev/null 2>&1 && " +
                       soffice + "xlsx --outdir lo2 lo/openpyxl.ods >/dev/null 2>&1",
                   &status);
    libreoffice_ = status == 0 && std::filesystem::exists(d + "/lo2/openpyxl.xlsx");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::string Path(const std::string& name) { return dir_->path() + "/" + name; }

  // Reads `name`; `ok` whether it must be accepted.
  grid::Workbook Read(const std::string& name, bool ok, const WorkbookLimits& limits = {}) {
    grid::Workbook book;
    diags_.clear();
    EXPECT_EQ(ReadWorkbookFile(Path(name), limits, &book, &diags_), ok)
        << name << "\n"
        << testing::RenderAll(diags_);
    return book;
  }
  std::string Codes() const {
    std::string out;
    for (const Diagnostic& d : diags_) out += (out.empty() ? "" : " ") + d.code;
    return out;
  }
  std::string Messages() const { return testing::Headlines(diags_); }

  static testing::TempDir* dir_;
  static bool made_, hostile_, libreoffice_;
  std::vector<Diagnostic> diags_;
};
testing::TempDir* WorkbookFiles::dir_ = nullptr;
bool WorkbookFiles::made_ = false;
bool WorkbookFiles::hostile_ = false;
bool WorkbookFiles::libreoffice_ = false;

#define REQUIRE_OPENPYXL() ASSERT_TRUE(made_) << "python3-openpyxl is needed (scripts/test.sh)"
#define REQUIRE_HOSTILE() ASSERT_TRUE(hostile_) << "tests/grid/make_hostile.py failed"
#define REQUIRE_LIBREOFFICE() \
  ASSERT_TRUE(libreoffice_) << "soffice (libreoffice-calc-nogui) is needed (scripts/test.sh)"

TEST_F(WorkbookFiles, ReadsOpenpyxlInlineStringsDatesBooleansAndFormulas) {
  REQUIRE_OPENPYXL();
  grid::Workbook book = Read("openpyxl.xlsx", true);
  EXPECT_EQ(Codes(), "");
  ASSERT_EQ(Names(book), "Évaluations|Mes données");
  // openpyxl writes strings inline, a formula without a cached value (an error here), booleans
  // as booleans; "year" 0 and [Red]0.00 are not dates.
  EXPECT_EQ(
      Cells(book.sheets[0]),
      "A1=s:Critère B1=n:42 C1=n:2.5 D1=b:1 E1=b:0 A2=d:45730 B2=d:45730.52083333334 C2=n:45000 "
      "D2=fe: E2=n:7 A4=s:après une ligne vide C4=s:L'audit « sur site »");
  EXPECT_EQ(Cells(book.sheets[1]), "B3=s:x AA10=n:-1.25");
}

TEST_F(WorkbookFiles, ReadsLibreOfficeOds) {
  REQUIRE_LIBREOFFICE();
  grid::Workbook book = Read("lo/openpyxl.ods", true);
  EXPECT_EQ(Codes(), "");
  ASSERT_EQ(Names(book), "Évaluations|Mes données");
  // LibreOffice turns openpyxl's booleans into TRUE() and FALSE() formulas of number type, and
  // computes B1*2, which openpyxl left without a value.
  EXPECT_EQ(Cells(book.sheets[0]),
            "A1=s:Critère B1=n:42 C1=n:2.5 D1=fn:1 E1=fn:0 A2=d:45730 B2=d:45730.520833333336 "
            "C2=n:45000 "
            "D2=fn:84 E2=n:7 A4=s:après une ligne vide C4=s:L'audit « sur site »");
  EXPECT_EQ(Cells(book.sheets[1]), "B3=s:x AA10=n:-1.25");
}

TEST_F(WorkbookFiles, ReadsLibreOfficeXlsxSharedStringsAndCachedValues) {
  REQUIRE_LIBREOFFICE();
  grid::Workbook book = Read("lo2/openpyxl.xlsx", true);
  EXPECT_EQ(Codes(), "");
  ASSERT_EQ(Names(book), "Évaluations|Mes données");
  // Shared strings; the booleans are formulas with boolean cached values.
  EXPECT_EQ(Cells(book.sheets[0]),
            "A1=s:Critère B1=n:42 C1=n:2.5 D1=fb:1 E1=fb:0 A2=d:45730 B2=d:45730.5208333333 "
            "C2=n:45000 "
            "D2=fn:84 E2=n:7 A4=s:après une ligne vide C4=s:L'audit « sur site »");
  EXPECT_EQ(Cells(book.sheets[1]), "B3=s:x AA10=n:-1.25");
}

TEST_F(WorkbookFiles, ReadsDatesOfThe1904System) {
  REQUIRE_OPENPYXL();
  grid::Workbook book = Read("mac1904.xlsx", true);
  ASSERT_EQ(book.sheets.size(), 1u);
  // Stored as 44268 days after 1904-01-01; a date in the 1899-12-30 epoch, other numbers as they
  // are.
  EXPECT_EQ(Cells(book.sheets[0]), "A1=d:45730 B1=n:5");
}

TEST_F(WorkbookFiles, ReadsRepeatedRowsAndBooleansOfOds) {
  REQUIRE_HOSTILE();
  grid::Workbook book = Read("repeated.ods", true);
  ASSERT_EQ(Names(book), "S");
  EXPECT_EQ(Cells(book.sheets[0]), "A1=s:a B1=b:1 A2=s:a B2=b:1 A3=s:a B3=b:1 A6=s:b B6=b:0");
}

TEST_F(WorkbookFiles, OdsLimitsStopTheReaderWithoutHanging) {
  // liborcus 0.17 parses .ods in a second thread: a limit passed inside it must not deadlock.
  REQUIRE_LIBREOFFICE();
  WorkbookLimits limits;
  limits.max_cells = 5;
  Read("lo/openpyxl.ods", false, limits);
  EXPECT_EQ(Messages(), Path("lo/openpyxl.ods") +
                            ": error: holds more than 5 non-empty cells, the limit "
                            "[too-many-cells]");
  limits = WorkbookLimits();
  limits.max_sheets = 1;
  Read("lo/openpyxl.ods", false, limits);
  EXPECT_EQ(Codes(), "too-many-sheets");
  REQUIRE_HOSTILE();
  Read("huge.ods", false);
  EXPECT_EQ(Codes(), "too-many-cells");
}

TEST_F(WorkbookFiles, ReadsAGridOf1600Criteria) {
  REQUIRE_OPENPYXL();
  grid::Workbook book = Read("big.xlsx", true);
  ASSERT_EQ(book.sheets.size(), 1u);
  ASSERT_EQ(book.sheets[0].cells.size(), 1600u * 8);
  const grid::Cell& last = book.sheets[0].cells.back();
  EXPECT_EQ(grid::CellName(last.row, last.col), "H1600");
  EXPECT_EQ(last.value.kind, Kind::kBool);
  EXPECT_EQ(last.value.number, 1);
  const grid::Cell& date = book.sheets[0].cells[1599 * 8 + 5];
  std::string day;
  ASSERT_TRUE(date.value.date);
  ASSERT_TRUE(grid::SerialToDate(date.value.number, false, &day));
  EXPECT_EQ(day, "2025-05-21");  // 2025-01-01 + 1600 % 365 days
}

TEST_F(WorkbookFiles, SheetLimit) {
  REQUIRE_OPENPYXL();
  WorkbookLimits limits;
  limits.max_sheets = 4;
  Read("sheets.xlsx", false, limits);
  EXPECT_EQ(Messages(), Path("sheets.xlsx") +
                            ": error: has more than 4 sheets, the limit "
                            "[too-many-sheets]");
  limits.max_sheets = 5;
  EXPECT_EQ(Names(Read("sheets.xlsx", true, limits)), "S1|S2|S3|S4|S5");
}

TEST_F(WorkbookFiles, RowLimit) {
  REQUIRE_OPENPYXL();
  WorkbookLimits limits;
  limits.max_rows = 3;
  Read("openpyxl.xlsx", false, limits);
  EXPECT_EQ(Messages(), Path("openpyxl.xlsx") +
                            ": error: sheet 'Évaluations' has a cell in row 4, beyond the limit "
                            "of 3 rows [too-many-rows]");
}

TEST_F(WorkbookFiles, CellLimit) {
  REQUIRE_OPENPYXL();
  WorkbookLimits limits;
  limits.max_cells = 13;
  Read("openpyxl.xlsx", false, limits);
  EXPECT_EQ(Codes(), "too-many-cells");
  limits.max_cells = 14;
  Read("openpyxl.xlsx", true, limits);
}

TEST_F(WorkbookFiles, RefusesHostileFiles) {
  REQUIRE_HOSTILE();
  struct Case {
    const char* file;
    const char* expected;  // the diagnostic's headline after "path: "
  };
  for (const Case& c : {
           Case{"text.xlsx",
                "error: is not a spreadsheet: an .xlsx or .ods file is a zip archive, and this "
                "file is not one [not-a-spreadsheet]"},
           Case{"other.zip",
                "error: is not a spreadsheet: a zip archive, but neither an .xlsx nor an .ods "
                "workbook [not-a-spreadsheet]"},
           Case{"encrypted.xlsx",
                "error: is an encrypted workbook: save it again without a password to have it "
                "read [encrypted-workbook]"},
           Case{"old.xls",
                "error: is not an .xlsx or .ods spreadsheet but an older binary file (.xls?): "
                "save it again as .xlsx or .ods [not-a-spreadsheet]"},
           Case{"truncated.xlsx",
                "error: is a damaged or truncated archive: it has no central directory "
                "[damaged-archive]"},
           Case{"bomb.xlsx",
                "error: expands to more than 268435456 bytes, the limit [archive-too-large]"},
           Case{"ratio.xlsx",
                "error: member 'xl/media/zeros.bin' claims to expand 101923 bytes into "
                "104857600, beyond what any spreadsheet compresses (a zip bomb?) "
                "[suspicious-compression]"},
           Case{"lying.xlsx",
                "error: is a damaged or truncated archive: member 'xl/media/zeros.bin' expands "
                "beyond its declared size of 1000 bytes [damaged-archive]"},
           Case{"crc.xlsx",
                "error: is a damaged or truncated archive: member 'xl/worksheets/sheet1.xml' "
                "fails its CRC check [damaged-archive]"},
           Case{"macro.xlsm",
                "error: is a macro-enabled workbook ('[Content_Types].xml'): sceau does not "
                "read workbooks with macros; save it again as a plain .xlsx or .ods "
                "[macro-workbook]"},
           Case{"vba.xlsx",
                "error: is a macro-enabled workbook ('xl/vbaProject.bin'): sceau does not read "
                "workbooks with macros; save it again as a plain .xlsx or .ods "
                "[macro-workbook]"},
           Case{"laughs.xlsx",
                "error: member 'xl/worksheets/sheet1.xml' declares an XML DTD, which "
                "spreadsheets never do (entity expansion?) [xml-dtd]"},
           Case{"huge.xlsx",
                "error: holds more than 2000000 non-empty cells, the limit [too-many-cells]"},
           Case{"far.xlsx",
                "error: sheet 'Évaluations' has a cell in column XFE, beyond the limit of 16384 "
                "columns [too-many-columns]"},
       }) {
    grid::Workbook book = Read(c.file, false);
    EXPECT_EQ(Messages(), Path(c.file) + ": " + c.expected) << c.file;
    EXPECT_TRUE(book.sheets.empty()) << c.file;
  }
}

TEST_F(WorkbookFiles, RefusesShortDeclaredSizes) {
  REQUIRE_HOSTILE();
  Read("short.xlsx", false);
  EXPECT_EQ(Codes(), "damaged-archive");
}

TEST_F(WorkbookFiles, DropsExternalLinksWithAWarning) {
  REQUIRE_HOSTILE();
  grid::Workbook book = Read("external.xlsx", true);
  EXPECT_EQ(Messages(), Path("external.xlsx") +
                            ": warning: links to another workbook, which is not read: formulas "
                            "keep the values they last computed [external-link]");
  ASSERT_EQ(book.sheets.size(), 2u);
  EXPECT_EQ(book.sheets[0].cells.size(), 12u);
}

TEST_F(WorkbookFiles, FrenchMessages) {
  REQUIRE_HOSTILE();
  ScopedDiagnosticLanguage french("fr");
  Read("vba.xlsx", false);
  EXPECT_EQ(Messages(),
            Path("vba.xlsx") +
                ": erreur: est un classeur avec macros ('xl/vbaProject.bin') : sceau ne "
                "lit pas les classeurs qui contiennent des macros ; enregistrez-le à "
                "nouveau en simple .xlsx ou .ods [macro-workbook]");
}

// The growth of the peak resident memory of a child process that reads `path`, in MiB (so the
// test's own memory and other children do not count); `*refused` whether it refused the file.
long ChildGrowthMiB(const std::string& path, int* refused) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    grid::Workbook book;
    std::vector<Diagnostic> diags;
    bool ok = ReadWorkbookFile(path, WorkbookLimits(), &book, &diags);
    getrusage(RUSAGE_SELF, &after);
    long result[2] = {ok ? 0 : 1, (after.ru_maxrss - before.ru_maxrss) / 1024};
    ssize_t written = write(fds[1], result, sizeof result);
    _exit(written == sizeof result ? 0 : 1);
  }
  close(fds[1]);
  long result[2] = {0, -1};
  ssize_t got = read(fds[0], result, sizeof result);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got != sizeof result) return -1;
  *refused = static_cast<int>(result[0]);
  return result[1];
}

TEST_F(WorkbookFiles, ZipBombAndHugeSheetInBoundedMemory) {
  REQUIRE_HOSTILE();
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer's shadow memory, redzones and quarantine about triple what the process
  // holds (the huge sheet: 804 MiB under ASan, 268 MiB without).
  constexpr long kScale = 3;
#else
  constexpr long kScale = 1;
#endif
  int refused = 0;
  long bomb = ChildGrowthMiB(Path("bomb.xlsx"), &refused);
  EXPECT_TRUE(refused);
  EXPECT_GE(bomb, 0);
  EXPECT_LT(bomb, 16 * kScale) << "a 300 MB bomb";
  long lying = ChildGrowthMiB(Path("lying.xlsx"), &refused);
  EXPECT_TRUE(refused);
  EXPECT_GE(lying, 0);
  EXPECT_LT(lying, 16 * kScale) << "a member lying about its size";
  // 3,000,000 cells in 10 MB: refused at 2,000,000 cells; what liborcus holds of the 100 MB
  // sheet part and the cells read until then.
  long huge = ChildGrowthMiB(Path("huge.xlsx"), &refused);
  EXPECT_TRUE(refused);
  EXPECT_GE(huge, 0);
  EXPECT_LT(huge, 512 * kScale) << "a sheet of 3,000,000 cells";
  std::cout << "memory growth: bomb " << bomb << " MiB, lying member " << lying
            << " MiB, huge sheet " << huge << " MiB\n";
}

TEST(WorkbookReader, RefusesEmptyAndTinyInputs) {
  for (std::string_view bytes :
       {std::string_view(""), std::string_view("PK\3\4"),
        std::string_view("PK\5\6\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 22)}) {
    grid::Workbook book;
    std::vector<Diagnostic> diags;
    EXPECT_FALSE(ReadWorkbook("x.xlsx", bytes, WorkbookLimits(), &book, &diags));
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(diags[0].file, "x.xlsx");
    EXPECT_EQ(diags[0].where.line, 0);
  }
}

TEST(WorkbookReader, RefusesAFileOverTheLimitWithoutReadingIt) {
  testing::TempDir dir;
  std::string path = dir.Write("big.xlsx", std::string(2000, 'x'));
  WorkbookLimits limits;
  limits.max_file_bytes = 1000;
  grid::Workbook book;
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(ReadWorkbookFile(path, limits, &book, &diags));
  EXPECT_EQ(testing::Headlines(diags),
            path + ": error: file is 2000 bytes, over the limit of 1000 bytes [file-too-large]");
}

}  // namespace
}  // namespace sceau
