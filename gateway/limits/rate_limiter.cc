#include "gateway/limits/rate_limiter.h"

#include <cmath>

namespace profilegw::gateway {

RateLimiters::Bucket& RateLimiters::bucket_for(const core::Tenant& tenant, Clock::time_point now) {
  {
    std::shared_lock lock(mutex_);
    if (auto it = buckets_.find(tenant.id); it != buckets_.end()) return *it->second;
  }
  std::unique_lock lock(mutex_);
  auto& slot = buckets_[tenant.id];
  if (!slot) {
    slot = std::make_unique<Bucket>();
    slot->tokens = tenant.rate_limit->burst;
    slot->rate = tenant.rate_limit->requests_per_second;
    slot->burst = tenant.rate_limit->burst;
    slot->last = now;
  }
  return *slot;
}

std::optional<core::Problem> RateLimiters::admit(const core::Tenant& tenant, Clock::time_point now) {
  if (!tenant.rate_limit) return std::nullopt;
  Bucket& b = bucket_for(tenant, now);
  std::lock_guard lock(b.mutex);
  // A reload may change the limit: the bucket keeps its tokens, capped to the new burst.
  if (b.rate != tenant.rate_limit->requests_per_second || b.burst != tenant.rate_limit->burst) {
    b.rate = tenant.rate_limit->requests_per_second;
    b.burst = tenant.rate_limit->burst;
    b.tokens = std::min(b.tokens, b.burst);
  }
  const double elapsed = std::chrono::duration<double>(now - b.last).count();
  if (elapsed > 0) {
    b.tokens = std::min(b.burst, b.tokens + elapsed * b.rate);
    b.last = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::nullopt;
  }
  const double wait = (1.0 - b.tokens) / b.rate;
  core::Problem p = core::Problem::make(core::ProblemCode::kRateLimited,
                                        "tenant " + tenant.id + " is over its rate limit");
  p.retry_after_seconds = static_cast<long>(std::ceil(wait));
  if (*p.retry_after_seconds < 1) p.retry_after_seconds = 1;
  return p;
}

}  // namespace profilegw::gateway
