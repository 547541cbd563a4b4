// The `evidence` section of a dossier (audits/README.md, "evidence"): the register, its files and
// their hashes, and the references to it.

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/contained_file.h"
#include "engine/dossier_parser.h"
#include "engine/sha256.h"
#include "engine/wording.h"

namespace sceau::dossier_internal {

void DossierParser::ParseEvidence(const YamlNode* n) {
  auto items = r_.List(n, "'evidence'");
  if (!items) return;
  const std::vector<std::string> kinds = EvidenceKinds();
  d_->evidence.reserve(items->size());
  evidence_index_.reserve(items->size());
  for (const YamlNode* item : *items) {
    if (!r_.IsMap(item, Tr("an evidence item"))) continue;
    Evidence e;
    e.where = item->where;
    std::string ctx = Tr("an evidence item");
    if (auto c = item->Get("id"); c && c->is_scalar()) ctx = Fmt("evidence '{}'", c->value);
    Fields f(&r_, item, SubSpec(format::DossierSpec(), "evidence"), ctx);
    bool ok = false;
    if (auto v = f.Required("id")) {
      if (auto id = r_.Id(v, Tr("the evidence id"))) {
        e.id = *id;
        if (FindEvidence(e.id) >= 0) {
          sink_.Error("duplicate-id", v->where,
                      Fmt("evidence '{}' is defined twice (first at line {})", e.id,
                          d_->evidence[static_cast<size_t>(FindEvidence(e.id))].where.line));
        } else {
          ok = true;
        }
      }
    }
    if (auto v = f.Required("kind")) {
      if (auto k = r_.String(v, Fmt("the kind of {}", ctx))) {
        if (std::find(kinds.begin(), kinds.end(), *k) == kinds.end()) {
          sink_.Error("unknown-evidence-kind", v->where,
                      Fmt("unknown evidence kind '{}' for {}{}", *k, ctx, DidYouMean(*k, kinds)));
        }
        e.kind = *k;
      }
    }
    if (auto v = f.Required("title"))
      e.title = r_.String(v, Fmt("the title of {}", ctx)).value_or("");
    if (auto v = f.Optional("date")) {
      e.date = r_.DateValue(v, Fmt("the date of {}", ctx));
      if (e.date && have_dates_ && d_->audit.end < *e.date) {
        sink_.Warning("evidence-after-audit", v->where,
                      Fmt("{} is dated {}, after the audit ended ({})", ctx, e.date->ToString(),
                          d_->audit.end.ToString()));
      }
    }
    const YamlNode* file = f.Optional("file");
    if (file) {
      if (auto s = r_.String(file, Fmt("the file of {}", ctx))) {
        if (CheckRelativeFile(sink_, file, *s, ctx)) e.file = *s;
      }
    }
    const YamlNode* sha = f.Optional("sha256");
    if (sha) {
      if (auto s = r_.String(sha, Fmt("the sha256 of {}", ctx))) {
        std::string hex = *s;
        if (!IsHex64(&hex)) {
          sink_.Error("bad-value", sha->where,
                      Fmt("the sha256 of {} must be 64 hexadecimal digits", ctx));
        } else {
          e.sha256 = hex;
        }
      }
    }
    f.Finish();
    if (!e.file.empty() && !options_.base_dir.empty()) CheckEvidenceFile(&e, file, sha, ctx);
    if (ok) {
      evidence_index_.emplace(e.id, static_cast<int>(d_->evidence.size()));
      d_->evidence.push_back(std::move(e));
    }
  }
}

void DossierParser::CheckEvidenceFile(Evidence* e, const YamlNode* file, const YamlNode* sha,
                                      const std::string& ctx) {
  // Opened inside the dossier's folder (symbolic links resolved), without blocking, checked and
  // hashed on the one descriptor (engine/contained_file.h).
  ContainedFile opened = ContainedFile::Open(options_.base_dir, e->file);
  switch (opened.status()) {
    case ContainedStatus::kOk:
      break;
    case ContainedStatus::kMissing:
      sink_.Warning("missing-file", file->where,
                    Fmt("the file of {} ('{}') is not in the dossier's folder", ctx, e->file));
      return;
    case ContainedStatus::kUnreadable:
      sink_.Warning("missing-file", file->where,
                    Fmt("the file of {} ('{}') {}", ctx, e->file,
                        opened.Problem(Tr("the dossier's folder"))));
      return;
    default:
      sink_.Error("bad-path", file->where,
                  Fmt("the file of {} ('{}') {}", ctx, e->file,
                      opened.Problem(Tr("the dossier's folder"))));
      return;
  }
  std::string actual;
  if (!opened.Sha256(&actual)) {
    sink_.Warning("missing-file", file->where,
                  Fmt("the file of {} ('{}') cannot be read", ctx, e->file));
    return;
  }
  e->file_present = true;
  if (!e->sha256.empty() && e->sha256 != actual) {
    sink_.Error("hash-mismatch", sha->where,
                Fmt("the file of {} has SHA-256 {}, not the one declared: the file "
                    "changed since it was registered",
                    ctx, actual));
  }
  e->sha256 = actual;
}

std::vector<std::string> DossierParser::EvidenceKinds() const {
  std::vector<std::string> kinds = BuiltinEvidenceKinds();
  kinds.insert(kinds.end(), ref_->evidence_kinds.begin(), ref_->evidence_kinds.end());
  return kinds;
}

int DossierParser::FindEvidence(std::string_view id) const {
  auto it = evidence_index_.find(std::string(id));
  return it == evidence_index_.end() ? -1 : it->second;
}

std::vector<int> DossierParser::ReadEvidenceRefs(const YamlNode* v, const std::string& what) {
  std::vector<int> out;
  auto items = r_.List(v, what);
  if (!items) return out;
  for (const YamlNode* item : *items) {
    auto id = r_.String(item, Fmt("an entry of {}", what));
    if (!id) continue;
    int e = FindEvidence(*id);
    if (e < 0) {
      std::vector<std::string> ids;
      for (const Evidence& x : d_->evidence) ids.push_back(x.id);
      sink_.Error("unknown-evidence", item->where,
                  Fmt("{} cites unknown evidence '{}'{}", what, *id, DidYouMean(*id, ids)));
      continue;
    }
    if (std::find(out.begin(), out.end(), e) != out.end()) {
      sink_.Warning("duplicate-entry", item->where, Fmt("{} cites evidence '{}' twice", what, *id));
      continue;
    }
    out.push_back(e);
  }
  return out;
}

}  // namespace sceau::dossier_internal
