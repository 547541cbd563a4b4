// The root maps of sceau's YAML formats, described with engine/format.h. Each loader reads
// through its root (and the maps it reaches), and `sceau schema` generates the JSON Schemas from
// them.
#ifndef SCEAU_ENGINE_FORMAT_SPECS_H_
#define SCEAU_ENGINE_FORMAT_SPECS_H_

#include "engine/format.h"

namespace sceau::format {

// A referential (referentials/README.md); defined in engine/referential_spec.cc.
const MapSpec& ReferentialSpec();
// An audit dossier (audits/README.md).
const MapSpec& DossierSpec();
// A group dossier (audits/README.md, "Group dossiers").
const MapSpec& GroupDossierSpec();

// The schema's title and description of each format.
SchemaInfo ReferentialSchemaInfo();
SchemaInfo DossierSchemaInfo();
SchemaInfo GroupDossierSchemaInfo();

}  // namespace sceau::format

#endif  // SCEAU_ENGINE_FORMAT_SPECS_H_
