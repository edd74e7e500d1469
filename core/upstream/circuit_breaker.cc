#include "core/upstream/circuit_breaker.h"

#include <algorithm>

namespace profilegw::core::upstream {
namespace {

constexpr auto kClosed = static_cast<std::uint8_t>(CircuitState::kClosed);
constexpr auto kOpen = static_cast<std::uint8_t>(CircuitState::kOpen);
constexpr auto kHalfOpen = static_cast<std::uint8_t>(CircuitState::kHalfOpen);

// Retry-After is whole seconds and never 0: "now" would invite a stampede at the refusing gateway.
constexpr std::chrono::milliseconds kMinRetryAfter{1000};

}  // namespace

CircuitBreaker::Admission CircuitBreaker::admit(Clock::time_point now) {
  std::uint8_t state = state_.load(std::memory_order_acquire);
  if (state == kClosed) return {};
  if (state == kOpen) {
    const std::int64_t left = open_until_.load(std::memory_order_acquire) - ticks(now);
    if (left > 0) {
      const auto wait = std::chrono::ceil<std::chrono::milliseconds>(Clock::duration(left));
      return {false, false, std::max(wait, kMinRetryAfter)};
    }
    // Open time is over: exactly one caller wins the right to probe.
    if (state_.compare_exchange_strong(state, kHalfOpen, std::memory_order_acq_rel)) return {true, true, {}};
    if (state == kClosed) return {};  // a probe closed it meanwhile
  }
  // Half-open: the probe is out; everyone else waits for its verdict.
  return {false, false, kMinRetryAfter};
}

void CircuitBreaker::open(const CircuitBreakerSettings& settings, Clock::time_point now) {
  // open_until_ before state_, so that no caller sees "open" with a stale (past) deadline.
  open_until_.store(ticks(now + std::chrono::milliseconds(settings.open_ms)), std::memory_order_release);
  state_.store(kOpen, std::memory_order_release);
  opened_total_.fetch_add(1, std::memory_order_relaxed);
}

void CircuitBreaker::record_success(bool probe) {
  if (probe) {
    consecutive_failures_.store(0, std::memory_order_relaxed);
    state_.store(kClosed, std::memory_order_release);
    return;
  }
  // Read before write: a healthy upstream's calls never write the shared line.
  if (consecutive_failures_.load(std::memory_order_relaxed) != 0) {
    consecutive_failures_.store(0, std::memory_order_relaxed);
  }
}

void CircuitBreaker::record_failure(bool probe, const CircuitBreakerSettings& settings, Clock::time_point now) {
  if (probe) {
    open(settings, now);
    return;
  }
  // A call admitted before the circuit opened says nothing new: only the probe decides from here.
  if (state_.load(std::memory_order_acquire) != kClosed) return;
  const std::uint32_t failures = consecutive_failures_.fetch_add(1, std::memory_order_acq_rel) + 1;
  if (failures < static_cast<std::uint32_t>(std::max(settings.failure_threshold, 1))) return;
  std::uint8_t expected = kClosed;
  open_until_.store(ticks(now + std::chrono::milliseconds(settings.open_ms)), std::memory_order_release);
  if (state_.compare_exchange_strong(expected, kOpen, std::memory_order_acq_rel)) {
    consecutive_failures_.store(0, std::memory_order_relaxed);
    opened_total_.fetch_add(1, std::memory_order_relaxed);
  }
}

void CircuitBreaker::record_abandoned(bool probe, Clock::time_point now) {
  if (!probe) return;
  // Nothing learnt: back to open with no time left, so the next caller probes at once.
  open_until_.store(ticks(now), std::memory_order_release);
  state_.store(kOpen, std::memory_order_release);
}

CircuitPermit& CircuitPermit::operator=(CircuitPermit&& other) noexcept {
  if (this != &other) {
    if (breaker_ != nullptr) breaker_->record_abandoned(probe_, CircuitBreaker::Clock::now());
    breaker_ = other.breaker_;
    probe_ = other.probe_;
    other.breaker_ = nullptr;
  }
  return *this;
}

void CircuitPermit::succeeded() {
  if (breaker_ == nullptr) return;
  breaker_->record_success(probe_);
  breaker_ = nullptr;
}

void CircuitPermit::failed(const CircuitBreakerSettings& settings, CircuitBreaker::Clock::time_point now) {
  if (breaker_ == nullptr) return;
  breaker_->record_failure(probe_, settings, now);
  breaker_ = nullptr;
}

}  // namespace profilegw::core::upstream
