#include "stats/testing/csv.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cairn::stats::testing {
namespace {

std::vector<std::string> SplitLine(std::string_view line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      cells.emplace_back(line.substr(start));
      return cells;
    }
    cells.emplace_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

}  // namespace

std::optional<std::size_t> CsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

Result<CsvTable> ParseCsv(std::string_view text) {
  CsvTable table;
  bool first = true;
  std::size_t pos = 0;
  std::size_t line_no = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first) {
      if (line.empty()) return InvalidArgument("csv header is empty");
      table.header = SplitLine(line);
      first = false;
      continue;
    }
    if (line.empty() && pos >= text.size()) break;  // trailing newline
    std::vector<std::string> cells = SplitLine(line);
    if (cells.size() != table.header.size()) {
      return InvalidArgument("csv line " + std::to_string(line_no) + " has " +
                             std::to_string(cells.size()) + " cells, header has " +
                             std::to_string(table.header.size()));
    }
    table.rows.push_back(std::move(cells));
  }
  if (first) return InvalidArgument("csv text is empty");
  return table;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Result<CsvTable> ReadCsvFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseCsv(text);
}

Result<double> ParseDoubleCell(std::string_view cell) {
  if (cell.empty()) return std::nan("");
  const std::string copy(cell);  // strtod needs a terminated string
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || errno == ERANGE) {
    return InvalidArgument("not a number: '" + copy + "'");
  }
  return v;
}

Result<std::vector<double>> NumericColumn(const CsvTable& table, std::string_view name) {
  const std::optional<std::size_t> col = table.Column(name);
  if (!col) return NotFound("no column " + std::string(name));
  std::vector<double> out;
  out.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    ASSIGN_OR_RETURN(double v, ParseDoubleCell(row[*col]));
    out.push_back(v);
  }
  return out;
}

Result<std::vector<std::optional<std::string>>> StringColumn(const CsvTable& table,
                                                             std::string_view name) {
  const std::optional<std::size_t> col = table.Column(name);
  if (!col) return NotFound("no column " + std::string(name));
  std::vector<std::optional<std::string>> out;
  out.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    if (row[*col].empty()) {
      out.emplace_back(std::nullopt);
    } else {
      out.emplace_back(row[*col]);
    }
  }
  return out;
}

}  // namespace cairn::stats::testing
