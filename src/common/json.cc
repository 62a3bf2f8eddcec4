#include "common/json.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "common/validation.h"

namespace cairn::json {

namespace {

// Boost.JSON turns numbers beyond the double range (1e400) into infinities, which Serialize then
// writes as the invalid token `Infinity`. Depth is bounded by kMaxDepth, so recursion is safe.
bool AllNumbersFinite(const bj::value& v) {
  if (v.is_double()) return std::isfinite(v.get_double());
  if (const bj::array* a = v.if_array()) {
    for (const bj::value& e : *a) {
      if (!AllNumbersFinite(e)) return false;
    }
  } else if (const bj::object* o = v.if_object()) {
    for (const auto& kv : *o) {
      if (!AllNumbersFinite(kv.value())) return false;
    }
  }
  return true;
}

}  // namespace

Result<bj::value> Parse(std::string_view text) {
  bj::parse_options opts;
  opts.max_depth = kMaxDepth;
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec, {}, opts);
  if (ec) return InvalidArgument("malformed JSON: " + ec.message());
  if (!AllNumbersFinite(v)) return InvalidArgument("malformed JSON: number out of range");
  return v;
}

namespace {

void AppendEscaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
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
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void AppendDouble(std::string& out, double d) {
  // JSON has no NaN or infinity: whatever a producer computed, the output stays valid JSON.
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[40];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  std::string_view text(buf, static_cast<size_t>(r.ptr - buf));
  out.append(text);
  if (text.find_first_of(".en") == std::string_view::npos) out += ".0";
}

template <typename T>
void AppendInteger(std::string& out, T v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

void AppendObject(std::string& out, const bj::object& o);
void AppendArray(std::string& out, const bj::array& a);

}  // namespace

void AppendJson(std::string& out, const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null:
      out += "null";
      break;
    case bj::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      break;
    case bj::kind::int64:
      AppendInteger(out, v.get_int64());
      break;
    case bj::kind::uint64:
      AppendInteger(out, v.get_uint64());
      break;
    case bj::kind::double_:
      AppendDouble(out, v.get_double());
      break;
    case bj::kind::string:
      AppendEscaped(out, v.get_string());
      break;
    case bj::kind::array:
      AppendArray(out, v.get_array());
      break;
    case bj::kind::object:
      AppendObject(out, v.get_object());
      break;
  }
}

namespace {

void AppendObject(std::string& out, const bj::object& o) {
  out.push_back('{');
  bool first = true;
  for (const auto& kv : o) {
    if (!first) out.push_back(',');
    first = false;
    AppendEscaped(out, kv.key());
    out.push_back(':');
    AppendJson(out, kv.value());
  }
  out.push_back('}');
}

void AppendArray(std::string& out, const bj::array& a) {
  out.push_back('[');
  bool first = true;
  for (const auto& v : a) {
    if (!first) out.push_back(',');
    first = false;
    AppendJson(out, v);
  }
  out.push_back(']');
}

}  // namespace

std::string Serialize(const bj::value& v) {
  std::string out;
  out.reserve(256);
  AppendJson(out, v);
  return out;
}

std::string Serialize(const bj::object& o) {
  std::string out;
  out.reserve(256);
  AppendObject(out, o);
  return out;
}

std::string Serialize(const bj::array& a) {
  std::string out;
  out.reserve(256);
  AppendArray(out, a);
  return out;
}

bj::object ToJson(const StringMap& m) {
  bj::object o;
  for (const auto& [k, v] : m) o.emplace(k, v);
  return o;
}

ObjectReader::ObjectReader(const bj::value& v, std::string prefix) : prefix_(std::move(prefix)) {
  obj_ = v.if_object();
  if (!obj_) {
    errors_.push_back({prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - 1),
                       "must be a JSON object"});
  }
}

bool ObjectReader::Has(std::string_view key) const { return obj_ && obj_->contains(key); }

const bj::value* ObjectReader::Get(std::string_view key, bool required) {
  known_.emplace_back(key);
  if (!obj_) return nullptr;
  const bj::value* v = obj_->if_contains(key);
  if (!v || v->is_null()) {
    if (required) AddError(Field(key), "is required");
    return nullptr;
  }
  return v;
}

std::optional<std::string> ObjectReader::String(std::string_view key, bool required) {
  const bj::value* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    AddError(Field(key), "must be a string");
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<int64_t> ObjectReader::Int(std::string_view key, bool required) {
  const bj::value* v = Get(key, required);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(INT64_MAX))
    return static_cast<int64_t>(v->get_uint64());
  if (v->is_double()) {
    double d = v->get_double();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
      return static_cast<int64_t>(d);
  }
  AddError(Field(key), "must be an integer");
  return std::nullopt;
}

std::optional<double> ObjectReader::Number(std::string_view key, bool required) {
  const bj::value* v = Get(key, required);
  if (!v) return std::nullopt;
  if (v->is_number()) {
    double d = v->to_number<double>();
    if (std::isfinite(d)) return d;
  }
  AddError(Field(key), "must be a finite number");
  return std::nullopt;
}

std::optional<bool> ObjectReader::Bool(std::string_view key, bool required) {
  const bj::value* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    AddError(Field(key), "must be a boolean");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<StringMap> ObjectReader::Strings(std::string_view key, bool required) {
  const bj::value* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    AddError(Field(key), "must be an object of strings");
    return std::nullopt;
  }
  StringMap out;
  for (const auto& kv : v->get_object()) {
    if (!kv.value().is_string()) {
      AddError(Field(key) + "." + std::string(kv.key()), "must be a string");
      continue;
    }
    out.emplace(std::string(kv.key()), std::string(kv.value().get_string()));
  }
  return out;
}

const bj::value* ObjectReader::Raw(std::string_view key, bool required) {
  return Get(key, required);
}

void ObjectReader::AddError(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

void ObjectReader::CollectInto(std::vector<FieldError>& sink) {
  if (obj_) {
    for (const auto& kv : *obj_) {
      if (std::find(known_.begin(), known_.end(), kv.key()) == known_.end())
        errors_.push_back({Field(kv.key()), "unknown field"});
    }
    known_.clear();
    for (const auto& kv : *obj_) known_.emplace_back(kv.key());  // report unknowns only once
  }
  for (auto& e : errors_) sink.push_back(std::move(e));
  errors_.clear();
}

Status ObjectReader::Finish() {
  std::vector<FieldError> errs;
  CollectInto(errs);
  if (errs.empty()) return Status::Ok();
  return ValidationError(std::move(errs));
}

Status ValidationError(std::vector<FieldError> errors) {
  if (errors.empty()) return InvalidArgument("request validation failed");
  return validation::Invalid(std::move(errors));
}

}  // namespace cairn::json
