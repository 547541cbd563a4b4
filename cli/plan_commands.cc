#include "cli/plan_commands.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/messages.h"
#include "engine/audit_plan.h"
#include "engine/group.h"
#include "engine/wording.h"

namespace sceau::cli {
namespace {

// "2,5" in French, "2.5" in English; whole numbers without a decimal.
std::string Days(double d, const std::string& lang) {
  std::string s = d == static_cast<long long>(d) ? fmt::format("{}", static_cast<long long>(d))
                                                 : fmt::format("{:.1f}", d);
  if (lang == "fr") std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string PlanPercent(double p, const std::string& lang) {
  std::string s = p == static_cast<long long>(p) ? fmt::format("{}", static_cast<long long>(p))
                                                 : fmt::format("{:.2g}", p);
  if (lang != "fr") return s + "%";
  std::replace(s.begin(), s.end(), '.', ',');
  return s + " %";
}

// "6,5 jours", "1 day": French takes "jour" below two days (1,5 jour), English "day" for one.
std::string DaysWithUnit(double days, const std::string& lang) {
  bool one = lang == "fr" ? days < 2 : days == 1;
  return Say(lang, one ? "plan.day" : "plan.days", {{"days", Days(days, lang)}});
}

std::string Text(const Dossier& d, const AuditTime& t, const SiteSample& s,
                 const std::string& lang) {
  const Organisation& org = d.organisation;
  std::string out;
  out +=
      Say(lang, "plan.title",
          {{"audit", d.audit.id},
           {"organisation", org.name},
           {"kind", std::string(OrgKindName(org.kind))},
           {"audit_kind", Say(lang, "audit_kind." + std::string(AuditKindName(d.audit.kind)))}}) +
      "\n\n";
  out += Say(lang, "plan.time") + "\n";
  out += Say(lang, "plan.personnel",
             {{"total", std::to_string(t.personnel)},
              {"permanent", std::to_string(org.permanent)},
              {"pathway", std::to_string(org.pathway)}}) +
         "\n";
  out += Say(lang, "plan.table", {{"days", DaysWithUnit(t.table_days, lang)}}) + "\n";
  for (const PlanReduction& r : d.plan.reductions) {
    out += Say(lang, "plan.reduction",
               {{"percent", PlanPercent(r.percent, lang)}, {"reason", r.reason}}) +
           "\n";
  }
  if (!d.plan.reductions.empty()) {
    std::string capped =
        t.capped ? Say(lang, "plan.capped", {{"asked", PlanPercent(t.reduction_asked, lang)}}) : "";
    out += Say(lang, "plan.reduction_applied",
               {{"percent", PlanPercent(t.reduction_applied, lang)}, {"capped", capped}}) +
           "\n";
  }
  out += Say(lang, "plan.cycle",
             {{"initial", DaysWithUnit(t.initial_days, lang)},
              {"surveillance", Days(t.surveillance_days, lang)},
              {"renewal", Days(t.renewal_days, lang)}}) +
         "\n";
  out += Say(lang, "plan.this", {{"days", DaysWithUnit(t.this_audit_days, lang)}}) + "\n\n";
  out += Say(lang, "plan.sample",
             {{"chosen", std::to_string(s.chosen.size())},
              {"sites", std::to_string(s.sites)},
              {"rule", s.rule},
              {"required", std::to_string(s.required)},
              {"seed", std::to_string(s.seed)}}) +
         "\n";
  for (int i : s.chosen) {
    const Site& site = org.sites[static_cast<size_t>(i)];
    out += fmt::format("  {:<20} {}  [{}]\n", site.id, site.name,
                       Say(lang, site.id == s.central ? "plan.central" : "plan.drawn"));
  }
  return out;
}

std::string Json(const Dossier& d, const AuditTime& t, const SiteSample& s) {
  using J = nlohmann::ordered_json;
  J reductions = J::array();
  for (const PlanReduction& r : d.plan.reductions)
    reductions.push_back({{"reason", r.reason}, {"percent", r.percent}});
  J sample = J::array();
  for (int i : s.chosen) {
    const Site& site = d.organisation.sites[static_cast<size_t>(i)];
    sample.push_back({{"id", site.id}, {"name", site.name}, {"central", site.id == s.central}});
  }
  J j;
  j["format"] = "sceau-plan";
  j["format_version"] = 1;
  j["dossier"] = d.path;
  j["organisation"] = d.organisation.name;
  j["audit"] = {{"id", d.audit.id}, {"kind", AuditKindName(d.audit.kind)}};
  j["audit_time"] = {{"personnel", t.personnel},
                     {"table_days", t.table_days},
                     {"reductions", reductions},
                     {"reduction_asked", t.reduction_asked},
                     {"reduction_applied", t.reduction_applied},
                     {"capped", t.capped},
                     {"initial_days", t.initial_days},
                     {"surveillance_days", t.surveillance_days},
                     {"renewal_days", t.renewal_days},
                     {"this_audit_days", t.this_audit_days}};
  j["site_sample"] = {{"sites", s.sites},
                      {"required", s.required},
                      {"rule", s.rule},
                      {"seed", std::to_string(s.seed)},
                      {"central", s.central.empty() ? J(nullptr) : J(s.central)},
                      {"random", s.random},
                      {"sample", sample}};
  return j.dump(2) + "\n";
}

}  // namespace

int RunPlan(const PlanOptions& o, std::ostream& out, std::ostream& err) {
  if (o.format != "text" && o.format != "json") {
    err << Fmt("sceau plan: unknown format '{}': use text or json\n", o.format);
    return kExitUsage;
  }
  if (IsGroupDossierFile(o.dossier)) {
    err << Fmt(
        "sceau plan: {} is a group dossier: plan each member's audit from its "
        "own dossier\n",
        o.dossier);
    return kExitUsage;
  }
  Dossier d;
  std::vector<Diagnostic> diagnostics;
  bool ok = ReadPlanningDossier(o.dossier, &d, &diagnostics);
  RenderOptions render;
  render.color = o.color;
  for (const Diagnostic& diag : diagnostics) err << RenderDiagnostic(diag, render);
  if (!ok) {
    int errors = static_cast<int>(
        std::count_if(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& x) { return x.severity == Severity::kError; }));
    err << Fmt("{}: {} error(s): no plan\n", o.dossier, errors);
    return kExitInvalid;
  }
  AuditTime t = EstimateAuditTime(d);
  SiteSample s = DrawSiteSample(d, o.seed ? *o.seed : DefaultSeed(d.audit.id));
  out << (o.format == "json" ? Json(d, t, s) : Text(d, t, s, o.lang));
  return kExitOk;
}

CommandRun DeclarePlan(CLI::App& app) {
  struct Options {
    PlanOptions plan;
    std::string seed;  // checked when the command runs, for a message of our own
  };
  auto o = std::make_shared<Options>();
  app.add_option("DOSSIER", o->plan.dossier, "Audit dossier YAML file")->required();
  app.add_option("--seed", o->seed,
                 "Seed of the site draw, 0 to 18446744073709551615 (default: derived from the "
                 "audit id)");
  app.add_option("--format", o->plan.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  CLI::Option* lang = AddLanguageOption(app, &o->plan.lang, "the text");
  app.footer(
      "Reads the organisation, the audit and the 'plan' key only: a dossier can be planned "
      "before its assessments are filled in. The same dossier and seed always draw the "
      "same sites.\n"
      "Exit codes: 0 printed, 1 invalid dossier, 2 usage error.");
  return [o, lang](const CommandContext& c) {
    PlanOptions options = o->plan;
    options.lang = CommandLanguage(lang, options.lang);
    const std::string& seed = o->seed;
    if (!seed.empty()) {
      char* end = nullptr;
      errno = 0;
      unsigned long long v = std::strtoull(seed.c_str(), &end, 10);
      if (errno != 0 || end == seed.c_str() || *end != '\0' || seed[0] == '-') {
        c.err << Fmt(
            "sceau plan: --seed '{}' is not a whole number from 0 to "
            "18446744073709551615\n",
            seed);
        return kExitUsage;
      }
      options.seed = static_cast<uint64_t>(v);
    }
    options.color = c.color;
    return RunPlan(options, c.out, c.err);
  };
}

}  // namespace sceau::cli
