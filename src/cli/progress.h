// ProgressBar: one self-redrawing line on stderr for long uploads, shown only when stderr is a
// terminal:  data.csv  [██████████░░░░░░░░░░]  52%  12.3 MiB / 23.6 MiB  8.1 MiB/s
// Redraws at most ten times a second; Finish() clears the line. Thread-compatible.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace cairn::cli {

class ProgressBar {
 public:
  // A disabled bar draws nothing.
  ProgressBar(std::ostream& err, std::string label, bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void Update(uint64_t done, uint64_t total);
  void Finish();

  // The line for a state (for tests): label, bar of `bar_width` cells, percent, sizes, rate.
  static std::string Line(const std::string& label, uint64_t done, uint64_t total,
                          double bytes_per_second, size_t bar_width);

 private:
  std::ostream& err_;
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace cairn::cli
