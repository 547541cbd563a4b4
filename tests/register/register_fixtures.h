// Small `sceau-result` files for the register's tests: only the keys the register reads, with or
// without the `lifecycle` block.
#ifndef SCEAU_TESTS_REGISTER_REGISTER_FIXTURES_H_
#define SCEAU_TESTS_REGISTER_REGISTER_FIXTURES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sceau::testing {

struct FakeResult {
  std::string organisation = "Association Sentiers et Berges";
  std::string siret = "44306184100047";  // "" -> null
  std::string kind = "ACI";
  std::string region = "Occitanie";
  std::string referential = "cedre-iso9001";
  std::string version = "2026.1";
  std::string audit_id = "AUD-2026-001";
  std::string audit_kind = "initial";
  std::string decision_date = "2026-04-02";
  std::string decision = "granted";
  // `audit.scope`: none when both are ""; a language that is "" is left out.
  std::string scope_fr, scope_en;
  // `organisation.sites`: the one site "Siège" when empty.
  std::vector<std::string> site_names;
  // The `certificate` block of results without a lifecycle; "" -> null.
  std::string cert_effective, cert_expiry, first_surveillance_due;
  // A maturity label's `decision.level` and `decision.label` (fr, en): none when `level` is "".
  std::string level, level_fr, level_en;
  // The `lifecycle` block: none when `state` is "".
  std::string state, effective, expiry, next_kind, next_due;

  // A granted initial audit with its certificate block (no lifecycle).
  static FakeResult Initial(const std::string& organisation, const std::string& siret,
                            const std::string& decision_date) {
    FakeResult r;
    r.organisation = organisation;
    r.siret = siret;
    r.decision_date = decision_date;
    r.audit_id = "AUD-" + decision_date;
    r.cert_effective = decision_date;
    return r;
  }

  std::string Json() const {
    using J = nlohmann::ordered_json;
    auto or_null = [](const std::string& s) { return s.empty() ? J(nullptr) : J(s); };
    J j;
    j["format"] = "sceau-result";
    j["format_version"] = 1;
    j["generator"] = "sceau 0.1.0";
    j["referential"] = {{"id", referential}, {"version", version}};
    j["organisation"] = {
        {"name", organisation},
        {"siret", or_null(siret)},
        {"kind", kind},
        {"region", or_null(region)},
        {"headcount", {{"permanent", 5}, {"pathway", 20}}},
        {"sites", J::array({{{"id", "siege"}, {"name", "Siège"}, {"address", "1 rue Haute"}}})}};
    if (!site_names.empty()) {
      J sites = J::array();
      for (size_t i = 0; i < site_names.size(); ++i) {
        sites.push_back(
            {{"id", "s" + std::to_string(i + 1)}, {"name", site_names[i]}, {"address", nullptr}});
      }
      j["organisation"]["sites"] = sites;
    }
    j["audit"] = {{"id", audit_id},
                  {"kind", audit_kind},
                  {"start", decision_date},
                  {"end", decision_date},
                  {"decision_date", decision_date}};
    if (!scope_fr.empty() || !scope_en.empty()) {
      J scope = J::object();
      if (!scope_fr.empty()) scope["fr"] = scope_fr;
      if (!scope_en.empty()) scope["en"] = scope_en;
      j["audit"]["scope"] = scope;
    }
    j["decision"] = {{"outcome", decision}, {"decision", decision}};
    if (!level.empty()) {
      j["decision"]["level"] = level;
      j["decision"]["label"] = {{"fr", level_fr}, {"en", level_en}};
    }
    j["score"] = {{"percent", 80.0}};
    if (!cert_effective.empty()) {
      // As the engine writes it: effective = decision date, 36 months of validity.
      std::string expiry_text = cert_expiry;
      if (expiry_text.empty()) {
        int y = std::stoi(cert_effective.substr(0, 4)) + 3;
        int d = std::stoi(cert_effective.substr(8, 2)) - 1;
        expiry_text = std::to_string(y) + cert_effective.substr(4, 4) + (d < 10 ? "0" : "") +
                      std::to_string(d);
      }
      std::string first = first_surveillance_due;
      if (first.empty()) {
        first =
            std::to_string(std::stoi(cert_effective.substr(0, 4)) + 1) + cert_effective.substr(4);
      }
      j["certificate"] = {{"effective", cert_effective},
                          {"expiry", expiry_text},
                          {"first_surveillance_due", first}};
    } else {
      j["certificate"] = nullptr;
    }
    if (!state.empty()) {
      j["lifecycle"] = {{"previous", nullptr},
                        {"cycle_start", or_null(effective)},
                        {"state", state},
                        {"state_date", decision_date},
                        {"effective", or_null(effective)},
                        {"expiry", or_null(expiry)},
                        {"surveillances_done", 0},
                        {"due", nullptr},
                        {"on_time", nullptr},
                        {"next", {{"kind", or_null(next_kind)}, {"due", or_null(next_due)}}},
                        {"reasons", J::array()}};
    }
    return j.dump(2) + "\n";
  }
};

}  // namespace sceau::testing

#endif  // SCEAU_TESTS_REGISTER_REGISTER_FIXTURES_H_
