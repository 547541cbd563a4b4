#include "engine/referential_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "engine/wording.h"

namespace sceau {

namespace {

// Shortest form of a number: 1, 2.5, 0.8.
std::string Num(double v) { return fmt::format("{}", v); }

// Whitespace runs collapsed to one space, ends trimmed: reflowing a text is not a change.
std::string Normalize(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Languages whose text differs between `a` and `b` (whitespace aside), in language order.
std::vector<std::string> ChangedLanguages(const Text& a, const Text& b) {
  std::set<std::string> langs;
  for (const auto& [lang, text] : a.by_lang) langs.insert(lang);
  for (const auto& [lang, text] : b.by_lang) langs.insert(lang);
  std::vector<std::string> out;
  for (const std::string& lang : langs) {
    auto x = a.by_lang.find(lang);
    auto y = b.by_lang.find(lang);
    bool has_x = x != a.by_lang.end();
    bool has_y = y != b.by_lang.end();
    if (has_x != has_y || (has_x && Normalize(x->second) != Normalize(y->second))) {
      out.push_back(lang);
    }
  }
  return out;
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }
std::string QuotedOrNone(const std::string& s) { return s.empty() ? Tr("(none)") : Quoted(s); }
std::string OrNone(const std::string& s) { return s.empty() ? Tr("(none)") : s; }

std::string Join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string Bounds(const std::optional<double>& min, const std::optional<double>& max) {
  if (min && max) return fmt::format("in [{}, {}]", Num(*min), Num(*max));
  if (min) return ">= " + Num(*min);
  if (max) return "<= " + Num(*max);
  return "(no bound)";
}

std::string RangeText(const Range& r) {
  if (r.min && r.max) return fmt::format("{}..{}", *r.min, *r.max);
  if (r.min) return fmt::format(">= {}", *r.min);
  return fmt::format("<= {}", *r.max);
}

std::string ChapterId(const Referential& ref, int c) {
  return c < 0 ? std::string() : ref.chapters[static_cast<size_t>(c)].id;
}

std::string ScaleId(const Referential& ref, int s) {
  return s < 0 ? std::string() : ref.scales[static_cast<size_t>(s)].id;
}

std::vector<std::string> LinkIds(const Referential& ref, const std::vector<Link>& links) {
  std::vector<std::string> out;
  for (const Link& l : links) out.push_back(ref.criteria[static_cast<size_t>(l.target)].id);
  return out;
}

std::string MappingsText(const Criterion& c) {
  std::vector<std::string> parts;
  for (const auto& [framework, items] : c.mappings) parts.push_back(framework + ": " + Join(items));
  return parts.empty() ? "(none)" : Join(parts, "; ");
}

std::string WhenText(const Referential& ref, const std::vector<Condition>& when) {
  if (when.empty()) return "always";
  std::vector<std::string> parts;
  for (const Condition& c : when) parts.push_back(ConditionText(ref, c));
  return Join(parts, " and ");
}

std::string EscalationText(const Escalation& e) {
  return e.within == Escalation::Within::kCriterion
             ? Fmt("{} {} within criterion -> {}", e.count, e.from, e.to)
             : Fmt("{} {} within chapter -> {}", e.count, e.from, e.to);
}

std::string ScaleSummary(const Scale& s) {
  std::vector<std::string> codes;
  for (const Grade& g : s.grades) codes.push_back(g.code);
  for (const Level& l : s.levels) codes.push_back(l.code);
  return s.type == ScaleType::kGrades ? Fmt("{} (grades scale: {})", s.id, Join(codes))
                                      : Fmt("{} (maturity scale: {})", s.id, Join(codes));
}

// Whether the properties of two checks of the same type differ, and how, as "min 50 -> 60".
std::vector<std::string> CheckPropertyChanges(const Check& o, const Check& n) {
  std::vector<std::string> out;
  auto opt = [](const std::optional<double>& v) { return v ? Num(*v) : Tr("(none)"); };
  auto opt_int = [](const std::optional<int>& v) { return v ? std::to_string(*v) : Tr("(none)"); };
  if (o.indicator != n.indicator)
    out.push_back(fmt::format("indicator {} -> {}", o.indicator, n.indicator));
  if (o.min != n.min) out.push_back(fmt::format("min {} -> {}", opt(o.min), opt(n.min)));
  if (o.max != n.max) out.push_back(fmt::format("max {} -> {}", opt(o.max), opt(n.max)));
  if (o.unit != n.unit) out.push_back(fmt::format("unit {} -> {}", OrNone(o.unit), OrNone(n.unit)));
  if (o.evidence_kinds != n.evidence_kinds) {
    out.push_back(fmt::format("kinds {} -> {}", Join(o.evidence_kinds), Join(n.evidence_kinds)));
  }
  if (o.min_count != n.min_count)
    out.push_back(fmt::format("min_count {} -> {}", o.min_count, n.min_count));
  if (o.max_age_months != n.max_age_months) {
    out.push_back(fmt::format("max_age_months {} -> {}", opt_int(o.max_age_months),
                              opt_int(n.max_age_months)));
  }
  if (Normalize(o.sample) != Normalize(n.sample)) {
    out.push_back(fmt::format("sample \"{}\" -> \"{}\"", o.sample, n.sample));
  }
  if (o.min_size != n.min_size)
    out.push_back(fmt::format("min_size {} -> {}", o.min_size, n.min_size));
  if (o.pass_rate != n.pass_rate) {
    out.push_back(fmt::format("pass_rate {} -> {}", Num(o.pass_rate), Num(n.pass_rate)));
  }
  if (!ChangedLanguages(o.label, n.label).empty()) {
    out.push_back(
        fmt::format("label {} -> {}", QuotedOrNone(o.label.fr()), QuotedOrNone(n.label.fr())));
  }
  return out;
}

// Where a check was matched: -1 when added (new side) or removed (old side).
void MatchChecks(const std::vector<Check>& old_checks, const std::vector<Check>& new_checks,
                 std::vector<int>* match_of_new) {
  match_of_new->assign(new_checks.size(), -1);
  std::vector<bool> used(old_checks.size(), false);
  auto match = [&](auto same) {
    for (size_t n = 0; n < new_checks.size(); ++n) {
      if ((*match_of_new)[n] >= 0) continue;
      for (size_t o = 0; o < old_checks.size(); ++o) {
        if (used[o] || old_checks[o].type != new_checks[n].type) continue;
        if (!same(old_checks[o], new_checks[n])) continue;
        used[o] = true;
        (*match_of_new)[n] = static_cast<int>(o);
        break;
      }
    }
  };
  // Identical checks first, then indicators by indicator id, then the rest by order within a type.
  match([](const Check& a, const Check& b) { return CheckText(a) == CheckText(b); });
  match([](const Check& a, const Check& b) {
    return a.type == CheckType::kIndicator && a.indicator == b.indicator;
  });
  match([](const Check& a, const Check&) { return a.type != CheckType::kIndicator; });
}

class Differ {
 public:
  Differ(const Referential& o, const Referential& n) : o_(o), n_(n) {}

  ReferentialDiff Run() {
    DiffIdentity();
    DiffChapters();
    DiffCriteria();
    DiffScales();
    DiffPolicy();
    return std::move(diff_);
  }

 private:
  void Add(std::string kind, std::string id, std::string field, std::string old_value,
           std::string new_value, std::string text) {
    diff_.changes.push_back(Change{std::move(kind), std::move(id), std::move(field),
                                   std::move(old_value), std::move(new_value), std::move(text)});
  }

  // A text field: the French texts as values; the text names other languages when only they
  // changed.
  // `name` is how the text calls the thing (its id when empty).
  void TextField(const std::string& kind, const std::string& id, const std::string& field,
                 const Text& a, const Text& b, const std::string& verb,
                 const std::string& name = "") {
    std::vector<std::string> langs = ChangedLanguages(a, b);
    if (langs.empty()) return;
    const std::string& who = name.empty() ? id : name;
    std::string prefix = who.empty() ? verb : who + " " + verb;
    if (Normalize(a.fr()) != Normalize(b.fr())) {
      Add(kind, id, field, a.fr(), b.fr(),
          fmt::format("{} {} -> {}", prefix, QuotedOrNone(a.fr()), QuotedOrNone(b.fr())));
    } else {
      Add(kind, id, field, a.fr(), b.fr(), Fmt("{} ({}) changed", prefix, Join(langs)));
    }
  }

  void DiffIdentity() {
    const std::string k = "identity-changed";
    if (o_.id != n_.id) Add(k, "", "id", o_.id, n_.id, fmt::format("id {} -> {}", o_.id, n_.id));
    if (o_.version != n_.version) {
      Add(k, "", "version", o_.version, n_.version,
          fmt::format("version {} -> {}", QuotedOrNone(o_.version), QuotedOrNone(n_.version)));
    }
    TextField(k, "", "title", o_.title, n_.title, Tr("title"));
    if (o_.supersedes != n_.supersedes) {
      Add(k, "", "supersedes", o_.supersedes, n_.supersedes,
          fmt::format("supersedes {} -> {}", QuotedOrNone(o_.supersedes),
                      QuotedOrNone(n_.supersedes)));
    }
    if (o_.effective != n_.effective) {
      std::string a = o_.effective ? o_.effective->ToString() : "";
      std::string b = n_.effective ? n_.effective->ToString() : "";
      Add(k, "", "effective", a, b, fmt::format("effective {} -> {}", OrNone(a), OrNone(b)));
    }
  }

  void DiffChapters() {
    for (const Chapter& n : n_.chapters) {
      int oi = o_.FindChapter(n.id);
      std::string parent = ChapterId(n_, n.parent);
      if (oi < 0) {
        Add("chapter-added", n.id, "", "", n.title.fr(),
            fmt::format("{} {}{}", n.id, n.title.fr(),
                        parent.empty() ? "" : Fmt(" (in {})", parent)));
        continue;
      }
      const Chapter& o = o_.chapters[static_cast<size_t>(oi)];
      TextField("chapter-changed", n.id, "title", o.title, n.title, Tr("retitled"));
      std::string old_parent = ChapterId(o_, o.parent);
      if (old_parent != parent) {
        auto where = [](const std::string& p) { return p.empty() ? Tr("top level") : p; };
        Add("chapter-changed", n.id, "parent", old_parent, parent,
            Fmt("{} moved from {} to {}", n.id, where(old_parent), where(parent)));
      }
      if (o.weight != n.weight) {
        Add("chapter-changed", n.id, "weight", Num(o.weight), Num(n.weight),
            fmt::format("{} weight {} -> {}", n.id, Num(o.weight), Num(n.weight)));
      }
    }
    for (const Chapter& o : o_.chapters) {
      if (n_.FindChapter(o.id) >= 0) continue;
      Add("chapter-removed", o.id, "", o.title.fr(), "", fmt::format("{} {}", o.id, o.title.fr()));
    }
  }

  // New criteria that take over old criterion `id`, in the new file's order.
  std::vector<const Criterion*> Successors(const std::string& id) const {
    std::vector<const Criterion*> out;
    for (const Criterion& n : n_.criteria) {
      if (std::find(n.replaces.begin(), n.replaces.end(), id) != n.replaces.end())
        out.push_back(&n);
    }
    return out;
  }

  // Old criteria that `n` takes over: itself when the old version has its id, then `replaces`.
  std::vector<std::string> Predecessors(const Criterion& n) const {
    std::vector<std::string> out;
    if (o_.FindCriterion(n.id) >= 0) out.push_back(n.id);
    for (const std::string& r : n.replaces) {
      if (o_.FindCriterion(r) >= 0 && std::find(out.begin(), out.end(), r) == out.end()) {
        out.push_back(r);
      }
    }
    return out;
  }

  void DiffCriteria() {
    for (const Criterion& n : n_.criteria) {
      DiffCriterion(n);
      for (const std::string& r : n.replaces) {
        if (o_.FindCriterion(r) >= 0) continue;
        Add("replaces-unknown", n.id, "replaces", "", r,
            Fmt("{} replaces {}, which {} {} does not have", n.id, r, o_.id, o_.version));
      }
    }
    DiffGone();
  }

  // A criterion of the new version: added, or what changed in it.
  void DiffCriterion(const Criterion& n) {
    int oi = o_.FindCriterion(n.id);
    if (oi < 0) {
      std::vector<std::string> taken;
      for (const std::string& r : n.replaces) {
        if (o_.FindCriterion(r) >= 0) taken.push_back(r);
      }
      std::string extra = taken.empty() ? "" : Fmt(", replaces {}", Join(taken));
      Add("criterion-added", n.id, "", "", n.title.fr(),
          Fmt("{} {} (chapter {}{})", n.id, n.title.fr(), ChapterId(n_, n.chapter), extra));
      return;
    }
    CriterionChanges(o_.criteria[static_cast<size_t>(oi)], n);
    // Kept, but another criterion takes over part of it.
    std::vector<std::string> others;
    for (const Criterion* s : Successors(n.id)) {
      if (s->id != n.id) others.push_back(s->id);
    }
    if (!others.empty()) {
      Add("criterion-split", n.id, "replaced_by", n.id, Join(others),
          Fmt("{} split: part of it now in {}", n.id, Join(others)));
    }
  }

  // The criteria of the old version that the new one no longer has, in the old order.
  void DiffGone() {
    for (const Criterion& o : o_.criteria) {
      if (n_.FindCriterion(o.id) >= 0) continue;
      std::vector<const Criterion*> succ = Successors(o.id);
      if (succ.empty()) {
        Add("criterion-removed", o.id, "", o.title.fr(), "",
            fmt::format("{} {}", o.id, o.title.fr()));
        continue;
      }
      std::vector<std::string> ids;
      for (const Criterion* s : succ) ids.push_back(s->id);
      if (succ.size() > 1) {
        Add("criterion-split", o.id, "replaced_by", "", Join(ids),
            Fmt("{} (split into {})", o.id, Join(ids)));
        continue;
      }
      std::vector<std::string> others;
      for (const std::string& p : Predecessors(*succ[0])) {
        if (p != o.id) others.push_back(p);
      }
      if (others.empty()) {
        Add("criterion-replaced", o.id, "replaced_by", "", ids[0],
            Fmt("{} (replaced by {})", o.id, ids[0]));
      } else {
        Add("criterion-merged", o.id, "replaced_by", "", ids[0],
            Fmt("{} (merged into {}, with {})", o.id, ids[0], Join(others)));
      }
    }
  }

  void CriterionChanges(const Criterion& o, const Criterion& n) {
    const std::string k = "criterion-changed";
    const std::string& id = n.id;
    TextField(k, id, "title", o.title, n.title, Tr("renamed"));
    {
      std::vector<std::string> langs = ChangedLanguages(o.requirement, n.requirement);
      if (!langs.empty()) {
        bool fr = Normalize(o.requirement.fr()) != Normalize(n.requirement.fr());
        Add(k, id, "requirement", o.requirement.fr(), n.requirement.fr(),
            fr ? Fmt("{} requirement text changed", id)
               : Fmt("{} requirement text ({}) changed", id, Join(langs)));
      }
    }
    std::string oc = ChapterId(o_, o.chapter);
    std::string nc = ChapterId(n_, n.chapter);
    if (oc != nc) {
      Add(k, id, "chapter", oc, nc, Fmt("{} moved from chapter {} to chapter {}", id, oc, nc));
    }
    if (o.weight != n.weight) {
      Add(k, id, "weight", Num(o.weight), Num(n.weight),
          fmt::format("{} weight {} -> {}", id, Num(o.weight), Num(n.weight)));
    }
    auto yes_no = [](bool b) { return std::string(b ? "true" : "false"); };
    if (o.blocking != n.blocking) {
      Add(k, id, "blocking", yes_no(o.blocking), yes_no(n.blocking),
          n.blocking ? Fmt("{} now blocking", id) : Fmt("{} no longer blocking", id));
    }
    if (o.na_allowed != n.na_allowed) {
      Add(k, id, "na_allowed", yes_no(o.na_allowed), yes_no(n.na_allowed),
          n.na_allowed ? Fmt("{} may now be graded not applicable", id)
                       : Fmt("{} may no longer be graded not applicable", id));
    }
    std::string os = ScaleId(o_, o.scale);
    std::string ns = ScaleId(n_, n.scale);
    if (os != ns) Add(k, id, "scale", os, ns, fmt::format("{} scale {} -> {}", id, os, ns));
    std::string oa = ApplicabilityText(o.applies);
    std::string na = ApplicabilityText(n.applies);
    if (oa != na) Add(k, id, "applies_to", oa, na, Fmt("{} applies to: {} -> {}", id, oa, na));
    DiffChecks(o, n);
    std::vector<std::string> oreq = LinkIds(o_, o.prerequisites);
    std::vector<std::string> nreq = LinkIds(n_, n.prerequisites);
    for (const std::string& r : nreq) {
      if (std::find(oreq.begin(), oreq.end(), r) == oreq.end()) {
        Add(k, id, "requires", "", r, Fmt("{} now requires {}", id, r));
      }
    }
    for (const std::string& r : oreq) {
      if (std::find(nreq.begin(), nreq.end(), r) == nreq.end()) {
        Add(k, id, "requires", r, "", Fmt("{} no longer requires {}", id, r));
      }
    }
    std::string orel = Join(LinkIds(o_, o.related));
    std::string nrel = Join(LinkIds(n_, n.related));
    if (orel != nrel) {
      Add(k, id, "related", orel, nrel,
          fmt::format("{} related {} -> {}", id, OrNone(orel), OrNone(nrel)));
    }
    std::string om = MappingsText(o);
    std::string nm = MappingsText(n);
    if (om != nm) Add(k, id, "mappings", om, nm, fmt::format("{} mappings {} -> {}", id, om, nm));
  }

  void DiffChecks(const Criterion& o, const Criterion& n) {
    std::vector<int> match;
    MatchChecks(o.checks, n.checks, &match);
    std::vector<bool> matched(o.checks.size(), false);
    for (size_t i = 0; i < n.checks.size(); ++i) {
      const Check& nc = n.checks[i];
      if (match[i] < 0) {
        Add("criterion-changed", n.id, "checks", "", CheckText(nc),
            Fmt("{} check added: {}", n.id, CheckText(nc)));
        continue;
      }
      const Check& oc = o.checks[static_cast<size_t>(match[i])];
      matched[static_cast<size_t>(match[i])] = true;
      std::vector<std::string> what = CheckPropertyChanges(oc, nc);
      if (what.empty()) continue;
      std::string name = std::string(CheckTypeName(nc.type));
      if (nc.type == CheckType::kIndicator) name += " " + nc.indicator;
      Add("criterion-changed", n.id, "checks", CheckText(oc), CheckText(nc),
          Fmt("{} check {}: {}", n.id, name, Join(what)));
    }
    for (size_t i = 0; i < o.checks.size(); ++i) {
      if (matched[i]) continue;
      Add("criterion-changed", n.id, "checks", CheckText(o.checks[i]), "",
          Fmt("{} check removed: {}", n.id, CheckText(o.checks[i])));
    }
  }

  void DiffScales() {
    std::string od = ScaleId(o_, o_.default_scale);
    std::string nd = ScaleId(n_, n_.default_scale);
    if (od != nd) {
      Add("scale-changed", "", "default_scale", od, nd,
          Fmt("default scale {} -> {}", OrNone(od), OrNone(nd)));
    }
    for (const Scale& n : n_.scales) {
      int oi = o_.FindScale(n.id);
      if (oi < 0) {
        Add("scale-added", n.id, "", "", "", ScaleSummary(n));
        continue;
      }
      const Scale& o = o_.scales[static_cast<size_t>(oi)];
      auto type = [](const Scale& s) {
        return s.type == ScaleType::kGrades ? "grades" : "maturity";
      };
      if (o.type != n.type) {
        Add("scale-changed", n.id, "type", type(o), type(n),
            fmt::format("{} type {} -> {}", n.id, type(o), type(n)));
      }
      TextField("scale-changed", n.id, "title", o.title, n.title, Tr("title"));
      auto pass = [](const Scale& s) {
        return s.type == ScaleType::kMaturity && !s.levels.empty()
                   ? s.levels[static_cast<size_t>(s.pass_from)].code
                   : std::string();
      };
      if (pass(o) != pass(n) && o.type == n.type) {
        Add("scale-changed", n.id, "pass_from", pass(o), pass(n),
            fmt::format("{} pass_from {} -> {}", n.id, OrNone(pass(o)), OrNone(pass(n))));
      }
      DiffGrades(o, n);
      DiffLevels(o, n);
    }
    for (const Scale& o : o_.scales) {
      if (n_.FindScale(o.id) < 0) Add("scale-removed", o.id, "", "", "", ScaleSummary(o));
    }
  }

  void DiffGrades(const Scale& os, const Scale& ns) {
    for (const Grade& n : ns.grades) {
      std::string id = ns.id + "/" + n.code;
      std::string points =
          n.kind == GradeKind::kNotApplicable ? "" : Fmt(", {} points", Num(n.points));
      int oi = os.FindGrade(n.code);
      if (oi < 0) {
        Add("grade-added", id, "", "", n.label.fr(),
            fmt::format("{} {} ({}{})", id, n.label.fr(), GradeKindName(n.kind), points));
        continue;
      }
      const Grade& o = os.grades[static_cast<size_t>(oi)];
      if (o.kind != n.kind) {
        Add("grade-changed", id, "kind", std::string(GradeKindName(o.kind)),
            std::string(GradeKindName(n.kind)),
            fmt::format("{} kind {} -> {}", id, GradeKindName(o.kind), GradeKindName(n.kind)));
      }
      if (o.points != n.points && n.kind != GradeKind::kNotApplicable) {
        Add("grade-changed", id, "points", Num(o.points), Num(n.points),
            fmt::format("{} points {} -> {}", id, Num(o.points), Num(n.points)));
      }
      TextField("grade-changed", id, "label", o.label, n.label, Tr("label"));
    }
    for (const Grade& o : os.grades) {
      if (ns.FindGrade(o.code) >= 0) continue;
      std::string id = ns.id + "/" + o.code;
      Add("grade-removed", id, "", o.label.fr(), "",
          fmt::format("{} {} ({})", id, o.label.fr(), GradeKindName(o.kind)));
    }
  }

  void DiffLevels(const Scale& os, const Scale& ns) {
    for (const Level& n : ns.levels) {
      std::string id = ns.id + "/" + n.code;
      int oi = os.FindLevel(n.code);
      if (oi < 0) {
        Add("level-added", id, "", "", n.label.fr(),
            Fmt("{} {} ({} points)", id, n.label.fr(), Num(n.points)));
        continue;
      }
      const Level& o = os.levels[static_cast<size_t>(oi)];
      if (o.points != n.points) {
        Add("level-changed", id, "points", Num(o.points), Num(n.points),
            fmt::format("{} points {} -> {}", id, Num(o.points), Num(n.points)));
      }
      TextField("level-changed", id, "label", o.label, n.label, Tr("label"));
    }
    for (const Level& o : os.levels) {
      if (ns.FindLevel(o.code) >= 0) continue;
      std::string id = ns.id + "/" + o.code;
      Add("level-removed", id, "", o.label.fr(), "", fmt::format("{} {}", id, o.label.fr()));
    }
  }

  static const Outcome* FindOutcome(const Policy& p, const std::string& id) {
    for (const Outcome& o : p.outcomes) {
      if (o.id == id) return &o;
    }
    return nullptr;
  }

  void DiffPolicy() {
    const Policy& op = o_.policy;
    const Policy& np = n_.policy;
    for (const Outcome& n : np.outcomes) {
      const Outcome* o = FindOutcome(op, n.id);
      std::string when = WhenText(n_, n.when);
      if (!o) {
        Add("outcome-added", n.id, "", "", when,
            Fmt("outcome {} ({}) \"{}\" when {}", n.id, DecisionName(n.decision), n.label.fr(),
                when));
        continue;
      }
      if (o->decision != n.decision) {
        Add("outcome-changed", n.id, "decision", std::string(DecisionName(o->decision)),
            std::string(DecisionName(n.decision)),
            Fmt("outcome {} decision {} -> {}", n.id, DecisionName(o->decision),
                DecisionName(n.decision)));
      }
      if (o->level != n.level) {
        Add("outcome-changed", n.id, "level", o->level, n.level,
            Fmt("outcome {} level {} -> {}", n.id, OrNone(o->level), OrNone(n.level)));
      }
      TextField("outcome-changed", n.id, "label", o->label, n.label, Tr("label"),
                Fmt("outcome {}", n.id));
      if (std::vector<std::string> langs = ChangedLanguages(o->explanation, n.explanation);
          !langs.empty()) {
        bool fr = Normalize(o->explanation.fr()) != Normalize(n.explanation.fr());
        Add("outcome-changed", n.id, "explanation", o->explanation.fr(), n.explanation.fr(),
            Fmt("outcome {} explanation{} changed", n.id, fr ? "" : " (" + Join(langs) + ")"));
      }
      std::string old_when = WhenText(o_, o->when);
      if (old_when != when) {
        Add("outcome-changed", n.id, "when", old_when, when,
            Fmt("outcome {} when {} -> {}", n.id, old_when, when));
      }
    }
    for (const Outcome& o : op.outcomes) {
      if (FindOutcome(np, o.id)) continue;
      Add("outcome-removed", o.id, "", WhenText(o_, o.when), "",
          Fmt("outcome {} ({}) \"{}\"", o.id, DecisionName(o.decision), o.label.fr()));
    }
    // The order of the outcomes both versions have.
    std::vector<std::string> old_order, new_order;
    for (const Outcome& o : op.outcomes) {
      if (FindOutcome(np, o.id)) old_order.push_back(o.id);
    }
    for (const Outcome& n : np.outcomes) {
      if (FindOutcome(op, n.id)) new_order.push_back(n.id);
    }
    if (old_order != new_order) {
      Add("policy-changed", "", "outcomes", Join(old_order), Join(new_order),
          Fmt("outcome order {} -> {}", Join(old_order), Join(new_order)));
    }
    if (op.points_scale != np.points_scale) {
      Add("policy-changed", "", "points_scale", Num(op.points_scale), Num(np.points_scale),
          Fmt("points scale {} -> {}", Num(op.points_scale), Num(np.points_scale)));
    }
    if (op.validity_months != np.validity_months) {
      Add("policy-changed", "", "validity_months", std::to_string(op.validity_months),
          std::to_string(np.validity_months),
          Fmt("validity {} -> {} months", op.validity_months, np.validity_months));
    }
    if (op.surveillance_months != np.surveillance_months) {
      Add("policy-changed", "", "surveillance_months", std::to_string(op.surveillance_months),
          std::to_string(np.surveillance_months),
          Fmt("surveillance every {} -> {} months", op.surveillance_months,
              np.surveillance_months));
    }
    std::set<std::string> codes;
    for (const auto& [code, months] : op.deadlines_months) codes.insert(code);
    for (const auto& [code, months] : np.deadlines_months) codes.insert(code);
    for (const std::string& code : codes) {
      auto a = op.deadlines_months.find(code);
      auto b = np.deadlines_months.find(code);
      std::string x = a == op.deadlines_months.end() ? "" : std::to_string(a->second);
      std::string y = b == np.deadlines_months.end() ? "" : std::to_string(b->second);
      if (x == y) continue;
      Add("policy-changed", code, "deadlines", x, y,
          Fmt("deadline {} {} -> {}", code, x.empty() ? Tr("(none)") : x + Tr(" months"),
              y.empty() ? Tr("(none)") : y + Tr(" months")));
    }
    std::vector<std::string> oe, ne;
    for (const Escalation& e : op.escalations) oe.push_back(EscalationText(e));
    for (const Escalation& e : np.escalations) ne.push_back(EscalationText(e));
    for (const std::string& e : ne) {
      if (std::find(oe.begin(), oe.end(), e) == oe.end()) {
        Add("policy-changed", "", "escalations", "", e, "escalation added: " + e);
      }
    }
    for (const std::string& e : oe) {
      if (std::find(ne.begin(), ne.end(), e) == ne.end()) {
        Add("policy-changed", "", "escalations", e, "", "escalation removed: " + e);
      }
    }
  }

  const Referential& o_;
  const Referential& n_;
  ReferentialDiff diff_;
};

// The section of the text output a change kind belongs to: 0 identity .. 4 policy.
int Section(const std::string& kind) {
  if (kind.starts_with("identity")) return 0;
  if (kind.starts_with("chapter")) return 1;
  if (kind.starts_with("criterion") || kind.starts_with("replaces")) return 2;
  if (kind.starts_with("scale") || kind.starts_with("grade") || kind.starts_with("level")) return 3;
  return 4;
}

char Marker(const Change& c, const Referential& new_ref) {
  if (c.kind.ends_with("-added")) return '+';
  if (c.kind.ends_with("-removed") || c.kind == "criterion-replaced" ||
      c.kind == "criterion-merged") {
    return '-';
  }
  if (c.kind == "criterion-split") return new_ref.FindCriterion(c.id) >= 0 ? '~' : '-';
  if (c.kind == "replaces-unknown") return '!';
  return '~';
}

}  // namespace

std::string ConditionText(const Referential& ref, const Condition& c) {
  auto children = [&](const char* name) {
    std::vector<std::string> parts;
    for (const Condition& child : c.children) parts.push_back(ConditionText(ref, child));
    return fmt::format("{}({})", name, Join(parts, "; "));
  };
  switch (c.op) {
    case Condition::Op::kAll:
      return children("all");
    case Condition::Op::kAny:
      return children("any");
    case Condition::Op::kNot:
      return children("not");
    case Condition::Op::kLeaf:
      break;
  }
  std::vector<std::string> selectors;
  if (!c.grade.empty()) selectors.push_back("grade " + c.grade);
  if (c.kind) selectors.push_back("kind " + std::string(GradeKindName(*c.kind)));
  if (!c.level.empty()) selectors.push_back("level " + c.level);
  if (!c.level_below.empty()) selectors.push_back("level_below " + c.level_below);
  if (c.blocking) selectors.push_back(*c.blocking ? "blocking" : "not blocking");
  if (c.chapter >= 0) selectors.push_back("chapter " + ChapterId(ref, c.chapter));
  if (c.each_chapter) selectors.push_back("each chapter");
  std::string metric(MetricName(c.metric));
  if (!selectors.empty()) metric += "(" + Join(selectors) + ")";
  return metric + " " + Bounds(c.min, c.max);
}

std::string CheckText(const Check& c) {
  switch (c.type) {
    case CheckType::kIndicator:
      return fmt::format("indicator {} {}{}", c.indicator, Bounds(c.min, c.max),
                         c.unit.empty() ? "" : " " + c.unit);
    case CheckType::kEvidence: {
      std::string out = "evidence of " + Join(c.evidence_kinds);
      if (c.min_count != 1) out += fmt::format(": at least {}", c.min_count);
      if (c.max_age_months) {
        out += fmt::format("{} at most {} months old", c.min_count != 1 ? "," : ":",
                           *c.max_age_months);
      }
      return out;
    }
    case CheckType::kSample:
      return fmt::format("sample \"{}\": at least {} items, pass rate >= {}", Normalize(c.sample),
                         c.min_size, Num(c.pass_rate));
  }
  return "?";
}

std::string ApplicabilityText(const Applicability& a) {
  if (a.always()) return "every organisation";
  std::vector<std::string> parts;
  if (!a.kinds.empty()) {
    std::vector<std::string> kinds;
    for (OrgKind k : a.kinds) kinds.emplace_back(OrgKindName(k));
    parts.push_back("kinds " + Join(kinds));
  }
  if (a.headcount.min || a.headcount.max) parts.push_back("headcount " + RangeText(a.headcount));
  if (a.sites.min || a.sites.max) parts.push_back("sites " + RangeText(a.sites));
  return Join(parts, "; ");
}

std::vector<std::string> ReassessReasons(const Referential& old_ref, const Criterion& o,
                                         const Referential& new_ref, const Criterion& n) {
  std::vector<std::string> out;
  if (Normalize(o.requirement.fr()) != Normalize(n.requirement.fr())) out.push_back("requirement");
  const Scale& os = old_ref.scales[static_cast<size_t>(o.scale)];
  const Scale& ns = new_ref.scales[static_cast<size_t>(n.scale)];
  // A grade that the new scale lacks is for the migration to handle, assessment by assessment.
  if (os.id != ns.id || os.type != ns.type) out.push_back("scale");
  std::vector<std::string> oc, nc;
  for (const Check& c : o.checks) oc.push_back(CheckText(c));
  for (const Check& c : n.checks) nc.push_back(CheckText(c));
  if (oc != nc) out.push_back("checks");
  if (ApplicabilityText(o.applies) != ApplicabilityText(n.applies)) out.push_back("applicability");
  return out;
}

ReferentialDiff DiffReferentials(const Referential& old_ref, const Referential& new_ref) {
  return Differ(old_ref, new_ref).Run();
}

std::string DiffToText(const ReferentialDiff& diff, const Referential& old_ref,
                       const Referential& new_ref) {
  const std::string sections[] = {Tr("Identity"), Tr("Chapters"), Tr("Criteria"), Tr("Scales"),
                                  Tr("Decision policy")};
  size_t n = diff.changes.size();
  std::string out =
      fmt::format("{} {} -> {} {}: {}\n", old_ref.id, old_ref.version, new_ref.id, new_ref.version,
                  n == 0                                ? Tr("no changes")
                  : Singular(static_cast<long long>(n)) ? Fmt("{} change", n)
                                                        : Fmt("{} changes", n));
  for (int s = 0; s < 5; ++s) {
    bool header = false;
    for (const Change& c : diff.changes) {
      if (Section(c.kind) != s) continue;
      if (!header) out += sections[s] + "\n";
      header = true;
      out += fmt::format("  {} {}\n", Marker(c, new_ref), c.text);
    }
  }
  return out;
}

std::string DiffToJson(const ReferentialDiff& diff, const Referential& old_ref,
                       const Referential& new_ref) {
  using nlohmann::ordered_json;
  auto str = [](const std::string& s) {
    return s.empty() ? ordered_json(nullptr) : ordered_json(s);
  };
  ordered_json j;
  j["old"] = {{"id", old_ref.id}, {"version", old_ref.version}};
  j["new"] = {{"id", new_ref.id}, {"version", new_ref.version}};
  ordered_json changes = ordered_json::array();
  for (const Change& c : diff.changes) {
    ordered_json x;
    x["kind"] = c.kind;
    x["id"] = str(c.id);
    x["field"] = str(c.field);
    x["old"] = str(c.old_value);
    x["new"] = str(c.new_value);
    x["text"] = c.text;
    changes.push_back(std::move(x));
  }
  j["changes"] = std::move(changes);
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace sceau
