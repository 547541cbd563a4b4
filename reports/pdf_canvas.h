// What every PDF of sceau shares: an A4 document with the embedded DejaVu Sans fonts, the string
// catalogue (reports/strings/report.yaml) in one language, French typography, text wrapped on code
// points, paragraphs, labelled fields, tables that break across pages with their header repeated,
// bookmarks, and a footer on every page. The member report (pdf_writer.cc), the group report
// (group_pdf.cc) and the network dashboard (summary_pdf.cc) are documents drawn on a Canvas.
//
// Usage: derive from Canvas, call Begin(), draw (NewPage, Section, Table...), call Footers(),
// then Finish(). libharu reports its errors through a handler that keeps the first one; Begin and
// Finish return false with the message. Characters the font lacks are replaced by '?' before they
// reach libharu, and listed in the output's warnings. The same calls give the same bytes.
//
// Internal to sceau_reports: this header includes libharu's.
#ifndef SCEAU_REPORTS_PDF_CANVAS_H_
#define SCEAU_REPORTS_PDF_CANVAS_H_

#include <hpdf.h>

#include <bitset>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/referential.h"  // Text
#include "reports/pdf_writer.h"

namespace sceau::pdf {

struct Rgb {
  float r, g, b;
};
constexpr Rgb kInk{0.13f, 0.15f, 0.18f};
constexpr Rgb kMuted{0.40f, 0.43f, 0.47f};
constexpr Rgb kNavy{0.12f, 0.23f, 0.37f};
constexpr Rgb kRule{0.80f, 0.83f, 0.87f};
constexpr Rgb kPale{0.95f, 0.96f, 0.97f};
constexpr Rgb kWhite{1, 1, 1};
constexpr Rgb kRed{0.72f, 0.11f, 0.11f};
constexpr Rgb kBar{0.36f, 0.52f, 0.70f};

// The colour of a grade kind ("major-nc"...), and of a decision ("granted"...).
Rgb KindColour(const std::string& kind);
Rgb DecisionColour(const std::string& decision);

constexpr float kPageWidth = 595.276f;
constexpr float kPageHeight = 841.89f;
constexpr float kMarginX = 56;
constexpr float kTop = kPageHeight - 56;
constexpr float kBottom = 60;
constexpr float kWidth = kPageWidth - 2 * kMarginX;
// The side of a certificate's QR code, its quiet zone included: at most, and at least.
constexpr float kCertificateQrSize = 78;
constexpr float kCertificateQrMinSize = 56;
// A certificate page's last line (the revision, the register's extract) is drawn from y 110 down:
// the QR code's caption stays above this.
constexpr float kCertificateQrBottom = 122;

using Args = std::vector<std::pair<std::string, std::string>>;

// `v` with `decimals` decimals, trailing zeros dropped, a decimal comma in French.
std::string FormatNumber(double v, int decimals, const std::string& lang);

// "CEDRE-ISO9001-2026-8EE2DB": the referential's id in capitals, the year of `effective`, and six
// digits of the report reference.
std::string CertificateNumber(const std::string& referential_id, const std::string& effective,
                              const std::string& report_id);

// A QR code's dark modules, as the horizontal runs a drawing fills with one rectangle each.
struct QrRun {
  int row = 0;     // from the top, 0-based
  int column = 0;  // of the run's first module, from the left
  int length = 0;  // modules
};
struct QrSymbol {
  int modules = 0;          // modules on a side, the quiet zone not included (21 for version 1)
  std::vector<QrRun> runs;  // row by row, left to right
};
// Encodes `text` (its bytes, in 8-bit mode) as a QR code with error correction level M (15 % of
// the symbol may be lost), in the smallest version that holds it, with libqrencode. False when
// `text` is empty, longer than a QR code holds at level M (2,331 bytes), or libqrencode fails.
bool EncodeQr(const std::string& text, QrSymbol* out);

struct Font {
  HPDF_Font handle = nullptr;
  std::map<char32_t, float> widths;  // per 1000 em
  std::bitset<0x10000> used;         // the codes drawn with it, for its ToUnicode map
  float Width(char32_t cp);
};

// The ToUnicode CMap of a font drawn through libharu's UTF-8 encoder: with Identity-H, each code
// of a text string is the UTF-16 code unit of the character it shows, so each code maps to itself.
// `codes` (ascending, no repeat) become bfrange lines for runs within one high byte and bfchar
// lines for single codes, at most 100 lines per block; control codes and surrogates are left out.
std::string IdentityToUnicodeCMap(const std::vector<uint16_t>& codes);

struct Cell {
  std::string text;
  bool bold = false;
  Rgb colour = kInk;
  Rgb fill = kWhite;  // background, white for none
  float indent = 0;   // points before the text (a sub-chapter's depth), within the cell
};

struct Column {
  std::string title;
  float width;  // points
};

class Canvas {
 public:
  explicit Canvas(const std::string& lang);  // "en", else French
  virtual ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

 protected:
  // Creates the document and loads the fonts. False with `*error` set on failure.
  bool Begin(std::string* error);
  // Attaches the files, saves, and fills `out` (bytes, pages, warnings). False with `*error` set
  // if libharu failed at any point since Begin; `out` is then left as it was.
  bool Finish(const std::vector<std::pair<std::string, std::string>>& attachments, PdfOutput* out,
              std::string* error);
  // The document's metadata (no dates: the same inputs give the same bytes).
  void SetInfo(const std::string& title, const std::string& author, const std::string& subject,
               const std::string& keywords, const std::string& creator);
  // "left text ... Page n / N" on every page, under a rule except on the `framed` pages.
  void Footers(const std::string& left, const std::set<HPDF_Page>& framed = {});
  // The same with "first — second" on the left, the part to shorten cut with "…" so that the
  // other (a report's reference, a certificate's number) always shows whole.
  void Footers(const std::string& first, const std::string& second, bool shorten_first,
               const std::set<HPDF_Page>& framed = {});

  // ---- strings ----
  // The catalogue's text for `key` with "{name}" markers filled; "{key}" for an unknown key.
  std::string S(const std::string& key, const Args& args = {}) const;
  const std::string& T(const Text& t) const { return t.Get(lang_); }
  // The catalogue's "`key`.one" or "`key`.other" text, as `n` asks in the report's language (French
  // takes the singular for 0 and 1), with "{count}" filled with `n`.
  std::string P(const std::string& key, long long n, Args args = {}) const;
  // "Décision : accordé" / "Decision: granted".
  std::string LabelValue(const std::string& label, const std::string& value) const;
  // "« x »" / "“x”".
  std::string Quoted(const std::string& text) const;
  // Between the items of a list that hold commas: " ; " in French, "; " in English.
  std::string Semicolon() const { return lang_ == "fr" ? " ; " : "; "; }
  std::string Date(const std::string& iso) const;  // "1er avril 2029"; `iso` itself if not a date
  // `text` with every ISO date in it written out: "dû le 1er avril 2029", "due on 1 April 2029".
  std::string WithDatesWritten(const std::string& text) const;
  std::string Pct(double v) const;  // "94,6 %"
  std::string Num(double v, int decimals = 1) const { return FormatNumber(v, decimals, lang_); }
  // Makes a text drawable: French typography, characters the font lacks replaced by '?' (and
  // reported, naming `where`), tabs and carriage returns turned into spaces.
  std::u32string Prepare(const std::string& text, const std::string& where);
  float Width(const std::u32string& s, Font& f, float size);
  // Wraps on spaces (never on no-break spaces); a word longer than the line breaks after one of
  // its separators (". - _ / : )"), so that "C-IAE.2.1" never becomes "C-IA" and "E.2.1", and only
  // where it has none that fits, at a code point; keeps the line breaks of the text.
  std::vector<std::u32string> Wrap(const std::u32string& text, Font& f, float size, float width);

 private:
  void FlowPage();  // a new page the text flows on

 protected:
  // ---- drawing ----
  void Fill(Rgb c);
  void Stroke(Rgb c);
  void Draw(float x, float y, const std::u32string& s, Font& f, float size, Rgb colour);
  // Draws `text` on one line, cut with "…" to fit `width`.
  void DrawFitted(float x, float y, const std::string& text, Font& f, float size, Rgb colour,
                  float width, const std::string& where);
  void Rect(float x, float y, float w, float h, Rgb fill);
  void Frame(float x, float y, float w, float h, Rgb colour, float width);
  void Line(float x1, float y1, float x2, float y2, Rgb colour, float width);
  // A QR code (EncodeQr's `symbol`) in the square of side `size` points whose lower-left corner
  // is (x, y), its quiet zone of 4 modules included (painted white): vectors, one rectangle per
  // run of dark modules, filled in black as one path so that no seam shows between rows.
  void QrCode(float x, float y, float size, const QrSymbol& symbol);
  // A page of its own (a cover, a certificate): the next section starts on a new page.
  void NewPage();
  void Ensure(float height);  // a new page unless `height` points are left above the margin
  void Bookmark(const std::string& title);
  void Section(const std::string& title);  // a title on a new page, bookmarked
  void SubTitle(const std::string& title);
  // A wrapped paragraph at x, page-breaking between lines.
  void Paragraph(const std::string& text, float x, float width, Font& f, float size, Rgb colour,
                 const std::string& where, float leading = 0);
  void Body(const std::string& text, const std::string& where);
  // "Label : value" with the value wrapped beside the label.
  void Field(const std::string& label, const std::string& value, float label_width = 150);
  // A grade tag: coloured box with the code, then the label in words (for black-and-white print).
  // Returns its width.
  float Tag(float x, float y, const std::string& code, const std::string& label,
            const std::string& kind);
  // A table that breaks across pages with its header repeated; rows wrap and, when taller than
  // a page, continue on the next one line by line.
  void Table(const std::vector<Column>& cols, const std::vector<std::vector<Cell>>& rows,
             float size = 8.5f);
  // Centred lines, wrapped within the page less 80 points.
  void Centered(const std::string& text, Font& f, float size, Rgb colour, const std::string& where);
  // A horizontal bar chart: one row per (label, value, colour), values against `max`, the value
  // written after the bar with `value_text`.
  struct Bar {
    std::string label;
    double value = 0;
    std::string value_text;
    Rgb colour = kBar;
  };
  void Bars(const std::vector<Bar>& bars, double max, float label_width = 150);

  // ---- shared blocks ----
  std::string StateWord(const std::string& state) const;     // "maintenu"; `state` if unknown
  std::string AuditKindWord(const std::string& kind) const;  // "Audit de surveillance"
  // "Le certificat est maintenu par la décision du 9 juin 2027." (`decision_date` when the
  // lifecycle gives no state date).
  std::string StateSentence(const report::Lifecycle& l, const std::string& decision_date) const;
  // "CEDRE-2023-00001 (révision 1)", or "en attente" while the register has not numbered it.
  std::string NumberAndRevision(const report::Lifecycle& l) const;
  // "Cycle de certification": the state, validity, cycle, previous audit, due date, next audit
  // and the reasons.
  void LifecycleBlock(const report::Lifecycle& l, const std::string& decision_date);
  void CertificateFrame();  // the certificate's double frame on the current page
  // The QR code of the certificate's page in the public directory, `url`, centred with its caption
  // ("Vérifier ce certificat", then `url` in small type) under it, in the band between `top` and
  // `bottom` (points from the page's foot): the code as large as the band allows, at most
  // kCertificateQrSize. Draws nothing when `url` is empty; when the band is too low for a code of
  // kCertificateQrMinSize or `url` cannot be encoded, draws nothing and adds a warning (the page
  // is then the one drawn without `url`, byte for byte).
  void CertificateQr(const std::string& url, float top, float bottom);

  std::string lang_;
  HPDF_Doc pdf_ = nullptr;
  HPDF_Page page_ = nullptr;
  HPDF_Encoder encoder_ = nullptr;
  std::vector<HPDF_Page> pages_;
  Font regular_;
  Font bold_;
  float y_ = kTop;
  // The current page is one the text flows on (a section's, or one a table or paragraph
  // continued on), not a page of its own: a section may start on it when it has room.
  bool flow_ = false;
  std::string error_;  // libharu's first error
  std::vector<std::string> warnings_;
  std::set<std::string> warned_;
};

}  // namespace sceau::pdf

#endif  // SCEAU_REPORTS_PDF_CANVAS_H_
