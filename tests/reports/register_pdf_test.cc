// The register's documents (reports/register_pdf.h) drawn from a document filled by hand: an
// expired certificate is never drawn as valid, a letter needs a change it knows, the same
// document gives the same bytes.
#include "reports/register_pdf.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/test_util.h"

namespace sceau {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

RegisterDocument Expired() {
  RegisterDocument d;
  d.lang = "en";
  d.number = "CERT-2020-00007";
  d.revision = 2;
  d.organisation = "Atelier A";
  d.sites = {{"Main site", ""}};
  d.referential_id = "x-ref";
  d.referential_version = "1";
  d.effective = "2020-01-10";
  d.expiry = "2023-01-09";
  d.last_audit_id = "AUD-9";
  d.today = "2023-02-01";
  d.state = "expired";
  d.state_since = "2023-01-10";
  return d;
}

std::string TextOf(const PdfOutput& out) {
  testing::TempDir dir;
  std::string path = dir.Write("d.pdf", out.bytes);
  return testing::Fold(testing::Shell("pdftotext '" + path + "' -"));
}

TEST(RegisterPdf, ExpiredCertificateSaysSo) {
  PdfOutput out;
  std::string error;
  ASSERT_TRUE(RenderRegisterCertificatePdf(Expired(), &out, &error)) << error;
  EXPECT_EQ(out.pages, 1);
  std::string text = TextOf(out);
  EXPECT_THAT(text, HasSubstr("CERTIFICATE EXPIRED — this certificate is no longer valid since 10 "
                              "January 2023 This certificate was issued to Atelier A"));
  EXPECT_THAT(text, HasSubstr("x-ref Edition 1 (x-ref)"));
  EXPECT_THAT(text, HasSubstr("Certificate no. CERT-2020-00007 Revision 2"));
  EXPECT_THAT(text, HasSubstr("State on 1 February 2023 EXPIRED since 10 January 2023"));
  EXPECT_THAT(text, Not(HasSubstr("meets the requirements")));
  PdfOutput again;
  ASSERT_TRUE(RenderRegisterCertificatePdf(Expired(), &again, &error)) << error;
  EXPECT_EQ(again.bytes, out.bytes);
}

// The scope the register holds is printed under the edition; without one, the certificate names
// the audit whose report states it.
TEST(RegisterPdf, PrintsTheScopeOrNamesTheAudit) {
  RegisterDocument d = Expired();
  PdfOutput out;
  std::string error;
  ASSERT_TRUE(RenderRegisterCertificatePdf(d, &out, &error)) << error;
  EXPECT_THAT(TextOf(out),
              HasSubstr("x-ref Edition 1 (x-ref) The certified scope is the one described in the "
                        "report of the audit AUD-9. Certificate no. CERT-2020-00007"));
  d.scope = "Joinery and cabinet making in the workshop of Saint-Dié";
  ASSERT_TRUE(RenderRegisterCertificatePdf(d, &out, &error)) << error;
  std::string text = TextOf(out);
  EXPECT_THAT(text, HasSubstr("x-ref Edition 1 (x-ref) for the following certified scope: Joinery "
                              "and cabinet making in the workshop of Saint-Dié Certificate no. "
                              "CERT-2020-00007"));
  EXPECT_THAT(text, Not(HasSubstr("AUD-9")));
  d.lang = "fr";
  d.scope = "Menuiserie et ébénisterie à l'atelier de Saint-Dié";
  ASSERT_TRUE(RenderRegisterCertificatePdf(d, &out, &error)) << error;
  EXPECT_THAT(TextOf(out), HasSubstr("x-ref Édition 1 (x-ref) pour le périmètre certifié suivant : "
                                     "Menuiserie et ébénisterie à l'atelier de Saint-Dié "
                                     "Certificat n° CERT-2020-00007"));
}

TEST(RegisterPdf, LetterNeedsAKnownChange) {
  RegisterDocument d = Expired();
  d.change = "expire";
  PdfOutput out;
  std::string error;
  EXPECT_FALSE(RenderRegisterLetterPdf(d, &out, &error));
  EXPECT_EQ(error, "no letter for a change 'expire'");
  EXPECT_TRUE(out.bytes.empty());
}

}  // namespace
}  // namespace sceau
