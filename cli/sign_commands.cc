#include "cli/sign_commands.h"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/messages.h"
#include "engine/safe_text.h"
#include "engine/wording.h"
#include "register/badge.h"
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

namespace {

// An Open Badges credential (register/badge.h).
int VerifyCredential(const VerifyOptions& o, const PublicKey& key, std::string_view file,
                     std::ostream& out, std::ostream& err) {
  if (!o.signature.empty()) {
    err << Tr("sceau verify: --signature is for a JSON result: a credential carries its proof\n");
    return kExitUsage;
  }
  BadgeCheckOptions options;
  options.status_dir = o.status_dir;
  if (o.today.empty()) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    options.today = Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
  } else if (std::optional<Date> d = Date::Parse(o.today)) {
    options.today = *d;
  } else {
    err << Fmt("sceau verify: --today '{}' is not a date (YYYY-MM-DD)\n", o.today);
    return kExitUsage;
  }
  // The verdict quotes the credential: its controls made visible (engine/safe_text.h).
  BadgeVerification v = VerifyBadge(key, file, options);
  if (!v.valid) {
    err << TerminalSafe(BadgeVerdictLine(v)) << "\n";
    return kExitInvalid;
  }
  if (!o.quiet) out << TerminalSafe(BadgeVerdictLine(v)) << "\n";
  return kExitOk;
}

}  // namespace

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
  } else if (!file.starts_with("%PDF-") && LooksLikeCredential(file)) {
    return VerifyCredential(o, key, file, out, err);
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
  app.add_option("FILE", o->file,
                 "JSON result (signature in FILE.sig), signed PDF, or Open Badges credential")
      ->required();
  app.add_option("--key", o->key, "The signer's public key (NAME.pub)")->required();
  app.add_option("--signature", o->signature, "Signature of a JSON result (default: FILE.sig)");
  app.add_option("--status-dir", o->status_dir,
                 "Credential: the published directory whose status lists (status/*.json) say "
                 "whether the certificate is suspended or withdrawn (default: not checked)");
  app.add_option("--today", o->today,
                 "Credential: the day its dates are checked against, YYYY-MM-DD (default: today)");
  app.footer(
      "Exit codes: 0 valid, 1 invalid (altered, signed by another key, unsigned, unreadable; a "
      "credential not yet valid, expired, suspended or withdrawn), 2 usage error (including a "
      "--key that is not an Ed25519 public key).");
  return [o](const CommandContext& c) {
    VerifyOptions options = *o;
    options.quiet = c.quiet;
    return RunVerify(options, c.out, c.err);
  };
}

}  // namespace sceau::cli
