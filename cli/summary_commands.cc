#include "cli/summary_commands.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/audit_commands.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "engine/date.h"
#include "engine/referential_loader.h"
#include "engine/safe_text.h"
#include "engine/wording.h"
#include "reports/atomic_file.h"
#include "reports/pdf_writer.h"
#include "reports/summary.h"

namespace sceau::cli {

namespace fs = std::filesystem;

int RunSummary(const SummaryCommandOptions& o, std::ostream& out, std::ostream& err,
               const Environment& env) {
  for (const std::string& f : o.formats) {
    if (f != "json" && f != "csv" && f != "pdf") {
      err << Fmt("sceau summary: unknown format '{}': use csv, json, pdf\n", f);
      return kExitUsage;
    }
  }
  SummaryOptions options;
  if (!o.today.empty()) {
    std::optional<Date> today = Date::Parse(o.today);
    if (!today) {
      err << Fmt("sceau summary: --today '{}': expected a date YYYY-MM-DD\n", o.today);
      return kExitUsage;
    }
    options.today = *today;
  } else {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    options.today = Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
  }
  std::error_code ec;
  if (!fs::is_directory(o.results, ec)) {
    err << Fmt("sceau summary: {}: not a folder of results\n", o.results);
    return kExitInvalid;
  }
  // Every *.json under the folder, sorted; each is read, summarised and dropped in turn.
  std::vector<fs::path> files;
  fs::path root(o.results);
  auto it =
      fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::error_code e2;
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(e2)) it.disable_recursion_pending();
      continue;
    }
    if (it->path().extension() == ".json" && !it->is_directory(e2)) files.push_back(it->path());
  }
  if (ec) {
    err << Fmt("sceau summary: cannot read the folder {}: {}\n", o.results, ec.message());
    return kExitInvalid;
  }
  std::sort(files.begin(), files.end());
  // The referentials a suspended certificate's limit could not be read from, with why and for
  // how many results: the defaults of DOMAIN.md apply to those, and a warning says so.
  struct Missing {
    std::string error;
    int results = 0;
  };
  std::map<std::pair<std::string, std::string>, Missing> missing;
  options.policy_of = ReferentialPolicies(
      o.referentials, env,
      [&missing](const std::string& id, const std::string& version, const std::string& error) {
        Missing& m = missing[{id, version}];
        m.error = error;
        ++m.results;
      });
  SummaryBuilder builder(options);
  int ignored = 0;
  for (const fs::path& path : files) {
    std::string rel = path.lexically_relative(root).generic_string();
    std::string text;
    Diagnostic error;
    if (!ReadFileText(path.string(), 64u << 20, &text, &error)) {
      builder.AddUnreadable(rel, error.message);
      continue;
    }
    if (builder.Add(rel, text) == SummaryInput::kIgnored) ++ignored;
  }
  for (const auto& [file, error] : builder.unreadable()) {
    err << Fmt("{}: warning: left out of the summary: {}\n", TerminalSafe((root / file).string()),
               TerminalSafe(error));
  }
  for (const auto& [key, m] : missing) {
    std::string certificates = Singular(m.results)
                                   ? Fmt("the {} suspended certificate", m.results)
                                   : Fmt("the {} suspended certificates", m.results);
    err << Fmt(
        "sceau summary: warning: {}: the default time limits apply to {} of referential '{}' "
        "version '{}' (a suspension lasts at most {} months)\n",
        TerminalSafe(m.error), certificates, TerminalSafe(key.first), TerminalSafe(key.second),
        Policy{}.follow_up.suspension_months);
  }
  std::string json = builder.ToJson();
  std::vector<std::pair<std::string, std::string>> outputs;
  for (const std::string& f : o.formats) {
    std::string path = (fs::path(o.out) / ("summary." + f)).string();
    if (f == "json") {
      outputs.emplace_back(path, json);
    } else if (f == "csv") {
      outputs.emplace_back(path, builder.ToCsv(o.csv_separator.empty() ? ',' : o.csv_separator[0]));
    } else {
      PdfOptions pdf_options;
      pdf_options.lang = o.lang;
      PdfOutput pdf;
      std::string error;
      if (!RenderSummaryPdf(json, pdf_options, &pdf, &error)) {
        err << Fmt("sceau summary: cannot render the PDF: {}\n", error);
        return kExitInvalid;
      }
      outputs.emplace_back(path, std::move(pdf.bytes));
    }
  }
  fs::create_directories(o.out, ec);
  if (ec) {
    err << Fmt("sceau summary: cannot create the folder {}: {}\n", o.out, ec.message());
    return kExitInvalid;
  }
  std::string error;
  if (!WriteFilesAtomically(outputs, &error)) {
    err << "sceau summary: " << error << "\n";
    return kExitInvalid;
  }
  if (!o.quiet) {
    const std::string& lang = o.lang;
    auto members = static_cast<long long>(builder.members().size());
    out << SayCount(lang, "summary_cmd.members", members);
    // Several results of one organisation under one referential make one member (its latest).
    if (builder.results() != members)
      out << SayCount(lang, "summary_cmd.from_results", builder.results());
    if (ignored) out << SayCount(lang, "summary_cmd.ignored", ignored);
    if (auto bad = static_cast<long long>(builder.unreadable().size()))
      out << SayCount(lang, "summary_cmd.unreadable", bad);
    out << "\n";
    std::vector<std::string> written;
    for (const auto& [path, content] : outputs) written.push_back(path);
    out << Say(lang, "summary.wrote", {{"files", fmt::format("{}", fmt::join(written, ", "))}})
        << "\n";
  }
  return kExitOk;
}

CommandRun DeclareSummary(CLI::App& app) {
  struct Options {
    SummaryCommandOptions summary;
    std::string formats = "csv,json,pdf";
  };
  auto o = std::make_shared<Options>();
  app.add_option("RESULTS", o->summary.results, "Folder of JSON results (searched recursively)")
      ->required();
  app.add_option("--out", o->summary.out, "Folder for summary.csv, summary.json, summary.pdf")
      ->capture_default_str();
  app.add_option("--today", o->summary.today,
                 "The day each certificate's state is computed on (time limits applied), and "
                 "certificates expiring within 90 days count from (default: today)");
  app.add_option("--referentials", o->summary.referentials,
                 "Folder of the referentials whose time limits apply (default: as for audit)");
  app.add_option("--format", o->formats, "Outputs, comma-separated: csv, json, pdf")
      ->capture_default_str();
  CLI::Option* lang = AddLanguageOption(app, &o->summary.lang, "the PDF");
  app.add_option("--csv-separator", o->summary.csv_separator,
                 "CSV separator: ',' or ';' (';' also writes scores with a decimal comma)")
      ->check(CLI::IsMember({",", ";"}))
      ->capture_default_str();
  app.footer(
      "One row per organisation (its SIRET, else its name) and referential, from its latest\n"
      "result. Files that are not sceau results are listed as unreadable, not fatal. Group "
      "results\n"
      "are left out: each member has its own result. Each certificate's state is the one on "
      "--today,\n"
      "the referential's time limits applied (a suspension past its limit is withdrawn, a\n"
      "certificate past its expiry expired); a referential not found takes the defaults, with a\n"
      "warning.\n"
      "Exit codes: 0 written, 1 the folder cannot be read or an output cannot be written, 2 "
      "usage.");
  return [o, lang](const CommandContext& c) {
    SummaryCommandOptions options = o->summary;
    options.lang = CommandLanguage(lang, options.lang);
    options.formats.clear();
    std::istringstream in(o->formats);
    for (std::string f; std::getline(in, f, ',');) {
      if (!f.empty()) options.formats.push_back(f);
    }
    options.quiet = c.quiet;
    return RunSummary(options, c.out, c.err, c.env);
  };
}

}  // namespace sceau::cli
