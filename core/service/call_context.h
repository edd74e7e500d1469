// What an adapter may know about the call it translates: the tenant's path templates, the customer
// id from the route, the provider name. Nothing else (no tokens, no clocks, no sockets).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace profilegw::core {

// A provider's default path per operation key ("get", "update", ...), overridable per tenant.
struct PathDefault {
  std::string_view key;
  std::string_view path;  // may contain "{id}"
};

// The tenant's resolved templates: provider defaults with `upstream.paths` overrides applied.
class PathTemplates {
 public:
  PathTemplates() = default;
  explicit PathTemplates(std::vector<std::pair<std::string, std::string>> entries)
      : entries_(std::move(entries)) {}

  // The template for `key`; empty when the key is unknown.
  std::string_view get(std::string_view key) const {
    for (const auto& [k, v] : entries_) {
      if (k == key) return v;
    }
    return {};
  }
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

// Replaces each "{id}" in `tmpl` by `customer_id` percent-encoded as one path segment
// (RFC 3986 unreserved characters kept, everything else %XX, so '/', '?', '#', '%' cannot escape).
std::string expand_path(std::string_view tmpl, std::string_view customer_id);

struct CallContext {
  const PathTemplates* paths = nullptr;
  std::string_view provider;     // tenant's provider name
  std::string_view customer_id;  // raw id from the route (id-addressed providers); empty otherwise

  std::string path(std::string_view key) const { return expand_path(paths->get(key), customer_id); }
};

}  // namespace profilegw::core
