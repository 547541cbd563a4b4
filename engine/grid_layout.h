// The audit grid's layout: how the dossier format (engine/dossier_spec.cc) maps onto the sheets
// of a spreadsheet, and back. It is derived from the format's declaration, so a key added to the
// dossier format reaches the grid, and is read back from it, without new code here:
//
//   - every value reached from the dossier's root through maps only (organisation.name,
//     organisation.headcount.permanent, audit.start, previous.result...) is a field of the
//     "Dossier" sheet: a label, the value, and the key in a third column;
//   - every list of maps and every dict (organisation.sites, evidence, follow_up, assessments, and
//     inside an assessment its findings, indicators and sample) is a table sheet: a title row, a
//     row of labels, a row of keys, then one row per item; a dict's key and the keys of the
//     enclosing items come first (a finding's row names its criterion);
//   - a list of scalars is one cell (ids separated by commas, other values one per line);
//   - `referential.id` and `referential.version` are fields of the read-only "Référentiel" sheet.
//
// Columns and fields are found by their key, not their place: a grid whose columns were moved,
// or saved by another program, reads the same. Reading turns a workbook into the dossier's YAML
// text, each line of which remembers the cell it came from, so that the dossier loader checks a
// grid exactly as it checks a YAML dossier, and each of its diagnostics names a cell
// ("grille.xlsx:Évaluations!D14").
#ifndef SCEAU_ENGINE_GRID_LAYOUT_H_
#define SCEAU_ENGINE_GRID_LAYOUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/format.h"
#include "engine/grid.h"
#include "engine/source.h"

namespace sceau::grid {

// One column of a table, or one field of a fields sheet.
struct Column {
  std::string key;                           // relative to the item: "action.due"; a field's is
                                             // its path from the root: "organisation.name"
  const format::KeySpec* spec = nullptr;     // the key's declaration (nullptr: a dict's key)
  const format::ValueSpec* value = nullptr;  // the value's type; a list's item type when `list`
  bool list = false;                         // a list of scalars, in one cell
  bool required = false;                     // required in its map (an empty cell is an error)
};

struct Table {
  std::string path;   // "evidence", "assessments", "assessments.*.findings"
  std::string sheet;  // the sheet's name in French
  std::string sheet_en;
  bool dict = false;     // rows are a dict's entries: the first own column is the key
  std::string key_name;  // a dict's key column: "criterion", "indicator"
  int parent = -1;       // index of the enclosing table (a finding's: assessments), or -1
  std::vector<std::string> parent_keys;  // the columns naming the enclosing item: {"criterion"}
  std::vector<Column> columns;           // the item's own columns (after the key, for a dict)
};

struct Layout {
  std::vector<Column> referential;  // fields of the Référentiel sheet
  std::vector<Column> fields;       // fields of the Dossier sheet
  std::vector<Table> tables;        // in the order of the format
};

// The audit grid's layout, from the dossier format. Built once.
const Layout& DossierLayout();

inline constexpr std::string_view kFieldsSheet = "Dossier";
inline constexpr std::string_view kFieldsSheetEn = "Dossier";
inline constexpr std::string_view kReferentialSheet = "Référentiel";
inline constexpr std::string_view kReferentialSheetEn = "Referential";
// On a fields sheet: the value is in column B, the key in column C.
inline constexpr int kFieldValueColumn = 1;
inline constexpr int kFieldKeyColumn = 2;

// A workbook read back as the dossier's YAML text. Line i (1-based) of `yaml` came from cell
// `cells[i - 1]` ("Évaluations!D14"; empty for a line of structure only).
struct GridYaml {
  std::string yaml;
  std::vector<std::string> cells;
};

// Turns `book` into the dossier's YAML. Problems that are the grid's own (a cell holding a formula
// error, an unknown column or field key, a sheet that is not part of the grid, a value that cannot
// be read) are added to `diagnostics` with `file` = `path` and the cell named; the rest of the
// grid is still converted, so that the dossier loader reports its own problems in the same run.
GridYaml GridToYaml(const Workbook& book, const std::string& path,
                    std::vector<Diagnostic>* diagnostics);

// True when `bytes` are a spreadsheet rather than YAML text: a zip archive (.xlsx, .ods) or an
// OLE compound file (an encrypted workbook, an old .xls), for the grid reader to accept or refuse.
bool LooksLikeSpreadsheet(std::string_view bytes);

}  // namespace sceau::grid

#endif  // SCEAU_ENGINE_GRID_LAYOUT_H_
