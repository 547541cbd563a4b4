// Every PDF sceau writes is read without a word of complaint by the common readers (poppler's
// pdftotext, pdffonts and pdftoppm, qpdf, ghostscript, mupdf), on every shipped sample in both
// languages (the reports, the group's, the network summary, a register certificate), and its text
// extracts with its accents: the fonts' ToUnicode maps are right (reports/pdf_canvas.cc,
// WriteToUnicode; libharu 2.3.0 writes its encoding CMap there).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "reports/pdf_canvas.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

namespace fs = std::filesystem;
using testing::Edit;
using testing::Fold;
using testing::ReadFile;
using testing::RunSceau;
using testing::Shell;
using testing::SourcePath;
using testing::TempDir;

TEST(ToUnicodeCMap, MapsRunsAsRangesAndSingleCodesAsChars) {
  // 'A' to 'C' is a run; 'é' and '€' stand alone; U+00FF and U+0100 follow each other across a
  // high byte, which a bfrange may not span; a control code and a surrogate are left out.
  std::string cmap =
      pdf::IdentityToUnicodeCMap({0x0A, 0x41, 0x42, 0x43, 0xE9, 0xFF, 0x100, 0xD800, 0x20AC});
  EXPECT_EQ(cmap,
            "/CIDInit /ProcSet findresource begin\n"
            "12 dict begin\n"
            "begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n"
            "/CMapType 2 def\n"
            "1 begincodespacerange\n"
            "<0000> <FFFF>\n"
            "endcodespacerange\n"
            "1 beginbfrange\n"
            "<0041> <0043> <0041>\n"
            "endbfrange\n"
            "4 beginbfchar\n"
            "<00E9> <00E9>\n"
            "<00FF> <00FF>\n"
            "<0100> <0100>\n"
            "<20AC> <20AC>\n"
            "endbfchar\n"
            "endcmap\n"
            "CMapName currentdict /CMap defineresource pop\n"
            "end\n"
            "end\n");
}

TEST(ToUnicodeCMap, BlocksHoldAtMostOneHundredLines) {
  std::vector<uint16_t> codes;
  for (uint16_t c = 0x100; c < 0x100 + 2 * 250; c += 2) codes.push_back(c);  // 250 single codes
  std::string cmap = pdf::IdentityToUnicodeCMap(codes);
  EXPECT_NE(cmap.find("endcodespacerange\n100 beginbfchar\n<0100> <0100>\n"), std::string::npos);
  EXPECT_NE(cmap.find("<01C6> <01C6>\nendbfchar\n100 beginbfchar\n<01C8> <01C8>\n"),
            std::string::npos);
  EXPECT_NE(cmap.find("<028E> <028E>\nendbfchar\n50 beginbfchar\n<0290> <0290>\n"),
            std::string::npos);
  EXPECT_NE(cmap.find("<02F2> <02F2>\nendbfchar\nendcmap\n"), std::string::npos);
  EXPECT_EQ(cmap.find("bfrange"), std::string::npos);
}

TEST(ToUnicodeCMap, EmptyWithoutCodes) {
  std::string cmap = pdf::IdentityToUnicodeCMap({});
  EXPECT_NE(cmap.find("endcodespacerange\nendcmap\n"), std::string::npos);
}

// What the readers say about `pdf` on stderr (and ghostscript on stdout, where it reports), each
// line under the reader's name; empty when every one is silent and succeeds.
std::string Complaints(const std::string& pdf, const std::string& scratch) {
  const std::vector<std::pair<std::string, std::string>> readers = {
      {"pdftotext", "pdftotext '" + pdf + "' /dev/null 2>&1"},
      {"pdffonts", "pdffonts '" + pdf + "' 2>&1 >/dev/null"},
      {"pdftoppm", "pdftoppm -r 6 '" + pdf + "' '" + scratch + "/page' 2>&1"},
      {"qpdf", "qpdf --check '" + pdf + "' >/dev/null 2>&1 || qpdf --check '" + pdf + "' 2>&1"},
      {"gs", "gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage '" + pdf + "' 2>&1"},
      {"mutool", "mutool draw -q -N -F txt -o /dev/null '" + pdf + "' 2>&1"},
  };
  std::string all;
  for (const auto& [name, cmd] : readers) {
    int status = 0;
    std::string said = Shell("(" + cmd + ")", &status);  // Shell discards the outer stderr
    if (!said.empty() || status != 0) {
      all += name + " (exit " + std::to_string(status) + "): " + said.substr(0, 500) + "\n";
    }
  }
  return all;
}

TEST(PdfReaders, EverySampleReportIsReadWithoutComplaint) {
  int status = 0;
  Shell(
      "(pdftotext -v && pdffonts -v && pdftoppm -v && qpdf --version && gs --version && "
      "mutool -v) >/dev/null 2>&1",
      &status);
  if (status != 0) GTEST_SKIP() << "poppler-utils, qpdf, ghostscript and mupdf-tools are needed";
  std::vector<std::string> dossiers;
  for (const char* dir : {"audits", "audits/story", "audits/groups"}) {
    for (const auto& e : fs::directory_iterator(SourcePath(dir))) {
      if (e.path().extension() == ".yaml")
        dossiers.push_back(std::string(dir) + "/" + e.path().filename().string());
    }
  }
  std::sort(dossiers.begin(), dossiers.end());
  ASSERT_GE(dossiers.size(), 20u);
  TempDir scratch;
  for (const char* lang : {"fr", "en"}) {
    TempDir out;
    for (const std::string& d : dossiers) {
      auto r = RunSceau("audit " + d + " --lang " + lang + " --out '" + out.path() + "' -q");
      ASSERT_EQ(r.exit_code, 0) << d << "\n" << r.err;
    }
    auto r = RunSceau("summary '" + out.path() + "' --today 2026-11-26 --format pdf --lang " +
                      lang + " --out '" + out.path() + "/summary'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The certificate the register draws, from the story's first result.
    std::string db = out.path() + "/register.db";
    r = RunSceau("register --db '" + db + "' record audits/story/2023-initial.json --by T");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = RunSceau("register --db '" + db +
                 "' certificate CEDRE-2023-00001 --today 2024-01-15 --lang " + lang + " --out '" +
                 out.path() + "/certificate.pdf'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    int pdfs = 0;
    for (const auto& e : fs::recursive_directory_iterator(out.path())) {
      if (e.path().extension() != ".pdf") continue;
      ++pdfs;
      SCOPED_TRACE(std::string(lang) + " " + e.path().filename().string());
      EXPECT_EQ(Complaints(e.path().string(), scratch.path()), "");
    }
    // The group's members besides, the summary and the certificate.
    EXPECT_GE(pdfs, static_cast<int>(dossiers.size()) + 2);
  }
}

TEST(PdfReaders, FrenchTextExtractsWithItsAccents) {
  TempDir out;
  for (const char* d : {"cap-en-construction", "rse-confirme"}) {
    auto r = RunSceau(std::string("audit audits/") + d + ".yaml --lang fr --format pdf --out '" +
                      out.path() + "' -q");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // Guillemets, which French typography keeps apart from the words with narrow no-break spaces.
  std::string quoted =
      out.Write("quoted.yaml", Edit(ReadFile(SourcePath("audits/granted.yaml")),
                                    "name: \"Association Sentiers et Berges du Pays d'Olbène\"",
                                    "name: \"Association « Les Rivières » du Val d’Olbène\""));
  auto r = RunSceau("audit '" + quoted + "' --lang fr --format pdf --out '" + out.path() + "' -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* tool : {"pdftotext '{}' -", "mutool draw -q -N -F txt -o - '{}'"}) {
    SCOPED_TRACE(tool);
    auto text = [&](const std::string& name) {
      std::string cmd = tool;
      cmd.replace(cmd.find("{}"), 2, out.path() + "/" + name + ".pdf");
      return Fold(Shell(cmd));
    };
    EXPECT_NE(text("cap-en-construction").find("SAS Réemploi Solidaire du Bocage"),
              std::string::npos);
    EXPECT_NE(text("rse-confirme").find("SAS Bâtisseurs du Val de Cher"), std::string::npos);
    EXPECT_NE(text("quoted").find("Association « Les Rivières » du Val d’Olbène"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace sceau
