// Tests of MigrateDossier: a small referential in two versions (kOld, kNew) whose criteria go
// through every case of a migration (carried, reassess, moved, merged, split, dropped, new, a grade
// the new scale lacks), a dossier assessing them, and the exact dossier and report written; then
// the written dossier loaded against the new version, the refusals, the copy of the sections as
// written (and from the model when the top level is a flow map), and the shipped CSR pair.
#include "engine/migrate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/dossier.h"
#include "engine/dossier_loader.h"
#include "engine/referential.h"
#include "engine/referential_loader.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

// How many of `diags` have `code`.
int CountCode(const std::vector<Diagnostic>& diags, std::string_view code) {
  return static_cast<int>(std::count_if(diags.begin(), diags.end(),
                                        [&](const Diagnostic& d) { return d.code == code; }));
}

using ::sceau::testing::Headlines;
using ::sceau::testing::RenderAll;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Version 2026.1. In 2027.1: M-1 unchanged; M-2 requirement rewritten; M-3 and M-4 merged into
// M-5; M-6 kept, and M-7 takes over part of it; M-8 removed; M-9 renumbered M-10; M-11 (AI only)
// unchanged; M-12 new; M-13 (NA allowed) unchanged; M-14 moves to the maturity scale.
constexpr std::string_view kOld = R"yaml(id: mini
version: "2026.1"
title: Mini
scales:
  - id: grades
    type: grades
    grades:
      - {code: C, kind: conforming, label: Conforme, points: 100}
      - {code: PS, kind: observation, label: Point sensible, points: 75}
      - {code: NCm, kind: minor-nc, label: Non-conformité mineure, points: 40}
      - {code: NA, kind: not-applicable, label: Non applicable}
  - id: maturity
    type: maturity
    levels:
      - {code: debut, label: Début, points: 0}
      - {code: avance, label: Avancé, points: 100}
default_scale: grades
chapters:
  - {id: "1", title: Un}
criteria:
  - {id: M-1, chapter: "1", title: Un, requirement: "Exigence un."}
  - id: M-2
    chapter: "1"
    title: Deux
    requirement: "Exigence deux."
    checks: [{type: indicator, indicator: taux, min: 50}]
  - {id: M-3, chapter: "1", title: Trois, requirement: "Exigence trois."}
  - {id: M-4, chapter: "1", title: Quatre, requirement: "Exigence quatre."}
  - {id: M-6, chapter: "1", title: Six, requirement: "Exigence six."}
  - {id: M-8, chapter: "1", title: Huit, requirement: "Exigence huit."}
  - {id: M-9, chapter: "1", title: Neuf, requirement: "Exigence neuf."}
  - {id: M-11, chapter: "1", title: Onze, requirement: "Exigence onze.", applies_to: {kinds: [AI]}}
  - {id: M-13, chapter: "1", title: Treize, requirement: "Exigence treize.", na_allowed: true}
  - {id: M-14, chapter: "1", title: Quatorze, requirement: "Exigence quatorze."}
decision:
  outcomes:
    - {id: granted, decision: granted, label: Accordé}
)yaml";

constexpr std::string_view kNew = R"yaml(id: mini
version: "2027.1"
supersedes: "2026.1"
title: Mini
scales:
  - id: grades
    type: grades
    grades:
      - {code: C, kind: conforming, label: Conforme, points: 100}
      - {code: PS, kind: observation, label: Point sensible, points: 75}
      - {code: NCm, kind: minor-nc, label: Non-conformité mineure, points: 40}
      - {code: NA, kind: not-applicable, label: Non applicable}
  - id: maturity
    type: maturity
    levels:
      - {code: debut, label: Début, points: 0}
      - {code: avance, label: Avancé, points: 100}
default_scale: grades
chapters:
  - {id: "1", title: Un}
criteria:
  - {id: M-1, chapter: "1", title: Un, requirement: "Exigence un."}
  - id: M-2
    chapter: "1"
    title: Deux
    requirement: "Exigence deux, réécrite."
    checks: [{type: indicator, indicator: taux, min: 50}]
  - {id: M-5, chapter: "1", title: Cinq, requirement: "Exigences trois et quatre.",
     replaces: [M-3, M-4]}
  - {id: M-6, chapter: "1", title: Six, requirement: "Exigence six."}
  - {id: M-7, chapter: "1", title: Sept, requirement: "Une partie de six.", replaces: [M-6]}
  - {id: M-10, chapter: "1", title: Neuf, requirement: "Exigence neuf.", replaces: [M-9]}
  - {id: M-11, chapter: "1", title: Onze, requirement: "Exigence onze.", applies_to: {kinds: [AI]}}
  - {id: M-12, chapter: "1", title: Douze, requirement: "Exigence douze."}
  - {id: M-13, chapter: "1", title: Treize, requirement: "Exigence treize.", na_allowed: true}
  - {id: M-14, chapter: "1", title: Quatorze, requirement: "Exigence quatorze.", scale: maturity}
decision:
  outcomes:
    - {id: granted, decision: granted, label: Accordé}
)yaml";

// The head of every dossier below: everything but the assessments.
constexpr std::string_view kHead = R"yaml(# yaml-language-server: $schema=dossier.schema.json
# Dossier de test.
format: 1
referential: {id: mini, version: "2026.1"}

organisation:
  name: "Atelier Test"   # the name as on the statutes
  kind: ACI
  headcount: {permanent: 3, pathway: 12}
  sites:
    - {id: albi, name: "Albi"}
    - {id: castres, name: "Castres"}

audit:
  id: AUD-1
  kind: initial
  start: 2026-10-12
  end: 2026-10-13
  sites_visited: [albi, castres]
  lead_auditor: "Claire Martin"
  decision_maker: "Sophie Bernard"

evidence:
  - {id: E01, kind: procedure, title: "Procédure", date: 2026-01-01}
  - {id: E02, kind: record, title: "Registre", date: 2026-02-01}
  - {id: E03, kind: interview, title: "Entretien", date: 2026-10-12}

)yaml";

constexpr std::string_view kAssessments = R"yaml(assessments:
  M-1: {grade: C, finding: "Conforme.", evidence: [E01]}
  M-2:
    grade: PS
    finding: "Taux suivi, mais pas analysé."
    evidence: [E02]
    indicators: {taux: 55}
  M-3: {grade: NCm, finding: "Pas de suivi.", evidence: [E02]}
  M-4: {grade: C, finding: "Suivi mensuel.", evidence: [E01, E02]}
  M-6:
    findings:
      - {grade: C, text: "Bien à Albi.", evidence: [E03], site: albi}
      - {grade: PS, text: "Fragile à Castres.", site: castres}
  M-8: {grade: C, finding: "Fait.", evidence: [E01]}
  M-9: {grade: C, finding: "Vu.", evidence: [E03]}
  M-13: {grade: NA, na_justification: "Sans objet ici."}
  M-14: {grade: PS, finding: "En cours."}
)yaml";

std::shared_ptr<const Referential> Load(std::string_view text, const std::string& name) {
  ReferentialLoad load = LoadReferentialFromString(name, std::string(text));
  EXPECT_TRUE(load.ok()) << RenderAll(load.diagnostics);
  return load.referential;
}

std::shared_ptr<const Dossier> LoadDossier(const std::string& text,
                                           std::shared_ptr<const Referential> ref) {
  DossierLoad load = LoadDossierFromString("audits/test.yaml", text, FixedReferential(ref));
  EXPECT_TRUE(load.ok()) << RenderAll(load.diagnostics);
  return load.dossier;
}

class MigrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = Load(kOld, "old.yaml");
    new_ = Load(kNew, "new.yaml");
    ASSERT_TRUE(old_ && new_);
  }
  std::shared_ptr<const Referential> old_;
  std::shared_ptr<const Referential> new_;
};

Migration MigrateOk(const std::string& text, std::shared_ptr<const Referential> old_ref,
                    std::shared_ptr<const Referential> new_ref) {
  Migration m;
  auto dossier = LoadDossier(text, old_ref);
  if (!dossier) return m;
  std::string error;
  EXPECT_TRUE(MigrateDossier(text, *dossier, *old_ref, *new_ref, &m, &error)) << error;
  return m;
}

// The new dossier: the head as written (comments included), the new referential, the
// assessments in 2027.1's order, the dropped one in a comment block at the end.
constexpr std::string_view kExpectedDossier =
    R"yaml(# yaml-language-server: $schema=dossier.schema.json
# Dossier de test.
# Migrated by sceau migrate from mini 2026.1 to mini 2027.1: 2 carried, 2 to reassess, 1 moved, 2
# merged, 2 split, 1 dropped, 1 new to assess. Review each "# reassess:" comment and fill in each
# "~" before the audit.
format: 1
referential: {id: mini, version: "2027.1"}

organisation:
  name: "Atelier Test"   # the name as on the statutes
  kind: ACI
  headcount: {permanent: 3, pathway: 12}
  sites:
    - {id: albi, name: "Albi"}
    - {id: castres, name: "Castres"}

audit:
  id: AUD-1
  kind: initial
  start: 2026-10-12
  end: 2026-10-13
  sites_visited: [albi, castres]
  lead_auditor: "Claire Martin"
  decision_maker: "Sophie Bernard"

evidence:
  - {id: E01, kind: procedure, title: "Procédure", date: 2026-01-01}
  - {id: E02, kind: record, title: "Registre", date: 2026-02-01}
  - {id: E03, kind: interview, title: "Entretien", date: 2026-10-12}

assessments:
  M-1:
    grade: C
    finding: "Conforme."
    evidence: [E01]

  # reassess: requirement changed in 2027.1
  #   requirement was: Exigence deux.
  M-2:
    grade: PS
    finding: "Taux suivi, mais pas analysé."
    evidence: [E02]
    indicators: {taux: 55}

  # reassess: merged from M-3 (NCm), M-4 (C): review the findings against the new requirement
  M-5:
    findings:
      - grade: NCm
        text: "[M-3] Pas de suivi."
        evidence: [E02]
      - grade: C
        text: "[M-4] Suivi mensuel."
        evidence: [E01, E02]

  # reassess: split from M-6 (also carried to M-7): keep what concerns M-6
  M-6:
    findings:
      - grade: C
        text: "Bien à Albi."
        evidence: [E03]
        site: albi
      - grade: PS
        text: "Fragile à Castres."
        site: castres

  # reassess: split from M-6 (also carried to M-6): keep what concerns M-7
  M-7:
    findings:
      - grade: C
        text: "Bien à Albi."
        evidence: [E03]
        site: albi
      - grade: PS
        text: "Fragile à Castres."
        site: castres

  # moved: was M-9 in 2026.1
  M-10:
    grade: C
    finding: "Vu."
    evidence: [E03]

  # to assess: Douze (new in 2027.1)
  #   requirement: Exigence douze.
  M-12:
    grade: ~

  M-13:
    grade: NA
    na_justification: "Sans objet ici."

  # reassess: scale changed in 2027.1; grade not carried
  #   scale was grades (C, PS, NCm); now maturity (debut, avance)
  #   M-14 was graded PS, which is not on scale maturity of M-14 (debut, avance): grade it again
  M-14:
    level: ~
    finding: "En cours."

# ---- Not carried to mini 2027.1 ----
# sceau migrate kept these assessments of 2026.1 here, as comments, for the record: no criterion of
# 2027.1 that applies to the organisation takes them over. They are not part of the dossier.
#
# M-8 Huit: not in 2027.1, and no criterion replaces it
# M-8:
#   grade: C
#   finding: "Fait."
#   evidence: [E01]
)yaml";

TEST_F(MigrateTest, WritesTheNewDossier) {
  Migration m = MigrateOk(std::string(kHead) + std::string(kAssessments), old_, new_);
  EXPECT_EQ(m.dossier_yaml, kExpectedDossier);
}

std::string ItemsText(const std::vector<MigrationItem>& items) {
  std::string out;
  for (const MigrationItem& i : items) {
    out += i.kind + " | " + i.old_id + " | " + i.new_id + " | " + i.reason + " | " +
           (i.reassess ? "reassess" : "-") + "\n";
  }
  return out;
}

TEST_F(MigrateTest, ReportsEachAssessment) {
  Migration m = MigrateOk(std::string(kHead) + std::string(kAssessments), old_, new_);
  EXPECT_EQ(ItemsText(m.items),
            "carried | M-1 | M-1 | unchanged | -\n"
            "reassess | M-2 | M-2 | requirement changed | reassess\n"
            "merged | M-3 | M-5 | merged with M-4 into M-5 | reassess\n"
            "merged | M-4 | M-5 | merged with M-3 into M-5 | reassess\n"
            "split | M-6 | M-6 | split into M-6, M-7 | reassess\n"
            "split | M-6 | M-7 | split into M-6, M-7 | reassess\n"
            "moved | M-9 | M-10 | replaced by M-10 | -\n"
            "new |  | M-12 | new in 2027.1 | reassess\n"
            "carried | M-13 | M-13 | unchanged | -\n"
            "reassess | M-14 | M-14 | scale changed; grade not carried: to grade again | reassess\n"
            "dropped | M-8 |  | not in 2027.1, and no criterion replaces it | -\n");
  EXPECT_EQ(
      MigrationReportText(m, *old_, *new_),
      "mini 2026.1 -> 2027.1: 2 carried, 2 to reassess, 1 moved, 2 merged, 2 split, 1 dropped, "
      "1 new to assess\n"
      "  reassess  M-2: requirement changed\n"
      "  merged    M-3 -> M-5: merged with M-4 into M-5\n"
      "  merged    M-4 -> M-5: merged with M-3 into M-5\n"
      "  split     M-6: split into M-6, M-7\n"
      "  split     M-6 -> M-7: split into M-6, M-7\n"
      "  moved     M-9 -> M-10: replaced by M-10\n"
      "  new       M-12: new in 2027.1\n"
      "  reassess  M-14: scale changed; grade not carried: to grade again\n"
      "  dropped   M-8: not in 2027.1, and no criterion replaces it\n"
      "  carried   M-1, M-13\n");
}

// The new dossier loads against 2027.1; its only errors are the grades left to give.
TEST_F(MigrateTest, NewDossierLoadsButForTheGradesToGive) {
  Migration m = MigrateOk(std::string(kHead) + std::string(kAssessments), old_, new_);
  const std::string expected =
      "audits/test-2027.1.yaml:86:5: error: the assessment of 'M-12' has no 'grade' (or 'level', "
      "or 'findings'): the criterion is not graded [missing-key]\n"
      "audits/test-2027.1.yaml:96:5: error: the assessment of 'M-14' has no 'grade' (or 'level', "
      "or 'findings'): the criterion is not graded [missing-key]";
  EXPECT_EQ(Headlines(m.diagnostics), expected);
  DossierLoad load =
      LoadDossierFromString("audits/test-2027.1.yaml", m.dossier_yaml, FixedReferential(new_));
  EXPECT_EQ(Headlines(load.diagnostics), expected);
  // Given their grades, it loads with no diagnostic at all.
  std::string filled = m.dossier_yaml;
  filled.replace(filled.find("    grade: ~"), 12, "    grade: C");
  filled.replace(filled.find("    level: ~"), 12, "    level: debut");
  load = LoadDossierFromString("filled.yaml", filled, FixedReferential(new_));
  EXPECT_TRUE(load.ok());
  EXPECT_EQ(Headlines(load.diagnostics), "");
  EXPECT_EQ(load.referential->version, "2027.1");
  EXPECT_EQ(load.dossier->assessments.size(), 9u);
}

// Every assessment of the old dossier is accounted for, including one the loader ignored.
TEST_F(MigrateTest, NothingSilentlyDropped) {
  std::string text = std::string(kHead) + std::string(kAssessments) + "  M-11: {grade: C}\n";
  auto dossier = LoadDossier(text, old_);
  ASSERT_TRUE(dossier);
  Migration m = MigrateOk(text, old_, new_);
  std::set<std::string> accounted;
  for (const MigrationItem& i : m.items) accounted.insert(i.old_id);
  for (const Assessment& a : dossier->assessments) {
    EXPECT_TRUE(accounted.count(old_->criteria[static_cast<size_t>(a.criterion)].id))
        << old_->criteria[static_cast<size_t>(a.criterion)].id;
  }
  ASSERT_FALSE(m.items.empty());
  EXPECT_EQ(ItemsText({m.items.back()}),
            "dropped | M-11 |  | did not apply to the organisation in 2026.1: its assessment was "
            "ignored and is not carried | -\n");
  EXPECT_THAT(m.dossier_yaml,
              HasSubstr("#\n# M-11: did not apply to the organisation in 2026.1; its assessment "
                        "was ignored\n"));
  // The dropped assessment is kept whole, and commented out.
  EXPECT_THAT(m.dossier_yaml,
              HasSubstr("# M-8:\n#   grade: C\n#   finding: \"Fait.\"\n#   evidence: [E01]\n"));
}

// A version that changes nothing the dossier assessed: everything carried, and the new dossier
// loads with no diagnostic.
TEST_F(MigrateTest, AllCarriedLoadsWithoutError) {
  std::string next(kOld);
  const std::string version = "version: \"2026.1\"";
  next.replace(next.find(version), version.size(), "version: \"2026.2\"\nsupersedes: \"2026.1\"");
  next.replace(next.find("title: Mini"), 11, "title: Mini 2");
  auto next_ref = Load(next, "next.yaml");
  ASSERT_TRUE(next_ref);
  Migration m = MigrateOk(std::string(kHead) + std::string(kAssessments), old_, next_ref);
  for (const MigrationItem& i : m.items) {
    EXPECT_EQ(i.kind, "carried") << i.old_id;
    EXPECT_FALSE(i.reassess);
  }
  EXPECT_EQ(m.items.size(), 9u);
  EXPECT_EQ(Headlines(m.diagnostics), "");
  DossierLoad load = LoadDossierFromString("next.yaml", m.dossier_yaml, FixedReferential(next_ref));
  ASSERT_TRUE(load.ok()) << RenderAll(load.diagnostics);
  EXPECT_EQ(Headlines(load.diagnostics), "");
  EXPECT_EQ(load.dossier->referential_version, "2026.2");
  EXPECT_EQ(load.dossier->organisation.name, "Atelier Test");
  EXPECT_EQ(load.dossier->evidence.size(), 3u);
  // The head is copied as written, but for the referential line.
  std::string head(kHead);
  head.replace(head.find("\"2026.1\""), 8, "\"2026.2\"");
  head.insert(head.find("format: 1"),
              "# Migrated by sceau migrate from mini 2026.1 to mini 2026.2: 9 carried. Review each "
              "\"# reassess:\"\n# comment and fill in each \"~\" before the audit.\n");
  EXPECT_THAT(m.dossier_yaml, StartsWith(head));
  EXPECT_EQ(m.dossier_yaml.find("# ----"), std::string::npos);  // no dropped block
  EXPECT_EQ(MigrationReportText(m, *old_, *next_ref),
            "mini 2026.1 -> 2026.2: 9 carried\n"
            "  carried   M-1, M-2, M-3, M-4, M-6, M-8, M-9, M-13, M-14\n");
}

// A dossier written as one flow map cannot be copied section by section: it is written again
// from the model, and still loads.
TEST_F(MigrateTest, FlowDossierWrittenFromTheModel) {
  std::string text = R"yaml(# A flow dossier.
{format: 1, referential: {id: mini, version: "2026.1"},
 organisation: {name: "Atelier \"Test\"", siret: "443 061 841 00047", kind: ACI, region: Occitanie,
   headcount: {permanent: 3, pathway: 12}, sites: [{id: albi, name: Albi, address: "1 rue, Albi"}]},
 audit: {id: AUD-1, kind: initial, start: 2026-10-12, end: 2026-10-13, sites_visited: [albi],
   lead_auditor: Claire, lead_auditor_id: QA-1, auditors: [Paul], auditor_ids: [QA-2],
   decision_maker: Sophie, decision_maker_id: QA-3,
   scope: {fr: Tout, en: Everything}},
 evidence: [{id: E01, kind: procedure, title: Procédure, date: 2026-01-01, file: preuves/p.pdf}],
 assessments: {M-1: {grade: C, evidence: [E01]}, M-2: {grade: C, indicators: {taux: 55}},
   M-3: {grade: C}, M-4: {grade: C}, M-6: {grade: C}, M-8: {grade: C}, M-9: {grade: C},
   M-13: {grade: C}, M-14: {grade: C}}}
)yaml";
  Migration m = MigrateOk(text, old_, new_);
  EXPECT_THAT(m.dossier_yaml, StartsWith(R"yaml(# A flow dossier.
# Migrated by sceau migrate from mini 2026.1 to mini 2027.1: 2 carried, 2 to reassess, 1 moved, 2
# merged, 2 split, 1 dropped, 1 new to assess. Review each "# reassess:" comment and fill in each
# "~" before the audit.
format: 1
referential: {id: mini, version: "2027.1"}

organisation:
  name: "Atelier \"Test\""
  siret: "44306184100047"
  kind: ACI
  region: "Occitanie"
  headcount: {permanent: 3, pathway: 12}
  sites:
    - {id: albi, name: "Albi", address: "1 rue, Albi"}

audit:
  id: AUD-1
  kind: initial
  start: 2026-10-12
  end: 2026-10-13
  decision_date: 2026-10-13
  sites_visited: [albi]
  lead_auditor: "Claire"
  lead_auditor_id: "QA-1"
  auditors: ["Paul"]
  auditor_ids: ["QA-2"]
  decision_maker: "Sophie"
  decision_maker_id: "QA-3"
  scope: {en: "Everything", fr: "Tout"}

evidence:
  - {id: E01, kind: procedure, title: "Procédure", date: 2026-01-01, file: "preuves/p.pdf"}

assessments:
  M-1:
    grade: C
    evidence: [E01]
)yaml"));
  EXPECT_THAT(Headlines(m.diagnostics), HasSubstr("'M-12' has no 'grade'"));
  // M-12 and M-14; the assessments that load are checked on their own as well (no evidence).
  EXPECT_EQ(CountCode(m.diagnostics, "missing-key"), 2) << RenderAll(m.diagnostics);
  EXPECT_EQ(CountCode(m.diagnostics, "no-evidence"), 6) << RenderAll(m.diagnostics);
  EXPECT_EQ(m.diagnostics.size(), 8u) << RenderAll(m.diagnostics);
}

// The sections keep their order and their comments, whatever the order; document markers are
// no obstacle.
TEST_F(MigrateTest, KeepsTheOrderOfSections) {
  std::string next(kOld);
  const std::string version = "version: \"2026.1\"";
  next.replace(next.find(version), version.size(), "version: \"2026.2\"\nsupersedes: \"2026.1\"");
  auto next_ref = Load(next, "next.yaml");
  ASSERT_TRUE(next_ref);
  std::string head(kHead);
  size_t evidence = head.find("evidence:");
  std::string text = "---\n" + head.substr(0, evidence) + std::string(kAssessments) +
                     "# ---- the register ----\n" + head.substr(evidence) + "...\n";
  Migration m = MigrateOk(text, old_, next_ref);
  EXPECT_EQ(Headlines(m.diagnostics), "");
  EXPECT_THAT(m.dossier_yaml, StartsWith("---\n# yaml-language-server"));
  size_t a = m.dossier_yaml.find("\nassessments:\n");
  size_t e = m.dossier_yaml.find("\n# ---- the register ----\nevidence:\n");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  EXPECT_LT(a, e);
  EXPECT_EQ(m.dossier_yaml.find("\n...\n"), std::string::npos);
  DossierLoad load = LoadDossierFromString("next.yaml", m.dossier_yaml, FixedReferential(next_ref));
  EXPECT_TRUE(load.ok()) << RenderAll(load.diagnostics);
}

// Merging a not-applicable assessment: left out beside real findings, kept when all are NA.
TEST_F(MigrateTest, MergeWithNotApplicable) {
  std::string old_text(kOld);
  std::string m3 = "{id: M-3, chapter: \"1\", title: Trois, requirement: \"Exigence trois.\"";
  old_text.replace(old_text.find(m3), m3.size(), m3 + ", na_allowed: true");
  std::string m4 = "{id: M-4, chapter: \"1\", title: Quatre, requirement: \"Exigence quatre.\"";
  old_text.replace(old_text.find(m4), m4.size(), m4 + ", na_allowed: true");
  std::string new_text(kNew);
  std::string m5 = "replaces: [M-3, M-4]";
  new_text.replace(new_text.find(m5), m5.size(), m5 + ", na_allowed: true");
  auto old_ref = Load(old_text, "old.yaml");
  auto new_ref = Load(new_text, "new.yaml");
  ASSERT_TRUE(old_ref && new_ref);
  std::string assessments(kAssessments);
  std::string line3 = "  M-3: {grade: NCm, finding: \"Pas de suivi.\", evidence: [E02]}";
  assessments.replace(assessments.find(line3), line3.size(),
                      "  M-3: {grade: NA, na_justification: \"Pas d'énergie.\"}");
  Migration m = MigrateOk(std::string(kHead) + assessments, old_ref, new_ref);
  EXPECT_THAT(m.dossier_yaml, HasSubstr(R"yaml(
  # reassess: merged from M-3 (NA), M-4 (C): review the findings against the new requirement
  #   M-3 was graded NA (not applicable: Pas d'énergie.): left out of the merged findings
  M-5:
    grade: C
    finding: "[M-4] Suivi mensuel."
    evidence: [E01, E02]

)yaml"));
  std::string line4 = "  M-4: {grade: C, finding: \"Suivi mensuel.\", evidence: [E01, E02]}";
  assessments.replace(assessments.find(line4), line4.size(),
                      "  M-4: {grade: NA, na_justification: \"Pas d'eau.\"}");
  m = MigrateOk(std::string(kHead) + assessments, old_ref, new_ref);
  EXPECT_THAT(m.dossier_yaml, HasSubstr(R"yaml(
  # reassess: merged from M-3 (NA), M-4 (NA): review the findings against the new requirement
  M-5:
    grade: NA
    na_justification: "[M-3] Pas d'énergie. / [M-4] Pas d'eau."

)yaml"));
  EXPECT_EQ(m.diagnostics.size(), 2u) << RenderAll(m.diagnostics);  // M-12 and M-14 only
}

TEST_F(MigrateTest, Refusals) {
  std::string text = std::string(kHead) + std::string(kAssessments);
  auto dossier = LoadDossier(text, old_);
  ASSERT_TRUE(dossier);
  auto refuse = [&](const Referential& from, const Referential& to) {
    Migration m;
    m.dossier_yaml = "untouched";
    std::string error;
    EXPECT_FALSE(MigrateDossier(text, *dossier, from, to, &m, &error));
    EXPECT_EQ(m.dossier_yaml, "untouched");
    return error;
  };
  std::string skip(kNew);
  skip.replace(skip.find("supersedes: \"2026.1\""), 20, "supersedes: \"2025.1\"");
  EXPECT_EQ(refuse(*old_, *Load(skip, "skip.yaml")),
            "'mini' version '2027.1' supersedes version '2025.1', not '2026.1': migrate version by "
            "version");
  std::string none(kNew);
  none.replace(none.find("supersedes: \"2026.1\"\n"), 21, "");
  EXPECT_EQ(refuse(*old_, *Load(none, "none.yaml")),
            "'mini' version '2027.1' supersedes no version: it cannot take over a dossier for "
            "version '2026.1'");
  std::string other(kNew);
  other.replace(other.find("id: mini"), 8, "id: other");
  EXPECT_EQ(refuse(*old_, *Load(other, "other.yaml")),
            "'other' is another referential than 'mini': a dossier is migrated between versions "
            "of one referential");
  EXPECT_EQ(refuse(*new_, *new_),
            "the dossier is for referential 'mini' version '2026.1', not 'mini' version '2027.1'");
}

TEST(MigratedDossierPathTest, BesideTheDossier) {
  EXPECT_EQ(MigratedDossierPath("audits/tremplin.yaml", "2027.1"), "audits/tremplin-2027.1.yaml");
  EXPECT_EQ(MigratedDossierPath("tremplin.yml", "2027.1"), "tremplin-2027.1.yml");
  EXPECT_EQ(MigratedDossierPath("/a/b/dossier", "v 2/x"), "/a/b/dossier-v-2-x.yaml");
}

// ---- The shipped CSR label: 2026.1 -> 2027.1 --------------------------------------------------

struct CsrPair {
  std::shared_ptr<const Referential> old_ref;
  std::shared_ptr<const Referential> new_ref;
};

// Loads the pair, or returns nulls when it is not shipped.
CsrPair LoadCsrPair() {
  std::string old_path = testing::SourcePath("referentials/rse-iso26000.yaml");
  std::string new_path = testing::SourcePath("referentials/rse-iso26000-2027.yaml");
  if (!std::filesystem::exists(old_path) || !std::filesystem::exists(new_path)) return {};
  ReferentialLoad o = LoadReferentialFile(old_path);
  ReferentialLoad n = LoadReferentialFile(new_path);
  EXPECT_TRUE(o.ok()) << RenderAll(o.diagnostics);
  EXPECT_TRUE(n.ok()) << RenderAll(n.diagnostics);
  return {o.referential, n.referential};
}

// A small dossier for 2026.1: an EI of 43 people on two sites, every criterion at `engage` but
// the few that 2027.1 changes.
std::string CsrDossier(const Referential& ref) {
  std::string out = R"yaml(format: 1
referential: {id: rse-iso26000, version: "2026.1"}
organisation:
  name: "SAS Test"
  kind: EI
  headcount: {permanent: 9, pathway: 34}
  sites: [{id: a, name: A}, {id: b, name: B}]
audit:
  id: AUD-RSE-1
  kind: initial
  start: 2026-09-22
  end: 2026-09-23
  sites_visited: [a, b]
  lead_auditor: "Nadia Ferhat"
  decision_maker: "Sylvie Marchetti"
evidence:
  - {id: E01, kind: record, title: "Registre", date: 2026-03-12}
  - {id: E02, kind: indicator-source, title: "Tableau de bord", date: 2026-09-04}
assessments:
)yaml";
  const std::map<std::string, std::string> special = {
      {"RSE-3.3",
       "{level: confirme, finding: \"AT analysés.\", evidence: [E01], "
       "indicators: {taux-frequence-at: 34.8}}"},
      {"RSE-3.5",
       "{level: confirme, finding: \"27 heures.\", evidence: [E02], "
       "indicators: {heures-formation-parcours: 27}}"},
      {"RSE-4.2", "{level: engage, finding: \"Électricité suivie.\", evidence: [E02]}"},
      {"RSE-4.3", "{level: initial, finding: \"Carburant non suivi.\", evidence: [E01, E02]}"},
      {"RSE-7.4", "{level: engage, finding: \"Actions ponctuelles.\"}"},
  };
  Organisation org;
  org.kind = OrgKind::kEi;
  org.permanent = 9;
  org.pathway = 34;
  org.sites.resize(2);
  for (const Criterion& c : ref.criteria) {
    std::string reason;
    if (!Applies(c, org, &reason)) continue;
    auto it = special.find(c.id);
    out += "  " + c.id + ": " +
           (it != special.end() ? it->second : "{level: engage, finding: \"Vu.\"}") + "\n";
  }
  return out;
}

TEST(ShippedCsrMigrateTest, SmallDossier) {
  CsrPair pair = LoadCsrPair();
  if (!pair.old_ref) GTEST_SKIP() << "the CSR pair is not in referentials/";
  ASSERT_TRUE(pair.new_ref);
  std::string text = CsrDossier(*pair.old_ref);
  Migration m = MigrateOk(text, pair.old_ref, pair.new_ref);
  ASSERT_FALSE(m.dossier_yaml.empty());
  std::vector<std::string> flagged;
  int carried = 0;
  for (const MigrationItem& i : m.items) {
    if (i.kind == "carried") {
      ++carried;
      continue;
    }
    flagged.push_back(ItemsText({i}));
  }
  EXPECT_EQ(flagged,
            (std::vector<std::string>{
                "split | RSE-3.3 | RSE-3.8 | split into RSE-3.8, RSE-3.9 | reassess\n",
                "split | RSE-3.3 | RSE-3.9 | split into RSE-3.8, RSE-3.9 | reassess\n",
                "reassess | RSE-3.5 | RSE-3.5 | checks changed | reassess\n",
                "merged | RSE-4.2 | RSE-4.8 | merged with RSE-4.3 into RSE-4.8 | reassess\n",
                "merged | RSE-4.3 | RSE-4.8 | merged with RSE-4.2 into RSE-4.8 | reassess\n",
                "new |  | RSE-4.9 | new in 2027.1 | reassess\n",
                "new |  | RSE-5.6 | new in 2027.1 | reassess\n",
                "dropped | RSE-7.4 |  | not in 2027.1, and no criterion replaces it | -\n",
            }));
  // Renamed (RSE-1.5), moved (RSE-5.3), reweighted (RSE-7.2), now blocking (RSE-6.2): carried.
  for (const char* id : {"RSE-1.5", "RSE-5.3", "RSE-7.2", "RSE-6.2", "RSE-4.6"}) {
    EXPECT_THAT(ItemsText(m.items),
                HasSubstr(std::string("carried | ") + id + " | " + id + " | unchanged | -\n"));
  }
  EXPECT_EQ(carried + 6, static_cast<int>(m.items.size()) - 2);  // 2 new items have no old id
  // The merged criterion: the lowest level, the findings and evidence together.
  EXPECT_THAT(m.dossier_yaml, HasSubstr(R"yaml(
  # reassess: merged from RSE-4.2 (engage), RSE-4.3 (initial): review the findings against the new
  # requirement
  #   level initial: the lowest of the merged levels
  RSE-4.8:
    level: initial
    finding: "[RSE-4.2] Électricité suivie. / [RSE-4.3] Carburant non suivi."
    evidence: [E02, E01]
)yaml"));
  // The split one: copied to both; the indicator only where it is still checked.
  EXPECT_THAT(m.dossier_yaml, HasSubstr(R"yaml(
  # reassess: split from RSE-3.3 (also carried to RSE-3.9): keep what concerns RSE-3.8
  RSE-3.8:
    level: confirme
    finding: "AT analysés."
    evidence: [E01]
    indicators: {taux-frequence-at: 34.8}
)yaml"));
  EXPECT_THAT(m.dossier_yaml, HasSubstr(R"yaml(
  # reassess: split from RSE-3.3 (also carried to RSE-3.8): keep what concerns RSE-3.9
  #   indicator taux-frequence-at = 34.8 (RSE-3.3) not carried: RSE-3.9 has no check on it
  RSE-3.9:
    level: confirme
    finding: "AT analysés."
    evidence: [E01]
)yaml"));
  EXPECT_THAT(m.dossier_yaml, HasSubstr(R"yaml(
  # reassess: checks changed in 2027.1
  #   checks were: indicator heures-formation-parcours >= 14 heures; now: indicator
  #   heures-formation-parcours >= 20 heures
  RSE-3.5:
    level: confirme
)yaml"));
  EXPECT_THAT(m.dossier_yaml, HasSubstr("\n  RSE-4.9:\n    level: ~\n"));
  EXPECT_THAT(m.dossier_yaml, HasSubstr(R"yaml(
# RSE-7.4 Contribution à la vie locale: not in 2027.1, and no criterion replaces it
# RSE-7.4:
#   level: engage
#   finding: "Actions ponctuelles."
)yaml"));
  // Loads against 2027.1 but for the two new criteria to assess; the assessments that load are
  // checked on their own as well (contradictions, missing checks), as by `sceau check`.
  EXPECT_EQ(CountCode(m.diagnostics, "missing-key"), 2) << RenderAll(m.diagnostics);
  for (const Diagnostic& d : m.diagnostics) {
    EXPECT_TRUE(d.code == "missing-key" || d.code == "contradiction" || d.code == "check-missing" ||
                d.code == "no-evidence" || d.code == "no-finding-text")
        << d.code;
  }
  EXPECT_THAT(Headlines(m.diagnostics), HasSubstr("'RSE-4.9' has no 'grade'"));
  EXPECT_THAT(Headlines(m.diagnostics), HasSubstr("'RSE-5.6' has no 'grade'"));
}

// The shipped sample dossier for 2026.1, migrated whole.
TEST(ShippedCsrMigrateTest, SampleDossier) {
  CsrPair pair = LoadCsrPair();
  std::string path = testing::SourcePath("audits/rse-confirme.yaml");
  if (!pair.old_ref || !std::filesystem::exists(path)) GTEST_SKIP() << "not shipped";
  std::string text = testing::ReadFile(path);
  DossierLoad load = LoadDossierFromString(path, text, FixedReferential(pair.old_ref));
  if (!load.ok() || load.referential->version != "2026.1") GTEST_SKIP() << "not for 2026.1";
  Migration m;
  std::string error;
  ASSERT_TRUE(MigrateDossier(text, *load.dossier, *pair.old_ref, *pair.new_ref, &m, &error))
      << error;
  std::set<std::string> accounted;
  for (const MigrationItem& i : m.items) accounted.insert(i.old_id);
  for (const Assessment& a : load.dossier->assessments) {
    EXPECT_TRUE(accounted.count(pair.old_ref->criteria[static_cast<size_t>(a.criterion)].id));
  }
  for (const Diagnostic& d : m.diagnostics) {
    if (d.severity == Severity::kError) {
      EXPECT_EQ(d.code, "missing-key") << RenderAll({d});
    }
  }
  EXPECT_THAT(m.dossier_yaml, StartsWith("# yaml-language-server: $schema=dossier.schema.json\n"));
  EXPECT_THAT(m.dossier_yaml,
              HasSubstr("\nreferential: {id: rse-iso26000, version: \"2027.1\"}\n"));
}

}  // namespace
}  // namespace sceau
