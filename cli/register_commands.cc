#include "cli/register_commands.h"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "cli/audit_commands.h"
#include "cli/badge_commands.h"
#include "cli/commands.h"
#include "cli/issuer_option.h"
#include "cli/messages.h"
#include "cli/register_documents.h"
#include "engine/issuer_config.h"
#include "engine/referential_library.h"
#include "engine/safe_text.h"
#include "engine/wording.h"
#include "register/register.h"
#include "register/register_format.h"
#include "register/status_list.h"
#include "register/time_limits.h"
#include "reports/atomic_file.h"
#include "reports/directory.h"
#include "reports/register_pdf.h"
#include "reports/signing.h"

namespace sceau::cli {
namespace {

struct RegisterState {
  std::string db;
  // record
  std::string result;
  bool new_certificate = false;
  // list
  std::optional<int> expiring;
  std::string state;
  std::string list_format = "table";
  std::string today;
  std::string referentials;  // list, show, update: where the referentials' time limits are read
  // show
  std::string number;
  std::string show_format = "text";
  // certificate, letter
  std::string lang = "fr";
  std::string out;
  std::string qr_config;  // certificate: --config, whose directory gives the QR code's address
  // suspend, withdraw, reinstate
  std::string reason;
  std::string by;
  // publish
  std::string config;
  std::string base_url;
};

// Who makes the change: --by, else the login name, else the user id.
std::string Who(const RegisterState& st) {
  if (!st.by.empty()) return st.by;
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  return fmt::format("uid {}", ::geteuid());
}

Date LocalToday() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// --today, else today. False (usage error printed) when --today is not a date.
bool Today(const RegisterState& st, const CommandContext& ctx, const char* command, Date* today) {
  if (st.today.empty()) {
    *today = LocalToday();
    return true;
  }
  std::optional<Date> d = Date::Parse(st.today);
  if (!d) {
    ctx.err << Fmt("sceau register {}: --today '{}' is not a date (YYYY-MM-DD)\n", command,
                   st.today);
    return false;
  }
  *today = *d;
  return true;
}

std::unique_ptr<CertificateRegister> OpenRegister(const RegisterState& st,
                                                  const CommandContext& ctx, const char* command,
                                                  bool create, bool read_only = false) {
  std::string path = st.db.empty() ? DefaultRegisterPath() : st.db;
  RegisterOpenOptions options;
  options.create = create;
  options.read_only = read_only;
  std::string error;
  auto reg = CertificateRegister::Open(path, options, &error);
  if (!reg) ctx.err << Fmt("sceau register {}: {}\n", command, TerminalSafe(error));
  return reg;
}

// `c` as it stands on `today` once the time limits are applied: a suspension past its limit shows
// withdrawn (a certificate past its expiry shows expired, as before).
CertificateRecord AsOf(CertificateRegister& reg, const PolicyLookup& policies,
                       const CertificateRecord& c, const Date& today) {
  CertificateRecord shown = c;
  if (c.state != CertificateState::kSuspended) return shown;
  CertificateRecord full;
  std::vector<HistoryEntry> history;
  std::string error;
  if (!reg.Show(c.number, &full, &history, &error)) return shown;
  std::optional<Policy> p = policies(c.referential_id, c.referential_version);
  if (StateAsOf(full, history, p ? *p : Policy{}, today) == "withdrawn") {
    shown.state = CertificateState::kWithdrawn;
  }
  return shown;
}

int RunRecord(const RegisterState& st, const CommandContext& ctx) {
  std::string bytes;
  std::string error;
  if (!ReadFileLimited(st.result, kMaxResultBytes, &bytes, &error)) {
    ctx.err << "sceau register record: " << TerminalSafe(error) << "\n";
    return kExitInvalid;
  }
  RecordRequest request;
  if (!ParseRegisterInput(bytes, st.result, &request.input, &error)) {
    ctx.err << "sceau register record: " << TerminalSafe(error) << "\n";
    return kExitInvalid;
  }
  request.who = Who(st);
  request.new_certificate = st.new_certificate;
  auto reg = OpenRegister(st, ctx, "record", /*create=*/true);
  if (!reg) return kExitInvalid;
  RecordOutcome out;
  if (!reg->Record(request, &out, &error)) {
    ctx.err << "sceau register record: " << TerminalSafe(error) << "\n";
    return kExitInvalid;
  }
  if (ctx.quiet) return kExitOk;
  if (out.number.empty()) {
    ctx.out << Fmt("Recorded the refusal of {} ({} audit {}): no certificate\n",
                   TerminalSafe(out.organisation), TerminalSafe(request.input.audit_kind),
                   TerminalSafe(request.input.audit_id));
  } else if (out.issued) {
    ctx.out << Fmt("Issued {} to {}: active, {} to {}\n", TerminalSafe(out.number),
                   TerminalSafe(out.organisation), out.effective.ToString(), out.expiry.ToString());
  } else {
    ctx.out << Fmt("{} ({}): {}, {} -> {}, valid {} to {}, revision {}\n", TerminalSafe(out.number),
                   TerminalSafe(out.organisation), out.action, out.from_state, out.to_state,
                   out.effective.ToString(), out.expiry.ToString(), out.revision);
  }
  return kExitOk;
}

int RunList(const RegisterState& st, const CommandContext& ctx) {
  RegisterFilter filter;
  if (!Today(st, ctx, "list", &filter.today)) return kExitUsage;
  filter.expiring_days = st.expiring;
  std::optional<CertificateState> wanted;
  if (!st.state.empty()) wanted = ParseCertificateState(st.state);
  auto reg = OpenRegister(st, ctx, "list", /*create=*/false, /*read_only=*/true);
  if (!reg) return kExitInvalid;
  std::vector<CertificateRecord> all;
  std::string error;
  if (!reg->List(filter, &all, &error)) {
    ctx.err << "sceau register list: " << TerminalSafe(error) << "\n";
    return kExitInvalid;
  }
  // The state on --today, time limits applied, then the --state filter.
  PolicyLookup policies = ReferentialPolicies(st.referentials, ctx.env);
  std::vector<CertificateRecord> list;
  for (const CertificateRecord& c : all) {
    CertificateRecord shown = AsOf(*reg, policies, c, filter.today);
    if (wanted && shown.StateOn(filter.today) != *wanted) continue;
    list.push_back(std::move(shown));
  }
  if (st.list_format == "csv") {
    ctx.out << ListToCsv(list, filter.today);
  } else if (st.list_format == "json") {
    ctx.out << ListToJson(list, filter.today);
  } else {
    ctx.out << ListToTable(list, filter.today);
  }
  return kExitOk;
}

int RunShow(const RegisterState& st, const CommandContext& ctx) {
  Date today;
  if (!Today(st, ctx, "show", &today)) return kExitUsage;
  auto reg = OpenRegister(st, ctx, "show", /*create=*/false, /*read_only=*/true);
  if (!reg) return kExitInvalid;
  CertificateRecord c;
  std::vector<HistoryEntry> history;
  std::string error;
  if (!reg->Show(st.number, &c, &history, &error)) {
    ctx.err << "sceau register show: " << TerminalSafe(error) << "\n";
    return kExitInvalid;
  }
  c = AsOf(*reg, ReferentialPolicies(st.referentials, ctx.env), c, today);
  ctx.out << (st.show_format == "json" ? ShowToJson(c, history, today)
                                       : ShowToText(c, history, today));
  return kExitOk;
}

int RunChange(const RegisterState& st, const CommandContext& ctx, const char* command,
              CertificateRegister::Change change) {
  Date today;
  if (!Today(st, ctx, command, &today)) return kExitUsage;
  auto reg = OpenRegister(st, ctx, command, /*create=*/false);
  if (!reg) return kExitInvalid;
  std::string error;
  CertificateRecord c;
  std::vector<HistoryEntry> history;
  if (reg->Show(st.number, &c, &history, &error)) {
    // The history is in order of dates: a change cannot take effect before the last one.
    if (!history.empty() && today.ToString() < history.back().date) {
      ctx.err << Fmt(
          "sceau register {}: {} cannot change on {}: its last change ({}) took effect on {}\n",
          command, TerminalSafe(c.number), today.ToString(), TerminalSafe(history.back().action),
          history.back().date);
      return kExitInvalid;
    }
    // Time limits first: a suspension past its limit is a withdrawal, which no one reinstates.
    std::optional<Policy> p =
        ReferentialPolicies(st.referentials, ctx.env)(c.referential_id, c.referential_version);
    std::optional<TimeChange> due = TimeChangeAsOf(c, history, p ? *p : Policy{}, today);
    if (due && change == CertificateRegister::Change::kReinstate) {
      ctx.err << Fmt(
          "sceau register {}: cannot reinstate {}: it is {} since {} ({}); only an initial audit "
          "can grant a new certificate (record the change with 'sceau register update')\n",
          command, TerminalSafe(c.number), due->state, due->date.ToString(),
          TerminalSafe(due->reason.message.Get("en")));
      return kExitInvalid;
    }
  }
  RecordOutcome out;
  if (!reg->Apply(st.number, change, st.reason, Who(st), today, "", &out, &error)) {
    ctx.err << Fmt("sceau register {}: {}\n", command, TerminalSafe(error));
    return kExitInvalid;
  }
  if (!ctx.quiet) {
    ctx.out << Fmt("{} ({}): {} -> {}\n", TerminalSafe(out.number), TerminalSafe(out.organisation),
                   out.from_state, out.to_state);
  }
  return kExitOk;
}

int RunUpdate(const RegisterState& st, const CommandContext& ctx) {
  Date today;
  if (!Today(st, ctx, "update", &today)) return kExitUsage;
  auto reg = OpenRegister(st, ctx, "update", /*create=*/false);
  if (!reg) return kExitInvalid;
  std::vector<TimeLimitChange> done;
  std::string error;
  bool ok = ApplyTimeLimits(*reg, ReferentialPolicies(st.referentials, ctx.env), today, Who(st), "",
                            &done, &error);
  if (!ctx.quiet) {
    for (const TimeLimitChange& c : done) {
      ctx.out << Fmt("{} ({}): {} -> {} on {}: {}\n", TerminalSafe(c.number),
                     TerminalSafe(c.organisation), c.from_state, c.to_state, c.date.ToString(),
                     c.reason);
    }
    if (ok && done.empty()) ctx.out << Fmt("No change due by {}\n", today.ToString());
  }
  if (!ok) {
    ctx.err << "sceau register update: " << error << "\n";
    return kExitInvalid;
  }
  return kExitOk;
}

// `certificate` and `letter`: the document for CERT on --today, written to --out, else to
// <CERT>-<word>.pdf in the current folder, which is never replaced.
int RunDocument(const RegisterState& st, const CommandContext& ctx, const char* command) {
  const bool letter = std::string_view(command) == "letter";
  Date today;
  if (!Today(st, ctx, command, &today)) return kExitUsage;
  auto reg = OpenRegister(st, ctx, command, /*create=*/false);
  if (!reg) return kExitInvalid;
  CertificateRecord c;
  std::vector<HistoryEntry> history;
  std::string error;
  if (!reg->Show(st.number, &c, &history, &error)) {
    ctx.err << Fmt("sceau register {}: {}\n", command, error);
    return kExitInvalid;
  }
  auto library =
      std::make_shared<ReferentialLibrary>(FindReferentialsDir(st.referentials, ctx.env));
  std::string ignored;
  std::shared_ptr<const Referential> ref =
      library->Resolve(c.referential_id, c.referential_version, &ignored);
  const Policy policy = ref ? ref->policy : Policy{};
  RegisterDocument doc = CertificateDocument(c, history, policy, ref.get(), today, st.lang);
  if (!letter) {
    std::string directory_url;
    if (!ReadDirectoryUrl(st.qr_config, ctx.color, ctx.err, &directory_url)) return kExitInvalid;
    if (IsPublishableNumber(c.number)) {
      doc.page_url = CertificatePageUrl(directory_url, c.number, st.lang);
    }
  }
  if (letter && !LetterChange(history, policy, &doc, &error)) {
    ctx.err << Fmt("sceau register {}: {}\n", command, error);
    return kExitInvalid;
  }
  std::string path = st.out;
  if (path.empty()) {
    const char* word = letter ? (st.lang == "en" ? "letter" : "lettre")
                              : (st.lang == "en" ? "certificate" : "certificat");
    path = fmt::format("{}-{}.pdf", c.number, word);
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      ctx.err << Fmt(
          "sceau register {}: {} exists: not replaced (name the file to replace with --out)\n",
          command, path);
      return kExitInvalid;
    }
  }
  PdfOutput pdf;
  bool drawn = letter ? RenderRegisterLetterPdf(doc, &pdf, &error)
                      : RenderRegisterCertificatePdf(doc, &pdf, &error);
  if (!drawn || !WriteFileAtomically(path, pdf.bytes, &error)) {
    ctx.err << Fmt("sceau register {}: {}\n", command, error);
    return kExitInvalid;
  }
  for (const std::string& w : pdf.warnings) {
    ctx.err << Fmt("sceau register {}: warning: {}\n", command, w);
  }
  if (!ctx.quiet) ctx.out << Say(st.lang, "summary.wrote", {{"files", path}}) << "\n";
  return kExitOk;
}

// The issuer configuration: --config, else the default file when it exists. False (after
// printing its diagnostics) when the file named cannot be read or is not valid.
bool LoadConfig(const RegisterState& st, const CommandContext& ctx, const char* command,
                std::optional<IssuerConfig>* config) {
  if (ReadIssuerConfig(st.config, ctx.color, ctx.err, config)) return true;
  const std::string path = st.config.empty() ? DefaultIssuerConfigPath() : st.config;
  ctx.err << Fmt("sceau register {}: {} is not a valid configuration\n", command, path);
  return false;
}

// `publish`: the public directory of every certificate on --today (reports/directory.h),
// written all or nothing into --out.
int RunPublish(const RegisterState& st, const CommandContext& ctx) {
  Date today;
  if (!Today(st, ctx, "publish", &today)) return kExitUsage;
  std::optional<IssuerConfig> config;
  if (!LoadConfig(st, ctx, "publish", &config)) return kExitInvalid;
  DirectoryOptions options;
  options.today = today;
  if (config) {
    options.base_url = config->directory_url;
    options.issuer_name = config->name;
    options.issuer_url = config->url;
  }
  if (!st.base_url.empty()) {
    std::optional<std::string> given = DirectoryBaseUrl(st.base_url);
    if (!given) {
      ctx.err << Fmt(
          "sceau register publish: --base-url must be an http or https address "
          "without spaces, not '{}'\n",
          TerminalSafe(st.base_url));
      return kExitUsage;
    }
    options.base_url = *given;
  }
  auto reg = OpenRegister(st, ctx, "publish", /*create=*/false, /*read_only=*/true);
  if (!reg) return kExitInvalid;
  RegisterFilter all;
  all.today = today;
  std::vector<CertificateRecord> list;
  std::vector<HistoryEntry> history;
  std::string error;
  if (!reg->List(all, &list, &error) || !reg->History(&history, &error)) {
    ctx.err << "sceau register publish: " << TerminalSafe(error) << "\n";
    return kExitInvalid;
  }
  std::unordered_map<std::string, std::vector<HistoryEntry>> by_number;
  for (HistoryEntry& h : history) {
    if (!h.certificate.empty()) by_number[h.certificate].push_back(std::move(h));
  }
  ReferentialLibrary library(FindReferentialsDir(st.referentials, ctx.env));
  std::vector<CertificateRecord> shown;  // as `register list` shows them: for the status lists
  shown.reserve(list.size());
  std::vector<DirectoryCertificate> certificates;
  certificates.reserve(list.size());
  for (const CertificateRecord& c : list) {
    const std::vector<HistoryEntry>& events = by_number[c.number];
    std::string ignored;
    std::shared_ptr<const Referential> ref =
        library.Resolve(c.referential_id, c.referential_version, &ignored);
    DirectoryCertificate d;
    d.number = c.number;
    d.revision = c.revision;
    d.organisation = c.organisation;
    d.siret = c.siret;
    d.kind = c.kind;
    d.region = c.region;
    for (const RegisterSite& site : c.sites) d.sites.push_back({site.name, site.address});
    d.referential_id = c.referential_id;
    d.referential_version = c.referential_version;
    if (ref) d.label = ref->title;
    d.level = c.level;
    d.level_label = c.level_label;
    d.scope = c.scope;
    d.effective = c.effective;
    d.expiry = c.expiry;
    // The state as `register list` shows it on that date: time limits applied.
    std::optional<TimeChange> change =
        TimeChangeAsOf(c, events, ref ? ref->policy : Policy{}, today);
    d.state = change ? change->state : std::string(CertificateStateName(c.state));
    d.state_since = c.effective;
    if (change) {
      d.state_since = change->date;
    } else {
      for (const HistoryEntry& h : events) {
        std::optional<Date> date = Date::Parse(h.date);
        if (date && h.to_state == d.state) d.state_since = *date;
      }
    }
    for (const HistoryEntry& h : events) {
      if (h.to_state.empty()) continue;
      d.history.push_back({h.date, h.action, h.to_state});
    }
    if (change) {
      d.history.push_back({change->date.ToString(),
                           change->state == "expired" ? "expire" : "withdraw", change->state});
    }
    shown.push_back(c);
    if (std::optional<CertificateState> s = ParseCertificateState(d.state)) shown.back().state = *s;
    certificates.push_back(std::move(d));
  }
  DirectoryFiles files;
  const size_t count = certificates.size();
  if (!RenderDirectory(std::move(certificates), options, &files, &error)) {
    ctx.err << "sceau register publish: " << TerminalSafe(error) << "\n";
    return kExitInvalid;
  }
  // The badges' status lists (register/status_list.h), when the issuer and the directory's
  // address are known: a credential names its list by its URL.
  if (config && !options.base_url.empty()) {
    IssuerConfig issuer = *config;
    issuer.directory_url = options.base_url;
    for (std::string_view purpose : kStatusPurposes) {
      std::string text = BitstringStatusListCredential(issuer, purpose, shown, today);
      if (text.empty()) {
        ctx.err << Fmt(
            "sceau register publish: a certificate's row id is too large for a {} status list\n",
            purpose);
        return kExitInvalid;
      }
      files.emplace_back(StatusListPath(purpose), std::move(text));
    }
    std::sort(files.begin(), files.end());
  }
  if (!ReplaceFolderAtomically(st.out, files, kDirectoryMarker, &error)) {
    ctx.err << "sceau register publish: " << TerminalSafe(error) << "\n";
    return kExitInvalid;
  }
  if (!ctx.quiet) {
    const std::string lang = CommandLanguage(nullptr, "");
    ctx.out << SayCount(lang, "publish.done", static_cast<long long>(count),
                        {{"folder", TerminalSafe(st.out)}, {"date", LongDate(today, lang)}})
            << "\n";
  }
  return kExitOk;
}

}  // namespace

CommandRun DeclareRegister(CLI::App& app) {
  auto st = std::make_shared<RegisterState>();
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--db", st->db,
                 "Register file (default: $SCEAU_REGISTER, else "
                 "$XDG_DATA_HOME/sceau/register.sqlite3, else "
                 "~/.local/share/sceau/register.sqlite3)");
  app.footer(
      "Exit codes: 0 done, 1 refused or invalid input (the reason on stderr), 2 usage error.");

  // A change of state: CERT --reason R [--by WHO].
  auto change = [st](const char* name, CertificateRegister::Change kind) {
    return [st, name, kind](CLI::App& sub) -> CommandRun {
      sub.add_option("CERT", st->number, "Certificate number")->required();
      sub.add_option("--reason", st->reason, "Why (kept in the history)")->required();
      sub.add_option("--by", st->by, "Who decides (default: your login name)");
      sub.add_option("--today", st->today,
                     "The day the change takes effect, YYYY-MM-DD (default: today); not before "
                     "the certificate's last change");
      sub.add_option("--referentials", st->referentials,
                     "Folder of the referentials whose time limits apply (default: as for audit)");
      return [st, name, kind](const CommandContext& c) { return RunChange(*st, c, name, kind); };
    };
  };
  // A document: CERT [--lang fr|en] [--out FILE] [--today DATE] [--referentials DIR].
  auto document = [st](CLI::App& sub, const char* name) -> CommandRun {
    sub.add_option("CERT", st->number, "Certificate number")->required();
    CLI::Option* lang = AddLanguageOption(sub, &st->lang, "the document");
    sub.add_option("--out", st->out,
                   "PDF file to write, replaced if it exists (default: CERT-certificat.pdf or "
                   "CERT-lettre.pdf, -certificate or -letter in English, in the current folder, "
                   "never replaced)");
    sub.add_option("--today", st->today, "The date the document speaks of (default: today)");
    sub.add_option("--referentials", st->referentials,
                   "Folder of the referentials whose time limits apply (default: as for audit)");
    if (std::string_view(name) == "certificate") {
      sub.add_option("--config", st->qr_config,
                     "Issuer configuration whose directory.base_url gives the certificate's page "
                     "in the public directory, drawn as a QR code (default: as for audit)");
    }
    return [st, name, lang](const CommandContext& c) {
      st->lang = CommandLanguage(lang, st->lang);
      return RunDocument(*st, c, name);
    };
  };
  const Command commands[] = {
      {"record",
       "Record a decision from a JSON result; an initial grant issues a certificate number",
       [st](CLI::App& sub) -> CommandRun {
         sub.add_option("RESULT", st->result, "JSON result written by 'sceau audit'")->required();
         sub.add_option("--by", st->by, "Who records it (default: your login name)");
         sub.add_flag("--new-certificate", st->new_certificate,
                      "Issue a number for a surveillance or renewal whose certificate was issued "
                      "before the register");
         return [st](const CommandContext& c) { return RunRecord(*st, c); };
       }},
      {"list", "List the certificates",
       [st](CLI::App& sub) -> CommandRun {
         sub.add_option("--expiring", st->expiring,
                        "Only active or suspended certificates expiring within DAYS days")
             ->check(CLI::NonNegativeNumber);
         sub.add_option("--state", st->state, "Only this state (on --today)")
             ->check(CLI::IsMember({"active", "suspended", "withdrawn", "expired"}));
         sub.add_option("--format", st->list_format, "table, csv or json")
             ->check(CLI::IsMember({"table", "csv", "json"}))
             ->capture_default_str();
         sub.add_option("--today", st->today, "Count from this date, YYYY-MM-DD (default: today)");
         sub.add_option(
             "--referentials", st->referentials,
             "Folder of the referentials whose time limits apply (default: as for audit)");
         return [st](const CommandContext& c) { return RunList(*st, c); };
       }},
      {"update",
       "Apply the changes time brings by a date: a suspension past the referential's limit is "
       "withdrawn, a certificate past its expiry expires; each recorded with its reason",
       [st](CLI::App& sub) -> CommandRun {
         sub.add_option("--today", st->today,
                        "Apply the changes due by this date (default: today)");
         sub.add_option(
             "--referentials", st->referentials,
             "Folder of the referentials whose time limits apply (default: as for audit)");
         sub.add_option("--by", st->by, "Who records the changes (default: your login name)");
         return [st](const CommandContext& c) { return RunUpdate(*st, c); };
       }},
      {"show", "Show a certificate and its full history",
       [st](CLI::App& sub) -> CommandRun {
         sub.add_option("CERT", st->number, "Certificate number (CEDRE-2026-00001)")->required();
         sub.add_option("--format", st->show_format, "text or json")
             ->check(CLI::IsMember({"text", "json"}))
             ->capture_default_str();
         sub.add_option("--today", st->today, "Count from this date, YYYY-MM-DD (default: today)");
         sub.add_option(
             "--referentials", st->referentials,
             "Folder of the referentials whose time limits apply (default: as for audit)");
         return [st](const CommandContext& c) { return RunShow(*st, c); };
       }},
      {"certificate",
       "Draw a certificate as it stands on --today (PDF): never valid-looking when suspended, "
       "withdrawn or expired",
       [document](CLI::App& sub) { return document(sub, "certificate"); }},
      {"letter",
       "Draw the letter to the holder about the certificate's last suspension, withdrawal or "
       "reinstatement (PDF)",
       [document](CLI::App& sub) { return document(sub, "letter"); }},
      {"publish",
       "Write the public directory: every certificate with its state on --today, as web pages "
       "(French and English), certificates.json and certificates.csv; all or nothing",
       [st](CLI::App& sub) -> CommandRun {
         sub.add_option("--out", st->out,
                        "Folder to write; replaced in one step if sceau published it before")
             ->required();
         sub.add_option("--today", st->today, "The date the states are given for (default: today)");
         sub.add_option(
             "--base-url", st->base_url,
             "Where the folder is served (default: the configuration's "
             "directory.base_url); certificates.json and .csv give pages' URLs under it");
         sub.add_option("--config", st->config,
                        "Issuer configuration (default: $SCEAU_CONFIG, else "
                        "~/.config/sceau/sceau.yaml when it exists)");
         sub.add_option(
             "--referentials", st->referentials,
             "Folder of the referentials: labels' names and time limits (default: as for audit)");
         return [st](const CommandContext& c) { return RunPublish(*st, c); };
       }},
      {"badge",
       "Issue a certificate in force as an Open Badges 3.0 credential signed with the "
       "certifier's key (JSON)",
       [st](CLI::App& sub) -> CommandRun {
         CommandRun run = DeclareRegisterBadge(sub, &st->db);
         return [st, run](const CommandContext& c) { return run(c); };
       }},
      {"suspend", "Suspend an active certificate",
       change("suspend", CertificateRegister::Change::kSuspend)},
      {"withdraw", "Withdraw an active or suspended certificate",
       change("withdraw", CertificateRegister::Change::kWithdraw)},
      {"reinstate", "Reinstate a suspended certificate",
       change("reinstate", CertificateRegister::Change::kReinstate)},
  };
  return AddCommands(app, commands);
}

}  // namespace sceau::cli
