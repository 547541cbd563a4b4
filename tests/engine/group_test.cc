// Tests of group certification (engine/group.h): the group rule as a pure function, the GES
// sample with three members of which one is refused (worked out by hand), and a table of broken
// group dossiers, each with the exact diagnostic an auditor reads.
#include "engine/group.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/referential_loader.h"
#include "engine/sha256.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::Edit;
using testing::Headlines;
using testing::ReadFile;
using testing::RenderAll;
using testing::SourcePath;
using testing::TempDir;
using Ids = std::vector<std::string>;

TEST(GroupRule, GrantedOnlyIfEveryMemberIs) {
  using D = Decision;
  struct Case {
    std::vector<MemberOutcome> members;
    Decision decision;
    Ids caused_by;
  };
  const std::vector<Case> cases = {
      {{{"a", D::kGranted}, {"b", D::kGranted}, {"c", D::kGranted}}, D::kGranted, {}},
      {{{"a", D::kGranted}, {"b", D::kConditional}, {"c", D::kGranted}}, D::kConditional, {}},
      {{{"a", D::kConditional}, {"b", D::kConditional}}, D::kConditional, {}},
      {{{"a", D::kGranted}, {"b", D::kRefused}, {"c", D::kConditional}}, D::kRefused, {"b"}},
      {{{"a", D::kRefused}, {"b", D::kGranted}, {"c", D::kRefused}}, D::kRefused, {"a", "c"}},
      // A member with no certification decision is not certified either.
      {{{"a", D::kGranted}, {"b", D::kNone}}, D::kRefused, {"b"}},
      {{{"a", D::kGranted}}, D::kGranted, {}},
      // An empty group certifies nothing.
      {{}, D::kRefused, {}},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(i);
    GroupDecision g = DecideGroup(cases[i].members);
    EXPECT_EQ(g.decision, cases[i].decision);
    EXPECT_EQ(g.caused_by, cases[i].caused_by);
  }
}

ReferentialResolver Shipped() {
  auto refs = std::make_shared<std::map<std::string, std::shared_ptr<const Referential>>>();
  for (const char* file :
       {"referentials/cedre-iso9001.yaml", "tests/data/referentials/minimal.yaml"}) {
    ReferentialLoad load = LoadReferentialFile(SourcePath(file));
    EXPECT_TRUE(load.ok()) << RenderAll(load.diagnostics);
    if (load.ok())
      (*refs)[load.referential->id + " " + load.referential->version] = load.referential;
  }
  return [refs](const std::string& id, const std::string& version,
                std::string* error) -> std::shared_ptr<const Referential> {
    auto it = refs->find(id + " " + version);
    if (it != refs->end()) return it->second;
    *error = "no referential '" + id + "' version '" + version + "'";
    return nullptr;
  };
}

TEST(GroupSample, GesWithOneMemberRefused) {
  // audits/groups/ges-sentiers-et-berges.yaml: three members, each the `granted` sample's grades
  // with one change. cedre-iso9001, one site each: 52 criteria apply, C-7.1.5 NA, 51 scored, total
  // effective weight 103; the granted sample's deficits add up to 195 (PP 70, PS 125).
  GroupLoad g = LoadGroupFile(SourcePath("audits/groups/ges-sentiers-et-berges.yaml"), Shipped());
  ASSERT_TRUE(g.ok()) << RenderAll(g.diagnostics);
  EXPECT_TRUE(g.diagnostics.empty()) << RenderAll(g.diagnostics);
  EXPECT_EQ(g.errors(), 0);
  EXPECT_EQ(g.warnings(), 0);
  EXPECT_EQ(g.group->name, "GES Sentiers et Berges du Pays d'Olbène");
  EXPECT_EQ(g.group->kind, OrgKind::kGes);
  EXPECT_EQ(g.group->audit.id, "AUD-2026-031");
  ASSERT_EQ(g.members.size(), 3u);
  // The ACI: the granted sample as is: 100 - 195 / 103 = 98.11, granted.
  const AuditResult& aci = g.members[0].evaluation.result;
  EXPECT_NEAR(aci.score, 100 - 195.0 / 103, 1e-9);
  EXPECT_EQ(aci.decision, Decision::kGranted);
  EXPECT_EQ(g.members[0].load.dossier->organisation.siret, "81234567800013");
  // The EI: C-7.1.4 (weight 1) C -> NCM adds 100: 100 - 295 / 103 = 97.14, refused on the major.
  const AuditResult& ei = g.members[1].evaluation.result;
  EXPECT_NEAR(ei.score, 100 - 295.0 / 103, 1e-9);
  EXPECT_EQ(ei.decision, Decision::kRefused);
  EXPECT_EQ(g.members[1].load.referential->policy.outcomes[static_cast<size_t>(ei.outcome)].id,
            "refused-major");
  // The ETTI: C-IAE.5.1 (ACI, EI; PF, effective weight 2 x 2) does not apply; C-IAE.5.2 (AI, ETTI,
  // effective weight 4) is NCm, 60 short: 195 + 240 = 435 over the same 103: 95.78, conditional.
  const AuditResult& etti = g.members[2].evaluation.result;
  EXPECT_NEAR(etti.score, 100 - 435.0 / 103, 1e-9);
  EXPECT_EQ(etti.decision, Decision::kConditional);
  // The group: refused, because of the EI.
  std::vector<MemberOutcome> outcomes;
  for (const GroupMember& m : g.members) {
    outcomes.push_back(
        {m.path.substr(m.path.rfind('/') + 1, m.path.rfind('.') - m.path.rfind('/') - 1),
         m.evaluation.result.decision});
  }
  GroupDecision d = DecideGroup(outcomes);
  EXPECT_EQ(d.decision, Decision::kRefused);
  EXPECT_EQ(d.caused_by, (Ids{"ei-berges-services"}));
}

// A group of members copied from tests/data/dossiers/ok.yaml (exemple-minimal, an ACI), each with
// its own SIRET, in a temporary folder.
class BrokenGroups : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string ok = ReadFile(SourcePath("tests/data/dossiers/ok.yaml"));
    auto member = [&](const std::string& siret) {
      return Edit(ok, "  name: Atelier Essai\n",
                  "  name: Atelier Essai\n  siret: \"" + siret + "\"\n");
    };
    dir_.Write("a.yaml", member("81234567800013"));
    dir_.Write("b.yaml", member("82345678900010"));
    dir_.Write("c.yaml", member("83456789000019"));
    dir_.Write("same-as-a.yaml", member("81234567800013"));
    dir_.Write("no-siret.yaml", ok);
    dir_.Write("cedre.yaml", Edit(ok, "referential: {id: exemple-minimal, version: \"2026.1\"}",
                                  "referential: {id: cedre-iso9001, version: \"2026.1\"}"));
  }
  // Loads the group kBase with one edit; returns the group file's diagnostics.
  GroupLoad Load(const std::string& from, const std::string& to) {
    std::string path = dir_.Write("g.yaml", Edit(kBase, from, to));
    return LoadGroupFile(path, Shipped());
  }
  // Lines of kBase: 1 format, 2 referential, 3 group, ... 9 members: [a.yaml, b.yaml, c.yaml],
  // 10 audit, ... 17 decision_maker.
  static constexpr const char* kBase =
      "format: 1\n"
      "referential: {id: exemple-minimal, version: \"2026.1\"}\n"
      "group:\n"
      "  name: GES Essai\n"
      "  kind: GES\n"
      "  region: Occitanie\n"
      "  management_system: Manuel qualité commun\n"
      "  # the members\n"
      "  members: [a.yaml, b.yaml, c.yaml]\n"
      "audit:\n"
      "  id: G-1\n"
      "  kind: initial\n"
      "  start: 2026-10-12\n"
      "  end: 2026-10-12\n"
      "  lead_auditor: Claire Martin\n"
      "  auditors: [Paul Durand]\n"
      "  decision_maker: Sophie Bernard\n";
  TempDir dir_;
};

TEST_F(BrokenGroups, TheBaseIsValid) {
  GroupLoad g = Load("GES Essai", "GES Essai");
  ASSERT_TRUE(g.ok()) << RenderAll(g.diagnostics);
  EXPECT_EQ(g.members.size(), 3u);
  EXPECT_EQ(g.members[1].file, "b.yaml");
}

TEST_F(BrokenGroups, EachMistakeAtItsLine) {
  struct Case {
    std::string from, to, expected;  // expected: headlines, with "G" for the group file's path
  };
  const std::vector<Case> cases = {
      {"  members: [a.yaml, b.yaml, c.yaml]", "  members: [a.yaml, b.yaml, d.yaml]",
       "G:9:29: error: member dossier 'd.yaml' does not exist (looked for D/d.yaml) "
       "[missing-file]"},
      {"  members: [a.yaml, b.yaml, c.yaml]", "  members: [a.yaml, b.yaml, a.yaml]",
       "G:9:29: error: member dossier 'a.yaml' is listed twice [duplicate-entry]"},
      {"  members: [a.yaml, b.yaml, c.yaml]", "  members: [a.yaml, b.yaml, ./a.yaml]",
       "G:9:29: error: member dossier './a.yaml' is listed twice [duplicate-entry]"},
      {"  members: [a.yaml, b.yaml, c.yaml]", "  members: [a.yaml, same-as-a.yaml, c.yaml]",
       "G:9:21: error: member dossier 'same-as-a.yaml' has the SIRET 81234567800013 of member "
       "'a.yaml': each member is a distinct legal entity [duplicate-siret]"},
      {"  members: [a.yaml, b.yaml, c.yaml]", "  members: [a.yaml, no-siret.yaml]",
       "G:9:21: error: member dossier 'no-siret.yaml' gives no SIRET: each member of a GES is a "
       "legal entity with its own SIRET [missing-siret]"},
      {"  members: [a.yaml, b.yaml, c.yaml]", "  members: [a.yaml, cedre.yaml]",
       "G:9:21: error: member dossier 'cedre.yaml' is assessed against cedre-iso9001 2026.1, but "
       "the group against exemple-minimal 2026.1: the members of a group share one referential "
       "[referential-mismatch]"},
      {"  members: [a.yaml, b.yaml, c.yaml]", "  members: [a.yaml, g.yaml]",
       "G:9:21: error: member dossier 'g.yaml' is itself a group dossier: a group lists the "
       "dossiers of its members [bad-value]"},
      {"  members: [a.yaml, b.yaml, c.yaml]", "  members: [/tmp/a.yaml]",
       "G:9:13: error: member dossier '/tmp/a.yaml' must be a path relative to the group dossier's "
       "folder [bad-path]"},
      {"  members: [a.yaml, b.yaml, c.yaml]", "  members: []",
       "G:9:12: error: 'members' lists no member dossier [missing-key]"},
      {"  management_system: Manuel qualité commun\n", "",
       "G:4:3: error: 'group' has no 'management_system', which is required [missing-key]"},
      {"  region: Occitanie", "  regoin: Occitanie",
       "G:6:3: error: unknown key 'regoin' in 'group' (did you mean 'region'?) [unknown-key]"},
      {"  kind: initial", "  kind: self-assessment",
       "G:12:9: error: the audit kind must be initial, surveillance or renewal, not "
       "'self-assessment' [bad-value]"},
      {"  decision_maker: Sophie Bernard", "  decision_maker: Paul Durand",
       "G:17:19: error: the decision maker 'Paul Durand' is on the audit team: the decision must "
       "be "
       "taken by someone who did not audit (ISO/IEC 17021-1) [decision-maker-on-team]"},
      {"  end: 2026-10-12", "  end: 2026-10-11",
       "G:14:8: error: the audit ends (2026-10-11) before it starts (2026-10-12) [bad-dates]"},
      {"  start: 2026-10-12\n  end: 2026-10-12", "  start: 9998-03-02\n  end: 9998-03-02",
       "G:14:8: error: an audit decided on 9998-03-02 leads to dates past 9999-12-31, the last "
       "date sceau handles (36 months of validity, then up to 6 months of suspension or "
       "restoration) [bad-dates]"},
      {"version: \"2026.1\"}", "version: \"2025.1\"}",
       "G:2:14: error: no referential 'exemple-minimal' version '2025.1' [unknown-referential]"},
      {"group:\n", "organisation:\n",
       "G:1:1: error: the group dossier has no 'group', which is required [missing-key]\n"
       "G:3:1: error: unknown key 'organisation' in the group dossier [unknown-key]"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    GroupLoad g = Load(c.from, c.to);
    EXPECT_FALSE(g.ok());
    std::string expected = c.expected;
    for (size_t at; (at = expected.find("G:")) != std::string::npos;) {
      expected.replace(at, 1, dir_.path() + "/g.yaml");
    }
    for (size_t at; (at = expected.find("D/")) != std::string::npos;)
      expected.replace(at, 1, dir_.path());
    EXPECT_EQ(Headlines(g.diagnostics), expected);
  }
}

TEST_F(BrokenGroups, AMemberWithErrorsFailsTheGroup) {
  dir_.Write("c.yaml", Edit(ReadFile(dir_.path() + "/c.yaml"), "kind: ACI", "kind: ACX"));
  GroupLoad g = Load("GES Essai", "GES Essai");
  EXPECT_FALSE(g.ok());
  EXPECT_TRUE(g.diagnostics.empty()) << RenderAll(g.diagnostics);  // the group file is fine
  ASSERT_EQ(g.members.size(), 3u);
  EXPECT_FALSE(g.members[2].load.ok());
  EXPECT_EQ(g.errors(), 1);
}

// The group's `previous` and `certificate` keys, read as a member dossier's. The group result
// tests/data/groups/ges-cycle-2026-initial.json (exemple-minimal, "GES Les Rives", granted on
// 2026-04-02, expiry 2029-04-01) is copied beside kBase, renamed "GES Essai" as prev.json.
class GroupCycleKeys : public BrokenGroups {
 protected:
  void SetUp() override {
    BrokenGroups::SetUp();
    std::string rives = ReadFile(SourcePath("tests/data/groups/ges-cycle-2026-initial.json"));
    std::string prev = Edit(rives, "\"name\": \"GES Les Rives\"", "\"name\": \"GES Essai\"");
    dir_.Write("prev.json", prev);
    dir_.Write("rives.json", rives);
    dir_.Write("refused.json", Edit(prev, "\"state\": \"granted\"", "\"state\": \"refused\""));
    dir_.Write("cedre.json", Edit(ReadFile(SourcePath("tests/data/results/group-granted.json")),
                                  "\"name\": \"GES Sentiers et Berges du Pays d'Olbène\"",
                                  "\"name\": \"GES Essai\""));
    dir_.Write("member.json", ReadFile(SourcePath("audits/story/2023-initial.json")));
    dir_.Write("notes.txt", "not json\n");
    dir_.Write("later.json", Edit(prev, "\"decision_date\": \"2026-04-02\"",
                                  "\"decision_date\": \"2026-11-02\""));
  }
  // kBase with the audit kind `kind` (line 12) and `extra` appended from line 18.
  GroupLoad LoadWith(const std::string& kind, const std::string& extra) {
    std::string text = Edit(kBase, "  kind: initial\n", "  kind: " + kind + "\n") + extra;
    return LoadGroupFile(dir_.Write("g.yaml", text), Shipped());
  }
  // The group file's diagnostics but the members' audit kind (kBase's members are initial audits:
  // `audit-mismatch` warnings for a group surveillance).
  static std::string Own(const GroupLoad& g) {
    std::vector<Diagnostic> own;
    for (const Diagnostic& d : g.diagnostics) {
      if (d.code != "audit-mismatch") own.push_back(d);
    }
    return Headlines(own);
  }
  std::string Expand(std::string expected) {
    for (size_t at; (at = expected.find("G:")) != std::string::npos;) {
      expected.replace(at, 1, dir_.path() + "/g.yaml");
    }
    return expected;
  }
};

TEST_F(GroupCycleKeys, AValidPreviousSetsThePriorCycle) {
  GroupLoad g = LoadWith("surveillance", "previous: {result: prev.json}\n");
  ASSERT_TRUE(g.ok()) << RenderAll(g.diagnostics);
  EXPECT_EQ(Own(g), "");
  ASSERT_TRUE(g.group->previous.has_value());
  EXPECT_TRUE(g.group->previous->group);
  EXPECT_EQ(g.group->previous->organisation_name, "GES Essai");
  EXPECT_EQ(g.group->previous->audit_id, "GC-2026");
  ASSERT_TRUE(g.group->prior.has_value());
  EXPECT_EQ(g.group->prior->state, "granted");
  EXPECT_EQ(g.group->prior->cycle_start->ToString(), "2026-04-02");
  EXPECT_EQ(g.group->prior->expiry->ToString(), "2029-04-01");
  EXPECT_EQ(g.group->prior->last_audit_end.ToString(), "2026-03-12");
}

TEST_F(GroupCycleKeys, ACertificateSetsThePriorCycle) {
  // Decided 2025-11-03, one surveillance done on 2026-09-30 (hence maintained since then):
  // expiry 2025-11-03 + 36 months - 1 day = 2028-11-02.
  GroupLoad g = LoadWith("surveillance",
                         "certificate: {decision_date: 2025-11-03, surveillances_done: 1, "
                         "last_audit: 2026-09-30}\n");
  ASSERT_TRUE(g.ok()) << RenderAll(g.diagnostics);
  EXPECT_FALSE(g.group->previous.has_value());
  ASSERT_TRUE(g.group->prior.has_value());
  EXPECT_EQ(g.group->prior->state, "maintained");
  EXPECT_EQ(g.group->prior->state_date.ToString(), "2026-09-30");
  EXPECT_EQ(g.group->prior->expiry->ToString(), "2028-11-02");
  EXPECT_EQ(g.group->prior->surveillances_done, 1);
}

TEST_F(GroupCycleKeys, ASurveillanceWithoutHistoryIsWarned) {
  GroupLoad g = LoadWith("surveillance", "");
  ASSERT_TRUE(g.ok()) << RenderAll(g.diagnostics);
  EXPECT_EQ(Own(g),
            Expand("G:12:9: warning: a surveillance audit follows an earlier audit: give "
                   "'previous' (its sceau result) or 'certificate' (the certificate's dates) so "
                   "that the cycle can be checked [no-previous]"));
}

TEST_F(GroupCycleKeys, EachMistakeAtItsKey) {
  struct Case {
    std::string kind, extra, expected;  // expected: headlines, "G" for the group file's path
  };
  const std::string zeros(64, '0');
  const std::vector<Case> cases = {
      {"surveillance", "previous: {result: none.json}\n",
       "G:18:20: error: the previous result 'none.json' is not in the group dossier's folder "
       "[missing-file]"},
      {"surveillance", "previous: {result: /tmp/prev.json}\n",
       "G:18:20: error: the file of 'previous' must be relative to the dossier's folder, not an "
       "absolute path [bad-path]"},
      {"surveillance", "previous: {reslt: prev.json}\n",
       "G:18:11: error: 'previous' has no 'result', which is required [missing-key]\n"
       "G:18:12: error: unknown key 'reslt' in 'previous' (did you mean 'result'?) "
       "[unknown-key]"},
      {"surveillance", "previous: {result: notes.txt}\n",
       "G:18:20: error: the previous result 'notes.txt' cannot be used: not a JSON file: parse "
       "error at line 1, column 2: syntax error while parsing value - invalid literal; last "
       "read: 'no' [not-a-result]"},
      {"surveillance", "previous: {result: member.json}\n",
       "G:18:20: error: the previous result 'member.json' cannot be used: not a "
       "sceau-group-result (its \"format\" is not \"sceau-group-result\"): it is a sceau-result "
       "(one organisation's audit), and a group dossier's 'previous' is the group's previous "
       "result [not-a-result]"},
      {"surveillance", "previous: {result: cedre.json}\n",
       "G:18:20: error: the previous result 'cedre.json' is an audit against referential "
       "'cedre-iso9001', not 'exemple-minimal' [referential-mismatch]"},
      {"surveillance", "previous: {result: rives.json}\n",
       "G:18:20: error: the previous result 'rives.json' is about 'GES Les Rives', not 'GES "
       "Essai': it is another group's audit [group-mismatch]"},
      {"surveillance", "previous: {result: prev.json, sha256: " + zeros + "}\n",
       "G:18:39: error: the previous result 'prev.json' has SHA-256 " +
           Sha256Hex(ReadFile(dir_.path() + "/prev.json")) +
           ", not the one declared: the file changed [hash-mismatch]"},
      {"surveillance", "previous: {result: prev.json, sha256: abc}\n",
       "G:18:39: error: the sha256 of 'previous' must be 64 hexadecimal digits [bad-value]"},
      {"surveillance", "previous: {result: later.json}\n",
       "G:18:20: error: the previous audit 'GC-2026' was decided on 2026-11-02, after this audit "
       "started (2026-10-12) [bad-dates]"},
      {"surveillance", "previous: {result: refused.json}\n",
       "G:18:1: error: the previous audit left the certificate refused: the next audit is an "
       "initial audit, not a surveillance [wrong-audit-kind]"},
      {"surveillance", "previous: {result: prev.json}\ncertificate: {decision_date: 2025-11-03}\n",
       "G:19:1: error: give either 'previous' (the group's previous sceau group result) or "
       "'certificate' (the group certificate's dates, for a history that predates sceau), not "
       "both [bad-value]"},
      {"surveillance", "certificate: {decision_date: 2026-11-03}\n",
       "G:18:30: error: 'decision_date' of 'certificate' (2026-11-03) comes after this audit "
       "starts (2026-10-12) [bad-dates]"},
      {"surveillance", "certificate: {decision_date: 2025-11-03, surveillances_done: 3}\n",
       "G:18:62: error: 'surveillances_done' of 'certificate' must be between 0 and 2 (the "
       "surveillances of one cycle), not 3 [bad-value]"},
      {"surveillance", "certificate: {decision_date: 2025-11-03, suspended: 2026-05-01}\n",
       "G:18:42: error: unknown key 'suspended' in 'certificate' [unknown-key]"},
      // Decided 2022-01-10: expired on 2025-01-09, before this audit.
      {"surveillance", "certificate: {decision_date: 2022-01-10}\n",
       "G:18:1: error: the certificate expired on 2025-01-09, before this audit: a surveillance "
       "cannot extend it; audit a renewal (or an initial audit) [wrong-audit-kind]"},
      {"initial", "certificate: {decision_date: 2025-11-03}\n",
       "G:18:1: error: the certificate is granted (expiry 2028-11-02): this audit is a "
       "surveillance or a renewal, not an initial audit [wrong-audit-kind]"},
      {"surveillance", "previous: {result: prev.json}\nfollow_up: {C-1.1: {status: closed}}\n",
       "G:19:1: error: 'follow_up' belongs in each member's dossier, with that member's "
       "'previous': a group dossier follows up no finding of its own [bad-value]"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.extra);
    GroupLoad g = LoadWith(c.kind, c.extra);
    EXPECT_FALSE(g.ok());
    EXPECT_EQ(Own(g), Expand(c.expected));
  }
}

// Members are read inside the group dossier's folder only: '../' and a symbolic link that leads
// out are refused before anything is read, so no line of the file they name (here a stand-in for
// /etc/shadow) can reach a diagnostic.
TEST_F(BrokenGroups, MembersStayInsideTheGroupsFolder) {
  TempDir outside;
  std::string shadow = outside.Write("shadow", "root:$6$not-for-your-eyes:19000:0:99999:7:::\n");
  std::filesystem::create_symlink(shadow, dir_.path() + "/link.yaml");
  GroupLoad g =
      Load("  members: [a.yaml, b.yaml, c.yaml]", "  members: [a.yaml, ../x.yaml, link.yaml]");
  EXPECT_FALSE(g.ok());
  const std::string G = dir_.path() + "/g.yaml";
  EXPECT_EQ(Headlines(g.diagnostics),
            G +
                ":9:21: error: member dossier '../x.yaml' leaves the group dossier's folder "
                "[bad-path]\n" +
                G +
                ":9:32: error: member dossier 'link.yaml' leaves the group dossier's folder "
                "[bad-path]");
  EXPECT_EQ(RenderAll(g.diagnostics).find("root:"), std::string::npos);
  EXPECT_EQ(g.members.size(), 1u);
}

// A member that is a named pipe is refused at once (nothing ever writes to it).
TEST_F(BrokenGroups, AMemberThatIsANamedPipeIsRefusedAtOnce) {
  ASSERT_EQ(::mkfifo((dir_.path() + "/pipe.yaml").c_str(), 0600), 0);
  GroupLoad g =
      Load("  members: [a.yaml, b.yaml, c.yaml]", "  members: [a.yaml, b.yaml, pipe.yaml]");
  EXPECT_EQ(Headlines(g.diagnostics), dir_.path() +
                                          "/g.yaml:9:29: error: member dossier 'pipe.yaml' is a "
                                          "named pipe, not a file [bad-path]");
}

// A previous result that is a symbolic link to a file outside the folder is not read, though it
// is a valid result of this very group.
TEST_F(GroupCycleKeys, APreviousResultLinkedFromOutsideIsNotRead) {
  TempDir outside;
  std::string prev = outside.Write("prev.json", ReadFile(dir_.path() + "/prev.json"));
  std::filesystem::create_symlink(prev, dir_.path() + "/linked.json");
  GroupLoad g = LoadWith("surveillance", "previous: {result: linked.json}\n");
  EXPECT_FALSE(g.ok());
  EXPECT_EQ(Own(g), Expand("G:18:20: error: the previous result 'linked.json' leaves the group "
                           "dossier's folder [bad-path]"));
  // The same file inside the folder is used.
  EXPECT_TRUE(LoadWith("surveillance", "previous: {result: prev.json}\n").ok());
}

TEST(GroupFile, IsRecognisedByItsGroupKey) {
  EXPECT_TRUE(IsGroupDossierFile(SourcePath("audits/groups/ges-sentiers-et-berges.yaml")));
  EXPECT_FALSE(IsGroupDossierFile(SourcePath("audits/granted.yaml")));
  EXPECT_FALSE(IsGroupDossierFile(SourcePath("audits/no-such-file.yaml")));
  EXPECT_FALSE(IsGroupDossierFile(SourcePath("README.md")));
  TempDir dir;
  EXPECT_TRUE(
      IsGroupDossierFile(dir.Write("flow.yaml", "# a group\n{group: {name: G}, audit: {}}\n")));
  EXPECT_TRUE(IsGroupDossierFile(dir.Write("quoted.yaml", "\xEF\xBB\xBF\"group\" :\n  name: G\n")));
  // `group` as a nested key, a comment or a value is not a group dossier.
  EXPECT_FALSE(IsGroupDossierFile(
      dir.Write("nested.yaml", "organisation:\n  group: x\n# group: y\nname: group\n")));
  EXPECT_FALSE(IsGroupDossierFile(dir.Write("groups.yaml", "groups: [a]\n")));
  // A line that looks like one inside a quoted scalar: the parse says no.
  EXPECT_FALSE(IsGroupDossierFile(dir.Write("scalar.yaml", "note: \"a\ngroup: b\"\n")));
}

// The group's decision maker must not have audited any member: compared with each member's lead
// auditor and auditors by normalised identity.
TEST_F(BrokenGroups, TheDecisionMakerMustNotHaveAuditedAMember) {
  std::string ok = ReadFile(SourcePath("tests/data/dossiers/ok.yaml"));
  dir_.Write("d.yaml", Edit(Edit(ok, "  name: Atelier Essai\n",
                                 "  name: Atelier Essai\n  siret: \"84567890100015\"\n"),
                            "  lead_auditor: Claire Martin\n",
                            "  lead_auditor: Claire Martin\n  auditors: [Hélène Roux]\n"));
  std::string text =
      Edit(Edit(kBase, "  members: [a.yaml, b.yaml, c.yaml]", "  members: [a.yaml, d.yaml]"),
           "  decision_maker: Sophie Bernard", "  decision_maker: HELENE  roux");
  GroupLoad g = LoadGroupFile(dir_.Write("g.yaml", text), Shipped());
  EXPECT_FALSE(g.ok());
  EXPECT_EQ(Headlines(g.diagnostics),
            dir_.path() +
                "/g.yaml:9:21: error: the group's decision maker 'HELENE  roux' audited "
                "member dossier 'd.yaml' (as an auditor): the decision must be taken by "
                "someone who did not audit (ISO/IEC 17021-1) [decision-maker-on-team]");
  // Someone else decides: no error.
  text = Edit(text, "  decision_maker: HELENE  roux", "  decision_maker: Hélène Rousse");
  EXPECT_TRUE(LoadGroupFile(dir_.Write("g.yaml", text), Shipped()).ok());
}

// With identifiers on both sides, the identifiers decide: the group's decision maker is caught
// under another spelling of a member's auditor's name, and a homonym with another identifier
// passes.
TEST_F(BrokenGroups, TheDecisionMakerIsComparedByIdentifier) {
  std::string ok = ReadFile(SourcePath("tests/data/dossiers/ok.yaml"));
  dir_.Write("d.yaml", Edit(Edit(ok, "  name: Atelier Essai\n",
                                 "  name: Atelier Essai\n  siret: \"84567890100015\"\n"),
                            "  lead_auditor: Claire Martin\n",
                            "  lead_auditor: Claire Martin\n  lead_auditor_id: QA-0412\n"
                            "  auditors: [Hélène Roux]\n  auditor_ids: [QA-0977]\n"));
  std::string base =
      Edit(kBase, "  members: [a.yaml, b.yaml, c.yaml]", "  members: [a.yaml, d.yaml]");
  auto load = [&](const std::string& decision_maker) {
    return LoadGroupFile(
        dir_.Write("g.yaml", Edit(base, "  decision_maker: Sophie Bernard", decision_maker)),
        Shipped());
  };
  std::string g = dir_.path() + "/g.yaml";
  // A member's auditor.
  GroupLoad by_auditor = load("  decision_maker: H. Roux\n  decision_maker_id: \" qa-0977\"");
  EXPECT_FALSE(by_auditor.ok());
  EXPECT_EQ(Headlines(by_auditor.diagnostics),
            g + ":9:21: error: the group's decision maker 'H. Roux' audited member dossier "
                "'d.yaml' (as an auditor 'Hélène Roux', identifier 'QA-0977'): the decision "
                "must be taken by someone who did not audit (ISO/IEC 17021-1) "
                "[decision-maker-on-team]");
  // A member's lead auditor.
  GroupLoad by_lead = load("  decision_maker: C. Martin-Roux\n  decision_maker_id: qa-0412");
  EXPECT_FALSE(by_lead.ok());
  EXPECT_EQ(Headlines(by_lead.diagnostics),
            g + ":9:21: error: the group's decision maker 'C. Martin-Roux' audited member "
                "dossier 'd.yaml' (as lead auditor 'Claire Martin', identifier 'QA-0412'): the "
                "decision must be taken by someone who did not audit (ISO/IEC 17021-1) "
                "[decision-maker-on-team]");
  // A homonym of d's auditor with another identifier: another person.
  GroupLoad homonym = load("  decision_maker: Hélène Roux\n  decision_maker_id: QA-0500");
  EXPECT_EQ(Headlines(homonym.diagnostics), "");
  EXPECT_TRUE(homonym.ok());
  // Without an identifier, the names decide.
  GroupLoad by_name = load("  decision_maker: Hélène Roux");
  EXPECT_EQ(Headlines(by_name.diagnostics),
            g + ":9:21: error: the group's decision maker 'Hélène Roux' audited member dossier "
                "'d.yaml' (as an auditor): the decision must be taken by someone who did not "
                "audit (ISO/IEC 17021-1) [decision-maker-on-team]");
}

// The group's own audit team is compared by identifier too, and its auditor_ids are checked.
TEST_F(BrokenGroups, TheGroupsOwnTeamIsComparedByIdentifier) {
  std::string text = Edit(kBase, "  auditors: [Paul Durand]\n  decision_maker: Sophie Bernard",
                          "  auditors: [Paul Durand]\n  auditor_ids: [QA-0300]\n"
                          "  decision_maker: P. Durand\n  decision_maker_id: QA-0300");
  GroupLoad g = LoadGroupFile(dir_.Write("g.yaml", text), Shipped());
  EXPECT_FALSE(g.ok());
  EXPECT_EQ(Headlines(g.diagnostics),
            dir_.path() +
                "/g.yaml:18:19: error: the decision maker 'P. Durand' (identifier 'QA-0300') is "
                "the auditor 'Paul Durand' (identifier 'QA-0300'): the decision must be taken by "
                "someone who did not audit (ISO/IEC 17021-1) [decision-maker-on-team]");
  text = Edit(text, "[QA-0300]", "[QA-0300, QA-0301]");
  g = LoadGroupFile(dir_.Write("g.yaml", text), Shipped());
  EXPECT_EQ(Headlines(g.diagnostics),
            dir_.path() +
                "/g.yaml:17:16: error: 'auditor_ids' and 'auditors' differ in length (2 and 1): "
                "give one identifier per auditor, in the same order [bad-value]");
}

}  // namespace
}  // namespace sceau
