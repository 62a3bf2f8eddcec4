#include "common/json_columns.h"

#include <boost/json.hpp>

#include "common/json.h"

namespace cairn::json {
namespace {

// Parses stored text without throwing; null on anything unexpected.
bj::value ParseStored(std::string_view text) {
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec) return nullptr;
  return v;
}

}  // namespace

std::string EncodeStringMap(const StringMap& m) {
  bj::object o;
  for (const auto& [k, v] : m) o.emplace(k, v);
  return Serialize(o);
}

StringMap DecodeStringMap(std::string_view text) {
  StringMap out;
  bj::value v = ParseStored(text);
  if (!v.is_object()) return out;
  for (const auto& kv : v.get_object()) {
    if (const bj::string* s = kv.value().if_string()) out.emplace(kv.key(), *s);
  }
  return out;
}

std::string EncodeNumberMap(const NumberMap& m) {
  bj::object o;
  for (const auto& [k, v] : m) o.emplace(k, v);
  return Serialize(o);
}

NumberMap DecodeNumberMap(std::string_view text) {
  NumberMap out;
  bj::value v = ParseStored(text);
  if (!v.is_object()) return out;
  for (const auto& kv : v.get_object()) {
    const bj::value& n = kv.value();
    if (n.is_double()) {
      out.emplace(kv.key(), n.get_double());
    } else if (n.is_int64()) {
      out.emplace(kv.key(), static_cast<double>(n.get_int64()));
    } else if (n.is_uint64()) {
      out.emplace(kv.key(), static_cast<double>(n.get_uint64()));
    }
  }
  return out;
}

std::string EncodeStringList(const StringList& l) {
  bj::array a;
  for (const auto& s : l) a.emplace_back(s);
  return Serialize(a);
}

StringList DecodeStringList(std::string_view text) {
  StringList out;
  bj::value v = ParseStored(text);
  if (!v.is_array()) return out;
  for (const auto& e : v.get_array()) {
    if (const bj::string* s = e.if_string()) out.emplace_back(*s);
  }
  return out;
}

}  // namespace cairn::json
