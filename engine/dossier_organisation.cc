// The `organisation` section of a dossier (audits/README.md, "organisation").

#include <fmt/format.h>

#include <string>
#include <vector>

#include "engine/dossier_parser.h"
#include "engine/wording.h"

namespace sceau::dossier_internal {
namespace {

// The longest organisation name, in code points (SECURITY.md, "Limits"). A legal name is far
// shorter; the report prints the name whole on its cover and on the certificate, where a cut name
// would be a wrong certificate, so a longer one is refused rather than shortened.
constexpr size_t kMaxNameCodePoints = 500;

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

void DossierParser::ParseOrganisation(const YamlNode* n) {
  if (!r_.IsMap(n, "'organisation'")) return;
  organisation_ok_ = true;
  Organisation& o = d_->organisation;
  Fields f(&r_, n, SubSpec(format::DossierSpec(), "organisation"), "'organisation'");
  if (auto v = f.Required("name")) {
    o.name = NonEmpty(v, Tr("the organisation's name"));
    if (size_t length = CodePoints(o.name); length > kMaxNameCodePoints) {
      sink_.Error("too-long", v->where,
                  Fmt("the organisation's name is {} characters long: at most {}", length,
                      kMaxNameCodePoints));
    }
  }
  if (auto v = f.Optional("siret")) {
    if (auto s = r_.String(v, "'siret'")) {
      std::string digits;
      bool only_digits = true;
      for (char c : *s) {
        if (c == ' ') continue;
        if (c < '0' || c > '9') only_digits = false;
        digits += c;
      }
      if (!only_digits || digits.size() != 14) {
        sink_.Error("bad-siret", v->where,
                    Fmt("SIRET '{}' must be 14 digits (spaces allowed)", *s));
      } else {
        if (!LuhnValid(digits)) {
          sink_.Warning("bad-siret", v->where,
                        Fmt("SIRET '{}' fails its check digit (Luhn): check for a typo", *s));
        }
        o.siret = digits;
      }
    }
  }
  if (auto k = f.Enum("kind", Tr("the organisation's kind"))) o.kind = *ParseOrgKind(*k);
  if (auto v = f.Optional("region")) o.region = r_.String(v, "'region'").value_or("");
  if (auto v = f.Required("headcount")) {
    if (r_.IsMap(v, "'headcount'")) {
      Fields h(&r_, v, SubSpec(SubSpec(format::DossierSpec(), "organisation"), "headcount"),
               "'headcount'");
      auto count = [&](const char* key, int* out) {
        if (auto i = h.Integer(key)) *out = static_cast<int>(*i);
      };
      count("permanent", &o.permanent);
      count("pathway", &o.pathway);
      h.Finish();
    }
  }
  if (auto v = f.Required("sites")) {
    if (auto items = r_.List(v, "'sites'")) {
      sites_ok_ = true;
      if (items->empty()) sink_.Error("missing-key", v->where, Tr("'sites' lists no site"));
      for (const YamlNode* item : *items) {
        if (!r_.IsMap(item, Tr("a site"))) continue;
        Site s;
        s.where = item->where;
        Fields g(&r_, item, SubSpec(SubSpec(format::DossierSpec(), "organisation"), "sites"),
                 Tr("a site"));
        if (auto x = g.Required("id")) {
          if (auto id = r_.Id(x, Tr("the site id"))) {
            s.id = *id;
            if (FindSite(s.id) >= 0) {
              sink_.Error("duplicate-id", x->where, Fmt("site '{}' is listed twice", s.id));
              s.id.clear();
            }
          }
        }
        if (auto x = g.Required("name")) s.name = r_.String(x, Tr("the site's name")).value_or("");
        if (auto x = g.Optional("address"))
          s.address = r_.String(x, Tr("the site's address")).value_or("");
        g.Finish();
        if (!s.id.empty()) {
          site_index_.emplace(s.id, static_cast<int>(o.sites.size()));
          o.sites.push_back(std::move(s));
        }
      }
    }
  }
  f.Finish();
}

std::string DossierParser::NonEmpty(const YamlNode* v, const std::string& what) {
  return ReadNonEmpty(&r_, v, what);
}

int DossierParser::FindSite(std::string_view id) const {
  auto it = site_index_.find(std::string(id));
  return it == site_index_.end() ? -1 : it->second;
}

std::vector<std::string> DossierParser::SiteIds() const {
  std::vector<std::string> ids;
  for (const Site& s : d_->organisation.sites) ids.push_back(s.id);
  return ids;
}

bool DossierParser::CheckSite(const YamlNode* v, const std::string& id, const std::string& what) {
  if (FindSite(id) >= 0) return true;
  if (!sites_ok_) return false;  // the sites could not be read: that error says it already
  sink_.Error("unknown-site", v->where,
              Fmt("{} names unknown site '{}'{}", what, id, DidYouMean(id, SiteIds())));
  return false;
}

}  // namespace sceau::dossier_internal
