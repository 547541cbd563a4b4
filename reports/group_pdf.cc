// The group report, rendered from a "sceau-group-result" JSON document: a cover with the group's
// decision, a summary that says why (naming the members that caused a refusal), the shared
// management system and the certificate's lifecycle, one row per member, the audit team and the
// decision maker, and the group certificate listing every member when the label is granted.
#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

#include "engine/sha256.h"
#include "reports/pdf_canvas.h"
#include "reports/pdf_writer.h"
#include "reports/report_model.h"

namespace sceau {
namespace {

using pdf::Cell;
using pdf::KindColour;
using pdf::kInk;
using pdf::kMarginX;
using pdf::kMuted;
using pdf::kNavy;
using pdf::kPageHeight;
using pdf::kPageWidth;
using pdf::kRed;
using pdf::kTop;
using pdf::kWhite;
using pdf::kWidth;
using pdf::Rgb;

// "SCEAU-" + 12 hex digits, from the inputs' fingerprints, like ReportId for a member.
std::string GroupReportId(const report::GroupModel& g) {
  std::string hex = Sha256Hex(g.referential_sha256 + ":" + g.dossier_sha256 + ":" + g.audit_id);
  std::string id = "SCEAU-";
  for (size_t i = 0; i < 12 && i < hex.size(); ++i) {
    char c = hex[i];
    id += (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return id;
}

class GroupWriter : public pdf::Canvas {
 public:
  GroupWriter(const report::GroupModel& g, const PdfOptions& o)
      : Canvas(o.lang), g_(g), attachments_(o.attachments), id_(GroupReportId(g)) {}

  bool Run(PdfOutput* out, std::string* error) {
    if (!Begin(error)) return false;
    SetInfo(
        fmt::format("{} — {} — {}", S("group.title"), g_.name, T(g_.referential_title)),
        g_.publisher.empty() ? g_.lead_auditor : g_.publisher, DecisionText(),
        fmt::format("{} {}, {}, {}", g_.referential_id, g_.referential_version, g_.audit_id, id_),
        g_.generator);
    Cover();
    Summary();
    Members();
    Team();
    if (Certified()) CertificatePage();
    Footers(g_.name, id_, true, certificate_pages_);
    return Finish(attachments_, out, error);
  }

 private:
  bool Certified() const { return g_.decision == "granted" || g_.decision == "conditional"; }

  std::string DecisionText() const {
    std::string label = T(g_.decision_label);
    return label.empty() ? S("decision." + g_.decision) : label;
  }

  std::string MemberDecision(const report::GroupMember& m) const {
    std::string label = T(m.label);
    return label.empty() ? S("decision." + m.decision) : label;
  }

  static std::string Stem(const std::string& file) {
    std::string name = file.substr(file.find_last_of('/') + 1);
    return name.substr(0, name.rfind('.'));
  }

  void Cover() {
    NewPage();
    Bookmark(g_.name);
    Rect(0, kPageHeight - 150, kPageWidth, 150, kNavy);
    Draw(kMarginX, kPageHeight - 60,
         Prepare(g_.publisher.empty() ? "sceau" : g_.publisher, "the publisher"), regular_, 11,
         kWhite);
    Draw(kMarginX, kPageHeight - 100, Prepare(S("group.title"), "the title"), bold_, 24, kWhite);
    y_ = kPageHeight - 130;
    Paragraph(T(g_.referential_title) + " — " + S("edition") + " " + g_.referential_version,
              kMarginX, kWidth, regular_, 10.5f, {0.85f, 0.89f, 0.94f}, "the referential's title");
    y_ = kPageHeight - 200;
    Paragraph(g_.name, kMarginX, kWidth, bold_, 22, kInk, "the group's name", 28);
    y_ -= 8;
    Field(S("group.kind"), g_.kind);
    if (!g_.siret.empty()) Field(S("siret"), g_.siret);
    if (!g_.region.empty()) Field(S("group.region"), g_.region);
    Field(S("group.members_count"),
          S("group.members_value", {{"count", std::to_string(g_.members.size())}}));
    Field(S("referential"),
          fmt::format("{} ({} {})", T(g_.referential_title), S("edition"), g_.referential_version));
    Field(S("audit"), AuditKindWord(g_.audit_kind) + " — " + g_.audit_id);
    Field(S("audit_dates"), S("date_range", {{"start", Date(g_.start)}, {"end", Date(g_.end)}}));
    Field(S("lead_auditor"), g_.lead_auditor);
    y_ -= 30;
    float h = 92;
    Rect(kMarginX, y_ - h, kWidth, h, pdf::DecisionColour(g_.decision));
    Draw(kMarginX + 18, y_ - 24, Prepare(S("decision_badge"), "the badge"), bold_, 10, kWhite);
    DrawFitted(kMarginX + 18, y_ - 56, DecisionText(), bold_, 22, kWhite, kWidth - 36,
               "the decision");
    std::string sub = S("decision." + g_.decision);
    if (Certified() && !g_.lifecycle.effective.empty() && !g_.lifecycle.expiry.empty()) {
      sub += " — " + S("summary.validity_value", {{"effective", Date(g_.lifecycle.effective)},
                                                  {"expiry", Date(g_.lifecycle.expiry)}});
    }
    if (g_.decision == "refused" && !g_.caused_by.empty()) sub = CausedBy();
    DrawFitted(kMarginX + 18, y_ - 78, sub, regular_, 10, kWhite, kWidth - 36, "the decision");
    y_ -= h + 20;
    Field(S("decision_date"), Date(g_.decision_date));
    if (!g_.decision_maker.empty()) Field(S("decision_maker"), g_.decision_maker);
    Field(S("report_id"), id_);
  }

  // "Refus causé par : SAS Berges Services (ei-berges-services) : label refusé."
  std::string CausedBy() const {
    std::vector<std::string> names;
    for (const std::string& stem : g_.caused_by) {
      const report::GroupMember* m = g_.FindMember(stem);
      names.push_back(
          m ? S("group.caused_by_one", {{"organisation", m->organisation}, {"file", stem}}) : stem);
    }
    return S("group.caused_by", {{"members", fmt::format("{}", fmt::join(names, Semicolon()))}});
  }

  void Summary() {
    Section(S("section.summary"));
    SubTitle(LabelValue(S("summary.decision"), DecisionText()));
    if (!T(g_.decision_explanation).empty())
      Body(T(g_.decision_explanation), "the decision's explanation");
    if (g_.decision == "refused" && !g_.caused_by.empty()) {
      Paragraph(CausedBy(), kMarginX, kWidth, bold_, 10, kRed, "the members causing the refusal");
      y_ -= 4;
    } else if (g_.decision == "conditional") {
      int n = 0;
      for (const report::GroupMember& m : g_.members) n += m.decision == "conditional";
      Body(P("group.some_conditional", n), "the decision");
    } else if (g_.decision == "granted") {
      Body(S("group.all_granted"), "the decision");
    }
    Paragraph(S("group.rule"), kMarginX, kWidth, regular_, 9, kMuted, "the group rule");
    y_ -= 4;
    if (!g_.management_system.empty()) {
      SubTitle(S("group.management_system"));
      Body(g_.management_system, "the management system");
    }
    if (g_.lifecycle.present) LifecycleBlock(g_.lifecycle, g_.decision_date);
  }

  void Members() {
    Section(S("group.section.members"));
    std::vector<std::vector<Cell>> rows;
    for (const report::GroupMember& m : g_.members) {
      Rgb colour = pdf::DecisionColour(m.decision);
      rows.push_back(
          {{m.organisation + "\n" + Stem(m.file), true},
           {m.kind},
           {m.siret.empty() ? "—" : m.siret},
           {MemberDecision(m), true, colour},
           {m.score ? Pct(*m.score) : "—"},
           {std::to_string(m.major), m.major > 0, m.major > 0 ? KindColour("major-nc") : kInk},
           {std::to_string(m.minor), m.minor > 0, m.minor > 0 ? KindColour("minor-nc") : kInk},
           {m.causes_refusal ? S("group.cause_mark") : "", true, kRed}});
    }
    Table({{S("group.col.organisation"), 124},
           {S("group.col.kind"), 36},
           {S("group.col.siret"), 84},
           {S("group.col.decision"), 82},
           {S("group.col.score"), 44},
           {S("group.col.major"), 34},
           {S("group.col.minor"), 34},
           {S("group.col.cause"), kWidth - 124 - 36 - 84 - 82 - 44 - 34 - 34}},
          rows, 8);
    for (const report::GroupMember& m : g_.members) {
      if (!m.result.empty()) {
        Paragraph(S("group.report_file", {{"file", m.result}}), kMarginX, kWidth, regular_, 8,
                  kMuted, "a member's report");
      }
    }
  }

  void Team() {
    y_ -= 12;
    Ensure(160);
    Bookmark(S("group.section.team"));
    SubTitle(S("group.section.team"));
    if (!T(g_.scope).empty()) Field(S("scope.scope"), T(g_.scope));
    if (!T(g_.objectives).empty()) Field(S("scope.objectives"), T(g_.objectives));
    Field(S("audit"), AuditKindWord(g_.audit_kind) + " — " + g_.audit_id);
    Field(S("audit_dates"), S("date_range", {{"start", Date(g_.start)}, {"end", Date(g_.end)}}));
    Field(S("lead_auditor"), g_.lead_auditor);
    if (!g_.auditors.empty()) Field(S("auditors"), fmt::format("{}", fmt::join(g_.auditors, ", ")));
    if (!g_.decision_maker.empty()) Field(S("decision_maker"), g_.decision_maker);
    Field(S("decision_date"), Date(g_.decision_date));
    y_ -= 4;
    Body(S("scope.sampling"), "the sampling statement");
    if (!g_.decision_maker.empty()) Body(S("scope.independence"), "the independence statement");
  }

  void ContinueCertificate() {
    NewPage();
    certificate_pages_.insert(page_);
    CertificateFrame();
    y_ = kTop - 30;
    Centered(S("group.cert_continued", {{"group", g_.name}}), bold_, 11, kNavy, "the certificate");
    y_ -= 6;
  }

  void CertificatePage() {
    NewPage();
    certificate_pages_.insert(page_);
    Bookmark(S("section.certificate"));
    CertificateFrame();
    y_ = kTop - 30;
    Centered(g_.publisher, regular_, 11, kMuted, "the issuer");
    y_ -= 16;
    Centered(S("cert.title"), bold_, 30, kNavy, "the certificate");
    y_ -= 18;
    Centered(S("group.cert_intro"), regular_, 11, kInk, "the certificate");
    y_ -= 4;
    Centered(g_.name, bold_, 18, kInk, "the group's name");
    y_ -= 4;
    Centered(S("group.cert_members"), regular_, 10, kInk, "the certificate");
    y_ -= 2;
    for (const report::GroupMember& m : g_.members) {
      // A long list continues on another framed page.
      if (y_ < 100) ContinueCertificate();
      std::string line = m.organisation + " — " + m.kind +
                         (m.siret.empty() ? "" : " — " + S("siret") + " " + m.siret);
      Centered(line, bold_, 9.5f, kInk, "a member");
      for (const report::Site& s : m.sites) {
        Centered(s.address.empty() ? s.name : s.name + " — " + s.address, regular_, 8.5f, kMuted,
                 "a site");
      }
    }
    // The referential, the scope, the dates and the signature stay together, after the list.
    if (y_ < 360) ContinueCertificate();
    y_ -= 10;
    Centered(S("cert.meets"), regular_, 11, kInk, "the certificate");
    y_ -= 4;
    Centered(T(g_.referential_title), bold_, 13, kNavy, "the referential's title");
    Centered(S("edition") + " " + g_.referential_version, regular_, 10, kInk, "the edition");
    if (g_.decision == "conditional") {
      y_ -= 4;
      Centered(S("cert.conditions"), regular_, 9.5f, kInk, "the certificate");
    }
    if (!T(g_.scope).empty()) {
      y_ -= 8;
      Centered(S("cert.scope") + " :", regular_, 10, kInk, "the certificate");
      Centered(T(g_.scope), regular_, 9.5f, kInk, "the scope");
    }
    y_ -= 20;
    const report::Lifecycle& l = g_.lifecycle;
    auto row = [&](const std::string& label, const std::string& value) {
      Draw(kMarginX + 40, y_ - 10, Prepare(label, "the certificate"), bold_, 10, kMuted);
      DrawFitted(kMarginX + 240, y_ - 10, value, bold_, 10, kInk, kWidth - 250, "the certificate");
      y_ -= 18;
    };
    // The number the register issued, or "pending": never one made up.
    row(S("cert.number"), l.number.empty() ? S("cert.number_pending") : l.number);
    if (!l.effective.empty()) row(S("cert.effective"), Date(l.effective));
    if (!l.expiry.empty()) row(S("cert.expiry"), Date(l.expiry));
    if (!l.next_due.empty())
      row(l.next_kind == "renewal" ? S("cert.renewal") : S("cert.surveillance"), Date(l.next_due));
    row(S("cert.issuer"), g_.publisher);
    row(S("decision_maker"), g_.decision_maker);
    y_ = 110;
    Centered(S("cert.revision",
               {{"revision", std::to_string(l.revision)}, {"date", Date(g_.decision_date)}}) +
                 " — " + id_,
             regular_, 8, kMuted, "the revision");
  }

  const report::GroupModel& g_;
  const std::vector<std::pair<std::string, std::string>>& attachments_;
  std::string id_;
  std::set<HPDF_Page> certificate_pages_;
};

}  // namespace

bool RenderGroupPdf(const std::string& group_json, const PdfOptions& options, PdfOutput* out,
                    std::string* error) {
  *out = PdfOutput{};
  report::GroupModel model;
  if (!report::ReadGroupModel(group_json, &model, error)) return false;
  GroupWriter writer(model, options);
  if (!writer.Run(out, error)) {
    *out = PdfOutput{};
    return false;
  }
  return true;
}

}  // namespace sceau
