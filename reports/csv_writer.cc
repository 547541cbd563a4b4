#include "reports/csv_writer.h"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "engine/safe_text.h"
#include "reports/pdf_writer.h"

namespace sceau {

std::string CsvCell(std::string_view text, char separator) {
  // Control, bidi and zero-width characters from user data as visible escapes (newlines stay).
  std::string cell = CellSafe(text);
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(cell.begin(), '\'');
  }
  bool quote = cell.find_first_of(std::string("\"\r\n") + separator) != std::string::npos;
  if (!quote) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

namespace {

// Multi-site: "all" when the action's nonconformity, found at some sites, is presumed to concern
// every site (engine/multisite.h); empty otherwise.
std::string ActionSites(const AuditResult& r, const Action& a) {
  if (!r.multisite) return "";
  for (const PresumedNc& p : r.multisite->presumed) {
    if (p.criterion == a.criterion) return "all";
  }
  return "";
}

// Multi-site: a last row, with no rank, when fewer sites were visited than IAF MD 1 requires.
std::optional<std::vector<std::string>> SiteSampleShortfallRow(const AuditResult& r,
                                                               const std::string& lang) {
  if (!r.multisite || r.multisite->shortfall <= 0) return std::nullopt;
  const MultisiteResult& m = *r.multisite;
  std::string title = lang == "en" ? "Site sample too small (IAF MD 1)"
                                   : "Échantillon de sites insuffisant (IAF MD 1)";
  std::string text = lang == "en" ? fmt::format("{} of {} sites visited; {} required ({})",
                                                m.visited.size(), m.sites, m.required, m.rule)
                                  : fmt::format("{} sites visités sur {} ; {} requis ({})",
                                                m.visited.size(), m.sites, m.required, m.rule);
  return std::vector<std::string>{"", "", "",   title,
                                  "", "", text, "",
                                  "", "", "",   fmt::format("{}/{}", m.visited.size(), m.required),
                                  "", "", "",   ""};
}

// The status of a committed action in `lang`: "prévue", "en cours", "réalisée" in French.
std::string ActionStatusLabel(ActionStatus s, const std::string& lang) {
  return ReportString(fmt::format("action_status.{}", ActionStatusName(s)), lang);
}

}  // namespace

std::string ActionsToCsv(const Referential& ref, const Dossier& dossier, const AuditResult& result,
                         const CsvOptions& options) {
  const char sep = options.separator;
  std::string out = "\xEF\xBB\xBF";
  auto row = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += sep;
      out += CsvCell(cells[i], sep);
    }
    out += "\r\n";
  };
  row({"rank", "criterion", "chapter", "title", "grade", "grade_label", "finding", "root_causes",
       "deadline_months", "due", "blocking", "sites", "action", "owner", "status", "action_due"});
  int rank = 0;
  for (const Action& a : result.actions) {
    const Criterion& c = ref.criteria[static_cast<size_t>(a.criterion)];
    const CriterionResult& cr = result.criteria[static_cast<size_t>(a.criterion)];
    const Scale& scale = ref.scales[static_cast<size_t>(c.scale)];
    std::string label;
    if (cr.grade >= 0) label = scale.grades[static_cast<size_t>(cr.grade)].label.Get(options.lang);
    if (cr.level >= 0) label = scale.levels[static_cast<size_t>(cr.level)].label.Get(options.lang);
    std::string finding;
    const CommittedAction* commitment = nullptr;
    int ai = dossier.assessment_of[static_cast<size_t>(a.criterion)];
    if (ai >= 0) {
      const Assessment& as = dossier.assessments[static_cast<size_t>(ai)];
      for (const Finding& f : as.findings) {
        if (f.text.empty()) continue;
        if (!finding.empty()) finding += " | ";
        finding += f.text;
      }
      if (as.action) commitment = &*as.action;
    }
    std::string roots;
    for (int r : cr.root_causes) {
      if (!roots.empty()) roots += ' ';
      roots += ref.criteria[static_cast<size_t>(r)].id;
    }
    row({std::to_string(++rank), c.id, ref.chapters[static_cast<size_t>(c.chapter)].id,
         c.title.Get(options.lang), a.grade, label, finding, roots,
         a.deadline_months ? std::to_string(*a.deadline_months) : "",
         a.due ? a.due->ToString() : "", c.blocking ? "yes" : "no", ActionSites(result, a),
         commitment ? commitment->description : "", commitment ? commitment->owner : "",
         commitment && commitment->status ? ActionStatusLabel(*commitment->status, options.lang)
                                          : "",
         commitment && commitment->due ? commitment->due->ToString() : ""});
  }
  if (auto shortfall = SiteSampleShortfallRow(result, options.lang)) row(*shortfall);
  return out;
}

}  // namespace sceau
