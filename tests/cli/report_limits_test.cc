// What a report shows stays within libharu's limits (SECURITY.md, "Limits"): a result read back
// from JSON with a name far past libharu's string limit still renders: the name wrapped on the
// page, cut with "…" in the metadata and where one page must hold it.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Edit;
using testing::ReadFile;
using testing::RunSceau;
using testing::Shell;
using testing::SourcePath;
using testing::TempDir;

TEST(ReportLimits, ResultWithAHugeNameStillRendersItCut) {
  // A JSON result is not checked again: the renderer itself keeps within libharu's limits.
  auto result = nlohmann::json::parse(ReadFile(SourcePath("audits/story/2026-renewal.json")));
  result["organisation"]["name"] = std::string(70000, 'N');
  TempDir dir;
  std::string file = dir.Write("r.json", result.dump(2) + "\n");
  auto r = RunSceau("report '" + file + "' --out '" + dir.path() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string pdf = dir.path() + "/r.pdf";
  int status = -1;
  Shell("qpdf --check '" + pdf + "'", &status);
  EXPECT_EQ(status, 0);
  // In the metadata, the title that holds the name is cut to 1,000 characters, the last "…".
  std::string info = Shell("pdfinfo '" + pdf + "'");
  EXPECT_NE(info.find("NNN…"), std::string::npos) << info.substr(0, 300);
  EXPECT_EQ(info.find(std::string(1000, 'N')), std::string::npos);
  // On the cover, the name is wrapped whole, over as many pages as it takes.
  std::string text = testing::Fold(Shell("pdftotext '" + pdf + "' -"));
  EXPECT_GE(std::count(text.begin(), text.end(), 'N'), 70000);
  // On the certificate, centred on its page, it is cut to what the page holds, ending with "…".
  const std::string before = "certifié que l’organisme ";
  size_t at = text.find(before);
  ASSERT_NE(at, std::string::npos);
  std::string name = text.substr(at + before.size());
  name = name.substr(0, name.find(' '));
  EXPECT_TRUE(name.ends_with("NNN…")) << name.substr(0, 100);
  EXPECT_LT(name.size(), 10000u);
}

}  // namespace
}  // namespace sceau
