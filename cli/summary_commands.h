// `sceau summary`: the network dashboard from a campaign's results (README.md, "Network
// dashboard").
#ifndef SCEAU_CLI_SUMMARY_COMMANDS_H_
#define SCEAU_CLI_SUMMARY_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace sceau::cli {

struct SummaryCommandOptions {
  std::string results;    // folder of JSON results (searched recursively, hidden folders left out)
  std::string out = ".";  // where summary.csv, summary.json and summary.pdf go
  std::string today;      // YYYY-MM-DD; empty: today's date (local time)
  std::string referentials;  // where the time limits are read; empty: as for audit
  std::vector<std::string> formats = {"csv", "json", "pdf"};
  std::string lang = "fr";  // language of the PDF
  std::string csv_separator = ",";
  bool quiet = false;
};

// Returns 0 when the summary is written (unreadable files are listed in it and on `err`, not
// fatal), 1 when the folder cannot be read or an output cannot be written, 2 on bad arguments.
// What was written goes to `out`.
// The referentials folder defaults as for audit, reading `env`.
int RunSummary(const SummaryCommandOptions& options, std::ostream& out, std::ostream& err,
               const Environment& env);

// The `summary` subcommand (cli/commands.h): declares its options on `app`, returns its run.
CommandRun DeclareSummary(CLI::App& app);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_SUMMARY_COMMANDS_H_
