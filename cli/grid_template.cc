#include "cli/grid_template.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "cli/audit_commands.h"
#include "cli/messages.h"
#include "engine/grid_layout.h"
#include "engine/wording.h"

namespace sceau::cli {
namespace {

using format::Type;
using grid::Column;
using grid::OutCell;
using grid::Style;
using grid::Table;

// The catalogue's text for `key`, or empty when it has none.
std::string Maybe(const std::string& lang, const std::string& key) {
  std::string s = Say(lang, key);
  return s == key ? std::string() : s;
}

// A column's or field's label: the catalogue's words for its whole key ("organisation.name"),
// else for its last part ("name"), else the format's own description of the key, so that a key
// added to the format is labelled without new code.
std::string Label(const std::string& lang, const Column& c) {
  std::string s = Maybe(lang, "grid.key." + c.key);
  if (s.empty()) s = Maybe(lang, "grid.key." + c.key.substr(c.key.rfind('.') + 1));
  if (s.empty() && c.spec) s = std::string(c.spec->doc);
  if (s.empty()) s = c.key;
  return s;
}

OutCell Text(std::string text, Style style) {
  OutCell c;
  if (!text.empty()) {
    c.kind = OutCell::Kind::kString;
    c.text = std::move(text);
  }
  c.style = style;
  return c;
}

OutCell::Kind Expects(const format::ValueSpec& v) {
  switch (v.type) {
    case Type::kDate:
      return OutCell::Kind::kDate;
    case Type::kInteger:
    case Type::kNumber:
      return OutCell::Kind::kNumber;
    case Type::kBool:
      return OutCell::Kind::kBool;
    default:
      return OutCell::Kind::kString;
  }
}

// An empty input cell for column `c`, with its drop-down where the format lists the values.
OutCell Input(const Column& c, const std::string& lang) {
  OutCell cell;
  cell.style = Style::kInput;
  cell.expects = c.list ? OutCell::Kind::kString : Expects(*c.value);
  if (!c.list && c.value->type == Type::kEnum && c.value->names) {
    for (std::string_view n : c.value->names()) cell.choices.emplace_back(n);
  }
  if (!c.list && c.value->type == Type::kBool) {
    cell.choices = lang == "en" ? std::vector<std::string>{"yes", "no"}
                                : std::vector<std::string>{"oui", "non"};
  }
  return cell;
}

double Width(const Column& c) {
  if (c.list) return 14;
  if (c.key == "grade" || c.key == "level" || c.key == "pass") return 11;
  if (c.key == "finding" || c.key == "text" || c.key == "action.description") return 40;
  if (c.key == "na_justification" || c.key == "override" || c.key == "note") return 26;
  switch (c.value->type) {
    case Type::kDate:
      return 12;
    case Type::kInteger:
    case Type::kNumber:
    case Type::kBool:
      return 10;
    case Type::kId:
    case Type::kEnum:
      return 14;
    default:
      return 36;
  }
}

// Fills input cell `cell` from the dossier's node `n`; false (with a problem) when a cell cannot
// hold it.
bool Fill(const Column& c, const YamlNode* n, const std::string& where, OutCell* cell,
          std::vector<std::string>* problems) {
  if (n == nullptr || n->is_null()) return true;
  auto scalar = [&](const YamlNode* v, const format::ValueSpec& spec, OutCell* out) {
    if (!v->is_scalar()) {
      problems->push_back(Fmt("{}: {} cannot go into a cell of the grid", where, v->TypeName()));
      return false;
    }
    const std::string& text = v->value;
    double serial = 0;
    char* end = nullptr;
    if (v->plain && (spec.type == Type::kDate || spec.type == Type::kAny) &&
        grid::DateToSerial(text, &serial)) {
      out->kind = OutCell::Kind::kDate;
      out->text = text;
    } else if (v->plain && (spec.type == Type::kInteger || spec.type == Type::kNumber) &&
               !text.empty() &&
               (std::strtod(text.c_str(), &end), end == text.c_str() + text.size())) {
      out->kind = OutCell::Kind::kNumber;
      out->number = std::strtod(text.c_str(), nullptr);
    } else if (v->plain && spec.type == Type::kBool && (text == "true" || text == "false")) {
      out->kind = OutCell::Kind::kBool;
      out->number = text == "true" ? 1 : 0;
    } else {
      out->kind = OutCell::Kind::kString;
      out->text = text;
    }
    return true;
  };
  if (!c.list) return scalar(n, *c.value, cell);
  if (!n->is_sequence()) return scalar(n, *c.value, cell);
  const bool ids = c.value->type == Type::kId;
  std::string joined;
  for (const YamlNode* item : n->items) {
    OutCell one;
    if (!scalar(item, *c.value, &one)) return false;
    std::string t = one.kind == OutCell::Kind::kNumber ? item->value : one.text;
    if (t.find('\n') != std::string::npos ||
        (ids && t.find_first_of(", ;\t") != std::string::npos)) {
      problems->push_back(Fmt("{}: '{}' cannot be one item of a list in one cell", where, t));
      return false;
    }
    if (!joined.empty()) joined += ids ? ", " : "\n";
    joined += t;
  }
  if (!joined.empty()) {
    cell->kind = OutCell::Kind::kString;
    cell->text = joined;
  }
  return true;
}

// The node at dotted `path` under map `n`, or null.
const YamlNode* Path(const YamlNode* n, const std::string& path) {
  size_t start = 0;
  while (n != nullptr) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!n->is_map()) return nullptr;
    n = n->Get(part);
    if (dot == std::string::npos) return n;
    start = dot + 1;
  }
  return nullptr;
}

class Builder {
 public:
  Builder(const Referential& ref, const GridTemplateOptions& o, std::vector<std::string>* problems)
      : ref_(ref), o_(o), lang_(o.lang), problems_(problems), layout_(grid::DossierLayout()) {
    for (const TemplateCriterion& tc :
         TemplateCriteria(ref, o.kind, o.headcount, o.sites, o.lang)) {
      criteria_.push_back(tc);
    }
  }

  void Run(grid::OutWorkbook* book) {
    book->title =
        Say(lang_, "template.title", {{"title", ref_.title.Get(lang_)}, {"version", ref_.version}});
    book->subject = ref_.id + " " + ref_.version;
    book->author = "sceau";
    book->sheets.push_back(Fields());
    // The assessments first among the tables, the auditor's main sheet, with the tables inside
    // an assessment after it; then the evidence register; the rest in the format's order.
    std::vector<size_t> order;
    for (const char* first : {"assessments", "assessments.*.findings", "assessments.*.indicators",
                              "assessments.*.sample", "evidence"}) {
      for (size_t t = 0; t < layout_.tables.size(); ++t) {
        if (layout_.tables[t].path == first) order.push_back(t);
      }
    }
    for (size_t t = 0; t < layout_.tables.size(); ++t) {
      if (std::find(order.begin(), order.end(), t) == order.end()) order.push_back(t);
    }
    for (size_t t : order) book->sheets.push_back(TableSheet(layout_.tables[t]));
    book->sheets.push_back(ReferentialSheet());
  }

 private:
  std::string SheetName(const Table& t) const { return lang_ == "en" ? t.sheet_en : t.sheet; }

  grid::OutSheet Fields() {
    grid::OutSheet s;
    s.name = std::string(lang_ == "en" ? grid::kFieldsSheetEn : grid::kFieldsSheet);
    s.columns = {{34, false}, {60, false}, {30, false}};
    s.rows.push_back({Text(
        Say(lang_, "template.title", {{"title", ref_.title.Get(lang_)}, {"version", ref_.version}}),
        Style::kTitle)});
    s.rows.push_back({Text(Say(lang_, "grid.field"), Style::kHeader),
                      Text(Say(lang_, "grid.value"), Style::kHeader),
                      Text(Say(lang_, "grid.key"), Style::kHeader)});
    s.header_rows = 2;
    std::string section;
    for (const Column& c : layout_.fields) {
      std::string top = c.key.substr(0, c.key.find('.'));
      if (top != section) {
        section = top;
        std::string title = Maybe(lang_, "grid.section." + top);
        s.rows.push_back({Text(title.empty() ? top : title, Style::kHeader),
                          Text("", Style::kHeader), Text("", Style::kHeader)});
      }
      OutCell value = Input(c, lang_);
      if (o_.dossier) {
        Fill(c, Path(o_.dossier, c.key), s.name + "!" + c.key, &value, problems_);
      } else {
        Blank(c.key, &value);
      }
      s.rows.push_back({Text(Label(lang_, c), Style::kInfo), value, Text(c.key, Style::kKey)});
    }
    return s;
  }

  // What a blank grid proposes, as the YAML template does.
  void Blank(const std::string& key, OutCell* cell) {
    if (key == "organisation.kind") {
      cell->kind = OutCell::Kind::kString;
      cell->text = std::string(OrgKindName(o_.kind));
    } else if (key == "audit.kind") {
      cell->kind = OutCell::Kind::kString;
      cell->text = "initial";
    } else if (key == "audit.sites_visited") {
      cell->kind = OutCell::Kind::kString;
      cell->text = "site-1";
    }
  }

  grid::OutSheet ReferentialSheet() {
    grid::OutSheet s;
    s.name = std::string(lang_ == "en" ? grid::kReferentialSheetEn : grid::kReferentialSheet);
    s.columns = {{34, false}, {70, false}, {24, false}};
    s.rows.push_back({Text(ref_.title.Get(lang_), Style::kTitle)});
    s.rows.push_back({Text(Say(lang_, "grid.field"), Style::kHeader),
                      Text(Say(lang_, "grid.value"), Style::kHeader),
                      Text(Say(lang_, "grid.key"), Style::kHeader)});
    s.header_rows = 2;
    for (const Column& c : layout_.referential) {
      OutCell v = Text(c.key == "referential.id" ? ref_.id : ref_.version, Style::kInfo);
      s.rows.push_back({Text(Label(lang_, c), Style::kInfo), v, Text(c.key, Style::kKey)});
    }
    s.rows.push_back({Text(Say(lang_, "grid.referential_title"), Style::kInfo),
                      Text(ref_.title.Get(lang_), Style::kInfo), Text("", Style::kKey)});
    s.rows.push_back({Text("SHA-256", Style::kInfo), Text(o_.referential_sha256, Style::kInfo),
                      Text("", Style::kKey)});
    return s;
  }

  // The notes of a criterion's title cell: what the YAML template says in comments.
  std::string Notes(const Criterion& c) {
    std::vector<std::string> lines;
    lines.push_back(Say(lang_, "template.requirement", {{"text", c.requirement.Get(lang_)}}));
    if (!c.guidance.empty())
      lines.push_back(Say(lang_, "template.guidance", {{"text", c.guidance.Get(lang_)}}));
    if (!c.evidence.empty()) {
      lines.push_back(Say(lang_, "template.evidence_expected",
                          {{"list", fmt::format("{}", fmt::join(c.evidence, ", "))}}));
    }
    for (const Check& check : c.checks) lines.push_back(CheckLine(check, lang_));
    if (c.na_allowed) {
      lines.push_back(c.na_guidance.empty()
                          ? Say(lang_, "template.na_plain")
                          : Say(lang_, "template.na", {{"text", c.na_guidance.Get(lang_)}}));
    }
    return fmt::format("{}", fmt::join(lines, "\n"));
  }

  grid::OutSheet TableSheet(const Table& t) {
    grid::OutSheet s;
    s.name = SheetName(t);
    const bool assessments = t.path == "assessments";
    std::string title = Maybe(lang_, "grid.sheet." + t.path);
    s.rows.push_back({Text(title.empty() ? s.name : title, Style::kTitle)});
    std::vector<OutCell> labels, keys;
    auto key_column = [&](const std::string& key, double width) {
      std::string l = Maybe(lang_, "grid.key." + key);
      labels.push_back(Text(l.empty() ? key : l, Style::kHeader));
      keys.push_back(Text(key, Style::kKey));
      s.columns.push_back({width, false});
    };
    for (const std::string& k : t.parent_keys) key_column(k, 12);
    if (t.dict) key_column(t.key_name, 14);
    if (assessments) {  // what the auditor reads before grading: not read back (no key)
      for (const char* info : {"grid.info.title", "grid.info.requirement"}) {
        labels.push_back(Text(Say(lang_, info), Style::kHeader));
        keys.push_back(Text("", Style::kKey));
        s.columns.push_back({std::string(info) == "grid.info.title" ? 30.0 : 50.0, false});
      }
    }
    for (const Column& c : t.columns) {
      labels.push_back(Text(Label(lang_, c), Style::kHeader));
      keys.push_back(Text(c.key, Style::kKey));
      s.columns.push_back({Width(c), false});
    }
    s.rows.push_back(std::move(labels));
    s.rows.push_back(std::move(keys));
    s.header_rows = 3;
    if (o_.dossier) {
      Rows(t, &s);
    } else {
      BlankRows(t, &s);
    }
    // A column no row may fill (the levels, for a referential graded on one scale) is hidden:
    // still there, and still read back by its key.
    for (size_t col = 0; assessments && col < s.columns.size(); ++col) {
      bool used = false;
      for (size_t r = 3; r < s.rows.size() && !used; ++r) {
        used = col < s.rows[r].size() && (s.rows[r][col].style == Style::kInput ||
                                          s.rows[r][col].kind != OutCell::Kind::kEmpty);
      }
      if (!used && s.rows.size() > 3) s.columns[col].hidden = true;
    }
    return s;
  }

  // A row of inputs for table `t`: the keys given, then an input cell per own column.
  std::vector<OutCell> Row(const Table& t, const std::vector<std::string>& key_values,
                           const Criterion* criterion) {
    std::vector<OutCell> row;
    for (const std::string& k : key_values) row.push_back(Text(k, Style::kInfo));
    if (t.path == "assessments") {
      OutCell title = Text(criterion ? criterion->title.Get(lang_) : "", Style::kInfo);
      if (criterion) title.note = Notes(*criterion);
      row.push_back(title);
      row.push_back(Text(criterion ? criterion->requirement.Get(lang_) : "", Style::kInfo));
    }
    for (const Column& c : t.columns) {
      OutCell cell = Input(c, lang_);
      if (criterion && (c.key == "grade" || c.key == "level")) {
        const Scale& scale = ref_.scales[static_cast<size_t>(criterion->scale)];
        const bool level = scale.type == ScaleType::kMaturity;
        if ((c.key == "level") != level) {
          cell = Text("", Style::kInfo);  // the other kind of scale: nothing to write here
        } else if (level) {
          for (const Level& l : scale.levels) cell.choices.push_back(l.code);
        } else {
          for (const Grade& g : scale.grades) {
            if (g.kind != GradeKind::kNotApplicable || criterion->na_allowed)
              cell.choices.push_back(g.code);
          }
        }
      }
      row.push_back(cell);
    }
    return row;
  }

  const Criterion* FindCriterion(const std::string& id) const {
    for (const Criterion& c : ref_.criteria) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }

  void BlankRows(const Table& t, grid::OutSheet* s) {
    if (t.path == "assessments") {
      for (const TemplateCriterion& tc : criteria_) {
        const Criterion& c = ref_.criteria[static_cast<size_t>(tc.index)];
        s->rows.push_back(Row(t, {c.id}, &c));
      }
    } else if (t.path == "assessments.*.indicators") {
      for (const TemplateCriterion& tc : criteria_) {
        const Criterion& c = ref_.criteria[static_cast<size_t>(tc.index)];
        for (const Check& check : c.checks) {
          if (check.type == CheckType::kIndicator)
            s->rows.push_back(Row(t, {c.id, check.indicator}, nullptr));
        }
      }
    } else if (t.path == "assessments.*.sample") {
      for (const TemplateCriterion& tc : criteria_) {
        const Criterion& c = ref_.criteria[static_cast<size_t>(tc.index)];
        for (const Check& check : c.checks) {
          if (check.type != CheckType::kSample) continue;
          for (int i = 0; i < check.min_size; ++i) s->rows.push_back(Row(t, {c.id}, nullptr));
        }
      }
    } else if (t.path == "organisation.sites") {
      const int n = std::max(1, o_.sites);
      for (int i = 1; i <= n; ++i) {
        std::vector<OutCell> row = Row(t, {}, nullptr);
        row[0].kind = OutCell::Kind::kString;
        row[0].text = fmt::format("site-{}", i);
        s->rows.push_back(std::move(row));
      }
    } else {
      const int n = t.path == "evidence" ? 40 : t.path == "assessments.*.findings" ? 20 : 10;
      std::vector<std::string> keys(t.parent_keys.size() + (t.dict ? 1 : 0));
      for (int i = 0; i < n; ++i) {
        std::vector<OutCell> row = Row(t, keys, nullptr);
        for (size_t k = 0; k < keys.size(); ++k) row[k].style = Style::kInput;  // criterion
        s->rows.push_back(std::move(row));
      }
    }
  }

  // Rows filled from the dossier.
  void Rows(const Table& t, grid::OutSheet* s) {
    auto fill_item = [&](const std::vector<std::string>& keys, const YamlNode* item,
                         const Criterion* criterion) {
      std::vector<OutCell> row = Row(t, keys, criterion);
      size_t first = keys.size() + (t.path == "assessments" ? 2 : 0);
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const Column& c = t.columns[i];
        const YamlNode* v = c.key == "value" && t.dict && t.columns.size() == 1
                                ? item
                                : (item && item->is_map() ? Path(item, c.key) : nullptr);
        if (v && row[first + i].style != Style::kInput) {
          row[first + i] = Input(c, lang_);  // a value where the scale has none: keep it
        }
        Fill(c, v, fmt::format("{}!{}", s->name, c.key), &row[first + i], problems_);
      }
      s->rows.push_back(std::move(row));
    };
    const std::string own = t.parent < 0 ? t.path : t.path.substr(t.path.rfind(".*.") + 3);
    if (t.parent < 0) {
      const YamlNode* n = Path(o_.dossier, t.path);
      Items(t, n, {}, fill_item);
      return;
    }
    const Table& parent = layout_.tables[static_cast<size_t>(t.parent)];
    const YamlNode* entries = Path(o_.dossier, parent.path);
    if (entries == nullptr || !entries->is_map()) return;
    for (const auto& [k, v] : entries->pairs) {
      if (!v || !v->is_map()) continue;
      Items(t, Path(v, own), {k->value}, fill_item);
    }
  }

  template <typename F>
  void Items(const Table& t, const YamlNode* n, std::vector<std::string> keys, F& fill_item) {
    if (n == nullptr) return;
    if (t.dict && n->is_map()) {
      for (const auto& [k, v] : n->pairs) {
        std::vector<std::string> row_keys = keys;
        row_keys.push_back(k->value);
        fill_item(row_keys, v, t.path == "assessments" ? FindCriterion(k->value) : nullptr);
      }
    } else if (!t.dict && n->is_sequence()) {
      for (const YamlNode* item : n->items) fill_item(keys, item, nullptr);
    }
  }

  const Referential& ref_;
  const GridTemplateOptions& o_;
  const std::string& lang_;
  std::vector<std::string>* problems_;
  const grid::Layout& layout_;
  std::vector<TemplateCriterion> criteria_;
};

}  // namespace

bool BuildGrid(const Referential& ref, const GridTemplateOptions& options, grid::OutWorkbook* book,
               std::vector<std::string>* problems) {
  size_t before = problems->size();
  Builder(ref, options, problems).Run(book);
  return problems->size() == before;
}

grid::Workbook AsRead(const grid::OutWorkbook& book) {
  grid::Workbook out;
  for (const grid::OutSheet& s : book.sheets) {
    grid::Sheet sheet;
    sheet.name = s.name;
    for (size_t r = 0; r < s.rows.size(); ++r) {
      for (size_t c = 0; c < s.rows[r].size(); ++c) {
        const OutCell& x = s.rows[r][c];
        grid::Cell cell;
        cell.row = static_cast<int>(r);
        cell.col = static_cast<int>(c);
        switch (x.kind) {
          case OutCell::Kind::kEmpty:
            continue;
          case OutCell::Kind::kString:
            cell.value.kind = grid::CellValue::Kind::kString;
            cell.value.text = x.text;
            break;
          case OutCell::Kind::kNumber:
            cell.value.kind = grid::CellValue::Kind::kNumber;
            cell.value.number = x.number;
            break;
          case OutCell::Kind::kBool:
            cell.value.kind = grid::CellValue::Kind::kBool;
            cell.value.number = x.number;
            break;
          case OutCell::Kind::kDate:
            cell.value.kind = grid::CellValue::Kind::kNumber;
            cell.value.date = true;
            grid::DateToSerial(x.text, &cell.value.number);
            break;
        }
        sheet.cells.push_back(std::move(cell));
      }
    }
    out.sheets.push_back(std::move(sheet));
  }
  return out;
}

}  // namespace sceau::cli
