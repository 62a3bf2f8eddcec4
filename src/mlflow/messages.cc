#include "mlflow/messages.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>
#include <utility>

#include "common/json.h"
#include "mlflow/python_repr.h"

namespace cairn::mlflow::msg {

namespace {

constexpr std::string_view kRunStatusNames[] = {"RUNNING", "SCHEDULED", "FINISHED", "FAILED",
                                                "KILLED"};
constexpr std::string_view kViewTypeNames[] = {"ACTIVE_ONLY", "DELETED_ONLY", "ALL"};

std::optional<int> EnumNumber(const bj::value& v, const std::string_view* names, int count) {
  if (v.is_string()) {
    const std::string_view s = v.get_string();
    for (int i = 0; i < count; ++i) {
      if (names[i] == s) return i + 1;
    }
  }
  if (auto n = ReadInt64(v); n && *n >= 1 && *n <= count) return static_cast<int>(*n);
  return std::nullopt;
}

bj::array KeyValues(const std::vector<KeyValue>& items) {
  bj::array a;
  a.reserve(items.size());
  for (const auto& kv : items) a.push_back(bj::object{{"key", kv.key}, {"value", kv.value}});
  return a;
}

bj::value MetricValue(double v) {
  if (std::isnan(v)) return bj::value("NaN");
  if (std::isinf(v)) {
    return bj::value(v > 0 ? std::numeric_limits<double>::max()
                           : -std::numeric_limits<double>::max());
  }
  return bj::value(v);
}

Status Invalid(std::string message) { return InvalidArgument(std::move(message)); }

std::string DocsHint() {
  return " See the API docs for more information about request parameters.";
}

// posixpath.normpath
std::string NormPath(std::string_view path) {
  if (path.empty()) return ".";
  size_t initial = 0;
  while (initial < path.size() && path[initial] == '/') ++initial;
  std::string prefix = initial == 0 ? "" : (initial == 2 ? "//" : "/");
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= path.size()) {
    const size_t j = path.find('/', i);
    const std::string_view comp =
        path.substr(i, (j == std::string_view::npos ? path.size() : j) - i);
    if (!comp.empty() && comp != ".") {
      if (comp != ".." || (prefix.empty() && (parts.empty() || parts.back() == ".."))) {
        parts.emplace_back(comp);
      } else if (!parts.empty()) {
        parts.pop_back();
      }
    }
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  std::string out = prefix;
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) out += '/';
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

bool ValidKeyChars(std::string_view key) {
  for (char c : key) {
    const auto u = static_cast<unsigned char>(c);
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '/' || c == '.' || c == '-' || c == ' ' || u >= 0x80;
    if (!ok) return false;
  }
  return true;
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string Truncate(std::string value, size_t limit) {
  if (value.size() > limit) value.resize(limit);
  return value;
}

}  // namespace

std::string_view Name(RunStatus s) { return kRunStatusNames[static_cast<int>(s) - 1]; }
std::string_view Name(ViewType v) { return kViewTypeNames[static_cast<int>(v) - 1]; }

std::optional<RunStatus> ParseRunStatus(const bj::value& v) {
  auto n = EnumNumber(v, kRunStatusNames, 5);
  if (!n) return std::nullopt;
  return static_cast<RunStatus>(*n);
}

std::optional<ViewType> ParseViewType(const bj::value& v) {
  auto n = EnumNumber(v, kViewTypeNames, 3);
  if (!n) return std::nullopt;
  return static_cast<ViewType>(*n);
}

bj::value ToJson(const Metric& m) {
  bj::object o{{"key", m.key},
               {"value", MetricValue(m.value)},
               {"timestamp", m.timestamp},
               {"step", m.step}};
  if (m.run_id) o["run_id"] = *m.run_id;
  return o;
}

std::string MetricPointPrefix(std::string_view key) {
  std::string prefix = "{\"key\":";
  json::AppendJson(prefix, bj::value(key));
  prefix += ",\"value\":";
  return prefix;
}

void AppendMetricPoint(std::string& out, std::string_view prefix, double value, int64_t timestamp,
                       int64_t step) {
  out += prefix;
  if (std::isnan(value)) {
    out += "\"NaN\"";
  } else {
    if (std::isinf(value)) {
      value = value > 0 ? std::numeric_limits<double>::max() : -std::numeric_limits<double>::max();
    }
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    const std::string_view text(buf, static_cast<size_t>(r.ptr - buf));
    out += text;
    if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
  }
  char buf[24];
  out += ",\"timestamp\":";
  out.append(buf, static_cast<size_t>(std::to_chars(buf, buf + sizeof buf, timestamp).ptr - buf));
  out += ",\"step\":";
  out.append(buf, static_cast<size_t>(std::to_chars(buf, buf + sizeof buf, step).ptr - buf));
  out += '}';
}

bj::object ToJson(const Experiment& e) {
  bj::object o{{"experiment_id", e.experiment_id},
               {"name", e.name},
               {"artifact_location", e.artifact_location},
               {"lifecycle_stage", e.lifecycle_stage}};
  if (e.last_update_time) o["last_update_time"] = *e.last_update_time;
  if (e.creation_time) o["creation_time"] = *e.creation_time;
  if (!e.tags.empty()) o["tags"] = KeyValues(e.tags);
  return o;
}

bj::object ToJson(const RunInfo& r) {
  bj::object o{{"run_uuid", r.run_id},     {"experiment_id", r.experiment_id},
               {"run_name", r.run_name},   {"user_id", r.user_id},
               {"status", Name(r.status)}, {"start_time", r.start_time}};
  if (r.end_time) o["end_time"] = *r.end_time;
  o["artifact_uri"] = r.artifact_uri;
  o["lifecycle_stage"] = r.lifecycle_stage;
  o["run_id"] = r.run_id;
  return o;
}

bj::object ToJson(const Run& r) {
  bj::object data;
  if (!r.metrics.empty()) {
    bj::array a;
    for (const auto& m : r.metrics)
      a.push_back(ToJson(Metric{m.key, m.value, m.timestamp, m.step, {}}));
    data["metrics"] = std::move(a);
  }
  if (!r.params.empty()) data["params"] = KeyValues(r.params);
  if (!r.tags.empty()) data["tags"] = KeyValues(r.tags);
  bj::object o{{"info", ToJson(r.info)}, {"data", std::move(data)}};
  if (!r.inputs.empty()) {
    bj::array inputs;
    for (const auto& in : r.inputs) {
      bj::object d{{"name", in.dataset.name},
                   {"digest", in.dataset.digest},
                   {"source_type", in.dataset.source_type},
                   {"source", in.dataset.source}};
      if (in.dataset.schema) d["schema"] = *in.dataset.schema;
      if (in.dataset.profile) d["profile"] = *in.dataset.profile;
      bj::object di;
      if (!in.tags.empty()) di["tags"] = KeyValues(in.tags);
      di["dataset"] = std::move(d);
      inputs.push_back(std::move(di));
    }
    o["inputs"] = bj::object{{"dataset_inputs", std::move(inputs)}};
  }
  return o;
}

bj::object ToJson(const FileInfo& f) {
  bj::object o{{"path", f.path}, {"is_dir", f.is_dir}};
  if (f.file_size) o["file_size"] = *f.file_size;
  return o;
}

bj::object ToJson(const ModelVersion& v) {
  bj::object o{{"name", v.name},
               {"version", v.version},
               {"creation_timestamp", v.creation_timestamp},
               {"last_updated_timestamp", v.last_updated_timestamp}};
  if (v.user_id) o["user_id"] = *v.user_id;
  o["current_stage"] = v.current_stage;
  o["description"] = v.description;
  o["source"] = v.source;
  o["run_id"] = v.run_id;
  o["status"] = v.status;
  if (v.status_message) o["status_message"] = *v.status_message;
  if (!v.tags.empty()) o["tags"] = KeyValues(v.tags);
  o["run_link"] = v.run_link;
  if (!v.aliases.empty()) {
    bj::array a;
    for (const auto& s : v.aliases) a.push_back(bj::value(s));
    o["aliases"] = std::move(a);
  }
  return o;
}

bj::object ToJson(const RegisteredModel& m) {
  bj::object o{{"name", m.name},
               {"creation_timestamp", m.creation_timestamp},
               {"last_updated_timestamp", m.last_updated_timestamp}};
  if (m.user_id) o["user_id"] = *m.user_id;
  // MLflow leaves a registered model's description unset when none was given.
  if (!m.description.empty()) o["description"] = m.description;
  if (!m.latest_versions.empty()) {
    bj::array a;
    for (const auto& v : m.latest_versions) a.push_back(ToJson(v));
    o["latest_versions"] = std::move(a);
  }
  if (!m.tags.empty()) o["tags"] = KeyValues(m.tags);
  if (!m.aliases.empty()) {
    bj::array a;
    for (const auto& al : m.aliases)
      a.push_back(bj::object{{"alias", al.alias}, {"version", al.version}});
    o["aliases"] = std::move(a);
  }
  return o;
}

std::optional<int64_t> ReadInt64(const bj::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) {
    if (v.get_uint64() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<int64_t>(v.get_uint64());
  }
  if (v.is_double()) {
    const double d = v.get_double();
    if (std::trunc(d) != d || std::fabs(d) > 9.2e18) return std::nullopt;
    return static_cast<int64_t>(d);
  }
  if (v.is_string()) {
    const std::string_view s = v.get_string();
    int64_t n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec == std::errc() && p == s.data() + s.size() && !s.empty()) return n;
  }
  return std::nullopt;
}

std::optional<double> ReadDouble(const bj::value& v) {
  if (v.is_double()) return v.get_double();
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_string()) {
    const std::string s(v.get_string());
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || std::isnan(d) || std::isinf(d)) return std::nullopt;
    return d;
  }
  return std::nullopt;
}

Status ValidateRunId(std::string_view run_id) {
  bool ok = !run_id.empty() && run_id.size() <= 256 && IsAlnum(run_id[0]);
  for (size_t i = 1; ok && i < run_id.size(); ++i) {
    ok = IsAlnum(run_id[i]) || run_id[i] == '_' || run_id[i] == '-' ||
         static_cast<unsigned char>(run_id[i]) >= 0x80;
  }
  if (ok) return Status::Ok();
  return Invalid("Invalid run ID: '" + std::string(run_id) + "'");
}

Status ValidateKey(std::string_view what, std::string_view key) {
  const std::string label = what == "metric" ? "metric" : what == "parameter" ? "parameter" : "tag";
  if (!ValidKeyChars(key)) {
    return Invalid("Invalid " + label + " name: '" + std::string(key) +
                   "'. Names may only contain alphanumerics, underscores (_), dashes (-), "
                   "periods (.), spaces ( ), and slashes (/).");
  }
  const std::string norm = NormPath(key);
  if (norm != key || norm == "." || norm.rfind("..", 0) == 0 || norm.rfind('/', 0) == 0) {
    return Invalid("Invalid " + label + " name: '" + std::string(key) +
                   "'. Names may be treated as files in certain cases, and must not resolve to "
                   "other names when treated as such. This name would resolve to '" +
                   norm + "'");
  }
  return Status::Ok();
}

namespace {

Status LengthLimit(std::string_view entity, size_t limit, std::string_view value) {
  if (value.size() <= limit) return Status::Ok();
  return Invalid(std::string(entity) + " '" + std::string(value.substr(0, 250)) + "' had length " +
                 std::to_string(value.size()) + ", which exceeded length limit of " +
                 std::to_string(limit));
}

Status BatchLimit(std::string_view entity, size_t limit, size_t n) {
  if (n <= limit) return Status::Ok();
  return Invalid("A batch logging request can contain at most " + std::to_string(limit) + " " +
                 std::string(entity) + ". Got " + std::to_string(n) + " " + std::string(entity) +
                 ". Please split up " + std::string(entity) +
                 " across multiple requests and try again.");
}

std::string PyTypeName(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::array:
      return "list";
    case bj::kind::object:
      return "dict";
    case bj::kind::string:
      return "str";
    case bj::kind::bool_:
      return "bool";
    case bj::kind::int64:
    case bj::kind::uint64:
      return "int";
    case bj::kind::double_:
      return "float";
    case bj::kind::null:
      return "NoneType";
  }
  return "object";
}

Status InvalidField(std::string_view field, const bj::value& v) {
  return Invalid("Invalid value " + py::JsonStr(v) + " for parameter '" + std::string(field) +
                 "' supplied. Hint: Value was of type '" + PyTypeName(v) + "'." + DocsHint());
}

// _assert_required on a member of an element: present, not null, not "".
bool Present(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  return v != nullptr && !v->is_null() && !(v->is_string() && v->get_string().empty());
}

std::string StringOr(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// The fields of one log-batch metric, found in one pass over its members (a batch holds up to
// 1 000 of them; looking each field up by name cost eight searches per metric).
struct MetricFields {
  const bj::value* key = nullptr;
  const bj::value* value = nullptr;
  const bj::value* timestamp = nullptr;
  const bj::value* step = nullptr;
};

MetricFields FindMetricFields(const bj::object& o) {
  MetricFields f;
  for (const bj::key_value_pair& kv : o) {
    const std::string_view k = kv.key();
    if (k == "key") {
      f.key = &kv.value();
    } else if (k == "value") {
      f.value = &kv.value();
    } else if (k == "timestamp") {
      f.timestamp = &kv.value();
    } else if (k == "step") {
      f.step = &kv.value();
    }
  }
  return f;
}

// Present() for a field already found (null when absent).
bool PresentValue(const bj::value* v) {
  return v != nullptr && !v->is_null() && !(v->is_string() && v->get_string().empty());
}

}  // namespace

Result<LogBatch> ReadLogBatch(const bj::value& body) {
  if (!body.is_object())
    return Invalid("Missing value for required parameter 'run_id'." + DocsHint());
  return ReadLogBatch(body.get_object());
}

Result<LogBatch> ReadLogBatch(const bj::object& o) {
  LogBatch batch;
  const bj::value* run_id = o.if_contains("run_id");
  if (run_id == nullptr || run_id->is_null() ||
      (run_id->is_string() && run_id->get_string().empty())) {
    return Invalid("Missing value for required parameter 'run_id'." + DocsHint());
  }
  if (!run_id->is_string()) return InvalidField("run_id", *run_id);
  batch.run_id = std::string(run_id->get_string());

  // The metrics' fields, found while their presence is checked.
  std::vector<MetricFields> metric_fields;
  auto elements = [&](std::string_view field, bool metric) -> Result<const bj::array*> {
    const bj::value* v = o.if_contains(field);
    if (v == nullptr || v->is_null()) return static_cast<const bj::array*>(nullptr);
    if (!v->is_array()) return InvalidField(field, *v);
    if (metric) metric_fields.reserve(v->get_array().size());
    for (const bj::value& e : v->get_array()) {
      if (!e.is_object()) return InvalidField(field, *v);
      const bj::object& eo = e.get_object();
      if (!metric) {
        if (!Present(eo, "key")) return InvalidField(field, *v);
        continue;
      }
      const MetricFields& f = metric_fields.emplace_back(FindMetricFields(eo));
      if (!PresentValue(f.key) || !PresentValue(f.value) || !PresentValue(f.timestamp))
        return InvalidField(field, *v);
    }
    return &v->get_array();
  };
  ASSIGN_OR_RETURN(const bj::array* metrics, elements("metrics", true));
  ASSIGN_OR_RETURN(const bj::array* params, elements("params", false));
  ASSIGN_OR_RETURN(const bj::array* tags, elements("tags", false));

  if (metrics) {
    batch.metrics.reserve(metric_fields.size());
    for (const MetricFields& f : metric_fields) {
      auto value = ReadDouble(*f.value);
      auto ts = ReadInt64(*f.timestamp);
      std::optional<int64_t> step = int64_t{0};
      if (f.step && !f.step->is_null()) step = ReadInt64(*f.step);
      if (!value || !ts || !step || !f.key->is_string()) {
        return InvalidField("metrics", bj::value(*metrics));
      }
      Metric& out = batch.metrics.emplace_back();
      out.key = std::string(f.key->get_string());
      out.value = *value;
      out.timestamp = *ts;
      out.step = *step;
    }
  }
  auto read_kv = [&](const bj::array* arr, std::vector<KeyValue>& sink,
                     std::string_view field) -> Status {
    if (!arr) return Status::Ok();
    for (const bj::value& e : *arr) {
      const bj::object& kv = e.get_object();
      const bj::value* val = kv.if_contains("value");
      if (!kv.at("key").is_string() || (val && !val->is_null() && !val->is_string())) {
        return InvalidField(field, bj::value(*arr));
      }
      sink.push_back({StringOr(kv, "key"), StringOr(kv, "value")});
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(read_kv(params, batch.params, "params"));
  RETURN_IF_ERROR(read_kv(tags, batch.tags, "tags"));

  // The store's checks, in MLflow's order: run id syntax, entities, limits, duplicates.
  RETURN_IF_ERROR(ValidateRunId(batch.run_id));
  // A batch repeats each key for its steps: a key equal to the last one checked passes as it did.
  const std::string* checked_key = nullptr;
  for (const Metric& m : batch.metrics) {
    const bool fresh = checked_key == nullptr || *checked_key != m.key;
    if (fresh) RETURN_IF_ERROR(ValidateKey("metric", m.key));
    if (m.timestamp < 0) {
      return Invalid("Got invalid timestamp " + std::to_string(m.timestamp) + " for metric '" +
                     m.key + "' (value=" + py::JsonRepr(bj::value(m.value)) +
                     "). Timestamp must be a nonnegative long (64-bit integer) ");
    }
    if (fresh) RETURN_IF_ERROR(LengthLimit("Metric name", kMaxEntityKeyLength, m.key));
    checked_key = &m.key;
  }
  for (KeyValue& p : batch.params) {
    RETURN_IF_ERROR(ValidateKey("parameter", p.key));
    RETURN_IF_ERROR(LengthLimit("Param key", kMaxEntityKeyLength, p.key));
    p.value = Truncate(std::move(p.value), kMaxParamValueLength);
  }
  for (KeyValue& t : batch.tags) {
    RETURN_IF_ERROR(ValidateKey("tag", t.key));
    RETURN_IF_ERROR(LengthLimit("Tag key", kMaxEntityKeyLength, t.key));
    t.value = Truncate(std::move(t.value), kMaxTagValueLength);
  }
  RETURN_IF_ERROR(BatchLimit("metrics", kMaxMetricsPerBatch, batch.metrics.size()));
  RETURN_IF_ERROR(BatchLimit("params", kMaxParamsTagsPerBatch, batch.params.size()));
  RETURN_IF_ERROR(BatchLimit("tags", kMaxParamsTagsPerBatch, batch.tags.size()));
  RETURN_IF_ERROR(BatchLimit("metrics, params, and tags", kMaxEntitiesPerBatch,
                             batch.metrics.size() + batch.params.size() + batch.tags.size()));
  std::set<std::string> seen;
  std::vector<std::string> dupes;
  for (const KeyValue& p : batch.params) {
    if (!seen.insert(p.key).second) dupes.push_back(p.key);
  }
  if (!dupes.empty()) {
    return Invalid("Duplicate parameter keys have been submitted: " + py::ListRepr(dupes) +
                   ". Please ensure the request contains only one param value per param key.");
  }
  return batch;
}

Status ValidateLength(std::string_view entity, size_t limit, std::string_view value) {
  return LengthLimit(entity, limit, value);
}

}  // namespace cairn::mlflow::msg
