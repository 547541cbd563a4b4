// sceau: the command line. Parses arguments, runs one subcommand, returns its exit code:
// 0 success, 1 invalid input (diagnostics on stderr), 2 usage error. The commands are the
// sceau_cli library (cli/commands.h).
#include <unistd.h>

#include <csignal>
#include <new>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // Past a file-size limit, a write must fail with EFBIG (reported, temporary file removed)
  // rather than kill the process.
  std::signal(SIGXFSZ, SIG_IGN);
  // Allocation failure anywhere (a worker thread included, where no handler would catch
  // std::bad_alloc) is a clean error exit, never an abort. Files being written are nameless
  // (O_TMPFILE) until complete, so nothing partial is left; only a named temporary file of the
  // fallback (reports/atomic_file.h) can remain after such an exit.
  std::set_new_handler([] {
    static const char kMessage[] =
        "sceau: out of memory: the input is too large for the memory available\n";
    (void)!::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(1);
  });
  return sceau::cli::Run(argc, argv);
}
