// The circuit breaker of one upstream (one pool key), shared by every server thread: after
// `failure_threshold` consecutive failed calls it opens, and for `open_ms` calls are refused at once
// (503 upstream_unavailable with Retry-After) without touching the backend; then one probe call goes
// through (half-open) and its outcome closes the circuit or opens it again. Lock-free: the healthy
// path costs one shared load per call and writes nothing (DESIGN.md section 6).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace profilegw::core::upstream {

struct CircuitBreakerSettings {
  int failure_threshold = 20;  // consecutive failed calls that open the circuit
  int open_ms = 5000;         // how long it stays open before one probe call
};

// The values are those of the profilegw_circuit_state gauge.
enum class CircuitState : std::uint8_t { kClosed = 0, kOpen = 1, kHalfOpen = 2 };

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;

  struct Admission {
    bool allowed = true;
    bool probe = false;                     // this call decides whether the circuit closes
    std::chrono::milliseconds retry_after{0};  // when refused: until a probe may go
  };

  // Whether a call may go to the backend now. Every allowed call must end in exactly one record_*.
  Admission admit(Clock::time_point now);

  // The call's outcome as the backend's health: success (any answer below 500, 4xx included),
  // failure (connect, timeout, reset, bad response, TLS, 5xx), or abandoned (the call ended without
  // judging the backend: deadline spent before sending, no pool slot).
  void record_success(bool probe);
  void record_failure(bool probe, const CircuitBreakerSettings& settings, Clock::time_point now);
  void record_abandoned(bool probe, Clock::time_point now);

  CircuitState state() const { return static_cast<CircuitState>(state_.load(std::memory_order_relaxed)); }
  // Times the circuit went from closed or half-open to open.
  std::uint64_t opened_total() const { return opened_total_.load(std::memory_order_relaxed); }

 private:
  void open(const CircuitBreakerSettings& settings, Clock::time_point now);
  static std::int64_t ticks(Clock::time_point t) { return t.time_since_epoch().count(); }

  std::atomic<std::uint8_t> state_{static_cast<std::uint8_t>(CircuitState::kClosed)};
  std::atomic<std::uint32_t> consecutive_failures_{0};
  std::atomic<std::int64_t> open_until_{0};  // Clock ticks; meaningful while open
  std::atomic<std::uint64_t> opened_total_{0};
};

// One admitted call's obligation to report its outcome. If the call ends without a verdict (an early
// co_return, or its coroutine destroyed at shutdown), it counts as abandoned, so a probe that never
// finishes cannot leave the circuit half-open for good.
class CircuitPermit {
 public:
  CircuitPermit() = default;
  CircuitPermit(CircuitBreaker* breaker, bool probe) : breaker_(breaker), probe_(probe) {}
  ~CircuitPermit() {
    if (breaker_ != nullptr) breaker_->record_abandoned(probe_, CircuitBreaker::Clock::now());
  }
  CircuitPermit(CircuitPermit&& other) noexcept
      : breaker_(other.breaker_), probe_(other.probe_) { other.breaker_ = nullptr; }
  CircuitPermit& operator=(CircuitPermit&& other) noexcept;
  CircuitPermit(const CircuitPermit&) = delete;
  CircuitPermit& operator=(const CircuitPermit&) = delete;

  void succeeded();
  void failed(const CircuitBreakerSettings& settings, CircuitBreaker::Clock::time_point now);

 private:
  CircuitBreaker* breaker_ = nullptr;
  bool probe_ = false;
};

}  // namespace profilegw::core::upstream
