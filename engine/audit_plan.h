// Audit planning rules from the accreditation documents: the IAF MD 1 site sample size for a
// multi-site organisation and its reproducible draw, and the IAF MD 5 audit time (QMS).
//
//   sceau::AuditTime t = sceau::EstimateAuditTime(dossier);   // days: initial, surveillance...
//   sceau::SiteSample s = sceau::DrawSiteSample(dossier, seed);  // which sites to visit
//
// `sceau plan DOSSIER` prints both. The rules, the table and the choices made where the documents
// leave room (rounding, the progression past the table, the central function) are written out in
// audits/README.md ("Planning an audit").
#ifndef SCEAU_ENGINE_AUDIT_PLAN_H_
#define SCEAU_ENGINE_AUDIT_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/dossier.h"
#include "engine/yaml_reader.h"

namespace sceau {

// The number of sites to visit among `sites` for an audit of this kind (IAF MD 1): ceil(sqrt n)
// at an initial audit, ceil(0.6 sqrt n) at a surveillance, ceil(0.8 sqrt n) at a renewal; every
// site when there is one, 0 when there is none. A self-assessment uses the initial rule.
int SiteSampleSize(AuditKind kind, int sites);
// The rule in words, as the JSON result writes it: "ceil(0.6*sqrt(9))".
std::string SiteSampleRule(AuditKind kind, int sites);

// ---- audit time (IAF MD 5, Table QMS 1)
// ----------------------------------------------------------

// Initial audit time (stage 1 + stage 2), in half days, for `personnel` people (the effective
// number of personnel). Table QMS 1 from 1-5 people (1.5 days) to 8,501-10,700 (22 days); past
// its top row, one more day for each further 2,200 people (the width of the top row), started.
// 0 people count as 1.
int InitialAuditHalfDays(int personnel);

struct AuditTime {
  int personnel = 0;             // effective number of personnel: permanent + pathway
  double table_days = 0;         // Table QMS 1, before reductions
  double reduction_asked = 0;    // percent: the sum of the dossier's reductions
  double reduction_applied = 0;  // percent: the same, capped at kMaxReductionPercent
  bool capped = false;           // the reductions asked for exceeded the cap
  double initial_days = 0;       // each rounded to the nearest half day (ties up), at least 0.5
  double surveillance_days = 0;  // a third of the reduced initial time
  double renewal_days = 0;       // two thirds of the reduced initial time
  double this_audit_days = 0;    // the one of the three that the dossier's audit kind calls for
};

inline constexpr double kMaxReductionPercent = 30;

// Rounds `days` to the nearest half day, ties up (5.25 -> 5.5, 5.2 -> 5), and never below 0.5.
double RoundToHalfDay(double days);

// The audit time for `personnel` people with `reductions` (percent each) for an audit of `kind`.
AuditTime EstimateAuditTime(int personnel, const std::vector<double>& reductions, AuditKind kind);
// The same from a dossier: its headcount, its `plan.reductions` and its audit kind.
AuditTime EstimateAuditTime(const Dossier& dossier);

// ---- the site sample
// -------------------------------------------------------------------------------

// SplitMix64 (Steele, Lea and Flood 2014): the same numbers on every platform and standard library.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, bound), bound > 0, without modulo bias (rejection sampling).
  uint64_t Below(uint64_t bound);

 private:
  uint64_t state_;
};

// The default seed of a dossier: FNV-1a (64-bit) of its audit id.
uint64_t DefaultSeed(const std::string& audit_id);

struct SiteSample {
  int sites = 0;     // sites of the organisation
  int required = 0;  // SiteSampleSize(kind, sites)
  std::string rule;  // SiteSampleRule(kind, sites)
  uint64_t seed = 0;
  std::string central;      // the central function's site id, or empty
  std::vector<int> chosen;  // indices into organisation.sites: the sample, in dossier order
  int random = 0;           // how many of them were drawn at random (all but the central site)
};

// Draws the sample: the central function (plan.central) when the dossier names one, then sites
// drawn at random among the others (a Fisher-Yates shuffle driven by SplitMix64(seed)) up to
// `required`. At least a quarter of the sample is drawn at random: when the central function
// would leave less (a sample of one), one random site is added.
SiteSample DrawSiteSample(const Dossier& dossier, uint64_t seed);

// ---- the dossier's `plan` key ------------------------------------------------------------------

// Reads `plan: {central: SITE, reductions: [{reason, percent}]}` into `*plan`, reporting what is
// wrong through `reader`. `org` gives the site ids `central` may name. Called by the dossier
// loader.
void ReadPlanSettings(YamlReader* reader, const YamlNode* node, const Organisation& org,
                      PlanSettings* plan);

// Reads what planning needs from the dossier at `path`, without its referential and without the
// assessments, so that an audit can be planned before it is done (on a `sceau template` skeleton):
// organisation (name, kind, headcount, sites), audit (id, kind) and `plan`. Fills those fields of
// `*dossier`. Returns false when one of them is missing or wrong; `*diagnostics` (sorted) says why.
// Other keys are not checked here: `sceau check` does that.
bool ReadPlanningDossier(const std::string& path, Dossier* dossier,
                         std::vector<Diagnostic>* diagnostics);

}  // namespace sceau

#endif  // SCEAU_ENGINE_AUDIT_PLAN_H_
