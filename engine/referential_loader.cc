#include "engine/referential_loader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/criteria_graph.h"
#include "engine/policy_check.h"
#include "engine/referential_library.h"
#include "engine/sha256.h"
#include "engine/yaml_reader.h"

namespace sceau {

int ReferentialLoad::errors() const {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                        [](const Diagnostic& d) {
                                          return d.severity == Severity::kError;
                                        }));
}

int ReferentialLoad::warnings() const {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                        [](const Diagnostic& d) {
                                          return d.severity == Severity::kWarning;
                                        }));
}

bool ReadFileText(const std::string& path, size_t max_bytes, std::string* text, Diagnostic* error) {
  error->severity = Severity::kError;
  error->file = path;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    error->code = "io-error";
    error->message = fmt::format("cannot read file: {}", std::strerror(errno));
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    error->code = "io-error";
    error->message = "is a directory, not a file";
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error->code = "io-error";
    error->message = "is not a regular file";
    return false;
  }
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    error->code = "file-too-large";
    error->message = fmt::format("file is {} bytes, over the limit of {} bytes",
                                 static_cast<long long>(st.st_size), max_bytes);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error->code = "io-error";
    error->message = fmt::format("cannot open file: {}", std::strerror(errno));
    return false;
  }
  // Straight into a string of the size stat gave: a stream buffer would grow by doubling and keep
  // up to twice the text (a 650 KiB result held 1 MiB through `sceau report`). A file that grew
  // since is read to its end all the same, and checked against the limit below.
  std::string content(static_cast<size_t>(st.st_size), '\0');
  size_t size = 0;
  while (in) {
    if (size == content.size()) {
      if (in.peek() == std::char_traits<char>::eof() || size > max_bytes) break;
      content.resize(size + size / 2 + 4096);
    }
    in.read(content.data() + size, static_cast<std::streamsize>(content.size() - size));
    size += static_cast<size_t>(in.gcount());
  }
  if (in.bad()) {
    error->code = "io-error";
    error->message = "read error";
    return false;
  }
  content.resize(size);
  *text = std::move(content);
  if (text->size() > max_bytes) {
    error->code = "file-too-large";
    error->message = fmt::format("file is over the limit of {} bytes", max_bytes);
    return false;
  }
  return true;
}

namespace {

std::vector<std::string> GradeKindNames() {
  return {"strength", "conforming", "opportunity", "observation",
          "minor-nc", "major-nc",   "not-applicable"};
}

std::vector<std::string> OrgKindNames() { return {"ACI", "AI", "EI", "ETTI", "GES", "EBE", "other"}; }

class ReferentialParser {
 public:
  ReferentialParser(DiagnosticSink* sink, Referential* ref) : r_(sink), sink_(*sink), ref_(*ref) {}

  // Parses `root`. When the file extends another referential, `base` is that referential, already
  // loaded and valid.
  void Parse(const YamlNode* root, const Referential* base = nullptr) {
    if (root == nullptr) {
      sink_.Error("empty-file", SourceLocation{1, 1, 1},
                  "the file is empty: a referential starts with 'id', 'version' and 'title'");
      return;
    }
    if (!root->is_map()) {
      sink_.Error("wrong-type", root->where,
                  fmt::format("a referential must be a map of keys (id, version, title, ...), "
                              "not {}",
                              DescribeNode(root)));
      return;
    }
    Fields f(&r_, root, "the referential");
    ParseIdentity(f);
    const YamlNode* ext = f.Optional("extends");  // resolved by the caller into `base`
    if (ext && base) {
      ParseExtending(f, root, *base, ext->where);
    } else if (ext) {
      // The base could not be loaded (reported by the caller): still check this file's own parts.
      f.Optional("scales");
      f.Optional("default_scale");
      f.Optional("evidence_kinds");
      f.Optional("frameworks");
      f.Optional("chapters");
      f.Optional("criteria");
      f.Optional("replace");
      f.Optional("remove");
      f.Optional("decision");
    } else {
      if (auto n = f.Required("scales")) ParseScales(n);
      if (auto n = f.Optional("default_scale")) ParseDefaultScale(n);
      ResolveDefaultScale(f);
      if (auto n = f.Optional("evidence_kinds")) ParseEvidenceKinds(n);
      if (auto n = f.Optional("frameworks")) ParseFrameworks(n);
      if (auto n = f.Required("chapters")) ParseChapters(n, -1);
      if (auto n = f.Required("criteria")) ParseCriteria(n);
      if (auto n = f.Required("decision")) ParseDecision(n);
    }
    f.Finish();
    ref_.evidence_kinds = evidence_kinds_;
    CheckGraph();
    CheckChapters();
  }

 private:
  // ---- inheritance ---------------------------------------------------------------------------
  void ParseExtending(Fields& f, const YamlNode* root, const Referential& base, SourceLocation at) {
    ref_.extends_id = base.id;
    ref_.extends_version = base.version;
    for (const char* key : {"scales", "default_scale"}) {
      if (auto n = f.Optional(key)) {
        sink_.Error("unexpected-key", n->where,
                    fmt::format("'{}' cannot be given in a referential that extends '{}': the scales "
                                "are the base's",
                                key, base.id));
      }
    }
    if (!root->Get("languages")) ref_.languages = base.languages;
    ref_.scales = base.scales;
    for (Scale& sc : ref_.scales) sc.where = at;
    ref_.default_scale = base.default_scale;
    need_scale_everywhere_ = base.default_scale < 0 && base.scales.size() > 1;
    evidence_kinds_ = base.evidence_kinds;
    if (auto n = f.Optional("evidence_kinds")) ParseEvidenceKinds(n);
    ref_.frameworks = base.frameworks;
    if (auto n = f.Optional("frameworks")) ParseFrameworks(n);
    ref_.chapters = base.chapters;
    ref_.chapter_index = base.chapter_index;
    for (Chapter& ch : ref_.chapters) {
      ch.criteria.clear();
      ch.where = at;
    }
    if (auto n = f.Optional("chapters")) ParseChapters(n, -1);
    MergeCriteria(f, base, at);
    if (auto n = f.Optional("decision")) {
      ParseDecision(n);
    } else {
      ref_.policy = base.policy;
      ref_.policy.where = at;
    }
  }

  void MergeCriteria(Fields& f, const Referential& base, SourceLocation at) {
    std::vector<std::string> base_ids;
    for (const Criterion& c : base.criteria) base_ids.push_back(c.id);
    const YamlNode* added = f.Optional("criteria");
    const YamlNode* replaced = f.Optional("replace");
    const YamlNode* removed = f.Optional("remove");
    std::map<std::string, const YamlNode*> remove_at;
    if (removed) {
      if (auto items = r_.List(removed, "'remove'")) {
        for (const YamlNode* item : *items) {
          auto id = r_.String(item, "an entry of 'remove'");
          if (!id) continue;
          if (base.FindCriterion(*id) < 0) {
            sink_.Error("unknown-criterion", item->where,
                        fmt::format("'remove' names criterion '{}', which '{}' does not have{}", *id,
                                    base.id, DidYouMean(*id, base_ids)));
          } else if (!remove_at.emplace(*id, item).second) {
            sink_.Warning("duplicate-entry", item->where,
                          fmt::format("criterion '{}' is removed twice", *id));
          }
        }
      }
    }
    std::map<std::string, const YamlNode*> replace_with;
    if (replaced) {
      if (auto items = r_.List(replaced, "'replace'")) {
        for (const YamlNode* item : *items) {
          if (!r_.IsMap(item, "an entry of 'replace'")) continue;
          const YamlNode* id = item->Get("id");
          if (!id || !id->is_scalar()) {
            Fields g(&r_, item, "a replaced criterion");
            g.Required("id");
            continue;
          }
          if (base.FindCriterion(id->value) < 0) {
            sink_.Error("unknown-criterion", id->where,
                        fmt::format("'replace' names criterion '{}', which '{}' does not have{}; "
                                    "add it under 'criteria'",
                                    id->value, base.id, DidYouMean(id->value, base_ids)));
          } else if (remove_at.count(id->value)) {
            sink_.Error("bad-value", id->where,
                        fmt::format("criterion '{}' is both replaced and removed", id->value));
          } else if (!replace_with.emplace(id->value, item).second) {
            sink_.Error("duplicate-id", id->where,
                        fmt::format("criterion '{}' is replaced twice", id->value));
          }
        }
      }
    }
    std::vector<const YamlNode*> added_nodes;
    if (added) {
      if (auto items = r_.List(added, "'criteria'")) {
        for (const YamlNode* item : *items) {
          if (!r_.IsMap(item, "a criterion")) continue;
          const YamlNode* id = item->Get("id");
          if (!id || !id->is_scalar()) {
            Fields g(&r_, item, "a criterion");
            g.Required("id");
            continue;
          }
          if (base.FindCriterion(id->value) >= 0) {
            sink_.Error("duplicate-id", id->where,
                        fmt::format("criterion '{}' is already in '{}': to change it, put it under "
                                    "'replace'",
                                    id->value, base.id));
            continue;
          }
          added_nodes.push_back(item);
        }
      }
    }
    // The final list: the base's criteria in order (replaced in place, removed dropped), then the
    // added ones.
    std::vector<const YamlNode*> nodes;
    std::vector<int> from_base;
    for (size_t i = 0; i < base.criteria.size(); ++i) {
      const std::string& id = base.criteria[i].id;
      if (remove_at.count(id)) continue;
      auto it = replace_with.find(id);
      nodes.push_back(it == replace_with.end() ? nullptr : it->second);
      from_base.push_back(static_cast<int>(i));
    }
    for (const YamlNode* n : added_nodes) {
      const YamlNode* id = n->Get("id");
      if (std::find_if(nodes.begin(), nodes.end(), [&](const YamlNode* x) {
            return x && x != n && x->Get("id")->value == id->value;
          }) != nodes.end()) {
        continue;
      }
      nodes.push_back(n);
      from_base.push_back(-1);
    }
    for (size_t k = 0; k < nodes.size(); ++k) {
      std::string id = from_base[k] >= 0 ? base.criteria[static_cast<size_t>(from_base[k])].id
                                         : nodes[k]->Get("id")->value;
      if (!ref_.criterion_index.emplace(id, static_cast<int>(k)).second) {
        sink_.Error("duplicate-id", nodes[k]->Get("id")->where,
                    fmt::format("criterion '{}' is defined twice", id));
      }
    }
    ref_.criteria.resize(nodes.size());
    for (size_t k = 0; k < nodes.size(); ++k) {
      if (nodes[k]) {
        ParseCriterion(nodes[k], &ref_.criteria[k]);
        continue;
      }
      // Inherited as it is: its links are re-resolved by id in the merged list.
      Criterion c = base.criteria[static_cast<size_t>(from_base[k])];
      c.where = at;
      auto relink = [&](std::vector<Link>* links, bool strict) {
        std::vector<Link> kept;
        for (Link l : *links) {
          const std::string& target = base.criteria[static_cast<size_t>(l.target)].id;
          int now = ref_.FindCriterion(target);
          if (now < 0) {
            if (strict) {
              sink_.Error("bad-remove", remove_at.count(target) ? remove_at[target]->where : at,
                          fmt::format("cannot remove '{}': '{}' requires it; replace '{}' or "
                                      "remove it too",
                                      target, c.id, c.id));
            }
            continue;
          }
          l.target = now;
          l.where = at;
          kept.push_back(l);
        }
        *links = std::move(kept);
      };
      relink(&c.prerequisites, true);
      relink(&c.related, false);
      ref_.criteria[k] = std::move(c);
    }
    // Criteria added or replaced here may not require a removed one either (reported as an unknown
    // criterion by ParseCriterion). Fill the chapters' lists.
    for (size_t i = 0; i < ref_.criteria.size(); ++i) {
      int ch = ref_.criteria[i].chapter;
      if (ch >= 0) ref_.chapters[static_cast<size_t>(ch)].criteria.push_back(static_cast<int>(i));
    }
  }

  // ---- identity ------------------------------------------------------------------------------
  void ParseIdentity(Fields& f) {
    if (auto n = f.Optional("format")) {
      if (auto v = r_.Integer(n, "'format'")) {
        if (*v != 1) {
          sink_.Error("unsupported-format", n->where,
                      fmt::format("format {} is not supported: this sceau reads format 1", *v));
        }
      }
    }
    if (auto n = f.Required("id")) {
      if (auto v = r_.Id(n, "the referential id")) ref_.id = *v;
    }
    if (auto n = f.Required("version")) {
      if (n->is_scalar() && n->plain && !n->value.empty() && n->value.find('.') != std::string::npos &&
          n->value.back() == '0') {
        // 2026.10 read as a number would be 2026.1: warn, the text is kept as written.
        sink_.Warning("unquoted-version", n->where,
                      fmt::format("quote the version (\"{}\") so that no tool reads it as a number",
                                  n->value));
      }
      if (auto v = r_.String(n, "'version'")) {
        if (v->empty()) sink_.Error("missing-key", n->where, "'version' is empty");
        ref_.version = *v;
      }
    }
    if (auto n = f.Required("title")) {
      if (auto t = r_.TextValue(n, "the referential's title")) {
        ref_.title = *t;
        TrackText(*t, n, "the referential's title");
      }
    }
    if (auto n = f.Optional("description")) {
      if (auto t = r_.TextValue(n, "the referential's description")) ref_.description = *t;
    }
    if (auto n = f.Optional("publisher")) {
      if (auto v = r_.String(n, "'publisher'")) ref_.publisher = *v;
    }
    if (auto n = f.Optional("effective")) {
      ref_.effective = r_.DateValue(n, "'effective'");
    }
    if (auto n = f.Optional("supersedes")) {
      if (auto v = r_.String(n, "'supersedes'")) {
        ref_.supersedes = *v;
        if (*v == ref_.version && !v->empty()) {
          sink_.Error("bad-supersedes", n->where,
                      fmt::format("version '{}' cannot supersede itself", *v));
        }
      }
    }
    ref_.languages = {"fr"};
    if (auto n = f.Optional("languages")) {
      if (auto items = r_.List(n, "'languages'")) {
        ref_.languages.clear();
        for (const YamlNode* item : *items) {
          auto v = r_.String(item, "a language");
          if (!v) continue;
          if (v->size() != 2 || (*v)[0] < 'a' || (*v)[0] > 'z' || (*v)[1] < 'a' || (*v)[1] > 'z') {
            sink_.Error("bad-language", item->where,
                        fmt::format("'{}' is not a language code: use two lowercase letters", *v));
            continue;
          }
          if (std::find(ref_.languages.begin(), ref_.languages.end(), *v) != ref_.languages.end()) {
            sink_.Error("duplicate-id", item->where, fmt::format("language '{}' is listed twice", *v));
            continue;
          }
          ref_.languages.push_back(*v);
        }
        if (std::find(ref_.languages.begin(), ref_.languages.end(), "fr") == ref_.languages.end()) {
          sink_.Error("missing-french", n->where, "'languages' must include 'fr'");
        }
      }
    }
  }

  // Remembers a text to check its translations once 'languages' is known.
  void TrackText(const Text& text, const YamlNode* n, std::string what) {
    texts_.push_back({text, n, std::move(what)});
  }

  // ---- scales ---------------------------------------------------------------------------------
  void ParseScales(const YamlNode* n) {
    auto items = r_.List(n, "'scales'");
    if (!items) return;
    if (items->empty()) sink_.Error("missing-key", n->where, "'scales' lists no scale");
    for (const YamlNode* item : *items) {
      if (!r_.IsMap(item, "a scale")) continue;
      Scale scale;
      scale.where = item->where;
      Fields f(&r_, item, "a scale");
      if (auto v = f.Required("id")) {
        if (auto id = r_.Id(v, "the scale id")) scale.id = *id;
      }
      std::string ctx = scale.id.empty() ? "a scale" : fmt::format("scale '{}'", scale.id);
      Fields g(&r_, item, ctx);
      g.Required("id");
      const YamlNode* type = g.Required("type");
      if (type) {
        auto t = r_.String(type, fmt::format("'type' of {}", ctx));
        if (t && *t == "grades") {
          scale.type = ScaleType::kGrades;
        } else if (t && *t == "maturity") {
          scale.type = ScaleType::kMaturity;
        } else if (t) {
          sink_.Error("bad-value", type->where,
                      fmt::format("'type' of {} must be 'grades' or 'maturity', not '{}'{}", ctx,
                                  *t, DidYouMean(*t, {"grades", "maturity"})));
          type = nullptr;
        }
      }
      if (auto v = g.Optional("title")) {
        if (auto t = r_.TextValue(v, fmt::format("the title of {}", ctx))) scale.title = *t;
      }
      const YamlNode* grades = g.Optional("grades");
      const YamlNode* levels = g.Optional("levels");
      const YamlNode* pass_from = g.Optional("pass_from");
      if (type && scale.type == ScaleType::kGrades) {
        if (levels) {
          sink_.Error("unexpected-key", levels->where,
                      fmt::format("{} is a grades scale: 'levels' belongs to maturity scales", ctx));
        }
        if (pass_from) {
          sink_.Error("unexpected-key", pass_from->where,
                      fmt::format("{} is a grades scale: 'pass_from' belongs to maturity scales",
                                  ctx));
        }
        if (!grades) {
          sink_.Error("missing-key", item->where, fmt::format("{} has no 'grades', which is required", ctx));
        } else {
          ParseGrades(grades, &scale, ctx);
        }
      } else if (type && scale.type == ScaleType::kMaturity) {
        if (grades) {
          sink_.Error("unexpected-key", grades->where,
                      fmt::format("{} is a maturity scale: 'grades' belongs to grades scales", ctx));
        }
        if (!levels) {
          sink_.Error("missing-key", item->where, fmt::format("{} has no 'levels', which is required", ctx));
        } else {
          ParseLevels(levels, &scale, ctx);
        }
        if (pass_from) {
          if (auto code = r_.String(pass_from, fmt::format("'pass_from' of {}", ctx))) {
            int idx = scale.FindLevel(*code);
            if (idx < 0) {
              std::vector<std::string> codes;
              for (const Level& l : scale.levels) codes.push_back(l.code);
              sink_.Error("unknown-level", pass_from->where,
                          fmt::format("'pass_from' of {} names unknown level '{}'{}", ctx, *code,
                                      DidYouMean(*code, codes)));
            } else {
              scale.pass_from = idx;
            }
          }
        }
      }
      g.Finish();
      if (!scale.id.empty()) {
        if (ref_.FindScale(scale.id) >= 0) {
          sink_.Error("duplicate-id", item->Get("id")->where,
                      fmt::format("scale '{}' is defined twice (first at line {})", scale.id,
                                  ref_.scales[static_cast<size_t>(ref_.FindScale(scale.id))].where.line));
          continue;
        }
        ref_.scales.push_back(std::move(scale));
      }
    }
  }

  void ParseGrades(const YamlNode* n, Scale* scale, const std::string& ctx) {
    auto items = r_.List(n, fmt::format("'grades' of {}", ctx));
    if (!items) return;
    if (items->empty()) sink_.Error("missing-key", n->where, fmt::format("{} lists no grade", ctx));
    int na = 0;
    for (const YamlNode* item : *items) {
      if (!r_.IsMap(item, fmt::format("a grade of {}", ctx))) continue;
      Grade g;
      g.where = item->where;
      std::string gctx = fmt::format("a grade of {}", ctx);
      if (auto c = item->Get("code")) {
        if (c->is_scalar()) gctx = fmt::format("grade '{}'", c->value);
      }
      Fields f(&r_, item, gctx);
      bool ok = true;
      if (auto v = f.Required("code")) {
        if (auto id = r_.Id(v, "the grade code")) {
          g.code = *id;
          if (scale->FindGrade(g.code) >= 0) {
            sink_.Error("duplicate-id", v->where,
                        fmt::format("grade '{}' is defined twice in {}", g.code, ctx));
            ok = false;
          }
        } else {
          ok = false;
        }
      } else {
        ok = false;
      }
      const YamlNode* kind = f.Required("kind");
      bool have_kind = false;
      if (kind) {
        if (auto k = r_.String(kind, fmt::format("'kind' of {}", gctx))) {
          if (auto gk = ParseGradeKind(*k)) {
            g.kind = *gk;
            have_kind = true;
          } else {
            sink_.Error("bad-value", kind->where,
                        fmt::format("'kind' of {} must be one of strength, conforming, "
                                    "opportunity, observation, minor-nc, major-nc, "
                                    "not-applicable; not '{}'{}",
                                    gctx, *k, DidYouMean(*k, GradeKindNames())));
          }
        }
      }
      if (auto v = f.Required("label")) {
        if (auto t = r_.TextValue(v, fmt::format("the label of {}", gctx))) {
          g.label = *t;
          TrackText(*t, v, fmt::format("the label of {}", gctx));
        }
      }
      const YamlNode* points = f.Optional("points");
      if (have_kind && g.kind == GradeKind::kNotApplicable) {
        ++na;
        if (na == 2) {
          sink_.Error("duplicate-na", item->where,
                      fmt::format("{} has more than one not-applicable grade", ctx));
        }
        if (points) {
          sink_.Error("unexpected-key", points->where,
                      fmt::format("{} is not-applicable: it has no points, it is left out of scores",
                                  gctx));
        }
      } else if (have_kind) {
        if (!points) {
          sink_.Error("missing-key", item->where, fmt::format("{} has no 'points', which is required", gctx));
        } else if (auto p = r_.Number(points, fmt::format("'points' of {}", gctx))) {
          if (*p < 0 || *p > 100) {
            sink_.Error("bad-points", points->where,
                        fmt::format("'points' of {} must lie between 0 and 100, not {}", gctx,
                                    points->value));
          }
          g.points = *p;
        }
      }
      f.Finish();
      if (ok) scale->grades.push_back(std::move(g));
    }
  }

  void ParseLevels(const YamlNode* n, Scale* scale, const std::string& ctx) {
    auto items = r_.List(n, fmt::format("'levels' of {}", ctx));
    if (!items) return;
    if (items->size() < 2) {
      sink_.Error("too-few-levels", n->where,
                  fmt::format("{} needs at least two levels, lowest first", ctx));
    }
    for (const YamlNode* item : *items) {
      if (!r_.IsMap(item, fmt::format("a level of {}", ctx))) continue;
      Level l;
      l.where = item->where;
      std::string lctx = fmt::format("a level of {}", ctx);
      if (auto c = item->Get("code")) {
        if (c->is_scalar()) lctx = fmt::format("level '{}'", c->value);
      }
      Fields f(&r_, item, lctx);
      bool ok = true;
      if (auto v = f.Required("code")) {
        if (auto id = r_.Id(v, "the level code")) {
          l.code = *id;
          if (scale->FindLevel(l.code) >= 0) {
            sink_.Error("duplicate-id", v->where,
                        fmt::format("level '{}' is defined twice in {}", l.code, ctx));
            ok = false;
          }
        } else {
          ok = false;
        }
      } else {
        ok = false;
      }
      if (auto v = f.Required("label")) {
        if (auto t = r_.TextValue(v, fmt::format("the label of {}", lctx))) {
          l.label = *t;
          TrackText(*t, v, fmt::format("the label of {}", lctx));
        }
      }
      if (auto v = f.Required("points")) {
        if (auto p = r_.Number(v, fmt::format("'points' of {}", lctx))) {
          l.points = *p;
          if (*p < 0 || *p > 100) {
            sink_.Error("bad-points", v->where,
                        fmt::format("'points' of {} must lie between 0 and 100, not {}", lctx,
                                    v->value));
          } else if (!scale->levels.empty() && *p <= scale->levels.back().points) {
            sink_.Error("bad-points", v->where,
                        fmt::format("'points' of {} must be higher than those of level '{}' "
                                    "before it: levels go from lowest to highest",
                                    lctx, scale->levels.back().code));
          }
        }
      }
      f.Finish();
      if (ok) scale->levels.push_back(std::move(l));
    }
  }

  void ParseDefaultScale(const YamlNode* n) {
    default_scale_node_ = n;
  }

  void ResolveDefaultScale(Fields& f) {
    if (default_scale_node_) {
      auto id = r_.String(default_scale_node_, "'default_scale'");
      if (!id) return;
      ref_.default_scale = ref_.FindScale(*id);
      if (ref_.default_scale < 0) {
        sink_.Error("unknown-scale", default_scale_node_->where,
                    fmt::format("'default_scale' names unknown scale '{}'{}", *id,
                                DidYouMean(*id, ScaleIds())));
      }
    } else if (ref_.scales.size() == 1) {
      ref_.default_scale = 0;
    } else if (ref_.scales.size() > 1) {
      need_scale_everywhere_ = true;
    }
    (void)f;
  }

  std::vector<std::string> ScaleIds() const {
    std::vector<std::string> ids;
    for (const Scale& s : ref_.scales) ids.push_back(s.id);
    return ids;
  }

  // ---- evidence kinds and frameworks ----------------------------------------------------------
  void ParseEvidenceKinds(const YamlNode* n) {
    auto items = r_.List(n, "'evidence_kinds'");
    if (!items) return;
    for (const YamlNode* item : *items) {
      if (!r_.IsMap(item, "an evidence kind")) continue;
      Fields f(&r_, item, "an evidence kind");
      if (auto v = f.Required("id")) {
        if (auto id = r_.Id(v, "the evidence kind id")) {
          if (std::find(evidence_kinds_.begin(), evidence_kinds_.end(), *id) !=
                  evidence_kinds_.end() ||
              std::find(BuiltinEvidenceKinds().begin(), BuiltinEvidenceKinds().end(), *id) !=
                  BuiltinEvidenceKinds().end()) {
            sink_.Error("duplicate-id", v->where,
                        fmt::format("evidence kind '{}' is already defined", *id));
          } else {
            evidence_kinds_.push_back(*id);
          }
        }
      }
      if (auto v = f.Required("label")) r_.TextValue(v, "the label of an evidence kind");
      f.Finish();
    }
  }

  void ParseFrameworks(const YamlNode* n) {
    auto items = r_.List(n, "'frameworks'");
    if (!items) return;
    for (const YamlNode* item : *items) {
      if (!r_.IsMap(item, "a framework")) continue;
      Framework fw;
      fw.where = item->where;
      std::string ctx = "a framework";
      if (auto c = item->Get("id"); c && c->is_scalar()) ctx = fmt::format("framework '{}'", c->value);
      Fields f(&r_, item, ctx);
      if (auto v = f.Required("id")) {
        if (auto id = r_.Id(v, "the framework id")) fw.id = *id;
      }
      if (auto v = f.Required("title")) {
        if (auto t = r_.TextValue(v, fmt::format("the title of {}", ctx))) fw.title = *t;
      }
      if (auto v = f.Optional("items")) {
        if (auto list = r_.List(v, fmt::format("'items' of {}", ctx))) {
          std::set<std::string> seen;
          for (const YamlNode* it : *list) {
            if (!r_.IsMap(it, fmt::format("an item of {}", ctx))) continue;
            Fields g(&r_, it, fmt::format("an item of {}", ctx));
            std::string id;
            Text title;
            if (auto x = g.Required("id")) {
              if (auto s = r_.Id(x, "the item id")) {
                id = *s;
                if (!seen.insert(id).second) {
                  sink_.Error("duplicate-id", x->where,
                              fmt::format("item '{}' is listed twice in {}", id, ctx));
                  id.clear();
                }
              }
            }
            if (auto x = g.Optional("title")) {
              if (auto t = r_.TextValue(x, fmt::format("the title of item '{}'", id))) title = *t;
            }
            g.Finish();
            if (!id.empty()) fw.items.emplace_back(id, title);
          }
        }
      }
      f.Finish();
      if (fw.id.empty()) continue;
      if (FindFramework(fw.id) >= 0) {
        sink_.Error("duplicate-id", item->Get("id")->where,
                    fmt::format("framework '{}' is defined twice", fw.id));
        continue;
      }
      ref_.frameworks.push_back(std::move(fw));
    }
  }

  int FindFramework(std::string_view id) const {
    for (size_t i = 0; i < ref_.frameworks.size(); ++i) {
      if (ref_.frameworks[i].id == id) return static_cast<int>(i);
    }
    return -1;
  }

  // ---- chapters -------------------------------------------------------------------------------
  void ParseChapters(const YamlNode* n, int parent) {
    auto items = r_.List(n, parent < 0 ? std::string("'chapters'")
                                       : fmt::format("'chapters' of chapter '{}'",
                                                     ref_.chapters[static_cast<size_t>(parent)].id));
    if (!items) return;
    if (items->empty() && parent < 0) sink_.Error("missing-key", n->where, "'chapters' lists no chapter");
    for (const YamlNode* item : *items) {
      if (!r_.IsMap(item, "a chapter")) continue;
      Chapter ch;
      ch.where = item->where;
      ch.parent = parent;
      ch.depth = parent < 0 ? 0 : ref_.chapters[static_cast<size_t>(parent)].depth + 1;
      std::string ctx = "a chapter";
      if (auto c = item->Get("id"); c && c->is_scalar()) ctx = fmt::format("chapter '{}'", c->value);
      Fields f(&r_, item, ctx);
      bool ok = false;
      int duplicate_of = -1;
      if (auto v = f.Required("id")) {
        if (auto id = r_.Id(v, "the chapter id")) {
          ch.id = *id;
          int prev = ref_.FindChapter(ch.id);
          duplicate_of = prev;
          if (prev >= 0) {
            sink_.Error("duplicate-id", v->where,
                        fmt::format("chapter '{}' is defined twice (first at line {})", ch.id,
                                    ref_.chapters[static_cast<size_t>(prev)].where.line));
          } else {
            ok = true;
          }
        }
      }
      if (auto v = f.Required("title")) {
        if (auto t = r_.TextValue(v, fmt::format("the title of {}", ctx))) {
          ch.title = *t;
          TrackText(*t, v, fmt::format("the title of {}", ctx));
        }
      }
      if (auto v = f.Optional("description")) {
        if (auto t = r_.TextValue(v, fmt::format("the description of {}", ctx))) ch.description = *t;
      }
      if (auto v = f.Optional("weight")) ch.weight = ReadWeight(v, ctx);
      const YamlNode* sub = f.Optional("chapters");
      f.Finish();
      int index = -1;
      if (ok) {
        index = static_cast<int>(ref_.chapters.size());
        ref_.chapter_index.emplace(ch.id, index);
        if (parent >= 0) ref_.chapters[static_cast<size_t>(parent)].children.push_back(index);
        ref_.chapters.push_back(std::move(ch));
      }
      // Sub-chapters of a duplicate are still read, under the first chapter of that id, so that
      // their own problems are reported too.
      if (sub && index < 0) index = duplicate_of;
      if (sub) ParseChapters(sub, index);
    }
  }

  double ReadWeight(const YamlNode* v, const std::string& ctx) {
    auto w = r_.Number(v, fmt::format("'weight' of {}", ctx));
    if (!w) return 1;
    if (*w <= 0 || *w > 1000) {
      sink_.Error("bad-weight", v->where,
                  fmt::format("'weight' of {} must be greater than 0 and at most 1000, not {}",
                              ctx, v->value));
      return 1;
    }
    return *w;
  }

  std::vector<std::string> ChapterIds() const {
    std::vector<std::string> ids;
    for (const Chapter& c : ref_.chapters) ids.push_back(c.id);
    return ids;
  }

  std::vector<std::string> CriterionIds() const {
    std::vector<std::string> ids;
    for (const auto& [id, index] : ref_.criterion_index) ids.push_back(id);
    return ids;
  }

  int ResolveChapter(const YamlNode* v, const std::string& ctx) {
    auto id = r_.String(v, fmt::format("'chapter' of {}", ctx));
    if (!id) return -1;
    int c = ref_.FindChapter(*id);
    if (c < 0) {
      sink_.Error("unknown-chapter", v->where,
                  fmt::format("{} names unknown chapter '{}'{}", ctx, *id,
                              DidYouMean(*id, ChapterIds())));
    }
    return c;
  }

  // ---- criteria -------------------------------------------------------------------------------
  void ParseCriteria(const YamlNode* n) {
    auto items = r_.List(n, "'criteria'");
    if (!items) return;
    if (items->empty()) sink_.Error("missing-key", n->where, "'criteria' lists no criterion");
    // First pass: ids, so that links may point forward.
    for (const YamlNode* item : *items) {
      const YamlNode* id = item->is_map() ? item->Get("id") : nullptr;
      if (!id || !id->is_scalar()) continue;
      auto [it, inserted] =
          ref_.criterion_index.emplace(id->value, static_cast<int>(ref_.criterion_index.size()));
      if (!inserted) {
        sink_.Error("duplicate-id", id->where,
                    fmt::format("criterion '{}' is defined twice (first at line {})", id->value,
                                first_seen_[id->value]));
      } else {
        first_seen_[id->value] = id->where.line;
        criterion_nodes_.push_back(item);
      }
    }
    ref_.criteria.resize(criterion_nodes_.size());
    for (const YamlNode* item : *items) {
      if (!r_.IsMap(item, "a criterion")) continue;
      const YamlNode* id = item->Get("id");
      if (!id) {
        Fields f(&r_, item, "a criterion");
        f.Required("id");
        continue;
      }
      if (!id->is_scalar()) {
        r_.Id(id, "the criterion id");
        continue;
      }
      int index = ref_.FindCriterion(id->value);
      if (criterion_nodes_[static_cast<size_t>(index)] != item) continue;  // a duplicate
      ParseCriterion(item, &ref_.criteria[static_cast<size_t>(index)]);
    }
    for (size_t i = 0; i < ref_.criteria.size(); ++i) {
      int ch = ref_.criteria[i].chapter;
      if (ch >= 0) ref_.chapters[static_cast<size_t>(ch)].criteria.push_back(static_cast<int>(i));
    }
  }

  void ParseCriterion(const YamlNode* item, Criterion* c) {
    c->where = item->where;
    std::string ctx = fmt::format("criterion '{}'", item->Get("id")->value);
    Fields f(&r_, item, ctx);
    if (auto v = f.Required("id")) {
      if (auto id = r_.Id(v, "the criterion id")) c->id = *id;
      else c->id = v->value;
    }
    if (auto v = f.Required("chapter")) c->chapter = ResolveChapter(v, ctx);
    if (auto v = f.Required("title")) {
      if (auto t = r_.TextValue(v, fmt::format("the title of {}", ctx))) {
        c->title = *t;
        TrackText(*t, v, fmt::format("the title of {}", ctx));
      }
    }
    if (auto v = f.Required("requirement")) {
      if (auto t = r_.TextValue(v, fmt::format("the requirement of {}", ctx))) {
        c->requirement = *t;
        TrackText(*t, v, fmt::format("the requirement of {}", ctx));
      }
    }
    if (auto v = f.Optional("guidance")) {
      if (auto t = r_.TextValue(v, fmt::format("the guidance of {}", ctx))) c->guidance = *t;
    }
    if (auto v = f.Optional("evidence")) c->evidence = ReadEvidenceKinds(v, fmt::format("'evidence' of {}", ctx));
    const YamlNode* scale = f.Optional("scale");
    if (scale) {
      if (auto id = r_.String(scale, fmt::format("'scale' of {}", ctx))) {
        c->scale = ref_.FindScale(*id);
        if (c->scale < 0) {
          sink_.Error("unknown-scale", scale->where,
                      fmt::format("{} names unknown scale '{}'{}", ctx, *id,
                                  DidYouMean(*id, ScaleIds())));
        }
      }
    } else if (need_scale_everywhere_) {
      sink_.Error("missing-key", item->where,
                  fmt::format("{} has no 'scale': the referential has several scales and no "
                              "'default_scale'",
                              ctx));
    } else {
      c->scale = ref_.default_scale;
    }
    if (auto v = f.Optional("weight")) c->weight = ReadWeight(v, ctx);
    if (auto v = f.Optional("blocking")) c->blocking = r_.Bool(v, fmt::format("'blocking' of {}", ctx)).value_or(false);
    const YamlNode* na = f.Optional("na_allowed");
    if (na) c->na_allowed = r_.Bool(na, fmt::format("'na_allowed' of {}", ctx)).value_or(false);
    if (auto v = f.Optional("na_guidance")) {
      if (auto t = r_.TextValue(v, fmt::format("'na_guidance' of {}", ctx))) c->na_guidance = *t;
      if (!c->na_allowed) {
        sink_.Warning("unused-key", v->where,
                      fmt::format("'na_guidance' of {} has no effect without 'na_allowed: true'",
                                  ctx));
      }
    }
    if (c->na_allowed && c->scale >= 0) {
      const Scale& s = ref_.scales[static_cast<size_t>(c->scale)];
      bool has_na = std::any_of(s.grades.begin(), s.grades.end(), [](const Grade& g) {
        return g.kind == GradeKind::kNotApplicable;
      });
      if (!has_na) {
        sink_.Error("na-without-grade", na->where,
                    fmt::format("{} allows not applicable, but scale '{}' has no not-applicable "
                                "grade",
                                ctx, s.id));
      }
    }
    if (auto v = f.Optional("applies_to")) ParseApplicability(v, ctx, &c->applies);
    if (auto v = f.Optional("checks")) ParseChecks(v, ctx, c);
    if (auto v = f.Optional("requires")) c->prerequisites = ReadLinks(v, ctx, "requires", c->id, true);
    if (auto v = f.Optional("related")) c->related = ReadLinks(v, ctx, "related", c->id, false);
    if (auto v = f.Optional("mappings")) ParseMappings(v, ctx, c);
    if (auto v = f.Optional("replaces")) {
      if (auto items = r_.List(v, fmt::format("'replaces' of {}", ctx))) {
        for (const YamlNode* entry : *items) {
          auto id = r_.Id(entry, fmt::format("an entry of 'replaces' of {}", ctx));
          if (!id) continue;
          if (std::find(c->replaces.begin(), c->replaces.end(), *id) != c->replaces.end()) {
            sink_.Warning("duplicate-entry", entry->where,
                          fmt::format("{} replaces '{}' twice", ctx, *id));
            continue;
          }
          // One old criterion may be taken over by several new ones (a split): allowed.
          c->replaces.push_back(*id);
        }
      }
    }
    f.Finish();
  }

  std::vector<std::string> ReadEvidenceKinds(const YamlNode* v, const std::string& what) {
    std::vector<std::string> out;
    auto items = r_.List(v, what);
    if (!items) return out;
    for (const YamlNode* item : *items) {
      auto k = r_.String(item, fmt::format("an evidence kind in {}", what));
      if (!k) continue;
      if (!KnownEvidenceKind(*k)) {
        std::vector<std::string> all = BuiltinEvidenceKinds();
        all.insert(all.end(), evidence_kinds_.begin(), evidence_kinds_.end());
        sink_.Error("unknown-evidence-kind", item->where,
                    fmt::format("unknown evidence kind '{}' in {}{}", *k, what, DidYouMean(*k, all)));
        continue;
      }
      if (std::find(out.begin(), out.end(), *k) != out.end()) {
        sink_.Warning("duplicate-entry", item->where,
                      fmt::format("evidence kind '{}' is listed twice in {}", *k, what));
        continue;
      }
      out.push_back(*k);
    }
    return out;
  }

  bool KnownEvidenceKind(const std::string& k) const {
    const auto& b = BuiltinEvidenceKinds();
    return std::find(b.begin(), b.end(), k) != b.end() ||
           std::find(evidence_kinds_.begin(), evidence_kinds_.end(), k) != evidence_kinds_.end();
  }

  std::optional<Range> ReadRange(const YamlNode* v, const std::string& what, long long floor) {
    if (!r_.IsMap(v, what)) return std::nullopt;
    Fields f(&r_, v, what);
    Range range;
    bool ok = true;
    for (const char* key : {"min", "max"}) {
      if (auto x = f.Optional(key)) {
        auto n = r_.Integer(x, fmt::format("'{}' of {}", key, what));
        if (!n) {
          ok = false;
          continue;
        }
        if (*n < floor) {
          sink_.Error("bad-range", x->where,
                      fmt::format("'{}' of {} must be at least {}, not {}", key, what, floor, *n));
          ok = false;
          continue;
        }
        (std::string_view(key) == "min" ? range.min : range.max) = *n;
      }
    }
    f.Finish();
    if (!range.min && !range.max && ok) {
      sink_.Error("bad-range", v->where, fmt::format("{} needs 'min', 'max' or both", what));
      return std::nullopt;
    }
    if (range.min && range.max && *range.min > *range.max) {
      sink_.Error("bad-range", v->where,
                  fmt::format("{} has 'min' {} above 'max' {}: no organisation can match", what,
                              *range.min, *range.max));
      return std::nullopt;
    }
    if (!ok) return std::nullopt;
    return range;
  }

  void ParseApplicability(const YamlNode* v, const std::string& ctx, Applicability* a) {
    std::string what = fmt::format("'applies_to' of {}", ctx);
    if (!r_.IsMap(v, what)) return;
    Fields f(&r_, v, what);
    if (auto k = f.Optional("kinds")) {
      if (auto items = r_.List(k, fmt::format("'kinds' of {}", what))) {
        if (items->empty()) {
          sink_.Error("bad-value", k->where,
                      fmt::format("'kinds' of {} is empty: no organisation could match; remove "
                                  "it to apply to every kind",
                                  what));
        }
        for (const YamlNode* item : *items) {
          auto s = r_.String(item, "an organisation kind");
          if (!s) continue;
          auto kind = ParseOrgKind(*s);
          if (!kind) {
            sink_.Error("bad-value", item->where,
                        fmt::format("unknown organisation kind '{}' in {}: use ACI, AI, EI, ETTI, "
                                    "GES, EBE or other{}",
                                    *s, what, DidYouMean(*s, OrgKindNames())));
            continue;
          }
          if (std::find(a->kinds.begin(), a->kinds.end(), *kind) != a->kinds.end()) {
            sink_.Warning("duplicate-entry", item->where,
                          fmt::format("organisation kind '{}' is listed twice in {}", *s, what));
            continue;
          }
          a->kinds.push_back(*kind);
        }
      }
    }
    if (auto h = f.Optional("headcount")) {
      if (auto r = ReadRange(h, fmt::format("'headcount' of {}", what), 0)) a->headcount = *r;
    }
    if (auto s = f.Optional("sites")) {
      if (auto r = ReadRange(s, fmt::format("'sites' of {}", what), 1)) a->sites = *r;
    }
    f.Finish();
  }

  void ParseChecks(const YamlNode* v, const std::string& ctx, Criterion* c) {
    auto items = r_.List(v, fmt::format("'checks' of {}", ctx));
    if (!items) return;
    int i = 0;
    for (const YamlNode* item : *items) {
      ++i;
      std::string what = fmt::format("check {} of {}", i, ctx);
      if (!r_.IsMap(item, what)) continue;
      Check check;
      check.where = item->where;
      Fields f(&r_, item, what);
      const YamlNode* type = f.Required("type");
      if (!type) {
        f.Finish();
        continue;
      }
      auto t = r_.String(type, fmt::format("'type' of {}", what));
      if (!t) continue;
      if (auto l = f.Optional("label")) {
        if (auto text = r_.TextValue(l, fmt::format("the label of {}", what))) check.label = *text;
      }
      bool ok = true;
      if (auto lv = f.Optional("from_level")) {
        const Scale* scale = c->scale >= 0 ? &ref_.scales[static_cast<size_t>(c->scale)] : nullptr;
        auto code = r_.String(lv, fmt::format("'from_level' of {}", what));
        if (code && scale && scale->type != ScaleType::kMaturity) {
          sink_.Error("unexpected-key", lv->where,
                      fmt::format("'from_level' of {} needs a maturity scale; '{}' is a grades scale",
                                  what, scale->id));
        } else if (code && scale) {
          check.from_level = scale->FindLevel(*code);
          if (check.from_level < 0) {
            std::vector<std::string> codes;
            for (const Level& level : scale->levels) codes.push_back(level.code);
            sink_.Error("unknown-level", lv->where,
                        fmt::format("'from_level' of {} names unknown level '{}'{}", what, *code,
                                    DidYouMean(*code, codes)));
          }
        }
      }
      if (*t == "indicator") {
        check.type = CheckType::kIndicator;
        if (auto x = f.Required("indicator")) {
          if (auto id = r_.Id(x, fmt::format("'indicator' of {}", what))) check.indicator = *id;
        } else {
          ok = false;
        }
        if (auto x = f.Optional("unit")) {
          if (auto s = r_.String(x, fmt::format("'unit' of {}", what))) check.unit = *s;
        }
        const YamlNode* mn = f.Optional("min");
        const YamlNode* mx = f.Optional("max");
        if (mn) check.min = r_.Number(mn, fmt::format("'min' of {}", what));
        if (mx) check.max = r_.Number(mx, fmt::format("'max' of {}", what));
        if (!mn && !mx) {
          sink_.Error("bad-threshold", item->where,
                      fmt::format("{} needs a threshold: 'min', 'max' or both", what));
          ok = false;
        } else if (check.min && check.max && *check.min > *check.max) {
          sink_.Error("bad-threshold", mn->where,
                      fmt::format("{} has 'min' {} above 'max' {}: no value can pass", what,
                                  mn->value, mx->value));
          ok = false;
        }
      } else if (*t == "evidence") {
        check.type = CheckType::kEvidence;
        if (auto x = f.Required("kinds")) {
          check.evidence_kinds = ReadEvidenceKinds(x, fmt::format("'kinds' of {}", what));
          if (x->is_sequence() && x->items.empty()) {
            sink_.Error("bad-value", x->where, fmt::format("'kinds' of {} is empty", what));
          }
        }
        if (auto x = f.Optional("min_count")) {
          if (auto n = r_.Integer(x, fmt::format("'min_count' of {}", what))) {
            if (*n < 1 || *n > 1000) {
              sink_.Error("bad-threshold", x->where,
                          fmt::format("'min_count' of {} must be between 1 and 1000, not {}", what, *n));
            } else {
              check.min_count = static_cast<int>(*n);
            }
          }
        }
        if (auto x = f.Optional("max_age_months")) {
          if (auto n = r_.Integer(x, fmt::format("'max_age_months' of {}", what))) {
            if (*n < 1 || *n > 600) {
              sink_.Error("bad-threshold", x->where,
                          fmt::format("'max_age_months' of {} must be between 1 and 600, not {}",
                                      what, *n));
            } else {
              check.max_age_months = static_cast<int>(*n);
            }
          }
        }
      } else if (*t == "sample") {
        check.type = CheckType::kSample;
        if (auto x = f.Required("sample")) {
          if (auto text = r_.TextValue(x, fmt::format("'sample' of {}", what))) check.sample = text->fr();
        }
        if (auto x = f.Required("min_size")) {
          if (auto n = r_.Integer(x, fmt::format("'min_size' of {}", what))) {
            if (*n < 1 || *n > 100000) {
              sink_.Error("bad-threshold", x->where,
                          fmt::format("'min_size' of {} must be between 1 and 100000, not {}", what, *n));
            } else {
              check.min_size = static_cast<int>(*n);
            }
          }
        }
        if (auto x = f.Required("pass_rate")) {
          if (auto p = r_.Number(x, fmt::format("'pass_rate' of {}", what))) {
            if (*p <= 0 || *p > 1) {
              sink_.Error("bad-threshold", x->where,
                          fmt::format("'pass_rate' of {} must be a share above 0 and at most 1 "
                                      "(0.8 for 80 %), not {}",
                                      what, x->value));
            } else {
              check.pass_rate = *p;
            }
          }
        }
      } else {
        sink_.Error("bad-value", type->where,
                    fmt::format("'type' of {} must be indicator, evidence or sample, not '{}'{}",
                                what, *t, DidYouMean(*t, {"indicator", "evidence", "sample"})));
        ok = false;
      }
      f.Finish();
      if (ok) c->checks.push_back(std::move(check));
    }
  }

  std::vector<Link> ReadLinks(const YamlNode* v, const std::string& ctx, const char* key,
                              const std::string& self, bool strict) {
    std::vector<Link> out;
    auto items = r_.List(v, fmt::format("'{}' of {}", key, ctx));
    if (!items) return out;
    for (const YamlNode* item : *items) {
      auto id = r_.String(item, fmt::format("an entry of '{}' of {}", key, ctx));
      if (!id) continue;
      int target = ref_.FindCriterion(*id);
      if (target < 0) {
        sink_.Error("unknown-criterion", item->where,
                    fmt::format("{} {} unknown criterion '{}'{}", ctx,
                                strict ? "requires" : "is related to", *id,
                                DidYouMean(*id, CriterionIds())));
        continue;
      }
      if (*id == self) {
        sink_.Error(strict ? "dependency-cycle" : "bad-link", item->where,
                    strict ? fmt::format("{} requires itself", ctx)
                           : fmt::format("{} is related to itself", ctx));
        continue;
      }
      if (std::any_of(out.begin(), out.end(), [&](const Link& l) { return l.target == target; })) {
        if (strict) {
          sink_.Error("duplicate-entry", item->where,
                      fmt::format("{} requires '{}' twice", ctx, *id));
        } else {
          sink_.Warning("duplicate-entry", item->where,
                        fmt::format("{} is related to '{}' twice", ctx, *id));
        }
        continue;
      }
      out.push_back(Link{target, item->where});
    }
    return out;
  }

  void ParseMappings(const YamlNode* v, const std::string& ctx, Criterion* c) {
    std::string what = fmt::format("'mappings' of {}", ctx);
    if (!r_.IsMap(v, what)) return;
    for (const auto& [key, value] : v->pairs) {
      int fw = FindFramework(key->value);
      if (fw < 0) {
        std::vector<std::string> ids;
        for (const Framework& x : ref_.frameworks) ids.push_back(x.id);
        sink_.Error("unknown-framework", key->where,
                    fmt::format("{} maps to unknown framework '{}'{}; declare it under "
                                "'frameworks'",
                                ctx, key->value, DidYouMean(key->value, ids)));
        continue;
      }
      const Framework& framework = ref_.frameworks[static_cast<size_t>(fw)];
      std::vector<std::string> ids;
      auto items = r_.List(value, fmt::format("'{}' in {}", key->value, what));
      if (!items) continue;
      std::vector<std::string> known;
      for (const auto& [item_id, title] : framework.items) known.push_back(item_id);
      for (const YamlNode* item : *items) {
        auto id = r_.String(item, fmt::format("an item of '{}' in {}", key->value, what));
        if (!id) continue;
        if (!known.empty() && std::find(known.begin(), known.end(), *id) == known.end()) {
          sink_.Error("unknown-mapping", item->where,
                      fmt::format("{} maps to '{}', which framework '{}' does not list{}", ctx,
                                  *id, framework.id, DidYouMean(*id, known)));
          continue;
        }
        ids.push_back(*id);
      }
      c->mappings.emplace_back(key->value, std::move(ids));
    }
  }

  // ---- decision policy ------------------------------------------------------------------------
  void ParseDecision(const YamlNode* n) {
    Policy& p = ref_.policy;
    p.where = n->where;
    if (!r_.IsMap(n, "'decision'")) return;
    Fields f(&r_, n, "'decision'");
    if (auto v = f.Optional("points_scale")) {
      if (auto x = r_.Number(v, "'points_scale'")) {
        if (*x <= 0 || *x > 1e6) {
          sink_.Error("bad-value", v->where,
                      fmt::format("'points_scale' must be above 0 and at most 1000000, not {}", v->value));
        } else {
          p.points_scale = *x;
        }
      }
    }
    auto months = [&](const char* key, int* out) {
      if (auto v = f.Optional(key)) {
        if (auto x = r_.Integer(v, fmt::format("'{}'", key))) {
          if (*x < 1 || *x > 240) {
            sink_.Error("bad-value", v->where,
                        fmt::format("'{}' must be between 1 and 240 months, not {}", key, *x));
          } else {
            *out = static_cast<int>(*x);
          }
        }
      }
    };
    months("validity_months", &p.validity_months);
    months("surveillance_months", &p.surveillance_months);
    if (auto v = f.Optional("deadlines")) {
      if (r_.IsMap(v, "'deadlines'")) {
        for (const auto& [key, value] : v->pairs) {
          if (!CheckGradeCode(key, key->value, "'deadlines'")) continue;
          if (auto x = r_.Integer(value, fmt::format("the deadline for '{}'", key->value))) {
            if (*x < 1 || *x > 120) {
              sink_.Error("bad-value", value->where,
                          fmt::format("the deadline for '{}' must be between 1 and 120 months, "
                                      "not {}",
                                      key->value, *x));
            } else {
              p.deadlines_months[key->value] = static_cast<int>(*x);
            }
          }
        }
      }
    }
    if (auto v = f.Optional("escalations")) ParseEscalations(v);
    if (auto v = f.Optional("follow_up")) ParseFollowUpPolicy(v);
    if (auto v = f.Required("outcomes")) ParseOutcomes(v);
    f.Finish();
  }

  // `decision.follow_up`: how the nonconformities of the previous audit are followed up.
  void ParseFollowUpPolicy(const YamlNode* n) {
    FollowUpPolicy& fp = ref_.policy.follow_up;
    if (!r_.IsMap(n, "'follow_up' of 'decision'")) return;
    Fields f(&r_, n, "'follow_up' of 'decision'");
    if (auto v = f.Optional("open_minor_becomes")) {
      if (auto code = r_.String(v, "'open_minor_becomes'")) {
        if (CheckGradeCode(v, *code, "'open_minor_becomes'")) {
          const Grade* g = FindGradeCode(*code);
          if (g->kind != GradeKind::kMajorNc && g->kind != GradeKind::kMinorNc) {
            sink_.Error("bad-value", v->where,
                        fmt::format("'open_minor_becomes' names grade '{}' of kind {}: an open "
                                    "nonconformity becomes a nonconformity (major-nc or minor-nc)",
                                    *code, GradeKindName(g->kind)));
          } else {
            fp.open_minor_becomes = *code;
          }
        }
      }
    }
    auto months = [&](const char* key, int* out) {
      if (auto v = f.Optional(key)) {
        if (auto x = r_.Integer(v, fmt::format("'{}'", key))) {
          if (*x < 1 || *x > 120) {
            sink_.Error("bad-value", v->where,
                        fmt::format("'{}' must be between 1 and 120 months, not {}", key, *x));
          } else {
            *out = static_cast<int>(*x);
          }
        }
      }
    };
    months("suspension_months", &fp.suspension_months);
    months("reaudit_months", &fp.reaudit_months);
    months("restoration_months", &fp.restoration_months);
    f.Finish();
  }

  // The grade with this code in any grades scale, or nullptr.
  const Grade* FindGradeCode(std::string_view code) const {
    for (const Scale& s : ref_.scales) {
      int g = s.FindGrade(code);
      if (g >= 0) return &s.grades[static_cast<size_t>(g)];
    }
    return nullptr;
  }

  std::vector<std::string> GradeCodes() const {
    std::vector<std::string> codes;
    for (const Scale& s : ref_.scales) {
      for (const Grade& g : s.grades) codes.push_back(g.code);
    }
    return codes;
  }

  std::vector<std::string> LevelCodes() const {
    std::vector<std::string> codes;
    for (const Scale& s : ref_.scales) {
      for (const Level& l : s.levels) codes.push_back(l.code);
    }
    return codes;
  }

  bool CheckGradeCode(const YamlNode* n, const std::string& code, const std::string& where) {
    if (FindGradeCode(code)) return true;
    sink_.Error("unknown-grade", n->where,
                fmt::format("{} names unknown grade '{}'{}", where, code,
                            DidYouMean(code, GradeCodes())));
    return false;
  }

  void ParseEscalations(const YamlNode* v) {
    auto items = r_.List(v, "'escalations'");
    if (!items) return;
    int i = 0;
    for (const YamlNode* item : *items) {
      std::string what = fmt::format("escalation {}", ++i);
      if (!r_.IsMap(item, what)) continue;
      Fields f(&r_, item, what);
      Escalation e;
      e.where = item->where;
      const Grade* from = nullptr;
      const Grade* to = nullptr;
      const YamlNode* to_node = nullptr;
      if (auto x = f.Required("from")) {
        if (auto s = r_.String(x, fmt::format("'from' of {}", what))) {
          if (CheckGradeCode(x, *s, fmt::format("'from' of {}", what))) {
            e.from = *s;
            from = FindGradeCode(*s);
          }
        }
      }
      if (auto x = f.Required("to")) {
        to_node = x;
        if (auto s = r_.String(x, fmt::format("'to' of {}", what))) {
          if (CheckGradeCode(x, *s, fmt::format("'to' of {}", what))) {
            e.to = *s;
            to = FindGradeCode(*s);
          }
        }
      }
      if (auto x = f.Required("count")) {
        if (auto c = r_.Integer(x, fmt::format("'count' of {}", what))) {
          if (*c < 2 || *c > 1000) {
            sink_.Error("bad-value", x->where,
                        fmt::format("'count' of {} must be between 2 and 1000, not {}", what, *c));
          } else {
            e.count = static_cast<int>(*c);
          }
        }
      }
      if (auto x = f.Optional("within")) {
        if (auto s = r_.String(x, fmt::format("'within' of {}", what))) {
          if (*s == "criterion") {
            e.within = Escalation::Within::kCriterion;
          } else if (*s == "chapter") {
            e.within = Escalation::Within::kChapter;
          } else {
            sink_.Error("bad-value", x->where,
                        fmt::format("'within' of {} must be 'criterion' or 'chapter', not '{}'",
                                    what, *s));
          }
        }
      }
      f.Finish();
      if (from && to && Gravity(to->kind) <= Gravity(from->kind)) {
        sink_.Error("bad-escalation", to_node->where,
                    fmt::format("{} escalates '{}' ({}) to '{}' ({}), which is not graver", what,
                                from->code, GradeKindName(from->kind), to->code,
                                GradeKindName(to->kind)));
      }
      ref_.policy.escalations.push_back(std::move(e));
    }
  }

  void ParseOutcomes(const YamlNode* v) {
    auto items = r_.List(v, "'outcomes'");
    if (!items) return;
    if (items->empty()) {
      sink_.Error("no-fallback", v->where,
                  "'outcomes' lists no outcome: the policy must decide every audit");
      return;
    }
    std::set<std::string> ids;
    for (const YamlNode* item : *items) {
      if (!r_.IsMap(item, "an outcome")) continue;
      Outcome o;
      o.where = item->where;
      std::string ctx = "an outcome";
      if (auto c = item->Get("id"); c && c->is_scalar()) ctx = fmt::format("outcome '{}'", c->value);
      Fields f(&r_, item, ctx);
      if (auto x = f.Required("id")) {
        if (auto id = r_.Id(x, "the outcome id")) {
          o.id = *id;
          if (!ids.insert(o.id).second) {
            sink_.Error("duplicate-id", x->where, fmt::format("outcome '{}' is defined twice", o.id));
          }
        }
      }
      if (auto x = f.Required("decision")) {
        if (auto s = r_.String(x, fmt::format("'decision' of {}", ctx))) {
          if (auto d = sceau::ParseDecision(*s)) {
            o.decision = *d;
          } else {
            sink_.Error("bad-value", x->where,
                        fmt::format("'decision' of {} must be granted, conditional, refused or "
                                    "none, not '{}'{}",
                                    ctx, *s,
                                    DidYouMean(*s, {"granted", "conditional", "refused", "none"})));
          }
        }
      }
      if (auto x = f.Optional("level")) {
        if (auto s = r_.String(x, fmt::format("'level' of {}", ctx))) o.level = *s;
      }
      if (auto x = f.Required("label")) {
        if (auto t = r_.TextValue(x, fmt::format("the label of {}", ctx))) {
          o.label = *t;
          TrackText(*t, x, fmt::format("the label of {}", ctx));
        }
      }
      if (auto x = f.Optional("explanation")) {
        if (auto t = r_.TextValue(x, fmt::format("the explanation of {}", ctx))) o.explanation = *t;
      }
      if (auto x = f.Optional("when")) {
        if (auto list = r_.List(x, fmt::format("'when' of {}", ctx))) {
          for (const YamlNode* c : *list) {
            if (auto cond = ParseCondition(c, ctx, 0)) o.when.push_back(std::move(*cond));
          }
        }
      }
      f.Finish();
      ref_.policy.outcomes.push_back(std::move(o));
    }
    const auto& outcomes = ref_.policy.outcomes;
    if (outcomes.empty()) return;
    // An absent, null or empty `when` always matches.
    auto unconditional = [](const YamlNode* item) {
      const YamlNode* when = item->is_map() ? item->Get("when") : nullptr;
      return when == nullptr || when->is_null() || (when->is_sequence() && when->items.empty());
    };
    for (size_t i = 0; i + 1 < outcomes.size() && i < items->size(); ++i) {
      if (unconditional((*items)[i])) {
        sink_.Warning("unreachable-outcome", outcomes[i + 1].where,
                      fmt::format("outcome '{}' can never be chosen: outcome '{}' before it has "
                                  "no conditions and always matches",
                                  outcomes[i + 1].id, outcomes[i].id));
        break;
      }
    }
    const YamlNode* last = items->back();
    if (last->is_map() && !unconditional(last)) {
      sink_.Error("no-fallback", last->where,
                  fmt::format("the last outcome '{}' has conditions: add a final outcome without "
                              "'when' so that every audit gets a decision",
                              outcomes.back().id));
    }
  }

  std::optional<Condition> ParseCondition(const YamlNode* n, const std::string& ctx, int depth) {
    std::string what = fmt::format("a condition of {}", ctx);
    if (!n->is_map()) {
      sink_.Error("wrong-type", n->where,
                  fmt::format("{} must be a map with one key (count, score, points, "
                              "blocking_failed, all, any, not), not {}",
                              what, DescribeNode(n)));
      return std::nullopt;
    }
    if (n->pairs.size() != 1) {
      sink_.Error("bad-condition", n->where,
                  fmt::format("{} must have exactly one key (count, score, points, "
                              "blocking_failed, all, any, not); it has {}: write several "
                              "conditions as separate list items",
                              what, n->pairs.size()));
      return std::nullopt;
    }
    if (depth > 16) {
      sink_.Error("too-deep", n->where, fmt::format("{} nests more than 16 levels", what));
      return std::nullopt;
    }
    const YamlNode* key = n->pairs[0].first;
    const YamlNode* body = n->pairs[0].second;
    const std::string& k = key->value;
    Condition c;
    c.where = key->where;
    if (k == "all" || k == "any") {
      c.op = k == "all" ? Condition::Op::kAll : Condition::Op::kAny;
      auto list = r_.List(body, fmt::format("'{}' in {}", k, what));
      if (!list) return std::nullopt;
      if (list->empty()) {
        sink_.Error("bad-condition", body->where, fmt::format("'{}' in {} lists no condition", k, what));
        return std::nullopt;
      }
      bool ok = true;
      for (const YamlNode* child : *list) {
        auto cc = ParseCondition(child, ctx, depth + 1);
        if (cc) c.children.push_back(std::move(*cc));
        else ok = false;
      }
      if (!ok) return std::nullopt;
      return c;
    }
    if (k == "not") {
      c.op = Condition::Op::kNot;
      auto cc = ParseCondition(body, ctx, depth + 1);
      if (!cc) return std::nullopt;
      c.children.push_back(std::move(*cc));
      return c;
    }
    if (k == "count") c.metric = Metric::kCount;
    else if (k == "score") c.metric = Metric::kScore;
    else if (k == "points") c.metric = Metric::kPoints;
    else if (k == "blocking_failed") c.metric = Metric::kBlockingFailed;
    else {
      sink_.Error("bad-condition", key->where,
                  fmt::format("unknown condition '{}' in {}: use count, score, points, "
                              "blocking_failed, all, any or not{}",
                              k, ctx,
                              DidYouMean(k, {"count", "score", "points", "blocking_failed", "all",
                                             "any", "not"})));
      return std::nullopt;
    }
    std::string cwhat = fmt::format("'{}' in {}", k, what);
    if (!r_.IsMap(body, cwhat)) return std::nullopt;
    Fields f(&r_, body, cwhat);
    bool ok = true;
    double upper = c.metric == Metric::kScore    ? 100
                   : c.metric == Metric::kPoints ? ref_.policy.points_scale
                                                 : 1e9;
    const YamlNode* mn = f.Optional("min");
    const YamlNode* mx = f.Optional("max");
    for (const YamlNode* b : {mn, mx}) {
      if (!b) continue;
      auto x = r_.Number(b, fmt::format("'{}' of {}", b == mn ? "min" : "max", cwhat));
      if (!x) {
        ok = false;
        continue;
      }
      if (*x < 0 || *x > upper) {
        bool bounded = c.metric == Metric::kScore || c.metric == Metric::kPoints;
        sink_.Error("bad-threshold", b->where,
                    bounded ? fmt::format("'{}' of {} must lie between 0 and {}, not {}",
                                          b == mn ? "min" : "max", cwhat, upper, b->value)
                            : fmt::format("'{}' of {} must not be negative, not {}",
                                          b == mn ? "min" : "max", cwhat, b->value));
        ok = false;
        continue;
      }
      (b == mn ? c.min : c.max) = *x;
    }
    if (!mn && !mx) {
      sink_.Error("bad-threshold", body->where, fmt::format("{} needs 'min', 'max' or both", cwhat));
      ok = false;
    } else if (c.min && c.max && *c.min > *c.max) {
      sink_.Error("bad-threshold", mn->where,
                  fmt::format("{} has 'min' {} above 'max' {}: it can never hold", cwhat,
                              mn->value, mx->value));
      ok = false;
    }
    if (c.metric == Metric::kCount) {
      int selectors = 0;
      const char* first_selector = nullptr;
      auto selector = [&](const char* name) {
        const YamlNode* x = f.Optional(name);
        if (x) {
          if (++selectors == 2) {
            sink_.Error("bad-condition", x->where,
                        fmt::format("{} combines '{}' with '{}': use at most one of grade, kind, "
                                    "level, level_below",
                                    cwhat, name, first_selector));
            ok = false;
          }
          if (!first_selector) first_selector = name;
        }
        return x;
      };
      if (auto x = selector("grade")) {
        if (auto s = r_.String(x, fmt::format("'grade' of {}", cwhat))) {
          if (CheckGradeCode(x, *s, cwhat)) c.grade = *s;
          else ok = false;
        }
      }
      if (auto x = selector("kind")) {
        if (auto s = r_.String(x, fmt::format("'kind' of {}", cwhat))) {
          c.kind = ParseGradeKind(*s);
          if (!c.kind) {
            sink_.Error("bad-value", x->where,
                        fmt::format("{} names unknown grade kind '{}'{}", cwhat, *s,
                                    DidYouMean(*s, GradeKindNames())));
            ok = false;
          }
        }
      }
      for (const char* name : {"level", "level_below"}) {
        if (auto x = selector(name)) {
          if (auto s = r_.String(x, fmt::format("'{}' of {}", name, cwhat))) {
            std::vector<std::string> levels = LevelCodes();
            if (std::find(levels.begin(), levels.end(), *s) == levels.end()) {
              sink_.Error("unknown-level", x->where,
                          fmt::format("{} names unknown level '{}'{}", cwhat, *s,
                                      DidYouMean(*s, levels)));
              ok = false;
            } else {
              (std::string_view(name) == "level" ? c.level : c.level_below) = *s;
            }
          }
        }
      }
      if (auto x = f.Optional("blocking")) {
        c.blocking = r_.Bool(x, fmt::format("'blocking' of {}", cwhat));
      }
    }
    if (c.metric != Metric::kBlockingFailed) {
      if (auto x = f.Optional("chapter")) {
        c.chapter = ResolveChapter(x, cwhat);
        if (c.chapter < 0) ok = false;
      }
    }
    if (c.metric == Metric::kScore || c.metric == Metric::kPoints) {
      if (auto x = f.Optional("each_chapter")) {
        c.each_chapter = r_.Bool(x, fmt::format("'each_chapter' of {}", cwhat)).value_or(false);
        if (c.each_chapter && c.chapter >= 0) {
          sink_.Error("bad-condition", x->where,
                      fmt::format("{} sets both 'chapter' and 'each_chapter': choose one", cwhat));
          ok = false;
        }
      }
    }
    f.Finish();
    if (!ok) return std::nullopt;
    return c;
  }

  // ---- whole-referential checks ---------------------------------------------------------------
  void CheckGraph() {
    if (ref_.criteria.empty()) return;
    CriteriaGraph graph(ref_);
    for (const Cycle& cycle : graph.Cycles()) {
      // Point at the `requires` entry that closes the cycle: from cycle[0] to cycle[1].
      const Criterion& from = ref_.criteria[static_cast<size_t>(cycle[0])];
      SourceLocation where = from.where;
      for (const Link& l : from.prerequisites) {
        if (l.target == cycle[1]) where = l.where;
      }
      sink_.Error("dependency-cycle", where,
                  fmt::format("dependency cycle: {}", CycleToString(ref_, cycle)));
    }
  }

  void CheckChapters() {
    // A chapter with no criterion in it or below it cannot be scored.
    std::vector<int> count(ref_.chapters.size(), 0);
    for (const Criterion& c : ref_.criteria) {
      for (int ch = c.chapter; ch >= 0; ch = ref_.chapters[static_cast<size_t>(ch)].parent) {
        ++count[static_cast<size_t>(ch)];
      }
    }
    for (size_t i = 0; i < ref_.chapters.size(); ++i) {
      if (count[i] == 0 && !sink_.has_errors()) {
        sink_.Warning("empty-chapter", ref_.chapters[i].where,
                      fmt::format("chapter '{}' holds no criterion", ref_.chapters[i].id));
      }
    }
    // Translations: every language the referential declares, on every tracked text.
    for (const auto& t : texts_) {
      for (const auto& [lang, s] : t.text.by_lang) {
        if (std::find(ref_.languages.begin(), ref_.languages.end(), lang) == ref_.languages.end()) {
          sink_.Warning("undeclared-language", t.node->where,
                        fmt::format("{} has a '{}' text, but 'languages' does not list '{}'", t.what,
                                    lang, lang));
        }
      }
      for (const std::string& lang : ref_.languages) {
        if (t.text.by_lang.find(lang) == t.text.by_lang.end()) {
          sink_.Warning("missing-translation", t.node->where,
                        fmt::format("{} has no '{}' text", t.what, lang));
        }
      }
    }
  }

  struct TrackedText {
    Text text;
    const YamlNode* node;
    std::string what;
  };

  YamlReader r_;
  DiagnosticSink& sink_;
  Referential& ref_;
  const YamlNode* default_scale_node_ = nullptr;
  bool need_scale_everywhere_ = false;
  std::vector<std::string> evidence_kinds_;
  std::vector<const YamlNode*> criterion_nodes_;
  std::unordered_map<std::string, int> first_seen_;
  std::vector<TrackedText> texts_;
};

}  // namespace

namespace {

// Loads the referential that `root` extends, if any; reports why it cannot.
std::shared_ptr<const Referential> ResolveBase(const YamlNode* root, const LoadOptions& options,
                                               DiagnosticSink* sink,
                                               std::vector<Diagnostic>* base_diagnostics) {
  if (!root || !root->is_map()) return nullptr;
  const YamlNode* ext = root->Get("extends");
  if (!ext || ext->is_null()) return nullptr;
  YamlReader r(sink);
  if (!r.IsMap(ext, "'extends'")) return nullptr;
  Fields f(&r, ext, "'extends'");
  std::string id, version;
  if (auto v = f.Required("id")) id = r.Id(v, "the id of the base referential").value_or("");
  if (auto v = f.Required("version")) version = r.String(v, "the version of the base referential").value_or("");
  f.Finish();
  if (id.empty() || version.empty()) return nullptr;
  const YamlNode* self = root->Get("id");
  std::string self_id = self && self->is_scalar() ? self->value : "";
  std::vector<std::string> chain = options.extends_chain;
  chain.push_back(self_id);
  if (std::find(chain.begin(), chain.end(), id) != chain.end()) {
    chain.push_back(id);
    sink->Error("extends-cycle", ext->where,
                fmt::format("extends cycle: {}", fmt::join(chain, " -> ")));
    return nullptr;
  }
  if (chain.size() > 8) {
    sink->Error("too-deep", ext->where, "referentials extend one another more than 8 deep");
    return nullptr;
  }
  if (options.base_dir.empty()) {
    sink->Error("unknown-referential", ext->where,
                fmt::format("cannot look for base referential '{}' version '{}': no folder to "
                            "look in",
                            id, version));
    return nullptr;
  }
  LoadOptions base_options = options;
  base_options.base_dir.clear();  // each base looks in its own folder
  base_options.extends_chain = chain;
  ReferentialLibrary library(options.base_dir, base_options);
  std::string error;
  std::shared_ptr<const Referential> base = library.Resolve(id, version, &error);
  if (!base) {
    sink->Error("unknown-referential", ext->where, fmt::format("base referential: {}", error));
    // Show why the base fails too (an extends cycle shows its path there).
    *base_diagnostics = library.diagnostics();
    return nullptr;
  }
  return base;
}

}  // namespace

ReferentialLoad LoadReferentialFromString(const std::string& name, std::string text,
                                          const LoadOptions& options) {
  ReferentialLoad result;
  std::vector<Diagnostic> base_diagnostics;
  std::string sha256 = Sha256Hex(text);
  // A UTF-8 byte order mark is allowed and ignored.
  size_t bom = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    text.erase(0, 3);
    bom = 3;
  }
  auto source = std::make_shared<SourceFile>(name, std::move(text), bom);
  DiagnosticSink sink(source);
  YamlDocument doc;
  if (ParseYaml(source, options.limits, &sink, &doc)) {
    auto ref = std::make_shared<Referential>();
    ref->path = name;
    ref->sha256 = sha256;
    std::shared_ptr<const Referential> base = ResolveBase(doc.root(), options, &sink, &base_diagnostics);
    if (base) ref->sha256 = Sha256Hex(sha256 + ":" + base->sha256);
    ReferentialParser parser(&sink, ref.get());
    parser.Parse(doc.root(), base.get());
    if (!sink.has_errors()) CheckPolicy(*ref, &sink);  // engine/policy_check.h
    if (!sink.has_errors()) result.referential = std::move(ref);
  }
  result.diagnostics = sink.Take();
  result.diagnostics.insert(result.diagnostics.end(), base_diagnostics.begin(), base_diagnostics.end());
  return result;
}

ReferentialLoad LoadReferentialFile(const std::string& path, const LoadOptions& options) {
  std::string text;
  Diagnostic error;
  if (!ReadFileText(path, options.limits.max_file_bytes, &text, &error)) {
    ReferentialLoad result;
    result.diagnostics.push_back(std::move(error));
    return result;
  }
  LoadOptions with_dir = options;
  if (with_dir.base_dir.empty()) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    with_dir.base_dir = parent.empty() ? "." : parent.string();
  }
  return LoadReferentialFromString(path, std::move(text), with_dir);
}

}  // namespace sceau
