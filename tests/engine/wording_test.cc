// The words of diagnostics in the chosen language (engine/wording.h), and the test helper that
// finds English left in French ones (tests/test_util.h: EnglishLeft).
#include "engine/wording.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "engine/source.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

TEST(Wording, EnglishUntilFrenchIsChosenAndBackAfterwards) {
  EXPECT_EQ(DiagnosticLanguage(), "en");
  EXPECT_EQ(Tr("a list"), "a list");
  {
    ScopedDiagnosticLanguage french("fr");
    EXPECT_EQ(DiagnosticLanguage(), "fr");
    EXPECT_EQ(Tr("a list"), "une liste");
    EXPECT_EQ(Tr("error"), "erreur");
    // Not in the catalogue (user data, say): unchanged.
    EXPECT_EQ(Tr("Ressourcerie du Grand Vallon"), "Ressourcerie du Grand Vallon");
    EXPECT_EQ(Fmt("{} more errors", 3), "3 autres erreurs");
  }
  EXPECT_EQ(DiagnosticLanguage(), "en");
  EXPECT_EQ(Fmt("{} more errors", 3), "3 more errors");
}

TEST(Wording, TheSystemsErrorTextsAndContractionsAreFrenchToo) {
  EXPECT_EQ(Fmt("cannot read file: {}", std::strerror(ENOENT)),
            "cannot read file: No such file or directory");
  ScopedDiagnosticLanguage french("fr");
  EXPECT_EQ(Fmt("cannot read file: {}", std::strerror(ENOENT)),
            "impossible de lire le fichier : aucun fichier ou répertoire de ce nom");
  // "de" + "le critère 'C-1'" reads "du critère 'C-1'".
  EXPECT_EQ(Fmt("'{}' of {}", "weight", Fmt("criterion '{}'", "C-1")), "'weight' du critère 'C-1'");
}

TEST(Wording, CountsTakeTheSingularTheLanguageGivesThem) {
  EXPECT_TRUE(Singular(1));
  EXPECT_FALSE(Singular(0));  // "0 errors"
  EXPECT_FALSE(Singular(2));
  ScopedDiagnosticLanguage french("fr");
  EXPECT_TRUE(Singular(0));  // "0 erreur"
  EXPECT_TRUE(Singular(1));
  EXPECT_FALSE(Singular(2));
}

TEST(Wording, TheSeverityIsWrittenInTheReadersLanguage) {
  Diagnostic d;
  d.file = "d.yaml";
  d.where = {3, 5, 1};
  d.code = "unknown-key";
  d.message = "m";
  RenderOptions plain{false, false};
  EXPECT_EQ(RenderDiagnostic(d, plain), "d.yaml:3:5: error: m [unknown-key]\n");
  ScopedDiagnosticLanguage french("fr");
  EXPECT_EQ(RenderDiagnostic(d, plain), "d.yaml:3:5: erreur: m [unknown-key]\n");
  d.severity = Severity::kWarning;
  EXPECT_EQ(RenderDiagnostic(d, plain), "d.yaml:3:5: avertissement: m [unknown-key]\n");
}

TEST(Wording, EnglishLeftFindsEnglishWordsButNotQuotedValues) {
  using testing::EnglishLeft;
  EXPECT_EQ(EnglishLeft("f.yaml:1:1: erreur: le fichier est vide [empty-file]"), "");
  EXPECT_EQ(EnglishLeft("f.yaml:1:1: erreur: the file is empty [empty-file]"), "the file is empty");
  EXPECT_EQ(EnglishLeft("f.yaml:2:1: erreur: clé inconnue 'the missing key' [unknown-key]"), "");
  EXPECT_EQ(EnglishLeft("f.yaml:2:1: erreur: voyez --max-diagnostics [x]"), "");
  EXPECT_EQ(EnglishLeft("a:1:1: erreur: ok\nb:2:2: avertissement: criterion 'C-1' has no title"),
            "criterion has no");
  EXPECT_EQ(EnglishLeft("r:60:83: erreur: 'pass_rate' du contrôle 2 doit être au plus égal à 1 "
                        "(0.8 for 80 %), et non 80 [bad-threshold]"),
            "for");
}

}  // namespace
}  // namespace sceau
