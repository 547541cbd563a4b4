// The network dashboard: rows, totals, histogram, top gaps, expiring certificates, and the CSV.
#include "reports/summary.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace sceau {
namespace {

using Json = nlohmann::ordered_json;
using testing::ReadFile;
using testing::RunSceau;
using testing::TempDir;

struct Gap {
  std::string id;
  std::string grade;  // or the level, with maturity = true
  bool maturity = false;
};

// A result with only what the summary reads, and what ReadSceauJson requires of every result.
std::string Result(const std::string& name, const std::string& kind, const char* region,
                   const std::string& decision, double score, const Json& by_kind,
                   const std::vector<Gap>& gaps, const char* certificate_expiry,
                   const Json& lifecycle = nullptr, const std::string& referential = "cedre") {
  Json j;
  j["format"] = "sceau-result";
  j["format_version"] = 1;
  j["referential"] = {{"id", referential}, {"version", "2026.1"}};
  j["organisation"] = {{"name", name},
                       {"siret", nullptr},
                       {"kind", kind},
                       {"region", region ? Json(region) : Json(nullptr)}};
  j["audit"] = {
      {"id", "A"}, {"kind", "initial"}, {"end", "2026-06-01"}, {"decision_date", "2026-06-15"}};
  j["decision"] = {{"decision", decision},
                   {"level", referential == "rse" ? Json("confirme") : Json(nullptr)}};
  j["score"] = {{"percent", score}};
  j["counts"] = {{"by_kind", by_kind}};
  Json criteria = Json::array();
  for (const Gap& g : gaps) {
    Json c = {{"id", g.id},
              {"title", {{"fr", "Titre " + g.id}, {"en", "Title " + g.id}}},
              {"grade", g.maturity ? Json(nullptr) : Json(g.grade)},
              {"level", g.maturity ? Json(g.grade) : Json(nullptr)},
              {"kind", g.maturity ? Json(nullptr) : Json("minor-nc")},
              {"gap", true}};
    criteria.push_back(c);
  }
  criteria.push_back({{"id", "OK-1"}, {"grade", "C"}, {"kind", "conforming"}, {"gap", false}});
  j["criteria"] = criteria;
  j["certificate"] = certificate_expiry ? Json({{"expiry", certificate_expiry}}) : Json(nullptr);
  if (!lifecycle.is_null()) j["lifecycle"] = lifecycle;
  return j.dump(2);
}

// What ReadSceauJson says of junk.json and other.json below.
const std::string kJunkError =
    "not a JSON file: parse error at line 1, column 2: syntax error while parsing value - invalid "
    "literal; last read: 'no'";
const std::string kOtherError = "not a sceau-result (its \"format\" is not \"sceau-result\")";

// The folder of known results used below: five members, a group result, two unreadable files.
std::vector<std::pair<std::string, std::string>> KnownResults() {
  return {
      {"a.json", Result("A", "AI", "Bretagne", "granted", 95.0, {{"observation", 2}},
                        {{"C-1", "PS"}}, "2027-01-15")},
      {"b.json",
       Result("B", "AI", "Bretagne", "conditional", 88.5, {{"minor-nc", 2}, {"observation", 1}},
              {{"C-1", "NCm"}, {"C-2", "NCm"}, {"C-3", "PS"}}, "2029-06-01",
              {{"state", "maintained"}, {"state_date", "2026-06-15"}, {"expiry", "2027-03-01"}})},
      {"c.json",
       Result("C", "ACI", "Occitanie", "refused", 55.0, {{"major-nc", 1}, {"minor-nc", 1}},
              {{"C-1", "NCM"}, {"C-2", "NCm"}}, nullptr)},
      {"sub/d.json",
       Result("D", "EI", nullptr, "granted", 100.0, Json::object(), {}, "2026-12-01")},
      {"e.json", Result("E", "ACI", "Occitanie", "granted", 10.0, Json::object(),
                        {{"R-1", "engage", true}}, "2027-02-24", nullptr, "rse")},
      {"groupe.json", R"({"format": "sceau-group-result", "format_version": 1})"},
      {"junk.json", "not json"},
      {"other.json", R"({"format": "x"})"},
  };
}

SummaryBuilder Build() {
  SummaryOptions options;
  options.today = *Date::Parse("2026-11-26");
  SummaryBuilder b(options);
  for (const auto& [file, text] : KnownResults()) b.Add(file, text);
  return b;
}

TEST(Summary, SortsInputsIntoMembersIgnoredAndUnreadable) {
  SummaryOptions options;
  options.today = *Date::Parse("2026-11-26");
  SummaryBuilder b(options);
  std::vector<SummaryInput> kinds;
  for (const auto& [file, text] : KnownResults()) kinds.push_back(b.Add(file, text));
  EXPECT_EQ(kinds, (std::vector<SummaryInput>{
                       SummaryInput::kMember, SummaryInput::kMember, SummaryInput::kMember,
                       SummaryInput::kMember, SummaryInput::kMember, SummaryInput::kIgnored,
                       SummaryInput::kUnreadable, SummaryInput::kUnreadable}));
  EXPECT_EQ(b.unreadable(), (std::vector<std::pair<std::string, std::string>>{
                                {"junk.json", kJunkError}, {"other.json", kOtherError}}));
  std::vector<std::string> files;
  for (const SummaryMember& m : b.members()) files.push_back(m.file);
  EXPECT_EQ(files,
            (std::vector<std::string>{"a.json", "b.json", "c.json", "e.json", "sub/d.json"}));
}

TEST(Summary, RowsCarryGapsByKindExpiryAndState) {
  SummaryBuilder b = Build();
  Json j = Json::parse(b.ToJson());
  const Json& m = j["members"];
  ASSERT_EQ(m.size(), 5u);
  EXPECT_EQ(m[0].dump(),
            R"({"file":"a.json","organisation":"A","siret":null,"kind":"AI","region":"Bretagne",)"
            R"("referential":"cedre","audit_kind":"initial","decision":"granted","level":null,)"
            R"("score":95.0,"gaps":{"major-nc":0,"minor-nc":0,"observation":2,"opportunity":0},)"
            R"("expiry":"2027-01-15","state":"granted","recorded_state":"granted",)"
            R"("certificate_number":null,"certificate_revision":null,)"
            R"("state_change":null})");
  // The lifecycle's expiry and state win over the certificate's.
  EXPECT_EQ(m[1]["expiry"], "2027-03-01");
  EXPECT_EQ(m[1]["state"], "maintained");
  EXPECT_EQ(m[1]["gaps"].dump(), R"({"major-nc":0,"minor-nc":2,"observation":1,"opportunity":0})");
  EXPECT_EQ(m[2]["gaps"].dump(), R"({"major-nc":1,"minor-nc":1,"observation":0,"opportunity":0})");
  EXPECT_EQ(m[2]["expiry"], nullptr);
  EXPECT_EQ(m[2]["state"], "refused");
  // A maturity level below the pass level counts as a minor nonconformity.
  EXPECT_EQ(m[3]["gaps"].dump(), R"({"major-nc":0,"minor-nc":1,"observation":0,"opportunity":0})");
  EXPECT_EQ(m[3]["level"], "confirme");
  EXPECT_EQ(m[4]["region"], nullptr);
}

TEST(Summary, TotalsHistogramTopGapsAndExpiring) {
  SummaryBuilder b = Build();
  Json j = Json::parse(b.ToJson());
  EXPECT_EQ(j["format"], "sceau-summary");
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["today"], "2026-11-26");
  EXPECT_EQ(j["totals"].dump(),
            R"({"members":5,"by_decision":{"granted":3,"conditional":1,"refused":1},)"
            R"("by_kind":{"ACI":{"granted":1,"conditional":0,"refused":1},)"
            R"("AI":{"granted":1,"conditional":1,"refused":0},)"
            R"("EI":{"granted":1,"conditional":0,"refused":0}},)"
            R"("by_region":{"Bretagne":{"granted":1,"conditional":1,"refused":0},)"
            R"("Occitanie":{"granted":1,"conditional":0,"refused":1},)"
            R"("—":{"granted":1,"conditional":0,"refused":0}}})");
  std::vector<int> counts;
  for (const Json& bucket : j["score_histogram"]) counts.push_back(bucket["count"]);
  // 10.0 opens the second bucket; 100.0 falls in the last one with 95.0.
  EXPECT_EQ(counts, (std::vector<int>{0, 1, 0, 0, 0, 1, 0, 0, 1, 2}));
  EXPECT_EQ(j["score_histogram"][9].dump(), R"({"from":90,"to":100,"count":2})");
  EXPECT_EQ(
      j["top_gaps"].dump(),
      R"([{"referential":"cedre","criterion":"C-1","title":{"fr":"Titre C-1","en":"Title C-1"},)"
      R"("members":3,"by_grade":{"NCM":1,"NCm":1,"PS":1}},)"
      R"({"referential":"cedre","criterion":"C-2","title":{"fr":"Titre C-2","en":"Title C-2"},)"
      R"("members":2,"by_grade":{"NCm":2}},)"
      R"({"referential":"cedre","criterion":"C-3","title":{"fr":"Titre C-3","en":"Title C-3"},)"
      R"("members":1,"by_grade":{"PS":1}},)"
      R"({"referential":"rse","criterion":"R-1","title":{"fr":"Titre R-1","en":"Title R-1"},)"
      R"("members":1,"by_grade":{"engage":1}}])");
  // Within 90 days of 2026-11-26: 5, 50 and exactly 90 days; b's 2027-03-01 (95 days) is not.
  EXPECT_EQ(
      j["expiring"].dump(),
      R"([{"file":"sub/d.json","organisation":"D","certificate_number":null,"expiry":"2026-12-01","days":5},)"
      R"({"file":"a.json","organisation":"A","certificate_number":null,"expiry":"2027-01-15","days":50},)"
      R"({"file":"e.json","organisation":"E","certificate_number":null,"expiry":"2027-02-24","days":90}])");
  EXPECT_EQ(
      j["unreadable"].dump(),
      R"j([{"file":"junk.json","error":"not a JSON file: parse error at line 1, column 2: syntax )j"
      R"j(error while parsing value - invalid literal; last read: 'no'"},)j"
      R"j({"file":"other.json","error":"not a sceau-result (its \"format\" is not \"sceau-result\")"}])j");
}

TEST(Summary, TopGapsKeepsTheMostFrequent) {
  SummaryOptions options;
  options.today = *Date::Parse("2026-11-26");
  options.top_gaps = 2;
  SummaryBuilder b(options);
  for (const auto& [file, text] : KnownResults()) b.Add(file, text);
  Json j = Json::parse(b.ToJson());
  ASSERT_EQ(j["top_gaps"].size(), 2u);
  EXPECT_EQ(j["top_gaps"][1]["criterion"], "C-2");
}

TEST(Summary, ResultsMissingRequiredFieldsAreUnreadable) {
  SummaryBuilder b(SummaryOptions{});
  EXPECT_EQ(b.Add("x.json", R"({"format": "sceau-result", "organisation": {"name": "X"}})"),
            SummaryInput::kUnreadable);
  EXPECT_EQ(b.Add("y.json", "[1, 2]"), SummaryInput::kUnreadable);
  std::string v2 = Result("A", "AI", "Bretagne", "granted", 95.0, Json::object(), {}, nullptr);
  v2 = testing::Edit(v2, "\"format_version\": 1", "\"format_version\": 2");
  EXPECT_EQ(b.Add("z.json", v2), SummaryInput::kUnreadable);
  EXPECT_EQ(b.unreadable()[0].second,
            "a sceau-result without format_version: this sceau reads version 1");
  EXPECT_EQ(b.unreadable()[1].second, kOtherError);
  EXPECT_EQ(b.unreadable()[2].second,
            "sceau-result version 2 is not supported: this sceau reads version 1");
  EXPECT_TRUE(b.members().empty());
}

TEST(Summary, InvalidUtf8InAFileOrItsNameStillGivesAValidSummary) {
  // nlohmann's parse error quotes the bytes it last read, and a file name is the file system's
  // bytes: neither need be UTF-8, and both reach the summary's JSON.
  SummaryBuilder b(SummaryOptions{});
  EXPECT_EQ(b.Add("bad\xFF.json",
                  "{\"format\":\"sceau-result\",\"organisation\":{\"name\":\"\xC3(\xFF\"}}"),
            SummaryInput::kUnreadable);
  Json j = Json::parse(b.ToJson());
  EXPECT_EQ(j["unreadable"].dump(),
            "[{\"file\":\"bad\xEF\xBF\xBD.json\",\"error\":\"not a JSON file: parse error at "
            "line 1, column 51: syntax error while parsing value - invalid string: ill-formed "
            "UTF-8 byte; last read: '\\\"\xEF\xBF\xBD('\"}]");
}

TEST(Summary, CsvIsSafeForSpreadsheets) {
  SummaryOptions options;
  options.today = *Date::Parse("2026-11-26");
  SummaryBuilder b(options);
  b.Add("a.json", Result("=HYPERLINK(\"x\")", "AI", "Bretagne", "granted", 94.567,
                         {{"observation", 2}}, {}, "2027-01-15"));
  EXPECT_EQ(
      b.ToCsv(','),
      "\xEF\xBB\xBF"
      "file,organisation,siret,kind,region,referential,audit_kind,decision,level,score,"
      "major_nc,minor_nc,observation,opportunity,expiry,state,recorded_state,state_changed_on,"
      "state_change_reason,certificate_number,certificate_revision\r\n"
      "a.json,\"'=HYPERLINK(\"\"x\"\")\",,AI,Bretagne,cedre,initial,granted,,94.57,0,0,2,0,"
      "2027-01-15,granted,granted,,,,\r\n");
  std::string french = b.ToCsv(';');
  EXPECT_NE(french.find(";granted;;94,57;0;0;2;0;2027-01-15;granted;granted;;;;\r\n"),
            std::string::npos)
      << french;
}

TEST(SummaryCommand, WritesTheTableAndListsUnreadableFiles) {
  TempDir results;
  std::filesystem::create_directories(results.path() + "/sub");
  for (const auto& [file, text] : KnownResults()) results.Write(file, text);
  TempDir out;
  auto r = RunSceau("summary '" + results.path() + "' --out '" + out.path() +
                    "' --today 2026-11-26 --format csv,json --lang en");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "5 members, 1 other document left out (group results, summaries), 2 unreadable files "
            "listed\nWrote : " +
                out.path() + "/summary.csv, " + out.path() + "/summary.json\n");
  EXPECT_EQ(r.err, results.path() + "/junk.json: warning: left out of the summary: " + kJunkError +
                       "\n" + results.path() +
                       "/other.json: warning: left out of the summary: " + kOtherError + "\n");
  SummaryBuilder b = Build();
  EXPECT_EQ(ReadFile(out.path() + "/summary.json"), b.ToJson());
  EXPECT_EQ(ReadFile(out.path() + "/summary.csv"), b.ToCsv(','));
}

TEST(SummaryCommand, SummarisesWhatABatchWrote) {
  TempDir campaign;
  std::string granted = ReadFile(testing::SourcePath("audits/granted.yaml"));
  campaign.Write("a.yaml", granted);
  campaign.Write("b.yaml", granted);
  TempDir results;
  auto batch = RunSceau("-q batch '" + campaign.path() + "' --out '" + results.path() + "'");
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  TempDir out;
  auto r =
      RunSceau("summary '" + results.path() + "' --out '" + out.path() + "' --today 2029-03-01");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "2 members");  // the stamps folder is left out
  nlohmann::json j = nlohmann::json::parse(ReadFile(out.path() + "/summary.json"));
  EXPECT_EQ(j["totals"]["by_decision"].dump(), R"({"conditional":0,"granted":2,"refused":0})");
  EXPECT_EQ(j["expiring"].size(), 2u);  // 2029-04-01, in 31 days
  EXPECT_EQ(j["expiring"][0]["days"], 31);
  EXPECT_EQ(ReadFile(out.path() + "/summary.pdf").substr(0, 5), "%PDF-");
}

TEST(SummaryCommand, RejectsBadArguments) {
  auto r = RunSceau("summary audits --today 2026-02-30");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sceau summary: --today '2026-02-30': expected a date YYYY-MM-DD\n");
  r = RunSceau("summary audits --format xlsx");
  EXPECT_EQ(r.exit_code, 2);
  r = RunSceau("summary no/such/folder");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "sceau summary: no/such/folder: not a folder of results\n");
}

}  // namespace
}  // namespace sceau
