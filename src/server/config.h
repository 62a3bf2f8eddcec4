// Server configuration: flags win over environment variables (CAIRN_*), which win over an
// optional TOML file (--config FILE or CAIRN_CONFIG), which wins over the defaults of SPEC §6.
//
// TOML file keys (all optional, top level): host, port, data_dir, storage, io_threads,
// worker_threads, write_threads, compute_threads, compute_queue, max_body_bytes, max_connections,
// access_log, upgrade, docs_dir, web_dir, sqlite_sync (normal|full), checklist, lower_is_better,
// prompt_token_budget, prompt_banned_terms, evaluation_max_classes, evaluation_workers,
// prompt_max_render_bytes, and identity and access: auth (required|off), secure_cookies,
// trust_proxy, session_idle_timeout, session_lifetime, auth_cache_ttl, token_rate_limit,
// login_failures_per_user, login_failures_per_address, login_window, password_hash_cost. List
// settings are comma-separated strings (the same text works as a flag, a variable or a TOML
// string); durations are like 90d, 12h, 30m, 45s, 500ms.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace cairn::server {

struct Config {
  std::string host = "127.0.0.1";
  uint16_t port = 8500;
  std::string data_dir = "./cairn-data";
  std::string storage;  // default: sqlite://<data_dir>/cairn.db
  std::string config_file;
  int io_threads = 2;
  int worker_threads = 4;  // reads (http::ServerOptions)
  int write_threads = 16;  // every other request
  // Heavy computations (drift, historical joins, dataset ingestion, inline evaluations) run on
  // their own threads, at most compute_queue more waiting (beyond: 503 with Retry-After).
  // 0 threads: half the cores, at least 1.
  int compute_threads = 0;
  int compute_queue = 8;
  uint64_t max_body_bytes = 16ull << 20;
  // Open client connections; beyond, new ones are answered 503 and closed (lowered to what
  // RLIMIT_NOFILE allows).
  int max_connections = 4096;
  bool access_log = true;
  bool upgrade = false;           // apply pending migrations at start
  std::string docs_dir;           // Swagger UI assets; default: installed, else the checkout's
  std::string web_dir;            // the built console; default: installed, else web/dist
  bool sqlite_sync_full = false;  // SQLite synchronous=FULL instead of NORMAL (see OpenOptions)

  // A model version's default checklist: `key` (required) or `key:optional`, comma-separated.
  // Unset: the registry's built-in list (evaluation_passed, data_validated, bias_reviewed,
  // owner_signoff, all required).
  struct ChecklistEntry {
    std::string key;
    bool required = true;
  };
  std::optional<std::vector<ChecklistEntry>> checklist;
  // Metric-name fragments that make a metric lower-is-better in compare. Unset: built-in list.
  std::optional<std::vector<std::string>> lower_is_better;
  // Prompt evaluation: token budget and banned terms. Unset: built-in defaults (4096, none).
  std::optional<int64_t> prompt_token_budget;
  std::vector<std::string> prompt_banned_terms;
  // Multiclass evaluation: most distinct classes (labels and predictions together). Unset:
  // 1000.
  std::optional<int64_t> evaluation_max_classes;
  // Evaluation job runner threads of this server. 0: this server queues runs but never executes
  // them (another server sharing the database does). Unset: 1.
  std::optional<int> evaluation_workers;
  // Prompt render: most bytes of rendered text. Unset: 1 MiB.
  std::optional<uint64_t> prompt_max_render_bytes;

  // Identity and access (issue 11). `auth` unset: required when `host` is not a loopback
  // address, off on loopback (EffectiveAuthRequired).
  std::optional<bool> auth_required;
  std::optional<bool> secure_cookies;  // unset: on when `host` is not loopback
  bool trust_proxy = false;            // take login addresses from X-Forwarded-For
  int64_t session_idle_ms = int64_t{30} * 60 * 1000;
  int64_t session_lifetime_ms = int64_t{12} * 3600 * 1000;
  int64_t auth_cache_ttl_ms = 1000;  // 0: no cache (every request reads storage)
  int token_rate_limit = 200;        // requests/s per token or session (burst 2x); 0: none
  int login_failures_per_user = 10;
  int login_failures_per_address = 30;
  int64_t login_window_ms = int64_t{15} * 60 * 1000;
  int password_hash_cost = 15;  // scrypt log2(N)
};

// True for 127.0.0.0/8, ::1 and "localhost".
[[nodiscard]] bool IsLoopbackHost(const std::string& host);
// Whether requests must authenticate: `auth` when set, else required off loopback.
[[nodiscard]] bool EffectiveAuthRequired(const Config& config);
// Whether session cookies carry Secure: `secure_cookies` when set, else on off loopback.
[[nodiscard]] bool EffectiveSecureCookies(const Config& config);

// Reads the environment through `getenv` (injectable for tests).
using EnvFn = std::function<std::optional<std::string>(const std::string&)>;
EnvFn ProcessEnv();

// Parses `serve` arguments (argv without the program and subcommand).
// Errors: InvalidArgument for unknown flags, bad values or an unreadable/invalid TOML file.
Result<Config> LoadConfig(const std::vector<std::string>& args, const EnvFn& env);

std::string ServeUsage();

}  // namespace cairn::server
