#include "features/feature_service.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <unordered_map>

#include "common/cancellation.h"
#include "common/ids.h"
#include "common/revision.h"
#include "common/time.h"
#include "common/validation.h"

namespace cairn::features {
namespace {

using datasets::ColumnType;

constexpr size_t kMaxTextBytes = 8000;
constexpr int64_t kMaxDimension = 65536;
constexpr size_t kHistoryKeyBatch = 500;
constexpr size_t kMaxTags = 100;

using validation::FieldInvalid;

Status CheckName(const std::string& name) {
  if (!IsValidName(name)) return FieldInvalid("name", validation::kNameRule);
  for (const char* reserved : {"datasets", "values", "online", "historical"})
    if (name == reserved) return FieldInvalid("name", "'" + name + "' is reserved");
  return Status::Ok();
}

Status CheckTags(const StringMap& tags) {
  validation::FieldErrors errors;
  validation::CheckMap(
      errors, "tags", tags,
      {.max_entries = kMaxTags, .max_key_length = 250, .max_value_length = kMaxTextBytes});
  return validation::Invalid(std::move(errors));
}

bool IsNumericType(ValueType t) {
  return t == ValueType::kInt64 || t == ValueType::kFloat64 || t == ValueType::kFloatVector;
}

std::optional<double> AsNumber(const RawValue& v) {
  if (auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  return std::nullopt;
}

bool SameValue(const RawValue& a, const RawValue& b) {
  auto na = AsNumber(a), nb = AsNumber(b);
  if (na && nb) return *na == *nb;
  return a == b;
}

bool TypeAccepts(ValueType t, ColumnType c) {
  switch (t) {
    case ValueType::kInt64:
      return c == ColumnType::kInt64;
    case ValueType::kFloat64:
      return c == ColumnType::kInt64 || c == ColumnType::kFloat64;
    case ValueType::kString:
      return c == ColumnType::kString;
    case ValueType::kBool:
      return c == ColumnType::kBool;
    case ValueType::kTimestamp:
      return c == ColumnType::kTimestamp;
    case ValueType::kFloatVector:
      return false;
  }
  return false;
}

Status Precondition(std::optional<int64_t> if_match, const Feature& f) {
  return CheckIfMatch("feature '" + f.name + "'", if_match, f.revision);
}

// The stored form of a value checked against its type: timestamps (int64 ms in the RawValue)
// become RFC 3339 strings, float64 values doubles.
RawValue NormalizeValue(const RawValue& v, ValueType type) {
  if (type == ValueType::kTimestamp && std::holds_alternative<int64_t>(v))
    return FormatRfc3339(std::get<int64_t>(v));
  if (type == ValueType::kFloat64 && std::holds_alternative<int64_t>(v))
    return static_cast<double>(std::get<int64_t>(v));
  return v;
}

}  // namespace

Status ValidateSchema(ValueType type, const FeatureSchema& s) {
  std::vector<FieldError> e;
  if ((s.min || s.max) && !IsNumericType(type))
    e.push_back(
        {s.min ? "schema.min" : "schema.max", "only for int64, float64 and float_vector features"});
  if (s.min && s.max && *s.min > *s.max) e.push_back({"schema.min", "must be <= schema.max"});
  if (s.allowed) {
    if (type != ValueType::kInt64 && type != ValueType::kFloat64 && type != ValueType::kString) {
      e.push_back({"schema.allowed", "only for int64, float64 and string features"});
    } else if (s.allowed->empty()) {
      e.push_back({"schema.allowed", "must not be empty"});
    } else {
      for (size_t i = 0; i < s.allowed->size(); ++i) {
        const RawValue& v = (*s.allowed)[i];
        const std::string f = "schema.allowed[" + std::to_string(i) + "]";
        const bool ok = (type == ValueType::kInt64 && std::holds_alternative<int64_t>(v)) ||
                        (type == ValueType::kFloat64 && AsNumber(v)) ||
                        (type == ValueType::kString && std::holds_alternative<std::string>(v));
        if (!ok) {
          e.push_back({f, std::string("must be a ") + std::string(ToString(type))});
          continue;
        }
        auto n = AsNumber(v);
        if (n && ((s.min && *n < *s.min) || (s.max && *n > *s.max)))
          e.push_back({f, "outside [min, max]"});
      }
    }
  }
  if (s.dimension) {
    if (type != ValueType::kFloatVector)
      e.push_back({"schema.dimension", "only for float_vector features"});
    else if (*s.dimension < 1 || *s.dimension > kMaxDimension)
      e.push_back({"schema.dimension", "must be between 1 and 65536"});
  }
  return validation::Invalid(std::move(e));
}

Status CheckValue(ValueType type, const FeatureSchema& s, RawValue& v, const std::string& field) {
  if (std::holds_alternative<std::monostate>(v)) {
    if (!s.nullable) return FieldInvalid(field, "must not be null");
    return Status::Ok();
  }
  auto range = [&](double x) -> Status {
    if (s.min && x < *s.min)
      return FieldInvalid(field, "below schema min " + std::to_string(*s.min));
    if (s.max && x > *s.max)
      return FieldInvalid(field, "above schema max " + std::to_string(*s.max));
    return Status::Ok();
  };
  switch (type) {
    case ValueType::kInt64:
      if (!std::holds_alternative<int64_t>(v)) return FieldInvalid(field, "must be an integer");
      RETURN_IF_ERROR(range(static_cast<double>(std::get<int64_t>(v))));
      break;
    case ValueType::kFloat64:
      if (auto* i = std::get_if<int64_t>(&v)) v = static_cast<double>(*i);
      if (!std::holds_alternative<double>(v)) return FieldInvalid(field, "must be a number");
      RETURN_IF_ERROR(range(std::get<double>(v)));
      break;
    case ValueType::kString:
      if (!std::holds_alternative<std::string>(v)) return FieldInvalid(field, "must be a string");
      if (std::get<std::string>(v).size() > 65536)
        return FieldInvalid(field, "longer than 65536 bytes");
      break;
    case ValueType::kBool:
      if (!std::holds_alternative<bool>(v)) return FieldInvalid(field, "must be a bool");
      break;
    case ValueType::kTimestamp: {
      auto* str = std::get_if<std::string>(&v);
      std::optional<int64_t> t = str ? ParseRfc3339(*str) : std::nullopt;
      if (!t) return FieldInvalid(field, "must be an RFC 3339 date-time string");
      v = *t;
      break;
    }
    case ValueType::kFloatVector: {
      auto* vec = std::get_if<std::vector<double>>(&v);
      if (!vec) return FieldInvalid(field, "must be an array of numbers");
      if (s.dimension && static_cast<int64_t>(vec->size()) != *s.dimension)
        return FieldInvalid(field, "must have " + std::to_string(*s.dimension) + " elements");
      for (double x : *vec) RETURN_IF_ERROR(range(x));
      break;
    }
  }
  if (s.allowed) {
    bool found = false;
    for (const auto& a : *s.allowed) found = found || SameValue(a, v);
    if (!found) return FieldInvalid(field, "not among schema.allowed");
  }
  return Status::Ok();
}

FeatureService::FeatureService(std::unique_ptr<FeatureStore> store,
                               datasets::DatasetService* datasets, const Clock& clock)
    : store_(std::move(store)), datasets_(datasets), clock_(clock) {}

Status FeatureService::ValidateSource(const FeatureSource& source, ValueType type) {
  if (source.transformation && source.transformation->size() > 65536)
    return FieldInvalid("source.transformation", "longer than 65536 bytes");
  if (!source.dataset_id) return Status::Ok();
  if (!datasets_) return FieldInvalid("source.dataset_id", "datasets are not available");
  auto info = datasets_->Describe(*source.dataset_id);
  if (!info.ok()) {
    if (info.status().code() == StatusCode::kNotFound)
      return FieldInvalid("source.dataset_id", "no dataset '" + *source.dataset_id + "'");
    return info.status();
  }
  for (const auto& [col, ct] : info->columns) {
    if (col != *source.column) continue;
    if (!TypeAccepts(type, ct))
      return FieldInvalid("source.column",
                          "column '" + col + "' is " + std::string(datasets::ToString(ct)) +
                              ", not compatible with " + std::string(ToString(type)));
    return Status::Ok();
  }
  return FieldInvalid("source.column", "dataset has no column '" + *source.column + "'");
}

Result<Feature> FeatureService::Create(const FeatureCreate& c, const std::string& actor) {
  RETURN_IF_ERROR(CheckName(c.name));
  if (!IsValidName(c.entity)) return FieldInvalid("entity", validation::kNameRule);
  if (!c.value_type) return FieldInvalid("value_type", "is required");
  if (c.description.size() > kMaxTextBytes)
    return FieldInvalid("description", "at most 8000 characters");
  if (c.changelog.size() > kMaxTextBytes)
    return FieldInvalid("changelog", "at most 8000 characters");
  RETURN_IF_ERROR(CheckTags(c.tags));
  RETURN_IF_ERROR(ValidateSchema(*c.value_type, c.schema));
  RETURN_IF_ERROR(ValidateSource(c.source, *c.value_type));
  const int64_t now = clock_.NowMillis();
  Feature f;
  f.name = c.name;
  f.entity = c.entity;
  f.description = c.description;
  f.owner = c.owner.value_or(actor);
  f.tags = c.tags;
  f.status = c.status.value_or(FeatureStatus::kActive);
  f.latest_version = 1;
  f.current =
      FeatureVersion{c.name,   1,        *c.value_type,
                     c.schema, c.source, c.changelog.empty() ? "initial version" : c.changelog,
                     actor,    now};
  f.created_by = f.updated_by = actor;
  f.created_at = f.updated_at = now;
  f.revision = 1;
  audit::Entry entry{now,
                     actor,
                     "feature.create",
                     "feature",
                     f.name,
                     {{"entity", f.entity}, {"value_type", std::string(ToString(*c.value_type))}}};
  RETURN_IF_ERROR(store_->Create(f, entry));
  return f;
}

Result<Feature> FeatureService::Get(const std::string& name, std::optional<int64_t> version) {
  if (version && *version < 1) return FieldInvalid("version", "must be >= 1");
  return store_->Get(name, version);
}

Result<FeaturePage> FeatureService::List(const FeatureListRequest& r) {
  FeatureQuery q;
  ASSIGN_OR_RETURN(q.limit, PageLimit(r.limit));
  q.entity = r.entity;
  q.owner = r.owner;
  q.q = r.q;
  if (r.status) {
    q.status = ParseFeatureStatus(*r.status);
    if (!q.status) return FieldInvalid("status", "must be one of active, deprecated, archived");
  }
  if (r.tag) {
    const size_t colon = r.tag->find(':');
    q.tag_key = r.tag->substr(0, colon);
    if (colon != std::string::npos) q.tag_value = r.tag->substr(colon + 1);
    if (q.tag_key->empty()) return FieldInvalid("tag", "must be key or key:value");
  }
  q.page_token = r.page_token;
  return store_->List(q);
}

Result<Feature> FeatureService::Update(const std::string& name, const FeaturePatch& p,
                                       std::optional<int64_t> if_match, const std::string& actor) {
  if (p.description && p.description->size() > kMaxTextBytes)
    return FieldInvalid("description", "at most 8000 characters");
  if (p.owner && p.owner->size() > 256) return FieldInvalid("owner", "at most 256 characters");
  if (p.tags) RETURN_IF_ERROR(CheckTags(*p.tags));
  return store_->Mutate(name, [&](Feature& f) -> Result<audit::Entry> {
    RETURN_IF_ERROR(Precondition(if_match, f));
    audit::Summary summary;
    if (p.description && *p.description != f.description) {
      f.description = *p.description;
      summary["description"] = std::string("changed");
    }
    if (p.owner && *p.owner != f.owner) {
      f.owner = *p.owner;
      summary["owner"] = f.owner;
    }
    if (p.tags && *p.tags != f.tags) {
      f.tags = *p.tags;
      summary["tags"] = static_cast<int64_t>(f.tags.size());
    }
    if (p.status && *p.status != f.status) {
      f.status = *p.status;
      summary["status"] = std::string(ToString(f.status));
    }
    const int64_t now = clock_.NowMillis();
    if (!summary.empty()) {
      f.revision += 1;
      f.updated_at = now;
      f.updated_by = actor;
    }
    return audit::Entry{now, actor, "feature.update", "feature", f.name, std::move(summary)};
  });
}

Result<Feature> FeatureService::Archive(const std::string& name, std::optional<int64_t> if_match,
                                        const std::string& actor) {
  FeaturePatch p;
  p.status = FeatureStatus::kArchived;
  return Update(name, p, if_match, actor);
}

Result<std::vector<FeatureVersion>> FeatureService::Versions(const std::string& name) {
  return store_->Versions(name);
}

Result<FeatureVersion> FeatureService::GetVersion(const std::string& name, int64_t version) {
  ASSIGN_OR_RETURN(Feature f, Get(name, version));
  return f.current;
}

Result<Feature> FeatureService::AddVersion(const std::string& name, const VersionCreate& c,
                                           std::optional<int64_t> if_match,
                                           const std::string& actor) {
  if (c.changelog.empty()) return FieldInvalid("changelog", "is required");
  if (c.changelog.size() > kMaxTextBytes)
    return FieldInvalid("changelog", "at most 8000 characters");
  ASSIGN_OR_RETURN(Feature latest, store_->Get(name, std::nullopt));
  const ValueType type = c.value_type.value_or(latest.current.value_type);
  const FeatureSchema schema = c.schema.value_or(latest.current.schema);
  const FeatureSource source = c.source.value_or(latest.current.source);
  RETURN_IF_ERROR(ValidateSchema(type, schema));
  RETURN_IF_ERROR(ValidateSource(source, type));
  return store_->AddVersion(name, [&](Feature& f) -> Result<audit::Entry> {
    RETURN_IF_ERROR(Precondition(if_match, f));
    if (f.status == FeatureStatus::kArchived)
      return FailedPrecondition("feature '" + name + "' is archived");
    if (type == f.current.value_type && schema == f.current.schema && source == f.current.source)
      return InvalidArgument("a new version must change value_type, schema or source",
                             {{"", "no change of value_type, schema or source"}});
    const int64_t now = clock_.NowMillis();
    f.latest_version += 1;
    f.current =
        FeatureVersion{f.name, f.latest_version, type, schema, source, c.changelog, actor, now};
    f.revision += 1;
    f.updated_at = now;
    f.updated_by = actor;
    return audit::Entry{
        now,       actor,  "feature.new_version",
        "feature", f.name, {{"version", f.latest_version}, {"changelog", c.changelog}}};
  });
}

Result<std::vector<Feature>> FeatureService::RequireFeatures(
    const std::vector<std::string>& names) {
  ASSIGN_OR_RETURN(auto found, store_->GetLatestMany(names));
  std::vector<Feature> out;
  for (const auto& n : names) {
    auto it = found.find(n);
    if (it == found.end()) return NotFound("feature '" + n + "' not found");
    out.push_back(it->second);
  }
  return out;
}

Result<int64_t> FeatureService::WriteValues(std::vector<ValueRowInput> rows,
                                            const std::string& actor) {
  if (rows.empty() || rows.size() > kMaxValueRows)
    return FieldInvalid("rows", "must hold 1 to 10000 rows");
  std::vector<std::string> names;
  for (const auto& r : rows) names.push_back(r.feature);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  ASSIGN_OR_RETURN(auto found, store_->GetLatestMany(names));
  std::vector<StoredValue> values;
  values.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ValueRowInput& r = rows[i];
    const std::string at = "rows[" + std::to_string(i) + "].";
    if (r.entity_key.empty() || r.entity_key.size() > kMaxEntityKeyBytes)
      return FieldInvalid(at + "entity_key", "must be 1-512 bytes");
    auto it = found.find(r.feature);
    if (it == found.end()) return FieldInvalid(at + "feature", "no feature '" + r.feature + "'");
    const Feature& f = it->second;
    if (f.status == FeatureStatus::kArchived)
      return FailedPrecondition(at + "feature: feature '" + f.name + "' is archived");
    RETURN_IF_ERROR(CheckValue(f.current.value_type, f.current.schema, r.value, at + "value"));
    values.push_back(StoredValue{r.feature, std::move(r.entity_key), r.event_time,
                                 NormalizeValue(r.value, f.current.value_type)});
  }
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ",") + n;
  audit::Entry entry{clock_.NowMillis(),
                     actor,
                     "feature.write_values",
                     "feature",
                     names.size() == 1 ? names[0] : "*",
                     {{"rows", static_cast<int64_t>(values.size())}, {"features", list}}};
  RETURN_IF_ERROR(store_->WriteValues(values, entry));
  return static_cast<int64_t>(values.size());
}

Result<OnlineResult> FeatureService::Online(const OnlineRequest& r) {
  if (r.entity.empty()) return FieldInvalid("entity", "is required");
  if (r.keys.empty() || r.keys.size() > kMaxOnlineKeys)
    return FieldInvalid("keys", "must list 1 to 1000 entity keys");
  if (r.features.empty() || r.features.size() > kMaxRequestFeatures)
    return FieldInvalid("features", "must list 1 to 100 features");
  std::set<std::string> distinct(r.features.begin(), r.features.end());
  if (distinct.size() != r.features.size())
    return FieldInvalid("features", "must not repeat a feature");
  for (const auto& k : r.keys)
    if (k.empty()) return FieldInvalid("keys", "must not contain an empty key");
  ASSIGN_OR_RETURN(auto features, RequireFeatures(r.features));
  for (const auto& f : features)
    if (f.entity != r.entity)
      return FieldInvalid("features", "feature '" + f.name + "' belongs to entity '" + f.entity +
                                          "', not '" + r.entity + "'");
  ASSIGN_OR_RETURN(auto cells, store_->Online(r.features, r.keys));
  OnlineResult out;
  out.entity = r.entity;
  out.features = r.features;
  out.rows.reserve(r.keys.size());
  for (size_t k = 0; k < r.keys.size(); ++k) {
    OnlineRow row;
    row.entity_key = r.keys[k];
    for (size_t f = 0; f < r.features.size(); ++f) row.cells.push_back(cells[f][k]);
    out.rows.push_back(std::move(row));
  }
  return out;
}

Result<HistoricalResult> FeatureService::Historical(const HistoricalRequest& r) {
  if (r.features.empty() || r.features.size() > kMaxRequestFeatures)
    return FieldInvalid("features", "must list 1 to 100 features");
  std::set<std::string> distinct(r.features.begin(), r.features.end());
  if (distinct.size() != r.features.size())
    return FieldInvalid("features", "must not repeat a feature");
  if (r.entity_rows.size() > kMaxHistoricalRows)
    return FieldInvalid("entity_rows", "at most 1000000 rows");
  for (size_t i = 0; i < r.entity_rows.size(); ++i)
    if (r.entity_rows[i].entity_key.empty())
      return FieldInvalid("entity_rows[" + std::to_string(i) + "].entity_key", "must not be empty");
  RETURN_IF_ERROR(RequireFeatures(r.features).status());

  HistoricalResult out;
  out.features = r.features;
  out.rows.resize(r.entity_rows.size());
  for (size_t i = 0; i < r.entity_rows.size(); ++i) {
    out.rows[i].entity_key = r.entity_rows[i].entity_key;
    out.rows[i].event_time = r.entity_rows[i].event_time;
    out.rows[i].cells.resize(r.features.size());
  }
  // Rows grouped by key, each group sorted by event time (stable: request order on ties).
  std::unordered_map<std::string, std::vector<size_t>> by_key;
  std::vector<std::string> keys;
  for (size_t i = 0; i < r.entity_rows.size(); ++i) {
    auto [it, fresh] = by_key.try_emplace(r.entity_rows[i].entity_key);
    if (fresh) keys.push_back(r.entity_rows[i].entity_key);
    it->second.push_back(i);
  }
  for (auto& [k, idx] : by_key) {
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      return r.entity_rows[a].event_time < r.entity_rows[b].event_time;
    });
  }
  for (size_t fi = 0; fi < r.features.size(); ++fi) {
    for (size_t at = 0; at < keys.size(); at += kHistoryKeyBatch) {
      if (CancellationRequested()) return Cancelled();
      const size_t n = std::min(kHistoryKeyBatch, keys.size() - at);
      std::vector<std::string> batch(keys.begin() + at, keys.begin() + at + n);
      int64_t max_time = std::numeric_limits<int64_t>::min();
      for (const auto& k : batch)
        max_time = std::max(max_time, r.entity_rows[by_key[k].back()].event_time);
      ASSIGN_OR_RETURN(auto points, store_->History(r.features[fi], batch, max_time));
      // Points come grouped by key, ascending event time within a key.
      size_t p = 0;
      while (p < points.size()) {
        size_t end = p;
        while (end < points.size() && points[end].entity_key == points[p].entity_key) ++end;
        const auto& idx = by_key[points[p].entity_key];
        size_t q = p;  // sweep: q = first point with event_time > row time
        for (size_t row : idx) {
          const int64_t t = r.entity_rows[row].event_time;
          while (q < end && points[q].event_time <= t) ++q;
          if (q > p) {
            Cell& c = out.rows[row].cells[fi];
            c.value = points[q - 1].value;
            c.event_time = points[q - 1].event_time;
          }
        }
        p = end;
      }
    }
  }
  return out;
}

Result<int64_t> FeatureService::Materialize(const std::string& name, const MaterializeRequest& m,
                                            const std::string& actor) {
  if (!datasets_) return FieldInvalid("dataset_id", "datasets are not available");
  ASSIGN_OR_RETURN(Feature f, store_->Get(name, std::nullopt));
  if (f.status == FeatureStatus::kArchived)
    return FailedPrecondition("feature '" + name + "' is archived");
  auto load = [&](const std::string& col, const char* field) -> Result<datasets::TypedColumn> {
    auto c = datasets_->ReadTypedColumn(m.dataset_id, col);
    if (!c.ok() && c.status().code() == StatusCode::kNotFound) {
      if (!datasets_->Get(m.dataset_id).ok()) return c.status();  // unknown dataset: 404
      return FieldInvalid(field, "dataset has no column '" + col + "'");
    }
    return c;
  };
  ASSIGN_OR_RETURN(auto keys, load(m.entity_column, "entity_column"));
  ASSIGN_OR_RETURN(auto times, load(m.timestamp_column, "timestamp_column"));
  ASSIGN_OR_RETURN(auto vals, load(m.value_column, "value_column"));
  if (keys.type != ColumnType::kString && keys.type != ColumnType::kInt64)
    return FieldInvalid("entity_column", "must be a string or int64 column");
  if (times.type != ColumnType::kTimestamp && times.type != ColumnType::kInt64)
    return FieldInvalid("timestamp_column", "must be a timestamp (or int64 milliseconds) column");
  const ValueType type = f.current.value_type;
  if (!TypeAccepts(type, vals.type))
    return FieldInvalid("value_column", "column is " + std::string(datasets::ToString(vals.type)) +
                                            ", not compatible with " + std::string(ToString(type)));
  std::vector<StoredValue> out;
  out.reserve(keys.count);
  for (size_t i = 0; i < keys.count; ++i) {
    const std::string row =
        "row " + std::to_string(i) + " (CSV line " + std::to_string(i + 2) + ")";
    if (!keys.IsPresent(i)) return FieldInvalid("entity_column", row + ": missing entity key");
    if (!times.IsPresent(i)) return FieldInvalid("timestamp_column", row + ": missing timestamp");
    std::string key = keys.type == ColumnType::kString ? std::string(keys.StringAt(i))
                                                       : std::to_string(keys.ints[i]);
    if (key.size() > kMaxEntityKeyBytes)
      return FieldInvalid("entity_column", row + ": key too long");
    RawValue v;
    if (vals.IsPresent(i)) {
      switch (vals.type) {
        case ColumnType::kInt64:
          v = vals.ints[i];
          break;
        case ColumnType::kFloat64:
          v = vals.doubles[i];
          break;
        case ColumnType::kBool:
          v = vals.ints[i] != 0;
          break;
        case ColumnType::kTimestamp:
          v = FormatRfc3339(vals.ints[i]);
          break;
        case ColumnType::kString:
          v = std::string(vals.StringAt(i));
          break;
      }
    }
    Status s = CheckValue(type, f.current.schema, v, "value_column");
    if (!s.ok()) return FieldInvalid("value_column", row + ": " + s.errors().front().message);
    out.push_back(StoredValue{f.name, std::move(key), times.ints[i], NormalizeValue(v, type)});
  }
  audit::Entry entry{clock_.NowMillis(),
                     actor,
                     "feature.materialize",
                     "feature",
                     f.name,
                     {{"dataset_id", m.dataset_id}, {"rows", static_cast<int64_t>(out.size())}}};
  if (!out.empty()) RETURN_IF_ERROR(store_->WriteValues(out, entry));
  return static_cast<int64_t>(out.size());
}

Result<std::vector<std::string>> FeatureService::UsersOfDataset(const std::string& dataset_id) {
  ASSIGN_OR_RETURN(auto names, store_->FeaturesUsingDataset(dataset_id));
  for (auto& n : names) n = "feature '" + n + "'";
  return names;
}

}  // namespace cairn::features
