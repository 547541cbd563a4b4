#include "engine/sha256.h"

// OpenSSL 3 deprecates the low-level SHA-256 functions in favour of EVP, whose first use loads
// and initialises the default provider: about 2 MiB of resident memory and a millisecond, more
// than `sceau report` needs for the one digest it computes (its report reference). The low-level
// functions run the same code (SHA-NI where the processor has it) with no set-up. Where OpenSSL is
// built without its deprecated interfaces, EVP is used instead; both give the same digests.
#define OPENSSL_SUPPRESS_DEPRECATED  // before any OpenSSL header
#include <openssl/opensslconf.h>
#ifndef OPENSSL_NO_DEPRECATED_3_0
#define SCEAU_SHA256_LOW_LEVEL 1
#include <openssl/sha.h>
#else
#include <openssl/evp.h>
#endif

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <vector>

namespace sceau {
namespace {

std::string Hex(const unsigned char* digest, unsigned int len) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

// One SHA-256 computation: Update as often as needed, then Final (false on a library failure).
class Hasher {
 public:
#ifdef SCEAU_SHA256_LOW_LEVEL
  Hasher() { ok_ = SHA256_Init(&ctx_) == 1; }
  bool Update(const void* data, size_t size) {
    return ok_ && SHA256_Update(&ctx_, data, size) == 1;
  }
  bool Final(std::string* hex) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    if (!ok_ || SHA256_Final(digest, &ctx_) != 1) return false;
    *hex = Hex(digest, SHA256_DIGEST_LENGTH);
    return true;
  }

 private:
  SHA256_CTX ctx_;
#else
  Hasher() : ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    ok_ = ctx_ && EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) == 1;
  }
  bool Update(const void* data, size_t size) {
    return ok_ && EVP_DigestUpdate(ctx_.get(), data, size) == 1;
  }
  bool Final(std::string* hex) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!ok_ || EVP_DigestFinal_ex(ctx_.get(), digest, &len) != 1) return false;
    *hex = Hex(digest, len);
    return true;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
#endif
  bool ok_ = false;
};

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  Hasher hasher;
  std::string hex;
  if (!hasher.Update(bytes.data(), bytes.size()) || !hasher.Final(&hex)) return {};
  return hex;
}

bool Sha256File(const std::string& path, std::string* hex) {
  hex->clear();
  // Opened without blocking (a named pipe put in the file's place opens at once) and hashed only
  // if the opened file is a regular file: no check by name before the open.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return false;
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && Sha256Fd(fd, hex);
  ::close(fd);
  if (!ok) hex->clear();
  return ok;
}

bool Sha256Fd(int fd, std::string* hex) {
  hex->clear();
  Hasher hasher;
  std::vector<char> buffer(1 << 16);
  for (;;) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) break;
    if (!hasher.Update(buffer.data(), static_cast<size_t>(n))) return false;
  }
  return hasher.Final(hex);
}

}  // namespace sceau
