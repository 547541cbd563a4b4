// The audit grid a referential gives (`sceau template --format xlsx`): its sheets and cells, laid
// out by engine/grid_layout.h, labelled in French or English, blank or filled from a dossier.
#ifndef SCEAU_CLI_GRID_TEMPLATE_H_
#define SCEAU_CLI_GRID_TEMPLATE_H_

#include <string>
#include <vector>

#include "engine/grid.h"
#include "engine/referential.h"
#include "engine/yaml_tree.h"

namespace sceau::cli {

struct GridTemplateOptions {
  std::string lang = "fr";
  OrgKind kind = OrgKind::kOther;
  int headcount = -1;  // -1: unknown
  int sites = -1;      // -1: unknown
  std::string referential_sha256;
  // A dossier to fill the grid with (its parsed YAML); null: a blank grid.
  const YamlNode* dossier = nullptr;
};

// The grid. Returns false with `problems` when the dossier holds something a grid cannot (a text
// in several languages, a list item with a line break in it).
bool BuildGrid(const Referential& ref, const GridTemplateOptions& options, grid::OutWorkbook* book,
               std::vector<std::string>* problems);

// The workbook a grid is read back as, without a file: what a reader of the written file gives
// (for tests and for checking that a filled grid holds its dossier).
grid::Workbook AsRead(const grid::OutWorkbook& book);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_GRID_TEMPLATE_H_
