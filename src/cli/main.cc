// The `cairn` command: the server (`serve`, `db upgrade`) and the client for every domain.
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "cli/bootstrap_commands.h"
#include "cli/commands.h"
#include "cli/context.h"

namespace {

using cairn::cli::Command;

void PrintHelp(std::ostream& out, const Command& c, const std::vector<std::string>& path) {
  out << cairn::cli::HelpText(c, path);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // A peer closing a socket must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  Command root = cairn::cli::RootCommand();
  root.children.push_back(cairn::cli::CompletionCommand(root));

  if (args.empty()) {
    PrintHelp(std::cerr, root, {"cairn"});
    return cairn::cli::kExitUsage;
  }
  if (args[0] == "--version") args[0] = "version";
  if (cairn::cli::IsBootstrapCommand(args)) return cairn::cli::RunBootstrapCommand(args);
  if (args[0] == "help") {
    // `cairn help runs ls` = `cairn runs ls --help`.
    args.erase(args.begin());
    args.push_back("--help");
  }

  auto parsed = cairn::cli::Parse(root, args);
  if (!parsed.ok()) {
    std::cerr << "cairn: " << parsed.status().message() << "\nRun 'cairn --help' for usage.\n";
    return cairn::cli::kExitUsage;
  }
  if (parsed->help && !parsed->command->passthrough) {
    PrintHelp(std::cout, *parsed->command, parsed->path);
    return cairn::cli::kExitOk;
  }

  auto flag = [&](const char* name) -> std::optional<std::string> {
    auto it = parsed->flags.find(name);
    if (it == parsed->flags.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
  };
  auto options = cairn::cli::Output::Detect(flag("output"), parsed->flags.count("json") > 0,
                                            parsed->flags.count("no-color") > 0);
  if (!options.ok()) {
    std::cerr << "cairn: " << options.status().message() << "\n";
    return cairn::cli::kExitUsage;
  }
  cairn::cli::Output out(std::move(*options), std::cout, std::cerr);
  cairn::cli::Overrides overrides{flag("profile"), flag("url"), flag("token"), flag("user"),
                                  flag("ca-file")};
  cairn::cli::Context ctx(out, cairn::cli::ProcessEnvironment(), overrides);
  cairn::cli::Invocation inv(std::move(*parsed), ctx);
  int rc = inv.command().run(inv);
  std::cout.flush();
  return rc;
}
