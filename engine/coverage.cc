#include "engine/coverage.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>

#include "engine/wording.h"

namespace sceau {

int Coverage::covered() const {
  return static_cast<int>(std::count_if(items.begin(), items.end(),
                                        [](const CoverageItem& i) { return i.assessed > 0; }));
}

namespace {

// "8.10" after "8.9": compare dotted ids number by number.
bool NaturalLess(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (isdigit(static_cast<unsigned char>(a[i])) && isdigit(static_cast<unsigned char>(b[j]))) {
      size_t ei = i, ej = j;
      while (ei < a.size() && isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      // Compared as digit strings: std::stol would throw on a run of digits too long for a long.
      size_t zi = i, zj = j;
      while (zi + 1 < ei && a[zi] == '0') ++zi;
      while (zj + 1 < ej && b[zj] == '0') ++zj;
      std::string_view x(a.data() + zi, ei - zi), y(b.data() + zj, ej - zj);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

}  // namespace

bool ComputeCoverage(const Referential& ref, const AuditResult& result,
                     const std::string& framework_id, Coverage* out, std::string* error) {
  const Framework* fw = nullptr;
  std::vector<std::string> known;
  for (const Framework& f : ref.frameworks) {
    known.push_back(f.id);
    if (f.id == framework_id) fw = &f;
  }
  if (!fw) {
    *error = Fmt("referential '{}' maps to no framework '{}' (it has: {})", ref.id, framework_id,
                 known.empty() ? Tr("none") : fmt::format("{}", fmt::join(known, ", ")));
    return false;
  }
  *out = Coverage{};
  out->framework = fw->id;
  out->title = fw->title;
  std::map<std::string, size_t> index;
  for (const auto& [id, title] : fw->items) {
    index[id] = out->items.size();
    out->items.push_back({id, title, {}, 0, 0, 0});
  }
  std::vector<std::string> extra;
  for (size_t c = 0; c < ref.criteria.size(); ++c) {
    for (const auto& [framework, ids] : ref.criteria[c].mappings) {
      if (framework != framework_id) continue;
      for (const std::string& id : ids) {
        if (!index.count(id)) {
          index[id] = out->items.size();
          out->items.push_back({id, {}, {}, 0, 0, 0});
          extra.push_back(id);
        }
        CoverageItem& item = out->items[index[id]];
        if (item.criteria.empty() || item.criteria.back() != static_cast<int>(c)) {
          item.criteria.push_back(static_cast<int>(c));
        }
      }
    }
  }
  if (fw->items.empty()) {
    std::sort(out->items.begin(), out->items.end(),
              [](const CoverageItem& a, const CoverageItem& b) { return NaturalLess(a.id, b.id); });
  }
  for (CoverageItem& item : out->items) {
    double points = 0;
    for (int c : item.criteria) {
      const CriterionResult& cr = result.criteria[static_cast<size_t>(c)];
      if (!cr.scored) continue;
      ++item.assessed;
      if (!cr.failing) ++item.met;
      points += cr.points;
    }
    item.score = item.assessed > 0 ? points / item.assessed : 0;
  }
  return true;
}

}  // namespace sceau
