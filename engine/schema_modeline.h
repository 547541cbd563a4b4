// The `yaml-language-server` modeline that `sceau template` and `sceau migrate` write as the first
// line of a dossier, so that an editor with the YAML language server completes and checks it
// wherever the file is.
//
// The schema it names is one that sceau writes from its own description of the format into a
// per-user folder (UserSchemaDir), named by an absolute `file://` URI: the dossier can be moved
// anywhere on that machine and the modeline still resolves, and the schema always matches the
// sceau that wrote the dossier.
//
//   std::string dir = UserSchemaDir(getenv("XDG_DATA_HOME"), getenv("HOME"));
//   // write dir + "/dossier.schema.json", then:
//   text = WithSchemaModeline(text, FileUri(dir + "/dossier.schema.json"));
#ifndef SCEAU_ENGINE_SCHEMA_MODELINE_H_
#define SCEAU_ENGINE_SCHEMA_MODELINE_H_

#include <string>
#include <string_view>

namespace sceau {

// "# yaml-language-server: $schema=" + schema.
std::string SchemaModeline(std::string_view schema);

// `yaml` with `SchemaModeline(schema)` as its first line. A modeline already among the comment
// lines that open the file (before the first key; a `---` among them included) is removed, so there
// is exactly one.
std::string WithSchemaModeline(std::string_view yaml, std::string_view schema);

// Where sceau keeps the schemas an editor reads: $XDG_DATA_HOME/sceau/schemas when XDG_DATA_HOME
// is an absolute path, else $HOME/.local/share/sceau/schemas. Empty when neither gives an absolute
// path. Either argument may be null (an unset variable).
std::string UserSchemaDir(const char* xdg_data_home, const char* home);

// The `file://` URI of an absolute path, bytes outside [A-Za-z0-9/._~-] percent-encoded
// ("/home/é v/x.json" -> "file:///home/%C3%A9%20v/x.json"). A Windows path ("C:\x\y.json")
// becomes "file:///C:/x/y.json".
std::string FileUri(std::string_view absolute_path);

}  // namespace sceau

#endif  // SCEAU_ENGINE_SCHEMA_MODELINE_H_
