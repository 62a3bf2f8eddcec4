#include "audit/audit_writer.h"

#include <boost/json.hpp>

#include "common/json.h"
#include "common/principal.h"

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

namespace {

storage::Value NonEmpty(const std::string& s) {
  if (s.empty()) return std::monostate{};
  return s;
}

}  // namespace

Status AppendInTx(storage::Transaction& tx, const Entry& entry) {
  storage::Value method = storage::Nullable(entry.auth_method);
  storage::Value token = storage::Nullable(entry.token_id);
  storage::Value session = storage::Nullable(entry.session_id);
  if (const Principal* p = CurrentPrincipal()) {
    if (!entry.auth_method) method = std::string(AuthMethodName(p->method));
    if (!entry.token_id) token = NonEmpty(p->token_id);
    if (!entry.session_id) session = NonEmpty(p->session_id);
  }
  const storage::Value params[] = {entry.at,          entry.actor,
                                   entry.action,      entry.resource_type,
                                   entry.resource_id, SummaryToJson(entry.summary),
                                   std::move(method), std::move(token),
                                   std::move(session)};
  auto r = tx.Exec(
      "INSERT INTO audit_log (at, actor, action, resource_type, resource_id, summary, "
      "auth_method, token_id, session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params);
  return r.status();
}

Status AppendAlone(storage::SqlDatabase& db, const Entry& entry) {
  ASSIGN_OR_RETURN(auto tx, db.Begin(storage::TxMode::kWrite));
  RETURN_IF_ERROR(AppendInTx(*tx, entry));
  return tx->Commit();
}

}  // namespace cairn::audit
