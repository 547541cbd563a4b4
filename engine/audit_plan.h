// Audit planning rules from the accreditation documents: the IAF MD 1 site sample size for a
// multi-site organisation, and (see below) the IAF MD 5 audit time.
#ifndef SCEAU_ENGINE_AUDIT_PLAN_H_
#define SCEAU_ENGINE_AUDIT_PLAN_H_

#include "engine/dossier.h"

namespace sceau {

// The number of sites to visit among `sites` for an audit of this kind (IAF MD 1): ceil(sqrt n)
// at an initial audit, ceil(0.6 sqrt n) at a surveillance, ceil(0.8 sqrt n) at a renewal; every
// site when there is one, 0 when there is none. A self-assessment uses the initial rule.
int SiteSampleSize(AuditKind kind, int sites);

}  // namespace sceau

#endif  // SCEAU_ENGINE_AUDIT_PLAN_H_
