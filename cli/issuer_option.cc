#include "cli/issuer_option.h"

#include <filesystem>
#include <optional>
#include <vector>

#include "engine/issuer_config.h"
#include "engine/source.h"

namespace sceau::cli {

bool ReadIssuerConfig(const std::string& config, bool color, std::ostream& err,
                      std::optional<IssuerConfig>* issuer) {
  issuer->reset();
  std::string path = config;
  if (path.empty()) {
    path = DefaultIssuerConfigPath();
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) return true;
  }
  std::vector<Diagnostic> diagnostics;
  *issuer = LoadIssuerConfigFile(path, &diagnostics);
  RenderOptions options;
  options.color = color;
  for (const Diagnostic& d : diagnostics) err << RenderDiagnostic(d, options);
  return issuer->has_value();
}

bool ReadDirectoryUrl(const std::string& config, bool color, std::ostream& err,
                      std::string* directory_url) {
  std::optional<IssuerConfig> issuer;
  const bool ok = ReadIssuerConfig(config, color, err, &issuer);
  *directory_url = issuer ? issuer->directory_url : "";
  return ok;
}

}  // namespace sceau::cli
