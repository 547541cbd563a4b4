#include "cli/issuer_option.h"

#include <filesystem>
#include <optional>
#include <vector>

#include "engine/issuer_config.h"
#include "engine/source.h"

namespace sceau::cli {

bool ReadDirectoryUrl(const std::string& config, bool color, std::ostream& err,
                      std::string* directory_url) {
  directory_url->clear();
  std::string path = config;
  if (path.empty()) {
    path = DefaultIssuerConfigPath();
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) return true;
  }
  std::vector<Diagnostic> diagnostics;
  std::optional<IssuerConfig> loaded = LoadIssuerConfigFile(path, &diagnostics);
  RenderOptions options;
  options.color = color;
  for (const Diagnostic& d : diagnostics) err << RenderDiagnostic(d, options);
  if (!loaded) return false;
  *directory_url = loaded->directory_url;
  return true;
}

}  // namespace sceau::cli
