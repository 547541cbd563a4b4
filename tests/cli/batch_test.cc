// End-to-end tests of `sceau batch`: failures reported and counted, resume, shards, a killed batch.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_util.h"

namespace sceau {
namespace {

namespace fs = std::filesystem;
using testing::Edit;
using testing::ReadFile;
using testing::RunSceau;
using testing::SourcePath;
using testing::TempDir;

void WriteFile(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

// Every regular file under `dir`, relative to it, with '/', sorted.
std::set<std::string> FilesUnder(const fs::path& dir) {
  std::set<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out.insert(e.path().lexically_relative(dir).generic_string());
  }
  return out;
}

// The reports (not the stamps) under `dir`.
std::set<std::string> ReportsUnder(const fs::path& dir) {
  std::set<std::string> out;
  for (const std::string& f : FilesUnder(dir)) {
    if (f.rfind(".sceau-batch/", 0) != 0) out.insert(f);
  }
  return out;
}

std::string Granted() { return ReadFile(SourcePath("audits/granted.yaml")); }

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

// The first `n` lines of `text`, each with its '\n'.
std::string FirstLines(const std::string& text, int n) {
  size_t at = 0;
  for (int i = 0; i < n && at != std::string::npos; ++i) {
    at = text.find('\n', at);
    if (at != std::string::npos) ++at;
  }
  return text.substr(0, at);
}

TEST(Batch, ReportsBrokenDossiersAndCompletesTheOthers) {
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "campagne";
  fs::path out = fs::path(dir.path()) / "out";
  WriteFile(campaign / "bretagne/a.yaml", Granted());
  WriteFile(campaign / "occitanie/b.yaml", Granted());
  WriteFile(campaign / "occitanie/broken.yaml",
            "format: 1\nreferential: {id: cedre-iso9001, version: \"2026.1\"}\norganisation:\n"
            "  name: [\n");
  WriteFile(campaign / "team.yaml", Edit(Granted(), "decision_maker: \"Bernadette Roussel\"",
                                         "decision_maker: \"Hélène Vasseur\""));
  WriteFile(campaign / "notes.txt", "not a dossier");
  auto r = RunSceau("batch " + Quoted(campaign.string()) + " --out " + Quoted(out.string()) +
                    " --jobs 2 --progress lines");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "4 dossiers: 2 audited, 0 skipped (unchanged), 2 failed");
  // One progress line per dossier, then the diagnostics of the failed ones, in campaign order.
  size_t last_progress = r.err.find("[4/4] ");
  ASSERT_NE(last_progress, std::string::npos) << r.err;
  std::string after = r.err.substr(r.err.find('\n', last_progress) + 1);
  std::string c = campaign.string();
  EXPECT_EQ(
      after,
      c +
          "/occitanie/broken.yaml:4:11: error: YAML syntax error: did not find expected node "
          "content [yaml-syntax]\n"
          "    4 |   name: [\n"
          "      |          ^\n" +
          c + "/occitanie/broken.yaml: 1 error(s), 0 warning(s): no report written\n" + c +
          "/team.yaml:40:19: error: the decision maker 'Hélène Vasseur' is on the audit team: "
          "the decision must be taken by someone who did not audit (ISO/IEC 17021-1) "
          "[decision-maker-on-team]\n"
          "   40 |   decision_maker: \"Hélène Vasseur\"\n"
          "      |                   ^~~~~~~~~~~~~~~~\n" +
          c + "/team.yaml: 1 error(s), 0 warning(s): no report written\n");
  for (const char* line : {"FAILED  occitanie/broken.yaml\n", "FAILED  team.yaml\n",
                           "ok      bretagne/a.yaml\n", "ok      occitanie/b.yaml\n"}) {
    EXPECT_NE(r.err.find(line), std::string::npos) << line;
  }
  // The good ones are complete; the broken ones have nothing.
  EXPECT_EQ(ReportsUnder(out),
            (std::set<std::string>{"bretagne/a.csv", "bretagne/a.json", "bretagne/a.pdf",
                                   "occitanie/b.csv", "occitanie/b.json", "occitanie/b.pdf"}));
  EXPECT_NE(ReadFile((out / "bretagne/a.json").string()).find("\"decision\": \"granted\""),
            std::string::npos);
  EXPECT_EQ(ReadFile((out / "occitanie/b.pdf").string()).substr(0, 5), "%PDF-");
}

TEST(Batch, ResumeSkipsUnchangedDossiersAndRedoesChangedOnes) {
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "c";
  fs::path out = fs::path(dir.path()) / "out";
  for (const char* name : {"a.yaml", "b.yaml", "sub/c.yaml"}) WriteFile(campaign / name, Granted());
  std::string args = "batch " + Quoted(campaign.string()) + " --out " + Quoted(out.string()) +
                     " --format json,csv --progress none";
  auto first = RunSceau(args);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out.substr(0, first.out.find('\n')),
            "3 dossiers: 3 audited, 0 skipped (unchanged), 0 failed");
  auto again = RunSceau(args);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out.substr(0, again.out.find('\n')),
            "3 dossiers: 0 audited, 3 skipped (unchanged), 0 failed");
  // A changed dossier is redone, and so is one whose report went missing.
  WriteFile(campaign / "b.yaml", Granted() + "# relu\n");
  fs::remove(out / "sub/c.csv");
  auto changed = RunSceau(args);
  EXPECT_EQ(changed.out.substr(0, changed.out.find('\n')),
            "3 dossiers: 2 audited, 1 skipped (unchanged), 0 failed");
  EXPECT_TRUE(fs::exists(out / "sub/c.csv"));
  // Other formats are other reports: redone; --force redoes everything.
  auto pdf = RunSceau("batch " + Quoted(campaign.string()) + " --out " + Quoted(out.string()) +
                      " --format json --progress none");
  EXPECT_EQ(pdf.out.substr(0, pdf.out.find('\n')),
            "3 dossiers: 3 audited, 0 skipped (unchanged), 0 failed");
  auto forced = RunSceau(args + " --force");
  EXPECT_EQ(forced.out.substr(0, forced.out.find('\n')),
            "3 dossiers: 3 audited, 0 skipped (unchanged), 0 failed");
  // A changed referential is a changed input too.
  TempDir refs;
  WriteFile(fs::path(refs.path()) / "cedre.yaml",
            ReadFile(SourcePath("referentials/cedre-iso9001.yaml")) + "# nouvelle édition\n");
  auto other = RunSceau(args + " --referentials " + Quoted(refs.path()));
  EXPECT_EQ(other.out.substr(0, other.out.find('\n')),
            "3 dossiers: 3 audited, 0 skipped (unchanged), 0 failed");
}

TEST(Batch, ResumeNoticesAChangedEvidenceFile) {
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "c";
  fs::path out = fs::path(dir.path()) / "out";
  WriteFile(campaign / "d.yaml",
            Edit(Granted(), "date: 2025-09-15}", "date: 2025-09-15, file: preuves/e1.txt}"));
  WriteFile(campaign / "preuves/e1.txt", "version 1");
  std::string args = "batch " + Quoted(campaign.string()) + " --out " + Quoted(out.string()) +
                     " --format json --progress none";
  const char* expected[] = {"1 dossier: 1 audited, 0 skipped (unchanged), 0 failed",
                            "1 dossier: 0 audited, 1 skipped (unchanged), 0 failed",
                            "1 dossier: 1 audited, 0 skipped (unchanged), 0 failed"};
  for (int run = 0; run < 3; ++run) {
    if (run == 2) WriteFile(campaign / "preuves/e1.txt", "version 2");
    auto r = RunSceau(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, r.out.find('\n')), expected[run]) << "run " << run;
  }
}

TEST(Batch, ShardsCoverTheCampaignExactlyOnce) {
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "c";
  std::set<std::string> all;
  for (int i = 1; i <= 10; ++i) {
    std::string name = "r" + std::to_string(i % 3) + "/m" + std::to_string(i) + ".yaml";
    WriteFile(campaign / name, Granted());
    all.insert(name.substr(0, name.size() - 5) + ".json");
  }
  // Pinned: the share of a path depends on the path alone (1 + FNV-1a 64 of it, modulo N),
  // e.g. 1 + fnv1a64("r2/m2.yaml") % 3 = 3.
  const std::set<std::string> expected[3] = {
      {"r0/m3.json", "r0/m6.json", "r1/m1.json", "r2/m8.json"},
      {"r0/m9.json", "r1/m4.json", "r1/m7.json", "r2/m5.json"},
      {"r1/m10.json", "r2/m2.json"},
  };
  std::set<std::string> seen;
  size_t total = 0;
  for (int k = 1; k <= 3; ++k) {
    fs::path out = fs::path(dir.path()) / ("out" + std::to_string(k));
    auto r = RunSceau("batch " + Quoted(campaign.string()) + " --out " + Quoted(out.string()) +
                      " --format json --progress none --shard " + std::to_string(k) + "/3");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::set<std::string> got = ReportsUnder(out);
    EXPECT_EQ(got, expected[k - 1]) << "shard " << k;
    EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
              std::to_string(got.size()) + " dossiers (shard " + std::to_string(k) + "/3 of 10): " +
                  std::to_string(got.size()) + " audited, 0 skipped (unchanged), 0 failed");
    total += got.size();
    seen.insert(got.begin(), got.end());
  }
  EXPECT_EQ(total, 10u);
  EXPECT_EQ(seen, all);
  // A new dossier moves no other between shards.
  WriteFile(campaign / "r0/m11.yaml", Granted());
  fs::path out1 = fs::path(dir.path()) / "again1";
  RunSceau("batch " + Quoted(campaign.string()) + " --out " + Quoted(out1.string()) +
           " --format json --progress none --shard 1/3");
  std::set<std::string> after = ReportsUnder(out1);
  after.erase("r0/m11.json");
  EXPECT_EQ(after, expected[0]);
}

TEST(Batch, RejectsBadArguments) {
  struct Case {
    std::string args;
    std::string err;
  };
  const Case cases[] = {
      {"--shard 0/3", "sceau batch: --shard '0/3': expected K/N with 1 <= K <= N (e.g. 2/8)\n"},
      {"--shard 4/3", "sceau batch: --shard '4/3': expected K/N with 1 <= K <= N (e.g. 2/8)\n"},
      {"--shard 1/3x", "sceau batch: --shard '1/3x': expected K/N with 1 <= K <= N (e.g. 2/8)\n"},
      {"--shard 2", "sceau batch: --shard '2': expected K/N with 1 <= K <= N (e.g. 2/8)\n"},
      {"--format json,docx", "sceau batch: unknown format 'docx': use json, csv, pdf\n"},
      {"--jobs -1", "sceau batch: --jobs -1: give at least 1 (0: one per core)\n"},
  };
  for (const Case& c : cases) {
    auto r = RunSceau("batch audits " + c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_EQ(r.err, c.err) << c.args;
  }
  auto missing = RunSceau("batch no/such/folder");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err,
            "sceau batch: no/such/folder: error: cannot read file: No such file or directory "
            "[io-error]\n");
}

TEST(Batch, ReadsAListOfDossiers) {
  TempDir dir;
  fs::path base(dir.path());
  WriteFile(base / "x/a.yaml", Granted());
  WriteFile(base / "b.yaml", Granted());
  WriteFile(
      base / "list.txt",
      "# campagne 2026\nx/a.yaml\n\nb.yaml   # relu\nmissing.yaml\n../outside.yaml\nb.yaml\n");
  fs::path out = base / "out";
  auto r = RunSceau("batch " + Quoted((base / "list.txt").string()) + " --out " +
                    Quoted(out.string()) + " --format json --progress none");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "4 dossiers: 2 audited, 0 skipped (unchanged), 2 failed");
  std::string list = (base / "list.txt").string();
  EXPECT_EQ(r.err, list +
                       ":5:1: error: 'missing.yaml': no such file [batch-list]\n"
                       "    5 | missing.yaml\n"
                       "      | ^~~~~~~~~~~~\n" +
                       list +
                       ":6:1: error: '../outside.yaml' is outside the list's folder: its reports "
                       "would be written outside --out [batch-list]\n"
                       "    6 | ../outside.yaml\n"
                       "      | ^~~~~~~~~~~~~~~\n");
  EXPECT_EQ(ReportsUnder(out), (std::set<std::string>{"b.json", "x/a.json"}));
}

// A list's entries are resolved inside the list's folder, symbolic links included: a link that
// leads out, and a named pipe, are refused before anything is read.
TEST(Batch, ListEntriesStayInsideTheListsFolder) {
  TempDir dir;
  TempDir outside;
  fs::path base(dir.path());
  WriteFile(base / "b.yaml", Granted());
  WriteFile(fs::path(outside.path()) / "shadow", "root:$6$not-for-your-eyes:19000:0:99999:7:::\n");
  fs::create_symlink(fs::path(outside.path()) / "shadow", base / "link.yaml");
  ASSERT_EQ(::mkfifo((base / "pipe.yaml").c_str(), 0600), 0);
  WriteFile(base / "list.txt", "b.yaml\nlink.yaml\npipe.yaml\n");
  fs::path out = base / "out";
  auto r = RunSceau("batch " + Quoted((base / "list.txt").string()) + " --out " +
                    Quoted(out.string()) + " --format json --progress none");
  EXPECT_EQ(r.exit_code, 1);
  std::string list = (base / "list.txt").string();
  EXPECT_EQ(r.err, list +
                       ":2:1: error: 'link.yaml' leaves the list's folder [batch-list]\n"
                       "    2 | link.yaml\n"
                       "      | ^~~~~~~~~\n" +
                       list +
                       ":3:1: error: 'pipe.yaml' is a named pipe, not a file [batch-list]\n"
                       "    3 | pipe.yaml\n"
                       "      | ^~~~~~~~~\n");
  EXPECT_EQ(r.err.find("root:"), std::string::npos);
  EXPECT_EQ(ReportsUnder(out), (std::set<std::string>{"b.json"}));
}

// A campaign's dossiers are read from a descriptor opened inside its folder: a link in the
// folder that leads to a dossier elsewhere is refused, not audited.
TEST(Batch, ACampaignsDossiersAreReadInsideItsFolder) {
  TempDir dir;
  TempDir outside;
  fs::path campaign = fs::path(dir.path()) / "c";
  WriteFile(campaign / "b.yaml", Granted());
  WriteFile(fs::path(outside.path()) / "elsewhere.yaml", Granted());
  fs::create_symlink(fs::path(outside.path()) / "elsewhere.yaml", campaign / "link.yaml");
  fs::path out = fs::path(dir.path()) / "out";
  auto r = RunSceau("batch " + Quoted(campaign.string()) + " --out " + Quoted(out.string()) +
                    " --format json --progress none");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(FirstLines(r.out, 1), "2 dossiers: 1 audited, 0 skipped (unchanged), 1 failed\n");
  EXPECT_NE(r.err.find((campaign / "link.yaml").string() +
                       ": error: leaves the campaign's folder [io-error]\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(ReportsUnder(out), (std::set<std::string>{"b.json"}));
}

TEST(Batch, LeavesOutReferentialsAndAuditsGroupMembersOnlyWithTheirGroup) {
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "c";
  WriteFile(campaign / "ref.yaml", ReadFile(SourcePath("tests/data/referentials/minimal.yaml")));
  WriteFile(campaign / "ges/m1.yaml", Granted());
  WriteFile(campaign / "ges/m2.yaml", Granted());
  WriteFile(campaign / "ges/groupe.yaml",
            "format: 1\nreferential: {id: cedre-iso9001, version: \"2026.1\"}\ngroup:\n"
            "  name: GES\n  kind: GES\n  members: [m1.yaml, m2.yaml]\n");
  fs::path out = fs::path(dir.path()) / "out";
  auto r = RunSceau("batch " + Quoted(campaign.string()) + " --out " + Quoted(out.string()) +
                    " --format json --progress lines");
  // The group file is incomplete: it fails as one entry, and its members are not audited alone.
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(FirstLines(r.out, 3),
            "1 dossier: 0 audited, 0 skipped (unchanged), 1 failed\n"
            "2 member dossiers audited with their group, not on their own\n"
            "1 referential file left out (not a dossier)\n");
  EXPECT_NE(r.err.find("[1/1] FAILED  ges/groupe.yaml\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(campaign.string() + "/ges/groupe.yaml:"), std::string::npos) << r.err;
  EXPECT_EQ(ReportsUnder(out), std::set<std::string>{});
}

TEST(Batch, AuditsAGroupAsAuditDoes) {
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "c";
  fs::create_directories(campaign);
  fs::copy(SourcePath("audits/groups"), campaign / "groups", fs::copy_options::recursive);
  fs::path out = fs::path(dir.path()) / "out";
  std::string args = "batch " + Quoted(campaign.string()) + " --out " + Quoted(out.string()) +
                     " --format json,csv --progress none";
  auto r = RunSceau(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FirstLines(r.out, 2),
            "1 dossier: 1 audited, 0 skipped (unchanged), 0 failed\n"
            "3 member dossiers audited with their group, not on their own\n");
  std::set<std::string> expected;
  for (const char* ext : {".json", ".csv"}) {
    expected.insert(std::string("groups/ges-sentiers-et-berges") + ext);
    for (const char* m : {"aci-sentiers-et-berges", "ei-berges-services", "etti-berges-interim"}) {
      expected.insert(std::string("groups/ges-sentiers-et-berges/") + m + ext);
    }
  }
  EXPECT_EQ(ReportsUnder(out), expected);
  // A changed member redoes its group.
  EXPECT_EQ(FirstLines(RunSceau(args).out, 1),
            "1 dossier: 0 audited, 1 skipped (unchanged), 0 failed\n");
  fs::path member = campaign / "groups/ges-sentiers-et-berges/ei-berges-services.yaml";
  WriteFile(member, ReadFile(member.string()) + "# relu\n");
  EXPECT_EQ(FirstLines(RunSceau(args).out, 1),
            "1 dossier: 1 audited, 0 skipped (unchanged), 0 failed\n");
}

TEST(Batch, AChangedPreviousGroupResultRedoesItsGroup) {
  // The group surveillance of tests/data/groups/, its previous group result (unpinned here, so
  // that it can change and still be read) and its members.
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "c";
  const std::string data = SourcePath("tests/data/groups/");
  std::string group = ReadFile(data + "ges-cycle-2027-surveillance.yaml");
  group = group.substr(0, group.find("  sha256: "));
  WriteFile(campaign / "ges-cycle-2027-surveillance.yaml", group);
  WriteFile(campaign / "ges-cycle-2026-initial.json",
            ReadFile(data + "ges-cycle-2026-initial.json"));
  for (const char* m : {"aci-rives-2027", "ei-rives-2027", "ai-rives-2027"}) {
    WriteFile(campaign / "ges-cycle" / (std::string(m) + ".yaml"),
              ReadFile(data + "ges-cycle/" + m + ".yaml"));
  }
  fs::path out = fs::path(dir.path()) / "out";
  std::string args = "batch " + Quoted(campaign.string()) + " --out " + Quoted(out.string()) +
                     " --format json --progress none --referentials tests/data/referentials";
  auto r = RunSceau(args);
  EXPECT_EQ(FirstLines(r.out, 1), "1 dossier: 1 audited, 0 skipped (unchanged), 0 failed\n")
      << r.out << r.err;
  EXPECT_EQ(FirstLines(RunSceau(args).out, 1),
            "1 dossier: 0 audited, 1 skipped (unchanged), 0 failed\n");
  WriteFile(campaign / "ges-cycle-2026-initial.json",
            ReadFile((campaign / "ges-cycle-2026-initial.json").string()) + "\n");
  EXPECT_EQ(FirstLines(RunSceau(args).out, 1),
            "1 dossier: 1 audited, 0 skipped (unchanged), 0 failed\n");
}

// Starts `sceau args...` in the source folder without waiting; returns its pid.
pid_t Start(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(SCEAU_SOURCE_DIR) != 0) _exit(127);
    FILE* null = std::fopen("/dev/null", "w");
    if (null) {
      dup2(fileno(null), STDOUT_FILENO);
      dup2(fileno(null), STDERR_FILENO);
    }
    std::vector<char*> argv;
    std::string binary = SCEAU_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

TEST(Batch, AKilledBatchLeavesNoPartialReport) {
  TempDir dir;
  fs::path campaign = fs::path(dir.path()) / "c";
  fs::path out = fs::path(dir.path()) / "out";
  const int kDossiers = 40;
  for (int i = 0; i < kDossiers; ++i) {
    WriteFile(campaign / ("d" + std::to_string(i) + ".yaml"), Granted());
  }
  std::vector<std::string> args = {"batch",      campaign.string(), "--out",
                                   out.string(), "--jobs",          "2"};
  pid_t pid = Start(args);
  ASSERT_GT(pid, 0);
  // Kill it once the first dossiers are done, while others are being written.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (FilesUnder(out / ".sceau-batch").size() < 2 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the batch ended before it was killed";

  std::set<std::string> files = FilesUnder(out);
  size_t reports = 0;
  for (const std::string& f : files) {
    EXPECT_EQ(f.find(".tmp"), std::string::npos) << "temporary file left: " << f;
    std::string bytes = ReadFile((out / f).string());
    fs::path p(f);
    if (p.extension() == ".json") {
      ++reports;
      EXPECT_FALSE(nlohmann::json::parse(bytes, nullptr, false).is_discarded()) << f;
    } else if (p.extension() == ".pdf") {
      EXPECT_EQ(bytes.substr(0, 5), "%PDF-") << f;
      EXPECT_NE(bytes.find("%%EOF", bytes.size() - 8), std::string::npos) << f;
    } else if (p.extension() == ".csv") {
      EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF") << f;
      EXPECT_EQ(bytes.substr(bytes.size() - 2), "\r\n") << f;
    } else if (p.extension() == ".stamp") {
      // A stamp is written after its reports: they are all there.
      std::string stem = p.filename().string();
      stem = stem.substr(0, stem.find('.'));
      for (const char* ext : {".json", ".csv", ".pdf"}) {
        EXPECT_TRUE(files.count(stem + ext)) << stem << ext;
      }
    } else {
      ADD_FAILURE() << "unexpected file " << f;
    }
  }
  EXPECT_GE(reports, 2u);
  EXPECT_LT(reports, static_cast<size_t>(kDossiers));
  // The rerun finishes the campaign: the stamped dossiers are skipped, the rest redone.
  size_t stamps = FilesUnder(out / ".sceau-batch").size();
  auto r = RunSceau("batch " + Quoted(campaign.string()) + " --out " + Quoted(out.string()) +
                    " --progress none");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "40 dossiers: " + std::to_string(kDossiers - stamps) + " audited, " +
                std::to_string(stamps) + " skipped (unchanged), 0 failed");
  EXPECT_EQ(ReportsUnder(out).size(), 3u * kDossiers);
}

}  // namespace
}  // namespace sceau
