#include "engine/audit_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "engine/dossier_parser.h"
#include "engine/format_specs.h"
#include "engine/referential_loader.h"
#include "engine/wording.h"
#include "engine/yaml_tree.h"

namespace sceau {

int SiteSampleSize(AuditKind kind, int sites) {
  if (sites <= 0) return 0;
  double factor = 1.0;
  if (kind == AuditKind::kSurveillance) factor = 0.6;
  if (kind == AuditKind::kRenewal) factor = 0.8;
  // sqrt of a perfect square is exact in IEEE arithmetic; the small epsilon keeps 0.6 * sqrt(25)
  // = 3.0000000000000004 from rounding up to 4.
  double raw = factor * std::sqrt(static_cast<double>(sites));
  int n = static_cast<int>(std::ceil(raw - 1e-9));
  if (n < 1) n = 1;
  return n > sites ? sites : n;
}

std::string SiteSampleRule(AuditKind kind, int sites) {
  if (kind == AuditKind::kSurveillance) return fmt::format("ceil(0.6*sqrt({}))", sites);
  if (kind == AuditKind::kRenewal) return fmt::format("ceil(0.8*sqrt({}))", sites);
  return fmt::format("ceil(sqrt({}))", sites);
}

namespace {

// IAF MD 5 (Issue 4, 2019), Table QMS 1: the top of each band of effective personnel and the
// initial audit time (stage 1 + stage 2) in half days.
constexpr std::array<std::pair<int, int>, 23> kQmsTable = {{
    {5, 3},     {10, 4},    {15, 5},    {25, 6},    {45, 8},    {65, 10},   {85, 12},    {125, 14},
    {175, 16},  {275, 18},  {425, 20},  {625, 22},  {875, 24},  {1175, 26}, {1550, 28},  {2025, 30},
    {2675, 32}, {3450, 34}, {4350, 36}, {5450, 38}, {6800, 40}, {8500, 42}, {10700, 44},
}};
constexpr int kBeyondTableStep = 2200;  // the width of the top band, 8,501-10,700

}  // namespace

int InitialAuditHalfDays(int personnel) {
  if (personnel < 1) personnel = 1;
  for (const auto& [top, halves] : kQmsTable) {
    if (personnel <= top) return halves;
  }
  const int top = kQmsTable.back().first;
  const int extra = (personnel - top + kBeyondTableStep - 1) / kBeyondTableStep;  // bands started
  return kQmsTable.back().second + 2 * extra;
}

double RoundToHalfDay(double days) {
  // A tiny epsilon so that 5.25 computed as 7.875 * 2 / 3 stays a tie and rounds up.
  double halves = std::floor(days * 2 + 0.5 + 1e-9);
  if (halves < 1) halves = 1;
  return halves / 2;
}

AuditTime EstimateAuditTime(int personnel, const std::vector<double>& reductions, AuditKind kind) {
  AuditTime t;
  t.personnel = personnel;
  t.table_days = InitialAuditHalfDays(personnel) / 2.0;
  for (double r : reductions) t.reduction_asked += r;
  t.reduction_applied = std::min(t.reduction_asked, kMaxReductionPercent);
  t.capped = t.reduction_asked > kMaxReductionPercent;
  const double reduced = t.table_days * (1 - t.reduction_applied / 100);
  t.initial_days = RoundToHalfDay(reduced);
  t.surveillance_days = RoundToHalfDay(reduced / 3);
  t.renewal_days = RoundToHalfDay(reduced * 2 / 3);
  switch (kind) {
    case AuditKind::kSurveillance:
      t.this_audit_days = t.surveillance_days;
      break;
    case AuditKind::kRenewal:
      t.this_audit_days = t.renewal_days;
      break;
    default:
      t.this_audit_days = t.initial_days;
      break;
  }
  return t;
}

AuditTime EstimateAuditTime(const Dossier& dossier) {
  std::vector<double> reductions;
  for (const PlanReduction& r : dossier.plan.reductions) reductions.push_back(r.percent);
  return EstimateAuditTime(dossier.organisation.headcount(), reductions, dossier.audit.kind);
}

uint64_t SplitMix64::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t SplitMix64::Below(uint64_t bound) {
  // Values below `threshold` would make some results more likely than others: draw again.
  const uint64_t threshold = (0 - bound) % bound;
  for (;;) {
    uint64_t r = Next();
    if (r >= threshold) return r % bound;
  }
}

uint64_t DefaultSeed(const std::string& audit_id) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char c : audit_id) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return h;
}

SiteSample DrawSiteSample(const Dossier& dossier, uint64_t seed) {
  const std::vector<Site>& sites = dossier.organisation.sites;
  SiteSample s;
  s.sites = static_cast<int>(sites.size());
  s.required = SiteSampleSize(dossier.audit.kind, s.sites);
  s.rule = SiteSampleRule(dossier.audit.kind, s.sites);
  s.seed = seed;
  int central = -1;
  std::vector<int> pool;
  for (size_t i = 0; i < sites.size(); ++i) {
    if (!dossier.plan.central.empty() && sites[i].id == dossier.plan.central) {
      central = static_cast<int>(i);
    } else {
      pool.push_back(static_cast<int>(i));
    }
  }
  int random = s.required;
  if (central >= 0) {
    s.central = dossier.plan.central;
    s.chosen.push_back(central);
    random = s.required - 1;
    // At least a quarter of the sample at random (IAF MD 1).
    const int quarter = (s.required + 3) / 4;
    random = std::max(random, quarter);
  }
  random = std::min(random, static_cast<int>(pool.size()));
  // Fisher-Yates, from the end: pool[i] swaps with a uniform pool[0..i].
  SplitMix64 rng(seed);
  for (size_t i = pool.size(); i > 1; --i) {
    size_t j = static_cast<size_t>(rng.Below(i));
    std::swap(pool[i - 1], pool[j]);
  }
  s.chosen.insert(s.chosen.end(), pool.begin(), pool.begin() + random);
  s.random = random;
  std::sort(s.chosen.begin(), s.chosen.end());
  return s;
}

void ReadPlanSettings(YamlReader* reader, const YamlNode* node, const Organisation& org,
                      PlanSettings* plan) {
  if (!reader->IsMap(node, "'plan'")) return;
  DiagnosticSink& sink = reader->sink();
  const format::MapSpec& spec = dossier_internal::SubSpec(format::DossierSpec(), "plan");
  Fields f(reader, node, spec, "'plan'");
  if (const YamlNode* v = f.Optional("central")) {
    if (auto id = f.Id("central")) {
      std::vector<std::string> ids;
      for (const Site& s : org.sites) ids.push_back(s.id);
      if (std::find(ids.begin(), ids.end(), *id) == ids.end()) {
        // Without readable sites, that error is reported already.
        if (!ids.empty()) {
          sink.Error(
              "unknown-site", v->where,
              Fmt("'central' of 'plan' names unknown site '{}'{}", *id, DidYouMean(*id, ids)));
        }
      } else {
        plan->central = *id;
      }
    }
  }
  if (const YamlNode* v = f.Optional("reductions")) {
    if (auto items = reader->List(v, "'reductions' of 'plan'")) {
      double total = 0;
      for (const YamlNode* item : *items) {
        if (!reader->IsMap(item, "a reduction")) continue;
        PlanReduction r;
        Fields g(reader, item, dossier_internal::SubSpec(spec, "reductions"), "a reduction");
        bool ok = true;
        if (const YamlNode* x = g.Required("reason")) {
          r.reason = reader->String(x, "the reason of a reduction").value_or("");
          if (x->is_scalar() && r.reason.find_first_not_of(" \t") == std::string::npos) {
            sink.Error("missing-key", x->where, "the reason of a reduction is empty: say why");
            ok = false;
          }
        } else {
          ok = false;
        }
        if (auto p = g.Number("percent", "the percent of a reduction")) {
          r.percent = *p;
        } else {
          ok = false;
        }
        g.Finish();
        if (!ok) continue;
        total += r.percent;
        plan->reductions.push_back(std::move(r));
      }
      if (total > kMaxReductionPercent) {
        sink.Warning("reduction-capped", v->where,
                     Fmt("the reductions add up to {} %: audit time is reduced by {} % at "
                         "most (IAF MD 5)",
                         total, kMaxReductionPercent));
      }
    }
  }
  f.Finish();
}

bool ReadPlanningDossier(const std::string& path, Dossier* d,
                         std::vector<Diagnostic>* diagnostics) {
  std::string text;
  Diagnostic read_error;
  if (!ReadFileText(path, YamlLimits{}.max_file_bytes, &text, &read_error)) {
    diagnostics->push_back(std::move(read_error));
    return false;
  }
  d->path = path;
  size_t bom = 0;  // added back to the byte offsets that messages quote
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    text.erase(0, 3);
    bom = 3;
  }
  auto source = std::make_shared<SourceFile>(path, std::move(text), bom);
  d->source = source;
  DiagnosticSink sink(source);
  YamlDocument doc;
  if (ParseYaml(source, YamlLimits{}, &sink, &doc)) {
    YamlReader r(&sink);
    const YamlNode* root = doc.root();
    if (root == nullptr) {
      sink.Error("empty-file", SourceLocation{1, 1, 1}, "the file is empty: nothing to plan");
    } else if (r.IsMap(root, "a dossier")) {
      // Only the keys planning reads; Finish() is never called, other keys are not our business.
      Fields f(&r, root, format::DossierSpec(), "the dossier");
      Organisation& o = d->organisation;
      if (const YamlNode* org = f.Required("organisation"); org && r.IsMap(org, "'organisation'")) {
        const format::MapSpec& org_spec =
            dossier_internal::SubSpec(format::DossierSpec(), "organisation");
        Fields g(&r, org, org_spec, "'organisation'");
        if (auto v = g.Required("name"))
          o.name = r.String(v, "the organisation's name").value_or("");
        if (auto k = g.Enum("kind", "the organisation's kind")) o.kind = *ParseOrgKind(*k);
        if (auto v = g.Required("headcount"); v && r.IsMap(v, "'headcount'")) {
          Fields h(&r, v, dossier_internal::SubSpec(org_spec, "headcount"), "'headcount'");
          if (auto n = h.Integer("permanent")) o.permanent = static_cast<int>(*n);
          if (auto n = h.Integer("pathway")) o.pathway = static_cast<int>(*n);
        }
        if (auto v = g.Required("sites")) {
          if (auto items = r.List(v, "'sites'")) {
            for (const YamlNode* item : *items) {
              if (!r.IsMap(item, "a site")) continue;
              Fields site(&r, item, dossier_internal::SubSpec(org_spec, "sites"), "a site");
              Site s;
              s.where = item->where;
              if (auto x = site.Required("id")) s.id = r.Id(x, "the site id").value_or("");
              if (auto x = site.Optional("name"))
                s.name = r.String(x, "the site's name").value_or("");
              bool twice = std::any_of(o.sites.begin(), o.sites.end(),
                                       [&](const Site& t) { return t.id == s.id; });
              if (twice)
                sink.Error("duplicate-id", item->where, Fmt("site '{}' is listed twice", s.id));
              if (!s.id.empty() && !twice) o.sites.push_back(std::move(s));
            }
          }
        }
      }
      if (const YamlNode* audit = f.Required("audit"); audit && r.IsMap(audit, "'audit'")) {
        Fields g(&r, audit, dossier_internal::SubSpec(format::DossierSpec(), "audit"), "'audit'");
        if (auto v = g.Required("id")) d->audit.id = r.Id(v, "the audit id").value_or("");
        if (auto k = g.Enum("kind", "the audit kind")) d->audit.kind = *ParseAuditKind(*k);
      }
      if (auto v = f.Optional("plan")) ReadPlanSettings(&r, v, d->organisation, &d->plan);
    }
  }
  bool ok = !sink.has_errors();
  *diagnostics = sink.Take();
  return ok;
}

}  // namespace sceau
