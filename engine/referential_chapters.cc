// Chapters, nested (referentials/README.md, "chapters").
#include <fmt/format.h>

#include "engine/referential_parser.h"
#include "engine/referential_spec.h"
#include "engine/wording.h"

namespace sceau::referential_internal {

void ReferentialParser::ParseChapters(const YamlNode* n, int parent) {
  auto items = r_.List(n, parent < 0 ? std::string("'chapters'")
                                     : Fmt("'chapters' of chapter '{}'",
                                           ref_.chapters[static_cast<size_t>(parent)].id));
  if (!items) return;
  if (items->empty() && parent < 0) {
    sink_.Error("missing-key", n->where, Tr("'chapters' lists no chapter"));
  }
  for (const YamlNode* item : *items) {
    if (!r_.IsMap(item, Tr("a chapter"))) continue;
    Chapter ch;
    ch.where = item->where;
    ch.parent = parent;
    ch.depth = parent < 0 ? 0 : ref_.chapters[static_cast<size_t>(parent)].depth + 1;
    std::string ctx = Tr("a chapter");
    if (auto c = item->Get("id"); c && c->is_scalar()) ctx = Fmt("chapter '{}'", c->value);
    Fields f(&r_, item, format::ChapterSpec(), ctx);
    bool ok = false;
    int duplicate_of = -1;
    if (auto v = f.Get("id")) {
      if (auto id = r_.Id(v, Tr("the chapter id"))) {
        ch.id = *id;
        int prev = ref_.FindChapter(ch.id);
        duplicate_of = prev;
        if (prev >= 0) {
          sink_.Error("duplicate-id", v->where,
                      Fmt("chapter '{}' is defined twice (first at line {})", ch.id,
                          ref_.chapters[static_cast<size_t>(prev)].where.line));
        } else {
          ok = true;
        }
      }
    }
    if (auto v = f.Get("title")) {
      if (auto t = r_.TextValue(v, Fmt("the title of {}", ctx))) {
        ch.title = *t;
        TrackText(*t, v, Fmt("the title of {}", ctx));
      }
    }
    if (auto t = f.Text("description", Fmt("the description of {}", ctx))) {
      ch.description = *t;
    }
    ch.weight = ReadWeight(f);
    const YamlNode* sub = f.Get("chapters");
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

// The 'weight' of a chapter or criterion read through `f`; 1 when absent or wrong.
double ReferentialParser::ReadWeight(Fields& f) { return f.Number("weight").value_or(1); }

std::vector<std::string> ReferentialParser::ChapterIds() const {
  std::vector<std::string> ids;
  for (const Chapter& c : ref_.chapters) ids.push_back(c.id);
  return ids;
}

int ReferentialParser::ResolveChapter(const YamlNode* v, const std::string& ctx) {
  auto id = r_.String(v, Fmt("'chapter' of {}", ctx));
  if (!id) return -1;
  int c = ref_.FindChapter(*id);
  if (c < 0) {
    sink_.Error("unknown-chapter", v->where,
                Fmt("{} names unknown chapter '{}'{}", ctx, *id, DidYouMean(*id, ChapterIds())));
  }
  return c;
}

}  // namespace sceau::referential_internal
