#include "engine/wording.h"

#include <atomic>
#include <memory>
#include <unordered_map>

#include "engine/source.h"
#include "engine/yaml_tree.h"

namespace sceau {

extern const char kDiagnosticsCatalogue[];  // engine/strings/diagnostics.yaml

namespace {

std::atomic<bool> french{false};
// Set while the catalogue is read: its own parse may report (a defect the tests catch), and those
// messages stay English rather than look the catalogue up again.
thread_local bool reading_catalogue = false;

// English template -> French template, read once from the compiled-in catalogue.
const std::unordered_map<std::string, std::string>& FrenchTemplates() {
  static const auto* const templates = [] {
    reading_catalogue = true;
    auto* out = new std::unordered_map<std::string, std::string>();
    auto source = std::make_shared<SourceFile>("engine/strings/diagnostics.yaml",
                                               std::string(kDiagnosticsCatalogue));
    DiagnosticSink sink(source);
    YamlDocument doc;
    if (ParseYaml(source, YamlLimits{}, &sink, &doc) && doc.root() && doc.root()->is_map()) {
      for (const auto& [key, value] : doc.root()->pairs) {
        if (value->is_scalar() && !value->value.empty()) out->emplace(key->value, value->value);
      }
    }
    reading_catalogue = false;
    return out;
  }();
  return *templates;
}

}  // namespace

void SetDiagnosticLanguage(std::string_view lang) { french = lang == "fr"; }

std::string_view DiagnosticLanguage() { return french ? "fr" : "en"; }

std::string_view ChosenTemplate(std::string_view english) {
  if (!french || reading_catalogue) return english;
  const auto& templates = FrenchTemplates();
  auto it = templates.find(std::string(english));
  return it == templates.end() ? english : std::string_view(it->second);
}

}  // namespace sceau
