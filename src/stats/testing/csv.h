// Test support: a small strict CSV reader for the oracle vectors in shared/testdata.
//
// Supports exactly what the generator writes: a header row, comma-separated unquoted cells,
// '\n' or "\r\n" line ends, '' = missing. Numbers are parsed with strtod so the doubles are
// bit-identical to Python's float() of the same text. Not for production input (no quoting).
// Thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::stats::testing {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each row has header.size() cells

  // Index of `name` in the header, or nullopt.
  std::optional<std::size_t> Column(std::string_view name) const;
};

// Errors: InvalidArgument for an empty text or a row whose cell count differs from the header.
[[nodiscard]] Result<CsvTable> ParseCsv(std::string_view text);

// Errors: NotFound when the file cannot be read; ParseCsv's errors.
[[nodiscard]] Result<CsvTable> ReadCsvFile(const std::string& path);

// Whole text cell as a double via strtod; '' gives NaN. Errors: InvalidArgument otherwise.
[[nodiscard]] Result<double> ParseDoubleCell(std::string_view cell);

// A column as doubles ('' = NaN). Errors: NotFound (no such column), InvalidArgument (a cell).
[[nodiscard]] Result<std::vector<double>> NumericColumn(const CsvTable& table,
                                                        std::string_view name);

// A column as strings ('' = nullopt). Errors: NotFound (no such column).
[[nodiscard]] Result<std::vector<std::optional<std::string>>> StringColumn(const CsvTable& table,
                                                                           std::string_view name);

// Reads a whole file. Errors: NotFound.
[[nodiscard]] Result<std::string> ReadFile(const std::string& path);

}  // namespace cairn::stats::testing
