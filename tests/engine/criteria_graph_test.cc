#include "engine/criteria_graph.h"

#include <gtest/gtest.h>

#include "engine/referential_loader.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

// A referential with only what the graph reads: criteria ids, chapters, `requires` links.
// `links` lists "A>B" for "A requires B".
Referential Make(const std::vector<std::string>& ids, const std::vector<std::string>& links) {
  Referential ref;
  ref.id = "t";
  ref.version = "1";
  Chapter ch;
  ch.id = "1";
  ch.title.by_lang["fr"] = "Chapitre";
  ref.chapters.push_back(ch);
  for (const std::string& id : ids) {
    Criterion c;
    c.id = id;
    c.chapter = 0;
    c.title.by_lang["fr"] = "Titre " + id;
    ref.criterion_index[id] = static_cast<int>(ref.criteria.size());
    ref.criteria.push_back(c);
  }
  for (const std::string& l : links) {
    size_t gt = l.find('>');
    int from = ref.FindCriterion(l.substr(0, gt));
    int to = ref.FindCriterion(l.substr(gt + 1));
    ref.criteria[static_cast<size_t>(from)].prerequisites.push_back(Link{to, {}});
  }
  return ref;
}

std::vector<std::string> Ids(const Referential& ref, const std::vector<int>& v) {
  std::vector<std::string> out;
  for (int i : v) out.push_back(ref.criteria[static_cast<size_t>(i)].id);
  return out;
}

std::vector<std::string> CycleStrings(const Referential& ref, const CriteriaGraph& g) {
  std::vector<std::string> out;
  for (const Cycle& c : g.Cycles()) out.push_back(CycleToString(ref, c));
  return out;
}

using Strings = std::vector<std::string>;

TEST(CriteriaGraph, OrdersPrerequisitesFirstThenFileOrder) {
  // D requires B and C; B requires A; C requires nothing. File order A B C D E.
  Referential ref = Make({"A", "B", "C", "D", "E"}, {"D>B", "D>C", "B>A"});
  CriteriaGraph g(ref);
  EXPECT_TRUE(g.acyclic());
  EXPECT_EQ(g.size(), 5);
  EXPECT_EQ(g.edge_count(), 3);
  EXPECT_EQ(Ids(ref, g.TopologicalOrder()), (Strings{"A", "B", "C", "D", "E"}));
  // Reverse the file order of the chain: the prerequisite still comes first.
  Referential rev = Make({"D", "C", "B", "A"}, {"D>B", "D>C", "B>A"});
  CriteriaGraph gr(rev);
  EXPECT_EQ(Ids(rev, gr.TopologicalOrder()), (Strings{"C", "A", "B", "D"}));
}

TEST(CriteriaGraph, NamesATwoCycleInFull) {
  Referential ref = Make({"C-4.1", "C-6.2"}, {"C-4.1>C-6.2", "C-6.2>C-4.1"});
  CriteriaGraph g(ref);
  EXPECT_EQ(CycleStrings(ref, g), (Strings{"C-6.2 -> C-4.1 -> C-6.2"}));
}

TEST(CriteriaGraph, NamesEveryIndependentCycle) {
  // Two separate loops, and a long one: A>B>C>A, D>E>D, plus F outside any loop.
  Referential ref =
      Make({"A", "B", "C", "D", "E", "F"}, {"A>B", "B>C", "C>A", "D>E", "E>D", "F>A"});
  CriteriaGraph g(ref);
  EXPECT_FALSE(g.acyclic());
  EXPECT_EQ(CycleStrings(ref, g), (Strings{"C -> A -> B -> C", "E -> D -> E"}));
}

TEST(CriteriaGraph, NamesEachGroupOfMutuallyDependentCriteriaOnce) {
  // A>B>A and A>C>A share A: one group of three criteria, named once by a shortest cycle.
  Referential ref = Make({"A", "B", "C"}, {"A>B", "B>A", "A>C", "C>A"});
  CriteriaGraph g(ref);
  EXPECT_EQ(CycleStrings(ref, g), (Strings{"B -> A -> B"}));
  ASSERT_EQ(g.CycleGroups().size(), 1u);
  EXPECT_EQ(Ids(ref, g.CycleGroups()[0].members), (Strings{"A", "B", "C"}));
  EXPECT_TRUE(g.CycleGroups()[0].shortest_exact);
  EXPECT_TRUE(g.SameCycleGroup(1, 2));
}

TEST(CriteriaGraph, FindsTheShortestCycleNotTheFirstOneTheSearchMeets) {
  // A long loop A>B>C>D>E>A and a short one D>E>D inside the same group.
  Referential ref =
      Make({"A", "B", "C", "D", "E", "F"}, {"A>B", "B>C", "C>D", "D>E", "E>A", "E>D", "F>A"});
  CriteriaGraph g(ref);
  EXPECT_EQ(CycleStrings(ref, g), (Strings{"E -> D -> E"}));
  ASSERT_EQ(g.CycleGroups().size(), 1u);
  EXPECT_EQ(g.CycleGroups()[0].members.size(), 5u);
  EXPECT_FALSE(g.SameCycleGroup(5, 0));  // F requires A but nothing requires F
}

TEST(CriteriaGraph, NamesAHugeRingByOneCycleQuickly) {
  // 20,000 criteria in one ring, plus 20,000 chords that skip one: one group, whose shortest cycle
  // the bounded search still finds without quadratic work.
  std::vector<std::string> ids;
  std::vector<std::string> links;
  const int n = 20000;
  for (int i = 0; i < n; ++i) ids.push_back("C" + std::to_string(i));
  for (int i = 0; i < n; ++i) {
    links.push_back("C" + std::to_string(i) + ">C" + std::to_string((i + 1) % n));
    links.push_back("C" + std::to_string(i) + ">C" + std::to_string((i + 2) % n));
  }
  Referential ref = Make(ids, links);
  CriteriaGraph g(ref);
  ASSERT_EQ(g.CycleGroups().size(), 1u);
  EXPECT_EQ(g.CycleGroups()[0].members.size(), static_cast<size_t>(n));
  EXPECT_EQ(g.Cycles()[0].size(), static_cast<size_t>(n / 2 + 1));  // n/2 chords, back to start
}

TEST(CriteriaGraph, PrerequisitesDependentsAndImpact) {
  // Chain A <- B <- C <- D and A <- E; X alone.
  Referential ref = Make({"A", "B", "C", "D", "E", "X"}, {"B>A", "C>B", "D>C", "E>A"});
  CriteriaGraph g(ref);
  int a = ref.FindCriterion("A");
  int c = ref.FindCriterion("C");
  EXPECT_EQ(Ids(ref, g.Prerequisites(c)), (Strings{"B"}));
  EXPECT_EQ(Ids(ref, g.Dependents(a)), (Strings{"B", "E"}));
  EXPECT_EQ(Ids(ref, g.TransitiveImpact(a)), (Strings{"B", "C", "D", "E"}));
  EXPECT_EQ(Ids(ref, g.TransitiveImpact(c)), (Strings{"D"}));
  EXPECT_EQ(Ids(ref, g.TransitivePrerequisites(ref.FindCriterion("D"))), (Strings{"A", "B", "C"}));
  EXPECT_TRUE(g.TransitiveImpact(ref.FindCriterion("X")).empty());
  EXPECT_EQ(g.Depths(), (std::vector<int>{0, 1, 2, 3, 1, 0}));
}

TEST(CriteriaGraph, DotDrawsAnArrowFromPrerequisiteToDependent) {
  Referential ref = Make({"A", "B"}, {"B>A"});
  ref.criteria[1].blocking = true;
  CriteriaGraph g(ref);
  std::string dot = g.ToDot();
  EXPECT_NE(dot.find("digraph criteria {"), std::string::npos);
  EXPECT_NE(dot.find("subgraph \"cluster_1\""), std::string::npos);
  EXPECT_NE(dot.find("  \"A\" -> \"B\";\n"), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"B\" [label=\"B\\nTitre B\", penwidth=2.5"), std::string::npos) << dot;
}

TEST(CriteriaGraph, FocusKeepsOnlyTheCriterionsNeighbourhood) {
  Referential ref = Make({"A", "B", "C", "X"}, {"B>A", "C>B"});
  CriteriaGraph g(ref);
  std::string json = g.ToJson(ref.FindCriterion("B"));
  EXPECT_NE(json.find("\"focus\": \"B\""), std::string::npos);
  EXPECT_EQ(json.find("\"X\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"order\": [\n    \"A\",\n    \"B\",\n    \"C\"\n  ]"), std::string::npos)
      << json;
}

TEST(CriteriaGraph, JsonListsEdgesOrderAndCycles) {
  Referential ref = Make({"A", "B"}, {"B>A"});
  CriteriaGraph g(ref);
  EXPECT_EQ(g.ToJson(),
            R"({
  "referential": {
    "id": "t",
    "version": "1"
  },
  "criteria": [
    {
      "id": "A",
      "chapter": "1",
      "title": "Titre A",
      "blocking": false,
      "requires": [],
      "dependents": [
        "B"
      ]
    },
    {
      "id": "B",
      "chapter": "1",
      "title": "Titre B",
      "blocking": false,
      "requires": [
        "A"
      ],
      "dependents": []
    }
  ],
  "edges": [
    [
      "A",
      "B"
    ]
  ],
  "order": [
    "A",
    "B"
  ],
  "cycles": [],
  "cycle_groups": []
}
)");
}

TEST(CriteriaGraph, HandlesALongChainWithoutRecursionLimits) {
  std::vector<std::string> ids;
  std::vector<std::string> links;
  for (int i = 0; i < 20000; ++i) {
    ids.push_back("C" + std::to_string(i));
    if (i > 0) links.push_back("C" + std::to_string(i) + ">C" + std::to_string(i - 1));
  }
  Referential ref = Make(ids, links);
  CriteriaGraph g(ref);
  EXPECT_TRUE(g.acyclic());
  EXPECT_EQ(g.TopologicalOrder().front(), 0);
  EXPECT_EQ(g.TransitiveImpact(0).size(), 19999u);
}

}  // namespace
}  // namespace sceau
