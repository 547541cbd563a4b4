#include "tests/engine/bounds_util.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "engine/yaml_tree.h"
#include "tests/test_util.h"

namespace sceau::testing {
namespace {

using format::MapSpec;
using format::Type;
using format::ValueSpec;

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
  size_t base;       // index of the base document it comes from
  std::string text;
  bool valid;
};

}  // namespace

std::map<std::string, const ValueSpec*> DeclaredBoundedValues(const MapSpec& spec) {
  std::map<std::string, const ValueSpec*> out;
  format::WalkValues(spec, [&](const std::vector<format::PathStep>& path, const ValueSpec& v) {
    if (!v.bounded() && v.type != Type::kEnum) return;
    // The last key of the path, and the list and dict steps after it.
    size_t last = path.size();
    while (last > 0 && path[last - 1].map == nullptr) --last;
    std::string suffix;
    for (size_t i = last; i < path.size(); ++i) suffix += fmt::format(".{}", path[i].key);
    const format::PathStep& key = path[last - 1];
    out[Identity(*key.map, key.key, suffix)] = &v;
  });
  return out;
}

std::vector<std::string> CheckBounds(const BoundsOptions& options) {
  const MapSpec& spec = *options.spec;
  // Each base document must load, and is parsed along the spec.
  std::vector<std::shared_ptr<SourceFile>> sources;
  std::vector<YamlDocument> docs(options.bases.size());
  std::vector<Collector> collectors(options.bases.size());
  for (size_t b = 0; b < options.bases.size(); ++b) {
    const BoundsBase& base = options.bases[b];
    std::string diags;
    EXPECT_TRUE(options.load(base.name, base.text, &diags)) << base.label << "\n" << diags;
    sources.push_back(std::make_shared<SourceFile>(base.name, base.text));
    DiagnosticSink sink(sources.back());
    EXPECT_TRUE(ParseYaml(sources.back(), {}, &sink, &docs[b])) << base.label;
    collectors[b].Map(docs[b].root(), spec);
  }

  std::vector<Case> cases;
  std::vector<std::string> covered;
  for (const auto& [id, vp] : DeclaredBoundedValues(spec)) {
    size_t b = 0;
    while (b < collectors.size() && !collectors[b].found.count(id)) ++b;
    if (b == collectors.size()) {
      if (!options.excluded.count(id)) {
        std::string labels;
        for (const BoundsBase& base : options.bases) labels += " " + base.label;
        ADD_FAILURE() << "no base document (" << labels << " ) has '" << id
                      << "': add one so that its bounds are tested";
      }
      continue;
    }
    EXPECT_FALSE(options.excluded.count(id)) << id << " is excluded but found in a base document";
    covered.push_back(id);
    const Found& f = collectors[b].found.at(id);
    const ValueSpec& v = *vp;
    const YamlNode* first = f.nodes.front();
    const YamlNode* last = f.nodes.back();
    const std::string& text = options.bases[b].text;
    auto add = [&](const YamlNode* n, const std::string& value, bool valid) {
      cases.push_back({fmt::format("{} = {}", id, value), b, Replace(text, n, value), valid});
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
  EXPECT_GE(cases.size(), options.min_cases);

  TempDir dir;
  std::vector<std::string> valid_files, invalid_files;
  std::map<std::string, std::string> names;
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    std::string diags;
    bool ok = options.load(options.bases[c.base].name, c.text, &diags);
    EXPECT_EQ(ok, c.valid) << c.name << " in " << options.bases[c.base].label << "\n" << diags;
    std::string path = fmt::format("{}/case{}.yaml", dir.path(), i);
    std::ofstream(path) << c.text;
    (c.valid ? valid_files : invalid_files).push_back(path);
    names[path] = c.name;
  }

#ifdef SCEAU_PYTHON
  std::string schema = dir.path() + "/format.schema.json";
  std::ofstream(schema) << format::GenerateJsonSchema(spec, options.schema_info);
  auto run = [&](const std::vector<std::string>& files, bool expect_invalid) {
    if (files.empty()) return;
    std::string cmd =
        fmt::format("'{}' '{}' {} '{}'", SCEAU_PYTHON, SourcePath("tests/schema/check_schema.py"),
                    expect_invalid ? "--expect-invalid" : "", schema);
    for (const std::string& f : files) cmd += " '" + f + "'";
    cmd += " > '" + dir.path() + "/out.txt' 2>&1";
    int rc = std::system(cmd.c_str());
    std::string out = ReadFile(dir.path() + "/out.txt");
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
  return covered;
}

}  // namespace sceau::testing
