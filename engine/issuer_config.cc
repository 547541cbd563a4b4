#include "engine/issuer_config.h"

#include <cstdlib>
#include <memory>
#include <utility>

#include "engine/dossier_parser.h"
#include "engine/referential_loader.h"
#include "engine/wording.h"
#include "engine/yaml_reader.h"
#include "engine/yaml_tree.h"

namespace sceau {

namespace format {
namespace {

constexpr ValueSpec kUri = WithSchema(String(), R"({"pattern": "^https?://[^\\s]+$"})");

const MapSpec& IssuerSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id",
       kUri,
       kRequired,
       {},
       "The issuer's URI, http(s): the `issuer.id` of every badge (an Open Badges profile)."},
      {"name", String(), kRequired, {}, "The issuer's name, as buyers read it."},
      {"url", kUri, kOptional, {}, "The issuer's web site."},
      {"email", String(), kOptional, {}, "A contact address for questions about a certificate."},
      {"key_id",
       kUri,
       kOptional,
       {},
       "URI of the signing key, a badge proof's `verificationMethod`; default: "
       "`<id>#<public key multibase>`."},
      {"description", String(), kOptional, {}, "One line on the issuer, for its badge profile."},
  };
  static constexpr MapSpec kSpec{"issuer", "Who issues the certificates and badges.", kKeys};
  return kSpec;
}

const MapSpec& DirectorySpec() {
  static constexpr KeySpec kKeys[] = {
      {"base_url",
       kUri,
       kOptional,
       {},
       "Where `sceau register publish`'s folder is served, http(s): certificate pages, QR codes "
       "and badges' status lists point under it."},
  };
  static constexpr MapSpec kSpec{"directory", "The public directory of certificates.", kKeys};
  return kSpec;
}

}  // namespace

const MapSpec& IssuerConfigSpec() {
  static constexpr KeySpec kKeys[] = {
      {"format", WithSchema(Integer(), R"({"const": 1})"), kOptional, "1",
       "Format version; 1, the only one."},
      {"issuer", Map(IssuerSpec), kRequired, {}, "Who issues the certificates and badges."},
      {"directory", Map(DirectorySpec), kOptional, {}, "The public directory of certificates."},
  };
  static constexpr MapSpec kSpec{"config", "The certifier's public identity.", kKeys};
  return kSpec;
}

SchemaInfo IssuerConfigSchemaInfo() {
  return {"sceau certifier configuration",
          "The certifier's public identity (format 1): the issuer of certificates and badges, and "
          "the public directory's address. Generated from sceau's description of the format; see "
          "certifier/README.md."};
}

}  // namespace format

namespace {

bool IsUri(std::string_view s) {
  std::string_view rest;
  if (s.starts_with("https://")) {
    rest = s.substr(8);
  } else if (s.starts_with("http://")) {
    rest = s.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/') return false;
  for (unsigned char c : s) {
    if (c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`')
      return false;
  }
  return true;
}

class ConfigParser {
 public:
  ConfigParser(DiagnosticSink* sink, IssuerConfig* config) : r_(sink), config_(config) {}

  void Parse(const YamlNode* root) {
    if (!root || !r_.IsMap(root, Tr("the configuration"))) return;
    Fields f(&r_, root, format::IssuerConfigSpec(), Tr("the configuration"));
    if (auto v = f.Integer("format"); v && *v != 1) {
      r_.sink().Error("bad-format-version", f.Get("format")->where,
                      Fmt("this build reads configuration format 1, not {}", *v));
    }
    if (const YamlNode* n = f.Map("issuer")) ParseIssuer(n);
    if (const YamlNode* n = f.Map("directory")) ParseDirectory(n);
    f.Finish();
  }

 private:
  void ParseIssuer(const YamlNode* n) {
    Fields f(&r_, n, dossier_internal::SubSpec(format::IssuerConfigSpec(), "issuer"), "'issuer'");
    config_->id = Uri(&f, "id");
    config_->name = f.String("name").value_or("");
    if (f.Get("name") && config_->name.empty()) {
      r_.sink().Error("empty-value", f.Get("name")->where, Tr("the issuer's name is empty"));
    }
    config_->url = Uri(&f, "url");
    config_->email = f.String("email").value_or("");
    config_->key_id = Uri(&f, "key_id");
    config_->description = f.String("description").value_or("");
    f.Finish();
  }

  void ParseDirectory(const YamlNode* n) {
    Fields f(&r_, n, dossier_internal::SubSpec(format::IssuerConfigSpec(), "directory"),
             "'directory'");
    config_->directory_url = DirectoryBaseUrl(Uri(&f, "base_url")).value_or("");
    f.Finish();
  }

  std::string Uri(Fields* f, std::string_view key) {
    std::optional<std::string> v = f->String(key);
    if (!v) return "";
    if (!IsUri(*v)) {
      r_.sink().Error("bad-url", f->Get(key)->where,
                      Fmt("{} must be an http or https address without spaces, not '{}'",
                          f->ValueName(key).str(), *v));
      return "";
    }
    return *v;
  }

  YamlReader r_;
  IssuerConfig* config_;
};

}  // namespace

std::optional<IssuerConfig> LoadIssuerConfigFromString(const std::string& path, std::string text,
                                                       std::vector<Diagnostic>* diagnostics) {
  size_t bom = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    text.erase(0, 3);
    bom = 3;
  }
  auto source = std::make_shared<SourceFile>(path, std::move(text), bom);
  DiagnosticSink sink(source);
  IssuerConfig config;
  config.path = path;
  YamlDocument doc;
  if (ParseYaml(source, YamlLimits{}, &sink, &doc)) {
    ConfigParser parser(&sink, &config);
    parser.Parse(doc.root());
  }
  const bool ok = !sink.has_errors();
  std::vector<Diagnostic> found = sink.Take();
  diagnostics->insert(diagnostics->end(), std::make_move_iterator(found.begin()),
                      std::make_move_iterator(found.end()));
  if (!ok) return std::nullopt;
  return config;
}

std::optional<IssuerConfig> LoadIssuerConfigFile(const std::string& path,
                                                 std::vector<Diagnostic>* diagnostics) {
  std::string text;
  Diagnostic error;
  // A configuration is a few lines: 1 MB is far more than one needs.
  if (!ReadFileText(path, size_t{1} << 20, &text, &error)) {
    diagnostics->push_back(std::move(error));
    return std::nullopt;
  }
  return LoadIssuerConfigFromString(path, std::move(text), diagnostics);
}

std::optional<std::string> DirectoryBaseUrl(std::string_view text) {
  if (!IsUri(text)) return std::nullopt;
  while (text.size() > 1 && text.back() == '/') text.remove_suffix(1);
  return std::string(text);
}

std::string DefaultIssuerConfigPath() {
  if (const char* v = std::getenv("SCEAU_CONFIG"); v && *v) return v;
  if (const char* v = std::getenv("XDG_CONFIG_HOME"); v && *v) {
    return std::string(v) + "/sceau/sceau.yaml";
  }
  if (const char* v = std::getenv("HOME"); v && *v)
    return std::string(v) + "/.config/sceau/sceau.yaml";
  return "";
}

bool IsPublishableNumber(std::string_view number) {
  if (number.empty() || number.size() > 64) return false;
  for (size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.'))) return false;
  }
  return true;
}

std::string CertificatePagePath(std::string_view number, std::string_view lang) {
  std::string path = lang == "en" ? "en/certificates/" : "certificats/";
  path += number;
  path += ".html";
  return path;
}

std::string CertificatePageUrl(std::string_view directory_url, std::string_view number,
                               std::string_view lang) {
  if (directory_url.empty()) return "";
  return std::string(directory_url) + "/" + CertificatePagePath(number, lang);
}

std::string StatusListPath(std::string_view purpose) {
  return "status/" + std::string(purpose) + ".json";
}

std::string StatusListUrl(std::string_view directory_url, std::string_view purpose) {
  if (directory_url.empty()) return "";
  return std::string(directory_url) + "/" + StatusListPath(purpose);
}

}  // namespace sceau
