#include "datasets/sql_dataset_store.h"

#include <boost/json.hpp>
#include <charconv>

#include "audit/audit_writer.h"
#include "common/json.h"
#include "datasets/dataset_json.h"
#include "tracking/page_token.h"

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

std::string TagsToText(const StringMap& m) {
  bj::object o;
  for (const auto& [k, v] : m) o.emplace(k, v);
  return ::cairn::json::Serialize(o);
}

StringMap TagsFromText(const std::string& text) {
  StringMap out;
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& kv : v.get_object())
    if (kv.value().is_string())
      out.emplace(std::string(kv.key()), std::string(kv.value().get_string()));
  return out;
}

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
  d.tags = TagsFromText(r.Text(10));
  d.created_by = r.Text(11);
  d.created_at = r.Int(12);
  d.updated_at = r.Int(13);
  d.revision = r.Int(14);
  return d;
}

Status BadToken() {
  return InvalidArgument("invalid page_token", {{"page_token", "is not a valid page token"}});
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
                     TagsToText(d.tags),
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
  const Value p[] = {id};
  ASSIGN_OR_RETURN(
      auto row,
      tx->QueryOne(std::string("SELECT ") + kColumns + ", profile FROM datasets WHERE id = ?", p));
  if (!row) return NotFound("dataset '" + id + "' not found");
  Dataset d = FromRow(*row);
  d.profile = ProfilesFromStoredText(row->Text(15));
  return d;
}

Result<DatasetPage> SqlDatasetStore::List(const std::optional<std::string>& name, int limit,
                                          const std::string& page_token) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM datasets WHERE 1 = 1";
  std::vector<Value> params;
  if (name) {
    sql += " AND name = ?";
    params.emplace_back(*name);
  }
  if (!page_token.empty()) {
    auto cursor = tracking::DecodePageToken(page_token);
    if (!cursor || !cursor->starts_with("d:")) return BadToken();
    const std::string body = cursor->substr(2);
    const size_t comma = body.find(',');
    int64_t at = 0;
    if (comma == std::string::npos) return BadToken();
    auto [ptr, ec] = std::from_chars(body.data(), body.data() + comma, at);
    if (ec != std::errc() || ptr != body.data() + comma) return BadToken();
    sql += " AND (created_at < ? OR (created_at = ? AND id < ?))";
    params.emplace_back(at);
    params.emplace_back(at);
    params.emplace_back(body.substr(comma + 1));
  }
  sql += " ORDER BY created_at DESC, id DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(limit) + 1);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  DatasetPage page;
  for (const auto& r : rows) page.items.push_back(FromRow(r));
  if (page.items.size() > static_cast<size_t>(limit)) {
    page.items.resize(limit);
    const Dataset& last = page.items.back();
    page.next_page_token =
        tracking::EncodePageToken("d:" + std::to_string(last.created_at) + "," + last.id);
  }
  return page;
}

Status SqlDatasetStore::Delete(const std::string& id, const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {id};
  ASSIGN_OR_RETURN(int64_t n, tx->Exec("DELETE FROM datasets WHERE id = ?", p));
  if (n == 0) return NotFound("dataset '" + id + "' not found");
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

}  // namespace cairn::datasets
