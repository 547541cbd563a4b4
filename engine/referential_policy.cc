// The decision policy: points_scale, validity, deadlines, escalations, follow-up and outcomes
// (referentials/README.md, "decision").
#include <fmt/format.h>

#include <algorithm>

#include "engine/referential_parser.h"
#include "engine/referential_spec.h"
#include "engine/wording.h"

namespace sceau::referential_internal {

void ReferentialParser::ParseDecision(const YamlNode* n) {
  Policy& p = ref_.policy;
  p.where = n->where;
  if (!r_.IsMap(n, "'decision'")) return;
  Fields f(&r_, n, format::DecisionSpec(), "'decision'");
  f.set_value_context("");
  if (auto x = f.Number("points_scale")) p.points_scale = *x;
  if (auto x = f.Integer("validity_months")) p.validity_months = static_cast<int>(*x);
  if (auto x = f.Integer("surveillance_months")) p.surveillance_months = static_cast<int>(*x);
  if (auto v = f.Get("deadlines")) ParseDeadlines(v);
  if (auto v = f.Get("escalations")) ParseEscalations(v);
  if (auto v = f.Get("follow_up")) ParseFollowUpPolicy(v);
  if (auto v = f.Get("outcomes")) ParseOutcomes(v);
  f.Finish();
}

void ReferentialParser::ParseDeadlines(const YamlNode* v) {
  if (!r_.IsMap(v, "'deadlines'")) return;
  const format::ValueSpec& months = *format::DecisionSpec().Find("deadlines")->value.item;
  for (const auto& [key, value] : v->pairs) {
    if (!CheckGradeCode(key, key->value, "'deadlines'")) continue;
    if (auto x = r_.Integer(value, months, Fmt("the deadline for '{}'", key->value))) {
      ref_.policy.deadlines_months[key->value] = static_cast<int>(*x);
    }
  }
}

// `decision.follow_up`: how the nonconformities of the previous audit are followed up.
void ReferentialParser::ParseFollowUpPolicy(const YamlNode* n) {
  FollowUpPolicy& fp = ref_.policy.follow_up;
  if (!r_.IsMap(n, Tr("'follow_up' of 'decision'"))) return;
  Fields f(&r_, n, format::FollowUpPolicySpec(), Tr("'follow_up' of 'decision'"));
  f.set_value_context("");
  if (auto v = f.Get("open_minor_becomes")) {
    if (auto code = r_.String(v, "'open_minor_becomes'")) {
      if (CheckGradeCode(v, *code, "'open_minor_becomes'")) {
        const Grade* g = FindGradeCode(*code);
        if (g->kind != GradeKind::kMajorNc && g->kind != GradeKind::kMinorNc) {
          sink_.Error("bad-value", v->where,
                      Fmt("'open_minor_becomes' names grade '{}' of kind {}: an open "
                          "nonconformity becomes a nonconformity (major-nc or minor-nc)",
                          *code, GradeKindName(g->kind)));
        } else {
          fp.open_minor_becomes = *code;
        }
      }
    }
  }
  if (auto x = f.Integer("suspension_months")) fp.suspension_months = static_cast<int>(*x);
  if (auto x = f.Integer("reaudit_months")) fp.reaudit_months = static_cast<int>(*x);
  if (auto x = f.Integer("restoration_months")) fp.restoration_months = static_cast<int>(*x);
  f.Finish();
}

const Grade* ReferentialParser::FindGradeCode(std::string_view code) const {
  for (const Scale& s : ref_.scales) {
    int g = s.FindGrade(code);
    if (g >= 0) return &s.grades[static_cast<size_t>(g)];
  }
  return nullptr;
}

std::vector<std::string> ReferentialParser::GradeCodes() const {
  std::vector<std::string> codes;
  for (const Scale& s : ref_.scales) {
    for (const Grade& g : s.grades) codes.push_back(g.code);
  }
  return codes;
}

std::vector<std::string> ReferentialParser::LevelCodes() const {
  std::vector<std::string> codes;
  for (const Scale& s : ref_.scales) {
    for (const Level& l : s.levels) codes.push_back(l.code);
  }
  return codes;
}

bool ReferentialParser::CheckGradeCode(const YamlNode* n, const std::string& code,
                                       const std::string& where) {
  if (FindGradeCode(code)) return true;
  sink_.Error("unknown-grade", n->where,
              Fmt("{} names unknown grade '{}'{}", where, code, DidYouMean(code, GradeCodes())));
  return false;
}

void ReferentialParser::ParseEscalations(const YamlNode* v) {
  auto items = r_.List(v, "'escalations'");
  if (!items) return;
  int i = 0;
  for (const YamlNode* item : *items) {
    std::string what = Fmt("escalation {}", ++i);
    if (!r_.IsMap(item, what)) continue;
    Fields f(&r_, item, format::EscalationSpec(), what);
    Escalation e;
    e.where = item->where;
    const Grade* grade[2] = {nullptr, nullptr};
    const YamlNode* to_node = nullptr;
    int k = 0;
    for (const char* key : {"from", "to"}) {
      const YamlNode* x = f.Get(key);
      if (k == 1) to_node = x;
      std::string name = Fmt("'{}' of {}", key, what);
      if (auto s = x ? r_.String(x, name) : std::nullopt) {
        if (CheckGradeCode(x, *s, name)) {
          (k == 0 ? e.from : e.to) = *s;
          grade[k] = FindGradeCode(*s);
        }
      }
      ++k;
    }
    if (auto c = f.Integer("count")) e.count = static_cast<int>(*c);
    if (auto s = f.Enum("within")) {
      e.within = *s == "criterion" ? Escalation::Within::kCriterion : Escalation::Within::kChapter;
    }
    f.Finish();
    const Grade* from = grade[0];
    const Grade* to = grade[1];
    if (from && to && Gravity(to->kind) <= Gravity(from->kind)) {
      sink_.Error("bad-escalation", to_node->where,
                  Fmt("{} escalates '{}' ({}) to '{}' ({}), which is not graver", what, from->code,
                      GradeKindName(from->kind), to->code, GradeKindName(to->kind)));
    }
    ref_.policy.escalations.push_back(std::move(e));
  }
}

void ReferentialParser::ParseOutcomes(const YamlNode* v) {
  auto items = r_.List(v, "'outcomes'");
  if (!items) return;
  if (items->empty()) {
    sink_.Error("no-fallback", v->where,
                Tr("'outcomes' lists no outcome: the policy must decide every audit"));
    return;
  }
  std::vector<std::string> ids;
  for (const YamlNode* item : *items) {
    if (r_.IsMap(item, Tr("an outcome"))) ParseOutcome(item, &ids);
  }
  CheckOutcomeOrder(*items);
}

void ReferentialParser::ParseOutcome(const YamlNode* item, std::vector<std::string>* ids) {
  Outcome o;
  o.where = item->where;
  std::string ctx = Tr("an outcome");
  if (auto c = item->Get("id"); c && c->is_scalar()) ctx = Fmt("outcome '{}'", c->value);
  Fields f(&r_, item, format::OutcomeSpec(), ctx);
  if (auto x = f.Get("id")) {
    if (auto id = r_.Id(x, Tr("the outcome id"))) {
      o.id = *id;
      if (std::find(ids->begin(), ids->end(), o.id) != ids->end()) {
        sink_.Error("duplicate-id", x->where, Fmt("outcome '{}' is defined twice", o.id));
      } else {
        ids->push_back(o.id);
      }
    }
  }
  if (auto d = f.Enum("decision")) o.decision = *sceau::ParseDecision(*d);
  if (auto s = f.String("level")) o.level = *s;
  if (auto x = f.Get("label")) {
    if (auto t = r_.TextValue(x, Fmt("the label of {}", ctx))) {
      o.label = *t;
      TrackText(*t, x, Fmt("the label of {}", ctx));
    }
  }
  if (f.Get("explanation")) {
    if (auto t = f.Text("explanation", Fmt("the explanation of {}", ctx))) {
      o.explanation = *t;
    }
  }
  if (auto list = f.List("when")) {
    for (const YamlNode* c : *list) {
      if (auto cond = ParseCondition(c, ctx, 0)) o.when.push_back(std::move(*cond));
    }
  }
  f.Finish();
  ref_.policy.outcomes.push_back(std::move(o));
}

void ReferentialParser::CheckOutcomeOrder(const std::vector<const YamlNode*>& items) {
  const auto& outcomes = ref_.policy.outcomes;
  if (outcomes.empty()) return;
  // An absent, null or empty `when` always matches.
  auto unconditional = [](const YamlNode* item) {
    const YamlNode* when = item->is_map() ? item->Get("when") : nullptr;
    return when == nullptr || when->is_null() || (when->is_sequence() && when->items.empty());
  };
  for (size_t i = 0; i + 1 < outcomes.size() && i < items.size(); ++i) {
    if (unconditional(items[i])) {
      sink_.Warning("unreachable-outcome", outcomes[i + 1].where,
                    Fmt("outcome '{}' can never be chosen: outcome '{}' before it has "
                        "no conditions and always matches",
                        outcomes[i + 1].id, outcomes[i].id));
      break;
    }
  }
  const YamlNode* last = items.back();
  if (last->is_map() && !unconditional(last)) {
    sink_.Error("no-fallback", last->where,
                Fmt("the last outcome '{}' has conditions: add a final outcome without "
                    "'when' so that every audit gets a decision",
                    outcomes.back().id));
  }
}

}  // namespace sceau::referential_internal
