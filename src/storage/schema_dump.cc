#include "storage/schema_dump.h"

#include <algorithm>
#include <map>

namespace cairn::storage {
namespace {

// Collapses runs of whitespace so formatting changes in SQL text do not churn the dump.
std::string Collapse(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

Status DumpSqliteTable(Transaction& tx, const std::string& table, std::string& out) {
  out += "table " + table + "\n";
  const Value name[] = {table};
  ASSIGN_OR_RETURN(auto columns, tx.Query("SELECT name, type, \"notnull\", dflt_value, pk "
                                          "FROM pragma_table_info(?) ORDER BY cid",
                                          name));
  std::vector<std::pair<int64_t, std::string>> pk;
  for (const Row& c : columns) {
    out += "  column " + c.Text(0) + " " + c.Text(1);
    out += c.Int(2) != 0 ? " NOT NULL" : " NULL";
    if (!c.IsNull(3)) out += " DEFAULT " + c.Text(3);
    out += "\n";
    if (c.Int(4) > 0) pk.emplace_back(c.Int(4), c.Text(0));
  }
  if (!pk.empty()) {
    std::sort(pk.begin(), pk.end());
    out += "  primary key (";
    for (size_t i = 0; i < pk.size(); ++i) out += (i > 0 ? ", " : "") + pk[i].second;
    out += ")\n";
  }
  ASSIGN_OR_RETURN(auto fks, tx.Query("SELECT id, seq, \"table\", \"from\", \"to\", on_update, "
                                      "on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                                      name));
  std::map<int64_t, std::vector<const Row*>> by_id;
  for (const Row& fk : fks) by_id[fk.Int(0)].push_back(&fk);
  std::vector<std::string> fk_lines;
  for (const auto& [id, parts] : by_id) {
    std::string from, to;
    for (const Row* p : parts) {
      from += (from.empty() ? "" : ", ") + p->Text(3);
      to += (to.empty() ? "" : ", ") + p->Text(4);
    }
    fk_lines.push_back("  foreign key (" + from + ") references " + parts[0]->Text(2) + "(" + to +
                       ") on update " + parts[0]->Text(5) + " on delete " + parts[0]->Text(6) +
                       "\n");
  }
  std::sort(fk_lines.begin(), fk_lines.end());
  for (const auto& line : fk_lines) out += line;
  ASSIGN_OR_RETURN(auto indexes, tx.Query("SELECT name, \"unique\", partial FROM "
                                          "pragma_index_list(?) ORDER BY name",
                                          name));
  for (const Row& index : indexes) {
    const Value index_name[] = {index.Text(0)};
    ASSIGN_OR_RETURN(auto cols, tx.Query("SELECT name, \"desc\" FROM pragma_index_xinfo(?) "
                                         "WHERE key = 1 ORDER BY seqno",
                                         index_name));
    out += "  index " + index.Text(0) + (index.Int(1) != 0 ? " unique" : "") + " (";
    for (size_t i = 0; i < cols.size(); ++i) {
      out += (i > 0 ? ", " : "") + (cols[i].IsNull(0) ? "<expression>" : cols[i].Text(0));
      if (cols[i].Int(1) != 0) out += " DESC";
    }
    out += ")";
    if (index.Int(2) != 0) {
      ASSIGN_OR_RETURN(auto sql, tx.QueryOne("SELECT sql FROM sqlite_master WHERE type = 'index' "
                                             "AND name = ?",
                                             index_name));
      if (sql) out += " partial: " + Collapse(sql->Text(0));
    }
    out += "\n";
  }
  // CHECK constraints and constraint names are only visible in the CREATE statement.
  ASSIGN_OR_RETURN(auto create, tx.QueryOne("SELECT sql FROM sqlite_master WHERE type = 'table' "
                                            "AND name = ?",
                                            name));
  if (create) out += "  definition: " + Collapse(create->Text(0)) + "\n";
  return Status::Ok();
}

Result<std::string> DumpSqlite(Transaction& tx) {
  std::string out;
  ASSIGN_OR_RETURN(auto tables, tx.Query("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
  for (const Row& t : tables) RETURN_IF_ERROR(DumpSqliteTable(tx, t.Text(0), out));
  ASSIGN_OR_RETURN(auto others, tx.Query("SELECT type, name, sql FROM sqlite_master WHERE type "
                                         "IN ('view', 'trigger') ORDER BY type, name"));
  for (const Row& o : others)
    out += o.Text(0) + " " + o.Text(1) + ": " + Collapse(o.Text(2)) + "\n";
  return out;
}

std::string StripSchema(std::string text, const std::string& schema) {
  const std::string qualified = schema + ".";
  for (size_t pos = text.find(qualified); pos != std::string::npos;
       pos = text.find(qualified, pos)) {
    text.erase(pos, qualified.size());
  }
  return text;
}

Result<std::string> DumpPostgres(Transaction& tx) {
  std::string out;
  ASSIGN_OR_RETURN(auto schema_row, tx.QueryOne("SELECT current_schema()"));
  const std::string schema = schema_row ? schema_row->Text(0) : "public";
  ASSIGN_OR_RETURN(auto tables,
                   tx.Query("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                            "c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN "
                            "('r', 'p') ORDER BY c.relname"));
  for (const Row& t : tables) {
    const Value name[] = {t.Text(0)};
    out += "table " + t.Text(0) + "\n";
    ASSIGN_OR_RETURN(
        auto columns,
        tx.Query("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                 "pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a "
                 "JOIN pg_class c ON c.oid = a.attrelid "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                 "WHERE n.nspname = current_schema() AND c.relname = ? AND a.attnum > 0 "
                 "AND NOT a.attisdropped ORDER BY a.attnum",
                 name));
    for (const Row& c : columns) {
      out += "  column " + c.Text(0) + " " + c.Text(1);
      out += c.Int(2) != 0 ? " NOT NULL" : " NULL";
      if (!c.IsNull(3)) out += " DEFAULT " + StripSchema(c.Text(3), schema);
      out += "\n";
    }
    ASSIGN_OR_RETURN(auto constraints,
                     tx.Query("SELECT con.conname, pg_get_constraintdef(con.oid) "
                              "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
                              "JOIN pg_namespace n ON n.oid = c.relnamespace "
                              "WHERE n.nspname = current_schema() AND c.relname = ? "
                              "ORDER BY con.conname",
                              name));
    for (const Row& c : constraints) {
      out += "  constraint " + c.Text(0) + " " + StripSchema(c.Text(1), schema) + "\n";
    }
    ASSIGN_OR_RETURN(auto indexes,
                     tx.Query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = "
                              "current_schema() AND tablename = ? ORDER BY indexname",
                              name));
    for (const Row& i : indexes) {
      out += "  index " + i.Text(0) + ": " + StripSchema(i.Text(1), schema) + "\n";
    }
  }
  return out;
}

}  // namespace

Result<std::string> DumpSchema(SqlDatabase& db) {
  ASSIGN_OR_RETURN(auto tx, db.Begin(TxMode::kRead));
  if (db.backend() == Backend::kSqlite) return DumpSqlite(*tx);
  return DumpPostgres(*tx);
}

}  // namespace cairn::storage
