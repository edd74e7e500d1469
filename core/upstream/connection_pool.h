// The keep-alive connections of one upstream (one UpstreamTarget::pool_key) on one thread: idle
// connections reused LIFO (the warmest first), at most max_connections in use plus idle, callers
// queued FIFO for a free slot until their deadline, plus the cached name resolution of that upstream
// (Digest states live on the connections). Single-threaded like the Client that owns it; the
// figures every thread shares (open connections, waits, the circuit breaker) live in its
// UpstreamHealth.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/upstream/executor.h"
#include "core/upstream/upstream_connection.h"
#include "core/upstream/upstream_health.h"

namespace profilegw::core::upstream {

class ConnectionPool;

// A slot in a pool, held for the length of one call, with the connection that uses it (possibly none
// yet: the holder connects). Giving the slot back returns a reusable connection to the pool.
class Lease {
 public:
  Lease() = default;
  Lease(std::shared_ptr<ConnectionPool> pool, std::unique_ptr<UpstreamConnection> connection);
  ~Lease();
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&& other) noexcept;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  UpstreamConnection* connection() const { return connection_.get(); }
  // A freshly opened connection: counted in the upstream's open connections while it lives.
  void set_connection(std::unique_ptr<UpstreamConnection> c);
  // Closes the current connection but keeps the slot (for a retry on a fresh connection).
  void discard_connection() { connection_.reset(); }
  // Gives the slot back; the connection goes idle when `reusable`, else it is closed.
  void release(bool reusable);

 private:
  std::shared_ptr<ConnectionPool> pool_;
  std::unique_ptr<UpstreamConnection> connection_;
};

class ConnectionPool : public std::enable_shared_from_this<ConnectionPool> {
 public:
  // `health` is this upstream's shared entry (never null).
  ConnectionPool(Executor executor, std::string key, int max_connections,
                 std::shared_ptr<UpstreamHealth> health);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  const std::string& key() const { return key_; }
  UpstreamHealth& health() const { return *health_; }
  // The bound follows the latest target (a reload may change it); at least 1.
  void set_max_connections(int n) { max_connections_ = n < 1 ? 1 : static_cast<std::size_t>(n); }

  // A slot with a usable idle connection when there is one, else a slot without a connection while
  // under the bound, else waits (FIFO) for a slot until `deadline`: then 503 upstream_unavailable
  // "connection pool exhausted".
  boost::asio::awaitable<Result<Lease>> acquire(std::chrono::steady_clock::time_point deadline);

  // Closes idle connections; with `retire`, connections returned later are closed too (the pool is
  // no longer in the live config).
  void close_idle(bool retire = false);
  bool retired() const { return retired_; }
  // Nothing in use, idle or waiting: safe to drop.
  bool empty() const { return in_use_ == 0 && idle_.empty() && waiters_.empty(); }

  std::size_t idle_count() const { return idle_.size(); }
  std::size_t in_use_count() const { return in_use_; }

  // Resolution cache: endpoints younger than the TTL, or nullopt.
  const std::vector<boost::asio::ip::tcp::endpoint>* cached_endpoints(
      std::chrono::steady_clock::time_point now) const;
  void store_endpoints(std::vector<boost::asio::ip::tcp::endpoint> endpoints,
                       std::chrono::steady_clock::time_point now);
  void forget_endpoints() { endpoints_.reset(); }

 private:
  friend class Lease;
  struct Waiter;
  struct WaiterGuard;

  void release(std::unique_ptr<UpstreamConnection> connection, bool reusable);

  Executor executor_;
  std::string key_;
  std::shared_ptr<UpstreamHealth> health_;
  std::size_t max_connections_;
  std::size_t in_use_ = 0;
  bool retired_ = false;
  std::vector<std::unique_ptr<UpstreamConnection>> idle_;  // back = most recently used
  std::list<Waiter*> waiters_;
  std::optional<std::vector<boost::asio::ip::tcp::endpoint>> endpoints_;
  std::chrono::steady_clock::time_point endpoints_expiry_{};
};

}  // namespace profilegw::core::upstream
