#include "tracking/sql_tracking_store.h"

#include <algorithm>
#include <utility>

#include "audit/audit_writer.h"
#include "common/json_columns.h"
#include "common/revision.h"
#include "storage/pagination.h"
#include "storage/revision_guard.h"
#include "tracking/metric_block.h"

namespace cairn::tracking {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;

constexpr char kExperimentColumns[] =
    "e.name, e.description, e.owner, e.status, e.tags, e.created_by, e.created_at, "
    "e.updated_at, e.revision, (SELECT COUNT(*) FROM runs c WHERE c.experiment_name = e.name)";
constexpr char kRunColumns[] =
    "r.run_id, r.experiment_name, r.name, r.status, r.start_time, r.end_time, r.created_by, "
    "r.source, r.inputs, r.created_at, r.updated_at, r.revision";
constexpr char kArtifactColumns[] =
    "path, size_bytes, sha256, content_type, created_by, created_at";

using json::DecodeStringList;
using json::DecodeStringMap;
using json::EncodeStringList;
using json::EncodeStringMap;
using storage::Keyset;
using storage::KeyType;

const Keyset kExperimentOrder("experiments",
                              {{"e.created_at", KeyType::kInt}, {"e.name", KeyType::kText}});
const Keyset kRunOrder("runs", {{"r.created_at", KeyType::kInt}, {"r.run_id", KeyType::kText}});
// Runs in a client-chosen order page by offset.
constexpr char kRunOffsetKind[] = "runs.ordered";

Experiment ExperimentFromRow(const Row& row) {
  Experiment e;
  e.name = row.Text(0);
  e.description = row.Text(1);
  e.owner = row.Text(2);
  e.status = ParseExperimentStatus(row.Text(3)).value_or(ExperimentStatus::kActive);
  e.tags = DecodeStringMap(row.Text(4));
  e.created_by = row.Text(5);
  e.created_at = row.Int(6);
  e.updated_at = row.Int(7);
  e.revision = row.Int(8);
  e.run_count = row.Int(9);
  return e;
}

Run RunFromRow(const Row& row) {
  Run r;
  r.run_id = row.Text(0);
  r.experiment_name = row.Text(1);
  r.name = row.Text(2);
  r.status = ParseRunStatus(row.Text(3)).value_or(RunStatus::kRunning);
  r.start_time = row.Int(4);
  r.end_time = row.OptInt(5);
  r.created_by = row.Text(6);
  r.source = DecodeStringMap(row.Text(7));
  r.inputs = DecodeStringList(row.Text(8));
  r.created_at = row.Int(9);
  r.updated_at = row.Int(10);
  r.revision = row.Int(11);
  return r;
}

Artifact ArtifactFromRow(const Row& row) {
  return Artifact{row.Text(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4), row.Int(5)};
}

Result<std::optional<Run>> LoadRunRow(Transaction& tx, const std::string& run_id) {
  const Value p[] = {run_id};
  ASSIGN_OR_RETURN(
      auto row,
      tx.QueryOne(std::string("SELECT ") + kRunColumns + " FROM runs r WHERE r.run_id = ?", p));
  if (!row) return std::optional<Run>();
  return std::optional<Run>(RunFromRow(*row));
}

Status LoadParamsAndTags(Transaction& tx, Run& run) {
  const Value p[] = {run.run_id};
  ASSIGN_OR_RETURN(auto params, tx.Query("SELECT key, value FROM run_params WHERE run_id = ?", p));
  for (const auto& row : params) run.params.emplace(row.Text(0), row.Text(1));
  ASSIGN_OR_RETURN(auto tags, tx.Query("SELECT key, value FROM run_tags WHERE run_id = ?", p));
  for (const auto& row : tags) run.tags.emplace(row.Text(0), row.Text(1));
  return Status::Ok();
}

Status LoadMetricsAndArtifacts(Transaction& tx, Run& run) {
  const Value p[] = {run.run_id};
  ASSIGN_OR_RETURN(
      auto metrics,
      tx.Query("SELECT key, value, step, timestamp FROM latest_metrics WHERE run_id = ?", p));
  for (const auto& row : metrics)
    run.metrics.emplace(row.Text(0), LatestMetric{row.Double(1), row.Int(2), row.Int(3)});
  ASSIGN_OR_RETURN(auto artifacts,
                   tx.Query(std::string("SELECT ") + kArtifactColumns +
                                " FROM run_artifacts WHERE run_id = ? ORDER BY path",
                            p));
  for (const auto& row : artifacts) run.artifacts.push_back(ArtifactFromRow(row));
  return Status::Ok();
}

Result<Run> LoadFullRun(Transaction& tx, const std::string& run_id) {
  ASSIGN_OR_RETURN(auto run, LoadRunRow(tx, run_id));
  if (!run) return NotFound("run '" + run_id + "' not found");
  RETURN_IF_ERROR(LoadParamsAndTags(tx, *run));
  RETURN_IF_ERROR(LoadMetricsAndArtifacts(tx, *run));
  return std::move(*run);
}

// Bumps the run's revision (taking its row lock on PostgreSQL) and returns its status.
Result<RunStatus> TouchRun(Transaction& tx, const std::string& run_id, int64_t now) {
  ASSIGN_OR_RETURN(bool found, storage::TouchRevision(tx, "runs", "run_id = ?", {run_id},
                                                      "updated_at = ?", {now}));
  if (!found) return NotFound("run '" + run_id + "' not found");
  const Value q[] = {run_id};
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT status FROM runs WHERE run_id = ?", q));
  if (!row) return NotFound("run '" + run_id + "' not found");
  return ParseRunStatus(row->Text(0)).value_or(RunStatus::kRunning);
}

Status InsertKeyValues(Transaction& tx, const char* table, const std::string& run_id,
                       const StringMap& m) {
  const std::string sql =
      std::string("INSERT INTO ") + table + " (run_id, key, value) VALUES (?, ?, ?)";
  for (const auto& [k, v] : m) {
    const Value p[] = {run_id, k, v};
    RETURN_IF_ERROR(tx.Exec(sql, p).status());
  }
  return Status::Ok();
}

std::string Placeholders(size_t n) {
  std::string s = "(";
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s + ")";
}

// Fills params, tags and latest metrics of a page of runs with one query each.
Status LoadChildren(Transaction& tx, std::vector<Run>& runs) {
  if (runs.empty()) return Status::Ok();
  std::vector<Value> ids;
  std::map<std::string, Run*> by_id;
  for (auto& r : runs) {
    ids.emplace_back(r.run_id);
    by_id[r.run_id] = &r;
  }
  const std::string in = Placeholders(runs.size());
  ASSIGN_OR_RETURN(
      auto params,
      tx.Query("SELECT run_id, key, value FROM run_params WHERE run_id IN " + in, ids));
  for (const auto& row : params) by_id[row.Text(0)]->params.emplace(row.Text(1), row.Text(2));
  ASSIGN_OR_RETURN(auto tags,
                   tx.Query("SELECT run_id, key, value FROM run_tags WHERE run_id IN " + in, ids));
  for (const auto& row : tags) by_id[row.Text(0)]->tags.emplace(row.Text(1), row.Text(2));
  ASSIGN_OR_RETURN(auto metrics, tx.Query("SELECT run_id, key, value, step, timestamp FROM "
                                          "latest_metrics WHERE run_id IN " +
                                              in,
                                          ids));
  for (const auto& row : metrics) {
    by_id[row.Text(0)]->metrics.emplace(row.Text(1),
                                        LatestMetric{row.Double(2), row.Int(3), row.Int(4)});
  }
  return Status::Ok();
}

// The point of a series that wins the latest-value rule: greatest (step, timestamp), ties to
// the later-logged point.
const MetricPoint& LatestOf(const std::vector<MetricPoint>& points) {
  const MetricPoint* best = &points.front();
  for (const auto& p : points) {
    if (p.step > best->step || (p.step == best->step && p.timestamp >= best->timestamp)) best = &p;
  }
  return *best;
}

}  // namespace

Status SqlTrackingStore::CreateExperiment(const Experiment& e, const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {e.name,
                     e.description,
                     e.owner,
                     std::string(ToString(e.status)),
                     EncodeStringMap(e.tags),
                     e.created_by,
                     e.created_at,
                     e.updated_at,
                     e.revision};
  auto r = tx->Exec(
      "INSERT INTO experiments (name, description, owner, status, tags, created_by, created_at, "
      "updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      p);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kAlreadyExists)
      return AlreadyExists("experiment '" + e.name + "' already exists");
    return r.status();
  }
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<Experiment> SqlTrackingStore::GetExperiment(const std::string& name) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {name};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne(std::string("SELECT ") + kExperimentColumns +
                                              " FROM experiments e WHERE e.name = ?",
                                          p));
  if (!row) return NotFound("experiment '" + name + "' not found");
  return ExperimentFromRow(*row);
}

Result<ExperimentDetail> SqlTrackingStore::GetExperimentDetail(const std::string& name,
                                                               int latest_runs) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {name};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne(std::string("SELECT ") + kExperimentColumns +
                                              " FROM experiments e WHERE e.name = ?",
                                          p));
  if (!row) return NotFound("experiment '" + name + "' not found");
  ExperimentDetail d;
  d.experiment = ExperimentFromRow(*row);
  for (auto s :
       {RunStatus::kRunning, RunStatus::kCompleted, RunStatus::kFailed, RunStatus::kKilled})
    d.run_counts[s] = 0;
  ASSIGN_OR_RETURN(auto counts, tx->Query("SELECT status, COUNT(*) FROM runs "
                                          "WHERE experiment_name = ? GROUP BY status",
                                          p));
  for (const auto& c : counts) {
    if (auto s = ParseRunStatus(c.Text(0))) d.run_counts[*s] = c.Int(1);
  }
  const Value q[] = {name, static_cast<int64_t>(latest_runs)};
  ASSIGN_OR_RETURN(auto runs, tx->Query(std::string("SELECT ") + kRunColumns +
                                            " FROM runs r WHERE r.experiment_name = ? "
                                            "ORDER BY r.created_at DESC, r.run_id DESC LIMIT ?",
                                        q));
  for (const auto& r : runs) d.latest_runs.push_back(RunFromRow(r));
  return d;
}

Result<Page<Experiment>> SqlTrackingStore::ListExperiments(const ExperimentQuery& query) {
  std::string sql = std::string("SELECT ") + kExperimentColumns + " FROM experiments e WHERE 1 = 1";
  std::vector<Value> params;
  if (query.owner) {
    sql += " AND e.owner = ?";
    params.emplace_back(*query.owner);
  }
  if (query.status) {
    sql += " AND e.status = ?";
    params.emplace_back(std::string(ToString(*query.status)));
  }
  RETURN_IF_ERROR(kExperimentOrder.AppendAfter(query.page_token, sql, params));
  kExperimentOrder.AppendOrderAndLimit(query.limit, sql, params);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  Page<Experiment> page;
  for (const auto& row : rows) page.items.push_back(ExperimentFromRow(row));
  kExperimentOrder.FinishPage(page, query.limit, [](const Experiment& e) {
    return Keyset::Position{e.created_at, e.name};
  });
  return page;
}

Result<Experiment> SqlTrackingStore::UpdateExperiment(const std::string& name,
                                                      const ExperimentMutator& mutate) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {name};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne(std::string("SELECT ") + kExperimentColumns +
                                              " FROM experiments e WHERE e.name = ?",
                                          p));
  if (!row) return NotFound("experiment '" + name + "' not found");
  Experiment current = ExperimentFromRow(*row);
  ASSIGN_OR_RETURN(ExperimentChange change, mutate(current));
  if (!change.audit) return current;
  const Experiment& u = change.updated;
  RETURN_IF_ERROR(storage::UpdateWithRevision(
      *tx, {.table = "experiments",
            .set = "description = ?, owner = ?, status = ?, tags = ?, updated_at = ?",
            .set_values = {u.description, u.owner, std::string(ToString(u.status)),
                           EncodeStringMap(u.tags), u.updated_at},
            .where = "name = ?",
            .where_values = {name},
            .revision = current.revision,
            .resource = "experiment '" + name + "'"}));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, *change.audit));
  RETURN_IF_ERROR(tx->Commit());
  return u;
}

Status SqlTrackingStore::CreateRun(const Run& run, const ExperimentCheck& check,
                                   const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value e[] = {run.experiment_name};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT status FROM experiments WHERE name = ?", e));
  if (!row) return NotFound("experiment '" + run.experiment_name + "' not found");
  RETURN_IF_ERROR(check(ParseExperimentStatus(row->Text(0)).value_or(ExperimentStatus::kActive)));
  const Value p[] = {run.run_id,
                     run.experiment_name,
                     run.name,
                     std::string(ToString(run.status)),
                     run.start_time,
                     storage::Nullable(run.end_time),
                     run.created_by,
                     EncodeStringMap(run.source),
                     EncodeStringList(run.inputs),
                     run.created_at,
                     run.updated_at,
                     run.revision};
  RETURN_IF_ERROR(tx->Exec("INSERT INTO runs (run_id, experiment_name, name, status, start_time, "
                           "end_time, created_by, source, inputs, created_at, updated_at, "
                           "revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           p)
                      .status());
  RETURN_IF_ERROR(InsertKeyValues(*tx, "run_params", run.run_id, run.params));
  RETURN_IF_ERROR(InsertKeyValues(*tx, "run_tags", run.run_id, run.tags));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<Run> SqlTrackingStore::GetRun(const std::string& run_id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  return LoadFullRun(*tx, run_id);
}

Result<int64_t> SqlTrackingStore::GetRunRevision(const std::string& run_id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {run_id};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT revision FROM runs WHERE run_id = ?", p));
  if (!row) return NotFound("run '" + run_id + "' not found");
  return row->Int(0);
}

Result<Page<Run>> SqlTrackingStore::ListRuns(const RunQuery& query) {
  std::string sql = std::string("SELECT ") + kRunColumns + " FROM runs r WHERE 1 = 1";
  std::vector<Value> params;
  if (query.experiment_name) {
    sql += " AND r.experiment_name = ?";
    params.emplace_back(*query.experiment_name);
  }
  if (query.status) {
    sql += " AND r.status = ?";
    params.emplace_back(std::string(ToString(*query.status)));
  }
  SqlFragment where = FilterToSql(query.filter);
  if (!where.sql.empty()) {
    sql += " AND (" + where.sql + ")";
    for (auto& v : where.params) params.push_back(std::move(v));
  }
  // Default order (newest first) pages by keyset; a custom order pages by offset.
  const bool keyset = query.order_by.empty();
  int64_t offset = 0;
  if (keyset) {
    RETURN_IF_ERROR(kRunOrder.AppendAfter(query.page_token, sql, params));
    kRunOrder.AppendOrderAndLimit(query.limit, sql, params);
  } else {
    if (!query.page_token.empty()) {
      ASSIGN_OR_RETURN(offset, storage::ParseOffsetToken(kRunOffsetKind, query.page_token));
    }
    SqlFragment order = OrderByToSql(query.order_by);
    sql += " ORDER BY " + order.sql;
    for (auto& v : order.params) params.push_back(std::move(v));
    sql += " LIMIT ? OFFSET ?";
    params.emplace_back(FetchLimit(query.limit));
    params.emplace_back(offset);
  }

  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  Page<Run> page;
  for (const auto& row : rows) page.items.push_back(RunFromRow(row));
  if (keyset) {
    kRunOrder.FinishPage(page, query.limit, [](const Run& r) {
      return Keyset::Position{r.created_at, r.run_id};
    });
  } else if (TrimToLimit(page.items, query.limit)) {
    page.next_page_token = storage::OffsetToken(kRunOffsetKind, offset + query.limit);
  }
  RETURN_IF_ERROR(LoadChildren(*tx, page.items));
  return page;
}

Result<Run> SqlTrackingStore::UpdateRun(const std::string& run_id, const RunMutator& mutate) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto current, LoadRunRow(*tx, run_id));
  if (!current) return NotFound("run '" + run_id + "' not found");
  RETURN_IF_ERROR(LoadParamsAndTags(*tx, *current));
  ASSIGN_OR_RETURN(RunChange change, mutate(*current));
  if (change.audit) {
    const std::string resource = "run '" + run_id + "'";
    RETURN_IF_ERROR(storage::UpdateWithRevision(
        *tx, {.table = "runs",
              .set = "status = ?, end_time = ?, updated_at = ?",
              .set_values = {std::string(ToString(change.status)),
                             storage::Nullable(change.end_time), change.updated_at},
              .where = "run_id = ?",
              .where_values = {run_id},
              .revision = current->revision,
              .resource = resource}));
    if (change.tags) {
      const Value q[] = {run_id};
      RETURN_IF_ERROR(tx->Exec("DELETE FROM run_tags WHERE run_id = ?", q).status());
      RETURN_IF_ERROR(InsertKeyValues(*tx, "run_tags", run_id, *change.tags));
    }
    auto s = InsertKeyValues(*tx, "run_params", run_id, change.new_params);
    if (s.code() == StatusCode::kAlreadyExists) return ConcurrentChange(resource);
    RETURN_IF_ERROR(s);
    RETURN_IF_ERROR(audit::AppendInTx(*tx, *change.audit));
  }
  ASSIGN_OR_RETURN(Run updated, LoadFullRun(*tx, run_id));
  RETURN_IF_ERROR(tx->Commit());
  return updated;
}

Status SqlTrackingStore::AppendMetrics(const std::string& run_id, const MetricBatch& batch,
                                       const RunCheck& check, const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(RunStatus status, TouchRun(*tx, run_id, audit.at));
  RETURN_IF_ERROR(check(status));
  for (const auto& series : batch.series) {
    if (series.points.empty()) continue;
    const Value k[] = {run_id, series.key};
    ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT COALESCE(MAX(seq), 0) FROM metric_blocks "
                                            "WHERE run_id = ? AND key = ?",
                                            k));
    const int64_t seq = (row ? row->Int(0) : 0) + 1;
    int64_t min_step = series.points.front().step;
    int64_t max_step = min_step;
    for (const auto& p : series.points) {
      min_step = std::min(min_step, p.step);
      max_step = std::max(max_step, p.step);
    }
    const Value b[] = {run_id,
                       series.key,
                       seq,
                       min_step,
                       max_step,
                       static_cast<int64_t>(series.points.size()),
                       storage::Blob{EncodeMetricBlock(series.points)}};
    RETURN_IF_ERROR(tx->Exec("INSERT INTO metric_blocks (run_id, key, seq, min_step, max_step, "
                             "n, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             b)
                        .status());
    const MetricPoint& latest = LatestOf(series.points);
    const Value l[] = {run_id, series.key, latest.value, latest.step, latest.timestamp};
    RETURN_IF_ERROR(
        tx->Exec("INSERT INTO latest_metrics (run_id, key, value, step, timestamp) "
                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET "
                 "value = excluded.value, step = excluded.step, timestamp = excluded.timestamp "
                 "WHERE excluded.step > latest_metrics.step OR (excluded.step = "
                 "latest_metrics.step AND excluded.timestamp >= latest_metrics.timestamp)",
                 l)
            .status());
  }
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

namespace {

// Bounds of one decode query: at most this many blocks, and (beyond the first block) at most
// this many points, so that a read never holds more than a few MiB of blobs at once.
constexpr size_t kMaxBlocksPerRead = 128;
constexpr int64_t kMaxPointsPerRead = 64 * 1024;

class SqlBlockSource final : public MetricBlockSource {
 public:
  SqlBlockSource(Transaction& tx, const std::string& run_id, const std::string& key,
                 std::vector<MetricBlockInfo> blocks)
      : tx_(tx), run_id_(run_id), key_(key), blocks_(std::move(blocks)) {}

  const std::vector<MetricBlockInfo>& blocks() const override { return blocks_; }

  Status Read(std::span<const size_t> indices, const BlockFn& each) override {
    std::vector<MetricPoint> points;
    size_t next = 0;
    while (next < indices.size()) {
      size_t end = next;
      int64_t budget = 0;
      std::string sql = "SELECT seq, n, data FROM metric_blocks WHERE run_id = ? AND key = ? "
                        "AND seq IN (";
      std::vector<Value> params = {run_id_, key_};
      while (end < indices.size() && end - next < kMaxBlocksPerRead &&
             (end == next || budget + blocks_[indices[end]].n <= kMaxPointsPerRead)) {
        budget += blocks_[indices[end]].n;
        sql += end == next ? "?" : ", ?";
        params.emplace_back(blocks_[indices[end]].seq);
        ++end;
      }
      sql += ") ORDER BY seq";
      ASSIGN_OR_RETURN(auto rows, tx_.Query(sql, params));
      // Blocks never change once written, and this is one transaction: every seq is there.
      if (rows.size() != end - next) return Internal("metric blocks changed during a read");
      for (size_t r = 0; r < rows.size(); ++r) {
        const size_t index = indices[next + r];
        if (rows[r].Int(0) != blocks_[index].seq) return Internal("metric block order");
        points.clear();
        RETURN_IF_ERROR(DecodeMetricBlock(rows[r].BlobBytes(2), rows[r].Int(1), points));
        RETURN_IF_ERROR(each(index, points));
      }
      next = end;
    }
    return Status::Ok();
  }

 private:
  Transaction& tx_;
  const std::string& run_id_;
  const std::string& key_;
  std::vector<MetricBlockInfo> blocks_;
};

}  // namespace

Status SqlTrackingStore::ReadMetricBlocks(const std::string& run_id, const std::string& key,
                                          int64_t min_step, int64_t max_step,
                                          const std::function<Status(MetricBlockSource&)>& read) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value r[] = {run_id};
  ASSIGN_OR_RETURN(auto exists, tx->QueryOne("SELECT 1 FROM runs WHERE run_id = ?", r));
  if (!exists) return NotFound("run '" + run_id + "' not found");
  const Value p[] = {run_id, key, min_step, max_step};
  ASSIGN_OR_RETURN(auto rows,
                   tx->Query("SELECT seq, n, min_step, max_step FROM metric_blocks "
                             "WHERE run_id = ? AND key = ? AND max_step >= ? AND min_step <= ? "
                             "ORDER BY seq",
                             p));
  std::vector<MetricBlockInfo> blocks;
  blocks.reserve(rows.size());
  for (const auto& row : rows) {
    blocks.push_back(MetricBlockInfo{row.Int(0), row.Int(1), row.Int(2), row.Int(3)});
  }
  rows.clear();
  SqlBlockSource source(*tx, run_id, key, std::move(blocks));
  return read(source);
}

Status SqlTrackingStore::AddArtifact(const std::string& run_id, const Artifact& a,
                                     const RunCheck& check, const std::function<Status()>& finalize,
                                     const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(RunStatus status, TouchRun(*tx, run_id, audit.at));
  RETURN_IF_ERROR(check(status));
  const Value p[] = {run_id,         a.path,       a.size_bytes, a.sha256,
                     a.content_type, a.created_by, a.created_at};
  auto r = tx->Exec(
      "INSERT INTO run_artifacts (run_id, path, size_bytes, sha256, content_type, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      p);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kAlreadyExists)
      return AlreadyExists("artifact '" + a.path + "' already exists in run '" + run_id + "'");
    return r.status();
  }
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  RETURN_IF_ERROR(finalize());
  return tx->Commit();
}

Result<Artifact> SqlTrackingStore::GetArtifact(const std::string& run_id, const std::string& path) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {run_id, path};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne(std::string("SELECT ") + kArtifactColumns +
                                              " FROM run_artifacts WHERE run_id = ? AND path = ?",
                                          p));
  if (!row) return NotFound("artifact '" + path + "' not found in run '" + run_id + "'");
  return ArtifactFromRow(*row);
}

Result<std::vector<Artifact>> SqlTrackingStore::ListArtifacts(const std::string& run_id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value r[] = {run_id};
  ASSIGN_OR_RETURN(auto exists, tx->QueryOne("SELECT 1 FROM runs WHERE run_id = ?", r));
  if (!exists) return NotFound("run '" + run_id + "' not found");
  ASSIGN_OR_RETURN(auto rows, tx->Query(std::string("SELECT ") + kArtifactColumns +
                                            " FROM run_artifacts WHERE run_id = ? ORDER BY path",
                                        r));
  std::vector<Artifact> out;
  for (const auto& row : rows) out.push_back(ArtifactFromRow(row));
  return out;
}

}  // namespace cairn::tracking
