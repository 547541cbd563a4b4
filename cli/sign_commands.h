// The signing commands: keygen, sign, verify (see reports/signing.h and SECURITY.md).
#ifndef SCEAU_CLI_SIGN_COMMANDS_H_
#define SCEAU_CLI_SIGN_COMMANDS_H_

#include <ostream>
#include <string>

#include "cli/commands.h"

namespace sceau::cli {

// sceau keygen --out NAME: writes NAME.key (private, mode 0600) and NAME.pub, never overwriting.
// Exit 0 written, 1 a file exists or cannot be written.
struct KeygenOptions {
  std::string out;  // NAME, without extension
  bool quiet = false;
};
int RunKeygen(const KeygenOptions& options, std::ostream& out, std::ostream& err);

// sceau sign RESULT.json --key NAME.key [--pdf] [--lang fr|en]: writes RESULT.json.sig and, with
// --pdf, RESULT.pdf carrying the result and its signature. Exit 0 written, 1 invalid input.
struct SignOptions {
  std::string result;  // a JSON result written by `sceau audit`
  std::string key;     // a private key written by `sceau keygen`
  bool pdf = false;
  std::string lang = "fr";
  bool quiet = false;
};
int RunSign(const SignOptions& options, std::ostream& out, std::ostream& err);

// sceau verify FILE --key NAME.pub [--signature FILE.sig] [--status-dir DIR] [--today DATE]: FILE
// is a JSON result (its signature beside it as FILE.sig, or --signature), a signed PDF, or an Open
// Badges credential from `sceau register badge` (its proof, its dates on --today, and its status
// in the status lists of the published directory DIR, when given: register/badge.h). Exit 0 valid,
// 1 invalid (altered, wrong key, unsigned, unreadable; a credential expired, suspended or
// withdrawn), 2 usage (including a --key that is not an Ed25519 public key).
struct VerifyOptions {
  std::string file;
  std::string key;
  std::string signature;   // empty: FILE.sig
  std::string status_dir;  // credentials: the published directory; empty: status not checked
  std::string today;       // credentials: YYYY-MM-DD; empty: today
  bool quiet = false;
};
int RunVerify(const VerifyOptions& options, std::ostream& out, std::ostream& err);

// The subcommands (cli/commands.h): each declares its options on `app` and returns its run.
CommandRun DeclareKeygen(CLI::App& app);
CommandRun DeclareSign(CLI::App& app);
CommandRun DeclareVerify(CLI::App& app);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_SIGN_COMMANDS_H_
