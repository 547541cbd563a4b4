// libFuzzer target: the one reader of sceau's JSON formats and two of its users, all pure
// functions of the bytes:
//  0. engine/result_reader.h ReadSceauJson, as each format and as all three: a refusal has a code
//     and a message, and an accepted document is of a format that was asked for;
//  1. register/register.h ParseRegisterInput, what `sceau register record` reads into its record
//     (only the parsing: no database is opened), and
//  2. reports/summary.h SummaryBuilder::Add, one row of the network dashboard, then the summary
//     written out (ToJson, ToCsv with ',' and ';'), which computes on the row's values.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/date.h"
#include "engine/result_reader.h"
#include "register/register.h"
#include "reports/summary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  {
    using sceau::ResultFormat;
    for (ResultFormat f : {ResultFormat::kMember, ResultFormat::kGroup, ResultFormat::kSummary}) {
      sceau::ReadError error;
      auto doc = sceau::ReadSceauJson(text, {f}, &error);
      if (doc ? doc->format != f : error.code.empty() || error.message.empty()) std::abort();
    }
    sceau::ReadError error;
    auto doc = sceau::ReadSceauJson(
        text, {ResultFormat::kMember, ResultFormat::kGroup, ResultFormat::kSummary}, &error);
    if (!doc && (error.code.empty() || error.message.empty())) std::abort();
  }

  {
    sceau::RegisterInput input;
    std::string error;
    if (!sceau::ParseRegisterInput(text, "fuzz.json", &input, &error) && error.empty()) {
      std::abort();  // a refusal always says why
    }
  }

  {
    static const sceau::Date kToday = *sceau::Date::Parse("2026-11-26");
    sceau::SummaryOptions options;
    options.today = kToday;
    sceau::SummaryBuilder builder(options);
    builder.Add("fuzz.json", text);
    (void)builder.members();
    (void)builder.ToJson();
    (void)builder.ToCsv(',');
    (void)builder.ToCsv(';');
  }
  return 0;
}
