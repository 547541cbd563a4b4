// The checks of a criterion: indicator, evidence and sample (referentials/README.md, "checks").
#include <fmt/format.h>

#include "engine/referential_parser.h"
#include "engine/referential_spec.h"
#include "engine/wording.h"

namespace sceau::referential_internal {

void ReferentialParser::ParseChecks(const YamlNode* v, const std::string& ctx, Criterion* c) {
  auto items = r_.List(v, Fmt("'checks' of {}", ctx));
  if (!items) return;
  int i = 0;
  for (const YamlNode* item : *items) {
    ++i;
    std::string what = Fmt("check {} of {}", i, ctx);
    if (!r_.IsMap(item, what)) continue;
    // The type picks the spec the other keys are read through.
    const YamlNode* type = item->Get("type");
    const format::MapSpec* spec = type && type->is_scalar()
                                      ? format::AlternativeFor(format::CheckValue(), type->value)
                                      : nullptr;
    Fields f(&r_, item, spec ? *spec : format::CheckSpec(), what);
    if (!f.Get("type")) {
      f.Finish();
      continue;
    }
    if (!r_.String(type, Fmt("'type' of {}", what))) continue;
    Check check;
    check.where = item->where;
    if (auto text = f.Text("label", Fmt("the label of {}", what))) check.label = *text;
    ReadFromLevel(f, what, *c, &check);
    bool ok = true;
    if (spec == &format::IndicatorCheckSpec()) {
      check.type = CheckType::kIndicator;
      ok = ReadIndicatorCheck(f, item, what, &check);
    } else if (spec == &format::EvidenceCheckSpec()) {
      check.type = CheckType::kEvidence;
      ReadEvidenceCheck(f, what, &check);
    } else if (spec == &format::SampleCheckSpec()) {
      check.type = CheckType::kSample;
      ReadSampleCheck(f, what, &check);
    } else {
      r_.Enum(type, f.KeyOf("type").value, Fmt("'type' of {}", what));
      ok = false;
    }
    f.Finish();
    if (ok) c->checks.push_back(std::move(check));
  }
}

void ReferentialParser::ReadFromLevel(Fields& f, const std::string& what, const Criterion& c,
                                      Check* check) {
  const YamlNode* lv = f.Get("from_level");
  if (!lv) return;
  const Scale* scale = c.scale >= 0 ? &ref_.scales[static_cast<size_t>(c.scale)] : nullptr;
  auto code = r_.String(lv, Fmt("'from_level' of {}", what));
  if (code && scale && scale->type != ScaleType::kMaturity) {
    sink_.Error(
        "unexpected-key", lv->where,
        Fmt("'from_level' of {} needs a maturity scale; '{}' is a grades scale", what, scale->id));
  } else if (code && scale) {
    check->from_level = scale->FindLevel(*code);
    if (check->from_level < 0) {
      std::vector<std::string> codes;
      for (const Level& level : scale->levels) codes.push_back(level.code);
      sink_.Error("unknown-level", lv->where,
                  Fmt("'from_level' of {} names unknown level '{}'{}", what, *code,
                      DidYouMean(*code, codes)));
    }
  }
}

bool ReferentialParser::ReadIndicatorCheck(Fields& f, const YamlNode* item, const std::string& what,
                                           Check* check) {
  bool ok = true;
  if (auto x = f.Get("indicator")) {
    if (auto id = r_.Id(x, Fmt("'indicator' of {}", what))) check->indicator = *id;
  } else {
    ok = false;
  }
  if (auto s = f.String("unit")) check->unit = *s;
  const YamlNode* mn = f.Get("min");
  const YamlNode* mx = f.Get("max");
  if (mn) check->min = f.Number("min");
  if (mx) check->max = f.Number("max");
  if (!mn && !mx) {
    sink_.Error("bad-threshold", item->where,
                Fmt("{} needs a threshold: 'min', 'max' or both", what));
    ok = false;
  } else if (check->min && check->max && *check->min > *check->max) {
    sink_.Error(
        "bad-threshold", mn->where,
        Fmt("{} has 'min' {} above 'max' {}: no value can pass", what, mn->value, mx->value));
    ok = false;
  }
  return ok;
}

void ReferentialParser::ReadEvidenceCheck(Fields& f, const std::string& what, Check* check) {
  if (auto x = f.Get("kinds")) {
    check->evidence_kinds = ReadEvidenceKinds(x, Fmt("'kinds' of {}", what));
    if (x->is_sequence() && x->items.empty()) {
      sink_.Error("bad-value", x->where, Fmt("'kinds' of {} is empty", what));
    }
  }
  if (auto n = f.Integer("min_count")) check->min_count = static_cast<int>(*n);
  if (auto n = f.Integer("max_age_months")) check->max_age_months = static_cast<int>(*n);
}

void ReferentialParser::ReadSampleCheck(Fields& f, const std::string& what, Check* check) {
  if (auto text = f.Text("sample", Fmt("'sample' of {}", what))) check->sample = text->fr();
  if (auto n = f.Integer("min_size")) check->min_size = static_cast<int>(*n);
  if (auto p = f.Number("pass_rate")) check->pass_rate = *p;
}

}  // namespace sceau::referential_internal
