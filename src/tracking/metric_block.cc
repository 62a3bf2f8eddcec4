#include "tracking/metric_block.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace cairn::tracking {
namespace {

void PutU64(char* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

uint64_t GetU64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

void PutPoint(char* p, const MetricPoint& pt) {
  PutU64(p, static_cast<uint64_t>(pt.step));
  PutU64(p + 8, static_cast<uint64_t>(pt.timestamp));
  PutU64(p + 16, std::bit_cast<uint64_t>(pt.value));
}

MetricPoint GetPoint(const char* p) {
  return MetricPoint{static_cast<int64_t>(GetU64(p)), static_cast<int64_t>(GetU64(p + 8)),
                     std::bit_cast<double>(GetU64(p + 16))};
}

}  // namespace

std::string EncodeMetricBlock(std::span<const MetricPoint> points) {
  std::string out(points.size() * kMetricPointBytes, '\0');
  char* p = out.data();
  for (const auto& pt : points) {
    PutPoint(p, pt);
    p += kMetricPointBytes;
  }
  return out;
}

Status DecodeMetricBlock(std::string_view bytes, int64_t expected_n,
                         std::vector<MetricPoint>& out) {
  if (bytes.size() % kMetricPointBytes != 0 ||
      static_cast<int64_t>(bytes.size() / kMetricPointBytes) != expected_n) {
    return Internal("corrupt metric block: " + std::to_string(bytes.size()) + " bytes for " +
                    std::to_string(expected_n) + " points");
  }
  // No reserve here: reserving exactly size() + n for every block defeats geometric growth and
  // made reading B blocks cost O(B * total points).
  const char* p = bytes.data();
  for (size_t i = 0; i < bytes.size(); i += kMetricPointBytes, p += kMetricPointBytes)
    out.push_back(GetPoint(p));
  return Status::Ok();
}

}  // namespace cairn::tracking
