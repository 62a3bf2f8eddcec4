// SqlRegistryStore: RegistryStore over storage::SqlDatabase (tables registered_models and
// model_versions of migration 0003_registry; portable SQL, bound parameters only). Metrics,
// params, tags and the checklist are JSON text columns of model_versions.
//
// Version numbers: registered_models.last_version is upserted (+1) in the inserting
// transaction; the upsert takes the row lock on PostgreSQL and SQLite write transactions are
// serialized, so numbers are consecutive without gaps or duplicates. A partial unique index
// keeps at most one production version per model.
//
// Soft delete: model_versions.deleted_at and registered_models.deleted_at (0011) hide a row from
// every read; numbers are never reused. Aliases live in model_aliases (0009).
//
// Thread safety: thread-safe (no mutable state; the database is thread-safe).
#pragma once

#include "audit/audit_writer.h"
#include "registry/registry_store.h"
#include "storage/sql_database.h"

namespace cairn::registry {

class SqlRegistryStore final : public RegistryStore {
 public:
  // `db` must outlive the store.
  explicit SqlRegistryStore(storage::SqlDatabase& db) : db_(db) {}

  Result<ModelVersion> CreateVersion(const ModelVersion& v, const audit::Entry& audit,
                                     bool create_model) override;
  Result<Model> CreateModel(const Model& m, const audit::Entry& audit) override;
  Result<ModelVersion> GetVersion(const std::string& model_name, int64_t version) override;
  Status CheckExists(storage::Transaction& tx, const std::string& model_name,
                     std::optional<int64_t> version) override;
  Result<Model> GetModel(const std::string& model_name) override;
  Result<Page<ModelVersion>> ListVersions(const VersionQuery& query) override;
  Result<ModelVersion> UpdateVersion(const std::string& model_name, int64_t version,
                                     const VersionMutator& mutate) override;
  Result<Model> UpdateModel(const std::string& model_name, const ModelMutator& mutate) override;
  Result<SearchPage<Model>> SearchModels(const ModelSearch& search) override;
  Result<SearchPage<ModelVersion>> SearchVersions(const VersionSearch& search) override;

  Result<ModelVersion> SetAlias(const std::string& model_name, const std::string& alias,
                                int64_t version, const std::string& actor, int64_t now,
                                const audit::Entry& audit) override;
  Result<bool> DeleteAlias(const std::string& model_name, const std::string& alias,
                           const audit::Entry& audit) override;
  Result<ModelVersion> GetVersionByAlias(const std::string& model_name,
                                         const std::string& alias) override;
  Result<Model> RenameModel(const std::string& model_name, const std::string& new_name, int64_t now,
                            const audit::Entry& audit) override;
  Status DeleteModel(const std::string& model_name, int64_t now,
                     const std::function<Status(const Model&)>& check,
                     const audit::Entry& audit) override;
  Status DeleteVersion(const std::string& model_name, int64_t version, int64_t now,
                       const std::function<Status(const ModelVersion&)>& check,
                       const audit::Entry& audit) override;

  Status AppendAudit(const audit::Entry& entry) override { return audit::AppendAlone(db_, entry); }

 private:
  storage::SqlDatabase& db_;
};

}  // namespace cairn::registry
