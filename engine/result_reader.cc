#include "engine/result_reader.h"

#include <fmt/format.h>

#include <cstdint>
#include <exception>
#include <limits>
#include <utility>

#include "engine/safe_text.h"
#include "engine/wording.h"

namespace sceau {

namespace {

using Json = nlohmann::ordered_json;

// An integer JSON number as an int when it is one and fits: get<int>() would truncate 4294967297
// to 1, and 1.0 or "1" are not integers.
std::optional<int> SmallInt(const Json& v) {
  if (v.is_number_unsigned()) {
    uint64_t u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int>::max())) return std::nullopt;
    return static_cast<int>(u);
  }
  if (!v.is_number_integer()) return std::nullopt;
  int64_t i = v.get<int64_t>();
  if (i < std::numeric_limits<int>::min() || i > std::numeric_limits<int>::max())
    return std::nullopt;
  return static_cast<int>(i);
}

// Checks members one at a time; the first problem is the verdict.
class Checker {
 public:
  explicit Checker(ReadError* error) : error_(error) {}

  bool Fail(std::string message) {
    error_->code = "malformed-result";
    error_->message = std::move(message);
    return false;
  }

  // The object at `parent[key]`; fails when absent, null or another type.
  const Json* Object(const Json& parent, const char* key) {
    auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) {
      Fail(Fmt("'{}' is missing", key));
      return nullptr;
    }
    if (!it->is_object()) {
      Fail(Fmt("'{}' is not an object", key));
      return nullptr;
    }
    return &*it;
  }

  // The object at `parent[key]`, or null when absent or null; fails for another type.
  bool OptionalObject(const Json& parent, const char* key, const Json** out) {
    *out = nullptr;
    auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) return true;
    if (!it->is_object()) return Fail(Fmt("'{}' is not an object", key));
    *out = &*it;
    return true;
  }

  // The string at `object[key]`: "" when absent or null, a failure for another type, and when
  // `required`, a failure when empty.
  bool String(const Json& object, const char* where, const char* key, bool required,
              std::string* out) {
    out->clear();
    auto it = object.find(key);
    if (it != object.end() && !it->is_null()) {
      if (!it->is_string()) return Fail(Fmt("{}.{} is not a string", where, key));
      *out = it->get<std::string>();
    }
    if (required && out->empty()) return Fail(Fmt("{}.{} is missing", where, key));
    return true;
  }

  bool DateAt(const Json& object, const char* where, const char* key, bool required,
              std::optional<sceau::Date>* out) {
    std::string text;
    if (!String(object, where, key, required, &text)) return false;
    out->reset();
    if (text.empty()) return true;
    *out = sceau::Date::Parse(text);
    if (!*out) return Fail(Fmt("{}.{} is not a date (YYYY-MM-DD): '{}'", where, key, text));
    return true;
  }

  bool RequiredDate(const Json& object, const char* where, const char* key, sceau::Date* out) {
    std::optional<sceau::Date> d;
    if (!DateAt(object, where, key, true, &d)) return false;
    *out = *d;
    return true;
  }

 private:
  ReadError* error_;
};

bool ReadLifecycle(const Json& j, Checker& c, ResultHead* head) {
  const Json* lc = nullptr;
  if (!c.OptionalObject(j, "lifecycle", &lc)) return false;
  if (lc == nullptr) return true;
  ResultHead::Lifecycle l;
  if (!c.String(*lc, "lifecycle", "state", true, &l.state) ||
      !c.RequiredDate(*lc, "lifecycle", "state_date", &l.state_date) ||
      !c.DateAt(*lc, "lifecycle", "cycle_start", false, &l.cycle_start) ||
      !c.DateAt(*lc, "lifecycle", "effective", false, &l.effective) ||
      !c.DateAt(*lc, "lifecycle", "expiry", false, &l.expiry)) {
    return false;
  }
  if (auto it = lc->find("surveillances_done"); it != lc->end() && !it->is_null()) {
    std::optional<int> n = SmallInt(*it);
    if (!n || *n < 0 || *n > 100) {
      return c.Fail(Tr("lifecycle.surveillances_done is not a count of audits (0 to 100)"));
    }
    l.surveillances_done = *n;
  }
  if (auto it = lc->find("number"); it != lc->end() && !it->is_null()) {
    if (!it->is_string() || it->get<std::string>().size() > 64) {
      return c.Fail(Tr("lifecycle.number is not a certificate number"));
    }
    l.number = it->get<std::string>();
  }
  if (auto it = lc->find("revision"); it != lc->end() && !it->is_null()) {
    std::optional<int> r = SmallInt(*it);
    if (!r || *r < 0 || *r > 1000) return c.Fail(Tr("lifecycle.revision is not a revision number"));
    l.revision = *r;
  }
  if (auto it = lc->find("next"); it != lc->end() && it->is_object()) {
    if (!c.String(*it, "lifecycle.next", "kind", false, &l.next_kind) ||
        !c.DateAt(*it, "lifecycle.next", "due", false, &l.next_due)) {
      return false;
    }
  }
  head->lifecycle = std::move(l);
  return true;
}

// The members of a result or a group result every reader relies on.
bool ReadHead(const Json& j, bool group, ReadError* error, ResultHead* head) {
  Checker c(error);
  const char* who = group ? "group" : "organisation";
  const Json* org = c.Object(j, who);
  ResultHead::Subject& s = head->subject;
  if (!org || !c.String(*org, who, "name", true, &s.name) ||
      !c.String(*org, who, "kind", true, &s.kind) ||
      !c.String(*org, who, "siret", false, &s.siret) ||
      !c.String(*org, who, "region", false, &s.region)) {
    return false;
  }
  const Json* ref = c.Object(j, "referential");
  if (!ref || !c.String(*ref, "referential", "id", true, &head->referential_id) ||
      !c.String(*ref, "referential", "version", true, &head->referential_version)) {
    return false;
  }
  const Json* audit = c.Object(j, "audit");
  if (!audit || !c.String(*audit, "audit", "id", true, &head->audit_id) ||
      !c.String(*audit, "audit", "kind", true, &head->audit_kind) ||
      !c.RequiredDate(*audit, "audit", "end", &head->audit_end) ||
      !c.RequiredDate(*audit, "audit", "decision_date", &head->decision_date)) {
    return false;
  }
  const Json* decision = c.Object(j, "decision");
  if (!decision || !c.String(*decision, "decision", "decision", true, &head->decision)) {
    return false;
  }
  if (!group) {
    const Json* score = c.Object(j, "score");
    if (!score) return false;
    auto percent = score->find("percent");
    if (percent == score->end() || !percent->is_number()) {
      return c.Fail(Tr("score.percent is not a number"));
    }
    head->score = percent->get<double>();
  }
  if (!ReadLifecycle(j, c, head)) return false;
  const Json* cert = nullptr;
  if (!c.OptionalObject(j, "certificate", &cert)) return false;
  if (cert != nullptr &&
      (!c.DateAt(*cert, "certificate", "effective", false, &head->certificate_effective) ||
       !c.DateAt(*cert, "certificate", "expiry", false, &head->certificate_expiry) ||
       !c.DateAt(*cert, "certificate", "first_surveillance_due", false,
                 &head->first_surveillance_due))) {
    return false;
  }
  return true;
}

// nlohmann's message without its "[json.exception.parse_error.101] " tag. The message quotes the
// bytes it last read, which need not be UTF-8: they are made valid, so the message can go into a
// JSON output (the summary's unreadable files) as it goes to a terminal.
std::string WithoutTag(const char* what) {
  std::string_view m(what);
  if (m.starts_with("[json.exception.")) {
    size_t end = m.find("] ");
    if (end != std::string_view::npos) m.remove_prefix(end + 2);
  }
  return ValidUtf8(m);
}

std::optional<SceauJson> Read(std::string_view text, std::initializer_list<ResultFormat> accepted,
                              ReadError* error) {
  SceauJson doc;
  try {
    doc.json = Json::parse(text);
  } catch (const Json::parse_error& e) {
    *error = {"not-json", Fmt("not a JSON file: {}", WithoutTag(e.what())), ""};
    return std::nullopt;
  }
  const Json& j = doc.json;
  const char* expected = ResultFormatName(*accepted.begin());
  std::string found;
  if (j.is_object()) {
    if (auto it = j.find("format"); it != j.end() && it->is_string())
      found = it->get<std::string>();
  }
  bool known = false;
  for (ResultFormat f : accepted) {
    if (found == ResultFormatName(f)) {
      doc.format = f;
      known = true;
    }
  }
  if (!known) {
    *error = {"wrong-format", Fmt("not a {0} (its \"format\" is not \"{0}\")", expected), found};
    return std::nullopt;
  }
  const char* name = ResultFormatName(doc.format);
  auto version = j.find("format_version");
  if (version == j.end()) {
    *error = {"unsupported-version",
              Fmt("a {} without format_version: this sceau reads version {}", name,
                  kReadableFormatVersion),
              found};
    return std::nullopt;
  }
  if (SmallInt(*version) != std::optional<int>(kReadableFormatVersion)) {
    *error = {"unsupported-version",
              Fmt("{} version {} is not supported: this sceau reads version {}", name,
                  version->dump(), kReadableFormatVersion),
              found};
    return std::nullopt;
  }
  if (doc.format != ResultFormat::kSummary &&
      !ReadHead(j, doc.format == ResultFormat::kGroup, error, &doc.head)) {
    error->format = found;
    return std::nullopt;
  }
  return doc;
}

}  // namespace

const char* ResultFormatName(ResultFormat format) {
  switch (format) {
    case ResultFormat::kMember:
      return "sceau-result";
    case ResultFormat::kGroup:
      return "sceau-group-result";
    case ResultFormat::kSummary:
      return "sceau-summary";
  }
  return "sceau-result";
}

std::optional<SceauJson> ReadSceauJson(std::string_view text,
                                       std::initializer_list<ResultFormat> accepted,
                                       ReadError* error) {
  *error = {};
  try {
    return Read(text, accepted, error);
  } catch (const std::exception& e) {  // nlohmann's type errors, none expected after the checks
    *error = {
        "malformed-result",
        Fmt("not a well-formed {} ({})", ResultFormatName(*accepted.begin()), WithoutTag(e.what())),
        ""};
    return std::nullopt;
  }
}

}  // namespace sceau
