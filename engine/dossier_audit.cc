// The `audit` section of a dossier (audits/README.md, "audit"), and the pieces of it that a group
// dossier reads alike (dossier_loader.h).

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_set>

#include "engine/dossier_parser.h"
#include "engine/identity.h"
#include "engine/wording.h"

namespace sceau::dossier_internal {

void DossierParser::ParseAudit(const YamlNode* n) {
  if (!r_.IsMap(n, "'audit'")) return;
  AuditInfo& a = d_->audit;
  Fields f(&r_, n, SubSpec(format::DossierSpec(), "audit"), "'audit'");
  if (auto v = f.Required("id")) a.id = r_.Id(v, Tr("the audit id")).value_or("");
  bool kind_ok = false;
  if (const YamlNode* v = f.Get("kind")) {
    if (auto k = f.Enum("kind", Tr("the audit kind"))) {
      a.kind = *ParseAuditKind(*k);
      kind_ok = true;
      kind_ok_ = true;
      audit_kind_where_ = v->where;
    }
  }
  have_dates_ = ReadAuditDates(&r_, &f, &a);
  if (have_dates_ && !CheckAuditDateLimit(a, ref_->policy, n, &sink_)) have_dates_ = false;
  if (auto v = f.Required("sites_visited")) {
    if (auto items = r_.List(v, "'sites_visited'")) {
      if (items->empty()) {
        sink_.Error("missing-key", v->where,
                    Tr("'sites_visited' lists no site: name the sites audited"));
      }
      std::unordered_set<std::string> seen;
      for (const YamlNode* item : *items) {
        if (auto s = r_.String(item, Tr("a visited site"))) {
          if (!CheckSite(item, *s, "'sites_visited'")) continue;
          if (!seen.insert(*s).second) {
            sink_.Warning("duplicate-entry", item->where,
                          Fmt("site '{}' is listed twice in 'sites_visited'", *s));
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
  if (auto v = f.Optional("decision_maker_id"))
    a.decision_maker_id = NonEmpty(v, "'decision_maker_id'");
  if (!dm && a.kind != AuditKind::kSelfAssessment && kind_ok) {
    const YamlNode* blank = n->Get("decision_maker");
    SourceLocation where = n->where;
    for (const auto& [k, v] : n->pairs) {
      if (k->value == "decision_maker") where = k->where;
    }
    sink_.Error(
        "missing-key", where,
        blank ? std::string(Tr("'decision_maker' of 'audit' is empty: the decision is taken by "
                               "someone who was not on the audit team"))
              : std::string(Tr("'audit' has no 'decision_maker', which is required: the "
                               "decision is taken by someone who was not on the audit team")));
  }
  if (dm) CheckDecisionMakerOffTeam(a, dm, &sink_);
  if (auto v = f.Optional("scope")) a.scope = r_.TextValue(v, "'scope'").value_or(Text{});
  if (auto v = f.Optional("objectives"))
    a.objectives = r_.TextValue(v, "'objectives'").value_or(Text{});
  f.Finish();
}

}  // namespace sceau::dossier_internal

namespace sceau {

std::string ReadNonEmpty(YamlReader* reader, const YamlNode* v, const std::string& what) {
  std::string s = reader->String(v, what).value_or("");
  bool blank = s.find_first_not_of(" \t") == std::string::npos;
  if (v->is_scalar() && blank) {
    reader->sink().Error("missing-key", v->where, Fmt("{} is empty", what));
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
    sink.Error(
        "bad-dates", end_node->where,
        Fmt("the audit ends ({}) before it starts ({})", end->ToString(), start->ToString()));
  }
  if (end && decision && *decision < *end) {
    sink.Error("bad-dates", decision_node->where,
               Fmt("the decision ({}) comes before the end of the audit ({})", decision->ToString(),
                   end->ToString()));
  }
  return start && end;
}

bool CheckAuditDateLimit(const AuditInfo& audit, const Policy& policy, const YamlNode* audit_node,
                         DiagnosticSink* sink) {
  constexpr int kLastYear = 9999;
  const Date& decision = audit.decision_date;
  const int after_expiry =
      std::max(policy.follow_up.restoration_months, policy.follow_up.suspension_months);
  int other = std::max(policy.surveillance_months, policy.follow_up.reaudit_months);
  for (const auto& [grade, months] : policy.deadlines_months) other = std::max(other, months);
  // Compared in months first: no Date past the limit is ever made.
  const long last_month = kLastYear * 12L + 11;
  const long decided = decision.year * 12L + (decision.month - 1);
  // The expiry is the day before the decision's day, `validity_months` later; the day before
  // the 1st of January 10000 is still within.
  const long expiry_end = decided + policy.validity_months + after_expiry;
  const bool expiry_over =
      expiry_end > last_month + 1 || (expiry_end == last_month + 1 && decision.day > 1);
  const bool other_over = decided + other > last_month;
  if (!expiry_over && !other_over) return true;
  SourceLocation where = audit_node ? audit_node->where : SourceLocation{1, 1, 1};
  if (audit_node) {
    const YamlNode* at = audit_node->Get("decision_date");
    if (!at || at->is_null()) at = audit_node->Get("end");
    if (at) where = at->where;
  }
  std::string why =
      expiry_over ? Fmt("{} months of validity, then up to {} months of suspension or restoration",
                        policy.validity_months, after_expiry)
                  : Fmt("deadlines of up to {} months", other);
  sink->Error("bad-dates", where,
              Fmt("an audit decided on {} leads to dates past {}-12-31, the last date "
                  "sceau handles ({})",
                  decision.ToString(), kLastYear, why));
  return false;
}

void ReadAuditTeam(YamlReader* reader, Fields* f, AuditInfo* a) {
  if (auto v = f->Required("lead_auditor"))
    a->lead_auditor = ReadNonEmpty(reader, v, "'lead_auditor'");
  if (auto v = f->Optional("lead_auditor_id"))
    a->lead_auditor_id = ReadNonEmpty(reader, v, "'lead_auditor_id'");
  bool auditors_read = true;  // every auditor's name read: the identifiers can be paired
  size_t auditors = 0;
  if (auto v = f->Optional("auditors")) {
    auditors_read = false;
    if (auto items = reader->List(v, "'auditors'")) {
      auditors = items->size();
      for (const YamlNode* item : *items) {
        if (auto s = reader->String(item, Tr("an auditor"))) a->auditors.push_back(*s);
      }
      auditors_read = a->auditors.size() == auditors;
    }
  }
  const YamlNode* v = f->Optional("auditor_ids");
  if (!v) return;
  auto items = reader->List(v, "'auditor_ids'");
  if (!items) return;
  std::vector<std::string> ids;
  for (const YamlNode* item : *items) {
    ids.push_back(ReadNonEmpty(reader, item, Tr("an identifier of 'auditor_ids'")));
  }
  if (items->size() != auditors) {
    reader->sink().Error(
        "bad-value", v->where,
        Fmt("'auditor_ids' and 'auditors' differ in length ({} and {}): give one identifier "
            "per auditor, in the same order",
            items->size(), auditors));
    return;
  }
  bool all = std::none_of(ids.begin(), ids.end(), [](const std::string& id) {
    return id.find_first_not_of(" \t") == std::string::npos;
  });
  if (auditors_read && all) a->auditor_ids = std::move(ids);
}

std::optional<TeamMatch> FindOnTeam(const AuditInfo& a, const Person& person) {
  if (SameBy by = Identify(person, {a.lead_auditor, a.lead_auditor_id}); by != SameBy::kNo) {
    return TeamMatch{by, true, a.lead_auditor, a.lead_auditor_id};
  }
  for (size_t i = 0; i < a.auditors.size(); ++i) {
    std::string_view id = i < a.auditor_ids.size() ? a.auditor_ids[i] : std::string_view();
    if (SameBy by = Identify(person, {a.auditors[i], id}); by != SameBy::kNo) {
      return TeamMatch{by, false, a.auditors[i], std::string(id)};
    }
  }
  return std::nullopt;
}

void CheckDecisionMakerOffTeam(const AuditInfo& a, const YamlNode* dm, DiagnosticSink* sink) {
  if (a.decision_maker.empty()) return;
  // Compared by identity (engine/identity.h): the identifiers when both people have one, else
  // the names, case, accents and spacing aside.
  auto match = FindOnTeam(a, {a.decision_maker, a.decision_maker_id});
  if (!match) return;
  if (match->by == SameBy::kName) {
    sink->Error("decision-maker-on-team", dm->where,
                Fmt("the decision maker '{}' is on the audit team: the decision must "
                    "be taken by someone who did not audit (ISO/IEC 17021-1)",
                    a.decision_maker));
    return;
  }
  sink->Error("decision-maker-on-team", dm->where,
              Fmt("the decision maker '{}' (identifier '{}') is the {} '{}' (identifier "
                  "'{}'): the decision must be taken by someone who did not audit "
                  "(ISO/IEC 17021-1)",
                  a.decision_maker, a.decision_maker_id,
                  match->lead ? Tr("lead auditor") : Tr("auditor"), match->name, match->id));
}
}  // namespace sceau
