// The group result: format "sceau-group-result", version 1, documented in audits/README.md ("The
// group result"), and its CSV (one row per member). Both are built from the group dossier, the
// group decision and the members' own JSON results, so that the group's figures are the members'.
#ifndef SCEAU_REPORTS_GROUP_JSON_H_
#define SCEAU_REPORTS_GROUP_JSON_H_

#include <string>
#include <vector>

#include "engine/group.h"
#include "engine/referential.h"

namespace sceau {

inline constexpr int kGroupResultFormatVersion = 1;

struct GroupMemberResult {
  std::string file;         // the member dossier, as the group dossier lists it
  std::string result;       // its JSON result, relative to the group result's folder
  std::string result_json;  // that result (a "sceau-result" document)
};

// The group certificate's number and revision as the register holds them after recording this
// audit (`sceau audit GROUP --register DB`).
struct RegisteredCertificate {
  std::string number;
  int revision = 0;
};

// Renders the group result as indented JSON ending with a newline. `members` are in the group
// dossier's order. The "referential" block is the members' (they share it). Deterministic.
// `registered`, when given, is the number and revision the lifecycle carries; otherwise the
// previous group result's (null while pending).
std::string GroupResultToJson(const GroupDossier& group, const Referential& ref,
                              const GroupDecision& decision,
                              const std::vector<GroupMemberResult>& members,
                              const RegisteredCertificate* registered = nullptr);

// One row per member, in the group's order: file, organisation, siret, kind, decision, score,
// major_nc, minor_nc, causes_refusal (yes/no), result. UTF-8 with a byte order mark, CRLF, cells
// as in the actions CSV (csv_writer.h). Reads the group result written by GroupResultToJson.
std::string GroupResultToCsv(const std::string& group_json, char separator = ',');

}  // namespace sceau

#endif  // SCEAU_REPORTS_GROUP_JSON_H_
