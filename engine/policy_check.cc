#include "engine/policy_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "engine/wording.h"

namespace sceau {

namespace {

enum class Event { kBlockingFailed, kMajorNc };

class Analysis {
 public:
  Analysis(const Referential& ref, Event e) : ref_(ref), e_(e) {}

  // True when `c` holds whenever the event happens (whatever else the audit found).
  bool Implied(const Condition& c) const {
    switch (c.op) {
      case Condition::Op::kAll:
        return std::all_of(c.children.begin(), c.children.end(),
                           [&](const Condition& x) { return Implied(x); });
      case Condition::Op::kAny:
        return std::any_of(c.children.begin(), c.children.end(),
                           [&](const Condition& x) { return Implied(x); });
      case Condition::Op::kNot:
        return !c.children.empty() && Excluded(c.children.front());
      case Condition::Op::kLeaf:
        break;
    }
    return Measures(c) && (!c.min || *c.min <= 1) && !c.max;
  }

  // True when `c` cannot hold when the event happens.
  bool Excluded(const Condition& c) const {
    switch (c.op) {
      case Condition::Op::kAll:
        return std::any_of(c.children.begin(), c.children.end(),
                           [&](const Condition& x) { return Excluded(x); });
      case Condition::Op::kAny:
        return !c.children.empty() && std::all_of(c.children.begin(), c.children.end(),
                                                  [&](const Condition& x) { return Excluded(x); });
      case Condition::Op::kNot:
        return !c.children.empty() && Implied(c.children.front());
      case Condition::Op::kLeaf:
        break;
    }
    return Measures(c) && c.max && *c.max < 1;
  }

  // The first outcome that could grant when the event happens, or nullptr when an outcome that
  // does not grant is sure to match first (or none could grant).
  const Outcome* GrantingOutcome() const {
    for (const Outcome& o : ref_.policy.outcomes) {
      bool excluded = std::any_of(o.when.begin(), o.when.end(),
                                  [&](const Condition& c) { return Excluded(c); });
      if (excluded) continue;
      if (o.decision == Decision::kGranted || o.decision == Decision::kConditional) return &o;
      bool sure =
          std::all_of(o.when.begin(), o.when.end(), [&](const Condition& c) { return Implied(c); });
      if (sure) return nullptr;
    }
    return nullptr;
  }

 private:
  // True when the leaf counts exactly the event: every failed blocking criterion, or every major
  // nonconformity of the audit.
  bool Measures(const Condition& c) const {
    if (e_ == Event::kBlockingFailed) return c.metric == Metric::kBlockingFailed;
    if (c.metric != Metric::kCount || c.blocking || c.chapter >= 0 || !c.level.empty() ||
        !c.level_below.empty()) {
      return false;
    }
    if (c.kind) return *c.kind == GradeKind::kMajorNc && c.grade.empty();
    if (c.grade.empty()) return false;
    // A grade code: it counts every major only when it is the referential's only major grade.
    int majors = 0;
    bool is_major = false;
    for (const Scale& s : ref_.scales) {
      for (const Grade& g : s.grades) {
        if (g.kind != GradeKind::kMajorNc) continue;
        if (g.code != c.grade) ++majors;
        if (g.code == c.grade) is_major = true;
      }
    }
    return is_major && majors == 0;
  }

  const Referential& ref_;
  Event e_;
};

}  // namespace

void CheckPolicy(const Referential& ref, DiagnosticSink* sink) {
  auto blocking = std::find_if(ref.criteria.begin(), ref.criteria.end(),
                               [](const Criterion& c) { return c.blocking; });
  if (blocking != ref.criteria.end()) {
    if (const Outcome* o = Analysis(ref, Event::kBlockingFailed).GrantingOutcome()) {
      sink->Error("unguarded-blocking", o->where,
                  Fmt("outcome '{}' ({}) can be reached with a failed blocking criterion "
                      "(such as '{}'): refuse before it on 'blocking_failed: {{min: 1}}', or "
                      "give it 'blocking_failed: {{max: 0}}' (a failed blocking criterion "
                      "means no label, whatever the score)",
                      o->id, DecisionName(o->decision), blocking->id));
    }
  }
  bool has_major = false;
  for (const Scale& s : ref.scales) {
    for (const Grade& g : s.grades) has_major = has_major || g.kind == GradeKind::kMajorNc;
  }
  if (has_major) {
    if (const Outcome* o = Analysis(ref, Event::kMajorNc).GrantingOutcome()) {
      sink->Warning("major-may-grant", o->where,
                    Fmt("outcome '{}' ({}) can be reached with a major nonconformity: no "
                        "certification while a major nonconformity is open; refuse before "
                        "it on 'count: {{kind: major-nc, min: 1}}', or give it 'count: "
                        "{{kind: major-nc, max: 0}}'",
                        o->id, DecisionName(o->decision)));
    }
  }
}

}  // namespace sceau
