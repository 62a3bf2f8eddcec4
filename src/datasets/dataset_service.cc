#include "datasets/dataset_service.h"

#include <cmath>
#include <limits>

#include "common/ids.h"
#include "common/log.h"
#include "common/revision.h"
#include "common/safe_dir.h"
#include "common/validation.h"
#include "datasets/column_profile.h"
#include "datasets/csv_ingest.h"

namespace cairn::datasets {
namespace {

using validation::FieldInvalid;

constexpr size_t kMaxDescriptionBytes = 8000;
constexpr size_t kMaxTags = 100;

Status NotFoundId(const std::string& id) { return NotFound("dataset '" + id + "' not found"); }

}  // namespace

DatasetService::DatasetService(std::unique_ptr<DatasetStore> store, DatasetServiceOptions options,
                               const Clock& clock)
    : store_(std::move(store)), options_(std::move(options)), clock_(clock) {}

std::string DatasetService::DatasetDir(const std::string& id) { return "datasets/" + id; }

Result<TypedColumn> DatasetService::ReadColumn(const std::string& id, size_t index) const {
  const std::string name = ColumnFileName(index);
  auto missing = [&] {
    return NotFound("dataset '" + id + "' is recorded but its column file " + name + " is missing");
  };
  auto data = files::SafeDir::Open(options_.data_dir);
  if (!data.ok()) return missing();
  auto fd = data->OpenRead(DatasetDir(id) + "/" + name);
  if (!fd.ok()) {
    // A symbolic link anywhere on the way answers like a missing file: it is never followed
    // and its target is not revealed.
    if (files::IsRefusedPath(fd.status()))
      log::Info("column file " + name + " of dataset " + id +
                " not read: it is not a regular file in the data directory");
    if (fd.status().code() == StatusCode::kInternal) return Internal("cannot open column file");
    return missing();
  }
  return ReadColumnFile(std::move(*fd), name);
}

Result<Dataset> DatasetService::Ingest(const std::string& name, const std::string& description,
                                       const std::string& csv_file, const std::string& actor) {
  if (!IsValidName(name)) return FieldInvalid("name", validation::kNameRule);
  if (description.size() > kMaxDescriptionBytes)
    return FieldInvalid("description", "must be at most 8000 characters");
  Dataset d;
  d.id = NewUuid();
  d.name = name;
  d.description = description;
  d.table_name = "datasets/" + d.id;
  auto data = files::SafeDir::OpenOrCreate(options_.data_dir);
  if (!data.ok()) return Internal("cannot open the data directory");
  auto parent = data->MakeDirs("datasets");
  if (!parent.ok()) {
    if (files::IsRefusedPath(parent.status()))
      log::Error("datasets folder of the data directory is not a folder (a link?): not followed");
    return Internal("cannot create the dataset folder");
  }
  ASSIGN_OR_RETURN(IngestResult r, IngestCsv(csv_file, *parent, d.id));
  d.columns = std::move(r.columns);
  d.row_count = r.row_count;
  d.size_bytes = r.size_bytes;
  d.stored_bytes = r.stored_bytes;
  d.sha256 = std::move(r.sha256);
  d.profile = std::move(r.profile);
  d.created_by = actor;
  d.created_at = d.updated_at = clock_.NowMillis();
  d.revision = 1;
  audit::Entry entry{d.created_at,
                     actor,
                     "dataset.create",
                     "dataset",
                     d.id,
                     {{"name", d.name},
                      {"rows", d.row_count},
                      {"columns", static_cast<int64_t>(d.columns.size())},
                      {"sha256", d.sha256}}};
  Status s = store_->Create(d, entry);
  if (!s.ok()) {
    (void)parent->RemoveAll(d.id);
    return s;
  }
  return d;
}

Result<Dataset> DatasetService::Get(const std::string& id) {
  if (!IsUuid(id)) return NotFoundId(id);
  return store_->Get(id);
}

Result<DatasetPage> DatasetService::List(const DatasetListRequest& request) {
  ASSIGN_OR_RETURN(int limit, PageLimit(request.limit));
  return store_->List(request.name, limit, request.page_token);
}

Result<DatasetRows> DatasetService::Rows(const std::string& id, std::optional<int64_t> offset_in,
                                         std::optional<int64_t> limit_in) {
  const int64_t offset = offset_in.value_or(0);
  const int64_t limit = limit_in.value_or(kDefaultPreviewRows);
  if (offset < 0) return FieldInvalid("offset", "must be >= 0");
  if (limit < 1 || limit > kMaxPreviewRows)
    return FieldInvalid("limit", "must be between 1 and 1000");
  ASSIGN_OR_RETURN(Dataset d, Get(id));
  DatasetRows out;
  out.offset = offset;
  out.total = d.row_count;
  const int64_t end = std::min(d.row_count, offset + limit);
  const int64_t n = std::max<int64_t>(0, end - offset);
  out.rows.assign(static_cast<size_t>(n), {});
  for (size_t ci = 0; ci < d.columns.size(); ++ci) {
    out.columns.push_back(d.columns[ci].first);
    out.types.push_back(d.columns[ci].second);
    if (n == 0) continue;
    ASSIGN_OR_RETURN(TypedColumn col, ReadColumn(id, ci));
    for (int64_t r = 0; r < n; ++r) {
      const size_t i = static_cast<size_t>(offset + r);
      PreviewCell c;
      c.type = col.type;
      c.present = i < col.count && col.IsPresent(i);
      if (c.present) {
        if (col.type == ColumnType::kFloat64)
          c.d = col.doubles[i];
        else if (col.type == ColumnType::kString)
          c.s = std::string(col.StringAt(i));
        else
          c.i = col.ints[i];
      }
      out.rows[static_cast<size_t>(r)].push_back(std::move(c));
    }
  }
  return out;
}

Result<Dataset> DatasetService::Update(const std::string& id, const DatasetPatch& patch,
                                       std::optional<int64_t> if_match, const std::string& actor) {
  validation::FieldErrors errors;
  if (patch.description)
    validation::CheckLength(errors, "description", *patch.description, kMaxDescriptionBytes);
  validation::CheckMap(errors, "tags", patch.tags,
                       {.max_entries = kMaxTags, .max_key_length = 250, .max_value_length = 8000});
  RETURN_IF_ERROR(validation::Invalid(std::move(errors)));
  if (!IsUuid(id)) return NotFoundId(id);
  const int64_t now = clock_.NowMillis();
  return store_->Update(id, [&](const Dataset& current) -> Result<DatasetChange> {
    RETURN_IF_ERROR(CheckIfMatch("dataset '" + id + "'", if_match, current.revision));
    DatasetChange change{current, std::nullopt};
    Dataset& u = change.updated;
    std::string changed;
    if (patch.description && *patch.description != u.description) {
      u.description = *patch.description;
      changed = "description";
    }
    if (patch.tags && *patch.tags != u.tags) {
      u.tags = *patch.tags;
      changed += changed.empty() ? "tags" : ",tags";
    }
    if (changed.empty()) return change;
    u.updated_at = now;
    u.revision = current.revision + 1;
    change.audit = audit::Entry{now,       actor, "dataset.update",
                                "dataset", id,    {{"changed", changed}, {"revision", u.revision}}};
    return change;
  });
}

Status DatasetService::Delete(const std::string& id, const std::string& actor) {
  ASSIGN_OR_RETURN(Dataset d, Get(id));
  auto in_use = [&id](const std::vector<std::string>& users) {
    std::string list;
    for (const auto& u : users) list += (list.empty() ? "" : ", ") + u;
    return FailedPrecondition("dataset '" + id + "' is in use by " + list);
  };
  std::vector<std::string> users;
  for (DatasetUsage* u : usages_) {
    ASSIGN_OR_RETURN(auto names, u->UsersOfDataset(id));
    users.insert(users.end(), names.begin(), names.end());
  }
  if (!users.empty()) return in_use(users);
  audit::Entry entry{clock_.NowMillis(), actor, "dataset.delete",
                     "dataset",          id,    {{"name", d.name}}};
  RETURN_IF_ERROR(store_->Delete(id, entry, [&](storage::Transaction& tx) -> Status {
    std::vector<std::string> in_tx;
    for (DatasetUsage* u : usages_) {
      ASSIGN_OR_RETURN(auto names, u->UsersOfDatasetInTransaction(tx, id));
      in_tx.insert(in_tx.end(), names.begin(), names.end());
    }
    return in_tx.empty() ? Status::Ok() : in_use(in_tx);
  }));
  auto data = files::SafeDir::Open(options_.data_dir);
  Status rm = data.ok() ? data->RemoveAll(DatasetDir(id)) : data.status();
  if (!rm.ok() && rm.code() != StatusCode::kNotFound)
    log::Error("cannot remove the folder of dataset " + id + ": " + rm.message());
  return Status::Ok();
}

Status DatasetService::Hold(storage::Transaction& tx, const std::string& dataset_id) {
  return store_->Hold(tx, dataset_id);
}

Result<TypedColumn> DatasetService::ReadTypedColumn(const std::string& dataset_id,
                                                    const std::string& column) {
  ASSIGN_OR_RETURN(DatasetInfo info, Describe(dataset_id));
  for (size_t i = 0; i < info.columns.size(); ++i) {
    if (info.columns[i].first != column) continue;
    return ReadColumn(dataset_id, i);
  }
  return NotFound("dataset '" + dataset_id + "' has no column '" + column + "'");
}

Result<DatasetInfo> DatasetService::Describe(const std::string& dataset_id) {
  ASSIGN_OR_RETURN(Dataset d, Get(dataset_id));
  DatasetInfo info{d.id, d.name, d.row_count, d.columns, d.sha256, {}};
  if (d.profile.size() == d.columns.size()) {
    for (const auto& p : d.profile) {
      info.distinct_at_least.push_back(
          p.distinct_exact ? p.distinct : static_cast<int64_t>(kExactDistinctLimit));
    }
  }
  return info;
}

Result<ColumnData> DatasetService::ReadColumn(const std::string& dataset_id,
                                              const std::string& column) {
  ASSIGN_OR_RETURN(TypedColumn c, ReadTypedColumn(dataset_id, column));
  ColumnData out;
  out.name = column;
  out.type = c.type;
  out.missing = static_cast<int64_t>(c.missing);
  const size_t n = c.count;
  if (c.type == ColumnType::kString) {
    out.strings.resize(n);
    for (size_t i = 0; i < n; ++i)
      if (c.IsPresent(i)) out.strings[i].emplace(c.StringAt(i));
    return out;
  }
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  out.numbers.resize(n);
  if (c.type == ColumnType::kFloat64) {
    for (size_t i = 0; i < n; ++i) out.numbers[i] = c.IsPresent(i) ? c.doubles[i] : kNan;
  } else {
    for (size_t i = 0; i < n; ++i)
      out.numbers[i] = c.IsPresent(i) ? static_cast<double>(c.ints[i]) : kNan;
  }
  return out;
}

}  // namespace cairn::datasets
