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

}  // namespace sceau
