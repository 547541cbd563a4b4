// `sceau register badge`: a certificate of the register as an Open Badges 3.0 credential, signed
// with the certifier's private key (register/badge.h). The only command besides `sign` that reads a
// private key.
#ifndef SCEAU_CLI_BADGE_COMMANDS_H_
#define SCEAU_CLI_BADGE_COMMANDS_H_

#include <string>

#include "cli/commands.h"

namespace sceau::cli {

// sceau register badge CERT --key ISSUER.key [--config FILE] [--out FILE] [--today DATE]
//   [--lang fr|en] [--referentials DIR]: writes CERT-badge.json (never replaced) or --out
//   (replaced). Refused (exit 1): no such certificate, a certificate not in force on --today, no
//   issuer configuration, a key that is not the one the configuration names.
struct BadgeOptions {
  std::string db;            // the register (empty: DefaultRegisterPath())
  std::string number;        // CERT
  std::string key;           // the certifier's private key (sceau keygen)
  std::string config;        // empty: DefaultIssuerConfigPath()
  std::string out;           // empty: CERT-badge.json in the current folder
  std::string today;         // YYYY-MM-DD; empty: today. Also the proof's date (00:00:00Z)
  std::string lang = "fr";   // the credential's texts and evidence page
  std::string referentials;  // where the referential is found (default: as for audit)
};
int RunBadge(const BadgeOptions& options, const CommandContext& ctx);

// Declares the options of `register badge` on `sub`; `db` is the register's --db, read when the
// command runs (it must outlive the returned function).
CommandRun DeclareRegisterBadge(CLI::App& sub, const std::string* db);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_BADGE_COMMANDS_H_
