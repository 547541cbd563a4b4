#include "engine/identity.h"

#include <cstdint>

namespace sceau {

namespace {

// The ASCII spelling of a code point of Latin-1 Supplement or Latin Extended-A, lowercased; empty
// when the code point is not a letter there.
std::string_view Fold(uint32_t cp) {
  // U+00C0..U+00FF.
  static constexpr std::string_view kLatin1[64] = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  // U+0100..U+017F: pairs of upper and lower case, mostly.
  static constexpr std::string_view kExtA[128] = {
      "a", "a", "a",  "a",  "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
      "d", "d", "e",  "e",  "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
      "g", "g", "g",  "g",  "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
      "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
      "l", "l", "l",  "n",  "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
      "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
      "s", "s", "t",  "t",  "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
      "u", "u", "u",  "u",  "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};
  if (cp >= 0x100 && cp <= 0x17F) return kExtA[cp - 0x100];
  return {};
}

}  // namespace

std::string NormalizedName(std::string_view name) {
  std::string out;
  bool space = false;
  auto put = [&](std::string_view s) {
    if (space && !out.empty()) out += ' ';
    space = false;
    out += s;
  };
  for (size_t i = 0; i < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      ++i;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '\'' || c == '.') {
        space = true;
      } else if (c >= 'A' && c <= 'Z') {
        put(std::string(1, static_cast<char>(c - 'A' + 'a')));
      } else {
        put(std::string(1, static_cast<char>(c)));
      }
      continue;
    }
    // A two-byte UTF-8 sequence covers U+0080..U+07FF; longer ones are kept as they are.
    if ((c & 0xE0) == 0xC0 && i + 1 < name.size() &&
        (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80) {
      uint32_t cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(name[i + 1]) & 0x3Fu);
      if (cp == 0xA0) {  // no-break space
        space = true;
      } else if (std::string_view f = Fold(cp); !f.empty()) {
        put(f);
      } else {
        put(name.substr(i, 2));
      }
      i += 2;
      continue;
    }
    if (c == 0xE2 && i + 2 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(name[i + 2]) == 0x99 ||
         static_cast<unsigned char>(name[i + 2]) == 0xAF)) {
      space = true;  // ’ (U+2019) or narrow no-break space (U+202F)
      i += 3;
      continue;
    }
    put(name.substr(i, 1));
    ++i;
  }
  return out;
}

bool SamePerson(std::string_view a, std::string_view b) {
  std::string na = NormalizedName(a);
  return !na.empty() && na == NormalizedName(b);
}

std::string NormalizedId(std::string_view id) {
  size_t first = id.find_first_not_of(" \t\n\r");
  if (first == std::string_view::npos) return {};
  size_t last = id.find_last_not_of(" \t\n\r");
  std::string out(id.substr(first, last - first + 1));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

SameBy Identify(const Person& a, const Person& b) {
  std::string ia = NormalizedId(a.id);
  std::string ib = NormalizedId(b.id);
  if (!ia.empty() && !ib.empty()) return ia == ib ? SameBy::kId : SameBy::kNo;
  return SamePerson(a.name, b.name) ? SameBy::kName : SameBy::kNo;
}

}  // namespace sceau
