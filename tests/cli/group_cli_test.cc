// End-to-end tests of `sceau audit` on a group dossier and of `sceau plan`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::ReadFile;
using testing::RunSceau;
using testing::TempDir;

namespace fs = std::filesystem;

size_t FilesUnder(const std::string& dir) {
  size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

TEST(GroupCli, AuditsEveryMemberAndTakesTheGroupDecision) {
  TempDir dir;
  auto r = RunSceau(
      "--lang fr audit audits/groups/ges-sentiers-et-berges.yaml --format json,csv --out '" +
      dir.path() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("  ei-berges-services           EI     97,1 %  refusé  ← cause du refus\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Décision du groupe : Label refusé au groupe\n"), std::string::npos)
      << r.out;
  // Each member's reports in <out>/<group-stem>/, the group's beside that folder.
  const std::string members = dir.path() + "/ges-sentiers-et-berges/";
  for (const char* m : {"aci-sentiers-et-berges", "ei-berges-services", "etti-berges-interim"}) {
    EXPECT_TRUE(fs::exists(members + m + ".json")) << m;
    EXPECT_TRUE(fs::exists(members + m + ".csv")) << m;
  }
  EXPECT_EQ(FilesUnder(dir.path()), 8u);
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(ReadFile(dir.path() + "/ges-sentiers-et-berges.json"));
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"format", "format_version", "generator", "inputs",
                                            "referential", "group", "audit", "decision", "members",
                                            "lifecycle"}));
  EXPECT_EQ(j["format"], "sceau-group-result");
  EXPECT_EQ(j["decision"]["decision"], "refused");
  EXPECT_EQ(j["decision"]["caused_by"], nlohmann::json::array({"ei-berges-services"}));
  EXPECT_EQ(j["decision"]["label"]["fr"], "Label refusé au groupe");
  ASSERT_EQ(j["members"].size(), 3u);
  EXPECT_EQ(
      j["members"][1].dump(),
      R"x({"file":"ges-sentiers-et-berges/ei-berges-services.yaml",)x"
      R"x("result":"ges-sentiers-et-berges/ei-berges-services.json","organisation":"SAS Berges Services",)x"
      R"x("siret":"82345678900010","kind":"EI","decision":"refused",)x"
      R"x("label":{"en":"Label refused","fr":"Label refusé"},)x"
      R"x("score":97.14,"counts":{"major-nc":1,"minor-nc":0},"causes_refusal":true})x");
  EXPECT_EQ(j["members"][2]["decision"], "conditional");
  EXPECT_EQ(j["members"][2]["counts"]["minor-nc"], 1);
  EXPECT_EQ(j["lifecycle"]["state"], "refused");
  // The member's result is the one `sceau audit` writes for that dossier alone.
  nlohmann::json ei = nlohmann::json::parse(ReadFile(members + "ei-berges-services.json"));
  EXPECT_EQ(ei["format"], "sceau-result");
  EXPECT_EQ(ei["decision"]["outcome"], "refused-major");
  // The group CSV: one row per member.
  EXPECT_EQ(
      ReadFile(dir.path() + "/ges-sentiers-et-berges.csv"),
      "\xEF\xBB\xBF"
      "file,organisation,siret,kind,decision,score,major_nc,minor_nc,causes_refusal,result\r\n"
      "ges-sentiers-et-berges/aci-sentiers-et-berges.yaml,Association Sentiers et Berges du Pays "
      "d'Olbène,81234567800013,ACI,granted,98.11,0,0,no,ges-sentiers-et-berges/"
      "aci-sentiers-et-berges.json\r\n"
      "ges-sentiers-et-berges/ei-berges-services.yaml,SAS Berges "
      "Services,82345678900010,EI,refused,"
      "97.14,1,0,yes,ges-sentiers-et-berges/ei-berges-services.json\r\n"
      "ges-sentiers-et-berges/etti-berges-interim.yaml,SAS Berges Intérim Insertion,83456789000019,"
      "ETTI,conditional,95.78,0,1,no,ges-sentiers-et-berges/etti-berges-interim.json\r\n");
}

// The group certificate's cycle, from tests/data/groups/ (referential exemple-minimal, whose
// policy keeps the defaults: validity 36 months, first surveillance within 12 months).
//
// ges-cycle-2026-initial.yaml: three members, all granted (each with ok.yaml's findings), so the
// group is granted, decided on 2026-04-02. Its cycle starts that day; it expires the day before
// 2026-04-02 + 36 months = 2029-04-02, so on 2029-04-01; the first surveillance is due within 12
// months of the decision: by 2027-04-02. ges-cycle-2026-initial.json is that result, committed.
//
// ges-cycle-2027-surveillance.yaml cites it in `previous` (pinned by sha256): a surveillance held
// 2027-03-15 -> 2027-03-16, decided 2027-04-06, with every member granted again. By hand:
// - due: 2027-04-02 (the slot above); on time, since the audit ended on 2027-03-16 <= 2027-04-02;
// - state: maintained (a favourable surveillance), from the decision, 2027-04-06;
// - the cycle is the previous one: cycle_start and effective 2026-04-02, expiry 2029-04-01;
// - surveillances_done: 0 + 1 = 1;
// - next: the second surveillance, by 31 December of the year after this audit (2027): 2028-12-31,
//   before the expiry.
TEST(GroupCli, CommittedGroupResultIsWhatSceauWritesToday) {
  TempDir dir;
  auto r = RunSceau(
      "audit tests/data/groups/ges-cycle-2026-initial.yaml --referentials "
      "tests/data/referentials --format json --out '" +
      dir.path() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(dir.path() + "/ges-cycle-2026-initial.json"),
            ReadFile(testing::SourcePath("tests/data/groups/ges-cycle-2026-initial.json")))
      << "tests/data/groups/ges-cycle-2026-initial.json is stale: regenerate it as its dossier "
         "says, and update the sha256 that ges-cycle-2027-surveillance.yaml pins";
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(ReadFile(dir.path() + "/ges-cycle-2026-initial.json"));
  EXPECT_EQ(j["decision"]["decision"], "granted");
  EXPECT_EQ(j["lifecycle"].dump(),
            R"({"previous":null,"cycle_start":"2026-04-02","state":"granted",)"
            R"("state_date":"2026-04-02","effective":"2026-04-02","expiry":"2029-04-01",)"
            R"("surveillances_done":0,"due":null,"on_time":null,)"
            R"("next":{"kind":"surveillance","due":"2027-04-02"},"reasons":[],)"
            R"("number":null,"revision":0})");  // no register: the number is pending
}

TEST(GroupCli, GroupSurveillanceFollowsTheGroupCertificate) {
  TempDir dir;
  auto r = RunSceau(
      "audit tests/data/groups/ges-cycle-2027-surveillance.yaml --referentials "
      "tests/data/referentials --format json --out '" +
      dir.path() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(ReadFile(dir.path() + "/ges-cycle-2027-surveillance.json"));
  EXPECT_EQ(j["decision"]["decision"], "granted");
  EXPECT_EQ(j["audit"]["kind"], "surveillance");
  // The sha256 that the dossier pins, which is the committed result's.
  std::string sha =
      ReadFile(testing::SourcePath("tests/data/groups/ges-cycle-2027-surveillance.yaml"));
  sha = sha.substr(sha.find("sha256: ") + 8, 64);
  EXPECT_EQ(j["lifecycle"].dump(),
            R"({"previous":{"path":"ges-cycle-2026-initial.json","sha256":")" + sha +
                R"(","audit_id":"GC-2026","audit_kind":"initial","decision":"granted",)"
                R"("decision_date":"2026-04-02","state":"granted"},)"
                R"("cycle_start":"2026-04-02","state":"maintained","state_date":"2027-04-06",)"
                R"("effective":"2026-04-02","expiry":"2029-04-01","surveillances_done":1,)"
                R"("due":"2027-04-02","on_time":true,)"
                R"("next":{"kind":"surveillance","due":"2028-12-31"},"reasons":[],)"
                R"("number":null,"revision":0})");  // no register: the number is pending
  // Each member follows its own certificate (its `certificate` block): the same dates here.
  nlohmann::ordered_json m = nlohmann::ordered_json::parse(
      ReadFile(dir.path() + "/ges-cycle-2027-surveillance/aci-rives-2027.json"));
  EXPECT_EQ(m["lifecycle"]["state"], "maintained");
  EXPECT_EQ(m["lifecycle"]["previous"], nullptr);
  EXPECT_EQ(m["lifecycle"]["next"]["due"], "2028-12-31");
}

// `sceau audit GROUP --register DB`: the register issues the group's certificate number (its
// members are the certificate's sites) and the group's and every member's reports carry it; the
// next year's surveillance, whose `previous` is the registered result, maintains the same number.
TEST(GroupCli, TheRegisterNumbersTheGroupCertificateAndEveryMemberReportCarriesIt) {
  TempDir dir;
  const fs::path data = dir.path() + "/groups";
  fs::copy(testing::SourcePath("tests/data/groups"), data, fs::copy_options::recursive);
  // The 2027 dossier pins the committed 2026 result; here it cites the one this test records.
  std::string surveillance = ReadFile((data / "ges-cycle-2027-surveillance.yaml").string());
  surveillance.erase(surveillance.find("  sha256: "));
  std::ofstream(data / "ges-cycle-2027-surveillance.yaml", std::ios::trunc) << surveillance;
  const std::string db = dir.path() + "/register.db";
  const std::string out = dir.path() + "/out";
  const std::string common =
      " --referentials tests/data/referentials --out '" + out + "' --register '" + db + "'";

  auto r = RunSceau("--lang fr audit '" + (data / "ges-cycle-2026-initial.yaml").string() + "'" +
                    common);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\ncertificat EXEMPLE-2026-00001 (révision 0) : octroi dans " + db + "\n"),
            std::string::npos)
      << r.out;
  fs::copy_file(out + "/ges-cycle-2026-initial.json", data / "ges-cycle-2026-initial.json",
                fs::copy_options::overwrite_existing);
  r = RunSceau("--lang fr audit '" + (data / "ges-cycle-2027-surveillance.yaml").string() + "'" +
               common);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\ncertificat EXEMPLE-2026-00001 (révision 0) : maintien dans " + db + "\n"),
            std::string::npos)
      << r.out;

  const std::vector<std::pair<std::string, std::string>> results = {
      {"ges-cycle-2026-initial.json", "granted"},
      {"ges-cycle-2026-initial/aci-rives-2026.json", "granted"},
      {"ges-cycle-2026-initial/ei-rives-2026.json", "granted"},
      {"ges-cycle-2026-initial/ai-rives-2026.json", "granted"},
      {"ges-cycle-2027-surveillance.json", "maintained"},
      {"ges-cycle-2027-surveillance/aci-rives-2027.json", "maintained"},
      {"ges-cycle-2027-surveillance/ei-rives-2027.json", "maintained"},
      {"ges-cycle-2027-surveillance/ai-rives-2027.json", "maintained"}};
  for (const auto& [file, state] : results) {
    SCOPED_TRACE(file);
    nlohmann::json j = nlohmann::json::parse(ReadFile(out + "/" + file));
    EXPECT_EQ(j["lifecycle"]["number"], "EXEMPLE-2026-00001");
    EXPECT_EQ(j["lifecycle"]["revision"], 0);
    EXPECT_EQ(j["lifecycle"]["state"], state);
  }
  for (const char* pdf :
       {"ges-cycle-2027-surveillance.pdf", "ges-cycle-2027-surveillance/ei-rives-2027.pdf"}) {
    std::string text =
        testing::Fold(testing::Shell("pdftotext '" + out + "/" + pdf + "' - 2>/dev/null"));
    EXPECT_NE(text.find("EXEMPLE-2026-00001"), std::string::npos) << pdf;
  }
  // A member's certificate is the group's: its page says whose member it is, its result too.
  std::string member = testing::Fold(testing::Shell(
      "pdftotext '" + out + "/ges-cycle-2027-surveillance/ei-rives-2027.pdf' - 2>/dev/null"));
  EXPECT_NE(member.find("SARL Rives Services membre du groupe GES Les Rives"), std::string::npos)
      << member;
  EXPECT_EQ(nlohmann::json::parse(ReadFile(
                out + "/ges-cycle-2027-surveillance/ei-rives-2027.json"))["organisation"]["group"],
            "GES Les Rives");
  auto show = RunSceau("register --db '" + db + "' show EXEMPLE-2026-00001 --today 2027-06-01");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(
      show.out.find("  site:         ges-cycle/aci-rives-2027.yaml  Association Les Rives\n"
                    "  site:         ges-cycle/ei-rives-2027.yaml  SARL Rives Services\n"
                    "  site:         ges-cycle/ai-rives-2027.yaml  Association Rives Emploi\n"),
      std::string::npos)
      << show.out;
}

// A refused group with granted members: the register records the refusal and issues nothing,
// and no member's result or PDF shows a certificate; each says why.
TEST(GroupCli, ARefusedGroupIsRecordedAsARefusalAndNoMemberShowsACertificate) {
  TempDir dir;
  const std::string db = dir.path() + "/register.db";
  auto r = RunSceau("--lang fr audit audits/groups/ges-sentiers-et-berges.yaml --out '" +
                    dir.path() + "' --register '" + db + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\nrefus enregistré dans " + db + " : aucun certificat\n"),
            std::string::npos)
      << r.out;
  const std::string members = dir.path() + "/ges-sentiers-et-berges/";
  // etti-berges-interim is granted (with conditions) on its own evaluation.
  for (const char* m : {"aci-sentiers-et-berges", "ei-berges-services", "etti-berges-interim"}) {
    SCOPED_TRACE(m);
    nlohmann::json j = nlohmann::json::parse(ReadFile(members + m + ".json"));
    EXPECT_EQ(j["decision"]["decision"], "refused");
    EXPECT_EQ(j["certificate"], nullptr);
    EXPECT_EQ(j["lifecycle"]["number"], nullptr);
    std::string text =
        testing::Fold(testing::Shell("pdftotext '" + members + m + ".pdf' - 2>/dev/null"));
    EXPECT_NE(text.find("Aucun certificat n’est délivré à l’issue de cet audit."),
              std::string::npos);
    EXPECT_EQ(text.find("Il est certifié que"), std::string::npos);
  }
  nlohmann::json etti = nlohmann::json::parse(ReadFile(members + "etti-berges-interim.json"));
  ASSERT_EQ(etti["notes"].size(), 1u);
  EXPECT_EQ(etti["notes"][0]["code"], "group-refused");
  auto list = RunSceau("register --db '" + db + "' list --format csv --today 2026-06-01");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out.find("\n", list.out.find("\n") + 1), std::string::npos) << list.out;
}

TEST(GroupCli, WritesThePdfReportsByDefault) {
  TempDir dir;
  auto r =
      RunSceau("-q audit audits/groups/ges-sentiers-et-berges.yaml --out '" + dir.path() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(FilesUnder(dir.path()), 12u);  // json, csv and pdf for the group and each member
  EXPECT_EQ(ReadFile(dir.path() + "/ges-sentiers-et-berges.pdf").substr(0, 5), "%PDF-");
  EXPECT_EQ(ReadFile(dir.path() + "/ges-sentiers-et-berges/ei-berges-services.pdf").substr(0, 5),
            "%PDF-");
}

TEST(GroupCli, ChecksTheGroupAndItsMembers) {
  auto r = RunSceau("check audits/groups/ges-sentiers-et-berges.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(
      r.out,
      "audits/groups/ges-sentiers-et-berges.yaml: ok: group GES Sentiers et Berges du Pays "
      "d'Olbène "
      "(GES), audit AUD-2026-031 against cedre-iso9001 2026.1: 3 members, 0 warning(s)\n"
      "  ges-sentiers-et-berges/aci-sentiers-et-berges.yaml: Association Sentiers et Berges du "
      "Pays "
      "d'Olbène (ACI), 52 assessments\n"
      "  ges-sentiers-et-berges/ei-berges-services.yaml: SAS Berges Services (EI), 52 assessments\n"
      "  ges-sentiers-et-berges/etti-berges-interim.yaml: SAS Berges Intérim Insertion (ETTI), 52 "
      "assessments\n");
}

TEST(GroupCli, ABrokenMemberWritesNothing) {
  TempDir dir;
  std::string src = ReadFile(testing::SourcePath("audits/groups/ges-sentiers-et-berges.yaml"));
  fs::create_directories(dir.path() + "/in/ges-sentiers-et-berges");
  for (const char* m : {"aci-sentiers-et-berges", "ei-berges-services", "etti-berges-interim"}) {
    std::string text = ReadFile(
        testing::SourcePath(std::string("audits/groups/ges-sentiers-et-berges/") + m + ".yaml"));
    if (std::string(m) == "etti-berges-interim")
      text = testing::Edit(text, "  kind: ETTI\n", "  kind: ETTX\n");
    dir.Write(std::string("in/ges-sentiers-et-berges/") + m + ".yaml", text);
  }
  std::string group = dir.Write("in/ges.yaml", src);
  auto r = RunSceau("audit '" + group + "' --format json,csv --out '" + dir.path() + "/out'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(
      r.err.find("etti-berges-interim.yaml:19:9: error: the organisation's kind must be ACI, AI, "
                 "EI, ETTI, GES, EBE or other, not 'ETTX'"),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("ges.yaml: 1 error(s), 1 warning(s): no report written\n"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir.path() + "/out/ges.json"));
  EXPECT_FALSE(fs::exists(dir.path() + "/out/ges/aci-sentiers-et-berges.json"));
}

TEST(PlanCli, PrintsTheAuditTimeAndTheSiteSample) {
  auto r = RunSceau("--lang fr plan audits/multisite-ai-9-sites.yaml");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(
      r.out,
      "Plan d'audit AUD-2026-078 — Association Coup de Main du Bocage (AI), audit initial\n"
      "\n"
      "Durée d'audit (IAF MD 5, tableau QMS 1)\n"
      "  effectif : 142 (14 permanents + 128 en parcours)\n"
      "  tableau : 8 jours (audit initial, étapes 1 et 2)\n"
      "  réduction : 10 % — Une seule activité, la mise à disposition, conduite selon les mêmes "
      "procédures sur les neuf sites\n"
      "  réduction : 10 % — Recrutement, contrats, paie et suivi des parcours centralisés au "
      "siège\n"
      "  réduction retenue : 20 %\n"
      "  audit initial : 6,5 jours · surveillance : 2 · renouvellement : 4,5\n"
      "  cet audit : 6,5 jours\n"
      "\n"
      "Échantillon de sites (IAF MD 1) : 3 sur 9 (ceil(sqrt(9)) = 3), graine 10999792415522435624\n"
      "  saint-morvan         Siège et agence de Saint-Morvan  [fonction centrale]\n"
      "  breval               Antenne de Bréval-sur-Vire  [tiré au sort]\n"
      "  montignac            Antenne de Montignac-le-Bocage  [tiré au sort]\n");
}

TEST(PlanCli, SeedAndJson) {
  auto r = RunSceau("--lang fr plan audits/multisite-ai-9-sites.yaml --seed 42 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format"], "sceau-plan");
  EXPECT_EQ(j["audit_time"]["initial_days"], 6.5);
  EXPECT_EQ(j["audit_time"]["surveillance_days"], 2.0);
  EXPECT_EQ(j["audit_time"]["renewal_days"], 4.5);
  EXPECT_EQ(j["site_sample"]["seed"], "42");
  std::vector<std::string> ids;
  for (const auto& s : j["site_sample"]["sample"]) ids.push_back(s["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"saint-morvan", "montignac", "la-ferriere"}));
  EXPECT_EQ(RunSceau("--lang fr plan audits/multisite-ai-9-sites.yaml --seed 42 --format json").out,
            r.out);
  auto en = RunSceau("plan audits/multisite-ai-9-sites.yaml --seed 42 --lang en");
  EXPECT_NE(en.out.find("Site sample (IAF MD 1): 3 of 9 (ceil(sqrt(9)) = 3), seed 42\n"),
            std::string::npos)
      << en.out;
  // English punctuation and units: no space before a colon or a percent sign.
  EXPECT_NE(en.out.find(", initial audit\n"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("  reduction applied: 20%\n"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("  initial audit: 6.5 days · surveillance: 2 · renewal: 4.5\n"),
            std::string::npos)
      << en.out;
  // French: one day and a half is "1,5 jour"; a surveillance of the story's ACI lasts one day.
  auto story = RunSceau("--lang fr plan audits/story/2024-surveillance.yaml");
  EXPECT_NE(story.out.find(", audit de surveillance\n"), std::string::npos) << story.out;
  EXPECT_NE(story.out.find("  cet audit : 1 jour\n"), std::string::npos) << story.out;
}

TEST(PlanCli, BadArgumentsExitTwo) {
  auto r = RunSceau("plan audits/multisite-ai-9-sites.yaml --seed -3");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--seed '-3' is not a whole number"), std::string::npos) << r.err;
  EXPECT_EQ(RunSceau("plan audits/multisite-ai-9-sites.yaml --format xml").exit_code, 2);
  EXPECT_EQ(RunSceau("plan").exit_code, 2);
  EXPECT_EQ(RunSceau("plan audits/groups/ges-sentiers-et-berges.yaml").exit_code, 2);
}

TEST(PlanCli, NeedsNoAssessmentsButAReadableOrganisation) {
  TempDir dir;
  // A skeleton from `sceau template`: the grades are still `~`, which `sceau plan` does not read.
  std::string skeleton = dir.Write("skeleton.yaml",
                                   "referential: {id: cedre-iso9001, version: \"2026.1\"}\n"
                                   "organisation:\n"
                                   "  name: Atelier Essai\n"
                                   "  kind: ACI\n"
                                   "  headcount: {permanent: 4, pathway: 22}\n"
                                   "  sites: [{id: s1, name: Atelier}]\n"
                                   "audit: {id: ESSAI-1, kind: surveillance}\n"
                                   "assessments:\n"
                                   "  C-4.1: {grade: ~}\n");
  auto r = RunSceau("plan '" + skeleton + "' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  // 26 people: 4 days; a surveillance is a third: 1.33 -> 1.5.
  EXPECT_EQ(j["audit_time"]["table_days"], 4.0);
  EXPECT_EQ(j["audit_time"]["this_audit_days"], 1.5);
  EXPECT_EQ(j["site_sample"]["required"], 1);
  std::string broken =
      dir.Write("broken.yaml",
                "organisation: {name: X, kind: ACX, headcount: {permanent: 1}, sites: []}\n"
                "audit: {id: A-1, kind: initial}\n");
  r = RunSceau("plan '" + broken + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("broken.yaml:1:31: error: the organisation's kind must be ACI, AI, EI, "
                       "ETTI, GES, EBE or other, not 'ACX'"),
            std::string::npos)
      << r.err;
  EXPECT_NE(
      r.err.find(
          "broken.yaml:1:47: error: 'headcount' has no 'pathway', which is required [missing-key]"),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("broken.yaml: 2 error(s): no plan\n"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sceau
