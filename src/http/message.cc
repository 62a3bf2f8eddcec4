#include "http/message.h"

#include <boost/json.hpp>

#include "common/json.h"
#include "common/utf8.h"

namespace cairn::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr std::string_view kProblemTypePrefix = "https://cairn.dev/problems/";
constexpr std::string_view kGenericInternalDetail =
    "The server hit an unexpected error; the request id identifies it in the server log.";

}  // namespace

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

const std::string& Request::Param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = path_params.find(name);
  // Handlers only ask for parameters of their own route template; a typo yields "" (and then a
  // validation error) rather than a crash.
  return it == path_params.end() ? kEmpty : it->second;
}

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::Text(int status, std::string content_type, std::string body) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response Response::Shared(int status, std::string content_type,
                          std::shared_ptr<const std::string> body) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.shared_body = std::move(body);
  return r;
}

Response Response::Streamed(int status, std::string content_type,
                            std::unique_ptr<BodyProducer> producer,
                            std::optional<uint64_t> length) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.stream = std::move(producer);
  r.stream_length = length;
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

std::optional<std::string> PercentDecode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = HexValue(s[i + 1]);
      int lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Status ParseTarget(Request& req) {
  std::string_view target = req.target;
  if (target.empty() || target.front() != '/') {
    return InvalidArgument("request target must be an absolute path");
  }
  size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  if (size_t hash = raw_path.find('#'); hash != std::string_view::npos) {
    raw_path = raw_path.substr(0, hash);
  }
  auto path = PercentDecode(raw_path, false);
  if (!path || path->find('\0') != std::string::npos) {
    return InvalidArgument("malformed percent-encoding in path");
  }
  if (!IsValidUtf8(*path)) return InvalidArgument("request path is not valid UTF-8");
  req.path = std::move(*path);
  req.query.clear();
  if (q == std::string_view::npos) return Status::Ok();
  std::string_view rest = target.substr(q + 1);
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    auto k = PercentDecode(key, true);
    auto v = PercentDecode(value, true);
    if (!k || !v || k->find('\0') != std::string::npos || v->find('\0') != std::string::npos) {
      return InvalidArgument("malformed percent-encoding in query");
    }
    if (!IsValidUtf8(*k) || !IsValidUtf8(*v)) {
      return InvalidArgument("query parameters are not valid UTF-8");
    }
    req.query.emplace_back(std::move(*k), std::move(*v));
  }
  return Status::Ok();
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
  }
  return "Unknown";
}

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kMethodNotAllowed:
      return 405;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kAborted:
      return 412;
    case StatusCode::kResourceExhausted:
      return 413;
    case StatusCode::kRateLimited:
      return 429;
    case StatusCode::kUnsupportedMediaType:
      return 415;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

Response Problem(const Status& status, std::string_view instance) {
  StatusCode code = status.ok() ? StatusCode::kInternal : status.code();
  return Problem(status, instance, HttpStatusFor(code));
}

Response Problem(const Status& status, std::string_view instance, int http_status) {
  StatusCode code = status.ok() ? StatusCode::kInternal : status.code();
  if (!IsValidUtf8(instance)) instance = "/";
  std::string_view code_name = StatusCodeName(code);
  boost::json::object body;
  std::string type(kProblemTypePrefix);
  type.append(code_name);
  body["type"] = type;
  body["title"] = ReasonPhrase(http_status);
  body["status"] = http_status;
  if (code == StatusCode::kInternal) {
    body["detail"] = kGenericInternalDetail;
  } else {
    body["detail"] = status.message();
  }
  body["instance"] = instance;
  body["code"] = code_name;
  if (code != StatusCode::kInternal && !status.errors().empty()) {
    boost::json::array errors;
    errors.reserve(status.errors().size());
    for (const FieldError& e : status.errors()) {
      errors.push_back(boost::json::object{{"field", e.field}, {"message", e.message}});
    }
    body["errors"] = std::move(errors);
  }
  Response r;
  r.status = http_status;
  r.content_type = "application/problem+json";
  r.body = ::cairn::json::Serialize(body);
  return r;
}

}  // namespace cairn::http
