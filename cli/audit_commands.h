// The dossier commands: audit, check, template.
#ifndef SCEAU_CLI_AUDIT_COMMANDS_H_
#define SCEAU_CLI_AUDIT_COMMANDS_H_

#include <string>
#include <vector>

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
  bool quiet = false;
  bool color = false;
};

int RunAudit(const AuditOptions& options);
int RunCheck(const AuditOptions& options);

struct TemplateOptions {
  std::string referential;  // a referential file
  std::string kind;         // organisation kind: ACI, AI, ...
  int headcount = -1;       // -1: unknown (criteria conditional on it are kept, with a comment)
  int sites = -1;
  std::string out;  // file; empty: stdout
  std::string lang = "fr";
  bool color = false;
};

int RunTemplate(const TemplateOptions& options);

struct ReportOptions {
  std::string result;  // a JSON result written by `sceau audit`
  std::string out = ".";
  std::vector<std::string> formats = {"pdf"};
  std::string lang = "fr";
  bool quiet = false;
};

int RunReport(const ReportOptions& options);

struct MigrateOptions {
  std::string dossier;       // the dossier to migrate
  std::string to;            // the new version's referential file
  std::string out;           // where to write; empty: <stem>-<version>.yaml beside the dossier
  std::string referentials;  // where the dossier's version is looked up (then beside --to)
  bool quiet = false;
  bool color = false;
};

int RunMigrate(const MigrateOptions& options);

// Where referentials are looked up when --referentials is not given: $SCEAU_REFERENTIALS, then
// ./referentials, then the referentials/ folder beside the sceau binary's build directory.
std::string FindReferentialsDir(const std::string& given);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_AUDIT_COMMANDS_H_
