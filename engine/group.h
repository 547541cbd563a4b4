// Group certification (CEDRE ISO 9001): a group dossier lists the dossiers of members that share
// one management system; the group's label is granted only if every member's is.
//
//   sceau::GroupLoad g = sceau::LoadGroupFile("groupe.yaml", resolve);
//   if (!g.ok()) { print g.diagnostics and each member's; }
//   sceau::GroupDecision d = sceau::DecideGroup(outcomes of g.members);
//
// The format (top-level `group:` instead of `organisation:`) is documented in audits/README.md
// ("Group dossiers"). Every member is a normal dossier, loaded and evaluated as `sceau audit`
// would; problems of the group file are reported at their line (a member file that is missing,
// listed twice, written for another referential, or whose SIRET repeats another member's). Like a
// dossier, a group dossier may give `previous` (the group's previous sceau-group-result) or
// `certificate`, so that the group certificate follows its cycle (engine/lifecycle.h).
#ifndef SCEAU_ENGINE_GROUP_H_
#define SCEAU_ENGINE_GROUP_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/dossier.h"
#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential.h"
#include "engine/source.h"

namespace sceau {

struct GroupDossier {
  int format = 1;
  std::string referential_id;
  std::string referential_version;
  std::string name;
  std::string siret;  // 14 digits, or empty
  OrgKind kind = OrgKind::kOther;
  std::string region;
  std::string management_system;
  std::vector<std::string> members;           // member dossier paths, as written
  std::vector<SourceLocation> members_where;  // where each is written
  AuditInfo audit;                            // shared by the members; sites_visited is empty
  // The group's previous result (`previous`, a sceau-group-result), when given.
  std::optional<PreviousResult> previous;
  // The group certificate before this audit: from `previous` or from the `certificate` block.
  // Empty for a first audit. Follow-up of findings stays with each member's dossier.
  std::optional<CycleState> prior;
  std::string path;
  std::string sha256;
};

struct GroupMember {
  std::string file;  // as written in the group dossier
  std::string path;  // resolved against the group dossier's folder
  DossierLoad load;
  Evaluation evaluation;  // when the member loads
};

struct GroupLoad {
  std::shared_ptr<const GroupDossier> group;  // set when neither the group nor a member has errors
  std::shared_ptr<const Referential> referential;
  std::vector<GroupMember> members;     // in the group dossier's order, whether they load or not
  std::vector<Diagnostic> diagnostics;  // the group file's own, sorted
  bool ok() const { return group != nullptr; }
  // Errors and warnings of the group file and of every member (load and evaluation).
  int errors() const;
  int warnings() const;
};

// True when the YAML file at `path` is a group dossier: a map with a top-level `group` key.
// False for anything else (a normal dossier, an unreadable file, a YAML error).
bool IsGroupDossierFile(const std::string& path);
// The same for a text already read (`path` names it in no message).
bool IsGroupDossierText(const std::string& path, std::string text);

// Loads the group dossier at `path`, then each member (paths relative to its folder), each
// evaluated against the referential the group names.
GroupLoad LoadGroupFile(const std::string& path, const ReferentialResolver& resolve,
                        const LoadOptions& options = {});
// The same on the text of a group dossier already read (fuzz/group_fuzz.cc); `path` names it in
// diagnostics, and its folder is where the members and `previous.result` are looked up.
GroupLoad LoadGroupFromString(const std::string& path, std::string text,
                              const ReferentialResolver& resolve, const LoadOptions& options = {});

// One member as the group rule sees it.
struct MemberOutcome {
  std::string stem;  // the member file's name without extension
  Decision decision = Decision::kRefused;
};

struct GroupDecision {
  Decision decision = Decision::kRefused;
  std::vector<std::string> caused_by;  // stems of the members refused, in the group's order
};

// The group rule (CEDRE): refused if any member is refused (or has no certification decision,
// `none`), and caused_by lists them; otherwise conditional if any member is conditional; granted
// when every member is granted. An empty group is refused.
GroupDecision DecideGroup(const std::vector<MemberOutcome>& members);

// A member of a refused group holds no certificate, whatever its own evaluation (the group rule):
// when `group` refuses and the member's result would grant, its decision becomes refused, its
// certificate is removed, its lifecycle is the one a refusal gives (reason `group-refused`) and a
// note (code `group-refused`) says why, naming the members that caused it. Nothing changes when
// the group is granted or the member is refused on its own.
void ApplyGroupRefusal(const Referential& ref, const Dossier& member, const GroupDecision& group,
                       AuditResult* result);

}  // namespace sceau

#endif  // SCEAU_ENGINE_GROUP_H_
