// Checks of a referential's decision policy against the certification principles (DOMAIN.md rules
// 2 and 12), run by the loader once the referential is complete:
//
// - `unguarded-blocking` (error): the referential has blocking criteria, and a failed blocking
//   criterion could still reach an outcome that grants (granted or conditional): no outcome
//   before it refuses on `blocking_failed`, and the outcome itself does not exclude it. Failing a
//   blocking criterion means no label, whatever the score (non-compensation).
// - `major-may-grant` (warning): a major nonconformity could still reach an outcome that grants.
//
// The analysis is conservative and syntactic: an outcome "refuses on" a failure when all its
// conditions hold whenever that failure happens (`blocking_failed: {min: 1}`, `count: {kind:
// major-nc, min: 1}`, or `any`/`all`/`not` of such); an outcome "excludes" it when one of its
// conditions cannot hold then (`blocking_failed: {max: 0}`, `count: {kind: major-nc, max: 0}`).
#ifndef SCEAU_ENGINE_POLICY_CHECK_H_
#define SCEAU_ENGINE_POLICY_CHECK_H_

#include "engine/referential.h"
#include "engine/source.h"

namespace sceau {

// Adds the problems of `ref`'s policy to `sink`, located at the outcome that could grant.
void CheckPolicy(const Referential& ref, DiagnosticSink* sink);

}  // namespace sceau

#endif  // SCEAU_ENGINE_POLICY_CHECK_H_
