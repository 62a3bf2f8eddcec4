// The command framework behind `cairn <noun> <verb>`: a tree of Commands, each declaring its
// positional arguments, flags, help text and examples; a parser that turns argv into an
// Invocation for the chosen leaf. Help pages and shell completion are generated from the tree.
//
// Global flags (--profile, --url, --json, -o …) are accepted anywhere on the line. A flag is
// `--name value`, `--name=value` or a switch; `-o` is the one short flag; `--` ends flags.
// Thread-compatible; the tree is built once at start-up.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cairn::cli {

// Exit codes, per class of outcome.
inline constexpr int kExitOk = 0;
inline constexpr int kExitServer = 1;    // server error, transport failure, anything unexpected
inline constexpr int kExitUsage = 2;     // bad command line, or input the server rejected (400)
inline constexpr int kExitNotFound = 3;  // 404
inline constexpr int kExitConflict = 4;  // 409 conflict, 412 revision mismatch
inline constexpr int kExitAuth = 5;      // 401, 403

// The exit code for an error status (see api.h for how HTTP statuses become codes).
[[nodiscard]] int ExitCodeFor(const Status& status);

struct Flag {
  std::string name{};        // without dashes: "order-by"
  std::string value_name{};  // "EXPR"; empty for a switch
  std::string help{};
  bool repeated = false;  // may be given several times (values are kept in order)
  char short_name = 0;
};

struct Positional {
  std::string name{};  // "ID"
  std::string help{};
  bool required = true;
  bool variadic = false;  // takes every remaining argument (last positional only)
};

class Invocation;
class Context;
struct Command;
using Handler = std::function<int(Invocation&)>;

struct Command {
  std::string name{};
  std::vector<std::string> aliases{};
  std::string summary{};  // one line, shown in the parent's command list
  std::string details{};  // optional paragraph for the help page
  std::vector<Positional> positionals{};
  std::vector<Flag> flags{};
  std::vector<std::string> examples{};  // command lines, shown under "Examples"
  Handler run{};                        // leaves only
  std::vector<Command> children{};
  std::string default_child{};  // group run without a verb runs this child
  bool passthrough = false;     // hand every argument after the name to run() unparsed
};

// What the parser found: the leaf (or a group for --help), its path and the parsed values.
struct Parsed {
  const Command* command = nullptr;
  std::vector<std::string> path;  // names from the root, e.g. {"cairn", "runs", "ls"}
  bool help = false;
  std::vector<std::string> positionals;
  std::map<std::string, std::vector<std::string>, std::less<>> flags;
  std::vector<std::string> passthrough;  // for passthrough commands
};

// The parsed command line of one leaf.
class Invocation {
 public:
  Invocation(Parsed parsed, Context& context) : parsed_(std::move(parsed)), context_(context) {}

  const Command& command() const { return *parsed_.command; }
  // "cairn runs ls"
  std::string path() const;
  Context& ctx() { return context_; }

  const std::vector<std::string>& args() const { return parsed_.positionals; }
  // Positional by index; "" when absent (optional positionals).
  const std::string& arg(size_t i) const;
  bool has(std::string_view flag) const;
  std::optional<std::string> flag(std::string_view name) const;  // last value
  std::vector<std::string> all(std::string_view name) const;     // every value, in order
  // Integer flag; InvalidArgument naming the flag when it is not an integer.
  Result<std::optional<int64_t>> int_flag(std::string_view name) const;
  Result<std::optional<double>> number_flag(std::string_view name) const;
  // `k=v` pairs from a repeated flag (or a list of positionals); InvalidArgument without '='.
  Result<std::map<std::string, std::string>> pairs(std::string_view name) const;

  // Usage error for this command: prints the message and a pointer to --help; returns 2.
  int UsageError(const std::string& message);

  const std::vector<std::string>& passthrough() const { return parsed_.passthrough; }

 private:
  Parsed parsed_;
  Context& context_;
};

// `k=v` strings to a map; InvalidArgument naming `what` for an item without '=' or with an
// empty key.
[[nodiscard]] Result<std::map<std::string, std::string>> ParsePairs(
    const std::vector<std::string>& items, std::string_view what);

// The flags every command accepts.
const std::vector<Flag>& GlobalFlags();

// Parses argv (without the program name). Errors: InvalidArgument with a message fit for the
// user (unknown command or flag, missing value, missing or extra positionals).
[[nodiscard]] Result<Parsed> Parse(const Command& root, const std::vector<std::string>& args);

// The help page of a command (`path` as in Parsed).
std::string HelpText(const Command& command, const std::vector<std::string>& path);

// Finds a child by name or alias; nullptr when there is none.
const Command* FindChild(const Command& parent, std::string_view name);

}  // namespace cairn::cli
