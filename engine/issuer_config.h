// The certifier's public identity: who issues the certificates and badges, and where the public
// directory of certificates lives. One YAML file (format "sceau-config", documented in
// certifier/README.md; its JSON Schema is certifier/config.schema.json), read by the commands that
// publish or print something a buyer checks: `register publish`, `register badge`, the QR code of
// a certificate. It holds only public material: the private key is a separate file, read only by
// `badge` and `sign`.
//
//   issuer:
//     id: https://labels.example.org/emetteur     # the issuer's URI (an Open Badges profile id)
//     name: Réseau Exemple
//     url: https://www.example.org
//   directory:
//     base_url: https://labels.example.org/annuaire
//
// Usage:
//   std::vector<Diagnostic> diagnostics;
//   std::optional<IssuerConfig> config = LoadIssuerConfigFile(path, &diagnostics);
//   if (!config) { ...print diagnostics... }
//   std::string url = CertificatePageUrl(config->directory_url, "CEDRE-2026-00001", "fr");
#ifndef SCEAU_ENGINE_ISSUER_CONFIG_H_
#define SCEAU_ENGINE_ISSUER_CONFIG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/format.h"
#include "engine/source.h"

namespace sceau {

struct IssuerConfig {
  std::string path;         // the file it was read from
  std::string id;           // issuer.id: the issuer's URI (https:), required
  std::string name;         // issuer.name, required
  std::string url;          // issuer.url: its web site; optional
  std::string email;        // issuer.email; optional
  std::string key_id;       // issuer.key_id: URI of the signing key (a badge's verificationMethod);
                            // empty: "<id>#<the public key's multibase>"
  std::string description;  // issuer.description; optional
  std::string directory_url;  // directory.base_url without a trailing '/'; empty: no directory
                              // (no QR codes, no status lists)
};

// Reads and checks the file: every problem reported like a loader (file:line:col), in the
// diagnostics' language. Nullopt when there is an error.
std::optional<IssuerConfig> LoadIssuerConfigFile(const std::string& path,
                                                 std::vector<Diagnostic>* diagnostics);
std::optional<IssuerConfig> LoadIssuerConfigFromString(const std::string& path, std::string text,
                                                       std::vector<Diagnostic>* diagnostics);

// `text` as the directory's base URL: an http or https address without spaces, returned without
// its trailing '/'; nullopt otherwise. What `directory.base_url` and `publish --base-url` accept.
std::optional<std::string> DirectoryBaseUrl(std::string_view text);

// $SCEAU_CONFIG, else $XDG_CONFIG_HOME/sceau/sceau.yaml, else $HOME/.config/sceau/sceau.yaml;
// empty when none of those variables is set.
std::string DefaultIssuerConfigPath();

// A certificate number as it may appear in a file name and a URL: [A-Za-z0-9][A-Za-z0-9._-]*, at
// most 64 characters. The register issues only such numbers; anything else is refused.
bool IsPublishableNumber(std::string_view number);

// A certificate's page in the directory, relative to its root: "certificats/NUM.html" in French,
// "en/certificates/NUM.html" in English ("en"; any other language is French).
std::string CertificatePagePath(std::string_view number, std::string_view lang);
// The page's public URL: directory_url + "/" + CertificatePagePath; empty without a directory.
std::string CertificatePageUrl(std::string_view directory_url, std::string_view number,
                               std::string_view lang);
// A status list in the directory: "status/suspension.json", "status/revocation.json".
std::string StatusListPath(std::string_view purpose);
std::string StatusListUrl(std::string_view directory_url, std::string_view purpose);

namespace format {
const MapSpec& IssuerConfigSpec();
SchemaInfo IssuerConfigSchemaInfo();
}  // namespace format

}  // namespace sceau

#endif  // SCEAU_ENGINE_ISSUER_CONFIG_H_
