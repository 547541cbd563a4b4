// libFuzzer target: the grid layout's reader (engine/grid_layout.h), a workbook of cells built from
// the input (sheets of the grid and others, keys of the layout and not, strings with quotes, line
// breaks and control characters, numbers, dates, errors), turned into the dossier's YAML. That
// YAML must parse as one YAML document whenever the cells hold valid UTF-8, every line naming its
// cell: the quoting is the reader's own code.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "engine/grid_layout.h"
#include "engine/yaml_tree.h"

namespace {

class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool empty() const { return at_ >= size_; }
  uint8_t Byte() { return at_ < size_ ? data_[at_++] : 0; }
  std::string Text() {
    size_t n = Byte() % 24;
    std::string s;
    for (size_t i = 0; i < n && !empty(); ++i) s += static_cast<char>(Byte());
    return s;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sceau;
  Input in(data, size);
  const grid::Layout& layout = grid::DossierLayout();
  std::vector<std::string> sheets = {"Dossier", "Référentiel", "Notes"};
  std::vector<std::string> keys = {"criterion", "indicator", "value", "Clé", ""};
  for (const grid::Column& c : layout.fields) keys.push_back(c.key);
  for (const grid::Column& c : layout.referential) keys.push_back(c.key);
  for (const grid::Table& t : layout.tables) {
    sheets.push_back(t.sheet);
    for (const grid::Column& c : t.columns) keys.push_back(c.key);
  }
  grid::Workbook book;
  const int sheet_count = 1 + in.Byte() % 6;
  for (int s = 0; s < sheet_count && !in.empty(); ++s) {
    grid::Sheet sheet;
    sheet.name = sheets[in.Byte() % sheets.size()];
    int row = 0, col = 0;
    const int cells = in.Byte() % 64;
    for (int i = 0; i < cells && !in.empty(); ++i) {
      // Forward only: sorted by row then column, each position once.
      uint8_t step = in.Byte();
      if (step & 1) {
        row += 1 + (step >> 5);
        col = step >> 1 & 3;
      } else {
        col += 1 + (step >> 1 & 3);
      }
      grid::Cell c;
      c.row = row;
      c.col = col;
      switch (in.Byte() % 6) {
        case 0:
          c.value.kind = grid::CellValue::Kind::kString;
          c.value.text = keys[in.Byte() % keys.size()];
          break;
        case 1:
        case 2:
          c.value.kind = grid::CellValue::Kind::kString;
          c.value.text = in.Text();
          break;
        case 3: {
          c.value.kind = grid::CellValue::Kind::kNumber;
          int64_t x = static_cast<int8_t>(in.Byte()) * 997 + in.Byte();
          c.value.number = static_cast<double>(x) / (in.Byte() % 4 == 0 ? 7.0 : 1.0);
          c.value.date = in.Byte() % 2 == 0;
          break;
        }
        case 4:
          c.value.kind = grid::CellValue::Kind::kBool;
          c.value.number = in.Byte() % 2;
          break;
        default:
          c.value.kind = grid::CellValue::Kind::kError;
          c.value.text = in.Byte() % 2 ? "#REF!" : "";
          c.value.formula = true;
      }
      sheet.cells.push_back(std::move(c));
    }
    book.sheets.push_back(std::move(sheet));
  }
  std::vector<Diagnostic> diags;
  grid::GridYaml y = grid::GridToYaml(book, "fuzz.xlsx", &diags);
  size_t lines = 0;
  for (char ch : y.yaml) lines += ch == '\n';
  if (lines != y.cells.size()) std::abort();
  for (const Diagnostic& d : diags) {
    if (d.cell.empty() || d.file != "fuzz.xlsx") std::abort();
  }
  size_t bad = 0;
  if (!IsValidUtf8(y.yaml, &bad)) return 0;  // the loader reports it at its cell
  auto source = std::make_shared<SourceFile>("fuzz.yaml", y.yaml);
  DiagnosticSink sink(source);
  YamlDocument doc;
  if (!y.yaml.empty() && !ParseYaml(source, YamlLimits{}, &sink, &doc)) {
    // Only a duplicate key (two rows of one criterion) may be reported: never a syntax error.
    for (const Diagnostic& d : sink.Take()) {
      if (d.code != "duplicate-key") std::abort();
    }
  }
  return 0;
}
