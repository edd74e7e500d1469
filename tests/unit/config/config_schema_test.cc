#include "config/config_schema.h"

#include <catch2/catch.hpp>

#include "fake_adapters.h"
#include "temp_dir.h"

using namespace profilegw::config;
using namespace profilegw::config::testing;

TEST_CASE("the schema lists the keys of each object", "[config][schema]") {
  CHECK(schema_keys("") ==
        std::vector<std::string_view>{"listen", "admin", "limits", "log", "watch", "secrets", "tenants"});
  CHECK(schema_keys("listen") == std::vector<std::string_view>{"address", "port", "threads"});
  CHECK(schema_keys("tenants[]") == std::vector<std::string_view>{"id", "api_keys", "provider", "mapping",
                                                                  "upstream", "customer_auth",
                                                                  "service_auth", "rate_limit"});
  CHECK(schema_keys("tenants[].upstream") ==
        std::vector<std::string_view>{"base_url", "timeout_ms", "connect_timeout_ms", "max_connections",
                                      "tls", "paths", "headers", "circuit_breaker", "retries",
                                      "deadline_ms"});
  CHECK(schema_keys("tenants[].upstream.paths").empty());  // a free map
  CHECK(schema_keys("nothing").empty());
}

TEST_CASE("every schema entry has a type, a default and a description", "[config][schema]") {
  for (const SchemaEntry& e : config_schema()) {
    CAPTURE(e.path);
    CHECK_FALSE(e.type.empty());
    CHECK_FALSE(e.default_value.empty());
    CHECK_FALSE(e.description.empty());
  }
  const std::string text = format_schema();
  for (const SchemaEntry& e : config_schema()) {
    CAPTURE(e.path);
    CHECK(text.find(std::string(e.path) + " ") != std::string::npos);
  }
}

TEST_CASE("a config that uses every key in the schema is valid", "[config][schema]") {
  TempDir dir;
  const std::string ca = dir.write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
  const std::string json = R"({
    "listen": {"address": "127.0.0.1", "port": 8080, "threads": 2},
    "admin": {"address": "127.0.0.1", "port": 8081, "token": "0123456789abcdef"},
    "limits": {"max_body_bytes": 65536, "header_timeout_ms": 5000, "idle_timeout_ms": 60000,
               "drain_timeout_ms": 10000, "max_header_bytes": 16384, "max_connections": 10000,
               "max_in_flight": 4096},
    "log": {"format": "json", "level": "info"},
    "watch": false,
    "secrets": {"verification_key": "0123456789abcdef"},
    "tenants": [{
      "id": "acme",
      "api_keys": ["sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
      "provider": "partner",
      "upstream": {"base_url": "https://api.acme.example", "timeout_ms": 3000, "connect_timeout_ms": 1000,
                   "max_connections": 64, "tls": {"verify": true, "ca_file": ")" +
                           ca + R"("},
                   "paths": {"get": "/c/{id}"}, "headers": {"Accept-Language": "en"},
                   "circuit_breaker": {"failure_threshold": 5, "open_ms": 5000}, "retries": 1,
                   "deadline_ms": 9000},
      "customer_auth": {"scheme": "none"},
      "service_auth": {"type": "digest", "username": "gw", "password": "pw"},
      "rate_limit": {"requests_per_second": 50, "burst": 100}
    }, {
      "id": "declared",
      "api_keys": ["sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"],
      "provider": "mapped",
      "upstream": {"base_url": "https://declared.example"},
      "mapping": {}
    }]
  })";
  ValidationResult r = validate_text(json);
  CHECK(issue_lines(r.issues).empty());
  CHECK(r.ok());
  // Every leaf the schema names (except the bearer-only token) appears in the file above.
  for (const SchemaEntry& e : config_schema()) {
    std::string_view leaf = e.path.substr(
        e.path.find_last_of(".]") == std::string_view::npos ? 0 : e.path.find_last_of(".]") + 1);
    if (leaf == "*" || leaf == "token") continue;
    CAPTURE(e.path);
    CHECK(json.find("\"" + std::string(leaf) + "\"") != std::string::npos);
  }
}
