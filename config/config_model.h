// The typed config (CONTRACT.md section 2): what a validated config file means, defaults applied.
// Built only by the validator (config_validator.h); everything downstream reads these types, never JSON.
// Each key's type, default and one-line description is in the schema table (config_schema.h).
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "config/api_key.h"
#include "config/upstream_url.h"
#include "core/adapter.h"
#include "core/service/tenant.h"
#include "core/upstream/upstream_target.h"

namespace profilegw::config {

// listen.threads when the file does not say: one per hardware thread, or 2 when unknown.
inline int default_thread_count() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 2 : static_cast<int>(n);
}

struct ListenConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = default_thread_count();

  bool operator==(const ListenConfig&) const = default;
};

// Present only when the file has an `admin` block (the admin API is off otherwise).
struct AdminConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8081;
  std::string token;  // required; compared in constant time by the admin API

  bool operator==(const AdminConfig&) const = default;
};

struct LimitsConfig {
  std::size_t max_body_bytes = 65536;
  int header_timeout_ms = 5000;
  int idle_timeout_ms = 60000;
  int drain_timeout_ms = 10000;
  std::size_t max_header_bytes = 16384;  // extension: request line plus headers
  int max_connections = 10000;           // extension: open client connections, all threads together
  int max_in_flight = 4096;              // extension: requests being handled, all threads together

  bool operator==(const LimitsConfig&) const = default;
};

enum class LogFormat : std::uint8_t { kText, kJson };
enum class LogLevel : std::uint8_t { kTrace, kDebug, kInfo, kWarn, kError, kOff };

std::string_view to_string(LogFormat format);
std::string_view to_string(LogLevel level);

struct LogConfig {
  LogFormat format = LogFormat::kText;
  LogLevel level = LogLevel::kInfo;
};

struct SecretsConfig {
  std::string verification_key;  // empty when absent (then no tenant uses a verifying provider)
};

struct TlsConfig {
  bool verify = true;
  std::string ca_file;  // empty: the system trust store
};

// Extension: per-upstream circuit breaker (CONTRACT.md 503 "its circuit is open").
struct CircuitBreakerConfig {
  int failure_threshold = 20;  // consecutive failed calls that open the circuit
  int open_ms = 5000;         // how long it stays open before one trial request
};

struct UpstreamConfig {
  std::string base_url;  // as written (after substitution)
  UpstreamUrl url;       // base_url parsed
  int timeout_ms = 3000;
  int connect_timeout_ms = 1000;
  int max_connections = 64;
  TlsConfig tls;
  std::vector<std::pair<std::string, std::string>> paths;    // overrides only, in file order
  std::vector<std::pair<std::string, std::string>> headers;  // in file order, names as written
  CircuitBreakerConfig circuit_breaker;                      // extension
  int retries = 1;                                           // extension: 0..3, for safe requests only
  int deadline_ms = 0;  // extension: one unified call's budget, all steps; 0: connect_timeout_ms + 3 * timeout_ms
};

struct ApiKey {
  bool hashed = false;  // written as sha256:<hex>; false: a plain key (warned about)
  ApiKeyDigest digest{};
};

struct TenantConfig {
  std::string id;
  std::vector<ApiKey> api_keys;  // at least one
  std::string provider;
  UpstreamConfig upstream;
  core::CustomerAuthScheme customer_auth = core::CustomerAuthScheme::kBearer;  // provider default applied
  core::upstream::ServiceAuth service_auth;                                    // type kNone when absent
  std::optional<core::RateLimitSettings> rate_limit;                           // nullopt: not rate-limited
  // Providers declared in config (a factory's spec, provider "mapped"): the `mapping` block after
  // substitution. Snapshot::build compiles it into the tenant's own adapter. Null otherwise.
  std::shared_ptr<const rapidjson::Document> mapping;
};

struct Config {
  ListenConfig listen;
  std::optional<AdminConfig> admin;
  LimitsConfig limits;
  LogConfig log;
  bool watch = false;
  SecretsConfig secrets;
  std::vector<TenantConfig> tenants;
};

}  // namespace profilegw::config
