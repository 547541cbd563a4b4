#include "cli/grid_template.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/grid_layout.h"
#include "engine/referential_loader.h"
#include "engine/yaml_tree.h"
#include "tests/test_util.h"

namespace sceau::cli {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::RunSceau;
using testing::Shell;
using testing::TempDir;

// The shipped referential a dossier names.
std::shared_ptr<const Referential> ReferentialOf(const YamlNode* dossier) {
  const YamlNode* r = dossier->Get("referential");
  std::string id = r->Get("id")->value;
  std::string version = r->Get("version")->value;
  for (const auto& e : fs::directory_iterator(testing::SourcePath("referentials"))) {
    if (e.path().extension() != ".yaml") continue;
    ReferentialLoad load = LoadReferentialFile(e.path().string());
    if (load.ok() && load.referential->id == id && load.referential->version == version)
      return load.referential;
  }
  return nullptr;
}

std::string Q(const std::string& s) { return "'" + s + "'"; }

nlohmann::json WithoutDossierInputs(nlohmann::json j) {
  j["inputs"].erase("dossier");
  return j;
}

// Every sample dossier, put into a grid and read back, is the same data, and its audit gives the
// same result byte for byte but for the dossier's own path and hash.
TEST(GridTemplate, EverySampleDossierReadsBackTheSame) {
  TempDir dir;
  const std::string audits = dir.path() + "/audits";
  Shell("cp -r '" + testing::SourcePath("audits") + "' '" + audits + "'");
  std::vector<std::string> names;
  for (const std::string folder : {"", "/story"}) {
    for (const auto& e : fs::directory_iterator(audits + folder)) {
      if (e.path().extension() == ".yaml")
        names.push_back(folder + "/" + e.path().filename().string());
    }
  }
  ASSERT_GE(names.size(), 19u);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const std::string path = audits + name;
    auto source = std::make_shared<SourceFile>(path, ReadFile(path));
    DiagnosticSink sink(source);
    YamlDocument doc;
    ASSERT_TRUE(ParseYaml(source, {}, &sink, &doc));
    auto ref = ReferentialOf(doc.root());
    ASSERT_NE(ref, nullptr);
    for (const std::string lang : {"fr", "en"}) {
      GridTemplateOptions o;
      o.lang = lang;
      o.dossier = doc.root();
      grid::OutWorkbook book;
      std::vector<std::string> problems;
      ASSERT_TRUE(BuildGrid(*ref, o, &book, &problems)) << problems.front();
      std::vector<Diagnostic> diags;
      grid::GridYaml back = grid::GridToYaml(AsRead(book), "g.xlsx", &diags);
      EXPECT_TRUE(diags.empty()) << testing::RenderAll(diags);
      const std::string copy = path.substr(0, path.size() - 5) + ".grid-" + lang + ".yaml";
      dir.Write(copy.substr(dir.path().size() + 1), back.yaml);
      int same = -1;
      Shell(Q(SCEAU_PYTHON) +
                " -c 'import sys, yaml; a = yaml.safe_load(open(sys.argv[1])); "
                "b = yaml.safe_load(open(sys.argv[2])); a.pop(\"format\", None); "
                "sys.exit(0 if a == b else 1)' '" +
                path + "' '" + copy + "'",
            &same);
      EXPECT_EQ(same, 0) << back.yaml.substr(0, 3000);
      TempDir out1, out2;
      auto r1 = RunSceau("audit '" + path + "' --referentials referentials --out " + out1.path() +
                         " -q --today 2026-12-01");
      auto r2 = RunSceau("audit '" + copy + "' --referentials referentials --out " + out2.path() +
                         " -q --today 2026-12-01");
      EXPECT_EQ(r1.exit_code, r2.exit_code) << r2.err;
      EXPECT_EQ(r1.err, r2.err.empty() ? r1.err : r2.err);
      std::string stem = fs::path(path).stem().string();
      std::string stem2 = fs::path(copy).stem().string();
      if (fs::exists(out1.path() + "/" + stem + ".json")) {
        auto a = nlohmann::json::parse(ReadFile(out1.path() + "/" + stem + ".json"));
        auto b = nlohmann::json::parse(ReadFile(out2.path() + "/" + stem2 + ".json"));
        EXPECT_EQ(WithoutDossierInputs(a).dump(1), WithoutDossierInputs(b).dump(1));
      }
    }
  }
}

}  // namespace
}  // namespace sceau::cli
