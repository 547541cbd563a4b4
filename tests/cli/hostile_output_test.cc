// Hostile input, second round: batch never loses or fakes a report, nothing from user data reaches
// a terminal or a spreadsheet raw, allocation failure is a clean exit, read-only registers, and
// outputs that never replace what is at their path.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "engine/source.h"
#include "register/register.h"
#include "reports/csv_writer.h"
#include "reports/signing.h"
#include "tests/register/register_fixtures.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

namespace fs = std::filesystem;
using testing::FakeResult;
using testing::ReadFile;
using testing::RunSceau;
using testing::Shell;
using testing::SourcePath;
using testing::TempDir;

std::string Q(const std::string& s) { return "'" + s + "'"; }

void WriteFile(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::set<std::string> ReportsUnder(const fs::path& dir) {
  std::set<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string rel = e.path().lexically_relative(dir).generic_string();
    if (e.is_regular_file() && rel.rfind(".sceau-batch/", 0) != 0) out.insert(rel);
  }
  return out;
}

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n') + 1); }

std::string Granted() { return ReadFile(SourcePath("audits/granted.yaml")); }

std::string Batch(const fs::path& campaign, const fs::path& out, const std::string& more = "",
                  const std::string& formats = "json") {
  return "batch " + Q(campaign.string()) + " --out " + Q(out.string()) + " --format " + formats +
         " --progress none " + more;
}

// ---- 1. Batch never loses or fakes a report ---------------------------------------------------

TEST(HostileBatch, AStandaloneDossierAndAGroupMemberWritingTheSameReportCollide) {
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "c";
  fs::create_directories(campaign);
  fs::copy(SourcePath("audits/groups"), campaign / "groups", fs::copy_options::recursive);
  // Not a member (another folder on a case-sensitive file system), but its reports are the
  // member's OUT/groups/ges-sentiers-et-berges/aci-sentiers-et-berges.* on a case-insensitive one.
  WriteFile(campaign / "groups/GES-sentiers-et-berges/aci-sentiers-et-berges.yaml", Granted());
  fs::path out = fs::path(dir.path()) / "out";
  auto r = RunSceau(Batch(campaign, out));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(FirstLine(r.out), "2 dossiers: 1 audited, 0 skipped (unchanged), 1 failed\n");
  EXPECT_NE(r.err.find("ges-sentiers-et-berges.yaml: error: its reports would overwrite those of "
                       "'groups/GES-sentiers-et-berges/aci-sentiers-et-berges.yaml': rename one "
                       "of them [batch-collision]"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(ReportsUnder(out),
            std::set<std::string>{"groups/GES-sentiers-et-berges/aci-sentiers-et-berges.json"});
}

TEST(HostileBatch, ReportNamesThatDifferOnlyByCaseCollide) {
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "c";
  WriteFile(campaign / "Nord/a.yaml", Granted());
  WriteFile(campaign / "nord/A.yml", Granted());
  fs::path out = fs::path(dir.path()) / "out";
  auto r = RunSceau(Batch(campaign, out));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(FirstLine(r.out), "2 dossiers: 1 audited, 0 skipped (unchanged), 1 failed\n");
  EXPECT_NE(r.err.find("nord/A.yml: error: its reports would overwrite those of 'Nord/a.yaml': "
                       "rename one of them [batch-collision]"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(ReportsUnder(out), std::set<std::string>{"Nord/a.json"});
}

TEST(HostileBatch, StampsAreRelativeToTheCampaignAndTheOutputFolder) {
  TempDir dir;
  fs::path one = fs::path(dir.path()) / "one", two = fs::path(dir.path()) / "two";
  fs::path out = fs::path(dir.path()) / "out";
  WriteFile(one / "a.yaml", Granted());
  WriteFile(two / "a.yaml", ReadFile(SourcePath("audits/refused-major.yaml")));
  ASSERT_EQ(RunSceau(Batch(one, out)).exit_code, 0);
  std::string first = ReadFile((out / "a.json").string());
  // Another campaign of the same layout into the same --out is audited, not "unchanged".
  auto r = RunSceau(Batch(two, out));
  EXPECT_EQ(FirstLine(r.out), "1 dossier: 1 audited, 0 skipped (unchanged), 0 failed\n") << r.err;
  EXPECT_NE(ReadFile((out / "a.json").string()), first);
  // No absolute path in the stamp.
  std::string stamp = ReadFile((out / ".sceau-batch/a.yaml.stamp").string());
  EXPECT_EQ(stamp.find(dir.path()), std::string::npos) << stamp;
  EXPECT_NE(stamp.find("\ninput "), std::string::npos) << stamp;
  EXPECT_NE(stamp.find(" a.yaml\n"), std::string::npos) << stamp;
  EXPECT_NE(stamp.find("\noutput a.json\n"), std::string::npos) << stamp;
  // A copied --out whose reports were deleted gets them back.
  fs::path copy = fs::path(dir.path()) / "copy";
  fs::copy(out, copy, fs::copy_options::recursive);
  fs::remove(copy / "a.json");
  r = RunSceau(Batch(two, copy));
  EXPECT_EQ(FirstLine(r.out), "1 dossier: 1 audited, 0 skipped (unchanged), 0 failed\n") << r.err;
  EXPECT_TRUE(fs::exists(copy / "a.json"));
  // The campaign and its --out moved together stay up to date.
  fs::rename(two, fs::path(dir.path()) / "moved");
  fs::rename(copy, fs::path(dir.path()) / "moved-out");
  r = RunSceau(Batch(fs::path(dir.path()) / "moved", fs::path(dir.path()) / "moved-out"));
  EXPECT_EQ(FirstLine(r.out), "1 dossier: 0 audited, 1 skipped (unchanged), 0 failed\n") << r.err;
}

TEST(HostileBatch, AFailedDossierLeavesNoReportThatLooksCurrent) {
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "c", out = fs::path(dir.path()) / "out";
  WriteFile(campaign / "a.yaml", Granted());
  WriteFile(campaign / "b.yaml", Granted());
  ASSERT_EQ(RunSceau(Batch(campaign, out, "", "json,csv")).exit_code, 0);
  ASSERT_EQ(ReportsUnder(out), (std::set<std::string>{"a.csv", "a.json", "b.csv", "b.json"}));
  WriteFile(campaign / "a.yaml", Granted() + "organisation: twice\n");
  auto r = RunSceau(Batch(campaign, out, "", "json,csv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(FirstLine(r.out), "2 dossiers: 0 audited, 1 skipped (unchanged), 1 failed\n");
  EXPECT_NE(r.err.find((campaign / "a.yaml").string() +
                       ": note: 2 earlier reports removed: they no longer match the dossier\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(ReportsUnder(out), (std::set<std::string>{"b.csv", "b.json"}));
  EXPECT_FALSE(fs::exists(out / ".sceau-batch/a.yaml.stamp"));
  EXPECT_TRUE(fs::exists(out / ".sceau-batch/b.yaml.stamp"));
}

TEST(HostileBatch, AFileListedThroughTwoPathsIsAuditedOnce) {
  TempDir dir;
  fs::path base(dir.path());
  WriteFile(base / "real/a.yaml", Granted());
  fs::create_directory_symlink("real", base / "link");
  WriteFile(base / "list.txt", "real/a.yaml\nlink/a.yaml\n");
  auto r = RunSceau("batch " + Q((base / "list.txt").string()) + " --out " +
                    Q((base / "out").string()) + " --format json --progress none");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FirstLine(r.out), "1 dossier: 1 audited, 0 skipped (unchanged), 0 failed\n");
  EXPECT_EQ(ReportsUnder(base / "out"), std::set<std::string>{"real/a.json"});
}

// Run as an unprivileged user under a process limit (root ignores RLIMIT_NPROC), so that only
// a few of the 40 threads asked for can start.
TEST(HostileBatch, JobsThatCannotStartAreNotAnAbort) {
  if (::geteuid() != 0 || Shell("command -v setpriv").empty() ||
      Shell("command -v prlimit").empty()) {
    GTEST_SKIP() << "needs root, setpriv and prlimit to run as another user under a limit";
  }
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "c";
  for (int i = 0; i < 12; ++i) WriteFile(campaign / (std::to_string(i) + ".yaml"), Granted());
  fs::permissions(dir.path(), fs::perms::all);
  std::string run = "(cd " + Q(SCEAU_SOURCE_DIR) + " && prlimit --nproc=4 setpriv --reuid=65534 " +
                    "--regid=65534 --clear-groups " + Q(SCEAU_BINARY) + " " +
                    Batch(campaign, fs::path(dir.path()) / "out", "--jobs 40") + " 2>&1)";
  int status = -1;
  std::string output = Shell(run, &status);
  EXPECT_TRUE(status == 0 || status == 2) << status << "\n" << output;
  if (status == 0) {
    EXPECT_NE(output.find("sceau batch: warning: only "), std::string::npos) << output;
    EXPECT_NE(output.find("12 dossiers: 12 audited"), std::string::npos) << output;
  } else {
    EXPECT_NE(output.find("sceau batch: cannot start a thread: "), std::string::npos) << output;
  }
}

// ---- 3. Allocation failure, --max-diagnostics ---------------------------------------------------

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SCEAU_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define SCEAU_SANITIZED 1
#endif
#endif

TEST(HostileMemory, AllocationFailureIsACleanErrorExit) {
#ifdef SCEAU_SANITIZED
  GTEST_SKIP() << "a sanitizer reserves address space of its own";
#else
  if (Shell("command -v prlimit").empty()) GTEST_SKIP() << "needs prlimit";
  TempDir dir;
  // A dossier with a 40 MB value: reading and parsing it needs more memory than the 150 MB of
  // address space leave (before the fix: std::bad_alloc uncaught, abort, exit by SIGABRT).
  std::string path = dir.Write("huge.yaml", Granted() + "x: " + std::string(40000000, 'a') + "\n");
  int status = -1;
  std::string output = Shell("(cd " + Q(SCEAU_SOURCE_DIR) + " && prlimit --as=150000000 " +
                                 Q(SCEAU_BINARY) + " check " + Q(path) + " 2>&1)",
                             &status);
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("sceau: out of memory: the input is too large for the memory available\n"),
            std::string::npos)
      << output;
#endif
}

TEST(HostileMemory, MaxDiagnosticsIsAGlobalOption) {
  TempDir dir;
  std::string bad = "format: 1\nreferential: {id: cedre-iso9001, version: \"2026.1\"}\n";
  for (int i = 0; i < 5; ++i) bad += "unknown" + std::to_string(i) + ": 1\n";
  std::string path = dir.Write("bad.yaml", bad);
  auto count = [](const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  auto all = RunSceau("--max-diagnostics 0 check " + Q(path));
  auto two = RunSceau("--max-diagnostics 2 check " + Q(path));
  EXPECT_EQ(all.exit_code, 1);
  EXPECT_EQ(two.exit_code, 1);
  EXPECT_GT(count(all.err, ": error: "), 2u) << all.err;
  EXPECT_EQ(count(two.err, ": error: "), 2u) << two.err;
  EXPECT_NE(two.err.find("not shown: only the first 2 diagnostics of a file are kept"),
            std::string::npos)
      << two.err;
  EXPECT_EQ(RunSceau("--max-diagnostics -1 check " + Q(path)).exit_code, 2);
  SetMaxDiagnosticsPerFile(kDefaultMaxDiagnostics);
}

// ---- 4. Nothing reaches a terminal or a spreadsheet raw ----------------------------------------

TEST(HostileText, AVerdictCannotBeRewrittenByTheOrganisationName) {
  Verification v;
  v.valid = true;
  v.key_id = "k1";
  v.model.org_name = "ACME, granted, certificate 2026-01-01 \xE2\x86\x92 2029-01-01\x1B[8m";
  v.model.decision = "refused";
  EXPECT_EQ(VerdictLine(v),
            "valid: ACME, granted, certificate 2026-01-01 \xE2\x86\x92 2029-01-01\\x1B[8m, "
            "refused, no certificate, signed by key k1");
  v.valid = false;
  v.problem = "bad\nline\xE2\x80\xAE";
  EXPECT_EQ(VerdictLine(v), "INVALID: bad\\nline\\u202E");
}

TEST(HostileText, DiagnosticMessagesAndFileNamesAreEscaped) {
  Diagnostic d;
  d.file = "a\x1B]0;title\x07.yaml";
  d.where = {1, 1, 1};
  d.message = "unknown key 'x\x1B[2Jy\xE2\x80\xAE'";
  d.code = "k";
  EXPECT_EQ(RenderDiagnostic(d, RenderOptions{false, false}),
            "a\\x1B]0;title\\x07.yaml:1:1: error: unknown key 'x\\x1B[2Jy\\u202E' [k]\n");
}

TEST(HostileText, CsvCellsEscapeControlCharactersAndKeepNewlines) {
  EXPECT_EQ(CsvCell("a\x1B[31mb\xE2\x80\x8B", ','), "a\\x1B[31mb\\u200B");
  EXPECT_EQ(CsvCell("line one\nline two", ','), "\"line one\nline two\"");
  EXPECT_EQ(CsvCell("=1+1\x07", ','), "'=1+1\\x07");
}

TEST(HostileText, RegisterListAndShowEscapeTheOrganisation) {
  TempDir dir;
  FakeResult r = FakeResult::Initial("Ressourcerie\x1B[8m granted", "", "2026-04-02");
  std::string result = dir.Write("r.json", r.Json());
  std::string db = dir.path() + "/register.sqlite3";
  auto rec = RunSceau("register --db " + Q(db) + " record " + Q(result));
  ASSERT_EQ(rec.exit_code, 0) << rec.err;
  EXPECT_EQ(rec.out.find('\x1B'), std::string::npos) << rec.out;
  EXPECT_NE(rec.out.find("Ressourcerie\\x1B[8m granted"), std::string::npos) << rec.out;
  auto list = RunSceau("register --db " + Q(db) + " list --today 2026-05-01");
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out.find('\x1B'), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("Ressourcerie\\x1B[8m granted\n"), std::string::npos) << list.out;
  auto csv = RunSceau("register --db " + Q(db) + " list --format csv --today 2026-05-01");
  EXPECT_EQ(csv.out.find('\x1B'), std::string::npos) << csv.out;
}

// ---- 5. Read-only registers, outputs never replaced ---------------------------------------------

std::string MakeRegister(const TempDir& dir) {
  std::string result = dir.Write("r.json", FakeResult::Initial("Atelier", "", "2026-04-02").Json());
  std::string db = dir.path() + "/register.sqlite3";
  EXPECT_EQ(RunSceau("register --db " + Q(db) + " record " + Q(result)).exit_code, 0);
  return db;
}

TEST(HostileRegister, ListAndShowOpenTheFileReadOnly) {
  // What this proves: the read-only open path is the one taken (the flags, through the
  // read_only_open_flags() seam), and that it neither writes nor needs write access; the next test
  // checks the same against a user who may only read.
  TempDir dir;
  std::string db = MakeRegister(dir);
  RegisterOpenOptions options;
  options.create = false;
  options.read_only = true;
  std::string error;
  auto reg = CertificateRegister::Open(db, options, &error);
  ASSERT_TRUE(reg) << error;
  EXPECT_NE(reg->read_only_open_flags() & SQLITE_OPEN_READONLY, 0);
  EXPECT_EQ(reg->read_only_open_flags() & SQLITE_OPEN_READWRITE, 0);
  auto writable = CertificateRegister::Open(db, RegisterOpenOptions{}, &error);
  ASSERT_TRUE(writable) << error;
  EXPECT_EQ(writable->read_only_open_flags(), 0);
}

TEST(HostileRegister, ListAndShowWorkForAUserWhoMayOnlyRead) {
  if (::geteuid() != 0 || Shell("command -v setpriv").empty()) {
    GTEST_SKIP() << "needs root and setpriv to run as a user without write access";
  }
  TempDir dir;
  std::string db = MakeRegister(dir);
  // The file and its folder: readable by everyone, writable by root only (the folder too, so
  // that no -shm or -wal file can be made next to it).
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  std::string as_nobody = "(cd " + Q(SCEAU_SOURCE_DIR) +
                          " && setpriv --reuid=65534 --regid=65534 --clear-groups " +
                          Q(SCEAU_BINARY) + " register --db " + Q(db) + " ";
  int status = -1;
  std::string list = Shell(as_nobody + "list --today 2026-05-01 2>&1)", &status);
  EXPECT_EQ(status, 0) << list;
  EXPECT_NE(list.find("Atelier\n1 certificate\n"), std::string::npos) << list;
  std::string number =
      list.substr(list.find('\n') + 1, list.find(' ', list.find('\n')) - list.find('\n') - 1);
  std::string show = Shell(as_nobody + "show " + Q(number) + " --today 2026-05-01 2>&1)", &status);
  EXPECT_EQ(status, 0) << show;
  EXPECT_EQ(show.rfind(number + "  Atelier\n", 0), 0u) << show;
}

TEST(HostileRegister, ListOnAnEmptyFileRefusesAndWritesNothing) {
  TempDir dir;
  std::string db = dir.Write("empty.sqlite3", "");
  for (const char* sub : {"list", "show CEDRE-2026-00001"}) {
    auto r = RunSceau("register --db " + Q(db) + " " + sub);
    EXPECT_EQ(r.exit_code, 1) << sub;
    EXPECT_EQ(r.err, "sceau register " + std::string(sub).substr(0, 4) + ": " + db +
                         ": empty file, not a register (the first 'sceau register record' "
                         "creates one)\n");
    EXPECT_EQ(fs::file_size(db), 0u);
  }
  EXPECT_FALSE(fs::exists(db + "-wal"));
  auto missing = RunSceau("register --db " + Q(dir.path() + "/none.sqlite3") + " list");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_FALSE(fs::exists(dir.path() + "/none.sqlite3"));
}

TEST(HostileTemplate, NeverReplacesADanglingSymlink) {
  TempDir dir;
  fs::path link = fs::path(dir.path()) / "dossier.yaml";
  fs::create_symlink(fs::path(dir.path()) / "nowhere.yaml", link);
  auto r =
      RunSceau("template referentials/cedre-iso9001.yaml --kind ACI --out " + Q(link.string()));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(r.err, "sceau template: " + link.string() +
                       " exists already: refusing to overwrite a dossier\n");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
  EXPECT_FALSE(fs::exists(fs::path(dir.path()) / "nowhere.yaml"));
}

TEST(HostileTemplate, NeverReplacesAFileNorASymlinkToOne) {
  TempDir dir;
  const std::string file = dir.Write("dossier.yaml", "my filled-in dossier\n");
  const std::string target = dir.Write("target.yaml", "the link's target\n");
  const std::string link = dir.path() + "/link.yaml";
  fs::create_symlink(target, link);
  for (const std::string& out : {file, link}) {
    SCOPED_TRACE(out);
    auto r = RunSceau("template referentials/cedre-iso9001.yaml --kind ACI --out " + Q(out));
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "sceau template: " + out + " exists already: refusing to overwrite a dossier\n");
  }
  EXPECT_EQ(ReadFile(file), "my filled-in dossier\n");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
  EXPECT_EQ(ReadFile(target), "the link's target\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 3);
}

}  // namespace
}  // namespace sceau
