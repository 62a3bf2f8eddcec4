#include "cli/context.h"

#include "cli/command.h"

namespace cairn::cli {

Result<std::string> Context::config_path() { return ConfigPath(env_); }

Result<ConfigFile> Context::config_file() {
  if (config_) return *config_;
  ASSIGN_OR_RETURN(std::string path, config_path());
  ASSIGN_OR_RETURN(ConfigFile file, LoadConfigFile(path));
  if (IsTooOpen(path)) {
    out_.Hint("warning: " + path +
              " is readable by other users and may hold tokens; run `chmod 600 " + path + "`");
  }
  config_ = std::move(file);
  return *config_;
}

Result<Settings> Context::settings() {
  if (settings_) return *settings_;
  ConfigFile file;
  // Without HOME there is no config file, but flags and variables still work.
  if (config_path().ok()) {
    ASSIGN_OR_RETURN(file, config_file());
  }
  ASSIGN_OR_RETURN(Settings s, ResolveSettings(overrides_, env_, file));
  settings_ = std::move(s);
  return *settings_;
}

Result<Api*> Context::api() {
  if (api_) return api_.get();
  ASSIGN_OR_RETURN(Settings s, settings());
  ASSIGN_OR_RETURN(api_, Api::Create(s));
  return api_.get();
}

int Context::Fail(const Status& status) {
  out_.Error(status);
  return ExitCodeFor(status);
}

int Context::Print(const Reply& reply,
                   const std::function<void(const boost::json::value&)>& render) {
  out_.Emit(reply.body, reply.json, render);
  return kExitOk;
}

int Context::Show(const Result<Reply>& reply,
                  const std::function<void(const boost::json::value&)>& render) {
  if (!reply.ok()) return Fail(reply.status());
  return Print(*reply, render);
}

std::unique_ptr<ProgressBar> Context::Progress(std::string label) {
  return std::make_unique<ProgressBar>(out_.err(), std::move(label),
                                       out_.interactive_err() && out_.for_people());
}

}  // namespace cairn::cli
