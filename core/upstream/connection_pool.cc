#include "core/upstream/connection_pool.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace profilegw::core::upstream {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {
// Short enough to follow DNS changes (blue/green backends), long enough to keep getaddrinfo off the
// request path: resolution happens only when a new connection is opened anyway.
constexpr std::chrono::seconds kResolveTtl{30};
}  // namespace

// A caller queued for a slot. Lives in the waiting coroutine's frame.
struct ConnectionPool::Waiter {
  explicit Waiter(const asio::any_io_executor& ex) : timer(ex) {}
  asio::steady_timer timer;
  bool granted = false;                            // a slot was handed over (in_use_ already counts it)
  std::unique_ptr<UpstreamConnection> connection;  // with a reusable connection, if there was one
};

// Unlinks the waiter however the coroutine ends (including destruction at io_context shutdown) and
// gives back a slot that was granted but never taken.
struct ConnectionPool::WaiterGuard {
  ConnectionPool& pool;
  Waiter& waiter;
  std::list<Waiter*>::iterator it;
  bool taken = false;
  ~WaiterGuard() {
    pool.health_->pool_waiting.fetch_sub(1, std::memory_order_relaxed);
    // release() unlinks a waiter when it grants it a slot.
    if (!waiter.granted) {
      pool.waiters_.erase(it);
    } else if (!taken) {
      pool.release(std::move(waiter.connection), false);
    }
  }
};

Lease::Lease(std::shared_ptr<ConnectionPool> pool, std::unique_ptr<UpstreamConnection> connection)
    : pool_(std::move(pool)), connection_(std::move(connection)) {}

Lease::~Lease() {
  if (pool_) release(false);
}

Lease& Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    if (pool_) release(false);
    pool_ = std::move(other.pool_);
    connection_ = std::move(other.connection_);
  }
  return *this;
}

void Lease::set_connection(std::unique_ptr<UpstreamConnection> c) {
  if (c && pool_) c->count_in(std::shared_ptr<std::atomic<std::int64_t>>(pool_->health_, &pool_->health_->connections_open));
  connection_ = std::move(c);
}

void Lease::release(bool reusable) {
  if (!pool_) return;
  auto pool = std::move(pool_);
  const bool keep = reusable && connection_ != nullptr;
  pool->release(std::move(connection_), keep);
}

ConnectionPool::ConnectionPool(Executor executor, std::string key, int max_connections,
                               std::shared_ptr<UpstreamHealth> health)
    : executor_(std::move(executor)),
      key_(std::move(key)),
      health_(std::move(health)),
      max_connections_(max_connections < 1 ? 1 : static_cast<std::size_t>(max_connections)) {}

ConnectionPool::~ConnectionPool() = default;

asio::awaitable<Result<Lease>> ConnectionPool::acquire(Clock::time_point deadline) {
  auto self = shared_from_this();
  const auto now = Clock::now();
  while (!idle_.empty()) {
    std::unique_ptr<UpstreamConnection> c = std::move(idle_.back());
    idle_.pop_back();
    if (c->usable(now)) {
      ++in_use_;
      co_return Lease(self, std::move(c));
    }
    // Closed by the upstream or expired: dropped here, the slot frees up.
  }
  if (in_use_ < max_connections_ && waiters_.empty()) {
    ++in_use_;
    co_return Lease(self, nullptr);
  }

  Waiter waiter(executor_);
  waiter.timer.expires_at(deadline);
  // Counted before the guard exists, uncounted by its destructor however the wait ends.
  health_->pool_waits_total.fetch_add(1, std::memory_order_relaxed);
  health_->pool_waiting.fetch_add(1, std::memory_order_relaxed);
  WaiterGuard guard{*this, waiter, waiters_.insert(waiters_.end(), &waiter)};
  co_await waiter.timer.async_wait(asio::as_tuple(asio::use_awaitable));
  if (waiter.granted) {
    guard.taken = true;
    std::unique_ptr<UpstreamConnection> c = std::move(waiter.connection);
    if (c && !c->usable(Clock::now())) c.reset();
    co_return Lease(self, std::move(c));
  }
  health_->pool_exhausted_total.fetch_add(1, std::memory_order_relaxed);
  Problem p = Problem::make(ProblemCode::kUpstreamUnavailable, "connection pool exhausted");
  p.retry_after_seconds = 1;
  co_return p;
}

void ConnectionPool::release(std::unique_ptr<UpstreamConnection> connection, bool reusable) {
  if (!reusable || retired_) connection.reset();
  // Hand the slot straight to the longest waiter, so that a newcomer cannot overtake it.
  if (!waiters_.empty() && in_use_ <= max_connections_) {
    Waiter* w = waiters_.front();
    waiters_.pop_front();
    w->granted = true;
    w->connection = std::move(connection);
    w->timer.cancel();
    return;
  }
  if (in_use_ > 0) --in_use_;
  if (connection && idle_.size() + in_use_ < max_connections_) idle_.push_back(std::move(connection));
  // A slot was freed (or the bound lowered): let a waiter in if there is room now.
  if (!waiters_.empty() && in_use_ + idle_.size() < max_connections_) {
    Waiter* w = waiters_.front();
    waiters_.pop_front();
    ++in_use_;
    w->granted = true;
    w->timer.cancel();
  }
}

void ConnectionPool::close_idle(bool retire) {
  idle_.clear();
  if (retire) retired_ = true;
}

const std::vector<asio::ip::tcp::endpoint>* ConnectionPool::cached_endpoints(Clock::time_point now) const {
  if (!endpoints_ || now >= endpoints_expiry_) return nullptr;
  return &*endpoints_;
}

void ConnectionPool::store_endpoints(std::vector<asio::ip::tcp::endpoint> endpoints, Clock::time_point now) {
  endpoints_ = std::move(endpoints);
  endpoints_expiry_ = now + kResolveTtl;
}

}  // namespace profilegw::core::upstream
