#include "reports/data_integrity.h"

#include <openssl/sha.h>

#include <array>
#include <vector>

#include "engine/wording.h"
#include "reports/jcs.h"

namespace sceau {
namespace {

constexpr char kBase58Alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr char kBase64UrlAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Multicodec prefixes (unsigned varints) of Ed25519 keys.
constexpr std::string_view kEd25519PublicPrefix("\xed\x01", 2);
constexpr std::string_view kEd25519PrivatePrefix("\x80\x26", 2);

std::string Sha256(std::string_view bytes) {
  std::string out(SHA256_DIGEST_LENGTH, '\0');
  ::SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
           reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

// The raw key of a Multikey with `prefix`; false when it is not one.
bool MultikeyBytes(std::string_view multikey, std::string_view prefix, std::string* raw) {
  std::string bytes;
  if (!FromMultibaseBase58(multikey, &bytes) || bytes.size() != prefix.size() + 32 ||
      !bytes.starts_with(prefix)) {
    return false;
  }
  *raw = bytes.substr(prefix.size());
  return true;
}

}  // namespace

// ---- Encodings ---------------------------------------------------------------------------------

std::string Base58Encode(std::string_view bytes) {
  size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == '\0') ++zeros;
  // Base 256 to base 58, most significant digit last.
  std::vector<unsigned char> digits;
  digits.reserve(bytes.size() * 138 / 100 + 1);
  for (size_t i = zeros; i < bytes.size(); ++i) {
    unsigned carry = static_cast<unsigned char>(bytes[i]);
    for (unsigned char& d : digits) {
      carry += static_cast<unsigned>(d) << 8;
      d = static_cast<unsigned char>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<unsigned char>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out.push_back(kBase58Alphabet[*it]);
  return out;
}

bool Base58Decode(std::string_view text, std::string* bytes) {
  bytes->clear();
  if (text.size() > kMaxBase58Chars) return false;
  static const std::array<int, 256> kValue = [] {
    std::array<int, 256> v;
    v.fill(-1);
    for (int i = 0; i < 58; ++i) v[static_cast<unsigned char>(kBase58Alphabet[i])] = i;
    return v;
  }();
  size_t ones = 0;
  while (ones < text.size() && text[ones] == '1') ++ones;
  std::vector<unsigned char> out;  // base 256, least significant first
  for (size_t i = ones; i < text.size(); ++i) {
    int value = kValue[static_cast<unsigned char>(text[i])];
    if (value < 0) return false;
    unsigned carry = static_cast<unsigned>(value);
    for (unsigned char& b : out) {
      carry += static_cast<unsigned>(b) * 58;
      b = static_cast<unsigned char>(carry & 0xFF);
      carry >>= 8;
    }
    while (carry > 0) {
      out.push_back(static_cast<unsigned char>(carry & 0xFF));
      carry >>= 8;
    }
  }
  bytes->assign(ones, '\0');
  for (auto it = out.rbegin(); it != out.rend(); ++it) bytes->push_back(static_cast<char>(*it));
  return true;
}

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  const auto at = [&](size_t k) {
    return static_cast<unsigned>(static_cast<unsigned char>(bytes[k]));
  };
  for (; i + 3 <= bytes.size(); i += 3) {
    unsigned v = at(i) << 16 | at(i + 1) << 8 | at(i + 2);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kBase64UrlAlphabet[(v >> s) & 63]);
  }
  if (bytes.size() - i == 1) {
    unsigned v = at(i) << 16;
    out.push_back(kBase64UrlAlphabet[(v >> 18) & 63]);
    out.push_back(kBase64UrlAlphabet[(v >> 12) & 63]);
  } else if (bytes.size() - i == 2) {
    unsigned v = at(i) << 16 | at(i + 1) << 8;
    out.push_back(kBase64UrlAlphabet[(v >> 18) & 63]);
    out.push_back(kBase64UrlAlphabet[(v >> 12) & 63]);
    out.push_back(kBase64UrlAlphabet[(v >> 6) & 63]);
  }
  return out;
}

bool Base64UrlDecode(std::string_view text, std::string* bytes) {
  bytes->clear();
  if (text.size() % 4 == 1) return false;
  static const std::array<int, 256> kValue = [] {
    std::array<int, 256> v;
    v.fill(-1);
    for (int i = 0; i < 64; ++i) v[static_cast<unsigned char>(kBase64UrlAlphabet[i])] = i;
    return v;
  }();
  bytes->reserve(text.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (char c : text) {
    int value = kValue[static_cast<unsigned char>(c)];
    if (value < 0) return false;
    acc = (acc << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  // Canonical only: the bits left over must be zero.
  return (acc & ((1u << bits) - 1)) == 0;
}

std::string MultibaseBase58(std::string_view bytes) {
  std::string out(1, 'z');
  out += Base58Encode(bytes);
  return out;
}

bool FromMultibaseBase58(std::string_view text, std::string* bytes) {
  bytes->clear();
  return text.starts_with('z') && Base58Decode(text.substr(1), bytes);
}

std::string Ed25519PublicMultikey(const PublicKey& key) {
  return MultibaseBase58(std::string(kEd25519PublicPrefix) + key.Raw());
}

bool PublicKeyFromMultikey(std::string_view multikey, PublicKey* key, std::string* error) {
  std::string raw;
  if (!MultikeyBytes(multikey, kEd25519PublicPrefix, &raw)) {
    *error = Tr("not the Multikey of an Ed25519 public key");
    return false;
  }
  return PublicKey::FromRaw(raw, key, error);
}

bool PrivateKeyFromMultikey(std::string_view multikey, PrivateKey* key, std::string* error) {
  std::string raw;
  if (!MultikeyBytes(multikey, kEd25519PrivatePrefix, &raw)) {
    *error = Tr("not the Multikey of an Ed25519 private key");
    return false;
  }
  return PrivateKey::FromRawSeed(raw, key, error);
}

// ---- eddsa-jcs-2022 ----------------------------------------------------------------------------

nlohmann::ordered_json ProofConfiguration(const nlohmann::ordered_json& document,
                                          const ProofOptions& options) {
  nlohmann::ordered_json config;
  config["type"] = "DataIntegrityProof";
  config["cryptosuite"] = kCryptosuite;
  config["created"] = options.created;
  config["verificationMethod"] = options.verification_method;
  config["proofPurpose"] = options.proof_purpose;
  if (document.is_object() && document.contains("@context")) {
    config["@context"] = document["@context"];
  }
  return config;
}

bool HashData(const nlohmann::ordered_json& configuration, const nlohmann::ordered_json& document,
              std::string* hash, std::string* error) {
  nlohmann::ordered_json unsecured = document;
  if (unsecured.is_object()) unsecured.erase("proof");
  std::string canonical_config;
  std::string canonical_document;
  if (!Canonicalize(configuration, &canonical_config, error) ||
      !Canonicalize(unsecured, &canonical_document, error)) {
    return false;
  }
  *hash = Sha256(canonical_config) + Sha256(canonical_document);
  return true;
}

bool AddProof(const PrivateKey& key, const ProofOptions& options, nlohmann::ordered_json* document,
              std::string* error, bool as_set) {
  if (!document->is_object() || document->contains("proof")) {
    *error = Tr("only a JSON object without a proof can be signed");
    return false;
  }
  nlohmann::ordered_json proof = ProofConfiguration(*document, options);
  std::string hash;
  std::string signature;
  if (!HashData(proof, *document, &hash, error) || !key.Sign(hash, &signature, error)) {
    return false;
  }
  proof["proofValue"] = MultibaseBase58(signature);
  if (as_set) {
    (*document)["proof"] = nlohmann::ordered_json::array({std::move(proof)});
  } else {
    (*document)["proof"] = std::move(proof);
  }
  return true;
}

ProofCheck VerifyProof(const PublicKey& key, const nlohmann::ordered_json& secured) {
  ProofCheck check;
  const auto fail = [&](std::string problem) {
    check.valid = false;
    check.problem = std::move(problem);
    return check;
  };
  if (!secured.is_object() || !secured.contains("proof")) return fail(Tr("it has no proof"));
  // One proof: an object, or a set of one (as Open Badges 3.0 writes it).
  const nlohmann::ordered_json* p = &secured["proof"];
  if (p->is_array() && p->size() == 1) p = &(*p)[0];
  const nlohmann::ordered_json& proof = *p;
  if (!proof.is_object()) return fail(Tr("its proof is not one JSON object"));
  const auto text = [&](const char* name) -> std::string {
    auto it = proof.find(name);
    return it != proof.end() && it->is_string() ? it->template get<std::string>() : std::string();
  };
  check.verification_method = text("verificationMethod");
  check.created = text("created");
  if (text("type") != "DataIntegrityProof" || text("cryptosuite") != kCryptosuite) {
    return fail(Fmt("its proof is not a DataIntegrityProof of the cryptosuite {}", kCryptosuite));
  }
  if (text("proofPurpose") != "assertionMethod") {
    return fail(Tr("its proof's purpose is not assertionMethod"));
  }
  std::string signature;
  if (!FromMultibaseBase58(text("proofValue"), &signature) || signature.size() != 64) {
    return fail(Tr("its proofValue is not the base58btc multibase of a 64-byte signature"));
  }
  nlohmann::ordered_json configuration = proof;
  configuration.erase("proofValue");
  nlohmann::ordered_json unsecured = secured;
  unsecured.erase("proof");
  if (configuration.contains("@context")) {
    // The proof's contexts must be the document's first ones, in order (§3.3.2).
    const nlohmann::ordered_json& pc = configuration["@context"];
    const nlohmann::ordered_json dc = secured.value("@context", nlohmann::ordered_json());
    const auto as_list = [](const nlohmann::ordered_json& c) {
      return c.is_array() ? c : nlohmann::ordered_json::array({c});
    };
    nlohmann::ordered_json proof_list = as_list(pc);
    nlohmann::ordered_json document_list = as_list(dc);
    if (dc.is_null() || proof_list.size() > document_list.size() ||
        !std::equal(proof_list.begin(), proof_list.end(), document_list.begin())) {
      return fail(Tr("its proof's @context is not the document's"));
    }
    unsecured["@context"] = pc;
  }
  std::string hash;
  std::string error;
  if (!HashData(configuration, unsecured, &hash, &error)) return fail(error);
  if (!key.Verify(hash, signature)) {
    return fail(
        Tr("its proof does not verify with this key: the credential was altered or signed "
           "by another key"));
  }
  check.valid = true;
  return check;
}

}  // namespace sceau
