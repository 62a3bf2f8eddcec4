#include "datasets/csv_reader.h"

#include <cstring>

namespace cairn::datasets {
namespace {
constexpr size_t kReadBuffer = 1 << 18;
}  // namespace

Status CsvError(int64_t line, int64_t column, const std::string& what) {
  std::string msg =
      "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what;
  return InvalidArgument("invalid CSV: " + msg, {{"body", msg}});
}

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(
    const std::string& path, std::function<void(const char*, size_t)> on_bytes) {
  std::unique_ptr<CsvReader> r(new CsvReader());
  r->file_ = std::fopen(path.c_str(), "rb");
  if (!r->file_) return NotFound("cannot open CSV file");
  r->on_bytes_ = std::move(on_bytes);
  r->buf_.resize(kReadBuffer);
  return r;
}

CsvReader::~CsvReader() {
  if (file_) std::fclose(file_);
}

bool CsvReader::Fill() {
  if (eof_) return false;
  len_ = std::fread(buf_.data(), 1, buf_.size(), file_);
  pos_ = 0;
  if (len_ < buf_.size()) {
    if (std::ferror(file_)) io_error_ = true;
    eof_ = true;
  }
  if (len_ > 0 && on_bytes_) on_bytes_(buf_.data(), len_);
  bytes_read_ += len_;
  if (first_fill_) {
    first_fill_ = false;
    if (len_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  }
  return len_ > pos_;
}

Status CsvReader::EndField(int64_t line) {
  const std::string& f = fields_[nfields_];
  bool ascii = true;
  for (unsigned char c : f) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii && !IsValidUtf8(f))
    return CsvError(line, static_cast<int64_t>(nfields_) + 1, "invalid UTF-8");
  ++nfields_;
  return Status::Ok();
}

Result<bool> CsvReader::Next() {
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
  for (;;) {  // loops only to skip blank lines
    nfields_ = 0;
    State st = State::kFieldStart;
    bool any_char = false;  // the record has at least one character (not a blank line)
    record_line_ = line_;
    auto current = [&]() -> std::string& {
      if (fields_.size() <= nfields_) fields_.emplace_back();
      return fields_[nfields_];
    };
    bool ended = false;
    while (!ended) {
      if (pos_ >= len_ && !Fill()) {
        if (io_error_) return Internal("cannot read CSV file");
        // End of input.
        if (st == State::kQuoted)
          return CsvError(
              line_, static_cast<int64_t>(nfields_) + 1,
              "unterminated quoted field (opened on line " + std::to_string(record_line_) + ")");
        if (!any_char) {
          fields_.resize(0);
          return false;
        }
        if (st == State::kFieldStart) current().clear();
        current();
        RETURN_IF_ERROR(EndField(line_));
        ended = true;
        break;
      }
      char c = buf_[pos_];
      if (pending_cr_) {
        pending_cr_ = false;
        if (c == '\n') {
          ++pos_;
          continue;
        }
      }
      switch (st) {
        case State::kFieldStart:
          current().clear();
          if (c == '"') {
            any_char = true;
            st = State::kQuoted;
            ++pos_;
          } else {
            st = State::kUnquoted;  // re-examine c in kUnquoted
          }
          break;
        case State::kUnquoted: {
          // Fast path: copy the run of ordinary bytes.
          size_t start = pos_;
          while (pos_ < len_) {
            char d = buf_[pos_];
            if (d == ',' || d == '\n' || d == '\r') break;
            ++pos_;
          }
          if (pos_ > start) {
            current().append(buf_.data() + start, pos_ - start);
            any_char = true;
          }
          if (pos_ >= len_) break;
          c = buf_[pos_++];
          if (c == ',') {
            any_char = true;
            RETURN_IF_ERROR(EndField(line_));
            st = State::kFieldStart;
          } else {  // line break
            if (c == '\r') pending_cr_ = true;
            RETURN_IF_ERROR(EndField(line_));
            ++line_;
            ended = true;
          }
          break;
        }
        case State::kQuoted: {
          size_t start = pos_;
          while (pos_ < len_ && buf_[pos_] != '"') {
            if (buf_[pos_] == '\n')
              ++line_;
            else if (buf_[pos_] == '\r' && (pos_ + 1 >= len_ || buf_[pos_ + 1] != '\n'))
              ++line_;
            ++pos_;
          }
          current().append(buf_.data() + start, pos_ - start);
          if (pos_ < len_) {
            ++pos_;
            st = State::kQuoteInQuoted;
          }
          break;
        }
        case State::kQuoteInQuoted:
          if (c == '"') {
            current().push_back('"');
            ++pos_;
            st = State::kQuoted;
          } else if (c == ',') {
            ++pos_;
            RETURN_IF_ERROR(EndField(line_));
            st = State::kFieldStart;
          } else if (c == '\n' || c == '\r') {
            ++pos_;
            if (c == '\r') pending_cr_ = true;
            RETURN_IF_ERROR(EndField(line_));
            ++line_;
            ended = true;
          } else {
            return CsvError(line_, static_cast<int64_t>(nfields_) + 1,
                            "unexpected character after a closing quote");
          }
          break;
      }
    }
    if (!any_char) continue;  // blank line
    fields_.resize(nfields_);
    return true;
  }
}

}  // namespace cairn::datasets
