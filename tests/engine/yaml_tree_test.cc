#include "engine/yaml_tree.h"

#include <gtest/gtest.h>

#include "engine/wording.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Headlines;

struct Parsed {
  YamlDocument doc;
  std::vector<Diagnostic> diags;
  bool ok = false;
};

std::unique_ptr<Parsed> Parse(std::string text, YamlLimits limits = {}) {
  auto p = std::make_unique<Parsed>();
  auto src = std::make_shared<SourceFile>("t.yaml", std::move(text));
  DiagnosticSink sink(src);
  p->ok = ParseYaml(src, limits, &sink, &p->doc);
  p->diags = sink.Take();
  return p;
}

TEST(YamlTree, KeepsPositionsAndScalarStyle) {
  auto p = Parse("id: cedre\nversion: \"2026.10\"\nweight: 2.50\nlist:\n  - a\n  - 8.10\n");
  ASSERT_TRUE(p->ok);
  const YamlNode* root = p->doc.root();
  ASSERT_TRUE(root->is_map());
  ASSERT_EQ(root->pairs.size(), 4u);
  EXPECT_EQ(root->Get("version")->value, "2026.10");
  EXPECT_FALSE(root->Get("version")->plain);
  EXPECT_TRUE(root->Get("weight")->plain);
  EXPECT_EQ(root->Get("weight")->value, "2.50");  // as written, never reformatted
  const YamlNode* list = root->Get("list");
  ASSERT_TRUE(list->is_sequence());
  EXPECT_EQ(list->items[1]->value, "8.10");
  EXPECT_EQ(list->items[1]->where.line, 6);
  EXPECT_EQ(list->items[1]->where.column, 5);
  EXPECT_EQ(list->items[1]->where.length, 4);
  EXPECT_EQ(root->pairs[1].first->where.line, 2);  // keys keep their position too
}

TEST(YamlTree, ReportsDuplicateKeysAndKeepsTheFirst) {
  auto p = Parse("a: 1\nb: 2\na: 3\n");
  EXPECT_TRUE(p->ok);
  EXPECT_EQ(Headlines(p->diags),
            "t.yaml:3:1: error: duplicate key 'a' (first given at line 1) [duplicate-key]");
  EXPECT_EQ(p->doc.root()->Get("a")->value, "1");
  EXPECT_EQ(p->doc.root()->pairs.size(), 2u);
}

// A key that is a list or a map is named by its type, in the reader's language (the name once
// pointed into a freed string).
TEST(YamlTree, AKeyThatIsNoStringIsNamedByItsType) {
  auto p = Parse("? [a, b]\n: x\n? {c: 1}\n: y\n");
  EXPECT_EQ(Headlines(p->diags),
            "t.yaml:1:3: error: a key must be a plain string, not a list [bad-key]\n"
            "t.yaml:3:3: error: a key must be a plain string, not a map [bad-key]");
  ScopedDiagnosticLanguage french("fr");
  auto q = Parse("? [a, b]\n: x\n");
  EXPECT_EQ(Headlines(q->diags),
            "t.yaml:1:3: erreur: une clé doit être une simple chaîne, et non une liste [bad-key]");
}

TEST(YamlTree, RejectsASecondDocument) {
  auto p = Parse("a: 1\n---\nb: 2\n");
  EXPECT_FALSE(p->ok);
  EXPECT_EQ(Headlines(p->diags),
            "t.yaml:2:1: error: a second YAML document starts here; a file holds exactly one "
            "[multiple-documents]");
}

TEST(YamlTree, EmptyFileHasNoRoot) {
  auto p = Parse("# only a comment\n");
  EXPECT_TRUE(p->ok);
  EXPECT_EQ(p->doc.root(), nullptr);
}

TEST(YamlTree, BoundsNestingDepth) {
  auto p = Parse("a: " + std::string(70, '[') + "x" + std::string(70, ']') + "\n");
  EXPECT_FALSE(p->ok);
  // The root map is level 1; the 64th '[' (column 3 + 64) opens level 65.
  EXPECT_EQ(Headlines(p->diags), "t.yaml:1:67: error: nesting deeper than 64 levels [too-deep]");
}

TEST(YamlTree, AMegabyteOfOpenBracketsStopsAtTheLimit) {
  auto p = Parse("a: " + std::string(1 << 20, '[') + "\n");
  EXPECT_FALSE(p->ok);
  ASSERT_EQ(p->diags.size(), 1u);
  EXPECT_EQ(p->diags[0].code, "too-deep");
  EXPECT_EQ(p->diags[0].where.line, 1);
}

TEST(YamlTree, BoundsAliasExpansion) {
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(i - 1);
    bomb += "]\n";
  }
  YamlLimits limits;
  limits.max_nodes = 100000;
  auto p = Parse(bomb, limits);
  EXPECT_FALSE(p->ok);
  ASSERT_EQ(p->diags.size(), 1u);
  EXPECT_EQ(p->diags[0].code, "too-many-nodes");
  EXPECT_EQ(p->diags[0].where.line, 6);
}

TEST(YamlTree, SharedAliasesWithinTheLimitAreFine) {
  auto p = Parse("base: &b {fr: Oui, en: Yes}\nother: *b\n");
  ASSERT_TRUE(p->ok);
  EXPECT_EQ(p->doc.root()->Get("other")->Get("en")->value, "Yes");
}

TEST(YamlTree, ReportsInvalidUtf8WithItsBytePosition) {
  auto p = Parse("a: 1\nb: caf\xE9\n");
  EXPECT_FALSE(p->ok);
  EXPECT_EQ(
      Headlines(p->diags),
      "t.yaml:2:7: error: invalid UTF-8 byte 0xE9 at byte offset 11: the file must be UTF-8 text "
      "[invalid-utf8]");
}

TEST(YamlTree, ReportsSyntaxErrorsAtTheirPosition) {
  auto p = Parse("a: [1, 2\nb: 3\n");
  EXPECT_FALSE(p->ok);
  ASSERT_EQ(p->diags.size(), 1u);
  EXPECT_EQ(p->diags[0].code, "yaml-syntax");
  EXPECT_GT(p->diags[0].where.line, 0);
}

TEST(YamlTree, RejectsFilesOverTheSizeLimit) {
  YamlLimits limits;
  limits.max_file_bytes = 10;
  auto p = Parse("a: 12345678901\n", limits);
  EXPECT_FALSE(p->ok);
  EXPECT_EQ(Headlines(p->diags),
            "t.yaml: error: file is 15 bytes, over the limit of 10 bytes [file-too-large]");
}

TEST(Utf8, ValidatesEncodings) {
  size_t bad = 0;
  EXPECT_TRUE(IsValidUtf8("Référentiel « CEDRE » – œuvre", &bad));
  EXPECT_TRUE(IsValidUtf8("emoji \xF0\x9F\x98\x80", &bad));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF", &bad));  // overlong '/'
  EXPECT_EQ(bad, 0u);
  EXPECT_FALSE(IsValidUtf8("ab\xED\xA0\x80", &bad));  // surrogate
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82", &bad));  // truncated
  EXPECT_EQ(bad, 3u);
  EXPECT_FALSE(IsValidUtf8(std::string("a\0b", 3), &bad));  // NUL
  EXPECT_EQ(bad, 1u);
}

}  // namespace
}  // namespace sceau

namespace sceau {
namespace {

TEST(PeekTopLevel, ReadsTopLevelScalarsAndStopsEarly) {
  std::vector<std::pair<std::string, std::string>> v;
  // Stops once id and version are read: the broken text after them is never parsed.
  EXPECT_TRUE(
      PeekTopLevel("title: {fr: T}\nid: cap\nchapters: [{id: x}]\nversion: \"2026.1\"\n: : [\n",
                   {"id", "version"}, &v));
  EXPECT_EQ(
      v, (std::vector<std::pair<std::string, std::string>>{{"id", "cap"}, {"version", "2026.1"}}));
  // A nested 'id' is not the top-level one.
  EXPECT_TRUE(PeekTopLevel("chapters:\n  - id: nested\nversion: \"1\"\n", {"id", "version"}, &v));
  EXPECT_EQ(v, (std::vector<std::pair<std::string, std::string>>{{"version", "1"}}));
  EXPECT_FALSE(PeekTopLevel("id: [unclosed\n", {"id"}, &v));
}

}  // namespace
}  // namespace sceau
