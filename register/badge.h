// A certificate as an Open Badges 3.0 credential (1EdTech OB 3.0, on the W3C Verifiable
// Credentials Data Model 2.0): an `OpenBadgeCredential` the certifier issues to the labelled
// organisation, signed with a Data Integrity proof of the cryptosuite eddsa-jcs-2022
// (reports/data_integrity.h) with the certifier's Ed25519 key.
//
// What it says (every field from the register, the referential and the issuer's configuration):
//   - issuer: the certifier's profile (IssuerConfig: id, name, url, email, description);
//   - credentialSubject: an AchievementSubject identified by the organisation's name and SIRET
//     (IdentityObjects, not hashed: the directory publishes them), licenseNumber = the certificate
//     number; its achievement is the label: the referential's title, edition and description,
//     criteria.narrative from the referential;
//   - validFrom / validUntil: the certificate's effective date (00:00:00Z) and expiry date
//     (23:59:59Z): a certificate is in force on its expiry day;
//   - evidence: the certificate's page in the public directory (the report a buyer reads);
//   - credentialStatus: one BitstringStatusListEntry (Open Badges 3.0 allows one) of purpose
//     "suspension" in the directory's status/suspension.json (register/status_list.h), at index =
//     the certificate's register row id. Without a directory (no base URL), neither evidence nor
//     status.
// The proof is an array of one, as the Open Badges 3.0 schema requires.
// Same inputs (and the same `created`), same bytes: Ed25519 signatures are deterministic.
#ifndef SCEAU_REGISTER_BADGE_H_
#define SCEAU_REGISTER_BADGE_H_

#include <nlohmann/json.hpp>
#include <string>

#include "engine/issuer_config.h"
#include "engine/referential.h"
#include "register/register.h"
#include "reports/signing.h"

namespace sceau {

inline constexpr char kCredentialsContextV2[] = "https://www.w3.org/ns/credentials/v2";
inline constexpr char kOpenBadgesContext[] =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

struct BadgeRequest {
  IssuerConfig issuer;
  CertificateRecord certificate;
  // The referential the certificate was issued against; null when it cannot be found (the
  // achievement then names its id and edition only).
  const Referential* referential = nullptr;
  std::string lang = "fr";          // "fr" or "en": the credential's texts and evidence page
  std::string verification_method;  // empty: issuer.key_id, else "<issuer.id>#<multikey>"
  std::string created;              // the proof's time, UTC: 2026-12-07T14:50:35Z
};

// The verificationMethod a key signs under: `issuer.key_id`, else "<issuer.id>#<multikey>".
std::string BadgeVerificationMethod(const IssuerConfig& issuer, const PublicKey& key);

// The credential without its proof.
nlohmann::ordered_json BadgeCredential(const BadgeRequest& request);

// The signed credential's JSON text (indented, ending with a newline). False with `*error` when it
// cannot be signed.
bool IssueBadge(const BadgeRequest& request, const PrivateKey& key, std::string* json,
                std::string* error);

// ---- Verification ------------------------------------------------------------------------------

// What `sceau verify` finds in a credential.
struct BadgeVerification {
  bool valid = false;
  std::string problem;  // why not, one sentence
  std::string organisation, number, label;
  std::string valid_from, valid_until;  // YYYY-MM-DD, as the credential gives them
  // The status found in the status lists: "" (not looked at), "active", "suspended", "withdrawn".
  std::string status;
  std::string status_note;  // why the status was not looked at, when it was not
  std::string key_id;       // the key whose proof held
};

struct BadgeCheckOptions {
  Date today;              // the day the dates are checked against
  std::string status_dir;  // the published directory; empty: the status is not looked at
};

// Checks a credential's bytes: JSON, an OpenBadgeCredential, its eddsa-jcs-2022 proof with `key`,
// validFrom <= today <= validUntil, and, with a status folder, its status bits: the list named by
// its credentialStatus is read from <status_dir>/status/<what follows the URL's last "/status/">,
// and the revocation list beside it tells a withdrawal from a suspension. No network access.
BadgeVerification VerifyBadge(const PublicKey& key, std::string_view json,
                              const BadgeCheckOptions& options);

// True when `json` looks like a credential (a JSON object whose @context is an array starting
// with the VC 2.0 context): what `sceau verify` uses to choose the check.
bool LooksLikeCredential(std::string_view json);

// "valid: <organisation>, <label>, certificate <number>, <from> → <until>, <status>, signed by key
// <id>" or
// "INVALID: <problem>", in the diagnostics' language.
std::string BadgeVerdictLine(const BadgeVerification& v);

}  // namespace sceau

#endif  // SCEAU_REGISTER_BADGE_H_
