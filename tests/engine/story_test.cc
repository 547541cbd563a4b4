// Golden results of the three-year story in audits/story/: one organisation, an initial audit in
// 2023, two surveillances and a renewal, each dossier citing the previous year's result.
//
// Two kinds of checks:
// - the committed results (audits/story/*.json, which the next year's dossier cites) are exactly
//   what `sceau audit` writes today: if the engine's output changes, regenerate them as
//   audits/story/README.md says, and review the difference;
// - the values that matter, worked out by hand below.
//
// Scores. The dossiers start from audits/granted.yaml (see sample_dossiers_test.cc): 51 scored
// criteria, total effective weight 103, and deficits of 195 points there, of which C-7.1.6 (PS,
// weight 1: 25) and C-7.5 (PS, weight 2: 50). Only those two criteria change over the years:
//   2023  C-7.5 NCm (2 x 60 = 120), C-7.1.6 PS (25): 195 - 50 + 120 = 265 -> 100 - 265/103 = 97.43
//   2024  C-7.5 NCM (2 x 100 = 200), C-7.1.6 PS (25): 195 - 50 + 200 = 345 -> 96.65
//   2025  C-7.5 C (0), C-7.1.6 NCm (60): 195 - 75 + 60 = 180 -> 98.25
//   2026  C-7.5 C, C-7.1.6 C: 195 - 75 = 120 -> 98.83
// Chapter 7 (total weight 10, deficits of 85 in granted.yaml: C-7.1.6 25, C-7.3 10, C-7.5 50):
//   2023: 25 + 10 + 120 = 155 -> 84.5; 2024: 25 + 10 + 200 = 235 -> 76.5; 2025: 60 + 10 = 70
//   -> 93.0; 2026: 10 -> 99.0.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/engine/golden.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Golden;
using testing::ReadFile;
using testing::RunSceau;
using testing::SourcePath;
using testing::TempDir;

const std::vector<std::string> kSteps = {"2023-initial", "2024-surveillance", "2025-surveillance",
                                         "2026-renewal"};

Golden Step(const std::string& name) {
  return testing::AuditSample("cedre-iso9001.yaml", "story/" + name + ".yaml");
}

std::string Code(const Golden& g, const std::string& id) {
  const CriterionResult& cr = g.criterion(id);
  return g.ref
      ->scales[static_cast<size_t>(g.ref->criteria[static_cast<size_t>(cr.criterion)].scale)]
      .grades[static_cast<size_t>(cr.grade)]
      .code;
}

// The story is written with a register (`sceau audit --register`), which issues the certificate's
// number at the 2023 grant; every later result carries it, the renewal at revision 1.
TEST(Story, CommittedResultsAreWhatSceauWritesToday) {
  TempDir out;
  const std::vector<std::string> said = {"certificate CEDRE-2023-00001 (revision 0): grant in ",
                                         "certificate CEDRE-2023-00001 (revision 0): suspend in ",
                                         "certificate CEDRE-2023-00001 (revision 0): maintain in ",
                                         "certificate CEDRE-2023-00001 (revision 1): renew in "};
  for (size_t i = 0; i < kSteps.size(); ++i) {
    const std::string& step = kSteps[i];
    SCOPED_TRACE(step);
    testing::RunResult r = RunSceau("audit audits/story/" + step + ".yaml --out " + out.path() +
                                    " --format json --register " + out.path() + "/register.db");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(said[i] + out.path() + "/register.db"), std::string::npos) << r.out;
    EXPECT_EQ(ReadFile(out.path() + "/" + step + ".json"),
              ReadFile(SourcePath("audits/story/" + step + ".json")))
        << "audits/story/" << step << ".json is stale: regenerate it (audits/story/README.md)";
  }
  // The register found every number printed.
  testing::RunResult show = RunSceau("register --db " + out.path() +
                                     "/register.db show CEDRE-2023-00001 --today 2026-07-01");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("  revision:     1\n"), std::string::npos) << show.out;
}

TEST(Story, OneCertificateNumberAcrossTheFourYears) {
  const std::vector<int> revisions = {0, 0, 0, 1};
  for (size_t i = 0; i < kSteps.size(); ++i) {
    SCOPED_TRACE(kSteps[i]);
    Golden g = Step(kSteps[i]);
    ASSERT_TRUE(g.load.ok());
    const Lifecycle& l = *g.r().lifecycle;
    // 2023: the evaluation itself has no number yet; the register issues it (above).
    EXPECT_EQ(l.number, i == 0 ? "" : "CEDRE-2023-00001");
    EXPECT_EQ(l.revision, revisions[i]);
    std::string json = ReadFile(SourcePath("audits/story/" + kSteps[i] + ".json"));
    EXPECT_NE(json.find("\"number\": \"CEDRE-2023-00001\""), std::string::npos);
    EXPECT_NE(json.find("\"revision\": " + std::to_string(revisions[i])), std::string::npos);
  }
}

// The PDFs say the same: the cover names the certificate by its number and revision, every year.
TEST(Story, EveryReportsCoverNamesTheCertificateByItsNumberAndRevision) {
  TempDir out;
  const std::vector<std::string> expected = {
      "Certificat après cet audit Le label est accordé le 28 septembre 2023. Certificat n° "
      "CEDRE-2023-00001 (révision 0)",
      "Certificat après cet audit Le certificat est suspendu à compter du 26 septembre 2024. "
      "Certificat n° CEDRE-2023-00001 (révision 0)",
      "Certificat n° CEDRE-2023-00001 (révision 0)",
      "Certificat après cet audit Le certificat est renouvelé le 30 juin 2026. Certificat n° "
      "CEDRE-2023-00001 (révision 1)"};
  for (size_t i = 0; i < kSteps.size(); ++i) {
    SCOPED_TRACE(kSteps[i]);
    testing::RunResult r =
        RunSceau("--lang fr -q report audits/story/" + kSteps[i] + ".json --out " + out.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string cover = testing::Fold(
        testing::Shell("pdftotext -l 1 " + out.path() + "/" + kSteps[i] + ".pdf - 2>/dev/null"));
    EXPECT_NE(cover.find(expected[i]), std::string::npos) << cover;
  }
}

TEST(Story, InitialAuditStartsTheCycle) {
  Golden g = Step("2023-initial");
  ASSERT_TRUE(g.load.ok());
  EXPECT_NEAR(g.r().score, 100 - 265.0 / 103, 1e-9);
  EXPECT_NEAR(g.chapter("7"), 84.5, 1e-9);
  EXPECT_EQ(g.outcome(), "conditional");
  EXPECT_EQ(g.first_due(), "2024-03-28");  // C-7.5 NCm: decision 2023-09-28 + 6 months
  const Lifecycle& l = *g.r().lifecycle;
  EXPECT_EQ(l.state, "granted");
  EXPECT_EQ(l.effective->ToString(), "2023-09-28");
  EXPECT_EQ(l.expiry->ToString(), "2026-09-27");  // + 36 months - 1 day
  EXPECT_FALSE(l.due.has_value());
  EXPECT_EQ(l.next_kind, "surveillance");
  EXPECT_EQ(l.next_due->ToString(), "2024-09-28");  // + 12 months
  EXPECT_TRUE(g.r().follow_up.empty());
  EXPECT_FALSE(g.r().changes.has_value());
}

TEST(Story, OpenMinorEscalatesAndSuspends) {
  Golden g = Step("2024-surveillance");
  ASSERT_TRUE(g.load.ok());
  // The auditor graded C-7.5 NCm; still open (in progress) at this audit, it becomes NCM.
  const CriterionResult& c75 = g.criterion("C-7.5");
  EXPECT_TRUE(c75.escalated);
  EXPECT_EQ(Code(g, "C-7.5"), "NCM");
  ASSERT_EQ(g.r().follow_up.size(), 1u);
  const FollowUpResult& f = g.r().follow_up[0];
  EXPECT_EQ(f.criterion, "C-7.5");
  EXPECT_EQ(f.previous_grade, "NCm");
  EXPECT_EQ(f.due->ToString(), "2024-03-28");
  EXPECT_EQ(f.status, FollowUpStatus::kInProgress);
  EXPECT_EQ(f.effect, "escalated");
  EXPECT_FALSE(f.verified);
  EXPECT_NEAR(g.r().score, 100 - 345.0 / 103, 1e-9);
  EXPECT_NEAR(g.chapter("7"), 76.5, 1e-9);
  EXPECT_EQ(g.outcome(), "refused-major");
  EXPECT_EQ(g.first_due(), "2024-12-26");  // NCM: decision 2024-09-26 + 3 months
  // Held on 2024-09-11, by its due date 2024-09-28: on time. Refused: suspended for 6 months at
  // most, the audit that lifts it is due by 2025-03-26.
  const Lifecycle& l = *g.r().lifecycle;
  EXPECT_EQ(l.state, "suspended");
  EXPECT_EQ(l.state_date.ToString(), "2024-09-26");
  EXPECT_EQ(l.due->ToString(), "2024-09-28");
  EXPECT_TRUE(*l.on_time);
  EXPECT_EQ(l.surveillances_done, 1);
  EXPECT_EQ(l.expiry->ToString(), "2026-09-27");
  EXPECT_EQ(l.next_kind, "surveillance");
  EXPECT_EQ(l.next_due->ToString(), "2025-03-26");
  ASSERT_TRUE(g.r().changes.has_value());
  // The previous score comes from the previous result's JSON, rounded to 2 decimals.
  EXPECT_DOUBLE_EQ(g.r().changes->previous_score, 97.43);
}

TEST(Story, VerifiedCorrectionLiftsTheSuspension) {
  Golden g = Step("2025-surveillance");
  ASSERT_TRUE(g.load.ok());
  ASSERT_EQ(g.r().follow_up.size(), 1u);
  const FollowUpResult& f = g.r().follow_up[0];
  EXPECT_EQ(f.previous_grade, "NCM");
  EXPECT_EQ(f.due->ToString(), "2024-12-26");
  EXPECT_EQ(f.date->ToString(), "2024-12-10");
  EXPECT_TRUE(f.verified);
  EXPECT_FALSE(f.late);
  EXPECT_EQ(f.effect, "none");
  EXPECT_EQ(f.grade, "C");
  EXPECT_EQ(Code(g, "C-7.1.6"), "NCm");
  EXPECT_NEAR(g.r().score, 100 - 180.0 / 103, 1e-9);
  EXPECT_NEAR(g.chapter("7"), 93.0, 1e-9);
  EXPECT_EQ(g.outcome(), "conditional");
  const Lifecycle& l = *g.r().lifecycle;
  EXPECT_EQ(l.state, "maintained");
  EXPECT_EQ(l.due->ToString(), "2025-03-26");  // the end of the suspension
  EXPECT_TRUE(*l.on_time);
  EXPECT_EQ(l.surveillances_done, 2);
  EXPECT_EQ(l.next_kind, "renewal");
  EXPECT_EQ(l.next_due->ToString(), "2026-09-27");
  const Changes& ch = *g.r().changes;
  EXPECT_DOUBLE_EQ(ch.previous_score, 96.65);  // as the 2024 result writes it
  for (const ChapterChange& c : ch.chapters) {
    if (g.ref->chapters[static_cast<size_t>(c.chapter)].id != "7") continue;
    EXPECT_NEAR(*c.previous, 76.5, 1e-9);
    EXPECT_NEAR(*c.current, 93.0, 1e-9);
  }
}

TEST(Story, RenewalBeforeExpiryRenews) {
  Golden g = Step("2026-renewal");
  ASSERT_TRUE(g.load.ok());
  ASSERT_EQ(g.r().follow_up.size(), 1u);
  EXPECT_EQ(g.r().follow_up[0].criterion, "C-7.1.6");
  EXPECT_TRUE(g.r().follow_up[0].verified);  // closed 2025-06-20, due 2025-09-25
  EXPECT_NEAR(g.r().score, 100 - 120.0 / 103, 1e-9);
  EXPECT_NEAR(g.chapter("7"), 99.0, 1e-9);
  EXPECT_EQ(g.outcome(), "granted");
  // Decided on 2026-06-30, before the expiry 2026-09-27: renewed from the decision, until the
  // old expiry plus 36 months.
  const Lifecycle& l = *g.r().lifecycle;
  EXPECT_EQ(l.state, "renewed");
  EXPECT_EQ(l.due->ToString(), "2026-09-27");
  EXPECT_TRUE(*l.on_time);
  EXPECT_EQ(l.effective->ToString(), "2026-06-30");
  EXPECT_EQ(l.expiry->ToString(), "2029-09-27");
  EXPECT_EQ(l.cycle_start->ToString(), "2026-06-30");
  EXPECT_EQ(l.surveillances_done, 0);
  EXPECT_EQ(l.next_kind, "surveillance");
  EXPECT_EQ(l.next_due->ToString(), "2027-06-30");
}

// The renewal samples of audits/ give their certificate's history with a `certificate` block.
TEST(Story, RenewalSamplesWithACertificateBlock) {
  // Cycle from 2023-06-27: expiry 2026-06-26. Renewed on 2026-06-09: expiry 2029-06-26.
  Golden renewed = testing::AuditSample("cedre-iso9001.yaml", "conditional.yaml");
  ASSERT_TRUE(renewed.load.ok());
  const Lifecycle& r = *renewed.r().lifecycle;
  EXPECT_EQ(r.state, "renewed");
  EXPECT_EQ(r.due->ToString(), "2026-06-26");
  EXPECT_TRUE(*r.on_time);
  EXPECT_EQ(r.effective->ToString(), "2026-06-09");
  EXPECT_EQ(r.expiry->ToString(), "2029-06-26");
  EXPECT_EQ(r.next_due->ToString(), "2027-06-09");
  // Cycle from 2023-10-19, expiry 2026-10-18; the renewal is refused: expired the next day.
  Golden expired = testing::AuditSample("cedre-iso9001.yaml", "refused-blocking.yaml");
  ASSERT_TRUE(expired.load.ok());
  const Lifecycle& e = *expired.r().lifecycle;
  EXPECT_EQ(e.state, "expired");
  EXPECT_EQ(e.state_date.ToString(), "2026-10-19");
  EXPECT_EQ(e.expiry->ToString(), "2026-10-18");
  EXPECT_EQ(e.next_kind, "initial");
  EXPECT_FALSE(e.next_due.has_value());
}

}  // namespace
}  // namespace sceau
