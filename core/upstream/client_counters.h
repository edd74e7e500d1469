// Counters of one upstream Client (one per io_context thread), for /metrics and tests. The owning
// thread is the only writer; any thread may take a snapshot.
#pragma once

#include <atomic>
#include <cstdint>

namespace profilegw::core::upstream {

// A snapshot: plain numbers, monotonically increasing over the Client's life.
struct ClientCounters {
  std::uint64_t requests = 0;           // send() calls
  std::uint64_t connects = 0;           // connections established (TCP, plus TLS where configured)
  std::uint64_t reuses = 0;             // requests written on an already used keep-alive connection
  std::uint64_t retries = 0;            // requests retried on a fresh connection after a dead pooled one
  std::uint64_t digest_challenges = 0;  // Digest challenges received in 401 answers
  std::uint64_t pool_exhausted = 0;     // calls that found no free connection before their deadline
  struct Errors {
    std::uint64_t connect = 0;       // resolve or connect failed (503)
    std::uint64_t timeout = 0;       // connect, request or deadline timeout (504)
    std::uint64_t reset = 0;         // connection closed or reset while the answer was due (502)
    std::uint64_t bad_response = 0;  // unparseable, over-limit or truncated answer (502)
    std::uint64_t tls = 0;           // TLS handshake or certificate verification failed (503)
  } errors;
};

// Single-writer counter: a relaxed load and store (no locked read-modify-write on the hot path),
// still a data-race-free read from other threads.
class SingleWriterCounter {
 public:
  void inc() { v_.store(v_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }
  std::uint64_t get() const { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> v_{0};
};

struct ClientCounterSet {
  SingleWriterCounter requests, connects, reuses, retries, digest_challenges, pool_exhausted;
  SingleWriterCounter err_connect, err_timeout, err_reset, err_bad_response, err_tls;

  ClientCounters snapshot() const {
    ClientCounters c;
    c.requests = requests.get();
    c.connects = connects.get();
    c.reuses = reuses.get();
    c.retries = retries.get();
    c.digest_challenges = digest_challenges.get();
    c.pool_exhausted = pool_exhausted.get();
    c.errors.connect = err_connect.get();
    c.errors.timeout = err_timeout.get();
    c.errors.reset = err_reset.get();
    c.errors.bad_response = err_bad_response.get();
    c.errors.tls = err_tls.get();
    return c;
  }
};

}  // namespace profilegw::core::upstream
