#include "cli/csv.h"

namespace cairn::cli {

Result<std::vector<CsvRow>> ReadCsv(std::istream& in, const std::string& name) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  bool quoted = false, field_started = false;
  int64_t line = 1, quote_line = 0;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    if (!row.empty() || field_started || !field.empty()) end_field();
    // An empty line has no fields (or one empty one): skip it.
    if (!row.empty() && !(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
    row.clear();
  };
  char c;
  while (in.get(c)) {
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          in.get(c);
          field += '"';
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        quoted = true;
        field_started = true;
        quote_line = line;
        break;
      case ',':
        end_field();
        field_started = true;
        break;
      case '\r':
        if (in.peek() != '\n') field += c;
        break;
      case '\n':
        ++line;
        end_row();
        break;
      default:
        field += c;
    }
  }
  if (quoted) {
    return InvalidArgument(name + " line " + std::to_string(quote_line) +
                           ": unterminated quoted field");
  }
  end_row();
  return rows;
}

}  // namespace cairn::cli
