// Bitstring status lists: which bit each certificate sets on a date, the list's size, and its JSON.
#include "register/status_list.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sceau {
namespace {

CertificateRecord Cert(int64_t id, CertificateState state, const std::string& expiry) {
  CertificateRecord c;
  c.id = id;
  c.number = "CEDRE-2026-" + std::to_string(id);
  c.state = state;
  c.effective = *Date::Parse("2025-01-01");
  c.expiry = *Date::Parse(expiry);
  return c;
}

IssuerConfig Issuer() {
  IssuerConfig issuer;
  issuer.id = "https://labels.example.org/emetteur";
  issuer.name = "Réseau Exemple";
  issuer.directory_url = "https://labels.example.org/annuaire";
  return issuer;
}

// The bits of a list's JSON text.
std::string Bits(const std::string& json) {
  nlohmann::json j = nlohmann::json::parse(json);
  std::string bits;
  EXPECT_TRUE(DecodeStatusList(j["credentialSubject"]["encodedList"].get<std::string>(), &bits));
  return bits;
}

// The revocation list of kRegister: computed once, and checked with Python's gzip module, which
// inflates it to 16,384 bytes, the first 0x10, the others 0.
const char kPinnedRevocationList[] =
    "uH4sIAAAAAAACA-3BIQEAAAACICf4f60zLEADAAAAAAAAAAAAAAAAAAAAvA16YgrEAEAAAA";

const Date kToday = *Date::Parse("2026-06-01");

const std::vector<CertificateRecord> kRegister = {
    Cert(1, CertificateState::kActive, "2027-12-31"),
    Cert(2, CertificateState::kSuspended, "2027-12-31"),
    Cert(3, CertificateState::kWithdrawn, "2027-12-31"),
    Cert(5, CertificateState::kSuspended, "2026-05-31"),  // expired on kToday: no bit
    Cert(9, CertificateState::kExpired, "2026-05-31"),
};

TEST(StatusList, SuspensionListMarksCertificatesNotInForce) {
  std::string json = BitstringStatusListCredential(Issuer(), "suspension", kRegister, kToday);
  std::string bits = Bits(json);
  ASSERT_EQ(bits.size(), 16384u);  // 131,072 bits
  // Bits 2 and 3: 0b0011'0000.
  EXPECT_EQ(static_cast<unsigned char>(bits[0]), 0x30);
  EXPECT_EQ(bits.substr(1), std::string(16383, '\0'));
  EXPECT_FALSE(StatusBit(bits, 1));
  EXPECT_TRUE(StatusBit(bits, 2));
  EXPECT_TRUE(StatusBit(bits, 3));
  EXPECT_FALSE(StatusBit(bits, 5));
  EXPECT_FALSE(StatusBit(bits, 131072));  // beyond the end
  nlohmann::json j = nlohmann::json::parse(json);
  j["credentialSubject"].erase("encodedList");
  EXPECT_EQ(j.dump(),
            "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"credentialSubject\":{"
            "\"id\":\"https://labels.example.org/annuaire/status/suspension.json#list\","
            "\"statusPurpose\":\"suspension\",\"type\":\"BitstringStatusList\"},"
            "\"id\":\"https://labels.example.org/annuaire/status/suspension.json\","
            "\"issuer\":\"https://labels.example.org/emetteur\","
            "\"type\":[\"VerifiableCredential\",\"BitstringStatusListCredential\"],"
            "\"validFrom\":\"2026-06-01T00:00:00Z\"}");
}

TEST(StatusList, RevocationListMarksWithdrawnOnly) {
  std::string bits = Bits(BitstringStatusListCredential(Issuer(), "revocation", kRegister, kToday));
  ASSERT_EQ(bits.size(), 16384u);
  EXPECT_EQ(static_cast<unsigned char>(bits[0]), 0x10);  // bit 3
  EXPECT_EQ(bits.substr(1), std::string(16383, '\0'));
}

TEST(StatusList, SameInputsSameBytesAndTheEncodingPinned) {
  std::vector<CertificateRecord> reversed(kRegister.rbegin(), kRegister.rend());
  std::string a = BitstringStatusListCredential(Issuer(), "revocation", kRegister, kToday);
  EXPECT_EQ(a, BitstringStatusListCredential(Issuer(), "revocation", reversed, kToday));
  nlohmann::json j = nlohmann::json::parse(a);
  // gzip (no name, no time stamp) of 16 KB whose first byte is 0x10, base64url, 'u'.
  EXPECT_EQ(j["credentialSubject"]["encodedList"], kPinnedRevocationList);
  EXPECT_EQ(a.back(), '\n');
}

TEST(StatusList, GrowsForLargeIdsAndRefusesHugeOnes) {
  std::vector<CertificateRecord> certs = {Cert(131072, CertificateState::kWithdrawn, "2027-12-31")};
  std::string bits = Bits(BitstringStatusListCredential(Issuer(), "revocation", certs, kToday));
  ASSERT_EQ(bits.size(), 32768u);
  EXPECT_TRUE(StatusBit(bits, 131072));
  EXPECT_EQ(static_cast<unsigned char>(bits[16384]), 0x80);
  certs[0].id = kMaxStatusListBits;
  EXPECT_EQ(BitstringStatusListCredential(Issuer(), "revocation", certs, kToday), "");
}

TEST(StatusList, DecodeRefusesWhatIsNotAList) {
  std::string bits;
  EXPECT_FALSE(DecodeStatusList("", &bits));
  EXPECT_FALSE(DecodeStatusList("zabc", &bits));       // base58, not base64url
  EXPECT_FALSE(DecodeStatusList("uH4sIAAAA", &bits));  // a truncated gzip stream
  EXPECT_FALSE(DecodeStatusList("uaGVsbG8", &bits));   // "hello": not gzip
}

}  // namespace
}  // namespace sceau
