// SHA-256 of bytes and files, as lowercase hex (OpenSSL underneath).
#ifndef SCEAU_ENGINE_SHA256_H_
#define SCEAU_ENGINE_SHA256_H_

#include <string>
#include <string_view>

namespace sceau {

std::string Sha256Hex(std::string_view bytes);
// Hashes the file at `path`; returns false (and leaves `*hex` empty) if it cannot be read.
bool Sha256File(const std::string& path, std::string* hex);

}  // namespace sceau

#endif  // SCEAU_ENGINE_SHA256_H_
