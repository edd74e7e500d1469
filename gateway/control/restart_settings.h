// The settings a running gateway cannot change in place (sockets, thread count, server limits, the
// admin listener and its token, log format, the file watch): a reload or admin change keeps the
// values in force for them, and says which ones the new file changed, so the operator knows a
// restart is needed for those.
#pragma once

#include <string>
#include <vector>

#include "config/config_model.h"

namespace profilegw::gateway {

// Copies the restart-only settings of `running` into `next`. Returns the names of those `next`
// had different ("listen", "admin", "limits", "log.format", "watch"), in that order.
std::vector<std::string> keep_restart_settings(config::Config& next, const config::Config& running);

}  // namespace profilegw::gateway
