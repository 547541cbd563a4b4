// Tests of the planning rules (engine/audit_plan.h): the IAF MD 1 site sample size and its seeded
// draw, the IAF MD 5 audit time (Table QMS 1 at every band boundary, the progression past its top,
// the half-day rounding, the 30 % cap), and the dossier's `plan` key.
#include "engine/audit_plan.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/dossier_loader.h"
#include "engine/referential_loader.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Edit;
using testing::Headlines;
using testing::ReadFile;
using testing::RenderAll;
using testing::SourcePath;
using testing::TempDir;

TEST(SiteSampleSize, FollowsIafMd1ForEachAuditKind) {
  struct Case {
    int sites;
    int initial;       // ceil(sqrt n)
    int surveillance;  // ceil(0.6 sqrt n)
    int renewal;       // ceil(0.8 sqrt n)
  };
  // sqrt 2 = 1.414: 2, ceil(0.849) = 1, ceil(1.131) = 2. sqrt 9 = 3: 3, ceil(1.8) = 2,
  // ceil(2.4) = 3. sqrt 10 = 3.162: 4, ceil(1.897) = 2, ceil(2.530) = 3. sqrt 100 = 10: 10, 6, 8.
  for (const Case& c : std::vector<Case>{{0, 0, 0, 0},
                                         {1, 1, 1, 1},
                                         {2, 2, 1, 2},
                                         {9, 3, 2, 3},
                                         {10, 4, 2, 3},
                                         {100, 10, 6, 8}}) {
    SCOPED_TRACE(c.sites);
    EXPECT_EQ(SiteSampleSize(AuditKind::kInitial, c.sites), c.initial);
    EXPECT_EQ(SiteSampleSize(AuditKind::kSurveillance, c.sites), c.surveillance);
    EXPECT_EQ(SiteSampleSize(AuditKind::kRenewal, c.sites), c.renewal);
    EXPECT_EQ(SiteSampleSize(AuditKind::kSelfAssessment, c.sites), c.initial);
  }
  // 0.6 x sqrt(25) is 3.0000000000000004 in floating point: still 3, not 4.
  EXPECT_EQ(SiteSampleSize(AuditKind::kSurveillance, 25), 3);
  EXPECT_EQ(SiteSampleRule(AuditKind::kInitial, 9), "ceil(sqrt(9))");
  EXPECT_EQ(SiteSampleRule(AuditKind::kSurveillance, 9), "ceil(0.6*sqrt(9))");
  EXPECT_EQ(SiteSampleRule(AuditKind::kRenewal, 9), "ceil(0.8*sqrt(9))");
}

TEST(AuditTime, TableQms1AtEveryBandBoundary) {
  // Each pair: the last headcount of a band and the first of the next, with their days.
  struct Case {
    int personnel;
    double days;
  };
  // clang-format off
  const std::vector<Case> cases = {
      {0, 1.5}, {1, 1.5},
      {5, 1.5}, {6, 2},         {10, 2}, {11, 2.5},         {15, 2.5}, {16, 3},
      {25, 3}, {26, 4},         {45, 4}, {46, 5},           {65, 5}, {66, 6},
      {85, 6}, {86, 7},         {125, 7}, {126, 8},         {175, 8}, {176, 9},
      {275, 9}, {276, 10},      {425, 10}, {426, 11},       {625, 11}, {626, 12},
      {875, 12}, {876, 13},     {1175, 13}, {1176, 14},     {1550, 14}, {1551, 15},
      {2025, 15}, {2026, 16},   {2675, 16}, {2676, 17},     {3450, 17}, {3451, 18},
      {4350, 18}, {4351, 19},   {5450, 19}, {5451, 20},     {6800, 20}, {6801, 21},
      {8500, 21}, {8501, 22},   {10700, 22},
      // Past the table: one more day for each further 2,200 people, started: 1,000,000 is 22 days
      // plus ceil(989,300 / 2,200) = 450.
      {10701, 23}, {12900, 23}, {12901, 24}, {15100, 24}, {15101, 25}, {1000000, 472},
  };
  // clang-format on
  for (const Case& c : cases) {
    SCOPED_TRACE(c.personnel);
    EXPECT_EQ(InitialAuditHalfDays(c.personnel) / 2.0, c.days);
  }
}

TEST(AuditTime, RoundsToTheNearestHalfDayTiesUp) {
  EXPECT_EQ(RoundToHalfDay(5.2), 5.0);
  EXPECT_EQ(RoundToHalfDay(5.25), 5.5);
  EXPECT_EQ(RoundToHalfDay(5.3), 5.5);
  EXPECT_EQ(RoundToHalfDay(5.74), 5.5);
  EXPECT_EQ(RoundToHalfDay(5.75), 6.0);
  EXPECT_EQ(RoundToHalfDay(7.875 * 2 / 3), 5.5);  // 5.25 computed: still a tie, up
  EXPECT_EQ(RoundToHalfDay(0.1), 0.5);            // never below half a day
  EXPECT_EQ(RoundToHalfDay(0), 0.5);
}

TEST(AuditTime, SurveillanceIsAThirdAndRenewalTwoThirds) {
  // 71 people: 6 days. Surveillance 2, renewal 4.
  AuditTime t = EstimateAuditTime(71, {}, AuditKind::kSurveillance);
  EXPECT_EQ(t.table_days, 6);
  EXPECT_EQ(t.initial_days, 6);
  EXPECT_EQ(t.surveillance_days, 2);
  EXPECT_EQ(t.renewal_days, 4);
  EXPECT_EQ(t.this_audit_days, 2);
  EXPECT_FALSE(t.capped);
  // 10 people: 2 days. 2/3 = 0.667 -> 0.5; 4/3 = 1.333 -> 1.5.
  t = EstimateAuditTime(10, {}, AuditKind::kRenewal);
  EXPECT_EQ(t.surveillance_days, 0.5);
  EXPECT_EQ(t.renewal_days, 1.5);
  EXPECT_EQ(t.this_audit_days, 1.5);
}

TEST(AuditTime, ReductionsApplyBeforeTheRatios) {
  // The nine-site AI: 142 people, 8 days; 10 % + 10 %: 6.4 days. Initial 6.4 -> 6.5; surveillance
  // 6.4 / 3 = 2.133 -> 2; renewal 6.4 x 2 / 3 = 4.267 -> 4.5.
  AuditTime t = EstimateAuditTime(142, {10, 10}, AuditKind::kInitial);
  EXPECT_EQ(t.table_days, 8);
  EXPECT_EQ(t.reduction_asked, 20);
  EXPECT_EQ(t.reduction_applied, 20);
  EXPECT_EQ(t.initial_days, 6.5);
  EXPECT_EQ(t.surveillance_days, 2);
  EXPECT_EQ(t.renewal_days, 4.5);
  EXPECT_EQ(t.this_audit_days, 6.5);
}

TEST(AuditTime, ReductionsAreCappedAtThirtyPercent) {
  // 25 people: 3 days. 20 % + 15 % = 35 %, capped at 30 %: 2.1 days. Initial 2.1 -> 2;
  // surveillance 0.7 -> 0.5; renewal 1.4 -> 1.5.
  AuditTime t = EstimateAuditTime(25, {20, 15}, AuditKind::kInitial);
  EXPECT_EQ(t.reduction_asked, 35);
  EXPECT_EQ(t.reduction_applied, 30);
  EXPECT_TRUE(t.capped);
  EXPECT_EQ(t.initial_days, 2);
  EXPECT_EQ(t.surveillance_days, 0.5);
  EXPECT_EQ(t.renewal_days, 1.5);
  // Exactly 30 % is not capped.
  t = EstimateAuditTime(25, {30}, AuditKind::kInitial);
  EXPECT_EQ(t.reduction_applied, 30);
  EXPECT_FALSE(t.capped);
}

TEST(SplitMix64, GivesTheReferenceSequence) {
  // The reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
  SplitMix64 rng(0);
  EXPECT_EQ(rng.Next(), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(rng.Next(), 0x6E789E6AA1B965F4ULL);
  EXPECT_EQ(rng.Next(), 0x06C45D188009454FULL);
  SplitMix64 below(7);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(below.Below(3), 3u);
}

TEST(DefaultSeed, IsFnv1aOfTheAuditId) {
  EXPECT_EQ(DefaultSeed(""), 0xCBF29CE484222325ULL);
  EXPECT_EQ(DefaultSeed("a"), 0xAF63DC4C8601EC8CULL);
}

// The nine-site sample dossier, loaded.
DossierLoad NineSites(const std::string& text = "") {
  ReferentialLoad ref = LoadReferentialFile(SourcePath("referentials/cedre-iso9001.yaml"));
  EXPECT_TRUE(ref.ok()) << RenderAll(ref.diagnostics);
  std::string path = SourcePath("audits/multisite-ai-9-sites.yaml");
  DossierLoad load = LoadDossierFromString(path, text.empty() ? ReadFile(path) : text,
                                           FixedReferential(ref.referential));
  EXPECT_TRUE(load.ok()) << RenderAll(load.diagnostics);
  return load;
}

std::vector<std::string> Drawn(const Dossier& d, const SiteSample& s) {
  std::vector<std::string> ids;
  for (int i : s.chosen) ids.push_back(d.organisation.sites[static_cast<size_t>(i)].id);
  return ids;
}

TEST(SiteSample, IsTheSameForTheSameSeed) {
  DossierLoad load = NineSites();
  ASSERT_TRUE(load.ok());
  const Dossier& d = *load.dossier;
  // Initial audit of 9 sites: 3. The central function (plan.central) first, then 2 of the 8
  // others drawn by a Fisher-Yates shuffle from SplitMix64(seed), listed in the dossier's order.
  SiteSample s = DrawSiteSample(d, DefaultSeed("AUD-2026-078"));
  EXPECT_EQ(s.seed, DefaultSeed(d.audit.id));
  EXPECT_EQ(s.required, 3);
  EXPECT_EQ(s.random, 2);
  EXPECT_EQ(s.central, "saint-morvan");
  EXPECT_EQ(Drawn(d, s), (std::vector<std::string>{"saint-morvan", "breval", "montignac"}));
  EXPECT_EQ(Drawn(d, DrawSiteSample(d, 42)),
            (std::vector<std::string>{"saint-morvan", "montignac", "la-ferriere"}));
  EXPECT_EQ(Drawn(d, DrawSiteSample(d, 42)), Drawn(d, DrawSiteSample(d, 42)));
  EXPECT_EQ(Drawn(d, DrawSiteSample(d, 0)),
            (std::vector<std::string>{"saint-morvan", "coulanges", "pont-heraut"}));
}

TEST(SiteSample, WithoutACentralFunctionEverySiteIsDrawn) {
  std::string text = ReadFile(SourcePath("audits/multisite-ai-9-sites.yaml"));
  text = Edit(text, "  central: saint-morvan   #", "  # central: saint-morvan   #");
  DossierLoad load = NineSites(text);
  ASSERT_TRUE(load.ok());
  SiteSample s = DrawSiteSample(*load.dossier, 42);
  EXPECT_EQ(s.central, "");
  EXPECT_EQ(s.random, 3);
  EXPECT_EQ(Drawn(*load.dossier, s),
            (std::vector<std::string>{"la-ferriere", "les-essarts", "trevieres"}));
}

TEST(SiteSample, KeepsAQuarterAtRandomBesidesTheCentralFunction) {
  // A surveillance of 2 sites needs ceil(0.6 x 1.41) = 1 site. The central function alone would
  // leave nothing to chance: one site is drawn at random besides it.
  std::string text = ReadFile(SourcePath("audits/multisite-ai-9-sites.yaml"));
  text = Edit(text, "  kind: initial\n", "  kind: surveillance\n");
  DossierLoad load = NineSites(text);
  ASSERT_TRUE(load.ok());
  Dossier d = *load.dossier;
  d.organisation.sites.resize(2);  // saint-morvan, breval
  SiteSample s = DrawSiteSample(d, 42);
  EXPECT_EQ(s.required, 1);
  EXPECT_EQ(s.random, 1);
  EXPECT_EQ(Drawn(d, s), (std::vector<std::string>{"saint-morvan", "breval"}));
}

TEST(PlanKey, IsReadIntoTheDossier) {
  DossierLoad load = NineSites();
  ASSERT_TRUE(load.ok());
  const PlanSettings& p = load.dossier->plan;
  EXPECT_EQ(p.central, "saint-morvan");
  ASSERT_EQ(p.reductions.size(), 2u);
  EXPECT_EQ(p.reductions[1].reason,
            "Recrutement, contrats, paie et suivi des parcours centralisés au siège");
  EXPECT_EQ(p.reductions[1].percent, 10);
  AuditTime t = EstimateAuditTime(*load.dossier);
  EXPECT_EQ(t.personnel, 142);
  EXPECT_EQ(t.this_audit_days, 6.5);
}

TEST(PlanKey, ReportsEveryMistakeAtItsLine) {
  ReferentialLoad ref = LoadReferentialFile(SourcePath("tests/data/referentials/minimal.yaml"));
  ASSERT_TRUE(ref.ok());
  const std::string base = ReadFile(SourcePath("tests/data/dossiers/ok.yaml"));
  struct Case {
    std::string plan;
    std::string expected;
  };
  // The plan block is appended at line 30.
  const std::vector<Case> cases = {
      {"plan: {central: s2}\n",
       "d.yaml:30:17: error: 'central' of 'plan' names unknown site 's2' (did you mean 's1'?) "
       "[unknown-site]"},
      {"plan: {centre: s1}\n",
       "d.yaml:30:8: error: unknown key 'centre' in 'plan' (did you mean 'central'?) "
       "[unknown-key]"},
      {"plan: {reductions: [{reason: x, percent: 0}]}\n",
       "d.yaml:30:42: error: the percent of a reduction must be greater than 0 and at most 30 "
       "percent, not 0 [bad-value]"},
      {"plan: {reductions: [{reason: x, percent: 31}]}\n",
       "d.yaml:30:42: error: the percent of a reduction must be greater than 0 and at most 30 "
       "percent, not 31 [bad-value]"},
      {"plan: {reductions: [{reason: \" \", percent: 5}]}\n",
       "d.yaml:30:30: error: the reason of a reduction is empty: say why [missing-key]"},
      {"plan: {reductions: [{percent: 5}]}\n",
       "d.yaml:30:21: error: a reduction has no 'reason', which is required [missing-key]"},
      {"plan: {reductions: [{reason: a, percent: 20}, {reason: b, percent: 15}]}\n",
       "d.yaml:30:20: warning: the reductions add up to 35 %: audit time is reduced by 30 % at "
       "most "
       "(IAF MD 5) [reduction-capped]"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.plan);
    DossierLoad load =
        LoadDossierFromString("d.yaml", base + c.plan, FixedReferential(ref.referential));
    EXPECT_EQ(Headlines(load.diagnostics), c.expected);
  }
}

// The byte offset a message quotes counts the file's bytes, a UTF-8 byte order mark included (as
// the loaders do): 0xE9 is byte 14 of "organisation: \xE9", byte 17 when a BOM comes first.
TEST(ReadPlanningDossier, CountsTheByteOrderMarkInByteOffsets) {
  TempDir dir;
  for (const bool bom : {false, true}) {
    SCOPED_TRACE(bom ? "with a BOM" : "without a BOM");
    std::string path = dir.Write(bom ? "bom.yaml" : "plain.yaml",
                                 std::string(bom ? "\xEF\xBB\xBF" : "") + "organisation: \xE9\n");
    Dossier d;
    std::vector<Diagnostic> diagnostics;
    EXPECT_FALSE(ReadPlanningDossier(path, &d, &diagnostics));
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].message, std::string("invalid UTF-8 byte 0xE9 at byte offset ") +
                                          (bom ? "17" : "14") + ": the file must be UTF-8 text");
    EXPECT_EQ(diagnostics[0].where.line, 1);
    EXPECT_EQ(diagnostics[0].where.column, 15);
  }
}

}  // namespace
}  // namespace sceau
