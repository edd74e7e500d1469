// One server thread (thread per core, DESIGN.md section 6): its io_context, the listeners that
// accept on it, the sessions it serves, and its part of graceful shutdown.
//
// Everything in a Worker (and in its listeners and sessions) is touched only by the one thread that
// runs its io_context, so that io_context is the implicit strand for all of it and nothing here
// locks. Only post() into it from other threads.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "gateway/server/server_options.h"
#include "gateway/server/server_stats.h"

namespace profilegw::gateway {

class Listener;
class Session;

// Intrusive hook: a worker lists its live sessions without allocating per connection.
struct SessionLink {
  SessionLink* prev = nullptr;
  SessionLink* next = nullptr;
};

class Worker {
 public:
  Worker(std::size_t index, const ServerOptions& options, StatsShard& stats);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  boost::asio::io_context& context() { return *context_; }
  std::size_t index() const { return index_; }
  const ServerOptions& options() const { return options_; }
  StatsShard& stats() { return stats_; }
  bool draining() const { return draining_; }

  // Before run(): the listener starts accepting once the io_context runs.
  void add_listener(std::unique_ptr<Listener> listener);
  // Blocks until this worker's drain finished.
  void run();

  // On this thread: stop accepting, close idle connections, let busy ones finish their request
  // (they answer with Connection: close), cut off the rest after drain_timeout, then stop.
  void begin_drain();

  // Session bookkeeping, from the Session's constructor and destructor.
  void attach(SessionLink& link);
  void detach(SessionLink& link);

 private:
  template <class F>
  void for_each_session(F&& f);
  void force_close_all();
  void finish();

  std::size_t index_;
  const ServerOptions& options_;
  StatsShard& stats_;
  // Destroyed explicitly first in ~Worker (handlers, timers and sockets must go before it), while
  // the session list below is still alive for sessions its shutdown destroys.
  std::optional<boost::asio::io_context> context_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::optional<boost::asio::steady_timer> drain_timer_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  SessionLink sessions_;  // sentinel of a circular list
  std::size_t session_count_ = 0;
  bool draining_ = false;
  bool finished_ = false;
};

}  // namespace profilegw::gateway
