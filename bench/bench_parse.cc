// The bare parse as a process, to set beside `sceau audit` in end-to-end timings:
//
//   sceau_bench_parse FILE...
//   sceau_bench_parse --events yaml-cpp|libyaml FILE...
//
// By default reads each file and parses it with yaml-cpp's YAML::LoadAll, as any YAML-reading tool
// would at the least, then exits (the node trees are freed, as a process does). bench/run_e2e.sh
// times this process against `sceau audit` on the same dossier and referential, start-up included
// for both. With --events, only the named library's event parser runs, each event dropped: the
// floor under any loader built on it (bench/run_lookups.sh sets the two side by side).
// Prints "parse_ms: X", the in-process time of reading and parsing all files.
#include <yaml.h>

#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "yaml-cpp/eventhandler.h"
#include "yaml-cpp/parser.h"
#include "yaml-cpp/yaml.h"

namespace {

struct NullHandler : YAML::EventHandler {
  size_t events = 0;
  void OnDocumentStart(const YAML::Mark&) override { ++events; }
  void OnDocumentEnd() override { ++events; }
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {
    ++events;
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnSequenceEnd() override { ++events; }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnMapEnd() override { ++events; }
};

size_t YamlCppEvents(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  NullHandler handler;
  while (parser.HandleNextDocument(handler)) {
  }
  return handler.events;
}

// Returns the number of events, or 0 on a syntax error.
size_t LibyamlEvents(const std::string& text) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return 0;
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  size_t events = 0;
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      events = 0;
      break;
    }
    bool end = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    ++events;
    if (end) break;
  }
  yaml_parser_delete(&parser);
  return events;
}

}  // namespace

int main(int argc, char** argv) {
  int first = 1;
  std::string events_of;
  if (argc > 2 && std::strcmp(argv[1], "--events") == 0) {
    events_of = argv[2];
    first = 3;
  }
  if (argc <= first || (!events_of.empty() && events_of != "yaml-cpp" && events_of != "libyaml")) {
    std::fprintf(stderr, "usage: sceau_bench_parse [--events yaml-cpp|libyaml] FILE...\n");
    return 2;
  }
  const auto start = sceau::bench::Clock::now();
  size_t count = 0;
  for (int i = first; i < argc; ++i) {
    const std::string text = sceau::bench::ReadWholeFile("sceau_bench_parse", argv[i]);
    try {
      if (events_of == "libyaml") {
        size_t n = LibyamlEvents(text);
        if (n == 0)
          sceau::bench::Fail("sceau_bench_parse", std::string(argv[i]) + ": syntax error");
        count += n;
      } else if (events_of == "yaml-cpp") {
        count += YamlCppEvents(text);
      } else {
        count += YAML::LoadAll(text).size();
      }
    } catch (const YAML::Exception& e) {
      sceau::bench::Fail("sceau_bench_parse", std::string(argv[i]) + ": " + e.what());
    }
  }
  std::printf("%s: %zu\nparse_ms: %.3f\n", events_of.empty() ? "documents" : "events", count,
              sceau::bench::MsSince(start));
  return 0;
}
