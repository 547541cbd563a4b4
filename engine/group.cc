#include "engine/group.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <string_view>

#include "engine/contained_file.h"
#include "engine/dossier_parser.h"
#include "engine/format_specs.h"
#include "engine/identity.h"
#include "engine/lifecycle.h"
#include "engine/referential_loader.h"
#include "engine/sha256.h"
#include "engine/wording.h"
#include "engine/yaml_reader.h"
#include "engine/yaml_tree.h"

namespace sceau {

namespace fs = std::filesystem;
using dossier_internal::SubSpec;

namespace {

// The group's decision maker must not have audited any member (DOMAIN.md rule 6), compared by
// identity (engine/identity.h): identifiers when both have one, else normalised names.
void CheckGroupDecisionMaker(const AuditInfo& group, const AuditInfo& member,
                             const std::string& file, const SourceLocation& where,
                             DiagnosticSink* sink) {
  if (group.decision_maker.empty()) return;
  auto match = FindOnTeam(member, {group.decision_maker, group.decision_maker_id});
  if (!match) return;
  std::string role = match->lead ? Tr("lead auditor") : Tr("an auditor");
  if (match->by == SameBy::kId) role += Fmt(" '{}', identifier '{}'", match->name, match->id);
  sink->Error("decision-maker-on-team", where,
              Fmt("the group's decision maker '{}' audited member dossier '{}' (as {}): "
                  "the decision must be taken by someone who did not audit (ISO/IEC "
                  "17021-1)",
                  group.decision_maker, file, role));
}

int Count(const std::vector<Diagnostic>& diags, Severity s) { return CountDiagnostics(diags, s); }

SourceLocation KeyOf(const YamlNode* map, const char* key) {
  for (const auto& [k, v] : map->pairs) {
    if (k->value == key) return k->where;
  }
  return map->where;
}

class GroupParser {
 public:
  GroupParser(DiagnosticSink* sink, GroupDossier* g) : r_(sink), sink_(*sink), g_(g) {}

  void Parse(const YamlNode* root) {
    if (root == nullptr) {
      sink_.Error(
          "empty-file", SourceLocation{1, 1, 1},
          Tr("the file is empty: a group dossier starts with 'referential', 'group' and 'audit'"));
      return;
    }
    if (!r_.IsMap(root, Tr("a group dossier"))) return;
    Fields f(&r_, root, format::GroupDossierSpec(), Tr("the group dossier"));
    if (auto n = f.Optional("format")) {
      if (auto v = f.Integer("format", "'format'"); v && *v != 1) {
        sink_.Error("unsupported-format", n->where,
                    Fmt("format {} is not supported: this sceau reads format 1", *v));
      }
    }
    if (auto n = f.Required("referential")) ParseReferential(n);
    if (auto n = f.Required("group")) ParseGroup(n);
    if (auto n = f.Required("audit")) ParseAudit(n);
    // Read once the referential is known (ReadGroupCycle).
    f.Optional("previous");
    f.Optional("certificate");
    if (f.Optional("follow_up")) {
      sink_.Error("bad-value", KeyOf(root, "follow_up"),
                  Tr("'follow_up' belongs in each member's dossier, with that member's 'previous': "
                     "a group dossier follows up no finding of its own"));
    }
    f.Finish();
  }

  const SourceLocation& audit_kind_where() const { return audit_kind_where_; }

 private:
  void ParseReferential(const YamlNode* n) {
    if (!r_.IsMap(n, "'referential'")) return;
    Fields f(&r_, n, SubSpec(format::GroupDossierSpec(), "referential"), "'referential'");
    if (auto v = f.Required("id"))
      g_->referential_id = r_.Id(v, Tr("the referential id")).value_or("");
    if (auto v = f.Required("version")) {
      g_->referential_version = r_.String(v, Tr("the referential version")).value_or("");
    }
    f.Finish();
  }

  std::string NonEmpty(const YamlNode* v, const std::string& what) {
    return ReadNonEmpty(&r_, v, what);
  }

  void ParseGroup(const YamlNode* n) {
    if (!r_.IsMap(n, "'group'")) return;
    Fields f(&r_, n, SubSpec(format::GroupDossierSpec(), "group"), "'group'");
    if (auto v = f.Required("name")) g_->name = NonEmpty(v, Tr("the group's name"));
    if (auto v = f.Optional("siret")) {
      if (auto s = r_.String(v, "'siret'")) {
        std::string digits;
        for (char c : *s) {
          if (c != ' ') digits += c;
        }
        if (digits.size() != 14 || !std::all_of(digits.begin(), digits.end(),
                                                [](char c) { return c >= '0' && c <= '9'; })) {
          sink_.Error("bad-siret", v->where,
                      Fmt("SIRET '{}' must be 14 digits (spaces allowed)", *s));
        } else {
          g_->siret = digits;
        }
      }
    }
    if (auto k = f.Enum("kind", Tr("the group's kind"))) g_->kind = *ParseOrgKind(*k);
    if (auto v = f.Optional("region")) g_->region = r_.String(v, "'region'").value_or("");
    if (auto v = f.Required("management_system")) {
      g_->management_system = NonEmpty(v, Tr("the shared management system ('management_system')"));
    }
    if (auto v = f.Required("members")) {
      if (auto items = r_.List(v, "'members'")) {
        if (items->empty())
          sink_.Error("missing-key", v->where, Tr("'members' lists no member dossier"));
        for (const YamlNode* item : *items) {
          auto s = r_.String(item, Tr("a member dossier"));
          if (!s) continue;
          if (s->empty() || s->front() == '/' || s->front() == '\\' ||
              (s->size() > 1 && (*s)[1] == ':')) {
            sink_.Error("bad-path", item->where,
                        Fmt("member dossier '{}' must be a path relative to the group "
                            "dossier's folder",
                            *s));
            continue;
          }
          g_->members.push_back(*s);
          g_->members_where.push_back(item->where);
        }
      }
    }
    f.Finish();
  }

  void ParseAudit(const YamlNode* n) {
    if (!r_.IsMap(n, "'audit'")) return;
    AuditInfo& a = g_->audit;
    Fields f(&r_, n, SubSpec(format::GroupDossierSpec(), "audit"), "'audit'");
    if (auto v = f.Required("id")) a.id = r_.Id(v, Tr("the audit id")).value_or("");
    if (const YamlNode* v = f.Get("kind")) {
      audit_kind_where_ = v->where;
      if (auto k = f.Enum("kind", Tr("the audit kind"))) a.kind = *ParseAuditKind(*k);
    }
    ReadAuditDates(&r_, &f, &a);
    ReadAuditTeam(&r_, &f, &a);
    if (auto v = f.Optional("decision_maker_id"))
      a.decision_maker_id = NonEmpty(v, "'decision_maker_id'");
    if (auto v = f.Required("decision_maker")) {
      a.decision_maker = NonEmpty(v, "'decision_maker'");
      CheckDecisionMakerOffTeam(a, v, &sink_);
    }
    if (auto v = f.Optional("scope")) a.scope = r_.TextValue(v, "'scope'").value_or(Text{});
    if (auto v = f.Optional("objectives"))
      a.objectives = r_.TextValue(v, "'objectives'").value_or(Text{});
    f.Finish();
  }

  YamlReader r_;
  DiagnosticSink& sink_;
  GroupDossier* g_;
  SourceLocation audit_kind_where_;
};

// `previous` or `certificate` of a group dossier whose other keys are sound, read as a dossier's
// (dossier_loader.h), then the audit's kind checked against the group certificate's cycle.
void ReadGroupCycle(const YamlNode* root, const Referential& ref, const std::string& base_dir,
                    const LoadOptions& options, SourceLocation audit_kind_where,
                    DiagnosticSink* sink, GroupDossier* g) {
  const YamlNode* previous = root->Get("previous");
  const YamlNode* certificate = root->Get("certificate");
  if (previous && previous->is_null()) previous = nullptr;
  if (certificate && certificate->is_null()) certificate = nullptr;
  SourceLocation previous_key = KeyOf(root, "previous");
  SourceLocation certificate_key = KeyOf(root, "certificate");
  if (previous && certificate) {
    sink->Error("bad-value", certificate_key,
                Tr("give either 'previous' (the group's previous sceau group result) or "
                   "'certificate' (the group certificate's dates, for a history that predates "
                   "sceau), not both"));
    return;
  }
  PriorContext c;
  c.referential = &ref;
  c.format = ResultFormat::kGroup;
  c.base_dir = base_dir;
  c.limits = options.limits;
  c.subject_known = true;
  c.name = g->name;
  c.siret = g->siret;
  c.audit_start = g->audit.start;
  YamlReader reader(sink);
  if (previous) {
    auto p = ReadPreviousKey(&reader, previous, c);
    if (!p) return;
    g->prior = p->cycle;
    g->previous = std::move(*p);
  } else if (certificate) {
    auto cs = ReadCertificateKey(&reader, certificate, c);
    if (!cs) return;
    g->prior = *cs;
  }
  SourceLocation at = previous ? previous_key : certificate ? certificate_key : audit_kind_where;
  for (const CycleProblem& p : CheckCycle(ref.policy, g->audit, g->prior)) {
    if (p.error) {
      sink->Error(p.code, at, p.message);
    } else {
      sink->Warning(p.code, audit_kind_where, p.message);
    }
  }
}

}  // namespace

int GroupLoad::errors() const {
  int n = Count(diagnostics, Severity::kError);
  for (const GroupMember& m : members) {
    n += Count(m.load.diagnostics, Severity::kError) +
         Count(m.evaluation.diagnostics, Severity::kError);
  }
  return n;
}

int GroupLoad::warnings() const {
  int n = Count(diagnostics, Severity::kWarning);
  for (const GroupMember& m : members) {
    n += Count(m.load.diagnostics, Severity::kWarning) +
         Count(m.evaluation.diagnostics, Severity::kWarning);
  }
  return n;
}

namespace {

// A cheap look first, so that a normal dossier is not parsed twice: a block-style top-level key
// `group` starts a line; a flow-style document starts with '{'. Only then is the file parsed.
bool MayBeGroup(const std::string& text) {
  size_t at = 0;
  bool first = true;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + at, end - at);
    if (first && line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    size_t lead = line.find_first_not_of(" \t\r");
    if (lead != std::string_view::npos && line[lead] != '#') {
      if (first && line[lead] == '{') return true;
      first = false;
      for (std::string_view key : {"group", "\"group\"", "'group'"}) {
        if (line.substr(0, key.size()) == key) {
          std::string_view rest = line.substr(key.size());
          size_t colon = rest.find_first_not_of(" \t");
          if (colon != std::string_view::npos && rest[colon] == ':') return true;
        }
      }
    }
    at = end + 1;
  }
  return false;
}

}  // namespace

bool IsGroupDossierFile(const std::string& path) {
  std::string text;
  Diagnostic error;
  if (!ReadFileText(path, YamlLimits{}.max_file_bytes, &text, &error)) return false;
  return IsGroupDossierText(path, std::move(text));
}

bool IsGroupDossierText(const std::string& path, std::string text) {
  if (!MayBeGroup(text)) return false;
  auto source = std::make_shared<SourceFile>(path, std::move(text));
  DiagnosticSink sink(source);
  YamlDocument doc;
  if (!ParseYaml(source, YamlLimits{}, &sink, &doc) || !doc.root() || !doc.root()->is_map())
    return false;
  return doc.root()->Get("group") != nullptr;
}

GroupLoad LoadGroupFile(const std::string& path, const ReferentialResolver& resolve,
                        const LoadOptions& options) {
  std::string text;
  Diagnostic read_error;
  if (!ReadFileText(path, options.limits.max_file_bytes, &text, &read_error)) {
    GroupLoad result;
    result.diagnostics.push_back(std::move(read_error));
    return result;
  }
  return LoadGroupFromString(path, std::move(text), resolve, options);
}

GroupLoad LoadGroupFromString(const std::string& path, std::string text,
                              const ReferentialResolver& resolve, const LoadOptions& options) {
  GroupLoad result;
  auto group = std::make_shared<GroupDossier>();
  group->path = path;
  group->sha256 = Sha256Hex(text);
  size_t bom = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    text.erase(0, 3);
    bom = 3;
  }
  auto source = std::make_shared<SourceFile>(path, std::move(text), bom);
  DiagnosticSink sink(source);
  YamlDocument doc;
  SourceLocation audit_kind_where{1, 1, 1};
  if (ParseYaml(source, options.limits, &sink, &doc)) {
    GroupParser parser(&sink, group.get());
    parser.Parse(doc.root());
    audit_kind_where = parser.audit_kind_where();
  }
  bool group_ok = !sink.has_errors();

  if (group_ok) {
    std::string error;
    result.referential = resolve(group->referential_id, group->referential_version, &error);
    if (!result.referential) {
      SourceLocation where{1, 1, 1};
      for (const auto& [k, v] : doc.root()->pairs) {
        if (k->value == "referential") where = v->where;
      }
      sink.Error("unknown-referential", where, error);
    } else {
      CheckAuditDateLimit(group->audit, result.referential->policy, doc.root()->Get("audit"),
                          &sink);
    }
  }
  const bool load_members = !sink.has_errors();
  if (load_members) {
    fs::path parent = fs::path(path).parent_path();
    ReadGroupCycle(doc.root(), *result.referential, parent.empty() ? "." : parent.string(), options,
                   audit_kind_where, &sink, group.get());
  }
  if (load_members) {
    const fs::path base = fs::path(path).parent_path();
    std::vector<fs::path> seen;
    std::vector<std::string> seen_real;                  // one file named twice (through a link)
    std::vector<std::pair<std::string, size_t>> sirets;  // SIRET, member index
    for (size_t i = 0; i < group->members.size(); ++i) {
      const std::string& file = group->members[i];
      const SourceLocation& where = group->members_where[i];
      GroupMember m;
      m.file = file;
      m.path = (base / file).lexically_normal().string();
      fs::path key = fs::path(m.path);
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        sink.Error("duplicate-entry", where, Fmt("member dossier '{}' is listed twice", file));
        continue;
      }
      seen.push_back(key);
      // Opened inside the group dossier's folder (symbolic links resolved), without blocking,
      // checked and read on the one descriptor (engine/contained_file.h).
      ContainedFile opened = ContainedFile::Open(base.string(), file);
      if (opened.status() == ContainedStatus::kMissing) {
        sink.Error("missing-file", where,
                   Fmt("member dossier '{}' does not exist (looked for {})", file, m.path));
        continue;
      }
      if (!opened.ok()) {
        bool io = opened.status() == ContainedStatus::kUnreadable;
        sink.Error(
            io ? "io-error" : "bad-path", where,
            Fmt("member dossier '{}' {}", file, opened.Problem(Tr("the group dossier's folder"))));
        continue;
      }
      if (std::find(seen_real.begin(), seen_real.end(), opened.real_path()) != seen_real.end()) {
        sink.Error("duplicate-entry", where,
                   Fmt("member dossier '{}' is listed twice (under another name)", file));
        continue;
      }
      seen_real.push_back(opened.real_path());
      std::string member_text;
      std::string io;
      if (!opened.ReadAll(options.limits.max_file_bytes, &member_text, &io)) {
        sink.Error("io-error", where, Fmt("member dossier '{}' cannot be read: {}", file, io));
        continue;
      }
      if (IsGroupDossierText(m.path, member_text)) {
        sink.Error("bad-value", where,
                   Fmt("member dossier '{}' is itself a group dossier: a group lists the "
                       "dossiers of its members",
                       file));
        continue;
      }
      DossierOptions dopts;
      dopts.limits = options.limits;
      fs::path member_dir = fs::path(m.path).parent_path();
      dopts.base_dir = member_dir.empty() ? "." : member_dir.string();
      m.load = LoadDossierFromString(m.path, std::move(member_text), resolve, dopts);
      const Referential* ref = m.load.referential.get();
      if (ref && (ref->id != group->referential_id || ref->version != group->referential_version)) {
        sink.Error(
            "referential-mismatch", where,
            Fmt("member dossier '{}' is assessed against {} {}, but the group against "
                "{} {}: the members of a group share one referential",
                file, ref->id, ref->version, group->referential_id, group->referential_version));
      }
      if (m.load.ok()) {
        const Dossier& d = *m.load.dossier;
        m.evaluation = Evaluate(*m.load.referential, d);
        const std::string& siret = d.organisation.siret;
        if (siret.empty()) {
          if (group->kind == OrgKind::kGes) {
            sink.Error("missing-siret", where,
                       Fmt("member dossier '{}' gives no SIRET: each member of a GES is a "
                           "legal entity with its own SIRET",
                           file));
          }
        } else {
          auto it = std::find_if(sirets.begin(), sirets.end(),
                                 [&](const auto& p) { return p.first == siret; });
          if (it != sirets.end()) {
            sink.Error("duplicate-siret", where,
                       Fmt("member dossier '{}' has the SIRET {} of member '{}': each member "
                           "is a distinct legal entity",
                           file, siret, group->members[it->second]));
          } else {
            sirets.emplace_back(siret, i);
          }
        }
        CheckGroupDecisionMaker(group->audit, d.audit, file, where, &sink);
        if (d.audit.kind != group->audit.kind) {
          sink.Warning("audit-mismatch", where,
                       Fmt("member dossier '{}' is a {} audit, the group's is a {} audit", file,
                           AuditKindName(d.audit.kind), AuditKindName(group->audit.kind)));
        }
      }
      result.members.push_back(std::move(m));
    }
  }
  bool members_ok =
      std::all_of(result.members.begin(), result.members.end(),
                  [](const GroupMember& m) { return m.load.ok() && m.evaluation.ok(); });
  if (!sink.has_errors() && members_ok) result.group = std::move(group);
  result.diagnostics = sink.Take();
  return result;
}

GroupDecision DecideGroup(const std::vector<MemberOutcome>& members) {
  GroupDecision g;
  if (members.empty()) return g;  // refused, caused by no one: an empty group certifies nothing
  bool conditional = false;
  for (const MemberOutcome& m : members) {
    if (m.decision == Decision::kRefused || m.decision == Decision::kNone)
      g.caused_by.push_back(m.stem);
    if (m.decision == Decision::kConditional) conditional = true;
  }
  if (!g.caused_by.empty()) {
    g.decision = Decision::kRefused;
  } else {
    g.decision = conditional ? Decision::kConditional : Decision::kGranted;
  }
  return g;
}

void ApplyGroupRefusal(const Referential& ref, const Dossier& member, const GroupDecision& group,
                       AuditResult* r) {
  if (group.decision != Decision::kRefused) return;
  if (r->decision != Decision::kGranted && r->decision != Decision::kConditional) return;
  // The result's own texts, in both languages whatever the diagnostics speak.
  std::string who = group.caused_by.empty() ? std::string("aucun membre")
                                            : fmt::format("{}", fmt::join(group.caused_by, ", "));
  std::string who_en = group.caused_by.empty() ? std::string("no member") : who;
  LifecycleReason reason{
      "group-refused",
      {{{"fr", fmt::format("Le groupe est refusé (membres en cause : {}) : aucun membre du groupe "
                           "n'est certifié, même celui-ci, qui remplit lui-même les exigences.",
                           who)},
        {"en", fmt::format("The group is refused (members that caused it: {}): no member of the "
                           "group is certified, not even this one, which meets the requirements "
                           "itself.",
                           who_en)}}}};
  r->decision = Decision::kRefused;
  r->certificate.reset();
  r->notes.push_back({"group-refused",
                      -1,
                      reason.message.fr(),
                      {{"members", fmt::format("{}", fmt::join(group.caused_by, ", "))}}});
  if (member.audit.kind != AuditKind::kSelfAssessment) {
    // The follow-up's reasons stay (late correction); the cycle's are recomputed.
    std::vector<LifecycleReason> reasons;
    if (r->lifecycle) {
      for (const LifecycleReason& x : r->lifecycle->reasons) {
        if (x.code == "late-correction") reasons.push_back(x);
      }
    }
    reasons.push_back(std::move(reason));
    r->lifecycle = ComputeLifecycle(ref.policy, member.audit, member.prior, Decision::kRefused, "",
                                    std::move(reasons));
  }
}

}  // namespace sceau
