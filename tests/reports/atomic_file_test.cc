#include "reports/atomic_file.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_util.h"

namespace sceau {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;

size_t Entries(const std::string& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// The names in `dir`, sorted.
std::vector<std::string> Names(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Runs `body` in a forked child and returns its wait status. The child only returns an exit code:
// no gtest assertion runs there.
template <typename Body>
int InChild(Body body) {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(body());
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// In a child, with a file-size limit of `limit` bytes: writes `size` bytes to `path` and exits 0
// when WriteFileAtomically returns true, 1 when it returns false with an error naming `expected`,
// 2 otherwise. With `ignore_sigxfsz`, going past the limit makes write() fail with EFBIG (as a full
// disk makes it fail with ENOSPC); without, the kernel kills the child with SIGXFSZ mid-write.
int WriteOverTheLimit(const std::string& path, size_t size, rlim_t limit, bool ignore_sigxfsz,
                      TemporaryFile temporary, const std::string& expected) {
  return InChild([&] {
    ::signal(SIGXFSZ, ignore_sigxfsz ? SIG_IGN : SIG_DFL);
    struct rlimit rl = {limit, limit};
    if (::setrlimit(RLIMIT_FSIZE, &rl) != 0) return 3;
    std::string error;
    if (WriteFileAtomically(path, std::string(size, 'n'), &error, temporary)) return 0;
    return error == expected ? 1 : 2;
  });
}

TEST(AtomicFile, WritesAndReplaces) {
  TempDir dir;
  std::string path = dir.path() + "/report.json";
  std::string error;
  ASSERT_TRUE(WriteFileAtomically(path, "first", &error)) << error;
  EXPECT_EQ(ReadFile(path), "first");
  ASSERT_TRUE(WriteFileAtomically(path, "second, longer", &error)) << error;
  EXPECT_EQ(ReadFile(path), "second, longer");
  EXPECT_EQ(Entries(dir.path()), 1u);  // no temporary file left behind
}

TEST(AtomicFile, WritesAndReplacesWithANamedTemporaryFile) {
  // The way of systems and file systems without O_TMPFILE.
  TempDir dir;
  std::string path = dir.path() + "/report.json";
  std::string error;
  ASSERT_TRUE(WriteFileAtomically(path, "first", &error, TemporaryFile::kNamed)) << error;
  EXPECT_EQ(ReadFile(path), "first");
  ASSERT_TRUE(WriteFileAtomically(path, "second, longer", &error, TemporaryFile::kNamed)) << error;
  EXPECT_EQ(ReadFile(path), "second, longer");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"report.json"});
}

TEST(AtomicFile, WritesEmptyAndLargeContents) {
  TempDir dir;
  std::string error;
  std::string big(8u << 20, 'b');
  big[12345] = '\0';  // bytes, not text
  for (TemporaryFile t : {TemporaryFile::kAuto, TemporaryFile::kNamed}) {
    ASSERT_TRUE(WriteFileAtomically(dir.path() + "/empty", "", &error, t)) << error;
    EXPECT_EQ(fs::file_size(dir.path() + "/empty"), 0u);
    ASSERT_TRUE(WriteFileAtomically(dir.path() + "/big", big, &error, t)) << error;
    EXPECT_TRUE(ReadFile(dir.path() + "/big") == big);
  }
  EXPECT_EQ(Names(dir.path()), (std::vector<std::string>{"big", "empty"}));
}

TEST(AtomicFile, WritesIntoTheCurrentFolder) {
  // A bare file name: the temporary file goes to ".".
  TempDir dir;
  for (TemporaryFile t : {TemporaryFile::kAuto, TemporaryFile::kNamed}) {
    int status = InChild([&] {
      if (::chdir(dir.path().c_str()) != 0) return 3;
      std::string error;
      return WriteFileAtomically("here.csv", "a,b\r\n", &error, t) ? 0 : 1;
    });
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_EQ(ReadFile(dir.path() + "/here.csv"), "a,b\r\n");
  }
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"here.csv"});
}

TEST(AtomicFile, FailsCleanlyInAMissingDirectory) {
  TempDir dir;
  std::string error;
  EXPECT_FALSE(WriteFileAtomically(dir.path() + "/nope/report.json", "x", &error));
  EXPECT_EQ(error, dir.path() +
                       "/nope/report.json: cannot create a file there: No such file or "
                       "directory");
  EXPECT_FALSE(
      WriteFileAtomically(dir.path() + "/nope/report.json", "x", &error, TemporaryFile::kNamed));
  EXPECT_EQ(error, dir.path() +
                       "/nope/report.json: cannot create a file there: No such file or "
                       "directory");
  EXPECT_EQ(Entries(dir.path()), 0u);
}

TEST(AtomicFile, FailsCleanlyWhenTheFolderIsAFile) {
  TempDir dir;
  dir.Write("plain", "not a folder");
  std::string error;
  for (TemporaryFile t : {TemporaryFile::kAuto, TemporaryFile::kNamed}) {
    EXPECT_FALSE(WriteFileAtomically(dir.path() + "/plain/report.json", "x", &error, t));
    EXPECT_EQ(error,
              dir.path() + "/plain/report.json: cannot create a file there: Not a directory");
  }
  EXPECT_EQ(ReadFile(dir.path() + "/plain"), "not a folder");
  EXPECT_EQ(Entries(dir.path()), 1u);
}

TEST(AtomicFile, NeverTruncatesTheTargetWhenReplacingFails) {
  TempDir dir;
  // The target is a non-empty directory: rename fails, and it must stay as it was.
  std::string target = dir.path() + "/out";
  fs::create_directory(target);
  dir.Write("out/keep", "kept");
  std::string error;
  EXPECT_FALSE(WriteFileAtomically(target, "x", &error));
  EXPECT_NE(error.find("cannot replace the file"), std::string::npos) << error;
  EXPECT_EQ(ReadFile(target + "/keep"), "kept");
  EXPECT_EQ(Entries(dir.path()), 1u);
  EXPECT_FALSE(WriteFileAtomically(target, "x", &error, TemporaryFile::kNamed));
  EXPECT_NE(error.find("cannot replace the file"), std::string::npos) << error;
  EXPECT_EQ(ReadFile(target + "/keep"), "kept");
  EXPECT_EQ(Entries(dir.path()), 1u);
}

TEST(AtomicFile, CreatesFilesWithTheUmask) {
  TempDir dir;
  mode_t old = ::umask(027);
  std::string error;
  bool fresh = WriteFileAtomically(dir.path() + "/a", "a", &error);
  dir.Write("b", "old");
  ::chmod((dir.path() + "/b").c_str(), 0600);
  bool replaced = WriteFileAtomically(dir.path() + "/b", "b", &error);
  bool named = WriteFileAtomically(dir.path() + "/c", "c", &error, TemporaryFile::kNamed);
  ::umask(old);
  ASSERT_TRUE(fresh && replaced && named) << error;
  for (const char* name : {"a", "b", "c"}) {
    struct stat st;
    ASSERT_EQ(::stat((dir.path() + "/" + name).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u) << name;  // 0666 minus the umask, as `>` makes them
  }
}

TEST(AtomicFile, AFailedWriteLeavesNothingAndKeepsTheTarget) {
  // A full disk, simulated with a file-size limit: write() fails half way.
  TempDir dir;
  std::string target = dir.Write("report.pdf", "earlier report");
  std::string fresh = dir.path() + "/new.pdf";
  for (TemporaryFile t : {TemporaryFile::kAuto, TemporaryFile::kNamed}) {
    int status = WriteOverTheLimit(target, 1u << 20, 64 * 1024, true, t,
                                   target + ": write failed: File too large");
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);
    status = WriteOverTheLimit(fresh, 1u << 20, 64 * 1024, true, t,
                               fresh + ": write failed: File too large");
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);
    EXPECT_EQ(ReadFile(target), "earlier report");
    EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"report.pdf"});
  }
}

TEST(AtomicFile, AWriterKilledMidWriteLeavesNothingBehind) {
  // Past the file-size limit the kernel kills the writer with SIGXFSZ in the middle of write():
  // a kill at a known point. The nameless temporary file dies with it.
  TempDir dir;
  std::string target = dir.Write("report.json", "earlier report");
  int status = WriteOverTheLimit(target, 1u << 20, 64 * 1024, false, TemporaryFile::kAuto, "");
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGXFSZ);
  status = WriteOverTheLimit(dir.path() + "/new.json", 1u << 20, 64 * 1024, false,
                             TemporaryFile::kAuto, "");
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(ReadFile(target), "earlier report");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"report.json"});
}

TEST(AtomicFile, AKilledWriterLeavesItsNamedTemporaryFile) {
  // Why O_TMPFILE: the same kill with a named temporary file leaves `<target>.tmp-XXXXXX`, cut
  // short. (This also shows that the kill above really lands mid-write.)
  TempDir dir;
  std::string target = dir.Write("report.json", "earlier report");
  int status = WriteOverTheLimit(target, 1u << 20, 64 * 1024, false, TemporaryFile::kNamed, "");
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(ReadFile(target), "earlier report");
  std::vector<std::string> names = Names(dir.path());
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0], "report.json");
  EXPECT_EQ(names[1].rfind("report.json.tmp-", 0), 0u) << names[1];
  EXPECT_EQ(fs::file_size(dir.path() + "/" + names[1]), 64u * 1024);
}

// True when process `pid` has a nameless file of `dir` open (O_TMPFILE: "/dir/#123 (deleted)").
bool HasNamelessFileIn(pid_t pid, const std::string& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
    std::error_code link_ec;
    fs::path target = fs::read_symlink(e.path(), link_ec);
    if (!link_ec && target.string().rfind(dir + "/#", 0) == 0) return true;
  }
  return false;
}

TEST(AtomicFile, SigkillWhileTheTemporaryFileIsOpenLeavesNothingBehind) {
  TempDir dir;
  std::string base = fs::canonical(dir.path()).string();
  std::string target = dir.Write("report.pdf", "earlier report");
  std::string content(64u << 20, 'k');  // long enough to catch the writer at work
  for (bool existing : {true, false}) {
    std::string path = existing ? target : base + "/fresh.pdf";
    pid_t pid = ::fork();
    if (pid == 0) {
      std::string error;
      for (;;) WriteFileAtomically(path, content, &error);
    }
    bool seen = false;
    std::vector<std::string> names_meanwhile;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!seen && std::chrono::steady_clock::now() < deadline) {
      seen = HasNamelessFileIn(pid, base);
      if (!seen) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (seen) names_meanwhile = Names(base);  // the file being written has no name
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(seen) << "the writer never opened an O_TMPFILE file in " << base;
    std::set<std::string> allowed = {"report.pdf", "fresh.pdf"};
    for (const std::string& n : names_meanwhile) EXPECT_TRUE(allowed.count(n)) << n;
    // A kill in the moment between linking the flushed file beside the target and renaming it
    // over the target leaves that whole copy, and nothing else; the next write removes it.
    const std::string beside = ".report.pdf.sceau-new";
    std::vector<std::string> names = Names(base);
    for (const std::string& n : names) {
      if (n == beside) {
        EXPECT_EQ(fs::file_size(base + "/" + n), content.size());
        std::string error;
        EXPECT_TRUE(WriteFileAtomically(target, "earlier report", &error)) << error;
        EXPECT_FALSE(fs::exists(base + "/" + n));
        continue;
      }
      EXPECT_TRUE(allowed.count(n)) << "left behind: " << n;
    }
    std::string now = ReadFile(target);
    EXPECT_TRUE(now == "earlier report" || now == content) << now.size() << " bytes";
    if (fs::exists(base + "/fresh.pdf")) {
      EXPECT_EQ(fs::file_size(base + "/fresh.pdf"), content.size());
    }
  }
}

TEST(AtomicFile, ConcurrentWritersLeaveOneWholeFile) {
  TempDir dir;
  std::string path = dir.path() + "/report.json";
  std::vector<std::thread> threads;
  std::vector<std::string> errors(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      std::string content(100000 + static_cast<size_t>(t), static_cast<char>('a' + t));
      for (int i = 0; i < 20; ++i) {
        std::string error;
        if (!WriteFileAtomically(path, content, &error)) errors[static_cast<size_t>(t)] = error;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& e : errors) EXPECT_EQ(e, "");
  std::string now = ReadFile(path);
  ASSERT_GE(now.size(), 100000u);
  size_t writer = now.size() - 100000;
  EXPECT_EQ(now, std::string(now.size(), static_cast<char>('a' + writer)));
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"report.json"});
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0666u & ~mask);
}

// What a writer killed between its two steps of a replacement leaves, `.<name>.sceau-new` (a
// whole, flushed file), is gone after the next write of that target, with both writers; nothing
// else in the folder is touched.
TEST(AtomicFile, TheNextWriteRemovesWhatAKilledReplacementLeft) {
  TempDir dir;
  const std::string d = dir.path();
  for (int multi = 0; multi < 2; ++multi) {
    SCOPED_TRACE(multi ? "WriteFilesAtomically" : "WriteFileAtomically");
    dir.Write("report.json", "earlier");
    dir.Write(".report.json.sceau-new", "killed writer's whole report");
    dir.Write(".other.json.sceau-new", "another target's");
    std::string error;
    bool written = multi ? WriteFilesAtomically({{d + "/report.json", "new"}}, &error)
                         : WriteFileAtomically(d + "/report.json", "new", &error);
    ASSERT_TRUE(written) << error;
    EXPECT_EQ(ReadFile(d + "/report.json"), "new");
    EXPECT_EQ(Names(d), (std::vector<std::string>{".other.json.sceau-new", "report.json"}));
    fs::remove(d + "/.other.json.sceau-new");
  }
  // Something that is not a file under that name is not replaced: an error, the target kept.
  fs::create_directory(d + "/.report.json.sceau-new");
  dir.Write(".report.json.sceau-new/keep", "kept");
  std::string error;
  EXPECT_FALSE(WriteFileAtomically(d + "/report.json", "newer", &error));
  EXPECT_NE(error.find(d + "/report.json: cannot replace the file: "), std::string::npos) << error;
  EXPECT_EQ(ReadFile(d + "/report.json"), "new");
  EXPECT_EQ(ReadFile(d + "/.report.json.sceau-new/keep"), "kept");
}

// CreateFileAtomically (`template --out`, `migrate --out`) never replaces whatever holds the
// name, a dangling symbolic link included, with either kind of temporary file; the name is
// checked by the publishing step itself, not before.
TEST(AtomicFile, CreateNeverReplacesAnythingAtTheName) {
  for (TemporaryFile temporary : {TemporaryFile::kAuto, TemporaryFile::kNamed}) {
    SCOPED_TRACE(temporary == TemporaryFile::kAuto ? "auto" : "named");
    TempDir dir;
    const std::string d = dir.path();
    std::string error;
    bool existed = false;
    // Nothing there: created.
    ASSERT_TRUE(CreateFileAtomically(d + "/new.yaml", "new", &error, &existed, temporary)) << error;
    EXPECT_FALSE(existed);
    EXPECT_EQ(ReadFile(d + "/new.yaml"), "new");
    // An existing file.
    dir.Write("file.yaml", "mine");
    EXPECT_FALSE(CreateFileAtomically(d + "/file.yaml", "new", &error, &existed, temporary));
    EXPECT_TRUE(existed);
    EXPECT_EQ(error, d + "/file.yaml exists already");
    EXPECT_EQ(ReadFile(d + "/file.yaml"), "mine");
    // A dangling symbolic link: not followed, not replaced, its target not created.
    fs::create_symlink(d + "/nowhere.yaml", d + "/dangling.yaml");
    existed = false;
    EXPECT_FALSE(CreateFileAtomically(d + "/dangling.yaml", "new", &error, &existed, temporary));
    EXPECT_TRUE(existed);
    EXPECT_EQ(error, d + "/dangling.yaml exists already");
    EXPECT_TRUE(fs::is_symlink(fs::symlink_status(d + "/dangling.yaml")));
    EXPECT_FALSE(fs::exists(d + "/nowhere.yaml"));
    // A symbolic link to an existing file: the link and its target stay as they were.
    dir.Write("target.yaml", "target");
    fs::create_symlink(d + "/target.yaml", d + "/link.yaml");
    existed = false;
    EXPECT_FALSE(CreateFileAtomically(d + "/link.yaml", "new", &error, &existed, temporary));
    EXPECT_TRUE(existed);
    EXPECT_TRUE(fs::is_symlink(fs::symlink_status(d + "/link.yaml")));
    EXPECT_EQ(ReadFile(d + "/target.yaml"), "target");
    // Nothing left behind.
    EXPECT_EQ(Names(d), (std::vector<std::string>{"dangling.yaml", "file.yaml", "link.yaml",
                                                  "new.yaml", "target.yaml"}));
  }
}

}  // namespace
}  // namespace sceau
