#include "cli/fields.h"

#include <charconv>
#include <cmath>

#include "cli/text.h"
#include "common/json.h"

namespace cairn::cli {

const bj::value* Field(const bj::value& v, std::string_view key) {
  const bj::object* o = v.if_object();
  if (!o) return nullptr;
  auto it = o->find(key);
  return it == o->end() ? nullptr : &it->value();
}

const bj::value* Path(const bj::value& v, std::string_view dotted) {
  const bj::value* cur = &v;
  while (cur) {
    size_t dot = dotted.find('.');
    cur = Field(*cur, dotted.substr(0, dot));
    if (dot == std::string_view::npos) break;
    dotted.remove_prefix(dot + 1);
  }
  return cur;
}

std::string ValueText(const bj::value* v) {
  if (!v || v->is_null()) return "-";
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_double()) return FormatNumber(v->get_double());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  if (v->is_bool()) return v->get_bool() ? "true" : "false";
  return json::Serialize(*v);
}

std::string Text(const bj::value& v, std::string_view key) { return ValueText(Field(v, key)); }

std::string TimeText(const bj::value& v, std::string_view key) {
  const bj::value* f = Field(v, key);
  if (!f || !f->is_string()) return ValueText(f);
  return FormatTime(f->get_string());
}

std::string MapText(const bj::value& v, std::string_view key) {
  const bj::value* f = Field(v, key);
  if (!f || !f->is_object() || f->get_object().empty()) return "-";
  std::string out;
  for (const auto& kv : f->get_object()) {
    if (!out.empty()) out += ", ";
    out += std::string(kv.key()) + "=" + ValueText(&kv.value());
  }
  return out;
}

Cell StatusCell(const bj::value& v, std::string_view key) {
  std::string t = Text(v, key);
  return Cell(t, StyleFor(t));
}

std::optional<int64_t> IntField(const bj::value& v, std::string_view key) {
  const bj::value* f = Field(v, key);
  if (!f) return std::nullopt;
  if (f->is_int64()) return f->get_int64();
  if (f->is_uint64()) return static_cast<int64_t>(f->get_uint64());
  if (f->is_double()) return static_cast<int64_t>(f->get_double());
  return std::nullopt;
}

std::optional<double> NumberField(const bj::value& v, std::string_view key) {
  const bj::value* f = Field(v, key);
  if (!f) return std::nullopt;
  if (f->is_double()) return f->get_double();
  if (f->is_int64()) return static_cast<double>(f->get_int64());
  if (f->is_uint64()) return static_cast<double>(f->get_uint64());
  return std::nullopt;
}

std::string StringField(const bj::value& v, std::string_view key) {
  const bj::value* f = Field(v, key);
  return f && f->is_string() ? std::string(f->get_string()) : std::string();
}

const bj::array& Items(const bj::value& page) {
  static const bj::array kEmpty;
  const bj::value* f = Field(page, "items");
  return f && f->is_array() ? f->get_array() : kEmpty;
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) comma = s.size();
    out.emplace_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

bj::object ToObject(const std::map<std::string, std::string>& m) {
  bj::object o;
  for (const auto& [k, v] : m) o[k] = v;
  return o;
}

bj::value GuessJson(std::string_view t) {
  if (t == "true") return true;
  if (t == "false") return false;
  if (t == "null") return nullptr;
  int64_t i = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), i);
  if (!t.empty() && ec == std::errc() && p == t.data() + t.size()) return i;
  double d = 0;
  auto [q, ec2] = std::from_chars(t.data(), t.data() + t.size(), d);
  if (!t.empty() && ec2 == std::errc() && q == t.data() + t.size() && std::isfinite(d)) return d;
  return bj::string(t);
}

}  // namespace cairn::cli
