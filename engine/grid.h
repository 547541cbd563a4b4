// A spreadsheet as sceau sees it, independent of the file format: what a grid reader gives
// (engine/workbook_reader.h: .xlsx and .ods) and what the XLSX grid writer renders
// (reports/xlsx_grid.h). The audit grid's layout, which maps the dossier format onto sheets and
// back, is engine/grid_layout.h.
#ifndef SCEAU_ENGINE_GRID_H_
#define SCEAU_ENGINE_GRID_H_

#include <string>
#include <string_view>
#include <vector>

namespace sceau::grid {

// ---- read side ---------------------------------------------------------------------------------

// The value of a cell as the file stores it. A formula counts by its cached value; one without a
// cached value, or whose value is an error (#REF!...), is kError with `text` saying which.
struct CellValue {
  enum class Kind { kEmpty, kString, kNumber, kBool, kError };
  Kind kind = Kind::kEmpty;
  std::string text;      // kString: the text (shared or inline strings resolved); kError: what
  double number = 0;     // kNumber: the value; kBool: 1 or 0
  bool date = false;     // kNumber: the cell's number format shows a date or a date-time
  bool formula = false;  // the value was computed by a formula (its cached value)
};

struct Cell {
  int row = 0;  // 0-based: row 0 is the sheet's row 1
  int col = 0;  // 0-based: col 0 is column A
  CellValue value;
};

struct Sheet {
  std::string name;         // as the workbook names it
  std::vector<Cell> cells;  // non-empty cells only, by row then column, each position once
};

struct Workbook {
  std::vector<Sheet> sheets;  // in the workbook's order
};

// "A", "Z", "AA", ... for a 0-based column.
std::string ColumnName(int col);
// "D14" for 0-based row 13, column 3.
std::string CellName(int row, int col);
// "Évaluations!D14", the sheet name quoted as spreadsheets quote it when it needs to be
// ('Mes données'!A1; a quote inside doubled).
std::string CellReference(std::string_view sheet, int row, int col);
// Days since 1899-12-30 (the spreadsheet epoch of Excel's 1900 system and of ODS) to a date
// "YYYY-MM-DD"; false when `serial` is not a whole day of 0001-01-01 to 9999-12-31 (a time of
// day is accepted and ignored only when `allow_time`).
bool SerialToDate(double serial, bool allow_time, std::string* date);
// The inverse: false when `date` is not YYYY-MM-DD of an existing day.
bool DateToSerial(std::string_view date, double* serial);

// ---- write side --------------------------------------------------------------------------------

// The role of a cell, which decides its look and whether the auditor may edit it.
enum class Style {
  kTitle,   // a sheet's title line: large, bold
  kHeader,  // a column header or a field label: bold, shaded, wrapped
  kKey,     // a technical key (column key, field key): small, grey; read back by sceau
  kInfo,    // read-only information (a criterion's title, requirement): wrapped
  kInput,   // where the auditor writes: unlocked, lightly coloured, bordered, wrapped
};

struct OutCell {
  enum class Kind { kEmpty, kString, kNumber, kBool, kDate };
  Kind kind = Kind::kEmpty;
  std::string text;   // kString; kDate: "YYYY-MM-DD"
  double number = 0;  // kNumber; kBool: 1 or 0
  Style style = Style::kInfo;
  // The kind of value expected in an input cell, for its number format when empty: a kDate input
  // shows dates as YYYY-MM-DD; kNumber keeps what is typed.
  Kind expects = Kind::kString;
  std::vector<std::string> choices;  // a drop-down of allowed values (a list validation)
  std::string note;                  // a note (comment) shown on hover: guidance, help
};

struct OutColumn {
  double width = 12;  // in characters, as spreadsheets count them
  bool hidden = false;
};

struct OutSheet {
  std::string name;                        // at most 31 characters, none of []:*?/\ .
  std::vector<OutColumn> columns;          // widths; fewer than the rows' cells is fine
  std::vector<std::vector<OutCell>> rows;  // row by row
  int header_rows = 0;    // rows frozen on screen and repeated on every printed page
  bool locked = true;     // protected: only kInput cells may be edited
  bool landscape = true;  // A4 landscape, fitted to the page's width
};

struct OutWorkbook {
  std::vector<OutSheet> sheets;
  std::string title;  // document properties
  std::string subject;
  std::string author;
};

}  // namespace sceau::grid

#endif  // SCEAU_ENGINE_GRID_H_
