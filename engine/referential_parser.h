// The referential loader's parser, private to engine/referential_*.cc: one class whose methods are
// spread over one file per section of the format reference (referentials/README.md):
//   referential_loader.cc      the top level, whole-referential checks, loading files
//   referential_identity.cc    id, version, title, languages...
//   referential_scales.cc      scales, grades, levels, default_scale
//   referential_frameworks.cc  evidence_kinds, frameworks, mappings
//   referential_chapters.cc    chapters
//   referential_criteria.cc    criteria, applies_to, requires and related
//   referential_checks.cc      checks
//   referential_policy.cc      decision, outcomes, deadlines, escalations, follow_up
//   referential_conditions.cc  conditions of outcomes
//   referential_variants.cc    extends, replace, remove
// Every map is read through its spec (engine/referential_spec.h).
#ifndef SCEAU_ENGINE_REFERENTIAL_PARSER_H_
#define SCEAU_ENGINE_REFERENTIAL_PARSER_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/referential.h"
#include "engine/referential_loader.h"
#include "engine/source.h"
#include "engine/yaml_reader.h"
#include "engine/yaml_tree.h"

namespace sceau::referential_internal {

class ReferentialParser {
 public:
  ReferentialParser(DiagnosticSink* sink, Referential* ref) : r_(sink), sink_(*sink), ref_(*ref) {}

  // Parses `root`. When the file extends another referential, `base` is that referential, already
  // loaded and valid.
  void Parse(const YamlNode* root, const Referential* base = nullptr);

 private:
  // ---- variants (referential_variants.cc)
  void ParseExtending(Fields& f, const YamlNode* root, const Referential& base, SourceLocation at);
  void MergeCriteria(Fields& f, const Referential& base, SourceLocation at);
  std::map<std::string, const YamlNode*> ReadRemoved(const YamlNode* removed,
                                                     const Referential& base,
                                                     const std::vector<std::string>& base_ids);
  std::map<std::string, const YamlNode*> ReadReplaced(
      const YamlNode* replaced, const Referential& base, const std::vector<std::string>& base_ids,
      const std::map<std::string, const YamlNode*>& remove_at);
  std::vector<const YamlNode*> ReadAdded(const YamlNode* added, const Referential& base);
  void Inherit(const Referential& base, int from, SourceLocation at,
               std::map<std::string, const YamlNode*>& remove_at, Criterion* out);

  // ---- identity (referential_identity.cc)
  void ParseIdentity(Fields& f);
  void ParseLanguages(const YamlNode* n);
  // Remembers a text to check its translations once 'languages' is known.
  void TrackText(const Text& text, const YamlNode* n, std::string what);

  // ---- scales (referential_scales.cc)
  void ParseScales(const YamlNode* n);
  void ParseScale(const YamlNode* item);
  void ParseGrades(const YamlNode* n, Scale* scale, const std::string& ctx);
  void ParseLevels(const YamlNode* n, Scale* scale, const std::string& ctx);
  void ResolveDefaultScale();
  std::vector<std::string> ScaleIds() const;

  // ---- evidence kinds, frameworks, mappings (referential_frameworks.cc)
  void ParseEvidenceKinds(const YamlNode* n);
  void ParseFrameworks(const YamlNode* n);
  void ParseFrameworkItems(const YamlNode* v, const std::string& ctx, Framework* fw);
  int FindFramework(std::string_view id) const;
  void ParseMappings(const YamlNode* v, const std::string& ctx, Criterion* c);
  std::vector<std::string> ReadEvidenceKinds(const YamlNode* v, const std::string& what);
  bool KnownEvidenceKind(const std::string& k) const;

  // ---- chapters (referential_chapters.cc)
  void ParseChapters(const YamlNode* n, int parent);
  double ReadWeight(Fields& f);
  std::vector<std::string> ChapterIds() const;
  int ResolveChapter(const YamlNode* v, const std::string& ctx);

  // ---- criteria (referential_criteria.cc)
  void ParseCriteria(const YamlNode* n);
  void ParseCriterion(const YamlNode* item, Criterion* c);
  void ReadScaleOf(Fields& f, const YamlNode* item, const std::string& ctx, Criterion* c);
  void ReadNotApplicable(Fields& f, const std::string& ctx, Criterion* c);
  void ReadReplaces(const YamlNode* v, const std::string& ctx, Criterion* c);
  std::vector<std::string> CriterionIds() const;
  std::optional<Range> ReadRange(const YamlNode* v, const format::MapSpec& spec,
                                 const std::string& what);
  void ParseApplicability(const YamlNode* v, const std::string& ctx, Applicability* a);
  std::vector<Link> ReadLinks(const YamlNode* v, const std::string& ctx, const char* key,
                              const std::string& self, bool strict);

  // ---- checks (referential_checks.cc)
  void ParseChecks(const YamlNode* v, const std::string& ctx, Criterion* c);
  void ReadFromLevel(Fields& f, const std::string& what, const Criterion& c, Check* check);
  bool ReadIndicatorCheck(Fields& f, const YamlNode* item, const std::string& what, Check* check);
  void ReadEvidenceCheck(Fields& f, const std::string& what, Check* check);
  void ReadSampleCheck(Fields& f, const std::string& what, Check* check);

  // ---- decision policy (referential_policy.cc)
  void ParseDecision(const YamlNode* n);
  void ParseDeadlines(const YamlNode* v);
  void ParseFollowUpPolicy(const YamlNode* n);
  void ParseEscalations(const YamlNode* v);
  void ParseOutcomes(const YamlNode* v);
  void ParseOutcome(const YamlNode* item, std::vector<std::string>* ids);
  void CheckOutcomeOrder(const std::vector<const YamlNode*>& items);
  // The grade with this code in any grades scale, or nullptr.
  const Grade* FindGradeCode(std::string_view code) const;
  std::vector<std::string> GradeCodes() const;
  std::vector<std::string> LevelCodes() const;
  bool CheckGradeCode(const YamlNode* n, const std::string& code, const std::string& where);

  // ---- conditions (referential_conditions.cc)
  std::optional<Condition> ParseCondition(const YamlNode* n, const std::string& ctx, int depth);
  std::optional<Condition> ParseCombination(const YamlNode* key, const YamlNode* body,
                                            const std::string& ctx, const std::string& what,
                                            int depth, Condition c);
  bool ReadThresholds(Fields& f, const YamlNode* body, const std::string& cwhat, Condition* c);
  bool ReadCountSelectors(Fields& f, const std::string& cwhat, Condition* c);

  // ---- whole-referential checks (referential_loader.cc)
  void CheckGraph();

 public:
  void set_max_cycle_groups(int max) { max_cycle_groups_ = max; }
  // The errors reported so far are all dependency cycles (or there are none): the model is whole,
  // and the checks of the whole file (empty chapters, the policy) can run on it.
  bool only_cycle_errors() const { return sink_.error_count() == cycle_errors_; }

 private:
  int max_cycle_groups_ = 20;
  int cycle_errors_ = 0;            // errors reported with code dependency-cycle
  bool parsing_duplicate_ = false;  // a criterion whose id was defined before
  void CheckChapters();

  struct TrackedText {
    Text text;
    const YamlNode* node;
    std::string what;
  };

  YamlReader r_;
  DiagnosticSink& sink_;
  Referential& ref_;
  const YamlNode* default_scale_node_ = nullptr;
  bool need_scale_everywhere_ = false;
  std::vector<std::string> evidence_kinds_;
  std::vector<Text> evidence_kind_labels_;  // same order
  std::vector<const YamlNode*> criterion_nodes_;
  std::unordered_map<std::string, int> first_seen_;
  std::vector<TrackedText> texts_;
};

// Loads the referential that `root` extends, if any; reports why it cannot
// (referential_variants.cc).
std::shared_ptr<const Referential> ResolveBase(const YamlNode* root, const LoadOptions& options,
                                               DiagnosticSink* sink,
                                               std::vector<Diagnostic>* base_diagnostics);

}  // namespace sceau::referential_internal

#endif  // SCEAU_ENGINE_REFERENTIAL_PARSER_H_
