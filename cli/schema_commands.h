// `sceau schema referential|dossier|group [-o FILE]`: writes the JSON Schema of a YAML format,
// generated from the format's description in the engine (engine/format_specs.h).
#ifndef SCEAU_CLI_SCHEMA_COMMANDS_H_
#define SCEAU_CLI_SCHEMA_COMMANDS_H_

#include <string>

namespace CLI {
class App;
}

namespace sceau::cli {

// The schema of `format` ("referential", "dossier" or "group"), or "" for another name.
std::string SchemaOf(const std::string& format);

// Adds the `schema` subcommand to `app`. It runs from its callback once the command line is
// parsed: exit 0 when written (to stdout, or atomically to the -o file), 1 when the file cannot be
// written, 2 on bad arguments.
void AddSchemaCommand(CLI::App& app);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_SCHEMA_COMMANDS_H_
