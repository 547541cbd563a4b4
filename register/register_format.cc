#include "register/register_format.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "engine/safe_text.h"
#include "engine/wording.h"
#include "reports/csv_writer.h"

namespace sceau {
namespace {

using Json = nlohmann::ordered_json;

Json NullIfEmpty(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json CertificateJson(const CertificateRecord& c, const Date& today) {
  Json j = Json::object();
  j["number"] = c.number;
  j["state"] = std::string(CertificateStateName(c.StateOn(today)));
  j["recorded_state"] = std::string(CertificateStateName(c.state));
  j["organisation"] = c.organisation;
  j["siret"] = NullIfEmpty(c.siret);
  j["kind"] = c.kind;
  j["region"] = NullIfEmpty(c.region);
  j["referential"] = {{"id", c.referential_id}, {"version", c.referential_version}};
  j["effective"] = c.effective.ToString();
  j["expiry"] = c.expiry.ToString();
  j["days_to_expiry"] = c.expiry.DaysSinceEpoch() - today.DaysSinceEpoch();
  j["revision"] = c.revision;
  j["next"] = {{"kind", NullIfEmpty(c.next_kind)},
               {"due", c.next_due ? Json(c.next_due->ToString()) : Json(nullptr)}};
  Json sites = Json::array();
  for (const RegisterSite& s : c.sites) {
    sites.push_back({{"id", s.id}, {"name", s.name}, {"address", NullIfEmpty(s.address)}});
  }
  j["sites"] = sites;
  // The certified scope by language; {} when the register does not know it.
  Json scope = Json::object();
  for (const auto& [lang, text] : c.scope.by_lang) scope[lang] = text;
  j["scope"] = scope;
  j["last_audit"] = NullIfEmpty(c.last_audit_id);
  j["issued_at"] = c.issued_at;
  j["updated_at"] = c.updated_at;
  return j;
}

Json HistoryJson(const HistoryEntry& h) {
  Json j = Json::object();
  j["certificate"] = NullIfEmpty(h.certificate);
  j["action"] = h.action;
  j["from"] = NullIfEmpty(h.from_state);
  j["to"] = NullIfEmpty(h.to_state);
  j["date"] = h.date;
  j["reason"] = NullIfEmpty(h.reason);
  j["who"] = h.who;
  j["at"] = h.at;
  j["result"] = h.result_sha256.empty() ? Json(nullptr)
                                        : Json({{"path", h.result_path},
                                                {"sha256", h.result_sha256},
                                                {"audit_id", NullIfEmpty(h.audit_id)},
                                                {"audit_kind", NullIfEmpty(h.audit_kind)},
                                                {"decision", NullIfEmpty(h.decision)}});
  return j;
}

std::string Or(const std::string& s, const std::string& fallback) {
  return s.empty() ? fallback : s;
}

// A state or an action of the history, in the reader's language (the register stores the codes).

}  // namespace

std::string ListToTable(const std::vector<CertificateRecord>& list, const Date& today) {
  // The organisation comes last so that its width (accented letters) needs no padding.
  std::string out = fmt::format("{:<18}  {:<9}  {:<10}  {:<10}  {:>5}  {:>3}  {:<22}  {}\n",
                                Tr("number"), Tr("state"), Tr("effective"), Tr("expiry"),
                                Tr("days"), Tr("rev"), Tr("referential"), Tr("organisation"));
  for (const CertificateRecord& c : list) {
    long days = c.expiry.DaysSinceEpoch() - today.DaysSinceEpoch();
    // What comes from results is shown escaped (engine/safe_text.h): it reaches a terminal.
    out += fmt::format("{:<18}  {:<9}  {:<10}  {:<10}  {:>5}  {:>3}  {:<22}  {}\n",
                       TerminalSafe(c.number), RegisterWord(CertificateStateName(c.StateOn(today))),
                       c.effective.ToString(), c.expiry.ToString(), days, c.revision,
                       TerminalSafe(c.referential_id + " " + c.referential_version),
                       TerminalSafe(c.organisation));
  }
  out += Singular(static_cast<long long>(list.size())) ? Fmt("{} certificate\n", list.size())
                                                       : Fmt("{} certificates\n", list.size());
  return out;
}

std::string ListToCsv(const std::vector<CertificateRecord>& list, const Date& today) {
  const char sep = ',';
  // Text cells are neutralised against formula injection; the numbers (days_to_expiry, which
  // can be negative, and revision) are ours and stay numbers.
  auto row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line += sep;
      line += (i == 10 || i == 11) ? cells[i] : CsvCell(cells[i], sep);
    }
    return line + "\r\n";
  };
  std::string out = "\xEF\xBB\xBF";
  out +=
      row({"number", "state", "organisation", "siret", "kind", "region", "referential", "version",
           "effective", "expiry", "days_to_expiry", "revision", "next_kind", "next_due"});
  for (const CertificateRecord& c : list) {
    out += row({c.number, std::string(CertificateStateName(c.StateOn(today))), c.organisation,
                c.siret, c.kind, c.region, c.referential_id, c.referential_version,
                c.effective.ToString(), c.expiry.ToString(),
                std::to_string(c.expiry.DaysSinceEpoch() - today.DaysSinceEpoch()),
                std::to_string(c.revision), c.next_kind,
                c.next_due ? c.next_due->ToString() : std::string()});
  }
  return out;
}

std::string ListToJson(const std::vector<CertificateRecord>& list, const Date& today) {
  Json j = Json::object();
  j["format"] = "sceau-register-list";
  j["format_version"] = 1;
  j["today"] = today.ToString();
  Json certificates = Json::array();
  for (const CertificateRecord& c : list) certificates.push_back(CertificateJson(c, today));
  j["certificates"] = certificates;
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string ShowToText(const CertificateRecord& c, const std::vector<HistoryEntry>& history,
                       const Date& today) {
  // What comes from results is shown escaped (engine/safe_text.h): it reaches a terminal.
  auto t = [](const std::string& text) { return TerminalSafe(text); };
  std::string out = fmt::format("{}  {}\n", t(c.number), t(c.organisation));
  CertificateState state = c.StateOn(today);
  out += Fmt("  state:        {}{}\n", RegisterWord(CertificateStateName(state)),
             state != c.state
                 ? Fmt(" (recorded {}, expiry passed)", RegisterWord(CertificateStateName(c.state)))
                 : std::string());
  out += Fmt("  referential:  {} {}\n", t(c.referential_id), t(c.referential_version));
  out += Fmt("  valid:        {} to {} ({} days left)\n", c.effective.ToString(),
             c.expiry.ToString(), c.expiry.DaysSinceEpoch() - today.DaysSinceEpoch());
  out += Fmt("  revision:     {}\n", c.revision);
  if (c.next_due) {
    out +=
        Fmt("  next audit:   {} by {}\n", t(Or(c.next_kind, Tr("audit"))), c.next_due->ToString());
  }
  out += Fmt("  organisation: {}, SIRET {}, region {}\n", t(c.kind), t(Or(c.siret, "-")),
             t(Or(c.region, "-")));
  for (const RegisterSite& s : c.sites) {
    out += Fmt("  site:         {}  {}{}\n", t(s.id), t(s.name),
               s.address.empty() ? std::string() : ", " + t(s.address));
  }
  if (c.scope.empty()) {
    out += Fmt("  scope:        not in the register (see the report of audit {})\n",
               t(Or(c.last_audit_id, "-")));
  }
  for (const auto& [lang, text] : c.scope.by_lang) {
    out +=
        Fmt("  scope ({}):{:<{}}{}\n", t(lang), "", lang.size() < 3 ? 5 - lang.size() : 1, t(text));
  }
  out += Fmt("  issued:       {}; last change {}\n", c.issued_at, c.updated_at);
  out += Tr("history:\n");
  for (const HistoryEntry& h : history) {
    out += Fmt("  {}  {:<9}  {} -> {}  from {}  by {}\n", h.at, RegisterWord(h.action),
               h.from_state.empty() ? Tr("(none)") : RegisterWord(h.from_state),
               h.to_state.empty() ? Tr("(none)") : RegisterWord(h.to_state), t(h.date), t(h.who));
    if (!h.reason.empty()) out += Fmt("      reason: {}\n", t(h.reason));
    if (!h.result_sha256.empty()) {
      out += Fmt("      result: {} (sha256 {})\n", t(h.result_path), h.result_sha256);
    }
  }
  return out;
}

std::string ShowToJson(const CertificateRecord& c, const std::vector<HistoryEntry>& history,
                       const Date& today) {
  Json j = Json::object();
  j["format"] = "sceau-register-certificate";
  j["format_version"] = 1;
  j["today"] = today.ToString();
  j["certificate"] = CertificateJson(c, today);
  Json h = Json::array();
  for (const HistoryEntry& e : history) h.push_back(HistoryJson(e));
  j["history"] = h;
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string RegisterWord(std::string_view code) {
  static constexpr std::string_view kWords[] = {
      Wording("active"),    Wording("suspended"), Wording("withdrawn"), Wording("expired"),
      Wording("grant"),     Wording("maintain"),  Wording("import"),    Wording("renew"),
      Wording("reinstate"), Wording("suspend"),   Wording("withdraw"),  Wording("expire"),
      Wording("refuse"),    Wording("revise")};
  for (std::string_view w : kWords) {
    if (w == code) return Tr(w);
  }
  return std::string(code);
}

}  // namespace sceau
