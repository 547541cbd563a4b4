// The certifier's configuration (engine/issuer_config.h): the shipped sample loads, every problem
// of a file is reported at its place, and the directory's paths and URLs are built one way.
#include "engine/issuer_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "engine/format_specs.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using ::sceau::testing::ReadFile;
using ::sceau::testing::SourcePath;
using ::testing::ElementsAre;

std::vector<std::string> Problems(const std::string& text) {
  std::vector<Diagnostic> diagnostics;
  std::optional<IssuerConfig> config = LoadIssuerConfigFromString("c.yaml", text, &diagnostics);
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) {
    out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + " " +
                  d.code + " " + d.message);
  }
  EXPECT_EQ(config.has_value(), out.empty());
  return out;
}

TEST(IssuerConfig, TheShippedSampleLoads) {
  std::vector<Diagnostic> diagnostics;
  std::optional<IssuerConfig> config =
      LoadIssuerConfigFile(SourcePath("certifier/sceau.yaml"), &diagnostics);
  ASSERT_TRUE(config) << (diagnostics.empty() ? "" : diagnostics[0].message);
  EXPECT_EQ(config->id, "https://labels.reseau-exemple.fr/emetteur");
  EXPECT_EQ(config->name, "Réseau Exemple des entreprises d'insertion");
  EXPECT_EQ(config->url, "https://www.reseau-exemple.fr");
  EXPECT_EQ(config->email, "labels@reseau-exemple.fr");
  EXPECT_EQ(config->key_id, "");
  EXPECT_EQ(config->directory_url, "https://labels.reseau-exemple.fr/annuaire");
}

TEST(IssuerConfig, EveryProblemIsReportedAtItsPlace) {
  EXPECT_THAT(Problems("issuer:\n"
                       "  id: labels.example.org\n"
                       "  url: https://\n"
                       "  key_id: https://labels.example.org/k ey\n"
                       "  nom: X\n"
                       "directory:\n"
                       "  base_url: ftp://example.org/\n"),
              ElementsAre("2:3 missing-key 'issuer' has no 'name', which is required",
                          "2:7 bad-url 'id' of 'issuer' must be an http or https address without "
                          "spaces, not 'labels.example.org'",
                          "3:8 bad-url 'url' of 'issuer' must be an http or https address without "
                          "spaces, not 'https://'",
                          "4:11 bad-url 'key_id' of 'issuer' must be an http or https address "
                          "without spaces, not 'https://labels.example.org/k ey'",
                          "5:3 unknown-key unknown key 'nom' in 'issuer'",
                          "7:13 bad-url 'base_url' of 'directory' must be an http or https "
                          "address without spaces, not 'ftp://example.org/'"));
  EXPECT_THAT(Problems("format: 2\nissuer: {id: 'https://a.example', name: ''}\n"),
              ElementsAre("1:9 bad-format-version this build reads configuration format 1, not 2",
                          "2:41 empty-value the issuer's name is empty"));
  EXPECT_THAT(Problems("- a\n"),
              ElementsAre("1:1 wrong-type the configuration must be a map, not a list"));
}

TEST(IssuerConfig, TheDirectoryUrlLosesItsTrailingSlashes) {
  std::vector<Diagnostic> diagnostics;
  auto config = LoadIssuerConfigFromString(
      "c.yaml",
      "issuer: {id: 'https://a.example/i', name: A}\ndirectory: {base_url: 'http://h/d//'}\n",
      &diagnostics);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->directory_url, "http://h/d");
  EXPECT_EQ(CertificatePageUrl(config->directory_url, "CEDRE-2026-00001", "fr"),
            "http://h/d/certificats/CEDRE-2026-00001.html");
  EXPECT_EQ(CertificatePageUrl(config->directory_url, "CEDRE-2026-00001", "en"),
            "http://h/d/en/certificates/CEDRE-2026-00001.html");
  EXPECT_EQ(CertificatePageUrl("", "CEDRE-2026-00001", "en"), "");
  EXPECT_EQ(StatusListUrl(config->directory_url, "suspension"),
            "http://h/d/status/suspension.json");
  EXPECT_EQ(StatusListUrl("", "revocation"), "");
}

TEST(IssuerConfig, OnlyNumbersSafeInAPathArePublishable) {
  EXPECT_TRUE(IsPublishableNumber("CEDRE-2026-00001"));
  EXPECT_TRUE(IsPublishableNumber("RSE-2027-00012.1"));
  for (const char* bad : {"", "../x", ".hidden", "-x", "a/b", "a b", "é", "a\\b", "a%2f"}) {
    EXPECT_FALSE(IsPublishableNumber(bad)) << bad;
  }
  EXPECT_FALSE(IsPublishableNumber(std::string(65, 'A')));
}

TEST(IssuerConfig, DefaultPathFollowsTheEnvironment) {
  const char* home = std::getenv("HOME");
  const std::string saved_home = home ? home : "";
  ::setenv("SCEAU_CONFIG", "/etc/x.yaml", 1);
  EXPECT_EQ(DefaultIssuerConfigPath(), "/etc/x.yaml");
  ::unsetenv("SCEAU_CONFIG");
  ::setenv("XDG_CONFIG_HOME", "/cfg", 1);
  EXPECT_EQ(DefaultIssuerConfigPath(), "/cfg/sceau/sceau.yaml");
  ::unsetenv("XDG_CONFIG_HOME");
  ::setenv("HOME", "/home/u", 1);
  EXPECT_EQ(DefaultIssuerConfigPath(), "/home/u/.config/sceau/sceau.yaml");
  if (home) {
    ::setenv("HOME", saved_home.c_str(), 1);
  } else {
    ::unsetenv("HOME");
  }
}

// After a change to the spec: sceau schema config -o certifier/config.schema.json
TEST(IssuerConfig, CommittedSchemaIsTheGeneratedOne) {
  EXPECT_EQ(
      ReadFile(SourcePath("certifier/config.schema.json")),
      format::GenerateJsonSchema(format::IssuerConfigSpec(), format::IssuerConfigSchemaInfo()))
      << "regenerate it with `sceau schema config -o certifier/config.schema.json`";
}

}  // namespace
}  // namespace sceau
