// The certification cycle in the member's report, the group report and the network dashboard,
// tested as a reader sees them: the JSON read into the report models, then the PDFs checked with
// qpdf, and their text (pdftotext) and word positions (pdftotext -bbox) compared with what the
// results say. The inputs are the results in tests/data/results/.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "reports/pdf_writer.h"
#include "reports/report_model.h"
#include "reports/summary.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Fold;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ReadFile;
using testing::RunSceau;
using testing::Shell;
using testing::SourcePath;
using testing::TempDir;

std::string Result(const std::string& name) {
  return ReadFile(SourcePath("tests/data/results/" + name));
}

// A rendered document on disk, with its text.
struct Pdf {
  TempDir dir;
  std::string path;
  PdfOutput out;
  std::string text;  // folded
  std::string raw;   // folded, in drawing order (pdftotext -raw): for charts and tiles
  int pages = 0;
  std::string Page(int p) const {
    return Fold(Shell(fmt::format("pdftotext -f {0} -l {0} '{1}' -", p, path)));
  }
};

enum class Kind { kMember, kGroup, kSummary };

std::unique_ptr<Pdf> Render(Kind kind, const std::string& json, const std::string& lang = "fr") {
  auto pdf = std::make_unique<Pdf>();
  PdfOptions options;
  options.lang = lang;
  std::string error;
  bool ok = false;
  if (kind == Kind::kMember) {
    report::Model model;
    EXPECT_TRUE(report::ReadModel(json, &model, &error)) << error;
    ok = RenderPdf(model, options, &pdf->out, &error);
  } else if (kind == Kind::kGroup) {
    ok = RenderGroupPdf(json, options, &pdf->out, &error);
  } else {
    ok = RenderSummaryPdf(json, options, &pdf->out, &error);
  }
  EXPECT_TRUE(ok) << error;
  pdf->path = pdf->dir.path() + "/doc.pdf";
  std::ofstream(pdf->path, std::ios::binary) << pdf->out.bytes;
  pdf->text = Fold(Shell("pdftotext '" + pdf->path + "' -"));
  pdf->raw = Fold(Shell("pdftotext -raw '" + pdf->path + "' -"));
  pdf->pages = pdf->out.pages;
  return pdf;
}

// Every word lies on the page, within the margins (nothing drawn off the page or over the edge).
void ExpectWordsInsideMargins(const Pdf& pdf) {
  std::string bbox = Shell("pdftotext -bbox '" + pdf.path + "' -");
  std::regex word(
      "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)<");
  int words = 0;
  for (auto it = std::sregex_iterator(bbox.begin(), bbox.end(), word); it != std::sregex_iterator();
       ++it) {
    ++words;
    double x0 = std::stod((*it)[1]), y0 = std::stod((*it)[2]), x1 = std::stod((*it)[3]),
           y1 = std::stod((*it)[4]);
    EXPECT_GE(x0, 40.0) << (*it)[5];
    EXPECT_LE(x1, 595.3 - 40.0) << (*it)[5];
    EXPECT_GE(y0, 10.0) << (*it)[5];
    EXPECT_LE(y1, 841.9 - 10.0) << (*it)[5];
  }
  EXPECT_GT(words, 100);
}

void ExpectValidWithFooters(const Pdf& pdf) {
  int status = -1;
  Shell("qpdf --check '" + pdf.path + "'", &status);
  EXPECT_EQ(status, 0) << "qpdf --check fails";
  for (int p = 1; p <= pdf.pages; ++p) {
    EXPECT_THAT(pdf.Page(p), HasSubstr(fmt::format("Page {} / {}", p, pdf.pages)));
  }
}

// ---- the report models ------------------------------------------------------------------------

TEST(ReportModel, ReadsTheCertificationCycle) {
  report::Model m;
  std::string error;
  ASSERT_TRUE(report::ReadModel(Result("surveillance-cycle.json"), &m, &error)) << error;
  const report::Lifecycle& l = m.lifecycle;
  EXPECT_TRUE(l.present);
  EXPECT_TRUE(l.has_previous);
  EXPECT_EQ(l.previous_audit_id, "AUD-2026-052");
  EXPECT_EQ(l.previous_decision, "conditional");
  EXPECT_EQ(l.state, "maintained");
  EXPECT_EQ(l.state_date, "2027-06-28");
  EXPECT_EQ(l.cycle_start, "2026-06-09");
  EXPECT_EQ(l.expiry, "2029-06-08");
  EXPECT_EQ(l.surveillances_done, 1);
  EXPECT_EQ(l.due, "2027-06-09");
  ASSERT_TRUE(l.on_time.has_value());
  EXPECT_FALSE(*l.on_time);
  EXPECT_EQ(l.next_kind, "surveillance");
  EXPECT_EQ(l.next_due, "2028-06-09");
  ASSERT_EQ(l.reasons.size(), 1u);
  EXPECT_EQ(l.reasons[0].code, "late-surveillance");

  ASSERT_EQ(m.follow_up.size(), 3u);
  const report::FollowUp& f = m.follow_up[1];
  EXPECT_EQ(f.criterion, "C-IAE.4.3");
  EXPECT_EQ(f.previous_grade, "NCm");
  EXPECT_EQ(f.status, "in-progress");
  EXPECT_EQ(f.date, "");
  EXPECT_EQ(f.effect, "escalated");
  EXPECT_EQ(f.grade, "NCM");
  EXPECT_EQ(f.sites_open, std::vector<std::string>{"luce"});
  EXPECT_EQ(m.follow_up[0].evidence, (std::vector<std::string>{"E01", "E02"}));
  EXPECT_TRUE(m.follow_up[0].verified);
  EXPECT_TRUE(m.follow_up[2].late);

  ASSERT_TRUE(m.changes.present);
  EXPECT_EQ(m.changes.previous_score, 91.2);
  ASSERT_EQ(m.changes.chapters.size(), 8u);
  EXPECT_EQ(m.changes.chapters[1].id, "5");
  EXPECT_EQ(m.changes.chapters[1].previous, 80.0);

  ASSERT_TRUE(m.multisite.present);
  EXPECT_EQ(m.multisite.sites, 2);
  EXPECT_EQ(m.multisite.required, 2);
  EXPECT_EQ(m.multisite.shortfall, 1);
  EXPECT_EQ(m.multisite.central, "chateau-morvant");
  ASSERT_EQ(m.multisite.presumed.size(), 1u);
  EXPECT_EQ(m.multisite.presumed[0].found_at, std::vector<std::string>{"luce"});
  int all_sites = 0;
  for (const report::Action& a : m.actions) all_sites += a.all_sites;
  EXPECT_EQ(all_sites, 1);
}

TEST(ReportModel, ReadsOlderResultsWithoutTheCycle) {
  std::string older = Result("before-lifecycle.json");
  // Absent keys, and the same keys present but null.
  size_t brace = older.rfind('}');
  std::string nulls =
      older.substr(0, brace) +
      ",\n  \"lifecycle\": null, \"follow_up\": null, \"changes\": null, \"multisite\": null\n}\n";
  for (const std::string& json : {older, nulls}) {
    report::Model m;
    std::string error;
    ASSERT_TRUE(report::ReadModel(json, &m, &error)) << error;
    EXPECT_FALSE(m.lifecycle.present);
    EXPECT_TRUE(m.follow_up.empty());
    EXPECT_FALSE(m.changes.present);
    EXPECT_FALSE(m.multisite.present);
    EXPECT_EQ(m.decision, "conditional");
  }
}

TEST(ReportModel, RejectsWhatIsNotAGroupOrASummary) {
  struct Case {
    std::string json;
    std::string group_error;
    std::string summary_error;
  };
  const Case cases[] = {
      {"{bad", "not a JSON file", "not a JSON file"},
      {"[]", "not a sceau-group-result (its \"format\" is not \"sceau-group-result\")",
       "not a sceau-summary (its \"format\" is not \"sceau-summary\")"},
      {R"({"format": "sceau-result", "format_version": 1})",
       "not a sceau-group-result (its \"format\" is not \"sceau-group-result\")",
       "not a sceau-summary (its \"format\" is not \"sceau-summary\")"},
      {R"({"format": "sceau-group-result", "format_version": 2})",
       "sceau-group-result version 2 is not supported: this sceau reads version 1",
       "not a sceau-summary (its \"format\" is not \"sceau-summary\")"},
      {R"({"format": "sceau-summary", "format_version": 7})",
       "not a sceau-group-result (its \"format\" is not \"sceau-group-result\")",
       "sceau-summary version 7 is not supported: this sceau reads version 1"},
  };
  for (const Case& c : cases) {
    std::string error;
    PdfOutput out;
    out.bytes = "stale";
    EXPECT_FALSE(RenderGroupPdf(c.json, {}, &out, &error)) << c.json;
    EXPECT_THAT(error, ::testing::StartsWith(c.group_error)) << c.json;
    EXPECT_TRUE(out.bytes.empty()) << c.json;
    error.clear();
    EXPECT_FALSE(RenderSummaryPdf(c.json, {}, &out, &error)) << c.json;
    EXPECT_THAT(error, ::testing::StartsWith(c.summary_error)) << c.json;
    EXPECT_TRUE(out.bytes.empty()) << c.json;
  }
}

TEST(ReportModel, OddValuesStillRender) {
  // Wrong types, nulls and huge numbers outside the members ReadSceauJson requires (those are
  // checked, the same for every command): read leniently, drawn without crashing.
  const std::string head =
      R"({"format": "sceau-group-result", "format_version": 1,
          "referential": {"id": "r", "version": "1"}, "group": {"name": "G", "kind": "GES"},
          "audit": {"id": "A", "kind": "initial", "end": "2026-01-01", "decision_date": "2026-01-02"},)";
  const std::string groups[] = {
      head + R"("decision": {"decision": "granted"}})",
      head + R"("decision": {"decision": "granted", "label": 3}, "members": {}, "inputs": 3})",
      head + R"("decision": {"decision": "granted", "caused_by": [1, null]},
          "members": [null, 4, {"score": 1e300, "counts": {"major-nc": -1e300, "minor-nc": "x"}, "sites": [null]}],
          "lifecycle": {"state": "granted", "state_date": "2026-01-02", "next": [], "reasons": [null, {"message": 5}]}})",
  };
  for (const std::string& json : groups) {
    PdfOutput out;
    std::string error;
    EXPECT_TRUE(RenderGroupPdf(json, {}, &out, &error)) << json << error;
    EXPECT_FALSE(out.bytes.empty()) << json;
  }
  const char* summaries[] = {
      R"({"format": "sceau-summary", "format_version": 1})",
      R"({"format": "sceau-summary", "format_version": 1, "totals": [], "score_histogram": {}, "expiring": null})",
      R"({"format": "sceau-summary", "format_version": 1, "today": "not a date",
          "totals": {"members": 1e300, "by_decision": {"granted": 1e300, "odd": -5},
                     "by_kind": {"AI": {"granted": 2e9, "refused": 2e9}, "EI": 7}},
          "score_histogram": [{"from": 0, "to": 10, "count": -1e300}, {"count": 1e300}, null],
          "top_gaps": [{"by_grade": {"NCm": "many"}}], "expiring": [{"days": "soon"}], "unreadable": [7]})",
  };
  for (const char* json : summaries) {
    PdfOutput out;
    std::string error;
    EXPECT_TRUE(RenderSummaryPdf(json, {}, &out, &error)) << json << error;
    EXPECT_FALSE(out.bytes.empty()) << json;
  }
}

// ---- the member's report ----------------------------------------------------------------------

TEST(PdfCycle, ShowsTheStateTheFollowUpTheChangesAndTheSites) {
  auto pdf = Render(Kind::kMember, Result("surveillance-cycle.json"));
  ExpectValidWithFooters(*pdf);
  ExpectWordsInsideMargins(*pdf);
  const std::string& t = pdf->text;
  // The state after this audit, on the cover and in the summary.
  // The number is pending: this result was written without a register.
  EXPECT_THAT(pdf->Page(1), HasSubstr("Certificat après cet audit Le certificat est maintenu par "
                                      "la décision du 28 juin 2027. Certificat n° en attente"));
  EXPECT_THAT(
      t,
      HasSubstr(
          "Cycle de certification Le certificat est maintenu par la décision du 28 juin 2027. "
          "Certificat n° en attente Validité du 9 juin 2026 au 8 juin 2029 "
          "Cycle de trois ans commencé le 9 juin 2026 ; audits de surveillance réalisés dans ce "
          "cycle : 1 "
          "Audit précédent Audit de renouvellement AUD-2026-052, décision du 9 juin 2026 : "
          "Label accordé sous réserve "
          "Cet audit était dû au plus tard le 9 juin 2027 : réalisé en retard "
          "Prochain audit Audit de surveillance, au plus tard le 9 juin 2028 "
          "Motifs • L'audit de surveillance devait avoir lieu au plus tard le 9 juin 2027 ; il a "
          "commencé le 14 juin 2027."));
  // The follow-up table, row by row.
  EXPECT_THAT(
      t,
      HasSubstr("Critère Note précédente Échéance Statut Preuves Effet "
                "C-5.3.2 Coordination entre les sites NCm 9 décembre 2026 Clos le 20 novembre 2026 "
                "vérifié E01, E02 aucun "
                "C-IAE.4.3 Évaluation et reconnaissance des acquis NCm 9 décembre 2026 En cours — "
                "Note : Attestation de compétences en cours de rédaction NCm devenue NCM "
                "sites non corrigés : Antenne de Lucé-sur-Aubrette "
                "C-IAE.5.2 Mises à disposition auprès des utilisateurs NCm 9 décembre 2026 Clos le "
                "15 janvier 2027 "
                "clos après l’échéance E03 aucun"));
  // Scores then and now.
  EXPECT_THAT(t, HasSubstr("Chapitre Intitulé Audit précédent Cet audit Évolution "
                           "4 Contexte de l'organisme 100 % 100 % ±0 pts "
                           "5 Leadership 80 % 88,3 % +8,3 pts"));
  EXPECT_THAT(t, HasSubstr("10 Amélioration 85 % 100 % +15 pts"));
  EXPECT_THAT(t, HasSubstr("91,2 % 94,6 % +3,4 pts"));
  // Multi-site: the sample against IAF MD 1, the shortfall, the NC presumed everywhere.
  EXPECT_THAT(t,
              HasSubstr("Sites de l’organisme 2 Sites audités 1 : Agence de Château-Morvant "
                        "Fonction centrale Agence de Château-Morvant (auditée) "
                        "Échantillon requis (IAF MD 1) 2 sites, règle ceil(0.6*sqrt(2)) "
                        "▲ Échantillon insuffisant : 1 site de moins que l’échantillon requis."));
  EXPECT_THAT(t, HasSubstr("C-IAE.4.3 Évaluation et reconnaissance des acquis NCM Antenne de "
                           "Lucé-sur-Aubrette tous les sites (2)"));
  EXPECT_THAT(t, HasSubstr("À corriger sur tous les sites."));
  // The certificate gives the next audit from the cycle.
  EXPECT_THAT(t, HasSubstr("Audit de surveillance avant le 9 juin 2028"));
  EXPECT_TRUE(pdf->out.warnings.empty());
}

TEST(PdfCycle, SpeaksEnglish) {
  auto pdf = Render(Kind::kMember, Result("surveillance-cycle.json"), "en");
  EXPECT_THAT(pdf->text,
              HasSubstr("The certificate is maintained by the decision of 28 June 2027."));
  EXPECT_THAT(pdf->text, HasSubstr("no later than 9 June 2027: done late"));
  EXPECT_THAT(pdf->text, HasSubstr("NCm became NCM"));
  EXPECT_THAT(pdf->text, HasSubstr("Sample too small: 1 site fewer than the sample required."));
  EXPECT_THAT(pdf->text, HasSubstr("5 Leadership 80% 88.3% +8.3 pts"));
  EXPECT_THAT(pdf->text, Not(HasSubstr("Suivi")));
  // A result written before the checks' terms and the exclusions' terms were carried: its French
  // detail is not shown in English, its English exclusion reason is.
  EXPECT_THAT(pdf->text, HasSubstr("Checks: check result not detailed"));
  EXPECT_THAT(pdf->text, Not(HasSubstr("échantillon (")));
  EXPECT_THAT(pdf->text,
              HasSubstr("C-5.3.3 Governance of the economic group (applies only to GES)"));
}

TEST(PdfCycle, AnOlderResultKeepsItsFrenchDetailInFrench) {
  auto pdf = Render(Kind::kMember, Result("surveillance-cycle.json"));
  EXPECT_THAT(pdf->text,
              HasSubstr("Contrôles : échantillon (dossiers de salariés sortis dans l'année) : 3/6 "
                        "conformes, 50 % (attendu : au moins 5 éléments et 80 %)"));
  EXPECT_THAT(pdf->text, HasSubstr("Critères hors champ pour cet organisme • C-5.3.3 Gouvernance "
                                   "du groupe économique solidaire • C-IAE.5.1"));
  EXPECT_THAT(pdf->text, Not(HasSubstr("applies")));
}

TEST(PdfCycle, OlderResultsKeepTheirReport) {
  auto pdf = Render(Kind::kMember, Result("before-lifecycle.json"));
  ExpectValidWithFooters(*pdf);
  EXPECT_THAT(pdf->text,
              HasSubstr("Validité du label Validité du label du 9 juin 2026 au 8 juin 2029 "
                        "Prochain audit (surveillance) au plus tard le 9 juin 2027"));
  for (const char* absent :
       {"Cycle de certification", "Suivi depuis le dernier audit", "Organisme multi-sites",
        "Certificat après cet audit", "tous les sites"}) {
    EXPECT_THAT(pdf->text, Not(HasSubstr(absent)));
  }
}

// ---- the group report -------------------------------------------------------------------------

TEST(PdfGroup, NamesTheMemberThatCausedTheRefusal) {
  auto pdf = Render(Kind::kGroup, Result("group-refused.json"));
  ExpectValidWithFooters(*pdf);
  ExpectWordsInsideMargins(*pdf);
  EXPECT_EQ(pdf->pages, 3);
  const std::string& t = pdf->text;
  EXPECT_THAT(pdf->Page(1), HasSubstr("Rapport de certification de groupe"));
  EXPECT_THAT(
      pdf->Page(1),
      HasSubstr("GES Sentiers et Berges du Pays d'Olbène Type de groupe GES Région Occitanie "
                "Membres 3 membres partageant un même système de management"));
  EXPECT_THAT(
      pdf->Page(1),
      HasSubstr("DÉCISION Label refusé au groupe "
                "Refus causé par : SAS Berges Services (ei-berges-services) : label refusé."));
  EXPECT_THAT(t, HasSubstr("Décision : Label refusé au groupe Un membre au moins n'obtient pas le "
                           "label (ei-berges-services)"));
  EXPECT_THAT(t, HasSubstr("Système de management commun Système qualité commun du groupe : manuel "
                           "qualité version 2"));
  EXPECT_THAT(
      t, HasSubstr("Le label est refusé le 2 avril 2026 : aucun certificat n’est en vigueur."));
  // One row per member; only the refused one is marked.
  EXPECT_THAT(
      pdf->raw,
      HasSubstr(
          "Organisme Type SIRET Décision Score NC maj. NC min. Cause du refus "
          "Association Sentiers et Berges du Pays d'Olbène aci-sentiers-et-berges ACI "
          "81234567800013 Label accordé 98,1 % 0 0 "
          "SAS Berges Services ei-berges-services EI 82345678900010 Label refusé 97,1 % 1 0 ✗ oui "
          "SAS Berges Intérim Insertion etti-berges-interim ETTI 83456789000019 Label accordé sous "
          "réserve 95,8 % 0 1 "
          "Rapport du membre"));
  EXPECT_EQ(t.find("✗ oui"), t.rfind("✗ oui"));
  // The section follows the members' table: a page break may fall between two of its fields.
  EXPECT_THAT(t, HasSubstr("Responsable d’audit Hélène Vasseur"));
  EXPECT_THAT(t, HasSubstr("Équipe d’audit Karim Benali Décision prise par Bernadette Roussel"));
  EXPECT_THAT(t, Not(HasSubstr("CERTIFICAT")));
}

TEST(PdfGroup, GrantedCertificateListsEveryMember) {
  auto pdf = Render(Kind::kGroup, Result("group-granted.json"));
  ExpectValidWithFooters(*pdf);
  ExpectWordsInsideMargins(*pdf);
  std::string cert = pdf->Page(pdf->pages);
  EXPECT_THAT(
      cert,
      HasSubstr("CERTIFICAT Il est certifié que le groupe GES Sentiers et Berges du Pays d'Olbène "
                "et chacun de ses membres : "
                "Association Sentiers et Berges du Pays d'Olbène — ACI — SIRET 81234567800013 "
                "Atelier d'Olbène — 2 chemin du Halage, 11300 Olbène Base du Port-Vieux "
                "SAS Berges Services — EI — SIRET 82345678900010 "
                "SAS Berges Intérim Insertion — ETTI — SIRET 83456789000019 "
                "satisfait aux exigences du référentiel"));
  EXPECT_THAT(cert, HasSubstr("Certificat n° en attente"));  // no register: pending
  EXPECT_THAT(cert, HasSubstr("Date d’effet 2 avril 2026 Date d’expiration 1er avril 2029 "
                              "Audit de surveillance avant le 2 avril 2027"));
  EXPECT_THAT(pdf->text, HasSubstr("Tous les membres obtiennent le label."));
  EXPECT_THAT(pdf->text, Not(HasSubstr("✗ oui")));
}

TEST(PdfGroup, ManyMembersContinueTheCertificateOnAnotherPage) {
  std::string json = Result("group-granted.json");
  size_t at = json.find("\n  \"members\": [\n");  // the group's, not the inputs'
  ASSERT_NE(at, std::string::npos);
  ++at;
  std::string members;
  for (int i = 1; i <= 30; ++i) {
    members += fmt::format(
        "    {{\"file\": \"m{0}.yaml\", \"result\": \"m{0}.json\", \"organisation\": \"Structure "
        "membre numéro {0}\", "
        "\"siret\": null, \"kind\": \"ACI\", \"decision\": \"granted\", \"score\": 97.5, "
        "\"counts\": {{\"major-nc\": 0, \"minor-nc\": 0}}, \"causes_refusal\": false}},\n",
        i);
  }
  json.insert(at + 15, members);
  auto pdf = Render(Kind::kGroup, json);
  ExpectValidWithFooters(*pdf);
  ExpectWordsInsideMargins(*pdf);
  EXPECT_THAT(pdf->text, HasSubstr("Structure membre numéro 30 — ACI"));
  EXPECT_THAT(pdf->Page(pdf->pages), HasSubstr("Date d’expiration 1er avril 2029"));
  EXPECT_THAT(pdf->Page(pdf->pages - 1), HasSubstr("Il est certifié que le groupe"));
}

TEST(PdfGroup, ReplacesCharactersTheFontLacks) {
  std::string json = testing::Edit(Result("group-refused.json"), "\"name\": \"GES Sentiers",
                                   "\"name\": \"\xF0\x9F\x98\x80 GES Sentiers");
  auto pdf = Render(Kind::kGroup, json);
  ASSERT_FALSE(pdf->out.warnings.empty());
  EXPECT_EQ(pdf->out.warnings[0], "U+1F600 in the title: not in the report font, shown as '?'");
  EXPECT_THAT(pdf->text, HasSubstr("? GES Sentiers et Berges"));
}

// ---- the network dashboard ------------------------------------------------------------------

TEST(PdfSummary, ShowsTheNetwork) {
  auto pdf = Render(Kind::kSummary, Result("summary-network.json"));
  ExpectValidWithFooters(*pdf);
  ExpectWordsInsideMargins(*pdf);
  EXPECT_EQ(pdf->pages, 3);
  const std::string& t = pdf->text;
  const std::string& raw = pdf->raw;
  EXPECT_THAT(
      raw,
      HasSubstr("Tableau de bord du réseau Situation au 26 novembre 2026 "
                "60 Membres audités 35 Accordé 19 Sous réserve 6 Refusé 9 Expirent sous 90 jours "
                "2 Résultats illisibles"));
  // Decisions by kind: the counts in the bars, then the total.
  EXPECT_THAT(raw,
              HasSubstr("Décisions par type de structure Accordé Sous réserve Refusé Type Total "
                        "ACI 8 6 14 AI 15 9 4 28 ETTI 5 1 6"));
  EXPECT_THAT(t, HasSubstr("Décisions par région"));
  EXPECT_THAT(raw, HasSubstr("Nouvelle-Aquitaine 4 1 2 7"));
  // The histogram: one count per band.
  EXPECT_THAT(
      raw,
      HasSubstr(
          "0 0–10 0 10–20 0 20–30 0 30–40 2 40–50 3 50–60 1 60–70 5 70–80 15 80–90 34 90–100"));
  // A summary written before gaps_by_referential: its top_gaps under one heading per referential.
  EXPECT_THAT(t, HasSubstr("Critères le plus souvent en écart dans le réseau cedre-iso9001 "
                           "Critère Intitulé Membres Par note "
                           "C-5.3.2 Coordination entre les sites 57 NCm 57 "
                           "C-IAE.4.3 Évaluation et reconnaissance des acquis 50 NCm 49 · NCM 1"));
  // Expiring certificates, soonest first, with the days left.
  EXPECT_THAT(
      t, HasSubstr("Organisme Certificat n° Résultat Expiration Jours restants "
                   "Relais du Haut-Plateau n° 43 en attente etti/0043.json 27 novembre 2026 1 "
                   "Association Relais Emploi du Val d'Aubrette en attente aci/0001.json "
                   "1er décembre 2026 5 "
                   "Entreprise des Berges n° 53 en attente ges/0053.json 17 décembre 2026 21"));
  EXPECT_THAT(
      t, HasSubstr(
             "Très Longue Dénomination de l'Association Intermédiaire pour l'Emploi et l'Insertion "
             "du Haut-Plateau et des Vallées en attente aci/0003.json 22 février 2027 88"));
  EXPECT_THAT(
      t, HasSubstr(
             "Résultats illisibles Résultat Erreur ai/0031.json not valid JSON "
             "aci/0004.json sceau-result version 2 is not supported: this sceau reads version 1"));
}

TEST(PdfSummary, AnEmptyCampaignSaysSo) {
  auto pdf = Render(
      Kind::kSummary,
      R"({"format": "sceau-summary", "format_version": 1, "generator": "sceau 0.1.0", "today": "2026-11-26",
                        "members": [], "totals": {"members": 0, "by_decision": {}, "by_kind": {}, "by_region": {}},
                        "score_histogram": [], "top_gaps": [], "expiring": [], "unreadable": []})");
  ExpectValidWithFooters(*pdf);
  EXPECT_EQ(pdf->pages, 1);
  EXPECT_THAT(pdf->raw, HasSubstr("0 Membres audités 0 Accordé 0 Sous réserve 0 Refusé"));
  EXPECT_THAT(pdf->text, HasSubstr("Aucun écart relevé dans le réseau."));
  EXPECT_THAT(pdf->text, HasSubstr("Aucun certificat n’expire dans les 90 jours."));
  EXPECT_THAT(pdf->text, HasSubstr("Tous les résultats ont pu être lus."));
}

TEST(PdfSummary, SpeaksEnglish) {
  auto pdf = Render(Kind::kSummary, Result("summary-network.json"), "en");
  EXPECT_THAT(pdf->raw, HasSubstr("Network dashboard As of 26 November 2026 60 Members audited 35 "
                                  "Granted 19 With conditions 6 Refused"));
  EXPECT_THAT(pdf->text, HasSubstr("Certificates expiring in the next 90 days"));
}

// The certificates whose state time has changed since their last audit, on --today: the story's
// suspension of 2024-09-26 is withdrawn from 2025-03-27; its grant of 2023 is unchanged.
std::string StoryDashboard(const std::string& today) {
  SummaryOptions options;
  options.today = *Date::Parse(today);
  SummaryBuilder b(options);
  for (const char* step : {"2023-initial", "2024-surveillance"}) {
    b.Add(std::string(step) + ".json",
          ReadFile(SourcePath(std::string("audits/story/") + step + ".json")));
  }
  return b.ToJson();
}

TEST(PdfSummary, ListsTheStatesTimeHasChanged) {
  auto pdf = Render(Kind::kSummary, StoryDashboard("2025-03-27"));
  ExpectValidWithFooters(*pdf);
  EXPECT_THAT(pdf->text,
              HasSubstr("États changés par le temps depuis le dernier audit Organisme Au dernier "
                        "audit À cette date Depuis le Motif"));
  EXPECT_THAT(pdf->text, HasSubstr("suspendu retiré 27 mars 2025"));
  EXPECT_THAT(pdf->text, HasSubstr("Certificat suspendu depuis le 2024-09-26"));
  auto en = Render(Kind::kSummary, StoryDashboard("2025-03-27"), "en");
  EXPECT_THAT(en->text, HasSubstr("States changed by time since the last audit"));
  EXPECT_THAT(en->text, HasSubstr("suspended withdrawn 27 March 2025"));
  // The day before, nothing has changed: no such section.
  auto before = Render(Kind::kSummary, StoryDashboard("2025-03-26"));
  EXPECT_THAT(before->text, Not(HasSubstr("États changés par le temps")));
}

// ---- all three: the same bytes twice, and `sceau report` renders each by its format ------------

TEST(PdfDocuments, AreReproducibleAndRenderedBySceauReport) {
  const std::pair<const char*, Kind> docs[] = {{"surveillance-cycle", Kind::kMember},
                                               {"group-refused", Kind::kGroup},
                                               {"summary-network", Kind::kSummary}};
  for (const auto& [name, kind] : docs) {
    auto a = Render(kind, Result(std::string(name) + ".json"));
    auto b = Render(kind, Result(std::string(name) + ".json"));
    EXPECT_EQ(a->out.bytes, b->out.bytes) << name;
    EXPECT_EQ(a->out.bytes.find("/CreationDate"), std::string::npos) << name;
    TempDir dir;
    auto run = RunSceau(
        fmt::format("--lang fr report tests/data/results/{}.json --out '{}'", name, dir.path()));
    EXPECT_EQ(run.exit_code, 0) << name << run.err;
    EXPECT_EQ(ReadFile(dir.path() + "/" + name + ".pdf"), a->out.bytes) << name;
  }
}

}  // namespace
}  // namespace sceau
