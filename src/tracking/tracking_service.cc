#include "tracking/tracking_service.h"

#include <cmath>
#include <filesystem>
#include <limits>
#include <system_error>
#include <utility>

#include "common/files.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/revision.h"
#include "common/sha256.h"
#include "common/validation.h"
#include "tracking/run_filter.h"

namespace cairn::tracking {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxKeyLength = 250;
constexpr size_t kMaxValueLength = 8000;
constexpr size_t kMaxMapEntries = 1000;
constexpr size_t kMaxDescriptionLength = 10000;
constexpr size_t kMaxOwnerLength = 128;
constexpr size_t kMaxRunNameLength = 256;
constexpr size_t kMaxInputs = 1000;
constexpr size_t kMaxInputLength = 256;
constexpr size_t kMaxArtifactPathLength = 1024;
constexpr size_t kMaxArtifactSegmentBytes = 255;
constexpr size_t kRunNamePrefixLength = 8;

using validation::FieldInvalid;

void ValidateMap(const std::optional<StringMap>& m, const std::string& field,
                 std::vector<FieldError>& errors) {
  validation::CheckMap(errors, field, m,
                       {.max_entries = kMaxMapEntries,
                        .max_key_length = kMaxKeyLength,
                        .max_value_length = kMaxValueLength});
}

audit::Entry MakeAudit(int64_t at, const std::string& actor, std::string action, std::string type,
                       std::string id, audit::Summary summary = {}) {
  return audit::Entry{
      at, actor, std::move(action), std::move(type), std::move(id), std::move(summary)};
}

std::string JoinChanged(const std::vector<std::string>& fields) {
  std::string s;
  for (const auto& f : fields) s += (s.empty() ? "" : ",") + f;
  return s;
}

// Whether storing an artifact at `path` under `run_dir` collides with stored artifacts: an
// ancestor folder of `path` is a file (`f` stored, then `f/g`), or `path` itself is a folder of
// other artifacts (`p/q` stored, then `p`). Returns the reason, or "" when there is none.
std::string ArtifactCollision(const fs::path& run_dir, const std::string& path) {
  std::error_code ec;
  fs::path at = run_dir;
  size_t start = 0;
  for (size_t slash = path.find('/'); slash != std::string::npos;
       start = slash + 1, slash = path.find('/', start)) {
    at /= path.substr(start, slash - start);
    const auto st = fs::symlink_status(at, ec);
    if (ec) return "";  // does not exist yet: nothing below it can collide
    if (st.type() != fs::file_type::directory) {
      return "artifact '" + path + "' collides with the artifact '" + path.substr(0, slash) +
             "': a stored file cannot also be a folder";
    }
  }
  at /= path.substr(start);
  if (fs::symlink_status(at, ec).type() == fs::file_type::directory && !ec) {
    return "artifact '" + path + "' collides with the artifacts stored under '" + path +
           "/': a folder cannot also be a file";
  }
  return "";
}

}  // namespace

Status ValidateArtifactPath(std::string_view path) {
  auto bad = [](const std::string& why) { return FieldInvalid("path", why); };
  if (path.empty() || path.size() > kMaxArtifactPathLength)
    return bad("must be 1 to 1024 characters");
  if (path.front() == '/') return bad("must be relative");
  for (char c : path) {
    if (c == '\\') return bad("must not contain backslashes");
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return bad("must not contain control characters");
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    if (seg.empty()) return bad("must not contain empty segments");
    if (seg == "." || seg == "..") return bad("must not contain '.' or '..' segments");
    if (seg.size() > kMaxArtifactSegmentBytes)
      return bad("path segments must be at most 255 bytes (a file system limit)");
    start = end + 1;
  }
  return Status::Ok();
}

bool IsValidMetricKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(key[0])) return false;
  for (char c : key)
    if (!alnum(c) && c != '_' && c != '.' && c != '-' && c != '/') return false;
  return true;
}

TrackingService::TrackingService(std::unique_ptr<TrackingStore> store,
                                 TrackingServiceOptions options, const Clock& clock)
    : store_(std::move(store)), options_(std::move(options)), clock_(clock) {}

Result<Experiment> TrackingService::CreateExperiment(const ExperimentCreate& req,
                                                     const std::string& actor) {
  std::vector<FieldError> errors;
  if (!IsValidName(req.name)) errors.push_back({"name", validation::kNameRule});
  if (req.description && req.description->size() > kMaxDescriptionLength)
    errors.push_back({"description", "must be at most 10000 characters"});
  if (req.owner && req.owner->size() > kMaxOwnerLength)
    errors.push_back({"owner", "must be at most 128 characters"});
  ValidateMap(req.tags, "tags", errors);
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));
  const int64_t now = clock_.NowMillis();
  Experiment e;
  e.name = req.name;
  e.description = req.description.value_or("");
  e.owner = req.owner.value_or(actor);
  e.status = ExperimentStatus::kActive;
  e.tags = req.tags.value_or(StringMap{});
  e.created_by = actor;
  e.created_at = now;
  e.updated_at = now;
  e.revision = 1;
  RETURN_IF_ERROR(store_->CreateExperiment(
      e, MakeAudit(now, actor, "experiment.create", "experiment", e.name,
                   {{"owner", e.owner}, {"status", std::string(ToString(e.status))}})));
  return e;
}

Result<ExperimentDetail> TrackingService::GetExperiment(const std::string& name) {
  if (!IsValidName(name)) return NotFound("experiment '" + name + "' not found");
  return store_->GetExperimentDetail(name, kLatestRunsInDetail);
}

Result<Page<Experiment>> TrackingService::ListExperiments(const ExperimentListRequest& req) {
  ExperimentQuery q;
  ASSIGN_OR_RETURN(q.limit, PageLimit(req.limit));
  if (req.status) {
    q.status = ParseExperimentStatus(*req.status);
    if (!q.status) return FieldInvalid("status", "must be one of active, completed, archived");
  }
  q.owner = req.owner;
  q.page_token = req.page_token;
  return store_->ListExperiments(q);
}

Result<Experiment> TrackingService::UpdateExperiment(const std::string& name,
                                                     const ExperimentPatch& patch,
                                                     std::optional<int64_t> if_match,
                                                     const std::string& actor) {
  std::vector<FieldError> errors;
  std::optional<ExperimentStatus> status;
  if (patch.status) {
    status = ParseExperimentStatus(*patch.status);
    if (!status) errors.push_back({"status", "must be one of active, completed, archived"});
  }
  if (patch.description && patch.description->size() > kMaxDescriptionLength)
    errors.push_back({"description", "must be at most 10000 characters"});
  if (patch.owner && patch.owner->size() > kMaxOwnerLength)
    errors.push_back({"owner", "must be at most 128 characters"});
  ValidateMap(patch.tags, "tags", errors);
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));
  if (!IsValidName(name)) return NotFound("experiment '" + name + "' not found");

  const int64_t now = clock_.NowMillis();
  return store_->UpdateExperiment(name, [&](const Experiment& current) -> Result<ExperimentChange> {
    RETURN_IF_ERROR(CheckIfMatch("experiment '" + name + "'", if_match, current.revision));
    ExperimentChange change{current, std::nullopt};
    Experiment& u = change.updated;
    std::vector<std::string> changed;
    if (patch.description && *patch.description != u.description) {
      u.description = *patch.description;
      changed.push_back("description");
    }
    if (patch.owner && *patch.owner != u.owner) {
      u.owner = *patch.owner;
      changed.push_back("owner");
    }
    if (status && *status != u.status) {
      u.status = *status;
      changed.push_back("status");
    }
    if (patch.tags && *patch.tags != u.tags) {
      u.tags = *patch.tags;
      changed.push_back("tags");
    }
    if (changed.empty()) return change;
    u.revision = current.revision + 1;
    u.updated_at = now;
    change.audit = MakeAudit(now, actor, "experiment.update", "experiment", name,
                             {{"changed", JoinChanged(changed)},
                              {"status", std::string(ToString(u.status))},
                              {"revision", u.revision}});
    return change;
  });
}

Result<Run> TrackingService::CreateRun(const RunCreate& req, const std::string& actor) {
  std::vector<FieldError> errors;
  if (!IsValidName(req.experiment_name))
    errors.push_back({"experiment_name", "must be a valid experiment name"});
  if (req.name && req.name->size() > kMaxRunNameLength)
    errors.push_back({"name", "must be at most 256 characters"});
  ValidateMap(req.params, "params", errors);
  ValidateMap(req.tags, "tags", errors);
  ValidateMap(req.source, "source", errors);
  if (req.inputs) {
    if (req.inputs->size() > kMaxInputs)
      errors.push_back({"inputs", "must have at most 1000 items"});
    for (const auto& in : *req.inputs) {
      if (in.empty() || in.size() > kMaxInputLength) {
        errors.push_back({"inputs", "items must be 1 to 256 characters"});
        break;
      }
    }
  }
  if (req.start_time && *req.start_time < 0)
    errors.push_back({"start_time", "must not be before 1970"});
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));

  const int64_t now = clock_.NowMillis();
  Run run;
  run.run_id = NewUuid();
  run.experiment_name = req.experiment_name;
  run.name = req.name && !req.name->empty() ? *req.name
                                            : "run-" + run.run_id.substr(0, kRunNamePrefixLength);
  run.status = RunStatus::kRunning;
  run.params = req.params.value_or(StringMap{});
  run.tags = req.tags.value_or(StringMap{});
  run.source = req.source.value_or(StringMap{});
  run.inputs = req.inputs.value_or(std::vector<std::string>{});
  run.start_time = req.start_time.value_or(now);
  run.created_by = actor;
  run.created_at = now;
  run.updated_at = now;
  run.revision = 1;
  auto check = [&](ExperimentStatus s) -> Status {
    if (s == ExperimentStatus::kArchived)
      return FailedPrecondition("experiment '" + req.experiment_name +
                                "' is archived; runs cannot be started in it");
    return Status::Ok();
  };
  RETURN_IF_ERROR(
      store_->CreateRun(run, check,
                        MakeAudit(now, actor, "run.create", "run", run.run_id,
                                  {{"experiment_name", run.experiment_name}, {"name", run.name}})));
  return run;
}

Result<Run> TrackingService::GetRun(const std::string& run_id) {
  if (!IsUuid(run_id)) return NotFound("run '" + run_id + "' not found");
  return store_->GetRun(run_id);
}

Result<int64_t> TrackingService::GetRunRevision(const std::string& run_id) {
  if (!IsUuid(run_id)) return NotFound("run '" + run_id + "' not found");
  return store_->GetRunRevision(run_id);
}

Result<Page<Run>> TrackingService::ListRuns(const RunListRequest& req) {
  RunQuery q;
  ASSIGN_OR_RETURN(q.limit, PageLimit(req.limit));
  if (req.status) {
    q.status = ParseRunStatus(*req.status);
    if (!q.status)
      return FieldInvalid("status", "must be one of running, completed, failed, killed");
  }
  q.experiment_name = req.experiment_name;
  ASSIGN_OR_RETURN(q.filter, ParseRunFilter(req.filter));
  ASSIGN_OR_RETURN(q.order_by, ParseRunOrderBy(req.order_by));
  q.page_token = req.page_token;
  return store_->ListRuns(q);
}

Result<Run> TrackingService::UpdateRun(const std::string& run_id, const RunPatch& patch,
                                       std::optional<int64_t> if_match, const std::string& actor) {
  std::vector<FieldError> errors;
  std::optional<RunStatus> status;
  if (patch.status) {
    status = ParseRunStatus(*patch.status);
    if (!status) errors.push_back({"status", "must be one of running, completed, failed, killed"});
  }
  ValidateMap(patch.tags, "tags", errors);
  ValidateMap(patch.params, "params", errors);
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));
  if (!IsUuid(run_id)) return NotFound("run '" + run_id + "' not found");

  const int64_t now = clock_.NowMillis();
  return store_->UpdateRun(run_id, [&](const Run& current) -> Result<RunChange> {
    RETURN_IF_ERROR(CheckIfMatch("run '" + run_id + "'", if_match, current.revision));
    const bool terminal = IsTerminal(current.status);
    const std::string frozen = "run '" + run_id + "' is " + std::string(ToString(current.status)) +
                               "; only its tags can change";
    RunChange change;
    change.status = current.status;
    change.end_time = current.end_time;
    change.updated_at = now;
    std::vector<std::string> changed;

    if (status && *status != current.status) {
      if (terminal) return FailedPrecondition(frozen);
      change.status = *status;  // running -> terminal (running -> running is not a change)
      change.end_time = patch.end_time.value_or(now);
      changed.push_back("status");
    } else if (patch.end_time) {
      if (!terminal)
        return FieldInvalid("end_time", "can only be set together with a terminal status");
      if (patch.end_time != current.end_time) return FailedPrecondition(frozen);
    }
    if (change.end_time && change.end_time != current.end_time &&
        *change.end_time < current.start_time)
      return FieldInvalid("end_time", "must not be before start_time");

    if (patch.params) {
      for (const auto& [k, v] : *patch.params) {
        auto it = current.params.find(k);
        if (it != current.params.end()) {
          if (it->second != v)
            return FailedPrecondition("param '" + k + "' is already set to a different value; " +
                                      "params are immutable");
          continue;
        }
        if (terminal) return FailedPrecondition(frozen);
        change.new_params.emplace(k, v);
      }
      if (!change.new_params.empty()) changed.push_back("params");
    }
    if (patch.tags && *patch.tags != current.tags) {
      change.tags = *patch.tags;
      changed.push_back("tags");
    }
    if (changed.empty()) return change;
    change.audit = MakeAudit(now, actor, "run.update", "run", run_id,
                             {{"changed", JoinChanged(changed)},
                              {"status", std::string(ToString(change.status))},
                              {"revision", current.revision + 1}});
    return change;
  });
}

Result<int64_t> TrackingService::LogMetrics(const std::string& run_id, MetricBatch batch,
                                            const std::string& actor) {
  if (batch.total_points == 0) return FieldInvalid("metrics", "must not be empty");
  if (batch.total_points > kMaxMetricPointsPerBatch)
    return FieldInvalid("metrics", "must have at most 10000 points");
  const int64_t now = clock_.NowMillis();
  std::vector<FieldError> errors;
  for (auto& series : batch.series) {
    if (!IsValidMetricKey(series.key)) {
      errors.push_back({"metrics.key", "'" + series.key.substr(0, kMaxKeyLength) +
                                           "' must be 1-250 characters of [A-Za-z0-9_.-/], "
                                           "starting alphanumeric"});
    }
    for (auto& p : series.points) {
      if (p.timestamp == kNoTimestamp) p.timestamp = now;
      if (!std::isfinite(p.value)) {
        errors.push_back({"metrics.value", "must be a finite number (key '" + series.key + "')"});
        break;
      }
    }
  }
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));
  if (!IsUuid(run_id)) return NotFound("run '" + run_id + "' not found");
  auto check = [&](RunStatus s) -> Status {
    if (IsTerminal(s))
      return FailedPrecondition("run '" + run_id + "' is " + std::string(ToString(s)) +
                                "; metrics can only be logged to running runs");
    return Status::Ok();
  };
  const auto total = static_cast<int64_t>(batch.total_points);
  RETURN_IF_ERROR(store_->AppendMetrics(
      run_id, batch, check,
      MakeAudit(now, actor, "run.log_metrics", "run", run_id,
                {{"count", total}, {"keys", static_cast<int64_t>(batch.series.size())}})));
  return total;
}

Status TrackingService::StreamMetricHistory(const std::string& run_id, const std::string& key,
                                            const MetricHistoryRequest& req,
                                            MetricPointSink& sink) {
  std::vector<FieldError> errors;
  if (!IsValidMetricKey(key)) errors.push_back({"key", "is not a valid metric key"});
  const int64_t min_step = req.min_step.value_or(std::numeric_limits<int64_t>::min());
  const int64_t max_step = req.max_step.value_or(std::numeric_limits<int64_t>::max());
  if (min_step > max_step) errors.push_back({"min_step", "must not exceed max_step"});
  if (req.max_points && *req.max_points < 2) errors.push_back({"max_points", "must be at least 2"});
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));
  if (!IsUuid(run_id)) return NotFound("run '" + run_id + "' not found");
  std::optional<size_t> max_points;
  if (req.max_points) max_points = static_cast<size_t>(*req.max_points);
  return store_->ReadMetricBlocks(run_id, key, min_step, max_step, [&](MetricBlockSource& src) {
    return ReadMetricHistory(src, min_step, max_step, max_points, sink);
  });
}

Result<MetricHistory> TrackingService::GetMetricHistory(const std::string& run_id,
                                                        const std::string& key,
                                                        const MetricHistoryRequest& req) {
  struct Collect final : MetricPointSink {
    MetricHistory* h;
    void Begin(size_t count, bool downsampled) override {
      h->points.reserve(count);
      h->downsampled = downsampled;
    }
    void Append(std::span<const MetricPoint> points) override {
      h->points.insert(h->points.end(), points.begin(), points.end());
    }
  };
  MetricHistory h;
  h.key = key;
  Collect sink;
  sink.h = &h;
  RETURN_IF_ERROR(StreamMetricHistory(run_id, key, req, sink));
  return h;
}

std::string TrackingService::ArtifactPath(const std::string& run_id,
                                          const std::string& path) const {
  return (fs::path(options_.data_dir) / "artifacts" / run_id / path).string();
}

Result<Artifact> TrackingService::PutArtifact(const std::string& run_id, const std::string& path,
                                              const std::string& temp_file,
                                              const std::string& content_type,
                                              const std::string& actor) {
  RETURN_IF_ERROR(ValidateArtifactPath(path));
  if (!IsUuid(run_id)) return NotFound("run '" + run_id + "' not found");
  auto hashed = Sha256File(temp_file);
  if (!hashed.ok()) return Internal("cannot read uploaded file");
  const FileDigest& digest = *hashed;
  const int64_t now = clock_.NowMillis();
  Artifact a;
  a.path = path;
  a.size_bytes = digest.size_bytes;
  a.sha256 = digest.sha256;
  a.content_type = content_type.empty() ? "application/octet-stream" : content_type;
  a.created_by = actor;
  a.created_at = now;
  const std::string dest = ArtifactPath(run_id, path);
  bool moved = false;
  auto check = [&](RunStatus s) -> Status {
    if (IsTerminal(s))
      return FailedPrecondition("run '" + run_id + "' is " + std::string(ToString(s)) +
                                "; artifacts can only be uploaded to running runs");
    return Status::Ok();
  };
  const fs::path run_dir = fs::path(options_.data_dir) / "artifacts" / run_id;
  auto collision = [&](const std::string& reason) {
    log::Info("artifact upload refused (409): run " + run_id + ": " + reason);
    return AlreadyExists(reason);
  };
  auto finalize = [&]() -> Status {
    if (std::string why = ArtifactCollision(run_dir, path); !why.empty()) return collision(why);
    Status m = files::MoveFile(temp_file, dest);
    if (!m.ok()) {
      // A concurrent upload may have created the colliding file or folder since the check.
      if (std::string why = ArtifactCollision(run_dir, path); !why.empty())
        return collision(why);
      return m;
    }
    moved = true;
    return Status::Ok();
  };
  Status s = store_->AddArtifact(
      run_id, a, check, finalize,
      MakeAudit(now, actor, "run.upload_artifact", "run", run_id,
                {{"path", path}, {"size_bytes", a.size_bytes}, {"sha256", a.sha256}}));
  if (!s.ok()) {
    if (moved) {
      std::error_code ec;
      fs::remove(dest, ec);  // the commit failed: do not leave an unrecorded file behind
    }
    return s;
  }
  return a;
}

Result<ArtifactFile> TrackingService::GetArtifact(const std::string& run_id,
                                                  const std::string& path) {
  RETURN_IF_ERROR(ValidateArtifactPath(path));
  if (!IsUuid(run_id)) return NotFound("run '" + run_id + "' not found");
  ASSIGN_OR_RETURN(Artifact a, store_->GetArtifact(run_id, path));
  std::string file = ArtifactPath(run_id, path);
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    return NotFound("artifact '" + path + "' is recorded but its file is missing");
  return ArtifactFile{std::move(a), std::move(file)};
}

Result<std::vector<Artifact>> TrackingService::ListArtifacts(const std::string& run_id) {
  if (!IsUuid(run_id)) return NotFound("run '" + run_id + "' not found");
  return store_->ListArtifacts(run_id);
}

}  // namespace cairn::tracking
