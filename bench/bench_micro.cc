// Micro benchmarks (Google Benchmark): the referential load against yaml-cpp's bare parse, the
// evaluation alone, the in-process audit pipeline and the PDF rendering, on one referential and
// one dossier, with the ratios computed from the medians of the same run.
//
//   sceau_bench_micro [benchmark flags] REFERENTIAL DOSSIER
//
// Defaults added when not given: --benchmark_repetitions=5, --benchmark_enable_random_interleaving
// (the repetitions of the benchmarks are interleaved, so that noise from the machine falls on all
// of them alike), and only the aggregates are shown (--benchmark_report_aggregates_only).
//
//   BM_BareParse/referential   (a) YAML::LoadAll over the referential's text in memory; freeing the
//                              node tree is not timed (sceau's loader frees its own tree inside).
//   BM_LoadValidateGraph       (b) LoadReferentialFromString (parse + validation), CriteriaGraph
//   and
//                              TopologicalOrder(); the text copy the loader takes is not timed.
//   BM_BareParse/dossier       YAML::LoadAll over the dossier's text.
//   BM_LoadDossier             LoadDossierFromString with FixedReferential of a loaded referential.
//   BM_Evaluate                (d) Evaluate alone on the loaded pair.
//   BM_Pipeline                (f) referential load + dossier load + Evaluate + JSON + CSV to
//   strings:
//                              what `sceau audit --format json,csv` does in process.
//   BM_JsonCsv                 ResultToJson + ActionsToCsv.
//   BM_Pdf                     ReadModel of the JSON + RenderPdf; counters: pages,
//   pages_per_second.
//
// After the table, "key: value" lines (for bench/run_micro.sh): the medians in ms, the ratio b / a
// and the overhead (b - a) / a, the evaluation share d / f, and PDF pages per second (one thread).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_util.h"
#include "engine/criteria_graph.h"
#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential_loader.h"
#include "engine/source.h"
#include "reports/csv_writer.h"
#include "reports/json_writer.h"
#include "reports/pdf_writer.h"
#include "reports/report_model.h"
#include "yaml-cpp/yaml.h"

namespace {

const char* kProgram = "sceau_bench_micro";

struct Inputs {
  std::string ref_path, ref_text, dossier_path, dossier_text;
  std::shared_ptr<const sceau::Referential> ref;
  std::shared_ptr<const sceau::Dossier> dossier;
  sceau::Evaluation eval;
  std::string json;
  int pdf_pages = 0;
  size_t pdf_bytes = 0;
};
Inputs* g_in = nullptr;

void ShowDiagnostics(const std::vector<sceau::Diagnostic>& diags) {
  for (size_t i = 0; i < diags.size() && i < 20; ++i)
    std::fputs(sceau::RenderDiagnostic(diags[i]).c_str(), stderr);
}

std::shared_ptr<const sceau::Referential> LoadRef(const std::string& path, std::string text) {
  sceau::ReferentialLoad load = sceau::LoadReferentialFromString(path, std::move(text));
  if (!load.ok()) {
    ShowDiagnostics(load.diagnostics);
    sceau::bench::Fail(kProgram, "the referential has errors");
  }
  return load.referential;
}

sceau::DossierLoad LoadDossier(const std::string& path, std::string text,
                               const std::shared_ptr<const sceau::Referential>& ref) {
  sceau::DossierLoad load =
      sceau::LoadDossierFromString(path, std::move(text), sceau::FixedReferential(ref));
  if (!load.ok()) {
    ShowDiagnostics(load.diagnostics);
    sceau::bench::Fail(kProgram, "the dossier has errors");
  }
  return load;
}

void BareParse(benchmark::State& state, const std::string* text) {
  for (auto _ : state) {
    auto docs = std::make_unique<std::vector<YAML::Node>>(YAML::LoadAll(*text));
    benchmark::DoNotOptimize(docs->size());
    state.PauseTiming();
    docs.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text->size()));
}

void BM_LoadValidateGraph(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = g_in->ref_text;
    state.ResumeTiming();
    auto ref = LoadRef(g_in->ref_path, std::move(copy));
    sceau::CriteriaGraph graph(*ref);
    std::vector<int> order = graph.TopologicalOrder();
    benchmark::DoNotOptimize(order.data());
    state.PauseTiming();
    order = {};
    ref.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * g_in->ref_text.size()));
}

void BM_LoadDossier(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = g_in->dossier_text;
    state.ResumeTiming();
    sceau::DossierLoad d = LoadDossier(g_in->dossier_path, std::move(copy), g_in->ref);
    benchmark::DoNotOptimize(d.dossier.get());
  }
}

void BM_Evaluate(benchmark::State& state) {
  for (auto _ : state) {
    sceau::Evaluation e = sceau::Evaluate(*g_in->ref, *g_in->dossier);
    benchmark::DoNotOptimize(e.result);
  }
  state.counters["criteria"] = static_cast<double>(g_in->ref->criteria.size());
}

void BM_Pipeline(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    std::string ref_copy = g_in->ref_text;
    std::string dossier_copy = g_in->dossier_text;
    state.ResumeTiming();
    auto ref = LoadRef(g_in->ref_path, std::move(ref_copy));
    sceau::DossierLoad d = LoadDossier(g_in->dossier_path, std::move(dossier_copy), ref);
    sceau::Evaluation e = sceau::Evaluate(*ref, *d.dossier);
    std::string json = sceau::ResultToJson(*ref, *d.dossier, e.result);
    std::string csv = sceau::ActionsToCsv(*ref, *d.dossier, e.result);
    benchmark::DoNotOptimize(json.size() + csv.size());
  }
}

void BM_JsonCsv(benchmark::State& state) {
  for (auto _ : state) {
    std::string json = sceau::ResultToJson(*g_in->ref, *g_in->dossier, g_in->eval.result);
    std::string csv = sceau::ActionsToCsv(*g_in->ref, *g_in->dossier, g_in->eval.result);
    benchmark::DoNotOptimize(json.size() + csv.size());
  }
}

void BM_Pdf(benchmark::State& state) {
  int pages = 0;
  for (auto _ : state) {
    sceau::report::Model model;
    sceau::PdfOutput out;
    std::string error;
    if (!sceau::report::ReadModel(g_in->json, &model, &error) ||
        !sceau::RenderPdf(model, {}, &out, &error)) {
      state.SkipWithError(("render failed: " + error).c_str());
      break;
    }
    pages = out.pages;
    benchmark::DoNotOptimize(out.bytes.data());
  }
  state.counters["pages"] = pages;
  state.counters["pages_per_second"] =
      benchmark::Counter(static_cast<double>(pages) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

// Keeps the medians (aggregate "median") of every benchmark, in ms, while printing as usual.
class MedianReporter : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, double> median_ms;      // wall time
  std::map<std::string, double> median_cpu_ms;  // CPU time of the process
  std::map<std::string, double> median_pages_per_s;
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median") {
        median_ms[r.run_name.str()] = r.GetAdjustedRealTime();  // in the unit set: ms
        median_cpu_ms[r.run_name.str()] = r.GetAdjustedCPUTime();
        auto it = r.counters.find("pages_per_second");
        if (it != r.counters.end()) median_pages_per_s[r.run_name.str()] = it->second.value;
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
};

bool HasFlag(int argc, char** argv, const char* prefix) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], prefix, std::strlen(prefix)) == 0) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args(argv, argv + argc);
  std::string reps = "--benchmark_repetitions=5";
  std::string interleave = "--benchmark_enable_random_interleaving=true";
  std::string aggregates = "--benchmark_report_aggregates_only=true";
  if (!HasFlag(argc, argv, "--benchmark_repetitions")) args.push_back(reps.data());
  if (!HasFlag(argc, argv, "--benchmark_enable_random_interleaving"))
    args.push_back(interleave.data());
  if (!HasFlag(argc, argv, "--benchmark_report_aggregates_only")) args.push_back(aggregates.data());
  int n = static_cast<int>(args.size());
  args.push_back(nullptr);
  benchmark::Initialize(&n, args.data());
  if (n != 3) {
    std::fprintf(stderr, "usage: %s [benchmark flags] REFERENTIAL DOSSIER\n", kProgram);
    return 2;
  }
  Inputs in;
  in.ref_path = args[1];
  in.dossier_path = args[2];
  in.ref_text = sceau::bench::ReadWholeFile(kProgram, in.ref_path);
  in.dossier_text = sceau::bench::ReadWholeFile(kProgram, in.dossier_path);
  in.ref = LoadRef(in.ref_path, in.ref_text);
  sceau::DossierLoad d = LoadDossier(in.dossier_path, in.dossier_text, in.ref);
  in.dossier = d.dossier;
  in.eval = sceau::Evaluate(*in.ref, *in.dossier);
  if (!in.eval.ok()) {
    ShowDiagnostics(in.eval.diagnostics);
    sceau::bench::Fail(kProgram, "the evaluation has errors");
  }
  in.json = sceau::ResultToJson(*in.ref, *in.dossier, in.eval.result);
  g_in = &in;

  const auto unit = benchmark::kMillisecond;
  benchmark::RegisterBenchmark("BM_BareParse/referential", BareParse, &in.ref_text)->Unit(unit);
  benchmark::RegisterBenchmark("BM_LoadValidateGraph", BM_LoadValidateGraph)->Unit(unit);
  benchmark::RegisterBenchmark("BM_BareParse/dossier", BareParse, &in.dossier_text)->Unit(unit);
  benchmark::RegisterBenchmark("BM_LoadDossier", BM_LoadDossier)->Unit(unit);
  benchmark::RegisterBenchmark("BM_Evaluate", BM_Evaluate)->Unit(unit);
  benchmark::RegisterBenchmark("BM_JsonCsv", BM_JsonCsv)->Unit(unit);
  benchmark::RegisterBenchmark("BM_Pipeline", BM_Pipeline)->Unit(unit);
  benchmark::RegisterBenchmark("BM_Pdf", BM_Pdf)->Unit(unit);

  MedianReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  std::printf("referential: %s\nreferential_bytes: %zu\ncriteria: %zu\n", in.ref_path.c_str(),
              in.ref_text.size(), in.ref->criteria.size());
  std::printf("dossier: %s\ndossier_bytes: %zu\njson_bytes: %zu\n", in.dossier_path.c_str(),
              in.dossier_text.size(), in.json.size());
  // The ratios on wall time, then on CPU time (steadier when other processes share the cores).
  for (const char* clock : {"wall", "cpu"}) {
    const auto& table =
        std::strcmp(clock, "wall") == 0 ? reporter.median_ms : reporter.median_cpu_ms;
    auto m = [&](const char* name) {
      auto it = table.find(name);
      return it == table.end() ? -1.0 : it->second;
    };
    for (const auto& [name, ms] : table)
      std::printf("median_%s_ms %s: %.3f\n", clock, name.c_str(), ms);
    const double a = m("BM_BareParse/referential"), b = m("BM_LoadValidateGraph");
    const double d_eval = m("BM_Evaluate"), f = m("BM_Pipeline");
    if (a > 0 && b > 0) {
      std::printf("%s_ratio_load_validate_graph_over_bare_parse: %.3f\n", clock, b / a);
      std::printf("%s_validation_overhead_percent: %.1f\n", clock, (b - a) / a * 100.0);
    }
    if (d_eval > 0 && f > 0) {
      std::printf("%s_evaluation_share_of_pipeline_percent: %.2f\n", clock, d_eval / f * 100.0);
    }
  }
  for (const auto& [name, pps] : reporter.median_pages_per_s) {
    std::printf("pdf_pages_per_second_one_thread %s: %.0f\n", name.c_str(), pps);
  }
  return 0;
}
