#include "reports/pdf_writer.h"

#include <hpdf.h>
// libharu 2.3.0 has no public call to load a TrueType font from memory; these internal headers
// are installed with it and give what HPDF_LoadTTFontFromFile does, over a memory stream.
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_namedict.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include <fmt/format.h>

#include "engine/date.h"
#include "engine/sha256.h"
#include "engine/yaml_tree.h"

namespace sceau {

namespace fonts {
extern const unsigned char kRegular[];
extern const size_t kRegularSize;
extern const unsigned char kBold[];
extern const size_t kBoldSize;
extern const char32_t kCoverage[];
extern const size_t kCoverageSize;
}  // namespace fonts

extern const char kReportStringsYaml[];

namespace {

// ---- the string catalogue ----------------------------------------------------------------------

const std::map<std::string, Text>& Catalogue() {
  static const std::map<std::string, Text> catalogue = [] {
    std::map<std::string, Text> out;
    auto source = std::make_shared<SourceFile>("report.yaml", std::string(kReportStringsYaml));
    DiagnosticSink sink(source);
    YamlDocument doc;
    if (!ParseYaml(source, YamlLimits{}, &sink, &doc) || !doc.root() || !doc.root()->is_map()) {
      return out;
    }
    for (const auto& [key, value] : doc.root()->pairs) {
      Text t;
      if (value->is_map()) {
        for (const auto& [lang, text] : value->pairs) t.by_lang[lang->value] = text->value;
      }
      out[key->value] = std::move(t);
    }
    return out;
  }();
  return catalogue;
}

using Args = std::vector<std::pair<std::string, std::string>>;

std::string FillArgs(std::string text, const Args& args) {
  for (const auto& [name, value] : args) {
    std::string marker = "{" + name + "}";
    for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at + value.size())) {
      text.replace(at, marker.size(), value);
    }
  }
  return text;
}

// ---- text: UTF-8, coverage, French typography --------------------------------------------------

std::u32string Decode(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    if (i + len > s.size()) {
      out.push_back(0xFFFD);
      break;
    }
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

bool Covered(char32_t cp) {
  return std::binary_search(fonts::kCoverage, fonts::kCoverage + fonts::kCoverageSize, cp);
}

constexpr char32_t kNbsp = 0x00A0;
constexpr char32_t kNarrowNbsp = 0x202F;

// French typography: a no-break space before ':', a narrow one before ; ! ? and inside « »;
// typographic apostrophes.
std::u32string FrenchTypography(std::u32string s) {
  std::u32string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    bool next_is_punct = i + 1 < s.size() && (s[i + 1] == ':' || s[i + 1] == ';' || s[i + 1] == '!' ||
                                               s[i + 1] == '?' || s[i + 1] == 0xBB);
    if (c == ' ' && next_is_punct) {
      out.push_back(s[i + 1] == ':' ? kNbsp : kNarrowNbsp);
      continue;
    }
    if (c == 0xAB && i + 1 < s.size() && s[i + 1] == ' ') {  // « x
      out.push_back(c);
      out.push_back(kNarrowNbsp);
      ++i;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string FormatNumber(double v, int decimals, const std::string& lang) {
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (decimals > 0) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (lang == "fr") std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

// ---- colours -----------------------------------------------------------------------------------

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

Rgb KindColour(const std::string& kind) {
  if (kind == "strength") return {0.18f, 0.49f, 0.20f};
  if (kind == "conforming") return {0.27f, 0.35f, 0.39f};
  if (kind == "opportunity") return {0.33f, 0.55f, 0.18f};
  if (kind == "observation") return {0.85f, 0.52f, 0.02f};
  if (kind == "minor-nc") return {0.85f, 0.26f, 0.08f};
  if (kind == "major-nc") return {0.72f, 0.11f, 0.11f};
  return {0.55f, 0.55f, 0.55f};
}

Rgb DecisionColour(const std::string& decision) {
  if (decision == "granted") return {0.18f, 0.49f, 0.20f};
  if (decision == "conditional") return {0.80f, 0.47f, 0.0f};
  if (decision == "refused") return {0.72f, 0.11f, 0.11f};
  return kNavy;
}

// ---- the document ------------------------------------------------------------------------------

constexpr float kPageWidth = 595.276f;
constexpr float kPageHeight = 841.89f;
constexpr float kMarginX = 56;
constexpr float kTop = kPageHeight - 56;
constexpr float kBottom = 60;
constexpr float kWidth = kPageWidth - 2 * kMarginX;

void OnHaruError(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
  auto* message = static_cast<std::string*>(user);
  if (message->empty()) *message = fmt::format("libharu error 0x{:04X} (detail {})", error, detail);
}

struct Font {
  HPDF_Font handle = nullptr;
  std::map<char32_t, float> widths;  // per 1000 em
  float Width(char32_t cp) {
    auto it = widths.find(cp);
    if (it != widths.end()) return it->second;
    float w = static_cast<float>(HPDF_Font_GetUnicodeWidth(handle, static_cast<HPDF_UNICODE>(cp)));
    widths[cp] = w;
    return w;
  }
};

// What HPDF_LoadTTFontFromFile does, from memory.
const char* LoadFont(HPDF_Doc pdf, const unsigned char* data, size_t size) {
  HPDF_Stream stream = HPDF_MemStream_New(pdf->mmgr, static_cast<HPDF_UINT>(size));
  if (!stream) return nullptr;
  if (HPDF_Stream_Write(stream, data, static_cast<HPDF_UINT>(size)) != HPDF_OK) {
    HPDF_Stream_Free(stream);
    return nullptr;
  }
  HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, stream, HPDF_TRUE);
  if (!def) return nullptr;
  if (HPDF_FontDef tmp = HPDF_Doc_FindFontDef(pdf, def->base_font)) {
    HPDF_FontDef_Free(def);
    return tmp->base_font;
  }
  if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
    HPDF_FontDef_Free(def);
    return nullptr;
  }
  if (pdf->ttfont_tag[0] == 0) {
    std::memcpy(pdf->ttfont_tag, "HPDFAA", 6);
  } else {
    for (int i = 5; i >= 0; --i) {
      pdf->ttfont_tag[i] += 1;
      if (pdf->ttfont_tag[i] > 'Z') {
        pdf->ttfont_tag[i] = 'A';
      } else {
        break;
      }
    }
  }
  HPDF_TTFontDef_SetTagName(def, reinterpret_cast<char*>(pdf->ttfont_tag));
  return def->base_font;
}

// Embeds `bytes` as an attachment named `name`. HPDF_AttachFile reads a file and names the
// attachment after its path; this builds the same objects (a Filespec in the catalog's
// EmbeddedFiles name tree) from memory, under the chosen name, uncompressed and without dates:
// the same bytes give the same PDF, and a verifier reads them back without an inflater.
bool Attach(HPDF_Doc pdf, const std::string& name, const std::string& bytes) {
  bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '-' || c == '_';
  });
  if (!plain || bytes.size() > (1u << 30)) return false;
  HPDF_MMgr mmgr = pdf->mmgr;
  HPDF_NameDict names = HPDF_Catalog_GetNames(pdf->catalog);
  if (!names) {
    names = HPDF_NameDict_New(mmgr, pdf->xref);
    if (!names || HPDF_Catalog_SetNames(pdf->catalog, names) != HPDF_OK) return false;
  }
  HPDF_NameTree tree = HPDF_NameDict_GetNameTree(names, HPDF_NAME_EMBEDDED_FILES);
  if (!tree) {
    tree = HPDF_NameTree_New(mmgr, pdf->xref);
    if (!tree || HPDF_NameDict_SetNameTree(names, HPDF_NAME_EMBEDDED_FILES, tree) != HPDF_OK) {
      return false;
    }
  }
  HPDF_Dict file = HPDF_DictStream_New(mmgr, pdf->xref);  // no filter: stored as is
  if (!file) return false;
  auto size = static_cast<HPDF_UINT>(bytes.size());
  auto data = reinterpret_cast<const HPDF_BYTE*>(bytes.data());
  if (size > 0 && HPDF_Stream_Write(file->stream, data, size) != HPDF_OK) return false;
  HPDF_Dict spec = HPDF_Dict_New(mmgr);
  if (!spec || HPDF_Xref_Add(pdf->xref, spec) != HPDF_OK) return false;
  HPDF_Dict params = HPDF_Dict_New(mmgr);
  if (HPDF_Dict_AddName(file, "Type", "EmbeddedFile") != HPDF_OK || !params ||
      HPDF_Dict_Add(file, "Params", params) != HPDF_OK ||
      HPDF_Dict_AddNumber(params, "Size", static_cast<HPDF_INT32>(size)) != HPDF_OK ||
      HPDF_Dict_AddName(spec, "Type", "Filespec") != HPDF_OK ||
      HPDF_Dict_Add(spec, "F", HPDF_String_New(mmgr, name.c_str(), nullptr)) != HPDF_OK ||
      HPDF_Dict_Add(spec, "UF", HPDF_String_New(mmgr, name.c_str(), nullptr)) != HPDF_OK) {
    return false;
  }
  HPDF_Dict ef = HPDF_Dict_New(mmgr);
  if (!ef || HPDF_Dict_Add(spec, "EF", ef) != HPDF_OK || HPDF_Dict_Add(ef, "F", file) != HPDF_OK) {
    return false;
  }
  return HPDF_NameTree_Add(tree, HPDF_String_New(mmgr, name.c_str(), nullptr), spec) == HPDF_OK;
}

struct Cell {
  std::string text;
  bool bold = false;
  Rgb colour = kInk;
  Rgb fill = kWhite;  // background, white for none
};

struct Column {
  std::string title;
  float width;  // points
};

class Writer {
 public:
  Writer(const report::Model& m, const PdfOptions& o)
      : m_(m), lang_(o.lang == "en" ? "en" : "fr"), attachments_(o.attachments) {}
  ~Writer() {
    if (pdf_) HPDF_Free(pdf_);
  }

  bool Run(PdfOutput* out, std::string* error) {
    pdf_ = HPDF_New(OnHaruError, &error_);
    if (!pdf_) {
      *error = "libharu could not create a document";
      return false;
    }
    HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf_);
    HPDF_SetCurrentEncoder(pdf_, "UTF-8");
    const char* regular = LoadFont(pdf_, fonts::kRegular, fonts::kRegularSize);
    const char* bold = LoadFont(pdf_, fonts::kBold, fonts::kBoldSize);
    if (!regular || !bold) {
      *error = "cannot load the embedded DejaVu Sans fonts";
      return false;
    }
    regular_.handle = HPDF_GetFont(pdf_, regular, "UTF-8");
    bold_.handle = HPDF_GetFont(pdf_, bold, "UTF-8");
    encoder_ = HPDF_GetEncoder(pdf_, "UTF-8");
    if (!regular_.handle || !bold_.handle || !encoder_ || !error_.empty()) {
      *error = error_.empty() ? "cannot set up the report fonts" : error_;
      return false;
    }
    SetInfo();
    Cover();
    Summary();
    Scores();
    Findings();
    Plan();
    Scope();
    if (m_.has_certificate) CertificatePage();
    Annex();
    Footers();
    for (const auto& [name, bytes] : attachments_) {
      if (!Attach(pdf_, name, bytes)) {
        *error = error_.empty() ? fmt::format("cannot attach '{}' to the PDF", name) : error_;
        return false;
      }
    }
    if (!error_.empty()) {
      *error = error_;
      return false;
    }
    if (HPDF_SaveToStream(pdf_) != HPDF_OK) {
      *error = error_.empty() ? "libharu could not write the document" : error_;
      return false;
    }
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf_);
    out->bytes.resize(size);
    HPDF_UINT32 read = size;
    HPDF_ReadFromStream(pdf_, reinterpret_cast<HPDF_BYTE*>(out->bytes.data()), &read);
    out->bytes.resize(read);
    out->pages = static_cast<int>(pages_.size());
    for (const std::string& w : warnings_) out->warnings.push_back(w);
    return error_.empty();
  }

 private:
  // ---- strings ---------------------------------------------------------------------------------
  std::string S(const std::string& key, const Args& args = {}) const {
    std::string text = ReportString(key, lang_);
    if (text.empty()) return "{" + key + "}";
    // The catalogue's own texts take typographic apostrophes; the data keeps what was written.
    if (lang_ == "fr") {
      for (size_t at = text.find('\''); at != std::string::npos; at = text.find('\'', at + 3)) {
        text.replace(at, 1, "\u2019");
      }
    }
    return FillArgs(text, args);
  }
  const std::string& T(const Text& t) const { return t.Get(lang_); }

  std::string Date(const std::string& iso) const {
    auto d = Date::Parse(iso);
    if (!d) return iso;
    std::string day = std::to_string(d->day);
    if (lang_ == "fr" && d->day == 1) day = "1er";
    return S("date_format", {{"day", day}, {"month", S("month." + std::to_string(d->month))},
                             {"year", std::to_string(d->year)}});
  }

  std::string Pct(double v) const {
    std::string n = FormatNumber(v, 1, lang_);
    return lang_ == "fr" ? n + "\u202F%" : n + "%";
  }

  // Makes a text drawable: French typography, characters the font lacks replaced (and reported),
  // control characters turned into spaces.
  std::u32string Prepare(const std::string& text, const std::string& where) {
    std::u32string s = Decode(text);
    if (lang_ == "fr") s = FrenchTypography(std::move(s));
    for (char32_t& c : s) {
      if (c == '\t' || c == '\r') c = ' ';
      if (c == '\n') continue;
      if (!Covered(c)) {
        std::string w = fmt::format("U+{:04X} in {}: not in the report font, shown as '?'",
                                    static_cast<uint32_t>(c), where);
        if (warned_.insert(w).second) warnings_.push_back(w);
        c = '?';
      }
    }
    return s;
  }

  float Width(const std::u32string& s, Font& f, float size) {
    float w = 0;
    for (char32_t c : s) w += f.Width(c);
    return w * size / 1000;
  }

  // Wraps on spaces (never on no-break spaces), breaking a word longer than the line at a code
  // point; keeps the line breaks of the text.
  std::vector<std::u32string> Wrap(const std::u32string& text, Font& f, float size, float width) {
    std::vector<std::u32string> lines;
    size_t start = 0;
    while (start <= text.size()) {
      size_t nl = text.find(U'\n', start);
      std::u32string para = text.substr(start, nl == std::u32string::npos ? std::u32string::npos : nl - start);
      std::u32string line;
      float line_w = 0;
      float space_w = f.Width(' ') * size / 1000;
      size_t i = 0;
      while (i <= para.size()) {
        size_t sp = para.find(U' ', i);
        std::u32string word = para.substr(i, sp == std::u32string::npos ? std::u32string::npos : sp - i);
        float word_w = Width(word, f, size);
        if (!line.empty() && line_w + space_w + word_w > width) {
          lines.push_back(line);
          line.clear();
          line_w = 0;
        }
        if (word_w > width) {  // a word longer than the line: cut it at code points
          for (char32_t c : word) {
            float cw = f.Width(c) * size / 1000;
            if (!line.empty() && line_w + cw > width) {
              lines.push_back(line);
              line.clear();
              line_w = 0;
            }
            line.push_back(c);
            line_w += cw;
          }
        } else {
          if (!line.empty()) {
            line.push_back(U' ');
            line_w += space_w;
          }
          line += word;
          line_w += word_w;
        }
        if (sp == std::u32string::npos) break;
        i = sp + 1;
      }
      lines.push_back(line);
      if (nl == std::u32string::npos) break;
      start = nl + 1;
    }
    return lines;
  }

  // ---- drawing ---------------------------------------------------------------------------------
  void Fill(Rgb c) { HPDF_Page_SetRGBFill(page_, c.r, c.g, c.b); }
  void Stroke(Rgb c) { HPDF_Page_SetRGBStroke(page_, c.r, c.g, c.b); }

  void Draw(float x, float y, const std::u32string& s, Font& f, float size, Rgb colour) {
    if (s.empty()) return;
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, f.handle, size);
    Fill(colour);
    HPDF_Page_TextOut(page_, x, y, Encode(s).c_str());
    HPDF_Page_EndText(page_);
  }

  void Rect(float x, float y, float w, float h, Rgb fill) {
    Fill(fill);
    HPDF_Page_Rectangle(page_, x, y, w, h);
    HPDF_Page_Fill(page_);
  }

  void Line(float x1, float y1, float x2, float y2, Rgb colour, float width) {
    Stroke(colour);
    HPDF_Page_SetLineWidth(page_, width);
    HPDF_Page_MoveTo(page_, x1, y1);
    HPDF_Page_LineTo(page_, x2, y2);
    HPDF_Page_Stroke(page_);
  }

  void NewPage() {
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    pages_.push_back(page_);
    y_ = kTop;
  }

  void Ensure(float height) {
    if (y_ - height < kBottom) NewPage();
  }

  void Bookmark(const std::string& title) {
    HPDF_Outline outline = HPDF_CreateOutline(pdf_, nullptr, Encode(Prepare(title, "a bookmark")).c_str(), encoder_);
    HPDF_Destination dst = HPDF_Page_CreateDestination(page_);
    HPDF_Destination_SetFitH(dst, std::min(kPageHeight, y_ + 30));
    HPDF_Outline_SetDestination(outline, dst);
  }

  // A section title on a new page, bookmarked.
  void Section(const std::string& title) {
    NewPage();
    Bookmark(title);
    Draw(kMarginX, y_ - 16, Prepare(title, "a title"), bold_, 17, kNavy);
    y_ -= 26;
    Line(kMarginX, y_, kMarginX + kWidth, y_, kNavy, 1.2f);
    y_ -= 18;
  }

  void SubTitle(const std::string& title) {
    Ensure(40);
    y_ -= 4;
    Draw(kMarginX, y_ - 11, Prepare(title, "a title"), bold_, 11.5f, kNavy);
    y_ -= 20;
  }

  // A wrapped paragraph at x, page-breaking between lines.
  void Paragraph(const std::string& text, float x, float width, Font& f, float size, Rgb colour,
                 const std::string& where, float leading = 0) {
    if (leading == 0) leading = size * 1.38f;
    for (const std::u32string& line : Wrap(Prepare(text, where), f, size, width)) {
      Ensure(leading);
      Draw(x, y_ - size, line, f, size, colour);
      y_ -= leading;
    }
  }

  void Body(const std::string& text, const std::string& where) {
    Paragraph(text, kMarginX, kWidth, regular_, 9.5f, kInk, where);
    y_ -= 4;
  }

  // "Label : value" with the value wrapped beside the label.
  void Field(const std::string& label, const std::string& value, float label_width = 150) {
    std::vector<std::u32string> lines = Wrap(Prepare(value, label), regular_, 9.5f, kWidth - label_width);
    Ensure(13.2f * static_cast<float>(std::min<size_t>(lines.size(), 3)));
    Draw(kMarginX, y_ - 9.5f, Prepare(label, "a label"), bold_, 9.5f, kMuted);
    for (const std::u32string& line : lines) {
      Ensure(13.2f);
      Draw(kMarginX + label_width, y_ - 9.5f, line, regular_, 9.5f, kInk);
      y_ -= 13.2f;
    }
    y_ -= 2;
  }

  // A grade tag: coloured box with the code, then the label in words (for black-and-white print).
  float Tag(float x, float y, const std::string& code, const std::string& label, const std::string& kind) {
    std::u32string c = Prepare(code, "a grade");
    float w = Width(c, bold_, 8.5f) + 8;
    Rect(x, y - 3, w, 13, KindColour(kind));
    Draw(x + 4, y, c, bold_, 8.5f, kWhite);
    std::u32string l = Prepare(label, "a grade label");
    Draw(x + w + 5, y, l, bold_, 8.5f, KindColour(kind));
    return w + 5 + Width(l, bold_, 8.5f);
  }

  // A table that breaks across pages with its header repeated; rows wrap and, when taller than
  // a page, continue on the next one line by line.
  void Table(const std::vector<Column>& cols, const std::vector<std::vector<Cell>>& rows, float size = 8.5f) {
    const float pad = 4;
    const float leading = size * 1.3f;
    auto header = [&] {
      float h = leading + 2 * pad;
      Ensure(h + leading + 2 * pad);
      Rect(kMarginX, y_ - h, kWidth, h, kNavy);
      float x = kMarginX;
      for (const Column& c : cols) {
        Draw(x + pad, y_ - pad - size, Prepare(c.title, "a table header"), bold_, size, kWhite);
        x += c.width;
      }
      y_ -= h;
    };
    header();
    bool shade = false;
    for (const std::vector<Cell>& row : rows) {
      std::vector<std::vector<std::u32string>> lines;
      size_t height = 1;
      for (size_t i = 0; i < cols.size() && i < row.size(); ++i) {
        Font& f = row[i].bold ? bold_ : regular_;
        lines.push_back(Wrap(Prepare(row[i].text, "a table"), f, size, cols[i].width - 2 * pad));
        height = std::max(height, lines.back().size());
      }
      shade = !shade;
      size_t done = 0;
      while (done < height) {
        // The cursor can sit below the bottom margin after a tall block: no room then, never a
        // negative count.
        float room = std::max(0.0f, y_ - kBottom - 2 * pad);
        size_t fit = static_cast<size_t>(std::floor(room / leading));
        // Keep short rows whole; split only rows taller than what is left of a fresh page.
        if (fit == 0 || (done == 0 && fit < height && height * leading < kTop - kBottom - 60)) {
          NewPage();
          header();
          continue;
        }
        size_t n = std::min(fit, height - done);
        float h = static_cast<float>(n) * leading + 2 * pad;
        float x = kMarginX;
        for (size_t i = 0; i < lines.size(); ++i) {
          Rgb fill = row[i].fill.r < 1 || row[i].fill.g < 1 || row[i].fill.b < 1 ? row[i].fill : (shade ? kPale : kWhite);
          Rect(x, y_ - h, cols[i].width, h, fill);
          for (size_t k = done; k < done + n && k < lines[i].size(); ++k) {
            Font& f = row[i].bold ? bold_ : regular_;
            Draw(x + pad, y_ - pad - size - static_cast<float>(k - done) * leading, lines[i][k], f, size,
                 row[i].colour);
          }
          x += cols[i].width;
        }
        Line(kMarginX, y_ - h, kMarginX + kWidth, y_ - h, kRule, 0.4f);
        y_ -= h;
        done += n;
      }
    }
    y_ -= 10;
  }

  // ---- document info ---------------------------------------------------------------------------
  void SetInfo() {
    std::string title = fmt::format("{} — {} — {}", m_.audit_kind == "self-assessment" ? S("self_assessment_title") : S("report_title"),
                                    m_.org_name, T(m_.referential_title));
    HPDF_SetInfoAttr(pdf_, HPDF_INFO_TITLE, Encode(Prepare(title, "the title")).c_str());
    HPDF_SetInfoAttr(pdf_, HPDF_INFO_AUTHOR, Encode(Prepare(m_.publisher.empty() ? m_.lead_auditor : m_.publisher, "the author")).c_str());
    HPDF_SetInfoAttr(pdf_, HPDF_INFO_SUBJECT, Encode(Prepare(DecisionText(), "the subject")).c_str());
    HPDF_SetInfoAttr(pdf_, HPDF_INFO_KEYWORDS,
                     Encode(Prepare(fmt::format("{} {}, {}, {}", m_.referential_id, m_.referential_version,
                                                m_.audit_id, ReportId(m_)), "the keywords")).c_str());
    HPDF_SetInfoAttr(pdf_, HPDF_INFO_CREATOR, m_.generator.c_str());
    HPDF_SetInfoAttr(pdf_, HPDF_INFO_PRODUCER, "sceau (libharu)");
  }

  std::string DecisionText() const {
    std::string label = T(m_.decision_label);
    if (label.empty()) label = S("decision." + m_.decision);
    return label;
  }

  std::string SiteList() const {
    std::vector<std::string> names;
    for (const report::Site& s : m_.sites) {
      names.push_back(s.address.empty() ? s.name : fmt::format("{} ({})", s.name, s.address));
    }
    return fmt::format("{}", fmt::join(names, " ; "));
  }

  std::string SiteName(const std::string& id) const {
    for (const report::Site& s : m_.sites) {
      if (s.id == id) return s.name;
    }
    return id;
  }

  // ---- cover -----------------------------------------------------------------------------------
  void Cover() {
    NewPage();
    Bookmark(m_.org_name);
    Rect(0, kPageHeight - 150, kPageWidth, 150, kNavy);
    Draw(kMarginX, kPageHeight - 60, Prepare(m_.publisher.empty() ? "sceau" : m_.publisher, "the publisher"), regular_, 11, kWhite);
    std::string title = m_.audit_kind == "self-assessment" ? S("self_assessment_title") : S("report_title");
    Draw(kMarginX, kPageHeight - 100, Prepare(title, "the title"), bold_, 24, kWhite);
    y_ = kPageHeight - 130;
    Paragraph(T(m_.referential_title) + " — " + S("edition") + " " + m_.referential_version,
              kMarginX, kWidth, regular_, 10.5f, {0.85f, 0.89f, 0.94f}, "the referential's title");
    y_ = kPageHeight - 200;
    Paragraph(m_.org_name, kMarginX, kWidth, bold_, 22, kInk, "the organisation's name", 28);
    y_ -= 8;
    Field(S("org_kind"), m_.org_kind);
    if (!m_.siret.empty()) Field(S("siret"), m_.siret);
    Field(S("sites"), SiteList());
    Field(S("referential"), fmt::format("{} ({} {})", T(m_.referential_title), S("edition"), m_.referential_version));
    Field(S("audit"), S("audit_kind." + m_.audit_kind) + " — " + m_.audit_id);
    Field(S("audit_dates"), S("date_range", {{"start", Date(m_.start)}, {"end", Date(m_.end)}}));
    Field(S("lead_auditor"), m_.lead_auditor);
    // The decision badge.
    y_ -= 30;
    float h = 92;
    Rgb colour = DecisionColour(m_.decision);
    Rect(kMarginX, y_ - h, kWidth, h, colour);
    Draw(kMarginX + 18, y_ - 24, Prepare(S("decision_badge"), "the badge"), bold_, 10, kWhite);
    Draw(kMarginX + 18, y_ - 56, Prepare(DecisionText(), "the decision"), bold_, 22, kWhite);
    std::string sub = m_.level.empty() ? S("decision." + m_.decision) : S("cert.level") + " : " + m_.level;
    if (m_.has_certificate) sub += " — " + S("summary.validity_value", {{"effective", Date(m_.certificate_effective)}, {"expiry", Date(m_.certificate_expiry)}});
    Draw(kMarginX + 18, y_ - 78, Prepare(sub, "the decision"), regular_, 10, kWhite);
    y_ -= h + 20;
    Field(S("decision_date"), Date(m_.decision_date));
    if (!m_.decision_maker.empty()) Field(S("decision_maker"), m_.decision_maker);
    Field(S("report_id"), ReportId(m_));
  }

  // ---- summary ---------------------------------------------------------------------------------
  std::string Bound(const report::Condition& c, bool points) const {
    auto num = [&](double v) { return points ? FormatNumber(v, 1, lang_) : (c.metric == "score" ? Pct(v) : FormatNumber(v, 0, lang_)); };
    if (c.min && c.max) return S("cond.between", {{"min", num(*c.min)}, {"max", num(*c.max)}});
    if (c.min) return S("cond.min", {{"min", num(*c.min)}});
    return S("cond.max", {{"max", num(*c.max)}});
  }

  std::string Describe(const report::Condition& c) const {
    if (c.op != "leaf") return S("cond." + c.op);
    std::string what;
    bool points = c.metric == "points";
    if (c.metric == "blocking_failed") {
      what = S("cond.blocking_failed");
    } else if (c.metric == "count") {
      if (!c.kind.empty()) what = S("cond.kind." + c.kind);
      else if (!c.grade.empty()) what = S("cond.count_grade", {{"grade", c.grade}});
      else if (!c.level.empty()) what = S("cond.count_level", {{"level", c.level}});
      else if (!c.level_below.empty()) what = S("cond.count_level_below", {{"level", c.level_below}});
      else what = S("cond.count_all");
      if (!c.chapter.empty()) what = S("cond.in_chapter", {{"what", what}, {"chapter", c.chapter}});
      if (c.blocking && *c.blocking) what = S("cond.blocking_only", {{"what", what}});
    } else {
      std::string base = points ? "cond.points" : "cond.score";
      if (c.each_chapter) what = S(base + "_each");
      else if (!c.chapter.empty()) what = S(base + "_chapter", {{"chapter", c.chapter}});
      else what = S(base);
    }
    std::string observed = c.metric == "score" ? Pct(c.observed)
                           : points           ? FormatNumber(c.observed, 1, lang_)
                                              : FormatNumber(c.observed, 0, lang_);
    return S("cond.line", {{"what", what}, {"observed", observed}, {"bound", Bound(c, points)}});
  }

  void Conditions(const std::vector<report::Condition>& conds, float indent) {
    for (const report::Condition& c : conds) {
      std::string mark = c.held ? "✓ " : "✗ ";
      Paragraph(mark + Describe(c), kMarginX + indent, kWidth - indent, regular_, 9.5f, c.held ? kInk : kMuted, "a condition");
      if (!c.children.empty()) Conditions(c.children, indent + 14);
    }
  }

  void Summary() {
    Section(S("section.summary"));
    SubTitle(S("summary.decision") + " : " + DecisionText());
    if (!T(m_.decision_explanation).empty()) Body(T(m_.decision_explanation), "the decision's explanation");
    if (!m_.trace.empty()) {
      const report::OutcomeTrace& applied = m_.trace.back();
      Body(S("summary.rule", {{"rule", applied.outcome}}), "the rule");
      if (applied.conditions.empty()) {
        Paragraph(S("cond.always"), kMarginX + 14, kWidth - 14, regular_, 9.5f, kInk, "a condition");
      } else {
        Conditions(applied.conditions, 14);
      }
      y_ -= 4;
      if (m_.trace.size() > 1) {
        Body(S("summary.not_matched"), "the rules");
        for (size_t i = 0; i + 1 < m_.trace.size(); ++i) {
          Paragraph("« " + m_.trace[i].outcome + " »", kMarginX + 14, kWidth - 14, bold_, 9, kMuted, "a rule");
          Conditions(m_.trace[i].conditions, 28);
        }
      }
    }
    SubTitle(S("summary.global_score") + " : " + Pct(m_.score));
    if (m_.points_scale != 100) {
      Body(S("summary.points", {{"points", FormatNumber(m_.points, 0, lang_)}, {"scale", FormatNumber(m_.points_scale, 0, lang_)}}), "the points");
    }
    Body(S("summary.criteria", {{"applicable", std::to_string(m_.applicable_criteria)},
                                 {"scored", std::to_string(m_.scored_criteria)},
                                 {"na", std::to_string(m_.not_applicable)}}), "the counts");
    SubTitle(S("summary.counts"));
    std::vector<std::vector<Cell>> rows;
    for (const auto& [code, n] : m_.counts) {
      const report::Grade* g = nullptr;
      for (const report::Scale& s : m_.scales) {
        for (const report::Grade& x : s.grades) {
          if (x.code == code) g = &x;
        }
      }
      std::string label = g ? T(g->label) : code;
      Rgb colour = g ? KindColour(g->kind) : kInk;
      rows.push_back({{code, true, colour}, {label}, {std::to_string(n), n > 0}});
    }
    Table({{S("plan.col.grade"), 60}, {S("summary.counts"), kWidth - 140}, {"", 80}}, rows, 9);
    if (!m_.blocking_failed.empty()) {
      Field(S("summary.blocking"), fmt::format("{}", fmt::join(m_.blocking_failed, ", ")));
    }
    int shown = 0;
    for (const report::RootGroup& g : m_.root_causes) {
      if (g.root.empty() || shown == 5) continue;
      if (shown++ == 0) SubTitle(S("summary.root_causes"));
      const report::Criterion* c = m_.FindCriterion(g.root);
      Body("• " + S("summary.root_line", {{"id", g.root}, {"title", c ? T(c->title) : ""},
                                          {"count", std::to_string(g.gaps.size())}}), "a root cause");
    }
    SubTitle(S("summary.validity"));
    if (m_.has_certificate) {
      Field(S("summary.validity"), S("summary.validity_value", {{"effective", Date(m_.certificate_effective)}, {"expiry", Date(m_.certificate_expiry)}}), 240);
      Field(S("summary.next_audit"), Date(m_.first_surveillance_due), 240);
    } else {
      Body(S("summary.no_certificate"), "the certificate");
    }
  }

  // ---- scores ----------------------------------------------------------------------------------
  void Scores() {
    Section(S("section.scores"));
    std::vector<const report::Chapter*> tops;
    for (const report::Chapter& c : m_.chapters) {
      if (c.parent.empty()) tops.push_back(&c);
    }
    const float label_w = 150;
    const float chart_x = kMarginX + label_w;
    const float chart_w = kWidth - label_w - 40;
    const float bar_h = 14;
    const float gap = 8;
    float rows = static_cast<float>(tops.size() + 1);
    float chart_h = rows * (bar_h + gap);
    Ensure(chart_h + 60);
    float top = y_ - 10;
    float bottom = top - chart_h;
    // Grid at 0, 25, 50, 75, 100 %.
    for (int p = 0; p <= 100; p += 25) {
      float x = chart_x + chart_w * static_cast<float>(p) / 100;
      Line(x, top, x, bottom, kRule, 0.5f);
      std::u32string label = Prepare(Pct(p), "the chart");
      Draw(x - Width(label, regular_, 7.5f) / 2, bottom - 11, label, regular_, 7.5f, kMuted);
    }
    auto bar = [&](int i, const std::string& name, std::optional<double> score, bool global) {
      float y = top - static_cast<float>(i) * (bar_h + gap) - bar_h - gap / 2;
      std::vector<std::u32string> lines = Wrap(Prepare(name, "a chapter title"), global ? bold_ : regular_, 8, label_w - 8);
      Draw(kMarginX, y + 4, lines.front().size() < Prepare(name, "a chapter title").size() ? lines.front() + U"…" : lines.front(),
           global ? bold_ : regular_, 8, kInk);
      if (!score) {
        Draw(chart_x + 4, y + 4, Prepare(S("scores.not_scored"), "the chart"), regular_, 8, kMuted);
        return;
      }
      float w = chart_w * static_cast<float>(*score) / 100;
      Rgb colour = global ? kNavy : Rgb{0.36f, 0.52f, 0.70f};
      Rect(chart_x, y, std::max(w, 0.5f), bar_h, colour);
      Draw(chart_x + w + 4, y + 4, Prepare(Pct(*score), "the chart"), bold_, 8, kInk);
    };
    int i = 0;
    for (const report::Chapter* c : tops) bar(i++, c->id + " " + T(c->title), c->score, false);
    bar(i, S("scores.global"), m_.score, true);
    // Thresholds the policy uses, as red dashed lines.
    const HPDF_UINT16 dash[] = {3, 2};
    for (const report::Threshold& t : m_.thresholds) {
      float x = chart_x + chart_w * static_cast<float>(t.percent) / 100;
      float y1 = top;
      float y2 = bottom;
      if (!t.chapter.empty()) {
        for (size_t k = 0; k < tops.size(); ++k) {
          if (tops[k]->id == t.chapter) {
            y1 = top - static_cast<float>(k) * (bar_h + gap);
            y2 = y1 - bar_h - gap;
          }
        }
      } else if (!t.each_chapter) {
        y1 = top - static_cast<float>(tops.size()) * (bar_h + gap);  // the global bar only
        y2 = bottom;
      }
      HPDF_Page_SetDash(page_, dash, 2, 0);
      Line(x, y1, x, y2, kRed, 1.2f);
      HPDF_Page_SetDash(page_, nullptr, 0, 0);
    }
    y_ = bottom - 24;
    Paragraph(S("scores.legend"), kMarginX, kWidth, regular_, 8, kMuted, "the legend");
    for (const report::Threshold& t : m_.thresholds) {
      Paragraph(S("scores.threshold", {{"rule", t.outcome}, {"value", Pct(t.percent)}}) + (t.chapter.empty() ? "" : " (" + t.chapter + ")"),
                kMarginX, kWidth, regular_, 8, kMuted, "the legend");
    }
    if (m_.maturity()) Radar(tops);
    // Sub-chapters, as a table.
    std::vector<std::vector<Cell>> rows_out;
    for (const report::Chapter& c : m_.chapters) {
      std::string counts;
      for (const auto& [code, n] : c.counts) counts += (counts.empty() ? "" : ", ") + fmt::format("{} {}", code, n);
      std::string indent = c.parent.empty() ? "" : "   ";
      rows_out.push_back({{indent + c.id, c.parent.empty()}, {T(c.title), c.parent.empty()},
                          {c.score ? Pct(*c.score) : S("scores.not_scored"), c.parent.empty()}, {counts}});
    }
    y_ -= 8;
    Table({{S("scores.col.chapter"), 60}, {S("scores.col.title"), kWidth - 60 - 60 - 130}, {S("scores.col.score"), 60}, {S("summary.counts"), 130}}, rows_out);
  }

  void Radar(const std::vector<const report::Chapter*>& tops) {
    if (tops.size() < 3) return;
    SubTitle(S("scores.radar"));
    float r = 110;
    Ensure(2 * r + 50);
    float cx = kMarginX + kWidth / 2;
    float cy = y_ - r - 20;
    size_t n = tops.size();
    auto point = [&](size_t i, double pct) {
      double a = M_PI / 2 - 2 * M_PI * static_cast<double>(i) / static_cast<double>(n);
      return std::make_pair(cx + static_cast<float>(std::cos(a) * pct / 100 * r), cy + static_cast<float>(std::sin(a) * pct / 100 * r));
    };
    for (int ring = 25; ring <= 100; ring += 25) {
      Stroke(kRule);
      HPDF_Page_SetLineWidth(page_, 0.5f);
      for (size_t i = 0; i <= n; ++i) {
        auto [x, y] = point(i % n, ring);
        if (i == 0) HPDF_Page_MoveTo(page_, x, y);
        else HPDF_Page_LineTo(page_, x, y);
      }
      HPDF_Page_Stroke(page_);
    }
    for (size_t i = 0; i < n; ++i) {
      auto [x, y] = point(i, 100);
      Line(cx, cy, x, y, kRule, 0.5f);
      auto [lx, ly] = point(i, 116);
      std::u32string label = Prepare(tops[i]->id, "the radar");
      Draw(lx - Width(label, bold_, 8) / 2, ly - 3, label, bold_, 8, kInk);
    }
    Fill({0.36f, 0.52f, 0.70f});
    Stroke(kNavy);
    HPDF_Page_SetLineWidth(page_, 1.2f);
    for (size_t i = 0; i <= n; ++i) {
      auto [x, y] = point(i % n, tops[i % n]->score.value_or(0));
      if (i == 0) HPDF_Page_MoveTo(page_, x, y);
      else HPDF_Page_LineTo(page_, x, y);
    }
    HPDF_Page_Stroke(page_);
    y_ = cy - r - 30;
  }

  // ---- findings --------------------------------------------------------------------------------
  std::string GradeLabel(const report::Criterion& c, const std::string& code) const {
    const report::Grade* g = m_.GradeOf(c, code);
    return g ? T(g->label) : code;
  }

  std::string EvidenceList(const std::vector<std::string>& ids) const {
    std::vector<std::string> out;
    for (const std::string& id : ids) {
      std::string title;
      for (const report::Evidence& e : m_.evidence) {
        if (e.id == id) title = e.title;
      }
      out.push_back(title.empty() ? id : id + " — " + title);
    }
    return fmt::format("{}", fmt::join(out, " ; "));
  }

  void FindingEntry(const report::Criterion& c, bool detailed) {
    std::string code = c.grade.empty() ? c.level : c.grade;
    const report::Grade* g = m_.GradeOf(c, code);
    std::string kind = c.kind.empty() ? (c.failing ? "minor-nc" : "conforming") : c.kind;
    Ensure(60);
    y_ -= 4;
    float tag_w = Tag(kMarginX, y_ - 10, code, g ? T(g->label) : code, kind);
    std::string heading = c.id + "  " + T(c.title) + (c.blocking ? " — " + S("findings.blocking") : "");
    std::vector<std::u32string> lines = Wrap(Prepare(heading, "a criterion title"), bold_, 9.5f, kWidth - tag_w - 14);
    float x = kMarginX + tag_w + 12;
    for (const std::u32string& line : lines) {
      Draw(x, y_ - 10, line, bold_, 9.5f, kInk);
      y_ -= 13;
    }
    y_ -= 2;
    float indent = 14;
    auto labelled = [&](const std::string& label, const std::string& text, Rgb colour) {
      Paragraph(label + " : " + text, kMarginX + indent, kWidth - indent, regular_, 9, colour, label);
    };
    if (detailed) labelled(S("findings.requirement"), T(c.requirement), kMuted);
    for (const report::Finding& f : c.findings) {
      std::string text = f.text.empty() ? S("findings.no_text") : f.text;
      std::string prefix = S("findings.finding");
      if (c.findings.size() > 1) prefix += " (" + f.grade + (f.site.empty() ? "" : ", " + S("findings.site", {{"site", SiteName(f.site)}})) + ")";
      else if (!f.site.empty()) prefix += " (" + S("findings.site", {{"site", SiteName(f.site)}}) + ")";
      labelled(prefix, text, kInk);
      if (!f.evidence.empty()) labelled(S("findings.evidence"), EvidenceList(f.evidence), kMuted);
    }
    if (detailed) {
      if (c.escalated) Paragraph(S("findings.escalated", {{"to", GradeLabel(c, c.grade)}}), kMarginX + indent, kWidth - indent, bold_, 9, KindColour(kind), "an escalation");
      for (const report::Check& k : c.checks) {
        if (k.status != "pass") labelled(S("findings.checks"), k.detail, kMuted);
      }
      std::vector<std::string> roots;
      for (const std::string& r : c.root_causes) {
        if (r == c.id) continue;
        const report::Criterion* rc = m_.FindCriterion(r);
        roots.push_back(rc ? r + " " + T(rc->title) : r);
      }
      if (!roots.empty()) labelled(S("findings.root_cause"), fmt::format("{}", fmt::join(roots, " ; ")), KindColour("major-nc"));
    }
    y_ -= 6;
    Line(kMarginX + indent, y_ + 2, kMarginX + kWidth, y_ + 2, kRule, 0.4f);
  }

  static int Gravity(const std::string& kind) {
    if (kind == "major-nc") return 4;
    if (kind == "minor-nc") return 3;
    if (kind == "observation") return 2;
    return 1;
  }

  void Findings() {
    Section(S("section.findings"));
    // Gaps, gravest first, then in the referential's order.
    std::vector<const report::Criterion*> gaps;
    for (const report::Criterion& c : m_.criteria) {
      if (c.gap) gaps.push_back(&c);
    }
    std::stable_sort(gaps.begin(), gaps.end(), [](const report::Criterion* a, const report::Criterion* b) {
      int ga = a->kind.empty() ? 3 : Gravity(a->kind);
      int gb = b->kind.empty() ? 3 : Gravity(b->kind);
      return ga > gb;
    });
    SubTitle(S("section.gaps") + " (" + std::to_string(gaps.size()) + ")");
    if (gaps.empty()) Body(S("findings.none"), "the findings");
    for (const report::Criterion* c : gaps) FindingEntry(*c, true);
    for (const report::Escalation& e : m_.escalations) {
      Body(S("findings.systemic", {{"count", std::to_string(e.criteria.size())}, {"from", e.from}, {"chapter", e.chapter}, {"to", e.to}}), "an escalation");
    }
    for (const char* kind : {"strength", "opportunity"}) {
      std::vector<const report::Criterion*> list;
      for (const report::Criterion& c : m_.criteria) {
        if (c.assessed && c.kind == kind) list.push_back(&c);
      }
      if (list.empty()) continue;
      SubTitle(S(std::string("section.") + (std::string(kind) == "strength" ? "strengths" : "opportunities")) + " (" + std::to_string(list.size()) + ")");
      for (const report::Criterion* c : list) FindingEntry(*c, false);
    }
  }

  // ---- action plan -----------------------------------------------------------------------------
  void Plan() {
    Section(m_.decision == "none" ? S("section.progress_plan") : S("section.plan"));
    if (m_.actions.empty()) {
      Body(S("plan.none"), "the plan");
      return;
    }
    Body(S("plan.intro"), "the plan");
    std::vector<std::vector<Cell>> rows;
    int rank = 0;
    for (const report::Action& a : m_.actions) {
      const report::Criterion* c = m_.FindCriterion(a.criterion);
      std::string title = c ? a.criterion + "\n" + T(c->title) : a.criterion;
      std::string due = a.due.empty() ? S("plan.next_audit") : Date(a.due);
      std::string finding = a.finding.empty() ? S("findings.no_text") : a.finding;
      rows.push_back({{std::to_string(++rank)}, {title, true}, {a.grade, true, KindColour(a.kind)}, {finding},
                      {due}, {fmt::format("{}", fmt::join(a.after, "\n"))}});
    }
    Table({{S("plan.col.rank"), 26}, {S("plan.col.criterion"), 118}, {S("plan.col.grade"), 38},
           {S("plan.col.action"), kWidth - 26 - 118 - 38 - 78 - 60}, {S("plan.col.due"), 78}, {S("plan.col.after"), 60}},
          rows);
  }

  // ---- scope and method ------------------------------------------------------------------------
  void Scope() {
    Section(S("section.scope"));
    if (!T(m_.scope).empty()) Field(S("scope.scope"), T(m_.scope));
    if (!T(m_.objectives).empty()) Field(S("scope.objectives"), T(m_.objectives));
    Field(S("audit"), S("audit_kind." + m_.audit_kind) + " — " + m_.audit_id);
    Field(S("audit_dates"), S("date_range", {{"start", Date(m_.start)}, {"end", Date(m_.end)}}));
    Field(S("lead_auditor"), m_.lead_auditor);
    if (!m_.auditors.empty()) Field(S("auditors"), fmt::format("{}", fmt::join(m_.auditors, ", ")));
    if (!m_.decision_maker.empty()) Field(S("decision_maker"), m_.decision_maker);
    std::vector<std::string> visited;
    for (const std::string& s : m_.sites_visited) visited.push_back(SiteName(s));
    Field(S("sites_visited"), fmt::format("{} / {} : {}", m_.sites_visited.size(), m_.sites.size(), fmt::join(visited, ", ")));
    Field(S("headcount"), S("headcount_value", {{"permanent", std::to_string(m_.permanent)}, {"pathway", std::to_string(m_.pathway)}}));
    y_ -= 4;
    Body(S("scope.sampling"), "the sampling statement");
    if (!m_.decision_maker.empty()) Body(S("scope.independence"), "the independence statement");
    SubTitle(S("scope.na"));
    bool any = false;
    for (const report::Criterion& c : m_.criteria) {
      if (!c.na) continue;
      any = true;
      Body("• " + c.id + " " + T(c.title) + " : " + c.na_justification, "an NA justification");
    }
    if (!any) Body(S("scope.na_none"), "the NA list");
    std::vector<const report::Criterion*> excluded;
    for (const report::Criterion& c : m_.criteria) {
      if (!c.applicable) excluded.push_back(&c);
    }
    if (!excluded.empty()) {
      SubTitle(S("scope.excluded"));
      for (const report::Criterion* c : excluded) Body("• " + c->id + " " + T(c->title) + " (" + c->not_applicable_reason + ")", "an exclusion");
    }
    SubTitle(S("scope.overrides"));
    any = false;
    for (const report::Criterion& c : m_.criteria) {
      if (c.override_justification.empty()) continue;
      any = true;
      std::string failed;
      for (const report::Check& k : c.checks) {
        if (k.status == "fail") failed += (failed.empty() ? "" : " ; ") + k.detail;
      }
      Body("• " + c.id + " " + T(c.title) + " (" + (c.grade.empty() ? c.level : c.grade) + ") — " + failed + " — " + c.override_justification, "an override");
    }
    if (!any) Body(S("scope.overrides_none"), "the overrides");
  }

  // ---- certificate -----------------------------------------------------------------------------
  std::string CertificateNumber() const {
    std::string prefix;
    for (char c : m_.referential_id) {
      if ((c >= 'a' && c <= 'z')) prefix += static_cast<char>(c - 'a' + 'A');
      else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) prefix += c;
      else prefix += '-';
    }
    std::string year = m_.certificate_effective.substr(0, 4);
    return fmt::format("{}-{}-{}", prefix, year, ReportId(m_).substr(6, 6));
  }

  void Centered(const std::string& text, Font& f, float size, Rgb colour, const std::string& where) {
    for (const std::u32string& line : Wrap(Prepare(text, where), f, size, kWidth - 80)) {
      Draw(kMarginX + (kWidth - Width(line, f, size)) / 2, y_ - size, line, f, size, colour);
      y_ -= size * 1.4f;
    }
  }

  void CertificatePage() {
    NewPage();
    certificate_page_ = page_;
    Bookmark(S("section.certificate"));
    // A double frame.
    Stroke(kNavy);
    HPDF_Page_SetLineWidth(page_, 2.5f);
    HPDF_Page_Rectangle(page_, 36, 36, kPageWidth - 72, kPageHeight - 72);
    HPDF_Page_Stroke(page_);
    HPDF_Page_SetLineWidth(page_, 0.8f);
    HPDF_Page_Rectangle(page_, 44, 44, kPageWidth - 88, kPageHeight - 88);
    HPDF_Page_Stroke(page_);
    y_ = kTop - 30;
    Centered(m_.publisher, regular_, 11, kMuted, "the issuer");
    y_ -= 20;
    Centered(S("cert.title"), bold_, 30, kNavy, "the certificate");
    y_ -= 24;
    Centered(S("cert.intro"), regular_, 11, kInk, "the certificate");
    y_ -= 6;
    Centered(m_.org_name, bold_, 20, kInk, "the organisation's name");
    y_ -= 4;
    for (const report::Site& s : m_.sites) {
      Centered(s.address.empty() ? s.name : s.name + " — " + s.address, regular_, 9.5f, kMuted, "a site");
    }
    y_ -= 14;
    Centered(S("cert.meets"), regular_, 11, kInk, "the certificate");
    y_ -= 4;
    Centered(T(m_.referential_title), bold_, 13, kNavy, "the referential's title");
    Centered(S("edition") + " " + m_.referential_version, regular_, 10, kInk, "the edition");
    if (!m_.level.empty()) Centered(S("cert.level") + " : " + m_.level, bold_, 12, kNavy, "the level");
    if (m_.decision == "conditional") {
      y_ -= 4;
      Centered(S("cert.conditions"), regular_, 9.5f, kInk, "the certificate");
    }
    if (!T(m_.scope).empty()) {
      y_ -= 10;
      Centered(S("cert.scope") + " :", regular_, 10, kInk, "the certificate");
      Centered(T(m_.scope), regular_, 10, kInk, "the scope");
    }
    y_ -= 26;
    float label_w = 200;
    auto row = [&](const std::string& label, const std::string& value) {
      Draw(kMarginX + 40, y_ - 10, Prepare(label, "the certificate"), bold_, 10, kMuted);
      Draw(kMarginX + 40 + label_w, y_ - 10, Prepare(value, "the certificate"), bold_, 10, kInk);
      y_ -= 18;
    };
    row(S("cert.number"), CertificateNumber());
    row(S("cert.effective"), Date(m_.certificate_effective));
    row(S("cert.expiry"), Date(m_.certificate_expiry));
    row(S("cert.surveillance"), Date(m_.first_surveillance_due));
    row(S("cert.issuer"), m_.publisher);
    row(S("decision_maker"), m_.decision_maker);
    y_ = 110;
    Centered(S("cert.revision", {{"date", Date(m_.decision_date)}}) + " — " + ReportId(m_), regular_, 8, kMuted, "the revision");
  }

  // ---- annex -----------------------------------------------------------------------------------
  void Annex() {
    Section(S("section.annex"));
    SubTitle(S("annex.evidence"));
    if (m_.evidence.empty()) {
      Body(S("annex.none"), "the register");
    } else {
      std::vector<std::vector<Cell>> rows;
      for (const report::Evidence& e : m_.evidence) {
        std::string file = e.file;
        if (!e.sha256.empty()) file += (file.empty() ? "" : "\n") + e.sha256.substr(0, 16) + "…";
        rows.push_back({{e.id, true}, {e.kind}, {e.title}, {e.date.empty() ? "—" : e.date}, {file}});
      }
      Table({{S("annex.col.id"), 40}, {S("annex.col.kind"), 80}, {S("annex.col.title"), kWidth - 40 - 80 - 64 - 120},
             {S("annex.col.date"), 64}, {S("annex.col.file"), 120}},
            rows, 8);
    }
    for (const report::Coverage& c : m_.coverage) {
      SubTitle(S("annex.coverage", {{"framework", T(c.title).empty() ? c.framework : T(c.title)}}));
      Body(S("annex.coverage_intro", {{"covered", std::to_string(c.covered)}, {"items", std::to_string(c.items.size())}}), "the coverage");
      std::vector<std::vector<Cell>> rows;
      for (const report::CoverageItem& i : c.items) {
        Rgb colour = i.assessed == 0 ? kMuted : (i.met == i.assessed ? KindColour("strength") : KindColour("minor-nc"));
        rows.push_back({{i.id, true}, {T(i.title)}, {fmt::format("{}", fmt::join(i.criteria, " "))},
                        {fmt::format("{} / {}", i.met, i.assessed), true, colour},
                        {i.score ? Pct(*i.score) : "—"}});
      }
      Table({{S("annex.col.item"), 50}, {S("annex.col.title"), kWidth - 50 - 130 - 60 - 55}, {S("plan.col.criterion"), 130},
             {S("annex.col.met"), 60}, {S("scores.col.score"), 55}},
            rows, 8);
    }
    SubTitle(S("annex.hashes"));
    Field(S("annex.referential_hash"), m_.referential_id + " " + m_.referential_version + "\n" + m_.referential_sha256, 130);
    Field(S("annex.dossier_hash"), m_.audit_id + "\n" + m_.dossier_sha256, 130);
    Field(S("report_id"), ReportId(m_), 130);
    Body(S("annex.generator", {{"generator", m_.generator}}), "the generator");
  }

  // ---- footers: "Page n / N", the report id and the organisation on every page -----------------
  void Footers() {
    std::string id = ReportId(m_);
    int n = static_cast<int>(pages_.size());
    for (int i = 0; i < n; ++i) {
      page_ = pages_[static_cast<size_t>(i)];
      // The certificate's frame runs down to 36 pt: its footer goes below it, without a rule.
      float y = page_ == certificate_page_ ? 20 : 30;
      if (page_ != certificate_page_) Line(kMarginX, 42, kMarginX + kWidth, 42, kRule, 0.5f);
      std::u32string left = Prepare(m_.org_name + " — " + id, "the footer");
      std::vector<std::u32string> cut = Wrap(left, regular_, 7.5f, kWidth - 90);
      Draw(kMarginX, y, cut.front(), regular_, 7.5f, kMuted);
      std::u32string right = Prepare(S("page_of", {{"page", std::to_string(i + 1)}, {"pages", std::to_string(n)}}), "the footer");
      Draw(kMarginX + kWidth - Width(right, regular_, 7.5f), y, right, regular_, 7.5f, kMuted);
    }
  }

  const report::Model& m_;
  std::string lang_;
  const std::vector<std::pair<std::string, std::string>>& attachments_;
  HPDF_Doc pdf_ = nullptr;
  HPDF_Page page_ = nullptr;
  HPDF_Page certificate_page_ = nullptr;
  HPDF_Encoder encoder_ = nullptr;
  std::vector<HPDF_Page> pages_;
  Font regular_;
  Font bold_;
  float y_ = kTop;
  std::string error_;
  std::vector<std::string> warnings_;
  std::set<std::string> warned_;
};

}  // namespace

std::string ReportString(const std::string& key, const std::string& lang) {
  const auto& c = Catalogue();
  auto it = c.find(key);
  if (it == c.end()) return {};
  return it->second.Get(lang);
}

std::vector<std::string> ReportStringKeys() {
  std::vector<std::string> keys;
  for (const auto& [k, v] : Catalogue()) keys.push_back(k);
  return keys;
}

std::string ReportId(const report::Model& m) {
  std::string hex = Sha256Hex(m.referential_sha256 + ":" + m.dossier_sha256 + ":" + m.audit_id);
  std::string id = "SCEAU-";
  for (size_t i = 0; i < 12 && i < hex.size(); ++i) {
    char c = hex[i];
    id += (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return id;
}

bool RenderPdf(const report::Model& model, const PdfOptions& options, PdfOutput* out, std::string* error) {
  *out = PdfOutput{};
  Writer writer(model, options);
  if (!writer.Run(out, error)) {
    *out = PdfOutput{};
    return false;
  }
  return true;
}

}  // namespace sceau
