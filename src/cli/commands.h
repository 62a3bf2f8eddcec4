// The command tree of `cairn`: one builder per noun (each in its own <noun>_commands.cc).
#pragma once

#include <string>

#include "cli/api.h"
#include "cli/command.h"
#include "cli/context.h"

namespace cairn::cli {

inline constexpr char kLifecycle[] = "/api/v1/ml/lifecycle";

Command ExperimentsCommand();
Command RunsCommand();
Command ModelsCommand();
Command DeploymentsCommand();
Command DriftCommand();
Command FeaturesCommand();
Command DatasetsCommand();
Command EvalCommand();
Command PromptsCommand();
Command AuditCommand();
// Identity (login, whoami, token, user): see identity_commands.cc.
Command LoginCommand();
Command WhoamiCommand();
Command TokenCommand();
Command UserCommand();
// Local commands: serve, db upgrade, completion, version.
Command ServeCommand();
Command DbCommand();
Command VersionCommand();
// `completion` reads the tree it is added to; `root` must outlive it.
Command CompletionCommand(const Command& root);
std::string BashCompletion(const Command& root);
std::string ZshCompletion(const Command& root);

// Uploads a CSV file as a dataset (streamed, with a progress bar); used by `datasets upload` and
// by `drift compute` for local files.
Result<Reply> UploadCsvDataset(Context& ctx, Api& api, const std::string& file,
                               const std::string& name, const std::string& description);

// The whole tree except `completion` (main adds it, pointing at the finished tree).
Command RootCommand();

}  // namespace cairn::cli
