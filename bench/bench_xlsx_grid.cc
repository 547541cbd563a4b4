// The XLSX grid writer: RenderXlsxGrid (reports/xlsx_grid.h) of an audit-like book, into memory,
// the median of several runs.
//   sceau_bench_xlsx_grid [ROWS [COLUMNS [RUNS]]]   (defaults: 200 rows, 12 columns, 9 runs)
// A sheet of labelled fields, then a table of ROWS criteria x COLUMNS columns: three read-only
// texts (id, title, requirement), a drop-down with a note, the other columns input cells.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/grid.h"
#include "reports/xlsx_grid.h"

namespace {

using sceau::grid::OutCell;
using sceau::grid::OutSheet;
using sceau::grid::OutWorkbook;
using sceau::grid::Style;

OutCell Text(std::string text, Style style) {
  OutCell c;
  c.kind = OutCell::Kind::kString;
  c.text = std::move(text);
  c.style = style;
  return c;
}

OutWorkbook Book(int rows, int columns) {
  OutWorkbook book;
  book.title = "Grille d’audit";
  OutSheet org;
  org.name = "Organisation";
  org.columns = {{28, false}, {48, false}};
  for (int k = 0; k < 20; ++k) {
    OutCell in;
    in.style = Style::kInput;
    org.rows.push_back({Text("Champ " + std::to_string(k + 1), Style::kHeader), in});
  }
  book.sheets.push_back(org);
  OutSheet ev;
  ev.name = "Évaluations";
  ev.header_rows = 1;
  std::vector<OutCell> header;
  for (int c = 0; c < columns; ++c) {
    ev.columns.push_back({c == 2 ? 48.0 : 16.0, false});
    header.push_back(Text("Colonne " + std::to_string(c + 1), Style::kHeader));
  }
  ev.rows.push_back(header);
  for (int r = 0; r < rows; ++r) {
    std::vector<OutCell> row;
    for (int c = 0; c < columns; ++c) {
      if (c == 0) {
        row.push_back(Text("C-" + std::to_string(r + 1), Style::kInfo));
      } else if (c == 1) {
        row.push_back(Text("Maîtrise des informations documentées", Style::kInfo));
      } else if (c == 2) {
        row.push_back(
            Text("L’organisme conserve les informations documentées nécessaires à "
                 "l’efficacité du système de management de la qualité.",
                 Style::kInfo));
      } else {
        OutCell in;
        in.style = Style::kInput;
        if (c == 3) {
          in.choices = {"C", "NCm", "NCM", "NA"};
          in.note = "C : conforme ; NCm : non-conformité mineure ; NCM : majeure ; NA.";
        }
        row.push_back(in);
      }
    }
    ev.rows.push_back(row);
  }
  book.sheets.push_back(ev);
  return book;
}

}  // namespace

int main(int argc, char** argv) {
  int rows = argc > 1 ? std::atoi(argv[1]) : 200;
  int columns = argc > 2 ? std::atoi(argv[2]) : 12;
  int runs = argc > 3 ? std::atoi(argv[3]) : 9;
  if (rows < 0 || columns < 4 || runs < 1) {
    std::fprintf(stderr, "usage: sceau_bench_xlsx_grid [ROWS [COLUMNS>=4 [RUNS]]]\n");
    return 2;
  }
  OutWorkbook book = Book(rows, columns);
  std::vector<double> ms;
  size_t size = 0;
  for (int k = 0; k < runs; ++k) {
    std::string bytes, error;
    auto start = std::chrono::steady_clock::now();
    if (!sceau::RenderXlsxGrid(book, &bytes, &error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    size = bytes.size();
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%d rows x %d columns: %zu bytes, median %.1f ms (min %.1f, max %.1f, %d runs)\n",
              rows, columns, size, ms[ms.size() / 2], ms.front(), ms.back(), runs);
  return 0;
}
