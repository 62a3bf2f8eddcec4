#include "storage/revision_guard.h"

#include <string>
#include <utility>

#include "common/revision.h"

namespace cairn::storage {

Status UpdateWithRevision(Transaction& tx, const GuardedUpdate& u) {
  std::string sql = "UPDATE ";
  sql.append(u.table).append(" SET ");
  if (!u.set.empty()) sql.append(u.set).append(", ");
  sql.append("revision = revision + 1 WHERE ").append(u.where).append(" AND revision = ?");
  std::vector<Value> params;
  params.reserve(u.set_values.size() + u.where_values.size() + 1);
  params.insert(params.end(), u.set_values.begin(), u.set_values.end());
  params.insert(params.end(), u.where_values.begin(), u.where_values.end());
  params.emplace_back(u.revision);
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(sql, params));
  if (n != 1) return ConcurrentChange(u.resource);
  return Status::Ok();
}

Result<bool> TouchRevision(Transaction& tx, std::string_view table, std::string_view where,
                           std::vector<Value> where_values, std::string_view extra_set,
                           std::vector<Value> extra_values) {
  std::string sql = "UPDATE ";
  sql.append(table).append(" SET revision = revision + 1");
  if (!extra_set.empty()) sql.append(", ").append(extra_set);
  sql.append(" WHERE ").append(where);
  std::vector<Value> params = std::move(extra_values);
  params.insert(params.end(), std::make_move_iterator(where_values.begin()),
                std::make_move_iterator(where_values.end()));
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(sql, params));
  return n > 0;
}

}  // namespace cairn::storage
