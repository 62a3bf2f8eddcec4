// Feature store domain types (SPEC §3): features, their immutable versions, and values.
// Plain structs; no SQL, no JSON, no HTTP. Thread-compatible values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/page.h"

namespace cairn::features {

using StringMap = std::map<std::string, std::string>;

enum class ValueType { kInt64, kFloat64, kString, kBool, kTimestamp, kFloatVector };
enum class FeatureStatus { kActive, kDeprecated, kArchived };

[[nodiscard]] std::string_view ToString(ValueType t);
[[nodiscard]] std::optional<ValueType> ParseValueType(std::string_view s);
[[nodiscard]] std::string_view ToString(FeatureStatus s);
[[nodiscard]] std::optional<FeatureStatus> ParseFeatureStatus(std::string_view s);

// A value as it arrives in JSON, before it is checked against a feature's type:
// null, integer, floating-point number, bool, string, or an array of numbers.
using RawValue =
    std::variant<std::monostate, int64_t, double, bool, std::string, std::vector<double>>;

// Constraints of a version (SPEC: nullable, min, max, allowed, dimension).
struct FeatureSchema {
  bool nullable = true;
  std::optional<double> min;
  std::optional<double> max;
  std::optional<std::vector<RawValue>> allowed;  // int64, float64, string features
  std::optional<int64_t> dimension;              // float_vector features
  bool operator==(const FeatureSchema&) const = default;
};

// Either a dataset column or a transformation text (or nothing).
struct FeatureSource {
  std::optional<std::string> dataset_id;
  std::optional<std::string> column;
  std::optional<std::string> transformation;
  bool operator==(const FeatureSource&) const = default;
  bool empty() const { return !dataset_id && !transformation; }
};

struct FeatureVersion {
  std::string name;
  int64_t version = 1;
  ValueType value_type = ValueType::kFloat64;
  FeatureSchema schema;
  FeatureSource source;
  std::string changelog;
  std::string created_by;
  int64_t created_at = 0;
};

// A feature's metadata with one of its versions (the latest unless asked otherwise).
struct Feature {
  std::string name;
  std::string entity;
  std::string description;
  std::string owner;
  StringMap tags;
  FeatureStatus status = FeatureStatus::kActive;
  int64_t latest_version = 1;
  FeatureVersion current;  // the version this representation shows
  std::string created_by;
  std::string updated_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t revision = 1;
};

struct FeatureCreate {
  std::string name;
  std::string entity;
  std::optional<ValueType> value_type;
  std::string description;
  std::optional<std::string> owner;
  StringMap tags;
  std::optional<FeatureStatus> status;
  FeatureSchema schema;
  FeatureSource source;
  std::string changelog;
};

struct FeaturePatch {
  std::optional<std::string> description;
  std::optional<std::string> owner;
  std::optional<StringMap> tags;
  std::optional<FeatureStatus> status;
};

// POST /features/{name}/versions: absent members inherit from the current version.
struct VersionCreate {
  std::optional<ValueType> value_type;
  std::optional<FeatureSchema> schema;
  std::optional<FeatureSource> source;
  std::string changelog;
};

struct FeatureListRequest {
  std::optional<std::string> entity, owner, tag, status, q;
  std::optional<int64_t> limit;
  std::string page_token;
};

// Validated list query for the store. `tag` is "key" or "key:value".
struct FeatureQuery {
  std::optional<std::string> entity, owner, tag_key, tag_value, q;
  std::optional<FeatureStatus> status;
  int limit = kDefaultPageSize;
  std::string page_token;
};

using FeaturePage = Page<Feature>;

// ---- values

inline constexpr size_t kMaxValueRows = 10000;
inline constexpr size_t kMaxEntityKeyBytes = 512;
inline constexpr size_t kMaxOnlineKeys = 1000;
inline constexpr size_t kMaxRequestFeatures = 100;
inline constexpr size_t kMaxHistoricalRows = 1000000;

struct ValueRowInput {
  std::string entity_key;
  std::string feature;
  RawValue value;
  int64_t event_time = 0;
};

// A validated value ready to store, normalised to its type (NormalizeValue): timestamps are
// RFC 3339 strings, float64 values doubles.
struct StoredValue {
  std::string feature;
  std::string entity_key;
  int64_t event_time = 0;
  RawValue value;
};

struct OnlineRequest {
  std::string entity;
  std::vector<std::string> keys;
  std::vector<std::string> features;
};

// One looked-up cell: a null value and no event time when there is no value.
struct Cell {
  RawValue value;
  std::optional<int64_t> event_time;
};

struct OnlineRow {
  std::string entity_key;
  std::vector<Cell> cells;  // in request feature order
};

struct OnlineResult {
  std::string entity;
  std::vector<std::string> features;
  std::vector<OnlineRow> rows;  // in request key order
};

struct EntityRow {
  std::string entity_key;
  int64_t event_time = 0;
};

struct HistoricalRequest {
  std::vector<EntityRow> entity_rows;
  std::vector<std::string> features;
};

struct HistoricalRow {
  std::string entity_key;
  int64_t event_time = 0;
  std::vector<Cell> cells;  // in request feature order
};

struct HistoricalResult {
  std::vector<std::string> features;
  std::vector<HistoricalRow> rows;  // in request order
};

struct MaterializeRequest {
  std::string dataset_id;
  std::string entity_column;
  std::string timestamp_column;
  std::string value_column;
};

// A stored point returned by history reads.
struct HistoryPoint {
  std::string entity_key;
  int64_t event_time = 0;
  RawValue value;
};

}  // namespace cairn::features
