// The public directory of certificates: a static site, written from the register by
// `sceau register publish`, that anyone can read from file:// or any web server (no server code).
//
// What it holds, from the root of the folder:
//   index.html, en/index.html                 every certificate with its state on the date, with
//                                             search (name, SIRET, number) and filters (label,
//                                             state, region, kind of structure) in the page itself
//   certificats/NUM.html, en/certificates/NUM.html
//                                             one page per certificate: its number, revision,
//                                             organisation, sites, referential, scope, dates, state
//                                             and since when, and the public history of its
//                                             states (never the private reasons)
//   certificates.json, certificates.csv      the same data for buyers' tools
//   assets/directory.css, assets/directory.js
//   .sceau-directory                          marks the folder as one sceau wrote
// The HTML comes from mustache templates (reports/directory/*.mustache, compiled in), whose
// `{{ }}` escape every value. The output is a function of its input: same certificates, date and
// base URL, same bytes.
#ifndef SCEAU_REPORTS_DIRECTORY_H_
#define SCEAU_REPORTS_DIRECTORY_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/date.h"
#include "engine/referential.h"  // Text

namespace sceau {

struct DirectorySite {
  std::string name, address;
};

// One change of state, as the public sees it: what happened and when, not why nor by whom.
struct DirectoryEvent {
  std::string date;    // YYYY-MM-DD
  std::string action;  // grant, maintain, renew, suspend, reinstate, withdraw, expire
  std::string to_state;
};

struct DirectoryCertificate {
  std::string number;  // must pass IsPublishableNumber (engine/issuer_config.h)
  int revision = 0;
  std::string organisation, siret, kind, region;
  std::vector<DirectorySite> sites;
  std::string referential_id, referential_version;
  Text label;  // the referential's title ("CEDRE ISO 9001"); empty: its id is shown
  // A maturity label's level ("confirme") and its name ("Label RSE — niveau Confirmé"), shown
  // instead of the title; empty for a label without levels.
  std::string level;
  Text level_label;
  Text scope;
  Date effective, expiry;
  std::string state;  // on the directory's date: active, suspended, withdrawn, expired
  Date state_since;
  std::vector<DirectoryEvent> history;  // oldest first
};

struct DirectoryOptions {
  Date today;
  std::string base_url;     // absolute URLs in certificates.json/csv when set; else relative
  std::string issuer_name;  // shown in the pages' header; empty: none
  std::string issuer_url;
};

using DirectoryFiles = std::vector<std::pair<std::string, std::string>>;  // path, bytes

// Renders the whole directory, files sorted by path. False with `*error` for a certificate
// number that cannot be a file name, or a template error (a defect).
bool RenderDirectory(std::vector<DirectoryCertificate> certificates,
                     const DirectoryOptions& options, DirectoryFiles* files, std::string* error);

// The name of the marker file, whose presence lets publish replace a folder.
inline constexpr char kDirectoryMarker[] = ".sceau-directory";

}  // namespace sceau

#endif  // SCEAU_REPORTS_DIRECTORY_H_
