// Signed results: Ed25519 keys, the detached signature of a JSON result ("sceau-signature"
// version 1), and the signed PDF that carries the result and its signature as attachments.
//
// The signature covers the exact bytes of the JSON result. The PDF is rendered from the JSON alone
// and deterministically, so a signed PDF is checked by verifying the embedded result's signature,
// rendering that result again with the same attachments, and comparing the bytes: any change to
// what the PDF shows makes it differ. The threat model is in SECURITY.md.
#ifndef SCEAU_REPORTS_SIGNING_H_
#define SCEAU_REPORTS_SIGNING_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reports/pdf_writer.h"
#include "reports/report_model.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace sceau {

inline constexpr int kSignatureFormatVersion = 1;
// The names of the two attachments of a signed PDF.
inline constexpr char kResultAttachment[] = "sceau-result.json";
inline constexpr char kSignatureAttachment[] = "sceau-result.json.sig";

// Largest files read: a JSON result (as for dossiers), a signature or key file, a signed PDF.
inline constexpr size_t kMaxResultBytes = size_t{64} << 20;
inline constexpr size_t kMaxSmallFileBytes = size_t{64} << 10;
inline constexpr size_t kMaxPdfBytes = size_t{256} << 20;

// A key id: the first 16 hex digits of the SHA-256 of the raw 32-byte Ed25519 public key.
std::string KeyIdOf(std::string_view raw_public_key);

// An Ed25519 public key.
class PublicKey {
 public:
  // Reads a PEM "PUBLIC KEY" (SubjectPublicKeyInfo). A private key is refused with a message
  // that says so.
  static bool FromPem(std::string_view pem, PublicKey* key, std::string* error);
  // From the raw 32-byte Ed25519 public key (as a Multikey carries it).
  static bool FromRaw(std::string_view raw, PublicKey* key, std::string* error);
  const std::string& id() const { return id_; }
  std::string Pem() const;
  // The raw 32-byte public key; empty when there is no key.
  std::string Raw() const;
  // True when `signature` (64 raw bytes) is this key's Ed25519 signature of `bytes`.
  bool Verify(std::string_view bytes, std::string_view signature) const;
  bool ok() const { return pkey_ != nullptr; }

 private:
  friend class PrivateKey;
  std::shared_ptr<evp_pkey_st> pkey_;
  std::string id_;
};

// An Ed25519 private key. OpenSSL wipes it from memory when the last copy goes.
class PrivateKey {
 public:
  static bool Generate(PrivateKey* key, std::string* error);
  // Reads an unencrypted PEM "PRIVATE KEY" (PKCS #8). Never prompts for a passphrase.
  static bool FromPem(std::string_view pem, PrivateKey* key, std::string* error);
  // From the raw 32-byte Ed25519 seed (RFC 8032's private key, as a Multikey carries it).
  static bool FromRawSeed(std::string_view seed, PrivateKey* key, std::string* error);
  const std::string& id() const { return id_; }
  std::string Pem() const;
  PublicKey Public() const;
  // The 64-byte Ed25519 signature of `bytes` (pure Ed25519: no pre-hash).
  bool Sign(std::string_view bytes, std::string* signature, std::string* error) const;
  bool ok() const { return pkey_ != nullptr; }

 private:
  std::shared_ptr<evp_pkey_st> pkey_;
  std::string id_;
};

// Writes NAME.key (the private key, mode 0600) and NAME.pub (the public key), each created with
// O_EXCL: if either exists, nothing is written. On failure, nothing is left behind.
bool WriteKeyFiles(const std::string& name, const PrivateKey& key, std::string* error);

// Reads a whole file of at most `max_bytes`; false with `*error` set otherwise.
bool ReadFileLimited(const std::string& path, size_t max_bytes, std::string* bytes,
                     std::string* error);

// The detached signature of a result: the content of RESULT.json.sig.
struct Signature {
  std::string key_id;     // 16 lowercase hex digits
  std::string sha256;     // 64 lowercase hex digits: the SHA-256 of the signed bytes
  std::string signature;  // 64 raw bytes (base64 in the file)
};

// {"format": "sceau-signature", "version": 1, "algorithm": "ed25519", "key_id", "sha256",
// "signature"}, indented like the result, ending with a newline.
std::string SignatureToJson(const Signature& s);
// Reads it back, strictly: every field present, of the right form (canonical base64 of 64
// bytes, lowercase hex), format and algorithm as above, version 1. Unknown fields are ignored.
bool SignatureFromJson(std::string_view json, Signature* s, std::string* error);

// Signs the exact bytes of a JSON result. Refuses what is not a sceau result this build reads.
bool SignResult(const PrivateKey& key, std::string_view result, Signature* s, std::string* error);

// The outcome of a verification.
struct Verification {
  bool valid = false;
  std::string problem;  // why it is not valid, one sentence
  std::string key_id;   // the key that signed, when valid
  report::Model model;  // the signed result, when valid (read only once its signature held)
  std::string lang;     // for a PDF: the language it was rendered in
};

// Verifies `result` (the exact bytes of a JSON result) against its signature file's content.
Verification VerifyResult(const PublicKey& key, std::string_view result,
                          std::string_view signature_json);

// The report of `result` (as `sceau report` renders it) with the result and its signature
// attached as kResultAttachment and kSignatureAttachment. Same inputs, same bytes.
bool RenderSignedPdf(std::string_view result, std::string_view signature_json,
                     const std::string& lang, PdfOutput* out, std::string* error);

// The attachments (name, bytes) of a PDF laid out as sceau writes it: one classic cross-reference
// table, a flat EmbeddedFiles name tree, streams without filters. Anything else is refused. This
// reader is a convenience, not part of what is trusted: VerifyPdf accepts a PDF only when it is
// byte for byte the one sceau renders from the signed result it carries.
bool ReadPdfAttachments(std::string_view pdf,
                        std::vector<std::pair<std::string, std::string>>* files,
                        std::string* error);

// Verifies a signed PDF: the embedded result's signature, then that the PDF is exactly the one
// RenderSignedPdf gives for that result and signature (in French or in English).
Verification VerifyPdf(const PublicKey& key, std::string_view pdf);

// "valid: <organisation>, <decision>, certificate <effective> → <expiry>, signed by key <id>" or
// "INVALID: <problem>".
std::string VerdictLine(const Verification& v);

}  // namespace sceau

#endif  // SCEAU_REPORTS_SIGNING_H_
