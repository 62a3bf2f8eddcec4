// Soft delete and restore through the native API (DELETE /experiments/{name}, POST
// /experiments/{name}/restore, DELETE /runs/{id}, POST /runs/{id}/restore), `?lifecycle=` on the
// native lists, `experiment_id` and `lifecycle_stage` in native JSON, and the same state seen
// through the MLflow API both ways; over real HTTP against `cairn serve`, on both backends.
#include <functional>
#include <string>

#include "tests/integration/api_fixture.h"

namespace cairn::testing {
namespace {

std::string Str(const bj::value& v, std::string_view key) {
  if (!v.is_object()) return "";
  const auto* f = v.as_object().if_contains(key);
  return f && f->is_string() ? std::string(f->as_string()) : "";
}

std::string Undashed(std::string id) {
  std::erase(id, '-');
  return id;
}

class LifecycleApiBase : public ApiTest {
 protected:
  // The names (experiments) or run ids (runs) a native list shows with this query.
  std::vector<std::string> Listed(const std::string& target, std::string_view key) {
    RawReply r = Do("GET", target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    std::vector<std::string> out;
    bj::value body = BodyJson(r);
    if (!body.is_object() || !body.as_object().contains("items")) return out;
    for (const auto& item : body.at("items").as_array()) out.push_back(Str(item, key));
    return out;
  }
  static bool Has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }
  std::string RunsOf(const std::string& exp, std::string_view lifecycle = "") {
    std::string t = Url("/runs?experiment_name=" + exp);
    if (!lifecycle.empty()) t += "&lifecycle=" + std::string(lifecycle);
    return t;
  }
  // The audit actions on a resource, with their actors ("run.delete by carol").
  std::vector<std::string> Audit(const std::string& resource) {
    RawReply r = Do("GET", "/api/v1/audit?resource=" + resource + "&limit=1000");
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const bj::value body = BodyJson(r);
    if (!body.is_object() || !body.as_object().contains("items")) return out;
    for (const auto& rec : body.at("items").as_array())
      out.push_back(Str(rec, "action") + " by " + Str(rec, "actor"));
    return out;
  }
  bj::value MlflowRun(const std::string& run_id) {
    RawReply r = Do("GET", "/api/2.0/mlflow/runs/get?run_id=" + Undashed(run_id));
    EXPECT_EQ(r.status, 200) << r.body;
    return BodyJson(r);
  }
  // Changes `run` in each way either API can (metrics, params, tags, name, delete, restore,
  // end), calling `check` after each change with what it was.
  void ChangeRunEveryWay(const std::string& run,
                         const std::function<void(std::string_view)>& check) {
    auto mlflow = [&](const std::string& op, bj::object body) {
      body["run_id"] = Undashed(run);
      RawReply r = DoJson("POST", "/api/2.0/mlflow/runs/" + op, body);
      EXPECT_EQ(r.status, 200) << op << ": " << r.body;
      check(op);
    };
    auto native = [&](std::string_view what, const std::string& method, const std::string& path,
                      std::string_view body) {
      RawReply r =
          body.empty() ? Do(method, Url(path)) : DoJson(method, Url(path), bj::parse(body));
      EXPECT_EQ(r.status, 200) << what << ": " << r.body;
      check(what);
    };
    mlflow("log-metric", {{"key", "auc"}, {"value", 0.75}, {"timestamp", 2}, {"step", 1}});
    mlflow("log-metric", {{"key", "auc"}, {"value", 0.8}, {"timestamp", 3}, {"step", 2}});
    mlflow("log-parameter", {{"key", "depth"}, {"value", "3"}});
    mlflow("set-tag", {{"key", "team"}, {"value", "a"}});
    mlflow("delete-tag", {{"key", "team"}});
    mlflow("update", {{"run_name", "renamed"}});
    native("native metrics", "POST", "/runs/" + run + "/metrics",
           R"({"metrics":[{"key":"auc","value":0.9,"step":7}]})");
    native("a native tag", "PATCH", "/runs/" + run, R"({"tags":{"native":"yes"}})");
    native("a native delete", "DELETE", "/runs/" + run, "");
    mlflow("restore", {});
    native("a native delete after restore", "DELETE", "/runs/" + run, "");
    native("a native restore", "POST", "/runs/" + run + "/restore", "");
    mlflow("update", {{"status", "FINISHED"}, {"end_time", 5000000000000}});
  }
};

// ---------------------------------------------------------------- experiments

using ExperimentLifecycleApi = LifecycleApiBase;

TEST_P(ExperimentLifecycleApi, JsonCarriesExperimentIdAndLifecycleStage) {
  const std::string name = UniqueName("exp");
  bj::object e = CreateExperiment(name);
  ASSERT_TRUE(e.contains("experiment_id")) << bj::serialize(e);
  EXPECT_GT(e.at("experiment_id").as_int64(), 0);
  EXPECT_EQ(Str(e, "lifecycle_stage"), "active");
  EXPECT_TRUE(e.at("deleted_at").is_null());
  // The MLflow id is the same number.
  RawReply m = Do("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + name);
  ASSERT_EQ(m.status, 200) << m.body;
  EXPECT_EQ(Str(BodyJson(m).at("experiment"), "experiment_id"),
            std::to_string(e.at("experiment_id").as_int64()));
  bj::object run = CreateRun(name);
  EXPECT_EQ(run.at("experiment_id").as_int64(), e.at("experiment_id").as_int64());
  EXPECT_EQ(Str(run, "lifecycle_stage"), "active");
}

TEST_P(ExperimentLifecycleApi, DeleteHidesRestoreShowsWithRunsAndAudit) {
  const std::string name = UniqueName("exp");
  CreateExperiment(name);
  const std::string run = Str(CreateRun(name), "run_id");
  RawReply del = Do("DELETE", Url("/experiments/" + name), "", {{"X-Cairn-User", "carol"}});
  ASSERT_EQ(del.status, 200) << del.body;
  bj::value e = BodyJson(del);
  EXPECT_EQ(Str(e, "lifecycle_stage"), "deleted");
  EXPECT_FALSE(e.at("deleted_at").is_null());
  EXPECT_EQ(e.at("revision").as_int64(), 2);
  EXPECT_EQ(del.Header("etag").value_or(""), "\"2\"");

  EXPECT_FALSE(Has(Listed(Url("/experiments?limit=1000"), "name"), name));
  EXPECT_FALSE(Has(Listed(Url("/experiments?lifecycle=active&limit=1000"), "name"), name));
  EXPECT_TRUE(Has(Listed(Url("/experiments?lifecycle=deleted&limit=1000"), "name"), name));
  EXPECT_TRUE(Has(Listed(Url("/experiments?lifecycle=all&limit=1000"), "name"), name));
  // Its runs went with it.
  EXPECT_FALSE(Has(Listed(RunsOf(name), "run_id"), run));
  EXPECT_TRUE(Has(Listed(RunsOf(name, "deleted"), "run_id"), run));
  RawReply got = Do("GET", Url("/runs/" + run));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Str(BodyJson(got), "lifecycle_stage"), "deleted");

  RawReply restore =
      Do("POST", Url("/experiments/" + name + "/restore"), "", {{"X-Cairn-User", "dave"}});
  ASSERT_EQ(restore.status, 200) << restore.body;
  EXPECT_EQ(Str(BodyJson(restore), "lifecycle_stage"), "active");
  EXPECT_TRUE(Has(Listed(Url("/experiments?limit=1000"), "name"), name));
  EXPECT_TRUE(Has(Listed(RunsOf(name), "run_id"), run));

  const auto audit = Audit("experiment/" + name);
  EXPECT_TRUE(Has(audit, "experiment.delete by carol")) << ::testing::PrintToString(audit);
  EXPECT_TRUE(Has(audit, "experiment.restore by dave")) << ::testing::PrintToString(audit);
}

TEST_P(ExperimentLifecycleApi, ErrorPaths) {
  const std::string name = UniqueName("exp");
  CreateExperiment(name);
  // Unknown experiment; a stale or malformed If-Match changes nothing.
  ExpectProblem(Do("DELETE", Url("/experiments/" + UniqueName("none"))), 404);
  ExpectProblem(Do("POST", Url("/experiments/" + UniqueName("none") + "/restore")), 404);
  ExpectProblem(Do("DELETE", Url("/experiments/" + name), "", {{"If-Match", "\"7\""}}), 412);
  ExpectProblem(Do("DELETE", Url("/experiments/" + name), "", {{"If-Match", "seven"}}), 400);
  EXPECT_TRUE(Has(Listed(Url("/experiments?limit=1000"), "name"), name));
  // Restoring an active experiment, deleting a deleted one: nothing to change (404, as the
  // MLflow API answers).
  ExpectProblem(Do("POST", Url("/experiments/" + name + "/restore")), 404);
  ASSERT_EQ(Do("DELETE", Url("/experiments/" + name), "", {{"If-Match", "\"1\""}}).status, 200);
  ExpectProblem(Do("DELETE", Url("/experiments/" + name)), 404);
  // A bad lifecycle value names the field.
  ExpectProblem(Do("GET", Url("/experiments?lifecycle=gone")), 400, "lifecycle");
  ExpectProblem(Do("GET", Url("/runs?lifecycle=ALL")), 400, "lifecycle");
  // A deleted experiment takes no new runs.
  RawReply r = DoJson("POST", Url("/runs"), bj::object{{"experiment_name", name}});
  EXPECT_GE(r.status, 400);
  EXPECT_LT(r.status, 500);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExperimentLifecycleApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

// ---------------------------------------------------------------- runs

using RunLifecycleApi = LifecycleApiBase;

TEST_P(RunLifecycleApi, DeleteAndRestoreNatively) {
  const std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  const std::string run = Str(CreateRun(exp), "run_id");
  const std::string other = Str(CreateRun(exp), "run_id");
  RawReply del = Do("DELETE", Url("/runs/" + run), "", {{"X-Cairn-User", "carol"}});
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(Str(BodyJson(del), "lifecycle_stage"), "deleted");
  EXPECT_EQ(BodyJson(del).at("revision").as_int64(), 2);
  // The run detail (served from a cache keyed by revision) follows.
  EXPECT_EQ(Str(BodyJson(Do("GET", Url("/runs/" + run))), "lifecycle_stage"), "deleted");
  EXPECT_FALSE(Has(Listed(RunsOf(exp), "run_id"), run));
  EXPECT_TRUE(Has(Listed(RunsOf(exp), "run_id"), other));
  EXPECT_TRUE(Has(Listed(RunsOf(exp, "deleted"), "run_id"), run));
  EXPECT_FALSE(Has(Listed(RunsOf(exp, "deleted"), "run_id"), other));
  EXPECT_EQ(Listed(RunsOf(exp, "all"), "run_id").size(), 2u);
  // Deleting again is a no-op (MLflow's runs/delete is idempotent).
  RawReply again = Do("DELETE", Url("/runs/" + run));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(BodyJson(again).at("revision").as_int64(), 2);

  RawReply restore = Do("POST", Url("/runs/" + run + "/restore"), "",
                        {{"X-Cairn-User", "dave"}, {"If-Match", "\"2\""}});
  ASSERT_EQ(restore.status, 200) << restore.body;
  EXPECT_EQ(Str(BodyJson(restore), "lifecycle_stage"), "active");
  EXPECT_TRUE(Has(Listed(RunsOf(exp), "run_id"), run));

  const auto audit = Audit("run/" + run);
  EXPECT_TRUE(Has(audit, "run.delete by carol")) << ::testing::PrintToString(audit);
  EXPECT_TRUE(Has(audit, "run.restore by dave")) << ::testing::PrintToString(audit);
}

TEST_P(RunLifecycleApi, ErrorPaths) {
  const std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  const std::string run = Str(CreateRun(exp), "run_id");
  ExpectProblem(Do("DELETE", Url("/runs/00000000-0000-4000-8000-000000000000")), 404);
  ExpectProblem(Do("DELETE", Url("/runs/not-a-uuid")), 404);
  ExpectProblem(Do("POST", Url("/runs/00000000-0000-4000-8000-000000000000/restore")), 404);
  ExpectProblem(Do("DELETE", Url("/runs/" + run), "", {{"If-Match", "\"5\""}}), 412);
  ExpectProblem(Do("POST", Url("/runs/" + run + "/restore"), "", {{"If-Match", "x"}}), 400);
  EXPECT_EQ(Str(BodyJson(Do("GET", Url("/runs/" + run))), "lifecycle_stage"), "active");
  EXPECT_TRUE(Audit("run/" + run).size() == 1u) << "only the creation is audited";
  ExpectProblem(Do("PUT", Url("/runs/" + run + "/restore")), 405);
}

INSTANTIATE_TEST_SUITE_P(Backends, RunLifecycleApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

// ---------------------------------------------------------------- both APIs

using MlflowNativeLifecycleApi = LifecycleApiBase;

TEST_P(MlflowNativeLifecycleApi, RunDeletedThroughMlflowIsHiddenNatively) {
  const std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  const std::string run = Str(CreateRun(exp), "run_id");
  RawReply del =
      DoJson("POST", "/api/2.0/mlflow/runs/delete", bj::object{{"run_id", Undashed(run)}});
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_FALSE(Has(Listed(RunsOf(exp), "run_id"), run));
  EXPECT_TRUE(Has(Listed(RunsOf(exp, "deleted"), "run_id"), run));
  EXPECT_EQ(Str(BodyJson(Do("GET", Url("/runs/" + run))), "lifecycle_stage"), "deleted");
  // Restored natively: MLflow sees it active again.
  ASSERT_EQ(Do("POST", Url("/runs/" + run + "/restore")).status, 200);
  EXPECT_EQ(Str(MlflowRun(run).at("run").at("info"), "lifecycle_stage"), "active");
  EXPECT_TRUE(Has(Listed(RunsOf(exp), "run_id"), run));
}

TEST_P(MlflowNativeLifecycleApi, RunDeletedNativelyIsDeletedForMlflow) {
  const std::string exp = UniqueName("exp");
  bj::object e = CreateExperiment(exp);
  const std::string run = Str(CreateRun(exp), "run_id");
  ASSERT_EQ(Do("DELETE", Url("/runs/" + run)).status, 200);
  EXPECT_EQ(Str(MlflowRun(run).at("run").at("info"), "lifecycle_stage"), "deleted");
  const std::string id = std::to_string(e.at("experiment_id").as_int64());
  auto search = [&](std::string_view view) {
    RawReply r =
        DoJson("POST", "/api/2.0/mlflow/runs/search",
               bj::object{{"experiment_ids", bj::array{bj::value(id)}}, {"run_view_type", view}});
    EXPECT_EQ(r.status, 200) << r.body;
    return bj::serialize(BodyJson(r));
  };
  EXPECT_EQ(search("ACTIVE_ONLY").find(Undashed(run)), std::string::npos);
  EXPECT_NE(search("DELETED_ONLY").find(Undashed(run)), std::string::npos);
  // MLflow refuses writes to a deleted run; restored through MLflow, the native list shows it.
  RawReply log = DoJson("POST", "/api/2.0/mlflow/runs/set-tag",
                        bj::object{{"run_id", Undashed(run)}, {"key", "k"}, {"value", "v"}});
  EXPECT_EQ(log.status, 400) << log.body;
  ASSERT_EQ(
      DoJson("POST", "/api/2.0/mlflow/runs/restore", bj::object{{"run_id", Undashed(run)}}).status,
      200);
  EXPECT_TRUE(Has(Listed(RunsOf(exp), "run_id"), run));
}

TEST_P(MlflowNativeLifecycleApi, ExperimentDeletedThroughEitherApi) {
  const std::string exp = UniqueName("exp");
  bj::object e = CreateExperiment(exp);
  const std::string id = std::to_string(e.at("experiment_id").as_int64());
  ASSERT_EQ(DoJson("POST", "/api/2.0/mlflow/experiments/delete", bj::object{{"experiment_id", id}})
                .status,
            200);
  EXPECT_FALSE(Has(Listed(Url("/experiments?limit=1000"), "name"), exp));
  EXPECT_TRUE(Has(Listed(Url("/experiments?lifecycle=deleted&limit=1000"), "name"), exp));
  ASSERT_EQ(Do("POST", Url("/experiments/" + exp + "/restore")).status, 200);
  RawReply got = Do("GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + id);
  EXPECT_EQ(Str(BodyJson(got).at("experiment"), "lifecycle_stage"), "active");
  ASSERT_EQ(Do("DELETE", Url("/experiments/" + exp)).status, 200);
  got = Do("GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + id);
  EXPECT_EQ(Str(BodyJson(got).at("experiment"), "lifecycle_stage"), "deleted");
}

// runs/search serves a run's JSON from a cache kept by revision: after every kind of change,
// through either API, the run it lists is exactly what runs/get returns.
TEST_P(MlflowNativeLifecycleApi, SearchListsEachRunAsRunsGetAfterEveryChange) {
  const std::string exp = UniqueName("exp");
  bj::object e = CreateExperiment(exp);
  const std::string id = std::to_string(e.at("experiment_id").as_int64());
  const std::string run = Str(CreateRun(exp), "run_id");
  const std::string other = Str(CreateRun(exp), "run_id");
  auto listed = [&](std::string_view view) {
    RawReply r = DoJson("POST", "/api/2.0/mlflow/runs/search",
                        bj::object{{"experiment_ids", bj::array{bj::value(id)}},
                                   {"run_view_type", view},
                                   {"order_by", bj::array{"attributes.run_name ASC"}}});
    EXPECT_EQ(r.status, 200) << r.body;
    bj::value body = BodyJson(r);
    for (const auto& item : body.at("runs").as_array()) {
      if (Str(item.at("info"), "run_id") == Undashed(run)) return bj::serialize(item);
    }
    return std::string("(not listed)");
  };
  auto expect_current = [&](std::string_view after) {
    const std::string got = bj::serialize(MlflowRun(run).at("run"));
    EXPECT_EQ(listed("ALL"), got) << "after " << after;
  };
  expect_current("creation");
  expect_current("a second search (served from the cache)");
  ChangeRunEveryWay(run, [&](std::string_view after) {
    expect_current(after);
    if (after.starts_with("a native delete")) {
      EXPECT_EQ(listed("ACTIVE_ONLY"), "(not listed)") << "after " << after;
    }
  });
  // The other run, never changed, is still listed as runs/get returns it.
  RawReply r = DoJson("POST", "/api/2.0/mlflow/runs/search",
                      bj::object{{"experiment_ids", bj::array{bj::value(id)}},
                                 {"filter", "attributes.run_id = '" + Undashed(other) + "'"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(bj::serialize(BodyJson(r).at("runs").at(0)), bj::serialize(MlflowRun(other).at("run")));
}

// The native run list serves its items from a cache kept by run revision: after every kind of
// change, through either API, each run it lists is GET /runs/{id}'s body without artifacts.
TEST_P(MlflowNativeLifecycleApi, NativeListShowsEachRunAsGetAfterEveryChange) {
  std::string exp = UniqueName("exp");
  bj::object e = CreateExperiment(exp);
  const std::string id = std::to_string(e.at("experiment_id").as_int64());
  const std::string run = Str(CreateRun(exp), "run_id");
  const std::string other = Str(CreateRun(exp), "run_id");
  auto expect_current = [&](std::string_view after) {
    // With a metric filter and order (the driving-metric query) and without.
    RawReply list = Do(
        "GET", RunsOf(exp, "all") + "&filter=metrics.auc%20%3E%3D%200&order_by=metrics.auc%20DESC");
    RawReply direct = Do("GET", RunsOf(exp, "all") + "&limit=1000");
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(direct.status, 200) << direct.body;
    for (const RawReply* r : {&list, &direct}) {
      const bj::value body = BodyJson(*r);
      for (const auto& item : body.at("items").as_array()) {
        const std::string item_id = Str(item, "run_id");
        const bj::value full = BodyJson(Do("GET", Url("/runs/" + item_id)));
        bj::object got;  // GET's body without artifacts, its order kept
        for (const auto& [k, v] : full.as_object())
          if (k != "artifacts") got.emplace(k, v);
        EXPECT_EQ(bj::serialize(item), bj::serialize(got)) << item_id << " after " << after;
        // Both could be stale together: the experiment's name is also checked on its own.
        EXPECT_EQ(Str(item, "experiment_name"), exp) << item_id << " after " << after;
      }
    }
  };
  for (const std::string& r : {run, other}) {
    ASSERT_EQ(DoJson("POST", Url("/runs/" + r + "/metrics"),
                     bj::parse(R"({"metrics":[{"key":"auc","value":0.5,"step":0}]})"))
                  .status,
              200);
  }
  expect_current("the first metrics");
  expect_current("a second list (served from the cache)");
  ChangeRunEveryWay(run, expect_current);
  const std::string renamed = exp + "-2";
  ASSERT_EQ(DoJson("POST", "/api/2.0/mlflow/experiments/update",
                   bj::object{{"experiment_id", id}, {"new_name", renamed}})
                .status,
            200);
  exp = renamed;
  expect_current("an experiment rename");
}

// A run's JSON names its experiment, so renaming the experiment changes each of its runs:
// GET /runs/{id} (served from a cache kept by revision) and the native list show the new name,
// with a new revision and ETag, for a run read before the rename and one never read.
TEST_P(MlflowNativeLifecycleApi, ExperimentRenameReachesRunsReadBefore) {
  const std::string exp = UniqueName("exp");
  bj::object e = CreateExperiment(exp);
  const std::string id = std::to_string(e.at("experiment_id").as_int64());
  const std::string read = Str(CreateRun(exp), "run_id");
  const std::string unread = Str(CreateRun(exp), "run_id");
  RawReply before = Do("GET", Url("/runs/" + read));
  ASSERT_EQ(before.status, 200) << before.body;
  ASSERT_EQ(Do("GET", Url("/runs/" + read)).body, before.body);  // the second from the cache
  EXPECT_EQ(Str(BodyJson(before), "experiment_name"), exp);
  const std::string renamed = exp + "-renamed";
  RawReply r = DoJson("POST", "/api/2.0/mlflow/experiments/update",
                      bj::object{{"experiment_id", id}, {"new_name", renamed}});
  ASSERT_EQ(r.status, 200) << r.body;
  for (const std::string& run : {read, unread}) {
    RawReply after = Do("GET", Url("/runs/" + run));
    ASSERT_EQ(after.status, 200) << after.body;
    EXPECT_EQ(Str(BodyJson(after), "experiment_name"), renamed) << run;
    EXPECT_EQ(Str(MlflowRun(run).at("run").at("info"), "experiment_id"), id);
  }
  RawReply after = Do("GET", Url("/runs/" + read));
  EXPECT_GT(BodyJson(after).at("revision").as_int64(), BodyJson(before).at("revision").as_int64());
  EXPECT_NE(after.Header("etag"), before.Header("etag"));
  RawReply list = Do("GET", RunsOf(renamed));
  ASSERT_EQ(list.status, 200) << list.body;
  const bj::value listed = BodyJson(list);
  ASSERT_EQ(listed.at("items").as_array().size(), 2u) << list.body;
  for (const auto& item : listed.at("items").as_array())
    EXPECT_EQ(Str(item, "experiment_name"), renamed);
}

INSTANTIATE_TEST_SUITE_P(Backends, MlflowNativeLifecycleApi,
                         ::testing::ValuesIn(AvailableBackends()), BackendParamName);

}  // namespace
}  // namespace cairn::testing
