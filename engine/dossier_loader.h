// Loads an audit dossier from YAML and checks it against its referential: structure, types,
// references to criteria, grades, levels, evidence and sites, applicability, NA, the audit team and
// dates. Every problem of a file is reported in one run, as for referentials.
#ifndef SCEAU_ENGINE_DOSSIER_LOADER_H_
#define SCEAU_ENGINE_DOSSIER_LOADER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/dossier.h"
#include "engine/identity.h"
#include "engine/previous_result.h"
#include "engine/referential.h"
#include "engine/referential_loader.h"
#include "engine/source.h"

namespace sceau {

class Fields;
class YamlReader;

// Finds the referential a dossier names. Returns it, or null with `*error` saying why (for example
// "no referential 'cedre-iso9001' version '2025.1' in referentials/ (versions there: 2026.1)").
using ReferentialResolver = std::function<std::shared_ptr<const Referential>(
    const std::string& id, const std::string& version, std::string* error)>;

struct DossierLoad {
  std::shared_ptr<const Referential> referential;  // set once resolved, even if the dossier fails
  std::shared_ptr<const Dossier> dossier;          // set when there is no error
  std::vector<Diagnostic> diagnostics;             // sorted
  bool ok() const { return dossier != nullptr; }
  int errors() const;
  int warnings() const;
};

struct DossierOptions {
  YamlLimits limits;
  // Folder that evidence `file` paths are relative to; empty: do not look at evidence files.
  // The previous result (`previous.result`) is read relative to it, or to the current folder
  // when it is empty.
  std::string base_dir;
};

// Reads the dossier at `path`; evidence files are looked up relative to its folder.
DossierLoad LoadDossierFile(const std::string& path, const ReferentialResolver& resolve,
                            const LoadOptions& options = {});
// Reads the dossier `name` of a campaign's `folder`: resolved inside it, symbolic links included,
// and read from the descriptor checked there (engine/contained_file.h), so that the file audited
// is the file found. `path` names it in messages and locates its evidence files.
DossierLoad LoadContainedDossierFile(const std::string& folder, const std::string& name,
                                     const std::string& path, const ReferentialResolver& resolve,
                                     const LoadOptions& options = {});
DossierLoad LoadDossierFromString(const std::string& name, std::string text,
                                  const ReferentialResolver& resolve,
                                  const DossierOptions& options = {});

// Pieces of the `audit` block, read alike for a dossier and for a group dossier.
// A string that must say something: "<what> is empty" when blank.
std::string ReadNonEmpty(YamlReader* reader, const YamlNode* v, const std::string& what);
// `start`, `end` and `decision_date` (the end when absent), each after the one before. True when
// both start and end were read.
bool ReadAuditDates(YamlReader* reader, Fields* fields, AuditInfo* audit);
// `lead_auditor` (required), `lead_auditor_id`, `auditors` and `auditor_ids` (one per auditor:
// a list of another length is an error, and the auditors' identifiers are then dropped).
void ReadAuditTeam(YamlReader* reader, Fields* fields, AuditInfo* audit);
// Every date that an audit decided on `audit.decision_date` leads to under `policy` (the
// certificate's expiry, then the longest suspension or restoration after it, the surveillance
// due, the correction deadlines) must be on or before 9999-12-31, the last date sceau handles:
// an error (`bad-dates`) at `audit_node`'s `decision_date` (else its `end`) when one is not.
// False then.
bool CheckAuditDateLimit(const AuditInfo& audit, const Policy& policy, const YamlNode* audit_node,
                         DiagnosticSink* sink);
// The member of `audit`'s team who is `person` (engine/identity.h, Identify), if any.
struct TeamMatch {
  SameBy by = SameBy::kNo;
  bool lead = false;  // the lead auditor; otherwise one of the auditors
  std::string name;   // as the team lists them
  std::string id;     // their identifier, when `by` is kId
};
std::optional<TeamMatch> FindOnTeam(const AuditInfo& audit, const Person& person);
// The decision maker (read at `dm`) must not be on the audit team (ISO/IEC 17021-1).
void CheckDecisionMakerOffTeam(const AuditInfo& audit, const YamlNode* dm, DiagnosticSink* sink);

// The `previous` and `certificate` keys, read alike for a dossier and for a group dossier.
// What they are checked against:
struct PriorContext {
  const Referential* referential = nullptr;     // required: its id and policy
  ResultFormat format = ResultFormat::kMember;  // kGroup: `previous.result` is a group result
  std::string base_dir;  // `previous.result` is relative to it; empty: the current folder
  YamlLimits limits;
  // The organisation (or group) whose audit this is, when its name and SIRET were read without
  // error: the previous result must be about it (same SIRET when both have one, else same name).
  bool subject_known = false;
  std::string name;
  std::string siret;                // may be empty
  std::optional<Date> audit_start;  // this audit's first day, when its dates were read
};

// Reads `previous: {result: FILE, sha256: optional}`: the previous result, or nullopt after
// reporting every problem at its key (missing file, not a result of the expected format, another
// referential, another organisation or group, a hash mismatch, a decision after this audit).
std::optional<PreviousResult> ReadPreviousKey(YamlReader* reader, const YamlNode* n,
                                              const PriorContext& context);
// Reads `certificate: {decision_date, surveillances_done, last_audit, suspended_since}`: the
// certificate before this audit, or nullopt after reporting.
std::optional<CycleState> ReadCertificateKey(YamlReader* reader, const YamlNode* n,
                                             const PriorContext& context);

// A resolver that always answers `ref` (and refuses other ids or versions).
ReferentialResolver FixedReferential(std::shared_ptr<const Referential> ref);

}  // namespace sceau

#endif  // SCEAU_ENGINE_DOSSIER_LOADER_H_
