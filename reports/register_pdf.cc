// The register's documents (reports/register_pdf.h), drawn on the shared canvas with the look of
// the member report's certificate page.
#include "reports/register_pdf.h"

#include <fmt/format.h>

#include <string>

#include "engine/wording.h"
#include "reports/pdf_canvas.h"

namespace sceau {
namespace {

using pdf::kInk;
using pdf::kMarginX;
using pdf::kMuted;
using pdf::kNavy;
using pdf::kRed;
using pdf::kTop;
using pdf::kWhite;
using pdf::kWidth;

class RegisterWriter : public pdf::Canvas {
 public:
  explicit RegisterWriter(const RegisterDocument& d) : Canvas(d.lang), d_(d) {}

  bool Certificate(PdfOutput* out, std::string* error) {
    if (!Begin(error)) return false;
    SetInfo(fmt::format("{} {}", S("cert.number"), d_.number),
            d_.issuer.empty() ? "sceau" : d_.issuer, d_.organisation, "certificate", "sceau");
    NewPage();
    CertificateFrame();
    y_ = kTop - 30;
    if (!d_.issuer.empty()) Centered(d_.issuer, regular_, 11, kMuted, "the issuer");
    y_ -= 16;
    Centered(S("cert.title"), bold_, 30, kNavy, "the certificate");
    if (d_.state != "active") Banner();
    y_ -= 16;
    Centered(S(d_.state == "active" ? "cert.intro" : "regdoc.intro_invalid"), regular_, 11, kInk,
             "the certificate");
    y_ -= 6;
    Centered(d_.organisation, bold_, 20, kInk, "the organisation's name");
    if (!d_.siret.empty())
      Centered(S("siret") + " " + d_.siret, regular_, 9.5f, kMuted, "the SIRET");
    y_ -= 4;
    if (!d_.sites.empty())
      Centered(S("sites") + (lang_ == "fr" ? " :" : ":"), regular_, 9.5f, kMuted, "the sites");
    for (const RegisterDocumentSite& s : d_.sites) {
      Centered(s.address.empty() ? s.name : s.name + " — " + s.address, regular_, 9.5f, kMuted,
               "a site");
    }
    y_ -= 12;
    Centered(S(d_.state == "active" ? "cert.meets" : "regdoc.meets_invalid"), regular_, 11, kInk,
             "the certificate");
    y_ -= 4;
    Centered(d_.referential_title.empty() ? d_.referential_id : d_.referential_title, bold_, 13,
             kNavy, "the referential's title");
    Centered(S("edition") + " " + d_.referential_version + " (" + d_.referential_id + ")", regular_,
             10, kInk, "the edition");
    y_ -= 8;
    if (d_.scope.empty()) {
      Centered(S("regdoc.scope", {{"audit", d_.last_audit_id}}), regular_, 9.5f, kInk, "the scope");
    } else {
      Centered(S("regdoc.scope_label"), regular_, 10, kInk, "the certificate");
      Centered(d_.scope, regular_, 10, kInk, "the scope");
    }
    y_ -= 20;
    float label_w = 200;
    auto row = [&](const std::string& label, const std::string& value, pdf::Rgb colour = kInk) {
      Draw(kMarginX + 40, y_ - 10, Prepare(label, "the certificate"), bold_, 10, kMuted);
      Draw(kMarginX + 40 + label_w, y_ - 10, Prepare(value, "the certificate"), bold_, 10, colour);
      y_ -= 18;
    };
    row(S("cert.number"), d_.number);
    row(S("regdoc.revision"), std::to_string(d_.revision));
    row(S("cert.effective"), Date(d_.effective));
    row(S("cert.expiry"), Date(d_.expiry));
    row(S("regdoc.state_on", {{"date", Date(d_.today)}}), StateLine(),
        d_.state == "active" ? kInk : kRed);
    if (d_.state == "active" && !d_.next_due.empty()) {
      row(d_.next_kind == "renewal" ? S("cert.renewal") : S("cert.surveillance"),
          Date(d_.next_due));
    }
    if (!d_.issuer.empty()) row(S("cert.issuer"), d_.issuer);
    CertificateQr(d_.page_url, y_ - 8, pdf::kCertificateQrBottom);
    y_ = 110;
    Centered(
        S("regdoc.extract", {{"date", Date(d_.today)}, {"revision", std::to_string(d_.revision)}}),
        regular_, 8, kMuted, "the footer");
    Footers(d_.number, d_.organisation, false, {page_});
    return Finish({}, out, error);
  }

  bool Letter(PdfOutput* out, std::string* error) {
    if (d_.change != "suspend" && d_.change != "withdraw" && d_.change != "reinstate") {
      *error = Fmt("no letter for a change '{}'", d_.change);
      return false;
    }
    if (!Begin(error)) return false;
    const std::string subject = S("regdoc.letter.subject." + d_.change, {{"number", d_.number}});
    SetInfo(subject, d_.issuer.empty() ? "sceau" : d_.issuer, d_.organisation, "letter", "sceau");
    NewPage();
    if (!d_.issuer.empty())
      Draw(kMarginX, y_ - 11, Prepare(d_.issuer, "the issuer"), bold_, 11, kNavy);
    y_ -= 40;
    float right = kMarginX + kWidth / 2;
    auto right_line = [&](const std::string& text, pdf::Font& f) {
      Paragraph(text, right, kMarginX + kWidth - right, f, 10, kInk, "the address");
    };
    right_line(d_.organisation, bold_);
    for (const RegisterDocumentSite& s : d_.sites) {
      if (!s.address.empty()) {
        right_line(s.address, regular_);
        break;
      }
    }
    y_ -= 20;
    Draw(right, y_ - 10, Prepare(S("regdoc.letter.dated", {{"date", Date(d_.today)}}), "the date"),
         regular_, 10, kInk);
    y_ -= 40;
    Paragraph(S("regdoc.letter.object") + " " + subject, kMarginX, kWidth, bold_, 10.5f, kInk,
              "the subject");
    y_ -= 16;
    Body(S("regdoc.letter.greeting"), "the letter");
    y_ -= 4;
    Body(S("regdoc.letter.decision." + d_.change,
           {{"number", d_.number},
            {"referential",
             (d_.referential_title.empty() ? d_.referential_id : d_.referential_title) + " (" +
                 S("edition") + " " + d_.referential_version + ")"},
            {"date", Date(d_.change_date)}}),
         "the letter");
    y_ -= 4;
    Field(S("regdoc.letter.reason"), d_.change_reason.empty() ? "—" : d_.change_reason, 120);
    Field(S("regdoc.letter.decided_by"), d_.change_who.empty() ? "—" : d_.change_who, 120);
    y_ -= 8;
    SubTitle(S("regdoc.letter.meaning"));
    Body(S("regdoc.letter.meaning." + d_.change, {{"limit", Date(d_.suspension_limit)},
                                                  {"months", std::to_string(d_.suspension_months)},
                                                  {"expiry", Date(d_.expiry)}}),
         "the letter");
    SubTitle(S("regdoc.letter.next"));
    Body(S("regdoc.letter.next." + d_.change, {{"limit", Date(d_.suspension_limit)},
                                               {"months", std::to_string(d_.suspension_months)},
                                               {"expiry", Date(d_.expiry)}}),
         "the letter");
    y_ -= 10;
    Body(S("regdoc.letter.closing"), "the letter");
    Footers(d_.number, d_.organisation, false);
    return Finish({}, out, error);
  }

 private:
  // "SUSPENDU — ce certificat n'est pas valide depuis le 26 septembre 2024", white on red.
  void Banner() {
    y_ -= 12;
    std::string text = S("regdoc.banner." + d_.state, {{"date", Date(d_.state_since)}});
    std::vector<std::u32string> lines = Wrap(Prepare(text, "the banner"), bold_, 13, kWidth - 60);
    float h = 14 + 17 * static_cast<float>(lines.size());
    Rect(kMarginX + 20, y_ - h, kWidth - 40, h, kRed);
    float y = y_ - 8;
    for (const std::u32string& line : lines) {
      Draw(kMarginX + (kWidth - Width(line, bold_, 13)) / 2, y - 13, line, bold_, 13, kWhite);
      y -= 17;
    }
    y_ -= h;
  }

  std::string StateLine() const {
    std::string word = S("regdoc.state." + d_.state);
    if (d_.state == "active") return word;
    return S("regdoc.state_since", {{"state", word}, {"date", Date(d_.state_since)}});
  }

  const RegisterDocument& d_;
};

}  // namespace

bool RenderRegisterCertificatePdf(const RegisterDocument& doc, PdfOutput* out, std::string* error) {
  *out = PdfOutput{};
  RegisterWriter writer(doc);
  if (!writer.Certificate(out, error)) {
    *out = PdfOutput{};
    return false;
  }
  return true;
}

bool RenderRegisterLetterPdf(const RegisterDocument& doc, PdfOutput* out, std::string* error) {
  *out = PdfOutput{};
  RegisterWriter writer(doc);
  if (!writer.Letter(out, error)) {
    *out = PdfOutput{};
    return false;
  }
  return true;
}

}  // namespace sceau
