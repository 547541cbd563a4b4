#include "engine/multisite.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/audit_plan.h"
#include "engine/audit_result.h"
#include "engine/wording.h"
#include "engine/yaml_tree.h"

namespace sceau {

namespace {

// Where `audit.sites_visited` is written (the key), for warnings; {} when it cannot be found.
SourceLocation SitesVisitedKey(const Dossier& d) {
  if (!d.source) return {};
  DiagnosticSink ignored(d.source);
  YamlDocument doc;
  if (!ParseYaml(d.source, YamlLimits{}, &ignored, &doc) || !doc.root()) return {};
  const YamlNode* audit = doc.root()->Get("audit");
  if (!audit || !audit->is_map()) return {};
  for (const auto& [key, value] : audit->pairs) {
    if (key->value == "sites_visited") return key->where;
  }
  return audit->where;
}

// "2 sites" / "1 site" in French.
std::string Sites(int n) { return fmt::format("{} site{}", n, n > 1 ? "s" : ""); }

}  // namespace

void ApplyMultisite(const Referential& ref, const Dossier& d, AuditResult* r,
                    DiagnosticSink* sink) {
  const int n = static_cast<int>(d.organisation.sites.size());
  if (n < 2) return;
  MultisiteResult m;
  m.sites = n;
  m.visited = d.audit.sites_visited;
  m.required = SiteSampleSize(d.audit.kind, n);
  m.rule = SiteSampleRule(d.audit.kind, n);
  m.shortfall = std::max(0, m.required - static_cast<int>(m.visited.size()));
  m.central = d.plan.central;
  m.central_visited = m.central.empty() ||
                      std::find(m.visited.begin(), m.visited.end(), m.central) != m.visited.end();

  for (size_t c = 0; c < ref.criteria.size(); ++c) {
    const CriterionResult& cr = r->criteria[c];
    if (!cr.applicable || !cr.assessed || cr.grade < 0) continue;
    if (cr.kind != GradeKind::kMinorNc && cr.kind != GradeKind::kMajorNc) continue;
    int ai = d.assessment_of[c];
    if (ai < 0) continue;
    const Scale& scale = ref.scales[static_cast<size_t>(ref.criteria[c].scale)];
    PresumedNc p;
    p.criterion = static_cast<int>(c);
    p.grade = scale.grades[static_cast<size_t>(cr.grade)].code;
    p.sites = n;
    for (const Finding& f : d.assessments[static_cast<size_t>(ai)].findings) {
      if (f.site.empty() || f.grade < 0) continue;
      GradeKind k = scale.grades[static_cast<size_t>(f.grade)].kind;
      if (k != GradeKind::kMinorNc && k != GradeKind::kMajorNc) continue;
      if (std::find(p.found_at.begin(), p.found_at.end(), f.site) == p.found_at.end()) {
        p.found_at.push_back(f.site);
      }
    }
    // Found at some sites, not all: presumed everywhere. An NC with no site is the whole
    // organisation's already.
    if (!p.found_at.empty() && static_cast<int>(p.found_at.size()) < n)
      m.presumed.push_back(std::move(p));
  }

  if (m.shortfall > 0 || !m.central_visited) {
    SourceLocation where = SitesVisitedKey(d);
    if (m.shortfall > 0) {
      std::string kind(AuditKindName(d.audit.kind));
      sink->Warning("site-sample-shortfall", where,
                    Fmt("sites visited: {} of {}, but an audit of kind '{}' of an organisation of "
                        "{} sites visits at least {} (IAF MD 1: {})",
                        m.visited.size(), n, kind, n, m.required, m.rule));
      r->notes.push_back(
          {"site-sample-shortfall",
           -1,
           fmt::format(
               "Échantillon de sites insuffisant : {} visité(s) sur {}, alors que l'IAF MD 1 "
               "en demande au moins {} ({} = {}) ; il manque {}.",
               m.visited.size(), Sites(n), m.required, m.rule, m.required, Sites(m.shortfall)),
           {{"visited", std::to_string(m.visited.size())},
            {"sites", std::to_string(n)},
            {"required", std::to_string(m.required)},
            {"rule", m.rule},
            {"missing", std::to_string(m.shortfall)}}});
    }
    if (!m.central_visited) {
      sink->Warning("central-not-visited", where,
                    Fmt("the central function '{}' (plan.central) is not among the sites "
                        "visited: it is audited at every audit (IAF MD 1)",
                        m.central));
      r->notes.push_back({"central-not-visited",
                          -1,
                          fmt::format("La fonction centrale ({}) n'a pas été visitée : elle est "
                                      "auditée à chaque audit (IAF MD 1).",
                                      m.central),
                          {{"site", m.central}}});
    }
  }
  r->multisite = std::move(m);
}

}  // namespace sceau
