// `cairn user create` and `cairn token create` given --storage, --data-dir or --config: the
// bootstrap of identity and access, run against the storage directly (like `cairn db upgrade`),
// so the first admin and token can exist before anyone can call the API. Without those flags the
// same commands are API clients (identity_commands.cc).
//
//   cairn user create NAME --role ROLE [--display-name TEXT] [--storage URI] [--data-dir DIR]
//                     [--config FILE]
//     The password is read from a prompt with echo off (twice), or from stdin's first line when
//     stdin is not a terminal.
//   cairn token create --user NAME --name TOKEN_NAME [--role ROLE] [--expires 90d|never]
//                      [--storage URI] [--data-dir DIR] [--config FILE]
//     Prints the secret, once, alone on stdout; what it is goes to stderr.
#pragma once

#include <string>
#include <vector>

namespace cairn::cli {

// True for `user create ...` / `token create ...` (also `users`, `tokens`) naming a storage with
// --storage, --data-dir or --config.
[[nodiscard]] bool IsBootstrapCommand(const std::vector<std::string>& args);

// `args` starts with "user" or "token". Returns the process exit code (0 ok, 1 failure, 2 usage).
int RunBootstrapCommand(const std::vector<std::string>& args);

}  // namespace cairn::cli
