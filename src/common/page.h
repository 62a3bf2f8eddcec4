// Pages of list results: the one page type, the page-size limits of SPEC §1 and the `limit + 1`
// fetch that tells a store whether a next page exists.
//
// A store asks for FetchLimit(limit) rows, then calls TrimToLimit: when it reports an extra row,
// the store encodes the last kept item as next_page_token (see storage/pagination.h).
// Pure values and functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace cairn {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_page_token;  // nullopt on the last page
};

// The requested `limit`: the default when absent.
// Errors: InvalidArgument (field `limit`) outside [1, kMaxPageSize].
[[nodiscard]] Result<int> PageLimit(std::optional<int64_t> requested);

// How many rows to fetch for a page of `limit` items: one more, to learn whether a next page
// exists without counting.
[[nodiscard]] constexpr int64_t FetchLimit(int limit) { return static_cast<int64_t>(limit) + 1; }

// Drops the extra row fetched by FetchLimit; true when there was one (a next page exists).
template <typename T>
[[nodiscard]] bool TrimToLimit(std::vector<T>& rows, int limit) {
  if (limit < 0 || rows.size() <= static_cast<size_t>(limit)) return false;
  rows.resize(static_cast<size_t>(limit));
  return true;
}

}  // namespace cairn
