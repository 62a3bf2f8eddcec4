// SqlAuthStore contract, on every backend under test (SQLite always, PostgreSQL when
// CAIRN_TEST_PG_URL is set), including races between parallel clients.
#include "auth/sql_auth_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "audit/sql_audit_store.h"
#include "common/ids.h"
#include "storage/testing/test_databases.h"

namespace cairn::auth {
namespace {

class SqlAuthStoreTest : public ::testing::TestWithParam<storage::Backend> {
 protected:
  void SetUp() override {
    auto db = storage::testing::OpenFreshTestDatabase(GetParam());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    store_ = std::make_unique<SqlAuthStore>(*db_);
  }

  audit::Entry Audit(std::string action, std::string id = "x") {
    audit::Entry e;
    e.at = 1;
    e.actor = "tester";
    e.action = std::move(action);
    e.resource_type = "test";
    e.resource_id = std::move(id);
    return e;
  }

  UserRecord MakeUser(std::string name, Role role, int64_t at = 100) {
    UserRecord r;
    r.user.name = std::move(name);
    r.user.display_name = "Display";
    r.user.role = role;
    r.user.created_by = "tester";
    r.user.created_at = at;
    r.user.updated_at = at;
    r.password_hash = "$scrypt$hash";
    r.password_changed_at = at;
    return r;
  }

  void AddUser(std::string name, Role role) {
    ASSERT_TRUE(store_->CreateUser(MakeUser(std::move(name), role), Audit("user.create")).ok());
  }

  Token MakeToken(std::string user, std::string name, int64_t created_at) {
    Token t;
    t.id = NewUuid();
    t.name = std::move(name);
    t.user_name = std::move(user);
    t.role = Role::kEditor;
    t.prefix = "cairn_abcd";
    t.created_by = "tester";
    t.created_at = created_at;
    t.expires_at = created_at + 1000;
    return t;
  }

  Session MakeSession(std::string user, int64_t at) {
    Session s;
    s.id = NewUuid();
    s.user_name = std::move(user);
    s.created_at = at;
    s.last_seen_at = at;
    s.expires_at = at + 10'000;
    return s;
  }

  int64_t Count(const std::string& sql) {
    auto tx = db_->Begin(storage::TxMode::kRead);
    auto row = (*tx)->QueryOne(sql);
    return row.ok() && *row ? (*row)->Int(0) : -1;
  }

  std::unique_ptr<storage::SqlDatabase> db_;
  std::unique_ptr<SqlAuthStore> store_;
};

TEST_P(SqlAuthStoreTest, CreateGetAndDuplicateUsers) {
  EXPECT_EQ(*store_->CountUsers(), 0);
  AddUser("alice", Role::kAdmin);
  EXPECT_EQ(*store_->CountUsers(), 1);
  auto got = store_->GetUser("alice");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->user.role, Role::kAdmin);
  EXPECT_EQ(got->user.display_name, "Display");
  EXPECT_EQ(got->user.revision, 1);
  EXPECT_EQ(got->password_hash, "$scrypt$hash");
  EXPECT_EQ(store_->CreateUser(MakeUser("alice", Role::kViewer), Audit("user.create")).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->GetUser("bob").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.create'"), 1);
}

TEST_P(SqlAuthStoreTest, ListUsersPagesNewestFirst) {
  int64_t at = 100;
  for (const char* n : {"dora", "bob", "alice", "carl", "eve"}) {
    ASSERT_TRUE(store_->CreateUser(MakeUser(n, Role::kViewer, at++), Audit("user.create")).ok());
  }
  std::vector<std::string> names;
  std::string token;
  for (int guard = 0; guard < 10; ++guard) {
    auto page = store_->ListUsers(2, token);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const User& u : page->items) names.push_back(u.name);
    if (!page->next_page_token) break;
    token = *page->next_page_token;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"eve", "carl", "alice", "bob", "dora"}));
  EXPECT_EQ(store_->ListUsers(2, "zzz").status().code(), StatusCode::kInvalidArgument);
}

TEST_P(SqlAuthStoreTest, UpdateUserChecksTheRevision) {
  AddUser("alice", Role::kViewer);
  UserChange c;
  c.role = Role::kEditor;
  auto updated = store_->UpdateUser("alice", c, 1, 200, Audit("user.update"));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->role, Role::kEditor);
  EXPECT_EQ(updated->revision, 2);
  EXPECT_EQ(updated->updated_at, 200);
  EXPECT_EQ(store_->UpdateUser("alice", c, 1, 300, Audit("user.update")).status().code(),
            StatusCode::kAborted);
  EXPECT_EQ(
      store_->UpdateUser("nobody", c, std::nullopt, 300, Audit("user.update")).status().code(),
      StatusCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.update'"), 1);
}

TEST_P(SqlAuthStoreTest, TheLastEnabledAdminCannotBeDemotedOrDisabled) {
  AddUser("root", Role::kAdmin);
  AddUser("viewer", Role::kViewer);
  UserChange demote;
  demote.role = Role::kEditor;
  EXPECT_EQ(store_->UpdateUser("root", demote, std::nullopt, 1, Audit("u")).status().code(),
            StatusCode::kFailedPrecondition);
  UserChange disable;
  disable.disabled = true;
  EXPECT_EQ(store_->UpdateUser("root", disable, std::nullopt, 1, Audit("u")).status().code(),
            StatusCode::kFailedPrecondition);
  AddUser("root2", Role::kAdmin);
  EXPECT_TRUE(store_->UpdateUser("root", demote, std::nullopt, 1, Audit("u")).ok());
  EXPECT_EQ(store_->UpdateUser("root2", disable, std::nullopt, 1, Audit("u")).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(SqlAuthStoreTest, AdminsDemotingEachOtherConcurrentlyLeaveOneAdmin) {
  UserChange demote;
  demote.role = Role::kViewer;
  for (int round = 0; round < 10; ++round) {
    ASSERT_TRUE(db_->ExecScript("UPDATE auth_users SET role = 'viewer'").ok());
    const std::string a = "a" + std::to_string(round), b = "b" + std::to_string(round);
    AddUser(a, Role::kAdmin);
    AddUser(b, Role::kAdmin);
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (const std::string& name : {a, b}) {
      threads.emplace_back([&, name] {
        // A busy database (SQLite) is retried; the outcome must be decided by the rule.
        for (int attempt = 0; attempt < 50; ++attempt) {
          auto r = store_->UpdateUser(name, demote, std::nullopt, 1, Audit("u"));
          if (r.ok()) ++ok;
          if (r.ok() || r.status().code() == StatusCode::kFailedPrecondition) return;
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 1) << "round " << round;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM auth_users WHERE role = 'admin' AND disabled = 0"), 1)
        << "round " << round;
  }
}

TEST_P(SqlAuthStoreTest, ConcurrentUpdatesWithTheSameRevisionHaveOneWinner) {
  AddUser("alice", Role::kViewer);
  std::atomic<int> ok{0}, stale{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      UserChange c;
      c.display_name = "name " + std::to_string(i);
      auto r = store_->UpdateUser("alice", c, 1, 10 + i, Audit("u"));
      if (r.ok()) ++ok;
      if (r.status().code() == StatusCode::kAborted) ++stale;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(store_->GetUser("alice")->user.revision, 2);
}

TEST_P(SqlAuthStoreTest, DisablingAUserOrSettingThePasswordEndsTheirSessions) {
  AddUser("root", Role::kAdmin);
  AddUser("alice", Role::kEditor);
  ASSERT_TRUE(store_->CreateSession(MakeSession("alice", 100), "d1", 0, Audit("login")).ok());
  ASSERT_TRUE(store_->CreateSession(MakeSession("alice", 100), "d2", 0, Audit("login")).ok());
  ASSERT_TRUE(store_->SetPasswordHash("alice", "$new", 200, Audit("pw")).ok());
  EXPECT_FALSE(store_->FindSession("d1")->has_value());
  EXPECT_EQ(store_->GetUser("alice")->password_hash, "$new");
  ASSERT_TRUE(store_->CreateSession(MakeSession("alice", 300), "d3", 0, Audit("login")).ok());
  UserChange disable;
  disable.disabled = true;
  ASSERT_TRUE(store_->UpdateUser("alice", disable, std::nullopt, 400, Audit("u")).ok());
  EXPECT_FALSE(store_->FindSession("d3")->has_value());
  EXPECT_EQ(store_->SetPasswordHash("nobody", "$x", 1, Audit("pw")).code(), StatusCode::kNotFound);
}

TEST_P(SqlAuthStoreTest, TokensAreFoundByDigestWithTheirOwner) {
  AddUser("alice", Role::kApprover);
  Token t = MakeToken("alice", "ci", 100);
  ASSERT_TRUE(store_->CreateToken(t, "digest-1", Audit("token.create")).ok());
  auto found = store_->FindToken("digest-1");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->token.id, t.id);
  EXPECT_EQ((*found)->token.role, Role::kEditor);
  EXPECT_EQ((*found)->token.expires_at, 1100);
  EXPECT_EQ((*found)->secret_sha256, "digest-1");
  EXPECT_EQ((*found)->owner.name, "alice");
  EXPECT_EQ((*found)->owner.role, Role::kApprover);
  EXPECT_FALSE(store_->FindToken("digest-2")->has_value());
  EXPECT_EQ(store_->CreateToken(MakeToken("nobody", "x", 1), "d9", Audit("t")).code(),
            StatusCode::kNotFound);
}

TEST_P(SqlAuthStoreTest, RevokeIsIdempotentAndAuditedOnce) {
  AddUser("alice", Role::kEditor);
  Token t = MakeToken("alice", "ci", 100);
  ASSERT_TRUE(store_->CreateToken(t, "digest-1", Audit("token.create")).ok());
  auto r1 = store_->RevokeToken(t.id, "bob", 500, Audit("token.revoke"));
  ASSERT_TRUE(r1.ok());
  EXPECT_EQ(r1->revoked_at, 500);
  EXPECT_EQ(r1->revoked_by, "bob");
  auto r2 = store_->RevokeToken(t.id, "carl", 600, Audit("token.revoke"));
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->revoked_at, 500);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'token.revoke'"), 1);
  EXPECT_EQ(store_->RevokeToken("missing", "bob", 1, Audit("t")).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE((*store_->FindToken("digest-1"))->token.revoked_at.has_value());
}

TEST_P(SqlAuthStoreTest, ListTokensNewestFirstPerUserWithoutRevokedByDefault) {
  AddUser("alice", Role::kEditor);
  AddUser("bob", Role::kEditor);
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    Token t = MakeToken("alice", "t" + std::to_string(i), 100 + i);
    ids.push_back(t.id);
    ASSERT_TRUE(store_->CreateToken(t, "da" + std::to_string(i), Audit("t")).ok());
  }
  ASSERT_TRUE(store_->CreateToken(MakeToken("bob", "b", 50), "db", Audit("t")).ok());
  ASSERT_TRUE(store_->RevokeToken(ids[2], "alice", 200, Audit("r")).ok());
  TokenQuery q;
  q.user_name = "alice";
  q.limit = 2;
  std::vector<std::string> seen;
  for (int guard = 0; guard < 10; ++guard) {
    auto page = store_->ListTokens(q);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const Token& t : page->items) seen.push_back(t.name);
    if (!page->next_page_token) break;
    q.page_token = *page->next_page_token;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"t4", "t3", "t1", "t0"}));
  TokenQuery all;
  all.include_revoked = true;
  EXPECT_EQ(store_->ListTokens(all)->items.size(), 6u);
  TokenQuery bad;
  bad.page_token = "t12";
  EXPECT_EQ(store_->ListTokens(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(SqlAuthStoreTest, TouchTokenOnlyMovesLastUsedForward) {
  AddUser("alice", Role::kEditor);
  Token t = MakeToken("alice", "ci", 100);
  ASSERT_TRUE(store_->CreateToken(t, "d", Audit("t")).ok());
  ASSERT_TRUE(store_->TouchToken(t.id, 500).ok());
  ASSERT_TRUE(store_->TouchToken(t.id, 400).ok());
  EXPECT_EQ(store_->GetToken(t.id)->last_used_at, 500);
}

TEST_P(SqlAuthStoreTest, SessionsAreCreatedFoundTouchedAndDeleted) {
  AddUser("alice", Role::kEditor);
  Session s = MakeSession("alice", 1000);
  ASSERT_TRUE(store_->CreateSession(s, "sd", 0, Audit("auth.login", s.id)).ok());
  auto found = store_->FindSession("sd");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->session.id, s.id);
  EXPECT_EQ((*found)->session.expires_at, 11'000);
  EXPECT_EQ((*found)->user.role, Role::kEditor);
  ASSERT_TRUE(store_->TouchSession(s.id, 2000).ok());
  EXPECT_EQ((*store_->FindSession("sd"))->session.last_seen_at, 2000);
  ASSERT_TRUE(store_->DeleteSession(s.id, Audit("auth.logout", s.id)).ok());
  EXPECT_FALSE(store_->FindSession("sd")->has_value());
  ASSERT_TRUE(store_->DeleteSession(s.id, Audit("auth.logout", s.id)).ok());  // idempotent
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.logout'"), 1);
}

TEST_P(SqlAuthStoreTest, CreatingASessionPurgesExpiredOnes) {
  AddUser("alice", Role::kEditor);
  Session old = MakeSession("alice", 0);  // expires at 10 000
  ASSERT_TRUE(store_->CreateSession(old, "old", 0, Audit("l")).ok());
  Session idle = MakeSession("alice", 5000);  // last seen 5 000
  ASSERT_TRUE(store_->CreateSession(idle, "idle", 0, Audit("l")).ok());
  Session fresh = MakeSession("alice", 20'000);
  ASSERT_TRUE(store_->CreateSession(fresh, "fresh", /*idle_cutoff=*/6000, Audit("l")).ok());
  EXPECT_FALSE(store_->FindSession("old")->has_value());
  EXPECT_FALSE(store_->FindSession("idle")->has_value());
  EXPECT_TRUE(store_->FindSession("fresh")->has_value());
}

TEST_P(SqlAuthStoreTest, AuditRecordsCarryTheAuthenticationColumns) {
  AddUser("alice", Role::kEditor);
  audit::Entry e = Audit("auth.login", "s1");
  e.auth_method = "password";
  e.session_id = "s1";
  ASSERT_TRUE(store_->CreateSession(MakeSession("alice", 1), "x", 0, e).ok());
  audit::SqlAuditStore audit_store(*db_);
  audit::Query q;
  q.resource_id = "s1";
  q.resource_type = "test";
  auto page = audit_store.List(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].auth_method, "password");
  EXPECT_EQ(page->items[0].session_id, "s1");
  EXPECT_FALSE(page->items[0].token_id.has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, SqlAuthStoreTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

}  // namespace
}  // namespace cairn::auth
