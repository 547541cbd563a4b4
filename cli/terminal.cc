#include "cli/terminal.h"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <memory>

extern char** environ;

namespace sceau::cli {

std::string Environment::Get(std::string_view name) const {
  auto it = variables.find(name);
  return it == variables.end() ? std::string() : it->second;
}

Environment Environment::FromProcess() {
  Environment env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.variables.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  env.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
  return env;
}

bool UseColor(ColorMode mode, const Environment& env) {
  if (mode == ColorMode::kAlways) return true;
  if (mode == ColorMode::kNever) return false;
  if (!env.Get("NO_COLOR").empty()) return false;
  return CanRedraw(env);
}

bool CanRedraw(const Environment& env) {
  auto term = env.variables.find("TERM");
  if (term != env.variables.end() && term->second == "dumb") return false;
  return env.stderr_is_terminal;
}

void SetUpLogging(int verbosity, bool quiet, bool color, std::ostream* to) {
  spdlog::sink_ptr sink;
  if (to != nullptr) {
    sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(*to, /*force_flush=*/true);
  } else if (color) {
    sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  }
  auto logger = std::make_shared<spdlog::logger>("sceau", std::move(sink));
  logger->set_pattern("sceau: %^%l%$: %v");
  spdlog::level::level_enum level = spdlog::level::warn;
  if (quiet) {
    level = spdlog::level::err;
  } else if (verbosity == 1) {
    level = spdlog::level::info;
  } else if (verbosity >= 2) {
    level = spdlog::level::debug;
  }
  logger->set_level(level);
  spdlog::set_default_logger(logger);
}

}  // namespace sceau::cli
