// Paging for stores: keyset cursors, opaque integrity-checked page tokens, and the SQL predicate
// that resumes a list after a cursor.
//
// A list is ordered by one or more sort keys, all descending, the last of them unique (so the
// order is total and stable under inserts). A page token records the sort-key values of the last
// item of a page, the list it belongs to (`kind`), and a checksum; it is base64url text that
// clients pass back unchanged. The checksum (truncated SHA-256) rejects tokens that were altered
// or truncated and tokens from another list; it is not a secret — a token only names a position
// the client could ask for anyway, and every value is a bound parameter.
//
//   static const Keyset kOrder("experiments", {{"e.created_at", KeyType::kInt},
//                                              {"e.name", KeyType::kText}});
//   RETURN_IF_ERROR(kOrder.AppendAfter(query.page_token, sql, params));
//   kOrder.AppendOrderAndLimit(query.limit, sql, params);
//   ... run the query, fill page.items ...
//   kOrder.FinishPage(page, query.limit, [](const Experiment& e) {
//     return Keyset::Position{e.created_at, e.name};
//   });
//
// Thread safety: Keyset is immutable after construction; the free functions are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/page.h"
#include "common/status.h"
#include "storage/sql_database.h"

namespace cairn::storage {

enum class KeyType { kInt, kText };

struct SortKey {
  std::string_view column;  // SQL expression, e.g. "r.created_at"
  KeyType type;
};

class Keyset {
 public:
  // The sort-key values of one row, in sort-key order.
  using Position = std::vector<std::variant<int64_t, std::string>>;

  // `kind` binds tokens to this list; `keys` has at least one key. Both must outlive the Keyset
  // (string literals).
  Keyset(std::string_view kind, std::vector<SortKey> keys);

  // Appends " AND (<rows after the token's position>)" to `sql` (binding `params`) when
  // `page_token` is non-empty. Errors: InvalidArgument (field `page_token`) for a token that is
  // malformed, altered, or from another list.
  [[nodiscard]] Status AppendAfter(std::string_view page_token, std::string& sql,
                                   std::vector<Value>& params) const;
  // Appends " ORDER BY k1 DESC, k2 DESC ... LIMIT ?" binding FetchLimit(limit).
  void AppendOrderAndLimit(int limit, std::string& sql, std::vector<Value>& params) const;
  // The page token that resumes after a row at `position`.
  [[nodiscard]] std::string Token(const Position& position) const;

  // Trims page.items (fetched with FetchLimit) to `limit` and, when there was a next page, sets
  // next_page_token from the last kept item.
  template <typename T, typename PositionOf>
  void FinishPage(Page<T>& page, int limit, PositionOf position_of) const {
    if (TrimToLimit(page.items, limit))
      page.next_page_token = Token(position_of(page.items.back()));
  }

 private:
  Result<Position> Decode(std::string_view page_token) const;

  std::string_view kind_;
  std::vector<SortKey> keys_;
};

// Offset tokens, for lists in a client-chosen order (where no keyset applies).
[[nodiscard]] std::string OffsetToken(std::string_view kind, int64_t offset);
// Errors: InvalidArgument (field `page_token`) as for Keyset::AppendAfter, or a negative offset.
[[nodiscard]] Result<int64_t> ParseOffsetToken(std::string_view kind, std::string_view token);

// The envelope shared by both token forms, exposed for tests: base64url(payload + checksum).
[[nodiscard]] std::string SealPageToken(std::string_view payload);
// The payload of a sealed token; nullopt when it is not base64url or the checksum does not match.
[[nodiscard]] std::optional<std::string> OpenPageToken(std::string_view token);

// InvalidArgument for a page token that cannot be used.
[[nodiscard]] Status InvalidPageToken();

}  // namespace cairn::storage
