#include "prompts/sql_prompt_store.h"

#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "audit/audit_writer.h"
#include "common/json_columns.h"
#include "common/revision.h"
#include "prompts/prompt_json.h"
#include "storage/pagination.h"
#include "storage/revision_guard.h"

namespace cairn::prompts {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;

constexpr char kTemplateColumns[] =
    "id, name, description, owner, latest_version, created_by, created_at, updated_at, revision";
constexpr char kVersionColumns[] =
    "template_id, version, body, body_sha256, variables, model_hint, parameters, status, "
    "evaluation, created_by, created_at, submitted_by, submitted_at, reviewed_by, reviewed_at, "
    "review_comment, updated_at, revision, edited_by";
// Same shape without the large text columns (list views).
constexpr char kVersionSummaryColumns[] =
    "template_id, version, body_sha256, body_sha256, variables, model_hint, parameters, status, "
    "NULL, created_by, created_at, submitted_by, submitted_at, reviewed_by, reviewed_at, "
    "review_comment, updated_at, revision, edited_by";
constexpr char kUsageColumns[] =
    "app, latency_ms, input_tokens, output_tokens, cost_usd, success, error, logged_by, at";

Template TemplateFromRow(const Row& row) {
  Template t;
  t.id = row.Text(0);
  t.name = row.Text(1);
  t.description = row.Text(2);
  t.owner = row.Text(3);
  t.latest_version = row.Int(4);
  t.created_by = row.Text(5);
  t.created_at = row.Int(6);
  t.updated_at = row.Int(7);
  t.revision = row.Int(8);
  return t;
}

Version VersionFromRow(const Row& row, bool summary) {
  Version v;
  v.template_id = row.Text(0);
  v.version = row.Int(1);
  if (!summary) v.body = row.Text(2);
  v.body_sha256 = row.Text(3);
  v.variables = VariablesFromText(row.Text(4));
  v.model_hint = row.Text(5);
  v.parameters_json = row.Text(6);
  v.status = ParseVersionStatus(row.Text(7)).value_or(VersionStatus::kDraft);
  if (auto e = row.OptText(8)) v.evaluation = EvaluationFromText(*e);
  v.created_by = row.Text(9);
  v.created_at = row.Int(10);
  v.submitted_by = row.OptText(11);
  v.submitted_at = row.OptInt(12);
  v.reviewed_by = row.OptText(13);
  v.reviewed_at = row.OptInt(14);
  v.review_comment = row.OptText(15);
  v.updated_at = row.Int(16);
  v.revision = row.Int(17);
  v.edited_by = json::DecodeStringList(row.Text(18));
  return v;
}

UsageEvent UsageFromRow(const Row& row) {
  UsageEvent e;
  e.app = row.Text(0);
  e.latency_ms = row.Double(1);
  e.input_tokens = row.Int(2);
  e.output_tokens = row.Int(3);
  e.cost_usd = row.Double(4);
  e.success = row.Int(5) != 0;
  e.error = row.OptText(6);
  e.logged_by = row.Text(7);
  e.at = row.Int(8);
  return e;
}

Status InsertVersion(Transaction& tx, const Version& v) {
  const Value p[] = {v.template_id,
                     v.version,
                     v.body,
                     v.body_sha256,
                     VariablesToText(v.variables),
                     v.model_hint,
                     v.parameters_json,
                     std::string(ToString(v.status)),
                     v.evaluation ? Value(EvaluationToText(*v.evaluation)) : Value(),
                     v.created_by,
                     v.created_at,
                     v.updated_at,
                     v.revision};
  return tx
      .Exec(
          "INSERT INTO prompt_versions (template_id, version, body, body_sha256, variables, "
          "model_hint, parameters, status, evaluation, created_by, created_at, updated_at, "
          "revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          p)
      .status();
}

Result<std::optional<Version>> LoadVersion(Transaction& tx, const std::string& template_id,
                                           int64_t version) {
  const Value p[] = {template_id, version};
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kVersionColumns +
                                             " FROM prompt_versions WHERE template_id = ? AND "
                                             "version = ?",
                                         p));
  if (!row) return std::optional<Version>();
  Version v = VersionFromRow(*row, false);
  ASSIGN_OR_RETURN(auto labels, tx.Query("SELECT label FROM prompt_labels WHERE template_id = ? "
                                         "AND version = ? ORDER BY label",
                                         p));
  for (const auto& l : labels) v.labels.push_back(l.Text(0));
  return std::optional<Version>(std::move(v));
}

Status VersionNotFound(const std::string& template_id, int64_t version) {
  return NotFound("version " + std::to_string(version) + " of template '" + template_id +
                  "' not found");
}

Result<bool> TemplateExists(Transaction& tx, const std::string& id) {
  const Value p[] = {id};
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM prompt_templates WHERE id = ?", p));
  return row.has_value();
}

Status TemplateNotFound(const std::string& id) {
  return NotFound("prompt template '" + id + "' not found");
}

// Bumps a version's revision (its row lock on PostgreSQL); false when it does not exist.
Result<bool> TouchVersion(Transaction& tx, const std::string& template_id, int64_t version,
                          int64_t at) {
  return storage::TouchRevision(tx, "prompt_versions", "template_id = ? AND version = ?",
                                {template_id, version}, "updated_at = ?", {at});
}

std::string Placeholders(size_t n) {
  std::string s = "(";
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s + ")";
}

const storage::Keyset kTemplateOrder("prompt_templates", {{"t.created_at", storage::KeyType::kInt},
                                                          {"t.id", storage::KeyType::kText}});

// Value at quantile q of the sorted latencies, linear interpolation between closest ranks.
Result<std::optional<double>> LatencyQuantile(Transaction& tx, const std::string& where,
                                              const std::vector<Value>& params, int64_t n,
                                              double q) {
  if (n == 0) return std::optional<double>();
  const double pos = q * static_cast<double>(n - 1);
  const auto lo = static_cast<int64_t>(std::floor(pos));
  std::vector<Value> p = params;
  p.emplace_back(lo);
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT latency_ms FROM prompt_usage " + where +
                                           " ORDER BY latency_ms LIMIT 2 OFFSET ?",
                                       p));
  if (rows.empty()) return std::optional<double>();
  const double a = rows[0].Double(0);
  const double b = rows.size() > 1 ? rows[1].Double(0) : a;
  return std::optional<double>(a + (b - a) * (pos - static_cast<double>(lo)));
}

Result<std::optional<Template>> LoadTemplate(Transaction& tx, const std::string& id) {
  const Value p[] = {id};
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kTemplateColumns +
                                             " FROM prompt_templates WHERE id = ?",
                                         p));
  if (!row) return std::optional<Template>();
  Template t = TemplateFromRow(*row);
  ASSIGN_OR_RETURN(
      auto tags, tx.Query("SELECT key, value FROM prompt_template_tags WHERE template_id = ?", p));
  for (const auto& r : tags) t.tags.emplace(r.Text(0), r.Text(1));
  return std::optional<Template>(std::move(t));
}

Status InsertTags(Transaction& tx, const std::string& id, const StringMap& tags) {
  for (const auto& [k, v] : tags) {
    const Value q[] = {id, k, v};
    RETURN_IF_ERROR(
        tx.Exec("INSERT INTO prompt_template_tags (template_id, key, value) VALUES (?, ?, ?)", q)
            .status());
  }
  return Status::Ok();
}

Result<Template> LoadFullTemplate(Transaction& tx, const std::string& id) {
  ASSIGN_OR_RETURN(auto loaded, LoadTemplate(tx, id));
  if (!loaded) return TemplateNotFound(id);
  Template t = std::move(*loaded);
  const Value p[] = {id};
  ASSIGN_OR_RETURN(auto versions, tx.Query(std::string("SELECT ") + kVersionColumns +
                                               " FROM prompt_versions WHERE template_id = ? "
                                               "ORDER BY version",
                                           p));
  std::map<int64_t, Version*> by_number;
  t.versions.reserve(versions.size());
  for (const auto& r : versions) {
    t.versions.push_back(VersionFromRow(r, false));
  }
  for (auto& v : t.versions) by_number[v.version] = &v;
  ASSIGN_OR_RETURN(auto labels, tx.Query("SELECT label, version FROM prompt_labels WHERE "
                                         "template_id = ? ORDER BY label",
                                         p));
  for (const auto& r : labels) {
    t.labels[r.Text(0)] = r.Int(1);
    if (auto it = by_number.find(r.Int(1)); it != by_number.end())
      it->second->labels.push_back(r.Text(0));
  }
  return t;
}

}  // namespace

Status SqlPromptStore::CreateTemplate(const Template& t, const Version& first,
                                      const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {t.id,         t.name,       t.description, t.owner,   t.latest_version,
                     t.created_by, t.created_at, t.updated_at,  t.revision};
  auto r = tx->Exec(
      "INSERT INTO prompt_templates (id, name, description, owner, latest_version, "
      "created_by, created_at, updated_at, revision) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      p);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kAlreadyExists)
      return AlreadyExists("prompt template '" + t.name + "' already exists");
    return r.status();
  }
  RETURN_IF_ERROR(InsertTags(*tx, t.id, t.tags));
  RETURN_IF_ERROR(InsertVersion(*tx, first));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<Template> SqlPromptStore::GetTemplate(const std::string& id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  return LoadFullTemplate(*tx, id);
}

Result<Template> SqlPromptStore::UpdateTemplate(const std::string& id,
                                                const TemplateMutator& mutate) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto current, LoadTemplate(*tx, id));
  if (!current) return TemplateNotFound(id);
  ASSIGN_OR_RETURN(TemplateChange change, mutate(*current));
  if (!change.audit) return LoadFullTemplate(*tx, id);
  RETURN_IF_ERROR(
      storage::UpdateWithRevision(*tx, {.table = "prompt_templates",
                                        .set = "description = ?, updated_at = ?",
                                        .set_values = {change.description, change.updated_at},
                                        .where = "id = ?",
                                        .where_values = {id},
                                        .revision = current->revision,
                                        .resource = "prompt template '" + id + "'"}));
  if (change.tags) {
    const Value q[] = {id};
    RETURN_IF_ERROR(tx->Exec("DELETE FROM prompt_template_tags WHERE template_id = ?", q).status());
    RETURN_IF_ERROR(InsertTags(*tx, id, *change.tags));
  }
  RETURN_IF_ERROR(audit::AppendInTx(*tx, *change.audit));
  ASSIGN_OR_RETURN(Template updated, LoadFullTemplate(*tx, id));
  RETURN_IF_ERROR(tx->Commit());
  return updated;
}

Result<Page<Template>> SqlPromptStore::ListTemplates(const TemplateQuery& query) {
  std::string sql =
      std::string("SELECT ") + kTemplateColumns + " FROM prompt_templates t WHERE 1 = 1";
  std::vector<Value> params;
  if (query.owner) {
    sql += " AND t.owner = ?";
    params.emplace_back(*query.owner);
  }
  if (query.status) {
    sql +=
        " AND EXISTS (SELECT 1 FROM prompt_versions v WHERE v.template_id = t.id AND "
        "v.status = ?)";
    params.emplace_back(std::string(ToString(*query.status)));
  }
  if (query.tag_key) {
    sql +=
        " AND EXISTS (SELECT 1 FROM prompt_template_tags g WHERE g.template_id = t.id AND "
        "g.key = ?";
    params.emplace_back(*query.tag_key);
    if (query.tag_value) {
      sql += " AND g.value = ?";
      params.emplace_back(*query.tag_value);
    }
    sql += ")";
  }
  RETURN_IF_ERROR(kTemplateOrder.AppendAfter(query.page_token, sql, params));
  kTemplateOrder.AppendOrderAndLimit(query.limit, sql, params);

  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  Page<Template> page;
  for (const auto& row : rows) page.items.push_back(TemplateFromRow(row));
  kTemplateOrder.FinishPage(page, query.limit, [](const Template& t) {
    return storage::Keyset::Position{t.created_at, t.id};
  });
  if (page.items.empty()) return page;

  std::vector<Value> ids;
  std::map<std::string, Template*> by_id;
  for (auto& t : page.items) {
    ids.emplace_back(t.id);
    by_id[t.id] = &t;
  }
  const std::string in = Placeholders(page.items.size());
  ASSIGN_OR_RETURN(auto tags, tx->Query("SELECT template_id, key, value FROM prompt_template_tags "
                                        "WHERE template_id IN " +
                                            in,
                                        ids));
  for (const auto& r : tags) by_id[r.Text(0)]->tags.emplace(r.Text(1), r.Text(2));
  ASSIGN_OR_RETURN(auto versions, tx->Query(std::string("SELECT ") + kVersionSummaryColumns +
                                                " FROM prompt_versions WHERE template_id IN " + in +
                                                " ORDER BY template_id, version",
                                            ids));
  for (const auto& r : versions) by_id[r.Text(0)]->versions.push_back(VersionFromRow(r, true));
  ASSIGN_OR_RETURN(auto labels, tx->Query("SELECT template_id, label, version FROM prompt_labels "
                                          "WHERE template_id IN " +
                                              in + " ORDER BY label",
                                          ids));
  for (const auto& r : labels) {
    Template* t = by_id[r.Text(0)];
    t->labels[r.Text(1)] = r.Int(2);
    for (auto& v : t->versions)
      if (v.version == r.Int(2)) v.labels.push_back(r.Text(1));
  }
  return page;
}

Result<Version> SqlPromptStore::CreateVersion(const std::string& template_id, Version v,
                                              audit::Entry audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value p[] = {v.created_at, template_id};
  ASSIGN_OR_RETURN(int64_t n, tx->Exec("UPDATE prompt_templates SET latest_version = "
                                       "latest_version + 1, revision = revision + 1, "
                                       "updated_at = ? WHERE id = ?",
                                       p));
  if (n == 0) return TemplateNotFound(template_id);
  const Value q[] = {template_id};
  ASSIGN_OR_RETURN(auto row,
                   tx->QueryOne("SELECT latest_version FROM prompt_templates WHERE id = ?", q));
  if (!row) return TemplateNotFound(template_id);
  v.template_id = template_id;
  v.version = row->Int(0);
  RETURN_IF_ERROR(InsertVersion(*tx, v));
  audit.resource_id = template_id + "/" + std::to_string(v.version);
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<Version> SqlPromptStore::GetVersion(const std::string& template_id, int64_t version) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  ASSIGN_OR_RETURN(auto v, LoadVersion(*tx, template_id, version));
  if (!v) {
    ASSIGN_OR_RETURN(bool exists, TemplateExists(*tx, template_id));
    if (!exists) return TemplateNotFound(template_id);
    return VersionNotFound(template_id, version);
  }
  return std::move(*v);
}

Result<Version> SqlPromptStore::GetVersionByLabel(const std::string& template_id,
                                                  const std::string& label) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value p[] = {template_id, label};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne("SELECT version FROM prompt_labels WHERE "
                                          "template_id = ? AND label = ?",
                                          p));
  if (!row) {
    ASSIGN_OR_RETURN(bool exists, TemplateExists(*tx, template_id));
    if (!exists) return TemplateNotFound(template_id);
    return NotFound("label '" + label + "' not found on template '" + template_id + "'");
  }
  ASSIGN_OR_RETURN(auto v, LoadVersion(*tx, template_id, row->Int(0)));
  if (!v) return VersionNotFound(template_id, row->Int(0));
  return std::move(*v);
}

Result<Version> SqlPromptStore::UpdateVersion(const std::string& template_id, int64_t version,
                                              const VersionMutator& mutate) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(auto current, LoadVersion(*tx, template_id, version));
  if (!current) {
    ASSIGN_OR_RETURN(bool exists, TemplateExists(*tx, template_id));
    if (!exists) return TemplateNotFound(template_id);
    return VersionNotFound(template_id, version);
  }
  ASSIGN_OR_RETURN(VersionChange change, mutate(*current));
  const Version& u = change.updated;
  // The status is guarded too: a workflow step applies only to the state it was decided on.
  RETURN_IF_ERROR(storage::UpdateWithRevision(
      *tx, {.table = "prompt_versions",
            .set = "body = ?, body_sha256 = ?, variables = ?, model_hint = ?, parameters = ?, "
                   "status = ?, evaluation = ?, submitted_by = ?, submitted_at = ?, "
                   "reviewed_by = ?, reviewed_at = ?, review_comment = ?, updated_at = ?, "
                   "edited_by = ?",
            .set_values = {u.body, u.body_sha256, VariablesToText(u.variables), u.model_hint,
                           u.parameters_json, std::string(ToString(u.status)),
                           u.evaluation ? Value(EvaluationToText(*u.evaluation)) : Value(),
                           storage::Nullable(u.submitted_by), storage::Nullable(u.submitted_at),
                           storage::Nullable(u.reviewed_by), storage::Nullable(u.reviewed_at),
                           storage::Nullable(u.review_comment), u.updated_at,
                           json::EncodeStringList(u.edited_by)},
            .where = "template_id = ? AND version = ? AND status = ?",
            .where_values = {template_id, version, std::string(ToString(current->status))},
            .revision = current->revision,
            .resource = "version " + std::to_string(version) + " of prompt template '" +
                        template_id + "'"}));
  RETURN_IF_ERROR(audit::AppendInTx(*tx, change.audit));
  ASSIGN_OR_RETURN(auto updated, LoadVersion(*tx, template_id, version));
  RETURN_IF_ERROR(tx->Commit());
  if (!updated) return VersionNotFound(template_id, version);
  return std::move(*updated);
}

Result<LabelMove> SqlPromptStore::SetLabel(const std::string& template_id, const std::string& label,
                                           int64_t version, const VersionCheck& check,
                                           std::optional<int64_t> if_match,
                                           const std::string& actor, audit::Entry audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  ASSIGN_OR_RETURN(bool touched, TouchVersion(*tx, template_id, version, audit.at));
  if (!touched) {
    ASSIGN_OR_RETURN(bool exists, TemplateExists(*tx, template_id));
    if (!exists) return TemplateNotFound(template_id);
    return VersionNotFound(template_id, version);
  }
  ASSIGN_OR_RETURN(auto target, LoadVersion(*tx, template_id, version));
  if (!target) return VersionNotFound(template_id, version);
  RETURN_IF_ERROR(check(*target));
  const Value k[] = {template_id, label};
  ASSIGN_OR_RETURN(auto existing, tx->QueryOne("SELECT version, revision FROM prompt_labels "
                                               "WHERE template_id = ? AND label = ?",
                                               k));
  const std::string resource = "label '" + label + "' of prompt template '" + template_id + "'";
  LabelMove move;
  move.version = version;
  if (existing) {
    move.previous_version = existing->Int(0);
    move.revision = existing->Int(1);
    RETURN_IF_ERROR(CheckIfMatch(resource, if_match, move.revision));
  } else if (if_match) {
    return Aborted(resource + " does not exist; If-Match " + std::to_string(*if_match) +
                   " cannot match");
  }
  if (move.previous_version == version) return move;  // already there: nothing to write
  if (move.previous_version) {
    ASSIGN_OR_RETURN(bool ignored,
                     TouchVersion(*tx, template_id, *move.previous_version, audit.at));
    (void)ignored;
    RETURN_IF_ERROR(
        storage::UpdateWithRevision(*tx, {.table = "prompt_labels",
                                          .set = "version = ?, updated_by = ?, updated_at = ?",
                                          .set_values = {version, actor, audit.at},
                                          .where = "template_id = ? AND label = ?",
                                          .where_values = {template_id, label},
                                          .revision = move.revision,
                                          .resource = resource}));
    move.revision += 1;
  } else {
    const Value i[] = {template_id, label, version, actor, audit.at};
    Status inserted = tx->Exec(
                            "INSERT INTO prompt_labels (template_id, label, version, "
                            "updated_by, updated_at, revision) VALUES (?, ?, ?, ?, ?, 1)",
                            i)
                          .status();
    // Another request created the same label first: a lost race, not the driver's message.
    if (inserted.code() == StatusCode::kAlreadyExists) return ConcurrentChange(resource);
    RETURN_IF_ERROR(inserted);
  }
  audit.summary["version"] = version;
  audit.summary["revision"] = move.revision;
  if (move.previous_version) audit.summary["previous_version"] = *move.previous_version;
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  RETURN_IF_ERROR(tx->Commit());
  return move;
}

Result<int64_t> SqlPromptStore::DeleteLabel(const std::string& template_id,
                                            const std::string& label, audit::Entry audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value k[] = {template_id, label};
  ASSIGN_OR_RETURN(auto existing, tx->QueryOne("SELECT version FROM prompt_labels WHERE "
                                               "template_id = ? AND label = ?",
                                               k));
  if (!existing) {
    ASSIGN_OR_RETURN(bool exists, TemplateExists(*tx, template_id));
    if (!exists) return TemplateNotFound(template_id);
    return NotFound("label '" + label + "' not found on template '" + template_id + "'");
  }
  const int64_t version = existing->Int(0);
  ASSIGN_OR_RETURN(bool ignored, TouchVersion(*tx, template_id, version, audit.at));
  (void)ignored;
  ASSIGN_OR_RETURN(int64_t n, tx->Exec("DELETE FROM prompt_labels WHERE template_id = ? AND "
                                       "label = ? ",
                                       k));
  if (n != 1)
    return ConcurrentChange("label '" + label + "' of prompt template '" + template_id + "'");
  audit.summary["version"] = version;
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  RETURN_IF_ERROR(tx->Commit());
  return version;
}

Status SqlPromptStore::LogUsage(const std::string& template_id, int64_t version,
                                const UsageEvent& e, const VersionCheck& check,
                                const audit::Entry& audit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kWrite));
  const Value k[] = {template_id, version};
  ASSIGN_OR_RETURN(auto row, tx->QueryOne(std::string("SELECT ") + kVersionSummaryColumns +
                                              " FROM prompt_versions WHERE template_id = ? AND "
                                              "version = ?",
                                          k));
  if (!row) {
    ASSIGN_OR_RETURN(bool exists, TemplateExists(*tx, template_id));
    if (!exists) return TemplateNotFound(template_id);
    return VersionNotFound(template_id, version);
  }
  RETURN_IF_ERROR(check(VersionFromRow(*row, true)));
  const Value p[] = {template_id,
                     version,
                     e.app,
                     e.latency_ms,
                     e.input_tokens,
                     e.output_tokens,
                     e.cost_usd,
                     int64_t{e.success ? 1 : 0},
                     storage::Nullable(e.error),
                     e.logged_by,
                     e.at};
  RETURN_IF_ERROR(tx->Exec("INSERT INTO prompt_usage (template_id, version, app, latency_ms, "
                           "input_tokens, output_tokens, cost_usd, success, error, logged_by, at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           p)
                      .status());
  RETURN_IF_ERROR(audit::AppendInTx(*tx, audit));
  return tx->Commit();
}

Result<UsageSummary> SqlPromptStore::GetUsage(const std::string& template_id, int64_t version,
                                              std::optional<int64_t> since, int recent) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(storage::TxMode::kRead));
  const Value k[] = {template_id, version};
  ASSIGN_OR_RETURN(auto exists, tx->QueryOne("SELECT 1 FROM prompt_versions WHERE "
                                             "template_id = ? AND version = ?",
                                             k));
  if (!exists) {
    ASSIGN_OR_RETURN(bool t, TemplateExists(*tx, template_id));
    if (!t) return TemplateNotFound(template_id);
    return VersionNotFound(template_id, version);
  }
  const std::string where = "WHERE template_id = ? AND version = ? AND at >= ?";
  const std::vector<Value> params = {template_id, version,
                                     since.value_or(std::numeric_limits<int64_t>::min())};
  ASSIGN_OR_RETURN(auto agg,
                   tx->QueryOne("SELECT COUNT(*), CAST(COALESCE(SUM(success), 0) AS BIGINT), "
                                "CAST(COALESCE(SUM(input_tokens), 0) AS BIGINT), "
                                "CAST(COALESCE(SUM(output_tokens), 0) AS BIGINT), "
                                "CAST(COALESCE(SUM(cost_usd), 0) AS DOUBLE PRECISION) "
                                "FROM prompt_usage " +
                                    where,
                                params));
  UsageSummary s;
  s.since = since;
  if (agg) {
    s.count = agg->Int(0);
    s.input_tokens = agg->Int(2);
    s.output_tokens = agg->Int(3);
    s.cost_usd = agg->Double(4);
    if (s.count > 0)
      s.success_rate = static_cast<double>(agg->Int(1)) / static_cast<double>(s.count);
  }
  ASSIGN_OR_RETURN(s.latency_p50, LatencyQuantile(*tx, where, params, s.count, 0.5));
  ASSIGN_OR_RETURN(s.latency_p95, LatencyQuantile(*tx, where, params, s.count, 0.95));
  std::vector<Value> rp = params;
  rp.emplace_back(static_cast<int64_t>(recent));
  ASSIGN_OR_RETURN(
      auto rows, tx->Query(std::string("SELECT ") + kUsageColumns + " FROM prompt_usage " + where +
                               " ORDER BY at DESC, id DESC LIMIT ?",
                           rp));
  for (const auto& r : rows) s.recent.push_back(UsageFromRow(r));
  return s;
}

}  // namespace cairn::prompts
