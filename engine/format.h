// The declarative description of sceau's YAML formats: for every map of a format, its keys with
// type, required or optional, default, bounds, allowed values and a one-line doc. Loaders read
// through it (see Fields in engine/yaml_reader.h), and the JSON Schemas are generated from it
// (GenerateJsonSchema), so that a key is declared once.
//
// Usage guide
// -----------
// A map is described by a function returning a `const MapSpec&` built from constexpr tables, so
// that specs may refer to one another (even recursively) without static-initialisation order
// problems:
//
//   namespace sceau::format {
//   constexpr ValueSpec kWeight = NumberAbove(0, 1000, "bad-weight");
//   const MapSpec& ChapterSpec() {
//     static constexpr KeySpec kKeys[] = {
//         {"id", Id(), kRequired, {}, "Chapter id, unique in the referential."},
//         {"weight", kWeight, kOptional, "1", "Weight of the chapter in scores."},
//         {"chapters", ListOf(&kChapterItem), kOptional, {}, "Sub-chapters."},
//     };
//     static constexpr MapSpec kSpec{"chapter", "A chapter.", kKeys};
//     return kSpec;
//   }
//   }  // namespace sceau::format
//
// where `constexpr ValueSpec kChapterItem = Map(ChapterSpec);` names the map lazily.
//
// A loader then reads a map with
//
//   Fields f(&reader, node, format::ChapterSpec(), "chapter 'C-1'");
//   auto id = f.Id("id", "the chapter id");   // missing-key when required and absent
//   auto w = f.Number("weight");              // type and bounds from the spec, one wording
//   f.Finish();                               // unknown keys, with did-you-mean
//
// Asking a Fields for a key its spec does not declare is a programming error: the process aborts
// with a message naming the map and the key (tests catch it at once).
//
// Error wordings (one per class; `what` is "'key' of <context>" unless the reader names it):
//   wrong type      "<what> must be <a number>, not <a string>"                     [wrong-type]
//   out of bounds   "<what> must be between <min> and <max><unit>, not <value>"     [code of spec]
//                   "<what> must be greater than <min> and at most <max><unit>, not <value>"
//                   "<what> must be at least <min><unit>, not <value>" (and the like)
//   unknown value   "<what> must be <a, b or c>, not '<value>' (did you mean 'b'?)" [bad-value]
//   unknown key     "unknown key '<key>' in <context> (did you mean '<key>'?)"       [unknown-key]
//   missing key     "<context> has no '<key>', which is required"                   [missing-key]
#ifndef SCEAU_ENGINE_FORMAT_H_
#define SCEAU_ENGINE_FORMAT_H_

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sceau::format {

enum class Type {
  kString,   // any scalar, read as its text
  kId,       // [A-Za-z0-9][A-Za-z0-9._-]*
  kText,     // a string (French) or a map of language codes to strings, 'fr' required
  kInteger,  // a whole number
  kNumber,   // a finite number
  kBool,     // true or false
  kDate,     // YYYY-MM-DD, a date that exists
  kEnum,     // a string among `names()`
  kMap,      // a map described by `map()`
  kList,     // a list of `item`
  kDict,     // a map of free keys to `item`
  kOneOf,    // one of `alternatives` (maps), chosen by the value of their `discriminator` key
  kAny,      // checked by the loader by hand; `schema` gives its JSON Schema fragment
};

struct MapSpec;
// Lazy references, so that specs may refer to each other in any order.
using MapRef = const MapSpec& (*)();
using NamesRef = std::span<const std::string_view> (*)();

// The type of a value, with its constraints.
struct ValueSpec {
  Type type = Type::kAny;
  MapRef map = nullptr;                  // kMap
  const ValueSpec* item = nullptr;       // kList: the items; kDict: the values
  NamesRef names = nullptr;              // kEnum: the allowed values, from the engine's name table
  std::span<const MapRef> alternatives;  // kOneOf
  std::string_view discriminator;        // kOneOf: the key whose (enum) value picks the alternative
  // Bounds of kInteger and kNumber values.
  bool has_min = false;
  bool has_max = false;
  bool exclusive_min = false;  // greater than `min`, not equal
  double min = 0;
  double max = 0;
  std::string_view unit;        // said after the upper bound in messages: " months"
  std::string_view range_code;  // diagnostic code when out of bounds; "bad-value" when empty
  size_t min_items = 0;         // kList: fewest items the schema allows
  std::string_view schema;      // kAny: JSON Schema fragment; others: JSON object merged in

  bool bounded() const { return has_min || has_max; }
};

inline constexpr bool kRequired = true;
inline constexpr bool kOptional = false;

// One key of a map.
struct KeySpec {
  std::string_view name;
  ValueSpec value;
  bool required = false;
  std::string_view default_value;  // as JSON text ("1", "true", "\"fr\""), empty when none
  std::string_view doc;            // one line: the schema's description (editor hover text)
};

// A map: its keys.
struct MapSpec {
  constexpr MapSpec(std::string_view name_, std::string_view doc_, std::span<const KeySpec> keys_,
                    std::string_view schema_ = {})
      : name(name_), doc(doc_), keys(keys_), schema(schema_) {}

  std::string_view name;  // the schema's definition name ("criterion"); unique in a format
  std::string_view doc;
  std::span<const KeySpec> keys;
  std::string_view schema;  // JSON object merged into the map's schema ({"maxProperties": 1})

  // The key named `name`, or nullptr.
  const KeySpec* Find(std::string_view key) const;
  // The index of `key` in `keys`, or -1.
  int IndexOf(std::string_view key) const;
};

// ---- building values (constexpr, for the spec tables) ------------------------------------------
constexpr ValueSpec Of(Type type) {
  ValueSpec v;
  v.type = type;
  return v;
}
constexpr ValueSpec String() { return Of(Type::kString); }
constexpr ValueSpec Id() { return Of(Type::kId); }
constexpr ValueSpec Text() { return Of(Type::kText); }
constexpr ValueSpec Bool() { return Of(Type::kBool); }
constexpr ValueSpec Date() { return Of(Type::kDate); }
constexpr ValueSpec Integer() { return Of(Type::kInteger); }
constexpr ValueSpec Number() { return Of(Type::kNumber); }
// `v` with `json` (a JSON object) merged into its schema: {"pattern": "^[a-z]{2}$"}.
constexpr ValueSpec WithSchema(ValueSpec v, std::string_view json) {
  v.schema = json;
  return v;
}
constexpr ValueSpec Bounded(Type type, bool has_min, double min, bool exclusive_min, bool has_max,
                            double max, std::string_view code, std::string_view unit) {
  ValueSpec v = Of(type);
  v.has_min = has_min;
  v.min = min;
  v.exclusive_min = exclusive_min;
  v.has_max = has_max;
  v.max = max;
  v.range_code = code;
  v.unit = unit;
  return v;
}
// min <= value <= max.
constexpr ValueSpec IntegerIn(double min, double max, std::string_view code = {},
                              std::string_view unit = {}) {
  return Bounded(Type::kInteger, true, min, false, true, max, code, unit);
}
// min <= value.
constexpr ValueSpec IntegerAtLeast(double min, std::string_view code = {}) {
  return Bounded(Type::kInteger, true, min, false, false, 0, code, {});
}
constexpr ValueSpec NumberIn(double min, double max, std::string_view code = {},
                             std::string_view unit = {}) {
  return Bounded(Type::kNumber, true, min, false, true, max, code, unit);
}
// min <= value.
constexpr ValueSpec NumberAtLeast(double min, std::string_view code = {}) {
  return Bounded(Type::kNumber, true, min, false, false, 0, code, {});
}
// min < value <= max.
constexpr ValueSpec NumberAbove(double min, double max, std::string_view code = {},
                                std::string_view unit = {}) {
  return Bounded(Type::kNumber, true, min, true, true, max, code, unit);
}
constexpr ValueSpec Enum(NamesRef names) {
  ValueSpec v = Of(Type::kEnum);
  v.names = names;
  return v;
}
constexpr ValueSpec Map(MapRef map) {
  ValueSpec v = Of(Type::kMap);
  v.map = map;
  return v;
}
constexpr ValueSpec ListOf(const ValueSpec* item, size_t min_items = 0,
                           std::string_view schema = {}) {
  ValueSpec v = Of(Type::kList);
  v.item = item;
  v.min_items = min_items;
  v.schema = schema;
  return v;
}
constexpr ValueSpec DictOf(const ValueSpec* value) {
  ValueSpec v = Of(Type::kDict);
  v.item = value;
  return v;
}
constexpr ValueSpec OneOf(std::span<const MapRef> alternatives, std::string_view discriminator) {
  ValueSpec v = Of(Type::kOneOf);
  v.alternatives = alternatives;
  v.discriminator = discriminator;
  return v;
}
// A value the loader checks by hand; `json_schema` is its schema fragment.
constexpr ValueSpec Custom(std::string_view json_schema) {
  return WithSchema(Of(Type::kAny), json_schema);
}

// kOneOf: the alternative whose discriminator key allows `value`, or nullptr.
const MapSpec* AlternativeFor(const ValueSpec& one_of, std::string_view value);

// ---- messages ----------------------------------------------------------------------------------
// "a, b or c".
std::string JoinOr(std::span<const std::string_view> names);
// The bounds phrase of a bounded value: "between 1 and 240 months", "greater than 0 and at most
// 1000", "at least 0".
std::string BoundsPhrase(const ValueSpec& v);
// True when `x` lies within the bounds of `v`.
bool WithinBounds(const ValueSpec& v, double x);

// ---- walking and schemas -----------------------------------------------------------------------
// One step of a path from a format's root to a value: a key, or "[]" for any item of a list, or
// "*" for any key of a dict.
struct PathStep {
  std::string_view key;
  const KeySpec* spec = nullptr;  // the key's spec; nullptr for "[]" and "*"
  const MapSpec* map = nullptr;   // the map that declares the key; nullptr for "[]" and "*"
};

// Calls `visit(path, value)` for every value reachable from `root`, each map's keys once (the
// first path that reaches a map is the one given), depth first in declaration order.
void WalkValues(const MapSpec& root,
                const std::function<void(const std::vector<PathStep>&, const ValueSpec&)>& visit);

struct SchemaInfo {
  std::string_view title;        // "sceau referential"
  std::string_view description;  // the schema's top-level description
};

// The JSON Schema (draft-07) of the format whose root map is `root`: every map reached becomes a
// definition, with additionalProperties false, its required keys, and for each key its type,
// enum, bounds, default and doc (as `description`). Deterministic: same spec, same bytes. Ends
// with a newline.
std::string GenerateJsonSchema(const MapSpec& root, const SchemaInfo& info);

}  // namespace sceau::format

#endif  // SCEAU_ENGINE_FORMAT_H_
