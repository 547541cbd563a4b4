// Calendar dates (proleptic Gregorian, no time zone): what audits, decisions and deadlines use.
#ifndef SCEAU_ENGINE_DATE_H_
#define SCEAU_ENGINE_DATE_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace sceau {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // Parses "YYYY-MM-DD"; returns nullopt for any other shape or a day that does not exist
  // (2025-02-30).
  static std::optional<Date> Parse(std::string_view text);
  std::string ToString() const;  // "YYYY-MM-DD"
  // Days since 1970-01-01 (negative before).
  long DaysSinceEpoch() const;
  // The same day `months` later, clamped to the month's last day (2024-01-31 + 1 = 2024-02-29).
  Date AddMonths(int months) const;
  Date AddDays(long days) const;
  static Date FromDaysSinceEpoch(long days);

  auto operator<=>(const Date&) const = default;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

}  // namespace sceau

#endif  // SCEAU_ENGINE_DATE_H_
