#include "engine/workbook_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <memory>
#include <new>
#include <orcus/orcus_ods.hpp>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/spreadsheet/import_interface.hpp>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/date.h"
#include "engine/referential_loader.h"
#include "engine/wording.h"
#include "engine/workbook_normalize.h"

namespace sceau {

namespace {

namespace ss = orcus::spreadsheet;

using workbook_internal::kMark;

// A value NormalizeXlsx marked (a boolean or an error), or false.
bool Marked(std::string_view s, grid::CellValue* v) {
  if (s.substr(0, kMark.size()) != kMark || s.size() < kMark.size() + 1) return false;
  char kind = s[kMark.size()];
  std::string_view rest = s.substr(kMark.size() + 1);
  if (kind == 'b') {
    v->kind = grid::CellValue::Kind::kBool;
    v->number = rest == "1" || rest == "true" || rest == "TRUE" ? 1 : 0;
  } else {
    v->kind = grid::CellValue::Kind::kError;
    v->text = rest;
  }
  return true;
}

// Why a file is refused. Thrown only outside liborcus: inside, a limit passed stops the import
// callbacks (Factory::Stop) and liborcus parses on to the end of the part, storing nothing. An
// exception thrown through liborcus 0.17's .ods reader deadlocks it: its XML parser thread waits
// forever for the consumer the exception took away.
struct Refusal {
  std::string code;
  std::string message;
};

// Whether an .xlsx number format code shows a date or a time: y, m, d, h or s outside quoted
// text, brackets ([Red], [$-40C]), escaped characters (\x) and padding (_x, *x).
bool IsDateCode(std::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') {
      size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '[') {
      size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else {
      char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (l == 'y' || l == 'm' || l == 'd' || l == 'h' || l == 's') return true;
    }
  }
  return false;
}

// The builtin number formats of .xlsx that show dates or times (ECMA-376 part 1, 18.8.30).
bool IsDateFormatId(size_t id) { return (id >= 14 && id <= 22) || (id >= 45 && id <= 47); }

class Styles : public ss::iface::import_styles {
 public:
  // Whether cell format `xf` (a cellXfs index) shows dates.
  bool IsDateXf(size_t xf) const { return xf < xf_is_date_.size() && xf_is_date_[xf]; }

  void set_number_format_identifier(size_t id) override { format_id_ = id; }
  void set_number_format_code(std::string_view s) override { format_code_ = s; }
  size_t commit_number_format() override {
    // Custom formats are few (a format id is 16 bits in practice); keep at most 65,536.
    if (custom_dates_.size() < 65536 && IsDateCode(format_code_)) custom_dates_.insert(format_id_);
    format_id_ = 0;
    format_code_.clear();
    return formats_++;
  }
  void set_xf_number_format(size_t index) override { xf_format_ = index; }
  size_t commit_cell_xf() override {
    bool date = IsDateFormatId(xf_format_) || custom_dates_.count(xf_format_) > 0;
    xf_format_ = 0;
    // One flag a cell format; their number is bounded by the styles part's size.
    xf_is_date_.push_back(date);
    return xf_is_date_.size() - 1;
  }
  size_t commit_cell_style_xf() override { return (xf_format_ = 0, style_xfs_++); }
  size_t commit_dxf() override { return (xf_format_ = 0, dxfs_++); }

  // The rest is appearance, which sceau does not read.
  void set_font_count(size_t) override {}
  void set_font_bold(bool) override {}
  void set_font_italic(bool) override {}
  void set_font_name(std::string_view) override {}
  void set_font_size(double) override {}
  void set_font_underline(ss::underline_t) override {}
  void set_font_underline_width(ss::underline_width_t) override {}
  void set_font_underline_mode(ss::underline_mode_t) override {}
  void set_font_underline_type(ss::underline_type_t) override {}
  void set_font_underline_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                                ss::color_elem_t) override {}
  void set_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                      ss::color_elem_t) override {}
  void set_strikethrough_style(ss::strikethrough_style_t) override {}
  void set_strikethrough_type(ss::strikethrough_type_t) override {}
  void set_strikethrough_width(ss::strikethrough_width_t) override {}
  void set_strikethrough_text(ss::strikethrough_text_t) override {}
  size_t commit_font() override { return fonts_++; }
  void set_fill_count(size_t) override {}
  void set_fill_pattern_type(ss::fill_pattern_t) override {}
  void set_fill_fg_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                         ss::color_elem_t) override {}
  void set_fill_bg_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                         ss::color_elem_t) override {}
  size_t commit_fill() override { return fills_++; }
  void set_border_count(size_t) override {}
  void set_border_style(ss::border_direction_t, ss::border_style_t) override {}
  void set_border_color(ss::border_direction_t, ss::color_elem_t, ss::color_elem_t,
                        ss::color_elem_t, ss::color_elem_t) override {}
  void set_border_width(ss::border_direction_t, double, orcus::length_unit_t) override {}
  size_t commit_border() override { return borders_++; }
  void set_cell_hidden(bool) override {}
  void set_cell_locked(bool) override {}
  void set_cell_print_content(bool) override {}
  void set_cell_formula_hidden(bool) override {}
  size_t commit_cell_protection() override { return protections_++; }
  void set_number_format_count(size_t) override {}
  void set_cell_xf_count(size_t) override {}
  void set_cell_style_xf_count(size_t) override {}
  void set_dxf_count(size_t) override {}
  void set_xf_font(size_t) override {}
  void set_xf_fill(size_t) override {}
  void set_xf_border(size_t) override {}
  void set_xf_protection(size_t) override {}
  void set_xf_style_xf(size_t) override {}
  void set_xf_apply_alignment(bool) override {}
  void set_xf_horizontal_alignment(ss::hor_alignment_t) override {}
  void set_xf_vertical_alignment(ss::ver_alignment_t) override {}
  void set_cell_style_count(size_t) override {}
  void set_cell_style_name(std::string_view) override {}
  void set_cell_style_xf(size_t) override {}
  void set_cell_style_builtin(size_t) override {}
  void set_cell_style_parent_name(std::string_view) override {}
  size_t commit_cell_style() override { return cell_styles_++; }

 private:
  size_t format_id_ = 0;
  std::string format_code_;
  size_t formats_ = 0;
  std::unordered_set<size_t> custom_dates_;
  size_t xf_format_ = 0;
  std::vector<bool> xf_is_date_;
  size_t style_xfs_ = 0, dxfs_ = 0, fonts_ = 0, fills_ = 0, borders_ = 0, protections_ = 0,
         cell_styles_ = 0;
};

class SharedStrings : public ss::iface::import_shared_strings {
 public:
  const std::string* Get(size_t index) const {
    return index < strings_.size() ? &strings_[index] : nullptr;
  }

  size_t append(std::string_view s) override {
    strings_.emplace_back(s);
    return strings_.size() - 1;
  }
  size_t add(std::string_view s) override {
    auto found = index_.find(std::string(s));
    if (found != index_.end()) return found->second;
    size_t i = append(s);
    index_.emplace(strings_.back(), i);
    return i;
  }
  void set_segment_font(size_t) override {}
  void set_segment_bold(bool) override {}
  void set_segment_italic(bool) override {}
  void set_segment_font_name(std::string_view) override {}
  void set_segment_font_size(double) override {}
  void set_segment_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                              ss::color_elem_t) override {}
  void append_segment(std::string_view s) override { segments_ += s; }
  size_t commit_segments() override {
    size_t i = append(segments_);
    segments_.clear();
    return i;
  }

 private:
  std::vector<std::string> strings_;
  std::unordered_map<std::string, size_t> index_;
  std::string segments_;
};

class Globals : public ss::iface::import_global_settings {
 public:
  // Days to add to a date serial of this workbook to have it in the 1899-12-30 epoch.
  double epoch_shift() const { return epoch_shift_; }

  void set_origin_date(int year, int month, int day) override {
    Date origin{year, month, day};
    if (year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
        day <= DaysInMonth(year, month)) {
      epoch_shift_ =
          static_cast<double>(origin.DaysSinceEpoch() - Date{1899, 12, 30}.DaysSinceEpoch());
    }
  }
  void set_default_formula_grammar(ss::formula_grammar_t grammar) override { grammar_ = grammar; }
  ss::formula_grammar_t get_default_formula_grammar() const override { return grammar_; }
  void set_character_set(orcus::character_set_t) override {}

 private:
  double epoch_shift_ = 0;
  ss::formula_grammar_t grammar_ = ss::formula_grammar_t::unknown;
};

// Cell addresses of .xlsx ("B12", "$B$12") and ranges ("A1:C3"), which liborcus asks for.
class Resolver : public ss::iface::import_reference_resolver {
 public:
  ss::src_address_t resolve_address(std::string_view address) override {
    ss::src_address_t a{0, 0, 0};
    size_t i = 0;
    if (i < address.size() && address[i] == '$') ++i;
    long col = 0;
    size_t letters = 0;
    for (; i < address.size() && letters < 4; ++i, ++letters) {
      char c = address[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c < 'A' || c > 'Z') break;
      col = col * 26 + (c - 'A' + 1);
    }
    if (i < address.size() && address[i] == '$') ++i;
    long row = 0;
    size_t digits = 0;
    for (; i < address.size() && digits < 8; ++i, ++digits) {
      if (address[i] < '0' || address[i] > '9') break;
      row = row * 10 + (address[i] - '0');
    }
    if (letters == 0 || digits == 0 || row == 0 || i != address.size()) {
      if (bad_.empty()) {
        bad_ = Fmt("cannot be read as a spreadsheet: '{}' is not a cell address",
                   std::string(address.substr(0, 40)));
      }
      return a;
    }
    a.row = static_cast<ss::row_t>(row - 1);
    a.column = static_cast<ss::col_t>(col - 1);
    return a;
  }
  ss::src_range_t resolve_range(std::string_view range) override {
    size_t colon = range.find(':');
    ss::src_range_t r;
    r.first = resolve_address(range.substr(0, colon));
    r.last = colon == std::string_view::npos ? r.first : resolve_address(range.substr(colon + 1));
    return r;
  }
  // The first address that was not one, as a message; empty when all were.
  const std::string& bad() const { return bad_; }

 private:
  std::string bad_;
};

class Factory;

// One sheet's cells as liborcus gives them, in arrival order; sorted at the end.
class SheetImport : public ss::iface::import_sheet {
 public:
  SheetImport(Factory* factory, std::string name) : factory_(factory) { sheet_.name = name; }

  void set_auto(ss::row_t row, ss::col_t col, std::string_view s) override;
  void set_string(ss::row_t row, ss::col_t col, ss::string_id_t sindex) override;
  void set_value(ss::row_t row, ss::col_t col, double value) override;
  void set_bool(ss::row_t row, ss::col_t col, bool value) override;
  void set_date_time(ss::row_t row, ss::col_t col, int year, int month, int day, int hour,
                     int minute, double second) override;
  void set_format(ss::row_t row, ss::col_t col, size_t xf_index) override;
  void set_format(ss::row_t, ss::col_t, ss::row_t, ss::col_t, size_t) override {}
  void fill_down_cells(ss::row_t, ss::col_t, ss::row_t) override {}
  ss::range_size_t get_sheet_size() const override;
  ss::iface::import_formula* get_formula() override;
  ss::iface::import_array_formula* get_array_formula() override;

  // Adds a cell; false when the import is stopped (a limit passed now or before).
  bool Add(ss::row_t row, ss::col_t col, grid::CellValue value);
  // Sorts the cells, keeps the last value of each position, applies the date formats.
  grid::Sheet Finish(double epoch_shift);

 private:
  Factory* factory_;
  grid::Sheet sheet_;
  // Per cell: given by set_date_time (.ods), so already a serial of the 1899-12-30 epoch.
  std::vector<bool> absolute_;
  // Per cell: its cell format (.xlsx), resolved in Finish since liborcus reads the styles after
  // the sheets.
  std::vector<uint32_t> xf_;
  // The formats of positions that are not the cell just added (a formula's value comes after
  // its format; a styled empty cell): row << 32 | col -> format.
  std::unordered_map<uint64_t, uint32_t> formats_;
  std::unique_ptr<ss::iface::import_formula> formula_;
  std::unique_ptr<ss::iface::import_array_formula> array_formula_;
};

class Factory : public ss::iface::import_factory {
 public:
  Factory(const WorkbookLimits& limits, bool xlsx) : limits_(limits), xlsx_(xlsx) {}

  bool xlsx() const { return xlsx_; }
  // liborcus 0.17 gives 1899-12-30 as the origin of every .xlsx: a 1904 one is said apart.
  void set_1904() { date1904_ = true; }

  const WorkbookLimits& limits() const { return limits_; }
  const SharedStrings& strings() const { return strings_; }
  const Styles& styles() const { return styles_; }
  // Counts a cell; false (and stopped) past the limit.
  bool CountCell() {
    if (++cells_ > limits_.max_cells) {
      Stop("too-many-cells",
           Fmt("holds more than {} non-empty cells, the limit", limits_.max_cells));
    }
    return !stopped();
  }
  // Refuses the file: the first refusal is kept, every callback after it does nothing.
  void Stop(std::string code, std::string message) {
    if (!stopped()) refusal_ = Refusal{std::move(code), std::move(message)};
  }
  bool stopped() const { return !refusal_.code.empty(); }
  // The refusal, after the import; the resolver's one when nothing else stopped it.
  const Refusal* refusal() {
    if (!stopped() && !resolver_.bad().empty()) Stop("unreadable-spreadsheet", resolver_.bad());
    return stopped() ? &refusal_ : nullptr;
  }

  ss::iface::import_global_settings* get_global_settings() override { return &globals_; }
  ss::iface::import_shared_strings* get_shared_strings() override { return &strings_; }
  ss::iface::import_styles* get_styles() override { return &styles_; }
  ss::iface::import_reference_resolver* get_reference_resolver(ss::formula_ref_context_t) override {
    return &resolver_;
  }
  ss::iface::import_sheet* append_sheet(ss::sheet_t, std::string_view name) override {
    if (static_cast<int>(sheets_.size()) >= limits_.max_sheets) {
      Stop("too-many-sheets", Fmt("has more than {} sheets, the limit", limits_.max_sheets));
      // liborcus needs a sheet to write to: one that keeps nothing.
      if (!discard_) discard_ = std::make_unique<SheetImport>(this, std::string());
      return discard_.get();
    }
    sheets_.push_back(std::make_unique<SheetImport>(this, std::string(name)));
    names_.emplace_back(name);
    return sheets_.back().get();
  }
  ss::iface::import_sheet* get_sheet(std::string_view name) override {
    for (size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) return sheets_[i].get();
    return discard_ ? discard_.get() : nullptr;  // a sheet past the limit
  }
  ss::iface::import_sheet* get_sheet(ss::sheet_t index) override {
    if (index < 0 || static_cast<size_t>(index) >= sheets_.size()) return nullptr;
    return sheets_[static_cast<size_t>(index)].get();
  }
  void finalize() override {}

  // The sheets, each sorted; LibreOffice's caches of other workbooks' sheets dropped.
  void Finish(grid::Workbook* book, const std::string& path, std::vector<Diagnostic>* diags) {
    for (size_t i = 0; i < sheets_.size(); ++i) {
      // LibreOffice keeps the values of another workbook's sheet in a sheet named
      // 'file:///.../other.ods'#$Sheet1.
      if (!names_[i].empty() && names_[i][0] == '\'' &&
          names_[i].find("'#$") != std::string::npos) {
        Diagnostic d;
        d.severity = Severity::kWarning;
        d.code = "external-link";
        d.file = path;
        d.message =
            Fmt("links to another workbook ({}), which is not read: formulas keep the "
                "values they last computed",
                names_[i]);
        diags->push_back(std::move(d));
        continue;
      }
      // 1904-01-01 is serial 1462 of the 1899-12-30 epoch.
      book->sheets.push_back(sheets_[i]->Finish(date1904_ ? 1462 : globals_.epoch_shift()));
    }
  }

 private:
  const WorkbookLimits& limits_;
  bool xlsx_;
  Globals globals_;
  SharedStrings strings_;
  Styles styles_;
  Resolver resolver_;
  std::vector<std::unique_ptr<SheetImport>> sheets_;
  std::vector<std::string> names_;
  std::unique_ptr<SheetImport> discard_;
  bool date1904_ = false;
  size_t cells_ = 0;
  Refusal refusal_;
};

// A formula's cached value, given after its position.
class FormulaImport : public ss::iface::import_formula {
 public:
  explicit FormulaImport(SheetImport* sheet) : sheet_(sheet) {}
  void set_position(ss::row_t row, ss::col_t col) override {
    row_ = row;
    col_ = col;
  }
  void set_formula(ss::formula_grammar_t, std::string_view) override {}
  void set_shared_formula_index(size_t) override {}
  void set_result_string(std::string_view value) override {
    value_ = grid::CellValue();
    if (Marked(value, &value_)) return;
    // An error value comes as text: "#REF!", "#DIV/0!", "#N/A"...
    value_.kind = IsError(value) ? grid::CellValue::Kind::kError : grid::CellValue::Kind::kString;
    value_.text = value;
  }
  void set_result_value(double value) override {
    value_ = grid::CellValue();
    // liborcus gives NaN for an empty cached value (<v></v>): no value then.
    if (std::isnan(value)) return;
    value_.kind = grid::CellValue::Kind::kNumber;
    value_.number = value;
  }
  void set_result_bool(bool value) override {
    value_ = grid::CellValue();
    value_.kind = grid::CellValue::Kind::kBool;
    value_.number = value ? 1 : 0;
  }
  void set_result_empty() override { value_ = grid::CellValue(); }
  void commit() override {
    if (value_.kind == grid::CellValue::Kind::kEmpty) {
      value_.kind = grid::CellValue::Kind::kError;  // no cached value
    }
    value_.formula = true;
    sheet_->Add(row_, col_, std::move(value_));
    value_ = grid::CellValue();
  }

  static bool IsError(std::string_view s) {
    for (std::string_view e : {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                               "#GETTING_DATA", "#SPILL!", "#CALC!"}) {
      if (s == e) return true;
    }
    return false;
  }

 private:
  SheetImport* sheet_;
  ss::row_t row_ = 0;
  ss::col_t col_ = 0;
  grid::CellValue value_;
};

class ArrayFormulaImport : public ss::iface::import_array_formula {
 public:
  explicit ArrayFormulaImport(SheetImport* sheet) : sheet_(sheet) {}
  void set_range(const ss::range_t& range) override {
    range_ = range;
    results_.clear();
  }
  void set_formula(ss::formula_grammar_t, std::string_view) override {}
  void set_result_string(ss::row_t row, ss::col_t col, std::string_view value) override {
    grid::CellValue v;
    v.kind = FormulaImport::IsError(value) ? grid::CellValue::Kind::kError
                                           : grid::CellValue::Kind::kString;
    v.text = value;
    Result(row, col, std::move(v));
  }
  void set_result_value(ss::row_t row, ss::col_t col, double value) override {
    grid::CellValue v;
    v.kind = std::isnan(value) ? grid::CellValue::Kind::kEmpty : grid::CellValue::Kind::kNumber;
    v.number = value;
    Result(row, col, std::move(v));
  }
  void set_result_bool(ss::row_t row, ss::col_t col, bool value) override {
    grid::CellValue v;
    v.kind = grid::CellValue::Kind::kBool;
    v.number = value ? 1 : 0;
    Result(row, col, std::move(v));
  }
  void set_result_empty(ss::row_t row, ss::col_t col) override {
    Result(row, col, grid::CellValue());
  }
  void commit() override {
    // Every cell of the range counts, with its value or as an error without one.
    long rows = static_cast<long>(range_.last.row) - range_.first.row + 1;
    long cols = static_cast<long>(range_.last.column) - range_.first.column + 1;
    if (rows <= 0 || cols <= 0) return;
    for (auto& [pos, value] : results_) {
      value.formula = true;
      if (value.kind == grid::CellValue::Kind::kEmpty) value.kind = grid::CellValue::Kind::kError;
      sheet_->Add(pos.first, pos.second, std::move(value));
    }
    results_.clear();
  }

 private:
  // Results are relative to the range's first cell.
  void Result(ss::row_t row, ss::col_t col, grid::CellValue v) {
    results_.emplace_back(std::make_pair(range_.first.row + row, range_.first.column + col),
                          std::move(v));
  }

  SheetImport* sheet_;
  ss::range_t range_{};
  std::vector<std::pair<std::pair<ss::row_t, ss::col_t>, grid::CellValue>> results_;
};

bool SheetImport::Add(ss::row_t row, ss::col_t col, grid::CellValue value) {
  if (factory_->stopped()) return false;
  const WorkbookLimits& limits = factory_->limits();
  if (row < 0 || col < 0) {
    factory_->Stop("unreadable-spreadsheet",
                   Tr("cannot be read as a spreadsheet: a cell has a negative position"));
    return false;
  }
  if (row >= limits.max_rows) {
    factory_->Stop("too-many-rows",
                   Fmt("sheet '{}' has a cell in row {}, beyond the limit of {} rows", sheet_.name,
                       static_cast<long>(row) + 1, limits.max_rows));
    return false;
  }
  if (col >= limits.max_columns) {
    factory_->Stop("too-many-columns",
                   Fmt("sheet '{}' has a cell in column {}, beyond the limit of {} columns",
                       sheet_.name, grid::ColumnName(col), limits.max_columns));
    return false;
  }
  if (!factory_->CountCell()) return false;
  absolute_.push_back(false);
  xf_.push_back(0);
  sheet_.cells.push_back(grid::Cell{row, col, std::move(value)});
  return true;
}

void SheetImport::set_auto(ss::row_t row, ss::col_t col, std::string_view s) {
  grid::CellValue v;
  v.kind = grid::CellValue::Kind::kString;
  v.text = s;
  if (!v.text.empty()) Add(row, col, std::move(v));
}

void SheetImport::set_string(ss::row_t row, ss::col_t col, ss::string_id_t sindex) {
  const std::string* s = factory_->strings().Get(sindex);
  grid::CellValue v;
  if (s == nullptr) {
    v.kind = grid::CellValue::Kind::kError;  // a string index beyond the table
  } else if (s->empty()) {
    return;  // an empty string is an empty cell
  } else if (!Marked(*s, &v)) {
    v.kind = grid::CellValue::Kind::kString;
    v.text = *s;
  }
  Add(row, col, std::move(v));
}

void SheetImport::set_value(ss::row_t row, ss::col_t col, double value) {
  grid::CellValue v;
  v.kind = grid::CellValue::Kind::kNumber;
  v.number = value;
  Add(row, col, std::move(v));
}

void SheetImport::set_bool(ss::row_t row, ss::col_t col, bool value) {
  grid::CellValue v;
  v.kind = grid::CellValue::Kind::kBool;
  v.number = value ? 1 : 0;
  Add(row, col, std::move(v));
}

void SheetImport::set_date_time(ss::row_t row, ss::col_t col, int year, int month, int day,
                                int hour, int minute, double second) {
  grid::CellValue v;
  v.kind = grid::CellValue::Kind::kNumber;
  v.date = true;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    v.kind = grid::CellValue::Kind::kError;
    v.date = false;
    v.text = "#VALUE!";
  } else {
    double days = static_cast<double>(Date{year, month, day}.DaysSinceEpoch() -
                                      Date{1899, 12, 30}.DaysSinceEpoch());
    double time = (hour * 3600.0 + minute * 60.0 + second) / 86400.0;
    v.number = days + (std::isfinite(time) ? time : 0);
  }
  if (Add(row, col, std::move(v))) absolute_.back() = true;
}

void SheetImport::set_format(ss::row_t row, ss::col_t col, size_t xf_index) {
  // .ods number formats do not come through liborcus 0.17's styles: its dates come as dates.
  if (!factory_->xlsx() || factory_->stopped() || xf_index == 0 || xf_index > UINT32_MAX) return;
  if (!sheet_.cells.empty() && sheet_.cells.back().row == row && sheet_.cells.back().col == col) {
    xf_.back() = static_cast<uint32_t>(xf_index);
    return;
  }
  if (row < 0 || col < 0) return;
  // A styled empty cell, or a formula whose value comes later: kept, and counted as a cell so
  // that a sheet of styled empty cells is bounded like one of values.
  if (!factory_->CountCell()) return;
  formats_[static_cast<uint64_t>(row) << 32 | static_cast<uint32_t>(col)] =
      static_cast<uint32_t>(xf_index);
}

ss::range_size_t SheetImport::get_sheet_size() const {
  return ss::range_size_t{factory_->limits().max_rows, factory_->limits().max_columns};
}

ss::iface::import_formula* SheetImport::get_formula() {
  if (!formula_) formula_ = std::make_unique<FormulaImport>(this);
  return formula_.get();
}

ss::iface::import_array_formula* SheetImport::get_array_formula() {
  if (!array_formula_) array_formula_ = std::make_unique<ArrayFormulaImport>(this);
  return array_formula_.get();
}

grid::Sheet SheetImport::Finish(double epoch_shift) {
  const Styles& styles = factory_->styles();
  std::vector<size_t> index(sheet_.cells.size());
  for (size_t i = 0; i < index.size(); ++i) index[i] = i;
  const std::vector<grid::Cell>& cells = sheet_.cells;
  std::sort(index.begin(), index.end(), [&](size_t a, size_t b) {
    if (cells[a].row != cells[b].row) return cells[a].row < cells[b].row;
    if (cells[a].col != cells[b].col) return cells[a].col < cells[b].col;
    return a < b;
  });
  grid::Sheet out;
  out.name = std::move(sheet_.name);
  out.cells.reserve(cells.size());
  for (size_t k = 0; k < index.size(); ++k) {
    // The last of a run of one position is the one kept.
    if (k + 1 < index.size() && cells[index[k + 1]].row == cells[index[k]].row &&
        cells[index[k + 1]].col == cells[index[k]].col) {
      continue;
    }
    bool absolute = absolute_[index[k]];
    uint32_t xf = xf_[index[k]];
    grid::Cell cell = std::move(sheet_.cells[index[k]]);
    if (cell.value.kind == grid::CellValue::Kind::kEmpty) continue;
    if (cell.value.kind == grid::CellValue::Kind::kNumber && !cell.value.date) {
      if (xf == 0 && !formats_.empty()) {
        auto found =
            formats_.find(static_cast<uint64_t>(cell.row) << 32 | static_cast<uint32_t>(cell.col));
        if (found != formats_.end()) xf = found->second;
      }
      cell.value.date = styles.IsDateXf(xf);
    }
    // A date of a 1904 workbook, in the 1899-12-30 epoch (.ods dates arrive as dates).
    if (cell.value.kind == grid::CellValue::Kind::kNumber && cell.value.date && epoch_shift != 0 &&
        !absolute) {
      cell.value.number += epoch_shift;
    }
    out.cells.push_back(std::move(cell));
  }
  sheet_.cells.clear();
  absolute_.clear();
  xf_.clear();
  formats_.clear();
  return out;
}

void Refuse(const std::string& path, std::string code, std::string message,
            std::vector<Diagnostic>* diagnostics) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.code = std::move(code);
  d.file = path;
  d.message = std::move(message);
  diagnostics->push_back(std::move(d));
}

}  // namespace

bool ReadWorkbook(const std::string& path, std::string_view bytes, const WorkbookLimits& limits,
                  grid::Workbook* book, std::vector<Diagnostic>* diagnostics) {
  *book = grid::Workbook();
  ArchiveSummary summary;
  if (!CheckArchive(path, bytes, limits, &summary, diagnostics)) return false;
  Factory factory(limits, summary.kind == ArchiveSummary::Kind::kXlsx);
  if (summary.date1904) factory.set_1904();
  try {
    std::string normalized;
    if (summary.kind == ArchiveSummary::Kind::kXlsx &&
        workbook_internal::NormalizeXlsx(bytes, &normalized)) {
      bytes = normalized;
    }
    if (summary.kind == ArchiveSummary::Kind::kOds) {
      switch (workbook_internal::NormalizeOds(bytes, limits.max_expanded_bytes, limits.max_cells,
                                              &normalized)) {
        case workbook_internal::OdsResult::kUnchanged:
          break;
        case workbook_internal::OdsResult::kRewritten:
          bytes = normalized;
          break;
        case workbook_internal::OdsResult::kTooLarge:
          throw Refusal{"archive-too-large",
                        Fmt("expands to more than {} bytes, the limit", limits.max_expanded_bytes)};
        case workbook_internal::OdsResult::kTooManyCells:
          throw Refusal{"too-many-cells",
                        Fmt("holds more than {} non-empty cells, the limit", limits.max_cells)};
      }
    }
    if (summary.kind == ArchiveSummary::Kind::kXlsx) {
      orcus::orcus_xlsx reader(&factory);
      reader.read_stream(bytes);
    } else {
      orcus::orcus_ods reader(&factory);
      reader.read_stream(bytes);
    }
    if (const Refusal* refusal = factory.refusal()) throw *refusal;
    factory.Finish(book, path, diagnostics);
  } catch (const Refusal& r) {
    *book = grid::Workbook();
    Refuse(path, r.code, r.message, diagnostics);
    return false;
  } catch (const std::bad_alloc&) {
    *book = grid::Workbook();
    Refuse(path, "too-many-cells", Tr("is too large for the memory available"), diagnostics);
    return false;
  } catch (const std::exception& e) {
    // A limit passed may be what made liborcus give up (a sheet it could not find): say that.
    *book = grid::Workbook();
    if (const Refusal* refusal = factory.refusal()) {
      Refuse(path, refusal->code, refusal->message, diagnostics);
    } else {
      Refuse(path, "unreadable-spreadsheet", Fmt("cannot be read as a spreadsheet: {}", e.what()),
             diagnostics);
    }
    return false;
  }
  return true;
}

bool ReadWorkbookFile(const std::string& path, const WorkbookLimits& limits, grid::Workbook* book,
                      std::vector<Diagnostic>* diagnostics) {
  *book = grid::Workbook();
  std::string bytes;
  Diagnostic error;
  if (!ReadFileText(path, limits.max_file_bytes, &bytes, &error)) {
    diagnostics->push_back(std::move(error));
    return false;
  }
  return ReadWorkbook(path, bytes, limits, book, diagnostics);
}

}  // namespace sceau
