// The admin listener's routes (CONTRACT.md section 4): method and path → which admin action, with
// the tenant id taken from the path. Labels are route templates, for the audit log.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace profilegw::gateway::admin {

enum class AdminRouteId : std::uint8_t {
  kNone,          // no such path: 404 not_found
  kListTenants,   // GET /admin/tenants
  kGetTenant,     // GET /admin/tenants/{id}
  kPutTenant,     // PUT /admin/tenants/{id}
  kDeleteTenant,  // DELETE /admin/tenants/{id}
  kProbeTenant,   // POST /admin/tenants/{id}/probe
  kReload,        // POST /admin/reload
};

struct AdminRouteMatch {
  AdminRouteId route = AdminRouteId::kNone;
  bool method_allowed = true;  // false: the path exists but not with this method (405)
  std::string_view allow;      // the Allow header value for the path
  std::string_view action;     // "tenant.put", ... for the audit log; "unmatched" otherwise
  std::string tenant_id;       // percent-decoded {id}; may be invalid, the config validator judges it
  bool bad_tenant_id = false;  // undecodable or empty (400)
};

// `target` is the request-target (origin form); a query string is ignored. HEAD is allowed where
// GET is.
AdminRouteMatch match_admin_route(std::string_view method, std::string_view target);

}  // namespace profilegw::gateway::admin
