#include "cli/badge_commands.h"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <ctime>
#include <filesystem>
#include <memory>

#include "cli/audit_commands.h"
#include "cli/messages.h"
#include "engine/issuer_config.h"
#include "engine/referential_library.h"
#include "engine/safe_text.h"
#include "engine/wording.h"
#include "register/badge.h"
#include "register/register.h"
#include "reports/atomic_file.h"
#include "reports/data_integrity.h"
#include "reports/signing.h"

namespace sceau::cli {
namespace {

Date LocalToday() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// The Ed25519 public key a verificationMethod URI names, when it names one: its fragment as a
// Multikey ("https://example.org/issuer#z6Mk..."). False when it names none ("...#key-1").
bool NamedKey(const std::string& uri, std::string* multikey) {
  size_t hash = uri.rfind('#');
  if (hash == std::string::npos) return false;
  std::string candidate = uri.substr(hash + 1);
  PublicKey ignored;
  std::string error;
  if (!PublicKeyFromMultikey(candidate, &ignored, &error)) return false;
  *multikey = candidate;
  return true;
}

}  // namespace

int RunBadge(const BadgeOptions& o, const CommandContext& ctx) {
  // The date and the configuration first: usage errors before any secret is read.
  Date today = LocalToday();
  if (!o.today.empty()) {
    std::optional<Date> d = Date::Parse(o.today);
    if (!d) {
      ctx.err << Fmt("sceau register badge: --today '{}' is not a date (YYYY-MM-DD)\n", o.today);
      return kExitUsage;
    }
    today = *d;
  }
  std::string config_path = o.config.empty() ? DefaultIssuerConfigPath() : o.config;
  if (config_path.empty() || (o.config.empty() && !std::filesystem::exists(config_path))) {
    ctx.err << Tr(
        "sceau register badge: no issuer configuration: name it with --config FILE or "
        "$SCEAU_CONFIG (see certifier/README.md)\n");
    return kExitInvalid;
  }
  std::vector<Diagnostic> diagnostics;
  std::optional<IssuerConfig> issuer = LoadIssuerConfigFile(config_path, &diagnostics);
  for (const Diagnostic& d : diagnostics)
    ctx.err << RenderDiagnostic(d, RenderOptions{ctx.color, true});
  if (!issuer) return kExitInvalid;

  std::string error;
  std::string path = o.db.empty() ? DefaultRegisterPath() : o.db;
  RegisterOpenOptions open;
  open.create = false;
  open.read_only = true;
  auto reg = CertificateRegister::Open(path, open, &error);
  CertificateRecord c;
  std::vector<HistoryEntry> history;
  if (!reg || !reg->Show(o.number, &c, &history, &error)) {
    ctx.err << Fmt("sceau register badge: {}\n", TerminalSafe(error));
    return kExitInvalid;
  }
  CertificateState state = c.StateOn(today);
  if (state != CertificateState::kActive) {
    ctx.err << Fmt(
        "sceau register badge: {} is {} on {}: a badge is issued only for a certificate in "
        "force\n",
        TerminalSafe(c.number), Tr(CertificateStateName(state)), today.ToString());
    return kExitInvalid;
  }

  // The private key: read here, used once, wiped.
  std::string pem;
  if (!ReadFileLimited(o.key, kMaxSmallFileBytes, &pem, &error)) {
    ctx.err << "sceau register badge: " << error << "\n";
    return kExitInvalid;
  }
  PrivateKey key;
  bool loaded = PrivateKey::FromPem(pem, &key, &error);
  OPENSSL_cleanse(pem.data(), pem.size());
  if (!loaded) {
    ctx.err << Fmt("sceau register badge: {}: {}\n", o.key, error);
    return kExitInvalid;
  }
  struct stat st;
  if (::stat(o.key.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    spdlog::warn("{} can be read by others (mode {:04o}): chmod 600 it", o.key, st.st_mode & 07777);
  }
  const std::string multikey = Ed25519PublicMultikey(key.Public());
  std::string named;
  if (NamedKey(issuer->key_id, &named) && named != multikey) {
    ctx.err << Fmt(
        "sceau register badge: {} is not the key {} names (issuer.key_id {}): its public key is "
        "{}\n",
        o.key, issuer->path, issuer->key_id, multikey);
    return kExitInvalid;
  }

  auto library = std::make_shared<ReferentialLibrary>(FindReferentialsDir(o.referentials, ctx.env));
  std::string ignored;
  std::shared_ptr<const Referential> ref =
      library->Resolve(c.referential_id, c.referential_version, &ignored);
  if (!ref) {
    ctx.err << Fmt(
        "sceau register badge: warning: referential {} {} not found: the badge names it without "
        "its criteria\n",
        c.referential_id, c.referential_version);
  }
  BadgeRequest request;
  request.issuer = *issuer;
  request.certificate = c;
  request.referential = ref.get();
  request.lang = o.lang == "en" ? "en" : "fr";
  request.created = o.today.empty() ? UtcNow() : today.ToString() + "T00:00:00Z";
  std::string json;
  if (!IssueBadge(request, key, &json, &error)) {
    ctx.err << "sceau register badge: " << error << "\n";
    return kExitInvalid;
  }
  std::string out = o.out;
  bool written;
  if (out.empty()) {
    out = c.number + "-badge.json";
    bool existed = false;
    written = CreateFileAtomically(out, json, &error, &existed);
    if (existed) {
      error = Fmt("{} exists: not replaced (name the file to replace with --out)", out);
    }
  } else {
    written = WriteFileAtomically(out, json, &error);
  }
  if (!written) {
    ctx.err << "sceau register badge: " << error << "\n";
    return kExitInvalid;
  }
  if (!ctx.quiet) ctx.out << Say(o.lang, "summary.wrote", {{"files", out}}) << "\n";
  return kExitOk;
}

CommandRun DeclareRegisterBadge(CLI::App& sub, const std::string* db) {
  auto o = std::make_shared<BadgeOptions>();
  sub.add_option("CERT", o->number, "Certificate number")->required();
  sub.add_option("--key", o->key, "The certifier's private key (NAME.key from 'sceau keygen')")
      ->required();
  sub.add_option("--config", o->config,
                 "Issuer configuration (default: $SCEAU_CONFIG, else "
                 "$XDG_CONFIG_HOME/sceau/sceau.yaml, else ~/.config/sceau/sceau.yaml)");
  sub.add_option("--out", o->out,
                 "JSON file to write, replaced if it exists (default: CERT-badge.json in the "
                 "current folder, never replaced)");
  sub.add_option("--today", o->today,
                 "The day of issue, YYYY-MM-DD: the certificate must be in force then, and the "
                 "proof is dated at its midnight UTC (default: today, the proof dated now)");
  CLI::Option* lang = AddLanguageOption(sub, &o->lang, "the credential's texts");
  sub.add_option("--referentials", o->referentials,
                 "Folder of the referentials (default: as for audit)");
  return [o, db, lang](const CommandContext& c) {
    BadgeOptions options = *o;
    options.db = *db;
    options.lang = CommandLanguage(lang, options.lang);
    return RunBadge(options, c);
  };
}

}  // namespace sceau::cli
