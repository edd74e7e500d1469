#include "gateway/control/config_reloader.h"

#include "config/snapshot.h"
#include "core/logging/log.h"
#include "gateway/control/restart_settings.h"

namespace profilegw::gateway {

ConfigReloader::ConfigReloader(std::string path, config::SnapshotStore& store,
                               const core::AdapterRegistry& registry, core::metrics::Registry& metrics,
                               ReloadStatus& status)
    : path_(std::move(path)), store_(store), registry_(registry), metrics_(metrics), status_(status) {
  known_file_ = file_signature(path_);
  // Both series exist from the start, so rate() and alerts on failures work before the first one.
  metrics_.control_shard().add("profilegw_config_reloads_total", {{"result", "success"}}, 0.0);
  metrics_.control_shard().add("profilegw_config_reloads_total", {{"result", "failure"}}, 0.0);
  metrics_.describe(
      "profilegw_config_last_reload_success", "gauge",
      "1 when the latest config load (start-up or reload) was accepted, 0 when it was rejected.");
  metrics_.describe("profilegw_config_last_reload_timestamp_seconds", "gauge",
                    "Unix time of the latest config load attempt.");
  metrics_.gauge("profilegw_config_last_reload_success", [this] {
    return std::vector<std::pair<std::string, double>>{{"", status_.latest().ok ? 1.0 : 0.0}};
  });
  metrics_.gauge("profilegw_config_last_reload_timestamp_seconds", [this] {
    const auto at = status_.latest().at.time_since_epoch();
    return std::vector<std::pair<std::string, double>>{{"", std::chrono::duration<double>(at).count()}};
  });
}

ReloadOutcome ConfigReloader::reload(std::string_view trigger) {
  std::lock_guard lock(mutex_);
  return reload_locked(trigger);
}

std::optional<ReloadOutcome> ConfigReloader::reload_if_changed(std::string_view trigger) {
  std::lock_guard lock(mutex_);
  if (file_signature(path_) == known_file_) return std::nullopt;
  return reload_locked(trigger);
}

ReloadOutcome ConfigReloader::reload_locked(std::string_view trigger) {
  ReloadOutcome outcome;
  // Taken before reading: a change racing the read shows up as a difference next time (one more
  // reload), never as a change missed.
  known_file_ = file_signature(path_);
  config::LoadResult loaded = config::load_config_file(path_, config::process_env(), registry_);
  if (!loaded.ok()) {
    for (config::Issue& issue : loaded.issues) {
      if (!issue.is_error()) continue;
      core::log::error("config_reload_issue",
                       {{"trigger", trigger}, {"problem", config::format_issue(issue)}});
      outcome.issues.push_back(std::move(issue));
    }
    outcome.generation = store_.generation();
    core::log::error("config_reload_rejected", {{"trigger", trigger},
                                                {"problems", outcome.issues.size()},
                                                {"config_generation", outcome.generation}});
    metrics_.control_shard().add("profilegw_config_reloads_total", {{"result", "failure"}});
    status_.record(false, outcome.issues.size(), trigger);
    return outcome;
  }
  auto published = store_.publish(prepare(std::move(*loaded.loaded), trigger));
  after_publish(*published, false);
  outcome.ok = true;
  outcome.generation = published->generation();
  metrics_.control_shard().add("profilegw_config_reloads_total", {{"result", "success"}});
  status_.record(true, 0, trigger);
  core::log::info("config_reloaded", {{"trigger", trigger},
                                      {"config_generation", outcome.generation},
                                      {"tenants", published->tenants().size()}});
  return outcome;
}

std::shared_ptr<config::Snapshot> ConfigReloader::prepare(config::LoadedConfig loaded,
                                                          std::string_view trigger) {
  for (const config::Issue& warning : loaded.warnings) {
    core::log::warn("config_warning", {{"trigger", trigger}, {"problem", config::format_issue(warning)}});
  }
  if (const auto running = store_.current()) {
    const std::vector<std::string> changed = keep_restart_settings(loaded.config, running->config());
    if (!changed.empty()) {
      std::string names;
      for (const std::string& name : changed) names += (names.empty() ? "" : ",") + name;
      core::log::warn("config_restart_required", {{"trigger", trigger},
                                                  {"settings", names},
                                                  {"detail", "kept the values in force until a restart"}});
    }
  }
  return config::Snapshot::build(std::move(loaded), registry_);
}

void ConfigReloader::after_publish(const config::Snapshot& published, bool file_written) {
  core::log::set_level(config::to_string(published.config().log.level));
  if (file_written) known_file_ = file_signature(path_);
}

}  // namespace profilegw::gateway
