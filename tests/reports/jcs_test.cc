// RFC 8785 canonical JSON: the RFC's own examples (§3.2.2, Appendix B's numbers, §3.2.3's key
// order).
#include "reports/jcs.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <string>

namespace sceau {
namespace {

std::string Canon(const std::string& json_text) {
  std::string out;
  std::string error;
  EXPECT_TRUE(Canonicalize(nlohmann::json::parse(json_text), &out, &error)) << error;
  return out;
}

double FromBits(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

TEST(Jcs, NumbersAsEcmaScriptPrintsThem) {
  // RFC 8785 Appendix B: IEEE 754 bit patterns and their serialisation.
  const struct {
    uint64_t bits;
    const char* expected;
  } cases[] = {
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},  // -0
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(EcmaScriptNumber(FromBits(c.bits)), c.expected) << std::hex << c.bits;
  }
}

TEST(Jcs, SortsWhiteSpaceAndNumbersAsTheRfcExample) {
  // RFC 8785 §3.2.2, the example input and its canonical form.
  const std::string input = R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })";
  EXPECT_EQ(Canon(input),
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            "\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST(Jcs, SortsKeysByUtf16CodeUnits) {
  // RFC 8785 §3.2.3: the keys sort as UTF-16, so U+1F600 (surrogates D83D DE00) comes before
  // U+FB33 and after "\r", "1", "€", "ö".
  const std::string input =
      "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter "
      "Dalet With Dagesh\", \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", "
      "\"\\u0080\": \"Control\", \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}";
  EXPECT_EQ(Canon(input),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\","
            "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\",\"\xe2\x82\xac\":\"Euro Sign\","
            "\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\","
            "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

TEST(Jcs, IntegersAndOrderedObjectsAlike) {
  nlohmann::ordered_json j;
  j["b"] = 1;
  j["a"] = {-0.0, 1e21, 123456789012, 4.5e-7, 100, 9007199254740993ULL};
  std::string out;
  std::string error;
  ASSERT_TRUE(Canonicalize(j, &out, &error)) << error;
  // 2^53 + 1 is no double: it is printed as the double it rounds to.
  EXPECT_EQ(out, "{\"a\":[0,1e+21,123456789012,4.5e-7,100,9007199254740992],\"b\":1}");
}

TEST(Jcs, RefusesWhatHasNoCanonicalForm) {
  std::string out;
  std::string error;
  EXPECT_FALSE(
      Canonicalize(nlohmann::json(std::numeric_limits<double>::quiet_NaN()), &out, &error));
  EXPECT_EQ(error, "a number that is not finite has no canonical JSON form");
  EXPECT_FALSE(Canonicalize(nlohmann::json("bad \xff byte"), &out, &error));
  EXPECT_EQ(error, "a string is not valid UTF-8");
  nlohmann::json key;
  key["\xed\xa0\x80"] = 1;  // an encoded surrogate
  EXPECT_FALSE(Canonicalize(key, &out, &error));
  EXPECT_EQ(error, "a key is not valid UTF-8");
  nlohmann::json deep = 1;
  for (int i = 0; i < kMaxCanonicalDepth + 1; ++i) deep = nlohmann::json::array({deep});
  EXPECT_FALSE(Canonicalize(deep, &out, &error));
  EXPECT_EQ(error, "JSON nested more than 100 levels deep");
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace sceau
