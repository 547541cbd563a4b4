// The network dashboard, rendered from a "sceau-summary" JSON document: key figures, decisions
// by kind of organisation and by region (stacked bars drawn as rectangles, with the counts), the
// distribution of global scores (a histogram), the criteria most often in gap across the network,
// the certificates expiring in the next 90 days, and the results that could not be read.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "reports/pdf_canvas.h"
#include "reports/pdf_writer.h"
#include "reports/report_model.h"

namespace sceau {
namespace {

using pdf::Cell;
using pdf::kInk;
using pdf::kMarginX;
using pdf::kMuted;
using pdf::kNavy;
using pdf::kPageHeight;
using pdf::kPageWidth;
using pdf::kPale;
using pdf::kRule;
using pdf::kWhite;
using pdf::kWidth;
using pdf::Rgb;

// Decisions in the order they are shown; others follow in the file's order.
const char* const kDecisions[] = {"granted", "conditional", "refused", "none"};

class SummaryWriter : public pdf::Canvas {
 public:
  SummaryWriter(const report::SummaryModel& m, const PdfOptions& o)
      : Canvas(o.lang), m_(m), attachments_(o.attachments) {}

  bool Run(PdfOutput* out, std::string* error) {
    if (!Begin(error)) return false;
    SetInfo(fmt::format("{} — {}", S("summary_doc.title"), AsOf()), "sceau", AsOf(),
            "sceau-summary", m_.generator);
    Header();
    KeyFigures();
    DecisionChart(S("summary_doc.by_kind"), S("summary_doc.col.kind"), m_.by_kind);
    DecisionChart(S("summary_doc.by_region"), S("summary_doc.col.region"), m_.by_region);
    Histogram();
    TopGaps();
    TimeChanged();
    Expiring();
    Unreadable();
    Footers(fmt::format("{} — {}", S("summary_doc.title"), AsOf()));
    return Finish(attachments_, out, error);
  }

 private:
  std::string AsOf() const { return S("summary_doc.as_of", {{"date", Date(m_.today)}}); }

  std::string DecisionWord(const std::string& d) const {
    std::string word = ReportString("decision_short." + d, lang_);
    return word.empty() ? d : S("decision_short." + d);
  }

  // The decisions present, known ones first.
  std::vector<std::string> DecisionOrder() const {
    std::vector<std::string> order;
    auto add = [&](const std::string& d) {
      if (std::find(order.begin(), order.end(), d) == order.end()) order.push_back(d);
    };
    for (const char* d : kDecisions) add(d);
    for (const auto& [d, n] : m_.by_decision) add(d);
    for (const auto* rows : {&m_.by_kind, &m_.by_region}) {
      for (const report::DecisionRow& r : *rows) {
        for (const auto& [d, n] : r.counts) add(d);
      }
    }
    return order;
  }

  static int CountOf(const std::vector<std::pair<std::string, int>>& counts, const std::string& d) {
    for (const auto& [k, n] : counts) {
      if (k == d) return n;
    }
    return 0;
  }

  void Header() {
    NewPage();
    Bookmark(S("summary_doc.title"));
    Rect(0, kPageHeight - 120, kPageWidth, 120, kNavy);
    Draw(kMarginX, kPageHeight - 62, Prepare(S("summary_doc.title"), "the title"), bold_, 24,
         kWhite);
    Draw(kMarginX, kPageHeight - 90, Prepare(AsOf(), "the date"), regular_, 11,
         {0.85f, 0.89f, 0.94f});
    y_ = kPageHeight - 145;
  }

  // Tiles: members, one per decision, certificates expiring, unreadable results.
  void KeyFigures() {
    struct Tile {
      std::string label;
      int value;
      Rgb colour;
    };
    std::vector<Tile> tiles = {{S("summary_doc.members"), m_.members, kNavy}};
    for (const std::string& d : DecisionOrder()) {
      int n = CountOf(m_.by_decision, d);
      if (n == 0 && d == "none") continue;
      tiles.push_back({DecisionWord(d), n, pdf::DecisionColour(d)});
    }
    tiles.push_back({S("summary_doc.expiring_count"), static_cast<int>(m_.expiring.size()),
                     pdf::KindColour("observation")});
    tiles.push_back({S("summary_doc.unreadable_count"), static_cast<int>(m_.unreadable.size()),
                     m_.unreadable.empty() ? kMuted : pdf::KindColour("major-nc")});
    const int per_row = 3;
    const float gap = 10;
    const float w = (kWidth - gap * (per_row - 1)) / per_row;
    const float h = 52;
    for (size_t i = 0; i < tiles.size(); ++i) {
      if (i % per_row == 0) {
        if (i > 0) y_ -= h + gap;
        Ensure(h + gap);
      }
      float x = kMarginX + static_cast<float>(i % per_row) * (w + gap);
      Rect(x, y_ - h, w, h, kPale);
      Rect(x, y_ - h, 4, h, tiles[i].colour);
      Draw(x + 12, y_ - 26, Prepare(std::to_string(tiles[i].value), "a figure"), bold_, 20,
           tiles[i].colour);
      DrawFitted(x + 12, y_ - 42, tiles[i].label, regular_, 8.5f, kInk, w - 18, "a figure");
    }
    y_ -= h + 20;
  }

  void Legend(const std::vector<std::string>& order) {
    float x = kMarginX;
    for (const std::string& d : order) {
      std::u32string label = Prepare(DecisionWord(d), "the legend");
      Rect(x, y_ - 9, 9, 9, pdf::DecisionColour(d));
      Draw(x + 13, y_ - 8, label, regular_, 8, kInk);
      x += 13 + Width(label, regular_, 8) + 14;
    }
    y_ -= 16;
  }

  // One stacked bar per row, the counts written in the segments and the total after the bar.
  void DecisionChart(const std::string& title, const std::string& key_title,
                     const std::vector<report::DecisionRow>& rows) {
    Ensure(90);
    Bookmark(title);
    SubTitle(title);
    if (rows.empty()) {
      Body(S("summary_doc.none"), "the chart");
      return;
    }
    std::vector<std::string> order = DecisionOrder();
    // Only the decisions some row has.
    std::vector<std::string> shown;
    for (const std::string& d : order) {
      for (const report::DecisionRow& r : rows) {
        if (CountOf(r.counts, d) > 0) {
          shown.push_back(d);
          break;
        }
      }
    }
    Legend(shown);
    int max = 1;
    for (const report::DecisionRow& r : rows) max = std::max(max, r.total);
    const float label_w = 140;
    const float total_w = 40;
    const float chart_x = kMarginX + label_w;
    const float chart_w = kWidth - label_w - total_w;
    const float bar_h = 13;
    const float gap = 5;
    // Column titles.
    Draw(kMarginX, y_ - 8, Prepare(key_title, "a chart"), bold_, 8, kMuted);
    std::u32string total = Prepare(S("summary_doc.col.total"), "a chart");
    Draw(kMarginX + kWidth - Width(total, bold_, 8), y_ - 8, total, bold_, 8, kMuted);
    y_ -= 13;
    for (const report::DecisionRow& r : rows) {
      Ensure(bar_h + gap);
      float y = y_ - bar_h;
      DrawFitted(kMarginX, y + 3, r.key, regular_, 8.5f, kInk, label_w - 8, "a chart label");
      float x = chart_x;
      for (const std::string& d : shown) {
        int n = CountOf(r.counts, d);
        if (n <= 0) continue;
        float w = chart_w * static_cast<float>(n) / static_cast<float>(max);
        Rect(x, y, w, bar_h, pdf::DecisionColour(d));
        std::u32string count = Prepare(std::to_string(n), "a chart");
        if (Width(count, bold_, 7.5f) + 4 <= w) {
          Draw(x + (w - Width(count, bold_, 7.5f)) / 2, y + 3.5f, count, bold_, 7.5f, kWhite);
        }
        x += w;
      }
      std::u32string t = Prepare(std::to_string(r.total), "a chart");
      Draw(kMarginX + kWidth - Width(t, bold_, 8.5f), y + 3, t, bold_, 8.5f, kInk);
      Line(kMarginX, y - gap / 2, kMarginX + kWidth, y - gap / 2, kRule, 0.3f);
      y_ -= bar_h + gap;
    }
    y_ -= 12;
  }

  void Histogram() {
    const float chart_h = 150;
    Ensure(chart_h + 90);
    Bookmark(S("summary_doc.histogram"));
    SubTitle(S("summary_doc.histogram"));
    if (m_.histogram.empty()) {
      Body(S("summary_doc.none"), "the histogram");
      return;
    }
    Paragraph(S("summary_doc.histogram_axis"), kMarginX, kWidth, regular_, 8, kMuted,
              "the histogram");
    int max = 1;
    for (const auto& b : m_.histogram) max = std::max(max, b.count);
    // A round step for the grid (1, 2, 5, 10, 20, 50...) giving at most 5 lines.
    long long step = 1;
    for (long long magnitude = 1;; magnitude *= 10) {
      if (max <= 5 * magnitude) {
        step = magnitude;
        break;
      }
      if (max <= 10 * magnitude) {
        step = 2 * magnitude;
        break;
      }
      if (max <= 25 * magnitude) {
        step = 5 * magnitude;
        break;
      }
    }
    long long top_value = ((max + step - 1) / step) * step;
    const float axis_w = 30;
    const float x0 = kMarginX + axis_w;
    const float w = kWidth - axis_w;
    const float top = y_ - 14;
    const float bottom = top - chart_h;
    for (long long v = 0; v <= top_value; v += step) {
      float y = bottom + chart_h * static_cast<float>(v) / static_cast<float>(top_value);
      Line(x0, y, x0 + w, y, kRule, 0.4f);
      std::u32string label = Prepare(std::to_string(v), "the histogram");
      Draw(x0 - 4 - Width(label, regular_, 7.5f), y - 2.5f, label, regular_, 7.5f, kMuted);
    }
    const float slot = w / static_cast<float>(m_.histogram.size());
    for (size_t i = 0; i < m_.histogram.size(); ++i) {
      const auto& b = m_.histogram[i];
      float x = x0 + slot * static_cast<float>(i);
      int n = std::max(0, b.count);
      float h = chart_h * static_cast<float>(n) / static_cast<float>(top_value);
      if (n > 0) Rect(x + 3, bottom, slot - 6, std::max(h, 0.8f), pdf::kBar);
      std::u32string count = Prepare(std::to_string(b.count), "the histogram");
      Draw(x + (slot - Width(count, bold_, 8)) / 2, bottom + h + 3, count, bold_, 8, kInk);
      std::u32string range = Prepare(Num(b.from, 0) + "–" + Num(b.to, 0), "the histogram");
      Draw(x + (slot - Width(range, regular_, 7.5f)) / 2, bottom - 11, range, regular_, 7.5f,
           kMuted);
    }
    Line(x0, bottom, x0 + w, bottom, kInk, 0.6f);
    y_ = bottom - 30;
  }

  // The criteria most often in gap, under one heading per referential and scale: a grade code
  // means something only on its own scale (CAP's "C" is not CEDRE's "C").
  void TopGaps() {
    Ensure(100);
    Bookmark(S("summary_doc.top_gaps"));
    SubTitle(S("summary_doc.top_gaps"));
    if (m_.gap_groups.empty()) {
      Body(S("summary_doc.top_gaps_none"), "the gaps");
      return;
    }
    for (const auto& group : m_.gap_groups) {
      std::string heading = T(group.title).empty()
                                ? group.referential
                                : fmt::format("{} ({})", T(group.title), group.referential);
      if (!group.scale.empty()) {
        // The scale's title in the document's language; its id only from an older summary.
        std::string scale = T(group.scale_title).empty() ? group.scale : T(group.scale_title);
        heading += " — " + S("summary_doc.scale", {{"scale", scale}});
      }
      Ensure(60);
      Paragraph(heading, kMarginX, kWidth, bold_, 9.5f, kNavy, "the gaps");
      y_ -= 2;
      std::vector<std::vector<Cell>> rows;
      for (const auto& g : group.gaps) {
        std::vector<std::string> grades;
        for (const auto& [code, n] : g.by_grade) grades.push_back(fmt::format("{} {}", code, n));
        rows.push_back({{g.criterion, true},
                        {T(g.title)},
                        {std::to_string(g.members), true},
                        {fmt::format("{}", fmt::join(grades, " · "))}});
      }
      Table({{S("summary_doc.col.criterion"), 80},
             {S("summary_doc.col.title"), kWidth - 80 - 55 - 110},
             {S("summary_doc.col.members"), 55},
             {S("summary_doc.col.by_grade"), 110}},
            rows, 8);
      y_ -= 6;
    }
  }

  std::string StateWord(const std::string& state) const {
    std::string word = ReportString("lifecycle.state." + state, lang_);
    return word.empty() ? state : S("lifecycle.state." + state);
  }

  // The certificates whose state time has changed since their last audit (a suspension past its
  // limit, an expiry): shown only when the summary says (a summary written before
  // members[].state_change existed cannot tell).
  void TimeChanged() {
    if (m_.time_changed.empty()) return;
    Ensure(100);
    Bookmark(S("summary_doc.time_changed"));
    SubTitle(S("summary_doc.time_changed"));
    std::vector<std::vector<Cell>> rows;
    for (const auto& c : m_.time_changed) {
      rows.push_back({{c.organisation, true},
                      {StateWord(c.recorded_state)},
                      {StateWord(c.state), true, pdf::KindColour("major-nc")},
                      {Date(c.date)},
                      {c.reason.Get(lang_)}});
    }
    Table({{S("summary_doc.col.organisation"), 120},
           {S("summary_doc.col.recorded_state"), 70},
           {S("summary_doc.col.state_today"), 70},
           {S("summary_doc.col.since"), 80},
           {S("summary_doc.col.reason"), kWidth - 120 - 70 - 70 - 80}},
          rows, 8);
  }

  void Expiring() {
    Ensure(100);
    Bookmark(S("summary_doc.expiring"));
    SubTitle(S("summary_doc.expiring"));
    if (m_.expiring.empty()) {
      Body(S("summary_doc.expiring_none"), "the expiring list");
      return;
    }
    std::vector<std::vector<Cell>> rows;
    for (const auto& e : m_.expiring) {
      Rgb colour = e.days <= 30 ? pdf::KindColour("major-nc") : kInk;
      rows.push_back({{e.organisation, true},
                      {e.number.empty() ? S("cert.number_pending") : e.number},
                      {e.file},
                      {Date(e.expiry)},
                      {std::to_string(e.days), true, colour}});
    }
    Table({{S("summary_doc.col.organisation"), kWidth - 105 - 120 - 75 - 50},
           {S("cert.number"), 105},
           {S("summary_doc.col.file"), 120},
           {S("summary_doc.col.expiry"), 75},
           {S("summary_doc.col.days"), 50}},
          rows, 8);
  }

  void Unreadable() {
    Ensure(80);
    Bookmark(S("summary_doc.unreadable"));
    SubTitle(S("summary_doc.unreadable"));
    if (m_.unreadable.empty()) {
      Body(S("summary_doc.unreadable_none"), "the unreadable list");
      return;
    }
    std::vector<std::vector<Cell>> rows;
    for (const auto& u : m_.unreadable) rows.push_back({{u.file, true}, {u.error}});
    Table({{S("summary_doc.col.file"), 170}, {S("summary_doc.col.error"), kWidth - 170}}, rows, 8);
  }

  const report::SummaryModel& m_;
  const std::vector<std::pair<std::string, std::string>>& attachments_;
};

}  // namespace

bool RenderSummaryPdf(const std::string& summary_json, const PdfOptions& options, PdfOutput* out,
                      std::string* error) {
  *out = PdfOutput{};
  report::SummaryModel model;
  if (!report::ReadSummaryModel(summary_json, &model, error)) return false;
  SummaryWriter writer(model, options);
  if (!writer.Run(out, error)) {
    *out = PdfOutput{};
    return false;
  }
  return true;
}

}  // namespace sceau
