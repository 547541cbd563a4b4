#include "engine/criteria_graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <queue>
#include <set>

namespace sceau {

// Edges go from a criterion to each prerequisite it requires. vecS keeps out-edges in insertion
// order, which is file order, so every traversal below is deterministic.
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

struct CriteriaGraph::Impl {
  const Referential* ref;
  Graph g;
  std::vector<CycleGroup> groups;
  std::vector<Cycle> cycles;  // groups[i].shortest
  std::vector<int> group_of;  // criterion -> index in groups, or -1
};

namespace {

// Edge visits allowed to the search for shortest cycles, over all groups: enough for an exact
// answer on real referentials (thousands of criteria), bounded on hostile ones.
constexpr long long kShortestCycleBudget = 20'000'000;

// A shortest cycle through the group `members` (all in component `comp`), by a breadth-first search
// from each member in file order, each stopped once it cannot beat the best cycle found. Returns
// the cycle as a vertex list without the repeated first vertex, starting at the search's root.
std::vector<int> ShortestCycle(const Graph& g, const std::vector<int>& component, int comp,
                               const std::vector<int>& members, long long* budget, bool* exact) {
  std::vector<int> best;
  const size_t n = boost::num_vertices(g);
  std::vector<int> parent(n, -1);
  std::vector<int> depth(n, -1);
  std::vector<int> touched;
  std::vector<int> queue;
  for (int root : members) {
    if (*budget <= 0 && !best.empty()) {
      *exact = false;
      break;
    }
    queue.clear();
    queue.push_back(root);
    depth[static_cast<size_t>(root)] = 0;
    touched.push_back(root);
    int closing = -1;  // the vertex whose edge back to root closes the shortest cycle from root
    for (size_t head = 0; head < queue.size() && closing < 0; ++head) {
      int u = queue[head];
      // A cycle through root found deeper than this cannot be shorter than the best one.
      if (!best.empty() && depth[static_cast<size_t>(u)] + 1 >= static_cast<int>(best.size()))
        break;
      for (auto [it, end] = boost::out_edges(static_cast<Vertex>(u), g); it != end; ++it) {
        --*budget;
        int v = static_cast<int>(boost::target(*it, g));
        if (component[static_cast<size_t>(v)] != comp) continue;
        if (v == root) {
          closing = u;
          break;
        }
        if (depth[static_cast<size_t>(v)] >= 0) continue;
        depth[static_cast<size_t>(v)] = depth[static_cast<size_t>(u)] + 1;
        parent[static_cast<size_t>(v)] = u;
        touched.push_back(v);
        queue.push_back(v);
      }
    }
    if (closing >= 0) {
      std::vector<int> path;  // closing, parent(closing), ..., root
      for (int v = closing; v != root; v = parent[static_cast<size_t>(v)]) path.push_back(v);
      path.push_back(root);
      std::reverse(path.begin(), path.end());  // root -> ... -> closing (each requires the next)
      if (best.empty() || path.size() < best.size()) best = std::move(path);
    }
    for (int v : touched) {
      depth[static_cast<size_t>(v)] = -1;
      parent[static_cast<size_t>(v)] = -1;
    }
    touched.clear();
    if (best.size() == 2) break;  // no shorter cycle exists (self-requires are not edges)
  }
  return best;
}

// Rotates `loop` (each vertex requires the next, the last requires the first) so that its
// earliest vertex in file order comes second, and repeats the first vertex at the end.
Cycle CanonicalCycle(std::vector<int> loop) {
  auto earliest = std::min_element(loop.begin(), loop.end());
  size_t e = static_cast<size_t>(earliest - loop.begin());
  size_t start = (e + loop.size() - 1) % loop.size();
  std::rotate(loop.begin(), loop.begin() + static_cast<std::ptrdiff_t>(start), loop.end());
  loop.push_back(loop.front());
  return loop;
}

std::vector<int> Sorted(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::string DotEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// Breaks a title into lines of about `width` characters at spaces, for DOT labels.
std::string Wrap(const std::string& s, size_t width) {
  std::string out;
  size_t line = 0;
  size_t start = 0;
  while (start <= s.size()) {
    size_t space = s.find(' ', start);
    std::string word =
        s.substr(start, space == std::string::npos ? std::string::npos : space - start);
    if (line > 0 && line + 1 + word.size() > width) {
      out += '\n';
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += word;
    line += word.size();
    if (space == std::string::npos) break;
    start = space + 1;
  }
  return out;
}

}  // namespace

CriteriaGraph::CriteriaGraph(const Referential& ref) : impl_(std::make_unique<Impl>()) {
  impl_->ref = &ref;
  impl_->g = Graph(ref.criteria.size());
  for (size_t i = 0; i < ref.criteria.size(); ++i) {
    for (const Link& l : ref.criteria[i].prerequisites) {
      if (l.target >= 0 && static_cast<size_t>(l.target) != i) {
        boost::add_edge(i, static_cast<Vertex>(l.target), impl_->g);
      }
    }
  }
  FindCycleGroups();
}

void CriteriaGraph::FindCycleGroups() {
  const Graph& g = impl_->g;
  const size_t n = boost::num_vertices(g);
  impl_->group_of.assign(n, -1);
  if (n == 0) return;
  std::vector<int> component(n);
  int count = boost::strong_components(
      g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
  std::vector<std::vector<int>> members(static_cast<size_t>(count));
  for (size_t v = 0; v < n; ++v)
    members[static_cast<size_t>(component[v])].push_back(static_cast<int>(v));
  // Groups in the file order of their earliest criterion: members are already in file order.
  std::vector<int> order;
  for (int c = 0; c < count; ++c) {
    if (members[static_cast<size_t>(c)].size() > 1) order.push_back(c);
  }
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return members[static_cast<size_t>(a)].front() < members[static_cast<size_t>(b)].front();
  });
  long long budget = kShortestCycleBudget;
  for (int c : order) {
    CycleGroup group;
    group.members = members[static_cast<size_t>(c)];
    group.shortest = CanonicalCycle(
        ShortestCycle(g, component, c, group.members, &budget, &group.shortest_exact));
    for (int v : group.members)
      impl_->group_of[static_cast<size_t>(v)] = static_cast<int>(impl_->groups.size());
    impl_->cycles.push_back(group.shortest);
    impl_->groups.push_back(std::move(group));
  }
}

CriteriaGraph::~CriteriaGraph() = default;
CriteriaGraph::CriteriaGraph(CriteriaGraph&&) noexcept = default;
CriteriaGraph& CriteriaGraph::operator=(CriteriaGraph&&) noexcept = default;

int CriteriaGraph::size() const { return static_cast<int>(boost::num_vertices(impl_->g)); }
int CriteriaGraph::edge_count() const { return static_cast<int>(boost::num_edges(impl_->g)); }
const std::vector<Cycle>& CriteriaGraph::Cycles() const { return impl_->cycles; }
const std::vector<CycleGroup>& CriteriaGraph::CycleGroups() const { return impl_->groups; }

bool CriteriaGraph::SameCycleGroup(int a, int b) const {
  int ga = impl_->group_of[static_cast<size_t>(a)];
  return ga >= 0 && ga == impl_->group_of[static_cast<size_t>(b)];
}

std::vector<int> CriteriaGraph::TopologicalOrder() const {
  // Kahn's algorithm over "prerequisite before dependent", taking the earliest criterion in file
  // order whenever several are free, so the order reads like the file wherever it can.
  const Graph& g = impl_->g;
  size_t n = boost::num_vertices(g);
  std::vector<size_t> waiting(n);  // prerequisites not yet placed
  for (size_t v = 0; v < n; ++v) waiting[v] = boost::out_degree(v, g);
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> free;
  for (size_t v = 0; v < n; ++v) {
    if (waiting[v] == 0) free.push(v);
  }
  std::vector<int> order;
  order.reserve(n);
  while (!free.empty()) {
    size_t v = free.top();
    free.pop();
    order.push_back(static_cast<int>(v));
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) {
      size_t dependent = boost::source(*it, g);
      if (--waiting[dependent] == 0) free.push(dependent);
    }
  }
  return order;
}

std::vector<int> CriteriaGraph::Prerequisites(int c) const {
  std::vector<int> out;
  for (auto [it, end] = boost::out_edges(static_cast<Vertex>(c), impl_->g); it != end; ++it) {
    out.push_back(static_cast<int>(boost::target(*it, impl_->g)));
  }
  return Sorted(out);
}

std::vector<int> CriteriaGraph::Dependents(int c) const {
  std::vector<int> out;
  for (auto [it, end] = boost::in_edges(static_cast<Vertex>(c), impl_->g); it != end; ++it) {
    out.push_back(static_cast<int>(boost::source(*it, impl_->g)));
  }
  return Sorted(out);
}

namespace {

template <typename G>
std::vector<int> Reachable(const G& g, int start) {
  std::vector<int> out;
  std::vector<boost::default_color_type> colors(boost::num_vertices(g));
  struct Collector : boost::default_bfs_visitor {
    std::vector<int>* out;
    Vertex start;
    void discover_vertex(Vertex v, const G&) const {
      if (v != start) out->push_back(static_cast<int>(v));
    }
  } collector;
  collector.out = &out;
  collector.start = static_cast<Vertex>(start);
  boost::breadth_first_search(g, static_cast<Vertex>(start),
                              boost::visitor(collector).color_map(boost::make_iterator_property_map(
                                  colors.begin(), boost::get(boost::vertex_index, g))));
  return Sorted(out);
}

}  // namespace

std::vector<int> CriteriaGraph::TransitiveImpact(int c) const {
  return Reachable(boost::make_reverse_graph(impl_->g), c);
}

std::vector<int> CriteriaGraph::TransitivePrerequisites(int c) const {
  return Reachable(impl_->g, c);
}

std::vector<int> CriteriaGraph::Depths() const {
  std::vector<int> depth(boost::num_vertices(impl_->g), 0);
  for (int v : TopologicalOrder()) {
    for (auto [it, end] = boost::out_edges(static_cast<Vertex>(v), impl_->g); it != end; ++it) {
      int p = static_cast<int>(boost::target(*it, impl_->g));
      depth[static_cast<size_t>(v)] =
          std::max(depth[static_cast<size_t>(v)], depth[static_cast<size_t>(p)] + 1);
    }
  }
  return depth;
}

namespace {

std::vector<bool> FocusSet(const CriteriaGraph& graph, int focus, size_t n) {
  std::vector<bool> keep(n, focus < 0);
  if (focus >= 0) {
    keep[static_cast<size_t>(focus)] = true;
    for (int v : graph.TransitivePrerequisites(focus)) keep[static_cast<size_t>(v)] = true;
    for (int v : graph.TransitiveImpact(focus)) keep[static_cast<size_t>(v)] = true;
  }
  return keep;
}

int TopChapter(const Referential& ref, int chapter) {
  while (chapter >= 0 && ref.chapters[static_cast<size_t>(chapter)].parent >= 0) {
    chapter = ref.chapters[static_cast<size_t>(chapter)].parent;
  }
  return chapter;
}

}  // namespace

std::string CriteriaGraph::ToDot(int focus) const {
  const Referential& ref = *impl_->ref;
  const size_t n = ref.criteria.size();
  std::vector<bool> keep = FocusSet(*this, focus, n);
  std::string out;
  out += fmt::format(
      "// {} {}: criteria and their prerequisites (an arrow goes from a "
      "prerequisite to what requires it)\n",
      ref.id, ref.version);
  out += "digraph criteria {\n";
  out += "  rankdir=LR;\n";
  out +=
      "  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"DejaVu Sans\", "
      "fontsize=10];\n";
  out += "  edge [color=\"#555555\"];\n";
  for (size_t top = 0; top < ref.chapters.size(); ++top) {
    if (ref.chapters[top].parent >= 0) continue;
    std::string body;
    for (size_t i = 0; i < n; ++i) {
      if (!keep[i] || TopChapter(ref, ref.criteria[i].chapter) != static_cast<int>(top)) continue;
      const Criterion& c = ref.criteria[i];
      std::string attrs;
      if (c.blocking) attrs += ", penwidth=2.5, color=\"#b00020\"";
      if (static_cast<int>(i) == focus) attrs += ", fillcolor=\"#fff3b0\"";
      body += fmt::format("    \"{}\" [label=\"{}\\n{}\"{}];\n", DotEscape(c.id), DotEscape(c.id),
                          DotEscape(Wrap(c.title.fr(), 28)), attrs);
    }
    if (body.empty()) continue;
    out += fmt::format("  subgraph \"cluster_{}\" {{\n", DotEscape(ref.chapters[top].id));
    out += fmt::format("    label=\"{} {}\";\n    style=rounded; color=\"#8899aa\";\n",
                       DotEscape(ref.chapters[top].id), DotEscape(ref.chapters[top].title.fr()));
    out += body;
    out += "  }\n";
  }
  // Edges inside a group of mutually dependent criteria are drawn red, those of the group's
  // shortest cycle thicker: an invalid referential still draws, with its cycles in sight.
  std::set<std::pair<int, int>> on_shortest;  // (criterion, prerequisite)
  for (const Cycle& cycle : Cycles()) {
    for (size_t k = 0; k + 1 < cycle.size(); ++k) on_shortest.insert({cycle[k], cycle[k + 1]});
  }
  for (size_t i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    for (const Link& l : ref.criteria[i].prerequisites) {
      if (l.target < 0 || !keep[static_cast<size_t>(l.target)] ||
          static_cast<size_t>(l.target) == i) {
        continue;
      }
      std::string attrs;
      if (SameCycleGroup(static_cast<int>(i), l.target)) {
        attrs = on_shortest.count({static_cast<int>(i), l.target}) > 0
                    ? " [color=\"#d00000\", penwidth=3]"
                    : " [color=\"#d00000\"]";
      }
      out += fmt::format("  \"{}\" -> \"{}\"{};\n",
                         DotEscape(ref.criteria[static_cast<size_t>(l.target)].id),
                         DotEscape(ref.criteria[i].id), attrs);
    }
  }
  out += "}\n";
  return out;
}

std::string CriteriaGraph::ToJson(int focus) const {
  const Referential& ref = *impl_->ref;
  const size_t n = ref.criteria.size();
  std::vector<bool> keep = FocusSet(*this, focus, n);
  using Json = nlohmann::ordered_json;
  Json j;
  j["referential"] = {{"id", ref.id}, {"version", ref.version}};
  if (focus >= 0) j["focus"] = ref.criteria[static_cast<size_t>(focus)].id;
  Json criteria = Json::array();
  Json edges = Json::array();
  for (size_t i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    const Criterion& c = ref.criteria[i];
    Json prereqs = Json::array();
    for (int p : Prerequisites(static_cast<int>(i))) {
      if (keep[static_cast<size_t>(p)]) prereqs.push_back(ref.criteria[static_cast<size_t>(p)].id);
    }
    Json dependents = Json::array();
    for (int d : Dependents(static_cast<int>(i))) {
      if (keep[static_cast<size_t>(d)])
        dependents.push_back(ref.criteria[static_cast<size_t>(d)].id);
    }
    criteria.push_back(
        {{"id", c.id},
         {"chapter", c.chapter >= 0 ? ref.chapters[static_cast<size_t>(c.chapter)].id : ""},
         {"title", c.title.fr()},
         {"blocking", c.blocking},
         {"requires", prereqs},
         {"dependents", dependents}});
    for (const Link& l : c.prerequisites) {
      if (keep[static_cast<size_t>(l.target)]) {
        edges.push_back({ref.criteria[static_cast<size_t>(l.target)].id, c.id});
      }
    }
  }
  j["criteria"] = std::move(criteria);
  j["edges"] = std::move(edges);
  Json order = Json::array();
  if (acyclic()) {
    for (int v : TopologicalOrder()) {
      if (keep[static_cast<size_t>(v)]) order.push_back(ref.criteria[static_cast<size_t>(v)].id);
    }
  }
  j["order"] = std::move(order);
  Json cycles = Json::array();
  for (const Cycle& cycle : Cycles()) {
    Json path = Json::array();
    for (int v : cycle) path.push_back(ref.criteria[static_cast<size_t>(v)].id);
    cycles.push_back(std::move(path));
  }
  j["cycles"] = std::move(cycles);
  Json groups = Json::array();
  for (const CycleGroup& group : CycleGroups()) {
    Json ids = Json::array();
    for (int v : group.members) ids.push_back(ref.criteria[static_cast<size_t>(v)].id);
    Json path = Json::array();
    for (int v : group.shortest) path.push_back(ref.criteria[static_cast<size_t>(v)].id);
    groups.push_back({{"size", group.members.size()},
                      {"criteria", std::move(ids)},
                      {"shortest_cycle", std::move(path)}});
  }
  j["cycle_groups"] = std::move(groups);
  return j.dump(2) + "\n";
}

std::string CycleToString(const Referential& ref, const Cycle& cycle) {
  std::string out;
  for (size_t i = 0; i < cycle.size(); ++i) {
    if (i > 0) out += " -> ";
    out += ref.criteria[static_cast<size_t>(cycle[i])].id;
  }
  return out;
}

}  // namespace sceau
