// How far the items of another framework (ISO 9001 clauses, ISO 26000 core subjects) are covered
// and met by an audit, through the criteria's `mappings`.
#ifndef SCEAU_ENGINE_COVERAGE_H_
#define SCEAU_ENGINE_COVERAGE_H_

#include <string>
#include <vector>

#include "engine/audit_result.h"
#include "engine/referential.h"

namespace sceau {

struct CoverageItem {
  std::string id;  // "8.5.1"
  Text title;
  std::vector<int> criteria;  // criteria mapped to it, file order
  int assessed = 0;           // of those, applicable, assessed and not NA
  int met = 0;                // of those assessed, not failing (observations count as met)
  double score = 0;           // mean points of the assessed ones (0 when none)
};

struct Coverage {
  std::string framework;
  Text title;
  std::vector<CoverageItem> items;  // the framework's items in its order; else mapped ids, sorted
  int covered() const;              // items with at least one assessed criterion
};

// Returns false when `ref` declares no framework `framework_id` (then `*error` lists those it has).
bool ComputeCoverage(const Referential& ref, const AuditResult& result,
                     const std::string& framework_id, Coverage* out, std::string* error);

}  // namespace sceau

#endif  // SCEAU_ENGINE_COVERAGE_H_
