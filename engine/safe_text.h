// Text from user data made safe to show where it could deceive: a terminal or a spreadsheet.
//
// A dossier, a referential or a result can hold any Unicode text. Printed raw, control characters
// can move the cursor, hide or recolour what follows (ESC sequences), bidirectional overrides can
// reorder a line so that it reads differently from what it holds, zero-width characters can make
// two different names look the same, and a newline can forge a whole extra line of output. These
// functions replace each such character with a visible escape (`\x1B`, `\u202E`, `\n`), so what is
// printed is exactly what the data holds, readable and on one line.
#ifndef SCEAU_ENGINE_SAFE_TEXT_H_
#define SCEAU_ENGINE_SAFE_TEXT_H_

#include <string>
#include <string_view>

namespace sceau {

// For a terminal: C0 and C1 control characters (tab and newline included), DEL, bidirectional
// controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), zero-width and invisible
// characters (U+200B..U+200D, U+2060..U+2064, U+FEFF), line and paragraph separators (U+2028,
// U+2029) and a backslash that would start such an escape are escaped; invalid UTF-8 bytes become
// `\xNN` too. Everything else (accents, CJK, emoji) passes unchanged. The result holds no
// character that a terminal interprets.
std::string TerminalSafe(std::string_view text);

// For a CSV cell: the same escapes, except that newlines (and CR LF pairs, kept as they are) stay
// newlines, since a quoted CSV cell may span lines and auditors' findings do. Tabs also stay.
std::string CellSafe(std::string_view text);

// For a JSON string or any UTF-8 output: each invalid UTF-8 byte becomes U+FFFD, the rest passes
// unchanged (control characters included: a JSON writer escapes them itself).
std::string ValidUtf8(std::string_view text);

}  // namespace sceau

#endif  // SCEAU_ENGINE_SAFE_TEXT_H_
