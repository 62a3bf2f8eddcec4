// Replays a recording over HTTP with the shared test client.
#include "common/json.h"
#include "support/http_client.h"
#include "tests/mlflow/contract/contract.h"

namespace cairn::mlflow::contract {

ReplayReport Replay(const Recording& recording, const std::string& host, uint16_t port,
                    const std::map<std::string, Override>& overrides) {
  ReplayReport report;
  Bindings bindings;
  test::HttpClient client(host, port);
  for (const Exchange& ex : recording.exchanges) {
    ++report.exchanges;
    std::vector<std::string> diffs;
    auto path = bindings.ExpandString(ex.request.path);
    auto query = bindings.ExpandString(ex.request.query);
    std::string body;
    bool ok = path.ok() && query.ok();
    if (ok && ex.request.json) {
      auto expanded = bindings.ExpandJson(*ex.request.json);
      ok = expanded.ok();
      if (ok) body = json::Serialize(*expanded);
    } else if (ok && ex.request.text) {
      auto expanded = bindings.ExpandString(*ex.request.text);
      ok = expanded.ok();
      if (ok) body = *expanded;
    } else if (ex.request.bytes) {
      body = *ex.request.bytes;
    }
    if (!ok) {
      report.failures.push_back({ex.name, {"request template: unbound variable"}});
      continue;
    }
    std::string target = *path;
    if (!query->empty()) target += "?" + *query;
    auto headers = ex.request.headers;
    if (!body.empty() && !ex.request.json && headers.empty()) {
      headers.emplace_back("Content-Type", "application/octet-stream");
    }
    auto reply = client.Request(ex.request.method, target, body, headers);
    if (!reply.ok()) {
      report.failures.push_back({ex.name, {"transport: " + reply.status().ToString()}});
      client.Disconnect();
      continue;
    }
    Reply r{reply->status, reply->Header("Content-Type"), reply->body};
    auto it = overrides.find(ex.name);
    diffs = MatchReply(ex, r, bindings, it == overrides.end() ? nullptr : &it->second);
    if (!diffs.empty()) report.failures.push_back({ex.name, std::move(diffs)});
  }
  return report;
}

}  // namespace cairn::mlflow::contract
