#include "datasets/column_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace cairn::datasets {
namespace {

constexpr char kMagic[8] = {'C', 'R', 'N', 'C', 'O', 'L', '1', '\0'};
constexpr size_t kSectionBuffer = 1 << 16;

std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    t[i] = c;
  }
  return t;
}

uint32_t Crc32cSoftware(uint32_t crc, const uint8_t* p, size_t n) {
  static const std::array<uint32_t, 256> kTable = MakeCrcTable();
  for (size_t i = 0; i < n; ++i) crc = kTable[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) uint32_t Crc32cHardware(uint32_t crc, const uint8_t* p,
                                                          size_t n) {
  uint64_t c = crc;
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    c = __builtin_ia32_crc32di(c, v);
    p += 8;
    n -= 8;
  }
  uint32_t c32 = static_cast<uint32_t>(c);
  while (n-- > 0) c32 = __builtin_ia32_crc32qi(c32, *p++);
  return c32;
}
bool HasSse42() {
  static const bool kHas = __builtin_cpu_supports("sse4.2");
  return kHas;
}
#endif

void PutU32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
void PutU64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
uint32_t GetU32(const uint8_t* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
uint64_t GetU64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

uint64_t BitmapBytes(uint64_t count) { return (count + 7) / 8; }

uint64_t ValueWidth(ColumnType t) { return t == ColumnType::kBool ? 1 : 8; }

uint64_t ValuesBytes(ColumnType t, uint64_t count) {
  return t == ColumnType::kString ? (count + 1) * 8 : count * ValueWidth(t);
}

bool WriteAt(std::FILE* f, const void* data, size_t n, uint64_t offset) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    ssize_t w = ::pwrite(fileno(f), p, n, static_cast<off_t>(offset));
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
    offset += static_cast<uint64_t>(w);
  }
  return true;
}

}  // namespace

uint32_t Crc32c(uint32_t crc, const void* data, size_t n) {
  const auto* p = static_cast<const uint8_t*>(data);
  crc = ~crc;
#if defined(__x86_64__)
  crc = HasSse42() ? Crc32cHardware(crc, p, n) : Crc32cSoftware(crc, p, n);
#else
  crc = Crc32cSoftware(crc, p, n);
#endif
  return ~crc;
}

// A buffered, positioned writer for one section of the file.
struct ColumnFileWriter::Section {
  std::FILE* file;
  uint64_t offset;
  std::vector<char> buf;
  bool ok = true;
  Section(std::FILE* f, uint64_t off) : file(f), offset(off) { buf.reserve(kSectionBuffer); }
  void Put(const void* data, size_t n) {
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
      size_t take = std::min(n, kSectionBuffer - buf.size());
      buf.insert(buf.end(), p, p + take);
      p += take;
      n -= take;
      if (buf.size() == kSectionBuffer) Flush();
    }
  }
  void Flush() {
    if (buf.empty()) return;
    if (!WriteAt(file, buf.data(), buf.size(), offset)) ok = false;
    offset += buf.size();
    buf.clear();
  }
};

Result<std::unique_ptr<ColumnFileWriter>> ColumnFileWriter::Create(const std::string& path,
                                                                   ColumnType type, uint64_t count,
                                                                   uint64_t string_bytes) {
  files::UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd.Valid()) return Internal("cannot create column file " + path);
  return Create(std::move(fd), path, type, count, string_bytes);
}

Result<std::unique_ptr<ColumnFileWriter>> ColumnFileWriter::Create(files::UniqueFd fd,
                                                                   const std::string& name,
                                                                   ColumnType type, uint64_t count,
                                                                   uint64_t string_bytes) {
  std::unique_ptr<ColumnFileWriter> w(new ColumnFileWriter());
  w->file_ = ::fdopen(fd.Get(), "w+b");
  if (!w->file_) return Internal("cannot create column file " + name);
  (void)fd.Release();  // owned by `file_` from here on
  w->path_ = name;
  w->type_ = type;
  w->count_ = count;
  w->string_bytes_ = type == ColumnType::kString ? string_bytes : 0;
  w->bitmap_.assign(BitmapBytes(count), 0);
  const uint64_t values_at = kColumnHeaderBytes + BitmapBytes(count);
  w->values_ = std::make_unique<Section>(w->file_, values_at);
  if (type == ColumnType::kString) {
    w->bytes_ = std::make_unique<Section>(w->file_, values_at + ValuesBytes(type, count));
    uint64_t zero = 0;
    w->values_->Put(&zero, 8);
  }
  return w;
}

ColumnFileWriter::~ColumnFileWriter() {
  if (file_) std::fclose(file_);
}

void ColumnFileWriter::MarkPresent() {
  bitmap_[next_ / 8] |= static_cast<uint8_t>(1u << (next_ % 8));
}

void ColumnFileWriter::AppendMissing() {
  if (next_ >= count_) {
    io_error_ = true;
    return;
  }
  ++missing_;
  if (type_ == ColumnType::kString) {
    uint64_t le = string_written_;
    values_->Put(&le, 8);
  } else {
    const uint64_t zero = 0;
    values_->Put(&zero, ValueWidth(type_));
  }
  ++next_;
}

void ColumnFileWriter::AppendInt(int64_t v) {
  if (next_ >= count_) {
    io_error_ = true;
    return;
  }
  MarkPresent();
  if (type_ == ColumnType::kBool) {
    uint8_t b = v != 0;
    values_->Put(&b, 1);
  } else {
    values_->Put(&v, 8);  // x86-64 and aarch64 are little-endian
  }
  ++next_;
}

void ColumnFileWriter::AppendDouble(double v) {
  if (next_ >= count_) {
    io_error_ = true;
    return;
  }
  MarkPresent();
  values_->Put(&v, 8);
  ++next_;
}

void ColumnFileWriter::AppendString(std::string_view v) {
  if (next_ >= count_ || string_written_ + v.size() > string_bytes_) {
    io_error_ = true;
    return;
  }
  MarkPresent();
  bytes_->Put(v.data(), v.size());
  string_written_ += v.size();
  uint64_t end = string_written_;
  values_->Put(&end, 8);
  ++next_;
}

Status ColumnFileWriter::Finish() {
  if (io_error_ || next_ != count_ || string_written_ != string_bytes_)
    return Internal("column file " + path_ + ": row count mismatch");
  values_->Flush();
  if (bytes_) bytes_->Flush();
  if (!values_->ok || (bytes_ && !bytes_->ok) ||
      !WriteAt(file_, bitmap_.data(), bitmap_.size(), kColumnHeaderBytes))
    return Internal("cannot write column file " + path_);
  const uint64_t payload = BitmapBytes(count_) + ValuesBytes(type_, count_) + string_bytes_;
  // Checksum pass over the payload just written (served from the page cache).
  uint32_t crc = 0;
  std::vector<char> buf(1 << 20);
  uint64_t pos = 0;
  while (pos < payload) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(buf.size(), payload - pos));
    ssize_t r =
        ::pread(fileno(file_), buf.data(), want, static_cast<off_t>(kColumnHeaderBytes + pos));
    if (r <= 0) return Internal("cannot read back column file " + path_);
    crc = Crc32c(crc, buf.data(), static_cast<size_t>(r));
    pos += static_cast<uint64_t>(r);
  }
  uint8_t h[kColumnHeaderBytes] = {};
  std::memcpy(h, kMagic, 8);
  PutU32(h + 8, kColumnFormatVersion);
  PutU32(h + 12, static_cast<uint32_t>(type_));
  PutU64(h + 16, count_);
  PutU64(h + 24, missing_);
  PutU64(h + 32, payload);
  PutU32(h + 40, crc);
  if (!WriteAt(file_, h, sizeof h, 0)) return Internal("cannot write column file " + path_);
  if (std::fclose(file_) != 0) {
    file_ = nullptr;
    return Internal("cannot close column file " + path_);
  }
  file_ = nullptr;
  return Status::Ok();
}

Result<TypedColumn> ReadColumnFile(const std::string& path) {
  files::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.Valid()) {
    if (errno == ENOENT) return NotFound("column file missing: " + path);
    return Internal("cannot open column file " + path);
  }
  return ReadColumnFile(std::move(fd), path);
}

Result<TypedColumn> ReadColumnFile(files::UniqueFd fd, const std::string& path) {
  std::FILE* f = ::fdopen(fd.Get(), "rb");
  if (!f) return Internal("cannot open column file " + path);
  (void)fd.Release();  // owned by `f` from here on
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(f, &std::fclose);
  uint8_t h[kColumnHeaderBytes];
  if (std::fread(h, 1, sizeof h, f) != sizeof h || std::memcmp(h, kMagic, 8) != 0)
    return Internal("corrupt column file (header): " + path);
  if (GetU32(h + 8) != kColumnFormatVersion)
    return Internal("unsupported column file version: " + path);
  const uint32_t type_raw = GetU32(h + 12);
  if (type_raw > static_cast<uint32_t>(ColumnType::kString))
    return Internal("corrupt column file (type): " + path);
  TypedColumn c;
  c.type = static_cast<ColumnType>(type_raw);
  c.count = GetU64(h + 16);
  c.missing = GetU64(h + 24);
  const uint64_t payload = GetU64(h + 32);
  const uint32_t want_crc = GetU32(h + 40);
  const uint64_t fixed = BitmapBytes(c.count) + ValuesBytes(c.type, c.count);
  if (payload < fixed || (c.type != ColumnType::kString && payload != fixed) || c.missing > c.count)
    return Internal("corrupt column file (sizes): " + path);
  std::string data;
  data.resize(payload);
  if (payload > 0 && std::fread(data.data(), 1, payload, f) != payload)
    return Internal("corrupt column file (truncated): " + path);
  if (Crc32c(0, data.data(), data.size()) != want_crc)
    return Internal("corrupt column file (checksum): " + path);
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  c.present.resize(c.count);
  for (uint64_t i = 0; i < c.count; ++i) c.present[i] = (p[i / 8] >> (i % 8)) & 1;
  const uint8_t* v = p + BitmapBytes(c.count);
  switch (c.type) {
    case ColumnType::kInt64:
    case ColumnType::kTimestamp:
      c.ints.resize(c.count);
      if (c.count) std::memcpy(c.ints.data(), v, c.count * 8);
      break;
    case ColumnType::kFloat64:
      c.doubles.resize(c.count);
      if (c.count) std::memcpy(c.doubles.data(), v, c.count * 8);
      break;
    case ColumnType::kBool:
      c.ints.resize(c.count);
      for (uint64_t i = 0; i < c.count; ++i) c.ints[i] = v[i] != 0;
      break;
    case ColumnType::kString: {
      c.offsets.resize(c.count + 1);
      std::memcpy(c.offsets.data(), v, (c.count + 1) * 8);
      const uint64_t nbytes = payload - fixed;
      uint64_t prev = 0;
      for (uint64_t o : c.offsets) {
        if (o < prev || o > nbytes) return Internal("corrupt column file (offsets): " + path);
        prev = o;
      }
      c.bytes.assign(data, fixed, nbytes);
      break;
    }
  }
  return c;
}

}  // namespace cairn::datasets
