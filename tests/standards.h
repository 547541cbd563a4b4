// Where the tests find the official standards' files (schemas, contexts, test vectors).
#ifndef SCEAU_TESTS_STANDARDS_H_
#define SCEAU_TESTS_STANDARDS_H_

#include <string>

namespace sceau::testing {

// The path of a file under SCEAU_STANDARDS_DIR (tests/CMakeLists.txt; by default
// ../shared/standards beside the source tree). Fails the current test when the file is not there:
// a missing standard is an error, not a skip.
std::string StandardsPath(const std::string& relative);

}  // namespace sceau::testing

#endif  // SCEAU_TESTS_STANDARDS_H_
