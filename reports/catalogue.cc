#include "reports/catalogue.h"

#include <memory>

#include "engine/source.h"
#include "engine/yaml_tree.h"

namespace sceau {

std::map<std::string, Text> ReadCatalogue(const std::string& name, const std::string& yaml) {
  std::map<std::string, Text> out;
  auto source = std::make_shared<SourceFile>(name, yaml);
  DiagnosticSink sink(source);
  YamlDocument doc;
  if (!ParseYaml(source, YamlLimits{}, &sink, &doc) || !doc.root() || !doc.root()->is_map()) {
    return out;
  }
  for (const auto& [key, value] : doc.root()->pairs) {
    Text t;
    if (value->is_map()) {
      for (const auto& [lang, text] : value->pairs) t.by_lang[lang->value] = text->value;
    }
    out[key->value] = std::move(t);
  }
  return out;
}

std::string FillPlaceholders(std::string text,
                             const std::vector<std::pair<std::string, std::string>>& args) {
  for (const auto& [name, value] : args) {
    std::string marker = "{" + name + "}";
    for (size_t at = text.find(marker); at != std::string::npos;
         at = text.find(marker, at + value.size())) {
      text.replace(at, marker.size(), value);
    }
  }
  return text;
}

}  // namespace sceau
