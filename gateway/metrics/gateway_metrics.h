// The gateway's metric families, declared in one place (names, types, help), the gauges read at
// scrape time from the server, the config store and the shared upstream state, and the per-request
// recording of what the upstream client reported.
#pragma once

#include <string_view>

#include "config/snapshot_store.h"
#include "core/metrics/metrics_registry.h"
#include "core/upstream/send_report.h"
#include "gateway/gateway_state.h"
#include "gateway/server/server.h"

namespace profilegw::gateway {

void register_gateway_metrics(core::metrics::Registry& metrics, const Server& server,
                              const config::SnapshotStore& store);

// The resilience families: circuit state and pool figures per upstream, in-flight requests. Label
// values are config-derived (tenant ids, provider names, pool keys), so the series stay bounded.
void register_resilience_metrics(core::metrics::Registry& metrics, const GatewayState& state);

// One unified call's upstream failures by kind, retries and refusals (adds nothing when all went well).
void record_upstream_report(core::metrics::Shard& shard, std::string_view tenant, std::string_view provider,
                            const core::upstream::SendReport& report);

}  // namespace profilegw::gateway
