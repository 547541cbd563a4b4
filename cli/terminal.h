// What the CLI knows about where it writes: colour, logging levels.
#ifndef SCEAU_CLI_TERMINAL_H_
#define SCEAU_CLI_TERMINAL_H_

#include <string>

namespace sceau::cli {

enum class ColorMode { kAuto, kAlways, kNever };

// True when diagnostics on stderr should be coloured: --color=always, or --color=auto with stderr a
// terminal, NO_COLOR unset and TERM not "dumb".
bool UseColor(ColorMode mode);

// Sets up the spdlog logger on stderr: verbosity 0 = warnings, 1 = info (-v), 2+ = debug (-vv);
// quiet = errors only.
void SetUpLogging(int verbosity, bool quiet, bool color);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_TERMINAL_H_
