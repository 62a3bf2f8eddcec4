// Paged lists: `--limit`, `--page-token` and `--all` for every `ls`-like command. One page is
// printed as the server sent it; `--all` follows next_page_token and prints one combined page
// ({"items": [...], "next_page_token": null} in JSON). For people, a hint on stderr says how to
// fetch the next page.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

#include "cli/api.h"
#include "cli/command.h"

namespace cairn::cli {

// --limit, --page-token, --all.
std::vector<Flag> PageFlags();

// `flags` plus the page flags.
std::vector<Flag> WithPageFlags(std::vector<Flag> flags);

// GETs `path` + `query` (+ the page flags) and prints the page(s); `render` draws the items.
int ListPages(Invocation& inv, const std::string& path, Query query,
              const std::function<void(const boost::json::array&)>& render);

}  // namespace cairn::cli
