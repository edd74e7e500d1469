// Reloads the config file into a new snapshot (SIGHUP, POST /admin/reload, file watch). An invalid
// file changes nothing: every problem is logged and counted; the snapshot in force stays.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "config/config_loader.h"
#include "config/snapshot_store.h"
#include "core/adapter.h"
#include "core/metrics/metrics_registry.h"

namespace profilegw::gateway {

struct ReloadOutcome {
  bool ok = false;
  std::uint64_t generation = 0;      // the generation in force afterwards
  std::vector<std::string> problems;  // "PATH: message" lines when rejected
};

class ConfigReloader {
 public:
  ConfigReloader(std::string path, config::SnapshotStore& store, const core::AdapterRegistry& registry,
                 core::metrics::Registry& metrics);

  // Serialised: concurrent reloads (signal, admin, watcher) run one after the other.
  ReloadOutcome reload(std::string_view trigger);

  const std::string& path() const { return path_; }
  std::mutex& write_mutex() { return mutex_; }  // held by whoever rewrites the file (admin API)
  bool last_ok() const { return last_ok_.load(std::memory_order_relaxed); }

 private:
  std::string path_;
  config::SnapshotStore& store_;
  const core::AdapterRegistry& registry_;
  core::metrics::Registry& metrics_;
  std::mutex mutex_;
  std::atomic<bool> last_ok_{true};
};

}  // namespace profilegw::gateway
