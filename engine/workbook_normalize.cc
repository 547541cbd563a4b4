// NormalizeXlsx (engine/workbook_normalize.h): what liborcus 0.17 cannot read in an .xlsx, put in
// the form it reads.
#include "engine/workbook_normalize.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace sceau::workbook_internal {

namespace {

uint16_t Get16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) |
                               (static_cast<unsigned char>(b[at + 1]) << 8));
}
uint32_t Get32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(Get16(b, at)) | (static_cast<uint32_t>(Get16(b, at + 2)) << 16);
}
void Put16(std::string* out, uint32_t v) {
  out->push_back(static_cast<char>(v & 0xff));
  out->push_back(static_cast<char>((v >> 8) & 0xff));
}
void Put32(std::string* out, uint32_t v) {
  Put16(out, v & 0xffff);
  Put16(out, v >> 16);
}

struct Entry {
  std::string name;
  uint16_t method = 0;
  uint32_t crc = 0;
  std::string_view raw;  // the member's data as the archive stores it
  size_t uncompressed = 0;
  std::string replaced;  // a rewritten member, stored
  bool rewritten = false;
};

// The central directory, already checked by CheckArchive.
std::vector<Entry> ReadEntries(std::string_view bytes) {
  std::vector<Entry> entries;
  size_t end = bytes.rfind(std::string_view("PK\5\6", 4));
  size_t count = Get16(bytes, end + 10);
  size_t at = Get32(bytes, end + 16);
  for (size_t i = 0; i < count; ++i) {
    Entry e;
    e.method = Get16(bytes, at + 10);
    e.crc = Get32(bytes, at + 16);
    size_t compressed = Get32(bytes, at + 20);
    e.uncompressed = Get32(bytes, at + 24);
    size_t name_len = Get16(bytes, at + 28);
    size_t skip = name_len + Get16(bytes, at + 30) + Get16(bytes, at + 32);
    size_t local = Get32(bytes, at + 42);
    e.name = std::string(bytes.substr(at + 46, name_len));
    size_t data = local + 30 + Get16(bytes, local + 26) + Get16(bytes, local + 28);
    e.raw = bytes.substr(data, compressed);
    entries.push_back(std::move(e));
    at += 46 + skip;
  }
  return entries;
}

bool Inflate(const Entry& e, std::string* out) {
  if (e.method == 0) {
    out->assign(e.raw);
    return true;
  }
  out->assign(e.uncompressed, '\0');
  z_stream z;
  std::memset(&z, 0, sizeof z);
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(e.raw.data()));
  z.avail_in = static_cast<uInt>(e.raw.size());
  z.next_out = reinterpret_cast<Bytef*>(out->data());
  z.avail_out = static_cast<uInt>(out->size());
  int rc = inflate(&z, Z_FINISH);
  inflateEnd(&z);
  return rc == Z_STREAM_END;
}

// The value of attribute `name` in start tag `tag`, or npos when absent: [begin, end) of it.
bool FindAttribute(std::string_view tag, std::string_view name, size_t* begin, size_t* end) {
  size_t at = 0;
  while ((at = tag.find(name, at)) != std::string_view::npos) {
    size_t after = at + name.size();
    bool starts = at > 0 && (tag[at - 1] == ' ' || tag[at - 1] == '\t' || tag[at - 1] == '\n' ||
                             tag[at - 1] == '\r');
    if (starts && after + 1 < tag.size() && tag[after] == '=' &&
        (tag[after + 1] == '"' || tag[after + 1] == '\'')) {
      char quote = tag[after + 1];
      size_t close = tag.find(quote, after + 2);
      if (close == std::string_view::npos) return false;
      *begin = after + 2;
      *end = close;
      return true;
    }
    at = after;
  }
  return false;
}

// The end of the start tag that begins at `at` ('<'), quotes respected: the index of its '>'.
size_t TagEnd(std::string_view xml, size_t at) {
  char quote = 0;
  for (size_t i = at + 1; i < xml.size(); ++i) {
    char c = xml[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

// Rewrites the cells of a worksheet that liborcus 0.17 drops or misreads: inline strings (moved
// to `strings` as <si> items), and booleans and errors that are formula results or error cells
// (given as marked strings). Returns false when nothing changed.
bool RewriteSheet(std::string_view xml, size_t first_string, std::string* strings, size_t* added,
                  std::string* out) {
  bool changed = false;
  out->clear();
  out->reserve(xml.size());
  size_t copied = 0, at = 0;
  while ((at = xml.find("<c", at)) != std::string_view::npos) {
    if (at + 2 >= xml.size() || (xml[at + 2] != ' ' && xml[at + 2] != '>')) {
      at += 2;
      continue;
    }
    size_t tag_end = TagEnd(xml, at);
    if (tag_end == std::string_view::npos) break;
    if (xml[tag_end - 1] == '/') {
      at = tag_end;
      continue;
    }
    size_t close = xml.find("</c>", tag_end);
    if (close == std::string_view::npos) break;
    std::string_view tag = xml.substr(at, tag_end - at);
    std::string_view body = xml.substr(tag_end + 1, close - tag_end - 1);
    size_t tb = 0, te = 0;
    if (!FindAttribute(tag, "t", &tb, &te)) {
      at = close;
      continue;
    }
    std::string_view type = tag.substr(tb, te - tb);
    std::string new_body;
    bool formula = body.find("<f") != std::string_view::npos;
    auto value = [&]() -> std::string_view {
      size_t v = body.find("<v>");
      size_t ve = body.find("</v>");
      if (v == std::string_view::npos || ve == std::string_view::npos || ve < v) return {};
      return body.substr(v + 3, ve - v - 3);
    };
    std::string new_type;
    if (type == "inlineStr") {
      size_t is = body.find("<is>"), is_end = body.find("</is>");
      if (is == std::string_view::npos || is_end == std::string_view::npos || is_end < is) {
        at = close;
        continue;
      }
      strings->append("<si>");
      strings->append(body.substr(is + 4, is_end - is - 4));
      strings->append("</si>");
      new_type = "s";
      new_body = "<v>" + std::to_string(first_string + (*added)++) + "</v>";
    } else if ((type == "b" || type == "e") && formula) {
      // A formula's boolean or error result: liborcus 0.17 keeps only numbers and strings.
      size_t f_end = body.find("</f>");
      std::string_view f = f_end == std::string_view::npos ? body.substr(0, body.find("/>") + 2)
                                                           : body.substr(0, f_end + 4);
      f = f.substr(f.find("<f"));
      new_type = "str";
      new_body = std::string(f) + "<v>" + std::string(kMark) + (type == "b" ? "b" : "e") +
                 std::string(value()) + "</v>";
    } else if (type == "e") {
      // An error typed in a cell: liborcus 0.17 drops it; a marked shared string.
      strings->append("<si><t>");
      strings->append(kMark);
      strings->append("e");
      strings->append(value());
      strings->append("</t></si>");
      new_type = "s";
      new_body = "<v>" + std::to_string(first_string + (*added)++) + "</v>";
    } else {
      at = close;
      continue;
    }
    out->append(xml.substr(copied, at + tb - copied));
    out->append(new_type);
    out->append(xml.substr(at + te, tag_end + 1 - (at + te)));
    out->append(new_body);
    copied = close;
    at = close;
    changed = true;
  }
  if (!changed) return false;
  out->append(xml.substr(copied));
  return true;
}

// Relationship targets given from the package's root ("/xl/worksheets/sheet1.xml", as openpyxl
// writes them), which liborcus 0.17 looks for in the wrong folder: made relative to the part.
bool RewriteRels(std::string_view rels_name, std::string_view xml, std::string* out) {
  // "xl/_rels/workbook.xml.rels" describes "xl/workbook.xml": its folder is "xl/".
  size_t rels = rels_name.rfind("_rels/");
  if (rels == std::string_view::npos) return false;
  std::string_view folder = rels_name.substr(0, rels);
  size_t depth = 0;
  for (char c : folder)
    if (c == '/') ++depth;
  bool changed = false;
  out->clear();
  size_t copied = 0, at = 0;
  static constexpr std::string_view kTarget = "Target=\"/";
  while ((at = xml.find(kTarget, at)) != std::string_view::npos) {
    size_t value = at + kTarget.size();
    out->append(xml.substr(copied, at + kTarget.size() - 1 - copied));
    std::string_view rest = xml.substr(value);
    if (rest.substr(0, folder.size()) == folder) {
      copied = value + folder.size();
    } else {
      for (size_t i = 0; i < depth; ++i) out->append("../");
      copied = value;
    }
    at = value;
    changed = true;
  }
  if (!changed) return false;
  out->append(xml.substr(copied));
  return true;
}

void AppendMember(const Entry& e, std::string* out, std::string* directory, size_t* count) {
  size_t offset = out->size();
  bool stored = e.rewritten;
  std::string_view data = stored ? std::string_view(e.replaced) : e.raw;
  uint32_t crc =
      stored ? static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(e.replaced.data()),
                                           static_cast<uInt>(e.replaced.size())))
             : e.crc;
  uint16_t method = stored ? 0 : e.method;
  size_t uncompressed = stored ? e.replaced.size() : e.uncompressed;
  Put32(out, 0x04034b50);
  Put16(out, 20);
  Put16(out, 0);
  Put16(out, method);
  Put32(out, 0);
  Put32(out, crc);
  Put32(out, static_cast<uint32_t>(data.size()));
  Put32(out, static_cast<uint32_t>(uncompressed));
  Put16(out, static_cast<uint32_t>(e.name.size()));
  Put16(out, 0);
  out->append(e.name);
  out->append(data);
  Put32(directory, 0x02014b50);
  Put16(directory, 20);
  Put16(directory, 20);
  Put16(directory, 0);
  Put16(directory, method);
  Put32(directory, 0);
  Put32(directory, crc);
  Put32(directory, static_cast<uint32_t>(data.size()));
  Put32(directory, static_cast<uint32_t>(uncompressed));
  Put16(directory, static_cast<uint32_t>(e.name.size()));
  Put16(directory, 0);
  Put16(directory, 0);
  Put16(directory, 0);
  Put16(directory, 0);
  Put32(directory, 0);
  Put32(directory, static_cast<uint32_t>(offset));
  directory->append(e.name);
  ++*count;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void WriteArchive(const std::vector<Entry>& entries, const std::vector<Entry>& extra,
                  std::string* out);

}  // namespace

bool NormalizeXlsx(std::string_view bytes, std::string* out) {
  std::vector<Entry> entries = ReadEntries(bytes);
  std::string text, rewritten, strings;
  size_t added = 0;
  Entry* shared = nullptr;
  Entry* workbook_rels = nullptr;
  Entry* content_types = nullptr;
  size_t first_string = 0;
  for (Entry& e : entries) {
    if (e.name == "xl/sharedStrings.xml") shared = &e;
    if (e.name == "xl/_rels/workbook.xml.rels") workbook_rels = &e;
    if (e.name == "[Content_Types].xml") content_types = &e;
  }
  // The shared strings' count, so inline strings take the next indexes.
  std::string shared_xml;
  if (shared != nullptr) {
    if (!Inflate(*shared, &shared_xml)) return false;
    size_t at = 0;
    while ((at = shared_xml.find("<si", at)) != std::string::npos) {
      if (at + 3 < shared_xml.size() &&
          (shared_xml[at + 3] == '>' || shared_xml[at + 3] == ' ' || shared_xml[at + 3] == '/')) {
        ++first_string;
      }
      at += 3;
    }
  }
  bool changed = false;
  for (Entry& e : entries) {
    bool sheet = e.name.rfind("xl/worksheets/", 0) == 0 && EndsWith(e.name, ".xml");
    bool rels = EndsWith(e.name, ".rels");
    if (!sheet && !rels) continue;
    if (!Inflate(e, &text)) return false;
    bool done = sheet ? RewriteSheet(text, first_string, &strings, &added, &rewritten)
                      : RewriteRels(e.name, text, &rewritten);
    if (done) {
      e.replaced = std::move(rewritten);
      e.rewritten = true;
      changed = true;
    }
  }
  text = std::string();  // the largest sheet, no longer needed
  if (!changed) return false;
  std::vector<Entry> extra;
  if (added > 0) {
    if (shared != nullptr) {
      size_t close = shared_xml.rfind("</sst>");
      if (close == std::string::npos) return false;
      shared_xml.insert(close, strings);
      shared->replaced = std::move(shared_xml);
      shared->rewritten = true;
    } else {
      if (workbook_rels == nullptr || content_types == nullptr) return false;
      Entry sst;
      sst.name = "xl/sharedStrings.xml";
      sst.replaced =
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst "
          "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
          strings + "</sst>";
      sst.rewritten = true;
      extra.push_back(std::move(sst));
      std::string rels_xml = workbook_rels->rewritten ? workbook_rels->replaced : std::string();
      if (!workbook_rels->rewritten && !Inflate(*workbook_rels, &rels_xml)) return false;
      size_t close = rels_xml.rfind("</Relationships>");
      if (close == std::string::npos) return false;
      rels_xml.insert(close,
                      "<Relationship Id=\"rIdSceauStrings\" "
                      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                      "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
      workbook_rels->replaced = std::move(rels_xml);
      workbook_rels->rewritten = true;
      std::string types;
      if (!Inflate(*content_types, &types)) return false;
      close = types.rfind("</Types>");
      if (close == std::string::npos) return false;
      types.insert(close,
                   "<Override PartName=\"/xl/sharedStrings.xml\" "
                   "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml."
                   "sharedStrings+xml\"/>");
      content_types->replaced = std::move(types);
      content_types->rewritten = true;
    }
  }
  WriteArchive(entries, extra, out);
  return true;
}

namespace {

void WriteArchive(const std::vector<Entry>& entries, const std::vector<Entry>& extra,
                  std::string* out) {
  out->clear();
  std::string directory;
  size_t count = 0;
  for (const Entry& e : entries) AppendMember(e, out, &directory, &count);
  for (const Entry& e : extra) AppendMember(e, out, &directory, &count);
  size_t directory_offset = out->size();
  out->append(directory);
  Put32(out, 0x06054b50);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<uint32_t>(count));
  Put16(out, static_cast<uint32_t>(count));
  Put32(out, static_cast<uint32_t>(directory.size()));
  Put32(out, static_cast<uint32_t>(directory_offset));
  Put16(out, 0);
}

// Rewrites an .ods content.xml for liborcus 0.17, which reads a repeated row that holds values
// once (table:number-rows-repeated) and drops boolean cells: such rows are written out as many
// times as they repeat, booleans become strings marked with kMark.
OdsResult RewriteContent(std::string_view xml, size_t max_bytes, size_t max_cells,
                         std::string* out) {
  static constexpr std::string_view kRow = "<table:table-row", kRowEnd = "</table:table-row>";
  static constexpr std::string_view kBoolean = "office:value-type=\"boolean\"";
  bool changed = false;
  out->clear();
  size_t copied = 0, at = 0;
  // Named expressions first, left out: they name ranges (LibreOffice writes the printed header
  // rows as one, "$Dossier.$1:.$2"), never values, and liborcus 0.17 refuses whole-row ranges.
  std::string unnamed;
  static constexpr std::string_view kNamed = "<table:named-expressions",
                                    kNamedEnd = "</table:named-expressions>";
  if (xml.find(kNamed) != std::string_view::npos) {
    while ((at = xml.find(kNamed, at)) != std::string_view::npos) {
      size_t tag_end = TagEnd(xml, at);
      if (tag_end == std::string_view::npos) break;
      size_t close = xml[tag_end - 1] == '/' ? tag_end + 1 : xml.find(kNamedEnd, tag_end);
      if (close == std::string_view::npos) break;
      if (xml[tag_end - 1] != '/') close += kNamedEnd.size();
      unnamed.append(xml.substr(copied, at - copied));
      copied = close;
      at = close;
      changed = true;
    }
    unnamed.append(xml.substr(copied));
    xml = unnamed;
    copied = 0;
    at = 0;
  }
  // Booleans, in a copy; then repeated rows.
  std::string booleans;
  if (xml.find(kBoolean) != std::string_view::npos) {
    static constexpr std::string_view kCell = "<table:table-cell";
    while ((at = xml.find(kCell, at)) != std::string_view::npos) {
      size_t tag_end = TagEnd(xml, at);
      if (tag_end == std::string_view::npos) break;
      std::string_view tag = xml.substr(at, tag_end + 1 - at);
      size_t type = tag.find(kBoolean);
      if (type == std::string_view::npos) {
        at = tag_end;
        continue;
      }
      size_t value_begin = 0, value_end = 0;
      bool value = FindAttribute(tag, "office:boolean-value", &value_begin, &value_end) &&
                   tag.substr(value_begin, value_end - value_begin) == "true";
      bool empty = tag.size() >= 2 && tag[tag.size() - 2] == '/';
      size_t close = empty ? tag_end + 1 : xml.find("</table:table-cell>", tag_end);
      if (close == std::string_view::npos) break;
      booleans.append(xml.substr(copied, at + type - copied));
      booleans.append("office:value-type=\"string\"");
      std::string_view rest = tag.substr(type + kBoolean.size());
      if (empty)
        rest = rest.substr(0, rest.size() - 2);  // "/>"
      else
        rest = rest.substr(0, rest.size() - 1);  // ">"
      booleans.append(rest);
      booleans.append("><text:p>");
      booleans.append(kMark);
      booleans.append(value ? "b1" : "b0");
      booleans.append("</text:p>");
      if (empty) booleans.append("</table:table-cell>");
      copied = close;
      at = close;
      changed = true;
    }
    booleans.append(xml.substr(copied));
    xml = booleans;
    copied = 0;
    at = 0;
  }
  while ((at = xml.find(kRow, at)) != std::string_view::npos) {
    size_t tag_end = TagEnd(xml, at);
    if (tag_end == std::string_view::npos) break;
    std::string_view tag = xml.substr(at, tag_end + 1 - at);
    size_t rb = 0, re = 0;
    if (tag[tag.size() - 2] == '/' || !FindAttribute(tag, "table:number-rows-repeated", &rb, &re)) {
      at = tag_end;
      continue;
    }
    size_t close = xml.find(kRowEnd, tag_end);
    if (close == std::string_view::npos) break;
    std::string_view body = xml.substr(tag_end + 1, close - tag_end - 1);
    if (body.find("office:value-type") == std::string_view::npos) {
      at = close;
      continue;
    }
    size_t repeat = 0;
    for (char c : tag.substr(rb, re - rb)) {
      if (c < '0' || c > '9' || repeat > 100'000'000) break;
      repeat = repeat * 10 + static_cast<size_t>(c - '0');
    }
    if (repeat > 1) {
      // Each copy holds the row's values: a sheet that would pass the cell limit is refused
      // before it is written out.
      size_t values = 0;
      for (size_t c = 0; (c = body.find("<table:table-cell", c)) != std::string_view::npos;) {
        size_t cell_end = TagEnd(body, c);
        if (cell_end == std::string_view::npos) break;
        std::string_view cell = body.substr(c, cell_end + 1 - c);
        size_t cb = 0, ce = 0;
        if (cell.find("office:value-type") != std::string_view::npos) {
          size_t columns = 1;
          if (FindAttribute(cell, "table:number-columns-repeated", &cb, &ce)) {
            columns = 0;
            for (char d : cell.substr(cb, ce - cb)) {
              if (d < '0' || d > '9' || columns > 100'000'000) break;
              columns = columns * 10 + static_cast<size_t>(d - '0');
            }
          }
          values += std::max<size_t>(columns, 1);
        }
        c = cell_end;
      }
      if (repeat > max_cells / std::max<size_t>(values, 1)) return OdsResult::kTooManyCells;
      std::string plain = std::string(tag.substr(0, rb - 28)) + std::string(tag.substr(re + 1));
      size_t row_bytes = plain.size() + body.size() + kRowEnd.size();
      if (repeat > max_bytes / std::max<size_t>(row_bytes, 1)) return OdsResult::kTooLarge;
      out->append(xml.substr(copied, at - copied));
      for (size_t i = 0; i < repeat; ++i) {
        out->append(plain);
        out->append(body);
        out->append(kRowEnd);
        if (out->size() > max_bytes) return OdsResult::kTooLarge;
      }
      copied = close + kRowEnd.size();
      changed = true;
    }
    at = close;
  }
  if (!changed) return OdsResult::kUnchanged;
  out->append(xml.substr(copied));
  return OdsResult::kRewritten;
}

}  // namespace

OdsResult NormalizeOds(std::string_view bytes, size_t max_bytes, size_t max_cells,
                       std::string* out) {
  std::vector<Entry> entries = ReadEntries(bytes);
  for (Entry& e : entries) {
    if (e.name != "content.xml") continue;
    std::string text;
    if (!Inflate(e, &text)) return OdsResult::kUnchanged;
    OdsResult result = RewriteContent(text, max_bytes, max_cells, &e.replaced);
    if (result != OdsResult::kRewritten) return result;
    e.rewritten = true;
    WriteArchive(entries, {}, out);
    return OdsResult::kRewritten;
  }
  return OdsResult::kUnchanged;
}

}  // namespace sceau::workbook_internal
