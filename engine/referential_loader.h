// Loads a referential from YAML and validates it: structure, types, references, the criteria graph
// and the decision policy. Every problem of a file is reported in one run.
//
//   sceau::LoadOptions options;
//   sceau::ReferentialLoad load = sceau::LoadReferentialFile("referentials/cedre.yaml", options);
//   for (const auto& d : load.diagnostics) std::cerr << sceau::RenderDiagnostic(d);
//   if (load.ok()) Use(*load.referential);
#ifndef SCEAU_ENGINE_REFERENTIAL_LOADER_H_
#define SCEAU_ENGINE_REFERENTIAL_LOADER_H_

#include <memory>
#include <string>
#include <vector>

#include "engine/referential.h"
#include "engine/source.h"
#include "engine/yaml_tree.h"

namespace sceau {

struct LoadOptions {
  YamlLimits limits;  // file size, nesting depth and node count limits (see yaml_tree.h)
  // Folder where the referential named by `extends` is looked for. LoadReferentialFile sets it to
  // the file's own folder when empty; for LoadReferentialFromString, empty means `extends` fails.
  std::string base_dir;
  // Referentials being loaded above this one through `extends` (cycle and depth guard).
  std::vector<std::string> extends_chain;
  // Groups of mutually dependent criteria reported one by one; past it, one note counts the rest.
  // 0 reports them all (`--all-cycles`).
  int max_cycle_groups = 20;
};

struct ReferentialLoad {
  // Set when the file had no error (warnings allowed); null otherwise.
  std::shared_ptr<const Referential> referential;
  // Set when the only errors are dependency cycles: the model is otherwise complete, so that
  // `sceau graph` can draw it with its cycles highlighted. Never evaluated.
  std::shared_ptr<const Referential> graph_only;
  // Every error and warning, sorted by position.
  std::vector<Diagnostic> diagnostics;

  bool ok() const { return referential != nullptr; }
  int errors() const;
  int warnings() const;
};

// Reads and validates the file at `path`. A file that cannot be read (missing, a directory,
// unreadable, over the size limit) yields one error diagnostic located at the file itself.
ReferentialLoad LoadReferentialFile(const std::string& path, const LoadOptions& options = {});

// Validates `text` as if read from a file named `name`. Used by tests and by LoadReferentialFile.
ReferentialLoad LoadReferentialFromString(const std::string& name, std::string text,
                                          const LoadOptions& options = {});

// Reads a whole file into `*text`. On failure returns a diagnostic (code "io-error" or
// "file-too-large") naming the file and the reason.
bool ReadFileText(const std::string& path, size_t max_bytes, std::string* text, Diagnostic* error);

}  // namespace sceau

#endif  // SCEAU_ENGINE_REFERENTIAL_LOADER_H_
