#include "engine/yaml_tree.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <exception>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace sceau {

const YamlNode* YamlNode::Get(std::string_view key) const {
  for (const auto& [k, v] : pairs) {
    if (k->value == key) return v;
  }
  return nullptr;
}

std::string_view YamlNode::TypeName() const {
  switch (type) {
    case Type::kNull:
      return "null";
    case Type::kScalar:
      return "a scalar";
    case Type::kSequence:
      return "a list";
    case Type::kMap:
      return "a map";
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

}  // namespace

// Builds a YamlDocument from yaml-cpp's parse events.
class YamlBuilder : public YAML::EventHandler {
 public:
  YamlBuilder(YamlDocument* doc, const YamlLimits& limits, DiagnosticSink* sink)
      : doc_(doc), limits_(limits), sink_(sink), source_(*doc->source_) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode* n = NewNode(mark, YamlNode::Type::kNull);
    Register(anchor, n);
    Attach(n);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end() || open_.count(it->second)) {
      throw StopParsing{Offset(mark), "recursive-alias",
                        "an alias may not refer to a node that contains it"};
    }
    const YamlNode* target = it->second;
    total_ += target->expanded;
    CheckTotal(mark);
    if (!stack_.empty()) stack_.back().node->expanded += target->expanded;
    AttachExisting(target, mark);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode* n = NewNode(mark, YamlNode::Type::kScalar);
    n->plain = (tag == "?");
    n->value = value;
    n->where.length = TokenLength(Offset(mark), value);
    Register(anchor, n);
    Attach(n);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark, YamlNode::Type::kSequence, anchor);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(mark, YamlNode::Type::kMap, anchor);
  }
  void OnMapEnd() override { Close(); }

  const YamlNode* root() const { return root_; }

 private:
  struct Frame {
    YamlNode* node;
    const YamlNode* pending_key = nullptr;  // maps: the key waiting for its value
    bool have_key = false;
    bool skip_value = false;  // the pending key was rejected: drop its value
    std::unordered_map<std::string_view, const YamlNode*> keys;  // maps: seen keys
  };

  size_t Offset(const YAML::Mark& mark) const {
    return mark.pos < 0 ? 0 : static_cast<size_t>(mark.pos);
  }

  SourceLocation Locate(size_t offset) const {
    SourceLocation loc;
    source_.Position(offset, &loc.line, &loc.column);
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

  YamlNode* NewNode(const YAML::Mark& mark, YamlNode::Type type) {
    if (++total_ > limits_.max_nodes) CheckTotal(mark);
    doc_->nodes_.emplace_back();
    YamlNode* n = &doc_->nodes_.back();
    n->type = type;
    n->where = Locate(Offset(mark));
    return n;
  }

  void CheckTotal(const YAML::Mark& mark) {
    if (total_ > limits_.max_nodes) {
      throw StopParsing{Offset(mark), "too-many-nodes",
                        fmt::format("the document expands to more than {} nodes (aliases "
                                    "included); refusing to go on",
                                    limits_.max_nodes)};
    }
  }

  void Register(YAML::anchor_t anchor, const YamlNode* n) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = n;
  }

  void Open(const YAML::Mark& mark, YamlNode::Type type, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      throw StopParsing{Offset(mark), "too-deep",
                        fmt::format("nesting deeper than {} levels", limits_.max_depth)};
    }
    YamlNode* n = NewNode(mark, type);
    Register(anchor, n);
    open_.insert(n);
    Frame frame;
    frame.node = n;
    stack_.push_back(std::move(frame));
  }

  void Close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    open_.erase(frame.node);
    if (frame.have_key) {
      // A key with no value cannot happen in valid YAML; be safe.
      frame.have_key = false;
    }
    Attach(frame.node);
  }

  void Attach(YamlNode* n) {
    if (!stack_.empty()) stack_.back().node->expanded += n->expanded;
    AttachExisting(n, YAML::Mark());
  }

  void AttachExisting(const YamlNode* n, const YAML::Mark&) {
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
                     fmt::format("a key must be a plain string, not {}", n->TypeName()));
        f.skip_value = true;
        return;
      }
      auto [it, inserted] = f.keys.emplace(std::string_view(n->value), n);
      if (!inserted) {
        sink_->Error("duplicate-key", n->where,
                     fmt::format("duplicate key '{}' (first given at line {})", n->value,
                                 it->second->where.line));
        f.skip_value = true;
      }
      return;
    }
    if (!f.skip_value) f.node->pairs.emplace_back(f.pending_key, n);
    f.have_key = false;
    f.pending_key = nullptr;
  }

  YamlDocument* doc_;
  const YamlLimits& limits_;
  DiagnosticSink* sink_;
  const SourceFile& source_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, const YamlNode*> anchors_;
  std::unordered_set<const YamlNode*> open_;
  const YamlNode* root_ = nullptr;
  size_t total_ = 0;
};

namespace {

// Detects whether a second document follows.
class CountingHandler : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (!started) {
      started = true;
      start = mark;
    }
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
  bool started = false;
  YAML::Mark start;
};

// Records the scalar values of top-level keys; stops the parser once all are found.
class PeekHandler : public YAML::EventHandler {
 public:
  PeekHandler(const std::vector<std::string>& keys,
              std::vector<std::pair<std::string, std::string>>* out)
      : keys_(keys), out_(out) {}
  struct Done {};
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override { throw Done{}; }
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { Value(""); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { Value(""); }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string& v) override {
    if (depth_ == 1 && !have_key_) {
      key_ = v;
      have_key_ = true;
      return;
    }
    if (depth_ == 1) {
      for (const std::string& k : keys_) {
        if (k == key_) {
          out_->emplace_back(key_, v);
          if (out_->size() == keys_.size()) throw Done{};
        }
      }
      have_key_ = false;
    }
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Open();
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Open();
  }
  void OnMapEnd() override { Close(); }

 private:
  void Value(const std::string&) {
    if (depth_ == 1) have_key_ = !have_key_;
  }
  void Open() {
    if (depth_ == 1 && have_key_) have_key_ = false;  // a collection value: skip it
    if (++depth_ > 64) throw Done{};
  }
  void Close() { --depth_; }
  const std::vector<std::string>& keys_;
  std::vector<std::pair<std::string, std::string>>* out_;
  int depth_ = 0;
  bool have_key_ = false;
  std::string key_;
};

// yaml-cpp messages start lowercase and lack context; keep them, they are precise enough.
std::string SyntaxMessage(const std::string& msg) {
  if (msg.empty()) return "YAML syntax error";
  return "YAML syntax error: " + msg;
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
    sink->Error("file-too-large", SourceLocation{},
                fmt::format("file is {} bytes, over the limit of {} bytes", text.size(),
                            limits.max_file_bytes));
    return false;
  }
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    unsigned char c = static_cast<unsigned char>(text[bad]);
    std::string what = (c < 0x20) ? fmt::format("control character 0x{:02X}", c)
                                  : fmt::format("invalid UTF-8 byte 0x{:02X}", c);
    sink->Error("invalid-utf8", at(bad),
                fmt::format("{} at byte offset {}: the file must be UTF-8 text", what,
                            bad + source->byte_base()));
    return false;
  }
  std::istringstream in(text);
  try {
    YAML::Parser parser(in);
    YamlBuilder builder(doc, limits, sink);
    if (!parser.HandleNextDocument(builder)) return true;  // empty: no document
    doc->root_ = builder.root();
    CountingHandler second;
    try {
      if (parser.HandleNextDocument(second) && second.started) {
        sink->Error("multiple-documents", at(static_cast<size_t>(std::max(0, second.start.pos))),
                    "a second YAML document starts here; a file holds exactly one");
        return false;
      }
    } catch (const YAML::Exception& e) {
      sink->Error("multiple-documents", at(static_cast<size_t>(std::max(0, e.mark.pos))),
                  "text after the end of the document ('...'); a file holds exactly one");
      return false;
    }
  } catch (const StopParsing& stop) {
    sink->Error(stop.code, at(stop.offset), stop.message);
    return false;
  } catch (const YAML::Exception& e) {
    size_t offset = e.mark.is_null() ? 0 : static_cast<size_t>(std::max(0, e.mark.pos));
    SourceLocation loc = e.mark.is_null() ? SourceLocation{} : at(offset);
    sink->Error("yaml-syntax", loc, SyntaxMessage(e.msg));
    return false;
  } catch (const std::exception& e) {
    sink->Error("yaml-syntax", SourceLocation{}, SyntaxMessage(e.what()));
    return false;
  }
  // Key errors (duplicate or non-string keys) were reported; the tree is still usable.
  return true;
}

bool PeekTopLevel(const std::string& text, const std::vector<std::string>& keys,
                  std::vector<std::pair<std::string, std::string>>* values) {
  values->clear();
  std::istringstream in(text);
  try {
    YAML::Parser parser(in);
    PeekHandler handler(keys, values);
    parser.HandleNextDocument(handler);
  } catch (const PeekHandler::Done&) {
    return true;
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

}  // namespace sceau
