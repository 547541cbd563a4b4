// The referential commands: validate, graph, diff.
#ifndef SCEAU_CLI_REFERENTIAL_COMMANDS_H_
#define SCEAU_CLI_REFERENTIAL_COMMANDS_H_

#include "cli/commands.h"

namespace sceau::cli {

// sceau validate FILE... [--strict] [--all-cycles]: every problem of every file, compiler-style,
// and one summary line per valid file. Exit 0 every file valid, 1 some file invalid (or with
// warnings, --strict).
CommandRun DeclareValidate(CLI::App& app);

// sceau graph FILE [--format dot|json|summary] [--criterion ID] [-o FILE]: the criteria graph.
// A referential whose only errors are dependency cycles is drawn all the same, the edges of its
// cycles in red, and the exit code is 1. Exit 0 printed or written, 1 the referential has errors
// or the file cannot be written, 2 an unknown --criterion.
CommandRun DeclareGraph(CLI::App& app);

// sceau diff OLD NEW [--format text|json] [-o FILE]: what changed between two versions.
// Exit 0 when both files load (changes or not), 1 when either has errors, 2 on bad arguments.
CommandRun DeclareDiff(CLI::App& app);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_REFERENTIAL_COMMANDS_H_
