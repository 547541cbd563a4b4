#include "reports/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential_loader.h"
#include "reports/csv_writer.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::RenderAll;
using testing::SourcePath;

struct Audited {
  DossierLoad load;
  Evaluation eval;
};

Audited AuditSample(const std::string& name) {
  ReferentialLoad ref = LoadReferentialFile(SourcePath("referentials/cedre-iso9001.yaml"));
  EXPECT_TRUE(ref.ok()) << RenderAll(ref.diagnostics);
  Audited a;
  a.load = LoadDossierFile(SourcePath("audits/" + name), FixedReferential(ref.referential));
  EXPECT_TRUE(a.load.ok()) << RenderAll(a.load.diagnostics);
  if (a.load.ok()) a.eval = Evaluate(*a.load.referential, *a.load.dossier);
  return a;
}

TEST(JsonWriter, WritesTheVersionedResultInAFixedOrder) {
  Audited a = AuditSample("conditional.yaml");
  ASSERT_TRUE(a.load.ok());
  std::string text = ResultToJson(*a.load.referential, *a.load.dossier, a.eval.result);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "format",       "format_version", "generator",   "inputs",      "referential",
                      "organisation", "audit",          "decision",    "score",       "counts",
                      "chapters",     "criteria",       "escalations", "root_causes", "actions",
                      "certificate",  "notes",          "coverage",    "evidence",    "lifecycle",
                      "follow_up",    "changes",        "multisite"}));
  EXPECT_EQ(j["format"], "sceau-result");
  EXPECT_EQ(j["format_version"], 1);
  EXPECT_EQ(j["decision"]["decision"], "conditional");
  EXPECT_EQ(j["inputs"]["referential"]["id"], "cedre-iso9001");
  EXPECT_EQ(j["inputs"]["referential"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(j["criteria"].size(), a.load.referential->criteria.size());
  EXPECT_EQ(j["actions"].size(), a.eval.result.actions.size());
  EXPECT_EQ(text.back(), '\n');
}

// The terms a report words in its language: checks, exclusions, outcome labels.
TEST(JsonWriter, CarriesTheTermsReportsWord) {
  Audited a = AuditSample("refused-blocking.yaml");
  ASSERT_TRUE(a.load.ok());
  nlohmann::json j =
      nlohmann::json::parse(ResultToJson(*a.load.referential, *a.load.dossier, a.eval.result));
  auto criterion = [&](const std::string& id) {
    for (const auto& c : j["criteria"]) {
      if (c["id"] == id) return c;
    }
    ADD_FAILURE() << id;
    return nlohmann::json();
  };
  nlohmann::json checks = criterion("C-IAE.2.1")["checks"];
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0], nlohmann::json::parse(R"j({
    "type": "indicator", "status": "fail", "observed": 72.0,
    "detail": "indicateur taux-contrats-engagement-signes-1-mois : 72 % (attendu : au moins 90 %)",
    "indicator": "taux-contrats-engagement-signes-1-mois", "unit": "%", "min": 90.0,
    "max": null
})j"));
  EXPECT_EQ(checks[1], nlohmann::json::parse(R"j({
    "type": "sample", "status": "fail", "observed": 0.75,
    "detail": "échantillon (dossiers de salariés en parcours) : 6/8 conformes, 75 % (attendu : au moins 5 éléments et 100 %)",
    "sample": "dossiers de salariés en parcours", "passed": 6, "size": 8, "min_size": 5,
    "pass_rate": 1.0
})j"));
  EXPECT_EQ(criterion("C-5.3.3")["applies"], nlohmann::json::parse(R"j({
    "kinds": ["GES"], "headcount": null, "sites": null, "excluded_by": "kinds",
    "value": "ETTI"})j"));
  EXPECT_EQ(criterion("C-5.3.2")["applies"], nlohmann::json::parse(R"j({
    "kinds": [], "headcount": null, "sites": {"min": 2, "max": null}, "excluded_by": "sites",
    "value": 1})j"));
  EXPECT_EQ(criterion("C-5.3.2")["not_applicable_reason"], "applies to at least 2 sites (here 1)");
  EXPECT_TRUE(criterion("C-IAE.2.1")["applies"].is_null());
  EXPECT_EQ(j["decision"]["trace"][0]["outcome"], "refused-blocking");
  EXPECT_EQ(j["decision"]["trace"][0]["label"],
            nlohmann::json::parse(R"j({"en": "Label refused", "fr": "Label refusé"})j"));
  EXPECT_EQ(j["referential"]["thresholds"][0]["label"],
            nlohmann::json::parse(R"j({"en": "Label refused", "fr": "Label refusé"})j"));
  EXPECT_EQ(j["referential"]["evidence_kinds"], nlohmann::json::array());
}

TEST(JsonWriter, CarriesAnEvidenceChecksTermsAndTheReferentialsEvidenceKinds) {
  ReferentialLoad rse = LoadReferentialFile(SourcePath("referentials/rse-iso26000.yaml"));
  ASSERT_TRUE(rse.ok()) << RenderAll(rse.diagnostics);
  DossierLoad load =
      LoadDossierFile(SourcePath("audits/rse-bloquant.yaml"), FixedReferential(rse.referential));
  ASSERT_TRUE(load.ok()) << RenderAll(load.diagnostics);
  Evaluation eval = Evaluate(*load.referential, *load.dossier);
  nlohmann::json j =
      nlohmann::json::parse(ResultToJson(*load.referential, *load.dossier, eval.result));
  nlohmann::json check;
  for (const auto& c : j["criteria"]) {
    if (c["id"] == "RSE-3.2") check = c["checks"][0];
  }
  EXPECT_EQ(check, nlohmann::json::parse(R"j({
    "type": "evidence", "status": "fail", "observed": 0.0,
    "detail": "preuves de type record de moins de 12 mois : 0 citée(s), 1 attendue(s) (1 trop ancienne(s) ou non datée(s))",
    "evidence_kinds": ["record"], "max_age_months": 12, "count": 0, "expected_count": 1,
    "stale_count": 1
})j"));

  ReferentialLoad cap = LoadReferentialFile(SourcePath("referentials/cap.yaml"));
  ASSERT_TRUE(cap.ok()) << RenderAll(cap.diagnostics);
  DossierLoad capd =
      LoadDossierFile(SourcePath("audits/cap-avance.yaml"), FixedReferential(cap.referential));
  ASSERT_TRUE(capd.ok()) << RenderAll(capd.diagnostics);
  Evaluation cape = Evaluate(*capd.referential, *capd.dossier);
  nlohmann::json cj =
      nlohmann::json::parse(ResultToJson(*capd.referential, *capd.dossier, cape.result));
  ASSERT_EQ(cj["referential"]["evidence_kinds"].size(), 3u);
  EXPECT_EQ(cj["referential"]["evidence_kinds"][0], nlohmann::json::parse(R"j({
    "id": "tableau-de-bord",
    "label": {"en": "Indicator dashboard", "fr": "Tableau de bord d'indicateurs"}})j"));
}

TEST(JsonWriter, IsByteForByteReproducible) {
  Audited a = AuditSample("granted.yaml");
  Audited b = AuditSample("granted.yaml");
  ASSERT_TRUE(a.load.ok() && b.load.ok());
  EXPECT_EQ(ResultToJson(*a.load.referential, *a.load.dossier, a.eval.result),
            ResultToJson(*b.load.referential, *b.load.dossier, b.eval.result));
}

TEST(CsvWriter, OneRowPerActionWithBomAndCrlf) {
  Audited a = AuditSample("conditional.yaml");
  ASSERT_TRUE(a.load.ok());
  CsvOptions options;
  options.separator = ';';
  std::string csv = ActionsToCsv(*a.load.referential, *a.load.dossier, a.eval.result, options);
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(
      csv.substr(3, csv.find("\r\n") - 3),
      "rank;criterion;chapter;title;grade;grade_label;finding;root_causes;deadline_months;due;"
      "blocking;sites;action;owner;status;action_due");
  size_t rows = 0;
  for (size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) ++rows;
  EXPECT_EQ(rows, 1 + a.eval.result.actions.size());
  EXPECT_EQ(csv.find("\n\n"), std::string::npos);
}

TEST(JsonWriter, ActionsCarryWhatTheOrganisationCommitsTo) {
  Audited a = AuditSample("conditional.yaml");
  ASSERT_TRUE(a.load.ok());
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(
      ResultToJson(*a.load.referential, *a.load.dossier, a.eval.result));
  std::vector<std::string> commitments;
  for (const auto& action : j["actions"]) {
    commitments.push_back(action["criterion"].get<std::string>() + " " +
                          action["commitment"].dump());
  }
  EXPECT_EQ(commitments,
            (std::vector<std::string>{
                "C-5.3.2 {\"description\":\"Réunion de coordination mensuelle inscrite au "
                "calendrier des deux sites ; registre des réclamations unique, tenu par la "
                "référente qualité.\",\"owner\":\"Directrice\",\"status\":\"in-progress\","
                "\"due\":\"2026-09-30\"}",
                "C-IAE.4.3 null",
                "C-IAE.5.2 {\"description\":\"Modèle de contrat de mise à disposition pour les "
                "particuliers, avec les risques du poste et les consignes de sécurité.\","
                "\"owner\":\"Chargée des mises à disposition\",\"status\":\"planned\","
                "\"due\":null}",
                "C-6.3 null", "C-8.2.3 null", "C-IAE.5.3 null"}));
}

TEST(CsvWriter, ActionOwnerAndStatusInTheCsvsLanguage) {
  Audited a = AuditSample("conditional.yaml");
  ASSERT_TRUE(a.load.ok());
  CsvOptions options;
  std::string csv = ActionsToCsv(*a.load.referential, *a.load.dossier, a.eval.result, options);
  std::vector<std::string> rows;
  for (size_t at = 0; at < csv.size();) {
    size_t end = csv.find("\r\n", at);
    rows.push_back(csv.substr(at, end - at));
    at = end + 2;
  }
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[1],
            "1,C-5.3.2,5,Coordination entre les sites,NCm,Non-conformité mineure,Deux réunions de "
            "coordination inter-sites en douze mois au lieu des réunions mensuelles prévues au "
            "manuel ; l'antenne de Lucé enregistre ses réclamations dans un tableur distinct qui "
            "n'alimente ni le registre commun ni le tableau de bord.,C-5.3.2,6,2026-12-09,no,,"
            "\"Réunion de coordination mensuelle inscrite au calendrier des deux sites ; registre "
            "des réclamations unique, tenu par la référente qualité.\",Directrice,en cours,"
            "2026-09-30");
  // No action given: the four cells are empty.
  EXPECT_EQ(rows[2].substr(rows[2].size() - 18), "2026-12-09,no,,,,,");
  EXPECT_EQ(rows[3].substr(rows[3].find("no,,\"Modèle")),
            "no,,\"Modèle de contrat de mise à disposition pour les particuliers, avec les "
            "risques du poste et les consignes de sécurité.\",Chargée des mises à disposition,"
            "prévue,");
  options.lang = "en";
  std::string english = ActionsToCsv(*a.load.referential, *a.load.dossier, a.eval.result, options);
  EXPECT_NE(english.find(",Directrice,in progress,2026-09-30\r\n"), std::string::npos) << english;
  EXPECT_NE(english.find(",Chargée des mises à disposition,planned,\r\n"), std::string::npos)
      << english;
}

}  // namespace
}  // namespace sceau
