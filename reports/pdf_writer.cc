#include "reports/pdf_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "engine/sha256.h"
#include "reports/pdf_canvas.h"

namespace sceau {
namespace {

using pdf::Cell;
using pdf::Column;
using pdf::DecisionColour;
using pdf::Font;
using pdf::FormatNumber;
using pdf::kBottom;
using pdf::kCertificateQrBottom;
using pdf::KindColour;
using pdf::kInk;
using pdf::kMarginX;
using pdf::kMuted;
using pdf::kNavy;
using pdf::kPageHeight;
using pdf::kPageWidth;
using pdf::kPale;
using pdf::kRed;
using pdf::kRule;
using pdf::kTop;
using pdf::kWhite;
using pdf::kWidth;
using pdf::Rgb;

class Writer : public pdf::Canvas {
 public:
  Writer(const report::Model& m, const PdfOptions& o)
      : Canvas(o.lang), m_(m), attachments_(o.attachments) {}

  bool Run(PdfOutput* out, std::string* error) {
    if (!Begin(error)) return false;
    SetInfo();
    Cover();
    Summary();
    Scores();
    if (m_.lifecycle.has_previous || !m_.follow_up.empty() || m_.changes.present) FollowUpSection();
    Findings();
    Plan();
    if (m_.multisite.present) MultisiteSection();
    Scope();
    if (m_.has_certificate) CertificatePage();
    Annex();
    Footers(m_.org_name, ReportId(m_), true, {certificate_page_});
    return Finish(attachments_, out, error);
  }

 private:
  // ---- document info ---------------------------------------------------------------------------
  void SetInfo() {
    std::string title = fmt::format(
        "{} — {} — {}",
        m_.audit_kind == "self-assessment" ? S("self_assessment_title") : S("report_title"),
        m_.org_name, T(m_.referential_title));
    Canvas::SetInfo(title, m_.publisher.empty() ? m_.lead_auditor : m_.publisher, DecisionText(),
                    fmt::format("{} {}, {}, {}", m_.referential_id, m_.referential_version,
                                m_.audit_id, ReportId(m_)),
                    m_.generator);
  }

  std::string DecisionText() const {
    std::string label = T(m_.decision_label);
    if (label.empty()) label = S("decision." + m_.decision);
    return label;
  }

  // A surveillance or a renewal speaks to a holder: the headline names the certificate's state
  // after the audit, not the label's decision ("Label refusé" to a suspended holder).
  bool SpeaksToHolder() const {
    return (m_.audit_kind == "surveillance" || m_.audit_kind == "renewal") &&
           m_.lifecycle.present && !m_.lifecycle.state.empty();
  }

  std::string HeadlineText() const {
    return SpeaksToHolder() ? S("holder.headline." + m_.lifecycle.state) : DecisionText();
  }

  Rgb HeadlineColour() const {
    if (!SpeaksToHolder()) return DecisionColour(m_.decision);
    const std::string& st = m_.lifecycle.state;
    if (st == "maintained" || st == "renewed" || st == "granted") return DecisionColour("granted");
    if (st == "suspended") return DecisionColour("conditional");
    return DecisionColour("refused");
  }

  std::string SiteList() const {
    std::vector<std::string> names;
    for (const report::Site& s : m_.sites) {
      names.push_back(s.address.empty() ? s.name : fmt::format("{} ({})", s.name, s.address));
    }
    return fmt::format("{}", fmt::join(names, Semicolon()));
  }

  std::string SiteName(const std::string& id) const {
    for (const report::Site& s : m_.sites) {
      if (s.id == id) return s.name;
    }
    return id;
  }

  // ---- cover -----------------------------------------------------------------------------------
  void Cover() {
    NewPage();
    Bookmark(m_.org_name);
    Rect(0, kPageHeight - 150, kPageWidth, 150, kNavy);
    Draw(kMarginX, kPageHeight - 60,
         Prepare(m_.publisher.empty() ? "sceau" : m_.publisher, "the publisher"), regular_, 11,
         kWhite);
    std::string title =
        m_.audit_kind == "self-assessment" ? S("self_assessment_title") : S("report_title");
    Draw(kMarginX, kPageHeight - 100, Prepare(title, "the title"), bold_, 24, kWhite);
    y_ = kPageHeight - 130;
    Paragraph(T(m_.referential_title) + " — " + S("edition") + " " + m_.referential_version,
              kMarginX, kWidth, regular_, 10.5f, {0.85f, 0.89f, 0.94f}, "the referential's title");
    y_ = kPageHeight - 200;
    Paragraph(m_.org_name, kMarginX, kWidth, bold_, 22, kInk, "the organisation's name", 28);
    y_ -= 8;
    Field(S("org_kind"), m_.org_kind);
    if (!m_.siret.empty()) Field(S("siret"), m_.siret);
    Field(S("sites"), SiteList());
    Field(S("referential"),
          fmt::format("{} ({} {})", T(m_.referential_title), S("edition"), m_.referential_version));
    Field(S("audit"), S("audit_kind." + m_.audit_kind) + " — " + m_.audit_id);
    Field(S("audit_dates"), S("date_range", {{"start", Date(m_.start)}, {"end", Date(m_.end)}}));
    Field(S("lead_auditor"), m_.lead_auditor);
    // The decision badge.
    y_ -= 30;
    float h = 92;
    Rgb colour = HeadlineColour();
    Rect(kMarginX, y_ - h, kWidth, h, colour);
    Draw(kMarginX + 18, y_ - 24, Prepare(S("decision_badge"), "the badge"), bold_, 10, kWhite);
    Draw(kMarginX + 18, y_ - 56, Prepare(HeadlineText(), "the decision"), bold_, 22, kWhite);
    std::string sub = S("decision." + m_.decision);
    if (SpeaksToHolder()) {
      // The referential's label, but never "refused" to the holder of a suspended certificate:
      // only a renewal is refused.
      bool favourable = m_.decision == "granted" || m_.decision == "conditional";
      sub = favourable || m_.audit_kind == "renewal" ? DecisionText()
                                                     : S("holder.audit_unfavourable");
    }
    if (m_.has_certificate)
      sub += " — " + S("summary.validity_value", {{"effective", Date(m_.certificate_effective)},
                                                  {"expiry", Date(m_.certificate_expiry)}});
    Draw(kMarginX + 18, y_ - 78, Prepare(sub, "the decision"), regular_, 10, kWhite);
    y_ -= h + 20;
    Field(S("decision_date"), Date(m_.decision_date));
    if (!m_.decision_maker.empty()) Field(S("decision_maker"), m_.decision_maker);
    Field(S("report_id"), ReportId(m_));
    if (m_.lifecycle.present && !m_.lifecycle.state.empty()) {
      Field(S("cover.certificate_state"), StateSentence(m_.lifecycle, m_.decision_date));
      if (m_.lifecycle.state != "refused") {
        Field(S("cert.number"), NumberAndRevision(m_.lifecycle));
      }
    }
  }

  // ---- summary ---------------------------------------------------------------------------------
  std::string Bound(const report::Condition& c, bool points) const {
    auto num = [&](double v) {
      return points ? FormatNumber(v, 1, lang_)
                    : (c.metric == "score" ? Pct(v) : FormatNumber(v, 0, lang_));
    };
    if (c.min && c.max) return S("cond.between", {{"min", num(*c.min)}, {"max", num(*c.max)}});
    if (c.min) return S("cond.min", {{"min", num(*c.min)}});
    return S("cond.max", {{"max", num(*c.max)}});
  }

  std::string Describe(const report::Condition& c) const {
    if (c.op != "leaf") return S("cond." + c.op);
    std::string what;
    bool points = c.metric == "points";
    if (c.metric == "blocking_failed") {
      what = S("cond.blocking_failed");
    } else if (c.metric == "count") {
      if (!c.kind.empty())
        what = S("cond.kind." + c.kind);
      else if (!c.grade.empty())
        what = S("cond.count_grade", {{"grade", c.grade}});
      else if (!c.level.empty())
        what = S("cond.count_level", {{"level", c.level}});
      else if (!c.level_below.empty())
        what = S("cond.count_level_below", {{"level", c.level_below}});
      else
        what = S("cond.count_all");
      if (!c.chapter.empty()) what = S("cond.in_chapter", {{"what", what}, {"chapter", c.chapter}});
      if (c.blocking && *c.blocking) what = S("cond.blocking_only", {{"what", what}});
    } else {
      std::string base = points ? "cond.points" : "cond.score";
      if (c.each_chapter)
        what = S(base + "_each");
      else if (!c.chapter.empty())
        what = S(base + "_chapter", {{"chapter", c.chapter}});
      else
        what = S(base);
    }
    std::string observed = c.metric == "score" ? Pct(c.observed)
                           : points            ? FormatNumber(c.observed, 1, lang_)
                                               : FormatNumber(c.observed, 0, lang_);
    return S("cond.line", {{"what", what}, {"observed", observed}, {"bound", Bound(c, points)}});
  }

  void Conditions(const std::vector<report::Condition>& conds, float indent) {
    for (const report::Condition& c : conds) {
      std::string mark = c.held ? "✓ " : "✗ ";
      Paragraph(mark + Describe(c), kMarginX + indent, kWidth - indent, regular_, 9.5f,
                c.held ? kInk : kMuted, "a condition");
      if (!c.children.empty()) Conditions(c.children, indent + 14);
    }
  }

  void Summary() {
    Section(S("section.summary"));
    SubTitle(LabelValue(S("summary.decision"), HeadlineText()));
    if (SpeaksToHolder()) {
      Body(S("holder.explanation." + m_.lifecycle.state), "the decision's explanation");
    } else if (!T(m_.decision_explanation).empty()) {
      Body(T(m_.decision_explanation), "the decision's explanation");
    }
    if (!m_.trace.empty()) {
      const report::OutcomeTrace& applied = m_.trace.back();
      Body(S("summary.rule", {{"rule", OutcomeLabel(applied)}}), "the rule");
      if (applied.conditions.empty()) {
        Paragraph(S("cond.always"), kMarginX + 14, kWidth - 14, regular_, 9.5f, kInk,
                  "a condition");
      } else {
        Conditions(applied.conditions, 14);
      }
      y_ -= 4;
      if (m_.trace.size() > 1) {
        Body(S("summary.not_matched"), "the rules");
        for (size_t i = 0; i + 1 < m_.trace.size(); ++i) {
          Paragraph(Quoted(OutcomeLabel(m_.trace[i])), kMarginX + 14, kWidth - 14, bold_, 9, kMuted,
                    "a rule");
          Conditions(m_.trace[i].conditions, 28);
        }
      }
    }
    SubTitle(LabelValue(S("summary.global_score"), Pct(m_.score)));
    if (m_.points_scale != 100) {
      Body(S("summary.points", {{"points", FormatNumber(m_.points, 0, lang_)},
                                {"scale", FormatNumber(m_.points_scale, 0, lang_)}}),
           "the points");
    }
    Body(S("summary.criteria", {{"applicable", P("summary.applicable", m_.applicable_criteria)},
                                {"scored", P("summary.scored", m_.scored_criteria)},
                                {"na", P("summary.na", m_.not_applicable)}}),
         "the counts");
    SubTitle(S("summary.counts"));
    std::vector<std::vector<Cell>> rows;
    for (const auto& [code, n] : m_.counts) {
      const report::Grade* g = nullptr;
      for (const report::Scale& s : m_.scales) {
        for (const report::Grade& x : s.grades) {
          if (x.code == code) g = &x;
        }
      }
      std::string label = g ? T(g->label) : code;
      Rgb colour = g ? KindColour(g->kind) : kInk;
      rows.push_back({{code, true, colour}, {label}, {std::to_string(n), n > 0}});
    }
    Table({{S("plan.col.grade"), 60}, {S("summary.counts"), kWidth - 140}, {"", 80}}, rows, 9);
    if (!m_.blocking_failed.empty()) {
      Field(S("summary.blocking"), fmt::format("{}", fmt::join(m_.blocking_failed, ", ")));
    }
    int shown = 0;
    for (const report::RootGroup& g : m_.root_causes) {
      if (g.root.empty() || shown == 5) continue;
      if (shown++ == 0) SubTitle(S("summary.root_causes"));
      const report::Criterion* c = m_.FindCriterion(g.root);
      Body("• " + P("summary.root_line", static_cast<long long>(g.gaps.size()),
                    {{"id", g.root}, {"title", c ? T(c->title) : ""}}),
           "a root cause");
    }
    if (m_.lifecycle.present) {
      LifecycleBlock(m_.lifecycle, m_.decision_date);
      return;
    }
    SubTitle(S("summary.validity"));
    if (m_.has_certificate) {
      Field(S("summary.validity"),
            S("summary.validity_value", {{"effective", Date(m_.certificate_effective)},
                                         {"expiry", Date(m_.certificate_expiry)}}),
            240);
      // With a lifecycle, the next audit is the lifecycle's (below), not the first surveillance.
      Field(S("summary.next_audit"), Date(m_.first_surveillance_due), 240);
    } else {
      Body(S("summary.no_certificate"), "the certificate");
    }
  }

  // ---- follow-up of the previous audit ---------------------------------------------------------
  std::string FollowUpEffect(const report::FollowUp& f) const {
    std::string to = f.grade.empty() ? f.previous_grade : f.grade;
    std::string effect;
    if (f.effect == "escalated")
      effect = S("follow.effect.escalated", {{"from", f.previous_grade}, {"to", to}});
    else if (f.effect == "kept-major")
      effect = S("follow.effect.kept-major", {{"to", to}});
    else if (f.effect.empty() || f.effect == "none")
      effect = S("follow.effect.none");
    else
      effect = f.effect;
    if (!f.sites_open.empty()) {
      std::vector<std::string> names;
      for (const std::string& id : f.sites_open) names.push_back(SiteName(id));
      effect += '\n';
      effect += S("follow.sites_open", {{"sites", fmt::format("{}", fmt::join(names, ", "))}});
    }
    return effect;
  }

  std::string Delta(std::optional<double> before, std::optional<double> now) const {
    if (!before || !now) return "—";
    double d = std::round((*now - *before) * 10) / 10;
    std::string n = FormatNumber(std::fabs(d), 1, lang_);
    std::string sign = d > 0 ? "+" : d < 0 ? "−" : "±";
    return S("changes.points", {{"value", sign + n}});
  }

  void FollowUpSection() {
    Section(S("section.follow_up"));
    SubTitle(S("follow.title"));
    if (m_.follow_up.empty()) {
      Body(S("follow.none"), "the follow-up");
    } else {
      Body(S("follow.intro"), "the follow-up");
      std::vector<std::vector<Cell>> rows;
      for (const report::FollowUp& f : m_.follow_up) {
        const report::Criterion* c = m_.FindCriterion(f.criterion);
        std::string title =
            c && !T(c->title).empty() ? f.criterion + "\n" + T(c->title) : f.criterion;
        std::string status = ReportString("follow.status." + f.status, lang_).empty()
                                 ? f.status
                                 : S("follow.status." + f.status);
        if (!f.date.empty())
          status = S("follow.status_on", {{"status", status}, {"date", Date(f.date)}});
        if (f.status == "closed") {
          status += '\n';
          status += f.late       ? S("follow.late")
                    : f.verified ? S("follow.verified")
                                 : S("follow.not_verified");
        }
        Rgb status_colour = f.status == "closed" && f.verified && !f.late ? KindColour("strength")
                            : f.status == "closed" ? KindColour("observation")
                                                   : KindColour("minor-nc");
        std::string evidence =
            f.evidence.empty() ? "—" : fmt::format("{}", fmt::join(f.evidence, ", "));
        if (!f.note.empty()) {
          evidence += '\n';
          evidence += S("follow.note", {{"note", f.note}});
        }
        bool worse = f.effect == "escalated" || f.effect == "kept-major";
        rows.push_back({{title, true},
                        {f.previous_grade, true, KindColour(f.previous_kind)},
                        {f.due.empty() ? "—" : Date(f.due)},
                        {status, true, status_colour},
                        {evidence},
                        {FollowUpEffect(f), worse, worse ? KindColour("major-nc") : kInk}});
      }
      Table({{S("follow.col.criterion"), 100},
             {S("follow.col.previous"), 60},
             {S("follow.col.due"), 62},
             {S("follow.col.status"), 92},
             {S("follow.col.evidence"), 74},
             {S("follow.col.effect"), kWidth - 100 - 60 - 62 - 92 - 74}},
            rows, 8);
    }
    SubTitle(S("changes.title"));
    if (!m_.changes.present) {
      Body(S("changes.none"), "the changes");
      return;
    }
    auto delta_colour = [](std::optional<double> before, std::optional<double> now) {
      if (!before || !now || std::fabs(*now - *before) < 0.05) return kInk;
      return *now > *before ? KindColour("strength") : KindColour("major-nc");
    };
    auto pct = [&](std::optional<double> v) { return v ? Pct(*v) : S("scores.not_scored"); };
    std::vector<std::vector<Cell>> rows;
    for (const report::ChapterChange& c : m_.changes.chapters) {
      rows.push_back({{c.id, true},
                      {T(c.title)},
                      {pct(c.previous)},
                      {pct(c.current)},
                      {Delta(c.previous, c.current), true, delta_colour(c.previous, c.current)}});
    }
    rows.push_back({{S("scores.global"), true},
                    {""},
                    {pct(m_.changes.previous_score), true},
                    {pct(m_.changes.score), true},
                    {Delta(m_.changes.previous_score, m_.changes.score), true,
                     delta_colour(m_.changes.previous_score, m_.changes.score)}});
    Table({{S("changes.col.chapter"), 60},
           {S("changes.col.title"), kWidth - 60 - 3 * 80},
           {S("changes.col.previous"), 80},
           {S("changes.col.current"), 80},
           {S("changes.col.delta"), 80}},
          rows, 8.5f);
  }

  // ---- multi-site ------------------------------------------------------------------------------
  void MultisiteSection() {
    const report::Multisite& ms = m_.multisite;
    Section(S("section.multisite"));
    Body(S("multi.intro"), "the multi-site statement");
    const float w = 170;
    Field(S("multi.sites"), std::to_string(ms.sites), w);
    std::vector<std::string> visited;
    for (const std::string& id : ms.visited) visited.push_back(SiteName(id));
    Field(
        S("multi.visited"),
        LabelValue(std::to_string(ms.visited.size()), fmt::format("{}", fmt::join(visited, ", "))),
        w);
    if (!ms.central.empty()) {
      Field(S("multi.central"),
            S(ms.central_visited ? "multi.central_visited" : "multi.central_not_visited",
              {{"site", SiteName(ms.central)}}),
            w);
    }
    Field(S("multi.required"), P("multi.required_value", ms.required, {{"rule", ms.rule}}), w);
    y_ -= 2;
    if (!ms.central_visited) {
      Paragraph("▲ " + S("multi.central_missing"), kMarginX, kWidth, bold_, 10, kRed,
                "the central site");
    }
    if (ms.shortfall > 0) {
      Paragraph("▲ " + P("multi.shortfall", ms.shortfall), kMarginX, kWidth, bold_, 10, kRed,
                "the shortfall");
    } else {
      Paragraph(S("multi.enough"), kMarginX, kWidth, regular_, 9.5f, KindColour("strength"),
                "the sample");
    }
    y_ -= 6;
    SubTitle(S("multi.presumed"));
    if (ms.presumed.empty()) {
      Body(S("multi.presumed_none"), "the presumed NCs");
      return;
    }
    std::vector<std::vector<Cell>> rows;
    for (const report::Multisite::Presumed& p : ms.presumed) {
      const report::Criterion* c = m_.FindCriterion(p.criterion);
      std::string title =
          c && !T(c->title).empty() ? p.criterion + "\n" + T(c->title) : p.criterion;
      std::vector<std::string> found;
      for (const std::string& id : p.found_at) found.push_back(SiteName(id));
      std::string kind = "minor-nc";
      if (c) {
        const report::Grade* g = m_.GradeOf(*c, p.grade);
        if (g) kind = g->kind;
      }
      rows.push_back({{title, true},
                      {p.grade, true, KindColour(kind)},
                      {fmt::format("{}", fmt::join(found, ", "))},
                      {S("multi.all_sites", {{"count", std::to_string(p.sites)}}), true}});
    }
    Table({{S("plan.col.criterion"), 170},
           {S("plan.col.grade"), 50},
           {S("multi.col.found_at"), kWidth - 170 - 50 - 120},
           {S("multi.col.sites"), 120}},
          rows, 8.5f);
  }

  // ---- scores ----------------------------------------------------------------------------------
  void Scores() {
    Section(S("section.scores"));
    std::vector<const report::Chapter*> tops;
    for (const report::Chapter& c : m_.chapters) {
      if (c.parent.empty()) tops.push_back(&c);
    }
    const float label_w = 150;
    const float chart_x = kMarginX + label_w;
    const float chart_w = kWidth - label_w - 40;
    const float bar_h = 14;
    const float gap = 8;
    float rows = static_cast<float>(tops.size() + 1);
    float chart_h = rows * (bar_h + gap);
    Ensure(chart_h + 60);
    float top = y_ - 10;
    float bottom = top - chart_h;
    // Grid at 0, 25, 50, 75, 100 %.
    for (int p = 0; p <= 100; p += 25) {
      float x = chart_x + chart_w * static_cast<float>(p) / 100;
      Line(x, top, x, bottom, kRule, 0.5f);
      std::u32string label = Prepare(Pct(p), "the chart");
      Draw(x - Width(label, regular_, 7.5f) / 2, bottom - 11, label, regular_, 7.5f, kMuted);
    }
    auto bar = [&](int i, const std::string& name, std::optional<double> score, bool global) {
      float y = top - static_cast<float>(i) * (bar_h + gap) - bar_h - gap / 2;
      std::vector<std::u32string> lines =
          Wrap(Prepare(name, "a chapter title"), global ? bold_ : regular_, 8, label_w - 8);
      Draw(kMarginX, y + 4,
           lines.front().size() < Prepare(name, "a chapter title").size() ? lines.front() + U"…"
                                                                          : lines.front(),
           global ? bold_ : regular_, 8, kInk);
      if (!score) {
        Draw(chart_x + 4, y + 4, Prepare(S("scores.not_scored"), "the chart"), regular_, 8, kMuted);
        return;
      }
      float w = chart_w * static_cast<float>(*score) / 100;
      Rgb colour = global ? kNavy : Rgb{0.36f, 0.52f, 0.70f};
      Rect(chart_x, y, std::max(w, 0.5f), bar_h, colour);
      Draw(chart_x + w + 4, y + 4, Prepare(Pct(*score), "the chart"), bold_, 8, kInk);
    };
    int i = 0;
    for (const report::Chapter* c : tops) bar(i++, c->id + " " + T(c->title), c->score, false);
    bar(i, S("scores.global"), m_.score, true);
    // Thresholds the policy uses, as red dashed lines.
    const HPDF_UINT16 dash[] = {3, 2};
    for (const report::Threshold& t : m_.thresholds) {
      float x = chart_x + chart_w * static_cast<float>(t.percent) / 100;
      float y1 = top;
      float y2 = bottom;
      if (!t.chapter.empty()) {
        for (size_t k = 0; k < tops.size(); ++k) {
          if (tops[k]->id == t.chapter) {
            y1 = top - static_cast<float>(k) * (bar_h + gap);
            y2 = y1 - bar_h - gap;
          }
        }
      } else if (!t.each_chapter) {
        y1 = top - static_cast<float>(tops.size()) * (bar_h + gap);  // the global bar only
        y2 = bottom;
      }
      HPDF_Page_SetDash(page_, dash, 2, 0);
      Line(x, y1, x, y2, kRed, 1.2f);
      HPDF_Page_SetDash(page_, nullptr, 0, 0);
    }
    y_ = bottom - 24;
    Paragraph(S("scores.legend"), kMarginX, kWidth, regular_, 8, kMuted, "the legend");
    for (const report::Threshold& t : m_.thresholds) {
      Paragraph(S("scores.threshold",
                  {{"rule", OutcomeLabel(t.outcome, t.label)}, {"value", Pct(t.percent)}}) +
                    (t.chapter.empty() ? "" : " (" + t.chapter + ")"),
                kMarginX, kWidth, regular_, 8, kMuted, "the legend");
    }
    if (m_.maturity()) Radar(tops);
    // Every chapter with an assessed criterion, as a table, sub-chapters indented by depth. A
    // chapter with none (every criterion outside the organisation's scope) is left out.
    std::map<std::string, std::string> parent_of;
    for (const report::Chapter& c : m_.chapters) parent_of[c.id] = c.parent;
    std::vector<std::vector<Cell>> rows_out;
    for (const report::Chapter& c : m_.chapters) {
      std::string counts;
      int assessed = 0;
      for (const auto& [code, n] : c.counts) {
        assessed += n;
        counts += (counts.empty() ? "" : ", ") + fmt::format("{} {}", code, n);
      }
      if (assessed == 0 && !c.score) continue;
      size_t depth = 0;
      for (std::string p = c.parent; !p.empty() && depth < 16; p = parent_of[p]) ++depth;
      // Each level sets the id and the title 6 points further in.
      float indent = 6.0f * static_cast<float>(depth);
      rows_out.push_back({{c.id, c.parent.empty(), kInk, kWhite, indent},
                          {T(c.title), c.parent.empty(), kInk, kWhite, indent},
                          {c.score ? Pct(*c.score) : S("scores.not_scored"), c.parent.empty()},
                          {counts}});
    }
    y_ -= 8;
    Table({{S("scores.col.chapter"), 60},
           {S("scores.col.title"), kWidth - 60 - 60 - 130},
           {S("scores.col.score"), 60},
           {S("summary.counts"), 130}},
          rows_out);
  }

  void Radar(const std::vector<const report::Chapter*>& tops) {
    if (tops.size() < 3) return;
    SubTitle(S("scores.radar"));
    float r = 110;
    Ensure(2 * r + 50);
    float cx = kMarginX + kWidth / 2;
    float cy = y_ - r - 20;
    size_t n = tops.size();
    auto point = [&](size_t i, double pct) {
      double a = M_PI / 2 - 2 * M_PI * static_cast<double>(i) / static_cast<double>(n);
      return std::make_pair(cx + static_cast<float>(std::cos(a) * pct / 100 * r),
                            cy + static_cast<float>(std::sin(a) * pct / 100 * r));
    };
    for (int ring = 25; ring <= 100; ring += 25) {
      Stroke(kRule);
      HPDF_Page_SetLineWidth(page_, 0.5f);
      for (size_t i = 0; i <= n; ++i) {
        auto [x, y] = point(i % n, ring);
        if (i == 0)
          HPDF_Page_MoveTo(page_, x, y);
        else
          HPDF_Page_LineTo(page_, x, y);
      }
      HPDF_Page_Stroke(page_);
    }
    for (size_t i = 0; i < n; ++i) {
      auto [x, y] = point(i, 100);
      Line(cx, cy, x, y, kRule, 0.5f);
      auto [lx, ly] = point(i, 116);
      std::u32string label = Prepare(tops[i]->id, "the radar");
      Draw(lx - Width(label, bold_, 8) / 2, ly - 3, label, bold_, 8, kInk);
    }
    Fill({0.36f, 0.52f, 0.70f});
    Stroke(kNavy);
    HPDF_Page_SetLineWidth(page_, 1.2f);
    for (size_t i = 0; i <= n; ++i) {
      auto [x, y] = point(i % n, tops[i % n]->score.value_or(0));
      if (i == 0)
        HPDF_Page_MoveTo(page_, x, y);
      else
        HPDF_Page_LineTo(page_, x, y);
    }
    HPDF_Page_Stroke(page_);
    y_ = cy - r - 30;
  }

  // ---- words for the result's terms -------------------------------------------------------------
  // An evidence kind in words: the referential's label for a kind it declares, the catalogue's for
  // a built-in kind, else the id.
  std::string KindLabel(const std::string& kind) const {
    for (const auto& [id, label] : m_.evidence_kinds) {
      if (id == kind && !T(label).empty()) return T(label);
    }
    std::string builtin = ReportString("evidence_kind." + kind, lang_);
    return builtin.empty() ? kind : S("evidence_kind." + kind);
  }

  std::string KindList(const std::vector<std::string>& kinds) const {
    std::vector<std::string> words;
    for (const std::string& k : kinds) words.push_back(KindLabel(k));
    return fmt::format("{}", fmt::join(words, ", "));
  }

  // A number with the check's unit: "85,4 %", "12 jours".
  std::string Quantity(double v, const std::string& unit) const {
    if (unit == "%") return Pct(v);
    std::string n = FormatNumber(v, 2, lang_);
    return unit.empty() ? n : n + " " + unit;
  }

  std::string Expected(const report::Check& k) const {
    if (k.min && k.max)
      return S("cond.between",
               {{"min", Quantity(*k.min, k.unit)}, {"max", Quantity(*k.max, k.unit)}});
    if (k.min) return S("cond.min", {{"min", Quantity(*k.min, k.unit)}});
    if (k.max) return S("cond.max", {{"max", Quantity(*k.max, k.unit)}});
    return "";
  }

  // A check's result in words, from its terms; a result written before the terms were carried
  // has only its French `detail`, shown in a French report alone.
  std::string CheckText(const report::Check& k) const {
    if (!k.terms) return lang_ == "fr" ? k.detail : S("check.unworded");
    if (k.type == "indicator") {
      if (k.status == "missing" || !k.observed)
        return S("check.indicator_missing",
                 {{"indicator", k.indicator}, {"expected", Expected(k)}});
      return S("check.indicator", {{"indicator", k.indicator},
                                   {"value", Quantity(*k.observed, k.unit)},
                                   {"expected", Expected(k)}});
    }
    if (k.type == "evidence") {
      std::string age =
          k.max_age_months ? P("check.evidence_age", *k.max_age_months) : std::string();
      std::string stale = k.stale_count ? P("check.evidence_stale", k.stale_count) : std::string();
      return S("check.evidence", {{"kinds", KindList(k.evidence_kinds)},
                                  {"age", age},
                                  {"cited", P("check.evidence_cited", k.count)},
                                  {"expected", P("check.evidence_expected", k.expected_count)},
                                  {"stale", stale}});
    }
    std::string expected = P("check.sample_expected", k.min_size,
                             {{"rate", Pct(std::round(k.pass_rate * 1000) / 10)}});
    if (k.status == "missing" || !k.passed || !k.size)
      return S("check.sample_missing", {{"sample", k.sample}, {"expected", expected}});
    return S("check.sample",
             {{"sample", k.sample},
              {"passed", P("check.sample_passed", *k.passed, {{"size", std::to_string(*k.size)}})},
              {"rate", Pct(std::round(k.observed.value_or(0) * 1000) / 10)},
              {"expected", expected}});
  }

  std::string RangeText(const report::Bounds& r) const {
    auto n = [&](std::optional<double> v) { return FormatNumber(v.value_or(0), 0, lang_); };
    if (r.min && r.max) return S("applies.between", {{"min", n(r.min)}, {"max", n(r.max)}});
    if (r.min) return S("applies.min", {{"min", n(r.min)}});
    return S("applies.max", {{"max", n(r.max)}});
  }

  // Why a criterion does not apply: "ne s'applique qu'aux GES" / "applies only to GES". Empty when
  // the result does not say in the report's language.
  std::string AppliesText(const report::Criterion& c) const {
    const report::Applies& a = c.applies;
    if (!a.present) return lang_ == "en" ? c.not_applicable_reason : "";
    if (a.excluded_by == "kinds")
      return S("applies.kinds", {{"kinds", fmt::format("{}", fmt::join(a.kinds, ", "))}});
    if (a.excluded_by == "headcount" && a.headcount)
      return S("applies.headcount", {{"range", RangeText(*a.headcount)}, {"value", a.value}});
    if (a.excluded_by == "sites" && a.sites)
      return S("applies.sites", {{"range", RangeText(*a.sites)}, {"value", a.value}});
    return "";
  }

  // An outcome tried, by its label; results written before the trace carried labels name the
  // matching outcome by the decision's label.
  std::string OutcomeLabel(const std::string& outcome, const Text& label) const {
    if (!T(label).empty()) return T(label);
    if (outcome == m_.outcome && !T(m_.decision_label).empty()) return T(m_.decision_label);
    return outcome;
  }
  std::string OutcomeLabel(const report::OutcomeTrace& t) const {
    return OutcomeLabel(t.outcome, t.label);
  }

  // ---- findings --------------------------------------------------------------------------------
  std::string GradeLabel(const report::Criterion& c, const std::string& code) const {
    const report::Grade* g = m_.GradeOf(c, code);
    return g ? T(g->label) : code;
  }

  std::string EvidenceList(const std::vector<std::string>& ids) const {
    std::vector<std::string> out;
    for (const std::string& id : ids) {
      std::string title;
      for (const report::Evidence& e : m_.evidence) {
        if (e.id == id) title = e.title;
      }
      out.push_back(title.empty() ? id : id + " — " + title);
    }
    return fmt::format("{}", fmt::join(out, Semicolon()));
  }

  void FindingEntry(const report::Criterion& c, bool detailed) {
    std::string code = c.grade.empty() ? c.level : c.grade;
    const report::Grade* g = m_.GradeOf(c, code);
    std::string kind = c.kind.empty() ? (c.failing ? "minor-nc" : "conforming") : c.kind;
    Ensure(60);
    y_ -= 4;
    float tag_w = Tag(kMarginX, y_ - 10, code, g ? T(g->label) : code, kind);
    std::string heading =
        c.id + "  " + T(c.title) + (c.blocking ? " — " + S("findings.blocking") : "");
    std::vector<std::u32string> lines =
        Wrap(Prepare(heading, "a criterion title"), bold_, 9.5f, kWidth - tag_w - 14);
    float x = kMarginX + tag_w + 12;
    for (const std::u32string& line : lines) {
      Draw(x, y_ - 10, line, bold_, 9.5f, kInk);
      y_ -= 13;
    }
    y_ -= 2;
    float indent = 14;
    auto labelled = [&](const std::string& label, const std::string& text, Rgb colour) {
      Paragraph(LabelValue(label, text), kMarginX + indent, kWidth - indent, regular_, 9, colour,
                label);
    };
    if (detailed) labelled(S("findings.requirement"), T(c.requirement), kMuted);
    for (const report::Finding& f : c.findings) {
      std::string text = f.text.empty() ? S("findings.no_text") : f.text;
      std::string prefix = S("findings.finding");
      if (c.findings.size() > 1)
        prefix += " (" + f.grade +
                  (f.site.empty() ? "" : ", " + S("findings.site", {{"site", SiteName(f.site)}})) +
                  ")";
      else if (!f.site.empty())
        prefix += " (" + S("findings.site", {{"site", SiteName(f.site)}}) + ")";
      labelled(prefix, text, kInk);
      if (!f.evidence.empty()) labelled(S("findings.evidence"), EvidenceList(f.evidence), kMuted);
    }
    if (detailed) {
      if (c.escalated)
        Paragraph(S("findings.escalated", {{"to", GradeLabel(c, c.grade)}}), kMarginX + indent,
                  kWidth - indent, bold_, 9, KindColour(kind), "an escalation");
      for (const report::Check& k : c.checks) {
        if (k.status != "pass") labelled(S("findings.checks"), CheckText(k), kMuted);
      }
      std::vector<std::string> roots;
      for (const std::string& r : c.root_causes) {
        if (r == c.id) continue;
        const report::Criterion* rc = m_.FindCriterion(r);
        roots.push_back(rc ? r + " " + T(rc->title) : r);
      }
      if (!roots.empty())
        labelled(S("findings.root_cause"), fmt::format("{}", fmt::join(roots, Semicolon())),
                 KindColour("major-nc"));
    }
    y_ -= 6;
    Line(kMarginX + indent, y_ + 2, kMarginX + kWidth, y_ + 2, kRule, 0.4f);
  }

  static int Gravity(const std::string& kind) {
    if (kind == "major-nc") return 4;
    if (kind == "minor-nc") return 3;
    if (kind == "observation") return 2;
    return 1;
  }

  void Findings() {
    Section(S("section.findings"));
    // Gaps, gravest first, then in the referential's order.
    std::vector<const report::Criterion*> gaps;
    for (const report::Criterion& c : m_.criteria) {
      if (c.gap) gaps.push_back(&c);
    }
    std::stable_sort(gaps.begin(), gaps.end(),
                     [](const report::Criterion* a, const report::Criterion* b) {
                       int ga = a->kind.empty() ? 3 : Gravity(a->kind);
                       int gb = b->kind.empty() ? 3 : Gravity(b->kind);
                       return ga > gb;
                     });
    SubTitle(S("section.gaps") + " (" + std::to_string(gaps.size()) + ")");
    if (gaps.empty()) Body(S("findings.none"), "the findings");
    for (const report::Criterion* c : gaps) FindingEntry(*c, true);
    for (const report::Escalation& e : m_.escalations) {
      Body(S("findings.systemic", {{"count", std::to_string(e.criteria.size())},
                                   {"from", e.from},
                                   {"chapter", e.chapter},
                                   {"to", e.to}}),
           "an escalation");
    }
    for (const char* kind : {"strength", "opportunity"}) {
      std::vector<const report::Criterion*> list;
      for (const report::Criterion& c : m_.criteria) {
        if (c.assessed && c.kind == kind) list.push_back(&c);
      }
      if (list.empty()) continue;
      SubTitle(S(std::string("section.") +
                 (std::string(kind) == "strength" ? "strengths" : "opportunities")) +
               " (" + std::to_string(list.size()) + ")");
      for (const report::Criterion* c : list) FindingEntry(*c, false);
    }
  }

  // ---- action plan -----------------------------------------------------------------------------
  void Plan() {
    Section(m_.decision == "none" ? S("section.progress_plan") : S("section.plan"));
    if (m_.actions.empty()) {
      Body(S("plan.none"), "the plan");
      return;
    }
    Body(S("plan.intro"), "the plan");
    // The organisation's committed actions, owners and statuses: three more columns when the
    // dossier gives at least one (blank for the gaps it gives none).
    bool commitments = std::any_of(m_.actions.begin(), m_.actions.end(),
                                   [](const report::Action& a) { return !a.commitment.empty(); });
    std::vector<std::vector<Cell>> rows;
    int rank = 0;
    for (const report::Action& a : m_.actions) {
      const report::Criterion* c = m_.FindCriterion(a.criterion);
      std::string title = c ? a.criterion + "\n" + T(c->title) : a.criterion;
      std::string due = a.due.empty() ? S("plan.next_audit") : Date(a.due);
      std::string finding = a.finding.empty() ? S("findings.no_text") : a.finding;
      if (a.all_sites) {
        finding += '\n';
        finding += S("plan.all_sites");
      }
      rows.push_back({{std::to_string(++rank)},
                      {title, true},
                      {a.grade, true, KindColour(a.kind)},
                      {finding},
                      {due},
                      {fmt::format("{}", fmt::join(a.after, "\n"))}});
      if (commitments) {
        // Eight columns in a smaller type: the criteria to act on first go under the criterion.
        std::vector<Cell>& row = rows.back();
        if (!a.after.empty()) {
          row[1].text +=
              "\n" + LabelValue(S("plan.col.after"), fmt::format("{}", fmt::join(a.after, ", ")));
        }
        std::string commitment = a.commitment;
        if (!a.commitment_due.empty()) {
          commitment += "\n" + S("plan.commitment_due", {{"date", Date(a.commitment_due)}});
        }
        std::string status;
        if (!a.status.empty()) {
          status = ReportString("action_status." + a.status, lang_).empty()
                       ? a.status
                       : S("action_status." + a.status);
        }
        row.pop_back();  // "after", now under the criterion
        row.insert(row.begin() + 4, Cell{commitment});
        row.insert(row.begin() + 5, Cell{a.owner});
        row.insert(row.begin() + 6, Cell{status});
      }
    }
    if (commitments) {
      const float text_w = (kWidth - 22 - 76 - 34 - 62 - 48 - 50) / 2;
      Table({{S("plan.col.rank"), 22},
             {S("plan.col.criterion"), 76},
             {S("plan.col.grade"), 34},
             {S("plan.col.action"), text_w},
             {S("plan.col.commitment"), text_w},
             {S("plan.col.owner"), 62},
             {S("plan.col.status"), 48},
             {S("plan.col.due"), 50}},
            rows, 7.5f);
      return;
    }
    Table({{S("plan.col.rank"), 26},
           {S("plan.col.criterion"), 118},
           {S("plan.col.grade"), 38},
           {S("plan.col.action"), kWidth - 26 - 118 - 38 - 78 - 60},
           {S("plan.col.due"), 78},
           {S("plan.col.after"), 60}},
          rows);
  }

  // ---- scope and method ------------------------------------------------------------------------
  void Scope() {
    Section(S("section.scope"));
    if (!T(m_.scope).empty()) Field(S("scope.scope"), T(m_.scope));
    if (!T(m_.objectives).empty()) Field(S("scope.objectives"), T(m_.objectives));
    Field(S("audit"), S("audit_kind." + m_.audit_kind) + " — " + m_.audit_id);
    Field(S("audit_dates"), S("date_range", {{"start", Date(m_.start)}, {"end", Date(m_.end)}}));
    Field(S("lead_auditor"), m_.lead_auditor);
    if (!m_.auditors.empty()) Field(S("auditors"), fmt::format("{}", fmt::join(m_.auditors, ", ")));
    if (!m_.decision_maker.empty()) Field(S("decision_maker"), m_.decision_maker);
    std::vector<std::string> visited;
    for (const std::string& s : m_.sites_visited) visited.push_back(SiteName(s));
    Field(S("sites_visited"),
          LabelValue(fmt::format("{} / {}", m_.sites_visited.size(), m_.sites.size()),
                     fmt::format("{}", fmt::join(visited, ", "))));
    Field(S("headcount"), S("headcount_value", {{"permanent", std::to_string(m_.permanent)},
                                                {"pathway", std::to_string(m_.pathway)}}));
    y_ -= 4;
    Body(S("scope.sampling"), "the sampling statement");
    if (!m_.decision_maker.empty()) Body(S("scope.independence"), "the independence statement");
    SubTitle(S("scope.na"));
    bool any = false;
    for (const report::Criterion& c : m_.criteria) {
      if (!c.na) continue;
      any = true;
      Body("• " + LabelValue(c.id + " " + T(c.title), c.na_justification), "an NA justification");
    }
    if (!any) Body(S("scope.na_none"), "the NA list");
    std::vector<const report::Criterion*> excluded;
    for (const report::Criterion& c : m_.criteria) {
      if (!c.applicable) excluded.push_back(&c);
    }
    if (!excluded.empty()) {
      SubTitle(S("scope.excluded"));
      for (const report::Criterion* c : excluded) {
        std::string why = AppliesText(*c);
        Body("• " + c->id + " " + T(c->title) + (why.empty() ? "" : " (" + why + ")"),
             "an exclusion");
      }
    }
    SubTitle(S("scope.overrides"));
    any = false;
    for (const report::Criterion& c : m_.criteria) {
      if (c.override_justification.empty()) continue;
      any = true;
      std::string failed;
      for (const report::Check& k : c.checks) {
        if (k.status == "fail") failed += (failed.empty() ? "" : Semicolon()) + CheckText(k);
      }
      Body("• " + c.id + " " + T(c.title) + " (" + (c.grade.empty() ? c.level : c.grade) + ") — " +
               failed + " — " + c.override_justification,
           "an override");
    }
    if (!any) Body(S("scope.overrides_none"), "the overrides");
    ReviewNotes();
  }

  // The engine's remarks that the report shows nowhere else: a favourable grade without evidence,
  // a gap without a written finding, a check that could not run.
  void ReviewNotes() {
    std::vector<std::string> lines;
    for (const report::Note& n : m_.notes) {
      const report::Criterion* c = m_.FindCriterion(n.criterion);
      if (!c) continue;
      std::string text;
      if (n.code == "no-evidence" || n.code == "no-finding-text") {
        text = S("note." + n.code);
      } else if (n.code == "check-missing") {
        auto it = n.terms.find("check");
        size_t i =
            it == n.terms.end() ? c->checks.size() : std::strtoul(it->second.c_str(), nullptr, 10);
        // Older results: the French message alone, in a French report only.
        if (i < c->checks.size())
          text = S("note.check-missing", {{"check", CheckText(c->checks[i])}});
        else if (lang_ == "fr")
          text = n.message;
      }
      if (text.empty()) continue;
      lines.push_back("• " + LabelValue(c->id + " " + T(c->title), text));
    }
    if (lines.empty()) return;
    SubTitle(S("scope.notes"));
    for (const std::string& line : lines) Body(line, "a review note");
  }

  // ---- certificate -----------------------------------------------------------------------------
  // The number the register issued (carried by the result), or "pending": never one made up.
  std::string CertificateNumber() const {
    return m_.certificate_number.empty() ? S("cert.number_pending") : m_.certificate_number;
  }

  void CertificatePage() {
    NewPage();
    certificate_page_ = page_;
    Bookmark(S("section.certificate"));
    CertificateFrame();
    y_ = kTop - 30;
    Centered(m_.publisher, regular_, 11, kMuted, "the issuer");
    y_ -= 20;
    Centered(S("cert.title"), bold_, 30, kNavy, "the certificate");
    y_ -= 24;
    Centered(S("cert.intro"), regular_, 11, kInk, "the certificate");
    y_ -= 6;
    Centered(m_.org_name, bold_, 20, kInk, "the organisation's name");
    y_ -= 4;
    if (!m_.group.empty()) {
      Centered(S("cert.member_of", {{"group", m_.group}}), regular_, 11, kInk, "the group");
      y_ -= 2;
    }
    for (const report::Site& s : m_.sites) {
      Centered(s.address.empty() ? s.name : s.name + " — " + s.address, regular_, 9.5f, kMuted,
               "a site");
    }
    y_ -= 14;
    Centered(S("cert.meets"), regular_, 11, kInk, "the certificate");
    y_ -= 4;
    Centered(T(m_.referential_title), bold_, 13, kNavy, "the referential's title");
    Centered(S("edition") + " " + m_.referential_version, regular_, 10, kInk, "the edition");
    if (!m_.level.empty()) Centered(DecisionText(), bold_, 12, kNavy, "the level");
    if (m_.decision == "conditional") {
      y_ -= 4;
      Centered(S("cert.conditions"), regular_, 9.5f, kInk, "the certificate");
    }
    if (!T(m_.scope).empty()) {
      y_ -= 10;
      Centered(S("cert.scope"), regular_, 10, kInk, "the certificate");
      Centered(T(m_.scope), regular_, 10, kInk, "the scope");
    }
    y_ -= 26;
    float label_w = 200;
    auto row = [&](const std::string& label, const std::string& value) {
      Draw(kMarginX + 40, y_ - 10, Prepare(label, "the certificate"), bold_, 10, kMuted);
      Draw(kMarginX + 40 + label_w, y_ - 10, Prepare(value, "the certificate"), bold_, 10, kInk);
      y_ -= 18;
    };
    row(S("cert.number"), CertificateNumber());
    row(S("cert.effective"), Date(m_.certificate_effective));
    row(S("cert.expiry"), Date(m_.certificate_expiry));
    if (!m_.lifecycle.present) {
      row(S("cert.surveillance"), Date(m_.first_surveillance_due));
    } else if (!m_.lifecycle.next_due.empty()) {
      row(m_.lifecycle.next_kind == "renewal" ? S("cert.renewal") : S("cert.surveillance"),
          Date(m_.lifecycle.next_due));
    }
    row(S("cert.issuer"), m_.publisher);
    row(S("decision_maker"), m_.decision_maker);
    // The page of the certificate in the public directory, when the result names it.
    if (!m_.lifecycle.page_url.empty()) {
      CertificateQr(m_.lifecycle.page_url.Get(lang_), y_ - 8, kCertificateQrBottom);
    }
    y_ = 110;
    Centered(S("cert.revision", {{"revision", std::to_string(m_.certificate_revision)},
                                 {"date", Date(m_.decision_date)}}) +
                 " — " + ReportId(m_),
             regular_, 8, kMuted, "the revision");
  }

  // ---- annex -----------------------------------------------------------------------------------
  void Annex() {
    Section(S("section.annex"));
    SubTitle(S("annex.evidence"));
    if (m_.evidence.empty()) {
      Body(S("annex.none"), "the register");
    } else {
      std::vector<std::vector<Cell>> rows;
      for (const report::Evidence& e : m_.evidence) {
        std::string file = e.file;
        if (!e.sha256.empty())
          file += fmt::format("{}{}…", file.empty() ? "" : "\n", e.sha256.substr(0, 16));
        rows.push_back({{e.id, true},
                        {KindLabel(e.kind)},
                        {e.title},
                        {e.date.empty() ? "—" : e.date},
                        {file}});
      }
      Table({{S("annex.col.id"), 40},
             {S("annex.col.kind"), 80},
             {S("annex.col.title"), kWidth - 40 - 80 - 64 - 120},
             {S("annex.col.date"), 64},
             {S("annex.col.file"), 120}},
            rows, 8);
    }
    for (const report::Coverage& c : m_.coverage) {
      SubTitle(S("annex.coverage", {{"framework", T(c.title).empty() ? c.framework : T(c.title)}}));
      Body(S("annex.coverage_intro",
             {{"covered", std::to_string(c.covered)}, {"items", std::to_string(c.items.size())}}),
           "the coverage");
      std::vector<std::vector<Cell>> rows;
      for (const report::CoverageItem& i : c.items) {
        Rgb colour = i.assessed == 0
                         ? kMuted
                         : (i.met == i.assessed ? KindColour("strength") : KindColour("minor-nc"));
        rows.push_back({{i.id, true},
                        {T(i.title)},
                        {fmt::format("{}", fmt::join(i.criteria, " "))},
                        {fmt::format("{} / {}", i.met, i.assessed), true, colour},
                        {i.score ? Pct(*i.score) : "—"}});
      }
      Table({{S("annex.col.item"), 50},
             {S("annex.col.title"), kWidth - 50 - 130 - 60 - 55},
             {S("plan.col.criterion"), 130},
             {S("annex.col.met"), 60},
             {S("scores.col.score"), 55}},
            rows, 8);
    }
    SubTitle(S("annex.hashes"));
    Field(S("annex.referential_hash"),
          m_.referential_id + " " + m_.referential_version + "\n" + m_.referential_sha256, 130);
    Field(S("annex.dossier_hash"), m_.audit_id + "\n" + m_.dossier_sha256, 130);
    Field(S("report_id"), ReportId(m_), 130);
    Body(S("annex.generator", {{"generator", m_.generator}}), "the generator");
  }

  const report::Model& m_;
  const std::vector<std::pair<std::string, std::string>>& attachments_;
  HPDF_Page certificate_page_ = nullptr;
};

}  // namespace

std::string ReportId(const report::Model& m) {
  std::string hex = Sha256Hex(m.referential_sha256 + ":" + m.dossier_sha256 + ":" + m.audit_id);
  std::string id = "SCEAU-";
  for (size_t i = 0; i < 12 && i < hex.size(); ++i) {
    char c = hex[i];
    id += (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return id;
}

bool RenderPdf(const report::Model& model, const PdfOptions& options, PdfOutput* out,
               std::string* error) {
  *out = PdfOutput{};
  Writer writer(model, options);
  if (!writer.Run(out, error)) {
    *out = PdfOutput{};
    return false;
  }
  return true;
}

}  // namespace sceau

namespace sceau {

namespace {

// The writers put "format" first: sniff it rather than parse the document twice. The reader that
// follows checks the whole document anyway.
std::string SniffFormat(const std::string& json) {
  std::string format;
  size_t at = json.find("\"format\"");
  if (at != std::string::npos) {
    at += 8;
    while (at < json.size() && (json[at] == ' ' || json[at] == '\n' || json[at] == '\r' ||
                                json[at] == '\t' || json[at] == ':'))
      ++at;
    if (at < json.size() && json[at] == '"') {
      size_t end = json.find('"', at + 1);
      if (end != std::string::npos && end - at < 64) format = json.substr(at + 1, end - at - 1);
    }
  }
  return format;
}

}  // namespace

bool RenderPdfFromJson(const std::string& json, const PdfOptions& options, PdfOutput* out,
                       std::string* error) {
  *out = PdfOutput{};
  std::string format = SniffFormat(json);
  if (format == "sceau-group-result") return RenderGroupPdf(json, options, out, error);
  if (format == "sceau-summary") return RenderSummaryPdf(json, options, out, error);
  report::Model model;
  if (!report::ReadModel(json, &model, error)) return false;
  return RenderPdf(model, options, out, error);
}

bool RenderPdfFromJson(std::string&& json, const PdfOptions& options, PdfOutput* out,
                       std::string* error) {
  std::string text = std::move(json);  // released when this returns, or earlier below
  std::string format = SniffFormat(text);
  if (format == "sceau-group-result" || format == "sceau-summary") {
    return RenderPdfFromJson(static_cast<const std::string&>(text), options, out, error);
  }
  *out = PdfOutput{};
  report::Model model;
  if (!report::ReadModel(text, &model, error)) return false;
  std::string().swap(text);  // the model holds all the PDF shows
  return RenderPdf(model, options, out, error);
}

}  // namespace sceau
