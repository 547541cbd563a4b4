// Dependency cycles as `sceau validate` reports them: each group of mutually dependent criteria
// once, with its size and a shortest loop, the list capped with a count unless all are asked for,
// and a referential whose only errors are cycles kept for drawing.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/referential_loader.h"

namespace sceau {
namespace {

// A referential of `n` criteria C-1 .. C-n in one chapter; `links` are "i>j" for "C-i requires
// C-j".
std::string Referential(int n, const std::vector<std::pair<int, int>>& links) {
  std::string text = R"(id: cycles
version: "1"
title: Cycles
effective: 2026-01-01
scales:
  - id: grades
    type: grades
    grades:
      - {code: C, kind: conforming, label: Conforme, points: 100}
      - {code: NCM, kind: major-nc, label: Majeure, points: 0}
chapters:
  - {id: "1", title: Chapitre}
criteria:
)";
  for (int i = 1; i <= n; ++i) {
    std::vector<std::string> req;
    for (auto [a, b] : links) {
      if (a == i) req.push_back(fmt::format("C-{}", b));
    }
    text += fmt::format("  - {{id: C-{}, chapter: \"1\", title: T, requirement: R{}}}\n", i,
                        req.empty() ? "" : fmt::format(", requires: [{}]", fmt::join(req, ", ")));
  }
  text += R"(decision:
  outcomes:
    - id: refuse
      decision: refused
      label: Refusé
      when: [{count: {kind: major-nc, min: 1}}]
    - id: grant
      decision: granted
      label: Accordé
)";
  return text;
}

std::vector<std::string> Messages(const ReferentialLoad& load) {
  std::vector<std::string> out;
  for (const Diagnostic& d : load.diagnostics) {
    out.push_back(fmt::format("{}:{}: {}: {}", d.where.line, d.where.column,
                              SeverityName(d.severity), d.message));
  }
  return out;
}

TEST(ReferentialCycles, NamesAGroupOnceWithItsSizeAndAShortestLoop) {
  // C-1 > C-2 > C-3 > C-4 > C-1, and C-3 > C-2: one group of four, shortest loop C-2 <-> C-3.
  ReferentialLoad load =
      LoadReferentialFromString("r.yaml", Referential(5, {{1, 2}, {2, 3}, {3, 4}, {4, 1}, {3, 2}}));
  EXPECT_FALSE(load.ok());
  EXPECT_EQ(Messages(load),
            (std::vector<std::string>{
                "16:71: error: dependency cycle: C-3 -> C-2 -> C-3, the shortest loop among 4 "
                "mutually dependent criteria: C-1, C-2, C-3, C-4"}));
  // The only errors are cycles: the model is kept for drawing, never for evaluation.
  ASSERT_NE(load.graph_only, nullptr);
  EXPECT_EQ(load.graph_only->criteria.size(), 5u);
}

TEST(ReferentialCycles, CapsTheGroupsReportedAndCountsTheRest) {
  // 25 separate mutual pairs: 20 reported, then a note for the 5 others; all with the option.
  std::vector<std::pair<int, int>> links;
  for (int k = 0; k < 25; ++k) {
    links.push_back({2 * k + 1, 2 * k + 2});
    links.push_back({2 * k + 2, 2 * k + 1});
  }
  std::string text = Referential(50, links);
  ReferentialLoad capped = LoadReferentialFromString("r.yaml", text);
  std::vector<std::string> m = Messages(capped);
  ASSERT_EQ(m.size(), 21u);
  EXPECT_EQ(m[0], "15:66: error: dependency cycle: C-2 -> C-1 -> C-2");
  EXPECT_EQ(m.back(),
            "55:67: note: 5 more groups of mutually dependent criteria, from this one on, not "
            "shown (--all-cycles shows them all)");
  LoadOptions all;
  all.max_cycle_groups = 0;
  EXPECT_EQ(Messages(LoadReferentialFromString("r.yaml", text, all)).size(), 25u);
}

TEST(ReferentialCycles, OtherErrorsKeepNoModelForDrawing) {
  std::string text = Referential(2, {{1, 2}, {2, 1}});
  text.replace(text.find("title: Cycles"), 13, "title: [oops]");
  ReferentialLoad load = LoadReferentialFromString("r.yaml", text);
  EXPECT_FALSE(load.ok());
  EXPECT_EQ(load.graph_only, nullptr);
}

}  // namespace
}  // namespace sceau
