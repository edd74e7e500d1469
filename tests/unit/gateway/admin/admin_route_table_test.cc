#include "gateway/admin/admin_route_table.h"

#include <catch2/catch.hpp>

using namespace profilegw::gateway::admin;

TEST_CASE("admin routes: every route of the contract", "[admin][routes]") {
  CHECK(match_admin_route("GET", "/admin/tenants").route == AdminRouteId::kListTenants);
  CHECK(match_admin_route("GET", "/admin/tenants?x=1").route == AdminRouteId::kListTenants);
  CHECK(match_admin_route("POST", "/admin/reload").route == AdminRouteId::kReload);

  const AdminRouteMatch get = match_admin_route("GET", "/admin/tenants/acme");
  CHECK(get.route == AdminRouteId::kGetTenant);
  CHECK(get.tenant_id == "acme");
  CHECK(get.action == "tenant.get");
  CHECK(match_admin_route("HEAD", "/admin/tenants/acme").route == AdminRouteId::kGetTenant);
  CHECK(match_admin_route("PUT", "/admin/tenants/acme").route == AdminRouteId::kPutTenant);
  CHECK(match_admin_route("DELETE", "/admin/tenants/acme").route == AdminRouteId::kDeleteTenant);

  const AdminRouteMatch probe = match_admin_route("POST", "/admin/tenants/new-partner/probe");
  CHECK(probe.route == AdminRouteId::kProbeTenant);
  CHECK(probe.tenant_id == "new-partner");
}

TEST_CASE("admin routes: wrong method is 405 with Allow", "[admin][routes]") {
  const AdminRouteMatch m = match_admin_route("POST", "/admin/tenants/acme");
  CHECK_FALSE(m.method_allowed);
  CHECK(m.allow == "GET, HEAD, PUT, DELETE");
  CHECK(match_admin_route("GET", "/admin/reload").allow == "POST");
  CHECK_FALSE(match_admin_route("GET", "/admin/reload").method_allowed);
  CHECK_FALSE(match_admin_route("DELETE", "/admin/tenants").method_allowed);
  CHECK_FALSE(match_admin_route("GET", "/admin/tenants/acme/probe").method_allowed);
}

TEST_CASE("admin routes: unknown paths", "[admin][routes]") {
  for (const char* path : {"/", "/admin", "/admin/", "/admin/tenants/", "/admin/tenantsX",
                           "/admin/tenants/a/b", "/admin/tenants/a/probe/x", "/v1/profile"}) {
    INFO(path);
    const AdminRouteMatch m = match_admin_route("GET", path);
    CHECK(m.route == AdminRouteId::kNone);
    CHECK(m.method_allowed);
  }
}

TEST_CASE("admin routes: tenant ids are percent-decoded", "[admin][routes]") {
  CHECK(match_admin_route("GET", "/admin/tenants/a%2Db").tenant_id == "a-b");
  CHECK(match_admin_route("GET", "/admin/tenants/%zz").bad_tenant_id);
  CHECK(match_admin_route("GET", "/admin/tenants/ab%2").bad_tenant_id);
  CHECK(match_admin_route("POST", "/admin/tenants//probe").bad_tenant_id);
}
