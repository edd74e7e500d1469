// Per-tenant token buckets (config `rate_limit`), shared by all server threads. A tenant without
// `rate_limit` is never limited. Over the limit: 429 rate_limited with Retry-After.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "core/problem.h"
#include "core/service/tenant.h"

namespace profilegw::gateway {

class RateLimiters {
 public:
  using Clock = std::chrono::steady_clock;

  // Takes one token from the tenant's bucket, or says how long to wait.
  std::optional<core::Problem> admit(const core::Tenant& tenant, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    std::mutex mutex;
    double tokens = 0;
    double rate = 0;
    double burst = 0;
    Clock::time_point last;
  };
  Bucket& bucket_for(const core::Tenant& tenant, Clock::time_point now);

  std::shared_mutex mutex_;
  std::unordered_map<std::string, std::unique_ptr<Bucket>> buckets_;
};

}  // namespace profilegw::gateway
