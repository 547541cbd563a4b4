// W3C Bitstring Status List v1.0: the lists that tell a verifier whether a certificate's Open
// Badges credential (register/badge.h) is in force. `sceau register publish` writes them into the
// public directory as status/suspension.json and status/revocation.json (StatusListPath); each
// credential points into them by its certificate's register row id.
//
// The lists are published unsigned: publishing needs only public material (no private key on the
// machine that publishes), so their integrity rests on the server that serves the directory, as the
// directory's pages do (SECURITY.md).
#ifndef SCEAU_REGISTER_STATUS_LIST_H_
#define SCEAU_REGISTER_STATUS_LIST_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date.h"
#include "engine/issuer_config.h"
#include "register/register.h"

namespace sceau {

// The two lists, by their statusPurpose.
//   "suspension": the bit of a certificate is set while it is not in force: suspended or withdrawn
//     on `today`. It is the list a credential's credentialStatus names (Open Badges 3.0 allows one
//     status entry), so every verifier refuses a suspended or withdrawn certificate's credential;
//     a reinstatement clears the bit.
//   "revocation": the bit is set once the certificate is withdrawn (final), so that a verifier
//     can tell a withdrawal from a suspension.
// An expired certificate's bits stay clear: its credential's validUntil says it.
inline constexpr std::string_view kStatusPurposes[] = {"suspension", "revocation"};

// The smallest list (W3C: 16 KB, 131,072 entries) and the largest this writer makes.
inline constexpr int64_t kMinStatusListBits = 131072;
inline constexpr int64_t kMaxStatusListBits = int64_t{1} << 26;

// The JSON text (indented, ending with a newline) of the unsigned BitstringStatusListCredential for
// `purpose` ("suspension" or "revocation"):
//   {"@context": ["https://www.w3.org/ns/credentials/v2"],
//    "id": StatusListUrl(issuer.directory_url, purpose),
//    "type": ["VerifiableCredential", "BitstringStatusListCredential"],
//    "issuer": issuer.id, "validFrom": "<today>T00:00:00Z",
//    "credentialSubject": {"id": "<id>#list", "type": "BitstringStatusList",
//                          "statusPurpose": purpose, "encodedList": "u<base64url(gzip(bits))>"}}
// Bit i (bit 0 the most significant of the first byte) stands for the certificate whose
// CertificateRecord::id is i. `certificates` are the register's, as they stand on `today` (state
// and time limits applied, as `register list` shows them); their order does not matter. The list
// has kMinStatusListBits bits, more (a multiple of it) when an id needs them. Same inputs, same
// bytes (gzip without a time stamp). A certificate whose id is kMaxStatusListBits or more cannot be
// listed: the function then returns an empty string.
std::string BitstringStatusListCredential(const IssuerConfig& issuer, std::string_view purpose,
                                          const std::vector<CertificateRecord>& certificates,
                                          const Date& today);

// The bitstring of an encodedList (multibase 'u', base64url of a gzip stream), for verifiers.
// False when it is not one, or inflates to more than kMaxStatusListBits / 8 bytes.
bool DecodeStatusList(std::string_view encoded_list, std::string* bits);

// Whether bit `index` of `bits` is set; false beyond its end.
bool StatusBit(std::string_view bits, int64_t index);

}  // namespace sceau

#endif  // SCEAU_REGISTER_STATUS_LIST_H_
