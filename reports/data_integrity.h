// W3C Data Integrity proofs with the cryptosuite eddsa-jcs-2022 (W3C "Data Integrity EdDSA
// Cryptosuites v1.0", §3.3), and the encodings they use: multibase base58btc ('z') and base64url
// ('u'), and Ed25519 keys as Multikeys.
//
// A proof is made over a JSON document (a verifiable credential) in four steps, each exposed so
// that the tests can compare it with the W3C test vectors:
//   1. the proof configuration: the proof's fields without `proofValue`, with the document's
//      `@context` copied into it (ProofConfiguration);
//   2. both canonicalised with JCS (reports/jcs.h): the configuration, and the document without
//      its `proof`;
//   3. hash = SHA-256(JCS(configuration)) || SHA-256(JCS(document)), 64 bytes (HashData);
//   4. proofValue = 'z' + base58btc(Ed25519 signature of the hash).
// The keys are sceau's Ed25519 keys (reports/signing.h): the certifier's, from `sceau keygen`.
//
// Nothing here reads files or the network: the verifier is handed the public key.
#ifndef SCEAU_REPORTS_DATA_INTEGRITY_H_
#define SCEAU_REPORTS_DATA_INTEGRITY_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "reports/signing.h"

namespace sceau {

// ---- Encodings ---------------------------------------------------------------------------------

// Bitcoin's base58 alphabet; leading zero bytes as leading '1's.
std::string Base58Encode(std::string_view bytes);
// False for a character outside the alphabet, or a text longer than kMaxBase58Chars.
inline constexpr size_t kMaxBase58Chars = 512;
bool Base58Decode(std::string_view text, std::string* bytes);
// RFC 4648 §5 base64url, without padding; decoding refuses padding and non-canonical forms.
std::string Base64UrlEncode(std::string_view bytes);
bool Base64UrlDecode(std::string_view text, std::string* bytes);

// Multibase: 'z' + base58btc.
std::string MultibaseBase58(std::string_view bytes);
bool FromMultibaseBase58(std::string_view text, std::string* bytes);

// Multikey (W3C Controlled Identifiers §2.2.2): multibase base58btc of the multicodec prefix
// (0xed 0x01 for an Ed25519 public key, 0x80 0x26 for an Ed25519 private key) and the 32 raw
// bytes. A public one starts "z6Mk".
std::string Ed25519PublicMultikey(const PublicKey& key);
bool PublicKeyFromMultikey(std::string_view multikey, PublicKey* key, std::string* error);
bool PrivateKeyFromMultikey(std::string_view multikey, PrivateKey* key, std::string* error);

// ---- eddsa-jcs-2022 ----------------------------------------------------------------------------

inline constexpr char kCryptosuite[] = "eddsa-jcs-2022";

struct ProofOptions {
  std::string verification_method;  // a URI; its fragment names the key
  std::string created;              // XML Schema dateTime, UTC: 2026-12-07T14:50:35Z
  std::string proof_purpose = "assertionMethod";
};

// Step 1: {"type": "DataIntegrityProof", "cryptosuite", "created", "verificationMethod",
// "proofPurpose", "@context" (the document's, when it has one)}, in that order.
nlohmann::ordered_json ProofConfiguration(const nlohmann::ordered_json& document,
                                          const ProofOptions& options);

// Steps 2 and 3: the 64-byte hash of a proof configuration and a document (whose `proof`, if any,
// is left out). False when either cannot be canonicalised.
bool HashData(const nlohmann::ordered_json& configuration, const nlohmann::ordered_json& document,
              std::string* hash, std::string* error);

// Adds `proof` to `document` (a JSON object without one): the configuration and its proofValue,
// as an object (`as_set`: an array of that one proof, as Open Badges 3.0 requires).

bool AddProof(const PrivateKey& key, const ProofOptions& options, nlohmann::ordered_json* document,
              std::string* error, bool as_set = false);

// The outcome of checking a proof.
struct ProofCheck {
  bool valid = false;
  std::string problem;              // why not, one sentence
  std::string verification_method;  // the proof's, when read
  std::string created;
};

// Checks `secured`'s one proof (an object, or an array of one) with `key`: type DataIntegrityProof,
// cryptosuite eddsa-jcs-2022, proofPurpose assertionMethod, the proof's @context (when present) a
// prefix of the document's, and the signature over the document without its proof.
ProofCheck VerifyProof(const PublicKey& key, const nlohmann::ordered_json& secured);

}  // namespace sceau

#endif  // SCEAU_REPORTS_DATA_INTEGRITY_H_
