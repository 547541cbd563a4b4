// Helpers shared by the tests.
#ifndef SCEAU_TESTS_TEST_UTIL_H_
#define SCEAU_TESTS_TEST_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/source.h"

namespace sceau::testing {

// Every diagnostic rendered without colour, one after the other, as `sceau validate` prints them.
std::string RenderAll(const std::vector<Diagnostic>& diags);
// Only the first line of each diagnostic ("file:line:col: error: message [code]"), joined by '\n'.
std::string Headlines(const std::vector<Diagnostic>& diags);
// The English words left in French diagnostics' `headlines` (the messages only: file names,
// quoted values 'like this', codes [like-this] and options --like-this left out), space
// separated; empty when none. The words are English ones that French never uses.
std::string EnglishLeft(const std::string& headlines);
// The French grammar faults in `headlines` that composing messages from fragments can make: "de
// le", "de les", "à le", "à les", "de un(e)" (for "du", "des", "au", "aux", "d'un(e)"), and a
// space before a comma or a full stop, quoted values left out; "|"-separated, empty when none.
std::string FrenchFaults(const std::string& headlines);

// Returns `text` with `from`, which must occur exactly once, replaced by `to`. Fails the current
// test (and returns `text` unchanged) otherwise, so a stale edit cannot pass silently.
std::string Edit(std::string_view text, std::string_view from, std::string_view to);

// The path of a file under the source tree.
std::string SourcePath(const std::string& relative);
// Reads a whole file; fails the current test if it cannot.
std::string ReadFile(const std::string& path);

// Result of running the built `sceau` binary.
struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// The locale the tests run sceau in: English (a test of French output asks for it).
inline constexpr char kTestLocale[] = "en_GB.UTF-8";

// Runs `sceau` with `args` (already shell-quoted where needed) from the source directory, with
// LANG=kTestLocale and no other locale variable: it speaks English unless told --lang fr. No
// default issuer configuration is found (no $SCEAU_CONFIG, $XDG_CONFIG_HOME names no folder).
RunResult RunSceau(const std::string& args);
// The same with no locale variable but `variables`, e.g. "LANG=fr_FR.UTF-8" ("" for none: then
// sceau speaks its default language, French).
RunResult RunSceauWith(const std::string& variables, const std::string& args);

// A fresh temporary directory, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string Write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

// Runs a shell command (stderr discarded); returns its stdout and sets `*status` to its exit code.
std::string Shell(const std::string& cmd, int* status = nullptr);

// Folds every run of white space (no-break spaces U+00A0 and U+202F included) into one space, as
// text extracted from a PDF needs before it is compared.
std::string Fold(const std::string& s);

}  // namespace sceau::testing

#endif  // SCEAU_TESTS_TEST_UTIL_H_
