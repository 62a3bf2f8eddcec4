// cairn login, whoami, token ls|create|revoke, user ls|create|disable.
//
// Everything that depends on the server's identity API is in this file. The paths and fields
// below are the client's side of that contract: users and API tokens managed through an admin
// API, console-style sessions from POST /api/v1/auth/login. A server without authentication
// answers 404 on these paths; the commands then say so (and `login` stores the URL, plus a user
// name for X-Cairn-User, so the rest of the CLI works the same).
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/fields.h"
#include "cli/listing.h"
#include "common/json.h"
#include "common/time.h"

namespace cairn::cli {
namespace {

constexpr char kLoginPath[] = "/api/v1/auth/login";
constexpr char kMePath[] = "/api/v1/auth/me";
constexpr char kTokensPath[] = "/api/v1/auth/tokens";
constexpr char kUsersPath[] = "/api/v1/auth/users";
constexpr char kCsrfHeader[] = "X-CSRF-Token";
// Double submit: a session sets this readable cookie; its writes echo it in kCsrfHeader.
constexpr char kCsrfCookie[] = "cairn_csrf";

// Reads one line from the terminal without echo (or from stdin when there is no terminal).
std::optional<std::string> ReadSecret(const std::string& prompt, bool echo = false) {
  int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    return line;
  }
  if (::write(fd, prompt.data(), prompt.size()) < 0) {
    ::close(fd);
    return std::nullopt;
  }
  termios old{};
  bool restore = false;
  if (!echo && ::tcgetattr(fd, &old) == 0) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    restore = ::tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
  }
  std::string line;
  char c;
  bool got_any = false;
  while (::read(fd, &c, 1) == 1) {
    got_any = true;
    if (c == '\n' || c == '\r') break;
    line += c;
  }
  if (restore) {
    ::tcsetattr(fd, TCSAFLUSH, &old);
    [[maybe_unused]] ssize_t ignored = ::write(fd, "\n", 1);
  }
  ::close(fd);
  if (!got_any) return std::nullopt;
  return line;
}

std::optional<std::string> ReadStdinLine() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

bool IsMissingApi(const Status& s) { return s.code() == StatusCode::kNotFound; }

Status NoIdentityApi(const std::string& url) {
  return NotFound("the server at " + url + " has no identity API: it runs without " +
                  "authentication (the acting user is --user / CAIRN_USER)");
}

// "90d", "12h", "30m" -> milliseconds.
Result<int64_t> ParseExpiry(const std::string& s) {
  if (s.size() < 2) return InvalidArgument("--expires '" + s + "' must look like 90d, 12h or 30m");
  char unit = s.back();
  int64_t n = 0;
  try {
    size_t used = 0;
    n = std::stoll(s.substr(0, s.size() - 1), &used);
    if (used != s.size() - 1 || n <= 0) throw std::invalid_argument(s);
  } catch (const std::exception&) {
    return InvalidArgument("--expires '" + s + "' must look like 90d, 12h or 30m");
  }
  int64_t unit_ms = unit == 'd' ? 86400000 : unit == 'h' ? 3600000 : unit == 'm' ? 60000 : 0;
  if (!unit_ms) return InvalidArgument("--expires '" + s + "' must end in d, h or m");
  return n * unit_ms;
}

// The cookies a reply sets (as one Cookie header value) and the CSRF cookie's value.
std::pair<std::string, std::string> CookiesFrom(const Reply& r) {
  std::string cookies, csrf;
  const std::string csrf_prefix = std::string(kCsrfCookie) + "=";
  for (const auto& [k, v] : r.headers) {
    if (k.size() != 10 || (k[0] != 'S' && k[0] != 's')) continue;  // Set-Cookie
    std::string pair = v.substr(0, v.find(';'));
    if (pair.starts_with(csrf_prefix)) csrf = pair.substr(csrf_prefix.size());
    cookies += (cookies.empty() ? "" : "; ") + pair;
  }
  return {cookies, csrf};
}

// Signs in with a password and creates an API token; returns its secret.
Result<std::string> TokenFromPassword(Api& api, const std::string& url, const std::string& user,
                                      const std::string& password, const std::string& token_name,
                                      const std::optional<std::string>& expires) {
  bj::object login;
  login["user"] = user;
  login["password"] = password;
  http::ClientRequest req;
  req.method = "POST";
  req.target = kLoginPath;
  req.body = json::Serialize(login);
  req.headers = {{"Content-Type", "application/json"}, {"Origin", url}};
  auto session = api.Raw(req);
  if (!session.ok()) {
    if (IsMissingApi(session.status())) return NoIdentityApi(url);
    return session.status();
  }
  auto [cookie, csrf] = CookiesFrom(*session);
  bj::object body;
  body["name"] = token_name;
  if (expires) body["expires_in"] = *expires;
  http::ClientRequest create;
  create.method = "POST";
  create.target = kTokensPath;
  create.body = json::Serialize(body);
  create.headers = {{"Content-Type", "application/json"}, {"Origin", url}};
  if (!cookie.empty()) create.headers.emplace_back("Cookie", cookie);
  if (!csrf.empty()) create.headers.emplace_back(kCsrfHeader, csrf);
  ASSIGN_OR_RETURN(Reply token, api.Raw(create));
  std::string secret = StringField(token.json, "token");
  if (secret.empty()) return Internal("the server created a token but sent no secret");
  return secret;
}

int Login(Invocation& inv) {
  Context& ctx = inv.ctx();
  auto path = ctx.config_path();
  if (!path.ok()) return ctx.Fail(path.status());
  auto file = ctx.config_file();
  if (!file.ok()) return ctx.Fail(file.status());
  std::string profile = ctx.overrides().profile.value_or(
      ctx.env()("CAIRN_PROFILE").value_or(file->current.empty() ? kDefaultProfile : file->current));
  Profile existing;
  if (auto it = file->profiles.find(profile); it != file->profiles.end()) existing = it->second;
  Settings s;
  s.profile = profile;
  s.url = ctx.overrides().url.value_or(
      ctx.env()("CAIRN_URL").value_or(existing.url.empty() ? kDefaultUrl : existing.url));
  s.ca_file = ctx.overrides().ca_file.value_or(existing.ca_file);
  auto expires =
      inv.flag("expires") ? ParseExpiry(*inv.flag("expires")) : Result<int64_t>(int64_t{0});
  if (!expires.ok()) return inv.UsageError(expires.status().message());

  std::string token = ctx.overrides().token.value_or("");
  std::optional<std::string> user = ctx.overrides().user;
  bool interactive = ::isatty(STDIN_FILENO) != 0;
  if (token.empty() && inv.has("token-stdin")) {
    auto line = ReadStdinLine();
    if (!line || line->empty()) return inv.UsageError("no token on stdin");
    token = *line;
  }
  auto api = Api::Create(s);
  if (!api.ok()) return ctx.Fail(api.status());

  // A server without authentication has no identity API at all: there is nothing to sign in
  // to, only a name to act as (sent as X-Cairn-User).
  auto probe = (*api)->Get(kMePath);
  bool no_auth_server = !probe.ok() && IsMissingApi(probe.status());
  if (!probe.ok() && !no_auth_server && probe.status().code() != StatusCode::kUnauthenticated) {
    return ctx.Fail(probe.status());
  }
  if (no_auth_server) {
    if (!user && token.empty() && interactive) {
      auto u = ReadSecret(s.url + " runs without authentication. User name to act as: ", true);
      if (u && !u->empty()) user = *u;
    }
    if (!user && token.empty()) {
      return inv.UsageError("the server runs without authentication: give --user NAME");
    }
  } else if (token.empty()) {
    if (!user) {
      if (!interactive) {
        return inv.UsageError("give --token-stdin, --token or --user (stdin is not a terminal)");
      }
      auto t = ReadSecret("API token for " + s.url +
                          " (leave empty to sign in with a user name and password): ");
      if (!t) return inv.UsageError("no token given");
      token = *t;
      if (token.empty()) {
        auto u = ReadSecret("User name: ", true);
        if (!u || u->empty()) return inv.UsageError("no user name given");
        user = *u;
      }
    }
    if (token.empty()) {
      std::optional<std::string> password =
          inv.has("password-stdin") ? ReadStdinLine() : ReadSecret("Password for " + *user + ": ");
      if (!password || password->empty()) return inv.UsageError("no password given");
      char host[256] = "host";
      ::gethostname(host, sizeof host - 1);
      auto secret = TokenFromPassword(**api, s.url, *user, *password,
                                      inv.flag("token-name").value_or(std::string("cli-") + host),
                                      inv.flag("expires"));
      if (!secret.ok()) return ctx.Fail(secret.status());
      token = *secret;
    }
  }

  std::string who;
  if (!no_auth_server) {
    // Check the token before saving it.
    s.token = token;
    auto check = Api::Create(s);
    if (!check.ok()) return ctx.Fail(check.status());
    auto me = (*check)->Get(kMePath);
    if (!me.ok()) return ctx.Fail(me.status());
    who = Text(me->json, "name") + " (" + Text(me->json, "role") + ")";
  }

  Profile p;
  p.url = s.url;
  p.token = token;
  p.ca_file = s.ca_file;
  if (no_auth_server && user) p.user = *user;  // acts through X-Cairn-User
  ConfigFile updated = *file;
  updated.profiles[profile] = p;
  updated.current = profile;
  if (Status st = SaveConfigFile(*path, updated); !st.ok()) return ctx.Fail(st);
  Output& out = ctx.out();
  if (no_auth_server) {
    out.out() << "The server at " << s.url << " runs without authentication; commands will act as "
              << user.value_or("anonymous") << ".\n";
  } else {
    out.out() << "Logged in to " << s.url << (who.empty() ? "" : " as " + who) << ".\n";
  }
  out.out() << "Saved profile '" << profile << "' to " << *path << " (mode 0600).\n";
  return kExitOk;
}

int Whoami(Invocation& inv) {
  Context& ctx = inv.ctx();
  auto s = ctx.settings();
  if (!s.ok()) return ctx.Fail(s.status());
  auto api = ctx.api();
  if (!api.ok()) return ctx.Fail(api.status());
  auto me = (*api)->Get(kMePath);
  if (me.ok()) {
    return ctx.Print(*me, [&](const bj::value& v) {
      ctx.out().PrintFields({{"user", Text(v, "name")},
                             {"role", Text(v, "role")},
                             {"server", s->url},
                             {"profile", s->profile_exists ? s->profile : "-"}});
    });
  }
  if (!IsMissingApi(me.status())) return ctx.Fail(me.status());
  // A server without authentication: the acting user is whatever X-Cairn-User says.
  bj::object v;
  v["name"] = s->user.empty() ? "anonymous" : s->user;
  v["role"] = nullptr;
  v["authentication"] = false;
  Reply local;
  local.status = 200;
  local.json = v;
  local.body = json::Serialize(local.json);
  return ctx.Print(local, [&](const bj::value& x) {
    ctx.out().PrintFields({{"user", Text(x, "name")},
                           {"authentication", "off (the server trusts X-Cairn-User)"},
                           {"server", s->url},
                           {"profile", s->profile_exists ? s->profile : "-"}});
  });
}

// Runs an identity API call; a 404 on a server without that API gets a clear message.
int IdentityCall(Invocation& inv, const Result<Reply>& reply,
                 const std::function<void(const bj::value&)>& render) {
  if (!reply.ok() && IsMissingApi(reply.status()) &&
      reply.status().message().find("no resource at this path") != std::string::npos) {
    auto s = inv.ctx().settings();
    return inv.ctx().Fail(NoIdentityApi(s.ok() ? s->url : ""));
  }
  return inv.ctx().Show(reply, render);
}

int TokenList(Invocation& inv) {
  auto api = inv.ctx().api();
  if (!api.ok()) return inv.ctx().Fail(api.status());
  Query q;
  q.Add("user", inv.flag("owner"));
  return IdentityCall(inv, (*api)->Get(kTokensPath + q.str()), [&](const bj::value& page) {
    Table t({{"ID", false, false},
             {"NAME"},
             {"USER"},
             {"ROLE"},
             {"EXPIRES"},
             {"LAST USED"},
             {"REVOKED"}});
    for (const auto& x : Items(page)) {
      t.Add({Text(x, "id"), Text(x, "name"), Text(x, "user"), Text(x, "role"),
             TimeText(x, "expires_at"), TimeText(x, "last_used_at"), TimeText(x, "revoked_at")});
    }
    inv.ctx().out().PrintTable(t);
  });
}

int TokenCreate(Invocation& inv) {
  auto name = inv.flag("name");
  if (!name) return inv.UsageError("--name is required");
  bj::object body;
  body["name"] = *name;
  if (auto r = inv.flag("role")) body["role"] = *r;
  if (auto u = inv.flag("owner")) body["user"] = *u;
  if (auto e = inv.flag("expires")) {
    if (*e != "never") {
      auto ms = ParseExpiry(*e);
      if (!ms.ok()) return inv.UsageError(ms.status().message());
    }
    body["expires_in"] = *e;
  }
  auto api = inv.ctx().api();
  if (!api.ok()) return inv.ctx().Fail(api.status());
  return IdentityCall(inv, (*api)->Post(kTokensPath, body), [&](const bj::value& t) {
    inv.ctx().out().out() << StringField(t, "token") << "\n";
    inv.ctx().out().Hint("token " + Text(t, "id") + " (" + Text(t, "role") +
                         "): the secret above is shown only once");
  });
}

int TokenRevoke(Invocation& inv) {
  auto api = inv.ctx().api();
  if (!api.ok()) return inv.ctx().Fail(api.status());
  return IdentityCall(
      inv, (*api)->Call("DELETE", std::string(kTokensPath) + "/" + http::PercentEncode(inv.arg(0))),
      [&](const bj::value&) { inv.ctx().out().out() << "revoked token " << inv.arg(0) << "\n"; });
}

int UserList(Invocation& inv) {
  auto api = inv.ctx().api();
  if (!api.ok()) return inv.ctx().Fail(api.status());
  return IdentityCall(inv, (*api)->Get(kUsersPath), [&](const bj::value& page) {
    Table t({{"NAME"}, {"DISPLAY NAME"}, {"ROLE"}, {"DISABLED"}, {"CREATED"}});
    for (const auto& u : Items(page)) {
      t.Add({Text(u, "name"), Text(u, "display_name"), Text(u, "role"), Text(u, "disabled"),
             TimeText(u, "created_at")});
    }
    inv.ctx().out().PrintTable(t);
  });
}

int UserCreate(Invocation& inv) {
  auto role = inv.flag("role");
  if (!role) return inv.UsageError("--role is required (viewer|editor|approver|admin)");
  std::optional<std::string> password;
  if (inv.has("password-stdin") || ::isatty(STDIN_FILENO) == 0) {
    password = ReadStdinLine();
  } else {
    password = ReadSecret("Password for " + inv.arg(0) + ": ");
    auto again = ReadSecret("Repeat the password: ");
    if (password && again && *password != *again) return inv.UsageError("passwords differ");
  }
  if (!password || password->empty()) return inv.UsageError("no password given");
  bj::object body;
  body["name"] = inv.arg(0);
  body["role"] = *role;
  body["password"] = *password;
  if (auto d = inv.flag("display-name")) body["display_name"] = *d;
  auto api = inv.ctx().api();
  if (!api.ok()) return inv.ctx().Fail(api.status());
  return IdentityCall(inv, (*api)->Post(kUsersPath, body), [&](const bj::value& u) {
    inv.ctx().out().out() << "created user " << Text(u, "name") << " (" << Text(u, "role") << ")\n";
  });
}

int UserDisable(Invocation& inv) {
  bj::object body;
  body["disabled"] = !inv.has("enable");
  auto api = inv.ctx().api();
  if (!api.ok()) return inv.ctx().Fail(api.status());
  return IdentityCall(
      inv, (*api)->Patch(std::string(kUsersPath) + "/" + http::PercentEncode(inv.arg(0)), body),
      [&](const bj::value& u) {
        inv.ctx().out().out() << "user " << Text(u, "name")
                              << (Text(u, "disabled") == "true" ? " is disabled" : " is enabled")
                              << "\n";
      });
}

}  // namespace

Command LoginCommand() {
  return {
      .name = "login",
      .summary = "Sign in to a server and save a profile in ~/.config/cairn/config.toml",
      .details =
          "Asks for an API token, or for a user name and password (then signs in and creates\n"
          "a token). --user NAME signs in with that user's password. Without a terminal, give\n"
          "--token-stdin (or --user with --password-stdin). Against a server running without\n"
          "authentication, --user saves the URL and the name commands act as.",
      .flags = {{"token-stdin", "", "Read the token from stdin"},
                {"password-stdin", "", "Read the password from stdin"},
                {"token-name", "NAME", "Name of the token created for a password login"},
                {"expires", "DURATION", "Lifetime of that token: 90d, 12h, 30m"}},
      .examples = {"cairn login --url https://cairn.example.com",
                   "echo \"$TOKEN\" | cairn login --url https://cairn.example.com --token-stdin",
                   "cairn login --url http://127.0.0.1:8500 --profile local --user alice "
                   "--password-stdin < pw.txt"},
      .run = Login};
}

Command WhoamiCommand() {
  return {.name = "whoami",
          .summary = "Who the server takes you for",
          .examples = {"cairn whoami", "cairn whoami --profile prod"},
          .run = Whoami};
}

Command TokenCommand() {
  Command c{.name = "token", .aliases = {"tokens"}, .summary = "API tokens (identity)"};
  c.children.push_back({.name = "ls",
                        .aliases = {"list"},
                        .summary = "List API tokens (yours, or a user's for admins)",
                        .flags = {{"owner", "NAME", "Only this user's tokens (admins)"}},
                        .examples = {"cairn token ls"},
                        .run = TokenList});
  c.children.push_back(
      {.name = "create",
       .summary = "Create an API token; its secret is printed once on stdout",
       .flags = {{"name", "NAME", "Token name (required)"},
                 {"role", "ROLE", "viewer|editor|approver|admin (at most the owner's)"},
                 {"owner", "NAME", "Owner (admins only; default yourself)"},
                 {"expires", "DURATION", "Lifetime: 90d, 12h, 30m or never"}},
       .examples = {"cairn token create --name ci --role editor --expires 90d"},
       .run = TokenCreate});
  c.children.push_back({.name = "revoke",
                        .summary = "Revoke an API token",
                        .positionals = {{"ID", "Token id"}},
                        .examples = {"cairn token revoke ID"},
                        .run = TokenRevoke});
  return c;
}

Command UserCommand() {
  Command c{.name = "user", .aliases = {"users"}, .summary = "Users (identity; admins)"};
  c.children.push_back({.name = "ls",
                        .aliases = {"list"},
                        .summary = "List users",
                        .examples = {"cairn user ls"},
                        .run = UserList});
  c.children.push_back(
      {.name = "create",
       .summary = "Create a user (password from a prompt, or stdin when it is not a terminal)",
       .positionals = {{"NAME", "User name"}},
       .flags = {{"role", "ROLE", "viewer|editor|approver|admin (required)"},
                 {"display-name", "TEXT", "Display name"},
                 {"password-stdin", "", "Read the password from stdin"}},
       .examples = {"cairn user create bob --role approver"},
       .run = UserCreate});
  c.children.push_back({.name = "disable",
                        .summary = "Disable a user (their tokens and sessions stop working)",
                        .positionals = {{"NAME", "User name"}},
                        .flags = {{"enable", "", "Enable again instead"}},
                        .examples = {"cairn user disable bob"},
                        .run = UserDisable});
  return c;
}

}  // namespace cairn::cli
