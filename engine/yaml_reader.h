// Typed, diagnosing access to a YamlNode tree: the shared toolkit of every loader (referentials,
// dossiers). Each reader reports what is wrong at the node's position and returns nullopt, so a
// loader can go on and report every problem of a file in one run.
#ifndef SCEAU_ENGINE_YAML_READER_H_
#define SCEAU_ENGINE_YAML_READER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date.h"
#include "engine/referential.h"
#include "engine/source.h"
#include "engine/yaml_tree.h"

namespace sceau {

class YamlReader {
 public:
  explicit YamlReader(DiagnosticSink* sink) : sink_(sink) {}
  DiagnosticSink& sink() { return *sink_; }

  // Each Read* takes the node and a name for messages ("'weight' of criterion 'C-4.1'").
  std::optional<std::string> String(const YamlNode* n, std::string_view what);
  // An identifier: [A-Za-z0-9][A-Za-z0-9._-]*. Plain numbers (8.5) are read as their text.
  std::optional<std::string> Id(const YamlNode* n, std::string_view what);
  std::optional<double> Number(const YamlNode* n, std::string_view what);
  std::optional<long long> Integer(const YamlNode* n, std::string_view what);
  std::optional<bool> Bool(const YamlNode* n, std::string_view what);
  std::optional<Date> DateValue(const YamlNode* n, std::string_view what);
  // A plain string (French) or a map of language codes to strings with "fr" present.
  std::optional<Text> TextValue(const YamlNode* n, std::string_view what);
  // A list; reports and returns nullptr-free empty vector when `n` is not a sequence.
  const std::vector<const YamlNode*>* List(const YamlNode* n, std::string_view what);
  bool IsMap(const YamlNode* n, std::string_view what);

 private:
  void WrongType(const YamlNode* n, std::string_view what, std::string_view expected);
  DiagnosticSink* sink_;
};

// The keys of one YAML map, read one by one. Keys never asked for are reported by Finish() as
// unknown, with the closest known key suggested.
class Fields {
 public:
  // `context` names the map for messages: "criterion 'C-4.1'", "the referential".
  Fields(YamlReader* reader, const YamlNode* map, std::string context);

  // The value of `key`, or nullptr when absent (a null value counts as absent).
  const YamlNode* Optional(std::string_view key);
  // Like Optional, but reports "missing-key" when absent.
  const YamlNode* Required(std::string_view key);
  // Reports every key not asked for. Call once, after every Optional/Required.
  void Finish();
  const std::string& context() const { return context_; }
  SourceLocation where() const { return map_ ? map_->where : SourceLocation{}; }

 private:
  YamlReader* reader_;
  const YamlNode* map_;
  std::string context_;
  std::vector<std::string> known_;
};

// "a list", "a string", "a number"... for the type of a node as written.
std::string_view DescribeNode(const YamlNode* n);

}  // namespace sceau

#endif  // SCEAU_ENGINE_YAML_READER_H_
