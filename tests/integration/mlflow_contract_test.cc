// Phase 2 of MLflow compatibility: every exchange recorded against MLflow 2.12.2's own server
// (tests/mlflow/recordings) replayed against a fresh `cairn serve` per scenario, on SQLite and
// PostgreSQL, compared structurally by the contract harness (tests/mlflow/contract).
//
// The same recordings replay against MLflow with no difference
// (tests/mlflow/replay_against_mlflow.py), so a failure here is Cairn's. Every exchange must
// match, except the ones in Pending() — endpoints not built yet, listed one by one so that the
// list only shrinks: an exchange that starts to match while still listed fails the test too.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "common/testing/status_matchers.h"
#include "tests/integration/test_server.h"
#include "tests/mlflow/contract/contract.h"

namespace cairn::testing {
namespace {

using mlflow::contract::Override;

// Where Cairn deliberately answers differently from MLflow: MLflow's 500s on bad input (the
// client retries 500s, and bad input must never be a 500) and its local-artifact-store quirks.
// Keyed by "scenario/exchange name".
const std::map<std::string, Override>& Deviations() {
  static const std::map<std::string, Override> kDeviations = {
      {"experiments/search invalid comparator", {400, "INVALID_PARAMETER_VALUE"}},
      {"experiments/rename a deleted experiment", {400, "INVALID_PARAMETER_VALUE"}},
      {"search_runs/tag with a numeric comparator", {400, "INVALID_PARAMETER_VALUE"}},
      {"search_runs/order_by duplicate", {400, "INVALID_PARAMETER_VALUE"}},
      {"search_runs/max_results negative", {400, "INVALID_PARAMETER_VALUE"}},
      {"runs/create run without experiment_id", {400, "INVALID_PARAMETER_VALUE"}},
      {"experiments/update to an existing name", {400, "RESOURCE_ALREADY_EXISTS"}},
      {"registry/transition archive_existing_versions to Archived",
       {400, "INVALID_PARAMETER_VALUE"}},
      // Production goes through Cairn's promotion rules (docs/mlflow-compat.md): the recorded
      // versions have the default checklist unticked, so the promotion is refused.
      {"registry/transition to Production", {409, "RESOURCE_CONFLICT"}},
      {"registry/transition v2 to Production archiving others", {409, "RESOURCE_CONFLICT"}},
      {"artifacts/proxy download missing", {404, "RESOURCE_DOES_NOT_EXIST"}},
      {"artifacts/DELETE file", {200, ""}},
  };
  return kDeviations;
}

// Exchanges that still differ because their endpoint is not built yet ("scenario/exchange").
// The comparison is not weakened for them: they are replayed and compared like the others, and
// the test requires that exactly these differ.
const std::set<std::string>& Pending() {
  static const std::set<std::string> kPending = {
      // artifacts: the router answers a percent-encoded `..` in a path itself (problem+json,
      // before the MLflow handler); MLflow's UI helpers get-artifact and upload-artifact are left
      // out (docs/mlflow-compat.md); the listing after `DELETE file` differs because Cairn
      // deletes the file (see Deviations()).
      "artifacts/proxy download traversal",
      "artifacts/proxy PUT traversal",
      "artifacts/proxy list after delete",
      "artifacts/get-artifact (UI)",
      "artifacts/ajax upload-artifact (UI)",
      // registry: get-latest-versions and the searches that see the Production/Archived stages
      // (or the order they give last_updated_timestamp), the version an alias resolves to and
      // the version read with its aliases differ because Cairn refused the recorded promotions
      // (see Deviations()): their current_stage is not MLflow's.
      "registry/get-latest-versions (POST)",
      "registry/get-latest-versions stages",
      "registry/get version by alias",
      "registry/get model with aliases",
      "registry/get version with aliases",
      "registry/search models",
      "registry/search models name LIKE",
      "registry/search models by tag",
      "registry/search models page 1",
      "registry/search models order_by",
      "registry/search versions",
      "registry/search versions run_id IN",
      "registry/search versions order_by",
  };
  return kPending;
}

std::map<std::string, Override> DeviationsFor(const std::string& scenario) {
  std::map<std::string, Override> out;
  for (const auto& [key, o] : Deviations()) {
    if (key.rfind(scenario + "/", 0) == 0) out[key.substr(scenario.size() + 1)] = o;
  }
  return out;
}

class MlflowContract : public ::testing::TestWithParam<BackendKind> {};

TEST_P(MlflowContract, EveryRecordedExchangeMatches) {
  auto recordings = mlflow::contract::LoadRecordings(CAIRN_MLFLOW_RECORDINGS_DIR);
  ASSERT_OK(recordings);
  std::set<std::string> failing;
  int exchanges = 0;
  for (const auto& rec : *recordings) {
    auto server = TestServer::Start(GetParam());
    ASSERT_OK(server);
    const auto report =
        mlflow::contract::Replay(rec, "127.0.0.1", (*server)->port(), DeviationsFor(rec.scenario));
    exchanges += report.exchanges;
    for (const auto& [name, diffs] : report.failures) {
      const std::string key = rec.scenario + "/" + name;
      failing.insert(key);
      if (Pending().count(key)) continue;
      std::string all;
      for (const auto& d : diffs) all += "\n    " + d;
      ADD_FAILURE() << rec.scenario << " / " << name << all;
    }
  }
  for (const auto& key : Pending()) {
    EXPECT_TRUE(failing.count(key)) << key << " now matches: remove it from Pending()";
  }
  EXPECT_EQ(exchanges, 364);
  std::printf("MLflow contract: %d of %d recorded exchanges match (%zu pending)\n",
              exchanges - static_cast<int>(failing.size()), exchanges, Pending().size());
}

INSTANTIATE_TEST_SUITE_P(Backends, MlflowContract, ::testing::ValuesIn(AvailableBackends()),
                         [](const auto& info) { return std::string(BackendName(info.param)); });

}  // namespace
}  // namespace cairn::testing
