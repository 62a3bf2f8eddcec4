#include "storage/sql_database.h"

namespace cairn::storage {
namespace {

template <typename T>
const T* Get(const std::vector<Value>& cells, size_t i) {
  if (i >= cells.size()) return nullptr;
  return std::get_if<T>(&cells[i]);
}

}  // namespace

bool Row::IsNull(size_t i) const {
  return i >= cells_.size() || std::holds_alternative<std::monostate>(cells_[i]);
}

int64_t Row::Int(size_t i) const {
  if (const auto* v = Get<int64_t>(cells_, i)) return *v;
  return 0;
}

double Row::Double(size_t i) const {
  if (const auto* v = Get<double>(cells_, i)) return *v;
  // SQLite stores a REAL that has an integral value as INTEGER when the column has INTEGER
  // affinity, and SUM/MAX over integers yield integers: widen rather than lose the value.
  if (const auto* v = Get<int64_t>(cells_, i)) return static_cast<double>(*v);
  return 0.0;
}

std::string Row::Text(size_t i) const {
  if (const auto* v = Get<std::string>(cells_, i)) return *v;
  return std::string();
}

const std::string& Row::BlobBytes(size_t i) const {
  static const std::string kEmpty;
  if (const auto* v = Get<Blob>(cells_, i)) return v->bytes;
  return kEmpty;
}

std::optional<std::string> Row::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

std::optional<int64_t> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

}  // namespace cairn::storage
