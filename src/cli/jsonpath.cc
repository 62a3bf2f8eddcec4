#include "cli/jsonpath.h"

#include <charconv>

#include "common/json.h"

namespace cairn::cli {
namespace {

namespace bj = boost::json;
using Node = JsonPathTemplate::Node;
using Segment = JsonPathTemplate::Segment;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Status Bad(std::string what) { return InvalidArgument("jsonpath: " + std::move(what)); }

// "\n", "\t", "\\", "\"" escapes.
std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char c = s[++i];
      out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
    } else {
      out += s[i];
    }
  }
  return out;
}

Result<std::vector<Segment>> ParsePath(std::string_view p) {
  std::vector<Segment> out;
  size_t i = 0;
  if (!p.empty() && (p[0] == '@' || p[0] == '$')) i = 1;
  bool first = true;
  while (i < p.size()) {
    if (p[i] == '.') {
      ++i;
      if (i < p.size() && p[i] == '.') return Bad("recursive descent (..) is not supported");
    } else if (p[i] != '[' && !first) {
      return Bad("unexpected '" + std::string(1, p[i]) + "' in '" + std::string(p) + "'");
    }
    first = false;
    if (i >= p.size()) break;
    if (p[i] == '[') {
      size_t close = std::string_view::npos;
      if (i + 1 < p.size() && (p[i + 1] == '\'' || p[i + 1] == '"')) {
        char q = p[i + 1];
        size_t end = p.find(q, i + 2);
        if (end == std::string_view::npos || end + 1 >= p.size() || p[end + 1] != ']') {
          return Bad("unterminated quoted key in '" + std::string(p) + "'");
        }
        out.push_back({Segment::Kind::kKey, std::string(p.substr(i + 2, end - i - 2)), 0});
        i = end + 2;
        continue;
      }
      close = p.find(']', i);
      if (close == std::string_view::npos) return Bad("missing ']' in '" + std::string(p) + "'");
      std::string_view inner = Trim(p.substr(i + 1, close - i - 1));
      if (inner == "*") {
        out.push_back({Segment::Kind::kWildcard, "", 0});
      } else {
        int64_t n = 0;
        auto [ptr, ec] = std::from_chars(inner.data(), inner.data() + inner.size(), n);
        if (inner.empty() || ec != std::errc() || ptr != inner.data() + inner.size()) {
          return Bad("index '" + std::string(inner) + "' is not an integer or *");
        }
        out.push_back({Segment::Kind::kIndex, "", n});
      }
      i = close + 1;
      continue;
    }
    size_t end = p.find_first_of(".[", i);
    if (end == std::string_view::npos) end = p.size();
    std::string_view name = p.substr(i, end - i);
    if (name.empty()) return Bad("empty key in '" + std::string(p) + "'");
    if (name == "*") {
      out.push_back({Segment::Kind::kWildcard, "", 0});
    } else {
      out.push_back({Segment::Kind::kKey, std::string(name), 0});
    }
    i = end;
  }
  return out;
}

void Select(const bj::value& v, const std::vector<Segment>& path, size_t i,
            std::vector<const bj::value*>& out) {
  if (i == path.size()) {
    out.push_back(&v);
    return;
  }
  const Segment& s = path[i];
  switch (s.kind) {
    case Segment::Kind::kKey:
      if (const bj::object* o = v.if_object()) {
        if (auto it = o->find(s.key); it != o->end()) Select(it->value(), path, i + 1, out);
      }
      return;
    case Segment::Kind::kIndex:
      if (const bj::array* a = v.if_array()) {
        int64_t n = s.index < 0 ? static_cast<int64_t>(a->size()) + s.index : s.index;
        if (n >= 0 && n < static_cast<int64_t>(a->size())) {
          Select((*a)[static_cast<size_t>(n)], path, i + 1, out);
        }
      }
      return;
    case Segment::Kind::kWildcard:
      if (const bj::array* a = v.if_array()) {
        for (const auto& e : *a) Select(e, path, i + 1, out);
      } else if (const bj::object* o = v.if_object()) {
        for (const auto& kv : *o) Select(kv.value(), path, i + 1, out);
      }
      return;
  }
}

std::string Scalar(const bj::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_null()) return "";
  return json::Serialize(v);
}

void RenderNodes(const std::vector<Node>& nodes, const bj::value& current, std::string& out) {
  for (const auto& n : nodes) {
    switch (n.kind) {
      case Node::Kind::kText:
        out += n.text;
        break;
      case Node::Kind::kExpr: {
        std::vector<const bj::value*> found;
        Select(current, n.path, 0, found);
        for (size_t i = 0; i < found.size(); ++i) {
          if (i) out += ' ';
          out += Scalar(*found[i]);
        }
        break;
      }
      case Node::Kind::kRange: {
        std::vector<const bj::value*> found;
        Select(current, n.path, 0, found);
        // `range .items[*]` iterates over the matches; `range .items` over the array itself.
        if (found.size() == 1 && found[0]->is_array()) {
          for (const auto& e : found[0]->get_array()) RenderNodes(n.children, e, out);
        } else {
          for (const bj::value* e : found) RenderNodes(n.children, *e, out);
        }
        break;
      }
    }
  }
}

}  // namespace

Result<JsonPathTemplate> JsonPathTemplate::Parse(std::string_view text) {
  JsonPathTemplate t;
  if (text.find('{') == std::string_view::npos) {
    if (text.find('}') != std::string_view::npos) return Bad("'}' without '{'");
    std::string_view expr = Trim(text);
    if (expr.empty()) return Bad("empty template");
    Node n;
    n.kind = Node::Kind::kExpr;
    ASSIGN_OR_RETURN(n.path, ParsePath(expr));
    t.nodes_.push_back(std::move(n));
    return t;
  }
  // A stack of the node lists being filled: the top level, then open ranges.
  std::vector<std::vector<Node>*> stack = {&t.nodes_};
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    size_t stray = text.find('}', i);
    if (stray < open) return Bad("'}' without '{'");
    if (open > i) {
      stack.back()->push_back({Node::Kind::kText, Unescape(text.substr(i, open - i)), {}, {}});
    }
    if (open == std::string_view::npos) break;
    // The matching '}' (quotes may contain braces).
    size_t j = open + 1;
    char quote = 0;
    for (; j < text.size(); ++j) {
      if (quote) {
        if (text[j] == '\\') {
          ++j;
        } else if (text[j] == quote) {
          quote = 0;
        }
      } else if (text[j] == '"' || text[j] == '\'') {
        quote = text[j];
      } else if (text[j] == '}') {
        break;
      }
    }
    if (j >= text.size()) return Bad("'{' without '}'");
    std::string_view inner = Trim(text.substr(open + 1, j - open - 1));
    i = j + 1;
    if (inner.empty()) return Bad("empty {}");
    if (inner == "end") {
      if (stack.size() == 1) return Bad("{end} without {range}");
      stack.pop_back();
      continue;
    }
    if (inner.front() == '"' || inner.front() == '\'') {
      if (inner.size() < 2 || inner.back() != inner.front()) return Bad("unterminated string");
      stack.back()->push_back(
          {Node::Kind::kText, Unescape(inner.substr(1, inner.size() - 2)), {}, {}});
      continue;
    }
    Node n;
    if (inner.starts_with("range ")) {
      n.kind = Node::Kind::kRange;
      ASSIGN_OR_RETURN(n.path, ParsePath(Trim(inner.substr(6))));
      stack.back()->push_back(std::move(n));
      stack.push_back(&stack.back()->back().children);
      continue;
    }
    n.kind = Node::Kind::kExpr;
    ASSIGN_OR_RETURN(n.path, ParsePath(inner));
    stack.back()->push_back(std::move(n));
  }
  if (stack.size() != 1) return Bad("{range} without {end}");
  return t;
}

std::string JsonPathTemplate::Render(const bj::value& root) const {
  std::string out;
  RenderNodes(nodes_, root, out);
  return out;
}

}  // namespace cairn::cli
