// libFuzzer target: what `sceau verify CREDENTIAL.json` reads, hostile input all of it: the
// credential (JSON, its proof, its multibase proofValue, its dates and status entries), the status
// lists (base64url, gzip) and the hand-written decoders underneath (base58btc, base64url).
// Any crash, leak, undefined behaviour, hang or memory growth beyond the target's limit fails.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "register/badge.h"
#include "register/status_list.h"
#include "reports/data_integrity.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  static const sceau::PublicKey key = [] {
    sceau::PublicKey k;
    std::string error;
    sceau::PublicKeyFromMultikey("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", &k, &error);
    return k;
  }();
  std::string bytes;
  if (sceau::Base58Decode(input, &bytes) && sceau::Base58Encode(bytes) != input) __builtin_trap();
  if (sceau::Base64UrlDecode(input, &bytes) && sceau::Base64UrlEncode(bytes) != input) {
    __builtin_trap();
  }
  std::string bits;
  if (sceau::DecodeStatusList(input, &bits) &&
      bits.size() > static_cast<size_t>(sceau::kMaxStatusListBits / 8)) {
    __builtin_trap();
  }
  sceau::BadgeCheckOptions options;
  options.today = *sceau::Date::Parse("2024-01-15");
  if (sceau::LooksLikeCredential(input)) sceau::VerifyBadge(key, input, options);
  return 0;
}
