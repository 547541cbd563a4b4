#include "reports/csv_writer.h"

#include <gtest/gtest.h>

namespace sceau {
namespace {

TEST(CsvCell, NeutralisesFormulas) {
  EXPECT_EQ(CsvCell("=HYPERLINK(\"http://x\")", ','), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvCell("+33 6 12", ','), "'+33 6 12");
  EXPECT_EQ(CsvCell("-2+3", ','), "'-2+3");
  EXPECT_EQ(CsvCell("@SUM(A1)", ','), "'@SUM(A1)");
  EXPECT_EQ(CsvCell("\tx", ','), "'\tx");
  EXPECT_EQ(CsvCell("C-4.1", ','), "C-4.1");  // a dash inside is fine
}

TEST(CsvCell, QuotesWhatNeedsQuoting) {
  EXPECT_EQ(CsvCell("simple", ','), "simple");
  EXPECT_EQ(CsvCell("a, b", ','), "\"a, b\"");
  EXPECT_EQ(CsvCell("a, b", ';'), "a, b");
  EXPECT_EQ(CsvCell("a; b", ';'), "\"a; b\"");
  EXPECT_EQ(CsvCell("il a dit \"non\"", ','), "\"il a dit \"\"non\"\"\"");
  EXPECT_EQ(CsvCell("deux\nlignes", ','), "\"deux\nlignes\"");
  EXPECT_EQ(CsvCell("", ','), "");
}

}  // namespace
}  // namespace sceau
