#include "audit/audit_json.h"

#include <boost/json.hpp>

#include "common/json.h"
#include "common/time.h"

namespace cairn::audit {
namespace bj = boost::json;

namespace {

bj::value SummaryObject(const std::string& text) {
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec || !v.is_object()) return bj::object();  // written by SummaryToJson; never expected
  return v;
}

}  // namespace

std::string RecordPageToJson(const RecordPage& page) {
  bj::array items;
  items.reserve(page.items.size());
  for (const auto& r : page.items) {
    bj::object o;
    o.emplace("id", r.id);
    o.emplace("at", FormatRfc3339(r.at));
    o.emplace("actor", r.actor);
    o.emplace("action", r.action);
    o.emplace("resource_type", r.resource_type);
    o.emplace("resource_id", r.resource_id);
    o.emplace("summary", SummaryObject(r.summary_json));
    auto opt = [](const std::optional<std::string>& v) -> bj::value {
      if (v) return bj::value(*v);
      return nullptr;
    };
    o.emplace("auth_method", opt(r.auth_method));
    o.emplace("token_id", opt(r.token_id));
    o.emplace("session_id", opt(r.session_id));
    items.emplace_back(std::move(o));
  }
  bj::object out;
  out.emplace("items", std::move(items));
  if (page.next_page_token) {
    out.emplace("next_page_token", *page.next_page_token);
  } else {
    out.emplace("next_page_token", nullptr);
  }
  return ::cairn::json::Serialize(out);
}

}  // namespace cairn::audit
