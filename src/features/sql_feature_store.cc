#include "features/sql_feature_store.h"

#include <algorithm>
#include <unordered_map>

#include "audit/audit_writer.h"
#include "features/feature_json.h"
#include "storage/pagination.h"
#include "storage/revision_guard.h"

namespace cairn::features {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;

constexpr size_t kValuesPerStatement = 200;
constexpr size_t kInChunk = 500;

const storage::Keyset kOrder("features", {{"f.created_at", storage::KeyType::kInt},
                                          {"f.name", storage::KeyType::kText}});

// Feature metadata joined with one version: 18 columns.
constexpr char kSelect[] =
    "SELECT f.name, f.entity, f.description, f.owner, f.status, f.latest_version, f.created_by, "
    "f.updated_by, f.created_at, f.updated_at, f.revision, v.version, v.value_type, "
    "v.value_schema, v.source_dataset_id, v.source_column, v.source_transformation, v.changelog, "
    "v.created_by, v.created_at FROM features f JOIN feature_versions v ON v.feature_name = "
    "f.name ";

FeatureVersion VersionFromRow(const Row& r, size_t at, const std::string& name) {
  FeatureVersion v;
  v.name = name;
  v.version = r.Int(at);
  v.value_type = ParseValueType(r.Text(at + 1)).value_or(ValueType::kString);
  v.schema = SchemaFromStoredText(r.Text(at + 2));
  v.source.dataset_id = r.OptText(at + 3);
  v.source.column = r.OptText(at + 4);
  v.source.transformation = r.OptText(at + 5);
  v.changelog = r.Text(at + 6);
  v.created_by = r.Text(at + 7);
  v.created_at = r.Int(at + 8);
  return v;
}

Feature FromRow(const Row& r) {
  Feature f;
  f.name = r.Text(0);
  f.entity = r.Text(1);
  f.description = r.Text(2);
  f.owner = r.Text(3);
  f.status = ParseFeatureStatus(r.Text(4)).value_or(FeatureStatus::kActive);
  f.latest_version = r.Int(5);
  f.created_by = r.Text(6);
  f.updated_by = r.Text(7);
  f.created_at = r.Int(8);
  f.updated_at = r.Int(9);
  f.revision = r.Int(10);
  f.current = VersionFromRow(r, 11, f.name);
  return f;
}

std::string Placeholders(size_t n) {
  std::string s = "(";
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s + ")";
}

Status LoadTags(Transaction& tx, std::vector<Feature*> features) {
  if (features.empty()) return Status::Ok();
  std::vector<Value> names;
  std::unordered_map<std::string, Feature*> by_name;
  for (Feature* f : features) {
    names.emplace_back(f->name);
    by_name[f->name] = f;
  }
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT feature_name, key, value FROM feature_tags WHERE "
                                       "feature_name IN " +
                                           Placeholders(names.size()),
                                       names));
  for (const auto& r : rows) by_name[r.Text(0)]->tags[r.Text(1)] = r.Text(2);
  return Status::Ok();
}

Status InsertVersion(Transaction& tx, const FeatureVersion& v) {
  const Value p[] = {v.name,
                     v.version,
                     std::string(ToString(v.value_type)),
                     SchemaToStoredText(v.schema),
                     storage::Nullable(v.source.dataset_id),
                     storage::Nullable(v.source.column),
                     storage::Nullable(v.source.transformation),
                     v.changelog,
                     v.created_by,
                     v.created_at};
  return tx
      .Exec(
          "INSERT INTO feature_versions (feature_name, version, value_type, value_schema, "
          "source_dataset_id, source_column, source_transformation, changelog, created_by, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          p)
      .status();
}

Status WriteTags(Transaction& tx, const Feature& f, bool replace) {
  if (replace) {
    const Value p[] = {f.name};
    RETURN_IF_ERROR(tx.Exec("DELETE FROM feature_tags WHERE feature_name = ?", p).status());
  }
  for (const auto& [k, v] : f.tags) {
    const Value p[] = {f.name, k, v};
    RETURN_IF_ERROR(
        tx.Exec("INSERT INTO feature_tags (feature_name, key, value) VALUES (?, ?, ?)", p)
            .status());
  }
  return Status::Ok();
}

Result<std::optional<Feature>> LoadLatest(Transaction& tx, const std::string& name) {
  const Value p[] = {name};
  ASSIGN_OR_RETURN(
      auto row,
      tx.QueryOne(std::string(kSelect) + "AND v.version = f.latest_version WHERE f.name = ?", p));
  if (!row) return std::optional<Feature>();
  Feature f = FromRow(*row);
  RETURN_IF_ERROR(LoadTags(tx, {&f}));
  return std::optional<Feature>(std::move(f));
}

std::string LikePattern(const std::string& s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out + "%";
}

}  // namespace

Status SqlFeatureStore::Create(const Feature& f, const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {
      f.name,           f.entity,     f.description, f.owner,      std::string(ToString(f.status)),
      f.latest_version, f.created_by, f.updated_by,  f.created_at, f.updated_at,
      f.revision};
  auto r = tx->Exec(
      "INSERT INTO features (name, entity, description, owner, status, "
      "latest_version, created_by, updated_by, created_at, updated_at, revision) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      p);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kAlreadyExists)
      return AlreadyExists("feature '" + f.name + "' already exists");
    return r.status();
  }
  RETURN_IF_ERROR(WriteTags(*tx, f, false));
  RETURN_IF_ERROR(InsertVersion(*tx, f.current));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<Feature> SqlFeatureStore::Get(const std::string& name, std::optional<int64_t> version) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  if (!version) {
    ASSIGN_OR_RETURN(auto f, LoadLatest(*tx, name));
    if (!f) return NotFound("feature '" + name + "' not found");
    return std::move(*f);
  }
  const Value p[] = {*version, name};
  ASSIGN_OR_RETURN(auto row,
                   tx->QueryOne(std::string(kSelect) + "AND v.version = ? WHERE f.name = ?", p));
  if (!row) {
    ASSIGN_OR_RETURN(auto f, LoadLatest(*tx, name));
    if (!f) return NotFound("feature '" + name + "' not found");
    return NotFound("feature '" + name + "' has no version " + std::to_string(*version));
  }
  Feature f = FromRow(*row);
  RETURN_IF_ERROR(LoadTags(*tx, {&f}));
  return f;
}

Result<FeaturePage> SqlFeatureStore::List(const FeatureQuery& q) {
  std::string sql = std::string(kSelect) + "AND v.version = f.latest_version WHERE 1 = 1";
  std::vector<Value> params;
  if (q.entity) {
    sql += " AND f.entity = ?";
    params.emplace_back(*q.entity);
  }
  if (q.owner) {
    sql += " AND f.owner = ?";
    params.emplace_back(*q.owner);
  }
  if (q.status) {
    sql += " AND f.status = ?";
    params.emplace_back(std::string(ToString(*q.status)));
  }
  if (q.tag_key) {
    sql += " AND EXISTS (SELECT 1 FROM feature_tags t WHERE t.feature_name = f.name AND t.key = ?";
    params.emplace_back(*q.tag_key);
    if (q.tag_value) {
      sql += " AND t.value = ?";
      params.emplace_back(*q.tag_value);
    }
    sql += ")";
  }
  if (q.q) {
    sql += " AND (LOWER(f.name) LIKE ? ESCAPE '\\' OR LOWER(f.description) LIKE ? ESCAPE '\\')";
    params.emplace_back(LikePattern(*q.q));
    params.emplace_back(LikePattern(*q.q));
  }
  RETURN_IF_ERROR(kOrder.AppendAfter(q.page_token, sql, params));
  kOrder.AppendOrderAndLimit(q.limit, sql, params);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  FeaturePage page;
  for (const auto& r : rows) page.items.push_back(FromRow(r));
  kOrder.FinishPage(page, q.limit, [](const Feature& f) {
    return storage::Keyset::Position{f.created_at, f.name};
  });
  std::vector<Feature*> ptrs;
  for (auto& f : page.items) ptrs.push_back(&f);
  RETURN_IF_ERROR(LoadTags(*tx, ptrs));
  return page;
}

Result<std::vector<FeatureVersion>> SqlFeatureStore::Versions(const std::string& name) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {name};
  ASSIGN_OR_RETURN(auto rows,
                   tx->Query("SELECT version, value_type, value_schema, source_dataset_id, "
                             "source_column, source_transformation, changelog, created_by, "
                             "created_at FROM feature_versions WHERE feature_name = ? "
                             "ORDER BY version",
                             p));
  if (rows.empty()) return NotFound("feature '" + name + "' not found");
  std::vector<FeatureVersion> out;
  for (const auto& r : rows) out.push_back(VersionFromRow(r, 0, name));
  return out;
}

Result<Feature> SqlFeatureStore::MutateImpl(const std::string& name, const MutateFn& mutate,
                                            bool add_version) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto loaded, LoadLatest(*tx, name));
  if (!loaded) return NotFound("feature '" + name + "' not found");
  Feature f = std::move(*loaded);
  const int64_t read_revision = f.revision;
  ASSIGN_OR_RETURN(audit::Entry entry, mutate(f));
  // A patch that changes nothing keeps the revision and writes no row (its audit record stays).
  if (f.revision != read_revision) {
    RETURN_IF_ERROR(storage::UpdateWithRevision(
        *tx, {.table = "features",
              .set = "description = ?, owner = ?, status = ?, latest_version = ?, updated_by = ?, "
                     "updated_at = ?",
              .set_values = {f.description, f.owner, std::string(ToString(f.status)),
                             f.latest_version, f.updated_by, f.updated_at},
              .where = "name = ?",
              .where_values = {f.name},
              .revision = read_revision,
              .resource = "feature '" + name + "'"}));
  }
  RETURN_IF_ERROR(WriteTags(*tx, f, true));
  if (add_version) RETURN_IF_ERROR(InsertVersion(*tx, f.current));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, entry));
  RETURN_IF_ERROR(tx->Commit());
  return f;
}

Result<Feature> SqlFeatureStore::Mutate(const std::string& name, const MutateFn& mutate) {
  return MutateImpl(name, mutate, false);
}

Result<Feature> SqlFeatureStore::AddVersion(const std::string& name, const MutateFn& mutate) {
  return MutateImpl(name, mutate, true);
}

Result<std::map<std::string, Feature>> SqlFeatureStore::GetLatestMany(
    const std::vector<std::string>& names) {
  std::map<std::string, Feature> out;
  if (names.empty()) return out;
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  for (size_t at = 0; at < names.size(); at += kInChunk) {
    const size_t n = std::min(kInChunk, names.size() - at);
    std::vector<Value> p(names.begin() + at, names.begin() + at + n);
    ASSIGN_OR_RETURN(auto rows, tx->Query(std::string(kSelect) +
                                              "AND v.version = f.latest_version WHERE f.name IN " +
                                              Placeholders(n),
                                          p));
    for (const auto& r : rows) {
      Feature f = FromRow(r);
      out.emplace(f.name, std::move(f));
    }
  }
  return out;
}

Result<std::vector<std::string>> SqlFeatureStore::FeaturesUsingDataset(
    const std::string& dataset_id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {dataset_id};
  ASSIGN_OR_RETURN(auto rows,
                   tx->Query("SELECT f.name FROM features f JOIN feature_versions v ON "
                             "v.feature_name = f.name AND v.version = f.latest_version WHERE "
                             "v.source_dataset_id = ? AND f.status <> 'archived' ORDER BY f.name",
                             p));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

Status SqlFeatureStore::WriteValues(const std::vector<StoredValue>& values,
                                    const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const int64_t written_at = audit.at;
  // Online rows: the last value with the greatest event_time per (feature, key) of this write.
  std::unordered_map<std::string, size_t> online_index;
  std::vector<size_t> online;
  for (size_t i = 0; i < values.size(); ++i) {
    std::string k = values[i].feature;
    k.push_back('\0');
    k += values[i].entity_key;
    auto [it, fresh] = online_index.emplace(std::move(k), online.size());
    if (fresh) {
      online.push_back(i);
    } else if (values[i].event_time >= values[online[it->second]].event_time) {
      online[it->second] = i;
    }
  }
  // One row per (feature, key, event_time): the last one wins (PostgreSQL refuses to upsert the
  // same row twice in one statement).
  std::unordered_map<std::string, size_t> last;
  for (size_t i = 0; i < values.size(); ++i) {
    std::string k = values[i].feature;
    k.push_back('\0');
    k += values[i].entity_key;
    k.push_back('\0');
    k += std::to_string(values[i].event_time);
    last[std::move(k)] = i;
  }
  std::vector<size_t> unique;
  unique.reserve(last.size());
  for (const auto& [k, i] : last) unique.push_back(i);
  std::sort(unique.begin(), unique.end());
  std::vector<Value> p;
  for (size_t at = 0; at < unique.size(); at += kValuesPerStatement) {
    const size_t n = std::min(kValuesPerStatement, unique.size() - at);
    std::string sql =
        "INSERT INTO feature_values (feature_name, entity_key, event_time, value, written_at) "
        "VALUES ";
    p.clear();
    for (size_t i = 0; i < n; ++i) {
      const StoredValue& v = values[unique[at + i]];
      sql += i ? ", (?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?)";
      p.emplace_back(v.feature);
      p.emplace_back(v.entity_key);
      p.emplace_back(v.event_time);
      p.emplace_back(EncodeStoredValue(v.value));
      p.emplace_back(written_at);
    }
    sql +=
        " ON CONFLICT (feature_name, entity_key, event_time) DO UPDATE SET value = "
        "excluded.value, written_at = excluded.written_at";
    RETURN_IF_ERROR(tx->Exec(sql, p).status());
  }
  for (size_t at = 0; at < online.size(); at += kValuesPerStatement) {
    const size_t n = std::min(kValuesPerStatement, online.size() - at);
    std::string sql =
        "INSERT INTO feature_online (feature_name, entity_key, event_time, value) VALUES ";
    p.clear();
    for (size_t i = 0; i < n; ++i) {
      const StoredValue& v = values[online[at + i]];
      sql += i ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)";
      p.emplace_back(v.feature);
      p.emplace_back(v.entity_key);
      p.emplace_back(v.event_time);
      p.emplace_back(EncodeStoredValue(v.value));
    }
    sql +=
        " ON CONFLICT (feature_name, entity_key) DO UPDATE SET event_time = "
        "excluded.event_time, value = excluded.value WHERE excluded.event_time >= "
        "feature_online.event_time";
    RETURN_IF_ERROR(tx->Exec(sql, p).status());
  }
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<std::vector<std::vector<Cell>>> SqlFeatureStore::Online(
    const std::vector<std::string>& features, const std::vector<std::string>& keys) {
  std::vector<std::vector<Cell>> out(features.size(), std::vector<Cell>(keys.size()));
  if (features.empty() || keys.empty()) return out;
  std::unordered_map<std::string, size_t> fi, ki;
  for (size_t i = 0; i < features.size(); ++i) fi.emplace(features[i], i);
  std::vector<Value> p;
  for (const auto& f : features) p.emplace_back(f);
  const size_t nf = p.size();
  for (size_t i = 0; i < keys.size(); ++i) ki.emplace(keys[i], i);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  for (size_t at = 0; at < keys.size(); at += kInChunk) {
    const size_t n = std::min(kInChunk, keys.size() - at);
    p.resize(nf);
    for (size_t i = 0; i < n; ++i) p.emplace_back(keys[at + i]);
    ASSIGN_OR_RETURN(auto rows,
                     tx->Query("SELECT feature_name, entity_key, event_time, value "
                               "FROM feature_online WHERE feature_name IN " +
                                   Placeholders(nf) + " AND entity_key IN " + Placeholders(n),
                               p));
    for (const auto& r : rows) {
      auto f = fi.find(r.Text(0));
      auto k = ki.find(r.Text(1));
      if (f == fi.end() || k == ki.end()) continue;
      Cell& c = out[f->second][k->second];
      c.event_time = r.Int(2);
      c.value = DecodeStoredValue(r.Text(3));
    }
  }
  return out;
}

Result<std::vector<HistoryPoint>> SqlFeatureStore::History(const std::string& feature,
                                                           const std::vector<std::string>& keys,
                                                           int64_t max_time) {
  std::vector<HistoryPoint> out;
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  std::vector<Value> p;
  for (size_t at = 0; at < keys.size(); at += kInChunk) {
    const size_t n = std::min(kInChunk, keys.size() - at);
    p.clear();
    p.emplace_back(feature);
    for (size_t i = 0; i < n; ++i) p.emplace_back(keys[at + i]);
    p.emplace_back(max_time);
    ASSIGN_OR_RETURN(
        auto rows,
        tx->Query("SELECT entity_key, event_time, value FROM feature_values WHERE "
                  "feature_name = ? AND entity_key IN " +
                      Placeholders(n) + " AND event_time <= ? ORDER BY entity_key, event_time",
                  p));
    for (auto& r : rows)
      out.push_back(HistoryPoint{r.Text(0), r.Int(1), DecodeStoredValue(r.Text(2))});
  }
  return out;
}

}  // namespace cairn::features
