// `sceau register`: the certificate register (see register/register.h and README.md, "Certificate
// register").
#ifndef SCEAU_CLI_REGISTER_COMMANDS_H_
#define SCEAU_CLI_REGISTER_COMMANDS_H_

#include "cli/commands.h"

namespace sceau::cli {

// Declares `sceau register [--db FILE] record|list|update|show|suspend|withdraw|reinstate ...` on
// `app` (its own table of subcommands, cli/commands.h) and returns the function that runs the one
// chosen. Its exit code: 0 done, 1 refused or invalid input (a message on stderr), 2 usage.
// Without --db, the register file is DefaultRegisterPath(), from the process's environment (not
// the context's).
CommandRun DeclareRegister(CLI::App& app);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_REGISTER_COMMANDS_H_
