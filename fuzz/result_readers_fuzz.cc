// libFuzzer target: the two other readers of a result JSON (sceau-result or sceau-group-result),
// both pure functions of the bytes:
//  1. register/register.h ParseRegisterInput, what `sceau register record` reads into its record
//     (only the parsing: no database is opened), and
//  2. reports/summary.h SummaryBuilder::Add, one row of the network dashboard, then the summary
//     written out (ToJson, ToCsv with ',' and ';'), which computes on the row's values.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/date.h"
#include "register/register.h"
#include "reports/summary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  {
    sceau::RegisterInput input;
    std::string error;
    if (!sceau::ParseRegisterInput(text, "fuzz.json", &input, &error) && error.empty()) {
      std::abort();  // a refusal always says why
    }
  }

  {
    static const sceau::Date kToday = *sceau::Date::Parse("2026-11-26");
    sceau::SummaryBuilder builder(sceau::SummaryOptions{.today = kToday});
    builder.Add("fuzz.json", text);
    (void)builder.members();
    (void)builder.ToJson();
    (void)builder.ToCsv(',');
    (void)builder.ToCsv(';');
  }
  return 0;
}
