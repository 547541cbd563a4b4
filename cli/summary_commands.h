// `sceau summary`: the network dashboard from a campaign's results (README.md, "Network
// dashboard").
#ifndef SCEAU_CLI_SUMMARY_COMMANDS_H_
#define SCEAU_CLI_SUMMARY_COMMANDS_H_

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace sceau::cli {

struct SummaryCommandOptions {
  std::string results;    // folder of JSON results (searched recursively, hidden folders left out)
  std::string out = ".";  // where summary.csv, summary.json and summary.pdf go
  std::string today;      // YYYY-MM-DD; empty: today's date (local time)
  std::vector<std::string> formats = {"csv", "json", "pdf"};
  std::string lang = "fr";  // language of the PDF
  std::string csv_separator = ",";
  bool quiet = false;
};

// Returns 0 when the summary is written (unreadable files are listed in it and on stderr, not
// fatal), 1 when the folder cannot be read or an output cannot be written, 2 on bad arguments.
int RunSummary(const SummaryCommandOptions& options);

// Adds the `summary` subcommand to `app`; after parsing, `chosen()` says whether it was given and
// `Run` runs it.
class SummaryCommand {
 public:
  explicit SummaryCommand(CLI::App* app);
  bool chosen() const;
  int Run(bool quiet, bool color);

 private:
  CLI::App* command_ = nullptr;
  SummaryCommandOptions options_;
  std::string formats_ = "csv,json,pdf";
};

}  // namespace sceau::cli

#endif  // SCEAU_CLI_SUMMARY_COMMANDS_H_
