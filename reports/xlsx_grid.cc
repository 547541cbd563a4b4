#include "reports/xlsx_grid.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "engine/wording.h"
#include "reports/atomic_file.h"

namespace sceau {
namespace {

using grid::OutCell;
using grid::OutSheet;
using grid::OutWorkbook;
using grid::Style;

constexpr size_t kMaxSheetName = 31;    // characters
constexpr size_t kMaxText = 32767;      // UTF-16 units in a cell or a note
constexpr size_t kMaxInlineList = 255;  // bytes of a list validation's own formula, commas included
constexpr double kMaxColumnWidth = 255;
// The fixed creation date of every grid: 2000-01-01T00:00:00Z. libxlsxwriter takes 0 for "now".
constexpr time_t kCreated = 946684800;

// What is wrong with a text, if anything.
struct TextCheck {
  bool utf8 = true;   // well-formed UTF-8 (no overlong form, surrogate or value past U+10FFFF)
  long control = -1;  // the first code point XML cannot hold (a control character other than
                      // tab and line breaks, U+FFFE, U+FFFF), or -1
  size_t units = 0;   // UTF-16 units, as Excel counts a text's length
  size_t points = 0;  // code points, as a sheet name's length counts
};

TextCheck CheckText(std::string_view s) {
  TextCheck r;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c, len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, len = 4;
    } else {
      r.utf8 = false;
      return r;
    }
    if (i + len > s.size()) {
      r.utf8 = false;
      return r;
    }
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) {
        r.utf8 = false;
        return r;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      r.utf8 = false;
      return r;
    }
    bool xml_char =
        cp >= 0x20 ? (cp != 0xFFFE && cp != 0xFFFF) : (cp == 0x9 || cp == 0xA || cp == 0xD);
    if (!xml_char && r.control < 0) r.control = cp;
    r.units += cp >= 0x10000 ? 2 : 1;
    r.points += 1;
    i += len;
  }
  return r;
}

// A code point's lower case, for the scripts sheet names are written in here (Latin, Greek,
// Cyrillic): enough to find two names that spreadsheets take for one.
uint32_t Lower(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 0x20;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (cp == 0x178) return 0xFF;
  if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return cp | 1;
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp & 1) ? cp + 1 : cp;
  if (cp >= 0x391 && cp <= 0x3A9) return cp + 0x20;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  return cp;
}

// `s` (valid UTF-8) folded to lower case, as code points.
std::u32string Folded(std::string_view s) {
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(Lower(cp));
    i += len;
  }
  return out;
}

std::string ColumnName(size_t col) {
  char name[LXW_MAX_COL_NAME_LENGTH];
  lxw_col_to_name(name, static_cast<lxw_col_t>(col), 0);
  return name;
}

std::string CellName(int row, int col) {
  char name[LXW_MAX_CELL_NAME_LENGTH];
  lxw_rowcol_to_cell(name, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col));
  return name;
}

// A text's problem as an error message about `what` ("sheet 'X', cell D14"), or "" when fine.
// `limit`: the most UTF-16 units allowed (0: no limit).
std::string TextError(const std::string& what, std::string_view text, size_t limit) {
  TextCheck t = CheckText(text);
  if (!t.utf8) return Fmt("{}: the text is not valid UTF-8", what);
  if (t.control >= 0) {
    return Fmt("{}: the text holds the control character U+{:04X}, which a spreadsheet cannot hold",
               what, t.control);
  }
  if (limit != 0 && t.units > limit) {
    return Fmt("{}: the text is {} characters long, more than the {} a spreadsheet allows", what,
               t.units, limit);
  }
  return "";
}

// Whether `date` is an existing day YYYY-MM-DD from 1900-03-01 to 9999-12-31; sets `*out`.
bool ParseDate(std::string_view date, lxw_datetime* out) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  auto number = [&](size_t pos, size_t len, int* v) {
    *v = 0;
    for (size_t k = pos; k < pos + len; ++k) {
      if (date[k] < '0' || date[k] > '9') return false;
      *v = *v * 10 + (date[k] - '0');
    }
    return true;
  };
  int y, m, d;
  if (!number(0, 4, &y) || !number(5, 2, &m) || !number(8, 2, &d)) return false;
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int days = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > days) return false;
  if (y == 1900 && m < 3) return false;  // Excel's 1900 leap-year bug shifts these by one
  *out = lxw_datetime{y, m, d, 0, 0, 0};
  return true;
}

std::string SheetNameError(const std::string& name) {
  TextCheck t = CheckText(name);
  if (!t.utf8 || t.control >= 0) return TextError(Fmt("sheet name '{}'", name), name, 0);
  if (name.empty()) return Tr("a sheet has an empty name");
  if (t.points > kMaxSheetName) {
    return Fmt("sheet name '{}' is {} characters long, more than the 31 a spreadsheet allows", name,
               t.points);
  }
  if (size_t bad = name.find_first_of("[]:*?/\\"); bad != std::string::npos) {
    return Fmt("sheet name '{}' holds '{}', which a spreadsheet does not allow in a sheet name",
               name, name.substr(bad, 1));
  }
  if (name.front() == '\'' || name.back() == '\'') {
    return Fmt(
        "sheet name '{}' begins or ends with an apostrophe, which a spreadsheet does not allow",
        name);
  }
  if (name == kXlsxListsSheet) {
    return Fmt("sheet name '{}' is kept for the lists of drop-downs", name);
  }
  return "";
}

// Checks everything libxlsxwriter would refuse or write wrong, before anything is written.
bool CheckBook(const OutWorkbook& book, std::string* error) {
  if (book.sheets.empty()) {
    *error = Tr("a workbook needs at least one sheet");
    return false;
  }
  for (const std::string* p : {&book.title, &book.subject, &book.author}) {
    if (std::string e = TextError(Tr("the document properties"), *p, 0); !e.empty()) {
      *error = e;
      return false;
    }
  }
  std::map<std::u32string, std::string> names;  // folded -> as given
  for (const OutSheet& sheet : book.sheets) {
    if (std::string e = SheetNameError(sheet.name); !e.empty()) {
      *error = e;
      return false;
    }
    auto [it, added] = names.emplace(Folded(sheet.name), sheet.name);
    if (!added) {
      *error =
          Fmt("sheet names '{}' and '{}' differ only by case, which a spreadsheet takes for "
              "one name",
              it->second, sheet.name);
      return false;
    }
    if (sheet.header_rows < 0 || static_cast<size_t>(sheet.header_rows) >= LXW_ROW_MAX) {
      *error = Fmt("sheet '{}': {} header rows is out of range", sheet.name, sheet.header_rows);
      return false;
    }
    if (sheet.rows.size() > LXW_ROW_MAX) {
      *error = Fmt("sheet '{}' has {} rows, more than the {} a spreadsheet holds", sheet.name,
                   sheet.rows.size(), LXW_ROW_MAX);
      return false;
    }
    if (sheet.columns.size() > LXW_COL_MAX) {
      *error = Fmt("sheet '{}' has {} columns, more than the {} a spreadsheet holds", sheet.name,
                   sheet.columns.size(), LXW_COL_MAX);
      return false;
    }
    for (size_t c = 0; c < sheet.columns.size(); ++c) {
      double w = sheet.columns[c].width;
      if (!(w >= 0 && w <= kMaxColumnWidth)) {
        *error = Fmt("sheet '{}', column {}: width {} is not from 0 to 255", sheet.name,
                     ColumnName(c), w);
        return false;
      }
    }
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto& row = sheet.rows[r];
      if (row.size() > LXW_COL_MAX) {
        *error = Fmt("sheet '{}', row {}: {} cells, more than the {} columns a spreadsheet holds",
                     sheet.name, r + 1, row.size(), LXW_COL_MAX);
        return false;
      }
      for (size_t c = 0; c < row.size(); ++c) {
        const OutCell& cell = row[c];
        std::string where = Fmt("sheet '{}', cell {}", sheet.name,
                                CellName(static_cast<int>(r), static_cast<int>(c)));
        std::string e;
        switch (cell.kind) {
          case OutCell::Kind::kString:
            e = TextError(where, cell.text, kMaxText);
            break;
          case OutCell::Kind::kNumber:
            if (!std::isfinite(cell.number)) e = Fmt("{}: the number is not finite", where);
            break;
          case OutCell::Kind::kDate: {
            lxw_datetime dt;
            if (!ParseDate(cell.text, &dt)) {
              e = TextError(where, cell.text, 0);
              if (e.empty()) {
                e = Fmt("{}: '{}' is not a date YYYY-MM-DD from 1900-03-01 to 9999-12-31", where,
                        cell.text);
              }
            }
            break;
          }
          case OutCell::Kind::kEmpty:
          case OutCell::Kind::kBool:
            break;
        }
        if (e.empty() && !cell.note.empty())
          e = TextError(Fmt("{} (note)", where), cell.note, kMaxText);
        for (size_t k = 0; e.empty() && k < cell.choices.size(); ++k) {
          e = TextError(Fmt("{} (drop-down)", where), cell.choices[k], kMaxText);
        }
        if (!e.empty()) {
          *error = e;
          return false;
        }
      }
    }
  }
  return true;
}

// libxlsxwriter builds each part of the package in a temporary file (tmpfile(3)) and does not
// check those writes: a full /tmp, or a file-size limit, gives a well-formed zip of truncated
// XML and no error. So the package is read back before it is published: every entry inflates to
// its stated size and CRC, and every XML part ends by closing the element it opened. Returns ""
// when whole, else what is wrong.
uint32_t Le(std::string_view b, size_t at, size_t n) {
  uint32_t v = 0;
  for (size_t k = n; k-- > 0;) v = (v << 8) | static_cast<unsigned char>(b[at + k]);
  return v;
}

std::string PackageProblem(std::string_view zip) {
  constexpr size_t kEnd = 22;  // the end of central directory record, with no comment
  if (zip.size() < kEnd || Le(zip, zip.size() - kEnd, 4) != 0x06054b50) return "no end record";
  size_t end = zip.size() - kEnd;
  size_t entries = Le(zip, end + 10, 2);
  size_t dir_size = Le(zip, end + 12, 4), dir = Le(zip, end + 16, 4);
  if (dir + dir_size != end || entries == 0) return "bad central directory";
  size_t at = dir;
  std::string data;
  for (size_t i = 0; i < entries; ++i) {
    if (at + 46 > end || Le(zip, at, 4) != 0x02014b50) return "bad directory entry";
    uint32_t method = Le(zip, at + 10, 2), crc = Le(zip, at + 16, 4);
    size_t packed = Le(zip, at + 20, 4), size = Le(zip, at + 24, 4);
    size_t name_len = Le(zip, at + 28, 2), extra = Le(zip, at + 30, 2),
           comment = Le(zip, at + 32, 2);
    size_t local = Le(zip, at + 42, 4);
    if (at + 46 + name_len > end) return "bad directory entry";
    std::string name(zip.substr(at + 46, name_len));
    at += 46 + name_len + extra + comment;
    if (local + 30 > dir || Le(zip, local, 4) != 0x04034b50) return name + ": bad local header";
    size_t start = local + 30 + Le(zip, local + 26, 2) + Le(zip, local + 28, 2);
    if (start + packed > dir) return name + ": past the directory";
    data.assign(size, '\0');
    if (method == 0) {
      if (packed != size) return name + ": bad size";
      data.assign(zip.substr(start, packed));
    } else if (method == 8) {
      z_stream z = {};
      if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return name + ": cannot inflate";
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + start));
      z.avail_in = static_cast<uInt>(packed);
      z.next_out = reinterpret_cast<Bytef*>(data.data());
      z.avail_out = static_cast<uInt>(size);
      int rc = inflate(&z, Z_FINISH);
      bool whole = rc == Z_STREAM_END && z.total_out == size;
      inflateEnd(&z);
      if (!whole) return name + ": does not inflate to its size";
    } else {
      return name + ": unknown compression";
    }
    if (crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())) !=
        crc) {
      return name + ": bad CRC";
    }
    bool xml = name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".vml");
    if (!xml) continue;
    // The root element: the first tag that is not a declaration or a comment.
    size_t open = 0;
    while ((open = data.find('<', open)) != std::string::npos &&
           (data.compare(open, 2, "<?") == 0 || data.compare(open, 2, "<!") == 0)) {
      ++open;
    }
    if (open == std::string::npos) return name + ": no element";
    size_t name_end = data.find_first_of(" \t\r\n/>", open + 1);
    if (name_end == std::string::npos) return name + ": cut short";
    std::string closing = "</" + data.substr(open + 1, name_end - open - 1) + ">";
    size_t last = data.find_last_not_of(" \t\r\n");
    bool closed = last != std::string::npos && last + 1 >= closing.size() &&
                  data.compare(last + 1 - closing.size(), closing.size(), closing) == 0;
    bool empty_root = data.compare(name_end, 2, "/>") == 0 && last == name_end + 1;
    if (!closed && !empty_root) return name + ": cut short";
  }
  return "";
}

// Where libxlsxwriter writes the file, and reading it back.
class Scratch {
 public:
  Scratch() = default;
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() {
    if (fd_ >= 0) ::close(fd_);
    if (!file_.empty()) ::unlink(file_.c_str());
    if (!dir_.empty()) ::rmdir(dir_.c_str());
  }

  bool Open(XlsxScratch kind, std::string* error) {
    if (kind == XlsxScratch::kAuto) {
      fd_ = ::memfd_create("sceau-grid.xlsx", MFD_CLOEXEC);
      if (fd_ >= 0) {
        path_ = "/proc/self/fd/" + std::to_string(fd_);
        if (::access(path_.c_str(), W_OK) == 0) return true;
        ::close(fd_);
        fd_ = -1;
      }
    }
    const char* tmp = std::getenv("TMPDIR");
    std::string templ =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/sceau-grid-XXXXXX";
    if (::mkdtemp(templ.data()) == nullptr) {
      *error =
          Fmt("cannot create a temporary folder for the spreadsheet: {}", std::strerror(errno));
      return false;
    }
    dir_ = templ;
    file_ = dir_ + "/grid.xlsx";
    path_ = file_;
    return true;
  }

  // The file libxlsxwriter opens.
  const std::string& path() const { return path_; }

  bool ReadBack(std::string* bytes, std::string* error) {
    int fd = fd_;
    if (fd < 0) fd = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC);
    auto fail = [&](int err) {
      *error = Fmt("cannot read back the spreadsheet: {}", std::strerror(err));
      if (fd != fd_ && fd >= 0) ::close(fd);
      return false;
    };
    if (fd < 0) return fail(errno);
    struct stat st;
    if (::fstat(fd, &st) != 0) return fail(errno);
    bytes->assign(static_cast<size_t>(st.st_size), '\0');
    size_t done = 0;
    while (done < bytes->size()) {
      ssize_t n = ::pread(fd, bytes->data() + done, bytes->size() - done, static_cast<off_t>(done));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return fail(errno);
      if (n == 0) return fail(EIO);
      done += static_cast<size_t>(n);
    }
    if (fd != fd_) ::close(fd);
    return true;
  }

 private:
  int fd_ = -1;
  std::string dir_, file_, path_;
};

// The formats of the five styles, plain and as dates.
struct Formats {
  lxw_format* plain[5] = {};
  lxw_format* date[5] = {};
  lxw_format* Of(const OutCell& cell) const {
    int s = static_cast<int>(cell.style);
    bool as_date = cell.kind == OutCell::Kind::kDate ||
                   (cell.kind == OutCell::Kind::kEmpty && cell.style == Style::kInput &&
                    cell.expects == OutCell::Kind::kDate);
    return as_date ? date[s] : plain[s];
  }
};

constexpr lxw_color_t kHeaderFill = 0xD9E1F2;  // light blue-grey
constexpr lxw_color_t kInputFill = 0xFFF2CC;   // light yellow
constexpr lxw_color_t kBorder = 0x8C8C8C;
constexpr lxw_color_t kInfoBorder = 0xD0D0D0;
constexpr lxw_color_t kKeyColour = 0x808080;

void Describe(lxw_format* f, Style style) {
  switch (style) {
    case Style::kTitle:
      format_set_bold(f);
      format_set_font_size(f, 14);
      break;
    case Style::kHeader:
      format_set_bold(f);
      format_set_bg_color(f, kHeaderFill);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      format_set_border(f, LXW_BORDER_THIN);
      format_set_border_color(f, kBorder);
      break;
    case Style::kKey:
      format_set_font_size(f, 8);
      format_set_font_color(f, kKeyColour);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      break;
    case Style::kInfo:  // a light border, so that a printed table reads as one
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      format_set_border(f, LXW_BORDER_THIN);
      format_set_border_color(f, kInfoBorder);
      break;
    case Style::kInput:
      format_set_unlocked(f);
      format_set_bg_color(f, kInputFill);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      format_set_border(f, LXW_BORDER_THIN);
      format_set_border_color(f, kBorder);
      break;
  }
}

// The size of a note's box, in pixels, from its text: about 48 characters a line.
void SizeNote(const std::string& note, lxw_comment_options* options) {
  constexpr size_t kPerLine = 48;
  size_t lines = 0, in_line = 0;
  for (size_t i = 0; i <= note.size(); ++i) {
    if (i == note.size() || note[i] == '\n') {
      lines += std::max<size_t>(1, (in_line + kPerLine - 1) / kPerLine);
      in_line = 0;
    } else if ((static_cast<unsigned char>(note[i]) & 0xC0) != 0x80) {
      ++in_line;  // a code point's first byte
    }
  }
  options->width = 320;
  options->height = static_cast<uint16_t>(std::clamp<size_t>(lines * 15 + 12, 60, 600));
}

// The lines `text` takes when wrapped at `capacity` characters a line (greedy, by words; a word
// longer than a line is broken).
size_t WrappedLines(std::string_view text, size_t capacity) {
  capacity = std::max<size_t>(capacity, 1);
  size_t lines = 0;
  size_t start = 0;
  while (true) {
    size_t end = text.find('\n', start);
    std::string_view paragraph =
        text.substr(start, end == std::string_view::npos ? end : end - start);
    size_t line = 0, taken = 1;  // characters on the current line; lines of this paragraph
    size_t pos = 0;
    while (pos < paragraph.size()) {
      size_t space = paragraph.find(' ', pos);
      std::string_view word =
          paragraph.substr(pos, space == std::string_view::npos ? space : space - pos);
      size_t len = 0;
      for (char ch : word) len += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
      size_t need = line == 0 ? len : line + 1 + len;
      if (need <= capacity) {
        line = need;
      } else if (line == 0) {  // a word longer than a line
        taken += (len - 1) / capacity;
        line = len - (len - 1) / capacity * capacity;
      } else {
        ++taken;
        line = 0;
        continue;  // the word again, on a new line
      }
      if (space == std::string_view::npos) break;
      pos = space + 1;
    }
    lines += taken;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

// The height of row `r` of `sheet`, in points, when a wrapped text needs more than one line; 0
// when the default height fits. Spreadsheets do not all fit rows to wrapped text on opening
// (LibreOffice does not), so the writer sets the height; the estimate leaves room for fonts wider
// than the usual Calibri (DejaVu Sans, where Calibri and Carlito are missing).
double RowHeight(const OutSheet& sheet, size_t r) {
  constexpr double kLine = 15;        // points a line of 11-point text takes
  constexpr double kMaxHeight = 409;  // the most a spreadsheet row may be
  constexpr double kDefaultWidth = 8.43;
  size_t lines = 1;
  const auto& row = sheet.rows[r];
  for (size_t c = 0; c < row.size(); ++c) {
    const OutCell& cell = row[c];
    if (cell.kind != OutCell::Kind::kString || cell.style == Style::kTitle ||
        cell.style == Style::kKey) {
      continue;
    }
    double width = kDefaultWidth;
    if (c < sheet.columns.size()) {
      if (sheet.columns[c].hidden) continue;
      width = sheet.columns[c].width;
    }
    double per_char = cell.style == Style::kHeader ? 1.15 : 1.05;  // bold is wider
    lines = std::max(lines, WrappedLines(cell.text, static_cast<size_t>(width / per_char)));
  }
  return lines > 1 ? std::min(kMaxHeight, kLine * static_cast<double>(lines)) : 0;
}

// A list validation's source: its own formula "a,b,c", or a range of the lists sheet.
bool FitsInline(const std::vector<std::string>& choices) {
  size_t total = choices.empty() ? 0 : choices.size() - 1;  // commas
  for (const std::string& c : choices) {
    if (c.find_first_of(",\"") != std::string::npos || c.empty()) return false;
    total += c.size();
  }
  return total <= kMaxInlineList;
}

// Renders `book` (checked) into the file at `path`.
class Renderer {
 public:
  explicit Renderer(const OutWorkbook& book) : book_(book) {}

  bool Render(const std::string& path, std::string* error) {
    lxw_workbook_options options = {};
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    if (wb == nullptr) {
      *error = Tr("cannot start the spreadsheet (out of memory?)");
      return false;
    }
    if (!Fill(wb, error)) {
      lxw_workbook_free(wb);
      return false;
    }
    if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
      *error = Fmt("cannot write the spreadsheet: {}", lxw_strerror(e));
      return false;
    }
    return true;
  }

 private:
  bool Lxw(lxw_error e, const std::string& what, std::string* error) {
    if (e == LXW_NO_ERROR) return true;
    *error = Fmt("{}: libxlsxwriter refused it: {}", what, lxw_strerror(e));
    return false;
  }

  bool Fill(lxw_workbook* wb, std::string* error) {
    lxw_doc_properties props = {};
    props.title = const_cast<char*>(book_.title.c_str());
    props.subject = const_cast<char*>(book_.subject.c_str());
    props.author = const_cast<char*>(book_.author.c_str());
    props.created = kCreated;
    if (!Lxw(workbook_set_properties(wb, &props), Tr("the document properties"), error))
      return false;

    for (int s = 0; s < 5; ++s) {
      formats_.plain[s] = workbook_add_format(wb);
      formats_.date[s] = workbook_add_format(wb);
      if (formats_.plain[s] == nullptr || formats_.date[s] == nullptr) {
        *error = Tr("cannot start the spreadsheet (out of memory?)");
        return false;
      }
      Describe(formats_.plain[s], static_cast<Style>(s));
      Describe(formats_.date[s], static_cast<Style>(s));
      format_set_num_format(formats_.date[s], "yyyy-mm-dd");
    }

    std::vector<lxw_worksheet*> sheets;
    for (const OutSheet& sheet : book_.sheets) {
      lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
      if (ws == nullptr) {
        *error = Fmt("sheet name '{}' is refused by libxlsxwriter", sheet.name);
        return false;
      }
      sheets.push_back(ws);
    }
    for (size_t i = 0; i < sheets.size(); ++i) {
      if (!FillSheet(book_.sheets[i], sheets[i], error)) return false;
    }
    if (!lists_.empty()) return FillLists(wb, error);
    return true;
  }

  bool FillSheet(const OutSheet& sheet, lxw_worksheet* ws, std::string* error) {
    const std::string& name = sheet.name;
    for (size_t c = 0; c < sheet.columns.size(); ++c) {
      lxw_row_col_options hidden = {};
      hidden.hidden = 1;
      lxw_col_t col = static_cast<lxw_col_t>(c);
      if (!Lxw(worksheet_set_column_opt(ws, col, col, sheet.columns[c].width, nullptr,
                                        sheet.columns[c].hidden ? &hidden : nullptr),
               Fmt("sheet '{}', column {}", name, ColumnName(c)), error)) {
        return false;
      }
    }
    if (!book_.author.empty()) worksheet_set_comments_author(ws, book_.author.c_str());

    // Runs of neighbouring cells of a column with the same drop-down: column -> (first row, last
    // row, choices).
    struct Run {
      size_t first, last;
      const std::vector<std::string>* choices;
    };
    std::map<size_t, Run> runs;
    auto flush = [&](size_t col, const Run& run) {
      return Validate(ws, name, run.first, run.last, col, *run.choices, error);
    };

    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto& row = sheet.rows[r];
      if (double height = RowHeight(sheet, r); height > 0) {
        if (!Lxw(worksheet_set_row(ws, static_cast<lxw_row_t>(r), height, nullptr),
                 Fmt("sheet '{}', row {}", name, r + 1), error)) {
          return false;
        }
      }
      for (size_t c = 0; c < row.size(); ++c) {
        const OutCell& cell = row[c];
        lxw_row_t lr = static_cast<lxw_row_t>(r);
        lxw_col_t lc = static_cast<lxw_col_t>(c);
        lxw_format* f = formats_.Of(cell);
        lxw_error e = LXW_NO_ERROR;
        switch (cell.kind) {
          case OutCell::Kind::kEmpty:
            e = worksheet_write_blank(ws, lr, lc, f);
            break;
          case OutCell::Kind::kString:
            e = worksheet_write_string(ws, lr, lc, cell.text.c_str(), f);
            break;
          case OutCell::Kind::kNumber:
            e = worksheet_write_number(ws, lr, lc, cell.number, f);
            break;
          case OutCell::Kind::kBool:
            e = worksheet_write_boolean(ws, lr, lc, cell.number != 0, f);
            break;
          case OutCell::Kind::kDate: {
            lxw_datetime dt;
            ParseDate(cell.text, &dt);  // checked by CheckBook
            e = worksheet_write_datetime(ws, lr, lc, &dt, f);
            break;
          }
        }
        auto where = [&] { return Fmt("sheet '{}', cell {}", name, CellName(r, c)); };
        if (!Lxw(e, where(), error)) return false;
        if (!cell.note.empty()) {
          lxw_comment_options note = {};
          SizeNote(cell.note, &note);
          if (!Lxw(worksheet_write_comment_opt(ws, lr, lc, cell.note.c_str(), &note),
                   Fmt("{} (note)", where()), error)) {
            return false;
          }
        }
        if (!cell.choices.empty()) {
          auto it = runs.find(c);
          if (it != runs.end() && it->second.last + 1 == r && *it->second.choices == cell.choices) {
            it->second.last = r;
          } else {
            if (it != runs.end()) {
              if (!flush(c, it->second)) return false;
              runs.erase(it);
            }
            runs.emplace(c, Run{r, r, &cell.choices});
          }
        }
      }
    }
    for (const auto& [col, run] : runs) {
      if (!flush(col, run)) return false;
    }

    if (sheet.header_rows > 0) {
      lxw_row_t h = static_cast<lxw_row_t>(sheet.header_rows);
      worksheet_freeze_panes(ws, h, 0);
      if (!Lxw(worksheet_repeat_rows(ws, 0, h - 1), Fmt("sheet '{}' (print titles)", name),
               error)) {
        return false;
      }
    }
    worksheet_set_paper(ws, 9);  // A4
    if (sheet.landscape) {
      worksheet_set_landscape(ws);
    } else {
      worksheet_set_portrait(ws);
    }
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.7);
    if (!Lxw(worksheet_set_footer(ws, "&L&8&A&R&8&P / &N"), Fmt("sheet '{}' (footer)", name),
             error)) {
      return false;
    }
    if (sheet.locked) {
      lxw_protection allow = {};
      allow.format_columns = 1;
      allow.format_rows = 1;
      allow.autofilter = 1;
      worksheet_protect(ws, nullptr, &allow);
    }
    return true;
  }

  bool Validate(lxw_worksheet* ws, const std::string& name, size_t first, size_t last, size_t col,
                const std::vector<std::string>& choices, std::string* error) {
    lxw_data_validation v = {};
    v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    std::vector<char*> list;
    std::string formula;
    if (FitsInline(choices)) {
      v.validate = LXW_VALIDATION_TYPE_LIST;
      for (const std::string& c : choices) list.push_back(const_cast<char*>(c.c_str()));
      list.push_back(nullptr);
      v.value_list = list.data();
    } else {
      auto [it, added] = lists_.emplace(choices, lists_.size());
      char from[LXW_MAX_CELL_NAME_LENGTH], to[LXW_MAX_CELL_NAME_LENGTH];
      lxw_rowcol_to_cell_abs(from, 0, static_cast<lxw_col_t>(it->second), 1, 1);
      lxw_rowcol_to_cell_abs(to, static_cast<lxw_row_t>(choices.size() - 1),
                             static_cast<lxw_col_t>(it->second), 1, 1);
      formula = std::string("=") + kXlsxListsSheet + "!" + from + ":" + to;
      v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
      v.value_formula = formula.data();
    }
    return Lxw(
        worksheet_data_validation_range(ws, static_cast<lxw_row_t>(first),
                                        static_cast<lxw_col_t>(col), static_cast<lxw_row_t>(last),
                                        static_cast<lxw_col_t>(col), &v),
        Fmt("sheet '{}', cells {}:{} (drop-down)", name, CellName(first, col), CellName(last, col)),
        error);
  }

  bool FillLists(lxw_workbook* wb, std::string* error) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, kXlsxListsSheet);
    if (ws == nullptr) {
      *error = Fmt("sheet name '{}' is refused by libxlsxwriter", kXlsxListsSheet);
      return false;
    }
    for (const auto& [choices, col] : lists_) {
      for (size_t r = 0; r < choices.size(); ++r) {
        if (!Lxw(worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(col),
                                        choices[r].c_str(), nullptr),
                 Fmt("sheet '{}', cell {}", kXlsxListsSheet, CellName(r, col)), error)) {
          return false;
        }
      }
    }
    worksheet_hide(ws);
    worksheet_protect(ws, nullptr, nullptr);
    return true;
  }

  std::string CellName(size_t row, size_t col) {
    return ::sceau::CellName(static_cast<int>(row), static_cast<int>(col));
  }

  const OutWorkbook& book_;
  Formats formats_;
  std::map<std::vector<std::string>, size_t>
      lists_;  // a long list -> its column in the lists sheet
};

}  // namespace

bool RenderXlsxGrid(const OutWorkbook& book, std::string* bytes, std::string* error,
                    XlsxScratch scratch) {
  if (!CheckBook(book, error)) return false;
  Scratch file;
  if (!file.Open(scratch, error)) return false;
  Renderer renderer(book);
  if (!renderer.Render(file.path(), error)) return false;
  if (!file.ReadBack(bytes, error)) return false;
  if (std::string problem = PackageProblem(*bytes); !problem.empty()) {
    bytes->clear();
    *error =
        Fmt("the spreadsheet came out incomplete ({}): is the temporary folder full?", problem);
    return false;
  }
  return true;
}

bool RenderXlsxGrid(const OutWorkbook& book, std::string* bytes, std::string* error) {
  return RenderXlsxGrid(book, bytes, error, XlsxScratch::kAuto);
}

bool WriteXlsxGrid(const OutWorkbook& book, const std::string& path, bool replace,
                   std::string* error) {
  std::string bytes;
  if (!RenderXlsxGrid(book, &bytes, error)) {
    *error = Fmt("{}: {}", path, *error);
    return false;
  }
  return replace ? WriteFileAtomically(path, bytes, error)
                 : CreateFileAtomically(path, bytes, error);
}

}  // namespace sceau
