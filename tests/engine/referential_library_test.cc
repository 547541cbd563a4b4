// The folder of referentials: found by id and version, loaded once, shared between threads.
#include "engine/referential_library.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::ReadFile;
using testing::SourcePath;
using testing::TempDir;

TEST(ReferentialLibrary, LoadsEachReferentialOnceForEveryThread) {
  ReferentialLibrary library(SourcePath("tests/data/referentials"));
  constexpr int kThreads = 8;
  std::vector<std::shared_ptr<const Referential>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&library, &got, t] {
      std::string error;
      std::vector<Diagnostic> diags;
      for (int i = 0; i < 50; ++i)
        got[static_cast<size_t>(t)] = library.Resolve("exemple-minimal", "2026.1", &error, &diags);
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_NE(got[0], nullptr);
  for (const auto& ref : got) EXPECT_EQ(ref.get(), got[0].get());  // one load, shared
}

TEST(ReferentialLibrary, RemembersAFailureWithItsDiagnostics) {
  TempDir dir;
  std::string text = ReadFile(SourcePath("tests/data/referentials/minimal.yaml"));
  dir.Write("r.yaml", testing::Edit(text, "    weight: 2\n", "    wieght: 2\n"));
  ReferentialLibrary library(dir.path());
  for (int round = 0; round < 2; ++round) {
    std::string error;
    std::vector<Diagnostic> diags;
    EXPECT_EQ(library.Resolve("exemple-minimal", "2026.1", &error, &diags), nullptr);
    EXPECT_EQ(error, "referential 'exemple-minimal' version '2026.1' (" + dir.path() +
                         "/r.yaml) has 1 error(s): run 'sceau validate " + dir.path() + "/r.yaml'")
        << round;
    ASSERT_EQ(diags.size(), 1u) << round;
    EXPECT_EQ(diags[0].code, "unknown-key");
  }
  std::string error;
  std::vector<Diagnostic> diags;
  EXPECT_EQ(library.Resolve("exemple-minimal", "2027.1", &error, &diags), nullptr);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(error, "no version '2027.1' of referential 'exemple-minimal' in " + dir.path() +
                       " (versions there: 2026.1)");
}

}  // namespace
}  // namespace sceau
