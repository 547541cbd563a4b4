// The network dashboard gives each certificate's state on --today, the referential's time limits
// applied as `register list` applies them (ChangeDueBy, engine/lifecycle.h): a suspension past
// `follow_up.suspension_months` is withdrawn, a certificate past its expiry expired. Dates on
// both sides of each limit, leap days included, with the story's results (audits/story/).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "reports/summary.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using Json = nlohmann::ordered_json;
using testing::ReadFile;
using testing::RunSceau;
using testing::SourcePath;
using testing::TempDir;

const char* const kOrganisation = "Association Pierres et Rivières du Haut-Olbène";

std::string Story(const std::string& step) {
  return ReadFile(SourcePath("audits/story/" + step + ".json"));
}

// The story's result `step` with its lifecycle's `changes` ("state_date", "expiry"...) applied.
std::string StoryWith(const std::string& step, const Json& changes) {
  Json j = Json::parse(Story(step));
  for (const auto& [key, value] : changes.items()) j["lifecycle"][key] = value;
  return j.dump(2);
}

// The summary of `results` ((file, text) pairs) on `today`, as JSON.
Json Summarise(const std::vector<std::pair<std::string, std::string>>& results,
               const std::string& today, PolicyLookup policy_of = nullptr) {
  SummaryOptions options;
  options.today = *Date::Parse(today);
  options.policy_of = std::move(policy_of);
  SummaryBuilder b(options);
  for (const auto& [file, text] : results) EXPECT_EQ(b.Add(file, text), SummaryInput::kMember);
  return Json::parse(b.ToJson());
}

// The state fields of the only member of the summary of `text` on `today`.
std::string StateOn(const std::string& text, const std::string& today,
                    PolicyLookup policy_of = nullptr) {
  Json j = Summarise({{"r.json", text}}, today, std::move(policy_of));
  const Json& m = j["members"][0];
  Json fields = {{"state", m["state"]},
                 {"recorded_state", m["recorded_state"]},
                 {"state_change", m["state_change"]}};
  if (fields["state_change"].is_object()) fields["state_change"].erase("message");
  return fields.dump();
}

std::string Unchanged(const std::string& state) {
  return R"({"state":")" + state + R"(","recorded_state":")" + state + R"(","state_change":null})";
}

std::string Changed(const std::string& from, const std::string& to, const std::string& date,
                    const std::string& reason) {
  return R"({"state":")" + to + R"(","recorded_state":")" + from + R"(","state_change":{"date":")" +
         date + R"(","reason":")" + reason + R"("}})";
}

// The story's surveillance of 2024 suspends the certificate on 2024-09-26; its referential sets
// no `follow_up.suspension_months`: 6 months, to 2025-03-26.
TEST(SummaryTime, ASuspensionIsWithdrawnTheDayAfterItsLimit) {
  const std::string suspended = Story("2024-surveillance");
  EXPECT_EQ(StateOn(suspended, "2025-03-25"), Unchanged("suspended"));
  EXPECT_EQ(StateOn(suspended, "2025-03-26"), Unchanged("suspended"));
  EXPECT_EQ(StateOn(suspended, "2025-03-27"),
            Changed("suspended", "withdrawn", "2025-03-27", "suspension-expired"));
  EXPECT_EQ(StateOn(suspended, "2026-12-31"),
            Changed("suspended", "withdrawn", "2025-03-27", "suspension-expired"));
  Json m = Summarise({{"r.json", suspended}}, "2025-03-27")["members"][0];
  EXPECT_EQ(m["state_change"]["message"].dump(),
            R"({"fr":"Certificat suspendu depuis le 2024-09-26 : sans audit favorable dans les 6 )"
            R"(mois (au plus tard le 2025-03-26), il est retiré.","en":"Certificate suspended )"
            R"(since 2024-09-26: with no favourable audit within 6 months (by 2025-03-26), it is )"
            R"(withdrawn."})");
  // The rest of the row is the result's.
  EXPECT_EQ(m["organisation"], kOrganisation);
  EXPECT_EQ(m["decision"], "refused");
  EXPECT_EQ(m["expiry"], "2026-09-27");
}

// The referential's own limit, looked up by the result's id and version.
TEST(SummaryTime, TheReferentialsSuspensionLimitApplies) {
  std::vector<std::pair<std::string, std::string>> asked;
  PolicyLookup two_months = [&asked](const std::string& id, const std::string& version) {
    asked.emplace_back(id, version);
    Policy p;
    p.follow_up.suspension_months = 2;
    return std::optional<Policy>(p);
  };
  const std::string suspended = Story("2024-surveillance");
  EXPECT_EQ(StateOn(suspended, "2024-11-25", two_months), Unchanged("suspended"));
  EXPECT_EQ(StateOn(suspended, "2024-11-26", two_months), Unchanged("suspended"));
  EXPECT_EQ(StateOn(suspended, "2024-11-27", two_months),
            Changed("suspended", "withdrawn", "2024-11-27", "suspension-expired"));
  EXPECT_EQ(asked,
            (std::vector<std::pair<std::string, std::string>>(3, {"cedre-iso9001", "2026.1"})));
  // Not found: the defaults (6 months).
  PolicyLookup none = [](const std::string&, const std::string&) -> std::optional<Policy> {
    return std::nullopt;
  };
  EXPECT_EQ(StateOn(suspended, "2024-11-27", none), Unchanged("suspended"));
  EXPECT_EQ(StateOn(suspended, "2025-03-27", none),
            Changed("suspended", "withdrawn", "2025-03-27", "suspension-expired"));
  // A certificate that is not suspended needs no limit: none is looked up.
  asked.clear();
  StateOn(Story("2025-surveillance"), "2026-09-28", two_months);
  EXPECT_TRUE(asked.empty());
}

// Granted in 2023, maintained in 2025, the certificate expires on 2026-09-27.
TEST(SummaryTime, ACertificateIsExpiredTheDayAfterItsExpiry) {
  for (const char* step : {"2023-initial", "2025-surveillance"}) {
    const std::string text = Story(step);
    const std::string state = std::string(step) == "2023-initial" ? "granted" : "maintained";
    EXPECT_EQ(StateOn(text, "2026-09-26"), Unchanged(state)) << step;
    EXPECT_EQ(StateOn(text, "2026-09-27"), Unchanged(state)) << step;
    EXPECT_EQ(StateOn(text, "2026-09-28"),
              Changed(state, "expired", "2026-09-28", "certificate-expired"))
        << step;
  }
  // A result written before results had a lifecycle: its certificate's expiry, the same rule.
  Json old = Json::parse(Story("2023-initial"));
  old.erase("lifecycle");
  EXPECT_EQ(StateOn(old.dump(), "2026-09-27"), Unchanged("granted"));
  EXPECT_EQ(StateOn(old.dump(), "2026-09-28"),
            Changed("granted", "expired", "2026-09-28", "certificate-expired"));
  // The renewal of 2026 runs to 2029-09-27.
  EXPECT_EQ(StateOn(Story("2026-renewal"), "2029-09-27"), Unchanged("renewed"));
  EXPECT_EQ(StateOn(Story("2026-renewal"), "2029-09-28"),
            Changed("renewed", "expired", "2029-09-28", "certificate-expired"));
}

// A suspension whose expiry comes before its limit ends in expiry, the day after it.
TEST(SummaryTime, WhicheverLimitComesFirst) {
  const std::string text = StoryWith("2024-surveillance", {{"expiry", "2025-01-31"}});
  EXPECT_EQ(StateOn(text, "2025-01-31"), Unchanged("suspended"));
  EXPECT_EQ(StateOn(text, "2025-02-01"),
            Changed("suspended", "expired", "2025-02-01", "certificate-expired"));
  EXPECT_EQ(StateOn(text, "2025-03-27"),
            Changed("suspended", "expired", "2025-02-01", "certificate-expired"));
}

// Six months from 31 August end on the last day of February: the 29th in a leap year.
TEST(SummaryTime, LeapDays) {
  const std::string leap = StoryWith("2024-surveillance", {{"state_date", "2023-08-31"}});
  EXPECT_EQ(StateOn(leap, "2024-02-28"), Unchanged("suspended"));
  EXPECT_EQ(StateOn(leap, "2024-02-29"), Unchanged("suspended"));
  EXPECT_EQ(StateOn(leap, "2024-03-01"),
            Changed("suspended", "withdrawn", "2024-03-01", "suspension-expired"));
  const std::string common = StoryWith("2024-surveillance", {{"state_date", "2024-08-31"}});
  EXPECT_EQ(StateOn(common, "2025-02-28"), Unchanged("suspended"));
  EXPECT_EQ(StateOn(common, "2025-03-01"),
            Changed("suspended", "withdrawn", "2025-03-01", "suspension-expired"));
  // A suspension from a leap day: 6 months later is 29 August.
  const std::string from_leap_day = StoryWith("2024-surveillance", {{"state_date", "2024-02-29"}});
  EXPECT_EQ(StateOn(from_leap_day, "2024-08-29"), Unchanged("suspended"));
  EXPECT_EQ(StateOn(from_leap_day, "2024-08-30"),
            Changed("suspended", "withdrawn", "2024-08-30", "suspension-expired"));
  // A certificate expiring on a leap day is expired from 1 March.
  const std::string leap_expiry = StoryWith("2025-surveillance", {{"expiry", "2028-02-29"}});
  EXPECT_EQ(StateOn(leap_expiry, "2028-02-29"), Unchanged("maintained"));
  EXPECT_EQ(StateOn(leap_expiry, "2028-03-01"),
            Changed("maintained", "expired", "2028-03-01", "certificate-expired"));
}

// Withdrawn, expired and refused certificates stay so, whatever the date.
TEST(SummaryTime, EndedStatesStay) {
  for (const char* state : {"withdrawn", "expired", "refused"}) {
    const std::string text = StoryWith("2024-surveillance", {{"state", state}});
    EXPECT_EQ(StateOn(text, "2024-10-01"), Unchanged(state));
    EXPECT_EQ(StateOn(text, "2030-01-01"), Unchanged(state));
  }
}

// The expiring list follows the state on --today: a suspension withdrawn by then is left out.
TEST(SummaryTime, TheExpiringListLeavesOutWhatTimeEnded) {
  const std::string suspended = Story("2024-surveillance");  // expiry 2026-09-27
  Json j = Summarise({{"r.json", suspended}}, "2026-07-01");
  EXPECT_EQ(j["members"][0]["state"], "withdrawn");
  EXPECT_EQ(j["expiring"].dump(), "[]");
  PolicyLookup long_suspension = [](const std::string&, const std::string&) {
    Policy p;
    p.follow_up.suspension_months = 24;  // to 2026-09-26
    return std::optional<Policy>(p);
  };
  j = Summarise({{"r.json", suspended}}, "2026-07-01", long_suspension);
  EXPECT_EQ(j["members"][0]["state"], "suspended");
  EXPECT_EQ(j["expiring"].dump(),
            std::string(R"([{"file":"r.json","organisation":")") + kOrganisation +
                R"(","certificate_number":"CEDRE-2023-00001","expiry":"2026-09-27","days":88}])");
  // On its expiry day it is still listed (0 days); the day after, expired, it is not.
  j = Summarise({{"r.json", Story("2025-surveillance")}}, "2026-09-27");
  EXPECT_EQ(j["expiring"].size(), 1u);
  EXPECT_EQ(j["expiring"][0]["days"], 0);
  j = Summarise({{"r.json", Story("2025-surveillance")}}, "2026-09-28");
  EXPECT_EQ(j["expiring"].dump(), "[]");
}

TEST(SummaryTime, TheCsvCarriesBothStatesAndTheChange) {
  SummaryOptions options;
  options.today = *Date::Parse("2025-03-27");
  SummaryBuilder b(options);
  b.Add("2023-initial.json", Story("2023-initial"));
  b.Add("2024-surveillance.json", Story("2024-surveillance"));
  std::string csv = b.ToCsv(',');
  EXPECT_NE(csv.find(",expiry,state,recorded_state,state_changed_on,state_change_reason,"
                     "certificate_number,certificate_revision,results\r\n"),
            std::string::npos)
      << csv;
  // One organisation, one row: the 2024 surveillance's, the later of its 2 results; the 2023
  // initial audit's state (granted) is no row of its own.
  EXPECT_EQ(csv.find(",2026-09-27,granted,granted,,,CEDRE-2023-00001,0"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\n2024-surveillance.json,"
                     "Association Pierres et Rivières du Haut-Olbène,48239176500013,ACI,Occitanie,"
                     "cedre-iso9001,surveillance,refused,,96.65,1,0,2,5,2026-09-27,withdrawn,"
                     "suspended,2025-03-27,suspension-expired,CEDRE-2023-00001,0,2\r\n"),
            std::string::npos)
      << csv;
  EXPECT_EQ(b.members().size(), 1u);
}

// ---- sceau summary --today --referentials ----------------------------------------------------

class SummaryTimeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(results_.path() + "/r");
    results_.Write("r/2024-surveillance.json", Story("2024-surveillance"));
  }
  // Runs summary on --today with `extra` options; returns the summary's JSON member.
  Json Member(const std::string& today, const std::string& extra, std::string* err) {
    TempDir out;
    auto r = RunSceau("summary '" + results_.path() + "/r' --out '" + out.path() +
                      "' --format json,csv --today " + today + " " + extra);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    *err = r.err;
    csv_ = ReadFile(out.path() + "/summary.csv");
    return Json::parse(ReadFile(out.path() + "/summary.json"))["members"][0];
  }
  TempDir results_;
  std::string csv_;
};

TEST_F(SummaryTimeCli, TheShippedReferentialsLimits) {
  std::string err;
  Json m = Member("2025-03-26", "", &err);
  EXPECT_EQ(err, "");
  EXPECT_EQ(m["state"], "suspended");
  EXPECT_EQ(m["state_change"], nullptr);
  m = Member("2025-03-27", "", &err);
  EXPECT_EQ(err, "");
  EXPECT_EQ(m["state"], "withdrawn");
  EXPECT_EQ(m["recorded_state"], "suspended");
  EXPECT_EQ(m["state_change"]["date"], "2025-03-27");
  EXPECT_NE(
      csv_.find(",withdrawn,suspended,2025-03-27,suspension-expired,CEDRE-2023-00001,0,1\r\n"),
      std::string::npos)
      << csv_;
}

TEST_F(SummaryTimeCli, ReferentialsGivesTheLimits) {
  TempDir refs;
  refs.Write("cedre.yaml", testing::Edit(ReadFile(SourcePath("referentials/cedre-iso9001.yaml")),
                                         "  surveillance_months: 12\n",
                                         "  surveillance_months: 12\n  follow_up:\n"
                                         "    suspension_months: 2\n"));
  std::string err;
  Json m = Member("2024-11-26", "--referentials '" + refs.path() + "'", &err);
  EXPECT_EQ(err, "");
  EXPECT_EQ(m["state"], "suspended");
  m = Member("2024-11-27", "--referentials '" + refs.path() + "'", &err);
  EXPECT_EQ(err, "");
  EXPECT_EQ(m["state"], "withdrawn");
  EXPECT_EQ(m["state_change"]["message"]["en"],
            "Certificate suspended since 2024-09-26: with no favourable audit within 2 months (by "
            "2024-11-26), it is withdrawn.");
}

TEST_F(SummaryTimeCli, AReferentialNotFoundTakesTheDefaultsWithAWarning) {
  TempDir refs;
  results_.Write("r/again.json", Story("2024-surveillance"));
  const std::string warning =
      "sceau summary: warning: no referential 'cedre-iso9001' in " + refs.path() +
      ": the default time limits apply to the 2 suspended certificates of referential "
      "'cedre-iso9001' version '2026.1' (a suspension lasts at most 6 months)\n";
  std::string err;
  Json m = Member("2025-03-26", "--referentials '" + refs.path() + "'", &err);
  EXPECT_EQ(err, warning);
  EXPECT_EQ(m["state"], "suspended");
  m = Member("2025-03-27", "--referentials '" + refs.path() + "'", &err);
  EXPECT_EQ(err, warning);
  EXPECT_EQ(m["state"], "withdrawn");
  // No suspended certificate, no limit to look up, no warning.
  std::filesystem::remove(results_.path() + "/r/again.json");
  results_.Write("r/2024-surveillance.json", Story("2025-surveillance"));
  m = Member("2026-09-28", "--referentials '" + refs.path() + "'", &err);
  EXPECT_EQ(err, "");
  EXPECT_EQ(m["state"], "expired");
}

}  // namespace
}  // namespace sceau
