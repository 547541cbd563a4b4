// Tests of DiffReferentials and its text and JSON renderings: two small versions of one
// referential (kOld, kNew) written so that every kind of change appears at least once, each
// checked against the exact line a maintainer reads; the canonical texts the diff compares; and
// the shipped CSR pair (rse-iso26000 2026.1 -> 2027.1) once both files are in referentials/.
#include "engine/referential_diff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/referential.h"
#include "engine/referential_loader.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using ::sceau::testing::RenderAll;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Version 2026.1. Criteria: D-1.1 (unchanged in 2027.1), D-1.2 (renamed, requirement, weight,
// blocking), D-1.3 (NA, applicability), D-1.4 (kept, but D-1.5 takes over part of it), D-2.1
// (checks, requires, related, mappings), D-2.2 (scale, chapter), D-3.1 and D-3.2 (merged into
// D-3.3), D-3.4 (replaced by D-3.5), D-3.6 (split into D-3.7 and D-3.8), D-4.1 (removed).
constexpr std::string_view kOld = R"yaml(id: demo
version: "2026.1"
title: {fr: Référentiel démo, en: Demo referential}
languages: [fr, en]
effective: 2026-01-01
default_scale: grades
scales:
  - id: grades
    type: grades
    grades:
      - {code: C, kind: conforming, label: {fr: Conforme, en: Conforming}, points: 100}
      - {code: PP, kind: opportunity, label: {fr: Piste de progrès, en: Opportunity}, points: 90}
      - {code: PS, kind: observation, label: {fr: Point sensible, en: Observation}, points: 75}
      - {code: NCm, kind: minor-nc, label: {fr: Non-conformité mineure, en: Minor NC}, points: 40}
      - {code: NCM, kind: major-nc, label: {fr: Non-conformité majeure, en: Major NC}, points: 0}
      - {code: NA, kind: not-applicable, label: {fr: Non applicable, en: Not applicable}}
  - id: maturity
    type: maturity
    pass_from: engage
    levels:
      - {code: initial, label: {fr: Initial, en: Initial}, points: 0}
      - {code: engage, label: {fr: Engagé, en: Committed}, points: 50}
      - {code: confirme, label: {fr: Confirmé, en: Confirmed}, points: 100}
  - id: binary
    type: grades
    grades:
      - {code: OK, kind: conforming, label: {fr: Oui, en: Yes}, points: 100}
      - {code: KO, kind: minor-nc, label: {fr: Non, en: No}, points: 0}
frameworks:
  - {id: iso26000, title: {fr: ISO 26000, en: ISO 26000}}
chapters:
  - {id: "1", title: {fr: Gouvernance, en: Governance}}
  - id: "2"
    title: {fr: Social, en: Social}
    chapters:
      - {id: "2.1", title: {fr: Emploi, en: Employment}}
  - {id: "3", title: {fr: Environnement, en: Environment}}
  - {id: "4", title: {fr: Ancien chapitre, en: Old chapter}}
criteria:
  - {id: D-1.1, chapter: "1", title: {fr: Stratégie, en: Strategy},
     requirement: {fr: "Une stratégie écrite.", en: "A written strategy."}}
  - {id: D-1.2, chapter: "1", title: {fr: Dialogue, en: Dialogue},
     requirement: {fr: "Les parties prenantes sont listées.", en: "Stakeholders are listed."}}
  - {id: D-1.3, chapter: "1", title: {fr: Éthique, en: Ethics},
     requirement: {fr: "Une charte éthique.", en: "An ethics charter."}, na_allowed: true}
  - {id: D-1.4, chapter: "1", title: {fr: Achats, en: Purchasing},
     requirement: {fr: "Achats responsables.", en: "Responsible purchasing."}}
  - id: D-2.1
    chapter: "2.1"
    title: {fr: Emploi durable, en: Lasting employment}
    requirement: {fr: "Des emplois durables.", en: "Lasting jobs."}
    checks:
      - {type: indicator, indicator: taux-cdi, unit: "%", min: 50}
      - {type: evidence, kinds: [contract], min_count: 2, max_age_months: 12}
    requires: [D-1.1]
    related: [D-1.2]
    mappings: {iso26000: ["6.4"]}
  - {id: D-2.2, chapter: "2", title: {fr: Formation, en: Training},
     requirement: {fr: "Un plan de formation.", en: "A training plan."}}
  - {id: D-3.1, chapter: "3", title: {fr: Énergie, en: Energy},
     requirement: {fr: "Suivi de l'énergie.", en: "Energy is monitored."}}
  - {id: D-3.2, chapter: "3", title: {fr: Eau, en: Water},
     requirement: {fr: "Suivi de l'eau.", en: "Water is monitored."}}
  - {id: D-3.4, chapter: "3", title: {fr: Déchets, en: Waste},
     requirement: {fr: "Tri des déchets.", en: "Waste is sorted."}}
  - {id: D-3.6, chapter: "3", title: {fr: Transport, en: Transport},
     requirement: {fr: "Plan de mobilité.", en: "A mobility plan."}}
  - {id: D-4.1, chapter: "4", title: {fr: Ancien critère, en: Old criterion}, scale: binary,
     requirement: {fr: "Ancienne exigence.", en: "Old requirement."}}
decision:
  deadlines: {NCM: 3, NCm: 6}
  escalations:
    - {from: NCm, count: 3, within: chapter, to: NCM}
  outcomes:
    - id: refused-blocking
      decision: refused
      label: {fr: Label refusé, en: Label refused}
      when: [{blocking_failed: {min: 1}}]
    - id: refused-major
      decision: refused
      label: {fr: Label refusé, en: Label refused}
      when: [{count: {kind: major-nc, min: 1}}]
    - id: refused-score
      decision: refused
      label: {fr: Label refusé, en: Label refused}
      when: [{not: {score: {min: 50}}}]
    - id: conditional
      decision: conditional
      label: {fr: Label accordé sous réserve, en: Label granted with conditions}
      when: [{count: {kind: minor-nc, min: 1}}]
    - id: granted
      decision: granted
      label: {fr: Label accordé, en: Label granted}
)yaml";

// Version 2027.1 of the same referential.
constexpr std::string_view kNew = R"yaml(id: demo
version: "2027.1"
supersedes: "2026.1"
title: {fr: Référentiel démo RSE, en: Demo referential}
languages: [fr, en]
effective: 2027-01-01
default_scale: grades
scales:
  - id: grades
    type: grades
    grades:
      - {code: PF, kind: strength, label: {fr: Point fort, en: Strength}, points: 100}
      - {code: C, kind: conforming, label: {fr: Conforme, en: Conforming}, points: 100}
      - {code: PS, kind: observation, label: {fr: Point sensible, en: Observation}, points: 70}
      - {code: NCm, kind: minor-nc, label: {fr: Écart mineur, en: Minor NC}, points: 40}
      - {code: NCM, kind: major-nc, label: {fr: Non-conformité majeure, en: Major NC}, points: 0}
      - {code: NA, kind: not-applicable, label: {fr: Non applicable, en: Not applicable}}
  - id: maturity
    type: maturity
    pass_from: confirme
    levels:
      - {code: engage, label: {fr: Engagé, en: Committed}, points: 40}
      - {code: confirme, label: {fr: Confirmé, en: Confirmed}, points: 75}
      - {code: exemplaire, label: {fr: Exemplaire, en: Exemplary}, points: 100}
  - id: stars
    type: maturity
    levels:
      - {code: one, label: {fr: Une étoile, en: One star}, points: 0}
      - {code: two, label: {fr: Deux étoiles, en: Two stars}, points: 100}
frameworks:
  - {id: iso26000, title: {fr: ISO 26000, en: ISO 26000}}
chapters:
  - {id: "1", title: {fr: Gouvernance et éthique, en: Governance and ethics}}
  - {id: "2", title: {fr: Social, en: Social}, weight: 2}
  - id: "3"
    title: {fr: Environnement, en: Environment}
    chapters:
      - {id: "2.1", title: {fr: Emploi, en: Employment}}
  - {id: "5", title: {fr: Territoire, en: Local community}}
criteria:
  - {id: D-1.1, chapter: "1", title: {fr: Stratégie, en: Strategy},
     requirement: {fr: "Une stratégie écrite.", en: "A written strategy."}}
  - {id: D-1.2, chapter: "1", title: {fr: Dialogue avec les parties prenantes, en: Dialogue},
     requirement: {fr: "Les parties prenantes sont consultées.",
                   en: "Stakeholders are consulted."},
     weight: 2, blocking: true}
  - {id: D-1.3, chapter: "1", title: {fr: Éthique, en: Ethics},
     requirement: {fr: "Une charte éthique.", en: "An ethics charter, signed."},
     applies_to: {kinds: [ACI, EI], headcount: {min: 10}}}
  - {id: D-1.4, chapter: "1", title: {fr: Achats, en: Purchasing},
     requirement: {fr: "Achats responsables.", en: "Responsible purchasing."}}
  - {id: D-1.5, chapter: "1", title: {fr: Fournisseurs locaux, en: Local suppliers},
     requirement: {fr: "Part d'achats locaux suivie.", en: "Local purchasing is tracked."},
     replaces: [D-1.4]}
  - id: D-2.1
    chapter: "2.1"
    title: {fr: Emploi durable, en: Lasting employment}
    requirement: {fr: "Des emplois durables.", en: "Lasting jobs."}
    checks:
      - {type: indicator, indicator: taux-cdi, unit: "%", min: 60}
      - {type: sample, sample: "contrats", min_size: 5, pass_rate: 0.8}
    requires: [D-1.3]
    related: [D-1.2, D-1.1]
    mappings: {iso26000: ["6.4", "6.4.3"]}
  - {id: D-2.2, chapter: "3", title: {fr: Formation, en: Training}, scale: maturity,
     requirement: {fr: "Un plan de formation.", en: "A training plan."}}
  - {id: D-3.3, chapter: "3", title: {fr: Ressources, en: Resources},
     requirement: {fr: "Suivi de l'énergie et de l'eau.", en: "Energy and water are monitored."},
     replaces: [D-3.1, D-3.2]}
  - {id: D-3.5, chapter: "3", title: {fr: Déchets, en: Waste},
     requirement: {fr: "Tri des déchets.", en: "Waste is sorted."}, replaces: [D-3.4]}
  - {id: D-3.7, chapter: "3", title: {fr: Trajets domicile-travail, en: Commuting},
     requirement: {fr: "Plan de mobilité des salariés.", en: "A commuting plan."},
     replaces: [D-3.6]}
  - {id: D-3.8, chapter: "3", title: {fr: Logistique, en: Logistics},
     requirement: {fr: "Livraisons optimisées.", en: "Deliveries are optimised."},
     replaces: [D-3.6, D-9.9]}
  - {id: D-5.1, chapter: "5", title: {fr: Ancrage local, en: Local roots}, scale: stars,
     requirement: {fr: "Partenariats locaux.", en: "Local partnerships."}}
decision:
  points_scale: 1000
  validity_months: 24
  surveillance_months: 6
  deadlines: {NCM: 2, NCm: 6, PS: 12}
  escalations:
    - {from: NCm, count: 4, within: chapter, to: NCM}
  outcomes:
    - id: refused-major
      decision: refused
      label: {fr: Label refusé, en: Label refused}
      when: [{count: {grade: NCM, min: 1}}]
    - id: refused-blocking
      decision: refused
      label: {fr: Label refusé, en: Label refused}
      when: [{blocking_failed: {min: 1}}]
    - id: conditional
      decision: conditional
      label: {fr: Label accordé avec réserves, en: Label granted with conditions}
      when: [{count: {kind: minor-nc, min: 1}}]
    - id: excellent
      decision: granted
      level: excellent
      label: {fr: Label excellence, en: Excellence label}
      when:
        - {score: {each_chapter: true, min: 90}}
        - any: [{count: {kind: strength, min: 2}}, {points: {min: 950}}]
    - id: granted
      decision: granted
      label: {fr: Label accordé, en: Label granted}
)yaml";

std::shared_ptr<const Referential> Load(std::string_view text, const std::string& name) {
  ReferentialLoad load = LoadReferentialFromString(name, std::string(text));
  EXPECT_TRUE(load.ok()) << RenderAll(load.diagnostics);
  return load.referential;
}

class DiffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = Load(kOld, "old.yaml");
    new_ = Load(kNew, "new.yaml");
    ASSERT_TRUE(old_ && new_);
  }
  std::shared_ptr<const Referential> old_;
  std::shared_ptr<const Referential> new_;
};

// Every change between kOld and kNew, as a maintainer reads them.
constexpr std::string_view kExpectedText = R"(demo 2026.1 -> demo 2027.1: 61 changes
Identity
  ~ version "2026.1" -> "2027.1"
  ~ title "Référentiel démo" -> "Référentiel démo RSE"
  ~ supersedes (none) -> "2026.1"
  ~ effective 2026-01-01 -> 2027-01-01
Chapters
  ~ 1 retitled "Gouvernance" -> "Gouvernance et éthique"
  ~ 2 weight 1 -> 2
  ~ 2.1 moved from 2 to 3
  + 5 Territoire
  - 4 Ancien chapitre
Criteria
  ~ D-1.2 renamed "Dialogue" -> "Dialogue avec les parties prenantes"
  ~ D-1.2 requirement text changed
  ~ D-1.2 weight 1 -> 2
  ~ D-1.2 now blocking
  ~ D-1.3 requirement text (en) changed
  ~ D-1.3 may no longer be graded not applicable
  ~ D-1.3 applies to: every organisation -> kinds ACI, EI; headcount >= 10
  ~ D-1.4 split: part of it now in D-1.5
  + D-1.5 Fournisseurs locaux (chapter 1, replaces D-1.4)
  ~ D-2.1 check indicator taux-cdi: min 50 -> 60
  ~ D-2.1 check added: sample "contrats": at least 5 items, pass rate >= 0.8
  ~ D-2.1 check removed: evidence of contract: at least 2, at most 12 months old
  ~ D-2.1 now requires D-1.3
  ~ D-2.1 no longer requires D-1.1
  ~ D-2.1 related D-1.2 -> D-1.2, D-1.1
  ~ D-2.1 mappings iso26000: 6.4 -> iso26000: 6.4, 6.4.3
  ~ D-2.2 moved from chapter 2 to chapter 3
  ~ D-2.2 scale grades -> maturity
  + D-3.3 Ressources (chapter 3, replaces D-3.1, D-3.2)
  + D-3.5 Déchets (chapter 3, replaces D-3.4)
  + D-3.7 Trajets domicile-travail (chapter 3, replaces D-3.6)
  + D-3.8 Logistique (chapter 3, replaces D-3.6)
  ! D-3.8 replaces D-9.9, which demo 2026.1 does not have
  + D-5.1 Ancrage local (chapter 5)
  - D-3.1 (merged into D-3.3, with D-3.2)
  - D-3.2 (merged into D-3.3, with D-3.1)
  - D-3.4 (replaced by D-3.5)
  - D-3.6 (split into D-3.7, D-3.8)
  - D-4.1 Ancien critère
Scales
  + grades/PF Point fort (strength, 100 points)
  ~ grades/PS points 75 -> 70
  ~ grades/NCm label "Non-conformité mineure" -> "Écart mineur"
  - grades/PP Piste de progrès (opportunity)
  ~ maturity pass_from engage -> confirme
  ~ maturity/engage points 50 -> 40
  ~ maturity/confirme points 100 -> 75
  + maturity/exemplaire Exemplaire (100 points)
  - maturity/initial Initial
  + stars (maturity scale: one, two)
  - binary (grades scale: OK, KO)
Decision policy
  ~ outcome refused-major when count(kind major-nc) >= 1 -> count(grade NCM) >= 1
  ~ outcome conditional label "Label accordé sous réserve" -> "Label accordé avec réserves"
  + outcome excellent (granted) "Label excellence" when score(each chapter) >= 90 and any(count(kind strength) >= 2; points >= 950)
  - outcome refused-score (refused) "Label refusé"
  ~ outcome order refused-blocking, refused-major, conditional, granted -> refused-major, refused-blocking, conditional, granted
  ~ points scale 100 -> 1000
  ~ validity 36 -> 24 months
  ~ surveillance every 12 -> 6 months
  ~ deadline NCM 3 months -> 2 months
  ~ deadline PS (none) -> 12 months
  ~ escalation added: 4 NCm within chapter -> NCM
  ~ escalation removed: 3 NCm within chapter -> NCM
)";

TEST_F(DiffTest, TextListsEveryChangeInOrder) {
  ReferentialDiff diff = DiffReferentials(*old_, *new_);
  EXPECT_EQ(DiffToText(diff, *old_, *new_), kExpectedText);
}

TEST_F(DiffTest, CoversEveryKind) {
  ReferentialDiff diff = DiffReferentials(*old_, *new_);
  std::set<std::string> kinds;
  for (const Change& c : diff.changes) kinds.insert(c.kind);
  EXPECT_EQ(kinds,
            (std::set<std::string>{
                "identity-changed", "chapter-added",     "chapter-removed",    "chapter-changed",
                "criterion-added",  "criterion-removed", "criterion-replaced", "criterion-merged",
                "criterion-split",  "criterion-changed", "replaces-unknown",   "scale-added",
                "scale-removed",    "scale-changed",     "grade-added",        "grade-removed",
                "grade-changed",    "level-added",       "level-removed",      "level-changed",
                "outcome-added",    "outcome-removed",   "outcome-changed",    "policy-changed"}));
}

// The structured form of a few changes: the fields scripts rely on.
TEST_F(DiffTest, ChangesAsData) {
  ReferentialDiff diff = DiffReferentials(*old_, *new_);
  auto find = [&](const std::string& kind, const std::string& id, const std::string& field) {
    for (const Change& c : diff.changes) {
      if (c.kind == kind && c.id == id && c.field == field) return c;
    }
    ADD_FAILURE() << "no change " << kind << " " << id << " " << field;
    return Change{};
  };
  Change weight = find("criterion-changed", "D-1.2", "weight");
  EXPECT_EQ(weight.old_value, "1");
  EXPECT_EQ(weight.new_value, "2");
  EXPECT_EQ(weight.text, "D-1.2 weight 1 -> 2");
  Change requirement = find("criterion-changed", "D-1.2", "requirement");
  EXPECT_EQ(requirement.old_value, "Les parties prenantes sont listées.");
  EXPECT_EQ(requirement.new_value, "Les parties prenantes sont consultées.");
  Change check = find("criterion-changed", "D-2.1", "checks");
  EXPECT_EQ(check.old_value, "indicator taux-cdi >= 50 %");
  EXPECT_EQ(check.new_value, "indicator taux-cdi >= 60 %");
  Change merged = find("criterion-merged", "D-3.1", "replaced_by");
  EXPECT_EQ(merged.new_value, "D-3.3");
  Change split = find("criterion-split", "D-3.6", "replaced_by");
  EXPECT_EQ(split.new_value, "D-3.7, D-3.8");
  Change kept_split = find("criterion-split", "D-1.4", "replaced_by");
  EXPECT_EQ(kept_split.old_value, "D-1.4");
  EXPECT_EQ(kept_split.new_value, "D-1.5");
  Change replaced = find("criterion-replaced", "D-3.4", "replaced_by");
  EXPECT_EQ(replaced.new_value, "D-3.5");
  Change unknown = find("replaces-unknown", "D-3.8", "replaces");
  EXPECT_EQ(unknown.new_value, "D-9.9");
  Change removed = find("criterion-removed", "D-4.1", "");
  EXPECT_EQ(removed.old_value, "Ancien critère");
  Change deadline = find("policy-changed", "PS", "deadlines");
  EXPECT_EQ(deadline.old_value, "");
  EXPECT_EQ(deadline.new_value, "12");
  Change when = find("outcome-changed", "refused-major", "when");
  EXPECT_EQ(when.old_value, "count(kind major-nc) >= 1");
  EXPECT_EQ(when.new_value, "count(grade NCM) >= 1");
  Change parent = find("chapter-changed", "2.1", "parent");
  EXPECT_EQ(parent.old_value, "2");
  EXPECT_EQ(parent.new_value, "3");
  Change supersedes = find("identity-changed", "", "supersedes");
  EXPECT_EQ(supersedes.old_value, "");
  EXPECT_EQ(supersedes.new_value, "2026.1");
}

TEST_F(DiffTest, Json) {
  ReferentialDiff diff = DiffReferentials(*old_, *new_);
  std::string text = DiffToJson(diff, *old_, *new_);
  EXPECT_EQ(text, DiffToJson(DiffReferentials(*old_, *new_), *old_, *new_));  // deterministic
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);
  EXPECT_EQ(j["old"].dump(), R"({"id":"demo","version":"2026.1"})");
  EXPECT_EQ(j["new"].dump(), R"({"id":"demo","version":"2027.1"})");
  ASSERT_EQ(j["changes"].size(), 61u);
  EXPECT_EQ(j["changes"][0].dump(),
            R"({"kind":"identity-changed","id":null,"field":"version","old":"2026.1",)"
            R"("new":"2027.1","text":"version \"2026.1\" -> \"2027.1\""})");
  EXPECT_EQ(j["changes"][2].dump(),
            R"({"kind":"identity-changed","id":null,"field":"supersedes","old":null,)"
            R"("new":"2026.1","text":"supersedes (none) -> \"2026.1\""})");
  for (size_t i = 0; i < diff.changes.size(); ++i) {
    EXPECT_EQ(j["changes"][i]["kind"], diff.changes[i].kind);
    EXPECT_EQ(j["changes"][i]["text"], diff.changes[i].text);
  }
  EXPECT_THAT(text, ::testing::StartsWith("{\n  \"old\": {\n    \"id\": \"demo\",\n"));
  EXPECT_EQ(text.back(), '\n');
}

TEST_F(DiffTest, NoChanges) {
  ReferentialDiff diff = DiffReferentials(*old_, *old_);
  EXPECT_THAT(diff.changes, IsEmpty());
  EXPECT_EQ(DiffToText(diff, *old_, *old_), "demo 2026.1 -> demo 2026.1: no changes\n");
  EXPECT_EQ(DiffToJson(diff, *old_, *old_),
            "{\n  \"old\": {\n    \"id\": \"demo\",\n    \"version\": \"2026.1\"\n  },\n"
            "  \"new\": {\n    \"id\": \"demo\",\n    \"version\": \"2026.1\"\n  },\n"
            "  \"changes\": []\n}\n");
}

// Reflowing a text (spaces, line breaks) is not a change; one changed line is one change.
TEST_F(DiffTest, WhitespaceIsNotAChange) {
  std::string text(kOld);
  std::string from = R"(requirement: {fr: "Une stratégie écrite.")";
  text.replace(text.find(from), from.size(),
               "requirement: {fr: \"Une  stratégie\n       écrite. \"");
  auto reflowed = Load(text, "reflowed.yaml");
  ASSERT_TRUE(reflowed);
  EXPECT_THAT(DiffReferentials(*old_, *reflowed).changes, IsEmpty());
  std::string title = "title: {fr: Stratégie, en: Strategy}";
  text.replace(text.find(title), title.size(), "title: {fr: Stratégie, en: Strategies}");
  auto renamed = Load(text, "renamed.yaml");
  ASSERT_TRUE(renamed);
  ReferentialDiff diff = DiffReferentials(*old_, *renamed);
  ASSERT_EQ(diff.changes.size(), 1u);
  EXPECT_EQ(diff.changes[0].text, "D-1.1 renamed (en) changed");
}

TEST_F(DiffTest, CanonicalTexts) {
  const Criterion& d21 = old_->criteria[static_cast<size_t>(old_->FindCriterion("D-2.1"))];
  EXPECT_EQ(CheckText(d21.checks[0]), "indicator taux-cdi >= 50 %");
  EXPECT_EQ(CheckText(d21.checks[1]), "evidence of contract: at least 2, at most 12 months old");
  Check sample;
  sample.type = CheckType::kSample;
  sample.sample = "dossiers  de salariés";
  sample.min_size = 5;
  sample.pass_rate = 0.8;
  EXPECT_EQ(CheckText(sample),
            "sample \"dossiers de salariés\": at least 5 items, pass rate >= 0.8");
  Check range;
  range.indicator = "delai";
  range.min = 1;
  range.max = 30.5;
  EXPECT_EQ(CheckText(range), "indicator delai in [1, 30.5]");
  Check kinds;
  kinds.type = CheckType::kEvidence;
  kinds.evidence_kinds = {"record", "minutes"};
  EXPECT_EQ(CheckText(kinds), "evidence of record, minutes");
  kinds.max_age_months = 6;
  EXPECT_EQ(CheckText(kinds), "evidence of record, minutes: at most 6 months old");

  const Criterion& d13 = new_->criteria[static_cast<size_t>(new_->FindCriterion("D-1.3"))];
  EXPECT_EQ(ApplicabilityText(d13.applies), "kinds ACI, EI; headcount >= 10");
  Applicability sites;
  sites.sites.min = 2;
  sites.sites.max = 20;
  sites.headcount.max = 50;
  EXPECT_EQ(ApplicabilityText(sites), "headcount <= 50; sites 2..20");
  EXPECT_EQ(ApplicabilityText(Applicability{}), "every organisation");

  std::vector<std::string> when;
  for (const Outcome& o : old_->policy.outcomes) {
    for (const Condition& c : o.when) when.push_back(ConditionText(*old_, c));
  }
  EXPECT_EQ(when, (std::vector<std::string>{"blocking_failed >= 1", "count(kind major-nc) >= 1",
                                            "not(score >= 50)", "count(kind minor-nc) >= 1"}));
  Condition leaf;
  leaf.metric = Metric::kCount;
  leaf.grade = "NCm";
  leaf.blocking = false;
  leaf.chapter = old_->FindChapter("2.1");
  leaf.max = 2;
  EXPECT_EQ(ConditionText(*old_, leaf), "count(grade NCm, not blocking, chapter 2.1) <= 2");
  Condition all;
  all.op = Condition::Op::kAll;
  all.children = {leaf, leaf};
  all.children[1].metric = Metric::kPoints;
  all.children[1].grade.clear();
  all.children[1].blocking.reset();
  all.children[1].min = 300;
  all.children[1].max = 500;
  EXPECT_EQ(ConditionText(*old_, all),
            "all(count(grade NCm, not blocking, chapter 2.1) <= 2; points(chapter 2.1) in [300, "
            "500])");
}

TEST_F(DiffTest, ReassessReasons) {
  auto reasons = [&](const std::string& old_id, const std::string& new_id) {
    return ReassessReasons(*old_, old_->criteria[static_cast<size_t>(old_->FindCriterion(old_id))],
                           *new_, new_->criteria[static_cast<size_t>(new_->FindCriterion(new_id))]);
  };
  EXPECT_THAT(reasons("D-1.1", "D-1.1"), IsEmpty());
  // Title, weight and blocking do not change what the auditor assessed.
  EXPECT_EQ(reasons("D-1.2", "D-1.2"), std::vector<std::string>{"requirement"});
  // Only the English text changed: not a reason.
  EXPECT_EQ(reasons("D-1.3", "D-1.3"), std::vector<std::string>{"applicability"});
  EXPECT_EQ(reasons("D-2.1", "D-2.1"), std::vector<std::string>{"checks"});
  EXPECT_EQ(reasons("D-2.2", "D-2.2"), std::vector<std::string>{"scale"});
  EXPECT_THAT(reasons("D-3.4", "D-3.5"), IsEmpty());
  EXPECT_EQ(reasons("D-3.6", "D-3.8"), std::vector<std::string>{"requirement"});
}

// The shipped CSR label, 2026.1 -> 2027.1: the changes its file header announces.
TEST(ShippedCsrDiffTest, ListsTheAnnouncedChanges) {
  std::string old_path = testing::SourcePath("referentials/rse-iso26000.yaml");
  std::string new_path = testing::SourcePath("referentials/rse-iso26000-2027.yaml");
  if (!std::filesystem::exists(old_path) || !std::filesystem::exists(new_path)) {
    GTEST_SKIP() << "the CSR pair is not in referentials/";
  }
  ReferentialLoad o = LoadReferentialFile(old_path);
  ReferentialLoad n = LoadReferentialFile(new_path);
  ASSERT_TRUE(o.ok()) << RenderAll(o.diagnostics);
  ASSERT_TRUE(n.ok()) << RenderAll(n.diagnostics);
  ReferentialDiff diff = DiffReferentials(*o.referential, *n.referential);
  std::vector<std::string> lines;
  for (const Change& c : diff.changes) lines.push_back(c.kind + " | " + c.text);
  for (const char* expected : {
           "identity-changed | version \"2026.1\" -> \"2027.1\"",
           "identity-changed | supersedes (none) -> \"2026.1\"",
           // merged, split, removed, added
           "criterion-merged | RSE-4.2 (merged into RSE-4.8, with RSE-4.3)",
           "criterion-merged | RSE-4.3 (merged into RSE-4.8, with RSE-4.2)",
           "criterion-added | RSE-4.8 Énergie et mobilité (chapter 4, replaces RSE-4.2, RSE-4.3)",
           "criterion-split | RSE-3.3 (split into RSE-3.8, RSE-3.9)",
           "criterion-added | RSE-3.8 Prévention des accidents du travail (chapter 3, replaces "
           "RSE-3.3)",
           "criterion-added | RSE-3.9 Qualité de vie au travail et risques psychosociaux (chapter "
           "3, replaces RSE-3.3)",
           "criterion-removed | RSE-7.4 Contribution à la vie locale",
           "criterion-added | RSE-4.9 Sobriété numérique (chapter 4)",
           "criterion-added | RSE-5.6 Achats inclusifs (chapter 5)",
           // renamed, moved, weight, blocking, threshold, requires, related
           "criterion-changed | RSE-1.5 renamed \"Participation des salariés en parcours à la "
           "gouvernance\" -> \"Expression et participation des salariés en parcours\"",
           "criterion-changed | RSE-5.3 moved from chapter 5 to chapter 7",
           "criterion-changed | RSE-5.3 mappings iso26000: fair-operating-practices -> iso26000: "
           "community-involvement",
           "criterion-changed | RSE-7.2 weight 2 -> 3",
           "criterion-changed | RSE-6.2 now blocking",
           "criterion-changed | RSE-3.5 check indicator heures-formation-parcours: min 14 -> 20",
           "criterion-changed | RSE-4.6 now requires RSE-3.2",
           "criterion-changed | RSE-2.6 related RSE-3.3 -> RSE-3.9",
           "outcome-changed | outcome refused-minimum when not(score(each chapter) >= 20) -> "
           "not(score(each chapter) >= 25)",
       }) {
    EXPECT_THAT(lines, Contains(expected));
  }
  // Nothing else is reported removed: every other criterion id is kept.
  int gone = 0;
  for (const Change& c : diff.changes) {
    if (c.kind == "criterion-removed" || c.kind == "criterion-merged" ||
        c.kind == "criterion-replaced" || (c.kind == "criterion-split" && c.id == "RSE-3.3")) {
      ++gone;
    }
  }
  EXPECT_EQ(gone, 4);
  std::string text = DiffToText(diff, *o.referential, *n.referential);
  EXPECT_THAT(text, HasSubstr("\nCriteria\n"));
  EXPECT_THAT(text, HasSubstr("\n  - RSE-3.3 (split into RSE-3.8, RSE-3.9)\n"));
  EXPECT_THAT(text, HasSubstr("\n  + RSE-4.9 Sobriété numérique (chapter 4)\n"));
  EXPECT_THAT(text, HasSubstr("\n  ~ RSE-7.2 weight 2 -> 3\n"));
}

}  // namespace
}  // namespace sceau
