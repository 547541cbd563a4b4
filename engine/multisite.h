// Multi-site organisations (IAF MD 1): the sites visited against the sample the audit kind calls
// for, and the nonconformities found at some sites, presumed to concern every site until the
// organisation shows them corrected everywhere.
//
// Evaluate() calls ApplyMultisite once the action plan is laid out; the result is
// AuditResult::multisite (JSON "multisite"), null for an organisation with fewer than two sites.
#ifndef SCEAU_ENGINE_MULTISITE_H_
#define SCEAU_ENGINE_MULTISITE_H_

#include <string>
#include <vector>

#include "engine/dossier.h"
#include "engine/referential.h"
#include "engine/source.h"

namespace sceau {

struct AuditResult;

// A nonconformity found at some sites only: presumed to concern all of them.
struct PresumedNc {
  int criterion = -1;                 // index into Referential::criteria
  std::string grade;                  // the criterion's grade code after escalation
  std::vector<std::string> found_at;  // site ids of its minor or major findings, in file order
  int sites = 0;                      // the sites it is presumed to concern: all of them
};

struct MultisiteResult {
  int sites = 0;                     // the organisation's sites
  std::vector<std::string> visited;  // audit.sites_visited
  int required = 0;                  // SiteSampleSize(audit kind, sites)
  int shortfall = 0;                 // max(0, required - visited)
  std::string rule;                  // "ceil(0.6*sqrt(9))"
  std::string central;               // plan.central, or empty
  bool central_visited = true;       // false when plan.central names a site not visited
  std::vector<PresumedNc> presumed;  // in the referential's order
};

// For an organisation with at least two sites, fills `result->multisite` (the actions of the
// presumed nonconformities are to be carried out on every site); adds a review note and a warning
// (code "site-sample-shortfall") when fewer sites were visited than the sample requires, and the
// same (code "central-not-visited") when the central function named by `plan.central` was not
// visited. Does nothing for a single-site organisation.
// REQUIRES: `result` was evaluated from `ref` and `dossier`, its action plan laid out.
void ApplyMultisite(const Referential& ref, const Dossier& dossier, AuditResult* result,
                    DiagnosticSink* sink);

}  // namespace sceau

#endif  // SCEAU_ENGINE_MULTISITE_H_
