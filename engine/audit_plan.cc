#include "engine/audit_plan.h"

#include <cmath>

namespace sceau {

int SiteSampleSize(AuditKind kind, int sites) {
  if (sites <= 0) return 0;
  double factor = 1.0;
  if (kind == AuditKind::kSurveillance) factor = 0.6;
  if (kind == AuditKind::kRenewal) factor = 0.8;
  // sqrt of a perfect square is exact in IEEE arithmetic; the small epsilon keeps 0.6 * sqrt(25)
  // = 3.0000000000000004 from rounding up to 4.
  double raw = factor * std::sqrt(static_cast<double>(sites));
  int n = static_cast<int>(std::ceil(raw - 1e-9));
  if (n < 1) n = 1;
  return n > sites ? sites : n;
}

}  // namespace sceau
