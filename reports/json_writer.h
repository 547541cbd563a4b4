// The JSON result of an audit: format "sceau-result", version 1, documented field by field in
// audits/README.md. Deterministic: the same inputs give the same bytes (no clock, fixed key order).
#ifndef SCEAU_REPORTS_JSON_WRITER_H_
#define SCEAU_REPORTS_JSON_WRITER_H_

#include <string>

#include "engine/audit_result.h"
#include "engine/coverage.h"
#include "engine/dossier.h"
#include "engine/referential.h"

namespace sceau {

inline constexpr int kResultFormatVersion = 1;

// Renders `result` (computed from `ref` and `dossier`) as indented JSON ending with a newline.
// `coverage` lists the frameworks asked for with --coverage (the "coverage" array; empty if none).
// `directory_url`, the public directory's base URL (engine/issuer_config.h), gives the certificate
// its page's addresses ("lifecycle.page_url", drawn as the certificate's QR code) when the
// lifecycle has a certificate number; empty: no "page_url".
std::string ResultToJson(const Referential& ref, const Dossier& dossier, const AuditResult& result,
                         const std::vector<Coverage>& coverage = {},
                         const std::string& directory_url = {});

}  // namespace sceau

#endif  // SCEAU_REPORTS_JSON_WRITER_H_
