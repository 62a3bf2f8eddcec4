#include "http/internal/listener.h"

#include <boost/asio/post.hpp>

#include "common/log.h"
#include "http/internal/session.h"

namespace cairn::http::internal {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using Tcp = asio::ip::tcp;

constexpr std::chrono::milliseconds kAcceptRetry{50};
// Connections being answered 503 at the cap at the same time; beyond, they are just closed.
constexpr int kMaxRejecting = 64;

}  // namespace

Listener::Listener(Core& core)
    : core_(core), strand_(core.ioc->get_executor()), acceptor_(strand_), retry_timer_(strand_) {}

Status Listener::Open() {
  beast::error_code ec;
  const std::string& host = core_.options.host;
  asio::ip::address address = asio::ip::make_address(host, ec);
  if (ec) return Unavailable("invalid listen address '" + host + "': " + ec.message());
  Tcp::endpoint endpoint(address, core_.options.port);
  auto fail = [&](std::string_view what) {
    beast::error_code ignored;
    acceptor_.close(ignored);
    return Unavailable("cannot " + std::string(what) + " " + host + ":" +
                       std::to_string(core_.options.port) + ": " + ec.message());
  };
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return fail("open socket for");
  acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail("set options on");
  acceptor_.bind(endpoint, ec);
  if (ec) return fail("bind");
  acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen on");
  port_ = acceptor_.local_endpoint(ec).port();
  return Status::Ok();
}

void Listener::Start() {
  asio::post(strand_, [this] { Accept(); });
}

void Listener::Stop() {
  asio::post(strand_, [this] {
    beast::error_code ec;
    acceptor_.close(ec);
    retry_timer_.cancel();
  });
}

void Listener::Accept() {
  acceptor_.async_accept(
      asio::make_strand(*core_.ioc),
      [this](const beast::error_code& ec, Tcp::socket socket) { OnAccept(ec, std::move(socket)); });
}

void Listener::OnAccept(const beast::error_code& ec, Tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    log::Error("accept failed: " + ec.message());
    // Out of descriptors and similar: back off instead of spinning.
    retry_timer_.expires_after(kAcceptRetry);
    retry_timer_.async_wait([this](const beast::error_code& wait_ec) {
      if (!wait_ec && acceptor_.is_open()) Accept();
    });
    return;
  }
  if (core_.stopping.load()) {
    beast::error_code ignored;
    socket.close(ignored);
    return;
  }
  beast::error_code opt_ec;
  socket.set_option(Tcp::no_delay(true), opt_ec);
  if (core_.connections.load() >= core_.options.max_connections) {
    // Over the cap: a short-lived session answers 503. If even those pile up (a flood), the
    // connection is closed without an answer.
    if (core_.rejecting.load() < kMaxRejecting) {
      std::make_shared<Session>(core_, std::move(socket), Session::Mode::kOverCapacity)->Start();
    } else {
      beast::error_code ignored;
      socket.close(ignored);
    }
    Accept();
    return;
  }
  std::make_shared<Session>(core_, std::move(socket))->Start();
  Accept();
}

}  // namespace cairn::http::internal
