#include "cli/sign_commands.h"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/messages.h"
#include "engine/wording.h"
#include "reports/atomic_file.h"
#include "reports/signing.h"

namespace sceau::cli {

int RunKeygen(const KeygenOptions& o, std::ostream& out, std::ostream& err) {
  if (o.out.empty()) {
    err << Tr("sceau keygen: --out NAME is required\n");
    return kExitUsage;
  }
  PrivateKey key;
  std::string error;
  if (!PrivateKey::Generate(&key, &error) || !WriteKeyFiles(o.out, key, &error)) {
    err << "sceau keygen: " << error << "\n";
    return kExitInvalid;
  }
  out << Fmt("key id: {}\n", key.id());
  if (!o.quiet) {
    out << Fmt(
        "Wrote {0}.key (private key, mode 0600: keep it secret) and {0}.pub "
        "(public key: give it to whoever verifies)\n",
        o.out);
  }
  return kExitOk;
}

int RunSign(const SignOptions& o, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  std::string error;
  std::string pem;
  if (!ReadFileLimited(o.key, kMaxSmallFileBytes, &pem, &error)) {
    err << "sceau sign: " << error << "\n";
    return kExitInvalid;
  }
  PrivateKey key;
  bool loaded = PrivateKey::FromPem(pem, &key, &error);
  OPENSSL_cleanse(pem.data(), pem.size());
  if (!loaded) {
    err << Fmt("sceau sign: {}: {}\n", o.key, error);
    return kExitInvalid;
  }
  struct stat st;
  if (::stat(o.key.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    spdlog::warn("{} can be read by others (mode {:04o}): chmod 600 it", o.key, st.st_mode & 07777);
  }
  std::string result;
  if (!ReadFileLimited(o.result, kMaxResultBytes, &result, &error)) {
    err << "sceau sign: " << error << "\n";
    return kExitInvalid;
  }
  Signature signature;
  if (!SignResult(key, result, &signature, &error)) {
    err << Fmt("sceau sign: {}: {}\n", o.result, error);
    return kExitInvalid;
  }
  std::string sig_json = SignatureToJson(signature);
  std::string sig_path = o.result + ".sig";
  std::string pdf_path = fs::path(o.result).replace_extension(".pdf").string();
  // Everything is rendered before anything is written.
  PdfOutput pdf;
  if (o.pdf) {
    if (!RenderSignedPdf(result, sig_json, o.lang, &pdf, &error)) {
      err << Fmt("sceau sign: cannot render the PDF: {}\n", error);
      return kExitInvalid;
    }
    for (const std::string& w : pdf.warnings) spdlog::warn("PDF: {}", w);
  }
  if (!WriteFileAtomically(sig_path, sig_json, &error) ||
      (o.pdf && !WriteFileAtomically(pdf_path, pdf.bytes, &error))) {
    err << "sceau sign: " << error << "\n";
    return kExitInvalid;
  }
  if (!o.quiet) {
    out << Fmt("Signed {} with key {}: wrote {}{}\n", o.result, key.id(), sig_path,
               o.pdf ? ", " + pdf_path : "");
  }
  return kExitOk;
}

int RunVerify(const VerifyOptions& o, std::ostream& out, std::ostream& err) {
  std::string error;
  std::string pem;
  PublicKey key;
  if (!ReadFileLimited(o.key, kMaxSmallFileBytes, &pem, &error)) {
    err << "sceau verify: " << error << "\n";
    return kExitUsage;
  }
  if (!PublicKey::FromPem(pem, &key, &error)) {
    err << Fmt("sceau verify: {}: {}\n", o.key, error);
    return kExitUsage;
  }
  std::string file;
  Verification v;
  if (!ReadFileLimited(o.file, kMaxPdfBytes, &file, &error)) {
    v.problem = error;
  } else if (file.starts_with("%PDF-")) {
    if (!o.signature.empty()) {
      err << Tr(
          "sceau verify: --signature is for a JSON result: a signed PDF carries its signature\n");
      return kExitUsage;
    }
    v = VerifyPdf(key, file);
  } else if (file.size() > kMaxResultBytes) {
    v.problem = Fmt("{} is larger than {} bytes: refused", o.file, kMaxResultBytes);
  } else {
    std::string sig_path = o.signature.empty() ? o.file + ".sig" : o.signature;
    std::string sig;
    if (!ReadFileLimited(sig_path, kMaxSmallFileBytes, &sig, &error)) {
      v.problem = Tr("no signature: ") + error;
    } else {
      v = VerifyResult(key, file, sig);
    }
  }
  if (!v.valid) {
    err << VerdictLine(v) << "\n";
    return kExitInvalid;
  }
  if (!o.quiet) out << VerdictLine(v) << "\n";
  return kExitOk;
}

// ---- The subcommands ---------------------------------------------------------------------------

CommandRun DeclareKeygen(CLI::App& app) {
  auto o = std::make_shared<KeygenOptions>();
  app.add_option("--out", o->out,
                 "NAME: writes NAME.key (mode 0600) and NAME.pub; never overwrites")
      ->required();
  app.footer("Exit codes: 0 written, 1 a key file exists or cannot be written, 2 usage error.");
  return [o](const CommandContext& c) {
    KeygenOptions options = *o;
    options.quiet = c.quiet;
    return RunKeygen(options, c.out, c.err);
  };
}

CommandRun DeclareSign(CLI::App& app) {
  auto o = std::make_shared<SignOptions>();
  app.add_option("RESULT", o->result, "JSON result written by 'sceau audit'")->required();
  app.add_option("--key", o->key, "Private key written by 'sceau keygen' (NAME.key)")->required();
  app.add_flag("--pdf", o->pdf,
               "Also write RESULT.pdf: the report, with the result and its signature attached");
  CLI::Option* lang = AddLanguageOption(app, &o->lang, "the PDF");
  app.footer("Exit codes: 0 signed, 1 invalid input (not a result, unusable key), 2 usage error.");
  return [o, lang](const CommandContext& c) {
    SignOptions options = *o;
    options.lang = CommandLanguage(lang, options.lang);
    options.quiet = c.quiet;
    return RunSign(options, c.out, c.err);
  };
}

CommandRun DeclareVerify(CLI::App& app) {
  auto o = std::make_shared<VerifyOptions>();
  app.add_option("FILE", o->file, "JSON result (signature in FILE.sig) or signed PDF")->required();
  app.add_option("--key", o->key, "The signer's public key (NAME.pub)")->required();
  app.add_option("--signature", o->signature, "Signature of a JSON result (default: FILE.sig)");
  app.footer(
      "Exit codes: 0 valid, 1 invalid (altered, signed by another key, unsigned, unreadable), "
      "2 usage error (including a --key that is not an Ed25519 public key).");
  return [o](const CommandContext& c) {
    VerifyOptions options = *o;
    options.quiet = c.quiet;
    return RunVerify(options, c.out, c.err);
  };
}

}  // namespace sceau::cli
