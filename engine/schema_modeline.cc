#include "engine/schema_modeline.h"

#include <fmt/format.h>

namespace sceau {

namespace {

constexpr std::string_view kModeline = "# yaml-language-server:";

bool IsAbsolute(const char* path) { return path != nullptr && path[0] == '/'; }

}  // namespace

std::string SchemaModeline(std::string_view schema) {
  return fmt::format("{} $schema={}", kModeline, schema);
}

std::string WithSchemaModeline(std::string_view yaml, std::string_view schema) {
  std::string out = SchemaModeline(schema) + "\n";
  size_t at = 0;
  bool in_header = true;  // still among the comment lines that open the file
  while (at < yaml.size()) {
    size_t end = yaml.find('\n', at);
    size_t next = end == std::string_view::npos ? yaml.size() : end + 1;
    std::string_view line = yaml.substr(at, next - at);
    std::string_view body = line.substr(0, line.find_first_of("\r\n"));
    size_t lead = body.find_first_not_of(" \t");
    bool comment = lead != std::string_view::npos && body[lead] == '#';
    bool marker =
        body.substr(0, 3) == "---" && body.find_first_not_of(" \t", 3) == std::string_view::npos;
    if (in_header && !comment && !marker && lead != std::string_view::npos) in_header = false;
    bool modeline =
        in_header && comment && body.substr(lead).substr(0, kModeline.size()) == kModeline;
    if (!modeline) out.append(line);
    at = next;
  }
  return out;
}

std::string UserSchemaDir(const char* xdg_data_home, const char* home) {
  if (IsAbsolute(xdg_data_home)) return std::string(xdg_data_home) + "/sceau/schemas";
  if (IsAbsolute(home)) return std::string(home) + "/.local/share/sceau/schemas";
  return "";
}

std::string FileUri(std::string_view path) {
  std::string p(path);
  for (char& c : p) {
    if (c == '\\') c = '/';
  }
  std::string out = "file://";
  const bool drive = p.size() > 1 && p[1] == ':';
  if (drive) out += '/';  // C:/x -> file:///C:/x
  for (size_t i = 0; i < p.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '/' || c == '.' || c == '_' || c == '~' || c == '-' || (drive && i == 1);
    out += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace sceau
