// The `sceau` subcommands. Each returns the process exit code.
#ifndef SCEAU_CLI_COMMANDS_H_
#define SCEAU_CLI_COMMANDS_H_

namespace sceau::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;  // the input has errors (or warnings with --strict)
inline constexpr int kExitUsage = 2;    // bad arguments, unknown options

// Parses `argv` and runs the chosen subcommand.
int Run(int argc, char** argv);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_COMMANDS_H_
