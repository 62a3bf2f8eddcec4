#include "datasets/sql_dataset_store.h"

#include <boost/json.hpp>

#include "audit/audit_writer.h"
#include "common/json.h"
#include "common/json_columns.h"
#include "datasets/dataset_json.h"
#include "storage/pagination.h"
#include "storage/revision_guard.h"

namespace cairn::datasets {
namespace {

namespace bj = boost::json;
using storage::Row;
using storage::Value;

constexpr char kColumns[] =
    "id, name, description, source_type, table_name, columns, row_count, size_bytes, "
    "stored_bytes, sha256, tags, created_by, created_at, updated_at, revision";

std::string ColumnsToText(const std::vector<std::pair<std::string, ColumnType>>& cols) {
  bj::array a;
  for (const auto& [n, t] : cols) a.push_back(bj::array{bj::string(n), bj::string(ToString(t))});
  return ::cairn::json::Serialize(a);
}

std::vector<std::pair<std::string, ColumnType>> ColumnsFromText(const std::string& text) {
  std::vector<std::pair<std::string, ColumnType>> out;
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec || !v.is_array()) return out;  // written by ColumnsToText; never expected
  for (const auto& e : v.get_array()) {
    if (!e.is_array() || e.get_array().size() != 2 || !e.get_array()[0].is_string() ||
        !e.get_array()[1].is_string())
      continue;
    out.emplace_back(std::string(e.get_array()[0].get_string()),
                     ParseColumnType(e.get_array()[1].get_string()).value_or(ColumnType::kString));
  }
  return out;
}

const storage::Keyset kOrder("datasets", {{"created_at", storage::KeyType::kInt},
                                          {"id", storage::KeyType::kText}});

Dataset FromRow(const Row& r) {
  Dataset d;
  d.id = r.Text(0);
  d.name = r.Text(1);
  d.description = r.Text(2);
  d.source_type = r.Text(3);
  d.table_name = r.Text(4);
  d.columns = ColumnsFromText(r.Text(5));
  d.row_count = r.Int(6);
  d.size_bytes = r.Int(7);
  d.stored_bytes = r.Int(8);
  d.sha256 = r.Text(9);
  d.tags = json::DecodeStringMap(r.Text(10));
  d.created_by = r.Text(11);
  d.created_at = r.Int(12);
  d.updated_at = r.Int(13);
  d.revision = r.Int(14);
  return d;
}

Result<Dataset> Load(storage::Transaction& tx, const std::string& id) {
  const Value p[] = {id};
  ASSIGN_OR_RETURN(
      auto row,
      tx.QueryOne(std::string("SELECT ") + kColumns + ", profile FROM datasets WHERE id = ?", p));
  if (!row) return NotFound("dataset '" + id + "' not found");
  Dataset d = FromRow(*row);
  d.profile = ProfilesFromStoredText(row->Text(15));
  return d;
}

}  // namespace

Status SqlDatasetStore::Create(const Dataset& d, const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {d.id,
                     d.name,
                     d.description,
                     d.source_type,
                     d.table_name,
                     ColumnsToText(d.columns),
                     d.row_count,
                     d.size_bytes,
                     d.stored_bytes,
                     d.sha256,
                     json::EncodeStringMap(d.tags),
                     ProfilesToStoredText(d.profile),
                     d.created_by,
                     d.created_at,
                     d.updated_at,
                     d.revision};
  RETURN_IF_ERROR(tx->Exec("INSERT INTO datasets (id, name, description, source_type, table_name, "
                           "columns, row_count, size_bytes, stored_bytes, sha256, tags, profile, "
                           "created_by, created_at, updated_at, revision) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           p)
                      .status());
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<Dataset> SqlDatasetStore::Get(const std::string& id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  return Load(*tx, id);
}

Result<Dataset> SqlDatasetStore::Update(const std::string& id, const DatasetMutator& mutate) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(Dataset current, Load(*tx, id));
  ASSIGN_OR_RETURN(DatasetChange change, mutate(current));
  if (!change.audit) return current;
  const Dataset& u = change.updated;
  RETURN_IF_ERROR(storage::UpdateWithRevision(
      *tx, {.table = "datasets",
            .set = "description = ?, tags = ?, updated_at = ?",
            .set_values = {u.description, json::EncodeStringMap(u.tags), u.updated_at},
            .where = "id = ?",
            .where_values = {id},
            .revision = current.revision,
            .resource = "dataset '" + id + "'"}));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, *change.audit));
  RETURN_IF_ERROR(tx->Commit());
  return u;
}

Result<DatasetPage> SqlDatasetStore::List(const std::optional<std::string>& name, int limit,
                                          const std::string& page_token) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM datasets WHERE 1 = 1";
  std::vector<Value> params;
  if (name) {
    sql += " AND name = ?";
    params.emplace_back(*name);
  }
  RETURN_IF_ERROR(kOrder.AppendAfter(page_token, sql, params));
  kOrder.AppendOrderAndLimit(limit, sql, params);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  DatasetPage page;
  for (const auto& r : rows) page.items.push_back(FromRow(r));
  kOrder.FinishPage(page, limit, [](const Dataset& d) {
    return storage::Keyset::Position{d.created_at, d.id};
  });
  return page;
}

Status SqlDatasetStore::Hold(storage::Transaction& tx, const std::string& id) {
  // Changes nothing, but takes the row lock a concurrent Delete also takes (dataset_store.h).
  const Value p[] = {id};
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE datasets SET revision = revision WHERE id = ?", p));
  if (n == 0) return NotFound("dataset '" + id + "' not found");
  return Status::Ok();
}

Status SqlDatasetStore::Delete(const std::string& id, const audit::Entry& audit,
                               const storage::TxStep& check_unused) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  // Lock first, check after: the check's statements then see every reference committed by a
  // writer that held the lock before us (dataset_store.h).
  RETURN_IF_ERROR(Hold(*tx, id));
  if (check_unused) RETURN_IF_ERROR(check_unused(*tx));
  const Value p[] = {id};
  ASSIGN_OR_RETURN(int64_t n, tx->Exec("DELETE FROM datasets WHERE id = ?", p));
  if (n == 0) return NotFound("dataset '" + id + "' not found");
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

}  // namespace cairn::datasets
