#include "config/snapshot_store.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "fake_adapters.h"

using namespace profilegw::config;
using namespace profilegw::config::testing;

namespace {

std::shared_ptr<Snapshot> snapshot_with_threads(int threads) {
  Config c;
  c.listen.threads = threads;
  return Snapshot::build(std::move(c), fake_registry());
}

}  // namespace

TEST_CASE("publishing stamps generations in order", "[config][store]") {
  SnapshotStore store;
  CHECK(store.generation() == 0);
  CHECK(store.current() == nullptr);

  auto first = store.publish(snapshot_with_threads(1));
  CHECK(store.generation() == 1);
  CHECK(first->generation() == 1);
  CHECK(store.current() == first);

  auto second = store.publish(snapshot_with_threads(2));
  CHECK(store.generation() == 2);
  CHECK(second->generation() == 2);
  CHECK(store.current() == second);
  CHECK(first->config().listen.threads == 1);  // the old one is still whole for whoever holds it
  CHECK_THROWS_AS(store.publish(nullptr), std::invalid_argument);
  CHECK(store.generation() == 2);
}

TEST_CASE("publish_if refuses a stale base", "[config][store]") {
  SnapshotStore store;
  store.publish(snapshot_with_threads(1));
  const std::uint64_t seen = store.generation();
  store.publish(snapshot_with_threads(2));  // a reload slips in
  CHECK(store.publish_if(seen, snapshot_with_threads(3)) == nullptr);
  CHECK(store.current()->config().listen.threads == 2);
  auto ok = store.publish_if(store.generation(), snapshot_with_threads(4));
  REQUIRE(ok != nullptr);
  CHECK(ok->generation() == 3);
  CHECK(store.current()->config().listen.threads == 4);
}

TEST_CASE("a cache refreshes only when the generation changes", "[config][store]") {
  SnapshotStore store;
  SnapshotCache cache(store);
  CHECK(cache.get() == nullptr);
  auto first = store.publish(snapshot_with_threads(1));
  const std::shared_ptr<const Snapshot>& seen = cache.get();
  CHECK(seen == first);
  CHECK(&cache.get() == &seen);  // same cached pointer, no copy
  auto second = store.publish(snapshot_with_threads(2));
  CHECK(cache.get() == second);
  CHECK(cache.get()->generation() == 2);
}

TEST_CASE("readers on another thread see every publish in order and the last one at the end",
          "[config][store]") {
  constexpr int kPublishes = 200;
  SnapshotStore store;
  store.publish(snapshot_with_threads(1));
  std::atomic<bool> done{false};
  std::atomic<bool> ordered{true};
  std::atomic<std::uint64_t> reader_last{0};

  std::thread reader([&] {
    SnapshotCache cache(store);
    std::uint64_t last = 0;
    for (;;) {
      const bool finishing = done.load(std::memory_order_acquire);
      std::shared_ptr<const Snapshot> s = cache.get();  // a request's copy
      if (s == nullptr || s->generation() < last ||
          s->config().listen.threads != static_cast<int>(s->generation())) {
        ordered = false;
      }
      if (s != nullptr) last = s->generation();
      if (finishing) break;
    }
    reader_last = last;
  });

  for (int i = 2; i <= kPublishes; ++i) store.publish(snapshot_with_threads(i));
  done.store(true, std::memory_order_release);
  reader.join();
  CHECK(ordered.load());
  CHECK(reader_last.load() == kPublishes);
  CHECK(store.generation() == kPublishes);
}
