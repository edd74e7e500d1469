#include "core/upstream/upstream_health.h"

namespace profilegw::core::upstream {

std::shared_ptr<UpstreamHealth> UpstreamHealthRegistry::get(std::string_view pool_key) {
  std::lock_guard lock(mutex_);
  auto it = by_key_.find(pool_key);
  if (it == by_key_.end()) it = by_key_.emplace(std::string(pool_key), std::make_shared<UpstreamHealth>()).first;
  return it->second;
}

std::shared_ptr<const UpstreamHealth> UpstreamHealthRegistry::find(std::string_view pool_key) const {
  std::lock_guard lock(mutex_);
  auto it = by_key_.find(pool_key);
  return it == by_key_.end() ? nullptr : it->second;
}

std::vector<std::pair<std::string, std::shared_ptr<const UpstreamHealth>>> UpstreamHealthRegistry::entries() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, std::shared_ptr<const UpstreamHealth>>> out;
  out.reserve(by_key_.size());
  for (const auto& [key, health] : by_key_) out.emplace_back(key, health);
  return out;
}

}  // namespace profilegw::core::upstream
