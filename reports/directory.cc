#include "reports/directory.h"

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "engine/issuer_config.h"
#include "engine/wording.h"
#include "reports/catalogue.h"
#include "reports/csv_writer.h"
#include "reports/pdf_writer.h"

namespace sceau {

extern const char kDirectoryIndexTemplate[];
extern const char kDirectoryCertificateTemplate[];
extern const char kDirectoryCss[];
extern const char kDirectoryJs[];

namespace {

namespace mu = kainjow::mustache;
using Args = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kLanguages[] = {"fr", "en"};
constexpr std::string_view kStates[] = {"active", "suspended", "withdrawn", "expired"};

// The directory's words in one language, typographic apostrophes in French as in the report.
class Words {
 public:
  explicit Words(std::string lang) : lang_(std::move(lang)) {}
  const std::string& lang() const { return lang_; }
  std::string operator()(const std::string& key, const Args& args = {}) const {
    std::string text = ReportString("directory." + key, lang_);
    if (lang_ == "fr") {
      for (size_t at = text.find('\''); at != std::string::npos; at = text.find('\'', at + 3)) {
        text.replace(at, 1, "\u2019");
      }
    }
    return FillPlaceholders(std::move(text), args);
  }
  std::string Date(const sceau::Date& d) const { return WrittenDate(d.ToString(), lang_); }

 private:
  std::string lang_;
};

// Paths from a page to the root: "" for index.html, "../" for certificats/X.html and
// en/index.html, "../../" for en/certificates/X.html.
std::string IndexPath(std::string_view lang) {
  return lang == "en" ? "en/index.html" : "index.html";
}

std::string Relative(std::string_view from_page, const std::string& to) {
  std::string up;
  for (char c : from_page) {
    if (c == '/') up += "../";
  }
  return up + to;
}

std::string LabelText(const DirectoryCertificate& c, std::string_view lang) {
  if (!c.level_label.empty()) return c.level_label.Get(lang);
  const std::string& t = c.label.Get(lang);
  return t.empty() ? c.referential_id : t;
}

// `text` cut so that, once HTML-escaped, it takes at most `max` characters, ending with "…" when
// cut: page titles stay short enough for tabs, bookmarks and search results (70, as HTML checkers
// ask, counting the escapes as written).
std::string Fit(const std::string& text, size_t max) {
  auto weight = [](unsigned char c) -> size_t {
    switch (c) {
      case '&':
        return 5;  // &amp;
      case '<':
      case '>':
        return 4;  // &lt; &gt;
      case '"':
      case '\'':
        return 6;  // &quot; &apos;
      default:
        return 1;
    }
  };
  size_t used = 0, at = 0, cut = 0;
  while (at < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[at]);
    const size_t len = c < 0x80         ? 1
                       : (c >> 5) == 6  ? 2
                       : (c >> 4) == 14 ? 3
                       : (c >> 3) == 30 ? 4
                                        : 1;
    used += weight(c);
    if (used + 1 <= max) cut = std::min(at + len, text.size());  // room left for "…"
    if (used > max) return text.substr(0, cut) + "\u2026";
    at += len;
  }
  return text;
}

constexpr size_t kTitleMax = 70;

// Sets `key` only when `value` is not empty: mustache takes any string, even "", as true.
void SetIf(mu::data& d, const std::string& key, const std::string& value) {
  if (!value.empty()) d.set(key, value);
}

mu::data WordsObject(const Words& w) {
  static constexpr const char* kKeys[] = {"title",       "skip",           "skip_certificate",
                                          "languages",   "other_language", "search_label",
                                          "search_help", "count_zero",     "count_one",
                                          "count_many",  "no_match",       "organisation",
                                          "number",      "label",          "state",
                                          "expiry",      "effective",      "region",
                                          "kind",        "data",           "back",
                                          "certificate", "revision",       "referential",
                                          "scope",       "history",        "date",
                                          "event",       "state_after",    "search"};
  mu::data t{mu::data::type::object};
  for (const char* k : kKeys) t.set(k, w(k));
  return t;
}

mu::data Common(const Words& w, const DirectoryOptions& o, const std::string& page,
                const std::string& other_page) {
  mu::data d{mu::data::type::object};
  d.set("lang", w.lang());
  d.set("other_lang", w.lang() == "en" ? std::string("fr") : std::string("en"));
  d.set("root", Relative(page, ""));
  d.set("other_href", Relative(page, other_page));
  d.set("t", WordsObject(w));
  SetIf(d, "issuer_name", o.issuer_name);
  SetIf(d, "issuer_url", o.issuer_url);
  d.set("footer", o.issuer_name.empty()
                      ? w("footer_no_issuer", {{"date", w.Date(o.today)}})
                      : w("footer", {{"issuer", o.issuer_name}, {"date", w.Date(o.today)}}));
  return d;
}

mu::data Options(const std::string& name, const std::string& label, const std::string& all,
                 const std::map<std::string, std::string>& values) {
  mu::data f{mu::data::type::object};
  f.set("name", name);
  f.set("label", label);
  f.set("all", all);
  mu::data options{mu::data::type::list};
  for (const auto& [value, text] : values) {
    mu::data o{mu::data::type::object};
    o.set("value", value);
    o.set("text", text);
    options.push_back(o);
  }
  f.set("options", options);
  return f;
}

std::string Render(mu::mustache& tmpl, const mu::data& data, std::string* error) {
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) *error = Fmt("directory template: {}", tmpl.error_message());
  return out;
}

std::string IndexPage(mu::mustache& tmpl, const std::vector<DirectoryCertificate>& certs,
                      const Words& w, const DirectoryOptions& o, std::string* error) {
  const std::string page = IndexPath(w.lang());
  mu::data d = Common(w, o, page, IndexPath(w.lang() == "en" ? "fr" : "en"));
  const std::string date = w.Date(o.today);
  d.set("page_title",
        Fit(o.issuer_name.empty() ? w("title") : w("title") + " · " + o.issuer_name, kTitleMax));
  d.set("intro", w("intro", {{"date", date}}));
  d.set("table_caption", w("table_caption", {{"date", date}}));
  const size_t n = certs.size();
  d.set("count_text", w(n == 0   ? "count_zero"
                        : n == 1 ? "count_one"
                                 : "count_many",
                        {{"count", std::to_string(n)}}));
  std::map<std::string, std::string> labels, states, regions, kinds;
  mu::data rows{mu::data::type::list};
  for (const DirectoryCertificate& c : certs) {
    // The filter is by label (the referential), whatever the level: its name without the level.
    labels[c.referential_id] =
        c.label.Get(w.lang()).empty() ? c.referential_id : c.label.Get(w.lang());
    states[c.state] = w("state." + c.state);
    if (!c.region.empty()) regions[c.region] = c.region;
    if (!c.kind.empty()) kinds[c.kind] = c.kind;
    mu::data r{mu::data::type::object};
    r.set("search", c.organisation + " " + c.siret + " " + c.number);
    r.set("label_id", c.referential_id);
    r.set("state", c.state);
    r.set("state_text", w("state." + c.state));
    r.set("region", c.region);
    r.set("kind", c.kind);
    r.set("href", Relative(page, CertificatePagePath(c.number, w.lang())));
    r.set("organisation", c.organisation);
    SetIf(r, "siret", c.siret);
    r.set("number", c.number);
    r.set("label", LabelText(c, w.lang()));
    r.set("expiry", w.Date(c.expiry));
    r.set("expiry_iso", c.expiry.ToString());
    rows.push_back(r);
  }
  // States in their natural order, not the alphabet's.
  mu::data filters{mu::data::type::list};
  filters.push_back(Options("label", w("label"), w("all_labels"), labels));
  {
    mu::data f = Options("state", w("state"), w("all_states"), {});
    mu::data options{mu::data::type::list};
    for (std::string_view s : kStates) {
      if (!states.count(std::string(s))) continue;
      mu::data opt{mu::data::type::object};
      opt.set("value", std::string(s));
      opt.set("text", states[std::string(s)]);
      options.push_back(opt);
    }
    f.set("options", options);
    filters.push_back(f);
  }
  filters.push_back(Options("region", w("region"), w("all_regions"), regions));
  filters.push_back(Options("kind", w("kind"), w("all_kinds"), kinds));
  d.set("filters", filters);
  d.set("certificates", rows);
  return Render(tmpl, d, error);
}

std::string CertificatePage(mu::mustache& tmpl, const DirectoryCertificate& c, const Words& w,
                            const DirectoryOptions& o, std::string* error) {
  const std::string page = CertificatePagePath(c.number, w.lang());
  mu::data d = Common(w, o, page, CertificatePagePath(c.number, w.lang() == "en" ? "fr" : "en"));
  d.set("index_href", Relative(page, IndexPath(w.lang())));
  d.set("page_title",
        Fit(c.number + " · " + w("state." + c.state) + " · " + c.organisation, kTitleMax));
  d.set("number", c.number);
  d.set("revision", std::to_string(c.revision));
  d.set("organisation", c.organisation);
  d.set("state", c.state);
  d.set("state_text", w("state." + c.state));
  d.set("since_text", w("since", {{"date", w.Date(c.state_since)}}));
  d.set("explanation", w("explain." + c.state, {{"expiry", w.Date(c.expiry)}}));
  d.set("label", LabelText(c, w.lang()));
  d.set("referential",
        w("referential_edition", {{"id", c.referential_id}, {"version", c.referential_version}}));
  SetIf(d, "scope", c.scope.Get(w.lang()));
  d.set("effective", w.Date(c.effective));
  d.set("effective_iso", c.effective.ToString());
  d.set("expiry", w.Date(c.expiry));
  d.set("expiry_iso", c.expiry.ToString());
  SetIf(d, "siret", c.siret);
  SetIf(d, "kind", c.kind);
  SetIf(d, "region", c.region);
  const size_t n = c.sites.size();
  d.set("sites_title", w(n <= 1 ? "sites.one" : "sites.other", {{"count", std::to_string(n)}}));
  mu::data sites{mu::data::type::list};
  for (const DirectorySite& s : c.sites) {
    mu::data site{mu::data::type::object};
    site.set("name", s.name);
    SetIf(site, "address", s.address);
    sites.push_back(site);
  }
  d.set("sites", sites);
  d.set("history_caption", w("history_caption", {{"number", c.number}}));
  mu::data history{mu::data::type::list};
  for (const DirectoryEvent& e : c.history) {
    mu::data h{mu::data::type::object};
    std::optional<Date> date = Date::Parse(e.date);
    h.set("iso", e.date);
    h.set("date", date ? w.Date(*date) : e.date);
    const std::string action = w("action." + e.action);
    h.set("action", action.empty() ? e.action : action);
    const std::string state = w("state." + e.to_state);
    h.set("state", state.empty() ? e.to_state : state);
    history.push_back(h);
  }
  d.set("history", history);
  return Render(tmpl, d, error);
}

std::string PageUrl(const DirectoryOptions& o, const std::string& number, std::string_view lang) {
  return o.base_url.empty() ? CertificatePagePath(number, lang)
                            : CertificatePageUrl(o.base_url, number, lang);
}

std::string JsonFile(const std::vector<DirectoryCertificate>& certs, const DirectoryOptions& o) {
  using Json = nlohmann::ordered_json;
  Json list = Json::array();
  for (const DirectoryCertificate& c : certs) {
    Json sites = Json::array();
    for (const DirectorySite& s : c.sites) {
      Json site = {{"name", s.name}};
      if (!s.address.empty()) site["address"] = s.address;
      sites.push_back(site);
    }
    Json history = Json::array();
    for (const DirectoryEvent& e : c.history) {
      history.push_back({{"date", e.date}, {"action", e.action}, {"state", e.to_state}});
    }
    Json scope = Json::object();
    for (const auto& [lang, text] : c.scope.by_lang) scope[lang] = text;
    Json label = Json::object();
    for (const auto& [lang, text] : c.label.by_lang) label[lang] = text;
    list.push_back({
        {"number", c.number},
        {"revision", c.revision},
        {"organisation", c.organisation},
        {"siret", c.siret.empty() ? Json() : Json(c.siret)},
        {"kind", c.kind},
        {"region", c.region.empty() ? Json() : Json(c.region)},
        {"sites", sites},
        {"referential",
         {{"id", c.referential_id}, {"version", c.referential_version}, {"title", label}}},
        {"level", c.level.empty() ? Json() : Json(c.level)},
        {"label", LabelText(c, "fr")},
        {"scope", scope},
        {"effective", c.effective.ToString()},
        {"expiry", c.expiry.ToString()},
        {"state", c.state},
        {"state_since", c.state_since.ToString()},
        {"page", {{"fr", PageUrl(o, c.number, "fr")}, {"en", PageUrl(o, c.number, "en")}}},
        {"history", history},
    });
  }
  Json doc = {{"format", "sceau-directory"},
              {"version", 1},
              {"date", o.today.ToString()},
              {"issuer", o.issuer_name.empty() ? Json() : Json(o.issuer_name)},
              {"certificates", list}};
  return doc.dump(1, '\t', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string CsvFile(const std::vector<DirectoryCertificate>& certs, const DirectoryOptions& o) {
  constexpr char kSep = ',';
  std::string out =
      "number,revision,organisation,siret,kind,region,label,referential,version,state,"
      "state_since,effective,expiry,sites,page\r\n";
  for (const DirectoryCertificate& c : certs) {
    const std::string cells[] = {c.number,
                                 std::to_string(c.revision),
                                 c.organisation,
                                 c.siret,
                                 c.kind,
                                 c.region,
                                 LabelText(c, "fr"),
                                 c.referential_id,
                                 c.referential_version,
                                 c.state,
                                 c.state_since.ToString(),
                                 c.effective.ToString(),
                                 c.expiry.ToString(),
                                 std::to_string(c.sites.size()),
                                 PageUrl(o, c.number, "fr")};
    bool first = true;
    for (const std::string& cell : cells) {
      if (!first) out += kSep;
      first = false;
      out += CsvCell(cell, kSep);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace

bool RenderDirectory(std::vector<DirectoryCertificate> certificates,
                     const DirectoryOptions& options, DirectoryFiles* files, std::string* error) {
  std::sort(certificates.begin(), certificates.end(),
            [](const DirectoryCertificate& a, const DirectoryCertificate& b) {
              return a.number < b.number;
            });
  for (size_t i = 0; i < certificates.size(); ++i) {
    const std::string& n = certificates[i].number;
    if (!IsPublishableNumber(n)) {
      *error = Fmt("certificate number '{}' cannot name a page of the directory", n);
      return false;
    }
    if (i > 0 && certificates[i - 1].number == n) {
      *error = Fmt("certificate number '{}' appears twice", n);
      return false;
    }
  }
  // Index pages sort by organisation, as a reader looks them up; pages by number.
  std::vector<DirectoryCertificate> by_name = certificates;
  std::stable_sort(by_name.begin(), by_name.end(),
                   [](const DirectoryCertificate& a, const DirectoryCertificate& b) {
                     return a.organisation < b.organisation;
                   });
  mu::mustache index_tmpl{std::string(kDirectoryIndexTemplate)};
  mu::mustache cert_tmpl{std::string(kDirectoryCertificateTemplate)};
  if (!index_tmpl.is_valid() || !cert_tmpl.is_valid()) {
    *error = Fmt("directory template: {}",
                 index_tmpl.is_valid() ? cert_tmpl.error_message() : index_tmpl.error_message());
    return false;
  }
  std::string e;  // a template's own error (a defect)
  DirectoryFiles out;
  out.reserve(certificates.size() * 2 + 8);
  out.emplace_back(kDirectoryMarker, "sceau public directory\n");
  out.emplace_back("assets/directory.css", kDirectoryCss);
  out.emplace_back("assets/directory.js", kDirectoryJs);
  out.emplace_back("certificates.csv", CsvFile(certificates, options));
  out.emplace_back("certificates.json", JsonFile(certificates, options));
  for (std::string_view lang : kLanguages) {
    Words w{std::string(lang)};
    out.emplace_back(IndexPath(lang), IndexPage(index_tmpl, by_name, w, options, &e));
    for (const DirectoryCertificate& c : certificates) {
      if (!e.empty()) break;
      out.emplace_back(CertificatePagePath(c.number, lang),
                       CertificatePage(cert_tmpl, c, w, options, &e));
    }
    if (!e.empty()) {
      *error = e;
      return false;
    }
  }
  std::sort(out.begin(), out.end());
  *files = std::move(out);
  return true;
}

}  // namespace sceau
