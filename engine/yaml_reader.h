// Typed, diagnosing access to a YamlNode tree: the shared toolkit of every loader (referentials,
// dossiers). Each reader reports what is wrong at the node's position and returns nullopt, so a
// loader can go on and report every problem of a file in one run.
//
// `Fields` reads the keys of one map. Built with a format::MapSpec (engine/format.h), it checks
// types, bounds and allowed values as the spec declares them, with one wording per class of error,
// and reports the keys it was not asked for as unknown, suggesting the closest declared key.
// Built without a spec, it only reports keys it was not asked for; the values are checked by the
// caller through YamlReader.
#ifndef SCEAU_ENGINE_YAML_READER_H_
#define SCEAU_ENGINE_YAML_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date.h"
#include "engine/format.h"
#include "engine/referential.h"
#include "engine/source.h"
#include "engine/yaml_tree.h"

namespace sceau {

// How a value is named in messages: a text given by the caller, or "'key' of <context>" built
// only when a message needs it (no allocation on the happy path). Converts implicitly from text.
class What {
 public:
  What(std::string_view text) : text_(text) {}    // NOLINT: implicit on purpose
  What(const std::string& text) : text_(text) {}  // NOLINT
  What(const char* text) : text_(text) {}         // NOLINT
  // "'key' of context", or "'key'" when `context` is empty.
  static What Key(std::string_view key, std::string_view context) {
    What w{std::string_view()};
    w.key_ = key;
    w.context_ = context;
    w.is_key_ = true;
    return w;
  }
  std::string str() const;

 private:
  std::string_view text_;
  std::string_view key_;
  std::string_view context_;
  bool is_key_ = false;
};

class YamlReader {
 public:
  explicit YamlReader(DiagnosticSink* sink) : sink_(sink) {}
  DiagnosticSink& sink() { return *sink_; }

  // Each Read* takes the node and a name for messages ("'weight' of criterion 'C-4.1'").
  std::optional<std::string> String(const YamlNode* n, const What& what);
  // An identifier: [A-Za-z0-9][A-Za-z0-9._-]*. Plain numbers (8.5) are read as their text.
  std::optional<std::string> Id(const YamlNode* n, const What& what);
  std::optional<double> Number(const YamlNode* n, const What& what);
  std::optional<long long> Integer(const YamlNode* n, const What& what);
  std::optional<bool> Bool(const YamlNode* n, const What& what);
  std::optional<Date> DateValue(const YamlNode* n, const What& what);
  // A plain string (French) or a map of language codes to strings with "fr" present.
  std::optional<Text> TextValue(const YamlNode* n, const What& what);
  // A list; reports and returns nullptr when `n` is not a sequence.
  const std::vector<const YamlNode*>* List(const YamlNode* n, const What& what);
  bool IsMap(const YamlNode* n, const What& what);

  // Through a value spec: the type of `spec` and, for numbers, its bounds ("must be between 1 and
  // 240 months, not 0" with the spec's code). Out of bounds reports and returns nullopt.
  std::optional<long long> Integer(const YamlNode* n, const format::ValueSpec& spec,
                                   const What& what);
  std::optional<double> Number(const YamlNode* n, const format::ValueSpec& spec, const What& what);
  // A value among spec.names(): returns the name from the engine's table (static storage).
  // Otherwise reports "<what> must be a, b or c, not 'x' (did you mean 'b'?)" [bad-value].
  std::optional<std::string_view> Enum(const YamlNode* n, const format::ValueSpec& spec,
                                       const What& what);
  // Reports a value outside the bounds of `spec`; `value` is its text as written.
  void OutOfBounds(const YamlNode* n, const format::ValueSpec& spec, const What& what);

 private:
  void WrongType(const YamlNode* n, const What& what, std::string_view expected);
  DiagnosticSink* sink_;
};

// The keys of one YAML map, read one by one. Keys never asked for are reported by Finish() as
// unknown, with the closest known key suggested.
class Fields {
 public:
  // `context` names the map for messages: "criterion 'C-4.1'", "the referential".
  Fields(YamlReader* reader, const YamlNode* map, std::string context);
  // Reads through `spec` (which must outlive this object). REQUIRES: every key asked for is
  // declared in `spec` (otherwise the process aborts: a programming error).
  Fields(YamlReader* reader, const YamlNode* map, const format::MapSpec& spec, std::string context);

  // How values are named in messages: "'key' of <value_context>"; "'key'" alone when empty.
  // Defaults to the context.
  void set_value_context(std::string value_context) { value_context_ = std::move(value_context); }

  // The value of `key`, or nullptr when absent (a null value counts as absent).
  const YamlNode* Optional(std::string_view key);
  // Like Optional, but reports "missing-key" when absent.
  const YamlNode* Required(std::string_view key);
  // With a spec: Required or Optional as the spec declares `key`.
  const YamlNode* Get(std::string_view key);

  // Typed getters, with a spec only. Each reads `key` as Get does, checks it against the spec
  // (type, bounds, allowed values) and returns nullopt when absent or wrong. `what` names the
  // value in messages; empty means "'key' of <value context>".
  std::optional<std::string> String(std::string_view key, std::string_view what = {});
  std::optional<std::string> Id(std::string_view key, std::string_view what = {});
  std::optional<sceau::Text> Text(std::string_view key, std::string_view what = {});
  std::optional<long long> Integer(std::string_view key, std::string_view what = {});
  std::optional<double> Number(std::string_view key, std::string_view what = {});
  std::optional<bool> Bool(std::string_view key, std::string_view what = {});
  std::optional<sceau::Date> Date(std::string_view key, std::string_view what = {});
  std::optional<std::string_view> Enum(std::string_view key, std::string_view what = {});
  const std::vector<const YamlNode*>* List(std::string_view key, std::string_view what = {});
  // The node of `key` when it is a map (reports otherwise), or nullptr.
  const YamlNode* Map(std::string_view key, std::string_view what = {});

  // The name of a value for messages, as the typed getters build it.
  What ValueName(std::string_view key, std::string_view what = {}) const;
  // The spec of `key`. REQUIRES: a spec that declares `key`.
  const format::KeySpec& KeyOf(std::string_view key) const;

  // Reports every key not asked for. Call once, after every Optional/Required.
  void Finish();
  const std::string& context() const { return context_; }
  const format::MapSpec* spec() const { return spec_; }
  SourceLocation where() const { return map_ ? map_->where : SourceLocation{}; }
  YamlReader& reader() { return *reader_; }

 private:
  const YamlNode* Read(const format::KeySpec& k);
  void MarkAsked(std::string_view key);

  YamlReader* reader_;
  const YamlNode* map_;
  const format::MapSpec* spec_ = nullptr;
  std::string context_;
  std::string value_context_;
  std::vector<std::string> known_;  // without a spec: the keys asked for
  uint64_t asked_ = 0;              // with a spec: bit i set when keys[i] was asked for
};

// "a list", "a string", "a number"... for the type of a node as written.
std::string DescribeNode(const YamlNode* n);

}  // namespace sceau

#endif  // SCEAU_ENGINE_YAML_READER_H_
