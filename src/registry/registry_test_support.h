// Test support for the registry test binaries: a fresh database per test (every backend under
// test), tracking and registry services on top of it, and a temporary data directory.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include "common/testing/status_matchers.h"
#include "registry/registry_service.h"
#include "registry/sql_registry_store.h"
#include "storage/testing/database_test.h"
#include "tracking/sql_tracking_store.h"
#include "tracking/tracking_service.h"

namespace cairn::registry::testing {

class RegistryBackendTest : public storage::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    std::random_device rd;
    data_dir_ = (std::filesystem::temp_directory_path() /
                 ("cairn-registry-" + std::to_string(rd()) + std::to_string(rd())))
                    .string();
    std::filesystem::create_directories(data_dir_);
    tracking_ = std::make_unique<tracking::TrackingService>(
        std::make_unique<tracking::SqlTrackingStore>(*db_),
        tracking::TrackingServiceOptions{data_dir_});
    RegistryOptions options = Options();
    options.data_dir = data_dir_;
    registry_ = std::make_unique<RegistryService>(std::make_unique<SqlRegistryStore>(*db_),
                                                  tracking_.get(), options);
  }
  void TearDown() override {
    registry_.reset();
    tracking_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(data_dir_, ec);
  }
  virtual RegistryOptions Options() const { return {}; }

  ModelVersion Register(const std::string& model, MetricMap metrics = {}, StringMap params = {}) {
    VersionCreate c;
    c.model_name = model;
    c.metrics = std::move(metrics);
    c.params = std::move(params);
    auto v = registry_->RegisterVersion(c, "alice");
    EXPECT_OK(v);
    return v.ok() ? *v : ModelVersion{};
  }

  // Ticks every checklist item and promotes to production.
  ModelVersion Promote(const std::string& model, int64_t version) {
    VersionPatch p;
    for (const auto& spec : registry_->options().default_checklist)
      p.checklist.push_back({spec.key, true, std::nullopt});
    p.stage = "production";
    auto v = registry_->UpdateVersion(model, version, p, std::nullopt, "bob");
    EXPECT_OK(v);
    return v.ok() ? *v : ModelVersion{};
  }

  std::string WriteFile(const std::string& name, const std::string& bytes) {
    auto path = (std::filesystem::path(data_dir_) / ("upload-" + name)).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  std::string data_dir_;
  std::unique_ptr<tracking::TrackingService> tracking_;
  std::unique_ptr<RegistryService> registry_;
};

inline std::string BackendParamName(const ::testing::TestParamInfo<storage::Backend>& info) {
  return storage::testing::BackendName(info.param);
}

}  // namespace cairn::registry::testing
