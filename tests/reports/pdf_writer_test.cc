// The PDF report, tested as a reader sees it: qpdf checks the file, pdfinfo its metadata and page
// count, pdftotext its text (with accents) and the position of every word on the page.
#include "reports/pdf_writer.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "engine/yaml_tree.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Fold;
using ::testing::HasSubstr;
using testing::ReadFile;
using testing::RunSceau;
using testing::Shell;
using testing::TempDir;

// A text as the French report prints it: a no-break space before ':' and the like, which Fold()
// turns back into a plain space; a space is inserted where the source had none before ':'.
std::string AsPrinted(const std::string& text) { return Fold(text); }

struct Rendered {
  TempDir dir;
  std::string pdf;
  std::string json;
  int exit_code = -1;
};

std::unique_ptr<Rendered> Audit(const std::string& dossier, const std::string& extra = "") {
  auto r = std::make_unique<Rendered>();
  // The report in French, the network's language (the tests' locale is English).
  auto run = RunSceau("--lang fr audit " + dossier + " --out '" + r->dir.path() + "' " + extra);
  r->exit_code = run.exit_code;
  std::string stem = dossier.substr(dossier.rfind('/') + 1);
  stem = stem.substr(0, stem.rfind('.'));
  r->pdf = r->dir.path() + "/" + stem + ".pdf";
  r->json = r->dir.path() + "/" + stem + ".json";
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return r;
}

TEST(ReportStrings, EveryKeyIsInFrenchAndEnglish) {
  // Read the catalogue itself: the lookup falls back to French and would hide a gap.
  auto source = std::make_shared<SourceFile>(
      "report.yaml", ReadFile(testing::SourcePath("reports/strings/report.yaml")));
  DiagnosticSink sink(source);
  YamlDocument doc;
  ASSERT_TRUE(ParseYaml(source, YamlLimits{}, &sink, &doc));
  ASSERT_TRUE(doc.root()->is_map());
  EXPECT_TRUE(sink.Take().empty());
  for (const auto& [key, value] : doc.root()->pairs) {
    ASSERT_TRUE(value->is_map()) << key->value;
    const YamlNode* fr = value->Get("fr");
    const YamlNode* en = value->Get("en");
    EXPECT_TRUE(fr && !fr->value.empty()) << key->value << " has no French text";
    EXPECT_TRUE(en && !en->value.empty()) << key->value << " has no English text";
    EXPECT_EQ(value->pairs.size(), 2u) << key->value;
  }
  EXPECT_EQ(ReportStringKeys().size(), doc.root()->pairs.size());
  EXPECT_EQ(ReportString("decision.granted", "en"), "Label granted");
  EXPECT_EQ(ReportString("decision.granted", "fr"), "Label accordé");
}

class SamplePdf : public ::testing::TestWithParam<const char*> {};

TEST_P(SamplePdf, IsValidAndSaysWhatTheResultSays) {
  auto r = Audit(std::string("audits/") + GetParam() + ".yaml");
  ASSERT_EQ(r->exit_code, 0);
  int status = -1;
  Shell("qpdf --check '" + r->pdf + "'", &status);
  EXPECT_EQ(status, 0) << "qpdf --check fails on " << r->pdf;

  std::string info = Shell("pdfinfo '" + r->pdf + "'");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")));
  int pages = std::stoi(m[1]);
  EXPECT_GE(pages, 7);
  EXPECT_LE(pages, 16);
  EXPECT_THAT(info, HasSubstr("Title:           Rapport d’audit de labellisation — "));
  EXPECT_THAT(info, HasSubstr("Author:          Réseau — Département qualité"));
  // Size: well under 150 KB for ten pages.
  std::ifstream f(r->pdf, std::ios::binary | std::ios::ate);
  EXPECT_LT(static_cast<long>(f.tellg()), 150 * 1024);

  std::string text = Fold(Shell("pdftotext '" + r->pdf + "' -"));
  std::string json = ReadFile(r->json);
  // The organisation, the decision, and every gap with its finding, accents intact.
  std::smatch name;
  ASSERT_TRUE(
      std::regex_search(json, name, std::regex("\"organisation\": \\{\\s*\"name\": \"([^\"]+)\"")));
  EXPECT_THAT(text, HasSubstr(Fold(name[1])));
  std::smatch label;
  ASSERT_TRUE(
      std::regex_search(json, label,
                        std::regex("\"decision\": \"[a-z]+\",\\s*\"level\": [^,]+,\\s*\"label\": "
                                   "\\{\\s*\"en\": \"[^\"]*\",\\s*\"fr\": \"([^\"]+)\"")));
  EXPECT_THAT(text, HasSubstr(label[1]));
  std::regex gap(
      "\"criterion\": \"([^\"]+)\",\n      \"grade\": \"[^\"]+\",[\\s\\S]*?\"finding\": "
      "\"([^\"]*)\"");
  int gaps = 0;
  for (auto it = std::sregex_iterator(json.begin(), json.end(), gap); it != std::sregex_iterator();
       ++it) {
    ++gaps;
    EXPECT_THAT(text, HasSubstr((*it)[1].str())) << GetParam();
    std::string finding = (*it)[2].str();
    // One finding per line of the action; each is printed whole in the findings section.
    for (size_t start = 0; start < finding.size();) {
      size_t bar = finding.find(" | ", start);
      std::string one =
          finding.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
      EXPECT_THAT(text, HasSubstr(AsPrinted(one))) << GetParam();
      if (bar == std::string::npos) break;
      start = bar + 3;
    }
  }
  EXPECT_THAT(text, HasSubstr("é"));
  if (std::string(GetParam()) == "granted") {
    EXPECT_EQ(gaps, 3);
  }
}

TEST_P(SamplePdf, IsByteForByteReproducibleAndRerenderable) {
  auto a = Audit(std::string("audits/") + GetParam() + ".yaml");
  auto b = Audit(std::string("audits/") + GetParam() + ".yaml");
  std::string pdf = ReadFile(a->pdf);
  ASSERT_FALSE(pdf.empty());
  EXPECT_EQ(pdf, ReadFile(b->pdf));
  EXPECT_EQ(pdf.find("/CreationDate"), std::string::npos);
  // `sceau report` on the JSON gives the very same document.
  TempDir dir;
  auto run = RunSceau("--lang fr report '" + a->json + "' --out '" + dir.path() + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::string stem = std::string(GetParam());
  EXPECT_EQ(ReadFile(dir.path() + "/" + stem + ".pdf"), pdf);
}

INSTANTIATE_TEST_SUITE_P(AllSamples, SamplePdf,
                         ::testing::Values("granted", "conditional", "refused-major",
                                           "refused-blocking", "root-cause"));

TEST(Pdf, CertificateOnlyWhenGranted) {
  auto granted = Audit("audits/granted.yaml");
  auto refused = Audit("audits/refused-major.yaml");
  std::string g = Fold(Shell("pdftotext '" + granted->pdf + "' -"));
  std::string r = Fold(Shell("pdftotext '" + refused->pdf + "' -"));
  EXPECT_THAT(g, HasSubstr("CERTIFICAT Il est certifié que l’organisme"));
  // No register: the number is pending, never made up (audits/README.md, the certificate's
  // identity).
  EXPECT_THAT(g, HasSubstr("Certificat n° en attente"));
  EXPECT_THAT(g, HasSubstr("Révision 0"));
  EXPECT_THAT(g, HasSubstr("Date d’expiration 1er avril 2029"));
  EXPECT_THAT(r, ::testing::Not(HasSubstr("Il est certifié que")));
  EXPECT_THAT(r, HasSubstr("Aucun certificat n’est délivré à l’issue de cet audit."));
}

TEST(Pdf, SpeaksEnglishWhenAsked) {
  auto r = Audit("audits/granted.yaml", "--lang en --format pdf");
  std::string text = Fold(Shell("pdftotext '" + r->pdf + "' -"));
  EXPECT_THAT(text, HasSubstr("Labelling audit report"));
  EXPECT_THAT(text, HasSubstr("Label granted"));
  EXPECT_THAT(text, HasSubstr("from 2 April 2026 to 1 April 2029"));
  EXPECT_THAT(text, HasSubstr("Page 1 / "));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("Synthèse")));
}

TEST(Pdf, TheActionPlanShowsTheOrganisationsActions) {
  // audits/conditional.yaml gives an action on C-5.3.2 (in progress, with a date) and C-IAE.5.2
  // (planned), none on C-IAE.4.3: three more columns, blank where the dossier gives nothing.
  auto r = Audit("audits/conditional.yaml", "--format pdf");
  std::string text = Fold(Shell("pdftotext '" + r->pdf + "' - 2>/dev/null"));
  EXPECT_THAT(text, HasSubstr("N° Critère Note Écart à corriger Action engagée Responsable "
                              "Statut Échéance 1 C-5.3.2 Coordination entre les sites NCm"));
  EXPECT_THAT(text, HasSubstr("Réunion de coordination mensuelle inscrite au calendrier des deux "
                              "sites ; registre des réclamations unique, tenu par la référente "
                              "qualité. pour le 30 septembre 2026 Directrice en cours 9 décembre "
                              "2026 2 C-IAE.4.3"));
  // No action on C-IAE.4.3: its finding is followed by the next row.
  EXPECT_THAT(text, HasSubstr("pour les sorties en cours de mois. 3 C-IAE.5.2"));
  EXPECT_THAT(text, HasSubstr("Modèle de contrat de mise à disposition pour les particuliers, avec "
                              "les risques du poste et les consignes de sécurité."));
  EXPECT_THAT(text, HasSubstr("Chargée des mises à disposition prévue 9 décembre 2026"));
  auto en = Audit("audits/conditional.yaml", "--format pdf --lang en");
  std::string english = Fold(Shell("pdftotext '" + en->pdf + "' - 2>/dev/null"));
  EXPECT_THAT(english,
              HasSubstr("Criterion Grade Gap to correct Committed action Owner Status Due 1 "
                        "C-5.3.2 Coordination between sites"));
  EXPECT_THAT(english, HasSubstr("by 30 September 2026 Directrice in progress 9 December 2026"));
  EXPECT_THAT(english, HasSubstr("Chargée des mises à disposition planned 9 December 2026"));
  // A dossier that gives no action keeps the plan's six columns.
  auto granted = Audit("audits/granted.yaml", "--format pdf");
  std::string plain = Fold(Shell("pdftotext '" + granted->pdf + "' - 2>/dev/null"));
  EXPECT_NE(plain.find("N° Critère Note Écart à corriger Échéance 1 C-7.1.6"), std::string::npos);
  EXPECT_EQ(plain.find("Action engagée"), std::string::npos);
  EXPECT_EQ(plain.find("Responsable Statut"), std::string::npos);
}

TEST(Pdf, EveryPageHasItsFooter) {
  auto r = Audit("audits/root-cause.yaml");
  std::string info = Shell("pdfinfo '" + r->pdf + "'");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")));
  int pages = std::stoi(m[1]);
  for (int p = 1; p <= pages; ++p) {
    std::string text = Fold(Shell("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) +
                                  " '" + r->pdf + "' -"));
    EXPECT_THAT(text, HasSubstr(fmt::format("Page {} / {}", p, pages)));
    EXPECT_THAT(text, HasSubstr("SCEAU-"));
  }
}

TEST(Pdf, ReplacesCharactersTheFontLacksVisibly) {
  TempDir dir;
  std::string dossier = ReadFile(testing::SourcePath("tests/data/dossiers/ok.yaml"));
  size_t at = dossier.find("Livret à mettre à jour");
  ASSERT_NE(at, std::string::npos);
  dossier.insert(at, "\xF0\x9F\x98\x80 \xE4\xB8\xAD ");  // an emoji and a CJK character
  std::string path = dir.Write("emoji.yaml", dossier);
  auto run = RunSceau("audit '" + path + "' --referentials tests/data/referentials --out '" +
                      dir.path() + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("U+1F600 in a table: not in the report font, shown as '?'"));
  EXPECT_THAT(run.err, HasSubstr("U+4E2D"));
  std::string text = Shell("pdftotext '" + dir.path() + "/emoji.pdf' -");
  EXPECT_THAT(Fold(text), HasSubstr("? ? Livret à mettre à jour"));
}

// A long report: 300 gaps with long French findings. Every word stays on its page, between the
// margins, and every finding comes out whole.
TEST(Pdf, ThreeHundredGapsPaginateCleanly) {
  TempDir dir;
  std::string ref =
      "id: grand\nversion: \"1\"\ntitle: Grand référentiel\n"
      "scales:\n  - id: g\n    type: grades\n    grades:\n"
      "      - {code: C, kind: conforming, label: Conforme, points: 100}\n"
      "      - {code: NCm, kind: minor-nc, label: Non-conformité mineure, points: 40}\n"
      "chapters:\n";
  for (int ch = 1; ch <= 10; ++ch)
    ref += fmt::format("  - {{id: \"{}\", title: Chapitre numéro {} du référentiel}}\n", ch, ch);
  ref += "criteria:\n";
  std::string dossier =
      "referential: {id: grand, version: \"1\"}\n"
      "organisation: {name: Très Grande Structure d'Insertion, kind: ACI, headcount: {permanent: "
      "9, pathway: 40}, "
      "sites: [{id: s, name: Siège}]}\n"
      "audit: {id: G-1, kind: initial, start: 2026-01-05, end: 2026-01-09, sites_visited: [s], "
      "lead_auditor: Anne, decision_maker: Marc}\n"
      "evidence: [{id: E1, kind: record, title: Registre, date: 2026-01-05}]\n"
      "assessments:\n";
  std::vector<std::string> findings;
  for (int i = 1; i <= 320; ++i) {
    ref += fmt::format(
        "  - {{id: C-{0}, chapter: \"{1}\", title: \"Critère {0} sur l'accueil, le parcours et la "
        "sortie\", "
        "requirement: \"La structure décrit, applique et évalue la pratique n° {0} ; elle en garde "
        "la trace écrite "
        "et la révise chaque année avec l'équipe d'encadrement et les salariés en parcours.\"}}\n",
        i, (i - 1) / 32 + 1);
    if (i <= 300) {
      std::string finding = fmt::format(
          "Constat n° {} : le dossier examiné ne contient ni la fiche d'accueil signée, ni le "
          "compte rendu "
          "de l'entretien à trois mois ; l'équipe reconnaît que la pratique n'est pas appliquée de "
          "façon "
          "régulière depuis le départ de la chargée d'accompagnement, en « période de transition "
          "».",
          i);
      findings.push_back(finding);
      dossier += fmt::format("  C-{}: {{grade: NCm, finding: \"{}\"}}\n", i, finding);
    } else {
      dossier += fmt::format("  C-{}: {{grade: C, evidence: [E1]}}\n", i);
    }
  }
  ref +=
      "decision:\n  outcomes:\n    - {id: refuse, decision: refused, label: Refusé, when: [count: "
      "{kind: minor-nc, min: 50}]}\n"
      "    - {id: accorde, decision: granted, label: Accordé}\n";
  std::string refs = dir.path() + "/refs";
  std::filesystem::create_directory(refs);
  std::ofstream(refs + "/grand.yaml") << ref;
  std::string path = dir.Write("grand-dossier.yaml", dossier);
  auto run = RunSceau("audit '" + path + "' --referentials '" + refs + "' --out '" + dir.path() +
                      "' --format pdf");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string pdf = dir.path() + "/grand-dossier.pdf";
  int status = -1;
  Shell("qpdf --check '" + pdf + "'", &status);
  EXPECT_EQ(status, 0);
  // Every word's box lies inside the page, within the margins.
  std::string bbox = Shell("pdftotext -bbox '" + pdf + "' -");
  std::regex word(
      "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">");
  int words = 0;
  for (auto it = std::sregex_iterator(bbox.begin(), bbox.end(), word); it != std::sregex_iterator();
       ++it) {
    ++words;
    double x0 = std::stod((*it)[1]), y0 = std::stod((*it)[2]), x1 = std::stod((*it)[3]),
           y1 = std::stod((*it)[4]);
    ASSERT_GE(x0, 40.0) << (*it)[0];
    ASSERT_LE(x1, 595.3 - 40.0) << (*it)[0];
    ASSERT_GE(y0, 30.0) << (*it)[0];
    ASSERT_LE(y1, 841.9 - 10.0) << (*it)[0];
  }
  EXPECT_GT(words, 30000);
  // Every finding comes out whole, in order.
  std::string text = Fold(Shell("pdftotext '" + pdf + "' -"));
  size_t from = 0;
  for (const std::string& f : findings) {
    size_t at = text.find(AsPrinted(f), from);
    ASSERT_NE(at, std::string::npos) << f;
    from = at;
  }
  std::string info = Shell("pdfinfo '" + pdf + "'");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")));
  EXPECT_GE(std::stoi(m[1]), 40);
}

}  // namespace
}  // namespace sceau
