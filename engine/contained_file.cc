#include "engine/contained_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>

#include "engine/sha256.h"
#include "engine/wording.h"

namespace sceau {
namespace {

// The canonical path of `path` (every symbolic link resolved), or "" with errno set.
std::string RealPath(const std::string& path) {
  char* r = ::realpath(path.c_str(), nullptr);
  if (r == nullptr) return {};
  std::string out(r);
  std::free(r);
  return out;
}

// `path` is `base` or below it.
bool Inside(const std::string& base, const std::string& path) {
  if (base == "/") return !path.empty() && path.front() == '/';
  if (path == base) return true;
  return path.size() > base.size() && path.compare(0, base.size(), base) == 0 &&
         path[base.size()] == '/';
}

ContainedStatus KindOf(mode_t mode) {
  if (S_ISREG(mode)) return ContainedStatus::kOk;
  if (S_ISDIR(mode)) return ContainedStatus::kFolder;
  if (S_ISFIFO(mode)) return ContainedStatus::kPipe;
  if (S_ISCHR(mode) || S_ISBLK(mode)) return ContainedStatus::kDevice;
  if (S_ISSOCK(mode)) return ContainedStatus::kSocket;
  return ContainedStatus::kOther;
}

// The path of the file that `fd` is open on, where the system says it (Linux's /proc); "" if not.
std::string PathOfDescriptor(int fd) {
#ifdef __linux__
  std::string link = fmt::format("/proc/self/fd/{}", fd);
  char buffer[PATH_MAX + 1];
  ssize_t n = ::readlink(link.c_str(), buffer, PATH_MAX);
  if (n <= 0) return {};
  return std::string(buffer, static_cast<size_t>(n));
#elif defined(F_GETPATH)
  char buffer[PATH_MAX + 1];
  if (::fcntl(fd, F_GETPATH, buffer) == -1) return {};
  return std::string(buffer);
#else
  (void)fd;
  return {};
#endif
}

}  // namespace

ContainedFile ContainedFile::Open(const std::string& base_dir, const std::string& name) {
  ContainedFile f;
  auto fail = [&](ContainedStatus s, std::string detail = {}) {
    f.status_ = s;
    f.detail_ = std::move(detail);
    if (f.fd_ >= 0) ::close(f.fd_);
    f.fd_ = -1;
    return std::move(f);
  };
  // A name that climbs out ('../x.yaml', 'a/../../x.yaml') leaves, whether or not it exists.
  if (name.empty() || name.front() != '/') {
    std::filesystem::path normal = std::filesystem::path(name).lexically_normal();
    if (!normal.empty() && *normal.begin() == "..") return fail(ContainedStatus::kLeaves);
  }
  const std::string base_path = base_dir.empty() ? "." : base_dir;
  std::string base = RealPath(base_path);
  if (base.empty()) return fail(ContainedStatus::kUnreadable, std::strerror(errno));
  std::string full = !name.empty() && name.front() == '/' ? name : base_path + "/" + name;
  // Resolved first, so that nothing outside the folder is ever opened (opening a device may act).
  std::string real = RealPath(full);
  if (real.empty()) {
    int e = errno;
    if (e == ENOENT || e == ENOTDIR) return fail(ContainedStatus::kMissing);
    if (e == ELOOP) return fail(ContainedStatus::kLoop);
    return fail(ContainedStatus::kUnreadable, std::strerror(e));
  }
  if (!Inside(base, real)) return fail(ContainedStatus::kLeaves);
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) {
    int e = errno;
    if (e == ENOENT) return fail(ContainedStatus::kChanged);
    return fail(ContainedStatus::kUnreadable, std::strerror(e));
  }
  if (ContainedStatus k = KindOf(st.st_mode); k != ContainedStatus::kOk) return fail(k);
  // Never blocks (a file swapped for a named pipe meanwhile opens at once, and is refused below),
  // never becomes the controlling terminal, never outlives an exec.
  f.fd_ = ::open(real.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW);
  if (f.fd_ < 0) {
    int e = errno;
    if (e == ELOOP || e == ENOENT || e == ENXIO) return fail(ContainedStatus::kChanged);
    return fail(ContainedStatus::kUnreadable, std::strerror(e));
  }
  struct stat opened {};
  if (::fstat(f.fd_, &opened) != 0) return fail(ContainedStatus::kUnreadable, std::strerror(errno));
  if (ContainedStatus k = KindOf(opened.st_mode); k != ContainedStatus::kOk) return fail(k);
  // The file actually opened must be the one found inside the folder: a folder on the way may
  // have been swapped for a link meanwhile.
  std::string opened_path = PathOfDescriptor(f.fd_);
  if (!opened_path.empty()) {
    if (!Inside(base, opened_path)) return fail(ContainedStatus::kLeaves);
  } else if (opened.st_dev != st.st_dev || opened.st_ino != st.st_ino) {
    return fail(ContainedStatus::kChanged);
  }
  f.status_ = ContainedStatus::kOk;
  f.real_path_ = std::move(real);
  return f;
}

ContainedFile::ContainedFile(ContainedFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      status_(other.status_),
      detail_(std::move(other.detail_)),
      real_path_(std::move(other.real_path_)) {}

ContainedFile& ContainedFile::operator=(ContainedFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    status_ = other.status_;
    detail_ = std::move(other.detail_);
    real_path_ = std::move(other.real_path_);
  }
  return *this;
}

ContainedFile::~ContainedFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::string ContainedFile::Problem(std::string_view folder) const {
  switch (status_) {
    case ContainedStatus::kOk:
      return {};
    case ContainedStatus::kMissing:
      return Tr("does not exist");
    case ContainedStatus::kLeaves:
      return Fmt("leaves {}", folder);
    case ContainedStatus::kFolder:
      return Tr("is a folder, not a file");
    case ContainedStatus::kPipe:
      return Tr("is a named pipe, not a file");
    case ContainedStatus::kDevice:
      return Tr("is a device, not a file");
    case ContainedStatus::kSocket:
      return Tr("is a socket, not a file");
    case ContainedStatus::kOther:
      return Tr("is not a regular file");
    case ContainedStatus::kLoop:
      return Tr("is a loop of symbolic links");
    case ContainedStatus::kUnreadable:
      return Fmt("cannot be read: {}", detail_);
    case ContainedStatus::kChanged:
      return Tr("was replaced while it was being opened");
  }
  return {};
}

bool ContainedFile::ReadAll(size_t max_bytes, std::string* text, std::string* error) {
  text->clear();
  if (fd_ < 0) {
    *error = Tr("not open");
    return false;
  }
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && static_cast<unsigned long long>(st.st_size) > max_bytes) {
    *error = Fmt("file is {} bytes, over the limit of {} bytes", static_cast<long long>(st.st_size),
                 max_bytes);
    return false;
  }
  std::string content(st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0, '\0');
  size_t size = 0;
  for (;;) {
    if (size == content.size()) content.resize(size + size / 2 + 4096);
    ssize_t n = ::read(fd_, content.data() + size, content.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = Fmt("read error: {}", std::strerror(errno));
      return false;
    }
    if (n == 0) break;
    size += static_cast<size_t>(n);
    if (size > max_bytes) {
      *error = Fmt("file is over the limit of {} bytes", max_bytes);
      return false;
    }
  }
  content.resize(size);
  *text = std::move(content);
  return true;
}

bool ContainedFile::Sha256(std::string* hex) {
  hex->clear();
  return fd_ >= 0 && Sha256Fd(fd_, hex);
}

}  // namespace sceau
