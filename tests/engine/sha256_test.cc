// Sha256Hex and Sha256File (OpenSSL's low-level SHA-256) against the published test vectors and
// against OpenSSL's EVP interface: all must give the same digests.
#include "engine/sha256.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace sceau {
namespace {

std::string EvpHex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EXPECT_EQ(EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr), 1);
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    char two[3];
    std::snprintf(two, sizeof two, "%02x", digest[i]);
    out += two;
  }
  return out;
}

TEST(Sha256, KnownVectors) {
  // FIPS 180-4 examples (NIST CSRC) and the empty string.
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, AgreesWithEvpOnEveryPaddingCase) {
  // Every length around the one- and two-block paddings, and bytes of every value.
  std::string bytes;
  for (int n = 0; n <= 300; ++n) {
    EXPECT_EQ(Sha256Hex(bytes), EvpHex(bytes)) << "length " << n;
    bytes += static_cast<char>((n * 131 + 7) & 0xFF);
  }
  // Larger texts, in one call.
  std::string big(3 << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 2654435761u) >> 13);
  for (size_t n : {size_t{(1 << 20) - 65}, size_t{(1 << 20) - 1}, size_t{1 << 20}, big.size()}) {
    std::string part = big.substr(0, n);
    EXPECT_EQ(Sha256Hex(part), EvpHex(part)) << "length " << n;
  }
}

TEST(Sha256, FileAndTextAgree) {
  std::string text = "format: 1\nreferential: {id: cedre, version: \"2026\"}\n";
  for (int i = 0; i < 12; ++i) text += text;  // 200 KiB: several read buffers
  // A name of this process's own: other builds may run the suite at the same time.
  auto path =
      std::filesystem::temp_directory_path() / ("sceau_sha256_test." + std::to_string(::getpid()));
  std::ofstream(path, std::ios::binary) << text;
  std::string hex;
  ASSERT_TRUE(Sha256File(path.string(), &hex));
  EXPECT_EQ(hex, Sha256Hex(text));
  std::filesystem::remove(path);
  EXPECT_FALSE(Sha256File(path.string(), &hex));
  EXPECT_TRUE(hex.empty());
}

// A named pipe (nothing ever writes to it), a folder: refused at once, never waited on.
TEST(Sha256, AFileThatIsNotRegularIsRefusedWithoutBlocking) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("sceau-sha-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  ASSERT_EQ(::mkfifo((dir / "pipe").c_str(), 0600), 0);
  std::string hex = "x";
  EXPECT_FALSE(Sha256File((dir / "pipe").string(), &hex));
  EXPECT_TRUE(hex.empty());
  EXPECT_FALSE(Sha256File(dir.string(), &hex));
  EXPECT_TRUE(hex.empty());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sceau
