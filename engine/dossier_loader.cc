#include "engine/dossier_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>

#include "engine/audit_plan.h"
#include "engine/contained_file.h"
#include "engine/dossier_parser.h"
#include "engine/evaluator.h"
#include "engine/grid_layout.h"
#include "engine/previous_result.h"
#include "engine/referential_loader.h"
#include "engine/sha256.h"
#include "engine/wording.h"
#include "engine/workbook_reader.h"
#include "engine/yaml_reader.h"

namespace sceau {

namespace {

constexpr std::array<std::pair<AuditKind, std::string_view>, 4> kAuditKinds = {{
    {AuditKind::kInitial, "initial"},
    {AuditKind::kSurveillance, "surveillance"},
    {AuditKind::kRenewal, "renewal"},
    {AuditKind::kSelfAssessment, "self-assessment"},
}};
constexpr std::array<std::string_view, 4> kAuditKindNames = {
    kAuditKinds[0].second, kAuditKinds[1].second, kAuditKinds[2].second, kAuditKinds[3].second};

constexpr std::array<std::pair<FollowUpStatus, std::string_view>, 3> kFollowUpStatuses = {{
    {FollowUpStatus::kClosed, "closed"},
    {FollowUpStatus::kInProgress, "in-progress"},
    {FollowUpStatus::kNotStarted, "not-started"},
}};
constexpr std::array<std::string_view, 3> kFollowUpStatusNames = {
    kFollowUpStatuses[0].second, kFollowUpStatuses[1].second, kFollowUpStatuses[2].second};

constexpr std::array<std::pair<ActionStatus, std::string_view>, 3> kActionStatuses = {{
    {ActionStatus::kPlanned, "planned"},
    {ActionStatus::kInProgress, "in-progress"},
    {ActionStatus::kDone, "done"},
}};
constexpr std::array<std::string_view, 3> kActionStatusNames = {
    kActionStatuses[0].second, kActionStatuses[1].second, kActionStatuses[2].second};

}  // namespace

std::string_view ActionStatusName(ActionStatus s) {
  for (const auto& [k, name] : kActionStatuses) {
    if (k == s) return name;
  }
  return "?";
}

std::span<const std::string_view> ActionStatusNames() { return kActionStatusNames; }

std::string_view AuditKindName(AuditKind kind) {
  for (const auto& [k, name] : kAuditKinds) {
    if (k == kind) return name;
  }
  return "?";
}

std::span<const std::string_view> AuditKindNames() { return kAuditKindNames; }
// The first three: a group is certified, it has no self-assessment.
std::span<const std::string_view> GroupAuditKindNames() {
  return std::span<const std::string_view>(kAuditKindNames).first(3);
}

std::string_view FollowUpStatusName(FollowUpStatus s) {
  for (const auto& [k, name] : kFollowUpStatuses) {
    if (k == s) return name;
  }
  return "?";
}

std::span<const std::string_view> FollowUpStatusNames() { return kFollowUpStatusNames; }

std::optional<AuditKind> ParseAuditKind(std::string_view name) {
  for (const auto& [k, n] : kAuditKinds) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string_view ExcludedBy(const Criterion& c, const Organisation& org) {
  const Applicability& a = c.applies;
  if (!a.kinds.empty() && std::find(a.kinds.begin(), a.kinds.end(), org.kind) == a.kinds.end())
    return "kinds";
  if (!a.headcount.Contains(org.headcount())) return "headcount";
  if (!a.sites.Contains(static_cast<int>(org.sites.size()))) return "sites";
  return "";
}

bool Applies(const Criterion& c, const Organisation& org, std::string* reason) {
  const Applicability& a = c.applies;
  if (!a.kinds.empty() && std::find(a.kinds.begin(), a.kinds.end(), org.kind) == a.kinds.end()) {
    std::string kinds;
    for (OrgKind k : a.kinds) kinds += (kinds.empty() ? "" : ", ") + std::string(OrgKindName(k));
    *reason = Fmt("applies only to {}", kinds);
    return false;
  }
  auto range = [](const Range& r) {
    if (r.min && r.max) return Fmt("{} to {}", *r.min, *r.max);
    if (r.min) return Fmt("at least {}", *r.min);
    return Fmt("at most {}", *r.max);
  };
  if (!a.headcount.Contains(org.headcount())) {
    *reason = Fmt("applies to a headcount of {} (here {})", range(a.headcount), org.headcount());
    return false;
  }
  int sites = static_cast<int>(org.sites.size());
  if (!a.sites.Contains(sites)) {
    *reason = Fmt("applies to {} sites (here {})", range(a.sites), sites);
    return false;
  }
  return true;
}

int DossierLoad::errors() const { return CountDiagnostics(diagnostics, Severity::kError); }

int DossierLoad::warnings() const { return CountDiagnostics(diagnostics, Severity::kWarning); }

ReferentialResolver FixedReferential(std::shared_ptr<const Referential> ref) {
  return [ref](const std::string& id, const std::string& version,
               std::string* error) -> std::shared_ptr<const Referential> {
    if (id == ref->id && version == ref->version) return ref;
    *error =
        Fmt("the dossier is for referential '{}' version '{}', but it is checked "
            "against '{}' version '{}'",
            id, version, ref->id, ref->version);
    return nullptr;
  };
}

namespace dossier_internal {

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

bool CheckRelativeFile(DiagnosticSink& sink_, const YamlNode* v, const std::string& path,
                       const std::string& ctx) {
  if (path.empty()) {
    sink_.Error("bad-path", v->where, Fmt("the file of {} is empty", ctx));
    return false;
  }
  if (path.front() == '/' || path.front() == '\\' || (path.size() > 1 && path[1] == ':')) {
    sink_.Error("bad-path", v->where,
                Fmt("the file of {} must be relative to the dossier's folder, not an "
                    "absolute path",
                    ctx));
    return false;
  }
  std::filesystem::path p(path);
  for (const auto& part : p) {
    if (part == "..") {
      sink_.Error("bad-path", v->where,
                  Fmt("the file of {} leaves the dossier's folder ('..'): evidence "
                      "files live in or below it",
                      ctx));
      return false;
    }
  }
  return true;
}

const format::MapSpec& SubSpec(const format::MapSpec& parent, std::string_view key) {
  const format::ValueSpec* v = &parent.Find(key)->value;
  while (v->type == format::Type::kList || v->type == format::Type::kDict) v = v->item;
  return v->map();
}

SourceLocation KeyOf(const YamlNode* n, std::string_view key) {
  for (const auto& [k, v] : n->pairs) {
    if (k->value == key) return k->where;
  }
  return n->where;
}

bool DossierParser::ReadReferentialRef(const YamlNode* root, Dossier* d) {
  if (root == nullptr) {
    sink_.Error("empty-file", SourceLocation{1, 1, 1},
                Tr("the file is empty: a dossier starts with 'referential', 'organisation' and "
                   "'audit'"));
    return false;
  }
  if (!root->is_map()) {
    sink_.Error("wrong-type", root->where,
                Fmt("a dossier must be a map of keys (referential, organisation, audit, "
                    "evidence, assessments), not {}",
                    DescribeNode(root)));
    return false;
  }
  const YamlNode* ref = root->Get("referential");
  if (!ref || ref->is_null()) {
    Fields f(&r_, root, format::DossierSpec(), Tr("the dossier"));
    f.Required("referential");
    return false;
  }
  d->referential_where = ref->where;
  if (!r_.IsMap(ref, "'referential'")) return false;
  Fields f(&r_, ref, SubSpec(format::DossierSpec(), "referential"), "'referential'");
  bool ok = true;
  if (auto v = f.Required("id")) {
    if (auto s = r_.Id(v, Tr("the referential id")))
      d->referential_id = *s;
    else
      ok = false;
  } else {
    ok = false;
  }
  if (auto v = f.Required("version")) {
    if (auto s = r_.String(v, Tr("the referential version")))
      d->referential_version = *s;
    else
      ok = false;
  } else {
    ok = false;
  }
  f.Finish();
  return ok;
}

bool DossierParser::Parse(const YamlNode* root, const Referential& ref, Dossier* d) {
  ref_ = &ref;
  d_ = d;
  // The most criteria a report is drawn for (SECURITY.md, "Limits"): ten times the largest real
  // referential, and twice what the tests render. A larger one is refused here, before minutes of
  // rendering; nothing else is checked against it.
  constexpr size_t kMaxReportCriteria = 20000;
  if (ref.criteria.size() > kMaxReportCriteria) {
    sink_.Error("too-many-criteria", d->referential_where,
                Fmt("referential '{}' has {} criteria: a report is drawn for at most {}", ref.id,
                    ref.criteria.size(), kMaxReportCriteria));
    return false;
  }
  Fields f(&r_, root, format::DossierSpec(), Tr("the dossier"));
  f.Optional("referential");  // read already
  if (auto n = f.Optional("format")) {
    if (auto v = f.Integer("format", "'format'")) {
      if (*v != 1) {
        sink_.Error("unsupported-format", n->where,
                    Fmt("format {} is not supported: this sceau reads format 1", *v));
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
  bool whole = !sink_.has_errors();  // so far: all but the assessments
  d->assessment_of.assign(ref.criteria.size(), -1);
  if (assessments) {
    for (const auto& [key, value] : root->pairs) {
      if (key->value == "assessments") assessments_key_ = key->where;
    }
    ParseAssessments(assessments);
    // Only when the organisation is known can applicability say what is missing.
    if (organisation_ok_) CheckCompleteness(assessments);
  }
  return whole;
}

}  // namespace dossier_internal

DossierLoad LoadDossierFromString(const std::string& name, std::string text,
                                  const ReferentialResolver& resolve,
                                  const DossierOptions& options) {
  DossierLoad result;
  auto dossier = std::make_shared<Dossier>();
  dossier->path = name;
  dossier->sha256 = Sha256Hex(text);
  std::shared_ptr<SourceFile> source;
  // A spreadsheet grid (engine/grid_layout.h): read as the dossier's YAML, each line of which
  // names its cell, then checked as any dossier.
  std::vector<Diagnostic> grid_diagnostics;
  int grid_errors = 0;
  if (grid::LooksLikeSpreadsheet(text)) {
    WorkbookLimits limits;
    limits.max_file_bytes = options.limits.max_file_bytes;
    grid::Workbook book;
    if (!ReadWorkbook(name, text, limits, &book, &grid_diagnostics)) {
      result.diagnostics = std::move(grid_diagnostics);
      SortDiagnostics(&result.diagnostics);
      return result;
    }
    grid::GridYaml yaml = grid::GridToYaml(book, name, &grid_diagnostics);
    grid_errors = CountDiagnostics(grid_diagnostics, Severity::kError);
    source = std::make_shared<SourceFile>(name, std::move(yaml.yaml));
    source->SetCells(std::move(yaml.cells));
  } else {
    size_t bom = 0;
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
      text.erase(0, 3);
      bom = 3;
    }
    source = std::make_shared<SourceFile>(name, std::move(text), bom);
  }
  dossier->source = source;
  DiagnosticSink sink(source);
  YamlDocument doc;
  bool assessments_only = false;  // every error is inside an assessment
  if (ParseYaml(source, options.limits, &sink, &doc)) {
    dossier_internal::DossierParser parser(&sink, options);
    if (parser.ReadReferentialRef(doc.root(), dossier.get())) {
      std::string error;
      result.referential = resolve(dossier->referential_id, dossier->referential_version, &error);
      if (!result.referential) {
        sink.Error("unknown-referential", dossier->referential_where, error);
      } else {
        assessments_only = parser.Parse(doc.root(), *result.referential, dossier.get());
      }
    }
  }
  auto take = [&] {
    std::vector<Diagnostic> all = sink.Take();
    all.insert(all.end(), std::make_move_iterator(grid_diagnostics.begin()),
               std::make_move_iterator(grid_diagnostics.end()));
    SortDiagnostics(&all);
    return all;
  };
  if (!sink.has_errors() && grid_errors == 0) {
    result.dossier = std::move(dossier);
    result.diagnostics = take();
    return result;
  }
  if (assessments_only) {
    // The dossier cannot be evaluated, but the assessments that loaded can be checked on their
    // own: their contradictions are reported in this run, not once the other errors are fixed,
    // within the same cap on the diagnostics of a file.
    AssessmentDiagnostics(*result.referential, *dossier, &sink);
  }
  result.diagnostics = take();
  return result;
}

namespace {

// A dossier file's text, read: evidence files are looked up relative to the file's folder.
DossierLoad LoadReadDossier(const std::string& path, std::string text,
                            const ReferentialResolver& resolve, const LoadOptions& options) {
  DossierOptions dopts;
  dopts.limits = options.limits;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  dopts.base_dir = parent.empty() ? "." : parent.string();
  return LoadDossierFromString(path, std::move(text), resolve, dopts);
}

}  // namespace

DossierLoad LoadDossierFile(const std::string& path, const ReferentialResolver& resolve,
                            const LoadOptions& options) {
  std::string text;
  Diagnostic error;
  if (!ReadFileText(path, options.limits.max_file_bytes, &text, &error)) {
    DossierLoad result;
    result.diagnostics.push_back(std::move(error));
    return result;
  }
  return LoadReadDossier(path, std::move(text), resolve, options);
}

DossierLoad LoadContainedDossierFile(const std::string& folder, const std::string& name,
                                     const std::string& path, const ReferentialResolver& resolve,
                                     const LoadOptions& options) {
  ContainedFile file = ContainedFile::Open(folder, name);
  std::string text;
  std::string error;
  if (!file.ok()) {
    error = file.Problem(Tr("the campaign's folder"));
  } else if (file.ReadAll(options.limits.max_file_bytes, &text, &error)) {
    return LoadReadDossier(path, std::move(text), resolve, options);
  }
  DossierLoad result;
  Diagnostic d;
  d.code = "io-error";
  d.file = path;
  d.message = error;
  result.diagnostics.push_back(std::move(d));
  return result;
}

}  // namespace sceau
