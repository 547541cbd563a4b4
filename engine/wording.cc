#include "engine/wording.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <utility>

namespace sceau {

namespace wording_internal {
// engine/strings/diagnostics.yaml, sorted by the English template (embed_wording.py).
extern const std::pair<std::string_view, std::string_view> kFrench[];
extern const size_t kFrenchSize;
}  // namespace wording_internal

namespace {

std::atomic<bool> french{false};

}  // namespace

void SetDiagnosticLanguage(std::string_view lang) { french = lang == "fr"; }

std::string_view DiagnosticLanguage() { return french ? "fr" : "en"; }

std::string_view ChosenTemplate(std::string_view english) {
  if (!french) return english;
  using wording_internal::kFrench;
  const auto* end = kFrench + wording_internal::kFrenchSize;
  const auto* it =
      std::lower_bound(kFrench, end, english,
                       [](const auto& entry, std::string_view key) { return entry.first < key; });
  return it != end && it->first == english ? it->second : english;
}

namespace {

// The operating system's own texts (strerror, std::error_code::message) that reach messages, as
// the C library writes them in English.
constexpr std::string_view kSystemTexts[] = {
    Wording("No such file or directory"),
    Wording("Permission denied"),
    Wording("Not a directory"),
    Wording("Is a directory"),
    Wording("Too many levels of symbolic links"),
    Wording("File exists"),
    Wording("No space left on device"),
    Wording("File too large"),
    Wording("Read-only file system"),
    Wording("Input/output error"),
    Wording("Operation not permitted"),
    Wording("Directory not empty"),
    Wording("Disk quota exceeded"),
    Wording("Too many open files"),
    Wording("Cannot allocate memory"),
    Wording("Invalid argument"),
    Wording("File name too long"),
    Wording("Device or resource busy"),
    Wording("Resource temporarily unavailable"),
    Wording("No such device or address"),
};

}  // namespace

std::string FrenchSystemTexts(std::string text) {
  for (std::string_view english : kSystemTexts) {
    std::string_view french = ChosenTemplate(english);
    if (french.data() == english.data()) continue;
    for (size_t at = text.find(english); at != std::string::npos;
         at = text.find(english, at + french.size())) {
      text.replace(at, english.size(), french);
    }
  }
  return text;
}

std::string ContractFrench(std::string text) {
  static constexpr std::pair<std::string_view, std::string_view> kContractions[] = {
      {" de le ", " du "},  {" de les ", " des "}, {" à le ", " au "},
      {" à les ", " aux "}, {" de un ", " d'un "}, {" de une ", " d'une "}};
  for (const auto& [from, to] : kContractions) {
    for (size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

}  // namespace sceau
