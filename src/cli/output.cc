#include "cli/output.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "cli/text.h"

namespace cairn::cli {
namespace {

constexpr size_t kMinShrunkWidth = 8;
constexpr size_t kColumnGap = 2;

size_t TerminalWidth() {
  if (::isatty(STDOUT_FILENO)) {
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  }
  if (const char* c = std::getenv("COLUMNS")) {
    int n = std::atoi(c);
    if (n > 0) return static_cast<size_t>(n);
  }
  return 0;
}

bool ColorAllowed(int fd, bool no_color_flag) {
  if (no_color_flag) return false;
  if (const char* nc = std::getenv("NO_COLOR"); nc && *nc) return false;
  if (const char* term = std::getenv("TERM"); term && std::string_view(term) == "dumb") {
    return false;
  }
  return ::isatty(fd) != 0;
}

std::string Pad(const std::string& s, size_t width, bool right) {
  size_t w = DisplayWidth(s);
  if (w >= width) return s;
  std::string fill(width - w, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

Style StyleFor(std::string_view w) {
  for (std::string_view g : {"completed", "active", "approved", "pass", "passed", "healthy",
                             "production", "low", "true", "ok", "done"}) {
    if (w == g) return Style::kGreen;
  }
  for (std::string_view r : {"failed", "fail", "rejected", "critical", "unhealthy", "killed",
                             "terminated", "high", "error"}) {
    if (w == r) return Style::kRed;
  }
  for (std::string_view y : {"running", "pending", "pending_review", "queued", "validating",
                             "deploying", "rollback", "degraded", "medium", "staging", "draft"}) {
    if (w == y) return Style::kYellow;
  }
  for (std::string_view d : {"archived", "deprecated", "unknown", "none", "-"}) {
    if (w == d) return Style::kDim;
  }
  return Style::kPlain;
}

std::string Paint(std::string_view text, Style style) {
  const char* code = nullptr;
  switch (style) {
    case Style::kPlain:
      return std::string(text);
    case Style::kBold:
      code = "1";
      break;
    case Style::kDim:
      code = "2";
      break;
    case Style::kGreen:
      code = "32";
      break;
    case Style::kYellow:
      code = "33";
      break;
    case Style::kRed:
      code = "31";
      break;
    case Style::kCyan:
      code = "36";
      break;
  }
  return std::string("\x1b[") + code + "m" + std::string(text) + "\x1b[0m";
}

void Table::Add(std::vector<Cell> row) {
  row.resize(columns_.size());
  for (auto& c : row) c.text = OneLine(c.text);
  rows_.push_back(std::move(row));
}

std::string Table::Render(size_t width, bool color) const {
  const size_t n = columns_.size();
  std::vector<size_t> w(n, 0), floor(n, 0);
  for (size_t i = 0; i < n; ++i) {
    w[i] = DisplayWidth(columns_[i].header);
    for (const auto& r : rows_) w[i] = std::max(w[i], DisplayWidth(r[i].text));
    // Numbers (right-aligned) are never cut: a truncated number is a wrong number.
    floor[i] = columns_[i].shrinkable && !columns_[i].right
                   ? std::min(w[i], std::max(DisplayWidth(columns_[i].header), kMinShrunkWidth))
                   : w[i];
  }
  if (width > 0 && n > 0) {
    size_t total = (n - 1) * kColumnGap;
    for (size_t x : w) total += x;
    while (total > width) {
      // Shrink the widest column that still can.
      size_t best = n;
      for (size_t i = 0; i < n; ++i) {
        if (w[i] > floor[i] && (best == n || w[i] > w[best])) best = i;
      }
      if (best == n) break;
      --w[best];
      --total;
    }
  }
  std::string out;
  auto line = [&](const std::vector<Cell>& cells, bool header) {
    std::string l;
    for (size_t i = 0; i < n; ++i) {
      std::string text = Truncate(cells[i].text, w[i]);
      bool last = i + 1 == n;
      std::string padded = last && !columns_[i].right ? text : Pad(text, w[i], columns_[i].right);
      Style s = header ? Style::kBold : cells[i].style;
      l += color && s != Style::kPlain ? Paint(padded, s) : padded;
      if (!last) l += std::string(kColumnGap, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  std::vector<Cell> header;
  for (const auto& c : columns_) header.emplace_back(c.header);
  line(header, true);
  for (const auto& r : rows_) line(r, false);
  return out;
}

Output::Output(Options options, std::ostream& out, std::ostream& err)
    : options_(std::move(options)), out_(out), err_(err) {}

Result<Output::Options> Output::Detect(std::optional<std::string> output_flag, bool json_flag,
                                       bool no_color_flag) {
  Options o;
  if (json_flag) o.format = Format::kJson;
  if (output_flag) {
    const std::string& f = *output_flag;
    if (f == "json") {
      o.format = Format::kJson;
    } else if (f == "table") {
      o.format = json_flag ? Format::kJson : Format::kTable;
    } else if (f.starts_with("jsonpath=")) {
      ASSIGN_OR_RETURN(auto t, JsonPathTemplate::Parse(f.substr(9)));
      o.jsonpath = std::move(t);
      o.format = Format::kJsonPath;
    } else {
      return InvalidArgument("unknown output format '" + f +
                             "' (expected table, json or jsonpath=TEMPLATE)");
    }
  }
  o.color_out = ColorAllowed(STDOUT_FILENO, no_color_flag);
  o.color_err = ColorAllowed(STDERR_FILENO, no_color_flag);
  o.interactive_err = ::isatty(STDERR_FILENO) != 0;
  o.width = TerminalWidth();
  return o;
}

std::string Output::Paint(std::string_view text, Style style) const {
  return options_.color_out ? cli::Paint(text, style) : std::string(text);
}

void Output::Emit(const std::string& raw, const boost::json::value& parsed,
                  const std::function<void(const boost::json::value&)>& render) {
  switch (options_.format) {
    case Format::kJson:
      out_ << raw;
      if (!raw.empty() && raw.back() != '\n') out_ << "\n";
      return;
    case Format::kJsonPath: {
      std::string s = options_.jsonpath->Render(parsed);
      out_ << s;
      if (!s.empty() && s.back() != '\n') out_ << "\n";
      return;
    }
    case Format::kTable:
      render(parsed);
      return;
  }
}

void Output::PrintTable(const Table& table) { out_ << table.Render(options_.width, color()); }

void Output::PrintFields(const std::vector<std::pair<std::string, Cell>>& fields) {
  size_t width = 0;
  for (const auto& [k, v] : fields) width = std::max(width, DisplayWidth(k));
  for (const auto& [k, v] : fields) {
    std::string key = k + ":" + std::string(width - DisplayWidth(k) + 2, ' ');
    std::string value = OneLine(v.text);
    if (options_.width > 0 && options_.width > key.size() + 10) {
      value = Truncate(value, options_.width - key.size());
    }
    out_ << Paint(key, Style::kDim) << Paint(value, v.style) << "\n";
  }
}

void Output::Heading(std::string_view title) { out_ << "\n" << Paint(title, Style::kBold) << "\n"; }

void Output::Hint(std::string_view text) {
  err_ << (options_.color_err ? cli::Paint(text, Style::kDim) : std::string(text)) << "\n";
}

void Output::Error(const Status& status) {
  std::string label = options_.color_err ? cli::Paint("error:", Style::kRed) : "error:";
  err_ << label << " " << status.message() << "\n";
  for (const auto& e : status.errors()) {
    err_ << "  - " << (e.field.empty() ? "" : e.field + ": ") << e.message << "\n";
  }
}

}  // namespace cairn::cli
