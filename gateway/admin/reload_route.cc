#include "gateway/admin/reload_route.h"

#include "gateway/admin/tenant_document.h"

namespace profilegw::gateway::admin {

core::Result<AdminReply> reload_route(ConfigReloader& reloader) {
  ReloadOutcome outcome = reloader.reload("admin");
  if (!outcome.ok) {
    core::Problem p = config_problem(outcome.issues, std::nullopt);
    p.detail = "the config file was rejected, the config in force stays (generation " +
               std::to_string(outcome.generation) + "): " + p.detail;
    return p;
  }
  AdminReply reply;
  reply.generation = outcome.generation;
  reply.body = R"({"ok":true,"config_generation":)" + std::to_string(outcome.generation) + "}";
  return reply;
}

}  // namespace profilegw::gateway::admin
