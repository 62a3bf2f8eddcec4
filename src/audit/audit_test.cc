#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "audit/audit_json.h"
#include "audit/audit_service.h"
#include "audit/audit_writer.h"
#include "audit/sql_audit_store.h"
#include "common/testing/status_matchers.h"
#include "storage/testing/test_databases.h"

namespace cairn::audit {
namespace {

class AuditTest : public ::testing::TestWithParam<storage::Backend> {
 protected:
  void SetUp() override {
    auto db = storage::testing::OpenFreshTestDatabase(GetParam());
    ASSERT_OK(db);
    db_ = std::move(*db);
    service_ = std::make_unique<AuditService>(std::make_unique<SqlAuditStore>(*db_));
  }
  Entry Make(int64_t at, std::string actor, std::string type, std::string id) {
    return Entry{at,
                 std::move(actor),
                 "thing.do",
                 std::move(type),
                 std::move(id),
                 {{"count", int64_t{3}}, {"note", std::string("n")}}};
  }
  std::unique_ptr<storage::SqlDatabase> db_;
  std::unique_ptr<AuditService> service_;
};

TEST_P(AuditTest, AppendInTxCommitsWithTheTransaction) {
  {
    auto tx = db_->Begin(storage::TxMode::kWrite);
    ASSERT_OK(tx);
    ASSERT_OK(AppendInTx(**tx, Make(1, "a", "run", "r1")));
    // destroyed without Commit: rolled back
  }
  EXPECT_TRUE(service_->List({})->items.empty());
  auto tx = db_->Begin(storage::TxMode::kWrite);
  ASSERT_OK(AppendInTx(**tx, Make(1, "a", "run", "r1")));
  ASSERT_OK((*tx)->Commit());
  auto page = service_->List({});
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].actor, "a");
  auto summary = boost::json::parse(page->items[0].summary_json);
  EXPECT_EQ(summary.at("count").as_int64(), 3);
  EXPECT_EQ(summary.at("note").as_string(), "n");
}

TEST_P(AuditTest, FiltersByResourceActorAndSince) {
  SqlAuditStore store(*db_);
  ASSERT_OK(store.Append(Make(100, "a", "run", "r1")));
  ASSERT_OK(store.Append(Make(200, "b", "run", "r2/x")));
  ASSERT_OK(store.Append(Make(300, "a", "experiment", "e")));
  ListRequest r;
  r.resource = "run";
  EXPECT_EQ(service_->List(r)->items.size(), 2u);
  r.resource = "run/r2/x";
  ASSERT_EQ(service_->List(r)->items.size(), 1u);
  EXPECT_EQ(service_->List(r)->items[0].actor, "b");
  ListRequest a;
  a.actor = "a";
  auto pa = service_->List(a);
  ASSERT_EQ(pa->items.size(), 2u);
  EXPECT_EQ(pa->items[0].resource_type, "experiment");  // newest first
  ListRequest s;
  s.since = 200;
  EXPECT_EQ(service_->List(s)->items.size(), 2u);
}

TEST_P(AuditTest, PagesWithTokens) {
  SqlAuditStore store(*db_);
  for (int i = 0; i < 5; ++i) ASSERT_OK(store.Append(Make(i, "a", "run", "r")));
  ListRequest r;
  r.limit = 2;
  int total = 0;
  for (int guard = 0; guard < 10; ++guard) {
    auto p = service_->List(r);
    ASSERT_OK(p);
    total += static_cast<int>(p->items.size());
    if (!p->next_page_token) break;
    r.page_token = *p->next_page_token;
  }
  EXPECT_EQ(total, 5);
}

TEST_P(AuditTest, RejectsBadRequests) {
  ListRequest l;
  l.limit = 0;
  EXPECT_EQ(service_->List(l).status().code(), StatusCode::kInvalidArgument);
  l.limit = 1001;
  EXPECT_EQ(service_->List(l).status().code(), StatusCode::kInvalidArgument);
  ListRequest r;
  r.resource = "/x";
  EXPECT_EQ(service_->List(r).status().code(), StatusCode::kInvalidArgument);
  r.resource = "run/";
  EXPECT_EQ(service_->List(r).status().code(), StatusCode::kInvalidArgument);
  ListRequest t;
  t.page_token = "a-1";
  EXPECT_EQ(service_->List(t).status().code(), StatusCode::kInvalidArgument);
  t.page_token = "x";
  EXPECT_EQ(service_->List(t).status().code(), StatusCode::kInvalidArgument);
}

TEST(AuditJson, RendersTimesAndSummaryObjects) {
  RecordPage page{{Record{7, 0, "a", "x.y", "run", "r", R"({"count":2})"}}, "a7"};
  auto v = boost::json::parse(RecordPageToJson(page));
  EXPECT_EQ(v.at("items").at(0).at("at").as_string(), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(v.at("items").at(0).at("summary").at("count").as_int64(), 2);
  EXPECT_EQ(v.at("next_page_token").as_string(), "a7");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest, ::testing::ValuesIn(storage::testing::TestBackends()),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

}  // namespace
}  // namespace cairn::audit
