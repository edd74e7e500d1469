// Applies one admin API change to the config (CONTRACT.md section 4): edits a copy of the raw
// document in force (placeholders intact), validates it as a whole new config, writes it back
// atomically, and only then publishes it, so a crash keeps every change that was answered 2xx and
// a rejected change changes nothing. Runs under the reloader's mutex, so a reload cannot slip in
// between reading the config in force and publishing the edited one.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "config/snapshot.h"
#include "core/problem.h"
#include "core/result.h"
#include "gateway/control/config_reloader.h"

namespace profilegw::gateway::admin {

class ConfigEditor {
 public:
  explicit ConfigEditor(ConfigReloader& reloader) : reloader_(reloader) {}

  // Edits the document in place, or says why the change is refused (nothing is written then).
  // May run more than once for one change (when the config in force changed meanwhile).
  using Edit = std::function<std::optional<core::Problem>(rapidjson::Document& raw)>;

  // The published snapshot, or the problem: the edit's own, 422 validation_failed (field paths
  // relative to `focus_tenant` for its own fields), 500 internal_error when the file cannot be
  // written, 409 conflict when the config kept changing underneath.
  core::Result<std::shared_ptr<const config::Snapshot>> apply(const Edit& edit,
                                                              std::string_view focus_tenant);

 private:
  ConfigReloader& reloader_;
};

}  // namespace profilegw::gateway::admin
