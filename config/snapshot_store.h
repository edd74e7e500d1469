// Holds the config snapshot in force and hands it to the data path cheaply (DESIGN.md section 6):
// publishing swaps a shared_ptr under a mutex and bumps an atomic generation; each I/O thread
// keeps a SnapshotCache that re-reads the shared_ptr only when the generation has changed, so a
// request costs one atomic load, not an atomic shared_ptr copy.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "config/snapshot.h"

namespace profilegw::config {

class SnapshotStore {
 public:
  SnapshotStore() = default;
  SnapshotStore(const SnapshotStore&) = delete;
  SnapshotStore& operator=(const SnapshotStore&) = delete;

  // The snapshot in force (null before the first publish).
  std::shared_ptr<const Snapshot> current() const;
  // 0 before the first publish, then 1, 2, ... (each publish adds one).
  std::uint64_t generation() const noexcept { return generation_.load(std::memory_order_acquire); }

  // Stamps `next` with the next generation and puts it in force; returns it. `next` must not be
  // shared with other threads yet (its generation is written here).
  std::shared_ptr<const Snapshot> publish(std::shared_ptr<Snapshot> next);

  // Like publish, but only if the generation is still `expected` (no reload or admin change slipped
  // in since the caller read current()); null, and nothing changes, otherwise.
  std::shared_ptr<const Snapshot> publish_if(std::uint64_t expected, std::shared_ptr<Snapshot> next);

 private:
  std::shared_ptr<const Snapshot> publish_locked(std::shared_ptr<Snapshot> next,
                                                 std::shared_ptr<const Snapshot>& previous);

  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> current_;  // guarded by mutex_
  std::atomic<std::uint64_t> generation_{0};
};

// One per thread (not thread-safe itself). An idle thread keeps its last snapshot alive until its
// next get(); that is the price of not touching shared state per request.
class SnapshotCache {
 public:
  explicit SnapshotCache(const SnapshotStore& store) : store_(&store) {}

  // The snapshot in force; a request should copy the shared_ptr and use that copy throughout.
  const std::shared_ptr<const Snapshot>& get() {
    if (store_->generation() != generation_) [[unlikely]]
      refresh();
    return snapshot_;
  }

 private:
  void refresh();

  const SnapshotStore* store_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::uint64_t generation_ = 0;
};

}  // namespace profilegw::config
