// A folder of referentials, searched by id and version. Files are peeked (id and version read
// from the YAML) and fully loaded only when asked for; loaded referentials are kept, so a batch of
// dossiers loads each referential once. Resolve may be called from several threads at once (a
// mutex guards the index and the cache; a referential is loaded once, by the first caller).
#ifndef SCEAU_ENGINE_REFERENTIAL_LIBRARY_H_
#define SCEAU_ENGINE_REFERENTIAL_LIBRARY_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "engine/referential.h"
#include "engine/referential_loader.h"

namespace sceau {

class ReferentialLibrary {
 public:
  explicit ReferentialLibrary(std::string dir, LoadOptions options = {});

  // The referential with this id and version, or null with `*error` saying why (none there, the
  // versions that are there, or the file's own errors when it does not validate).
  std::shared_ptr<const Referential> Resolve(const std::string& id, const std::string& version,
                                             std::string* error);
  // The same, also setting `*diagnostics` to the referential file's own diagnostics when it fails
  // to load (empty otherwise). Safe to call from several threads. A failure is remembered too, so
  // a referential with errors is not reloaded for every dossier naming it.
  std::shared_ptr<const Referential> Resolve(const std::string& id, const std::string& version,
                                             std::string* error,
                                             std::vector<Diagnostic>* diagnostics);
  // Diagnostics of the last file that failed to load in Resolve (single-threaded use only).
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  const std::string& dir() const { return dir_; }

 private:
  struct Entry {
    std::string path;
    std::string id;
    std::string version;
  };
  void Scan();
  std::shared_ptr<const Referential> ResolveLocked(const std::string& id,
                                                   const std::string& version, std::string* error);

  std::string dir_;
  LoadOptions options_;
  bool scanned_ = false;
  std::string scan_error_;
  std::vector<Entry> entries_;
  std::vector<std::string> skipped_;  // files of the folder that could not be read, and why
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const Referential>> loaded_;
  std::vector<Diagnostic> diagnostics_;
  struct Failure {
    std::string error;
    std::vector<Diagnostic> diagnostics;
  };
  std::map<std::pair<std::string, std::string>, Failure> failed_;
  std::mutex mutex_;
};

}  // namespace sceau

#endif  // SCEAU_ENGINE_REFERENTIAL_LIBRARY_H_
