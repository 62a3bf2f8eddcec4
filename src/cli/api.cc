#include "cli/api.h"

#include "common/json.h"

namespace cairn::cli {
namespace {

namespace bj = boost::json;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string ReasonFor(int status) {
  switch (status) {
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
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    default:
      return "HTTP " + std::to_string(status);
  }
}

}  // namespace

std::optional<std::string> Reply::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return std::nullopt;
}

StatusCode CodeForHttpStatus(int status) {
  switch (status) {
    case 400:
    case 422:
      return StatusCode::kInvalidArgument;
    case 401:
      return StatusCode::kUnauthenticated;
    case 403:
      return StatusCode::kPermissionDenied;
    case 404:
    case 410:
      return StatusCode::kNotFound;
    case 405:
      return StatusCode::kMethodNotAllowed;
    case 409:
      return StatusCode::kFailedPrecondition;
    case 412:
      return StatusCode::kAborted;
    case 413:
    case 429:
      return StatusCode::kResourceExhausted;
    case 415:
      return StatusCode::kUnsupportedMediaType;
    case 502:
    case 503:
    case 504:
      return StatusCode::kUnavailable;
    default:
      return status >= 400 && status < 500 ? StatusCode::kInvalidArgument : StatusCode::kInternal;
  }
}

Status StatusFromReply(int status, std::string_view body) {
  std::string title = ReasonFor(status);
  std::string detail;
  std::vector<FieldError> errors;
  boost::system::error_code ec;
  bj::value v = bj::parse(body, ec);
  if (!ec && v.is_object()) {
    const bj::object& o = v.get_object();
    if (auto* t = o.if_contains("title"); t && t->is_string()) title = t->get_string();
    if (auto* d = o.if_contains("detail"); d && d->is_string()) detail = d->get_string();
    if (auto* e = o.if_contains("errors"); e && e->is_array()) {
      for (const auto& item : e->get_array()) {
        if (!item.is_object()) continue;
        FieldError fe;
        if (auto* f = item.get_object().if_contains("field"); f && f->is_string()) {
          fe.field = f->get_string();
        }
        if (auto* m = item.get_object().if_contains("message"); m && m->is_string()) {
          fe.message = m->get_string();
        }
        errors.push_back(std::move(fe));
      }
    }
  } else if (!body.empty() && body.size() < 300) {
    detail = std::string(body);
  }
  std::string message = title + " (" + std::to_string(status) + ")";
  if (!detail.empty()) message += ": " + detail;
  if (status == 401) message += "\n  hint: run `cairn login --url URL`, or set CAIRN_TOKEN";
  return Status(CodeForHttpStatus(status), std::move(message), std::move(errors));
}

Query& Query::Add(std::string_view name, const std::optional<std::string>& value) {
  if (!value) return *this;
  text_ += text_.empty() ? "?" : "&";
  text_ += http::PercentEncode(name) + "=" + http::PercentEncode(*value);
  return *this;
}

Query& Query::Add(std::string_view name, const std::optional<int64_t>& value) {
  if (!value) return *this;
  return Add(name, std::optional<std::string>(std::to_string(*value)));
}

Result<std::unique_ptr<Api>> Api::Create(const Settings& settings) {
  http::ClientOptions o;
  o.ca_file = settings.ca_file;
  o.user_agent = std::string("cairn-cli/") + CAIRN_VERSION;
  auto client = http::HttpClient::Create(settings.url, o);
  if (!client.ok()) return client.status();
  return std::unique_ptr<Api>(new Api(settings, std::move(*client)));
}

void Api::AddCredentials(http::HeaderList& headers) const {
  if (!settings_.token.empty()) headers.emplace_back("Authorization", "Bearer " + settings_.token);
  if (!settings_.user.empty()) headers.emplace_back("X-Cairn-User", settings_.user);
}

Result<Reply> Api::Finish(Result<http::ClientResponse> r) {
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kUnavailable) {
      return Unavailable(r.status().message() + "\n  hint: is the server at " + settings_.url +
                         " running? (set --url or CAIRN_URL, or `cairn login --url URL`)");
    }
    return r.status();
  }
  if (r->status < 200 || r->status >= 300) return StatusFromReply(r->status, r->body);
  Reply out;
  out.status = r->status;
  out.headers = std::move(r->headers);
  out.body = std::move(r->body);
  if (!out.body.empty()) {
    boost::system::error_code ec;
    bj::value v = bj::parse(out.body, ec);
    if (!ec) out.json = std::move(v);
  }
  return out;
}

Result<Reply> Api::Call(std::string_view method, const std::string& target, const bj::value* body,
                        http::HeaderList headers) {
  http::ClientRequest req;
  req.method = std::string(method);
  req.target = target;
  req.headers = std::move(headers);
  req.headers.emplace_back("Accept", "application/json, application/problem+json");
  if (body) {
    req.body = json::Serialize(*body);
    req.headers.emplace_back("Content-Type", "application/json");
  }
  AddCredentials(req.headers);
  return Finish(client_->Send(req));
}

Result<Reply> Api::Patch(const std::string& target, const bj::value& body,
                         std::optional<int64_t> if_match) {
  http::HeaderList h;
  if (if_match) h.emplace_back("If-Match", std::to_string(*if_match));
  return Call("PATCH", target, &body, std::move(h));
}

Result<Reply> Api::Upload(std::string_view method, const std::string& target,
                          const std::string& file, const std::string& content_type,
                          std::function<void(uint64_t, uint64_t)> progress) {
  http::ClientRequest req;
  req.method = std::string(method);
  req.target = target;
  req.body_file = file;
  req.on_progress = std::move(progress);
  req.headers.emplace_back("Content-Type", content_type);
  req.headers.emplace_back("Accept", "application/json, application/problem+json");
  AddCredentials(req.headers);
  return Finish(client_->Send(req));
}

Result<Reply> Api::Download(const std::string& target, const std::string& file) {
  http::ClientRequest req;
  req.target = target;
  req.download_file = file;
  AddCredentials(req.headers);
  return Finish(client_->Send(req));
}

Result<Reply> Api::Raw(http::ClientRequest request) {
  AddCredentials(request.headers);
  return Finish(client_->Send(request));
}

}  // namespace cairn::cli
