// The command line speaks one language at a time: French or English, from its one catalogue
// (cli/strings/cli.yaml), chosen by --lang or else the locale.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli/messages.h"
#include "engine/dossier_loader.h"
#include "engine/referential_loader.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using cli::ChooseLanguage;
using cli::Environment;
using cli::LanguageFromLocale;
using cli::Say;
using cli::SayCount;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ReadFile;
using testing::RunSceau;
using testing::RunSceauWith;
using testing::TempDir;

Environment With(std::map<std::string, std::string, std::less<>> variables) {
  Environment env;
  env.variables = std::move(variables);
  return env;
}

TEST(CliMessages, EveryKeyIsInFrenchAndEnglish) {
  auto keys = cli::CatalogueKeys();
  EXPECT_GT(keys.size(), 100u);
  for (const auto& [key, both] : keys) EXPECT_TRUE(both) << key;
}

// Every key the commands name in their source exists (a missing one would print the key itself).
TEST(CliMessages, EveryKeyTheCommandsNameExists) {
  std::set<std::string> known;
  for (const auto& [key, both] : cli::CatalogueKeys()) known.insert(key);
  std::regex say(R"re(Say(Count)?\(\s*[a-z.]+\s*,\s*"([a-z_.\-]+)")re");
  int named = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::SourcePath("cli"))) {
    if (entry.path().extension() != ".cc") continue;
    std::string text = ReadFile(entry.path().string());
    for (std::sregex_iterator it(text.begin(), text.end(), say), end; it != end; ++it) {
      std::string key = (*it)[2];
      ++named;
      if ((*it)[1].matched) {
        EXPECT_TRUE(known.count(key + ".one") && known.count(key + ".many"))
            << entry.path().filename() << ": " << key;
      } else if (key.back() != '.') {  // a prefix completed at run time ("cycle.state.")
        EXPECT_TRUE(known.count(key)) << entry.path().filename() << ": " << key;
      }
    }
  }
  EXPECT_GT(named, 60);
}

TEST(CliMessages, TheLocaleChoosesTheLanguage) {
  EXPECT_EQ(LanguageFromLocale(With({})), "fr");  // nothing set: sceau's first language
  EXPECT_EQ(LanguageFromLocale(With({{"LANG", "en_GB.UTF-8"}})), "en");
  EXPECT_EQ(LanguageFromLocale(With({{"LANG", "fr_BE.UTF-8"}})), "fr");
  EXPECT_EQ(LanguageFromLocale(With({{"LANG", "C.UTF-8"}})), "fr");
  EXPECT_EQ(LanguageFromLocale(With({{"LANG", "POSIX"}})), "fr");
  EXPECT_EQ(LanguageFromLocale(With({{"LANG", "de_DE.UTF-8"}})), "en");  // neither: English
  // POSIX's order: LC_ALL, then LC_MESSAGES, then LANG; an empty value counts as unset.
  EXPECT_EQ(LanguageFromLocale(With({{"LC_ALL", "fr_FR.UTF-8"}, {"LANG", "en_US.UTF-8"}})), "fr");
  EXPECT_EQ(LanguageFromLocale(With({{"LC_MESSAGES", "en_US"}, {"LANG", "fr_FR.UTF-8"}})), "en");
  EXPECT_EQ(LanguageFromLocale(With({{"LC_ALL", ""}, {"LANG", "en_US.UTF-8"}})), "en");
  EXPECT_EQ(ChooseLanguage("fr", With({{"LANG", "en_US.UTF-8"}})), "fr");
  EXPECT_EQ(ChooseLanguage("", With({{"LANG", "en_US.UTF-8"}})), "en");
}

TEST(CliMessages, CountsTakeEachLanguagesPlural) {
  EXPECT_EQ(SayCount("fr", "gaps", 0), "0 écart");
  EXPECT_EQ(SayCount("fr", "gaps", 1), "1 écart");
  EXPECT_EQ(SayCount("fr", "gaps", 2), "2 écarts");
  EXPECT_EQ(SayCount("en", "gaps", 0), "0 gaps");
  EXPECT_EQ(SayCount("en", "gaps", 1), "1 gap");
  EXPECT_EQ(SayCount("en", "gaps", 2), "2 gaps");
  EXPECT_EQ(SayCount("fr", "criteria.na", 1), "1 déclaré non applicable");
  EXPECT_EQ(SayCount("fr", "criteria.na", 3), "3 déclarés non applicables");
  EXPECT_EQ(cli::LongDate(Date{2026, 6, 1}, "fr"), "1er juin 2026");
  EXPECT_EQ(cli::LongDate(Date{2024, 9, 26}, "en"), "26 September 2024");
  EXPECT_EQ(cli::Percent(94.56, "fr"), "94,6 %");
  EXPECT_EQ(cli::Percent(94.56, "en"), "94.6%");
  EXPECT_EQ(Say("en", "no.such.key"), "no.such.key");
}

// Words and typography that only sceau's French (or English) output uses. The data's own texts
// (names, titles, labels the referential gives in one language only) are removed first.
const std::vector<std::string>& Markers(const std::string& lang) {
  static const std::vector<std::string> kFrench = {
      // "Certificat " with its space: "Certificate" is English.
      "Décision",
      "Règle",
      "Écarts",
      "critère",
      "point fort",
      "Certificat ",
      "Écrit",
      "valable",
      "prochain",
      "Causes",
      "Plan d'",
      "échéance",
      "accordé",
      "refusé",
      "«",
      "»",
      " le ",
      " du ",
      " au ",
      "aucun",
      "janvier",
      "juin",
      "septembre",
      "décembre",
      "surveillance avant",
      "renouvel",
      "Couverture",
      " : ",
      "règle",
      "au moins",
      "au plus",
      "score global",
      "non-conformités"};
  static const std::vector<std::string> kEnglish = {
      "Decision",    "Rule",           "Gaps",     "criteria", "criterion", "strength",
      "Certificate", "Wrote",          "valid",    "next",     "Root",      "Action",
      "granted",     "refused",        "“",        "”",        " on ",      " to ",
      " by ",        "none",           "January",  "June",     "September", "December",
      "needs",       "global score =", "Coverage", "at least", "at most",   "nonconformities",
      "applies"};
  return lang == "fr" ? kEnglish : kFrench;  // the markers of the *other* language
}

// The texts of the data a summary may quote: the organisation, criterion titles, outcome
// labels, chapter ids, in both languages.
std::vector<std::string> DataTexts(const std::string& dossier) {
  std::vector<std::string> out;
  DossierLoad load = LoadDossierFile(
      dossier, [](const std::string& id, const std::string& version, std::string* error) {
        ReferentialLoad r = LoadReferentialFile("referentials/" + id + ".yaml");
        if (!r.ok() || r.referential->version != version) {
          for (const auto& e : std::filesystem::directory_iterator("referentials")) {
            ReferentialLoad x = LoadReferentialFile(e.path().string());
            if (x.ok() && x.referential->id == id && x.referential->version == version)
              return x.referential;
          }
          *error = "not found";
          return std::shared_ptr<const Referential>();
        }
        return r.referential;
      });
  if (!load.dossier || !load.referential) return out;
  out.push_back(load.dossier->organisation.name);
  out.push_back(std::filesystem::path(dossier).stem().string());  // the name of what is written
  for (const Criterion& c : load.referential->criteria) {
    for (const auto& [lang, text] : c.title.by_lang) out.push_back(text);
  }
  for (const Outcome& o : load.referential->policy.outcomes) {
    for (const auto& [lang, text] : o.label.by_lang) out.push_back(text);
  }
  // Longest first, so that a title is removed before a shorter text inside it.
  std::sort(out.begin(), out.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

// What of the other language's markers `text` holds once the data texts are taken out.
std::vector<std::string> Leaks(std::string text, const std::vector<std::string>& data,
                               const std::string& lang) {
  for (const std::string& d : data) {
    if (d.empty()) continue;
    for (size_t at = text.find(d); at != std::string::npos; at = text.find(d, at)) {
      text.replace(at, d.size(), "\x01");
    }
  }
  std::vector<std::string> found;
  for (const std::string& m : Markers(lang)) {
    if (text.find(m) != std::string::npos) found.push_back(m);
  }
  return found;
}

TEST(CliLanguage, TheLeakDetectorFindsTheOtherLanguagesWords) {
  std::vector<std::string> data = {"Régie de quartier"};
  EXPECT_THAT(Leaks("Decision : Label refused", data, "en"), ::testing::Contains(" : "));
  EXPECT_THAT(Leaks("règle appliquée « avance » : global score = 85.43, needs >= 80", data, "fr"),
              ::testing::IsSupersetOf({"needs", "global score ="}));
  EXPECT_THAT(Leaks("Certificate: renewed le 9 juin 2026", data, "en"),
              ::testing::IsSupersetOf({" le ", "juin"}));
  EXPECT_THAT(Leaks("Régie de quartier — audit initial", data, "fr"), ::testing::IsEmpty());
}

TEST(CliLanguage, EveryAuditSummarySpeaksOneLanguage) {
  TempDir dir;
  std::vector<std::string> dossiers = {"audits/conditional.yaml",
                                       "audits/refused-blocking.yaml",
                                       "audits/refused-major.yaml",
                                       "audits/cap-avance.yaml",
                                       "audits/rse-confirme.yaml",
                                       "audits/multisite-ai-9-sites.yaml",
                                       "audits/story/2024-surveillance.yaml"};
  for (const std::string& dossier : dossiers) {
    std::vector<std::string> data = DataTexts(dossier);
    ASSERT_FALSE(data.empty()) << dossier;
    for (const std::string lang : {"fr", "en"}) {
      auto r = RunSceau("audit " + dossier + " --format json --lang " + lang + " --out '" +
                        dir.path() + "/" + lang + "'");
      ASSERT_EQ(r.exit_code, 0) << dossier << "\n" << r.err;
      EXPECT_THAT(Leaks(r.out, data, lang), ::testing::IsEmpty()) << dossier << " " << lang << "\n"
                                                                  << r.out;
    }
  }
}

TEST(CliLanguage, TheAuditSummaryInFrenchAndEnglish) {
  TempDir dir;
  auto fr = RunSceau("audit audits/refused-blocking.yaml --format json --lang fr --out '" +
                     dir.path() + "'");
  ASSERT_EQ(fr.exit_code, 0) << fr.err;
  auto en = RunSceau("audit audits/refused-blocking.yaml --format json --lang en --out '" +
                     dir.path() + "'");
  ASSERT_EQ(en.exit_code, 0) << en.err;
  std::string json = dir.path() + "/refused-blocking.json";
  EXPECT_EQ(
      fr.out,
      "SAS Jalon Intérim Insertion (ETTI) — audit de renouvellement AUD-2026-097, du 14 "
      "septembre 2026 au 16 septembre 2026\n"
      "Référentiel cedre-iso9001 2026.1 — 52 critères applicables, 2 déclarés non applicables\n"
      "\n"
      "Décision : Label refusé\n"
      "  Règle appliquée « Label refusé », parce que : critères bloquants en échec : 1 (règle : "
      "au moins 1)\n"
      "Score global : 96,0 %\n"
      "Écarts : NCM 0 · NCm 1 · PS 0   (15 points forts)\n"
      "Critères bloquants en échec : C-IAE.2.1\n"
      "Causes racines :\n"
      "  C-IAE.2.1    Contrat d'engagement réciproque                  1 écart\n"
      "Plan d'actions : 1 action, première échéance le 5 avril 2027\n"
      "Certificat : expiré le 19 octobre 2026 ; prochain audit : audit initial\n"
      "Écrit : " +
          json + "\n");
  EXPECT_EQ(en.out,
            "SAS Jalon Intérim Insertion (ETTI) — recertification audit AUD-2026-097, 14 September "
            "2026 to 16 September 2026\n"
            "Referential cedre-iso9001 2026.1 — 52 applicable criteria, 2 declared not applicable\n"
            "\n"
            "Decision: Label refused\n"
            "  Rule applied: “Label refused”, because: blocking criteria failed: 1 (rule: at least "
            "1)\n"
            "Global score: 96.0%\n"
            "Gaps: NCM 0 · NCm 1 · PS 0   (15 strengths)\n"
            "Blocking criteria failed: C-IAE.2.1\n"
            "Root causes:\n"
            "  C-IAE.2.1    Mutual commitment contract                       1 gap\n"
            "Action plan: 1 action, first due on 5 April 2027\n"
            "Certificate: expired on 19 October 2026; next audit: initial audit\n"
            "Wrote: " +
                json + "\n");
}

TEST(CliLanguage, TheLocaleChoosesWhenLangIsNotGiven) {
  TempDir dir;
  std::string args = "audit audits/refused-major.yaml --format json --out '" + dir.path() + "'";
  EXPECT_THAT(RunSceauWith("LANG=en_GB.UTF-8", args).out, HasSubstr("Decision: Label refused\n"));
  EXPECT_THAT(RunSceauWith("LANG=fr_FR.UTF-8", args).out, HasSubstr("Décision : Label refusé\n"));
  EXPECT_THAT(RunSceauWith("LC_ALL=fr_FR.UTF-8 LANG=en_GB.UTF-8", args).out,
              HasSubstr("Décision : Label refusé\n"));
  EXPECT_THAT(RunSceauWith("LC_MESSAGES=en_US.UTF-8 LANG=fr_FR.UTF-8", args).out,
              HasSubstr("Decision: Label refused\n"));
  // No locale at all: French, the network's language.
  EXPECT_THAT(RunSceauWith("", args).out, HasSubstr("Décision : Label refusé\n"));
  // --lang wins over the locale.
  EXPECT_THAT(RunSceauWith("LANG=en_GB.UTF-8", args + " --lang fr").out,
              HasSubstr("Décision : Label refusé\n"));
}

TEST(CliLanguage, TheTemplateSpeaksTheChosenLanguage) {
  auto en = RunSceau("template referentials/cedre-iso9001.yaml --kind ACI --lang en");
  ASSERT_EQ(en.exit_code, 0) << en.err;
  auto fr = RunSceau("template referentials/cedre-iso9001.yaml --kind ACI --lang fr");
  ASSERT_EQ(fr.exit_code, 0) << fr.err;
  for (const char* french :
       {"# Dossier d'audit", "Remplir chaque", "AAAA-MM-JJ", "#   Exigence : ",
        "#   Pour l'auditeur : ", "#   Contrôle : ", "#   Preuves attendues : ", "[BLOQUANT]",
        "registre des preuves", "hors de l'équipe", "#   Non applicable possible"}) {
    EXPECT_THAT(en.out, Not(HasSubstr(french))) << french;
    EXPECT_THAT(fr.out, HasSubstr(french)) << french;
  }
  for (const char* english :
       {"# Audit dossier", "Fill in every", "YYYY-MM-DD", "#   Requirement: ",
        "#   For the auditor: ", "#   Check: ", "#   Evidence expected: ", "[BLOCKING]",
        "the evidence register", "not a member of the audit team",
        "#   May be declared not applicable"}) {
    EXPECT_THAT(en.out, HasSubstr(english)) << english;
    EXPECT_THAT(fr.out, Not(HasSubstr(english))) << english;
  }
  // Both are dossiers `check` reads the same way: only comments differ.
  auto strip = [](const std::string& text) {
    std::istringstream in(text);
    std::string out;
    for (std::string line; std::getline(in, line);) {
      size_t hash = line.find(" #");
      if (line.rfind("#", 0) == 0 || line.find_first_not_of(' ') == line.find('#')) continue;
      out += (hash == std::string::npos ? line : line.substr(0, hash)) + "\n";
    }
    return out;
  };
  EXPECT_EQ(strip(en.out), strip(fr.out));
}

// Diagnostics speak the run's language: French without a locale (or with a French one), English
// with --lang en, a severity word included; the code in brackets stays the same.
TEST(CliLanguage, DiagnosticsSpeakTheChosenLanguage) {
  TempDir dir;
  const std::string file = dir.path() + "/r.yaml";
  std::ofstream(file) << "# nothing but a comment\n";
  auto fr = RunSceauWith("", "validate '" + file + "'");
  EXPECT_EQ(fr.exit_code, 1);
  EXPECT_THAT(fr.err,
              HasSubstr(file + ":1:1: erreur: le fichier est vide : un référentiel commence par "
                               "'id', 'version' et 'title' [empty-file]\n"));
  EXPECT_THAT(fr.err, HasSubstr("1 erreur et 0 avertissement dans 1 fichier invalide sur 1 "
                                "fichier\n"));
  EXPECT_EQ(RunSceauWith("LANG=fr_FR.UTF-8", "validate '" + file + "'").err, fr.err);
  auto en = RunSceauWith("LANG=fr_FR.UTF-8", "--lang en validate '" + file + "'");
  EXPECT_THAT(en.err,
              HasSubstr(file + ":1:1: error: the file is empty: a referential starts with 'id', "
                               "'version' and 'title' [empty-file]\n"));
  EXPECT_THAT(en.err, HasSubstr("1 error and 0 warnings in 1 invalid file of 1 file\n"));
  // Usage errors too, before any argument could be read.
  auto usage = RunSceauWith("", "check a.yaml b.yaml");
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_EQ(usage.err,
            "sceau : argument inattendu : b.yaml\nLancez avec --help pour en savoir plus.\n");
  EXPECT_EQ(
      RunSceauWith("", "--lang en check a.yaml b.yaml").err,
      "The following argument was not expected: b.yaml\nRun with --help for more information.\n");
  EXPECT_EQ(RunSceauWith("", "--max-diagnostics x check a.yaml").err,
            "sceau : --max-diagnostics : 'x' n'est pas un nombre d'au moins 0\n"
            "Lancez avec --help pour en savoir plus.\n");
  // The system's own error texts too.
  EXPECT_EQ(RunSceauWith("", "validate /nonexistent/r.yaml").err.substr(0, 95),
            "/nonexistent/r.yaml: erreur: impossible de lire le fichier : aucun fichier ou "
            "répertoire de ce");
  // --lang after the command name works as well.
  auto check = RunSceauWith("", "check '" + file + "' --lang en");
  EXPECT_THAT(check.err, HasSubstr(":1:1: error: the file is empty"));
}

}  // namespace
}  // namespace sceau
