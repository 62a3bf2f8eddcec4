// Audit domain types: one record per mutation (who, when, action, resource, summary, and how
// the actor was authenticated: method, token id or session id).
// Plain structs; no SQL, no JSON, no HTTP. Thread-compatible values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/page.h"

namespace cairn::audit {

// A summary field: text or integer (e.g. {"count": 1000, "path": "model.bin"}).
using SummaryValue = std::variant<std::string, int64_t>;
using Summary = std::map<std::string, SummaryValue>;

// What a mutating store appends (see audit_writer.h).
struct Entry {
  int64_t at = 0;  // ms UTC
  std::string actor;
  std::string action;         // e.g. "run.update", "run.log_metrics"
  std::string resource_type;  // e.g. "experiment", "run"
  std::string resource_id;
  Summary summary;
  // How the actor was authenticated ("token", "session", "header", "none"), and the token or
  // session behind the change. Unset: taken from the principal of the request the writing
  // thread serves (common/principal.h), if any.
  std::optional<std::string> auth_method = std::nullopt;
  std::optional<std::string> token_id = std::nullopt;
  std::optional<std::string> session_id = std::nullopt;
};

// A stored record, as read back.
struct Record {
  int64_t id = 0;
  int64_t at = 0;
  std::string actor;
  std::string action;
  std::string resource_type;
  std::string resource_id;
  std::string summary_json;  // a JSON object
  std::optional<std::string> auth_method = std::nullopt;
  std::optional<std::string> token_id = std::nullopt;
  std::optional<std::string> session_id = std::nullopt;
};

// A validated list query (newest first).
struct Query {
  std::optional<std::string> resource_type;
  std::optional<std::string> resource_id;  // only together with resource_type
  std::optional<std::string> actor;
  std::optional<int64_t> since;  // ms UTC, inclusive
  int limit = kDefaultPageSize;
  std::string page_token;  // empty = first page
};

using RecordPage = Page<Record>;

}  // namespace cairn::audit
