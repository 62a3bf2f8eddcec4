#include "common/json.h"

#include <algorithm>
#include <boost/json/basic_parser_impl.hpp>
#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

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

// The path (`a.b[2].c`) of the first string, or object key, that contains U+0000, if any. A
// NUL cannot be stored in a PostgreSQL text column and cuts C strings short, and no field of the
// API carries one legitimately; rejecting it here covers every field of every request body.
// (The MLflow-compatible routes parse their bodies themselves, as MLflow does.)
std::optional<std::string> FirstNul(const bj::value& v, const std::string& path) {
  auto has_nul = [](std::string_view s) { return s.find('\0') != std::string_view::npos; };
  if (const bj::string* str = v.if_string()) {
    if (has_nul(*str)) return path.empty() ? std::string("body") : path;
  } else if (const bj::array* a = v.if_array()) {
    for (size_t i = 0; i < a->size(); ++i) {
      if (auto p = FirstNul((*a)[i], path + "[" + std::to_string(i) + "]")) return p;
    }
  } else if (const bj::object* o = v.if_object()) {
    for (const auto& kv : *o) {
      const std::string_view key = kv.key();
      if (has_nul(key)) {
        const std::string shown(key.substr(0, std::min<size_t>(key.find('\0'), 64)));
        return (path.empty() ? "" : path + ".") + shown;
      }
      if (auto p = FirstNul(kv.value(),
                            path.empty() ? std::string(key) : path + "." + std::string(key))) {
        return p;
      }
    }
  }
  return std::nullopt;
}

// Longest prefix of `s` of at most `max` bytes that does not cut a UTF-8 sequence.
std::string_view Utf8Prefix(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

// Boost.JSON's DOM handler (detail::handler: every event pushed onto a value_stack) plus what
// RFC 8259 leaves open and we refuse: an object with the same key twice (Boost keeps the last
// one silently, so two readers of one body could see different values). Keys of the objects
// being parsed are copied into one arena; each object checks its own keys when it closes.
class StrictHandler {
 public:
  static constexpr size_t max_object_size = bj::object::max_size();  // NOLINT: Boost's names
  static constexpr size_t max_array_size = bj::array::max_size();    // NOLINT
  static constexpr size_t max_key_size = bj::string::max_size();     // NOLINT
  static constexpr size_t max_string_size = bj::string::max_size();  // NOLINT

  StrictHandler(unsigned char* temp, size_t temp_size) : st(bj::storage_ptr(), temp, temp_size) {}

  bj::value_stack st;                    // NOLINT: the parser reaches it as handler().st
  std::optional<std::string> duplicate;  // the first duplicate key found

  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }
  bool on_object_begin(bj::error_code&) {
    levels_.push_back(keys_.size());
    return true;
  }
  bool on_object_end(size_t n, bj::error_code& ec) {
    const size_t first = levels_.back();
    levels_.pop_back();
    if (HasDuplicate(first)) {
      ec = boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
      return false;
    }
    arena_.resize(first == keys_.size() ? arena_.size() : keys_[first].offset);
    keys_.resize(first);
    st.push_object(n);
    return true;
  }
  bool on_array_begin(bj::error_code&) { return true; }
  bool on_array_end(size_t n, bj::error_code&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(bj::string_view s, size_t, bj::error_code&) {
    st.push_chars(s);
    arena_.append(s.data(), s.size());
    key_part_ += s.size();
    return true;
  }
  bool on_key(bj::string_view s, size_t, bj::error_code&) {
    st.push_key(s);
    const size_t offset = arena_.size() - key_part_;
    arena_.append(s.data(), s.size());
    keys_.push_back({offset, key_part_ + s.size()});
    key_part_ = 0;
    return true;
  }
  bool on_string_part(bj::string_view s, size_t, bj::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(bj::string_view s, size_t, bj::error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(bj::string_view, bj::error_code&) { return true; }
  bool on_int64(int64_t i, bj::string_view, bj::error_code&) {
    st.push_int64(i);
    return true;
  }
  bool on_uint64(uint64_t u, bj::string_view, bj::error_code&) {
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, bj::string_view, bj::error_code&) {
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, bj::error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(bj::error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
  bool on_comment(bj::string_view, bj::error_code&) { return true; }

 private:
  struct Key {
    size_t offset;
    size_t size;
  };
  // Small objects compare pairwise; big ones (maps of tags, inline columns) sort a view list.
  static constexpr size_t kPairwiseLimit = 16;

  std::string_view KeyText(const Key& k) const {
    return std::string_view(arena_).substr(k.offset, k.size);
  }

  bool HasDuplicate(size_t first) {
    const size_t n = keys_.size() - first;
    if (n < 2) return false;
    if (n <= kPairwiseLimit) {
      for (size_t i = first; i < keys_.size(); ++i) {
        for (size_t j = i + 1; j < keys_.size(); ++j) {
          if (KeyText(keys_[i]) == KeyText(keys_[j])) return Found(KeyText(keys_[i]));
        }
      }
      return false;
    }
    std::vector<std::string_view> sorted;
    sorted.reserve(n);
    for (size_t i = first; i < keys_.size(); ++i) sorted.push_back(KeyText(keys_[i]));
    std::sort(sorted.begin(), sorted.end());
    auto dup = std::adjacent_find(sorted.begin(), sorted.end());
    return dup != sorted.end() && Found(*dup);
  }

  bool Found(std::string_view key) {
    duplicate.emplace(key);
    return true;
  }

  std::string arena_;           // key bytes of the objects still open
  std::vector<Key> keys_;       // their keys, innermost object last
  std::vector<size_t> levels_;  // index into keys_ where each open object starts
  size_t key_part_ = 0;         // bytes of the current key delivered by on_key_part
};

}  // namespace

Result<bj::value> Parse(std::string_view text) {
  bj::parse_options opts;
  opts.max_depth = kMaxDepth;
  unsigned char temp[BOOST_JSON_STACK_BUFFER_SIZE];
  bj::basic_parser<StrictHandler> parser(opts, temp, sizeof(temp));
  parser.handler().st.reset();
  boost::system::error_code ec;
  const size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && used < text.size()) ec = bj::error::extra_data;
  if (const auto& dup = parser.handler().duplicate) {
    constexpr size_t kMaxEchoedKey = 64;
    return InvalidArgument("malformed JSON: duplicate key \"" +
                           std::string(Utf8Prefix(*dup, kMaxEchoedKey)) + "\" in an object");
  }
  if (ec) return InvalidArgument("malformed JSON: " + ec.message());
  bj::value v = parser.handler().st.release();
  if (!AllNumbersFinite(v)) return InvalidArgument("malformed JSON: number out of range");
  if (auto where = FirstNul(v, "")) {
    return validation::FieldInvalid(std::string(Utf8Prefix(*where, 256)), validation::kNoNulRule);
  }
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
