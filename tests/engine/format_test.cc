#include "engine/format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/yaml_reader.h"
#include "engine/yaml_tree.h"
#include "tests/test_util.h"

namespace sceau::format {
namespace {

using sceau::testing::Headlines;

constexpr std::string_view kColours[] = {"red", "green", "blue"};
std::span<const std::string_view> ColourNames() { return kColours; }

const MapSpec& NodeSpec();
constexpr ValueSpec kNodeItem = Map(NodeSpec);
constexpr ValueSpec kColourItem = Enum(ColourNames);
constexpr ValueSpec kMonths = IntegerIn(1, 240, "bad-value", " months");

// A small recursive format: a node has children of its own kind.
const MapSpec& NodeSpec() {
  static constexpr ValueSpec kChildren = ListOf(&kNodeItem);
  static constexpr ValueSpec kColourList = ListOf(&kColourItem, 1);
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, "Node id."},
      {"weight", NumberAbove(0, 1000, "bad-weight"), kOptional, "1", "Weight, default 1."},
      {"months", kMonths, kOptional, {}, "Months."},
      {"colour", Enum(ColourNames), kOptional, "\"red\"", "Colour."},
      {"colours", kColourList, kOptional, {}, "Colours."},
      {"children", kChildren, kOptional, {}, "Sub-nodes."},
  };
  static constexpr MapSpec kSpec{"node", "A node of the tree.", kKeys};
  return kSpec;
}

struct Read {
  std::string headlines;
  std::optional<double> weight;
  std::optional<long long> months;
  std::optional<std::string_view> colour;
};

Read ReadNode(std::string text) {
  auto src = std::make_shared<SourceFile>("t.yaml", std::move(text));
  DiagnosticSink sink(src);
  YamlDocument doc;
  Read out;
  if (ParseYaml(src, {}, &sink, &doc)) {
    YamlReader r(&sink);
    Fields f(&r, doc.root(), NodeSpec(), "node 'n'");
    f.Id("id");
    out.weight = f.Number("weight");
    out.months = f.Integer("months");
    out.colour = f.Enum("colour");
    f.Optional("colours");
    f.Optional("children");
    f.Finish();
  }
  out.headlines = Headlines(sink.Take());
  return out;
}

TEST(FormatFields, ReadsValidValues) {
  Read r = ReadNode("id: n\nweight: 2.5\nmonths: 240\ncolour: blue\n");
  EXPECT_EQ(r.headlines, "");
  EXPECT_EQ(r.weight, 2.5);
  EXPECT_EQ(r.months, 240);
  EXPECT_EQ(r.colour, "blue");
}

TEST(FormatFields, ReportsEachClassOfErrorWithOneWording) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const Case cases[] = {
      {"id: n\nweight: 0\n",
       "t.yaml:2:9: error: 'weight' of node 'n' must be greater than 0 and at most 1000, not 0 "
       "[bad-weight]"},
      {"id: n\nmonths: 241\n",
       "t.yaml:2:9: error: 'months' of node 'n' must be between 1 and 240 months, not 241 "
       "[bad-value]"},
      {"id: n\nmonths: many\n",
       "t.yaml:2:9: error: 'months' of node 'n' must be a whole number, not a string "
       "[wrong-type]"},
      {"id: n\ncolour: bleu\n",
       "t.yaml:2:9: error: 'colour' of node 'n' must be red, green or blue, not 'bleu' (did you "
       "mean 'blue'?) [bad-value]"},
      {"id: n\ncolur: red\n",
       "t.yaml:2:1: error: unknown key 'colur' in node 'n' (did you mean 'colour'?) "
       "[unknown-key]"},
      {"weight: 1\n", "t.yaml:1:1: error: node 'n' has no 'id', which is required [missing-key]"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ReadNode(c.text).headlines, c.expected) << c.text;
  }
}

TEST(FormatFields, ADeclaredKeyNotReadIsUnknownWithoutSuggestingItself) {
  auto src = std::make_shared<SourceFile>("t.yaml", std::string("id: n\nchildren: []\n"));
  DiagnosticSink sink(src);
  YamlDocument doc;
  ASSERT_TRUE(ParseYaml(src, {}, &sink, &doc));
  YamlReader r(&sink);
  Fields f(&r, doc.root(), NodeSpec(), "node 'n'");
  f.Id("id");
  f.Finish();
  EXPECT_EQ(Headlines(sink.Take()),
            "t.yaml:2:1: error: unknown key 'children' in node 'n' [unknown-key]");
}

TEST(FormatFieldsDeathTest, AskingForAnUndeclaredKeyAborts) {
  auto src = std::make_shared<SourceFile>("t.yaml", std::string("id: n\n"));
  DiagnosticSink sink(src);
  YamlDocument doc;
  ASSERT_TRUE(ParseYaml(src, {}, &sink, &doc));
  YamlReader r(&sink);
  Fields f(&r, doc.root(), NodeSpec(), "node 'n'");
  EXPECT_DEATH(f.Optional("nope"), "format spec 'node' does not declare key 'nope'");
}

TEST(Format, BoundsPhrases) {
  EXPECT_EQ(BoundsPhrase(IntegerIn(1, 240, "", " months")), "between 1 and 240 months");
  EXPECT_EQ(BoundsPhrase(NumberAbove(0, 1000)), "greater than 0 and at most 1000");
  EXPECT_EQ(BoundsPhrase(IntegerAtLeast(0)), "at least 0");
  EXPECT_EQ(BoundsPhrase(NumberAbove(0, 1000000)), "greater than 0 and at most 1000000");
  EXPECT_TRUE(WithinBounds(NumberAbove(0, 1), 1));
  EXPECT_FALSE(WithinBounds(NumberAbove(0, 1), 0));
  EXPECT_TRUE(WithinBounds(IntegerIn(1, 240), 1));
  EXPECT_FALSE(WithinBounds(IntegerIn(1, 240), 241));
  EXPECT_EQ(JoinOr(kColours), "red, green or blue");
}

TEST(Format, WalksARecursiveSpecOnce) {
  std::vector<std::string> paths;
  WalkValues(NodeSpec(), [&](const std::vector<PathStep>& path, const ValueSpec& v) {
    std::string p;
    for (const PathStep& s : path) p += (p.empty() ? "" : ".") + std::string(s.key);
    if (v.bounded() || v.type == Type::kEnum) paths.push_back(p);
  });
  EXPECT_THAT(paths, ::testing::ElementsAre("weight", "months", "colour", "colours.[]"));
}

TEST(Format, GeneratesADraft7Schema) {
  std::string schema = GenerateJsonSchema(NodeSpec(), {"t", "A tree."});
  EXPECT_EQ(schema, R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "t",
  "description": "A tree.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "id"
  ],
  "properties": {
    "id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
      "description": "Node id."
    },
    "weight": {
      "type": "number",
      "exclusiveMinimum": 0,
      "maximum": 1000,
      "description": "Weight, default 1.",
      "default": 1
    },
    "months": {
      "type": "integer",
      "minimum": 1,
      "maximum": 240,
      "description": "Months."
    },
    "colour": {
      "type": "string",
      "enum": [
        "red",
        "green",
        "blue"
      ],
      "description": "Colour.",
      "default": "red"
    },
    "colours": {
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "string",
        "enum": [
          "red",
          "green",
          "blue"
        ]
      },
      "description": "Colours."
    },
    "children": {
      "type": "array",
      "items": {
        "$ref": "#/definitions/node"
      },
      "description": "Sub-nodes."
    }
  },
  "definitions": {
    "node": {
      "type": "object",
      "description": "A node of the tree.",
      "additionalProperties": false,
      "required": [
        "id"
      ],
      "properties": {
        "id": {
          "type": "string",
          "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
          "description": "Node id."
        },
        "weight": {
          "type": "number",
          "exclusiveMinimum": 0,
          "maximum": 1000,
          "description": "Weight, default 1.",
          "default": 1
        },
        "months": {
          "type": "integer",
          "minimum": 1,
          "maximum": 240,
          "description": "Months."
        },
        "colour": {
          "type": "string",
          "enum": [
            "red",
            "green",
            "blue"
          ],
          "description": "Colour.",
          "default": "red"
        },
        "colours": {
          "type": "array",
          "minItems": 1,
          "items": {
            "type": "string",
            "enum": [
              "red",
              "green",
              "blue"
            ]
          },
          "description": "Colours."
        },
        "children": {
          "type": "array",
          "items": {
            "$ref": "#/definitions/node"
          },
          "description": "Sub-nodes."
        }
      }
    }
  }
}
)");
}

}  // namespace
}  // namespace sceau::format
