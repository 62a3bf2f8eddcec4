// Aliases, rename and soft delete of RegistryService + SqlRegistryStore, on every backend under
// test (the concurrent cases are what prove the guards on PostgreSQL).
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/testing/status_matchers.h"
#include "registry/registry_service.h"
#include "registry/registry_test_support.h"

namespace cairn::registry {
namespace {

using testing::RegistryBackendTest;

class RegistryAliasesTest : public RegistryBackendTest {
 protected:
  int64_t AliasRows() { return Count("SELECT COUNT(*) FROM model_aliases"); }
  int64_t Audited(const std::string& action) {
    return Count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }
};

// A usage hook that reports what the test says holds a model.
class FakeUsage final : public ModelUsage {
 public:
  Result<std::vector<std::string>> UsersOfModel(const std::string& model_name,
                                                std::optional<int64_t> version) override {
    std::vector<std::string> out;
    if (model_name == model && (!version || *version == held_version))
      out.push_back("deployment 'd1' (active, production, version " + std::to_string(held_version) +
                    ")");
    return out;
  }
  std::string model;
  int64_t held_version = 0;
};

TEST_P(RegistryAliasesTest, SetMovesAnExistingAliasAndEveryReadListsAliases) {
  Register("churn");
  Register("churn");
  ASSERT_OK(registry_->SetAlias("churn", "champion", 1, "alice"));
  auto challenger = registry_->SetAlias("churn", "challenger", 1, "alice");
  ASSERT_OK(challenger);
  EXPECT_EQ(challenger->aliases, (std::vector<std::string>{"challenger", "champion"}));
  auto moved = registry_->SetAlias("churn", "challenger", 2, "bob");
  ASSERT_OK(moved);
  EXPECT_EQ(moved->version, 2);
  EXPECT_EQ(moved->aliases, std::vector<std::string>{"challenger"});
  EXPECT_EQ(AliasRows(), 2);

  auto v1 = registry_->GetVersion("churn", 1);
  ASSERT_OK(v1);
  EXPECT_EQ(v1->aliases, std::vector<std::string>{"champion"});
  auto model = registry_->GetModel("churn");
  ASSERT_OK(model);
  EXPECT_EQ(model->aliases, (std::map<std::string, int64_t>{{"challenger", 2}, {"champion", 1}}));
  ASSERT_EQ(model->versions.size(), 2u);
  EXPECT_EQ(model->versions[0].aliases, std::vector<std::string>{"challenger"});
  auto page = registry_->ListVersions(VersionListRequest{"churn", std::nullopt, std::nullopt, ""});
  ASSERT_OK(page);
  ASSERT_EQ(page->items.size(), 2u);
  for (const auto& v : page->items)
    EXPECT_EQ(v.aliases, v.version == 1 ? std::vector<std::string>{"champion"}
                                        : std::vector<std::string>{"challenger"});
  auto resolved = registry_->ResolveAlias("churn", "challenger");
  ASSERT_OK(resolved);
  EXPECT_EQ(resolved->version, 2);

  EXPECT_EQ(Audited("registered_model.set_alias"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'registered_model.set_alias' "
                  "AND actor = 'bob' AND resource_id = 'churn'"),
            1);
}

TEST_P(RegistryAliasesTest, AliasNamesFollowMlflowsRuleAndBadRequestsWriteNothing) {
  Register("churn");
  const int64_t audit_before = AuditCount();
  for (const std::string& bad :
       std::vector<std::string>{"", "latest", "LaTeSt", "v1", "V12", "a.b", "a b", "caf\xc3\xa9",
                                std::string(256, 'a')}) {
    auto r = registry_->SetAlias("churn", bad, 1, "alice");
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(registry_->SetAlias("churn", "latest", 1, "a").status().message(),
            "'latest' alias name (case insensitive) is reserved.");
  EXPECT_EQ(registry_->SetAlias("churn", "v1", 1, "a").status().message(),
            "Version alias name 'v1' is reserved.");
  EXPECT_EQ(registry_->SetAlias("churn", "a.b", 1, "a").status().message(),
            "Invalid alias name: 'a.b'. Names may only contain alphanumerics, underscores (_), "
            "and dashes (-).");
  EXPECT_EQ(registry_->SetAlias("churn", "x", 99, "a").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->SetAlias("nope", "x", 1, "a").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(AliasRows(), 0);
  EXPECT_EQ(AuditCount(), audit_before);
  for (const std::string& good :
       std::vector<std::string>{"v", "v1a", "version2", "Champion_2-b", std::string(255, 'a')})
    EXPECT_OK(registry_->SetAlias("churn", good, 1, "alice"));
}

TEST_P(RegistryAliasesTest, DeleteRemovesAnAliasAndAnUnknownAliasIsNotAnError) {
  Register("churn");
  ASSERT_OK(registry_->SetAlias("churn", "champion", 1, "alice"));
  EXPECT_OK(registry_->DeleteAlias("churn", "champion", "bob"));
  EXPECT_EQ(AliasRows(), 0);
  EXPECT_EQ(Audited("registered_model.delete_alias"), 1);
  EXPECT_OK(registry_->DeleteAlias("churn", "champion", "bob"));
  EXPECT_EQ(Audited("registered_model.delete_alias"), 1);  // nothing removed, nothing audited
  EXPECT_EQ(registry_->DeleteAlias("nope", "champion", "bob").code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->DeleteAlias("churn", "latest", "bob").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(registry_->ResolveAlias("churn", "champion").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->ResolveAlias("nope", "champion").status().code(), StatusCode::kNotFound);
}

TEST_P(RegistryAliasesTest, RenameCarriesVersionsAndAliases) {
  Register("fraud");
  Register("fraud");
  ASSERT_OK(registry_->SetAlias("fraud", "champion", 2, "alice"));
  Register("churn");
  auto renamed = registry_->RenameModel("fraud", "fraud-v2", "bob");
  ASSERT_OK(renamed);
  EXPECT_EQ(renamed->name, "fraud-v2");
  EXPECT_EQ(renamed->versions.size(), 2u);
  EXPECT_EQ(renamed->aliases, (std::map<std::string, int64_t>{{"champion", 2}}));
  EXPECT_EQ(renamed->latest_version, 2);
  EXPECT_EQ(registry_->GetModel("fraud").status().code(), StatusCode::kNotFound);
  auto v2 = registry_->GetVersion("fraud-v2", 2);
  ASSERT_OK(v2);
  EXPECT_EQ(v2->aliases, std::vector<std::string>{"champion"});
  EXPECT_EQ(Count("SELECT COUNT(*) FROM model_versions WHERE model_name = 'fraud'"), 0);
  EXPECT_EQ(Register("fraud-v2").version, 3);  // the counter moved with the model
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'registered_model.rename' AND "
                  "actor = 'bob'"),
            1);

  EXPECT_EQ(registry_->RenameModel("fraud-v2", "churn", "bob").status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(registry_->RenameModel("nope", "x", "bob").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->RenameModel("fraud-v2", "bad name", "bob").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_OK(registry_->GetModel("fraud-v2"));
}

TEST_P(RegistryAliasesTest, DeletedVersionIsHiddenItsAliasesGoAndItsNumberIsNeverReused) {
  Register("churn");
  Register("churn");
  Register("churn");
  ASSERT_OK(registry_->SetAlias("churn", "champion", 3, "alice"));
  ASSERT_OK(registry_->SetAlias("churn", "challenger", 2, "alice"));
  ASSERT_OK(registry_->DeleteVersion("churn", 3, "bob"));
  EXPECT_EQ(registry_->GetVersion("churn", 3).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->DeleteVersion("churn", 3, "bob").code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->ResolveAlias("churn", "champion").status().code(), StatusCode::kNotFound);
  EXPECT_OK(registry_->ResolveAlias("churn", "challenger"));
  EXPECT_EQ(registry_->SetAlias("churn", "champion", 3, "alice").status().code(),
            StatusCode::kNotFound);
  VersionPatch patch;
  patch.description = "x";
  EXPECT_EQ(registry_->UpdateVersion("churn", 3, patch, std::nullopt, "bob").status().code(),
            StatusCode::kNotFound);
  auto model = registry_->GetModel("churn");
  ASSERT_OK(model);
  EXPECT_EQ(model->versions.size(), 2u);
  EXPECT_EQ(model->aliases, (std::map<std::string, int64_t>{{"challenger", 2}}));
  auto page = registry_->ListVersions(VersionListRequest{"churn", std::nullopt, std::nullopt, ""});
  ASSERT_OK(page);
  EXPECT_EQ(page->items.size(), 2u);
  EXPECT_EQ(Register("churn").version, 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM model_versions WHERE model_name = 'churn' AND "
                  "version = 3 AND deleted_at IS NOT NULL"),
            1);
  EXPECT_EQ(Audited("model_version.delete"), 1);
}

TEST_P(RegistryAliasesTest, ProductionVersionsAndModelsWithOneAreNotDeleted) {
  Register("churn");
  Register("churn");
  Promote("churn", 2);
  auto refused = registry_->DeleteVersion("churn", 2, "bob");
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("production"), std::string::npos) << refused.message();
  EXPECT_EQ(Audited("model_version.delete_refused"), 1);
  EXPECT_EQ(registry_->DeleteModel("churn", "bob").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Audited("registered_model.delete_refused"), 1);
  EXPECT_OK(registry_->GetVersion("churn", 2));
  EXPECT_OK(registry_->DeleteVersion("churn", 1, "bob"));
}

TEST_P(RegistryAliasesTest, DeletedModelIsHiddenAndCreatingItAgainContinuesTheNumbers) {
  Register("churn");
  Register("churn");
  ASSERT_OK(registry_->SetAlias("churn", "champion", 1, "alice"));
  ASSERT_OK(registry_->DeleteModel("churn", "bob"));
  EXPECT_EQ(registry_->GetModel("churn").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->GetVersion("churn", 1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->DeleteModel("churn", "bob").code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->SetAlias("churn", "x", 1, "a").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(registry_->RenameModel("churn", "other", "a").status().code(), StatusCode::kNotFound);
  ModelPatch patch;
  patch.description = "edited after delete";
  EXPECT_EQ(registry_->UpdateModel("churn", patch, std::nullopt, "a").status().code(),
            StatusCode::kNotFound);
  auto searched = registry_->SearchModels(ModelSearch{});
  ASSERT_OK(searched);
  for (const Model& m : searched->items) EXPECT_NE(m.name, "churn");
  EXPECT_EQ(AliasRows(), 0);
  auto page = registry_->ListVersions(VersionListRequest{"churn", std::nullopt, std::nullopt, ""});
  ASSERT_OK(page);
  EXPECT_TRUE(page->items.empty());
  VersionCreate mlflow_create;
  mlflow_create.model_name = "churn";
  mlflow_create.require_model = true;
  EXPECT_EQ(registry_->RegisterVersion(mlflow_create, "a").status().code(), StatusCode::kNotFound);
  Register("fraud");
  EXPECT_EQ(registry_->RenameModel("fraud", "churn", "a").status().code(),
            StatusCode::kAlreadyExists);  // a deleted model still holds its name
  EXPECT_EQ(Audited("registered_model.delete"), 1);

  auto again = registry_->CreateModel(ModelCreate{"churn", "second life", std::nullopt}, "carol");
  ASSERT_OK(again);
  EXPECT_EQ(again->description, "second life");
  EXPECT_EQ(again->created_by, "carol");
  EXPECT_TRUE(again->versions.empty());
  auto v = registry_->RegisterVersion(mlflow_create, "carol");
  ASSERT_OK(v);
  EXPECT_EQ(v->version, 3);
  EXPECT_EQ(registry_->CreateModel(ModelCreate{"churn", std::nullopt, std::nullopt}, "carol")
                .status()
                .code(),
            StatusCode::kAlreadyExists);
}

TEST_P(RegistryAliasesTest, AModelInUseIsNeitherDeletedNorRenamed) {
  FakeUsage usage;
  usage.model = "churn";
  usage.held_version = 2;
  registry_->AddUsage(&usage);
  Register("churn");
  Register("churn");
  auto refused = registry_->DeleteVersion("churn", 2, "bob");
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("deployment 'd1'"), std::string::npos) << refused.message();
  EXPECT_EQ(registry_->DeleteModel("churn", "bob").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(registry_->RenameModel("churn", "churn2", "bob").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Audited("model_version.delete_refused"), 1);
  EXPECT_EQ(Audited("registered_model.delete_refused"), 1);
  EXPECT_EQ(Audited("registered_model.rename_refused"), 1);
  EXPECT_OK(registry_->GetVersion("churn", 2));
  EXPECT_OK(registry_->DeleteVersion("churn", 1, "bob"));  // not held
}

TEST_P(RegistryAliasesTest, ConcurrentSetsOfOneAliasLeaveOneRowNamingOneOfThem) {
  constexpr int kThreads = 6;
  for (int i = 0; i < kThreads; ++i) Register("race");
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        auto r = registry_->SetAlias("race", "champion", t + 1, "t" + std::to_string(t));
        if (!r.ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(AliasRows(), 1);
  auto resolved = registry_->ResolveAlias("race", "champion");
  ASSERT_OK(resolved);
  EXPECT_GE(resolved->version, 1);
  EXPECT_LE(resolved->version, kThreads);
  EXPECT_EQ(Audited("registered_model.set_alias"), kThreads * 5);
}

TEST_P(RegistryAliasesTest, AliasSetRacingTheVersionsDeleteNeverNamesADeletedVersion) {
  for (int round = 0; round < 8; ++round) {
    Register("race");
    const int64_t version = round + 1;
    StatusCode set = StatusCode::kOk;
    Status deleted;
    std::thread setter(
        [&] { set = registry_->SetAlias("race", "champion", version, "a").status().code(); });
    std::thread deleter([&] { deleted = registry_->DeleteVersion("race", version, "b"); });
    setter.join();
    deleter.join();
    // Either order is fine; neither call fails for the other (no 500, no lost race).
    EXPECT_TRUE(set == StatusCode::kOk || set == StatusCode::kNotFound)
        << "round " << round << ": " << StatusCodeName(set);
    EXPECT_OK(deleted);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM model_aliases a JOIN model_versions v ON "
                    "v.model_name = a.model_name AND v.version = a.version WHERE "
                    "v.deleted_at IS NOT NULL"),
              0)
        << "round " << round;
  }
}

TEST_P(RegistryAliasesTest, ConcurrentRenamesOfOneModelHaveOneWinner) {
  Register("fraud");
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto r = registry_->RenameModel("fraud", "fraud-" + std::to_string(t), "a");
      if (r.ok()) {
        ++ok;
      } else {
        EXPECT_TRUE(r.status().code() == StatusCode::kNotFound ||
                    r.status().code() == StatusCode::kAborted)
            << r.status().message();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registered_models"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM model_versions v JOIN registered_models m ON "
                  "m.name = v.model_name"),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryAliasesTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         testing::BackendParamName);

}  // namespace
}  // namespace cairn::registry
