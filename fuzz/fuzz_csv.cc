// Fuzzes the streaming CSV reader behind dataset ingestion on arbitrary bytes (written to a
// temporary file, since the reader streams from disk). Checks: it terminates, every record read
// is valid UTF-8 when it succeeds, the byte count matches the input, and an error names a line.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "datasets/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/cairn_fuzz_csv_" + std::to_string(getpid()) + ".csv";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  if (size > 0 && std::fwrite(data, 1, size, f) != size) {
    std::fclose(f);
    return 0;
  }
  std::fclose(f);

  uint64_t hashed = 0;
  auto reader =
      cairn::datasets::CsvReader::Open(path, [&hashed](const char*, size_t n) { hashed += n; });
  if (!reader.ok()) __builtin_trap();  // the file exists: Open must succeed
  int64_t last_line = 0;
  for (;;) {
    auto more = (*reader)->Next();
    if (!more.ok()) {
      if (more.status().message().rfind("invalid CSV: line ", 0) != 0) __builtin_trap();
      return 0;
    }
    if (!*more) break;
    if ((*reader)->record_line() < last_line) __builtin_trap();  // lines only move forward
    last_line = (*reader)->record_line();
    for (const std::string& field : (*reader)->fields())
      if (!cairn::datasets::IsValidUtf8(field)) __builtin_trap();
  }
  if ((*reader)->bytes_read() != size || hashed != size) __builtin_trap();
  return 0;
}
