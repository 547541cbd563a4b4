// `sceau plan DOSSIER [--seed N] [--format text|json] [--lang fr|en]`: the audit-time estimate
// (IAF MD 5) and the site sample drawn reproducibly from a seed (IAF MD 1), engine/audit_plan.h.
#ifndef SCEAU_CLI_PLAN_COMMANDS_H_
#define SCEAU_CLI_PLAN_COMMANDS_H_

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "cli/commands.h"

namespace sceau::cli {

struct PlanOptions {
  std::string dossier;
  std::optional<uint64_t> seed;  // default: DefaultSeed(audit id)
  std::string format = "text";   // text or json
  std::string lang = "fr";       // the text's language
  bool color = false;
};

// Prints the plan to `out`, the dossier's diagnostics to `err`. Exit 0 when printed, 1 when the
// dossier has errors, 2 on bad arguments (an unknown format, a group dossier).
int RunPlan(const PlanOptions& options, std::ostream& out, std::ostream& err);

// The `plan` subcommand (cli/commands.h): declares its options on `app` and returns the function
// that runs it; a --seed that is not a whole number from 0 to 2^64-1 is a usage error (exit 2).
CommandRun DeclarePlan(CLI::App& app);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_PLAN_COMMANDS_H_
