// Catalogues of fixed texts in French and English, compiled into the binary from YAML: the
// report's words (reports/strings/report.yaml) and the command line's (cli/strings/cli.yaml).
#ifndef SCEAU_REPORTS_CATALOGUE_H_
#define SCEAU_REPORTS_CATALOGUE_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/referential.h"  // Text

namespace sceau {

// The catalogue `yaml` holds (a map: key -> {fr: text, en: text}), named `name`; empty when it
// does not parse (a test checks that each one does).
std::map<std::string, Text> ReadCatalogue(const std::string& name, const std::string& yaml);

// `text` with each "{name}" marker replaced by the value of `name` in `args`.
std::string FillPlaceholders(std::string text,
                             const std::vector<std::pair<std::string, std::string>>& args);

}  // namespace sceau

#endif  // SCEAU_REPORTS_CATALOGUE_H_
