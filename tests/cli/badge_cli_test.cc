// `sceau register badge` and `sceau verify` of its credentials: the story's first certificate
// issued as an Open Badges 3.0 credential, checked against the official JSON Schema, verified,
// refused once tampered with, and read suspended, withdrawn or expired from the status lists and
// its dates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/issuer_config.h"
#include "register/register.h"
#include "register/status_list.h"
#include "reports/atomic_file.h"
#include "reports/data_integrity.h"
#include "reports/signing.h"
#include "tests/standards.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using ::testing::HasSubstr;
using testing::ReadFile;
using testing::RunSceau;
using testing::Shell;
using testing::SourcePath;
using testing::StandardsPath;
using testing::TempDir;

const char kNumber[] = "CEDRE-2023-00001";
const char kIssuerId[] = "https://labels.reseau-exemple.fr/emetteur";
const char kDirectory[] = "https://labels.reseau-exemple.fr/annuaire";

class BadgeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.path() + "/r.db";
    auto r = RunSceau("register --db '" + db_ + "' record audits/story/2023-initial.json --by T");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = RunSceau("keygen --out '" + dir_.path() + "/issuer'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string pem = ReadFile(dir_.path() + "/issuer.pub");
    std::string error;
    ASSERT_TRUE(PublicKey::FromPem(pem, &key_, &error)) << error;
    multikey_ = Ed25519PublicMultikey(key_);
    WriteConfig("");
  }
  void WriteConfig(const std::string& key_id) {
    config_ = dir_.Write("sceau.yaml", std::string("format: 1\nissuer:\n  id: ") + kIssuerId +
                                           "\n  name: Réseau Exemple\n  url: "
                                           "https://www.reseau-exemple.fr\n" +
                                           (key_id.empty() ? "" : "  key_id: " + key_id + "\n") +
                                           "directory:\n  base_url: " + kDirectory + "\n");
  }
  // Issues the badge into `name` and returns the run.
  testing::RunResult Badge(const std::string& name, const std::string& args) {
    return RunSceau("register --db '" + db_ + "' badge " + kNumber + " --key '" + dir_.path() +
                    "/issuer.key' --config '" + config_ + "' --out '" + dir_.path() + "/" + name +
                    "' " + args);
  }
  testing::RunResult Verify(const std::string& name, const std::string& args) {
    return RunSceau("verify '" + dir_.path() + "/" + name + "' --key '" + dir_.path() +
                    "/issuer.pub' " + args);
  }
  // Writes DIR/status/{suspension,revocation}.json from the register as it stands on `today`.
  std::string PublishStatus(const std::string& today) {
    std::string error;
    auto reg = CertificateRegister::Open(db_, {}, &error);
    EXPECT_TRUE(reg) << error;
    std::vector<CertificateRecord> all;
    RegisterFilter filter;
    filter.today = *Date::Parse(today);
    EXPECT_TRUE(reg->List(filter, &all, &error)) << error;
    IssuerConfig issuer;
    issuer.id = kIssuerId;
    issuer.name = "Réseau Exemple";
    issuer.directory_url = kDirectory;
    std::string out = dir_.path() + "/site";
    std::filesystem::create_directories(out + "/status");
    for (std::string_view purpose : kStatusPurposes) {
      EXPECT_TRUE(WriteFileAtomically(
          out + "/" + StatusListPath(purpose),
          BitstringStatusListCredential(issuer, purpose, all, filter.today), &error))
          << error;
    }
    return out;
  }
  TempDir dir_;
  std::string db_, config_, multikey_;
  PublicKey key_;
};

TEST_F(BadgeCli, IssuesTheCertificateAsAnOpenBadgeCredential) {
  auto r = Badge("badge.json", "--today 2024-01-15 --lang en");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Wrote: " + dir_.path() + "/badge.json\n");
  EXPECT_EQ(r.err, "");
  nlohmann::ordered_json vc = nlohmann::ordered_json::parse(ReadFile(dir_.path() + "/badge.json"));
  EXPECT_EQ(vc["@context"].dump(),
            "[\"https://www.w3.org/ns/credentials/v2\","
            "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"]");
  EXPECT_EQ(vc["type"].dump(), "[\"VerifiableCredential\",\"OpenBadgeCredential\"]");
  EXPECT_EQ(vc["name"],
            "CEDRE ISO 9001 — Quality label for work integration: certificate CEDRE-2023-00001");
  EXPECT_EQ(vc["issuer"].dump(),
            "{\"id\":\"https://labels.reseau-exemple.fr/emetteur\",\"type\":[\"Profile\"],"
            "\"name\":\"Réseau Exemple\",\"url\":\"https://www.reseau-exemple.fr\"}");
  EXPECT_EQ(vc["validFrom"], "2023-09-28T00:00:00Z");
  EXPECT_EQ(vc["validUntil"], "2026-09-27T23:59:59Z");
  const auto& subject = vc["credentialSubject"];
  EXPECT_EQ(subject["identifier"].dump(),
            "[{\"type\":\"IdentityObject\",\"hashed\":false,\"identityHash\":\"Association "
            "Pierres et Rivières du Haut-Olbène\",\"identityType\":\"name\"},"
            "{\"type\":\"IdentityObject\",\"hashed\":false,\"identityHash\":\"48239176500013\","
            "\"identityType\":\"ext:SIRET\"}]");
  EXPECT_EQ(subject["licenseNumber"], kNumber);
  const auto& achievement = subject["achievement"];
  EXPECT_EQ(achievement["id"],
            "https://labels.reseau-exemple.fr/emetteur/labels/cedre-iso9001/2026.1");
  EXPECT_EQ(achievement["achievementType"], "Certification");
  EXPECT_EQ(achievement["name"], "CEDRE ISO 9001 — Quality label for work integration");
  EXPECT_THAT(
      achievement["criteria"]["narrative"].get<std::string>(),
      HasSubstr("Granted by Réseau Exemple after an audit of the organisation against the "));
  EXPECT_THAT(achievement["criteria"]["narrative"].get<std::string>(),
              HasSubstr(" criteria of the referential CEDRE ISO 9001 — Quality label for work "
                        "integration (edition 2026.1), whose rules decide the label. The "
                        "certificate is valid for 36 months, with a surveillance audit at least "
                        "every 12 months."));
  EXPECT_EQ(vc["evidence"][0]["id"],
            "https://labels.reseau-exemple.fr/annuaire/en/certificates/CEDRE-2023-00001.html");
  EXPECT_EQ(vc["credentialStatus"].dump(),
            "{\"id\":\"https://labels.reseau-exemple.fr/annuaire/status/suspension.json#1\","
            "\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"suspension\","
            "\"statusListIndex\":\"1\",\"statusListCredential\":"
            "\"https://labels.reseau-exemple.fr/annuaire/status/suspension.json\"}");
  ASSERT_TRUE(vc["proof"].is_array());
  ASSERT_EQ(vc["proof"].size(), 1u);
  const auto& proof = vc["proof"][0];
  EXPECT_EQ(proof["type"], "DataIntegrityProof");
  EXPECT_EQ(proof["cryptosuite"], "eddsa-jcs-2022");
  EXPECT_EQ(proof["created"], "2024-01-15T00:00:00Z");
  EXPECT_EQ(proof["verificationMethod"], std::string(kIssuerId) + "#" + multikey_);
  EXPECT_EQ(proof["proofPurpose"], "assertionMethod");
  // Same day, same bytes.
  ASSERT_EQ(Badge("again.json", "--today 2024-01-15 --lang en").exit_code, 0);
  EXPECT_EQ(ReadFile(dir_.path() + "/again.json"), ReadFile(dir_.path() + "/badge.json"));
}

TEST_F(BadgeCli, EveryCredentialValidatesAgainstTheOfficialSchema) {
  ASSERT_EQ(Badge("fr.json", "--today 2024-01-15").exit_code, 0);
  ASSERT_EQ(Badge("en.json", "--today 2024-01-15 --lang en").exit_code, 0);
  // Without a directory: no evidence, no status.
  config_ = dir_.Write("bare.yaml", std::string("format: 1\nissuer:\n  id: ") + kIssuerId +
                                        "\n  name: Réseau Exemple\n");
  ASSERT_EQ(Badge("bare.json", "--today 2024-01-15").exit_code, 0);
  EXPECT_FALSE(nlohmann::json::parse(ReadFile(dir_.path() + "/bare.json")).contains("evidence"));
  int status = -1;
  std::string out = Shell(
      std::string(SCEAU_PYTHON) + " '" + SourcePath("tests/badge/check_ob_schema.py") + "' '" +
          StandardsPath("openbadges-3.0/achievementcredential.schema.json") + "' '" + dir_.path() +
          "/fr.json' '" + dir_.path() + "/en.json' '" + dir_.path() + "/bare.json' 2>&1",
      &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_EQ(out, dir_.path() + "/fr.json: valid\n" + dir_.path() + "/en.json: valid\n" +
                     dir_.path() + "/bare.json: valid\n");
  // The check itself fails on a credential that breaks the schema.
  nlohmann::json broken = nlohmann::json::parse(ReadFile(dir_.path() + "/fr.json"));
  broken["credentialSubject"]["achievement"].erase("criteria");
  dir_.Write("broken.json", broken.dump());
  out = Shell(std::string(SCEAU_PYTHON) + " '" + SourcePath("tests/badge/check_ob_schema.py") +
                  "' '" + StandardsPath("openbadges-3.0/achievementcredential.schema.json") +
                  "' '" + dir_.path() + "/broken.json' 2>&1",
              &status);
  EXPECT_EQ(status, 1);
  EXPECT_EQ(out, dir_.path() +
                     "/broken.json: credentialSubject/achievement: 'criteria' is a required "
                     "property\n");
}

TEST_F(BadgeCli, VerifyAcceptsItAndRefusesATamperedCopy) {
  ASSERT_EQ(Badge("badge.json", "--today 2024-01-15").exit_code, 0);
  auto r = Verify("badge.json", "--today 2024-01-15");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "valid: Association Pierres et Rivières du Haut-Olbène, CEDRE ISO 9001 — Quality label "
            "for work integration, certificate CEDRE-2023-00001, 2023-09-28 → 2026-09-27, status "
            "not checked (no --status-dir), signed by key " +
                key_.id() + "\n");
  // Another layout of the same JSON is the same credential (JCS).
  std::string text = ReadFile(dir_.path() + "/badge.json");
  dir_.Write("compact.json", nlohmann::ordered_json::parse(text).dump());
  EXPECT_EQ(Verify("compact.json", "--today 2024-01-15").exit_code, 0);
  // One changed character in any value.
  const std::pair<const char*, const char*> changes[] = {
      {"\"identityHash\": \"Association Pierres et Rivières du Haut-Olbène\"",
       "\"identityHash\": \"Association Pierres et Rivières du Haut-Olbene\""},
      {"48239176500013", "48239176500014"},
      {"2026-09-27T23:59:59Z", "2029-09-27T23:59:59Z"},
      {"\"statusListIndex\": \"1\"", "\"statusListIndex\": \"2\""},
      {"\"created\": \"2024-01-15T00:00:00Z\"", "\"created\": \"2024-01-16T00:00:00Z\""},
  };
  for (const auto& [from, to] : changes) {
    dir_.Write("tampered.json", testing::Edit(text, from, to));
    r = Verify("tampered.json", "--today 2024-01-15");
    EXPECT_EQ(r.exit_code, 1) << from;
    EXPECT_EQ(r.err,
              "INVALID: its proof does not verify with this key: the credential was altered or "
              "signed by another key\n")
        << from;
    EXPECT_EQ(r.out, "");
  }
  // Another key.
  ASSERT_EQ(RunSceau("keygen --out '" + dir_.path() + "/other'").exit_code, 0);
  r = RunSceau("verify '" + dir_.path() + "/badge.json' --key '" + dir_.path() +
               "/other.pub' --today 2024-01-15");
  EXPECT_EQ(r.exit_code, 1);
  // In French.
  r = RunSceau("--lang fr verify '" + dir_.path() + "/tampered.json' --key '" + dir_.path() +
               "/issuer.pub' --today 2024-01-15");
  EXPECT_EQ(r.err,
            "INVALIDE : sa preuve ne se vérifie pas avec cette clé : l'attestation a été modifiée "
            "ou signée par une autre clé\n");
  // A result and its signature are still verified as before.
  r = Verify("badge.json", "--today 2024-01-15 --signature x.sig");
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(BadgeCli, SuspendedWithdrawnAndExpiredAfterPublication) {
  ASSERT_EQ(Badge("badge.json", "--today 2024-01-15").exit_code, 0);
  std::string site = PublishStatus("2024-01-20");
  auto r = Verify("badge.json", "--today 2024-01-20 --status-dir '" + site + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(", 2023-09-28 → 2026-09-27, in force (status list), signed by key"));

  ASSERT_EQ(
      RunSceau("register --db '" + db_ + "' suspend " + kNumber + " --reason R --today 2024-02-01")
          .exit_code,
      0);
  site = PublishStatus("2024-02-10");
  r = Verify("badge.json", "--today 2024-02-10 --status-dir '" + site + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "INVALID: certificate CEDRE-2023-00001 is suspended (status list)\n");
  r = RunSceau("--lang fr verify '" + dir_.path() + "/badge.json' --key '" + dir_.path() +
               "/issuer.pub' --today 2024-02-10 --status-dir '" + site + "'");
  EXPECT_EQ(r.err, "INVALIDE : le certificat CEDRE-2023-00001 est suspendu (liste de statut)\n");
  // No badge for a suspended certificate.
  r = Badge("late.json", "--today 2024-02-10");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "sceau register badge: CEDRE-2023-00001 is suspended on 2024-02-10: a badge is issued "
            "only for a certificate in force\n");

  ASSERT_EQ(
      RunSceau("register --db '" + db_ + "' withdraw " + kNumber + " --reason R --today 2024-03-01")
          .exit_code,
      0);
  site = PublishStatus("2024-03-02");
  r = Verify("badge.json", "--today 2024-03-02 --status-dir '" + site + "'");
  EXPECT_EQ(r.err, "INVALID: certificate CEDRE-2023-00001 is withdrawn (status list)\n");

  // A status folder without the lists: the status cannot be confirmed.
  r = Verify("badge.json", "--today 2024-03-02 --status-dir '" + dir_.path() + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("INVALID: its status cannot be read: "));
}

// Digital Bazaar's verifier and status list reader (tests/verifier, installed by scripts/test.sh:
// this test fails when they are missing) read the same bits from the published lists.
TEST_F(BadgeCli, IndependentVerifierReadsTheStatusLists) {
  ASSERT_EQ(Badge("badge.json", "--today 2024-01-15").exit_code, 0);
  const auto independent = [&](const std::string& site, const std::string& now) {
    return Shell("node '" + SourcePath("tests/verifier/verify.mjs") + "' '" + dir_.path() +
                 "/badge.json' '" + dir_.path() + "/issuer.pub' '" +
                 StandardsPath("openbadges-3.0/context-3.0.3.json") + "' " + now + " '" + site +
                 "' 2>&1");
  };
  EXPECT_EQ(independent(PublishStatus("2024-01-20"), "2024-01-20T12:00:00Z"), "verified\n");
  ASSERT_EQ(
      RunSceau("register --db '" + db_ + "' suspend " + kNumber + " --reason R --today 2024-02-01")
          .exit_code,
      0);
  EXPECT_EQ(independent(PublishStatus("2024-02-10"), "2024-02-10T12:00:00Z"),
            "refused: status suspension is set\n");
  ASSERT_EQ(RunSceau("register --db '" + db_ + "' reinstate " + kNumber +
                     " --reason R --today 2024-02-20")
                .exit_code,
            0);
  EXPECT_EQ(independent(PublishStatus("2024-02-21"), "2024-02-21T12:00:00Z"), "verified\n");
}

TEST_F(BadgeCli, ExpiredAndNotYetValid) {
  ASSERT_EQ(Badge("badge.json", "--today 2024-01-15").exit_code, 0);
  auto r = Verify("badge.json", "--today 2026-09-27");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Verify("badge.json", "--today 2026-09-28");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "INVALID: certificate CEDRE-2023-00001 expired on 2026-09-27\n");
  r = Verify("badge.json", "--today 2023-09-27");
  EXPECT_EQ(r.err, "INVALID: certificate CEDRE-2023-00001 is not valid before 2023-09-28\n");
  r = Badge("expired.json", "--today 2026-10-01");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "sceau register badge: CEDRE-2023-00001 is expired on 2026-10-01: a badge is issued "
            "only for a certificate in force\n");
}

TEST_F(BadgeCli, RefusesAKeyOtherThanTheConfigurationNames) {
  ASSERT_EQ(RunSceau("keygen --out '" + dir_.path() + "/other'").exit_code, 0);
  PublicKey other;
  std::string error;
  ASSERT_TRUE(PublicKey::FromPem(ReadFile(dir_.path() + "/other.pub"), &other, &error));
  const std::string other_key = Ed25519PublicMultikey(other);
  WriteConfig(std::string(kIssuerId) + "#" + other_key);
  auto r = Badge("badge.json", "--today 2024-01-15");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "sceau register badge: " + dir_.path() + "/issuer.key is not the key " +
                       config_ + " names (issuer.key_id " + kIssuerId + "#" + other_key +
                       "): its public key is " + multikey_ + "\n");
  // The right one: its key id is the verificationMethod.
  const std::string named = std::string(kIssuerId) + "#" + multikey_;
  WriteConfig(named);
  r = Badge("badge.json", "--today 2024-01-15");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(
                ReadFile(dir_.path() + "/badge.json"))["proof"][0]["verificationMethod"],
            named);
  // A key id that names no key ("#key-1") cannot be checked: it is the verificationMethod.
  WriteConfig(std::string(kIssuerId) + "#key-1");
  r = Badge("badge.json", "--today 2024-01-15");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(
                ReadFile(dir_.path() + "/badge.json"))["proof"][0]["verificationMethod"],
            std::string(kIssuerId) + "#key-1");
  // The public key is no private key.
  r = RunSceau("register --db '" + db_ + "' badge " + kNumber + " --key '" + dir_.path() +
               "/issuer.pub' --config '" + config_ + "' --out '" + dir_.path() +
               "/x.json' --today 2024-01-15");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "sceau register badge: " + dir_.path() +
                       "/issuer.pub: this is a public key: sign with the private key (the .key "
                       "file)\n");
}

}  // namespace
}  // namespace sceau
