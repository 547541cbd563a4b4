#include "tests/standards.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace sceau::testing {

std::string StandardsPath(const std::string& relative) {
  std::string path = std::string(SCEAU_STANDARDS_DIR) + "/" + relative;
  std::error_code ec;
  EXPECT_TRUE(std::filesystem::is_regular_file(path, ec))
      << path << " is missing: the official standards' files are read from SCEAU_STANDARDS_DIR "
      << "(cmake -DSCEAU_STANDARDS_DIR=DIR)";
  return path;
}

}  // namespace sceau::testing
