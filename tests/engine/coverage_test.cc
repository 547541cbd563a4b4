#include "engine/coverage.h"

#include <gtest/gtest.h>

#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/referential_loader.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::RenderAll;
using testing::SourcePath;

// Every clause of ISO 9001:2015 from 4 to 10 (clause numbers and titles are not copyrighted).
const std::vector<std::string> kIso9001Clauses = {
    "4.1", "4.2", "4.3", "4.4", "5.1", "5.2",  "5.3",  "6.1", "6.2", "6.3",
    "7.1", "7.2", "7.3", "7.4", "7.5", "8.1",  "8.2",  "8.3", "8.4", "8.5",
    "8.6", "8.7", "9.1", "9.2", "9.3", "10.1", "10.2", "10.3"};

TEST(Coverage, CedreMapsEveryIso9001ClauseFromFourToTen) {
  ReferentialLoad ref = LoadReferentialFile(SourcePath("referentials/cedre-iso9001.yaml"));
  ASSERT_TRUE(ref.ok());
  for (const std::string& clause : kIso9001Clauses) {
    int mapped = 0;
    for (const Criterion& c : ref.referential->criteria) {
      for (const auto& [framework, items] : c.mappings) {
        if (framework != "iso9001") continue;
        for (const std::string& item : items) {
          if (item == clause || item.rfind(clause + ".", 0) == 0) ++mapped;
        }
      }
    }
    EXPECT_GE(mapped, 1) << "ISO 9001 clause " << clause << " is mapped by no criterion";
  }
}

TEST(Coverage, CountsCoveredAndMetClausesOfAnAudit) {
  ReferentialLoad ref = LoadReferentialFile(SourcePath("referentials/cedre-iso9001.yaml"));
  ASSERT_TRUE(ref.ok());
  DossierLoad load =
      LoadDossierFile(SourcePath("audits/refused-major.yaml"), FixedReferential(ref.referential));
  ASSERT_TRUE(load.ok()) << RenderAll(load.diagnostics);
  Evaluation e = Evaluate(*ref.referential, *load.dossier);
  Coverage c;
  std::string error;
  ASSERT_TRUE(ComputeCoverage(*ref.referential, e.result, "iso9001", &c, &error)) << error;
  EXPECT_EQ(c.framework, "iso9001");
  EXPECT_EQ(c.items.size(), ref.referential->frameworks[0].items.size());
  // All but clause 5 as a whole, which only C-5.3.3 (group governance, GES only) maps to: it does
  // not apply to this EI, so that item is not covered by this audit.
  EXPECT_EQ(c.covered(), static_cast<int>(c.items.size()) - 1);
  auto item = [&](const std::string& id) -> const CoverageItem& {
    for (const CoverageItem& i : c.items) {
      if (i.id == id) return i;
    }
    ADD_FAILURE() << id;
    return c.items.front();
  };
  EXPECT_EQ(item("5").assessed, 0);
  EXPECT_EQ(item("5").criteria.size(), 1u);
  // C-7.1.4 is NCM in this dossier: clause 7.1 is covered but not entirely met.
  const CoverageItem& resources = item("7.1");
  EXPECT_GE(resources.assessed, 2);
  EXPECT_EQ(resources.met, resources.assessed - 1);
  EXPECT_LT(resources.score, 100);
  EXPECT_FALSE(ComputeCoverage(*ref.referential, e.result, "iso26000", &c, &error));
  EXPECT_EQ(error, "referential 'cedre-iso9001' maps to no framework 'iso26000' (it has: iso9001)");
}

}  // namespace
}  // namespace sceau
