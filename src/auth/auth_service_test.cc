// AuthService + SqlAuthStore on every backend under test, with a controlled clock: user and token
// rules, credential checks (expiry, revocation, disabled owners, the cache bound across two
// service instances sharing one database), sessions, login limits and the audit trail.
#include "auth/auth_service.h"

#include <gtest/gtest.h>

#include <atomic>

#include "audit/sql_audit_store.h"
#include "auth/secrets.h"
#include "auth/sql_auth_store.h"
#include "common/sha256.h"
#include "common/testing/fake_clock.h"
#include "storage/testing/test_databases.h"

namespace cairn::auth {
namespace {

constexpr char kPassword[] = "correct horse battery staple";

class AuthServiceTest : public ::testing::TestWithParam<storage::Backend> {
 protected:
  void SetUp() override {
    auto db = storage::testing::OpenFreshTestDatabase(GetParam());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    audit_ = std::make_unique<audit::SqlAuditStore>(*db_);
    service_ = MakeService();
    admin_ = CreateUser("root", Role::kAdmin);
  }
  void TearDown() override {
    if (other_) other_->Stop();
    service_->Stop();
  }

  AuthOptions Options() {
    AuthOptions o;
    o.scrypt = ScryptParams{10, 8, 1};
    o.clock = &clock_;
    o.session_idle_ms = 60'000;
    o.session_lifetime_ms = 600'000;
    o.cache_ttl_ms = 1000;
    o.touch_interval_ms = 10'000;
    o.login_per_user = {3, 60'000, 1000};
    o.login_per_address = {5, 60'000, 1000};
    o.requests = {10, 20, 1000};
    return o;
  }
  std::unique_ptr<AuthService> MakeService() {
    return std::make_unique<AuthService>(std::make_unique<SqlAuthStore>(*db_), *audit_, Options());
  }

  Principal CreateUser(const std::string& name, Role role) {
    CreateUserRequest r;
    r.name = name;
    r.role = role;
    r.password = kPassword;
    auto u = service_->CreateUser(r, "tester");
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return Principal{u.ok() ? u->name : name, role, AuthMethod::kToken, "t", {}};
  }

  CreatedToken Token(const Principal& caller, std::optional<Role> role = std::nullopt,
                     std::optional<std::string> user = std::nullopt) {
    CreateTokenRequest r;
    r.name = "ci";
    r.role = role;
    r.user = std::move(user);
    auto t = service_->CreateToken(r, caller);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? *t : CreatedToken{};
  }

  std::vector<audit::Record> AuditOf(const std::string& action) {
    service_->FlushEvents();
    audit::Query q;
    q.limit = 1000;
    std::vector<audit::Record> out;
    auto page = audit_->List(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    if (!page.ok()) return out;
    for (auto& r : page->items) {
      if (r.action == action) out.push_back(r);
    }
    return out;
  }

  testing::FakeClock clock_;
  std::unique_ptr<storage::SqlDatabase> db_;
  std::unique_ptr<audit::SqlAuditStore> audit_;
  std::unique_ptr<AuthService> service_;
  std::unique_ptr<AuthService> other_;
  Principal admin_;
};

// ---- users ----

TEST_P(AuthServiceTest, UserNamesAreNormalisedAndValidated) {
  CreateUserRequest r;
  r.name = "  Alice ";
  r.display_name = "Alice A.";
  r.role = Role::kEditor;
  r.password = kPassword;
  auto u = service_->CreateUser(r, "root");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->name, "alice");
  EXPECT_EQ(service_->GetUser("ALICE")->display_name, "Alice A.");
  r.name = "alice";
  EXPECT_EQ(service_->CreateUser(r, "root").status().code(), StatusCode::kAlreadyExists);
  for (const char* bad : {"anonymous", "cairn", "al ice", "\xef\xbd\x81lice", ""}) {
    r.name = bad;
    EXPECT_EQ(service_->CreateUser(r, "root").status().code(), StatusCode::kInvalidArgument) << bad;
  }
  r.name = "bob";
  r.password = "short";
  EXPECT_EQ(service_->CreateUser(r, "root").status().code(), StatusCode::kInvalidArgument);
  r.password = kPassword;
  r.role.reset();
  EXPECT_EQ(service_->CreateUser(r, "root").status().code(), StatusCode::kInvalidArgument);
  r.role = Role::kViewer;
  r.display_name = "bad\x01name";
  EXPECT_EQ(service_->CreateUser(r, "root").status().code(), StatusCode::kInvalidArgument);
  auto created = AuditOf("user.create");
  ASSERT_EQ(created.size(), 2u);  // root and alice
  EXPECT_EQ(created[0].summary_json.find(kPassword), std::string::npos);
}

// ---- tokens ----

TEST_P(AuthServiceTest, TokenRolesAreCappedByOwnerAndCaller) {
  Principal editor = CreateUser("ed", Role::kEditor);
  CreatedToken own = Token(editor);
  EXPECT_EQ(own.token.role, Role::kEditor);  // default: the most the caller may grant
  EXPECT_EQ(own.token.user_name, "ed");
  EXPECT_TRUE(LooksLikeToken(own.secret));
  EXPECT_EQ(own.token.prefix, own.secret.substr(0, kTokenDisplayPrefix));
  EXPECT_EQ(own.token.expires_at, clock_.NowMillis() + Options().default_token_lifetime_ms);

  CreateTokenRequest r;
  r.name = "up";
  r.role = Role::kApprover;
  EXPECT_EQ(service_->CreateToken(r, editor).status().code(), StatusCode::kPermissionDenied);
  r.user = "root";
  r.role = Role::kViewer;
  EXPECT_EQ(service_->CreateToken(r, editor).status().code(), StatusCode::kPermissionDenied);
  // A viewer-scoped token of an admin cannot mint an admin token for itself.
  Principal scoped{"root", Role::kViewer, AuthMethod::kToken, "t1", {}};
  r.user.reset();
  r.role = Role::kAdmin;
  EXPECT_EQ(service_->CreateToken(r, scoped).status().code(), StatusCode::kPermissionDenied);
  // An admin may create tokens for others, up to their role.
  CreatedToken for_ed = Token(admin_, Role::kEditor, "ED");
  EXPECT_EQ(for_ed.token.user_name, "ed");
  EXPECT_EQ(for_ed.token.created_by, "root");
  r.user = "ed";
  r.role = Role::kAdmin;
  EXPECT_EQ(service_->CreateToken(r, admin_).status().code(), StatusCode::kPermissionDenied);
  r.user = "ghost";
  r.role = std::nullopt;
  EXPECT_EQ(service_->CreateToken(r, admin_).status().code(), StatusCode::kNotFound);
}

TEST_P(AuthServiceTest, TokenExpiryOptions) {
  CreateTokenRequest r;
  r.name = "never";
  r.never_expires = true;
  EXPECT_FALSE(service_->CreateToken(r, admin_)->token.expires_at.has_value());
  r.never_expires = false;
  r.expires_in_ms = 5000;
  EXPECT_EQ(service_->CreateToken(r, admin_)->token.expires_at, clock_.NowMillis() + 5000);
  r.expires_in_ms.reset();
  r.expires_at = clock_.NowMillis() - 1;
  EXPECT_EQ(service_->CreateToken(r, admin_).status().code(), StatusCode::kInvalidArgument);
  r.expires_at = clock_.NowMillis() + 10;
  r.expires_in_ms = 10;
  EXPECT_EQ(service_->CreateToken(r, admin_).status().code(), StatusCode::kInvalidArgument);
  r.expires_in_ms.reset();
  r.name = "bad name";
  EXPECT_EQ(service_->CreateToken(r, admin_).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(AuthServiceTest, CheckTokenAcceptsTheSecretAndRefusesEverythingElse) {
  CreatedToken t = Token(admin_, Role::kEditor);
  CredentialCheck ok = service_->CheckToken(t.secret);
  ASSERT_EQ(ok.state, CredentialState::kOk);
  EXPECT_EQ(ok.principal.name, "root");
  EXPECT_EQ(ok.principal.role, Role::kEditor);
  EXPECT_EQ(ok.principal.method, AuthMethod::kToken);
  EXPECT_EQ(ok.principal.token_id, t.token.id);
  EXPECT_EQ(service_->CheckToken("cairn_short").state, CredentialState::kMalformed);
  std::string forged = t.secret;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(service_->CheckToken(forged).state, CredentialState::kUnknown);
  EXPECT_EQ(service_->CheckToken(Sha256Hex(t.secret)).state, CredentialState::kMalformed);
}

TEST_P(AuthServiceTest, RevokedTokenStopsAtOnceHereAndWithinTheCacheTtlElsewhere) {
  CreatedToken t = Token(admin_);
  other_ = MakeService();  // a second replica on the same database
  ASSERT_EQ(service_->CheckToken(t.secret).state, CredentialState::kOk);
  ASSERT_EQ(other_->CheckToken(t.secret).state, CredentialState::kOk);  // now cached there
  ASSERT_TRUE(service_->RevokeToken(t.token.id, admin_).ok());
  CredentialCheck here = service_->CheckToken(t.secret);
  EXPECT_EQ(here.state, CredentialState::kRevoked);
  EXPECT_EQ(here.token_id, t.token.id);
  // The other replica may still accept it from its cache, but never beyond the TTL.
  clock_.Advance(Options().cache_ttl_ms);
  EXPECT_EQ(other_->CheckToken(t.secret).state, CredentialState::kRevoked);
  EXPECT_EQ(AuditOf("token.revoke").size(), 1u);
}

TEST_P(AuthServiceTest, ExpiredTokenIsRefusedEvenFromTheCache) {
  CreateTokenRequest r;
  r.name = "short";
  r.expires_in_ms = 500;
  auto t = service_->CreateToken(r, admin_);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(service_->CheckToken(t->secret).state, CredentialState::kOk);
  clock_.Advance(500);
  CredentialCheck c = service_->CheckToken(t->secret);
  EXPECT_EQ(c.state, CredentialState::kExpired);
  EXPECT_EQ(c.token_id, t->token.id);
}

TEST_P(AuthServiceTest, OwnerChangesApplyToTheirTokens) {
  Principal ed = CreateUser("ed", Role::kApprover);
  CreatedToken t = Token(ed);
  ASSERT_EQ(service_->CheckToken(t.secret).principal.role, Role::kApprover);
  UserChange lower;
  lower.role = Role::kViewer;
  ASSERT_TRUE(service_->UpdateUser("ed", lower, std::nullopt, "root").ok());
  EXPECT_EQ(service_->CheckToken(t.secret).principal.role, Role::kViewer);
  UserChange disable;
  disable.disabled = true;
  ASSERT_TRUE(service_->UpdateUser("ed", disable, std::nullopt, "root").ok());
  EXPECT_EQ(service_->CheckToken(t.secret).state, CredentialState::kDisabled);
}

TEST_P(AuthServiceTest, LastUsedIsWrittenAtMostOncePerTouchInterval) {
  CreatedToken t = Token(admin_);
  ASSERT_EQ(service_->CheckToken(t.secret).state, CredentialState::kOk);
  auto first = service_->GetToken(t.token.id, admin_)->last_used_at;
  ASSERT_EQ(first, clock_.NowMillis());
  clock_.Advance(2000);  // past the cache TTL, within the touch interval
  ASSERT_EQ(service_->CheckToken(t.secret).state, CredentialState::kOk);
  EXPECT_EQ(service_->GetToken(t.token.id, admin_)->last_used_at, first);
  clock_.Advance(10'000);
  ASSERT_EQ(service_->CheckToken(t.secret).state, CredentialState::kOk);
  EXPECT_EQ(service_->GetToken(t.token.id, admin_)->last_used_at, clock_.NowMillis());
}

TEST_P(AuthServiceTest, PerTokenRateLimit) {
  CreatedToken t = Token(admin_);
  int ok = 0;
  CredentialCheck last;
  for (int i = 0; i < 25; ++i) {
    last = service_->CheckToken(t.secret);
    ok += last.state == CredentialState::kOk;
  }
  EXPECT_EQ(ok, 20);  // the burst
  EXPECT_EQ(last.state, CredentialState::kRateLimited);
  EXPECT_GT(last.retry_after_ms, 0);
  clock_.Advance(1000);  // 10 more
  EXPECT_EQ(service_->CheckToken(t.secret).state, CredentialState::kOk);
}

TEST_P(AuthServiceTest, TokensAreVisibleToTheirOwnerAndAdmins) {
  Principal ed = CreateUser("ed", Role::kEditor);
  Principal vi = CreateUser("vi", Role::kViewer);
  CreatedToken t = Token(ed);
  EXPECT_TRUE(service_->GetToken(t.token.id, ed).ok());
  EXPECT_TRUE(service_->GetToken(t.token.id, admin_).ok());
  EXPECT_EQ(service_->GetToken(t.token.id, vi).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->RevokeToken(t.token.id, vi).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->ListTokens("ed", false, std::nullopt, "", vi).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->ListTokens(std::nullopt, false, std::nullopt, "", vi)->items.size(), 0u);
  EXPECT_EQ(service_->ListTokens(std::nullopt, false, std::nullopt, "", ed)->items.size(), 1u);
  EXPECT_EQ(service_->ListTokens("ed", false, std::nullopt, "", admin_)->items.size(), 1u);
  EXPECT_EQ(service_->ListTokens(std::nullopt, false, 0, "", admin_).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(service_->RevokeToken(t.token.id, ed).ok());
}

// ---- sessions ----

TEST_P(AuthServiceTest, LoginCreatesASessionThatChecksOut) {
  LoginOutcome out = service_->Login({"ROOT", kPassword, "10.0.0.1"});
  ASSERT_TRUE(out.success.has_value()) << out.status.ToString();
  const LoginSuccess& s = *out.success;
  EXPECT_EQ(s.user.name, "root");
  EXPECT_EQ(s.session.expires_at, clock_.NowMillis() + 600'000);
  EXPECT_TRUE(LooksLikeSessionSecret(s.secret));
  EXPECT_EQ(s.csrf_token, CsrfTokenFor(s.secret));
  CredentialCheck c = service_->CheckSession(s.secret);
  ASSERT_EQ(c.state, CredentialState::kOk);
  EXPECT_EQ(c.principal.method, AuthMethod::kSession);
  EXPECT_EQ(c.principal.session_id, s.session.id);
  EXPECT_EQ(c.principal.role, Role::kAdmin);
  EXPECT_EQ(c.csrf_token, s.csrf_token);
  EXPECT_EQ(service_->CheckSession(std::string(43, 'A')).state, CredentialState::kUnknown);
  auto login = AuditOf("auth.login");
  ASSERT_EQ(login.size(), 1u);
  EXPECT_EQ(login[0].session_id, s.session.id);
  EXPECT_EQ(login[0].auth_method, "password");
}

TEST_P(AuthServiceTest, SessionsExpireWhenIdleAndAbsolutely) {
  LoginOutcome out = service_->Login({"root", kPassword, ""});
  ASSERT_TRUE(out.success);
  const std::string secret = out.success->secret;
  // Active use keeps it alive past the idle timeout...
  for (int i = 0; i < 5; ++i) {
    clock_.Advance(30'000);
    ASSERT_EQ(service_->CheckSession(secret).state, CredentialState::kOk) << i;
  }
  // ...but not idleness.
  clock_.Advance(60'000);
  EXPECT_EQ(service_->CheckSession(secret).state, CredentialState::kExpired);

  LoginOutcome again = service_->Login({"root", kPassword, ""});
  ASSERT_TRUE(again.success);
  for (int i = 0; i < 25; ++i) {
    clock_.Advance(30'000);
    CredentialState st = service_->CheckSession(again.success->secret).state;
    if (clock_.NowMillis() - again.success->session.created_at >= 600'000) {
      EXPECT_EQ(st, CredentialState::kExpired) << i;
    } else {
      EXPECT_EQ(st, CredentialState::kOk) << i;
    }
  }
}

TEST_P(AuthServiceTest, LogoutAndPasswordChangesEndSessions) {
  LoginOutcome a = service_->Login({"root", kPassword, ""});
  ASSERT_TRUE(a.success);
  CredentialCheck c = service_->CheckSession(a.success->secret);
  ASSERT_EQ(c.state, CredentialState::kOk);
  ASSERT_TRUE(service_->Logout(c.principal).ok());
  EXPECT_EQ(service_->CheckSession(a.success->secret).state, CredentialState::kUnknown);
  EXPECT_EQ(AuditOf("auth.logout").size(), 1u);

  LoginOutcome b = service_->Login({"root", kPassword, ""});
  ASSERT_TRUE(b.success);
  CredentialCheck cb = service_->CheckSession(b.success->secret);
  const std::string replacement = "another long passphrase";
  EXPECT_EQ(service_->ChangeOwnPassword(cb.principal, "wrong password!!", replacement).code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(service_->ChangeOwnPassword(cb.principal, kPassword, replacement).ok());
  EXPECT_EQ(service_->CheckSession(b.success->secret).state, CredentialState::kUnknown);
  EXPECT_FALSE(service_->Login({"root", kPassword, ""}).success.has_value());
  EXPECT_TRUE(service_->Login({"root", replacement, ""}).success.has_value());
}

TEST_P(AuthServiceTest, FailedLoginsAreGenericLimitedAndAuditedWithoutThePassword) {
  CreateUser("ed", Role::kEditor);
  const std::string wrong = "not the password at all";
  for (const char* user : {"ed", "ghost", "bad name"}) {
    LoginOutcome out = service_->Login({user, wrong, "10.0.0.9"});
    EXPECT_FALSE(out.success);
    EXPECT_EQ(out.status.code(), StatusCode::kUnauthenticated) << user;
    EXPECT_EQ(out.status.message(), "invalid user name or password");
  }
  // Per user: 3 failures in the window, then 429 even with the right password.
  EXPECT_FALSE(service_->Login({"ed", wrong, "10.0.0.1"}).success);
  EXPECT_FALSE(service_->Login({"ed", wrong, "10.0.0.2"}).success);
  LoginOutcome blocked = service_->Login({"ed", kPassword, "10.0.0.3"});
  EXPECT_EQ(blocked.status.code(), StatusCode::kRateLimited);
  EXPECT_GT(blocked.retry_after_ms, 0);
  // Per address: 5 failures from one address block it for every user.
  for (int i = 0; i < 2; ++i) (void)service_->Login({"root", wrong, "10.0.0.9"});
  EXPECT_EQ(service_->Login({"root", kPassword, "10.0.0.9"}).status.code(),
            StatusCode::kRateLimited);
  EXPECT_TRUE(service_->Login({"root", kPassword, "10.0.0.7"}).success.has_value());
  clock_.Advance(60'000);
  EXPECT_TRUE(service_->Login({"ed", kPassword, "10.0.0.3"}).success.has_value());

  auto failures = AuditOf("auth.login_failed");
  EXPECT_GE(failures.size(), 5u);
  for (const auto& f : failures) {
    EXPECT_EQ(f.summary_json.find(wrong), std::string::npos) << f.summary_json;
  }
}

TEST_P(AuthServiceTest, DisabledUsersCannotSignIn) {
  CreateUser("ed", Role::kEditor);
  UserChange disable;
  disable.disabled = true;
  ASSERT_TRUE(service_->UpdateUser("ed", disable, std::nullopt, "root").ok());
  LoginOutcome out = service_->Login({"ed", kPassword, ""});
  EXPECT_EQ(out.status.code(), StatusCode::kUnauthenticated);
  service_->FlushEvents();
  auto failures = AuditOf("auth.login_failed");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].summary_json.find("disabled_user"), std::string::npos);
}

TEST_P(AuthServiceTest, RefusalEventsAreBoundedPerMinute) {
  AuthOptions o = Options();
  o.events.max_per_minute = 3;
  AuthService limited(std::make_unique<SqlAuthStore>(*db_), *audit_, o);
  for (int i = 0; i < 10; ++i) {
    audit::Entry e;
    e.at = clock_.NowMillis();
    e.actor = "anonymous";
    e.action = "auth.denied";
    e.resource_type = "route";
    e.resource_id = "GET /x";
    limited.RecordEvent(e);
  }
  limited.Stop();  // writes the summary of the suppressed ones
  EXPECT_EQ(AuditOf("auth.denied").size(), 3u);
  auto suppressed = AuditOf("auth.events_suppressed");
  ASSERT_EQ(suppressed.size(), 1u);
  EXPECT_NE(suppressed[0].summary_json.find("\"count\":7"), std::string::npos)
      << suppressed[0].summary_json;
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthServiceTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

}  // namespace
}  // namespace cairn::auth
