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
