// The report's layout has no holes, read from the text positions poppler extracts (pdftotext
// -bbox), not from pixels: every page holds more than a heading or a table's tail, no two words
// overlap, no criterion id breaks inside a token, and every footer keeps the report reference.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::ReadFile;
using testing::RunSceau;
using testing::Shell;
using testing::TempDir;

struct Word {
  double x0, y0, x1, y1;
  std::string text;
};

struct Page {
  double height = 0;
  std::vector<Word> words;
};

std::string Unescape(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
      s.replace(at, from.size(), to);
  }
  return s;
}

std::vector<Page> Pages(const std::string& pdf) {
  std::string html = Shell("pdftotext -bbox '" + pdf + "' - 2>/dev/null");
  std::vector<Page> pages;
  std::regex page(R"re(<page width="[0-9.]+" height="([0-9.]+)">)re");
  std::regex word(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::regex either(R"re(<page [^>]*>|<word [^>]*>[^<]*</word>)re");
  for (std::sregex_iterator it(html.begin(), html.end(), either), end; it != end; ++it) {
    std::string s = it->str();
    std::smatch m;
    if (std::regex_match(s, m, page)) {
      pages.push_back({std::stod(m[1]), {}});
    } else if (std::regex_match(s, m, word) && !pages.empty()) {
      pages.back().words.push_back(
          {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), Unescape(m[5])});
    }
  }
  return pages;
}

// The lines of a page, top to bottom: words whose tops are within 1 pt, left to right.
std::vector<std::vector<Word>> Lines(const std::vector<Word>& words) {
  std::vector<Word> sorted = words;
  std::sort(sorted.begin(), sorted.end(), [](const Word& a, const Word& b) {
    return std::round(a.y0) != std::round(b.y0) ? a.y0 < b.y0 : a.x0 < b.x0;
  });
  std::vector<std::vector<Word>> lines;
  for (const Word& w : sorted) {
    if (lines.empty() || std::abs(lines.back().front().y0 - w.y0) > 1.0) lines.push_back({});
    lines.back().push_back(w);
  }
  for (auto& l : lines)
    std::sort(l.begin(), l.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
  return lines;
}

bool EndsWithSeparator(const std::string& s) {
  return !s.empty() && std::string(".-_/:),;").find(s.back()) != std::string::npos;
}

// What is wrong with the layout of `pdf`, whose criteria have the ids `ids`: one line per problem.
std::vector<std::string> LayoutProblems(const std::string& pdf, const std::set<std::string>& ids,
                                        const std::string& reference) {
  std::vector<std::string> problems;
  std::vector<Page> pages = Pages(pdf);
  if (pages.empty()) return {"no page"};
  for (size_t p = 0; p < pages.size(); ++p) {
    const Page& page = pages[p];
    std::vector<Word> body, footer;
    for (const Word& w : page.words) (w.y0 > page.height - 50 ? footer : body).push_back(w);
    std::string where = "page " + std::to_string(p + 1) + ": ";
    auto lines = Lines(body);
    // A page holds more than a heading, a header row or a closing line.
    if (lines.size() < 4) {
      std::string text;
      for (const auto& l : lines) {
        for (const Word& w : l) text += w.text + " ";
        text += "/ ";
      }
      problems.push_back(where + "only " + std::to_string(lines.size()) + " line(s): " + text);
    }
    // No two words overlap (a label running into its value).
    for (const auto& l : lines) {
      for (size_t i = 0; i + 1 < l.size(); ++i) {
        if (l[i].x1 > l[i + 1].x0 + 0.5)
          problems.push_back(where + "'" + l[i].text + "' overlaps '" + l[i + 1].text + "'");
      }
    }
    // A criterion id split over two lines is split after a separator.
    std::vector<Word> flow;
    for (const auto& l : lines) flow.insert(flow.end(), l.begin(), l.end());
    for (size_t i = 0; i + 1 < flow.size(); ++i) {
      const std::string& a = flow[i].text;
      if (a.size() < 2 || ids.count(a) || EndsWithSeparator(a)) continue;
      std::string joined = a + flow[i + 1].text;
      for (const std::string& id : ids) {
        if (id.size() > a.size() && id.compare(0, a.size(), a) == 0 &&
            joined.compare(0, std::min(joined.size(), id.size()), id, 0,
                           std::min(joined.size(), id.size())) == 0 &&
            flow[i + 1].y0 > flow[i].y0 + 1) {
          problems.push_back(where + "the id " + id + " breaks after '" + a + "'");
          break;
        }
      }
    }
    // The footer keeps the report reference and the page number.
    std::string foot;
    for (const Word& w : footer) foot += w.text + " ";
    if (foot.find(reference) == std::string::npos ||
        foot.find(std::to_string(p + 1)) == std::string::npos)
      problems.push_back(where + "the footer lacks the reference " + reference + ": " + foot);
  }
  return problems;
}

TEST(ReportLayout, EverySampleReportHasNoHoles) {
  TempDir dir;
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator("audits")) {
    if (entry.path().extension() != ".yaml") continue;
    for (const std::string lang : {"fr", "en"}) {
      std::string out = dir.path() + "/" + lang;
      auto r = RunSceau("-q audit " + entry.path().string() + " --format json,pdf --lang " + lang +
                        " --out '" + out + "'");
      ASSERT_EQ(r.exit_code, 0) << entry.path() << r.err;
      std::string stem = out + "/" + entry.path().stem().string();
      nlohmann::json j = nlohmann::json::parse(ReadFile(stem + ".json"));
      std::set<std::string> ids;
      for (const auto& c : j["criteria"]) ids.insert(c["id"].get<std::string>());
      // The report reference printed in every footer: "SCEAU-" and the start of the result's hash.
      std::string keywords = Shell("pdfinfo '" + stem + ".pdf' | sed -n 's/^Keywords: *//p'");
      std::smatch m;
      ASSERT_TRUE(std::regex_search(keywords, m, std::regex("SCEAU-[0-9A-F]+"))) << keywords;
      EXPECT_THAT(LayoutProblems(stem + ".pdf", ids, m.str()), ::testing::IsEmpty())
          << entry.path() << " " << lang;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 30);
}

// A generated referential whose 120 criteria have ids of 40 to 60 characters, in both languages.
TEST(ReportLayout, LongIdsWrapAtTheirSeparators) {
  TempDir dir;
  std::string gen = "'" + std::string(SCEAU_PYTHON) + "' '" + testing::SourcePath("bench") + "/";
  ASSERT_EQ(
      Shell(gen + "gen_referential.py' --criteria 120 --deps 60 --seed 3 --long-ids > '" +
            dir.path() + "/long.yaml' && " + gen + "gen_dossier.py' --seed 3 '" + dir.path() +
            "/long.yaml' > '" + dir.path() + "/long-dossier.yaml' 2>/dev/null" + " && echo ok"),
      "ok\n");
  for (const std::string lang : {"fr", "en"}) {
    std::string out = dir.path() + "/" + lang;
    auto r = RunSceau("-q audit '" + dir.path() + "/long-dossier.yaml' --referentials '" +
                      dir.path() + "' --format json,pdf --lang " + lang + " --out '" + out + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    nlohmann::json j = nlohmann::json::parse(ReadFile(out + "/long-dossier.json"));
    std::set<std::string> ids;
    for (const auto& c : j["criteria"]) ids.insert(c["id"].get<std::string>());
    ASSERT_EQ(ids.size(), 120u);
    EXPECT_GE(ids.begin()->size(), 40u);
    std::string keywords =
        Shell("pdfinfo '" + out + "/long-dossier.pdf' | sed -n 's/^Keywords: *//p'");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(keywords, m, std::regex("SCEAU-[0-9A-F]+"))) << keywords;
    EXPECT_THAT(LayoutProblems(out + "/long-dossier.pdf", ids, m.str()), ::testing::IsEmpty())
        << lang;
  }
}

// A generated referential whose chapters nest eight deep: no holes, no id broken, and the
// chapter table sets each level further in, its ids whole on one line.
TEST(ReportLayout, DeepChaptersAreIndentedAndTheirIdsStayWhole) {
  TempDir dir;
  std::string gen = "'" + std::string(SCEAU_PYTHON) + "' '" + testing::SourcePath("bench") + "/";
  ASSERT_EQ(Shell(gen + "gen_referential.py' --criteria 60 --deps 30 --seed 4 --depth 8 > '" +
                  dir.path() + "/deep.yaml' && " + gen + "gen_dossier.py' --seed 4 '" + dir.path() +
                  "/deep.yaml' > '" + dir.path() + "/deep-dossier.yaml' 2>/dev/null && echo ok"),
            "ok\n");
  for (const std::string lang : {"fr", "en"}) {
    std::string out = dir.path() + "/" + lang;
    auto r = RunSceau("-q audit '" + dir.path() + "/deep-dossier.yaml' --referentials '" +
                      dir.path() + "' --format json,pdf --lang " + lang + " --out '" + out + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    nlohmann::json j = nlohmann::json::parse(ReadFile(out + "/deep-dossier.json"));
    std::set<std::string> ids;
    for (const auto& c : j["criteria"]) ids.insert(c["id"].get<std::string>());
    for (const auto& c : j["chapters"]) ids.insert(c["id"].get<std::string>());
    ASSERT_TRUE(ids.count("1.1.1.1.1.1.1.1")) << "the deepest chapter of the first branch";
    std::string pdf = out + "/deep-dossier.pdf";
    std::string keywords = Shell("pdfinfo '" + pdf + "' | sed -n 's/^Keywords: *//p'");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(keywords, m, std::regex("SCEAU-[0-9A-F]+"))) << keywords;
    EXPECT_THAT(LayoutProblems(pdf, ids, m.str()), ::testing::IsEmpty()) << lang;
    // In the chapter table, 1, 1.1, 1.1.1 ... 1.1.1.1.1.1.1.1 each start further right, whole.
    // Read on the page that shows the deepest of them, in the table's first column.
    std::map<std::string, double> left;
    for (const Page& page : Pages(pdf)) {
      bool table = std::any_of(page.words.begin(), page.words.end(),
                               [](const Word& w) { return w.text == "1.1.1.1.1.1.1.1"; });
      for (const Word& w : page.words) {
        if (!table || w.x0 > 200 || w.text.find_first_not_of("1.") != std::string::npos) continue;
        if (!left.count(w.text) || w.x0 < left[w.text]) left[w.text] = w.x0;
      }
      if (table) break;
    }
    std::string id = "1";
    for (int depth = 1; depth < 8; ++depth) {
      std::string deeper = id + ".1";
      ASSERT_TRUE(left.count(id) && left.count(deeper)) << deeper << " " << lang;
      EXPECT_GT(left[deeper], left[id] + 3) << deeper << " " << lang;
      id = deeper;
    }
  }
}

// The group report, its members' reports, the dashboard and the register's documents.
TEST(ReportLayout, GroupDashboardAndRegisterDocumentsHaveNoHoles) {
  TempDir dir;
  auto reference_of = [](const std::string& pdf) {
    std::string keywords = Shell("pdfinfo '" + pdf + "' | sed -n 's/^Keywords: *//p'");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(keywords, m, std::regex("SCEAU-[0-9A-F]+"))) << pdf;
    return m.str();
  };
  int checked = 0;
  for (const std::string lang : {"fr", "en"}) {
    std::string out = dir.path() + "/" + lang;
    auto r = RunSceau("-q audit audits/groups/ges-sentiers-et-berges.yaml --format pdf --lang " +
                      lang + " --out '" + out + "/group'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const auto& e : std::filesystem::recursive_directory_iterator(out + "/group")) {
      if (e.path().extension() != ".pdf") continue;
      std::string pdf = e.path().string();
      EXPECT_THAT(LayoutProblems(pdf, {}, reference_of(pdf)), ::testing::IsEmpty()) << pdf;
      ++checked;
    }
    for (const char* d : {"conditional", "cap-avance", "rse-confirme", "refused-major"}) {
      ASSERT_EQ(RunSceau(std::string("-q audit audits/") + d + ".yaml --format json --out '" + out +
                         "/results'")
                    .exit_code,
                0);
    }
    ASSERT_EQ(RunSceau("-q summary '" + out + "/results' --format pdf --today 2026-12-01 --lang " +
                       lang + " --out '" + out + "'")
                  .exit_code,
              0);
    EXPECT_THAT(LayoutProblems(out + "/summary.pdf", {},
                               lang == "fr" ? "Tableau de bord du réseau" : "Network dashboard"),
                ::testing::IsEmpty())
        << lang;
    ++checked;
    std::string db = out + "/r.db";
    ASSERT_EQ(RunSceau("-q register --db '" + db + "' record audits/story/2023-initial.json --by T")
                  .exit_code,
              0);
    ASSERT_EQ(RunSceau("-q register --db '" + db + "' suspend CEDRE-2023-00001 --reason Marque " +
                       "--by T --today 2024-02-01")
                  .exit_code,
              0);
    for (const char* what : {"certificate", "letter"}) {
      std::string pdf = out + "/" + what + ".pdf";
      auto doc =
          RunSceau("-q register --db '" + db + "' " + what +
                   " CEDRE-2023-00001 --today 2024-02-01 --lang " + lang + " --out '" + pdf + "'");
      ASSERT_EQ(doc.exit_code, 0) << doc.err;
      EXPECT_THAT(LayoutProblems(pdf, {}, "CEDRE-2023-00001"), ::testing::IsEmpty()) << pdf;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 2 * (4 + 1 + 2));  // the group and its three members, the dashboard, two
}

// The checks find what they look for.
TEST(ReportLayout, TheChecksFindEachHole) {
  TempDir dir;
  // A page of three lines, an id broken mid-token, two words overlapping, a footer without the
  // reference: drawn by hand with the PDF canvas is more than a test needs; a crafted bbox file is
  // what LayoutProblems reads through pdftotext, so build a real PDF with ghostscript instead.
  std::string ps = dir.Write("holes.ps",
                             "%!PS\n/Helvetica findfont 10 scalefont setfont\n"
                             "72 760 moveto (Heading) show\n"
                             "72 740 moveto (C-IA) show\n"
                             "72 728 moveto (E.2.1 text) show\n"
                             "72 700 moveto (Label) show 90 700 moveto (value) show\n"
                             "72 20 moveto (Footer 1) show\nshowpage\n");
  std::string pdf = dir.path() + "/holes.pdf";
  ASSERT_EQ(Shell("ps2pdf '" + ps + "' '" + pdf + "' && echo ok"), "ok\n");
  auto problems = LayoutProblems(pdf, {"C-IAE.2.1"}, "SCEAU-0123");
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_THAT(all, ::testing::HasSubstr("page 1: the id C-IAE.2.1 breaks after 'C-IA'"));
  EXPECT_THAT(all, ::testing::HasSubstr("page 1: 'Label' overlaps 'value'"));
  EXPECT_THAT(all, ::testing::HasSubstr("page 1: the footer lacks the reference SCEAU-0123"));
  EXPECT_EQ(LayoutProblems(pdf, {}, "Footer").size(), 1u) << all;  // the overlap only
}

}  // namespace
}  // namespace sceau
