// A small YAML document tree with source positions, built from libyaml's event parser.
//
// Why libyaml's events and not a library's node tree: a tree such as yaml-cpp's YAML::Node keeps no
// duplicate keys, shares aliased nodes (a naive walk of an alias bomb explodes), and reports deep
// nesting as "bad file"; and libyaml's scanner reads a 10 MB dossier in a sixth of the time
// yaml-cpp 0.7's takes (bench/RESULTS.md, "Id lookups at scale"). This tree records every key with
// its position, reports duplicate keys, counts what aliases expand to, and bounds depth, node count
// and file size, so that hostile input yields a diagnostic instead of a crash or a hang.
#ifndef SCEAU_ENGINE_YAML_TREE_H_
#define SCEAU_ENGINE_YAML_TREE_H_

#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/source.h"

namespace sceau {

// Limits on what a YAML file may hold. Defaults suit referentials and dossiers of real size with
// a wide margin (a 10,000-criterion referential with full texts is about 8 MB).
struct YamlLimits {
  size_t max_file_bytes = 64u << 20;  // 64 MiB
  int max_depth = 64;                 // nesting of maps and sequences
  size_t max_nodes = 5'000'000;       // nodes after alias expansion
};

struct YamlNode {
  enum class Type { kNull, kScalar, kSequence, kMap };
  Type type = Type::kNull;
  bool plain = false;  // an unquoted scalar (may be read as a number, boolean or null)
  std::string value;   // kScalar
  std::vector<const YamlNode*> items;                              // kSequence
  std::vector<std::pair<const YamlNode*, const YamlNode*>> pairs;  // kMap: key, value
  SourceLocation where;                                            // where the node starts
  size_t expanded = 1;  // nodes in this subtree once aliases are expanded

  bool is_map() const { return type == Type::kMap; }
  bool is_sequence() const { return type == Type::kSequence; }
  bool is_scalar() const { return type == Type::kScalar; }
  bool is_null() const { return type == Type::kNull; }
  // The value of `key` in a map, or nullptr.
  const YamlNode* Get(std::string_view key) const;
  // "a map", "a sequence", "a string", "null": for type errors.
  std::string TypeName() const;
};

// A parsed YAML file: owns its nodes.
class YamlDocument {
 public:
  const YamlNode* root() const { return root_; }
  const std::shared_ptr<const SourceFile>& source() const { return source_; }

 private:
  friend class YamlBuilder;
  friend bool ParseYaml(std::shared_ptr<const SourceFile>, const YamlLimits&, DiagnosticSink*,
                        YamlDocument*);
  std::shared_ptr<const SourceFile> source_;
  std::deque<YamlNode> nodes_;
  const YamlNode* root_ = nullptr;
};

// Parses `source` as exactly one YAML document into `doc`. On failure reports diagnostics to
// `sink` (syntax errors, more than one document, duplicate keys, invalid UTF-8, limits exceeded)
// and returns false. Never throws. Duplicate keys are reported but do not fail the parse: the
// first value is kept so that the rest of the file can still be checked.
bool ParseYaml(std::shared_ptr<const SourceFile> source, const YamlLimits& limits,
               DiagnosticSink* sink, YamlDocument* doc);

// Reads the top-level scalar values of `keys` (e.g. "id", "version") from a YAML map, stopping as
// soon as all are found, without building the document: a cheap look at what a file is. Keys not
// found (or not scalars) are left out of `*values`. Returns false on a syntax error before then.
bool PeekTopLevel(const std::string& text, const std::vector<std::string>& keys,
                  std::vector<std::pair<std::string, std::string>>* values);

// `text` as a YAML double-quoted scalar that reads back exactly: quotes, backslashes and control
// characters escaped.
std::string YamlQuote(std::string_view text);

// Checks that `text` is valid UTF-8; on failure returns false and sets `*bad_offset` to the byte
// offset of the first invalid sequence.
bool IsValidUtf8(std::string_view text, size_t* bad_offset);

}  // namespace sceau

#endif  // SCEAU_ENGINE_YAML_TREE_H_
