// Opening a file that user data names (an evidence file, a previous result, a group's member
// dossier, an entry of a batch list), contained in a folder: the one place where such a name
// becomes an open file (SECURITY.md, "No file outside the dossier's folder").
//
// The name is resolved inside the base folder, symbolic links included: the canonical path of
// the target must stay inside the canonical base folder. The file is opened without blocking
// (O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, so a named pipe never blocks), then checked on
// the opened descriptor (fstat: a regular file, and the very file whose resolved path was found
// inside the folder), and read from that descriptor: there is no second open by path, so
// swapping the file between the check and the read changes nothing.
#ifndef SCEAU_ENGINE_CONTAINED_FILE_H_
#define SCEAU_ENGINE_CONTAINED_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace sceau {

enum class ContainedStatus {
  kOk,
  kMissing,     // nothing by that name (a dangling symbolic link included)
  kLeaves,      // resolves outside the base folder
  kFolder,      // a folder
  kPipe,        // a named pipe
  kDevice,      // a character or block device
  kSocket,      // a socket
  kOther,       // anything else that is not a regular file
  kLoop,        // symbolic links that lead to each other
  kUnreadable,  // exists inside the folder but cannot be opened or read (permissions, I/O)
  kChanged,     // was replaced while being opened
};

class ContainedFile {
 public:
  // Opens `name` (relative, from user data) inside `base_dir` ("" means the current folder).
  static ContainedFile Open(const std::string& base_dir, const std::string& name);

  ContainedFile(ContainedFile&& other) noexcept;
  ContainedFile& operator=(ContainedFile&& other) noexcept;
  ContainedFile(const ContainedFile&) = delete;
  ContainedFile& operator=(const ContainedFile&) = delete;
  ~ContainedFile();

  bool ok() const { return status_ == ContainedStatus::kOk; }
  ContainedStatus status() const { return status_; }
  // What is wrong, to follow the file's name in a message: "does not exist", "leaves the
  // dossier's folder" (with `folder` = "the dossier's folder"), "is a named pipe", "is a folder",
  // "is a device", "is a socket", "cannot be read: Permission denied"...
  std::string Problem(std::string_view folder) const;
  // The canonical path of the opened file (for telling two names of one file apart).
  const std::string& real_path() const { return real_path_; }

  // Reads the whole file from the descriptor. False if it is larger than `max_bytes` (then
  // `*error` says so) or a read fails.
  bool ReadAll(size_t max_bytes, std::string* text, std::string* error);
  // SHA-256 of the whole file, read in blocks from the descriptor.
  bool Sha256(std::string* hex);

 private:
  ContainedFile() = default;
  int fd_ = -1;
  ContainedStatus status_ = ContainedStatus::kMissing;
  std::string detail_;  // the system's message for kUnreadable
  std::string real_path_;
};

}  // namespace sceau

#endif  // SCEAU_ENGINE_CONTAINED_FILE_H_
