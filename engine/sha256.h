// SHA-256 of bytes and files, as lowercase hex (OpenSSL underneath: its low-level SHA-256, which
// needs none of the provider set-up of its EVP interface; see sha256.cc).
#ifndef SCEAU_ENGINE_SHA256_H_
#define SCEAU_ENGINE_SHA256_H_

#include <string>
#include <string_view>

namespace sceau {

std::string Sha256Hex(std::string_view bytes);
// Hashes the file at `path`; returns false (and leaves `*hex` empty) if it cannot be read or is
// not a regular file. Never blocks on a named pipe: it is opened with O_NONBLOCK and checked on
// the descriptor.
bool Sha256File(const std::string& path, std::string* hex);
// Hashes what remains to be read from the open descriptor `fd` (read in blocks, not closed).
bool Sha256Fd(int fd, std::string* hex);

}  // namespace sceau

#endif  // SCEAU_ENGINE_SHA256_H_
