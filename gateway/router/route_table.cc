#include "gateway/router/route_table.h"

namespace profilegw::gateway {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one path segment. Control bytes (NUL, CR, LF, ...) and '/' after decoding are refused:
// an id is one opaque segment, re-encoded for the upstream by core::expand_path.
bool decode_segment(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_value(in[i + 1]);
      const int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '/') return false;
    out.push_back(c);
  }
  return !out.empty() && out.size() <= kMaxCustomerIdLength;
}

RouteMatch with_method(std::string_view method, std::string_view label, std::string_view allow,
                       RouteId get_route, RouteId patch_route) {
  RouteMatch m;
  m.label = label;
  m.allow = allow;
  if (method == "GET" && get_route != RouteId::kNone) {
    m.route = get_route;
  } else if (method == "PATCH" && patch_route != RouteId::kNone) {
    m.route = patch_route;
  } else {
    m.method_allowed = false;
  }
  return m;
}

RouteMatch single(std::string_view method, std::string_view want, std::string_view label, RouteId route) {
  RouteMatch m;
  m.label = label;
  m.allow = want;
  if (method == want) {
    m.route = route;
  } else {
    m.method_allowed = false;
  }
  return m;
}

}  // namespace

RouteMatch match_route(std::string_view method, std::string_view target) {
  const std::size_t q = target.find('?');
  const std::string_view path = q == std::string_view::npos ? target : target.substr(0, q);

  if (path == "/v1/profile") {
    return with_method(method, "/v1/profile", "GET, PATCH", RouteId::kProfileGet, RouteId::kProfilePatch);
  }
  if (path == "/v1/profile/verification") {
    return single(method, "POST", "/v1/profile/verification", RouteId::kVerification);
  }
  if (path == "/v1/capabilities") return single(method, "GET", "/v1/capabilities", RouteId::kCapabilities);
  if (path == "/healthz") return single(method, "GET", "/healthz", RouteId::kHealthz);
  if (path == "/readyz") return single(method, "GET", "/readyz", RouteId::kReadyz);
  if (path == "/metrics") return single(method, "GET", "/metrics", RouteId::kMetrics);
  if (path == "/openapi.json") return single(method, "GET", "/openapi.json", RouteId::kOpenApi);

  constexpr std::string_view kPrefix = "/v1/customers/";
  constexpr std::string_view kSuffix = "/profile";
  if (path.starts_with(kPrefix) && path.ends_with(kSuffix) && path.size() > kPrefix.size() + kSuffix.size()) {
    const std::string_view raw_id = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
    RouteMatch m = with_method(method, "/v1/customers/{customer_id}/profile", "GET, PATCH",
                               RouteId::kCustomerGet, RouteId::kCustomerPatch);
    if (raw_id.find('/') != std::string_view::npos) return RouteMatch{};
    m.bad_customer_id = !decode_segment(raw_id, m.customer_id);
    return m;
  }
  return RouteMatch{};
}

bool is_public_route(RouteId route) {
  return route == RouteId::kHealthz || route == RouteId::kReadyz || route == RouteId::kMetrics ||
         route == RouteId::kOpenApi;
}

}  // namespace profilegw::gateway
