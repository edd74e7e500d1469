// What every server thread shares about one upstream (one pool key): its circuit breaker and the
// pool figures /metrics shows (connections open, callers waiting for a slot). Connection pools stay
// per thread (DESIGN.md section 6); these are atomics their owners update on the rare events
// (connect, close, wait), never once per request.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/upstream/circuit_breaker.h"

namespace profilegw::core::upstream {

struct UpstreamHealth {
  CircuitBreaker breaker;
  std::atomic<std::int64_t> connections_open{0};        // all threads, idle or in use
  std::atomic<std::int64_t> pool_waiting{0};            // callers queued for a slot now
  std::atomic<std::uint64_t> pool_waits_total{0};       // calls that had to queue for a slot
  std::atomic<std::uint64_t> pool_exhausted_total{0};   // calls whose wait for a slot ran out
};

// One UpstreamHealth per pool key for the life of the process: a reload that keeps an upstream keeps
// its circuit state. Looked up when a thread creates a pool, and at scrape time; not per request.
class UpstreamHealthRegistry {
 public:
  // The entry for `pool_key`, created on first use.
  std::shared_ptr<UpstreamHealth> get(std::string_view pool_key);
  // The entry, or null when no thread has used that upstream yet.
  std::shared_ptr<const UpstreamHealth> find(std::string_view pool_key) const;
  // Every entry, in key order.
  std::vector<std::pair<std::string, std::shared_ptr<const UpstreamHealth>>> entries() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<UpstreamHealth>, std::less<>> by_key_;
};

}  // namespace profilegw::core::upstream
