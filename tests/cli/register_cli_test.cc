// End-to-end tests of `sceau register`: what each command prints, its exit code, the default
// location of the file, several `sceau register record` processes at once, and one killed inside
// its transaction.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "tests/register/register_fixtures.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

namespace fs = std::filesystem;
using testing::FakeResult;
using testing::ReadFile;
using testing::RunSceau;
using testing::TempDir;

std::string Q(const std::string& path) { return "'" + path + "'"; }

// Sets environment variables for the scope (the binary inherits them), then restores them.
class ScopedEnv {
 public:
  void Set(const char* name, const char* value) {
    const char* old = std::getenv(name);
    saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    if (value) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
      if (it->second) {
        ::setenv(it->first.c_str(), it->second->c_str(), 1);
      } else {
        ::unsetenv(it->first.c_str());
      }
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// Starts the binary with `args` from the source folder, stdout and stderr to files; returns its
// pid. `env` is added to the child's environment.
pid_t Spawn(const std::vector<std::string>& args, const std::string& out, const std::string& err,
            const std::vector<std::pair<std::string, std::string>>& env = {}) {
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  if (::chdir(SCEAU_SOURCE_DIR) != 0) ::_exit(120);
  for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
  int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int in = ::open("/dev/null", O_RDONLY);
  if (o < 0 || e < 0 || in < 0) ::_exit(121);
  ::dup2(o, 1);
  ::dup2(e, 2);
  ::dup2(in, 0);
  std::vector<char*> argv;
  std::string binary = SCEAU_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copy = args;
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(binary.c_str(), argv.data());
  ::_exit(122);
}

int Wait(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int64_t Count(const std::string& db, const char* sql) {
  sqlite3* h = nullptr;
  EXPECT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(h, sql, -1, &s, nullptr), SQLITE_OK);
  int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(h);
  return n;
}

std::string LoginName() {
  const passwd* pw = ::getpwuid(::geteuid());
  return pw ? pw->pw_name : "";
}

// A folder with a register path and a few results.
struct Story {
  TempDir dir;
  std::string db;
  std::string initial, surveillance, refused, other_initial;

  Story() {
    db = dir.path() + "/register.sqlite3";
    FakeResult r;
    r.state = "granted";
    r.effective = "2026-04-02";
    r.expiry = "2029-04-01";
    r.next_kind = "surveillance";
    r.next_due = "2027-04-02";
    initial = dir.Write("initial.json", r.Json());
    FakeResult s = r;
    s.audit_kind = "surveillance";
    s.audit_id = "AUD-2027-014";
    s.decision_date = "2027-03-10";
    s.state = "maintained";
    s.next_due = "2028-03-10";
    surveillance = dir.Write("surveillance.json", s.Json());
    FakeResult refused_r = FakeResult::Initial("Ressourcerie du Vallon", "", "2026-05-06");
    refused_r.decision = "refused";
    refused_r.cert_effective.clear();
    refused = dir.Write("refused.json", refused_r.Json());
    FakeResult other = FakeResult::Initial("Atelier Bleu", "", "2026-06-09");
    other.kind = "AI";
    other.region = "Bretagne";
    other_initial = dir.Write("other.json", other.Json());
  }
  std::string Db() const { return "register --db " + Q(db) + " "; }
};

TEST(RegisterCli, RecordsDecisionsAndIssuesNumbers) {
  Story s;
  auto r = RunSceau(s.Db() + "record " + Q(s.initial) + " --by 'Sophie Bernard'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Issued CEDRE-2026-00001 to Association Sentiers et Berges: active, 2026-04-02 to "
            "2029-04-01\n");
  EXPECT_EQ(r.err, "");
  r = RunSceau(s.Db() + "record " + Q(s.surveillance));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "CEDRE-2026-00001 (Association Sentiers et Berges): maintain, active -> active, valid "
            "2026-04-02 to 2029-04-01, revision 0\n");
  r = RunSceau(s.Db() + "record " + Q(s.refused));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Recorded the refusal of Ressourcerie du Vallon (initial audit AUD-2026-05-06): no "
            "certificate\n");
  r = RunSceau("-q " + s.Db() + "record " + Q(s.other_initial));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  // The same file again: refused, exit 1, the certificate named.
  r = RunSceau(s.Db() + "record " + Q(s.initial));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.substr(0, r.err.find(" on ")),
            "sceau register record: " + s.initial + ": already recorded");
  EXPECT_NE(r.err.find("(same SHA-256) under certificate CEDRE-2026-00001\n"), std::string::npos)
      << r.err;
  r = RunSceau(s.Db() + "record " + Q(s.dir.path() + "/missing.json"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("sceau register record: "), std::string::npos);

  // Who and when are in the history.
  r = RunSceau(s.Db() + "show CEDRE-2026-00001 --format json --today 2026-11-26");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["history"].size(), 2u);
  EXPECT_EQ(j["history"][0]["who"], "Sophie Bernard");
  EXPECT_EQ(j["history"][1]["who"], LoginName());
  EXPECT_EQ(j["history"][1]["action"], "maintain");
  EXPECT_EQ(j["history"][1]["result"]["path"], s.surveillance);
  EXPECT_EQ(j["certificate"]["next"]["due"], "2028-03-10");
  std::string at = j["history"][0]["at"];
  EXPECT_EQ(at.size(), 20u) << at;  // 2026-11-26T10:00:00Z
  EXPECT_EQ(at[10], 'T');
  EXPECT_EQ(at[19], 'Z');
}

TEST(RegisterCli, ListsInEachFormat) {
  Story s;
  ASSERT_EQ(RunSceau(s.Db() + "record " + Q(s.initial)).exit_code, 0);
  ASSERT_EQ(RunSceau(s.Db() + "record " + Q(s.other_initial)).exit_code, 0);
  auto r = RunSceau(s.Db() + "list --today 2026-11-26");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "number              state      effective   expiry       days  rev  referential        "
            "     organisation\n"
            "CEDRE-2026-00001    active     2026-04-02  2029-04-01    857    0  cedre-iso9001 "
            "2026.1    Association Sentiers et Berges\n"
            "CEDRE-2026-00002    active     2026-06-09  2029-06-08    925    0  cedre-iso9001 "
            "2026.1    Atelier Bleu\n"
            "2 certificates\n");
  r = RunSceau(s.Db() + "list --today 2029-04-02 --format csv --state expired");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out,
      "\xEF\xBB\xBFnumber,state,organisation,siret,kind,region,referential,version,"
      "effective,expiry,days_to_expiry,revision,next_kind,next_due\r\n"
      "CEDRE-2026-00001,expired,Association Sentiers et Berges,44306184100047,ACI,"
      "Occitanie,cedre-iso9001,2026.1,2026-04-02,2029-04-01,-1,0,surveillance,2027-04-02\r\n");
  r = RunSceau(s.Db() + "list --today 2029-03-01 --expiring 90 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format"], "sceau-register-list");
  EXPECT_EQ(j["today"], "2029-03-01");
  ASSERT_EQ(j["certificates"].size(), 1u);
  EXPECT_EQ(j["certificates"][0]["number"], "CEDRE-2026-00001");
  EXPECT_EQ(j["certificates"][0]["days_to_expiry"], 31);
  r = RunSceau(s.Db() + "list --today 2029-03-01 --expiring 120 --format json");
  EXPECT_EQ(nlohmann::json::parse(r.out)["certificates"].size(), 2u);
  // --db also after the subcommand.
  r = RunSceau("register list --state withdrawn --db " + Q(s.db));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(r.out.find('\n') + 1), "0 certificates\n");
}

// One command of a story of manual changes and what it must print.
struct Step {
  std::string command;
  int exit_code;
  std::string out, err;  // not compared for a usage error (exit code 2)
};

void RunSteps(const Story& s, const std::vector<Step>& steps) {
  for (const Step& step : steps) {
    auto r = RunSceau(s.Db() + step.command);
    EXPECT_EQ(r.exit_code, step.exit_code) << step.command << "\n" << r.err;
    if (step.exit_code == 2) continue;
    EXPECT_EQ(r.out, step.out) << step.command;
    EXPECT_EQ(r.err, step.err) << step.command;
  }
}

TEST(RegisterCli, SuspendsReinstatesAndWithdrawsOnlyWhereAllowed) {
  Story s;
  ASSERT_EQ(RunSceau(s.Db() + "record " + Q(s.initial)).exit_code, 0);
  const std::string cert = "CEDRE-2026-00001";
  const std::string org = "(Association Sentiers et Berges)";
  RunSteps(
      s, {
             {"reinstate " + cert + " --reason 'x'", 1, "",
              "sceau register reinstate: cannot reinstate CEDRE-2026-00001: it is active; only a "
              "suspended certificate can be reinstated\n"},
             {"suspend " + cert, 2, "", ""},  // --reason is required
             {"suspend " + cert + " --reason 'NC majeure non levée' --by 'Comité'", 0,
              cert + " " + org + ": active -> suspended\n", ""},
             {"suspend " + cert + " --reason 'again'", 1, "",
              "sceau register suspend: cannot suspend CEDRE-2026-00001: it is suspended; only an "
              "active "
              "certificate can be suspended\n"},
             {"reinstate cedre-2026-00001 --reason 'levée vérifiée'", 0,
              cert + " " + org + ": suspended -> active\n", ""},
             {"withdraw " + cert + " --reason 'fin d activite'", 0,
              cert + " " + org + ": active -> withdrawn\n", ""},
             {"withdraw " + cert + " --reason 'again'", 1, "",
              "sceau register withdraw: cannot withdraw CEDRE-2026-00001: it is withdrawn; only an "
              "active or suspended certificate can be withdrawn\n"},
             {"suspend CEDRE-2026-00042 --reason 'x'", 1, "",
              "sceau register suspend: no certificate CEDRE-2026-00042 in the register " + s.db +
                  "\n"},
         });
  auto r = RunSceau(s.Db() + "show " + cert + " --today 2026-11-26");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find("history:")),
            "CEDRE-2026-00001  Association Sentiers et Berges\n"
            "  state:        withdrawn\n"
            "  referential:  cedre-iso9001 2026.1\n"
            "  valid:        2026-04-02 to 2029-04-01 (857 days left)\n"
            "  revision:     0\n"
            "  next audit:   surveillance by 2027-04-02\n"
            "  organisation: ACI, SIRET 44306184100047, region Occitanie\n"
            "  site:         siege  Siège, 1 rue Haute\n"
            "  scope:        not in the register (see the report of audit AUD-2026-001)\n"
            "  issued:       " +
                r.out.substr(r.out.find("issued:       ") + 14, 20) + "; last change " +
                r.out.substr(r.out.find("last change ") + 12, 20) + "\n");
  EXPECT_NE(r.out.find("  suspend    active -> suspended  from "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("by Comité\n      reason: NC majeure non levée\n"), std::string::npos);
  EXPECT_NE(r.out.find("  withdraw   active -> withdrawn  from "), std::string::npos);
  EXPECT_EQ(Count(s.db, "SELECT count(*) FROM history"), 4);
}

// A manual change takes effect on --today: never before the certificate's last change, and a
// suspension is reinstated only within the referential's limit (6 months for CEDRE: suspended on
// 2026-05-01, it may be reinstated up to 2026-11-01 and is withdrawn from 2026-11-02).
TEST(RegisterCli, AManualChangeTakesEffectOnItsDayWithinTheTimeLimits) {
  Story s;
  ASSERT_EQ(RunSceau(s.Db() + "record " + Q(s.initial)).exit_code, 0);
  const std::string cert = "CEDRE-2026-00001";
  const std::string org = " (Association Sentiers et Berges): ";
  RunSteps(
      s,
      {
          {"suspend " + cert + " --reason 'NC majeure' --today 2026-03-31", 1, "",
           "sceau register suspend: CEDRE-2026-00001 cannot change on 2026-03-31: its last change "
           "(grant) took effect on 2026-04-02\n"},
          {"suspend " + cert + " --reason 'NC majeure' --today 2026-05-01", 0,
           cert + org + "active -> suspended\n", ""},
          {"reinstate " + cert + " --reason 'levée' --today 2026-04-30", 1, "",
           "sceau register reinstate: CEDRE-2026-00001 cannot change on 2026-04-30: its last "
           "change "
           "(suspend) took effect on 2026-05-01\n"},
          {"reinstate " + cert + " --reason 'levée' --today 2026-11-02", 1, "",
           "sceau register reinstate: cannot reinstate CEDRE-2026-00001: it is withdrawn since "
           "2026-11-02 (Certificate suspended since 2026-05-01: with no favourable audit within 6 "
           "months (by 2026-11-01), it is withdrawn.); only an initial audit can grant a new "
           "certificate (record the change with 'sceau register update')\n"},
          {"reinstate " + cert + " --reason 'levée' --today 2026-11-01", 0,
           cert + org + "suspended -> active\n", ""},
          {"suspend " + cert + " --reason x --today 2026-13-01", 2, "", ""},
      });
  auto r = RunSceau(s.Db() + "show " + cert + " --today 2026-12-01");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  state:        active\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  suspend    active -> suspended  from 2026-05-01  by "), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  reinstate  suspended -> active  from 2026-11-01  by "), std::string::npos)
      << r.out;
  EXPECT_EQ(Count(s.db, "SELECT count(*) FROM history"), 3);
}

TEST(RegisterCli, UsageErrorsExitTwoAndAMissingRegisterOne) {
  Story s;
  EXPECT_EQ(RunSceau("register").exit_code, 2);
  EXPECT_EQ(RunSceau(s.Db() + "list --state dormant").exit_code, 2);
  EXPECT_EQ(RunSceau(s.Db() + "list --format xml").exit_code, 2);
  EXPECT_EQ(RunSceau(s.Db() + "list --expiring -3").exit_code, 2);
  EXPECT_EQ(RunSceau(s.Db() + "show").exit_code, 2);
  EXPECT_EQ(RunSceau(s.Db() + "record").exit_code, 2);
  auto r = RunSceau(s.Db() + "list --today 2026-02-30");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sceau register list: --today '2026-02-30' is not a date (YYYY-MM-DD)\n");
  // Reading commands never create a register.
  r = RunSceau(s.Db() + "list");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "sceau register list: " + s.db +
                       ": no register there (the first 'sceau register record' creates it)\n");
  EXPECT_FALSE(fs::exists(s.db));
  r = RunSceau("register --help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* sub : {"record", "list", "show", "suspend", "withdraw", "reinstate", "--db"}) {
    EXPECT_NE(r.out.find(sub), std::string::npos) << sub;
  }
  EXPECT_NE(RunSceau("--help").out.find("register"), std::string::npos);
}

TEST(RegisterCli, FindsTheRegisterInItsDefaultPlaces) {
  Story s;
  const std::string xdg = s.dir.path() + "/xdg";
  const std::string home = s.dir.path() + "/home";
  const std::string env_db = s.dir.path() + "/env/register.sqlite3";
  {
    ScopedEnv env;
    env.Set("SCEAU_REGISTER", nullptr);
    env.Set("XDG_DATA_HOME", nullptr);
    env.Set("HOME", home.c_str());
    ASSERT_EQ(RunSceau("-q register record " + Q(s.initial)).exit_code, 0);
    EXPECT_TRUE(fs::exists(home + "/.local/share/sceau/register.sqlite3"));
    env.Set("XDG_DATA_HOME", xdg.c_str());
    ASSERT_EQ(RunSceau("-q register record " + Q(s.other_initial)).exit_code, 0);
    EXPECT_TRUE(fs::exists(xdg + "/sceau/register.sqlite3"));
    env.Set("SCEAU_REGISTER", env_db.c_str());
    ASSERT_EQ(RunSceau("-q register record " + Q(s.refused)).exit_code, 0);
    EXPECT_TRUE(fs::exists(env_db));
    // --db wins over all of them.
    ASSERT_EQ(RunSceau("-q " + s.Db() + "record " + Q(s.initial)).exit_code, 0);
  }
  EXPECT_EQ(
      Count(home + "/.local/share/sceau/register.sqlite3", "SELECT count(*) FROM certificates"), 1);
  EXPECT_EQ(Count(xdg + "/sceau/register.sqlite3", "SELECT count(*) FROM certificates"), 1);
  EXPECT_EQ(Count(env_db, "SELECT count(*) FROM history WHERE certificate_id IS NULL"), 1);
  EXPECT_EQ(Count(s.db, "SELECT count(*) FROM certificates"), 1);
}

TEST(RegisterCli, RecordsResultsWrittenBySceauAudit) {
  TempDir dir;
  const std::string db = dir.path() + "/r.sqlite3";
  for (const char* dossier : {"granted", "refused-major", "cap-avance"}) {
    auto r = RunSceau(std::string("audit audits/") + dossier + ".yaml --format json --out " +
                      Q(dir.path()));
    ASSERT_EQ(r.exit_code, 0) << dossier << r.err;
  }
  auto r = RunSceau("register --db " + Q(db) + " record " + Q(dir.path() + "/granted.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Issued CEDRE-2026-00001 to Association Sentiers et Berges du Pays d'Olbène: active, "
            "2026-04-02 to 2029-04-01\n");
  r = RunSceau("register --db " + Q(db) + " record " + Q(dir.path() + "/refused-major.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Recorded the refusal of SAS Ressourcerie du Grand Vallon (initial audit "
            "AUD-2025-118): no certificate\n");
  r = RunSceau("register --db " + Q(db) + " record " + Q(dir.path() + "/cap-avance.json"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "sceau register record: " + dir.path() +
                       "/cap-avance.json: a self-assessment has no certification decision: "
                       "nothing to record\n");
  // `audit --register` says so too, and the register does not change.
  r = RunSceau("audit audits/cap-avance.yaml --format json --out " + Q(dir.path()) +
               " --register " + Q(db));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(
      r.out.find("\nself-assessment: no certification decision, nothing recorded in " + db + "\n"),
      std::string::npos)
      << r.out;
  EXPECT_EQ(Count(db, "SELECT count(*) FROM history"), 2);
}

// The shipped three-year story (audits/story), recorded in order from its golden results: one
// certificate, granted, suspended, maintained and renewed, with its revision mark at 1.
TEST(RegisterCli, RecordsTheThreeYearStory) {
  const char* files[] = {"2023-initial", "2024-surveillance", "2025-surveillance", "2026-renewal"};
  for (const char* f : files) {
    if (!fs::exists(testing::SourcePath(std::string("audits/story/") + f + ".json"))) {
      GTEST_SKIP() << "audits/story has no " << f << ".json";
    }
  }
  TempDir dir;
  const std::string db = dir.path() + "/r.sqlite3";
  for (const char* f : files) {
    auto r = RunSceau("register --db " + Q(db) + " record audits/story/" + f + ".json");
    ASSERT_EQ(r.exit_code, 0) << f << ": " << r.err;
  }
  auto r = RunSceau("register --db " + Q(db) + " list --format json --today 2026-11-26");
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["certificates"].size(), 1u);
  const auto& c = j["certificates"][0];
  EXPECT_EQ(c["number"], "CEDRE-2023-00001");
  EXPECT_EQ(c["state"], "active");
  EXPECT_EQ(c["revision"], 1);
  // The same sites and scope all along: the renewal is the one reissue.
  EXPECT_EQ(
      c["scope"],
      (nlohmann::json{{"fr",
                       "Accueil, accompagnement socioprofessionnel, formation et encadrement "
                       "des salariés en parcours ; entretien d'espaces naturels, de berges "
                       "et de sentiers de randonnée, maçonnerie paysagère en pierre sèche"}}));
  r = RunSceau("register --db " + Q(db) + " show CEDRE-2023-00001 --format json");
  auto h = nlohmann::json::parse(r.out)["history"];
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(h[0]["action"], "grant");
  EXPECT_EQ(h[3]["action"], "renew");
  EXPECT_EQ(h[3]["result"]["audit_kind"], "renewal");

  // The network dashboard tells the same certificate: one organisation, one row, from its latest
  // result (the renewal), with the register's number and revision.
  r = RunSceau("-q summary audits/story --format json --today 2026-11-26 --out " + Q(dir.path()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = nlohmann::json::parse(testing::ReadFile(dir.path() + "/summary.json"))["members"];
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["file"], "2026-renewal.json");
  EXPECT_EQ(rows[0]["results"], 4);
  EXPECT_EQ(rows[0]["certificate_number"], c["number"]);
  EXPECT_EQ(rows[0]["certificate_revision"], c["revision"]);
  EXPECT_EQ(rows[0]["state"], "renewed");
  EXPECT_EQ(rows[0]["expiry"], c["expiry"]);
}

// Several `sceau register record` processes at once on a new register: each record is there,
// every number is distinct, none lost.
TEST(RegisterCli, ConcurrentRecordsLoseNothing) {
  TempDir dir;
  const std::string db = dir.path() + "/r.sqlite3";
  constexpr int kProcesses = 10;
  std::vector<pid_t> pids;
  for (int i = 0; i < kProcesses; ++i) {
    std::string name = "org" + std::to_string(i);
    std::string file = dir.Write(
        name + ".json",
        FakeResult::Initial("Organisation " + std::to_string(i), "", "2026-04-02").Json());
    pids.push_back(Spawn({"register", "--db", db, "record", file, "--by", name},
                         dir.path() + "/" + name + ".out", dir.path() + "/" + name + ".err"));
  }
  for (int i = 0; i < kProcesses; ++i) {
    EXPECT_EQ(Wait(pids[static_cast<size_t>(i)]), 0)
        << ReadFile(dir.path() + "/org" + std::to_string(i) + ".err");
  }
  auto r = RunSceau("register --db " + Q(db) + " list --format json --today 2026-05-01");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["certificates"].size(), static_cast<size_t>(kProcesses));
  std::set<std::string> numbers, organisations;
  for (const auto& c : j["certificates"]) {
    numbers.insert(c["number"].get<std::string>());
    organisations.insert(c["organisation"].get<std::string>());
  }
  EXPECT_EQ(numbers.size(), static_cast<size_t>(kProcesses));
  EXPECT_EQ(organisations.size(), static_cast<size_t>(kProcesses));
  EXPECT_EQ(*numbers.begin(), "CEDRE-2026-00001");
  EXPECT_EQ(*numbers.rbegin(), "CEDRE-2026-00010");
  EXPECT_EQ(Count(db, "SELECT count(*) FROM history"), kProcesses);
}

// `sceau register record` killed inside its transaction, after its inserts: the register is
// exactly as before, still opens, and the same result records afterwards.
TEST(RegisterCli, AKilledRecordLeavesTheRegisterAsItWas) {
  Story s;
  ASSERT_EQ(RunSceau(s.Db() + "record " + Q(s.initial)).exit_code, 0);
  const std::string before = RunSceau(s.Db() + "list --format json --today 2026-11-26").out;
  const std::string history_before =
      RunSceau(s.Db() + "show CEDRE-2026-00001 --format json --today 2026-11-26").out;
  const std::string marker = s.dir.path() + "/stalled";
  pid_t pid = Spawn(
      {"register", "--db", s.db, "record", s.other_initial}, s.dir.path() + "/k.out",
      s.dir.path() + "/k.err",
      {{"SCEAU_REGISTER_TEST_STALL", "after-insert"}, {"SCEAU_REGISTER_TEST_MARKER", marker}});
  ASSERT_GT(pid, 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!fs::exists(marker) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(fs::exists(marker)) << ReadFile(s.dir.path() + "/k.err");
  // Inside the transaction: its inserts are invisible to readers, who do not wait for it.
  EXPECT_EQ(Count(s.db, "SELECT count(*) FROM certificates"), 1);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(RunSceau(s.Db() + "list --format json --today 2026-11-26").out, before);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ::kill(pid, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(RunSceau(s.Db() + "list --format json --today 2026-11-26").out, before);
  EXPECT_EQ(RunSceau(s.Db() + "show CEDRE-2026-00001 --format json --today 2026-11-26").out,
            history_before);
  EXPECT_EQ(Count(s.db, "SELECT count(*) FROM certificates"), 1);
  EXPECT_EQ(Count(s.db, "SELECT count(*) FROM history"), 1);
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(s.db.c_str(), &h), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
  sqlite3_finalize(st);
  sqlite3_close(h);
  // The killed record left nothing behind: the same file records now, with the next number.
  auto r = RunSceau(s.Db() + "record " + Q(s.other_initial));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Issued CEDRE-2026-00002 to Atelier Bleu: active, 2026-06-09 to 2029-06-08\n");
}

}  // namespace
}  // namespace sceau
