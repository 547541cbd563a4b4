#include "engine/yaml_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace sceau {

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

std::string_view DescribeNode(const YamlNode* n) {
  if (n == nullptr) return "nothing";
  switch (n->type) {
    case YamlNode::Type::kNull: return "null";
    case YamlNode::Type::kSequence: return "a list";
    case YamlNode::Type::kMap: return "a map";
    case YamlNode::Type::kScalar:
      if (n->plain && LooksNumeric(n->value)) return "a number";
      if (n->plain && IsBoolWord(n->value)) return "a boolean";
      return "a string";
  }
  return "?";
}

void YamlReader::WrongType(const YamlNode* n, std::string_view what, std::string_view expected) {
  sink_->Error("wrong-type", n->where,
               fmt::format("{} must be {}, not {}", what, expected, DescribeNode(n)));
}

bool YamlReader::IsMap(const YamlNode* n, std::string_view what) {
  if (n->is_map()) return true;
  WrongType(n, what, "a map");
  return false;
}

const std::vector<const YamlNode*>* YamlReader::List(const YamlNode* n, std::string_view what) {
  if (n->is_sequence()) return &n->items;
  WrongType(n, what, "a list");
  return nullptr;
}

std::optional<std::string> YamlReader::String(const YamlNode* n, std::string_view what) {
  if (!n->is_scalar()) {
    WrongType(n, what, "a string");
    return std::nullopt;
  }
  return n->value;
}

std::optional<std::string> YamlReader::Id(const YamlNode* n, std::string_view what) {
  if (!n->is_scalar()) {
    WrongType(n, what, "an identifier");
    return std::nullopt;
  }
  if (!IsIdText(n->value)) {
    sink_->Error("bad-id", n->where,
                 fmt::format("{} '{}' is not a valid identifier: use letters, digits, '.', '_' "
                             "and '-', starting with a letter or digit",
                             what, n->value));
    return std::nullopt;
  }
  return n->value;
}

std::optional<double> YamlReader::Number(const YamlNode* n, std::string_view what) {
  if (n->is_scalar() && n->value.find(',') != std::string::npos) {
    std::string dotted = n->value;
    std::replace(dotted.begin(), dotted.end(), ',', '.');
    if (LooksNumeric(dotted)) {
      sink_->Error("wrong-type", n->where,
                   fmt::format("{} must be a number written with a decimal point ({}), not '{}'",
                               what, dotted, n->value));
      return std::nullopt;
    }
  }
  if (!n->is_scalar() || !n->plain) {
    WrongType(n, what, "a number");
    return std::nullopt;
  }
  const std::string& v = n->value;
  double value = 0;
  const char* begin = v.data() + (!v.empty() && v[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(begin, v.data() + v.size(), value);
  if (ec == std::errc::result_out_of_range) {
    sink_->Error("bad-number", n->where, fmt::format("{} is out of range: {}", what, v));
    return std::nullopt;
  }
  if (ec != std::errc() || ptr != v.data() + v.size() || !std::isfinite(value)) {
    std::string lower = v;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == ".nan" || lower == ".inf" || lower == "+.inf" || lower == "-.inf") {
      sink_->Error("bad-number", n->where,
                   fmt::format("{} must be a finite number, not {}", what, v));
    } else {
      WrongType(n, what, "a number");
    }
    return std::nullopt;
  }
  return value;
}

std::optional<long long> YamlReader::Integer(const YamlNode* n, std::string_view what) {
  if (!n->is_scalar() || !n->plain) {
    WrongType(n, what, "a whole number");
    return std::nullopt;
  }
  const std::string& v = n->value;
  long long value = 0;
  const char* begin = v.data() + (!v.empty() && v[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(begin, v.data() + v.size(), value);
  if (ec == std::errc::result_out_of_range) {
    sink_->Error("bad-number", n->where, fmt::format("{} is out of range: {}", what, v));
    return std::nullopt;
  }
  if (ec != std::errc() || ptr != v.data() + v.size()) {
    if (LooksNumeric(v)) {
      sink_->Error("wrong-type", n->where, fmt::format("{} must be a whole number, not {}", what, v));
    } else {
      WrongType(n, what, "a whole number");
    }
    return std::nullopt;
  }
  return value;
}

std::optional<bool> YamlReader::Bool(const YamlNode* n, std::string_view what) {
  if (n->is_scalar() && n->plain && (n->value == "true" || n->value == "false")) {
    return n->value == "true";
  }
  if (n->is_scalar() && n->plain && IsBoolWord(n->value)) {
    sink_->Error("wrong-type", n->where,
                 fmt::format("{} must be true or false, not '{}' (a YAML 1.1 spelling)", what,
                             n->value));
    return std::nullopt;
  }
  WrongType(n, what, "true or false");
  return std::nullopt;
}

std::optional<Date> YamlReader::DateValue(const YamlNode* n, std::string_view what) {
  if (!n->is_scalar()) {
    WrongType(n, what, "a date (YYYY-MM-DD)");
    return std::nullopt;
  }
  auto d = Date::Parse(n->value);
  if (!d) {
    sink_->Error("bad-date", n->where,
                 fmt::format("{} '{}' is not a date that exists (expected YYYY-MM-DD)", what,
                             n->value));
  }
  return d;
}

std::optional<Text> YamlReader::TextValue(const YamlNode* n, std::string_view what) {
  Text text;
  if (n->is_scalar()) {
    text.by_lang["fr"] = n->value;
    return text;
  }
  if (!n->is_map()) {
    WrongType(n, what, "a text (a string, or a map of languages such as {fr: ..., en: ...})");
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& [key, value] : n->pairs) {
    if (!IsLangCode(key->value)) {
      sink_->Error("bad-language", key->where,
                   fmt::format("'{}' in {} is not a language code: use two lowercase letters "
                               "such as 'fr' or 'en'",
                               key->value, what));
      ok = false;
      continue;
    }
    if (!value->is_scalar()) {
      WrongType(value, fmt::format("the '{}' text of {}", key->value, what), "a string");
      ok = false;
      continue;
    }
    text.by_lang[key->value] = value->value;
  }
  if (ok && text.by_lang.find("fr") == text.by_lang.end()) {
    sink_->Error("missing-french", n->where,
                 fmt::format("{} has no French text ('fr'), which is required", what));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return text;
}

Fields::Fields(YamlReader* reader, const YamlNode* map, std::string context)
    : reader_(reader), map_(map && map->is_map() ? map : nullptr), context_(std::move(context)) {}

const YamlNode* Fields::Optional(std::string_view key) {
  known_.emplace_back(key);
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
                          present ? fmt::format("'{}' of {} is empty", key, context_)
                                  : fmt::format("{} has no '{}', which is required", context_, key));
  }
  return v;
}

void Fields::Finish() {
  if (!map_) return;
  for (const auto& [key, value] : map_->pairs) {
    bool found = false;
    for (const std::string& k : known_) {
      if (k == key->value) {
        found = true;
        break;
      }
    }
    if (!found) {
      reader_->sink().Error("unknown-key", key->where,
                            fmt::format("unknown key '{}' in {}{}", key->value, context_,
                                        DidYouMean(key->value, known_)));
    }
  }
}

}  // namespace sceau
