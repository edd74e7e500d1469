#include "config/snapshot.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace profilegw::config {

core::upstream::UpstreamTarget make_upstream_target(const TenantConfig& tenant) {
  const UpstreamConfig& up = tenant.upstream;
  core::upstream::UpstreamTarget target;
  target.tls = up.url.tls();
  target.host = up.url.host;
  target.port = up.url.port;
  target.base_path = up.url.path;
  target.host_header = up.url.host_header();
  target.tls_settings.verify = up.tls.verify;
  target.tls_settings.ca_file = up.tls.ca_file;
  target.timeout_ms = up.timeout_ms;
  target.connect_timeout_ms = up.connect_timeout_ms;
  target.max_connections = up.max_connections;
  target.deadline_ms = up.deadline_ms;
  target.retries = up.retries;
  target.circuit_breaker.failure_threshold = up.circuit_breaker.failure_threshold;
  target.circuit_breaker.open_ms = up.circuit_breaker.open_ms;
  target.service_auth = tenant.service_auth;
  target.headers = up.headers;
  // TLS settings do not matter to plain-http connections, so they do not split those pools.
  const bool verify = !target.tls || up.tls.verify;
  const std::string_view ca = target.tls ? std::string_view(up.tls.ca_file) : std::string_view();
  target.pool_key = up.url.scheme + "://" + up.url.url_host() + ":" + std::to_string(up.url.port) +
                    "|verify=" + (verify ? "1" : "0") + "|ca=" + std::string(ca);
  return target;
}

core::PathTemplates make_path_templates(const core::Adapter& adapter,
                                        const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const core::PathDefault& d : adapter.default_paths()) {
    std::string path(d.path);
    for (const auto& [key, value] : overrides) {
      if (key == d.key) path = value;
    }
    entries.emplace_back(std::string(d.key), std::move(path));
  }
  return core::PathTemplates(std::move(entries));
}

std::shared_ptr<Snapshot> Snapshot::build(Config config, const core::AdapterRegistry& registry,
                                          std::shared_ptr<const rapidjson::Document> raw) {
  std::shared_ptr<Snapshot> snapshot(new Snapshot());
  snapshot->raw_ = std::move(raw);
  snapshot->tenants_.reserve(config.tenants.size());
  for (std::size_t i = 0; i < config.tenants.size(); ++i) {
    const TenantConfig& tc = config.tenants[i];
    const core::Adapter* adapter = registry.find(tc.provider);
    if (adapter == nullptr) adapter = snapshot->compile_declared(tc, i, registry);
    core::Tenant tenant;
    tenant.id = tc.id;
    tenant.provider = tc.provider;
    tenant.adapter = adapter;
    tenant.upstream = make_upstream_target(tc);
    tenant.paths = make_path_templates(*adapter, tc.upstream.paths);
    tenant.customer_auth = tc.customer_auth;
    tenant.rate_limit = tc.rate_limit;
    snapshot->tenants_.push_back(std::move(tenant));
    snapshot->by_id_.emplace(tc.id, i);
    // Validation guarantees unique keys; on a duplicate the first tenant keeps it.
    for (const ApiKey& key : tc.api_keys) snapshot->api_keys_.add(key.digest, i);
  }
  snapshot->config_ = std::move(config);
  return snapshot;
}

const core::Adapter* Snapshot::compile_declared(const TenantConfig& tenant, std::size_t index,
                                                const core::AdapterRegistry& registry) {
  const core::AdapterFactory* factory = registry.find_factory(tenant.provider);
  if (factory == nullptr) {
    throw std::invalid_argument("config::Snapshot::build: unknown provider \"" + tenant.provider + "\"");
  }
  if (tenant.mapping == nullptr) {
    throw std::invalid_argument("config::Snapshot::build: tenant \"" + tenant.id + "\" has no " +
                                std::string(factory->spec_key()));
  }
  std::vector<core::SpecIssue> issues;
  const std::string path = "tenants[" + std::to_string(index) + "]." + std::string(factory->spec_key());
  std::unique_ptr<core::Adapter> compiled = factory->compile(*tenant.mapping, path, issues);
  if (compiled == nullptr) {
    std::string why = issues.empty() ? "no adapter" : issues.front().path + ": " + issues.front().message;
    throw std::invalid_argument("config::Snapshot::build: " + why);
  }
  declared_adapters_.push_back(std::move(compiled));
  return declared_adapters_.back().get();
}

std::shared_ptr<Snapshot> Snapshot::build(LoadedConfig loaded, const core::AdapterRegistry& registry) {
  return build(std::move(loaded.config), registry, std::move(loaded.raw));
}

const core::Tenant* Snapshot::tenant_for_api_key(std::string_view presented_key) const {
  const auto index = api_keys_.find(presented_key);
  return index ? &tenants_[*index] : nullptr;
}

const core::Tenant* Snapshot::tenant_by_id(std::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &tenants_[it->second];
}

const TenantConfig& Snapshot::tenant_config(const core::Tenant& tenant) const {
  const std::less<const core::Tenant*> before;
  const core::Tenant* begin = tenants_.data();
  if (before(&tenant, begin) || !before(&tenant, begin + tenants_.size())) {
    throw std::invalid_argument("config::Snapshot::tenant_config: the tenant is not from this snapshot");
  }
  return config_.tenants[static_cast<std::size_t>(&tenant - begin)];
}

std::vector<std::string> Snapshot::pool_keys() const {
  std::vector<std::string> keys;
  for (const core::Tenant& t : tenants_) {
    if (std::find(keys.begin(), keys.end(), t.upstream.pool_key) == keys.end())
      keys.push_back(t.upstream.pool_key);
  }
  return keys;
}

}  // namespace profilegw::config
