#include "audit/audit_writer.h"

#include <boost/json.hpp>

#include "common/json.h"

namespace cairn::audit {

std::string SummaryToJson(const Summary& summary) {
  boost::json::object o;
  for (const auto& [k, v] : summary) {
    if (const auto* s = std::get_if<std::string>(&v)) {
      o.emplace(k, *s);
    } else {
      o.emplace(k, std::get<int64_t>(v));
    }
  }
  return ::cairn::json::Serialize(o);
}

Status AppendInTx(storage::Transaction& tx, const Entry& entry) {
  const storage::Value params[] = {entry.at,          entry.actor,
                                   entry.action,      entry.resource_type,
                                   entry.resource_id, SummaryToJson(entry.summary)};
  auto r = tx.Exec(
      "INSERT INTO audit_log (at, actor, action, resource_type, resource_id, summary) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      params);
  return r.status();
}

}  // namespace cairn::audit
