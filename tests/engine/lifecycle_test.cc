// Tests of the certification cycle (engine/lifecycle.h) and of the follow-up of a previous audit's
// nonconformities (dossier `previous` and `follow_up`, evaluated by engine/evaluator.cc): exact
// dates for each rule, leap years and year ends included, the states after each kind of audit, the
// escalation of open nonconformities, and a table of broken dossiers with their exact diagnostics.
#include "engine/lifecycle.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential_loader.h"
#include "engine/sha256.h"
#include "engine/wording.h"
#include "reports/json_writer.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using ::sceau::testing::Edit;
using ::sceau::testing::Headlines;
using ::sceau::testing::RenderAll;
using ::sceau::testing::TempDir;

Date D(const char* s) { return *Date::Parse(s); }
std::string S(const std::optional<Date>& d) { return d ? d->ToString() : "null"; }

AuditInfo Audit(AuditKind kind, const char* start, const char* end, const char* decision) {
  AuditInfo a;
  a.kind = kind;
  a.start = D(start);
  a.end = D(end);
  a.decision_date = D(decision);
  return a;
}

// The certificate after a cycle-starting decision on `start`, with `done` surveillances held, the
// last one ending on `last`.
CycleState Active(const char* start, int done, const char* last, const char* state = nullptr) {
  CycleState c;
  c.cycle_start = D(start);
  c.effective = D(start);
  c.expiry = D(start).AddMonths(36).AddDays(-1);
  c.surveillances_done = done;
  c.last_audit_end = D(last);
  c.state = state ? state : done == 0 ? "granted" : "maintained";
  c.state_date = done == 0 ? D(start) : D(last);
  return c;
}

// "state effective..expiry sd=N due=... on_time=... next=kind@due"
std::string Summary(const Lifecycle& l) {
  return l.state + " since " + l.state_date.ToString() + " " + S(l.effective) + ".." + S(l.expiry) +
         " sd=" + std::to_string(l.surveillances_done) + " due=" + S(l.due) +
         " on_time=" + (l.on_time ? (*l.on_time ? "yes" : "no") : "null") +
         " next=" + (l.next_kind.empty() ? "none" : l.next_kind) + "@" + S(l.next_due);
}

std::vector<std::string> Codes(const Lifecycle& l) {
  std::vector<std::string> out;
  for (const LifecycleReason& r : l.reasons) out.push_back(r.code);
  return out;
}

const Policy kPolicy;  // 36 months of validity, surveillance within 12, suspension and reaudit 6

TEST(LifecycleCycle, ThirtySixMonthsGiveTwoSurveillances) {
  EXPECT_EQ(SurveillancesPerCycle(kPolicy), 2);
  Policy p;
  p.validity_months = 12;
  EXPECT_EQ(SurveillancesPerCycle(p), 0);
  p.validity_months = 60;
  EXPECT_EQ(SurveillancesPerCycle(p), 4);
}

TEST(LifecycleCycle, InitialDecidedOnALeapDay) {
  // 2024-02-29 + 36 months is clamped to 2027-02-28; the day before is the expiry. The first
  // surveillance is due 12 months after the decision: 2025-02-28 (no 29th).
  Lifecycle l = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kInitial, "2024-02-12", "2024-02-14", "2024-02-29"), std::nullopt,
      Decision::kGranted, "", {});
  EXPECT_EQ(Summary(l),
            "granted since 2024-02-29 2024-02-29..2027-02-27 sd=0 due=null on_time=null "
            "next=surveillance@2025-02-28");
  EXPECT_EQ(S(l.cycle_start), "2024-02-29");
}

TEST(LifecycleCycle, InitialDecidedOnTheLastDayOfTheYear) {
  Lifecycle l = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kInitial, "2025-12-08", "2025-12-10", "2025-12-31"), std::nullopt,
      Decision::kConditional, "", {});
  EXPECT_EQ(Summary(l),
            "granted since 2025-12-31 2025-12-31..2028-12-30 sd=0 due=null on_time=null "
            "next=surveillance@2026-12-31");
}

TEST(LifecycleCycle, RefusedInitialHasNoCertificate) {
  Lifecycle l = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kInitial, "2026-03-02", "2026-03-03", "2026-03-20"), std::nullopt,
      Decision::kRefused, "", {});
  EXPECT_EQ(Summary(l),
            "refused since 2026-03-20 null..null sd=0 due=null on_time=null next=initial@null");
}

TEST(LifecycleCycle, SurveillancesEveryCalendarYearThenTheRenewal) {
  // Cycle from 2025-12-31: first surveillance by 2026-12-31, the second by 31 December of the
  // year after the first (2027-12-31), then the renewal by the expiry 2028-12-30.
  CycleState start = Active("2025-12-31", 0, "2025-12-10");
  Lifecycle first = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kSurveillance, "2026-12-14", "2026-12-15", "2026-12-28"), start,
      Decision::kGranted, "", {});
  EXPECT_EQ(Summary(first),
            "maintained since 2026-12-28 2025-12-31..2028-12-30 sd=1 due=2026-12-31 "
            "on_time=yes next=surveillance@2027-12-31");
  CycleState after = Active("2025-12-31", 1, "2026-12-15");
  Lifecycle second = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kSurveillance, "2027-11-02", "2027-11-03", "2027-11-20"), after,
      Decision::kGranted, "", {});
  EXPECT_EQ(Summary(second),
            "maintained since 2027-11-20 2025-12-31..2028-12-30 sd=2 "
            "due=2027-12-31 on_time=yes next=renewal@2028-12-30");
}

TEST(LifecycleCycle, ALateSurveillanceIsMarked) {
  CycleState start = Active("2025-12-31", 0, "2025-12-10");
  Lifecycle l = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kSurveillance, "2027-01-04", "2027-01-05", "2027-01-20"), start,
      Decision::kGranted, "", {});
  EXPECT_EQ(Summary(l),
            "maintained since 2027-01-20 2025-12-31..2028-12-30 sd=1 due=2026-12-31 "
            "on_time=no next=surveillance@2028-12-30");  // 2028-12-31, capped by the expiry
  ASSERT_EQ(Codes(l), (std::vector<std::string>{"late-surveillance"}));
  EXPECT_EQ(l.reasons[0].message.fr(),
            "Audit de surveillance tenu le 2027-01-05, après son échéance du 2026-12-31.");
  EXPECT_EQ(l.reasons[0].message.Get("en"),
            "Surveillance audit held on 2027-01-05, after its due date 2026-12-31.");
}

TEST(LifecycleCycle, NoSurveillanceIsDueAfterTheExpiry) {
  // Cycle 2023-03-01 to 2026-02-28; the first surveillance held (late) in February 2025: the
  // second would be due by 2026-12-31, but the certificate expires first.
  CycleState after = Active("2023-03-01", 1, "2025-02-20");
  EXPECT_EQ(S(after.expiry), "2026-02-28");
  NextAudit next = NextAuditAfter(kPolicy, after);
  EXPECT_EQ(next.kind, "surveillance");
  EXPECT_EQ(S(next.due), "2026-02-28");
  // On a leap-day cycle, the renewal is due by 2027-02-27.
  NextAudit renewal = NextAuditAfter(kPolicy, Active("2024-02-29", 2, "2026-11-05"));
  EXPECT_EQ(renewal.kind, "renewal");
  EXPECT_EQ(S(renewal.due), "2027-02-27");
}

TEST(LifecycleCycle, RenewalBeforeExpiryExtendsTheCertificate) {
  // New effective date: the decision; new expiry: the old one plus 36 months.
  CycleState prior = Active("2023-09-28", 2, "2025-03-12");
  Lifecycle l = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kRenewal, "2026-06-09", "2026-06-11", "2026-06-30"), prior,
      Decision::kGranted, "", {});
  EXPECT_EQ(Summary(l),
            "renewed since 2026-06-30 2026-06-30..2029-09-27 sd=0 due=2026-09-27 "
            "on_time=yes next=surveillance@2027-06-30");
  EXPECT_EQ(S(l.cycle_start), "2026-06-30");
  // On a leap-day cycle: expiry 2027-02-27 becomes 2030-02-27.
  Lifecycle leap = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kRenewal, "2027-01-11", "2027-01-12", "2027-02-01"),
      Active("2024-02-29", 2, "2026-02-10"), Decision::kConditional, "", {});
  EXPECT_EQ(Summary(leap),
            "renewed since 2027-02-01 2027-02-01..2030-02-27 sd=0 due=2027-02-27 "
            "on_time=yes next=surveillance@2028-02-01");
}

// Within the restoration window (6 months after the expiry), a renewal restores the certificate
// on its original cycle (ISO/IEC 17021-1 §9.6.3.2.5); it no longer starts a new one.
TEST(LifecycleCycle, RenewalAfterExpiryRestoresTheCertificate) {
  CycleState prior = Active("2023-09-28", 2, "2025-03-12");
  Lifecycle l = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kRenewal, "2026-09-21", "2026-09-23", "2026-10-15"), prior,
      Decision::kGranted, "", {});
  EXPECT_EQ(Summary(l),
            "renewed since 2026-10-15 2026-10-15..2029-09-27 sd=0 due=2026-09-27 "
            "on_time=no next=surveillance@2027-10-15");
  ASSERT_EQ(Codes(l), (std::vector<std::string>{"renewal-after-expiry"}));
  EXPECT_EQ(
      l.reasons[0].message.fr(),
      "Renouvellement décidé le 2026-10-15, après l'expiration du certificat le 2026-09-27 "
      "mais dans les 6 mois (au plus tard le 2027-03-27) : le certificat est rétabli, sur son "
      "cycle d'origine.");
}

TEST(LifecycleCycle, RefusedRenewalExpiresAtTheOldExpiry) {
  CycleState prior = Active("2023-09-28", 2, "2025-03-12");
  Lifecycle l = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kRenewal, "2026-06-09", "2026-06-11", "2026-06-30"), prior,
      Decision::kRefused, "", {});
  EXPECT_EQ(Summary(l),
            "expired since 2026-09-28 2023-09-28..2026-09-27 sd=2 due=2026-09-27 "
            "on_time=yes next=initial@null");
}

TEST(LifecycleCycle, RefusedSurveillanceSuspendsThenWithdraws) {
  CycleState prior = Active("2023-09-28", 0, "2023-09-07");
  Lifecycle suspended = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kSurveillance, "2024-09-10", "2024-09-11", "2024-09-26"), prior,
      Decision::kRefused, "", {});
  EXPECT_EQ(Summary(suspended),
            "suspended since 2024-09-26 2023-09-28..2026-09-27 sd=1 "
            "due=2024-09-28 on_time=yes next=surveillance@2025-03-26");
  ASSERT_EQ(Codes(suspended), (std::vector<std::string>{"suspended"}));

  CycleState was = Active("2023-09-28", 1, "2024-09-11", "suspended");
  was.state_date = D("2024-09-26");
  // Refused again within the six months: still suspended, from the first day of the suspension.
  Lifecycle again = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kSurveillance, "2025-03-03", "2025-03-04", "2025-03-20"), was,
      Decision::kRefused, "", {});
  EXPECT_EQ(Summary(again),
            "suspended since 2024-09-26 2023-09-28..2026-09-27 sd=2 "
            "due=2025-03-26 on_time=yes next=surveillance@2025-03-26");
  // Refused after the six months (held on 2025-03-25, in time, but decided on 2025-04-10):
  // withdrawn.
  Lifecycle withdrawn = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kSurveillance, "2025-03-24", "2025-03-25", "2025-04-10"), was,
      Decision::kRefused, "", {});
  EXPECT_EQ(Summary(withdrawn),
            "withdrawn since 2025-04-10 2023-09-28..2026-09-27 sd=2 "
            "due=2025-03-26 on_time=yes next=initial@null");
  ASSERT_EQ(Codes(withdrawn), (std::vector<std::string>{"suspension-expired"}));
  EXPECT_EQ(withdrawn.reasons[0].message.fr(),
            "Certificat suspendu depuis le 2024-09-26 : sans audit favorable dans les 6 mois (au "
            "plus tard le 2025-03-26), il est retiré.");
  // A favourable audit in time lifts the suspension.
  Lifecycle lifted = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kSurveillance, "2025-03-11", "2025-03-12", "2025-03-25"), was,
      Decision::kGranted, "", {});
  EXPECT_EQ(Summary(lifted),
            "maintained since 2025-03-25 2023-09-28..2026-09-27 sd=2 "
            "due=2025-03-26 on_time=yes next=renewal@2026-09-27");
}

TEST(LifecycleCycle, AMajorNotCorrectedWithinSixMonthsWithdraws) {
  CycleState prior = Active("2023-09-28", 1, "2024-09-11");
  Lifecycle l = ComputeLifecycle(
      kPolicy, Audit(AuditKind::kSurveillance, "2025-09-01", "2025-09-02", "2025-09-20"), prior,
      Decision::kRefused, "C-7.5", {});
  EXPECT_EQ(l.state, "withdrawn");
  ASSERT_EQ(Codes(l), (std::vector<std::string>{"major-not-corrected"}));
  EXPECT_EQ(l.reasons[0].message.fr(),
            "Non-conformité majeure C-7.5 non corrigée dans les 6 mois suivant la fin de l'audit "
            "précédent (au plus tard le 2025-03-11) : le certificat est retiré.");
}

TEST(LifecycleCycle, ChecksTheKindOfAuditAgainstTheCycle) {
  auto problems = [](AuditKind kind, const std::optional<CycleState>& prior) {
    std::vector<std::string> out;
    for (const CycleProblem& p :
         CheckCycle(kPolicy, Audit(kind, "2026-06-01", "2026-06-02", "2026-06-20"), prior)) {
      out.push_back(std::string(p.error ? "error " : "warning ") + p.code + ": " + p.message);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(problems(AuditKind::kInitial, std::nullopt), V{});
  EXPECT_EQ(
      problems(AuditKind::kInitial, Active("2025-01-10", 0, "2024-12-12")),
      V{"error wrong-audit-kind: the certificate is granted (expiry 2028-01-09): this audit is a "
        "surveillance or a renewal, not an initial audit"});
  EXPECT_EQ(
      problems(AuditKind::kSurveillance, std::nullopt),
      V{"warning no-previous: a surveillance audit follows an earlier audit: give 'previous' "
        "(its sceau result) or 'certificate' (the certificate's dates) so that the cycle can be "
        "checked"});
  CycleState refused;
  refused.state = "refused";
  EXPECT_EQ(
      problems(AuditKind::kRenewal, refused),
      V{"error wrong-audit-kind: the previous audit left the certificate refused: the next audit "
        "is an initial audit, not a renewal"});
  EXPECT_EQ(problems(AuditKind::kInitial, refused), V{});
  EXPECT_EQ(problems(AuditKind::kSurveillance, Active("2023-05-10", 2, "2025-05-01")),
            V{"error wrong-audit-kind: the certificate expired on 2026-05-09, before this audit: a "
              "surveillance cannot extend it; audit a renewal (or an initial audit)"});
  EXPECT_EQ(problems(AuditKind::kSurveillance, Active("2024-01-10", 2, "2025-05-01")),
            V{"error wrong-audit-kind: the cycle's 2 surveillances are done: the next audit is the "
              "renewal, due by 2027-01-09"});
  // The audit that lifts a suspension is a surveillance, whatever the count.
  EXPECT_EQ(problems(AuditKind::kSurveillance, Active("2024-01-10", 2, "2025-05-01", "suspended")),
            V{});
  EXPECT_EQ(problems(AuditKind::kRenewal, Active("2023-05-10", 2, "2025-05-01")), V{});
}

// ---- follow-up, with dossiers and previous results on disk ------------------------------------

// Three criteria on two chapters, no checks. A-1 and B-1 weigh 1, A-2 weighs 2.
constexpr std::string_view kReferential = R"yaml(id: cycle-test
version: "2026.1"
title: {fr: Référentiel de test du cycle, en: Cycle test referential}
languages: [fr, en]
effective: 2026-01-01
scales:
  - id: grades
    type: grades
    grades:
      - {code: C,   kind: conforming, label: {fr: Conforme, en: Conforming}, points: 100}
      - {code: PS,  kind: observation, label: {fr: Point sensible, en: Observation}, points: 75}
      - {code: NCm, kind: minor-nc, label: {fr: Non-conformité mineure, en: Minor nonconformity}, points: 40}
      - {code: NCM, kind: major-nc, label: {fr: Non-conformité majeure, en: Major nonconformity}, points: 0}
chapters:
  - {id: "A", title: {fr: Chapitre A, en: Chapter A}}
  - {id: "B", title: {fr: Chapitre B, en: Chapter B}}
criteria:
  - {id: A-1, chapter: "A", title: {fr: Critère A-1, en: Criterion A-1}, requirement: {fr: Exigence A-1., en: Requirement A-1.}}
  - {id: A-2, chapter: "A", weight: 2, title: {fr: Critère A-2, en: Criterion A-2}, requirement: {fr: Exigence A-2., en: Requirement A-2.}}
  - {id: B-1, chapter: "B", title: {fr: Critère B-1, en: Criterion B-1}, requirement: {fr: Exigence B-1., en: Requirement B-1.}}
decision:
  deadlines: {NCM: 3, NCm: 6}
  outcomes:
    - id: refuse
      decision: refused
      label: {fr: Label refusé, en: Label refused}
      when:
        - count: {kind: major-nc, min: 1}
    - id: reserve
      decision: conditional
      label: {fr: Label accordé sous réserve, en: Label granted with conditions}
      when:
        - count: {kind: minor-nc, min: 1}
    - id: accorde
      decision: granted
      label: {fr: Label accordé, en: Label granted}
)yaml";

std::shared_ptr<const Referential> Ref(std::string_view extra_policy = "") {
  std::string text(kReferential);
  if (!extra_policy.empty())
    text = Edit(text, "  deadlines: {NCM: 3, NCm: 6}\n",
                "  deadlines: {NCM: 3, NCm: 6}\n" + std::string(extra_policy));
  ReferentialLoad load = LoadReferentialFromString("cycle-test.yaml", text);
  EXPECT_TRUE(load.ok()) << RenderAll(load.diagnostics);
  return load.referential;
}

// A dossier of the test referential. `audit` is the audit block's body, `extra` the top-level
// keys between the audit and the evidence, `grades` the grades of A-1, A-2 and B-1.
std::string Dossier(const std::string& audit, const std::string& extra, const std::string& a1,
                    const std::string& a2, const std::string& b1) {
  return "referential: {id: cycle-test, version: \"2026.1\"}\n"
         "organisation:\n"
         "  name: \"Association Cycle d'Essai\"\n"
         "  kind: ACI\n"
         "  headcount: {permanent: 4, pathway: 12}\n"
         "  sites: [{id: s1, name: \"Site unique\"}]\n"
         "audit:\n" +
         audit + extra +
         "evidence:\n"
         "  - {id: E1, kind: record, title: \"Preuve de correction\", date: 2026-04-01}\n"
         "  - {id: E2, kind: interview, title: \"Entretien\", date: 2026-01-06}\n"
         "assessments:\n"
         "  A-1: {grade: " +
         a1 +
         ", finding: \"Constat A-1.\", evidence: [E2]}\n"
         "  A-2: {grade: " +
         a2 +
         ", finding: \"Constat A-2.\", evidence: [E2]}\n"
         "  B-1: {grade: " +
         b1 + ", finding: \"Constat B-1.\", evidence: [E2]}\n";
}

std::string AuditBlock(const std::string& id, const std::string& kind, const std::string& start,
                       const std::string& end, const std::string& decision) {
  return "  id: " + id + "\n  kind: " + kind + "\n  start: " + start + "\n  end: " + end +
         "\n  decision_date: " + decision +
         "\n  sites_visited: [s1]\n  lead_auditor: \"Claire Martin\"\n  decision_maker: \"Sophie "
         "Bernard\"\n";
}

struct Step {
  DossierLoad load;
  Evaluation eval;
  std::string json;
};

// Writes `name`.yaml in `dir`, audits it and writes its result as `name`.json beside it.
Step AuditStep(const TempDir& dir, const std::shared_ptr<const Referential>& ref,
               const std::string& name, const std::string& text) {
  Step s;
  std::string path = dir.Write(name + ".yaml", text);
  s.load = LoadDossierFile(path, FixedReferential(ref));
  if (!s.load.ok()) return s;
  s.eval = Evaluate(*ref, *s.load.dossier);
  s.json = ResultToJson(*ref, *s.load.dossier, s.eval.result);
  dir.Write(name + ".json", s.json);
  return s;
}

// The previous audit of the follow-up tests: an initial audit decided on 2026-01-20, refused on
// B-1 (NCM, due 2026-04-20) with a minor on A-1 (NCm, due 2026-07-20).
// Scores: A: (40 + 2 x 100) / 3 = 80; B: 0; global (40 + 200 + 0) / 4 = 60.
const std::string kPrevAudit =
    AuditBlock("AUD-P", "initial", "2026-01-05", "2026-01-06", "2026-01-20");

std::string Previous(const std::string& follow_up) {
  return "previous:\n  result: prev.json\n" + follow_up;
}

const std::string kNextAudit =
    AuditBlock("AUD-N", "initial", "2026-06-08", "2026-06-09", "2026-06-25");

const FollowUpResult& Entry(const Step& s, const std::string& id) {
  for (const FollowUpResult& f : s.eval.result.follow_up) {
    if (f.criterion == id) return f;
  }
  static FollowUpResult none;
  ADD_FAILURE() << "no follow-up entry for " << id;
  return none;
}

std::string GradeOf(const std::shared_ptr<const Referential>& ref, const Step& s,
                    const std::string& id) {
  const CriterionResult& cr = s.eval.result.criteria[static_cast<size_t>(ref->FindCriterion(id))];
  return ref->scales[0].grades[static_cast<size_t>(cr.grade)].code;
}

TEST(LifecycleFollowUp, OpenMinorBecomesMajorAndAVerifiedMajorIsLifted) {
  TempDir dir;
  auto ref = Ref();
  Step prev = AuditStep(dir, ref, "prev", Dossier(kPrevAudit, "", "NCm", "C", "NCM"));
  ASSERT_TRUE(prev.load.ok()) << RenderAll(prev.load.diagnostics);
  EXPECT_EQ(prev.eval.result.lifecycle->state, "refused");
  // A re-audit (initial: the certificate was refused). A-1 not started: the auditor grades C, the
  // follow-up makes it NCM. B-1 closed on 2026-04-01 with evidence, before its due date: verified.
  Step next =
      AuditStep(dir, ref, "next",
                Dossier(kNextAudit,
                        Previous("follow_up:\n"
                                 "  A-1: {status: not-started}\n"
                                 "  B-1: {status: closed, date: 2026-04-01, evidence: [E1]}\n"),
                        "C", "C", "C"));
  ASSERT_TRUE(next.load.ok()) << RenderAll(next.load.diagnostics);
  EXPECT_TRUE(next.load.diagnostics.empty()) << RenderAll(next.load.diagnostics);
  const FollowUpResult& a1 = Entry(next, "A-1");
  EXPECT_EQ(a1.effect, "escalated");
  EXPECT_EQ(a1.grade, "NCM");
  EXPECT_FALSE(a1.verified);
  EXPECT_EQ(S(a1.due), "2026-07-20");
  EXPECT_EQ(a1.sites_open, (std::vector<std::string>{"s1"}));
  EXPECT_EQ(a1.reason.fr(), "NCm de l'audit précédent toujours ouverte : elle devient NCM.");
  const FollowUpResult& b1 = Entry(next, "B-1");
  EXPECT_EQ(b1.effect, "none");
  EXPECT_TRUE(b1.verified);
  EXPECT_FALSE(b1.late);
  EXPECT_EQ(b1.grade, "C");
  // A-1 is NCM (auditor grade C kept as auditor_grade): the decision refuses again.
  const CriterionResult& cr = next.eval.result.criteria[0];
  EXPECT_TRUE(cr.escalated);
  EXPECT_EQ(ref->scales[0].grades[static_cast<size_t>(cr.auditor_grade)].code, "C");
  EXPECT_EQ(next.eval.result.decision, Decision::kRefused);
  // Scores: A (0 + 2 x 100) / 3 = 66.67, B 100; global (0 + 200 + 100) / 4 = 75.
  ASSERT_TRUE(next.eval.result.changes.has_value());
  const Changes& ch = *next.eval.result.changes;
  EXPECT_NEAR(ch.previous_score, 60, 1e-9);
  EXPECT_NEAR(ch.score, 75, 1e-9);
  ASSERT_EQ(ch.chapters.size(), 2u);
  EXPECT_NEAR(*ch.chapters[0].previous, 80, 1e-9);
  EXPECT_NEAR(*ch.chapters[0].current, 200.0 / 3, 1e-9);
  EXPECT_NEAR(*ch.chapters[1].previous, 0, 1e-9);
  EXPECT_NEAR(*ch.chapters[1].current, 100, 1e-9);
  EXPECT_THAT(next.json, ::testing::HasSubstr(R"("reason": {
        "en": "NCm of the previous audit still open: it becomes NCM.",
        "fr": "NCm de l'audit précédent toujours ouverte : elle devient NCM."
      })"));
}

TEST(LifecycleFollowUp, AMinorClosedButFoundAgainBecomesMajor) {
  TempDir dir;
  auto ref = Ref();
  AuditStep(dir, ref, "prev", Dossier(kPrevAudit, "", "NCm", "C", "NCM"));
  Step next =
      AuditStep(dir, ref, "next",
                Dossier(kNextAudit,
                        Previous("follow_up:\n"
                                 "  A-1: {status: closed, date: 2026-03-01, evidence: [E1]}\n"
                                 "  B-1: {status: closed, date: 2026-04-01, evidence: [E1]}\n"),
                        "NCm", "C", "C"));
  ASSERT_TRUE(next.load.ok()) << RenderAll(next.load.diagnostics);
  const FollowUpResult& a1 = Entry(next, "A-1");
  EXPECT_TRUE(a1.verified);
  EXPECT_EQ(a1.effect, "escalated");
  EXPECT_EQ(a1.grade, "NCM");
  EXPECT_EQ(a1.reason.fr(),
            "NCm de l'audit précédent corrigée mais constatée à nouveau : elle devient NCM.");
  // A minor closed and graded conforming has no effect.
  Step ok =
      AuditStep(dir, ref, "ok",
                Dossier(kNextAudit,
                        Previous("follow_up:\n"
                                 "  A-1: {status: closed, date: 2026-03-01, evidence: [E1]}\n"
                                 "  B-1: {status: closed, date: 2026-04-01, evidence: [E1]}\n"),
                        "C", "PS", "C"));
  EXPECT_EQ(Entry(ok, "A-1").effect, "none");
  EXPECT_EQ(ok.eval.result.decision, Decision::kGranted);
  EXPECT_EQ(ok.eval.result.lifecycle->state, "granted");
}

TEST(LifecycleFollowUp, AMajorClosedLateOrNotClosedStaysMajor) {
  TempDir dir;
  auto ref = Ref();
  AuditStep(dir, ref, "prev", Dossier(kPrevAudit, "", "NCm", "C", "NCM"));
  // B-1 closed on 2026-05-02, after its due date 2026-04-20: late, not verified, stays NCM.
  Step late =
      AuditStep(dir, ref, "late",
                Dossier(kNextAudit,
                        Previous("follow_up:\n"
                                 "  A-1: {status: closed, date: 2026-03-01, evidence: [E1]}\n"
                                 "  B-1: {status: closed, date: 2026-05-02, evidence: [E1]}\n"),
                        "C", "C", "C"));
  ASSERT_TRUE(late.load.ok()) << RenderAll(late.load.diagnostics);
  const FollowUpResult& b1 = Entry(late, "B-1");
  EXPECT_TRUE(b1.late);
  EXPECT_FALSE(b1.verified);
  EXPECT_EQ(b1.effect, "kept-major");
  EXPECT_EQ(b1.grade, "NCM");
  EXPECT_EQ(b1.reason.fr(),
            "NCM de l'audit précédent corrigée après son échéance du 2026-04-20 : elle reste NCM.");
  ASSERT_EQ(late.eval.result.lifecycle->reasons.size(), 1u);
  EXPECT_EQ(late.eval.result.lifecycle->reasons[0].code, "late-correction");
  EXPECT_EQ(late.eval.result.lifecycle->reasons[0].message.fr(),
            "Non-conformité majeure B-1 corrigée le 2026-05-02, après son échéance du 2026-04-20.");
  EXPECT_EQ(late.eval.result.decision, Decision::kRefused);
  // In progress: not verified either.
  Step open =
      AuditStep(dir, ref, "open",
                Dossier(kNextAudit,
                        Previous("follow_up:\n"
                                 "  A-1: {status: closed, date: 2026-03-01, evidence: [E1]}\n"
                                 "  B-1: {status: in-progress, note: \"Travaux en cours\"}\n"),
                        "C", "C", "PS"));
  EXPECT_EQ(Entry(open, "B-1").effect, "kept-major");
  EXPECT_EQ(GradeOf(ref, open, "B-1"), "NCM");
  EXPECT_EQ(Entry(open, "B-1").note, "Travaux en cours");
}

TEST(LifecycleFollowUp, ThePolicyChoosesTheGradeOfAnOpenMinor) {
  // With open_minor_becomes: NCm, an open minor stays a minor (a network that does not escalate).
  TempDir dir;
  auto ref =
      Ref("  follow_up: {open_minor_becomes: NCm, suspension_months: 3, reaudit_months: 4}\n");
  ASSERT_NE(ref, nullptr);
  EXPECT_EQ(ref->policy.follow_up.open_minor_becomes, "NCm");
  EXPECT_EQ(ref->policy.follow_up.suspension_months, 3);
  EXPECT_EQ(ref->policy.follow_up.reaudit_months, 4);
  AuditStep(dir, ref, "prev", Dossier(kPrevAudit, "", "NCm", "C", "NCM"));
  Step next =
      AuditStep(dir, ref, "next",
                Dossier(kNextAudit,
                        Previous("follow_up:\n"
                                 "  A-1: {status: in-progress}\n"
                                 "  B-1: {status: closed, date: 2026-04-01, evidence: [E1]}\n"),
                        "C", "C", "C"));
  ASSERT_TRUE(next.load.ok()) << RenderAll(next.load.diagnostics);
  EXPECT_EQ(Entry(next, "A-1").grade, "NCm");
  EXPECT_EQ(next.eval.result.decision, Decision::kConditional);
}

TEST(LifecycleFollowUp, AMajorStillOpenAtTheNextSurveillanceWithdraws) {
  // initial (granted) -> surveillance refused on B-1 NCM (suspended) -> surveillance with B-1
  // still in progress: kept major, refused, and not corrected within 6 months of the end of the
  // previous audit: withdrawn.
  TempDir dir;
  auto ref = Ref();
  Step first = AuditStep(dir, ref, "y1", Dossier(kPrevAudit, "", "C", "C", "C"));
  ASSERT_TRUE(first.load.ok()) << RenderAll(first.load.diagnostics);
  Step second = AuditStep(
      dir, ref, "y2",
      Dossier(AuditBlock("AUD-S1", "surveillance", "2026-12-01", "2026-12-02", "2026-12-15"),
              "previous: {result: y1.json}\n", "C", "C", "NCM"));
  ASSERT_TRUE(second.load.ok()) << RenderAll(second.load.diagnostics);
  EXPECT_EQ(second.eval.result.lifecycle->state, "suspended");
  EXPECT_EQ(S(second.eval.result.lifecycle->next_due), "2027-06-15");
  Step third = AuditStep(
      dir, ref, "y3",
      Dossier(AuditBlock("AUD-S2", "surveillance", "2027-06-07", "2027-06-08", "2027-06-14"),
              "previous: {result: y2.json}\nfollow_up:\n  B-1: {status: in-progress}\n", "C", "C",
              "C"));
  ASSERT_TRUE(third.load.ok()) << RenderAll(third.load.diagnostics);
  const Lifecycle& l = *third.eval.result.lifecycle;
  EXPECT_EQ(Summary(l),
            "withdrawn since 2027-06-14 2026-01-20..2029-01-19 sd=2 due=2027-06-15 "
            "on_time=yes next=initial@null");
  ASSERT_EQ(Codes(l), (std::vector<std::string>{"major-not-corrected"}));
  EXPECT_EQ(l.reasons[0].message.fr(),
            "Non-conformité majeure B-1 non corrigée dans les 6 mois suivant la fin de l'audit "
            "précédent (au plus tard le 2027-06-02) : le certificat est retiré.");
}

TEST(LifecycleFollowUp, ACertificateBlockStandsForAHistoryBeforeSceau) {
  TempDir dir;
  auto ref = Ref();
  Step s =
      AuditStep(dir, ref, "renewal",
                Dossier(AuditBlock("AUD-R", "renewal", "2026-05-04", "2026-05-05", "2026-05-20"),
                        "certificate:\n  decision_date: 2023-06-27\n  surveillances_done: 2\n"
                        "  last_audit: 2025-05-22\n",
                        "C", "C", "C"));
  ASSERT_TRUE(s.load.ok()) << RenderAll(s.load.diagnostics);
  EXPECT_TRUE(s.load.diagnostics.empty()) << RenderAll(s.load.diagnostics);
  EXPECT_EQ(Summary(*s.eval.result.lifecycle),
            "renewed since 2026-05-20 2026-05-20..2029-06-26 sd=0 due=2026-06-26 on_time=yes "
            "next=surveillance@2027-05-20");
  EXPECT_FALSE(s.eval.result.changes.has_value());
  EXPECT_THAT(s.json,
              ::testing::HasSubstr("\"previous\": null,\n    \"cycle_start\": \"2026-05-20\""));
  EXPECT_THAT(s.json, ::testing::HasSubstr("\"follow_up\": [],\n  \"changes\": null"));
}

TEST(LifecycleFollowUp, OnAMultiSiteOrganisationEverySiteMustBeCorrected) {
  TempDir dir;
  auto ref = Ref();
  auto two_sites = [](std::string text) {
    return Edit(text, "  sites: [{id: s1, name: \"Site unique\"}]\n",
                "  sites: [{id: s1, name: \"Albi\"}, {id: s2, name: \"Castres\"}]\n");
  };
  const std::string kSurveillance =
      AuditBlock("AUD-N", "surveillance", "2026-06-08", "2026-06-09", "2026-06-25");
  AuditStep(dir, ref, "prev", two_sites(Dossier(kPrevAudit, "", "NCm", "C", "C")));
  // A-1 closed on s1 only: s2 stays open, so the minor is still open and becomes a major.
  Step next = AuditStep(dir, ref, "next",
                        two_sites(Dossier(kSurveillance,
                                          Previous("follow_up:\n  A-1: {status: closed, date: "
                                                   "2026-03-01, evidence: [E1], sites: [s1]}\n"),
                                          "C", "C", "C")));
  ASSERT_TRUE(next.load.ok()) << RenderAll(next.load.diagnostics);
  const FollowUpResult& a1 = Entry(next, "A-1");
  EXPECT_EQ(a1.sites_open, (std::vector<std::string>{"s2"}));
  EXPECT_FALSE(a1.verified);
  EXPECT_EQ(a1.effect, "escalated");
  EXPECT_EQ(a1.grade, "NCM");
  // Closed on every site ([all], the default): verified.
  Step all = AuditStep(dir, ref, "all",
                       two_sites(Dossier(kSurveillance,
                                         Previous("follow_up:\n  A-1: {status: closed, date: "
                                                  "2026-03-01, evidence: [E1], sites: [all]}\n"),
                                         "C", "C", "C")));
  ASSERT_TRUE(all.load.ok()) << RenderAll(all.load.diagnostics);
  EXPECT_TRUE(Entry(all, "A-1").sites_open.empty());
  EXPECT_TRUE(Entry(all, "A-1").verified);
}

// ---- broken dossiers -------------------------------------------------------------------------

struct BadCase {
  std::string name;
  std::string text;      // the dossier, written as next.yaml beside prev.json
  std::string expected;  // Headlines()
};

std::string Next(const std::string& extra, const std::string& audit = kNextAudit) {
  return Dossier(audit, extra, "C", "C", "C");
}

std::vector<BadCase> BadCases() {
  const std::string ok_follow =
      "follow_up:\n"
      "  A-1: {status: closed, date: 2026-03-01, evidence: [E1]}\n"
      "  B-1: {status: closed, date: 2026-04-01, evidence: [E1]}\n";
  // Line numbers: 1 referential, 2-6 organisation, 7 audit, 8-15 its keys, 16 previous, 17 result.
  return {
      {"MissingFile", Next("previous:\n  result: nowhere.json\n" + ok_follow),
       "next.yaml:17:11: error: the previous result 'nowhere.json' is not in the dossier's folder "
       "[missing-file]"},
      {"NotAResult", Next("previous:\n  result: next.yaml\n" + ok_follow),
       "next.yaml:17:11: error: the previous result 'next.yaml' cannot be used: not a JSON file: "
       "parse error at line 1, column 1: syntax error while parsing value - invalid literal; last "
       "read: 'r' [not-a-result]"},
      {"OtherFormat", Next("previous:\n  result: other.json\n" + ok_follow),
       "next.yaml:17:11: error: the previous result 'other.json' cannot be used: not a "
       "sceau-result (its \"format\" is not \"sceau-result\") [not-a-result]"},
      {"GroupResult", Next("previous:\n  result: group.json\n" + ok_follow),
       "next.yaml:17:11: error: the previous result 'group.json' cannot be used: not a "
       "sceau-result (its \"format\" is not \"sceau-result\"): it is a sceau-group-result (a "
       "group's audit), and a member dossier's 'previous' is that member's own previous result "
       "[not-a-result]"},
      {"OtherReferential", Next("previous:\n  result: otherref.json\n" + ok_follow),
       "next.yaml:17:11: error: the previous result 'otherref.json' is an audit against "
       "referential 'autre', not 'cycle-test' [referential-mismatch]"},
      {"OtherOrganisation", Next("previous:\n  result: otherorg.json\n" + ok_follow),
       "next.yaml:17:11: error: the previous result 'otherorg.json' is about 'Association Autre', "
       "not 'Association Cycle d'Essai': it is another organisation's audit "
       "[organisation-mismatch]"},
      {"Absolute", Next("previous:\n  result: /tmp/prev.json\n" + ok_follow),
       "next.yaml:17:11: error: the file of 'previous' must be relative to the dossier's folder, "
       "not an absolute path [bad-path]"},
      {"HashMismatch",
       Next("previous:\n  result: prev.json\n  sha256: \"" + std::string(64, '0') + "\"\n" +
            ok_follow),
       "next.yaml:18:11: error: the previous result 'prev.json' has SHA-256 @PREV_SHA@, not the "
       "one declared: the file changed [hash-mismatch]"},
      {"PreviousDecidedAfterThisAudit",
       Next(Previous(ok_follow),
            AuditBlock("AUD-N", "initial", "2026-01-12", "2026-01-13", "2026-01-30")),
       "next.yaml:17:11: error: the previous audit 'AUD-P' was decided on 2026-01-20, after this "
       "audit started (2026-01-12) [bad-dates]\n"
       "next.yaml:22:65: warning: evidence 'E1' is dated 2026-04-01, after the audit ended "
       "(2026-01-13) [evidence-after-audit]"},
      {"MissingEntries", Next(Previous("")),
       "next.yaml:16:1: error: the previous audit 'AUD-P' found 2 nonconformities with no "
       "'follow_up' entry: A-1, B-1; say for each what was done (closed, in-progress or "
       "not-started) [missing-follow-up]"},
      {"OneMissingEntry", Next(Previous("follow_up:\n  A-1: {status: in-progress}\n")),
       "next.yaml:18:1: error: the previous audit 'AUD-P' found 1 nonconformity with no "
       "'follow_up' entry: B-1; say what was done (closed, in-progress or not-started) "
       "[missing-follow-up]"},
      {"EntryWithoutNc", Next(Previous(ok_follow + "  A-2: {status: in-progress}\n")),
       "next.yaml:21:3: error: criterion 'A-2' had no minor or major nonconformity in the previous "
       "audit 'AUD-P' (A-1, B-1) (did you mean 'A-1'?) [unknown-follow-up]"},
      {"ClosedWithoutDateOrEvidence",
       Next(Previous(
           "follow_up:\n  A-1: {status: closed}\n  B-1: {status: closed, date: 2026-04-01}\n")),
       "next.yaml:19:3: error: the follow-up of 'A-1' is closed without 'evidence': cite the "
       "evidence of the correction from the register [missing-key]\n"
       "next.yaml:19:3: error: the follow-up of 'A-1' is closed without a 'date': say when the "
       "correction was made [missing-key]\n"
       "next.yaml:20:3: error: the follow-up of 'B-1' is closed without 'evidence': cite the "
       "evidence of the correction from the register [missing-key]"},
      {"UnknownEvidence",
       Next(Previous("follow_up:\n  A-1: {status: closed, date: 2026-03-01, evidence: [E3]}\n"
                     "  B-1: {status: closed, date: 2026-04-01, evidence: [E1]}\n")),
       "next.yaml:19:54: error: the follow-up of 'A-1' cites unknown evidence 'E3' (did you mean "
       "'E1'?) [unknown-evidence]"},
      {"BadStatus",
       Next(Previous("follow_up:\n  A-1: {status: clossed}\n  B-1: {status: not-started}\n")),
       "next.yaml:19:17: error: the status of the follow-up of 'A-1' must be closed, in-progress "
       "or not-started, not 'clossed' (did you mean 'closed'?) [bad-value]"},
      {"CorrectedAfterTheAudit",
       Next(Previous("follow_up:\n  A-1: {status: closed, date: 2026-07-01, evidence: [E1]}\n"
                     "  B-1: {status: not-started}\n")),
       "next.yaml:19:31: error: the follow-up of 'A-1' is dated 2026-07-01, after the audit ended "
       "(2026-06-09): the auditor cannot have verified it [bad-dates]"},
      {"FollowUpWithoutPrevious", Next(ok_follow),
       "next.yaml:16:1: error: 'follow_up' follows up the nonconformities of the previous audit: "
       "give 'previous' with its result [missing-key]"},
      {"PreviousAndCertificate",
       Next(Previous(ok_follow) + "certificate: {decision_date: 2025-01-10}\n"),
       "next.yaml:21:1: error: give either 'previous' (the previous audit's sceau result) or "
       "'certificate' (the certificate's dates, for a history that predates sceau), not both "
       "[bad-value]"},
      {"InitialWhileCertified", Next("certificate: {decision_date: 2025-01-10}\n"),
       "next.yaml:16:1: error: the certificate is granted (expiry 2028-01-09): this audit is a "
       "surveillance or a renewal, not an initial audit [wrong-audit-kind]"},
      {"SurveillanceWhenTheRenewalIsDue",
       Next("certificate: {decision_date: 2024-01-10, surveillances_done: 2, last_audit: "
            "2025-05-01}\n",
            AuditBlock("AUD-N", "surveillance", "2026-06-08", "2026-06-09", "2026-06-25")),
       "next.yaml:16:1: error: the cycle's 2 surveillances are done: the next audit is the "
       "renewal, due by 2027-01-09 [wrong-audit-kind]"},
      {"TooManySurveillances",
       Next("certificate: {decision_date: 2024-01-10, surveillances_done: 3}\n",
            AuditBlock("AUD-N", "renewal", "2026-06-08", "2026-06-09", "2026-06-25")),
       "next.yaml:16:62: error: 'surveillances_done' of 'certificate' must be between 0 and 2 (the "
       "surveillances of one cycle), not 3 [bad-value]"},
      {"SurveillanceAfterARefusal",
       Next(Previous(ok_follow),
            AuditBlock("AUD-N", "surveillance", "2026-06-08", "2026-06-09", "2026-06-25")),
       "next.yaml:16:1: error: the previous audit left the certificate refused: the next audit is "
       "an initial audit, not a surveillance [wrong-audit-kind]"},
      {"SurveillanceWithoutHistory",
       Next("", AuditBlock("AUD-N", "surveillance", "2026-06-08", "2026-06-09", "2026-06-25")),
       "next.yaml:9:9: warning: a surveillance audit follows an earlier audit: give 'previous' "
       "(its sceau result) or 'certificate' (the certificate's dates) so that the cycle can be "
       "checked [no-previous]"},
  };
}

class BrokenCycleDossier : public ::testing::TestWithParam<BadCase> {};

// Writes into `dir` the previous audit's result (`prev`) and the other files the cases name.
void WriteCycleFolder(TempDir& dir, const std::shared_ptr<const Referential>& ref, Step* prev) {
  *prev = AuditStep(dir, ref, "prev", Dossier(kPrevAudit, "", "NCm", "C", "NCM"));
  ASSERT_TRUE(prev->load.ok());
  dir.Write("other.json", "{\"format\": \"sceau-plan\"}\n");
  dir.Write("group.json", "{\"format\": \"sceau-group-result\", \"format_version\": 1}\n");
  dir.Write("otherref.json", Edit(prev->json, "\"id\": \"cycle-test\",\n    \"version\"",
                                  "\"id\": \"autre\",\n    \"version\""));
  dir.Write("otherorg.json", Edit(prev->json, "\"name\": \"Association Cycle d'Essai\"",
                                  "\"name\": \"Association Autre\""));
}

TEST_P(BrokenCycleDossier, ReportsTheExactDiagnostics) {
  const BadCase& c = GetParam();
  TempDir dir;
  auto ref = Ref();
  Step prev;
  ASSERT_NO_FATAL_FAILURE(WriteCycleFolder(dir, ref, &prev));
  std::string path = dir.Write("next.yaml", c.text);
  DossierLoad load = LoadDossierFile(path, FixedReferential(ref));
  std::string got = Headlines(load.diagnostics);
  // Diagnostics name the file as given: keep its name only.
  std::string prefix = path.substr(0, path.size() - std::string("next.yaml").size());
  for (size_t at; (at = got.find(prefix)) != std::string::npos;) got.erase(at, prefix.size());
  std::string expected = c.expected;
  if (size_t at = expected.find("@PREV_SHA@"); at != std::string::npos) {
    expected.replace(at, 10, prev.load.dossier ? Sha256Hex(prev.json) : "");
  }
  EXPECT_EQ(got, expected) << RenderAll(load.diagnostics);
}

// The same diagnostics in French, with no English word left but the quoted values.
TEST_P(BrokenCycleDossier, SayItInFrench) {
  const BadCase& c = GetParam();
  TempDir dir;
  auto ref = Ref();
  Step prev;
  ASSERT_NO_FATAL_FAILURE(WriteCycleFolder(dir, ref, &prev));
  std::string path = dir.Write("next.yaml", c.text);
  ScopedDiagnosticLanguage french("fr");
  std::string headlines = Headlines(LoadDossierFile(path, FixedReferential(ref)).diagnostics);
  EXPECT_EQ(testing::EnglishLeft(headlines), "") << headlines;
  EXPECT_EQ(testing::FrenchFaults(headlines), "");
}

INSTANTIATE_TEST_SUITE_P(Lifecycle, BrokenCycleDossier, ::testing::ValuesIn(BadCases()),
                         [](const ::testing::TestParamInfo<BadCase>& p) { return p.param.name; });

// A previous result that is a symbolic link to a file outside the dossier's folder is not read,
// though it is this organisation's valid previous result.
TEST(LifecyclePrevious, APreviousResultLinkedFromOutsideIsNotRead) {
  TempDir dir;
  auto ref = Ref();
  Step prev = AuditStep(dir, ref, "prev", Dossier(kPrevAudit, "", "NCm", "C", "NCM"));
  ASSERT_TRUE(prev.load.ok());
  std::filesystem::create_directory(dir.path() + "/next");
  std::filesystem::create_symlink(dir.path() + "/prev.json", dir.path() + "/next/prev.json");
  const std::string follow =
      "follow_up:\n"
      "  A-1: {status: closed, date: 2026-03-01, evidence: [E1]}\n"
      "  B-1: {status: closed, date: 2026-04-01, evidence: [E1]}\n";
  std::string path = dir.Write("next/next.yaml", Next("previous:\n  result: prev.json\n" + follow));
  DossierLoad load = LoadDossierFile(path, FixedReferential(ref));
  EXPECT_EQ(Headlines(load.diagnostics),
            path +
                ":17:11: error: the previous result 'prev.json' leaves the dossier's folder "
                "[bad-path]");
}

TEST(LifecycleReferential, RejectsABadFollowUpPolicy) {
  std::string text =
      Edit(kReferential, "  deadlines: {NCM: 3, NCm: 6}\n",
           "  deadlines: {NCM: 3, NCm: 6}\n"
           "  follow_up: {open_minor_becomes: PS, suspension_months: 0, reaudit_month: 6}\n");
  ReferentialLoad load = LoadReferentialFromString("cycle-test.yaml", text);
  EXPECT_EQ(
      Headlines(load.diagnostics),
      "cycle-test.yaml:23:35: error: 'open_minor_becomes' names grade 'PS' of kind observation: an "
      "open nonconformity becomes a nonconformity (major-nc or minor-nc) [bad-value]\n"
      "cycle-test.yaml:23:58: error: 'suspension_months' must be between 1 and 120 months, not 0 "
      "[bad-value]\n"
      "cycle-test.yaml:23:61: error: unknown key 'reaudit_month' in 'follow_up' of 'decision' (did "
      "you mean 'reaudit_months'?) [unknown-key]");
}

}  // namespace
}  // namespace sceau
