#include "features/feature_json.h"

#include <boost/json.hpp>
#include <limits>

#include "common/json.h"
#include "common/time.h"

namespace cairn::features {
namespace {

namespace bj = boost::json;
using json::ObjectReader;

constexpr size_t kMaxReportedErrors = 20;

Result<RawValue> ToRaw(const bj::value& v, bool allow_array) {
  switch (v.kind()) {
    case bj::kind::null:
      return RawValue{};
    case bj::kind::int64:
      return RawValue{v.get_int64()};
    case bj::kind::uint64:
      if (v.get_uint64() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return RawValue{static_cast<int64_t>(v.get_uint64())};
      return RawValue{static_cast<double>(v.get_uint64())};
    case bj::kind::double_:
      return RawValue{v.get_double()};
    case bj::kind::bool_:
      return RawValue{v.get_bool()};
    case bj::kind::string:
      return RawValue{std::string(v.get_string())};
    case bj::kind::array: {
      if (!allow_array) break;
      std::vector<double> out;
      for (const auto& e : v.get_array()) {
        if (!e.is_number()) return InvalidArgument("array elements must be numbers");
        out.push_back(e.to_number<double>());
      }
      return RawValue{std::move(out)};
    }
    default:
      break;
  }
  return InvalidArgument(allow_array
                             ? "must be null, a number, a string, a bool or an array of numbers"
                             : "must be a number, a string or a bool");
}

bj::value RawToJson(const RawValue& v) {
  return std::visit(
      [](const auto& x) -> bj::value {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return nullptr;
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
          bj::array a;
          for (double d : x) a.push_back(d);
          return a;
        } else {
          return bj::value(x);
        }
      },
      v);
}

std::optional<ValueType> ReadValueType(ObjectReader& r, bool required) {
  auto s = r.String("value_type", required);
  if (!s) return std::nullopt;
  auto t = ParseValueType(*s);
  if (!t)
    r.AddError(r.Field("value_type"),
               "must be one of int64, float64, string, bool, timestamp, float_vector");
  return t;
}

std::optional<FeatureStatus> ReadStatus(ObjectReader& r) {
  auto s = r.String("status");
  if (!s) return std::nullopt;
  auto st = ParseFeatureStatus(*s);
  if (!st) r.AddError(r.Field("status"), "must be one of active, deprecated, archived");
  return st;
}

FeatureSchema ReadSchema(const bj::value& v, std::vector<FieldError>& errors) {
  FeatureSchema s;
  ObjectReader r(v, "schema.");
  if (!r.is_object()) {
    errors.push_back({"schema", "must be an object"});
    return s;
  }
  if (auto b = r.Bool("nullable")) s.nullable = *b;
  s.min = r.Number("min");
  s.max = r.Number("max");
  s.dimension = r.Int("dimension");
  if (const bj::value* a = r.Raw("allowed")) {
    if (!a->is_array()) {
      r.AddError("schema.allowed", "must be an array");
    } else {
      std::vector<RawValue> allowed;
      for (size_t i = 0; i < a->get_array().size(); ++i) {
        const auto& e = a->get_array()[i];
        auto raw = ToRaw(e, false);
        if (!raw.ok() || e.is_null()) {
          r.AddError("schema.allowed[" + std::to_string(i) + "]",
                     "must be a number, a string or a bool");
          continue;
        }
        allowed.push_back(*raw);
      }
      s.allowed = std::move(allowed);
    }
  }
  r.CollectInto(errors);
  return s;
}

FeatureSource ReadSource(const bj::value& v, std::vector<FieldError>& errors) {
  FeatureSource s;
  if (v.is_string()) {
    s.transformation = std::string(v.get_string());
    if (s.transformation->empty()) errors.push_back({"source", "must not be empty"});
    return s;
  }
  ObjectReader r(v, "source.");
  if (!r.is_object()) {
    errors.push_back({"source", "must be an object {dataset_id, column} or a transformation text"});
    return s;
  }
  s.dataset_id = r.String("dataset_id");
  s.column = r.String("column");
  s.transformation = r.String("transformation");
  if (s.dataset_id && s.transformation)
    r.AddError("source", "give either dataset_id and column or transformation, not both");
  if (s.dataset_id.has_value() != s.column.has_value())
    r.AddError("source", "dataset_id and column go together");
  if (!s.dataset_id && !s.transformation)
    r.AddError("source", "needs dataset_id and column, or transformation");
  r.CollectInto(errors);
  return s;
}

Result<bj::value> ParseObject(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  if (!v.is_object()) return json::ValidationError({{"", "the body must be a JSON object"}});
  return v;
}

bj::object SchemaObject(const FeatureSchema& s) {
  bj::object o;
  o["nullable"] = s.nullable;
  if (s.min) o["min"] = *s.min;
  if (s.max) o["max"] = *s.max;
  if (s.allowed) {
    bj::array a;
    for (const auto& v : *s.allowed) a.push_back(RawToJson(v));
    o["allowed"] = std::move(a);
  }
  if (s.dimension) o["dimension"] = *s.dimension;
  return o;
}

bj::value SourceValue(const FeatureSource& s) {
  if (s.empty()) return nullptr;
  bj::object o;
  if (s.dataset_id) o["dataset_id"] = *s.dataset_id;
  if (s.column) o["column"] = *s.column;
  if (s.transformation) o["transformation"] = *s.transformation;
  return o;
}

bj::object VersionObject(const FeatureVersion& v) {
  return bj::object{{"name", v.name},
                    {"version", v.version},
                    {"value_type", ToString(v.value_type)},
                    {"schema", SchemaObject(v.schema)},
                    {"source", SourceValue(v.source)},
                    {"changelog", v.changelog},
                    {"created_by", v.created_by},
                    {"created_at", FormatRfc3339(v.created_at)}};
}

bj::object FeatureObject(const Feature& f) {
  bj::object tags;
  for (const auto& [k, v] : f.tags) tags[k] = v;
  return bj::object{{"name", f.name},
                    {"version", f.current.version},
                    {"latest_version", f.latest_version},
                    {"description", f.description},
                    {"entity", f.entity},
                    {"value_type", ToString(f.current.value_type)},
                    {"schema", SchemaObject(f.current.schema)},
                    {"source", SourceValue(f.current.source)},
                    {"changelog", f.current.changelog},
                    {"owner", f.owner},
                    {"tags", std::move(tags)},
                    {"status", ToString(f.status)},
                    {"created_by", f.created_by},
                    {"created_at", FormatRfc3339(f.created_at)},
                    {"updated_by", f.updated_by},
                    {"updated_at", FormatRfc3339(f.updated_at)},
                    {"version_created_at", FormatRfc3339(f.current.created_at)},
                    {"revision", f.revision}};
}

bj::value CellValue(const Cell& c) { return RawToJson(c.value); }

bj::value CellTime(const Cell& c) {
  return c.event_time ? bj::value(FormatRfc3339(*c.event_time)) : bj::value(nullptr);
}

std::optional<int64_t> ReadTime(ObjectReader& r, std::string_view key) {
  auto s = r.String(key, true);
  if (!s) return std::nullopt;
  auto t = ParseRfc3339(*s);
  if (!t) r.AddError(r.Field(key), "must be an RFC 3339 date-time");
  return t;
}

std::vector<std::string> ReadFeatureNames(ObjectReader& r) {
  std::vector<std::string> out;
  const bj::value* f = r.Raw("features", true);
  if (!f) return out;
  if (!f->is_array() || f->get_array().empty()) {
    r.AddError("features", "must be a non-empty array of feature names");
    return out;
  }
  for (size_t i = 0; i < f->get_array().size(); ++i) {
    const auto& e = f->get_array()[i];
    if (!e.is_string()) {
      r.AddError("features[" + std::to_string(i) + "]", "must be a string");
      continue;
    }
    out.emplace_back(e.get_string());
  }
  return out;
}

}  // namespace

std::string_view ToString(ValueType t) {
  switch (t) {
    case ValueType::kInt64:
      return "int64";
    case ValueType::kFloat64:
      return "float64";
    case ValueType::kString:
      return "string";
    case ValueType::kBool:
      return "bool";
    case ValueType::kTimestamp:
      return "timestamp";
    case ValueType::kFloatVector:
      return "float_vector";
  }
  return "string";
}

std::optional<ValueType> ParseValueType(std::string_view s) {
  for (auto t : {ValueType::kInt64, ValueType::kFloat64, ValueType::kString, ValueType::kBool,
                 ValueType::kTimestamp, ValueType::kFloatVector})
    if (ToString(t) == s) return t;
  return std::nullopt;
}

std::string_view ToString(FeatureStatus s) {
  switch (s) {
    case FeatureStatus::kActive:
      return "active";
    case FeatureStatus::kDeprecated:
      return "deprecated";
    case FeatureStatus::kArchived:
      return "archived";
  }
  return "active";
}

std::optional<FeatureStatus> ParseFeatureStatus(std::string_view s) {
  for (auto st : {FeatureStatus::kActive, FeatureStatus::kDeprecated, FeatureStatus::kArchived})
    if (ToString(st) == s) return st;
  return std::nullopt;
}

Result<FeatureCreate> ParseFeatureCreate(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, ParseObject(body));
  ObjectReader r(v);
  FeatureCreate c;
  c.name = r.String("name", true).value_or("");
  c.entity = r.String("entity", true).value_or("");
  c.value_type = ReadValueType(r, true);
  c.description = r.String("description").value_or("");
  c.owner = r.String("owner");
  c.tags = r.Strings("tags").value_or(StringMap{});
  c.status = ReadStatus(r);
  c.changelog = r.String("changelog").value_or("");
  std::vector<FieldError> errors;
  if (const bj::value* s = r.Raw("schema")) c.schema = ReadSchema(*s, errors);
  if (const bj::value* s = r.Raw("source")) c.source = ReadSource(*s, errors);
  r.CollectInto(errors);
  if (!errors.empty()) return json::ValidationError(std::move(errors));
  return c;
}

Result<FeaturePatch> ParseFeaturePatch(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, ParseObject(body));
  ObjectReader r(v);
  FeaturePatch p;
  p.description = r.String("description");
  p.owner = r.String("owner");
  p.tags = r.Strings("tags");
  p.status = ReadStatus(r);
  RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<VersionCreate> ParseVersionCreate(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, ParseObject(body));
  ObjectReader r(v);
  VersionCreate c;
  c.value_type = ReadValueType(r, false);
  c.changelog = r.String("changelog", true).value_or("");
  std::vector<FieldError> errors;
  if (const bj::value* s = r.Raw("schema")) c.schema = ReadSchema(*s, errors);
  if (r.Has("source")) {
    const bj::value* s = r.Raw("source");
    c.source = s ? ReadSource(*s, errors) : FeatureSource{};  // null removes the source
  }
  r.CollectInto(errors);
  if (!errors.empty()) return json::ValidationError(std::move(errors));
  return c;
}

Result<std::vector<ValueRowInput>> ParseValueRows(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, ParseObject(body));
  ObjectReader top(v);
  std::vector<FieldError> errors;
  std::vector<ValueRowInput> out;
  const bj::value* rows = top.Raw("rows", true);
  top.CollectInto(errors);
  if (!errors.empty()) return json::ValidationError(std::move(errors));
  if (!rows->is_array() || rows->get_array().empty() || rows->get_array().size() > kMaxValueRows)
    return json::ValidationError({{"rows", "must be an array of 1 to 10000 rows"}});
  const auto& arr = rows->get_array();
  out.reserve(arr.size());
  for (size_t i = 0; i < arr.size() && errors.size() < kMaxReportedErrors; ++i) {
    const std::string prefix = "rows[" + std::to_string(i) + "].";
    ObjectReader r(arr[i], prefix);
    if (!r.is_object()) {
      errors.push_back({"rows[" + std::to_string(i) + "]", "must be an object"});
      continue;
    }
    ValueRowInput row;
    row.entity_key = r.String("entity_key", true).value_or("");
    row.feature = r.String("feature", true).value_or("");
    auto t = ReadTime(r, "event_time");
    row.event_time = t.value_or(0);
    if (!r.Has("value")) {
      r.AddError(prefix + "value", "is required");
    } else if (const bj::value* val = r.Raw("value")) {
      auto raw = ToRaw(*val, true);
      if (!raw.ok())
        r.AddError(prefix + "value", raw.status().message());
      else
        row.value = std::move(*raw);
    }
    r.CollectInto(errors);
    out.push_back(std::move(row));
  }
  if (!errors.empty()) return json::ValidationError(std::move(errors));
  return out;
}

Result<HistoricalRequest> ParseHistorical(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, ParseObject(body));
  ObjectReader r(v);
  HistoricalRequest h;
  h.features = ReadFeatureNames(r);
  std::vector<FieldError> errors;
  const bj::value* rows = r.Raw("entity_rows", true);
  r.CollectInto(errors);
  if (rows && (!rows->is_array() || rows->get_array().size() > kMaxHistoricalRows)) {
    errors.push_back({"entity_rows", "must be an array of at most 1000000 rows"});
  } else if (rows) {
    const auto& arr = rows->get_array();
    h.entity_rows.reserve(arr.size());
    for (size_t i = 0; i < arr.size() && errors.size() < kMaxReportedErrors; ++i) {
      ObjectReader er(arr[i], "entity_rows[" + std::to_string(i) + "].");
      if (!er.is_object()) {
        errors.push_back({"entity_rows[" + std::to_string(i) + "]", "must be an object"});
        continue;
      }
      EntityRow row;
      row.entity_key = er.String("entity_key", true).value_or("");
      row.event_time = ReadTime(er, "event_time").value_or(0);
      er.CollectInto(errors);
      h.entity_rows.push_back(std::move(row));
    }
  }
  if (!errors.empty()) return json::ValidationError(std::move(errors));
  return h;
}

Result<MaterializeRequest> ParseMaterialize(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, ParseObject(body));
  ObjectReader r(v);
  MaterializeRequest m;
  m.dataset_id = r.String("dataset_id", true).value_or("");
  m.entity_column = r.String("entity_column", true).value_or("");
  m.timestamp_column = r.String("timestamp_column", true).value_or("");
  m.value_column = r.String("value_column", true).value_or("");
  RETURN_IF_ERROR(r.Finish());
  return m;
}

std::string FeatureToJson(const Feature& f) { return ::cairn::json::Serialize(FeatureObject(f)); }

std::string FeaturePageToJson(const FeaturePage& page) {
  bj::array items;
  for (const auto& f : page.items) items.push_back(FeatureObject(f));
  bj::object o{{"items", std::move(items)}};
  o["next_page_token"] =
      page.next_page_token ? bj::value(*page.next_page_token) : bj::value(nullptr);
  return ::cairn::json::Serialize(o);
}

std::string VersionToJson(const FeatureVersion& v) {
  return ::cairn::json::Serialize(VersionObject(v));
}

std::string VersionsToJson(const std::vector<FeatureVersion>& versions) {
  bj::array items;
  for (auto it = versions.rbegin(); it != versions.rend(); ++it)
    items.push_back(VersionObject(*it));
  return ::cairn::json::Serialize(
      bj::object{{"items", std::move(items)}, {"next_page_token", nullptr}});
}

std::string OnlineToJson(const OnlineResult& r) {
  bj::array rows;
  for (const auto& row : r.rows) {
    bj::object values, times;
    for (size_t i = 0; i < r.features.size(); ++i) {
      values[r.features[i]] = CellValue(row.cells[i]);
      times[r.features[i]] = CellTime(row.cells[i]);
    }
    rows.push_back(bj::object{{"entity_key", row.entity_key},
                              {"values", std::move(values)},
                              {"event_times", std::move(times)}});
  }
  return ::cairn::json::Serialize(bj::object{{"entity", r.entity}, {"rows", std::move(rows)}});
}

std::string HistoricalToJson(const HistoricalResult& r) {
  bj::array rows;
  rows.reserve(r.rows.size());
  for (const auto& row : r.rows) {
    bj::object values;
    for (size_t i = 0; i < r.features.size(); ++i) values[r.features[i]] = CellValue(row.cells[i]);
    rows.push_back(bj::object{{"entity_key", row.entity_key},
                              {"event_time", FormatRfc3339(row.event_time)},
                              {"values", std::move(values)}});
  }
  return ::cairn::json::Serialize(bj::object{{"rows", std::move(rows)}});
}

std::string WrittenToJson(int64_t n) {
  return ::cairn::json::Serialize(bj::object{{"written", n}});
}

std::string SchemaToStoredText(const FeatureSchema& s) {
  return ::cairn::json::Serialize(SchemaObject(s));
}

FeatureSchema SchemaFromStoredText(const std::string& text) {
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  FeatureSchema s;
  if (ec || !v.is_object()) return s;  // written by SchemaToStoredText; never expected
  std::vector<FieldError> ignored;
  return ReadSchema(v, ignored);
}

std::string EncodeStoredValue(const RawValue& v) { return ::cairn::json::Serialize(RawToJson(v)); }

RawValue DecodeStoredValue(std::string_view text) {
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec) return std::monostate{};
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double()) return v.get_double();
  if (v.is_bool()) return v.get_bool();
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_array()) {
    std::vector<double> out;
    for (const auto& e : v.get_array()) {
      if (e.is_double()) {
        out.push_back(e.get_double());
      } else if (e.is_int64()) {
        out.push_back(static_cast<double>(e.get_int64()));
      } else if (e.is_uint64()) {
        out.push_back(static_cast<double>(e.get_uint64()));
      } else {
        return std::monostate{};
      }
    }
    return out;
  }
  return std::monostate{};
}

}  // namespace cairn::features
