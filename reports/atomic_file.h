// Writes output files so that a reader never sees a partial one: the content goes to a temporary
// file in the target's directory, is flushed to disk, then renamed over the target. On any failure
// the temporary file is removed and an existing target is left untouched.
#ifndef SCEAU_REPORTS_ATOMIC_FILE_H_
#define SCEAU_REPORTS_ATOMIC_FILE_H_

#include <string>
#include <string_view>

namespace sceau {

// Replaces the file at `path` with `content`. Returns true on success; on failure returns false
// and sets `*error` to a message naming the path and the reason.
bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error);

}  // namespace sceau

#endif  // SCEAU_REPORTS_ATOMIC_FILE_H_
