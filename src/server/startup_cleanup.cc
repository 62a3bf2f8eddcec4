#include "server/startup_cleanup.h"

#include <filesystem>
#include <set>
#include <system_error>
#include <vector>

#include "common/log.h"
#include "common/status.h"
#include "datasets/dataset_service.h"
#include "tracking/tracking_service.h"

namespace cairn::server {
namespace {

namespace fs = std::filesystem;

// Whether `p` (not following symlinks) was last modified before `cutoff`.
bool OlderThan(const fs::path& p, fs::file_time_type cutoff) {
  std::error_code ec;
  const auto t = fs::symlink_status(p, ec).type() == fs::file_type::not_found
                     ? fs::file_time_type::max()
                     : fs::last_write_time(p, ec);
  return !ec && t < cutoff;
}

// The newest modification time of anything under `dir` (itself included).
fs::file_time_type Newest(const fs::path& dir) {
  std::error_code ec;
  fs::file_time_type newest = fs::last_write_time(dir, ec);
  if (ec) return fs::file_time_type::max();
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    const auto t = fs::last_write_time(it->path(), ec);
    if (!ec && t > newest) newest = t;
  }
  return ec ? fs::file_time_type::max() : newest;
}

void Removed(const std::string& what, const fs::path& p) {
  log::Info("start-up cleanup: removed " + what + " " + p.string());
}

}  // namespace

CleanupReport CleanStartupLeftovers(const std::string& data_dir, datasets::DatasetService& datasets,
                                    tracking::TrackingService& tracking,
                                    std::chrono::seconds min_age) {
  CleanupReport report;
  const fs::file_time_type cutoff = fs::file_time_type::clock::now() - min_age;
  const fs::path root(data_dir);
  std::error_code ec;

  // Upload temp files.
  for (auto it = fs::directory_iterator(root / "tmp", ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    const fs::path p = it->path();
    if (p.filename().string().rfind("cairn-upload-", 0) != 0 || !OlderThan(p, cutoff)) continue;
    std::error_code rm;
    if (fs::remove(p, rm) && !rm) {
      ++report.upload_files;
      Removed("leftover upload file", p);
    }
  }

  // Dataset folders without a row.
  ec.clear();
  std::vector<fs::path> dataset_dirs;
  for (auto it = fs::directory_iterator(root / "datasets", ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_directory(ec) && !ec) dataset_dirs.push_back(it->path());
  }
  for (const auto& dir : dataset_dirs) {
    auto d = datasets.Get(dir.filename().string());
    if (d.ok() || d.status().code() != StatusCode::kNotFound) continue;
    if (Newest(dir) >= cutoff) continue;
    std::error_code rm;
    fs::remove_all(dir, rm);
    if (!rm) {
      ++report.dataset_dirs;
      Removed("dataset folder without a database row", dir);
    }
  }

  // Run artifact files without a row (and empty folders left behind by them).
  ec.clear();
  std::vector<fs::path> run_dirs;
  for (auto it = fs::directory_iterator(root / "artifacts", ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_directory(ec) && !ec) run_dirs.push_back(it->path());
  }
  for (const auto& run_dir : run_dirs) {
    auto listed = tracking.ListArtifacts(run_dir.filename().string());
    std::set<std::string> recorded;
    if (listed.ok()) {
      for (const auto& a : *listed) recorded.insert(a.path);
    } else if (listed.status().code() != StatusCode::kNotFound) {
      continue;  // cannot tell: keep everything
    }
    std::vector<fs::path> orphans;
    std::error_code walk;
    for (auto it = fs::recursive_directory_iterator(run_dir, walk); !walk && it != fs::end(it);
         it.increment(walk)) {
      if (it->is_directory(walk)) continue;
      const std::string rel = fs::relative(it->path(), run_dir, walk).generic_string();
      if (!walk && !recorded.count(rel) && OlderThan(it->path(), cutoff))
        orphans.push_back(it->path());
    }
    if (walk) continue;
    for (const auto& p : orphans) {
      std::error_code rm;
      if (fs::remove(p, rm) && !rm) {
        ++report.artifact_files;
        Removed("artifact file without a database row", p);
      }
      // Drop the folders that became empty, up to the run's folder.
      for (fs::path d = p.parent_path(); d != run_dir.parent_path(); d = d.parent_path()) {
        std::error_code e2;
        if (!fs::is_empty(d, e2) || e2 || !fs::remove(d, e2)) break;
      }
    }
  }
  if (report.upload_files + report.dataset_dirs + report.artifact_files > 0) {
    log::Info("start-up cleanup: " + std::to_string(report.upload_files) + " upload files, " +
              std::to_string(report.dataset_dirs) + " dataset folders, " +
              std::to_string(report.artifact_files) + " artifact files removed");
  }
  return report;
}

}  // namespace cairn::server
