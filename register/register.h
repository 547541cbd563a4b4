// The certificate register: the certificates a certifier has issued, their states and dates, and an
// append-only history of every change, in one SQLite file.
//
// Usage:
//   std::string error;
//   auto reg = CertificateRegister::Open("register.sqlite3", {}, &error);
//   if (!reg) { ...error... }
//   RegisterInput input;
//   if (!ParseRegisterInput(json_bytes, "out/granted.json", &input, &error)) { ... }
//   RecordRequest request{input, "Sophie Bernard"};
//   RecordOutcome outcome;
//   if (!reg->Record(request, &outcome, &error)) { ...refused, error says why... }
//
// The file. SQLite in WAL mode (readers never block the writer), synchronous=FULL, foreign keys on,
// a busy timeout so that concurrent writers wait for each other instead of failing. Every change
// is one transaction started with BEGIN IMMEDIATE: it takes the write lock before it reads, so two
// processes recording at once are serialised and neither loses the other's record. A process
// killed in the middle of a transaction leaves nothing of it: SQLite rolls it back at the next
// open.
//
// The schema is versioned in the code: `PRAGMA user_version` holds the number of migration steps
// applied, and Open applies the missing ones in order, each in its own transaction. A file whose
// version is newer than this build knows is refused, as is a SQLite file that is not a register
// (`PRAGMA application_id` marks the register's files).
//
// The history is append-only: SQLite triggers abort any UPDATE or DELETE of its rows, and
// certificates are never deleted (a trigger aborts that too): they are withdrawn or expire.
//
// No method throws. Each returns false (or null) and sets `*error` to a message for the user.
#ifndef SCEAU_REGISTER_REGISTER_H_
#define SCEAU_REGISTER_REGISTER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date.h"
#include "engine/referential.h"

struct sqlite3;

namespace sceau {

// A certificate's state as stored. A certificate stored active or suspended whose expiry has passed
// is *shown* as expired (CertificateRecord::StateOn); `expired` is stored only when a result says
// so.
enum class CertificateState { kActive, kSuspended, kWithdrawn, kExpired };
std::string_view CertificateStateName(CertificateState state);  // "active", "suspended", ...
std::optional<CertificateState> ParseCertificateState(std::string_view name);

struct RegisterSite {
  std::string id, name, address;  // address may be empty
};

struct CertificateRecord {
  int64_t id = 0;            // row id, internal
  std::string number;        // CEDRE-2026-00042
  std::string organisation;  // name
  std::string siret;         // 14 digits, or empty
  std::string kind;          // ACI, AI, GES...
  std::string region;        // or empty
  std::string referential_id, referential_version;
  CertificateState state = CertificateState::kActive;  // as stored
  Date effective, expiry;
  std::optional<Date> next_due;     // the next audit's due date, when the last result gave it
  std::string next_kind;            // "surveillance", "renewal", or empty
  int revision = 0;                 // 0 when issued; +1 at each reissue (see Record)
  std::vector<RegisterSite> sites;  // every site; for a group, its members
  // The certified scope, by language ("fr", "en"), as the result that issued the certificate (or
  // last reissued or maintained it) gives it; empty when the register does not know it (a
  // certificate recorded before version 2 of the schema, results without a scope).
  Text scope;
  // A maturity label's level ("confirme") and its name by language ("Label RSE — niveau
  // Confirmé"), as the last result that issued or kept the certificate gives them; empty for a
  // label without levels.
  std::string level;
  Text level_label;
  std::string last_audit_id;
  std::string issued_at, updated_at;  // UTC, ISO 8601

  // The state on `today`: active or suspended with expiry before `today` is expired.
  CertificateState StateOn(const Date& today) const;
};

struct HistoryEntry {
  int64_t id = 0;           // in order of writing
  std::string certificate;  // number; empty for a refused initial audit
  std::string action;       // grant, maintain, renew, suspend, withdraw, expire, refuse, reinstate
  std::string from_state;   // empty when there was no certificate before
  std::string to_state;     // empty when there is no certificate after (refused initial audit)
  std::string date;         // the date the change takes effect (decision date, or the day of a
                            // manual change), YYYY-MM-DD
  std::string reason;
  std::string who;
  std::string at;             // when it was written, UTC ISO 8601 (2026-11-26T16:31:15Z)
  std::string result_sha256;  // the recorded result file's SHA-256; empty for a manual change
  std::string result_path;    // the path it was recorded from, as given
  std::string audit_id, audit_kind, decision;
  std::string organisation, siret, referential_id;  // copied, so that a refusal is readable alone
};

// What the register needs from a `sceau-result` (or `sceau-group-result`) JSON.
struct RegisterInput {
  std::string path;    // as given, for messages and the history
  std::string sha256;  // of the file's bytes
  std::string organisation, siret, kind, region;
  std::vector<RegisterSite> sites;
  Text scope;  // the result's `audit.scope` (a group result's too); its empty languages dropped
  std::string level;  // `decision.level`, a maturity label's level; empty: none
  Text level_label;   // `decision.label` when there is a level
  std::string referential_id, referential_version;
  std::string audit_id, audit_kind;  // initial | surveillance | renewal
  Date decision_date;
  std::string decision;  // granted | conditional | refused
  // The certificate's state after this audit: the result's `lifecycle.state` when it has one,
  // else derived from `decision` and the audit kind (see README, "Certificate register").
  std::string state;  // granted | maintained | renewed | suspended | withdrawn | expired | refused
  bool from_lifecycle = false;
  Date state_date;                        // lifecycle.state_date, else the decision date
  std::optional<Date> effective, expiry;  // lifecycle's, else `certificate`'s
  std::optional<Date> next_due;
  std::string next_kind;
  // lifecycle.number: the certificate's number the result carries (from its previous result);
  // empty while pending (an initial grant, a result written before results carried it).
  std::string number;
};

// Reads a result file's bytes through ReadSceauJson (engine/result_reader.h): a sceau-result or a
// sceau-group-result. Returns false with a message "<path>: <why>" for anything that is not a
// result the register can record: ReadSceauJson's message when it is not a readable result (the
// same every command gives for the file), or why it cannot be recorded (a self-assessment,
// decision none, an unknown decision, audit kind or state, no certificate dates).
bool ParseRegisterInput(std::string_view json, const std::string& path, RegisterInput* input,
                        std::string* error);

struct RecordRequest {
  RegisterInput input;
  std::string who;               // who records it
  bool new_certificate = false;  // issue a number for a surveillance or renewal whose certificate
                                 // predates the register (its initial audit is not in it)
  std::string at;                // when; empty: now (UTC). Tests set it.
};

struct RecordOutcome {
  std::string number;  // the certificate's number; empty for a refused initial audit
  std::string organisation;
  std::string action;      // as written in the history: grant, maintain, renew, suspend...
  std::string from_state;  // empty when there was no certificate before
  std::string to_state;    // empty when there is no certificate after
  bool issued = false;     // a new number was issued
  Date effective, expiry;  // the certificate's dates after the change (when there is one)
  int revision = 0;
};

struct RegisterFilter {
  Date today;                             // for expired-by-date and --expiring
  std::optional<int> expiring_days;       // active or suspended, expiry within [today, today+N]
  std::optional<CertificateState> state;  // the state on `today`
};

struct RegisterOpenOptions {
  bool create = true;  // create the file (and its folder) when missing
  // Only read (list, show): the file is opened with SQLITE_OPEN_READONLY, never created, its
  // schema never migrated, and works when the user may only read it. Where SQLite cannot open it
  // so (a read-only folder, read-only media: no -shm file can be made), it is opened as immutable
  // (`immutable=1`), which is exact once the last writer has closed it.
  bool read_only = false;
  int busy_timeout_ms = 60000;
};

// One migration step: the SQL that takes the schema from version `index` to `index + 1`.
struct SchemaMigration {
  const char* description;
  const char* sql;
};
// The steps of this build, in order. The schema version of an up-to-date file is their count.
const std::vector<SchemaMigration>& RegisterMigrations();

class CertificateRegister {
 public:
  // Opens (or creates) the register at `path`, brings its schema up to date. Null on failure.
  static std::unique_ptr<CertificateRegister> Open(const std::string& path,
                                                   const RegisterOpenOptions& options,
                                                   std::string* error);
  // The same with another list of migrations: for the tests of the migration mechanism.
  static std::unique_ptr<CertificateRegister> OpenWithMigrations(
      const std::string& path, const RegisterOpenOptions& options,
      const std::vector<SchemaMigration>& migrations, std::string* error);
  ~CertificateRegister();
  CertificateRegister(const CertificateRegister&) = delete;
  CertificateRegister& operator=(const CertificateRegister&) = delete;

  int SchemaVersion() const;
  // The flags the file was opened with when read-only (SQLITE_OPEN_READONLY, and SQLITE_OPEN_URI
  // when opened as immutable); 0 when opened to write.
  int read_only_open_flags() const { return read_only_open_flags_; }
  const std::string& path() const { return path_; }

  // Records a result: issues a certificate (initial grant), or updates the organisation's current
  // certificate for the referential, and writes one history row; all in one transaction.
  // The certificate's sites and scope are those of the result that issued it; a later result
  // changes them only when it keeps the certificate valid (maintained or renewed). The revision
  // goes up by one when the certificate is reissued: at a renewal, and when a maintained result
  // changes its sites (as the certificate prints them: names and addresses, in any order) or its
  // scope; the history's reason says so ("reissued as revision 1: sites changed"). A result with
  // no scope keeps the one the register holds, and a scope recorded where the register had none
  // (a certificate from before the scope was kept) is no change.
  // Refused (false): the same file recorded before, no current certificate to update, a grant
  // while a certificate is current, a change the certificate's state does not allow.
  bool Record(const RecordRequest& request, RecordOutcome* outcome, std::string* error);

  // A manual change: suspend (active -> suspended), reinstate (suspended -> active), withdraw
  // (active or suspended -> withdrawn). `today` decides whether the certificate has expired.
  // kExpire (active or suspended -> expired) is for a certificate whose expiry is before `today`
  // (register/time_limits.h).
  enum class Change { kSuspend, kReinstate, kWithdraw, kExpire };
  bool Apply(const std::string& number, Change change, const std::string& reason,
             const std::string& who, const Date& today, const std::string& at,
             RecordOutcome* outcome, std::string* error);

  // Certificates that pass `filter`: by expiry then number with expiring_days, else by number.
  bool List(const RegisterFilter& filter, std::vector<CertificateRecord>* out, std::string* error);
  // One certificate and its history, oldest first. False when there is no such number.
  bool Show(const std::string& number, CertificateRecord* certificate,
            std::vector<HistoryEntry>* history, std::string* error);
  // Every history row, oldest first (refused initial audits included).
  bool History(std::vector<HistoryEntry>* out, std::string* error);

 private:
  CertificateRegister() = default;
  static std::unique_ptr<CertificateRegister> OpenReadOnly(const std::string& path,
                                                           const RegisterOpenOptions& options,
                                                           int64_t latest, std::string* error);
  sqlite3* db_ = nullptr;
  std::string path_;
  int read_only_open_flags_ = 0;
};

// The certificate number's prefix for a referential: its id up to the first '-', in capitals
// ("cedre-iso9001" -> "CEDRE"), non-alphanumerics dropped; "CERT" when that leaves nothing.
std::string CertificatePrefix(std::string_view referential_id);

// Now, UTC, as 2026-11-26T16:31:15Z.
std::string UtcNow();

// The default register file: $SCEAU_REGISTER, else $XDG_DATA_HOME/sceau/register.sqlite3, else
// $HOME/.local/share/sceau/register.sqlite3. Empty when none of those variables is set.
std::string DefaultRegisterPath();

}  // namespace sceau

#endif  // SCEAU_REGISTER_REGISTER_H_
