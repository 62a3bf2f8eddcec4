// CSV ingestion: turns an uploaded CSV file into typed column files plus a profile.
//
// Two streaming passes over the file (memory bounded by the widest record, per-column writer
// buffers and presence bitmaps; never the whole file):
//   1. parse and validate every record (RFC 4180, UTF-8, same field count as the header), infer
//      each column's type, count rows and string bytes, and hash the bytes (sha256);
//   2. parse again and write one column file per column (column_file.h) into `dir`.
// Then each column is loaded once (one at a time) to compute its profile.
//
// Type inference per column, over non-empty cells (empty cells are missing): int64 if every
// cell is a base-10 integer that fits in int64 (optional sign); else float64 if every cell is a
// finite decimal number (`1.5`, `-2e3`; not `nan`/`inf`); else bool if every cell is
// true/false (case-insensitive); else timestamp if every cell parses as ISO 8601 / RFC 3339
// (ParseRfc3339; stored as ms UTC); else string. A column with no value at all is a string.
//
// Thread safety: pure functions over their arguments; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/safe_dir.h"
#include "common/status.h"
#include "datasets/types.h"

namespace cairn::datasets {

inline constexpr size_t kMaxColumns = 4096;
inline constexpr size_t kMaxColumnNameBytes = 1024;

struct IngestResult {
  std::vector<std::pair<std::string, ColumnType>> columns;
  int64_t row_count = 0;
  int64_t size_bytes = 0;
  int64_t stored_bytes = 0;
  std::string sha256;
  std::vector<ColumnProfile> profile;
};

// The column file name of the column at `index` in a dataset directory.
[[nodiscard]] std::string ColumnFileName(size_t index);

// Cell classifiers used by inference (exposed for tests).
[[nodiscard]] bool ParseInt64Cell(std::string_view s, int64_t& out);
[[nodiscard]] bool ParseFloatCell(std::string_view s, double& out);
[[nodiscard]] bool ParseBoolCell(std::string_view s, bool& out);

// Ingests `csv_path` into the new folder `name` of `parent` (created; removed again on any
// error). The column files are created and read back through `parent` without following links
// (common/safe_dir.h). Errors: InvalidArgument naming line and column for a bad header or
// record; Internal on I/O, or when `name` exists or cannot be created (a link in the way).
Result<IngestResult> IngestCsv(const std::string& csv_path, const files::SafeDir& parent,
                               const std::string& name);
// The same into the new directory `dir` (its parent created when missing).
Result<IngestResult> IngestCsv(const std::string& csv_path, const std::string& dir);

}  // namespace cairn::datasets
