// `sceau plan DOSSIER [--seed N] [--format text|json] [--lang fr|en]`: the audit-time estimate
// (IAF MD 5) and the site sample drawn reproducibly from a seed (IAF MD 1), engine/audit_plan.h.
#ifndef SCEAU_CLI_PLAN_COMMANDS_H_
#define SCEAU_CLI_PLAN_COMMANDS_H_

#include <cstdint>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace sceau::cli {

struct PlanOptions {
  std::string dossier;
  std::optional<uint64_t> seed;  // default: DefaultSeed(audit id)
  std::string format = "text";   // text or json
  std::string lang = "fr";       // the text's language
  bool color = false;
};

// Exit 0 when printed, 1 when the dossier has errors, 2 on bad arguments.
int RunPlan(const PlanOptions& options);

// Adds the `plan` subcommand to `app`. It runs from its callback once the command line is parsed
// and ends the process with its exit code.
void AddPlanCommand(CLI::App& app);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_PLAN_COMMANDS_H_
