// Context: what every command handler needs — the output, the resolved client settings and the
// API connection (both created on first use, so `--help` and local commands never read the
// config file or touch the network). Thread-compatible (one per process).
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cli/api.h"
#include "cli/config.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "common/status.h"

namespace cairn::cli {

class Context {
 public:
  Context(Output& out, EnvLookup env, Overrides overrides)
      : out_(out), env_(std::move(env)), overrides_(std::move(overrides)) {}

  Output& out() { return out_; }
  const EnvLookup& env() const { return env_; }
  const Overrides& overrides() const { return overrides_; }

  // The config file's path and contents (read once; a warning goes to stderr when the file is
  // readable by others).
  Result<std::string> config_path();
  Result<ConfigFile> config_file();
  // Flags > environment > profile > defaults.
  Result<Settings> settings();
  // The connection to the server. Errors: as ResolveSettings and Api::Create.
  Result<Api*> api();

  // Prints an error on stderr and returns its exit code.
  int Fail(const Status& status);
  // Prints a reply in the chosen format (render draws the table) and returns 0.
  int Print(const Reply& reply, const std::function<void(const boost::json::value&)>& render);
  // Fails or prints.
  int Show(const Result<Reply>& reply,
           const std::function<void(const boost::json::value&)>& render);

  // A progress bar on stderr (drawn only when stderr is a terminal and output is for people).
  std::unique_ptr<ProgressBar> Progress(std::string label);

 private:
  Output& out_;
  EnvLookup env_;
  Overrides overrides_;
  std::optional<ConfigFile> config_;
  std::optional<Settings> settings_;
  std::unique_ptr<Api> api_;
};

}  // namespace cairn::cli
