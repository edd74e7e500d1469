#include "gateway/control/config_reloader.h"

#include "config/snapshot.h"
#include "core/logging/log.h"

namespace profilegw::gateway {

ConfigReloader::ConfigReloader(std::string path, config::SnapshotStore& store,
                               const core::AdapterRegistry& registry, core::metrics::Registry& metrics)
    : path_(std::move(path)), store_(store), registry_(registry), metrics_(metrics) {}

ReloadOutcome ConfigReloader::reload(std::string_view trigger) {
  std::lock_guard lock(mutex_);
  ReloadOutcome outcome;
  config::LoadResult loaded = config::load_config_file(path_, config::process_env(), registry_);
  if (!loaded.ok()) {
    for (const config::Issue& issue : loaded.issues) {
      std::string line = config::format_issue(issue);
      core::log::error("config_reload_issue", {{"trigger", trigger}, {"problem", line}});
      outcome.problems.push_back(std::move(line));
    }
    outcome.generation = store_.generation();
    core::log::error("config_reload_rejected", {{"trigger", trigger},
                                                {"problems", outcome.problems.size()},
                                                {"config_generation", outcome.generation}});
    metrics_.control_shard().add("profilegw_config_reloads_total", {{"result", "failure"}});
    last_ok_ = false;
    return outcome;
  }
  auto published = store_.publish(config::Snapshot::build(std::move(*loaded.loaded), registry_));
  outcome.ok = true;
  outcome.generation = published->generation();
  metrics_.control_shard().add("profilegw_config_reloads_total", {{"result", "success"}});
  last_ok_ = true;
  core::log::info("config_reloaded", {{"trigger", trigger},
                                      {"config_generation", outcome.generation},
                                      {"tenants", published->tenants().size()}});
  return outcome;
}

}  // namespace profilegw::gateway
