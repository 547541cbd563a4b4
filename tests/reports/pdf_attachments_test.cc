// The reader of a signed PDF's attachments on hostile files: each object parsed once, memory
// bounded by the file, never more bytes handed out than the file holds.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "reports/signing.h"

namespace sceau {
namespace {

// A classic PDF with objects 1..n (given without their "n 0 obj" wrapping) and a cross-reference
// table that points at each.
std::string BuildPdf(const std::vector<std::string>& objects) {
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
  }
  size_t xref = out.size();
  out += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (size_t off : offsets) out += fmt::format("{:010d} 00000 n \n", off);
  out += fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n",
                     objects.size() + 1, xref);
  return out;
}

std::string Stream(const std::string& data) {
  return fmt::format("<< /Type /EmbeddedFile /Length {} >>\nstream\n{}\nendstream", data.size(),
                     data);
}

TEST(PdfAttachments, ReadsTwoAttachmentsThroughSharedAndIndirectObjects) {
  std::string pdf = BuildPdf({
      "<< /Type /Catalog /Names 2 0 R >>",
      "<< /EmbeddedFiles 3 0 R >>",
      "<< /Names [(a.json) 4 0 R (b.sig) 5 0 R] >>",
      "<< /Type /Filespec /EF << /F 6 0 R >> >>",
      "<< /Type /Filespec /EF << /F 7 0 R >> >>",
      Stream("{\"a\": 1}"),
      "<< /Length 8 0 R >>\nstream\nsig\nendstream",
      "3",
  });
  std::vector<std::pair<std::string, std::string>> files;
  std::string error;
  ASSERT_TRUE(ReadPdfAttachments(pdf, &files, &error)) << error;
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0], (std::pair<std::string, std::string>{"a.json", "{\"a\": 1}"}));
  EXPECT_EQ(files[1], (std::pair<std::string, std::string>{"b.sig", "sig"}));
}

TEST(PdfAttachments, RefusesAnObjectOfTooManyValues) {
  // An array of 200,000 numbers where the names are expected: refused, not held in memory.
  std::string names = "<< /Names [(a.json) 4 0 R";
  for (int i = 0; i < 200000; ++i) names += " 0";
  names += "] >>";
  std::string pdf = BuildPdf({"<< /Type /Catalog /Names 2 0 R >>", "<< /EmbeddedFiles 3 0 R >>",
                              names, "<< /EF << /F 5 0 R >> >>", Stream("x")});
  std::vector<std::pair<std::string, std::string>> files;
  std::string error;
  EXPECT_FALSE(ReadPdfAttachments(pdf, &files, &error));
  EXPECT_EQ(error, "too many objects");
}

TEST(PdfAttachments, ASharedStreamIsNotCopiedPastTheSizeOfTheFile) {
  // 32 attachments naming the same 4 KB stream: 128 KB handed out from a file of about 5 KB.
  std::string list = "<< /Names [";
  for (int i = 0; i < 32; ++i) list += fmt::format("(f{}) 4 0 R ", i);
  list += "] >>";
  std::string pdf = BuildPdf({"<< /Type /Catalog /Names 2 0 R >>", "<< /EmbeddedFiles 3 0 R >>",
                              list, "<< /EF << /F 5 0 R >> >>", Stream(std::string(4096, 'x'))});
  std::vector<std::pair<std::string, std::string>> files;
  std::string error;
  EXPECT_FALSE(ReadPdfAttachments(pdf, &files, &error));
  EXPECT_EQ(error, "attachments larger than the file");
}

TEST(PdfAttachments, AStreamWhoseLengthIsItselfIsRefused) {
  std::string pdf = BuildPdf({"<< /Type /Catalog /Names 2 0 R >>", "<< /EmbeddedFiles 3 0 R >>",
                              "<< /Names [(a) 4 0 R] >>", "<< /EF << /F 5 0 R >> >>",
                              "<< /Length 5 0 R >>\nstream\nxyz\nendstream"});
  std::vector<std::pair<std::string, std::string>> files;
  std::string error;
  EXPECT_FALSE(ReadPdfAttachments(pdf, &files, &error));
  EXPECT_EQ(error, "bad stream length");
}

}  // namespace
}  // namespace sceau
