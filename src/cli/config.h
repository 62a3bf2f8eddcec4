// Client configuration: named profiles in `$XDG_CONFIG_HOME/cairn/config.toml` (by default
// `~/.config/cairn/config.toml`), written by `cairn login` with mode 0600 because it holds API
// tokens. The Python SDK reads the same file.
//
//   profile = "default"          # the profile used when none is named
//   [profiles.default]
//   url = "https://cairn.example.com"
//   token = "cairn_..."
//   user = "alice"               # X-Cairn-User, for servers without authentication
//   ca_file = "/etc/ssl/team-ca.pem"
//
// Each setting resolves independently: flag > environment (CAIRN_PROFILE, CAIRN_URL,
// CAIRN_TOKEN, CAIRN_USER, CAIRN_CA_FILE) > profile > default. Plain values; thread-compatible.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "common/status.h"

namespace cairn::cli {

inline constexpr char kDefaultUrl[] = "http://127.0.0.1:8500";
inline constexpr char kDefaultProfile[] = "default";

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup ProcessEnvironment();

struct Profile {
  std::string url;
  std::string token;
  std::string user;
  std::string ca_file;
};

struct ConfigFile {
  std::string current;  // `profile = ...`; empty when not set
  std::map<std::string, Profile> profiles;
};

// The config file's path from the environment (XDG_CONFIG_HOME, else HOME). Errors:
// FailedPrecondition when neither is set.
[[nodiscard]] Result<std::string> ConfigPath(const EnvLookup& env);

// Reads the file; a missing file is an empty config. Errors: InvalidArgument for TOML that does
// not parse or has values of the wrong type (the message names the file, line and key).
[[nodiscard]] Result<ConfigFile> LoadConfigFile(const std::string& path);

// Writes the whole file atomically (temporary file + rename) with mode 0600, creating the
// directory with mode 0700 when needed. Errors: Unavailable when the file cannot be written.
[[nodiscard]] Status SaveConfigFile(const std::string& path, const ConfigFile& config);

// True when a file that exists is readable by its group or others.
[[nodiscard]] bool IsTooOpen(const std::string& path);

struct Overrides {  // from flags
  std::optional<std::string> profile, url, token, user, ca_file;
};

struct Settings {
  std::string profile;  // the profile name in effect
  bool profile_exists = false;
  std::string url;
  std::string token;
  std::string user;
  std::string ca_file;
};

// Resolves the settings. Errors: InvalidArgument when a profile is named explicitly (flag or
// CAIRN_PROFILE) but the file has no such profile.
[[nodiscard]] Result<Settings> ResolveSettings(const Overrides& flags, const EnvLookup& env,
                                               const ConfigFile& file);

}  // namespace cairn::cli
