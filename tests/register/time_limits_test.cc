// The changes time alone brings to a register (register/time_limits.h): a suspension past the
// referential's limit is withdrawn, a certificate past its expiry expires; the day before, on and
// after each limit, each change in the history with its reason.
#include "register/time_limits.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/register/register_fixtures.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::FakeResult;
using testing::TempDir;

constexpr char kAt[] = "2026-11-26T10:00:00Z";
Date D(const char* s) { return *Date::Parse(s); }

class TimeLimits : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    reg_ = CertificateRegister::Open(dir_.path() + "/r.db", {}, &error);
    ASSERT_NE(reg_, nullptr) << error;
  }
  // Records a granted initial audit; returns the number issued.
  std::string Grant(const std::string& organisation, const std::string& siret,
                    const std::string& date) {
    RecordRequest request;
    std::string error;
    EXPECT_TRUE(ParseRegisterInput(FakeResult::Initial(organisation, siret, date).Json(),
                                   organisation + ".json", &request.input, &error))
        << error;
    request.who = "Sophie";
    request.at = kAt;
    RecordOutcome out;
    EXPECT_TRUE(reg_->Record(request, &out, &error)) << error;
    return out.number;
  }
  std::string Update(const char* as_of, const PolicyLookup& policies = nullptr) {
    std::vector<TimeLimitChange> done;
    std::string error;
    EXPECT_TRUE(ApplyTimeLimits(*reg_, policies, D(as_of), "Sophie", kAt, &done, &error)) << error;
    std::string out;
    for (const TimeLimitChange& c : done) {
      out += c.number + " " + c.from_state + "->" + c.to_state + " " + c.date.ToString() + "\n";
    }
    return out;
  }
  std::string AsOf(const std::string& number, const char* as_of, const Policy& p = Policy{}) {
    CertificateRecord c;
    std::vector<HistoryEntry> history;
    std::string error;
    EXPECT_TRUE(reg_->Show(number, &c, &history, &error)) << error;
    return StateAsOf(c, history, p, D(as_of));
  }
  HistoryEntry Last(const std::string& number) {
    CertificateRecord c;
    std::vector<HistoryEntry> history;
    std::string error;
    EXPECT_TRUE(reg_->Show(number, &c, &history, &error)) << error;
    return history.empty() ? HistoryEntry{} : history.back();
  }

  TempDir dir_;
  std::unique_ptr<CertificateRegister> reg_;
};

TEST_F(TimeLimits, ASuspensionPastItsLimitIsWithdrawn) {
  std::string n = Grant("Atelier A", "44306184100047", "2024-01-10");
  ASSERT_EQ(n, "CEDRE-2024-00001");
  RecordOutcome out;
  std::string error;
  ASSERT_TRUE(reg_->Apply(n, CertificateRegister::Change::kSuspend, "audit défavorable", "Sophie",
                          D("2024-09-26"), kAt, &out, &error))
      << error;
  // The limit is 2025-03-26, included.
  EXPECT_EQ(AsOf(n, "2025-03-26"), "suspended");
  EXPECT_EQ(AsOf(n, "2025-03-27"), "withdrawn");
  EXPECT_EQ(Update("2025-03-25"), "");
  EXPECT_EQ(Update("2025-03-26"), "");
  EXPECT_EQ(Update("2025-03-27"), "CEDRE-2024-00001 suspended->withdrawn 2025-03-27\n");
  HistoryEntry h = Last(n);
  EXPECT_EQ(h.action, "withdraw");
  EXPECT_EQ(h.date, "2025-03-27");
  EXPECT_EQ(h.reason,
            "time limit: Certificate suspended since 2024-09-26: with no favourable audit within 6 "
            "months (by 2025-03-26), it is withdrawn.");
  // Applied once: nothing more is due.
  EXPECT_EQ(Update("2026-01-15"), "");
}

TEST_F(TimeLimits, TheLimitIsTheReferentials) {
  std::string n = Grant("Atelier A", "44306184100047", "2023-01-10");
  RecordOutcome out;
  std::string error;
  ASSERT_TRUE(reg_->Apply(n, CertificateRegister::Change::kSuspend, "audit défavorable", "Sophie",
                          D("2023-08-31"), kAt, &out, &error))
      << error;
  Policy three;
  three.follow_up.suspension_months = 3;  // 2023-08-31 + 3 months: 2023-11-30
  EXPECT_EQ(AsOf(n, "2023-11-30", three), "suspended");
  EXPECT_EQ(AsOf(n, "2023-12-01", three), "withdrawn");
  // The default, 6 months, ends on a leap day.
  EXPECT_EQ(AsOf(n, "2024-02-29"), "suspended");
  EXPECT_EQ(AsOf(n, "2024-03-01"), "withdrawn");
  PolicyLookup lookup = [&](const std::string& id, const std::string& version) {
    EXPECT_EQ(id, "cedre-iso9001");
    EXPECT_EQ(version, "2026.1");
    return std::optional<Policy>(three);
  };
  EXPECT_EQ(Update("2023-12-01", lookup), "CEDRE-2023-00001 suspended->withdrawn 2023-12-01\n");
}

TEST_F(TimeLimits, ACertificatePastItsExpiryExpires) {
  std::string a = Grant("Atelier A", "44306184100047", "2023-01-10");  // expiry 2026-01-09
  std::string b = Grant("Atelier B", "52345678900012", "2024-02-28");  // expiry 2027-02-27
  EXPECT_EQ(Update("2026-01-09"), "");
  EXPECT_EQ(Update("2026-01-10"), "CEDRE-2023-00001 active->expired 2026-01-10\n");
  EXPECT_EQ(Last(a).reason,
            "time limit: Certificate expired on 2026-01-09, with no renewal decided by then.");
  EXPECT_EQ(Update("2027-02-27"), "");
  EXPECT_EQ(Update("2027-02-28"), "CEDRE-2024-00001 active->expired 2027-02-28\n");
  EXPECT_EQ(Last(b).action, "expire");
}

}  // namespace
}  // namespace sceau
