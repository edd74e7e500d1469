// The gateway's metric families, declared in one place (names, types, help), and the gauges read at
// scrape time from the server and the config store.
#pragma once

#include "config/snapshot_store.h"
#include "core/metrics/metrics_registry.h"
#include "gateway/server/server.h"

namespace profilegw::gateway {

void register_gateway_metrics(core::metrics::Registry& metrics, const Server& server,
                              const config::SnapshotStore& store);

}  // namespace profilegw::gateway
