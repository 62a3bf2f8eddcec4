#include "datasets/csv_ingest.h"

#include <sys/stat.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <memory>
#include <set>

#include "common/cancellation.h"
#include "common/sha256.h"
#include "common/time.h"
#include "common/validation.h"
#include "datasets/column_file.h"
#include "datasets/column_profile.h"
#include "datasets/csv_reader.h"

namespace cairn::datasets {
namespace {

namespace fs = std::filesystem;

struct Inference {
  bool can_int = true, can_float = true, can_bool = true, can_ts = true;
  int64_t present = 0;
  uint64_t bytes = 0;

  void Observe(std::string_view s) {
    ++present;
    bytes += s.size();
    int64_t i;
    double d;
    bool b;
    if (can_int && ParseInt64Cell(s, i)) {  // an integer is also a number, never a bool/time
      can_bool = can_ts = false;
      return;
    }
    can_int = false;
    if (can_float && ParseFloatCell(s, d)) {
      can_bool = can_ts = false;
      return;
    }
    can_float = false;
    if (can_bool && ParseBoolCell(s, b)) {
      can_ts = false;
      return;
    }
    can_bool = false;
    if (can_ts && ParseRfc3339(s)) return;
    can_ts = false;
  }
  ColumnType Type() const {
    if (present == 0) return ColumnType::kString;
    if (can_int) return ColumnType::kInt64;
    if (can_float) return ColumnType::kFloat64;
    if (can_bool) return ColumnType::kBool;
    if (can_ts) return ColumnType::kTimestamp;
    return ColumnType::kString;
  }
};

Status CheckHeader(const std::vector<std::string>& header) {
  if (header.size() > kMaxColumns)
    return CsvError(1, static_cast<int64_t>(kMaxColumns) + 1,
                    "too many columns (at most " + std::to_string(kMaxColumns) + ")");
  std::set<std::string_view> seen;
  for (size_t i = 0; i < header.size(); ++i) {
    const auto col = static_cast<int64_t>(i) + 1;
    if (header[i].empty()) return CsvError(1, col, "empty column name in the header");
    if (header[i].size() > kMaxColumnNameBytes)
      return CsvError(1, col, "column name longer than 1024 bytes");
    // A NUL makes a column no request can name (and cuts it short for C APIs).
    validation::FieldErrors nul;
    validation::CheckNoNul(nul, "header", header[i]);
    if (!nul.empty()) return CsvError(1, col, "column name " + nul.front().message);
    if (!seen.insert(header[i]).second)
      return CsvError(1, col, "duplicate column name '" + header[i] + "'");
  }
  return Status::Ok();
}

Status CheckWidth(const CsvReader& r, size_t want) {
  const size_t got = r.fields().size();
  if (got == want) return Status::Ok();
  return CsvError(r.record_line(), static_cast<int64_t>(std::min(got, want)) + 1,
                  "expected " + std::to_string(want) + " fields, found " + std::to_string(got));
}

// Rows between two looks at whether the upload's client is still there.
constexpr int64_t kCancellationCheckRows = 65536;

Result<IngestResult> Ingest(const std::string& csv_path, const files::SafeDir& dir) {
  IngestResult out;
  // Pass 1: validate, infer, count, hash.
  Sha256 hash;
  std::vector<std::string> header;
  std::vector<Inference> inf;
  {
    ASSIGN_OR_RETURN(auto reader, CsvReader::Open(csv_path, [&](const char* p, size_t n) {
                       hash.Update(p, n);
                     }));
    ASSIGN_OR_RETURN(bool has_header, reader->Next());
    if (!has_header) return CsvError(1, 1, "a header row is required (the body is empty)");
    header = reader->fields();
    RETURN_IF_ERROR(CheckHeader(header));
    inf.resize(header.size());
    for (;;) {
      ASSIGN_OR_RETURN(bool more, reader->Next());
      if (!more) break;
      RETURN_IF_ERROR(CheckWidth(*reader, header.size()));
      const auto& f = reader->fields();
      for (size_t i = 0; i < f.size(); ++i)
        if (!f[i].empty()) inf[i].Observe(f[i]);
      ++out.row_count;
      if (out.row_count % kCancellationCheckRows == 0 && CancellationRequested()) {
        return Cancelled();
      }
    }
    out.size_bytes = static_cast<int64_t>(reader->bytes_read());
  }
  ASSIGN_OR_RETURN(out.sha256, hash.FinishHex());

  // Pass 2: typed column files.
  const auto rows = static_cast<uint64_t>(out.row_count);
  std::vector<std::unique_ptr<ColumnFileWriter>> writers;
  for (size_t i = 0; i < header.size(); ++i) {
    const ColumnType t = inf[i].Type();
    out.columns.emplace_back(header[i], t);
    const std::string name = ColumnFileName(i);
    auto fd = dir.CreateExclusive(name);
    if (!fd.ok()) return Internal("cannot create column file " + name);
    ASSIGN_OR_RETURN(auto w, ColumnFileWriter::Create(std::move(*fd), name, t, rows, inf[i].bytes));
    writers.push_back(std::move(w));
  }
  {
    ASSIGN_OR_RETURN(auto reader, CsvReader::Open(csv_path));
    ASSIGN_OR_RETURN(bool has_header, reader->Next());
    if (!has_header) return Internal("CSV file changed during ingestion");
    for (uint64_t r = 0; r < rows; ++r) {
      if (r % kCancellationCheckRows == 0 && CancellationRequested()) return Cancelled();
      ASSIGN_OR_RETURN(bool more, reader->Next());
      if (!more || reader->fields().size() != header.size())
        return Internal("CSV file changed during ingestion");
      const auto& f = reader->fields();
      for (size_t i = 0; i < f.size(); ++i) {
        ColumnFileWriter& w = *writers[i];
        const std::string& s = f[i];
        if (s.empty()) {
          w.AppendMissing();
          continue;
        }
        switch (out.columns[i].second) {
          case ColumnType::kInt64: {
            int64_t v = 0;
            (void)ParseInt64Cell(s, v);  // validated in pass 1
            w.AppendInt(v);
            break;
          }
          case ColumnType::kFloat64: {
            double v = 0;
            (void)ParseFloatCell(s, v);
            w.AppendDouble(v);
            break;
          }
          case ColumnType::kBool: {
            bool v = false;
            (void)ParseBoolCell(s, v);
            w.AppendInt(v ? 1 : 0);
            break;
          }
          case ColumnType::kTimestamp:
            w.AppendInt(ParseRfc3339(s).value_or(0));
            break;
          case ColumnType::kString:
            w.AppendString(s);
            break;
        }
      }
    }
  }
  for (auto& w : writers) RETURN_IF_ERROR(w->Finish());
  writers.clear();

  // Profiles, one column in memory at a time.
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string name = ColumnFileName(i);
    auto fd = dir.OpenRead(name);
    if (!fd.ok()) return Internal("cannot read back column file " + name);
    struct stat st {};
    if (::fstat(fd->Get(), &st) != 0) return Internal("cannot read back column file " + name);
    ASSIGN_OR_RETURN(auto col, ReadColumnFile(std::move(*fd), name));
    out.profile.push_back(ComputeProfile(header[i], col));
    out.stored_bytes += static_cast<int64_t>(st.st_size);
  }
  return out;
}

}  // namespace

std::string ColumnFileName(size_t index) { return "c" + std::to_string(index) + ".col"; }

bool ParseInt64Cell(std::string_view s, int64_t& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() == '+') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool ParseFloatCell(std::string_view s, double& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() == '+') return false;
  // from_chars also accepts "inf"/"nan" and hex-less forms; require a digit to reject inf/nan.
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '-' && c != '.' && c != 'e' && c != 'E' && c != '+') {
      return false;
    }
  }
  if (!digit) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(out);
}

bool ParseBoolCell(std::string_view s, bool& out) {
  auto eq = [](std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (static_cast<char>(std::tolower(static_cast<unsigned char>(a[i]))) != lower[i])
        return false;
    return true;
  };
  if (eq(s, "true")) {
    out = true;
    return true;
  }
  if (eq(s, "false")) {
    out = false;
    return true;
  }
  return false;
}

Result<IngestResult> IngestCsv(const std::string& csv_path, const files::SafeDir& parent,
                               const std::string& name) {
  // The folder must be new: a leftover (or a link) of that name is never written into.
  if (parent.Stat(name).status().code() != StatusCode::kNotFound)
    return Internal("cannot create dataset directory " + name);
  auto dir = parent.MakeDirs(name);
  if (!dir.ok()) return Internal("cannot create dataset directory " + name);
  auto r = Ingest(csv_path, *dir);
  if (!r.ok()) (void)parent.RemoveAll(name);
  return r;
}

Result<IngestResult> IngestCsv(const std::string& csv_path, const std::string& dir) {
  const fs::path p(dir);
  auto parent = files::SafeDir::OpenOrCreate(p.has_parent_path() ? p.parent_path().string() : ".");
  if (!parent.ok()) return Internal("cannot create dataset directory " + dir);
  return IngestCsv(csv_path, *parent, p.filename().string());
}

}  // namespace cairn::datasets
