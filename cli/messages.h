// The words of the command line, in French or English, from one catalogue (cli/strings/cli.yaml,
// compiled into the binary), and the language a command speaks: --lang, else the locale.
#ifndef SCEAU_CLI_MESSAGES_H_
#define SCEAU_CLI_MESSAGES_H_

#include <string>
#include <utility>
#include <vector>

#include "cli/terminal.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace sceau {
struct Date;
}

namespace sceau::cli {

// The language the locale asks for: the first of LC_ALL, LC_MESSAGES and LANG that is set and
// not empty (POSIX's order). "fr…" is French, "C", "POSIX" or nothing is French too (sceau's
// first language); any other language is English, the only other one sceau speaks.
std::string LanguageFromLocale(const Environment& env);

// `flag` ("fr" or "en") when given, else LanguageFromLocale(env).
std::string ChooseLanguage(const std::string& flag, const Environment& env);

// Declares a command's `--lang fr|en` option, writing into `*lang`; `what` says what it is the
// language of. Left out, the language is the locale's: see CommandLanguage.
CLI::Option* AddLanguageOption(CLI::App& app, std::string* lang, const std::string& what);

// The language a command speaks: the --lang `option` gave, else the run's (a --lang given before
// the command, else the locale's: set by the command line as the diagnostics' language).
std::string CommandLanguage(const CLI::Option* option, const std::string& lang);

using MessageArgs = std::vector<std::pair<std::string, std::string>>;

// The catalogue's text for `key` in `lang` ("en", else French), its {name} placeholders filled
// in from `args`. A key missing from the catalogue (a defect, which a test looks for) gives the
// key itself.
std::string Say(const std::string& lang, const std::string& key, const MessageArgs& args = {});

// `count` items: the key's ".one" text for 1 (and 0 in French), else its ".many" text; {count}
// is filled in. ("1 critère applicable", "0 critère", "2 critères"; "0 criteria").
std::string SayCount(const std::string& lang, const std::string& key, long long count,
                     MessageArgs args = {});

// Every key of the catalogue with whether it has both languages (for the tests).
std::vector<std::pair<std::string, bool>> CatalogueKeys();

// A number with `decimals` decimals, with a decimal comma in French ("85,4").
std::string Number(double v, int decimals, const std::string& lang);
// A percentage: "85,4 %" in French, "85.4%" in English.
std::string Percent(double v, const std::string& lang);
// A date in running text: "9 juin 2026" / "9 June 2026" ("1er" for the first in French).
std::string LongDate(const Date& d, const std::string& lang);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_MESSAGES_H_
