// The XLSX writer of audit grids: renders a grid::OutWorkbook (engine/grid.h) as an Office Open XML
// spreadsheet with libxlsxwriter, for Excel and LibreOffice.
//
// How a book is rendered:
//  - a cell format per grid::Style: kTitle large and bold; kHeader bold, shaded, wrapped, bordered;
//    kKey small and grey; kInfo wrapped, top-aligned; kInput unlocked, light yellow, bordered,
//    wrapped, top-aligned. kDate cells, and empty kInput cells that expect a date, show the number
//    format yyyy-mm-dd and hold a real date (a serial number), so the spreadsheet sorts and checks
//    them as dates;
//  - numbers as numbers, booleans as booleans, strings as strings (shared strings); a note as a
//    comment whose box is sized to its text;
//  - a drop-down as a list data validation (a stop on anything else). A list that does not fit a
//    validation's own formula (255 characters in all, or an item holding a comma or a double
//    quote) goes to the hidden, protected sheet kXlsxListsSheet, one column per distinct list, and
//    the validation refers to its range. Neighbouring cells of a column with the same list share
//    one validation;
//  - column widths and hidden columns; `header_rows` frozen on screen and repeated on every
//    printed page; A4, landscape or portrait, fitted to one page wide, the sheet's name and
//    "page / pages" in the footer;
//  - a `locked` sheet is protected without a password: only kInput cells may be edited; the
//    auditor may still select cells, resize columns and rows, and use an autofilter;
//  - the document properties title, subject, author; the creation date is fixed (2000-01-01), and
//    libxlsxwriter dates every zip entry 1980-01-01, so the same book gives the same bytes.
//
// Refused with an error, before anything is written: a workbook without sheets; a sheet name
// that is empty, longer than 31 characters, holds one of []:*?/\ , begins or ends with an
// apostrophe, equals another's but for case, or is kXlsxListsSheet; a text (cell, note, choice,
// sheet name, property) that is not UTF-8 or holds a control character other than tab and line
// breaks; a cell text or note longer than 32,767 characters (UTF-16 units, as Excel counts); a
// number that is not finite; a kDate that is not an existing day YYYY-MM-DD from 1900-03-01
// (where Excel's and LibreOffice's serial numbers agree) to 9999-12-31; a cell beyond row
// 1,048,576 or column XFD. Errors name the cell: "sheet 'Évaluations', cell D14: ...".
#ifndef SCEAU_REPORTS_XLSX_GRID_H_
#define SCEAU_REPORTS_XLSX_GRID_H_

#include <string>

#include "engine/grid.h"

namespace sceau {

// The hidden sheet holding the drop-downs' long lists, when a book needs one (last in the book).
inline constexpr char kXlsxListsSheet[] = "sceau_lists";

// Writes `book` as an .xlsx file at `path`, all or nothing (reports/atomic_file.h: a failure or a
// kill leaves no partial file). `replace`: whether an existing file may be replaced (false:
// CreateFileAtomically semantics, "<path> exists already"). Deterministic: the same book gives the
// same bytes. Returns true on success; on failure returns false and sets `*error`.
bool WriteXlsxGrid(const grid::OutWorkbook& book, const std::string& path, bool replace,
                   std::string* error);

// The same, into memory (for tests and benchmarks): `*bytes` is the file's content.
bool RenderXlsxGrid(const grid::OutWorkbook& book, std::string* bytes, std::string* error);

// Where libxlsxwriter's output file lives while it is written, before it is read back. Only tests
// need to choose.
enum class XlsxScratch {
  kAuto,   // an anonymous memory file (memfd_create): nothing is left even by a kill; where the
           // system refuses one, as kNamed
  kNamed,  // a file in a private folder made by mkdtemp in $TMPDIR (or /tmp), removed on return
};
bool RenderXlsxGrid(const grid::OutWorkbook& book, std::string* bytes, std::string* error,
                    XlsxScratch scratch);

}  // namespace sceau

#endif  // SCEAU_REPORTS_XLSX_GRID_H_
