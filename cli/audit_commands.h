// The dossier commands: audit, check, report, migrate, template.
// Each Run function writes its output to `out` and its diagnostics and messages to `err`.
#ifndef SCEAU_CLI_AUDIT_COMMANDS_H_
#define SCEAU_CLI_AUDIT_COMMANDS_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "engine/lifecycle.h"
#include "engine/referential.h"

namespace sceau::cli {

struct AuditOptions {
  std::string dossier;
  std::string referentials;  // folder of referentials; empty: the default (see FindReferentialsDir)
  std::string out = ".";     // folder for the outputs
  std::vector<std::string> formats = {"json", "csv", "pdf"};
  std::string csv_separator = ",";
  std::string lang = "fr";
  std::vector<std::string> coverage;  // frameworks to report coverage of (--coverage)
  std::string register_db;  // --register: record the decision there first; empty: no register
  // --config: the issuer configuration, whose directory gives the certificate's page address (the
  // report's QR code); empty: the default file (engine/issuer_config.h), when it exists.
  std::string config;
  bool quiet = false;
  bool color = false;
};

int RunAudit(const AuditOptions& options, std::ostream& out, std::ostream& err);
int RunCheck(const AuditOptions& options, std::ostream& out, std::ostream& err);
// `sceau import GRID -o DOSSIER.yaml`: the grid checked as `check` does, then written as YAML
// (never over an existing file); nothing is written when it does not check.
int RunImport(const AuditOptions& options, const std::string& yaml_out, std::ostream& out,
              std::ostream& err);

struct TemplateOptions {
  std::string referential;  // a referential file
  std::string kind;         // organisation kind: ACI, AI, ...
  int headcount = -1;       // -1: unknown (criteria conditional on it are kept, with a comment)
  int sites = -1;
  std::string out;  // file; empty: stdout
  std::string lang = "fr";
  bool color = false;
  std::string format = "yaml";  // yaml, or xlsx: the auditor's spreadsheet grid
  std::string from;             // xlsx: a dossier to fill the grid with
};

int RunTemplate(const TemplateOptions& options, std::ostream& out, std::ostream& err);

// The criteria a blank dossier lists, in the referential's order: those that apply to an
// organisation of `kind` (with `headcount` and `sites`, -1 when unknown), and those that may
// apply when headcount or sites are unknown (`applies` false, `reason` saying when they do not).
struct TemplateCriterion {
  int index = -1;  // in Referential::criteria
  bool applies = true;
  std::string reason;
};
// One line saying what a check of the referential verifies ("Contrôle : indicateur ...").
std::string CheckLine(const Check& check, const std::string& lang);
std::vector<TemplateCriterion> TemplateCriteria(const Referential& ref, OrgKind kind, int headcount,
                                                int sites, const std::string& lang);

struct ReportOptions {
  std::string result;  // a JSON result written by `sceau audit`
  std::string out = ".";
  std::vector<std::string> formats = {"pdf"};
  std::string lang = "fr";
  bool quiet = false;
};

int RunReport(const ReportOptions& options, std::ostream& out, std::ostream& err);

struct MigrateOptions {
  std::string dossier;       // the dossier to migrate
  std::string to;            // the new version's referential file
  std::string out;           // where to write; empty: <stem>-<version>.yaml beside the dossier
  std::string referentials;  // where the dossier's version is looked up (then beside --to)
  bool quiet = false;
  bool color = false;
};

int RunMigrate(const MigrateOptions& options, std::ostream& out, std::ostream& err);

// Where referentials are looked up when --referentials is not given: $SCEAU_REFERENTIALS, then
// ./referentials, then the referentials/ folder beside the sceau binary's build directory.
// `given` when it is not empty. The first overload reads the process's environment.
std::string FindReferentialsDir(const std::string& given);
std::string FindReferentialsDir(const std::string& given, const Environment& env);

// The referentials' time limits (follow_up.suspension_months, restoration_months), read from the
// folder FindReferentialsDir(given, env) gives, each referential loaded once. A referential not
// found there (or not valid) gives nullopt, so that the defaults of DOMAIN.md apply; `missing`,
// when set, is told so with ReferentialLibrary::Resolve's reason, at each such lookup. What
// `register list`, `show`, `update` and `summary` share.
using MissingReferential = std::function<void(const std::string& id, const std::string& version,
                                              const std::string& error)>;
PolicyLookup ReferentialPolicies(const std::string& given, const Environment& env,
                                 MissingReferential missing = nullptr);

// The subcommands (cli/commands.h): each declares its options on `app` and returns its run.
// The commands read $SCEAU_REFERENTIALS from the context's environment.
CommandRun DeclareAudit(CLI::App& app);
CommandRun DeclareCheck(CLI::App& app);
CommandRun DeclareReport(CLI::App& app);
CommandRun DeclareMigrate(CLI::App& app);
CommandRun DeclareTemplate(CLI::App& app);
CommandRun DeclareImport(CLI::App& app);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_AUDIT_COMMANDS_H_
