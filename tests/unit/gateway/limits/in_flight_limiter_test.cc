// The per-process cap on requests in flight: places are taken up to the limit, given back when a
// Slot ends, and the count stays exact under threads racing for the last places.
#include "gateway/limits/in_flight_limiter.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

namespace profilegw::gateway {
namespace {

TEST_CASE("in flight: places up to the limit, then none until one is given back", "[gateway][limits]") {
  InFlightLimiter limiter;
  std::optional<InFlightLimiter::Slot> a = limiter.try_enter(2);
  std::optional<InFlightLimiter::Slot> b = limiter.try_enter(2);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(limiter.current() == 2);
  CHECK_FALSE(limiter.try_enter(2));
  CHECK(limiter.current() == 2);  // a refused attempt leaves no trace
  a.reset();
  CHECK(limiter.current() == 1);
  std::optional<InFlightLimiter::Slot> c = limiter.try_enter(2);
  CHECK(c);
  // A lowered limit (reload) refuses newcomers until enough places are given back.
  CHECK_FALSE(limiter.try_enter(1));
}

TEST_CASE("in flight: a moved slot is given back once", "[gateway][limits]") {
  InFlightLimiter limiter;
  {
    std::optional<InFlightLimiter::Slot> a = limiter.try_enter(5);
    REQUIRE(a);
    InFlightLimiter::Slot moved = std::move(*a);
    a.reset();
    CHECK(limiter.current() == 1);
    std::optional<InFlightLimiter::Slot> other = limiter.try_enter(5);
    *other = std::move(moved);
    CHECK(limiter.current() == 1);
  }
  CHECK(limiter.current() == 0);
}

TEST_CASE("in flight: threads never hold more than the limit", "[gateway][limits]") {
  InFlightLimiter limiter;
  constexpr int kLimit = 3;
  std::atomic<int> holding{0};
  std::atomic<int> worst{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 20000; ++k) {
        if (auto slot = limiter.try_enter(kLimit)) {
          const int now = ++holding;
          int seen = worst.load();
          while (now > seen && !worst.compare_exchange_weak(seen, now)) {
          }
          --holding;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(worst.load() <= kLimit);
  CHECK(limiter.current() == 0);
}

}  // namespace
}  // namespace profilegw::gateway
