// Positions in user files and the diagnostics that point at them.
//
// Diagnostics are data: loaders and checkers return them, and only the CLI prints them. Each has a
// stable code (kebab-case, e.g. "unknown-key") that tests and scripts may rely on; the message text
// is for people. Lines and columns are 1-based; a column counts code points, as editors do.
#ifndef SCEAU_ENGINE_SOURCE_H_
#define SCEAU_ENGINE_SOURCE_H_

#include <cstddef>
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

 private:
  std::string path_;
  std::string text_;
  size_t byte_base_ = 0;
  std::vector<size_t> line_starts_;
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
  std::string message;
  std::string source_line;  // the offending line, quoted under the message; may be empty
};

// Collects diagnostics for one file, filling in the file name and quoted line.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::shared_ptr<const SourceFile> source);

  void Error(std::string code, SourceLocation where, std::string message);
  void Warning(std::string code, SourceLocation where, std::string message);
  void Add(Severity severity, std::string code, SourceLocation where, std::string message);

  bool has_errors() const { return errors_ > 0; }
  int error_count() const { return errors_; }
  // Returns the diagnostics sorted by line, column, severity and message; duplicates removed.
  std::vector<Diagnostic> Take();
  const SourceFile& source() const { return *source_; }

 private:
  std::shared_ptr<const SourceFile> source_;
  std::vector<Diagnostic> diags_;
  int errors_ = 0;
};

// Sorts diagnostics by file, line, column, severity (errors first), then message.
void SortDiagnostics(std::vector<Diagnostic>* diags);

struct RenderOptions {
  bool color = false;      // ANSI colours (only on a terminal)
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
