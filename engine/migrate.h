// Carries an audit dossier written for one version of a referential onto the next version
// (`sceau migrate`), following the `replaces` links of the new version's criteria.
//
// MigrateDossier takes the dossier's text and its model (loaded against `old_ref`) and writes the
// text of the new dossier. It prints nothing and writes no file: the caller gets the YAML and a
// report of what happened to each assessment, and decides where to write.
//
// What the new dossier holds:
// - everything of the original but the referential reference and the assessments: the comments
//   before the first key, `format`, `organisation`, `audit` and `evidence` are copied as written
//   (when the top level is a block map, as every dossier sceau writes; otherwise they are written
//   again from the model, comments lost);
// - `referential: {id: NEW, version: "NEW"}`;
// - `assessments`, rebuilt in the new version's order of criteria:
//   * an assessment whose criterion keeps its id, with exactly that one successor: carried as it
//     is ("carried"), or flagged when its requirement (French text), scale, checks or
//     applicability changed ("reassess");
//   * an assessment whose criterion is taken over by one new criterion under another id: carried
//     to it ("moved"; flagged when the criterion changed);
//   * several old assessments taken over by one new criterion: their findings merged (each text
//     prefixed with "[OLD-ID] "), flagged ("merged"); on a maturity scale, one level, the lowest
//     of theirs; a not-applicable grade beside real findings is left out (said in the comment),
//     and not applicable for all of them stays not applicable, the justifications joined;
//   * an old assessment taken over by several new criteria (`replaces` on several, or kept and
//     also replaced): copied to each, flagged ("split");
//   * a new criterion that applies to the organisation and gets no assessment: `grade: ~` (or
//     `level: ~`) with a comment, to assess ("new");
//   Each flagged entry has a "# reassess: ..." comment above it. A grade or level that the new
//   criterion's scale lacks (or NA where the new criterion forbids it) becomes `~`, the old value
//   kept in the comment. Indicator values for indicators the new criterion does not check are
//   kept in the comment only.
// - at the end, as a YAML comment block, every assessment that nothing takes over or whose
//   successors do not apply to the organisation ("dropped"): nothing is silently dropped. An
//   assessment the loader had ignored (its criterion did not apply to the organisation) is
//   reported as dropped too.
// Every assessment of the original dossier appears in `items` at least once (under each new
// criterion it goes to, or as dropped), and so does every `~` entry.
//
// The written dossier loads against `new_ref` with no error but the missing grades of `~`
// entries ("missing-key"); `diagnostics` holds that check of the written text.
#ifndef SCEAU_ENGINE_MIGRATE_H_
#define SCEAU_ENGINE_MIGRATE_H_

#include <string>
#include <vector>

#include "engine/dossier.h"
#include "engine/referential.h"
#include "engine/source.h"

namespace sceau {

struct MigrationItem {
  std::string kind;    // carried, reassess, moved, merged, split, dropped, new
  std::string old_id;  // empty for "new"
  std::string new_id;  // empty for "dropped" when nothing takes the criterion over
  std::string reason;  // in words: "requirement, checks changed", "merged with RSE-3.3"
  // The new dossier's entry needs the auditor's review or a grade: reassess, merged, split, new,
  // a moved criterion that changed, and any grade that could not be carried.
  bool reassess = false;
};

struct Migration {
  std::string dossier_yaml;          // the new dossier
  std::vector<MigrationItem> items;  // new criteria order, then dropped ones in the old order
  // The new dossier checked against the new referential (LoadDossierFromString, evidence files
  // not looked at): errors are the `~` left to fill in, unless something unexpected happened.
  std::vector<Diagnostic> diagnostics;
};

// `dossier` is `dossier_text` loaded against `old_ref`. Returns false with `*error` (and `*out`
// untouched) when the dossier is not for `old_ref`, when `new_ref` is another referential (id) or
// does not supersede `old_ref`'s version, or when the text cannot be read again.
bool MigrateDossier(const std::string& dossier_text, const Dossier& dossier,
                    const Referential& old_ref, const Referential& new_ref, Migration* out,
                    std::string* error);

// The report for people: a count per kind, then one line per item that is not a plain carry.
//   rse-iso26000 2026.1 -> 2027.1: 5 carried, 1 to reassess, 1 moved, 2 merged, 2 split,
//   1 dropped, 1 new to assess
//     reassess  RSE-2.1: requirement changed
//     ...
std::string MigrationReportText(const Migration& migration, const Referential& old_ref,
                                const Referential& new_ref);

// Where `sceau migrate` writes by default: beside the dossier, "<stem>-<version>.yaml"
// ("audits/tremplin.yaml", "2027.1" -> "audits/tremplin-2027.1.yaml"). Characters of the version
// other than letters, digits, '.', '_' and '-' become '-'.
std::string MigratedDossierPath(const std::string& dossier_path, const std::string& new_version);

}  // namespace sceau

#endif  // SCEAU_ENGINE_MIGRATE_H_
