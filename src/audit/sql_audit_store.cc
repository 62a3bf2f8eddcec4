#include "audit/sql_audit_store.h"

#include <string>
#include <vector>

#include "audit/audit_writer.h"
#include "storage/pagination.h"

namespace cairn::audit {
namespace {

// Records are numbered in append order: newest first is id descending.
const storage::Keyset kOrder("audit", {{"id", storage::KeyType::kInt}});

}  // namespace

Status SqlAuditStore::Append(const Entry& entry) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  RETURN_IF_ERROR(AppendInTx(*tx, entry));
  return tx->Commit();
}

Result<RecordPage> SqlAuditStore::List(const Query& query) {
  std::string sql =
      "SELECT id, at, actor, action, resource_type, resource_id, summary, auth_method, token_id, "
      "session_id FROM audit_log "
      "WHERE 1 = 1";
  std::vector<storage::Value> params;
  if (query.resource_type) {
    sql += " AND resource_type = ?";
    params.emplace_back(*query.resource_type);
  }
  if (query.resource_id) {
    sql += " AND resource_id = ?";
    params.emplace_back(*query.resource_id);
  }
  if (query.actor) {
    sql += " AND actor = ?";
    params.emplace_back(*query.actor);
  }
  if (query.since) {
    sql += " AND at >= ?";
    params.emplace_back(*query.since);
  }
  RETURN_IF_ERROR(kOrder.AppendAfter(query.page_token, sql, params));
  kOrder.AppendOrderAndLimit(query.limit, sql, params);

  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  RecordPage page;
  for (const auto& row : rows) {
    page.items.push_back(Record{row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4),
                                row.Text(5), row.Text(6), row.OptText(7), row.OptText(8),
                                row.OptText(9)});
  }
  kOrder.FinishPage(page, query.limit,
                    [](const Record& r) { return storage::Keyset::Position{r.id}; });
  return page;
}

}  // namespace cairn::audit
