// Provider families whose behaviour a tenant declares in its config instead of in code (provider
// "mapped"): a factory, registered by name next to the built-in adapters, compiles one Adapter per
// tenant from the tenant's spec block. Config validation reports the factory's issues with their
// paths; the config snapshot compiles and owns the per-tenant adapters (config/snapshot.h).
#pragma once

#include <rapidjson/fwd.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace profilegw::core {

class Adapter;

// A problem in a spec, found while compiling it: `path` names the value the way config issues do
// ("tenants[3].mapping.fields.gender.values"), below the path the caller passed in.
struct SpecIssue {
  std::string path;
  std::string message;
  bool warning = false;  // warnings never stop a compile
};

class AdapterFactory {
 public:
  virtual ~AdapterFactory() = default;

  // The provider name tenants select it by ("mapped").
  virtual std::string_view name() const = 0;
  // The tenant config key that holds the spec ("mapping").
  virtual std::string_view spec_key() const = 0;

  // Compiles `spec` (the tenant's spec block, after `${NAME}` substitution). Every problem is
  // appended to `issues` with a path below `path`; null when any of them is an error. Runs once per
  // config snapshot, never per request: the adapter it returns does no parsing of the spec.
  virtual std::unique_ptr<Adapter> compile(const rapidjson::Value& spec, std::string_view path,
                                           std::vector<SpecIssue>& issues) const = 0;
};

}  // namespace profilegw::core
