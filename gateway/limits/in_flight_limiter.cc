#include "gateway/limits/in_flight_limiter.h"

namespace profilegw::gateway {

std::optional<InFlightLimiter::Slot> InFlightLimiter::try_enter(std::int64_t limit) {
  // Optimistic increment, undone when over: one atomic operation on the common path.
  if (count_.fetch_add(1, std::memory_order_relaxed) >= limit) {
    count_.fetch_sub(1, std::memory_order_relaxed);
    return std::nullopt;
  }
  return Slot(count_);
}

}  // namespace profilegw::gateway
