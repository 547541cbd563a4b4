// The conditions of outcomes: count, score, points, blocking_failed, all, any, not
// (referentials/README.md, "conditions").
#include <fmt/format.h>

#include <algorithm>

#include "engine/referential_parser.h"
#include "engine/referential_spec.h"
#include "engine/wording.h"

namespace sceau::referential_internal {

std::optional<Condition> ReferentialParser::ParseCondition(const YamlNode* n,
                                                           const std::string& ctx, int depth) {
  std::string what = Fmt("a condition of {}", ctx);
  if (!n->is_map()) {
    sink_.Error("wrong-type", n->where,
                Fmt("{} must be a map with one key (count, score, points, "
                    "blocking_failed, all, any, not), not {}",
                    what, DescribeNode(n)));
    return std::nullopt;
  }
  if (n->pairs.size() != 1) {
    sink_.Error("bad-condition", n->where,
                Fmt("{} must have exactly one key (count, score, points, "
                    "blocking_failed, all, any, not); it has {}: write several "
                    "conditions as separate list items",
                    what, n->pairs.size()));
    return std::nullopt;
  }
  if (depth > 16) {
    sink_.Error("too-deep", n->where, Fmt("{} nests more than 16 levels", what));
    return std::nullopt;
  }
  const YamlNode* key = n->pairs[0].first;
  const YamlNode* body = n->pairs[0].second;
  const std::string& k = key->value;
  Condition c;
  c.where = key->where;
  if (k == "all" || k == "any" || k == "not") {
    return ParseCombination(key, body, ctx, what, depth, std::move(c));
  }
  const format::MapSpec* spec = nullptr;
  if (k == "count") {
    c.metric = Metric::kCount;
    spec = &format::CountConditionSpec();
  } else if (k == "score") {
    c.metric = Metric::kScore;
    spec = &format::ScoreConditionSpec();
  } else if (k == "points") {
    c.metric = Metric::kPoints;
    spec = &format::PointsConditionSpec();
  } else if (k == "blocking_failed") {
    c.metric = Metric::kBlockingFailed;
    spec = &format::BlockingFailedConditionSpec();
  } else {
    std::span<const std::string_view> names = format::ConditionKeyNames();
    sink_.Error("bad-condition", key->where,
                Fmt("unknown condition '{}' in {}: use {}{}", k, ctx, format::JoinOr(names),
                    DidYouMean(k, std::vector<std::string>(names.begin(), names.end()))));
    return std::nullopt;
  }
  std::string cwhat = Fmt("'{}' in {}", k, what);
  if (!r_.IsMap(body, cwhat)) return std::nullopt;
  Fields f(&r_, body, *spec, cwhat);
  bool ok = ReadThresholds(f, body, cwhat, &c);
  if (c.metric == Metric::kCount) ok = ReadCountSelectors(f, cwhat, &c) && ok;
  if (c.metric != Metric::kBlockingFailed) {
    if (auto x = f.Get("chapter")) {
      c.chapter = ResolveChapter(x, cwhat);
      if (c.chapter < 0) ok = false;
    }
  }
  if (c.metric == Metric::kScore || c.metric == Metric::kPoints) {
    if (auto x = f.Get("each_chapter")) {
      c.each_chapter = f.Bool("each_chapter").value_or(false);
      if (c.each_chapter && c.chapter >= 0) {
        sink_.Error("bad-condition", x->where,
                    Fmt("{} sets both 'chapter' and 'each_chapter': choose one", cwhat));
        ok = false;
      }
    }
  }
  f.Finish();
  if (!ok) return std::nullopt;
  return c;
}

std::optional<Condition> ReferentialParser::ParseCombination(const YamlNode* key,
                                                             const YamlNode* body,
                                                             const std::string& ctx,
                                                             const std::string& what, int depth,
                                                             Condition c) {
  const std::string& k = key->value;
  if (k == "not") {
    c.op = Condition::Op::kNot;
    auto cc = ParseCondition(body, ctx, depth + 1);
    if (!cc) return std::nullopt;
    c.children.push_back(std::move(*cc));
    return c;
  }
  c.op = k == "all" ? Condition::Op::kAll : Condition::Op::kAny;
  auto list = r_.List(body, Fmt("'{}' in {}", k, what));
  if (!list) return std::nullopt;
  if (list->empty()) {
    sink_.Error("bad-condition", body->where, Fmt("'{}' in {} lists no condition", k, what));
    return std::nullopt;
  }
  bool ok = true;
  for (const YamlNode* child : *list) {
    auto cc = ParseCondition(child, ctx, depth + 1);
    if (cc) {
      c.children.push_back(std::move(*cc));
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return c;
}

// 'min' and 'max' of a metric condition: within the spec's bounds, and for points within the
// policy's points_scale.
bool ReferentialParser::ReadThresholds(Fields& f, const YamlNode* body, const std::string& cwhat,
                                       Condition* c) {
  bool ok = true;
  const YamlNode* mn = f.Get("min");
  const YamlNode* mx = f.Get("max");
  for (const char* key : {"min", "max"}) {
    const YamlNode* b = key[1] == 'i' ? mn : mx;
    if (!b) continue;
    std::optional<double> x;
    if (c->metric == Metric::kPoints) {
      // Points count up to the policy's points_scale.
      format::ValueSpec within = f.KeyOf(key).value;
      within.has_max = true;
      within.max = ref_.policy.points_scale;
      x = r_.Number(b, within, f.ValueName(key));
    } else {
      x = f.Number(key);
    }
    if (!x) {
      ok = false;
      continue;
    }
    (b == mn ? c->min : c->max) = *x;
  }
  if (!mn && !mx) {
    sink_.Error("bad-threshold", body->where, Fmt("{} needs 'min', 'max' or both", cwhat));
    ok = false;
  } else if (c->min && c->max && *c->min > *c->max) {
    sink_.Error(
        "bad-threshold", mn->where,
        Fmt("{} has 'min' {} above 'max' {}: it can never hold", cwhat, mn->value, mx->value));
    ok = false;
  }
  return ok;
}

// The selectors of a count condition: at most one of grade, kind, level, level_below; blocking.
bool ReferentialParser::ReadCountSelectors(Fields& f, const std::string& cwhat, Condition* c) {
  bool ok = true;
  int selectors = 0;
  const char* first_selector = nullptr;
  for (const char* name : {"grade", "kind", "level", "level_below"}) {
    const YamlNode* x = f.Get(name);
    if (!x) continue;
    if (++selectors == 2) {
      sink_.Error("bad-condition", x->where,
                  Fmt("{} combines '{}' with '{}': use at most one of grade, kind, "
                      "level, level_below",
                      cwhat, name, first_selector));
      ok = false;
    }
    if (!first_selector) first_selector = name;
    std::string_view n = name;
    if (n == "grade") {
      if (auto s = r_.String(x, Fmt("'grade' of {}", cwhat))) {
        if (CheckGradeCode(x, *s, cwhat)) {
          c->grade = *s;
        } else {
          ok = false;
        }
      }
    } else if (n == "kind") {
      if (auto s = f.Enum("kind")) {
        c->kind = ParseGradeKind(*s);
      } else if (x->is_scalar()) {
        ok = false;
      }
    } else if (auto s = r_.String(x, Fmt("'{}' of {}", name, cwhat))) {
      std::vector<std::string> levels = LevelCodes();
      if (std::find(levels.begin(), levels.end(), *s) == levels.end()) {
        sink_.Error("unknown-level", x->where,
                    Fmt("{} names unknown level '{}'{}", cwhat, *s, DidYouMean(*s, levels)));
        ok = false;
      } else {
        (n == "level" ? c->level : c->level_below) = *s;
      }
    }
  }
  if (f.Get("blocking")) c->blocking = f.Bool("blocking");
  return ok;
}

}  // namespace sceau::referential_internal
