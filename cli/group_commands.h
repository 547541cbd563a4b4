// `sceau audit GROUP.yaml`: a group dossier (top-level `group:`) audits every member dossier it
// lists and takes the group decision (engine/group.h).
#ifndef SCEAU_CLI_GROUP_COMMANDS_H_
#define SCEAU_CLI_GROUP_COMMANDS_H_

#include <iostream>
#include <string>

#include "cli/audit_commands.h"

namespace sceau::cli {

// True when `path` is a group dossier (a YAML map with a top-level `group` key).
bool IsGroupDossier(const std::string& path);

// Loads the group and its members, evaluates each member, takes the group decision, and writes
// each member's reports to <out>/<group-stem>/<member-stem>.{json,csv,pdf} and the group's to
// <out>/<group-stem>.{json,csv,pdf}, all or nothing. Exit 0 when written (whatever the decision),
// 1 when the group or a member has errors (nothing written), 2 on a bad --format.
int RunGroupAudit(const AuditOptions& options, std::ostream& out = std::cout,
                  std::ostream& err = std::cerr);

// `sceau check GROUP.yaml`: loads and evaluates the group and its members, prints the diagnostics
// and one line per member, writes nothing. Exit 0 when ready to audit, 1 otherwise.
int RunGroupCheck(const AuditOptions& options, std::ostream& out = std::cout,
                  std::ostream& err = std::cerr);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_GROUP_COMMANDS_H_
