// No certificate where none is due: a self-assessment, whatever its referential, yields no
// certificate, no lifecycle and nothing the register records; a certification audit against a
// self-assessment referential is refused; a granted member of a refused group holds no
// certificate and says why.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/group.h"
#include "engine/migrate.h"
#include "engine/referential_loader.h"
#include "register/register.h"
#include "reports/json_writer.h"
#include "reports/pdf_writer.h"
#include "reports/report_model.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using ::sceau::testing::Edit;
using ::sceau::testing::Headlines;
using ::sceau::testing::ReadFile;
using ::sceau::testing::RenderAll;
using ::sceau::testing::SourcePath;

struct Audited {
  std::shared_ptr<const Referential> ref;
  DossierLoad load;
  Evaluation eval;
};

// Loads audits/`dossier` (its text passed through `edit`) against referentials/`referential`.
template <typename F>
Audited Audit(const std::string& referential, const std::string& dossier, F edit) {
  Audited a;
  ReferentialLoad ref = LoadReferentialFile(SourcePath("referentials/" + referential));
  EXPECT_TRUE(ref.ok()) << RenderAll(ref.diagnostics);
  a.ref = ref.referential;
  if (!a.ref) return a;
  std::string path = SourcePath("audits/" + dossier);
  a.load = LoadDossierFromString(path, edit(ReadFile(path)), FixedReferential(a.ref));
  if (a.load.ok()) a.eval = Evaluate(*a.ref, *a.load.dossier);
  return a;
}

std::string AsSelfAssessment(const std::string& text) {
  return Edit(text, "  kind: initial\n", "  kind: self-assessment\n");
}
std::string AsIs(const std::string& text) { return text; }
// audits/rse-confirme.yaml (2026.1) carried over to the 2027 edition as `sceau migrate` does, its
// two new criteria graded, made a self-assessment.
std::string As2027SelfAssessment(const std::string& text) {
  ReferentialLoad old_ref = LoadReferentialFile(SourcePath("referentials/rse-iso26000.yaml"));
  ReferentialLoad new_ref = LoadReferentialFile(SourcePath("referentials/rse-iso26000-2027.yaml"));
  EXPECT_TRUE(old_ref.ok() && new_ref.ok());
  if (!old_ref.ok() || !new_ref.ok()) return text;
  DossierLoad old = LoadDossierFromString(SourcePath("audits/rse-confirme.yaml"), text,
                                          FixedReferential(old_ref.referential));
  EXPECT_TRUE(old.ok()) << RenderAll(old.diagnostics);
  Migration m;
  std::string error;
  EXPECT_TRUE(
      MigrateDossier(text, *old.dossier, *old_ref.referential, *new_ref.referential, &m, &error))
      << error;
  std::string migrated = m.dossier_yaml;
  for (size_t at; (at = migrated.find("level: ~")) != std::string::npos;) {
    migrated.replace(at, 8, "level: engage");
  }
  return AsSelfAssessment(migrated);
}

struct Case {
  const char* referential;
  const char* dossier;
  std::string (*edit)(const std::string&);  // AsSelfAssessment for an initial audit's sample
};

TEST(CertificateDue, ASelfAssessmentNeverYieldsACertificate) {
  const std::vector<Case> cases = {
      {"cedre-iso9001.yaml", "granted.yaml", AsSelfAssessment},
      {"rse-iso26000.yaml", "rse-confirme.yaml", AsSelfAssessment},
      {"rse-iso26000-2027.yaml", "rse-confirme.yaml", As2027SelfAssessment},
      {"cap.yaml", "cap-avance.yaml", AsIs},
      {"cap-proxim.yaml", "cap-proxim-services.yaml", AsIs},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.dossier);
    Audited a = Audit(c.referential, c.dossier, c.edit);
    ASSERT_TRUE(a.load.ok()) << RenderAll(a.load.diagnostics);
    const AuditResult& r = a.eval.result;
    EXPECT_EQ(r.decision, Decision::kNone);
    EXPECT_FALSE(r.certificate.has_value());
    EXPECT_FALSE(r.lifecycle.has_value());
    std::string json = ResultToJson(*a.ref, *a.load.dossier, r);
    EXPECT_NE(json.find("\"certificate\": null"), std::string::npos);
    // Nothing for the register.
    RegisterInput in;
    std::string error;
    EXPECT_FALSE(ParseRegisterInput(json, "r.json", &in, &error));
    EXPECT_EQ(error, "r.json: a self-assessment has no certification decision: nothing to record");
    // No certificate page in the PDF, in either language.
    for (const char* lang : {"fr", "en"}) {
      report::Model model;
      ASSERT_TRUE(report::ReadModel(json, &model, &error)) << error;
      PdfOptions options;
      options.lang = lang;
      PdfOutput pdf;
      ASSERT_TRUE(RenderPdf(model, options, &pdf, &error)) << error;
      testing::TempDir dir;
      std::string file = dir.Write("r.pdf", pdf.bytes);
      std::string text = testing::Fold(testing::Shell("pdftotext '" + file + "' - 2>/dev/null"));
      EXPECT_EQ(text.find(std::string(lang) == "fr" ? "Il est certifié que" : "This is to certify"),
                std::string::npos)
          << lang;
      EXPECT_EQ(text.find(std::string(lang) == "fr" ? "Certificat n°" : "Certificate no."),
                std::string::npos)
          << lang;
    }
    if (c.edit != AsIs) {
      // The referential's outcome would have granted: a note says why nothing is.
      ASSERT_FALSE(r.notes.empty());
      EXPECT_EQ(r.notes.back().code, "self-assessment");
      EXPECT_NE(json.find("Auto-évaluation : pas de décision de certification"), std::string::npos);
    }
  }
}

TEST(CertificateDue, ACertificationAuditAgainstASelfAssessmentReferentialIsRefused) {
  for (const char* kind : {"initial", "surveillance", "renewal"}) {
    SCOPED_TRACE(kind);
    Audited a = Audit("cap.yaml", "cap-avance.yaml", [&](const std::string& t) {
      return Edit(t, "  kind: self-assessment\n  start: 2026-05-18\n",
                  std::string("  kind: ") + kind +
                      "\n  decision_maker: \"Odile Fabre\"\n  start: 2026-05-18\n");
    });
    EXPECT_FALSE(a.load.ok());
    std::string h = Headlines(a.load.diagnostics);
    EXPECT_NE(
        h.find(SourcePath("audits/cap-avance.yaml") +
               ":40:9: error: cap 2026.1 is a self-assessment referential (no outcome grants "
               "a certificate): it holds no " +
               std::string(kind) + " audit; use kind self-assessment [unsupported-audit-kind]"),
        std::string::npos)
        << h;
  }
}

TEST(CertificateDue, NoMemberOfARefusedGroupHoldsACertificate) {
  // audits/groups/ges-sentiers-et-berges.yaml: the ACI granted, the EI refused, the ETTI
  // conditional; the group is refused because of the EI.
  ReferentialLoad cedre = LoadReferentialFile(SourcePath("referentials/cedre-iso9001.yaml"));
  ASSERT_TRUE(cedre.ok());
  GroupLoad g = LoadGroupFile(SourcePath("audits/groups/ges-sentiers-et-berges.yaml"),
                              FixedReferential(cedre.referential));
  ASSERT_TRUE(g.ok()) << RenderAll(g.diagnostics);
  std::vector<MemberOutcome> outcomes;
  for (const GroupMember& m : g.members) {
    std::string stem = m.file.substr(0, m.file.rfind('.'));
    outcomes.push_back({stem.substr(stem.rfind('/') + 1), m.evaluation.result.decision});
  }
  GroupDecision decision = DecideGroup(outcomes);
  ASSERT_EQ(decision.decision, Decision::kRefused);
  ASSERT_EQ(decision.caused_by, std::vector<std::string>{"ei-berges-services"});
  const std::vector<Decision> own = {Decision::kGranted, Decision::kRefused,
                                     Decision::kConditional};
  for (size_t i = 0; i < g.members.size(); ++i) {
    SCOPED_TRACE(g.members[i].file);
    const GroupMember& m = g.members[i];
    AuditResult r = m.evaluation.result;
    EXPECT_EQ(r.decision, own[i]);
    ApplyGroupRefusal(*m.load.referential, *m.load.dossier, decision, &r);
    EXPECT_EQ(r.decision, Decision::kRefused);
    EXPECT_FALSE(r.certificate.has_value());
    ASSERT_TRUE(r.lifecycle.has_value());
    EXPECT_EQ(r.lifecycle->state, "refused");
    std::string json = ResultToJson(*m.load.referential, *m.load.dossier, r);
    EXPECT_NE(json.find("\"certificate\": null"), std::string::npos);
    if (own[i] == Decision::kRefused) {
      EXPECT_TRUE(r.notes.empty() || r.notes.back().code != "group-refused");
      continue;
    }
    // Each granted member says why it holds no certificate.
    ASSERT_FALSE(r.notes.empty());
    EXPECT_EQ(r.notes.back().code, "group-refused");
    EXPECT_EQ(r.notes.back().message,
              "Le groupe est refusé (membres en cause : ei-berges-services) : aucun membre du "
              "groupe n'est certifié, même celui-ci, qui remplit lui-même les exigences.");
    ASSERT_FALSE(r.lifecycle->reasons.empty());
    EXPECT_EQ(r.lifecycle->reasons.back().code, "group-refused");
    EXPECT_NE(json.find("Label refusé avec le groupe"), std::string::npos);
    RegisterInput in;
    std::string error;
    ASSERT_TRUE(ParseRegisterInput(json, "r.json", &in, &error)) << error;
    EXPECT_EQ(in.state, "refused");
  }
}

}  // namespace
}  // namespace sceau
