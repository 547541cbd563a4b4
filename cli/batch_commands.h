// `sceau batch`: audits every dossier of a campaign in parallel, resumably, optionally one shard of
// it (for array jobs on a scheduler). See README.md, "Campaigns".
#ifndef SCEAU_CLI_BATCH_COMMANDS_H_
#define SCEAU_CLI_BATCH_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.h"

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
  // The public directory's base URL (the issuer configuration's directory.base_url): see
  // PipelineOptions::directory_url. Empty: none.
  std::string directory_url;
  bool quiet = false;  // no progress, no counts: only the diagnostics
  bool color = false;
  // Progress display on `err`: a redrawn bar when stderr is a terminal, one line per dossier
  // otherwise (kAuto looks at the process's stderr; the subcommand decides from its environment).
  enum class Progress { kAuto, kBar, kLines, kNone };
  Progress progress = Progress::kAuto;
};

// Runs the batch. Returns 0 when every dossier was audited or skipped as unchanged, 1 when some
// failed (their diagnostics go to `err` after the progress, in campaign order), 2 on bad
// arguments. The counts go to `out`.
int RunBatch(const BatchOptions& options, std::ostream& out, std::ostream& err);

// Which share of a campaign a path belongs to with `--shard K/N`: 1 + (FNV-1a 64 of the path
// relative to the campaign, with '/' separators) mod N. Depends on nothing but the path, so adding
// dossiers never moves the others between shards.
int ShardOf(const std::string& relative_path, int shards);

// The `batch` subcommand (cli/commands.h): declares its options on `app`, returns its run.
CommandRun DeclareBatch(CLI::App& app);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_BATCH_COMMANDS_H_
