#include "gateway/control/restart_settings.h"

namespace profilegw::gateway {

std::vector<std::string> keep_restart_settings(config::Config& next, const config::Config& running) {
  std::vector<std::string> changed;
  if (!(next.listen == running.listen)) changed.emplace_back("listen");
  if (next.admin != running.admin) changed.emplace_back("admin");
  if (!(next.limits == running.limits)) changed.emplace_back("limits");
  if (next.log.format != running.log.format) changed.emplace_back("log.format");
  if (next.watch != running.watch) changed.emplace_back("watch");
  next.listen = running.listen;
  next.admin = running.admin;
  next.limits = running.limits;
  next.log.format = running.log.format;
  next.watch = running.watch;
  return changed;
}

}  // namespace profilegw::gateway
