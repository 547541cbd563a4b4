#include "engine/grid.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace sceau::grid {
namespace {

TEST(Grid, NamesColumns) {
  EXPECT_EQ(ColumnName(0), "A");
  EXPECT_EQ(ColumnName(25), "Z");
  EXPECT_EQ(ColumnName(26), "AA");
  EXPECT_EQ(ColumnName(27), "AB");
  EXPECT_EQ(ColumnName(51), "AZ");
  EXPECT_EQ(ColumnName(52), "BA");
  EXPECT_EQ(ColumnName(701), "ZZ");
  EXPECT_EQ(ColumnName(702), "AAA");
  EXPECT_EQ(ColumnName(16383), "XFD");
  EXPECT_EQ(ColumnName(-1), "?");
}

TEST(Grid, NamesCells) {
  EXPECT_EQ(CellName(0, 0), "A1");
  EXPECT_EQ(CellName(13, 3), "D14");
  EXPECT_EQ(CellName(1048575, 16383), "XFD1048576");
}

TEST(Grid, QuotesSheetNamesAsSpreadsheetsDo) {
  struct Case {
    const char* sheet;
    const char* expected;
  };
  for (const Case& c : {
           Case{"Évaluations", "Évaluations!D14"},
           Case{"Sheet1", "Sheet1!D14"},
           Case{"Mes données", "'Mes données'!D14"},
           Case{"L'audit", "'L''audit'!D14"},
           Case{"2025", "'2025'!D14"},
           Case{"A1", "'A1'!D14"},
           Case{"XFD1", "'XFD1'!D14"},
           Case{"ABCD1", "ABCD1!D14"},
           Case{"a-b", "'a-b'!D14"},
           Case{"", "''!D14"},
           Case{"Preuves_2.0", "Preuves_2.0!D14"},
       }) {
    EXPECT_EQ(CellReference(c.sheet, 13, 3), c.expected) << c.sheet;
  }
}

TEST(Grid, SerialsToDates) {
  struct Case {
    double serial;
    const char* expected;
  };
  for (const Case& c : {
           Case{45658, "2025-01-01"},
           Case{45351, "2024-02-29"},
           Case{61, "1900-03-01"},
           // Before 1900-03-01, the 1899-12-30 epoch as ODS and LibreOffice read it.
           Case{59, "1900-02-27"},
           Case{1, "1899-12-31"},
           Case{0, "1899-12-30"},
           Case{-1, "1899-12-29"},
           Case{-693593, "0001-01-01"},
           Case{2958465, "9999-12-31"},
       }) {
    std::string date = "unset";
    EXPECT_TRUE(SerialToDate(c.serial, false, &date)) << c.serial;
    EXPECT_EQ(date, c.expected) << c.serial;
  }
}

TEST(Grid, RefusesExcelsFakeLeapDay) {
  std::string date = "unset";
  EXPECT_FALSE(SerialToDate(60, false, &date));
  EXPECT_FALSE(SerialToDate(60.5, true, &date));
  EXPECT_EQ(date, "unset");
}

TEST(Grid, RefusesSerialsOutOfRangeOrNotFinite) {
  std::string date = "unset";
  for (double serial :
       {-693594.0, 2958466.0, 1e300, -1e300, std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
    EXPECT_FALSE(SerialToDate(serial, true, &date)) << serial;
  }
  EXPECT_EQ(date, "unset");
}

TEST(Grid, TimeOfDayOnlyWhenAllowed) {
  std::string date = "unset";
  EXPECT_FALSE(SerialToDate(45658.5, false, &date));
  EXPECT_EQ(date, "unset");
  ASSERT_TRUE(SerialToDate(45658.5, true, &date));
  EXPECT_EQ(date, "2025-01-01");
  ASSERT_TRUE(SerialToDate(45658.999988426, true, &date));  // 23:59:59
  EXPECT_EQ(date, "2025-01-01");
  // A negative serial with a time is the day before at that time: -0.25 is 1899-12-29 18:00.
  ASSERT_TRUE(SerialToDate(-0.25, true, &date));
  EXPECT_EQ(date, "1899-12-29");
  ASSERT_TRUE(SerialToDate(2958465.75, true, &date));
  EXPECT_EQ(date, "9999-12-31");
}

TEST(Grid, DatesToSerials) {
  struct Case {
    const char* date;
    double expected;
  };
  for (const Case& c : {
           Case{"2025-01-01", 45658},
           Case{"2024-02-29", 45351},
           Case{"1900-03-01", 61},
           // 60 in the ODS meaning, which SerialToDate refuses (Excel shows it as 1900-02-29).
           Case{"1900-02-28", 60},
           Case{"1900-02-27", 59},
           Case{"1899-12-30", 0},
           Case{"1899-12-29", -1},
           Case{"0001-01-01", -693593},
           Case{"9999-12-31", 2958465},
       }) {
    double serial = -12345;
    EXPECT_TRUE(DateToSerial(c.date, &serial)) << c.date;
    EXPECT_EQ(serial, c.expected) << c.date;
  }
}

TEST(Grid, DatesToSerialsRoundTrip) {
  for (double serial = -1000; serial <= 50000; serial += 1) {
    if (serial == 60) continue;
    std::string date;
    ASSERT_TRUE(SerialToDate(serial, false, &date)) << serial;
    double back = 0;
    ASSERT_TRUE(DateToSerial(date, &back)) << date;
    EXPECT_EQ(back, serial) << date;
  }
}

TEST(Grid, RefusesDatesThatDoNotExist) {
  for (const char* text : {"1900-02-29", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
                           "2026-01-00", "0000-01-01", "2026-1-01", "26-01-01", "2026/01/01",
                           "2026-01-01T00:00", "", "aaaa-bb-cc", "+202-01-01"}) {
    double serial = -12345;
    EXPECT_FALSE(DateToSerial(text, &serial)) << text;
    EXPECT_EQ(serial, -12345) << text;
  }
}

}  // namespace
}  // namespace sceau::grid
