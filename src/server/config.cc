#include "server/config.h"

#include <charconv>
#include <cstdlib>

#include "auth/duration.h"
// Errors as values, not exceptions (toml::parse_result then carries either table or error).
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

namespace cairn::server {
namespace {

Status Bad(const std::string& what) { return InvalidArgument(what); }

template <typename T>
Status ParseInt(const std::string& name, const std::string& text, T min, T max, T* out) {
  long long v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < static_cast<long long>(min) ||
      v > static_cast<long long>(max))
    return Bad(name + ": expected an integer in [" + std::to_string(min) + ", " +
               std::to_string(max) + "], got '" + text + "'");
  *out = static_cast<T>(v);
  return Status::Ok();
}

Status ParseBool(const std::string& name, const std::string& text, bool* out) {
  if (text == "1" || text == "true" || text == "yes" || text == "on") {
    *out = true;
  } else if (text == "0" || text == "false" || text == "no" || text == "off") {
    *out = false;
  } else {
    return Bad(name + ": expected true or false, got '" + text + "'");
  }
  return Status::Ok();
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    size_t b = item.find_first_not_of(" \t");
    size_t e = item.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    start = end + 1;
  }
  return out;
}

Status ParseDurationSetting(const std::string& name, const std::string& text, bool allow_zero,
                            int64_t* out) {
  if (allow_zero && text == "0") {
    *out = 0;
    return Status::Ok();
  }
  auto ms = auth::ParseDuration(text);
  if (!ms) return Bad(name + ": expected a duration such as 30m, 12h or 2s, got '" + text + "'");
  *out = *ms;
  return Status::Ok();
}

// Identity and access settings; false when `key` is not one of them.
bool ApplyAuth(Config& c, const std::string& key, const std::string& value, Status* st) {
  if (key == "auth") {
    if (value != "required" && value != "off") {
      *st = Bad("auth: expected required or off, got '" + value + "'");
    } else {
      c.auth_required = value == "required";
    }
  } else if (key == "secure_cookies") {
    bool b = false;
    *st = ParseBool("secure_cookies", value, &b);
    if (st->ok()) c.secure_cookies = b;
  } else if (key == "trust_proxy") {
    *st = ParseBool("trust_proxy", value, &c.trust_proxy);
  } else if (key == "session_idle_timeout") {
    *st = ParseDurationSetting(key, value, false, &c.session_idle_ms);
  } else if (key == "session_lifetime") {
    *st = ParseDurationSetting(key, value, false, &c.session_lifetime_ms);
  } else if (key == "auth_cache_ttl") {
    *st = ParseDurationSetting(key, value, true, &c.auth_cache_ttl_ms);
  } else if (key == "login_window") {
    *st = ParseDurationSetting(key, value, false, &c.login_window_ms);
  } else if (key == "token_rate_limit") {
    *st = ParseInt<int>(key, value, 0, 1'000'000, &c.token_rate_limit);
  } else if (key == "login_failures_per_user") {
    *st = ParseInt<int>(key, value, 1, 1'000'000, &c.login_failures_per_user);
  } else if (key == "login_failures_per_address") {
    *st = ParseInt<int>(key, value, 1, 1'000'000, &c.login_failures_per_address);
  } else if (key == "password_hash_cost") {
    *st = ParseInt<int>(key, value, 10, 20, &c.password_hash_cost);
  } else {
    return false;
  }
  return true;
}

// Applies one setting given as text (from a flag, a variable or the file).
Status Apply(Config& c, const std::string& key, const std::string& value) {
  if (Status st; ApplyAuth(c, key, value, &st)) return st;
  if (key == "host") {
    if (value.empty()) return Bad("host must not be empty");
    c.host = value;
  } else if (key == "port") {
    return ParseInt<uint16_t>("port", value, 0, 65535, &c.port);
  } else if (key == "data_dir") {
    if (value.empty()) return Bad("data_dir must not be empty");
    c.data_dir = value;
  } else if (key == "storage") {
    c.storage = value;
  } else if (key == "io_threads") {
    return ParseInt<int>("io_threads", value, 1, 64, &c.io_threads);
  } else if (key == "worker_threads") {
    return ParseInt<int>("worker_threads", value, 1, 256, &c.worker_threads);
  } else if (key == "write_threads") {
    return ParseInt<int>("write_threads", value, 1, 256, &c.write_threads);
  } else if (key == "compute_threads") {
    return ParseInt<int>("compute_threads", value, 0, 256, &c.compute_threads);
  } else if (key == "compute_queue") {
    return ParseInt<int>("compute_queue", value, 0, 10'000, &c.compute_queue);
  } else if (key == "max_body_bytes") {
    return ParseInt<uint64_t>("max_body_bytes", value, 1024, 1ull << 34, &c.max_body_bytes);
  } else if (key == "max_connections") {
    return ParseInt<int>("max_connections", value, 1, 1'000'000, &c.max_connections);
  } else if (key == "access_log") {
    return ParseBool("access_log", value, &c.access_log);
  } else if (key == "upgrade") {
    return ParseBool("upgrade", value, &c.upgrade);
  } else if (key == "docs_dir") {
    c.docs_dir = value;
  } else if (key == "web_dir") {
    c.web_dir = value;
  } else if (key == "checklist") {
    std::vector<Config::ChecklistEntry> entries;
    for (const std::string& item : SplitList(value)) {
      Config::ChecklistEntry e;
      e.key = item;
      if (auto colon = item.find(':'); colon != std::string::npos) {
        std::string flag = item.substr(colon + 1);
        if (flag != "optional" && flag != "required")
          return Bad("checklist: '" + item + "' must be KEY, KEY:required or KEY:optional");
        e.key = item.substr(0, colon);
        e.required = flag == "required";
      }
      entries.push_back(std::move(e));
    }
    if (entries.empty()) return Bad("checklist: needs at least one item");
    c.checklist = std::move(entries);
  } else if (key == "lower_is_better") {
    c.lower_is_better = SplitList(value);
  } else if (key == "prompt_token_budget") {
    int64_t budget = 0;
    RETURN_IF_ERROR(ParseInt<int64_t>("prompt_token_budget", value, 1, 10'000'000, &budget));
    c.prompt_token_budget = budget;
  } else if (key == "evaluation_max_classes") {
    int64_t n = 0;
    RETURN_IF_ERROR(ParseInt<int64_t>("evaluation_max_classes", value, 2, 100'000, &n));
    c.evaluation_max_classes = n;
  } else if (key == "evaluation_workers") {
    int n = 0;
    RETURN_IF_ERROR(ParseInt<int>("evaluation_workers", value, 0, 64, &n));
    c.evaluation_workers = n;
  } else if (key == "prompt_max_render_bytes") {
    uint64_t n = 0;
    RETURN_IF_ERROR(ParseInt<uint64_t>("prompt_max_render_bytes", value, 1024, 1ull << 30, &n));
    c.prompt_max_render_bytes = n;
  } else if (key == "prompt_banned_terms") {
    c.prompt_banned_terms = SplitList(value);
  } else if (key == "sqlite_sync") {
    if (value != "normal" && value != "full")
      return Bad("sqlite_sync: expected normal or full, got '" + value + "'");
    c.sqlite_sync_full = value == "full";
  } else {
    return Bad("unknown setting '" + key + "'");
  }
  return Status::Ok();
}

Status ApplyFile(Config& c, const std::string& path) {
  toml::parse_result parsed = toml::parse_file(path);
  if (!parsed) {
    const auto& err = parsed.error();
    return Bad("config file " + path + ": " + std::string(err.description()) + " at line " +
               std::to_string(err.source().begin.line));
  }
  for (const auto& [k, node] : parsed.table()) {
    std::string key(k.str());
    std::string text;
    if (auto s = node.value<std::string>(); s && node.is_string()) {
      text = *s;
    } else if (auto i = node.value<int64_t>(); i && node.is_integer()) {
      text = std::to_string(*i);
    } else if (auto b = node.value<bool>(); b && node.is_boolean()) {
      text = *b ? "true" : "false";
    } else {
      return Bad("config file " + path + ": '" + key + "' must be a string, integer or boolean");
    }
    RETURN_IF_ERROR(Apply(c, key, text));
  }
  return Status::Ok();
}

struct Flag {
  const char* flag;
  const char* key;
  bool takes_value;
};
constexpr Flag kFlags[] = {
    {"--host", "host", true},
    {"--port", "port", true},
    {"--data-dir", "data_dir", true},
    {"--storage", "storage", true},
    {"--io-threads", "io_threads", true},
    {"--worker-threads", "worker_threads", true},
    {"--write-threads", "write_threads", true},
    {"--compute-threads", "compute_threads", true},
    {"--compute-queue", "compute_queue", true},
    {"--max-body-bytes", "max_body_bytes", true},
    {"--max-connections", "max_connections", true},
    {"--docs-dir", "docs_dir", true},
    {"--web-dir", "web_dir", true},
    {"--sqlite-sync", "sqlite_sync", true},
    {"--checklist", "checklist", true},
    {"--lower-is-better", "lower_is_better", true},
    {"--prompt-token-budget", "prompt_token_budget", true},
    {"--prompt-banned-terms", "prompt_banned_terms", true},
    {"--evaluation-max-classes", "evaluation_max_classes", true},
    {"--evaluation-workers", "evaluation_workers", true},
    {"--prompt-max-render-bytes", "prompt_max_render_bytes", true},
    {"--auth", "auth", true},
    {"--secure-cookies", "secure_cookies", true},
    {"--trust-proxy", "trust_proxy", false},
    {"--session-idle-timeout", "session_idle_timeout", true},
    {"--session-lifetime", "session_lifetime", true},
    {"--auth-cache-ttl", "auth_cache_ttl", true},
    {"--token-rate-limit", "token_rate_limit", true},
    {"--login-failures-per-user", "login_failures_per_user", true},
    {"--login-failures-per-address", "login_failures_per_address", true},
    {"--login-window", "login_window", true},
    {"--password-hash-cost", "password_hash_cost", true},
    {"--no-access-log", "access_log", false},
    {"--upgrade", "upgrade", false},
};
constexpr const char* kEnvKeys[] = {"host",
                                    "port",
                                    "data_dir",
                                    "storage",
                                    "io_threads",
                                    "worker_threads",
                                    "write_threads",
                                    "compute_threads",
                                    "compute_queue",
                                    "max_body_bytes",
                                    "max_connections",
                                    "access_log",
                                    "upgrade",
                                    "docs_dir",
                                    "web_dir",
                                    "sqlite_sync",
                                    "checklist",
                                    "lower_is_better",
                                    "prompt_token_budget",
                                    "prompt_banned_terms",
                                    "evaluation_max_classes",
                                    "evaluation_workers",
                                    "prompt_max_render_bytes",
                                    "auth",
                                    "secure_cookies",
                                    "trust_proxy",
                                    "session_idle_timeout",
                                    "session_lifetime",
                                    "auth_cache_ttl",
                                    "token_rate_limit",
                                    "login_failures_per_user",
                                    "login_failures_per_address",
                                    "login_window",
                                    "password_hash_cost"};

}  // namespace

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  // 127.0.0.0/8 in dotted form.
  if (host.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (char ch : host) {
    if (ch == '.') {
      ++dots;
    } else if (ch < '0' || ch > '9') {
      return false;
    }
  }
  return dots == 3;
}

bool EffectiveAuthRequired(const Config& config) {
  return config.auth_required.value_or(!IsLoopbackHost(config.host));
}

bool EffectiveSecureCookies(const Config& config) {
  return config.secure_cookies.value_or(!IsLoopbackHost(config.host));
}

EnvFn ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

std::string ServeUsage() {
  return "usage: cairn serve [--host 127.0.0.1] [--port 8500] [--data-dir ./cairn-data]\n"
         "                   [--storage URI] [--config FILE] [--io-threads N]\n"
         "                   [--worker-threads N] [--write-threads N] [--compute-threads N]\n"
         "                   [--compute-queue N] [--max-body-bytes N] [--max-connections N]\n"
         "                   [--docs-dir DIR] [--web-dir DIR]\n"
         "                   [--sqlite-sync normal|full] [--checklist K1,K2:optional,...]\n"
         "                   [--lower-is-better loss,error,...] [--prompt-token-budget N]\n"
         "                   [--prompt-banned-terms T1,T2,...] [--evaluation-max-classes N]\n"
         "                   [--evaluation-workers N] [--prompt-max-render-bytes N]\n"
         "                   [--auth required|off] [--secure-cookies true|false] [--trust-proxy]\n"
         "                   [--session-idle-timeout 30m] [--session-lifetime 12h]\n"
         "                   [--auth-cache-ttl 1s] [--token-rate-limit 200]\n"
         "                   [--login-failures-per-user 10] [--login-failures-per-address 30]\n"
         "                   [--login-window 15m] [--password-hash-cost 15]\n"
         "                   [--no-access-log] [--upgrade]\n"
         "Storage URIs: sqlite://PATH (default sqlite://<data-dir>/cairn.db), postgresql://...\n"
         "Environment: CAIRN_HOST, CAIRN_PORT, CAIRN_DATA_DIR, CAIRN_STORAGE, CAIRN_CONFIG, ...\n"
         "Flags win over variables, variables over the TOML file. --port 0 picks a free port.\n"
         "Authentication is required whenever --host is not a loopback address; --auth off\n"
         "opens such a server to anyone who can reach it (a warning is logged).\n";
}

Result<Config> LoadConfig(const std::vector<std::string>& args, const EnvFn& env) {
  // Flags are collected first so that the file and variables can be applied underneath them.
  std::vector<std::pair<std::string, std::string>> flag_values;
  std::string config_file;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::string inline_value;
    bool has_inline = false;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_inline = true;
    }
    if (arg == "--config") {
      if (!has_inline && i + 1 >= args.size()) return Bad("--config needs a value");
      config_file = has_inline ? inline_value : args[++i];
      continue;
    }
    const Flag* found = nullptr;
    for (const Flag& f : kFlags)
      if (arg == f.flag) found = &f;
    if (!found) return Bad("unknown option '" + args[i] + "'");
    if (!found->takes_value) {
      if (has_inline) return Bad(arg + " takes no value");
      flag_values.emplace_back(found->key, arg == "--no-access-log" ? "false" : "true");
      continue;
    }
    if (!has_inline && i + 1 >= args.size()) return Bad(arg + " needs a value");
    flag_values.emplace_back(found->key, has_inline ? inline_value : args[++i]);
  }

  Config c;
  if (config_file.empty()) config_file = env("CAIRN_CONFIG").value_or("");
  if (!config_file.empty()) {
    RETURN_IF_ERROR(ApplyFile(c, config_file));
    c.config_file = config_file;
  }
  for (const char* key : kEnvKeys) {
    std::string var = "CAIRN_";
    for (const char* p = key; *p; ++p) var.push_back(static_cast<char>(std::toupper(*p)));
    if (auto v = env(var)) RETURN_IF_ERROR(Apply(c, key, *v));
  }
  for (const auto& [k, v] : flag_values) RETURN_IF_ERROR(Apply(c, k, v));
  if (c.storage.empty()) c.storage = "sqlite://" + c.data_dir + "/cairn.db";
  return c;
}

}  // namespace cairn::server
