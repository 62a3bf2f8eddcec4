// Dataset routes through http::Router::Dispatch (no sockets) with the real service on SQLite.
#include "datasets/dataset_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "common/testing/status_matchers.h"
#include "datasets/sql_dataset_store.h"
#include "storage/testing/test_databases.h"

namespace cairn::datasets {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;
using http::Method;

class DatasetRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::testing::OpenFreshTestDatabase(storage::Backend::kSqlite);
    ASSERT_OK(db);
    db_ = std::move(*db);
    dir_ = fs::temp_directory_path() / ("dataset_routes_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    service_ = std::make_unique<DatasetService>(std::make_unique<SqlDatasetStore>(*db_),
                                                DatasetServiceOptions{dir_.string()});
    RegisterDatasetRoutes(router_, *service_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  http::Response Call(Method m, const std::string& target, const std::string& csv = "",
                      const std::string& content_type = "text/csv") {
    http::Request req;
    req.method = m;
    req.target = target;
    if (!csv.empty()) {
      const auto p = (dir_ / "body.csv").string();
      std::ofstream(p, std::ios::binary) << csv;
      req.body_file = p;
      req.headers.emplace_back("content-type", content_type);
      req.headers.emplace_back("content-length", std::to_string(csv.size()));
    }
    return router_.Dispatch(req);
  }
  static bj::value Body(const http::Response& r) { return bj::parse(r.body); }

  std::unique_ptr<storage::SqlDatabase> db_;
  fs::path dir_;
  std::unique_ptr<DatasetService> service_;
  http::Router router_;
};

TEST_F(DatasetRoutesTest, UploadGetRowsListDelete) {
  auto up = Call(Method::kPost, "/api/v1/features/datasets?name=d1", "x,y\n1,a\n2,b\n");
  ASSERT_EQ(up.status, 201) << up.body;
  auto v = Body(up);
  const std::string id(v.at("id").as_string());
  EXPECT_EQ(v.at("schema").at("x").as_string(), "int64");
  EXPECT_EQ(v.at("profile").at("x").at("mean").as_double(), 1.5);
  auto get = Call(Method::kGet, "/api/v1/features/datasets/" + id);
  ASSERT_EQ(get.status, 200);
  EXPECT_EQ(Body(get).at("row_count").as_int64(), 2);
  auto rows = Call(Method::kGet, "/api/v1/features/datasets/" + id + "/rows?offset=1&limit=1");
  ASSERT_EQ(rows.status, 200) << rows.body;
  EXPECT_EQ(Body(rows).at("rows").as_array()[0].at("y").as_string(), "b");
  auto list = Call(Method::kGet, "/api/v1/features/datasets");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Body(list).at("items").as_array().size(), 1u);
  EXPECT_EQ(Call(Method::kDelete, "/api/v1/features/datasets/" + id).status, 204);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/features/datasets/" + id).status, 404);
}

TEST_F(DatasetRoutesTest, UploadErrors) {
  auto no_name = Call(Method::kPost, "/api/v1/features/datasets", "a\n1\n");
  EXPECT_EQ(no_name.status, 400);
  auto wrong_type =
      Call(Method::kPost, "/api/v1/features/datasets?name=d", "a\n1\n", "application/json");
  EXPECT_EQ(wrong_type.status, 415);
  auto ragged = Call(Method::kPost, "/api/v1/features/datasets?name=d", "a,b\n1,2\n3\n");
  ASSERT_EQ(ragged.status, 400);
  EXPECT_NE(ragged.body.find("line 3"), std::string::npos) << ragged.body;
  auto empty = Call(Method::kPost, "/api/v1/features/datasets?name=d");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/features/datasets?limit=x").status, 400);
  EXPECT_EQ(Call(Method::kPut, "/api/v1/features/datasets").status, 405);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/features/datasets/nope/rows").status, 404);
}

}  // namespace
}  // namespace cairn::datasets
