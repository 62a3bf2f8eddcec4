// Output for people and for scripts.
//
// Output decides, once per process, how replies are printed: a table (the default, sized to the
// terminal), the server's JSON exactly as received (--json / -o json), or fields selected by a
// JSONPath template (-o jsonpath=…). Colour is used only when the stream is a terminal, NO_COLOR
// is unset, TERM is not "dumb" and --no-color was not given. Errors and hints go to stderr.
// Thread-compatible (one per process).
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/jsonpath.h"
#include "common/status.h"

namespace cairn::cli {

enum class Style { kPlain, kBold, kDim, kGreen, kYellow, kRed, kCyan };

// The colour a status-like word gets: completed/active/approved/pass → green,
// failed/rejected/fail/critical → red, running/pending/… → yellow.
Style StyleFor(std::string_view word);

// Wraps text in the ANSI sequence for a style.
std::string Paint(std::string_view text, Style style);

struct Cell {
  Cell() = default;
  Cell(std::string t, Style s = Style::kPlain) : text(std::move(t)), style(s) {}  // NOLINT
  Cell(const char* t) : text(t) {}                                                // NOLINT
  std::string text;
  Style style = Style::kPlain;
};

class Table {
 public:
  struct Column {
    std::string header;
    bool right = false;      // right-aligned (numbers)
    bool shrinkable = true;  // may be truncated to fit the terminal
  };
  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

  void Add(std::vector<Cell> row);
  size_t size() const { return rows_.size(); }

  // Column widths fit `width` (0 = no limit) by truncating the widest shrinkable text columns
  // first (never below their header or 8 columns; right-aligned numbers are never cut, so a
  // table of many numbers may stay wider); two spaces between columns; no trailing spaces.
  std::string Render(size_t width, bool color) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<Cell>> rows_;
};

enum class Format { kTable, kJson, kJsonPath };

class Output {
 public:
  struct Options {
    Format format = Format::kTable;
    std::optional<JsonPathTemplate> jsonpath;
    bool color_out = false;
    bool color_err = false;
    size_t width = 0;              // 0 = unlimited
    bool interactive_err = false;  // stderr is a terminal (progress bars)
  };
  Output(Options options, std::ostream& out, std::ostream& err);

  // Parses -o/--json and looks at the terminal. Errors: InvalidArgument for an unknown format or
  // a bad template.
  static Result<Options> Detect(std::optional<std::string> output_flag, bool json_flag,
                                bool no_color_flag);

  Format format() const { return options_.format; }
  bool for_people() const { return options_.format == Format::kTable; }
  bool color() const { return options_.color_out; }
  size_t width() const { return options_.width; }
  bool interactive_err() const { return options_.interactive_err; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

  std::string Paint(std::string_view text, Style style) const;

  // Prints a reply: the raw body (--json), the template's selection (jsonpath) or, for people,
  // whatever `render` prints. `render` gets the parsed body.
  void Emit(const std::string& raw, const boost::json::value& parsed,
            const std::function<void(const boost::json::value&)>& render);

  void PrintTable(const Table& table);
  // Aligned "key  value" lines.
  void PrintFields(const std::vector<std::pair<std::string, Cell>>& fields);
  // A blank line and a bold heading.
  void Heading(std::string_view title);
  // A dim hint on stderr (e.g. how to fetch the next page).
  void Hint(std::string_view text);
  // An error on stderr: "error: <message>" and one line per field error.
  void Error(const Status& status);

 private:
  Options options_;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace cairn::cli
