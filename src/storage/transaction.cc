#include "storage/sql_database.h"

namespace cairn::storage {

Result<std::optional<Row>> Transaction::QueryOne(std::string_view sql,
                                                 std::span<const Value> params) {
  ASSIGN_OR_RETURN(std::vector<Row> rows, Query(sql, params));
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows.front()));
}

}  // namespace cairn::storage
