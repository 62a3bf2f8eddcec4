// RegistryService: model registry rules (SPEC §2 "Model registry").
//
// Validation, invariants and the promotion rule; no SQL, no HTTP. Decisions:
// - Versions are numbered 1, 2, 3 ... per model by the store (no gaps, no duplicates, also
//   under concurrent registration). A new version starts in stage `none` with the configured
//   default checklist (RegistryOptions::default_checklist).
// - Registering with `run_id` copies the run's latest metric values and its params through
//   tracking::TrackingService (404 when the run does not exist); `metrics`/`params` in the
//   request are overlaid on them. Metric names follow tracking's metric-key rule.
// - Stages may move freely between none, staging, production and archived, except that moving
//   INTO production needs every required checklist item done (FailedPrecondition/409 naming the
//   missing keys); it archives the previous production version in the same transaction. A PATCH
//   applies checklist changes before the stage check, so one PATCH can tick and promote.
// - Checklist: ticking records done_by (the actor) and done_at; unticking clears them. Unknown
//   keys are InvalidArgument. A PATCH that changes nothing does not bump the revision.
// - Artifacts: one per version, write-once (AlreadyExists/409 on a second upload). Format:
//   declared (`xgboost-json|onnx|other`) or detected — xgboost JSON by a leading `{` and a
//   "learner" key, ONNX by a `.onnx` file name or the ModelProto protobuf prefix; a declared
//   xgboost-json/onnx that the bytes contradict is InvalidArgument. Stored at
//   <data_dir>/models/<model_name>/<version>/<file name>.
// - Compare: per metric, values per version, best version (lower is better when the name
//   contains one of RegistryOptions::lower_is_better_patterns, case-insensitive, unless
//   RegistryOptions::direction_overrides names it; ties go to the earlier-listed version),
//   deltas against the first listed version, and the params that differ.
// - If-Match: when given and different from the current revision, Aborted (412), no change.
// - Aliases (`champion` -> version): MLflow's alias-name rule (ValidateAliasName); setting an
//   existing alias moves it in one statement; an alias names a live version of the model.
//   Deleting a version removes the aliases naming it.
// - Rename: the versions and aliases follow; the new name follows the name rule and must be
//   free (also of deleted models: AlreadyExists).
// - Delete (model or version) is a soft delete: hidden from every read, numbers never reused.
//   Governance: a version in production, or a model with one, is not deleted (FailedPrecondition:
//   move it out of production first); neither is a model or version that a registered
//   ModelUsage reports in use (a deployment that is not terminated); a model in use is not
//   renamed either (deployments name it). Refusals are audited (`*.delete_refused`,
//   `registered_model.rename_refused`). Usages are asked before the transaction.
//
// Thread safety: thread-safe (immutable options; the store and the tracking service are).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/safe_dir.h"
#include "common/status.h"
#include "registry/registry_store.h"
#include "registry/types.h"

namespace cairn::tracking {
class TrackingService;
}

namespace cairn::registry {

// Configuration (TOML section [registry] in the server configuration).
struct RegistryOptions {
  // Root data directory; model files live under <data_dir>/models.
  std::string data_dir = "./cairn-data";
  // The checklist every new version starts with.
  std::vector<ChecklistItemSpec> default_checklist = {
      {"evaluation_passed", "Offline evaluation passed its gates", true},
      {"data_validated", "Training and evaluation data validated", true},
      {"bias_reviewed", "Bias and fairness review done", true},
      {"owner_signoff", "Model owner signed off", true},
  };
  // A metric is lower-is-better when its name contains one of these (case-insensitive).
  std::vector<std::string> lower_is_better_patterns = {
      "loss", "error", "rmse", "mae", "mape", "mse", "brier", "log_loss", "latency"};
  // Exact metric name -> higher_is_better; wins over the patterns.
  std::map<std::string, bool> direction_overrides;
};

// Errors: InvalidArgument when the list has duplicate or invalid keys (1..128 chars of
// [A-Za-z0-9_.-], starting alphanumeric) or more than 100 items.
Status ValidateChecklistSpec(const std::vector<ChecklistItemSpec>& items);

// True when a metric of this name is better when higher (see RegistryOptions).
[[nodiscard]] bool HigherIsBetter(const RegistryOptions& options, std::string_view metric);

// MLflow's alias-name rule (mlflow/utils/validation.py `_validate_model_alias_name`): non-empty,
// only [A-Za-z0-9_-] (MLflow's \w also takes non-ASCII letters and digits; Cairn does not), at
// most 255 characters, not `latest` in any case, not `v<digits>`/`V<digits>`. Errors:
// InvalidArgument with MLflow's message.
Status ValidateAliasName(std::string_view alias);

// Another domain's resources that hold a registered model or version (deployments).
class ModelUsage {
 public:
  virtual ~ModelUsage() = default;
  // Human-readable names of what holds the model (every version when `version` is nullopt, else
  // that version), e.g. "deployment 'd1' (active)"; empty when nothing does.
  virtual Result<std::vector<std::string>> UsersOfModel(const std::string& model_name,
                                                        std::optional<int64_t> version) = 0;
};

// Detects the format from the first bytes of a file and its name (may be empty).
[[nodiscard]] ArtifactFormat DetectArtifactFormat(std::string_view head, std::string_view filename);

struct ModelArtifactFile {
  ModelArtifact artifact;
  // The artifact's file, opened without following links (common/safe_dir.h).
  std::shared_ptr<const files::UniqueFd> file;
};

struct ArtifactUpload {
  std::string temp_file;                // taken over (moved into the model store on success)
  std::optional<std::string> format;    // declared format, if any
  std::optional<std::string> filename;  // stored file name; default model.json/model.onnx/model.bin
};

class RegistryService {
 public:
  // `tracking` may be null: registering with a run_id then answers Unavailable. Both must
  // outlive the service.
  RegistryService(std::unique_ptr<RegistryStore> store, tracking::TrackingService* tracking,
                  RegistryOptions options, const Clock& clock = Clock::System());

  // Registers a usage hook (not owned; must outlive the service). Call before serving.
  void AddUsage(ModelUsage* usage) { usages_.push_back(usage); }

  // Errors: InvalidArgument, NotFound (run), Unavailable (no tracking service).
  Result<ModelVersion> RegisterVersion(const VersionCreate& request, const std::string& actor);
  // A registered model with no versions yet (MLflow's registered-models/create).
  // Errors: InvalidArgument, AlreadyExists.
  Result<Model> CreateModel(const ModelCreate& request, const std::string& actor);
  // Errors: NotFound.
  Result<ModelVersion> GetVersion(const std::string& model_name, int64_t version);
  // Errors: NotFound.
  Result<Model> GetModel(const std::string& model_name);
  // In another domain's transaction `tx`: NotFound unless the model and, when given, the
  // version exist (drift events naming them).
  Status CheckExists(storage::Transaction& tx, const std::string& model_name,
                     std::optional<int64_t> version);
  // Errors: InvalidArgument (model_name, stage, limit, page token).
  Result<Page<ModelVersion>> ListVersions(const VersionListRequest& request);
  // Errors: InvalidArgument, NotFound, FailedPrecondition (required checklist items missing for
  // production), Aborted (If-Match or concurrent change).
  Result<ModelVersion> UpdateVersion(const std::string& model_name, int64_t version,
                                     const VersionPatch& patch, std::optional<int64_t> if_match,
                                     const std::string& actor);
  // A registered model's description and single-tag edits (MLflow's registered-models/update,
  // set-tag, delete-tag), in one revision-guarded transaction with its audit record
  // (`registered_model.update`). A patch that changes nothing writes nothing. Tag keys and
  // values follow the native map rule (the MLflow routes check MLflow's stricter rule first).
  // Errors: InvalidArgument, NotFound, Aborted (If-Match or concurrent change).
  Result<Model> UpdateModel(const std::string& model_name, const ModelPatch& patch,
                            std::optional<int64_t> if_match, const std::string& actor);
  // MLflow's searches. Errors: InvalidArgument (limit outside 1..1000 for models, 1..200000 for
  // versions; negative offset).
  Result<SearchPage<Model>> SearchModels(const ModelSearch& search);
  Result<SearchPage<ModelVersion>> SearchVersions(const VersionSearch& search);
  // Marks one checklist item done (for other domains, e.g. evaluation ticking
  // `evaluation_passed`). Idempotent: an item already done keeps its first done_by/done_at.
  // Errors: NotFound (version or checklist key), InvalidArgument (note over 2000 chars).
  Status TickChecklistItem(const std::string& model_name, int64_t version, const std::string& key,
                           const std::string& actor, const std::string& note);

  // Errors: InvalidArgument (format, filename, contradicting bytes), NotFound, AlreadyExists
  // (artifact already uploaded), Internal (I/O).
  Result<ModelVersion> PutArtifact(const std::string& model_name, int64_t version,
                                   const ArtifactUpload& upload, const std::string& actor);
  // The artifact record and its file. Errors: NotFound (version, no artifact, file missing).
  Result<ModelArtifactFile> GetArtifactFile(const std::string& model_name, int64_t version);

  // Errors: InvalidArgument (versions empty, over 100, duplicates, bad metric names), NotFound
  // (model or a version).
  Result<Comparison> Compare(const std::string& model_name, const CompareRequest& request);

  // Points `alias` at `version` (moving it if it named another). Returns the version.
  // Errors: InvalidArgument (alias rule), NotFound (model or version).
  Result<ModelVersion> SetAlias(const std::string& model_name, const std::string& alias,
                                int64_t version, const std::string& actor);
  // Removes the alias; an unknown alias of an existing model is not an error (MLflow's rule).
  // Errors: InvalidArgument (alias rule), NotFound (model).
  Status DeleteAlias(const std::string& model_name, const std::string& alias,
                     const std::string& actor);
  // The version an alias names. Errors: InvalidArgument (alias rule), NotFound (model or alias).
  Result<ModelVersion> ResolveAlias(const std::string& model_name, const std::string& alias);
  // Errors: InvalidArgument (new name), NotFound, AlreadyExists, FailedPrecondition (in use),
  // Aborted (concurrent change).
  Result<Model> RenameModel(const std::string& model_name, const std::string& new_name,
                            const std::string& actor);
  // Soft delete. Errors: NotFound, FailedPrecondition (production version, in use), Aborted.
  Status DeleteModel(const std::string& model_name, const std::string& actor);
  // Soft delete. Errors: NotFound, FailedPrecondition (in production, in use), Aborted.
  Status DeleteVersion(const std::string& model_name, int64_t version, const std::string& actor);

  const RegistryOptions& options() const { return options_; }

 private:
  // What the registered usages report holding the model (or the version).
  Result<std::vector<std::string>> UsersOf(const std::string& model_name,
                                           std::optional<int64_t> version);

  std::unique_ptr<RegistryStore> store_;
  tracking::TrackingService* tracking_;
  RegistryOptions options_;
  const Clock& clock_;
  std::vector<ModelUsage*> usages_;
};

}  // namespace cairn::registry
