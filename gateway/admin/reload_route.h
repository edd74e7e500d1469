// POST /admin/reload: reloads the config file, as SIGHUP does, and says how it went: 200
// {"ok":true,"config_generation":N}, or 422 validation_failed with every problem of the file
// (absolute config paths) while the config in force stays.
#pragma once

#include "core/result.h"
#include "gateway/admin/admin_reply.h"
#include "gateway/control/config_reloader.h"

namespace profilegw::gateway::admin {

core::Result<AdminReply> reload_route(ConfigReloader& reloader);

}  // namespace profilegw::gateway::admin
