// libFuzzer target: the certifier's configuration loader on arbitrary text; a configuration that
// loads then names the issuer of a one-certificate directory, rendered whole. Any crash, leak, UB
// or timeout is a bug: the loader must turn any input into diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/issuer_config.h"
#include "reports/directory.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<sceau::Diagnostic> diagnostics;
  std::optional<sceau::IssuerConfig> config =
      sceau::LoadIssuerConfigFromString("fuzz.yaml", std::move(text), &diagnostics);
  if (!config) return 0;
  sceau::DirectoryCertificate c;
  c.number = "CEDRE-2026-00001";
  c.organisation = config->description;
  c.state = "active";
  c.sites.push_back({config->email, config->key_id});
  sceau::DirectoryOptions options;
  options.base_url = config->directory_url;
  options.issuer_name = config->name;
  options.issuer_url = config->url;
  sceau::DirectoryFiles files;
  std::string error;
  if (!sceau::RenderDirectory({c}, options, &files, &error)) __builtin_trap();
  return 0;
}
