// Test support shared by the tracking test binaries: a fresh database per test (every backend
// under test), a service on top of it and a temporary data directory.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "common/testing/status_matchers.h"
#include "storage/sql_database.h"
#include "storage/testing/database_test.h"
#include "tracking/sql_tracking_store.h"
#include "tracking/tracking_service.h"

namespace cairn::tracking::testing {

inline std::string MakeTempDir() {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() /
             ("cairn-tracking-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

// The whole content of an open file, read from its start.
inline std::string ReadAll(const files::UniqueFd& fd) {
  std::string out;
  char buf[4096];
  off_t at = 0;
  ssize_t n = 0;
  while ((n = ::pread(fd.Get(), buf, sizeof buf, at)) > 0) {
    out.append(buf, static_cast<size_t>(n));
    at += n;
  }
  return out;
}

class BackendTest : public storage::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    data_dir_ = MakeTempDir();
    service_ = std::make_unique<TrackingService>(std::make_unique<SqlTrackingStore>(*db_),
                                                 TrackingServiceOptions{data_dir_});
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(data_dir_, ec);
  }

  Experiment MakeExperiment(const std::string& name) {
    ExperimentCreate c;
    c.name = name;
    auto e = service_->CreateExperiment(c, "alice");
    EXPECT_OK(e);
    return e.ok() ? *e : Experiment{};
  }
  tracking::Run MakeRun(const std::string& experiment, StringMap params = {}) {
    RunCreate c;
    c.experiment_name = experiment;
    c.params = std::move(params);
    auto r = service_->CreateRun(c, "bob");
    EXPECT_OK(r);
    return r.ok() ? *r : tracking::Run{};
  }
  static MetricBatch Batch(const std::string& key, std::vector<MetricPoint> pts) {
    MetricBatch b;
    b.total_points = pts.size();
    b.series.push_back({key, std::move(pts)});
    return b;
  }

  std::string data_dir_;
  std::unique_ptr<TrackingService> service_;
};

inline std::string BackendParamName(const ::testing::TestParamInfo<storage::Backend>& info) {
  return storage::testing::BackendName(info.param);
}

}  // namespace cairn::tracking::testing
