// The identity of a referential: format, id, version, title, description, publisher, effective,
// supersedes, languages (referentials/README.md, "Top level").
#include <fmt/format.h>

#include <algorithm>

#include "engine/referential_parser.h"
#include "engine/wording.h"

namespace sceau::referential_internal {

void ReferentialParser::ParseIdentity(Fields& f) {
  if (auto n = f.Get("format")) {
    if (auto v = r_.Integer(n, "'format'")) {
      if (*v != 1) {
        sink_.Error("unsupported-format", n->where,
                    Fmt("format {} is not supported: this sceau reads format 1", *v));
      }
    }
  }
  if (auto v = f.Id("id", Tr("the referential id"))) ref_.id = *v;
  if (auto n = f.Get("version")) {
    if (n->is_scalar() && n->plain && !n->value.empty() &&
        n->value.find('.') != std::string::npos && n->value.back() == '0') {
      // 2026.10 read as a number would be 2026.1: warn, the text is kept as written.
      sink_.Warning(
          "unquoted-version", n->where,
          Fmt("quote the version (\"{}\") so that no tool reads it as a number", n->value));
    }
    if (auto v = r_.String(n, "'version'")) {
      if (v->empty()) sink_.Error("missing-key", n->where, Tr("'version' is empty"));
      ref_.version = *v;
    }
  }
  if (auto n = f.Get("title")) {
    if (auto t = r_.TextValue(n, Tr("the referential's title"))) {
      ref_.title = *t;
      TrackText(*t, n, Tr("the referential's title"));
    }
  }
  if (auto t = f.Text("description", Tr("the referential's description"))) ref_.description = *t;
  if (auto v = f.String("publisher")) ref_.publisher = *v;
  if (f.Get("effective")) ref_.effective = f.Date("effective");
  if (auto n = f.Get("supersedes")) {
    if (auto v = r_.String(n, "'supersedes'")) {
      ref_.supersedes = *v;
      if (*v == ref_.version && !v->empty()) {
        sink_.Error("bad-supersedes", n->where, Fmt("version '{}' cannot supersede itself", *v));
      }
    }
  }
  ref_.languages = {"fr"};
  if (auto n = f.Get("languages")) ParseLanguages(n);
}

void ReferentialParser::ParseLanguages(const YamlNode* n) {
  auto items = r_.List(n, "'languages'");
  if (!items) return;
  ref_.languages.clear();
  for (const YamlNode* item : *items) {
    auto v = r_.String(item, Tr("a language"));
    if (!v) continue;
    if (v->size() != 2 || (*v)[0] < 'a' || (*v)[0] > 'z' || (*v)[1] < 'a' || (*v)[1] > 'z') {
      sink_.Error("bad-language", item->where,
                  Fmt("'{}' is not a language code: use two lowercase letters", *v));
      continue;
    }
    if (std::find(ref_.languages.begin(), ref_.languages.end(), *v) != ref_.languages.end()) {
      sink_.Error("duplicate-id", item->where, Fmt("language '{}' is listed twice", *v));
      continue;
    }
    ref_.languages.push_back(*v);
  }
  if (std::find(ref_.languages.begin(), ref_.languages.end(), "fr") == ref_.languages.end()) {
    sink_.Error("missing-french", n->where, Tr("'languages' must include 'fr'"));
  }
}

void ReferentialParser::TrackText(const Text& text, const YamlNode* n, std::string what) {
  texts_.push_back({text, n, std::move(what)});
}

}  // namespace sceau::referential_internal
