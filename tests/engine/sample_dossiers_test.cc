// Golden results of the sample dossiers in audits/, computed by hand.
//
// How the scores are worked out (audits/README.md, "How a dossier is evaluated"): each scored
// criterion counts with its effective weight, its own weight times the weight of every chapter
// above it. In cedre-iso9001 every chapter weighs 1 except IAE, which weighs 2, so a criterion
// of weight w counts w outside IAE and 2w inside it. The global score is the weighted mean of the
// points (PF and C 100, PP 90, PS 75, NCm 40, NCM 0; NA and criteria that do not apply are left
// out). Written as 100 minus the weighted deficits of the criteria below 100:
//   score = 100 - sum(w_eff x (100 - points)) / sum(w_eff)
// so only the criteria below 100 need listing, with the total effective weight.
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

Golden Audit(const std::string& name) { return testing::AuditSample("cedre-iso9001.yaml", name); }

using Ids = std::vector<std::string>;

TEST(SampleDossiers, Granted) {
  // ACI, 1 site: C-5.3.2 (2+ sites), C-5.3.3 (GES) and C-IAE.5.2 (AI, ETTI) do not apply;
  // 52 apply, C-7.1.5 is NA: 51 scored, total effective weight 103.
  // Deficits: PP (10 each) on C-4.4 (w2), C-7.3 (1), C-8.2.3 (1), C-10.3 (1), C-IAE.4.3 (1 x 2):
  // 20 + 10 + 10 + 10 + 20 = 70; PS (25 each) on C-7.1.6 (1), C-7.5 (2), C-IAE.2.3 (1 x 2):
  // 25 + 50 + 50 = 125. Score = 100 - 195 / 103 = 98.11.
  Golden g = Audit("granted.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_EQ(g.r().applicable_criteria, 52);
  EXPECT_EQ(g.r().scored_criteria, 51);
  EXPECT_EQ(g.r().not_applicable, 1);
  EXPECT_NEAR(g.r().score, 100 - 195.0 / 103, 1e-9);
  EXPECT_EQ(g.count("PF"), 5);
  EXPECT_EQ(g.count("C"), 38);
  EXPECT_EQ(g.count("PP"), 5);
  EXPECT_EQ(g.count("PS"), 3);
  EXPECT_EQ(g.count("NCm") + g.count("NCM"), 0);
  EXPECT_EQ(g.outcome(), "granted");
  // Chapter 7 on its own: eight criteria scored (C-7.1.5 is NA), weights 1 except C-7.2 and
  // C-7.5 (2): total 10. Deficits C-7.1.6 PS 25, C-7.3 PP 10, C-7.5 PS 2 x 25: 85.
  // 100 - 85 / 10 = 91.5.
  EXPECT_NEAR(g.chapter("7"), 91.5, 1e-9);
  EXPECT_NEAR(g.chapter("9"), 100, 1e-9);
  // The three PS have no failing cause: one group with no root, each due in 12 months.
  EXPECT_EQ(g.root_groups(), (Ids{"-: C-7.1.6 C-7.5 C-IAE.2.3"}));
  EXPECT_EQ(g.action_order(), (Ids{"C-7.1.6", "C-7.5", "C-IAE.2.3"}));
  EXPECT_EQ(g.r().actions[0].due->ToString(), "2027-04-02");  // decision 2026-04-02 + 12
  ASSERT_TRUE(g.r().certificate.has_value());
  EXPECT_EQ(g.r().certificate->effective.ToString(), "2026-04-02");
  EXPECT_EQ(g.r().certificate->expiry.ToString(), "2029-04-01");
  EXPECT_EQ(g.r().certificate->first_surveillance_due.ToString(), "2027-04-02");
}

TEST(SampleDossiers, ConditionalOnMinorNonconformities) {
  // AI, 2 sites: C-5.3.3 (GES) and C-IAE.5.1 (ACI, EI) do not apply; 53 apply, C-7.1.5 NA:
  // 52 scored, total effective weight 104.
  // Deficits: NCm (60 each) on C-5.3.2 (1), C-IAE.4.3 (1 x 2), C-IAE.5.2 (2 x 2): 60 + 120 + 240
  // = 420; PS (25) on C-6.3 (1), C-8.2.3 (1), C-IAE.5.3 (1 x 2): 25 + 25 + 50 = 100; PP (10) on
  // C-5.1.2 (1), C-7.4 (1), C-IAE.2.3 (1 x 2): 10 + 10 + 20 = 40. 560 in all:
  // score = 100 - 560 / 104 = 94.62.
  Golden g = Audit("conditional.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_EQ(g.r().scored_criteria, 52);
  EXPECT_NEAR(g.r().score, 100 - 560.0 / 104, 1e-9);
  EXPECT_EQ(g.count("NCm"), 3);
  EXPECT_EQ(g.count("NCM"), 0);
  EXPECT_EQ(g.count("PS"), 3);
  // No blocking failure, no major, score >= 60: the first outcome that matches is "conditional"
  // (three minors, needs at least one).
  EXPECT_EQ(g.outcome(), "conditional");
  EXPECT_EQ(g.r().outcomes.back().conditions[0].text, "count(kind minor-nc) = 3, needs >= 1");
  // C-IAE.1.1 stays C although its indicator fails (18 days, 15 at most): the auditor's override
  // is kept in the result.
  const CriterionResult& override =
      g.r().criteria[static_cast<size_t>(g.ref->FindCriterion("C-IAE.1.1"))];
  EXPECT_TRUE(override.contradiction);
  EXPECT_TRUE(override.overridden);
  // Each NC is its own root cause; the observations have none. Minors first (6 months), then PS.
  EXPECT_EQ(g.root_groups(), (Ids{"C-5.3.2: C-5.3.2", "C-IAE.4.3: C-IAE.4.3",
                                  "C-IAE.5.2: C-IAE.5.2", "-: C-6.3 C-8.2.3 C-IAE.5.3"}));
  EXPECT_EQ(g.action_order(),
            (Ids{"C-5.3.2", "C-IAE.4.3", "C-IAE.5.2", "C-6.3", "C-8.2.3", "C-IAE.5.3"}));
  EXPECT_EQ(g.r().actions[0].due->ToString(), "2026-12-09");  // decision 2026-06-09 + 6
  // A renewal keeps the cycle: the certificate decided on 2023-06-27 expired on 2026-06-26; the
  // renewed one runs 36 months more, to 2029-06-26 (not 36 months from this decision).
  EXPECT_EQ(g.r().certificate->effective.ToString(), "2026-06-09");
  EXPECT_EQ(g.r().certificate->expiry.ToString(), "2029-06-26");
}

TEST(SampleDossiers, RefusedOnAMajorNonconformity) {
  // EI, 1 site: 52 apply, none NA, total effective weight 104.
  // Deficits: NCM (100) on C-7.1.4 (1); NCm (60) on C-IAE.6.2 (1 x 2): 120; PS (25) on C-6.1
  // (1), C-8.3 (1), C-IAE.5.1 (2 x 2): 25 + 25 + 100; PP (10) on C-4.4 (2), C-10.3 (1),
  // C-IAE.3.3 (1 x 2): 20 + 10 + 20. 420 in all: score = 100 - 420 / 104 = 95.96.
  Golden g = Audit("refused-major.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_NEAR(g.r().score, 100 - 420.0 / 104, 1e-9);
  EXPECT_EQ(g.count("NCM"), 1);
  EXPECT_EQ(g.count("NCm"), 1);
  // A high score does not compensate a major: "refused-major" matches before "conditional".
  EXPECT_EQ(g.outcome(), "refused-major");
  EXPECT_EQ(g.r().decision, Decision::kRefused);
  EXPECT_FALSE(g.r().certificate.has_value());
  // C-IAE.5.1 (supervision on site, PS) requires C-7.1.4 (health and safety, NCM).
  EXPECT_EQ(g.root_groups(),
            (Ids{"C-7.1.4: C-7.1.4 C-IAE.5.1", "C-IAE.6.2: C-IAE.6.2", "-: C-6.1 C-8.3"}));
  // The major first (3 months), then the minor (6), then the observations (12).
  EXPECT_EQ(g.action_order(), (Ids{"C-7.1.4", "C-IAE.6.2", "C-6.1", "C-8.3", "C-IAE.5.1"}));
  EXPECT_EQ(g.r().actions[0].due->ToString(), "2026-03-15");  // decision 2025-12-15 + 3
  EXPECT_EQ(g.ids(g.r().actions[4].after), (Ids{"C-7.1.4"}));
}

TEST(SampleDossiers, RefusedOnABlockingCriterionDespiteAHighScore) {
  // ETTI: 52 apply, 2 NA (C-7.1.5, C-8.3): 50 scored, total effective weight 102.
  // Deficits: NCm (60) on C-IAE.2.1, the mutual commitment contract (3 x 2 = 6): 360; PP (10)
  // on C-4.4 (2), C-7.3 (1), C-IAE.2.3 (1 x 2): 20 + 10 + 20. 410: score = 100 - 410 / 102
  // = 95.98.
  Golden g = Audit("refused-blocking.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_NEAR(g.r().score, 100 - 410.0 / 102, 1e-9);
  EXPECT_EQ(g.count("PF"), 15);
  EXPECT_EQ(g.count("NCm"), 1);
  EXPECT_EQ(g.ids(g.r().blocking_failed), (Ids{"C-IAE.2.1"}));
  // Non-compensation: the first outcome matches whatever the score.
  EXPECT_EQ(g.outcome(), "refused-blocking");
  EXPECT_EQ(g.r().outcomes.size(), 1u);
  EXPECT_EQ(g.r().outcomes[0].conditions[0].text, "blocking criteria failed = 1, needs >= 1");
  // Its indicator (72 %, 90 % needed) and its sample (6 of 8, all needed) both fail.
  const CriterionResult& cer =
      g.r().criteria[static_cast<size_t>(g.ref->FindCriterion("C-IAE.2.1"))];
  ASSERT_EQ(cer.checks.size(), 2u);
  EXPECT_EQ(cer.checks[0].status, CheckStatus::kFail);
  EXPECT_EQ(cer.checks[1].status, CheckStatus::kFail);
  // Everything that requires the contract, directly or not, is impacted.
  int impacted = 0;
  for (const CriterionResult& cr : g.r().criteria) impacted += cr.impacted ? 1 : 0;
  EXPECT_EQ(impacted, 12);
  EXPECT_EQ(g.action_order(), (Ids{"C-IAE.2.1"}));
  EXPECT_FALSE(g.r().certificate.has_value());
}

TEST(SampleDossiers, OneFailingPrerequisiteExplainsSeveralGaps) {
  // GES, 3 sites: C-IAE.5.1 and C-IAE.5.2 do not apply; 53 apply, none NA, total weight 102.
  // The reception diagnosis C-IAE.1.2 is NCm (two NCm and a PS over three sites, sample 5 of 8).
  // Deficits: NCm (60) on C-IAE.1.2 (2 x 2 = 4): 240 and C-IAE.4.1 (1 x 2): 120; PS (25) on
  // C-IAE.2.2 (2 x 2): 100, C-IAE.3.2 (1 x 2): 50, C-IAE.4.2 (2 x 2): 100, C-7.1.6 (1): 25;
  // PP (10) on C-10.3 (1): 10. 645: score = 100 - 645 / 102 = 93.68.
  Golden g = Audit("root-cause.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_NEAR(g.r().score, 100 - 645.0 / 102, 1e-9);
  EXPECT_EQ(g.count("NCm"), 2);
  EXPECT_EQ(g.count("PS"), 4);
  EXPECT_EQ(g.outcome(), "conditional");
  // Five gaps trace back to the diagnosis; the missing knowledge-sharing (C-7.1.6) stands apart.
  EXPECT_EQ(g.root_groups(),
            (Ids{"C-IAE.1.2: C-IAE.1.2 C-IAE.2.2 C-IAE.3.2 C-IAE.4.1 C-IAE.4.2", "-: C-7.1.6"}));
  // C-IAE.4.1 fails too, but its prerequisite fails: it is explained, not a root.
  EXPECT_EQ(
      g.ids(g.r().criteria[static_cast<size_t>(g.ref->FindCriterion("C-IAE.4.1"))].root_causes),
      (Ids{"C-IAE.1.2"}));
  // Fix the cause first; then the other minor; then the observations.
  EXPECT_EQ(g.action_order(),
            (Ids{"C-IAE.1.2", "C-IAE.4.1", "C-7.1.6", "C-IAE.2.2", "C-IAE.3.2", "C-IAE.4.2"}));
  EXPECT_EQ(g.r().actions[0].due->ToString(), "2027-01-01");  // decision 2026-07-01 + 6
  // Renewal: the cycle decided on 2023-07-10 expired on 2026-07-09; + 36 months.
  EXPECT_EQ(g.r().certificate->expiry.ToString(), "2029-07-09");
}

}  // namespace
}  // namespace sceau
