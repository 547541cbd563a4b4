// The JSON Schemas that an editor reads to complete and check a dossier as it is typed, installed
// in the user's data folder (engine/schema_modeline.h) by `sceau template` and `sceau migrate`.
#ifndef SCEAU_CLI_EDITOR_SCHEMA_H_
#define SCEAU_CLI_EDITOR_SCHEMA_H_

#include <string>

namespace sceau {

// The modeline target for the dossier schema: writes this sceau's dossier schema (generated from
// format::DossierSpec()) to
// UserSchemaDir()/dossier.schema.json (unless it is there already with the same bytes) and returns
// its file:// URI. When it cannot (no HOME, a read-only folder), returns "dossier.schema.json", the
// schema beside the dossier, and says why in `*warning`.
std::string InstallDossierSchema(std::string* warning);

}  // namespace sceau

#endif  // SCEAU_CLI_EDITOR_SCHEMA_H_
