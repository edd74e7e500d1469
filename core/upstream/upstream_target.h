// Everything the upstream client needs to reach one tenant's backend, resolved once per config
// snapshot (never parsed per request).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/upstream/circuit_breaker.h"

namespace profilegw::core::upstream {

struct TlsSettings {
  bool verify = true;
  std::string ca_file;  // empty: the system trust store
};

enum class ServiceAuthType : std::uint8_t { kNone, kDigest, kBasic, kBearer };

struct ServiceAuth {
  ServiceAuthType type = ServiceAuthType::kNone;
  std::string username;
  std::string password;
  std::string token;
};

struct UpstreamTarget {
  bool tls = false;
  std::string host;       // as in the URL (SNI and Host header)
  std::uint16_t port = 0;
  std::string base_path;  // the URL's path without a trailing '/', e.g. "/store/v1" or ""
  std::string host_header;  // "host" or "host:port" when the port is not the scheme default
  TlsSettings tls_settings;
  int timeout_ms = 3000;          // per upstream request, from write to the whole answer read
  int connect_timeout_ms = 1000;  // TCP connect plus TLS handshake
  int max_connections = 64;       // per thread's pool for this target
  // Budget of one unified call across all its steps (read, write, re-read); 0: connect_timeout_ms
  // plus three timeout_ms (see call_budget()).
  int deadline_ms = 0;
  // Extra attempts for calls that are safe to repeat (GETs; writes that never reached the backend).
  // 0 here; the config's default (upstream.retries) is 1.
  int retries = 0;
  CircuitBreakerSettings circuit_breaker;  // the breaker is shared per pool_key
  ServiceAuth service_auth;
  std::vector<std::pair<std::string, std::string>> headers;  // fixed headers (upstream.headers)
  // Connections are pooled by this key: scheme, host, port and TLS settings. Two tenants with the
  // same key share a pool; Digest state is kept per (pool_key, username).
  std::string pool_key;

  // The whole unified call's budget (upstream.deadline_ms, or its default).
  std::chrono::milliseconds call_budget() const {
    return std::chrono::milliseconds(deadline_ms > 0 ? deadline_ms : connect_timeout_ms + 3 * timeout_ms);
  }
};

}  // namespace profilegw::core::upstream
