#include "engine/grid_layout.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <unordered_map>
#include <utility>

#include "engine/format_specs.h"
#include "engine/wording.h"
#include "engine/yaml_tree.h"

namespace sceau::grid {
namespace {

using format::KeySpec;
using format::MapSpec;
using format::Type;
using format::ValueSpec;

struct SheetNames {
  std::string_view path, fr, en, key;
};
// The sheets of the tables sceau knows by name; a table added to the format later is named by its
// key until it is given names here.
constexpr SheetNames kSheetNames[] = {
    {"organisation.sites", "Sites", "Sites", ""},
    {"evidence", "Preuves", "Evidence", ""},
    {"plan.reductions", "Réductions", "Reductions", ""},
    {"follow_up", "Suivi", "Follow-up", "criterion"},
    {"assessments", "Évaluations", "Assessments", "criterion"},
    {"assessments.*.findings", "Constats", "Findings", ""},
    {"assessments.*.indicators", "Indicateurs", "Indicators", "indicator"},
    {"assessments.*.sample", "Échantillons", "Samples", ""},
};

bool IsScalar(const ValueSpec& v) {
  return v.type != Type::kMap && v.type != Type::kList && v.type != Type::kDict &&
         v.type != Type::kOneOf;
}

void Collect(const MapSpec& map, const std::string& prefix, const std::string& table_path,
             int table, std::vector<Column>* columns, Layout* layout);

void AddTable(const KeySpec& k, const std::string& prefix, const std::string& table_path,
              int parent, Layout* layout) {
  const ValueSpec& item = *k.value.item;
  Table t;
  std::string own = prefix + std::string(k.name);
  t.path = table_path.empty() ? own : table_path + ".*." + own;
  t.sheet = own;
  t.sheet_en = own;
  for (const SheetNames& n : kSheetNames) {
    if (n.path == t.path) {
      t.sheet = n.fr;
      t.sheet_en = n.en;
      t.key_name = n.key;
    }
  }
  t.dict = k.value.type == Type::kDict;
  if (t.dict && t.key_name.empty()) t.key_name = "key";
  t.parent = parent;
  if (parent >= 0) {
    const Table& p = layout->tables[static_cast<size_t>(parent)];
    t.parent_keys = p.parent_keys;
    t.parent_keys.push_back(p.key_name);
  }
  layout->tables.push_back(std::move(t));
  const int index = static_cast<int>(layout->tables.size()) - 1;
  std::vector<Column> columns;
  if (item.type == Type::kMap) {
    Collect(item.map(), "", layout->tables[static_cast<size_t>(index)].path, index, &columns,
            layout);
  } else {
    Column c;
    c.key = "value";
    c.spec = &k;
    c.value = &item;
    c.required = true;
    columns.push_back(c);
  }
  layout->tables[static_cast<size_t>(index)].columns = std::move(columns);
}

void Collect(const MapSpec& map, const std::string& prefix, const std::string& table_path,
             int table, std::vector<Column>* columns, Layout* layout) {
  for (const KeySpec& k : map.keys) {
    const ValueSpec& v = k.value;
    if (v.type == Type::kMap) {
      Collect(v.map(), prefix + std::string(k.name) + ".", table_path, table, columns, layout);
    } else if (v.type == Type::kList && v.item && v.item->type == Type::kMap) {
      // Tables inside a list's items would need the item's number to say where they belong:
      // the format has none, and none is read here.
      if (table >= 0 && !layout->tables[static_cast<size_t>(table)].dict) continue;
      AddTable(k, prefix, table_path, table, layout);
    } else if (v.type == Type::kDict && v.item) {
      if (table >= 0 && !layout->tables[static_cast<size_t>(table)].dict) continue;
      AddTable(k, prefix, table_path, table, layout);
    } else if (v.type == Type::kList && v.item && IsScalar(*v.item)) {
      Column c;
      c.key = prefix + std::string(k.name);
      c.spec = &k;
      c.value = v.item;
      c.list = true;
      c.required = k.required;
      columns->push_back(c);
    } else if (IsScalar(v)) {
      Column c;
      c.key = prefix + std::string(k.name);
      c.spec = &k;
      c.value = &v;
      c.required = k.required;
      columns->push_back(c);
    }
  }
}

Layout BuildLayout() {
  Layout layout;
  const MapSpec& root = format::DossierSpec();
  for (const KeySpec& k : root.keys) {
    if (k.name == "format") continue;  // always 1
    if (k.name == "referential") {
      Collect(k.value.map(), "referential.", "", -1, &layout.referential, &layout);
      continue;
    }
    MapSpec one{root.name, root.doc, std::span<const KeySpec>(&k, 1)};
    Collect(one, "", "", -1, &layout.fields, &layout);
  }
  return layout;
}

// ---- reading -----------------------------------------------------------------------------------

// A node of the dossier being rebuilt from cells.
struct Out {
  enum class Kind { kMap, kList, kScalar };
  Kind kind = Kind::kMap;
  std::vector<std::pair<std::string, std::unique_ptr<Out>>> pairs;  // kMap, in order
  std::vector<std::unique_ptr<Out>> items;                          // kList
  std::string scalar;  // kScalar: YAML text, quoted or plain
  std::string cell;    // where it came from

  Out* Child(const std::string& key, Kind made, const std::string& where) {
    for (auto& [k, v] : pairs) {
      if (k == key) return v.get();
    }
    auto node = std::make_unique<Out>();
    node->kind = made;
    node->cell = where;
    pairs.emplace_back(key, std::move(node));
    return pairs.back().second.get();
  }
};

// The cell of a sheet at (row, col), found by binary search in the sheet's sorted cells.
const Cell* At(const Sheet& sheet, int row, int col) {
  auto it = std::lower_bound(sheet.cells.begin(), sheet.cells.end(), std::make_pair(row, col),
                             [](const Cell& c, const std::pair<int, int>& rc) {
                               return std::make_pair(c.row, c.col) < rc;
                             });
  if (it == sheet.cells.end() || it->row != row || it->col != col) return nullptr;
  return &*it;
}

// The text of a number as a person typed it: whole numbers without a fraction or an exponent.
std::string NumberText(double x) {
  if (std::isfinite(x) && x == std::round(x) && std::fabs(x) < 9.0e15)
    return fmt::format("{:.0f}", x);
  return fmt::format("{}", x);
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsNumberText(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  double x = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(x) &&
         s.find_first_of("xXnN") == std::string::npos;  // no hex, nan or inf
}

// "22/09/2026" (day first, as French spreadsheets show dates) to "2026-09-22".
bool DayFirstDate(const std::string& s, std::string* iso) {
  int d = 0, m = 0, y = 0;
  char tail = 0;
  if (std::sscanf(s.c_str(), "%2d/%2d/%4d%c", &d, &m, &y, &tail) != 3 || y < 1000) return false;
  *iso = fmt::format("{:04}-{:02}-{:02}", y, m, d);
  double serial = 0;
  return DateToSerial(*iso, &serial);
}

bool IsIsoDate(const std::string& s) {
  double serial = 0;
  return s.size() == 10 && DateToSerial(s, &serial);
}

class Reader {
 public:
  Reader(const Workbook& book, std::string path, std::vector<Diagnostic>* diagnostics)
      : book_(book), path_(std::move(path)), diags_(diagnostics), layout_(DossierLayout()) {}

  GridYaml Run() {
    Out root;
    root.cell = CellReference(kFieldsSheet, 0, 0);
    IndexSheets();
    const Sheet* refs = Find(kReferentialSheet, kReferentialSheetEn);
    const Sheet* fields = Find(kFieldsSheet, kFieldsSheetEn);
    if (refs) ReadFields(*refs, layout_.referential, &root);
    // The maps every dossier has, even when the sheet holding them is gone: the loader then
    // says which keys they miss.
    for (const char* key : {"organisation", "audit"}) root.Child(key, Out::Kind::kMap, root.cell);
    if (fields) ReadFields(*fields, layout_.fields, &root);
    dict_index_.resize(layout_.tables.size());
    for (size_t t = 0; t < layout_.tables.size(); ++t) ReadTable(t, &root);
    GridYaml out;
    Emit(root, 0, &out);
    return out;
  }

 private:
  void Report(Severity severity, std::string code, std::string cell, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.code = std::move(code);
    d.file = path_;
    d.cell = std::move(cell);
    d.message = std::move(message);
    diags_->push_back(std::move(d));
  }

  void IndexSheets() {
    // The writer's hidden sheet of long drop-down lists (reports/xlsx_grid.h) holds no data.
    std::vector<std::string> known = {std::string(kFieldsSheet), std::string(kReferentialSheet),
                                      std::string(kReferentialSheetEn), "sceau_lists"};
    for (const Table& t : layout_.tables) {
      known.push_back(t.sheet);
      known.push_back(t.sheet_en);
    }
    for (const Sheet& s : book_.sheets) {
      by_name_.emplace(s.name, &s);
      if (std::find(known.begin(), known.end(), s.name) == known.end()) {
        Report(Severity::kWarning, "unknown-sheet", CellReference(s.name, 0, 0),
               Fmt("sheet '{}' is not part of the audit grid: it is not read{}", s.name,
                   DidYouMean(s.name, known)));
      }
    }
  }

  const Sheet* Find(std::string_view fr, std::string_view en) const {
    auto it = by_name_.find(std::string(fr));
    if (it == by_name_.end()) it = by_name_.find(std::string(en));
    return it == by_name_.end() ? nullptr : it->second;
  }

  // True when the cell holds something: a value, or an error to report.
  static bool Filled(const Cell& cell) {
    return cell.value.kind != CellValue::Kind::kEmpty &&
           (cell.value.kind != CellValue::Kind::kString || !Trim(cell.value.text).empty());
  }

  // The YAML scalar for `cell` as a value of type `v`, or false (reported) when it has none.
  bool Scalar(const Cell& cell, const ValueSpec& v, const std::string& where, std::string* yaml) {
    const CellValue& x = cell.value;
    switch (x.kind) {
      case CellValue::Kind::kEmpty:
        return false;
      case CellValue::Kind::kError:
        Report(Severity::kError, "cell-error", where,
               x.text.empty()
                   ? Tr("the formula in this cell has no computed value (the program that saved "
                        "the grid did not store one): open the grid in a spreadsheet and save it "
                        "again, or type the value")
                   : Fmt("this cell holds an error ({}), not a value", x.text));
        return false;
      case CellValue::Kind::kBool:
        *yaml = x.number != 0 ? "true" : "false";
        if (v.type != Type::kBool) *yaml = YamlQuote(*yaml);
        return true;
      case CellValue::Kind::kNumber: {
        // A yes/no saved as a number (LibreOffice keeps an .xlsx boolean as =TRUE(), 1).
        if (v.type == Type::kBool && (x.number == 0 || x.number == 1)) {
          *yaml = x.number == 1 ? "true" : "false";
          return true;
        }
        std::string date;
        if (v.type == Type::kDate || x.date) {
          if (SerialToDate(x.number, /*allow_time=*/true, &date)) {
            // A value checked by hand (kAny) that a date fills is a date too (decision_date).
            *yaml = v.type == Type::kDate || v.type == Type::kAny ? date : YamlQuote(date);
            return true;
          }
          if (v.type == Type::kDate) {
            *yaml = YamlQuote(NumberText(x.number));  // the loader says it is not a date
            return true;
          }
        }
        std::string text = NumberText(x.number);
        bool numeric = v.type == Type::kInteger || v.type == Type::kNumber || v.type == Type::kAny;
        *yaml = numeric ? text : YamlQuote(text);
        return true;
      }
      case CellValue::Kind::kString: {
        const std::string t = Trim(x.text);
        if (t.empty()) return false;
        switch (v.type) {
          case Type::kInteger:
          case Type::kNumber:
            if (IsNumberText(t)) {
              *yaml = t;
              return true;
            }
            break;
          case Type::kDate: {
            std::string iso;
            if (IsIsoDate(t)) {
              *yaml = t;
              return true;
            }
            if (DayFirstDate(t, &iso)) {
              *yaml = iso;
              return true;
            }
            break;
          }
          case Type::kBool: {
            std::string l = Lower(t);
            if (l == "true" || l == "vrai" || l == "oui" || l == "yes") {
              *yaml = "true";
              return true;
            }
            if (l == "false" || l == "faux" || l == "non" || l == "no") {
              *yaml = "false";
              return true;
            }
            break;
          }
          default:
            break;
        }
        *yaml = YamlQuote(t);
        return true;
      }
    }
    return false;
  }

  // Puts the value of `cell` for column `c` at `key` of `map`; false when the cell is empty.
  bool Put(Out* map, const Column& c, const std::string& key, const Cell* cell,
           const std::string& where) {
    if (cell == nullptr) return false;
    if (!c.list) {
      std::string yaml;
      if (!Scalar(*cell, *c.value, where, &yaml)) return false;
      Out* node = map->Child(key, Out::Kind::kScalar, where);
      node->kind = Out::Kind::kScalar;
      node->scalar = std::move(yaml);
      node->cell = where;
      return true;
    }
    // A list in one cell: ids separated by commas (or semicolons, spaces, lines), other values
    // one per line.
    std::vector<std::string> parts;
    if (cell->value.kind == CellValue::Kind::kString) {
      const std::string& text = cell->value.text;
      const bool ids = c.value->type == Type::kId;
      std::string part;
      for (char ch : text + "\n") {
        bool sep = ch == '\n' || (ids && (ch == ',' || ch == ';' || ch == ' ' || ch == '\t'));
        if (!sep) {
          part += ch;
          continue;
        }
        std::string t = Trim(part);
        if (!t.empty()) parts.push_back(t);
        part.clear();
      }
    }
    Out* node = map->Child(key, Out::Kind::kList, where);
    node->kind = Out::Kind::kList;
    node->cell = where;
    if (cell->value.kind != CellValue::Kind::kString) {
      std::string yaml;
      if (!Scalar(*cell, *c.value, where, &yaml)) return true;
      auto item = std::make_unique<Out>();
      item->kind = Out::Kind::kScalar;
      item->scalar = std::move(yaml);
      item->cell = where;
      node->items.push_back(std::move(item));
      return true;
    }
    for (const std::string& p : parts) {
      Cell one = *cell;
      one.value.text = p;
      std::string yaml;
      if (!Scalar(one, *c.value, where, &yaml)) continue;
      auto item = std::make_unique<Out>();
      item->kind = Out::Kind::kScalar;
      item->scalar = std::move(yaml);
      item->cell = where;
      node->items.push_back(std::move(item));
    }
    return true;
  }

  // The map at dotted `path` under `root`, made as needed; the last part of `path` is a key.
  Out* MapFor(Out* root, const std::string& path, std::string* last, const std::string& where) {
    Out* map = root;
    size_t start = 0;
    for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', start)) {
      map = map->Child(path.substr(start, dot - start), Out::Kind::kMap, where);
      start = dot + 1;
    }
    *last = path.substr(start);
    return map;
  }

  // A label / value / key sheet.
  void ReadFields(const Sheet& sheet, const std::vector<Column>& columns, Out* root) {
    std::unordered_map<std::string, const Column*> by_key;
    std::vector<std::string> keys;
    for (const Column& c : columns) {
      by_key.emplace(c.key, &c);
      keys.push_back(c.key);
    }
    std::unordered_map<std::string, std::string> seen;
    EmptyCells empty;
    // Which optional maps have a value, so that their required keys are asked for.
    for (const Cell& k : sheet.cells) {
      if (k.col != kFieldKeyColumn || k.value.kind != CellValue::Kind::kString) continue;
      const std::string key = Trim(k.value.text);
      // Only what is written like a key is one: a header ("Clé (ne pas modifier)") is not.
      if (key.empty() ||
          key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") != std::string::npos) {
        continue;
      }
      const std::string key_cell = CellReference(sheet.name, k.row, k.col);
      auto it = by_key.find(key);
      if (it == by_key.end()) {
        Report(Severity::kError, "unknown-key", key_cell,
               Fmt("unknown key '{}'{}", key, DidYouMean(key, keys)));
        continue;
      }
      if (!seen.emplace(key, key_cell).second) {
        Report(Severity::kError, "duplicate-key", key_cell,
               Fmt("key '{}' is given twice (first at {})", key, seen[key]));
        continue;
      }
      PutCell(root, *it->second, At(sheet, k.row, kFieldValueColumn),
              CellReference(sheet.name, k.row, kFieldValueColumn), &empty);
    }
    NullForRequired(root, empty, /*from_root=*/true);
  }

  // Empty cells of columns, with where they are.
  using EmptyCells = std::vector<std::pair<const Column*, std::string>>;

  // Puts the value of `cell` (at `where`) at column `c`'s key under `base`; an empty cell is added
  // to `empty` instead.
  void PutCell(Out* base, const Column& c, const Cell* cell, const std::string& where,
               EmptyCells* empty) {
    if (cell == nullptr || !Filled(*cell)) {
      empty->emplace_back(&c, where);
      return;
    }
    std::string last;
    Out* map = MapFor(base, c.key, &last, where);
    Put(map, c, last, cell, where);
  }

  // Required keys with an empty cell: null where their map has something (or, from the root, is
  // required itself), so that the loader names that cell.
  void NullForRequired(Out* base, const EmptyCells& empty, bool from_root) {
    for (const auto& [c, where] : empty) {
      if (!c->required) continue;
      const size_t dot = c->key.rfind('.');
      if (dot != std::string::npos) {
        const std::string parent = c->key.substr(0, dot);
        if (!Exists(base, parent) && !(from_root && Required(parent))) continue;
      }
      std::string last;
      Out* map = MapFor(base, c->key, &last, where);
      map->Child(last, Out::Kind::kScalar, where)->scalar = "~";
    }
  }

  // True when every key of dotted `path` from the dossier's root is required (organisation,
  // organisation.headcount): such a map is there even when none of its cells is filled.
  static bool Required(const std::string& path) {
    const MapSpec* map = &format::DossierSpec();
    size_t start = 0;
    while (map != nullptr) {
      size_t dot = path.find('.', start);
      std::string part = path.substr(start, dot == std::string::npos ? dot : dot - start);
      const KeySpec* k = map->Find(part);
      if (k == nullptr || !k->required) return false;
      if (dot == std::string::npos) return true;
      map = k->value.type == Type::kMap ? &k->value.map() : nullptr;
      start = dot + 1;
    }
    return false;
  }

  // True when the map at dotted `path` exists (the root's top-level maps always do).
  static bool Exists(Out* root, const std::string& path) {
    Out* map = root;
    size_t start = 0;
    while (start <= path.size()) {
      size_t dot = path.find('.', start);
      std::string part = path.substr(start, dot == std::string::npos ? dot : dot - start);
      Out* next = nullptr;
      for (auto& [k, v] : map->pairs) {
        if (k == part) next = v.get();
      }
      if (next == nullptr) return false;
      map = next;
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return true;
  }

  void ReadTable(size_t index, Out* root) {
    const Table& t = layout_.tables[index];
    const Sheet* sheet = Find(t.sheet, t.sheet_en);
    if (sheet == nullptr) return;
    // The keys expected in the key row: the enclosing items', the dict's, then the item's own.
    std::vector<std::string> expected = t.parent_keys;
    if (t.dict) expected.push_back(t.key_name);
    for (const Column& c : t.columns) expected.push_back(c.key);
    // The key row: the first of the first twenty rows whose first cell is the first key.
    int key_row = -1;
    for (const Cell& c : sheet->cells) {
      if (c.row >= 20) break;
      if (c.col == 0 && c.value.kind == CellValue::Kind::kString &&
          Trim(c.value.text) == expected.front()) {
        key_row = c.row;
        break;
      }
    }
    if (key_row < 0) {
      Report(Severity::kError, "no-key-row", CellReference(sheet->name, 0, 0),
             Fmt("sheet '{}' has no row of keys (a row starting with '{}' in its first twenty "
                 "rows): its rows cannot be read",
                 sheet->name, expected.front()));
      return;
    }
    // Column of each key; -1 when absent.
    std::vector<int> parent_col(t.parent_keys.size(), -1);
    int key_col = -1;
    std::vector<int> own_col(t.columns.size(), -1);
    for (const Cell& c : sheet->cells) {
      if (c.row < key_row) continue;
      if (c.row > key_row) break;
      if (c.value.kind != CellValue::Kind::kString) continue;
      const std::string key = Trim(c.value.text);
      if (key.empty()) continue;
      auto pos = std::find(expected.begin(), expected.end(), key);
      if (pos == expected.end()) {
        Report(Severity::kError, "unknown-column", CellReference(sheet->name, c.row, c.col),
               Fmt("unknown column key '{}' in sheet '{}'{}", key, sheet->name,
                   DidYouMean(key, expected)));
        continue;
      }
      size_t i = static_cast<size_t>(pos - expected.begin());
      int* slot = i < parent_col.size() ? &parent_col[i]
                  : t.dict && i == parent_col.size()
                      ? &key_col
                      : &own_col[i - parent_col.size() - (t.dict ? 1 : 0)];
      if (*slot >= 0) {
        Report(Severity::kError, "duplicate-key", CellReference(sheet->name, c.row, c.col),
               Fmt("column key '{}' is given twice in sheet '{}'", key, sheet->name));
        continue;
      }
      *slot = c.col;
    }
    // Rows, one by one (cells are sorted by row).
    auto first = std::upper_bound(sheet->cells.begin(), sheet->cells.end(), key_row,
                                  [](int row, const Cell& c) { return row < c.row; });
    for (auto it = first; it != sheet->cells.end();) {
      const int row = it->row;
      auto end = it;
      while (end != sheet->cells.end() && end->row == row) ++end;
      ReadRow(index, *sheet, row, parent_col, key_col, own_col, root);
      it = end;
    }
  }

  // The text of a key cell (a criterion id), or empty.
  std::string KeyText(const Sheet& sheet, int row, int col) {
    if (col < 0) return {};
    const Cell* c = At(sheet, row, col);
    if (c == nullptr) return {};
    if (c->value.kind == CellValue::Kind::kString) return Trim(c->value.text);
    if (c->value.kind == CellValue::Kind::kNumber) return NumberText(c->value.number);
    return {};
  }

  void ReadRow(size_t index, const Sheet& sheet, int row, const std::vector<int>& parent_col,
               int key_col, const std::vector<int>& own_col, Out* root) {
    const Table& t = layout_.tables[index];
    // A row with no key and no value is blank (a spacer, or a row the grid offered unused).
    bool any = false;
    for (int col : own_col) {
      const Cell* cell = col >= 0 ? At(sheet, row, col) : nullptr;
      if (cell != nullptr && Filled(*cell)) any = true;
    }
    std::string key = KeyText(sheet, row, key_col);
    if (!any && (t.dict ? key.empty() || t.parent >= 0 : true)) return;
    const std::string row_cell = CellReference(sheet.name, row, 0);
    // Where the item goes.
    Out* container = nullptr;
    if (t.parent < 0) {
      std::string last;
      Out* map = MapFor(root, t.path, &last, row_cell);
      container = map->Child(last, t.dict ? Out::Kind::kMap : Out::Kind::kList,
                             CellReference(sheet.name, 0, 0));
    } else {
      std::string parent_key = KeyText(sheet, row, parent_col.empty() ? -1 : parent_col.back());
      if (parent_key.empty()) {
        Report(Severity::kError, "missing-key", row_cell,
               Fmt("row {} of sheet '{}' does not say which {} it belongs to", row + 1, sheet.name,
                   t.parent_keys.back()));
        return;
      }
      Out* parent = Entry(static_cast<size_t>(t.parent), parent_key, row_cell, root);
      const std::string own = t.path.substr(t.path.rfind(".*.") + 3);
      container = parent->Child(own, t.dict ? Out::Kind::kMap : Out::Kind::kList, row_cell);
    }
    Out* item = nullptr;
    if (t.dict) {
      if (key.empty()) {
        Report(Severity::kError, "missing-key", row_cell,
               Fmt("row {} of sheet '{}' has values but no {}", row + 1, sheet.name, t.key_name));
        return;
      }
      const std::string key_cell = CellReference(sheet.name, row, key_col);
      if (t.parent < 0) {
        item = Entry(index, key, key_cell, root);
      } else {
        item = container->Child(key, Out::Kind::kMap, key_cell);
      }
    } else {
      container->items.push_back(std::make_unique<Out>());
      item = container->items.back().get();
      item->cell = row_cell;
    }
    // A dict of values (indicators): the value itself.
    if (t.columns.size() == 1 && t.columns[0].key == "value" && t.dict) {
      const Column& c = t.columns[0];
      const std::string where = CellReference(sheet.name, row, own_col[0] >= 0 ? own_col[0] : 0);
      std::string yaml;
      const Cell* cell = own_col[0] >= 0 ? At(sheet, row, own_col[0]) : nullptr;
      item->kind = Out::Kind::kScalar;
      item->cell = where;
      item->scalar = cell && Scalar(*cell, *c.value, where, &yaml) ? yaml : "~";
      return;
    }
    EmptyCells empty;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      if (own_col[i] < 0) continue;
      PutCell(item, t.columns[i], At(sheet, row, own_col[i]),
              CellReference(sheet.name, row, own_col[i]), &empty);
    }
    NullForRequired(item, empty, /*from_root=*/false);
  }

  // The entry `key` of the dict table `index` (assessments), made when absent.
  Out* Entry(size_t index, const std::string& key, const std::string& where, Out* root) {
    auto& entries = dict_index_[index];
    auto it = entries.find(key);
    if (it != entries.end()) return it->second;
    const Table& t = layout_.tables[index];
    std::string last;
    Out* map = MapFor(root, t.path, &last, where);
    Out* dict = map->Child(last, Out::Kind::kMap, where);
    dict->pairs.emplace_back(key, std::make_unique<Out>());
    Out* entry = dict->pairs.back().second.get();
    entry->cell = where;
    entries.emplace(key, entry);
    return entry;
  }

  // ---- YAML text
  static void Line(GridYaml* out, std::string text, const std::string& cell) {
    out->yaml += text;
    out->yaml += '\n';
    out->cells.push_back(cell);
  }

  // Emits the pairs of map `m` at `indent`.
  void Emit(const Out& m, int indent, GridYaml* out) {
    const std::string pad(static_cast<size_t>(indent), ' ');
    for (const auto& [key, value] : m.pairs) {
      const std::string k =
          pad + (key.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos
                     ? key
                     : YamlQuote(key));
      EmitValue(k, *value, indent, out);
    }
  }

  void EmitValue(const std::string& head, const Out& v, int indent, GridYaml* out) {
    switch (v.kind) {
      case Out::Kind::kScalar:
        Line(out, head + ": " + v.scalar, v.cell);
        return;
      case Out::Kind::kMap:
        if (v.pairs.empty()) {
          Line(out, head + ": {}", v.cell);
          return;
        }
        Line(out, head + ":", v.cell);
        Emit(v, indent + 2, out);
        return;
      case Out::Kind::kList: {
        if (v.items.empty()) {
          Line(out, head + ": []", v.cell);
          return;
        }
        bool scalars = std::all_of(v.items.begin(), v.items.end(),
                                   [](const auto& i) { return i->kind == Out::Kind::kScalar; });
        if (scalars) {
          std::string flow = head + ": [";
          for (size_t i = 0; i < v.items.size(); ++i) {
            if (i > 0) flow += ", ";
            flow += v.items[i]->scalar;
          }
          Line(out, flow + "]", v.cell);
          return;
        }
        Line(out, head + ":", v.cell);
        const std::string pad(static_cast<size_t>(indent + 2), ' ');
        for (const auto& item : v.items) {
          if (item->kind != Out::Kind::kMap || item->pairs.empty()) {
            Line(out, pad + "- " + (item->kind == Out::Kind::kScalar ? item->scalar : "{}"),
                 item->cell);
            continue;
          }
          const size_t at = out->yaml.size();
          Emit(*item, indent + 4, out);
          // The item's first line carries the dash: "    id: x" becomes "  - id: x".
          out->yaml.replace(at + static_cast<size_t>(indent) + 2, 2, "- ");
        }
        return;
      }
    }
  }

  const Workbook& book_;
  std::string path_;
  std::vector<Diagnostic>* diags_;
  const Layout& layout_;
  std::unordered_map<std::string, const Sheet*> by_name_;
  std::vector<std::unordered_map<std::string, Out*>> dict_index_;
};

}  // namespace

const Layout& DossierLayout() {
  static const Layout layout = BuildLayout();
  return layout;
}

bool LooksLikeSpreadsheet(std::string_view bytes) {
  return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4) ||
         bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

GridYaml GridToYaml(const Workbook& book, const std::string& path,
                    std::vector<Diagnostic>* diagnostics) {
  return Reader(book, path, diagnostics).Run();
}

}  // namespace sceau::grid
