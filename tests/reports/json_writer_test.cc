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
