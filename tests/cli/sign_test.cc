// End-to-end tests of `sceau keygen`, `sceau sign` and `sceau verify`: exit codes, what goes to
// stdout and stderr, the files written and their modes.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <regex>

#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::ReadFile;
using testing::RunSceau;
using testing::TempDir;

// The commands exist once cli/commands.cc wires them in; until then these tests are skipped.
bool Wired() {
  static const bool wired = RunSceau("--help").out.find("\n  verify ") != std::string::npos;
  return wired;
}
#define REQUIRE_SIGN_COMMANDS() \
  if (!Wired()) GTEST_SKIP() << "keygen/sign/verify are not wired into cli/commands.cc yet"

std::string Q(const std::string& path) { return "'" + path + "'"; }

// "key id: <16 hex>\n..." -> the id.
std::string KeyIdFrom(const std::string& out) {
  std::smatch m;
  std::regex re("^key id: ([0-9a-f]{16})\n");
  return std::regex_search(out, m, re) ? m[1].str() : std::string();
}

constexpr char kValid[] =
    "valid: Association Sentiers et Berges du Pays d'Olbène, granted, certificate 2026-04-02 → "
    "2029-04-01, signed by key ";

// A granted result, audited by the binary, and a key pair, in a fresh folder.
struct Signed {
  TempDir dir;
  std::string json, key, pub, id;
};

std::unique_ptr<Signed> AuditAndKey() {
  auto s = std::make_unique<Signed>();
  auto r = RunSceau("--lang fr audit audits/granted.yaml --format json --out " + Q(s->dir.path()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  s->json = s->dir.path() + "/granted.json";
  r = RunSceau("keygen --out " + Q(s->dir.path() + "/network"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  s->key = s->dir.path() + "/network.key";
  s->pub = s->dir.path() + "/network.pub";
  s->id = KeyIdFrom(r.out);
  EXPECT_EQ(s->id.size(), 16u) << r.out;
  return s;
}

TEST(SignCli, KeygenWritesAPrivateKeyOnlyItsOwnerCanReadAndNeverOverwrites) {
  REQUIRE_SIGN_COMMANDS();
  TempDir dir;
  std::string name = dir.path() + "/network";
  auto r = RunSceau("keygen --out " + Q(name));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string id = KeyIdFrom(r.out);
  ASSERT_EQ(id.size(), 16u) << r.out;
  EXPECT_EQ(r.out, "key id: " + id + "\nWrote " + name +
                       ".key (private key, mode 0600: keep it secret) and " + name +
                       ".pub (public key: give it to whoever verifies)\n");
  EXPECT_EQ(r.err, "");
  struct stat st;
  ASSERT_EQ(::stat((name + ".key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(ReadFile(name + ".key").rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  EXPECT_EQ(ReadFile(name + ".pub").rfind("-----BEGIN PUBLIC KEY-----\n", 0), 0u);

  std::string key = ReadFile(name + ".key");
  std::string pub = ReadFile(name + ".pub");
  r = RunSceau("keygen --out " + Q(name));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "sceau keygen: " + name + ".key exists already: refusing to overwrite a key\n");
  EXPECT_EQ(ReadFile(name + ".key"), key);
  EXPECT_EQ(ReadFile(name + ".pub"), pub);

  EXPECT_EQ(RunSceau("keygen").exit_code, 2);  // --out is required
  r = RunSceau("-q keygen --out " + Q(dir.path() + "/quiet"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "key id: " + KeyIdFrom(r.out) + "\n");
}

TEST(SignCli, SignsAndVerifiesARealResultAndItsPdf) {
  REQUIRE_SIGN_COMMANDS();
  auto s = AuditAndKey();
  std::string pdf = s->dir.path() + "/granted.pdf";
  auto r = RunSceau("sign " + Q(s->json) + " --key " + Q(s->key) + " --pdf");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Signed " + s->json + " with key " + s->id + ": wrote " + s->json + ".sig, " +
                       pdf + "\n");
  EXPECT_EQ(r.err, "");
  std::string sig = ReadFile(s->json + ".sig");
  EXPECT_EQ(sig.rfind("{\n  \"format\": \"sceau-signature\",\n  \"version\": 1,\n  \"algorithm\": "
                      "\"ed25519\",\n"
                      "  \"key_id\": \"" +
                          s->id + "\",\n",
                      0),
            0u)
      << sig;

  r = RunSceau("verify " + Q(s->json) + " --key " + Q(s->pub));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kValid + s->id + "\n");
  EXPECT_EQ(r.err, "");
  r = RunSceau("verify " + Q(pdf) + " --key " + Q(s->pub));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kValid + s->id + "\n");
  EXPECT_EQ(RunSceau("-q verify " + Q(pdf) + " --key " + Q(s->pub)).out, "");

  // Signing again gives the same bytes; the French PDF verifies too.
  std::string first = ReadFile(pdf);
  ASSERT_EQ(RunSceau("-q sign " + Q(s->json) + " --key " + Q(s->key) + " --pdf").exit_code, 0);
  EXPECT_EQ(ReadFile(pdf), first);
  EXPECT_EQ(ReadFile(s->json + ".sig"), sig);
  ASSERT_EQ(
      RunSceau("-q sign " + Q(s->json) + " --key " + Q(s->key) + " --pdf --lang fr").exit_code, 0);
  EXPECT_NE(ReadFile(pdf), first);
  EXPECT_EQ(RunSceau("verify " + Q(pdf) + " --key " + Q(s->pub)).exit_code, 0);

  // A signature kept elsewhere.
  std::string moved = s->dir.path() + "/elsewhere.sig";
  std::filesystem::rename(s->json + ".sig", moved);
  r = RunSceau("verify " + Q(s->json) + " --key " + Q(s->pub));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "INVALID: no signature: cannot read " + s->json + ".sig: No such file or directory\n");
  r = RunSceau("verify " + Q(s->json) + " --key " + Q(s->pub) + " --signature " + Q(moved));
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(SignCli, ATamperedResultOrAnotherKeyIsInvalid) {
  REQUIRE_SIGN_COMMANDS();
  auto s = AuditAndKey();
  ASSERT_EQ(RunSceau("sign " + Q(s->json) + " --key " + Q(s->key)).exit_code, 0);
  std::string json = ReadFile(s->json);
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"\"decision\": \"granted\"", "\"decision\": \"refused\""},
           {"\"percent\": 98.11", "\"percent\": 99.11"},
           {"\"expiry\": \"2029-04-01\"", "\"expiry\": \"2031-04-01\""},
           {"\"name\": \"Association Sentiers", "\"name\": \"Association Chemins"}}) {
    std::string altered = json;
    size_t at = altered.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    altered.replace(at, from.size(), to);
    s->dir.Write("granted.json", altered);
    auto r = RunSceau("verify " + Q(s->json) + " --key " + Q(s->pub));
    EXPECT_EQ(r.exit_code, 1) << to;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "INVALID: the result was altered after it was signed (its SHA-256 is not the one "
              "signed)\n");
  }
  s->dir.Write("granted.json", json);
  ASSERT_EQ(RunSceau("verify " + Q(s->json) + " --key " + Q(s->pub)).exit_code, 0);

  auto other = RunSceau("keygen --out " + Q(s->dir.path() + "/other"));
  ASSERT_EQ(other.exit_code, 0);
  auto r = RunSceau("verify " + Q(s->json) + " --key " + Q(s->dir.path() + "/other.pub"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "INVALID: signed by another key (" + s->id + "), not by the given key (" +
                       KeyIdFrom(other.out) + ")\n");
}

TEST(SignCli, AnUnsignedOrReRenderedPdfIsInvalid) {
  REQUIRE_SIGN_COMMANDS();
  auto s = AuditAndKey();
  ASSERT_EQ(RunSceau("sign " + Q(s->json) + " --key " + Q(s->key)).exit_code, 0);
  // `sceau report` renders the same pages, but carries no signed result.
  ASSERT_EQ(RunSceau("report " + Q(s->json) + " --out " + Q(s->dir.path())).exit_code, 0);
  auto r = RunSceau("verify " + Q(s->dir.path() + "/granted.pdf") + " --key " + Q(s->pub));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "INVALID: not a signed sceau report: no 'sceau-result.json' attachment\n");
}

TEST(SignCli, UsageAndInputErrors) {
  REQUIRE_SIGN_COMMANDS();
  auto s = AuditAndKey();
  EXPECT_EQ(RunSceau("sign " + Q(s->json)).exit_code, 2);  // --key is required
  EXPECT_EQ(RunSceau("verify " + Q(s->json)).exit_code, 2);
  EXPECT_EQ(RunSceau("sign " + Q(s->json) + " --key " + Q(s->key) + " --lang de").exit_code, 2);

  // The wrong half of the key pair.
  auto r = RunSceau("sign " + Q(s->json) + " --key " + Q(s->pub));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "sceau sign: " + s->pub +
                       ": this is a public key: sign with the private key (the .key file)\n");
  EXPECT_FALSE(std::filesystem::exists(s->json + ".sig"));
  r = RunSceau("verify " + Q(s->json) + " --key " + Q(s->key));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sceau verify: " + s->key +
                       ": this is a private key: verify with the public key (the .pub file)\n");

  // Only results are signed.
  r = RunSceau("sign audits/granted.yaml --key " + Q(s->key));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("sceau sign: audits/granted.yaml: not a sceau result: ", 0), 0u) << r.err;

  ASSERT_EQ(RunSceau("-q sign " + Q(s->json) + " --key " + Q(s->key) + " --pdf").exit_code, 0);
  r = RunSceau("verify " + Q(s->dir.path() + "/granted.pdf") + " --key " + Q(s->pub) +
               " --signature " + Q(s->json + ".sig"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "sceau verify: --signature is for a JSON result: a signed PDF carries its signature\n");

  r = RunSceau("verify " + Q(s->dir.path() + "/missing.json") + " --key " + Q(s->pub));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "INVALID: cannot read " + s->dir.path() + "/missing.json: No such file or directory\n");
}

}  // namespace
}  // namespace sceau
