// The evaluator: a pure function from a referential and a dossier to an AuditResult.
//
//   sceau::Evaluation e = sceau::Evaluate(*load.referential, *load.dossier);
//   if (!e.ok()) { print e.diagnostics; }        // contradictions without an override
//   else writers render e.result;
//
// It runs the referential's checks on the evidence, compares them with the auditor's grades,
// applies escalations, propagates failures along `requires`, computes scores, takes the decision
// with the reasons for it, and lays out the corrective action plan. The rules are written out in
// audits/README.md ("How a dossier is evaluated").
#ifndef SCEAU_ENGINE_EVALUATOR_H_
#define SCEAU_ENGINE_EVALUATOR_H_

#include <vector>

#include "engine/audit_result.h"
#include "engine/dossier.h"
#include "engine/referential.h"
#include "engine/source.h"

namespace sceau {

struct Evaluation {
  AuditResult result;
  // Errors (a check contradicting a grade with no override) and warnings (consistency remarks),
  // located in the dossier. The result is complete either way; with errors it must not be
  // published.
  std::vector<Diagnostic> diagnostics;
  bool ok() const;
};

// REQUIRES: `dossier` was loaded against `ref` (dossier_loader.h).
Evaluation Evaluate(const Referential& ref, const Dossier& dossier);

// The diagnostics of each assessment on its own: contradictions, unused overrides, missing checks,
// favourable grades without evidence, gaps without a finding text. No decision is taken. For a
// dossier whose load failed in some assessments only: `dossier` holds the assessments that loaded,
// and the other parts of the dossier (organisation, audit, evidence, previous audit) are whole.
// Reported to `sink`, the dossier file's own, so that they share its cap and its count of the rest.
void AssessmentDiagnostics(const Referential& ref, const Dossier& dossier, DiagnosticSink* sink);

}  // namespace sceau

#endif  // SCEAU_ENGINE_EVALUATOR_H_
