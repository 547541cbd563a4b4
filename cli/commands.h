// The `sceau` command line as a library: every subcommand in one table, run by the binary
// (cli/main.cc calls Run) or in process by a test (RunCommand), with the same output.
//
//   std::ostringstream out, err;
//   Environment env;  // no variables, stderr not a terminal: no colour
//   int code = RunCommand({"validate", "referentials/cedre-iso9001.yaml"}, out, err, env);
//
// A run parses the arguments (global options -v, -q, --color, then one subcommand), sets up
// colour and logging, then runs the chosen command and returns its exit code: kExitOk,
// kExitInvalid or kExitUsage. Help and version go to `out`, usage errors to `err`.
//
// Adding a command `sceau foo`:
//   1. In its own file (cli/foo_commands.h/.cc), a declare function. It adds the command's options
//      to `app` (the subcommand, already named and described), keeps their values in a struct it
//      shares with the function it returns, and returns the function that runs the command once
//      the whole command line is parsed:
//
//        CommandRun DeclareFoo(CLI::App& app) {
//          auto o = std::make_shared<FooOptions>();
//          app.add_option("FILE", o->file, "The file")->required();
//          return [o](const CommandContext& c) { return RunFoo(*o, c.out, c.err); };
//        }
//
//      The command writes to `c.out` and `c.err`, never to std::cout or std::cerr, and reads the
//      environment through `c.env`, never getenv, so that it can run in process.
//   2. One line in kCommands (cli/commands.cc), where it should appear in `sceau --help`:
//        {"foo", "What foo does, in one line", DeclareFoo},
//
// A command with subcommands of its own (`sceau register record ...`) declares them with
// AddCommands, from a table of the same shape (cli/register_commands.cc).
#ifndef SCEAU_CLI_COMMANDS_H_
#define SCEAU_CLI_COMMANDS_H_

#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "cli/terminal.h"

namespace CLI {
class App;
}

namespace sceau::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;  // the input has errors (or warnings with --strict)
inline constexpr int kExitUsage = 2;    // bad arguments, unknown options

// What a command is given when it runs.
struct CommandContext {
  std::ostream& out;       // the command's output (the binary's stdout)
  std::ostream& err;       // diagnostics, messages and progress (the binary's stderr)
  const Environment& env;  // the variables it may read; whether stderr is a terminal
  int verbosity = 0;       // -v: 1, -vv: 2
  bool quiet = false;      // -q: only errors, no summaries
  bool color = false;      // colour what goes to `err` (--color, the terminal, NO_COLOR)
};

// Runs a command whose options are parsed; returns its exit code.
using CommandRun = std::function<int(const CommandContext&)>;

// One row of a table of subcommands.
struct Command {
  const char* name;         // as typed: "validate"
  const char* description;  // one line, shown by `sceau --help`
  // Declares the options of the command on `app` (created with the name and description above)
  // and returns the function that runs it.
  std::function<CommandRun(CLI::App& app)> declare;
};

// The subcommands of `sceau`, in the order `sceau --help` lists them.
std::span<const Command> Commands();

// Adds each of `commands` to `parent` as a subcommand and declares its options. Returns the
// function that runs the one the command line chose (kExitUsage when none was).
CommandRun AddCommands(CLI::App& parent, std::span<const Command> commands);

// Runs `sceau` with `args` (without the program name): parses them, sets up colour from --color
// and `env`, sends spdlog's messages to `err` for the run (the logger is restored afterwards), runs
// the chosen command. Returns the exit code; writes nothing to std::cout or std::cerr unless they
// are the streams given. Runs are independent of each other; two must not run at the same time
// (spdlog's default logger is process-wide).
int RunCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               const Environment& env);

// The binary's entry point: RunCommand with argv[1..], std::cout, std::cerr and the process's
// environment; spdlog's messages go to the process's stderr (coloured when diagnostics are).
int Run(int argc, char** argv);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_COMMANDS_H_
