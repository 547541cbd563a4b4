// Golden results of the CSR sample dossiers audits/rse-*.yaml, computed by hand.
//
// The CSR label (referentials/rse-iso26000.yaml, 2026.1) grades every criterion on the maturity
// scale `maturite`: initial 0, engage 35, confirme 65, exemplaire 100; a criterion below `engage`
// fails. No chapter declares a weight, so every chapter weighs 1 and a criterion's effective
// weight is its own weight. Criteria weights: 3 for RSE-1.4, 2.1, 3.1, 3.2, 3.3, 5.1; 2 for
// RSE-1.1, 1.2, 1.5, 2.2, 2.6, 3.4, 3.5, 4.1, 4.4, 5.2, 6.2, 7.2, 7.5; 1 for the others. Per
// chapter: 1 = 12, 2 = 10, 3 = 15 (14 without RSE-3.7, which applies from 11 people), 4 = 9,
// 5 = 8, 6 = 5, 7 = 8: 67 in all (66 without RSE-3.7). No criterion allows NA.
//
// score = sum(w x points) / sum(w), in percent; points = score x 1000 / 100 = score x 10.
// The decision: refused-blocking (a blocking criterion below engage), refused-minimum (a core
// subject, i.e. a top-level chapter, below 20 %), then exemplaire >= 701, confirme >= 501,
// progression >= 301, initial otherwise. A granted label runs from the decision date for
// 36 months less one day, with a first surveillance 12 months after the decision.
#include <gtest/gtest.h>

#include <set>

#include "engine/coverage.h"
#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential_loader.h"
#include "tests/engine/golden.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::RenderAll;
using testing::SourcePath;
using Ids = std::vector<std::string>;

const Ids kCoreSubjects = {
    "organizational-governance", "human-rights",    "labour-practices",     "environment",
    "fair-operating-practices",  "consumer-issues", "community-involvement"};

// The shared golden accessors, with the names this file's tests use for the outcome, and the
// coverage of the seven core subjects.
struct RseGolden : testing::Golden {
  RseGolden() = default;
  explicit RseGolden(testing::Golden g) : testing::Golden(std::move(g)) {}
  const Outcome* outcome() const { return matched(); }
  std::string outcome_id() const { return testing::Golden::outcome(); }
  std::string outcome_level() const { return level(); }
  // How many of the seven ISO 26000 core subjects have at least one assessed criterion.
  int covered() const {
    Coverage c;
    std::string error;
    EXPECT_TRUE(ComputeCoverage(*ref, r(), "iso26000", &c, &error)) << error;
    EXPECT_EQ(c.items.size(), kCoreSubjects.size());
    return c.covered();
  }
};

std::shared_ptr<const Referential> RseReferential() {
  ReferentialLoad ref = LoadReferentialFile(SourcePath("referentials/rse-iso26000.yaml"));
  EXPECT_TRUE(ref.ok()) << RenderAll(ref.diagnostics);
  return ref.referential;
}

// Loads and evaluates audits/NAME: no error and no warning, neither in the file nor in the
// evaluation (an override kept by the auditor is a note, not a warning).
RseGolden Audit(const std::string& name) {
  return RseGolden(testing::AuditSample("rse-iso26000.yaml", name));
}

TEST(RseSamples, EveryCoreSubjectIsMappedByACriterion) {
  std::shared_ptr<const Referential> ref = RseReferential();
  ASSERT_TRUE(ref);
  const Framework* iso = nullptr;
  for (const Framework& f : ref->frameworks) {
    if (f.id == "iso26000") iso = &f;
  }
  ASSERT_NE(iso, nullptr);
  // The framework declares exactly the seven core subjects, in this order.
  Ids declared;
  for (const auto& [id, title] : iso->items) declared.push_back(id);
  EXPECT_EQ(declared, kCoreSubjects);
  for (const std::string& subject : kCoreSubjects) {
    int mapped = 0;
    for (const Criterion& c : ref->criteria) {
      for (const auto& [framework, items] : c.mappings) {
        if (framework != "iso26000") continue;
        for (const std::string& item : items) mapped += item == subject ? 1 : 0;
      }
    }
    EXPECT_GE(mapped, 1) << "ISO 26000 core subject " << subject << " is mapped by no criterion";
  }
  // And every criterion maps to at least one core subject, and only to declared ones.
  std::set<std::string> known(kCoreSubjects.begin(), kCoreSubjects.end());
  for (const Criterion& c : ref->criteria) {
    int n = 0;
    for (const auto& [framework, items] : c.mappings) {
      if (framework != "iso26000") continue;
      for (const std::string& item : items) {
        EXPECT_TRUE(known.count(item)) << c.id << " maps to unknown core subject " << item;
        ++n;
      }
    }
    EXPECT_GE(n, 1) << c.id << " maps to no ISO 26000 core subject";
  }
}

TEST(RseSamples, Exemplaire) {
  // GES, 74 people, 3 sites: the 42 criteria apply, total weight 67.
  // exemplaire (100): RSE-1.1 (2), 1.2 (2), 1.4 (3), 1.6 (1), 2.1 (3), 2.4 (1), 3.4 (2),
  //   3.5 (2), 4.1 (2), 4.5 (1), 5.3 (1), 6.4 (1), 7.1 (1), 7.3 (1), 7.5 (2): 15 criteria,
  //   weight 25 -> 2500;
  // engage (35): RSE-2.6 (2), 4.3 (1), 4.7 (1): 3 criteria, weight 4 -> 140;
  // confirme (65): the other 24, weight 67 - 25 - 4 = 38 -> 2470.
  // Score = (2500 + 140 + 2470) / 67 = 5110 / 67 = 76.27 %; points = 51100 / 67 = 762.69 >= 701.
  RseGolden g = Audit("rse-exemplaire.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_EQ(g.r().applicable_criteria, 42);
  EXPECT_EQ(g.r().scored_criteria, 42);
  EXPECT_NEAR(g.r().score, 5110.0 / 67, 1e-9);
  EXPECT_NEAR(g.r().points, 51100.0 / 67, 1e-9);
  EXPECT_EQ(g.count("exemplaire"), 15);
  EXPECT_EQ(g.count("confirme"), 24);
  EXPECT_EQ(g.count("engage"), 3);
  EXPECT_EQ(g.count("initial"), 0);
  EXPECT_TRUE(g.r().blocking_failed.empty());
  // refused-blocking, refused-minimum, then exemplaire matches.
  EXPECT_EQ(g.outcome_id(), "exemplaire");
  EXPECT_EQ(g.outcome_level(), "exemplaire");
  EXPECT_EQ(g.r().decision, Decision::kGranted);
  EXPECT_EQ(g.r().outcomes.size(), 3u);
  // No gap at all: no action, no root cause, no note.
  EXPECT_TRUE(g.r().actions.empty());
  EXPECT_TRUE(g.r().root_causes.empty());
  EXPECT_TRUE(g.r().notes.empty());
  ASSERT_TRUE(g.r().certificate.has_value());
  EXPECT_EQ(g.r().certificate->effective.ToString(), "2026-06-11");
  // A renewal: the cycle decided on 2023-06-26 expired on 2026-06-25; the new expiry is 36 months
  // after that, and the first surveillance 12 months after this decision.
  EXPECT_EQ(g.r().certificate->expiry.ToString(), "2029-06-25");
  EXPECT_EQ(g.r().certificate->first_surveillance_due.ToString(), "2027-06-11");  // + 12 months
  EXPECT_EQ(g.covered(), 7);
}

TEST(RseSamples, Confirme) {
  // EI, 43 people, 2 sites: the 42 criteria apply, total weight 67.
  // exemplaire (100): RSE-3.1 (3), 5.4 (1), 6.2 (2), 7.2 (2): 4 criteria, weight 8 -> 800;
  // engage (35): RSE-1.2 (2), 1.3 (1), 1.7 (1), 2.3 (1), 2.4 (1), 3.6 (1), 4.1 (2), 4.2 (1),
  //   4.7 (1), 5.2 (2), 7.4 (1): 11 criteria, weight 14 -> 490;
  // initial (0): RSE-4.3 (1), 6.4 (1): 2 criteria, weight 2 -> 0;
  // confirme (65): the other 25, weight 67 - 8 - 14 - 2 = 43 -> 2795.
  // Score = (800 + 490 + 2795) / 67 = 4085 / 67 = 60.97 %; points = 40850 / 67 = 609.70,
  // between 501 and 700.
  RseGolden g = Audit("rse-confirme.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_EQ(g.r().scored_criteria, 42);
  EXPECT_NEAR(g.r().score, 4085.0 / 67, 1e-9);
  EXPECT_NEAR(g.r().points, 40850.0 / 67, 1e-9);
  EXPECT_EQ(g.count("exemplaire"), 4);
  EXPECT_EQ(g.count("confirme"), 25);
  EXPECT_EQ(g.count("engage"), 11);
  EXPECT_EQ(g.count("initial"), 2);
  // The two criteria at initial are not blocking.
  EXPECT_TRUE(g.r().blocking_failed.empty());
  EXPECT_EQ(g.outcome_id(), "confirme");
  EXPECT_EQ(g.outcome_level(), "confirme");
  EXPECT_EQ(g.r().decision, Decision::kGranted);
  EXPECT_EQ(g.r().outcomes.size(), 4u);
  // Lowest core subject: the environment, chapter 4 (weight 9): 4.1 engage 2 x 35 = 70,
  // 4.2 engage 35, 4.3 initial 0, 4.4 confirme 2 x 65 = 130, 4.5 and 4.6 confirme 65 each,
  // 4.7 engage 35: 400 / 9 = 44.44 %.
  EXPECT_NEAR(g.chapter("4"), 400.0 / 9, 1e-9);
  // Each failing criterion is its own root cause (their prerequisites hold); no deadlines in
  // this referential: the actions are due before the next audit.
  EXPECT_EQ(g.ids(g.criterion("RSE-4.3").root_causes), (Ids{"RSE-4.3"}));
  EXPECT_EQ(g.ids(g.criterion("RSE-6.4").root_causes), (Ids{"RSE-6.4"}));
  ASSERT_EQ(g.r().actions.size(), 2u);
  EXPECT_EQ(g.ids({g.r().actions[0].criterion, g.r().actions[1].criterion}),
            (Ids{"RSE-4.3", "RSE-6.4"}));
  EXPECT_FALSE(g.r().actions[0].due.has_value());
  ASSERT_TRUE(g.r().certificate.has_value());
  EXPECT_EQ(g.r().certificate->effective.ToString(), "2026-10-15");
  EXPECT_EQ(g.r().certificate->expiry.ToString(), "2029-10-14");
  EXPECT_EQ(g.r().certificate->first_surveillance_due.ToString(), "2027-10-15");
  EXPECT_EQ(g.covered(), 7);
}

TEST(RseSamples, Progression) {
  // AI, 91 people, 2 sites: the 42 criteria apply, total weight 67.
  // confirme (65): RSE-1.1 (2), 1.5 (2), 1.6 (1), 2.1 (3), 3.1 (3), 3.4 (2), 5.4 (1), 5.5 (1),
  //   6.4 (1), 7.3 (1): 10 criteria, weight 17 -> 1105;
  // initial (0): RSE-1.3 (1), 1.7 (1), 2.4 (1), 4.2 (1), 4.7 (1), 5.2 (2), 7.6 (1):
  //   7 criteria, weight 8 -> 0;
  // engage (35): the other 25, weight 67 - 17 - 8 = 42 -> 1470.
  // Score = (1105 + 1470) / 67 = 2575 / 67 = 38.43 %; points = 25750 / 67 = 384.33, between
  // 301 and 500.
  RseGolden g = Audit("rse-progression.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_EQ(g.r().scored_criteria, 42);
  EXPECT_NEAR(g.r().score, 2575.0 / 67, 1e-9);
  EXPECT_NEAR(g.r().points, 25750.0 / 67, 1e-9);
  EXPECT_EQ(g.count("exemplaire"), 0);
  EXPECT_EQ(g.count("confirme"), 10);
  EXPECT_EQ(g.count("engage"), 25);
  EXPECT_EQ(g.count("initial"), 7);
  EXPECT_TRUE(g.r().blocking_failed.empty());
  EXPECT_EQ(g.outcome_id(), "progression");
  EXPECT_EQ(g.outcome_level(), "progression");
  EXPECT_EQ(g.r().decision, Decision::kGranted);
  EXPECT_EQ(g.r().outcomes.size(), 5u);
  // RSE-5.3 is engage with its indicator below the threshold (22 %, 30 % needed). The threshold
  // stands for the confirme level (from_level: confirme), so at engage it is no contradiction
  // and needs no override.
  const CriterionResult& local = g.criterion("RSE-5.3");
  ASSERT_EQ(local.checks.size(), 1u);
  EXPECT_EQ(local.checks[0].status, CheckStatus::kFail);
  EXPECT_FALSE(local.contradiction);
  EXPECT_FALSE(local.overridden);
  EXPECT_TRUE(g.r().notes.empty());
  // RSE-1.3 (initial) has no materiality analysis: its evidence check fails, which is no
  // contradiction at initial. RSE-1.4 and RSE-1.7 depend on it; RSE-5.3 requires RSE-5.2.
  EXPECT_EQ(g.criterion("RSE-1.3").checks[0].status, CheckStatus::kFail);
  EXPECT_FALSE(g.criterion("RSE-1.3").contradiction);
  EXPECT_EQ(g.impacted(), (Ids{"RSE-1.4", "RSE-1.7", "RSE-5.3"}));
  EXPECT_EQ(g.ids(g.criterion("RSE-1.7").root_causes), (Ids{"RSE-1.3"}));
  // Lowest core subject: the environment, 4.1, 4.3, 4.5, 4.6 engage (weights 2, 1, 1, 1)
  // and 4.4 engage (2): 7 x 35 = 245; 4.2 and 4.7 initial: 245 / 9 = 27.22 %.
  EXPECT_NEAR(g.chapter("4"), 245.0 / 9, 1e-9);
  ASSERT_TRUE(g.r().certificate.has_value());
  EXPECT_EQ(g.r().certificate->effective.ToString(), "2026-04-16");
  EXPECT_EQ(g.r().certificate->expiry.ToString(), "2029-04-15");
  EXPECT_EQ(g.r().certificate->first_surveillance_due.ToString(), "2027-04-16");
  EXPECT_EQ(g.covered(), 7);
}

TEST(RseSamples, Initial) {
  // ACI of 10 people (3 + 7), 1 site: RSE-3.7 applies from 11 people, so 41 criteria apply,
  // total weight 66.
  // confirme (65): RSE-4.6 (1), 6.4 (1): weight 2 -> 130;
  // initial (0): RSE-1.2 (2), 1.3 (1), 1.7 (1), 2.2 (2), 2.3 (1), 2.4 (1), 3.3 (3), 3.5 (2),
  //   3.6 (1), 4.1 (2), 4.2 (1), 4.3 (1), 5.3 (1), 5.5 (1), 6.3 (1), 7.2 (2), 7.6 (1):
  //   17 criteria, weight 24 -> 0;
  // engage (35): the other 22, the five blocking ones among them, weight 66 - 2 - 24 = 40
  //   -> 1400.
  // Score = (130 + 1400) / 66 = 1530 / 66 = 255 / 11 = 23.18 %; points = 2550 / 11 = 231.82,
  // below 301.
  RseGolden g = Audit("rse-initial.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_EQ(g.r().applicable_criteria, 41);
  EXPECT_EQ(g.r().scored_criteria, 41);
  EXPECT_FALSE(g.criterion("RSE-3.7").applicable);
  EXPECT_NEAR(g.r().score, 255.0 / 11, 1e-9);
  EXPECT_NEAR(g.r().points, 2550.0 / 11, 1e-9);
  EXPECT_EQ(g.count("exemplaire"), 0);
  EXPECT_EQ(g.count("confirme"), 2);
  EXPECT_EQ(g.count("engage"), 22);
  EXPECT_EQ(g.count("initial"), 17);
  // RSE-2.1, 2.6, 3.1, 3.2 and 5.1 are all at engage.
  EXPECT_TRUE(g.r().blocking_failed.empty());
  for (const char* id : {"RSE-2.1", "RSE-2.6", "RSE-3.1", "RSE-3.2", "RSE-5.1"}) {
    EXPECT_FALSE(g.criterion(id).failing) << id;
  }
  // Every core subject reaches 20 %. Per chapter (engage 35, confirme 65, initial 0):
  //   1: 1.1 (2), 1.4 (3), 1.5 (2), 1.6 (1) engage: 8 x 35 = 280 / 12 = 23.33
  //   2: 2.1 (3), 2.5 (1), 2.6 (2) engage: 6 x 35 = 210 / 10 = 21.00
  //   3: 3.1 (3), 3.2 (3), 3.4 (2) engage: 8 x 35 = 280 / 14 = 20.00 (no RSE-3.7)
  //   4: 4.4 (2), 4.5 (1), 4.7 (1) engage: 140, 4.6 confirme: 65; 205 / 9 = 22.78
  //   5: 5.1 (3), 5.2 (2), 5.4 (1) engage: 6 x 35 = 210 / 8 = 26.25
  //   6: 6.1 (1), 6.2 (2) engage: 105, 6.4 confirme: 65; 170 / 5 = 34.00
  //   7: 7.1, 7.3, 7.4 (1 each), 7.5 (2) engage: 5 x 35 = 175 / 8 = 21.875
  // (280 + 210 + 280 + 205 + 210 + 170 + 175 = 1530, the global numerator.)
  EXPECT_NEAR(g.chapter("1"), 280.0 / 12, 1e-9);
  EXPECT_NEAR(g.chapter("2"), 21, 1e-9);
  EXPECT_NEAR(g.chapter("3"), 20, 1e-9);
  EXPECT_NEAR(g.chapter("4"), 205.0 / 9, 1e-9);
  EXPECT_NEAR(g.chapter("5"), 26.25, 1e-9);
  EXPECT_NEAR(g.chapter("6"), 34, 1e-9);
  EXPECT_NEAR(g.chapter("7"), 21.875, 1e-9);
  // The lowest, chapter 3, is exactly at the bound: the minimum is inclusive, so
  // refused-minimum does not match, and the fallback "initial" does.
  ASSERT_EQ(g.r().outcomes.size(), 6u);
  const OutcomeTrace& minimum = g.r().outcomes[1];
  EXPECT_FALSE(minimum.matched);
  ASSERT_EQ(minimum.conditions.size(), 1u);
  ASSERT_EQ(minimum.conditions[0].children.size(), 1u);
  EXPECT_EQ(minimum.conditions[0].children[0].text, "lowest chapter score = 20, needs >= 20");
  EXPECT_TRUE(minimum.conditions[0].children[0].held);
  EXPECT_EQ(g.outcome_id(), "initial");
  EXPECT_EQ(g.outcome_level(), "initial");
  EXPECT_EQ(g.r().decision, Decision::kGranted);
  // Eight criteria at initial have a failing check, none is a contradiction.
  int failing_checks = 0;
  for (const CriterionResult& cr : g.r().criteria) {
    EXPECT_FALSE(cr.contradiction);
    for (const CheckResult& x : cr.checks) failing_checks += x.status == CheckStatus::kFail ? 1 : 0;
  }
  EXPECT_EQ(failing_checks, 8);
  // One action per criterion at initial.
  EXPECT_EQ(g.r().actions.size(), 17u);
  ASSERT_TRUE(g.r().certificate.has_value());
  EXPECT_EQ(g.r().certificate->effective.ToString(), "2026-11-30");
  EXPECT_EQ(g.r().certificate->expiry.ToString(), "2029-11-29");
  EXPECT_EQ(g.r().certificate->first_surveillance_due.ToString(), "2027-11-30");
  EXPECT_EQ(g.covered(), 7);
}

TEST(RseSamples, RefusedOnABlockingCriterionDespiteConfirmePoints) {
  // ETTI, 47 people, 2 sites: the 42 criteria apply, total weight 67.
  // exemplaire (100): RSE-1.6 (1), 2.1 (3), 2.2 (2), 3.1 (3), 7.2 (2): 5 criteria, weight 11
  //   -> 1100;
  // engage (35): RSE-1.5 (2), 3.3 (3), 4.1 (2), 4.2 (1), 4.4 (2), 4.6 (1), 4.7 (1), 5.2 (2),
  //   6.4 (1), 7.4 (1): 10 criteria, weight 16 -> 560;
  // initial (0): RSE-3.2 (3, blocking), 4.5 (1): weight 4 -> 0;
  // confirme (65): the other 25, weight 67 - 11 - 16 - 4 = 36 -> 2340.
  // Score = (1100 + 560 + 2340) / 67 = 4000 / 67 = 59.70 %; points = 40000 / 67 = 597.01,
  // in the confirme range (>= 501): refused all the same.
  RseGolden g = Audit("rse-bloquant.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_EQ(g.r().scored_criteria, 42);
  EXPECT_NEAR(g.r().score, 4000.0 / 67, 1e-9);
  EXPECT_NEAR(g.r().points, 40000.0 / 67, 1e-9);
  EXPECT_GE(g.r().points, 501);
  EXPECT_EQ(g.count("exemplaire"), 5);
  EXPECT_EQ(g.count("confirme"), 25);
  EXPECT_EQ(g.count("engage"), 10);
  EXPECT_EQ(g.count("initial"), 2);
  EXPECT_EQ(g.ids(g.r().blocking_failed), (Ids{"RSE-3.2"}));
  // Non-compensation: the first outcome matches whatever the points.
  EXPECT_EQ(g.outcome_id(), "refused-blocking");
  EXPECT_EQ(g.outcome_level(), "");
  EXPECT_EQ(g.r().decision, Decision::kRefused);
  ASSERT_EQ(g.r().outcomes.size(), 1u);
  EXPECT_EQ(g.r().outcomes[0].conditions[0].text, "blocking criteria failed = 1, needs >= 1");
  EXPECT_FALSE(g.r().certificate.has_value());
  // The risk assessment document dates from June 2023: the check (a record less than
  // 12 months old) fails, consistently with the level.
  const CriterionResult& duerp = g.criterion("RSE-3.2");
  ASSERT_EQ(duerp.checks.size(), 1u);
  EXPECT_EQ(duerp.checks[0].status, CheckStatus::kFail);
  EXPECT_FALSE(duerp.contradiction);
  // RSE-3.3 requires RSE-3.2: impacted, not a gap, level unchanged.
  EXPECT_EQ(g.impacted(), (Ids{"RSE-3.3"}));
  EXPECT_FALSE(g.criterion("RSE-3.3").gap);
  ASSERT_EQ(g.r().actions.size(), 2u);
  EXPECT_EQ(g.ids({g.r().actions[0].criterion, g.r().actions[1].criterion}),
            (Ids{"RSE-3.2", "RSE-4.5"}));
  EXPECT_EQ(g.covered(), 7);
}

}  // namespace
}  // namespace sceau
