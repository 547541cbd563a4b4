// Variants: a referential that extends another one, with replace and remove
// (referentials/README.md, "Variants: extends").
#include <fmt/format.h>

#include <algorithm>

#include "engine/referential_library.h"
#include "engine/referential_parser.h"
#include "engine/referential_spec.h"
#include "engine/wording.h"

namespace sceau::referential_internal {

void ReferentialParser::ParseExtending(Fields& f, const YamlNode* root, const Referential& base,
                                       SourceLocation at) {
  ref_.extends_id = base.id;
  ref_.extends_version = base.version;
  for (const char* key : {"scales", "default_scale"}) {
    if (auto n = f.Get(key)) {
      sink_.Error("unexpected-key", n->where,
                  Fmt("'{}' cannot be given in a referential that extends '{}': the scales "
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
  evidence_kind_labels_ = base.evidence_kind_labels;
  evidence_kind_labels_.resize(evidence_kinds_.size());
  if (auto n = f.Get("evidence_kinds")) ParseEvidenceKinds(n);
  ref_.frameworks = base.frameworks;
  if (auto n = f.Get("frameworks")) ParseFrameworks(n);
  ref_.chapters = base.chapters;
  ref_.chapter_index = base.chapter_index;
  for (Chapter& ch : ref_.chapters) {
    ch.criteria.clear();
    ch.where = at;
  }
  if (auto n = f.Get("chapters")) ParseChapters(n, -1);
  MergeCriteria(f, base, at);
  if (auto n = f.Get("decision")) {
    ParseDecision(n);
  } else {
    ref_.policy = base.policy;
    ref_.policy.where = at;
  }
}

std::map<std::string, const YamlNode*> ReferentialParser::ReadRemoved(
    const YamlNode* removed, const Referential& base, const std::vector<std::string>& base_ids) {
  std::map<std::string, const YamlNode*> remove_at;
  auto items = removed ? r_.List(removed, "'remove'") : nullptr;
  if (!items) return remove_at;
  for (const YamlNode* item : *items) {
    auto id = r_.String(item, Tr("an entry of 'remove'"));
    if (!id) continue;
    if (base.FindCriterion(*id) < 0) {
      sink_.Error("unknown-criterion", item->where,
                  Fmt("'remove' names criterion '{}', which '{}' does not have{}", *id, base.id,
                      DidYouMean(*id, base_ids)));
    } else if (!remove_at.emplace(*id, item).second) {
      sink_.Warning("duplicate-entry", item->where, Fmt("criterion '{}' is removed twice", *id));
    }
  }
  return remove_at;
}

std::map<std::string, const YamlNode*> ReferentialParser::ReadReplaced(
    const YamlNode* replaced, const Referential& base, const std::vector<std::string>& base_ids,
    const std::map<std::string, const YamlNode*>& remove_at) {
  std::map<std::string, const YamlNode*> replace_with;
  auto items = replaced ? r_.List(replaced, "'replace'") : nullptr;
  if (!items) return replace_with;
  for (const YamlNode* item : *items) {
    if (!r_.IsMap(item, Tr("an entry of 'replace'"))) continue;
    const YamlNode* id = item->Get("id");
    if (!id || !id->is_scalar()) {
      Fields g(&r_, item, format::CriterionSpec(), Tr("a replaced criterion"));
      g.Required("id");
      continue;
    }
    if (base.FindCriterion(id->value) < 0) {
      sink_.Error("unknown-criterion", id->where,
                  Fmt("'replace' names criterion '{}', which '{}' does not have{}; "
                      "add it under 'criteria'",
                      id->value, base.id, DidYouMean(id->value, base_ids)));
    } else if (remove_at.count(id->value)) {
      sink_.Error("bad-value", id->where,
                  Fmt("criterion '{}' is both replaced and removed", id->value));
    } else if (!replace_with.emplace(id->value, item).second) {
      sink_.Error("duplicate-id", id->where, Fmt("criterion '{}' is replaced twice", id->value));
    }
  }
  return replace_with;
}

std::vector<const YamlNode*> ReferentialParser::ReadAdded(const YamlNode* added,
                                                          const Referential& base) {
  std::vector<const YamlNode*> added_nodes;
  auto items = added ? r_.List(added, "'criteria'") : nullptr;
  if (!items) return added_nodes;
  for (const YamlNode* item : *items) {
    if (!r_.IsMap(item, Tr("a criterion"))) continue;
    const YamlNode* id = item->Get("id");
    if (!id || !id->is_scalar()) {
      Fields g(&r_, item, format::CriterionSpec(), Tr("a criterion"));
      g.Required("id");
      continue;
    }
    if (base.FindCriterion(id->value) >= 0) {
      sink_.Error("duplicate-id", id->where,
                  Fmt("criterion '{}' is already in '{}': to change it, put it under "
                      "'replace'",
                      id->value, base.id));
      continue;
    }
    added_nodes.push_back(item);
  }
  return added_nodes;
}

void ReferentialParser::MergeCriteria(Fields& f, const Referential& base, SourceLocation at) {
  std::vector<std::string> base_ids;
  for (const Criterion& c : base.criteria) base_ids.push_back(c.id);
  const YamlNode* added = f.Get("criteria");
  const YamlNode* replaced = f.Get("replace");
  const YamlNode* removed = f.Get("remove");
  std::map<std::string, const YamlNode*> remove_at = ReadRemoved(removed, base, base_ids);
  std::map<std::string, const YamlNode*> replace_with =
      ReadReplaced(replaced, base, base_ids, remove_at);
  std::vector<const YamlNode*> added_nodes = ReadAdded(added, base);
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
                  Fmt("criterion '{}' is defined twice", id));
    }
  }
  ref_.criteria.resize(nodes.size());
  for (size_t k = 0; k < nodes.size(); ++k) {
    if (nodes[k]) {
      ParseCriterion(nodes[k], &ref_.criteria[k]);
    } else {
      Inherit(base, from_base[k], at, remove_at, &ref_.criteria[k]);
    }
  }
  // Criteria added or replaced here may not require a removed one either (reported as an unknown
  // criterion by ParseCriterion). Fill the chapters' lists.
  for (size_t i = 0; i < ref_.criteria.size(); ++i) {
    int ch = ref_.criteria[i].chapter;
    if (ch >= 0) ref_.chapters[static_cast<size_t>(ch)].criteria.push_back(static_cast<int>(i));
  }
}

// A criterion inherited as it is: its links are re-resolved by id in the merged list.
void ReferentialParser::Inherit(const Referential& base, int from, SourceLocation at,
                                std::map<std::string, const YamlNode*>& remove_at, Criterion* out) {
  Criterion c = base.criteria[static_cast<size_t>(from)];
  c.where = at;
  auto relink = [&](std::vector<Link>* links, bool strict) {
    std::vector<Link> kept;
    for (Link l : *links) {
      const std::string& target = base.criteria[static_cast<size_t>(l.target)].id;
      int now = ref_.FindCriterion(target);
      if (now < 0) {
        if (strict) {
          sink_.Error("bad-remove", remove_at.count(target) ? remove_at[target]->where : at,
                      Fmt("cannot remove '{}': '{}' requires it; replace '{}' or "
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
  *out = std::move(c);
}

std::shared_ptr<const Referential> ResolveBase(const YamlNode* root, const LoadOptions& options,
                                               DiagnosticSink* sink,
                                               std::vector<Diagnostic>* base_diagnostics) {
  if (!root || !root->is_map()) return nullptr;
  const YamlNode* ext = root->Get("extends");
  if (!ext || ext->is_null()) return nullptr;
  YamlReader r(sink);
  if (!r.IsMap(ext, "'extends'")) return nullptr;
  Fields f(&r, ext, format::ExtendsSpec(), "'extends'");
  std::string id = f.Id("id", Tr("the id of the base referential")).value_or("");
  std::string version = f.String("version", Tr("the version of the base referential")).value_or("");
  f.Finish();
  if (id.empty() || version.empty()) return nullptr;
  const YamlNode* self = root->Get("id");
  std::string self_id = self && self->is_scalar() ? self->value : "";
  std::vector<std::string> chain = options.extends_chain;
  chain.push_back(self_id);
  if (std::find(chain.begin(), chain.end(), id) != chain.end()) {
    chain.push_back(id);
    sink->Error("extends-cycle", ext->where, Fmt("extends cycle: {}", fmt::join(chain, " -> ")));
    return nullptr;
  }
  if (chain.size() > 8) {
    sink->Error("too-deep", ext->where, Tr("referentials extend one another more than 8 deep"));
    return nullptr;
  }
  if (options.base_dir.empty()) {
    sink->Error("unknown-referential", ext->where,
                Fmt("cannot look for base referential '{}' version '{}': no folder to "
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
    sink->Error("unknown-referential", ext->where, Fmt("base referential: {}", error));
    // Show why the base fails too (an extends cycle shows its path there).
    *base_diagnostics = library.diagnostics();
    return nullptr;
  }
  return base;
}

}  // namespace sceau::referential_internal
