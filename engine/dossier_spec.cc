// The dossier and group dossier formats (audits/README.md), described with engine/format.h: every
// map with its keys, types, bounds, allowed values and a one-line doc. The committed
// audits/dossier.schema.json and audits/group.schema.json are generated from them.
#include "engine/audit_plan.h"
#include "engine/dossier.h"
#include "engine/format_specs.h"
#include "engine/referential.h"
#include "engine/wording.h"

namespace sceau::format {

namespace {

// Optional values also accept ~ (null): it counts as absent.
constexpr std::string_view kNullableString = R"({"type": ["string", "null"]})";
constexpr std::string_view kNotBlank = R"({"pattern": "[^ \\t]"})";
// The organisation's name: not blank, and at most 500 characters (dossier_organisation.cc).
constexpr std::string_view kOrganisationName = R"({"pattern": "[^ \\t]", "maxLength": 500})";
constexpr std::string_view kNullableNotBlank =
    R"({"type": ["string", "null"], "pattern": "[^ \\t]"})";
constexpr std::string_view kRelativePath =
    R"j({"minLength": 1, "pattern": "^(?![/\\\\])(?!.:)(?!(?:.*/)?\\.\\.(?:/|$))"})j";
constexpr std::string_view kNullableRelativePath =
    R"j({"type": ["string", "null"], "minLength": 1, "pattern": "^(?![/\\\\])(?!.:)(?!(?:.*/)?\\.\\.(?:/|$))"})j";
constexpr std::string_view kSha256 = R"({"pattern": "^[0-9a-fA-F]{64}$"})";
constexpr std::string_view kNullableSha256 =
    R"({"type": ["string", "null"], "pattern": "^[0-9a-fA-F]{64}$"})";
constexpr std::string_view kSiret =
    R"({"type": ["string", "null"], "pattern": "^ *(?:[0-9] *){14}$"})";
constexpr std::string_view kNullableDate =
    R"({"anyOf": [{"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "format": "date"}, {"type": "null"}]})";
// A text (a string in French, or a map of language codes with 'fr'), or ~.
constexpr std::string_view kNullableText =
    R"({"anyOf": [{"type": "string"}, {"type": "object", "required": ["fr"], "patternProperties": {"^[a-z]{2}$": {"type": "string"}}, "additionalProperties": false}, {"type": "null"}]})";

constexpr ValueSpec kIdItem = Id();
constexpr ValueSpec kStringItem = String();
constexpr ValueSpec kNotBlankItem = WithSchema(String(), kNotBlank);
constexpr ValueSpec kNumberValue = Number();

constexpr ValueSpec kEvidenceRefs = ListOf(&kIdItem);
constexpr ValueSpec kNullableEvidenceRefs =
    WithSchema(ListOf(&kIdItem), R"({"type": ["array", "null"]})");

// A grade or level code: the criterion's scale decides (the loader checks it).
constexpr ValueSpec kGradeCode = Custom(
    R"({"anyOf": [{"enum": ["PF", "C", "PP", "PS", "NCm", "NCM", "NA"]}, {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"}]})");
constexpr ValueSpec kLevelCode = Custom(
    R"({"anyOf": [{"enum": ["initial", "engage", "confirme", "exemplaire"]}, {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"}]})");
// An evidence kind: a built-in one, or one the referential declares (the loader checks it).
constexpr ValueSpec kEvidenceKind = Custom(
    R"({"anyOf": [{"enum": ["procedure", "record", "minutes", "interview", "contract", "indicator-source", "sample", "plan", "report", "policy", "certificate", "observation", "training-record", "other"]}, {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"}]})");

// ---- referential, organisation ------------------------------------------------------------------
const MapSpec& ReferentialRefSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, "Referential id, e.g. cedre-iso9001."},
      {"version", String(), kRequired, {}, "Referential version, a string: quote it (\"2026.1\")."},
  };
  static constexpr MapSpec kSpec{
      "referentialRef", "Which referential, which version. sceau looks the referential up by both.",
      kKeys};
  return kSpec;
}

const MapSpec& HeadcountSpec() {
  static constexpr KeySpec kKeys[] = {
      {"permanent", IntegerIn(0, 1000000), kRequired, {}, "Permanent staff; a whole number."},
      {"pathway",
       IntegerIn(0, 1000000),
       kRequired,
       {},
       "Employees on an integration pathway (salariés en parcours); a whole number."},
  };
  static constexpr MapSpec kSpec{"headcount", "Headcount: permanent + pathway.", kKeys};
  return kSpec;
}

const MapSpec& SiteSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id",
       Id(),
       kRequired,
       {},
       "Site id, unique; named by audit.sites_visited and by findings' site."},
      {"name", String(), kRequired, {}, "Name of the site, e.g. \"Site maraîcher d'Albi\"."},
      {"address", WithSchema(String(), kNullableString), kOptional, {}, "Optional postal address."},
  };
  static constexpr MapSpec kSpec{"site", "One site of the organisation.", kKeys};
  return kSpec;
}

constexpr ValueSpec kSite = Map(SiteSpec);

const MapSpec& OrganisationSpec() {
  static constexpr KeySpec kKeys[] = {
      {"name",
       WithSchema(String(), kOrganisationName),
       kRequired,
       {},
       "Name of the organisation, not blank, at most 500 characters, e.g. \"Association Tremplin "
       "Vert\"."},
      {"siret",
       WithSchema(String(), kSiret),
       kOptional,
       {},
       "Optional SIRET: 14 digits, spaces allowed; quote it. A failing check digit is a warning."},
      {"kind",
       Enum(OrgKindNames),
       kRequired,
       {},
       "Kind of structure; decides which criteria apply."},
      {"region",
       WithSchema(String(), kNullableString),
       kOptional,
       {},
       "Optional region, for network dashboards (e.g. Occitanie)."},
      {"headcount",
       Map(HeadcountSpec),
       kRequired,
       {},
       "Permanent staff and employees on a pathway; their sum is the headcount criteria apply by."},
      {"sites",
       ListOf(&kSite, 1),
       kRequired,
       {},
       "The organisation's sites, at least one. Their number decides which criteria apply."},
  };
  static constexpr MapSpec kSpec{"organisation", "The audited organisation.", kKeys};
  return kSpec;
}

// ---- audit ----------------------------------------------------------------------------------
// The keys of a dossier's audit and of a group's: kind and sites_visited differ.
#define SCEAU_AUDIT_DATES_AND_TEAM                                                               \
  {"start",                                                                                      \
   Date(),                                                                                       \
   kRequired,                                                                                    \
   {},                                                                                           \
   "First day on site (YYYY-MM-DD). Evidence ages are measured from it."},                       \
      {"end", Date(), kRequired, {}, "Last day on site (YYYY-MM-DD), not before start."},        \
      {"decision_date",                                                                          \
       Custom(kNullableDate),                                                                    \
       kOptional,                                                                                \
       {},                                                                                       \
       "Date of the decision, not before end; default: end. Deadlines count from it."},          \
      {"lead_auditor",                                                                           \
       WithSchema(String(), kNotBlank),                                                          \
       kRequired,                                                                                \
       {},                                                                                       \
       "The lead auditor's name, not blank."},                                                   \
      {"lead_auditor_id",                                                                        \
       WithSchema(String(), kNullableNotBlank),                                                  \
       kOptional,                                                                                \
       {},                                                                                       \
       "The lead auditor's identifier (e.g. a qualification number), for impartiality."},        \
      {"auditors",                                                                               \
       WithSchema(ListOf(&kStringItem), R"({"type": ["array", "null"]})"),                       \
       kOptional,                                                                                \
       {},                                                                                       \
       "The rest of the audit team, by name."},                                                  \
  {                                                                                              \
    "auditor_ids", WithSchema(ListOf(&kNotBlankItem), R"({"type": ["array", "null"]})"),         \
        kOptional, {}, "The auditors' identifiers: one per name of auditors, in the same order." \
  }

const MapSpec& AuditSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, "Audit id, e.g. AUD-2026-031."},
      {"kind",
       Enum(AuditKindNames),
       kRequired,
       {},
       "initial, surveillance, renewal (recertification) or self-assessment (no decision)."},
      SCEAU_AUDIT_DATES_AND_TEAM,
      {"sites_visited",
       ListOf(&kIdItem, 1),
       kRequired,
       {},
       "Ids of the sites visited, from organisation.sites; at least one."},
      {"decision_maker",
       WithSchema(String(), kNullableNotBlank),
       kOptional,
       {},
       "Who takes the decision, not on the audit team; required unless a self-assessment."},
      {"decision_maker_id",
       WithSchema(String(), kNullableNotBlank),
       kOptional,
       {},
       "The decision maker's identifier, compared with the audit team's for impartiality."},
      {"scope",
       Custom(kNullableText),
       kOptional,
       {},
       "The scope of the audit (activities, sites)."},
      {"objectives", Custom(kNullableText), kOptional, {}, "The objectives of the audit."},
  };
  static constexpr MapSpec kSpec{
      "audit", "The audit: kind, dates, sites visited, audit team and decision maker.", kKeys,
      R"({"if": {"not": {"properties": {"kind": {"const": "self-assessment"}}, "required": ["kind"]}},
          "then": {"required": ["decision_maker"], "properties": {"decision_maker": {"type": "string"}}}})"};
  return kSpec;
}

const MapSpec& GroupAuditSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id", Id(), kRequired, {}, "Audit id, e.g. AUD-2026-031."},
      {"kind",
       Enum(GroupAuditKindNames),
       kRequired,
       {},
       "initial, surveillance or renewal: a group is certified."},
      SCEAU_AUDIT_DATES_AND_TEAM,
      {"decision_maker",
       WithSchema(String(), kNotBlank),
       kRequired,
       {},
       "Who takes the decision, not on the audit team."},
      {"decision_maker_id",
       WithSchema(String(), kNullableNotBlank),
       kOptional,
       {},
       "The decision maker's identifier, compared with every member's audit team's."},
      {"scope",
       Custom(kNullableText),
       kOptional,
       {},
       "The scope of the audit (activities, sites)."},
      {"objectives", Custom(kNullableText), kOptional, {}, "The objectives of the audit."},
  };
  static constexpr MapSpec kSpec{
      "groupAudit",
      "The group's audit, shared by its members: a dossier's audit without sites_visited.", kKeys};
  return kSpec;
}

#undef SCEAU_AUDIT_DATES_AND_TEAM

// ---- evidence, plan ---------------------------------------------------------------------------
const MapSpec& EvidenceSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id",
       Id(),
       kRequired,
       {},
       "Evidence id, unique in the register, e.g. E01; assessments cite it."},
      {"kind",
       kEvidenceKind,
       kRequired,
       {},
       "An evidence kind the referential knows (built-in or declared in its evidence_kinds)."},
      {"title",
       String(),
       kRequired,
       {},
       "What the evidence is, e.g. \"Procédure d'accueil, version 3\"."},
      {"date",
       Custom(kNullableDate),
       kOptional,
       {},
       "Date of the evidence; needed for checks with max_age_months. After audit.end: warning."},
      {"file",
       WithSchema(String(), kNullableRelativePath),
       kOptional,
       {},
       "Path of the file, relative to the dossier's folder, no '..'; a missing file is a warning."},
      {"sha256",
       WithSchema(String(), kNullableSha256),
       kOptional,
       {},
       "SHA-256 of the file: 64 hex digits. With `file`, the file's hash must match."},
  };
  static constexpr MapSpec kSpec{
      "evidence", "One entry of the evidence register: a document, record, interview or sample.",
      kKeys};
  return kSpec;
}

constexpr ValueSpec kEvidence = Map(EvidenceSpec);

const MapSpec& ReductionSpec() {
  static constexpr KeySpec kKeys[] = {
      {"reason",
       WithSchema(String(), R"({"minLength": 1})"),
       kRequired,
       {},
       "Why the audit time can be reduced."},
      {"percent",
       NumberAbove(0, kMaxReductionPercent, {}, Wording(" percent")),
       kRequired,
       {},
       "The reduction, in percent of the table's time."},
  };
  static constexpr MapSpec kSpec{"reduction", "A reduction of the audit time (IAF MD 5).", kKeys};
  return kSpec;
}

constexpr ValueSpec kReduction = Map(ReductionSpec);

const MapSpec& PlanSpec() {
  static constexpr KeySpec kKeys[] = {
      {"central",
       Id(),
       kOptional,
       {},
       "The site id of the head office / central function: always in the site sample."},
      {"reductions",
       WithSchema(ListOf(&kReduction), R"({"type": ["array", "null"]})"),
       kOptional,
       {},
       "Reductions of the audit time, each with its reason; their total is capped at 30 %."},
  };
  static constexpr MapSpec kSpec{
      "plan", "What `sceau plan` needs beyond the organisation: the central site and reductions.",
      kKeys};
  return kSpec;
}

// ---- previous, certificate, follow_up -----------------------------------------------------------
const MapSpec& PreviousSpec() {
  static constexpr KeySpec kKeys[] = {
      {"result",
       WithSchema(String(), kRelativePath),
       kRequired,
       {},
       "The previous result's file, relative to the dossier's folder (no absolute path, no `..`)."},
      {"sha256",
       WithSchema(String(), kSha256),
       kOptional,
       {},
       "Optional pin of the previous result's bytes: a different file is an error."},
  };
  static constexpr MapSpec kSpec{
      "previous",
      "The previous audit of the cycle, by its sceau result (JSON). Not with `certificate`.",
      kKeys};
  return kSpec;
}

const MapSpec& CertificateSpec() {
  static constexpr KeySpec kKeys[] = {
      {"decision_date",
       Date(),
       kRequired,
       {},
       "The decision that started the current cycle (initial audit or renewal)."},
      {"surveillances_done", IntegerAtLeast(0), kOptional, "0",
       "Surveillance audits held in this cycle (at most the cycle's number: 2 for 36 months)."},
      {"last_audit",
       Date(),
       kOptional,
       {},
       "The last day of the last audit of the cycle. Default: decision_date."},
      {"suspended_since",
       Date(),
       kOptional,
       {},
       "When given, the certificate is suspended since that day."},
  };
  static constexpr MapSpec kSpec{
      "certificate",
      "The current certificate, for a history that predates sceau; not with `previous`.", kKeys};
  return kSpec;
}

const MapSpec& FollowUpSpec() {
  static constexpr KeySpec kKeys[] = {
      {"status",
       Enum(FollowUpStatusNames),
       kRequired,
       {},
       "closed: corrected (needs date and evidence); in-progress; not-started."},
      {"date",
       Date(),
       kOptional,
       {},
       "When the correction was made (required when closed); not after the audit's end."},
      {"evidence",
       kEvidenceRefs,
       kOptional,
       {},
       "Ids of evidence of the correction, from the register."},
      {"sites",
       ListOf(&kStringItem),
       kOptional,
       {},
       "Multi-site: the sites where it is corrected, or [all] (the default)."},
      {"note", String(), kOptional, {}, "What was done, in words."},
  };
  static constexpr MapSpec kSpec{
      "followUp", "What was done about one minor or major NC of the previous audit.", kKeys,
      R"({"if": {"properties": {"status": {"const": "closed"}}},
          "then": {"required": ["date", "evidence"], "properties": {"evidence": {"minItems": 1}}}})"};
  return kSpec;
}

constexpr ValueSpec kFollowUp = Map(FollowUpSpec);

// ---- assessments ------------------------------------------------------------------------------
const MapSpec& SampleItemSpec() {
  static constexpr KeySpec kKeys[] = {
      {"id",
       WithSchema(String(), R"({"minLength": 1})"),
       kRequired,
       {},
       "What was sampled, e.g. \"SAL-014\" (quote numbers). Unique in the sample."},
      {"pass", Bool(), kRequired, {}, "True when the item meets the requirement."},
      {"note", WithSchema(String(), kNullableString), kOptional, {}, "What was seen."},
  };
  static constexpr MapSpec kSpec{
      "sampleItem", "One sampled item (a file checked one by one) and whether it passed.", kKeys};
  return kSpec;
}

constexpr ValueSpec kSampleItem = Map(SampleItemSpec);

const MapSpec& FindingSpec() {
  static constexpr KeySpec kKeys[] = {
      {"grade",
       kGradeCode,
       kOptional,
       {},
       "Grade code of this finding, from the criterion's scale."},
      {"level", kLevelCode, kOptional, {}, "Level code, for a criterion on a maturity scale."},
      {"text", WithSchema(String(), kNullableString), kOptional, {}, "What was found (French)."},
      {"evidence",
       kNullableEvidenceRefs,
       kOptional,
       {},
       "Ids of evidence from the register supporting this finding."},
      {"site",
       WithSchema(Id(), R"({"type": ["string", "null"]})"),
       kOptional,
       {},
       "The site where it was found (an id from organisation.sites)."},
  };
  static constexpr MapSpec kSpec{
      "finding", "One of several findings on a criterion; the criterion's grade is the gravest.",
      kKeys, R"({"oneOf": [{"required": ["grade"]}, {"required": ["level"]}]})"};
  return kSpec;
}

constexpr ValueSpec kFinding = Map(FindingSpec);

const MapSpec& CommittedActionSpec() {
  static constexpr KeySpec kKeys[] = {
      {"description",
       String(),
       kRequired,
       {},
       "What the organisation commits to do about the gap (French)."},
      {"owner",
       WithSchema(String(), kNullableString),
       kOptional,
       {},
       "Who carries it out: a person or a function."},
      {"status",
       Enum(ActionStatusNames),
       kOptional,
       {},
       "Where it stands: planned, in-progress or done."},
      {"due", Date(), kOptional, {}, "The date the organisation commits to."},
  };
  static constexpr MapSpec kSpec{
      "committedAction",
      "The action the organisation commits to for the criterion's gap, shown in the action plan.",
      kKeys};
  return kSpec;
}

const MapSpec& AssessmentSpec() {
  static constexpr KeySpec kKeys[] = {
      {"grade",
       kGradeCode,
       kOptional,
       {},
       "Grade code of the criterion's scale (PF, C, PP, PS, NCm, NCM, NA...)."},
      {"level",
       kLevelCode,
       kOptional,
       {},
       "Level code, for a criterion on a maturity scale (initial, engage, confirme...)."},
      {"findings",
       ListOf(&kFinding, 1),
       kOptional,
       {},
       "Several findings, each with its grade, text, evidence and site; instead of grade."},
      {"finding",
       WithSchema(String(), kNullableString),
       kOptional,
       {},
       "What was found (French); only with grade or level."},
      {"evidence",
       kNullableEvidenceRefs,
       kOptional,
       {},
       "Ids of evidence from the register; only with grade or level."},
      {"indicators",
       WithSchema(
           DictOf(&kNumberValue),
           R"({"type": ["object", "null"], "propertyNames": {"pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"}})"),
       kOptional,
       {},
       "Indicator id -> value, for the criterion's indicator checks."},
      {"sample",
       WithSchema(ListOf(&kSampleItem), R"({"type": ["array", "null"]})"),
       kOptional,
       {},
       "The sampled items and whether each passed, for the criterion's sample check."},
      {"na_justification",
       WithSchema(String(), kNullableString),
       kOptional,
       {},
       "Why the criterion is not applicable; required with a not-applicable grade (NA)."},
      {"override",
       WithSchema(String(), kNullableString),
       kOptional,
       {},
       "Why the grade stands although a check of the referential contradicts it."},
      {"action",
       Map(CommittedActionSpec),
       kOptional,
       {},
       "The organisation's action on the gap: description, owner, status, due."},
  };
  static constexpr MapSpec kSpec{
      "assessment", "The assessment of one criterion: exactly one of grade, level or findings.",
      kKeys,
      R"({"oneOf": [{"required": ["grade"]}, {"required": ["level"]}, {"required": ["findings"]}],
          "allOf": [{"not": {"required": ["findings", "finding"]}},
                    {"not": {"required": ["findings", "evidence"]}}]})"};
  return kSpec;
}

constexpr ValueSpec kAssessment = Map(AssessmentSpec);

const MapSpec& GroupSpec() {
  static constexpr KeySpec kKeys[] = {
      {"name", WithSchema(String(), kNotBlank), kRequired, {}, "The group's name, not blank."},
      {"siret",
       WithSchema(String(), kSiret),
       kOptional,
       {},
       "Optional SIRET: 14 digits, spaces allowed."},
      {"kind", Enum(OrgKindNames), kRequired, {}, "Kind of structure; usually GES."},
      {"region", WithSchema(String(), kNullableString), kOptional, {}, "Optional region."},
      {"management_system",
       WithSchema(String(), kNotBlank),
       kRequired,
       {},
       "The shared management system, in words."},
      {"members",
       ListOf(&kStringItem, 1),
       kRequired,
       {},
       "The members' dossiers, relative to the group dossier's folder; at least one."},
  };
  static constexpr MapSpec kSpec{"group", "The group: members sharing one management system.",
                                 kKeys};
  return kSpec;
}

}  // namespace

const MapSpec& DossierSpec() {
  static constexpr KeySpec kKeys[] = {
      {"format", WithSchema(Integer(), R"({"const": 1})"), kOptional, "1",
       "Format version; 1, the only one."},
      {"referential",
       Map(ReferentialRefSpec),
       kRequired,
       {},
       "The referential this dossier is assessed against, by id and version."},
      {"organisation", Map(OrganisationSpec), kRequired, {}, "The audited organisation."},
      {"audit",
       Map(AuditSpec),
       kRequired,
       {},
       "The audit itself: kind, dates, sites, team, decision maker."},
      {"evidence",
       WithSchema(ListOf(&kEvidence), R"({"type": ["array", "null"]})"),
       kOptional,
       {},
       "The evidence register. Assessments cite its entries by id."},
      {"plan", Map(PlanSpec), kOptional, {}, "What `sceau plan` needs beyond the organisation."},
      {"previous",
       Map(PreviousSpec),
       kOptional,
       {},
       "The previous audit of the cycle, by its sceau result (JSON). Not with `certificate`."},
      {"certificate",
       Map(CertificateSpec),
       kOptional,
       {},
       "Instead of `previous`: the current certificate, for a history that predates sceau."},
      {"follow_up",
       DictOf(&kFollowUp),
       kOptional,
       {},
       "What was done about each minor or major NC of the previous result, by criterion id."},
      {"assessments",
       WithSchema(DictOf(&kAssessment),
                  R"({"propertyNames": {"pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"}})"),
       kRequired,
       {},
       "Criterion id -> its assessment; every criterion that applies needs one."},
  };
  static constexpr MapSpec kSpec{"dossier", "An audit dossier.", kKeys};
  return kSpec;
}

const MapSpec& GroupDossierSpec() {
  static constexpr KeySpec kKeys[] = {
      {"format", WithSchema(Integer(), R"({"const": 1})"), kOptional, "1",
       "Format version; 1, the only one."},
      {"referential",
       Map(ReferentialRefSpec),
       kRequired,
       {},
       "The referential every member is assessed against."},
      {"group", Map(GroupSpec), kRequired, {}, "The group."},
      {"audit", Map(GroupAuditSpec), kRequired, {}, "The audit, shared by the members."},
      {"previous",
       Map(PreviousSpec),
       kOptional,
       {},
       "The group's previous result, a sceau-group-result. Not with `certificate`."},
      {"certificate",
       Map(CertificateSpec),
       kOptional,
       {},
       "Instead of `previous`: the group certificate, for a history that predates sceau."},
      // Read only to say that it belongs in each member's dossier: never valid here.
      {"follow_up", Custom("false"), kOptional, {}, {}},
  };
  static constexpr MapSpec kSpec{"groupDossier", "A group dossier.", kKeys};
  return kSpec;
}

SchemaInfo DossierSchemaInfo() {
  return {"sceau audit dossier",
          "A sceau audit dossier (format 1): the organisation, the audit, the evidence register "
          "and the assessment of every criterion, checked against one referential. Generated from "
          "sceau's description of the format; see audits/README.md."};
}

SchemaInfo GroupDossierSchemaInfo() {
  return {"sceau group dossier",
          "A sceau group dossier (format 1): the members' dossiers of a group certified together. "
          "Generated from sceau's description of the format; see audits/README.md, \"Group "
          "dossiers\"."};
}

}  // namespace sceau::format
