// The public directory's writer (reports/directory.h) on its own: what it refuses, and the details
// of its pages that the end-to-end tests (tests/cli/publish_test.cc) do not reach.
#include "reports/directory.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

namespace sceau {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

DirectoryCertificate Certificate(const std::string& number, const std::string& organisation) {
  DirectoryCertificate c;
  c.number = number;
  c.organisation = organisation;
  c.referential_id = "cedre-iso9001";
  c.referential_version = "2026.1";
  c.effective = *Date::Parse("2026-04-02");
  c.expiry = *Date::Parse("2029-04-01");
  c.state = "active";
  c.state_since = c.effective;
  c.sites.push_back({"Siège", ""});
  return c;
}

std::map<std::string, std::string> Render(std::vector<DirectoryCertificate> certificates,
                                          std::string* error = nullptr) {
  DirectoryOptions options;
  options.today = *Date::Parse("2026-12-07");
  DirectoryFiles files;
  std::string e;
  EXPECT_EQ(RenderDirectory(std::move(certificates), options, &files, &e), error == nullptr) << e;
  if (error) *error = e;
  return {files.begin(), files.end()};
}

TEST(Directory, RefusesANumberThatCannotNameAFileAndANumberTwice) {
  std::string error;
  Render({Certificate("../../etc/passwd", "X")}, &error);
  EXPECT_EQ(error, "certificate number '../../etc/passwd' cannot name a page of the directory");
  Render({Certificate("A-1", "X"), Certificate("A-1", "Y")}, &error);
  EXPECT_EQ(error, "certificate number 'A-1' appears twice");
}

TEST(Directory, PageTitlesStayUnderSeventyCharacters) {
  auto files = Render({Certificate("CEDRE-2026-00001",
                                   "Association intercommunale pour l'insertion par l'activité "
                                   "économique des vallées du Haut-Pays")});
  EXPECT_THAT(files["certificats/CEDRE-2026-00001.html"],
              HasSubstr("<title>CEDRE-2026-00001 · Valide · Association intercommunale pour "
                        "l&apos;in…</title>"));
  EXPECT_THAT(files["index.html"], HasSubstr("<title>Annuaire des certificats</title>"));
}

TEST(Directory, LeavesOutWhatTheRegisterDoesNotKnow) {
  auto files = Render({Certificate("CEDRE-2026-00001", "Régie Soleil")});
  const std::string& page = files["en/certificates/CEDRE-2026-00001.html"];
  EXPECT_THAT(page, Not(HasSubstr("SIRET")));
  EXPECT_THAT(page, Not(HasSubstr("Certified scope")));
  EXPECT_THAT(page, Not(HasSubstr("Region")));
  EXPECT_THAT(page, HasSubstr("<li>Siège</li>"));
  // Without a base URL the data's page links are relative to the folder.
  EXPECT_THAT(files["certificates.csv"], HasSubstr(",1,certificats/CEDRE-2026-00001.html\r\n"));
  // No issuer configured: the footer gives the date alone.
  EXPECT_THAT(page, HasSubstr("<p>State on 7 December 2026.</p>"));
}

TEST(Directory, AMaturityLabelIsNamedWithItsLevel) {
  DirectoryCertificate c = Certificate("RSE-2026-00001", "SAS Bâtisseurs");
  c.referential_id = "rse-iso26000";
  c.label.by_lang = {{"fr", "Label RSE de l'insertion"}, {"en", "CSR label"}};
  c.level = "confirme";
  c.level_label.by_lang = {{"fr", "Label RSE — niveau Confirmé"},
                           {"en", "CSR label — Confirmed level"}};
  auto files = Render({c});
  EXPECT_THAT(files["certificats/RSE-2026-00001.html"],
              HasSubstr("<dt>Label</dt><dd>Label RSE — niveau Confirmé</dd>"));
  EXPECT_THAT(files["en/certificates/RSE-2026-00001.html"],
              HasSubstr("<dt>Label</dt><dd>CSR label — Confirmed level</dd>"));
  // The index filters by label, whatever the level.
  EXPECT_THAT(files["index.html"],
              HasSubstr("<option value=\"rse-iso26000\">Label RSE de l&apos;insertion</option>"));
  EXPECT_THAT(files["certificates.json"], HasSubstr("\"level\": \"confirme\""));
}

}  // namespace
}  // namespace sceau
