// Scales, their grades and levels, and default_scale (referentials/README.md, "scales").
#include <fmt/format.h>

#include "engine/referential_parser.h"
#include "engine/referential_spec.h"
#include "engine/wording.h"

namespace sceau::referential_internal {

void ReferentialParser::ParseScales(const YamlNode* n) {
  auto items = r_.List(n, "'scales'");
  if (!items) return;
  if (items->empty()) sink_.Error("missing-key", n->where, Tr("'scales' lists no scale"));
  for (const YamlNode* item : *items) {
    if (r_.IsMap(item, Tr("a scale"))) ParseScale(item);
  }
}

void ReferentialParser::ParseScale(const YamlNode* item) {
  Scale scale;
  scale.where = item->where;
  {
    Fields f(&r_, item, format::ScaleSpec(), Tr("a scale"));
    if (auto id = f.Id("id", Tr("the scale id"))) scale.id = *id;
  }
  std::string ctx = scale.id.empty() ? Tr("a scale") : Fmt("scale '{}'", scale.id);
  Fields g(&r_, item, format::ScaleSpec(), ctx);
  g.Get("id");
  std::optional<std::string_view> type = g.Enum("type");
  if (type) scale.type = *type == "grades" ? ScaleType::kGrades : ScaleType::kMaturity;
  if (auto t = g.Text("title", Fmt("the title of {}", ctx))) scale.title = *t;
  const YamlNode* grades = g.Get("grades");
  const YamlNode* levels = g.Get("levels");
  const YamlNode* pass_from = g.Get("pass_from");
  auto unexpected = [&](const YamlNode* n, const char* key, const char* is, const char* belongs) {
    if (!n) return;
    sink_.Error("unexpected-key", n->where,
                Fmt("{} is a {} scale: '{}' belongs to {} scales", ctx, is, key, belongs));
  };
  if (type && scale.type == ScaleType::kGrades) {
    unexpected(levels, "levels", "grades", "maturity");
    unexpected(pass_from, "pass_from", "grades", "maturity");
    if (!grades) {
      sink_.Error("missing-key", item->where, Fmt("{} has no 'grades', which is required", ctx));
    } else {
      ParseGrades(grades, &scale, ctx);
    }
  } else if (type && scale.type == ScaleType::kMaturity) {
    unexpected(grades, "grades", "maturity", "grades");
    if (!levels) {
      sink_.Error("missing-key", item->where, Fmt("{} has no 'levels', which is required", ctx));
    } else {
      ParseLevels(levels, &scale, ctx);
    }
    if (pass_from) {
      if (auto code = r_.String(pass_from, Fmt("'pass_from' of {}", ctx))) {
        int idx = scale.FindLevel(*code);
        if (idx < 0) {
          std::vector<std::string> codes;
          for (const Level& l : scale.levels) codes.push_back(l.code);
          sink_.Error("unknown-level", pass_from->where,
                      Fmt("'pass_from' of {} names unknown level '{}'{}", ctx, *code,
                          DidYouMean(*code, codes)));
        } else {
          scale.pass_from = idx;
        }
      }
    }
  }
  g.Finish();
  if (scale.id.empty()) return;
  if (int prev = ref_.FindScale(scale.id); prev >= 0) {
    sink_.Error("duplicate-id", item->Get("id")->where,
                Fmt("scale '{}' is defined twice (first at line {})", scale.id,
                    ref_.scales[static_cast<size_t>(prev)].where.line));
    return;
  }
  ref_.scales.push_back(std::move(scale));
}

void ReferentialParser::ParseGrades(const YamlNode* n, Scale* scale, const std::string& ctx) {
  auto items = r_.List(n, Fmt("'grades' of {}", ctx));
  if (!items) return;
  if (items->empty()) sink_.Error("missing-key", n->where, Fmt("{} lists no grade", ctx));
  int na = 0;
  for (const YamlNode* item : *items) {
    if (!r_.IsMap(item, Fmt("a grade of {}", ctx))) continue;
    Grade g;
    g.where = item->where;
    std::string gctx = Fmt("a grade of {}", ctx);
    if (auto c = item->Get("code")) {
      if (c->is_scalar()) gctx = Fmt("grade '{}'", c->value);
    }
    Fields f(&r_, item, format::GradeSpec(), gctx);
    bool ok = false;
    if (auto v = f.Get("code")) {
      if (auto id = r_.Id(v, Tr("the grade code"))) {
        g.code = *id;
        ok = true;
        if (scale->FindGrade(g.code) >= 0) {
          sink_.Error("duplicate-id", v->where,
                      Fmt("grade '{}' is defined twice in {}", g.code, ctx));
          ok = false;
        }
      }
    }
    std::optional<std::string_view> kind = f.Enum("kind");
    if (kind) g.kind = *ParseGradeKind(*kind);
    if (auto v = f.Get("label")) {
      if (auto t = r_.TextValue(v, Fmt("the label of {}", gctx))) {
        g.label = *t;
        TrackText(*t, v, Fmt("the label of {}", gctx));
      }
    }
    const YamlNode* points = f.Optional("points");
    if (kind && g.kind == GradeKind::kNotApplicable) {
      if (++na == 2) {
        sink_.Error("duplicate-na", item->where,
                    Fmt("{} has more than one not-applicable grade", ctx));
      }
      if (points) {
        sink_.Error("unexpected-key", points->where,
                    Fmt("{} is not-applicable: it has no points, it is left out of scores", gctx));
      }
    } else if (kind) {
      if (!points) {
        sink_.Error("missing-key", item->where, Fmt("{} has no 'points', which is required", gctx));
      } else if (auto p = f.Number("points")) {
        g.points = *p;
      }
    }
    f.Finish();
    if (ok) scale->grades.push_back(std::move(g));
  }
}

void ReferentialParser::ParseLevels(const YamlNode* n, Scale* scale, const std::string& ctx) {
  auto items = r_.List(n, Fmt("'levels' of {}", ctx));
  if (!items) return;
  if (items->size() < 2) {
    sink_.Error("too-few-levels", n->where, Fmt("{} needs at least two levels, lowest first", ctx));
  }
  for (const YamlNode* item : *items) {
    if (!r_.IsMap(item, Fmt("a level of {}", ctx))) continue;
    Level l;
    l.where = item->where;
    std::string lctx = Fmt("a level of {}", ctx);
    if (auto c = item->Get("code")) {
      if (c->is_scalar()) lctx = Fmt("level '{}'", c->value);
    }
    Fields f(&r_, item, format::LevelSpec(), lctx);
    bool ok = false;
    if (auto v = f.Get("code")) {
      if (auto id = r_.Id(v, Tr("the level code"))) {
        l.code = *id;
        ok = true;
        if (scale->FindLevel(l.code) >= 0) {
          sink_.Error("duplicate-id", v->where,
                      Fmt("level '{}' is defined twice in {}", l.code, ctx));
          ok = false;
        }
      }
    }
    if (auto v = f.Get("label")) {
      if (auto t = r_.TextValue(v, Fmt("the label of {}", lctx))) {
        l.label = *t;
        TrackText(*t, v, Fmt("the label of {}", lctx));
      }
    }
    const YamlNode* v = f.Get("points");
    if (auto p = v ? f.Number("points") : std::nullopt) {
      l.points = *p;
      if (!scale->levels.empty() && *p <= scale->levels.back().points) {
        sink_.Error("bad-points", v->where,
                    Fmt("'points' of {} must be higher than those of level '{}' before "
                        "it: levels go from lowest to highest",
                        lctx, scale->levels.back().code));
      }
    }
    f.Finish();
    if (ok) scale->levels.push_back(std::move(l));
  }
}

void ReferentialParser::ResolveDefaultScale() {
  if (default_scale_node_) {
    auto id = r_.String(default_scale_node_, "'default_scale'");
    if (!id) return;
    ref_.default_scale = ref_.FindScale(*id);
    if (ref_.default_scale < 0) {
      sink_.Error(
          "unknown-scale", default_scale_node_->where,
          Fmt("'default_scale' names unknown scale '{}'{}", *id, DidYouMean(*id, ScaleIds())));
    }
  } else if (ref_.scales.size() == 1) {
    ref_.default_scale = 0;
  } else if (ref_.scales.size() > 1) {
    need_scale_everywhere_ = true;
  }
}

std::vector<std::string> ReferentialParser::ScaleIds() const {
  std::vector<std::string> ids;
  for (const Scale& s : ref_.scales) ids.push_back(s.id);
  return ids;
}

}  // namespace sceau::referential_internal
