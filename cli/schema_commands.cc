#include "cli/schema_commands.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.h"
#include "engine/format_specs.h"
#include "engine/issuer_config.h"
#include "reports/atomic_file.h"

namespace sceau::cli {

std::string SchemaOf(const std::string& format) {
  if (format == "referential") {
    return format::GenerateJsonSchema(format::ReferentialSpec(), format::ReferentialSchemaInfo());
  }
  if (format == "dossier") {
    return format::GenerateJsonSchema(format::DossierSpec(), format::DossierSchemaInfo());
  }
  if (format == "group") {
    return format::GenerateJsonSchema(format::GroupDossierSpec(), format::GroupDossierSchemaInfo());
  }
  if (format == "config") {
    return format::GenerateJsonSchema(format::IssuerConfigSpec(), format::IssuerConfigSchemaInfo());
  }
  return "";
}

int RunSchema(const std::string& format, const std::string& output, std::ostream& out,
              std::ostream& err) {
  std::string text = SchemaOf(format);
  if (output.empty()) {
    out << text;
    out.flush();
    return out ? kExitOk : kExitInvalid;
  }
  std::string error;
  if (!WriteFileAtomically(output, text, &error)) {
    err << "sceau schema: " << error << "\n";
    return kExitInvalid;
  }
  return kExitOk;
}

CommandRun DeclareSchema(CLI::App& app) {
  struct Options {
    std::string format;
    std::string output;
  };
  auto options = std::make_shared<Options>();
  app.add_option("FORMAT", options->format, "referential, dossier, group or config")
      ->required()
      ->check(CLI::IsMember({"referential", "dossier", "group", "config"}));
  app.add_option("-o,--output", options->output,
                 "Write to this file (replaced atomically) instead of standard output");
  app.footer(
      "The schemas are generated from the formats' description in the engine: the committed "
      "referentials/referential.schema.json, audits/*.schema.json and certifier/config.schema.json "
      "are exactly its output.\n"
      "Exit codes: 0 written, 1 the file could not be written, 2 usage error.");
  return [options](const CommandContext& c) {
    return RunSchema(options->format, options->output, c.out, c.err);
  };
}

}  // namespace sceau::cli
