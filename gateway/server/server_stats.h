// The server's counters for /metrics. One cache-line-sized shard per thread, written only by that
// thread (a relaxed load and store, no locked instruction on the request path), summed on read.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace profilegw::gateway {

// A point-in-time sum over all threads.
struct ServerCounters {
  std::uint64_t open_connections = 0;
  std::uint64_t accepted_total = 0;   // connections accepted and served
  std::uint64_t rejected_total = 0;   // connections closed at once: over max_connections or draining
  std::uint64_t requests_total = 0;   // requests passed to a handler
  std::uint64_t header_timeouts = 0;  // request (header or body) not received in time
  std::uint64_t idle_timeouts = 0;    // keep-alive connection closed after idle_timeout
  std::uint64_t protocol_errors = 0;  // 400, 413, 431 answered by the server itself
};

class alignas(64) StatsShard {
 public:
  void connection_opened() {
    bump(accepted_);
    bump(open_);
  }
  void connection_closed() { open_.store(open_.load(kRelaxed) - 1, kRelaxed); }
  void connection_rejected() { bump(rejected_); }
  void request() { bump(requests_); }
  void header_timeout() { bump(header_timeouts_); }
  void idle_timeout() { bump(idle_timeouts_); }
  void protocol_error() { bump(protocol_errors_); }

  std::uint64_t open() const { return open_.load(kRelaxed); }
  void add_to(ServerCounters& sum) const;

 private:
  static constexpr auto kRelaxed = std::memory_order_relaxed;
  // Only the owning thread writes, so load+store is an exact increment without a locked add.
  static void bump(std::atomic<std::uint64_t>& counter) { counter.store(counter.load(kRelaxed) + 1, kRelaxed); }

  std::atomic<std::uint64_t> open_{0};
  std::atomic<std::uint64_t> accepted_{0};
  std::atomic<std::uint64_t> rejected_{0};
  std::atomic<std::uint64_t> requests_{0};
  std::atomic<std::uint64_t> header_timeouts_{0};
  std::atomic<std::uint64_t> idle_timeouts_{0};
  std::atomic<std::uint64_t> protocol_errors_{0};
};

class ServerStats {
 public:
  explicit ServerStats(std::size_t shards);

  StatsShard& shard(std::size_t thread_index) { return shards_[thread_index]; }
  std::uint64_t open_connections() const;  // for the max_connections check at accept
  ServerCounters snapshot() const;

 private:
  std::size_t count_;
  std::unique_ptr<StatsShard[]> shards_;
};

}  // namespace profilegw::gateway
