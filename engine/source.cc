#include "engine/source.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <tuple>
#include <utility>

#include "engine/safe_text.h"
#include "engine/wording.h"

namespace sceau {
namespace {

// Number of code points in `s` (invalid bytes count as one each).
int CodePoints(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Quoted lines are cut to this many code points around the column (what RenderDiagnostic shows).
constexpr int kQuoteWindow = 120;
// A sparse index of a long line records the byte offset of every kIndexStep-th code point.
constexpr int kIndexStep = 256;

std::atomic<int> g_max_diagnostics{kDefaultMaxDiagnostics};

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

void SetMaxDiagnosticsPerFile(int max) { g_max_diagnostics.store(std::max(0, max)); }
int MaxDiagnosticsPerFile() { return g_max_diagnostics.load(); }

SourceFile::SourceFile(std::string path, std::string text, size_t byte_base)
    : path_(std::move(path)), text_(std::move(text)), byte_base_(byte_base) {
  line_starts_.push_back(0);
  column_at_.reserve(text_.size() / kColumnStep + 1);
  uint32_t column = 0;  // code points since the line's start
  for (size_t i = 0; i < text_.size(); ++i) {
    if (i % kColumnStep == 0) column_at_.push_back(column);
    if (text_[i] == '\n') {
      line_starts_.push_back(i + 1);
      column = 0;
    } else if (!IsContinuation(text_[i])) {
      ++column;
    }
  }
  // A final newline does not open a new line.
  if (line_starts_.size() > 1 && line_starts_.back() == text_.size()) line_starts_.pop_back();
}

std::string_view SourceFile::Cell(int line) const {
  if (line < 1 || static_cast<size_t>(line) > cells_.size()) return {};
  return cells_[static_cast<size_t>(line - 1)];
}

std::string_view SourceFile::Line(int line) const {
  if (line < 1 || line > line_count()) return {};
  size_t begin = line_starts_[static_cast<size_t>(line - 1)];
  size_t end = text_.find('\n', begin);
  if (end == std::string::npos) end = text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

void SourceFile::Position(size_t offset, int* line, int* column) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  *line = static_cast<int>(index) + 1;
  // From the last checkpoint on this line, else from the line's start.
  size_t from = line_starts_[index];
  int base = 0;
  size_t checkpoint = offset / kColumnStep * kColumnStep;
  if (checkpoint > from && checkpoint / kColumnStep < column_at_.size()) {
    from = checkpoint;
    base = static_cast<int>(column_at_[checkpoint / kColumnStep]);
  }
  *column = base + CodePoints(std::string_view(text_).substr(from, offset - from)) + 1;
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

DiagnosticSink::DiagnosticSink(std::shared_ptr<const SourceFile> source)
    : source_(std::move(source)) {}

void DiagnosticSink::Error(std::string code, SourceLocation where, std::string message) {
  Add(Severity::kError, std::move(code), where, std::move(message));
}

void DiagnosticSink::Warning(std::string code, SourceLocation where, std::string message) {
  Add(Severity::kWarning, std::move(code), where, std::move(message));
}

size_t DiagnosticSink::ColumnByte(int line, std::string_view text, int column) {
  size_t byte = 0;
  int at = 1;  // the code point that starts at `byte`
  if (text.size() > static_cast<size_t>(4 * kIndexStep)) {
    if (index_line_ != line) {
      index_.clear();
      int cp = 0;
      for (size_t i = 0; i < text.size(); ++i) {
        if (IsContinuation(text[i])) continue;
        if (cp % kIndexStep == 0) index_.push_back(i);
        ++cp;
      }
      index_line_ = line;
    }
    size_t slot =
        std::min(index_.size() - 1, static_cast<size_t>(std::max(0, column - 1) / kIndexStep));
    byte = index_[slot];
    at = static_cast<int>(slot) * kIndexStep + 1;
  }
  while (byte < text.size() && at < column) {
    ++byte;
    while (byte < text.size() && IsContinuation(text[byte])) ++byte;
    ++at;
  }
  return byte;
}

void DiagnosticSink::Add(Severity severity, std::string code, SourceLocation where,
                         std::string message) {
  if (severity == Severity::kError) ++errors_;
  int max = MaxDiagnosticsPerFile();
  if (max > 0 && static_cast<int>(diags_.size()) >= max) {
    // Counted, not kept: a file of a million errors costs no more memory than one of `max`.
    if (severity == Severity::kError) ++dropped_errors_;
    if (severity == Severity::kWarning) ++dropped_warnings_;
    return;
  }
  Diagnostic d;
  d.severity = severity;
  d.code = std::move(code);
  d.file = source_->path();
  d.where = where;
  d.message = std::move(message);
  if (source_->has_cells()) {
    d.cell = std::string(source_->Cell(where.line));
  } else if (where.line > 0) {
    std::string_view text = source_->Line(where.line);
    if (text.size() <= static_cast<size_t>(kQuoteWindow)) {
      d.source_line = std::string(text);
    } else {
      // Keep the window RenderDiagnostic shows: kQuoteWindow code points around the column.
      int column = std::max(1, where.column);
      int first = std::max(0, column - 1 - kQuoteWindow / 2);  // code points before the window
      size_t begin = ColumnByte(where.line, text, first + 1);
      size_t end = ColumnByte(where.line, text, first + 1 + kQuoteWindow);
      if (end >= text.size() && begin > 0) {
        // Near the end of the line: a full window ending at the line's end, as the renderer does.
        int total = first + CodePoints(text.substr(begin));
        first = std::max(0, total - kQuoteWindow);
        begin = ColumnByte(where.line, text, first + 1);
      }
      d.source_line = std::string(text.substr(begin, end - begin));
      d.source_offset = first;
      d.source_cut = end < text.size();
    }
  }
  diags_.push_back(std::move(d));
}

std::vector<Diagnostic> DiagnosticSink::Take() {
  std::vector<Diagnostic> out = std::move(diags_);
  diags_.clear();
  SortDiagnostics(&out);
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Diagnostic& a, const Diagnostic& b) {
                          return a.where.line == b.where.line && a.where.column == b.where.column &&
                                 a.severity == b.severity && a.code == b.code &&
                                 a.message == b.message;
                        }),
            out.end());
  if (dropped_errors_ + dropped_warnings_ > 0) {
    Diagnostic note;
    note.severity = Severity::kNote;
    note.code = "too-many-diagnostics";
    note.file = source_->path();
    std::string errors =
        dropped_errors_ == 1 ? Tr("1 more error") : Fmt("{} more errors", dropped_errors_);
    std::string warnings =
        dropped_warnings_ == 1 ? Tr("1 more warning") : Fmt("{} more warnings", dropped_warnings_);
    std::string what = dropped_errors_ == 0     ? warnings
                       : dropped_warnings_ == 0 ? errors
                                                : Fmt("{} and {}", errors, warnings);
    note.message =
        Fmt("{} not shown: only the first {} diagnostics of a file are kept "
            "(--max-diagnostics N changes it, 0 shows all)",
            what, MaxDiagnosticsPerFile());
    note.omitted_errors = dropped_errors_;
    note.omitted_warnings = dropped_warnings_;
    out.push_back(std::move(note));
    dropped_errors_ = 0;
    dropped_warnings_ = 0;
  }
  return out;
}

int CountDiagnostics(const std::vector<Diagnostic>& diags, Severity severity) {
  int n = 0;
  for (const Diagnostic& d : diags) {
    if (d.severity == severity) ++n;
    if (severity == Severity::kError) n += d.omitted_errors;
    if (severity == Severity::kWarning) n += d.omitted_warnings;
  }
  return n;
}

void SortDiagnostics(std::vector<Diagnostic>* diags) {
  // A file's note on the diagnostics left out stays after that file's diagnostics.
  std::stable_sort(diags->begin(), diags->end(), [](const Diagnostic& a, const Diagnostic& b) {
    bool a_cap = a.code == "too-many-diagnostics";
    bool b_cap = b.code == "too-many-diagnostics";
    return std::tie(a.file, a_cap, a.where.line, a.where.column, a.severity, a.message) <
           std::tie(b.file, b_cap, b.where.line, b.where.column, b.severity, b.message);
  });
}

std::string RenderDiagnostic(const Diagnostic& d, const RenderOptions& options) {
  const char* bold = options.color ? "\033[1m" : "";
  const char* reset = options.color ? "\033[0m" : "";
  const char* sev_color = "";
  if (options.color) {
    sev_color = d.severity == Severity::kError     ? "\033[1;31m"
                : d.severity == Severity::kWarning ? "\033[1;35m"
                                                   : "\033[1;36m";
  }
  std::string out;
  out += bold;
  out += TerminalSafe(d.file);
  if (!d.cell.empty()) {
    out += ":" + TerminalSafe(d.cell);
  } else if (d.where.line > 0) {
    out += fmt::format(":{}", d.where.line);
    if (d.where.column > 0) out += fmt::format(":{}", d.where.column);
  }
  out += ":";
  out += reset;
  // Messages quote user values (ids, names, paths): escaped once here, like the source line.
  // The severity in the reader's language, as compilers print it ("erreur" in French).
  out += fmt::format(" {}{}:{} {}", sev_color,
                     d.severity == Severity::kError     ? Tr("error")
                     : d.severity == Severity::kWarning ? Tr("warning")
                                                        : Tr("note"),
                     reset, TerminalSafe(d.message));
  if (!d.code.empty()) out += fmt::format(" [{}]", d.code);
  out += "\n";
  if (options.show_source && d.cell.empty() && d.where.line > 0 && !d.source_line.empty()) {
    std::string number = std::to_string(d.where.line);
    std::string gutter(std::max<size_t>(number.size(), 4) + 1, ' ');
    // Split the line into code points, replacing what a terminal should not receive (control
    // characters, invalid UTF-8) with '?', so the quote is safe to print.
    std::vector<std::string> cps;
    const std::string& line = d.source_line;
    for (size_t i = 0; i < line.size();) {
      unsigned char c = static_cast<unsigned char>(line[i]);
      size_t len = c < 0x80             ? 1
                   : (c & 0xE0) == 0xC0 ? 2
                   : (c & 0xF0) == 0xE0 ? 3
                   : (c & 0xF8) == 0xF0 ? 4
                                        : 0;
      bool ok = len > 0 && i + len <= line.size();
      for (size_t k = 1; ok && k < len; ++k)
        ok = (static_cast<unsigned char>(line[i + k]) & 0xC0) == 0x80;
      if (!ok) {
        cps.emplace_back("?");
        ++i;
        continue;
      }
      if (len == 1 && (c < 0x20 || c == 0x7F) && c != '\t') {
        cps.emplace_back("?");
      } else {
        cps.emplace_back(line.substr(i, len));
      }
      i += len;
    }
    // Long lines are quoted as a window around the column (the sink keeps only that window:
    // `source_offset` code points come before it).
    constexpr int kWindow = kQuoteWindow;
    int column = std::max(1, d.where.column - d.source_offset);
    int first = 0;
    int last = static_cast<int>(cps.size());
    if (last > kWindow) {
      first = std::max(0, column - 1 - kWindow / 2);
      last = std::min(last, first + kWindow);
      first = std::max(0, last - kWindow);
    }
    bool cut_before = first > 0 || d.source_offset > 0;
    std::string quoted = cut_before ? "..." : "";
    for (int i = first; i < last; ++i) quoted += cps[static_cast<size_t>(i)];
    if (last < static_cast<int>(cps.size()) || d.source_cut) quoted += "...";
    out += fmt::format("{:>{}} | {}\n", number, gutter.size(), quoted);
    // The caret goes under the column, counting code points; tabs are kept so it lines up.
    std::string pad = cut_before ? "   " : "";
    for (int i = first; i < column - 1 && i < static_cast<int>(cps.size()); ++i) {
      pad += cps[static_cast<size_t>(i)] == "\t" ? '\t' : ' ';
    }
    if (d.where.column > 0) {
      std::string marker = "^";
      int room = std::max(1, std::min(d.where.length, last - column + 1));
      if (room > 1) marker += std::string(static_cast<size_t>(room - 1), '~');
      out += fmt::format("{} | {}{}{}{}\n", gutter, pad, options.color ? "\033[1;32m" : "", marker,
                         reset);
    }
  }
  return out;
}

namespace {

// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty() || word.size() > 64) return {};
  std::string lw = Lower(word);
  std::string best;
  size_t best_distance = 0;
  size_t best_exact = 0;  // tie-break: the distance with case taken into account
  for (const std::string& c : candidates) {
    if (c.size() > 64) continue;
    size_t dist = EditDistance(lw, Lower(c));
    size_t exact = EditDistance(word, c);
    if (best.empty() || dist < best_distance || (dist == best_distance && exact < best_exact)) {
      best = c;
      best_distance = dist;
      best_exact = exact;
    }
  }
  // Close enough to be a typo: at most a third of the word, and at least one edit allowed.
  size_t allowed = std::max<size_t>(1, std::max(word.size(), best.size()) / 3);
  if (best.empty() || best_distance > allowed || best == word) return {};
  return best;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string match = ClosestMatch(word, candidates);
  return match.empty() ? std::string() : Fmt(" (did you mean '{}'?)", match);
}

}  // namespace sceau
