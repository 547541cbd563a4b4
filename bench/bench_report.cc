// PDF report benchmark: pages per second on one core for a long report, and the time to write a
// report against the time to evaluate the audit it reports on.
//
//   sceau_bench_report [--runs N] [--gaps G]
//
// Builds in memory a referential of G + 20 criteria in 10 chapters and a dossier grading G of them
// as minor nonconformities with long French findings (about 50 pages for G = 260), then times,
// each as the median of N runs: the evaluation (Evaluate), the JSON result, and the PDF (reading
// the JSON back and rendering it, as `sceau audit` does). One thread: the figures are per core.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential_loader.h"
#include "reports/json_writer.h"
#include "reports/pdf_writer.h"
#include "reports/report_model.h"

namespace {

using sceau::bench::Median;

template <typename F>
double TimeMs(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

void Generate(int gaps, std::string* ref, std::string* dossier) {
  *ref =
      "id: bench-report\nversion: \"1\"\ntitle: Référentiel de mesure du rapport\n"
      "scales:\n  - id: g\n    type: grades\n    grades:\n"
      "      - {code: C, kind: conforming, label: Conforme, points: 100}\n"
      "      - {code: NCm, kind: minor-nc, label: Non-conformité mineure, points: 40}\n"
      "chapters:\n";
  int total = gaps + 20;
  for (int ch = 1; ch <= 10; ++ch) {
    *ref +=
        fmt::format("  - {{id: \"{}\", title: Chapitre {} du référentiel de mesure}}\n", ch, ch);
  }
  *ref += "criteria:\n";
  *dossier =
      "referential: {id: bench-report, version: \"1\"}\n"
      "organisation: {name: Structure d'Insertion de Mesure, kind: ACI, headcount: {permanent: 9, "
      "pathway: 40}, sites: [{id: s, name: Siège}]}\n"
      "audit: {id: B-1, kind: initial, start: 2026-01-05, end: 2026-01-09, sites_visited: [s], "
      "lead_auditor: Anne, decision_maker: Marc}\n"
      "evidence: [{id: E1, kind: record, title: Registre, date: 2026-01-05}]\n"
      "assessments:\n";
  for (int i = 1; i <= total; ++i) {
    *ref += fmt::format(
        "  - {{id: C-{0}, chapter: \"{1}\", title: \"Critère {0} : accueil, parcours et sortie\", "
        "requirement: \"La structure décrit, applique et évalue la pratique n° {0} ; elle en garde "
        "la trace écrite et la révise chaque année avec l'équipe d'encadrement.\"}}\n",
        i, (i - 1) * 10 / total + 1);
    if (i <= gaps) {
      *dossier += fmt::format(
          "  C-{}: {{grade: NCm, finding: \"Le dossier examiné ne contient ni la fiche d'accueil "
          "signée, ni le compte rendu de l'entretien à trois mois ; l'équipe reconnaît que la "
          "pratique n'est pas appliquée de façon régulière depuis le départ de la chargée "
          "d'accompagnement.\"}}\n",
          i);
    } else {
      *dossier += fmt::format("  C-{}: {{grade: C, evidence: [E1]}}\n", i);
    }
  }
  *ref +=
      "decision:\n  deadlines: {NCm: 6}\n  outcomes:\n"
      "    - {id: conditional, decision: conditional, label: Sous réserve, when: [count: {kind: "
      "minor-nc, min: 1}]}\n"
      "    - {id: granted, decision: granted, label: Accordé}\n";
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  int gaps = 260;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
      runs = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--gaps") && i + 1 < argc)
      gaps = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: sceau_bench_report [--runs N] [--gaps G]\n");
      return 2;
    }
  }
  std::string ref_text, dossier_text;
  Generate(gaps, &ref_text, &dossier_text);
  sceau::ReferentialLoad ref = sceau::LoadReferentialFromString("bench-ref.yaml", ref_text);
  if (!ref.ok()) {
    std::fprintf(stderr, "generated referential does not load\n");
    return 1;
  }
  sceau::DossierLoad dossier = sceau::LoadDossierFromString(
      "bench-dossier.yaml", dossier_text, sceau::FixedReferential(ref.referential));
  if (!dossier.ok()) {
    std::fprintf(stderr, "generated dossier does not load\n");
    return 1;
  }
  std::vector<double> eval_ms, json_ms, pdf_ms;
  int pages = 0;
  size_t bytes = 0;
  for (int r = 0; r < runs; ++r) {
    sceau::Evaluation e;
    eval_ms.push_back(TimeMs([&] { e = sceau::Evaluate(*ref.referential, *dossier.dossier); }));
    std::string json;
    json_ms.push_back(
        TimeMs([&] { json = sceau::ResultToJson(*ref.referential, *dossier.dossier, e.result); }));
    sceau::PdfOutput out;
    pdf_ms.push_back(TimeMs([&] {
      sceau::report::Model model;
      std::string error;
      if (!sceau::report::ReadModel(json, &model, &error) ||
          !sceau::RenderPdf(model, {}, &out, &error)) {
        std::fprintf(stderr, "render failed: %s\n", error.c_str());
        std::exit(1);
      }
    }));
    pages = out.pages;
    bytes = out.bytes.size();
  }
  double eval = Median(eval_ms), json = Median(json_ms), pdf = Median(pdf_ms);
  std::printf("gaps: %d\ncriteria: %d\npages: %d\npdf_bytes: %zu\nruns: %d\n", gaps, gaps + 20,
              pages, bytes, runs);
  std::printf("evaluate_median_ms: %.2f\njson_median_ms: %.2f\npdf_median_ms: %.2f\n", eval, json,
              pdf);
  std::printf("pages_per_second_per_core: %.0f\n", pages / (pdf / 1000));
  std::printf("report_over_evaluate: %.1f\n", (json + pdf) / eval);
  return 0;
}
