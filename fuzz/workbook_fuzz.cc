// libFuzzer target: the audit grid reader (engine/workbook_reader.h), an .xlsx or .ods read from
// the input's bytes. The archive check runs first (CheckArchive), then liborcus on what it
// accepted. Limits are small so that one input stays fast: 4 MB expanded, 20,000 cells.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "engine/workbook_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sceau::WorkbookLimits limits;
  limits.max_expanded_bytes = 4u << 20;
  limits.max_cells = 20'000;
  limits.max_rows = 10'000;
  limits.max_columns = 1'000;
  limits.max_sheets = 16;

  sceau::ArchiveSummary summary;
  std::vector<sceau::Diagnostic> checked;
  bool accepted = sceau::CheckArchive("fuzz.xlsx", bytes, limits, &summary, &checked);
  if (accepted && summary.expanded_bytes > limits.max_expanded_bytes) std::abort();

  sceau::grid::Workbook book;
  std::vector<sceau::Diagnostic> diags;
  bool ok = sceau::ReadWorkbook("fuzz.xlsx", bytes, limits, &book, &diags);
  // The reader refuses what the check refuses, and a refusal always says why.
  if (ok && !accepted) std::abort();
  if (!ok && !book.sheets.empty()) std::abort();
  if (!ok && sceau::CountDiagnostics(diags, sceau::Severity::kError) == 0) std::abort();
  size_t cells = 0;
  for (const sceau::grid::Sheet& sheet : book.sheets) {
    for (size_t i = 0; i < sheet.cells.size(); ++i) {
      const sceau::grid::Cell& c = sheet.cells[i];
      if (c.row < 0 || c.row >= limits.max_rows || c.col < 0 || c.col >= limits.max_columns) {
        std::abort();
      }
      if (c.value.kind == sceau::grid::CellValue::Kind::kEmpty) std::abort();
      // Sorted by row then column, each position once.
      if (i > 0) {
        const sceau::grid::Cell& p = sheet.cells[i - 1];
        if (p.row > c.row || (p.row == c.row && p.col >= c.col)) std::abort();
      }
      (void)sceau::grid::CellReference(sheet.name, c.row, c.col);
    }
    cells += sheet.cells.size();
  }
  if (cells > limits.max_cells || book.sheets.size() > 16) std::abort();
  return 0;
}
