// Cost of authentication per request (issue 11): the credential check (cache hit, and a storage
// lookup on SQLite and, with CAIRN_TEST_PG_URL set, PostgreSQL) and the router's whole access
// step (parse the header, check, role, attach the principal) against the same route with
// authentication off. Not a test: nothing here asserts timings.
//   build/release/bench/auth_bench [--benchmark_min_time=1]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>

#include "audit/sql_audit_store.h"
#include "auth/auth_service.h"
#include "auth/http_authenticator.h"
#include "auth/secrets.h"
#include "auth/sql_auth_store.h"
#include "common/log.h"
#include "http/router.h"
#include "storage/testing/test_databases.h"

namespace {

using namespace cairn;

struct Fixture {
  std::unique_ptr<storage::SqlDatabase> db;
  std::unique_ptr<audit::SqlAuditStore> audit;
  std::unique_ptr<auth::AuthService> service;
  std::unique_ptr<auth::HttpAuthenticator> authenticator;
  std::string token;

  static std::unique_ptr<Fixture> Make(storage::Backend backend, int64_t cache_ttl_ms) {
    auto f = std::make_unique<Fixture>();
    auto db = storage::testing::OpenFreshTestDatabase(backend);
    if (!db.ok()) return nullptr;
    f->db = std::move(*db);
    f->audit = std::make_unique<audit::SqlAuditStore>(*f->db);
    auth::AuthOptions o;
    o.scrypt = auth::ScryptParams{10, 8, 1};
    o.cache_ttl_ms = cache_ttl_ms;
    o.requests.per_second = 0;  // measure the check, not the limiter's refusals
    f->service = std::make_unique<auth::AuthService>(std::make_unique<auth::SqlAuthStore>(*f->db),
                                                     *f->audit, o);
    auth::CreateUserRequest u{"bench", "", Role::kAdmin, "bench password 123"};
    if (!f->service->CreateUser(u, "bench").ok()) return nullptr;
    auto t = f->service->CreateToken(auth::CreateTokenRequest{std::nullopt, "bench", Role::kViewer,
                                                              std::nullopt, std::nullopt, true},
                                     Principal{"bench", Role::kAdmin, AuthMethod::kToken, "x", {}});
    if (!t.ok()) return nullptr;
    f->token = t->secret;
    f->authenticator = std::make_unique<auth::HttpAuthenticator>(*f->service);
    return f;
  }
  ~Fixture() {
    if (service) service->Stop();
  }
};

void CheckToken(benchmark::State& state, storage::Backend backend, int64_t ttl) {
  auto f = Fixture::Make(backend, ttl);
  if (!f) {
    state.SkipWithError("backend unavailable");
    return;
  }
  for (auto _ : state) {
    auto c = f->service->CheckToken(f->token);
    benchmark::DoNotOptimize(c);
  }
}

void BM_CheckTokenCached(benchmark::State& s) { CheckToken(s, storage::Backend::kSqlite, 60000); }
void BM_CheckTokenSqliteLookup(benchmark::State& s) { CheckToken(s, storage::Backend::kSqlite, 0); }
void BM_CheckTokenPostgresLookup(benchmark::State& s) {
  const char* pg = std::getenv("CAIRN_TEST_PG_URL");
  if (pg == nullptr || *pg == '\0') {
    s.SkipWithError("CAIRN_TEST_PG_URL is not set");
    return;
  }
  CheckToken(s, storage::Backend::kPostgres, 0);
}

http::Handler Trivial() {
  return [](http::Request&) { return http::Response::Json(200, "{}"); };
}

void Dispatch(benchmark::State& state, bool with_auth) {
  auto f = Fixture::Make(storage::Backend::kSqlite, 60000);
  if (!f) {
    state.SkipWithError("backend unavailable");
    return;
  }
  http::Router router;
  if (with_auth) {
    router.SetAccessControl(http::AccessControl{http::AuthMode::kRequired, f->authenticator.get()});
  }
  http::RouteOptions o;
  o.access = http::RouteAccess::Require(Role::kViewer);
  router.Add(http::Method::kGet, "/api/v1/ml/lifecycle/runs/{run_id}", Trivial(), o);
  http::Request req;
  req.method = http::Method::kGet;
  req.target = "/api/v1/ml/lifecycle/runs/0b7b8a53-3a1e-4d0e-9d3c-2a4c9e1f0a11";
  req.request_id = "bench";
  req.headers = {{"host", "127.0.0.1"}, {"user-agent", "bench"}};
  if (with_auth) req.headers.emplace_back("authorization", "Bearer " + f->token);
  for (auto _ : state) {
    req.path.clear();
    http::Response r = router.Dispatch(req);
    if (r.status != 200) {
      state.SkipWithError("unexpected status");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
}

void BM_DispatchAuthOff(benchmark::State& s) { Dispatch(s, false); }
void BM_DispatchBearerToken(benchmark::State& s) { Dispatch(s, true); }

void BM_Sha256OfToken(benchmark::State& state) {
  std::string token = *auth::NewTokenSecret();
  for (auto _ : state) benchmark::DoNotOptimize(auth::RawSha256(token));
}

BENCHMARK(BM_Sha256OfToken);
BENCHMARK(BM_CheckTokenCached);
BENCHMARK(BM_CheckTokenSqliteLookup);
BENCHMARK(BM_CheckTokenPostgresLookup);
BENCHMARK(BM_DispatchAuthOff);
BENCHMARK(BM_DispatchBearerToken);

}  // namespace

int main(int argc, char** argv) {
  cairn::log::SetQuiet(true);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
