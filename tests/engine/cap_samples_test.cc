// Golden results of the CAP self-assessment samples in audits/ (cap-*.yaml), computed by hand.
//
// CAP (referentials/cap.yaml) has one scale: A 100, B 80, C 50, D 20, NA not scored. Its policy
// gives a level, never a label: avance (score >= 80), structure (>= 60), en-construction (>= 40),
// a-demarrer; every outcome has decision `none`, so there is no certificate. Progress-plan
// deadlines: C 12 months, D 6 months, from the decision date (the audit end unless given).
//
// Effective weight (audits/README.md, "Scores") = the criterion's weight x the weight of every
// chapter above it. In CAP, chapter "2" weighs 2 and its sub-chapter "2.1" weighs 2 more, so a
// criterion of 2.1 counts 4 x its weight and a criterion of 2.2 or 2.3 counts 2 x its weight;
// chapters 1, 3 and 4 weigh 1. The 31 criteria of CAP 2026.1:
//   1:   1.1 (2), 1.2 1.3 1.4 1.5 1.6 (1 each)                                   =  7
//   2.1: 2.1.1 2x4=8, 2.1.2 3x4=12, 2.1.3 1x4=4, 2.1.4 2x4=8, 2.1.5 2x4=8,
//        2.1.6 3x4=12                                                             = 52
//   2.2: 2.2.1 1x2=2, 2.2.2 2x2=4, 2.2.3 1x2=2, 2.2.4 1x2=2                       = 10
//   2.3: 2.3.1 2.3.2 2.3.3 (1x2=2 each)                                           =  6
//   3:   3.2 3.3 3.4 (2 each), 3.1 3.5 3.6 3.7 (1 each)                           = 10
//   4:   4.1 4.3 (2 each), 4.2 4.4 4.5 (1 each)                                   =  7
//   total 92, minus the weights of the criteria graded NA.
// The global score, written as 100 minus the weighted deficits (B 20, C 50, D 80; A none):
//   score = 100 - sum(w_eff x (100 - points)) / sum(w_eff) = (100 x W - deficits) / W.
#include <gtest/gtest.h>

#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential_loader.h"
#include "tests/engine/golden.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::RenderAll;
using testing::SourcePath;

using testing::Golden;

Golden Audit(const std::string& referential, const std::string& name) {
  return testing::AuditSample(referential, name);
}

using Ids = std::vector<std::string>;

TEST(CapSamples, AdvancedLevel) {
  // ACI, 2 sites: all 31 criteria apply, none NA: total effective weight 92.
  // Deficits: B (20) on 1.2 1.3 1.6 (1 each) = 3; 2.1.3 (4), 2.1.5 (8), 2.1.6 (12) = 24;
  // 2.2.1 (2), 2.2.2 (4), 2.2.4 (2) = 8; 2.3.2 2.3.3 (2 each) = 4; 3.1 (1), 3.2 (2), 3.3 (2),
  // 3.6 (1) = 6; 4.3 (2), 4.4 (1) = 3: weight 48 x 20 = 960. C (50) on 1.4 (1), 2.2.3 (2),
  // 3.4 (2), 4.5 (1): 6 x 50 = 300. D (80) on 3.5 (1): 80. A on the other nine (weight 37).
  // 960 + 300 + 80 = 1340: score = 100 - 1340 / 92 = 7860 / 92 = 85.43 >= 80: avance.
  Golden g = Audit("cap.yaml", "cap-avance.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_EQ(g.r().applicable_criteria, 31);
  EXPECT_EQ(g.r().scored_criteria, 31);
  EXPECT_EQ(g.r().not_applicable, 0);
  EXPECT_DOUBLE_EQ(g.r().score, 7860.0 / 92);
  EXPECT_EQ(g.outcome(), "avance");
  EXPECT_EQ(g.level(), "avance");
  EXPECT_EQ(g.r().decision, Decision::kNone);
  EXPECT_FALSE(g.r().certificate.has_value());
  EXPECT_EQ(g.count("A"), 9);
  EXPECT_EQ(g.count("B"), 17);
  EXPECT_EQ(g.count("C"), 4);
  EXPECT_EQ(g.count("D"), 1);
  EXPECT_EQ(g.count("NA"), 0);
  // Chapter "2" on its own: its own weight is left out, 2.1 still doubles. Weights 2.1: 4, 6, 2,
  // 4, 4, 6 (26); 2.2: 1, 2, 1, 1 (5); 2.3: 1, 1, 1 (3): 34. Deficits: B on 2.1.3 (2), 2.1.5
  // (4), 2.1.6 (6), 2.2.1 (1), 2.2.2 (2), 2.2.4 (1), 2.3.2 (1), 2.3.3 (1): 18 x 20 = 360; C on
  // 2.2.3 (1): 50. 100 - 410 / 34 = 2990 / 34 = 87.94.
  EXPECT_DOUBLE_EQ(g.chapter("2"), 2990.0 / 34);
  // No criterion's check contradicts its grade: the trésorerie (1.4 months) and the renewal rate
  // (62 %) fail under C, which already says so.
  EXPECT_TRUE(g.r().notes.empty());
  // One action per gap: the D first (6 months from 2026-05-20), then the four C in the
  // referential's order (12 months).
  EXPECT_EQ(g.r().actions.size(), 5u);
  EXPECT_EQ(g.action_order(), (Ids{"CAP-3.5", "CAP-1.4", "CAP-2.2.3", "CAP-3.4", "CAP-4.5"}));
  EXPECT_EQ(g.first_due(), "2026-11-20");  // decision = end 2026-05-20, + 6 months
  ASSERT_TRUE(g.r().actions[1].due.has_value());
  EXPECT_EQ(g.r().actions[1].due->ToString(), "2027-05-20");  // + 12 months
}

TEST(CapSamples, StructuredLevel) {
  // AI, 2 sites: 31 apply; 2.1.4 (8) and 3.6 (1) NA: 29 scored, total effective weight
  // 92 - 9 = 83.
  // Deficits: B (20) on 1.1 (2), 1.2 (1), 2.1.1 (8), 2.1.2 (12), 2.1.6 (12), 2.2.1 (2),
  // 2.2.2 (4), 2.3.3 (2), 3.1 (1), 3.3 (2), 3.4 (2), 3.7 (1), 4.1 (2), 4.2 (1): 52 x 20 = 1040.
  // C (50) on 1.3 1.4 1.6 (1 each), 2.1.3 (4), 2.1.5 (8), 2.2.4 (2), 2.3.2 (2), 3.2 (2), 3.5
  // (1), 4.4 (1), 4.5 (1): 24 x 50 = 1200. D (80) on 1.5 (1), 2.2.3 (2), 4.3 (2): 5 x 80 = 400.
  // A on 2.3.1 (2). 1040 + 1200 + 400 = 2640: score = 100 - 2640 / 83 = 5660 / 83 = 68.19,
  // between 60 and 80: structure.
  Golden g = Audit("cap.yaml", "cap-structure.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_EQ(g.r().applicable_criteria, 31);
  EXPECT_EQ(g.r().scored_criteria, 29);
  EXPECT_EQ(g.r().not_applicable, 2);
  EXPECT_DOUBLE_EQ(g.r().score, 5660.0 / 83);
  EXPECT_EQ(g.outcome(), "structure");
  EXPECT_EQ(g.level(), "structure");
  EXPECT_EQ(g.r().decision, Decision::kNone);
  EXPECT_FALSE(g.r().certificate.has_value());
  EXPECT_EQ(g.count("A"), 1);
  EXPECT_EQ(g.count("B"), 14);
  EXPECT_EQ(g.count("C"), 11);
  EXPECT_EQ(g.count("D"), 3);
  EXPECT_EQ(g.count("NA"), 2);
  // The avance outcome was tried first and did not hold.
  ASSERT_EQ(g.r().outcomes.size(), 2u);
  EXPECT_EQ(g.r().outcomes[0].conditions[0].text, "global score = 68.19, needs >= 80");
  // CAP-3.7 stays B although its turnover (28 %) is over 20 %: the override is kept.
  EXPECT_TRUE(g.criterion("CAP-3.7").contradiction);
  EXPECT_TRUE(g.criterion("CAP-3.7").overridden);
  // The three D have no failing prerequisite and nothing that requires them: three roots, then
  // the eleven C with no root.
  EXPECT_EQ(g.root_groups(),
            (Ids{"CAP-1.5: CAP-1.5", "CAP-2.2.3: CAP-2.2.3", "CAP-4.3: CAP-4.3",
                 "-: CAP-1.3 CAP-1.4 CAP-1.6 CAP-2.1.3 CAP-2.1.5 CAP-2.2.4 CAP-2.3.2 CAP-3.2 "
                 "CAP-3.5 CAP-4.4 CAP-4.5"}));
  // 14 actions: the D first. The decision date is given (2026-10-08, after the end 2026-09-24):
  // deadlines count from it.
  EXPECT_EQ(g.r().actions.size(), 14u);
  EXPECT_EQ(g.action_order()[0], "CAP-1.5");
  EXPECT_EQ(g.first_due(), "2027-04-08");  // 2026-10-08 + 6 months
  ASSERT_TRUE(g.r().actions[3].due.has_value());
  EXPECT_EQ(g.r().actions[3].due->ToString(), "2027-10-08");  // first C: + 12 months
}

TEST(CapSamples, BuildingLevel) {
  // EI (a company, no members nor volunteers): 1.4 (1) NA: 30 scored, total effective weight 91.
  // Deficits: B (20) on 1.3 (1), 2.1.4 (8), 2.2.1 (2), 2.2.2 (4), 3.4 (2): 17 x 20 = 340.
  // C (50) on 1.2 (1), 2.1.1 (8), 2.1.2 (12), 2.1.3 (4), 2.1.6 (12), 2.2.3 (2), 2.3.1 (2),
  // 2.3.3 (2), 3.1 (1), 3.6 (1), 3.7 (1), 4.2 (1), 4.4 (1): 48 x 50 = 2400.
  // D (80) on 1.1 (2), 1.5 (1), 1.6 (1), 2.1.5 (8), 2.2.4 (2), 2.3.2 (2), 3.2 (2), 3.3 (2),
  // 3.5 (1), 4.1 (2), 4.3 (2), 4.5 (1): 26 x 80 = 2080. No A.
  // 340 + 2400 + 2080 = 4820: score = 100 - 4820 / 91 = 4280 / 91 = 47.03, between 40 and 60:
  // en-construction.
  Golden g = Audit("cap.yaml", "cap-en-construction.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_EQ(g.r().applicable_criteria, 31);
  EXPECT_EQ(g.r().scored_criteria, 30);
  EXPECT_EQ(g.r().not_applicable, 1);
  EXPECT_DOUBLE_EQ(g.r().score, 4280.0 / 91);
  EXPECT_EQ(g.outcome(), "en-construction");
  EXPECT_EQ(g.level(), "en-construction");
  EXPECT_EQ(g.r().decision, Decision::kNone);
  EXPECT_FALSE(g.r().certificate.has_value());
  EXPECT_EQ(g.count("A"), 0);
  EXPECT_EQ(g.count("B"), 5);
  EXPECT_EQ(g.count("C"), 13);
  EXPECT_EQ(g.count("D"), 12);
  EXPECT_EQ(g.count("NA"), 1);
  // Chapter 4 on its own (weight 7): D on 4.1 (2), 4.3 (2), 4.5 (1): 400; C on 4.2 and 4.4: 100.
  // 100 - 500 / 7 = 200 / 7 = 28.57.
  EXPECT_DOUBLE_EQ(g.chapter("4"), 200.0 / 7);
  // Three failing foundations explain a second gap each (requires): 1.6 -> 1.1, 2.1.3 -> 3.3,
  // 4.5 -> 4.1. The biggest groups first, in the referential's order of their roots.
  ASSERT_GE(g.r().root_causes.size(), 3u);
  EXPECT_EQ(g.root_groups()[0], "CAP-1.1: CAP-1.1 CAP-1.6");
  EXPECT_EQ(g.root_groups()[1], "CAP-3.3: CAP-3.3 CAP-2.1.3");
  EXPECT_EQ(g.root_groups()[2], "CAP-4.1: CAP-4.1 CAP-4.5");
  EXPECT_EQ(g.ids(g.criterion("CAP-2.1.3").root_causes), (Ids{"CAP-3.3"}));
  // 25 actions. Causes first; among the actions whose causes are in the plan, D before C, then
  // the referential's order: 1.6 comes once 1.1 is in (and after 1.5, which is earlier in the
  // referential), 4.5 after 4.1, and 2.1.3 (C) among the C, after 3.3.
  EXPECT_EQ(g.r().actions.size(), 25u);
  EXPECT_EQ(g.action_order(), (Ids{"CAP-1.1",   "CAP-1.5",   "CAP-1.6",   "CAP-2.1.5", "CAP-2.2.4",
                                   "CAP-2.3.2", "CAP-3.2",   "CAP-3.3",   "CAP-3.5",   "CAP-4.1",
                                   "CAP-4.3",   "CAP-4.5",   "CAP-1.2",   "CAP-2.1.1", "CAP-2.1.2",
                                   "CAP-2.1.3", "CAP-2.1.6", "CAP-2.2.3", "CAP-2.3.1", "CAP-2.3.3",
                                   "CAP-3.1",   "CAP-3.6",   "CAP-3.7",   "CAP-4.2",   "CAP-4.4"}));
  // End 2026-03-31 + 6 months: September has 30 days, clamped to 2026-09-30.
  EXPECT_EQ(g.first_due(), "2026-09-30");
  ASSERT_TRUE(g.r().actions[12].due.has_value());
  EXPECT_EQ(g.r().actions[12].due->ToString(), "2027-03-31");  // first C: + 12 months
}

TEST(CapSamples, ProximServicesVariant) {
  // cap-proxim 2026.1 extends CAP: it removes 2.1.4 (8), replaces 2.1.3 (now weight 2: 2 x 4 = 8
  // instead of 4) and 2.2.1 (now weight 2: 2 x 2 = 4 instead of 2), and adds chapter P (weight
  // 1): P.1 2, P.2 2, P.3 2, P.4 1, P.5 1 = 8. 35 criteria, total 92 - 8 + 4 + 2 + 8 = 98.
  // AI, 1 site: all 35 apply; 3.6 (1) NA: 34 scored, total effective weight 97.
  // Deficits: B (20) on 1.1 (2), 1.2 1.3 1.6 (1 each), 2.1.1 (8), 2.1.2 (12), 2.1.6 (12), 2.2.1
  // (4), 2.2.2 (4), 2.2.4 (2), 2.3.1 (2), 2.3.3 (2), 3.1 (1), 3.3 (2), 3.4 (2), 3.7 (1), 4.1
  // (2), 4.2 (1), 4.5 (1), P.1 (2), P.4 (1): 64 x 20 = 1280. C (50) on 1.4 1.5 (1 each), 2.1.3
  // (8), 2.1.5 (8), 2.3.2 (2), 3.2 (2), 3.5 (1), 4.3 (2), 4.4 (1), P.3 (2), P.5 (1): 29 x 50 =
  // 1450. D (80) on P.2 (2): 160. A on 2.2.3 (2).
  // 1280 + 1450 + 160 = 2890: score = 100 - 2890 / 97 = 6810 / 97 = 70.21: structure.
  Golden g = Audit("cap-proxim.yaml", "cap-proxim-services.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_EQ(g.ref->id, "cap-proxim");
  EXPECT_EQ(g.ref->FindCriterion("CAP-2.1.4"), -1);
  EXPECT_EQ(g.r().applicable_criteria, 35);
  EXPECT_EQ(g.r().scored_criteria, 34);
  EXPECT_EQ(g.r().not_applicable, 1);
  EXPECT_DOUBLE_EQ(g.r().score, 6810.0 / 97);
  EXPECT_EQ(g.outcome(), "structure");
  EXPECT_EQ(g.level(), "structure");
  EXPECT_EQ(g.r().decision, Decision::kNone);
  EXPECT_FALSE(g.r().certificate.has_value());
  EXPECT_EQ(g.count("A"), 1);
  EXPECT_EQ(g.count("B"), 21);
  EXPECT_EQ(g.count("C"), 11);
  EXPECT_EQ(g.count("D"), 1);
  EXPECT_EQ(g.count("NA"), 1);
  // The added chapter P, all five criteria assessed: weight 8. Deficits B on P.1 (2) and P.4
  // (1): 60; C on P.3 (2) and P.5 (1): 150; D on P.2 (2): 160. 100 - 370 / 8 = 430 / 8 = 53.75.
  EXPECT_EQ(g.r().chapters[static_cast<size_t>(g.ref->FindChapter("P"))].scored_criteria, 5);
  EXPECT_DOUBLE_EQ(g.chapter("P"), 430.0 / 8);
  // The replaced 2.1.3 has the variant's sample check only (2 of 4 files pass: 0.5 < 0.8), and
  // requires P.2: its gap traces back to the safety of workers on their own.
  ASSERT_EQ(g.criterion("CAP-2.1.3").checks.size(), 1u);
  EXPECT_EQ(g.criterion("CAP-2.1.3").checks[0].status, CheckStatus::kFail);
  EXPECT_EQ(g.root_groups()[0], "CAP-P.2: CAP-P.2 CAP-2.1.3");
  // 12 actions: P.2 first (D, 6 months from the end 2026-11-26), 2.1.3 after it among the C.
  EXPECT_EQ(g.r().actions.size(), 12u);
  EXPECT_EQ(g.action_order(),
            (Ids{"CAP-P.2", "CAP-1.4", "CAP-1.5", "CAP-2.1.3", "CAP-2.1.5", "CAP-2.3.2", "CAP-3.2",
                 "CAP-3.5", "CAP-4.3", "CAP-4.4", "CAP-P.3", "CAP-P.5"}));
  EXPECT_EQ(g.first_due(), "2027-05-26");
  EXPECT_EQ(g.ids(g.r().actions[3].after), (Ids{"CAP-P.2"}));
}

}  // namespace
}  // namespace sceau
