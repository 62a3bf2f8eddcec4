// Fuzzes the run search language: ParseRunFilter/ParseRunOrderBy on arbitrary bytes, and the SQL
// generated from whatever parses. Invariants checked beyond "no crash, no sanitizer report":
// errors are InvalidArgument with one FieldError; the generated SQL has exactly one `?` per
// bound parameter and carries no quote characters (user text only ever travels as parameters).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tracking/run_filter.h"

namespace {

using cairn::tracking::SqlFragment;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

void CheckError(const cairn::Status& s, std::string_view field) {
  Check(s.code() == cairn::StatusCode::kInvalidArgument);
  Check(s.errors().size() == 1);
  Check(s.errors()[0].field == field);
  Check(s.message() == std::string(field) + ": " + s.errors()[0].message);
}

void CheckSql(const SqlFragment& f) {
  size_t placeholders = 0;
  for (char c : f.sql) {
    placeholders += c == '?';
    Check(c != '\'' && c != '"' && c != '`' && c != ';');
  }
  Check(placeholders == f.params.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  auto filter = cairn::tracking::ParseRunFilter(text);
  if (filter.ok()) {
    Check(filter->size() <= cairn::tracking::kMaxFilterClauses);
    CheckSql(cairn::tracking::FilterToSql(*filter));
  } else {
    CheckError(filter.status(), "filter");
  }

  auto order = cairn::tracking::ParseRunOrderBy(text);
  if (order.ok()) {
    Check(order->size() <= cairn::tracking::kMaxOrderKeys);
    const SqlFragment f = cairn::tracking::OrderByToSql(*order);
    CheckSql(f);
    Check(f.sql.ends_with("r.created_at DESC, r.run_id DESC"));
  } else {
    CheckError(order.status(), "order_by");
  }
  return 0;
}
