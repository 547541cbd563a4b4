// The network dashboard: one row per member from a campaign's JSON results, and what the network
// looks like as a whole (decisions by kind and region, score distribution, the criteria most often
// in gap, the certificates expiring soon). Written as the "sceau-summary" JSON document (format
// documented in README.md, "Network dashboard"), as a CSV table, and as a PDF rendered from the
// JSON by RenderSummaryPdf (pdf_writer.h).
//
//   SummaryBuilder b(SummaryOptions{.today = *Date::Parse("2026-11-26")});
//   b.Add("ai/0007.json", text);          // one result at a time: only its row is kept
//   std::string json = b.ToJson();
#ifndef SCEAU_REPORTS_SUMMARY_H_
#define SCEAU_REPORTS_SUMMARY_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/date.h"
#include "engine/lifecycle.h"

namespace sceau {

inline constexpr int kSummaryFormatVersion = 1;

struct SummaryOptions {
  Date today;              // the day each state is computed on, and "expiring" counts from
  int expiring_days = 90;  // certificates whose expiry is within this many days of `today`
  int top_gaps = 15;       // how many criteria the "most often in gap" list keeps
  // The time limits of a result's referential (id, version), looked up for a suspended
  // certificate only (the expiry needs none); unset or nullopt: the defaults of DOMAIN.md.
  PolicyLookup policy_of;
};

// One member: what the summary keeps of its result.
struct SummaryMember {
  std::string file;  // the result, relative to the results folder, with '/'
  std::string organisation;
  std::optional<std::string> siret;
  std::string kind;  // ACI, AI, ...
  std::optional<std::string> region;
  std::string referential;  // the referential's id
  std::string audit_kind;   // initial, surveillance, renewal, self-assessment
  std::string decision;     // granted, conditional, refused, none
  std::optional<std::string> level;
  double score = 0;  // percent
  // Gaps by grade kind: major-nc, minor-nc, observation, opportunity (each present, maybe 0).
  // Criteria on a maturity scale below its pass level count as minor-nc, as in the action plan.
  std::map<std::string, int> gaps;
  std::optional<Date> expiry;  // lifecycle.expiry when the result has a lifecycle, else certificate
  // The state the result records: lifecycle.state; without one, from the decision.
  std::optional<std::string> recorded_state;
  // The state on SummaryOptions::today: the recorded one, unless time has changed it since (a
  // suspension past the referential's limit is withdrawn, a certificate past its expiry
  // expired: ChangeDueBy, engine/lifecycle.h), with that change.
  std::optional<std::string> state;
  std::optional<TimeChange> state_change;
  // The certificate's number (lifecycle.number; none while pending or without a certificate)
  // and revision: the same as on the member's report and in the register.
  std::optional<std::string> certificate_number;
  int certificate_revision = 0;
};

// What kinds of file Add met.
enum class SummaryInput {
  kMember,   // a "sceau-result": one row
  kIgnored,  // a "sceau-group-result" (its members have their own results) or a "sceau-summary"
  kUnreadable,
};

class SummaryBuilder {
 public:
  explicit SummaryBuilder(SummaryOptions options);

  // Adds the JSON document `text` read from `file` (relative to the results folder). A result
  // adds a row; a group result or a summary is ignored; anything else (not JSON, another format,
  // a result missing a required field) is listed as unreadable with the reason.
  SummaryInput Add(const std::string& file, const std::string& text);
  // Lists a file that could not be read at all.
  void AddUnreadable(const std::string& file, const std::string& error);

  // Rows sorted by file.
  const std::vector<SummaryMember>& members();
  const std::vector<std::pair<std::string, std::string>>& unreadable() const { return unreadable_; }

  // The "sceau-summary" document, indented with 2 spaces, ending with a newline. Deterministic.
  std::string ToJson();
  // One row per member: UTF-8 with a byte order mark, CRLF line ends, cells neutralised against
  // formula injection. With ';' as separator, scores use a decimal comma (French spreadsheets).
  std::string ToCsv(char separator = ',');

 private:
  struct GapCount {
    std::string title_fr, title_en;
    int members = 0;
    std::map<std::string, int> by_grade;
  };
  void Sort();

  SummaryOptions options_;
  std::vector<SummaryMember> members_;
  bool sorted_ = true;
  std::map<std::pair<std::string, std::string>, GapCount> gaps_;  // (referential, criterion)
  std::vector<std::pair<std::string, std::string>> unreadable_;   // (file, error)
};

}  // namespace sceau

#endif  // SCEAU_REPORTS_SUMMARY_H_
