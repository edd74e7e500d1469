// One immutable, validated config as the data path uses it (DESIGN.md section 1): the resolved
// tenants, the API-key index and the deployment secrets. A request takes one Snapshot and keeps it
// to the end, so a reload never changes the config under a request in flight.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/api_key_index.h"
#include "config/config_loader.h"
#include "config/config_model.h"
#include "core/adapter.h"
#include "core/service/tenant.h"

namespace profilegw::config {

class SnapshotStore;

class Snapshot {
 public:
  // Resolves every tenant against `registry` (which must outlive the snapshot); a tenant of a
  // provider declared in config (`mapping`) gets its own adapter, compiled here and owned by the
  // snapshot. `config` must have passed validation: a provider missing from the registry, or a spec
  // that does not compile, is a programming error (std::invalid_argument). The generation is 0
  // until a SnapshotStore publishes the snapshot.
  static std::shared_ptr<Snapshot> build(Config config, const core::AdapterRegistry& registry,
                                         std::shared_ptr<const rapidjson::Document> raw = nullptr);
  static std::shared_ptr<Snapshot> build(LoadedConfig loaded, const core::AdapterRegistry& registry);

  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  // The tenant a presented X-Api-Key belongs to (hashed with SHA-256, looked up by digest);
  // nullptr when the key is empty or unknown.
  const core::Tenant* tenant_for_api_key(std::string_view presented_key) const;
  const core::Tenant* tenant_by_id(std::string_view id) const;

  // In config file order; tenants()[i] is config().tenants[i] resolved.
  const std::vector<core::Tenant>& tenants() const { return tenants_; }
  // The typed settings of `tenant` (circuit breaker, retries, ...); `tenant` must be one of tenants().
  const TenantConfig& tenant_config(const core::Tenant& tenant) const;

  std::uint64_t generation() const { return generation_; }
  const Config& config() const { return config_; }
  std::string_view verification_key() const { return config_.secrets.verification_key; }
  // The document as written (placeholders intact); null when built from a Config alone.
  const std::shared_ptr<const rapidjson::Document>& raw_document() const { return raw_; }
  // Every upstream pool key in use (for core::upstream::Client::retain_pools after a reload).
  std::vector<std::string> pool_keys() const;

 private:
  friend class SnapshotStore;
  Snapshot() = default;

  // The adapter of a tenant whose provider is declared in config, compiled from its spec.
  const core::Adapter* compile_declared(const TenantConfig& tenant, std::size_t index,
                                        const core::AdapterRegistry& registry);

  Config config_;
  std::shared_ptr<const rapidjson::Document> raw_;
  // Adapters compiled for this snapshot's tenants from their declared specs (provider "mapped");
  // core::Tenant::adapter points here for those tenants, so they live exactly as long as it.
  std::vector<std::unique_ptr<const core::Adapter>> declared_adapters_;
  std::vector<core::Tenant> tenants_;
  ApiKeyIndex api_keys_;
  std::map<std::string, std::size_t, std::less<>> by_id_;
  std::uint64_t generation_ = 0;  // set once, by SnapshotStore::publish, before anyone shares it
};

// The data-path view of one tenant's upstream settings (pool key, Host header, base path, ...).
core::upstream::UpstreamTarget make_upstream_target(const TenantConfig& tenant);

// Provider defaults in the adapter's order, each replaced by the tenant's override when given.
core::PathTemplates make_path_templates(const core::Adapter& adapter,
                                        const std::vector<std::pair<std::string, std::string>>& overrides);

}  // namespace profilegw::config
