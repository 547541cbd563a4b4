// Small RAII wrappers over SQLite's C API, for the register's own use: a connection, a prepared
// statement, an IMMEDIATE transaction. Values from users are only ever bound to `?` parameters.
#ifndef SCEAU_REGISTER_SQLITE_HANDLE_H_
#define SCEAU_REGISTER_SQLITE_HANDLE_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sceau::sqlite {

// A prepared statement, finalised when it goes. After a failed prepare, ok() is false and
// error() says why.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  // Binding: parameters are 1-based. An empty optional or an empty string with `null_if_empty`
  // binds NULL.
  Statement& Bind(int index, std::string_view text);
  Statement& BindOrNull(int index, std::string_view text);  // "" -> NULL
  Statement& Bind(int index, int64_t value);
  Statement& BindNull(int index);

  // Runs one step: SQLITE_ROW, SQLITE_DONE, or an error code (error() says why).
  int Step();
  // Steps to the end, expecting no row; returns true on SQLITE_DONE.
  bool Run();

  std::string Text(int column) const;  // NULL -> ""
  int64_t Int(int column) const;
  bool IsNull(int column) const;
  std::string error() const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string prepare_error_;
};

// BEGIN IMMEDIATE (the write lock at once; for a read-only snapshot, plain BEGIN) on construction
// (began() says whether it did); ROLLBACK on destruction unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(sqlite3* db, bool immediate = true);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  bool began() const { return began_; }
  bool Commit();
  std::string error() const { return error_; }

 private:
  sqlite3* db_;
  bool began_ = false;
  bool done_ = false;
  std::string error_;
};

// Runs SQL without parameters (schema, pragmas). Returns false and sets *error on failure.
bool Exec(sqlite3* db, const std::string& sql, std::string* error);

// The message for an error code, with SQLite's own text: a busy database gets a plain explanation.
std::string Describe(sqlite3* db, int code);

}  // namespace sceau::sqlite

#endif  // SCEAU_REGISTER_SQLITE_HANDLE_H_
