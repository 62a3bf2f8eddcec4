// Rewrites portable `?` placeholders into PostgreSQL's `$1, $2, ...`. Pure, thread-safe.
//
// A `?` inside a single-quoted string literal ('it''s ?'), a double-quoted identifier, a
// dollar-quoted body ($$ ? $$ or $tag$ ? $tag$), a `--` line comment or a `/* */` comment is left
// alone.
#pragma once

#include <string>
#include <string_view>

namespace cairn::storage {

struct RewrittenSql {
  std::string sql;
  int placeholders = 0;
};

RewrittenSql RewritePlaceholders(std::string_view sql);

}  // namespace cairn::storage
