// The JSON Canonicalization Scheme (RFC 8785): one byte sequence for a JSON value, whatever the
// order of its keys, its white space or the spelling of its numbers and strings, so that a hash or
// a signature can be computed over it (W3C Data Integrity, cryptosuite eddsa-jcs-2022).
//
// The rules (RFC 8785 §3.2):
//   - no white space;
//   - object members sorted by their names compared as arrays of UTF-16 code units (not by UTF-8
//     bytes: U+E000..U+FFFF sort after the characters beyond U+FFFF, whose surrogates start at
//     0xD800), recursively; array order kept;
//   - strings with the minimal escapes: \" \\ \b \f \n \r \t, the other controls U+0000..U+001F as
//     \u00xx (lowercase hex), everything else as it is, in UTF-8;
//   - numbers as ECMAScript's Number.prototype.toString prints the IEEE 754 double they denote:
//     integers as they are (up to 1e21), 1e+30, 4.5e-7, 333333333.3333333, -0 as 0.
//
// An integer beyond 2^53 is serialised as the double it rounds to, as RFC 8785 requires.
#ifndef SCEAU_REPORTS_JCS_H_
#define SCEAU_REPORTS_JCS_H_

#include <nlohmann/json.hpp>
#include <string>

namespace sceau {

// The deepest nesting canonicalised (the serialiser recurses; hostile input stops here).
inline constexpr int kMaxCanonicalDepth = 100;

// The canonical form of `value`. Returns false (and sets `*error`) for what RFC 8785 cannot
// represent: a string or key that is not valid UTF-8, a NaN or an infinity, binary values; and for
// nesting deeper than kMaxCanonicalDepth.
bool Canonicalize(const nlohmann::json& value, std::string* out, std::string* error);
bool Canonicalize(const nlohmann::ordered_json& value, std::string* out, std::string* error);

// The ECMAScript serialisation of a double (finite; -0 gives "0").
std::string EcmaScriptNumber(double value);

}  // namespace sceau

#endif  // SCEAU_REPORTS_JCS_H_
