#include "engine/contained_file.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>

#include "engine/sha256.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// What Open says of `name` inside `base`, as a message would: "ok" or the problem.
std::string Say(const std::string& base, const std::string& name) {
  ContainedFile f = ContainedFile::Open(base, name);
  return f.ok() ? "ok" : f.Problem("the dossier's folder");
}

// A folder `in` (the base) beside a folder `out` that holds a secret.
class Contained : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directory(dir_.path() + "/in");
    fs::create_directory(dir_.path() + "/in/sub");
    fs::create_directory(dir_.path() + "/out");
    dir_.Write("out/shadow", "root:$6$secret-hash:19000:0:99999:7:::\n");
    dir_.Write("in/sub/file.txt", "inside\n");
    base_ = dir_.path() + "/in";
  }
  TempDir dir_;
  std::string base_;
};

TEST_F(Contained, ReadsAFileInsideFromTheDescriptor) {
  ContainedFile f = ContainedFile::Open(base_, "sub/file.txt");
  ASSERT_TRUE(f.ok()) << f.Problem("the dossier's folder");
  EXPECT_EQ(f.real_path(), fs::canonical(base_ + "/sub/file.txt").string());
  std::string text, error;
  ASSERT_TRUE(f.ReadAll(1 << 20, &text, &error)) << error;
  EXPECT_EQ(text, "inside\n");
  std::string hex;
  ContainedFile g = ContainedFile::Open(base_, "sub/../sub/file.txt");
  ASSERT_TRUE(g.Sha256(&hex));
  EXPECT_EQ(hex, Sha256Hex("inside\n"));
}

TEST_F(Contained, ALinkThatStaysInsideIsFollowed) {
  fs::create_symlink("sub/file.txt", base_ + "/link.txt");
  EXPECT_EQ(Say(base_, "link.txt"), "ok");
}

TEST_F(Contained, SaysPreciselyWhatIsWrong) {
  fs::create_symlink("../out/shadow", base_ + "/shadow-link");
  fs::create_symlink(dir_.path() + "/out", base_ + "/outdir");
  fs::create_symlink("nowhere", base_ + "/dangling");
  fs::create_symlink("loop", base_ + "/loop");
  ASSERT_EQ(::mkfifo((base_ + "/pipe").c_str(), 0600), 0);
  EXPECT_EQ(Say(base_, "none.txt"), "does not exist");
  EXPECT_EQ(Say(base_, "dangling"), "does not exist");
  EXPECT_EQ(Say(base_, "../out/shadow"), "leaves the dossier's folder");
  EXPECT_EQ(Say(base_, "sub/../../out/none"), "leaves the dossier's folder");
  EXPECT_EQ(Say(base_, "shadow-link"), "leaves the dossier's folder");
  EXPECT_EQ(Say(base_, "outdir/shadow"), "leaves the dossier's folder");
  EXPECT_EQ(Say(base_, dir_.path() + "/out/shadow"), "leaves the dossier's folder");
  EXPECT_EQ(Say(base_, "sub"), "is a folder, not a file");
  EXPECT_EQ(Say(base_, "."), "is a folder, not a file");
  EXPECT_EQ(Say(base_, "pipe"), "is a named pipe, not a file");
  EXPECT_EQ(Say(base_, "/dev/null"), "leaves the dossier's folder");
  EXPECT_EQ(Say(base_, "loop"), "is a loop of symbolic links");
  // A socket.
  int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(s, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string sock = base_ + "/sock";
  if (sock.size() < sizeof(addr.sun_path)) {
    std::strncpy(addr.sun_path, sock.c_str(), sizeof(addr.sun_path) - 1);
    ASSERT_EQ(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(Say(base_, "sock"), "is a socket, not a file");
  }
  ::close(s);
}

TEST_F(Contained, ANamedPipeNeverBlocks) {
  // No writer ever opens the pipe: a blocking open or read would wait forever.
  ASSERT_EQ(::mkfifo((base_ + "/pipe").c_str(), 0600), 0);
  auto start = std::chrono::steady_clock::now();
  ContainedFile f = ContainedFile::Open(base_, "pipe");
  EXPECT_EQ(f.status(), ContainedStatus::kPipe);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(Contained, AFileOverTheLimitIsNotRead) {
  ContainedFile f = ContainedFile::Open(base_, "sub/file.txt");
  std::string text, error;
  EXPECT_FALSE(f.ReadAll(3, &text, &error));
  EXPECT_EQ(error, "file is 7 bytes, over the limit of 3 bytes");
  EXPECT_EQ(text, "");
}

}  // namespace
}  // namespace sceau
