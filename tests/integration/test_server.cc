#include "tests/integration/test_server.h"

namespace cairn::testing {

Result<std::unique_ptr<TestServer>> TestServer::Start(BackendKind kind,
                                                      std::vector<std::string> extra_args) {
  std::unique_ptr<TestServer> server(new TestServer());
  ASSIGN_OR_RETURN(server->backend_, StorageBackend::Create(kind, server->dir_.path()));
  server->extra_args_ = std::move(extra_args);
  RETURN_IF_ERROR(server->Restart());
  return server;
}

TestServer::~TestServer() {
  conn_.reset();
  process_.reset();  // SIGTERM + reap before the database and data dir go away
  backend_.reset();
}

Status TestServer::Restart() {
  conn_.reset();
  process_.reset();
  ServerProcessOptions options;
  options.data_dir = dir_.path();
  options.storage_uri = backend_->uri();
  options.extra_args = extra_args_;
  ASSIGN_OR_RETURN(process_, ServerProcess::Start(options));
  return Status::Ok();
}

Result<RawReply> TestServer::Call(std::string_view method, std::string_view target,
                                  std::string_view body, const Headers& headers) {
  std::string request = RawConnection::Build(method, target, body, headers);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!conn_) {
      ASSIGN_OR_RETURN(conn_, RawConnection::Connect(port()));
    }
    Status sent = conn_->Send(request);
    if (sent.ok()) {
      auto reply = conn_->ReadReply();
      if (reply.ok()) {
        auto connection = reply->Header("connection");
        if (connection && *connection == "close") conn_.reset();
        return reply;
      }
      if (attempt == 1) return reply.status();
    }
    conn_.reset();  // the server closed the idle connection: retry on a new one
  }
  return Unavailable("request failed twice");
}

Result<RawReply> TestServer::CallJson(std::string_view method, std::string_view target,
                                      const boost::json::value& body, Headers headers) {
  headers.emplace_back("Content-Type", "application/json");
  return Call(method, target, boost::json::serialize(body), headers);
}

}  // namespace cairn::testing
