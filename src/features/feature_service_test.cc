// FeatureService + SqlFeatureStore contract tests on every backend (SQLite; PostgreSQL with
// CAIRN_TEST_PG_URL), including a brute-force reference for the point-in-time join.
#include "features/feature_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "common/testing/status_matchers.h"
#include "common/time.h"
#include "datasets/sql_dataset_store.h"
#include "features/feature_json.h"
#include "features/sql_feature_store.h"
#include "storage/testing/faulty_database.h"
#include "storage/testing/test_databases.h"

namespace cairn::features {
namespace {

namespace fs = std::filesystem;

// The JSON text a looked-up cell renders as.
std::string JsonText(const Cell& c) { return EncodeStoredValue(c.value); }

class FeatureServiceTest : public ::testing::TestWithParam<storage::Backend> {
 protected:
  void SetUp() override {
    auto db = storage::testing::OpenFreshTestDatabase(GetParam());
    ASSERT_OK(db);
    db_ = std::move(*db);
    faulty_ = std::make_unique<storage::testing::FaultyDatabase>(*db_);
    dir_ = fs::temp_directory_path() /
           ("feature_svc_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    fs::create_directories(dir_);
    datasets_ = std::make_unique<datasets::DatasetService>(
        std::make_unique<datasets::SqlDatasetStore>(*db_),
        datasets::DatasetServiceOptions{dir_.string()});
    svc_ = std::make_unique<FeatureService>(std::make_unique<SqlFeatureStore>(*faulty_),
                                            datasets_.get());
    datasets_->AddUsage(svc_.get());
  }
  void TearDown() override { fs::remove_all(dir_); }

  Feature Make(const std::string& name, ValueType t, FeatureSchema schema = {},
               const std::string& entity = "symbol") {
    FeatureCreate c;
    c.name = name;
    c.entity = entity;
    c.value_type = t;
    c.schema = std::move(schema);
    auto f = svc_->Create(c, "alice");
    EXPECT_OK(f);
    return f.ok() ? *f : Feature{};
  }
  std::string Upload(const std::string& csv) {
    const auto p = (dir_ / "u.csv").string();
    std::ofstream(p, std::ios::binary) << csv;
    auto d = datasets_->Ingest("ds", "", p, "alice");
    EXPECT_OK(d);
    return d.ok() ? d->id : "";
  }
  static ValueRowInput Row(std::string key, std::string feature, RawValue v, int64_t t) {
    return ValueRowInput{std::move(key), std::move(feature), std::move(v), t};
  }

  static inline int counter_ = 0;
  std::unique_ptr<storage::SqlDatabase> db_;
  std::unique_ptr<storage::testing::FaultyDatabase> faulty_;
  fs::path dir_;
  std::unique_ptr<datasets::DatasetService> datasets_;
  std::unique_ptr<FeatureService> svc_;
};

TEST_P(FeatureServiceTest, CreateGetAndDuplicate) {
  Feature f = Make("price", ValueType::kFloat64);
  EXPECT_EQ(f.latest_version, 1);
  EXPECT_EQ(f.owner, "alice");
  auto got = svc_->Get("price", std::nullopt);
  ASSERT_OK(got);
  EXPECT_EQ(got->current.value_type, ValueType::kFloat64);
  FeatureCreate c;
  c.name = "price";
  c.entity = "symbol";
  c.value_type = ValueType::kInt64;
  EXPECT_EQ(svc_->Create(c, "bob").status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(svc_->Get("nope", std::nullopt).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_->Get("price", 2).status().code(), StatusCode::kNotFound);
}

TEST_P(FeatureServiceTest, CreateValidation) {
  FeatureCreate c;
  c.name = "datasets";
  c.entity = "symbol";
  c.value_type = ValueType::kInt64;
  EXPECT_EQ(svc_->Create(c, "a").status().code(), StatusCode::kInvalidArgument);
  c.name = "ok";
  c.entity = "bad entity";
  EXPECT_EQ(svc_->Create(c, "a").status().code(), StatusCode::kInvalidArgument);
  c.entity = "symbol";
  c.value_type = ValueType::kString;
  c.schema.min = 1;
  auto s = svc_->Create(c, "a");
  ASSERT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().errors()[0].field, "schema.min");
  c.value_type = ValueType::kInt64;
  c.schema.max = 0;
  EXPECT_EQ(svc_->Create(c, "a").status().code(), StatusCode::kInvalidArgument);
  c.schema = {};
  c.schema.dimension = 3;
  EXPECT_EQ(svc_->Create(c, "a").status().code(), StatusCode::kInvalidArgument);
  c.schema = {};
  c.schema.allowed = std::vector<RawValue>{std::string("x")};
  EXPECT_EQ(svc_->Create(c, "a").status().code(), StatusCode::kInvalidArgument);
  c.schema = {};
  c.source.dataset_id = "00000000-0000-4000-8000-000000000000";
  c.source.column = "x";
  auto src = svc_->Create(c, "a");
  ASSERT_EQ(src.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(src.status().errors()[0].field, "source.dataset_id");
}

TEST_P(FeatureServiceTest, PatchIsMetadataOnlyWithRevisions) {
  Make("price", ValueType::kFloat64);
  FeaturePatch p;
  p.description = "close price";
  p.tags = StringMap{{"team", "quant"}};
  auto f = svc_->Update("price", p, 1, "bob");
  ASSERT_OK(f);
  EXPECT_EQ(f->revision, 2);
  EXPECT_EQ(f->latest_version, 1);
  EXPECT_EQ(f->updated_by, "bob");
  EXPECT_EQ(svc_->Update("price", p, 1, "bob").status().code(), StatusCode::kAborted);
  auto same = svc_->Update("price", p, std::nullopt, "bob");
  EXPECT_EQ(same->revision, 2);  // no change, no bump
  EXPECT_EQ(svc_->Get("price", std::nullopt)->tags.at("team"), "quant");
  EXPECT_EQ(svc_->Update("nope", p, std::nullopt, "bob").status().code(), StatusCode::kNotFound);
}

TEST_P(FeatureServiceTest, VersionsAreImmutableAndNeedAChange) {
  Make("price", ValueType::kFloat64);
  VersionCreate v;
  v.changelog = "same";
  EXPECT_EQ(svc_->AddVersion("price", v, std::nullopt, "a").status().code(),
            StatusCode::kInvalidArgument);
  v.schema = FeatureSchema{};
  v.schema->min = 0;
  v.changelog = "non-negative";
  auto f = svc_->AddVersion("price", v, std::nullopt, "a");
  ASSERT_OK(f);
  EXPECT_EQ(f->latest_version, 2);
  EXPECT_EQ(f->current.schema.min, 0);
  auto v1 = svc_->GetVersion("price", 1);
  ASSERT_OK(v1);
  EXPECT_FALSE(v1->schema.min.has_value());
  auto all = svc_->Versions("price");
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].changelog, "non-negative");
  VersionCreate no_log;
  no_log.value_type = ValueType::kInt64;
  EXPECT_EQ(svc_->AddVersion("price", no_log, std::nullopt, "a").status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_OK(svc_->Archive("price", std::nullopt, "a"));
  VersionCreate t;
  t.value_type = ValueType::kInt64;
  t.changelog = "ints";
  EXPECT_EQ(svc_->AddVersion("price", t, std::nullopt, "a").status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(FeatureServiceTest, ListFilters) {
  Make("a_price", ValueType::kFloat64);
  Make("b_volume", ValueType::kInt64, {}, "ticker");
  FeaturePatch p;
  p.tags = StringMap{{"team", "quant"}};
  p.description = "Traded VOLUME";
  ASSERT_OK(svc_->Update("b_volume", p, std::nullopt, "a"));
  auto names = [&](FeatureListRequest r) {
    std::vector<std::string> out;
    auto page = svc_->List(r);
    EXPECT_OK(page);
    if (page.ok())
      for (auto& f : page->items) out.push_back(f.name);
    return out;
  };
  FeatureListRequest r;
  EXPECT_EQ(names(r).size(), 2u);
  r.entity = "ticker";
  EXPECT_EQ(names(r), std::vector<std::string>{"b_volume"});
  r = {};
  r.tag = "team:quant";
  EXPECT_EQ(names(r), std::vector<std::string>{"b_volume"});
  r.tag = "team:other";
  EXPECT_TRUE(names(r).empty());
  r = {};
  r.q = "volume";
  EXPECT_EQ(names(r), std::vector<std::string>{"b_volume"});
  r.q = "50%_";
  EXPECT_TRUE(names(r).empty());
  r = {};
  r.status = "bogus";
  EXPECT_EQ(svc_->List(r).status().code(), StatusCode::kInvalidArgument);
  r = {};
  r.limit = 1;
  auto page = svc_->List(r);
  ASSERT_TRUE(page->next_page_token);
  r.page_token = *page->next_page_token;
  auto second = svc_->List(r);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_NE(second->items[0].name, page->items[0].name);
}

TEST_P(FeatureServiceTest, WriteValidatesWholeBatch) {
  FeatureSchema s;
  s.nullable = false;
  s.min = 0;
  Make("price", ValueType::kFloat64, s);
  Make("count", ValueType::kInt64);
  std::vector<ValueRowInput> rows = {Row("A", "price", int64_t{3}, 1000),
                                     Row("A", "count", 2.5, 1000)};
  auto r = svc_->WriteValues(rows, "a");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().errors()[0].field, "rows[1].value");
  rows = {Row("A", "price", -1.0, 1000)};
  EXPECT_EQ(svc_->WriteValues(rows, "a").status().errors()[0].field, "rows[0].value");
  rows = {Row("A", "price", RawValue{}, 1000)};
  EXPECT_EQ(svc_->WriteValues(rows, "a").status().code(), StatusCode::kInvalidArgument);
  rows = {Row("A", "ghost", 1.0, 1000)};
  EXPECT_EQ(svc_->WriteValues(rows, "a").status().errors()[0].field, "rows[0].feature");
  // Nothing was written by the failed batches.
  OnlineRequest o{"symbol", {"A"}, {"price"}};
  EXPECT_FALSE(svc_->Online(o)->rows[0].cells[0].event_time.has_value());
  rows = {Row("A", "price", int64_t{3}, 1000), Row("A", "count", int64_t{2}, 1000)};
  EXPECT_EQ(*svc_->WriteValues(rows, "a"), 2);
  auto on = svc_->Online(o);
  EXPECT_EQ(JsonText(on->rows[0].cells[0]), "3.0");
}

TEST_P(FeatureServiceTest, FailedStatementWritesNothing) {
  Make("price", ValueType::kFloat64);
  std::vector<ValueRowInput> rows = {Row("A", "price", 1.0, 1000)};
  faulty_->Reset();
  ASSERT_OK(svc_->WriteValues(rows, "a"));
  const int n = faulty_->statements();
  for (int i = 1; i <= n; ++i) {
    faulty_->Reset();
    faulty_->FailNth(i, StatusCode::kUnavailable);
    std::vector<ValueRowInput> more = {Row("B", "price", 2.0, 1000)};
    EXPECT_FALSE(svc_->WriteValues(more, "a").ok()) << i;
  }
  faulty_->Reset();
  OnlineRequest o{"symbol", {"B"}, {"price"}};
  EXPECT_FALSE(svc_->Online(o)->rows[0].cells[0].event_time.has_value());
}

TEST_P(FeatureServiceTest, OnlineLatestByEventTimeInKeyOrder) {
  Make("f1", ValueType::kInt64);
  Make("f2", ValueType::kString);
  Make("other", ValueType::kInt64, {}, "user_id");
  std::vector<ValueRowInput> rows = {
      Row("A", "f1", int64_t{1}, 2000), Row("A", "f1", int64_t{2}, 1000),  // older: not latest
      Row("B", "f1", int64_t{5}, 1000), Row("B", "f2", std::string("x"), 1000)};
  ASSERT_OK(svc_->WriteValues(rows, "a"));
  OnlineRequest o{"symbol", {"B", "A", "C"}, {"f1", "f2"}};
  auto r = svc_->Online(o);
  ASSERT_OK(r);
  ASSERT_EQ(r->rows.size(), 3u);
  EXPECT_EQ(r->rows[0].entity_key, "B");
  EXPECT_EQ(JsonText(r->rows[0].cells[0]), "5");
  EXPECT_EQ(JsonText(r->rows[0].cells[1]), "\"x\"");
  EXPECT_EQ(JsonText(r->rows[1].cells[0]), "1");
  EXPECT_EQ(r->rows[1].cells[0].event_time, 2000);
  EXPECT_EQ(JsonText(r->rows[1].cells[1]), "null");
  EXPECT_FALSE(r->rows[2].cells[0].event_time.has_value());
  // Equal event time: the last write wins.
  rows = {Row("A", "f1", int64_t{7}, 2000)};
  ASSERT_OK(svc_->WriteValues(rows, "a"));
  EXPECT_EQ(JsonText(svc_->Online(o)->rows[1].cells[0]), "7");
  OnlineRequest unknown{"symbol", {"A"}, {"ghost"}};
  EXPECT_EQ(svc_->Online(unknown).status().code(), StatusCode::kNotFound);
  OnlineRequest wrong{"symbol", {"A"}, {"other"}};
  EXPECT_EQ(svc_->Online(wrong).status().code(), StatusCode::kInvalidArgument);
  OnlineRequest dup{"symbol", {"A"}, {"f1", "f1"}};
  EXPECT_EQ(svc_->Online(dup).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(FeatureServiceTest, HistoricalMatchesBruteForceWithTies) {
  Make("f1", ValueType::kInt64);
  Make("f2", ValueType::kInt64);
  std::mt19937_64 rng(42);
  // reference[(feature, key, time)] = value, last write wins.
  std::map<std::tuple<std::string, std::string, int64_t>, int64_t> ref;
  int64_t counter = 0;
  for (int batch = 0; batch < 6; ++batch) {
    std::vector<ValueRowInput> rows;
    for (int i = 0; i < 300; ++i) {
      std::string f = rng() % 2 ? "f1" : "f2";
      std::string k = "k" + std::to_string(rng() % 12);
      int64_t t = static_cast<int64_t>(rng() % 40) * 10;  // many equal times
      int64_t v = ++counter;
      rows.push_back(Row(k, f, v, t));
      ref[{f, k, t}] = v;
    }
    ASSERT_OK(svc_->WriteValues(rows, "a"));
  }
  HistoricalRequest h;
  h.features = {"f2", "f1"};
  for (int i = 0; i < 2000; ++i)
    h.entity_rows.push_back(
        {"k" + std::to_string(rng() % 14), static_cast<int64_t>(rng() % 450) - 20});
  auto r = svc_->Historical(h);
  ASSERT_OK(r);
  ASSERT_EQ(r->rows.size(), h.entity_rows.size());
  for (size_t i = 0; i < h.entity_rows.size(); ++i) {
    const auto& er = h.entity_rows[i];
    EXPECT_EQ(r->rows[i].entity_key, er.entity_key);
    EXPECT_EQ(r->rows[i].event_time, er.event_time);
    for (size_t fi = 0; fi < h.features.size(); ++fi) {
      std::optional<int64_t> want;
      int64_t best = INT64_MIN;
      for (const auto& [key, v] : ref) {
        const auto& [f, k, t] = key;
        if (f == h.features[fi] && k == er.entity_key && t <= er.event_time && t >= best) {
          best = t;
          want = v;
        }
      }
      const Cell& c = r->rows[i].cells[fi];
      if (!want) {
        EXPECT_EQ(JsonText(c), "null") << i;
        EXPECT_FALSE(c.event_time.has_value());
      } else {
        EXPECT_EQ(JsonText(c), std::to_string(*want)) << i << " " << h.features[fi];
        EXPECT_EQ(c.event_time, best);
      }
    }
  }
  HistoricalRequest bad;
  bad.features = {"ghost"};
  EXPECT_EQ(svc_->Historical(bad).status().code(), StatusCode::kNotFound);
}

TEST_P(FeatureServiceTest, MaterializeFromDatasetAndDeleteGuard) {
  const std::string id = Upload(
      "sym,ts,px,label\nA,2024-01-01T00:00:00Z,1.5,x\nB,2024-01-01T00:00:00Z,2,y\n"
      "A,2024-01-02T00:00:00Z,3.5,z\n");
  FeatureCreate c;
  c.name = "px";
  c.entity = "symbol";
  c.value_type = ValueType::kFloat64;
  c.source.dataset_id = id;
  c.source.column = "px";
  ASSERT_OK(svc_->Create(c, "a"));
  auto n = svc_->Materialize("px", {id, "sym", "ts", "px"}, "a");
  ASSERT_OK(n);
  EXPECT_EQ(*n, 3);
  OnlineRequest o{"symbol", {"A", "B"}, {"px"}};
  auto r = svc_->Online(o);
  EXPECT_EQ(JsonText(r->rows[0].cells[0]), "3.5");
  EXPECT_EQ(r->rows[0].cells[0].event_time, *ParseRfc3339("2024-01-02T00:00:00Z"));
  EXPECT_EQ(svc_->Materialize("px", {id, "sym", "ts", "label"}, "a").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(svc_->Materialize("px", {id, "sym", "nope", "px"}, "a").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      svc_->Materialize("px", {"00000000-0000-4000-8000-000000000000", "sym", "ts", "px"}, "a")
          .status()
          .code(),
      StatusCode::kNotFound);
  // The dataset is the source of a live feature: delete is refused until it is archived.
  EXPECT_EQ(datasets_->Delete(id, "a").code(), StatusCode::kFailedPrecondition);
  ASSERT_OK(svc_->Archive("px", std::nullopt, "a"));
  EXPECT_OK(datasets_->Delete(id, "a"));
}

INSTANTIATE_TEST_SUITE_P(Backends, FeatureServiceTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

}  // namespace
}  // namespace cairn::features
