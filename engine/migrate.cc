#include "engine/migrate.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "engine/dossier_loader.h"
#include "engine/referential_diff.h"
#include "engine/wording.h"
#include "engine/yaml_tree.h"

namespace sceau {

namespace {

// ---- Writing YAML ---------------------------------------------------------------------------

bool IsIdText(std::string_view v) {
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (v.empty() || !alnum(v[0])) return false;
  return std::all_of(v.begin(), v.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

// An identifier plain when it reads back as the same string, else quoted.
std::string Scalar(const std::string& s) {
  if (IsIdText(s) && s != "null" && s != "Null" && s != "NULL") return s;
  return YamlQuote(s);
}

std::string Num(double v) { return fmt::format("{}", v); }

std::string Join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string IdList(const std::vector<std::string>& ids) {
  std::vector<std::string> parts;
  for (const std::string& id : ids) parts.push_back(Scalar(id));
  return "[" + Join(parts) + "]";
}

// Appends `text` as comment lines of at most 100 columns, each starting with `prefix`; a line
// break in `text` starts a new line.
void Comment(std::string* out, const std::string& prefix, std::string_view text) {
  const size_t width = prefix.size() < 60 ? 100 - prefix.size() : 40;
  size_t start = 0;
  while (true) {
    size_t end = text.find('\n', start);
    std::string_view para = text.substr(start, end == std::string_view::npos ? end : end - start);
    std::string line;
    size_t pos = 0;
    bool wrote = false;
    while (pos < para.size()) {
      size_t space = para.find(' ', pos);
      std::string_view word =
          para.substr(pos, space == std::string_view::npos ? space : space - pos);
      pos = space == std::string_view::npos ? para.size() : space + 1;
      if (word.empty()) continue;
      if (!line.empty() && line.size() + 1 + word.size() > width) {
        *out += prefix + line + "\n";
        wrote = true;
        line.clear();
      }
      if (!line.empty()) line += ' ';
      line += word;
    }
    if (!line.empty() || !wrote) {
      std::string full = prefix + line;
      while (!full.empty() && full.back() == ' ') full.pop_back();
      *out += full + "\n";
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
}

std::string TextScalar(const Text& t) {
  if (t.by_lang.size() == 1 && t.by_lang.count("fr")) return YamlQuote(t.fr());
  std::vector<std::string> parts;
  for (const auto& [lang, text] : t.by_lang) parts.push_back(lang + ": " + YamlQuote(text));
  return "{" + Join(parts) + "}";
}

// ---- Assessments to write -------------------------------------------------------------------

struct DraftFinding {
  std::string code;  // a grade or level code of the scale the entry is written for; empty: ~
  std::string text;
  std::vector<std::string> evidence;  // evidence ids
  std::string site;
};

// One entry of `assessments`, as it will be written.
struct Draft {
  bool maturity = false;               // `level` rather than `grade`
  std::vector<DraftFinding> findings;  // empty: `grade: ~`, to assess
  std::vector<std::pair<std::string, double>> indicators;
  std::optional<std::vector<SampleItem>> sample;
  std::string na_justification;
  std::string override_justification;
  // Comment lines above the entry; a line starting with two spaces is a detail, indented more.
  std::vector<std::string> comments;
};

void WriteDraft(const Draft& d, const std::string& id, const std::string& indent,
                std::string* out) {
  for (const std::string& c : d.comments) {
    if (c.starts_with("  ")) {
      Comment(out, indent + "#   ", c.substr(2));
    } else {
      Comment(out, indent + "# ", c);
    }
  }
  *out += indent + id + ":\n";
  const std::string in = indent + "  ";
  const std::string key = d.maturity ? "level" : "grade";
  auto code = [](const DraftFinding& f) {
    return f.code.empty() ? std::string("~") : Scalar(f.code);
  };
  if (d.findings.empty()) {
    *out += in + key + ": ~\n";
  } else if (d.findings.size() == 1 && d.findings[0].site.empty()) {
    const DraftFinding& f = d.findings[0];
    *out += in + key + ": " + code(f) + "\n";
    if (!f.text.empty()) *out += in + "finding: " + YamlQuote(f.text) + "\n";
    if (!f.evidence.empty()) *out += in + "evidence: " + IdList(f.evidence) + "\n";
  } else {
    *out += in + "findings:\n";
    for (const DraftFinding& f : d.findings) {
      *out += in + "  - " + key + ": " + code(f) + "\n";
      if (!f.text.empty()) *out += in + "    text: " + YamlQuote(f.text) + "\n";
      if (!f.evidence.empty()) *out += in + "    evidence: " + IdList(f.evidence) + "\n";
      if (!f.site.empty()) *out += in + "    site: " + Scalar(f.site) + "\n";
    }
  }
  if (!d.indicators.empty()) {
    std::vector<std::string> parts;
    for (const auto& [name, value] : d.indicators)
      parts.push_back(Scalar(name) + ": " + Num(value));
    *out += in + "indicators: {" + Join(parts) + "}\n";
  }
  if (d.sample) {
    if (d.sample->empty())
      *out += in + "sample: []\n";
    else
      *out += in + "sample:\n";
    for (const SampleItem& s : *d.sample) {
      *out += in + "  - {id: " + YamlQuote(s.id) + ", pass: " + (s.pass ? "true" : "false");
      if (!s.note.empty()) *out += ", note: " + YamlQuote(s.note);
      *out += "}\n";
    }
  }
  if (!d.na_justification.empty()) {
    *out += in + "na_justification: " + YamlQuote(d.na_justification) + "\n";
  }
  if (!d.override_justification.empty()) {
    *out += in + "override: " + YamlQuote(d.override_justification) + "\n";
  }
}

// The grade or level code of a finding on its criterion's scale.
std::string FindingCode(const Scale& s, const Finding& f) {
  if (f.grade >= 0) return s.grades[static_cast<size_t>(f.grade)].code;
  if (f.level >= 0) return s.levels[static_cast<size_t>(f.level)].code;
  return "";
}

bool FindingIsNa(const Scale& s, const Finding& f) {
  return f.grade >= 0 && s.grades[static_cast<size_t>(f.grade)].kind == GradeKind::kNotApplicable;
}

std::vector<std::string> EvidenceIds(const Dossier& d, const std::vector<int>& evidence) {
  std::vector<std::string> out;
  for (int e : evidence) out.push_back(d.evidence[static_cast<size_t>(e)].id);
  return out;
}

// An assessment of the old dossier written as it was (for the comment block of dropped ones).
Draft DraftAsIs(const Dossier& d, const Referential& ref, const Assessment& a) {
  const Criterion& c = ref.criteria[static_cast<size_t>(a.criterion)];
  const Scale& s = ref.scales[static_cast<size_t>(c.scale)];
  Draft draft;
  draft.maturity = s.type == ScaleType::kMaturity;
  for (const Finding& f : a.findings) {
    draft.findings.push_back(
        DraftFinding{FindingCode(s, f), f.text, EvidenceIds(d, f.evidence), f.site});
  }
  draft.indicators = a.indicators;
  draft.sample = a.sample;
  draft.na_justification = a.na_justification;
  draft.override_justification = a.override_justification;
  return draft;
}

std::string CodesOf(const Scale& s, const Criterion& c) {
  std::vector<std::string> codes;
  for (const Grade& g : s.grades) {
    if (g.kind != GradeKind::kNotApplicable || c.na_allowed) codes.push_back(g.code);
  }
  for (const Level& l : s.levels) codes.push_back(l.code);
  return Join(codes);
}

// What changed in a criterion (referential_diff.h: ReassessReasons), in the reader's language.
std::string ChangedWord(const std::string& field) {
  static constexpr std::string_view kWords[] = {Wording("requirement"), Wording("scale"),
                                                Wording("checks"), Wording("applicability")};
  for (std::string_view w : kWords) {
    if (w == field) return Tr(w);
  }
  return field;
}

// "5 carried, 1 to reassess, 2 merged": the count of each kind of item, in a fixed order.
std::string CountsText(const std::vector<MigrationItem>& items) {
  std::map<std::string, int> counts;
  for (const MigrationItem& i : items) ++counts[i.kind];
  std::vector<std::string> parts;
  auto add = [&](const char* kind, const std::string& text) {
    if (counts[kind] > 0) parts.push_back(text);
  };
  add("carried", Fmt("{} carried", counts["carried"]));
  add("reassess", Fmt("{} to reassess", counts["reassess"]));
  add("moved", Fmt("{} moved", counts["moved"]));
  add("merged", Fmt("{} merged", counts["merged"]));
  add("split", Fmt("{} split", counts["split"]));
  add("dropped", Fmt("{} dropped", counts["dropped"]));
  add("new", Fmt("{} new to assess", counts["new"]));
  return parts.empty() ? Tr("nothing to carry") : Join(parts);
}

// ---- The plan -------------------------------------------------------------------------------

class Migrator {
 public:
  Migrator(const std::string& text, const Dossier& d, const Referential& o, const Referential& n)
      : text_(text), d_(d), o_(o), n_(n) {}

  bool Run(Migration* out, std::string* error) {
    if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) text_.erase(0, 3);
    auto source = std::make_shared<SourceFile>(d_.path, text_);
    DiagnosticSink sink(source);
    if (!ParseYaml(source, YamlLimits{}, &sink, &doc_) || doc_.root() == nullptr ||
        !doc_.root()->is_map()) {
      *error = Fmt("{}: the dossier's text cannot be read again as a YAML map", d_.path);
      return false;
    }
    Link();
    Plan();
    std::string assessments = WriteAssessments();
    std::string dropped = WriteDropped();
    std::string yaml;
    if (!Assemble(true, assessments, dropped, &yaml) || !Parses(yaml)) {
      Assemble(false, assessments, dropped, &yaml);
    }
    if (!Parses(yaml)) {
      *error = "internal error: the migrated dossier is not valid YAML";
      return false;
    }
    out->dossier_yaml = std::move(yaml);
    out->items = std::move(items_);
    // The new dossier, checked against the new referential.
    std::shared_ptr<const Referential> ref(std::shared_ptr<const Referential>(), &n_);
    std::string name = MigratedDossierPath(d_.path.empty() ? "dossier.yaml" : d_.path, n_.version);
    DossierLoad load = LoadDossierFromString(name, out->dossier_yaml, FixedReferential(ref));
    out->diagnostics = std::move(load.diagnostics);
    return true;
  }

 private:
  // Fills preds_ and succ_ from the `replaces` links.
  void Link() {
    preds_.assign(n_.criteria.size(), {});
    succ_.assign(o_.criteria.size(), {});
    for (size_t n = 0; n < n_.criteria.size(); ++n) {
      const Criterion& c = n_.criteria[n];
      std::set<int> p;
      if (int o = o_.FindCriterion(c.id); o >= 0) p.insert(o);
      for (const std::string& r : c.replaces) {
        if (int o = o_.FindCriterion(r); o >= 0) p.insert(o);
      }
      preds_[n].assign(p.begin(), p.end());
      for (int o : p) succ_[static_cast<size_t>(o)].push_back(static_cast<int>(n));
    }
  }

  const Criterion& OldC(int o) const { return o_.criteria[static_cast<size_t>(o)]; }
  const Criterion& NewC(int n) const { return n_.criteria[static_cast<size_t>(n)]; }
  const Scale& OldScale(int o) const { return o_.scales[static_cast<size_t>(OldC(o).scale)]; }
  const Scale& NewScale(int n) const { return n_.scales[static_cast<size_t>(NewC(n).scale)]; }
  const Assessment* AssessmentOf(int o) const {
    if (static_cast<size_t>(o) >= d_.assessment_of.size()) return nullptr;
    int a = d_.assessment_of[static_cast<size_t>(o)];
    return a < 0 ? nullptr : &d_.assessments[static_cast<size_t>(a)];
  }
  bool NewApplies(int n, std::string* reason) const {
    std::string ignored;
    return Applies(NewC(n), d_.organisation, reason ? reason : &ignored);
  }

  void Plan() {
    // Where each assessed old criterion goes: its successors that apply to the organisation.
    std::vector<std::vector<int>> sources(n_.criteria.size());
    for (size_t o = 0; o < o_.criteria.size(); ++o) {
      if (!AssessmentOf(static_cast<int>(o))) continue;
      for (int n : succ_[o]) {
        if (NewApplies(n, nullptr)) sources[static_cast<size_t>(n)].push_back(static_cast<int>(o));
      }
    }
    drafts_.assign(n_.criteria.size(), std::nullopt);
    for (size_t n = 0; n < n_.criteria.size(); ++n) {
      if (!NewApplies(static_cast<int>(n), nullptr)) continue;
      if (sources[n].empty()) {
        PlanNew(static_cast<int>(n));
      } else {
        PlanCarried(static_cast<int>(n), sources[n]);
      }
    }
    // Assessed old criteria that go nowhere.
    for (size_t o = 0; o < o_.criteria.size(); ++o) {
      const Assessment* a = AssessmentOf(static_cast<int>(o));
      if (!a) continue;
      const std::vector<int>& succ = succ_[o];
      bool goes =
          std::any_of(succ.begin(), succ.end(), [&](int n) { return NewApplies(n, nullptr); });
      if (goes) continue;
      const Criterion& c = OldC(static_cast<int>(o));
      std::string reason;
      std::string new_id;
      if (succ.empty()) {
        reason = Fmt("not in {}, and no criterion replaces it", n_.version);
      } else {
        std::vector<std::string> why;
        for (int n : succ) {
          std::string r;
          NewApplies(n, &r);
          why.push_back(fmt::format("{} {}", NewC(n).id, r));
        }
        new_id = NewC(succ[0]).id;
        reason = Fmt("taken over by what does not apply to the organisation: {}", Join(why, "; "));
      }
      items_.push_back(MigrationItem{"dropped", c.id, new_id, reason, false});
      dropped_.push_back({static_cast<int>(o), reason});
    }
    // Assessments the loader ignored (their criterion did not apply to the organisation).
    const YamlNode* assessments = doc_.root()->Get("assessments");
    if (assessments && assessments->is_map()) {
      for (const auto& [key, value] : assessments->pairs) {
        int o = o_.FindCriterion(key->value);
        if (o < 0 || AssessmentOf(o)) continue;
        std::string reason =
            Fmt("did not apply to the organisation in {}: its assessment "
                "was ignored and is not carried",
                o_.version);
        items_.push_back(MigrationItem{"dropped", key->value, "", reason, false});
        ignored_.push_back(key->value);
      }
    }
  }

  void PlanNew(int n) {
    const Criterion& c = NewC(n);
    std::vector<std::string> prev;
    for (int o : preds_[static_cast<size_t>(n)]) prev.push_back(OldC(o).id);
    std::string reason = prev.empty()
                             ? Fmt("new in {}", n_.version)
                             : Fmt("takes over {}, which this dossier did not assess", Join(prev));
    items_.push_back(MigrationItem{"new", "", c.id, reason, true});
    Draft d;
    d.maturity = NewScale(n).type == ScaleType::kMaturity;
    d.comments.push_back(Fmt("to assess: {} ({})", c.title.fr(), reason));
    d.comments.push_back(Fmt("  requirement: {}", c.requirement.fr()));
    drafts_[static_cast<size_t>(n)] = std::move(d);
  }

  // Carries the assessments of old criteria `sources` (assessed, in the old order) to new `n`.
  void PlanCarried(int n, const std::vector<int>& sources) {
    const Criterion& nc = NewC(n);
    const Scale& ns = NewScale(n);
    const bool multi = sources.size() > 1;
    const bool merged = preds_[static_cast<size_t>(n)].size() > 1;
    Draft d;
    d.maturity = ns.type == ScaleType::kMaturity;
    std::vector<std::string> heads;    // first comment line, one part per kind of change
    std::vector<std::string> details;  // detail lines
    bool flagged = false;
    size_t first_item = items_.size();

    // The items, one per source.
    for (int o : sources) {
      const Criterion& oc = OldC(o);
      const std::vector<int>& succ = succ_[static_cast<size_t>(o)];
      MigrationItem item;
      item.old_id = oc.id;
      item.new_id = nc.id;
      if (succ.size() > 1) {
        std::vector<std::string> ids;
        for (int s : succ) ids.push_back(NewC(s).id);
        std::vector<std::string> others;
        for (int s : succ) {
          if (s != n) others.push_back(NewC(s).id);
        }
        item.kind = "split";
        item.reason = Fmt("split into {}", Join(ids));
        item.reassess = true;
        heads.push_back(Fmt("split from {} (also carried to {}): keep what concerns {}", oc.id,
                            Join(others), nc.id));
      } else if (merged) {
        std::vector<std::string> others;
        for (int p : preds_[static_cast<size_t>(n)]) {
          if (p != o) others.push_back(OldC(p).id);
        }
        item.kind = "merged";
        item.reason = Fmt("merged with {} into {}", Join(others), nc.id);
        item.reassess = true;
      } else {
        std::vector<std::string> why = ReassessReasons(o_, oc, n_, nc);
        std::vector<std::string> why_words;
        for (const std::string& w : why) why_words.push_back(ChangedWord(w));
        std::string changed = why.empty() ? "" : Fmt("{} changed", Join(why_words));
        if (oc.id != nc.id) {
          item.kind = "moved";
          item.reason = Fmt("replaced by {}", nc.id) + (why.empty() ? "" : "; " + changed);
          item.reassess = !why.empty();
          heads.push_back(Fmt("{}was {} in {}{}", why.empty() ? Tr("moved: ") : "", oc.id,
                              o_.version, why.empty() ? "" : "; " + changed));
        } else {
          item.kind = why.empty() ? "carried" : "reassess";
          item.reason = why.empty() ? Tr("unchanged") : changed;
          item.reassess = !why.empty();
          if (!why.empty()) heads.push_back(Fmt("{} in {}", changed, n_.version));
        }
        Details(oc, nc, why, &details);
      }
      flagged = flagged || item.reassess;
      items_.push_back(std::move(item));
    }
    if (merged) {
      std::vector<std::string> parts;
      for (int p : preds_[static_cast<size_t>(n)]) {
        const Assessment* a = AssessmentOf(p);
        std::vector<std::string> codes;
        if (a) {
          for (const Finding& f : a->findings) codes.push_back(FindingCode(OldScale(p), f));
        }
        parts.push_back(fmt::format("{} ({})", OldC(p).id, a ? Join(codes) : Tr("not assessed")));
      }
      heads.insert(heads.begin(), Fmt("merged from {}: review the findings against the "
                                      "new requirement",
                                      Join(parts)));
    }

    // The findings, mapped onto the new scale.
    struct Mapped {
      DraftFinding f;
      std::string old_code;
      std::string from;  // old criterion id
      bool was_na = false;
    };
    std::vector<Mapped> all;
    for (int o : sources) {
      const Assessment& a = *AssessmentOf(o);
      const Scale& os = OldScale(o);
      for (const Finding& f : a.findings) {
        Mapped m;
        m.old_code = FindingCode(os, f);
        m.from = OldC(o).id;
        m.was_na = FindingIsNa(os, f);
        m.f.text = f.text;
        m.f.evidence = EvidenceIds(d_, f.evidence);
        m.f.site = f.site;
        bool was_level = f.level >= 0;
        if (ns.type == ScaleType::kGrades && !was_level) {
          int g = ns.FindGrade(m.old_code);
          if (g >= 0 && (ns.grades[static_cast<size_t>(g)].kind != GradeKind::kNotApplicable ||
                         nc.na_allowed)) {
            m.f.code = m.old_code;
          }
        } else if (ns.type == ScaleType::kMaturity && was_level && ns.FindLevel(m.old_code) >= 0) {
          m.f.code = m.old_code;
        }
        if (multi && !m.f.text.empty()) m.f.text = "[" + m.from + "] " + m.f.text;
        all.push_back(std::move(m));
      }
    }
    // Not applicable: one source NA, or all of them; an NA among other findings is left out.
    std::vector<std::string> na_texts;
    for (int o : sources) {
      const Assessment& a = *AssessmentOf(o);
      if (!a.na_justification.empty()) {
        na_texts.push_back(multi ? "[" + OldC(o).id + "] " + a.na_justification
                                 : a.na_justification);
      }
    }
    bool all_na = std::all_of(all.begin(), all.end(), [](const Mapped& m) { return m.was_na; });
    if (multi && !all_na) {
      std::vector<Mapped> kept;
      for (Mapped& m : all) {
        if (!m.was_na) {
          kept.push_back(std::move(m));
          continue;
        }
        const Assessment& a = *AssessmentOf(o_.FindCriterion(m.from));
        details.push_back(
            Fmt("  {} was graded {} (not applicable: {}): left out of the "
                "merged findings",
                m.from, m.old_code, a.na_justification));
      }
      all = std::move(kept);
      na_texts.clear();
    }
    if (multi && all_na && all.size() > 1) all.erase(all.begin() + 1, all.end());  // one NA for all
    // A finding that cannot be carried: the whole entry becomes `~`, the old values in comments.
    bool unmapped = false;
    for (const Mapped& m : all) {
      if (!m.f.code.empty()) continue;
      unmapped = true;
      if (m.was_na && ns.type == ScaleType::kGrades && ns.FindGrade(m.old_code) >= 0) {
        details.push_back(
            Fmt("  {} was graded {} ({}), but {} may not be graded not "
                "applicable: grade it",
                m.from, m.old_code, Join(na_texts, " / "), nc.id));
      } else {
        details.push_back(
            Fmt("  {} was graded {}, which is not on scale {} of {} ({}): "
                "grade it again",
                m.from, m.old_code, ns.id, nc.id, CodesOf(ns, nc)));
      }
    }
    if (d.maturity && all.size() > 1 && !unmapped) {
      // One level only on a maturity scale: the lowest one, the texts and evidence together.
      size_t low = 0;
      for (size_t i = 1; i < all.size(); ++i) {
        if (ns.FindLevel(all[i].f.code) < ns.FindLevel(all[low].f.code)) low = i;
      }
      DraftFinding one{all[low].f.code, "", {}, ""};
      Combine(all, &one);
      d.findings.push_back(std::move(one));
      details.push_back(Fmt("  level {}: the lowest of the merged levels", all[low].f.code));
    } else if (unmapped) {
      DraftFinding one;
      Combine(all, &one);
      d.findings.push_back(std::move(one));
      na_texts.clear();  // in the comment already, when it was NA
      for (size_t i = first_item; i < items_.size(); ++i) {
        MigrationItem& item = items_[i];
        bool unchanged = item.kind == "carried";  // its reason says only that
        if (item.kind == "carried") item.kind = "reassess";
        item.reassess = true;
        std::string what = Tr("grade not carried: to grade again");
        item.reason = unchanged ? what : item.reason + "; " + what;
      }
      flagged = true;
      heads.push_back(Tr("grade not carried"));
    } else {
      for (Mapped& m : all) d.findings.push_back(std::move(m.f));
    }
    if (!d.findings.empty() && !d.findings[0].code.empty() && ns.type == ScaleType::kGrades &&
        ns.grades[static_cast<size_t>(ns.FindGrade(d.findings[0].code))].kind ==
            GradeKind::kNotApplicable) {
      d.na_justification = Join(na_texts, " / ");
    } else if (!na_texts.empty()) {
      details.push_back(Fmt("  na_justification was: {}", Join(na_texts, " / ")));
    }
    // Indicators the new criterion checks; the others in the comment.
    std::set<std::string> known;
    for (const Check& c : nc.checks) {
      if (c.type == CheckType::kIndicator) known.insert(c.indicator);
    }
    for (int o : sources) {
      const Assessment& a = *AssessmentOf(o);
      for (const auto& [name, value] : a.indicators) {
        auto same = [&name = name](const auto& p) { return p.first == name; };
        auto it = std::find_if(d.indicators.begin(), d.indicators.end(), same);
        if (!known.count(name)) {
          details.push_back(Fmt("  indicator {} = {} ({}) not carried: {} has no check on it", name,
                                Num(value), OldC(o).id, nc.id));
        } else if (it != d.indicators.end()) {
          if (it->second != value) {
            details.push_back(Fmt("  indicator {} = {} ({}) not carried: {} kept", name, Num(value),
                                  OldC(o).id, Num(it->second)));
          }
        } else {
          d.indicators.emplace_back(name, value);
        }
      }
    }
    // Samples put together; an item id given twice is kept once.
    for (int o : sources) {
      const Assessment& a = *AssessmentOf(o);
      if (!a.sample) continue;
      if (!d.sample) d.sample.emplace();
      for (const SampleItem& s : *a.sample) {
        bool seen = std::any_of(d.sample->begin(), d.sample->end(),
                                [&](const SampleItem& x) { return x.id == s.id; });
        if (seen) {
          details.push_back(
              Fmt("  sample item {} of {} given twice: the first kept", s.id, OldC(o).id));
        } else {
          d.sample->push_back(s);
        }
      }
    }
    std::vector<std::string> overrides;
    for (int o : sources) {
      const Assessment& a = *AssessmentOf(o);
      if (a.override_justification.empty()) continue;
      overrides.push_back(multi ? "[" + OldC(o).id + "] " + a.override_justification
                                : a.override_justification);
    }
    d.override_justification = Join(overrides, " / ");

    if (!heads.empty()) {
      d.comments.push_back((flagged ? Tr("reassess: ") : "") + Join(heads, "; "));
    } else if (!details.empty()) {
      d.comments.push_back(Fmt("note: carried from {}", o_.version));
    }
    for (std::string& line : details) d.comments.push_back(std::move(line));
    drafts_[static_cast<size_t>(n)] = std::move(d);
  }

  // The texts (" / "-joined) and evidence (each once) of `all` into `one`.
  template <typename M>
  static void Combine(const std::vector<M>& all, DraftFinding* one) {
    std::vector<std::string> texts;
    for (const M& m : all) {
      if (!m.f.text.empty()) texts.push_back(m.f.text);
      for (const std::string& e : m.f.evidence) {
        if (std::find(one->evidence.begin(), one->evidence.end(), e) == one->evidence.end()) {
          one->evidence.push_back(e);
        }
      }
    }
    one->text = Join(texts, " / ");
  }

  // Detail comment lines on what changed in a carried criterion.
  void Details(const Criterion& oc, const Criterion& nc, const std::vector<std::string>& why,
               std::vector<std::string>* out) const {
    for (const std::string& w : why) {
      if (w == "requirement") {
        out->push_back(Fmt("  requirement was: {}", oc.requirement.fr()));
      } else if (w == "checks") {
        std::vector<std::string> a, b;
        for (const Check& c : oc.checks) a.push_back(CheckText(c));
        for (const Check& c : nc.checks) b.push_back(CheckText(c));
        out->push_back(Fmt("  checks were: {}; now: {}", a.empty() ? Tr("none") : Join(a, "; "),
                           b.empty() ? Tr("none") : Join(b, "; ")));
      } else if (w == "scale") {
        const Scale& os = o_.scales[static_cast<size_t>(oc.scale)];
        const Scale& ns = n_.scales[static_cast<size_t>(nc.scale)];
        out->push_back(Fmt("  scale was {} ({}); now {} ({})", os.id, CodesOf(os, oc), ns.id,
                           CodesOf(ns, nc)));
      } else if (w == "applicability") {
        out->push_back(Fmt("  applied to: {}; now: {}", ApplicabilityText(oc.applies),
                           ApplicabilityText(nc.applies)));
      }
    }
  }

  std::string WriteAssessments() const {
    std::string out = "assessments:\n";
    // A blank line sets apart each entry with comments.
    bool any = false;
    bool previous_commented = false;
    for (size_t n = 0; n < n_.criteria.size(); ++n) {
      if (!drafts_[n]) continue;
      bool commented = !drafts_[n]->comments.empty();
      if (any && (commented || previous_commented)) out += "\n";
      WriteDraft(*drafts_[n], n_.criteria[n].id, "  ", &out);
      any = true;
      previous_commented = commented;
    }
    if (!any) return "assessments: {}\n";
    return out;
  }

  std::string WriteDropped() const {
    if (dropped_.empty() && ignored_.empty()) return "";
    std::string out = "\n";
    out += Fmt("# ---- Not carried to {} {} ----\n", n_.id, n_.version);
    Comment(&out, "# ",
            Fmt("sceau migrate kept these assessments of {} here, as comments, "
                "for the record: no criterion of {} that applies to the "
                "organisation takes them over. They are not part of the "
                "dossier.",
                o_.version, n_.version));
    for (const auto& [o, reason] : dropped_) {
      const Criterion& c = OldC(o);
      out += "#\n";
      Comment(&out, "# ", fmt::format("{} {}: {}", c.id, c.title.fr(), reason));
      std::string yaml;
      WriteDraft(DraftAsIs(d_, o_, *AssessmentOf(o)), c.id, "", &yaml);
      size_t start = 0;
      while (start < yaml.size()) {
        size_t end = yaml.find('\n', start);
        out += "# " + yaml.substr(start, end - start) + "\n";
        start = end + 1;
      }
    }
    for (const std::string& id : ignored_) {
      out += "#\n";
      Comment(&out, "# ",
              Fmt("{}: did not apply to the organisation in {}; its assessment "
                  "was ignored",
                  id, o_.version));
    }
    return out;
  }

  std::string ReferentialLine() const {
    return fmt::format("referential: {{id: {}, version: {}}}\n", Scalar(n_.id),
                       YamlQuote(n_.version));
  }

  std::string Header() const {
    std::string out;
    Comment(&out, "# ",
            Fmt("Migrated by sceau migrate from {} {} to {} {}: {}. Review each "
                "\"# reassess:\" comment and fill in each \"~\" before the "
                "audit.",
                o_.id, o_.version, n_.id, n_.version, CountsText(items_)));
    return out;
  }

  // Lines of `text`, each with its end of line.
  static std::vector<std::string_view> Lines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      end = end == std::string_view::npos ? text.size() : end + 1;
      lines.push_back(text.substr(start, end - start));
      start = end;
    }
    return lines;
  }

  static bool IsBlankOrComment(std::string_view line) {
    size_t i = line.find_first_not_of(" \t\r\n");
    return i == std::string_view::npos || line[i] == '#';
  }

  static std::string EndLine(std::string s) {
    if (!s.empty() && s.back() != '\n') s += '\n';
    return s;
  }

  // The new dossier. `verbatim`: copy the original's sections as written, when the top level is a
  // block map; returns false when it is not. Otherwise the sections are written from the model.
  bool Assemble(bool verbatim, const std::string& assessments, const std::string& dropped,
                std::string* out) const {
    std::vector<std::string_view> lines = Lines(text_);
    const YamlNode* root = doc_.root();
    std::string preamble;
    if (verbatim) {
      int previous = 0;
      for (const auto& [key, value] : root->pairs) {
        if (key->where.column != 1 || key->where.line <= previous) return false;
        previous = key->where.line;
      }
      if (root->pairs.empty()) return false;
      for (int i = 0; i + 1 < root->pairs.front().first->where.line; ++i) {
        preamble += std::string(lines[static_cast<size_t>(i)]);
      }
    } else {
      for (std::string_view line : lines) {
        if (!IsBlankOrComment(line)) break;
        preamble += std::string(line);
      }
    }
    std::string yaml = EndLine(preamble) + Header();
    if (!verbatim) {
      yaml += "format: 1\n" + ReferentialLine() + "\n" + WriteOrganisation() + "\n" + WriteAudit() +
              "\n" + WriteEvidence() + "\n" + assessments + dropped;
      *out = std::move(yaml);
      return true;
    }
    for (size_t k = 0; k < root->pairs.size(); ++k) {
      const YamlNode* key = root->pairs[k].first;
      size_t begin = static_cast<size_t>(key->where.line - 1);
      size_t end = k + 1 < root->pairs.size()
                       ? static_cast<size_t>(root->pairs[k + 1].first->where.line - 1)
                       : lines.size();
      std::vector<std::string_view> span(
          lines.begin() + static_cast<long>(begin),
          lines.begin() + static_cast<long>(std::min(end, lines.size())));
      if (key->value == "assessments" || key->value == "referential") {
        yaml += key->value == "assessments" ? assessments : ReferentialLine();
        // The comments after the section, at the margin, belong to the next one: kept, with the
        // blank lines before them (at the end of the file, only those before a comment).
        size_t last = span.size();
        while (last > 0 && IsBlankOrComment(span[last - 1])) --last;
        std::string blanks;
        for (size_t i = last; i < span.size(); ++i) {
          if (span[i].starts_with("#")) {
            yaml += blanks + EndLine(std::string(span[i]));
            blanks.clear();
          } else if (span[i].find('#') == std::string_view::npos) {
            blanks += "\n";
          }
        }
        if (k + 1 < root->pairs.size()) yaml += blanks;
        continue;
      }
      for (std::string_view line : span) {
        std::string_view bare = line.substr(0, line.find_last_not_of("\r\n") + 1);
        if (bare == "..." || bare == "---" || bare.starts_with("... ") ||
            bare.starts_with("--- ")) {
          continue;
        }
        yaml += EndLine(std::string(line));
      }
    }
    *out = yaml + dropped;
    return true;
  }

  bool Parses(const std::string& yaml) const {
    auto source = std::make_shared<SourceFile>("migrated", yaml);
    DiagnosticSink sink(source);
    YamlDocument doc;
    return ParseYaml(source, YamlLimits{}, &sink, &doc) && !sink.has_errors() && doc.root() &&
           doc.root()->is_map();
  }

  // ---- Sections from the model, when the original cannot be copied -------------------------
  std::string WriteOrganisation() const {
    const Organisation& o = d_.organisation;
    std::string out = "organisation:\n";
    out += "  name: " + YamlQuote(o.name) + "\n";
    if (!o.siret.empty()) out += "  siret: " + YamlQuote(o.siret) + "\n";
    out += fmt::format("  kind: {}\n", OrgKindName(o.kind));
    if (!o.region.empty()) out += "  region: " + YamlQuote(o.region) + "\n";
    out += fmt::format("  headcount: {{permanent: {}, pathway: {}}}\n", o.permanent, o.pathway);
    out += "  sites:\n";
    for (const Site& s : o.sites) {
      out += "    - {id: " + Scalar(s.id) + ", name: " + YamlQuote(s.name);
      if (!s.address.empty()) out += ", address: " + YamlQuote(s.address);
      out += "}\n";
    }
    return out;
  }

  std::string WriteAudit() const {
    const AuditInfo& a = d_.audit;
    std::string out = "audit:\n";
    out += "  id: " + Scalar(a.id) + "\n";
    out += fmt::format("  kind: {}\n", AuditKindName(a.kind));
    out += fmt::format("  start: {}\n  end: {}\n  decision_date: {}\n", a.start.ToString(),
                       a.end.ToString(), a.decision_date.ToString());
    out += "  sites_visited: " + IdList(a.sites_visited) + "\n";
    out += "  lead_auditor: " + YamlQuote(a.lead_auditor) + "\n";
    if (!a.lead_auditor_id.empty())
      out += "  lead_auditor_id: " + YamlQuote(a.lead_auditor_id) + "\n";
    auto quoted = [](const std::vector<std::string>& items) {
      std::vector<std::string> parts;
      for (const std::string& n : items) parts.push_back(YamlQuote(n));
      return "[" + Join(parts) + "]";
    };
    if (!a.auditors.empty()) out += "  auditors: " + quoted(a.auditors) + "\n";
    if (!a.auditor_ids.empty()) out += "  auditor_ids: " + quoted(a.auditor_ids) + "\n";
    if (!a.decision_maker.empty()) out += "  decision_maker: " + YamlQuote(a.decision_maker) + "\n";
    if (!a.decision_maker_id.empty())
      out += "  decision_maker_id: " + YamlQuote(a.decision_maker_id) + "\n";
    if (!a.scope.empty()) out += "  scope: " + TextScalar(a.scope) + "\n";
    if (!a.objectives.empty()) out += "  objectives: " + TextScalar(a.objectives) + "\n";
    return out;
  }

  std::string WriteEvidence() const {
    if (d_.evidence.empty()) return "evidence: []\n";
    std::string out = "evidence:\n";
    for (const Evidence& e : d_.evidence) {
      out += "  - {id: " + Scalar(e.id) + ", kind: " + Scalar(e.kind) +
             ", title: " + YamlQuote(e.title);
      if (e.date) out += ", date: " + e.date->ToString();
      if (!e.file.empty()) out += ", file: " + YamlQuote(e.file);
      if (!e.sha256.empty()) out += ", sha256: " + YamlQuote(e.sha256);
      out += "}\n";
    }
    return out;
  }

  std::string text_;
  const Dossier& d_;
  const Referential& o_;
  const Referential& n_;
  YamlDocument doc_;
  std::vector<std::vector<int>> preds_;       // new criterion -> old criteria it takes over
  std::vector<std::vector<int>> succ_;        // old criterion -> new criteria that take it over
  std::vector<std::optional<Draft>> drafts_;  // by new criterion; none: no entry
  std::vector<MigrationItem> items_;
  std::vector<std::pair<int, std::string>> dropped_;  // old criterion, reason
  std::vector<std::string> ignored_;  // ids the old dossier assessed but the loader ignored
};

}  // namespace

bool MigrateDossier(const std::string& dossier_text, const Dossier& dossier,
                    const Referential& old_ref, const Referential& new_ref, Migration* out,
                    std::string* error) {
  if (dossier.referential_id != old_ref.id || dossier.referential_version != old_ref.version) {
    *error = Fmt("the dossier is for referential '{}' version '{}', not '{}' version '{}'",
                 dossier.referential_id, dossier.referential_version, old_ref.id, old_ref.version);
    return false;
  }
  if (new_ref.id != old_ref.id) {
    *error =
        Fmt("'{}' is another referential than '{}': a dossier is migrated between "
            "versions of one referential",
            new_ref.id, old_ref.id);
    return false;
  }
  if (new_ref.supersedes != old_ref.version) {
    *error = new_ref.supersedes.empty()
                 ? Fmt("'{}' version '{}' supersedes no version: it cannot take over a "
                       "dossier for version '{}'",
                       new_ref.id, new_ref.version, old_ref.version)
                 : Fmt("'{}' version '{}' supersedes version '{}', not '{}': migrate "
                       "version by version",
                       new_ref.id, new_ref.version, new_ref.supersedes, old_ref.version);
    return false;
  }
  if (dossier.assessment_of.size() != old_ref.criteria.size()) {
    *error = Tr("the dossier was not loaded against this version of the referential");
    return false;
  }
  Migration result;
  if (!Migrator(dossier_text, dossier, old_ref, new_ref).Run(&result, error)) return false;
  *out = std::move(result);
  return true;
}

namespace {

// What happened to an item, as the report's first column says it.
std::string KindWord(const std::string& kind) {
  static constexpr std::string_view kWords[] = {
      Wording("carried"), Wording("reassess"), Wording("moved"), Wording("merged"),
      Wording("split"),   Wording("dropped"),  Wording("new")};
  for (std::string_view w : kWords) {
    if (w == kind) return Tr(w);
  }
  return kind;
}

}  // namespace

std::string MigrationReportText(const Migration& m, const Referential& old_ref,
                                const Referential& new_ref) {
  std::string out =
      Fmt("{} {} -> {}: {}\n", old_ref.id, old_ref.version, new_ref.version, CountsText(m.items));
  std::vector<std::string> carried;
  for (const MigrationItem& i : m.items) {
    if (i.kind == "carried") {
      carried.push_back(i.old_id);
      continue;
    }
    std::string what;
    if (i.old_id.empty()) {
      what = i.new_id;
    } else if (i.new_id.empty() || i.kind == "dropped") {
      what = i.old_id;
    } else {
      what = i.old_id == i.new_id ? i.old_id : i.old_id + " -> " + i.new_id;
    }
    out += fmt::format("  {:<9} {}: {}\n", KindWord(i.kind), what, i.reason);
  }
  if (!carried.empty()) out += fmt::format("  {:<9} {}\n", KindWord("carried"), Join(carried));
  return out;
}

std::string MigratedDossierPath(const std::string& dossier_path, const std::string& new_version) {
  std::filesystem::path p(dossier_path);
  std::string version = new_version;
  for (char& c : version) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) c = '-';
  }
  std::string ext = p.extension().string();
  if (ext.empty()) ext = ".yaml";
  return (p.parent_path() / (p.stem().string() + "-" + version + ext)).string();
}

}  // namespace sceau
