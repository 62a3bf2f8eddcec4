#include "cli/listing.h"

#include "cli/context.h"
#include "cli/fields.h"
#include "common/json.h"

namespace cairn::cli {
namespace {

constexpr int64_t kMaxPageSize = 1000;

}  // namespace

std::vector<Flag> PageFlags() {
  return {{"limit", "N", "Page size (server default 50, max 1000)"},
          {"page-token", "TOKEN", "Continue from a previous page's next_page_token"},
          {"all", "", "Fetch every page"}};
}

std::vector<Flag> WithPageFlags(std::vector<Flag> flags) {
  for (auto& f : PageFlags()) flags.push_back(std::move(f));
  return flags;
}

int ListPages(Invocation& inv, const std::string& path, Query query,
              const std::function<void(const boost::json::array&)>& render) {
  Context& ctx = inv.ctx();
  auto limit = inv.int_flag("limit");
  if (!limit.ok()) return inv.UsageError(limit.status().message());
  if (*limit && (**limit < 1 || **limit > kMaxPageSize)) {
    return inv.UsageError("--limit must be between 1 and 1000");
  }
  auto api = ctx.api();
  if (!api.ok()) return ctx.Fail(api.status());
  std::optional<std::string> token = inv.flag("page-token");
  bool all = inv.has("all");
  std::optional<int64_t> page_size = *limit;
  if (all && !page_size) page_size = kMaxPageSize;

  auto fetch = [&](const std::optional<std::string>& page_token) {
    Query q = query;
    q.Add("limit", page_size).Add("page_token", page_token);
    return (*api)->Get(path + q.str());
  };

  if (!all) {
    auto reply = fetch(token);
    if (!reply.ok()) return ctx.Fail(reply.status());
    return ctx.Print(*reply, [&](const bj::value& page) {
      render(Items(page));
      std::string next = StringField(page, "next_page_token");
      if (!next.empty()) ctx.out().Hint("more: --page-token " + next + "  (or --all)");
    });
  }

  bj::array items;
  while (true) {
    auto reply = fetch(token);
    if (!reply.ok()) return ctx.Fail(reply.status());
    for (const auto& item : Items(reply->json)) items.push_back(item);
    std::string next = StringField(reply->json, "next_page_token");
    if (next.empty()) break;
    token = next;
  }
  bj::object combined;
  combined["items"] = items;
  combined["next_page_token"] = nullptr;
  Reply whole;
  whole.status = 200;
  whole.json = std::move(combined);
  whole.body = json::Serialize(whole.json);
  return ctx.Print(whole, [&](const bj::value& page) { render(Items(page)); });
}

}  // namespace cairn::cli
