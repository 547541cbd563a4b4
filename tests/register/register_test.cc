// The certificate register, against real SQLite files in a temporary folder: schema migrations,
// numbering, every state change, the append-only history, the listings, concurrent writers and a
// writer killed inside its transaction.
#include "register/register.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "engine/sha256.h"
#include "register/register_format.h"
#include "tests/register/register_fixtures.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::FakeResult;
using testing::TempDir;

constexpr char kAt[] = "2026-11-26T10:00:00Z";

std::unique_ptr<CertificateRegister> OpenOrDie(const std::string& path) {
  std::string error;
  auto reg = CertificateRegister::Open(path, {}, &error);
  EXPECT_NE(reg, nullptr) << error;
  return reg;
}

RegisterInput Input(const FakeResult& r, const std::string& path = "result.json") {
  RegisterInput in;
  std::string error;
  EXPECT_TRUE(ParseRegisterInput(r.Json(), path, &in, &error)) << error;
  return in;
}

// Records; returns the outcome, or fails the test.
RecordOutcome Record(CertificateRegister& reg, const FakeResult& r,
                     const std::string& who = "Sophie") {
  RecordRequest request{Input(r), who, false, kAt};
  RecordOutcome out;
  std::string error;
  EXPECT_TRUE(reg.Record(request, &out, &error)) << error;
  return out;
}

// Records, expecting a refusal; returns its message.
std::string Refusal(CertificateRegister& reg, const FakeResult& r, bool new_certificate = false) {
  RecordRequest request{Input(r), "Sophie", new_certificate, kAt};
  RecordOutcome out;
  std::string error;
  EXPECT_FALSE(reg.Record(request, &out, &error)) << out.number;
  return error;
}

// Runs SQL on the file with the C API, as another program would; returns SQLite's message, or ""
// when it succeeded.
std::string RawSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  std::string out = rc == SQLITE_OK ? "" : (message ? message : "error");
  sqlite3_free(message);
  sqlite3_close(db);
  return out;
}

int64_t RawCount(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sql;
  int64_t n = -1;
  if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

// --- schema
// ---------------------------------------------------------------------------------------

TEST(Register, CreatesTheSchemaInAnEmptyFileAndReopensIdempotently) {
  TempDir dir;
  std::string path = dir.path() + "/sub/folder/register.sqlite3";  // folders are created
  {
    auto reg = OpenOrDie(path);
    ASSERT_NE(reg, nullptr);
    EXPECT_EQ(reg->SchemaVersion(), 3);
    EXPECT_EQ(static_cast<size_t>(reg->SchemaVersion()), RegisterMigrations().size());
  }
  EXPECT_EQ(RawCount(path, "PRAGMA user_version"), 3);
  EXPECT_EQ(RawCount(path, "PRAGMA application_id"), 0x53434555);
  EXPECT_EQ(RawCount(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), 2);
  EXPECT_EQ(RawCount(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), 3);
  // WAL mode is a property of the file.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
  sqlite3_finalize(s);
  sqlite3_close(db);
  // Open again: nothing to migrate, the data stays.
  {
    auto reg = OpenOrDie(path);
    Record(*reg, FakeResult::Initial("Association A", "", "2026-04-02"));
  }
  auto reg = OpenOrDie(path);
  EXPECT_EQ(reg->SchemaVersion(), 3);
  std::vector<CertificateRecord> list;
  std::string error;
  ASSERT_TRUE(reg->List({Date{2026, 5, 1}, {}, {}}, &list, &error)) << error;
  EXPECT_EQ(list.size(), 1u);
}

TEST(Register, AppliesOnlyTheMissingMigrationStepsInOrder) {
  TempDir dir;
  std::string path = dir.path() + "/r.sqlite3";
  std::string error;
  std::vector<SchemaMigration> steps = {RegisterMigrations()[0]};
  ASSERT_NE(CertificateRegister::OpenWithMigrations(path, {}, steps, &error), nullptr) << error;
  steps.push_back({"notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"});
  steps.push_back({"notes index", "CREATE INDEX notes_by_text ON notes (text)"});
  auto reg = CertificateRegister::OpenWithMigrations(path, {}, steps, &error);
  ASSERT_NE(reg, nullptr) << error;
  EXPECT_EQ(reg->SchemaVersion(), 3);
  reg.reset();
  EXPECT_EQ(RawCount(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'notes_by_text'"), 1);
}

TEST(Register, AFailingMigrationStepLeavesTheFileAtThePreviousVersion) {
  TempDir dir;
  std::string path = dir.path() + "/r.sqlite3";
  std::string error;
  std::vector<SchemaMigration> steps = {
      RegisterMigrations()[0],
      {"broken", "CREATE TABLE half (id INTEGER); CREATE TABLE certificates (x)"}};
  EXPECT_EQ(CertificateRegister::OpenWithMigrations(path, {}, steps, &error), nullptr);
  EXPECT_EQ(error,
            path + ": schema migration 2 (broken) failed: table certificates already exists");
  EXPECT_EQ(RawCount(path, "PRAGMA user_version"), 1);
  EXPECT_EQ(RawCount(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'half'"), 0);
  EXPECT_NE(OpenOrDie(path), nullptr);
}

TEST(Register, RefusesASchemaNewerThanThisBuild) {
  TempDir dir;
  std::string path = dir.path() + "/r.sqlite3";
  OpenOrDie(path).reset();
  EXPECT_EQ(RawSql(path, "PRAGMA user_version = 7"), "");
  std::string error;
  EXPECT_EQ(CertificateRegister::Open(path, {}, &error), nullptr);
  EXPECT_EQ(error, path +
                       ": the register's schema is version 7, newer than this sceau knows "
                       "(version 3): it was written by a newer sceau; use that one, or upgrade");
}

// A register written by a sceau whose schema stopped at version 1 (no scope): opened by this one,
// it gains the scope column; its certificate keeps everything and has no scope until a result
// brings one, which is no reissue; a new certificate stores its scope from the start.
TEST(Register, MigratesAVersion1FileToTheScope) {
  TempDir dir;
  std::string path = dir.path() + "/r.sqlite3";
  std::string error;
  {
    auto v1 = CertificateRegister::OpenWithMigrations(path, {}, {RegisterMigrations()[0]}, &error);
    ASSERT_NE(v1, nullptr) << error;
    EXPECT_EQ(v1->SchemaVersion(), 1);
  }
  // The rows as the version-1 sceau wrote them (this build's Record writes the scope column).
  EXPECT_EQ(RawSql(path,
                   "INSERT INTO certificates (number, prefix, year, sequence, organisation, siret, "
                   "kind, region, referential_id, referential_version, state, effective, expiry, "
                   "next_due, next_kind, revision, sites, last_audit_id, issued_at, updated_at) "
                   "VALUES ('CEDRE-2026-00001', 'CEDRE', 2026, 1, 'A', NULL, 'ACI', NULL, "
                   "'cedre-iso9001', '2026.1', 'active', '2026-04-02', '2029-04-01', "
                   "'2027-04-02', 'surveillance', 0, "
                   "'[{\"id\":\"siege\",\"name\":\"Siège\",\"address\":\"1 rue Haute\"}]', "
                   "'AUD-2026-04-02', '2026-04-03T09:00:00Z', '2026-04-03T09:00:00Z');"
                   "INSERT INTO history (certificate_id, action, to_state, date, reason, who, at, "
                   "organisation, referential_id) VALUES (1, 'grant', 'active', '2026-04-02', "
                   "'audit AUD-2026-04-02 (initial): granted', 'Sophie', '2026-04-03T09:00:00Z', "
                   "'A', 'cedre-iso9001');"),
            "");
  {
    // Read as it is, before any change migrates it (list and show on read-only media).
    RegisterOpenOptions read_only;
    read_only.read_only = true;
    auto ro = CertificateRegister::Open(path, read_only, &error);
    ASSERT_NE(ro, nullptr) << error;
    std::vector<CertificateRecord> list;
    ASSERT_TRUE(ro->List(RegisterFilter{}, &list, &error)) << error;
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].number, "CEDRE-2026-00001");
    EXPECT_TRUE(list[0].scope.empty());
  }
  EXPECT_EQ(RawCount(path, "PRAGMA user_version"), 1);
  auto reg = OpenOrDie(path);
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg->SchemaVersion(), 3);
  EXPECT_EQ(RawCount(path, "PRAGMA user_version"), 3);
  EXPECT_EQ(RawCount(path, "SELECT count(*) FROM certificates WHERE scope = '{}'"), 1);
  EXPECT_EQ(RawCount(path, "SELECT count(*) FROM certificates WHERE level = ''"), 1);
  CertificateRecord c;
  std::vector<HistoryEntry> h;
  ASSERT_TRUE(reg->Show("CEDRE-2026-00001", &c, &h, &error)) << error;
  EXPECT_TRUE(c.scope.empty());
  EXPECT_EQ(c.organisation, "A");
  EXPECT_EQ(c.revision, 0);
  ASSERT_EQ(c.sites.size(), 1u);
  EXPECT_EQ(c.sites[0].name, "Siège");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].action, "grant");

  // A surveillance that brings the scope: stored, the certificate not reissued.
  FakeResult s;
  s.organisation = "A";
  s.siret = "";
  s.audit_kind = "surveillance";
  s.audit_id = "AUD-2027";
  s.decision_date = "2027-03-10";
  s.scope_fr = "Entretien des berges";
  RecordOutcome o = Record(*reg, s);
  EXPECT_EQ(o.number, "CEDRE-2026-00001");
  EXPECT_EQ(o.action, "maintain");
  EXPECT_EQ(o.revision, 0);
  ASSERT_TRUE(reg->Show("CEDRE-2026-00001", &c, &h, &error)) << error;
  EXPECT_EQ(c.scope.by_lang, (std::map<std::string, std::string>{{"fr", "Entretien des berges"}}));
  EXPECT_EQ(c.revision, 0);
  EXPECT_EQ(h.back().reason, "audit AUD-2027 (surveillance): granted");

  // A new certificate stores its scope at its grant.
  FakeResult b = FakeResult::Initial("B", "", "2027-05-04");
  b.scope_fr = "Maraîchage biologique";
  b.scope_en = "Organic market gardening";
  EXPECT_EQ(Record(*reg, b).number, "CEDRE-2027-00001");
  ASSERT_TRUE(reg->Show("CEDRE-2027-00001", &c, &h, &error)) << error;
  EXPECT_EQ(c.scope.by_lang, (std::map<std::string, std::string>{{"en", "Organic market gardening"},
                                                                 {"fr", "Maraîchage biologique"}}));
  EXPECT_EQ(RawCount(path,
                     "SELECT count(*) FROM certificates WHERE number = 'CEDRE-2027-00001' AND "
                     "scope = '{\"en\":\"Organic market gardening\",\"fr\":\"Maraîchage "
                     "biologique\"}'"),
            1);
}

TEST(Register, RefusesFilesThatAreNotARegister) {
  TempDir dir;
  struct Case {
    const char* name;
    std::string setup_sql;  // run on a fresh SQLite file; empty: a text file instead
    std::string message;
  };
  const Case cases[] = {
      {"other-tables", "CREATE TABLE t (x)",
       "not a sceau certificate register (a SQLite database with other tables)"},
      {"other-application", "PRAGMA application_id = 42",
       "not a sceau certificate register (another application's SQLite database)"},
      {"text", "", "not a SQLite database"},
  };
  for (const Case& c : cases) {
    std::string path = dir.path() + "/" + c.name;
    if (c.setup_sql.empty()) {
      dir.Write(c.name, "this is not a database, just some text that is long enough to matter\n");
    } else {
      EXPECT_EQ(RawSql(path, c.setup_sql), "");
    }
    std::string error;
    EXPECT_EQ(CertificateRegister::Open(path, {}, &error), nullptr) << c.name;
    EXPECT_EQ(error, path + ": " + c.message) << c.name;
  }
  std::string error;
  RegisterOpenOptions no_create;
  no_create.create = false;
  EXPECT_EQ(CertificateRegister::Open(dir.path() + "/missing", no_create, &error), nullptr);
  EXPECT_EQ(
      error,
      dir.path() + "/missing: no register there (the first 'sceau register record' creates it)");
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/missing"));
  EXPECT_EQ(CertificateRegister::Open(dir.path(), {}, &error), nullptr);
  EXPECT_EQ(error, dir.path() + ": is a directory, not a register file");
}

// --- reading results ----------------------------------------------------------------------------

TEST(RegisterInput, DerivesTheStateWithoutALifecycleBlock) {
  struct Case {
    const char* kind;
    const char* decision;
    const char* state;
  };
  const Case cases[] = {
      {"initial", "granted", "granted"},
      {"initial", "conditional", "granted"},
      {"initial", "refused", "refused"},
      {"surveillance", "granted", "maintained"},
      {"surveillance", "conditional", "maintained"},
      {"surveillance", "refused", "suspended"},
      {"renewal", "conditional", "renewed"},
      {"renewal", "refused", "refused"},
  };
  for (const Case& c : cases) {
    FakeResult r;
    r.audit_kind = c.kind;
    r.decision = c.decision;
    if (r.decision != "refused") r.cert_effective = r.decision_date;
    RegisterInput in = Input(r);
    EXPECT_EQ(in.state, c.state) << c.kind << " " << c.decision;
    EXPECT_FALSE(in.from_lifecycle);
  }
  // A surveillance keeps the certificate's dates: its certificate block is not read.
  FakeResult s;
  s.audit_kind = "surveillance";
  s.cert_effective = "2026-04-02";
  EXPECT_FALSE(Input(s).effective.has_value());
  // The lifecycle block wins.
  FakeResult l;
  l.audit_kind = "surveillance";
  l.decision = "refused";
  l.state = "withdrawn";
  l.effective = "2026-04-02";
  l.expiry = "2029-04-01";
  RegisterInput in = Input(l);
  EXPECT_EQ(in.state, "withdrawn");
  EXPECT_TRUE(in.from_lifecycle);
  EXPECT_EQ(in.sha256, Sha256Hex(l.Json()));
  EXPECT_EQ(in.sites.size(), 1u);
}

TEST(RegisterInput, RejectsWhatItCannotRecord) {
  struct Case {
    const char* name;
    std::string json;
    std::string message;
  };
  FakeResult self;
  self.audit_kind = "self-assessment";
  self.decision = "none";
  FakeResult bad_state;
  bad_state.state = "dormant";
  FakeResult no_dates;
  no_dates.state = "granted";
  FakeResult bad_date = FakeResult::Initial("A", "", "2026-04-02");
  bad_date.cert_expiry = "2029-02-30";
  const Case cases[] = {
      {"not json", "{",
       "r.json: not a JSON file: parse error at line 1, column 2: syntax error while parsing "
       "object key - unexpected end of input; expected string literal"},
      {"array", "[]", "r.json: not a sceau-result (its \"format\" is not \"sceau-result\")"},
      {"other format", R"({"format": "sceau-summary", "format_version": 1})",
       "r.json: not a sceau-result (its \"format\" is not \"sceau-result\")"},
      {"version 2", R"({"format": "sceau-result", "format_version": 2})",
       "r.json: sceau-result version 2 is not supported: this sceau reads version 1"},
      {"no organisation", R"({"format": "sceau-result", "format_version": 1})",
       "r.json: 'organisation' is missing"},
      {"self-assessment", self.Json(),
       "r.json: a self-assessment has no certification decision: nothing to record"},
      {"unknown state", bad_state.Json(), "r.json: unknown lifecycle.state 'dormant'"},
      {"grant without dates", no_dates.Json(),
       "r.json: the result says 'granted' but gives no certificate dates"},
      {"impossible date", bad_date.Json(),
       "r.json: certificate.expiry is not a date (YYYY-MM-DD): '2029-02-30'"},
  };
  for (const Case& c : cases) {
    RegisterInput in;
    std::string error;
    EXPECT_FALSE(ParseRegisterInput(c.json, "r.json", &in, &error)) << c.name;
    EXPECT_EQ(error, c.message) << c.name;
  }
}

// `audit.scope`: its texts by language, the empty ones left out; anything else is refused.
TEST(RegisterInput, ReadsTheScope) {
  FakeResult r = FakeResult::Initial("A", "", "2026-04-02");
  EXPECT_TRUE(Input(r).scope.empty());
  r.scope_fr = "Entretien des berges";
  EXPECT_EQ(Input(r).scope.by_lang,
            (std::map<std::string, std::string>{{"fr", "Entretien des berges"}}));
  r.scope_en = "Riverbank maintenance";
  EXPECT_EQ(Input(r).scope.by_lang,
            (std::map<std::string, std::string>{{"en", "Riverbank maintenance"},
                                                {"fr", "Entretien des berges"}}));
  auto with_scope = [&](const std::string& scope) {
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(r.Json());
    j["audit"]["scope"] = nlohmann::ordered_json::parse(scope);
    return j.dump();
  };
  RegisterInput in;
  std::string error;
  ASSERT_TRUE(
      ParseRegisterInput(with_scope(R"({"fr": "", "en": "Only English"})"), "r.json", &in, &error))
      << error;
  EXPECT_EQ(in.scope.by_lang, (std::map<std::string, std::string>{{"en", "Only English"}}));
  ASSERT_TRUE(ParseRegisterInput(with_scope("null"), "r.json", &in, &error)) << error;
  EXPECT_TRUE(in.scope.empty());
  EXPECT_FALSE(ParseRegisterInput(with_scope(R"("Entretien")"), "r.json", &in, &error));
  EXPECT_EQ(error, "r.json: audit.scope is not an object of texts by language");
  EXPECT_FALSE(ParseRegisterInput(with_scope(R"({"fr": 3})"), "r.json", &in, &error));
  EXPECT_EQ(error, "r.json: audit.scope.fr is not a string");
}

TEST(RegisterInput, ReadsAGroupResult) {
  std::string json = R"({"format": "sceau-group-result", "format_version": 1,
    "referential": {"id": "cedre-iso9001", "version": "2026.1"},
    "group": {"name": "GES Avenir", "kind": "GES", "siret": null, "region": "Bretagne"},
    "audit": {"id": "AUD-G", "kind": "initial", "end": "2026-04-20", "decision_date": "2026-05-04",
              "scope": {"fr": "Insertion par l'activité économique"}},
    "decision": {"decision": "granted"},
    "members": [{"file": "a.yaml", "organisation": "Avenir Insertion"},
                {"file": "b.yaml", "organisation": "Avenir Services"}],
    "lifecycle": {"state": "granted", "state_date": "2026-05-04", "effective": "2026-05-04",
                  "expiry": "2029-05-03", "next": {"kind": "surveillance", "due": "2027-05-04"}}})";
  RegisterInput in;
  std::string error;
  ASSERT_TRUE(ParseRegisterInput(json, "g.json", &in, &error)) << error;
  EXPECT_EQ(in.organisation, "GES Avenir");
  EXPECT_EQ(in.kind, "GES");
  ASSERT_EQ(in.sites.size(), 2u);
  EXPECT_EQ(in.sites[1].name, "Avenir Services");
  EXPECT_EQ(in.scope.by_lang,
            (std::map<std::string, std::string>{{"fr", "Insertion par l'activité économique"}}));
  EXPECT_EQ(in.next_due->ToString(), "2027-05-04");
}

// --- recording
// --------------------------------------------------------------------------------------

TEST(Register, NumbersPerReferentialPrefixAndDecisionYear) {
  EXPECT_EQ(CertificatePrefix("cedre-iso9001"), "CEDRE");
  EXPECT_EQ(CertificatePrefix("rse-iso26000"), "RSE");
  EXPECT_EQ(CertificatePrefix("cap"), "CAP");
  EXPECT_EQ(CertificatePrefix("-x"), "CERT");
  TempDir dir;
  auto reg = OpenOrDie(dir.path() + "/r.sqlite3");
  EXPECT_EQ(Record(*reg, FakeResult::Initial("A", "", "2026-04-02")).number, "CEDRE-2026-00001");
  EXPECT_EQ(Record(*reg, FakeResult::Initial("B", "", "2026-12-30")).number, "CEDRE-2026-00002");
  FakeResult rse = FakeResult::Initial("A", "", "2026-06-03");
  rse.referential = "rse-iso26000";
  EXPECT_EQ(Record(*reg, rse).number, "RSE-2026-00001");
  EXPECT_EQ(Record(*reg, FakeResult::Initial("C", "", "2027-01-04")).number, "CEDRE-2027-00001");
  EXPECT_EQ(Record(*reg, FakeResult::Initial("D", "", "2026-07-08")).number, "CEDRE-2026-00003");
}

// The three-year story: grant, surveillance, a suspension, back to maintained, renewal, then a
// withdrawal; each step one history row with its from and to states.
TEST(Register, FollowsACertificateThroughItsCycle) {
  TempDir dir;
  auto reg = OpenOrDie(dir.path() + "/r.sqlite3");
  FakeResult r;
  r.state = "granted";
  r.effective = "2026-04-02";
  r.expiry = "2029-04-01";
  r.next_kind = "surveillance";
  r.next_due = "2027-04-02";
  RecordOutcome o = Record(*reg, r);
  EXPECT_TRUE(o.issued);
  EXPECT_EQ(o.number, "CEDRE-2026-00001");

  struct Step {
    const char* kind;
    const char* decision;
    const char* state;
    const char* date;
    const char* action;
    const char* from;
    const char* to;
    int revision;
    const char* expiry;
  };
  const Step steps[] = {
      {"surveillance", "conditional", "maintained", "2027-03-10", "maintain", "active", "active", 0,
       "2029-04-01"},
      {"surveillance", "refused", "suspended", "2028-03-15", "suspend", "active", "suspended", 0,
       "2029-04-01"},
      {"surveillance", "granted", "maintained", "2028-06-20", "maintain", "suspended", "active", 0,
       "2029-04-01"},
      {"renewal", "granted", "renewed", "2029-03-01", "renew", "active", "active", 1, "2032-02-29"},
      {"surveillance", "refused", "withdrawn", "2030-02-11", "withdraw", "active", "withdrawn", 1,
       "2032-02-29"},
  };
  for (const Step& s : steps) {
    FakeResult f = r;
    f.audit_kind = s.kind;
    f.decision = s.decision;
    f.state = s.state;
    f.audit_id = std::string("AUD-") + s.date;
    f.decision_date = s.date;
    if (std::string(s.state) == "renewed") {
      f.effective = "2029-03-01";
      f.expiry = "2032-02-29";
    } else if (std::string(s.state) == "withdrawn") {
      f.effective = f.expiry = "";  // no dates after a withdrawal: the last ones are kept
    } else if (s.revision == 1) {
      f.effective = "2029-03-01";
      f.expiry = "2032-02-29";
    }
    RecordOutcome out = Record(*reg, f, "Claire");
    EXPECT_EQ(out.number, "CEDRE-2026-00001") << s.date;
    EXPECT_FALSE(out.issued) << s.date;
    EXPECT_EQ(out.action, s.action) << s.date;
    EXPECT_EQ(out.from_state, s.from) << s.date;
    EXPECT_EQ(out.to_state, s.to) << s.date;
    EXPECT_EQ(out.revision, s.revision) << s.date;
    EXPECT_EQ(out.expiry.ToString(), s.expiry) << s.date;
  }
  CertificateRecord c;
  std::vector<HistoryEntry> h;
  std::string error;
  ASSERT_TRUE(reg->Show("cedre-2026-00001", &c, &h, &error)) << error;  // any case
  EXPECT_EQ(c.state, CertificateState::kWithdrawn);
  EXPECT_EQ(c.effective.ToString(), "2029-03-01");
  EXPECT_EQ(c.revision, 1);
  ASSERT_EQ(h.size(), 6u);
  EXPECT_EQ(h[0].action, "grant");
  EXPECT_EQ(h[0].from_state, "");
  EXPECT_EQ(h[0].to_state, "active");
  EXPECT_EQ(h[0].date, "2026-04-02");
  EXPECT_EQ(h[0].who, "Sophie");
  EXPECT_EQ(h[0].at, kAt);
  EXPECT_EQ(h[0].reason, "audit AUD-2026-001 (initial): granted");
  EXPECT_EQ(h[0].result_sha256, Sha256Hex(r.Json()));
  EXPECT_EQ(h[0].audit_id, "AUD-2026-001");
  EXPECT_EQ(h[5].action, "withdraw");
  EXPECT_EQ(h[5].who, "Claire");
  // Withdrawn: a later surveillance has nothing to maintain.
  FakeResult late = r;
  late.audit_kind = "surveillance";
  late.state = "maintained";
  late.audit_id = "AUD-late";
  EXPECT_EQ(Refusal(*reg, late),
            "result.json: no current certificate of 'Association Sentiers et Berges' (SIRET "
            "44306184100047) for cedre-iso9001 in the register (its last certificate, "
            "CEDRE-2026-00001, is withdrawn): the result says 'maintained'; record its initial "
            "audit first, or use --new-certificate for a certificate issued before the register");
  // A new initial audit after the withdrawal gets a new number.
  FakeResult again = r;
  again.audit_id = "AUD-again";
  again.decision_date = "2030-09-01";
  again.effective = "2030-09-01";
  again.expiry = "2033-08-31";
  EXPECT_EQ(Record(*reg, again).number, "CEDRE-2030-00001");
}

// From an active certificate, what each state of a result does.
TEST(Register, AppliesEachStateOfAResultToTheCurrentCertificate) {
  struct Case {
    const char* state;
    const char* action;
    CertificateState stored;
    int revision;
  };
  const Case cases[] = {
      {"maintained", "maintain", CertificateState::kActive, 0},
      {"renewed", "renew", CertificateState::kActive, 1},
      {"suspended", "suspend", CertificateState::kSuspended, 0},
      {"withdrawn", "withdraw", CertificateState::kWithdrawn, 0},
      {"expired", "expire", CertificateState::kExpired, 0},
      {"refused", "refuse", CertificateState::kActive, 0},  // on file; the certificate unchanged
  };
  for (const Case& c : cases) {
    TempDir dir;
    auto reg = OpenOrDie(dir.path() + "/r.sqlite3");
    Record(*reg, FakeResult::Initial("A", "", "2026-04-02"));
    FakeResult f;
    f.organisation = "A";
    f.siret = "";
    f.audit_kind = std::string(c.state) == "renewed" ? "renewal" : "surveillance";
    f.audit_id = "AUD-2";
    f.decision_date = "2027-03-03";
    f.decision = std::string(c.state) == "refused" ? "refused" : "granted";
    f.state = c.state;
    f.effective = std::string(c.state) == "renewed" ? "2027-03-03" : "2026-04-02";
    f.expiry = std::string(c.state) == "renewed" ? "2030-03-02" : "2029-04-01";
    RecordOutcome o = Record(*reg, f);
    EXPECT_EQ(o.action, c.action) << c.state;
    EXPECT_EQ(o.from_state, "active") << c.state;
    EXPECT_EQ(o.to_state, CertificateStateName(c.stored)) << c.state;
    CertificateRecord cert;
    std::vector<HistoryEntry> h;
    std::string error;
    ASSERT_TRUE(reg->Show("CEDRE-2026-00001", &cert, &h, &error)) << error;
    EXPECT_EQ(cert.state, c.stored) << c.state;
    EXPECT_EQ(cert.revision, c.revision) << c.state;
    EXPECT_EQ(cert.expiry.ToString(), f.expiry) << c.state;
    EXPECT_EQ(cert.last_audit_id, "AUD-2") << c.state;
    ASSERT_EQ(h.size(), 2u) << c.state;
    EXPECT_EQ(h[1].action, c.action) << c.state;
    EXPECT_EQ(h[1].date, "2027-03-03") << c.state;
  }
}

// The revision mark counts the certificate's reissues: a renewal, and a maintaining result that
// changes its sites (names and addresses, in any order) or its scope. A suspension changes
// neither: the change waits for the result that restores the certificate.
TEST(Register, ReissuesTheCertificateWhenItsSitesOrScopeChange) {
  TempDir dir;
  auto reg = OpenOrDie(dir.path() + "/r.sqlite3");
  FakeResult grant = FakeResult::Initial("A", "", "2026-04-02");
  grant.scope_fr = "Entretien des berges";
  grant.scope_en = "Riverbank maintenance";
  EXPECT_EQ(Record(*reg, grant).revision, 0);

  struct Step {
    const char* date;
    const char* kind;
    const char* decision;
    std::vector<std::string> sites;  // empty: the grant's one site
    const char* scope_fr;
    const char* scope_en;
    int revision;
    const char* reason;  // after "audit AUD-<date> (<kind>): <decision>"
    std::vector<std::string> stored_sites;
    const char* stored_scope_fr;
  };
  const Step steps[] = {
      // The same sites and scope: maintained, not reissued.
      {"2027-03-01",
       "surveillance",
       "granted",
       {},
       "Entretien des berges",
       "Riverbank maintenance",
       0,
       "",
       {"Siège"},
       "Entretien des berges"},
      // No scope in the result: the register's is kept, no change.
      {"2027-03-02",
       "surveillance",
       "granted",
       {},
       "",
       "",
       0,
       "",
       {"Siège"},
       "Entretien des berges"},
      // A new site.
      {"2027-03-03",
       "surveillance",
       "conditional",
       {"Siège", "Annexe"},
       "Entretien des berges",
       "Riverbank maintenance",
       1,
       "; reissued as revision 1: sites changed",
       {"Siège", "Annexe"},
       "Entretien des berges"},
      // The same sites in another order.
      {"2027-03-04",
       "surveillance",
       "granted",
       {"Annexe", "Siège"},
       "Entretien des berges",
       "Riverbank maintenance",
       1,
       "",
       {"Annexe", "Siège"},
       "Entretien des berges"},
      // A new scope (its English text only).
      {"2027-03-05",
       "surveillance",
       "granted",
       {"Annexe", "Siège"},
       "Entretien des berges",
       "Riverbank and trail maintenance",
       2,
       "; reissued as revision 2: scope changed",
       {"Annexe", "Siège"},
       "Entretien des berges"},
      // Suspended with other sites and scope: the certificate keeps its own.
      {"2027-09-01",
       "surveillance",
       "refused",
       {"Siège"},
       "Sentiers",
       "",
       2,
       "",
       {"Annexe", "Siège"},
       "Entretien des berges"},
      // Restored with them: reissued.
      {"2027-11-02",
       "surveillance",
       "granted",
       {"Siège"},
       "Sentiers",
       "",
       3,
       "; reissued as revision 3: sites and scope changed",
       {"Siège"},
       "Sentiers"},
      // A renewal reissues it, whatever changed.
      {"2029-03-02",
       "renewal",
       "granted",
       {"Siège"},
       "Sentiers",
       "",
       4,
       "; reissued as revision 4: renewed",
       {"Siège"},
       "Sentiers"},
      {"2030-03-02",
       "renewal",
       "granted",
       {"Siège", "Annexe"},
       "Sentiers",
       "",
       5,
       "; reissued as revision 5: renewed, sites changed",
       {"Siège", "Annexe"},
       "Sentiers"},
  };
  for (const Step& st : steps) {
    FakeResult f = grant;
    f.audit_kind = st.kind;
    f.decision = st.decision;
    f.audit_id = std::string("AUD-") + st.date;
    f.decision_date = st.date;
    f.cert_effective = std::string(st.kind) == "renewal" ? st.date : "";
    f.site_names = st.sites;
    f.scope_fr = st.scope_fr;
    f.scope_en = st.scope_en;
    RecordOutcome o = Record(*reg, f);
    EXPECT_EQ(o.number, "CEDRE-2026-00001") << st.date;
    EXPECT_EQ(o.revision, st.revision) << st.date;
    CertificateRecord c;
    std::vector<HistoryEntry> h;
    std::string error;
    ASSERT_TRUE(reg->Show("CEDRE-2026-00001", &c, &h, &error)) << error;
    EXPECT_EQ(c.revision, st.revision) << st.date;
    EXPECT_EQ(h.back().reason,
              fmt::format("audit AUD-{} ({}): {}{}", st.date, st.kind, st.decision, st.reason))
        << st.date;
    std::vector<std::string> names;
    for (const RegisterSite& site : c.sites) names.push_back(site.name);
    EXPECT_EQ(names, st.stored_sites) << st.date;
    EXPECT_EQ(c.scope.Get("fr"), st.stored_scope_fr) << st.date;
  }
  CertificateRecord c;
  std::vector<HistoryEntry> h;
  std::string error;
  ASSERT_TRUE(reg->Show("CEDRE-2026-00001", &c, &h, &error)) << error;
  EXPECT_EQ(c.scope.by_lang, (std::map<std::string, std::string>{{"fr", "Sentiers"}}));
  EXPECT_EQ(c.state, CertificateState::kActive);
}

// A version-2 file (before the level) is read as it is by a read-only open (a temporary view adds
// the columns), then migrated by the first change, its certificate without a level.
TEST(Register, ReadsAVersion2FileAndMigratesItToTheLevel) {
  TempDir dir;
  std::string path = dir.path() + "/r.sqlite3";
  std::string error;
  {
    auto v2 = CertificateRegister::OpenWithMigrations(
        path, {}, {RegisterMigrations()[0], RegisterMigrations()[1]}, &error);
    ASSERT_NE(v2, nullptr) << error;
    EXPECT_EQ(v2->SchemaVersion(), 2);
  }
  EXPECT_EQ(RawSql(path,
                   "INSERT INTO certificates (number, prefix, year, sequence, organisation, siret, "
                   "kind, region, referential_id, referential_version, state, effective, expiry, "
                   "next_due, next_kind, revision, sites, last_audit_id, issued_at, updated_at, "
                   "scope) VALUES ('RSE-2026-00001', 'RSE', 2026, 1, 'A', NULL, 'ACI', NULL, "
                   "'rse-iso26000', '2026.1', 'active', '2026-04-02', '2029-04-01', NULL, NULL, "
                   "0, '[]', 'AUD-1', '2026-04-03T09:00:00Z', '2026-04-03T09:00:00Z', "
                   "'{\"fr\":\"Bâtiment\"}');"),
            "");
  {
    RegisterOpenOptions read_only;
    read_only.read_only = true;
    auto ro = CertificateRegister::Open(path, read_only, &error);
    ASSERT_NE(ro, nullptr) << error;
    std::vector<CertificateRecord> list;
    ASSERT_TRUE(ro->List(RegisterFilter{}, &list, &error)) << error;
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].scope.Get("fr"), "Bâtiment");
    EXPECT_EQ(list[0].level, "");
    EXPECT_TRUE(list[0].level_label.empty());
  }
  EXPECT_EQ(RawCount(path, "PRAGMA user_version"), 2);
  auto reg = OpenOrDie(path);
  EXPECT_EQ(reg->SchemaVersion(), 3);
  EXPECT_EQ(RawCount(path,
                     "SELECT count(*) FROM certificates WHERE level = '' AND "
                     "level_label = '{}'"),
            1);
}

// A maturity label's level: kept from the grant, printed on the certificate, so another level at a
// surveillance reissues it; a result without a level keeps the register's.
TEST(Register, KeepsAMaturityLabelsLevelAndReissuesAtAnotherOne) {
  TempDir dir;
  auto reg = OpenOrDie(dir.path() + "/r.sqlite3");
  FakeResult grant = FakeResult::Initial("A", "", "2026-04-02");
  grant.referential = "rse-iso26000";
  grant.level = "confirme";
  grant.level_fr = "Label RSE — niveau Confirmé";
  grant.level_en = "CSR label — Confirmed level";
  EXPECT_EQ(Record(*reg, grant).number, "RSE-2026-00001");
  auto show = [&] {
    CertificateRecord c;
    std::vector<HistoryEntry> h;
    std::string error;
    EXPECT_TRUE(reg->Show("RSE-2026-00001", &c, &h, &error)) << error;
    return std::make_tuple(c.level, c.level_label.Get("fr"), c.level_label.Get("en"), c.revision,
                           h.back().reason);
  };
  EXPECT_EQ(show(),
            std::make_tuple(std::string("confirme"), std::string("Label RSE — niveau Confirmé"),
                            std::string("CSR label — Confirmed level"), 0,
                            std::string("audit AUD-2026-04-02 (initial): granted")));
  FakeResult same = grant;
  same.audit_kind = "surveillance";
  same.audit_id = "AUD-2027-03-01";
  same.decision_date = "2027-03-01";
  same.cert_effective = "";
  Record(*reg, same);
  EXPECT_EQ(std::get<3>(show()), 0);
  FakeResult none = same;
  none.audit_id = "AUD-2027-03-02";
  none.decision_date = "2027-03-02";
  none.level = "";
  Record(*reg, none);
  EXPECT_EQ(std::get<0>(show()), "confirme");
  FakeResult higher = same;
  higher.audit_id = "AUD-2027-03-03";
  higher.decision_date = "2027-03-03";
  higher.level = "exemplaire";
  higher.level_fr = "Label RSE — niveau Exemplaire";
  higher.level_en = "CSR label — Exemplary level";
  Record(*reg, higher);
  EXPECT_EQ(show(),
            std::make_tuple(std::string("exemplaire"), std::string("Label RSE — niveau Exemplaire"),
                            std::string("CSR label — Exemplary level"), 1,
                            std::string("audit AUD-2027-03-03 (surveillance): granted; "
                                        "reissued as revision 1: level changed")));
}

TEST(Register, RefusesTheSameResultTwice) {
  TempDir dir;
  auto reg = OpenOrDie(dir.path() + "/r.sqlite3");
  FakeResult r = FakeResult::Initial("A", "", "2026-04-02");
  Record(*reg, r);
  EXPECT_EQ(Refusal(*reg, r),
            "result.json: already recorded on 2026-11-26T10:00:00Z (same SHA-256) under "
            "certificate CEDRE-2026-00001");
  FakeResult refused = FakeResult::Initial("B", "", "2026-04-03");
  refused.decision = "refused";
  refused.cert_effective.clear();
  RecordOutcome o = Record(*reg, refused);
  EXPECT_EQ(o.number, "");
  EXPECT_EQ(o.action, "refuse");
  EXPECT_EQ(Refusal(*reg, refused),
            "result.json: already recorded on 2026-11-26T10:00:00Z (same SHA-256), as a refusal "
            "with no certificate");
  std::vector<HistoryEntry> all;
  std::string error;
  ASSERT_TRUE(reg->History(&all, &error));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].certificate, "");
  EXPECT_EQ(all[1].organisation, "B");
  EXPECT_EQ(all[1].to_state, "");
  EXPECT_EQ(all[1].decision, "refused");
}

TEST(Register, MatchesBySiretThenByExactName) {
  TempDir dir;
  auto reg = OpenOrDie(dir.path() + "/r.sqlite3");
  Record(*reg, FakeResult::Initial("Tremplin", "44306184100047", "2026-04-02"));
  Record(*reg, FakeResult::Initial("Sans Siret", "", "2026-04-03"));
  // Same SIRET under a new name: the same certificate, which takes the new name.
  FakeResult renamed;
  renamed.organisation = "Tremplin Vert";
  renamed.audit_kind = "surveillance";
  renamed.audit_id = "S1";
  renamed.decision_date = "2027-03-02";
  EXPECT_EQ(Record(*reg, renamed).number, "CEDRE-2026-00001");
  // No SIRET: the exact name.
  FakeResult by_name = renamed;
  by_name.organisation = "Sans Siret";
  by_name.siret = "";
  EXPECT_EQ(Record(*reg, by_name).number, "CEDRE-2026-00002");
  FakeResult other = by_name;
  other.organisation = "sans siret";  // not the same name
  other.audit_id = "S2";
  EXPECT_EQ(
      Refusal(*reg, other),
      "result.json: no current certificate of 'sans siret' for cedre-iso9001 in the register: "
      "the result says 'maintained'; record its initial audit first, or use "
      "--new-certificate for a certificate issued before the register");
  // --new-certificate: a number for a certificate that predates the register.
  RecordRequest request{Input(other), "Sophie", true, kAt};
  RecordOutcome o;
  std::string error;
  request.input.effective = Date{2025, 3, 4};
  request.input.expiry = Date{2028, 3, 3};
  ASSERT_TRUE(reg->Record(request, &o, &error)) << error;
  EXPECT_EQ(o.number, "CEDRE-2027-00001");
  EXPECT_EQ(o.action, "import");
}

TEST(Register, RefusesASecondGrantWhileACertificateIsCurrent) {
  TempDir dir;
  auto reg = OpenOrDie(dir.path() + "/r.sqlite3");
  Record(*reg, FakeResult::Initial("A", "", "2026-04-02"));
  FakeResult again = FakeResult::Initial("A", "", "2026-09-03");
  EXPECT_EQ(Refusal(*reg, again),
            "result.json: 'A' already holds certificate CEDRE-2026-00001 (active, until "
            "2029-04-01) for cedre-iso9001: a new grant needs it withdrawn or expired first");
  // After its expiry, a new grant marks the old one expired and issues a new number.
  FakeResult later = FakeResult::Initial("A", "", "2029-05-06");
  RecordOutcome o = Record(*reg, later);
  EXPECT_EQ(o.number, "CEDRE-2029-00001");
  CertificateRecord c;
  std::vector<HistoryEntry> h;
  std::string error;
  ASSERT_TRUE(reg->Show("CEDRE-2026-00001", &c, &h, &error));
  EXPECT_EQ(c.state, CertificateState::kExpired);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[1].action, "expire");
  EXPECT_EQ(h[1].date, "2029-04-02");
  EXPECT_EQ(h[1].reason, "expired on 2029-04-02; replaced by a new certificate");
}

TEST(Register, AppliesOnlyTheLegalManualChanges) {
  TempDir dir;
  auto reg = OpenOrDie(dir.path() + "/r.sqlite3");
  Record(*reg, FakeResult::Initial("A", "", "2026-04-02"));
  using C = CertificateRegister::Change;
  const Date today{2026, 11, 26};
  struct Step {
    C change;
    bool ok;
    const char* to_or_error;
  };
  const Step steps[] = {
      {C::kReinstate, false,
       "cannot reinstate CEDRE-2026-00001: it is active; only a suspended certificate can be "
       "reinstated"},
      {C::kSuspend, true, "suspended"},
      {C::kSuspend, false,
       "cannot suspend CEDRE-2026-00001: it is suspended; only an active certificate can be "
       "suspended"},
      {C::kReinstate, true, "active"},
      {C::kSuspend, true, "suspended"},
      {C::kWithdraw, true, "withdrawn"},
      {C::kWithdraw, false,
       "cannot withdraw CEDRE-2026-00001: it is withdrawn; only an active or suspended "
       "certificate can be withdrawn"},
      {C::kReinstate, false,
       "cannot reinstate CEDRE-2026-00001: it is withdrawn; only a suspended certificate can be "
       "reinstated"},
  };
  int rows = 1;
  for (const Step& s : steps) {
    RecordOutcome o;
    std::string error;
    bool ok = reg->Apply("CEDRE-2026-00001", s.change, "raison", "Marc", today, kAt, &o, &error);
    EXPECT_EQ(ok, s.ok) << s.to_or_error << " " << error;
    if (ok) {
      ++rows;
      EXPECT_EQ(o.to_state, s.to_or_error);
    } else {
      EXPECT_EQ(error, s.to_or_error);
    }
  }
  CertificateRecord c;
  std::vector<HistoryEntry> h;
  std::string error;
  ASSERT_TRUE(reg->Show("CEDRE-2026-00001", &c, &h, &error));
  ASSERT_EQ(static_cast<int>(h.size()), rows);
  EXPECT_EQ(h[1].action, "suspend");
  EXPECT_EQ(h[1].from_state, "active");
  EXPECT_EQ(h[1].to_state, "suspended");
  EXPECT_EQ(h[1].reason, "raison");
  EXPECT_EQ(h[1].who, "Marc");
  EXPECT_EQ(h[1].date, "2026-11-26");
  EXPECT_EQ(h[1].result_sha256, "");
  // A reason is required; an unknown number is named; an expired certificate cannot change.
  RecordOutcome o;
  EXPECT_FALSE(reg->Apply("CEDRE-2026-00001", C::kSuspend, "  ", "Marc", today, kAt, &o, &error));
  EXPECT_EQ(error, "a reason is required (--reason TEXT)");
  EXPECT_FALSE(reg->Apply("CEDRE-2026-00009", C::kSuspend, "x", "Marc", today, kAt, &o, &error));
  EXPECT_EQ(error, "no certificate CEDRE-2026-00009 in the register " + reg->path());
  Record(*reg, FakeResult::Initial("B", "", "2026-04-03"));
  EXPECT_FALSE(
      reg->Apply("CEDRE-2026-00002", C::kSuspend, "x", "Marc", Date{2029, 4, 3}, kAt, &o, &error));
  EXPECT_EQ(error,
            "cannot suspend CEDRE-2026-00002: it is expired (since 2029-04-03); only an active "
            "certificate can be suspended");
}

TEST(Register, HistoryIsAppendOnlyAndCertificatesAreNeverDeleted) {
  TempDir dir;
  std::string path = dir.path() + "/r.sqlite3";
  {
    auto reg = OpenOrDie(path);
    Record(*reg, FakeResult::Initial("A", "", "2026-04-02"));
  }
  EXPECT_EQ(RawSql(path, "UPDATE history SET who = 'Mallory'"),
            "the register history is append-only: its rows cannot be changed");
  EXPECT_EQ(RawSql(path, "DELETE FROM history"),
            "the register history is append-only: its rows cannot be deleted");
  EXPECT_EQ(RawSql(path, "DELETE FROM certificates"),
            "certificates are never deleted: withdraw them");
  EXPECT_EQ(RawCount(path, "SELECT count(*) FROM history WHERE who = 'Sophie'"), 1);
  // Adding is allowed (that is what the register does).
  EXPECT_EQ(RawSql(path,
                   "INSERT INTO history (action, date, who, at, organisation, referential_id) "
                   "VALUES ('note', '2026-01-01', 'x', 'y', 'z', 'w')"),
            "");
}

TEST(Register, WhatAnotherProgramBrokeInTheFileComesBackAsDataOrAMessage) {
  // The register's adapters (SQLite, nlohmann for the sites column) never let an exception out.
  TempDir dir;
  std::string path = dir.path() + "/r.sqlite3";
  {
    auto reg = OpenOrDie(path);
    Record(*reg, FakeResult::Initial("A", "", "2026-04-02"));
  }
  EXPECT_EQ(RawSql(path, "UPDATE certificates SET sites = '[{\"id\": 5}, 7, {', expiry = 'soon'"),
            "");
  {
    auto reg = OpenOrDie(path);
    std::vector<CertificateRecord> list;
    std::string error;
    RegisterFilter filter;
    filter.today = Date{2026, 5, 1};
    ASSERT_TRUE(reg->List(filter, &list, &error)) << error;
    ASSERT_EQ(list.size(), 1u);
    EXPECT_TRUE(list[0].sites.empty());  // not JSON: no sites rather than an exception
    EXPECT_EQ(list[0].expiry, Date{});
  }
  EXPECT_EQ(RawSql(path, "DROP TABLE history"), "");
  std::string error;
  auto reg = CertificateRegister::Open(path, {}, &error);
  std::string message = reg ? Refusal(*reg, FakeResult::Initial("B", "", "2026-04-03")) : error;
  EXPECT_EQ(message, "no such table: history");
}

// --- listing
// --------------------------------------------------------------------------------------

// Three certificates: A expires 2029-04-01, B (suspended) 2026-12-31, C expired by date. Only A's
// result gives a scope.
std::unique_ptr<CertificateRegister> ListingRegister(const std::string& path) {
  auto reg = OpenOrDie(path);
  FakeResult a = FakeResult::Initial("Association A", "44306184100047", "2026-04-02");
  a.scope_fr = "Entretien des berges";
  a.scope_en = "Riverbank maintenance";
  Record(*reg, a);
  FakeResult b = FakeResult::Initial("Entreprise B; \"Sud\"", "", "2023-12-31");
  b.cert_expiry = "2026-12-31";
  b.kind = "EI";
  b.region = "";
  Record(*reg, b);
  FakeResult c = FakeResult::Initial("=C", "", "2023-03-02");
  c.kind = "AI";
  Record(*reg, c);
  RecordOutcome o;
  std::string error;
  EXPECT_TRUE(reg->Apply("CEDRE-2023-00001", CertificateRegister::Change::kSuspend, "r", "M",
                         Date{2025, 1, 6}, kAt, &o, &error))
      << error;
  return reg;
}

std::vector<std::string> Numbers(CertificateRegister& reg, const RegisterFilter& f) {
  std::vector<CertificateRecord> list;
  std::string error;
  EXPECT_TRUE(reg.List(f, &list, &error)) << error;
  std::vector<std::string> out;
  for (const CertificateRecord& c : list) out.push_back(c.number);
  return out;
}

TEST(Register, ListsByStateOnTheDayAndByExpiry) {
  TempDir dir;
  auto reg = ListingRegister(dir.path() + "/r.sqlite3");
  using V = std::vector<std::string>;
  const Date today{2026, 11, 26};
  EXPECT_EQ(Numbers(*reg, {today, {}, {}}),
            (V{"CEDRE-2023-00001", "CEDRE-2023-00002", "CEDRE-2026-00001"}));
  EXPECT_EQ(Numbers(*reg, {today, {}, CertificateState::kExpired}), (V{"CEDRE-2023-00002"}));
  EXPECT_EQ(Numbers(*reg, {today, {}, CertificateState::kSuspended}), (V{"CEDRE-2023-00001"}));
  EXPECT_EQ(Numbers(*reg, {today, {}, CertificateState::kActive}), (V{"CEDRE-2026-00001"}));
  EXPECT_EQ(Numbers(*reg, {today, {}, CertificateState::kWithdrawn}), V{});
  // Expiring: active or suspended, expiry within [today, today + N], soonest first.
  EXPECT_EQ(Numbers(*reg, {today, 34, {}}), V{});
  EXPECT_EQ(Numbers(*reg, {today, 35, {}}), (V{"CEDRE-2023-00001"}));
  EXPECT_EQ(Numbers(*reg, {today, 10000, {}}), (V{"CEDRE-2023-00001", "CEDRE-2026-00001"}));
  EXPECT_EQ(Numbers(*reg, {today, 10000, CertificateState::kActive}), (V{"CEDRE-2026-00001"}));
  // The last day of validity is still valid.
  EXPECT_EQ(Numbers(*reg, {Date{2026, 12, 31}, {}, CertificateState::kSuspended}),
            (V{"CEDRE-2023-00001"}));
  EXPECT_EQ(Numbers(*reg, {Date{2027, 1, 1}, {}, CertificateState::kSuspended}), V{});
}

TEST(Register, FormatsListingsExactly) {
  TempDir dir;
  auto reg = ListingRegister(dir.path() + "/r.sqlite3");
  const Date today{2026, 11, 26};
  std::vector<CertificateRecord> list;
  std::string error;
  ASSERT_TRUE(reg->List({today, {}, {}}, &list, &error));
  EXPECT_EQ(ListToTable(list, today),
            "number              state      effective   expiry       days  rev  referential        "
            "     organisation\n"
            "CEDRE-2023-00001    suspended  2023-12-31  2026-12-31     35    0  cedre-iso9001 "
            "2026.1    Entreprise B; \"Sud\"\n"
            "CEDRE-2023-00002    expired    2023-03-02  2026-03-01   -270    0  cedre-iso9001 "
            "2026.1    =C\n"
            "CEDRE-2026-00001    active     2026-04-02  2029-04-01    857    0  cedre-iso9001 "
            "2026.1    Association A\n"
            "3 certificates\n");
  EXPECT_EQ(ListToCsv(list, today),
            "\xEF\xBB\xBFnumber,state,organisation,siret,kind,region,referential,version,"
            "effective,expiry,days_to_expiry,revision,next_kind,next_due\r\n"
            "CEDRE-2023-00001,suspended,\"Entreprise B; \"\"Sud\"\"\",,EI,,cedre-iso9001,2026.1,"
            "2023-12-31,2026-12-31,35,0,surveillance,2024-12-31\r\n"
            "CEDRE-2023-00002,expired,'=C,,AI,Occitanie,cedre-iso9001,2026.1,2023-03-02,"
            "2026-03-01,-270,0,surveillance,2024-03-02\r\n"
            "CEDRE-2026-00001,active,Association A,44306184100047,ACI,Occitanie,cedre-iso9001,"
            "2026.1,2026-04-02,2029-04-01,857,0,surveillance,2027-04-02\r\n");
  std::vector<CertificateRecord> one(list.begin() + 2, list.end());
  EXPECT_EQ(ListToJson(one, today), R"({
  "format": "sceau-register-list",
  "format_version": 1,
  "today": "2026-11-26",
  "certificates": [
    {
      "number": "CEDRE-2026-00001",
      "state": "active",
      "recorded_state": "active",
      "organisation": "Association A",
      "siret": "44306184100047",
      "kind": "ACI",
      "region": "Occitanie",
      "referential": {
        "id": "cedre-iso9001",
        "version": "2026.1"
      },
      "effective": "2026-04-02",
      "expiry": "2029-04-01",
      "days_to_expiry": 857,
      "revision": 0,
      "next": {
        "kind": "surveillance",
        "due": "2027-04-02"
      },
      "sites": [
        {
          "id": "siege",
          "name": "Siège",
          "address": "1 rue Haute"
        }
      ],
      "scope": {
        "en": "Riverbank maintenance",
        "fr": "Entretien des berges"
      },
      "last_audit": "AUD-2026-04-02",
      "issued_at": "2026-11-26T10:00:00Z",
      "updated_at": "2026-11-26T10:00:00Z"
    }
  ]
}
)");
  EXPECT_EQ(ListToTable({}, today).substr(ListToTable({}, today).find('\n') + 1),
            "0 certificates\n");
}

TEST(Register, ShowsACertificateWithItsHistory) {
  TempDir dir;
  auto reg = ListingRegister(dir.path() + "/r.sqlite3");
  CertificateRecord c;
  std::vector<HistoryEntry> h;
  std::string error;
  ASSERT_TRUE(reg->Show("CEDRE-2023-00001", &c, &h, &error)) << error;
  EXPECT_EQ(ShowToText(c, h, Date{2027, 1, 5}),
            "CEDRE-2023-00001  Entreprise B; \"Sud\"\n"
            "  state:        expired (recorded suspended, expiry passed)\n"
            "  referential:  cedre-iso9001 2026.1\n"
            "  valid:        2023-12-31 to 2026-12-31 (-5 days left)\n"
            "  revision:     0\n"
            "  next audit:   surveillance by 2024-12-31\n"
            "  organisation: EI, SIRET -, region -\n"
            "  site:         siege  Siège, 1 rue Haute\n"
            "  scope:        not in the register (see the report of audit AUD-2023-12-31)\n"
            "  issued:       2026-11-26T10:00:00Z; last change 2026-11-26T10:00:00Z\n"
            "history:\n"
            "  2026-11-26T10:00:00Z  grant      (none) -> active  from 2023-12-31  by Sophie\n"
            "      reason: audit AUD-2023-12-31 (initial): granted\n"
            "      result: result.json (sha256 " +
                h[0].result_sha256 +
                ")\n"
                "  2026-11-26T10:00:00Z  suspend    active -> suspended  from 2025-01-06  by M\n"
                "      reason: r\n");
  std::string json = ShowToJson(c, h, Date{2026, 11, 26});
  auto j = nlohmann::json::parse(json);
  EXPECT_EQ(j["format"], "sceau-register-certificate");
  EXPECT_EQ(j["certificate"]["state"], "suspended");
  ASSERT_EQ(j["history"].size(), 2u);
  EXPECT_EQ(j["history"][0]["result"]["audit_id"], "AUD-2023-12-31");
  EXPECT_EQ(j["history"][1]["result"], nullptr);
  EXPECT_EQ(j["history"][1]["from"], "active");
  EXPECT_EQ(j["history"][1]["to"], "suspended");
  EXPECT_EQ(j["certificate"]["scope"], nlohmann::json::object());
  // A certificate with its scope: one line per language, and the JSON's object.
  ASSERT_TRUE(reg->Show("CEDRE-2026-00001", &c, &h, &error)) << error;
  std::string text = ShowToText(c, h, Date{2026, 11, 26});
  EXPECT_EQ(text.substr(text.find("  site:"), text.find("  issued:") - text.find("  site:")),
            "  site:         siege  Siège, 1 rue Haute\n"
            "  scope (en):   Riverbank maintenance\n"
            "  scope (fr):   Entretien des berges\n");
  j = nlohmann::json::parse(ShowToJson(c, h, Date{2026, 11, 26}));
  EXPECT_EQ(j["certificate"]["scope"],
            (nlohmann::json{{"fr", "Entretien des berges"}, {"en", "Riverbank maintenance"}}));
}

// --- concurrency and crashes
// ----------------------------------------------------------------------

// Several processes, each with its own connection, record distinct results at once: every record
// is there, with distinct, gapless numbers.
TEST(Register, ConcurrentWritersLoseNothing) {
  TempDir dir;
  const std::string path = dir.path() + "/r.sqlite3";
  constexpr int kWriters = 8;
  constexpr int kEach = 25;
  std::vector<pid_t> children;
  for (int w = 0; w < kWriters; ++w) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int failures = 0;
      std::string error;
      // Every writer opens the (maybe not yet created) file at the same time.
      auto reg = CertificateRegister::Open(path, {}, &error);
      if (!reg) ::_exit(100);
      for (int i = 0; i < kEach; ++i) {
        FakeResult r = FakeResult::Initial("Org " + std::to_string(w) + "-" + std::to_string(i), "",
                                           "2026-04-02");
        RegisterInput in;
        RecordOutcome o;
        if (!ParseRegisterInput(r.Json(), "r.json", &in, &error) ||
            !reg->Record({in, "w" + std::to_string(w), false, ""}, &o, &error)) {
          ++failures;
        }
      }
      ::_exit(failures);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  auto reg = OpenOrDie(path);
  std::vector<CertificateRecord> list;
  std::string error;
  ASSERT_TRUE(reg->List({Date{2026, 5, 1}, {}, {}}, &list, &error));
  ASSERT_EQ(list.size(), static_cast<size_t>(kWriters * kEach));
  std::set<std::string> numbers, organisations;
  for (const CertificateRecord& c : list) {
    numbers.insert(c.number);
    organisations.insert(c.organisation);
  }
  EXPECT_EQ(numbers.size(), list.size());
  EXPECT_EQ(organisations.size(), list.size());
  EXPECT_EQ(list.front().number, "CEDRE-2026-00001");
  EXPECT_EQ(list.back().number, "CEDRE-2026-00200");
  std::vector<HistoryEntry> history;
  ASSERT_TRUE(reg->History(&history, &error));
  EXPECT_EQ(history.size(), list.size());
}

// A writer killed inside its transaction, after its inserts: the register is as it was.
TEST(Register, AWriterKilledInsideItsTransactionChangesNothing) {
  TempDir dir;
  const std::string path = dir.path() + "/r.sqlite3";
  const std::string marker = dir.path() + "/stalled";
  {
    auto reg = OpenOrDie(path);
    Record(*reg, FakeResult::Initial("A", "", "2026-04-02"));
  }
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::setenv("SCEAU_REGISTER_TEST_STALL", "after-insert", 1);
    ::setenv("SCEAU_REGISTER_TEST_MARKER", marker.c_str(), 1);
    std::string error;
    auto reg = CertificateRegister::Open(path, {}, &error);
    RegisterInput in;
    RecordOutcome o;
    if (reg && ParseRegisterInput(FakeResult::Initial("B", "", "2026-04-03").Json(), "b.json", &in,
                                  &error)) {
      reg->Record({in, "killed", false, ""}, &o, &error);
    }
    ::_exit(3);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!std::filesystem::exists(marker) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(std::filesystem::exists(marker));
  ::kill(pid, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFSIGNALED(status));
  auto reg = OpenOrDie(path);
  std::vector<CertificateRecord> list;
  std::vector<HistoryEntry> history;
  std::string error;
  ASSERT_TRUE(reg->List({Date{2026, 5, 1}, {}, {}}, &list, &error));
  ASSERT_TRUE(reg->History(&history, &error));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].organisation, "A");
  EXPECT_EQ(history.size(), 1u);
  // And it still records: B gets the number the killed writer had taken.
  EXPECT_EQ(Record(*reg, FakeResult::Initial("B", "", "2026-04-03")).number, "CEDRE-2026-00002");
}

}  // namespace
}  // namespace sceau
