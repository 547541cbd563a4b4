// The `sceau` subcommands. Each returns the process exit code.
#ifndef SCEAU_CLI_COMMANDS_H_
#define SCEAU_CLI_COMMANDS_H_

#include <functional>

namespace sceau::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;  // the input has errors (or warnings with --strict)
inline constexpr int kExitUsage = 2;    // bad arguments, unknown options

// Parses `argv` and runs the chosen subcommand.
int Run(int argc, char** argv);

// For a subcommand defined in its own file: its CLI11 callback records what to run, and Run()
// runs it once parsing is over and logging and colours are set up.
void DeferCommand(std::function<int()> run);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_COMMANDS_H_
