// `sceau register`: the certificate register (see register/register.h and README.md, "Certificate
// register").
#ifndef SCEAU_CLI_REGISTER_COMMANDS_H_
#define SCEAU_CLI_REGISTER_COMMANDS_H_

namespace CLI {
class App;
}

namespace sceau::cli {

// Adds `sceau register [--db FILE] record|list|show|suspend|withdraw|reinstate ...` to `app`.
// The chosen command's callback hands it to DeferCommand (commands.h): it runs once the whole
// command line is parsed, and its exit code is what the caller of the deferred command returns
// (the process is not ended here): 0 done, 1 refused or invalid input (a message on stderr),
// 2 usage. A result given to `record` is read by ReadSceauJson (engine/result_reader.h).
void AddRegisterCommands(CLI::App& app);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_REGISTER_COMMANDS_H_
