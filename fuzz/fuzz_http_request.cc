// Fuzzes the server's request side without sockets, the way a session drives it: arbitrary
// bytes go through RequestParser (header limit, then a body limit), then the checks every
// request meets after its header — CheckRequestHead (Transfer-Encoding, Host), ParseTarget,
// Router::Find (path templates, catch-all, dot segments, UTF-8), CheckContentType (media type
// and charset) and Problem. Invariants: a parsed path and every path parameter are valid UTF-8
// without NUL or dot segments; every problem body is valid JSON; a request that passed
// CheckRequestHead with a body is either chunked or has a Content-Length.
#include <boost/beast/http/error.hpp>
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "http/internal/request_parser.h"
#include "http/router.h"

namespace {

namespace bhttp = boost::beast::http;
using cairn::http::Method;
using cairn::http::Request;
using cairn::http::Response;
using cairn::http::RouteOptions;
using cairn::http::Router;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

const Router& FuzzRouter() {
  static Router* router = [] {
    auto* r = new Router();
    auto ok = [](Request&) { return Response::NoContent(); };
    RouteOptions json;
    json.content_types = {"application/json"};
    r->Add(Method::kGet, "/api/v1/runs/{run_id}", ok);
    r->Add(Method::kPost, "/api/v1/runs", ok, json);
    r->Add(Method::kPut, "/api/v1/runs/{run_id}/artifacts/{path...}", ok);
    r->Add(Method::kGet, "/api/v1/runs/{run_id}/artifacts/{path...}", ok);
    r->Add(Method::kGet, "/api/v1/features/datasets", ok);
    r->Add(Method::kGet, "/api/v1/features/{name}", ok);
    return r;
  }();
  return *router;
}

void CheckProblem(const Response& r) {
  if (r.status < 400) return;
  boost::system::error_code ec;
  boost::json::parse(r.body, ec);
  Check(!ec);
}

bool IsDotSegment(std::string_view s) { return s == "." || s == ".."; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr uint32_t kHeaderLimit = 16 * 1024;
  constexpr uint64_t kBodyLimit = 64 * 1024;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  cairn::http::internal::Exchange ex;
  cairn::http::internal::RequestParser parser(ex);
  parser.header_limit(kHeaderLimit);
  parser.body_limit(boost::none);
  parser.eager(false);
  // Feed in small pieces, as the network would.
  size_t pos = 0;
  boost::beast::error_code ec;
  while (pos < input.size() && !parser.is_header_done()) {
    size_t n = std::min<size_t>(input.size() - pos, 1 + (input[pos] & 0x3f));
    size_t used = parser.put(boost::asio::buffer(input.data() + pos, n), ec);
    if (ec == bhttp::error::need_more) {
      if (n == input.size() - pos) return 0;
      ec = {};
      // Not enough for the parser: offer everything that is left at once.
      used = parser.put(boost::asio::buffer(input.data() + pos, input.size() - pos), ec);
      if (ec == bhttp::error::need_more) return 0;
    }
    if (ec) return 0;
    pos += used;
    if (used == 0) return 0;
  }
  if (!parser.is_header_done()) return 0;

  Request& req = ex.req;
  auto defect = cairn::http::internal::CheckRequestHead(req, ex.version);
  if (defect) {
    CheckProblem(cairn::http::Problem(defect->status, "/"));
    return 0;
  }
  if (ex.version >= 11) Check(req.Header("host").has_value());
  cairn::Status parsed = cairn::http::ParseTarget(req);
  if (!parsed.ok()) {
    CheckProblem(cairn::http::Problem(parsed, req.target));
    return 0;
  }
  Check(cairn::IsValidUtf8(req.path));
  Check(req.path.find('\0') == std::string::npos);
  for (const auto& [k, v] : req.query) Check(cairn::IsValidUtf8(k) && cairn::IsValidUtf8(v));

  Response error;
  Router::Match match = FuzzRouter().Find(req, &error);
  if (match.handler == nullptr) {
    CheckProblem(error);
    return 0;
  }
  for (const auto& [name, value] : req.path_params) {
    Check(cairn::IsValidUtf8(value) && !value.empty());
    Check(value.find('\0') == std::string::npos);
    size_t start = 0;
    while (true) {
      size_t slash = value.find('/', start);
      Check(!IsDotSegment(std::string_view(value).substr(start, slash - start)));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }
  if (auto bad = cairn::http::CheckContentType(req, *match.options)) {
    CheckProblem(*bad);
    return 0;
  }

  // The body, bounded as a route would bound it.
  if (!parser.is_done()) {
    parser.body_limit(kBodyLimit);
    parser.eager(true);
    while (pos < input.size() && !parser.is_done()) {
      size_t used = parser.put(boost::asio::buffer(input.data() + pos, input.size() - pos), ec);
      if (ec) break;
      pos += used;
      if (used == 0) break;
    }
    Check(req.body.size() <= kBodyLimit);
  }
  return 0;
}
