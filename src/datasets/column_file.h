// Column files: the compact on-disk format of one dataset column (DATA_DIR/datasets/<id>/c<N>.col).
//
// Layout (all integers little-endian):
//   header, 64 bytes:
//     0  magic "CRNCOL1\0"           8 bytes
//     8  format version (1)          u32
//    12  type (ColumnType as u32: 0 int64, 1 float64, 2 bool, 3 timestamp, 4 string)
//    16  count (rows)                u64
//    24  missing (null cells)        u64
//    32  payload bytes               u64   (file size - 64)
//    40  CRC32C of the payload       u32   (Castagnoli; SSE4.2 instruction when available)
//    44  reserved, zero              20 bytes
//   payload:
//     presence bitmap   ceil(count/8) bytes, bit i (byte i/8, bit i%8) set = cell i present
//     values            int64/timestamp(ms): count x i64; float64: count x f64 (IEEE 754);
//                       bool: count x u8 (0/1); string: (count+1) x u64 offsets into the bytes
//                       section (offset[i]..offset[i+1] is cell i; missing cells are empty)
//     bytes             string columns only: the concatenated UTF-8 cell bytes
//   Missing cells hold 0 in fixed-width sections.
//
// ColumnFileWriter streams values (bounded memory: the presence bitmap, count/8 bytes, plus small
// write buffers); the final row count and, for strings, the total byte count must be known up front
// (the ingester learns them in its first pass). ReadColumnFile loads and verifies a whole column.
//
// Thread safety: a writer is used by one thread; ReadColumnFile is thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/safe_dir.h"
#include "common/status.h"
#include "datasets/dataset_reader.h"

namespace cairn::datasets {

inline constexpr size_t kColumnHeaderBytes = 64;
inline constexpr uint32_t kColumnFormatVersion = 1;

[[nodiscard]] uint32_t Crc32c(uint32_t crc, const void* data, size_t n);

// A fully loaded column with exact typed values (int64 stays exact, unlike ColumnData::numbers).
struct TypedColumn {
  ColumnType type = ColumnType::kString;
  uint64_t count = 0;
  uint64_t missing = 0;
  std::vector<uint8_t> present;   // one byte per cell (0/1), expanded from the bitmap
  std::vector<int64_t> ints;      // int64, timestamp (ms), bool (0/1)
  std::vector<double> doubles;    // float64
  std::vector<uint64_t> offsets;  // string: count + 1
  std::string bytes;              // string payload
  bool IsPresent(size_t i) const { return present[i] != 0; }
  std::string_view StringAt(size_t i) const {
    return std::string_view(bytes).substr(offsets[i], offsets[i + 1] - offsets[i]);
  }
};

class ColumnFileWriter {
 public:
  // Creates `path` (truncating). `string_bytes` is the exact total of string cell bytes (ignored
  // for other types). Errors: Internal on I/O failure.
  static Result<std::unique_ptr<ColumnFileWriter>> Create(const std::string& path, ColumnType type,
                                                          uint64_t count, uint64_t string_bytes);
  // Writes into `fd`, a new empty file open for reading and writing (taken over; see
  // common/safe_dir.h); `name` names it in error messages.
  static Result<std::unique_ptr<ColumnFileWriter>> Create(files::UniqueFd fd,
                                                          const std::string& name, ColumnType type,
                                                          uint64_t count, uint64_t string_bytes);
  ~ColumnFileWriter();
  ColumnFileWriter(const ColumnFileWriter&) = delete;
  ColumnFileWriter& operator=(const ColumnFileWriter&) = delete;

  // Appends the next cell. Exactly one matching Append per row, in order.
  void AppendMissing();
  void AppendInt(int64_t v);  // int64, timestamp, bool (0/1)
  void AppendDouble(double v);
  void AppendString(std::string_view v);
  // Writes the bitmap, checksum and header; verifies the counts. Errors: Internal.
  Status Finish();

 private:
  struct Section;
  ColumnFileWriter() = default;
  void MarkPresent();

  std::FILE* file_ = nullptr;
  std::string path_;
  ColumnType type_ = ColumnType::kString;
  uint64_t count_ = 0;
  uint64_t string_bytes_ = 0;
  uint64_t next_ = 0;
  uint64_t missing_ = 0;
  uint64_t string_written_ = 0;
  std::vector<uint8_t> bitmap_;
  std::unique_ptr<Section> values_;
  std::unique_ptr<Section> bytes_;
  bool io_error_ = false;
};

// Loads and verifies a column file. Errors: NotFound (no file), Internal (bad magic, version,
// size or checksum; I/O).
Result<TypedColumn> ReadColumnFile(const std::string& path);
// Loads and verifies the column file open as `fd` (taken over), read from its start; `name`
// names it in error messages. Errors: Internal.
Result<TypedColumn> ReadColumnFile(files::UniqueFd fd, const std::string& name);

}  // namespace cairn::datasets
