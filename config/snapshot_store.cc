#include "config/snapshot_store.h"

#include <stdexcept>
#include <utility>

namespace profilegw::config {

std::shared_ptr<const Snapshot> SnapshotStore::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::shared_ptr<const Snapshot> SnapshotStore::publish(std::shared_ptr<Snapshot> next) {
  std::shared_ptr<const Snapshot> previous;  // destroyed after the lock is released
  std::lock_guard lock(mutex_);
  return publish_locked(std::move(next), previous);
}

std::shared_ptr<const Snapshot> SnapshotStore::publish_if(std::uint64_t expected,
                                                          std::shared_ptr<Snapshot> next) {
  std::shared_ptr<const Snapshot> previous;  // destroyed after the lock is released
  std::lock_guard lock(mutex_);
  if (generation_.load(std::memory_order_relaxed) != expected) return nullptr;
  return publish_locked(std::move(next), previous);
}

std::shared_ptr<const Snapshot> SnapshotStore::publish_locked(std::shared_ptr<Snapshot> next,
                                                              std::shared_ptr<const Snapshot>& previous) {
  if (!next) throw std::invalid_argument("config::SnapshotStore::publish: null snapshot");
  const std::uint64_t generation = generation_.load(std::memory_order_relaxed) + 1;
  next->generation_ = generation;
  previous = std::exchange(current_, std::move(next));
  // Release: a thread that sees the new generation and then takes the mutex sees current_.
  generation_.store(generation, std::memory_order_release);
  return current_;
}

void SnapshotCache::refresh() {
  std::shared_ptr<const Snapshot> fresh = store_->current();
  generation_ = fresh ? fresh->generation() : 0;
  // The old snapshot may be the last reference: release it after the new one is in place.
  std::swap(snapshot_, fresh);
}

}  // namespace profilegw::config
