// The network dashboard: one row per member (an organisation and a referential, from its latest
// result) from a campaign's JSON results, and what the network looks like as a whole (decisions by
// kind and region, score distribution, the criteria most often in gap by referential and scale,
// the certificates expiring soon). Written as the "sceau-summary" JSON document (format
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
  int top_gaps = 15;       // how many criteria the "most often in gap" lists keep (each of them)
  // The time limits of a result's referential (id, version), looked up for a suspended
  // certificate only (the expiry needs none); unset or nullopt: the defaults of DOMAIN.md.
  PolicyLookup policy_of;
};

// A criterion in gap in a member's latest result.
struct SummaryGap {
  std::string criterion;
  std::string scale;  // the criterion's scale id in its referential; empty when the result has none
  std::string scale_title_fr, scale_title_en;  // the scale's title, when the result gives it
  std::string grade;                           // the grade code, or the maturity level, it had
  std::string title_fr, title_en;
};

// One member: an organisation under one referential, with what the summary keeps of its latest
// result. An organisation is its SIRET (spaces removed) when the result gives one, else its
// normalised name (NormalizedName, engine/identity.h). The latest result is the one with the
// latest audit end date; on a tie, the latest decision date; on a tie again, the file last in path
// order.
struct SummaryMember {
  std::string file;              // the latest result, relative to the results folder, with '/'
  int results = 1;               // how many results of this organisation and referential were read
  std::string organisation_key;  // "siret:<digits>" or "name:<normalised name>"
  Date audit_end, decision_date;
  std::string referential_title_fr, referential_title_en;
  std::vector<SummaryGap> gap_list;  // the criteria in gap, in the result's order
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
  kMember,   // a "sceau-result": a row, or a newer or older result of a row's member
  kIgnored,  // a "sceau-group-result" (its members have their own results) or a "sceau-summary"
  kUnreadable,
};

class SummaryBuilder {
 public:
  explicit SummaryBuilder(SummaryOptions options);

  // Adds the JSON document `text` read from `file` (relative to the results folder). A result
  // adds a row, or replaces its member's row when it is later (SummaryMember), or is counted in
  // that row's `results` only; a group result or a summary is ignored; anything else (not JSON,
  // another format, a result missing a required field) is listed as unreadable with the reason.
  SummaryInput Add(const std::string& file, const std::string& text);
  // Lists a file that could not be read at all.
  void AddUnreadable(const std::string& file, const std::string& error);

  // Rows sorted by file, one per member (organisation and referential).
  const std::vector<SummaryMember>& members();
  // How many results were read (Add returned kMember), and how many organisations they name.
  int results() const { return results_; }
  size_t organisations();
  const std::vector<std::pair<std::string, std::string>>& unreadable() const { return unreadable_; }

  // The "sceau-summary" document, indented with 2 spaces, ending with a newline. Deterministic.
  std::string ToJson();
  // One row per member (as members()): UTF-8 with a byte order mark, CRLF line ends, cells
  // neutralised against formula injection. With ';' as separator, scores use a decimal comma
  // (French spreadsheets).
  std::string ToCsv(char separator = ',');

 private:
  void Sort();

  SummaryOptions options_;
  // (organisation key, referential id) -> the member's row.
  std::map<std::pair<std::string, std::string>, SummaryMember> rows_;
  std::vector<SummaryMember> members_;  // rows_ sorted by file, rebuilt by Sort
  bool sorted_ = true;
  int results_ = 0;
  std::vector<std::pair<std::string, std::string>> unreadable_;  // (file, error)
};

}  // namespace sceau

#endif  // SCEAU_REPORTS_SUMMARY_H_
