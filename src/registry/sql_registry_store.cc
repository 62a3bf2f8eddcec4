#include "registry/sql_registry_store.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "audit/audit_writer.h"
#include "common/ids.h"
#include "common/json.h"
#include "common/json_columns.h"
#include "common/like.h"
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
                                             "version = ? AND deleted_at IS NULL",
                                         p));
  if (!row) return std::optional<ModelVersion>();
  ModelVersion v = VersionFromRow(*row);
  ASSIGN_OR_RETURN(auto aliases, tx.Query("SELECT alias FROM model_aliases WHERE model_name = ? "
                                          "AND version = ? ORDER BY alias",
                                          p));
  for (const auto& a : aliases) v.aliases.push_back(a.Text(0));
  return std::optional<ModelVersion>(std::move(v));
}

// The aliases of a model, alias -> version.
Result<std::map<std::string, int64_t>> LoadAliases(Transaction& tx, const std::string& model_name) {
  const Value p[] = {model_name};
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT alias, version FROM model_aliases WHERE "
                                       "model_name = ? ORDER BY alias",
                                       p));
  std::map<std::string, int64_t> out;
  for (const auto& r : rows) out[r.Text(0)] = r.Int(1);
  return out;
}

// Each version's aliases from the model's alias map (sorted by alias).
void AttachAliases(const std::map<std::string, int64_t>& aliases, ModelVersion& v) {
  for (const auto& [alias, version] : aliases)
    if (version == v.version) v.aliases.push_back(alias);
}

// The model (not deleted) with its versions (not deleted, newest first) and aliases.
Result<std::optional<Model>> LoadModel(Transaction& tx, const std::string& model_name) {
  const Value p[] = {model_name};
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT name, last_version, created_at, updated_at, "
                                         "description, tags, created_by, revision "
                                         "FROM registered_models WHERE name = ? AND "
                                         "deleted_at IS NULL",
                                         p));
  if (!row) return std::optional<Model>();
  Model m;
  m.name = row->Text(0);
  m.latest_version = row->Int(1);
  m.created_at = row->Int(2);
  m.updated_at = row->Int(3);
  m.description = row->Text(4);
  m.tags = DecodeStringMap(row->Text(5));
  m.created_by = row->Text(6);
  m.revision = row->Int(7);
  ASSIGN_OR_RETURN(m.aliases, LoadAliases(tx, model_name));
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kVersionColumns +
                                           " FROM model_versions WHERE model_name = ? AND "
                                           "deleted_at IS NULL ORDER BY version DESC",
                                       p));
  for (const auto& r : rows) {
    m.versions.push_back(VersionFromRow(r));
    AttachAliases(m.aliases, m.versions.back());
    if (m.versions.back().stage == Stage::kProduction)
      m.production_version = m.versions.back().version;
  }
  return std::optional<Model>(std::move(m));
}

Status ModelNotFound(const std::string& model_name) {
  return NotFound("model '" + model_name + "' not found");
}

// Locks the registered model's row (bumping its revision; with `now`, also its updated_at):
// alias writes, renames and deletes of one model serialize here. Errors: NotFound.
Status LockModel(Transaction& tx, const std::string& model_name, std::optional<int64_t> now) {
  std::vector<Value> extra;
  if (now) extra.emplace_back(*now);
  ASSIGN_OR_RETURN(bool found, storage::TouchRevision(
                                   tx, "registered_models", "name = ? AND deleted_at IS NULL",
                                   {model_name}, now ? "updated_at = ?" : "", std::move(extra)));
  if (!found) return ModelNotFound(model_name);
  return Status::Ok();
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
                                              "stage = ? AND deleted_at IS NULL ORDER BY version",
                                          p));
    std::vector<ModelVersion> out;
    for (const auto& r : rows) out.push_back(VersionFromRow(r));
    return out;
  }

 private:
  Transaction& tx_;
};

// --- MLflow's registry searches ---

constexpr char kModelColumns[] =
    "name, last_version, created_at, updated_at, description, tags, created_by, revision";

Model ModelFromRow(const Row& row) {
  Model m;
  m.name = row.Text(0);
  m.latest_version = row.Int(1);
  m.created_at = row.Int(2);
  m.updated_at = row.Int(3);
  m.description = row.Text(4);
  m.tags = DecodeStringMap(row.Text(5));
  m.created_by = row.Text(6);
  m.revision = row.Int(7);
  return m;
}

// A registered model that is not (soft-)deleted.
Result<std::optional<Model>> LoadModelRow(Transaction& tx, const std::string& name) {
  const Value p[] = {name};
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kModelColumns +
                                             " FROM registered_models WHERE name = ? AND "
                                             "deleted_at IS NULL",
                                         p));
  if (!row) return std::optional<Model>();
  return std::optional<Model>(ModelFromRow(*row));
}

// `<column> <op> ?` for the text comparators of MLflow's registry filters: LIKE with an explicit
// escape character and ILIKE as a LIKE of lower-cased text (the same on both backends).
std::string TextCondition(const std::string& column, const std::string& op, const std::string& v,
                          std::vector<Value>& params) {
  params.emplace_back(v);
  if (op == "LIKE") return column + " LIKE ? ESCAPE '\\'";
  if (op == "ILIKE") return "LOWER(" + column + ") LIKE LOWER(?) ESCAPE '\\'";
  if (op == "!=") return column + " <> ?";
  return column + " = ?";
}

// A tag clause over the decoded tags: a missing tag matches nothing, even `!=` (MLflow joins
// the tag rows).
bool TagMatches(const std::string& op, const std::string& key, const std::string& want,
                const StringMap& tags) {
  auto it = tags.find(key);
  if (it == tags.end()) return false;
  if (op == "=") return it->second == want;
  if (op == "!=") return it->second != want;
  if (op == "LIKE") return LikeMatch(it->second, want);
  if (op == "ILIKE") return LikeMatch(it->second, want, /*ignore_case=*/true);
  return false;
}

// The version-number condition for a numeric value, exact for a fractional one (version < 2.5
// is version < 3; version = 2.5 matches nothing).
std::string VersionCondition(const std::string& op, double d, std::vector<Value>& params) {
  if (std::isnan(d)) return "1 = 0";
  constexpr double kBound = 4.0e18;
  d = std::clamp(d, -kBound, kBound);
  const bool integral = d == std::floor(d);
  auto bind = [&](double x) { params.emplace_back(static_cast<int64_t>(x)); };
  if (op == "=") {
    if (!integral) return "1 = 0";
    bind(d);
    return "version = ?";
  }
  if (op == "!=") {
    if (!integral) return "1 = 1";
    bind(d);
    return "version <> ?";
  }
  if (op == "<" || op == ">=") {
    bind(std::ceil(d));
    return "version " + op + " ?";
  }
  if (op == "<=" || op == ">") {
    bind(std::floor(d));
    return "version " + op + " ?";
  }
  return "1 = 0";
}

// The condition of one version clause ("" for tag clauses, matched after the query).
std::string VersionClauseSql(const VersionSearchClause& c, std::vector<Value>& params) {
  using F = VersionSearchClause::Field;
  switch (c.field) {
    case F::kTag:
      return "";
    case F::kVersion:
      return VersionCondition(c.op,
                              std::holds_alternative<double>(c.value)
                                  ? std::get<double>(c.value)
                                  : std::numeric_limits<double>::quiet_NaN(),
                              params);
    case F::kName:
    case F::kSource:
    case F::kRunId:
      break;
  }
  // MLflow's run id is Cairn's UUID without the dashes. `=` and IN compare the dashed form, so
  // that the run_id index serves them; a value that is not 32 lowercase hex digits names no run.
  if (c.field == F::kRunId && (c.op == "=" || c.op == "IN")) {
    std::vector<std::string> values;
    if (const auto* list = std::get_if<std::vector<std::string>>(&c.value)) values = *list;
    if (const auto* text = std::get_if<std::string>(&c.value)) values.push_back(*text);
    std::string sql;
    for (const std::string& v : values) {
      auto dashed = v.size() == 32 ? CanonicalUuid(v) : std::nullopt;
      if (!dashed) continue;
      sql += sql.empty() ? "run_id IN (?" : ", ?";
      params.emplace_back(*dashed);
    }
    return sql.empty() ? "1 = 0" : sql + ")";
  }
  const std::string column = c.field == F::kName     ? "model_name"
                             : c.field == F::kSource ? "source"
                                                     : "REPLACE(run_id, '-', '')";
  if (const auto* list = std::get_if<std::vector<std::string>>(&c.value)) {
    if (list->empty()) return "1 = 0";
    std::string sql = column + " IN (";
    for (size_t i = 0; i < list->size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
      params.emplace_back((*list)[i]);
    }
    return sql + ")";
  }
  if (const auto* text = std::get_if<std::string>(&c.value))
    return TextCondition(column, c.op, *text, params);
  return "1 = 0";
}

// Rows filtered after the query (tag clauses): skip `offset`, keep `limit`, say whether more
// follow.
template <typename T>
SearchPage<T> PageOf(std::vector<T> items, int64_t offset, int limit) {
  SearchPage<T> page;
  const auto skip =
      static_cast<size_t>(std::clamp<int64_t>(offset, 0, static_cast<int64_t>(items.size())));
  items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(skip));
  if (items.size() > static_cast<size_t>(limit)) {
    items.resize(static_cast<size_t>(limit));
    page.has_more = true;
  }
  page.items = std::move(items);
  return page;
}

}  // namespace

Result<ModelVersion> SqlRegistryStore::CreateVersion(const ModelVersion& v,
                                                     const audit::Entry& audit, bool create_model) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  if (create_model) {
    const Value m[] = {v.model_name, v.created_at, v.created_at};
    RETURN_IF_ERROR(tx->Exec("INSERT INTO registered_models (name, last_version, created_at, "
                             "updated_at) VALUES (?, 1, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                             "last_version = registered_models.last_version + 1, "
                             "updated_at = excluded.updated_at, deleted_at = NULL",
                             m)
                        .status());
  } else {
    // One atomic statement: the counter bump is the existence check.
    const Value m[] = {v.created_at, v.model_name};
    ASSIGN_OR_RETURN(auto changed, tx->Exec("UPDATE registered_models SET last_version = "
                                            "last_version + 1, updated_at = ? WHERE name = ? "
                                            "AND deleted_at IS NULL",
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
                            "VALUES (?, 0, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                            "created_at = excluded.created_at, updated_at = excluded.updated_at, "
                            "description = excluded.description, tags = excluded.tags, "
                            "created_by = excluded.created_by, "
                            "revision = registered_models.revision + 1, deleted_at = NULL "
                            "WHERE registered_models.deleted_at IS NOT NULL",
                            p));
  // A deleted model's row comes back (its version counter kept: numbers are never reused).
  if (inserted == 0) return AlreadyExists("model '" + m.name + "' already exists");
  ASSIGN_OR_RETURN(auto stored, LoadModel(*tx, m.name));
  if (!stored) return Internal("registered model row vanished inside its transaction");
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  RETURN_IF_ERROR(tx->Commit());
  return std::move(*stored);
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
  ASSIGN_OR_RETURN(
      auto model,
      tx.QueryOne("SELECT 1 FROM registered_models WHERE name = ? AND deleted_at IS NULL", m));
  if (!model) return NotFound("model '" + model_name + "' not found");
  if (!version) return Status::Ok();
  const Value v[] = {model_name, *version};
  ASSIGN_OR_RETURN(
      auto row, tx.QueryOne("SELECT 1 FROM model_versions WHERE model_name = ? AND version = ? AND "
                            "deleted_at IS NULL",
                            v));
  if (!row) return VersionNotFound(model_name, *version);
  return Status::Ok();
}

Result<Model> SqlRegistryStore::GetModel(const std::string& model_name) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto m, LoadModel(*tx, model_name));
  if (!m) return ModelNotFound(model_name);
  return std::move(*m);
}

Result<Page<ModelVersion>> SqlRegistryStore::ListVersions(const VersionQuery& query) {
  std::string sql =
      std::string("SELECT ") + kVersionColumns + " FROM model_versions WHERE deleted_at IS NULL";
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
  // The aliases of the page's models, one query.
  std::set<std::string> names;
  for (const auto& v : page.items) names.insert(v.model_name);
  if (!names.empty()) {
    std::string in;
    std::vector<Value> name_params;
    for (const auto& n : names) {
      in += in.empty() ? "?" : ", ?";
      name_params.emplace_back(n);
    }
    ASSIGN_OR_RETURN(auto alias_rows,
                     tx->Query("SELECT model_name, alias, version FROM model_aliases WHERE "
                               "model_name IN (" +
                                   in + ") ORDER BY model_name, alias",
                               name_params));
    std::map<std::pair<std::string, int64_t>, std::vector<std::string>> by_version;
    for (const auto& r : alias_rows) by_version[{r.Text(0), r.Int(2)}].push_back(r.Text(1));
    for (auto& v : page.items) {
      if (auto it = by_version.find({v.model_name, v.version}); it != by_version.end())
        v.aliases = it->second;
    }
  }
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

Result<Model> SqlRegistryStore::UpdateModel(const std::string& model_name,
                                            const ModelMutator& mutate) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto current, LoadModelRow(*tx, model_name));
  if (!current) return NotFound("model '" + model_name + "' not found");
  ASSIGN_OR_RETURN(ModelChange change, mutate(*current));
  if (!change.audit) return std::move(*current);
  const Model& u = change.updated;
  const std::string resource = "model '" + model_name + "'";
  RETURN_IF_ERROR(storage::UpdateWithRevision(
      *tx, {.table = "registered_models",
            .set = "description = ?, tags = ?, updated_at = ?",
            .set_values = {u.description, EncodeStringMap(u.tags), u.updated_at},
            .where = "name = ?",
            .where_values = {model_name},
            .revision = current->revision,
            .resource = resource}));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, *change.audit));
  RETURN_IF_ERROR(tx->Commit());
  Model stored = u;
  stored.revision = current->revision + 1;
  return stored;
}

Result<SearchPage<Model>> SqlRegistryStore::SearchModels(const ModelSearch& search) {
  std::string sql =
      std::string("SELECT ") + kModelColumns + " FROM registered_models WHERE deleted_at IS NULL";
  std::vector<Value> params;
  std::vector<const ModelSearchClause*> tag_clauses;
  for (const ModelSearchClause& c : search.filter) {
    if (c.field == ModelSearchClause::Field::kTag) {
      tag_clauses.push_back(&c);
    } else {
      sql += " AND " + TextCondition("name", c.op, c.value, params);
    }
  }
  std::string order;
  bool by_name = false;
  for (const ModelSearchOrder& k : search.order_by) {
    order += order.empty() ? "" : ", ";
    order += k.field == ModelSearchOrder::Field::kName ? "name" : "updated_at";
    order += k.descending ? " DESC" : " ASC";
    by_name = by_name || k.field == ModelSearchOrder::Field::kName;
  }
  if (!by_name) order += order.empty() ? "name ASC" : ", name ASC";
  sql += " ORDER BY " + order;
  if (tag_clauses.empty()) {
    sql += " LIMIT ? OFFSET ?";
    params.emplace_back(static_cast<int64_t>(search.limit) + 1);
    params.emplace_back(search.offset);
  }
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  std::vector<Model> models;
  for (const auto& row : rows) {
    Model m = ModelFromRow(row);
    const bool keep = std::all_of(tag_clauses.begin(), tag_clauses.end(), [&](const auto* c) {
      return TagMatches(c->op, c->key, c->value, m.tags);
    });
    if (keep) models.push_back(std::move(m));
  }
  SearchPage<Model> page =
      PageOf(std::move(models), tag_clauses.empty() ? 0 : search.offset, search.limit);
  if (page.items.empty()) return page;
  // The newest non-deleted version of each stage of the page's models, in one query.
  std::string vsql = std::string("SELECT ") + kVersionColumns +
                     " FROM model_versions v WHERE v.deleted_at IS NULL AND v.model_name IN (";
  std::vector<Value> vparams;
  for (size_t i = 0; i < page.items.size(); ++i) {
    vsql += i == 0 ? "?" : ", ?";
    vparams.emplace_back(page.items[i].name);
  }
  vsql +=
      ") AND v.version = (SELECT MAX(w.version) FROM model_versions w WHERE w.model_name = "
      "v.model_name AND w.stage = v.stage AND w.deleted_at IS NULL) ORDER BY v.model_name, "
      "v.version";
  ASSIGN_OR_RETURN(auto vrows, tx->Query(vsql, vparams));
  std::map<std::string, Model*> by_model;
  for (Model& m : page.items) by_model[m.name] = &m;
  for (const auto& r : vrows) {
    ModelVersion v = VersionFromRow(r);
    auto it = by_model.find(v.model_name);
    if (it == by_model.end()) continue;
    if (v.stage == Stage::kProduction) it->second->production_version = v.version;
    it->second->versions.push_back(std::move(v));
  }
  return page;
}

Result<SearchPage<ModelVersion>> SqlRegistryStore::SearchVersions(const VersionSearch& search) {
  std::string sql =
      std::string("SELECT ") + kVersionColumns + " FROM model_versions WHERE deleted_at IS NULL";
  std::vector<Value> params;
  std::vector<const VersionSearchClause*> tag_clauses;
  for (const VersionSearchClause& c : search.filter) {
    std::string cond = VersionClauseSql(c, params);
    if (cond.empty()) {
      tag_clauses.push_back(&c);
    } else {
      sql += " AND " + cond;
    }
  }
  using F = VersionSearchOrder::Field;
  std::vector<VersionSearchOrder> keys = search.order_by;
  if (keys.empty()) keys.push_back({F::kLastUpdated, true});
  std::string order;
  bool by_name = false, by_version = false;
  for (const VersionSearchOrder& k : keys) {
    order += order.empty() ? "" : ", ";
    switch (k.field) {
      case F::kName:
        order += "model_name";
        by_name = true;
        break;
      case F::kVersion:
        order += "version";
        by_version = true;
        break;
      case F::kCreated:
        order += "created_at";
        break;
      case F::kLastUpdated:
        order += "updated_at";
        break;
    }
    order += k.descending ? " DESC" : " ASC";
  }
  if (!by_name) order += ", model_name ASC";
  if (!by_version) order += ", version DESC";
  sql += " ORDER BY " + order;
  if (tag_clauses.empty()) {
    sql += " LIMIT ? OFFSET ?";
    params.emplace_back(static_cast<int64_t>(search.limit) + 1);
    params.emplace_back(search.offset);
  }
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  std::vector<ModelVersion> versions;
  for (const auto& row : rows) {
    ModelVersion v = VersionFromRow(row);
    const bool keep = std::all_of(tag_clauses.begin(), tag_clauses.end(), [&](const auto* c) {
      const auto* want = std::get_if<std::string>(&c->value);
      return want != nullptr && TagMatches(c->op, c->key, *want, v.tags);
    });
    if (keep) versions.push_back(std::move(v));
  }
  return PageOf(std::move(versions), tag_clauses.empty() ? 0 : search.offset, search.limit);
}

Result<ModelVersion> SqlRegistryStore::SetAlias(const std::string& model_name,
                                                const std::string& alias, int64_t version,
                                                const std::string& actor, int64_t now,
                                                const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  RETURN_IF_ERROR(LockModel(*tx, model_name, std::nullopt));
  ASSIGN_OR_RETURN(auto current, LoadVersion(*tx, model_name, version));
  if (!current) return VersionNotFound(model_name, version);
  // One statement: a new alias is inserted, an existing one moves to the version.
  const Value p[] = {model_name, alias, version, actor, now};
  RETURN_IF_ERROR(tx->Exec("INSERT INTO model_aliases (model_name, alias, version, created_by, "
                           "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (model_name, alias) "
                           "DO UPDATE SET version = excluded.version, "
                           "created_by = excluded.created_by, created_at = excluded.created_at",
                           p)
                      .status());
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  ASSIGN_OR_RETURN(auto stored, LoadVersion(*tx, model_name, version));
  if (!stored) return Internal("model version row vanished inside its transaction");
  RETURN_IF_ERROR(tx->Commit());
  return std::move(*stored);
}

Result<bool> SqlRegistryStore::DeleteAlias(const std::string& model_name, const std::string& alias,
                                           const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  RETURN_IF_ERROR(LockModel(*tx, model_name, std::nullopt));
  const Value p[] = {model_name, alias};
  ASSIGN_OR_RETURN(auto removed,
                   tx->Exec("DELETE FROM model_aliases WHERE model_name = ? AND alias = ?", p));
  if (removed > 0) RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  RETURN_IF_ERROR(tx->Commit());
  return removed > 0;
}

Result<ModelVersion> SqlRegistryStore::GetVersionByAlias(const std::string& model_name,
                                                         const std::string& alias) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {model_name, alias};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT a.version FROM model_aliases a JOIN "
                                          "registered_models m ON m.name = a.model_name WHERE "
                                          "a.model_name = ? AND a.alias = ? AND "
                                          "m.deleted_at IS NULL",
                                          p));
  if (!row) return NotFound("alias '" + alias + "' of model '" + model_name + "' not found");
  ASSIGN_OR_RETURN(auto v, LoadVersion(*tx, model_name, row->Int(0)));
  if (!v) return NotFound("alias '" + alias + "' of model '" + model_name + "' not found");
  return std::move(*v);
}

Result<Model> SqlRegistryStore::RenameModel(const std::string& model_name,
                                            const std::string& new_name, int64_t now,
                                            const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto current, LoadModel(*tx, model_name));
  if (!current) return ModelNotFound(model_name);
  const Value n[] = {new_name};
  ASSIGN_OR_RETURN(auto taken, tx->QueryOne("SELECT 1 FROM registered_models WHERE name = ?", n));
  if (taken) return AlreadyExists("model '" + new_name + "' already exists");
  // The versions and their aliases follow through ON UPDATE CASCADE.
  const std::string resource = "model '" + model_name + "'";
  Status written = storage::UpdateWithRevision(*tx, {.table = "registered_models",
                                                     .set = "name = ?, updated_at = ?",
                                                     .set_values = {new_name, now},
                                                     .where = "name = ? AND deleted_at IS NULL",
                                                     .where_values = {model_name},
                                                     .revision = current->revision,
                                                     .resource = resource});
  // A unique violation: the name was taken by a concurrent create or rename.
  if (written.code() == StatusCode::kAlreadyExists)
    return AlreadyExists("model '" + new_name + "' already exists");
  RETURN_IF_ERROR(written);
  const Value t[] = {now, new_name};
  RETURN_IF_ERROR(tx->Exec("UPDATE model_versions SET updated_at = ? WHERE model_name = ? AND "
                           "deleted_at IS NULL",
                           t)
                      .status());
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  ASSIGN_OR_RETURN(auto renamed, LoadModel(*tx, new_name));
  if (!renamed) return Internal("renamed model row vanished inside its transaction");
  RETURN_IF_ERROR(tx->Commit());
  return std::move(*renamed);
}

Status SqlRegistryStore::DeleteModel(const std::string& model_name, int64_t now,
                                     const std::function<Status(const Model&)>& check,
                                     const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  RETURN_IF_ERROR(LockModel(*tx, model_name, now));
  ASSIGN_OR_RETURN(auto current, LoadModel(*tx, model_name));
  if (!current) return ModelNotFound(model_name);
  RETURN_IF_ERROR(check(*current));
  const Value m[] = {model_name};
  RETURN_IF_ERROR(tx->Exec("DELETE FROM model_aliases WHERE model_name = ?", m).status());
  const Value v[] = {now, now, model_name};
  RETURN_IF_ERROR(tx->Exec("UPDATE model_versions SET deleted_at = ?, updated_at = ?, "
                           "revision = revision + 1 WHERE model_name = ? AND deleted_at IS NULL",
                           v)
                      .status());
  const Value d[] = {now, model_name};
  RETURN_IF_ERROR(
      tx->Exec("UPDATE registered_models SET deleted_at = ? WHERE name = ?", d).status());
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Status SqlRegistryStore::DeleteVersion(const std::string& model_name, int64_t version, int64_t now,
                                       const std::function<Status(const ModelVersion&)>& check,
                                       const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  Status locked = LockModel(*tx, model_name, now);
  if (locked.code() == StatusCode::kNotFound) return VersionNotFound(model_name, version);
  RETURN_IF_ERROR(locked);
  ASSIGN_OR_RETURN(auto current, LoadVersion(*tx, model_name, version));
  if (!current) return VersionNotFound(model_name, version);
  RETURN_IF_ERROR(check(*current));
  const Value p[] = {model_name, version};
  RETURN_IF_ERROR(
      tx->Exec("DELETE FROM model_aliases WHERE model_name = ? AND version = ?", p).status());
  RETURN_IF_ERROR(storage::UpdateWithRevision(
      *tx, {.table = "model_versions",
            .set = "deleted_at = ?, updated_at = ?",
            .set_values = {now, now},
            .where = "model_name = ? AND version = ? AND deleted_at IS NULL",
            .where_values = {model_name, version},
            .revision = current->revision,
            .resource = VersionResource(model_name, version)}));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

}  // namespace cairn::registry
