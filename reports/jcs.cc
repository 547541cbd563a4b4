#include "reports/jcs.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "engine/wording.h"

namespace sceau {
namespace {

// Decodes one UTF-8 character at `s[*i]`, advancing `*i`; false on an invalid sequence
// (overlong forms, surrogates and values beyond U+10FFFF included).
bool NextCodePoint(std::string_view s, size_t* i, char32_t* cp) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(*i);
  size_t n;
  char32_t c;
  if (b0 < 0x80) {
    *cp = b0;
    ++*i;
    return true;
  } else if ((b0 & 0xE0) == 0xC0) {
    n = 2;
    c = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3;
    c = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4;
    c = b0 & 0x07;
  } else {
    return false;
  }
  if (*i + n > s.size()) return false;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(*i + k) & 0xC0) != 0x80) return false;
    c = (c << 6) | (byte(*i + k) & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kMin[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
  *cp = c;
  *i += n;
  return true;
}

// The UTF-16 code units of a UTF-8 string; false when it is not valid UTF-8.
bool Utf16(std::string_view s, std::u16string* out) {
  out->clear();
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    if (!NextCodePoint(s, &i, &c)) return false;
    if (c < 0x10000) {
      out->push_back(static_cast<char16_t>(c));
    } else {
      c -= 0x10000;
      out->push_back(static_cast<char16_t>(0xD800 + (c >> 10)));
      out->push_back(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
    }
  }
  return true;
}

bool AppendString(std::string_view s, std::string* out) {
  size_t start = out->size();
  out->push_back('"');
  for (size_t i = 0; i < s.size();) {
    size_t from = i;
    char32_t c;
    if (!NextCodePoint(s, &i, &c)) {
      out->resize(start);
      return false;
    }
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          *out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out->append(s.substr(from, i - from));
        }
    }
  }
  out->push_back('"');
  return true;
}

template <typename Json>
bool Append(const Json& v, std::string* out, std::string* error, int depth = 0) {
  using nlohmann::detail::value_t;
  if (depth > kMaxCanonicalDepth) {
    *error = Fmt("JSON nested more than {} levels deep", kMaxCanonicalDepth);
    return false;
  }
  switch (v.type()) {
    case value_t::null:
      *out += "null";
      return true;
    case value_t::boolean:
      *out += v.template get<bool>() ? "true" : "false";
      return true;
    case value_t::number_integer:
      *out += EcmaScriptNumber(static_cast<double>(v.template get<int64_t>()));
      return true;
    case value_t::number_unsigned:
      *out += EcmaScriptNumber(static_cast<double>(v.template get<uint64_t>()));
      return true;
    case value_t::number_float: {
      double d = v.template get<double>();
      if (!std::isfinite(d)) {
        *error = Tr("a number that is not finite has no canonical JSON form");
        return false;
      }
      *out += EcmaScriptNumber(d);
      return true;
    }
    case value_t::string:
      if (!AppendString(v.template get_ref<const std::string&>(), out)) {
        *error = Tr("a string is not valid UTF-8");
        return false;
      }
      return true;
    case value_t::array: {
      out->push_back('[');
      bool first = true;
      for (const Json& item : v) {
        if (!first) out->push_back(',');
        first = false;
        if (!Append(item, out, error, depth + 1)) return false;
      }
      out->push_back(']');
      return true;
    }
    case value_t::object: {
      struct Member {
        std::u16string key16;
        const std::string* key;
        const Json* value;
      };
      std::vector<Member> members;
      members.reserve(v.size());
      for (auto it = v.begin(); it != v.end(); ++it) {
        Member m{{}, &it.key(), &it.value()};
        if (!Utf16(it.key(), &m.key16)) {
          *error = Tr("a key is not valid UTF-8");
          return false;
        }
        members.push_back(std::move(m));
      }
      std::sort(members.begin(), members.end(),
                [](const Member& a, const Member& b) { return a.key16 < b.key16; });
      out->push_back('{');
      bool first = true;
      for (const Member& m : members) {
        if (!first) out->push_back(',');
        first = false;
        AppendString(*m.key, out);
        out->push_back(':');
        if (!Append(*m.value, out, error, depth + 1)) return false;
      }
      out->push_back('}');
      return true;
    }
    default:
      *error = Tr("binary values have no canonical JSON form");
      return false;
  }
}

template <typename Json>
bool CanonicalizeAny(const Json& value, std::string* out, std::string* error) {
  out->clear();
  if (Append(value, out, error)) return true;
  out->clear();
  return false;
}

}  // namespace

std::string EcmaScriptNumber(double value) {
  if (value == 0) return "0";  // -0 too
  // The shortest digits that round-trip, in scientific form: d[.ddd]e<sign><exponent>.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(end - buf));
  std::string sign;
  if (sci.front() == '-') {
    sign = "-";
    sci.remove_prefix(1);
  }
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
  // ECMA-262 Number::toString: value = digits × 10^(n − k), k digits.
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  std::string out = sign;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n));
    out += '.';
    out += digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += n - 1 >= 0 ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

bool Canonicalize(const nlohmann::json& value, std::string* out, std::string* error) {
  return CanonicalizeAny(value, out, error);
}

bool Canonicalize(const nlohmann::ordered_json& value, std::string* out, std::string* error) {
  return CanonicalizeAny(value, out, error);
}

}  // namespace sceau
