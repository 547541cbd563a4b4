// Signed results, in process: keys and key files, the signature file, signing and verifying a real
// result, tampering with it, and the signed PDF (its attachments, as qpdf reads them, and every way
// of altering it that verification must catch).
#include "reports/signing.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential_loader.h"
#include "engine/sha256.h"
#include "reports/json_writer.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::ReadFile;
using testing::RenderAll;
using testing::Shell;
using testing::SourcePath;
using testing::TempDir;

// RFC 8032, section 7.1, test 1: the secret key, its public key, and the signature of the empty
// message.
constexpr char kRfcPrivatePem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";
constexpr char kRfcPublicPem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
    "-----END PUBLIC KEY-----\n";
constexpr char kRfcKeyId[] = "21fe31dfa154a261";  // SHA-256 of d75a9801...511a, 16 hex digits
constexpr char kRfcEmptySignature[] =
    "5VZDAMNgrHKQhuLMgG6CioSHfx645dl02HPgZSJJAVVfuIIVkKM7rMYeOXAc+bRr0lv18FlbviRlUUFDjnoQCw==";
constexpr char kEmptySha256[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

constexpr char kEcPrivatePem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMJMqHgf/6QqlF0MU\n"
    "h4COetb/iiLgXLivffzoWbk59Q6hRANCAAR52MB0UJw5h1veISV4KPrtyEHKW4Yn\n"
    "WRboiDIC/6Q5v/NsWLPRpH6ciN5fD9QlUDqSFuS6CXjZy7Xnw/lqN+Xz\n"
    "-----END PRIVATE KEY-----\n";
constexpr char kEncryptedPem[] =
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
    "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjbX2utL1iV+gICCAAw\n"
    "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEEBwuUtQzmCUl4IvcOfQA4tIEQMR+\n"
    "H3k+UWoIxDLXs6j0LVE6A3RhGPQ6gexdPBE07jc+6hKi4LpJJqbdHG6e80qwAJrF\n"
    "50Qrs2bA+lP1j2S1xwA=\n"
    "-----END ENCRYPTED PRIVATE KEY-----\n";

constexpr char kOrg[] = "Association Sentiers et Berges du Pays d'Olbène";

// The JSON result of audits/granted.yaml, evaluated in process.
const std::string& GrantedJson() {
  static const std::string json = [] {
    ReferentialLoad ref = LoadReferentialFile(SourcePath("referentials/cedre-iso9001.yaml"));
    EXPECT_TRUE(ref.ok()) << RenderAll(ref.diagnostics);
    DossierLoad load =
        LoadDossierFile(SourcePath("audits/granted.yaml"), FixedReferential(ref.referential));
    EXPECT_TRUE(load.ok()) << RenderAll(load.diagnostics);
    if (!load.ok()) return std::string();
    Evaluation eval = Evaluate(*load.referential, *load.dossier);
    return ResultToJson(*load.referential, *load.dossier, eval.result);
  }();
  return json;
}

// `text` with the first `from` replaced by `to`; fails the test if `from` is not there.
std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' not found";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

PrivateKey NewKey() {
  PrivateKey key;
  std::string error;
  EXPECT_TRUE(PrivateKey::Generate(&key, &error)) << error;
  return key;
}

std::string SignatureJson(const PrivateKey& key, const std::string& result) {
  Signature s;
  std::string error;
  EXPECT_TRUE(SignResult(key, result, &s, &error)) << error;
  return SignatureToJson(s);
}

std::string ValidLine(const std::string& key_id) {
  return "valid: " + std::string(kOrg) +
         ", granted, certificate 2026-04-02 → 2029-04-01, signed by key " + key_id;
}

// ---- keys --------------------------------------------------------------------------------------

TEST(SigningKeys, ReadsTheRfc8032KeyAndSignsAsTheRfcSays) {
  PrivateKey key;
  std::string error;
  ASSERT_TRUE(PrivateKey::FromPem(kRfcPrivatePem, &key, &error)) << error;
  EXPECT_EQ(key.id(), kRfcKeyId);
  EXPECT_EQ(key.Pem(), kRfcPrivatePem);
  EXPECT_EQ(key.Public().Pem(), kRfcPublicPem);
  PublicKey pub;
  ASSERT_TRUE(PublicKey::FromPem(kRfcPublicPem, &pub, &error)) << error;
  EXPECT_EQ(pub.id(), kRfcKeyId);
  std::string signature;
  ASSERT_TRUE(key.Sign("", &signature, &error)) << error;
  Signature s{kRfcKeyId, kEmptySha256, signature};
  EXPECT_EQ(SignatureToJson(s), std::string("{\n"
                                            "  \"format\": \"sceau-signature\",\n"
                                            "  \"version\": 1,\n"
                                            "  \"algorithm\": \"ed25519\",\n"
                                            "  \"key_id\": \"21fe31dfa154a261\",\n"
                                            "  \"sha256\": \"") +
                                    kEmptySha256 +
                                    "\",\n"
                                    "  \"signature\": \"" +
                                    kRfcEmptySignature +
                                    "\"\n"
                                    "}\n");
  EXPECT_TRUE(pub.Verify("", signature));
  EXPECT_FALSE(pub.Verify(" ", signature));
  EXPECT_FALSE(pub.Verify("", signature.substr(0, 63)));
}

TEST(SigningKeys, GeneratedKeysAreFreshAndRoundTrip) {
  PrivateKey a = NewKey();
  PrivateKey b = NewKey();
  EXPECT_NE(a.id(), b.id());
  EXPECT_EQ(a.id().size(), 16u);
  EXPECT_EQ(a.id().find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a.Pem().rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  PrivateKey again;
  PublicKey pub;
  std::string error;
  ASSERT_TRUE(PrivateKey::FromPem(a.Pem(), &again, &error)) << error;
  ASSERT_TRUE(PublicKey::FromPem(a.Public().Pem(), &pub, &error)) << error;
  EXPECT_EQ(again.id(), a.id());
  EXPECT_EQ(pub.id(), a.id());
  std::string signature;
  ASSERT_TRUE(again.Sign("bytes", &signature, &error));
  EXPECT_TRUE(pub.Verify("bytes", signature));
  EXPECT_FALSE(b.Public().Verify("bytes", signature));
}

TEST(SigningKeys, RefusesKeysOfTheWrongKind) {
  PrivateKey key;
  PublicKey pub;
  std::string error;
  EXPECT_FALSE(PublicKey::FromPem(kRfcPrivatePem, &pub, &error));
  EXPECT_EQ(error, "this is a private key: verify with the public key (the .pub file)");
  EXPECT_FALSE(PrivateKey::FromPem(kRfcPublicPem, &key, &error));
  EXPECT_EQ(error, "this is a public key: sign with the private key (the .key file)");
  EXPECT_FALSE(PrivateKey::FromPem(kEcPrivatePem, &key, &error));
  EXPECT_EQ(error, "not an Ed25519 private key");
  EXPECT_FALSE(PrivateKey::FromPem(kEncryptedPem, &key, &error));
  EXPECT_EQ(error, "encrypted private keys are not supported");
  EXPECT_FALSE(PrivateKey::FromPem("garbage", &key, &error));
  EXPECT_EQ(error.rfind("not a PEM private key", 0), 0u) << error;
  EXPECT_FALSE(PublicKey::FromPem("", &pub, &error));
  EXPECT_EQ(error.rfind("not a PEM public key", 0), 0u) << error;
  EXPECT_FALSE(key.ok());
  EXPECT_FALSE(pub.ok());
}

TEST(SigningKeys, KeyFilesAreCreatedOnceWithMode0600) {
  TempDir dir;
  std::string name = dir.path() + "/network";
  PrivateKey key = NewKey();
  std::string error;
  mode_t old_mask = ::umask(0);  // the private key's mode must not depend on the umask
  bool ok = WriteKeyFiles(name, key, &error);
  ::umask(old_mask);
  ASSERT_TRUE(ok) << error;
  struct stat st;
  ASSERT_EQ(::stat((name + ".key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  ASSERT_EQ(::stat((name + ".pub").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  EXPECT_EQ(ReadFile(name + ".key"), key.Pem());
  EXPECT_EQ(ReadFile(name + ".pub"), key.Public().Pem());

  // Never overwrites: not the private key, not the public key alone.
  PrivateKey other = NewKey();
  EXPECT_FALSE(WriteKeyFiles(name, other, &error));
  EXPECT_EQ(error, name + ".key exists already: refusing to overwrite a key");
  EXPECT_EQ(ReadFile(name + ".key"), key.Pem());
  std::filesystem::remove(name + ".key");
  EXPECT_FALSE(WriteKeyFiles(name, other, &error));
  EXPECT_EQ(error, name + ".pub exists already: refusing to overwrite a key");
  EXPECT_FALSE(std::filesystem::exists(name + ".key"));
  EXPECT_EQ(ReadFile(name + ".pub"), key.Public().Pem());

  // A symbolic link, even dangling, is not followed.
  std::string target = dir.path() + "/elsewhere";
  std::filesystem::create_symlink(target, dir.path() + "/linked.key");
  EXPECT_FALSE(WriteKeyFiles(dir.path() + "/linked", other, &error));
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/linked.pub"));

  // A folder that does not exist: an error, nothing written.
  EXPECT_FALSE(WriteKeyFiles(dir.path() + "/no/such/dir/k", other, &error));
  EXPECT_EQ(error, "cannot create " + dir.path() + "/no/such/dir/k.key: No such file or directory");
}

// ---- the signature file ------------------------------------------------------------------------

TEST(SignatureFile, ReadsBackWhatItWritesAndNothingLoose) {
  std::string signature;
  std::string error;
  PrivateKey key;
  ASSERT_TRUE(PrivateKey::FromPem(kRfcPrivatePem, &key, &error));
  ASSERT_TRUE(key.Sign("", &signature, &error));
  std::string good = SignatureToJson({kRfcKeyId, kEmptySha256, signature});
  Signature s;
  ASSERT_TRUE(SignatureFromJson(good, &s, &error)) << error;
  EXPECT_EQ(s.key_id, kRfcKeyId);
  EXPECT_EQ(s.sha256, kEmptySha256);
  EXPECT_EQ(s.signature, signature);
  // Unknown fields are ignored (fields are only ever added within a version).
  EXPECT_TRUE(SignatureFromJson(Replace(good, "{\n", "{\n  \"comment\": \"x\",\n"), &s, &error))
      << error;

  struct Case {
    std::string from, to, error;
  };
  std::vector<Case> cases = {
      {"sceau-signature", "other", "format is 'other', not 'sceau-signature'"},
      {"\"version\": 1", "\"version\": 2",
       "version 2 is not supported (this build reads version 1)"},
      {"\"version\": 1", "\"version\": \"1\"",
       "version \"1\" is not supported (this build reads version 1)"},
      {"ed25519", "rsa", "algorithm 'rsa' is not supported (only ed25519)"},
      {kRfcKeyId, "21FE31DFA154A261", "'key_id' is not 16 lowercase hex digits"},
      {kRfcKeyId, "21fe31", "'key_id' is not 16 lowercase hex digits"},
      {kEmptySha256, "e3b0", "'sha256' is not 64 lowercase hex digits"},
      {"\"sha256\"", "\"sha\"", "'sha256' is missing or not a string"},
      {kRfcEmptySignature, std::string(kRfcEmptySignature).substr(0, 84),
       "'signature' is not the base64 of a 64-byte Ed25519 signature"},
      // Not canonical: the last character's unused bits are set.
      {"QCw==", "QCx==", "'signature' is not the base64 of a 64-byte Ed25519 signature"},
      {"{\n", "[\n", "not a JSON object"},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(SignatureFromJson(Replace(good, c.from, c.to), &s, &error)) << c.to;
    EXPECT_EQ(error, c.error) << c.to;
  }
}

// ---- signing and verifying a JSON result -------------------------------------------------------

TEST(SignedResult, ARealResultVerifies) {
  const std::string& json = GrantedJson();
  ASSERT_FALSE(json.empty());
  PrivateKey key = NewKey();
  std::string sig = SignatureJson(key, json);
  Signature s;
  std::string error;
  ASSERT_TRUE(SignatureFromJson(sig, &s, &error));
  EXPECT_EQ(s.key_id, key.id());
  EXPECT_EQ(s.sha256, Sha256Hex(json));
  Verification v = VerifyResult(key.Public(), json, sig);
  ASSERT_TRUE(v.valid) << v.problem;
  EXPECT_EQ(v.key_id, key.id());
  EXPECT_EQ(v.model.org_name, kOrg);
  EXPECT_EQ(VerdictLine(v), ValidLine(key.id()));
  // Same key, same bytes: the same signature (Ed25519 is deterministic).
  EXPECT_EQ(SignatureJson(key, json), sig);
}

TEST(SignedResult, RefusesToSignWhatIsNotAResult) {
  PrivateKey key = NewKey();
  Signature s;
  std::string error;
  EXPECT_FALSE(SignResult(key, "{\"format\": \"something-else\"}", &s, &error));
  EXPECT_EQ(error.rfind("not a sceau result: ", 0), 0u) << error;
  EXPECT_FALSE(SignResult(key, "not json", &s, &error));
  EXPECT_EQ(error.rfind("not a sceau result: ", 0), 0u) << error;
}

TEST(SignedResult, EveryTamperingIsDetected) {
  const std::string& json = GrantedJson();
  PrivateKey key = NewKey();
  std::string sig = SignatureJson(key, json);
  struct Edit {
    const char* what;
    std::string from, to;
  };
  std::vector<Edit> edits = {
      {"decision", "\"decision\": \"granted\"", "\"decision\": \"refused\""},
      {"score", "\"percent\": 98.11", "\"percent\": 99.11"},
      {"date", "\"expiry\": \"2029-04-01\"", "\"expiry\": \"2030-04-01\""},
      {"organisation", std::string("\"name\": \"") + kOrg + "\"",
       "\"name\": \"Association Sentiers et Berges\""},
      {"white space", "{\n  \"format\"", "{\n   \"format\""},
  };
  for (const Edit& e : edits) {
    std::string altered = Replace(json, e.from, e.to);
    ASSERT_NE(altered, json) << e.what;
    report::Model model;
    std::string error;
    ASSERT_TRUE(report::ReadModel(altered, &model, &error))
        << e.what << ": still a readable result";
    Verification v = VerifyResult(key.Public(), altered, sig);
    EXPECT_FALSE(v.valid) << e.what;
    EXPECT_EQ(
        VerdictLine(v),
        "INVALID: the result was altered after it was signed (its SHA-256 is not the one signed)")
        << e.what;
  }
  EXPECT_FALSE(VerifyResult(key.Public(), json + "\n", sig).valid);
  EXPECT_FALSE(VerifyResult(key.Public(), json.substr(0, json.size() - 1), sig).valid);
}

TEST(SignedResult, AnotherKeyIsRefused) {
  const std::string& json = GrantedJson();
  PrivateKey signer = NewKey();
  PrivateKey other = NewKey();
  std::string sig = SignatureJson(signer, json);
  Verification v = VerifyResult(other.Public(), json, sig);
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(VerdictLine(v), "INVALID: signed by another key (" + signer.id() +
                                "), not by the given key (" + other.id() + ")");
  // Claiming the other key's id does not help: the signature is still the signer's.
  std::string claimed = Replace(sig, signer.id(), other.id());
  v = VerifyResult(other.Public(), json, claimed);
  EXPECT_EQ(VerdictLine(v),
            "INVALID: the signature does not match the result (the signature was altered)");
}

TEST(SignedResult, AnAlteredSignatureFileIsRefused) {
  const std::string& json = GrantedJson();
  PrivateKey key = NewKey();
  PrivateKey other = NewKey();
  std::string sig = SignatureJson(key, json);
  // The signature itself is good, the fields around it lie.
  Verification v = VerifyResult(key.Public(), json, Replace(sig, key.id(), other.id()));
  EXPECT_EQ(VerdictLine(v), "INVALID: the signature file names key " + other.id() +
                                ", but the signature is by key " + key.id() +
                                " (the signature file was altered)");
  v = VerifyResult(key.Public(), json, Replace(sig, Sha256Hex(json), Sha256Hex("x")));
  EXPECT_EQ(
      VerdictLine(v),
      "INVALID: the signature file's SHA-256 is not the result's (the signature file was altered)");
  // A signature made over other bytes.
  Signature s;
  std::string error;
  ASSERT_TRUE(SignatureFromJson(sig, &s, &error));
  ASSERT_TRUE(key.Sign(json + " ", &s.signature, &error));
  v = VerifyResult(key.Public(), json, SignatureToJson(s));
  EXPECT_EQ(VerdictLine(v),
            "INVALID: the signature does not match the result (the signature was altered)");
  v = VerifyResult(key.Public(), json, "");
  EXPECT_EQ(VerdictLine(v),
            "INVALID: the signature file is not a sceau signature: not a JSON object");
}

// ---- the signed PDF ----------------------------------------------------------------------------

struct SignedPdf {
  PrivateKey key;
  std::string json, sig, pdf;
};

const SignedPdf& Signed() {
  static const SignedPdf s = [] {
    SignedPdf out;
    out.key = NewKey();
    out.json = GrantedJson();
    out.sig = SignatureJson(out.key, out.json);
    PdfOutput pdf;
    std::string error;
    EXPECT_TRUE(RenderSignedPdf(out.json, out.sig, "fr", &pdf, &error)) << error;
    out.pdf = pdf.bytes;
    return out;
  }();
  return s;
}

// Renders `json`'s report with these attachments, as a forger with the sceau source would.
std::string Forge(const std::string& json,
                  std::vector<std::pair<std::string, std::string>> attachments) {
  report::Model model;
  std::string error;
  EXPECT_TRUE(report::ReadModel(json, &model, &error)) << error;
  PdfOptions options;
  options.attachments = std::move(attachments);
  PdfOutput out;
  EXPECT_TRUE(RenderPdf(model, options, &out, &error)) << error;
  return out.bytes;
}

TEST(SignedPdfReport, CarriesTheResultAndItsSignatureAsQpdfSeesThem) {
  const SignedPdf& s = Signed();
  TempDir dir;
  std::string path = dir.Write("signed.pdf", s.pdf);
  int status = -1;
  Shell("qpdf --check '" + path + "'", &status);
  EXPECT_EQ(status, 0) << "qpdf --check fails";
  std::string list = Shell("qpdf --list-attachments '" + path + "'", &status);
  EXPECT_EQ(status, 0);
  EXPECT_EQ(list.substr(0, list.find(" ->")), "sceau-result.json");
  EXPECT_NE(list.find("\nsceau-result.json.sig ->"), std::string::npos) << list;
  EXPECT_EQ(Shell("qpdf --show-attachment=sceau-result.json '" + path + "'"), s.json);
  EXPECT_EQ(Shell("qpdf --show-attachment=sceau-result.json.sig '" + path + "'"), s.sig);

  std::vector<std::pair<std::string, std::string>> files;
  std::string error;
  ASSERT_TRUE(ReadPdfAttachments(s.pdf, &files, &error)) << error;
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].first, "sceau-result.json");
  EXPECT_EQ(files[0].second, s.json);
  EXPECT_EQ(files[1].first, "sceau-result.json.sig");
  EXPECT_EQ(files[1].second, s.sig);
}

TEST(SignedPdfReport, IsByteReproducibleAndVerifies) {
  const SignedPdf& s = Signed();
  PdfOutput again;
  std::string error;
  ASSERT_TRUE(RenderSignedPdf(s.json, s.sig, "fr", &again, &error)) << error;
  EXPECT_EQ(again.bytes, s.pdf);
  Verification v = VerifyPdf(s.key.Public(), s.pdf);
  ASSERT_TRUE(v.valid) << v.problem;
  EXPECT_EQ(v.lang, "fr");
  EXPECT_EQ(VerdictLine(v), ValidLine(s.key.id()));
  // In English as well.
  PdfOutput english;
  ASSERT_TRUE(RenderSignedPdf(s.json, s.sig, "en", &english, &error)) << error;
  EXPECT_NE(english.bytes, s.pdf);
  v = VerifyPdf(s.key.Public(), english.bytes);
  EXPECT_TRUE(v.valid) << v.problem;
  EXPECT_EQ(v.lang, "en");
}

TEST(SignedPdfReport, TheUnsignedReportHasNoAttachments) {
  const SignedPdf& s = Signed();
  std::string unsigned_pdf = Forge(s.json, {});
  std::vector<std::pair<std::string, std::string>> files;
  std::string error;
  ASSERT_TRUE(ReadPdfAttachments(unsigned_pdf, &files, &error)) << error;
  EXPECT_TRUE(files.empty());
  EXPECT_EQ(VerdictLine(VerifyPdf(s.key.Public(), unsigned_pdf)),
            "INVALID: not a signed sceau report: no 'sceau-result.json' attachment");
  EXPECT_EQ(VerdictLine(VerifyPdf(s.key.Public(), Forge(s.json, {{"sceau-result.json", s.json}}))),
            "INVALID: not a signed sceau report: no 'sceau-result.json.sig' attachment");
}

const char kAlteredPdf[] =
    "INVALID: the PDF is not the report of the signed result it carries: what it shows was altered "
    "after signing, or it was rendered by another build of sceau (the result it carries is validly "
    "signed by key ";

TEST(SignedPdfReport, AlteredVisibleContentIsRejected) {
  const SignedPdf& s = Signed();
  std::string expected = kAlteredPdf + s.key.id() + ")";
  // Pages rendered from a modified result, the genuine signed result and signature attached.
  std::string refused = Replace(s.json, "\"decision\": \"granted\"", "\"decision\": \"refused\"");
  std::string forged =
      Forge(refused, {{"sceau-result.json", s.json}, {"sceau-result.json.sig", s.sig}});
  EXPECT_EQ(VerdictLine(VerifyPdf(s.key.Public(), forged)), expected);
  std::string renamed = Replace(s.json, std::string("\"name\": \"") + kOrg + "\"",
                                "\"name\": \"Une autre association\"");
  forged = Forge(renamed, {{"sceau-result.json", s.json}, {"sceau-result.json.sig", s.sig}});
  EXPECT_EQ(VerdictLine(VerifyPdf(s.key.Public(), forged)), expected);

  // One byte of the first page's content stream changed, everything else in place.
  std::string edited = s.pdf;
  size_t stream = edited.find("stream\r\n");
  ASSERT_NE(stream, std::string::npos);
  edited[stream + 20] = static_cast<char>(edited[stream + 20] ^ 0x01);
  EXPECT_EQ(VerdictLine(VerifyPdf(s.key.Public(), edited)), expected);

  // The document information changed: "sceau" -> "Sceau" in the producer (UTF-16 hex).
  edited = Replace(s.pdf, "/Producer <FEFF0073", "/Producer <FEFF0053");
  EXPECT_EQ(VerdictLine(VerifyPdf(s.key.Public(), edited)), expected);

  // Anything appended (an incremental update, say).
  EXPECT_EQ(VerdictLine(VerifyPdf(s.key.Public(), s.pdf + "% appended\n")), expected);
}

TEST(SignedPdfReport, AnAlteredAttachmentIsRejected) {
  const SignedPdf& s = Signed();
  // The result swapped for a modified one, and the pages rendered from it.
  std::string refused = Replace(s.json, "\"decision\": \"granted\"", "\"decision\": \"refused\"");
  std::string forged =
      Forge(refused, {{"sceau-result.json", refused}, {"sceau-result.json.sig", s.sig}});
  EXPECT_EQ(
      VerdictLine(VerifyPdf(s.key.Public(), forged)),
      "INVALID: the result it carries: the result was altered after it was signed (its SHA-256 "
      "is not the one signed)");
  // Signed with another key than the one given.
  PrivateKey other = NewKey();
  EXPECT_EQ(VerdictLine(VerifyPdf(other.Public(), s.pdf)),
            "INVALID: the result it carries: signed by another key (" + s.key.id() +
                "), not by the given key (" + other.id() + ")");
}

TEST(SignedPdfReport, BrokenOrHostilePdfsAreRefusedWithoutHarm) {
  const SignedPdf& s = Signed();
  PublicKey pub = s.key.Public();
  EXPECT_EQ(VerdictLine(VerifyPdf(pub, "")),
            "INVALID: not a signed sceau report: cannot read its attachments: not a PDF");
  EXPECT_EQ(VerdictLine(VerifyPdf(pub, s.json)),
            "INVALID: not a signed sceau report: cannot read its attachments: not a PDF");
  EXPECT_EQ(
      VerdictLine(VerifyPdf(pub, "%PDF-1.3\n")),
      "INVALID: not a signed sceau report: cannot read its attachments: no 'startxref' at the end");
  EXPECT_EQ(
      VerdictLine(VerifyPdf(pub, "%PDF-1.3\n" + std::string(100, '[') + "\nstartxref\n9\n%%EOF\n")),
      "INVALID: not a signed sceau report: cannot read its attachments: no classic cross-reference "
      "table (xref streams are not read)");
  // Truncated anywhere, or with bytes flipped anywhere: never valid, never a crash.
  std::mt19937 random(20260519);
  for (int i = 0; i < 120; ++i) {
    size_t at = random() % s.pdf.size();
    EXPECT_FALSE(VerifyPdf(pub, s.pdf.substr(0, at)).valid) << "truncated at " << at;
    std::string flipped = s.pdf;
    flipped[at] = static_cast<char>(random() & 0xFF);
    if (flipped != s.pdf) {
      EXPECT_FALSE(VerifyPdf(pub, flipped).valid) << "byte " << at << " changed";
    }
  }
}

}  // namespace
}  // namespace sceau
