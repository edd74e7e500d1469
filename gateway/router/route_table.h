// The public listener's route table: method and path → which handler, plus the customer id taken
// from the path. Labels (route templates, never concrete ids) are what logs and metrics see.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace profilegw::gateway {

enum class RouteId : std::uint8_t {
  kNone,               // no such path: 404 not_found
  kProfileGet,         // GET /v1/profile
  kProfilePatch,       // PATCH /v1/profile
  kCustomerGet,        // GET /v1/customers/{customer_id}/profile
  kCustomerPatch,      // PATCH /v1/customers/{customer_id}/profile
  kVerification,       // POST /v1/profile/verification
  kCapabilities,       // GET /v1/capabilities
  kHealthz,
  kReadyz,
  kMetrics,
  kOpenApi,
};

struct RouteMatch {
  RouteId route = RouteId::kNone;
  bool method_allowed = true;   // false: the path exists but not with this method (405)
  std::string_view allow;       // the Allow header value for the path
  std::string_view label;       // route template, for logs and metrics
  std::string customer_id;      // percent-decoded {customer_id}
  bool bad_customer_id = false; // undecodable, empty, too long or with control characters (400)
};

inline constexpr std::size_t kMaxCustomerIdLength = 128;

// `target` is the request-target (origin form, may carry a query string, which is ignored).
RouteMatch match_route(std::string_view method, std::string_view target);

// True when `target` needs no tenant (health, readiness, metrics, OpenAPI).
bool is_public_route(RouteId route);

}  // namespace profilegw::gateway
