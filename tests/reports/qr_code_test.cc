// The QR code of a certificate (reports/pdf_canvas.h): libqrencode's symbol at level M as runs of
// dark modules, and the register's certificate that has no room left for it. That the drawn code
// decodes to its address is tested end to end, from the rendered page
// (tests/cli/certificate_qr_test.cc).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "reports/pdf_canvas.h"
#include "reports/register_pdf.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kFrenchPage[] =
    "https://labels.example.org/annuaire/certificats/CEDRE-2023-00001.html";

// The runs of a row never touch or overlap, stay inside the symbol, and come row by row.
void ExpectWellFormed(const pdf::QrSymbol& s) {
  int dark = 0;
  for (size_t i = 0; i < s.runs.size(); ++i) {
    const pdf::QrRun& r = s.runs[i];
    ASSERT_GE(r.row, 0);
    ASSERT_LT(r.row, s.modules);
    ASSERT_GE(r.column, 0);
    ASSERT_GE(r.length, 1);
    ASSERT_LE(r.column + r.length, s.modules);
    if (i > 0 && s.runs[i - 1].row == r.row) {
      // A gap of one light module at least: touching runs would have been merged.
      ASSERT_GT(r.column, s.runs[i - 1].column + s.runs[i - 1].length);
    } else if (i > 0) {
      ASSERT_GT(r.row, s.runs[i - 1].row);
    }
    dark += r.length;
  }
  EXPECT_GT(dark, 0);
}

TEST(QrCode, ACertificatePageIsVersion5AtLevelMInAFewHundredRectangles) {
  pdf::QrSymbol s;
  ASSERT_TRUE(pdf::EncodeQr(kFrenchPage, &s));
  // 71 bytes: version 4 holds 62 at level M, version 5 (37 modules a side) 84.
  EXPECT_EQ(s.modules, 37);
  // 676 dark modules in 357 runs: one rectangle per run.
  EXPECT_EQ(s.runs.size(), 357u);
  int dark = 0;
  for (const pdf::QrRun& r : s.runs) dark += r.length;
  EXPECT_EQ(dark, 676);
  ExpectWellFormed(s);
  // The top row starts with the finder pattern's 7 dark modules, at both corners.
  EXPECT_EQ(s.runs.front().row, 0);
  EXPECT_EQ(s.runs.front().column, 0);
  EXPECT_EQ(s.runs.front().length, 7);
  const pdf::QrRun& last_of_row0 = [&s]() {
    size_t i = 0;
    while (i + 1 < s.runs.size() && s.runs[i + 1].row == 0) ++i;
    return s.runs[i];
  }();
  EXPECT_EQ(last_of_row0.column, 30);
  EXPECT_EQ(last_of_row0.length, 7);
}

TEST(QrCode, EncodesUpToWhatVersion40HoldsAtLevelM) {
  pdf::QrSymbol s;
  ASSERT_TRUE(pdf::EncodeQr(std::string(2331, 'a'), &s));
  EXPECT_EQ(s.modules, 177);
  ExpectWellFormed(s);
  pdf::QrSymbol kept = s;
  EXPECT_FALSE(pdf::EncodeQr(std::string(2332, 'a'), &s));
  EXPECT_FALSE(pdf::EncodeQr("", &s));
  EXPECT_EQ(s.modules, kept.modules);  // left as it was
  EXPECT_EQ(s.runs.size(), kept.runs.size());
  // Any byte, NUL included: 8-bit mode.
  ASSERT_TRUE(pdf::EncodeQr(std::string("a\0b\xff", 4), &s));
  EXPECT_EQ(s.modules, 21);
}

RegisterDocument Document() {
  RegisterDocument d;
  d.lang = "en";
  d.number = "CEDRE-2023-00001";
  d.revision = 0;
  d.organisation = "Atelier A";
  d.sites = {{"Main site", ""}};
  d.referential_id = "x-ref";
  d.referential_version = "1";
  d.effective = "2023-09-28";
  d.expiry = "2026-09-27";
  d.scope = "Joinery";
  d.today = "2024-01-15";
  d.state = "active";
  d.page_url = "https://labels.example.org/annuaire/en/certificates/CEDRE-2023-00001.html";
  return d;
}

std::string TextOf(const PdfOutput& out) {
  testing::TempDir dir;
  std::string path = dir.Write("d.pdf", out.bytes);
  return testing::Fold(testing::Shell("pdftotext '" + path + "' -"));
}

// So many sites that the rows reach the page's foot: no code, a warning, the rest as without one.
TEST(QrCode, APageWithoutRoomHasNoCodeAndAWarning) {
  RegisterDocument d = Document();
  PdfOutput out;
  std::string error;
  ASSERT_TRUE(RenderRegisterCertificatePdf(d, &out, &error)) << error;
  EXPECT_THAT(out.warnings, ElementsAre());
  EXPECT_THAT(TextOf(out), HasSubstr("Check this certificate https://labels.example.org/annuaire/"
                                     "en/certificates/CEDRE-2023-00001.html"));

  for (int i = 1; i <= 24; ++i) d.sites.push_back({"Site " + std::to_string(i), ""});
  ASSERT_TRUE(RenderRegisterCertificatePdf(d, &out, &error)) << error;
  EXPECT_THAT(out.warnings, ElementsAre("the certificate page has no room left for its QR code"));
  EXPECT_THAT(TextOf(out), Not(HasSubstr("Check this certificate")));
  RegisterDocument without = d;
  without.page_url.clear();
  PdfOutput plain;
  ASSERT_TRUE(RenderRegisterCertificatePdf(without, &plain, &error)) << error;
  EXPECT_TRUE(out.bytes == plain.bytes);  // compared without printing the bytes
  EXPECT_THAT(plain.warnings, ElementsAre());
}

// An address longer than a QR code holds: no code, a warning.
TEST(QrCode, AnAddressTooLongForACodeHasNoneAndAWarning) {
  RegisterDocument d = Document();
  d.page_url = "https://labels.example.org/" + std::string(2400, 'a');
  PdfOutput out;
  std::string error;
  ASSERT_TRUE(RenderRegisterCertificatePdf(d, &out, &error)) << error;
  EXPECT_THAT(out.warnings, ElementsAre("the certificate's address is too long for a QR code"));
  EXPECT_THAT(TextOf(out), Not(HasSubstr("Check this certificate")));
}

}  // namespace
}  // namespace sceau
