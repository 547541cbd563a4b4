// Load benchmark: what validation and graph building cost on top of parsing the YAML.
//
//   sceau_bench_load [--runs N] [--mode compare|parse|load] FILE
//
// compare (default, 5 runs): each run times (a) the bare yaml-cpp parse, YAML::LoadAll over the
//   file's text already in memory, then (b) sceau::LoadReferentialFromString (parse + validation)
//   followed by building a sceau::CriteriaGraph and calling TopologicalOrder(). Prints the medians,
//   the ratio b/a, the overhead (b-a)/a in percent and a breakdown of (b).
// parse, load: one run of (a) or (b) only, then the peak resident set size of the process, so that
//   the peak memory of each can be measured in a process of its own.
//
// Output lines are "key: value" so that scripts (bench/run_load.sh) can pick them up.
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
#include "engine/criteria_graph.h"
#include "engine/referential.h"
#include "engine/referential_loader.h"
#include "engine/source.h"
#include "yaml-cpp/yaml.h"

namespace {

using sceau::bench::Clock;
using sceau::bench::g_sink;
using sceau::bench::Median;
using sceau::bench::MsSince;
using sceau::bench::PeakRssMib;

[[noreturn]] void Fail(const std::string& message) {
  sceau::bench::Fail("sceau_bench_load", message);
}

void Usage(const char* argv0) {
  std::cerr << "usage: " << argv0 << " [--runs N] [--mode compare|parse|load] FILE\n";
  std::exit(2);
}

std::string ReadWholeFile(const std::string& path) {
  return sceau::bench::ReadWholeFile("sceau_bench_load", path);
}

struct ParseTiming {
  double parse_ms = 0;  // YAML::LoadAll alone
  double free_ms = 0;   // destroying the yaml-cpp node tree afterwards
};

// (a) The bare yaml-cpp parse: the baseline every YAML loader pays. Only the parse counts as (a);
// freeing the node tree is timed apart, since sceau's loader frees its own tree inside the call.
ParseTiming TimeBareParse(const std::string& text) {
  ParseTiming t;
  auto docs = std::make_unique<std::vector<YAML::Node>>();
  Clock::time_point start = Clock::now();
  try {
    *docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    Fail(std::string("yaml-cpp cannot parse the file: ") + e.what());
  }
  t.parse_ms = MsSince(start);
  g_sink = g_sink + docs->size();
  start = Clock::now();
  docs.reset();
  t.free_ms = MsSince(start);
  return t;
}

struct LoadTiming {
  double load_ms = 0;   // LoadReferentialFromString: parse + validation
  double graph_ms = 0;  // CriteriaGraph construction + TopologicalOrder()
  double total_ms() const { return load_ms + graph_ms; }
  int criteria = 0;
  int edges = 0;
  int warnings = 0;
};

// (b) sceau's load: parse and validation, then the criteria graph and its order.
LoadTiming TimeSceauLoad(const std::string& path, const std::string& text) {
  std::string copy = text;  // the loader takes its text by value; copy outside the timed region
  LoadTiming t;
  Clock::time_point start = Clock::now();
  sceau::ReferentialLoad load = sceau::LoadReferentialFromString(path, std::move(copy));
  t.load_ms = MsSince(start);
  if (!load.ok() || load.errors() > 0) {
    constexpr size_t kShown = 20;
    for (size_t i = 0; i < load.diagnostics.size() && i < kShown; ++i) {
      std::cerr << sceau::RenderDiagnostic(load.diagnostics[i]);
    }
    Fail("the referential has " + std::to_string(load.errors()) + " error(s) (" +
         std::to_string(load.diagnostics.size()) + " diagnostics); fix the file or the loader");
  }
  const sceau::Referential& ref = *load.referential;

  start = Clock::now();
  sceau::CriteriaGraph graph(ref);
  if (!graph.acyclic()) Fail("the criteria graph has cycles although the load succeeded");
  const std::vector<int> order = graph.TopologicalOrder();
  t.graph_ms = MsSince(start);

  if (order.size() != ref.criteria.size()) {
    Fail("TopologicalOrder() returned " + std::to_string(order.size()) + " criteria, expected " +
         std::to_string(ref.criteria.size()));
  }
  g_sink = g_sink + order.size();
  t.criteria = graph.size();
  t.edges = graph.edge_count();
  t.warnings = load.warnings();
  return t;
}

void PrintMs(std::string_view key, double ms) {
  std::printf("%.*s: %.2f\n", static_cast<int>(key.size()), key.data(), ms);
}

int RunCompare(const std::string& path, const std::string& text, int runs) {
  std::vector<double> parse_ms;
  std::vector<double> free_ms;
  std::vector<double> total_ms;
  std::vector<double> load_ms;
  std::vector<double> graph_ms;
  LoadTiming last;
  for (int run = 0; run < runs; ++run) {
    const ParseTiming p = TimeBareParse(text);
    parse_ms.push_back(p.parse_ms);
    free_ms.push_back(p.free_ms);
    last = TimeSceauLoad(path, text);
    total_ms.push_back(last.total_ms());
    load_ms.push_back(last.load_ms);
    graph_ms.push_back(last.graph_ms);
    std::printf("run %d: parse %.2f ms, load+graph %.2f ms (load %.2f, graph %.2f)\n", run + 1,
                parse_ms.back(), total_ms.back(), load_ms.back(), graph_ms.back());
  }
  const double a = Median(parse_ms);
  const double b = Median(total_ms);
  std::printf("file: %s\n", path.c_str());
  std::printf("bytes: %zu\n", text.size());
  std::printf("criteria: %d\n", last.criteria);
  std::printf("edges: %d\n", last.edges);
  std::printf("warnings: %d\n", last.warnings);
  std::printf("runs: %d\n", runs);
  PrintMs("parse_median_ms", a);
  PrintMs("load_graph_median_ms", b);
  std::printf("ratio: %.3f\n", b / a);
  std::printf("overhead_percent: %.1f\n", (b - a) / a * 100.0);
  PrintMs("load_only_median_ms", Median(load_ms));
  PrintMs("graph_only_median_ms", Median(graph_ms));
  PrintMs("yaml_cpp_free_median_ms", Median(free_ms));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::string mode = "compare";
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::atoi(argv[++i]);
      if (runs < 1) Usage(argv[0]);
    } else if (arg == "--mode" && i + 1 < argc) {
      mode = argv[++i];
    } else if (arg == "-h" || arg == "--help") {
      Usage(argv[0]);
    } else if (!arg.empty() && arg[0] == '-') {
      Usage(argv[0]);
    } else if (path.empty()) {
      path = arg;
    } else {
      Usage(argv[0]);
    }
  }
  if (path.empty()) Usage(argv[0]);
  if (mode != "compare" && mode != "parse" && mode != "load") Usage(argv[0]);

  const std::string text = ReadWholeFile(path);
  if (mode == "compare") return RunCompare(path, text, runs);

  const double before = PeakRssMib();  // the file's text alone
  std::printf("mode: %s\n", mode.c_str());
  if (mode == "parse") {
    const ParseTiming p = TimeBareParse(text);
    PrintMs("parse_ms", p.parse_ms);
    PrintMs("yaml_cpp_free_ms", p.free_ms);
  } else {
    const LoadTiming t = TimeSceauLoad(path, text);
    PrintMs("load_graph_ms", t.total_ms());
    PrintMs("load_only_ms", t.load_ms);
    PrintMs("graph_only_ms", t.graph_ms);
  }
  std::printf("rss_before_mib: %.1f\n", before);
  std::printf("peak_rss_mib: %.1f\n", PeakRssMib());
  return 0;
}
