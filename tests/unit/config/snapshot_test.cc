#include "config/snapshot.h"

#include <catch2/catch.hpp>

#include "fake_adapters.h"

using namespace profilegw;
using namespace profilegw::config;
using namespace profilegw::config::testing;

namespace {

std::shared_ptr<Snapshot> snapshot_of(std::string_view json) {
  LoadResult r = load_config_text(json, "c", fake_env(), fake_registry());
  if (!r.ok()) FAIL(format_problems(r.issues));
  return Snapshot::build(std::move(*r.loaded), fake_registry());
}

constexpr std::string_view kTwoTenants = R"({
  "secrets": {"verification_key": "0123456789abcdef0123"},
  "tenants": [
    {"id": "acme", "provider": "django",
     "api_keys": ["sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "acme-plain-key"],
     "upstream": {"base_url": "https://API.Acme.example:8443/base/", "timeout_ms": 1500, "connect_timeout_ms": 200,
                  "max_connections": 7, "retries": 2,
                  "tls": {"verify": false},
                  "paths": {"update": "/custom/update/"},
                  "headers": {"Accept-Language": "en", "X-Client-Id": "web"}},
     "rate_limit": {"requests_per_second": 50, "burst": 100}},
    {"id": "store", "provider": "salla",
     "api_keys": ["store-key"],
     "upstream": {"base_url": "http://127.0.0.1:9105/store/v1", "headers": {"Store-Identifier": "demo-store"}},
     "customer_auth": {"scheme": "Token"},
     "service_auth": {"type": "bearer", "token": "svc"}}
  ]
})";

}  // namespace

TEST_CASE("API keys find their tenant, hashed or plain", "[config][snapshot]") {
  auto s = snapshot_of(kTwoTenants);
  const core::Tenant* acme = s->tenant_for_api_key("test");  // sha256:9f86... is sha256("test")
  REQUIRE(acme != nullptr);
  CHECK(acme->id == "acme");
  CHECK(s->tenant_for_api_key("acme-plain-key") == acme);
  const core::Tenant* store = s->tenant_for_api_key("store-key");
  REQUIRE(store != nullptr);
  CHECK(store->id == "store");
  CHECK(s->tenant_for_api_key("unknown") == nullptr);
  CHECK(s->tenant_for_api_key("") == nullptr);
  CHECK(s->tenant_for_api_key("tes") == nullptr);
  // The stored form itself is not a key: presenting the hash does not authenticate.
  CHECK(s->tenant_for_api_key("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") ==
        nullptr);
  CHECK(s->tenant_for_api_key("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") == nullptr);
}

TEST_CASE("tenants resolve to their adapter, upstream target and settings", "[config][snapshot]") {
  auto s = snapshot_of(kTwoTenants);
  REQUIRE(s->tenants().size() == 2);
  CHECK(s->generation() == 0);
  CHECK(s->verification_key() == "0123456789abcdef0123");
  CHECK(s->raw_document() != nullptr);

  const core::Tenant* acme = s->tenant_by_id("acme");
  REQUIRE(acme == &s->tenants()[0]);
  CHECK(acme->provider == "django");
  CHECK(acme->adapter == fake_registry().find("django"));
  CHECK(acme->customer_auth == core::CustomerAuthScheme::kBearer);
  REQUIRE(acme->rate_limit.has_value());
  CHECK(acme->rate_limit->requests_per_second == 50);
  CHECK(acme->rate_limit->burst == 100);
  const core::upstream::UpstreamTarget& t = acme->upstream;
  CHECK(t.tls);
  CHECK(t.host == "api.acme.example");
  CHECK(t.port == 8443);
  CHECK(t.base_path == "/base");
  CHECK(t.host_header == "api.acme.example:8443");
  CHECK_FALSE(t.tls_settings.verify);
  CHECK(t.timeout_ms == 1500);
  CHECK(t.connect_timeout_ms == 200);
  CHECK(t.max_connections == 7);
  CHECK(t.service_auth.type == core::upstream::ServiceAuthType::kNone);
  CHECK(t.headers ==
        std::vector<std::pair<std::string, std::string>>{{"Accept-Language", "en"}, {"X-Client-Id", "web"}});
  CHECK(t.pool_key == "https://api.acme.example:8443|verify=0|ca=");
  CHECK(s->tenant_config(*acme).upstream.retries == 2);
  // The resilience settings travel with the target: retries, breaker, and the derived call budget.
  CHECK(t.retries == 2);
  CHECK(t.circuit_breaker.failure_threshold == 20);
  CHECK(t.circuit_breaker.open_ms == 5000);
  CHECK(t.deadline_ms == 0);
  CHECK(t.call_budget() == std::chrono::milliseconds(200 + 3 * 1500));

  const core::Tenant* store = s->tenant_by_id("store");
  REQUIRE(store != nullptr);
  CHECK(store->customer_auth == core::CustomerAuthScheme::kToken);
  CHECK_FALSE(store->rate_limit.has_value());
  CHECK_FALSE(store->upstream.tls);
  CHECK(store->upstream.host_header == "127.0.0.1:9105");
  CHECK(store->upstream.base_path == "/store/v1");
  CHECK(store->upstream.pool_key == "http://127.0.0.1:9105|verify=1|ca=");
  CHECK(store->upstream.service_auth.type == core::upstream::ServiceAuthType::kBearer);
  CHECK(store->upstream.service_auth.token == "svc");
  CHECK(s->tenant_config(*store).upstream.retries == 1);
  CHECK(store->upstream.retries == 1);

  CHECK(s->tenant_by_id("nobody") == nullptr);
  CHECK(s->pool_keys() == std::vector<std::string>{"https://api.acme.example:8443|verify=0|ca=",
                                                   "http://127.0.0.1:9105|verify=1|ca="});
  core::Tenant foreign;
  CHECK_THROWS_AS(s->tenant_config(foreign), std::invalid_argument);
}

TEST_CASE("path templates are the provider defaults with the tenant's overrides", "[config][snapshot]") {
  auto s = snapshot_of(kTwoTenants);
  const core::PathTemplates& acme = s->tenant_by_id("acme")->paths;
  CHECK(acme.get("get") == "/api/customers/me/");
  CHECK(acme.get("update") == "/custom/update/");
  CHECK(acme.get("nothing").empty());
  CHECK(acme.entries().size() == 2);
  const core::PathTemplates& store = s->tenant_by_id("store")->paths;
  CHECK(store.entries() ==
        std::vector<std::pair<std::string, std::string>>{{"get", "/auth/user"},
                                                         {"update", "/profile/update"},
                                                         {"contacts", "/profile/contacts/update"},
                                                         {"verify", "/profile/verify"}});
}

TEST_CASE("pool keys: default ports, IPv6 and CA files", "[config][snapshot]") {
  TenantConfig t;
  t.upstream.url = *parse_upstream_url("http://[::1]:9101").url;
  CHECK(make_upstream_target(t).pool_key == "http://[::1]:9101|verify=1|ca=");
  CHECK(make_upstream_target(t).host == "::1");
  CHECK(make_upstream_target(t).host_header == "[::1]:9101");
  t.upstream.url = *parse_upstream_url("https://api.example").url;
  t.upstream.tls.ca_file = "/etc/ca.pem";
  CHECK(make_upstream_target(t).pool_key == "https://api.example:443|verify=1|ca=/etc/ca.pem");
  CHECK(make_upstream_target(t).host_header == "api.example");
  CHECK(make_upstream_target(t).tls_settings.ca_file == "/etc/ca.pem");
  // TLS settings do not split plain-http pools.
  t.upstream.url = *parse_upstream_url("http://api.example").url;
  t.upstream.tls.verify = false;
  CHECK(make_upstream_target(t).pool_key == "http://api.example:80|verify=1|ca=");
}

TEST_CASE("building from an unvalidated config with an unknown provider is a programming error",
          "[config][snapshot]") {
  Config c;
  c.tenants.emplace_back().provider = "nope";
  CHECK_THROWS_AS(Snapshot::build(c, fake_registry()), std::invalid_argument);
}
