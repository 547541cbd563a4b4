// Inside the workbook reader (engine/workbook_reader.cc): an .xlsx put in the form liborcus 0.17
// reads. That version drops inline strings (<c t="inlineStr"><is>, which openpyxl writes), the
// boolean and error results of formulas and cells typed as errors, and looks for parts in the
// wrong folder when a relationship names them from the package's root (Target="/xl/...", as
// openpyxl writes them). NormalizeXlsx rewrites those parts, in a copy of the archive whose other
// members are copied as they are: inline strings become shared strings, relationship targets
// become relative, and booleans and errors become strings marked with kMark.
#ifndef SCEAU_ENGINE_WORKBOOK_NORMALIZE_H_
#define SCEAU_ENGINE_WORKBOOK_NORMALIZE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace sceau::workbook_internal {

// U+FFFE, which XML text cannot hold, then 'b' and "1" or "0" for a boolean, or 'e' and the
// error ("#DIV/0!").
inline constexpr std::string_view kMark = "\xEF\xBF\xBE";

// `bytes`: an archive CheckArchive accepted as .xlsx. Returns true with the rewritten archive in
// `out` when a part needed rewriting, false when `bytes` can go to liborcus as it is (or when
// the parts to rewrite are not where an .xlsx has them: then they are left as they are).
bool NormalizeXlsx(std::string_view bytes, std::string* out);

// The same for an .ods: liborcus 0.17 reads a repeated row that holds values once
// (table:number-rows-repeated, which LibreOffice writes for identical rows) and drops boolean
// cells. kRewritten: such rows written out as many times as they repeat and booleans as marked
// strings, in `out`; kTooLarge: the rows written out would pass `max_bytes`; kTooManyCells:
// they would hold more than `max_cells` values.
enum class OdsResult { kUnchanged, kRewritten, kTooLarge, kTooManyCells };
OdsResult NormalizeOds(std::string_view bytes, size_t max_bytes, size_t max_cells,
                       std::string* out);

}  // namespace sceau::workbook_internal

#endif  // SCEAU_ENGINE_WORKBOOK_NORMALIZE_H_
