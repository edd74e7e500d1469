// Per-tenant token buckets, driven with explicit time points: burst, refill, Retry-After, tenants
// apart, a reload that changes the limit, and threads sharing one bucket.
#include "gateway/limits/rate_limiter.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

namespace profilegw::gateway {
namespace {

using namespace std::chrono_literals;
using Clock = RateLimiters::Clock;

core::Tenant limited(std::string id, double rps, double burst) {
  core::Tenant t;
  t.id = std::move(id);
  t.rate_limit = core::RateLimitSettings{rps, burst};
  return t;
}

TEST_CASE("rate limit: a burst over the bucket is refused with 429 and Retry-After", "[gateway][limits]") {
  RateLimiters limiters;
  const core::Tenant t = limited("a", 1, 5);
  const auto now = Clock::now();
  int refused = 0;
  for (int i = 0; i < 8; ++i) {
    if (auto p = limiters.admit(t, now)) {
      ++refused;
      CHECK(p->code == core::ProblemCode::kRateLimited);
      CHECK(p->status() == 429);
      CHECK(p->retry_after_seconds == std::optional<long>(1));
    }
  }
  CHECK(refused == 3);
}

TEST_CASE("rate limit: tokens come back at requests_per_second, up to burst", "[gateway][limits]") {
  RateLimiters limiters;
  const core::Tenant t = limited("a", 10, 2);
  const auto t0 = Clock::now();
  CHECK_FALSE(limiters.admit(t, t0));
  CHECK_FALSE(limiters.admit(t, t0));
  CHECK(limiters.admit(t, t0));
  CHECK(limiters.admit(t, t0 + 50ms));     // half a token
  CHECK_FALSE(limiters.admit(t, t0 + 100ms));
  CHECK_FALSE(limiters.admit(t, t0 + 10s));  // a long pause refills to burst, not beyond
  CHECK_FALSE(limiters.admit(t, t0 + 10s));
  CHECK(limiters.admit(t, t0 + 10s));
}

TEST_CASE("rate limit: Retry-After is the time to the next token, rounded up", "[gateway][limits]") {
  RateLimiters limiters;
  const core::Tenant slow = limited("slow", 0.1, 1);  // one token per 10 s
  const auto t0 = Clock::now();
  CHECK_FALSE(limiters.admit(slow, t0));
  auto p = limiters.admit(slow, t0 + 2500ms);
  REQUIRE(p);
  CHECK(p->retry_after_seconds == std::optional<long>(8));  // 7.5 s left
}

TEST_CASE("rate limit: tenants have their own buckets; no rate_limit means no limit", "[gateway][limits]") {
  RateLimiters limiters;
  const core::Tenant a = limited("a", 0.001, 1);
  const core::Tenant b = limited("b", 0.001, 1);
  core::Tenant free_tenant;
  free_tenant.id = "free";
  const auto now = Clock::now();
  CHECK_FALSE(limiters.admit(a, now));
  CHECK(limiters.admit(a, now));
  CHECK_FALSE(limiters.admit(b, now));
  for (int i = 0; i < 1000; ++i) CHECK_FALSE(limiters.admit(free_tenant, now));
}

TEST_CASE("rate limit: a reload's new limit applies to the same bucket", "[gateway][limits]") {
  RateLimiters limiters;
  const auto now = Clock::now();
  const core::Tenant before = limited("a", 1, 10);
  for (int i = 0; i < 3; ++i) CHECK_FALSE(limiters.admit(before, now));
  const core::Tenant after = limited("a", 1, 2);  // tokens capped to the new burst
  CHECK_FALSE(limiters.admit(after, now));
  CHECK_FALSE(limiters.admit(after, now));
  CHECK(limiters.admit(after, now));
}

TEST_CASE("rate limit: threads sharing a bucket admit exactly burst requests", "[gateway][limits]") {
  RateLimiters limiters;
  const core::Tenant t = limited("a", 0.001, 100);
  const auto now = Clock::now();
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 100; ++k) {
        if (!limiters.admit(t, now)) ++admitted;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(admitted.load() == 100);
}

}  // namespace
}  // namespace profilegw::gateway
