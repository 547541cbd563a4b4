#include "cli/editor_schema.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/format.h"
#include "engine/format_specs.h"
#include "engine/schema_modeline.h"
#include "engine/wording.h"

namespace sceau {

namespace {

namespace fs = std::filesystem;

// Writes `text` to `path` unless it holds it already; through a temporary file renamed over it,
// so that an editor never reads half a schema. False with `*error` on failure.
bool WriteIfChanged(const fs::path& path, const std::string& text, std::string* error) {
  {
    std::ifstream in(path, std::ios::binary);
    std::stringstream have;
    if (in && (have << in.rdbuf()) && have.str() == text) return true;
  }
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    *error = Fmt("cannot create {}: {}", path.parent_path().string(), ec.message());
    return false;
  }
  fs::path tmp = path;
  tmp += fmt::format(".tmp{}", static_cast<long>(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      fs::remove(tmp, ec);
      *error = Fmt("cannot write {}", tmp.string());
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    *error = Fmt("cannot write {}: {}", path.string(), ec.message());
    return false;
  }
  return true;
}

}  // namespace

std::string InstallDossierSchema(std::string* warning) {
  const std::string fallback = "dossier.schema.json";
  std::string dir = UserSchemaDir(std::getenv("XDG_DATA_HOME"), std::getenv("HOME"));
  if (dir.empty()) {
    *warning = "neither XDG_DATA_HOME nor HOME is an absolute path: the modeline names " +
               fallback + " beside the dossier";
    return fallback;
  }
  fs::path path = fs::path(dir) / "dossier.schema.json";
  std::string error;
  if (!WriteIfChanged(
          path, format::GenerateJsonSchema(format::DossierSpec(), format::DossierSchemaInfo()),
          &error)) {
    *warning = error + ": the modeline names " + fallback + " beside the dossier";
    return fallback;
  }
  return FileUri(path.string());
}

}  // namespace sceau
