// The circuit breaker's state machine, driven with explicit time points (no sleeping), and its
// behaviour under concurrent callers (one probe, however many threads race for it).
#include "core/upstream/circuit_breaker.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

namespace profilegw::core::upstream {
namespace {

using namespace std::chrono_literals;
using Clock = CircuitBreaker::Clock;

const CircuitBreakerSettings kSettings{3, 2000};

void fail(CircuitBreaker& b, Clock::time_point now, int times = 1) {
  for (int i = 0; i < times; ++i) {
    const CircuitBreaker::Admission a = b.admit(now);
    REQUIRE(a.allowed);
    b.record_failure(a.probe, kSettings, now);
  }
}

TEST_CASE("breaker: closed until failure_threshold consecutive failures", "[upstream][breaker]") {
  CircuitBreaker b;
  const auto t0 = Clock::now();
  fail(b, t0, 2);
  CHECK(b.state() == CircuitState::kClosed);
  fail(b, t0, 1);
  CHECK(b.state() == CircuitState::kOpen);
  CHECK(b.opened_total() == 1);
}

TEST_CASE("breaker: a success resets the count of consecutive failures", "[upstream][breaker]") {
  CircuitBreaker b;
  const auto t0 = Clock::now();
  fail(b, t0, 2);
  b.record_success(false);
  fail(b, t0, 2);
  CHECK(b.state() == CircuitState::kClosed);
  fail(b, t0, 1);
  CHECK(b.state() == CircuitState::kOpen);
}

TEST_CASE("breaker: open refuses with the remaining open time as Retry-After, at least 1 s",
          "[upstream][breaker]") {
  CircuitBreaker b;
  const auto t0 = Clock::now();
  fail(b, t0, 3);
  CircuitBreaker::Admission a = b.admit(t0 + 1ms);
  CHECK_FALSE(a.allowed);
  CHECK(a.retry_after == 1999ms);
  a = b.admit(t0 + 1900ms);
  CHECK_FALSE(a.allowed);
  CHECK(a.retry_after == 1000ms);  // 100 ms left, but Retry-After is never below one second
}

TEST_CASE("breaker: after open_ms one probe goes; others wait; success closes", "[upstream][breaker]") {
  CircuitBreaker b;
  const auto t0 = Clock::now();
  fail(b, t0, 3);
  const auto later = t0 + 2000ms;
  const CircuitBreaker::Admission probe = b.admit(later);
  REQUIRE(probe.allowed);
  CHECK(probe.probe);
  CHECK(b.state() == CircuitState::kHalfOpen);
  const CircuitBreaker::Admission other = b.admit(later);
  CHECK_FALSE(other.allowed);
  CHECK(other.retry_after == 1000ms);
  b.record_success(true);
  CHECK(b.state() == CircuitState::kClosed);
  const CircuitBreaker::Admission next = b.admit(later);
  CHECK(next.allowed);
  CHECK_FALSE(next.probe);
  // Closed again with a clean slate: it takes the full threshold to open it once more.
  fail(b, later, 2);
  CHECK(b.state() == CircuitState::kClosed);
}

TEST_CASE("breaker: a failed probe opens the circuit for another open_ms", "[upstream][breaker]") {
  CircuitBreaker b;
  const auto t0 = Clock::now();
  fail(b, t0, 3);
  const auto t1 = t0 + 2500ms;
  const CircuitBreaker::Admission probe = b.admit(t1);
  REQUIRE(probe.probe);
  b.record_failure(true, kSettings, t1);
  CHECK(b.state() == CircuitState::kOpen);
  CHECK(b.opened_total() == 2);
  CHECK_FALSE(b.admit(t1 + 1999ms).allowed);
  CHECK(b.admit(t1 + 2000ms).probe);
}

TEST_CASE("breaker: an abandoned probe lets the next caller probe at once", "[upstream][breaker]") {
  CircuitBreaker b;
  const auto t0 = Clock::now();
  fail(b, t0, 3);
  const auto t1 = t0 + 2000ms;
  REQUIRE(b.admit(t1).probe);
  b.record_abandoned(true, t1);
  CHECK(b.state() == CircuitState::kOpen);
  CHECK(b.admit(t1).probe);
}

TEST_CASE("breaker: outcomes of calls admitted before the circuit opened do not decide it",
          "[upstream][breaker]") {
  CircuitBreaker b;
  const auto t0 = Clock::now();
  const CircuitBreaker::Admission early = b.admit(t0);  // in flight while the circuit opens
  fail(b, t0, 3);
  const auto t1 = t0 + 2000ms;
  REQUIRE(b.admit(t1).probe);
  b.record_success(early.probe);  // a late success of an ordinary call: not the probe's verdict
  CHECK(b.state() == CircuitState::kHalfOpen);
  b.record_failure(early.probe, kSettings, t1);
  CHECK(b.state() == CircuitState::kHalfOpen);
  b.record_success(true);
  CHECK(b.state() == CircuitState::kClosed);
}

TEST_CASE("breaker: a permit that is never settled counts as abandoned", "[upstream][breaker]") {
  CircuitBreaker b;
  const auto t0 = Clock::now();
  fail(b, t0, 3);
  {
    const CircuitBreaker::Admission a = b.admit(t0 + 2000ms);
    REQUIRE(a.probe);
    CircuitPermit permit(&b, a.probe);
    CHECK(b.state() == CircuitState::kHalfOpen);
  }
  CHECK(b.state() == CircuitState::kOpen);
  {
    const CircuitBreaker::Admission a = b.admit(Clock::now());
    REQUIRE(a.probe);
    CircuitPermit permit(&b, a.probe);
    permit.succeeded();
  }
  CHECK(b.state() == CircuitState::kClosed);
}

TEST_CASE("breaker: threads racing at the end of open_ms get exactly one probe", "[upstream][breaker]") {
  CircuitBreaker b;
  const auto t0 = Clock::now();
  fail(b, t0, 3);
  const auto t1 = t0 + 2000ms;
  std::atomic<int> probes{0};
  std::atomic<int> refused{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      while (!go.load()) std::this_thread::yield();
      for (int k = 0; k < 1000; ++k) {
        const CircuitBreaker::Admission a = b.admit(t1);
        if (a.probe) {
          ++probes;
        } else if (!a.allowed) {
          ++refused;
        }
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  CHECK(probes.load() == 1);
  CHECK(refused.load() == 8 * 1000 - 1);
}

TEST_CASE("breaker: concurrent failures open the circuit once", "[upstream][breaker]") {
  CircuitBreaker b;
  const CircuitBreakerSettings settings{50, 60000};
  std::vector<std::thread> threads;
  const auto now = Clock::now();
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 100; ++k) {
        const CircuitBreaker::Admission a = b.admit(now);
        if (a.allowed) b.record_failure(a.probe, settings, now);
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(b.state() == CircuitState::kOpen);
  CHECK(b.opened_total() == 1);
}

}  // namespace
}  // namespace profilegw::core::upstream
