#include "tests/test_util.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace sceau::testing {

std::string RenderAll(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const Diagnostic& d : diags) out += RenderDiagnostic(d);
  return out;
}

std::string Headlines(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const Diagnostic& d : diags) {
    std::string r = RenderDiagnostic(d, RenderOptions{false, false});
    if (!out.empty()) out += "\n";
    out += r.substr(0, r.find('\n'));
  }
  return out;
}

std::string EnglishLeft(const std::string& headlines) {
  // Not "audit", "dossier", "site" (French too), nor the YAML keys that lists name unquoted
  // ("referential", "evidence", "level", "all", "any", "not").
  static const std::set<std::string> kEnglish = {
      "the",      "must",    "is",      "are",   "of",     "with",    "and",         "has",
      "have",     "cannot",  "should",  "give",  "which",  "only",    "but",         "from",
      "this",     "that",    "its",     "be",    "needs",  "missing", "unknown",     "empty",
      "found",    "twice",   "defined", "each",  "every",  "when",    "where",       "does",
      "did",      "mean",    "or",      "no",    "an",     "at",      "least",       "most",
      "between",  "more",    "than",    "file",  "folder", "list",    "string",      "number",
      "boolean",  "nothing", "key",     "keys",  "value",  "error",   "warning",     "criterion",
      "criteria", "chapter", "outcome", "scale", "grade",  "finding", "certificate", "for",
      "months",   "percent"};
  std::string found;
  std::istringstream lines(headlines);
  for (std::string line; std::getline(lines, line);) {
    // The message: after the severity word, before the code.
    for (const char* severity : {": erreur: ", ": avertissement: ", ": note: "}) {
      if (size_t at = line.find(severity); at != std::string::npos) {
        line = line.substr(at + std::strlen(severity));
        break;
      }
    }
    if (size_t code = line.rfind(" ["); code != std::string::npos) line.resize(code);
    std::string words;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (c == '\'') {
        quoted = !quoted;  // 'values', whatever their language
      } else if (!quoted && c == '-' && i + 1 < line.size() && line[i + 1] == '-') {
        while (i < line.size() && line[i] != ' ') ++i;  // --options
      } else if (!quoted) {
        // Letters and digits stay together, so that a hash or an id (3be0f, C-1) is no word.
        words +=
            std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : ' ';
      }
    }
    std::istringstream in(words);
    for (std::string w; in >> w;) {
      bool has_digit = w.find_first_of("0123456789") != std::string::npos;
      if (!has_digit && kEnglish.count(w)) found += (found.empty() ? "" : " ") + w;
    }
  }
  return found;
}

std::string FrenchFaults(const std::string& headlines) {
  // Quoted values are the user's: blank them out first.
  std::string text;
  bool quoted = false;
  for (char c : headlines) {
    if (c == '\'') quoted = !quoted;
    text += quoted ? 'x' : c;
  }
  std::string found;
  for (const char* fault : {" de le ", " de les ", " à le ", " à les ", " de un ", " de une ",
                            " que il ", " ,", " ."}) {
    for (size_t at = text.find(fault); at != std::string::npos; at = text.find(fault, at + 1)) {
      if (fault[1] == '.' && at + 2 < text.size() && text[at + 2] == '.') continue;  // " ..."
      size_t line = text.rfind('\n', at);
      line = line == std::string::npos ? 0 : line + 1;
      found += (found.empty() ? "" : "|") + text.substr(line, text.find('\n', at) - line);
    }
  }
  return found;
}

std::string Edit(std::string_view text, std::string_view from, std::string_view to) {
  size_t at = text.find(from);
  if (at == std::string_view::npos) {
    ADD_FAILURE() << "edit target not found: \"" << from << "\"";
    return std::string(text);
  }
  if (text.find(from, at + 1) != std::string_view::npos) {
    ADD_FAILURE() << "edit target found more than once: \"" << from << "\"";
    return std::string(text);
  }
  std::string out(text);
  out.replace(at, from.size(), to);
  return out;
}

std::string SourcePath(const std::string& relative) {
  return std::string(SCEAU_SOURCE_DIR) + "/" + relative;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The tests read sceau in English unless they ask for French: every command they run, in
// process or not, sees LANG=en_GB.UTF-8 and no other locale variable, whatever the locale of the
// machine running them. A test of French output says --lang fr (or sets the locale itself).
const bool kLocaleSet = [] {
  for (const char* name : {"LC_ALL", "LC_MESSAGES"}) ::unsetenv(name);
  ::setenv("LANG", kTestLocale, 1);
  return true;
}();

RunResult RunSceau(const std::string& args) {
  return RunSceauWith(std::string("LANG=") + kTestLocale, args);
}

// Where the default issuer configuration is looked for: nowhere, so that the tests never read
// the user's (~/.config/sceau/sceau.yaml would add QR codes to the certificates).
constexpr char kNoConfigHome[] = "/nonexistent/sceau-tests-config";

RunResult RunSceauWith(const std::string& variables, const std::string& args) {
  TempDir dir;
  std::string out_file = dir.path() + "/out";
  std::string err_file = dir.path() + "/err";
  std::string cmd =
      "cd '" + std::string(SCEAU_SOURCE_DIR) +
      "' && env -u LC_ALL -u LC_MESSAGES -u LANG -u SCEAU_CONFIG XDG_CONFIG_HOME=" + kNoConfigHome +
      " " + variables + " '" + SCEAU_BINARY + "' " + args + " >'" + out_file + "' 2>'" + err_file +
      "' </dev/null";
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out_file);
  r.err = ReadFile(err_file);
  return r;
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "sceau-test-XXXXXX").string();
  char* made = ::mkdtemp(tmpl.data());
  EXPECT_NE(made, nullptr);
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ec);
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& name, const std::string& content) const {
  std::string p = path_ + "/" + name;
  std::ofstream out(p, std::ios::binary);
  out << content;
  return p;
}

std::string Shell(const std::string& cmd, int* status) {
  std::string out;
  FILE* p = ::popen((cmd + " 2>/dev/null").c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = ::pclose(p);
  if (status) *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

std::string Fold(const std::string& s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool ws = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f';
    if (s.compare(i, 2, "\xC2\xA0") == 0) {  // U+00A0
      ws = true;
      ++i;
    } else if (s.compare(i, 3, "\xE2\x80\xAF") == 0) {  // U+202F
      ws = true;
      i += 2;
    }
    if (ws) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += s[i];
  }
  return out;
}

}  // namespace sceau::testing
