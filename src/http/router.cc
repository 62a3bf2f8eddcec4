#include "http/router.h"

#include <array>
#include <cassert>
#include <deque>
#include <exception>

#include "common/log.h"
#include "common/utf8.h"

namespace cairn::http {
namespace {

struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
  std::vector<std::string> param_names;  // in path order; the catch-all name last
};

struct Node {
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> literals;
  std::unique_ptr<Node> param;      // `{name}`
  std::unique_ptr<Node> catch_all;  // `{name...}`: a leaf matching one or more segments
  std::vector<const Route*> routes;

  const Route* RouteFor(Method m) const {
    for (const Route* r : routes) {
      if (r->method == m) return r;
    }
    return nullptr;
  }
};

constexpr std::array<Method, 7> kAllowOrder = {Method::kGet,    Method::kHead,  Method::kPost,
                                               Method::kPut,    Method::kPatch, Method::kDelete,
                                               Method::kOptions};

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// True when a decoded segment is, or (through an encoded `/`) contains, a `.`/`..` component.
bool HasDotComponent(std::string_view seg) {
  while (true) {
    size_t slash = seg.find_first_of("/\\");
    std::string_view part = seg.substr(0, slash);
    if (part == "." || part == "..") return true;
    if (slash == std::string_view::npos) return false;
    seg.remove_prefix(slash + 1);
  }
}

// Per-thread scratch space so routing a request does not allocate in the common case.
struct Scratch {
  std::vector<std::string> segments;
  std::vector<std::string_view> captures;
  std::string rest;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// Splits the path into segments (decoding each when `decode`). Returns false for a malformed
// escape, a NUL, a dot segment or a segment that is not valid UTF-8 (parameters are echoed into
// JSON and stored as text).
bool SplitPath(std::string_view path, bool decode, std::vector<std::string>& out) {
  out.clear();
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return true;
  while (true) {
    size_t slash = path.find('/');
    std::string_view raw = path.substr(0, slash);
    if (decode && raw.find('%') != std::string_view::npos) {
      auto decoded = PercentDecode(raw, false);
      if (!decoded) return false;
      out.push_back(std::move(*decoded));
    } else {
      out.emplace_back(raw);
    }
    const std::string& seg = out.back();
    if (seg.find('\0') != std::string::npos || HasDotComponent(seg) || !IsValidUtf8(seg)) {
      return false;
    }
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

// Depth-first walk over every node matching the path, in precedence order (literal, param,
// catch-all). `visit(node)` returns true to stop.
template <typename Visit>
bool Walk(const Node& node, const std::vector<std::string>& segs, size_t i, Scratch& scratch,
          Visit& visit) {
  if (i == segs.size()) return !node.routes.empty() && visit(node);
  const std::string& seg = segs[i];
  for (const auto& [name, child] : node.literals) {
    if (name == seg && Walk(*child, segs, i + 1, scratch, visit)) return true;
  }
  if (node.param && !seg.empty()) {
    scratch.captures.push_back(seg);
    if (Walk(*node.param, segs, i + 1, scratch, visit)) return true;
    scratch.captures.pop_back();
  }
  if (node.catch_all && !node.catch_all->routes.empty()) {
    scratch.rest.clear();
    for (size_t j = i; j < segs.size(); ++j) {
      if (j > i) scratch.rest.push_back('/');
      scratch.rest.append(segs[j]);
    }
    if (!scratch.rest.empty()) {
      scratch.captures.push_back(scratch.rest);
      if (visit(*node.catch_all)) return true;
      scratch.captures.pop_back();
    }
  }
  return false;
}

// The value of the `charset` parameter in a Content-Type's parameter list (`; charset=x;
// a=b`), unquoted; nullopt when there is none.
std::optional<std::string_view> CharsetParameter(std::string_view parameters) {
  while (!parameters.empty()) {
    size_t semi = parameters.find(';');
    std::string_view param = Trim(parameters.substr(0, semi));
    parameters = semi == std::string_view::npos ? std::string_view() : parameters.substr(semi + 1);
    size_t eq = param.find('=');
    if (eq == std::string_view::npos || !EqualsIgnoreCase(Trim(param.substr(0, eq)), "charset")) {
      continue;
    }
    std::string_view value = Trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return std::nullopt;
}

std::string InstanceFor(const Request& req) {
  if (!req.path.empty()) return req.path;
  std::string_view t = req.target;
  return std::string(t.substr(0, t.find('?')));
}

}  // namespace

struct Router::Impl {
  Node root;
  std::deque<Route> routes;  // deque: stable addresses for Route* and RouteOptions*
  AccessResolver resolver;
  AccessControl control;
};

Router::Router() : impl_(std::make_unique<Impl>()) {}
Router::~Router() = default;

void Router::Add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  // Patterns are compile-time constants written by us: a malformed one is a programmer error.
  assert(!pattern.empty() && pattern.front() == '/');
  if (!options.access && impl_->resolver) options.access = impl_->resolver(method, pattern);
  Route route{method, std::move(pattern), std::move(handler), std::move(options), {}};
  Node* node = &impl_->root;
  std::string_view rest = route.pattern;  // read before `route` moves into the deque
  rest.remove_prefix(1);
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      std::string_view name = seg.substr(1, seg.size() - 2);
      if (name.size() > 3 && name.substr(name.size() - 3) == "...") {
        assert(rest.empty());  // a catch-all must be the last segment
        route.param_names.emplace_back(name.substr(0, name.size() - 3));
        if (!node->catch_all) node->catch_all = std::make_unique<Node>();
        node = node->catch_all.get();
        break;
      }
      route.param_names.emplace_back(name);
      if (!node->param) node->param = std::make_unique<Node>();
      node = node->param.get();
    } else {
      Node* next = nullptr;
      for (auto& [name, child] : node->literals) {
        if (name == seg) next = child.get();
      }
      if (next == nullptr) {
        node->literals.emplace_back(std::string(seg), std::make_unique<Node>());
        next = node->literals.back().second.get();
      }
      node = next;
    }
  }
  // Registering the same method + path twice is a programmer error.
  assert(node->RouteFor(method) == nullptr);
  impl_->routes.push_back(std::move(route));
  node->routes.push_back(&impl_->routes.back());
}

Router::Match Router::Find(Request& req, Response* error) const {
  req.principal.reset();  // a pooled Request must never carry the previous caller
  Scratch& scratch = ThreadScratch();
  scratch.captures.clear();
  bool from_target = !req.target.empty();
  std::string_view path = req.path;
  if (from_target) {
    std::string_view t = req.target;
    path = t.substr(0, t.find_first_of("?#"));
  }
  if (!SplitPath(path, from_target, scratch.segments)) {
    if (error) {
      *error = Problem(InvalidArgument("invalid request path"), InstanceFor(req));
      AddSecurityHeaders(*error);
    }
    return {};
  }

  const Route* found = nullptr;
  auto pick = [&](const Node& node) {
    const Route* r = node.RouteFor(req.method);
    if (r == nullptr && req.method == Method::kHead) r = node.RouteFor(Method::kGet);
    if (r == nullptr) return false;
    found = r;
    return true;
  };
  if (Walk(impl_->root, scratch.segments, 0, scratch, pick)) {
    req.path_params.clear();
    // Captures were pushed in path order, matching the route's parameter names.
    assert(scratch.captures.size() == found->param_names.size());
    for (size_t i = 0; i < found->param_names.size(); ++i) {
      req.path_params.emplace(found->param_names[i], std::string(scratch.captures[i]));
    }
    const RouteAccess* access = found->options.access ? &*found->options.access : nullptr;
    if (auto refused = PreCheckAccess(impl_->control, access, req.method, found->pattern, req)) {
      if (error) {
        *error = std::move(*refused);
        AddSecurityHeaders(*error);
      }
      return {};
    }
    return Match{&found->handler, &found->options, found->pattern};
  }

  std::array<bool, kAllowOrder.size()> allowed{};
  bool any = false;
  auto collect = [&](const Node& node) {
    any = true;
    for (const Route* r : node.routes) {
      for (size_t i = 0; i < kAllowOrder.size(); ++i) {
        if (r->method == kAllowOrder[i]) allowed[i] = true;
        if (r->method == Method::kGet && kAllowOrder[i] == Method::kHead) allowed[i] = true;
      }
    }
    return false;  // keep walking: Allow is the union over every matching template
  };
  scratch.captures.clear();
  Walk(impl_->root, scratch.segments, 0, scratch, collect);
  if (error) {
    if (!any) {
      *error = Problem(NotFound("no resource at this path"), InstanceFor(req));
    } else {
      std::string allow;
      for (size_t i = 0; i < kAllowOrder.size(); ++i) {
        if (!allowed[i]) continue;
        if (!allow.empty()) allow += ", ";
        allow += MethodName(kAllowOrder[i]);
      }
      *error = Problem(
          Status(StatusCode::kMethodNotAllowed,
                 std::string(MethodName(req.method)) + " is not allowed here; allowed: " + allow),
          InstanceFor(req));
      error->headers.emplace_back("Allow", std::move(allow));
    }
    AddSecurityHeaders(*error);
  }
  return {};
}

std::optional<Response> CheckContentType(const Request& req, const RouteOptions& options) {
  if (options.content_types.empty()) return std::nullopt;
  bool has_body =
      !req.body.empty() || req.body_file.has_value() || req.Header("transfer-encoding").has_value();
  if (auto cl = req.Header("content-length"); cl && Trim(*cl) != "0") has_body = true;
  if (!has_body) return std::nullopt;
  std::string_view media;
  std::string_view parameters;
  if (auto ct = req.Header("content-type")) {
    size_t semi = ct->find(';');
    media = Trim(ct->substr(0, semi));
    if (semi != std::string_view::npos) parameters = ct->substr(semi + 1);
  }
  for (const std::string& allowed : options.content_types) {
    if (!EqualsIgnoreCase(media, allowed)) continue;
    auto charset = CharsetParameter(parameters);
    if (charset && !EqualsIgnoreCase(*charset, "utf-8") && !EqualsIgnoreCase(*charset, "utf8")) {
      return Problem(Status(StatusCode::kUnsupportedMediaType,
                            "request bodies must be UTF-8 (charset=utf-8 or no charset)"),
                     InstanceFor(req));
    }
    return std::nullopt;
  }
  std::string expected;
  for (const std::string& allowed : options.content_types) {
    if (!expected.empty()) expected += ", ";
    expected += allowed;
  }
  Response refused =
      Problem(Status(StatusCode::kUnsupportedMediaType, "Content-Type must be one of: " + expected),
              InstanceFor(req));
  AddSecurityHeaders(refused);
  return refused;
}

Response Router::Invoke(const Match& match, Request& req) const {
  // Every line logged while the handler runs (drivers, services) names this request.
  log::ScopedRequestId context(req.request_id);
  // The one last-resort catch: exceptions never cross into the transport.
  std::string what = "non-standard exception";
  try {
    const RouteAccess* access = match.options->access ? &*match.options->access : nullptr;
    std::optional<Response> refused =
        AuthorizeRequest(impl_->control, access, req.method, match.pattern, req);
    Response res;
    if (refused) {
      res = std::move(*refused);
    } else {
      ScopedPrincipal scope(req.principal ? &*req.principal : nullptr);
      res = (*match.handler)(req);
    }
    AddSecurityHeaders(res);
    return res;
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {  // logged below, never swallowed silently
  }
  std::string line = "unhandled exception in ";
  line += MethodName(req.method);
  line += ' ';
  line += match.pattern;
  line += ": ";
  line += what;
  log::Error(line);
  Response res = Problem(Internal(what), InstanceFor(req));
  AddSecurityHeaders(res);
  return res;
}

Response Router::Dispatch(Request& req) const {
  if (req.path.empty() && !req.target.empty()) {
    Status s = ParseTarget(req);
    if (!s.ok()) return Problem(s, InstanceFor(req));
  }
  Response error;
  Match match = Find(req, &error);
  if (match.handler == nullptr) return error;
  if (auto bad = CheckContentType(req, *match.options)) return std::move(*bad);
  Response res = Invoke(match, req);
  if (!res.stream) return res;
  // In process there is no connection to stream to: the pieces are gathered into the body (an
  // error at any piece becomes the answer). HEAD produces nothing, as on the wire.
  std::shared_ptr<BodyProducer> producer = std::move(res.stream);
  res.stream_length.reset();
  if (req.method == Method::kHead) return res;
  std::string piece;
  while (true) {
    piece.clear();
    Status s = producer->Next(piece);
    if (!s.ok()) return Problem(s, InstanceFor(req));
    if (piece.empty()) return res;
    res.body += piece;
  }
}

void Router::SetAccessResolver(AccessResolver resolver) { impl_->resolver = std::move(resolver); }

void Router::SetAccessControl(AccessControl control) { impl_->control = control; }

const AccessControl& Router::access_control() const { return impl_->control; }

std::vector<std::string> Router::AccessProblems() const {
  std::vector<std::string> problems;
  for (const Route& r : impl_->routes) {
    std::string route = std::string(MethodName(r.method)) + " " + r.pattern;
    if (!r.options.access) {
      problems.push_back(route + " has no access rule (no role, not public)");
    } else if (r.options.inline_handler && !r.options.access->is_public) {
      problems.push_back(route + " runs inline on an I/O thread but needs a role");
    }
  }
  return problems;
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  out.reserve(impl_->routes.size());
  for (const Route& r : impl_->routes) out.push_back(RouteInfo{r.method, r.pattern, &r.options});
  return out;
}

}  // namespace cairn::http
