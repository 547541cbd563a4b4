// Golden-result tests of the sample dossiers: a sample audited in process, and the accessors the
// tests assert with.
#ifndef SCEAU_TESTS_ENGINE_GOLDEN_H_
#define SCEAU_TESTS_ENGINE_GOLDEN_H_

#include <memory>
#include <string>
#include <vector>

#include "engine/audit_result.h"
#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential.h"

namespace sceau::testing {

struct Golden {
  std::shared_ptr<const Referential> ref;
  DossierLoad load;
  Evaluation eval;

  const AuditResult& r() const { return eval.result; }
  // The outcome that matched, or null.
  const Outcome* matched() const;
  std::string outcome() const;               // its id, or ""
  std::string level() const;                 // its level, or ""
  int count(const std::string& code) const;  // criteria graded (or at level) `code`
  std::vector<std::string> ids(const std::vector<int>& criteria) const;
  std::vector<std::string> action_order() const;
  // "root: gap gap ..." for each group; "-" for gaps with no failing cause.
  std::vector<std::string> root_groups() const;
  std::vector<std::string> impacted() const;
  double chapter(const std::string& id) const;  // the chapter's score
  const CriterionResult& criterion(const std::string& id) const;
  std::string first_due() const;  // due date of the first action, or ""
};

// Audits audits/DOSSIER against referentials/REFERENTIAL. A sample must load and evaluate with
// neither error nor warning; the test fails otherwise.
Golden AuditSample(const std::string& referential, const std::string& dossier);

}  // namespace sceau::testing

#endif  // SCEAU_TESTS_ENGINE_GOLDEN_H_
