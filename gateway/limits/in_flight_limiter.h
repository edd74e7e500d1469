// The per-process cap on requests being handled (limits.max_in_flight), all threads together. Over the
// cap a request is shed at once (503 service_unavailable, Retry-After: 1) rather than queued: a
// gateway that queues when its backends slow down turns a slow minute into a dead one.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

namespace profilegw::gateway {

class InFlightLimiter {
 public:
  // Holds one place under the cap until destroyed.
  class Slot {
   public:
    explicit Slot(std::atomic<std::int64_t>& count) : count_(&count) {}
    ~Slot() {
      if (count_ != nullptr) count_->fetch_sub(1, std::memory_order_relaxed);
    }
    Slot(Slot&& other) noexcept : count_(other.count_) { other.count_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept {
      if (this != &other) {
        if (count_ != nullptr) count_->fetch_sub(1, std::memory_order_relaxed);
        count_ = other.count_;
        other.count_ = nullptr;
      }
      return *this;
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    std::atomic<std::int64_t>* count_;
  };

  // A place when fewer than `limit` requests hold one; nullopt: shed this request.
  std::optional<Slot> try_enter(std::int64_t limit);

  // Requests holding a place now (the profilegw_in_flight_requests gauge).
  std::int64_t current() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> count_{0};
};

}  // namespace profilegw::gateway
