// Every bounded or enumerated key of the dossier and group dossier formats, taken from their
// descriptions (engine/dossier_spec.cc): a value just outside the bounds fails both the loader
// and the generated JSON Schema, a value on the bound passes both. Some keys cannot share one
// document (`certificate` and `previous` exclude each other, `follow_up` needs `previous` and its
// result file), so the cases are built from several shipped samples, each loaded under its own
// path so that the files it references resolve.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>

#include "engine/dossier_loader.h"
#include "engine/format_specs.h"
#include "engine/group.h"
#include "engine/referential_loader.h"
#include "tests/engine/bounds_util.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::SourcePath;

ReferentialResolver Shipped() {
  ReferentialLoad load = LoadReferentialFile(SourcePath("referentials/cedre-iso9001.yaml"));
  EXPECT_TRUE(load.ok()) << testing::Headlines(load.diagnostics);
  return FixedReferential(load.referential);
}

testing::BoundsBase Sample(const std::string& path) {
  return {path, SourcePath(path), testing::ReadFile(SourcePath(path))};
}

bool Has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(DossierBounds, LoaderAndSchemaAgreeOnEveryBoundedKey) {
  ReferentialResolver resolve = Shipped();
  testing::BoundsOptions options;
  options.spec = &format::DossierSpec();
  options.schema_info = format::DossierSchemaInfo();
  options.bases = {
      Sample("audits/story/2024-surveillance.yaml"),  // headcount, kinds, previous, follow_up
      Sample("audits/conditional.yaml"),              // certificate
      Sample("audits/multisite-ai-9-sites.yaml"),     // plan reductions
  };
  options.load = [&](const std::string& name, const std::string& text, std::string* diags) {
    DossierOptions dopts;
    dopts.base_dir = std::filesystem::path(name).parent_path().string();
    DossierLoad load = LoadDossierFromString(name, text, resolve, dopts);
    *diags = testing::Headlines(load.diagnostics);
    return load.ok();
  };
  options.min_cases = 10;
  std::vector<std::string> covered = testing::CheckBounds(options);
  for (const char* id :
       {"headcount.permanent", "headcount.pathway", "organisation.kind", "audit.kind",
        "reduction.percent", "certificate.surveillances_done", "followUp.status"}) {
    EXPECT_TRUE(Has(covered, id)) << id;
  }
}

TEST(GroupBounds, LoaderAndSchemaAgreeOnEveryBoundedKey) {
  ReferentialResolver resolve = Shipped();
  testing::BoundsOptions options;
  options.spec = &format::GroupDossierSpec();
  options.schema_info = format::GroupDossierSchemaInfo();
  testing::BoundsBase group = Sample("audits/groups/ges-sentiers-et-berges.yaml");
  // The same group at a renewal, with the certificate of its previous cycle (`certificate`
  // excludes `previous`, which the sample does not have).
  testing::BoundsBase renewal = group;
  renewal.label += " (renewal with a certificate)";
  size_t kind = renewal.text.find("  kind: initial\n");
  ASSERT_NE(kind, std::string::npos);
  renewal.text.replace(kind, 15, "  kind: renewal");
  renewal.text +=
      "certificate:\n  decision_date: 2023-03-20\n  surveillances_done: 2\n"
      "  last_audit: 2025-03-11\n";
  options.bases = {group, renewal};
  options.load = [&](const std::string& name, const std::string& text, std::string* diags) {
    GroupLoad load = LoadGroupFromString(name, text, resolve);
    *diags = testing::Headlines(load.diagnostics);
    return load.ok();
  };
  options.min_cases = 4;
  std::vector<std::string> covered = testing::CheckBounds(options);
  EXPECT_EQ(covered, (std::vector<std::string>{"certificate.surveillances_done", "group.kind",
                                               "groupAudit.kind"}));
}

}  // namespace
}  // namespace sceau
