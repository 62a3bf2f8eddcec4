// DatasetService contract tests on every backend (SQLite; PostgreSQL with CAIRN_TEST_PG_URL).
#include "datasets/dataset_service.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "audit/audit_service.h"
#include "audit/sql_audit_store.h"
#include "common/testing/status_matchers.h"
#include "datasets/sql_dataset_store.h"
#include "storage/testing/faulty_database.h"
#include "storage/testing/test_databases.h"

namespace cairn::datasets {
namespace {

namespace fs = std::filesystem;

class FakeUsage : public DatasetUsage {
 public:
  Result<std::vector<std::string>> UsersOfDataset(const std::string& id) override {
    if (id == used_id) return std::vector<std::string>{"feature 'price'"};
    return std::vector<std::string>{};
  }
  std::string used_id;
};

class DatasetServiceTest : public ::testing::TestWithParam<storage::Backend> {
 protected:
  void SetUp() override {
    auto db = storage::testing::OpenFreshTestDatabase(GetParam());
    ASSERT_OK(db);
    db_ = std::move(*db);
    faulty_ = std::make_unique<storage::testing::FaultyDatabase>(*db_);
    dir_ = fs::temp_directory_path() /
           ("dataset_svc_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    fs::create_directories(dir_);
    service_ = std::make_unique<DatasetService>(std::make_unique<SqlDatasetStore>(*faulty_),
                                                DatasetServiceOptions{dir_.string()});
    service_->AddUsage(&usage_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string WriteCsv(const std::string& text) {
    const auto p = (dir_ / ("up" + std::to_string(counter_++) + ".csv")).string();
    std::ofstream f(p, std::ios::binary);
    f << text;
    return p;
  }
  Dataset Upload(const std::string& text, const std::string& name = "prices") {
    auto d = service_->Ingest(name, "", WriteCsv(text), "alice");
    EXPECT_OK(d);
    return d.ok() ? *d : Dataset{};
  }
  size_t DatasetDirs() {
    if (!fs::exists(dir_ / "datasets")) return 0;
    return static_cast<size_t>(
        std::distance(fs::directory_iterator(dir_ / "datasets"), fs::directory_iterator()));
  }

  static inline int counter_ = 0;
  std::unique_ptr<storage::SqlDatabase> db_;
  std::unique_ptr<storage::testing::FaultyDatabase> faulty_;
  fs::path dir_;
  FakeUsage usage_;
  std::unique_ptr<DatasetService> service_;
};

TEST_P(DatasetServiceTest, IngestStoresMetadataProfileAndColumns) {
  Dataset d = Upload("sym,price,ts\nA,1.5,2024-01-01T00:00:00Z\nB,,2024-01-02T00:00:00Z\nA,3.5,\n");
  ASSERT_FALSE(d.id.empty());
  auto got = service_->Get(d.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->name, "prices");
  EXPECT_EQ(got->row_count, 3);
  EXPECT_EQ(got->created_by, "alice");
  EXPECT_EQ(got->sha256, d.sha256);
  ASSERT_EQ(got->columns.size(), 3u);
  EXPECT_EQ(got->columns[1].second, ColumnType::kFloat64);
  ASSERT_EQ(got->profile.size(), 3u);
  EXPECT_EQ(got->profile[1].missing, 1);
  EXPECT_DOUBLE_EQ(*got->profile[1].mean, 2.5);
  EXPECT_EQ(got->profile[0].top_values[0].value, "A");

  auto info = service_->Describe(d.id);
  ASSERT_OK(info);
  EXPECT_EQ(info->row_count, 3);
  auto price = service_->ReadColumn(d.id, "price");
  ASSERT_OK(price);
  EXPECT_EQ(price->numbers[0], 1.5);
  EXPECT_TRUE(std::isnan(price->numbers[1]));
  EXPECT_EQ(price->missing, 1);
  auto sym = service_->ReadColumn(d.id, "sym");
  ASSERT_OK(sym);
  EXPECT_EQ(sym->strings[1], std::optional<std::string>("B"));
  EXPECT_EQ(service_->ReadColumn(d.id, "nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->ReadColumn("00000000-0000-4000-8000-000000000000", "x").status().code(),
            StatusCode::kNotFound);
}

TEST_P(DatasetServiceTest, BadCsvStoresNothing) {
  auto d = service_->Ingest("bad", "", WriteCsv("a,b\n1,2\n1\n"), "alice");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DatasetDirs(), 0u);
  auto page = service_->List({});
  ASSERT_OK(page);
  EXPECT_TRUE(page->items.empty());
}

TEST_P(DatasetServiceTest, InvalidNameIsRejected) {
  auto d = service_->Ingest("-bad name", "", WriteCsv("a\n1\n"), "alice");
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DatasetDirs(), 0u);
}

TEST_P(DatasetServiceTest, DatabaseFailureRemovesFiles) {
  faulty_->Reset();
  faulty_->FailNth(1, StatusCode::kUnavailable);
  auto d = service_->Ingest("x", "", WriteCsv("a\n1\n"), "alice");
  EXPECT_EQ(d.status().code(), StatusCode::kUnavailable);
  faulty_->Reset();
  EXPECT_EQ(DatasetDirs(), 0u);
  auto page = service_->List({});
  ASSERT_OK(page);
  EXPECT_TRUE(page->items.empty());
}

TEST_P(DatasetServiceTest, ListPagesNewestFirstAndFiltersByName) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(Upload("a\n1\n", i % 2 ? "odd" : "even").id);
  DatasetListRequest r;
  r.limit = 2;
  std::vector<std::string> seen;
  for (int guard = 0; guard < 10; ++guard) {
    auto page = service_->List(r);
    ASSERT_OK(page);
    for (const auto& d : page->items) seen.push_back(d.id);
    if (!page->next_page_token) break;
    r.page_token = *page->next_page_token;
  }
  EXPECT_EQ(seen.size(), 5u);
  DatasetListRequest odd;
  odd.name = "odd";
  EXPECT_EQ(service_->List(odd)->items.size(), 2u);
  DatasetListRequest bad;
  bad.limit = 0;
  EXPECT_EQ(service_->List(bad).status().code(), StatusCode::kInvalidArgument);
  bad.limit = 10;
  bad.page_token = "!!";
  EXPECT_EQ(service_->List(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(DatasetServiceTest, RowsPreviewWindows) {
  Dataset d = Upload("n,s\n1,a\n2,\n3,c\n");
  auto rows = service_->Rows(d.id, 1, 5);
  ASSERT_OK(rows);
  EXPECT_EQ(rows->total, 3);
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[0][0].i, 2);
  EXPECT_FALSE(rows->rows[0][1].present);
  EXPECT_EQ(rows->rows[1][1].s, "c");
  EXPECT_TRUE(service_->Rows(d.id, 10, 5)->rows.empty());
  EXPECT_EQ(service_->Rows(d.id, -1, 5).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->Rows(d.id, 0, 1001).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->Rows(d.id, 0, 0).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(DatasetServiceTest, DeleteRemovesRowAndFilesUnlessInUse) {
  Dataset used = Upload("a\n1\n");
  Dataset free = Upload("a\n2\n");
  usage_.used_id = used.id;
  Status s = service_->Delete(used.id, "bob");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("feature 'price'"), std::string::npos);
  EXPECT_OK(service_->Get(used.id));
  ASSERT_OK(service_->Delete(free.id, "bob"));
  EXPECT_EQ(service_->Get(free.id).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir_ / "datasets" / free.id));
  EXPECT_EQ(service_->Delete(free.id, "bob").code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->Delete("not-a-uuid", "bob").code(), StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatasetServiceTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

}  // namespace
}  // namespace cairn::datasets
