// RegistryStore: the storage contract of the model registry (registered models with their
// version counter, model versions with metrics/params/tags/checklist/artifact).
//
// Every mutating method runs in ONE write transaction that also appends the audit record(s)
// (audit::AppendInTx). Read-check-write methods take a callback that the store calls inside the
// transaction with the current state; a non-OK result aborts the transaction unchanged, so the
// rules stay in RegistryService while the check and the write stay atomic.
//
// Thread safety: implementations are thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/types.h"
#include "common/status.h"
#include "registry/types.h"
#include "storage/sql_database.h"

namespace cairn::registry {

// Another version of the same model that an update changes in the same transaction (the
// production version a promotion archives).
struct RelatedVersionChange {
  ModelVersion updated;  // stage, updated_by, updated_at are written
  int64_t read_revision = 0;
  audit::Entry audit;
};

struct VersionChange {
  ModelVersion updated;               // written guarded by the revision read
  std::optional<audit::Entry> audit;  // nullopt: nothing changed, write nothing
  // Written before `updated`, each guarded by its read revision, each with its audit record.
  std::vector<RelatedVersionChange> related;
  // Called after the writes, before the commit (e.g. moves an uploaded file into place); an
  // error aborts the transaction.
  std::function<Status()> before_commit;
};

// What a mutator may read inside the update's transaction.
class VersionReader {
 public:
  virtual ~VersionReader() = default;
  // The versions of `model_name` in `stage`. Errors: the driver's.
  virtual Result<std::vector<ModelVersion>> VersionsInStage(const std::string& model_name,
                                                            Stage stage) = 0;
};

// A registered-model update computed inside the transaction from the current row.
struct ModelChange {
  Model updated;                      // description, tags, updated_at are written
  std::optional<audit::Entry> audit;  // nullopt: nothing changed, write nothing
};

using ModelMutator = std::function<Result<ModelChange>(const Model& current)>;

using VersionMutator =
    std::function<Result<VersionChange>(const ModelVersion& current, VersionReader& in_tx)>;

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;

  // Allocates the next version number of `v.model_name` (creating the registered model on its
  // first version) and inserts the version, in one transaction: concurrent registrations get
  // distinct consecutive numbers. `v.version` is ignored. Returns the stored version.
  // Errors: Unavailable/Internal from the driver.
  // With `create_model` false the registered model must exist (NotFound otherwise).
  virtual Result<ModelVersion> CreateVersion(const ModelVersion& v, const audit::Entry& audit,
                                             bool create_model) = 0;
  // Inserts a registered model with no versions. Errors: AlreadyExists.
  virtual Result<Model> CreateModel(const Model& m, const audit::Entry& audit) = 0;
  // Errors: NotFound.
  virtual Result<ModelVersion> GetVersion(const std::string& model_name, int64_t version) = 0;
  // Reads in `tx` (another domain's transaction, e.g. the one storing a drift event) whether the
  // model and, when given, its version exist. Errors: NotFound naming which.
  virtual Status CheckExists(storage::Transaction& tx, const std::string& model_name,
                             std::optional<int64_t> version) = 0;
  // The model with every version, newest first. Errors: NotFound.
  virtual Result<Model> GetModel(const std::string& model_name) = 0;
  // Newest first (created_at, model_name, version). Errors: InvalidArgument (bad page token).
  virtual Result<Page<ModelVersion>> ListVersions(const VersionQuery& query) = 0;
  // Read-check-write of one version (and the related versions the mutator names), in one
  // transaction; the rules (e.g. archiving the previous production version) stay in the service.
  // Errors: NotFound, the mutator's error, Aborted on a concurrent change (a lost race on any
  // written version, or a concurrent promotion of the same model).
  virtual Result<ModelVersion> UpdateVersion(const std::string& model_name, int64_t version,
                                             const VersionMutator& mutate) = 0;
  // Read-check-write of a registered model's own fields (not its versions), guarded by its
  // revision. Errors: NotFound, the mutator's error, Aborted on a concurrent change.
  virtual Result<Model> UpdateModel(const std::string& model_name, const ModelMutator& mutate) = 0;
  // MLflow's registered-model search in one read transaction; each model carries the newest
  // non-deleted version of each stage in `versions` (MLflow's latest_versions), by version.
  // Errors: the driver's.
  virtual Result<SearchPage<Model>> SearchModels(const ModelSearch& search) = 0;
  // MLflow's model-version search (deleted versions excluded). Errors: the driver's.
  virtual Result<SearchPage<ModelVersion>> SearchVersions(const VersionSearch& search) = 0;

  // --- aliases, rename, delete (MLflow's registry; docs/mlflow-compat.md) ---
  // Every one of these locks the registered model's row first (bumping its revision), so alias
  // writes, renames and deletes of one model are serialized.

  // Points `alias` of `model_name` at `version`, moving it atomically when it already names
  // another version (one upsert). Returns the version with its aliases.
  // Errors: NotFound (model, or version missing or deleted).
  virtual Result<ModelVersion> SetAlias(const std::string& model_name, const std::string& alias,
                                        int64_t version, const std::string& actor, int64_t now,
                                        const audit::Entry& audit) = 0;
  // Removes the alias; true when it existed (the audit record is written only then).
  // Errors: NotFound (model).
  virtual Result<bool> DeleteAlias(const std::string& model_name, const std::string& alias,
                                   const audit::Entry& audit) = 0;
  // The version an alias names, with its aliases. Errors: NotFound (model or alias).
  virtual Result<ModelVersion> GetVersionByAlias(const std::string& model_name,
                                                 const std::string& alias) = 0;
  // Renames the model (its versions and aliases follow by ON UPDATE CASCADE), guarded by the
  // revision read in the same transaction. Errors: NotFound, AlreadyExists (the new name is
  // taken, also by a deleted model), Aborted (concurrent change).
  virtual Result<Model> RenameModel(const std::string& model_name, const std::string& new_name,
                                    int64_t now, const audit::Entry& audit) = 0;
  // Soft-deletes the model and its versions and removes its aliases. `check` runs inside the
  // transaction with the model as read (its versions included); its error aborts unchanged.
  // Errors: NotFound, the check's error, Aborted.
  virtual Status DeleteModel(const std::string& model_name, int64_t now,
                             const std::function<Status(const Model&)>& check,
                             const audit::Entry& audit) = 0;
  // Soft-deletes one version (its number is never reused) and removes the aliases naming it.
  // Errors: NotFound, the check's error, Aborted.
  virtual Status DeleteVersion(const std::string& model_name, int64_t version, int64_t now,
                               const std::function<Status(const ModelVersion&)>& check,
                               const audit::Entry& audit) = 0;

  // Appends the audit record of a refused change, in a transaction of its own (the refused
  // change wrote nothing). Errors: Unavailable, Internal.
  virtual Status AppendAudit(const audit::Entry& entry) = 0;
};

}  // namespace cairn::registry
