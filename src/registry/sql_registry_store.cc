#include "registry/sql_registry_store.h"

#include <boost/json.hpp>
#include <cmath>
#include <utility>

#include "audit/audit_writer.h"
#include "common/json.h"
#include "common/json_columns.h"
#include "common/revision.h"
#include "storage/pagination.h"
#include "storage/revision_guard.h"

namespace cairn::registry {
namespace {

namespace bj = boost::json;
using storage::Row;
using storage::Transaction;
using storage::Value;

constexpr char kVersionColumns[] =
    "model_name, version, run_id, description, stage, metrics, params, tags, checklist, "
    "artifact_format, artifact_path, artifact_size_bytes, artifact_sha256, created_by, "
    "updated_by, created_at, updated_at, revision, source, run_link";

bj::value ParseJsonText(const std::string& text) {
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec) return nullptr;  // written by this store; never expected
  return v;
}

using json::DecodeNumberMap;
using json::DecodeStringMap;
using json::EncodeNumberMap;
using json::EncodeStringMap;

const storage::Keyset kOrder("model_versions", {{"created_at", storage::KeyType::kInt},
                                                {"model_name", storage::KeyType::kText},
                                                {"version", storage::KeyType::kInt}});

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
  v.metrics = DecodeNumberMap(row.Text(5));
  v.params = DecodeStringMap(row.Text(6));
  v.tags = DecodeStringMap(row.Text(7));
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
  v.source = row.Text(18);
  v.run_link = row.Text(19);
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

std::string VersionResource(const std::string& model_name, int64_t version) {
  return "model version '" + model_name + "' " + std::to_string(version);
}

// The mutator's window on the update's transaction.
class TxVersionReader final : public VersionReader {
 public:
  explicit TxVersionReader(Transaction& tx) : tx_(tx) {}
  Result<std::vector<ModelVersion>> VersionsInStage(const std::string& model_name,
                                                    Stage stage) override {
    const Value p[] = {model_name, std::string(ToString(stage))};
    ASSIGN_OR_RETURN(auto rows, tx_.Query(std::string("SELECT ") + kVersionColumns +
                                              " FROM model_versions WHERE model_name = ? AND "
                                              "stage = ? ORDER BY version",
                                          p));
    std::vector<ModelVersion> out;
    for (const auto& r : rows) out.push_back(VersionFromRow(r));
    return out;
  }

 private:
  Transaction& tx_;
};

}  // namespace

Result<ModelVersion> SqlRegistryStore::CreateVersion(const ModelVersion& v,
                                                     const audit::Entry& audit, bool create_model) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  if (create_model) {
    const Value m[] = {v.model_name, v.created_at, v.created_at};
    RETURN_IF_ERROR(tx->Exec("INSERT INTO registered_models (name, last_version, created_at, "
                             "updated_at) VALUES (?, 1, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                             "last_version = registered_models.last_version + 1, "
                             "updated_at = excluded.updated_at",
                             m)
                        .status());
  } else {
    // One atomic statement: the counter bump is the existence check.
    const Value m[] = {v.created_at, v.model_name};
    ASSIGN_OR_RETURN(auto changed, tx->Exec("UPDATE registered_models SET last_version = "
                                            "last_version + 1, updated_at = ? WHERE name = ?",
                                            m));
    if (changed == 0) return NotFound("model '" + v.model_name + "' not found");
  }
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
                     EncodeNumberMap(stored.metrics),
                     EncodeStringMap(stored.params),
                     EncodeStringMap(stored.tags),
                     ChecklistToJson(stored.checklist),
                     stored.created_by,
                     stored.updated_by,
                     stored.created_at,
                     stored.updated_at,
                     stored.revision,
                     stored.source,
                     stored.run_link};
  RETURN_IF_ERROR(tx->Exec("INSERT INTO model_versions (model_name, version, run_id, description, "
                           "stage, metrics, params, tags, checklist, created_by, updated_by, "
                           "created_at, updated_at, revision, source, run_link) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           p)
                      .status());
  audit::Entry a = audit;
  a.resource_id = stored.model_name + "/" + std::to_string(stored.version);
  a.summary["version"] = stored.version;
  RETURN_IF_ERROR(audit::AppendInTx(*tx, a));
  RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<Model> SqlRegistryStore::CreateModel(const Model& m, const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {
      m.name,       m.created_at, m.updated_at, m.description, EncodeStringMap(m.tags),
      m.created_by, m.revision};
  ASSIGN_OR_RETURN(auto inserted,
                   tx->Exec("INSERT INTO registered_models (name, last_version, created_at, "
                            "updated_at, description, tags, created_by, revision) "
                            "VALUES (?, 0, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
                            p));
  if (inserted == 0) return AlreadyExists("model '" + m.name + "' already exists");
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  RETURN_IF_ERROR(tx->Commit());
  Model stored = m;
  stored.latest_version = 0;
  return stored;
}

Result<ModelVersion> SqlRegistryStore::GetVersion(const std::string& model_name, int64_t version) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto v, LoadVersion(*tx, model_name, version));
  if (!v) return VersionNotFound(model_name, version);
  return std::move(*v);
}

Status SqlRegistryStore::CheckExists(Transaction& tx, const std::string& model_name,
                                     std::optional<int64_t> version) {
  const Value m[] = {model_name};
  ASSIGN_OR_RETURN(auto model, tx.QueryOne("SELECT 1 FROM registered_models WHERE name = ?", m));
  if (!model) return NotFound("model '" + model_name + "' not found");
  if (!version) return Status::Ok();
  const Value v[] = {model_name, *version};
  ASSIGN_OR_RETURN(
      auto row,
      tx.QueryOne("SELECT 1 FROM model_versions WHERE model_name = ? AND version = ?", v));
  if (!row) return VersionNotFound(model_name, *version);
  return Status::Ok();
}

Result<Model> SqlRegistryStore::GetModel(const std::string& model_name) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {model_name};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT name, last_version, created_at, updated_at, "
                                          "description, tags, created_by, revision "
                                          "FROM registered_models WHERE name = ?",
                                          p));
  if (!row) return NotFound("model '" + model_name + "' not found");
  Model m;
  m.name = row->Text(0);
  m.latest_version = row->Int(1);
  m.created_at = row->Int(2);
  m.updated_at = row->Int(3);
  m.description = row->Text(4);
  m.tags = DecodeStringMap(row->Text(5));
  m.created_by = row->Text(6);
  m.revision = row->Int(7);
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
  RETURN_IF_ERROR(kOrder.AppendAfter(query.page_token, sql, params));
  kOrder.AppendOrderAndLimit(query.limit, sql, params);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  Page<ModelVersion> page;
  for (const auto& row : rows) page.items.push_back(VersionFromRow(row));
  kOrder.FinishPage(page, query.limit, [](const ModelVersion& v) {
    return storage::Keyset::Position{v.created_at, v.model_name, v.version};
  });
  return page;
}

Result<ModelVersion> SqlRegistryStore::UpdateVersion(const std::string& model_name, int64_t version,
                                                     const VersionMutator& mutate) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto current, LoadVersion(*tx, model_name, version));
  if (!current) return VersionNotFound(model_name, version);
  TxVersionReader reader(*tx);
  ASSIGN_OR_RETURN(VersionChange change, mutate(*current, reader));
  if (!change.audit) return std::move(*current);
  const ModelVersion& u = change.updated;
  const audit::Entry& audit = *change.audit;
  for (const RelatedVersionChange& r : change.related) {
    if (r.updated.model_name != model_name || r.updated.version == version)
      return Internal("a related change must name another version of the same model");
    RETURN_IF_ERROR(storage::UpdateWithRevision(
        *tx, {.table = "model_versions",
              .set = "stage = ?, updated_by = ?, updated_at = ?",
              .set_values = {std::string(ToString(r.updated.stage)), r.updated.updated_by,
                             r.updated.updated_at},
              .where = "model_name = ? AND version = ?",
              .where_values = {model_name, r.updated.version},
              .revision = r.read_revision,
              .resource = VersionResource(model_name, r.updated.version)}));
    RETURN_IF_ERROR(audit::AppendInTx(*tx, r.audit));
  }
  Value format = std::monostate{}, path = std::monostate{}, size = std::monostate{},
        sha = std::monostate{};
  if (u.artifact) {
    format = std::string(ToString(u.artifact->format));
    path = u.artifact->path;
    size = u.artifact->size_bytes;
    sha = u.artifact->sha256;
  }
  Status written = storage::UpdateWithRevision(
      *tx, {.table = "model_versions",
            .set = "description = ?, stage = ?, tags = ?, checklist = ?, artifact_format = ?, "
                   "artifact_path = ?, artifact_size_bytes = ?, artifact_sha256 = ?, "
                   "updated_by = ?, updated_at = ?",
            .set_values = {u.description, std::string(ToString(u.stage)), EncodeStringMap(u.tags),
                           ChecklistToJson(u.checklist), format, path, size, sha, u.updated_by,
                           u.updated_at},
            .where = "model_name = ? AND version = ?",
            .where_values = {model_name, version},
            .revision = current->revision,
            .resource = VersionResource(model_name, version)});
  // A unique-index violation (one production version per model) means another promotion of
  // this model committed first: a lost race like any other, never the driver's message.
  if (written.code() == StatusCode::kAlreadyExists)
    return ConcurrentChange("model '" + model_name + "' (promoted concurrently)");
  RETURN_IF_ERROR(written);
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  if (change.before_commit) RETURN_IF_ERROR(change.before_commit());
  RETURN_IF_ERROR(tx->Commit());
  return u;
}

}  // namespace cairn::registry
