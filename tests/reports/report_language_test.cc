// One language per report: a French report has no word or typography of English, an English one
// none of French. Every sample is rendered in both languages, its text extracted with pdftotext,
// the texts of its data (dossier, referential: legitimately in one language) taken out, and what
// is left, sceau's own words, searched for the other language's marker words.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "engine/yaml_tree.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Fold;
using testing::ReadFile;
using testing::Shell;
using testing::SourcePath;
using testing::TempDir;

struct Marker {
  std::string text;
  bool word;  // must stand alone: not inside a longer word
};

// French words and typography: leaks in an English report.
const std::vector<Marker>& FrenchMarkers() {
  static const std::vector<Marker> kMarkers = {
      {"critère", false},
      {"preuves", true},
      {"preuve", true},
      {"attendu", false},
      {"citée", false},
      {"Décision", false},
      {"le", true},
      {"les", true},
      {"au moins", true},
      {"au plus", true},
      {"«", false},
      {"»", false},
      {" :", false},
      {" ;", false},
      {" ?", false},
      {" !", false},
      {"de type", true},
      {"non renseigné", false},
      {"échantillon", false},
      {"indicateur", false},
      {"s'applique", false},
      {"s’applique", false},
      {"Règle", false},
      {"règle", false},
      {"(s)", false},
      {"Label accordé", false},
      {"Label refusé", false},
      {"janvier", true},
      {"septembre", true},
      {"décembre", true},
  };
  return kMarkers;
}

// English words and typography: leaks in a French report, with the built-in evidence kinds and
// outcome ids that a report must word rather than print.
const std::vector<Marker>& EnglishMarkers() {
  static const std::vector<Marker> kMarkers = {
      {"applies", true},
      {"criteria", true},
      {"criterion", true},
      {"evidence", true},
      {"of kind", true},
      {"at least", true},
      {"at most", true},
      {"“", false},
      {"”", false},
      {"Decision", true},
      {"here", true},
      {"expected", true},
      {"cited", true},
      {"the", true},
      {"not given", true},
      {"report", true},
      {"interview", true},
      {"minutes", true},
      {"record", true},
      {"contract", true},
      {"policy", true},
      {"training-record", true},
      {"indicator-source", true},
      {"conditional", true},
      {"granted", true},
      {"refused", true},
      {"(s)", false},
      {"September", true},
      {"January", true},
      {"December", true},
  };
  return kMarkers;
}

bool WordChar(unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c >= 0x80; }

// Whether `marker` occurs in `text` (as a word when asked); sets `*at` to where.
bool Occurs(const std::string& text, const Marker& m, size_t* at) {
  for (size_t i = text.find(m.text); i != std::string::npos; i = text.find(m.text, i + 1)) {
    if (m.word) {
      bool before = i > 0 && WordChar(static_cast<unsigned char>(text[i - 1]));
      size_t end = i + m.text.size();
      bool after = end < text.size() && WordChar(static_cast<unsigned char>(text[end]));
      // A multibyte letter before is part of the word, but not a no-break space (folded away).
      if (before || after) continue;
    }
    *at = i;
    return true;
  }
  return false;
}

// Ids ("report", "refused-score", "C-1.2"): words a report must not be trusted to print as
// data, so they are never taken out as data texts.
bool IsId(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-' || c == '_' || c == '.';
  });
}

// The leaks of the other language in `text` (extracted from a report in `lang`), once the
// `data` texts are taken out: one line per leak, with its context.
std::vector<std::string> FindLeaks(const std::string& text, const std::string& lang,
                                   std::vector<std::string> data,
                                   const std::vector<std::string>& outcome_ids) {
  // The footers first ("name — reference Page 2 / 9"): a paragraph that runs onto the next page
  // has its page's footer in the middle of its text.
  static const std::regex kFooter(R"([^\n]*Page [0-9]+ / [0-9]+\n)");
  std::string rest = " " + Fold(std::regex_replace(text + "\n", kFooter, "")) + " ";
  for (std::string& d : data) d = Fold(d);
  std::sort(data.begin(), data.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& d : data) {
    // Grade codes ("A"), units ("%") and ids would take sceau's own words with them.
    if (d.size() < 4 || IsId(d)) continue;
    for (size_t at = rest.find(d); at != std::string::npos; at = rest.find(d, at + 1)) {
      rest.replace(at, d.size(), "\x01");  // neither a space nor a letter
    }
  }
  std::vector<Marker> markers = lang == "fr" ? EnglishMarkers() : FrenchMarkers();
  for (const std::string& id : outcome_ids) {
    markers.push_back({"« " + id + " »", false});
    markers.push_back({"“" + id + "”", false});
    if (id.find('-') != std::string::npos) markers.push_back({id, true});
  }
  std::vector<std::string> leaks;
  for (const Marker& m : markers) {
    size_t at = 0;
    if (!Occurs(rest, m, &at)) continue;
    size_t from = at > 40 ? at - 40 : 0;
    leaks.push_back("'" + m.text + "' in \"" + rest.substr(from, 100) + "\"");
  }
  return leaks;
}

void CollectYaml(const YamlNode* n, std::vector<std::string>* out) {
  if (!n) return;
  if (n->is_scalar()) out->push_back(n->value);
  for (const YamlNode* i : n->items) CollectYaml(i, out);
  for (const auto& [k, v] : n->pairs) CollectYaml(v, out);
}

// Every scalar of a YAML file: the data texts it gives.
std::vector<std::string> YamlTexts(const std::string& path) {
  auto source = std::make_shared<SourceFile>(path, ReadFile(path));
  DiagnosticSink sink(source);
  YamlDocument doc;
  std::vector<std::string> out;
  if (ParseYaml(source, YamlLimits{}, &sink, &doc)) CollectYaml(doc.root(), &out);
  return out;
}

// The data texts of a dossier: its own, its referential's (and the base it extends), and, for a
// group, its members'.
std::vector<std::string> DataTexts(const std::string& dossier) {
  std::vector<std::string> out = YamlTexts(SourcePath(dossier));
  std::string text = ReadFile(SourcePath(dossier));
  // The shipped referential files of the dossier's referential id, and of the ones they extend.
  std::smatch m;
  std::vector<std::string> wanted;
  if (std::regex_search(text, m, std::regex(R"(referential: \{id: ([A-Za-z0-9._-]+),)")))
    wanted.push_back(m[1]);
  std::set<std::string> seen;
  while (!wanted.empty()) {
    std::string id = wanted.back();
    wanted.pop_back();
    if (!seen.insert(id).second) continue;
    for (const auto& e : std::filesystem::directory_iterator(SourcePath("referentials"))) {
      if (e.path().extension() != ".yaml") continue;
      std::string ref = ReadFile(e.path().string());
      if (ref.find("\nid: " + id + "\n") == std::string::npos) continue;
      std::vector<std::string> more = YamlTexts(e.path().string());
      out.insert(out.end(), more.begin(), more.end());
      if (std::regex_search(ref, m, std::regex(R"(\nextends: \{id: ([A-Za-z0-9._-]+),)")))
        wanted.push_back(m[1]);
    }
  }
  std::string members = dossier.substr(0, dossier.rfind('.'));
  if (std::filesystem::is_directory(SourcePath(members))) {
    for (const auto& e : std::filesystem::directory_iterator(SourcePath(members))) {
      std::vector<std::string> more = YamlTexts(e.path().string());
      out.insert(out.end(), more.begin(), more.end());
    }
  }
  return out;
}

TEST(ReportLanguage, EverySampleSpeaksOneLanguage) {
  std::vector<std::string> dossiers;
  for (const auto& e : std::filesystem::directory_iterator(SourcePath("audits"))) {
    if (e.path().extension() == ".yaml")
      dossiers.push_back("audits/" + e.path().filename().string());
  }
  // The story's dossiers too: a cycle's follow-up, reasons and changes.
  for (const auto& e : std::filesystem::directory_iterator(SourcePath("audits/story"))) {
    if (e.path().extension() == ".yaml")
      dossiers.push_back("audits/story/" + e.path().filename().string());
  }
  dossiers.push_back("audits/groups/ges-sentiers-et-berges.yaml");
  std::sort(dossiers.begin(), dossiers.end());
  ASSERT_GE(dossiers.size(), 20u);

  // Every rendering at once, four at a time: each in its own folder, its PDFs turned to text.
  TempDir dir;
  std::string jobs;
  for (size_t i = 0; i < dossiers.size(); ++i) {
    for (const char* lang : {"fr", "en"}) {
      std::string out = dir.path() + "/" + std::to_string(i) + "-" + lang;
      jobs += fmt::format(
          "'{}' audit '{}' --out '{}' --format pdf,json --lang {} >/dev/null 2>&1; "
          "for f in '{}'/*.pdf; do pdftotext -raw -enc UTF-8 \"$f\" \"$f.txt\"; done\n",
          SCEAU_BINARY, dossiers[i], out, lang, out);
    }
  }
  std::string script = dir.Write("jobs", jobs);
  Shell("cd '" + std::string(SCEAU_SOURCE_DIR) + "' && tr '\\n' '\\0' < '" + script +
        "' | xargs -0 -P 4 -n 1 sh -c");

  for (size_t i = 0; i < dossiers.size(); ++i) {
    std::vector<std::string> data = DataTexts(dossiers[i]);
    for (const char* lang : {"fr", "en"}) {
      std::string out = dir.path() + "/" + std::to_string(i) + "-" + lang;
      std::vector<std::string> outcome_ids;
      int pdfs = 0;
      for (const auto& e : std::filesystem::directory_iterator(out)) {
        std::string name = e.path().string();
        if (e.path().extension() == ".json") {
          auto j = nlohmann::json::parse(ReadFile(name), nullptr, false);
          if (j.is_object() && j.contains("referential")) {
            for (const auto& t : j["referential"].value("thresholds", nlohmann::json::array()))
              outcome_ids.push_back(t.value("outcome", ""));
            if (j.contains("decision"))
              for (const auto& t : j["decision"].value("trace", nlohmann::json::array()))
                outcome_ids.push_back(t.value("outcome", ""));
          }
        }
      }
      std::sort(outcome_ids.begin(), outcome_ids.end());
      outcome_ids.erase(std::unique(outcome_ids.begin(), outcome_ids.end()), outcome_ids.end());
      for (const auto& e : std::filesystem::directory_iterator(out)) {
        if (e.path().extension() != ".txt") continue;
        ++pdfs;
        for (const std::string& leak :
             FindLeaks(ReadFile(e.path().string()), lang, data, outcome_ids)) {
          ADD_FAILURE() << dossiers[i] << " (" << lang << ", " << e.path().filename().string()
                        << "): " << leak;
        }
      }
      EXPECT_GE(pdfs, 1) << dossiers[i] << " rendered no PDF in " << lang;
    }
  }
}

// The engine's remarks shown nowhere else (a favourable grade without evidence, a gap without a
// written finding, a check that could not run) are worded in the report's language.
TEST(ReportLanguage, ReviewRemarksAreWordedInEitherLanguage) {
  TempDir dir;
  std::string refs = dir.path() + "/refs";
  std::filesystem::create_directory(refs);
  std::ofstream(refs + "/remarques.yaml") << R"yaml(
id: remarques
version: "1"
title: {fr: Référentiel des remarques, en: Remarks referential}
scales:
  - id: g
    type: grades
    grades:
      - {code: C, kind: conforming, label: {fr: Conforme, en: Conforming}, points: 100}
      - {code: NCm, kind: minor-nc, label: {fr: Non-conformité mineure, en: Minor nonconformity}, points: 40}
chapters:
  - {id: A, title: {fr: Chapitre A, en: Chapter A}}
criteria:
  - {id: A-1, chapter: A, title: {fr: Premier, en: First}, requirement: {fr: Exigence un., en: Requirement one.}}
  - {id: A-2, chapter: A, title: {fr: Deuxième, en: Second}, requirement: {fr: Exigence deux., en: Requirement two.}}
  - id: A-3
    chapter: A
    title: {fr: Troisième, en: Third}
    requirement: {fr: Exigence trois., en: Requirement three.}
    checks: [{type: indicator, indicator: taux, unit: "%", min: 50}]
decision:
  outcomes:
    - {id: sous-reserve, decision: conditional, label: {fr: Sous réserve, en: With conditions}, when: [count: {kind: minor-nc, min: 1}]}
    - {id: accorde, decision: granted, label: {fr: Accordé, en: Granted}}
)yaml";
  std::string dossier = dir.Write("remarques.yaml", R"yaml(
referential: {id: remarques, version: "1"}
organisation: {name: Atelier Témoin, kind: ACI, headcount: {permanent: 4, pathway: 20}, sites: [{id: s, name: Siège}]}
audit: {id: R-1, kind: initial, start: 2026-10-12, end: 2026-10-13, sites_visited: [s], lead_auditor: Anne, decision_maker: Marc}
evidence: [{id: E1, kind: record, title: Registre des entrées, date: 2026-10-01}]
assessments:
  A-1: {grade: C}
  A-2: {grade: NCm}
  A-3: {grade: C, evidence: [E1]}
)yaml");
  std::map<std::string, std::string> text;
  for (const char* lang : {"fr", "en"}) {
    std::string out = dir.path() + "/" + lang;
    auto run = testing::RunSceau("audit '" + dossier + "' --referentials '" + refs + "' --out '" +
                                 out + "' --format pdf --lang " + lang);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    text[lang] = Fold(Shell("pdftotext -raw -enc UTF-8 '" + out + "/remarques.pdf' -"));
  }
  EXPECT_THAT(
      text["fr"],
      ::testing::HasSubstr("Remarques de l’examen • A-1 Premier : note favorable sans preuve citée "
                           "• A-2 Deuxième : écart sans constat rédigé "
                           "• A-3 Troisième : contrôle non réalisé, indicateur taux non renseigné "
                           "(attendu : au moins 50 %)"));
  EXPECT_THAT(text["en"],
              ::testing::HasSubstr("Review remarks • A-1 First: favourable grade without cited "
                                   "evidence • A-2 Second: gap without a written finding "
                                   "• A-3 Third: check not run, indicator taux not given "
                                   "(expected: at least 50%)"));
}

// The evidence register words each kind: the referential's label for a kind it declares, the
// catalogue's for a built-in one.
TEST(ReportLanguage, EvidenceKindsAreWorded) {
  std::map<std::string, std::string> text;
  TempDir dir;
  for (const char* lang : {"fr", "en"}) {
    std::string out = dir.path() + "/" + lang;
    auto run = testing::RunSceau("audit audits/cap-avance.yaml --out '" + out +
                                 "' --format pdf --lang " + lang);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    text[lang] = Fold(Shell("pdftotext -raw -enc UTF-8 '" + out + "/cap-avance.pdf' -"));
  }
  EXPECT_THAT(text["fr"], ::testing::HasSubstr("E07 Enquête de satisfaction Enquête annuelle"));
  EXPECT_THAT(text["en"], ::testing::HasSubstr("E07 Satisfaction survey Enquête annuelle"));
  EXPECT_THAT(text["fr"], ::testing::HasSubstr("E02 compte rendu Comptes rendus des six conseils"));
  EXPECT_THAT(text["en"], ::testing::HasSubstr("E02 minutes Comptes rendus des six conseils"));
}

TEST(ReportLanguage, LeaksAreFoundBesideTheDataTexts) {
  std::vector<std::string> data = {"Association Le Relais des Berges",
                                   "Les entretiens annuels sont tenus à jour.",
                                   "Rapport d'activité 2024", "report"};
  std::vector<std::string> outcomes = {"conditional", "refused-score", "avance"};
  std::string before = "Association Le Relais des Berges\nC-4.1 Rapport d'activité 2024 ";
  std::string after = "\nLes entretiens annuels sont tenus à jour.\n";
  // Clean texts, in either language, beside the same data texts: nothing found.
  EXPECT_TRUE(FindLeaks(before + "Règle appliquée : « Label accordé sous réserve »" + after, "fr",
                        data, outcomes)
                  .empty());
  EXPECT_TRUE(FindLeaks(before + "Rule applied: “Label granted with conditions”" + after, "en",
                        data, outcomes)
                  .empty());
  // Each leak the issue lists, found beside them.
  for (const char* leak :
       {"C-1.3 Titre (applies only to GES)", "Contrôles : preuves de type report",
        "Règle appliquée : « conditional »", "Règles non retenues : « refused-score »",
        "Règle : « avance »", "Decision : Label accordé"}) {
    EXPECT_FALSE(FindLeaks(before + leak + after, "fr", data, outcomes).empty()) << leak;
  }
  for (const char* leak :
       {"Checks : preuves de type report de moins de 12 mois : 0 citée(s)",
        "indicateur taux-acces (attendu : au moins 70 %)", "Rule applied: « Label granted »",
        "Decision : Label granted", "Checks: evidence of kind report: 0 cited (1 citée)",
        "Rule applied: “refused-score”"}) {
    EXPECT_FALSE(FindLeaks(before + leak + after, "en", data, outcomes).empty()) << leak;
  }
}

}  // namespace
}  // namespace sceau
