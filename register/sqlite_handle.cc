#include "register/sqlite_handle.h"

namespace sceau::sqlite {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    prepare_error_ = Describe(db, rc);
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, std::string_view text) {
  if (stmt_) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  return *this;
}

Statement& Statement::BindOrNull(int index, std::string_view text) {
  return text.empty() ? BindNull(index) : Bind(index, text);
}

Statement& Statement::Bind(int index, int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::BindNull(int index) {
  if (stmt_) sqlite3_bind_null(stmt_, index);
  return *this;
}

int Statement::Step() {
  if (!stmt_) return SQLITE_MISUSE;
  return sqlite3_step(stmt_);
}

bool Statement::Run() { return Step() == SQLITE_DONE; }

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string Statement::error() const {
  if (!stmt_) return prepare_error_;
  return Describe(db_, sqlite3_extended_errcode(db_));
}

Transaction::Transaction(sqlite3* db, bool immediate) : db_(db) {
  began_ = Exec(db, immediate ? "BEGIN IMMEDIATE" : "BEGIN", &error_);
}

Transaction::~Transaction() {
  if (began_ && !done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

bool Transaction::Commit() {
  if (!began_ || done_) return false;
  if (!Exec(db_, "COMMIT", &error_)) return false;  // still open: the destructor rolls back
  done_ = true;
  return true;
}

bool Exec(sqlite3* db, const std::string& sql, std::string* error) {
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return true;
  *error = Describe(db, rc);
  return false;
}

std::string Describe(sqlite3* db, int code) {
  int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return "the register is busy: another process kept it locked for too long; try again";
  }
  if (primary == SQLITE_NOTADB) return "not a SQLite database";
  std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  if (message.empty() || message == "not an error") message = sqlite3_errstr(code);
  return message;
}

}  // namespace sceau::sqlite
