#include "mlflow/request.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <iterator>
#include <utility>

#include "mlflow/page_token.h"

namespace cairn::mlflow::req {

namespace {

Status Invalid(std::string message) { return InvalidArgument(std::move(message)); }

}  // namespace

Status Missing(std::string_view field) {
  return Invalid("Missing value for required parameter '" + std::string(field) + "'." + kDocsHint);
}

Status InvalidValue(std::string_view field, const bj::value& v) {
  std::string shown = v.is_string() ? std::string(v.get_string()) : bj::serialize(v);
  return Invalid("Invalid value " + shown + " for parameter '" + std::string(field) +
                 "' supplied." + kDocsHint);
}

bool IsJsonContentType(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  while (!media.empty() && media.front() == ' ') media.remove_prefix(1);
  constexpr std::string_view kJson = "application/json";
  if (media.size() != kJson.size()) return false;
  for (size_t i = 0; i < media.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != kJson[i]) return false;
  }
  return true;
}

size_t BodyArenaBytes(size_t body_bytes) {
  constexpr size_t kTreeBytesPerBodyByte = 3;
  constexpr size_t kMinimum = 1024;
  constexpr size_t kMaximum = 16 << 20;  // the arena grows past it when a tree needs more
  return std::clamp(body_bytes * kTreeBytesPerBodyByte, kMinimum, kMaximum);
}

Result<bj::object> BodyParams(std::optional<std::string_view> content_type, std::string_view body,
                              bj::storage_ptr storage) {
  if ((content_type && !IsJsonContentType(*content_type)) || (!content_type && !body.empty()))
    return Invalid("Bad Request. Content-Type must be one of ['application/json'].");
  if (body.empty()) return bj::object{};
  boost::system::error_code ec;
  bj::value v = bj::parse(body, ec, std::move(storage));
  if (ec || !v.is_object()) return bj::object{};
  return std::move(v.get_object());
}

bj::object QueryParams(const std::vector<std::pair<std::string, std::string>>& query,
                       std::string_view list) {
  bj::object o;
  if (!list.empty()) o[list] = bj::array{};
  for (const auto& [raw, value] : query) {
    std::string key = raw;
    if (const size_t b = key.find('['); b != std::string::npos && key.back() == ']') key.resize(b);
    bj::value* existing = o.if_contains(key);
    if (existing == nullptr) {
      o[key] = value;
    } else if (existing->is_array()) {
      existing->get_array().push_back(bj::value(value));
    } else {
      bj::array a{*existing, bj::value(value)};
      *existing = std::move(a);
    }
  }
  if (!list.empty() && o.at(list).is_array() && o.at(list).get_array().empty()) o.erase(list);
  return o;
}

bool Present(const bj::object& o, std::string_view field) {
  const bj::value* v = o.if_contains(field);
  return v != nullptr && !v->is_null() && !(v->is_string() && v->get_string().empty());
}

Result<std::string> RequiredString(const bj::object& o, std::string_view field) {
  if (!Present(o, field)) return Missing(field);
  const bj::value& v = o.at(field);
  if (!v.is_string()) return InvalidValue(field, v);
  return std::string(v.get_string());
}

Result<std::optional<std::string>> OptionalString(const bj::object& o, std::string_view field) {
  const bj::value* v = o.if_contains(field);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return InvalidValue(field, *v);
  return std::optional<std::string>(std::string(v->get_string()));
}

Result<std::optional<int64_t>> OptionalInt64(const bj::object& o, std::string_view field) {
  const bj::value* v = o.if_contains(field);
  if (v == nullptr || v->is_null() || (v->is_string() && v->get_string().empty()))
    return std::optional<int64_t>();
  auto n = msg::ReadInt64(*v);
  if (!n) return InvalidValue(field, *v);
  return std::optional<int64_t>(*n);
}

Result<std::string> RunIdParam(const bj::object& o) {
  if (Present(o, "run_id")) return RequiredString(o, "run_id");
  if (Present(o, "run_uuid")) return RequiredString(o, "run_uuid");
  return Missing("run_id");
}

Result<std::vector<std::string>> StringList(const bj::object& o, std::string_view field) {
  std::vector<std::string> out;
  const bj::value* v = o.if_contains(field);
  if (v == nullptr || v->is_null()) return out;
  if (v->is_string()) {
    out.emplace_back(v->get_string());
    return out;
  }
  if (!v->is_array()) return InvalidValue(field, *v);
  for (const bj::value& e : v->get_array()) {
    if (!e.is_string()) return InvalidValue(field, *v);
    out.emplace_back(e.get_string());
  }
  return out;
}

Result<std::vector<msg::KeyValue>> KeyValues(const bj::object& o, std::string_view field) {
  std::vector<msg::KeyValue> out;
  const bj::value* v = o.if_contains(field);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) return InvalidValue(field, *v);
  for (const bj::value& e : v->get_array()) {
    const bj::object* kv = e.if_object();
    const bj::value* key = kv ? kv->if_contains("key") : nullptr;
    const bj::value* value = kv ? kv->if_contains("value") : nullptr;
    if (key == nullptr || !key->is_string() || (value && !value->is_null() && !value->is_string()))
      return InvalidValue(field, *v);
    out.push_back({std::string(key->get_string()),
                   value && value->is_string() ? std::string(value->get_string()) : ""});
  }
  return out;
}

Result<std::optional<json::StringMap>> KeyValueMap(const bj::object& o, std::string_view field) {
  ASSIGN_OR_RETURN(auto items, KeyValues(o, field));
  if (items.empty()) return std::optional<json::StringMap>();
  json::StringMap out;
  for (auto& kv : items) out[std::move(kv.key)] = std::move(kv.value);
  return std::optional<json::StringMap>(std::move(out));
}

// --- searches

Result<int> MaxResults(const bj::object& o, int default_value) {
  ASSIGN_OR_RETURN(auto n, OptionalInt64(o, "max_results"));
  if (!n) return default_value;
  if (*n > kMaxSearchResults)
    return Invalid("Invalid value " + std::to_string(*n) +
                   " for parameter 'max_results' supplied. It must be at most 50000");
  if (*n < 1)
    return Invalid("Invalid value for max_results. It must be a positive integer, but got " +
                   std::to_string(*n));
  return static_cast<int>(*n);
}

Result<msg::ViewType> ViewTypeParam(const bj::object& o, std::string_view field) {
  const bj::value* v = o.if_contains(field);
  if (v == nullptr || v->is_null()) return msg::ViewType::kActiveOnly;
  auto t = msg::ParseViewType(*v);
  if (!t) return InvalidValue(field, *v);
  return *t;
}

Result<int64_t> PageOffset(const bj::object& o) {
  ASSIGN_OR_RETURN(auto token, OptionalString(o, "page_token"));
  if (!token || token->empty()) return int64_t{0};
  ASSIGN_OR_RETURN(int64_t offset, DecodeOffsetPageToken(*token));
  if (offset < 0) return Invalid("Invalid page token, offset must not be negative");
  return offset;
}

// --- runs/log-metric

Result<LogMetric> ReadLogMetric(const bj::object& o) {
  LogMetric out;
  ASSIGN_OR_RETURN(out.run_id, RunIdParam(o));
  ASSIGN_OR_RETURN(out.metric.key, RequiredString(o, "key"));
  if (!Present(o, "value")) return Missing("value");
  auto value = msg::ReadDouble(o.at("value"));
  if (!value) return InvalidValue("value", o.at("value"));
  out.metric.value = *value;
  if (!Present(o, "timestamp")) return Missing("timestamp");
  ASSIGN_OR_RETURN(auto ts, OptionalInt64(o, "timestamp"));
  ASSIGN_OR_RETURN(auto step, OptionalInt64(o, "step"));
  RETURN_IF_ERROR(msg::ValidateRunId(out.run_id));
  RETURN_IF_ERROR(msg::ValidateKey("metric", out.metric.key));
  out.metric.timestamp = ts.value_or(0);
  out.metric.step = step.value_or(0);
  return out;
}

// --- runs/log-inputs

Result<LogInputs> ReadLogInputs(const bj::object& o) {
  LogInputs out;
  ASSIGN_OR_RETURN(out.run_id, RunIdParam(o));
  const bj::value* datasets = o.if_contains("datasets");
  if (datasets == nullptr || datasets->is_null()) return Missing("datasets");
  if (!datasets->is_array()) return InvalidValue("datasets", *datasets);
  for (const bj::value& e : datasets->get_array()) {
    if (!e.is_object()) return InvalidValue("datasets", *datasets);
    const bj::object& in = e.get_object();
    msg::DatasetInput input;
    ASSIGN_OR_RETURN(input.tags, KeyValues(in, "tags"));
    const bj::value* d = in.if_contains("dataset");
    if (d == nullptr || !d->is_object()) return InvalidValue("datasets", *datasets);
    const bj::object& ds = d->get_object();
    ASSIGN_OR_RETURN(input.dataset.name, RequiredString(ds, "name"));
    for (auto [field, sink] : {std::pair{"digest", &input.dataset.digest},
                               std::pair{"source_type", &input.dataset.source_type},
                               std::pair{"source", &input.dataset.source}}) {
      ASSIGN_OR_RETURN(auto v, OptionalString(ds, field));
      *sink = v.value_or("");
    }
    ASSIGN_OR_RETURN(input.dataset.schema, OptionalString(ds, "schema"));
    ASSIGN_OR_RETURN(input.dataset.profile, OptionalString(ds, "profile"));
    out.datasets.push_back(std::move(input));
  }
  return out;
}

// --- runs/log-model

namespace {

void AppendPythonJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto u16 = [&](uint32_t c) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xF];
  };
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        default:
          if (c < 0x20) {
            u16(c);
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    // UTF-8 sequence (Boost.JSON produced valid UTF-8) → \uXXXX, surrogate pairs above U+FFFF.
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    uint32_t cp = c & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
    for (int k = 1; k < len && i + static_cast<size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    i += static_cast<size_t>(len);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      u16(0xD800 + (cp >> 10));
      u16(0xDC00 + (cp & 0x3FF));
    } else {
      u16(cp);
    }
  }
  out += '"';
}

// The model dict as MLflow's Model.from_dict(...).to_dict() orders it: run_id, artifact_path,
// utc_time_created, flavors, model_uuid (null when absent), mlflow_version (when set), the other
// fields as given, then signature, saved_input_example_info, metadata, resources and
// model_size_bytes when set.
bj::object ModelDict(const bj::object& model) {
  bj::object out;
  auto copy = [&](std::string_view k) {
    if (const bj::value* v = model.if_contains(k)) out[k] = *v;
  };
  copy("run_id");
  copy("artifact_path");
  copy("utc_time_created");
  out["flavors"] = model.contains("flavors") && !model.at("flavors").is_null()
                       ? model.at("flavors")
                       : bj::value(bj::object{});
  out["model_uuid"] = model.contains("model_uuid") ? model.at("model_uuid") : bj::value(nullptr);
  if (const bj::value* v = model.if_contains("mlflow_version"); v && !v->is_null())
    out["mlflow_version"] = *v;
  static constexpr std::string_view kLate[] = {"signature", "saved_input_example_info", "metadata",
                                               "resources", "model_size_bytes"};
  for (const auto& kv : model) {
    const std::string_view k = kv.key();
    if (k == "run_id" || k == "artifact_path" || k == "utc_time_created" || k == "flavors" ||
        k == "model_uuid" || k == "mlflow_version" ||
        std::find(std::begin(kLate), std::end(kLate), k) != std::end(kLate))
      continue;
    out[k] = kv.value();
  }
  for (const std::string_view k : kLate) {
    if (const bj::value* v = model.if_contains(k); v && !v->is_null()) out[k] = *v;
  }
  return out;
}

}  // namespace

void AppendPythonJson(std::string& out, const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null:
      out += "null";
      return;
    case bj::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      return;
    case bj::kind::int64:
      out += std::to_string(v.get_int64());
      return;
    case bj::kind::uint64:
      out += std::to_string(v.get_uint64());
      return;
    case bj::kind::double_: {
      const double d = v.get_double();
      if (std::isnan(d)) {
        out += "NaN";
      } else if (std::isinf(d)) {
        out += d > 0 ? "Infinity" : "-Infinity";
      } else {
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
        std::string text(buf, ec == std::errc() ? end : buf);
        if (text.find_first_of(".en") == std::string::npos) text += ".0";
        out += text;
      }
      return;
    }
    case bj::kind::string:
      AppendPythonJsonString(out, v.get_string());
      return;
    case bj::kind::array: {
      out += '[';
      bool first = true;
      for (const bj::value& e : v.get_array()) {
        if (!first) out += ", ";
        first = false;
        AppendPythonJson(out, e);
      }
      out += ']';
      return;
    }
    case bj::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ", ";
        first = false;
        AppendPythonJsonString(out, kv.key());
        out += ": ";
        AppendPythonJson(out, kv.value());
      }
      out += '}';
      return;
    }
  }
}

Result<LogModel> ReadLogModel(const bj::object& o) {
  LogModel out;
  ASSIGN_OR_RETURN(out.run_id, RunIdParam(o));
  ASSIGN_OR_RETURN(std::string text, RequiredString(o, "model_json"));
  boost::system::error_code ec;
  bj::value model = bj::parse(text, ec);
  if (ec || !model.is_object())
    return Invalid("Malformed model info. \n " + text + " \n is not a valid JSON.");
  std::string missing;
  for (const char* f : {"artifact_path", "flavors", "run_id", "utc_time_created"}) {
    if (!model.get_object().contains(f))
      missing += (missing.empty() ? "'" : ", '") + std::string(f) + "'";
  }
  if (!missing.empty()) return Invalid("Model json is missing mandatory fields: {" + missing + "}");
  AppendPythonJson(out.model_json, ModelDict(model.get_object()));
  return out;
}

// --- metrics/get-history-bulk-interval

Result<BulkInterval> ReadBulkInterval(const bj::object& o) {
  BulkInterval out;
  if (!Present(o, "run_ids")) return Missing("run_ids");
  ASSIGN_OR_RETURN(out.run_ids, StringList(o, "run_ids"));
  if (out.run_ids.size() > kMaxBulkIntervalRuns)
    return Invalid(
        "GetMetricHistoryBulkInterval request must specify at most 100 "
        "run_ids. Received " +
        std::to_string(out.run_ids.size()) + " run_ids." + kDocsHint);
  ASSIGN_OR_RETURN(out.metric_key, RequiredString(o, "metric_key"));
  ASSIGN_OR_RETURN(out.start_step, OptionalInt64(o, "start_step"));
  ASSIGN_OR_RETURN(out.end_step, OptionalInt64(o, "end_step"));
  ASSIGN_OR_RETURN(auto max, OptionalInt64(o, "max_results"));
  out.max_results = max.value_or(kMaxBulkIntervalPerRun);
  if (out.max_results < 1 || out.max_results > kMaxBulkIntervalPerRun)
    return Invalid(std::string("max_results must be between 1 and 2500.") + kDocsHint);
  if (out.start_step && out.end_step && *out.start_step > *out.end_step)
    return Invalid("end_step must be greater than start_step. Found start_step=" +
                   std::to_string(*out.start_step) +
                   " and end_step=" + std::to_string(*out.end_step) + ".");
  if (out.start_step.has_value() != out.end_step.has_value())
    return Invalid("If either start step or end step are specified, both must be specified.");
  return out;
}

}  // namespace cairn::mlflow::req
