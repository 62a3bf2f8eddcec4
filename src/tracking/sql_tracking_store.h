// SqlTrackingStore: TrackingStore over storage::SqlDatabase (tables of migration
// 0001_tracking; portable SQL, bound parameters only). String maps are stored as JSON text
// (experiments.tags, runs.source, runs.inputs) or as key/value rows (run_params, run_tags).
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

  Status CreateExperiment(const Experiment& experiment, const audit::Entry& audit) override;
  Result<Experiment> GetExperiment(const std::string& name) override;
  Result<ExperimentDetail> GetExperimentDetail(const std::string& name, int latest_runs) override;
  Result<Page<Experiment>> ListExperiments(const ExperimentQuery& query) override;
  Result<Experiment> UpdateExperiment(const std::string& name,
                                      const ExperimentMutator& mutate) override;

  Status CreateRun(const Run& run, const ExperimentCheck& check,
                   const audit::Entry& audit) override;
  Result<Run> GetRun(const std::string& run_id) override;
  Result<int64_t> GetRunRevision(const std::string& run_id) override;
  Result<Page<Run>> ListRuns(const RunQuery& query) override;
  Result<Run> UpdateRun(const std::string& run_id, const RunMutator& mutate) override;

  Status AppendMetrics(const std::string& run_id, const MetricBatch& batch, const RunCheck& check,
                       const audit::Entry& audit) override;
  Status ReadMetricBlocks(const std::string& run_id, const std::string& key, int64_t min_step,
                          int64_t max_step,
                          const std::function<Status(MetricBlockSource&)>& read) override;

  Status AddArtifact(const std::string& run_id, const Artifact& artifact, const RunCheck& check,
                     const std::function<Status()>& finalize, const audit::Entry& audit) override;
  Result<Artifact> GetArtifact(const std::string& run_id, const std::string& path) override;
  Result<std::vector<Artifact>> ListArtifacts(const std::string& run_id) override;

 private:
  storage::SqlDatabase& db_;
};

}  // namespace cairn::tracking
