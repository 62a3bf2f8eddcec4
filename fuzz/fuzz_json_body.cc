// Fuzzes request-body handling: cairn::json::Parse on arbitrary bytes, then an ObjectReader walk
// that asks every value for a few fields of each type (the way handlers read bodies), recursing
// into nested objects and arrays. Also checks that a parsed value serializes and parses back to
// an equal value.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"

namespace {

namespace bj = boost::json;

constexpr int kMaxWalkDepth = 16;
constexpr size_t kMaxChildren = 64;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

// Equality up to a few ulps for doubles: Boost 1.81's parser is not correctly rounded for long
// mantissas (parse_options::numbers = precise arrived in 1.83), so a double may come back off
// by one ulp after Serialize + Parse.
bool NearlyEqual(const bj::value& a, const bj::value& b) {
  if (a.is_double() && b.is_double()) {
    const double x = a.get_double();
    const double y = b.get_double();
    return x == y || std::fabs(x - y) <= 4 * std::numeric_limits<double>::epsilon() *
                                             std::max(std::fabs(x), std::fabs(y));
  }
  if (a.kind() != b.kind()) return false;
  if (const bj::array* aa = a.if_array()) {
    const bj::array& bb = b.get_array();
    if (aa->size() != bb.size()) return false;
    for (size_t i = 0; i < aa->size(); ++i) {
      if (!NearlyEqual((*aa)[i], bb[i])) return false;
    }
    return true;
  }
  if (const bj::object* ao = a.if_object()) {
    const bj::object& bo = b.get_object();
    if (ao->size() != bo.size()) return false;
    for (const auto& kv : *ao) {
      const bj::value* other = bo.if_contains(kv.key());
      if (!other || !NearlyEqual(kv.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

void Walk(const bj::value& v, const std::string& prefix, int depth) {
  if (depth > kMaxWalkDepth) return;
  if (const bj::array* arr = v.if_array()) {
    for (size_t i = 0; i < arr->size() && i < kMaxChildren; ++i) {
      Walk((*arr)[i], prefix + std::to_string(i) + ".", depth + 1);
    }
    return;
  }
  cairn::json::ObjectReader r(v, prefix);
  (void)r.String("name");
  (void)r.String("key", /*required=*/true);
  (void)r.Int("step");
  (void)r.Int("timestamp", /*required=*/true);
  (void)r.Number("value");
  (void)r.Bool("required");
  (void)r.Strings("tags");
  (void)r.Has("params");
  if (const bj::value* items = r.Raw("items")) Walk(*items, r.Field("items") + ".", depth + 1);
  if (const bj::object* obj = v.if_object()) {
    size_t n = 0;
    for (const auto& kv : *obj) {
      if (++n > kMaxChildren) break;
      // Ask each present key as every type: exercises every error branch.
      (void)r.Int(kv.key());
      (void)r.Number(kv.key());
      (void)r.String(kv.key());
      (void)r.Bool(kv.key());
      (void)r.Strings(kv.key());
      if (kv.value().is_structured()) Walk(kv.value(), r.Field(kv.key()) + ".", depth + 1);
    }
  }
  std::vector<cairn::FieldError> sink;
  r.CollectInto(sink);
  // The field may be empty: an unknown key "" at the top level is reported as field "".
  for (const auto& e : sink) Check(!e.message.empty());
  const cairn::Status s = r.Finish();  // after CollectInto: nothing left to report
  Check(s.ok());
  if (!sink.empty()) {
    const cairn::Status v_err = cairn::json::ValidationError(sink);
    Check(v_err.code() == cairn::StatusCode::kInvalidArgument);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = cairn::json::Parse(text);
  if (!parsed.ok()) {
    Check(parsed.status().code() == cairn::StatusCode::kInvalidArgument);
    return 0;
  }
  Walk(*parsed, "", 0);
  cairn::json::ObjectReader top(*parsed);
  (void)top.Finish();

  const std::string out = cairn::json::Serialize(*parsed);
  auto again = cairn::json::Parse(out);
  Check(again.ok());
  Check(NearlyEqual(*again, *parsed));
  return 0;
}
