// Temporary definitions of the dossier formats' roots, until their loaders read through specs.
#include "engine/format_specs.h"

namespace sceau::format {

const MapSpec& DossierSpec() {
  static constexpr MapSpec kSpec{"dossier",
                                 "An audit dossier (see audits/README.md).",
                                 {},
                                 R"({"additionalProperties": true})"};
  return kSpec;
}

const MapSpec& GroupDossierSpec() {
  static constexpr MapSpec kSpec{
      "group", "A group dossier (see audits/README.md).", {}, R"({"additionalProperties": true})"};
  return kSpec;
}

SchemaInfo DossierSchemaInfo() {
  return {"sceau audit dossier", "An audit dossier of sceau. See audits/README.md."};
}

SchemaInfo GroupDossierSchemaInfo() {
  return {"sceau group dossier", "A group dossier of sceau. See audits/README.md."};
}

}  // namespace sceau::format
