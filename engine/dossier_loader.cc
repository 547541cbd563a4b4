#include "engine/dossier_loader.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "engine/audit_plan.h"
#include "engine/identity.h"
#include "engine/lifecycle.h"
#include "engine/previous_result.h"
#include "engine/referential_loader.h"
#include "engine/sha256.h"
#include "engine/yaml_reader.h"

namespace sceau {

namespace {

constexpr std::array<std::pair<AuditKind, std::string_view>, 4> kAuditKinds = {{
    {AuditKind::kInitial, "initial"},
    {AuditKind::kSurveillance, "surveillance"},
    {AuditKind::kRenewal, "renewal"},
    {AuditKind::kSelfAssessment, "self-assessment"},
}};

}  // namespace

std::string_view AuditKindName(AuditKind kind) {
  for (const auto& [k, name] : kAuditKinds) {
    if (k == kind) return name;
  }
  return "?";
}

std::string_view FollowUpStatusName(FollowUpStatus s) {
  switch (s) {
    case FollowUpStatus::kClosed: return "closed";
    case FollowUpStatus::kInProgress: return "in-progress";
    case FollowUpStatus::kNotStarted: return "not-started";
  }
  return "?";
}

std::optional<AuditKind> ParseAuditKind(std::string_view name) {
  for (const auto& [k, n] : kAuditKinds) {
    if (n == name) return k;
  }
  return std::nullopt;
}

bool Applies(const Criterion& c, const Organisation& org, std::string* reason) {
  const Applicability& a = c.applies;
  if (!a.kinds.empty() && std::find(a.kinds.begin(), a.kinds.end(), org.kind) == a.kinds.end()) {
    std::string kinds;
    for (OrgKind k : a.kinds) kinds += (kinds.empty() ? "" : ", ") + std::string(OrgKindName(k));
    *reason = fmt::format("applies only to {}", kinds);
    return false;
  }
  auto range = [](const Range& r) {
    if (r.min && r.max) return fmt::format("{} to {}", *r.min, *r.max);
    if (r.min) return fmt::format("at least {}", *r.min);
    return fmt::format("at most {}", *r.max);
  };
  if (!a.headcount.Contains(org.headcount())) {
    *reason = fmt::format("applies to a headcount of {} (here {})", range(a.headcount), org.headcount());
    return false;
  }
  int sites = static_cast<int>(org.sites.size());
  if (!a.sites.Contains(sites)) {
    *reason = fmt::format("applies to {} sites (here {})", range(a.sites), sites);
    return false;
  }
  return true;
}

int DossierLoad::errors() const {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kError;
  }));
}

int DossierLoad::warnings() const {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kWarning;
  }));
}

ReferentialResolver FixedReferential(std::shared_ptr<const Referential> ref) {
  return [ref](const std::string& id, const std::string& version,
               std::string* error) -> std::shared_ptr<const Referential> {
    if (id == ref->id && version == ref->version) return ref;
    *error = fmt::format("the dossier is for referential '{}' version '{}', but it is checked "
                         "against '{}' version '{}'",
                         id, version, ref->id, ref->version);
    return nullptr;
  };
}

namespace {

bool LuhnValid(const std::string& digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool IsHex64(std::string* s) {
  if (s->size() != 64) return false;
  for (char& c : *s) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// A file path in the dossier: relative, and in or below the dossier's folder.
bool CheckRelativeFile(DiagnosticSink& sink_, const YamlNode* v, const std::string& path,
                     const std::string& ctx) {
  if (path.empty()) {
    sink_.Error("bad-path", v->where, fmt::format("the file of {} is empty", ctx));
    return false;
  }
  if (path.front() == '/' || path.front() == '\\' || (path.size() > 1 && path[1] == ':')) {
    sink_.Error("bad-path", v->where,
                fmt::format("the file of {} must be relative to the dossier's folder, not an "
                            "absolute path",
                            ctx));
    return false;
  }
  std::filesystem::path p(path);
  for (const auto& part : p) {
    if (part == "..") {
      sink_.Error("bad-path", v->where,
                  fmt::format("the file of {} leaves the dossier's folder ('..'): evidence "
                              "files live in or below it",
                              ctx));
      return false;
    }
  }
  return true;
}

class DossierParser {
 public:
  DossierParser(DiagnosticSink* sink, const DossierOptions& options)
      : r_(sink), sink_(*sink), options_(options) {}

  // Reads the `referential` key; returns false when the dossier cannot go on.
  bool ReadReferentialRef(const YamlNode* root, Dossier* d) {
    if (root == nullptr) {
      sink_.Error("empty-file", SourceLocation{1, 1, 1},
                  "the file is empty: a dossier starts with 'referential', 'organisation' and "
                  "'audit'");
      return false;
    }
    if (!root->is_map()) {
      sink_.Error("wrong-type", root->where,
                  fmt::format("a dossier must be a map of keys (referential, organisation, audit, "
                              "evidence, assessments), not {}",
                              DescribeNode(root)));
      return false;
    }
    const YamlNode* ref = root->Get("referential");
    if (!ref || ref->is_null()) {
      Fields f(&r_, root, "the dossier");
      f.Required("referential");
      return false;
    }
    d->referential_where = ref->where;
    if (!r_.IsMap(ref, "'referential'")) return false;
    Fields f(&r_, ref, "'referential'");
    bool ok = true;
    if (auto v = f.Required("id")) {
      if (auto s = r_.Id(v, "the referential id")) d->referential_id = *s;
      else ok = false;
    } else {
      ok = false;
    }
    if (auto v = f.Required("version")) {
      if (auto s = r_.String(v, "the referential version")) d->referential_version = *s;
      else ok = false;
    } else {
      ok = false;
    }
    f.Finish();
    return ok;
  }

  void Parse(const YamlNode* root, const Referential& ref, Dossier* d) {
    ref_ = &ref;
    d_ = d;
    Fields f(&r_, root, "the dossier");
    f.Optional("referential");  // read already
    if (auto n = f.Optional("format")) {
      if (auto v = r_.Integer(n, "'format'")) {
        if (*v != 1) {
          sink_.Error("unsupported-format", n->where,
                      fmt::format("format {} is not supported: this sceau reads format 1", *v));
        }
      }
    }
    if (auto n = f.Required("organisation")) ParseOrganisation(n);
    if (auto n = f.Required("audit")) ParseAudit(n);
    if (auto n = f.Optional("evidence")) ParseEvidence(n);
    if (auto n = f.Optional("plan")) ReadPlanSettings(&r_, n, d->organisation, &d->plan);
    const YamlNode* previous = f.Optional("previous");
    const YamlNode* certificate = f.Optional("certificate");
    const YamlNode* follow_up = f.Optional("follow_up");
    const YamlNode* assessments = f.Required("assessments");
    f.Finish();
    ParseCycle(root, previous, certificate, follow_up);
    d->assessment_of.assign(ref.criteria.size(), -1);
    if (assessments) {
      for (const auto& [key, value] : root->pairs) {
        if (key->value == "assessments") assessments_key_ = key->where;
      }
      ParseAssessments(assessments);
      // Only when the organisation is known can applicability say what is missing.
      if (organisation_ok_) CheckCompleteness(assessments);
    }
  }

 private:
  // ---- organisation ---------------------------------------------------------------------------
  void ParseOrganisation(const YamlNode* n) {
    if (!r_.IsMap(n, "'organisation'")) return;
    organisation_ok_ = true;
    Organisation& o = d_->organisation;
    Fields f(&r_, n, "'organisation'");
    if (auto v = f.Required("name")) o.name = NonEmpty(v, "the organisation's name");
    if (auto v = f.Optional("siret")) {
      if (auto s = r_.String(v, "'siret'")) {
        std::string digits;
        bool only_digits = true;
        for (char c : *s) {
          if (c == ' ') continue;
          if (c < '0' || c > '9') only_digits = false;
          digits += c;
        }
        if (!only_digits || digits.size() != 14) {
          sink_.Error("bad-siret", v->where,
                      fmt::format("SIRET '{}' must be 14 digits (spaces allowed)", *s));
        } else {
          if (!LuhnValid(digits)) {
            sink_.Warning("bad-siret", v->where,
                          fmt::format("SIRET '{}' fails its check digit (Luhn): check for a typo",
                                      *s));
          }
          o.siret = digits;
        }
      }
    }
    if (auto v = f.Required("kind")) {
      if (auto s = r_.String(v, "the organisation's kind")) {
        if (auto k = ParseOrgKind(*s)) {
          o.kind = *k;
        } else {
          sink_.Error("bad-value", v->where,
                      fmt::format("unknown organisation kind '{}': use ACI, AI, EI, ETTI, GES, EBE "
                                  "or other{}",
                                  *s,
                                  DidYouMean(*s, {"ACI", "AI", "EI", "ETTI", "GES", "EBE", "other"})));
        }
      }
    }
    if (auto v = f.Optional("region")) o.region = r_.String(v, "'region'").value_or("");
    if (auto v = f.Required("headcount")) {
      if (r_.IsMap(v, "'headcount'")) {
        Fields h(&r_, v, "'headcount'");
        auto count = [&](const char* key, int* out) {
          if (auto x = h.Required(key)) {
            if (auto i = r_.Integer(x, fmt::format("'{}' of 'headcount'", key))) {
              if (*i < 0 || *i > 1000000) {
                sink_.Error("bad-value", x->where,
                            fmt::format("'{}' of 'headcount' must be between 0 and 1000000, not {}",
                                        key, *i));
              } else {
                *out = static_cast<int>(*i);
              }
            }
          }
        };
        count("permanent", &o.permanent);
        count("pathway", &o.pathway);
        h.Finish();
      }
    }
    if (auto v = f.Required("sites")) {
      if (auto items = r_.List(v, "'sites'")) {
        sites_ok_ = true;
        if (items->empty()) sink_.Error("missing-key", v->where, "'sites' lists no site");
        for (const YamlNode* item : *items) {
          if (!r_.IsMap(item, "a site")) continue;
          Site s;
          s.where = item->where;
          Fields g(&r_, item, "a site");
          if (auto x = g.Required("id")) {
            if (auto id = r_.Id(x, "the site id")) {
              s.id = *id;
              if (FindSite(s.id) >= 0) {
                sink_.Error("duplicate-id", x->where, fmt::format("site '{}' is listed twice", s.id));
                s.id.clear();
              }
            }
          }
          if (auto x = g.Required("name")) s.name = r_.String(x, "the site's name").value_or("");
          if (auto x = g.Optional("address")) s.address = r_.String(x, "the site's address").value_or("");
          g.Finish();
          if (!s.id.empty()) o.sites.push_back(std::move(s));
        }
      }
    }
    f.Finish();
  }

  std::string NonEmpty(const YamlNode* v, const std::string& what) {
    return ReadNonEmpty(&r_, v, what);
  }

  int FindSite(std::string_view id) const {
    const auto& sites = d_->organisation.sites;
    for (size_t i = 0; i < sites.size(); ++i) {
      if (sites[i].id == id) return static_cast<int>(i);
    }
    return -1;
  }

  std::vector<std::string> SiteIds() const {
    std::vector<std::string> ids;
    for (const Site& s : d_->organisation.sites) ids.push_back(s.id);
    return ids;
  }

  bool CheckSite(const YamlNode* v, const std::string& id, const std::string& what) {
    if (FindSite(id) >= 0) return true;
    if (!sites_ok_) return false;  // the sites could not be read: that error says it already
    sink_.Error("unknown-site", v->where,
                fmt::format("{} names unknown site '{}'{}", what, id, DidYouMean(id, SiteIds())));
    return false;
  }

  // ---- audit ----------------------------------------------------------------------------------
  void ParseAudit(const YamlNode* n) {
    if (!r_.IsMap(n, "'audit'")) return;
    AuditInfo& a = d_->audit;
    Fields f(&r_, n, "'audit'");
    if (auto v = f.Required("id")) a.id = r_.Id(v, "the audit id").value_or("");
    bool kind_ok = false;
    if (auto v = f.Required("kind")) {
      if (auto s = r_.String(v, "the audit kind")) {
        if (auto k = ParseAuditKind(*s)) {
          a.kind = *k;
          kind_ok = true;
          kind_ok_ = true;
          audit_kind_where_ = v->where;
        } else {
          sink_.Error("bad-value", v->where,
                      fmt::format("unknown audit kind '{}': use initial, surveillance, renewal or "
                                  "self-assessment{}",
                                  *s,
                                  DidYouMean(*s, {"initial", "surveillance", "renewal",
                                                  "self-assessment"})));
        }
      }
    }
    have_dates_ = ReadAuditDates(&r_, &f, &a);
    if (auto v = f.Required("sites_visited")) {
      if (auto items = r_.List(v, "'sites_visited'")) {
        if (items->empty()) {
          sink_.Error("missing-key", v->where, "'sites_visited' lists no site: name the sites audited");
        }
        for (const YamlNode* item : *items) {
          if (auto s = r_.String(item, "a visited site")) {
            if (!CheckSite(item, *s, "'sites_visited'")) continue;
            if (std::find(a.sites_visited.begin(), a.sites_visited.end(), *s) != a.sites_visited.end()) {
              sink_.Warning("duplicate-entry", item->where,
                            fmt::format("site '{}' is listed twice in 'sites_visited'", *s));
              continue;
            }
            a.sites_visited.push_back(*s);
          }
        }
      }
    }
    ReadAuditTeam(&r_, &f, &a);
    const YamlNode* dm = f.Optional("decision_maker");
    if (dm) a.decision_maker = NonEmpty(dm, "'decision_maker'");
    if (!dm && a.kind != AuditKind::kSelfAssessment && kind_ok) {
      const YamlNode* blank = n->Get("decision_maker");
      SourceLocation where = n->where;
      for (const auto& [k, v] : n->pairs) {
        if (k->value == "decision_maker") where = k->where;
      }
      sink_.Error("missing-key", where,
                  blank ? std::string("'decision_maker' of 'audit' is empty: the decision is taken by "
                                      "someone who was not on the audit team")
                        : std::string("'audit' has no 'decision_maker', which is required: the "
                                      "decision is taken by someone who was not on the audit team"));
    }
    if (dm) CheckDecisionMakerOffTeam(a, dm, &sink_);
    if (auto v = f.Optional("scope")) a.scope = r_.TextValue(v, "'scope'").value_or(Text{});
    if (auto v = f.Optional("objectives")) a.objectives = r_.TextValue(v, "'objectives'").value_or(Text{});
    f.Finish();
  }

  // ---- evidence -------------------------------------------------------------------------------
  void ParseEvidence(const YamlNode* n) {
    auto items = r_.List(n, "'evidence'");
    if (!items) return;
    for (const YamlNode* item : *items) {
      if (!r_.IsMap(item, "an evidence item")) continue;
      Evidence e;
      e.where = item->where;
      std::string ctx = "an evidence item";
      if (auto c = item->Get("id"); c && c->is_scalar()) ctx = fmt::format("evidence '{}'", c->value);
      Fields f(&r_, item, ctx);
      bool ok = false;
      if (auto v = f.Required("id")) {
        if (auto id = r_.Id(v, "the evidence id")) {
          e.id = *id;
          if (FindEvidence(e.id) >= 0) {
            sink_.Error("duplicate-id", v->where,
                        fmt::format("evidence '{}' is defined twice (first at line {})", e.id,
                                    d_->evidence[static_cast<size_t>(FindEvidence(e.id))].where.line));
          } else {
            ok = true;
          }
        }
      }
      if (auto v = f.Required("kind")) {
        if (auto k = r_.String(v, fmt::format("the kind of {}", ctx))) {
          std::vector<std::string> kinds = EvidenceKinds();
          if (std::find(kinds.begin(), kinds.end(), *k) == kinds.end()) {
            sink_.Error("unknown-evidence-kind", v->where,
                        fmt::format("unknown evidence kind '{}' for {}{}", *k, ctx,
                                    DidYouMean(*k, kinds)));
          }
          e.kind = *k;
        }
      }
      if (auto v = f.Required("title")) e.title = r_.String(v, fmt::format("the title of {}", ctx)).value_or("");
      if (auto v = f.Optional("date")) {
        e.date = r_.DateValue(v, fmt::format("the date of {}", ctx));
        if (e.date && have_dates_ && d_->audit.end < *e.date) {
          sink_.Warning("evidence-after-audit", v->where,
                        fmt::format("{} is dated {}, after the audit ended ({})", ctx,
                                    e.date->ToString(), d_->audit.end.ToString()));
        }
      }
      const YamlNode* file = f.Optional("file");
      if (file) {
        if (auto s = r_.String(file, fmt::format("the file of {}", ctx))) {
          if (CheckRelativePath(file, *s, ctx)) e.file = *s;
        }
      }
      const YamlNode* sha = f.Optional("sha256");
      if (sha) {
        if (auto s = r_.String(sha, fmt::format("the sha256 of {}", ctx))) {
          std::string hex = *s;
          if (!IsHex64(&hex)) {
            sink_.Error("bad-value", sha->where,
                        fmt::format("the sha256 of {} must be 64 hexadecimal digits", ctx));
          } else {
            e.sha256 = hex;
          }
        }
      }
      f.Finish();
      if (!e.file.empty() && !options_.base_dir.empty()) CheckEvidenceFile(&e, file, sha, ctx);
      if (ok) d_->evidence.push_back(std::move(e));
    }
  }

  bool CheckRelativePath(const YamlNode* v, const std::string& path, const std::string& ctx) {
    return CheckRelativeFile(sink_, v, path, ctx);
  }

  void CheckEvidenceFile(Evidence* e, const YamlNode* file, const YamlNode* sha,
                         const std::string& ctx) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path base = fs::weakly_canonical(options_.base_dir, ec);
    fs::path full = fs::weakly_canonical(fs::path(options_.base_dir) / e->file, ec);
    if (ec) {
      sink_.Error("bad-path", file->where,
                  fmt::format("the file of {} ('{}') cannot be resolved: {}", ctx, e->file,
                              ec.message()));
      return;
    }
    // A symbolic link may not lead out of the dossier's folder either.
    auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
    if (b != base.end()) {
      sink_.Error("bad-path", file->where,
                  fmt::format("the file of {} resolves outside the dossier's folder", ctx));
      return;
    }
    if (fs::is_directory(full, ec)) {
      sink_.Error("bad-path", file->where,
                  fmt::format("the file of {} ('{}') is a folder, not a file", ctx, e->file));
      return;
    }
    if (!fs::is_regular_file(full, ec)) {
      sink_.Warning("missing-file", file->where,
                    fmt::format("the file of {} ('{}') is not in the dossier's folder", ctx,
                                e->file));
      return;
    }
    std::string actual;
    if (!Sha256File(full.string(), &actual)) {
      sink_.Warning("missing-file", file->where,
                    fmt::format("the file of {} ('{}') cannot be read", ctx, e->file));
      return;
    }
    e->file_present = true;
    if (!e->sha256.empty() && e->sha256 != actual) {
      sink_.Error("hash-mismatch", sha->where,
                  fmt::format("the file of {} has SHA-256 {}, not the one declared: the file "
                              "changed since it was registered",
                              ctx, actual));
    }
    e->sha256 = actual;
  }

  std::vector<std::string> EvidenceKinds() const {
    std::vector<std::string> kinds = BuiltinEvidenceKinds();
    kinds.insert(kinds.end(), ref_->evidence_kinds.begin(), ref_->evidence_kinds.end());
    return kinds;
  }

  int FindEvidence(std::string_view id) const {
    for (size_t i = 0; i < d_->evidence.size(); ++i) {
      if (d_->evidence[i].id == id) return static_cast<int>(i);
    }
    return -1;
  }

  std::vector<int> ReadEvidenceRefs(const YamlNode* v, const std::string& what) {
    std::vector<int> out;
    auto items = r_.List(v, what);
    if (!items) return out;
    for (const YamlNode* item : *items) {
      auto id = r_.String(item, fmt::format("an entry of {}", what));
      if (!id) continue;
      int e = FindEvidence(*id);
      if (e < 0) {
        std::vector<std::string> ids;
        for (const Evidence& x : d_->evidence) ids.push_back(x.id);
        sink_.Error("unknown-evidence", item->where,
                    fmt::format("{} cites unknown evidence '{}'{}", what, *id, DidYouMean(*id, ids)));
        continue;
      }
      if (std::find(out.begin(), out.end(), e) != out.end()) {
        sink_.Warning("duplicate-entry", item->where,
                      fmt::format("{} cites evidence '{}' twice", what, *id));
        continue;
      }
      out.push_back(e);
    }
    return out;
  }

  // ---- assessments ----------------------------------------------------------------------------
  void ParseAssessments(const YamlNode* n) {
    d_->assessments_where = n->where;
    if (!r_.IsMap(n, "'assessments'")) return;
    std::vector<std::string> ids;
    for (const Criterion& c : ref_->criteria) ids.push_back(c.id);
    for (const auto& [key, value] : n->pairs) {
      int c = ref_->FindCriterion(key->value);
      if (c < 0) {
        sink_.Error("unknown-criterion", key->where,
                    fmt::format("referential '{}' has no criterion '{}'{}", ref_->id, key->value,
                                DidYouMean(key->value, ids)));
        continue;
      }
      const Criterion& criterion = ref_->criteria[static_cast<size_t>(c)];
      std::string reason;
      if (!Applies(criterion, d_->organisation, &reason)) {
        sink_.Warning("not-applicable", key->where,
                      fmt::format("criterion '{}' does not apply to this organisation ({}): its "
                                  "assessment is ignored",
                                  key->value, reason));
        continue;
      }
      Assessment a;
      a.criterion = c;
      a.where = key->where;
      if (ParseAssessment(value, criterion, &a)) {
        d_->assessment_of[static_cast<size_t>(c)] = static_cast<int>(d_->assessments.size());
        d_->assessments.push_back(std::move(a));
      }
    }
  }

  // Reads a grade (or level) code for `criterion` into `f`.
  bool ReadGrade(const YamlNode* v, const Criterion& criterion, bool level, Finding* f,
                 const std::string& ctx) {
    const Scale& scale = ref_->scales[static_cast<size_t>(criterion.scale)];
    bool maturity = scale.type == ScaleType::kMaturity;
    if (maturity != level) {
      sink_.Error("wrong-scale", v->where,
                  maturity ? fmt::format("criterion '{}' is rated on maturity scale '{}': give a "
                                         "'level', not a 'grade'",
                                         criterion.id, scale.id)
                           : fmt::format("criterion '{}' is graded on scale '{}': give a 'grade', "
                                         "not a 'level'",
                                         criterion.id, scale.id));
      return false;
    }
    auto code = r_.String(v, fmt::format("the {} of {}", level ? "level" : "grade", ctx));
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
    sink_.Error(maturity ? "unknown-level" : "unknown-grade", v->where,
                fmt::format("{} '{}' is not on scale '{}' of criterion '{}' ({}){}",
                            maturity ? "level" : "grade", *code, scale.id, criterion.id,
                            fmt::join(codes, ", "), DidYouMean(*code, codes)));
    return false;
  }

  bool ParseAssessment(const YamlNode* n, const Criterion& criterion, Assessment* a) {
    std::string ctx = fmt::format("the assessment of '{}'", criterion.id);
    if (!r_.IsMap(n, ctx)) return false;
    Fields f(&r_, n, ctx);
    const YamlNode* grade = f.Optional("grade");
    const YamlNode* level = f.Optional("level");
    const YamlNode* findings = f.Optional("findings");
    const YamlNode* finding = f.Optional("finding");
    const YamlNode* evidence = f.Optional("evidence");
    int forms = (grade ? 1 : 0) + (level ? 1 : 0) + (findings ? 1 : 0);
    bool ok = true;
    if (forms == 0) {
      sink_.Error("missing-key", n->where,
                  fmt::format("{} has no 'grade' (or 'level', or 'findings'): the criterion is "
                              "not graded",
                              ctx));
      ok = false;
    } else if (forms > 1) {
      const YamlNode* second = findings ? findings : level;
      sink_.Error("bad-assessment", second->where,
                  fmt::format("{} gives more than one of 'grade', 'level' and 'findings': use one",
                              ctx));
      ok = false;
    }
    if (ok && (grade || level)) {
      Finding one;
      one.where = (grade ? grade : level)->where;
      if (!ReadGrade(grade ? grade : level, criterion, level != nullptr, &one, ctx)) ok = false;
      if (finding) one.text = r_.String(finding, fmt::format("'finding' of {}", ctx)).value_or("");
      if (evidence) one.evidence = ReadEvidenceRefs(evidence, ctx);
      a->findings.push_back(std::move(one));
    } else if (ok && findings) {
      if (finding) {
        sink_.Error("bad-assessment", finding->where,
                    fmt::format("{} has 'findings': give each finding its own 'text'", ctx));
      }
      if (evidence) {
        sink_.Error("bad-assessment", evidence->where,
                    fmt::format("{} has 'findings': give each finding its own 'evidence'", ctx));
      }
      ok = ParseFindings(findings, criterion, a, ctx) && ok;
    } else {
      if (finding) r_.String(finding, fmt::format("'finding' of {}", ctx));
      if (evidence) ReadEvidenceRefs(evidence, ctx);
    }
    if (auto v = f.Optional("indicators")) ParseIndicators(v, criterion, a, ctx);
    if (auto v = f.Optional("sample")) ParseSample(v, a, ctx);
    const YamlNode* na = f.Optional("na_justification");
    if (na) a->na_justification = r_.String(na, fmt::format("'na_justification' of {}", ctx)).value_or("");
    if (auto v = f.Optional("override")) {
      a->override_justification = r_.String(v, fmt::format("'override' of {}", ctx)).value_or("");
      a->override_where = v->where;
    }
    f.Finish();
    if (!ok) return false;
    // Not applicable: only where the referential allows it, and always justified.
    const Scale& scale = ref_->scales[static_cast<size_t>(criterion.scale)];
    bool is_na = false;
    SourceLocation na_where;
    for (const Finding& x : a->findings) {
      if (x.grade >= 0 && scale.grades[static_cast<size_t>(x.grade)].kind == GradeKind::kNotApplicable) {
        is_na = true;
        na_where = x.where;
        if (!criterion.na_allowed) {
          sink_.Error("na-not-allowed", x.where,
                      fmt::format("criterion '{}' cannot be graded not applicable: the referential "
                                  "does not allow it",
                                  criterion.id));
          ok = false;
        } else if (a->findings.size() > 1) {
          sink_.Error("bad-assessment", x.where,
                      fmt::format("{}: a not-applicable grade cannot stand with other findings", ctx));
          ok = false;
        }
      }
    }
    if (is_na && a->na_justification.empty()) {
      sink_.Error("na-without-justification", na_where,
                  fmt::format("criterion '{}' is graded not applicable without a "
                              "'na_justification': say why it does not apply",
                              criterion.id));
      ok = false;
    }
    if (!is_na && na) {
      sink_.Warning("unused-key", na->where,
                    fmt::format("'na_justification' of {} has no effect: the grade is not 'not "
                                "applicable'",
                                ctx));
    }
    return ok;
  }

  bool ParseFindings(const YamlNode* n, const Criterion& criterion, Assessment* a,
                     const std::string& ctx) {
    auto items = r_.List(n, fmt::format("'findings' of {}", ctx));
    if (!items) return false;
    if (items->empty()) {
      sink_.Error("missing-key", n->where, fmt::format("'findings' of {} lists no finding", ctx));
      return false;
    }
    bool ok = true;
    int i = 0;
    for (const YamlNode* item : *items) {
      std::string fctx = fmt::format("finding {} of '{}'", ++i, criterion.id);
      if (!r_.IsMap(item, fctx)) {
        ok = false;
        continue;
      }
      Fields f(&r_, item, fctx);
      Finding x;
      x.where = item->where;
      const YamlNode* g = f.Optional("grade");
      const YamlNode* l = f.Optional("level");
      if (!g && !l) {
        f.Required("grade");
        ok = false;
      } else if (g && l) {
        sink_.Error("bad-assessment", l->where,
                    fmt::format("{} gives both 'grade' and 'level': use the one its scale takes", fctx));
        ok = false;
      } else if (!ReadGrade(g ? g : l, criterion, l != nullptr && g == nullptr, &x, fctx)) {
        ok = false;
      } else {
        x.where = (g ? g : l)->where;
      }
      if (auto v = f.Optional("text")) x.text = r_.String(v, fmt::format("'text' of {}", fctx)).value_or("");
      if (auto v = f.Optional("evidence")) x.evidence = ReadEvidenceRefs(v, fctx);
      if (auto v = f.Optional("site")) {
        if (auto s = r_.String(v, fmt::format("'site' of {}", fctx))) {
          if (CheckSite(v, *s, fctx)) x.site = *s;
        }
      }
      f.Finish();
      a->findings.push_back(std::move(x));
    }
    return ok;
  }

  void ParseIndicators(const YamlNode* n, const Criterion& criterion, Assessment* a,
                       const std::string& ctx) {
    std::string what = fmt::format("'indicators' of {}", ctx);
    if (!r_.IsMap(n, what)) return;
    std::vector<std::string> known;
    for (const Check& c : criterion.checks) {
      if (c.type == CheckType::kIndicator) known.push_back(c.indicator);
    }
    for (const auto& [key, value] : n->pairs) {
      if (value->is_null()) continue;  // left blank (as the template writes it): not measured
      auto v = r_.Number(value, fmt::format("indicator '{}' of {}", key->value, ctx));
      if (!v) continue;
      if (std::find(known.begin(), known.end(), key->value) == known.end()) {
        sink_.Warning("unknown-indicator", key->where,
                      fmt::format("criterion '{}' has no check on indicator '{}'{}: the value is "
                                  "kept but not checked",
                                  criterion.id, key->value, DidYouMean(key->value, known)));
      }
      a->indicators.emplace_back(key->value, *v);
    }
  }

  void ParseSample(const YamlNode* n, Assessment* a, const std::string& ctx) {
    auto items = r_.List(n, fmt::format("'sample' of {}", ctx));
    if (!items) return;
    std::vector<SampleItem> sample;
    std::set<std::string> seen;
    for (const YamlNode* item : *items) {
      std::string ictx = fmt::format("a sample item of {}", ctx);
      if (!r_.IsMap(item, ictx)) continue;
      Fields f(&r_, item, ictx);
      SampleItem s;
      if (auto v = f.Required("id")) {
        s.id = r_.String(v, fmt::format("the id of {}", ictx)).value_or("");
        if (!s.id.empty() && !seen.insert(s.id).second) {
          sink_.Error("duplicate-id", v->where,
                      fmt::format("sample item '{}' is listed twice in {}", s.id, ctx));
        }
      }
      if (auto v = f.Required("pass")) s.pass = r_.Bool(v, fmt::format("'pass' of {}", ictx)).value_or(false);
      if (auto v = f.Optional("note")) s.note = r_.String(v, fmt::format("'note' of {}", ictx)).value_or("");
      f.Finish();
      sample.push_back(std::move(s));
    }
    a->sample = std::move(sample);
  }

  void CheckCompleteness(const YamlNode* at) {
    for (size_t c = 0; c < ref_->criteria.size(); ++c) {
      if (d_->assessment_of[c] >= 0) continue;
      const Criterion& criterion = ref_->criteria[c];
      std::string reason;
      if (!Applies(criterion, d_->organisation, &reason)) continue;
      // Unparsable assessments were reported already; only report criteria never mentioned.
      if (at->is_map() && at->Get(criterion.id)) continue;
      sink_.Error("missing-assessment", assessments_key_,
                  fmt::format("criterion '{}' ({}) applies to this organisation but has no "
                              "assessment",
                              criterion.id, criterion.title.fr()));
    }
  }

  // The location of `key` (the key itself) in map `n`, or the map's.
  static SourceLocation KeyOf(const YamlNode* n, std::string_view key) {
    for (const auto& [k, v] : n->pairs) {
      if (k->value == key) return k->where;
    }
    return n->where;
  }

  // ---- previous, certificate, follow_up, and the cycle ----------------------------------------
  void ParseCycle(const YamlNode* root, const YamlNode* previous, const YamlNode* certificate,
                  const YamlNode* follow_up) {
    SourceLocation previous_key = KeyOf(root, "previous");
    SourceLocation certificate_key = KeyOf(root, "certificate");
    if (previous && certificate) {
      sink_.Error("bad-value", certificate_key,
                  "give either 'previous' (the previous audit's sceau result) or 'certificate' "
                  "(the certificate's dates, for a history that predates sceau), not both");
      return;
    }
    if (previous) ParsePrevious(previous);
    if (certificate) ParseCertificate(certificate);
    if (follow_up && !previous) {
      sink_.Error("missing-key", KeyOf(root, "follow_up"),
                  "'follow_up' follows up the nonconformities of the previous audit: give "
                  "'previous' with its result");
    } else if (d_->previous) {
      ParseFollowUp(follow_up, follow_up ? KeyOf(root, "follow_up") : previous_key);
    }
    if (kind_ok_) {
      if (auto p = CheckAuditKind(*ref_, d_->audit.kind)) sink_.Error(p->code, audit_kind_where_, p->message);
    }
    if (!have_dates_ || !kind_ok_) return;
    if (previous && !d_->previous) return;      // that error says it already
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

  // What `previous` and `certificate` are checked against: this dossier's organisation and dates.
  PriorContext Prior() const {
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

  void ParsePrevious(const YamlNode* n) {
    auto p = ReadPreviousKey(&r_, n, Prior());
    if (!p) return;
    d_->prior = p->cycle;
    d_->previous = std::move(*p);
  }

  void ParseCertificate(const YamlNode* n) {
    if (auto c = ReadCertificateKey(&r_, n, Prior())) d_->prior = *c;
  }

  void ParseFollowUp(const YamlNode* n, SourceLocation key) {
    const PreviousResult& p = *d_->previous;
    std::vector<std::string> ncs;
    for (const PreviousGap& g : p.gaps) ncs.push_back(g.criterion);
    std::set<std::string> seen;
    if (n && r_.IsMap(n, "'follow_up'")) {
      for (const auto& [k, value] : n->pairs) {
        const std::string& id = k->value;
        if (std::find(ncs.begin(), ncs.end(), id) == ncs.end()) {
          sink_.Error("unknown-follow-up", k->where,
                      ncs.empty()
                          ? fmt::format("criterion '{}' had no minor or major nonconformity in the "
                                        "previous audit '{}', which found none",
                                        id, p.audit_id)
                          : fmt::format("criterion '{}' had no minor or major nonconformity in the "
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
                  fmt::format("the previous audit '{}' found {} nonconformit{} with no 'follow_up' "
                              "entry: {}; say for each what was done (closed, in-progress or "
                              "not-started)",
                              p.audit_id, missing.size(), missing.size() == 1 ? "y" : "ies",
                              fmt::join(missing, ", ")));
    }
  }

  bool ParseFollowUpEntry(const YamlNode* n, FollowUpEntry* e) {
    std::string ctx = fmt::format("the follow-up of '{}'", e->criterion);
    if (!r_.IsMap(n, ctx)) return false;
    Fields f(&r_, n, ctx);
    bool ok = true;
    if (auto v = f.Required("status")) {
      if (auto s = r_.String(v, fmt::format("the status of {}", ctx))) {
        if (*s == "closed") {
          e->status = FollowUpStatus::kClosed;
        } else if (*s == "in-progress") {
          e->status = FollowUpStatus::kInProgress;
        } else if (*s == "not-started") {
          e->status = FollowUpStatus::kNotStarted;
        } else {
          sink_.Error("bad-value", v->where,
                      fmt::format("unknown status '{}' in {}: use closed, in-progress or "
                                  "not-started{}",
                                  *s, ctx, DidYouMean(*s, {"closed", "in-progress", "not-started"})));
          ok = false;
        }
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    const YamlNode* date = f.Optional("date");
    if (date) {
      e->date = r_.DateValue(date, fmt::format("the date of {}", ctx));
      if (!e->date) ok = false;
      if (e->date && have_dates_ && d_->audit.end < *e->date) {
        sink_.Error("bad-dates", date->where,
                    fmt::format("{} is dated {}, after the audit ended ({}): the auditor cannot "
                                "have verified it",
                                ctx, e->date->ToString(), d_->audit.end.ToString()));
        ok = false;
      }
    }
    const YamlNode* evidence = f.Optional("evidence");
    if (evidence) e->evidence = ReadEvidenceRefs(evidence, ctx);
    if (auto v = f.Optional("sites")) {
      if (auto items = r_.List(v, fmt::format("'sites' of {}", ctx))) {
        for (const YamlNode* item : *items) {
          auto s = r_.String(item, fmt::format("a site of {}", ctx));
          if (!s) continue;
          if (*s == "all") {
            e->sites.clear();
            break;
          }
          if (CheckSite(item, *s, fmt::format("'sites' of {}", ctx))) e->sites.push_back(*s);
        }
      }
    }
    if (auto v = f.Optional("note")) e->note = r_.String(v, fmt::format("the note of {}", ctx)).value_or("");
    f.Finish();
    if (e->status == FollowUpStatus::kClosed && ok) {
      if (!date) {
        sink_.Error("missing-key", e->where,
                    fmt::format("{} is closed without a 'date': say when the correction was made",
                                ctx));
        ok = false;
      }
      if (!evidence || (evidence->is_sequence() && evidence->items.empty())) {
        sink_.Error("missing-key", evidence ? evidence->where : e->where,
                    fmt::format("{} is closed without 'evidence': cite the evidence of the "
                                "correction from the register",
                                ctx));
        ok = false;
      }
    }
    return ok;
  }

  YamlReader r_;
  DiagnosticSink& sink_;
  const DossierOptions& options_;
  const Referential* ref_ = nullptr;
  Dossier* d_ = nullptr;
  bool have_dates_ = false;
  bool organisation_ok_ = false;
  bool sites_ok_ = false;
  bool kind_ok_ = false;
  SourceLocation audit_kind_where_;
  SourceLocation assessments_key_;
};

}  // namespace

std::string ReadNonEmpty(YamlReader* reader, const YamlNode* v, const std::string& what) {
  std::string s = reader->String(v, what).value_or("");
  bool blank = s.find_first_not_of(" \t") == std::string::npos;
  if (v->is_scalar() && blank) {
    reader->sink().Error("missing-key", v->where, fmt::format("{} is empty", what));
  }
  return s;
}

bool ReadAuditDates(YamlReader* reader, Fields* f, AuditInfo* a) {
  DiagnosticSink& sink = reader->sink();
  std::optional<Date> start, end, decision;
  const YamlNode* end_node = f->Required("end");
  const YamlNode* decision_node = f->Optional("decision_date");
  if (auto v = f->Required("start")) start = reader->DateValue(v, "'start'");
  if (end_node) end = reader->DateValue(end_node, "'end'");
  if (decision_node) decision = reader->DateValue(decision_node, "'decision_date'");
  if (start) a->start = *start;
  if (end) a->end = *end;
  a->decision_date = decision ? *decision : a->end;
  if (start && end && *end < *start) {
    sink.Error("bad-dates", end_node->where,
               fmt::format("the audit ends ({}) before it starts ({})", end->ToString(),
                           start->ToString()));
  }
  if (end && decision && *decision < *end) {
    sink.Error("bad-dates", decision_node->where,
               fmt::format("the decision ({}) comes before the end of the audit ({})",
                           decision->ToString(), end->ToString()));
  }
  return start && end;
}

void ReadAuditTeam(YamlReader* reader, Fields* f, AuditInfo* a) {
  if (auto v = f->Required("lead_auditor")) a->lead_auditor = ReadNonEmpty(reader, v, "'lead_auditor'");
  if (auto v = f->Optional("auditors")) {
    if (auto items = reader->List(v, "'auditors'")) {
      for (const YamlNode* item : *items) {
        if (auto s = reader->String(item, "an auditor")) a->auditors.push_back(*s);
      }
    }
  }
}

void CheckDecisionMakerOffTeam(const AuditInfo& a, const YamlNode* dm, DiagnosticSink* sink) {
  if (a.decision_maker.empty()) return;
  // Compared by normalised identity (engine/identity.h): case, accents and spacing aside.
  bool on_team = SamePerson(a.decision_maker, a.lead_auditor) ||
                 std::any_of(a.auditors.begin(), a.auditors.end(), [&](const std::string& x) {
                   return SamePerson(a.decision_maker, x);
                 });
  if (on_team) {
    sink->Error("decision-maker-on-team", dm->where,
                fmt::format("the decision maker '{}' is on the audit team: the decision must "
                            "be taken by someone who did not audit (ISO/IEC 17021-1)",
                            a.decision_maker));
  }
}

std::optional<PreviousResult> ReadPreviousKey(YamlReader* reader, const YamlNode* n,
                                              const PriorContext& c) {
  YamlReader& r_ = *reader;
  DiagnosticSink& sink_ = reader->sink();
  const bool group = c.format == ResultFormat::kGroup;
  const char* folder = group ? "the group dossier's folder" : "the dossier's folder";
  if (!r_.IsMap(n, "'previous'")) return std::nullopt;
  Fields f(&r_, n, "'previous'");
  const YamlNode* result = f.Required("result");
  const YamlNode* sha = f.Optional("sha256");
  f.Finish();
  std::string pinned;
  if (sha) {
    if (auto s = r_.String(sha, "the sha256 of 'previous'")) {
      pinned = *s;
      if (!IsHex64(&pinned)) {
        sink_.Error("bad-value", sha->where,
                    "the sha256 of 'previous' must be 64 hexadecimal digits");
        pinned.clear();
      }
    }
  }
  if (!result) return std::nullopt;
  auto path = r_.String(result, "the result of 'previous'");
  if (!path || !CheckRelativeFile(sink_, result, *path, "'previous'")) return std::nullopt;
  namespace fs = std::filesystem;
  std::string base = c.base_dir.empty() ? "." : c.base_dir;
  std::error_code ec;
  fs::path full = fs::path(base) / *path;
  if (!fs::is_regular_file(full, ec)) {
    sink_.Error("missing-file", result->where,
                fmt::format("the previous result '{}' is not in {}", *path, folder));
    return std::nullopt;
  }
  std::string text;
  Diagnostic io;
  if (!ReadFileText(full.string(), c.limits.max_file_bytes, &text, &io)) {
    sink_.Error("io-error", result->where,
                fmt::format("the previous result '{}' cannot be read: {}", *path, io.message));
    return std::nullopt;
  }
  PreviousResult p;
  p.path = *path;
  p.sha256 = Sha256Hex(text);
  if (!pinned.empty() && pinned != p.sha256) {
    sink_.Error("hash-mismatch", sha->where,
                fmt::format("the previous result '{}' has SHA-256 {}, not the one declared: the "
                            "file changed",
                            *path, p.sha256));
    return std::nullopt;
  }
  std::string error;
  if (!ParsePreviousResult(text, c.referential->policy, &p, &error, c.format)) {
    sink_.Error("not-a-result", result->where,
                fmt::format("the previous result '{}' cannot be used: {}", *path, error));
    return std::nullopt;
  }
  bool ok = true;
  if (p.referential_id != c.referential->id) {
    sink_.Error("referential-mismatch", result->where,
                fmt::format("the previous result '{}' is an audit against referential '{}', not "
                            "'{}'",
                            *path, p.referential_id, c.referential->id));
    ok = false;
  }
  if (c.subject_known) {
    const char* code = group ? "group-mismatch" : "organisation-mismatch";
    const char* whose = group ? "another group's audit" : "another organisation's audit";
    if (!p.siret.empty() && !c.siret.empty()) {
      if (p.siret != c.siret) {
        sink_.Error(code, result->where,
                    fmt::format("the previous result '{}' is about SIRET {}, not {}: it is {}",
                                *path, p.siret, c.siret, whose));
        ok = false;
      }
    } else if (p.organisation_name != c.name) {
      sink_.Error(code, result->where,
                  fmt::format("the previous result '{}' is about '{}', not '{}': it is {}", *path,
                              p.organisation_name, c.name, whose));
      ok = false;
    }
  }
  if (c.audit_start && *c.audit_start < p.decision_date) {
    sink_.Error("bad-dates", result->where,
                fmt::format("the previous audit '{}' was decided on {}, after this audit started "
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
  Fields f(&r_, n, "'certificate'");
  CycleState c;
  bool ok = true;
  const YamlNode* start = f.Required("decision_date");
  if (start) {
    if (auto d = r_.DateValue(start, "'decision_date' of 'certificate'")) c.cycle_start = *d;
    else ok = false;
  } else {
    ok = false;
  }
  if (auto v = f.Optional("surveillances_done")) {
    if (auto x = r_.Integer(v, "'surveillances_done' of 'certificate'")) {
      int most = SurveillancesPerCycle(policy);
      if (*x < 0 || *x > most) {
        sink_.Error("bad-value", v->where,
                    fmt::format("'surveillances_done' of 'certificate' must be between 0 and {} "
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
    if (auto d = r_.DateValue(last, "'last_audit' of 'certificate'")) c.last_audit_end = *d;
    else ok = false;
  }
  const YamlNode* suspended = f.Optional("suspended_since");
  std::optional<Date> since;
  if (suspended) {
    since = r_.DateValue(suspended, "'suspended_since' of 'certificate'");
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
                    fmt::format("{} of 'certificate' ({}) comes after this audit starts ({})",
                                what, date.ToString(), ctx.audit_start->ToString()));
        ok = false;
      }
    }
  }
  if (last && c.last_audit_end < *c.cycle_start) {
    sink_.Error("bad-dates", last->where,
                fmt::format("'last_audit' of 'certificate' ({}) comes before the decision that "
                            "started the cycle ({})",
                            c.last_audit_end.ToString(), c.cycle_start->ToString()));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return c;
}

DossierLoad LoadDossierFromString(const std::string& name, std::string text,
                                  const ReferentialResolver& resolve,
                                  const DossierOptions& options) {
  DossierLoad result;
  auto dossier = std::make_shared<Dossier>();
  dossier->path = name;
  dossier->sha256 = Sha256Hex(text);
  size_t bom = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    text.erase(0, 3);
    bom = 3;
  }
  auto source = std::make_shared<SourceFile>(name, std::move(text), bom);
  dossier->source = source;
  DiagnosticSink sink(source);
  YamlDocument doc;
  if (ParseYaml(source, options.limits, &sink, &doc)) {
    DossierParser parser(&sink, options);
    if (parser.ReadReferentialRef(doc.root(), dossier.get())) {
      std::string error;
      result.referential = resolve(dossier->referential_id, dossier->referential_version, &error);
      if (!result.referential) {
        sink.Error("unknown-referential", dossier->referential_where, error);
      } else {
        parser.Parse(doc.root(), *result.referential, dossier.get());
      }
    }
  }
  if (!sink.has_errors()) result.dossier = std::move(dossier);
  result.diagnostics = sink.Take();
  return result;
}

DossierLoad LoadDossierFile(const std::string& path, const ReferentialResolver& resolve,
                            const LoadOptions& options) {
  std::string text;
  Diagnostic error;
  if (!ReadFileText(path, options.limits.max_file_bytes, &text, &error)) {
    DossierLoad result;
    result.diagnostics.push_back(std::move(error));
    return result;
  }
  DossierOptions dopts;
  dopts.limits = options.limits;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  dopts.base_dir = parent.empty() ? "." : parent.string();
  return LoadDossierFromString(path, std::move(text), resolve, dopts);
}

}  // namespace sceau
