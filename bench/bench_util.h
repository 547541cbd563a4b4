// Helpers shared by the benchmarks: timing, medians, peak memory, reading an input file.
#ifndef SCEAU_BENCH_BENCH_UTIL_H_
#define SCEAU_BENCH_BENCH_UTIL_H_

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace sceau::bench {

using Clock = std::chrono::steady_clock;

// Keeps the compiler from discarding work whose result is otherwise unused.
inline volatile size_t g_sink = 0;

inline double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

inline double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t mid = v.size() / 2;
  return v.size() % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

// Peak resident set size of this process so far, in MiB (ru_maxrss is in KiB on Linux).
inline double PeakRssMib() {
  struct rusage usage = {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Prints "PROGRAM: MESSAGE" and exits 1.
[[noreturn]] inline void Fail(const char* program, const std::string& message) {
  std::cerr << program << ": " << message << "\n";
  std::exit(1);
}

// The whole file, or Fail().
inline std::string ReadWholeFile(const char* program, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(program, "cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) Fail(program, "cannot read " + path);
  return std::move(buffer).str();
}

}  // namespace sceau::bench

#endif  // SCEAU_BENCH_BENCH_UTIL_H_
