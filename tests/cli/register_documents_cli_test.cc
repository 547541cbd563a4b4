// `sceau register certificate` and `sceau register letter`: the story's results recorded into a
// register, then the certificate drawn as of dates when it is active, suspended and withdrawn (by
// the referential's time limit, or by hand), in French and English, and the letters of its
// suspension and reinstatement. The PDFs' text is read back with pdftotext.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Fold;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ReadFile;
using testing::RunSceau;
using testing::Shell;
using testing::TempDir;

const char kNumber[] = "CEDRE-2023-00001";

class RegisterDocumentsCli : public ::testing::Test {
 protected:
  void SetUp() override { db_ = dir_.path() + "/r.db"; }
  // Records the story's results up to `last` (2023-initial, 2024-surveillance...).
  void Record(std::initializer_list<const char*> steps) {
    for (const char* step : steps) {
      auto r = RunSceau("--lang fr register --db '" + db_ + "' record audits/story/" + step +
                        ".json --by T");
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  // Draws `what` (certificate or letter) with `args` and returns its text, white space folded.
  std::string Text(const std::string& what, const std::string& args) {
    std::string pdf = dir_.path() + "/" + std::to_string(++count_) + ".pdf";
    auto r = RunSceau("--lang fr register --db '" + db_ + "' " + what + " " + kNumber + " " + args +
                      " --out '" + pdf + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              (args.find("--lang en") != std::string::npos ? "Wrote: " : "Écrit : ") + pdf + "\n");
    EXPECT_EQ(r.err, "");
    return Fold(Shell("pdftotext '" + pdf + "' -"));
  }
  TempDir dir_;
  std::string db_;
  int count_ = 0;
};

TEST_F(RegisterDocumentsCli, ActiveCertificateInFrenchAndEnglish) {
  Record({"2023-initial"});
  std::string fr = Text("certificate", "--today 2024-01-15");
  EXPECT_THAT(fr, HasSubstr("CERTIFICAT Il est certifié que l’organisme Association Pierres et "
                            "Rivières du Haut-Olbène"));
  EXPECT_THAT(fr,
              HasSubstr("Dépôt technique de Lacaze — Chemin du Moulin, 81230 Lacaze-sur-Olbène"));
  EXPECT_THAT(fr, HasSubstr("Édition 2026.1 (cedre-iso9001)"));
  // The scope the register holds, as the result gave it (in French only: the English document
  // shows it too).
  EXPECT_THAT(fr, HasSubstr("Édition 2026.1 (cedre-iso9001) pour le périmètre certifié suivant : "
                            "Accueil, accompagnement socioprofessionnel, formation et encadrement "
                            "des salariés en parcours ; entretien d'espaces naturels, de berges et "
                            "de sentiers de randonnée, maçonnerie paysagère en pierre sèche "
                            "Certificat n° CEDRE-2023-00001"));
  EXPECT_THAT(fr, Not(HasSubstr("que décrit le rapport")));
  EXPECT_THAT(fr, HasSubstr("Certificat n° CEDRE-2023-00001 Révision 0 Date d’effet 28 septembre "
                            "2023 Date d’expiration 27 septembre 2026 État au 15 janvier 2024 en "
                            "vigueur"));
  EXPECT_THAT(fr, Not(HasSubstr("SUSPENDU")));
  EXPECT_THAT(fr, Not(HasSubstr("valide")));

  std::string en = Text("certificate", "--today 2024-01-15 --lang en");
  EXPECT_THAT(en, HasSubstr("CERTIFICATE This is to certify that Association Pierres et Rivières "
                            "du Haut-Olbène"));
  EXPECT_THAT(en, HasSubstr("Certificate no. CEDRE-2023-00001 Revision 0 Effective date 28 "
                            "September 2023 Expiry date 27 September 2026 State on 15 January 2024 "
                            "valid"));
  EXPECT_THAT(en, Not(HasSubstr("SUSPENDED")));
  EXPECT_THAT(en, HasSubstr("Edition 2026.1 (cedre-iso9001) for the following certified scope: "
                            "Accueil, accompagnement socioprofessionnel, formation et encadrement "
                            "des salariés en parcours ; entretien d'espaces naturels"));
}

// A register written before it kept the scope: the certificate names the audit whose report
// states it, until a result brings the scope.
TEST_F(RegisterDocumentsCli, CertificateWithoutAScopeNamesTheAudit) {
  Record({"2023-initial"});
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE certificates SET scope = '{}'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  std::string fr = Text("certificate", "--today 2024-01-15");
  EXPECT_THAT(fr, HasSubstr("Édition 2026.1 (cedre-iso9001) Le périmètre certifié est celui que "
                            "décrit le rapport de l’audit AUD-2023-041. Certificat n°"));
  EXPECT_THAT(fr, Not(HasSubstr("pour le périmètre certifié suivant")));
  std::string en = Text("certificate", "--today 2024-01-15 --lang en");
  EXPECT_THAT(en, HasSubstr("The certified scope is the one described in the report of the audit "
                            "AUD-2023-041."));
}

TEST_F(RegisterDocumentsCli, SuspendedThenWithdrawnByTheTimeLimit) {
  Record({"2023-initial", "2024-surveillance"});
  std::string fr = Text("certificate", "--today 2024-10-01");
  EXPECT_THAT(fr, HasSubstr("CERTIFICAT SUSPENDU — ce certificat n’est pas valide depuis le 26 "
                            "septembre 2024 Ce certificat avait été délivré à l’organisme"));
  EXPECT_THAT(fr, HasSubstr("Certificat n° CEDRE-2023-00001 Révision 0"));
  EXPECT_THAT(fr, HasSubstr("État au 1er octobre 2024 SUSPENDU depuis le 26 septembre 2024"));
  EXPECT_THAT(fr, Not(HasSubstr("en vigueur")));

  std::string en = Text("certificate", "--today 2024-10-01 --lang en");
  EXPECT_THAT(en, HasSubstr("SUSPENDED — this certificate is not valid since 26 September 2024"));
  EXPECT_THAT(en, HasSubstr("State on 1 October 2024 SUSPENDED since 26 September 2024"));

  // Six months on, the suspension's limit has passed: withdrawn, though not yet recorded.
  fr = Text("certificate", "--today 2025-03-27");
  EXPECT_THAT(fr, HasSubstr("RETIRÉ — ce certificat n’est plus valide depuis le 27 mars 2025"));
  EXPECT_THAT(fr, HasSubstr("État au 27 mars 2025 RETIRÉ depuis le 27 mars 2025"));
  en = Text("certificate", "--today 2025-03-27 --lang en");
  EXPECT_THAT(en, HasSubstr("WITHDRAWN — this certificate is no longer valid since 27 March 2025"));
  // The day before, still suspended.
  EXPECT_THAT(Text("certificate", "--today 2025-03-26"),
              HasSubstr("État au 26 mars 2025 SUSPENDU depuis le 26 septembre 2024"));
}

TEST_F(RegisterDocumentsCli, LettersOfSuspensionAndReinstatement) {
  Record({"2023-initial", "2024-surveillance"});
  std::string fr = Text("letter", "--today 2024-10-01");
  EXPECT_THAT(fr, HasSubstr("Objet : suspension du certificat n° CEDRE-2023-00001"));
  EXPECT_THAT(fr, HasSubstr("est suspendu à compter du 26 septembre 2024."));
  EXPECT_THAT(fr, HasSubstr("La suspension dure au plus 6 mois : au-delà du 26 mars 2025, le "
                            "certificat est retiré."));
  EXPECT_THAT(fr, HasSubstr("Décision de T"));
  std::string en = Text("letter", "--today 2024-10-01 --lang en");
  EXPECT_THAT(en, HasSubstr("Subject: suspension of certificate no. CEDRE-2023-00001"));
  EXPECT_THAT(en, HasSubstr("no later than 26 March 2025"));

  Record({"2025-surveillance"});
  fr = Text("letter", "--today 2025-04-01");
  EXPECT_THAT(fr, HasSubstr("Objet : rétablissement du certificat n° CEDRE-2023-00001"));
  EXPECT_THAT(fr, HasSubstr("est rétabli à compter du 25 mars 2025."));
  EXPECT_THAT(fr, HasSubstr("Votre certificat est de nouveau valide, jusqu’au 27 septembre 2026"));
  // The certificate is active again.
  EXPECT_THAT(Text("certificate", "--today 2025-04-01"),
              HasSubstr("État au 1er avril 2025 en vigueur"));
}

TEST_F(RegisterDocumentsCli, ManualWithdrawalCarriesItsReasonInTheLetterOnly) {
  // Renewed until 2029-09-27, so that a withdrawal dated today is of an unexpired certificate.
  Record({"2023-initial", "2024-surveillance", "2025-surveillance", "2026-renewal"});
  auto r = RunSceau("--lang fr register --db '" + db_ + "' withdraw " + kNumber +
                    " --reason 'Usage abusif de la marque' --by 'Sophie Bernard'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string letter = Text("letter", "--today 2030-01-02");
  EXPECT_THAT(letter, HasSubstr("Objet : retrait du certificat n° CEDRE-2023-00001"));
  EXPECT_THAT(letter, HasSubstr("Motif Usage abusif de la marque Décision de Sophie Bernard"));
  std::string cert = Text("certificate", "--today 2030-01-02");
  EXPECT_THAT(cert, HasSubstr("RETIRÉ — ce certificat n’est plus valide depuis le"));
  EXPECT_THAT(cert, Not(HasSubstr("Usage abusif")));
}

TEST_F(RegisterDocumentsCli, NoLetterWithoutAChangeOfState) {
  Record({"2023-initial"});
  auto r = RunSceau("register --db '" + db_ + "' letter " + kNumber + " --out '" + dir_.path() +
                    "/l.pdf'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "sceau register letter: CEDRE-2023-00001: no suspension, withdrawal or reinstatement "
            "in its history: no letter\n");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/l.pdf"));
  r = RunSceau("register --db '" + db_ + "' certificate CEDRE-2023-00009 --out '" + dir_.path() +
               "/c.pdf'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/c.pdf"));
}

TEST_F(RegisterDocumentsCli, NoLetterOfAChangeThatARenewalHasOvertaken) {
  // Reinstated in 2025, renewed in 2026 with other dates: the 2025 letter would print the new
  // expiry under the old reinstatement.
  Record({"2023-initial", "2024-surveillance", "2025-surveillance", "2026-renewal"});
  auto r = RunSceau("register --db '" + db_ + "' letter " + kNumber + " --out '" + dir_.path() +
                    "/l.pdf'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "sceau register letter: CEDRE-2023-00001: renewed on 2026-06-30, after the "
            "reinstatement of 2025-03-25: that letter would be out of date (`register show` gives "
            "the whole history)\n");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/l.pdf"));
}

TEST_F(RegisterDocumentsCli, DefaultFileIsNeverReplaced) {
  Record({"2023-initial"});
  // Runs `sceau register certificate` in the temporary folder, its stderr kept in err.
  auto run = [&](const std::string& args, int* status) {
    return Shell("cd '" + dir_.path() + "' && ('" + SCEAU_BINARY + "' --lang fr register --db '" +
                     db_ + "' certificate " + kNumber + " " + args + " 2>err)",
                 status);
  };
  int status = 0;
  EXPECT_EQ(run("--today 2024-01-15", &status), "Écrit : CEDRE-2023-00001-certificat.pdf\n");
  EXPECT_EQ(status, 0);
  std::string first = ReadFile(dir_.path() + "/CEDRE-2023-00001-certificat.pdf");
  EXPECT_EQ(first.substr(0, 5), "%PDF-");
  EXPECT_EQ(run("--today 2024-01-15 --lang en", &status),
            "Wrote: CEDRE-2023-00001-certificate.pdf\n");
  EXPECT_EQ(status, 0);
  // Again, another date: refused, the file left as it was.
  EXPECT_EQ(run("--today 2024-02-01", &status), "");
  EXPECT_EQ(status, 1);
  EXPECT_EQ(ReadFile(dir_.path() + "/err"),
            "sceau register certificate: CEDRE-2023-00001-certificat.pdf existe : non remplacé "
            "(nommez avec --out le fichier à remplacer)\n");
  EXPECT_EQ(ReadFile(dir_.path() + "/CEDRE-2023-00001-certificat.pdf"), first);
}

}  // namespace
}  // namespace sceau
