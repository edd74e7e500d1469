#include "gateway/metrics/gateway_metrics.h"

namespace profilegw::gateway {

void register_gateway_metrics(core::metrics::Registry& m, const Server& server, const config::SnapshotStore& store) {
  m.describe("profilegw_requests_total", "counter", "Requests answered, by tenant, provider, route and status.");
  m.describe("profilegw_request_duration_seconds", "histogram", "Time from request read to response ready.");
  m.describe("profilegw_upstream_duration_seconds", "histogram",
             "Time spent waiting for upstream answers per unified call (all steps).");
  m.describe("profilegw_upstream_errors_total", "counter",
             "Upstream failures by kind: connect, timeout, reset, bad_response, tls, status_5xx.");
  m.describe("profilegw_rate_limited_total", "counter", "Requests refused by a tenant's rate limit.");
  m.describe("profilegw_mapping_failures_total", "counter",
             "Upstream answers an adapter could not understand, by provider.");
  m.describe("profilegw_config_reloads_total", "counter", "Config reloads by result (success, failure).");
  m.describe("profilegw_config_generation", "gauge", "Generation of the config snapshot in force.");
  m.describe("profilegw_connections_open", "gauge", "Client connections open now.");
  m.describe("profilegw_connections_accepted_total", "counter", "Client connections accepted.");
  m.describe("profilegw_connections_rejected_total", "counter",
             "Client connections closed at once (over the connection cap, or draining).");
  m.describe("profilegw_client_timeouts_total", "counter", "Client connections closed by a timeout, by kind.");
  m.describe("profilegw_protocol_errors_total", "counter", "Requests refused by the HTTP layer (400, 413, 431).");

  m.gauge("profilegw_config_generation", [&store] {
    return std::vector<std::pair<std::string, double>>{{"", static_cast<double>(store.generation())}};
  });
  m.gauge("profilegw_connections_open", [&server] {
    return std::vector<std::pair<std::string, double>>{{"", static_cast<double>(server.counters().open_connections)}};
  });
  m.gauge("profilegw_connections_accepted_total", [&server] {
    return std::vector<std::pair<std::string, double>>{{"", static_cast<double>(server.counters().accepted_total)}};
  });
  m.gauge("profilegw_connections_rejected_total", [&server] {
    return std::vector<std::pair<std::string, double>>{{"", static_cast<double>(server.counters().rejected_total)}};
  });
  m.gauge("profilegw_client_timeouts_total", [&server] {
    const ServerCounters c = server.counters();
    return std::vector<std::pair<std::string, double>>{{"kind=\"header\"", static_cast<double>(c.header_timeouts)},
                                                       {"kind=\"idle\"", static_cast<double>(c.idle_timeouts)}};
  });
  m.gauge("profilegw_protocol_errors_total", [&server] {
    return std::vector<std::pair<std::string, double>>{{"", static_cast<double>(server.counters().protocol_errors)}};
  });
}

}  // namespace profilegw::gateway

namespace profilegw::gateway {

void register_resilience_metrics(core::metrics::Registry& m, const GatewayState& state) {
  m.describe("profilegw_upstream_retries_total", "counter",
             "Upstream attempts repeated after a retryable failure (upstream.retries), by tenant and provider.");
  m.describe("profilegw_upstream_rejections_total", "counter",
             "Upstream calls refused without reaching the backend, by reason: circuit_open, pool_exhausted.");
  m.describe("profilegw_circuit_state", "gauge",
             "Circuit breaker of each tenant's upstream: 0 closed, 1 open, 2 half-open (one probe call out).");
  m.describe("profilegw_circuit_opened_total", "counter", "Times an upstream's circuit opened, by upstream pool.");
  m.describe("profilegw_upstream_connections", "gauge", "Upstream connections open (idle or in use), all threads.");
  m.describe("profilegw_upstream_pool_waiting", "gauge", "Calls waiting now for a free upstream connection slot.");
  m.describe("profilegw_upstream_pool_waits_total", "counter",
             "Calls that had to wait for an upstream connection slot (the pool was at max_connections).");
  m.describe("profilegw_upstream_pool_exhausted_total", "counter",
             "Calls refused because no upstream connection slot came free within connect_timeout_ms.");
  m.describe("profilegw_in_flight_requests", "gauge", "Requests being handled now (limits.max_in_flight caps it).");
  m.describe("profilegw_overload_rejections_total", "counter",
             "Requests shed with 503 service_unavailable because max_in_flight was reached, by tenant.");

  using Series = std::vector<std::pair<std::string, double>>;
  const auto& upstreams = state.upstreams;
  const auto& store = state.snapshots;
  // Per tenant of the config in force, so that an alert names the tenant; the upstream label ties
  // tenants that share a pool (and so a breaker) together.
  m.gauge("profilegw_circuit_state", [&upstreams, &store] {
    Series out;
    const std::shared_ptr<const config::Snapshot> snapshot = store.current();
    for (const core::Tenant& t : snapshot->tenants()) {
      const auto health = upstreams.find(t.upstream.pool_key);
      const double circuit = health ? static_cast<double>(health->breaker.state()) : 0.0;
      out.emplace_back("tenant=\"" + core::metrics::escape_label_value(t.id) + "\",provider=\"" +
                           core::metrics::escape_label_value(t.provider) + "\",upstream=\"" +
                           core::metrics::escape_label_value(t.upstream.pool_key) + "\"",
                       circuit);
    }
    return out;
  });
  // Per upstream pool key: one series however many tenants share the pool.
  auto per_upstream = [&upstreams](auto read) {
    return [&upstreams, read] {
      Series out;
      for (const auto& [key, health] : upstreams.entries()) {
        out.emplace_back("upstream=\"" + core::metrics::escape_label_value(key) + "\"", read(*health));
      }
      return out;
    };
  };
  using Health = core::upstream::UpstreamHealth;
  m.gauge("profilegw_circuit_opened_total",
          per_upstream([](const Health& h) { return static_cast<double>(h.breaker.opened_total()); }));
  m.gauge("profilegw_upstream_connections", per_upstream([](const Health& h) {
            return static_cast<double>(h.connections_open.load(std::memory_order_relaxed));
          }));
  m.gauge("profilegw_upstream_pool_waiting", per_upstream([](const Health& h) {
            return static_cast<double>(h.pool_waiting.load(std::memory_order_relaxed));
          }));
  m.gauge("profilegw_upstream_pool_waits_total", per_upstream([](const Health& h) {
            return static_cast<double>(h.pool_waits_total.load(std::memory_order_relaxed));
          }));
  m.gauge("profilegw_upstream_pool_exhausted_total", per_upstream([](const Health& h) {
            return static_cast<double>(h.pool_exhausted_total.load(std::memory_order_relaxed));
          }));
  const InFlightLimiter& in_flight = state.in_flight;
  m.gauge("profilegw_in_flight_requests",
          [&in_flight] { return Series{{"", static_cast<double>(in_flight.current())}}; });
}

void record_upstream_report(core::metrics::Shard& shard, std::string_view tenant, std::string_view provider,
                            const core::upstream::SendReport& report) {
  using core::upstream::ErrorKind;
  for (std::size_t i = 0; i < core::upstream::kErrorKindCount; ++i) {
    if (report.errors[i] == 0) continue;
    const std::string_view kind = core::upstream::error_kind_name(static_cast<ErrorKind>(i));
    shard.add("profilegw_upstream_errors_total", {{"tenant", tenant}, {"provider", provider}, {"kind", kind}},
              report.errors[i]);
  }
  if (report.retries > 0) {
    shard.add("profilegw_upstream_retries_total", {{"tenant", tenant}, {"provider", provider}}, report.retries);
  }
  if (report.circuit_open) {
    shard.add("profilegw_upstream_rejections_total",
              {{"tenant", tenant}, {"provider", provider}, {"reason", "circuit_open"}});
  }
  if (report.pool_exhausted) {
    shard.add("profilegw_upstream_rejections_total",
              {{"tenant", tenant}, {"provider", provider}, {"reason", "pool_exhausted"}});
  }
}

}  // namespace profilegw::gateway
