// SPEC §2 (experiments, runs, metrics, artifacts), the audit log and the platform endpoints of
// §6, over real HTTP against `cairn serve`: success paths and error paths (problem+json).
#include <openssl/evp.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "tests/integration/api_fixture.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

std::string Sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 0xf];
  }
  return out;
}

bj::object Point(std::string_view key, double value, int64_t step) {
  return bj::object{{"key", key}, {"value", value}, {"step", step}};
}

// By value: callers often pass a temporary (range-for over Items(BodyJson(...))).
bj::array Items(const bj::value& v) {
  if (!v.is_object() || !v.as_object().contains("items") || !v.at("items").is_array()) {
    ADD_FAILURE() << "no items[] in " << bj::serialize(v);
    return {};
  }
  return v.at("items").as_array();
}

std::string Str(const bj::value& v, std::string_view key) {
  if (!v.is_object()) return "";
  const auto* f = v.as_object().if_contains(key);
  return f && f->is_string() ? std::string(f->as_string()) : "";
}

bool IsRfc3339Millis(const std::string& s) {
  // 2026-11-26T11:09:59.123Z
  return s.size() == 24 && s[4] == '-' && s[10] == 'T' && s[19] == '.' && s.back() == 'Z';
}

// ---------------------------------------------------------------- platform

using PlatformApi = ApiTest;

TEST_P(PlatformApi, HealthzAndReadyzAnswer200) {
  EXPECT_EQ(Do("GET", "/healthz").status, 200);
  EXPECT_EQ(Do("GET", "/readyz").status, 200);
}

TEST_P(PlatformApi, MetricsIsPrometheusTextCountingRequests) {
  Do("GET", "/healthz");
  RawReply r = Do("GET", "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type").value_or("").rfind("text/plain", 0), 0u);
  EXPECT_NE(r.body.find("# TYPE"), std::string::npos) << r.body.substr(0, 500);
  EXPECT_NE(r.body.find("/healthz"), std::string::npos) << "no per-route series for /healthz";
}

TEST_P(PlatformApi, MetricsCountSqliteCommitsAndCheckpoints) {
  CreateExperiment(UniqueName("exp"));
  RawReply r = Do("GET", "/metrics");
  ASSERT_EQ(r.status, 200);
  if (GetParam() == BackendKind::kPostgres) {
    EXPECT_EQ(r.body.find("cairn_sqlite_"), std::string::npos);
    return;
  }
  // At least the experiment's commit (migrations and the bootstrap ran as scripts).
  const size_t at = r.body.find("\ncairn_sqlite_commits_total ");
  ASSERT_NE(at, std::string::npos) << r.body.substr(0, 500);
  EXPECT_GE(std::stoll(r.body.substr(at + 28)), 1);
  EXPECT_NE(r.body.find("# TYPE cairn_sqlite_writers_waiting gauge"), std::string::npos);
  EXPECT_NE(r.body.find("\ncairn_sqlite_background_checkpoints_total "), std::string::npos);
  EXPECT_NE(r.body.find("\ncairn_sqlite_inline_checkpoints_total "), std::string::npos);
}

TEST_P(PlatformApi, OpenApiDocumentDescribesLifecycleRoutes) {
  RawReply r = Do("GET", "/openapi.json");
  ASSERT_EQ(r.status, 200);
  bj::value doc = BodyJson(r);
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(Str(doc, "openapi").rfind("3.1", 0), 0u);
  ASSERT_TRUE(doc.at("paths").is_object());
  const auto& paths = doc.at("paths").as_object();
  for (const char* p : {"/api/v1/ml/lifecycle/experiments", "/api/v1/ml/lifecycle/runs",
                        "/api/v1/ml/lifecycle/runs/{run_id}",
                        "/api/v1/ml/lifecycle/runs/{run_id}/metrics", "/api/v1/audit"}) {
    EXPECT_TRUE(paths.contains(p)) << p;
  }
}

TEST_P(PlatformApi, DocsServesSwaggerUiLocally) {
  RawReply r = Do("GET", "/docs");
  if (r.status == 301 || r.status == 302 || r.status == 308) {
    r = Do("GET", r.Header("location").value_or("/docs/"));
  }
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.Header("content-type").value_or("").rfind("text/html", 0), 0u);
  std::string lower = r.body;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_NE(lower.find("swagger"), std::string::npos);
  EXPECT_EQ(lower.find("cdn"), std::string::npos) << "Swagger UI must not come from a CDN";
}

TEST_P(PlatformApi, UnknownRouteIs404RouteNotFound) {
  RawReply r = Do("GET", "/api/v1/ml/lifecycle/no-such-thing");
  ExpectProblem(r, 404);
  EXPECT_EQ(Str(BodyJson(r), "code"), "not_found");
  EXPECT_EQ(Str(BodyJson(r), "detail"), "no resource at this path");
  EXPECT_EQ(Str(BodyJson(r), "instance"), "/api/v1/ml/lifecycle/no-such-thing");
}

TEST_P(PlatformApi, WrongMethodIs405WithAllow) {
  RawReply r = Do("DELETE", Url("/experiments"));
  ExpectProblem(r, 405);
  std::string allow = r.Header("allow").value_or("");
  EXPECT_NE(allow.find("GET"), std::string::npos) << allow;
  EXPECT_NE(allow.find("POST"), std::string::npos) << allow;
}

// Every path template of openapi.json is routed: a request with dummy parameters never gets the
// router's 404 (route-not-found) or 405.
TEST_P(PlatformApi, EveryOpenApiRouteExists) {
  bj::value doc = BodyJson(Do("GET", "/openapi.json"));
  ASSERT_TRUE(doc.is_object());
  int checked = 0;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    // The identity API exists only with authentication required (this server runs without);
    // integration_auth_api_test's route x role matrix covers it there.
    if (std::string_view(path).rfind("/api/v1/auth/", 0) == 0) continue;
    std::string target;
    std::string p(path);
    for (size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '{') {
        size_t close = p.find('}', i);
        std::string name = p.substr(i + 1, close - i - 1);
        target += name.find("version") != std::string::npos ? "1"
                  : name.find("id") != std::string::npos    ? "00000000-0000-4000-8000-000000000000"
                                                            : "dummy";
        i = close;
      } else {
        target += p[i];
      }
    }
    for (const auto& [method, op] : item.as_object()) {
      std::string m(method);
      if (m == "parameters" || m == "summary" || m == "description") continue;
      for (auto& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      bool has_body = m == "POST" || m == "PUT" || m == "PATCH";
      RawReply r =
          has_body ? Do(m, target, "{}", {{"Content-Type", "application/json"}}) : Do(m, target);
      ++checked;
      EXPECT_NE(r.status, 405) << m << " " << target << " (" << path << ")";
      if (r.status == 404) {
        bj::value body = BodyJson(r);
        // The router's own 404 means the documented route is not registered.
        bool router_404 = Str(body, "detail") == "no resource at this path";
        EXPECT_FALSE(router_404) << m << " " << target << ": " << r.body;
      }
      EXPECT_NE(r.status, 500) << m << " " << target << ": " << r.body;
    }
  }
  EXPECT_GT(checked, 10);
}

INSTANTIATE_TEST_SUITE_P(Backends, PlatformApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

// ---------------------------------------------------------------- experiments

using ExperimentsApi = ApiTest;

TEST_P(ExperimentsApi, CreateReturnsResource) {
  std::string name = UniqueName("exp");
  bj::object e = CreateExperiment(
      name, bj::object{{"description", "d"}, {"owner", "bob"}, {"tags", {{"team", "alpha"}}}});
  EXPECT_EQ(Str(e, "name"), name);
  EXPECT_EQ(Str(e, "description"), "d");
  EXPECT_EQ(Str(e, "owner"), "bob");
  EXPECT_EQ(Str(e, "status"), "active");
  EXPECT_EQ(e["tags"].at("team").as_string(), "alpha");
  EXPECT_EQ(e["run_count"].as_int64(), 0);
  EXPECT_EQ(e["revision"].as_int64(), 1);
  EXPECT_TRUE(IsRfc3339Millis(Str(e, "created_at"))) << Str(e, "created_at");
  EXPECT_TRUE(IsRfc3339Millis(Str(e, "updated_at")));

  RawReply got = Do("GET", Url("/experiments/" + name));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Str(BodyJson(got), "name"), name);
}

TEST_P(ExperimentsApi, DuplicateNameIs409) {
  std::string name = UniqueName("exp");
  CreateExperiment(name);
  ExpectProblem(DoJson("POST", Url("/experiments"), bj::object{{"name", name}}), 409);
}

TEST_P(ExperimentsApi, MalformedJsonIs400) {
  ExpectProblem(
      Do("POST", Url("/experiments"), "{\"name\": ", {{"Content-Type", "application/json"}}), 400);
  ExpectProblem(Do("POST", Url("/experiments"), "[1,2]", {{"Content-Type", "application/json"}}),
                400);
}

TEST_P(ExperimentsApi, WrongTypeIs400NamingTheField) {
  ExpectProblem(DoJson("POST", Url("/experiments"), bj::object{{"name", 5}}), 400, "name");
  ExpectProblem(DoJson("POST", Url("/experiments"),
                       bj::object{{"name", UniqueName("e")}, {"tags", {{"a", 1}}}}),
                400, "tags");
}

TEST_P(ExperimentsApi, UnknownFieldIs400NamingTheField) {
  ExpectProblem(DoJson("POST", Url("/experiments"),
                       bj::object{{"name", UniqueName("e")}, {"descripton", "typo"}}),
                400, "descripton");
}

TEST_P(ExperimentsApi, InvalidNameIs400) {
  // Experiment names follow the wide rule (1-256 characters, no control characters, not . or ..).
  ExpectProblem(DoJson("POST", Url("/experiments"), bj::object{{"name", ".."}}), 400, "name");
  ExpectProblem(DoJson("POST", Url("/experiments"), bj::object{{"name", "bad\nname"}}), 400,
                "name");
  ExpectProblem(DoJson("POST", Url("/experiments"), bj::object{{"name", std::string(257, 'a')}}),
                400, "name");
  ExpectProblem(DoJson("POST", Url("/experiments"), bj::object{}), 400, "name");
}

TEST_P(ExperimentsApi, WrongContentTypeIs415) {
  ExpectProblem(
      Do("POST", Url("/experiments"), "{\"name\":\"x1\"}", {{"Content-Type", "text/plain"}}), 415);
}

TEST_P(ExperimentsApi, UnknownExperimentIs404) {
  ExpectProblem(Do("GET", Url("/experiments/no-such-exp")), 404);
  ExpectProblem(DoJson("PATCH", Url("/experiments/no-such-exp"), bj::object{{"description", "x"}}),
                404);
}

TEST_P(ExperimentsApi, ListFiltersByOwnerAndStatusAndPages) {
  std::string owner = UniqueName("owner");
  std::vector<std::string> names;
  for (int i = 0; i < 3; ++i) {
    names.push_back(UniqueName("exp"));
    CreateExperiment(names.back(), bj::object{{"owner", owner}});
    std::this_thread::sleep_for(std::chrono::milliseconds(3));  // distinct created_at
  }
  CreateExperiment(UniqueName("other"), bj::object{{"owner", "someone-else"}});
  RawReply r = Do("GET", Url("/experiments?owner=" + owner));
  ASSERT_EQ(r.status, 200) << r.body;
  bj::value body = BodyJson(r);
  EXPECT_EQ(Items(body).size(), 3u);
  EXPECT_TRUE(body.at("next_page_token").is_null());
  // Newest first.
  EXPECT_EQ(Str(Items(body)[0], "name"), names[2]);

  // Paging with limit=2 visits every item exactly once.
  std::set<std::string> seen;
  std::string token;
  for (int page = 0; page < 5; ++page) {
    std::string target = Url("/experiments?owner=" + owner + "&limit=2");
    if (!token.empty()) target += "&page_token=" + token;
    bj::value pg = BodyJson(Do("GET", target));
    for (const auto& it : Items(pg)) EXPECT_TRUE(seen.insert(Str(it, "name")).second);
    if (pg.at("next_page_token").is_null()) break;
    token = std::string(pg.at("next_page_token").as_string());
  }
  EXPECT_EQ(seen.size(), 3u);

  ASSERT_EQ(
      DoJson("PATCH", Url("/experiments/" + names[0]), bj::object{{"status", "archived"}}).status,
      200);
  bj::value archived = BodyJson(Do("GET", Url("/experiments?owner=" + owner + "&status=archived")));
  ASSERT_EQ(Items(archived).size(), 1u);
  EXPECT_EQ(Str(Items(archived)[0], "name"), names[0]);
}

TEST_P(ExperimentsApi, ListRejectsBadQueryParameters) {
  ExpectProblem(Do("GET", Url("/experiments?limit=0")), 400);
  ExpectProblem(Do("GET", Url("/experiments?limit=1001")), 400);
  ExpectProblem(Do("GET", Url("/experiments?limit=abc")), 400);
  ExpectProblem(Do("GET", Url("/experiments?status=sleeping")), 400);
  ExpectProblem(Do("GET", Url("/experiments?page_token=%25%25garbage")), 400);
}

TEST_P(ExperimentsApi, PatchUpdatesAndBumpsRevision) {
  std::string name = UniqueName("exp");
  CreateExperiment(name);
  RawReply r = DoJson("PATCH", Url("/experiments/" + name),
                      bj::object{{"description", "new"},
                                 {"status", "completed"},
                                 {"owner", "carol"},
                                 {"tags", {{"k", "v"}}}},
                      {{"If-Match", "1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  bj::value e = BodyJson(r);
  EXPECT_EQ(Str(e, "description"), "new");
  EXPECT_EQ(Str(e, "status"), "completed");
  EXPECT_EQ(Str(e, "owner"), "carol");
  EXPECT_EQ(e.at("revision").as_int64(), 2);
  EXPECT_EQ(e.at("tags").at("k").as_string(), "v");
}

TEST_P(ExperimentsApi, StaleIfMatchIs412AndChangesNothing) {
  std::string name = UniqueName("exp");
  CreateExperiment(name, bj::object{{"description", "orig"}});
  ASSERT_EQ(DoJson("PATCH", Url("/experiments/" + name), bj::object{{"description", "v2"}}).status,
            200);
  ExpectProblem(DoJson("PATCH", Url("/experiments/" + name), bj::object{{"description", "v3"}},
                       {{"If-Match", "1"}}),
                412);
  bj::value e = BodyJson(Do("GET", Url("/experiments/" + name)));
  EXPECT_EQ(Str(e, "description"), "v2");
  EXPECT_EQ(e.at("revision").as_int64(), 2);
}

TEST_P(ExperimentsApi, PatchRejectsUnknownFieldsAndBadValues) {
  std::string name = UniqueName("exp");
  CreateExperiment(name);
  ExpectProblem(DoJson("PATCH", Url("/experiments/" + name), bj::object{{"nmae", "x"}}), 400,
                "nmae");
  ExpectProblem(DoJson("PATCH", Url("/experiments/" + name), bj::object{{"status", "bogus"}}), 400,
                "status");
  ExpectProblem(DoJson("PATCH", Url("/experiments/" + name), bj::object{{"description", 3}}), 400,
                "description");
  ExpectProblem(DoJson("PATCH", Url("/experiments/" + name), bj::object{{"description", "x"}},
                       {{"If-Match", "not-a-number"}}),
                400);
  EXPECT_EQ(BodyJson(Do("GET", Url("/experiments/" + name))).at("revision").as_int64(), 1);
}

TEST_P(ExperimentsApi, DetailCountsRuns) {
  std::string name = UniqueName("exp");
  CreateExperiment(name);
  CreateRun(name);
  bj::object run = CreateRun(name);
  ASSERT_EQ(
      DoJson("PATCH", Url("/runs/" + Str(run, "run_id")), bj::object{{"status", "failed"}}).status,
      200);
  bj::value e = BodyJson(Do("GET", Url("/experiments/" + name)));
  EXPECT_EQ(e.at("run_count").as_int64(), 2);
  EXPECT_NE(bj::serialize(e).find(Str(run, "run_id")), std::string::npos)
      << "detail should list the latest runs: " << bj::serialize(e);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExperimentsApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

// ---------------------------------------------------------------- runs

using RunsApi = ApiTest;

TEST_P(RunsApi, CreateRecordsCallerAndFields) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  bj::object run = CreateRun(exp,
                             bj::object{{"name", "r1"},
                                        {"params", {{"depth", "6"}}},
                                        {"tags", {{"team", "alpha"}}},
                                        {"source", {{"git_commit", "abc"}}}},
                             "dana");
  std::string id = Str(run, "run_id");
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');  // UUIDv4
  EXPECT_EQ(Str(run, "experiment_name"), exp);
  EXPECT_EQ(Str(run, "status"), "running");
  EXPECT_EQ(Str(run, "created_by"), "dana");
  EXPECT_EQ(run["params"].at("depth").as_string(), "6");
  EXPECT_EQ(run["revision"].as_int64(), 1);
  EXPECT_TRUE(IsRfc3339Millis(Str(run, "start_time")));

  RawReply got = Do("GET", Url("/runs/" + id));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Str(BodyJson(got), "run_id"), id);
}

TEST_P(RunsApi, AnonymousWithoutUserHeader) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  RawReply r = DoJson("POST", Url("/runs"), bj::object{{"experiment_name", exp}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(Str(BodyJson(r), "created_by"), "anonymous");
}

TEST_P(RunsApi, CallerCannotSetCreatedBy) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  ExpectProblem(
      DoJson("POST", Url("/runs"), bj::object{{"experiment_name", exp}, {"created_by", "mallory"}}),
      400, "created_by");
}

TEST_P(RunsApi, RunInUnknownExperimentIs404) {
  ExpectProblem(DoJson("POST", Url("/runs"), bj::object{{"experiment_name", "no-such-exp-x"}}),
                404);
}

TEST_P(RunsApi, UnknownRunIs404) {
  std::string id = "00000000-0000-4000-8000-000000000000";
  ExpectProblem(Do("GET", Url("/runs/" + id)), 404);
  ExpectProblem(DoJson("PATCH", Url("/runs/" + id), bj::object{{"status", "completed"}}), 404);
  ExpectProblem(DoJson("POST", Url("/runs/" + id + "/metrics"),
                       bj::object{{"metrics", bj::array{Point("a", 1, 0)}}}),
                404);
  ExpectProblem(Do("GET", Url("/runs/" + id + "/metrics/a")), 404);
  ExpectProblem(Do("GET", Url("/runs/" + id + "/artifacts")), 404);
}

TEST_P(RunsApi, WrongMethodOnRunIs405) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  RawReply r = Do("PUT", Url("/runs/" + id), "{}", {{"Content-Type", "application/json"}});
  ExpectProblem(r, 405);
  std::string allow = r.Header("allow").value_or("");
  EXPECT_NE(allow.find("GET"), std::string::npos) << allow;
  EXPECT_NE(allow.find("PATCH"), std::string::npos) << allow;
  EXPECT_NE(allow.find("DELETE"), std::string::npos) << allow;  // soft delete
}

TEST_P(RunsApi, CreateRejectsBadBodies) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  ExpectProblem(Do("POST", Url("/runs"), "not json", {{"Content-Type", "application/json"}}), 400);
  ExpectProblem(DoJson("POST", Url("/runs"), bj::object{{"experiment_name", exp}, {"params", "x"}}),
                400, "params");
  ExpectProblem(
      DoJson("POST", Url("/runs"), bj::object{{"experiment_name", exp}, {"parms", {{"a", "b"}}}}),
      400, "parms");
  ExpectProblem(Do("POST", Url("/runs"), "{}", {{"Content-Type", "application/xml"}}), 415);
}

TEST_P(RunsApi, ParamsAreImmutableOnceSet) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp, bj::object{{"params", {{"depth", "6"}}}}), "run_id");
  RawReply add = DoJson("PATCH", Url("/runs/" + id), bj::object{{"params", {{"lr", "0.1"}}}});
  ASSERT_EQ(add.status, 200) << add.body;
  ExpectProblem(DoJson("PATCH", Url("/runs/" + id), bj::object{{"params", {{"depth", "7"}}}}), 409);
  bj::value run = BodyJson(Do("GET", Url("/runs/" + id)));
  EXPECT_EQ(run.at("params").at("depth").as_string(), "6");
  EXPECT_EQ(run.at("params").at("lr").as_string(), "0.1");
}

TEST_P(RunsApi, TerminalRunOnlyAcceptsTagChanges) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  RawReply done = DoJson("PATCH", Url("/runs/" + id), bj::object{{"status", "completed"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_TRUE(IsRfc3339Millis(Str(BodyJson(done), "end_time"))) << done.body;
  ExpectProblem(DoJson("PATCH", Url("/runs/" + id), bj::object{{"status", "running"}}), 409);
  ExpectProblem(DoJson("PATCH", Url("/runs/" + id), bj::object{{"params", {{"x", "1"}}}}), 409);
  RawReply tags = DoJson("PATCH", Url("/runs/" + id), bj::object{{"tags", {{"note", "ok"}}}});
  ASSERT_EQ(tags.status, 200) << tags.body;
  EXPECT_EQ(BodyJson(tags).at("tags").at("note").as_string(), "ok");
}

TEST_P(RunsApi, StaleIfMatchOnRunIs412) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  ASSERT_EQ(
      DoJson("PATCH", Url("/runs/" + id), bj::object{{"tags", {{"a", "1"}}}}, {{"If-Match", "1"}})
          .status,
      200);
  ExpectProblem(
      DoJson("PATCH", Url("/runs/" + id), bj::object{{"tags", {{"a", "2"}}}}, {{"If-Match", "1"}}),
      412);
  bj::value run = BodyJson(Do("GET", Url("/runs/" + id)));
  EXPECT_EQ(run.at("tags").at("a").as_string(), "1");
  EXPECT_EQ(run.at("revision").as_int64(), 2);
}

TEST_P(RunsApi, PatchRejectsBadStatus) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  ExpectProblem(DoJson("PATCH", Url("/runs/" + id), bj::object{{"status", "paused"}}), 400,
                "status");
  ExpectProblem(DoJson("PATCH", Url("/runs/" + id), bj::object{{"status", 1}}), 400, "status");
}

TEST_P(RunsApi, ListByExperimentAndStatus) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string a = Str(CreateRun(exp), "run_id");
  std::this_thread::sleep_for(std::chrono::milliseconds(3));  // distinct created_at
  std::string b = Str(CreateRun(exp), "run_id");
  ASSERT_EQ(DoJson("PATCH", Url("/runs/" + b), bj::object{{"status", "killed"}}).status, 200);
  bj::value all = BodyJson(Do("GET", Url("/runs?experiment_name=" + exp)));
  ASSERT_EQ(Items(all).size(), 2u);
  EXPECT_EQ(Str(Items(all)[0], "run_id"), b);  // newest first
  bj::value killed = BodyJson(Do("GET", Url("/runs?experiment_name=" + exp + "&status=killed")));
  ASSERT_EQ(Items(killed).size(), 1u);
  EXPECT_EQ(Str(Items(killed)[0], "run_id"), b);
  ExpectProblem(Do("GET", Url("/runs?experiment_name=" + exp + "&status=zombie")), 400);
}

TEST_P(RunsApi, SearchWithFilterAndOrderBy) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::vector<std::string> ids;
  const double aucs[] = {0.7, 0.9, 0.85};
  const char* depths[] = {"6", "6", "8"};
  for (int i = 0; i < 3; ++i) {
    ids.push_back(Str(CreateRun(exp, bj::object{{"params", {{"depth", depths[i]}}},
                                                {"tags", {{"team", "alpha"}}}}),
                      "run_id"));
    ASSERT_EQ(LogMetrics(ids.back(), bj::array{Point("auc", aucs[i], 0)}).status, 200);
  }
  auto search = [&](const std::string& query) {
    RawReply r = Do("GET", Url("/runs?experiment_name=" + exp + "&" + query));
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::vector<std::string> out;
    for (const auto& it : Items(BodyJson(r))) out.push_back(Str(it, "run_id"));
    return out;
  };
  // metrics.auc > 0.8 ordered by auc DESC
  EXPECT_EQ(search("filter=metrics.auc%20%3E%200.8&order_by=metrics.auc%20DESC"),
            (std::vector<std::string>{ids[1], ids[2]}));
  EXPECT_EQ(search("order_by=metrics.auc%20ASC"),
            (std::vector<std::string>{ids[0], ids[2], ids[1]}));
  // metrics.auc > 0.8 and params.depth = '6' and tags.team = 'alpha'
  EXPECT_EQ(search("filter=metrics.auc%20%3E%200.8%20and%20params.depth%20%3D%20%276%27%20and%20"
                   "tags.team%20%3D%20%27alpha%27"),
            (std::vector<std::string>{ids[1]}));
  EXPECT_TRUE(search("filter=tags.team%20%3D%20%27beta%27").empty());
}

TEST_P(RunsApi, BadFilterIs400WithPosition) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  RawReply r = Do("GET", Url("/runs?experiment_name=" + exp +
                             "&filter=metrics.auc%20%3E%3E%200.8"));  // metrics.auc >> 0.8
  ExpectProblem(r, 400, "filter");
  EXPECT_NE(Str(BodyJson(r), "detail").find("position"), std::string::npos) << r.body;
  RawReply o = Do("GET", Url("/runs?order_by=metrics.auc%20SIDEWAYS"));
  ExpectProblem(o, 400, "order_by");
  EXPECT_NE(Str(BodyJson(o), "detail").find("position"), std::string::npos) << o.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, RunsApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

// ---------------------------------------------------------------- metrics

using MetricsApi = ApiTest;

TEST_P(MetricsApi, BatchIsAcceptedAndLatestValueShownOnRun) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  bj::array points{Point("loss", 0.9, 0), Point("loss", 0.5, 2), Point("loss", 0.7, 1),
                   bj::object{{"key", "acc"}, {"value", 0.8}, {"timestamp", 1700000000000}}};
  RawReply r = LogMetrics(id, points);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(BodyJson(r).at("accepted").as_int64(), 4);
  bj::value run = BodyJson(Do("GET", Url("/runs/" + id)));
  const auto& m = run.at("metrics");
  EXPECT_DOUBLE_EQ(m.at("loss").at("value").to_number<double>(), 0.5);  // highest step
  EXPECT_EQ(m.at("loss").at("step").as_int64(), 2);
  EXPECT_EQ(m.at("acc").at("step").as_int64(), 0);  // default step
}

TEST_P(MetricsApi, BatchIsAllOrNothing) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  bj::array points;
  for (int i = 0; i < 50; ++i) points.push_back(Point("x", i, i));
  points.push_back(bj::object{{"key", "x"}, {"value", "NaN"}, {"step", 50}});
  RawReply r = LogMetrics(id, points);
  ExpectProblem(r, 400, "metrics[50]");
  bj::value hist = BodyJson(Do("GET", Url("/runs/" + id + "/metrics/x")));
  EXPECT_TRUE(Items(hist).empty()) << "a rejected batch left points behind";

  // The same for a bad step and a missing key, at the end of a batch.
  points.back() = Point("x", 1, 0);
  points.back().as_object()["step"] = 1.5;
  ExpectProblem(LogMetrics(id, points), 400, "step");
  points.back() = bj::object{{"value", 1.0}};
  ExpectProblem(LogMetrics(id, points), 400, "key");
  EXPECT_TRUE(Items(BodyJson(Do("GET", Url("/runs/" + id + "/metrics/x")))).empty());
}

TEST_P(MetricsApi, RejectsMalformedBatches) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  std::string target = Url("/runs/" + id + "/metrics");
  ExpectProblem(Do("POST", target, "{\"metrics\": [", {{"Content-Type", "application/json"}}), 400);
  ExpectProblem(DoJson("POST", target, bj::object{{"metrics", "x"}}), 400, "metrics");
  ExpectProblem(DoJson("POST", target, bj::object{{"metrics", bj::array{}}, {"extra", 1}}), 400,
                "extra");
  ExpectProblem(DoJson("POST", target,
                       bj::object{{"metrics",
                                   bj::array{bj::object{{"key", "a"}, {"value", 1}, {"stp", 1}}}}}),
                400, "stp");
  ExpectProblem(Do("POST", target, "{\"metrics\":[]}", {{"Content-Type", "text/csv"}}), 415);
  // Infinity is not JSON; a huge exponent overflows to inf and must be refused as non-finite.
  ExpectProblem(Do("POST", target, "{\"metrics\":[{\"key\":\"a\",\"value\":1e999}]}",
                   {{"Content-Type", "application/json"}}),
                400);
}

TEST_P(MetricsApi, MoreThan10000PointsIsRejected) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  bj::array points;
  for (int i = 0; i < 10001; ++i) points.push_back(Point("big", i, i));
  RawReply r = LogMetrics(id, points);
  EXPECT_TRUE(r.status == 400 || r.status == 413) << r.status << " " << r.body.substr(0, 300);
  EXPECT_TRUE(Items(BodyJson(Do("GET", Url("/runs/" + id + "/metrics/big")))).empty());
  points.erase(points.end() - 1);
  RawReply ok = LogMetrics(id, points);
  ASSERT_EQ(ok.status, 200) << ok.body.substr(0, 300);
  EXPECT_EQ(BodyJson(ok).at("accepted").as_int64(), 10000);
}

TEST_P(MetricsApi, HistoryIsOrderedByStepAndFiltersRange) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  ASSERT_EQ(LogMetrics(id, bj::array{Point("l", 5, 5), Point("l", 1, 1), Point("l", 3, 3)}).status,
            200);
  ASSERT_EQ(
      LogMetrics(id, bj::array{Point("l", 2, 2), Point("l", 4, 4), Point("other", 9, 9)}).status,
      200);
  bj::value h = BodyJson(Do("GET", Url("/runs/" + id + "/metrics/l")));
  EXPECT_EQ(Str(h, "key"), "l");
  EXPECT_FALSE(h.at("downsampled").as_bool());
  std::vector<int64_t> steps;
  for (const auto& p : Items(h)) {
    steps.push_back(p.at("step").as_int64());
    EXPECT_DOUBLE_EQ(p.at("value").to_number<double>(), static_cast<double>(steps.back()));
    EXPECT_TRUE(p.as_object().contains("timestamp"));
  }
  EXPECT_EQ(steps, (std::vector<int64_t>{1, 2, 3, 4, 5}));
  bj::value range = BodyJson(Do("GET", Url("/runs/" + id + "/metrics/l?min_step=2&max_step=4")));
  ASSERT_EQ(Items(range).size(), 3u);
  EXPECT_EQ(Items(range)[0].at("step").as_int64(), 2);
  EXPECT_EQ(Items(range)[2].at("step").as_int64(), 4);
  ExpectProblem(Do("GET", Url("/runs/" + id + "/metrics/l?min_step=abc")), 400);
  ExpectProblem(Do("GET", Url("/runs/" + id + "/metrics/l?max_points=0")), 400);
}

TEST_P(MetricsApi, MaxPointsDownsamplesKeepingExtremes) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  bj::array points;
  for (int i = 0; i < 2000; ++i) {
    double v = std::sin(i / 50.0);
    if (i == 777) v = 42.0;    // a spike
    if (i == 1333) v = -42.0;  // a dip
    points.push_back(Point("s", v, i));
  }
  ASSERT_EQ(LogMetrics(id, points).status, 200);
  bj::value full = BodyJson(Do("GET", Url("/runs/" + id + "/metrics/s")));
  EXPECT_EQ(Items(full).size(), 2000u);
  bj::value h = BodyJson(Do("GET", Url("/runs/" + id + "/metrics/s?max_points=100")));
  EXPECT_TRUE(h.at("downsampled").as_bool());
  bj::array items = Items(h);
  EXPECT_LE(items.size(), 100u);
  EXPECT_GE(items.size(), 20u);
  double mx = -1e9, mn = 1e9;
  int64_t prev = -1;
  for (const auto& p : items) {
    mx = std::max(mx, p.at("value").to_number<double>());
    mn = std::min(mn, p.at("value").to_number<double>());
    EXPECT_GT(p.at("step").as_int64(), prev);
    prev = p.at("step").as_int64();
  }
  EXPECT_DOUBLE_EQ(mx, 42.0);
  EXPECT_DOUBLE_EQ(mn, -42.0);
}

INSTANTIATE_TEST_SUITE_P(Backends, MetricsApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

// ---------------------------------------------------------------- artifacts

using ArtifactsApi = ApiTest;

TEST_P(ArtifactsApi, UploadDownloadListWithSha256) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  std::string data;
  for (int i = 0; i < 100000; ++i) data += static_cast<char>(i * 7 % 256);
  std::string sha = Sha256Hex(data);
  RawReply put = Do("PUT", Url("/runs/" + id + "/artifacts/model/weights.bin"), data,
                    {{"Content-Type", "application/octet-stream"}});
  ASSERT_TRUE(put.status == 200 || put.status == 201) << put.status << " " << put.body;
  EXPECT_NE(put.body.find(sha), std::string::npos) << put.body;

  RawReply get = Do("GET", Url("/runs/" + id + "/artifacts/model/weights.bin"));
  ASSERT_EQ(get.status, 200);
  EXPECT_EQ(get.body.size(), data.size());
  EXPECT_TRUE(get.body == data);

  RawReply list = Do("GET", Url("/runs/" + id + "/artifacts"));
  ASSERT_EQ(list.status, 200) << list.body;
  bj::value lj = BodyJson(list);
  ASSERT_EQ(Items(lj).size(), 1u) << list.body;
  bj::value a = Items(lj)[0];
  EXPECT_EQ(Str(a, "path"), "model/weights.bin");
  EXPECT_EQ(Str(a, "sha256"), sha);
  EXPECT_EQ(a.at("size_bytes").to_number<int64_t>(), static_cast<int64_t>(data.size()));
  // The run lists it too.
  EXPECT_NE(BodyJson(Do("GET", Url("/runs/" + id))).at("artifacts").as_array().size(), 0u);
}

// Artifacts are immutable once written (like params): a second PUT of the same path is 409 and
// the first content and digest stay.
TEST_P(ArtifactsApi, OverwriteIsRefusedAndKeepsFirstContent) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  std::string target = Url("/runs/" + id + "/artifacts/notes.txt");
  ASSERT_LT(Do("PUT", target, "first", {{"Content-Type", "text/plain"}}).status, 300);
  ExpectProblem(Do("PUT", target, "second!", {{"Content-Type", "text/plain"}}), 409);
  EXPECT_EQ(Do("GET", target).body, "first");
  bj::value lj = BodyJson(Do("GET", Url("/runs/" + id + "/artifacts")));
  ASSERT_EQ(Items(lj).size(), 1u);
  EXPECT_EQ(Str(Items(lj)[0], "sha256"), Sha256Hex("first"));
}

TEST_P(ArtifactsApi, MissingArtifactAndUnknownRunAre404) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  ExpectProblem(Do("GET", Url("/runs/" + id + "/artifacts/nope.bin")), 404);
  ExpectProblem(Do("PUT", Url("/runs/00000000-0000-4000-8000-000000000000/artifacts/a.bin"), "x",
                   {{"Content-Type", "application/octet-stream"}}),
                404);
}

TEST_P(ArtifactsApi, PathEscapesAreRefusedAndWriteNothingOutside) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  std::string marker = "escape-" + UniqueName("m");
  const std::vector<std::string> paths = {
      "../../" + marker,
      "../../../../../../../../tmp/" + marker,
      "a/../../../" + marker,
      "%2e%2e/%2e%2e/" + marker,
      "%2E%2E%2F%2E%2E%2F" + marker,
      "..%2f..%2f..%2f" + marker,
      "%2fetc%2f" + marker,
      "a/%2e%2e/%2e%2e/%2e%2e/" + marker,
      "./../" + marker,
      "a\\..\\..\\" + marker,
  };
  for (const auto& p : paths) {
    RawReply r = Do("PUT", Url("/runs/" + id + "/artifacts/" + p), "evil",
                    {{"Content-Type", "application/octet-stream"}});
    EXPECT_TRUE(r.status == 400 || r.status == 404) << p << " -> " << r.status << " " << r.body;
    if (r.status >= 400) {
      ExpectProblem(r, r.status);
    }
    RawReply g = Do("GET", Url("/runs/" + id + "/artifacts/" + p));
    EXPECT_TRUE(g.status == 400 || g.status == 404) << "GET " << p << " -> " << g.status;
  }
  // Nothing named `marker` anywhere above the data dir (walk each ancestor's direct children
  // and the whole temp folder holding the data dir).
  fs::path dir = fs::path(server_->data_dir());
  for (fs::path p = dir.parent_path(); !p.empty(); p = p.parent_path()) {
    EXPECT_FALSE(fs::exists(p / marker)) << (p / marker);
    EXPECT_FALSE(fs::exists(p / "tmp" / marker));
    EXPECT_FALSE(fs::exists(p / "etc" / marker));
    if (p == p.parent_path()) break;
  }
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(
           dir.parent_path(), fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->path().filename().string().find(marker) == std::string::npos) continue;
    bool inside = it->path().string().rfind(dir.string() + "/", 0) == 0;
    EXPECT_TRUE(inside) << "written outside the data dir: " << it->path();
  }
  // And the listing has no escaped entry.
  bj::value lj = BodyJson(Do("GET", Url("/runs/" + id + "/artifacts")));
  for (const auto& a : Items(lj)) {
    EXPECT_EQ(Str(a, "path").find(".."), std::string::npos) << Str(a, "path");
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ArtifactsApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

// ---------------------------------------------------------------- body limit

class SmallBodyApi : public ApiTest {
 protected:
  std::vector<std::string> ExtraArgs() const override { return {"--max-body-bytes", "4096"}; }
};

TEST_P(SmallBodyApi, BodyOverTheLimitIs413) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  bj::array points;
  for (int i = 0; i < 500; ++i) points.push_back(Point("x", i, i));
  RawReply r = LogMetrics(id, points);
  ExpectProblem(r, 413);
  // The server is still usable afterwards (on a new connection if it closed this one).
  EXPECT_EQ(Do("GET", Url("/runs/" + id)).status, 200);
  EXPECT_TRUE(Items(BodyJson(Do("GET", Url("/runs/" + id + "/metrics/x")))).empty());
}

TEST_P(SmallBodyApi, ArtifactUploadsAreNotBoundByTheJsonLimit) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  std::string id = Str(CreateRun(exp), "run_id");
  std::string data(1 << 20, 'z');
  RawReply put = Do("PUT", Url("/runs/" + id + "/artifacts/big.bin"), data,
                    {{"Content-Type", "application/octet-stream"}});
  ASSERT_LT(put.status, 300) << put.body;
  RawReply get = Do("GET", Url("/runs/" + id + "/artifacts/big.bin"));
  EXPECT_EQ(get.body.size(), data.size());
  EXPECT_EQ(Sha256Hex(get.body), Sha256Hex(data));
}

INSTANTIATE_TEST_SUITE_P(Backends, SmallBodyApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

// ---------------------------------------------------------------- audit

using AuditApi = ApiTest;

// Audit records that mention `needle` anywhere.
std::vector<bj::value> AuditMentioning(ApiTest& t, const bj::value& list,
                                       const std::string& needle) {
  (void)t;
  std::vector<bj::value> out;
  for (const auto& it : Items(list)) {
    if (bj::serialize(it).find(needle) != std::string::npos) out.push_back(it);
  }
  return out;
}

TEST_P(AuditApi, MutationsAreAuditedWithTheActor) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp, {}, "alice");
  std::string id = Str(CreateRun(exp, {}, "bob"), "run_id");
  ASSERT_EQ(DoJson("PATCH", Url("/runs/" + id), bj::object{{"status", "completed"}},
                   {{"X-Cairn-User", "carol"}})
                .status,
            200);
  RawReply r = Do("GET", "/api/v1/audit?limit=1000");
  ASSERT_EQ(r.status, 200) << r.body;
  bj::value list = BodyJson(r);
  auto exp_records = AuditMentioning(*this, list, exp);
  ASSERT_FALSE(exp_records.empty()) << r.body.substr(0, 1000);
  bool alice = false;
  for (const auto& rec : exp_records)
    alice |= bj::serialize(rec).find("\"alice\"") != std::string::npos;
  EXPECT_TRUE(alice) << "experiment creation not attributed to alice";
  auto run_records = AuditMentioning(*this, list, id);
  bool bob = false, carol = false;
  for (const auto& rec : run_records) {
    bob |= bj::serialize(rec).find("\"bob\"") != std::string::npos;
    carol |= bj::serialize(rec).find("\"carol\"") != std::string::npos;
  }
  EXPECT_TRUE(bob) << "run creation not attributed to bob";
  EXPECT_TRUE(carol) << "run update not attributed to carol";
  for (const auto& rec : exp_records) {
    EXPECT_TRUE(IsRfc3339Millis(Str(rec, "timestamp")) || IsRfc3339Millis(Str(rec, "at")) ||
                IsRfc3339Millis(Str(rec, "created_at")) || IsRfc3339Millis(Str(rec, "time")))
        << "no RFC 3339 time on " << bj::serialize(rec);
  }
}

TEST_P(AuditApi, FailedMutationLeavesNoAuditRecord) {
  std::string exp = UniqueName("exp");
  CreateExperiment(exp);
  size_t before =
      AuditMentioning(*this, BodyJson(Do("GET", "/api/v1/audit?limit=1000")), exp).size();
  ExpectProblem(DoJson("POST", Url("/experiments"), bj::object{{"name", exp}}), 409);
  ExpectProblem(DoJson("PATCH", Url("/experiments/" + exp), bj::object{{"description", "x"}},
                       {{"If-Match", "9"}}),
                412);
  size_t after =
      AuditMentioning(*this, BodyJson(Do("GET", "/api/v1/audit?limit=1000")), exp).size();
  EXPECT_EQ(before, after);
}

TEST_P(AuditApi, ReadsAreNotAuditedAndWrongMethodIs405) {
  RawReply first = Do("GET", "/api/v1/audit");
  ASSERT_EQ(first.status, 200);
  size_t n = Items(BodyJson(first)).size();
  Do("GET", Url("/experiments"));
  EXPECT_EQ(Items(BodyJson(Do("GET", "/api/v1/audit"))).size(), n);
  ExpectProblem(DoJson("POST", "/api/v1/audit", bj::object{}), 405);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
