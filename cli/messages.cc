#include "cli/messages.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "engine/date.h"
#include "engine/wording.h"
#include "reports/catalogue.h"

namespace sceau {
extern const char kCliStringsYaml[];
}

namespace sceau::cli {
namespace {

const std::map<std::string, Text>& Catalogue() {
  static const std::map<std::string, Text> catalogue =
      ReadCatalogue("cli.yaml", std::string(kCliStringsYaml));
  return catalogue;
}

// The language of a locale name such as "fr_FR.UTF-8", "en_GB", "C.UTF-8" or "POSIX".
std::string LanguageOf(const std::string& locale) {
  std::string lang = locale.substr(0, locale.find_first_of("_.@"));
  std::transform(lang.begin(), lang.end(), lang.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lang.empty() || lang == "c" || lang == "posix" || lang == "fr") return "fr";
  return "en";
}

}  // namespace

std::string LanguageFromLocale(const Environment& env) {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    std::string value = env.Get(name);
    if (!value.empty()) return LanguageOf(value);
  }
  return "fr";
}

std::string ChooseLanguage(const std::string& flag, const Environment& env) {
  return flag.empty() ? LanguageFromLocale(env) : flag;
}

CLI::Option* AddLanguageOption(CLI::App& app, std::string* lang, const std::string& what) {
  return app
      .add_option("--lang", *lang,
                  fmt::format("Language of {}: fr, en (default: the locale's, from LC_ALL, "
                              "LC_MESSAGES or LANG; French when it names neither)",
                              what))
      ->check(CLI::IsMember({"fr", "en"}));
}

std::string CommandLanguage(const CLI::Option* option, const std::string& lang) {
  return option != nullptr && option->count() > 0 ? lang : std::string(DiagnosticLanguage());
}

std::string Say(const std::string& lang, const std::string& key, const MessageArgs& args) {
  const auto& catalogue = Catalogue();
  auto it = catalogue.find(key);
  if (it == catalogue.end()) return key;
  return FillPlaceholders(it->second.Get(lang == "en" ? "en" : "fr"), args);
}

std::string SayCount(const std::string& lang, const std::string& key, long long count,
                     MessageArgs args) {
  // French takes the singular for 0 and 1, English only for 1.
  bool one = count == 1 || (count == 0 && lang != "en");
  args.emplace_back("count", std::to_string(count));
  return Say(lang, key + (one ? ".one" : ".many"), args);
}

std::vector<std::pair<std::string, bool>> CatalogueKeys() {
  std::vector<std::pair<std::string, bool>> out;
  for (const auto& [key, t] : Catalogue())
    out.emplace_back(key, t.by_lang.count("fr") && t.by_lang.count("en"));
  return out;
}

std::string Number(double v, int decimals, const std::string& lang) {
  double scale = std::pow(10.0, decimals);
  std::string s = fmt::format("{:.{}f}", std::round(v * scale) / scale, decimals);
  if (s == "-0" || s.rfind("-0.", 0) == 0) {
    if (s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  }
  if (lang != "en") std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string Percent(double v, const std::string& lang) {
  std::string n = Number(v, 1, lang);
  return lang == "en" ? n + "%" : n + " %";
}

std::string LongDate(const Date& d, const std::string& lang) {
  std::string day = std::to_string(d.day);
  if (lang != "en" && d.day == 1) day = "1er";
  return Say(lang, "date",
             {{"day", day},
              {"month", Say(lang, "month." + std::to_string(d.month))},
              {"year", std::to_string(d.year)}});
}

}  // namespace sceau::cli
