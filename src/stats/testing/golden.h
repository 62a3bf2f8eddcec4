// Test support: locating and loading the oracle vectors (shared/testdata) and comparing
// doubles with the README's tolerances. Thread-compatible.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::stats::testing {

// CAIRN_TESTDATA_DIR + "/" + relative.
[[nodiscard]] std::string TestdataPath(std::string_view relative);

// Parses a JSON file; non-integer numbers come back as tagged strings that only AsDouble
// reads (Boost.JSON 1.81 rounds some decimals wrongly).
// Errors: NotFound (unreadable), InvalidArgument (malformed).
[[nodiscard]] Result<boost::json::value> ReadJsonFile(const std::string& path);

// True when |actual - expected| <= max(abs_tol, rel_tol * |expected|).
[[nodiscard]] bool Near(double actual, double expected, double rel_tol, double abs_tol);

// The case names listed in manifest.json under `key` (e.g. "drift_cases") or
// eval_cases.<task> when `task` is given.
[[nodiscard]] std::vector<std::string> ManifestCases(std::string_view key,
                                                     std::string_view task = "");

// A JSON number as a double, correctly rounded from the file text (see ReadJsonFile).
[[nodiscard]] double AsDouble(const boost::json::value& v);

}  // namespace cairn::stats::testing
