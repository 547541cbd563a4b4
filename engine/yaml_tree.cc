#include "engine/yaml_tree.h"

#include <fmt/format.h>
#include <yaml.h>

#include <algorithm>
#include <new>
#include <string>
#include <unordered_map>

#include "engine/wording.h"

namespace sceau {

const YamlNode* YamlNode::Get(std::string_view key) const {
  for (const auto& [k, v] : pairs) {
    if (k->value == key) return v;
  }
  return nullptr;
}

std::string YamlNode::TypeName() const {
  switch (type) {
    case Type::kNull:
      return "null";
    case Type::kScalar:
      return Tr("a scalar");
    case Type::kSequence:
      return Tr("a list");
    case Type::kMap:
      return Tr("a map");
  }
  return "?";
}

bool IsValidUtf8(std::string_view s, size_t* bad_offset) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      // Control characters other than tab, newline and carriage return are not text.
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        *bad_offset = i;
        return false;
      }
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      *bad_offset = i;
      return false;
    }
    if (i + len > n) {
      *bad_offset = i;
      return false;
    }
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) {
        *bad_offset = i;
        return false;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are invalid.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

namespace {

// Thrown by the builder to stop the parser when a limit is exceeded; never escapes this file.
struct StopParsing {
  size_t offset;
  std::string code;
  std::string message;
};

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// libyaml marks count code points from the start of the text; diagnostics need byte offsets. The
// byte offset of every kStep-th code point is kept, and the last conversion: marks come nearly in
// order, so converting every mark of a file costs one pass over it, and any other at most kStep.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text) : text_(text) {
    byte_at_.reserve(text.size() / kStep + 1);
    size_t cp = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (IsContinuation(c)) continue;
      if (cp % kStep == 0) byte_at_.push_back(i);
      ++cp;
      // Line breaks that libyaml counts and SourceFile does not: a lone CR, NEL, LS, PS.
      if ((c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) ||
          (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\x85') ||
          (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
           (text[i + 2] == '\xA8' || text[i + 2] == '\xA9'))) {
        plain_breaks_ = false;
      }
    }
  }
  // True when libyaml's lines are SourceFile's (every line ends in LF or CR LF), so a mark's own
  // line and column can be used.
  bool plain_breaks() const { return plain_breaks_; }

  size_t Byte(size_t cp) const {
    if (cp < cursor_cp_ || cp - cursor_cp_ > kStep) {
      size_t k = cp / kStep;
      if (k >= byte_at_.size()) return text_.size();
      cursor_cp_ = k * kStep;
      cursor_byte_ = byte_at_[k];
    }
    size_t i = cursor_byte_;
    for (size_t left = cp - cursor_cp_; left > 0 && i < text_.size(); --left) {
      ++i;
      while (i < text_.size() && IsContinuation(text_[i])) ++i;
    }
    cursor_cp_ = cp;
    cursor_byte_ = std::min(i, text_.size());
    return cursor_byte_;
  }

 private:
  static constexpr size_t kStep = 256;
  std::string_view text_;
  std::vector<size_t> byte_at_;
  bool plain_breaks_ = true;
  mutable size_t cursor_cp_ = 0;
  mutable size_t cursor_byte_ = 0;
};

// The plain scalars YAML reads as null (the core schema), as the tree has always done.
bool IsNullString(std::string_view v) {
  return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

// Owns a libyaml parser or event for the scope.
struct LibyamlParser {
  yaml_parser_t parser;
  bool ready;
  LibyamlParser() { ready = yaml_parser_initialize(&parser) != 0; }
  ~LibyamlParser() {
    if (ready) yaml_parser_delete(&parser);
  }
  LibyamlParser(const LibyamlParser&) = delete;
  LibyamlParser& operator=(const LibyamlParser&) = delete;
};

struct LibyamlEvent {
  yaml_event_t event;
  bool held = false;
  ~LibyamlEvent() { Release(); }
  void Release() {
    if (held) yaml_event_delete(&event);
    held = false;
  }
};

// Reads the next event; false (and the parser's error set) on a syntax error.
bool NextEvent(LibyamlParser* p, LibyamlEvent* e) {
  e->Release();
  if (!yaml_parser_parse(&p->parser, &e->event)) {
    if (p->parser.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
    return false;
  }
  e->held = true;
  return true;
}

std::string_view AnchorOf(const yaml_event_t& e) {
  const yaml_char_t* a = nullptr;
  switch (e.type) {
    case YAML_SCALAR_EVENT:
      a = e.data.scalar.anchor;
      break;
    case YAML_SEQUENCE_START_EVENT:
      a = e.data.sequence_start.anchor;
      break;
    case YAML_MAPPING_START_EVENT:
      a = e.data.mapping_start.anchor;
      break;
    case YAML_ALIAS_EVENT:
      a = e.data.alias.anchor;
      break;
    default:
      break;
  }
  return a ? std::string_view(reinterpret_cast<const char*>(a)) : std::string_view();
}

}  // namespace

// Builds a YamlDocument from libyaml's parse events.
class YamlBuilder {
 public:
  YamlBuilder(YamlDocument* doc, const YamlLimits& limits, DiagnosticSink* sink,
              const CodePointIndex& cps)
      : doc_(doc), limits_(limits), sink_(sink), source_(*doc->source_), cps_(cps) {}

  void Alias(const yaml_mark_t& mark, std::string_view anchor) {
    size_t offset = cps_.Byte(mark.index);
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      throw StopParsing{offset, "yaml-syntax",
                        Fmt("YAML syntax error: the alias '*{}' names no anchor defined "
                            "before it",
                            anchor)};
    }
    const YamlNode* target = it->second;
    for (const Frame& f : stack_) {
      if (f.node == target) {
        throw StopParsing{offset, "recursive-alias",
                          Tr("an alias may not refer to a node that contains it")};
      }
    }
    total_ += target->expanded;
    CheckTotal(offset);
    if (!stack_.empty()) stack_.back().node->expanded += target->expanded;
    AttachExisting(target);
  }

  void Scalar(const yaml_mark_t& mark, std::string_view anchor, std::string value, bool plain) {
    if (plain && IsNullString(value)) {
      YamlNode* n = NewNode(mark, YamlNode::Type::kNull);
      Register(anchor, n);
      Attach(n);
      return;
    }
    YamlNode* n = NewNode(mark, YamlNode::Type::kScalar);
    n->plain = plain;
    n->where.length = TokenLength(cps_.Byte(mark.index), value);
    n->value = std::move(value);
    Register(anchor, n);
    Attach(n);
  }

  void Open(const yaml_mark_t& mark, YamlNode::Type type, std::string_view anchor) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      throw StopParsing{cps_.Byte(mark.index), "too-deep",
                        Fmt("nesting deeper than {} levels", limits_.max_depth)};
    }
    YamlNode* n = NewNode(mark, type);
    Register(anchor, n);
    Frame frame;
    frame.node = n;
    stack_.push_back(std::move(frame));
  }

  void Close() {
    if (stack_.empty()) return;
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    Attach(frame.node);
  }

  const YamlNode* root() const { return root_; }

 private:
  struct Frame {
    YamlNode* node;
    const YamlNode* pending_key = nullptr;  // maps: the key waiting for its value
    bool have_key = false;
    bool skip_value = false;  // the pending key was rejected: drop its value
    // Maps of more than kLinearKeys keys: every key seen, for duplicate detection in O(1). Smaller
    // maps (nearly all) are searched in place, with no allocation.
    std::unordered_map<std::string_view, const YamlNode*> keys;
  };
  static constexpr size_t kLinearKeys = 16;

  // Where a node starts: libyaml's own line and column when its lines are SourceFile's.
  SourceLocation Locate(const yaml_mark_t& mark) const {
    SourceLocation loc;
    if (cps_.plain_breaks()) {
      loc.line = static_cast<int>(mark.line) + 1;
      loc.column = static_cast<int>(mark.column) + 1;
    } else {
      source_.Position(cps_.Byte(mark.index), &loc.line, &loc.column);
    }
    loc.length = 1;
    return loc;
  }

  // Code points to underline for a scalar written at `offset`: the value itself when it stands
  // there verbatim (plain or quoted), else a bare caret.
  int TokenLength(size_t offset, const std::string& value) const {
    std::string_view text = source_.text();
    if (offset >= text.size() || value.empty()) return 1;
    size_t start = offset;
    int extra = 0;
    if (text[start] == '"' || text[start] == '\'') {
      ++start;
      extra = 2;
    }
    if (text.compare(start, value.size(), value) != 0) return 1;
    if (value.find('\n') != std::string::npos) return 1;
    int n = 0;
    for (unsigned char c : value) {
      if ((c & 0xC0) != 0x80) ++n;
    }
    return n + extra;
  }

  YamlNode* NewNode(const yaml_mark_t& mark, YamlNode::Type type) {
    if (++total_ > limits_.max_nodes) CheckTotal(cps_.Byte(mark.index));
    doc_->nodes_.emplace_back();
    YamlNode* n = &doc_->nodes_.back();
    n->type = type;
    n->where = Locate(mark);
    return n;
  }

  void CheckTotal(size_t offset) {
    if (total_ > limits_.max_nodes) {
      throw StopParsing{offset, "too-many-nodes",
                        Fmt("the document expands to more than {} nodes (aliases "
                            "included); refusing to go on",
                            limits_.max_nodes)};
    }
  }

  void Register(std::string_view anchor, const YamlNode* n) {
    if (anchor.empty()) return;
    auto it = anchors_.find(anchor);
    if (it != anchors_.end()) {
      it->second = n;  // a later anchor of the same name replaces the earlier one
    } else {
      anchors_.emplace(std::string(anchor), n);
    }
  }

  void Attach(YamlNode* n) {
    if (!stack_.empty()) stack_.back().node->expanded += n->expanded;
    AttachExisting(n);
  }

  // The first key of `f`'s map spelled `key`, or nullptr.
  static const YamlNode* SeenKey(Frame& f, std::string_view key) {
    if (!f.keys.empty()) {
      auto it = f.keys.find(key);
      return it == f.keys.end() ? nullptr : it->second;
    }
    for (const auto& [k, v] : f.node->pairs) {
      if (k->value == key) return k;
    }
    return nullptr;
  }

  static void RememberKey(Frame& f, const YamlNode* key) {
    if (f.keys.empty() && f.node->pairs.size() < kLinearKeys) return;  // found in pairs
    if (f.keys.empty()) {
      f.keys.reserve(2 * kLinearKeys);
      for (const auto& [k, v] : f.node->pairs) f.keys.emplace(std::string_view(k->value), k);
    }
    f.keys.emplace(std::string_view(key->value), key);
  }

  void AttachExisting(const YamlNode* n) {
    if (stack_.empty()) {
      root_ = n;
      return;
    }
    Frame& f = stack_.back();
    if (f.node->type == YamlNode::Type::kSequence) {
      f.node->items.push_back(n);
      return;
    }
    if (!f.have_key) {
      f.have_key = true;
      f.pending_key = n;
      f.skip_value = false;
      if (n->type != YamlNode::Type::kScalar) {
        sink_->Error("bad-key", n->where,
                     Fmt("a key must be a plain string, not {}", n->TypeName()));
        f.skip_value = true;
        return;
      }
      if (const YamlNode* first = SeenKey(f, n->value)) {
        sink_->Error(
            "duplicate-key", n->where,
            Fmt("duplicate key '{}' (first given at line {})", n->value, first->where.line));
        f.skip_value = true;
        return;
      }
      RememberKey(f, n);
      return;
    }
    if (!f.skip_value) f.node->pairs.emplace_back(f.pending_key, n);
    f.have_key = false;
    f.pending_key = nullptr;
  }

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  YamlDocument* doc_;
  const YamlLimits& limits_;
  DiagnosticSink* sink_;
  const SourceFile& source_;
  const CodePointIndex& cps_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, const YamlNode*, StringHash, std::equal_to<>> anchors_;
  const YamlNode* root_ = nullptr;
  size_t total_ = 0;
};

namespace {

// What libyaml says (its problems and the constructs it was reading), for Tr to translate.
[[maybe_unused]] constexpr std::string_view kLibyamlWords[] = {
    Wording("found character that cannot start any token"),
    Wording("could not find expected ':'"),
    Wording("found unexpected end of stream"),
    Wording("found unknown escape character"),
    Wording("did not find expected hexdecimal number"),
    Wording("found invalid Unicode character escape code"),
    Wording("mapping values are not allowed in this context"),
    Wording("block sequence entries are not allowed in this context"),
    Wording("mapping keys are not allowed in this context"),
    Wording("did not find expected comment or line break"),
    Wording("found unexpected document indicator"),
    Wording("found undefined tag handle"),
    Wording("did not find expected alphabetic or numeric character"),
    Wording("did not find expected tag URI"),
    Wording("did not find expected <document start>"),
    Wording("unreadable text"),
    Wording("did not find expected node content"),
    Wording("did not find expected '-' indicator"),
    Wording("did not find expected key"),
    Wording("did not find expected ',' or ']'"),
    Wording("did not find expected ',' or '}'"),
    Wording("found duplicate %YAML directive"),
    Wording("found incompatible YAML document"),
    Wording("invalid leading UTF-8 octet"),
    Wording("incomplete UTF-8 octet sequence"),
    Wording("invalid trailing UTF-8 octet"),
    Wording("invalid length of a UTF-8 sequence"),
    Wording("invalid Unicode character"),
    Wording("control characters are not allowed"),
    Wording("while scanning a simple key"),
    Wording("while scanning a quoted scalar"),
    Wording("while scanning a block scalar"),
    Wording("while scanning a plain scalar"),
    Wording("while scanning an anchor"),
    Wording("while scanning an alias"),
    Wording("while scanning a tag"),
    Wording("while scanning a directive"),
    Wording("while parsing a block mapping"),
    Wording("while parsing a block collection"),
    Wording("while parsing a flow sequence"),
    Wording("while parsing a flow mapping"),
    Wording("while parsing a node"),
    Wording("while parsing a flow node"),
    Wording("while parsing a block node"),
};

// libyaml's problem, in words a maintainer acts on: a tab in the indentation says so, and the
// construct libyaml was reading is named with its line when that line is not the problem's own
// ("did not find expected key, while parsing a block mapping started at line 3").
std::string SyntaxMessage(const yaml_parser_t& p, const SourceFile& source,
                          const CodePointIndex& cps, size_t problem_offset) {
  std::string_view problem = p.problem ? p.problem : "unreadable text";
  const std::string& text = source.text();
  bool at_tab = problem_offset < text.size() && text[problem_offset] == '\t';
  if (problem.find("tab character") != std::string_view::npos ||
      (at_tab && problem == "found character that cannot start any token")) {
    return Tr("YAML syntax error: a tab in the indentation; YAML indents with spaces");
  }
  if (problem == "did not find expected key" && problem_offset < text.size() &&
      (text[problem_offset] == ']' || text[problem_offset] == '}')) {
    return Fmt("YAML syntax error: '{}' closes no {} opened before it", text[problem_offset],
               text[problem_offset] == ']' ? Tr("list") : Tr("map"));
  }
  std::string msg = Fmt("YAML syntax error: {}", Tr(problem));
  if (p.context) {
    int line = 0, column = 0, problem_line = 0;
    source.Position(cps.Byte(p.context_mark.index), &line, &column);
    source.Position(problem_offset, &problem_line, &column);
    if (line != problem_line) msg += Fmt(", {} started at line {}", Tr(p.context), line);
  }
  return msg;
}

size_t ProblemOffset(const yaml_parser_t& p, const CodePointIndex& cps) {
  if (p.error == YAML_READER_ERROR) return p.problem_offset;
  return cps.Byte(p.problem_mark.index);
}

}  // namespace

bool ParseYaml(std::shared_ptr<const SourceFile> source, const YamlLimits& limits,
               DiagnosticSink* sink, YamlDocument* doc) {
  doc->source_ = source;
  doc->nodes_.clear();
  doc->root_ = nullptr;
  const std::string& text = source->text();
  auto at = [&](size_t offset) {
    SourceLocation loc;
    source->Position(offset, &loc.line, &loc.column);
    loc.length = 1;
    return loc;
  };
  if (text.size() > limits.max_file_bytes) {
    sink->Error(
        "file-too-large", SourceLocation{},
        Fmt("file is {} bytes, over the limit of {} bytes", text.size(), limits.max_file_bytes));
    return false;
  }
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    unsigned char c = static_cast<unsigned char>(text[bad]);
    std::string what =
        (c < 0x20) ? Fmt("control character 0x{:02X}", c) : Fmt("invalid UTF-8 byte 0x{:02X}", c);
    sink->Error(
        "invalid-utf8", at(bad),
        Fmt("{} at byte offset {}: the file must be UTF-8 text", what, bad + source->byte_base()));
    return false;
  }
  CodePointIndex cps(text);
  LibyamlParser p;
  if (!p.ready) throw std::bad_alloc();
  yaml_parser_set_input_string(&p.parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  yaml_parser_set_encoding(&p.parser, YAML_UTF8_ENCODING);
  YamlBuilder builder(doc, limits, sink, cps);
  int documents = 0;
  LibyamlEvent e;
  try {
    for (;;) {
      if (!NextEvent(&p, &e)) {
        size_t offset = ProblemOffset(p.parser, cps);
        if (documents == 1 && p.parser.problem &&
            std::string_view(p.parser.problem) == "did not find expected <document start>") {
          sink->Error("multiple-documents", at(offset),
                      Tr("a second YAML document starts here; a file holds exactly one"));
        } else {
          sink->Error("yaml-syntax", at(offset), SyntaxMessage(p.parser, *source, cps, offset));
        }
        return false;
      }
      const yaml_event_t& ev = e.event;
      switch (ev.type) {
        case YAML_STREAM_END_EVENT:
          doc->root_ = builder.root();
          // Key errors (duplicate or non-string keys) were reported; the tree is still usable.
          return true;
        case YAML_DOCUMENT_START_EVENT:
          if (++documents > 1) {
            sink->Error("multiple-documents", at(cps.Byte(ev.start_mark.index)),
                        Tr("a second YAML document starts here; a file holds exactly one"));
            return false;
          }
          break;
        case YAML_ALIAS_EVENT:
          builder.Alias(ev.start_mark, AnchorOf(ev));
          break;
        case YAML_SCALAR_EVENT: {
          bool plain =
              ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && ev.data.scalar.plain_implicit;
          builder.Scalar(ev.start_mark, AnchorOf(ev),
                         std::string(reinterpret_cast<const char*>(ev.data.scalar.value),
                                     ev.data.scalar.length),
                         plain);
          break;
        }
        case YAML_SEQUENCE_START_EVENT:
          builder.Open(ev.start_mark, YamlNode::Type::kSequence, AnchorOf(ev));
          break;
        case YAML_MAPPING_START_EVENT:
          builder.Open(ev.start_mark, YamlNode::Type::kMap, AnchorOf(ev));
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          builder.Close();
          break;
        default:  // stream start, document end, no event
          break;
      }
    }
  } catch (const StopParsing& stop) {
    sink->Error(stop.code, at(stop.offset), stop.message);
    return false;
  }
}

bool PeekTopLevel(const std::string& text, const std::vector<std::string>& keys,
                  std::vector<std::pair<std::string, std::string>>* values) {
  values->clear();
  LibyamlParser p;
  if (!p.ready) return false;
  yaml_parser_set_input_string(&p.parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  yaml_parser_set_encoding(&p.parser, YAML_UTF8_ENCODING);
  LibyamlEvent e;
  int depth = 0;
  bool have_key = false;  // at depth 1: a key was read, its value comes next
  std::string key;
  auto value = [&](std::string_view v) {
    for (const std::string& k : keys) {
      if (k == key) values->emplace_back(key, std::string(v));
    }
    have_key = false;
  };
  for (;;) {
    if (!NextEvent(&p, &e)) return false;
    const yaml_event_t& ev = e.event;
    switch (ev.type) {
      case YAML_STREAM_END_EVENT:
      case YAML_DOCUMENT_END_EVENT:
        return true;
      case YAML_SCALAR_EVENT:
      case YAML_ALIAS_EVENT: {
        if (depth != 1) break;
        std::string_view v;
        if (ev.type == YAML_SCALAR_EVENT) {
          v = std::string_view(reinterpret_cast<const char*>(ev.data.scalar.value),
                               ev.data.scalar.length);
        }
        if (!have_key) {
          key = std::string(v);
          have_key = true;
        } else {
          value(v);
          if (values->size() == keys.size()) return true;
        }
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT:
        if (depth == 1 && have_key) have_key = false;  // a collection value: skip it
        if (++depth > 64) return true;
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        --depth;
        break;
      default:
        break;
    }
  }
}

std::string YamlQuote(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace sceau
