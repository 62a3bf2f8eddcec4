#include "registry/sql_registry_store.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <utility>

#include "audit/audit_writer.h"
#include "common/json.h"
#include "tracking/page_token.h"

namespace cairn::registry {
namespace {

namespace bj = boost::json;
using storage::Row;
using storage::Transaction;
using storage::Value;

constexpr char kVersionColumns[] =
    "model_name, version, run_id, description, stage, metrics, params, tags, checklist, "
    "artifact_format, artifact_path, artifact_size_bytes, artifact_sha256, created_by, "
    "updated_by, created_at, updated_at, revision";

bj::value ParseJsonText(const std::string& text) {
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec) return nullptr;  // written by this store; never expected
  return v;
}

std::string StringMapToJson(const StringMap& m) {
  bj::object o;
  for (const auto& [k, v] : m) o.emplace(k, v);
  return ::cairn::json::Serialize(o);
}

StringMap StringMapFromJson(const std::string& text) {
  StringMap out;
  bj::value v = ParseJsonText(text);
  if (!v.is_object()) return out;
  for (const auto& kv : v.get_object())
    if (kv.value().is_string()) out.emplace(kv.key(), kv.value().get_string());
  return out;
}

std::string MetricMapToJson(const MetricMap& m) {
  bj::object o;
  for (const auto& [k, v] : m) o.emplace(k, v);
  return ::cairn::json::Serialize(o);
}

MetricMap MetricMapFromJson(const std::string& text) {
  MetricMap out;
  bj::value v = ParseJsonText(text);
  if (!v.is_object()) return out;
  for (const auto& kv : v.get_object()) {
    if (kv.value().is_number()) out.emplace(kv.key(), kv.value().to_number<double>());
  }
  return out;
}

std::string ChecklistToJson(const std::vector<ChecklistItem>& items) {
  bj::array a;
  for (const auto& i : items) {
    bj::object o;
    o.emplace("key", i.key);
    o.emplace("description", i.description);
    o.emplace("required", i.required);
    o.emplace("done", i.done);
    o.emplace("done_by", i.done_by ? bj::value(*i.done_by) : bj::value(nullptr));
    o.emplace("done_at", i.done_at ? bj::value(*i.done_at) : bj::value(nullptr));
    o.emplace("note", i.note);
    a.emplace_back(std::move(o));
  }
  return ::cairn::json::Serialize(a);
}

std::vector<ChecklistItem> ChecklistFromJson(const std::string& text) {
  std::vector<ChecklistItem> out;
  bj::value v = ParseJsonText(text);
  if (!v.is_array()) return out;
  for (const auto& e : v.get_array()) {
    if (!e.is_object()) continue;
    const auto& o = e.get_object();
    ChecklistItem i;
    auto str = [&](const char* k) -> std::string {
      auto* p = o.if_contains(k);
      return p && p->is_string() ? std::string(p->get_string()) : std::string();
    };
    auto flag = [&](const char* k) {
      auto* p = o.if_contains(k);
      return p && p->is_bool() && p->get_bool();
    };
    i.key = str("key");
    i.description = str("description");
    i.required = flag("required");
    i.done = flag("done");
    if (auto* p = o.if_contains("done_by"); p && p->is_string())
      i.done_by = std::string(p->get_string());
    if (auto* p = o.if_contains("done_at"); p && p->is_int64()) i.done_at = p->get_int64();
    i.note = str("note");
    out.push_back(std::move(i));
  }
  return out;
}

ModelVersion VersionFromRow(const Row& row) {
  ModelVersion v;
  v.model_name = row.Text(0);
  v.version = row.Int(1);
  v.run_id = row.OptText(2);
  v.description = row.Text(3);
  v.stage = ParseStage(row.Text(4)).value_or(Stage::kNone);
  v.metrics = MetricMapFromJson(row.Text(5));
  v.params = StringMapFromJson(row.Text(6));
  v.tags = StringMapFromJson(row.Text(7));
  v.checklist = ChecklistFromJson(row.Text(8));
  if (!row.IsNull(9)) {
    ModelArtifact a;
    a.format = ParseArtifactFormat(row.Text(9)).value_or(ArtifactFormat::kOther);
    a.path = row.Text(10);
    a.size_bytes = row.Int(11);
    a.sha256 = row.Text(12);
    v.artifact = std::move(a);
  }
  v.created_by = row.Text(13);
  v.updated_by = row.Text(14);
  v.created_at = row.Int(15);
  v.updated_at = row.Int(16);
  v.revision = row.Int(17);
  return v;
}

Result<std::optional<ModelVersion>> LoadVersion(Transaction& tx, const std::string& model_name,
                                                int64_t version) {
  const Value p[] = {model_name, version};
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kVersionColumns +
                                             " FROM model_versions WHERE model_name = ? AND "
                                             "version = ?",
                                         p));
  if (!row) return std::optional<ModelVersion>();
  return std::optional<ModelVersion>(VersionFromRow(*row));
}

Status VersionNotFound(const std::string& model_name, int64_t version) {
  return NotFound("model version '" + model_name + "' " + std::to_string(version) + " not found");
}

bool ParseInt(std::string_view s, int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

struct VersionCursor {
  int64_t created_at = 0;
  std::string model_name;
  int64_t version = 0;
};

std::string EncodeCursor(const ModelVersion& v) {
  return tracking::EncodePageToken("mv:" + std::to_string(v.created_at) + "," + v.model_name + "," +
                                   std::to_string(v.version));
}

Result<VersionCursor> DecodeCursor(const std::string& token) {
  Status bad = InvalidArgument("invalid page_token", {{"page_token", "is not a valid page token"}});
  auto text = tracking::DecodePageToken(token);
  if (!text || !text->starts_with("mv:")) return bad;
  std::string_view body = std::string_view(*text).substr(3);
  size_t c1 = body.find(',');
  size_t c2 = body.rfind(',');
  if (c1 == std::string_view::npos || c2 == c1) return bad;
  VersionCursor c;
  c.model_name = std::string(body.substr(c1 + 1, c2 - c1 - 1));
  if (!ParseInt(body.substr(0, c1), c.created_at) || !ParseInt(body.substr(c2 + 1), c.version) ||
      c.model_name.empty())
    return bad;
  return c;
}

}  // namespace

Result<ModelVersion> SqlRegistryStore::CreateVersion(const ModelVersion& v,
                                                     const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value m[] = {v.model_name, v.created_at, v.created_at};
  RETURN_IF_ERROR(tx->Exec("INSERT INTO registered_models (name, last_version, created_at, "
                           "updated_at) VALUES (?, 1, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                           "last_version = registered_models.last_version + 1, "
                           "updated_at = excluded.updated_at",
                           m)
                      .status());
  const Value n[] = {v.model_name};
  ASSIGN_OR_RETURN(auto row,
                   tx->QueryOne("SELECT last_version FROM registered_models WHERE name = ?", n));
  if (!row) return Internal("registered model row vanished inside its transaction");
  ModelVersion stored = v;
  stored.version = row->Int(0);
  const Value p[] = {stored.model_name,
                     stored.version,
                     storage::Nullable(stored.run_id),
                     stored.description,
                     std::string(ToString(stored.stage)),
                     MetricMapToJson(stored.metrics),
                     StringMapToJson(stored.params),
                     StringMapToJson(stored.tags),
                     ChecklistToJson(stored.checklist),
                     stored.created_by,
                     stored.updated_by,
                     stored.created_at,
                     stored.updated_at,
                     stored.revision};
  RETURN_IF_ERROR(tx->Exec("INSERT INTO model_versions (model_name, version, run_id, description, "
                           "stage, metrics, params, tags, checklist, created_by, updated_by, "
                           "created_at, updated_at, revision) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           p)
                      .status());
  audit::Entry a = audit;
  a.resource_id = stored.model_name + "/" + std::to_string(stored.version);
  a.summary["version"] = stored.version;
  RETURN_IF_ERROR(audit::AppendInTx(*tx, a));
  RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<ModelVersion> SqlRegistryStore::GetVersion(const std::string& model_name, int64_t version) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto v, LoadVersion(*tx, model_name, version));
  if (!v) return VersionNotFound(model_name, version);
  return std::move(*v);
}

Result<Model> SqlRegistryStore::GetModel(const std::string& model_name) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {model_name};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT name, last_version, created_at, updated_at "
                                          "FROM registered_models WHERE name = ?",
                                          p));
  if (!row) return NotFound("model '" + model_name + "' not found");
  Model m;
  m.name = row->Text(0);
  m.latest_version = row->Int(1);
  m.created_at = row->Int(2);
  m.updated_at = row->Int(3);
  ASSIGN_OR_RETURN(auto rows, tx->Query(std::string("SELECT ") + kVersionColumns +
                                            " FROM model_versions WHERE model_name = ? "
                                            "ORDER BY version DESC",
                                        p));
  for (const auto& r : rows) {
    m.versions.push_back(VersionFromRow(r));
    if (m.versions.back().stage == Stage::kProduction)
      m.production_version = m.versions.back().version;
  }
  return m;
}

Result<Page<ModelVersion>> SqlRegistryStore::ListVersions(const VersionQuery& query) {
  std::string sql = std::string("SELECT ") + kVersionColumns + " FROM model_versions WHERE 1 = 1";
  std::vector<Value> params;
  if (query.model_name) {
    sql += " AND model_name = ?";
    params.emplace_back(*query.model_name);
  }
  if (query.stage) {
    sql += " AND stage = ?";
    params.emplace_back(std::string(ToString(*query.stage)));
  }
  if (!query.page_token.empty()) {
    ASSIGN_OR_RETURN(VersionCursor c, DecodeCursor(query.page_token));
    sql +=
        " AND (created_at < ? OR (created_at = ? AND (model_name < ? OR (model_name = ? AND "
        "version < ?))))";
    params.emplace_back(c.created_at);
    params.emplace_back(c.created_at);
    params.emplace_back(c.model_name);
    params.emplace_back(c.model_name);
    params.emplace_back(c.version);
  }
  sql += " ORDER BY created_at DESC, model_name DESC, version DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(query.limit) + 1);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  Page<ModelVersion> page;
  for (const auto& row : rows) {
    if (static_cast<int>(page.items.size()) == query.limit) {
      page.next_page_token = EncodeCursor(page.items.back());
      break;
    }
    page.items.push_back(VersionFromRow(row));
  }
  return page;
}

Result<ModelVersion> SqlRegistryStore::UpdateVersion(const std::string& model_name, int64_t version,
                                                     const VersionMutator& mutate) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto current, LoadVersion(*tx, model_name, version));
  if (!current) return VersionNotFound(model_name, version);
  ASSIGN_OR_RETURN(VersionChange change, mutate(*current));
  if (!change.audit) return std::move(*current);
  const ModelVersion& u = change.updated;
  const audit::Entry& audit = *change.audit;
  if (u.stage == Stage::kProduction && current->stage != Stage::kProduction) {
    const Value q[] = {model_name, version};
    ASSIGN_OR_RETURN(auto previous, tx->Query("SELECT version FROM model_versions WHERE "
                                              "model_name = ? AND stage = 'production' AND "
                                              "version <> ?",
                                              q));
    for (const auto& row : previous) {
      const int64_t old = row.Int(0);
      const Value a[] = {audit.actor, audit.at, model_name, old};
      RETURN_IF_ERROR(tx->Exec("UPDATE model_versions SET stage = 'archived', updated_by = ?, "
                               "updated_at = ?, revision = revision + 1 WHERE model_name = ? "
                               "AND version = ?",
                               a)
                          .status());
      RETURN_IF_ERROR(audit::AppendInTx(*tx, audit::Entry{audit.at,
                                                          audit.actor,
                                                          "model_version.archive",
                                                          "model_version",
                                                          model_name + "/" + std::to_string(old),
                                                          {{"from", std::string("production")},
                                                           {"to", std::string("archived")},
                                                           {"replaced_by", version}}}));
    }
  }
  Value format = std::monostate{}, path = std::monostate{}, size = std::monostate{},
        sha = std::monostate{};
  if (u.artifact) {
    format = std::string(ToString(u.artifact->format));
    path = u.artifact->path;
    size = u.artifact->size_bytes;
    sha = u.artifact->sha256;
  }
  const Value p[] = {u.description,
                     std::string(ToString(u.stage)),
                     StringMapToJson(u.tags),
                     ChecklistToJson(u.checklist),
                     format,
                     path,
                     size,
                     sha,
                     u.updated_by,
                     u.updated_at,
                     u.revision,
                     model_name,
                     version,
                     current->revision};
  auto n = tx->Exec(
      "UPDATE model_versions SET description = ?, stage = ?, tags = ?, "
      "checklist = ?, artifact_format = ?, artifact_path = ?, "
      "artifact_size_bytes = ?, artifact_sha256 = ?, updated_by = ?, "
      "updated_at = ?, revision = ? WHERE model_name = ? AND version = ? AND "
      "revision = ?",
      p);
  // A unique-index violation means another promotion of this model committed first.
  if (!n.ok() && n.status().code() == StatusCode::kAlreadyExists)
    return Aborted("model '" + model_name + "' was promoted concurrently; retry");
  if (!n.ok()) return n.status();
  if (*n == 0)
    return Aborted("model version '" + model_name + "' " + std::to_string(version) +
                   " was changed concurrently; retry");
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  if (change.before_commit) RETURN_IF_ERROR(change.before_commit());
  RETURN_IF_ERROR(tx->Commit());
  return u;
}

}  // namespace cairn::registry
