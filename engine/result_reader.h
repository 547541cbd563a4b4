// The one reader of the JSON documents sceau writes and reads back: a result ("sceau-result"), a
// group result ("sceau-group-result") and a network summary ("sceau-summary"). Every command that
// reads one back (`report`, `summary`, `register record`, a dossier's `previous`, `sign` and
// `verify`) goes through ReadSceauJson, so the same file gets the same verdict and the same message
// everywhere.
//
//   ReadError error;
//   auto doc = ReadSceauJson(text, {ResultFormat::kMember}, &error);
//   if (!doc) { ...error.message: "sceau-result version 2 is not supported: ..."... }
//   doc->head.organisation.name; doc->json["criteria"] ...
//
// What is checked, once, here:
//  - the bytes are JSON (a parse error names the line and column nlohmann found it at);
//  - it is an object whose "format" is one of the accepted formats;
//  - its "format_version" is the integer 1 (1.0, "1", 1.5, 4294967297 or none are refused);
//  - for a result or a group result, the members every reader relies on, with their types and
//    ranges (see ResultHead); a summary has no required member besides its header.
// Members not listed in ResultHead are read by each consumer from `json`, leniently.
//
// No exception escapes: nlohmann's are caught here and become a ReadError.
#ifndef SCEAU_ENGINE_RESULT_READER_H_
#define SCEAU_ENGINE_RESULT_READER_H_

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "engine/date.h"

namespace sceau {

// The JSON formats sceau writes.
enum class ResultFormat {
  kMember,   // "sceau-result": a dossier's
  kGroup,    // "sceau-group-result": a group dossier's
  kSummary,  // "sceau-summary": a network dashboard
};

// "sceau-result", "sceau-group-result", "sceau-summary".
const char* ResultFormatName(ResultFormat format);

// The only format_version this build reads, for each of the three formats.
inline constexpr int kReadableFormatVersion = 1;

// Why a document was refused.
struct ReadError {
  // "not-json", "wrong-format", "unsupported-version", "malformed-result".
  std::string code;
  // For people, without the file's name (callers frame it with theirs): "sceau-result version 2
  // is not supported: this sceau reads version 1". The same text for the same file whichever
  // command reads it.
  std::string message;
  // The document's "format" when it has a string one ("sceau-summary" given where a result is
  // expected), else empty.
  std::string format;
};

// The members of a result (or group result) that every reader relies on, checked and typed.
struct ResultHead {
  std::string referential_id, referential_version;  // non-empty
  // The "organisation" of a result, the "group" of a group result.
  struct Subject {
    std::string name, kind;     // non-empty
    std::string siret, region;  // empty when null or absent
  } subject;
  std::string audit_id, audit_kind;  // non-empty
  Date audit_end, decision_date;
  std::string decision;  // non-empty
  double score = 0;      // "score.percent" of a result; 0 for a group result
  // "lifecycle": absent or null for a result written before it existed.
  struct Lifecycle {
    std::string state;  // non-empty
    Date state_date;
    std::optional<Date> cycle_start, effective, expiry;
    int surveillances_done = 0;  // 0 to 100
    std::string next_kind;       // "lifecycle.next.kind", empty when none
    std::optional<Date> next_due;
    std::string number;  // "lifecycle.number"; empty when null or absent (pending)
    int revision = 0;    // "lifecycle.revision"; 0 when absent
  };
  std::optional<Lifecycle> lifecycle;
  // "certificate" (results without a lifecycle): its dates, when given.
  std::optional<Date> certificate_effective, certificate_expiry, first_surveillance_due;
};

// A document that passed the checks.
struct SceauJson {
  ResultFormat format = ResultFormat::kMember;
  int format_version = kReadableFormatVersion;
  ResultHead head;              // empty for a summary
  nlohmann::ordered_json json;  // the whole document, in the writer's key order
};

// Reads `text` as one of the `accepted` formats (the first is the one messages name when the
// document is none of them). Returns the document, or nullopt with `*error` set. Never throws.
// REQUIRES: `accepted` is not empty.
std::optional<SceauJson> ReadSceauJson(std::string_view text,
                                       std::initializer_list<ResultFormat> accepted,
                                       ReadError* error);

}  // namespace sceau

#endif  // SCEAU_ENGINE_RESULT_READER_H_
