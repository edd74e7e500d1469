// POST /admin/tenants/{id}/probe: is the tenant's backend reachable, and does it accept the
// gateway's own credentials? Steps, each timed, stopping at the first failure:
//   connect        name resolution and TCP connect (within upstream.connect_timeout_ms)
//   tls_handshake  https only: handshake with SNI and the tenant's verification settings
//   service_auth   tenants with service_auth and no customer credential (partner/Digest, an
//                  id-addressed mapping): a GET of the provider's read path for customer id "0",
//                  which need not exist; 401 or 403 after the client's Digest retry means the
//                  credentials were rejected, any other answer below 500 means they were accepted.
// Uses its own upstream Client, so a probe never disturbs the data path's pools or Digest state.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/service/tenant.h"
#include "core/upstream/executor.h"

namespace profilegw::gateway::admin {

// The customer id the service_auth step asks for. Numeric, because many backends route only
// numeric ids (WooCommerce's /customers/(?P<id>[\d]+), Django's <int:pk>) and answer any other id
// with a 404 before they look at credentials, which would make a wrong secret look accepted; 0 is
// never a real row id there, and string-id backends (partner) simply do not find it.
inline constexpr std::string_view kProbeCustomerId = "0";

struct ProbeStep {
  std::string step;  // "connect", "tls_handshake", "service_auth"
  bool ok = false;
  double ms = 0;
  std::optional<int> status;  // service_auth: the upstream's HTTP status
  std::string detail;         // why it failed, or where it connected; never a secret
};

struct ProbeReport {
  std::string tenant;
  bool ok = false;
  std::vector<ProbeStep> steps;
};

// `tenant` must stay alive until the probe finishes (keep its snapshot).
boost::asio::awaitable<ProbeReport> probe_tenant(core::upstream::Executor executor,
                                                 const core::Tenant& tenant, std::string request_id);

// {"tenant":"x","ok":true,"steps":[{"step":"connect","ok":true,"ms":0.4,"detail":"127.0.0.1:8443"},...]}
std::string render_probe(const ProbeReport& report);

}  // namespace profilegw::gateway::admin
