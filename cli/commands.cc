#include "cli/commands.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <new>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "cli/audit_commands.h"
#include "cli/batch_commands.h"
#include "cli/messages.h"
#include "cli/plan_commands.h"
#include "cli/referential_commands.h"
#include "cli/register_commands.h"
#include "cli/schema_commands.h"
#include "cli/sign_commands.h"
#include "cli/summary_commands.h"
#include "cli/terminal.h"
#include "engine/source.h"
#include "engine/wording.h"

#ifndef SCEAU_VERSION
#define SCEAU_VERSION "0.0.0"
#endif

namespace sceau::cli {
namespace {

// Every subcommand of `sceau`, in the order of `sceau --help`. Adding one: see commands.h.
const Command kCommands[] = {
    {"validate", "Check referential files and report every problem, compiler-style",
     DeclareValidate},
    {"graph", "Print a referential's criteria graph (Graphviz DOT, JSON, or a text summary)",
     DeclareGraph},
    {"audit", "Evaluate an audit dossier: decision, scores, gaps, action plan; write the reports",
     DeclareAudit},
    {"check", "Check a dossier against its referential without writing reports", DeclareCheck},
    {"report", "Render an existing JSON result as a PDF report", DeclareReport},
    {"diff", "What changed between two versions of a referential (for the release notes)",
     DeclareDiff},
    {"migrate", "Carry an audit dossier over to the next version of its referential",
     DeclareMigrate},
    {"template", "Write a blank dossier listing every criterion that applies, ready to fill in",
     DeclareTemplate},
    {"import", "Read an audit grid filled in a spreadsheet (.xlsx, .ods) back as a YAML dossier",
     DeclareImport},
    {"keygen", "Make an Ed25519 key pair for signing results: NAME.key (private) and NAME.pub",
     DeclareKeygen},
    {"sign", "Sign a JSON result: write RESULT.json.sig, and with --pdf a PDF carrying both",
     DeclareSign},
    {"verify", "Check a signed JSON result or a signed PDF report against a public key",
     DeclareVerify},
    {"batch", "Audit every dossier of a campaign in parallel, resumably; one shard of it if asked",
     DeclareBatch},
    {"summary", "The network dashboard from a campaign's JSON results: a CSV/JSON table and a PDF",
     DeclareSummary},
    {"register", "The certificate register: record decisions, issue numbers, list, suspend...",
     DeclareRegister},
    {"plan", "Estimate the audit time (IAF MD 5) and draw the sites to visit (IAF MD 1)",
     DeclarePlan},
    {"schema", "Write the JSON Schema of a YAML format (referential, dossier or group)",
     DeclareSchema},
};

// The language of a run's messages: the innermost --lang given on the command line (a command's
// own, e.g. `register certificate --lang en`), else the one before the command, else the locale's.
std::string MessageLanguage(const CLI::App& app, const CLI::Option* top, const std::string& lang,
                            const Environment& env) {
  std::string chosen = top->count() > 0 ? lang : LanguageFromLocale(env);
  for (const CLI::App* sub = &app;;) {
    const CLI::App* next = nullptr;
    for (const CLI::App* s : sub->get_subcommands()) {
      if (s->parsed()) next = s;
    }
    if (next == nullptr) break;
    const CLI::Option* own = next->get_option_no_throw("--lang");
    if (own != nullptr && own->count() > 0) chosen = own->as<std::string>();
    sub = next;
  }
  return chosen;
}

// The language of a usage error, found before the arguments could be parsed: the last "--lang X"
// (or --lang=X) among them, else the locale's.
std::string UsageLanguage(const std::vector<std::string>& args, const Environment& env) {
  std::string lang = LanguageFromLocale(env);
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--lang" && i + 1 < args.size() &&
        (args[i + 1] == "fr" || args[i + 1] == "en")) {
      lang = args[i + 1];
    } else if (args[i] == "--lang=fr" || args[i] == "--lang=en") {
      lang = args[i].substr(7);
    }
  }
  return lang;
}

// A usage error as CLI11 words it in English; in French, worded from the forms CLI11 gives its
// errors (an argument not expected, an option required or without its value, a value that does
// not convert or is not allowed), any other with CLI11's own detail.
std::string UsageMessage(const CLI::App* app, const CLI::Error& e) {
  if (DiagnosticLanguage() != "fr") return CLI::FailureMessage::simple(app, e);
  const std::string what = e.what();
  std::smatch m;
  auto number = [](const std::string& text) {
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    return end != text.c_str() ? fmt::format("{}", v) : text;
  };
  std::string message;
  if (std::regex_match(what, m, std::regex("The following arguments were not expected: (.*)"))) {
    message = Fmt("arguments not expected: {}", m[1].str());
  } else if (std::regex_match(what, m,
                              std::regex("The following argument was not expected: (.*)"))) {
    message = Fmt("argument not expected: {}", m[1].str());
  } else if (what == "A subcommand is required") {
    message = Tr("a command is required");
  } else if (std::regex_match(what, m, std::regex("(\\S+) is required"))) {
    message = Fmt("{} is required", m[1].str());
  } else if (std::regex_match(what, m, std::regex("(\\S+): [0-9]+ required \\S+ missing"))) {
    message = Fmt("{} needs a value", m[1].str());
  } else if (std::regex_match(what, m, std::regex("Could not convert: (\\S+) = (.*)"))) {
    message = Fmt("{}: '{}' is not a value it takes", m[1].str(), m[2].str());
  } else if (std::regex_match(what, m,
                              std::regex("(\\S+): Value (.*) not in range (\\S+) to (\\S+)"))) {
    message = std::strtod(m[4].str().c_str(), nullptr) > 1e300
                  ? Fmt("{}: '{}' is not a number of at least {}", m[1].str(), m[2].str(),
                        number(m[3].str()))
                  : Fmt("{}: '{}' is not a number from {} to {}", m[1].str(), m[2].str(),
                        number(m[3].str()), number(m[4].str()));
  } else if (std::regex_match(what, m, std::regex("(\\S+): (.*) not in \\{(.*)\\}"))) {
    message = Fmt("{}: '{}' is not one of {}", m[1].str(), m[2].str(), m[3].str());
  } else {
    message = Fmt("usage error: {}", what);
  }
  return Fmt("sceau: {}\nRun with --help for more information.\n", message);
}

// Makes `logger` spdlog's default logger again when it goes.
class RestoreLogger {
 public:
  RestoreLogger() : logger_(spdlog::default_logger()) {}
  ~RestoreLogger() { spdlog::set_default_logger(logger_); }
  RestoreLogger(const RestoreLogger&) = delete;
  RestoreLogger& operator=(const RestoreLogger&) = delete;

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

// RunCommand, with spdlog's messages sent to `log`, or to the process's stderr when it is null.
int RunWith(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            const Environment& env, std::ostream* log) {
  CLI::App app{
      "sceau: the audit engine for quality labels.\n"
      "Validates referentials (the requirements of a label), evaluates audit dossiers against\n"
      "them, and writes the decision, scores, gaps and action plan."};
  app.name("sceau");
  app.set_version_flag("--version", std::string("sceau ") + SCEAU_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  int verbosity = 0;
  bool quiet = false;
  std::string color = "auto";
  int max_diagnostics = kDefaultMaxDiagnostics;
  std::string lang;
  CLI::Option* lang_option = AddLanguageOption(app, &lang, "messages and diagnostics");
  app.add_flag("-v,--verbose", verbosity, "More messages on stderr (-vv for debug)");
  app.add_flag("-q,--quiet", quiet, "Only errors: no summaries, no warnings from the log");
  app.add_option("--color", color, "Colour diagnostics: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("--max-diagnostics", max_diagnostics,
                 "Diagnostics kept per file; the rest are counted in a note (0: all)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.footer(
      "Exit codes: 0 success, 1 invalid input (diagnostics on stderr), 2 usage error.\n"
      "Run 'sceau COMMAND --help' for a command's options.");
  CommandRun run = AddCommands(app, Commands());
  app.failure_message(UsageMessage);

  try {
    // CLI11 takes the arguments last first.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    ScopedDiagnosticLanguage speaking(UsageLanguage(args, env));
    app.exit(e, out, err);
    return kExitUsage;
  }
  bool use_color = UseColor(color == "always"  ? ColorMode::kAlways
                            : color == "never" ? ColorMode::kNever
                                               : ColorMode::kAuto,
                            env);
  SetMaxDiagnosticsPerFile(max_diagnostics);
  // Diagnostics and messages speak the command's --lang (the language of its output), else the
  // one given before the command, else the locale's.
  ScopedDiagnosticLanguage speaking(MessageLanguage(app, lang_option, lang, env));
  RestoreLogger restore;
  SetUpLogging(verbosity, quiet, use_color, log);
  CommandContext context{out, err, env, verbosity, quiet, use_color};
  try {
    return run(context);
  } catch (const std::bad_alloc&) {
    // Allocation failure is a clean error exit: atomic writers leave no partial output.
    err << Tr("sceau: out of memory: the input is too large for the memory available\n");
    return kExitInvalid;
  }
}

}  // namespace

std::span<const Command> Commands() { return kCommands; }

CommandRun AddCommands(CLI::App& parent, std::span<const Command> commands) {
  std::vector<std::pair<CLI::App*, CommandRun>> declared;
  for (const Command& c : commands) {
    CLI::App* sub = parent.add_subcommand(c.name, c.description);
    declared.emplace_back(sub, c.declare(*sub));
  }
  return [declared = std::move(declared)](const CommandContext& context) {
    for (const auto& [sub, run] : declared) {
      if (sub->parsed()) return run(context);
    }
    return kExitUsage;
  };
}

int RunCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               const Environment& env) {
  return RunWith(args, out, err, env, &err);
}

int Run(int argc, char** argv) {
  std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
  return RunWith(args, std::cout, std::cerr, Environment::FromProcess(), nullptr);
}

}  // namespace sceau::cli
