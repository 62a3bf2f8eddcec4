#include "tracking/metric_block.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace cairn::tracking {
namespace {

// Little-endian fixed-width integers.
template <typename U>
void PutLE(char* p, U v) {
  for (size_t i = 0; i < sizeof(U); ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

template <typename U>
U GetLE(const char* p) {
  U v = 0;
  for (size_t i = sizeof(U); i-- > 0;)
    v = static_cast<U>((v << 8) | static_cast<unsigned char>(p[i]));
  return v;
}

void PutPoint(char* p, const MetricPoint& pt) {
  PutLE<uint64_t>(p, static_cast<uint64_t>(pt.step));
  PutLE<uint64_t>(p + 8, static_cast<uint64_t>(pt.timestamp));
  PutLE<uint64_t>(p + 16, std::bit_cast<uint64_t>(pt.value));
}

MetricPoint GetPoint(const char* p) {
  return MetricPoint{static_cast<int64_t>(GetLE<uint64_t>(p)),
                     static_cast<int64_t>(GetLE<uint64_t>(p + 8)),
                     std::bit_cast<double>(GetLE<uint64_t>(p + 16))};
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

std::span<const MetricPoint> InStepOrder(std::span<const MetricPoint> points,
                                         std::vector<MetricPoint>& scratch) {
  auto by_step = [](const MetricPoint& a, const MetricPoint& b) { return a.step < b.step; };
  if (std::is_sorted(points.begin(), points.end(), by_step)) return points;
  scratch.assign(points.begin(), points.end());
  std::stable_sort(scratch.begin(), scratch.end(), by_step);
  return scratch;
}

std::optional<std::string> EncodeMetricChunkSummaries(std::span<const MetricPoint> sorted) {
  for (const auto& p : sorted)
    if (std::isnan(p.value)) return std::nullopt;
  const size_t chunks = (sorted.size() + kMetricChunkPoints - 1) / kMetricChunkPoints;
  std::string out(chunks * kMetricChunkSummaryBytes, '\0');
  char* p = out.data();
  for (size_t i = 0; i < sorted.size(); i += kMetricChunkPoints, p += kMetricChunkSummaryBytes) {
    const MetricChunkSummary c =
        SummarizeChunk(sorted.subspan(i, std::min(kMetricChunkPoints, sorted.size() - i)));
    PutLE<uint32_t>(p, c.count);
    PutLE<uint32_t>(p + 4, c.min_offset);
    PutLE<uint32_t>(p + 8, c.max_offset);
    PutPoint(p + 16, c.first);
    PutPoint(p + 40, c.last);
    PutPoint(p + 64, c.min);
    PutPoint(p + 88, c.max);
  }
  return out;
}

Status DecodeMetricChunkSummaries(std::string_view bytes, int64_t expected_n,
                                  std::vector<MetricChunkSummary>& out) {
  if (bytes.size() % kMetricChunkSummaryBytes != 0)
    return Internal("corrupt metric block summary: " + std::to_string(bytes.size()) + " bytes");
  int64_t total = 0;
  for (const char* p = bytes.data(); p < bytes.data() + bytes.size();
       p += kMetricChunkSummaryBytes) {
    MetricChunkSummary c;
    c.count = GetLE<uint32_t>(p);
    c.min_offset = GetLE<uint32_t>(p + 4);
    c.max_offset = GetLE<uint32_t>(p + 8);
    if (c.count == 0 || c.min_offset >= c.count || c.max_offset >= c.count)
      return Internal("corrupt metric block summary: bad chunk");
    c.first = GetPoint(p + 16);
    c.last = GetPoint(p + 40);
    c.min = GetPoint(p + 64);
    c.max = GetPoint(p + 88);
    total += c.count;
    out.push_back(c);
  }
  if (total != expected_n)
    return Internal("corrupt metric block summary: " + std::to_string(total) + " points for " +
                    std::to_string(expected_n));
  return Status::Ok();
}

}  // namespace cairn::tracking
