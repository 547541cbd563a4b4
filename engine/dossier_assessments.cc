// The `assessments` section of a dossier (audits/README.md, "assessments"): grades and levels,
// findings, indicators, samples, not applicable and override.

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "engine/dossier_parser.h"
#include "engine/wording.h"

namespace sceau::dossier_internal {

void DossierParser::ParseAssessments(const YamlNode* n) {
  d_->assessments_where = n->where;
  if (!r_.IsMap(n, "'assessments'")) return;
  std::vector<std::string> ids;
  for (const Criterion& c : ref_->criteria) ids.push_back(c.id);
  for (const auto& [key, value] : n->pairs) {
    int c = ref_->FindCriterion(key->value);
    if (c < 0) {
      sink_.Error("unknown-criterion", key->where,
                  Fmt("referential '{}' has no criterion '{}'{}", ref_->id, key->value,
                      DidYouMean(key->value, ids)));
      continue;
    }
    const Criterion& criterion = ref_->criteria[static_cast<size_t>(c)];
    std::string reason;
    if (!Applies(criterion, d_->organisation, &reason)) {
      // An empty one (a grid's row left blank for a criterion that may apply) says nothing.
      const bool empty =
          value == nullptr || value->is_null() || (value->is_map() && value->pairs.empty());
      if (empty) continue;
      sink_.Warning("not-applicable", key->where,
                    Fmt("criterion '{}' does not apply to this organisation ({}): its "
                        "assessment is ignored",
                        key->value, reason));
      continue;
    }
    Assessment a;
    a.criterion = c;
    a.where = key->where;
    // Only an assessment without any error is kept (in a dossier with errors, the others are
    // still checked on their own: see LoadDossierFromString).
    int errors = sink_.error_count();
    if (ParseAssessment(value, criterion, &a) && sink_.error_count() == errors) {
      d_->assessment_of[static_cast<size_t>(c)] = static_cast<int>(d_->assessments.size());
      d_->assessments.push_back(std::move(a));
    }
  }
}

bool DossierParser::ReadGrade(const YamlNode* v, const Criterion& criterion, bool level, Finding* f,
                              const std::string& ctx) {
  const Scale& scale = ref_->scales[static_cast<size_t>(criterion.scale)];
  bool maturity = scale.type == ScaleType::kMaturity;
  if (maturity != level) {
    sink_.Error("wrong-scale", v->where,
                maturity ? Fmt("criterion '{}' is rated on maturity scale '{}': give a "
                               "'level', not a 'grade'",
                               criterion.id, scale.id)
                         : Fmt("criterion '{}' is graded on scale '{}': give a 'grade', "
                               "not a 'level'",
                               criterion.id, scale.id));
    return false;
  }
  auto code = r_.String(v, Fmt("the {} of {}", level ? "level" : "grade", ctx));
  if (!code) return false;
  std::vector<std::string> codes;
  if (maturity) {
    for (const Level& l : scale.levels) codes.push_back(l.code);
    f->level = scale.FindLevel(*code);
    if (f->level >= 0) return true;
  } else {
    for (const Grade& g : scale.grades) codes.push_back(g.code);
    f->grade = scale.FindGrade(*code);
    if (f->grade >= 0) return true;
  }
  sink_.Error(
      maturity ? "unknown-level" : "unknown-grade", v->where,
      Fmt("{} '{}' is not on scale '{}' of criterion '{}' ({}){}", maturity ? "level" : "grade",
          *code, scale.id, criterion.id, fmt::join(codes, ", "), DidYouMean(*code, codes)));
  return false;
}

bool DossierParser::ParseAssessment(const YamlNode* n, const Criterion& criterion, Assessment* a) {
  std::string ctx = Fmt("the assessment of '{}'", criterion.id);
  if (!r_.IsMap(n, ctx)) return false;
  Fields f(&r_, n, SubSpec(format::DossierSpec(), "assessments"), ctx);
  const YamlNode* grade = f.Optional("grade");
  const YamlNode* level = f.Optional("level");
  const YamlNode* findings = f.Optional("findings");
  const YamlNode* finding = f.Optional("finding");
  const YamlNode* evidence = f.Optional("evidence");
  int forms = (grade ? 1 : 0) + (level ? 1 : 0) + (findings ? 1 : 0);
  bool ok = true;
  if (forms == 0) {
    sink_.Error("missing-key", n->where,
                Fmt("{} has no 'grade' (or 'level', or 'findings'): the criterion is "
                    "not graded",
                    ctx));
    ok = false;
  } else if (forms > 1) {
    const YamlNode* second = findings ? findings : level;
    sink_.Error("bad-assessment", second->where,
                Fmt("{} gives more than one of 'grade', 'level' and 'findings': use one", ctx));
    ok = false;
  }
  if (ok && (grade || level)) {
    Finding one;
    one.where = (grade ? grade : level)->where;
    if (!ReadGrade(grade ? grade : level, criterion, level != nullptr, &one, ctx)) ok = false;
    if (finding) one.text = r_.String(finding, Fmt("'finding' of {}", ctx)).value_or("");
    if (evidence) one.evidence = ReadEvidenceRefs(evidence, ctx);
    a->findings.push_back(std::move(one));
  } else if (ok && findings) {
    if (finding) {
      sink_.Error("bad-assessment", finding->where,
                  Fmt("{} has 'findings': give each finding its own 'text'", ctx));
    }
    if (evidence) {
      sink_.Error("bad-assessment", evidence->where,
                  Fmt("{} has 'findings': give each finding its own 'evidence'", ctx));
    }
    ok = ParseFindings(findings, criterion, a, ctx) && ok;
  } else {
    if (finding) r_.String(finding, Fmt("'finding' of {}", ctx));
    if (evidence) ReadEvidenceRefs(evidence, ctx);
  }
  if (auto v = f.Optional("indicators")) ParseIndicators(v, criterion, a, ctx);
  if (auto v = f.Optional("sample")) ParseSample(v, a, ctx);
  const YamlNode* na = f.Optional("na_justification");
  if (na) a->na_justification = r_.String(na, Fmt("'na_justification' of {}", ctx)).value_or("");
  if (auto v = f.Optional("override")) {
    a->override_justification = r_.String(v, Fmt("'override' of {}", ctx)).value_or("");
    a->override_where = v->where;
  }
  if (const YamlNode* v = f.Optional("action")) ParseAction(v, a, ctx);
  f.Finish();
  if (!ok) return false;
  // Not applicable: only where the referential allows it, and always justified.
  const Scale& scale = ref_->scales[static_cast<size_t>(criterion.scale)];
  bool is_na = false;
  SourceLocation na_where;
  for (const Finding& x : a->findings) {
    if (x.grade >= 0 &&
        scale.grades[static_cast<size_t>(x.grade)].kind == GradeKind::kNotApplicable) {
      is_na = true;
      na_where = x.where;
      if (!criterion.na_allowed) {
        sink_.Error("na-not-allowed", x.where,
                    Fmt("criterion '{}' cannot be graded not applicable: the referential "
                        "does not allow it",
                        criterion.id));
        ok = false;
      } else if (a->findings.size() > 1) {
        sink_.Error("bad-assessment", x.where,
                    Fmt("{}: a not-applicable grade cannot stand with other findings", ctx));
        ok = false;
      }
    }
  }
  if (is_na && a->na_justification.empty()) {
    sink_.Error("na-without-justification", na_where,
                Fmt("criterion '{}' is graded not applicable without a "
                    "'na_justification': say why it does not apply",
                    criterion.id));
    ok = false;
  }
  if (!is_na && na) {
    sink_.Warning("unused-key", na->where,
                  Fmt("'na_justification' of {} has no effect: the grade is not 'not "
                      "applicable'",
                      ctx));
  }
  return ok;
}

bool DossierParser::ParseFindings(const YamlNode* n, const Criterion& criterion, Assessment* a,
                                  const std::string& ctx) {
  auto items = r_.List(n, Fmt("'findings' of {}", ctx));
  if (!items) return false;
  if (items->empty()) {
    sink_.Error("missing-key", n->where, Fmt("'findings' of {} lists no finding", ctx));
    return false;
  }
  bool ok = true;
  int i = 0;
  for (const YamlNode* item : *items) {
    std::string fctx = Fmt("finding {} of '{}'", ++i, criterion.id);
    if (!r_.IsMap(item, fctx)) {
      ok = false;
      continue;
    }
    Fields f(&r_, item, SubSpec(SubSpec(format::DossierSpec(), "assessments"), "findings"), fctx);
    Finding x;
    x.where = item->where;
    const YamlNode* g = f.Optional("grade");
    const YamlNode* l = f.Optional("level");
    if (!g && !l) {
      f.Required("grade");
      ok = false;
    } else if (g && l) {
      sink_.Error("bad-assessment", l->where,
                  Fmt("{} gives both 'grade' and 'level': use the one its scale takes", fctx));
      ok = false;
    } else if (!ReadGrade(g ? g : l, criterion, l != nullptr && g == nullptr, &x, fctx)) {
      ok = false;
    } else {
      x.where = (g ? g : l)->where;
    }
    if (auto v = f.Optional("text")) x.text = r_.String(v, Fmt("'text' of {}", fctx)).value_or("");
    if (auto v = f.Optional("evidence")) x.evidence = ReadEvidenceRefs(v, fctx);
    if (auto v = f.Optional("site")) {
      if (auto s = r_.String(v, Fmt("'site' of {}", fctx))) {
        if (CheckSite(v, *s, fctx)) x.site = *s;
      }
    }
    f.Finish();
    a->findings.push_back(std::move(x));
  }
  return ok;
}

void DossierParser::ParseIndicators(const YamlNode* n, const Criterion& criterion, Assessment* a,
                                    const std::string& ctx) {
  std::string what = Fmt("'indicators' of {}", ctx);
  if (!r_.IsMap(n, what)) return;
  std::vector<std::string> known;
  for (const Check& c : criterion.checks) {
    if (c.type == CheckType::kIndicator) known.push_back(c.indicator);
  }
  for (const auto& [key, value] : n->pairs) {
    if (value->is_null()) continue;  // left blank (as the template writes it): not measured
    auto v = r_.Number(value, Fmt("indicator '{}' of {}", key->value, ctx));
    if (!v) continue;
    if (std::find(known.begin(), known.end(), key->value) == known.end()) {
      sink_.Warning("unknown-indicator", key->where,
                    Fmt("criterion '{}' has no check on indicator '{}'{}: the value is "
                        "kept but not checked",
                        criterion.id, key->value, DidYouMean(key->value, known)));
    }
    a->indicators.emplace_back(key->value, *v);
  }
}

void DossierParser::ParseSample(const YamlNode* n, Assessment* a, const std::string& ctx) {
  auto items = r_.List(n, Fmt("'sample' of {}", ctx));
  if (!items) return;
  std::vector<SampleItem> sample;
  std::set<std::string> seen;
  for (const YamlNode* item : *items) {
    std::string ictx = Fmt("a sample item of {}", ctx);
    if (!r_.IsMap(item, ictx)) continue;
    Fields f(&r_, item, SubSpec(SubSpec(format::DossierSpec(), "assessments"), "sample"), ictx);
    SampleItem s;
    if (auto v = f.Required("id")) {
      s.id = r_.String(v, Fmt("the id of {}", ictx)).value_or("");
      if (!s.id.empty() && !seen.insert(s.id).second) {
        sink_.Error("duplicate-id", v->where,
                    Fmt("sample item '{}' is listed twice in {}", s.id, ctx));
      }
    }
    if (auto v = f.Required("pass")) s.pass = r_.Bool(v, Fmt("'pass' of {}", ictx)).value_or(false);
    if (auto v = f.Optional("note")) s.note = r_.String(v, Fmt("'note' of {}", ictx)).value_or("");
    f.Finish();
    sample.push_back(std::move(s));
  }
  a->sample = std::move(sample);
}

void DossierParser::ParseAction(const YamlNode* n, Assessment* a, const std::string& ctx) {
  std::string actx = Fmt("the action of {}", ctx);
  if (!r_.IsMap(n, actx)) return;
  Fields f(&r_, n, SubSpec(SubSpec(format::DossierSpec(), "assessments"), "action"), actx);
  CommittedAction action;
  bool ok = true;
  if (auto v = f.String("description")) {
    action.description = *v;
  } else {
    ok = false;
  }
  if (auto v = f.Optional("owner"))
    action.owner = r_.String(v, Fmt("'owner' of {}", actx)).value_or("");
  if (f.Optional("status")) {
    if (auto name = f.Enum("status")) {
      for (ActionStatus st :
           {ActionStatus::kPlanned, ActionStatus::kInProgress, ActionStatus::kDone}) {
        if (ActionStatusName(st) == *name) action.status = st;
      }
    } else {
      ok = false;
    }
  }
  if (f.Optional("due")) {
    action.due = f.Date("due");
    if (!action.due) ok = false;
  }
  f.Finish();
  if (ok) a->action = std::move(action);
}

void DossierParser::CheckCompleteness(const YamlNode* at) {
  for (size_t c = 0; c < ref_->criteria.size(); ++c) {
    if (d_->assessment_of[c] >= 0) continue;
    const Criterion& criterion = ref_->criteria[c];
    std::string reason;
    if (!Applies(criterion, d_->organisation, &reason)) continue;
    // Unparsable assessments were reported already; only report criteria never mentioned.
    if (at->is_map() && at->Get(criterion.id)) continue;
    sink_.Error("missing-assessment", assessments_key_,
                Fmt("criterion '{}' ({}) applies to this organisation but has no "
                    "assessment",
                    criterion.id, criterion.title.fr()));
  }
}

}  // namespace sceau::dossier_internal
