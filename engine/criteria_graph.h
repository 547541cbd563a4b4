// The dependency graph of a referential's criteria, built on Boost.Graph (kept out of this header).
//
// An edge goes from a criterion to each of its prerequisites (`requires`). Everything here speaks
// in criterion indices of the Referential the graph was built from, which must outlive it.
#ifndef SCEAU_ENGINE_CRITERIA_GRAPH_H_
#define SCEAU_ENGINE_CRITERIA_GRAPH_H_

#include <memory>
#include <string>
#include <vector>

#include "engine/referential.h"

namespace sceau {

// A cycle as a path of criterion indices; the first index is repeated at the end:
// {a, b, a} means a requires b, which requires a.
using Cycle = std::vector<int>;

// A set of criteria that all depend on each other (a strongly connected component of more than one
// criterion), and one of the shortest cycles through it.
struct CycleGroup {
  std::vector<int> members;    // criterion indices, file order
  Cycle shortest;              // rotated so that its earliest criterion in file order comes second:
                               // cycle[0] is the criterion whose `requires` entry closes the loop
  bool shortest_exact = true;  // false when the search for the shortest cycle hit its work bound
                               // (a cycle through the group all the same)
};

class CriteriaGraph {
 public:
  // Builds the graph of `ref`'s `requires` links. Never fails: cycles are reported by Cycles().
  explicit CriteriaGraph(const Referential& ref);
  ~CriteriaGraph();
  CriteriaGraph(CriteriaGraph&&) noexcept;
  CriteriaGraph& operator=(CriteriaGraph&&) noexcept;

  int size() const;
  int edge_count() const;

  // Each set of mutually dependent criteria (strongly connected component), once, in the file
  // order of its earliest criterion, with a shortest cycle through it. Empty when acyclic.
  // Costs O(V + E) for the components, and a breadth-first search from each member bounded by a
  // total work budget for the shortest cycles, so a hostile graph cannot make it quadratic.
  const std::vector<CycleGroup>& CycleGroups() const;
  // The shortest cycle of each group, in the same order.
  const std::vector<Cycle>& Cycles() const;
  bool acyclic() const { return Cycles().empty(); }
  // True when criteria `a` and `b` are in the same cycle group (edges between them lie on a cycle).
  bool SameCycleGroup(int a, int b) const;

  // Criteria with every prerequisite before its dependents; among criteria free at the same time,
  // file order. REQUIRES: acyclic().
  std::vector<int> TopologicalOrder() const;

  // Direct prerequisites of `c` (what it requires) and direct dependents (what requires it),
  // in file order.
  std::vector<int> Prerequisites(int c) const;
  std::vector<int> Dependents(int c) const;
  // Every criterion that a failure of `c` would impact: its dependents, transitively; file order.
  std::vector<int> TransitiveImpact(int c) const;
  // Every prerequisite of `c`, transitively; file order.
  std::vector<int> TransitivePrerequisites(int c) const;
  // Length of the longest chain of prerequisites below each criterion (0 for none).
  std::vector<int> Depths() const;

  // Graphviz DOT: one cluster per top-level chapter, an edge from each prerequisite to its
  // dependent, blocking criteria drawn bold. When `focus` >= 0, only that criterion, its transitive
  // prerequisites and its transitive impact.
  std::string ToDot(int focus = -1) const;
  // JSON: {"referential":..., "criteria":[{"id","chapter","title","blocking","requires",
  // "dependents"}], "edges":[["from","to"]], "order":[...], "cycles":[[...]]}.
  std::string ToJson(int focus = -1) const;

 private:
  void FindCycleGroups();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "C-4.1 -> C-6.2 -> C-4.1"
std::string CycleToString(const Referential& ref, const Cycle& cycle);

}  // namespace sceau

#endif  // SCEAU_ENGINE_CRITERIA_GRAPH_H_
