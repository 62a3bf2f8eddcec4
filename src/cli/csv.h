// A small RFC 4180 reader for the CSV files commands take as input (metric points, feature
// values, entity rows): quoted fields, doubled quotes, CRLF, newlines inside quotes.
// Pure; thread-safe.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "common/status.h"

namespace cairn::cli {

using CsvRow = std::vector<std::string>;

// Every record of the stream (empty lines skipped). Errors: InvalidArgument naming `name` and
// the line of an unterminated quote.
[[nodiscard]] Result<std::vector<CsvRow>> ReadCsv(std::istream& in, const std::string& name);

}  // namespace cairn::cli
