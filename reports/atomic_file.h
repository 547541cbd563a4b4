// Writes output files so that a reader never sees a partial one, and so that nothing is left behind
// when the writer fails or is killed.
//
// The content goes to a temporary file in the target's directory (so that the final rename stays on
// one file system), is flushed to disk (fsync), then takes the target's name with rename(2), and
// the directory is flushed so that the new name survives a crash too. An existing target is
// replaced in one step: a reader sees the old bytes or the new ones, never a mix or a truncated
// file. On any failure up to the rename, the temporary file is removed and an existing target is
// left untouched.
//
// On Linux the temporary file is opened with O_TMPFILE: it has no name while it is written, so a
// process killed mid-write (SIGKILL, SIGXFSZ, out of memory) leaves nothing in the directory: the
// kernel frees the nameless file. Once written and flushed, it is linked into the directory with
// linkat(2): straight under the target's name when there is no target yet (linkat never replaces
// a file, so there is no window at all), else under `.<target>.sceau-new` beside it, at once
// renamed over the target (only those two system calls apart). A kill between the two leaves that
// whole copy; the next write of the same target renames it over the target before taking the name
// itself, so at most one copy is ever left, and only until then. Where O_TMPFILE is not supported
// (an old kernel, a file system without it: EOPNOTSUPP, EISDIR, EINVAL), or the nameless file
// cannot be linked, the temporary file is made with mkstemp(3) as `<target>.tmp-XXXXXX` instead;
// it is removed on every failure the process survives.
//
// Should flushing the folder fail after the rename (an I/O error), the new file is in place but may
// not survive a crash: WriteFileAtomically then returns false and says so ("written, but its folder
// could not be flushed to disk").
//
// Files are created with mode 0666 minus the umask, as `>` in a shell would.
#ifndef SCEAU_REPORTS_ATOMIC_FILE_H_
#define SCEAU_REPORTS_ATOMIC_FILE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sceau {

// Replaces the file at `path` with `content`. Returns true on success; on failure returns false
// and sets `*error` to a message naming the path and the reason ("<path>: write failed: No space
// left on device").
bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error);

// How WriteFileAtomically makes its temporary file. Only tests need to choose.
enum class TemporaryFile {
  kAuto,   // O_TMPFILE where supported, else a named file (mkstemp)
  kNamed,  // always a named file (mkstemp), as on systems without O_TMPFILE
};
bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error,
                         TemporaryFile temporary);

// Creates the file at `path` with `content`, never replacing anything there: whatever holds the
// name (a file, a folder, a symbolic link, a dangling one included) stays as it is, and the call
// fails with "<path> exists already" (`*existed` set, when given). The check is the publishing
// step itself (linkat(2) or link(2) of the complete temporary file, which fail with EEXIST on any
// existing name), so there is no window between a check and the write.
bool CreateFileAtomically(const std::string& path, std::string_view content, std::string* error,
                          bool* existed = nullptr, TemporaryFile temporary = TemporaryFile::kAuto);

// Writes a set of files (path, content) all or nothing: every file is written and flushed before
// any takes its place, so a failed write (a full disk) leaves every target as it was. Only a
// failure while renaming, after every write succeeded, can leave some replaced and some not.
bool WriteFilesAtomically(const std::vector<std::pair<std::string, std::string>>& files,
                          std::string* error);

// Writes a whole folder all or nothing: `files` (paths relative to the folder, '/'-separated, no
// "." or ".." part) are written into a new folder beside `dir`, flushed to disk once (syncfs),
// then the new folder takes `dir`'s name. An existing `dir` is swapped with it in one step
// (renameat2 RENAME_EXCHANGE: a reader sees the old folder or the new one), then removed. An
// existing `dir` is replaced only when it holds the file `marker` (a folder this function wrote
// before) or is empty: anything else is refused, so a mistyped --out never deletes a user's
// folder. On failure, the new folder is removed and `dir` is as it was. Files get mode 0666 and
// folders 0777, minus the umask.
bool ReplaceFolderAtomically(const std::string& dir,
                             const std::vector<std::pair<std::string, std::string>>& files,
                             const std::string& marker, std::string* error);

}  // namespace sceau

#endif  // SCEAU_REPORTS_ATOMIC_FILE_H_
