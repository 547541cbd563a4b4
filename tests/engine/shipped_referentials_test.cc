// The referentials shipped in referentials/ load clean (no error, no warning) and keep the
// promises their maintainers rely on.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "engine/criteria_graph.h"
#include "engine/referential_loader.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::RenderAll;
using testing::SourcePath;

std::shared_ptr<const Referential> LoadShipped(const std::string& name) {
  ReferentialLoad load = LoadReferentialFile(SourcePath("referentials/" + name));
  EXPECT_TRUE(load.diagnostics.empty()) << RenderAll(load.diagnostics);
  return load.referential;
}

TEST(ShippedReferentials, EveryFileLoadsWithoutErrorOrWarning) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SourcePath("referentials"))) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    ReferentialLoad load = LoadReferentialFile(entry.path().string());
    EXPECT_TRUE(load.ok()) << entry.path();
    EXPECT_TRUE(load.diagnostics.empty()) << RenderAll(load.diagnostics);
  }
  EXPECT_GE(files, 1);
}

class Cedre : public ::testing::Test {
 protected:
  void SetUp() override {
    ref_ = LoadShipped("cedre-iso9001.yaml");
    ASSERT_NE(ref_, nullptr);
  }
  const Criterion& C(const std::string& id) {
    int i = ref_->FindCriterion(id);
    EXPECT_GE(i, 0) << id;
    return ref_->criteria[static_cast<size_t>(i)];
  }
  std::shared_ptr<const Referential> ref_;
};

TEST_F(Cedre, IdentityAndScale) {
  EXPECT_EQ(ref_->id, "cedre-iso9001");
  EXPECT_EQ(ref_->version, "2026.1");
  EXPECT_EQ(ref_->supersedes, "2025.1");
  EXPECT_EQ(ref_->languages, (std::vector<std::string>{"fr", "en"}));
  ASSERT_EQ(ref_->scales.size(), 1u);
  std::vector<std::string> codes;
  for (const Grade& g : ref_->scales[0].grades) codes.push_back(g.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"PF", "C", "PP", "PS", "NCm", "NCM", "NA"}));
}

TEST_F(Cedre, HasAtLeastFortyCriteriaWithRealPrerequisites) {
  EXPECT_GE(ref_->criteria.size(), 40u);
  CriteriaGraph graph(*ref_);
  EXPECT_TRUE(graph.acyclic());
  EXPECT_GE(graph.edge_count(), 40);
  std::vector<int> depths = graph.Depths();
  EXPECT_GE(*std::max_element(depths.begin(), depths.end()), 4);
}

TEST_F(Cedre, CoversIsoClausesFourToTenAndTheIntegrationJob) {
  std::set<std::string> top;
  for (const Chapter& ch : ref_->chapters) {
    if (ch.parent < 0) top.insert(ch.id);
  }
  EXPECT_EQ(top, (std::set<std::string>{"4", "5", "6", "7", "8", "9", "10", "IAE"}));
  // Every top-level ISO clause is mapped by some criterion.
  std::set<std::string> mapped_clauses;
  for (const Criterion& c : ref_->criteria) {
    for (const auto& [framework, items] : c.mappings) {
      if (framework != "iso9001") continue;
      for (const std::string& item : items) mapped_clauses.insert(item.substr(0, item.find('.')));
    }
  }
  EXPECT_EQ(mapped_clauses, (std::set<std::string>{"10", "4", "5", "6", "7", "8", "9"}));
  // The integration job: reception, contract, support, training, supervision, exit.
  for (const char* id : {"IAE.1", "IAE.2", "IAE.3", "IAE.4", "IAE.5", "IAE.6"}) {
    int ch = ref_->FindChapter(id);
    ASSERT_GE(ch, 0) << id;
    int n = static_cast<int>(
        std::count_if(ref_->criteria.begin(), ref_->criteria.end(),
                      [&](const Criterion& c) { return ref_->ChapterWithin(c.chapter, ch); }));
    EXPECT_GE(n, 1) << id;
  }
}

TEST_F(Cedre, NotApplicableOnlyWhereIsoPracticeAllowsIt) {
  int allowed = 0;
  for (const Criterion& c : ref_->criteria) {
    if (!c.na_allowed) continue;
    ++allowed;
    bool ok = false;
    for (const auto& [framework, items] : c.mappings) {
      for (const std::string& item : items) {
        if (framework == "iso9001" && (item == "7.1.5" || item.rfind("8.", 0) == 0)) ok = true;
      }
    }
    EXPECT_TRUE(ok) << c.id << " allows NA but maps to neither 7.1.5 nor clause 8";
    EXPECT_FALSE(c.na_guidance.empty()) << c.id;
  }
  EXPECT_GE(allowed, 1);
}

TEST_F(Cedre, DecisionPolicyRefusesOnBlockingAndMajorsFirst) {
  std::vector<std::string> ids;
  for (const Outcome& o : ref_->policy.outcomes) ids.push_back(o.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"refused-blocking", "refused-major", "refused-score",
                                           "conditional", "granted"}));
  EXPECT_EQ(ref_->policy.outcomes.front().when.front().metric, Metric::kBlockingFailed);
  EXPECT_TRUE(ref_->policy.outcomes.back().when.empty());
  EXPECT_EQ(ref_->policy.deadlines_months.at("NCM"), 3);
  EXPECT_EQ(ref_->policy.deadlines_months.at("NCm"), 6);
  EXPECT_EQ(ref_->policy.validity_months, 36);
  size_t blocking = std::count_if(ref_->criteria.begin(), ref_->criteria.end(),
                                  [](const Criterion& c) { return c.blocking; });
  EXPECT_GE(blocking, 3u);
  EXPECT_LE(blocking, 5u);
}

TEST_F(Cedre, EveryCriterionIsWrittenInFrenchAndEnglish) {
  for (const Criterion& c : ref_->criteria) {
    EXPECT_FALSE(c.title.Get("en").empty()) << c.id;
    EXPECT_NE(c.title.by_lang.count("en"), 0u) << c.id;
    EXPECT_NE(c.requirement.by_lang.count("en"), 0u) << c.id;
    EXPECT_FALSE(c.guidance.empty()) << c.id;
  }
}

}  // namespace
}  // namespace sceau
