// Criteria, their applicability and their links (referentials/README.md, "criteria",
// "applies_to", "requires and related").
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "engine/referential_parser.h"
#include "engine/referential_spec.h"
#include "engine/wording.h"

namespace sceau::referential_internal {

void ReferentialParser::ParseCriteria(const YamlNode* n) {
  auto items = r_.List(n, "'criteria'");
  if (!items) return;
  if (items->empty()) sink_.Error("missing-key", n->where, Tr("'criteria' lists no criterion"));
  // First pass: ids, so that links may point forward.
  for (const YamlNode* item : *items) {
    const YamlNode* id = item->is_map() ? item->Get("id") : nullptr;
    if (!id || !id->is_scalar()) continue;
    auto [it, inserted] =
        ref_.criterion_index.emplace(id->value, static_cast<int>(ref_.criterion_index.size()));
    if (!inserted) {
      sink_.Error("duplicate-id", id->where,
                  Fmt("criterion '{}' is defined twice (first at line {})", id->value,
                      first_seen_[id->value]));
    } else {
      first_seen_[id->value] = id->where.line;
      criterion_nodes_.push_back(item);
    }
  }
  ref_.criteria.resize(criterion_nodes_.size());
  for (const YamlNode* item : *items) {
    if (!r_.IsMap(item, Tr("a criterion"))) continue;
    const YamlNode* id = item->Get("id");
    if (!id) {
      Fields f(&r_, item, format::CriterionSpec(), Tr("a criterion"));
      f.Required("id");
      continue;
    }
    if (!id->is_scalar()) {
      r_.Id(id, Tr("the criterion id"));
      continue;
    }
    int index = ref_.FindCriterion(id->value);
    if (criterion_nodes_[static_cast<size_t>(index)] != item) {
      // A duplicate (reported above): its keys are still checked, into a criterion thrown away,
      // so that fixing the id does not reveal new errors.
      // Its links are not checked against itself: the id it shares names the first one.
      Criterion duplicate;
      parsing_duplicate_ = true;
      ParseCriterion(item, &duplicate);
      parsing_duplicate_ = false;
      continue;
    }
    ParseCriterion(item, &ref_.criteria[static_cast<size_t>(index)]);
  }
  for (size_t i = 0; i < ref_.criteria.size(); ++i) {
    int ch = ref_.criteria[i].chapter;
    if (ch >= 0) ref_.chapters[static_cast<size_t>(ch)].criteria.push_back(static_cast<int>(i));
  }
}

void ReferentialParser::ParseCriterion(const YamlNode* item, Criterion* c) {
  c->where = item->where;
  std::string ctx = Fmt("criterion '{}'", item->Get("id")->value);
  Fields f(&r_, item, format::CriterionSpec(), ctx);
  if (auto v = f.Get("id")) {
    if (auto id = r_.Id(v, Tr("the criterion id"))) {
      c->id = *id;
    } else {
      c->id = v->value;
    }
  }
  if (auto v = f.Get("chapter")) c->chapter = ResolveChapter(v, ctx);
  for (auto [key, text, what] :
       {std::tuple{"title", &c->title, Tr("the title of {}")},
        std::tuple{"requirement", &c->requirement, Tr("the requirement of {}")}}) {
    if (auto v = f.Get(key)) {
      std::string name = Fmt(fmt::runtime(what), ctx);
      if (auto t = r_.TextValue(v, name)) {
        *text = *t;
        TrackText(*t, v, std::move(name));
      }
    }
  }
  if (f.Get("guidance")) {
    if (auto t = f.Text("guidance", Fmt("the guidance of {}", ctx))) c->guidance = *t;
  }
  if (auto v = f.Get("evidence")) {
    c->evidence = ReadEvidenceKinds(v, Fmt("'evidence' of {}", ctx));
  }
  ReadScaleOf(f, item, ctx, c);
  c->weight = ReadWeight(f);
  if (f.Get("blocking")) c->blocking = f.Bool("blocking").value_or(false);
  ReadNotApplicable(f, ctx, c);
  if (auto v = f.Get("applies_to")) ParseApplicability(v, ctx, &c->applies);
  if (auto v = f.Get("checks")) ParseChecks(v, ctx, c);
  const std::string self = parsing_duplicate_ ? std::string() : c->id;
  if (auto v = f.Get("requires")) c->prerequisites = ReadLinks(v, ctx, "requires", self, true);
  if (auto v = f.Get("related")) c->related = ReadLinks(v, ctx, "related", self, false);
  if (auto v = f.Get("mappings")) ParseMappings(v, ctx, c);
  if (auto v = f.Get("replaces")) ReadReplaces(v, ctx, c);
  f.Finish();
}

void ReferentialParser::ReadScaleOf(Fields& f, const YamlNode* item, const std::string& ctx,
                                    Criterion* c) {
  if (const YamlNode* scale = f.Get("scale")) {
    if (auto id = r_.String(scale, Fmt("'scale' of {}", ctx))) {
      c->scale = ref_.FindScale(*id);
      if (c->scale < 0) {
        sink_.Error("unknown-scale", scale->where,
                    Fmt("{} names unknown scale '{}'{}", ctx, *id, DidYouMean(*id, ScaleIds())));
      }
    }
  } else if (need_scale_everywhere_) {
    sink_.Error("missing-key", item->where,
                Fmt("{} has no 'scale': the referential has several scales and no "
                    "'default_scale'",
                    ctx));
  } else {
    c->scale = ref_.default_scale;
  }
}

void ReferentialParser::ReadNotApplicable(Fields& f, const std::string& ctx, Criterion* c) {
  const YamlNode* na = f.Get("na_allowed");
  if (na) c->na_allowed = f.Bool("na_allowed").value_or(false);
  if (auto v = f.Get("na_guidance")) {
    if (auto t = r_.TextValue(v, Fmt("'na_guidance' of {}", ctx))) c->na_guidance = *t;
    if (!c->na_allowed) {
      sink_.Warning("unused-key", v->where,
                    Fmt("'na_guidance' of {} has no effect without 'na_allowed: true'", ctx));
    }
  }
  if (c->na_allowed && c->scale >= 0) {
    const Scale& s = ref_.scales[static_cast<size_t>(c->scale)];
    bool has_na = std::any_of(s.grades.begin(), s.grades.end(),
                              [](const Grade& g) { return g.kind == GradeKind::kNotApplicable; });
    if (!has_na) {
      sink_.Error("na-without-grade", na->where,
                  Fmt("{} allows not applicable, but scale '{}' has no not-applicable "
                      "grade",
                      ctx, s.id));
    }
  }
}

void ReferentialParser::ReadReplaces(const YamlNode* v, const std::string& ctx, Criterion* c) {
  auto items = r_.List(v, Fmt("'replaces' of {}", ctx));
  if (!items) return;
  for (const YamlNode* entry : *items) {
    auto id = r_.Id(entry, Fmt("an entry of 'replaces' of {}", ctx));
    if (!id) continue;
    if (std::find(c->replaces.begin(), c->replaces.end(), *id) != c->replaces.end()) {
      sink_.Warning("duplicate-entry", entry->where, Fmt("{} replaces '{}' twice", ctx, *id));
      continue;
    }
    // One old criterion may be taken over by several new ones (a split): allowed.
    c->replaces.push_back(*id);
  }
}

std::vector<std::string> ReferentialParser::CriterionIds() const {
  std::vector<std::string> ids;
  for (const auto& [id, index] : ref_.criterion_index) ids.push_back(id);
  return ids;
}

std::optional<Range> ReferentialParser::ReadRange(const YamlNode* v, const format::MapSpec& spec,
                                                  const std::string& what) {
  if (!r_.IsMap(v, what)) return std::nullopt;
  Fields f(&r_, v, spec, what);
  Range range;
  bool ok = true;
  for (const char* key : {"min", "max"}) {
    if (!f.Get(key)) continue;
    auto n = f.Integer(key);
    if (!n) {
      ok = false;
      continue;
    }
    (std::string_view(key) == "min" ? range.min : range.max) = *n;
  }
  f.Finish();
  if (!range.min && !range.max && ok) {
    sink_.Error("bad-range", v->where, Fmt("{} needs 'min', 'max' or both", what));
    return std::nullopt;
  }
  if (range.min && range.max && *range.min > *range.max) {
    sink_.Error("bad-range", v->where,
                Fmt("{} has 'min' {} above 'max' {}: no organisation can match", what, *range.min,
                    *range.max));
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return range;
}

void ReferentialParser::ParseApplicability(const YamlNode* v, const std::string& ctx,
                                           Applicability* a) {
  std::string what = Fmt("'applies_to' of {}", ctx);
  if (!r_.IsMap(v, what)) return;
  Fields f(&r_, v, format::ApplicabilitySpec(), what);
  if (auto items = f.List("kinds")) {
    const YamlNode* k = f.Get("kinds");
    if (items->empty()) {
      sink_.Error("bad-value", k->where,
                  Fmt("'kinds' of {} is empty: no organisation could match; remove it "
                      "to apply to every kind",
                      what));
    }
    const format::ValueSpec& kind_spec = *f.KeyOf("kinds").value.item;
    std::string item_what = Fmt("an organisation kind in {}", what);
    for (const YamlNode* item : *items) {
      auto s = r_.Enum(item, kind_spec, item_what);
      if (!s) continue;
      OrgKind kind = *ParseOrgKind(*s);
      if (std::find(a->kinds.begin(), a->kinds.end(), kind) != a->kinds.end()) {
        sink_.Warning("duplicate-entry", item->where,
                      Fmt("organisation kind '{}' is listed twice in {}", *s, what));
        continue;
      }
      a->kinds.push_back(kind);
    }
  }
  if (auto h = f.Get("headcount")) {
    if (auto r = ReadRange(h, format::HeadcountRangeSpec(), Fmt("'headcount' of {}", what))) {
      a->headcount = *r;
    }
  }
  if (auto s = f.Get("sites")) {
    if (auto r = ReadRange(s, format::SitesRangeSpec(), Fmt("'sites' of {}", what))) {
      a->sites = *r;
    }
  }
  f.Finish();
}

std::vector<Link> ReferentialParser::ReadLinks(const YamlNode* v, const std::string& ctx,
                                               const char* key, const std::string& self,
                                               bool strict) {
  std::vector<Link> out;
  auto items = r_.List(v, Fmt("'{}' of {}", key, ctx));
  if (!items) return out;
  for (const YamlNode* item : *items) {
    auto id = r_.String(item, Fmt("an entry of '{}' of {}", key, ctx));
    if (!id) continue;
    int target = ref_.FindCriterion(*id);
    if (target < 0) {
      sink_.Error(
          "unknown-criterion", item->where,
          Fmt("{} {} unknown criterion '{}'{}", ctx, strict ? Tr("requires") : Tr("is related to"),
              *id, DidYouMean(*id, CriterionIds())));
      continue;
    }
    if (*id == self) {
      sink_.Error(strict ? "dependency-cycle" : "bad-link", item->where,
                  strict ? Fmt("{} requires itself", ctx) : Fmt("{} is related to itself", ctx));
      if (strict) ++cycle_errors_;
      continue;
    }
    if (std::any_of(out.begin(), out.end(), [&](const Link& l) { return l.target == target; })) {
      if (strict) {
        sink_.Error("duplicate-entry", item->where, Fmt("{} requires '{}' twice", ctx, *id));
      } else {
        sink_.Warning("duplicate-entry", item->where, Fmt("{} is related to '{}' twice", ctx, *id));
      }
      continue;
    }
    out.push_back(Link{target, item->where});
  }
  return out;
}

}  // namespace sceau::referential_internal
