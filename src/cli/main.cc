// The `cairn` command: `serve`, `db upgrade`, `--version`, `help`.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "common/log.h"
#include "server/app.h"
#include "server/config.h"
#include "storage/store_factory.h"

namespace {

constexpr const char* kVersion = CAIRN_VERSION;

void PrintHelp() {
  std::cout << "cairn " << kVersion << " — self-hosted MLOps platform\n\n"
            << "usage: cairn <command> [options]\n\n"
            << "commands:\n"
            << "  serve        run the HTTP server (see `cairn serve --help`)\n"
            << "  db upgrade   apply pending schema migrations (see `cairn db upgrade --help`)\n"
            << "  help         show this help\n\n"
            << "options:\n"
            << "  --version    print the version\n"
            << "  --help       show help (also after any command)\n";
}

bool WantsHelp(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

int Serve(const std::vector<std::string>& args) {
  if (WantsHelp(args)) {
    std::cout << cairn::server::ServeUsage();
    return 0;
  }
  auto config = cairn::server::LoadConfig(args, cairn::server::ProcessEnv());
  if (!config.ok()) {
    std::cerr << "cairn serve: " << config.status().message() << "\n"
              << cairn::server::ServeUsage();
    return 2;
  }
  auto app = cairn::server::App::Create(*config);
  if (!app.ok()) {
    std::cerr << "cairn serve: " << app.status().message() << "\n";
    return 1;
  }
  if (cairn::Status st = (*app)->Start(); !st.ok()) {
    std::cerr << "cairn serve: " << st.message() << "\n";
    return 1;
  }
  std::printf("listening on http://%s:%u\n", config->host.c_str(),
              static_cast<unsigned>((*app)->port()));
  std::fflush(stdout);
  cairn::log::Info("cairn " + std::string(kVersion) + " serving with storage " +
                   config->storage.substr(0, config->storage.find(':')) + " and data dir " +
                   config->data_dir);
  (*app)->RunUntilSignal();
  cairn::log::Info("shut down cleanly");
  return 0;
}

int DbUpgrade(const std::vector<std::string>& args) {
  if (WantsHelp(args)) {
    std::cout << "usage: cairn db upgrade [--storage URI] [--data-dir DIR] [--config FILE]\n"
              << "Applies every pending migration to the database (default "
                 "sqlite://./cairn-data/cairn.db).\n";
    return 0;
  }
  auto config = cairn::server::LoadConfig(args, cairn::server::ProcessEnv());
  if (!config.ok()) {
    std::cerr << "cairn db upgrade: " << config.status().message() << "\n";
    return 2;
  }
  cairn::storage::OpenOptions open;
  open.upgrade = true;
  open.pool_size = 1;
  auto db = cairn::storage::OpenDatabase(config->storage, open);
  if (!db.ok()) {
    std::cerr << "cairn db upgrade: " << db.status().message() << "\n";
    return 1;
  }
  (*db)->Close();
  std::cout << "database is up to date\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // A peer closing a socket must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    PrintHelp();
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::cout << "cairn " << kVersion << "\n";
    return 0;
  }
  if (args[0] == "serve") return Serve({args.begin() + 1, args.end()});
  if (args[0] == "db") {
    if (args.size() >= 2 && args[1] == "upgrade") return DbUpgrade({args.begin() + 2, args.end()});
    if (args.size() >= 2 && (args[1] == "--help" || args[1] == "-h")) {
      std::cout << "usage: cairn db upgrade [options]\n";
      return 0;
    }
    std::cerr << "cairn db: expected `upgrade`\n";
    return 2;
  }
  std::cerr << "cairn: unknown command '" << args[0] << "'\n";
  PrintHelp();
  return 2;
}
