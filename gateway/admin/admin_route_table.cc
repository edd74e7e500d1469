#include "gateway/admin/admin_route_table.h"

#include <optional>

namespace profilegw::gateway::admin {
namespace {

constexpr std::string_view kTenantsPrefix = "/admin/tenants";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return std::nullopt;
    const int hi = hex_value(in[i + 1]);
    const int lo = hex_value(in[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

AdminRouteMatch allow_only(
    std::string_view method, std::string_view allow,
    std::initializer_list<std::pair<std::string_view, std::pair<AdminRouteId, std::string_view>>> routes) {
  AdminRouteMatch m;
  m.allow = allow;
  for (const auto& [verb, route] : routes) {
    if (method == verb || (method == "HEAD" && verb == "GET")) {
      m.route = route.first;
      m.action = route.second;
      return m;
    }
  }
  m.method_allowed = false;
  m.action = "unmatched";
  return m;
}

}  // namespace

AdminRouteMatch match_admin_route(std::string_view method, std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  if (path == "/admin/reload") {
    return allow_only(method, "POST", {{"POST", {AdminRouteId::kReload, "config.reload"}}});
  }
  if (path == kTenantsPrefix) {
    return allow_only(method, "GET, HEAD", {{"GET", {AdminRouteId::kListTenants, "tenant.list"}}});
  }
  AdminRouteMatch none;
  none.action = "unmatched";
  if (!path.starts_with(kTenantsPrefix) || path.size() <= kTenantsPrefix.size() + 1 ||
      path[kTenantsPrefix.size()] != '/') {
    return none;
  }
  std::string_view rest = path.substr(kTenantsPrefix.size() + 1);
  bool probe = false;
  if (const std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    if (rest.substr(slash) != "/probe") return none;
    probe = true;
    rest = rest.substr(0, slash);
  }
  AdminRouteMatch m =
      probe ? allow_only(method, "POST", {{"POST", {AdminRouteId::kProbeTenant, "tenant.probe"}}})
            : allow_only(method, "GET, HEAD, PUT, DELETE",
                         {{"GET", {AdminRouteId::kGetTenant, "tenant.get"}},
                          {"PUT", {AdminRouteId::kPutTenant, "tenant.put"}},
                          {"DELETE", {AdminRouteId::kDeleteTenant, "tenant.delete"}}});
  std::optional<std::string> id = percent_decode(rest);
  if (!id || id->empty()) {
    m.bad_tenant_id = true;
  } else {
    m.tenant_id = std::move(*id);
  }
  return m;
}

}  // namespace profilegw::gateway::admin
