// Positions in user files and the diagnostics that point at them.
//
// Diagnostics are data: loaders and checkers return them, and only the CLI prints them. Each has a
// stable code (kebab-case, e.g. "unknown-key") that tests and scripts may rely on; the message text
// is for people. Lines and columns are 1-based; a column counts code points, as editors do.
#ifndef SCEAU_ENGINE_SOURCE_H_
#define SCEAU_ENGINE_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sceau {

// The text of a file that was read, kept so diagnostics can quote its lines.
class SourceFile {
 public:
  // `byte_base`: bytes removed before `text` (a UTF-8 byte order mark), added back to the byte
  // offsets that messages quote.
  SourceFile(std::string path, std::string text, size_t byte_base = 0);

  const std::string& path() const { return path_; }
  size_t byte_base() const { return byte_base_; }
  const std::string& text() const { return text_; }
  // The text of 1-based line `line` without its end-of-line characters; empty if out of range.
  std::string_view Line(int line) const;
  // 1-based line and column (in code points) of a byte offset.
  void Position(size_t offset, int* line, int* column) const;
  int line_count() const { return static_cast<int>(line_starts_.size()); }

  // A text made from a spreadsheet (engine/grid_layout.h): the cell each line came from,
  // ("Évaluations!D14"; empty for a line of structure), which diagnostics name instead of the line.
  void SetCells(std::vector<std::string> cells) { cells_ = std::move(cells); }
  // The cell of 1-based line `line`, or an empty string.
  std::string_view Cell(int line) const;
  bool has_cells() const { return !cells_.empty(); }

 private:
  std::string path_;
  std::string text_;
  size_t byte_base_ = 0;
  std::vector<size_t> line_starts_;
  // The column (code points from its line's start) at every kColumnStep-th byte: Position counts
  // at most kColumnStep bytes, so a 1 MB line of 100,000 nodes is not read 100,000 times.
  static constexpr size_t kColumnStep = 256;
  std::vector<uint32_t> column_at_;
  std::vector<std::string> cells_;
};

struct SourceLocation {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based, in code points; 0 when unknown
  int length = 0;  // code points to underline after the caret, 0 or 1 for a bare caret
};

enum class Severity { kError, kWarning, kNote };
std::string_view SeverityName(Severity s);  // "error", "warning", "note"

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;  // stable, kebab-case
  std::string file;
  SourceLocation where;
  // In a spreadsheet: the cell, "Évaluations!D14", named instead of the line and column, and no
  // line is quoted.
  std::string cell;
  std::string message;
  // The offending line, quoted under the message; may be empty. For a long line, only a window
  // around the column is kept (so a diagnostic never costs more than a few hundred bytes, however
  // long the line): `source_offset` code points of the line come before it, and `source_cut` says
  // that the line goes on after it.
  std::string source_line;
  int source_offset = 0;
  bool source_cut = false;
  // On the note that ends a file's diagnostics when some were left out ("too-many-diagnostics"):
  // how many errors and warnings it stands for.
  int omitted_errors = 0;
  int omitted_warnings = 0;
};

// The diagnostics of `severity` in `diags`, those a note says were left out included.
int CountDiagnostics(const std::vector<Diagnostic>& diags, Severity severity);

// How many diagnostics one file keeps at most (the first ones found); the rest are only counted,
// and Take() ends with a note saying how many were left out. 0 keeps them all. Process-wide, set
// once from the command line before any file is read; default kDefaultMaxDiagnostics.
inline constexpr int kDefaultMaxDiagnostics = 200;
void SetMaxDiagnosticsPerFile(int max);
int MaxDiagnosticsPerFile();

// Collects diagnostics for one file, filling in the file name and quoted line. Memory stays
// proportional to the diagnostics kept, never to the length of the lines they point at.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::shared_ptr<const SourceFile> source);

  void Error(std::string code, SourceLocation where, std::string message);
  void Warning(std::string code, SourceLocation where, std::string message);
  void Add(Severity severity, std::string code, SourceLocation where, std::string message);

  bool has_errors() const { return errors_ > 0; }
  int error_count() const { return errors_; }
  // Returns the diagnostics sorted by line, column, severity and message; duplicates removed.
  // When more were reported than MaxDiagnosticsPerFile(), a last note counts those left out.
  std::vector<Diagnostic> Take();
  const SourceFile& source() const { return *source_; }

 private:
  // Byte offset in the line's text of code point `column` (1-based), through a sparse index of
  // long lines built once per line, so many diagnostics on one long line cost no quadratic time.
  size_t ColumnByte(int line, std::string_view text, int column);

  std::shared_ptr<const SourceFile> source_;
  std::vector<Diagnostic> diags_;
  int errors_ = 0;
  int dropped_errors_ = 0;
  int dropped_warnings_ = 0;
  int index_line_ = 0;         // the line `index_` describes
  std::vector<size_t> index_;  // byte offset of every kIndexStep-th code point of that line
};

// Sorts diagnostics by file, line, column, severity (errors first), then message.
void SortDiagnostics(std::vector<Diagnostic>* diags);

struct RenderOptions {
  bool color = false;       // ANSI colours (only on a terminal)
  bool show_source = true;  // quote the line and draw the caret
};

// Formats one diagnostic the way compilers do:
//   path:line:col: error: message [code]
//      42 |     requires: [C-8.9]
//         |                ^~~~~
std::string RenderDiagnostic(const Diagnostic& d, const RenderOptions& options = {});

// Returns the candidate closest to `word` by edit distance when it is close enough to be a likely
// typo, or an empty string.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" or "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace sceau

#endif  // SCEAU_ENGINE_SOURCE_H_
