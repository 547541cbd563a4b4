#include "engine/grid.h"

#include <cctype>
#include <cmath>

#include "engine/date.h"

namespace sceau::grid {

namespace {

// Days from 1970-01-01 (engine/date.h's epoch) to 1899-12-30, the spreadsheet epoch.
long SpreadsheetEpoch() { return Date{1899, 12, 30}.DaysSinceEpoch(); }

// The serials of 0001-01-01 and 9999-12-31.
long FirstSerial() { return Date{1, 1, 1}.DaysSinceEpoch() - SpreadsheetEpoch(); }
long LastSerial() { return Date{9999, 12, 31}.DaysSinceEpoch() - SpreadsheetEpoch(); }

// Excel's 1900 system counts a 1900-02-29 that never was: its serial 60. From 61 (1900-03-01)
// on, Excel and ODS agree; before, sceau reads serials as ODS and LibreOffice do.
constexpr double kFakeLeapDay = 60;

bool NeedsQuotes(std::string_view sheet) {
  if (sheet.empty()) return true;
  // A name that starts with a digit or holds anything but letters (accented ones included),
  // digits, '_' and '.' is quoted, as Excel and LibreOffice write it: Évaluations!D14 but
  // 'Mes données'!A1.
  if (sheet[0] >= '0' && sheet[0] <= '9') return true;
  for (unsigned char c : sheet) {
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '.' || c >= 0x80;
    if (!plain) return true;
  }
  // A name that reads as a cell (A1, XFD1048576) or as R1C1 would be taken for one.
  size_t letters = 0;
  while (letters < sheet.size() && std::isalpha(static_cast<unsigned char>(sheet[letters])))
    ++letters;
  if (letters > 0 && letters <= 3 && letters < sheet.size()) {
    bool digits = true;
    for (size_t i = letters; i < sheet.size(); ++i)
      if (!std::isdigit(static_cast<unsigned char>(sheet[i]))) digits = false;
    if (digits) return true;
  }
  return false;
}

}  // namespace

std::string ColumnName(int col) {
  if (col < 0) return "?";
  std::string name;
  long n = static_cast<long>(col) + 1;
  while (n > 0) {
    long rem = (n - 1) % 26;
    name.insert(name.begin(), static_cast<char>('A' + rem));
    n = (n - 1) / 26;
  }
  return name;
}

std::string CellName(int row, int col) {
  return ColumnName(col) + std::to_string(static_cast<long>(row) + 1);
}

std::string CellReference(std::string_view sheet, int row, int col) {
  std::string ref;
  if (NeedsQuotes(sheet)) {
    ref += '\'';
    for (char c : sheet) {
      if (c == '\'') ref += '\'';
      ref += c;
    }
    ref += '\'';
  } else {
    ref += sheet;
  }
  ref += '!';
  ref += CellName(row, col);
  return ref;
}

bool SerialToDate(double serial, bool allow_time, std::string* date) {
  if (!std::isfinite(serial)) return false;
  double day = std::floor(serial);
  if (day != serial && !allow_time) return false;
  if (day < static_cast<double>(FirstSerial()) || day > static_cast<double>(LastSerial()))
    return false;
  if (day == kFakeLeapDay) return false;
  *date = Date::FromDaysSinceEpoch(static_cast<long>(day) + SpreadsheetEpoch()).ToString();
  return true;
}

bool DateToSerial(std::string_view date, double* serial) {
  // Date::Parse takes 1900 on only (audit dates); a spreadsheet's serials reach year 1.
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  int fields[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (size_t i = starts[f]; i < starts[f] + lengths[f]; ++i) {
      if (date[i] < '0' || date[i] > '9') return false;
      fields[f] = fields[f] * 10 + (date[i] - '0');
    }
  }
  Date d{fields[0], fields[1], fields[2]};
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > DaysInMonth(d.year, d.month))
    return false;
  *serial = static_cast<double>(d.DaysSinceEpoch() - SpreadsheetEpoch());
  return true;
}

}  // namespace sceau::grid
