#include "reports/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <linux/fs.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <vector>

#include "engine/wording.h"

namespace sceau {
namespace {

// The directory that holds `path`: the temporary file must be made there, so that the final
// rename stays on one file system.
std::string DirectoryOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// Writes all of `content` to `fd`; returns 0 or the errno of the failed write.
int WriteAll(int fd, std::string_view content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<size_t>(n);
  }
  return 0;
}

// Outputs are readable by the group and others, as files made by `>` would be (umask applies).
// mkstemp makes its files 0600, so the named temporary file needs this; reading the umask sets it
// for a moment, which is why the O_TMPFILE path does without.
mode_t OutputMode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

// Flushes the directory itself, so that a new name in it survives a crash. Returns 0 or an errno.
// A directory that cannot be opened for reading, or a file system that cannot flush directories
// (EINVAL), is not an error: the file itself was flushed, and rename is atomic all the same.
int SyncDirectory(const std::string& dir) {
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return 0;
  int err = ::fsync(dfd) == 0 ? 0 : errno;
  ::close(dfd);
  return err == EINVAL ? 0 : err;
}

// The end of a successful write: the name is in place; flush the directory that holds it.
bool Finish(const std::string& path, const std::string& dir, std::string* error) {
  if (int err = SyncDirectory(dir); err != 0) {
    *error = Fmt("{}: written, but its folder could not be flushed to disk: {}", path,
                 std::strerror(err));
    return false;
  }
  return true;
}

// The temporary file made by mkstemp, for systems and file systems without O_TMPFILE. A process
// killed before the rename leaves `<target>.tmp-XXXXXX` behind.
bool WriteNamed(const std::string& path, const std::string& dir, std::string_view content,
                std::string* error, bool replace = true, bool* existed = nullptr) {
  std::string tmpl = path + ".tmp-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) {
    *error = Fmt("{}: cannot create a file there: {}", path, std::strerror(errno));
    return false;
  }
  auto fail = [&](const std::string& what, int err) {
    ::close(fd);
    ::unlink(name.data());
    *error = fmt::format("{}: {}: {}", path, what, std::strerror(err));
    return false;
  };
  if (int err = WriteAll(fd, content); err != 0) return fail(Tr("write failed"), err);
  if (::fchmod(fd, OutputMode()) != 0) return fail(Tr("cannot set permissions"), errno);
  if (::fsync(fd) != 0) return fail(Tr("cannot flush to disk"), errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(name.data());
    *error = Fmt("{}: close failed: {}", path, std::strerror(err));
    return false;
  }
  if (!replace) {
    // link(2) never replaces anything, a dangling symbolic link included: EEXIST.
    int err = ::link(name.data(), path.c_str()) == 0 ? 0 : errno;
    ::unlink(name.data());
    if (err != 0) {
      if (err == EEXIST && existed) *existed = true;
      *error = err == EEXIST
                   ? fmt::format("{} exists already", path)
                   : fmt::format("{}: cannot create the file: {}", path, std::strerror(err));
      return false;
    }
    return Finish(path, dir, error);
  }
  if (::rename(name.data(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(name.data());
    *error = Fmt("{}: cannot replace the file: {}", path, std::strerror(err));
    return false;
  }
  return Finish(path, dir, error);
}

#ifdef O_TMPFILE

// Gives the nameless file open as `fd` the name `name`; returns 0 or an errno (EEXIST when the
// name is taken: linkat never replaces a file).
int LinkAs(int fd, const std::string& name) {
  std::string self = fmt::format("/proc/self/fd/{}", fd);
  if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) return 0;
  int err = errno;
  if (err != ENOENT || ::access("/proc/self/fd", F_OK) == 0) return err;
  // No /proc: AT_EMPTY_PATH does the same, where the kernel lets this process use it.
  if (::linkat(fd, "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0) return 0;
  return errno;
}

// Errors of linkat that say "this way of linking is not available here", not "this cannot be
// written here": the named temporary file may still work.
bool CannotLinkThisWay(int err) {
  return err == ENOENT || err == EPERM || err == EOPNOTSUPP || err == ENOSYS || err == EINVAL;
}

// The name a flushed nameless file takes for the moment between linkat and rename when it
// replaces `path`: `.<name>.sceau-new` beside it, one per target, so that the next writer of the
// same target finds what a killed one left there.
std::string ReplacingName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return "." + path + ".sceau-new";
  return path.substr(0, slash + 1) + "." + path.substr(slash + 1) + ".sceau-new";
}

// Gives the flushed nameless file open as `fd` the name `path`, replacing the file there: linked
// under ReplacingName(path), then renamed over it (Linux cannot link over a name in one step).
// Only whole, flushed files are ever linked under that name, so one found there (a writer killed
// between its two steps, or a concurrent writer of the same target) can be published as it is:
// it is renamed over the target first, then this file takes the name. A SIGKILL in that moment
// leaves at most one whole copy, which the next write of the target removes, never a pile of
// them. Returns 0 or an errno.
int LinkOver(int fd, const std::string& path) {
  const std::string name = ReplacingName(path);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    int err = LinkAs(fd, name);
    if (err == EEXIST) {
      if (::rename(name.c_str(), path.c_str()) != 0 && errno != ENOENT) return errno;
      continue;
    }
    if (err != 0) return err;
    // ENOENT: a concurrent writer published this file under the name for us (it renamed the
    // name away while it held this file; only writers of the target rename it).
    if (::rename(name.c_str(), path.c_str()) == 0 || errno == ENOENT) return 0;
    err = errno;
    ::unlink(name.c_str());
    return err;
  }
  return EBUSY;
}

enum class Outcome { kDone, kFailed, kUnsupported };

Outcome WriteNameless(const std::string& path, const std::string& dir, std::string_view content,
                      std::string* error, bool replace = true, bool* existed = nullptr) {
  int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0) {
    int err = errno;
    if (err == EOPNOTSUPP || err == EISDIR || err == EINVAL) return Outcome::kUnsupported;
    *error = Fmt("{}: cannot create a file there: {}", path, std::strerror(err));
    return Outcome::kFailed;
  }
  // Until it is linked, the file has no name: closing the descriptor is all the cleaning needed.
  auto fail = [&](const std::string& what, int err) {
    ::close(fd);
    *error = fmt::format("{}: {}: {}", path, what, std::strerror(err));
    return Outcome::kFailed;
  };
  // open() applied the umask (and a default ACL, if any) to 0666, as `>` would: no fchmod.
  if (int err = WriteAll(fd, content); err != 0) return fail(Tr("write failed"), err);
  if (::fsync(fd) != 0) return fail(Tr("cannot flush to disk"), errno);
  // No target yet: the file takes its name in one step, and there is nothing to rename.
  int err = LinkAs(fd, path);
  if (err == 0) {
    ::close(fd);  // flushed already: close has nothing left to report
    return Finish(path, dir, error) ? Outcome::kDone : Outcome::kFailed;
  }
  if (err != EEXIST) {
    if (CannotLinkThisWay(err)) {
      ::close(fd);
      return Outcome::kUnsupported;
    }
    return fail(Tr("cannot create a file there"), err);
  }
  if (!replace) {
    ::close(fd);  // nameless: nothing left behind
    if (existed) *existed = true;
    *error = Fmt("{} exists already", path);
    return Outcome::kFailed;
  }
  // A target exists: linked beside it, then renamed over it.
  err = LinkOver(fd, path);
  ::close(fd);
  if (err != 0) {
    *error = Fmt("{}: cannot replace the file: {}", path, std::strerror(err));
    return Outcome::kFailed;
  }
  return Finish(path, dir, error) ? Outcome::kDone : Outcome::kFailed;
}

#endif  // O_TMPFILE

}  // namespace

namespace {

// Writes `content` under `path` through a nameless file when the file system has them (kAuto),
// else through a named temporary file; `replace`: whether an existing name is replaced.
bool Publish(const std::string& path, std::string_view content, std::string* error, bool replace,
             bool* existed, TemporaryFile temporary) {
  std::string dir = DirectoryOf(path);
#ifdef O_TMPFILE
  if (temporary == TemporaryFile::kAuto) {
    switch (WriteNameless(path, dir, content, error, replace, existed)) {
      case Outcome::kDone:
        return true;
      case Outcome::kFailed:
        return false;
      case Outcome::kUnsupported:
        break;
    }
  }
#else
  (void)temporary;
#endif
  return WriteNamed(path, dir, content, error, replace, existed);
}

}  // namespace

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error,
                         TemporaryFile temporary) {
  return Publish(path, content, error, /*replace=*/true, nullptr, temporary);
}

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error) {
  return WriteFileAtomically(path, content, error, TemporaryFile::kAuto);
}

bool CreateFileAtomically(const std::string& path, std::string_view content, std::string* error,
                          bool* existed, TemporaryFile temporary) {
  if (existed) *existed = false;
  return Publish(path, content, error, /*replace=*/false, existed, temporary);
}

bool WriteFilesAtomically(const std::vector<std::pair<std::string, std::string>>& files,
                          std::string* error) {
#ifdef O_TMPFILE
  // Phase 1: every file written and flushed without a name. A failure (or a kill) here leaves
  // nothing: closing the descriptors is all the cleaning needed.
  std::vector<int> fds;
  auto close_all = [&] {
    for (int fd : fds) ::close(fd);
  };
  for (const auto& [path, content] : files) {
    int fd = ::open(DirectoryOf(path).c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) {
      int err = errno;
      close_all();
      if (err == EOPNOTSUPP || err == EISDIR || err == EINVAL) break;  // no O_TMPFILE: one by one
      *error = Fmt("{}: cannot create a file there: {}", path, std::strerror(err));
      return false;
    }
    fds.push_back(fd);
    int err = WriteAll(fd, content);
    if (err == 0 && ::fsync(fd) != 0) err = errno;
    if (err != 0) {
      close_all();
      *error = fmt::format("{}: {}: {}", path, "write failed", std::strerror(err));
      return false;
    }
  }
  if (fds.size() == files.size()) {
    // Phase 2: each file linked beside its target and renamed over it.
    for (size_t i = 0; i < files.size(); ++i) {
      const std::string& path = files[i].first;
      int err = LinkAs(fds[i], path);  // a new name: one step
      if (err == EEXIST) err = LinkOver(fds[i], path);
      if (err != 0) {
        close_all();
        *error = Fmt("{}: cannot replace the file: {}", path, std::strerror(err));
        return false;
      }
    }
    close_all();
    for (const auto& [path, content] : files) {
      if (!Finish(path, DirectoryOf(path), error)) return false;
    }
    return true;
  }
#endif
  for (const auto& [path, content] : files) {
    if (!WriteFileAtomically(path, content, error)) return false;
  }
  return true;
}

namespace {

// True when `rel` is a clean relative path: parts separated by single '/', none empty, "." or "..".
bool CleanRelative(std::string_view rel) {
  if (rel.empty() || rel.front() == '/' || rel.back() == '/') return false;
  size_t start = 0;
  while (start <= rel.size()) {
    size_t slash = rel.find('/', start);
    if (slash == std::string_view::npos) slash = rel.size();
    std::string_view part = rel.substr(start, slash - start);
    if (part.empty() || part == "." || part == ".." || part.find('\0') != std::string_view::npos)
      return false;
    start = slash + 1;
  }
  return true;
}

// An existing folder publish may replace: it holds `marker`, or nothing at all.
bool Replaceable(const std::string& dir, const std::string& marker) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  struct stat st;
  bool ok = ::fstatat(fd, marker.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
  if (!ok) {
    DIR* d = ::fdopendir(fd);
    if (d == nullptr) {
      ::close(fd);
      return false;
    }
    ok = true;
    while (dirent* e = ::readdir(d)) {
      if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) {
        ok = false;
        break;
      }
    }
    ::closedir(d);  // closes fd
    return ok;
  }
  ::close(fd);
  return true;
}

// Writes `files` under the open folder `root`; returns 0 or an errno, with the failing path.
int WriteTree(int root, const std::vector<std::pair<std::string, std::string>>& files,
              mode_t file_mode, mode_t dir_mode, std::string* failed) {
  std::set<std::string> made;
  for (const auto& [rel, content] : files) {
    *failed = rel;
    if (!CleanRelative(rel)) return EINVAL;
    for (size_t slash = rel.find('/'); slash != std::string::npos;
         slash = rel.find('/', slash + 1)) {
      std::string sub = rel.substr(0, slash);
      if (made.insert(sub).second && ::mkdirat(root, sub.c_str(), dir_mode) != 0 && errno != EEXIST)
        return errno;
    }
    int fd = ::openat(root, rel.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      file_mode);
    if (fd < 0) return errno;
    int err = WriteAll(fd, content);
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err != 0) return err;
  }
  failed->clear();
  return ::syncfs(root) == 0 ? 0 : errno;
}

}  // namespace

bool ReplaceFolderAtomically(const std::string& dir,
                             const std::vector<std::pair<std::string, std::string>>& files,
                             const std::string& marker, std::string* error) {
  std::string target = dir;
  while (target.size() > 1 && target.back() == '/') target.pop_back();
  struct stat st;
  const bool exists = ::lstat(target.c_str(), &st) == 0;
  if (exists && !S_ISDIR(st.st_mode)) {
    *error = Fmt("{} exists and is not a folder: not replaced", target);
    return false;
  }
  if (exists && !Replaceable(target, marker)) {
    *error = Fmt(
        "{} is a folder that sceau did not publish (it has no {} and is not empty): not replaced",
        target, marker);
    return false;
  }
  const std::string parent = DirectoryOf(target);
  std::string base = target.substr(target.find_last_of('/') + 1);
  if (base.empty() || base == "." || base == "..") {
    *error = Fmt("{}: name a folder to publish into", target);
    return false;
  }
  std::string pattern = parent + "/." + base + ".new-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) {
    *error = Fmt("{}: cannot create a folder beside it: {}", target, std::strerror(errno));
    return false;
  }
  const std::string fresh(buf.data());
  auto discard = [&fresh] {
    std::error_code ec;
    std::filesystem::remove_all(fresh, ec);
  };
  const mode_t file_mode = OutputMode();
  const mode_t dir_mode = (0777 & ~(0666 & ~file_mode)) | 0700;
  int root = ::open(fresh.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (root < 0 || ::fchmod(root, dir_mode) != 0) {
    const int err = errno;
    if (root >= 0) ::close(root);
    discard();
    *error = Fmt("{}: {}", fresh, std::strerror(err));
    return false;
  }
  std::string failed;
  const int err = WriteTree(root, files, file_mode, dir_mode, &failed);
  ::close(root);
  if (err != 0) {
    discard();
    *error = failed.empty() ? Fmt("{}: cannot flush to disk: {}", target, std::strerror(err))
                            : Fmt("{}/{}: write failed: {}", target, failed, std::strerror(err));
    return false;
  }
  if (!exists) {
    if (::rename(fresh.c_str(), target.c_str()) != 0) {
      const int e = errno;
      discard();
      *error = Fmt("{}: {}", target, std::strerror(e));
      return false;
    }
  } else if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
    int e = errno;
    // A file system without the exchange: move the old folder aside, then the new one in (a
    // reader may find no folder between the two renames, never a partial one).
    if (e == EINVAL || e == ENOSYS || e == EOPNOTSUPP) {
      const std::string aside = fresh + ".old";
      if (::rename(target.c_str(), aside.c_str()) == 0) {
        if (::rename(fresh.c_str(), target.c_str()) == 0) {
          SyncDirectory(parent);
          std::error_code ec;
          std::filesystem::remove_all(aside, ec);
          return true;
        }
        e = errno;
        ::rename(aside.c_str(), target.c_str());
      } else {
        e = errno;
      }
    }
    discard();
    *error = Fmt("{}: cannot swap in the new folder: {}", target, std::strerror(e));
    return false;
  }
  SyncDirectory(parent);
  discard();  // after an exchange, the old folder is under the new one's temporary name
  return true;
}

}  // namespace sceau
