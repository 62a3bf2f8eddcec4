// DriftService + SqlDriftStore tests on every backend under test, with an in-memory
// DatasetReader, plus golden checks through the JSON layer against shared/testdata/drift.
#include "drift/drift_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <map>

#include "common/ids.h"
#include "common/testing/status_matchers.h"
#include "drift/drift_json.h"
#include "drift/sql_drift_store.h"
#include "stats/testing/csv.h"
#include "storage/testing/test_databases.h"

namespace cairn::drift {
namespace {

namespace bj = boost::json;

class MemoryDatasets : public datasets::DatasetReader {
 public:
  void Add(const std::string& id, std::vector<datasets::ColumnData> columns) {
    datasets::DatasetInfo info;
    info.id = id;
    info.name = id;
    for (const auto& c : columns) {
      info.columns.emplace_back(c.name, c.type);
      info.row_count = static_cast<int64_t>(c.size());
    }
    infos_[id] = info;
    for (auto& c : columns) columns_[id + "/" + c.name] = std::move(c);
  }
  Result<datasets::DatasetInfo> Describe(const std::string& id) override {
    auto it = infos_.find(id);
    if (it == infos_.end()) return NotFound("dataset '" + id + "' not found");
    return it->second;
  }
  Result<datasets::ColumnData> ReadColumn(const std::string& id, const std::string& c) override {
    auto it = columns_.find(id + "/" + c);
    if (it == columns_.end()) return NotFound("column not found");
    return it->second;
  }

 private:
  std::map<std::string, datasets::DatasetInfo> infos_;
  std::map<std::string, datasets::ColumnData> columns_;
};

datasets::ColumnData Numbers(const std::string& name, std::vector<double> v) {
  datasets::ColumnData c;
  c.name = name;
  c.type = datasets::ColumnType::kFloat64;
  c.numbers = std::move(v);
  return c;
}

datasets::ColumnData Strings(const std::string& name, std::vector<std::optional<std::string>> v) {
  datasets::ColumnData c;
  c.name = name;
  c.type = datasets::ColumnType::kString;
  c.strings = std::move(v);
  return c;
}

std::vector<double> Ramp(int n, double offset) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(offset + i * 0.01);
  return v;
}

InlineColumn Inline(const std::string& name, std::vector<double> v) {
  InlineColumn c;
  c.name = name;
  c.kind = ColumnKind::kNumeric;
  for (double x : v) c.nulls += std::isnan(x) ? 1 : 0;
  c.numbers = std::move(v);
  return c;
}

InlineColumn InlineStrings(const std::string& name, std::vector<std::optional<std::string>> v) {
  InlineColumn c;
  c.name = name;
  c.kind = ColumnKind::kCategorical;
  c.strings = std::move(v);
  return c;
}

std::vector<std::optional<std::string>> Repeat(std::vector<std::pair<std::string, int>> spec) {
  std::vector<std::optional<std::string>> out;
  for (const auto& [s, n] : spec)
    for (int i = 0; i < n; ++i) out.emplace_back(s);
  return out;
}

class DriftServiceTest : public ::testing::TestWithParam<storage::Backend> {
 protected:
  void SetUp() override {
    auto db = storage::testing::OpenFreshTestDatabase(GetParam());
    ASSERT_OK(db);
    db_ = std::move(*db);
    service_ = std::make_unique<DriftService>(std::make_unique<SqlDriftStore>(*db_), &datasets_);
  }
  int64_t Count(const std::string& sql) {
    auto tx = db_->Begin(storage::TxMode::kRead);
    auto row = (*tx)->QueryOne(sql);
    return row.ok() && *row ? (*row)->Int(0) : -1;
  }
  DriftComputeRequest ShiftedInline() {
    DriftComputeRequest r;
    r.reference =
        std::vector<InlineColumn>{Inline("x", Ramp(500, 0)), Inline("stable", Ramp(500, 0)),
                                  InlineStrings("c", Repeat({{"a", 300}, {"b", 200}}))};
    r.current =
        std::vector<InlineColumn>{Inline("x", Ramp(500, 3)), Inline("stable", Ramp(500, 0)),
                                  InlineStrings("c", Repeat({{"a", 100}, {"b", 300}, {"z", 100}}))};
    return r;
  }

  std::unique_ptr<storage::SqlDatabase> db_;
  MemoryDatasets datasets_;
  std::unique_ptr<DriftService> service_;
};

TEST_P(DriftServiceTest, InlineComputeFlagsDriftedColumnsWithoutRecordingByDefault) {
  auto r = service_->Compute(ShiftedInline(), "alice");
  ASSERT_OK(r);
  ASSERT_EQ(r->columns.size(), 3u);
  EXPECT_EQ(r->columns[0].name, "x");
  EXPECT_TRUE(r->columns[0].drifted());
  EXPECT_EQ(r->columns[0].severity(), stats::Severity::kCritical);
  EXPECT_FALSE(r->columns[1].drifted());
  EXPECT_TRUE(r->columns[2].categorical);
  EXPECT_TRUE(r->columns[2].drifted());
  EXPECT_EQ(r->columns[2].categorical_drift.chi2.dof, 2);
  EXPECT_NEAR(r->drift_share, 2.0 / 3.0, 1e-12);
  EXPECT_TRUE(r->dataset_drift);
  EXPECT_TRUE(r->events.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM drift_events"), 0);
}

TEST_P(DriftServiceTest, WithModelNameDriftedColumnsBecomeEventsInOneTransaction) {
  auto req = ShiftedInline();
  req.model_name = "churn";
  req.model_version = 3;
  auto r = service_->Compute(req, "alice");
  ASSERT_OK(r);
  ASSERT_EQ(r->events.size(), 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM drift_events"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'drift_event.create'"), 2);
  DriftEventListRequest lr;
  lr.model_name = "churn";
  auto page = service_->ListEvents(lr);
  ASSERT_OK(page);
  ASSERT_EQ(page->items.size(), 2u);
  for (const auto& e : page->items) {
    EXPECT_EQ(e.method, Method::kPsi);
    EXPECT_EQ(e.model_version, 3);
    EXPECT_EQ(e.created_by, "alice");
    EXPECT_TRUE(e.feature == "x" || e.feature == "c");
    EXPECT_DOUBLE_EQ(*e.threshold, 0.1);
    EXPECT_NE(e.details_json.find("drift.compute"), std::string::npos);
  }
}

TEST_P(DriftServiceTest, InlineRejectsKindMismatchMissingColumnsAndEmptySamples) {
  DriftComputeRequest kinds;
  kinds.reference = std::vector<InlineColumn>{Inline("x", {1, 2, 3})};
  kinds.current = std::vector<InlineColumn>{InlineStrings("x", {"a"})};
  auto r = service_->Compute(kinds, "a");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().errors()[0].field, "columns.x");

  DriftComputeRequest missing;
  missing.reference = std::vector<InlineColumn>{Inline("x", {1, 2}), Inline("y", {1, 2})};
  missing.current = std::vector<InlineColumn>{Inline("x", {1, 2})};
  r = service_->Compute(missing, "a");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().errors()[0].field, "current.y");
  missing.columns = std::vector<std::string>{"x"};
  EXPECT_OK(service_->Compute(missing, "a"));

  DriftComputeRequest empty;
  InlineColumn nulls;
  nulls.name = "x";
  nulls.nulls = 3;
  empty.reference = std::vector<InlineColumn>{Inline("x", {1, 2})};
  empty.current = std::vector<InlineColumn>{nulls};
  r = service_->Compute(empty, "a");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().errors()[0].field, "columns.x");

  DriftComputeRequest neither;
  EXPECT_EQ(service_->Compute(neither, "a").status().code(), StatusCode::kInvalidArgument);
  DriftComputeRequest both = ShiftedInline();
  both.reference_dataset_id = "r";
  EXPECT_EQ(service_->Compute(both, "a").status().code(), StatusCode::kInvalidArgument);
  DriftComputeRequest version_alone = ShiftedInline();
  version_alone.model_version = 1;
  EXPECT_EQ(service_->Compute(version_alone, "a").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM drift_events"), 0);
}

TEST_P(DriftServiceTest, DatasetComputeUsesSharedColumnsAndTypes) {
  datasets_.Add("ref", {Numbers("x", Ramp(400, 0)), Strings("c", Repeat({{"a", 200}, {"b", 200}})),
                        Numbers("only_ref", {1, 2})});
  datasets_.Add("cur",
                {Strings("c", Repeat({{"a", 200}, {"b", 200}})), Numbers("x", Ramp(400, 2))});
  DriftComputeRequest req;
  req.reference_dataset_id = "ref";
  req.current_dataset_id = "cur";
  req.model_name = "m";
  auto r = service_->Compute(req, "a");
  ASSERT_OK(r);
  ASSERT_EQ(r->columns.size(), 2u);
  EXPECT_EQ(r->columns[0].name, "x");  // reference order
  EXPECT_TRUE(r->columns[0].drifted());
  EXPECT_TRUE(r->columns[1].categorical);
  EXPECT_FALSE(r->columns[1].drifted());
  EXPECT_DOUBLE_EQ(r->drift_share, 0.5);
  EXPECT_TRUE(r->dataset_drift);
  EXPECT_EQ(r->events.size(), 1u);

  req.columns = std::vector<std::string>{"only_ref"};
  EXPECT_EQ(service_->Compute(req, "a").status().code(), StatusCode::kInvalidArgument);
  req.columns.reset();
  req.current_dataset_id = "nope";
  EXPECT_EQ(service_->Compute(req, "a").status().code(), StatusCode::kNotFound);
}

TEST_P(DriftServiceTest, DatasetComputeWithoutReaderIsUnavailable) {
  DriftService bare(std::make_unique<SqlDriftStore>(*db_), nullptr);
  DriftComputeRequest req;
  req.reference_dataset_id = "a";
  req.current_dataset_id = "b";
  auto r = bare.Compute(req, "a");
  ASSERT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(r.status().message(), "datasets not available");
}

TEST_P(DriftServiceTest, CreateAndListEventsWithFilters) {
  DriftEventCreate c;
  c.model_name = "m";
  c.feature = "x";
  c.method = "psi";
  c.score = 0.3;
  c.detected_at = 1000;
  auto e = service_->CreateEvent(c, "alice");
  ASSERT_OK(e);
  EXPECT_EQ(e->severity, stats::Severity::kHigh);  // from the PSI band
  c.method = "ks";
  c.score = 0.2;
  c.p_value = 0.001;
  c.severity = "low";
  c.detected_at = 5000;
  ASSERT_OK(service_->CreateEvent(c, "alice"));
  c.model_name = "other";
  ASSERT_OK(service_->CreateEvent(c, "alice"));

  DriftEventListRequest lr;
  lr.model_name = "m";
  EXPECT_EQ(service_->ListEvents(lr)->items.size(), 2u);
  lr.severity = "high";
  EXPECT_EQ(service_->ListEvents(lr)->items.size(), 1u);
  DriftEventListRequest since;
  since.since = "1970-01-01T00:00:02Z";
  auto s = service_->ListEvents(since);
  ASSERT_EQ(s->items.size(), 2u);
  DriftEventListRequest paged;
  paged.limit = 2;
  auto p1 = service_->ListEvents(paged);
  ASSERT_TRUE(p1->next_page_token);
  paged.page_token = *p1->next_page_token;
  EXPECT_EQ(service_->ListEvents(paged)->items.size(), 1u);
  DriftEventListRequest bad;
  bad.severity = "huge";
  bad.since = "yesterday";
  auto b = service_->ListEvents(bad);
  ASSERT_EQ(b.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(b.status().errors().size(), 2u);
}

TEST_P(DriftServiceTest, CreateEventValidates) {
  DriftEventCreate c;
  c.model_name = "bad name";
  c.feature = "";
  c.method = "kl";
  c.score = 1;
  c.p_value = 2;
  c.deployment_id = "x";
  c.window_start = 10;
  c.window_end = 5;
  auto r = service_->CreateEvent(c, "a");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_GE(r.status().errors().size(), 6u);
  DriftEventCreate ks;
  ks.model_name = "m";
  ks.feature = "x";
  ks.method = "ks";
  ks.score = 0.5;
  EXPECT_EQ(service_->CreateEvent(ks, "a").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM drift_events"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, DriftServiceTest,
                         ::testing::ValuesIn(storage::testing::TestBackends()),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

TEST(DriftJsonTest, InlineColumnKindsAndMixedColumnsAreNamed) {
  auto r = ParseDriftComputeRequest(
      R"({"reference":{"x":[1.5,2,null],"c":["a",null,"b"],"n":[null]},"current":{"x":[1]}})");
  ASSERT_OK(r);
  const auto& ref = *r->reference;
  ASSERT_EQ(ref.size(), 3u);
  EXPECT_EQ(ref[0].kind, ColumnKind::kNumeric);
  EXPECT_TRUE(std::isnan(ref[0].numbers[2]));
  EXPECT_EQ(ref[1].kind, ColumnKind::kCategorical);
  EXPECT_FALSE(ref[1].strings[1].has_value());
  EXPECT_EQ(ref[2].kind, ColumnKind::kEmpty);
  EXPECT_EQ(ref[2].nulls, 1);

  auto mixed = ParseDriftComputeRequest(R"({"reference":{"m":[1,"a"]},"current":{"m":[1]}})");
  ASSERT_EQ(mixed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(mixed.status().errors()[0].field, "reference.m");
  auto boolean = ParseDriftComputeRequest(R"({"reference":{"m":[1]},"current":{"m":[true]}})");
  ASSERT_EQ(boolean.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(boolean.status().errors()[0].field, "current.m");
  auto unknown = ParseDriftComputeRequest(R"({"reference":{},"extra":1})");
  ASSERT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().errors()[0].field, "extra");
  EXPECT_EQ(ParseDriftComputeRequest("[1]").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseDriftComputeRequest("{").status().code(), StatusCode::kInvalidArgument);
}

// Builds an inline request body from a golden case's CSVs, computes through JSON, and checks
// the response against expected.json.
void CheckGoldenCase(const std::string& name) {
  const std::string dir = std::string(CAIRN_TESTDATA_DIR) + "/drift/" + name;
  auto ref = stats::testing::ReadCsvFile(dir + "/reference.csv");
  auto cur = stats::testing::ReadCsvFile(dir + "/current.csv");
  auto expected_text = stats::testing::ReadFile(dir + "/expected.json");
  ASSERT_OK(ref);
  ASSERT_OK(cur);
  ASSERT_OK(expected_text);
  bj::value expected = bj::parse(*expected_text);
  bj::object body{{"reference", bj::object()}, {"current", bj::object()}};
  for (const auto& col : expected.at("columns").as_array()) {
    const std::string cname(col.at("name").as_string());
    const bool numeric = col.at("type").as_string() == "numeric";
    for (auto [table, side] : {std::pair{&*ref, "reference"}, std::pair{&*cur, "current"}}) {
      bj::array values;
      if (numeric) {
        auto v = stats::testing::NumericColumn(*table, cname);
        ASSERT_OK(v);
        for (double x : *v) values.push_back(std::isnan(x) ? bj::value(nullptr) : bj::value(x));
      } else {
        auto v = stats::testing::StringColumn(*table, cname);
        ASSERT_OK(v);
        for (const auto& s : *v) values.push_back(s ? bj::value(*s) : bj::value(nullptr));
      }
      body.at(side).as_object()[cname] = std::move(values);
    }
  }
  auto parsed = ParseDriftComputeRequest(bj::serialize(body));
  ASSERT_OK(parsed);
  auto db = storage::testing::OpenFreshTestDatabase(storage::Backend::kSqlite);
  ASSERT_OK(db);
  DriftService service(std::make_unique<SqlDriftStore>(**db), nullptr);
  auto result = service.Compute(*parsed, "golden");
  ASSERT_OK(result);
  bj::value out = bj::parse(DriftComputeResultToJson(*result));
  auto rel = [](double got, double want) {
    return std::abs(got - want) <= 1e-9 * std::max(1.0, std::abs(want));
  };
  for (const auto& col : expected.at("columns").as_array()) {
    const auto& got = out.at("columns").at(col.at("name").as_string());
    SCOPED_TRACE(name + "/" + std::string(col.at("name").as_string()));
    EXPECT_EQ(got.at("type"), col.at("type"));
    EXPECT_EQ(got.at("n_reference").to_number<int64_t>(),
              col.at("n_reference").to_number<int64_t>());
    EXPECT_EQ(got.at("missing_current").to_number<int64_t>(),
              col.at("missing_current").to_number<int64_t>());
    EXPECT_TRUE(rel(got.at("psi").to_number<double>(), col.at("psi").to_number<double>()));
    EXPECT_TRUE(rel(got.at("js").to_number<double>(), col.at("js_distance").to_number<double>()));
    if (col.at("type").as_string() == "numeric") {
      EXPECT_TRUE(rel(got.at("ks").at("statistic").to_number<double>(),
                      col.at("ks_statistic").to_number<double>()));
      EXPECT_NEAR(got.at("ks").at("p_value").to_number<double>(),
                  col.at("ks_p_value").to_number<double>(), 1e-6);
      EXPECT_TRUE(rel(got.at("wasserstein").to_number<double>(),
                      col.at("wasserstein").to_number<double>()));
    } else {
      EXPECT_TRUE(rel(got.at("chi2").at("statistic").to_number<double>(),
                      col.at("chi2_statistic").to_number<double>()));
      EXPECT_NEAR(got.at("chi2").at("p_value").to_number<double>(),
                  col.at("chi2_p_value").to_number<double>(), 1e-6);
      EXPECT_EQ(got.at("chi2").at("dof").to_number<int64_t>(),
                col.at("chi2_dof").to_number<int64_t>());
    }
    // The severity follows the PSI band of SPEC §7.
    const double psi = col.at("psi").to_number<double>();
    const char* band = psi < 0.1 ? "low" : psi < 0.25 ? "medium" : psi < 0.5 ? "high" : "critical";
    EXPECT_EQ(got.at("severity").as_string(), band);
  }
}

TEST(DriftGoldenThroughJson, MeanShift) { CheckGoldenCase("02_mean_shift"); }
TEST(DriftGoldenThroughJson, UnequalSizesWithMissing) {
  CheckGoldenCase("05_unequal_sizes_missing");
}
TEST(DriftGoldenThroughJson, CategoricalShift) { CheckGoldenCase("07_categorical_shift"); }

}  // namespace
}  // namespace cairn::drift
