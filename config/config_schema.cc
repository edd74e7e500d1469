#include "config/config_schema.h"

#include <algorithm>
#include <array>

namespace profilegw::config {
namespace {

constexpr std::array kSchema = {
    SchemaEntry{"listen", "object", "-", "Where the unified API listens."},
    SchemaEntry{"listen.address", "string (IP address)", "127.0.0.1", "Address the unified API binds to."},
    SchemaEntry{"listen.port", "integer 0..65535", "8080", "TCP port of the unified API (0: any free port)."},
    SchemaEntry{"listen.threads", "integer 1..1024", "hardware threads, or 2",
                "I/O threads, each with its own event loop and SO_REUSEPORT socket."},
    SchemaEntry{"admin", "object", "absent: admin API off", "The admin API (tenant onboarding)."},
    SchemaEntry{"admin.address", "string (IP address)", "127.0.0.1", "Address the admin API binds to."},
    SchemaEntry{"admin.port", "integer 0..65535", "8081", "TCP port of the admin API."},
    SchemaEntry{"admin.token", "string", "required", "Bearer token every admin request must carry."},
    SchemaEntry{"limits", "object", "-", "Request and connection limits."},
    SchemaEntry{"limits.max_body_bytes", "integer 1..67108864", "65536", "Largest request body (413 above)."},
    SchemaEntry{"limits.header_timeout_ms", "integer 1..3600000", "5000",
                "Time allowed to receive a request's headers."},
    SchemaEntry{"limits.idle_timeout_ms", "integer 1..86400000", "60000",
                "Idle keep-alive connections are closed after this."},
    SchemaEntry{"limits.drain_timeout_ms", "integer 0..3600000", "10000",
                "On SIGTERM/SIGINT, how long in-flight requests may finish."},
    SchemaEntry{"limits.max_header_bytes", "integer 1024..1048576", "16384",
                "Largest request line plus headers (431 above)."},
    SchemaEntry{"limits.max_connections", "integer 1..1000000", "10000",
                "Open client connections, all threads."},
    SchemaEntry{"limits.max_in_flight", "integer 1..1000000", "4096",
                "Requests handled at once, all threads (503 above)."},
    SchemaEntry{"log", "object", "-", "Logging to stderr."},
    SchemaEntry{"log.format", "\"json\" | \"text\"", "text",
                "One JSON object per line, or human-readable lines."},
    SchemaEntry{"log.level", "\"trace\" | \"debug\" | \"info\" | \"warn\" | \"error\" | \"off\"", "info",
                "Least severe level written."},
    SchemaEntry{"watch", "boolean", "false", "Reload when the config file changes (as on SIGHUP)."},
    SchemaEntry{"secrets", "object", "-", "Deployment-wide secrets."},
    SchemaEntry{"secrets.verification_key", "string, 16+ bytes", "required with salla",
                "Signs verification_ids; the same on every replica."},
    SchemaEntry{"tenants", "array of objects", "[]", "The tenants (one per API customer)."},
    SchemaEntry{"tenants[].id", "string [a-z0-9][a-z0-9_-]{0,62}", "required", "Unique tenant id."},
    SchemaEntry{"tenants[].api_keys", "array of strings", "required",
                "X-Api-Key values: sha256:<64 lower-case hex> (preferred) or plain; unique across tenants."},
    SchemaEntry{"tenants[].provider", "string", "required",
                "Backend family: django, shop, v1rest, partner, salla, or mapped (declared by `mapping`)."},
    SchemaEntry{"tenants[].mapping", "object", "required for mapped",
                "A backend declared in config: requests, envelope, field table, errors (docs/mapping.md)."},
    SchemaEntry{"tenants[].upstream", "object", "required", "The tenant's backend."},
    SchemaEntry{"tenants[].upstream.base_url", "http(s) URL", "required",
                "Backend origin and base path; IPv6 literals in brackets."},
    SchemaEntry{"tenants[].upstream.timeout_ms", "integer 1..600000", "3000",
                "Per upstream request, from send to the whole answer (504 above)."},
    SchemaEntry{"tenants[].upstream.connect_timeout_ms", "integer 1..600000", "1000",
                "TCP connect plus TLS handshake."},
    SchemaEntry{"tenants[].upstream.max_connections", "integer 1..100000", "64",
                "Pooled connections to the backend, per thread."},
    SchemaEntry{"tenants[].upstream.tls", "object", "-", "TLS settings for https backends."},
    SchemaEntry{"tenants[].upstream.tls.verify", "boolean", "true",
                "Verify the backend's certificate and name."},
    SchemaEntry{"tenants[].upstream.tls.ca_file", "string (file path)", "system trust store",
                "PEM file of trusted CAs."},
    SchemaEntry{"tenants[].upstream.paths", "object", "provider defaults",
                "Per-operation path overrides; keys are the provider's operation keys."},
    SchemaEntry{"tenants[].upstream.paths.*", "string starting with '/'", "-",
                "Path template for one operation; {id} is the percent-encoded customer id."},
    SchemaEntry{"tenants[].upstream.headers", "object", "-", "Fixed headers sent on every upstream call."},
    SchemaEntry{"tenants[].upstream.headers.*", "string", "-",
                "One header value (no CR, LF, NUL; not Host, Content-Length, Transfer-Encoding, "
                "Connection, Authorization)."},
    SchemaEntry{"tenants[].upstream.circuit_breaker", "object", "-",
                "Stop calling a failing backend for a while (503)."},
    SchemaEntry{"tenants[].upstream.circuit_breaker.failure_threshold", "integer 1..1000", "20",
                "Consecutive failures that open the circuit."},
    SchemaEntry{"tenants[].upstream.circuit_breaker.open_ms", "integer 1..3600000", "5000",
                "How long the circuit stays open before a trial request."},
    SchemaEntry{"tenants[].upstream.retries", "integer 0..3", "1",
                "Retries of safe requests (GETs, writes that never reached the backend)."},
    SchemaEntry{"tenants[].upstream.deadline_ms", "integer 1..3600000", "connect_timeout_ms + 3 * timeout_ms",
                "Budget of one unified call across all its upstream steps and retries (504 above)."},
    SchemaEntry{"tenants[].customer_auth", "object", "-",
                "How the caller's customer token is sent upstream."},
    SchemaEntry{"tenants[].customer_auth.scheme", "\"Bearer\" | \"Token\" | \"none\"", "by provider",
                "Authorization scheme upstream (django, v1rest, salla: Bearer; shop: Token; partner: none)."},
    SchemaEntry{"tenants[].service_auth", "object", "required for partner",
                "Credentials the gateway itself uses upstream."},
    SchemaEntry{"tenants[].service_auth.type", "\"digest\" | \"basic\" | \"bearer\"", "required",
                "Digest (RFC 7616), Basic, or a bearer token."},
    SchemaEntry{"tenants[].service_auth.username", "string", "required for digest, basic", "User name."},
    SchemaEntry{"tenants[].service_auth.password", "string", "required for digest, basic", "Password."},
    SchemaEntry{"tenants[].service_auth.token", "string", "required for bearer", "Bearer token."},
    SchemaEntry{"tenants[].rate_limit", "object", "absent: no limit", "Token bucket per tenant (429 above)."},
    SchemaEntry{"tenants[].rate_limit.requests_per_second", "number > 0", "required", "Sustained rate."},
    SchemaEntry{"tenants[].rate_limit.burst", "number >= 1", "required",
                "Bucket size: requests allowed at once."},
};

}  // namespace

std::span<const SchemaEntry> config_schema() { return kSchema; }

std::vector<std::string_view> schema_keys(std::string_view object_path) {
  std::vector<std::string_view> keys;
  for (const SchemaEntry& e : kSchema) {
    std::string_view rest = e.path;
    if (!object_path.empty()) {
      if (!rest.starts_with(object_path) || rest.size() <= object_path.size() ||
          rest[object_path.size()] != '.') {
        continue;
      }
      rest.remove_prefix(object_path.size() + 1);
    }
    if (rest == "*" || rest.find_first_of(".[") != std::string_view::npos) continue;
    keys.push_back(rest);
  }
  return keys;
}

std::string format_schema() {
  std::size_t path_width = 0;
  std::size_t type_width = 0;
  std::size_t default_width = 0;
  for (const SchemaEntry& e : kSchema) {
    path_width = std::max(path_width, e.path.size());
    type_width = std::max(type_width, e.type.size());
    default_width = std::max(default_width, e.default_value.size());
  }
  auto pad = [](std::string& out, std::string_view text, std::size_t width) {
    out += text;
    out.append(width - text.size() + 2, ' ');
  };
  std::string out;
  pad(out, "key", path_width);
  pad(out, "type", type_width);
  pad(out, "default", default_width);
  out += "description\n";
  for (const SchemaEntry& e : kSchema) {
    pad(out, e.path, path_width);
    pad(out, e.type, type_width);
    pad(out, e.default_value, default_width);
    out += e.description;
    out += '\n';
  }
  return out;
}

}  // namespace profilegw::config
