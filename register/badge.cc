#include "register/badge.h"

#include <filesystem>
#include <optional>

#include "engine/sha256.h"
#include "engine/wording.h"
#include "register/status_list.h"
#include "reports/data_integrity.h"

namespace sceau {
namespace {

using Json = nlohmann::ordered_json;

// The largest credential and status list files read, and the deepest JSON nesting accepted.
constexpr size_t kMaxCredentialBytes = size_t{1} << 20;
constexpr size_t kMaxStatusListFileBytes = size_t{16} << 20;
constexpr int kMaxJsonDepth = 64;

// A UUID (RFC 9562 version 8: custom) from the SHA-256 of `seed`: the same certificate and dates
// give the same credential id.
std::string UuidFrom(std::string_view seed) {
  std::string h = Sha256Hex(seed).substr(0, 32);
  h[12] = '8';
  static constexpr char kVariant[] = "89ab";
  h[16] = kVariant[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

// The label as the certificate names it: a maturity label with its level ("Label RSE — niveau
// Confirmé"), else the referential's title.
std::string Title(const BadgeRequest& r) {
  const CertificateRecord& c = r.certificate;
  if (!c.level_label.empty()) return c.level_label.Get(r.lang);
  if (r.referential != nullptr && !r.referential->title.empty()) {
    return r.referential->title.Get(r.lang);
  }
  return c.referential_id;
}

// Parses JSON text of at most kMaxJsonDepth levels; nullopt otherwise.
std::optional<Json> ParseBounded(std::string_view text) {
  struct TooDeep {};
  try {
    return Json::parse(text, [](int depth, Json::parse_event_t, Json&) {
      if (depth > kMaxJsonDepth) throw TooDeep{};
      return true;
    });
  } catch (const TooDeep&) {
    return std::nullopt;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::string StringField(const Json& j, const char* name) {
  if (!j.is_object()) return {};
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool HasType(const Json& j, std::string_view type) {
  if (!j.is_object()) return false;
  auto it = j.find("type");
  if (it == j.end()) return false;
  if (it->is_string()) return it->get<std::string>() == type;
  if (!it->is_array()) return false;
  for (const Json& t : *it) {
    if (t.is_string() && t.get<std::string>() == type) return true;
  }
  return false;
}

// The bit of `index` in the status list the URL names, read under `dir`. False with `*error`.
bool ReadStatusBit(const std::string& dir, const std::string& url, std::string_view purpose,
                   int64_t index, bool* set, std::string* error) {
  size_t at = url.rfind("/status/");
  std::string name = at == std::string::npos ? std::string() : url.substr(at + 8);
  bool safe = !name.empty() && name.front() != '.' && name.size() <= 128;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') {
      safe = false;
    }
  }
  if (!safe) {
    *error =
        Fmt("the status list '{}' is not a file of a published directory's status/ folder", url);
    return false;
  }
  std::string path = (std::filesystem::path(dir) / "status" / name).string();
  std::string bytes;
  if (!ReadFileLimited(path, kMaxStatusListFileBytes, &bytes, error)) return false;
  std::optional<Json> list = ParseBounded(bytes);
  const Json* subject = list && list->is_object() && list->contains("credentialSubject")
                            ? &(*list)["credentialSubject"]
                            : nullptr;
  std::string bits;
  if (!subject || StringField(*list, "id") != url ||
      !HasType(*list, "BitstringStatusListCredential") ||
      StringField(*subject, "statusPurpose") != purpose ||
      !DecodeStatusList(StringField(*subject, "encodedList"), &bits)) {
    *error = Fmt("{} is not the {} status list {}", path, purpose, url);
    return false;
  }
  *set = StatusBit(bits, index);
  return true;
}

// The day a date-time of the credential falls on (its first ten characters), or nullopt.
std::optional<Date> DayOf(const std::string& date_time) {
  if (date_time.size() < 10) return std::nullopt;
  return Date::Parse(std::string_view(date_time).substr(0, 10));
}

}  // namespace

std::string BadgeVerificationMethod(const IssuerConfig& issuer, const PublicKey& key) {
  if (!issuer.key_id.empty()) return issuer.key_id;
  return issuer.id + "#" + Ed25519PublicMultikey(key);
}

Json BadgeCredential(const BadgeRequest& r) {
  ScopedDiagnosticLanguage language(r.lang);
  const CertificateRecord& c = r.certificate;
  const Referential* ref = r.referential;
  const std::string title = Title(r);

  Json issuer;
  issuer["id"] = r.issuer.id;
  issuer["type"] = {"Profile"};
  issuer["name"] = r.issuer.name;
  if (!r.issuer.url.empty()) issuer["url"] = r.issuer.url;
  if (!r.issuer.email.empty()) issuer["email"] = r.issuer.email;
  if (!r.issuer.description.empty()) issuer["description"] = r.issuer.description;

  Json achievement;
  achievement["id"] = r.issuer.id + "/labels/" + c.referential_id + "/" + c.referential_version;
  achievement["type"] = {"Achievement"};
  achievement["achievementType"] = "Certification";
  achievement["name"] = title;
  std::string description = ref != nullptr && !ref->description.empty()
                                ? ref->description.Get(r.lang)
                                : Fmt("The label of the referential {}, edition {}.",
                                      c.referential_id, c.referential_version);
  achievement["description"] = description;
  Json criteria;
  if (ref != nullptr) {
    criteria["narrative"] = Fmt(
        "Granted by {} after an audit of the organisation against the {} criteria of the "
        "referential {} (edition {}), whose rules decide the label. The certificate is valid for "
        "{} months, with a surveillance audit at least every {} months.",
        r.issuer.name, ref->criteria.size(), title, c.referential_version,
        ref->policy.validity_months, ref->policy.surveillance_months);
  } else {
    criteria["narrative"] =
        Fmt("Granted by {} after an audit of the organisation against the referential {} "
            "(edition {}), whose rules decide the label.",
            r.issuer.name, c.referential_id, c.referential_version);
  }
  achievement["criteria"] = std::move(criteria);
  achievement["humanCode"] = c.level.empty() ? c.referential_id : c.referential_id + "/" + c.level;
  achievement["version"] = c.referential_version;
  achievement["inLanguage"] = r.lang == "en" ? "en" : "fr";

  Json subject;
  subject["type"] = {"AchievementSubject"};
  Json identifiers = Json::array();
  identifiers.push_back({{"type", "IdentityObject"},
                         {"hashed", false},
                         {"identityHash", c.organisation},
                         {"identityType", "name"}});
  if (!c.siret.empty()) {
    identifiers.push_back({{"type", "IdentityObject"},
                           {"hashed", false},
                           {"identityHash", c.siret},
                           {"identityType", "ext:SIRET"}});
  }
  subject["identifier"] = std::move(identifiers);
  subject["licenseNumber"] = c.number;
  subject["achievement"] = std::move(achievement);

  Json vc;
  vc["@context"] = {kCredentialsContextV2, kOpenBadgesContext};
  vc["id"] =
      "urn:uuid:" + UuidFrom(fmt::format("sceau-badge\n{}\n{}\n{}\n{}\n{}", r.issuer.id, c.number,
                                         c.revision, c.effective.ToString(), c.expiry.ToString()));
  vc["type"] = {"VerifiableCredential", "OpenBadgeCredential"};
  vc["name"] = Fmt("{}: certificate {}", title, c.number);
  vc["description"] = Fmt("{} holds the label {}: certificate {}, revision {}, issued by {}.",
                          c.organisation, title, c.number, c.revision, r.issuer.name);
  vc["issuer"] = std::move(issuer);
  vc["validFrom"] = c.effective.ToString() + "T00:00:00Z";
  vc["validUntil"] = c.expiry.ToString() + "T23:59:59Z";
  vc["credentialSubject"] = std::move(subject);
  if (!r.issuer.directory_url.empty()) {
    Json evidence;
    evidence["id"] = CertificatePageUrl(r.issuer.directory_url, c.number, r.lang);
    evidence["type"] = {"Evidence"};
    evidence["name"] = Fmt("Certificate {} in the public directory of {}", c.number, r.issuer.name);
    const std::string& scope = c.scope.empty() ? std::string() : c.scope.Get(r.lang);
    if (!scope.empty()) evidence["description"] = Fmt("Certified scope: {}", scope);
    vc["evidence"] = Json::array({std::move(evidence)});
    const std::string list = StatusListUrl(r.issuer.directory_url, "suspension");
    Json status;
    status["id"] = fmt::format("{}#{}", list, c.id);
    status["type"] = "BitstringStatusListEntry";
    status["statusPurpose"] = "suspension";
    status["statusListIndex"] = std::to_string(c.id);
    status["statusListCredential"] = list;
    vc["credentialStatus"] = std::move(status);
  }
  return vc;
}

bool IssueBadge(const BadgeRequest& r, const PrivateKey& key, std::string* json,
                std::string* error) {
  const PublicKey pub = key.Public();
  Json vc = BadgeCredential(r);
  ProofOptions options;
  options.verification_method = r.verification_method.empty()
                                    ? BadgeVerificationMethod(r.issuer, pub)
                                    : r.verification_method;
  options.created = r.created;
  if (!AddProof(key, options, &vc, error, /*as_set=*/true)) return false;
  *json = vc.dump(2) + "\n";
  return true;
}

bool LooksLikeCredential(std::string_view json) {
  if (json.size() > kMaxCredentialBytes) return false;
  std::optional<Json> j = ParseBounded(json);
  if (!j || !j->is_object()) return false;
  auto it = j->find("@context");
  return it != j->end() && it->is_array() && !it->empty() && (*it)[0].is_string() &&
         (*it)[0].get<std::string>() == kCredentialsContextV2;
}

BadgeVerification VerifyBadge(const PublicKey& key, std::string_view json,
                              const BadgeCheckOptions& options) {
  BadgeVerification v;
  const auto fail = [&](std::string problem) {
    v.valid = false;
    v.problem = std::move(problem);
    return v;
  };
  if (json.size() > kMaxCredentialBytes) {
    return fail(Fmt("the credential is larger than {} bytes", kMaxCredentialBytes));
  }
  std::optional<Json> parsed = ParseBounded(json);
  if (!parsed || !parsed->is_object()) return fail(Tr("the credential is not a JSON object"));
  const Json& vc = *parsed;
  if (!HasType(vc, "VerifiableCredential") ||
      !(HasType(vc, "OpenBadgeCredential") || HasType(vc, "AchievementCredential"))) {
    return fail(Tr("it is not an Open Badges credential (OpenBadgeCredential)"));
  }
  ProofCheck proof = VerifyProof(key, vc);
  if (!proof.valid) return fail(proof.problem);
  v.key_id = key.id();
  // Read only once the proof holds.
  const Json subject = vc.value("credentialSubject", Json::object());
  if (subject.is_object()) {
    v.number = StringField(subject, "licenseNumber");
    for (const Json& id : subject.value("identifier", Json::array())) {
      if (StringField(id, "identityType") == "name")
        v.organisation = StringField(id, "identityHash");
    }
    v.label = StringField(subject.value("achievement", Json::object()), "name");
  }
  std::optional<Date> from = DayOf(StringField(vc, "validFrom"));
  if (!from) return fail(Tr("its validFrom is not a date"));
  v.valid_from = from->ToString();
  std::optional<Date> until;
  if (vc.contains("validUntil")) {
    until = DayOf(StringField(vc, "validUntil"));
    if (!until) return fail(Tr("its validUntil is not a date"));
    v.valid_until = until->ToString();
  }
  if (options.today < *from) {
    return fail(Fmt("certificate {} is not valid before {}", v.number, v.valid_from));
  }
  if (until && *until < options.today) {
    return fail(Fmt("certificate {} expired on {}", v.number, v.valid_until));
  }
  // The status.
  if (vc.contains("credentialStatus")) {
    if (options.status_dir.empty()) {
      v.status_note = Tr("status not checked (no --status-dir)");
    } else {
      Json entries = vc["credentialStatus"];
      if (!entries.is_array()) entries = Json::array({entries});
      v.status = "active";
      for (const Json& entry : entries) {
        if (StringField(entry, "type") != "BitstringStatusListEntry") continue;
        const std::string purpose = StringField(entry, "statusPurpose");
        const std::string url = StringField(entry, "statusListCredential");
        const std::string index_text = StringField(entry, "statusListIndex");
        int64_t index = -1;
        if (!index_text.empty() && index_text.size() <= 12 &&
            index_text.find_first_not_of("0123456789") == std::string::npos) {
          index = std::stoll(index_text);
        }
        if ((purpose != "suspension" && purpose != "revocation") || index < 0) {
          return fail(Tr("its credentialStatus is not a status list entry sceau reads"));
        }
        bool set = false;
        std::string error;
        if (!ReadStatusBit(options.status_dir, url, purpose, index, &set, &error)) {
          return fail(Fmt("its status cannot be read: {}", error));
        }
        if (!set) continue;
        // Withdrawn, or only suspended? The revocation list beside it tells.
        bool revoked = purpose == "revocation";
        if (!revoked) {
          std::string sibling = url.substr(0, url.rfind("/status/")) + "/status/revocation.json";
          if (!ReadStatusBit(options.status_dir, sibling, "revocation", index, &revoked, &error)) {
            revoked = false;
          }
        }
        v.status = revoked ? "withdrawn" : "suspended";
      }
      if (v.status == "withdrawn") {
        return fail(Fmt("certificate {} is withdrawn (status list)", v.number));
      }
      if (v.status == "suspended") {
        return fail(Fmt("certificate {} is suspended (status list)", v.number));
      }
    }
  }
  v.valid = true;
  return v;
}

std::string BadgeVerdictLine(const BadgeVerification& v) {
  if (!v.valid) return Fmt("INVALID: {}", v.problem);
  std::string status = v.status == "active"     ? Tr("in force (status list)")
                       : !v.status_note.empty() ? v.status_note
                                                : Tr("no status list");
  return Fmt("valid: {}, {}, certificate {}, {} → {}, {}, signed by key {}", v.organisation,
             v.label, v.number, v.valid_from, v.valid_until, status, v.key_id);
}

}  // namespace sceau
