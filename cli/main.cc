// sceau: the command line. Parses arguments, runs one subcommand, returns its exit code:
// 0 success, 1 invalid input (diagnostics on stderr), 2 usage error. The commands are the
// sceau_cli library (cli/commands.h).
#include <csignal>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // Past a file-size limit, a write must fail with EFBIG (reported, temporary file removed)
  // rather than kill the process.
  std::signal(SIGXFSZ, SIG_IGN);
  return sceau::cli::Run(argc, argv);
}
