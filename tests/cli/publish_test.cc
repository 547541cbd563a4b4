// `sceau register publish`: the public directory written from a register. What a buyer sees is
// checked in the files and, for the search and the states, in a real browser (headless Chromium,
// installed by scripts/test.sh).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "register/status_list.h"
#include "tests/register/register_fixtures.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

namespace fs = std::filesystem;
using ::sceau::testing::FakeResult;
using ::sceau::testing::ReadFile;
using ::sceau::testing::RunResult;
using ::sceau::testing::RunSceau;
using ::sceau::testing::Shell;
using ::sceau::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Q(const std::string& s) { return "'" + s + "'"; }

// Every file under `dir`, relative path -> bytes.
std::map<std::string, std::string> Tree(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file())
      out[fs::relative(e.path(), dir).string()] = ReadFile(e.path().string());
  }
  return out;
}

// A register of five certificates on 2026-12-07: valid, suspended, withdrawn, expired by date,
// and one whose organisation's name is hostile.
class Publish : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = tmp_.path() + "/register.sqlite3";
    Record(FakeResult::Initial("Association Sentiers et Berges", "44306184100047", "2026-04-02"));
    FakeResult rse = FakeResult::Initial("SAS Bâtisseurs du Val de Cher", "", "2026-10-15");
    rse.referential = "rse-iso26000";
    rse.version = "2026.1";
    rse.region = "Centre-Val de Loire";
    rse.kind = "EI";
    Record(rse);
    FakeResult old = FakeResult::Initial("Atelier Ancien", "81234567800012", "2022-01-10");
    old.region = "Bretagne";
    Record(old);
    FakeResult hostile =
        FakeResult::Initial("<script>alert(1)</script> & \"Co\"", "", "2026-05-04");
    hostile.site_names = {"=HYPERLINK(\"http://x\")"};
    Record(hostile);
    Record(FakeResult::Initial("Régie de quartier Soleil", "52011223300019", "2026-03-02"));
    Run("register --db " + Q(db_) +
        " suspend CEDRE-2026-00001 --reason 'private: major NC not corrected' --today 2026-11-02");
    Run("register --db " + Q(db_) +
        " withdraw CEDRE-2026-00003 --reason 'private: fraud' --today 2026-11-20");
    config_ = tmp_.Write("sceau.yaml",
                         "issuer:\n  id: https://labels.example.org/emetteur\n"
                         "  name: Réseau Exemple\n  url: https://www.example.org\n"
                         "directory:\n  base_url: https://labels.example.org/annuaire/\n");
  }

  void Record(const FakeResult& r) {
    const std::string f = tmp_.Write("r" + std::to_string(++n_) + ".json", r.Json());
    Run("register --db " + Q(db_) + " record " + Q(f));
  }
  void Run(const std::string& args) {
    RunResult r = RunSceau(args);
    ASSERT_EQ(r.exit_code, 0) << args << "\n" << r.err;
  }
  RunResult PublishTo(const std::string& out, const std::string& extra = "") {
    return RunSceau("register --db " + Q(db_) + " publish --out " + Q(out) +
                    " --today 2026-12-07 --config " + Q(config_) + " " + extra);
  }

  TempDir tmp_;
  std::string db_, config_;
  int n_ = 0;
};

TEST_F(Publish, WritesEveryPageAndTheDataForTools) {
  const std::string site = tmp_.path() + "/site";
  RunResult r = PublishTo(site);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Directory published in " + site + ": 5 certificates, state on 7 December 2026\n");
  std::map<std::string, std::string> files = Tree(site);
  std::vector<std::string> names;
  for (const auto& [name, bytes] : files) names.push_back(name);
  EXPECT_THAT(
      names,
      ElementsAre(".sceau-directory", "assets/directory.css", "assets/directory.js",
                  "certificates.csv", "certificates.json", "certificats/CEDRE-2022-00001.html",
                  "certificats/CEDRE-2026-00001.html", "certificats/CEDRE-2026-00002.html",
                  "certificats/CEDRE-2026-00003.html", "certificats/RSE-2026-00001.html",
                  "en/certificates/CEDRE-2022-00001.html", "en/certificates/CEDRE-2026-00001.html",
                  "en/certificates/CEDRE-2026-00002.html", "en/certificates/CEDRE-2026-00003.html",
                  "en/certificates/RSE-2026-00001.html", "en/index.html", "index.html",
                  "status/revocation.json", "status/suspension.json"));

  // The data for tools: every state on the date, with since when, and the pages' public URLs.
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(files["certificates.json"]);
  EXPECT_EQ(j["format"], "sceau-directory");
  EXPECT_EQ(j["date"], "2026-12-07");
  EXPECT_EQ(j["issuer"], "Réseau Exemple");
  std::map<std::string, std::string> states;
  for (const auto& c : j["certificates"]) {
    states[c["number"].get<std::string>()] =
        c["state"].get<std::string>() + " since " + c["state_since"].get<std::string>();
  }
  EXPECT_EQ(states,
            (std::map<std::string, std::string>{{"CEDRE-2022-00001", "expired since 2025-01-10"},
                                                {"CEDRE-2026-00001", "suspended since 2026-11-02"},
                                                {"CEDRE-2026-00002", "active since 2026-05-04"},
                                                {"CEDRE-2026-00003", "withdrawn since 2026-11-20"},
                                                {"RSE-2026-00001", "active since 2026-10-15"}}));
  const nlohmann::ordered_json& first = j["certificates"][1];
  EXPECT_EQ(first["organisation"], "Association Sentiers et Berges");
  EXPECT_EQ(first["siret"], "44306184100047");
  EXPECT_EQ(first["page"]["fr"],
            "https://labels.example.org/annuaire/certificats/CEDRE-2026-00001.html");
  EXPECT_EQ(first["page"]["en"],
            "https://labels.example.org/annuaire/en/certificates/CEDRE-2026-00001.html");
  EXPECT_EQ(first["history"].dump(),
            R"([{"date":"2026-04-02","action":"grant","state":"active"},)"
            R"({"date":"2026-11-02","action":"suspend","state":"suspended"}])");
  EXPECT_EQ(j["certificates"][0]["history"].back().dump(),
            R"({"date":"2025-01-10","action":"expire","state":"expired"})");

  const std::string csv = files["certificates.csv"];
  EXPECT_THAT(csv, HasSubstr("number,revision,organisation,siret,kind,region,label,referential,"
                             "version,state,state_since,effective,expiry,sites,page\r\n"
                             "CEDRE-2022-00001,0,Atelier Ancien,81234567800012,ACI,Bretagne,"
                             "CEDRE ISO 9001 — Label qualité de l'insertion par l'activité "
                             "économique,cedre-iso9001,2026.1,expired,2025-01-10,2022-01-10,"
                             "2025-01-09,1,https://labels.example.org/annuaire/certificats/"
                             "CEDRE-2022-00001.html\r\n"));
  EXPECT_THAT(csv, HasSubstr(",suspended,2026-11-02,2026-04-02,2029-04-01,1,https://labels."
                             "example.org/annuaire/certificats/CEDRE-2026-00001.html\r\n"));

  // The badges' status lists: bit i for the certificate of row id i (the order of recording:
  // 1 suspended, 3 expired, 5 withdrawn).
  for (const auto& [purpose, set] :
       std::map<std::string, std::vector<int>>{{"suspension", {1, 5}}, {"revocation", {5}}}) {
    nlohmann::json list = nlohmann::json::parse(files["status/" + purpose + ".json"]);
    EXPECT_EQ(list["id"], "https://labels.example.org/annuaire/status/" + purpose + ".json");
    EXPECT_EQ(list["issuer"], "https://labels.example.org/emetteur");
    EXPECT_EQ(list["credentialSubject"]["statusPurpose"], purpose);
    std::string bits;
    ASSERT_TRUE(
        DecodeStatusList(list["credentialSubject"]["encodedList"].get<std::string>(), &bits));
    std::vector<int> on;
    for (int i = 0; i < 64; ++i) {
      if (StatusBit(bits, i)) on.push_back(i);
    }
    EXPECT_EQ(on, set) << purpose;
  }

  // Private reasons never reach the public.
  for (const auto& [name, bytes] : files) {
    EXPECT_THAT(bytes, Not(HasSubstr("private:"))) << name;
  }
  // Languages, and each state in words on its page.
  EXPECT_THAT(files["index.html"], HasSubstr("<html lang=\"fr\">"));
  EXPECT_THAT(files["en/index.html"], HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(files["certificats/CEDRE-2026-00001.html"],
              HasSubstr("<span class=\"state state-suspended\">Suspendu</span> depuis le "
                        "2 novembre 2026"));
  EXPECT_THAT(files["en/certificates/CEDRE-2022-00001.html"],
              HasSubstr("<span class=\"state state-expired\">Expired</span> since 10 January "
                        "2025"));
  EXPECT_THAT(files["certificats/CEDRE-2026-00003.html"],
              HasSubstr("<td>Retrait</td><td>Retiré</td>"));
  EXPECT_THAT(files["en/certificates/CEDRE-2026-00003.html"],
              HasSubstr("This certificate is withdrawn: the organisation may no longer claim "
                        "the label."));
}

TEST_F(Publish, EscapesTheRegistersTexts) {
  const std::string site = tmp_.path() + "/site";
  ASSERT_EQ(PublishTo(site).exit_code, 0);
  const std::string page = ReadFile(site + "/certificats/CEDRE-2026-00002.html");
  EXPECT_THAT(page,
              HasSubstr("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;</h1>"));
  EXPECT_THAT(page, Not(HasSubstr("<script>alert")));
  EXPECT_THAT(ReadFile(site + "/index.html"), Not(HasSubstr("<script>alert")));
  EXPECT_THAT(page, HasSubstr("<li>=HYPERLINK(&quot;http://x&quot;)</li>"));
  EXPECT_THAT(ReadFile(site + "/certificates.csv"),
              HasSubstr(",\"<script>alert(1)</script> & \"\"Co\"\"\","));
}

TEST_F(Publish, SameRegisterAndDateGiveTheSameBytes) {
  ASSERT_EQ(PublishTo(tmp_.path() + "/a").exit_code, 0);
  ASSERT_EQ(PublishTo(tmp_.path() + "/b").exit_code, 0);
  EXPECT_EQ(Tree(tmp_.path() + "/a"), Tree(tmp_.path() + "/b"));
}

TEST_F(Publish, ReplacesItsOwnFolderWholeAndNoOtherFolder) {
  const std::string site = tmp_.path() + "/site";
  ASSERT_EQ(PublishTo(site).exit_code, 0);
  const std::string stale = site + "/certificats/OLD-2020-00001.html";
  { std::ofstream(stale) << "stale"; }
  ASSERT_EQ(PublishTo(site).exit_code, 0);
  EXPECT_FALSE(fs::exists(stale)) << "a page of the previous publication was left behind";
  EXPECT_TRUE(fs::exists(site + "/index.html"));

  // A folder sceau did not write is never replaced.
  const std::string mine = tmp_.path() + "/mine";
  fs::create_directory(mine);
  { std::ofstream(mine + "/notes.txt") << "keep me"; }
  RunResult r = PublishTo(mine);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "sceau register publish: " + mine +
                       " is a folder that sceau did not publish (it has no .sceau-directory and "
                       "is not empty): not replaced\n");
  EXPECT_EQ(Tree(mine), (std::map<std::string, std::string>{{"notes.txt", "keep me"}}));
  // Nothing is left beside it either.
  for (const auto& e : fs::directory_iterator(tmp_.path())) {
    EXPECT_THAT(e.path().filename().string(), Not(HasSubstr(".new-")));
  }
}

TEST_F(Publish, RefusesABadBaseUrlOrConfiguration) {
  RunResult r = PublishTo(tmp_.path() + "/site", "--base-url 'file:///srv/www'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "sceau register publish: --base-url must be an http or https address without spaces, "
            "not 'file:///srv/www'\n");
  config_ = tmp_.Write("bad.yaml", "issuer:\n  id: labels\n  name: X\n");
  r = PublishTo(tmp_.path() + "/site");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("bad.yaml:2:7: error: 'id' of 'issuer' must be an http or https "
                               "address without spaces, not 'labels' [bad-url]"));
  EXPECT_FALSE(fs::exists(tmp_.path() + "/site"));
}

// The DOM of `url` after its scripts ran, in headless Chromium.
std::string BrowserDom(const std::string& url) {
  int status = 0;
  std::string dom = Shell(
      "chromium --headless=new --no-sandbox --disable-gpu --no-first-run "
      "--user-data-dir=$(mktemp -d) --dump-dom " +
          Q(url) + " 2>/dev/null",
      &status);
  EXPECT_EQ(status, 0) << "chromium (Debian package chromium, installed by scripts/test.sh)";
  return dom;
}

// The organisations of the rows the search left visible.
std::vector<std::string> ShownRows(const std::string& dom) {
  std::vector<std::string> out;
  size_t at = 0;
  while ((at = dom.find("<tr data-search=", at)) != std::string::npos) {
    size_t end = dom.find('>', at);
    const bool hidden = dom.substr(at, end - at).find(" hidden") != std::string::npos;
    size_t a = dom.find("<a href=", end);
    size_t name = dom.find('>', a) + 1;
    if (!hidden) out.push_back(dom.substr(name, dom.find("</a>", name) - name));
    at = end;
  }
  return out;
}

std::string Between(const std::string& s, const std::string& from, const std::string& to) {
  size_t a = s.find(from);
  if (a == std::string::npos) return "";
  a += from.size();
  return s.substr(a, s.find(to, a) - a);
}

TEST_F(Publish, InABrowserTheSearchFindsAnOrganisationAndStatesReadAsTheyAre) {
  const std::string site = tmp_.path() + "/site";
  ASSERT_EQ(PublishTo(site).exit_code, 0);
  const std::string index = "file://" + site + "/index.html";
  // Part of a name, without its accents or capitals.
  std::string dom = BrowserDom(index + "?q=batisseurs");
  EXPECT_THAT(ShownRows(dom), ElementsAre("SAS Bâtisseurs du Val de Cher"));
  EXPECT_EQ(Between(dom, "aria-live=\"polite\"", "</p>")
                .substr(Between(dom, "aria-live=\"polite\"", "</p>").find('>') + 1),
            "1 certificat");
  // A SIRET typed with spaces, and a number.
  EXPECT_THAT(ShownRows(BrowserDom(index + "?q=812%20345%20678")), ElementsAre("Atelier Ancien"));
  EXPECT_THAT(ShownRows(BrowserDom(index + "?q=cedre-2026-00003")),
              ElementsAre("Régie de quartier Soleil"));
  // A filter, in English.
  dom = BrowserDom("file://" + site + "/en/index.html?state=suspended");
  EXPECT_THAT(ShownRows(dom), ElementsAre("Association Sentiers et Berges"));
  // No match says so.
  dom = BrowserDom(index + "?q=introuvable");
  EXPECT_THAT(ShownRows(dom), ElementsAre());
  EXPECT_THAT(dom, HasSubstr("<p id=\"none\" class=\"none\">Aucun certificat ne correspond"));
  // Without a query, every certificate, sorted by name.
  EXPECT_THAT(ShownRows(BrowserDom(index)),
              ElementsAre("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Co\"",
                          "Association Sentiers et Berges", "Atelier Ancien",
                          "Régie de quartier Soleil", "SAS Bâtisseurs du Val de Cher"));
  // The suspended certificate's page reads as suspended.
  dom = BrowserDom("file://" + site + "/certificats/CEDRE-2026-00001.html");
  EXPECT_THAT(dom, HasSubstr("<title>CEDRE-2026-00001 · Suspendu · Association Sentiers et "
                             "Berges</title>"));
  EXPECT_THAT(dom, HasSubstr("Ce certificat est suspendu"));
}

// html-validate (npm, tests/verifier, installed by scripts/test.sh) with its recommended and
// accessibility rules on `files`; its report, empty when they pass.
std::string HtmlValidate(const std::vector<std::string>& files, int* status) {
  std::string cmd =
      "node " +
      testing::SourcePath("tests/verifier/node_modules/html-validate/bin/html-validate.mjs") +
      " --config " + testing::SourcePath("tests/verifier/htmlvalidate.json");
  for (const std::string& f : files) cmd += " " + Q(f);
  return Shell(cmd + " 2>&1", status);
}

TEST_F(Publish, PagesPassAnHtmlAndAccessibilityChecker) {
  const std::string site = tmp_.path() + "/site";
  ASSERT_EQ(PublishTo(site).exit_code, 0);
  std::vector<std::string> pages;
  for (const auto& [name, bytes] : Tree(site)) {
    if (name.ends_with(".html")) pages.push_back(site + "/" + name);
  }
  ASSERT_EQ(pages.size(), 12u);
  int status = -1;
  EXPECT_EQ(HtmlValidate(pages, &status), "");
  EXPECT_EQ(status, 0) << "html-validate (npm, tests/verifier: scripts/test.sh installs it)";
  // The checker fails on what it is there for: a page that does not say its language.
  const std::string broken = tmp_.Write(
      "broken.html", testing::Edit(ReadFile(site + "/index.html"), "<html lang=\"fr\">", "<html>"));
  EXPECT_THAT(HtmlValidate({broken}, &status),
              HasSubstr("<html> is missing required \"lang\" attribute"));
  EXPECT_NE(status, 0);
}

}  // namespace
}  // namespace sceau
