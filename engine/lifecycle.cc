#include "engine/lifecycle.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/wording.h"

namespace sceau {

namespace {

Text Say(std::string fr, std::string en) {
  Text t;
  t.by_lang["fr"] = std::move(fr);
  t.by_lang["en"] = std::move(en);
  return t;
}

Date Min(Date a, const std::optional<Date>& b) { return b && *b < a ? *b : a; }

Lifecycle Finish(const Policy& policy, const AuditInfo& audit, Lifecycle l);
void CarryIdentity(const AuditInfo& audit, const std::optional<CycleState>& prior, Lifecycle* l);

}  // namespace

int SurveillancesPerCycle(const Policy& policy) {
  return std::max(0, (policy.validity_months + 11) / 12 - 1);
}

bool IsActiveState(const std::string& state) {
  return state == "granted" || state == "maintained" || state == "renewed" || state == "suspended";
}

NextAudit NextAuditAfter(const Policy& policy, const CycleState& s) {
  if (!IsActiveState(s.state)) return {"initial", std::nullopt};
  const int per_cycle = SurveillancesPerCycle(policy);
  if (s.state == "suspended") {
    Date limit = s.state_date.AddMonths(policy.follow_up.suspension_months);
    if (s.expiry && *s.expiry <= limit) return {"renewal", s.expiry};
    return {"surveillance", limit};
  }
  if (s.surveillances_done >= per_cycle) return {"renewal", s.expiry};
  if (s.surveillances_done == 0) {
    // The first surveillance: within `surveillance_months` of the decision that started the cycle.
    Date start = s.cycle_start ? *s.cycle_start : s.state_date;
    return {"surveillance", Min(start.AddMonths(policy.surveillance_months), s.expiry)};
  }
  // Then every calendar year: by 31 December of the year after the previous audit.
  return {"surveillance", Min(Date{s.last_audit_end.year + 1, 12, 31}, s.expiry)};
}

bool Certifies(const Policy& policy) {
  return std::any_of(policy.outcomes.begin(), policy.outcomes.end(), [](const Outcome& o) {
    return o.decision == Decision::kGranted || o.decision == Decision::kConditional;
  });
}

std::optional<CycleProblem> CheckAuditKind(const Referential& ref, AuditKind kind) {
  if (kind == AuditKind::kSelfAssessment || Certifies(ref.policy)) return std::nullopt;
  return CycleProblem{true, "unsupported-audit-kind",
                      Fmt("{} {} is a self-assessment referential (no outcome grants a "
                          "certificate): it holds no {} audit; use kind self-assessment",
                          ref.id, ref.version, AuditKindName(kind))};
}

std::vector<CycleProblem> CheckCycle(const Policy& policy, const AuditInfo& audit,
                                     const std::optional<CycleState>& prior) {
  std::vector<CycleProblem> out;
  if (audit.kind == AuditKind::kSelfAssessment) return out;
  if (audit.kind == AuditKind::kInitial) {
    if (prior && IsActiveState(prior->state) && (!prior->expiry || audit.start <= *prior->expiry)) {
      out.push_back({true, "wrong-audit-kind",
                     Fmt("the certificate is {} (expiry {}): this audit is a surveillance or "
                         "a renewal, not an initial audit",
                         prior->state, prior->expiry ? prior->expiry->ToString() : Tr("unknown"))});
    }
    return out;
  }
  std::string kind(AuditKindName(audit.kind));
  if (!prior) {
    out.push_back({false, "no-previous",
                   Fmt("a {} audit follows an earlier audit: give 'previous' (its sceau "
                       "result) or 'certificate' (the certificate's dates) so that the "
                       "cycle can be checked",
                       kind)});
    return out;
  }
  if (!IsActiveState(prior->state)) {
    out.push_back({true, "wrong-audit-kind",
                   Fmt("the previous audit left the certificate {}: the next audit is an "
                       "initial audit, not a {}",
                       prior->state, kind)});
    return out;
  }
  if (audit.kind == AuditKind::kRenewal && prior->expiry &&
      RestorationLimit(policy, *prior) < audit.decision_date) {
    out.push_back(
        {true, "wrong-audit-kind",
         Fmt("the certificate expired on {}, more than {} months before this "
             "renewal's decision ({}; restoration possible until {}): only an "
             "initial audit can grant a new certificate",
             prior->expiry->ToString(), policy.follow_up.restoration_months,
             audit.decision_date.ToString(), RestorationLimit(policy, *prior).ToString())});
    return out;
  }
  if (audit.kind == AuditKind::kSurveillance) {
    if (prior->expiry && *prior->expiry < audit.start) {
      out.push_back({true, "wrong-audit-kind",
                     Fmt("the certificate expired on {}, before this audit: a surveillance "
                         "cannot extend it; audit a renewal (or an initial audit)",
                         prior->expiry->ToString())});
      return out;
    }
    NextAudit next = NextAuditAfter(policy, *prior);
    if (next.kind == "renewal" && prior->state != "suspended") {
      out.push_back(
          {true, "wrong-audit-kind",
           Fmt("the cycle's {} surveillances are done: the next audit is the "
               "renewal, due by {}",
               SurveillancesPerCycle(policy), next.due ? next.due->ToString() : Tr("the expiry"))});
    }
  }
  return out;
}

Lifecycle ComputeLifecycle(const Policy& policy, const AuditInfo& audit,
                           const std::optional<CycleState>& prior, Decision decision,
                           const std::string& major_not_corrected,
                           std::vector<LifecycleReason> extra) {
  Lifecycle l;
  l.reasons = std::move(extra);
  const bool passing = decision == Decision::kGranted || decision == Decision::kConditional;
  const Date dd = audit.decision_date;
  auto new_cycle = [&](const char* state) {
    l.state = state;
    l.state_date = dd;
    l.cycle_start = dd;
    l.effective = dd;
    l.expiry = dd.AddMonths(policy.validity_months).AddDays(-1);
    l.surveillances_done = 0;
  };
  const bool follows = prior && audit.kind != AuditKind::kInitial;
  if (follows) {
    NextAudit slot = NextAuditAfter(policy, *prior);
    l.due = slot.due;
    if (slot.due) {
      // A surveillance is on time when it is held by its due date; a renewal when it is decided
      // by the expiry.
      Date when = audit.kind == AuditKind::kRenewal ? dd : audit.end;
      l.on_time = when <= *slot.due;
      if (!*l.on_time && audit.kind == AuditKind::kSurveillance) {
        l.reasons.push_back(
            {"late-surveillance",
             Say(fmt::format("Audit de surveillance tenu le {}, après son échéance du {}.",
                             audit.end.ToString(), slot.due->ToString()),
                 fmt::format("Surveillance audit held on {}, after its due date {}.",
                             audit.end.ToString(), slot.due->ToString()))});
      }
    }
  }
  // A suspension lasts at most `suspension_months`: an audit decided after that cannot lift it,
  // whatever its decision (DOMAIN.md, rule 4).
  if (follows && prior->state == "suspended") {
    Date limit = SuspensionLimit(policy, *prior);
    if (limit < dd) {
      l.cycle_start = prior->cycle_start;
      l.effective = prior->effective;
      l.expiry = prior->expiry;
      l.surveillances_done =
          prior->surveillances_done + (audit.kind == AuditKind::kSurveillance ? 1 : 0);
      l.state = "withdrawn";
      l.state_date = dd;
      l.reasons.push_back(SuspensionExpired(policy, *prior));
      CarryIdentity(audit, prior, &l);
      return Finish(policy, audit, std::move(l));
    }
  }
  switch (audit.kind) {
    case AuditKind::kSelfAssessment:
    case AuditKind::kInitial:
      if (passing) {
        new_cycle("granted");
      } else {
        l.state = "refused";
        l.state_date = dd;
      }
      break;
    case AuditKind::kSurveillance: {
      if (prior) {
        l.cycle_start = prior->cycle_start;
        l.effective = prior->effective;
        l.expiry = prior->expiry;
        l.surveillances_done = prior->surveillances_done + 1;
      } else {
        l.surveillances_done = 1;
      }
      l.state_date = dd;
      if (passing) {
        l.state = "maintained";
        break;
      }
      l.state = "suspended";
      if (prior && prior->state == "suspended") {
        // A suspension runs from its first day: a second refusal does not extend it (one decided
        // after its limit withdrew the certificate above).
        l.state_date = prior->state_date;
      }
      if (l.state != "withdrawn" && !major_not_corrected.empty() && prior) {
        Date limit = prior->last_audit_end.AddMonths(policy.follow_up.reaudit_months);
        l.state = "withdrawn";
        l.state_date = dd;
        l.reasons.push_back(
            {"major-not-corrected",
             Say(fmt::format(
                     "Non-conformité majeure {} non corrigée dans les {} mois suivant la fin "
                     "de l'audit précédent (au plus tard le {}) : le certificat est retiré.",
                     major_not_corrected, policy.follow_up.reaudit_months, limit.ToString()),
                 fmt::format("Major nonconformity {} not corrected within {} months of the end of "
                             "the previous audit (by {}): the certificate is withdrawn.",
                             major_not_corrected, policy.follow_up.reaudit_months,
                             limit.ToString()))});
      }
      if (l.state == "suspended") {
        Date limit = l.state_date.AddMonths(policy.follow_up.suspension_months);
        l.reasons.push_back(
            {"suspended",
             Say(fmt::format(
                     "Audit de surveillance défavorable : le certificat est suspendu depuis "
                     "le {} ; un audit favorable doit lever la suspension au plus tard le "
                     "{}, sinon le certificat est retiré.",
                     l.state_date.ToString(), limit.ToString()),
                 fmt::format("Unfavourable surveillance audit: the certificate is suspended since "
                             "{}; a favourable audit must lift the suspension by {}, or the "
                             "certificate is withdrawn.",
                             l.state_date.ToString(), limit.ToString()))});
      }
      break;
    }
    case AuditKind::kRenewal: {
      const bool expired = prior && prior->expiry && *prior->expiry < dd;
      if (!prior || !prior->expiry) {
        // No known certificate: a favourable renewal starts a cycle from this decision.
        if (passing) {
          new_cycle("renewed");
        } else {
          l.state = "expired";
          l.state_date = dd;
        }
        break;
      }
      const Date window = RestorationLimit(policy, *prior);
      const bool restorable = !expired || dd <= window;
      if (expired && restorable) {
        l.reasons.push_back(
            {"renewal-after-expiry",
             Say(fmt::format("Renouvellement décidé le {}, après l'expiration du certificat le {} "
                             "mais dans les {} mois (au plus tard le {}) : {}.",
                             dd.ToString(), prior->expiry->ToString(),
                             policy.follow_up.restoration_months, window.ToString(),
                             passing ? "le certificat est rétabli, sur son cycle d'origine"
                                     : "le certificat reste expiré"),
                 fmt::format("Renewal decided on {}, after the certificate expired on {} but "
                             "within {} months (by {}): {}.",
                             dd.ToString(), prior->expiry->ToString(),
                             policy.follow_up.restoration_months, window.ToString(),
                             passing ? "the certificate is restored, on its original cycle"
                                     : "the certificate stays expired"))});
      } else if (expired) {
        l.reasons.push_back(
            {"restoration-window-passed",
             Say(fmt::format("Renouvellement décidé le {}, plus de {} mois après l'expiration du "
                             "certificat le {} (rétablissement possible jusqu'au {}) : le "
                             "certificat reste expiré ; seul un audit initial peut en accorder un "
                             "nouveau.",
                             dd.ToString(), policy.follow_up.restoration_months,
                             prior->expiry->ToString(), window.ToString()),
                 fmt::format("Renewal decided on {}, more than {} months after the certificate "
                             "expired on {} (restoration possible until {}): the certificate "
                             "stays expired; only an initial audit can grant a new one.",
                             dd.ToString(), policy.follow_up.restoration_months,
                             prior->expiry->ToString(), window.ToString()))});
      }
      if (passing && restorable) {
        l.state = "renewed";
        l.state_date = dd;
        l.cycle_start = dd;
        l.effective = dd;
        l.expiry = prior->expiry->AddMonths(policy.validity_months);
        l.surveillances_done = 0;
      } else {
        // Refused: the certificate runs to its expiry, and is not renewed.
        l.state = "expired";
        l.state_date = prior->expiry->AddDays(1);
        l.cycle_start = prior->cycle_start;
        l.effective = prior->effective;
        l.expiry = prior->expiry;
        l.surveillances_done = prior->surveillances_done;
      }
      break;
    }
  }
  CarryIdentity(audit, prior, &l);
  return Finish(policy, audit, std::move(l));
}

namespace {

// The certificate's identity after this audit: a surveillance, a renewal or a time limit keep the
// prior certificate's number; a renewal (or a restoration) reissues it, one revision up; an
// initial audit's grant waits for the register to issue a number.
void CarryIdentity(const AuditInfo& audit, const std::optional<CycleState>& prior, Lifecycle* l) {
  if (audit.kind == AuditKind::kInitial || audit.kind == AuditKind::kSelfAssessment || !prior) {
    return;
  }
  l->number = prior->number;
  l->revision = prior->revision + (l->state == "renewed" ? 1 : 0);
}

Lifecycle Finish(const Policy& policy, const AuditInfo& audit, Lifecycle l) {
  if (audit.kind == AuditKind::kSelfAssessment) return l;
  CycleState after;
  after.state = l.state;
  after.state_date = l.state_date;
  after.cycle_start = l.cycle_start;
  after.effective = l.effective;
  after.expiry = l.expiry;
  after.surveillances_done = l.surveillances_done;
  after.last_audit_end = audit.end;
  NextAudit next = NextAuditAfter(policy, after);
  l.next_kind = next.kind;
  l.next_due = next.due;
  return l;
}

}  // namespace

Date SuspensionLimit(const Policy& policy, const CycleState& s) {
  return s.state_date.AddMonths(policy.follow_up.suspension_months);
}

Date RestorationLimit(const Policy& policy, const CycleState& s) {
  Date expiry = s.expiry ? *s.expiry : s.state_date;
  return expiry.AddMonths(policy.follow_up.restoration_months);
}

LifecycleReason SuspensionExpired(const Policy& policy, const CycleState& s) {
  Date limit = SuspensionLimit(policy, s);
  return {"suspension-expired",
          Say(fmt::format(
                  "Certificat suspendu depuis le {} : sans audit favorable dans les {} mois "
                  "(au plus tard le {}), il est retiré.",
                  s.state_date.ToString(), policy.follow_up.suspension_months, limit.ToString()),
              fmt::format("Certificate suspended since {}: with no favourable audit within {} "
                          "months (by {}), it is withdrawn.",
                          s.state_date.ToString(), policy.follow_up.suspension_months,
                          limit.ToString()))};
}

std::optional<TimeChange> ChangeDueBy(const Policy& policy, const CycleState& s, Date as_of) {
  std::optional<TimeChange> out;
  const bool holds = s.state == "granted" || s.state == "maintained" || s.state == "renewed";
  std::optional<Date> expires;  // the first day the certificate is expired
  if ((holds || s.state == "suspended") && s.expiry) expires = s.expiry->AddDays(1);
  if (s.state == "suspended") {
    Date withdraws = SuspensionLimit(policy, s).AddDays(1);
    if (withdraws <= as_of && (!expires || withdraws < expires)) {
      return TimeChange{"withdrawn", withdraws, SuspensionExpired(policy, s)};
    }
  }
  if (expires && *expires <= as_of) {
    return TimeChange{
        "expired",
        *expires,
        {"certificate-expired",
         Say(fmt::format("Certificat expiré le {}, sans renouvellement décidé à cette date.",
                         s.expiry->ToString()),
             fmt::format("Certificate expired on {}, with no renewal decided by then.",
                         s.expiry->ToString()))}};
  }
  return out;
}

}  // namespace sceau
