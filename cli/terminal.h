// What the CLI knows about where it runs and writes: the environment, colour, logging levels.
#ifndef SCEAU_CLI_TERMINAL_H_
#define SCEAU_CLI_TERMINAL_H_

#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <string_view>

namespace sceau::cli {

// The environment variables a command reads and whether its stderr is a terminal: taken from the
// process by the `sceau` binary, given by a test that runs a command in process.
struct Environment {
  std::map<std::string, std::string, std::less<>> variables;  // name -> value
  bool stderr_is_terminal = false;

  // The value of variable `name`; "" when it is unset.
  std::string Get(std::string_view name) const;

  // This process's variables (`environ`) and whether its stderr is a terminal (isatty).
  static Environment FromProcess();
};

enum class ColorMode { kAuto, kAlways, kNever };

// True when diagnostics on stderr should be coloured: --color=always, or --color=auto with stderr a
// terminal, NO_COLOR unset (or empty) and TERM not "dumb".
bool UseColor(ColorMode mode, const Environment& env);

// True when stderr is a terminal that can redraw a line: a terminal whose TERM is not "dumb".
bool CanRedraw(const Environment& env);

// Makes an spdlog logger named "sceau" the default one: verbosity 0 = warnings, 1 = info (-v),
// 2+ = debug (-vv); quiet = errors only. Its messages go to `to`, or, when `to` is null, to the
// process's stderr (coloured when `color`). The previous default logger is the caller's to keep
// and restore if it must (RunCommand does).
void SetUpLogging(int verbosity, bool quiet, bool color, std::ostream* to = nullptr);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_TERMINAL_H_
