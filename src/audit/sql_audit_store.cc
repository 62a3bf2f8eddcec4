#include "audit/sql_audit_store.h"

#include <charconv>
#include <string>
#include <vector>

#include "audit/audit_writer.h"

namespace cairn::audit {
namespace {

// Tokens look like "a<id>": opaque to clients, which must pass them back unchanged.
std::string EncodeToken(int64_t id) { return "a" + std::to_string(id); }

Result<int64_t> DecodeToken(const std::string& token) {
  int64_t id = 0;
  if (token.size() < 2 || token[0] != 'a') return InvalidArgument("invalid page_token");
  auto [p, ec] = std::from_chars(token.data() + 1, token.data() + token.size(), id);
  if (ec != std::errc() || p != token.data() + token.size() || id <= 0)
    return InvalidArgument("invalid page_token");
  return id;
}

}  // namespace

Status SqlAuditStore::Append(const Entry& entry) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  RETURN_IF_ERROR(AppendInTx(*tx, entry));
  return tx->Commit();
}

Result<RecordPage> SqlAuditStore::List(const Query& query) {
  std::string sql =
      "SELECT id, at, actor, action, resource_type, resource_id, summary FROM audit_log "
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
  if (!query.page_token.empty()) {
    ASSIGN_OR_RETURN(int64_t before, DecodeToken(query.page_token));
    sql += " AND id < ?";
    params.emplace_back(before);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(query.limit) + 1);

  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  RecordPage page;
  for (const auto& row : rows) {
    if (static_cast<int>(page.items.size()) == query.limit) {
      page.next_page_token = EncodeToken(page.items.back().id);
      break;
    }
    page.items.push_back(Record{row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4),
                                row.Text(5), row.Text(6)});
  }
  return page;
}

}  // namespace cairn::audit
