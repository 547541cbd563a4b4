// libFuzzer target: the reader of a signed PDF's attachments (`sceau verify REPORT.pdf`), a
// hand-written parser of hostile input: cross-reference table, objects, strings, streams.
// Any crash, leak, undefined behaviour, hang or memory growth beyond the target's limit fails.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reports/signing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view pdf(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string>> files;
  std::string error;
  if (sceau::ReadPdfAttachments(pdf, &files, &error)) {
    // What was read comes from the file: never more bytes than it holds.
    size_t total = 0;
    for (const auto& f : files) total += f.second.size();
    if (total > size) __builtin_trap();
  }
  return 0;
}
