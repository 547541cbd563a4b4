// Every input a fuzzer found a problem with, kept in tests/data/fuzz/<target>-<name>.<ext>, goes
// back through the same code as its fuzz target. Run under ASan and UBSan by CI, so a fixed crash
// or undefined behaviour cannot come back unnoticed.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/criteria_graph.h"
#include "engine/dossier_loader.h"
#include "engine/evaluator.h"
#include "engine/group.h"
#include "engine/previous_result.h"
#include "engine/referential_loader.h"
#include "register/register.h"
#include "reports/csv_writer.h"
#include "reports/json_writer.h"
#include "reports/pdf_writer.h"
#include "reports/report_model.h"
#include "reports/summary.h"
#include "tests/test_util.h"

namespace sceau {
namespace {

using testing::ReadFile;
using testing::SourcePath;

void Replay(const std::string& target, const std::string& input) {
  if (target == "referential_fuzz") {
    ReferentialLoad load = LoadReferentialFromString("fuzz.yaml", input);
    if (load.ok()) {
      CriteriaGraph graph(*load.referential);
      if (graph.acyclic()) graph.TopologicalOrder();
      graph.ToDot();
      graph.ToJson();
    }
    return;
  }
  if (target == "dossier_fuzz" || target == "evaluator_fuzz") {
    static std::shared_ptr<const Referential> ref =
        LoadReferentialFile(SourcePath("referentials/cedre-iso9001.yaml")).referential;
    ASSERT_NE(ref, nullptr);
    DossierLoad load = LoadDossierFromString("fuzz.yaml", input, FixedReferential(ref));
    if (load.ok() && target == "evaluator_fuzz") {
      Evaluation e = Evaluate(*ref, *load.dossier);
      ResultToJson(*ref, *load.dossier, e.result);
      ActionsToCsv(*ref, *load.dossier, e.result);
    }
    return;
  }
  if (target == "pdf_fuzz") {
    report::Model model;
    std::string error;
    if (report::ReadModel(input, &model, &error)) {
      PdfOutput out;
      EXPECT_TRUE(RenderPdf(model, {}, &out, &error)) << error;
      EXPECT_EQ(out.bytes.substr(0, 5), "%PDF-");
    }
    return;
  }
  if (target == "previous_result_fuzz") {
    static std::shared_ptr<const Referential> ref =
        LoadReferentialFile(SourcePath("referentials/cedre-iso9001.yaml")).referential;
    ASSERT_NE(ref, nullptr);
    for (ResultFormat format : {ResultFormat::kMember, ResultFormat::kGroup}) {
      PreviousResult result;
      std::string error;
      if (!ParsePreviousResult(input, ref->policy, &result, &error, format)) {
        EXPECT_FALSE(error.empty());
      }
    }
    return;
  }
  if (target == "group_fuzz") {
    static std::shared_ptr<const Referential> ref =
        LoadReferentialFile(SourcePath("tests/data/referentials/minimal.yaml")).referential;
    ASSERT_NE(ref, nullptr);
    GroupLoad load = LoadGroupFromString(SourcePath("tests/data/groups/fuzz.yaml"), input,
                                         FixedReferential(ref));
    load.errors();
    return;
  }
  if (target == "result_readers_fuzz") {
    RegisterInput in;
    std::string error;
    ParseRegisterInput(input, "fuzz.json", &in, &error);
    SummaryOptions options;
    options.today = *Date::Parse("2026-11-26");
    SummaryBuilder builder(options);
    builder.Add("fuzz.json", input);
    builder.ToJson();
    builder.ToCsv(',');
    builder.ToCsv(';');
    return;
  }
  ADD_FAILURE() << "no fuzz target named " << target;
}

TEST(FuzzRegressions, EveryKeptInputGoesThroughItsTargetCleanly) {
  namespace fs = std::filesystem;
  int replayed = 0;
  for (const auto& entry : fs::directory_iterator(SourcePath("tests/data/fuzz"))) {
    std::string name = entry.path().filename().string();
    std::string target = name.substr(0, name.find('-'));
    SCOPED_TRACE(name);
    Replay(target, ReadFile(entry.path().string()));
    ++replayed;
  }
  EXPECT_GE(replayed, 1);
}

}  // namespace
}  // namespace sceau
