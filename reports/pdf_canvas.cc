#include "reports/pdf_canvas.h"

// libharu 2.3.0 has no public call to load a TrueType font from memory; these internal headers
// are installed with it and give what HPDF_LoadTTFontFromFile does, over a memory stream.
#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_namedict.h>
#include <hpdf_streams.h>
#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <regex>

#include "engine/date.h"
#include "engine/wording.h"
#include "engine/yaml_tree.h"
#include "reports/catalogue.h"

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

namespace pdf {
namespace {

// ---- the string catalogue ----------------------------------------------------------------------

const std::map<std::string, Text>& Catalogue() {
  static const std::map<std::string, Text> catalogue =
      ReadCatalogue("report.yaml", std::string(kReportStringsYaml));
  return catalogue;
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
    bool next_is_punct =
        i + 1 < s.size() && (s[i + 1] == ':' || s[i + 1] == ';' || s[i + 1] == '!' ||
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

void OnHaruError(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
  auto* message = static_cast<std::string*>(user);
  if (message->empty()) *message = fmt::format("libharu error 0x{:04X} (detail {})", error, detail);
}

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
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
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

// The longest text of a metadata entry or a bookmark, in code points: libharu refuses a string
// over 65,535 bytes (HPDF_LIMIT_MAX_STRING_LEN), and a reader shows a few dozen characters.
constexpr size_t kMaxLabelCodePoints = 1000;

// `s` cut to kMaxLabelCodePoints, ending with "…" when cut.
std::u32string Label(std::u32string s) {
  if (s.size() > kMaxLabelCodePoints) {
    s.resize(kMaxLabelCodePoints - 1);
    s += U'…';
  }
  return s;
}

// The object under `key` in `dict`, through an indirect reference; null when absent. Unlike
// HPDF_Dict_GetItem, never records an error when the object is of another class.
HPDF_Obj_Header* Item(HPDF_Dict dict, const char* key) {
  for (HPDF_UINT i = 0; i < dict->list->count; ++i) {
    auto* element = static_cast<HPDF_DictElement>(HPDF_List_ItemAt(dict->list, i));
    if (std::strcmp(element->key, key) != 0) continue;
    auto* header = static_cast<HPDF_Obj_Header*>(element->value);
    if (header->obj_class == HPDF_OCLASS_PROXY) {
      header = static_cast<HPDF_Obj_Header*>(static_cast<HPDF_Proxy>(element->value)->obj);
    }
    return header;
  }
  return nullptr;
}

// Gives `f` a ToUnicode map of the codes drawn with it. libharu 2.3.0 sets the font's encoding to
// Identity-H and, as its /ToUnicode, the stream of its encoding CMap (code to CID,
// `begincidrange`), which readers reject ("Invalid 'begincidrange' operator"): that stream's
// content is replaced, so no object is added or left unused. Should libharu give no such stream, a
// new one is added.
bool WriteToUnicode(HPDF_Doc pdf, Font& f) {
  HPDF_Dict font = f.handle;
  auto* current = Item(font, "ToUnicode");
  HPDF_Dict stream = nullptr;
  if (current && (current->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT &&
      current != Item(font, "Encoding") && reinterpret_cast<HPDF_Dict>(current)->stream &&
      reinterpret_cast<HPDF_Dict>(current)->stream->type == HPDF_STREAM_MEMORY) {
    stream = reinterpret_cast<HPDF_Dict>(current);
    HPDF_MemStream_FreeData(stream->stream);
    if (Item(stream, "WMode") && HPDF_Dict_RemoveElement(stream, "WMode") != HPDF_OK) return false;
  } else {
    stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!stream || HPDF_Dict_Add(font, "ToUnicode", stream) != HPDF_OK) return false;
    stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  }
  HPDF_Dict info = HPDF_Dict_New(pdf->mmgr);
  if (!info || HPDF_Dict_AddName(stream, "Type", "CMap") != HPDF_OK ||
      HPDF_Dict_AddName(stream, "CMapName", "Adobe-Identity-UCS") != HPDF_OK ||
      HPDF_Dict_Add(stream, "CIDSystemInfo", info) != HPDF_OK ||
      HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", nullptr)) != HPDF_OK ||
      HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "UCS", nullptr)) != HPDF_OK ||
      HPDF_Dict_AddNumber(info, "Supplement", 0) != HPDF_OK) {
    return false;
  }
  std::vector<uint16_t> codes;
  for (size_t c = 0; c < f.used.size(); ++c) {
    if (f.used[c]) codes.push_back(static_cast<uint16_t>(c));
  }
  std::string cmap = IdentityToUnicodeCMap(codes);
  return HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()),
                           static_cast<HPDF_UINT>(cmap.size())) == HPDF_OK;
}

}  // namespace

std::string IdentityToUnicodeCMap(const std::vector<uint16_t>& codes) {
  // Runs of consecutive codes sharing their high byte: a bfrange may only vary the last byte.
  std::vector<std::pair<uint16_t, uint16_t>> runs;
  for (uint16_t c : codes) {
    if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) continue;
    if (!runs.empty() && runs.back().second + 1 == c && (runs.back().first >> 8) == (c >> 8)) {
      runs.back().second = c;
    } else {
      runs.emplace_back(c, c);
    }
  }
  std::vector<std::string> ranges;
  std::vector<std::string> chars;
  for (auto [from, to] : runs) {
    if (from == to) {
      chars.push_back(fmt::format("<{:04X}> <{:04X}>\n", from, from));
    } else {
      ranges.push_back(fmt::format("<{:04X}> <{:04X}> <{:04X}>\n", from, to, from));
    }
  }
  std::string out =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n"
      "<0000> <FFFF>\n"
      "endcodespacerange\n";
  auto blocks = [&out](const std::vector<std::string>& lines, const char* name) {
    for (size_t i = 0; i < lines.size(); i += 100) {
      size_t n = std::min<size_t>(100, lines.size() - i);
      out += fmt::format("{} begin{}\n", n, name);
      for (size_t k = i; k < i + n; ++k) out += lines[k];
      out += fmt::format("end{}\n", name);
    }
  };
  blocks(ranges, "bfrange");
  blocks(chars, "bfchar");
  out +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
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

bool EncodeQr(const std::string& text, QrSymbol* out) {
  // 2,331 bytes: what version 40 holds in 8-bit mode at level M.
  if (text.empty() || text.size() > 2331) return false;
  QRcode* code =
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
  if (code == nullptr) return false;
  QrSymbol symbol;
  symbol.modules = code->width;
  const int n = code->width;
  for (int row = 0; row < n; ++row) {
    const unsigned char* line = code->data + static_cast<size_t>(row) * static_cast<size_t>(n);
    for (int column = 0; column < n;) {
      if ((line[column] & 1) == 0) {
        ++column;
        continue;
      }
      int end = column;
      while (end < n && (line[end] & 1) != 0) ++end;
      symbol.runs.push_back({row, column, end - column});
      column = end;
    }
  }
  QRcode_free(code);
  *out = std::move(symbol);
  return true;
}

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

float Font::Width(char32_t cp) {
  auto it = widths.find(cp);
  if (it != widths.end()) return it->second;
  float w = static_cast<float>(HPDF_Font_GetUnicodeWidth(handle, static_cast<HPDF_UNICODE>(cp)));
  widths[cp] = w;
  return w;
}

Canvas::Canvas(const std::string& lang) : lang_(lang == "en" ? "en" : "fr") {}

Canvas::~Canvas() {
  if (pdf_) HPDF_Free(pdf_);
}

bool Canvas::Begin(std::string* error) {
  pdf_ = HPDF_New(OnHaruError, &error_);
  if (!pdf_) {
    *error = Tr("libharu could not create a document");
    return false;
  }
  // Pages go in the root's /Kids array, which libharu caps at 32,767 entries (0x1001); past the
  // first 8,191, it starts intermediate page-tree nodes instead. Fewer pages: the same bytes.
  HPDF_SetPagesConfiguration(pdf_, 8191);
  HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf_);
  HPDF_SetCurrentEncoder(pdf_, "UTF-8");
  const char* regular = LoadFont(pdf_, fonts::kRegular, fonts::kRegularSize);
  const char* bold = LoadFont(pdf_, fonts::kBold, fonts::kBoldSize);
  if (!regular || !bold) {
    *error = Tr("cannot load the embedded DejaVu Sans fonts");
    return false;
  }
  regular_.handle = HPDF_GetFont(pdf_, regular, "UTF-8");
  bold_.handle = HPDF_GetFont(pdf_, bold, "UTF-8");
  encoder_ = HPDF_GetEncoder(pdf_, "UTF-8");
  if (!regular_.handle || !bold_.handle || !encoder_ || !error_.empty()) {
    *error = error_.empty() ? "cannot set up the report fonts" : error_;
    return false;
  }
  return true;
}

bool Canvas::Finish(const std::vector<std::pair<std::string, std::string>>& attachments,
                    PdfOutput* out, std::string* error) {
  for (const auto& [name, bytes] : attachments) {
    if (!Attach(pdf_, name, bytes)) {
      *error = error_.empty() ? fmt::format("cannot attach '{}' to the PDF", name) : error_;
      return false;
    }
  }
  if (!WriteToUnicode(pdf_, regular_) || !WriteToUnicode(pdf_, bold_)) {
    *error = error_.empty() ? "cannot write the fonts' ToUnicode maps" : error_;
    return false;
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
  std::string bytes(size, '\0');
  HPDF_UINT32 read = size;
  if (HPDF_ReadFromStream(pdf_, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read) != HPDF_OK &&
      read != size) {
    *error = error_.empty() ? "libharu could not read the document back" : error_;
    return false;
  }
  if (!error_.empty()) {
    *error = error_;
    return false;
  }
  bytes.resize(read);
  out->bytes = std::move(bytes);
  out->pages = static_cast<int>(pages_.size());
  out->warnings = warnings_;
  return true;
}

void Canvas::SetInfo(const std::string& title, const std::string& author,
                     const std::string& subject, const std::string& keywords,
                     const std::string& creator) {
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_TITLE, Encode(Label(Prepare(title, "the title"))).c_str());
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_AUTHOR, Encode(Label(Prepare(author, "the author"))).c_str());
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_SUBJECT, Encode(Label(Prepare(subject, "the subject"))).c_str());
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_KEYWORDS,
                   Encode(Label(Prepare(keywords, "the keywords"))).c_str());
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_CREATOR, creator.c_str());
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_PRODUCER, "sceau (libharu)");
}

std::string Canvas::S(const std::string& key, const Args& args) const {
  std::string text = ReportString(key, lang_);
  if (text.empty()) return "{" + key + "}";
  // The catalogue's own texts take typographic apostrophes; the data keeps what was written.
  if (lang_ == "fr") {
    for (size_t at = text.find('\''); at != std::string::npos; at = text.find('\'', at + 3)) {
      text.replace(at, 1, "\u2019");
    }
  }
  return FillPlaceholders(text, args);
}

std::string Canvas::P(const std::string& key, long long n, Args args) const {
  bool one = lang_ == "fr" ? (n == 0 || n == 1) : n == 1;
  args.push_back({"count", std::to_string(n)});
  return S(key + (one ? ".one" : ".other"), args);
}

std::string Canvas::LabelValue(const std::string& label, const std::string& value) const {
  return S("label_value", {{"label", label}, {"value", value}});
}

std::string Canvas::Quoted(const std::string& text) const { return S("quoted", {{"text", text}}); }

std::string Canvas::Date(const std::string& iso) const { return WrittenDate(iso, lang_); }

std::string Canvas::WithDatesWritten(const std::string& text) const {
  static const std::regex kIso(R"(\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b)");
  std::string out;
  size_t last = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kIso); it != std::sregex_iterator();
       ++it) {
    out += text.substr(last, static_cast<size_t>(it->position()) - last);
    out += Date(it->str());
    last = static_cast<size_t>(it->position() + it->length());
  }
  return out + text.substr(last);
}

std::string Canvas::Pct(double v) const {
  std::string n = FormatNumber(v, 1, lang_);
  return lang_ == "fr" ? n + "\u202F%" : n + "%";
}

// Makes a text drawable: French typography, characters the font lacks replaced (and reported),
// control characters turned into spaces.
std::u32string Canvas::Prepare(const std::string& text, const std::string& where) {
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

float Canvas::Width(const std::u32string& s, Font& f, float size) {
  float w = 0;
  for (char32_t c : s) w += f.Width(c);
  return w * size / 1000;
}

// Wraps on spaces (never on no-break spaces), breaking a word longer than the line at a code
// point; keeps the line breaks of the text.
std::vector<std::u32string> Canvas::Wrap(const std::u32string& text, Font& f, float size,
                                         float width) {
  std::vector<std::u32string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find(U'\n', start);
    std::u32string para =
        text.substr(start, nl == std::u32string::npos ? std::u32string::npos : nl - start);
    std::u32string line;
    float line_w = 0;
    float space_w = f.Width(' ') * size / 1000;
    size_t i = 0;
    while (i <= para.size()) {
      size_t sp = para.find(U' ', i);
      std::u32string word =
          para.substr(i, sp == std::u32string::npos ? std::u32string::npos : sp - i);
      float word_w = Width(word, f, size);
      if (!line.empty() && line_w + space_w + word_w > width) {
        lines.push_back(line);
        line.clear();
        line_w = 0;
      }
      if (word_w > width) {
        // A word longer than the line: cut after the last separator that fits, else at a code
        // point. Each piece starts a line, or continues the current one when it is empty.
        auto separator = [](char32_t c) {
          return c == U'.' || c == U'-' || c == U'_' || c == U'/' || c == U':' || c == U')' ||
                 c == U',' || c == U';';
        };
        if (!line.empty()) {
          lines.push_back(line);
          line.clear();
          line_w = 0;
        }
        size_t at = 0;
        while (at < word.size()) {
          float w = 0;
          size_t end = at;  // the longest prefix that fits, at least one code point
          size_t cut = std::u32string::npos;
          while (end < word.size()) {
            float cw = f.Width(word[end]) * size / 1000;
            if (end > at && w + cw > width) break;
            w += cw;
            if (separator(word[end]) && end + 1 < word.size()) cut = end + 1;
            ++end;
          }
          if (end < word.size() && cut != std::u32string::npos && cut > at) end = cut;
          std::u32string piece = word.substr(at, end - at);
          at = end;
          if (at < word.size()) {
            lines.push_back(piece);
          } else {
            line = piece;
            line_w = Width(piece, f, size);
          }
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
void Canvas::Fill(Rgb c) { HPDF_Page_SetRGBFill(page_, c.r, c.g, c.b); }
void Canvas::Stroke(Rgb c) { HPDF_Page_SetRGBStroke(page_, c.r, c.g, c.b); }

void Canvas::Draw(float x, float y, const std::u32string& s, Font& f, float size, Rgb colour) {
  if (s.empty()) return;
  HPDF_Page_BeginText(page_);
  HPDF_Page_SetFontAndSize(page_, f.handle, size);
  for (char32_t c : s) {
    if (c < f.used.size()) f.used.set(c);
  }
  Fill(colour);
  HPDF_Page_TextOut(page_, x, y, Encode(s).c_str());
  HPDF_Page_EndText(page_);
}

void Canvas::Rect(float x, float y, float w, float h, Rgb fill) {
  Fill(fill);
  HPDF_Page_Rectangle(page_, x, y, w, h);
  HPDF_Page_Fill(page_);
}

void Canvas::Line(float x1, float y1, float x2, float y2, Rgb colour, float width) {
  Stroke(colour);
  HPDF_Page_SetLineWidth(page_, width);
  HPDF_Page_MoveTo(page_, x1, y1);
  HPDF_Page_LineTo(page_, x2, y2);
  HPDF_Page_Stroke(page_);
}

void Canvas::QrCode(float x, float y, float size, const QrSymbol& symbol) {
  constexpr int kQuiet = 4;  // modules of white around the code, as the standard asks
  const float module = size / static_cast<float>(symbol.modules + 2 * kQuiet);
  Rect(x, y, size, size, kWhite);
  // Black, not the ink's grey: the most contrast for a camera.
  Fill({0, 0, 0});
  const float top = y + size - kQuiet * module;
  for (const QrRun& r : symbol.runs) {
    HPDF_Page_Rectangle(page_, x + static_cast<float>(kQuiet + r.column) * module,
                        top - static_cast<float>(r.row + 1) * module,
                        static_cast<float>(r.length) * module, module);
  }
  HPDF_Page_Fill(page_);
}

void Canvas::NewPage() {
  page_ = HPDF_AddPage(pdf_);
  HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  pages_.push_back(page_);
  y_ = kTop;
  flow_ = false;
}

void Canvas::FlowPage() {
  NewPage();
  flow_ = true;
}

void Canvas::Ensure(float height) {
  if (y_ - height < kBottom) FlowPage();
}

void Canvas::Bookmark(const std::string& title) {
  HPDF_Outline outline = HPDF_CreateOutline(
      pdf_, nullptr, Encode(Label(Prepare(title, "a bookmark"))).c_str(), encoder_);
  HPDF_Destination dst = HPDF_Page_CreateDestination(page_);
  HPDF_Destination_SetFitH(dst, std::min(kPageHeight, y_ + 30));
  HPDF_Outline_SetDestination(outline, dst);
}

// A section title, bookmarked: on a new page, or below what precedes it when that leaves more
// than half a page free (a short table's tail, a section that says "no gap found"), so that no
// page holds only a few lines.
void Canvas::Section(const std::string& title) {
  if (flow_ && y_ - kBottom > (kTop - kBottom) / 2) {
    y_ -= 22;
  } else {
    FlowPage();
  }
  Bookmark(title);
  Draw(kMarginX, y_ - 16, Prepare(title, "a title"), bold_, 17, kNavy);
  y_ -= 26;
  Line(kMarginX, y_, kMarginX + kWidth, y_, kNavy, 1.2f);
  y_ -= 18;
}

// A heading keeps what follows it: it goes to the next page unless a table's header and a few
// rows, or a few lines of text, fit below it.
void Canvas::SubTitle(const std::string& title) {
  Ensure(100);
  y_ -= 4;
  Draw(kMarginX, y_ - 11, Prepare(title, "a title"), bold_, 11.5f, kNavy);
  y_ -= 20;
}

// A wrapped paragraph at x, page-breaking between lines.
void Canvas::Paragraph(const std::string& text, float x, float width, Font& f, float size,
                       Rgb colour, const std::string& where, float leading) {
  if (leading == 0) leading = size * 1.38f;
  for (const std::u32string& line : Wrap(Prepare(text, where), f, size, width)) {
    Ensure(leading);
    Draw(x, y_ - size, line, f, size, colour);
    y_ -= leading;
  }
}

void Canvas::Body(const std::string& text, const std::string& where) {
  Paragraph(text, kMarginX, kWidth, regular_, 9.5f, kInk, where);
  y_ -= 4;
}

// "Label : value" with the value wrapped beside the label. A label wider than its column wraps
// within it (measured, never running into the value).
void Canvas::Field(const std::string& label, const std::string& value, float label_width) {
  const float leading = 13.2f;
  std::vector<std::u32string> labels =
      Wrap(Prepare(label, "a label"), bold_, 9.5f, label_width - 8);
  std::vector<std::u32string> lines =
      Wrap(Prepare(value, label), regular_, 9.5f, kWidth - label_width);
  Ensure(leading * static_cast<float>(std::min<size_t>(std::max(lines.size(), labels.size()), 3)));
  size_t n = std::max(lines.size(), labels.size());
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) Ensure(leading);
    if (i < labels.size()) Draw(kMarginX, y_ - 9.5f, labels[i], bold_, 9.5f, kMuted);
    if (i < lines.size()) Draw(kMarginX + label_width, y_ - 9.5f, lines[i], regular_, 9.5f, kInk);
    y_ -= leading;
  }
  y_ -= 2;
}

// A grade tag: coloured box with the code, then the label in words (for black-and-white print).
float Canvas::Tag(float x, float y, const std::string& code, const std::string& label,
                  const std::string& kind) {
  std::u32string c = Prepare(code, "a grade");
  float w = Width(c, bold_, 8.5f) + 8;
  Rect(x, y - 3, w, 13, KindColour(kind));
  Draw(x + 4, y, c, bold_, 8.5f, kWhite);
  std::u32string l = Prepare(label, "a grade label");
  Draw(x + w + 5, y, l, bold_, 8.5f, KindColour(kind));
  return w + 5 + Width(l, bold_, 8.5f);
}

// A table that breaks across pages with its header repeated; rows wrap and, when taller than
// a page, continue on the next one line by line. Column widths follow the content; the header
// keeps its first rows with it, and the last row never stands alone on a page.
void Canvas::Table(const std::vector<Column>& given, const std::vector<std::vector<Cell>>& rows,
                   float size) {
  const float pad = 4;
  const float leading = size * 1.3f;
  std::vector<Column> cols = given;
  std::vector<std::vector<std::u32string>> texts(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t i = 0; i < cols.size() && i < rows[r].size(); ++i)
      texts[r].push_back(Prepare(rows[r][i].text, "a table"));
  }
  // The narrowest each column can be: its widest piece that cannot break (a word, or the part of
  // an id between two separators), cells and title alike.
  auto widest_piece = [&](const std::u32string& s, Font& f) {
    float widest = 0, w = 0;
    for (char32_t c : s) {
      if (c == U' ' || c == U'\n') {
        w = 0;
        continue;
      }
      w += f.Width(c) * size / 1000;
      widest = std::max(widest, w);
      if (c == U'.' || c == U'-' || c == U'_' || c == U'/' || c == U':' || c == U')') w = 0;
    }
    return widest;
  };
  std::vector<float> need(cols.size(), 0);
  for (size_t i = 0; i < cols.size(); ++i) {
    need[i] = widest_piece(Prepare(cols[i].title, "a table header"), bold_) + 2 * pad;
    for (size_t r = 0; r < rows.size(); ++r) {
      if (i < texts[r].size())
        need[i] = std::max(need[i], widest_piece(texts[r][i], rows[r][i].bold ? bold_ : regular_) +
                                        2 * pad + rows[r][i].indent);
    }
    need[i] = std::min(need[i], kWidth / 2);
  }
  for (size_t i = 0; i < cols.size(); ++i) {
    while (cols[i].width + 0.01f < need[i]) {
      // The column with most room to spare gives what is missing, as far as it can.
      size_t donor = cols.size();
      float spare = 0;
      for (size_t k = 0; k < cols.size(); ++k) {
        if (k != i && cols[k].width - need[k] > spare) {
          spare = cols[k].width - need[k];
          donor = k;
        }
      }
      if (donor == cols.size()) break;
      float give = std::min(spare, need[i] - cols[i].width);
      cols[donor].width -= give;
      cols[i].width += give;
    }
  }
  // Then a column of short cells (ids, codes, scores: each fits on one line within a quarter of
  // the width) gets the width of its longest cell, from the room other columns have to spare
  // beyond their own one line, never from text that wraps, so a chapter id such as 1.2.1.1.1
  // stays on one line.
  auto natural = [&](size_t i) {
    float widest = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
      if (i >= texts[r].size()) continue;
      Font& f = rows[r][i].bold ? bold_ : regular_;
      float w = 0;
      for (char32_t c : texts[r][i]) {
        w = c == U'\n' ? 0 : w + f.Width(c) * size / 1000;
        widest = std::max(widest, w + 2 * pad + rows[r][i].indent);
      }
    }
    return widest;
  };
  std::vector<float> one_line(cols.size());
  for (size_t i = 0; i < cols.size(); ++i) one_line[i] = natural(i);
  const float short_cells = kWidth / 4;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (one_line[i] > short_cells) continue;
    for (size_t k = 0; k < cols.size() && cols[i].width + 0.01f < one_line[i]; ++k) {
      // Only room to spare: a donor keeps its cells on one line and its title's widest word.
      if (k == i || one_line[k] > cols[k].width) continue;
      float keep = std::max(one_line[k], need[k]);
      float give = std::min(cols[k].width - keep, one_line[i] - cols[i].width);
      if (give <= 0) continue;
      cols[k].width -= give;
      cols[i].width += give;
    }
  }
  // Header titles wrap within their column, like the cells.
  std::vector<std::vector<std::u32string>> titles;
  size_t title_lines = 1;
  for (const Column& c : cols) {
    titles.push_back(Wrap(Prepare(c.title, "a table header"), bold_, size, c.width - 2 * pad));
    title_lines = std::max(title_lines, titles.back().size());
  }
  std::vector<std::vector<std::vector<std::u32string>>> cells(rows.size());
  std::vector<size_t> heights(rows.size(), 1);
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t i = 0; i < texts[r].size(); ++i) {
      Font& f = rows[r][i].bold ? bold_ : regular_;
      float indent = std::min(rows[r][i].indent, cols[i].width / 2);
      cells[r].push_back(Wrap(texts[r][i], f, size, cols[i].width - 2 * pad - indent));
      heights[r] = std::max(heights[r], cells[r].back().size());
    }
  }
  auto row_height = [&](size_t r) { return static_cast<float>(heights[r]) * leading + 2 * pad; };
  const float page = kTop - kBottom;
  auto header = [&] {
    float h = static_cast<float>(title_lines) * leading + 2 * pad;
    // The header keeps up to three rows with it (as much as a page holds).
    float keep = 0;
    for (size_t r = 0; r < rows.size() && r < 3; ++r) keep += row_height(r);
    Ensure(std::min(h + std::max(keep, leading + 2 * pad), page - 20));
    Rect(kMarginX, y_ - h, kWidth, h, kNavy);
    float x = kMarginX;
    for (size_t i = 0; i < cols.size(); ++i) {
      for (size_t k = 0; k < titles[i].size(); ++k) {
        Draw(x + pad, y_ - pad - size - static_cast<float>(k) * leading, titles[i][k], bold_, size,
             kWhite);
      }
      x += cols[i].width;
    }
    y_ -= h;
  };
  header();
  bool shade = false;
  size_t on_page = 0;  // rows drawn on the current page
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::vector<Cell>& row = rows[r];
    const std::vector<std::vector<std::u32string>>& lines = cells[r];
    size_t height = heights[r];
    // The last row never goes alone to a new page: when it will not fit below this one, this
    // one goes with it.
    if (on_page > 0 && r + 2 == rows.size() && row_height(r) <= y_ - kBottom &&
        row_height(r) + row_height(r + 1) > y_ - kBottom &&
        row_height(r) + row_height(r + 1) < page - 60) {
      FlowPage();
      header();
      on_page = 0;
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
        FlowPage();
        header();
        on_page = 0;
        continue;
      }
      size_t n = std::min(fit, height - done);
      float h = static_cast<float>(n) * leading + 2 * pad;
      float x = kMarginX;
      for (size_t i = 0; i < lines.size(); ++i) {
        Rgb fill = row[i].fill.r < 1 || row[i].fill.g < 1 || row[i].fill.b < 1
                       ? row[i].fill
                       : (shade ? kPale : kWhite);
        Rect(x, y_ - h, cols[i].width, h, fill);
        for (size_t k = done; k < done + n && k < lines[i].size(); ++k) {
          Font& f = row[i].bold ? bold_ : regular_;
          Draw(x + pad + std::min(row[i].indent, cols[i].width / 2),
               y_ - pad - size - static_cast<float>(k - done) * leading, lines[i][k], f, size,
               row[i].colour);
        }
        x += cols[i].width;
      }
      Line(kMarginX, y_ - h, kMarginX + kWidth, y_ - h, kRule, 0.4f);
      y_ -= h;
      done += n;
    }
    ++on_page;
  }
  y_ -= 10;
}

void Canvas::Centered(const std::string& text, Font& f, float size, Rgb colour,
                      const std::string& where) {
  std::vector<std::u32string> lines = Wrap(Prepare(text, where), f, size, kWidth - 80);
  // What does not fit above the bottom margin is cut, the last line kept ending with "…".
  auto room = static_cast<size_t>(std::max(1.0f, (y_ - kBottom) / (size * 1.4f)));
  if (lines.size() > room) {
    lines.resize(room);
    std::u32string& last = lines.back();
    while (!last.empty() && Width(last + U'…', f, size) > kWidth - 80) last.pop_back();
    last += U'…';
  }
  for (const std::u32string& line : lines) {
    Draw(kMarginX + (kWidth - Width(line, f, size)) / 2, y_ - size, line, f, size, colour);
    y_ -= size * 1.4f;
  }
}

void Canvas::DrawFitted(float x, float y, const std::string& text, Font& f, float size, Rgb colour,
                        float width, const std::string& where) {
  std::u32string s = Prepare(text, where);
  if (Width(s, f, size) > width) {
    float room = width - f.Width(U'…') * size / 1000;
    float used = 0;
    size_t keep = 0;
    while (keep < s.size() && used + f.Width(s[keep]) * size / 1000 <= room)
      used += f.Width(s[keep++]) * size / 1000;
    s.resize(keep);
    s += U"…";
  }
  Draw(x, y, s, f, size, colour);
}

void Canvas::Frame(float x, float y, float w, float h, Rgb colour, float width) {
  Stroke(colour);
  HPDF_Page_SetLineWidth(page_, width);
  HPDF_Page_Rectangle(page_, x, y, w, h);
  HPDF_Page_Stroke(page_);
}

void Canvas::Bars(const std::vector<Bar>& bars, double max, float label_width) {
  const float bar_h = 11;
  const float gap = 5;
  const float value_w = 60;
  const float chart_x = kMarginX + label_width;
  const float chart_w = kWidth - label_width - value_w;
  for (const Bar& b : bars) {
    Ensure(bar_h + gap);
    float y = y_ - bar_h;
    DrawFitted(kMarginX, y + 2.5f, b.label, regular_, 8, kInk, label_width - 8, "a chart label");
    Rect(chart_x, y, chart_w, bar_h, kPale);
    double share = max > 0 ? std::clamp(b.value / max, 0.0, 1.0) : 0.0;
    float w = chart_w * static_cast<float>(share);
    if (w > 0) Rect(chart_x, y, std::max(w, 0.8f), bar_h, b.colour);
    DrawFitted(chart_x + chart_w + 5, y + 2.5f, b.value_text, bold_, 8, kInk, value_w - 5,
               "a chart value");
    y_ -= bar_h + gap;
  }
  y_ -= 6;
}

std::string Canvas::StateWord(const std::string& state) const {
  std::string word = ReportString("lifecycle.state." + state, lang_);
  return word.empty() ? state : S("lifecycle.state." + state);
}

std::string Canvas::StateSentence(const report::Lifecycle& l,
                                  const std::string& decision_date) const {
  std::string date = Date(l.state_date.empty() ? decision_date : l.state_date);
  if (!ReportString("lifecycle.sentence." + l.state, lang_).empty()) {
    return S("lifecycle.sentence." + l.state, {{"date", date}});
  }
  return S("lifecycle.sentence.other", {{"state", l.state}, {"date", date}});
}

std::string Canvas::NumberAndRevision(const report::Lifecycle& l) const {
  if (l.number.empty()) return S("cert.number_pending");
  return S("cert.number_revision",
           {{"number", l.number}, {"revision", std::to_string(l.revision)}});
}

std::string Canvas::AuditKindWord(const std::string& kind) const {
  std::string word = ReportString("audit_kind." + kind, lang_);
  return word.empty() ? kind : S("audit_kind." + kind);
}

void Canvas::LifecycleBlock(const report::Lifecycle& l, const std::string& decision_date) {
  // The block stays together: the title, the sentence, and the fields' lines (the cycle, the
  // previous audit and each reason take two).
  int height = 2 + 2 * !l.cycle_start.empty() + 2 * l.has_previous + !l.due.empty() + 1 +
               2 * static_cast<int>(l.reasons.size());
  Ensure(50 + 15.2f * static_cast<float>(height));
  SubTitle(S("lifecycle.title"));
  if (!l.state.empty()) {
    Rgb colour = l.state == "suspended" || l.state == "withdrawn" || l.state == "refused" ||
                         l.state == "expired"
                     ? kRed
                     : kInk;
    Paragraph(StateSentence(l, decision_date), kMarginX, kWidth, bold_, 10, colour,
              "the certificate's state");
    y_ -= 4;
  }
  const float w = 170;
  // The certificate is one object: its number and revision wherever its state is told.
  if (!l.state.empty() && l.state != "refused") Field(S("cert.number"), NumberAndRevision(l), w);
  if (!l.effective.empty() && !l.expiry.empty()) {
    Field(
        S("lifecycle.validity"),
        S("summary.validity_value", {{"effective", Date(l.effective)}, {"expiry", Date(l.expiry)}}),
        w);
  } else {
    Body(S("summary.no_certificate"), "the certificate");
  }
  if (!l.cycle_start.empty()) {
    Field(S("lifecycle.cycle"),
          S("lifecycle.cycle_value",
            {{"date", Date(l.cycle_start)}, {"count", std::to_string(l.surveillances_done)}}),
          w);
  }
  if (l.has_previous) {
    Field(S("lifecycle.previous"),
          S("lifecycle.previous_value", {{"kind", AuditKindWord(l.previous_audit_kind)},
                                         {"id", l.previous_audit_id},
                                         {"date", Date(l.previous_decision_date)},
                                         {"decision", S("decision." + l.previous_decision)}}),
          w);
  }
  if (!l.due.empty()) {
    std::string key = !l.on_time   ? "lifecycle.due_plain"
                      : *l.on_time ? "lifecycle.due_on_time"
                                   : "lifecycle.due_late";
    Field(S("lifecycle.due"), S(key, {{"date", Date(l.due)}}), w);
  }
  if (!l.next_due.empty()) {
    std::string kind = l.next_kind.empty() ? S("lifecycle.next") : AuditKindWord(l.next_kind);
    Field(S("lifecycle.next"),
          S("lifecycle.next_value", {{"kind", kind}, {"date", Date(l.next_due)}}), w);
  } else if (!l.next_kind.empty()) {
    Field(S("lifecycle.next"), AuditKindWord(l.next_kind), w);
  } else {
    Field(S("lifecycle.next"), S("lifecycle.next_none"), w);
  }
  if (!l.reasons.empty()) {
    std::vector<std::string> lines;
    for (const report::Lifecycle::Reason& r : l.reasons) {
      std::string text = WithDatesWritten(T(r.message));
      lines.push_back("• " + (text.empty() ? r.code : text));
    }
    Field(S("lifecycle.reasons"), fmt::format("{}", fmt::join(lines, "\n")), w);
  }
}

void Canvas::CertificateFrame() {
  // A double frame.
  Frame(36, 36, kPageWidth - 72, kPageHeight - 72, kNavy, 2.5f);
  Frame(44, 44, kPageWidth - 88, kPageHeight - 88, kNavy, 0.8f);
}

void Canvas::CertificateQr(const std::string& url, float top, float bottom) {
  if (url.empty()) return;
  constexpr float kCaptionSize = 8;
  constexpr float kUrlSize = 6.5f;
  constexpr size_t kUrlLines = 3;
  auto text_height = [](size_t lines) {
    return kCaptionSize * 1.5f + kUrlSize * 1.3f * static_cast<float>(lines);
  };
  auto warn = [this](const std::string& problem) {
    if (warned_.insert(problem).second) warnings_.push_back(problem);
  };
  // Checked before any text is measured: measuring a character adds it to the embedded font, and
  // a page without its code must be the page drawn without an address.
  QrSymbol symbol;
  if (!EncodeQr(url, &symbol)) {
    warn(Tr("the certificate's address is too long for a QR code"));
    return;
  }
  if (top - bottom - text_height(1) < kCertificateQrMinSize) {
    warn(Tr("the certificate page has no room left for its QR code"));
    return;
  }
  // The address broken after its separators ('/', '.', '-'), on at most three lines.
  std::vector<std::u32string> lines =
      Wrap(Prepare(url, "the certificate's address"), regular_, kUrlSize, kWidth - 80);
  if (lines.size() > kUrlLines) {
    lines.resize(kUrlLines);
    std::u32string& last = lines.back();
    while (!last.empty() && Width(last + U'…', regular_, kUrlSize) > kWidth - 80) last.pop_back();
    last += U'…';
  }
  const float height = text_height(lines.size());
  const float size = std::min(kCertificateQrSize, top - bottom - height);
  if (size < kCertificateQrMinSize) {
    warn(Tr("the certificate page has no room left for its QR code"));
    return;
  }
  QrCode(kMarginX + (kWidth - size) / 2, bottom + height, size, symbol);
  float y = bottom + height - kCaptionSize;
  std::u32string caption = Prepare(S("cert.check"), "the certificate");
  Draw(kMarginX + (kWidth - Width(caption, regular_, kCaptionSize)) / 2, y, caption, regular_,
       kCaptionSize, kMuted);
  y -= kCaptionSize * 0.5f + kUrlSize * 1.3f;
  for (const std::u32string& line : lines) {
    Draw(kMarginX + (kWidth - Width(line, regular_, kUrlSize)) / 2, y, line, regular_, kUrlSize,
         kMuted);
    y -= kUrlSize * 1.3f;
  }
}

std::string CertificateNumber(const std::string& referential_id, const std::string& effective,
                              const std::string& report_id) {
  std::string prefix;
  for (char c : referential_id) {
    if ((c >= 'a' && c <= 'z'))
      prefix += static_cast<char>(c - 'a' + 'A');
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      prefix += c;
    else
      prefix += '-';
  }
  std::string year = effective.substr(0, 4);
  return fmt::format("{}-{}-{}", prefix, year, report_id.substr(6, 6));
}

void Canvas::Footers(const std::string& first, const std::string& second, bool shorten_first,
                     const std::set<HPDF_Page>& framed) {
  const std::string& shortened = shorten_first ? first : second;
  const std::string& kept = shorten_first ? second : first;
  std::u32string keep = Prepare(kept, "the footer");
  std::u32string cut = Prepare(shortened, "the footer");
  for (char32_t& c : cut) {
    if (c == U'\n') c = U' ';
  }
  const float room = kWidth - 90 - Width(keep + U" — ", regular_, 7.5f);
  if (Width(cut, regular_, 7.5f) > room) {
    // The longest start that fits with the ellipsis, measured in one pass (a name may be long).
    const float limit = room - Width(U"…", regular_, 7.5f);
    float w = 0;
    size_t n = 0;
    while (n < cut.size() && w + regular_.Width(cut[n]) * 7.5f / 1000 <= limit) {
      w += regular_.Width(cut[n]) * 7.5f / 1000;
      ++n;
    }
    cut.resize(n);
    while (!cut.empty() && cut.back() == U' ') cut.pop_back();
    cut += U"…";
  }
  std::u32string left = shorten_first ? cut + U" — " + keep : keep + U" — " + cut;
  Footers(Encode(left), framed);
}

void Canvas::Footers(const std::string& left_text, const std::set<HPDF_Page>& framed) {
  int n = static_cast<int>(pages_.size());
  for (int i = 0; i < n; ++i) {
    page_ = pages_[static_cast<size_t>(i)];
    // A framed page (the certificate) has its frame down to 36 pt: the footer goes below it,
    // without a rule.
    bool is_framed = framed.count(page_) > 0;
    float y = is_framed ? 20 : 30;
    if (!is_framed) Line(kMarginX, 42, kMarginX + kWidth, 42, kRule, 0.5f);
    std::u32string left = Prepare(left_text, "the footer");
    std::vector<std::u32string> cut = Wrap(left, regular_, 7.5f, kWidth - 90);
    Draw(kMarginX, y, cut.front(), regular_, 7.5f, kMuted);
    std::u32string right =
        Prepare(S("page_of", {{"page", std::to_string(i + 1)}, {"pages", std::to_string(n)}}),
                "the footer");
    Draw(kMarginX + kWidth - Width(right, regular_, 7.5f), y, right, regular_, 7.5f, kMuted);
  }
}

}  // namespace pdf

std::string ReportString(const std::string& key, const std::string& lang) {
  const auto& c = pdf::Catalogue();
  auto it = c.find(key);
  if (it == c.end()) return {};
  return it->second.Get(lang);
}

std::string WrittenDate(const std::string& iso, const std::string& lang) {
  auto d = Date::Parse(iso);
  if (!d) return iso;
  std::string day = std::to_string(d->day);
  if (lang == "fr" && d->day == 1) day = "1er";
  return FillPlaceholders(ReportString("date_format", lang),
                          {{"day", day},
                           {"month", ReportString("month." + std::to_string(d->month), lang)},
                           {"year", std::to_string(d->year)}});
}

std::vector<std::string> ReportStringKeys() {
  std::vector<std::string> keys;
  for (const auto& [k, v] : pdf::Catalogue()) keys.push_back(k);
  return keys;
}

}  // namespace sceau
