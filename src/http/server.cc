// HttpServer: wires the pieces in internal/ together — Core (shared state), Listener (accept
// loop), Session (one connection: parsing, handler dispatch, ordered writes) with its
// RequestParser and ResponseWriter — and owns the threads: the I/O threads that run the
// io_context and the worker pool that runs blocking handlers. This file keeps start-up, signal
// handling and the graceful stop.
#include "http/server.h"

#include <sys/resource.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "common/log.h"
#include "http/internal/listener.h"
#include "http/internal/server_core.h"
#include "http/internal/session.h"

namespace cairn::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using internal::Core;
using internal::Listener;
using internal::MemoryReclaimer;
using internal::Session;

constexpr std::chrono::milliseconds kSessionCloseGrace{1000};
// How often the server looks whether freed memory should go back to the OS.
constexpr std::chrono::seconds kReclaimInterval{1};
// Descriptors kept free for what is not a connection: database connections, files being
// served or uploaded, the listening socket.
constexpr rlim_t kReservedDescriptors = 128;

// The connection cap cannot exceed what the process may open: past RLIMIT_NOFILE, accept fails
// and clients are left waiting in the backlog instead of getting a 503.
int EffectiveConnectionCap(int configured) {
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return configured;
  rlim_t usable = limit.rlim_cur > kReservedDescriptors * 2 ? limit.rlim_cur - kReservedDescriptors
                                                            : limit.rlim_cur / 2;
  if (static_cast<rlim_t>(configured) <= usable) return configured;
  log::Info("max_connections lowered from " + std::to_string(configured) + " to " +
            std::to_string(usable) + " (RLIMIT_NOFILE is " + std::to_string(limit.rlim_cur) + ")");
  return static_cast<int>(usable);
}

}  // namespace

struct HttpServer::Impl {
  Impl(ServerOptions options, const Router& router) : core(std::move(options), router) {}

  // Every kReclaimInterval: when sessions released enough memory, trim on a worker thread; once
  // requests have stopped for ServerOptions::kIdleReleaseSeconds, the application's on_idle,
  // then a trim.
  void ArmReclaimTimer() {
    reclaim_timer->expires_after(kReclaimInterval);
    reclaim_timer->async_wait([this](const beast::error_code& ec) {
      if (ec) return;
      bool idle_release = false;
      const uint64_t seen = core.requests.load(std::memory_order_relaxed);
      if (seen != requests_at_last_tick) {
        requests_at_last_tick = seen;
        quiet_ticks = 0;
        released_since_requests = false;
      } else if (!released_since_requests && seen > 0 &&
                 ++quiet_ticks >= ServerOptions::kIdleReleaseSeconds) {
        std::lock_guard lock(core.mu);
        if (core.inflight == 0) idle_release = released_since_requests = true;
      }
      if (idle_release) {
        asio::post(*core.workers, [this] {
          if (core.options.on_idle) core.options.on_idle();
          MemoryReclaimer::Trim();
        });
      } else if (core.reclaimer.TakeDue()) {
        asio::post(*core.workers, [] { MemoryReclaimer::Trim(); });
      }
      ArmReclaimTimer();
    });
  }

  template <typename F>
  void ForEachSession(F f) {
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(core.mu);
      for (auto& [ptr, weak] : core.sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
    }
    for (auto& s : live) {
      asio::post(s->executor(), [s, f] { f(*s); });
    }
  }

  Core core;
  std::unique_ptr<Listener> listener;
  std::unique_ptr<asio::signal_set> signals;
  std::unique_ptr<asio::steady_timer> reclaim_timer;
  // The idle release (reclaim timer's handler only).
  uint64_t requests_at_last_tick = 0;
  int quiet_ticks = 0;
  bool released_since_requests = false;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> io_threads;
  uint16_t port = 0;

  std::mutex control_mu;  // started/stopped/signal flags
  std::condition_variable control_cv;
  bool started = false;
  bool stopping = false;
  bool stopped = false;
  bool signalled = false;
  std::mutex stop_mu;  // serialises Stop()
};

HttpServer::HttpServer(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

HttpServer::~HttpServer() { Stop(); }

// SIGINT/SIGTERM end RunUntilSignal's wait; the stop itself runs on the controlling thread.
void HttpServer::InstallSignalHandler(Impl& s) {
  s.signals = std::make_unique<asio::signal_set>(s.listener->strand(), SIGINT, SIGTERM);
  s.signals->async_wait([&s](const beast::error_code& ec, int signo) {
    if (ec) return;
    log::Info("received signal " + std::to_string(signo) + ", shutting down");
    std::lock_guard inner(s.control_mu);
    s.signalled = true;
    s.control_cv.notify_all();
  });
}

Status HttpServer::Start() {
  Impl& s = *impl_;
  {
    std::lock_guard lock(s.control_mu);
    if (s.started) return FailedPrecondition("server already started");
  }
  Core& core = s.core;
  MemoryReclaimer::TuneAllocator();
  int io_threads = std::max(1, core.options.io_threads);
  int worker_threads = std::max(1, core.options.worker_threads);

  core.options.max_connections = EffectiveConnectionCap(core.options.max_connections);
  core.ioc = std::make_unique<asio::io_context>(io_threads);
  s.listener = std::make_unique<Listener>(core);
  if (Status st = s.listener->Open(); !st.ok()) {
    s.listener.reset();
    core.ioc.reset();
    return st;
  }
  s.port = s.listener->port();

  core.workers = std::make_unique<asio::thread_pool>(static_cast<size_t>(worker_threads));
  core.writers =
      std::make_unique<asio::thread_pool>(static_cast<size_t>(core.options.write_threads));
  core.compute =
      std::make_unique<asio::thread_pool>(static_cast<size_t>(core.options.compute_threads));
  s.work.emplace(core.ioc->get_executor());
  if (core.options.handle_signals) {
    // Installed before any thread runs and before the caller announces the port, so a signal
    // that arrives right after start-up still means a graceful stop.
    InstallSignalHandler(s);
  }
  s.listener->Start();
  s.reclaim_timer = std::make_unique<asio::steady_timer>(s.listener->strand());
  asio::post(s.listener->strand(), [&s] { s.ArmReclaimTimer(); });
  for (int i = 0; i < io_threads; ++i) {
    s.io_threads.emplace_back([&core] {
      // Asio handlers here do not throw; this catch only keeps a stray exception from
      // terminating the process without a log line.
      try {
        core.ioc->run();
      } catch (const std::exception& e) {
        log::Error(std::string("I/O thread stopped by exception: ") + e.what());
      }
    });
  }
  std::lock_guard lock(s.control_mu);
  s.started = true;
  return Status::Ok();
}

uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::RunUntilSignal() {
  Impl& s = *impl_;
  std::unique_lock lock(s.control_mu);
  if (!s.started || s.stopping) return;
  if (!s.signals) {
    InstallSignalHandler(s);
  }
  s.control_cv.wait(lock, [&s] { return s.signalled || s.stopping; });
  lock.unlock();
  Stop();
}

void HttpServer::Stop() {
  Impl& s = *impl_;
  std::lock_guard stop_lock(s.stop_mu);
  {
    std::lock_guard lock(s.control_mu);
    if (!s.started || s.stopped) return;
    s.stopping = true;
    s.control_cv.notify_all();
  }
  Core& core = s.core;
  core.stopping.store(true);

  // 1. Stop accepting.
  s.listener->Stop();
  // 2. Idle connections close; busy ones finish what they have.
  s.ForEachSession([](Session& session) { session.Shutdown(); });
  // 3. Wait for in-flight requests, bounded.
  bool drained = false;
  {
    std::unique_lock lock(core.mu);
    drained = core.cv.wait_for(lock, std::chrono::milliseconds(core.options.drain_timeout_ms),
                               [&core] { return core.inflight == 0; });
    if (!drained) {
      log::Error("shutdown: " + std::to_string(core.inflight) +
                 " request(s) still in flight after the drain timeout");
    }
  }
  // 4. Close whatever is left and let the I/O threads run out of work. Queued handlers are
  // dropped when the drain timed out; sessions they reference go away with the pool.
  if (!drained) {
    core.workers->stop();
    core.writers->stop();
    core.compute->stop();
  }
  s.ForEachSession([](Session& session) { session.Close(); });
  {
    std::unique_lock lock(core.mu);
    core.cv.wait_for(lock, drained ? kSessionCloseGrace : kSessionCloseGrace / 10,
                     [&core] { return core.sessions.empty(); });
  }
  asio::post(s.listener->strand(), [&s] {
    beast::error_code ec;
    if (s.signals) s.signals->cancel(ec);
    s.reclaim_timer->cancel();
  });
  s.work.reset();
  core.ioc->stop();
  for (auto& t : s.io_threads) t.join();
  s.io_threads.clear();
  core.writers->join();
  core.workers->join();  // handlers already running still finish
  core.compute->join();
  s.signals.reset();
  s.reclaim_timer.reset();
  // Dropped worker handlers, then queued I/O handlers, release the last sessions; both need the
  // io_context alive, so it goes last.
  core.writers.reset();
  core.workers.reset();
  core.compute.reset();
  s.listener.reset();
  core.ioc.reset();

  std::lock_guard lock(s.control_mu);
  s.stopped = true;
}

}  // namespace cairn::http
