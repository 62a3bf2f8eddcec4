#include "server/startup_cleanup.h"

#include <algorithm>
#include <set>
#include <vector>

#include "common/log.h"
#include "common/safe_dir.h"
#include "common/status.h"
#include "datasets/dataset_service.h"
#include "tracking/tracking_service.h"

namespace cairn::server {
namespace {

using Clock = std::chrono::system_clock;

// Whether `rel` (not following links) was last modified before `cutoff`.
bool OlderThan(const files::SafeDir& root, const std::string& rel, Clock::time_point cutoff) {
  auto st = root.Stat(rel);
  return st.ok() && st->modified < cutoff;
}

// The newest modification time of anything under the folder `rel` (itself included), never
// following a link; max() when it cannot be read.
Clock::time_point Newest(const files::SafeDir& root, const std::string& rel) {
  auto st = root.Stat(rel);
  if (!st.ok()) return Clock::time_point::max();
  Clock::time_point newest = st->modified;
  if (st->type != files::EntryType::kDirectory) return newest;
  auto entries = root.List(rel);
  if (!entries.ok()) return Clock::time_point::max();
  for (const auto& e : *entries) newest = std::max(newest, Newest(root, rel + "/" + e.name));
  return newest;
}

// Every entry below the folder `rel` that is not a folder (files, links, others), as paths
// relative to `rel`; folders are walked without following links. False when one cannot be read.
bool Leaves(const files::SafeDir& root, const std::string& rel, const std::string& prefix,
            std::vector<std::string>& out) {
  auto entries = root.List(rel);
  if (!entries.ok()) return false;
  for (const auto& e : *entries) {
    const std::string sub = prefix.empty() ? e.name : prefix + "/" + e.name;
    if (e.type == files::EntryType::kDirectory) {
      if (!Leaves(root, rel + "/" + e.name, sub, out)) return false;
    } else {
      out.push_back(sub);
    }
  }
  return true;
}

void Removed(const std::string& what, const std::string& rel) {
  log::Info("start-up cleanup: removed " + what + " " + rel);
}

// The real folders directly under `rel`; links are reported and left alone.
std::vector<std::string> Folders(const files::SafeDir& root, const std::string& rel) {
  std::vector<std::string> out;
  auto entries = root.List(rel);
  if (!entries.ok()) return out;
  for (const auto& e : *entries) {
    if (e.type == files::EntryType::kDirectory) {
      out.push_back(e.name);
    } else if (e.type == files::EntryType::kSymlink) {
      log::Info("start-up cleanup: " + rel + "/" + e.name +
                " is a symbolic link; not followed, left alone");
    }
  }
  return out;
}

}  // namespace

CleanupReport CleanStartupLeftovers(const std::string& data_dir, datasets::DatasetService& datasets,
                                    tracking::TrackingService& tracking,
                                    std::chrono::seconds min_age) {
  CleanupReport report;
  auto opened = files::SafeDir::Open(data_dir);
  if (!opened.ok()) return report;
  const files::SafeDir& root = *opened;
  const Clock::time_point cutoff = Clock::now() - min_age;

  // Upload temp files (a link of that name is removed itself, never its target).
  if (auto entries = root.List("tmp"); entries.ok()) {
    for (const auto& e : *entries) {
      const std::string rel = "tmp/" + e.name;
      if (e.name.rfind("cairn-upload-", 0) != 0 || e.type == files::EntryType::kDirectory ||
          !OlderThan(root, rel, cutoff))
        continue;
      if (root.Remove(rel).ok()) {
        ++report.upload_files;
        Removed("leftover upload file", rel);
      }
    }
  }

  // Dataset folders without a row.
  for (const auto& id : Folders(root, "datasets")) {
    auto d = datasets.Get(id);
    if (d.ok() || d.status().code() != StatusCode::kNotFound) continue;
    const std::string rel = "datasets/" + id;
    if (Newest(root, rel) >= cutoff) continue;
    if (root.RemoveAll(rel).ok()) {
      ++report.dataset_dirs;
      Removed("dataset folder without a database row", rel);
    }
  }

  // Run artifact files without a row (and empty folders left behind by them).
  for (const auto& run : Folders(root, "artifacts")) {
    auto listed = tracking.ListArtifacts(run);
    std::set<std::string> recorded;
    if (listed.ok()) {
      for (const auto& a : *listed) recorded.insert(a.path);
    } else if (listed.status().code() != StatusCode::kNotFound) {
      continue;  // cannot tell: keep everything
    }
    const std::string run_dir = "artifacts/" + run;
    std::vector<std::string> leaves;
    if (!Leaves(root, run_dir, "", leaves)) continue;
    for (const auto& leaf : leaves) {
      const std::string rel = run_dir + "/" + leaf;
      if (recorded.count(leaf) || !OlderThan(root, rel, cutoff)) continue;
      if (root.Remove(rel).ok()) {
        ++report.artifact_files;
        Removed("artifact file without a database row", rel);
      }
      // Drop the folders that became empty, up to and including the run's folder.
      for (size_t slash = rel.rfind('/'); slash != std::string::npos && slash > 9;
           slash = rel.rfind('/', slash - 1)) {
        if (!root.RemoveEmptyDir(rel.substr(0, slash)).ok()) break;
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
