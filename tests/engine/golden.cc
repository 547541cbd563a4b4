#include "tests/engine/golden.h"

#include <gtest/gtest.h>

#include "engine/referential_loader.h"
#include "tests/test_util.h"

namespace sceau::testing {

const Outcome* Golden::matched() const {
  return r().outcome >= 0 ? &ref->policy.outcomes[static_cast<size_t>(r().outcome)] : nullptr;
}

std::string Golden::outcome() const { return matched() ? matched()->id : ""; }
std::string Golden::level() const { return matched() ? matched()->level : ""; }

int Golden::count(const std::string& code) const {
  auto it = r().grade_counts.find(code);
  return it == r().grade_counts.end() ? 0 : it->second;
}

std::vector<std::string> Golden::ids(const std::vector<int>& criteria) const {
  std::vector<std::string> out;
  for (int i : criteria) out.push_back(ref->criteria[static_cast<size_t>(i)].id);
  return out;
}

std::vector<std::string> Golden::action_order() const {
  std::vector<std::string> out;
  for (const Action& a : r().actions)
    out.push_back(ref->criteria[static_cast<size_t>(a.criterion)].id);
  return out;
}

std::vector<std::string> Golden::root_groups() const {
  std::vector<std::string> out;
  for (const RootCauseGroup& g : r().root_causes) {
    std::string s = g.root >= 0 ? ref->criteria[static_cast<size_t>(g.root)].id : "-";
    s += ":";
    for (int c : g.gaps) s += " " + ref->criteria[static_cast<size_t>(c)].id;
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> Golden::impacted() const {
  std::vector<std::string> out;
  for (const CriterionResult& cr : r().criteria) {
    if (cr.impacted) out.push_back(ref->criteria[static_cast<size_t>(cr.criterion)].id);
  }
  return out;
}

double Golden::chapter(const std::string& id) const {
  return r().chapters[static_cast<size_t>(ref->FindChapter(id))].score;
}

const CriterionResult& Golden::criterion(const std::string& id) const {
  return r().criteria[static_cast<size_t>(ref->FindCriterion(id))];
}

std::string Golden::first_due() const {
  return !r().actions.empty() && r().actions[0].due ? r().actions[0].due->ToString() : "";
}

Golden AuditSample(const std::string& referential, const std::string& dossier) {
  Golden g;
  // A variant (`extends`) finds its base in the referential's own folder.
  ReferentialLoad ref = LoadReferentialFile(SourcePath("referentials/" + referential));
  EXPECT_TRUE(ref.ok()) << RenderAll(ref.diagnostics);
  g.ref = ref.referential;
  if (!ref.ok()) return g;
  g.load = LoadDossierFile(SourcePath("audits/" + dossier), FixedReferential(g.ref));
  EXPECT_TRUE(g.load.ok()) << RenderAll(g.load.diagnostics);
  EXPECT_TRUE(g.load.diagnostics.empty()) << RenderAll(g.load.diagnostics);
  if (g.load.ok()) g.eval = Evaluate(*g.ref, *g.load.dossier);
  EXPECT_TRUE(g.eval.diagnostics.empty()) << RenderAll(g.eval.diagnostics);
  return g;
}

}  // namespace sceau::testing
