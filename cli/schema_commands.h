// `sceau schema referential|dossier|group [-o FILE]`: writes the JSON Schema of a YAML format,
// generated from the format's description in the engine (engine/format_specs.h).
#ifndef SCEAU_CLI_SCHEMA_COMMANDS_H_
#define SCEAU_CLI_SCHEMA_COMMANDS_H_

#include <ostream>
#include <string>

#include "cli/commands.h"

namespace sceau::cli {

// The schema of `format` ("referential", "dossier" or "group"), or "" for another name.
std::string SchemaOf(const std::string& format);

// Writes the schema of `format` to `out`, or atomically to the file `output` when not empty.
// Returns 0 when written, 1 when the file cannot be written (a message on `err`).
int RunSchema(const std::string& format, const std::string& output, std::ostream& out,
              std::ostream& err);

// Declares `sceau schema FORMAT [-o FILE]` on `app` (a row of the command table, cli/commands.h):
// exit 0 when written, 1 when the file cannot be written, 2 on bad arguments.
CommandRun DeclareSchema(CLI::App& app);

}  // namespace sceau::cli

#endif  // SCEAU_CLI_SCHEMA_COMMANDS_H_
