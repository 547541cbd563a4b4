#include "cli/terminal.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace sceau::cli {

bool UseColor(ColorMode mode) {
  if (mode == ColorMode::kAlways) return true;
  if (mode == ColorMode::kNever) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(STDERR_FILENO) == 1;
}

void SetUpLogging(int verbosity, bool quiet, bool color) {
  auto logger = color ? spdlog::stderr_color_mt("sceau") : spdlog::stderr_logger_mt("sceau");
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
