#include "engine/safe_text.h"

#include <gtest/gtest.h>

namespace sceau {
namespace {

struct Case {
  const char* name;
  std::string in;
  std::string terminal;
  std::string cell;
};

TEST(SafeText, EscapesWhatATerminalOrASpreadsheetWouldInterpret) {
  const Case cases[] = {
      {"plain", "Régie de quartier « Les Amis » 😀", "Régie de quartier « Les Amis » 😀",
       "Régie de quartier « Les Amis » 😀"},
      {"esc-conceal", "granted, certificate \x1b[8m refused",
       "granted, certificate \\x1B[8m refused", "granted, certificate \\x1B[8m refused"},
      {"newline", "ok\nforged line", "ok\\nforged line", "ok\nforged line"},
      {"crlf", "a\r\nb", "a\\r\\nb", "a\r\nb"},
      {"lone-cr", "a\rb", "a\\rb", "a\\rb"},
      {"tab", "a\tb", "a\\tb", "a\tb"},
      {"del-and-bell", "a\x7f\x07", "a\\x7F\\x07", "a\\x7F\\x07"},
      {"c1-csi",
       "a\xc2\x9b"
       "31m",
       "a\\u009B31m", "a\\u009B31m"},
      {"bidi-override",
       "abc\xe2\x80\xae"
       "cba",
       "abc\\u202Ecba", "abc\\u202Ecba"},
      {"bidi-isolate", "\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069", "\\u2066x\\u2069"},
      {"zero-width", "Claire\xe2\x80\x8bMartin", "Claire\\u200BMartin", "Claire\\u200BMartin"},
      {"bom", "\xef\xbb\xbfid", "\\uFEFFid", "\\uFEFFid"},
      {"line-separator",
       "a\xe2\x80\xa8"
       "b",
       "a\\u2028b", "a\\u2028b"},
      {"invalid-utf8", "a\xff\xc3", "a\\xFF\\xC3", "a\\xFF\\xC3"},
      {"overlong", "\xc0\xaf", "\\xC0\\xAF", "\\xC0\\xAF"},
      {"backslash-escape-lookalike", "C:\\x1B", "C:\\\\x1B", "C:\\x1B"},
      {"lone-backslash", "a\\b", "a\\b", "a\\b"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(TerminalSafe(c.in), c.terminal) << c.name;
    EXPECT_EQ(CellSafe(c.in), c.cell) << c.name;
  }
}

TEST(SafeText, ValidUtf8ReplacesOnlyInvalidBytes) {
  EXPECT_EQ(ValidUtf8("D\xC3\xA9"
                      "cision \xE2\x80\xAE\n"),
            "D\xC3\xA9"
            "cision \xE2\x80\xAE\n");
  EXPECT_EQ(ValidUtf8("a\xC3(\xFF\xFE"), "a\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(ValidUtf8(""), "");
}

TEST(SafeText, LeavesNoControlByteInTerminalOutput) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  std::string out = TerminalSafe(all);
  for (unsigned char c : out) {
    EXPECT_TRUE(c >= 0x20 && c != 0x7F) << static_cast<int>(c);
  }
}

}  // namespace
}  // namespace sceau
