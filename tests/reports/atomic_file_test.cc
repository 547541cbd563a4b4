#include "reports/atomic_file.h"

#include <sys/stat.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace sceau {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;

size_t Entries(const std::string& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
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

TEST(AtomicFile, FailsCleanlyInAMissingDirectory) {
  TempDir dir;
  std::string error;
  EXPECT_FALSE(WriteFileAtomically(dir.path() + "/nope/report.json", "x", &error));
  EXPECT_EQ(error, dir.path() + "/nope/report.json: cannot create a file there: No such file or "
                                "directory");
  EXPECT_EQ(Entries(dir.path()), 0u);
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
}

}  // namespace
}  // namespace sceau
