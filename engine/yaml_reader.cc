#include "engine/yaml_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "engine/wording.h"

template <>
struct fmt::formatter<sceau::What> : fmt::formatter<std::string> {
  auto format(const sceau::What& w, fmt::format_context& ctx) const {
    return fmt::formatter<std::string>::format(w.str(), ctx);
  }
};

namespace sceau {

std::string What::str() const {
  if (!is_key_) return std::string(text_);
  if (context_.empty()) return fmt::format("'{}'", key_);
  return Fmt("'{}' of {}", key_, context_);
}

namespace {

bool LooksNumeric(std::string_view v) {
  if (v.empty()) return false;
  size_t i = (v[0] == '-' || v[0] == '+') ? 1 : 0;
  if (i >= v.size()) return false;
  bool digit = false;
  for (; i < v.size(); ++i) {
    char c = v[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
      return false;
    }
  }
  return digit;
}

bool IsBoolWord(std::string_view v) {
  return v == "true" || v == "false" || v == "True" || v == "False" || v == "TRUE" ||
         v == "FALSE" || v == "yes" || v == "no" || v == "on" || v == "off";
}

bool IsIdText(std::string_view v) {
  if (v.empty()) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(v[0])) return false;
  for (char c : v) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

bool IsLangCode(std::string_view v) {
  return v.size() == 2 && v[0] >= 'a' && v[0] <= 'z' && v[1] >= 'a' && v[1] <= 'z';
}

}  // namespace

std::string DescribeNode(const YamlNode* n) {
  if (n == nullptr) return Tr("nothing");
  switch (n->type) {
    case YamlNode::Type::kNull:
      return "null";
    case YamlNode::Type::kSequence:
      return Tr("a list");
    case YamlNode::Type::kMap:
      return Tr("a map");
    case YamlNode::Type::kScalar:
      if (n->plain && LooksNumeric(n->value)) return Tr("a number");
      if (n->plain && IsBoolWord(n->value)) return Tr("a boolean");
      return Tr("a string");
  }
  return "?";
}

void YamlReader::WrongType(const YamlNode* n, const What& what, std::string_view expected) {
  sink_->Error("wrong-type", n->where,
               Fmt("{} must be {}, not {}", what, expected, DescribeNode(n)));
}

bool YamlReader::IsMap(const YamlNode* n, const What& what) {
  if (n->is_map()) return true;
  WrongType(n, what, Tr("a map"));
  return false;
}

const std::vector<const YamlNode*>* YamlReader::List(const YamlNode* n, const What& what) {
  if (n->is_sequence()) return &n->items;
  WrongType(n, what, Tr("a list"));
  return nullptr;
}

std::optional<std::string> YamlReader::String(const YamlNode* n, const What& what) {
  if (!n->is_scalar()) {
    WrongType(n, what, Tr("a string"));
    return std::nullopt;
  }
  return n->value;
}

std::optional<std::string> YamlReader::Id(const YamlNode* n, const What& what) {
  if (!n->is_scalar()) {
    WrongType(n, what, Tr("an identifier"));
    return std::nullopt;
  }
  if (!IsIdText(n->value)) {
    sink_->Error("bad-id", n->where,
                 Fmt("{} '{}' is not a valid identifier: use letters, digits, '.', '_' "
                     "and '-', starting with a letter or digit",
                     what, n->value));
    return std::nullopt;
  }
  return n->value;
}

std::optional<double> YamlReader::Number(const YamlNode* n, const What& what) {
  if (n->is_scalar() && n->value.find(',') != std::string::npos) {
    std::string dotted = n->value;
    std::replace(dotted.begin(), dotted.end(), ',', '.');
    if (LooksNumeric(dotted)) {
      sink_->Error("wrong-type", n->where,
                   Fmt("{} must be a number written with a decimal point ({}), not '{}'", what,
                       dotted, n->value));
      return std::nullopt;
    }
  }
  if (!n->is_scalar() || !n->plain) {
    WrongType(n, what, Tr("a number"));
    return std::nullopt;
  }
  const std::string& v = n->value;
  double value = 0;
  const char* begin = v.data() + (!v.empty() && v[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(begin, v.data() + v.size(), value);
  if (ec == std::errc::result_out_of_range) {
    sink_->Error("bad-number", n->where, Fmt("{} is out of range: {}", what, v));
    return std::nullopt;
  }
  if (ec != std::errc() || ptr != v.data() + v.size() || !std::isfinite(value)) {
    std::string lower = v;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == ".nan" || lower == ".inf" || lower == "+.inf" || lower == "-.inf") {
      sink_->Error("bad-number", n->where, Fmt("{} must be a finite number, not {}", what, v));
    } else {
      WrongType(n, what, Tr("a number"));
    }
    return std::nullopt;
  }
  return value;
}

std::optional<long long> YamlReader::Integer(const YamlNode* n, const What& what) {
  if (!n->is_scalar() || !n->plain) {
    WrongType(n, what, Tr("a whole number"));
    return std::nullopt;
  }
  const std::string& v = n->value;
  long long value = 0;
  const char* begin = v.data() + (!v.empty() && v[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(begin, v.data() + v.size(), value);
  if (ec == std::errc::result_out_of_range) {
    sink_->Error("bad-number", n->where, Fmt("{} is out of range: {}", what, v));
    return std::nullopt;
  }
  if (ec != std::errc() || ptr != v.data() + v.size()) {
    if (LooksNumeric(v)) {
      sink_->Error("wrong-type", n->where, Fmt("{} must be a whole number, not {}", what, v));
    } else {
      WrongType(n, what, Tr("a whole number"));
    }
    return std::nullopt;
  }
  return value;
}

std::optional<bool> YamlReader::Bool(const YamlNode* n, const What& what) {
  if (n->is_scalar() && n->plain && (n->value == "true" || n->value == "false")) {
    return n->value == "true";
  }
  if (n->is_scalar() && n->plain && IsBoolWord(n->value)) {
    sink_->Error("wrong-type", n->where,
                 Fmt("{} must be true or false, not '{}' (a YAML 1.1 spelling)", what, n->value));
    return std::nullopt;
  }
  WrongType(n, what, Tr("true or false"));
  return std::nullopt;
}

std::optional<Date> YamlReader::DateValue(const YamlNode* n, const What& what) {
  if (!n->is_scalar()) {
    WrongType(n, what, Tr("a date (YYYY-MM-DD)"));
    return std::nullopt;
  }
  auto d = Date::Parse(n->value);
  if (!d) {
    sink_->Error("bad-date", n->where,
                 Fmt("{} '{}' is not a date that exists (expected YYYY-MM-DD)", what, n->value));
  }
  return d;
}

std::optional<Text> YamlReader::TextValue(const YamlNode* n, const What& what) {
  Text text;
  if (n->is_scalar()) {
    text.by_lang["fr"] = n->value;
    return text;
  }
  if (!n->is_map()) {
    WrongType(n, what, Tr("a text (a string, or a map of languages such as {fr: ..., en: ...})"));
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& [key, value] : n->pairs) {
    if (!IsLangCode(key->value)) {
      sink_->Error("bad-language", key->where,
                   Fmt("'{}' in {} is not a language code: use two lowercase letters "
                       "such as 'fr' or 'en'",
                       key->value, what));
      ok = false;
      continue;
    }
    if (!value->is_scalar()) {
      WrongType(value, Fmt("the '{}' text of {}", key->value, what), Tr("a string"));
      ok = false;
      continue;
    }
    text.by_lang[key->value] = value->value;
  }
  if (ok && text.by_lang.find("fr") == text.by_lang.end()) {
    sink_->Error("missing-french", n->where,
                 Fmt("{} has no French text ('fr'), which is required", what));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return text;
}

std::optional<long long> YamlReader::Integer(const YamlNode* n, const format::ValueSpec& spec,
                                             const What& what) {
  std::optional<long long> v = Integer(n, what);
  if (v && !format::WithinBounds(spec, static_cast<double>(*v))) {
    OutOfBounds(n, spec, what);
    return std::nullopt;
  }
  return v;
}

std::optional<double> YamlReader::Number(const YamlNode* n, const format::ValueSpec& spec,
                                         const What& what) {
  std::optional<double> v = Number(n, what);
  if (v && !format::WithinBounds(spec, *v)) {
    OutOfBounds(n, spec, what);
    return std::nullopt;
  }
  return v;
}

void YamlReader::OutOfBounds(const YamlNode* n, const format::ValueSpec& spec, const What& what) {
  sink_->Error(spec.range_code.empty() ? std::string("bad-value") : std::string(spec.range_code),
               n->where, Fmt("{} must be {}, not {}", what, format::BoundsPhrase(spec), n->value));
}

std::optional<std::string_view> YamlReader::Enum(const YamlNode* n, const format::ValueSpec& spec,
                                                 const What& what) {
  std::optional<std::string> s = String(n, what);
  if (!s) return std::nullopt;
  std::span<const std::string_view> names = spec.names();
  for (std::string_view name : names) {
    if (name == *s) return name;
  }
  std::vector<std::string> all(names.begin(), names.end());
  sink_->Error(
      "bad-value", n->where,
      Fmt("{} must be {}, not '{}'{}", what, format::JoinOr(names), *s, DidYouMean(*s, all)));
  return std::nullopt;
}

Fields::Fields(YamlReader* reader, const YamlNode* map, std::string context)
    : reader_(reader), map_(map && map->is_map() ? map : nullptr), context_(std::move(context)) {
  value_context_ = context_;
}

Fields::Fields(YamlReader* reader, const YamlNode* map, const format::MapSpec& spec,
               std::string context)
    : reader_(reader),
      map_(map && map->is_map() ? map : nullptr),
      spec_(&spec),
      context_(std::move(context)) {
  value_context_ = context_;
  if (spec.keys.size() > 64) {
    std::fprintf(stderr, "format spec '%.*s' declares more than 64 keys\n",
                 static_cast<int>(spec.name.size()), spec.name.data());
    std::abort();
  }
}

const format::KeySpec& Fields::KeyOf(std::string_view key) const {
  const format::KeySpec* k = spec_ ? spec_->Find(key) : nullptr;
  if (k == nullptr) {
    std::string_view name = spec_ ? spec_->name : std::string_view("(no spec)");
    std::fprintf(stderr, "internal error: format spec '%.*s' does not declare key '%.*s'\n",
                 static_cast<int>(name.size()), name.data(), static_cast<int>(key.size()),
                 key.data());
    std::abort();
  }
  return *k;
}

void Fields::MarkAsked(std::string_view key) {
  if (spec_) {
    const format::KeySpec& k = KeyOf(key);
    asked_ |= uint64_t{1} << static_cast<unsigned>(&k - spec_->keys.data());
  } else {
    known_.emplace_back(key);
  }
}

const YamlNode* Fields::Optional(std::string_view key) {
  MarkAsked(key);
  if (!map_) return nullptr;
  const YamlNode* v = map_->Get(key);
  if (v && v->is_null()) return nullptr;
  return v;
}

const YamlNode* Fields::Required(std::string_view key) {
  const YamlNode* v = Optional(key);
  if (!v && map_) {
    const YamlNode* present = map_->Get(key);
    SourceLocation where = map_->where;
    for (const auto& [k, value] : map_->pairs) {
      if (k->value == key) where = k->where;  // an empty value: point at its key
    }
    reader_->sink().Error("missing-key", where,
                          present ? Fmt("'{}' of {} is empty", key, context_)
                                  : Fmt("{} has no '{}', which is required", context_, key));
  }
  return v;
}

const YamlNode* Fields::Read(const format::KeySpec& k) {
  return k.required ? Required(k.name) : Optional(k.name);
}

const YamlNode* Fields::Get(std::string_view key) { return Read(KeyOf(key)); }

What Fields::ValueName(std::string_view key, std::string_view what) const {
  if (!what.empty()) return What(what);
  return What::Key(key, value_context_);
}

std::optional<std::string> Fields::String(std::string_view key, std::string_view what) {
  const YamlNode* n = Get(key);
  if (!n) return std::nullopt;
  return reader_->String(n, ValueName(key, what));
}

std::optional<std::string> Fields::Id(std::string_view key, std::string_view what) {
  const YamlNode* n = Get(key);
  if (!n) return std::nullopt;
  return reader_->Id(n, ValueName(key, what));
}

std::optional<sceau::Text> Fields::Text(std::string_view key, std::string_view what) {
  const YamlNode* n = Get(key);
  if (!n) return std::nullopt;
  return reader_->TextValue(n, ValueName(key, what));
}

std::optional<long long> Fields::Integer(std::string_view key, std::string_view what) {
  const format::KeySpec& k = KeyOf(key);
  const YamlNode* n = Read(k);
  if (!n) return std::nullopt;
  return reader_->Integer(n, k.value, ValueName(key, what));
}

std::optional<double> Fields::Number(std::string_view key, std::string_view what) {
  const format::KeySpec& k = KeyOf(key);
  const YamlNode* n = Read(k);
  if (!n) return std::nullopt;
  return reader_->Number(n, k.value, ValueName(key, what));
}

std::optional<bool> Fields::Bool(std::string_view key, std::string_view what) {
  const YamlNode* n = Get(key);
  if (!n) return std::nullopt;
  return reader_->Bool(n, ValueName(key, what));
}

std::optional<sceau::Date> Fields::Date(std::string_view key, std::string_view what) {
  const YamlNode* n = Get(key);
  if (!n) return std::nullopt;
  return reader_->DateValue(n, ValueName(key, what));
}

std::optional<std::string_view> Fields::Enum(std::string_view key, std::string_view what) {
  const format::KeySpec& k = KeyOf(key);
  const YamlNode* n = Read(k);
  if (!n) return std::nullopt;
  return reader_->Enum(n, k.value, ValueName(key, what));
}

const std::vector<const YamlNode*>* Fields::List(std::string_view key, std::string_view what) {
  const YamlNode* n = Get(key);
  if (!n) return nullptr;
  return reader_->List(n, ValueName(key, what));
}

const YamlNode* Fields::Map(std::string_view key, std::string_view what) {
  const YamlNode* n = Get(key);
  if (!n) return nullptr;
  return reader_->IsMap(n, ValueName(key, what)) ? n : nullptr;
}

void Fields::Finish() {
  if (!map_) return;
  for (const auto& [key, value] : map_->pairs) {
    bool found = false;
    if (spec_) {
      int i = spec_->IndexOf(key->value);
      found = i >= 0 && (asked_ & (uint64_t{1} << static_cast<unsigned>(i))) != 0;
    } else {
      for (const std::string& k : known_) {
        if (k == key->value) {
          found = true;
          break;
        }
      }
    }
    if (!found) {
      std::vector<std::string> names;
      if (spec_) {
        // A declared key not read here (a key of another kind of check) suggests another one.
        for (const format::KeySpec& k : spec_->keys) {
          if (k.name != key->value) names.emplace_back(k.name);
        }
      }
      reader_->sink().Error("unknown-key", key->where,
                            Fmt("unknown key '{}' in {}{}", key->value, context_,
                                DidYouMean(key->value, spec_ ? names : known_)));
    }
  }
}

}  // namespace sceau
