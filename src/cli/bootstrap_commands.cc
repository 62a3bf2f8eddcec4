#include "cli/bootstrap_commands.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "audit/sql_audit_store.h"
#include "auth/auth_service.h"
#include "auth/duration.h"
#include "auth/sql_auth_store.h"
#include "common/time.h"
#include "server/config.h"
#include "storage/store_factory.h"

namespace cairn::cli {
namespace {

constexpr const char* kUserUsage =
    "usage: cairn user create NAME --role viewer|editor|approver|admin [--display-name TEXT]\n"
    "                         [--password-stdin] --storage URI | --data-dir DIR | --config FILE\n"
    "Works on the storage directly (the server may be running); without one of those flags the\n"
    "command calls the server's API instead. The password is read from a prompt (echo off), or\n"
    "from the first line of stdin when it is not a terminal.\n";
constexpr const char* kTokenUsage =
    "usage: cairn token create --user NAME --name TOKEN_NAME [--role ROLE]\n"
    "                          [--expires 90d|12h|never]\n"
    "                          --storage URI | --data-dir DIR | --config FILE\n"
    "Works on the storage directly; without one of those flags the command calls the server's\n"
    "API instead (and the owner is --owner). Prints the token's secret once on stdout (it is\n"
    "stored only as a SHA-256 digest). The role defaults to the user's; --expires to 90d.\n";

// Options this command reads itself; everything else goes to the server's config loader
// (--storage, --data-dir, --config, --password-hash-cost).
struct Parsed {
  std::optional<std::string> positional;
  std::optional<std::string> role, display_name, user, name, expires;
  bool password_stdin = false;
  std::vector<std::string> rest;
  std::string error;
};

Parsed Parse(const std::vector<std::string>& args) {
  Parsed p;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::optional<std::string> inline_value;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    std::optional<std::string>* target = nullptr;
    if (arg == "--role") target = &p.role;
    if (arg == "--display-name") target = &p.display_name;
    if (arg == "--user") target = &p.user;
    if (arg == "--name") target = &p.name;
    if (arg == "--expires") target = &p.expires;
    if (arg == "--password-stdin" && !inline_value) {
      p.password_stdin = true;  // a flag without a value: the next argument is not its value
      continue;
    }
    if (target != nullptr) {
      if (!inline_value && i + 1 >= args.size()) {
        p.error = arg + " needs a value";
        return p;
      }
      *target = inline_value ? *inline_value : args[++i];
      continue;
    }
    if (arg.rfind("--", 0) == 0) {
      p.rest.push_back(args[i]);
      if (!inline_value && i + 1 < args.size()) p.rest.push_back(args[++i]);
      continue;
    }
    if (p.positional) {
      p.error = "unexpected argument '" + arg + "'";
      return p;
    }
    p.positional = arg;
  }
  return p;
}

// Reads a password: from the terminal with echo off, else (or with --password-stdin) the first
// line of stdin.
std::optional<std::string> ReadPassword(bool from_stdin) {
  std::string password;
  if (from_stdin || !::isatty(STDIN_FILENO)) {
    if (!std::getline(std::cin, password)) return std::nullopt;
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
  }
  termios old{};
  if (::tcgetattr(STDIN_FILENO, &old) != 0) return std::nullopt;
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  auto prompt = [&](const char* text, std::string& out) {
    std::cerr << text << std::flush;
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    bool ok = static_cast<bool>(std::getline(std::cin, out));
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
    return ok;
  };
  std::string again;
  if (!prompt("Password: ", password) || !prompt("Repeat password: ", again)) return std::nullopt;
  if (password != again) {
    std::cerr << "the passwords differ\n";
    return std::nullopt;
  }
  return password;
}

// The storage and an AuthService on it, for one command.
struct Backend {
  std::unique_ptr<storage::SqlDatabase> db;
  std::unique_ptr<audit::SqlAuditStore> audit;
  std::unique_ptr<auth::AuthService> service;

  ~Backend() {
    if (service) service->Stop();
    service.reset();
    if (db) db->Close();
  }
};

Result<std::unique_ptr<Backend>> Open(const std::vector<std::string>& config_args) {
  ASSIGN_OR_RETURN(server::Config config, server::LoadConfig(config_args, server::ProcessEnv()));
  storage::OpenOptions open;
  open.pool_size = 2;
  auto backend = std::make_unique<Backend>();
  ASSIGN_OR_RETURN(backend->db, storage::OpenDatabase(config.storage, open));
  backend->audit = std::make_unique<audit::SqlAuditStore>(*backend->db);
  auth::AuthOptions options;
  options.scrypt.log2_n = config.password_hash_cost;
  backend->service = std::make_unique<auth::AuthService>(
      std::make_unique<auth::SqlAuthStore>(*backend->db), *backend->audit, options);
  return backend;
}

Principal CliPrincipal() {
  return Principal{std::string(auth::kCliActor), Role::kAdmin, AuthMethod::kNone, {}, {}};
}

int UserCreate(const std::vector<std::string>& args) {
  Parsed p = Parse(args);
  if (!p.error.empty() || !p.positional || !p.role) {
    std::cerr << "cairn user create: "
              << (p.error.empty() ? "NAME and --role are required" : p.error) << "\n"
              << kUserUsage;
    return 2;
  }
  auto role = ParseRole(*p.role);
  if (!role) {
    std::cerr << "cairn user create: --role must be viewer, editor, approver or admin\n";
    return 2;
  }
  auto backend = Open(p.rest);
  if (!backend.ok()) {
    std::cerr << "cairn user create: " << backend.status().message() << "\n";
    return 1;
  }
  auto password = ReadPassword(p.password_stdin);
  if (!password) {
    std::cerr << "cairn user create: no password given\n";
    return 1;
  }
  auth::CreateUserRequest request;
  request.name = *p.positional;
  request.display_name = p.display_name.value_or("");
  request.role = role;
  request.password = std::move(*password);
  auto user = (*backend)->service->CreateUser(request, std::string(auth::kCliActor));
  if (!user.ok()) {
    std::cerr << "cairn user create: " << user.status().message() << "\n";
    return 1;
  }
  std::cout << "created user " << user->name << " (role " << RoleName(user->role) << ")\n";
  return 0;
}

int TokenCreate(const std::vector<std::string>& args) {
  Parsed p = Parse(args);
  if (!p.error.empty() || p.positional || !p.user || !p.name) {
    std::cerr << "cairn token create: "
              << (p.error.empty() ? "--user and --name are required" : p.error) << "\n"
              << kTokenUsage;
    return 2;
  }
  auth::CreateTokenRequest request;
  request.user = *p.user;
  request.name = *p.name;
  if (p.role) {
    request.role = ParseRole(*p.role);
    if (!request.role) {
      std::cerr << "cairn token create: --role must be viewer, editor, approver or admin\n";
      return 2;
    }
  }
  if (p.expires) {
    if (*p.expires == "never") {
      request.never_expires = true;
    } else if (auto ms = auth::ParseDuration(*p.expires)) {
      request.expires_in_ms = *ms;
    } else {
      std::cerr << "cairn token create: --expires must be a duration such as 90d, 12h or never\n";
      return 2;
    }
  }
  auto backend = Open(p.rest);
  if (!backend.ok()) {
    std::cerr << "cairn token create: " << backend.status().message() << "\n";
    return 1;
  }
  auto created = (*backend)->service->CreateToken(request, CliPrincipal());
  if (!created.ok()) {
    std::cerr << "cairn token create: " << created.status().message() << "\n";
    return 1;
  }
  const auth::Token& t = created->token;
  std::cerr << "token " << t.id << " '" << t.name << "' for " << t.user_name << " (role "
            << RoleName(t.role) << ", "
            << (t.expires_at ? "expires " + FormatRfc3339(*t.expires_at) : "never expires")
            << "); the secret below is shown only now:\n";
  std::cout << created->secret << "\n" << std::flush;
  return 0;
}

}  // namespace

bool IsBootstrapCommand(const std::vector<std::string>& args) {
  if (args.size() < 2 || args[1] != "create") return false;
  if (args[0] != "user" && args[0] != "users" && args[0] != "token" && args[0] != "tokens") {
    return false;
  }
  for (const std::string& a : args) {
    for (const char* flag : {"--storage", "--data-dir", "--config"}) {
      std::string_view f(flag);
      if (a == f || (a.size() > f.size() && a.compare(0, f.size(), f) == 0 && a[f.size()] == '=')) {
        return true;
      }
    }
  }
  return false;
}

int RunBootstrapCommand(const std::vector<std::string>& args) {
  const bool user = !args.empty() && (args[0] == "user" || args[0] == "users");
  const char* usage = user ? kUserUsage : kTokenUsage;
  if (args.size() < 2 || args[1] == "--help" || args[1] == "-h" || args[1] == "help") {
    std::cout << usage;
    return args.size() < 2 ? 2 : 0;
  }
  std::vector<std::string> rest(args.begin() + 2, args.end());
  for (const auto& a : rest) {
    if (a == "--help" || a == "-h") {
      std::cout << usage;
      return 0;
    }
  }
  if (args[1] != "create") {
    std::cerr << "cairn " << args[0] << ": unknown subcommand '" << args[1] << "'\n" << usage;
    return 2;
  }
  return user ? UserCreate(rest) : TokenCreate(rest);
}

}  // namespace cairn::cli
