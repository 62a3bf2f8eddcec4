// JSON helpers on Boost.JSON: bounded parsing and a strict object reader for request bodies.
//
// ObjectReader validates one JSON object field by field, records every problem as a FieldError
// (types, required fields) and, in Finish(), rejects fields it was never asked about (unknown
// fields are typos). Thread-compatible.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::json {

namespace bj = boost::json;

inline constexpr int kMaxDepth = 64;

// Parses a request body. Errors: InvalidArgument ("malformed JSON: ...") for bad syntax, depth
// over kMaxDepth, trailing garbage, a number out of the double range, invalid UTF-8 (also as
// unpaired \u surrogate escapes) and an object with the same key twice (RFC 8259 leaves the
// meaning open; we refuse rather than pick one).
Result<bj::value> Parse(std::string_view text);

// Serializes without pretty-printing. Unlike Boost.JSON 1.81 (which writes 0.95 as `9.5E-1`),
// doubles use the shortest round-trip form from std::to_chars, with `.0` added to whole numbers
// so that clients still read them as floating point: 0.95 -> `0.95`, 3.0 -> `3.0`,
// 1e-05 -> `1e-05`. Strings are escaped as RFC 8259 requires (quote, backslash, controls).
// A NaN or infinite double (JSON has no such number) is written as `null`, so the output is
// always valid JSON whatever a producer computed.
std::string Serialize(const bj::value& v);
std::string Serialize(const bj::object& o);
std::string Serialize(const bj::array& a);
// Appends the serialized value to `out` (for callers that build a larger buffer).
void AppendJson(std::string& out, const bj::value& v);

using StringMap = std::map<std::string, std::string>;
bj::object ToJson(const StringMap& m);

class ObjectReader {
 public:
  // `prefix` is prepended to field names in errors (e.g. "metrics[3].").
  explicit ObjectReader(const bj::value& v, std::string prefix = "");

  bool is_object() const { return obj_ != nullptr; }

  std::optional<std::string> String(std::string_view key, bool required = false);
  std::optional<int64_t> Int(std::string_view key, bool required = false);
  // Finite numbers only (integers are accepted as numbers).
  std::optional<double> Number(std::string_view key, bool required = false);
  std::optional<bool> Bool(std::string_view key, bool required = false);
  // A JSON object whose values are all strings.
  std::optional<StringMap> Strings(std::string_view key, bool required = false);
  // Any value; null counts as absent. Marks the field as known.
  const bj::value* Raw(std::string_view key, bool required = false);
  // True when the key is present (even if null). Marks nothing.
  bool Has(std::string_view key) const;

  void AddError(std::string field, std::string message);
  std::string Field(std::string_view key) const { return prefix_ + std::string(key); }
  // Moves this reader's errors (and unknown-field errors) into `sink`.
  void CollectInto(std::vector<FieldError>& sink);
  // InvalidArgument with every error, or OK.
  Status Finish();

 private:
  const bj::value* Get(std::string_view key, bool required);

  const bj::object* obj_ = nullptr;
  std::string prefix_;
  std::vector<std::string> known_;
  std::vector<FieldError> errors_;
};

// Builds the InvalidArgument status for a list of field errors (validation::Invalid).
Status ValidationError(std::vector<FieldError> errors);

}  // namespace cairn::json
