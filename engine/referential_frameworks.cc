// Evidence kinds, frameworks and the criteria's mappings to them (referentials/README.md,
// "evidence_kinds", "frameworks", "mappings").
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "engine/referential_parser.h"
#include "engine/referential_spec.h"
#include "engine/wording.h"

namespace sceau::referential_internal {

void ReferentialParser::ParseEvidenceKinds(const YamlNode* n) {
  auto items = r_.List(n, "'evidence_kinds'");
  if (!items) return;
  const std::vector<std::string>& builtin = BuiltinEvidenceKinds();
  for (const YamlNode* item : *items) {
    if (!r_.IsMap(item, Tr("an evidence kind"))) continue;
    Fields f(&r_, item, format::EvidenceKindSpec(), Tr("an evidence kind"));
    bool added = false;
    if (auto v = f.Get("id")) {
      if (auto id = r_.Id(v, Tr("the evidence kind id"))) {
        if (std::find(evidence_kinds_.begin(), evidence_kinds_.end(), *id) !=
                evidence_kinds_.end() ||
            std::find(builtin.begin(), builtin.end(), *id) != builtin.end()) {
          sink_.Error("duplicate-id", v->where, Fmt("evidence kind '{}' is already defined", *id));
        } else {
          evidence_kinds_.push_back(*id);
          added = true;
        }
      }
    }
    std::optional<Text> label = f.Text("label", Tr("the label of an evidence kind"));
    if (added) evidence_kind_labels_.push_back(label ? *label : Text{});
    f.Finish();
  }
}

void ReferentialParser::ParseFrameworks(const YamlNode* n) {
  auto items = r_.List(n, "'frameworks'");
  if (!items) return;
  for (const YamlNode* item : *items) {
    if (!r_.IsMap(item, Tr("a framework"))) continue;
    Framework fw;
    fw.where = item->where;
    std::string ctx = Tr("a framework");
    if (auto c = item->Get("id"); c && c->is_scalar()) ctx = Fmt("framework '{}'", c->value);
    Fields f(&r_, item, format::FrameworkSpec(), ctx);
    if (auto id = f.Id("id", Tr("the framework id"))) fw.id = *id;
    if (auto t = f.Text("title", Fmt("the title of {}", ctx))) fw.title = *t;
    if (auto v = f.Get("items")) ParseFrameworkItems(v, ctx, &fw);
    f.Finish();
    if (fw.id.empty()) continue;
    if (FindFramework(fw.id) >= 0) {
      sink_.Error("duplicate-id", item->Get("id")->where,
                  Fmt("framework '{}' is defined twice", fw.id));
      continue;
    }
    ref_.frameworks.push_back(std::move(fw));
  }
}

void ReferentialParser::ParseFrameworkItems(const YamlNode* v, const std::string& ctx,
                                            Framework* fw) {
  auto list = r_.List(v, Fmt("'items' of {}", ctx));
  if (!list) return;
  std::set<std::string> seen;
  for (const YamlNode* it : *list) {
    if (!r_.IsMap(it, Fmt("an item of {}", ctx))) continue;
    Fields g(&r_, it, format::FrameworkItemSpec(), Fmt("an item of {}", ctx));
    std::string id;
    Text title;
    if (auto x = g.Get("id")) {
      if (auto s = r_.Id(x, Tr("the item id"))) {
        id = *s;
        if (!seen.insert(id).second) {
          sink_.Error("duplicate-id", x->where, Fmt("item '{}' is listed twice in {}", id, ctx));
          id.clear();
        }
      }
    }
    if (g.Get("title")) {
      if (auto t = g.Text("title", Fmt("the title of item '{}'", id))) title = *t;
    }
    g.Finish();
    if (!id.empty()) fw->items.emplace_back(id, title);
  }
}

int ReferentialParser::FindFramework(std::string_view id) const {
  for (size_t i = 0; i < ref_.frameworks.size(); ++i) {
    if (ref_.frameworks[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

void ReferentialParser::ParseMappings(const YamlNode* v, const std::string& ctx, Criterion* c) {
  std::string what = Fmt("'mappings' of {}", ctx);
  if (!r_.IsMap(v, what)) return;
  for (const auto& [key, value] : v->pairs) {
    int fw = FindFramework(key->value);
    if (fw < 0) {
      std::vector<std::string> ids;
      for (const Framework& x : ref_.frameworks) ids.push_back(x.id);
      sink_.Error("unknown-framework", key->where,
                  Fmt("{} maps to unknown framework '{}'{}; declare it under "
                      "'frameworks'",
                      ctx, key->value, DidYouMean(key->value, ids)));
      continue;
    }
    const Framework& framework = ref_.frameworks[static_cast<size_t>(fw)];
    std::vector<std::string> ids;
    auto items = r_.List(value, Fmt("'{}' in {}", key->value, what));
    if (!items) continue;
    std::vector<std::string> known;
    for (const auto& [item_id, title] : framework.items) known.push_back(item_id);
    for (const YamlNode* item : *items) {
      auto id = r_.String(item, Fmt("an item of '{}' in {}", key->value, what));
      if (!id) continue;
      if (!known.empty() && std::find(known.begin(), known.end(), *id) == known.end()) {
        sink_.Error("unknown-mapping", item->where,
                    Fmt("{} maps to '{}', which framework '{}' does not list{}", ctx, *id,
                        framework.id, DidYouMean(*id, known)));
        continue;
      }
      ids.push_back(*id);
    }
    c->mappings.emplace_back(key->value, std::move(ids));
  }
}

std::vector<std::string> ReferentialParser::ReadEvidenceKinds(const YamlNode* v,
                                                              const std::string& what) {
  std::vector<std::string> out;
  auto items = r_.List(v, what);
  if (!items) return out;
  for (const YamlNode* item : *items) {
    auto k = r_.String(item, Fmt("an evidence kind in {}", what));
    if (!k) continue;
    if (!KnownEvidenceKind(*k)) {
      std::vector<std::string> all = BuiltinEvidenceKinds();
      all.insert(all.end(), evidence_kinds_.begin(), evidence_kinds_.end());
      sink_.Error("unknown-evidence-kind", item->where,
                  Fmt("unknown evidence kind '{}' in {}{}", *k, what, DidYouMean(*k, all)));
      continue;
    }
    if (std::find(out.begin(), out.end(), *k) != out.end()) {
      sink_.Warning("duplicate-entry", item->where,
                    Fmt("evidence kind '{}' is listed twice in {}", *k, what));
      continue;
    }
    out.push_back(*k);
  }
  return out;
}

bool ReferentialParser::KnownEvidenceKind(const std::string& k) const {
  const auto& b = BuiltinEvidenceKinds();
  return std::find(b.begin(), b.end(), k) != b.end() ||
         std::find(evidence_kinds_.begin(), evidence_kinds_.end(), k) != evidence_kinds_.end();
}

}  // namespace sceau::referential_internal
