#include "cli/group_commands.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <set>

#include "cli/audit_pipeline.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "engine/group.h"
#include "engine/referential_library.h"
#include "engine/safe_text.h"
#include "engine/wording.h"
#include "register/register.h"
#include "reports/atomic_file.h"
#include "reports/csv_writer.h"
#include "reports/group_json.h"
#include "reports/json_writer.h"
#include "reports/pdf_writer.h"
#include "reports/report_model.h"

namespace sceau::cli {
namespace {

namespace fs = std::filesystem;

void Print(const std::vector<Diagnostic>& diags, bool color, std::ostream& err) {
  RenderOptions options;
  options.color = color;
  for (const Diagnostic& d : diags) err << RenderDiagnostic(d, options);
}

bool MemberPdf(const std::string& json, const std::string& lang, std::string* bytes,
               std::string* error) {
  report::Model model;
  if (!report::ReadModel(json, &model, error)) return false;
  PdfOptions options;
  options.lang = lang;
  PdfOutput pdf;
  if (!RenderPdf(model, options, &pdf, error)) return false;
  for (const std::string& w : pdf.warnings) spdlog::warn("PDF: {}", w);
  *bytes = std::move(pdf.bytes);
  return true;
}

}  // namespace

bool IsGroupDossier(const std::string& path) { return IsGroupDossierFile(path); }

namespace {

// Loads the group with the referentials of `o`, printing every diagnostic (group and members).
GroupLoad LoadGroupAndReport(const AuditOptions& o, std::ostream& err) {
  ReferentialLibrary library(FindReferentialsDir(o.referentials));
  ReferentialResolver resolve = [&library](const std::string& id, const std::string& version,
                                           std::string* error) {
    return library.Resolve(id, version, error);
  };
  GroupLoad g = LoadGroupFile(o.dossier, resolve);
  Print(library.diagnostics(), o.color, err);
  Print(g.diagnostics, o.color, err);
  for (const GroupMember& m : g.members) {
    Print(m.load.diagnostics, o.color, err);
    Print(m.evaluation.diagnostics, o.color, err);
  }
  return g;
}

}  // namespace

int RunGroupCheck(const AuditOptions& o, std::ostream& out, std::ostream& err) {
  GroupLoad g = LoadGroupAndReport(o, err);
  if (!g.ok()) {
    err << Fmt("{}: {} error(s) and {} warning(s)\n", o.dossier, g.errors(), g.warnings());
    return kExitInvalid;
  }
  if (!o.quiet) {
    out << Fmt("{}: ok: group {} ({}), audit {} against {} {}: {} members, {} warning(s)\n",
               TerminalSafe(o.dossier), TerminalSafe(g.group->name), OrgKindName(g.group->kind),
               TerminalSafe(g.group->audit.id), TerminalSafe(g.referential->id),
               TerminalSafe(g.referential->version), g.members.size(), g.warnings());
    for (const GroupMember& m : g.members) {
      const Dossier& d = *m.load.dossier;
      out << Fmt("  {}: {} ({}), {} assessments\n", TerminalSafe(m.file),
                 TerminalSafe(d.organisation.name), OrgKindName(d.organisation.kind),
                 d.assessments.size());
    }
  }
  return kExitOk;
}

int RunGroupAudit(const AuditOptions& o, std::ostream& out, std::ostream& err) {
  for (const std::string& f : o.formats) {
    if (f != "json" && f != "csv" && f != "pdf") {
      err << Fmt("sceau audit: unknown format '{}': use json, csv, pdf\n", f);
      return kExitUsage;
    }
  }
  GroupLoad g = LoadGroupAndReport(o, err);
  if (!g.ok()) {
    err << Fmt("{}: {} error(s), {} warning(s): no report written\n", o.dossier, g.errors(),
               g.warnings());
    return kExitInvalid;
  }
  const GroupDossier& group = *g.group;
  const Referential& ref = *g.referential;
  const std::string group_stem = fs::path(o.dossier).stem().string();
  const fs::path member_dir = fs::path(o.out) / group_stem;

  // Two members with one file name would write over each other's reports.
  std::set<std::string> stems;
  for (const GroupMember& m : g.members) {
    std::string stem = fs::path(m.file).stem().string();
    if (!stems.insert(stem).second) {
      err << Fmt(
          "{}: two members are named '{}': their reports would collide in {}; "
          "rename one of them\n",
          o.dossier, stem, member_dir.string());
      return kExitInvalid;
    }
  }

  std::vector<MemberOutcome> outcomes;
  for (const GroupMember& m : g.members) {
    outcomes.push_back({fs::path(m.file).stem().string(), m.evaluation.result.decision});
  }
  // The group rule first: in a refused group, no member holds a certificate.
  GroupDecision decision = DecideGroup(outcomes);
  // The group's report lists each member's own evaluation; the member's own reports say what
  // the group rule makes of it (no certificate in a refused group, and why).
  std::vector<GroupMemberResult> results;
  std::vector<AuditResult> member_results;
  for (const GroupMember& m : g.members) {
    const Dossier& d = *m.load.dossier;
    std::string stem = fs::path(m.file).stem().string();
    results.push_back({m.file, (fs::path(group_stem) / (stem + ".json")).string(),
                       ResultToJson(*m.load.referential, d, m.evaluation.result)});
    AuditResult r = m.evaluation.result;
    ApplyGroupRefusal(*m.load.referential, d, decision, &r);
    r.group = group.name;
    member_results.push_back(std::move(r));
  }
  std::string group_json = GroupResultToJson(group, ref, decision, results);
  const std::string group_json_path = (fs::path(o.out) / (group_stem + ".json")).string();
  std::string register_message;
  if (!o.register_db.empty()) {
    // The register first: the group holds one certificate, its members are its sites; the
    // number it issues (or holds) is the one the group's and every member's reports carry.
    RecordOutcome recorded;
    std::string error;
    std::string who = !group.audit.decision_maker.empty() ? group.audit.decision_maker
                                                          : std::string("sceau audit");
    if (!RecordDecision(group_json, group_json_path, who, o.register_db, &recorded,
                        &register_message, &error)) {
      err << "sceau audit: --register: " << TerminalSafe(error) << "\n";
      return kExitInvalid;
    }
    if (!recorded.number.empty()) {
      RegisteredCertificate registered{recorded.number, recorded.revision};
      group_json = GroupResultToJson(group, ref, decision, results, &registered);
      for (AuditResult& r : member_results) {
        if (!r.lifecycle) continue;
        r.lifecycle->number = recorded.number;
        r.lifecycle->revision = recorded.revision;
      }
    }
  }

  // Every output is rendered before any is written.
  std::vector<std::pair<std::string, std::string>> outputs;
  for (size_t i = 0; i < g.members.size(); ++i) {
    const GroupMember& m = g.members[i];
    const Dossier& d = *m.load.dossier;
    const AuditResult& r = member_results[i];
    std::string stem = outcomes[i].stem;
    std::string json = ResultToJson(*m.load.referential, d, r);
    for (const std::string& f : o.formats) {
      std::string content;
      if (f == "json") {
        content = json;
      } else if (f == "csv") {
        CsvOptions csv;
        csv.separator = o.csv_separator.empty() ? ',' : o.csv_separator[0];
        csv.lang = o.lang;
        content = ActionsToCsv(*m.load.referential, d, r, csv);
      } else {
        std::string error;
        if (!MemberPdf(json, o.lang, &content, &error)) {
          err << Fmt("sceau audit: cannot render the PDF of {}: {}\n", m.file, error);
          return kExitInvalid;
        }
      }
      outputs.emplace_back((member_dir / (stem + "." + f)).string(), std::move(content));
    }
  }
  for (const std::string& f : o.formats) {
    std::string content;
    if (f == "json") {
      content = group_json;
    } else if (f == "csv") {
      content = GroupResultToCsv(group_json, o.csv_separator.empty() ? ',' : o.csv_separator[0]);
    } else {
      PdfOptions options;
      options.lang = o.lang;
      PdfOutput pdf;
      std::string error;
      if (!RenderGroupPdf(group_json, options, &pdf, &error)) {
        err << Fmt("sceau audit: cannot render the group PDF: {}\n", error);
        return kExitInvalid;
      }
      content = std::move(pdf.bytes);
    }
    outputs.emplace_back((fs::path(o.out) / (group_stem + "." + f)).string(), std::move(content));
  }

  std::error_code ec;
  fs::create_directories(member_dir, ec);
  if (ec) {
    err << Fmt("sceau audit: cannot create the folder {}: {}\n", member_dir.string(), ec.message());
    return kExitInvalid;
  }
  std::string error;
  if (!WriteFilesAtomically(outputs, &error)) {
    err << "sceau audit: " << error << "\n";
    return kExitInvalid;
  }
  if (!o.quiet) {
    const std::string& lang = o.lang;
    out << Say(lang, "group.audit",
               {{"group", TerminalSafe(group.name)},
                {"kind", std::string(OrgKindName(group.kind))},
                {"audit_kind",
                 Say(lang, "audit_kind." + std::string(AuditKindName(group.audit.kind)))},
                {"audit", TerminalSafe(group.audit.id)},
                {"start", LongDate(group.audit.start, lang)},
                {"end", LongDate(group.audit.end, lang)}})
        << "\n";
    out << Say(lang, "group.referential",
               {{"id", TerminalSafe(ref.id)},
                {"version", TerminalSafe(ref.version)},
                {"members", SayCount(lang, "members", static_cast<long long>(g.members.size()))}})
        << "\n";
    for (size_t i = 0; i < g.members.size(); ++i) {
      const GroupMember& m = g.members[i];
      const Organisation& org = m.load.dossier->organisation;
      const AuditResult& r = m.evaluation.result;
      bool cause = std::find(decision.caused_by.begin(), decision.caused_by.end(),
                             outcomes[i].stem) != decision.caused_by.end();
      out << Fmt("  {:<28} {:<5} {:>7}  {}{}\n", TerminalSafe(outcomes[i].stem),
                 OrgKindName(org.kind), Percent(r.score, lang),
                 Say(lang, "decision." + std::string(DecisionName(r.decision))),
                 cause ? "  " + Say(lang, "group.cause") : "");
    }
    out << Say(lang, "group.decision",
               {{"label",
                 Say(lang, "group.decision." + std::string(DecisionName(decision.decision)))}})
        << "\n";
    std::vector<std::string> written;
    for (const auto& [path, content] : outputs) written.push_back(path);
    out << Say(lang, "summary.wrote", {{"files", fmt::format("{}", fmt::join(written, ", "))}})
        << "\n";
    if (!register_message.empty()) out << register_message << "\n";
  }
  return kExitOk;
}

}  // namespace sceau::cli
