// cairn serve, cairn db upgrade, cairn version: the local commands that run the server or touch
// its storage directly. Their flags are the server's (server/config.h), passed through as is.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "common/log.h"
#include "server/app.h"
#include "server/config.h"
#include "storage/store_factory.h"

namespace cairn::cli {
namespace {

constexpr const char* kVersion = CAIRN_VERSION;

int Serve(Invocation& inv) {
  const std::vector<std::string>& args = inv.passthrough();
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << cairn::server::ServeUsage();
      return 0;
    }
  }
  auto config = cairn::server::LoadConfig(args, cairn::server::ProcessEnv());
  if (!config.ok()) {
    std::cerr << "cairn serve: " << config.status().message() << "\n"
              << cairn::server::ServeUsage();
    return kExitUsage;
  }
  auto app = cairn::server::App::Create(*config);
  if (!app.ok()) {
    std::cerr << "cairn serve: " << app.status().message() << "\n";
    return kExitServer;
  }
  if (cairn::Status st = (*app)->Start(); !st.ok()) {
    std::cerr << "cairn serve: " << st.message() << "\n";
    return kExitServer;
  }
  std::printf("listening on http://%s:%u\n", config->host.c_str(),
              static_cast<unsigned>((*app)->port()));
  std::fflush(stdout);
  cairn::log::Info("cairn " + std::string(kVersion) + " serving with storage " +
                   config->storage.substr(0, config->storage.find(':')) + " and data dir " +
                   config->data_dir);
  (*app)->RunUntilSignal();
  cairn::log::Info("shut down cleanly");
  return kExitOk;
}

int DbUpgrade(Invocation& inv) {
  const std::vector<std::string>& args = inv.passthrough();
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << "usage: cairn db upgrade [--storage URI] [--data-dir DIR] [--config FILE]\n"
                << "Applies every pending migration to the database (default "
                   "sqlite://./cairn-data/cairn.db).\n";
      return 0;
    }
  }
  auto config = cairn::server::LoadConfig(args, cairn::server::ProcessEnv());
  if (!config.ok()) {
    std::cerr << "cairn db upgrade: " << config.status().message() << "\n";
    return kExitUsage;
  }
  cairn::storage::OpenOptions open;
  open.upgrade = true;
  open.pool_size = 1;
  auto db = cairn::storage::OpenDatabase(config->storage, open);
  if (!db.ok()) {
    std::cerr << "cairn db upgrade: " << db.status().message() << "\n";
    return kExitServer;
  }
  (*db)->Close();
  std::cout << "database is up to date\n";
  return kExitOk;
}

int Version(Invocation&) {
  std::cout << "cairn " << kVersion << "\n";
  return kExitOk;
}

}  // namespace

Command ServeCommand() {
  return {.name = "serve",
          .summary = "Run the HTTP server (see `cairn serve --help`)",
          .examples = {"cairn serve --port 8500 --data-dir ./cairn-data"},
          .run = Serve,
          .passthrough = true};
}

Command DbCommand() {
  Command db{.name = "db", .summary = "Database maintenance"};
  db.children.push_back({.name = "upgrade",
                         .summary = "Apply pending schema migrations (see `cairn db upgrade "
                                    "--help`)",
                         .examples = {"cairn db upgrade --storage sqlite://./cairn-data/cairn.db"},
                         .run = DbUpgrade,
                         .passthrough = true});
  return db;
}

Command VersionCommand() {
  return {.name = "version",
          .summary = "Print the version",
          .examples = {"cairn version"},
          .run = Version};
}

}  // namespace cairn::cli
