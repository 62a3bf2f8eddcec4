// Identity and access end to end (issue 11, and issue 10 item 8): the real `cairn serve` with
// authentication required on SQLite and PostgreSQL, bootstrapped with the real `cairn user
// create` / `cairn token create`; a route x role matrix generated from the served OpenAPI
// document (whose x-required-role the unit tests tie to the router's table); expired and revoked
// tokens; console sessions (expiry, logout, CSRF); login and token rate limits; the refusal to
// run open on a non-loopback address; audit records with the principal and token id; and a grep
// of the server's whole output for every secret the test used.
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <thread>

#include "tests/integration/api_fixture.h"

namespace cairn::testing {
namespace {

using namespace std::chrono_literals;

constexpr char kRootPassword[] = "root password for tests";

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the cairn binary with `args`, feeding `input` on stdin (a pipe: not a terminal).
CliResult RunCli(const std::vector<std::string>& args, const std::string& input) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    return {};
  }
  std::vector<std::string> all = {CAIRN_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in_pipe[0], STDIN_FILENO);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (!input.empty()) (void)!::write(in_pipe[1], input.data(), input.size());
  ::close(in_pipe[1]);
  CliResult r;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  while (open_fds > 0 && ::poll(fds, 2, 30000) > 0) {
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buf[4096];
      ssize_t n = ::read(fds[i].fd, buf, sizeof(buf));
      if (n <= 0) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
      }
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) ::close(f.fd);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

class AuthApi : public ::testing::TestWithParam<BackendKind> {
 protected:
  // Starts a server with authentication required, and creates `root` (admin) and a root token
  // through the CLI, against the same storage.
  void Start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--auth", "required", "--password-hash-cost", "10"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto server = TestServer::Start(GetParam(), args);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    secrets_.push_back(kRootPassword);
    CliResult user =
        Cli({"user", "create", "root", "--role", "admin"}, std::string(kRootPassword) + "\n");
    ASSERT_EQ(user.exit_code, 0) << user.err;
    EXPECT_NE(user.out.find("created user root"), std::string::npos) << user.out;
    CliResult token =
        Cli({"token", "create", "--user", "root", "--name", "bootstrap", "--role", "admin"}, "");
    ASSERT_EQ(token.exit_code, 0) << token.err;
    root_token_ = Trim(token.out);
    ASSERT_EQ(root_token_.rfind("cairn_", 0), 0u) << token.out;
    ASSERT_EQ(root_token_.size(), 49u);
    EXPECT_EQ(token.err.find(root_token_), std::string::npos);  // stdout only
    secrets_.push_back(root_token_);
  }

  CliResult Cli(std::vector<std::string> args, const std::string& input) {
    args.push_back("--storage");
    args.push_back(server_->storage_uri());
    args.push_back("--password-hash-cost");
    args.push_back("10");
    return RunCli(args, input);
  }

  RawReply Do(std::string_view method, std::string_view target, std::string_view body = "",
              const Headers& headers = {}) {
    auto reply = server_->Call(method, target, body, headers);
    if (!reply.ok()) {
      ADD_FAILURE() << method << " " << target << ": " << reply.status().ToString() << "\n"
                    << server_->process().Log();
      return RawReply{};
    }
    return std::move(*reply);
  }
  RawReply DoJson(std::string_view method, std::string_view target, const bj::value& body,
                  Headers headers = {}) {
    headers.emplace_back("Content-Type", "application/json");
    return Do(method, target, bj::serialize(body), headers);
  }

  // A user with `role` and a token for it (through the admin API).
  std::string UserWithToken(const std::string& name, const std::string& role) {
    std::string password = "password of " + name + " 123";
    secrets_.push_back(password);
    RawReply u = DoJson("POST", "/api/v1/auth/users",
                        bj::object{{"name", name}, {"role", role}, {"password", password}},
                        Bearer(root_token_));
    EXPECT_EQ(u.status, 201) << u.body;
    RawReply t = DoJson("POST", "/api/v1/auth/tokens",
                        bj::object{{"name", "t-" + name}, {"user", name}}, Bearer(root_token_));
    EXPECT_EQ(t.status, 201) << t.body;
    std::string secret(BodyJson(t).at("token").as_string());
    secrets_.push_back(secret);
    return secret;
  }

  struct Session {
    std::string cookie;  // the Cookie header value
    std::string csrf;
  };
  Session Login(const std::string& user, const std::string& password) {
    RawReply r =
        DoJson("POST", "/api/v1/auth/login", bj::object{{"user", user}, {"password", password}});
    EXPECT_EQ(r.status, 200) << r.body;
    Session s;
    for (const auto& [name, value] : r.headers) {
      if (name != "set-cookie") continue;
      std::string pair = value.substr(0, value.find(';'));
      if (pair.rfind("cairn_csrf=", 0) == 0) s.csrf = pair.substr(11);
      if (!s.cookie.empty()) s.cookie += "; ";
      s.cookie += pair;
    }
    secrets_.push_back(s.cookie.substr(s.cookie.find('=') + 1, 43));
    secrets_.push_back(s.csrf);
    return s;
  }

  // Polls the audit log (auth refusals are written asynchronously).
  bj::array AuditWhere(const std::string& query, size_t at_least) {
    bj::array items;
    for (int i = 0; i < 100; ++i) {
      RawReply r = Do("GET", "/api/v1/audit?limit=1000&" + query, "", Bearer(root_token_));
      if (r.status != 200) break;
      items = BodyJson(r).at("items").as_array();
      if (items.size() >= at_least) break;
      std::this_thread::sleep_for(20ms);
    }
    return items;
  }

  std::unique_ptr<TestServer> server_;
  std::string root_token_;
  std::vector<std::string> secrets_;  // everything that must never appear in the output
};

// Every operation of the served OpenAPI document, with concrete paths.
struct Operation {
  std::string method;  // upper case
  std::string path;
  std::string role;  // x-required-role
  std::string content_type;
};

std::vector<Operation> OperationsOf(const bj::value& doc) {
  const std::map<std::string, std::string> values = {
      {"run_id", "00000000-0000-4000-8000-000000000000"},
      {"id", "00000000-0000-4000-8000-000000000001"},
      {"version", "1"},
      {"key", "loss"},
      {"path", "model.bin"},
      {"file", "nothing.txt"},
      {"label", "production"},
  };
  std::vector<Operation> ops;
  for (const auto& [p, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      if (!op.is_object() || !op.as_object().contains("x-required-role")) continue;
      Operation o;
      o.method = std::string(method);
      for (char& c : o.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      std::string path(p);
      for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{')) {
        size_t close = path.find('}', open);
        std::string name = path.substr(open + 1, close - open - 1);
        auto it = values.find(name);
        path.replace(open, close - open + 1, it == values.end() ? "no-such-thing" : it->second);
      }
      o.path = path;
      o.role = std::string(op.at("x-required-role").as_string());
      if (const auto* body = op.as_object().if_contains("requestBody")) {
        o.content_type = std::string(body->at("content").as_object().begin()->key());
      }
      ops.push_back(std::move(o));
    }
  }
  return ops;
}

int Rank(const std::string& role) {
  if (role == "viewer") return 1;
  if (role == "editor") return 2;
  if (role == "approver") return 3;
  if (role == "admin") return 4;
  return 0;
}

TEST_P(AuthApi, RouteRoleMatrix) {
  Start();
  RawReply doc = Do("GET", "/openapi.json");
  ASSERT_EQ(doc.status, 200);
  std::vector<Operation> ops = OperationsOf(BodyJson(doc));
  ASSERT_GT(ops.size(), 80u);

  std::map<std::string, std::string> tokens;
  for (const char* role : {"viewer", "editor", "approver", "admin"}) {
    tokens[role] = UserWithToken(std::string("m-") + role, role);
  }
  // An expired and a revoked token of an admin.
  RawReply e = DoJson("POST", "/api/v1/auth/tokens",
                      bj::object{{"name", "short"}, {"expires_in", "1s"}}, Bearer(root_token_));
  ASSERT_EQ(e.status, 201) << e.body;
  const std::string expired(BodyJson(e).at("token").as_string());
  secrets_.push_back(expired);
  RawReply v =
      DoJson("POST", "/api/v1/auth/tokens", bj::object{{"name", "gone"}}, Bearer(root_token_));
  ASSERT_EQ(v.status, 201);
  const std::string revoked(BodyJson(v).at("token").as_string());
  const std::string revoked_id(BodyJson(v).at("id").as_string());
  secrets_.push_back(revoked);
  ASSERT_EQ(Do("GET", "/api/v1/auth/me", "", Bearer(revoked)).status, 200);
  ASSERT_EQ(Do("DELETE", "/api/v1/auth/tokens/" + revoked_id, "", Bearer(root_token_)).status, 200);
  std::this_thread::sleep_for(1100ms);

  int checked = 0;
  for (const Operation& op : ops) {
    std::string body;
    if (op.content_type == "application/json") body = "{}";
    if (op.content_type == "text/csv") body = "x\n1\n";
    if (op.content_type == "application/octet-stream") body = "bytes";
    auto call = [&](const Headers& auth) {
      Headers h = auth;
      if (!op.content_type.empty()) h.emplace_back("Content-Type", op.content_type);
      return Do(op.method, op.path, body, h);
    };
    const std::string what = op.method + " " + op.path;
    if (op.role == "public") {
      EXPECT_NE(call({}).status, 401) << what;
      continue;
    }
    RawReply none = call({});
    EXPECT_EQ(none.status, 401) << what << ": " << none.body;
    EXPECT_EQ(none.Header("www-authenticate"), R"(Bearer realm="cairn")") << what;
    EXPECT_EQ(call(Bearer(expired)).status, 401) << what << " (expired token)";
    EXPECT_EQ(call(Bearer(revoked)).status, 401) << what << " (revoked token)";
    EXPECT_EQ(call({{"X-Cairn-User", "root"}}).status, 401) << what << " (header identity)";
    for (const auto& [role, token] : tokens) {
      RawReply r = call(Bearer(token));
      if (Rank(role) >= Rank(op.role)) {
        EXPECT_NE(r.status, 401) << what << " as " << role << ": " << r.body;
        EXPECT_NE(r.status, 403) << what << " as " << role << ": " << r.body;
        EXPECT_NE(r.status, 405) << what << " as " << role;
        EXPECT_NE(r.status, 500) << what << " as " << role << ": " << r.body;
        if (r.status == 404) {  // the router's own 404: the documented route is not registered
          EXPECT_EQ(r.body.find("no resource at this path"), std::string::npos) << what;
        }
      } else {
        EXPECT_EQ(r.status, 403) << what << " as " << role << ": " << r.body;
        ExpectProblem(r, 403);
      }
    }
    ++checked;
  }
  EXPECT_GT(checked, 70);

  // The refusals are in the audit log, with the principal and the token behind them.
  bj::array forbidden = AuditWhere("resource=route", 10);
  bool viewer_seen = false;
  for (const auto& rec : forbidden) {
    const auto& o = rec.as_object();
    if (o.at("action") == "auth.forbidden" && o.at("actor") == "m-viewer" &&
        o.at("token_id").is_string() && o.at("auth_method") == "token") {
      viewer_seen = true;
    }
  }
  EXPECT_TRUE(viewer_seen) << bj::serialize(forbidden).substr(0, 2000);
}

TEST_P(AuthApi, BodyDependentRulesNeedApprover) {
  Start();
  std::string editor = UserWithToken("ed", "editor");
  std::string approver = UserWithToken("ap", "approver");
  const std::string models = std::string(kLifecycle) + "/models";
  RawReply reg = DoJson("POST", models, bj::object{{"model_name", "m1"}}, Bearer(editor));
  ASSERT_EQ(reg.status, 201) << reg.body;
  const std::string version = models + "/m1/1";
  EXPECT_EQ(DoJson("PATCH", version, bj::object{{"description", "fine"}}, Bearer(editor)).status,
            200);
  bj::object tick{{"checklist", bj::array{bj::object{{"key", "owner_signoff"}, {"done", true}}}}};
  RawReply denied = DoJson("PATCH", version, tick, Bearer(editor));
  EXPECT_EQ(denied.status, 403) << denied.body;
  EXPECT_NE(denied.body.find("owner_signoff"), std::string::npos);
  EXPECT_EQ(DoJson("PATCH", version, tick, Bearer(approver)).status, 200);
  EXPECT_EQ(DoJson("PATCH", version, bj::object{{"stage", "production"}}, Bearer(editor)).status,
            403);
  RawReply deploy =
      DoJson("POST", std::string(kLifecycle) + "/deployments",
             bj::object{{"model_name", "m1"}, {"model_version", 1}, {"environment", "production"}},
             Bearer(editor));
  EXPECT_EQ(deploy.status, 403) << deploy.body;
  RawReply staging =
      DoJson("POST", std::string(kLifecycle) + "/deployments",
             bj::object{{"model_name", "m1"}, {"model_version", 1}, {"environment", "staging"}},
             Bearer(editor));
  EXPECT_EQ(staging.status, 201) << staging.body;
}

TEST_P(AuthApi, AuditRecordsCarryThePrincipalAndTokenId) {
  Start();
  std::string editor = UserWithToken("writer", "editor");
  RawReply me = Do("GET", "/api/v1/auth/me", "", Bearer(editor));
  ASSERT_EQ(me.status, 200) << me.body;
  const std::string token_id(BodyJson(me).at("token_id").as_string());
  const std::string name = UniqueName("exp");
  RawReply c = DoJson("POST", std::string(kLifecycle) + "/experiments", bj::object{{"name", name}},
                      Bearer(editor));
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(BodyJson(c).at("created_by").as_string(), "writer");
  bj::array recs = AuditWhere("resource=experiment/" + name, 1);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].at("actor").as_string(), "writer");
  EXPECT_EQ(recs[0].at("auth_method").as_string(), "token");
  EXPECT_EQ(recs[0].at("token_id").as_string(), token_id);
}

TEST_P(AuthApi, ExpiredAndRevokedTokensStopWorking) {
  Start();
  RawReply t = DoJson("POST", "/api/v1/auth/tokens",
                      bj::object{{"name", "brief"}, {"expires_in", "1s"}, {"role", "viewer"}},
                      Bearer(root_token_));
  ASSERT_EQ(t.status, 201) << t.body;
  const std::string secret(BodyJson(t).at("token").as_string());
  secrets_.push_back(secret);
  EXPECT_EQ(Do("GET", std::string(kLifecycle) + "/experiments", "", Bearer(secret)).status, 200);
  std::this_thread::sleep_for(1100ms);
  RawReply expired = Do("GET", std::string(kLifecycle) + "/experiments", "", Bearer(secret));
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.Header("www-authenticate"), R"(Bearer realm="cairn", error="invalid_token")");

  RawReply t2 =
      DoJson("POST", "/api/v1/auth/tokens", bj::object{{"name", "revoke-me"}}, Bearer(root_token_));
  const std::string secret2(BodyJson(t2).at("token").as_string());
  const std::string id2(BodyJson(t2).at("id").as_string());
  secrets_.push_back(secret2);
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", Bearer(secret2)).status, 200);
  // A token can revoke itself; it stops working on the next request.
  EXPECT_EQ(Do("DELETE", "/api/v1/auth/tokens/" + id2, "", Bearer(secret2)).status, 200);
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", Bearer(secret2)).status, 401);
  bj::array denied = AuditWhere("resource=route", 2);
  bool expired_seen = false;
  for (const auto& r : denied) {
    if (r.at("summary").as_object().if_contains("reason") &&
        r.at("summary").at("reason") == "expired") {
      expired_seen = true;
    }
  }
  EXPECT_TRUE(expired_seen);
}

TEST_P(AuthApi, ConsoleSessionsWithCsrfLogoutAndIdleExpiry) {
  Start({"--session-idle-timeout", "2s", "--session-lifetime", "1h"});
  Session s = Login("root", kRootPassword);
  ASSERT_FALSE(s.csrf.empty());
  Headers cookie = {{"Cookie", s.cookie}};
  RawReply me = Do("GET", "/api/v1/auth/me", "", cookie);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(BodyJson(me).at("auth_method").as_string(), "session");
  const std::string url = std::string(kLifecycle) + "/experiments";
  RawReply no_csrf = DoJson("POST", url, bj::object{{"name", UniqueName("s")}}, cookie);
  EXPECT_EQ(no_csrf.status, 403) << no_csrf.body;
  Headers bad = cookie;
  bad.emplace_back("X-CSRF-Token", std::string(43, 'A'));
  EXPECT_EQ(DoJson("POST", url, bj::object{{"name", UniqueName("s")}}, bad).status, 403);
  Headers good = cookie;
  good.emplace_back("X-CSRF-Token", s.csrf);
  RawReply ok = DoJson("POST", url, bj::object{{"name", UniqueName("s")}}, good);
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(BodyJson(ok).at("created_by").as_string(), "root");

  // Logout ends it everywhere.
  EXPECT_EQ(Do("POST", "/api/v1/auth/logout", "", good).status, 204);
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", cookie).status, 401);

  // Idle expiry: used within the timeout it lives on; left alone it dies.
  Session t = Login("root", kRootPassword);
  Headers c2 = {{"Cookie", t.cookie}};
  for (int i = 0; i < 4; ++i) {
    std::this_thread::sleep_for(800ms);
    ASSERT_EQ(Do("GET", "/api/v1/auth/me", "", c2).status, 200) << i;
  }
  std::this_thread::sleep_for(2200ms);
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", c2).status, 401);
}

TEST_P(AuthApi, SessionsHaveAnAbsoluteLifetime) {
  Start({"--session-idle-timeout", "1h", "--session-lifetime", "2s"});
  Session s = Login("root", kRootPassword);
  Headers cookie = {{"Cookie", s.cookie}};
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", cookie).status, 200);
  std::this_thread::sleep_for(1000ms);
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", cookie).status, 200);
  std::this_thread::sleep_for(1200ms);
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", cookie).status, 401);
}

TEST_P(AuthApi, LoginIsRateLimitedPerUserAndPerAddress) {
  Start({"--login-failures-per-user", "3", "--login-failures-per-address", "5", "--trust-proxy"});
  const bj::object wrong{{"user", "root"}, {"password", "definitely wrong password"}};
  secrets_.push_back("definitely wrong password");
  for (int i = 0; i < 3; ++i) {
    RawReply r = DoJson("POST", "/api/v1/auth/login", wrong, {{"X-Forwarded-For", "203.0.113.1"}});
    EXPECT_EQ(r.status, 401) << r.body;
  }
  RawReply blocked = DoJson("POST", "/api/v1/auth/login",
                            bj::object{{"user", "root"}, {"password", kRootPassword}},
                            {{"X-Forwarded-For", "203.0.113.2"}});
  EXPECT_EQ(blocked.status, 429) << blocked.body;
  ASSERT_TRUE(blocked.Header("retry-after").has_value());
  EXPECT_GT(std::stoi(*blocked.Header("retry-after")), 0);
  ExpectProblem(blocked, 429);
  // Per address: five failures from one address, spread over users, block that address.
  for (int i = 0; i < 5; ++i) {
    DoJson("POST", "/api/v1/auth/login",
           bj::object{{"user", "user" + std::to_string(i)}, {"password", "wrong password here"}},
           {{"X-Forwarded-For", "198.51.100.7"}});
  }
  EXPECT_EQ(DoJson("POST", "/api/v1/auth/login",
                   bj::object{{"user", "someone"}, {"password", "wrong password here"}},
                   {{"X-Forwarded-For", "10.0.0.1, 198.51.100.7"}})
                .status,
            429);
  bj::array failed = AuditWhere("resource=user/root", 3);
  int failures = 0;
  for (const auto& r : failed) failures += r.at("action") == "auth.login_failed";
  EXPECT_GE(failures, 3);
}

TEST_P(AuthApi, PerTokenRequestRateLimit) {
  Start({"--token-rate-limit", "5"});  // 5/s, bursts of 10
  int ok = 0, limited = 0;
  std::optional<std::string> retry;
  for (int i = 0; i < 15; ++i) {
    RawReply r = Do("GET", "/api/v1/auth/me", "", Bearer(root_token_));
    if (r.status == 200) ++ok;
    if (r.status == 429) {
      ++limited;
      retry = r.Header("retry-after");
    }
  }
  EXPECT_GE(ok, 10);
  EXPECT_GE(limited, 1);
  ASSERT_TRUE(retry.has_value());
  EXPECT_GE(std::stoi(*retry), 1);
  std::this_thread::sleep_for(1200ms);
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", Bearer(root_token_)).status, 200);
}

TEST_P(AuthApi, SecretsNeverReachTheOutputAuditOrErrors) {
  Start();
  std::string editor = UserWithToken("sec", "editor");
  Session s = Login("sec", "password of sec 123");
  // Failed attempts with secret-looking values.
  const std::string bogus = "cairn_" + std::string(43, 'Z');
  secrets_.push_back(bogus);
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", Bearer(bogus)).status, 401);
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", {{"Authorization", "Basic c2VjOnBhc3N3b3Jk"}}).status,
            401);
  secrets_.push_back("c2VjOnBhc3N3b3Jk");
  const std::string wrong = "this is the wrong password";
  secrets_.push_back(wrong);
  EXPECT_EQ(
      DoJson("POST", "/api/v1/auth/login", bj::object{{"user", "sec"}, {"password", wrong}}).status,
      401);
  EXPECT_EQ(DoJson("POST", "/api/v1/auth/users",
                   bj::object{{"name", "weak"}, {"role", "viewer"}, {"password", "short-pw"}},
                   Bearer(root_token_))
                .status,
            400);
  secrets_.push_back("short-pw");
  EXPECT_EQ(DoJson("PUT", "/api/v1/auth/users/sec/password",
                   bj::object{{"password", "a brand new password"}}, Bearer(root_token_))
                .status,
            204);
  secrets_.push_back("a brand new password");
  Headers cookie = {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", cookie).status, 401);  // the reset ended it
  EXPECT_EQ(Do("GET", std::string(kLifecycle) + "/experiments", "", Bearer(editor)).status, 200);

  // Audit log and error bodies.
  RawReply audit = Do("GET", "/api/v1/audit?limit=1000", "", Bearer(root_token_));
  ASSERT_EQ(audit.status, 200);
  for (const std::string& secret : secrets_) {
    EXPECT_EQ(audit.body.find(secret), std::string::npos) << "secret in the audit log";
  }
  // The server's whole output after a clean stop.
  ASSERT_TRUE(server_->process().Terminate().has_value());
  std::string output = server_->process().FullLog() + server_->process().Stdout();
  ASSERT_NE(output.find("listening on"), std::string::npos);
  ASSERT_NE(output.find("/api/v1/auth/login"), std::string::npos);  // the access log is there
  for (const std::string& secret : secrets_) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(output.find(secret), std::string::npos) << "a secret reached the server output";
  }
  EXPECT_EQ(output.find("Authorization"), std::string::npos);
  EXPECT_EQ(output.find("cairn_session="), std::string::npos);
}

TEST_P(AuthApi, FirstStartPrintsTheBootstrapCommands) {
  auto server = TestServer::Start(GetParam(), {"--auth", "required"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  std::string log;
  for (int i = 0; i < 50 && log.find("token create") == std::string::npos; ++i) {
    std::this_thread::sleep_for(20ms);
    log = (*server)->process().FullLog();
  }
  EXPECT_NE(log.find("cairn user create NAME --role admin --storage"), std::string::npos) << log;
  EXPECT_NE(log.find("cairn token create --user NAME --name NAME --role admin"), std::string::npos);
  // The commands name this very storage (the test URIs carry no password; BootstrapHint's unit
  // test covers redaction).
  EXPECT_NE(log.find("--storage '" + (*server)->storage_uri() + "'"), std::string::npos) << log;
}

TEST_P(AuthApi, NonLoopbackAddressRequiresAuthenticationUnlessExplicitlyOff) {
  auto guarded = TestServer::Start(GetParam(), {"--host", "0.0.0.0"});
  ASSERT_TRUE(guarded.ok()) << guarded.status().ToString();
  auto r = (*guarded)->Call("GET", std::string(kLifecycle) + "/experiments", "",
                            {{"X-Cairn-User", "alice"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 401) << "a server on 0.0.0.0 must not be open by default";
  EXPECT_EQ((*guarded)->Call("GET", "/healthz")->status, 200);

  auto open = TestServer::Start(GetParam(), {"--host", "0.0.0.0", "--auth", "off"});
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ((*open)->Call("GET", std::string(kLifecycle) + "/experiments")->status, 200);
  std::string log;
  for (int i = 0; i < 50 && log.find("WARNING") == std::string::npos; ++i) {
    std::this_thread::sleep_for(20ms);
    log = (*open)->process().FullLog();
  }
  EXPECT_NE(log.find("WARNING: authentication is off"), std::string::npos) << log;
}

TEST_P(AuthApi, CliRefusesBadInput) {
  Start();
  EXPECT_EQ(Cli({"user", "create", "x", "--role", "overlord"}, "a long password!\n").exit_code, 2);
  EXPECT_EQ(Cli({"user", "create", "weak", "--role", "viewer"}, "short\n").exit_code, 1);
  EXPECT_EQ(Cli({"user", "create", "root", "--role", "viewer"}, "a long password!\n").exit_code,
            1);  // exists
  EXPECT_EQ(Cli({"token", "create", "--user", "ghost", "--name", "x"}, "").exit_code, 1);
  EXPECT_EQ(Cli({"token", "create", "--user", "root"}, "").exit_code, 2);
  CliResult never =
      Cli({"token", "create", "--user", "root", "--name", "n", "--expires", "never"}, "");
  ASSERT_EQ(never.exit_code, 0) << never.err;
  secrets_.push_back(Trim(never.out));
  EXPECT_NE(never.err.find("never expires"), std::string::npos);
  EXPECT_EQ(Do("GET", "/api/v1/auth/me", "", Bearer(Trim(never.out))).status, 200);
}

// Issue 11 item 3 on real identities: a version is promoted to production and deployed to
// production by someone other than its registrar; a prompt version is approved by someone who
// neither wrote, submitted nor edited it. Refusals are 403 problem+json and audited.
bool HasAction(const bj::array& records, std::string_view action, std::string_view actor) {
  for (const auto& r : records) {
    if (r.at("action").as_string() == action && r.at("actor").as_string() == actor) return true;
  }
  return false;
}

TEST_P(AuthApi, FourEyesOnPromotionAndProductionDeployment) {
  Start();
  std::string ann = UserWithToken("ann", "approver");
  std::string bea = UserWithToken("bea", "approver");
  const std::string models = std::string(kLifecycle) + "/models";
  const std::string model = UniqueName("m");
  ASSERT_EQ(DoJson("POST", models, bj::object{{"model_name", model}}, Bearer(ann)).status, 201);
  const std::string version = models + "/" + model + "/1";
  bj::array ticks;
  for (const char* k : {"evaluation_passed", "data_validated", "bias_reviewed", "owner_signoff"})
    ticks.push_back(bj::object{{"key", k}, {"done", true}});
  ASSERT_EQ(DoJson("PATCH", version, bj::object{{"checklist", ticks}}, Bearer(ann)).status, 200);
  RawReply own = DoJson("PATCH", version, bj::object{{"stage", "production"}}, Bearer(ann));
  ExpectProblem(own, 403);
  EXPECT_NE(own.body.find("registered by 'ann'"), std::string::npos) << own.body;
  RawReply still = Do("GET", version, "", Bearer(ann));
  EXPECT_EQ(BodyJson(still).at("stage").as_string(), "none");
  RawReply other = DoJson("PATCH", version, bj::object{{"stage", "production"}}, Bearer(bea));
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_EQ(BodyJson(other).at("stage").as_string(), "production");

  const std::string deployments = std::string(kLifecycle) + "/deployments";
  bj::object prod{{"model_name", model}, {"model_version", 1}, {"environment", "production"}};
  RawReply own_deploy = DoJson("POST", deployments, prod, Bearer(ann));
  ExpectProblem(own_deploy, 403);
  EXPECT_NE(own_deploy.body.find("registered by 'ann'"), std::string::npos) << own_deploy.body;
  RawReply deploy = DoJson("POST", deployments, prod, Bearer(bea));
  EXPECT_EQ(deploy.status, 201) << deploy.body;
  // A staging deployment is not a production gate.
  RawReply staging =
      DoJson("POST", deployments,
             bj::object{{"model_name", model}, {"model_version", 1}, {"environment", "staging"}},
             Bearer(ann));
  EXPECT_EQ(staging.status, 201) << staging.body;

  bj::array recs = AuditWhere("resource=model_version/" + model + "/1", 4);
  EXPECT_TRUE(HasAction(recs, "model_version.promote_refused", "ann"));
  EXPECT_TRUE(HasAction(recs, "deployment.create_refused", "ann"));
  EXPECT_TRUE(HasAction(recs, "model_version.update", "bea"));
}

TEST_P(AuthApi, PromptApproverIsNeitherAuthorSubmitterNorEditor) {
  Start();
  std::string author = UserWithToken("author", "editor");
  std::string fixer = UserWithToken("fixer", "approver");
  std::string reviewer = UserWithToken("reviewer", "approver");
  const std::string base = "/api/v1/prompt-governance/templates";
  RawReply t = DoJson("POST", base,
                      bj::object{{"name", UniqueName("p")},
                                 {"body", "Hello {{name}}."},
                                 {"variables", bj::array{bj::object{{"name", "name"}}}}},
                      Bearer(author));
  ASSERT_EQ(t.status, 201) << t.body;
  const std::string id(BodyJson(t).at("id").as_string());
  const std::string v1 = base + "/" + id + "/1";
  const std::string v1_body = base + "/" + id + "/versions/1";
  RawReply edit =
      DoJson("PATCH", v1_body, bj::object{{"body", "Hello {{name}}, welcome."}}, Bearer(fixer));
  ASSERT_EQ(edit.status, 200) << edit.body;
  EXPECT_EQ(BodyJson(edit).at("edited_by").as_array(), (bj::array{"fixer"}));
  ASSERT_EQ(Do("POST", v1 + "/submit", "", Bearer(author)).status, 200);
  RawReply by_editor = Do("POST", v1 + "/approve", "", Bearer(fixer));
  ExpectProblem(by_editor, 403);
  EXPECT_NE(by_editor.body.find("editor"), std::string::npos) << by_editor.body;
  RawReply ok = Do("POST", v1 + "/approve", "", Bearer(reviewer));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(BodyJson(ok).at("reviewed_by").as_string(), "reviewer");
  bj::array recs = AuditWhere("actor=fixer", 2);
  EXPECT_TRUE(HasAction(recs, "prompt_version.approve_refused", "fixer"));
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

// Issue 10 item 8: with authentication off the identity header is checked, not trusted blindly.
class IdentityHeaderApi : public ApiTest {};

TEST_P(IdentityHeaderApi, InvalidOrRepeatedIdentityHeadersAre400) {
  const std::string url = Url("/experiments");
  // Every database has MLflow's Default experiment: count what exists before.
  RawReply before = Do("GET", url);
  ASSERT_EQ(before.status, 200);
  const size_t existing = BodyJson(before).at("items").as_array().size();
  for (std::string bad :
       {std::string("al\xe2\x80\x8b"
                    "ice"),
        std::string("\xef\xbb\xbf"
                    "alice"),
        std::string("\xef\xbd\x81lice"), std::string(129, 'a'), std::string(12000, 'a')}) {
    RawReply r =
        DoJson("POST", url, bj::object{{"name", UniqueName("e")}}, {{"X-Cairn-User", bad}});
    ExpectProblem(r, 400, "X-Cairn-User");
  }
  // A control character is not even a valid header value: the transport refuses the request.
  RawReply control = DoJson("POST", url, bj::object{{"name", UniqueName("e")}},
                            {{"X-Cairn-User", std::string("bob\x01")}});
  ExpectProblem(control, 400);
  RawReply twice = DoJson("POST", url, bj::object{{"name", UniqueName("e")}},
                          {{"X-Cairn-User", "alice"}, {"X-Cairn-User", "bob"}});
  ExpectProblem(twice, 400, "X-Cairn-User");
  RawReply list = Do("GET", url);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(BodyJson(list).at("items").as_array().size(), existing) << "nothing was written";
}

TEST_P(IdentityHeaderApi, IdentitiesAreNormalised) {
  RawReply r = DoJson("POST", Url("/experiments"), bj::object{{"name", UniqueName("e")}},
                      {{"X-Cairn-User", "  ALICE@Example.com "}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(BodyJson(r).at("created_by").as_string(), "alice@example.com");
  RawReply me = Do("GET", "/api/v1/auth/me");
  EXPECT_EQ(me.status, 404);  // the console's sign that authentication is off
}

// The same four-eyes rules with authentication off: identities come from X-Cairn-User and are
// compared after normalisation, so "ALICE " is alice; two anonymous callers are one person.
TEST_P(IdentityHeaderApi, FourEyesOnPromotionAndProductionDeploymentWithNormalisedNames) {
  const std::string model = UniqueName("m");
  ASSERT_EQ(
      DoJson("POST", Url("/models"), bj::object{{"model_name", model}}, {{"X-Cairn-User", "alice"}})
          .status,
      201);
  const std::string version = Url("/models/" + model + "/1");
  bj::array ticks;
  for (const char* k : {"evaluation_passed", "data_validated", "bias_reviewed", "owner_signoff"})
    ticks.push_back(bj::object{{"key", k}, {"done", true}});
  ASSERT_EQ(
      DoJson("PATCH", version, bj::object{{"checklist", ticks}}, {{"X-Cairn-User", "carl"}}).status,
      200);
  for (const char* same : {"alice", "ALICE ", " Alice"}) {
    RawReply r =
        DoJson("PATCH", version, bj::object{{"stage", "production"}}, {{"X-Cairn-User", same}});
    ExpectProblem(r, 403);
  }
  RawReply promoted =
      DoJson("PATCH", version, bj::object{{"stage", "production"}}, {{"X-Cairn-User", "Bob"}});
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(BodyJson(promoted).at("updated_by").as_string(), "bob");

  bj::object prod{{"model_name", model}, {"model_version", 1}, {"environment", "production"}};
  ExpectProblem(DoJson("POST", Url("/deployments"), prod, {{"X-Cairn-User", "ALICE"}}), 403);
  RawReply deploy = DoJson("POST", Url("/deployments"), prod, {{"X-Cairn-User", "bob"}});
  EXPECT_EQ(deploy.status, 201) << deploy.body;

  RawReply audit = Do("GET", "/api/v1/audit?limit=1000&resource=model_version/" + model + "/1");
  ASSERT_EQ(audit.status, 200);
  int promote_refused = 0, deploy_refused = 0;
  const bj::value records = BodyJson(audit);
  for (const auto& r : records.at("items").as_array()) {
    if (r.at("action").as_string() == "model_version.promote_refused") ++promote_refused;
    if (r.at("action").as_string() == "deployment.create_refused") ++deploy_refused;
    if (r.at("action").as_string().ends_with("_refused")) {
      EXPECT_EQ(r.at("actor").as_string(), "alice");
    }
  }
  EXPECT_EQ(promote_refused, 3);
  EXPECT_EQ(deploy_refused, 1);
}

TEST_P(IdentityHeaderApi, AnonymousCannotPromoteWhatAnonymousRegistered) {
  const std::string model = UniqueName("m");
  ASSERT_EQ(DoJson("POST", Url("/models"), bj::object{{"model_name", model}}).status, 201);
  bj::array ticks;
  for (const char* k : {"evaluation_passed", "data_validated", "bias_reviewed", "owner_signoff"})
    ticks.push_back(bj::object{{"key", k}, {"done", true}});
  RawReply r = DoJson("PATCH", Url("/models/" + model + "/1"),
                      bj::object{{"stage", "production"}, {"checklist", ticks}});
  ExpectProblem(r, 403);
}

TEST_P(IdentityHeaderApi, PromptApproverIsNeitherAuthorSubmitterNorEditor) {
  const std::string base = "/api/v1/prompt-governance/templates";
  RawReply t = DoJson("POST", base,
                      bj::object{{"name", UniqueName("p")},
                                 {"body", "Hello {{name}}."},
                                 {"variables", bj::array{bj::object{{"name", "name"}}}}},
                      {{"X-Cairn-User", "alice"}});
  ASSERT_EQ(t.status, 201) << t.body;
  const std::string id(BodyJson(t).at("id").as_string());
  const std::string v1 = base + "/" + id + "/1";
  const std::string v1_body = base + "/" + id + "/versions/1";
  ASSERT_EQ(
      DoJson("PATCH", v1_body, bj::object{{"body", "Hello {{name}}!"}}, {{"X-Cairn-User", "Bob"}})
          .status,
      200);
  ASSERT_EQ(Do("POST", v1 + "/submit", "", {{"X-Cairn-User", "dora"}}).status, 200);
  for (const char* same : {"bob", "BOB ", "Alice", "dora"}) {  // editor, author, submitter
    RawReply r = Do("POST", v1 + "/approve", "", {{"X-Cairn-User", same}});
    ExpectProblem(r, 403);
  }
  RawReply ok = Do("POST", v1 + "/approve", "", {{"X-Cairn-User", "carol"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(BodyJson(ok).at("edited_by").as_array(), (bj::array{"bob"}));
  RawReply audit = Do("GET", "/api/v1/audit?limit=1000&actor=bob");
  ASSERT_EQ(audit.status, 200);
  int refused = 0;
  const bj::value records = BodyJson(audit);
  for (const auto& r : records.at("items").as_array())
    refused += r.at("action").as_string() == "prompt_version.approve_refused";
  EXPECT_EQ(refused, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentityHeaderApi, ::testing::ValuesIn(AvailableBackends()),
                         BackendParamName);

}  // namespace
}  // namespace cairn::testing
