#include "engine/date.h"

#include <gtest/gtest.h>

namespace sceau {
namespace {

TEST(Date, ParsesIsoDates) {
  auto d = Date::Parse("2026-02-28");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2026);
  EXPECT_EQ(d->month, 2);
  EXPECT_EQ(d->day, 28);
  EXPECT_EQ(d->ToString(), "2026-02-28");
}

TEST(Date, RejectsDatesThatDoNotExist) {
  for (const char* text : {"2025-02-29", "2025-02-30", "2026-04-31", "2026-13-01", "2026-00-10",
                           "2026-01-00", "1899-12-31", "2026-1-01", "26-01-01", "2026/01/01",
                           "2026-01-01T00:00", "", "aaaa-bb-cc"}) {
    EXPECT_FALSE(Date::Parse(text).has_value()) << text;
  }
  EXPECT_TRUE(Date::Parse("2024-02-29").has_value());
  EXPECT_TRUE(Date::Parse("2000-02-29").has_value());
  EXPECT_FALSE(Date::Parse("1900-02-29").has_value());
}

TEST(Date, LeapYears) {
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(2100));
  EXPECT_FALSE(IsLeapYear(2026));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 2), 28);
  EXPECT_EQ(DaysInMonth(2026, 12), 31);
}

TEST(Date, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(Date::Parse("2024-01-31")->AddMonths(1).ToString(), "2024-02-29");
  EXPECT_EQ(Date::Parse("2025-01-31")->AddMonths(1).ToString(), "2025-02-28");
  EXPECT_EQ(Date::Parse("2026-03-15")->AddMonths(36).ToString(), "2029-03-15");
  EXPECT_EQ(Date::Parse("2026-11-30")->AddMonths(3).ToString(), "2027-02-28");
  EXPECT_EQ(Date::Parse("2024-02-29")->AddMonths(12).ToString(), "2025-02-28");
  EXPECT_EQ(Date::Parse("2026-12-31")->AddMonths(-1).ToString(), "2026-11-30");
}

TEST(Date, DayArithmeticRoundTrips) {
  EXPECT_EQ(Date::Parse("1970-01-01")->DaysSinceEpoch(), 0);
  EXPECT_EQ(Date::Parse("2026-11-26")->DaysSinceEpoch(), 20783);
  EXPECT_EQ(Date::Parse("2024-12-31")->AddDays(1).ToString(), "2025-01-01");
  EXPECT_EQ(Date::Parse("2024-02-28")->AddDays(1).ToString(), "2024-02-29");
  for (long days = -800; days < 80000; days += 37) {
    EXPECT_EQ(Date::FromDaysSinceEpoch(days).DaysSinceEpoch(), days);
  }
  EXPECT_LT(*Date::Parse("2026-01-31"), *Date::Parse("2026-02-01"));
}

}  // namespace
}  // namespace sceau
