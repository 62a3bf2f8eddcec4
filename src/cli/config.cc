#include "cli/config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
// Errors as values, not exceptions (toml::parse_result then carries either table or error).
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

constexpr mode_t kFileMode = 0600;
constexpr mode_t kDirMode = 0700;

Status Bad(const std::string& path, const std::string& what) {
  return InvalidArgument("config file " + path + ": " + what);
}

Result<std::string> StringField(const std::string& path, const toml::table& t,
                                const std::string& profile, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::string();
  if (!n->is_string()) {
    return Bad(path, "profiles." + profile + "." + std::string(key) + " must be a string");
  }
  return std::string(*n->value<std::string>());
}

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v || !*v) return std::nullopt;
    return std::string(v);
  };
}

Result<std::string> ConfigPath(const EnvLookup& env) {
  if (auto xdg = env("XDG_CONFIG_HOME")) return *xdg + "/cairn/config.toml";
  if (auto home = env("HOME")) return *home + "/.config/cairn/config.toml";
  return FailedPrecondition("neither XDG_CONFIG_HOME nor HOME is set: no place for the config");
}

Result<ConfigFile> LoadConfigFile(const std::string& path) {
  ConfigFile out;
  std::error_code ec;
  if (!fs::exists(path, ec)) return out;
  toml::parse_result parsed = toml::parse_file(path);
  if (!parsed) {
    const auto& err = parsed.error();
    return Bad(path, std::string(err.description()) + " at line " +
                         std::to_string(err.source().begin.line));
  }
  const toml::table& root = parsed.table();
  if (const toml::node* cur = root.get("profile")) {
    if (!cur->is_string()) return Bad(path, "'profile' must be a string");
    out.current = *cur->value<std::string>();
  }
  if (const toml::node* profiles = root.get("profiles")) {
    if (!profiles->is_table()) return Bad(path, "'profiles' must be a table");
    for (const auto& [name, node] : *profiles->as_table()) {
      std::string n(name.str());
      if (!node.is_table()) return Bad(path, "profiles." + n + " must be a table");
      const toml::table& t = *node.as_table();
      Profile p;
      ASSIGN_OR_RETURN(p.url, StringField(path, t, n, "url"));
      ASSIGN_OR_RETURN(p.token, StringField(path, t, n, "token"));
      ASSIGN_OR_RETURN(p.user, StringField(path, t, n, "user"));
      ASSIGN_OR_RETURN(p.ca_file, StringField(path, t, n, "ca_file"));
      out.profiles[n] = std::move(p);
    }
  }
  return out;
}

Status SaveConfigFile(const std::string& path, const ConfigFile& config) {
  toml::table root;
  if (!config.current.empty()) root.insert("profile", config.current);
  toml::table profiles;
  for (const auto& [name, p] : config.profiles) {
    toml::table t;
    if (!p.url.empty()) t.insert("url", p.url);
    if (!p.token.empty()) t.insert("token", p.token);
    if (!p.user.empty()) t.insert("user", p.user);
    if (!p.ca_file.empty()) t.insert("ca_file", p.ca_file);
    profiles.insert(name, std::move(t));
  }
  root.insert("profiles", std::move(profiles));
  std::ostringstream text;
  text << "# Cairn command-line profiles (written by `cairn login`; holds API tokens: keep it "
          "private).\n"
       << root << "\n";

  fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path() && !fs::exists(target.parent_path(), ec)) {
    fs::create_directories(target.parent_path(), ec);
    if (ec)
      return Unavailable("cannot create " + target.parent_path().string() + ": " + ec.message());
    ::chmod(target.parent_path().c_str(), kDirMode);
  }
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, kFileMode);
  if (fd < 0) return Unavailable("cannot write " + tmp + ": " + std::strerror(errno));
  // The umask may have narrowed the mode further, never widened it; make it exact.
  ::fchmod(fd, kFileMode);
  std::string data = text.str();
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Unavailable("cannot write " + tmp + ": " + std::strerror(err));
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return Unavailable("cannot write " + tmp + ": " + std::strerror(errno));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return Unavailable("cannot replace " + path + ": " + std::strerror(err));
  }
  return Status::Ok();
}

bool IsTooOpen(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  return (st.st_mode & 077) != 0;
}

Result<Settings> ResolveSettings(const Overrides& flags, const EnvLookup& env,
                                 const ConfigFile& file) {
  Settings s;
  std::optional<std::string> named = flags.profile ? flags.profile : env("CAIRN_PROFILE");
  s.profile = named ? *named : (file.current.empty() ? kDefaultProfile : file.current);
  auto it = file.profiles.find(s.profile);
  s.profile_exists = it != file.profiles.end();
  if (named && !s.profile_exists) {
    return InvalidArgument("no profile '" + s.profile +
                           "' in the config file (create it with `cairn " + "login --profile " +
                           s.profile + " --url URL`)");
  }
  Profile p = s.profile_exists ? it->second : Profile{};
  auto pick = [&](const std::optional<std::string>& flag, const char* var,
                  const std::string& from_profile, const std::string& fallback) {
    if (flag) return *flag;
    if (auto v = env(var)) return *v;
    if (!from_profile.empty()) return from_profile;
    return fallback;
  };
  s.url = pick(flags.url, "CAIRN_URL", p.url, kDefaultUrl);
  s.token = pick(flags.token, "CAIRN_TOKEN", p.token, "");
  s.user = pick(flags.user, "CAIRN_USER", p.user, "");
  s.ca_file = pick(flags.ca_file, "CAIRN_CA_FILE", p.ca_file, "");
  return s;
}

}  // namespace cairn::cli
