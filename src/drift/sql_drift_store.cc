#include "drift/sql_drift_store.h"

#include <utility>

#include "audit/audit_writer.h"
#include "drift/event_details.h"
#include "storage/pagination.h"

namespace cairn::drift {
namespace {

using storage::Row;
using storage::Value;

const storage::Keyset kOrder("drift_events", {{"detected_at", storage::KeyType::kInt},
                                              {"id", storage::KeyType::kText}});

constexpr char kColumns[] =
    "id, model_name, model_version, deployment_id, feature, method, score, p_value, threshold, "
    "severity, window_start, window_end, details, created_by, detected_at";

std::optional<double> OptDoubleAt(const Row& row, size_t i) {
  if (row.IsNull(i)) return std::nullopt;
  return row.Double(i);
}

DriftEvent FromRow(const Row& row) {
  DriftEvent e;
  e.id = row.Text(0);
  e.model_name = row.Text(1);
  e.model_version = row.OptInt(2);
  e.deployment_id = row.OptText(3);
  e.feature = row.Text(4);
  e.method = ParseMethod(row.Text(5)).value_or(Method::kPsi);
  e.score = row.Double(6);
  e.p_value = OptDoubleAt(row, 7);
  e.threshold = OptDoubleAt(row, 8);
  e.severity = ParseSeverity(row.Text(9)).value_or(stats::Severity::kLow);
  e.window_start = row.OptInt(10);
  e.window_end = row.OptInt(11);
  e.details_json = row.Text(12);
  e.created_by = row.Text(13);
  e.detected_at = row.Int(14);
  return e;
}

}  // namespace

Status SqlDriftStore::CheckReferences(const storage::TxStep& check) {
  if (!check) return Status::Ok();
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  return check(*tx);
}

Status SqlDriftStore::InsertEvents(const std::vector<DriftEvent>& events,
                                   const std::vector<audit::Entry>& audits,
                                   const storage::TxStep& check) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  if (check) RETURN_IF_ERROR(check(*tx));
  for (const auto& e : events) {
    const Value p[] = {e.id,
                       e.model_name,
                       storage::Nullable(e.model_version),
                       storage::Nullable(e.deployment_id),
                       e.feature,
                       std::string(ToString(e.method)),
                       e.score,
                       storage::Nullable(e.p_value),
                       storage::Nullable(e.threshold),
                       std::string(stats::SeverityName(e.severity)),
                       storage::Nullable(e.window_start),
                       storage::Nullable(e.window_end),
                       e.computed ? ComputedEventDetails(*e.computed) : e.details_json,
                       e.created_by,
                       e.detected_at};
    auto r = tx->Exec(
        "INSERT INTO drift_events (id, model_name, model_version, deployment_id, "
        "feature, method, score, p_value, threshold, severity, window_start, "
        "window_end, details, created_by, detected_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p);
    if (!r.ok()) {
      if (r.status().code() == StatusCode::kAlreadyExists)
        return AlreadyExists("drift event '" + e.id + "' already exists");
      return r.status();
    }
  }
  for (const auto& a : audits) RETURN_IF_ERROR(audit::AppendInTx(*tx, a));
  return tx->Commit();
}

Result<Page<DriftEvent>> SqlDriftStore::ListEvents(const DriftEventQuery& query) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM drift_events WHERE 1 = 1";
  std::vector<Value> params;
  if (query.model_name) {
    sql += " AND model_name = ?";
    params.emplace_back(*query.model_name);
  }
  if (query.severity) {
    sql += " AND severity = ?";
    params.emplace_back(std::string(stats::SeverityName(*query.severity)));
  }
  if (query.since) {
    sql += " AND detected_at >= ?";
    params.emplace_back(*query.since);
  }
  RETURN_IF_ERROR(kOrder.AppendAfter(query.page_token, sql, params));
  kOrder.AppendOrderAndLimit(query.limit, sql, params);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  Page<DriftEvent> page;
  for (const auto& row : rows) page.items.push_back(FromRow(row));
  kOrder.FinishPage(page, query.limit, [](const DriftEvent& e) {
    return storage::Keyset::Position{e.detected_at, e.id};
  });
  return page;
}

}  // namespace cairn::drift
