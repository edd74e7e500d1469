// A tenant as the data path sees it: resolved once per config snapshot from config::TenantConfig,
// immutable, shared by all threads through the snapshot.
#pragma once

#include <optional>
#include <string>

#include "core/adapter.h"
#include "core/service/call_context.h"
#include "core/upstream/upstream_target.h"

namespace profilegw::core {

struct RateLimitSettings {
  double requests_per_second = 0;
  double burst = 0;
};

struct Tenant {
  std::string id;
  std::string provider;
  const Adapter* adapter = nullptr;  // never null in a valid snapshot
  upstream::UpstreamTarget upstream;
  PathTemplates paths;  // provider defaults with upstream.paths overrides
  CustomerAuthScheme customer_auth = CustomerAuthScheme::kBearer;
  std::optional<RateLimitSettings> rate_limit;
};

}  // namespace profilegw::core
