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
              {"scale", g.maturity ? "maturite" : "grades"},
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
            R"("state_change":null,"results":1})");
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
            R"({"members":5,"organisations":5,"results":5,)"
            R"("by_decision":{"granted":3,"conditional":1,"refused":1},)"
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
      R"([{"referential":"cedre","criterion":"C-1","scale":"grades",)"
      R"("title":{"fr":"Titre C-1","en":"Title C-1"},"members":3,"by_grade":{"NCM":1,"NCm":1,"PS":1}},)"
      R"({"referential":"cedre","criterion":"C-2","scale":"grades",)"
      R"("title":{"fr":"Titre C-2","en":"Title C-2"},"members":2,"by_grade":{"NCm":2}},)"
      R"({"referential":"cedre","criterion":"C-3","scale":"grades",)"
      R"("title":{"fr":"Titre C-3","en":"Title C-3"},"members":1,"by_grade":{"PS":1}},)"
      R"({"referential":"rse","criterion":"R-1","scale":"maturite",)"
      R"("title":{"fr":"Titre R-1","en":"Title R-1"},"members":1,"by_grade":{"engage":1}}])");
  // The same criteria, under one heading per referential and scale.
  EXPECT_EQ(j["gaps_by_referential"].dump(),
            R"([{"referential":"cedre","title":{},"scale":"grades","scale_title":null,"gaps":[)"
            R"({"criterion":"C-1","title":{"fr":"Titre C-1","en":"Title C-1"},"members":3,)"
            R"("by_grade":{"NCM":1,"NCm":1,"PS":1}},)"
            R"({"criterion":"C-2","title":{"fr":"Titre C-2","en":"Title C-2"},"members":2,)"
            R"("by_grade":{"NCm":2}},)"
            R"({"criterion":"C-3","title":{"fr":"Titre C-3","en":"Title C-3"},"members":1,)"
            R"("by_grade":{"PS":1}}]},)"
            R"({"referential":"rse","title":{},"scale":"maturite","scale_title":null,"gaps":[)"
            R"({"criterion":"R-1","title":{"fr":"Titre R-1","en":"Title R-1"},"members":1,)"
            R"("by_grade":{"engage":1}}]}])");
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
      "state_change_reason,certificate_number,certificate_revision,results\r\n"
      "a.json,\"'=HYPERLINK(\"\"x\"\")\",,AI,Bretagne,cedre,initial,granted,,94.57,0,0,2,0,"
      "2027-01-15,granted,granted,,,,,1\r\n");
  std::string french = b.ToCsv(';');
  EXPECT_NE(french.find(";granted;;94,57;0;0;2;0;2027-01-15;granted;granted;;;;;1\r\n"),
            std::string::npos)
      << french;
}

// A result of organisation `name` (SIRET `siret`, or none) audited up to `end`, decided on
// `decided`, with `gaps` on `referential`'s scale `scale`.
std::string Audit(const std::string& name, const char* siret, const std::string& end,
                  const std::string& decided, const std::string& kind,
                  const std::vector<std::string>& gaps, const std::string& referential = "cedre",
                  const std::string& scale = "grades") {
  Json j = Json::parse(Result(name, "ACI", "Occitanie", "granted", 90.0, Json::object(), {},
                              nullptr, nullptr, referential));
  j["organisation"]["siret"] = siret ? Json(siret) : Json(nullptr);
  j["audit"]["end"] = end;
  j["audit"]["decision_date"] = decided;
  j["audit"]["kind"] = kind;
  j["referential"]["title"] = {{"fr", "Référentiel " + referential}};
  Json criteria = Json::array();
  for (const std::string& id : gaps) {
    criteria.push_back({{"id", id},
                        {"title", {{"fr", "Titre " + id}}},
                        {"grade", "C"},
                        {"kind", "minor-nc"},
                        {"scale", scale},
                        {"gap", true}});
  }
  j["criteria"] = criteria;
  return j.dump(2);
}

TEST(Summary, TheStoryIsOneOrganisationWithItsRenewal) {
  // Four years of one organisation under one referential: one member, from its 2026 renewal.
  SummaryOptions options;
  options.today = *Date::Parse("2026-11-26");
  SummaryBuilder b(options);
  for (const char* year :
       {"2023-initial", "2024-surveillance", "2025-surveillance", "2026-renewal"}) {
    std::string file = std::string(year) + ".json";
    EXPECT_EQ(b.Add(file, ReadFile(testing::SourcePath("audits/story/" + file))),
              SummaryInput::kMember);
  }
  ASSERT_EQ(b.members().size(), 1u);
  EXPECT_EQ(b.results(), 4);
  EXPECT_EQ(b.organisations(), 1u);
  Json j = Json::parse(b.ToJson());
  const Json& m = j["members"][0];
  EXPECT_EQ(m["file"], "2026-renewal.json");
  EXPECT_EQ(m["organisation"], "Association Pierres et Rivières du Haut-Olbène");
  EXPECT_EQ(m["siret"], "48239176500013");
  EXPECT_EQ(m["audit_kind"], "renewal");
  EXPECT_EQ(m["decision"], "granted");
  EXPECT_EQ(m["score"], 98.83);
  EXPECT_EQ(m["state"], "renewed");
  EXPECT_EQ(m["results"], 4);
  EXPECT_EQ(j["totals"]["members"], 1);
  EXPECT_EQ(j["totals"]["organisations"], 1);
  EXPECT_EQ(j["totals"]["results"], 4);
  EXPECT_EQ(j["totals"]["by_decision"].dump(), R"({"granted":1,"conditional":0,"refused":0})");
  // Only the renewal's gaps count: C-7.5 (2023, 2024) and C-7.1.6 (2025) are closed since.
  std::vector<std::string> criteria;
  for (const Json& g : j["top_gaps"]) criteria.push_back(g["criterion"]);
  EXPECT_EQ(criteria, (std::vector<std::string>{"C-IAE.2.3"}));
}

TEST(Summary, AnOrganisationIsItsSiretElseItsNormalisedName) {
  SummaryOptions options;
  options.today = *Date::Parse("2026-11-26");
  SummaryBuilder b(options);
  // One SIRET written two ways, once in a group's folder: one member, whatever the name says.
  b.Add("groupe/berges.json",
        Audit("EI Berges", "482 391 765 00013", "2026-03-02", "2026-03-20", "initial", {"C-1"}));
  b.Add("berges.json",
        Audit("Berges Services", "48239176500013", "2026-03-01", "2026-03-20", "initial", {"C-2"}));
  // No SIRET: the name once normalised (case, accents, hyphens, spaces).
  b.Add("olbene-1.json",
        Audit("Atelier d'Olbène", nullptr, "2025-05-01", "2025-05-20", "initial", {"C-1"}));
  b.Add("olbene-2.json",
        Audit("ATELIER  D OLBENE", nullptr, "2026-05-01", "2026-05-20", "surveillance", {}));
  // The same organisation under another referential is another member.
  b.Add("olbene-rse.json",
        Audit("Atelier d'Olbène", nullptr, "2024-01-01", "2024-01-10", "initial", {}, "rse"));
  std::vector<std::string> rows;
  for (const SummaryMember& m : b.members()) {
    rows.push_back(m.file + " " + m.organisation_key + " " + m.referential + " " +
                   std::to_string(m.results));
  }
  EXPECT_EQ(rows, (std::vector<std::string>{"groupe/berges.json siret:48239176500013 cedre 2",
                                            "olbene-2.json name:atelier d olbene cedre 2",
                                            "olbene-rse.json name:atelier d olbene rse 1"}));
  EXPECT_EQ(b.results(), 5);
  EXPECT_EQ(b.organisations(), 2u);
  // The gaps are the latest results' only: C-1 once (groupe/berges.json), C-2 not at all.
  Json j = Json::parse(b.ToJson());
  EXPECT_EQ(j["top_gaps"].size(), 1u);
  EXPECT_EQ(j["top_gaps"][0]["criterion"], "C-1");
  EXPECT_EQ(j["top_gaps"][0]["members"], 1);
}

TEST(Summary, TheLatestResultIsTheLatestAuditThenDecisionThenFile) {
  SummaryOptions options;
  options.today = *Date::Parse("2026-11-26");
  auto latest = [&](const std::vector<std::pair<std::string, std::string>>& results) {
    SummaryBuilder b(options);
    for (const auto& [file, text] : results) b.Add(file, text);
    EXPECT_EQ(b.members().size(), 1u);
    return b.members()[0].file;
  };
  // The audit's end decides, even against the decision date and the file order.
  EXPECT_EQ(latest({{"b.json", Audit("X", "1", "2026-03-01", "2026-06-01", "initial", {})},
                    {"a.json", Audit("X", "1", "2026-03-02", "2026-03-20", "initial", {})}}),
            "a.json");
  // One audit end: the later decision date, either way round.
  EXPECT_EQ(latest({{"b.json", Audit("X", "1", "2026-03-01", "2026-03-20", "initial", {})},
                    {"a.json", Audit("X", "1", "2026-03-01", "2026-03-21", "initial", {})}}),
            "a.json");
  EXPECT_EQ(latest({{"a.json", Audit("X", "1", "2026-03-01", "2026-03-21", "initial", {})},
                    {"b.json", Audit("X", "1", "2026-03-01", "2026-03-20", "initial", {})}}),
            "a.json");
  // Both dates equal: the file last in path order, whatever order they are added in.
  EXPECT_EQ(latest({{"b.json", Audit("X", "1", "2026-03-01", "2026-03-20", "initial", {})},
                    {"a.json", Audit("X", "1", "2026-03-01", "2026-03-20", "initial", {})}}),
            "b.json");
  EXPECT_EQ(latest({{"a.json", Audit("X", "1", "2026-03-01", "2026-03-20", "initial", {})},
                    {"b.json", Audit("X", "1", "2026-03-01", "2026-03-20", "initial", {})}}),
            "b.json");
}

TEST(Summary, GapsOfDifferentReferentialsAndScalesNeverMix) {
  SummaryOptions options;
  options.today = *Date::Parse("2026-11-26");
  SummaryBuilder b(options);
  // "C" on both referentials' scales, on one criterion id: three groups, never one count of 3.
  b.Add("cap-1.json",
        Audit("A", "1", "2026-03-01", "2026-03-20", "initial", {"X-1"}, "cap", "niveaux"));
  b.Add("cap-2.json",
        Audit("B", "2", "2026-03-01", "2026-03-20", "initial", {"X-1"}, "cap", "niveaux"));
  b.Add("cedre.json", Audit("C", "3", "2026-03-01", "2026-03-20", "initial", {"X-1"}));
  b.Add("cedre-2.json",
        Audit("D", "4", "2026-03-01", "2026-03-20", "initial", {"X-1"}, "cedre", "autre"));
  Json j = Json::parse(b.ToJson());
  EXPECT_EQ(
      j["gaps_by_referential"].dump(),
      R"([{"referential":"cap","title":{"fr":"Référentiel cap"},"scale":"niveaux","scale_title":null,"gaps":[)"
      R"({"criterion":"X-1","title":{"fr":"Titre X-1"},"members":2,"by_grade":{"C":2}}]},)"
      R"({"referential":"cedre","title":{"fr":"Référentiel cedre"},"scale":"autre","scale_title":null,"gaps":[)"
      R"({"criterion":"X-1","title":{"fr":"Titre X-1"},"members":1,"by_grade":{"C":1}}]},)"
      R"({"referential":"cedre","title":{"fr":"Référentiel cedre"},"scale":"grades","scale_title":null,"gaps":[)"
      R"({"criterion":"X-1","title":{"fr":"Titre X-1"},"members":1,"by_grade":{"C":1}}]}])");
  std::vector<std::string> flat;
  for (const Json& g : j["top_gaps"]) {
    flat.push_back(g["referential"].get<std::string>() + "/" + g["scale"].get<std::string>() + "/" +
                   g["criterion"].get<std::string>() + " " + g["members"].dump());
  }
  EXPECT_EQ(flat, (std::vector<std::string>{"cap/niveaux/X-1 2", "cedre/autre/X-1 1",
                                            "cedre/grades/X-1 1"}));
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
            "listed\nWrote: " +
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
  auto batch =
      RunSceau("--lang fr -q batch '" + campaign.path() + "' --out '" + results.path() + "'");
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  TempDir out;
  auto r = RunSceau("--lang fr summary '" + results.path() + "' --out '" + out.path() +
                    "' --today 2029-03-01");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Two results of one organisation (the same dossier twice) are one member; the stamps folder
  // is left out.
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "1 membre d'après 2 résultats");
  nlohmann::json j = nlohmann::json::parse(ReadFile(out.path() + "/summary.json"));
  EXPECT_EQ(j["totals"]["by_decision"].dump(), R"({"conditional":0,"granted":1,"refused":0})");
  EXPECT_EQ(j["totals"]["results"], 2);
  EXPECT_EQ(j["members"][0]["results"], 2);
  EXPECT_EQ(j["members"][0]["file"], "b.json");  // same dates: the file last in path order
  EXPECT_EQ(j["expiring"].size(), 1u);           // 2029-04-01, in 31 days
  EXPECT_EQ(j["expiring"][0]["days"], 31);
  EXPECT_EQ(ReadFile(out.path() + "/summary.pdf").substr(0, 5), "%PDF-");
}

TEST(SummaryCommand, ACampaignOfCapAndCedreShowsTheirGapsUnderSeparateHeadings) {
  // CAP's levels (A to D) and CEDRE's grades both have a "C": each referential and scale has its
  // own heading and table, and no count mixes them.
  TempDir results;
  for (const char* dossier : {"cap-en-construction", "conditional"}) {
    auto audit = RunSceau(std::string("-q audit audits/") + dossier +
                          ".yaml --format json --out '" + results.path() + "'");
    ASSERT_EQ(audit.exit_code, 0) << audit.err;
  }
  TempDir out;
  auto r = RunSceau("--lang fr summary '" + results.path() + "' --out '" + out.path() +
                    "' --today 2026-11-26 --format json,pdf");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "2 membres");
  Json j = Json::parse(ReadFile(out.path() + "/summary.json"));
  std::vector<std::string> groups;
  for (const Json& g : j["gaps_by_referential"]) {
    std::vector<std::string> criteria;
    for (const Json& c : g["gaps"])
      criteria.push_back(c["criterion"].get<std::string>() + " " + c["by_grade"].dump());
    groups.push_back(g["referential"].get<std::string>() + "/" + g["scale"].get<std::string>() +
                     ": " + criteria.front() + " ... " + criteria.back() + " (" +
                     std::to_string(criteria.size()) + ")");
  }
  EXPECT_EQ(groups, (std::vector<std::string>{
                        R"(cap/niveaux: CAP-1.1 {"D":1} ... CAP-3.1 {"C":1} (15))",
                        R"(cedre-iso9001/grades: C-5.3.2 {"NCm":1} ... C-IAE.5.3 {"PS":1} (6))"}));
  std::string text =
      testing::Fold(testing::Shell("pdftotext '" + out.path() + "/summary.pdf' - 2>/dev/null"));
  size_t cap = text.find(
      "CAP — Cap Amélioration Progrès, auto-évaluation (cap) — échelle Niveaux de pratique "
      "(auto-évaluation) "
      "Critère Intitulé Membres Par note CAP-1.1");
  size_t cedre = text.find(
      "CEDRE ISO 9001 — Label qualité de l'insertion par l'activité économique (cedre-iso9001) — "
      "échelle Cotation des constats Critère Intitulé Membres Par note C-5.3.2");
  ASSERT_NE(cap, std::string::npos) << text;
  ASSERT_NE(cedre, std::string::npos) << text;
  // CAP's table ends before CEDRE's heading.
  size_t last_cap = text.find("CAP-3.1", cap);
  EXPECT_LT(last_cap, cedre);
  EXPECT_EQ(text.find("CAP-", cedre), std::string::npos);
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
