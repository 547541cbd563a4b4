// CheckArchive (engine/workbook_reader.h): the zip container of an .xlsx or .ods, checked before
// liborcus sees it.
//
// liborcus (0.17) finds the end of the central directory as the last "PK\5\6" of the file, walks
// the central directory while entries follow one another, and for each member it reads inflates
// the data into a buffer of the member's declared uncompressed size, which it trusts: a member
// that expands further is cut at that size, one that expands less leaves the rest of the buffer
// unset, and no CRC is checked. So the checks here follow the same reading, and every member's
// declared size and CRC are proven by inflating it once, in 64 KiB pieces.
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/wording.h"
#include "engine/workbook_reader.h"

namespace sceau {

namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;    // PK\3\4
constexpr uint32_t kCentralHeader = 0x02014b50;  // PK\1\2
constexpr uint32_t kEndOfCentral = 0x06054b50;   // PK\5\6
constexpr size_t kEndOfCentralSize = 22;
constexpr size_t kMaxComment = 0xffff;
// No spreadsheet has this many parts; LibreOffice and Excel write a few dozen.
constexpr size_t kMaxMembers = 10'000;
// Deflate cannot expand beyond 1032:1; real sheets compress by 5 to 50. A large member (over
// kRatioFloor) that claims more than kMaxRatio is a bomb or a lie.
constexpr size_t kMaxRatio = 256;
constexpr size_t kRatioFloor = 1u << 20;
// Members read whole to classify the archive; larger ones are refused as not a spreadsheet.
constexpr size_t kMaxSmallMember = 1u << 20;

uint16_t Get16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) |
                               (static_cast<unsigned char>(b[at + 1]) << 8));
}
uint32_t Get32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(Get16(b, at)) | (static_cast<uint32_t>(Get16(b, at + 2)) << 16);
}

struct Member {
  std::string_view name;
  uint16_t flags = 0;
  uint16_t method = 0;
  uint32_t crc = 0;
  size_t compressed = 0;
  size_t uncompressed = 0;
  size_t data = 0;  // offset of the data in the file
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A name quoted in messages: at most 80 bytes, control characters replaced.
std::string Shown(std::string_view name) {
  std::string out;
  for (char c : name.substr(0, 80)) out += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
  if (name.size() > 80) out += "...";
  return out;
}

class ArchiveChecker {
 public:
  ArchiveChecker(const std::string& path, std::string_view bytes, const WorkbookLimits& limits,
                 ArchiveSummary* summary, std::vector<Diagnostic>* diagnostics)
      : path_(path), bytes_(bytes), limits_(limits), summary_(summary), diagnostics_(diagnostics) {}

  bool Check() {
    if (bytes_.size() > limits_.max_file_bytes) {
      return Refuse("file-too-large", Fmt("file is {} bytes, over the limit of {} bytes",
                                          bytes_.size(), limits_.max_file_bytes));
    }
    if (IsCompoundFile()) return false;
    if (bytes_.size() < 4 || Get32(bytes_, 0) != kLocalHeader) {
      return Refuse("not-a-spreadsheet",
                    Tr("is not a spreadsheet: an .xlsx or .ods file is a zip archive, and this "
                       "file is not one"));
    }
    if (!ReadCentralDirectory()) return false;
    for (const Member& m : members_) {
      if (!InflateMember(m)) return false;
    }
    return Classify();
  }

 private:
  bool Refuse(const char* code, std::string message) {
    Diagnostic d;
    d.severity = Severity::kError;
    d.code = code;
    d.file = path_;
    d.message = std::move(message);
    diagnostics_->push_back(std::move(d));
    return false;
  }
  bool Damaged(std::string why) {
    return Refuse("damaged-archive", Fmt("is a damaged or truncated archive: {}", why));
  }

  // An OLE compound file: an encrypted .xlsx (Office wraps the encrypted package in one) or an
  // old binary .xls.
  bool IsCompoundFile() {
    static constexpr unsigned char kOle[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (bytes_.size() < 8 || std::memcmp(bytes_.data(), kOle, 8) != 0) return false;
    // The stream names are UTF-16 in the compound file's directory.
    static constexpr char16_t kName[] = u"EncryptedPackage";
    std::string utf16;
    for (const char16_t* p = kName; *p; ++p) {
      utf16 += static_cast<char>(*p);
      utf16 += '\0';
    }
    if (bytes_.find(utf16) != std::string_view::npos) {
      Refuse("encrypted-workbook",
             Tr("is an encrypted workbook: save it again without a password to have it read"));
    } else {
      Refuse("not-a-spreadsheet",
             Tr("is not an .xlsx or .ods spreadsheet but an older binary file (.xls?): save it "
                "again as .xlsx or .ods"));
    }
    return true;
  }

  bool ReadCentralDirectory() {
    // The end record: the last "PK\5\6" of the file, as liborcus finds it, which must end the
    // file with its comment.
    size_t size = bytes_.size();
    if (size < kEndOfCentralSize) return Damaged(Tr("it has no central directory"));
    size_t lowest =
        size > kEndOfCentralSize + kMaxComment ? size - kEndOfCentralSize - kMaxComment : 0;
    size_t end = std::string_view::npos;
    for (size_t at = size - 4 + 1; at-- > lowest;) {
      if (Get32(bytes_, at) == kEndOfCentral) {
        end = at;
        break;
      }
    }
    if (end == std::string_view::npos || end + kEndOfCentralSize > size) {
      return Damaged(Tr("it has no central directory"));
    }
    if (end + kEndOfCentralSize + Get16(bytes_, end + 20) != size) {
      return Damaged(Tr("its central directory does not end the file"));
    }
    uint16_t disk = Get16(bytes_, end + 4), cd_disk = Get16(bytes_, end + 6);
    size_t count_here = Get16(bytes_, end + 8), count = Get16(bytes_, end + 10);
    size_t cd_size = Get32(bytes_, end + 12), cd_offset = Get32(bytes_, end + 16);
    if (disk != 0 || cd_disk != 0 || count_here != count) {
      return Damaged(Tr("it is split over several disks"));
    }
    if (count == 0xffff || cd_size == 0xffffffff || cd_offset == 0xffffffff) {
      return Refuse("archive-too-large",
                    Tr("is a ZIP64 archive, which no spreadsheet of a size sceau reads needs"));
    }
    if (count > kMaxMembers) {
      return Refuse("archive-too-large",
                    Fmt("holds {} members, over the limit of {}", count, kMaxMembers));
    }
    if (cd_offset > end || cd_size != end - cd_offset) {
      return Damaged(Tr("its central directory is not where its end record says"));
    }
    summary_->members = count;
    std::unordered_set<std::string_view> names;
    size_t at = cd_offset;
    size_t total = 0;
    for (size_t i = 0; i < count; ++i) {
      if (at + 46 > end || Get32(bytes_, at) != kCentralHeader) {
        return Damaged(Tr("its central directory is cut short"));
      }
      Member m;
      m.flags = Get16(bytes_, at + 8);
      m.method = Get16(bytes_, at + 10);
      m.crc = Get32(bytes_, at + 16);
      m.compressed = Get32(bytes_, at + 20);
      m.uncompressed = Get32(bytes_, at + 24);
      size_t name_len = Get16(bytes_, at + 28), extra_len = Get16(bytes_, at + 30),
             comment_len = Get16(bytes_, at + 32);
      size_t local = Get32(bytes_, at + 42);
      if (at + 46 + name_len + extra_len + comment_len > end) {
        return Damaged(Tr("its central directory is cut short"));
      }
      m.name = bytes_.substr(at + 46, name_len);
      at += 46 + name_len + extra_len + comment_len;
      if (m.name.empty() || m.name.find('\0') != std::string_view::npos) {
        return Damaged(Tr("a member has no name"));
      }
      if (!names.insert(m.name).second) {
        return Damaged(Fmt("member '{}' appears twice", Shown(m.name)));
      }
      if (m.compressed == 0xffffffff || m.uncompressed == 0xffffffff) {
        return Refuse("archive-too-large",
                      Tr("is a ZIP64 archive, which no spreadsheet of a size sceau reads needs"));
      }
      if (m.flags & 1) {
        return Refuse("encrypted-workbook",
                      Fmt("is an encrypted archive (member '{}'): save it again without a "
                          "password to have it read",
                          Shown(m.name)));
      }
      if (m.method != 0 && m.method != 8) {
        return Damaged(Fmt("member '{}' uses compression method {}, which spreadsheets do not use",
                           Shown(m.name), m.method));
      }
      if (m.method == 0 && m.compressed != m.uncompressed) {
        return Damaged(Fmt("stored member '{}' declares two sizes", Shown(m.name)));
      }
      // The data, after the local header (whose own name and extra lengths liborcus follows).
      if (local + 30 > cd_offset || Get32(bytes_, local) != kLocalHeader) {
        return Damaged(Fmt("member '{}' has no local header", Shown(m.name)));
      }
      m.data = local + 30 + Get16(bytes_, local + 26) + Get16(bytes_, local + 28);
      if (m.data > cd_offset || m.compressed > cd_offset - m.data) {
        return Damaged(Fmt("member '{}' runs past the end of the data", Shown(m.name)));
      }
      total += m.uncompressed;  // at most 10,000 * 4 GiB: no overflow on 64 bits
      if (total > limits_.max_expanded_bytes) {
        return Refuse("archive-too-large",
                      Fmt("expands to more than {} bytes, the limit", limits_.max_expanded_bytes));
      }
      if (m.uncompressed > kRatioFloor &&
          m.uncompressed / std::max<size_t>(m.compressed, 1) > kMaxRatio) {
        return Refuse("suspicious-compression",
                      Fmt("member '{}' claims to expand {} bytes into {}, beyond what any "
                          "spreadsheet compresses (a zip bomb?)",
                          Shown(m.name), m.compressed, m.uncompressed));
      }
      members_.push_back(m);
    }
    if (Get32(bytes_, at) != kEndOfCentral) {
      return Damaged(Tr("its central directory holds more members than its end record says"));
    }
    summary_->expanded_bytes = total;
    return true;
  }

  // Inflates `m` in pieces: its size and CRC must be the declared ones, and an XML part must not
  // declare a DTD. Keeps the few small members that say what the archive is.
  bool InflateMember(const Member& m) {
    std::string* keep = nullptr;
    if (m.name == "mimetype") keep = &mimetype_;
    if (m.name == "[Content_Types].xml") keep = &content_types_;
    if (m.name == "META-INF/manifest.xml") keep = &manifest_;
    // Only its start, for the date system (<workbookPr date1904="1"/> comes first).
    size_t keep_max = std::string::npos;
    if (m.name == "xl/workbook.xml") {
      keep = &workbook_;
      keep_max = 65536;
    }
    if (keep != nullptr && keep_max == std::string::npos && m.uncompressed > kMaxSmallMember) {
      return Refuse("not-a-spreadsheet",
                    Fmt("is not a spreadsheet: its member '{}' is too large", Shown(m.name)));
    }
    std::string_view data = bytes_.substr(m.data, m.compressed);
    uLong crc = crc32(0L, Z_NULL, 0);
    size_t produced = 0;
    std::string tail;  // the end of the previous piece, for a DTD cut between two pieces
    auto take = [&](const unsigned char* p, size_t n) {
      crc = crc32(crc, p, static_cast<uInt>(n));
      produced += n;
      std::string window = tail;
      window.append(reinterpret_cast<const char*>(p), n);
      if (window.find("<!DOCTYPE") != std::string::npos ||
          window.find("<!ENTITY") != std::string::npos) {
        return false;
      }
      tail = window.substr(window.size() > 8 ? window.size() - 8 : 0);
      if (keep != nullptr && keep->size() < keep_max) {
        keep->append(reinterpret_cast<const char*>(p), std::min(n, keep_max - keep->size()));
      }
      return true;
    };
    auto dtd = [&] {
      return Refuse("xml-dtd",
                    Fmt("member '{}' declares an XML DTD, which spreadsheets never do (entity "
                        "expansion?)",
                        Shown(m.name)));
    };
    if (m.method == 0) {
      // Pieces of 64 KiB so the DTD window stays small.
      for (size_t at = 0; at < data.size(); at += 65536) {
        size_t n = std::min<size_t>(65536, data.size() - at);
        if (!take(reinterpret_cast<const unsigned char*>(data.data() + at), n)) return dtd();
      }
    } else {
      z_stream z;
      std::memset(&z, 0, sizeof z);
      if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
        return Damaged(Tr("cannot start inflating"));
      }
      struct End {
        z_stream* z;
        ~End() { inflateEnd(z); }
      } end{&z};
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
      z.avail_in = static_cast<uInt>(data.size());
      unsigned char out[65536];
      int rc = Z_OK;
      while (rc != Z_STREAM_END) {
        z.next_out = out;
        z.avail_out = sizeof out;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
          return Damaged(Fmt("member '{}' does not inflate", Shown(m.name)));
        }
        size_t n = sizeof out - z.avail_out;
        if (produced + n > m.uncompressed) {
          return Damaged(Fmt("member '{}' expands beyond its declared size of {} bytes",
                             Shown(m.name), m.uncompressed));
        }
        if (!take(out, n)) return dtd();
        if (rc == Z_BUF_ERROR || (rc == Z_OK && n == 0 && z.avail_in == 0)) {
          return Damaged(Fmt("member '{}' is cut short", Shown(m.name)));
        }
      }
    }
    if (produced != m.uncompressed) {
      return Damaged(Fmt("member '{}' holds {} bytes, not the {} it declares", Shown(m.name),
                         produced, m.uncompressed));
    }
    if (crc != m.crc) {
      return Damaged(Fmt("member '{}' fails its CRC check", Shown(m.name)));
    }
    return true;
  }

  bool Classify() {
    bool has_mimetype = false, has_content_types = false, has_content = false;
    for (const Member& m : members_) {
      has_mimetype |= m.name == "mimetype";
      has_content_types |= m.name == "[Content_Types].xml";
      has_content |= m.name == "content.xml";
    }
    // (liborcus prints a line on its own when an .ods has no content.xml.)
    if (has_mimetype && has_content &&
        StartsWith(mimetype_, "application/vnd.oasis.opendocument.spreadsheet")) {
      summary_->kind = ArchiveSummary::Kind::kOds;
      if (manifest_.find("encryption-data") != std::string::npos) {
        return Refuse("encrypted-workbook",
                      Tr("is an encrypted workbook: save it again without a password to have it "
                         "read"));
      }
      for (const Member& m : members_) {
        bool scripts = StartsWith(m.name, "Basic/") || StartsWith(m.name, "Scripts/");
        bool index = EndsWith(m.name, "/") || EndsWith(m.name, "script-lc.xml") ||
                     EndsWith(m.name, "script-lb.xml") || EndsWith(m.name, "dialog-lc.xml") ||
                     EndsWith(m.name, "dialog-lb.xml");
        if (scripts && !index) return Macros(m.name);
      }
      return true;
    }
    if (has_content_types &&
        (content_types_.find("spreadsheetml.sheet.main+xml") != std::string::npos ||
         content_types_.find("spreadsheetml.template.main+xml") != std::string::npos ||
         content_types_.find("sheet.macroEnabled.main+xml") != std::string::npos ||
         content_types_.find("template.macroEnabled.main+xml") != std::string::npos)) {
      summary_->kind = ArchiveSummary::Kind::kXlsx;
      // Excel's 1904 date system, which liborcus 0.17 does not report.
      size_t pr = workbook_.find("date1904=\"");
      summary_->date1904 = pr != std::string::npos && (workbook_.compare(pr + 10, 1, "1") == 0 ||
                                                       workbook_.compare(pr + 10, 4, "true") == 0);
      if (content_types_.find("macroEnabled") != std::string::npos ||
          content_types_.find("vbaProject") != std::string::npos) {
        return Macros("[Content_Types].xml");
      }
      size_t links = 0;
      for (const Member& m : members_) {
        std::string lower = Lower(m.name);
        if (EndsWith(lower, "vbaproject.bin") || StartsWith(lower, "xl/macrosheets/")) {
          return Macros(m.name);
        }
        if (StartsWith(lower, "xl/externallinks/") && EndsWith(lower, ".xml")) ++links;
      }
      if (links > 0) {
        summary_->external_links = true;
        Diagnostic d;
        d.severity = Severity::kWarning;
        d.code = "external-link";
        d.file = path_;
        d.message =
            links == 1
                ? Tr("links to another workbook, which is not read: formulas keep the values "
                     "they last computed")
                : Fmt("links to {} other workbooks, which are not read: formulas keep the values "
                      "they last computed",
                      links);
        diagnostics_->push_back(std::move(d));
      }
      return true;
    }
    return Refuse("not-a-spreadsheet",
                  Tr("is not a spreadsheet: a zip archive, but neither an .xlsx nor an .ods "
                     "workbook"));
  }

  bool Macros(std::string_view member) {
    return Refuse("macro-workbook",
                  Fmt("is a macro-enabled workbook ('{}'): sceau does not read workbooks with "
                      "macros; save it again as a plain .xlsx or .ods",
                      Shown(member)));
  }

  const std::string& path_;
  std::string_view bytes_;
  const WorkbookLimits& limits_;
  ArchiveSummary* summary_;
  std::vector<Diagnostic>* diagnostics_;
  std::vector<Member> members_;
  std::string mimetype_, content_types_, manifest_, workbook_;
};

}  // namespace

bool CheckArchive(const std::string& path, std::string_view bytes, const WorkbookLimits& limits,
                  ArchiveSummary* summary, std::vector<Diagnostic>* diagnostics) {
  *summary = ArchiveSummary();
  return ArchiveChecker(path, bytes, limits, summary, diagnostics).Check();
}

}  // namespace sceau
