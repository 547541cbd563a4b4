// Private to the dossier loader: the parser's state, shared by the files that read one section of
// the format each (audits/README.md):
//
//   dossier_loader.cc        the top level, `referential`, and the public entry points
//   dossier_organisation.cc  `organisation` (name, SIRET, kind, headcount, sites)
//   dossier_audit.cc         `audit` (kind, dates, sites visited, team, decision maker)
//   dossier_evidence.cc      `evidence` (the register, its files and hashes)
//   dossier_assessments.cc   `assessments` (grades, levels, findings, indicators, samples, NA)
//   dossier_follow_up.cc     `previous`, `certificate`, `follow_up` and the certification cycle
//
// Nothing outside these files includes it.
#ifndef SCEAU_ENGINE_DOSSIER_PARSER_H_
#define SCEAU_ENGINE_DOSSIER_PARSER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/dossier.h"
#include "engine/dossier_loader.h"
#include "engine/format.h"
#include "engine/format_specs.h"
#include "engine/referential.h"
#include "engine/source.h"
#include "engine/yaml_reader.h"
#include "engine/yaml_tree.h"

namespace sceau::dossier_internal {

// True when the 14 digits pass the SIRET check digit (Luhn).
bool LuhnValid(const std::string& digits);
// True when `*s` is 64 hexadecimal digits; lowercases it.
bool IsHex64(std::string* s);
// A file path in the dossier: relative, and in or below the dossier's folder. Reports otherwise
// ("the file of <ctx> ...") and returns false.
bool CheckRelativeFile(DiagnosticSink& sink, const YamlNode* v, const std::string& path,
                       const std::string& ctx);
// The spec of the map at `key` of `parent`: the key's map, or the map of its list's items or of its
// dict's values. REQUIRES: `parent` declares `key`, and it leads to a map.
const format::MapSpec& SubSpec(const format::MapSpec& parent, std::string_view key);
// The location of `key` (the key itself) in map `n`, or the map's.
SourceLocation KeyOf(const YamlNode* n, std::string_view key);

// Reads one dossier, section by section, into a Dossier; every problem goes to the sink.
class DossierParser {
 public:
  DossierParser(DiagnosticSink* sink, const DossierOptions& options)
      : r_(sink), sink_(*sink), options_(options) {}

  // Reads the `referential` key; returns false when the dossier cannot go on.
  bool ReadReferentialRef(const YamlNode* root, Dossier* d);
  // Reads the rest of the dossier against `ref`, the referential it names. Returns true when
  // every error is inside an assessment: the other parts of `d` are whole, and `d->assessments`
  // holds the assessments that loaded without an error.
  bool Parse(const YamlNode* root, const Referential& ref, Dossier* d);

 private:
  // ---- organisation (dossier_organisation.cc)
  void ParseOrganisation(const YamlNode* n);
  int FindSite(std::string_view id) const;
  std::vector<std::string> SiteIds() const;
  // True when `id` is a site of the organisation; else reports it (unless the sites could not be
  // read) and returns false.
  bool CheckSite(const YamlNode* v, const std::string& id, const std::string& what);
  std::string NonEmpty(const YamlNode* v, const std::string& what);

  // ---- audit (dossier_audit.cc)
  void ParseAudit(const YamlNode* n);

  // ---- evidence (dossier_evidence.cc)
  void ParseEvidence(const YamlNode* n);
  void CheckEvidenceFile(Evidence* e, const YamlNode* file, const YamlNode* sha,
                         const std::string& ctx);
  std::vector<std::string> EvidenceKinds() const;
  int FindEvidence(std::string_view id) const;
  std::vector<int> ReadEvidenceRefs(const YamlNode* v, const std::string& what);

  // ---- assessments (dossier_assessments.cc)
  void ParseAssessments(const YamlNode* n);
  bool ReadGrade(const YamlNode* v, const Criterion& criterion, bool level, Finding* f,
                 const std::string& ctx);
  bool ParseAssessment(const YamlNode* n, const Criterion& criterion, Assessment* a);
  bool ParseFindings(const YamlNode* n, const Criterion& criterion, Assessment* a,
                     const std::string& ctx);
  void ParseIndicators(const YamlNode* n, const Criterion& criterion, Assessment* a,
                       const std::string& ctx);
  void ParseAction(const YamlNode* n, Assessment* a, const std::string& ctx);
  void ParseSample(const YamlNode* n, Assessment* a, const std::string& ctx);
  void CheckCompleteness(const YamlNode* at);

  // ---- previous, certificate, follow_up, and the cycle (dossier_follow_up.cc)
  void ParseCycle(const YamlNode* root, const YamlNode* previous, const YamlNode* certificate,
                  const YamlNode* follow_up);
  PriorContext Prior() const;
  void ParsePrevious(const YamlNode* n);
  void ParseCertificate(const YamlNode* n);
  void ParseFollowUp(const YamlNode* n, SourceLocation key);
  bool ParseFollowUpEntry(const YamlNode* n, FollowUpEntry* e);

  YamlReader r_;
  DiagnosticSink& sink_;
  const DossierOptions& options_;
  const Referential* ref_ = nullptr;
  Dossier* d_ = nullptr;
  bool have_dates_ = false;
  bool organisation_ok_ = false;
  bool sites_ok_ = false;
  bool kind_ok_ = false;
  SourceLocation audit_kind_where_;
  SourceLocation assessments_key_;
  // Ids to their index in d_->evidence and d_->organisation.sites: every lookup is O(1), so a
  // dossier of 200,000 evidence items checks in about a second, not minutes.
  std::unordered_map<std::string, int> evidence_index_;
  std::unordered_map<std::string, int> site_index_;
};

}  // namespace sceau::dossier_internal

#endif  // SCEAU_ENGINE_DOSSIER_PARSER_H_
