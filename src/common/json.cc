#include "common/json.h"

#include <algorithm>
#include <cmath>

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

std::string Serialize(const bj::value& v) { return bj::serialize(v); }

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
  std::string msg = "request validation failed";
  if (!errors.empty()) msg += ": " + errors.front().field + " " + errors.front().message;
  if (errors.size() > 1) msg += " (and " + std::to_string(errors.size() - 1) + " more)";
  return InvalidArgument(std::move(msg), std::move(errors));
}

}  // namespace cairn::json
