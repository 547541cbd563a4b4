#include "engine/format.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/wording.h"

namespace sceau::format {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kIdPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

// A bound as JSON: an integer when it is one, so that 1000 is not written 1000.0.
Json NumberJson(double x) {
  if (std::trunc(x) == x && std::fabs(x) < 9e15) return Json(static_cast<int64_t>(x));
  return Json(x);
}

std::string Num(double x) { return fmt::format("{}", x); }

// Merges the JSON object `extra` (may be empty) into `out`.
void Merge(std::string_view extra, Json* out) {
  if (extra.empty()) return;
  Json e = Json::parse(extra);
  for (auto it = e.begin(); it != e.end(); ++it) (*out)[it.key()] = it.value();
}

class SchemaWriter {
 public:
  Json Root(const MapSpec& root, const SchemaInfo& info) {
    Json out;
    out["$schema"] = "http://json-schema.org/draft-07/schema#";
    out["title"] = info.title;
    out["description"] = info.description;
    Json body = MapBody(root);
    for (auto it = body.begin(); it != body.end(); ++it) {
      if (it.key() != "description") out[it.key()] = it.value();
    }
    visited_.insert(&root);
    if (!definitions_.empty()) out["definitions"] = definitions_;
    return out;
  }

 private:
  Json MapBody(const MapSpec& m) {
    Json out;
    out["type"] = "object";
    out["description"] = m.doc;
    out["additionalProperties"] = false;
    Json required = Json::array();
    for (const KeySpec& k : m.keys) {
      if (k.required) required.push_back(k.name);
    }
    if (!required.empty()) out["required"] = required;
    Json props = Json::object();
    for (const KeySpec& k : m.keys) {
      Json p = Value(k.value);
      if (!k.doc.empty()) p["description"] = k.doc;
      if (!k.default_value.empty()) p["default"] = Json::parse(k.default_value);
      props[std::string(k.name)] = std::move(p);
    }
    out["properties"] = std::move(props);
    Merge(m.schema, &out);
    return out;
  }

  Json Ref(const MapSpec& m) {
    std::string name(m.name);
    if (visited_.insert(&m).second) {
      definitions_[name] = Json();  // reserve the place: definitions in order of first use
      definitions_[name] = MapBody(m);
    }
    return Json{{"$ref", "#/definitions/" + name}};
  }

  Json TextRef() {
    if (!definitions_.contains("text")) {
      definitions_["text"] = Json::parse(R"({
        "description": "A text: a plain string (French), or a map of language code to string with 'fr' required. Example: {fr: Accueil, en: Reception}.",
        "anyOf": [
          {"type": "string"},
          {"type": "object", "required": ["fr"], "minProperties": 1,
           "patternProperties": {"^[a-z]{2}$": {"type": "string"}},
           "additionalProperties": false}
        ]})");
    }
    return Json{{"$ref", "#/definitions/text"}};
  }

  Json Value(const ValueSpec& v) {
    Json out;
    switch (v.type) {
      case Type::kString:
        out["type"] = "string";
        break;
      case Type::kId:
        out["type"] = "string";
        out["pattern"] = kIdPattern;
        break;
      case Type::kText:
        out = TextRef();
        break;
      case Type::kInteger:
      case Type::kNumber:
        out["type"] = v.type == Type::kInteger ? "integer" : "number";
        if (v.has_min) out[v.exclusive_min ? "exclusiveMinimum" : "minimum"] = NumberJson(v.min);
        if (v.has_max) out["maximum"] = NumberJson(v.max);
        break;
      case Type::kBool:
        out["type"] = "boolean";
        break;
      case Type::kDate:
        out["type"] = "string";
        out["pattern"] = "^\\d{4}-\\d{2}-\\d{2}$";
        out["format"] = "date";
        break;
      case Type::kEnum: {
        std::span<const std::string_view> names = v.names();
        if (names.size() == 1) {
          out["const"] = names[0];
        } else {
          out["type"] = "string";
          Json values = Json::array();
          for (std::string_view n : names) values.push_back(n);
          out["enum"] = std::move(values);
        }
        break;
      }
      case Type::kMap:
        out = Ref(v.map());
        break;
      case Type::kList:
        out["type"] = "array";
        if (v.min_items > 0) out["minItems"] = v.min_items;
        out["items"] = Value(*v.item);
        break;
      case Type::kDict:
        out["type"] = "object";
        out["additionalProperties"] = Value(*v.item);
        break;
      case Type::kOneOf: {
        Json alternatives = Json::array();
        for (MapRef m : v.alternatives) alternatives.push_back(Ref(m()));
        out["oneOf"] = std::move(alternatives);
        break;
      }
      case Type::kAny:
        return v.schema.empty() ? Json::object() : Json::parse(v.schema);
    }
    Merge(v.schema, &out);
    return out;
  }

  std::set<const MapSpec*> visited_;
  Json definitions_ = Json::object();
};

void Walk(const MapSpec& m, std::vector<PathStep>* path, std::set<const MapSpec*>* seen,
          const std::function<void(const std::vector<PathStep>&, const ValueSpec&)>& visit);

void WalkValue(const ValueSpec& v, std::vector<PathStep>* path, std::set<const MapSpec*>* seen,
               const std::function<void(const std::vector<PathStep>&, const ValueSpec&)>& visit) {
  visit(*path, v);
  switch (v.type) {
    case Type::kMap:
      Walk(v.map(), path, seen, visit);
      break;
    case Type::kList:
    case Type::kDict:
      path->push_back({v.type == Type::kList ? "[]" : "*", nullptr});
      WalkValue(*v.item, path, seen, visit);
      path->pop_back();
      break;
    case Type::kOneOf:
      for (MapRef m : v.alternatives) Walk(m(), path, seen, visit);
      break;
    default:
      break;
  }
}

void Walk(const MapSpec& m, std::vector<PathStep>* path, std::set<const MapSpec*>* seen,
          const std::function<void(const std::vector<PathStep>&, const ValueSpec&)>& visit) {
  if (!seen->insert(&m).second) return;
  for (const KeySpec& k : m.keys) {
    path->push_back({k.name, &k, &m});
    WalkValue(k.value, path, seen, visit);
    path->pop_back();
  }
}

}  // namespace

const KeySpec* MapSpec::Find(std::string_view key) const {
  for (const KeySpec& k : keys) {
    if (k.name == key) return &k;
  }
  return nullptr;
}

int MapSpec::IndexOf(std::string_view key) const {
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].name == key) return static_cast<int>(i);
  }
  return -1;
}

const MapSpec* AlternativeFor(const ValueSpec& one_of, std::string_view value) {
  for (MapRef ref : one_of.alternatives) {
    const MapSpec& m = ref();
    const KeySpec* k = m.Find(one_of.discriminator);
    if (k == nullptr || k->value.type != Type::kEnum) continue;
    for (std::string_view n : k->value.names()) {
      if (n == value) return &m;
    }
  }
  return nullptr;
}

std::string JoinOr(std::span<const std::string_view> names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? Tr(" or ") : std::string(", ");
    out += names[i];
  }
  return out;
}

std::string BoundsPhrase(const ValueSpec& v) {
  if (v.has_min && v.has_max) {
    if (v.exclusive_min) {
      return Fmt("greater than {} and at most {}{}", Num(v.min), Num(v.max), Tr(v.unit));
    }
    return Fmt("between {} and {}{}", Num(v.min), Num(v.max), Tr(v.unit));
  }
  if (v.has_min) {
    return v.exclusive_min ? Fmt("greater than {}{}", Num(v.min), Tr(v.unit))
                           : Fmt("at least {}{}", Num(v.min), Tr(v.unit));
  }
  if (v.has_max) return Fmt("at most {}{}", Num(v.max), Tr(v.unit));
  return "";
}

bool WithinBounds(const ValueSpec& v, double x) {
  if (v.has_min && (v.exclusive_min ? x <= v.min : x < v.min)) return false;
  if (v.has_max && x > v.max) return false;
  return true;
}

void WalkValues(const MapSpec& root,
                const std::function<void(const std::vector<PathStep>&, const ValueSpec&)>& visit) {
  std::vector<PathStep> path;
  std::set<const MapSpec*> seen;
  Walk(root, &path, &seen, visit);
}

std::string GenerateJsonSchema(const MapSpec& root, const SchemaInfo& info) {
  SchemaWriter writer;
  return writer.Root(root, info).dump(2, ' ', false) + "\n";
}

}  // namespace sceau::format
