#include "cli/commands.h"

namespace cairn::cli {

Command RootCommand() {
  Command root{
      .name = "cairn",
      .summary = std::string("cairn ") + CAIRN_VERSION +
                 " — self-hosted MLOps platform: the server and its command-line client",
      .details =
          "Client commands talk to a Cairn server over HTTP. The server is chosen by --url,\n"
          "CAIRN_URL or the profile in ~/.config/cairn/config.toml (`cairn login` writes it);\n"
          "the default is http://127.0.0.1:8500.\n\n"
          "Exit codes: 0 ok, 1 server or connection error, 2 usage or invalid input,\n"
          "3 not found, 4 conflict or precondition failed, 5 authentication or permission.",
      .examples = {"cairn serve", "cairn login --url http://127.0.0.1:8500",
                   "cairn runs ls --experiment churn --json"}};
  root.children = {ExperimentsCommand(), RunsCommand(),     ModelsCommand(),   DeploymentsCommand(),
                   DriftCommand(),       FeaturesCommand(), DatasetsCommand(), EvalCommand(),
                   PromptsCommand(),     AuditCommand(),    LoginCommand(),    WhoamiCommand(),
                   TokenCommand(),       UserCommand(),     ServeCommand(),    DbCommand(),
                   VersionCommand()};
  return root;
}

}  // namespace cairn::cli
