#include "cli/sign_commands.h"

#include <openssl/crypto.h>
#include <sys/stat.h>

#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "reports/atomic_file.h"
#include "reports/signing.h"

namespace sceau::cli {

int RunKeygen(const KeygenOptions& o) {
  if (o.out.empty()) {
    std::cerr << "sceau keygen: --out NAME is required\n";
    return kExitUsage;
  }
  PrivateKey key;
  std::string error;
  if (!PrivateKey::Generate(&key, &error) || !WriteKeyFiles(o.out, key, &error)) {
    std::cerr << "sceau keygen: " << error << "\n";
    return kExitInvalid;
  }
  std::cout << "key id: " << key.id() << "\n";
  if (!o.quiet) {
    std::cout << fmt::format(
        "Wrote {0}.key (private key, mode 0600: keep it secret) and {0}.pub "
        "(public key: give it to whoever verifies)\n",
        o.out);
  }
  return kExitOk;
}

int RunSign(const SignOptions& o) {
  namespace fs = std::filesystem;
  std::string error;
  std::string pem;
  if (!ReadFileLimited(o.key, kMaxSmallFileBytes, &pem, &error)) {
    std::cerr << "sceau sign: " << error << "\n";
    return kExitInvalid;
  }
  PrivateKey key;
  bool loaded = PrivateKey::FromPem(pem, &key, &error);
  OPENSSL_cleanse(pem.data(), pem.size());
  if (!loaded) {
    std::cerr << fmt::format("sceau sign: {}: {}\n", o.key, error);
    return kExitInvalid;
  }
  struct stat st;
  if (::stat(o.key.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    spdlog::warn("{} can be read by others (mode {:04o}): chmod 600 it", o.key, st.st_mode & 07777);
  }
  std::string result;
  if (!ReadFileLimited(o.result, kMaxResultBytes, &result, &error)) {
    std::cerr << "sceau sign: " << error << "\n";
    return kExitInvalid;
  }
  Signature signature;
  if (!SignResult(key, result, &signature, &error)) {
    std::cerr << fmt::format("sceau sign: {}: {}\n", o.result, error);
    return kExitInvalid;
  }
  std::string sig_json = SignatureToJson(signature);
  std::string sig_path = o.result + ".sig";
  std::string pdf_path = fs::path(o.result).replace_extension(".pdf").string();
  // Everything is rendered before anything is written.
  PdfOutput pdf;
  if (o.pdf) {
    if (!RenderSignedPdf(result, sig_json, o.lang, &pdf, &error)) {
      std::cerr << fmt::format("sceau sign: cannot render the PDF: {}\n", error);
      return kExitInvalid;
    }
    for (const std::string& w : pdf.warnings) spdlog::warn("PDF: {}", w);
  }
  if (!WriteFileAtomically(sig_path, sig_json, &error) ||
      (o.pdf && !WriteFileAtomically(pdf_path, pdf.bytes, &error))) {
    std::cerr << "sceau sign: " << error << "\n";
    return kExitInvalid;
  }
  if (!o.quiet) {
    std::cout << fmt::format("Signed {} with key {}: wrote {}{}\n", o.result, key.id(), sig_path,
                             o.pdf ? ", " + pdf_path : "");
  }
  return kExitOk;
}

int RunVerify(const VerifyOptions& o) {
  std::string error;
  std::string pem;
  PublicKey key;
  if (!ReadFileLimited(o.key, kMaxSmallFileBytes, &pem, &error)) {
    std::cerr << "sceau verify: " << error << "\n";
    return kExitUsage;
  }
  if (!PublicKey::FromPem(pem, &key, &error)) {
    std::cerr << fmt::format("sceau verify: {}: {}\n", o.key, error);
    return kExitUsage;
  }
  std::string file;
  Verification v;
  if (!ReadFileLimited(o.file, kMaxPdfBytes, &file, &error)) {
    v.problem = error;
  } else if (file.starts_with("%PDF-")) {
    if (!o.signature.empty()) {
      std::cerr
          << "sceau verify: --signature is for a JSON result: a signed PDF carries its signature\n";
      return kExitUsage;
    }
    v = VerifyPdf(key, file);
  } else if (file.size() > kMaxResultBytes) {
    v.problem = fmt::format("{} is larger than {} bytes: refused", o.file, kMaxResultBytes);
  } else {
    std::string sig_path = o.signature.empty() ? o.file + ".sig" : o.signature;
    std::string sig;
    if (!ReadFileLimited(sig_path, kMaxSmallFileBytes, &sig, &error)) {
      v.problem = "no signature: " + error;
    } else {
      v = VerifyResult(key, file, sig);
    }
  }
  if (!v.valid) {
    std::cerr << VerdictLine(v) << "\n";
    return kExitInvalid;
  }
  if (!o.quiet) std::cout << VerdictLine(v) << "\n";
  return kExitOk;
}

}  // namespace sceau::cli
