// The issuer configuration (engine/issuer_config.h) as the commands read it that draw a
// certificate's QR code where the configuration is optional: `sceau audit` (which writes the
// certificate page's address into the result) and `sceau register certificate`.
#ifndef SCEAU_CLI_ISSUER_OPTION_H_
#define SCEAU_CLI_ISSUER_OPTION_H_

#include <optional>
#include <ostream>
#include <string>

#include "engine/issuer_config.h"

namespace sceau::cli {

// The public directory's base URL from the file `config` (--config), else from
// DefaultIssuerConfigPath() when that file exists; empty when the file has no directory, or when
// --config is not given and no default file exists. Returns false, with the file's diagnostics
// printed to `err` (coloured with `color`), when the file cannot be read or has errors: a file
// named by --config must exist, and a default file that exists must be valid.
// The whole configuration, by the same rules: `*issuer` stays empty when --config is not given
// and no default file exists.
bool ReadIssuerConfig(const std::string& config, bool color, std::ostream& err,
                      std::optional<IssuerConfig>* issuer);

bool ReadDirectoryUrl(const std::string& config, bool color, std::ostream& err,
                      std::string* directory_url);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_ISSUER_OPTION_H_
