#include "register/status_list.h"

#include <zlib.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "reports/data_integrity.h"

namespace sceau {
namespace {

// A gzip stream (RFC 1952) of `bytes`, without a file name or a time stamp: same bytes, same
// stream.
std::string Gzip(std::string_view bytes) {
  z_stream z{};
  // 15 + 16: a window of 32 KB, gzip framing; memLevel 9 for speed.
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    return {};
  }
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

// Inflates a gzip stream to at most `max_bytes`; false when it is not one or is larger.
bool Gunzip(std::string_view gz, size_t max_bytes, std::string* out) {
  out->clear();
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out->append(buf, sizeof buf - z.avail_out);
    if (out->size() > max_bytes) {
      rc = Z_MEM_ERROR;
      break;
    }
    if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
      rc = Z_DATA_ERROR;  // truncated
      break;
    }
  }
  bool ok = rc == Z_STREAM_END && z.avail_in == 0;
  inflateEnd(&z);
  if (!ok) out->clear();
  return ok;
}

bool BitSet(const CertificateRecord& c, std::string_view purpose, const Date& today) {
  CertificateState state = c.StateOn(today);
  if (purpose == "revocation") return state == CertificateState::kWithdrawn;
  return state == CertificateState::kSuspended || state == CertificateState::kWithdrawn;
}

}  // namespace

std::string BitstringStatusListCredential(const IssuerConfig& issuer, std::string_view purpose,
                                          const std::vector<CertificateRecord>& certificates,
                                          const Date& today) {
  int64_t size = kMinStatusListBits;
  for (const CertificateRecord& c : certificates) {
    if (c.id < 0 || c.id >= kMaxStatusListBits) return {};
    while (c.id >= size) size += kMinStatusListBits;
  }
  std::string bits(static_cast<size_t>(size / 8), '\0');
  for (const CertificateRecord& c : certificates) {
    if (!BitSet(c, purpose, today)) continue;
    bits[static_cast<size_t>(c.id / 8)] |= static_cast<char>(0x80 >> (c.id % 8));
  }
  const std::string id = StatusListUrl(issuer.directory_url, purpose);
  nlohmann::ordered_json j;
  j["@context"] = {"https://www.w3.org/ns/credentials/v2"};
  j["id"] = id;
  j["type"] = {"VerifiableCredential", "BitstringStatusListCredential"};
  j["issuer"] = issuer.id;
  j["validFrom"] = today.ToString() + "T00:00:00Z";
  nlohmann::ordered_json subject;
  subject["id"] = id + "#list";
  subject["type"] = "BitstringStatusList";
  subject["statusPurpose"] = std::string(purpose);
  std::string encoded(1, 'u');
  encoded += Base64UrlEncode(Gzip(bits));
  subject["encodedList"] = std::move(encoded);
  j["credentialSubject"] = std::move(subject);
  return j.dump(2) + "\n";
}

bool DecodeStatusList(std::string_view encoded_list, std::string* bits) {
  bits->clear();
  std::string gz;
  if (!encoded_list.starts_with('u') || !Base64UrlDecode(encoded_list.substr(1), &gz)) {
    return false;
  }
  return Gunzip(gz, static_cast<size_t>(kMaxStatusListBits / 8), bits);
}

bool StatusBit(std::string_view bits, int64_t index) {
  if (index < 0 || static_cast<uint64_t>(index / 8) >= bits.size()) return false;
  return (static_cast<unsigned char>(bits[static_cast<size_t>(index / 8)]) >> (7 - index % 8)) & 1;
}

}  // namespace sceau
