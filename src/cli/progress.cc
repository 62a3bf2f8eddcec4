#include "cli/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "cli/text.h"

namespace cairn::cli {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
constexpr size_t kMaxBarWidth = 30;

size_t StderrWidth() {
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

}  // namespace

ProgressBar::ProgressBar(std::ostream& err, std::string label, bool enabled)
    : err_(err),
      label_(std::move(label)),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { Finish(); }

std::string ProgressBar::Line(const std::string& label, uint64_t done, uint64_t total, double rate,
                              size_t bar_width) {
  double frac = total ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 1;
  size_t full = static_cast<size_t>(frac * static_cast<double>(bar_width));
  std::string bar;
  for (size_t i = 0; i < bar_width; ++i) bar += i < full ? "█" : "░";
  char pct[8];
  std::snprintf(pct, sizeof pct, "%3d%%", static_cast<int>(frac * 100));
  std::string line =
      label + "  [" + bar + "]  " + pct + "  " + FormatBytes(done) + " / " + FormatBytes(total);
  if (rate > 0) line += "  " + FormatBytes(static_cast<uint64_t>(rate)) + "/s";
  return line;
}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0.05 ? static_cast<double>(done) / secs : 0;
  size_t width = StderrWidth();
  // Room for the label and the figures; the bar takes what is left, up to kMaxBarWidth.
  size_t fixed = DisplayWidth(label_) + 48;
  size_t bar = width > fixed + 5 ? std::min(kMaxBarWidth, width - fixed) : 5;
  std::string line = Truncate(Line(label_, done, total, rate, bar), width - 1);
  err_ << "\r\x1b[2K" << line << std::flush;
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (!enabled_ || !drawn_) return;
  err_ << "\r\x1b[2K" << std::flush;
  drawn_ = false;
}

}  // namespace cairn::cli
