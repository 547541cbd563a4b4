#include "register/register.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "engine/result_reader.h"
#include "engine/sha256.h"
#include "engine/wording.h"
#include "register/sqlite_handle.h"

namespace sceau {
namespace {

using sqlite::Exec;
using sqlite::Statement;
using sqlite::Transaction;

// Marks the register's files ("SCEU"), so that another application's database is refused.
constexpr int64_t kApplicationId = 0x53434555;

const char kSchemaV1[] = R"sql(
CREATE TABLE certificates (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  year INTEGER NOT NULL,
  sequence INTEGER NOT NULL CHECK (sequence > 0),
  organisation TEXT NOT NULL,
  siret TEXT,
  kind TEXT NOT NULL,
  region TEXT,
  referential_id TEXT NOT NULL,
  referential_version TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'suspended', 'withdrawn', 'expired')),
  effective TEXT NOT NULL,
  expiry TEXT NOT NULL,
  next_due TEXT,
  next_kind TEXT,
  revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
  sites TEXT NOT NULL DEFAULT '[]',
  last_audit_id TEXT,
  issued_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (prefix, year, sequence)
);
CREATE INDEX certificates_by_siret ON certificates (referential_id, siret);
CREATE INDEX certificates_by_name ON certificates (referential_id, organisation);
CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  certificate_id INTEGER REFERENCES certificates (id),
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  date TEXT NOT NULL,
  reason TEXT,
  who TEXT NOT NULL,
  at TEXT NOT NULL,
  result_sha256 TEXT UNIQUE,
  result_path TEXT,
  audit_id TEXT,
  audit_kind TEXT,
  decision TEXT,
  organisation TEXT NOT NULL,
  siret TEXT,
  referential_id TEXT NOT NULL
);
CREATE INDEX history_by_certificate ON history (certificate_id, id);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'the register history is append-only: its rows cannot be changed'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'the register history is append-only: its rows cannot be deleted'); END;
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are never deleted: withdraw them'); END;
)sql";

// Version 2: the certified scope, as the result gives it ({"fr": ..., "en": ...}); '{}' for the
// certificates recorded before (their scope is in their audit's report).
const char kSchemaV2[] = R"sql(
ALTER TABLE certificates ADD COLUMN scope TEXT NOT NULL DEFAULT '{}';
)sql";

// Version 3: a maturity label's level (the result's `decision.level`, '' for a label without
// levels or a certificate recorded before) and its name by language (`decision.label`, '{}').
const char kSchemaV3[] = R"sql(
ALTER TABLE certificates ADD COLUMN level TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN level_label TEXT NOT NULL DEFAULT '{}';
)sql";

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// --- JSON input ---------------------------------------------------------------------------------

using Json = nlohmann::json;

template <class J>
const J* Member(const J& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// The string at `object[key]`; "" when absent or null; false when another type.
template <class J>
bool StringAt(const J& object, const char* key, std::string* out) {
  out->clear();
  const J* v = Member(object, key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_string()) return false;
  *out = v->template get<std::string>();
  return true;
}

// A result as ReadSceauJson hands it out, in the writer's key order.
using InJson = nlohmann::ordered_json;

class InputReader {
 public:
  InputReader(const std::string& path, std::string* error) : path_(path), error_(error) {}

  bool Fail(const std::string& message) {
    *error_ = fmt::format("{}: {}", path_, message);
    return false;
  }
  bool String(const InJson& object, const char* where, const char* key, bool required,
              std::string* out) {
    if (!StringAt(object, key, out)) return Fail(Fmt("{}.{} is not a string", where, key));
    if (required && out->empty()) return Fail(Fmt("{}.{} is missing", where, key));
    return true;
  }

 private:
  std::string path_;
  std::string* error_;
};

// --- rows ---------------------------------------------------------------------------------------

constexpr char kCertificateColumns[] =
    "id, number, organisation, siret, kind, region, referential_id, referential_version, state, "
    "effective, expiry, next_due, next_kind, revision, sites, last_audit_id, issued_at, "
    "updated_at, scope, level, level_label";

std::vector<RegisterSite> SitesFromJson(const std::string& text) {
  std::vector<RegisterSite> sites;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_array()) return sites;
  for (const Json& s : j) {
    RegisterSite site;
    StringAt(s, "id", &site.id);
    StringAt(s, "name", &site.name);
    StringAt(s, "address", &site.address);
    sites.push_back(site);
  }
  return sites;
}

std::string SitesToJson(const std::vector<RegisterSite>& sites) {
  Json j = Json::array();
  for (const RegisterSite& s : sites) {
    Json o = Json::object();
    o["id"] = s.id;
    o["name"] = s.name;
    o["address"] = s.address.empty() ? Json(nullptr) : Json(s.address);
    j.push_back(o);
  }
  return j.dump();
}

// The scope as stored: a JSON object of texts by language; empty languages are not stored.
Text ScopeFromJson(const std::string& text) {
  Text scope;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_object()) return scope;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.value().is_string() && !it.value().get<std::string>().empty()) {
      scope.by_lang[it.key()] = it.value().get<std::string>();
    }
  }
  return scope;
}

std::string ScopeToJson(const Text& scope) {
  Json j = Json::object();
  for (const auto& [lang, text] : scope.by_lang) {
    if (!text.empty()) j[lang] = text;
  }
  return j.dump();
}

// The sites as the certificate prints them, names and addresses, in a fixed order: two lists
// that differ only in their order or their ids certify the same sites.
std::vector<std::pair<std::string, std::string>> PrintedSites(
    const std::vector<RegisterSite>& sites) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const RegisterSite& s : sites) out.emplace_back(s.name, s.address);
  std::sort(out.begin(), out.end());
  return out;
}

CertificateRecord CertificateFromRow(const Statement& s) {
  CertificateRecord c;
  c.id = s.Int(0);
  c.number = s.Text(1);
  c.organisation = s.Text(2);
  c.siret = s.Text(3);
  c.kind = s.Text(4);
  c.region = s.Text(5);
  c.referential_id = s.Text(6);
  c.referential_version = s.Text(7);
  c.state = ParseCertificateState(s.Text(8)).value_or(CertificateState::kActive);
  c.effective = Date::Parse(s.Text(9)).value_or(Date{});
  c.expiry = Date::Parse(s.Text(10)).value_or(Date{});
  c.next_due = Date::Parse(s.Text(11));
  c.next_kind = s.Text(12);
  c.revision = static_cast<int>(s.Int(13));
  c.sites = SitesFromJson(s.Text(14));
  c.last_audit_id = s.Text(15);
  c.issued_at = s.Text(16);
  c.updated_at = s.Text(17);
  c.scope = ScopeFromJson(s.Text(18));
  c.level = s.Text(19);
  c.level_label = ScopeFromJson(s.Text(20));
  return c;
}

constexpr char kHistorySelect[] =
    "SELECT h.id, c.number, h.action, h.from_state, h.to_state, h.date, h.reason, h.who, h.at, "
    "h.result_sha256, h.result_path, h.audit_id, h.audit_kind, h.decision, h.organisation, "
    "h.siret, h.referential_id FROM history h LEFT JOIN certificates c ON c.id = h.certificate_id ";

HistoryEntry HistoryFromRow(const Statement& s) {
  HistoryEntry h;
  h.id = s.Int(0);
  h.certificate = s.Text(1);
  h.action = s.Text(2);
  h.from_state = s.Text(3);
  h.to_state = s.Text(4);
  h.date = s.Text(5);
  h.reason = s.Text(6);
  h.who = s.Text(7);
  h.at = s.Text(8);
  h.result_sha256 = s.Text(9);
  h.result_path = s.Text(10);
  h.audit_id = s.Text(11);
  h.audit_kind = s.Text(12);
  h.decision = s.Text(13);
  h.organisation = s.Text(14);
  h.siret = s.Text(15);
  h.referential_id = s.Text(16);
  return h;
}

// A history row to insert.
struct NewHistory {
  std::optional<int64_t> certificate_id;
  std::string action, from_state, to_state, date, reason, who, at;
  std::string result_sha256, result_path, audit_id, audit_kind, decision;
  std::string organisation, siret, referential_id;
};

bool InsertHistory(sqlite3* db, const NewHistory& h, std::string* error) {
  Statement s(db,
              "INSERT INTO history (certificate_id, action, from_state, to_state, date, reason, "
              "who, at, result_sha256, result_path, audit_id, audit_kind, decision, organisation, "
              "siret, referential_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
              "?13, ?14, ?15, ?16)");
  if (h.certificate_id) {
    s.Bind(1, *h.certificate_id);
  } else {
    s.BindNull(1);
  }
  s.Bind(2, h.action).BindOrNull(3, h.from_state).BindOrNull(4, h.to_state).Bind(5, h.date);
  s.BindOrNull(6, h.reason).Bind(7, h.who).Bind(8, h.at).BindOrNull(9, h.result_sha256);
  s.BindOrNull(10, h.result_path).BindOrNull(11, h.audit_id).BindOrNull(12, h.audit_kind);
  s.BindOrNull(13, h.decision).Bind(14, h.organisation).BindOrNull(15, h.siret);
  s.Bind(16, h.referential_id);
  if (!s.Run()) {
    *error = Tr("cannot write the history: ") + s.error();
    return false;
  }
  return true;
}

bool UpdateState(sqlite3* db, int64_t id, CertificateState state, const std::string& at,
                 std::string* error) {
  Statement s(db, "UPDATE certificates SET state = ?1, updated_at = ?2 WHERE id = ?3");
  s.Bind(1, CertificateStateName(state)).Bind(2, at).Bind(3, id);
  if (!s.Run()) {
    *error = Tr("cannot update the certificate: ") + s.error();
    return false;
  }
  return true;
}

// Test-only hook: with SCEAU_REGISTER_TEST_STALL=after-insert, a record stops inside its open
// transaction, after its inserts and before COMMIT, touches the file named by
// SCEAU_REGISTER_TEST_MARKER (when set) and sleeps, so that a test can kill it there.
void MaybeStallForTest() {
  const char* stall = std::getenv("SCEAU_REGISTER_TEST_STALL");
  if (stall == nullptr || std::strcmp(stall, "after-insert") != 0) return;
  if (const char* marker = std::getenv("SCEAU_REGISTER_TEST_MARKER")) {
    int fd = ::open(marker, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) ::close(fd);
  }
  std::this_thread::sleep_for(std::chrono::seconds(120));
}

bool ReadPragma(sqlite3* db, const char* pragma, int64_t* value, std::string* error) {
  Statement s(db, std::string("PRAGMA ") + pragma);
  if (s.Step() != SQLITE_ROW) {
    *error = s.error();
    return false;
  }
  *value = s.Int(0);
  return true;
}

}  // namespace

std::string_view CertificateStateName(CertificateState state) {
  switch (state) {
    case CertificateState::kActive:
      return "active";
    case CertificateState::kSuspended:
      return "suspended";
    case CertificateState::kWithdrawn:
      return "withdrawn";
    case CertificateState::kExpired:
      return "expired";
  }
  return "active";
}

std::optional<CertificateState> ParseCertificateState(std::string_view name) {
  if (name == "active") return CertificateState::kActive;
  if (name == "suspended") return CertificateState::kSuspended;
  if (name == "withdrawn") return CertificateState::kWithdrawn;
  if (name == "expired") return CertificateState::kExpired;
  return std::nullopt;
}

CertificateState CertificateRecord::StateOn(const Date& today) const {
  if ((state == CertificateState::kActive || state == CertificateState::kSuspended) &&
      expiry < today) {
    return CertificateState::kExpired;
  }
  return state;
}

std::string CertificatePrefix(std::string_view referential_id) {
  std::string prefix;
  for (char c : referential_id) {
    if (c == '-') break;
    if (std::isalnum(static_cast<unsigned char>(c))) {
      prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return prefix.empty() ? "CERT" : prefix;
}

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string DefaultRegisterPath() {
  auto set = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v != nullptr ? std::string(v) : std::string();
  };
  if (std::string p = set("SCEAU_REGISTER"); !p.empty()) return p;
  if (std::string p = set("XDG_DATA_HOME"); !p.empty()) return p + "/sceau/register.sqlite3";
  if (std::string p = set("HOME"); !p.empty()) return p + "/.local/share/sceau/register.sqlite3";
  return {};
}

// --- result files -------------------------------------------------------------------------------

bool ParseRegisterInput(std::string_view json, const std::string& path, RegisterInput* input,
                        std::string* error) {
  InputReader r(path, error);
  ReadError read_error;
  std::optional<SceauJson> doc =
      ReadSceauJson(json, {ResultFormat::kMember, ResultFormat::kGroup}, &read_error);
  if (!doc) return r.Fail(read_error.message);
  const InJson& j = doc->json;
  const ResultHead& head = doc->head;
  const bool group = doc->format == ResultFormat::kGroup;
  RegisterInput in;
  in.path = path;
  in.sha256 = Sha256Hex(json);

  const char* who_key = group ? "group" : "organisation";
  const InJson* org = Member(j, who_key);
  in.organisation = head.subject.name;
  in.siret = head.subject.siret;
  in.kind = head.subject.kind;
  in.region = head.subject.region;
  in.siret.erase(std::remove(in.siret.begin(), in.siret.end(), ' '), in.siret.end());
  if (group) {
    // A group's certificate covers its members: they take the place of the sites.
    if (const InJson* members = Member(j, "members"); members && members->is_array()) {
      for (const InJson& m : *members) {
        RegisterSite site;
        StringAt(m, "file", &site.id);
        StringAt(m, "organisation", &site.name);
        in.sites.push_back(site);
      }
    }
  } else if (const InJson* sites = Member(*org, "sites"); sites && sites->is_array()) {
    for (const InJson& s : *sites) {
      RegisterSite site;
      if (!r.String(s, "organisation.sites[]", "id", true, &site.id) ||
          !r.String(s, "organisation.sites[]", "name", false, &site.name) ||
          !r.String(s, "organisation.sites[]", "address", false, &site.address)) {
        return false;
      }
      in.sites.push_back(site);
    }
  }

  // The certified scope: `audit.scope`, a text by language (null or absent: none).
  if (const InJson* audit = Member(j, "audit")) {
    if (const InJson* scope = Member(*audit, "scope"); scope != nullptr && !scope->is_null()) {
      if (!scope->is_object())
        return r.Fail(Tr("audit.scope is not an object of texts by language"));
      for (auto it = scope->begin(); it != scope->end(); ++it) {
        std::string text;
        if (!r.String(*scope, "audit.scope", it.key().c_str(), false, &text)) return false;
        if (!text.empty()) in.scope.by_lang[it.key()] = text;
      }
    }
  }

  // A maturity label's level: `decision.level` and its name `decision.label` (null or absent:
  // a label without levels).
  if (const InJson* decision = Member(j, "decision"); decision && decision->is_object()) {
    if (const InJson* level = Member(*decision, "level"); level && !level->is_null()) {
      if (!r.String(*decision, "decision", "level", false, &in.level)) return false;
      if (const InJson* label = Member(*decision, "label"); label && label->is_object()) {
        for (auto it = label->begin(); it != label->end(); ++it) {
          std::string text;
          if (!r.String(*label, "decision.label", it.key().c_str(), false, &text)) return false;
          if (!text.empty()) in.level_label.by_lang[it.key()] = text;
        }
      }
    }
  }

  in.referential_id = head.referential_id;
  in.referential_version = head.referential_version;
  in.audit_id = head.audit_id;
  in.audit_kind = head.audit_kind;
  in.decision_date = head.decision_date;
  in.decision = head.decision;
  if (in.audit_kind == "self-assessment" || in.decision == "none") {
    return r.Fail(Tr("a self-assessment has no certification decision: nothing to record"));
  }
  if (in.decision != "granted" && in.decision != "conditional" && in.decision != "refused") {
    return r.Fail(Fmt("unknown decision '{}'", in.decision));
  }
  if (in.audit_kind != "initial" && in.audit_kind != "surveillance" && in.audit_kind != "renewal") {
    return r.Fail(Fmt("unknown audit kind '{}'", in.audit_kind));
  }

  if (head.lifecycle) {
    const ResultHead::Lifecycle& lc = *head.lifecycle;
    in.from_lifecycle = true;
    in.state = lc.state;
    in.effective = lc.effective;
    in.expiry = lc.expiry;
    static const char* kStates[] = {"granted", "maintained", "suspended", "withdrawn",
                                    "renewed", "expired",    "refused"};
    if (std::find(std::begin(kStates), std::end(kStates), in.state) == std::end(kStates)) {
      return r.Fail(Fmt("unknown lifecycle.state '{}'", in.state));
    }
    in.state_date = lc.state_date;
    in.next_kind = lc.next_kind;
    in.next_due = lc.next_due;
    in.number = lc.number;
  } else {
    // No lifecycle block (results written before it existed): the state follows from the
    // decision and the audit kind.
    bool pass = in.decision != "refused";
    if (in.audit_kind == "initial") {
      in.state = pass ? "granted" : "refused";
    } else if (in.audit_kind == "surveillance") {
      in.state = pass ? "maintained" : "suspended";
    } else {
      in.state = pass ? "renewed" : "refused";
    }
    in.state_date = in.decision_date;
    if (in.state != "maintained") {
      // A surveillance keeps the certificate's dates: its `certificate` block would restart them.
      in.effective = head.certificate_effective;
      in.expiry = head.certificate_expiry;
      in.next_due = head.first_surveillance_due;
      if (in.next_due) in.next_kind = "surveillance";
    }
  }
  if ((in.state == "granted" || in.state == "renewed") && (!in.effective || !in.expiry)) {
    return r.Fail(Fmt("the result says '{}' but gives no certificate dates", in.state));
  }
  if (in.effective && in.expiry && *in.expiry < *in.effective) {
    return r.Fail(Tr("the certificate's expiry is before its effective date"));
  }
  *input = std::move(in);
  return true;
}

// --- opening and migrations ---------------------------------------------------------------------

const std::vector<SchemaMigration>& RegisterMigrations() {
  static const std::vector<SchemaMigration> kMigrations = {
      {"certificates, append-only history", kSchemaV1},
      {"the certified scope", kSchemaV2},
      {"a maturity label's level", kSchemaV3},
  };
  return kMigrations;
}

std::unique_ptr<CertificateRegister> CertificateRegister::Open(const std::string& path,
                                                               const RegisterOpenOptions& options,
                                                               std::string* error) {
  return OpenWithMigrations(path, options, RegisterMigrations(), error);
}

std::unique_ptr<CertificateRegister> CertificateRegister::OpenWithMigrations(
    const std::string& path, const RegisterOpenOptions& options,
    const std::vector<SchemaMigration>& migrations, std::string* error) {
  namespace fs = std::filesystem;
  if (path.empty()) {
    *error = Tr("no register file: give --db FILE, or set SCEAU_REGISTER or HOME");
    return nullptr;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    *error = Fmt("{}: is a directory, not a register file", path);
    return nullptr;
  }
  bool exists = fs::exists(path, ec);
  if (!exists && !options.create) {
    *error = Fmt("{}: no register there (the first 'sceau register record' creates it)", path);
    return nullptr;
  }
  if (exists && (!options.create || options.read_only) && fs::is_regular_file(path, ec) &&
      fs::file_size(path, ec) == 0 && !ec) {
    // An empty file is no register: it is refused, not given a schema.
    *error =
        Fmt("{}: empty file, not a register (the first 'sceau register record' "
            "creates one)",
            path);
    return nullptr;
  }
  if (options.read_only) {
    if (!exists) {
      *error = Fmt("{}: no register there (the first 'sceau register record' creates it)", path);
      return nullptr;
    }
    return OpenReadOnly(path, options, static_cast<int64_t>(migrations.size()), error);
  }
  if (!exists) {
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) {
      fs::create_directories(parent, ec);
      if (ec) {
        *error = Fmt("{}: cannot create the folder: {}", parent.string(), ec.message());
        return nullptr;
      }
    }
  }
  std::unique_ptr<CertificateRegister> reg(new CertificateRegister());
  reg->path_ = path;
  int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (options.create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &reg->db_, flags, nullptr);
  auto fail = [&](const std::string& message) {
    *error = fmt::format("{}: {}", path, message);
    return nullptr;
  };
  if (rc != SQLITE_OK) return fail(sqlite::Describe(reg->db_, rc));
  sqlite3* db = reg->db_;
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  std::string message;
  if (!Exec(db, "PRAGMA foreign_keys = ON", &message)) return fail(message);
  // Switching to WAL needs a moment alone with the file: another process opening it at the same
  // time can make it fail with SQLITE_BUSY without waiting, so it is retried.
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busy_timeout_ms);
  for (;;) {
    Statement wal(db, "PRAGMA journal_mode = WAL");
    int step = wal.Step();
    if (step == SQLITE_ROW) {
      if (Lower(wal.Text(0)) != "wal") return fail(Tr("cannot switch the register to WAL mode"));
      break;
    }
    if ((step & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) {
      return fail(wal.error());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!Exec(db, "PRAGMA synchronous = FULL", &message)) return fail(message);

  // Migrations: each step in its own IMMEDIATE transaction, which re-reads the version, so two
  // processes opening a new file at once apply each step once. An up-to-date register is seen
  // without taking the write lock, so that a reader does not wait for a writer.
  const int64_t latest = static_cast<int64_t>(migrations.size());
  {
    int64_t version = 0;
    int64_t app_id = 0;
    if (ReadPragma(db, "user_version", &version, &message) &&
        ReadPragma(db, "application_id", &app_id, &message) && version == latest &&
        app_id == kApplicationId) {
      return reg;
    }
  }
  for (;;) {
    Transaction tx(db);
    if (!tx.began()) return fail(tx.error());
    int64_t version = 0;
    int64_t app_id = 0;
    if (!ReadPragma(db, "user_version", &version, &message) ||
        !ReadPragma(db, "application_id", &app_id, &message)) {
      return fail(message);
    }
    if (app_id != 0 && app_id != kApplicationId) {
      return fail(Tr("not a sceau certificate register (another application's SQLite database)"));
    }
    if (version == 0 && app_id == 0) {
      Statement tables(db, "SELECT count(*) FROM sqlite_schema");
      if (tables.Step() != SQLITE_ROW) return fail(tables.error());
      if (tables.Int(0) > 0) {
        return fail(Tr("not a sceau certificate register (a SQLite database with other tables)"));
      }
    }
    if (version > latest) {
      return fail(Fmt(
          "the register's schema is version {}, newer than this sceau knows (version {}): it was "
          "written by a newer sceau; use that one, or upgrade",
          version, latest));
    }
    if (version == latest) {
      if (!tx.Commit()) return fail(tx.error());
      break;
    }
    const SchemaMigration& step = migrations[static_cast<size_t>(version)];
    if (!Exec(db, step.sql, &message)) {
      return fail(
          Fmt("schema migration {} ({}) failed: {}", version + 1, step.description, message));
    }
    // PRAGMA values cannot be bound; these are numbers from the code, not user data.
    if (!Exec(db, fmt::format("PRAGMA user_version = {}", version + 1), &message) ||
        !Exec(db, fmt::format("PRAGMA application_id = {}", kApplicationId), &message) ||
        !tx.Commit()) {
      return fail(message.empty() ? tx.error() : message);
    }
  }
  return reg;
}

// The `file:` URI of `path` with `immutable=1`: every byte but [A-Za-z0-9/._-] percent-encoded.
static std::string ImmutableUri(const std::string& path) {
  std::string uri = "file:";
  for (unsigned char ch : path) {
    if (std::isalnum(ch) || ch == '/' || ch == '.' || ch == '_' || ch == '-') {
      uri += static_cast<char>(ch);
    } else {
      uri += fmt::format("%{:02X}", ch);
    }
  }
  return uri + "?immutable=1";
}

std::unique_ptr<CertificateRegister> CertificateRegister::OpenReadOnly(
    const std::string& path, const RegisterOpenOptions& options, int64_t latest,
    std::string* error) {
  auto fail = [&](const std::string& message) {
    *error = fmt::format("{}: {}", path, message);
    return nullptr;
  };
  std::string message;
  for (bool immutable : {false, true}) {
    std::unique_ptr<CertificateRegister> reg(new CertificateRegister());
    reg->path_ = path;
    std::string name = immutable ? ImmutableUri(path) : path;
    int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | (immutable ? SQLITE_OPEN_URI : 0);
    int rc = sqlite3_open_v2(name.c_str(), &reg->db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      message = sqlite::Describe(reg->db_, rc);
      continue;
    }
    sqlite3_extended_result_codes(reg->db_, 1);
    sqlite3_busy_timeout(reg->db_, options.busy_timeout_ms);
    int64_t version = 0, app_id = 0;
    if (!ReadPragma(reg->db_, "application_id", &app_id, &message) ||
        !ReadPragma(reg->db_, "user_version", &version, &message)) {
      continue;  // e.g. a WAL file whose -shm cannot be made: tried again as immutable
    }
    if (app_id != kApplicationId) {
      return fail(Tr("not a sceau certificate register"));
    }
    if (version > latest) {
      return fail(Fmt(
          "the register's schema is version {}, newer than this sceau knows (version {}): it was "
          "written by a newer sceau; use that one, or upgrade",
          version, latest));
    }
    // A version 1 or 2 file (before the certified scope, before the level) is read as it is: a
    // temporary view, in the connection's own temp schema, shadows its certificates with the
    // columns it lacks, empty. Nothing is written to the file; the next change migrates it.
    if ((version == 1 || version == 2) && latest == 3) {
      const std::string view = std::string("CREATE TEMP VIEW certificates AS SELECT *, ") +
                               (version == 1 ? "'{}' AS scope, " : "") +
                               "'' AS level, '{}' AS level_label FROM main.certificates";
      if (sqlite3_exec(reg->db_, view.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK) {
        version = latest;
      }
    }
    if (version < latest) {
      return fail(
          Fmt("the register's schema is version {}, older than this sceau's ({}): "
              "a change ('sceau register record') brings it up to date",
              version, latest));
    }
    reg->read_only_open_flags_ = flags;
    return reg;
  }
  return fail(message);
}

CertificateRegister::~CertificateRegister() { sqlite3_close_v2(db_); }

int CertificateRegister::SchemaVersion() const {
  int64_t version = 0;
  std::string error;
  ReadPragma(db_, "user_version", &version, &error);
  return static_cast<int>(version);
}

// --- recording ----------------------------------------------------------------------------------

bool CertificateRegister::Record(const RecordRequest& request, RecordOutcome* outcome,
                                 std::string* error) {
  const RegisterInput& in = request.input;
  const std::string at = request.at.empty() ? UtcNow() : request.at;
  const std::string who = request.who.empty() ? std::string("unknown") : request.who;
  sqlite3* db = db_;
  Transaction tx(db);
  if (!tx.began()) {
    *error = fmt::format("{}: {}", path_, tx.error());
    return false;
  }
  // The same result file twice.
  {
    Statement s(db,
                "SELECT c.number, h.at FROM history h LEFT JOIN certificates c "
                "ON c.id = h.certificate_id WHERE h.result_sha256 = ?1");
    s.Bind(1, in.sha256);
    int rc = s.Step();
    if (rc == SQLITE_ROW) {
      std::string number = s.Text(0);
      *error = number.empty()
                   ? fmt::format(
                         "{}: already recorded on {} (same SHA-256), as a refusal with no "
                         "certificate",
                         in.path, s.Text(1))
                   : fmt::format("{}: already recorded on {} (same SHA-256) under certificate {}",
                                 in.path, s.Text(1), number);
      return false;
    }
    if (rc != SQLITE_DONE) {
      *error = s.error();
      return false;
    }
  }
  // The organisation's certificates for this referential, newest first: by SIRET when the result
  // has one (or by name, for a certificate recorded without SIRET), else by exact name.
  std::vector<CertificateRecord> mine;
  {
    std::string sql = std::string("SELECT ") + kCertificateColumns +
                      " FROM certificates WHERE referential_id = ?1 AND " +
                      (in.siret.empty() ? "organisation = ?3"
                                        : "(siret = ?2 OR (siret IS NULL AND organisation = ?3))") +
                      " ORDER BY id DESC";
    Statement s(db, sql);
    s.Bind(1, in.referential_id).BindOrNull(2, in.siret).Bind(3, in.organisation);
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) mine.push_back(CertificateFromRow(s));
    if (rc != SQLITE_DONE) {
      *error = s.error();
      return false;
    }
  }
  const CertificateRecord* current = nullptr;
  for (const CertificateRecord& c : mine) {
    if (c.state == CertificateState::kActive || c.state == CertificateState::kSuspended) {
      current = &c;
      break;
    }
  }
  const std::string who_text = in.siret.empty()
                                   ? fmt::format("'{}'", in.organisation)
                                   : fmt::format("'{}' (SIRET {})", in.organisation, in.siret);

  // The certificate the result speaks of must be the one the register holds as current.
  if (!in.number.empty() && current != nullptr && Upper(in.number) != current->number) {
    *error =
        Fmt("{}: the result is about certificate {}, but the current certificate of "
            "{} for {} in the register is {}",
            in.path, in.number, who_text, in.referential_id, current->number);
    return false;
  }
  NewHistory h;
  h.date = in.state_date.ToString();
  h.who = who;
  h.at = at;
  h.result_sha256 = in.sha256;
  h.result_path = in.path;
  h.audit_id = in.audit_id;
  h.audit_kind = in.audit_kind;
  h.decision = in.decision;
  h.organisation = in.organisation;
  h.siret = in.siret;
  h.referential_id = in.referential_id;
  h.reason = fmt::format("audit {} ({}): {}", in.audit_id, in.audit_kind, in.decision);

  RecordOutcome out;
  out.organisation = in.organisation;

  // A current certificate whose expiry passed before this decision has expired: a new grant
  // replaces it, after marking it so.
  if (current != nullptr && in.state == "granted" && current->expiry < in.state_date) {
    if (!UpdateState(db, current->id, CertificateState::kExpired, at, error)) return false;
    NewHistory e;
    e.certificate_id = current->id;
    e.action = "expire";
    e.from_state = std::string(CertificateStateName(current->state));
    e.to_state = "expired";
    e.date = current->expiry.AddDays(1).ToString();
    e.reason = fmt::format("expired on {}; replaced by a new certificate", e.date);
    e.who = who;
    e.at = at;
    e.organisation = current->organisation;
    e.siret = current->siret;
    e.referential_id = current->referential_id;
    if (!InsertHistory(db, e, error)) return false;
    current = nullptr;
  }

  bool issue = in.state == "granted" || (current == nullptr && request.new_certificate &&
                                         (in.state == "maintained" || in.state == "renewed"));
  if (issue) {
    if (current != nullptr) {
      *error =
          Fmt("{}: {} already holds certificate {} ({}, until {}) for {}: a new grant needs it "
              "withdrawn or expired first",
              in.path, who_text, current->number, CertificateStateName(current->state),
              current->expiry.ToString(), in.referential_id);
      return false;
    }
    if (!in.effective || !in.expiry) {
      *error = Fmt("{}: the result gives no certificate dates", in.path);
      return false;
    }
    const std::string prefix = CertificatePrefix(in.referential_id);
    const int year = in.decision_date.year;
    int64_t sequence = 1;
    {
      Statement s(db,
                  "SELECT COALESCE(MAX(sequence), 0) + 1 FROM certificates WHERE prefix = ?1 AND "
                  "year = ?2");
      s.Bind(1, prefix).Bind(2, static_cast<int64_t>(year));
      if (s.Step() != SQLITE_ROW) {
        *error = s.error();
        return false;
      }
      sequence = s.Int(0);
    }
    std::string number = fmt::format("{}-{}-{:05d}", prefix, year, sequence);
    Statement s(db,
                "INSERT INTO certificates (number, prefix, year, sequence, organisation, siret, "
                "kind, region, referential_id, referential_version, state, effective, expiry, "
                "next_due, next_kind, revision, sites, last_audit_id, issued_at, updated_at, "
                "scope, level, level_label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                "'active', ?11, ?12, ?13, ?14, 0, ?15, ?16, ?17, ?17, ?18, ?19, ?20)");
    s.Bind(1, number).Bind(2, prefix).Bind(3, static_cast<int64_t>(year)).Bind(4, sequence);
    s.Bind(5, in.organisation).BindOrNull(6, in.siret).Bind(7, in.kind).BindOrNull(8, in.region);
    s.Bind(9, in.referential_id).Bind(10, in.referential_version);
    s.Bind(11, in.effective->ToString()).Bind(12, in.expiry->ToString());
    s.BindOrNull(13, in.next_due ? in.next_due->ToString() : "").BindOrNull(14, in.next_kind);
    s.Bind(15, SitesToJson(in.sites)).Bind(16, in.audit_id).Bind(17, at);
    s.Bind(18, ScopeToJson(in.scope)).Bind(19, in.level).Bind(20, ScopeToJson(in.level_label));
    if (!s.Run()) {
      *error = Tr("cannot add the certificate: ") + s.error();
      return false;
    }
    h.certificate_id = sqlite3_last_insert_rowid(db);
    h.action = in.state == "granted" ? "grant" : "import";
    h.to_state = "active";
    if (in.state != "granted") {
      h.reason += fmt::format("; issued for a certificate that predates the register");
    }
    out.number = number;
    out.issued = true;
    out.action = h.action;
    out.to_state = "active";
    out.effective = *in.effective;
    out.expiry = *in.expiry;
  } else if (current == nullptr) {
    if (in.state == "refused") {
      // A refused audit with no certificate to update: on file in the history, no certificate.
      h.action = "refuse";
      out.action = "refuse";
    } else {
      std::string last = mine.empty()
                             ? std::string()
                             : fmt::format(" (its last certificate, {}, is {})", mine[0].number,
                                           CertificateStateName(mine[0].state));
      *error =
          Fmt("{}: no current certificate of {} for {} in the register{}: the result says '{}'; "
              "record its initial audit first{}",
              in.path, who_text, in.referential_id, last, in.state,
              in.state == "maintained" || in.state == "renewed"
                  ? ", or use --new-certificate for a certificate issued before the register"
                  : "");
      return false;
    }
  } else {
    const CertificateRecord& c = *current;
    h.certificate_id = c.id;
    h.from_state = std::string(CertificateStateName(c.state));
    CertificateState to = c.state;
    int revision = c.revision;
    Date effective = c.effective;
    Date expiry = c.expiry;
    if (in.state == "maintained") {
      h.action = "maintain";
      to = CertificateState::kActive;
    } else if (in.state == "renewed") {
      h.action = "renew";
      to = CertificateState::kActive;
      ++revision;
    } else if (in.state == "suspended") {
      h.action = "suspend";
      to = CertificateState::kSuspended;
    } else if (in.state == "withdrawn") {
      h.action = "withdraw";
      to = CertificateState::kWithdrawn;
    } else if (in.state == "expired") {
      h.action = "expire";
      to = CertificateState::kExpired;
    } else {  // refused: on file, the certificate unchanged
      h.action = "refuse";
    }
    if (in.effective) effective = *in.effective;
    if (in.expiry) expiry = *in.expiry;
    h.to_state = std::string(CertificateStateName(to));
    // The certificate's sites and scope change only with a result that keeps it valid; a change
    // of either reissues it, one revision up (a renewal reissues it anyway). A result without
    // sites or scope keeps the register's, and a first scope where the register had none is no
    // change.
    std::vector<RegisterSite> sites = c.sites;
    Text scope = c.scope;
    std::string level = c.level;
    Text level_label = c.level_label;
    if (in.state == "maintained" || in.state == "renewed") {
      const bool sites_changed =
          !in.sites.empty() && !c.sites.empty() && PrintedSites(in.sites) != PrintedSites(c.sites);
      const bool scope_changed =
          !in.scope.empty() && !c.scope.empty() && in.scope.by_lang != c.scope.by_lang;
      // A maturity label's level is printed on the certificate: another level reissues it.
      const bool level_changed = !in.level.empty() && !c.level.empty() && in.level != c.level;
      if (!in.sites.empty()) sites = in.sites;
      if (!in.scope.empty()) scope = in.scope;
      if (!in.level.empty()) {
        level = in.level;
        level_label = in.level_label;
      }
      std::string what;
      for (const auto& [yes, name] :
           {std::pair{sites_changed, "sites"}, std::pair{scope_changed, "scope"},
            std::pair{level_changed, "level"}}) {
        if (yes) what += what.empty() ? name : std::string(" and ") + name;
      }
      const std::string changed_text = what.empty() ? std::string() : what + " changed";
      const char* changed = what.empty() ? nullptr : changed_text.c_str();
      if (in.state == "maintained" && changed != nullptr) {
        ++revision;
        h.reason += fmt::format("; reissued as revision {}: {}", revision, changed);
      } else if (in.state == "renewed") {
        h.reason += fmt::format("; reissued as revision {}: renewed{}", revision,
                                changed != nullptr ? std::string(", ") + changed : "");
      }
    }
    // The organisation's details follow the latest result (a new name under the same SIRET);
    // the referential's version too (a renewal against the new edition).
    Statement s(
        db,
        "UPDATE certificates SET state = ?1, effective = ?2, expiry = ?3, next_due = ?4, "
        "next_kind = ?5, revision = ?6, organisation = ?7, siret = COALESCE(?8, siret), "
        "kind = ?9, region = COALESCE(?10, region), referential_version = ?11, sites = ?12, "
        "last_audit_id = ?13, updated_at = ?14, scope = ?16, level = ?17, level_label = ?18 "
        "WHERE id = ?15");
    s.Bind(1, CertificateStateName(to)).Bind(2, effective.ToString()).Bind(3, expiry.ToString());
    s.BindOrNull(4, in.next_due ? in.next_due->ToString() : "").BindOrNull(5, in.next_kind);
    s.Bind(6, static_cast<int64_t>(revision)).Bind(7, in.organisation).BindOrNull(8, in.siret);
    s.Bind(9, in.kind).BindOrNull(10, in.region).Bind(11, in.referential_version);
    s.Bind(12, SitesToJson(sites)).Bind(13, in.audit_id).Bind(14, at).Bind(15, c.id);
    s.Bind(16, ScopeToJson(scope)).Bind(17, level).Bind(18, ScopeToJson(level_label));
    if (!s.Run()) {
      *error = Tr("cannot update the certificate: ") + s.error();
      return false;
    }
    out.number = c.number;
    out.action = h.action;
    out.from_state = h.from_state;
    out.to_state = h.to_state;
    out.effective = effective;
    out.expiry = expiry;
    out.revision = revision;
  }
  if (!InsertHistory(db, h, error)) return false;
  MaybeStallForTest();
  if (!tx.Commit()) {
    *error = fmt::format("{}: {}", path_, tx.error());
    return false;
  }
  *outcome = out;
  return true;
}

bool CertificateRegister::Apply(const std::string& number_in, Change change,
                                const std::string& reason, const std::string& who,
                                const Date& today, const std::string& at_in, RecordOutcome* outcome,
                                std::string* error) {
  const std::string number = Upper(number_in);
  const std::string at = at_in.empty() ? UtcNow() : at_in;
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    *error = Tr("a reason is required (--reason TEXT)");
    return false;
  }
  Transaction tx(db_);
  if (!tx.began()) {
    *error = fmt::format("{}: {}", path_, tx.error());
    return false;
  }
  CertificateRecord c;
  {
    Statement s(
        db_, std::string("SELECT ") + kCertificateColumns + " FROM certificates WHERE number = ?1");
    s.Bind(1, number);
    int rc = s.Step();
    if (rc == SQLITE_DONE) {
      *error = Fmt("no certificate {} in the register {}", number, path_);
      return false;
    }
    if (rc != SQLITE_ROW) {
      *error = s.error();
      return false;
    }
    c = CertificateFromRow(s);
  }
  const CertificateState now = c.StateOn(today);
  std::string now_text = std::string(CertificateStateName(now));
  if (now == CertificateState::kExpired && c.state != CertificateState::kExpired) {
    now_text += fmt::format(" (since {})", c.expiry.AddDays(1).ToString());
  }
  CertificateState to = c.state;
  const char* action = "";
  switch (change) {
    case Change::kSuspend:
      if (now != CertificateState::kActive) {
        *error =
            Fmt("cannot suspend {}: it is {}; only an active certificate can be "
                "suspended",
                number, now_text);
        return false;
      }
      to = CertificateState::kSuspended;
      action = "suspend";
      break;
    case Change::kReinstate:
      if (now != CertificateState::kSuspended) {
        *error =
            Fmt("cannot reinstate {}: it is {}; only a suspended certificate can be "
                "reinstated",
                number, now_text);
        return false;
      }
      to = CertificateState::kActive;
      action = "reinstate";
      break;
    case Change::kWithdraw:
      if (now != CertificateState::kActive && now != CertificateState::kSuspended) {
        *error =
            Fmt("cannot withdraw {}: it is {}; only an active or suspended "
                "certificate can be withdrawn",
                number, now_text);
        return false;
      }
      to = CertificateState::kWithdrawn;
      action = "withdraw";
      break;
    case Change::kExpire:
      if ((c.state != CertificateState::kActive && c.state != CertificateState::kSuspended) ||
          !(c.expiry < today)) {
        *error = Fmt("cannot record the expiry of {} on {}: it is {}, until {}", number,
                     today.ToString(), now_text, c.expiry.ToString());
        return false;
      }
      to = CertificateState::kExpired;
      action = "expire";
      break;
  }
  if (!UpdateState(db_, c.id, to, at, error)) return false;
  NewHistory h;
  h.certificate_id = c.id;
  h.action = action;
  h.from_state = std::string(CertificateStateName(c.state));
  h.to_state = std::string(CertificateStateName(to));
  h.date = today.ToString();
  h.reason = reason;
  h.who = who.empty() ? std::string("unknown") : who;
  h.at = at;
  h.organisation = c.organisation;
  h.siret = c.siret;
  h.referential_id = c.referential_id;
  if (!InsertHistory(db_, h, error)) return false;
  if (!tx.Commit()) {
    *error = fmt::format("{}: {}", path_, tx.error());
    return false;
  }
  RecordOutcome out;
  out.number = c.number;
  out.organisation = c.organisation;
  out.action = action;
  out.from_state = h.from_state;
  out.to_state = h.to_state;
  out.effective = c.effective;
  out.expiry = c.expiry;
  out.revision = c.revision;
  *outcome = out;
  return true;
}

// --- reading ------------------------------------------------------------------------------------

bool CertificateRegister::List(const RegisterFilter& filter, std::vector<CertificateRecord>* out,
                               std::string* error) {
  out->clear();
  // Read in one snapshot; filtering by the state on `today` is done here, not in SQL.
  Statement s(db_, std::string("SELECT ") + kCertificateColumns +
                       " FROM certificates ORDER BY prefix, year, sequence");
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    CertificateRecord c = CertificateFromRow(s);
    CertificateState state = c.StateOn(filter.today);
    if (filter.state && state != *filter.state) continue;
    if (filter.expiring_days) {
      if (state != CertificateState::kActive && state != CertificateState::kSuspended) continue;
      if (c.expiry > filter.today.AddDays(*filter.expiring_days)) continue;
    }
    out->push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) {
    *error = s.error();
    return false;
  }
  if (filter.expiring_days) {
    std::stable_sort(
        out->begin(), out->end(),
        [](const CertificateRecord& a, const CertificateRecord& b) { return a.expiry < b.expiry; });
  }
  return true;
}

bool CertificateRegister::Show(const std::string& number_in, CertificateRecord* certificate,
                               std::vector<HistoryEntry>* history, std::string* error) {
  const std::string number = Upper(number_in);
  Transaction tx(db_, /*immediate=*/false);  // one snapshot for the certificate and its history
  if (!tx.began()) {
    *error = fmt::format("{}: {}", path_, tx.error());
    return false;
  }
  Statement s(
      db_, std::string("SELECT ") + kCertificateColumns + " FROM certificates WHERE number = ?1");
  s.Bind(1, number);
  int rc = s.Step();
  if (rc == SQLITE_DONE) {
    *error = Fmt("no certificate {} in the register {}", number, path_);
    return false;
  }
  if (rc != SQLITE_ROW) {
    *error = s.error();
    return false;
  }
  *certificate = CertificateFromRow(s);
  history->clear();
  Statement h(db_, std::string(kHistorySelect) + "WHERE h.certificate_id = ?1 ORDER BY h.id");
  h.Bind(1, certificate->id);
  while ((rc = h.Step()) == SQLITE_ROW) history->push_back(HistoryFromRow(h));
  if (rc != SQLITE_DONE) {
    *error = h.error();
    return false;
  }
  return true;
}

bool CertificateRegister::History(std::vector<HistoryEntry>* out, std::string* error) {
  out->clear();
  Statement h(db_, std::string(kHistorySelect) + "ORDER BY h.id");
  int rc;
  while ((rc = h.Step()) == SQLITE_ROW) out->push_back(HistoryFromRow(h));
  if (rc != SQLITE_DONE) {
    *error = h.error();
    return false;
  }
  return true;
}

}  // namespace sceau
