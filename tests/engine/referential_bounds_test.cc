// Every bounded or enumerated key of the referential format, taken from its description
// (engine/referential_spec.cc): a value just outside the bounds fails both the loader and the
// generated JSON Schema, a value on the bound passes both. The cases are built from
// tests/schema/bounds_base.yaml, which must hold each such key at least once.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/format.h"
#include "engine/format_specs.h"
#include "engine/referential_loader.h"
#include "engine/yaml_tree.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using format::MapSpec;
using format::Type;
using format::ValueSpec;

// "criterion.weight", "decision.deadlines.*", "applicability.kinds.[]": a key of a map, then the
// items of lists and dicts below it.
std::string Identity(const MapSpec& map, std::string_view key, const std::string& suffix) {
  return fmt::format("{}.{}{}", map.name, key, suffix);
}

struct Found {
  const ValueSpec* spec = nullptr;
  std::vector<const YamlNode*> nodes;  // in document order
};

// Walks the document along the spec, collecting the nodes of bounded and enumerated values.
class Collector {
 public:
  std::map<std::string, Found> found;

  void Map(const YamlNode* n, const MapSpec& spec) {
    if (!n || !n->is_map()) return;
    for (const auto& [key, value] : n->pairs) {
      const format::KeySpec* k = spec.Find(key->value);
      if (k) Value(value, k->value, Identity(spec, k->name, ""));
    }
  }

  void Value(const YamlNode* n, const ValueSpec& v, const std::string& id) {
    if (!n) return;
    if (v.bounded() || v.type == Type::kEnum) {
      Found& f = found[id];
      f.spec = &v;
      f.nodes.push_back(n);
    }
    switch (v.type) {
      case Type::kMap:
        Map(n, v.map());
        break;
      case Type::kList:
        if (n->is_sequence()) {
          for (const YamlNode* item : n->items) Value(item, *v.item, id + ".[]");
        }
        break;
      case Type::kDict:
        if (n->is_map()) {
          for (const auto& [key, value] : n->pairs) Value(value, *v.item, id + ".*");
        }
        break;
      case Type::kOneOf: {
        const YamlNode* d = n->is_map() ? n->Get(v.discriminator) : nullptr;
        const MapSpec* alt = d ? format::AlternativeFor(v, d->value) : nullptr;
        if (alt) Map(n, *alt);
        break;
      }
      default:
        break;
    }
  }
};

// Every bounded or enumerated value the spec declares, by identity.
std::map<std::string, const ValueSpec*> DeclaredBoundedValues() {
  std::map<std::string, const ValueSpec*> out;
  format::WalkValues(format::ReferentialSpec(),
                     [&](const std::vector<format::PathStep>& path, const ValueSpec& v) {
                       if (!v.bounded() && v.type != Type::kEnum) return;
                       // The last key of the path, and the list and dict steps after it.
                       size_t last = path.size();
                       while (last > 0 && path[last - 1].map == nullptr) --last;
                       std::string suffix;
                       for (size_t i = last; i < path.size(); ++i) {
                         suffix += fmt::format(".{}", path[i].key);
                       }
                       const format::PathStep& key = path[last - 1];
                       out[Identity(*key.map, key.key, suffix)] = &v;
                     });
  return out;
}

// `text` with the scalar `n` replaced by `value`.
std::string Replace(const std::string& text, const YamlNode* n, const std::string& value) {
  std::istringstream in(text);
  std::string line, out;
  int number = 0;
  while (std::getline(in, line)) {
    if (++number == n->where.line) {
      // The column counts code points: skip UTF-8 continuation bytes.
      size_t col = 0;
      for (int cp = 1; cp < n->where.column && col < line.size(); ++cp) {
        ++col;
        while (col < line.size() && (static_cast<unsigned char>(line[col]) & 0xC0) == 0x80) ++col;
      }
      EXPECT_EQ(line.substr(col, n->value.size()), n->value) << "line " << number;
      line = line.substr(0, col) + value + line.substr(col + n->value.size());
    }
    out += line + "\n";
  }
  return out;
}

std::string Num(double x) { return fmt::format("{}", x); }

struct Case {
  std::string name;  // "criterion.weight = 0"
  std::string text;
  bool valid;
};

std::vector<Case> MakeCases(const std::string& base, const std::map<std::string, Found>& found,
                            std::vector<std::string>* missing) {
  std::vector<Case> cases;
  for (const auto& [id, spec] : DeclaredBoundedValues()) {
    auto it = found.find(id);
    if (it == found.end()) {
      missing->push_back(id);
      continue;
    }
    const ValueSpec& v = *spec;
    const YamlNode* first = it->second.nodes.front();
    const YamlNode* last = it->second.nodes.back();
    auto add = [&](const YamlNode* n, const std::string& value, bool valid) {
      cases.push_back({fmt::format("{} = {}", id, value), Replace(base, n, value), valid});
    };
    double step = v.type == Type::kInteger ? 1 : 0.5;
    if (v.type == Type::kEnum) {
      // The allowed values themselves are the schema's enum, from the same table.
      add(first, std::string(v.names()[0]) + "x", false);
      continue;
    }
    if (v.has_min) {
      add(first, Num(v.exclusive_min ? v.min : v.min - step), false);
      if (!v.exclusive_min) add(first, Num(v.min), true);
    }
    if (v.has_max) {
      add(last, Num(v.max + step), false);
      add(last, Num(v.max), true);
    }
  }
  return cases;
}

TEST(ReferentialBounds, LoaderAndSchemaAgreeOnEveryBoundedKey) {
  const std::string base_path = testing::SourcePath("tests/schema/bounds_base.yaml");
  const std::string base = testing::ReadFile(base_path);
  ReferentialLoad load = LoadReferentialFromString("bounds.yaml", base);
  ASSERT_TRUE(load.ok()) << testing::Headlines(load.diagnostics);

  auto src = std::make_shared<SourceFile>("bounds.yaml", base);
  DiagnosticSink sink(src);
  YamlDocument doc;
  ASSERT_TRUE(ParseYaml(src, {}, &sink, &doc));
  Collector collector;
  collector.Map(doc.root(), format::ReferentialSpec());

  std::vector<std::string> missing;
  std::vector<Case> cases = MakeCases(base, collector.found, &missing);
  for (const std::string& id : missing) {
    ADD_FAILURE() << "tests/schema/bounds_base.yaml has no '" << id
                  << "': add one so that its bounds are tested";
  }
  ASSERT_GT(cases.size(), 40u);

  testing::TempDir dir;
  std::vector<std::string> valid_files, invalid_files;
  std::map<std::string, std::string> names;
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    ReferentialLoad l = LoadReferentialFromString("case.yaml", c.text);
    EXPECT_EQ(l.ok(), c.valid) << c.name << "\n" << testing::Headlines(l.diagnostics);
    std::string path = fmt::format("{}/case{}.yaml", dir.path(), i);
    std::ofstream(path) << c.text;
    (c.valid ? valid_files : invalid_files).push_back(path);
    names[path] = c.name;
  }

#ifdef SCEAU_PYTHON
  std::string schema = dir.path() + "/referential.schema.json";
  std::ofstream(schema) << format::GenerateJsonSchema(format::ReferentialSpec(),
                                                      format::ReferentialSchemaInfo());
  auto run = [&](const std::vector<std::string>& files, bool expect_invalid) {
    std::string cmd = fmt::format("'{}' '{}' {} '{}'", SCEAU_PYTHON,
                                  testing::SourcePath("tests/schema/check_schema.py"),
                                  expect_invalid ? "--expect-invalid" : "", schema);
    for (const std::string& f : files) cmd += " '" + f + "'";
    cmd += " > '" + dir.path() + "/out.txt' 2>&1";
    int rc = std::system(cmd.c_str());
    std::string out = testing::ReadFile(dir.path() + "/out.txt");
    if (expect_invalid) {
      // check_schema.py names each file it found valid.
      for (const std::string& f : files) {
        EXPECT_EQ(out.find(f + ": (root): valid, but expected to be invalid"), std::string::npos)
            << "the schema accepts " << names[f];
      }
    } else {
      for (const std::string& f : files) {
        EXPECT_EQ(out.find(f + ":"), std::string::npos) << "the schema refuses " << names[f];
      }
    }
    EXPECT_EQ(rc, 0) << out;
  };
  run(invalid_files, true);
  run(valid_files, false);
#endif
}

}  // namespace
}  // namespace sceau
