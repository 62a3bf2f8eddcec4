// SqlTrackingStore: TrackingStore over storage::SqlDatabase (tables of migrations 0001_tracking
// and 0009_mlflow; portable SQL, bound parameters only). String maps are stored as JSON text
// (experiments.tags, runs.source, runs.inputs, run_inputs.tags) or as key/value rows
// (run_params, run_tags). Experiment tag filters of a search are applied after the query (tags
// are JSON text), the rest in SQL.
//
// Concurrency: updates are guarded by the revision they read (`... WHERE revision = ?`); metric
// and artifact writes first bump runs.revision, which also serializes concurrent writers of one
// run on PostgreSQL (row lock) before the next block sequence number is read.
//
// Thread safety: thread-safe (no mutable state; the database is thread-safe).
#pragma once

#include "storage/sql_database.h"
#include "tracking/tracking_store.h"

namespace cairn::tracking {

class SqlTrackingStore final : public TrackingStore {
 public:
  // `db` must outlive the store.
  explicit SqlTrackingStore(storage::SqlDatabase& db) : db_(db) {}

  Result<int64_t> CreateExperiment(const Experiment& experiment,
                                   const audit::Entry& audit) override;
  Result<Experiment> GetExperiment(const ExperimentRef& ref) override;
  Result<ExperimentDetail> GetExperimentDetail(const std::string& name, int latest_runs) override;
  Result<Page<Experiment>> ListExperiments(const ExperimentQuery& query) override;
  Result<Experiment> UpdateExperiment(const ExperimentRef& ref,
                                      const ExperimentMutator& mutate) override;

  Result<Experiment> CreateRun(const Run& run, std::optional<int64_t> experiment_id,
                               const ExperimentCheck& check, const audit::Entry& audit) override;
  Result<Run> GetRun(const std::string& run_id) override;
  Result<int64_t> GetRunRevision(const std::string& run_id) override;
  Result<Page<Run>> ListRuns(const RunQuery& query) override;
  Result<Run> UpdateRun(const std::string& run_id, const RunMutator& mutate) override;
  Result<RunLogResult> LogToRun(const std::string& run_id, const RunLog& log, const RunCheck& check,
                                const audit::Entry& audit) override;

  Status AppendMetrics(const std::string& run_id, const MetricBatch& batch, const RunCheck& check,
                       const audit::Entry& audit) override;
  Status ReadMetricBlocks(const std::string& run_id, const std::string& key, int64_t min_step,
                          int64_t max_step,
                          const std::function<Status(MetricBlockSource&)>& read) override;
  Result<std::unique_ptr<MetricBlockSource>> OpenMetricBlocks(const std::string& run_id,
                                                              const std::string& key,
                                                              int64_t min_step,
                                                              int64_t max_step) override;

  Status AddArtifact(const std::string& run_id, const Artifact& artifact, const RunCheck& check,
                     const std::function<Status()>& finalize, const audit::Entry& audit,
                     bool replace) override;
  Result<std::vector<Artifact>> DeleteArtifacts(
      const std::string& run_id, const std::string& path, const RunCheck& check,
      const std::function<Status(const std::vector<Artifact>&)>& finalize,
      const audit::Entry& audit) override;
  Result<Artifact> GetArtifact(const std::string& run_id, const std::string& path) override;
  Result<std::vector<Artifact>> ListArtifacts(const std::string& run_id) override;
  Result<std::vector<ArtifactOwner>> ListArtifactOwners(std::optional<int64_t> experiment_id,
                                                        int limit) override;

 private:
  storage::SqlDatabase& db_;
};

}  // namespace cairn::tracking
