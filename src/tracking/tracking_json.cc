#include "tracking/tracking_json.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "common/json.h"
#include "common/time.h"

namespace cairn::tracking {
namespace {

namespace bj = boost::json;

constexpr size_t kParserBufferBytes = 256 * 1024;
constexpr size_t kMaxReportedErrors = 50;

// Optional RFC 3339 field. Returns nullopt when absent; records an error when malformed.
std::optional<int64_t> TimeField(json::ObjectReader& r, std::string_view key) {
  auto s = r.String(key);
  if (!s) return std::nullopt;
  auto t = ParseRfc3339(*s);
  if (!t) r.AddError(r.Field(key), "must be an RFC 3339 date-time");
  return t;
}

std::optional<std::vector<std::string>> StringList(json::ObjectReader& r, std::string_view key) {
  const bj::value* v = r.Raw(key);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    r.AddError(r.Field(key), "must be an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& e : v->get_array()) {
    if (!e.is_string()) {
      r.AddError(r.Field(key), "must be an array of strings");
      return std::nullopt;
    }
    out.emplace_back(e.get_string());
  }
  return out;
}

bj::object ToObject(const StringMap& m) {
  bj::object o;
  o.reserve(m.size());
  for (const auto& [k, v] : m) o.emplace(k, v);
  return o;
}

bj::value OptTime(const std::optional<int64_t>& t) {
  if (t) return bj::value(FormatRfc3339(*t));
  return nullptr;
}

bj::value PageToken(const std::optional<std::string>& t) {
  if (t) return bj::value(*t);
  return nullptr;
}

bj::object ExperimentObject(const Experiment& e) {
  bj::object o;
  o.emplace("name", e.name);
  o.emplace("experiment_id", e.experiment_id);
  o.emplace("lifecycle_stage", e.deleted_at ? "deleted" : "active");
  o.emplace("description", e.description);
  o.emplace("owner", e.owner);
  o.emplace("status", ToString(e.status));
  o.emplace("tags", ToObject(e.tags));
  o.emplace("run_count", e.run_count);
  o.emplace("created_by", e.created_by);
  o.emplace("created_at", FormatRfc3339(e.created_at));
  o.emplace("updated_at", FormatRfc3339(e.updated_at));
  o.emplace("deleted_at", OptTime(e.deleted_at));
  o.emplace("revision", e.revision);
  return o;
}

bj::object ArtifactObject(const Artifact& a) {
  bj::object o;
  o.emplace("path", a.path);
  o.emplace("size_bytes", a.size_bytes);
  o.emplace("sha256", a.sha256);
  return o;
}

bj::object RunObject(const Run& r, RunView view) {
  bj::object o;
  o.reserve(20);
  o.emplace("run_id", r.run_id);
  o.emplace("experiment_name", r.experiment_name);
  o.emplace("experiment_id", r.experiment_id);
  o.emplace("name", r.name);
  o.emplace("lifecycle_stage", r.deleted_at ? "deleted" : "active");
  o.emplace("status", ToString(r.status));
  if (view != RunView::kSummary) {
    o.emplace("params", ToObject(r.params));
    bj::object metrics;
    metrics.reserve(r.metrics.size());
    for (const auto& [k, m] : r.metrics) {
      bj::object mo;
      mo.emplace("value", m.value);
      mo.emplace("step", m.step);
      mo.emplace("timestamp", m.timestamp);
      metrics.emplace(k, std::move(mo));
    }
    o.emplace("metrics", std::move(metrics));
    o.emplace("tags", ToObject(r.tags));
  }
  o.emplace("start_time", FormatRfc3339(r.start_time));
  o.emplace("end_time", OptTime(r.end_time));
  o.emplace("created_by", r.created_by);
  if (view != RunView::kSummary) {
    o.emplace("source", ToObject(r.source));
    bj::array inputs;
    for (const auto& i : r.inputs) inputs.emplace_back(i);
    o.emplace("inputs", std::move(inputs));
  }
  if (view == RunView::kFull) {
    bj::array arts;
    arts.reserve(r.artifacts.size());
    for (const auto& a : r.artifacts) arts.emplace_back(ArtifactObject(a));
    o.emplace("artifacts", std::move(arts));
  }
  o.emplace("updated_at", FormatRfc3339(r.updated_at));
  o.emplace("deleted_at", OptTime(r.deleted_at));
  o.emplace("revision", r.revision);
  return o;
}

// Integer per SPEC: int64 or an integral double within exact range.
bool AsInt(const bj::value& v, int64_t& out) {
  if (v.is_int64()) {
    out = v.get_int64();
    return true;
  }
  if (v.is_uint64() && v.get_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    out = static_cast<int64_t>(v.get_uint64());
    return true;
  }
  if (v.is_double()) {
    double d = v.get_double();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) {
      out = static_cast<int64_t>(d);
      return true;
    }
  }
  return false;
}

struct MetricParser {
  MetricParser() : buffer(std::make_unique<unsigned char[]>(kParserBufferBytes)) {
    bj::parse_options opts;
    opts.max_depth = json::kMaxDepth;
    parser = std::make_unique<bj::stream_parser>(bj::storage_ptr(), opts);
  }
  std::unique_ptr<unsigned char[]> buffer;
  std::unique_ptr<bj::stream_parser> parser;
};

std::string PointField(size_t i, std::string_view name) {
  return "metrics[" + std::to_string(i) + "]." + std::string(name);
}

void AddPointError(std::vector<FieldError>& errors, size_t i, std::string_view name,
                   std::string message) {
  if (errors.size() < kMaxReportedErrors)
    errors.push_back({PointField(i, name), std::move(message)});
}

Result<MetricBatch> WalkMetricBatch(const bj::value& root) {
  std::vector<FieldError> errors;
  const bj::object* obj = root.if_object();
  if (!obj) return json::ValidationError({{"body", "must be a JSON object"}});
  const bj::value* metrics = nullptr;
  for (const auto& kv : *obj) {
    if (kv.key() == "metrics") {
      metrics = &kv.value();
    } else {
      errors.push_back({std::string(kv.key()), "unknown field"});
    }
  }
  if (!metrics || metrics->is_null()) {
    errors.push_back({"metrics", "is required"});
    return json::ValidationError(std::move(errors));
  }
  const bj::array* points = metrics->if_array();
  if (!points) {
    errors.push_back({"metrics", "must be an array"});
    return json::ValidationError(std::move(errors));
  }
  if (points->size() > kMaxMetricPointsPerBatch) {
    errors.push_back({"metrics", "must have at most 10000 points"});
    return json::ValidationError(std::move(errors));
  }

  MetricBatch batch;
  batch.total_points = points->size();
  std::unordered_map<std::string_view, size_t> index;  // views into `root`, alive meanwhile
  std::string_view last_key;
  size_t last_series = 0;
  for (size_t i = 0; i < points->size(); ++i) {
    const bj::object* p = (*points)[i].if_object();
    if (!p) {
      if (errors.size() < kMaxReportedErrors)
        errors.push_back({"metrics[" + std::to_string(i) + "]", "must be a JSON object"});
      continue;
    }
    const bj::string* key = nullptr;
    MetricPoint pt{0, kNoTimestamp, 0};
    bool has_value = false;
    bool ok = true;
    for (const auto& kv : *p) {
      const std::string_view name = kv.key();
      const bj::value& v = kv.value();
      if (name == "key") {
        key = v.if_string();
        if (!key) {
          AddPointError(errors, i, name, "must be a string");
          ok = false;
        }
      } else if (name == "value") {
        if (v.is_double()) {
          pt.value = v.get_double();
        } else if (v.is_int64()) {
          pt.value = static_cast<double>(v.get_int64());
        } else if (v.is_uint64()) {
          pt.value = static_cast<double>(v.get_uint64());
        } else {
          AddPointError(errors, i, name, "must be a finite number");
          ok = false;
          continue;
        }
        if (!std::isfinite(pt.value)) {
          AddPointError(errors, i, name, "must be a finite number");
          ok = false;
        }
        has_value = true;
      } else if (name == "step") {
        if (!v.is_null() && !AsInt(v, pt.step)) {
          AddPointError(errors, i, name, "must be an integer");
          ok = false;
        }
      } else if (name == "timestamp") {
        if (!v.is_null() && !AsInt(v, pt.timestamp)) {
          AddPointError(errors, i, name, "must be an integer (milliseconds since the epoch)");
          ok = false;
        }
      } else {
        AddPointError(errors, i, name, "unknown field");
        ok = false;
      }
    }
    if (!key && ok) {
      AddPointError(errors, i, "key", "is required");
      ok = false;
    }
    if (!has_value && ok) {
      AddPointError(errors, i, "value", "is required");
      ok = false;
    }
    if (!ok || !errors.empty()) continue;  // after the first error only validate
    const std::string_view k(key->data(), key->size());
    size_t s;
    if (!batch.series.empty() && k == last_key) {
      s = last_series;
    } else {
      auto [it, inserted] = index.try_emplace(k, batch.series.size());
      if (inserted) {
        batch.series.push_back(MetricSeries{std::string(k), {}});
        batch.series.back().points.reserve(points->size());
      }
      s = it->second;
      last_key = k;
      last_series = s;
    }
    batch.series[s].points.push_back(pt);
  }
  if (!errors.empty()) return json::ValidationError(std::move(errors));
  if (batch.series.size() > 1) {
    for (auto& series : batch.series) series.points.shrink_to_fit();
  }
  return batch;
}

}  // namespace

Result<ExperimentCreate> ParseExperimentCreate(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  ExperimentCreate c;
  c.name = r.String("name", true).value_or("");
  c.description = r.String("description");
  c.owner = r.String("owner");
  c.tags = r.Strings("tags");
  RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<ExperimentPatch> ParseExperimentPatch(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  ExperimentPatch p;
  p.description = r.String("description");
  p.owner = r.String("owner");
  p.status = r.String("status");
  p.tags = r.Strings("tags");
  RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<RunCreate> ParseRunCreate(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  RunCreate c;
  c.experiment_name = r.String("experiment_name", true).value_or("");
  c.name = r.String("name");
  c.params = r.Strings("params");
  c.tags = r.Strings("tags");
  c.source = r.Strings("source");
  c.inputs = StringList(r, "inputs");
  c.start_time = TimeField(r, "start_time");
  RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<RunPatch> ParseRunPatch(std::string_view body) {
  ASSIGN_OR_RETURN(bj::value v, json::Parse(body));
  json::ObjectReader r(v);
  RunPatch p;
  p.status = r.String("status");
  p.end_time = TimeField(r, "end_time");
  p.tags = r.Strings("tags");
  p.params = r.Strings("params");
  RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<MetricBatch> ParseMetricBatch(std::string_view body) {
  thread_local MetricParser state;
  // The monotonic resource serves this one parse from the per-thread buffer (spilling to the
  // heap for very large bodies) and frees everything at once when it goes out of scope.
  bj::monotonic_resource mr(state.buffer.get(), kParserBufferBytes);
  bj::stream_parser& p = *state.parser;
  p.reset(&mr);
  boost::system::error_code ec;
  p.write(body.data(), body.size(), ec);
  if (!ec) p.finish(ec);
  if (ec) {
    p.reset();
    return InvalidArgument("malformed JSON: " + ec.message());
  }
  bj::value root = p.release();
  auto result = WalkMetricBatch(root);
  p.reset();  // drop any reference to `mr` before it is destroyed
  return result;
}

std::string ExperimentToJson(const Experiment& e) {
  return ::cairn::json::Serialize(ExperimentObject(e));
}

std::string ExperimentDetailToJson(const ExperimentDetail& d) {
  bj::object o = ExperimentObject(d.experiment);
  bj::object counts;
  for (const auto& [s, n] : d.run_counts) counts.emplace(ToString(s), n);
  o.emplace("run_counts", std::move(counts));
  bj::array runs;
  for (const auto& r : d.latest_runs) runs.emplace_back(RunObject(r, RunView::kSummary));
  o.emplace("latest_runs", std::move(runs));
  return ::cairn::json::Serialize(o);
}

std::string ExperimentPageToJson(const Page<Experiment>& page) {
  bj::array items;
  items.reserve(page.items.size());
  for (const auto& e : page.items) items.emplace_back(ExperimentObject(e));
  bj::object o;
  o.emplace("items", std::move(items));
  o.emplace("next_page_token", PageToken(page.next_page_token));
  return ::cairn::json::Serialize(o);
}

std::string RunToJson(const Run& run, RunView view) {
  return ::cairn::json::Serialize(RunObject(run, view));
}

std::string RunPageFromItems(std::span<const std::string_view> items,
                             const std::optional<std::string>& next_page_token) {
  size_t size = 64;
  for (std::string_view item : items) size += item.size() + 1;
  std::string out;
  out.reserve(size);
  out += "{\"items\":[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += items[i];
  }
  out += "],\"next_page_token\":";
  out += ::cairn::json::Serialize(PageToken(next_page_token));
  out += '}';
  return out;
}

std::string RunPageToJson(const Page<Run>& page) {
  bj::array items;
  items.reserve(page.items.size());
  for (const auto& r : page.items) items.emplace_back(RunObject(r, RunView::kList));
  bj::object o;
  o.emplace("items", std::move(items));
  o.emplace("next_page_token", PageToken(page.next_page_token));
  return ::cairn::json::Serialize(o);
}

namespace {

// Upper bound of one serialized point: {"step":,"value":,"timestamp":} is 32 bytes, an int64 at
// most 20 and a shortest-form double at most 24.
constexpr size_t kMaxPointJsonBytes = 32 + 20 + 24 + 20 + 1;

// Writes one point at `w` (room for kMaxPointJsonBytes) and returns the end.
char* WritePoint(char* w, const MetricPoint& p) {
  char* const end = w + kMaxPointJsonBytes;
  auto put = [&w](std::string_view s) {
    std::memcpy(w, s.data(), s.size());
    w += s.size();
  };
  put("{\"step\":");
  w = std::to_chars(w, end, p.step).ptr;
  put(",\"value\":");
  // Shortest round-trip form; finite by construction. Integral values keep a JSON number.
  w = std::to_chars(w, end, p.value).ptr;
  put(",\"timestamp\":");
  w = std::to_chars(w, end, p.timestamp).ptr;
  *w++ = '}';
  return w;
}

}  // namespace

MetricHistoryJsonWriter::MetricHistoryJsonWriter(std::string_view key, bool streamed)
    : streamed_(streamed) {
  out_ = "{\"key\":";
  out_ += ::cairn::json::Serialize(bj::string_view(key.data(), key.size()));
  out_ += ",\"items\":[";
}

void MetricHistoryJsonWriter::Begin(size_t count, bool downsampled) {
  downsampled_ = downsampled;
  if (streamed_) return;  // pieces are taken as they are written
  // The bound, so the buffer never moves; typical points take ~60 bytes and the pages of the
  // unused tail are never touched (large allocations are mapped lazily).
  out_.reserve(out_.size() + count * (kMaxPointJsonBytes + 1) + 32);
}

void MetricHistoryJsonWriter::Append(std::span<const MetricPoint> points) {
  if (points.empty()) return;
  // Written in place: one resize per block rather than several appends per point.
  const size_t old = out_.size();
  out_.resize(old + points.size() * (kMaxPointJsonBytes + 1));
  char* const begin = out_.data() + old;
  char* w = begin;
  for (const auto& p : points) {
    if (!first_) *w++ = ',';
    first_ = false;
    w = WritePoint(w, p);
  }
  out_.resize(old + static_cast<size_t>(w - begin));
}

void MetricHistoryJsonWriter::Take(std::string& out) {
  out.swap(out_);  // `out` was empty: the writer goes on in its old buffer
  out_.clear();
}

std::string MetricHistoryJsonWriter::Finish() {
  out_ += "],\"downsampled\":";
  out_ += downsampled_ ? "true" : "false";
  out_ += '}';
  return std::move(out_);
}

std::string MetricHistoryToJson(const MetricHistory& h) {
  // Written by hand: histories can hold millions of points, and a DOM would triple the cost.
  MetricHistoryJsonWriter w(h.key);
  w.Begin(h.points.size(), h.downsampled);
  w.Append(h.points);
  return w.Finish();
}

std::string ArtifactToJson(const Artifact& a) {
  return ::cairn::json::Serialize(ArtifactObject(a));
}

std::string ArtifactListToJson(const std::vector<Artifact>& items) {
  bj::array arr;
  arr.reserve(items.size());
  for (const auto& a : items) arr.emplace_back(ArtifactObject(a));
  bj::object o;
  o.emplace("items", std::move(arr));
  return ::cairn::json::Serialize(o);
}

std::string AcceptedToJson(int64_t n) { return "{\"accepted\":" + std::to_string(n) + "}"; }

}  // namespace cairn::tracking
