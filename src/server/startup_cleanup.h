// Start-up cleanup of what a crash (kill -9, power loss) can leave in the data directory:
// - tmp/cairn-upload-*: request bodies being streamed to disk when the process died;
// - datasets/<id>/: a dataset's column files whose database row was never committed;
// - artifacts/<run_id>/...: run artifact files without a row in the run's artifact list.
// Only entries last modified more than `min_age` ago are removed, so an upload in progress on
// another server sharing the data directory is never touched. Every removal is logged.
//
// Thread safety: call once, before serving.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace cairn::datasets {
class DatasetService;
}
namespace cairn::tracking {
class TrackingService;
}

namespace cairn::server {

struct CleanupReport {
  int64_t upload_files = 0;
  int64_t dataset_dirs = 0;
  int64_t artifact_files = 0;
};

CleanupReport CleanStartupLeftovers(const std::string& data_dir, datasets::DatasetService& datasets,
                                    tracking::TrackingService& tracking,
                                    std::chrono::seconds min_age = std::chrono::minutes(5));

}  // namespace cairn::server
