// Keyset paging and page tokens, and the revision-guarded update, on every backend.
#include "storage/pagination.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "common/testing/status_matchers.h"
#include "storage/revision_guard.h"
#include "storage/testing/test_databases.h"

namespace cairn::storage {
namespace {

const Keyset kItems("items", {{"created_at", KeyType::kInt}, {"name", KeyType::kText}});

TEST(PageToken, RoundTripsThroughTheKeyset) {
  std::string sql;
  std::vector<Value> params;
  const std::string token = kItems.Token({int64_t{42}, std::string("a,b:\n")});
  ASSERT_OK(kItems.AppendAfter(token, sql, params));
  EXPECT_EQ(sql, " AND ((created_at < ? OR (created_at = ? AND name < ?)))");
  ASSERT_EQ(params.size(), 3u);
  EXPECT_EQ(std::get<int64_t>(params[0]), 42);
  EXPECT_EQ(std::get<std::string>(params[2]), "a,b:\n");
}

TEST(PageToken, EmptyTokenAddsNothing) {
  std::string sql;
  std::vector<Value> params;
  ASSERT_OK(kItems.AppendAfter("", sql, params));
  EXPECT_TRUE(sql.empty());
  kItems.AppendOrderAndLimit(10, sql, params);
  EXPECT_EQ(sql, " ORDER BY created_at DESC, name DESC LIMIT ?");
  EXPECT_EQ(std::get<int64_t>(params.back()), 11);
}

TEST(PageToken, RejectsAlteredForeignAndMalformedTokens) {
  const std::string token = kItems.Token({int64_t{7}, std::string("x")});
  std::string altered = token;
  altered[2] = altered[2] == 'A' ? 'B' : 'A';
  const Keyset other("other", {{"created_at", KeyType::kInt}, {"name", KeyType::kText}});
  const Keyset shape("items", {{"created_at", KeyType::kInt}});
  std::string sql;
  std::vector<Value> params;
  for (const std::string& bad : {altered, token.substr(0, token.size() - 1), std::string("!!"),
                                 std::string("AAAA"), OffsetToken("items", 3)}) {
    Status s = kItems.AppendAfter(bad, sql, params);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
    ASSERT_EQ(s.errors().size(), 1u);
    EXPECT_EQ(s.errors()[0].field, "page_token");
  }
  EXPECT_FALSE(other.AppendAfter(token, sql, params).ok()) << "token of another list";
  EXPECT_FALSE(shape.AppendAfter(token, sql, params).ok()) << "token of another shape";
  EXPECT_TRUE(sql.empty());
  EXPECT_TRUE(params.empty());
}

TEST(PageToken, OffsetTokens) {
  auto off = ParseOffsetToken("runs", OffsetToken("runs", 150));
  ASSERT_OK(off);
  EXPECT_EQ(*off, 150);
  EXPECT_FALSE(ParseOffsetToken("other", OffsetToken("runs", 1)).ok());
  EXPECT_FALSE(ParseOffsetToken("runs", OffsetToken("runs", -1)).ok());
  EXPECT_FALSE(ParseOffsetToken("runs", "garbage").ok());
}

TEST(PageToken, SealedPayloadsOpen) {
  EXPECT_EQ(OpenPageToken(SealPageToken("hello")), std::optional<std::string>("hello"));
  EXPECT_EQ(OpenPageToken(SealPageToken("")), std::optional<std::string>(""));
  EXPECT_EQ(OpenPageToken(std::string(5000, 'A')), std::nullopt);
}

class KitStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto db = testing::OpenFreshTestDatabase(GetParam(), nullptr, /*migrate=*/false);
    ASSERT_OK(db);
    db_ = std::move(*db);
    ASSERT_OK(db_->ExecScript(
        "CREATE TABLE items (name TEXT NOT NULL PRIMARY KEY, created_at BIGINT NOT NULL, "
        "note TEXT NOT NULL, revision BIGINT NOT NULL)"));
  }
  void Insert(const std::string& name, int64_t at) {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    const Value p[] = {name, at, std::string(""), int64_t{1}};
    ASSERT_OK((*tx)->Exec("INSERT INTO items VALUES (?, ?, ?, ?)", p));
    ASSERT_OK((*tx)->Commit());
  }
  Result<Page<std::pair<int64_t, std::string>>> List(int limit, const std::string& token) {
    std::string sql = "SELECT created_at, name FROM items WHERE 1 = 1";
    std::vector<Value> params;
    RETURN_IF_ERROR(kItems.AppendAfter(token, sql, params));
    kItems.AppendOrderAndLimit(limit, sql, params);
    ASSIGN_OR_RETURN(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
    Page<std::pair<int64_t, std::string>> page;
    for (const auto& r : rows) page.items.emplace_back(r.Int(0), r.Text(1));
    kItems.FinishPage(page, limit, [](const auto& item) {
      return Keyset::Position{item.first, item.second};
    });
    return page;
  }
  std::unique_ptr<SqlDatabase> db_;
};

TEST_P(KitStorageTest, KeysetPagesVisitEveryRowOnceNewestFirst) {
  // Ties on created_at are broken by name.
  for (int i = 0; i < 23; ++i) Insert("n" + std::to_string(100 + i), i / 3);
  std::vector<std::pair<int64_t, std::string>> seen;
  std::string token;
  int pages = 0;
  do {
    auto page = List(5, token);
    ASSERT_OK(page);
    EXPECT_LE(page->items.size(), 5u);
    seen.insert(seen.end(), page->items.begin(), page->items.end());
    token = page->next_page_token.value_or("");
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 5);
  ASSERT_EQ(seen.size(), 23u);
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_GT(seen[i - 1], seen[i]);
}

TEST_P(KitStorageTest, ExactlyFullLastPageHasNoToken) {
  for (int i = 0; i < 4; ++i) Insert("n" + std::to_string(i), i);
  auto page = List(4, "");
  ASSERT_OK(page);
  EXPECT_EQ(page->items.size(), 4u);
  EXPECT_FALSE(page->next_page_token.has_value());
}

TEST_P(KitStorageTest, GuardedUpdateAppliesOnceAndRejectsTheStaleRevision) {
  Insert("a", 1);
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto tx = db_->Begin(TxMode::kWrite);
    ASSERT_OK(tx);
    Status s = UpdateWithRevision(**tx, {.table = "items",
                                         .set = "note = ?",
                                         .set_values = {std::string("n") + std::to_string(attempt)},
                                         .where = "name = ?",
                                         .where_values = {std::string("a")},
                                         .revision = 1,
                                         .resource = "item 'a'"});
    if (attempt == 0) {
      ASSERT_OK(s);
      ASSERT_OK((*tx)->Commit());
    } else {
      EXPECT_EQ(s.code(), StatusCode::kAborted);
      EXPECT_EQ(s.message(), "item 'a' was changed concurrently; reload and retry");
    }
  }
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  auto row = (*tx)->QueryOne("SELECT note, revision FROM items WHERE name = 'a'");
  ASSERT_OK(row);
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Text(0), "n0");
  EXPECT_EQ((*row)->Int(1), 2);
}

// The lost-update race: N writers read revision 1 concurrently, then write guarded by it.
// Exactly one wins; the others are Aborted; the row moved by exactly one revision.
TEST_P(KitStorageTest, ConcurrentGuardedWritersHaveExactlyOneWinner) {
  Insert("a", 1);
  constexpr int kWriters = 8;
  std::vector<Status> results(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      auto tx = db_->Begin(TxMode::kWrite);
      if (!tx.ok()) {
        results[i] = tx.status();
        return;
      }
      auto read = (*tx)->QueryOne("SELECT revision FROM items WHERE name = 'a'");
      if (!read.ok() || !read->has_value()) {
        results[i] = Internal("read failed");
        return;
      }
      // Pretend every writer read revision 1, as concurrent readers at READ COMMITTED do.
      Status s = UpdateWithRevision(**tx, {.table = "items",
                                           .set = "note = ?",
                                           .set_values = {std::string("w") + std::to_string(i)},
                                           .where = "name = ?",
                                           .where_values = {std::string("a")},
                                           .revision = 1,
                                           .resource = "item 'a'"});
      if (s.ok()) s = (*tx)->Commit();
      results[i] = s;
    });
  }
  for (auto& t : threads) t.join();
  int ok = 0;
  for (const Status& s : results) {
    if (s.ok()) {
      ++ok;
    } else {
      EXPECT_EQ(s.code(), StatusCode::kAborted) << s.ToString();
    }
  }
  EXPECT_EQ(ok, 1);
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_OK(tx);
  auto row = (*tx)->QueryOne("SELECT revision FROM items WHERE name = 'a'");
  ASSERT_OK(row);
  EXPECT_EQ((*row)->Int(0), 2);
}

TEST_P(KitStorageTest, TouchRevisionReportsMissingRows) {
  Insert("a", 1);
  auto tx = db_->Begin(TxMode::kWrite);
  ASSERT_OK(tx);
  auto hit = TouchRevision(**tx, "items", "name = ?", {std::string("a")});
  ASSERT_OK(hit);
  EXPECT_TRUE(*hit);
  auto miss =
      TouchRevision(**tx, "items", "name = ?", {std::string("zz")}, "note = ?", {std::string("x")});
  ASSERT_OK(miss);
  EXPECT_FALSE(*miss);
}

INSTANTIATE_TEST_SUITE_P(Backends, KitStorageTest, ::testing::ValuesIn(testing::TestBackends()),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace cairn::storage
