#include "cli/schema_commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "engine/format_specs.h"
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
  return "";
}

void AddSchemaCommand(CLI::App& app) {
  struct Options {
    std::string format;
    std::string output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* schema = app.add_subcommand(
      "schema", "Write the JSON Schema of a YAML format (referential, dossier or group)");
  schema->add_option("FORMAT", options->format, "referential, dossier or group")
      ->required()
      ->check(CLI::IsMember({"referential", "dossier", "group"}));
  schema->add_option("-o,--output", options->output,
                     "Write to this file (replaced atomically) instead of standard output");
  schema->footer(
      "The schemas are generated from the formats' description in the engine: the committed "
      "referentials/referential.schema.json and audits/*.schema.json are exactly its output.\n"
      "Exit codes: 0 written, 1 the file could not be written, 2 usage error.");
  schema->callback([options] {
    DeferCommand([options] {
      std::string text = SchemaOf(options->format);
      if (options->output.empty()) {
        std::cout << text;
        std::cout.flush();
        return std::cout ? kExitOk : kExitInvalid;
      }
      std::string error;
      if (!WriteFileAtomically(options->output, text, &error)) {
        std::cerr << "sceau schema: " << error << "\n";
        return kExitInvalid;
      }
      return kExitOk;
    });
  });
}

}  // namespace sceau::cli
