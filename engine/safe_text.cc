#include "engine/safe_text.h"

#include <fmt/format.h>

namespace sceau {
namespace {

// Decodes the UTF-8 sequence at `text[i]`; returns its length, or 0 when it is invalid (then
// `*cp` is the byte).
size_t Decode(std::string_view text, size_t i, char32_t* cp) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  size_t len = c < 0x80             ? 1
               : (c & 0xE0) == 0xC0 ? 2
               : (c & 0xF0) == 0xE0 ? 3
               : (c & 0xF8) == 0xF0 ? 4
                                    : 0;
  if (len == 0 || i + len > text.size()) {
    *cp = c;
    return 0;
  }
  char32_t value = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) {
    unsigned char b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      *cp = c;
      return 0;
    }
    value = (value << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are invalid.
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kMin[len] || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
    *cp = c;
    return 0;
  }
  *cp = value;
  return len;
}

bool Deceptive(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return true;
  if (cp == 0x061C || cp == 0x200E || cp == 0x200F) return true;
  if (cp >= 0x202A && cp <= 0x202E) return true;
  if (cp >= 0x2066 && cp <= 0x2069) return true;
  if (cp >= 0x200B && cp <= 0x200D) return true;
  if (cp >= 0x2060 && cp <= 0x2064) return true;
  if (cp == 0xFEFF || cp == 0x2028 || cp == 0x2029) return true;
  return false;
}

std::string Escape(char32_t cp) {
  switch (cp) {
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      break;
  }
  if (cp < 0x80) return fmt::format("\\x{:02X}", static_cast<unsigned>(cp));
  return fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
}

std::string Make(std::string_view text, bool keep_lines) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    size_t len = Decode(text, i, &cp);
    if (len == 0) {  // an invalid byte
      out += fmt::format("\\x{:02X}", static_cast<unsigned>(cp));
      ++i;
      continue;
    }
    if (keep_lines &&
        (cp == '\n' || cp == '\t' || (cp == '\r' && i + 1 < text.size() && text[i + 1] == '\n'))) {
      out += static_cast<char>(cp);
    } else if (Deceptive(cp)) {
      out += Escape(cp);
    } else if (cp == '\\' && !keep_lines && i + 1 < text.size() &&
               (text[i + 1] == 'x' || text[i + 1] == 'u' || text[i + 1] == 'n' ||
                text[i + 1] == 'r' || text[i + 1] == 't' || text[i + 1] == '\\')) {
      // A backslash that would read as the start of an escape is doubled, so `\x1B` in the data
      // cannot pass for an escaped ESC.
      out += "\\\\";
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

}  // namespace

std::string TerminalSafe(std::string_view text) { return Make(text, false); }

std::string CellSafe(std::string_view text) { return Make(text, true); }

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    size_t len = Decode(text, i, &cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace sceau
