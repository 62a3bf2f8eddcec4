#include "tracking/tracking_service.h"

#include <cmath>
#include <limits>
#include <memory>
#include <utility>

#include "common/ids.h"
#include "common/log.h"
#include "common/revision.h"
#include "common/safe_dir.h"
#include "common/sha256.h"
#include "common/validation.h"
#include "tracking/run_filter.h"

namespace cairn::tracking {
namespace {

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
constexpr int kMaxSearchResults = 50000;
constexpr int kMaxArtifactOwners = 10000;
// The actor of a request without an identity (http::kAnonymousActor; the core cannot see http).
constexpr char kAnonymousActor[] = "anonymous";

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

// Whether storing an artifact at `path` in the run folder `run_dir` (relative to the data
// directory) collides with what is stored there: an ancestor folder of `path` is a file (`f`
// stored, then `f/g`), or `path` itself is a folder of other artifacts (`p/q` stored, then
// `p`). A symbolic link on the way is never followed and counts as a file that is not a folder.
// Returns the reason, or "" when there is none.
std::string ArtifactCollision(const files::SafeDir& data, const std::string& run_dir,
                              const std::string& path) {
  for (size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    auto st = data.Stat(run_dir + "/" + path.substr(0, slash));
    if (!st.ok()) return "";  // does not exist yet: nothing below it can collide
    if (st->type != files::EntryType::kDirectory) {
      return "artifact '" + path + "' collides with the artifact '" + path.substr(0, slash) +
             "': a stored file cannot also be a folder";
    }
  }
  auto st = data.Stat(run_dir + "/" + path);
  if (st.ok() && st->type == files::EntryType::kDirectory) {
    return "artifact '" + path + "' collides with the artifacts stored under '" + path +
           "/': a folder cannot also be a file";
  }
  return "";
}

// The dashed run id for either accepted form; NotFound otherwise (no such run can exist).
Result<std::string> RunIdOf(const std::string& run_id) {
  if (auto id = CanonicalUuid(run_id)) return *id;
  return NotFound("run '" + run_id + "' not found");
}

// NotFound for a name no experiment can have (so the store is not asked).
Status CheckExperimentRef(const ExperimentRef& ref) {
  if (const auto* name = std::get_if<std::string>(&ref); name && !IsValidWideName(*name))
    return NotFound(Describe(ref) + " not found");
  return Status::Ok();
}

Result<LifecycleFilter> LifecycleOf(const std::optional<std::string>& text) {
  if (!text) return LifecycleFilter::kActive;
  auto f = ParseLifecycleFilter(*text);
  if (!f) return FieldInvalid("lifecycle", "must be one of active, deleted, all");
  return *f;
}

std::string ExperimentAuditId(const Experiment& e) { return e.name; }

// Keys and values of an MLflow-style log: MLflow's rules were checked by src/mlflow; these are
// the bounds every stored key and value must keep.
Status CheckLogEntries(const RunLog& log) {
  std::vector<FieldError> errors;
  auto key_ok = [](const std::string& k) {
    return !k.empty() && k.size() <= kMaxKeyLength && k.find('\0') == std::string::npos;
  };
  for (const auto& series : log.metrics.series)
    if (!key_ok(series.key)) errors.push_back({"metrics.key", "must be 1 to 250 characters"});
  for (const auto& [k, v] : log.params) {
    if (!key_ok(k)) errors.push_back({"params.key", "must be 1 to 250 characters"});
    if (v.size() > kMaxValueLength)
      errors.push_back({"params." + k, "must be at most 8000 characters"});
  }
  for (const auto& [k, v] : log.set_tags) {
    if (!key_ok(k)) errors.push_back({"tags.key", "must be 1 to 250 characters"});
    if (v.size() > kMaxValueLength)
      errors.push_back({"tags." + k, "must be at most 8000 characters"});
  }
  if (auto it = log.set_tags.find(kRunNameTag);
      it != log.set_tags.end() && it->second.size() > kMaxRunNameLength)
    errors.push_back({"name", "must be at most 256 characters"});
  if (log.metrics.total_points > kMaxMetricPointsPerBatch)
    errors.push_back({"metrics", "must have at most 10000 points"});
  for (const auto& series : log.metrics.series) {
    for (const auto& p : series.points) {
      if (std::isinf(p.value)) {
        errors.push_back({"metrics.value", "must not be infinite (clamp to the largest double)"});
        break;
      }
    }
  }
  for (const auto& d : log.inputs) {
    if (d.name.empty() || d.name.size() > kMaxInputLength)
      errors.push_back({"inputs.name", "must be 1 to 256 characters"});
    if (d.digest.size() > kMaxInputLength)
      errors.push_back({"inputs.digest", "must be at most 256 characters"});
  }
  return validation::Invalid(std::move(errors));
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
  if (!IsValidWideName(req.name)) errors.push_back({"name", validation::kWideNameRule});
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
  ASSIGN_OR_RETURN(
      e.experiment_id,
      store_->CreateExperiment(
          e, MakeAudit(now, actor, "experiment.create", "experiment", ExperimentAuditId(e),
                       {{"owner", e.owner}, {"status", std::string(ToString(e.status))}})));
  return e;
}

Result<ExperimentDetail> TrackingService::GetExperiment(const std::string& name) {
  if (!IsValidWideName(name)) return NotFound("experiment '" + name + "' not found");
  return store_->GetExperimentDetail(name, kLatestRunsInDetail);
}

Result<Experiment> TrackingService::GetExperimentInfo(const ExperimentRef& ref) {
  RETURN_IF_ERROR(CheckExperimentRef(ref));
  return store_->GetExperiment(ref);
}

Result<Page<Experiment>> TrackingService::ListExperiments(const ExperimentListRequest& req) {
  ExperimentQuery q;
  ASSIGN_OR_RETURN(q.limit, PageLimit(req.limit));
  if (req.status) {
    q.status = ParseExperimentStatus(*req.status);
    if (!q.status) return FieldInvalid("status", "must be one of active, completed, archived");
  }
  ASSIGN_OR_RETURN(q.lifecycle, LifecycleOf(req.lifecycle));
  q.owner = req.owner;
  q.page_token = req.page_token;
  return store_->ListExperiments(q);
}

Result<OffsetPage<Experiment>> TrackingService::SearchExperiments(const ExperimentSearch& search) {
  if (search.limit < 1 || search.limit > kMaxSearchResults)
    return FieldInvalid("max_results", "must be between 1 and 50000");
  if (search.offset < 0) return FieldInvalid("page_token", "must not be negative");
  ExperimentQuery q;
  q.lifecycle = search.lifecycle;
  q.filter = search.filter;
  q.order_by = search.order_by;
  q.offset = search.offset;
  q.limit = search.limit;
  ASSIGN_OR_RETURN(Page<Experiment> page, store_->ListExperiments(q));
  return OffsetPage<Experiment>{std::move(page.items), page.next_page_token.has_value()};
}

Result<Experiment> TrackingService::UpdateExperiment(const ExperimentRef& ref,
                                                     const ExperimentPatch& patch,
                                                     std::optional<int64_t> if_match,
                                                     const std::string& actor) {
  std::vector<FieldError> errors;
  std::optional<ExperimentStatus> status;
  if (patch.name && !IsValidWideName(*patch.name))
    errors.push_back({"name", validation::kWideNameRule});
  if (patch.status) {
    status = ParseExperimentStatus(*patch.status);
    if (!status) errors.push_back({"status", "must be one of active, completed, archived"});
  }
  if (patch.description && patch.description->size() > kMaxDescriptionLength)
    errors.push_back({"description", "must be at most 10000 characters"});
  if (patch.owner && patch.owner->size() > kMaxOwnerLength)
    errors.push_back({"owner", "must be at most 128 characters"});
  ValidateMap(patch.tags, "tags", errors);
  ValidateMap(patch.set_tags, "tags", errors);
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));
  RETURN_IF_ERROR(CheckExperimentRef(ref));

  const int64_t now = clock_.NowMillis();
  return store_->UpdateExperiment(ref, [&](const Experiment& current) -> Result<ExperimentChange> {
    const std::string what = "experiment '" + current.name + "'";
    RETURN_IF_ERROR(CheckIfMatch(what, if_match, current.revision));
    if (current.deleted_at) return DeletedError(what);
    ExperimentChange change{current, std::nullopt};
    Experiment& u = change.updated;
    std::vector<std::string> changed;
    if (patch.name && *patch.name != u.name) {
      u.name = *patch.name;
      changed.push_back("name");
    }
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
    if (patch.set_tags) {
      StringMap merged = u.tags;
      for (const auto& [k, v] : *patch.set_tags) merged[k] = v;
      if (merged.size() > kMaxMapEntries)
        return FieldInvalid("tags", "must have at most 1000 entries");
      if (merged != u.tags) {
        u.tags = std::move(merged);
        if (changed.empty() || changed.back() != "tags") changed.push_back("tags");
      }
    }
    if (changed.empty()) return change;
    u.revision = current.revision + 1;
    u.updated_at = now;
    audit::Summary summary{{"changed", JoinChanged(changed)},
                           {"status", std::string(ToString(u.status))},
                           {"revision", u.revision}};
    if (u.name != current.name) summary["renamed_to"] = u.name;
    change.audit =
        MakeAudit(now, actor, "experiment.update", "experiment", current.name, std::move(summary));
    return change;
  });
}

Result<Experiment> TrackingService::DeleteExperiment(const ExperimentRef& ref,
                                                     std::optional<int64_t> if_match,
                                                     const std::string& actor) {
  return ChangeLifecycle(ref, true, if_match, actor);
}

Result<Experiment> TrackingService::RestoreExperiment(const ExperimentRef& ref,
                                                      std::optional<int64_t> if_match,
                                                      const std::string& actor) {
  return ChangeLifecycle(ref, false, if_match, actor);
}

Result<Experiment> TrackingService::ChangeLifecycle(const ExperimentRef& ref, bool deleted,
                                                    std::optional<int64_t> if_match,
                                                    const std::string& actor) {
  RETURN_IF_ERROR(CheckExperimentRef(ref));
  const int64_t now = clock_.NowMillis();
  return store_->UpdateExperiment(ref, [&](const Experiment& current) -> Result<ExperimentChange> {
    const std::string what = "experiment '" + current.name + "'";
    RETURN_IF_ERROR(CheckIfMatch(what, if_match, current.revision));
    if (deleted == current.deleted_at.has_value())
      return NotFound(what + (deleted ? " is already deleted" : " is not deleted"));
    ExperimentChange change{current, std::nullopt};
    Experiment& u = change.updated;
    u.deleted_at = deleted ? std::optional<int64_t>(now) : std::nullopt;
    u.revision = current.revision + 1;
    u.updated_at = now;
    change.runs = deleted ? RunsCascade::kDelete : RunsCascade::kRestore;
    change.audit = MakeAudit(now, actor, deleted ? "experiment.delete" : "experiment.restore",
                             "experiment", current.name,
                             {{"experiment_id", current.experiment_id}, {"revision", u.revision}});
    return change;
  });
}

Result<Run> TrackingService::CreateRun(const RunCreate& req, const std::string& actor) {
  std::vector<FieldError> errors;
  if (!req.experiment_id && !IsValidWideName(req.experiment_name))
    errors.push_back({"experiment_name", "must be a valid experiment name"});
  if (req.name && req.name->size() > kMaxRunNameLength)
    errors.push_back({"name", "must be at most 256 characters"});
  if (req.user_id && req.user_id->size() > kMaxOwnerLength)
    errors.push_back({"user_id", "must be at most 128 characters"});
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
  run.tags.erase(kRunNameTag);  // the name is the run's name column
  run.source = req.source.value_or(StringMap{});
  run.inputs = req.inputs.value_or(std::vector<std::string>{});
  run.start_time = req.start_time.value_or(now);
  run.created_by =
      actor == kAnonymousActor && req.user_id && !req.user_id->empty() ? *req.user_id : actor;
  run.created_at = now;
  run.updated_at = now;
  run.revision = 1;
  auto check = [&](const Experiment& e) -> Status {
    if (e.deleted_at) return DeletedError("experiment '" + e.name + "'");
    if (e.status == ExperimentStatus::kArchived)
      return FailedPrecondition("experiment '" + e.name +
                                "' is archived; runs cannot be started in it");
    return Status::Ok();
  };
  ASSIGN_OR_RETURN(Experiment experiment,
                   store_->CreateRun(run, req.experiment_id, check,
                                     MakeAudit(now, actor, "run.create", "run", run.run_id,
                                               {{"name", run.name}})));
  run.experiment_name = experiment.name;
  run.experiment_id = experiment.experiment_id;
  return run;
}

Result<Run> TrackingService::GetRun(const std::string& run_id) {
  ASSIGN_OR_RETURN(std::string id, RunIdOf(run_id));
  return store_->GetRun(id);
}

Result<int64_t> TrackingService::GetRunRevision(const std::string& run_id) {
  ASSIGN_OR_RETURN(std::string id, RunIdOf(run_id));
  return store_->GetRunRevision(id);
}

Result<Page<Run>> TrackingService::ListRuns(const RunListRequest& req) {
  RunQuery q;
  ASSIGN_OR_RETURN(q.limit, PageLimit(req.limit));
  if (req.status) {
    q.status = ParseRunStatus(*req.status);
    if (!q.status) return FieldInvalid("status", std::string("must be one of ") + kRunStatusNames);
  }
  ASSIGN_OR_RETURN(q.lifecycle, LifecycleOf(req.lifecycle));
  q.experiment_name = req.experiment_name;
  ASSIGN_OR_RETURN(q.filter, ParseRunFilter(req.filter));
  ASSIGN_OR_RETURN(q.order_by, ParseRunOrderBy(req.order_by));
  q.page_token = req.page_token;
  q.needs_children = req.needs_children;
  return store_->ListRuns(q);
}

Result<OffsetPage<Run>> TrackingService::SearchRuns(const RunSearch& search) {
  if (search.limit < 1 || search.limit > kMaxSearchResults)
    return FieldInvalid("max_results", "must be between 1 and 50000");
  if (search.offset < 0) return FieldInvalid("page_token", "must not be negative");
  RunQuery q;
  q.experiment_ids = search.experiment_ids;
  q.lifecycle = search.lifecycle;
  q.filter = search.filter;
  q.order_by = search.order_by;
  q.order_style = RunOrderStyle::kMlflow;
  q.offset = search.offset;
  q.limit = search.limit;
  q.needs_children = search.needs_children;
  ASSIGN_OR_RETURN(Page<Run> page, store_->ListRuns(q));
  return OffsetPage<Run>{std::move(page.items), page.next_page_token.has_value()};
}

Result<Run> TrackingService::UpdateRun(const std::string& run_id, const RunPatch& patch,
                                       std::optional<int64_t> if_match, const std::string& actor) {
  std::vector<FieldError> errors;
  std::optional<RunStatus> status;
  if (patch.status) {
    status = ParseRunStatus(*patch.status);
    if (!status) errors.push_back({"status", std::string("must be one of ") + kRunStatusNames});
  }
  if (patch.name && (patch.name->empty() || patch.name->size() > kMaxRunNameLength))
    errors.push_back({"name", "must be 1 to 256 characters"});
  ValidateMap(patch.tags, "tags", errors);
  ValidateMap(patch.params, "params", errors);
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));
  ASSIGN_OR_RETURN(const std::string id, RunIdOf(run_id));

  const int64_t now = clock_.NowMillis();
  return store_->UpdateRun(id, [&](const Run& current) -> Result<RunChange> {
    RETURN_IF_ERROR(CheckIfMatch("run '" + id + "'", if_match, current.revision));
    if (current.deleted_at) return DeletedError("run '" + id + "'");
    const bool terminal = IsTerminal(current.status);
    const std::string frozen = "run '" + id + "' is " + std::string(ToString(current.status)) +
                               "; only its tags can change";
    RunChange change;
    change.name = current.name;
    change.status = current.status;
    change.end_time = current.end_time;
    change.deleted_at = current.deleted_at;
    change.updated_at = now;
    std::vector<std::string> changed;

    if (status && *status != current.status) {
      if (terminal) return FailedPrecondition(frozen);
      change.status = *status;
      if (IsTerminal(*status)) {
        change.end_time = patch.end_time.value_or(now);
      } else if (patch.end_time) {
        return FieldInvalid("end_time", "can only be set together with a terminal status");
      }
      changed.push_back("status");
    } else if (patch.end_time) {
      if (!terminal)
        return FieldInvalid("end_time", "can only be set together with a terminal status");
      if (patch.end_time != current.end_time) return FailedPrecondition(frozen);
    }
    if (change.end_time && change.end_time != current.end_time &&
        *change.end_time < current.start_time)
      return FieldInvalid("end_time", "must not be before start_time");
    if (patch.name && *patch.name != current.name) {
      if (terminal) return FailedPrecondition(frozen);
      change.name = *patch.name;
      changed.push_back("name");
    }

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
    change.audit = MakeAudit(now, actor, "run.update", "run", id,
                             {{"changed", JoinChanged(changed)},
                              {"status", std::string(ToString(change.status))},
                              {"revision", current.revision + 1}});
    return change;
  });
}

Result<Run> TrackingService::DeleteRun(const std::string& run_id, std::optional<int64_t> if_match,
                                       const std::string& actor) {
  return ChangeRunLifecycle(run_id, true, if_match, actor);
}

Result<Run> TrackingService::RestoreRun(const std::string& run_id, std::optional<int64_t> if_match,
                                        const std::string& actor) {
  return ChangeRunLifecycle(run_id, false, if_match, actor);
}

Result<Run> TrackingService::ChangeRunLifecycle(const std::string& run_id, bool deleted,
                                                std::optional<int64_t> if_match,
                                                const std::string& actor) {
  ASSIGN_OR_RETURN(const std::string id, RunIdOf(run_id));
  const int64_t now = clock_.NowMillis();
  return store_->UpdateRun(id, [&](const Run& current) -> Result<RunChange> {
    RETURN_IF_ERROR(CheckIfMatch("run '" + id + "'", if_match, current.revision));
    RunChange change;
    change.name = current.name;
    change.status = current.status;
    change.end_time = current.end_time;
    change.deleted_at = current.deleted_at;
    change.updated_at = now;
    if (deleted == current.deleted_at.has_value()) return change;  // idempotent
    change.deleted_at = deleted ? std::optional<int64_t>(now) : std::nullopt;
    change.audit = MakeAudit(now, actor, deleted ? "run.delete" : "run.restore", "run", id,
                             {{"revision", current.revision + 1}});
    return change;
  });
}

Result<RunLogResult> TrackingService::LogToRun(const std::string& run_id, RunLog log,
                                               const std::string& actor) {
  RETURN_IF_ERROR(CheckLogEntries(log));
  ASSIGN_OR_RETURN(const std::string id, RunIdOf(run_id));
  const int64_t now = clock_.NowMillis();
  for (auto& series : log.metrics.series) {
    for (auto& p : series.points) {
      if (p.timestamp == kNoTimestamp) p.timestamp = now;
    }
  }
  audit::Summary summary{{"metrics", static_cast<int64_t>(log.metrics.total_points)},
                         {"params", static_cast<int64_t>(log.params.size())},
                         {"tags", static_cast<int64_t>(log.set_tags.size())}};
  if (!log.delete_tags.empty())
    summary["deleted_tags"] = static_cast<int64_t>(log.delete_tags.size());
  if (!log.inputs.empty()) summary["inputs"] = static_cast<int64_t>(log.inputs.size());
  auto any_status = [](RunStatus) { return Status::Ok(); };
  return store_->LogToRun(id, log, any_status,
                          MakeAudit(now, actor, "run.log", "run", id, std::move(summary)));
}

Result<Run> TrackingService::UpdateRunInfo(const std::string& run_id, const RunInfoUpdate& update,
                                           const std::string& actor) {
  if (update.name && update.name->size() > kMaxRunNameLength)
    return FieldInvalid("run_name", "must be at most 256 characters");
  if (update.end_time && *update.end_time < 0)
    return FieldInvalid("end_time", "must not be before 1970");
  ASSIGN_OR_RETURN(const std::string id, RunIdOf(run_id));
  const int64_t now = clock_.NowMillis();
  return store_->UpdateRun(id, [&](const Run& current) -> Result<RunChange> {
    if (current.deleted_at) return DeletedError("run '" + id + "'");
    RunChange change;
    change.name = current.name;
    change.status = current.status;
    change.end_time = current.end_time;
    change.deleted_at = current.deleted_at;
    change.updated_at = now;
    std::vector<std::string> changed;
    if (update.status && *update.status != current.status) {
      change.status = *update.status;
      changed.push_back("status");
    }
    if (update.end_time && update.end_time != current.end_time) {
      change.end_time = update.end_time;
      changed.push_back("end_time");
    }
    if (update.name && !update.name->empty() && *update.name != current.name) {
      change.name = *update.name;
      changed.push_back("name");
    }
    if (changed.empty()) return change;
    change.audit = MakeAudit(now, actor, "run.update", "run", id,
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
  ASSIGN_OR_RETURN(const std::string id, RunIdOf(run_id));
  auto check = [&](RunStatus s) -> Status {
    if (IsTerminal(s))
      return FailedPrecondition("run '" + id + "' is " + std::string(ToString(s)) +
                                "; metrics can only be logged to running runs");
    return Status::Ok();
  };
  const auto total = static_cast<int64_t>(batch.total_points);
  RETURN_IF_ERROR(store_->AppendMetrics(
      id, batch, check,
      MakeAudit(now, actor, "run.log_metrics", "run", id,
                {{"count", total}, {"keys", static_cast<int64_t>(batch.series.size())}})));
  return total;
}

namespace {

// A metric history request, checked.
struct HistoryRange {
  int64_t min_step = 0;
  int64_t max_step = 0;
  std::optional<size_t> max_points;
};

Result<HistoryRange> CheckHistoryRequest(const std::string& key, const MetricHistoryRequest& req) {
  std::vector<FieldError> errors;
  if (!IsValidMetricKey(key)) errors.push_back({"key", "is not a valid metric key"});
  HistoryRange range;
  range.min_step = req.min_step.value_or(std::numeric_limits<int64_t>::min());
  range.max_step = req.max_step.value_or(std::numeric_limits<int64_t>::max());
  if (range.min_step > range.max_step) errors.push_back({"min_step", "must not exceed max_step"});
  if (req.max_points && *req.max_points < 2) errors.push_back({"max_points", "must be at least 2"});
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));
  if (req.max_points) range.max_points = static_cast<size_t>(*req.max_points);
  return range;
}

}  // namespace

Status TrackingService::StreamMetricHistory(const std::string& run_id, const std::string& key,
                                            const MetricHistoryRequest& req,
                                            MetricPointSink& sink) {
  ASSIGN_OR_RETURN(const HistoryRange range, CheckHistoryRequest(key, req));
  const int64_t min_step = range.min_step;
  const int64_t max_step = range.max_step;
  const std::optional<size_t> max_points = range.max_points;
  ASSIGN_OR_RETURN(const std::string id, RunIdOf(run_id));
  return store_->ReadMetricBlocks(id, key, min_step, max_step, [&](MetricBlockSource& src) {
    return ReadMetricHistory(src, min_step, max_step, max_points, sink);
  });
}

Result<std::unique_ptr<MetricHistoryCursor>> TrackingService::OpenMetricHistory(
    const std::string& run_id, const std::string& key, const MetricHistoryRequest& req) {
  ASSIGN_OR_RETURN(const HistoryRange range, CheckHistoryRequest(key, req));
  const int64_t min_step = range.min_step;
  const int64_t max_step = range.max_step;
  const std::optional<size_t> max_points = range.max_points;
  ASSIGN_OR_RETURN(const std::string id, RunIdOf(run_id));
  ASSIGN_OR_RETURN(auto source, store_->OpenMetricBlocks(id, key, min_step, max_step));
  auto cursor =
      std::make_unique<MetricHistoryCursor>(std::move(source), min_step, max_step, max_points);
  RETURN_IF_ERROR(cursor->Start());
  return cursor;
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

std::string TrackingService::ArtifactPath(const std::string& run_id, const std::string& path) {
  return "artifacts/" + run_id + "/" + path;
}

Result<Artifact> TrackingService::PutArtifact(const std::string& run_id, const std::string& path,
                                              const std::string& temp_file,
                                              const std::string& content_type,
                                              const std::string& actor) {
  return StoreArtifact(run_id, path, temp_file, content_type, actor, false);
}

Result<Artifact> TrackingService::ReplaceArtifact(const std::string& run_id,
                                                  const std::string& path,
                                                  const std::string& temp_file,
                                                  const std::string& content_type,
                                                  const std::string& actor) {
  return StoreArtifact(run_id, path, temp_file, content_type, actor, true);
}

Result<Artifact> TrackingService::StoreArtifact(const std::string& run_id, const std::string& path,
                                                const std::string& temp_file,
                                                const std::string& content_type,
                                                const std::string& actor, bool mlflow_rules) {
  RETURN_IF_ERROR(ValidateArtifactPath(path));
  ASSIGN_OR_RETURN(const std::string id, RunIdOf(run_id));
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
  const std::string dest = ArtifactPath(id, path);
  bool moved = false;
  auto check = [&](RunStatus s) -> Status {
    if (!mlflow_rules && IsTerminal(s))
      return FailedPrecondition("run '" + id + "' is " + std::string(ToString(s)) +
                                "; artifacts can only be uploaded to running runs");
    return Status::Ok();
  };
  auto data = files::SafeDir::OpenOrCreate(options_.data_dir);
  if (!data.ok()) return Internal("cannot open the data directory");
  const std::string run_dir = "artifacts/" + id;
  auto collision = [&](const std::string& reason) {
    log::Info("artifact upload refused (409): run " + run_id + ": " + reason);
    return AlreadyExists(reason);
  };
  auto finalize = [&]() -> Status {
    if (std::string why = ArtifactCollision(*data, run_dir, path); !why.empty())
      return collision(why);
    Status m = data->MoveIn(temp_file, dest);
    if (!m.ok()) {
      // A concurrent upload may have created the colliding file or folder since the check.
      if (std::string why = ArtifactCollision(*data, run_dir, path); !why.empty())
        return collision(why);
      // Something that is not an artifact (a symbolic link, a device) is in the way; it is
      // never followed, and its target is not named.
      if (files::IsRefusedPath(m))
        return collision("artifact '" + path + "' collides with a file that is not an artifact");
      return m;
    }
    moved = true;
    return Status::Ok();
  };
  Status s = store_->AddArtifact(
      id, a, check, finalize,
      MakeAudit(now, actor, "run.upload_artifact", "run", id,
                {{"path", path}, {"size_bytes", a.size_bytes}, {"sha256", a.sha256}}),
      mlflow_rules);
  if (!s.ok()) {
    // The commit failed: do not leave an unrecorded file behind (a replaced file is lost; the
    // row still names the old digest, so a later download reports the mismatch).
    if (moved && !mlflow_rules) (void)data->Remove(dest);
    return s;
  }
  return a;
}

Result<std::vector<Artifact>> TrackingService::DeleteArtifacts(const std::string& run_id,
                                                               const std::string& path,
                                                               const std::string& actor) {
  RETURN_IF_ERROR(ValidateArtifactPath(path));
  ASSIGN_OR_RETURN(const std::string id, RunIdOf(run_id));
  const int64_t now = clock_.NowMillis();
  auto any_status = [](RunStatus) { return Status::Ok(); };
  auto data = files::SafeDir::Open(options_.data_dir);
  auto finalize = [&](const std::vector<Artifact>& removed) -> Status {
    if (!data.ok()) {
      if (data.status().code() == StatusCode::kNotFound) return Status::Ok();  // no files yet
      return Internal("cannot open the data directory");
    }
    for (const Artifact& a : removed) {
      Status rm = data->Remove(ArtifactPath(id, a.path));
      if (rm.ok() || rm.code() == StatusCode::kNotFound) continue;
      if (files::IsRefusedPath(rm)) {
        // A symbolic link on a folder on the way (or a folder at the file's place): it is left
        // alone, never followed; the artifact's row goes. (A link at the file's own place is
        // removed itself by unlinkat, never its target.)
        log::Info("artifact file of run " + id + " not removed: '" + a.path +
                  "' is not a regular file in the data directory");
        continue;
      }
      return Internal("cannot remove an artifact file");
    }
    return Status::Ok();
  };
  return store_->DeleteArtifacts(
      id, path, any_status, finalize,
      MakeAudit(now, actor, "run.delete_artifacts", "run", id, {{"path", path}}));
}

Result<ArtifactFile> TrackingService::GetArtifact(const std::string& run_id,
                                                  const std::string& path) {
  RETURN_IF_ERROR(ValidateArtifactPath(path));
  ASSIGN_OR_RETURN(const std::string id, RunIdOf(run_id));
  ASSIGN_OR_RETURN(Artifact a, store_->GetArtifact(id, path));
  auto missing = [&] {
    return NotFound("artifact '" + path + "' is recorded but its file is missing");
  };
  auto data = files::SafeDir::Open(options_.data_dir);
  if (!data.ok()) return missing();
  auto file = data->OpenRead(ArtifactPath(id, path));
  if (!file.ok()) {
    // A symbolic link anywhere on the way answers like a missing file: it is never followed
    // and its target is not revealed.
    if (files::IsRefusedPath(file.status()))
      log::Info("artifact of run " + id + " not served: '" + path +
                "' is not a regular file in the data directory");
    if (file.status().code() == StatusCode::kInternal) return Internal("cannot open artifact");
    return missing();
  }
  return ArtifactFile{std::move(a), std::make_shared<const files::UniqueFd>(std::move(*file))};
}

Result<std::vector<Artifact>> TrackingService::ListArtifacts(const std::string& run_id) {
  ASSIGN_OR_RETURN(const std::string id, RunIdOf(run_id));
  return store_->ListArtifacts(id);
}

Result<std::vector<ArtifactOwner>> TrackingService::ListArtifactOwners(
    std::optional<int64_t> experiment_id) {
  return store_->ListArtifactOwners(experiment_id, kMaxArtifactOwners);
}

}  // namespace cairn::tracking
