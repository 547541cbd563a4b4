// Reads an audit grid saved as .xlsx (Excel, LibreOffice, openpyxl...) or .ods (LibreOffice) into
// a grid::Workbook (engine/grid.h): every sheet in order with its name, and the typed value of
// every non-empty cell.
//
// The file is outside data and may be hostile. Before any XML is parsed, the archive is checked
// (CheckArchive below): its central directory (members, declared sizes against the limits,
// compression ratios, encryption), then every member is inflated once with bounded memory to
// check that it holds exactly its declared size and CRC (liborcus inflates into a buffer of the
// declared size and trusts it), and that no XML part declares a DTD (entity expansion).
// Macro-enabled and encrypted workbooks are refused; links to other workbooks are dropped with a
// warning. Only then does liborcus parse the parts, streaming cells into the workbook through
// sceau's own import interfaces; the cell, row, column and sheet limits stop it as soon as they
// are passed.
//
// What a cell holds (grid::CellValue):
// - strings: shared, inline and rich-text strings resolved to their text;
// - numbers: `date` when the cell's number format shows a date or a time (.xlsx: builtin formats
//   14-22 and 45-47, or a custom code with y, m, d, h or s outside quotes and brackets; .ods: a
//   cell of type date or time). A date is a serial of the 1899-12-30 epoch (grid::SerialToDate),
//   also for a workbook of Excel's 1904 system;
// - booleans: kBool, number 1 or 0;
// - formulas: their cached value with `formula` set; a formula with no cached value is kError
//   with an empty `text`, one whose value is an error is kError with `text` the error ("#REF!").
// Empty cells and rows are absent. When a file gives two values for one position, the later one
// replaces the earlier one.
#ifndef SCEAU_ENGINE_WORKBOOK_READER_H_
#define SCEAU_ENGINE_WORKBOOK_READER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/grid.h"
#include "engine/source.h"

namespace sceau {

struct WorkbookLimits {
  size_t max_file_bytes = 64u << 20;       // the file itself
  size_t max_expanded_bytes = 256u << 20;  // all the archive's members, uncompressed
  size_t max_cells = 2'000'000;            // non-empty cells in all
  int max_rows = 1'048'576;                // rows of a sheet (Excel's maximum)
  int max_columns = 16'384;                // columns of a sheet (Excel's maximum, XFD)
  int max_sheets = 64;                     // sheets of the workbook
};

// What CheckArchive found in an archive that passed.
struct ArchiveSummary {
  enum class Kind { kXlsx, kOds };
  Kind kind = Kind::kXlsx;
  size_t members = 0;
  size_t expanded_bytes = 0;  // all members, uncompressed
  bool external_links = false;
  bool date1904 = false;  // an .xlsx of Excel's 1904 date system (<workbookPr date1904="1"/>)
};

// Checks `bytes` as the zip archive of an .xlsx or .ods spreadsheet (see above). Returns false
// with error diagnostics when it is refused, true otherwise (with warnings for what is dropped).
// Memory: a few hundred kilobytes besides `bytes`, whatever the archive declares.
bool CheckArchive(const std::string& path, std::string_view bytes, const WorkbookLimits& limits,
                  ArchiveSummary* summary, std::vector<Diagnostic>* diagnostics);

// Reads an .xlsx or .ods spreadsheet (recognised by its content, not its name) into `book`.
// `path` names the file in messages. Returns false with diagnostics (`file` = path, no line) when
// the file is refused, and then `book` is left empty; warnings for what is dropped.
// Codes: not-a-spreadsheet, encrypted-workbook, macro-workbook, damaged-archive,
// file-too-large, archive-too-large, suspicious-compression, xml-dtd, too-many-sheets,
// too-many-rows, too-many-columns, too-many-cells, unreadable-spreadsheet; warning
// external-link.
bool ReadWorkbook(const std::string& path, std::string_view bytes, const WorkbookLimits& limits,
                  grid::Workbook* book, std::vector<Diagnostic>* diagnostics);

// Reads the file with bounded memory (no more than max_file_bytes read), then ReadWorkbook.
// A file that cannot be read gives io-error; one over the limit file-too-large.
bool ReadWorkbookFile(const std::string& path, const WorkbookLimits& limits, grid::Workbook* book,
                      std::vector<Diagnostic>* diagnostics);

}  // namespace sceau

#endif  // SCEAU_ENGINE_WORKBOOK_READER_H_
