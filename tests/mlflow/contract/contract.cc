#include "tests/mlflow/contract/contract.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/json.h"
#include "mlflow/python_repr.h"

namespace cairn::mlflow::contract {

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Base64Decode(std::string_view s) {
  auto sextet = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  for (char c : s) {
    const int v = sextet(c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

std::string Str(const bj::value& v) { return std::string(v.as_string()); }

// One piece of a string template.
struct Segment {
  enum class Kind { kLiteral, kVar, kAny } kind;
  std::string text;  // literal text or variable name
  bool url = false;
};

std::vector<Segment> Segments(std::string_view s) {
  std::vector<Segment> out;
  std::string lit;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      const size_t close = s.find('}', i + 2);
      if (close != std::string_view::npos) {
        std::string name(s.substr(i + 2, close - i - 2));
        if (!lit.empty()) out.push_back({Segment::Kind::kLiteral, std::move(lit)});
        lit.clear();
        if (name.rfind("repeat:", 0) == 0) {
          const size_t colon = name.find(':', 7);
          const size_t n = std::stoul(name.substr(7, colon - 7));
          out.push_back({Segment::Kind::kLiteral, std::string(n, name[colon + 1])});
        } else if (name == "any-string" || name == "artifact-root" || name == "time") {
          out.push_back({Segment::Kind::kAny, name});
        } else {
          bool url = false;
          if (name.size() > 4 && name.substr(name.size() - 4) == "|url") {
            url = true;
            name.resize(name.size() - 4);
          }
          out.push_back({Segment::Kind::kVar, std::move(name), url});
        }
        i = close + 1;
        continue;
      }
    }
    lit += s[i++];
  }
  if (!lit.empty()) out.push_back({Segment::Kind::kLiteral, std::move(lit)});
  return out;
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool MatchSegments(const std::vector<Segment>& segs, size_t si, std::string_view text, size_t pos,
                   std::map<std::string, std::string>& captured, const Bindings& bindings) {
  if (si == segs.size()) return pos == text.size();
  const Segment& s = segs[si];
  auto literal = [&](std::string_view lit) {
    return text.substr(pos, lit.size()) == lit &&
           MatchSegments(segs, si + 1, text, pos + lit.size(), captured, bindings);
  };
  switch (s.kind) {
    case Segment::Kind::kLiteral:
      return literal(s.text);
    case Segment::Kind::kAny:
      for (size_t end = pos; end <= text.size(); ++end) {
        if (MatchSegments(segs, si + 1, text, end, captured, bindings)) return true;
      }
      return false;
    case Segment::Kind::kVar: {
      if (const std::string* v = bindings.Find(s.text)) return literal(*v);
      if (auto it = captured.find(s.text); it != captured.end()) return literal(it->second);
      for (size_t end = pos + 1; end <= text.size(); ++end) {
        captured[s.text] = std::string(text.substr(pos, end - pos));
        if (MatchSegments(segs, si + 1, text, end, captured, bindings)) return true;
      }
      captured.erase(s.text);
      return false;
    }
  }
  return false;
}

std::string Kind(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null:
      return "null";
    case bj::kind::bool_:
      return "bool";
    case bj::kind::int64:
    case bj::kind::uint64:
      return "integer";
    case bj::kind::double_:
      return "double";
    case bj::kind::string:
      return "string";
    case bj::kind::array:
      return "array";
    case bj::kind::object:
      return "object";
  }
  return "?";
}

// The literal "key" or "alias" of an array element, when the array is keyed.
std::optional<std::string> ElementKey(const bj::value& v) {
  if (!v.is_object()) return std::nullopt;
  for (const char* field : {"key", "alias"}) {
    if (const bj::value* k = v.as_object().if_contains(field); k && k->is_string()) {
      const std::string s(k->as_string());
      if (s.find("${") != std::string::npos) return std::nullopt;
      return s;
    }
  }
  return std::nullopt;
}

void Match(const bj::value& expected, const bj::value& actual, Bindings& b,
           const MatchOptions& options, const std::string& path, std::vector<std::string>& diffs,
           bool is_message) {
  if (expected.is_string()) {
    const std::string e = Str(expected);
    if (e == "${time}") {
      if (!(actual.is_int64() && actual.as_int64() > 0) && !actual.is_uint64()) {
        diffs.push_back(path + ": expected a positive integer time, got " +
                        json::Serialize(actual));
      }
      return;
    }
    if (!actual.is_string()) {
      diffs.push_back(path + ": expected a string, got " + Kind(actual));
      return;
    }
    std::string a = Str(actual);
    if (is_message && !options.exact_message) {
      if (a.empty()) diffs.push_back(path + ": empty message");
      return;
    }
    std::string ex = e;
    if (is_message) {
      ex = py::CanonicalizeSets(ex);
      a = py::CanonicalizeSets(a);
    }
    if (!MatchString(ex, a, b)) {
      diffs.push_back(path + ": expected " + json::Serialize(expected) + ", got " +
                      json::Serialize(actual));
    }
    return;
  }
  if (Kind(expected) != Kind(actual)) {
    diffs.push_back(path + ": expected " + Kind(expected) + " " + json::Serialize(expected) +
                    ", got " + Kind(actual) + " " + json::Serialize(actual));
    return;
  }
  switch (expected.kind()) {
    case bj::kind::object: {
      const auto& eo = expected.as_object();
      const auto& ao = actual.as_object();
      const bool error_body = path.empty() && eo.contains("error_code");
      for (const auto& [k, ev] : eo) {
        const std::string p = path + "/" + std::string(k);
        const bj::value* av = ao.if_contains(k);
        if (av == nullptr) {
          diffs.push_back(p + ": missing");
          continue;
        }
        Match(ev, *av, b, options, p, diffs, error_body && k == "message");
      }
      for (const auto& [k, av] : ao) {
        if (!eo.contains(k)) {
          diffs.push_back(path + "/" + std::string(k) + ": unexpected field " +
                          json::Serialize(av));
        }
      }
      return;
    }
    case bj::kind::array: {
      const auto& ea = expected.as_array();
      const auto& aa = actual.as_array();
      if (ea.size() != aa.size()) {
        diffs.push_back(path + ": expected " + std::to_string(ea.size()) + " elements, got " +
                        std::to_string(aa.size()));
        return;
      }
      // Keyed (unordered) only when every element has a distinct literal key: a metric
      // history repeats its key and stays ordered.
      bool keyed = !ea.empty();
      std::vector<std::string> keys;
      for (const auto& e : ea) {
        auto k = ElementKey(e);
        keyed = keyed && k.has_value();
        if (k) keys.push_back(*k);
      }
      std::sort(keys.begin(), keys.end());
      keyed = keyed && std::adjacent_find(keys.begin(), keys.end()) == keys.end();
      if (keyed) {
        for (size_t i = 0; i < ea.size(); ++i) {
          const std::string key = *ElementKey(ea[i]);
          auto it = std::find_if(aa.begin(), aa.end(),
                                 [&](const bj::value& a) { return ElementKey(a) == key; });
          if (it == aa.end()) {
            diffs.push_back(path + "[" + key + "]: missing");
            continue;
          }
          Match(ea[i], *it, b, options, path + "[" + key + "]", diffs, false);
        }
        return;
      }
      for (size_t i = 0; i < ea.size(); ++i) {
        Match(ea[i], aa[i], b, options, path + "[" + std::to_string(i) + "]", diffs, false);
      }
      return;
    }
    case bj::kind::int64:
    case bj::kind::uint64:
    case bj::kind::double_:
    case bj::kind::bool_:
      if (expected != actual) {
        diffs.push_back(path + ": expected " + json::Serialize(expected) + ", got " +
                        json::Serialize(actual));
      }
      return;
    default:
      return;
  }
}

}  // namespace

Result<Recording> LoadRecording(const std::string& path) {
  auto parsed = json::Parse(ReadFile(path));
  if (!parsed.ok() || !parsed->is_object() || !parsed->as_object().contains("exchanges")) {
    return InvalidArgument("not a recording: " + path);
  }
  Recording rec;
  rec.scenario = Str(parsed->at("scenario"));
  for (const auto& ev : parsed->at("exchanges").as_array()) {
    const auto& e = ev.as_object();
    Exchange ex;
    ex.name = Str(e.at("name"));
    const auto& rq = e.at("request").as_object();
    ex.request.method = Str(rq.at("method"));
    ex.request.path = Str(rq.at("path"));
    if (rq.contains("query")) ex.request.query = Str(rq.at("query"));
    if (rq.contains("headers")) {
      for (const auto& [k, v] : rq.at("headers").as_object()) {
        ex.request.headers.emplace_back(std::string(k), Str(v));
      }
    }
    if (rq.contains("json")) ex.request.json = rq.at("json");
    if (rq.contains("text")) ex.request.text = Str(rq.at("text"));
    if (rq.contains("base64")) ex.request.bytes = Base64Decode(Str(rq.at("base64")));
    const auto& rs = e.at("response").as_object();
    ex.response.status = static_cast<int>(rs.at("status").as_int64());
    ex.response.content_type = Str(rs.at("content_type"));
    if (rs.contains("json")) ex.response.json = rs.at("json");
    if (rs.contains("text")) ex.response.text = Str(rs.at("text"));
    if (rs.contains("base64")) ex.response.bytes = Base64Decode(Str(rs.at("base64")));
    ex.exact_message = e.contains("message") && e.at("message").as_string() == "exact";
    ex.ignore_body = e.contains("body") && e.at("body").as_string() == "ignore";
    rec.exchanges.push_back(std::move(ex));
  }
  return rec;
}

Result<std::vector<Recording>> LoadRecordings(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  if (ec) return InvalidArgument("cannot list " + dir);
  std::sort(files.begin(), files.end());
  std::vector<Recording> out;
  for (const auto& f : files) {
    ASSIGN_OR_RETURN(Recording r, LoadRecording(f));
    out.push_back(std::move(r));
  }
  return out;
}

const std::string* Bindings::Find(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

Result<std::string> Bindings::ExpandString(std::string_view tmpl) const {
  std::string out;
  for (const Segment& s : Segments(tmpl)) {
    if (s.kind == Segment::Kind::kLiteral) {
      out += s.text;
    } else if (s.kind == Segment::Kind::kVar) {
      const std::string* v = Find(s.text);
      if (v == nullptr) return InvalidArgument("unbound variable ${" + s.text + "}");
      out += s.url ? UrlEncode(*v) : *v;
    } else {
      return InvalidArgument("placeholder ${" + s.text + "} in a request");
    }
  }
  return out;
}

Result<bj::value> Bindings::ExpandJson(const bj::value& tmpl) const {
  if (tmpl.is_string()) {
    ASSIGN_OR_RETURN(std::string s, ExpandString(std::string_view(tmpl.as_string())));
    return bj::value(s);
  }
  if (tmpl.is_array()) {
    bj::array a;
    for (const auto& e : tmpl.as_array()) {
      ASSIGN_OR_RETURN(bj::value v, ExpandJson(e));
      a.push_back(std::move(v));
    }
    return bj::value(std::move(a));
  }
  if (tmpl.is_object()) {
    bj::object o;
    for (const auto& [k, e] : tmpl.as_object()) {
      ASSIGN_OR_RETURN(bj::value v, ExpandJson(e));
      o[k] = std::move(v);
    }
    return bj::value(std::move(o));
  }
  return tmpl;
}

bool MatchString(std::string_view expected, std::string_view actual, Bindings& bindings) {
  const std::vector<Segment> segs = Segments(expected);
  std::map<std::string, std::string> captured;
  if (!MatchSegments(segs, 0, actual, 0, captured, bindings)) return false;
  for (auto& [k, v] : captured) bindings.Bind(k, std::move(v));
  return true;
}

std::vector<std::string> MatchJson(const bj::value& expected, const bj::value& actual,
                                   Bindings& bindings, const MatchOptions& options) {
  std::vector<std::string> diffs;
  Match(expected, actual, bindings, options, "", diffs, false);
  return diffs;
}

std::vector<std::string> MatchReply(const Exchange& ex, const Reply& reply, Bindings& bindings,
                                    const Override* override_expectation) {
  std::vector<std::string> diffs;
  if (override_expectation != nullptr) {
    if (reply.status != override_expectation->status) {
      diffs.push_back("status: expected " + std::to_string(override_expectation->status) +
                      " (Cairn's deliberate answer), got " + std::to_string(reply.status));
    }
    if (!override_expectation->error_code.empty()) {
      auto body = json::Parse(reply.body);
      const bool ok = body.ok() && body->is_object() && body->as_object().contains("error_code") &&
                      body->at("error_code") == bj::value(override_expectation->error_code) &&
                      body->as_object().contains("message") && body->at("message").is_string();
      if (!ok) diffs.push_back("body: expected error_code " + override_expectation->error_code);
    }
    return diffs;
  }
  if (reply.status != ex.response.status) {
    diffs.push_back("status: expected " + std::to_string(ex.response.status) + ", got " +
                    std::to_string(reply.status) + " (body " + reply.body.substr(0, 300) + ")");
  }
  if (ex.ignore_body) return diffs;
  const std::string actual_type = reply.content_type.substr(0, reply.content_type.find(';'));
  if (ex.response.json) {
    if (actual_type != "application/json") {
      diffs.push_back("content-type: expected application/json, got " + reply.content_type);
    }
    auto body = json::Parse(reply.body);
    if (!body.ok()) {
      diffs.push_back("body: not JSON: " + reply.body.substr(0, 200));
      return diffs;
    }
    MatchOptions options;
    options.exact_message = ex.exact_message;
    for (auto& d : MatchJson(*ex.response.json, *body, bindings, options)) {
      diffs.push_back("body" + d);
    }
    return diffs;
  }
  if (actual_type != ex.response.content_type) {
    diffs.push_back("content-type: expected " + ex.response.content_type + ", got " +
                    reply.content_type);
  }
  if (ex.response.text && !MatchString(*ex.response.text, reply.body, bindings)) {
    diffs.push_back("body: expected text " + ex.response.text->substr(0, 200) + ", got " +
                    reply.body.substr(0, 200));
  }
  if (ex.response.bytes && *ex.response.bytes != reply.body) {
    diffs.push_back("body: bytes differ (" + std::to_string(ex.response.bytes->size()) + " vs " +
                    std::to_string(reply.body.size()) + ")");
  }
  return diffs;
}

}  // namespace cairn::mlflow::contract
