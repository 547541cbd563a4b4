// Unit tests of the evaluator, one rule at a time, on a small referential made for them.
#include "engine/evaluator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/dossier_loader.h"
#include "engine/referential_loader.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Edit;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Headlines;
using testing::RenderAll;

// Chapters: A (weight 1) with sub-chapter A.1 (weight 2); B (weight 3).
// A-1 in A, weight 1, indicator taux >= 50.
// A-2 in A.1, weight 2, requires A-1, evidence of kind record younger than 12 months.
// A-3 in A.1, weight 1, requires A-2, sample of at least 3 with a 2/3 pass rate.
// B-1 in B, weight 1, blocking.
// B-2 in B, weight 1, NA allowed, requires A-1.
// B-3 in B, weight 1, for AI only.
constexpr char kReferential[] = R"yaml(
id: eval-test
version: "1"
title: Référentiel de test de l'évaluateur
scales:
  - id: grades
    type: grades
    grades:
      - {code: PF,  kind: strength,       label: Point fort, points: 100}
      - {code: C,   kind: conforming,     label: Conforme, points: 100}
      - {code: PP,  kind: opportunity,    label: Piste de progrès, points: 90}
      - {code: PS,  kind: observation,    label: Point sensible, points: 75}
      - {code: NCm, kind: minor-nc,       label: Non-conformité mineure, points: 40}
      - {code: NCM, kind: major-nc,       label: Non-conformité majeure, points: 0}
      - {code: NA,  kind: not-applicable, label: Non applicable}
chapters:
  - id: A
    title: Chapitre A
    chapters:
      - {id: A.1, title: Sous-chapitre A.1, weight: 2}
  - {id: B, title: Chapitre B, weight: 3}
criteria:
  - id: A-1
    chapter: A
    title: Premier
    requirement: Exigence A-1.
    checks:
      - {type: indicator, indicator: taux, unit: "%", min: 50}
  - id: A-2
    chapter: A.1
    title: Deuxième
    requirement: Exigence A-2.
    weight: 2
    requires: [A-1]
    checks:
      - {type: evidence, kinds: [record], max_age_months: 12}
  - id: A-3
    chapter: A.1
    title: Troisième
    requirement: Exigence A-3.
    requires: [A-2]
    checks:
      - {type: sample, sample: dossiers, min_size: 3, pass_rate: 0.66}
  - {id: B-1, chapter: B, title: Bloquant, requirement: Exigence B-1., blocking: true}
  - {id: B-2, chapter: B, title: Facultatif, requirement: Exigence B-2., na_allowed: true, requires: [A-1]}
  - {id: B-3, chapter: B, title: Pour les AI, requirement: Exigence B-3., applies_to: {kinds: [AI]}}
decision:
  deadlines: {NCM: 3, NCm: 6, PS: 12}
  validity_months: 36
  surveillance_months: 12
  escalations:
    - {from: NCm, count: 2, within: criterion, to: NCM}
    - {from: PS, count: 2, within: chapter, to: NCm}
  outcomes:
    - {id: refused-blocking, decision: refused, label: Refusé, when: [blocking_failed: {min: 1}]}
    - {id: refused-major, decision: refused, label: Refusé, when: [count: {kind: major-nc, min: 1}]}
    - {id: refused-score, decision: refused, label: Refusé, when: [not: {score: {min: 60}}]}
    - {id: conditional, decision: conditional, label: Sous réserve, when: [count: {kind: minor-nc, min: 1}]}
    - {id: granted, decision: granted, label: Accordé}
)yaml";

// Everything conforming, with the evidence, indicator and sample the checks need.
constexpr char kDossier[] = R"yaml(
referential: {id: eval-test, version: "1"}
organisation:
  name: Atelier Test
  kind: ACI
  headcount: {permanent: 4, pathway: 20}
  sites: [{id: s1, name: Site un}]
audit:
  id: T-1
  kind: initial
  start: 2026-10-12
  end: 2026-10-13
  decision_date: 2026-11-02
  sites_visited: [s1]
  lead_auditor: Claire
  decision_maker: Sophie
evidence:
  - {id: E1, kind: record, title: Registre récent, date: 2026-06-01}
  - {id: E2, kind: record, title: Registre ancien, date: 2025-01-01}
  - {id: E3, kind: record, title: Registre sans date}
  - {id: E4, kind: procedure, title: Procédure, date: 2026-06-01}
assessments:
  A-1:
    grade: C
    evidence: [E4]
    indicators: {taux: 60}
  A-2:
    grade: C
    evidence: [E1]
  A-3:
    grade: C
    evidence: [E4]
    sample: [{id: d1, pass: true}, {id: d2, pass: true}, {id: d3, pass: false}]
  B-1: {grade: C, evidence: [E4]}
  B-2: {grade: C, evidence: [E4]}
)yaml";

std::shared_ptr<const Referential> Ref() {
  static std::shared_ptr<const Referential> ref = [] {
    ReferentialLoad load = LoadReferentialFromString("eval.yaml", kReferential);
    EXPECT_TRUE(load.ok()) << RenderAll(load.diagnostics);
    return load.referential;
  }();
  return ref;
}

struct Run {
  DossierLoad load;
  Evaluation eval;
  const AuditResult& r() const { return eval.result; }
  const CriterionResult& c(const std::string& id) const {
    return eval.result.criteria[static_cast<size_t>(Ref()->FindCriterion(id))];
  }
  const ChapterResult& ch(const std::string& id) const {
    return eval.result.chapters[static_cast<size_t>(Ref()->FindChapter(id))];
  }
  std::string outcome() const {
    return eval.result.outcome >= 0
               ? Ref()->policy.outcomes[static_cast<size_t>(eval.result.outcome)].id
               : "";
  }
  std::vector<std::string> ids(const std::vector<int>& v) const {
    std::vector<std::string> out;
    for (int i : v) out.push_back(Ref()->criteria[static_cast<size_t>(i)].id);
    return out;
  }
};

std::unique_ptr<Run> Evaluate(const std::string& dossier) {
  auto run = std::make_unique<Run>();
  run->load = LoadDossierFromString("dossier.yaml", dossier, FixedReferential(Ref()));
  EXPECT_TRUE(run->load.ok()) << RenderAll(run->load.diagnostics);
  if (run->load.ok()) run->eval = sceau::Evaluate(*Ref(), *run->load.dossier);
  return run;
}

TEST(Evaluator, AllConformingIsGrantedWithACertificate) {
  auto run = Evaluate(kDossier);
  EXPECT_TRUE(run->eval.ok()) << RenderAll(run->eval.diagnostics);
  EXPECT_EQ(Headlines(run->eval.diagnostics), "");
  EXPECT_EQ(run->outcome(), "granted");
  EXPECT_EQ(run->r().decision, Decision::kGranted);
  EXPECT_DOUBLE_EQ(run->r().score, 100);
  EXPECT_EQ(run->r().scored_criteria, 5);
  EXPECT_EQ(run->r().applicable_criteria, 5);  // B-3 is for AI only
  ASSERT_TRUE(run->r().certificate.has_value());
  // Effective on the decision date; 36 months less a day; first surveillance 12 months on.
  EXPECT_EQ(run->r().certificate->effective.ToString(), "2026-11-02");
  EXPECT_EQ(run->r().certificate->expiry.ToString(), "2029-11-01");
  EXPECT_EQ(run->r().certificate->first_surveillance_due.ToString(), "2027-11-02");
  EXPECT_TRUE(run->r().actions.empty());
  // Every outcome before "granted" was tried and did not match, with the observed values.
  ASSERT_EQ(run->r().outcomes.size(), 5u);
  EXPECT_EQ(run->r().outcomes[0].conditions[0].text, "blocking criteria failed = 0, needs >= 1");
  EXPECT_EQ(run->r().outcomes[1].conditions[0].text, "count(kind major-nc) = 0, needs >= 1");
  EXPECT_EQ(run->r().outcomes[2].conditions[0].text, "not (global score = 100, needs >= 60)");
  EXPECT_EQ(run->r().outcomes[2].conditions[0].children[0].text, "global score = 100, needs >= 60");
  EXPECT_FALSE(run->r().outcomes[3].matched);
  EXPECT_TRUE(run->r().outcomes[4].matched);
}

TEST(Evaluator, ApplicabilityFollowsTheOrganisation) {
  auto run = Evaluate(kDossier);
  EXPECT_FALSE(run->c("B-3").applicable);
  EXPECT_EQ(run->c("B-3").not_applicable_reason, "applies only to AI");
  // As an AI, B-3 applies and must be assessed.
  auto ai =
      Evaluate(Edit(Edit(kDossier, "kind: ACI", "kind: AI"), "  B-2: {grade: C, evidence: [E4]}\n",
                    "  B-2: {grade: C, evidence: [E4]}\n  B-3: {grade: C, evidence: [E4]}\n"));
  EXPECT_TRUE(ai->c("B-3").applicable);
  EXPECT_TRUE(ai->c("B-3").assessed);
  EXPECT_EQ(ai->r().applicable_criteria, 6);

  Organisation org;
  org.kind = OrgKind::kAci;
  org.permanent = 5;
  org.pathway = 5;
  org.sites.resize(1);
  Criterion c;
  c.applies.headcount.min = 11;
  std::string reason;
  EXPECT_FALSE(Applies(c, org, &reason));
  EXPECT_EQ(reason, "applies to a headcount of at least 11 (here 10)");
  org.pathway = 6;
  EXPECT_TRUE(Applies(c, org, &reason));
  c.applies.sites.min = 2;
  c.applies.sites.max = 4;
  EXPECT_FALSE(Applies(c, org, &reason));
  EXPECT_EQ(reason, "applies to 2 to 4 sites (here 1)");
}

TEST(Evaluator, IndicatorCheck) {
  auto run = Evaluate(kDossier);
  const CheckResult& pass = run->c("A-1").checks.at(0);
  EXPECT_EQ(pass.status, CheckStatus::kPass);
  EXPECT_EQ(pass.observed, 60);
  EXPECT_EQ(pass.detail, "indicateur taux : 60 % (attendu : au moins 50 %)");
  auto missing = Evaluate(Edit(kDossier, "    indicators: {taux: 60}\n", ""));
  EXPECT_EQ(missing->c("A-1").checks.at(0).status, CheckStatus::kMissing);
  EXPECT_EQ(Headlines(missing->eval.diagnostics),
            "dossier.yaml:23:3: warning: criterion 'A-1': a check could not run: indicateur taux "
            "non renseigné (attendu : au moins 50 %) [check-missing]");
  EXPECT_TRUE(missing->eval.ok());  // a warning: the grade stands
}

TEST(Evaluator, ContradictionIsAnErrorUnlessOverridden) {
  std::string low = Edit(kDossier, "{taux: 60}", "{taux: 45}");
  auto run = Evaluate(low);
  EXPECT_FALSE(run->eval.ok());
  EXPECT_EQ(Headlines(run->eval.diagnostics),
            "dossier.yaml:24:12: error: criterion 'A-1' is graded C, but the referential's check "
            "fails (indicateur taux : 45 % (attendu : au moins 50 %)): correct the grade, or "
            "justify it with 'override' [contradiction]");
  EXPECT_TRUE(run->c("A-1").contradiction);
  EXPECT_FALSE(run->c("A-1").overridden);

  auto kept =
      Evaluate(Edit(low, "    indicators: {taux: 45}\n",
                    "    indicators: {taux: 45}\n    override: Effectif réduit cette année.\n"));
  EXPECT_TRUE(kept->eval.ok()) << RenderAll(kept->eval.diagnostics);
  EXPECT_TRUE(kept->c("A-1").overridden);
  ASSERT_EQ(kept->r().notes.size(), 1u);
  EXPECT_EQ(kept->r().notes[0].code, "override");
  EXPECT_THAT(kept->r().notes[0].message, HasSubstr("Effectif réduit cette année."));
  EXPECT_EQ(kept->r().notes[0].terms, (std::vector<std::pair<std::string, std::string>>{
                                          {"justification", "Effectif réduit cette année."}}));

  // A failing check under a nonconformity is no contradiction: the grade says it is not met.
  auto nc =
      Evaluate(Edit(low, "  A-1:\n    grade: C", "  A-1:\n    grade: NCm\n    finding: Taux bas."));
  EXPECT_TRUE(nc->eval.ok()) << RenderAll(nc->eval.diagnostics);
  EXPECT_FALSE(nc->c("A-1").contradiction);
}

TEST(Evaluator, EvidenceCheckCountsOnlyFreshEvidenceOfTheKind) {
  EXPECT_EQ(Evaluate(kDossier)->c("A-2").checks.at(0).status, CheckStatus::kPass);
  // Start 2026-10-12, 12 months: evidence dated before 2025-10-12 or undated does not count.
  for (const char* cited : {"[E2]", "[E3]", "[E4]"}) {
    std::string d = Edit(
        kDossier, "    grade: C\n    evidence: [E1]\n",
        std::string("    grade: NCm\n    finding: Rien de récent.\n    evidence: ") + cited + "\n");
    auto run = Evaluate(d);
    EXPECT_EQ(run->c("A-2").checks.at(0).status, CheckStatus::kFail) << cited;
  }
  auto stale =
      Evaluate(Edit(kDossier, "    grade: C\n    evidence: [E1]\n",
                    "    grade: PS\n    finding: Registre ancien.\n    evidence: [E2, E3]\n"));
  EXPECT_EQ(stale->c("A-2").checks.at(0).detail,
            "preuves de type record de moins de 12 mois : 0 citée(s), 1 attendue(s) (2 trop "
            "ancienne(s) ou non datée(s))");
}

TEST(Evaluator, SampleCheckNeedsSizeAndPassRate) {
  auto run = Evaluate(kDossier);
  const CheckResult& s = run->c("A-3").checks.at(0);
  EXPECT_EQ(s.status, CheckStatus::kPass);  // 2 of 3 = 66.7 % >= 66 %
  EXPECT_EQ(s.detail,
            "échantillon (dossiers) : 2/3 conformes, 66,7 % (attendu : au moins 3 "
            "éléments et 66 %)");
  auto small = Evaluate(
      Edit(kDossier, ", {id: d3, pass: false}]", "]\n    override: Deux dossiers seulement."));
  EXPECT_EQ(small->c("A-3").checks.at(0).status, CheckStatus::kFail);  // 2 items < 3
  EXPECT_TRUE(small->c("A-3").overridden);
}

TEST(Evaluator, ScoresAreWeightedMeansWithNaExcluded) {
  // A-1 NCm (40), A-2 PS (75), A-3 C (100), B-1 C (100), B-2 NA.
  std::string d = Edit(kDossier, "  A-1:\n    grade: C\n",
                       "  A-1:\n    grade: NCm\n    finding: Taux non suivi.\n");
  d = Edit(d, "    grade: C\n    evidence: [E1]\n",
           "    grade: PS\n    finding: Registre à compléter.\n    evidence: [E1]\n");
  d = Edit(d, "  B-2: {grade: C, evidence: [E4]}",
           "  B-2: {grade: NA, na_justification: Sans objet ici.}");
  auto run = Evaluate(d);
  ASSERT_TRUE(run->eval.ok()) << RenderAll(run->eval.diagnostics);
  // A.1 holds A-2 (weight 2) and A-3 (weight 1): (2 x 75 + 1 x 100) / 3 = 83.33.
  EXPECT_NEAR(run->ch("A.1").score, 250.0 / 3, 1e-9);
  // A: A-1 counts 1; A-2 and A-3 count their weight times A.1's weight 2: 4 and 2.
  // (1 x 40 + 4 x 75 + 2 x 100) / 7 = 540 / 7 = 77.14.
  EXPECT_NEAR(run->ch("A").score, 540.0 / 7, 1e-9);
  // B: only B-1 (B-2 is NA): 100.
  EXPECT_DOUBLE_EQ(run->ch("B").score, 100);
  EXPECT_EQ(run->ch("B").scored_criteria, 1);
  // Global: every chapter weight on the path: A-1 1, A-2 4, A-3 2, B-1 1 x 3 = 3.
  // (40 + 300 + 200 + 300) / 10 = 84.
  EXPECT_NEAR(run->r().score, 84.0, 1e-9);
  EXPECT_EQ(run->r().not_applicable, 1);
  EXPECT_EQ(run->r().scored_criteria, 4);
  EXPECT_TRUE(run->c("B-2").na);
  EXPECT_FALSE(run->c("B-2").scored);
  EXPECT_EQ(run->outcome(), "conditional");  // one minor, score 84 >= 60
  EXPECT_EQ(run->r().grade_counts.at("NCm"), 1);
  EXPECT_EQ(run->r().grade_counts.at("NA"), 1);
}

TEST(Evaluator, FailuresPropagateAndGapsGroupUnderRootCauses) {
  std::string d = Edit(kDossier, "  A-1:\n    grade: C\n",
                       "  A-1:\n    grade: NCm\n    finding: Taux non suivi.\n");
  d = Edit(d, "    grade: C\n    evidence: [E1]\n",
           "    grade: PS\n    finding: Registre à compléter.\n    evidence: [E1]\n");
  auto run = Evaluate(d);
  EXPECT_TRUE(run->c("A-1").failing);
  EXPECT_FALSE(run->c("A-1").impacted);
  EXPECT_TRUE(run->c("A-2").impacted);  // requires A-1
  EXPECT_TRUE(run->c("A-3").impacted);  // requires A-2, which requires A-1
  EXPECT_TRUE(run->c("B-2").impacted);
  EXPECT_EQ(run->ids(run->c("A-2").failing_prerequisites), (std::vector<std::string>{"A-1"}));
  EXPECT_EQ(run->ids(run->c("A-3").failing_prerequisites), (std::vector<std::string>{"A-2"}));
  EXPECT_EQ(run->ids(run->c("A-2").root_causes), (std::vector<std::string>{"A-1"}));
  EXPECT_EQ(run->ids(run->c("A-1").root_causes), (std::vector<std::string>{"A-1"}));
  ASSERT_EQ(run->r().root_causes.size(), 1u);
  EXPECT_EQ(run->ids({run->r().root_causes[0].root}), (std::vector<std::string>{"A-1"}));
  EXPECT_EQ(run->ids(run->r().root_causes[0].gaps), (std::vector<std::string>{"A-1", "A-2"}));
}

TEST(Evaluator, AFailingCriterionWithAFailingPrerequisiteIsNotARoot) {
  std::string d = Edit(kDossier, "  A-1:\n    grade: C\n",
                       "  A-1:\n    grade: NCm\n    finding: Taux non suivi.\n");
  d = Edit(d, "    grade: C\n    evidence: [E1]\n",
           "    grade: NCm\n    finding: Registre absent.\n    evidence: [E1]\n");
  auto run = Evaluate(d);
  EXPECT_EQ(run->ids(run->c("A-2").root_causes), (std::vector<std::string>{"A-1"}));
  ASSERT_EQ(run->r().root_causes.size(), 1u);
  EXPECT_EQ(run->ids(run->r().root_causes[0].gaps), (std::vector<std::string>{"A-1", "A-2"}));
  // The action on A-2 comes after its root cause A-1.
  ASSERT_EQ(run->r().actions.size(), 2u);
  EXPECT_EQ(run->ids(run->r().actions[1].after), (std::vector<std::string>{"A-1"}));
}

TEST(Evaluator, ActionsPutRootCausesFirstThenTheGravest) {
  // A-1 NCm is the root cause of A-2 NCM (A-2 requires A-1); B-1 NCM stands alone.
  std::string d = Edit(kDossier, "  A-1:\n    grade: C\n",
                       "  A-1:\n    grade: NCm\n    finding: Suivi irrégulier.\n");
  d = Edit(d, "    grade: C\n    evidence: [E1]\n",
           "    grade: NCM\n    finding: Registre absent.\n    evidence: [E1]\n");
  d = Edit(d, "  B-1: {grade: C, evidence: [E4]}", "  B-1: {grade: NCM, finding: Absent.}");
  auto run = Evaluate(d);
  ASSERT_TRUE(run->eval.ok()) << RenderAll(run->eval.diagnostics);
  std::vector<std::string> order;
  for (const Action& a : run->r().actions)
    order.push_back(Ref()->criteria[static_cast<size_t>(a.criterion)].id);
  // B-1 (major, free) first; A-2 is graver than A-1 but waits for its root cause A-1.
  EXPECT_EQ(order, (std::vector<std::string>{"B-1", "A-1", "A-2"}));
  EXPECT_EQ(run->ids(run->r().actions[2].after), (std::vector<std::string>{"A-1"}));
  // Deadlines from the decision date 2026-11-02: NCM 3 months, NCm 6.
  EXPECT_EQ(run->r().actions[0].due->ToString(), "2027-02-02");
  EXPECT_EQ(run->r().actions[1].due->ToString(), "2027-05-02");
  EXPECT_EQ(run->r().actions[2].due->ToString(), "2027-02-02");
  EXPECT_EQ(run->r().actions[1].deadline_months, 6);
  EXPECT_EQ(run->outcome(), "refused-blocking");  // B-1 is blocking and fails
  EXPECT_FALSE(run->r().certificate.has_value());
}

TEST(Evaluator, AnObservationDoesNotHoldBackGraverActions) {
  // A-1 PS is a prerequisite of A-2 NCm, but an observation is no cause: gravest first.
  std::string d = Edit(kDossier, "  A-1:\n    grade: C\n",
                       "  A-1:\n    grade: PS\n    finding: Suivi irrégulier.\n");
  d = Edit(d, "    grade: C\n    evidence: [E1]\n",
           "    grade: NCm\n    finding: Registre incomplet.\n    evidence: [E1]\n");
  auto run = Evaluate(d);
  std::vector<std::string> order;
  for (const Action& a : run->r().actions)
    order.push_back(Ref()->criteria[static_cast<size_t>(a.criterion)].id);
  EXPECT_EQ(order, (std::vector<std::string>{"A-2", "A-1"}));
  EXPECT_EQ(run->r().actions[1].due->ToString(), "2027-11-02");  // PS: 12 months
}

TEST(Evaluator, ANotApplicableCriterionIsNeverImpacted) {
  std::string d =
      Edit(kDossier, "  A-1:\n    grade: C\n", "  A-1:\n    grade: NCm\n    finding: X.\n");
  auto run = Evaluate(d);
  EXPECT_TRUE(run->c("B-2").impacted);   // applies, requires A-1
  EXPECT_FALSE(run->c("B-3").impacted);  // does not apply to an ACI (and requires nothing)
}

TEST(Evaluator, ThresholdsAreInclusive) {
  // Indicator exactly at its minimum; a sample exactly at its pass rate; evidence exactly at its
  // maximum age (start 2026-10-12 - 12 months = 2025-10-12).
  std::string d = Edit(kDossier, "{taux: 60}", "{taux: 50}");
  d = Edit(d, "  - {id: E2, kind: record, title: Registre ancien, date: 2025-01-01}",
           "  - {id: E2, kind: record, title: Registre ancien, date: 2025-10-12}");
  d = Edit(d, "    grade: C\n    evidence: [E1]\n", "    grade: C\n    evidence: [E2]\n");
  auto run = Evaluate(d);
  EXPECT_TRUE(run->eval.ok()) << RenderAll(run->eval.diagnostics);
  EXPECT_EQ(run->c("A-1").checks.at(0).status, CheckStatus::kPass);
  EXPECT_EQ(run->c("A-2").checks.at(0).status, CheckStatus::kPass);
  // 4 of 5 = 0.8 against a pass rate of 0.8: passes despite floating point.
  Referential ref = *Ref();
  ref.criteria[static_cast<size_t>(ref.FindCriterion("A-3"))].checks[0].pass_rate = 0.8;
  std::string five =
      Edit(kDossier, "sample: [{id: d1, pass: true}, {id: d2, pass: true}, {id: d3, pass: false}]",
           "sample: [{id: d1, pass: true}, {id: d2, pass: true}, {id: d3, pass: true}, "
           "{id: d4, pass: true}, {id: d5, pass: false}]");
  DossierLoad load = LoadDossierFromString("dossier.yaml", five, FixedReferential(Ref()));
  ASSERT_TRUE(load.ok());
  Evaluation e = sceau::Evaluate(ref, *load.dossier);
  EXPECT_EQ(e.result.criteria[static_cast<size_t>(ref.FindCriterion("A-3"))].checks[0].status,
            CheckStatus::kPass);
}

TEST(Evaluator, EachDecisionBranch) {
  auto grade = [](std::string d, const char* id, const char* g) {
    return Edit(d, std::string("  ") + id + ": {grade: C, evidence: [E4]}",
                std::string("  ") + id + ": {grade: " + g + ", finding: Constat.}");
  };
  EXPECT_EQ(Evaluate(grade(kDossier, "B-1", "NCm"))->outcome(), "refused-blocking");
  EXPECT_EQ(Evaluate(grade(kDossier, "B-2", "NCM"))->outcome(), "refused-major");
  EXPECT_EQ(Evaluate(grade(kDossier, "B-2", "NCm"))->outcome(), "conditional");
  EXPECT_EQ(Evaluate(grade(kDossier, "B-2", "PS"))->outcome(), "granted");
  // Every criterion NCm but B-1: (40 + 4 x 40 + 2 x 40 + 3 x 100 + 3 x 40) / 13... B-2 weighs
  // 1 x 3: (40 + 160 + 80 + 300 + 120) / 13 = 700 / 13 = 53.8 < 60: refused on the score before
  // the minors make it conditional.
  std::string low =
      Edit(kDossier, "  A-1:\n    grade: C\n", "  A-1:\n    grade: NCm\n    finding: X.\n");
  low = Edit(low, "    grade: C\n    evidence: [E1]\n",
             "    grade: NCm\n    finding: X.\n    evidence: [E1]\n");
  low = Edit(low, "  A-3:\n    grade: C\n", "  A-3:\n    grade: NCm\n    finding: X.\n");
  low = grade(low, "B-2", "NCm");
  auto run = Evaluate(low);
  EXPECT_NEAR(run->r().score, 700.0 / 13, 1e-9);
  EXPECT_EQ(run->outcome(), "refused-score");
}

TEST(Evaluator, SeveralMinorsOnOneCriterionCountAsAMajor) {
  std::string d =
      Edit(kDossier, "  B-2: {grade: C, evidence: [E4]}",
           "  B-2:\n    findings:\n      - {grade: NCm, text: Premier constat., site: s1}\n"
           "      - {grade: NCm, text: Second constat.}");
  auto run = Evaluate(d);
  EXPECT_TRUE(run->c("B-2").escalated);
  EXPECT_EQ(Ref()->scales[0].grades[static_cast<size_t>(run->c("B-2").auditor_grade)].code, "NCm");
  EXPECT_EQ(Ref()->scales[0].grades[static_cast<size_t>(run->c("B-2").grade)].code, "NCM");
  EXPECT_DOUBLE_EQ(run->c("B-2").points, 0);
  EXPECT_EQ(run->outcome(), "refused-major");
  // One minor alone does not escalate.
  auto one = Evaluate(Edit(kDossier, "  B-2: {grade: C, evidence: [E4]}",
                           "  B-2:\n    findings:\n      - {grade: NCm, text: Seul constat.}\n"
                           "      - {grade: PS, text: Autre.}"));
  EXPECT_FALSE(one->c("B-2").escalated);
  EXPECT_EQ(one->outcome(), "conditional");
}

TEST(Evaluator, SeveralObservationsInAChapterAddASystemicFinding) {
  // PS on A-2 and A-3, both in chapter A: two PS in one chapter count as one more NCm.
  std::string d = Edit(kDossier, "    grade: C\n    evidence: [E1]\n",
                       "    grade: PS\n    finding: Y.\n    evidence: [E1]\n");
  d = Edit(d, "  A-3:\n    grade: C\n", "  A-3:\n    grade: PS\n    finding: Z.\n");
  auto run = Evaluate(d);
  ASSERT_EQ(run->r().chapter_escalations.size(), 1u);
  EXPECT_EQ(run->ids(run->r().chapter_escalations[0].criteria),
            (std::vector<std::string>{"A-2", "A-3"}));
  EXPECT_EQ(run->ch("A").systemic, 1);
  EXPECT_EQ(run->r().grade_counts.at("NCm"), 1);  // the systemic finding
  EXPECT_EQ(run->r().grade_counts.at("PS"), 2);
  EXPECT_EQ(run->outcome(), "conditional");
  // Scores are not touched: (1 x 100 + 4 x 75 + 2 x 75 + 3 x 100 + 3 x 100) / 13 = 1150 / 13.
  EXPECT_NEAR(run->r().score, 1150.0 / 13, 1e-9);
}

TEST(Evaluator, ReviewsConsistencyLikeACarefulReader) {
  std::string d = Edit(kDossier, "  B-1: {grade: C, evidence: [E4]}", "  B-1: {grade: PF}");
  d = Edit(d, "  B-2: {grade: C, evidence: [E4]}", "  B-2: {grade: NCm}");
  auto run = Evaluate(d);
  EXPECT_TRUE(run->eval.ok());
  EXPECT_EQ(Headlines(run->eval.diagnostics),
            "dossier.yaml:34:3: warning: criterion 'B-1' is graded PF (a strength) but cites no "
            "evidence [no-evidence]\n"
            "dossier.yaml:35:3: warning: criterion 'B-2' is graded NCm but has no finding text: "
            "say what was observed [no-finding-text]");
}

TEST(Evaluator, IsDeterministic) {
  auto a = Evaluate(kDossier);
  auto b = Evaluate(kDossier);
  EXPECT_EQ(a->r().score, b->r().score);
  EXPECT_EQ(a->r().outcomes.size(), b->r().outcomes.size());
}

}  // namespace
}  // namespace sceau

namespace sceau {
namespace {

// A maturity criterion whose indicator target stands for the "confirme" level.
TEST(Evaluator, ACheckFromALevelContradictsOnlyRatingsFromThatLevel) {
  ReferentialLoad ref = LoadReferentialFromString("m.yaml", R"yaml(
id: maturite
version: "1"
title: Maturité
scales:
  - id: m
    type: maturity
    pass_from: engage
    levels:
      - {code: initial, label: Initial, points: 0}
      - {code: engage, label: Engagé, points: 35}
      - {code: confirme, label: Confirmé, points: 65}
chapters: [{id: A, title: A}]
criteria:
  - id: M-1
    chapter: A
    title: Achats locaux
    requirement: La part des achats locaux est mesurée puis atteint 30 %.
    checks: [{type: indicator, indicator: part, min: 30, from_level: confirme}]
decision:
  outcomes: [{id: fin, decision: none, label: Fin}]
)yaml");
  ASSERT_TRUE(ref.ok()) << RenderAll(ref.diagnostics);
  EXPECT_EQ(ref.referential->criteria[0].checks[0].from_level, 2);
  auto audit = [&](const std::string& level) {
    std::string d = R"yaml(
referential: {id: maturite, version: "1"}
organisation: {name: X, kind: AI, headcount: {permanent: 1, pathway: 9}, sites: [{id: s, name: S}]}
audit: {id: M, kind: self-assessment, start: 2026-01-05, end: 2026-01-05, sites_visited: [s], lead_auditor: Anne}
assessments:
  M-1: {level: LEVEL, finding: Part mesurée., indicators: {part: 22}}
)yaml";
    d.replace(d.find("LEVEL"), 5, level);
    DossierLoad load = LoadDossierFromString("d.yaml", d, FixedReferential(ref.referential));
    EXPECT_TRUE(load.ok()) << RenderAll(load.diagnostics);
    return sceau::Evaluate(*ref.referential, *load.dossier);
  };
  // Engagé with 22 %: the target is Confirmé's, so no contradiction.
  Evaluation engage = audit("engage");
  EXPECT_TRUE(engage.ok()) << RenderAll(engage.diagnostics);
  EXPECT_FALSE(engage.result.criteria[0].contradiction);
  EXPECT_EQ(engage.result.criteria[0].checks[0].status, CheckStatus::kFail);
  // Confirmé with 22 %: a contradiction.
  Evaluation confirme = audit("confirme");
  EXPECT_FALSE(confirme.ok());
  EXPECT_TRUE(confirme.result.criteria[0].contradiction);
  // from_level on a grades scale is refused.
  ReferentialLoad bad = LoadReferentialFromString("g.yaml", R"yaml(id: g
version: "1"
title: G
scales: [{id: g, type: grades, grades: [{code: C, kind: conforming, label: C, points: 100}]}]
chapters: [{id: A, title: A}]
criteria:
  - {id: G-1, chapter: A, title: T, requirement: R., checks: [{type: indicator, indicator: x, min: 1, from_level: haut}]}
decision:
  outcomes: [{id: fin, decision: none, label: Fin}]
)yaml");
  EXPECT_EQ(Headlines(bad.diagnostics),
            "g.yaml:7:115: error: 'from_level' of check 1 of criterion 'G-1' needs a maturity "
            "scale; 'g' is a grades scale [unexpected-key]");
}

}  // namespace
}  // namespace sceau
