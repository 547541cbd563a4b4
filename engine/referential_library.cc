#include "engine/referential_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "engine/wording.h"
#include "engine/yaml_tree.h"

namespace sceau {

ReferentialLibrary::ReferentialLibrary(std::string dir, LoadOptions options)
    : dir_(std::move(dir)), options_(options) {}

void ReferentialLibrary::Scan() {
  scanned_ = true;
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) {
    scan_error_ = Fmt("'{}' is not a folder of referentials", dir_);
    return;
  }
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    if (e.path().extension() == ".yaml" || e.path().extension() == ".yml")
      files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& path : files) {
    std::string text;
    Diagnostic error;
    if (!ReadFileText(path, options_.limits.max_file_bytes, &text, &error)) {
      skipped_.push_back(fmt::format("{}: {}", path, error.message));
      continue;
    }
    // Only the id and version are needed to index the folder: stop parsing once they are read.
    std::vector<std::pair<std::string, std::string>> values;
    PeekTopLevel(text, {"id", "version"}, &values);
    std::string id, version;
    for (const auto& [k, v] : values) (k == "id" ? id : version) = v;
    if (id.empty() || version.empty()) continue;
    entries_.push_back({path, id, version});
  }
}

std::shared_ptr<const Referential> ReferentialLibrary::Resolve(const std::string& id,
                                                               const std::string& version,
                                                               std::string* error) {
  std::vector<Diagnostic> diagnostics;
  return Resolve(id, version, error, &diagnostics);
}

std::shared_ptr<const Referential> ReferentialLibrary::Resolve(
    const std::string& id, const std::string& version, std::string* error,
    std::vector<Diagnostic>* diagnostics) {
  std::lock_guard<std::mutex> lock(mutex_);
  diagnostics->clear();
  auto key = std::make_pair(id, version);
  if (auto it = failed_.find(key); it != failed_.end()) {
    *error = it->second.error;
    *diagnostics = diagnostics_ = it->second.diagnostics;
    return nullptr;
  }
  std::shared_ptr<const Referential> ref = ResolveLocked(id, version, error);
  if (!ref) {
    failed_[key] = Failure{*error, diagnostics_};
    *diagnostics = diagnostics_;
  }
  return ref;
}

std::shared_ptr<const Referential> ReferentialLibrary::ResolveLocked(const std::string& id,
                                                                     const std::string& version,
                                                                     std::string* error) {
  diagnostics_.clear();
  auto key = std::make_pair(id, version);
  if (auto it = loaded_.find(key); it != loaded_.end()) return it->second;
  if (!scanned_) Scan();
  if (!scan_error_.empty()) {
    *error = scan_error_;
    return nullptr;
  }
  std::vector<std::string> versions;
  std::vector<std::string> same;
  for (const Entry& e : entries_) {
    if (e.id == id && e.version == version) same.push_back(e.path);
  }
  if (same.size() > 1) {
    *error = Fmt("{} files claim referential '{}' version '{}': {}; keep one", same.size(), id,
                 version, fmt::join(same, ", "));
    return nullptr;
  }
  for (const Entry& e : entries_) {
    if (e.id != id) continue;
    if (e.version != version) {
      versions.push_back(e.version);
      continue;
    }
    ReferentialLoad load = LoadReferentialFile(e.path, options_);
    if (!load.ok()) {
      diagnostics_ = load.diagnostics;
      *error =
          Fmt("referential '{}' version '{}' ({}) has {} error(s): run 'sceau "
              "validate {}'",
              id, version, e.path, load.errors(), e.path);
      return nullptr;
    }
    loaded_[key] = load.referential;
    return load.referential;
  }
  if (!versions.empty()) {
    *error = Fmt("no version '{}' of referential '{}' in {} (versions there: {})", version, id,
                 dir_, fmt::join(versions, ", "));
  } else {
    std::vector<std::string> ids;
    for (const Entry& e : entries_) ids.push_back(e.id);
    *error = Fmt("no referential '{}' in {}{}", id, dir_, DidYouMean(id, ids));
  }
  if (!skipped_.empty()) {
    *error += Fmt(" (files that could not be read: {})", fmt::join(skipped_, "; "));
  }
  return nullptr;
}

}  // namespace sceau
