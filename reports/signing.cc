#include "reports/signing.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/safe_text.h"
#include "engine/sha256.h"
#include "engine/wording.h"

namespace sceau {
namespace {

// ---- OpenSSL helpers ---------------------------------------------------------------------------

using Pkey = std::shared_ptr<evp_pkey_st>;

Pkey Wrap(EVP_PKEY* p) {
  return Pkey(p, [](EVP_PKEY* k) { EVP_PKEY_free(k); });
}

// The last OpenSSL error as text (and the queue emptied), or `fallback`.
std::string OpenSslError(const std::string& fallback) {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return fallback;
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return fallback + " (" + buf + ")";
}

// Never prompt for a passphrase: an encrypted key fails to load instead.
int NoPassphrase(char*, int, int, void*) { return -1; }

bool RawPublic(EVP_PKEY* p, std::string* raw) {
  unsigned char buf[64];
  size_t len = sizeof buf;
  if (EVP_PKEY_get_raw_public_key(p, buf, &len) != 1) return false;
  raw->assign(reinterpret_cast<const char*>(buf), len);
  return true;
}

bool IsEd25519(EVP_PKEY* p) { return p && EVP_PKEY_get_id(p) == EVP_PKEY_ED25519; }

std::string BioText(BIO* bio) {
  BUF_MEM* mem = nullptr;
  BIO_get_mem_ptr(bio, &mem);
  return mem ? std::string(mem->data, mem->length) : std::string();
}

std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// Canonical base64 only: what Base64() gives back for the decoded bytes.
bool FromBase64(std::string_view text, std::string* bytes) {
  if (text.empty() || text.size() % 4 != 0 || text.size() > 4096) return false;
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return false;
  size_t pad = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  out.resize(static_cast<size_t>(n) - pad);
  if (Base64(out) != text) return false;
  *bytes = std::move(out);
  return true;
}

bool IsLowerHex(std::string_view s, size_t size) {
  if (s.size() != size) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// ---- files -------------------------------------------------------------------------------------

int WriteAll(int fd, std::string_view content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<size_t>(n);
  }
  return 0;
}

// Creates `path` (it must not exist) with exactly `mode`, writes `content` and flushes it.
bool CreateExclusive(const std::string& path, std::string_view content, mode_t mode,
                     std::string* error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
  if (fd < 0) {
    *error = errno == EEXIST ? fmt::format("{} exists already: refusing to overwrite a key", path)
                             : fmt::format("cannot create {}: {}", path, std::strerror(errno));
    return false;
  }
  int err = ::fchmod(fd, mode) == 0 ? 0 : errno;
  if (err == 0) err = WriteAll(fd, content);
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) {
    ::unlink(path.c_str());
    *error = Fmt("cannot write {}: {}", path, std::strerror(err));
    return false;
  }
  return true;
}

// ---- a reader for the PDFs sceau writes --------------------------------------------------------

namespace pdf {

struct Value {
  enum class Kind { kNull, kBool, kInt, kReal, kName, kString, kArray, kDict, kRef };
  Kind kind = Kind::kNull;
  std::string text;               // a name (without '/') or a string's bytes
  long long number = 0;           // an integer, or the object number of a reference
  std::vector<Value> items;       // an array's items, or a dictionary's values
  std::vector<std::string> keys;  // a dictionary's keys

  const Value* Get(std::string_view key) const {
    if (kind != Kind::kDict) return nullptr;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == key) return &items[i];
    }
    return nullptr;
  }
};

constexpr int kMaxDepth = 32;
constexpr int kMaxFetches = 4096;
constexpr size_t kMaxAttachments = 64;
// Values parsed in one file, all objects together: the objects read to reach the attachments are
// small, so a file that asks for more is refused rather than held in memory (a Value is about 100
// bytes; an array of one-digit numbers would otherwise cost 50 bytes per byte of input).
constexpr long long kMaxValues = 100'000;

bool IsWhite(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool IsDelimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '/' || c == '%';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  // Reads the cross-reference table and the trailer.
  bool Open(std::string* error) {
    size_t at = s_.rfind("startxref");
    if (at == std::string_view::npos || s_.size() - at > 1024)
      return Fail(Tr("no 'startxref' at the end"), error);
    size_t pos = at + 9;
    long long xref = 0;
    if (!Integer(&pos, &xref) || xref < 0 || static_cast<size_t>(xref) >= s_.size()) {
      return Fail(Tr("bad 'startxref' offset"), error);
    }
    pos = static_cast<size_t>(xref);
    if (!Keyword(&pos, "xref"))
      return Fail(Tr("no classic cross-reference table (xref streams are not read)"), error);
    for (;;) {
      SkipWhite(&pos);
      if (Keyword(&pos, "trailer")) break;
      long long first = 0, count = 0;
      if (!Integer(&pos, &first) || !Integer(&pos, &count) || first < 0 || count < 0 ||
          static_cast<size_t>(count) > (s_.size() - pos) / 18) {
        return Fail(Tr("bad cross-reference table"), error);
      }
      for (long long i = 0; i < count; ++i) {
        long long offset = 0, gen = 0;
        if (!Integer(&pos, &offset) || !Integer(&pos, &gen))
          return Fail(Tr("bad cross-reference entry"), error);
        SkipWhite(&pos);
        if (pos >= s_.size() || (s_[pos] != 'n' && s_[pos] != 'f'))
          return Fail(Tr("bad cross-reference entry"), error);
        if (s_[pos] == 'n') {
          if (offset < 0 || static_cast<size_t>(offset) >= s_.size())
            return Fail(Tr("cross-reference entry out of the file"), error);
          offsets_[first + i] = static_cast<size_t>(offset);
        }
        ++pos;
      }
    }
    if (!Parse(&pos, 0, &trailer_, error)) return false;
    if (trailer_.kind != Value::Kind::kDict)
      return Fail(Tr("the trailer is not a dictionary"), error);
    if (trailer_.Get("Prev")) return Fail(Tr("incremental updates are not read"), error);
    if (trailer_.Get("Encrypt")) return Fail(Tr("encrypted PDFs are not read"), error);
    return true;
  }

  bool Attachments(std::vector<std::pair<std::string, std::string>>* out, std::string* error) {
    out->clear();
    Value root, names, tree, list;
    if (!Resolve(trailer_.Get("Root"), &root, error)) return false;
    if (root.kind != Value::Kind::kDict) return Fail(Tr("no document catalog"), error);
    if (!root.Get("Names")) return true;  // no attachments
    if (!Resolve(root.Get("Names"), &names, error)) return false;
    if (!names.Get("EmbeddedFiles")) return true;
    if (!Resolve(names.Get("EmbeddedFiles"), &tree, error)) return false;
    if (tree.kind != Value::Kind::kDict) return Fail(Tr("bad EmbeddedFiles name tree"), error);
    if (tree.Get("Kids")) return Fail(Tr("nested name trees are not read"), error);
    if (!Resolve(tree.Get("Names"), &list, error)) return false;
    if (list.kind != Value::Kind::kArray || list.items.size() % 2 != 0) {
      return Fail(Tr("bad EmbeddedFiles name tree"), error);
    }
    if (list.items.size() / 2 > kMaxAttachments) return Fail(Tr("too many attachments"), error);
    for (size_t i = 0; i < list.items.size(); i += 2) {
      const Value& name = list.items[i];
      if (name.kind != Value::Kind::kString)
        return Fail(Tr("an attachment name is not a string"), error);
      Value spec, ef;
      if (!Resolve(&list.items[i + 1], &spec, error)) return false;
      if (spec.kind != Value::Kind::kDict || !spec.Get("EF"))
        return Fail(Tr("bad file specification"), error);
      if (!Resolve(spec.Get("EF"), &ef, error)) return false;
      const Value* file = ef.Get("F");
      if (!file || file->kind != Value::Kind::kRef)
        return Fail(Tr("bad file specification"), error);
      Value dict;
      std::string data;
      bool is_stream = false;
      if (!Object(file->number, &dict, &data, &is_stream, error)) return false;
      if (!is_stream) return Fail(Tr("an attachment is not a stream"), error);
      out->emplace_back(name.text, std::move(data));
    }
    return true;
  }

 private:
  static bool Fail(const std::string& message, std::string* error) {
    *error = message;
    return false;
  }

  void SkipWhite(size_t* pos) const {
    while (*pos < s_.size()) {
      if (IsWhite(s_[*pos])) {
        ++*pos;
      } else if (s_[*pos] == '%') {
        while (*pos < s_.size() && s_[*pos] != '\n' && s_[*pos] != '\r') ++*pos;
      } else {
        break;
      }
    }
  }

  // `word` at *pos, not followed by a regular character.
  bool Keyword(size_t* pos, std::string_view word) const {
    SkipWhite(pos);
    if (s_.substr(*pos, word.size()) != word) return false;
    size_t end = *pos + word.size();
    if (end < s_.size() && !IsWhite(s_[end]) && !IsDelimiter(s_[end])) return false;
    *pos = end;
    return true;
  }

  // A non-negative integer of at most 15 digits.
  bool Integer(size_t* pos, long long* value) const {
    SkipWhite(pos);
    size_t start = *pos;
    long long v = 0;
    while (*pos < s_.size() && IsDigit(s_[*pos]) && *pos - start < 15)
      v = v * 10 + (s_[(*pos)++] - '0');
    if (*pos == start || (*pos < s_.size() && IsDigit(s_[*pos]))) return false;
    *value = v;
    return true;
  }

  bool Parse(size_t* pos, int depth, Value* v, std::string* error) {
    if (depth > kMaxDepth) return Fail(Tr("objects nested too deep"), error);
    if (++values_ > kMaxValues) return Fail(Tr("too many objects"), error);
    SkipWhite(pos);
    if (*pos >= s_.size()) return Fail(Tr("unexpected end of the file"), error);
    char c = s_[*pos];
    *v = Value{};
    if (c == '<' && s_.substr(*pos, 2) == "<<") {
      *pos += 2;
      v->kind = Value::Kind::kDict;
      for (;;) {
        SkipWhite(pos);
        if (s_.substr(*pos, 2) == ">>") {
          *pos += 2;
          return true;
        }
        Value key, value;
        if (!Parse(pos, depth + 1, &key, error)) return false;
        if (key.kind != Value::Kind::kName)
          return Fail(Tr("a dictionary key is not a name"), error);
        if (!Parse(pos, depth + 1, &value, error)) return false;
        v->keys.push_back(std::move(key.text));
        v->items.push_back(std::move(value));
      }
    }
    if (c == '[') {
      ++*pos;
      v->kind = Value::Kind::kArray;
      for (;;) {
        SkipWhite(pos);
        if (*pos < s_.size() && s_[*pos] == ']') {
          ++*pos;
          return true;
        }
        Value item;
        if (!Parse(pos, depth + 1, &item, error)) return false;
        v->items.push_back(std::move(item));
      }
    }
    if (c == '(') return LiteralString(pos, v, error);
    if (c == '<') {
      ++*pos;
      v->kind = Value::Kind::kString;
      int high = -1;
      for (; *pos < s_.size() && s_[*pos] != '>'; ++*pos) {
        if (IsWhite(s_[*pos])) continue;
        int h = HexValue(s_[*pos]);
        if (h < 0) return Fail(Tr("bad hexadecimal string"), error);
        if (high < 0) {
          high = h;
        } else {
          v->text += static_cast<char>(high * 16 + h);
          high = -1;
        }
      }
      if (*pos >= s_.size()) return Fail(Tr("unterminated hexadecimal string"), error);
      if (high >= 0) v->text += static_cast<char>(high * 16);
      ++*pos;
      return true;
    }
    if (c == '/') {
      ++*pos;
      v->kind = Value::Kind::kName;
      while (*pos < s_.size() && !IsWhite(s_[*pos]) && !IsDelimiter(s_[*pos])) {
        if (s_[*pos] == '#' && *pos + 2 < s_.size() && HexValue(s_[*pos + 1]) >= 0 &&
            HexValue(s_[*pos + 2]) >= 0) {
          v->text += static_cast<char>(HexValue(s_[*pos + 1]) * 16 + HexValue(s_[*pos + 2]));
          *pos += 3;
        } else {
          v->text += s_[(*pos)++];
        }
      }
      return true;
    }
    if (IsDigit(c) || c == '+' || c == '-' || c == '.') {
      size_t start = *pos;
      long long n = 0;
      if (IsDigit(c) && Integer(pos, &n) && (*pos >= s_.size() || s_[*pos] != '.')) {
        // An integer, or the start of a reference "n g R".
        v->kind = Value::Kind::kInt;
        v->number = n;
        size_t after = *pos;
        long long gen = 0;
        if (Integer(pos, &gen) && Keyword(pos, "R")) {
          v->kind = Value::Kind::kRef;
          return true;
        }
        *pos = after;
        return true;
      }
      *pos = start + 1;
      while (*pos < s_.size() && (IsDigit(s_[*pos]) || s_[*pos] == '.')) ++*pos;
      v->kind = Value::Kind::kReal;
      v->text = std::string(s_.substr(start, *pos - start));
      return true;
    }
    if (Keyword(pos, "true") || Keyword(pos, "false")) {
      v->kind = Value::Kind::kBool;
      return true;
    }
    if (Keyword(pos, "null")) return true;
    return Fail(Fmt("unexpected character at offset {}", *pos), error);
  }

  bool LiteralString(size_t* pos, Value* v, std::string* error) const {
    v->kind = Value::Kind::kString;
    int open = 1;
    ++*pos;
    while (*pos < s_.size()) {
      char c = s_[(*pos)++];
      if (c == '(') {
        ++open;
      } else if (c == ')') {
        if (--open == 0) return true;
      } else if (c == '\\') {
        if (*pos >= s_.size()) break;
        char e = s_[(*pos)++];
        switch (e) {
          case 'n':
            c = '\n';
            break;
          case 'r':
            c = '\r';
            break;
          case 't':
            c = '\t';
            break;
          case 'b':
            c = '\b';
            break;
          case 'f':
            c = '\f';
            break;
          case '\r':
            if (*pos < s_.size() && s_[*pos] == '\n') ++*pos;
            continue;
          case '\n':
            continue;
          default:
            if (e >= '0' && e <= '7') {
              int octal = e - '0';
              for (int k = 0; k < 2 && *pos < s_.size() && s_[*pos] >= '0' && s_[*pos] <= '7';
                   ++k) {
                octal = octal * 8 + (s_[(*pos)++] - '0');
              }
              c = static_cast<char>(octal & 0xFF);
            } else {
              c = e;
            }
        }
      }
      v->text += c;
    }
    return Fail(Tr("unterminated string"), error);
  }

  // Object `num`: its value and, for a stream, its bytes (unfiltered streams only). Each object
  // is parsed once, however often it is referenced; its stream bytes are copied out at most up to
  // the size of the file in all.
  bool Object(long long num, Value* v, std::string* data, bool* is_stream, std::string* error) {
    if (++fetches_ > kMaxFetches) return Fail(Tr("too many objects"), error);
    auto it = offsets_.find(num);
    if (it == offsets_.end()) return Fail(Fmt("object {} is not in the file", num), error);
    auto cached = parsed_.find(num);
    size_t pos = 0;
    if (cached != parsed_.end()) {
      *v = cached->second.value;
      pos = cached->second.end;
    } else {
      pos = it->second;
      long long n = 0, gen = 0;
      if (!Integer(&pos, &n) || n != num || !Integer(&pos, &gen) || !Keyword(&pos, "obj")) {
        return Fail(Fmt("object {} is not where the cross-reference table says", num), error);
      }
      if (!Parse(&pos, 0, v, error)) return false;
      parsed_.emplace(num, Parsed{*v, pos});
    }
    if (is_stream) *is_stream = false;
    size_t at = pos;
    SkipWhite(&at);
    if (!data || !is_stream || s_.substr(at, 6) != "stream") return true;
    pos = at + 6;
    if (s_.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (pos < s_.size() && s_[pos] == '\n') {
      pos += 1;
    } else {
      return Fail(Tr("bad stream"), error);
    }
    if (v->kind != Value::Kind::kDict) return Fail(Tr("bad stream"), error);
    if (v->Get("Filter")) return Fail(Tr("filtered (compressed) attachments are not read"), error);
    const Value* length = v->Get("Length");
    long long size = -1;
    if (length && length->kind == Value::Kind::kInt) {
      size = length->number;
    } else if (length && length->kind == Value::Kind::kRef) {
      Value l;
      if (!Object(length->number, &l, nullptr, nullptr, error)) return false;
      if (l.kind == Value::Kind::kInt) size = l.number;
    }
    if (size < 0 || static_cast<size_t>(size) > s_.size() - pos)
      return Fail(Tr("bad stream length"), error);
    copied_ += static_cast<size_t>(size);
    if (copied_ > s_.size()) return Fail(Tr("attachments larger than the file"), error);
    *data = std::string(s_.substr(pos, static_cast<size_t>(size)));
    pos += static_cast<size_t>(size);
    if (!Keyword(&pos, "endstream")) return Fail(Tr("stream not followed by 'endstream'"), error);
    *is_stream = true;
    return true;
  }

  // The value itself, or the object a reference points to (one level).
  bool Resolve(const Value* v, Value* out, std::string* error) {
    if (!v) return Fail(Tr("a required entry is missing"), error);
    if (v->kind != Value::Kind::kRef) {
      *out = *v;
      return true;
    }
    return Object(v->number, out, nullptr, nullptr, error);
  }

  struct Parsed {
    Value value;
    size_t end;  // where the object's value ends (a stream keyword may follow)
  };

  std::string_view s_;
  std::map<long long, size_t> offsets_;
  std::map<long long, Parsed> parsed_;
  Value trailer_;
  int fetches_ = 0;
  long long values_ = 0;
  size_t copied_ = 0;
};

}  // namespace pdf

Verification Invalid(std::string problem) {
  Verification v;
  v.problem = std::move(problem);
  return v;
}

}  // namespace

// ---- keys --------------------------------------------------------------------------------------

std::string KeyIdOf(std::string_view raw_public_key) {
  return Sha256Hex(raw_public_key).substr(0, 16);
}

bool PublicKey::FromPem(std::string_view pem, PublicKey* key, std::string* error) {
  *key = PublicKey{};
  if (pem.find("PRIVATE KEY-----") != std::string_view::npos) {
    *error = Tr("this is a private key: verify with the public key (the .pub file)");
    return false;
  }
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* p = bio ? PEM_read_bio_PUBKEY(bio, nullptr, NoPassphrase, nullptr) : nullptr;
  BIO_free(bio);
  if (!p) {
    *error = OpenSslError("not a PEM public key");
    return false;
  }
  Pkey owned = Wrap(p);
  std::string raw;
  if (!IsEd25519(p) || !RawPublic(p, &raw)) {
    *error = Tr("not an Ed25519 public key");
    return false;
  }
  key->pkey_ = std::move(owned);
  key->id_ = KeyIdOf(raw);
  return true;
}

bool PublicKey::FromRaw(std::string_view raw, PublicKey* key, std::string* error) {
  *key = PublicKey{};
  EVP_PKEY* p = raw.size() == 32 ? EVP_PKEY_new_raw_public_key(
                                       EVP_PKEY_ED25519, nullptr,
                                       reinterpret_cast<const unsigned char*>(raw.data()), 32)
                                 : nullptr;
  if (!p) {
    *error = OpenSslError(Tr("not an Ed25519 public key"));
    return false;
  }
  key->pkey_ = Wrap(p);
  key->id_ = KeyIdOf(raw);
  return true;
}

std::string PublicKey::Raw() const {
  std::string raw;
  if (pkey_) RawPublic(pkey_.get(), &raw);
  return raw;
}

std::string PublicKey::Pem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  std::string out;
  if (bio && PEM_write_bio_PUBKEY(bio, pkey_.get()) == 1) out = BioText(bio);
  BIO_free(bio);
  return out;
}

bool PublicKey::Verify(std::string_view bytes, std::string_view signature) const {
  if (!pkey_ || signature.size() != 64) return false;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, pkey_.get()) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                             signature.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                             bytes.size()) == 1;
  EVP_MD_CTX_free(ctx);
  ERR_clear_error();
  return ok;
}

bool PrivateKey::Generate(PrivateKey* key, std::string* error) {
  *key = PrivateKey{};
  EVP_PKEY* p = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (!p) {
    *error = OpenSslError("cannot generate an Ed25519 key");
    return false;
  }
  Pkey owned = Wrap(p);
  std::string raw;
  if (!RawPublic(p, &raw)) {
    *error = OpenSslError("cannot read the new public key");
    return false;
  }
  key->pkey_ = std::move(owned);
  key->id_ = KeyIdOf(raw);
  return true;
}

bool PrivateKey::FromPem(std::string_view pem, PrivateKey* key, std::string* error) {
  *key = PrivateKey{};
  if (pem.find("-----BEGIN PUBLIC KEY-----") != std::string_view::npos) {
    *error = Tr("this is a public key: sign with the private key (the .key file)");
    return false;
  }
  if (pem.find("ENCRYPTED PRIVATE KEY") != std::string_view::npos) {
    *error = Tr("encrypted private keys are not supported");
    return false;
  }
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* p = bio ? PEM_read_bio_PrivateKey(bio, nullptr, NoPassphrase, nullptr) : nullptr;
  BIO_free(bio);
  if (!p) {
    *error = OpenSslError("not a PEM private key");
    return false;
  }
  Pkey owned = Wrap(p);
  std::string raw;
  if (!IsEd25519(p) || !RawPublic(p, &raw)) {
    *error = Tr("not an Ed25519 private key");
    return false;
  }
  key->pkey_ = std::move(owned);
  key->id_ = KeyIdOf(raw);
  return true;
}

bool PrivateKey::FromRawSeed(std::string_view seed, PrivateKey* key, std::string* error) {
  *key = PrivateKey{};
  EVP_PKEY* p = seed.size() == 32 ? EVP_PKEY_new_raw_private_key(
                                        EVP_PKEY_ED25519, nullptr,
                                        reinterpret_cast<const unsigned char*>(seed.data()), 32)
                                  : nullptr;
  std::string raw;
  if (!p || !RawPublic(p, &raw)) {
    if (p) EVP_PKEY_free(p);
    *error = OpenSslError(Tr("not an Ed25519 private key"));
    return false;
  }
  key->pkey_ = Wrap(p);
  key->id_ = KeyIdOf(raw);
  return true;
}

std::string PrivateKey::Pem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  std::string out;
  if (bio &&
      PEM_write_bio_PrivateKey(bio, pkey_.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1) {
    out = BioText(bio);
  }
  BIO_free(bio);
  return out;
}

PublicKey PrivateKey::Public() const {
  PublicKey pub;
  // An EVP_PKEY holding a private key verifies too; only the public half is ever written out.
  pub.pkey_ = pkey_;
  pub.id_ = id_;
  return pub;
}

bool PrivateKey::Sign(std::string_view bytes, std::string* signature, std::string* error) const {
  if (!pkey_) {
    *error = Tr("no key");
    return false;
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t len = 0;
  bool ok = ctx && EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, pkey_.get()) == 1 &&
            EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(bytes.data()),
                           bytes.size()) == 1;
  if (ok) {
    signature->assign(len, '\0');
    ok = EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature->data()), &len,
                        reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) == 1 &&
         len == 64;
  }
  EVP_MD_CTX_free(ctx);
  if (!ok) {
    *error = OpenSslError("cannot sign");
    signature->clear();
    return false;
  }
  return true;
}

bool WriteKeyFiles(const std::string& name, const PrivateKey& key, std::string* error) {
  std::string key_path = name + ".key";
  std::string pub_path = name + ".pub";
  struct stat st;
  for (const std::string& p : {key_path, pub_path}) {
    if (::lstat(p.c_str(), &st) == 0) {
      *error = Fmt("{} exists already: refusing to overwrite a key", p);
      return false;
    }
  }
  std::string private_pem = key.Pem();
  std::string public_pem = key.Public().Pem();
  if (private_pem.empty() || public_pem.empty()) {
    OPENSSL_cleanse(private_pem.data(), private_pem.size());
    *error = OpenSslError("cannot encode the key");
    return false;
  }
  bool ok = CreateExclusive(key_path, private_pem, 0600, error);
  OPENSSL_cleanse(private_pem.data(), private_pem.size());
  if (!ok) return false;
  if (!CreateExclusive(pub_path, public_pem, 0644, error)) {
    ::unlink(key_path.c_str());  // ours: made with O_EXCL just above
    return false;
  }
  return true;
}

bool ReadFileLimited(const std::string& path, size_t max_bytes, std::string* bytes,
                     std::string* error) {
  bytes->clear();
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *error = Fmt("cannot read {}: {}", path, std::strerror(errno));
    return false;
  }
  char buf[65536];
  size_t n;
  bool too_big = false;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (bytes->size() + n > max_bytes) {
      too_big = true;
      break;
    }
    bytes->append(buf, n);
  }
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (too_big) {
    *error = Fmt("{} is larger than {} bytes: refused", path, max_bytes);
  } else if (failed) {
    *error = Fmt("cannot read {}", path);
  }
  if (too_big || failed) bytes->clear();
  return !too_big && !failed;
}

// ---- the signature file ------------------------------------------------------------------------

std::string SignatureToJson(const Signature& s) {
  nlohmann::ordered_json j;
  j["format"] = "sceau-signature";
  j["version"] = kSignatureFormatVersion;
  j["algorithm"] = "ed25519";
  j["key_id"] = s.key_id;
  j["sha256"] = s.sha256;
  j["signature"] = Base64(s.signature);
  return j.dump(2) + "\n";
}

bool SignatureFromJson(std::string_view json, Signature* s, std::string* error) {
  *s = Signature{};
  if (json.size() > kMaxSmallFileBytes) {
    *error = Tr("too large");
    return false;
  }
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    *error = Tr("not a JSON object");
    return false;
  }
  auto str = [&](const char* key, std::string* out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) {
      *error = Fmt("'{}' is missing or not a string", key);
      return false;
    }
    *out = it->get<std::string>();
    return true;
  };
  std::string format, algorithm, signature;
  if (!str("format", &format)) return false;
  if (format != "sceau-signature") {
    *error = Fmt("format is '{}', not 'sceau-signature'", format);
    return false;
  }
  auto version = j.find("version");
  if (version == j.end() || !version->is_number_integer() ||
      version->get<long long>() != kSignatureFormatVersion) {
    *error = Fmt("version {} is not supported (this build reads version {})",
                 version == j.end() ? "(none)" : version->dump(), kSignatureFormatVersion);
    return false;
  }
  if (!str("algorithm", &algorithm)) return false;
  if (algorithm != "ed25519") {
    *error = Fmt("algorithm '{}' is not supported (only ed25519)", algorithm);
    return false;
  }
  if (!str("key_id", &s->key_id) || !str("sha256", &s->sha256) || !str("signature", &signature))
    return false;
  if (!IsLowerHex(s->key_id, 16)) {
    *error = Tr("'key_id' is not 16 lowercase hex digits");
    return false;
  }
  if (!IsLowerHex(s->sha256, 64)) {
    *error = Tr("'sha256' is not 64 lowercase hex digits");
    return false;
  }
  if (!FromBase64(signature, &s->signature) || s->signature.size() != 64) {
    *error = Tr("'signature' is not the base64 of a 64-byte Ed25519 signature");
    return false;
  }
  return true;
}

bool SignResult(const PrivateKey& key, std::string_view result, Signature* s, std::string* error) {
  report::Model model;
  std::string why;
  if (!report::ReadModel(std::string(result), &model, &why)) {
    *error = Tr("not a sceau result: ") + why;
    return false;
  }
  s->key_id = key.id();
  s->sha256 = Sha256Hex(result);
  return key.Sign(result, &s->signature, error);
}

// ---- verification ------------------------------------------------------------------------------

Verification VerifyResult(const PublicKey& key, std::string_view result,
                          std::string_view signature_json) {
  Signature s;
  std::string error;
  if (!SignatureFromJson(signature_json, &s, &error)) {
    return Invalid("the signature file is not a sceau signature: " + error);
  }
  std::string sha = Sha256Hex(result);
  if (!key.Verify(result, s.signature)) {
    if (s.key_id != key.id()) {
      return Invalid(
          fmt::format("signed by another key ({}), not by the given key ({})", s.key_id, key.id()));
    }
    if (s.sha256 != sha)
      return Invalid(
          "the result was altered after it was signed (its SHA-256 is not the one signed)");
    return Invalid("the signature does not match the result (the signature was altered)");
  }
  // The signature holds; the rest of the signature file must agree with it.
  if (s.key_id != key.id()) {
    return Invalid(
        fmt::format("the signature file names key {}, but the signature is by key {} (the "
                    "signature file was altered)",
                    s.key_id, key.id()));
  }
  if (s.sha256 != sha) {
    return Invalid(
        "the signature file's SHA-256 is not the result's (the signature file was altered)");
  }
  Verification v;
  if (!report::ReadModel(std::string(result), &v.model, &error)) {
    return Invalid(fmt::format("signed by key {}, but not a sceau result this build reads: {}",
                               key.id(), error));
  }
  v.valid = true;
  v.key_id = key.id();
  return v;
}

bool RenderSignedPdf(std::string_view result, std::string_view signature_json,
                     const std::string& lang, PdfOutput* out, std::string* error) {
  report::Model model;
  if (!report::ReadModel(std::string(result), &model, error)) return false;
  PdfOptions options;
  options.lang = lang;
  options.attachments = {{kResultAttachment, std::string(result)},
                         {kSignatureAttachment, std::string(signature_json)}};
  return RenderPdf(model, options, out, error);
}

bool ReadPdfAttachments(std::string_view pdf,
                        std::vector<std::pair<std::string, std::string>>* files,
                        std::string* error) {
  files->clear();
  if (!pdf.starts_with("%PDF-")) {
    *error = Tr("not a PDF");
    return false;
  }
  pdf::Reader reader(pdf);
  return reader.Open(error) && reader.Attachments(files, error);
}

Verification VerifyPdf(const PublicKey& key, std::string_view pdf) {
  std::vector<std::pair<std::string, std::string>> files;
  std::string error;
  if (!ReadPdfAttachments(pdf, &files, &error)) {
    return Invalid("not a signed sceau report: cannot read its attachments: " + error);
  }
  const std::string* result = nullptr;
  const std::string* signature = nullptr;
  for (const auto& [name, bytes] : files) {
    const std::string** slot = name == kResultAttachment      ? &result
                               : name == kSignatureAttachment ? &signature
                                                              : nullptr;
    if (!slot) continue;
    if (*slot) return Invalid(fmt::format("the PDF has two attachments named '{}'", name));
    *slot = &bytes;
  }
  if (!result)
    return Invalid(fmt::format("not a signed sceau report: no '{}' attachment", kResultAttachment));
  if (!signature)
    return Invalid(
        fmt::format("not a signed sceau report: no '{}' attachment", kSignatureAttachment));
  Verification v = VerifyResult(key, *result, *signature);
  if (!v.valid) {
    v.problem = Tr("the result it carries: ") + v.problem;
    return v;
  }
  for (const char* lang : {"fr", "en"}) {
    PdfOutput out;
    if (RenderSignedPdf(*result, *signature, lang, &out, &error) && out.bytes == pdf) {
      v.lang = lang;
      return v;
    }
  }
  return Invalid(
      "the PDF is not the report of the signed result it carries: what it shows was altered after "
      "signing, or it was rendered by another build of sceau (the result it carries is validly "
      "signed by key " +
      v.key_id + ")");
}

std::string VerdictLine(const Verification& v) {
  // The values come from the signed document: escaped, so that none can rewrite the line on a
  // terminal (a name ending in "granted, certificate ..." then an ESC sequence hiding the rest).
  if (!v.valid) return Fmt("INVALID: {}", TerminalSafe(v.problem));
  const report::Model& m = v.model;
  // The decision is a code of the result; said in the reader's language when it is a known one.
  std::string decision = TerminalSafe(m.decision);
  for (std::string_view known :
       {Wording("granted"), Wording("conditional"), Wording("refused"), Wording("none")}) {
    if (m.decision == known) decision = Tr(known);
  }
  std::string level = m.level.empty() ? "" : Fmt(" (level {})", TerminalSafe(m.level));
  std::string certificate =
      m.has_certificate ? Fmt(", certificate {} → {}", TerminalSafe(m.certificate_effective),
                              TerminalSafe(m.certificate_expiry))
                        : Tr(", no certificate");
  return Fmt("valid: {}, {}{}{}, signed by key {}", TerminalSafe(m.org_name), decision, level,
             certificate, TerminalSafe(v.key_id));
}

}  // namespace sceau
