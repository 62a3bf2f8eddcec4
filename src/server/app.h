// App: the composition root. Opens storage, builds every store and service, registers every
// route, and owns the HTTP server. Nothing else wires domains together.
//
// Thread safety: Create/Start/Stop from the controlling thread.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "http/router.h"
#include "server/config.h"

namespace cairn::server {

// What a server started with authentication required and no users prints (on stderr): the two
// commands that create the first admin and a token against the same storage.
std::string BootstrapHint(const Config& config);

class App {
 public:
  // Errors: whatever opening storage returns (Unavailable, FailedPrecondition for a schema that
  // needs `cairn db upgrade`, InvalidArgument for a bad URI), Internal when the data directory
  // cannot be created.
  static Result<std::unique_ptr<App>> Create(const Config& config);
  ~App();

  // Binds and starts serving. Errors: Unavailable when the address cannot be bound.
  Status Start();
  uint16_t port() const;
  // Blocks until SIGINT/SIGTERM, then shuts down gracefully and closes storage.
  void RunUntilSignal();
  void Stop();

  const http::Router& router() const;

 private:
  struct Impl;
  explicit App(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::server
