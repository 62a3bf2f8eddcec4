#include "http/request_params.h"

#include <charconv>

#include "common/validation.h"

namespace cairn::http {

Result<std::optional<int64_t>> QueryInt(const Request& req, std::string_view name) {
  auto v = req.Query(name);
  if (!v) return std::optional<int64_t>();
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc() || p != v->data() + v->size())
    return validation::FieldInvalid(std::string(name), "must be an integer");
  return std::optional<int64_t>(n);
}

std::optional<std::string> QueryString(const Request& req, std::string_view name) {
  auto v = req.Query(name);
  if (!v) return std::nullopt;
  return std::string(*v);
}

Status RejectQuery(const Request& req, std::initializer_list<std::string_view> names,
                   std::string_view why) {
  for (std::string_view name : names) {
    if (req.Query(name)) {
      return InvalidArgument(std::string(name) + ": " + std::string(why),
                             {{std::string(name), std::string(why)}});
    }
  }
  return Status::Ok();
}

Result<std::optional<int64_t>> IfMatch(const Request& req) {
  auto h = req.Header("if-match");
  if (!h) return std::optional<int64_t>();
  std::string_view v = *h;
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v == "*") return std::optional<int64_t>();
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size() || n < 1)
    return validation::FieldInvalid("If-Match", "must be a revision number");
  return std::optional<int64_t>(n);
}

Response WithETag(Response r, int64_t revision) {
  r.headers.emplace_back("ETag", "\"" + std::to_string(revision) + "\"");
  return r;
}

}  // namespace cairn::http
