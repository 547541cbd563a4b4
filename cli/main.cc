// sceau: the command line. Parses arguments, runs one subcommand, returns its exit code:
// 0 success, 1 invalid input (diagnostics on stderr), 2 usage error.
#include "cli/commands.h"

int main(int argc, char** argv) { return sceau::cli::Run(argc, argv); }
