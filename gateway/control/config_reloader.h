// Reloads the config file into a new snapshot (SIGHUP, POST /admin/reload, file watch). An invalid
// file changes nothing: every problem is logged and counted; the snapshot in force stays.
// Also the one place that turns an accepted config into a snapshot ready to publish (restart-only
// settings kept, warnings logged), for reloads and admin API changes alike, and the owner of the
// mutex that serialises everything that publishes or rewrites the file.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_loader.h"
#include "config/snapshot_store.h"
#include "core/adapter.h"
#include "core/metrics/metrics_registry.h"
#include "gateway/control/file_signature.h"
#include "gateway/control/reload_status.h"

namespace profilegw::gateway {

struct ReloadOutcome {
  bool ok = false;
  std::uint64_t generation = 0;       // the generation in force afterwards
  std::vector<config::Issue> issues;  // the errors that rejected the file (empty when ok)
};

class ConfigReloader {
 public:
  // Declares its metrics (reload counter series, last-result gauges) in `metrics`.
  ConfigReloader(std::string path, config::SnapshotStore& store, const core::AdapterRegistry& registry,
                 core::metrics::Registry& metrics, ReloadStatus& status);

  // Serialised: concurrent reloads (signal, admin, watcher) run one after the other.
  ReloadOutcome reload(std::string_view trigger);

  // For the file watcher: reloads only when the file differs from the version last loaded or
  // written by the admin API; nullopt when it does not.
  std::optional<ReloadOutcome> reload_if_changed(std::string_view trigger);

  // The snapshot for an accepted config, not yet published: restart-only settings kept from the
  // snapshot in force (a warning names those the new config changed), load warnings logged.
  // Call with write_mutex() held.
  std::shared_ptr<config::Snapshot> prepare(config::LoadedConfig loaded, std::string_view trigger);

  // After `published` went into force (call with write_mutex() held): applies the log level, and,
  // with `file_written`, remembers that the file on disk now is the one in force (so the watcher
  // does not reload the admin API's own write).
  void after_publish(const config::Snapshot& published, bool file_written);

  const std::string& path() const { return path_; }
  config::SnapshotStore& store() { return store_; }
  const core::AdapterRegistry& registry() const { return registry_; }
  // Held by whoever publishes or rewrites the file (reloads, the admin API).
  std::mutex& write_mutex() { return mutex_; }

 private:
  ReloadOutcome reload_locked(std::string_view trigger);

  std::string path_;
  config::SnapshotStore& store_;
  const core::AdapterRegistry& registry_;
  core::metrics::Registry& metrics_;
  ReloadStatus& status_;
  std::mutex mutex_;
  FileSignature known_file_;  // guarded by mutex_: the file version last loaded or written
};

}  // namespace profilegw::gateway
