// `sceau batch`: audits every dossier of a campaign in parallel, resumably, optionally one shard of
// it (for array jobs on a scheduler). See README.md, "Campaigns".
#ifndef SCEAU_CLI_BATCH_COMMANDS_H_
#define SCEAU_CLI_BATCH_COMMANDS_H_

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace sceau::cli {

struct BatchOptions {
  // A folder (every *.yaml and *.yml under it, recursively, hidden folders left out), or a text
  // file listing dossier paths, one per line, relative to the list's folder; '#' starts a comment.
  std::string input;
  int jobs = 0;           // worker threads; 0: one per core (std::thread::hardware_concurrency)
  std::string out = ".";  // DIR/x/y.yaml writes OUT/x/y.{json,csv,pdf}
  std::vector<std::string> formats = {"json", "csv", "pdf"};
  std::string shard;         // "K/N": only the dossiers whose path hashes to share K of N; "": all
  bool force = false;        // redo every dossier, even those whose inputs have not changed
  std::string referentials;  // folder of referentials; empty: as for `sceau audit`
  std::string lang = "fr";
  std::string csv_separator = ",";
  bool quiet = false;  // no progress, no counts: only the diagnostics
  bool color = false;
  // Progress display: a redrawn bar when stderr is a terminal, one line per dossier otherwise.
  enum class Progress { kAuto, kBar, kLines, kNone };
  Progress progress = Progress::kAuto;
};

// Runs the batch. Returns 0 when every dossier was audited or skipped as unchanged, 1 when some
// failed (their diagnostics are printed after the progress, in campaign order), 2 on bad arguments.
int RunBatch(const BatchOptions& options);

// Which share of a campaign a path belongs to with `--shard K/N`: 1 + (FNV-1a 64 of the path
// relative to the campaign, with '/' separators) mod N. Depends on nothing but the path, so adding
// dossiers never moves the others between shards.
int ShardOf(const std::string& relative_path, int shards);

// Adds the `batch` subcommand to `app`; after parsing, `chosen()` says whether it was given and
// `Run` runs it.
class BatchCommand {
 public:
  explicit BatchCommand(CLI::App* app);
  bool chosen() const;
  int Run(bool quiet, bool color);

 private:
  CLI::App* command_ = nullptr;
  BatchOptions options_;
  std::string formats_ = "json,csv,pdf";
  std::string progress_ = "auto";
};

}  // namespace sceau::cli

#endif  // SCEAU_CLI_BATCH_COMMANDS_H_
