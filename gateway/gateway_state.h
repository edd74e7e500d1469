// What every server thread shares: the config snapshots, the metrics registry, the rate limiters
// and readiness. Built once in main; lives as long as the server.
#pragma once

#include <atomic>
#include <string>

#include "config/snapshot_store.h"
#include "core/metrics/metrics_registry.h"
#include "core/upstream/upstream_health.h"
#include "gateway/control/reload_status.h"
#include "gateway/limits/in_flight_limiter.h"
#include "gateway/limits/rate_limiter.h"

namespace profilegw::gateway {

struct GatewayState {
  GatewayState(config::SnapshotStore& store, core::metrics::Registry& registry)
      : snapshots(store), metrics(registry) {}

  config::SnapshotStore& snapshots;
  core::metrics::Registry& metrics;
  RateLimiters rate_limiters;
  InFlightLimiter in_flight;                          // limits.max_in_flight
  core::upstream::UpstreamHealthRegistry upstreams;  // circuit breakers and pool figures, per pool key
  ReloadStatus reload_status;  // the latest config load, for /readyz
  std::string openapi_document;  // built once at start-up
  std::atomic<bool> ready{false};
  std::atomic<bool> draining{false};
};

}  // namespace profilegw::gateway
