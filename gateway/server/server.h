// The HTTP/1.1 server: thread per core (one io_context per thread, each accepting on its own
// SO_REUSEPORT socket), keep-alive sessions with size limits and deadlines, graceful drain.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gateway/server/request_handler.h"
#include "gateway/server/server_options.h"
#include "gateway/server/server_stats.h"

namespace profilegw::gateway {

class Worker;

struct ListenResult {
  std::uint16_t port = 0;  // the bound port: the ephemeral one when 0 was asked for
  std::string error;       // empty on success, else "cannot listen on 127.0.0.1:8080: Address already in use (bind)"
  bool ok() const { return error.empty(); }
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Before run(). `address` is an IPv4 or IPv6 literal ("localhost" means 127.0.0.1).
  // all_threads: one SO_REUSEPORT socket and one handler per thread; else one socket and one
  // handler on thread 0 (the admin API). Calls `factory` once per socket, with its thread's context.
  ListenResult add_listener(std::string address, std::uint16_t port, HandlerFactory factory, bool all_threads);

  // Runs thread 0 on the calling thread and the others on new threads; returns when the drain
  // started by request_stop() has finished on every thread.
  void run();

  // Thread-safe and idempotent: stop accepting, close idle connections at once, let in-flight
  // requests finish (answered with Connection: close), cut off the rest after drain_timeout.
  void request_stop();
  bool stop_requested() const { return stop_requested_.load(std::memory_order_acquire); }

  std::size_t threads() const { return workers_.size(); }
  boost::asio::io_context& io_context(std::size_t thread_index);
  // Posts `callback(thread_index)` onto every thread (for example a config refresh).
  void for_each_thread(std::function<void(std::size_t)> callback);

  ServerCounters counters() const { return stats_.snapshot(); }
  const ServerOptions& options() const { return options_; }

 private:
  ServerOptions options_;
  ServerStats stats_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<bool> stop_requested_{false};
};

}  // namespace profilegw::gateway
