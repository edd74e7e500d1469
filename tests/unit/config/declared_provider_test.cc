// Providers declared in config (core::AdapterFactory, "mapped"): the validator compiles the tenant's
// `mapping` to report its problems at their paths and to check the rest of the tenant against it;
// the snapshot compiles and owns one adapter per such tenant. Uses the fake factory only.
#include <catch2/catch.hpp>

#include "config/snapshot.h"
#include "fake_adapters.h"

using namespace profilegw;
using namespace profilegw::config;
using namespace profilegw::config::testing;

namespace {

constexpr std::string_view kKey = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
constexpr std::string_view kOtherKey =
    "sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

std::string declared_tenant(std::string_view id, std::string_view key, std::string_view extra,
                            std::string_view paths = "") {
  std::string out = R"({"id": ")" + std::string(id) + R"(", "api_keys": [")" + std::string(key) +
                    R"("], "provider": "mapped", "upstream": {"base_url": "https://b.example")";
  if (!paths.empty()) out += R"(, "paths": )" + std::string(paths);
  out += "}";
  if (!extra.empty()) out += ", " + std::string(extra);
  return out + "}";
}

}  // namespace

TEST_CASE("a declared provider needs its mapping, and built-in ones refuse one", "[config][declared]") {
  CHECK_THAT(issue_lines(validate_text(with_tenants(declared_tenant("a", kKey, ""))).issues),
             has_line("tenants[0].mapping: required for provider \"mapped\""));
  const std::string django =
      R"({"id": "d", "api_keys": [")" + std::string(kKey) +
      R"("], "provider": "django", "upstream": {"base_url": "https://d.example"}, "mapping": {}})";
  CHECK_THAT(
      issue_lines(validate_text(with_tenants(django)).issues),
      has_line("tenants[0].mapping: only for a provider declared in config (\"mapped\"); provider \"django\" "
               "is built in"));
}

TEST_CASE("the factory's issues are reported at their paths, warnings as warnings", "[config][declared]") {
  ValidationResult bad = validate_text(with_tenants(
      std::string(kDjangoTenant) + "," + declared_tenant("b", kOtherKey, R"("mapping": {"invalid": 1})")));
  CHECK_FALSE(bad.ok());
  CHECK(issue_lines(bad.issues) ==
        std::vector<std::string>{"tenants[1].mapping.invalid: rejected by the fake factory"});

  ValidationResult doubtful =
      validate_text(with_tenants(declared_tenant("c", kKey, R"("mapping": {"doubtful": 1})")));
  REQUIRE(doubtful.ok());
  CHECK(issue_lines(doubtful.issues) ==
        std::vector<std::string>{"warning: tenants[0].mapping.doubtful: a warning"});
  REQUIRE(doubtful.config->tenants.at(0).mapping != nullptr);
  CHECK(doubtful.config->tenants.at(0).mapping->HasMember("doubtful"));
}

TEST_CASE("the rest of the tenant is checked against the compiled mapping", "[config][declared]") {
  // Path keys come from the mapping's requests; the customer-auth default from its addressing.
  ValidationResult r = validate_text(
      with_tenants(declared_tenant("d", kKey, R"("mapping": {})", R"({"get": "/x/{id}", "verify": "/v"})")));
  CHECK_THAT(
      issue_lines(r.issues),
      has_line(
          "tenants[0].upstream.paths.verify: unknown path key for provider \"mapped\" (known: get, update)"));
  ValidationResult ok = validate_text(with_tenants(declared_tenant("d", kKey, R"("mapping": {})")));
  REQUIRE(ok.ok());
  CHECK(ok.config->tenants.at(0).customer_auth == core::CustomerAuthScheme::kNone);
}

TEST_CASE("the snapshot compiles and owns one adapter per declared tenant", "[config][declared]") {
  ValidationResult r = validate_text(
      with_tenants(declared_tenant("e", kKey, R"("mapping": {"n": 1})") + "," +
                   declared_tenant("f", kOtherKey, R"("mapping": {"n": 2})", R"({"update": "/u/{id}"})")));
  REQUIRE(r.ok());
  const Config config = *r.config;
  auto first = Snapshot::build(config, fake_registry());
  auto second = Snapshot::build(config, fake_registry());
  const core::Tenant* e = first->tenant_by_id("e");
  const core::Tenant* f = first->tenant_by_id("f");
  REQUIRE(e != nullptr);
  REQUIRE(f != nullptr);
  CHECK(e->adapter != nullptr);
  CHECK(e->adapter != f->adapter);                          // one per tenant
  CHECK(e->adapter != second->tenant_by_id("e")->adapter);  // one per snapshot
  CHECK(fake_registry().find("mapped") == nullptr);
  CHECK(e->adapter->name() == "mapped");
  CHECK(e->paths.get("get") == "/declared/{id}");
  CHECK(f->paths.get("update") == "/u/{id}");

  Config broken = config;
  broken.tenants[0].mapping = nullptr;
  CHECK_THROWS_AS(Snapshot::build(broken, fake_registry()), std::invalid_argument);
}
