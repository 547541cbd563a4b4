// eddsa-jcs-2022: the W3C test vectors (w3c/vc-di-eddsa, TestVectors/), read from the standards'
// folder and reproduced byte for byte: the key pair, the proof configuration, both canonical forms,
// both hashes, the signature and the signed credential. Then the encodings, and what a verifier
// refuses.
#include "reports/data_integrity.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/sha256.h"
#include "reports/jcs.h"
#include "tests/standards.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using nlohmann::ordered_json;
using testing::ReadFile;
using testing::StandardsPath;

std::string Vector(const std::string& name) {
  return ReadFile(StandardsPath("vc-di-eddsa/" + name));
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

class W3cVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    ordered_json pair = ordered_json::parse(Vector("keyPair.json"));
    std::string error;
    ASSERT_TRUE(
        PrivateKeyFromMultikey(pair["privateKeyMultibase"].get<std::string>(), &key_, &error))
        << error;
    public_multikey_ = pair["publicKeyMultibase"].get<std::string>();
    unsigned_ = ordered_json::parse(Vector("unsigned.json"));
    config_ = ordered_json::parse(Vector("eddsa-jcs-2022/proofConfigJCS.json"));
    options_.verification_method = config_["verificationMethod"].get<std::string>();
    options_.created = config_["created"].get<std::string>();
  }
  PrivateKey key_;
  std::string public_multikey_;
  ordered_json unsigned_, config_;
  ProofOptions options_;
};

TEST_F(W3cVectors, KeyPairAsMultikeys) {
  EXPECT_EQ(public_multikey_, "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
  EXPECT_EQ(Ed25519PublicMultikey(key_.Public()), public_multikey_);
  PublicKey pub;
  std::string error;
  ASSERT_TRUE(PublicKeyFromMultikey(public_multikey_, &pub, &error)) << error;
  EXPECT_EQ(pub.id(), key_.id());
}

TEST_F(W3cVectors, ProofConfigurationAndCanonicalForms) {
  ordered_json config = ProofConfiguration(unsigned_, options_);
  EXPECT_EQ(config, config_);
  std::string canon;
  std::string error;
  ASSERT_TRUE(Canonicalize(config, &canon, &error)) << error;
  EXPECT_EQ(canon, Vector("eddsa-jcs-2022/proofCanonJCS.txt"));
  ASSERT_TRUE(Canonicalize(unsigned_, &canon, &error)) << error;
  EXPECT_EQ(canon, Vector("eddsa-jcs-2022/canonDocJCS.txt"));
}

TEST_F(W3cVectors, HashesSignatureAndSignedCredential) {
  std::string hash;
  std::string error;
  ASSERT_TRUE(HashData(ProofConfiguration(unsigned_, options_), unsigned_, &hash, &error)) << error;
  ASSERT_EQ(hash.size(), 64u);
  EXPECT_EQ(Hex(hash.substr(0, 32)), Vector("eddsa-jcs-2022/proofHashJCS.txt"));
  EXPECT_EQ(Hex(hash.substr(32)), Vector("eddsa-jcs-2022/docHashJCS.txt"));
  EXPECT_EQ(Hex(hash), Vector("eddsa-jcs-2022/combinedHashJCS.txt"));
  std::string signature;
  ASSERT_TRUE(key_.Sign(hash, &signature, &error)) << error;
  EXPECT_EQ(Hex(signature), Vector("eddsa-jcs-2022/sigHexJCS.txt"));
  EXPECT_EQ(MultibaseBase58(signature), Vector("eddsa-jcs-2022/sigBTC58JCS.txt"));

  ordered_json signed_doc = unsigned_;
  ASSERT_TRUE(AddProof(key_, options_, &signed_doc, &error)) << error;
  // The signed credential as the W3C prints it (two-space indentation, the same key order).
  EXPECT_EQ(signed_doc.dump(2), Vector("eddsa-jcs-2022/signedJCS.json"));
  ProofCheck check = VerifyProof(key_.Public(), signed_doc);
  EXPECT_TRUE(check.valid) << check.problem;
  EXPECT_EQ(check.created, "2023-02-24T23:36:38Z");
}

TEST_F(W3cVectors, VerifiesTheW3cSignedCredentialAndRefusesChanges) {
  PublicKey pub;
  std::string error;
  ASSERT_TRUE(PublicKeyFromMultikey(public_multikey_, &pub, &error)) << error;
  const ordered_json signed_doc = ordered_json::parse(Vector("eddsa-jcs-2022/signedJCS.json"));
  ProofCheck check = VerifyProof(pub, signed_doc);
  EXPECT_TRUE(check.valid) << check.problem;

  const struct {
    const char* pointer;
    ordered_json value;
    const char* problem;
  } changes[] = {
      {"/credentialSubject/alumniOf", "The School of Samples",
       "its proof does not verify with this key: the credential was altered or signed by another "
       "key"},
      {"/validFrom", "2023-01-01T00:00:01Z",
       "its proof does not verify with this key: the credential was altered or signed by another "
       "key"},
      {"/proof/created", "2023-02-24T23:36:39Z",
       "its proof does not verify with this key: the credential was altered or signed by another "
       "key"},
      {"/proof/cryptosuite", "eddsa-rdfc-2022",
       "its proof is not a DataIntegrityProof of the cryptosuite eddsa-jcs-2022"},
      {"/proof/proofPurpose", "authentication", "its proof's purpose is not assertionMethod"},
      {"/proof/proofValue", "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3G",
       "its proofValue is not the base58btc multibase of a 64-byte signature"},
      {"/proof/@context/1", "https://www.w3.org/ns/credentials/examples/v3",
       "its proof's @context is not the document's"},
  };
  for (const auto& c : changes) {
    ordered_json changed = signed_doc;
    changed[ordered_json::json_pointer(c.pointer)] = c.value;
    ProofCheck bad = VerifyProof(pub, changed);
    EXPECT_FALSE(bad.valid) << c.pointer;
    EXPECT_EQ(bad.problem, c.problem) << c.pointer;
  }
  // A set of one proof is that proof; a set of two is not read.
  ordered_json set_of_one = signed_doc;
  set_of_one["proof"] = ordered_json::array({signed_doc["proof"]});
  EXPECT_TRUE(VerifyProof(pub, set_of_one).valid);
  ordered_json set_of_two = signed_doc;
  set_of_two["proof"] = ordered_json::array({signed_doc["proof"], signed_doc["proof"]});
  EXPECT_EQ(VerifyProof(pub, set_of_two).problem, "its proof is not one JSON object");
  // Another key.
  PrivateKey other;
  ASSERT_TRUE(PrivateKey::Generate(&other, &error));
  EXPECT_FALSE(VerifyProof(other.Public(), signed_doc).valid);
  // No proof.
  EXPECT_EQ(VerifyProof(pub, ordered_json::parse(Vector("unsigned.json"))).problem,
            "it has no proof");
}

TEST(Multibase, Base58RoundTripsAndKeepsLeadingZeros) {
  const std::string cases[] = {"", std::string("\0", 1), std::string("\0\0\x01", 3), "hello world",
                               std::string("\xff\x00\xfe", 3)};
  for (const std::string& bytes : cases) {
    std::string back;
    ASSERT_TRUE(Base58Decode(Base58Encode(bytes), &back));
    EXPECT_EQ(back, bytes);
  }
  EXPECT_EQ(Base58Encode("hello world"), "StV1DL6CwTryKyV");
  EXPECT_EQ(Base58Encode(std::string("\0\0\x01", 3)), "112");
  std::string out;
  EXPECT_FALSE(Base58Decode("0OIl", &out));  // not in the alphabet
  EXPECT_FALSE(Base58Decode(std::string(kMaxBase58Chars + 1, '2'), &out));
  EXPECT_FALSE(FromMultibaseBase58("StV1DL6CwTryKyV", &out));  // no 'z'
}

TEST(Multibase, Base64UrlWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  std::string out;
  ASSERT_TRUE(Base64UrlDecode("-_8", &out));
  EXPECT_EQ(out, "\xfb\xff");
  EXPECT_FALSE(Base64UrlDecode("Zg==", &out));  // padding
  EXPECT_FALSE(Base64UrlDecode("Zh", &out));    // non-canonical: bits left over
  EXPECT_FALSE(Base64UrlDecode("Z", &out));
  EXPECT_FALSE(Base64UrlDecode("Zm+v", &out));  // base64, not base64url
}

TEST(Multikey, RefusesOtherKeysAndPrefixes) {
  PublicKey pub;
  PrivateKey priv;
  std::string error;
  // The private key's Multikey is no public key, and the reverse.
  EXPECT_FALSE(
      PublicKeyFromMultikey("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq", &pub, &error));
  EXPECT_EQ(error, "not the Multikey of an Ed25519 public key");
  EXPECT_FALSE(
      PrivateKeyFromMultikey("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", &priv, &error));
  EXPECT_EQ(error, "not the Multikey of an Ed25519 private key");
  EXPECT_FALSE(PublicKeyFromMultikey("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ", &pub,
                                     &error));  // one character short
}

}  // namespace
}  // namespace sceau
