// The QR code of a certificate, end to end: the register's certificate (`sceau register
// certificate --config`) and the member report's certificate page (`sceau audit --config`, then
// `sceau report` from the result alone) are rasterised with pdftoppm, and the code is read back
// with zbarimg (Debian zbar-tools, installed by scripts/test.sh) and compared with the address of
// the certificate's page in the public directory, in French and English. Without a directory, or
// without a number, there is no code and nothing else changes. A signed PDF with a code verifies.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "reports/pdf_canvas.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Fold;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ReadFile;
using testing::RunSceau;
using testing::RunSceauWith;
using testing::Shell;
using testing::TempDir;

constexpr char kBase[] = "https://labels.example.org/annuaire";
constexpr char kFrench[] = "https://labels.example.org/annuaire/certificats/CEDRE-2023-00001.html";
constexpr char kEnglish[] =
    "https://labels.example.org/annuaire/en/certificates/CEDRE-2023-00001.html";

std::string Q(const std::string& path) { return "'" + path + "'"; }

// An issuer configuration; `base_url` empty: one without a directory.
std::string WriteConfig(const TempDir& dir, const std::string& name, const std::string& base_url) {
  std::string text =
      "issuer:\n"
      "  id: https://labels.example.org/emetteur\n"
      "  name: Réseau Exemple\n";
  if (!base_url.empty()) text += "directory:\n  base_url: " + base_url + "\n";
  return dir.Write(name, text);
}

struct Decoded {
  int status = -1;   // zbarimg's: 0 a code on every page, 4 none on some page
  std::string text;  // one line per code found
};

// Page `page` of `pdf` (1-based; 0: every page) rasterised at 150 dpi, then every code zbarimg
// finds on it.
Decoded Decode(const std::string& pdf, int page) {
  TempDir scratch;
  int status = -1;
  std::string pages =
      page > 0 ? "-f " + std::to_string(page) + " -l " + std::to_string(page) + " " : "";
  Shell("pdftoppm -r 150 -png " + pages + Q(pdf) + " " + Q(scratch.path() + "/page"), &status);
  EXPECT_EQ(status, 0) << "pdftoppm failed on " << pdf;
  Decoded d;
  d.text = Shell("zbarimg --raw -q " + Q(scratch.path()) + "/page*.png", &d.status);
  return d;
}

struct Word {
  double x0, y0, x1, y1;  // points, from the page's top left
  std::string text;
};

// The words of page `page` (1-based), as poppler places them.
std::vector<Word> Words(const std::string& pdf, int page) {
  std::string html = Shell("pdftotext -bbox -f " + std::to_string(page) + " -l " +
                           std::to_string(page) + " " + Q(pdf) + " - 2>/dev/null");
  std::regex word(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::vector<Word> words;
  for (std::sregex_iterator it(html.begin(), html.end(), word), end; it != end; ++it) {
    const std::smatch& m = *it;
    words.push_back(
        {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5].str()});
  }
  return words;
}

// The page of `pdf` whose text holds `marker` (1-based); 0 when none.
int PageWith(const std::string& pdf, const std::string& marker) {
  int pages = 0;
  std::string info = Shell("pdfinfo " + Q(pdf));
  std::smatch m;
  if (std::regex_search(info, m, std::regex("Pages: +([0-9]+)"))) pages = std::stoi(m[1]);
  for (int p = 1; p <= pages; ++p) {
    std::string text = Shell("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) +
                             " " + Q(pdf) + " -");
    if (text.find(marker) != std::string::npos) return p;
  }
  return 0;
}

// The code's square, quiet zone included, as CertificateQr draws it with a one-line address:
// centred, its foot above the caption's two lines, which stand on kCertificateQrBottom.
struct Square {
  double x0, y0, x1, y1;  // from the page's top left, as poppler's words
};
Square CodeSquare() {
  const double size = pdf::kCertificateQrSize;
  const double x0 = pdf::kMarginX + (pdf::kWidth - size) / 2;
  const double foot = pdf::kCertificateQrBottom + 8 * 1.5 + 6.5 * 1.3;
  return {x0, pdf::kPageHeight - foot - size, x0 + size, pdf::kPageHeight - foot};
}

// The square the code takes on page `page` of `pdf`, quiet zone included, found from its pixels:
// the page rasterised in grey at 144 dpi (2 pixels a point), where only the code's modules are
// pure black (text is ink grey, rules navy), widened by the `modules` / `modules` + 8 of its
// quiet zone. Empty (all zero) when the page has no black pixel.
Square DrawnSquare(const std::string& pdf, int page, int modules) {
  TempDir scratch;
  int status = -1;
  Shell("pdftoppm -r 144 -gray -singlefile -f " + std::to_string(page) + " -l " +
            std::to_string(page) + " " + Q(pdf) + " " + Q(scratch.path() + "/page"),
        &status);
  EXPECT_EQ(status, 0);
  std::string pgm = ReadFile(scratch.path() + "/page.pgm");
  std::smatch m;
  std::regex header("^P5\\s+([0-9]+)\\s+([0-9]+)\\s+255\\s");
  if (!std::regex_search(pgm, m, header)) {
    ADD_FAILURE() << "not a PGM image";
    return {};
  }
  const size_t width = std::stoul(m[1]), height = std::stoul(m[2]);
  const size_t start = static_cast<size_t>(m[0].length());
  EXPECT_EQ(pgm.size(), start + width * height);
  size_t x0 = width, y0 = height, x1 = 0, y1 = 0;
  for (size_t y = 0; y < height; ++y) {
    for (size_t x = 0; x < width; ++x) {
      if (static_cast<unsigned char>(pgm[start + y * width + x]) > 8) continue;
      x0 = std::min(x0, x);
      y0 = std::min(y0, y);
      x1 = std::max(x1, x + 1);
      y1 = std::max(y1, y + 1);
    }
  }
  if (x1 == 0) return {};
  const double quiet = (static_cast<double>(x1 - x0) / 2) / modules * 4;
  return {x0 / 2.0 - quiet, y0 / 2.0 - quiet, x1 / 2.0 + quiet, y1 / 2.0 + quiet};
}

// The code is where CertificateQr draws it (within a pixel), no word of the page overlaps it, and
// the caption lies right under it: "Vérifier ce certificat" / "Check this certificate", then the
// address.
void ExpectNothingOverlapsTheCode(const std::string& pdf, int page, const std::string& caption,
                                  const std::string& url) {
  SCOPED_TRACE(pdf + " page " + std::to_string(page));
  pdf::QrSymbol symbol;
  ASSERT_TRUE(pdf::EncodeQr(url, &symbol));
  const Square q = DrawnSquare(pdf, page, symbol.modules);
  const Square expected = CodeSquare();
  EXPECT_NEAR(q.x0, expected.x0, 0.5);
  EXPECT_NEAR(q.y0, expected.y0, 0.5);
  EXPECT_NEAR(q.x1, expected.x1, 0.5);
  EXPECT_NEAR(q.y1, expected.y1, 0.5);
  std::vector<Word> words = Words(pdf, page);
  ASSERT_FALSE(words.empty());
  std::string under;
  for (const Word& w : words) {
    bool apart = w.x1 <= q.x0 || w.x0 >= q.x1 || w.y1 <= q.y0 || w.y0 >= q.y1;
    EXPECT_TRUE(apart) << "'" << w.text << "' at " << w.x0 << "," << w.y0 << " - " << w.x1 << ","
                       << w.y1 << " overlaps the code " << q.x0 << "," << q.y0 << " - " << q.x1
                       << "," << q.y1;
    if (w.y0 >= q.y1 && w.y1 <= q.y1 + 24) under += (under.empty() ? "" : " ") + w.text;
  }
  EXPECT_EQ(under, caption + " " + url);
}

class CertificateQr : public ::testing::Test {
 protected:
  // The story's results recorded into a register: CEDRE-2023-00001.
  void SetUp() override {
    db_ = dir_.path() + "/r.db";
    for (const char* step : {"2023-initial", "2024-surveillance", "2025-surveillance"}) {
      auto r =
          RunSceau("register --db " + Q(db_) + " record audits/story/" + step + ".json --by T");
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    config_ = WriteConfig(dir_, "sceau.yaml", kBase);
  }
  // `sceau register certificate` with `args`; returns the PDF's path.
  std::string Certificate(const std::string& args, const std::string& variables = "") {
    std::string pdf = dir_.path() + "/c" + std::to_string(++count_) + ".pdf";
    auto r = RunSceauWith("LANG=en_GB.UTF-8 " + variables,
                          "register --db " + Q(db_) + " certificate CEDRE-2023-00001 --today " +
                              "2025-11-15 --out " + Q(pdf) + " " + args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return pdf;
  }
  std::string Text(const std::string& pdf) { return Fold(Shell("pdftotext " + Q(pdf) + " -")); }

  TempDir dir_;
  std::string db_, config_;
  int count_ = 0;
};

TEST_F(CertificateQr, RegisterCertificateEncodesItsPageInFrenchAndEnglish) {
  std::string fr = Certificate("--lang fr --config " + Q(config_));
  Decoded d = Decode(fr, 1);
  EXPECT_EQ(d.status, 0);
  EXPECT_EQ(d.text, std::string(kFrench) + "\n");
  EXPECT_THAT(Text(fr), HasSubstr(std::string("Vérifier ce certificat ") + kFrench +
                                  " Extrait du registre des certificats au 15 novembre 2025"));
  ExpectNothingOverlapsTheCode(fr, 1, "Vérifier ce certificat", kFrench);

  std::string en = Certificate("--lang en --config " + Q(config_));
  d = Decode(en, 1);
  EXPECT_EQ(d.status, 0);
  EXPECT_EQ(d.text, std::string(kEnglish) + "\n");
  EXPECT_THAT(Text(en), HasSubstr(std::string("Check this certificate ") + kEnglish +
                                  " Extract from the certificate register on 15 November 2025"));
  ExpectNothingOverlapsTheCode(en, 1, "Check this certificate", kEnglish);

  // The default configuration file, from $SCEAU_CONFIG: the same document, byte for byte.
  EXPECT_TRUE(ReadFile(Certificate("--lang en", "SCEAU_CONFIG=" + Q(config_))) == ReadFile(en));
  // The same inputs, the same bytes.
  EXPECT_TRUE(ReadFile(Certificate("--lang en --config " + Q(config_))) == ReadFile(en));
}

// No configuration, or one without a directory: no code, and the page is what it was.
TEST_F(CertificateQr, RegisterCertificateWithoutADirectoryHasNoCode) {
  for (const std::string lang : {"fr", "en"}) {
    SCOPED_TRACE(lang);
    std::string none = Certificate("--lang " + lang);
    Decoded d = Decode(none, 1);
    EXPECT_EQ(d.status, 4);
    EXPECT_EQ(d.text, "");
    std::string text = Text(none);
    EXPECT_THAT(text, Not(HasSubstr("https://")));
    EXPECT_THAT(text, Not(HasSubstr(lang == "fr" ? "Vérifier" : "Check this")));
    std::string no_directory = WriteConfig(dir_, "issuer-only.yaml", "");
    EXPECT_TRUE(ReadFile(Certificate("--lang " + lang + " --config " + Q(no_directory))) ==
                ReadFile(none));
    // A default path that names no file is no configuration.
    EXPECT_TRUE(
        ReadFile(Certificate("--lang " + lang, "SCEAU_CONFIG=" + Q(dir_.path() + "/none"))) ==
        ReadFile(none));
    // With a code, only the code and its caption are added.
    std::string with = Text(Certificate("--lang " + lang + " --config " + Q(config_)));
    std::string caption = lang == "fr" ? std::string("Vérifier ce certificat ") + kFrench + " "
                                       : std::string("Check this certificate ") + kEnglish + " ";
    EXPECT_EQ(testing::Edit(with, caption, ""), text);
  }
}

TEST_F(CertificateQr, AConfigurationThatCannotBeReadIsAnError) {
  std::string pdf = dir_.path() + "/never.pdf";
  auto r = RunSceau("register --db " + Q(db_) + " certificate CEDRE-2023-00001 --out " + Q(pdf) +
                    " --config " + Q(dir_.path() + "/missing.yaml"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, dir_.path() +
                       "/missing.yaml: error: cannot read file: No such file or "
                       "directory [io-error]\n");
  EXPECT_FALSE(std::filesystem::exists(pdf));
  // A default file that exists must be valid too.
  std::string bad = dir_.Write("bad.yaml", "issuer:\n  name: Réseau Exemple\n");
  r = RunSceauWith("LANG=en_GB.UTF-8 SCEAU_CONFIG=" + Q(bad),
                   "register --db " + Q(db_) + " certificate CEDRE-2023-00001 --out " + Q(pdf));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, bad +
                       ":2:3: error: 'issuer' has no 'id', which is required [missing-key]\n"
                       "    2 |   name: Réseau Exemple\n"
                       "      |   ^\n");
  EXPECT_FALSE(std::filesystem::exists(pdf));
}

// ---- the member report
// ---------------------------------------------------------------------------

// `sceau audit` of a story step into `out` with `args`; the result's text.
std::string Audit(const TempDir& out, const std::string& step, const std::string& args) {
  auto r = RunSceau("-q audit audits/story/" + step + ".yaml --out " + Q(out.path()) +
                    " --format json,pdf " + args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  return ReadFile(out.path() + "/" + step + ".json");
}

// The committed result of `step` with the page's addresses added to its lifecycle.
std::string WithPage(const std::string& step, int revision) {
  std::string rev = "    \"revision\": " + std::to_string(revision);
  return testing::Edit(ReadFile(testing::SourcePath("audits/story/" + step + ".json")),
                       rev + "\n  },\n  \"follow_up\"",
                       rev + ",\n    \"page_url\": {\n      \"fr\": \"" + kFrench +
                           "\",\n      \"en\": \"" + kEnglish + "\"\n    }\n  },\n  \"follow_up\"");
}

TEST(CertificateQrReport, ASurveillanceCarriesItsPageAndTheReportDrawsIt) {
  TempDir out;
  std::string config = WriteConfig(out, "sceau.yaml", kBase);
  // In English, as the committed results are written.
  std::string json = Audit(out, "2025-surveillance", "--config " + Q(config));
  EXPECT_TRUE(json == WithPage("2025-surveillance", 0));
  std::string pdf = out.path() + "/2025-surveillance.pdf";
  // One code in the whole report, on the certificate page.
  EXPECT_EQ(Decode(pdf, 0).text, std::string(kEnglish) + "\n");
  int page = PageWith(pdf, "Check this certificate");
  ASSERT_GT(page, 0);
  EXPECT_EQ(page, PageWith(pdf, "Expiry date"));
  Decoded d = Decode(pdf, page);
  EXPECT_EQ(d.status, 0);
  EXPECT_EQ(d.text, std::string(kEnglish) + "\n");
  ExpectNothingOverlapsTheCode(pdf, page, "Check this certificate", kEnglish);

  // `sceau report` draws it from the result alone: the same bytes in English, the French page in
  // French, and the same bytes again on a second run.
  TempDir en, fr, again;
  std::string result = out.path() + "/2025-surveillance.json";
  ASSERT_EQ(RunSceau("-q report " + Q(result) + " --lang en --out " + Q(en.path())).exit_code, 0);
  EXPECT_TRUE(ReadFile(en.path() + "/2025-surveillance.pdf") == ReadFile(pdf));
  ASSERT_EQ(RunSceau("-q report " + Q(result) + " --lang fr --out " + Q(fr.path())).exit_code, 0);
  std::string french = fr.path() + "/2025-surveillance.pdf";
  EXPECT_EQ(Decode(french, 0).text, std::string(kFrench) + "\n");
  page = PageWith(french, "Vérifier ce certificat");
  ASSERT_GT(page, 0);
  EXPECT_EQ(page, PageWith(french, "Date d’expiration"));
  d = Decode(french, page);
  EXPECT_EQ(d.status, 0);
  EXPECT_EQ(d.text, std::string(kFrench) + "\n");
  ExpectNothingOverlapsTheCode(french, page, "Vérifier ce certificat", kFrench);
  ASSERT_EQ(RunSceau("-q report " + Q(result) + " --lang fr --out " + Q(again.path())).exit_code,
            0);
  EXPECT_TRUE(ReadFile(again.path() + "/2025-surveillance.pdf") == ReadFile(french));
}

// Without a configuration the result is the committed one, and the report has no code.
TEST(CertificateQrReport, WithoutADirectoryTheResultHasNoPage) {
  TempDir out;
  std::string json = Audit(out, "2025-surveillance", "--lang en");
  EXPECT_TRUE(json == ReadFile(testing::SourcePath("audits/story/2025-surveillance.json")));
  std::string pdf = out.path() + "/2025-surveillance.pdf";
  Decoded d = Decode(pdf, 0);
  EXPECT_EQ(d.status, 4);
  EXPECT_EQ(d.text, "");
  // Its certificate page is there, without a code.
  int page = PageWith(pdf, "Expiry date");
  ASSERT_GT(page, 0);
  EXPECT_EQ(Decode(pdf, page).status, 4);
  EXPECT_THAT(Shell("pdftotext " + Q(pdf) + " -"), Not(HasSubstr("Check this certificate")));
}

// An initial grant has no number until a register issues it: no page, no code; with --register
// the number is known at once, and so is the page.
TEST(CertificateQrReport, AnInitialGrantHasItsPageOnceNumbered) {
  TempDir out;
  std::string config = WriteConfig(out, "sceau.yaml", kBase);
  std::string json = Audit(out, "2023-initial", "--config " + Q(config));
  EXPECT_THAT(json, Not(HasSubstr("page_url")));
  EXPECT_THAT(json, HasSubstr("\"number\": null"));
  Decoded d = Decode(out.path() + "/2023-initial.pdf", 0);
  EXPECT_EQ(d.status, 4);
  EXPECT_EQ(d.text, "");

  json = Audit(out, "2023-initial",
               "--config " + Q(config) + " --register " + Q(out.path() + "/r.db"));
  EXPECT_TRUE(json == WithPage("2023-initial", 0));
  std::string pdf = out.path() + "/2023-initial.pdf";
  d = Decode(pdf, PageWith(pdf, "Check this certificate"));
  EXPECT_EQ(d.status, 0);
  EXPECT_EQ(d.text, std::string(kEnglish) + "\n");
}

// The code travels in the signed result: the signed PDF re-renders to the same bytes.
TEST(CertificateQrReport, ASignedReportWithACodeVerifies) {
  TempDir out;
  std::string config = WriteConfig(out, "sceau.yaml", kBase);
  Audit(out, "2026-renewal", "--config " + Q(config));
  std::string json = out.path() + "/2026-renewal.json";
  EXPECT_TRUE(ReadFile(json) == WithPage("2026-renewal", 1));
  ASSERT_EQ(RunSceau("-q keygen --out " + Q(out.path() + "/k")).exit_code, 0);
  auto r =
      RunSceau("-q sign " + Q(json) + " --key " + Q(out.path() + "/k.key") + " --pdf --lang en");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string pdf = out.path() + "/2026-renewal.pdf";
  Decoded d = Decode(pdf, PageWith(pdf, "Check this certificate"));
  EXPECT_EQ(d.status, 0);
  EXPECT_EQ(d.text, std::string(kEnglish) + "\n");
  r = RunSceau("verify " + Q(pdf) + " --key " + Q(out.path() + "/k.pub"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("valid: ", 0), 0u) << r.out;
}

}  // namespace
}  // namespace sceau

namespace sceau {
namespace {

// `sceau batch --config`: a campaign's results carry the page like `audit`'s, and a rerun with
// another directory redoes the reports instead of skipping them as unchanged.
TEST(CertificateQrReport, ABatchCarriesThePageAndAnotherDirectoryRedoesIt) {
  TempDir campaign, out;
  std::filesystem::copy(testing::SourcePath("audits/story"), campaign.path() + "/story");
  const std::string config = WriteConfig(out, "sceau.yaml", kBase);
  const std::string batch = "-q batch " + Q(campaign.path() + "/story") +
                            " --format json --lang en --out " + Q(out.path() + "/reports");
  auto r = RunSceau(batch + " --config " + Q(config));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string result = out.path() + "/reports/2025-surveillance.json";
  auto page = nlohmann::json::parse(ReadFile(result))["lifecycle"]["page_url"];
  EXPECT_EQ(page.dump(), nlohmann::json({{"fr", kFrench}, {"en", kEnglish}}).dump());
  // Without the configuration, the inputs are the same but the settings are not: redone.
  r = RunSceau(batch);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(ReadFile(result))["lifecycle"].contains("page_url"));
}

}  // namespace
}  // namespace sceau
