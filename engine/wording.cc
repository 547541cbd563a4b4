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
