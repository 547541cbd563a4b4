// What changed between two versions of a referential, for release notes (`sceau diff`).
//
// DiffReferentials compares two loaded referentials by id (criteria, chapters, scales, grades,
// levels, outcomes) and by the `replaces` links of the new version's criteria. It never fails and
// prints nothing: the result is a list of changes, rendered by DiffToText (one line per change,
// grouped by section) or DiffToJson. Both renderings are deterministic: the same two files always
// give the same bytes.
//
// Order of the changes: identity; chapters in the new file's order, then removed chapters in the
// old order; criteria in the new file's order, then the criteria that are gone in the old order;
// scales (and their grades and levels) likewise; then the decision policy.
//
// Change kinds (stable, for scripts), with the `field`s they use:
//   identity-changed     field: id, version, title, supersedes, effective
//   chapter-added / chapter-removed
//   chapter-changed      field: title, parent, weight
//   criterion-added      a new id (`text` says which old ids it replaces, if any)
//   criterion-removed    gone, and no criterion of the new version replaces it
//   criterion-replaced   gone, taken over by exactly one new criterion that replaces only it
//   criterion-merged     taken over by a criterion that replaces several old ones (field:
//                        replaced_by); its `new` is that criterion's id
//   criterion-split      taken over by several new criteria (`new`: their ids, ", "-joined); also
//                        reported for a criterion kept under its id when another one takes over
//                        part of it
//   criterion-changed    field: title, requirement, chapter, weight, blocking, na_allowed, scale,
//                        applies_to, checks, requires, related, mappings
//   replaces-unknown     a new criterion `replaces` an id the old version does not have
//   scale-added / scale-removed
//   scale-changed        field: type, title, pass_from, default_scale
//   grade-added / grade-removed / level-added / level-removed   id: "scale/code"
//   grade-changed        field: kind, points, label                id: "scale/code"
//   level-changed        field: points, label                      id: "scale/code"
//   outcome-added / outcome-removed
//   outcome-changed      field: decision, level, label, explanation, when
//   policy-changed       field: outcomes (order), points_scale, validity_months,
//                        surveillance_months, deadlines (id: the grade code), escalations
// `old_value` and `new_value` are canonical texts (French for texts; numbers in their shortest
// form; conditions, checks and applicability in the forms of ConditionText, CheckText and
// ApplicabilityText below); empty when there is no value on that side.
#ifndef SCEAU_ENGINE_REFERENTIAL_DIFF_H_
#define SCEAU_ENGINE_REFERENTIAL_DIFF_H_

#include <string>
#include <vector>

#include "engine/referential.h"

namespace sceau {

struct Change {
  std::string kind;       // "criterion-changed"; see the list above
  std::string id;         // what changed: criterion, chapter, scale ("grades"), "scale/code"...
  std::string field;      // which property, or empty
  std::string old_value;  // canonical text, or empty
  std::string new_value;  // canonical text, or empty
  std::string text;       // one line for people: "RSE-2.1 weight 1 -> 2"
};

struct ReferentialDiff {
  std::vector<Change> changes;
};

ReferentialDiff DiffReferentials(const Referential& old_ref, const Referential& new_ref);

// Text for release notes:
//   rse-iso26000 2026.1 -> rse-iso26000 2027.1: 12 changes
//   Criteria
//     + RSE-7.4 Achats responsables (chapter 7)
//     ~ RSE-2.1 weight 1 -> 2
//     - RSE-3.3 (replaced by RSE-3.4)
// Sections (Identity, Chapters, Criteria, Scales, Decision policy) appear only when they have
// changes. '+' marks an addition, '-' something gone, '~' a change, '!' a remark on the new file.
std::string DiffToText(const ReferentialDiff& diff, const Referential& old_ref,
                       const Referential& new_ref);
// {"old": {"id", "version"}, "new": {"id", "version"}, "changes": [{"kind", "id", "field", "old",
// "new", "text"}]}; empty strings are null. Keys in that order, indented by 2, newline-terminated.
std::string DiffToJson(const ReferentialDiff& diff, const Referential& old_ref,
                       const Referential& new_ref);

// ---- Canonical texts, shared with `sceau migrate` -------------------------------------------

// "count(kind minor-nc, chapter 8) >= 3", "score(each chapter) >= 40", "any(a; b)", "not(a)".
std::string ConditionText(const Referential& ref, const Condition& condition);
// A check without its label: "indicator taux-sorties >= 50 %", "evidence of contract, record:
// at least 2, at most 12 months old", "sample 'dossiers': at least 5 items, pass rate >= 0.8".
std::string CheckText(const Check& check);
// "every organisation", or "kinds ACI, EI; headcount >= 10; sites 2..20".
std::string ApplicabilityText(const Applicability& applies);

// What changed in a criterion that bears on an assessment carried from `o` (of `old_ref`) to `n`
// (of `new_ref`): a subset of "requirement" (its French text, whitespace aside), "scale" (another
// scale, or a scale of another type), "checks" (labels aside) and "applicability", in that order.
// Empty when the assessment can be carried as it is.
std::vector<std::string> ReassessReasons(const Referential& old_ref, const Criterion& o,
                                         const Referential& new_ref, const Criterion& n);

}  // namespace sceau

#endif  // SCEAU_ENGINE_REFERENTIAL_DIFF_H_
