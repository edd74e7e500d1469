// The README's demo config must stay valid and keep its documented keys and ports.
#include <catch2/catch.hpp>

#include "config/snapshot.h"
#include "fake_adapters.h"

using namespace profilegw;
using namespace profilegw::config;
using namespace profilegw::config::testing;

TEST_CASE("config/examples/demo.json loads without warnings", "[config][demo]") {
  LoadResult r = load_config_file(PGW_SOURCE_DIR "/config/examples/demo.json", fake_env(), fake_registry());
  INFO(format_problems(r.issues));
  REQUIRE(r.ok());
  CHECK(r.issues.empty());
  const Config& c = r.loaded->config;
  CHECK(c.listen.address == "127.0.0.1");
  CHECK(c.listen.port == 8080);
  CHECK(c.listen.threads == 2);
  REQUIRE(c.admin.has_value());
  CHECK(c.admin->port == 8081);
  CHECK(c.admin->token == "demo-admin-token");
  CHECK(c.log.format == LogFormat::kText);
  CHECK(c.secrets.verification_key == "demo-verification-key-change-me-0123456789");

  auto snapshot = Snapshot::build(std::move(*r.loaded), fake_registry());
  const struct {
    const char* key;
    const char* tenant;
    const char* provider;
    std::uint16_t port;
  } kExpected[] = {
      {"demo-django-key", "demo-django", "django", 9101},
      {"demo-shop-key", "demo-shop", "shop", 9102},
      {"demo-v1rest-key", "demo-v1rest", "v1rest", 9103},
      {"demo-partner-key", "demo-partner", "partner", 9104},
      {"demo-salla-key", "demo-salla", "salla", 9105},
  };
  for (const auto& e : kExpected) {
    CAPTURE(e.key);
    const core::Tenant* t = snapshot->tenant_for_api_key(e.key);
    REQUIRE(t != nullptr);
    CHECK(t->id == e.tenant);
    CHECK(t->provider == e.provider);
    CHECK(t->upstream.host == "127.0.0.1");
    CHECK(t->upstream.port == e.port);
  }
  const core::Tenant* partner = snapshot->tenant_by_id("demo-partner");
  CHECK(partner->customer_auth == core::CustomerAuthScheme::kNone);
  CHECK(partner->upstream.service_auth.type == core::upstream::ServiceAuthType::kDigest);
  CHECK(partner->upstream.service_auth.username == "gw");
  CHECK(partner->upstream.service_auth.password == "partner-secret");
  CHECK(partner->upstream.headers ==
        std::vector<std::pair<std::string, std::string>>{
            {"api-version", "2"}, {"x-client-id", "web"}, {"Accept-Language", "tr"}});
  const core::Tenant* salla = snapshot->tenant_by_id("demo-salla");
  CHECK(salla->upstream.base_path == "/store/v1");
  CHECK(salla->upstream.headers ==
        std::vector<std::pair<std::string, std::string>>{{"Store-Identifier", "demo-store"}});
  CHECK(snapshot->tenant_by_id("demo-shop")->customer_auth == core::CustomerAuthScheme::kToken);
}
