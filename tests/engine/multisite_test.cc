// Golden tests of multi-site organisations (engine/multisite.h): the nine-site AI sample worked
// out by hand, the sample shortfall, the central function, the nonconformities presumed to concern
// every site, and how the JSON result and the CSV show them.
#include "engine/multisite.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/audit_result.h"
#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential_loader.h"
#include "reports/csv_writer.h"
#include "reports/json_writer.h"
#include "tests/engine/golden.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Edit;
using testing::Golden;
using testing::Headlines;
using testing::ReadFile;
using testing::RenderAll;
using testing::SourcePath;
using Ids = std::vector<std::string>;

Golden Audit(const std::string& name) { return testing::AuditSample("cedre-iso9001.yaml", name); }

TEST(Multisite, NineSiteAiSample) {
  // The AI has 9 sites; an initial audit visits ceil(sqrt 9) = 3 of them: the head office
  // (saint-morvan, plan.central), breval and montignac. No shortfall.
  // Its grades are those of the `conditional` sample: 52 scored, total effective weight 104,
  // deficits NCm 60 on C-5.3.2 (1), C-IAE.4.3 (1 x 2) and C-IAE.5.2 (2 x 2): 420; PS 25 on C-6.3,
  // C-8.2.3 and C-IAE.5.3 (1 x 2): 100; PP 10 on C-5.1.2, C-7.4 and C-IAE.2.3 (1 x 2): 40.
  // 560 in all: 100 - 560 / 104 = 94.62, conditional on three minor NCs.
  Golden g = Audit("multisite-ai-9-sites.yaml");
  ASSERT_TRUE(g.load.ok());
  EXPECT_NEAR(g.r().score, 100 - 560.0 / 104, 1e-9);
  EXPECT_EQ(g.outcome(), "conditional");
  ASSERT_TRUE(g.r().multisite.has_value());
  const MultisiteResult& m = *g.r().multisite;
  EXPECT_EQ(m.sites, 9);
  EXPECT_EQ(m.visited, (Ids{"saint-morvan", "breval", "montignac"}));
  EXPECT_EQ(m.required, 3);
  EXPECT_EQ(m.shortfall, 0);
  EXPECT_EQ(m.rule, "ceil(sqrt(9))");
  EXPECT_EQ(m.central, "saint-morvan");
  EXPECT_TRUE(m.central_visited);
  // C-IAE.5.2: an NCm at montignac (the PS at breval does not count) is presumed to concern all 9
  // sites. C-5.3.2 and C-IAE.4.3 are NCm with no site: the whole organisation's already.
  ASSERT_EQ(m.presumed.size(), 1u);
  EXPECT_EQ(g.ref->criteria[static_cast<size_t>(m.presumed[0].criterion)].id, "C-IAE.5.2");
  EXPECT_EQ(m.presumed[0].grade, "NCm");
  EXPECT_EQ(m.presumed[0].found_at, (Ids{"montignac"}));
  EXPECT_EQ(m.presumed[0].sites, 9);
  // No shortfall, the central function visited: the only note is C-IAE.1.1's override.
  ASSERT_EQ(g.r().notes.size(), 1u);
  EXPECT_EQ(g.r().notes[0].code, "override");
}

TEST(Multisite, SingleSiteOrganisationsHaveNone) {
  EXPECT_FALSE(Audit("granted.yaml").r().multisite.has_value());
}

TEST(Multisite, EveryNcFoundAtSomeSitesIsPresumedEverywhere) {
  // root-cause: a GES of 3 sites, all visited at a renewal (ceil(0.8 x 1.73) = 2 required).
  // C-IAE.1.2 has NCm at sainte-lucie and le-vergeau (and a PS at bourg-neuvic); C-IAE.4.1 an
  // NCm at sainte-lucie (and a PS at bourg-neuvic).
  Golden g = Audit("root-cause.yaml");
  ASSERT_TRUE(g.r().multisite.has_value());
  const MultisiteResult& m = *g.r().multisite;
  EXPECT_EQ(m.required, 2);
  EXPECT_EQ(m.shortfall, 0);
  ASSERT_EQ(m.presumed.size(), 2u);
  EXPECT_EQ(g.ref->criteria[static_cast<size_t>(m.presumed[0].criterion)].id, "C-IAE.1.2");
  EXPECT_EQ(m.presumed[0].found_at, (Ids{"sainte-lucie", "le-vergeau"}));
  EXPECT_EQ(g.ref->criteria[static_cast<size_t>(m.presumed[1].criterion)].id, "C-IAE.4.1");
  EXPECT_EQ(m.presumed[1].found_at, (Ids{"sainte-lucie"}));
  EXPECT_EQ(m.presumed[1].sites, 3);
}

// The nine-site sample with one edit, loaded and evaluated.
struct Edited {
  DossierLoad load;
  Evaluation eval;
};
Edited NineSitesWith(const std::string& from, const std::string& to) {
  ReferentialLoad ref = LoadReferentialFile(SourcePath("referentials/cedre-iso9001.yaml"));
  std::string path = "audits/multisite-ai-9-sites.yaml";
  std::string text = Edit(ReadFile(SourcePath(path)), from, to);
  Edited e;
  e.load = LoadDossierFromString(path, text, FixedReferential(ref.referential));
  EXPECT_TRUE(e.load.ok()) << RenderAll(e.load.diagnostics);
  if (e.load.ok()) e.eval = Evaluate(*e.load.referential, *e.load.dossier);
  return e;
}

TEST(Multisite, FlagsAShortfallAsAWarningAndANote) {
  // Only 2 of the 3 sites an initial audit of 9 requires.
  Edited e = NineSitesWith("sites_visited: [saint-morvan, breval, montignac]",
                           "sites_visited: [saint-morvan, breval]");
  ASSERT_TRUE(e.load.ok());
  EXPECT_TRUE(e.eval.ok());  // a warning: the result is still written
  EXPECT_EQ(
      Headlines(e.eval.diagnostics),
      "audits/multisite-ai-9-sites.yaml:51:3: warning: sites visited: 2 of 9, but an audit of "
      "kind 'initial' of an organisation of 9 sites visits at least 3 (IAF MD 1: "
      "ceil(sqrt(9))) "
      "[site-sample-shortfall]");
  const AuditResult& r = e.eval.result;
  ASSERT_TRUE(r.multisite.has_value());
  EXPECT_EQ(r.multisite->shortfall, 1);
  ASSERT_FALSE(r.notes.empty());
  EXPECT_EQ(r.notes.back().code, "site-sample-shortfall");
  EXPECT_EQ(r.notes.back().criterion, -1);
  EXPECT_EQ(r.notes.back().message,
            "Échantillon de sites insuffisant : 2 visité(s) sur 9 sites, alors que l'IAF MD 1 en "
            "demande au moins 3 (ceil(sqrt(9)) = 3) ; il manque 1 site.");
  // The CSV says so in a last row, with no rank.
  std::string csv = ActionsToCsv(*e.load.referential, *e.load.dossier, r);
  EXPECT_NE(
      csv.find("\r\n,,,Échantillon de sites insuffisant (IAF MD 1),,,2 sites visités sur 9 ; 3 "
               "requis (ceil(sqrt(9))),,,,,2/3,,,,\r\n"),
      std::string::npos)
      << csv;
  nlohmann::json j = nlohmann::json::parse(ResultToJson(*e.load.referential, *e.load.dossier, r));
  EXPECT_EQ(j["multisite"]["shortfall"], 1);
  EXPECT_EQ(j["notes"].back()["code"], "site-sample-shortfall");
  EXPECT_TRUE(j["notes"].back()["criterion"].is_null());
}

TEST(Multisite, FlagsACentralFunctionNotVisited) {
  Edited e = NineSitesWith("sites_visited: [saint-morvan, breval, montignac]",
                           "sites_visited: [coulanges, breval, montignac]");
  ASSERT_TRUE(e.load.ok());
  EXPECT_EQ(
      Headlines(e.eval.diagnostics),
      "audits/multisite-ai-9-sites.yaml:51:3: warning: the central function 'saint-morvan' "
      "(plan.central) is not among the sites visited: it is audited at every audit (IAF MD 1) "
      "[central-not-visited]");
  ASSERT_TRUE(e.eval.result.multisite.has_value());
  EXPECT_FALSE(e.eval.result.multisite->central_visited);
  EXPECT_EQ(e.eval.result.notes.back().code, "central-not-visited");
}

TEST(Multisite, JsonAndCsvShowTheActionsForEverySite) {
  Golden g = Audit("multisite-ai-9-sites.yaml");
  ASSERT_TRUE(g.load.ok());
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(ResultToJson(*g.ref, *g.load.dossier, g.r()));
  EXPECT_EQ(
      j["multisite"].dump(),
      R"x({"sites":9,"visited":["saint-morvan","breval","montignac"],"required":3,"shortfall":0,)x"
      R"x("rule":"ceil(sqrt(9))","central":"saint-morvan","central_visited":true,)x"
      R"x("presumed":[{"criterion":"C-IAE.5.2","grade":"NCm","found_at":["montignac"],"sites":9}]})x");
  // Plan order: the three NCm (C-5.3.2, C-IAE.4.3, C-IAE.5.2), then the PS.
  std::vector<std::string> sites;
  for (const auto& a : j["actions"])
    sites.push_back(a["sites"].is_null() ? "-" : a["sites"].get<std::string>());
  EXPECT_EQ(sites, (Ids{"-", "-", "all", "-", "-", "-"}));
  EXPECT_EQ(j["actions"][2]["criterion"], "C-IAE.5.2");
  std::string csv = ActionsToCsv(*g.ref, *g.load.dossier, g.r());
  size_t row = csv.find("\r\n3,C-IAE.5.2,");
  ASSERT_NE(row, std::string::npos);
  EXPECT_EQ(csv.substr(csv.find("\r\n", row + 2) - 11, 11), ",no,all,,,,");
  // A single-site result has "multisite": null and "sites": null on every action.
  Golden one = Audit("granted.yaml");
  nlohmann::json k = nlohmann::json::parse(ResultToJson(*one.ref, *one.load.dossier, one.r()));
  EXPECT_TRUE(k["multisite"].is_null());
  EXPECT_TRUE(k["actions"][0]["sites"].is_null());
}

}  // namespace
}  // namespace sceau
