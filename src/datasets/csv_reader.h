// CsvReader: a streaming RFC 4180 parser over a file, with bounded memory (one read buffer plus
// the current record).
//
// Accepts: fields separated by `,`; records ended by LF, CRLF or a lone CR; quoted fields (`"`)
// that may hold commas, line breaks and doubled quotes (`""`); a final record without a line
// break; a leading UTF-8 byte-order mark (skipped). Blank lines (no characters at all) are
// skipped, as pandas does. A quote inside an unquoted field is kept literally (lenient, like
// Python's csv module). Errors name the physical line (1-based) and the column (1-based field
// number): an unterminated quoted field, a character after a closing quote, invalid UTF-8.
//
// Thread safety: one thread per reader.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::datasets {

// InvalidArgument "line L, column C: <what>" with an errors[] entry {"field":"body"}.
[[nodiscard]] Status CsvError(int64_t line, int64_t column, const std::string& what);

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
[[nodiscard]] bool IsValidUtf8(std::string_view s);

class CsvReader {
 public:
  // `on_bytes` (optional) sees every byte read, in order (e.g. to hash the file).
  // Errors: NotFound when the file cannot be opened.
  static Result<std::unique_ptr<CsvReader>> Open(
      const std::string& path, std::function<void(const char*, size_t)> on_bytes = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record: true when one was read (see fields()), false at end of input.
  // Errors: InvalidArgument naming line and column; Internal on I/O failure.
  Result<bool> Next();
  const std::vector<std::string>& fields() const { return fields_; }
  // Physical line (1-based) on which the current record starts.
  int64_t record_line() const { return record_line_; }
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  CsvReader() = default;
  bool Fill();  // false at EOF or error (io_error_ set)
  Status EndField(int64_t line);

  std::FILE* file_ = nullptr;
  std::function<void(const char*, size_t)> on_bytes_;
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t len_ = 0;
  bool eof_ = false;
  bool io_error_ = false;
  bool first_fill_ = true;
  bool pending_cr_ = false;  // previous record ended with CR: swallow one LF
  uint64_t bytes_read_ = 0;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  std::vector<std::string> fields_;
  size_t nfields_ = 0;
};

}  // namespace cairn::datasets
