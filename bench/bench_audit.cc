// Audit benchmark: what evaluation costs within the whole `sceau audit` pipeline.
//
//   sceau_bench_audit [--runs N] [--library DIR] REFERENTIAL DOSSIER
//
// Each of the N runs (default 5) times, in this order, on texts already in memory:
//   (a) the bare yaml-cpp parse of both files, YAML::LoadAll over each text (freeing the node
//       trees is timed apart and not counted, as in sceau_bench_load);
//   (b) sceau::LoadReferentialFromString: parse + validation of the referential;
//   (c) sceau::LoadDossierFromString with FixedReferential(the referential of b): parse + checks;
//   (d) sceau::Evaluate alone, on the pair loaded by b and c;
//   (e) writing the reports to strings: ResultToJson + ActionsToCsv (each is also timed alone,
//       right after, for the breakdown);
//   (f) the whole `sceau audit` pipeline in process, b then c then d then e timed as one block
//       (what cli/audit_commands.cc RunAudit does, minus reading the files, the referentials folder
//       scan and writing the files).
// and prints the median of each, the evaluation (d) as a share of the end-to-end time (f), and the
// ratio f / a. With --library DIR, each run also times what the real CLI does to find the
// referential: ReferentialLibrary(DIR).Resolve(id, version), i.e. the folder scan plus the load.
//
// Output lines are "key: value" so that scripts (bench/run_audit.sh) can pick them up.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/bench_util.h"
#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential.h"
#include "engine/referential_library.h"
#include "engine/referential_loader.h"
#include "engine/source.h"
#include "reports/csv_writer.h"
#include "reports/json_writer.h"
#include "yaml-cpp/yaml.h"

namespace {

using sceau::bench::Clock;
using sceau::bench::g_sink;
using sceau::bench::Median;
using sceau::bench::MsSince;
using sceau::bench::PeakRssMib;

[[noreturn]] void Fail(const std::string& message) {
  sceau::bench::Fail("sceau_bench_audit", message);
}

void Usage(const char* argv0) {
  std::cerr << "usage: " << argv0 << " [--runs N] [--library DIR] REFERENTIAL DOSSIER\n";
  std::exit(2);
}

std::string ReadWholeFile(const std::string& path) {
  return sceau::bench::ReadWholeFile("sceau_bench_audit", path);
}

void ShowDiagnostics(const std::vector<sceau::Diagnostic>& diags) {
  constexpr size_t kShown = 20;
  for (size_t i = 0; i < diags.size() && i < kShown; ++i) {
    std::cerr << sceau::RenderDiagnostic(diags[i]);
  }
}

int CountSeverity(const std::vector<sceau::Diagnostic>& diags, sceau::Severity s) {
  return static_cast<int>(std::count_if(
      diags.begin(), diags.end(), [s](const sceau::Diagnostic& d) { return d.severity == s; }));
}

// (a) yaml-cpp's parse of one text; the node tree is freed afterwards, timed into *free_ms.
double TimeBareParse(const std::string& text, const char* what, double* free_ms) {
  auto docs = std::make_unique<std::vector<YAML::Node>>();
  Clock::time_point start = Clock::now();
  try {
    *docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    Fail(std::string("yaml-cpp cannot parse the ") + what + ": " + e.what());
  }
  const double ms = MsSince(start);
  g_sink = g_sink + docs->size();
  start = Clock::now();
  docs.reset();
  *free_ms += MsSince(start);
  return ms;
}

std::shared_ptr<const sceau::Referential> LoadReferential(const std::string& path,
                                                          std::string text) {
  sceau::ReferentialLoad load = sceau::LoadReferentialFromString(path, std::move(text));
  if (!load.ok()) {
    ShowDiagnostics(load.diagnostics);
    Fail("the referential has " + std::to_string(load.errors()) + " error(s)");
  }
  return load.referential;
}

sceau::DossierLoad LoadDossier(const std::string& path, std::string text,
                               const std::shared_ptr<const sceau::Referential>& ref) {
  sceau::DossierLoad load =
      sceau::LoadDossierFromString(path, std::move(text), sceau::FixedReferential(ref));
  if (!load.ok()) {
    ShowDiagnostics(load.diagnostics);
    Fail("the dossier has " + std::to_string(load.errors()) + " error(s)");
  }
  return load;
}

sceau::Evaluation EvaluateOrFail(const sceau::Referential& ref, const sceau::Dossier& dossier) {
  sceau::Evaluation e = sceau::Evaluate(ref, dossier);
  if (!e.ok()) {
    ShowDiagnostics(e.diagnostics);
    Fail("the evaluation has " +
         std::to_string(CountSeverity(e.diagnostics, sceau::Severity::kError)) +
         " error(s) (contradictions): the dossier cannot be published");
  }
  return e;
}

struct Reports {
  std::string json;
  std::string csv;
};

Reports Write(const sceau::Referential& ref, const sceau::Dossier& dossier,
              const sceau::AuditResult& result) {
  Reports r;
  r.json = sceau::ResultToJson(ref, dossier, result);
  r.csv = sceau::ActionsToCsv(ref, dossier, result);  // the CLI's defaults: ',' and French
  return r;
}

struct Run {
  double parse_ms = 0;      // (a), both files
  double parse_ref_ms = 0;  // (a), referential only
  double yaml_free_ms = 0;  // freeing yaml-cpp's trees after (a), not counted
  double ref_ms = 0;        // (b)
  double dossier_ms = 0;    // (c)
  double eval_ms = 0;       // (d)
  double write_ms = 0;      // (e)
  double json_ms = 0;       // (e), ResultToJson alone
  double csv_ms = 0;        // (e), ActionsToCsv alone
  double pipeline_ms = 0;   // (f)
  double free_ms = 0;       // freeing the pipeline's results after (f), not counted
  double library_ms = -1;   // --library: ReferentialLibrary scan + resolve
};

struct Facts {
  int criteria = 0;
  int assessments = 0;
  int evidence = 0;
  std::string ref_id;
  std::string ref_version;
  int dossier_warnings = 0;
  int eval_warnings = 0;
  int applicable = 0;
  int actions = 0;
  std::string outcome;
  double score = 0;
  size_t json_bytes = 0;
  size_t csv_bytes = 0;
};

Run OneRun(const std::string& ref_path, const std::string& ref_text,
           const std::string& dossier_path, const std::string& dossier_text,
           const std::string& library_dir, Facts* facts) {
  Run t;
  // (a)
  t.parse_ref_ms = TimeBareParse(ref_text, "referential", &t.yaml_free_ms);
  t.parse_ms = t.parse_ref_ms + TimeBareParse(dossier_text, "dossier", &t.yaml_free_ms);

  // (b), (c), (d), (e) one by one; each loader takes its text by value: copies made off the clock.
  std::string copy = ref_text;
  Clock::time_point start = Clock::now();
  std::shared_ptr<const sceau::Referential> ref = LoadReferential(ref_path, std::move(copy));
  t.ref_ms = MsSince(start);

  copy = dossier_text;
  start = Clock::now();
  sceau::DossierLoad dload = LoadDossier(dossier_path, std::move(copy), ref);
  t.dossier_ms = MsSince(start);

  start = Clock::now();
  sceau::Evaluation eval = EvaluateOrFail(*ref, *dload.dossier);
  t.eval_ms = MsSince(start);

  start = Clock::now();
  Reports reports = Write(*ref, *dload.dossier, eval.result);
  t.write_ms = MsSince(start);
  {  // The two writers apart, for the breakdown of (e).
    start = Clock::now();
    std::string json = sceau::ResultToJson(*ref, *dload.dossier, eval.result);
    t.json_ms = MsSince(start);
    start = Clock::now();
    std::string csv = sceau::ActionsToCsv(*ref, *dload.dossier, eval.result);
    t.csv_ms = MsSince(start);
    if (json != reports.json || csv != reports.csv) Fail("the writers are not deterministic");
  }

  const sceau::Dossier& d = *dload.dossier;
  facts->criteria = static_cast<int>(ref->criteria.size());
  facts->ref_id = ref->id;
  facts->ref_version = ref->version;
  facts->assessments = static_cast<int>(d.assessments.size());
  facts->evidence = static_cast<int>(d.evidence.size());
  facts->dossier_warnings = dload.warnings();
  facts->eval_warnings = CountSeverity(eval.diagnostics, sceau::Severity::kWarning);
  facts->applicable = eval.result.applicable_criteria;
  facts->actions = static_cast<int>(eval.result.actions.size());
  facts->outcome = eval.result.outcome >= 0
                       ? ref->policy.outcomes[static_cast<size_t>(eval.result.outcome)].id
                       : "none";
  facts->score = eval.result.score;
  facts->json_bytes = reports.json.size();
  facts->csv_bytes = reports.csv.size();
  reports = Reports{};
  eval = sceau::Evaluation{};
  dload = sceau::DossierLoad{};
  ref.reset();

  // (f) the same again, as one block.
  std::string ref_copy = ref_text;
  std::string dossier_copy = dossier_text;
  start = Clock::now();
  {
    std::shared_ptr<const sceau::Referential> r = LoadReferential(ref_path, std::move(ref_copy));
    auto dl =
        std::make_unique<sceau::DossierLoad>(LoadDossier(dossier_path, std::move(dossier_copy), r));
    auto ev = std::make_unique<sceau::Evaluation>(EvaluateOrFail(*r, *dl->dossier));
    auto rep = std::make_unique<Reports>(Write(*r, *dl->dossier, ev->result));
    t.pipeline_ms = MsSince(start);
    g_sink = g_sink + rep->json.size() + rep->csv.size();
    start = Clock::now();
    rep.reset();
    ev.reset();
    dl.reset();
    r.reset();
    t.free_ms = MsSince(start);
  }

  if (!library_dir.empty()) {
    start = Clock::now();
    sceau::ReferentialLibrary library(library_dir);
    std::string error;
    std::shared_ptr<const sceau::Referential> r =
        library.Resolve(facts->ref_id, facts->ref_version, &error);
    t.library_ms = MsSince(start);
    if (!r) Fail("--library " + library_dir + ": " + error);
  }
  return t;
}

void PrintMs(std::string_view key, double ms) {
  std::printf("%.*s: %.2f\n", static_cast<int>(key.size()), key.data(), ms);
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::string library_dir;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::atoi(argv[++i]);
      if (runs < 1) Usage(argv[0]);
    } else if (arg == "--library" && i + 1 < argc) {
      library_dir = argv[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      Usage(argv[0]);
    } else {
      paths.emplace_back(arg);
    }
  }
  if (paths.size() != 2) Usage(argv[0]);
  const std::string& ref_path = paths[0];
  const std::string& dossier_path = paths[1];
  const std::string ref_text = ReadWholeFile(ref_path);
  const std::string dossier_text = ReadWholeFile(dossier_path);

  std::vector<Run> all;
  Facts facts;
  for (int run = 0; run < runs; ++run) {
    all.push_back(OneRun(ref_path, ref_text, dossier_path, dossier_text, library_dir, &facts));
    const Run& t = all.back();
    std::printf(
        "run %d: parse %.2f, ref %.2f, dossier %.2f, eval %.2f, write %.2f, pipeline %.2f"
        " ms",
        run + 1, t.parse_ms, t.ref_ms, t.dossier_ms, t.eval_ms, t.write_ms, t.pipeline_ms);
    if (t.library_ms >= 0) std::printf(", library %.2f ms", t.library_ms);
    std::printf("\n");
  }
  auto median = [&all](double Run::*field) {
    std::vector<double> v;
    for (const Run& r : all) v.push_back(r.*field);
    return Median(v);
  };
  const double a = median(&Run::parse_ms);
  const double d = median(&Run::eval_ms);
  const double f = median(&Run::pipeline_ms);

  std::printf("referential: %s\n", ref_path.c_str());
  std::printf("referential_bytes: %zu\n", ref_text.size());
  std::printf("dossier: %s\n", dossier_path.c_str());
  std::printf("dossier_bytes: %zu\n", dossier_text.size());
  std::printf("criteria: %d\n", facts.criteria);
  std::printf("applicable: %d\n", facts.applicable);
  std::printf("assessments: %d\n", facts.assessments);
  std::printf("evidence: %d\n", facts.evidence);
  std::printf("dossier_warnings: %d\n", facts.dossier_warnings);
  std::printf("evaluation_warnings: %d\n", facts.eval_warnings);
  std::printf("outcome: %s\n", facts.outcome.c_str());
  std::printf("score: %.2f\n", facts.score);
  std::printf("actions: %d\n", facts.actions);
  std::printf("json_bytes: %zu\n", facts.json_bytes);
  std::printf("csv_bytes: %zu\n", facts.csv_bytes);
  std::printf("runs: %d\n", runs);
  PrintMs("a_parse_median_ms", a);
  PrintMs("a_parse_referential_median_ms", median(&Run::parse_ref_ms));
  PrintMs("a_parse_dossier_median_ms", Median([&] {
            std::vector<double> v;
            for (const Run& r : all) v.push_back(r.parse_ms - r.parse_ref_ms);
            return v;
          }()));
  PrintMs("yaml_cpp_free_median_ms", median(&Run::yaml_free_ms));
  PrintMs("b_referential_median_ms", median(&Run::ref_ms));
  PrintMs("c_dossier_median_ms", median(&Run::dossier_ms));
  PrintMs("d_evaluate_median_ms", d);
  PrintMs("e_write_median_ms", median(&Run::write_ms));
  PrintMs("e_json_median_ms", median(&Run::json_ms));
  PrintMs("e_csv_median_ms", median(&Run::csv_ms));
  PrintMs("f_pipeline_median_ms", f);
  PrintMs("pipeline_free_median_ms", median(&Run::free_ms));
  if (!library_dir.empty()) PrintMs("library_resolve_median_ms", median(&Run::library_ms));
  std::printf("evaluation_share_percent: %.2f\n", d / f * 100.0);
  std::printf("ratio_pipeline_to_parse: %.3f\n", f / a);
  std::printf("peak_rss_mib: %.1f\n", PeakRssMib());
  return 0;
}
