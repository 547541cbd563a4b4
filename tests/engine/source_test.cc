#include "engine/source.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace sceau {
namespace {

TEST(SourceFile, PositionCountsCodePointsNotBytes) {
  SourceFile f("f.yaml", "a: 1\ntitre: \"Réf\xC3\xA9rence\"\n");
  int line = 0;
  int col = 0;
  // Line 2 starts at byte 5; "titre: \"Réf" is 12 bytes (é takes two) but 11 code points.
  f.Position(5 + 12, &line, &col);
  EXPECT_EQ(line, 2);
  EXPECT_EQ(col, 12);
  EXPECT_EQ(f.Line(2), "titre: \"Réf\xC3\xA9rence\"");
  EXPECT_EQ(f.Line(3), "");
  EXPECT_EQ(f.line_count(), 2);
}

// Position counts from a checkpoint every 256 bytes: on lines that cross several checkpoints, with
// two-byte code points straddling them, it agrees with a plain count at every offset.
TEST(SourceFile, PositionIsExactAcrossCheckpointsOnLongLines) {
  std::string text = "k: [";
  for (int i = 0; i < 300; ++i) text += i % 3 == 0 ? "\xC3\xA9, " : "ab, ";
  text += "]\n\nx: ";
  for (int i = 0; i < 700; ++i) text += "\xC3\xA9";
  text += "\n";
  SourceFile f("f.yaml", text);
  int expected_line = 1;
  int expected_col = 1;
  for (size_t offset = 0; offset < text.size(); ++offset) {
    int line = 0;
    int col = 0;
    f.Position(offset, &line, &col);
    ASSERT_EQ(line, expected_line) << offset;
    ASSERT_EQ(col, expected_col) << offset;
    if (text[offset] == '\n') {
      ++expected_line;
      expected_col = 1;
    } else if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) {
      ++expected_col;
    }
  }
}

TEST(SourceFile, LineDropsCarriageReturn) {
  SourceFile f("f.yaml", "a: 1\r\nb: 2\r\n");
  EXPECT_EQ(f.Line(1), "a: 1");
  EXPECT_EQ(f.Line(2), "b: 2");
}

Diagnostic MakeDiag(int line, int col, int length, std::string source_line) {
  Diagnostic d;
  d.code = "unknown-criterion";
  d.file = "referentials/cedre.yaml";
  d.where = {line, col, length};
  d.message = "criterion 'C-8.2' requires unknown criterion 'C-8.9' (did you mean 'C-8.3'?)";
  d.source_line = std::move(source_line);
  return d;
}

TEST(RenderDiagnostic, QuotesTheLineAndUnderlinesTheToken) {
  Diagnostic d = MakeDiag(42, 16, 5, "    requires: [C-8.9]");
  EXPECT_EQ(RenderDiagnostic(d),
            "referentials/cedre.yaml:42:16: error: criterion 'C-8.2' requires unknown criterion "
            "'C-8.9' (did you mean 'C-8.3'?) [unknown-criterion]\n"
            "   42 |     requires: [C-8.9]\n"
            "      |                ^~~~~\n");
}

TEST(RenderDiagnostic, WithoutPositionPrintsFileOnly) {
  Diagnostic d;
  d.code = "io-error";
  d.file = "missing.yaml";
  d.message = "cannot read file: No such file or directory";
  EXPECT_EQ(RenderDiagnostic(d),
            "missing.yaml: error: cannot read file: No such file or directory [io-error]\n");
}

TEST(RenderDiagnostic, CaretCountsCodePointsAndKeepsTabs) {
  Diagnostic d = MakeDiag(3, 5, 1, "\tÉté: x");
  d.severity = Severity::kWarning;
  std::string r = RenderDiagnostic(d);
  EXPECT_NE(r.find("warning: "), std::string::npos);
  EXPECT_NE(r.find("      | \t   ^\n"), std::string::npos) << r;
}

TEST(RenderDiagnostic, ReplacesControlBytesInTheQuote) {
  Diagnostic d = MakeDiag(1, 1, 1,
                          std::string("\x02"
                                      "ab\xFF",
                                      4));
  std::string r = RenderDiagnostic(d);
  EXPECT_NE(r.find("    1 | ?ab?\n"), std::string::npos) << r;
}

TEST(RenderDiagnostic, QuotesAWindowOfAVeryLongLine) {
  std::string line(1000, 'x');
  Diagnostic d = MakeDiag(1, 500, 1, line);
  std::string r = RenderDiagnostic(d);
  std::string quote = r.substr(r.find("    1 | ") + 8);
  quote = quote.substr(0, quote.find('\n'));
  EXPECT_EQ(quote, "..." + std::string(120, 'x') + "...");
  // The caret stays under column 500: 3 for "..." plus 60 columns into the window.
  std::string caret_line = r.substr(r.rfind("      | ") + 8);
  EXPECT_EQ(caret_line, std::string(3 + 60, ' ') + "^\n");
}

TEST(RenderDiagnostic, ColourOnlyWhenAsked) {
  Diagnostic d = MakeDiag(42, 16, 5, "    requires: [C-8.9]");
  EXPECT_EQ(RenderDiagnostic(d).find('\033'), std::string::npos);
  EXPECT_NE(RenderDiagnostic(d, RenderOptions{true, true}).find("\033[1;31merror"),
            std::string::npos);
}

TEST(DiagnosticSink, SortsByPositionAndDropsDuplicates) {
  auto src = std::make_shared<SourceFile>("f.yaml", "a\nb\nc\n");
  DiagnosticSink sink(src);
  sink.Error("x", {3, 1, 1}, "third");
  sink.Warning("y", {1, 2, 1}, "first, col 2");
  sink.Error("x", {1, 1, 1}, "first");
  sink.Error("x", {3, 1, 1}, "third");
  auto diags = sink.Take();
  ASSERT_EQ(diags.size(), 3u);
  EXPECT_EQ(diags[0].message, "first");
  EXPECT_EQ(diags[1].message, "first, col 2");
  EXPECT_EQ(diags[2].message, "third");
  EXPECT_EQ(diags[2].source_line, "c");
  EXPECT_EQ(sink.error_count(), 3);
}

// A line of `n` code points mixing one- and two-byte characters, so byte and column differ.
std::string LongLine(int n) {
  std::string line;
  for (int i = 0; i < n; ++i)
    line += (i % 7 == 3) ? "\xC3\xA9" : std::string(1, static_cast<char>('a' + i % 26));
  return line;
}

TEST(DiagnosticSink, KeepsOnlyAWindowOfALongLineAndRendersItAsTheWholeLine) {
  const std::string line = LongLine(200000);
  auto file = std::make_shared<SourceFile>("long.yaml", "k: 1\n" + line + "\n");
  for (int column : {1, 61, 62, 5000, 123457, 199950, 200000}) {
    DiagnosticSink sink(file);
    sink.Error("unknown-key", {2, column, 3}, "m");
    std::vector<Diagnostic> diags = sink.Take();
    ASSERT_EQ(diags.size(), 1u);
    // At most 120 code points of at most 2 bytes each, whatever the length of the line.
    EXPECT_LE(diags[0].source_line.size(), 240u) << column;
    Diagnostic whole = diags[0];
    whole.source_line = line;
    whole.source_offset = 0;
    whole.source_cut = false;
    EXPECT_EQ(RenderDiagnostic(diags[0]), RenderDiagnostic(whole)) << column;
  }
}

TEST(DiagnosticSink, KeepsTheFirstDiagnosticsOfAFileAndCountsTheRest) {
  const std::string line = LongLine(100000);
  auto file = std::make_shared<SourceFile>("long.yaml", line + "\n");
  DiagnosticSink sink(file);
  for (int i = 0; i < 5000; ++i) sink.Error("unknown-key", {1, 1 + i * 20, 1}, "m");
  sink.Warning("w", {1, 1, 1}, "w");
  EXPECT_EQ(sink.error_count(), 5000);
  std::vector<Diagnostic> diags = sink.Take();
  ASSERT_EQ(diags.size(), static_cast<size_t>(kDefaultMaxDiagnostics) + 1);
  EXPECT_EQ(RenderDiagnostic(diags.back()),
            "long.yaml: note: 4800 more errors and 1 more warning not shown: only the first 200 "
            "diagnostics of a file are kept (--max-diagnostics N changes it, 0 shows all) "
            "[too-many-diagnostics]\n");
}

TEST(DiagnosticSink, KeepsEveryDiagnosticWhenTheCapIsOff) {
  auto file = std::make_shared<SourceFile>("f.yaml", "a: 1\n");
  SetMaxDiagnosticsPerFile(0);
  DiagnosticSink sink(file);
  for (int i = 0; i < 1000; ++i) sink.Error("e", {1, 1, 1}, std::to_string(i));
  std::vector<Diagnostic> diags = sink.Take();
  SetMaxDiagnosticsPerFile(kDefaultMaxDiagnostics);
  EXPECT_EQ(diags.size(), 1000u);
}

TEST(ClosestMatch, SuggestsLikelyTyposOnly) {
  std::vector<std::string> keys = {"blocking", "weight", "requires", "related", "chapter"};
  EXPECT_EQ(ClosestMatch("blockng", keys), "blocking");
  EXPECT_EQ(ClosestMatch("wieght", keys), "weight");    // transposition
  EXPECT_EQ(ClosestMatch("Chapter", keys), "chapter");  // case only
  EXPECT_EQ(ClosestMatch("require", keys), "requires");
  EXPECT_EQ(ClosestMatch("zzzzzz", keys), "");
  EXPECT_EQ(ClosestMatch("", keys), "");
  EXPECT_EQ(DidYouMean("C-8.9", {"C-8.3", "C-9.1"}), " (did you mean 'C-8.3'?)");
  EXPECT_EQ(DidYouMean("tout-autre-chose", {"C-8.3"}), "");
}

}  // namespace
}  // namespace sceau
