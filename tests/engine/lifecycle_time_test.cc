// Tests of the certificate's time limits (engine/lifecycle.h): the maximum suspension, the window
// in which a renewal after expiry restores the certificate, the changes time alone brings, and
// the audit kinds a referential supports. Each limit is tried the day before, on and after it,
// leap days included.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "engine/lifecycle.h"

namespace sceau {
namespace {

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

CycleState Active(const char* start, int done, const char* last) {
  CycleState c;
  c.cycle_start = D(start);
  c.effective = D(start);
  c.expiry = D(start).AddMonths(36).AddDays(-1);
  c.surveillances_done = done;
  c.last_audit_end = D(last);
  c.state = done == 0 ? "granted" : "maintained";
  c.state_date = done == 0 ? D(start) : D(last);
  return c;
}

CycleState Suspended(const char* start, const char* since) {
  CycleState c = Active(start, 1, since);
  c.state = "suspended";
  c.state_date = D(since);
  return c;
}

std::string Codes(const Lifecycle& l) {
  std::string out;
  for (const LifecycleReason& r : l.reasons) out += (out.empty() ? "" : ",") + r.code;
  return out;
}

// "state since date effective..expiry [reasons]"
std::string Line(const Lifecycle& l) {
  return l.state + " since " + l.state_date.ToString() + " " + S(l.effective) + ".." + S(l.expiry) +
         " [" + Codes(l) + "]";
}

const Policy kPolicy;  // suspension 6 months, restoration 6 months

Lifecycle Lift(const CycleState& prior, const char* decided, Decision d = Decision::kGranted) {
  return ComputeLifecycle(kPolicy,
                          Audit(AuditKind::kSurveillance, "2025-03-01", "2025-03-02", decided),
                          prior, d, "", {});
}

TEST(LifecycleTime, AFavourableAuditLiftsASuspensionUpToItsLimitOnly) {
  CycleState was = Suspended("2023-09-28", "2024-09-26");  // limit 2025-03-26
  EXPECT_EQ(SuspensionLimit(kPolicy, was).ToString(), "2025-03-26");
  EXPECT_EQ(Line(Lift(was, "2025-03-25")), "maintained since 2025-03-25 2023-09-28..2026-09-27 []");
  EXPECT_EQ(Line(Lift(was, "2025-03-26")), "maintained since 2025-03-26 2023-09-28..2026-09-27 []");
  Lifecycle late = Lift(was, "2025-03-27");
  EXPECT_EQ(Line(late), "withdrawn since 2025-03-27 2023-09-28..2026-09-27 [suspension-expired]");
  EXPECT_EQ(late.reasons[0].message.Get("en"),
            "Certificate suspended since 2024-09-26: with no favourable audit within 6 months (by "
            "2025-03-26), it is withdrawn.");
  EXPECT_EQ(late.next_kind, "initial");
  // Seven months into the suspension (the case): withdrawn, not maintained.
  EXPECT_EQ(Lift(was, "2025-04-26").state, "withdrawn");
  // A refusal after the limit withdraws too.
  EXPECT_EQ(Line(Lift(was, "2025-03-27", Decision::kRefused)),
            "withdrawn since 2025-03-27 2023-09-28..2026-09-27 [suspension-expired]");
}

TEST(LifecycleTime, TheSuspensionLimitOnALeapDay) {
  CycleState was = Suspended("2023-01-10", "2023-08-31");  // + 6 months: 2024-02-29
  EXPECT_EQ(SuspensionLimit(kPolicy, was).ToString(), "2024-02-29");
  EXPECT_EQ(Lift(was, "2024-02-28").state, "maintained");
  EXPECT_EQ(Lift(was, "2024-02-29").state, "maintained");
  EXPECT_EQ(Lift(was, "2024-03-01").state, "withdrawn");
}

TEST(LifecycleTime, TheSuspensionLimitIsTheReferentials) {
  Policy p;
  p.follow_up.suspension_months = 3;
  CycleState was = Suspended("2023-09-28", "2024-09-26");  // limit 2024-12-26
  auto at = [&](const char* d) {
    return ComputeLifecycle(p, Audit(AuditKind::kSurveillance, "2024-12-01", "2024-12-02", d), was,
                            Decision::kGranted, "", {})
        .state;
  };
  EXPECT_EQ(at("2024-12-26"), "maintained");
  EXPECT_EQ(at("2024-12-27"), "withdrawn");
}

Lifecycle Renew(const CycleState& prior, const char* decided, Decision d = Decision::kGranted,
                const Policy& p = kPolicy) {
  return ComputeLifecycle(p, Audit(AuditKind::kRenewal, "2026-09-01", "2026-09-02", decided), prior,
                          d, "", {});
}

std::vector<std::string> Problems(const CycleState& prior, const char* decided) {
  std::vector<std::string> out;
  for (const CycleProblem& p : CheckCycle(
           kPolicy, Audit(AuditKind::kRenewal, "2026-09-01", "2026-09-02", decided), prior)) {
    out.push_back(p.code + ": " + p.message);
  }
  return out;
}

TEST(LifecycleTime, ARenewalAfterExpiryRestoresOnlyWithinTheWindow) {
  CycleState prior = Active("2023-09-28", 2, "2025-03-12");  // expiry 2026-09-27
  EXPECT_EQ(RestorationLimit(kPolicy, prior).ToString(), "2027-03-27");
  EXPECT_EQ(Line(Renew(prior, "2026-09-27")), "renewed since 2026-09-27 2026-09-27..2029-09-27 []");
  // After the expiry, within the window: restored on its original cycle.
  EXPECT_EQ(Line(Renew(prior, "2027-03-26")),
            "renewed since 2027-03-26 2027-03-26..2029-09-27 [renewal-after-expiry]");
  Lifecycle on = Renew(prior, "2027-03-27");
  EXPECT_EQ(Line(on), "renewed since 2027-03-27 2027-03-27..2029-09-27 [renewal-after-expiry]");
  EXPECT_EQ(
      on.reasons[0].message.fr(),
      "Renouvellement décidé le 2027-03-27, après l'expiration du certificat le 2026-09-27 "
      "mais dans les 6 mois (au plus tard le 2027-03-27) : le certificat est rétabli, sur son "
      "cycle d'origine.");
  EXPECT_EQ(Problems(prior, "2027-03-27"), std::vector<std::string>{});
  // The day after the window: the certificate stays expired, and the dossier is refused.
  Lifecycle late = Renew(prior, "2027-03-28");
  EXPECT_EQ(Line(late),
            "expired since 2026-09-28 2023-09-28..2026-09-27 [restoration-window-passed]");
  EXPECT_EQ(
      late.reasons[0].message.Get("en"),
      "Renewal decided on 2027-03-28, more than 6 months after the certificate expired on "
      "2026-09-27 (restoration possible until 2027-03-27): the certificate stays expired; only "
      "an initial audit can grant a new one.");
  EXPECT_EQ(late.next_kind, "initial");
  EXPECT_EQ(
      Problems(prior, "2027-03-28"),
      std::vector<std::string>{
          "wrong-audit-kind: the certificate expired on 2026-09-27, more than 6 months before "
          "this renewal's decision (2027-03-28; restoration possible until 2027-03-27): only an "
          "initial audit can grant a new certificate"});
  // Nine months after the expiry (the case).
  EXPECT_EQ(Renew(prior, "2027-06-27").state, "expired");
}

TEST(LifecycleTime, TheRestorationWindowOnALeapDay) {
  CycleState prior = Active("2021-03-01", 2, "2023-03-01");  // expiry 2024-02-29
  EXPECT_EQ(S(prior.expiry), "2024-02-29");
  EXPECT_EQ(RestorationLimit(kPolicy, prior).ToString(), "2024-08-29");
  EXPECT_EQ(Renew(prior, "2024-08-28").state, "renewed");
  EXPECT_EQ(S(Renew(prior, "2024-08-29").expiry), "2027-02-28");
  EXPECT_EQ(Renew(prior, "2024-08-30").state, "expired");
  Policy p;
  p.follow_up.restoration_months = 1;  // 2024-03-29
  EXPECT_EQ(Renew(prior, "2024-03-29", Decision::kGranted, p).state, "renewed");
  EXPECT_EQ(Renew(prior, "2024-03-30", Decision::kGranted, p).state, "expired");
}

std::string Due(const CycleState& s, const char* as_of) {
  std::optional<TimeChange> c = ChangeDueBy(kPolicy, s, D(as_of));
  return c ? c->state + " from " + c->date.ToString() + " (" + c->reason.code + ")" : "none";
}

TEST(LifecycleTime, ChangesThatTimeAloneBrings) {
  CycleState suspended = Suspended("2023-09-28", "2024-09-26");
  EXPECT_EQ(Due(suspended, "2025-03-25"), "none");
  EXPECT_EQ(Due(suspended, "2025-03-26"), "none");
  EXPECT_EQ(Due(suspended, "2025-03-27"), "withdrawn from 2025-03-27 (suspension-expired)");
  // Suspended since 2024 and still shown suspended in 2026: no.
  EXPECT_EQ(Due(suspended, "2026-01-15"), "withdrawn from 2025-03-27 (suspension-expired)");
  CycleState active = Active("2023-09-28", 1, "2024-09-11");
  EXPECT_EQ(Due(active, "2026-09-27"), "none");
  EXPECT_EQ(Due(active, "2026-09-28"), "expired from 2026-09-28 (certificate-expired)");
  // A suspension that outlives the expiry: the expiry comes first.
  CycleState late = Suspended("2023-09-28", "2026-06-01");
  EXPECT_EQ(Due(late, "2026-12-31"), "expired from 2026-09-28 (certificate-expired)");
  // A leap day: suspended on 2023-08-31, limit 2024-02-29.
  CycleState leap = Suspended("2023-01-10", "2023-08-31");
  EXPECT_EQ(Due(leap, "2024-02-29"), "none");
  EXPECT_EQ(Due(leap, "2024-03-01"), "withdrawn from 2024-03-01 (suspension-expired)");
  // No certificate, nothing due.
  CycleState refused;
  refused.state = "withdrawn";
  EXPECT_EQ(Due(refused, "2030-01-01"), "none");
}

TEST(LifecycleTime, ASelfAssessmentReferentialHoldsNoCertificationAudit) {
  Referential ref;
  ref.id = "cap";
  ref.version = "2024.1";
  Outcome o;
  o.decision = Decision::kNone;
  ref.policy.outcomes.push_back(o);
  EXPECT_FALSE(Certifies(ref.policy));
  EXPECT_FALSE(CheckAuditKind(ref, AuditKind::kSelfAssessment));
  std::optional<CycleProblem> p = CheckAuditKind(ref, AuditKind::kInitial);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->code, "unsupported-audit-kind");
  EXPECT_EQ(p->message,
            "cap 2024.1 is a self-assessment referential (no outcome grants a certificate): it "
            "holds no initial audit; use kind self-assessment");
  ref.policy.outcomes.front().decision = Decision::kConditional;
  EXPECT_TRUE(Certifies(ref.policy));
  EXPECT_FALSE(CheckAuditKind(ref, AuditKind::kInitial));
}

}  // namespace
}  // namespace sceau
