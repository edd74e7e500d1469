#include "gateway/admin/config_editor.h"

#include <mutex>

#include "config/config_writer.h"
#include "config/substitution.h"
#include "core/logging/log.h"
#include "gateway/admin/tenant_document.h"

namespace profilegw::gateway::admin {
namespace {

// Every publisher holds the same mutex, so one attempt is the rule; the bound only keeps a bug
// from turning into a spin.
constexpr int kAttempts = 3;

}  // namespace

core::Result<std::shared_ptr<const config::Snapshot>> ConfigEditor::apply(const Edit& edit,
                                                                          std::string_view focus_tenant) {
  std::lock_guard lock(reloader_.write_mutex());
  config::SnapshotStore& store = reloader_.store();
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const std::shared_ptr<const config::Snapshot> current = store.current();
    if (!current || !current->raw_document()) {
      return core::Problem::make(core::ProblemCode::kInternalError,
                                 "the config in force has no document to edit");
    }
    const std::uint64_t expected = current->generation();

    rapidjson::Document raw;
    raw.CopyFrom(*current->raw_document(), raw.GetAllocator());
    if (std::optional<core::Problem> refused = edit(raw)) return std::move(*refused);

    config::LoadResult loaded =
        config::load_config_document(raw, config::process_env(), reloader_.registry());
    if (!loaded.ok()) return config_problem(loaded.issues, find_tenant(raw, focus_tenant));

    std::shared_ptr<config::Snapshot> next = reloader_.prepare(std::move(*loaded.loaded), "admin");
    // Nothing may be written on top of a config that is no longer the one in force.
    if (store.generation() != expected) continue;
    if (std::optional<std::string> error = config::persist_config(reloader_.path(), *next->raw_document())) {
      core::log::error("admin_persist_failed", {{"error", *error}});
      return core::Problem::make(core::ProblemCode::kInternalError,
                                 "cannot write the config file, nothing changed: " + *error);
    }
    std::shared_ptr<const config::Snapshot> published = store.publish_if(expected, std::move(next));
    if (!published) continue;
    reloader_.after_publish(*published, true);
    return published;
  }
  return core::Problem::make(core::ProblemCode::kConflict,
                             "the config changed while this change was applied; retry");
}

}  // namespace profilegw::gateway::admin
