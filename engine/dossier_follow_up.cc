// The `previous`, `certificate` and `follow_up` sections of a dossier and the certification cycle
// (audits/README.md, "previous, certificate and follow_up"); `previous` and `certificate` are read
// alike for a group dossier (dossier_loader.h).

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/contained_file.h"
#include "engine/dossier_parser.h"
#include "engine/lifecycle.h"
#include "engine/sha256.h"
#include "engine/wording.h"

namespace sceau::dossier_internal {

void DossierParser::ParseCycle(const YamlNode* root, const YamlNode* previous,
                               const YamlNode* certificate, const YamlNode* follow_up) {
  SourceLocation previous_key = KeyOf(root, "previous");
  SourceLocation certificate_key = KeyOf(root, "certificate");
  if (previous && certificate) {
    sink_.Error("bad-value", certificate_key,
                Tr("give either 'previous' (the previous audit's sceau result) or 'certificate' "
                   "(the certificate's dates, for a history that predates sceau), not both"));
    return;
  }
  if (previous) ParsePrevious(previous);
  if (certificate) ParseCertificate(certificate);
  if (follow_up && !previous) {
    sink_.Error("missing-key", KeyOf(root, "follow_up"),
                Tr("'follow_up' follows up the nonconformities of the previous audit: give "
                   "'previous' with its result"));
  } else if (d_->previous) {
    ParseFollowUp(follow_up, follow_up ? KeyOf(root, "follow_up") : previous_key);
  }
  if (kind_ok_) {
    if (auto p = CheckAuditKind(*ref_, d_->audit.kind)) {
      sink_.Error(p->code, audit_kind_where_, p->message);
    }
  }
  if (!have_dates_ || !kind_ok_) return;
  if (previous && !d_->previous) return;  // that error says it already
  if (certificate && !d_->prior) return;
  SourceLocation at = previous ? previous_key : certificate ? certificate_key : audit_kind_where_;
  for (const CycleProblem& p : CheckCycle(ref_->policy, d_->audit, d_->prior)) {
    if (p.error) {
      sink_.Error(p.code, at, p.message);
    } else {
      sink_.Warning(p.code, audit_kind_where_, p.message);
    }
  }
}

PriorContext DossierParser::Prior() const {
  PriorContext c;
  c.referential = ref_;
  c.format = ResultFormat::kMember;
  c.base_dir = options_.base_dir;
  c.limits = options_.limits;
  c.subject_known = organisation_ok_;
  c.name = d_->organisation.name;
  c.siret = d_->organisation.siret;
  if (have_dates_) c.audit_start = d_->audit.start;
  return c;
}

void DossierParser::ParsePrevious(const YamlNode* n) {
  auto p = ReadPreviousKey(&r_, n, Prior());
  if (!p) return;
  d_->prior = p->cycle;
  d_->previous = std::move(*p);
}

void DossierParser::ParseCertificate(const YamlNode* n) {
  if (auto c = ReadCertificateKey(&r_, n, Prior())) d_->prior = *c;
}

void DossierParser::ParseFollowUp(const YamlNode* n, SourceLocation key) {
  const PreviousResult& p = *d_->previous;
  std::vector<std::string> ncs;
  for (const PreviousGap& g : p.gaps) ncs.push_back(g.criterion);
  std::set<std::string> seen;
  if (n && r_.IsMap(n, "'follow_up'")) {
    for (const auto& [k, value] : n->pairs) {
      const std::string& id = k->value;
      if (std::find(ncs.begin(), ncs.end(), id) == ncs.end()) {
        sink_.Error("unknown-follow-up", k->where,
                    ncs.empty() ? Fmt("criterion '{}' had no minor or major nonconformity in the "
                                      "previous audit '{}', which found none",
                                      id, p.audit_id)
                                : Fmt("criterion '{}' had no minor or major nonconformity in the "
                                      "previous audit '{}' ({}){}",
                                      id, p.audit_id, fmt::join(ncs, ", "), DidYouMean(id, ncs)));
        continue;
      }
      seen.insert(id);
      FollowUpEntry e;
      e.criterion = id;
      e.where = k->where;
      if (ParseFollowUpEntry(value, &e)) d_->follow_up.push_back(std::move(e));
    }
  }
  std::vector<std::string> missing;
  for (const std::string& id : ncs) {
    if (!seen.count(id)) missing.push_back(id);
  }
  if (!missing.empty()) {
    sink_.Error("missing-follow-up", key,
                Singular(static_cast<long long>(missing.size()))
                    ? Fmt("the previous audit '{}' found {} nonconformity with no 'follow_up' "
                          "entry: {}; say what was done (closed, in-progress or not-started)",
                          p.audit_id, missing.size(), fmt::join(missing, ", "))
                    : Fmt("the previous audit '{}' found {} nonconformities with no "
                          "'follow_up' entry: {}; say for each what was done (closed, "
                          "in-progress or not-started)",
                          p.audit_id, missing.size(), fmt::join(missing, ", ")));
  }
}

bool DossierParser::ParseFollowUpEntry(const YamlNode* n, FollowUpEntry* e) {
  std::string ctx = Fmt("the follow-up of '{}'", e->criterion);
  if (!r_.IsMap(n, ctx)) return false;
  Fields f(&r_, n, SubSpec(format::DossierSpec(), "follow_up"), ctx);
  bool ok = true;
  if (auto name = f.Enum("status", Fmt("the status of {}", ctx))) {
    for (FollowUpStatus st :
         {FollowUpStatus::kClosed, FollowUpStatus::kInProgress, FollowUpStatus::kNotStarted}) {
      if (FollowUpStatusName(st) == *name) e->status = st;
    }
  } else {
    ok = false;
  }
  const YamlNode* date = f.Optional("date");
  if (date) {
    e->date = r_.DateValue(date, Fmt("the date of {}", ctx));
    if (!e->date) ok = false;
    if (e->date && have_dates_ && d_->audit.end < *e->date) {
      sink_.Error("bad-dates", date->where,
                  Fmt("{} is dated {}, after the audit ended ({}): the auditor cannot "
                      "have verified it",
                      ctx, e->date->ToString(), d_->audit.end.ToString()));
      ok = false;
    }
  }
  const YamlNode* evidence = f.Optional("evidence");
  if (evidence) e->evidence = ReadEvidenceRefs(evidence, ctx);
  if (auto v = f.Optional("sites")) {
    if (auto items = r_.List(v, Fmt("'sites' of {}", ctx))) {
      for (const YamlNode* item : *items) {
        auto s = r_.String(item, Fmt("a site of {}", ctx));
        if (!s) continue;
        if (*s == "all") {
          e->sites.clear();
          break;
        }
        if (CheckSite(item, *s, Fmt("'sites' of {}", ctx))) e->sites.push_back(*s);
      }
    }
  }
  if (auto v = f.Optional("note")) e->note = r_.String(v, Fmt("the note of {}", ctx)).value_or("");
  f.Finish();
  if (e->status == FollowUpStatus::kClosed && ok) {
    if (!date) {
      sink_.Error("missing-key", e->where,
                  Fmt("{} is closed without a 'date': say when the correction was made", ctx));
      ok = false;
    }
    if (!evidence || (evidence->is_sequence() && evidence->items.empty())) {
      sink_.Error("missing-key", evidence ? evidence->where : e->where,
                  Fmt("{} is closed without 'evidence': cite the evidence of the "
                      "correction from the register",
                      ctx));
      ok = false;
    }
  }
  return ok;
}

}  // namespace sceau::dossier_internal

namespace sceau {

using dossier_internal::CheckRelativeFile;
using dossier_internal::IsHex64;
using dossier_internal::SubSpec;

std::optional<PreviousResult> ReadPreviousKey(YamlReader* reader, const YamlNode* n,
                                              const PriorContext& c) {
  YamlReader& r_ = *reader;
  DiagnosticSink& sink_ = reader->sink();
  const bool group = c.format == ResultFormat::kGroup;
  const std::string folder = group ? Tr("the group dossier's folder") : Tr("the dossier's folder");
  if (!r_.IsMap(n, "'previous'")) return std::nullopt;
  Fields f(&r_, n, SubSpec(format::DossierSpec(), "previous"), "'previous'");
  const YamlNode* result = f.Required("result");
  const YamlNode* sha = f.Optional("sha256");
  f.Finish();
  std::string pinned;
  if (sha) {
    if (auto s = r_.String(sha, Tr("the sha256 of 'previous'"))) {
      pinned = *s;
      if (!IsHex64(&pinned)) {
        sink_.Error("bad-value", sha->where,
                    Tr("the sha256 of 'previous' must be 64 hexadecimal digits"));
        pinned.clear();
      }
    }
  }
  if (!result) return std::nullopt;
  auto path = r_.String(result, Tr("the result of 'previous'"));
  if (!path || !CheckRelativeFile(sink_, result, *path, "'previous'")) return std::nullopt;
  // Opened inside the folder (symbolic links resolved), without blocking, checked and read on
  // the one descriptor (engine/contained_file.h).
  ContainedFile opened = ContainedFile::Open(c.base_dir, *path);
  if (opened.status() == ContainedStatus::kMissing) {
    sink_.Error("missing-file", result->where,
                Fmt("the previous result '{}' is not in {}", *path, folder));
    return std::nullopt;
  }
  if (!opened.ok()) {
    bool io = opened.status() == ContainedStatus::kUnreadable;
    sink_.Error(io ? "io-error" : "bad-path", result->where,
                Fmt("the previous result '{}' {}", *path, opened.Problem(folder)));
    return std::nullopt;
  }
  std::string text;
  std::string io;
  if (!opened.ReadAll(c.limits.max_file_bytes, &text, &io)) {
    sink_.Error("io-error", result->where,
                Fmt("the previous result '{}' cannot be read: {}", *path, io));
    return std::nullopt;
  }
  PreviousResult p;
  p.path = *path;
  p.sha256 = Sha256Hex(text);
  if (!pinned.empty() && pinned != p.sha256) {
    sink_.Error("hash-mismatch", sha->where,
                Fmt("the previous result '{}' has SHA-256 {}, not the one declared: the "
                    "file changed",
                    *path, p.sha256));
    return std::nullopt;
  }
  std::string error;
  if (!ParsePreviousResult(text, c.referential->policy, &p, &error, c.format)) {
    sink_.Error("not-a-result", result->where,
                Fmt("the previous result '{}' cannot be used: {}", *path, error));
    return std::nullopt;
  }
  bool ok = true;
  if (p.referential_id != c.referential->id) {
    sink_.Error("referential-mismatch", result->where,
                Fmt("the previous result '{}' is an audit against referential '{}', not "
                    "'{}'",
                    *path, p.referential_id, c.referential->id));
    ok = false;
  }
  if (c.subject_known) {
    const char* code = group ? "group-mismatch" : "organisation-mismatch";
    const std::string whose =
        group ? Tr("another group's audit") : Tr("another organisation's audit");
    if (!p.siret.empty() && !c.siret.empty()) {
      if (p.siret != c.siret) {
        sink_.Error(code, result->where,
                    Fmt("the previous result '{}' is about SIRET {}, not {}: it is {}", *path,
                        p.siret, c.siret, whose));
        ok = false;
      }
    } else if (p.organisation_name != c.name) {
      sink_.Error(code, result->where,
                  Fmt("the previous result '{}' is about '{}', not '{}': it is {}", *path,
                      p.organisation_name, c.name, whose));
      ok = false;
    }
  }
  if (c.audit_start && *c.audit_start < p.decision_date) {
    sink_.Error("bad-dates", result->where,
                Fmt("the previous audit '{}' was decided on {}, after this audit started "
                    "({})",
                    p.audit_id, p.decision_date.ToString(), c.audit_start->ToString()));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return p;
}

std::optional<CycleState> ReadCertificateKey(YamlReader* reader, const YamlNode* n,
                                             const PriorContext& ctx) {
  YamlReader& r_ = *reader;
  DiagnosticSink& sink_ = reader->sink();
  const Policy& policy = ctx.referential->policy;
  if (!r_.IsMap(n, "'certificate'")) return std::nullopt;
  Fields f(&r_, n, SubSpec(format::DossierSpec(), "certificate"), "'certificate'");
  CycleState c;
  bool ok = true;
  const YamlNode* start = f.Required("decision_date");
  if (start) {
    if (auto d = r_.DateValue(start, Tr("'decision_date' of 'certificate'")))
      c.cycle_start = *d;
    else
      ok = false;
  } else {
    ok = false;
  }
  if (const YamlNode* v = f.Optional("surveillances_done")) {
    // The spec bounds it below; the cycle's number of surveillances bounds it above.
    if (auto x = f.Integer("surveillances_done")) {
      int most = SurveillancesPerCycle(policy);
      if (*x > most) {
        sink_.Error("bad-value", v->where,
                    Fmt("'surveillances_done' of 'certificate' must be between 0 and {} "
                        "(the surveillances of one cycle), not {}",
                        most, *x));
        ok = false;
      } else {
        c.surveillances_done = static_cast<int>(*x);
      }
    } else {
      ok = false;
    }
  }
  const YamlNode* last = f.Optional("last_audit");
  if (last) {
    if (auto d = r_.DateValue(last, Tr("'last_audit' of 'certificate'")))
      c.last_audit_end = *d;
    else
      ok = false;
  }
  const YamlNode* suspended = f.Optional("suspended_since");
  std::optional<Date> since;
  if (suspended) {
    since = r_.DateValue(suspended, Tr("'suspended_since' of 'certificate'"));
    if (!since) ok = false;
  }
  f.Finish();
  if (!ok) return std::nullopt;
  if (!last) c.last_audit_end = *c.cycle_start;
  c.effective = c.cycle_start;
  c.expiry = c.cycle_start->AddMonths(policy.validity_months).AddDays(-1);
  c.state = since ? "suspended" : c.surveillances_done > 0 ? "maintained" : "granted";
  c.state_date = since ? *since : c.last_audit_end;
  if (ctx.audit_start) {
    const std::tuple<const YamlNode*, Date, const char*> dates[] = {
        {start, *c.cycle_start, "'decision_date'"},
        {last, c.last_audit_end, "'last_audit'"},
        {suspended, c.state_date, "'suspended_since'"}};
    for (const auto& [node, date, what] : dates) {
      if (node && *ctx.audit_start < date) {
        sink_.Error("bad-dates", node->where,
                    Fmt("{} of 'certificate' ({}) comes after this audit starts ({})", what,
                        date.ToString(), ctx.audit_start->ToString()));
        ok = false;
      }
    }
  }
  if (last && c.last_audit_end < *c.cycle_start) {
    sink_.Error("bad-dates", last->where,
                Fmt("'last_audit' of 'certificate' ({}) comes before the decision that "
                    "started the cycle ({})",
                    c.last_audit_end.ToString(), c.cycle_start->ToString()));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return c;
}
}  // namespace sceau
