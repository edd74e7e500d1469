#include "config/config_validator.h"

#include <catch2/catch.hpp>

#include "config/api_key.h"
#include "fake_adapters.h"

using namespace profilegw;
using namespace profilegw::config;
using namespace profilegw::config::testing;

namespace {

std::vector<std::string> errors_of(std::string_view json) {
  ValidationResult r = validate_text(json);
  CHECK_FALSE(r.ok());
  return issue_lines(r.issues);
}

}  // namespace

TEST_CASE("a minimal config is valid and gets every default", "[config][validator]") {
  ValidationResult r = validate_text(with_tenants(kDjangoTenant));
  REQUIRE(r.issues.empty());
  REQUIRE(r.ok());
  const Config& c = *r.config;
  CHECK(c.listen.address == "127.0.0.1");
  CHECK(c.listen.port == 8080);
  CHECK(c.listen.threads == default_thread_count());
  CHECK(c.listen.threads >= 1);
  CHECK_FALSE(c.admin.has_value());
  CHECK(c.limits.max_body_bytes == 65536);
  CHECK(c.limits.header_timeout_ms == 5000);
  CHECK(c.limits.idle_timeout_ms == 60000);
  CHECK(c.limits.drain_timeout_ms == 10000);
  CHECK(c.limits.max_header_bytes == 16384);
  CHECK(c.limits.max_connections == 10000);
  CHECK(c.limits.max_in_flight == 4096);
  CHECK(c.log.format == LogFormat::kText);
  CHECK(c.log.level == LogLevel::kInfo);
  CHECK_FALSE(c.watch);
  CHECK(c.secrets.verification_key.empty());
  REQUIRE(c.tenants.size() == 1);
  const TenantConfig& t = c.tenants[0];
  CHECK(t.id == "acme");
  CHECK(t.provider == "django");
  REQUIRE(t.api_keys.size() == 1);
  CHECK(t.api_keys[0].hashed);
  CHECK(digest_hex(t.api_keys[0].digest) ==
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  CHECK(t.upstream.url.host == "api.acme.example");
  CHECK(t.upstream.url.port == 443);
  CHECK(t.upstream.timeout_ms == 3000);
  CHECK(t.upstream.connect_timeout_ms == 1000);
  CHECK(t.upstream.max_connections == 64);
  CHECK(t.upstream.tls.verify);
  CHECK(t.upstream.tls.ca_file.empty());
  CHECK(t.upstream.paths.empty());
  CHECK(t.upstream.headers.empty());
  CHECK(t.upstream.circuit_breaker.failure_threshold == 20);
  CHECK(t.upstream.circuit_breaker.open_ms == 5000);
  CHECK(t.upstream.retries == 1);
  CHECK(t.upstream.deadline_ms == 0);  // derived from the timeouts when absent
  CHECK(t.customer_auth == core::CustomerAuthScheme::kBearer);
  CHECK(t.service_auth.type == core::upstream::ServiceAuthType::kNone);
  CHECK_FALSE(t.rate_limit.has_value());
}

TEST_CASE("an empty object is a valid config with no tenants", "[config][validator]") {
  ValidationResult r = validate_text("{}");
  REQUIRE(r.ok());
  CHECK(r.config->tenants.empty());
}

TEST_CASE("explicit values replace the defaults", "[config][validator]") {
  ValidationResult r = validate_text(R"({
    "listen": { "address": "::", "port": 0, "threads": 3 },
    "admin": { "address": "127.0.0.2", "port": 9000, "token": "0123456789abcdef-admin" },
    "limits": { "max_body_bytes": 1024, "header_timeout_ms": 10, "idle_timeout_ms": 20, "drain_timeout_ms": 0,
                "max_header_bytes": 2048, "max_connections": 5, "max_in_flight": 6 },
    "log": { "format": "json", "level": "warn" },
    "watch": true,
    "secrets": { "verification_key": "0123456789abcdef" },
    "tenants": [{
      "id": "s1", "api_keys": ["sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
      "provider": "shop",
      "upstream": { "base_url": "http://shop.local:8000/base/", "timeout_ms": 250, "connect_timeout_ms": 50,
                    "max_connections": 8, "retries": 0,
                    "circuit_breaker": { "failure_threshold": 2, "open_ms": 100 },
                    "paths": { "get": "/me" }, "headers": { "X-Client-Id": "web", "Accept-Language": "ar" } },
      "customer_auth": { "scheme": "none" },
      "service_auth": { "type": "basic", "username": "gw", "password": "" },
      "rate_limit": { "requests_per_second": 0.5, "burst": 2 }
    }]
  })");
  REQUIRE(r.ok());
  const Config& c = *r.config;
  CHECK(c.listen.address == "::");
  CHECK(c.listen.port == 0);
  CHECK(c.listen.threads == 3);
  REQUIRE(c.admin.has_value());
  CHECK(c.admin->address == "127.0.0.2");
  CHECK(c.admin->port == 9000);
  CHECK(c.admin->token == "0123456789abcdef-admin");
  CHECK(c.limits.max_body_bytes == 1024);
  CHECK(c.limits.header_timeout_ms == 10);
  CHECK(c.limits.idle_timeout_ms == 20);
  CHECK(c.limits.drain_timeout_ms == 0);
  CHECK(c.limits.max_header_bytes == 2048);
  CHECK(c.limits.max_connections == 5);
  CHECK(c.limits.max_in_flight == 6);
  CHECK(c.log.format == LogFormat::kJson);
  CHECK(c.log.level == LogLevel::kWarn);
  CHECK(c.watch);
  CHECK(c.secrets.verification_key == "0123456789abcdef");
  const TenantConfig& t = c.tenants.at(0);
  CHECK(t.upstream.url.path == "/base");
  CHECK(t.upstream.timeout_ms == 250);
  CHECK(t.upstream.connect_timeout_ms == 50);
  CHECK(t.upstream.max_connections == 8);
  CHECK(t.upstream.retries == 0);
  CHECK(t.upstream.circuit_breaker.failure_threshold == 2);
  CHECK(t.upstream.circuit_breaker.open_ms == 100);
  CHECK(t.upstream.paths == std::vector<std::pair<std::string, std::string>>{{"get", "/me"}});
  CHECK(t.upstream.headers ==
        std::vector<std::pair<std::string, std::string>>{{"X-Client-Id", "web"}, {"Accept-Language", "ar"}});
  CHECK(t.customer_auth == core::CustomerAuthScheme::kNone);
  CHECK(t.service_auth.type == core::upstream::ServiceAuthType::kBasic);
  CHECK(t.service_auth.username == "gw");
  CHECK(t.service_auth.password.empty());
  REQUIRE(t.rate_limit.has_value());
  CHECK(t.rate_limit->requests_per_second == 0.5);
  CHECK(t.rate_limit->burst == 2);
  // A token-addressed provider without customer credentials cannot work: warned, not refused.
  CHECK_THAT(
      issue_lines(r.issues),
      has_line("warning: tenants[0].customer_auth.scheme: provider \"shop\" identifies the customer by "
               "their token; without one no profile can be read"));
}

TEST_CASE("customer_auth defaults follow the provider", "[config][validator]") {
  ValidationResult r = validate_text(R"({"secrets": {"verification_key": "0123456789abcdef"}, "tenants": [
    {"id": "d", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
     "provider": "django", "upstream": {"base_url": "http://d"}},
    {"id": "s", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000002"],
     "provider": "shop", "upstream": {"base_url": "http://s"}},
    {"id": "v", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000003"],
     "provider": "v1rest", "upstream": {"base_url": "http://v"}},
    {"id": "p", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000004"],
     "provider": "partner", "upstream": {"base_url": "http://p"},
     "service_auth": {"type": "digest", "username": "gw", "password": "pw"}},
    {"id": "a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000005"],
     "provider": "salla", "upstream": {"base_url": "http://a"}}
  ]})");
  REQUIRE(r.ok());
  const auto& t = r.config->tenants;
  CHECK(t[0].customer_auth == core::CustomerAuthScheme::kBearer);
  CHECK(t[1].customer_auth == core::CustomerAuthScheme::kToken);
  CHECK(t[2].customer_auth == core::CustomerAuthScheme::kBearer);
  CHECK(t[3].customer_auth == core::CustomerAuthScheme::kNone);
  CHECK(t[4].customer_auth == core::CustomerAuthScheme::kBearer);
  CHECK(t[3].service_auth.type == core::upstream::ServiceAuthType::kDigest);
  CHECK(t[3].service_auth.password == "pw");
}

TEST_CASE("a base_url that is not an absolute http(s) URL names its tenant", "[config][validator]") {
  const std::string tenants = R"(
    {"id": "a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
     "provider": "django", "upstream": {"base_url": "http://a"}},
    {"id": "b", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000002"],
     "provider": "django", "upstream": {"base_url": "http://b"}},
    {"id": "c", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000003"],
     "provider": "django", "upstream": {"base_url": "api.acme.example"}})";
  CHECK(errors_of(with_tenants(tenants)) ==
        std::vector<std::string>{"tenants[2].upstream.base_url: not an absolute http(s) URL"});
}

TEST_CASE("unknown keys are errors, with the closest known key suggested", "[config][validator]") {
  const auto lines = errors_of(R"({
    "listne": {},
    "tenants": [{"id": "acme", "api_keys": ["sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
                 "provider": "django", "upstreem": {"base_url": "http://x"}, "frobnicate": 1,
                 "rate_limit": {"requests_per_second": 1, "brust": 2}}]
  })");
  CHECK_THAT(lines, has_line("listne: unknown key (did you mean \"listen\"?)"));
  CHECK_THAT(lines, has_line("tenants[0].upstreem: unknown key (did you mean \"upstream\"?)"));
  CHECK_THAT(lines, has_line("tenants[0].frobnicate: unknown key"));
  CHECK_THAT(lines, has_line("tenants[0].rate_limit.brust: unknown key (did you mean \"burst\"?)"));
  CHECK_THAT(lines, has_line("tenants[0].upstream: required"));
  CHECK_THAT(lines, has_line("tenants[0].rate_limit.burst: required"));
  CHECK(lines.size() == 6);
}

TEST_CASE("wrong types say what was expected", "[config][validator]") {
  CHECK(errors_of(R"({"listen": {"port": "8080"}})") ==
        std::vector<std::string>{"listen.port: expected an integer between 0 and 65535"});
  CHECK(errors_of(R"({"listen": {"port": 65536}})") ==
        std::vector<std::string>{"listen.port: expected an integer between 0 and 65535"});
  CHECK(errors_of(R"({"listen": {"port": 80.5}})") ==
        std::vector<std::string>{"listen.port: expected an integer between 0 and 65535"});
  CHECK(errors_of(R"({"listen": {"threads": 0}})") ==
        std::vector<std::string>{"listen.threads: expected an integer between 1 and 1024"});
  CHECK(errors_of(R"({"listen": {"address": "localhost"}})") ==
        std::vector<std::string>{"listen.address: expected an IPv4 or IPv6 address"});
  CHECK(errors_of(R"({"listen": 1})") == std::vector<std::string>{"listen: expected an object"});
  CHECK(errors_of(R"({"watch": "yes"})") == std::vector<std::string>{"watch: expected true or false"});
  CHECK(errors_of(R"({"log": {"format": "xml", "level": "verbose"}})") ==
        std::vector<std::string>{
            "log.format: expected one of \"json\", \"text\"",
            "log.level: expected one of \"trace\", \"debug\", \"info\", \"warn\", \"error\", "
            "\"off\""});
  CHECK(errors_of(R"({"limits": {"max_body_bytes": 0, "drain_timeout_ms": -1}})") ==
        std::vector<std::string>{"limits.max_body_bytes: expected an integer between 1 and 67108864",
                                 "limits.drain_timeout_ms: expected an integer between 0 and 3600000"});
  CHECK(errors_of(R"({"tenants": {}})") == std::vector<std::string>{"tenants: expected an array"});
  CHECK(errors_of(R"({"tenants": [1]})") == std::vector<std::string>{"tenants[0]: expected an object"});
  CHECK(errors_of(R"([])") == std::vector<std::string>{"(root): expected an object"});
}

TEST_CASE("duplicate object keys are errors", "[config][validator]") {
  CHECK(errors_of(R"({"listen": {"port": 1, "port": 2}})") ==
        std::vector<std::string>{"listen.port: duplicate key"});
}

TEST_CASE("tenant ids are well-formed and unique", "[config][validator]") {
  const std::string tenants = R"(
    {"id": "acme", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
     "provider": "django", "upstream": {"base_url": "http://a"}},
    {"id": "acme", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000002"],
     "provider": "django", "upstream": {"base_url": "http://b"}},
    {"id": "Acme!", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000003"],
     "provider": "django", "upstream": {"base_url": "http://c"}},
    {"api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000004"],
     "provider": "django", "upstream": {"base_url": "http://d"}})";
  CHECK(errors_of(with_tenants(tenants)) ==
        std::vector<std::string>{
            "tenants[1].id: duplicate tenant id \"acme\" (first at tenants[0].id)",
            "tenants[2].id: expected 1 to 63 characters of a-z 0-9 _ -, starting with a letter or digit",
            "tenants[3].id: required"});
  CHECK(
      validate_text(
          with_tenants(
              R"({"id": "0a_b-c", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"], "provider": "django", "upstream": {"base_url": "http://a"}})"))
          .ok());
  CHECK_FALSE(
      validate_text(
          with_tenants(
              R"({"id": "_a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"], "provider": "django", "upstream": {"base_url": "http://a"}})"))
          .ok());
  const std::string long_id(64, 'a');
  CHECK_FALSE(
      validate_text(
          with_tenants(
              R"({"id": ")" + long_id +
              R"(", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"], "provider": "django", "upstream": {"base_url": "http://a"}})"))
          .ok());
}

TEST_CASE("API keys are unique across all tenants, plain or hashed", "[config][validator]") {
  // "test" and sha256("test") are the same key.
  const std::string tenants = R"(
    {"id": "a", "api_keys": ["test"], "provider": "django", "upstream": {"base_url": "http://a"}},
    {"id": "b", "api_keys": ["sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "other-key",
                             "other-key"],
     "provider": "shop", "upstream": {"base_url": "http://b"}})";
  ValidationResult r = validate_text(with_tenants(tenants));
  REQUIRE_FALSE(r.ok());
  const auto lines = issue_lines(r.issues);
  CHECK_THAT(lines, has_line("tenants[1].api_keys[0]: duplicate API key (first at tenants[0].api_keys[0])"));
  CHECK_THAT(lines, has_line("tenants[1].api_keys[2]: duplicate API key (first at tenants[1].api_keys[1])"));
}

TEST_CASE("API key entries are checked", "[config][validator]") {
  auto tenant_with = [](std::string_view keys) {
    return with_tenants(
        R"({"id": "a", "provider": "django", "upstream": {"base_url": "http://a"}, "api_keys": )" +
        std::string(keys) + "}");
  };
  CHECK(errors_of(tenant_with("[]")) ==
        std::vector<std::string>{"tenants[0].api_keys: expected at least one key"});
  CHECK(errors_of(tenant_with("\"k\"")) ==
        std::vector<std::string>{"tenants[0].api_keys: expected an array of strings"});
  CHECK(errors_of(tenant_with("[1]")) ==
        std::vector<std::string>{"tenants[0].api_keys[0]: expected a string"});
  CHECK(errors_of(
            tenant_with(R"(["sha256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"])")) ==
        std::vector<std::string>{
            "tenants[0].api_keys[0]: expected sha256: followed by 64 lower-case hex digits"});
  CHECK(errors_of(tenant_with(R"(["sha256:abc"])")) ==
        std::vector<std::string>{
            "tenants[0].api_keys[0]: expected sha256: followed by 64 lower-case hex digits"});
  CHECK(errors_of(tenant_with(R"(["has space"])")) ==
        std::vector<std::string>{"tenants[0].api_keys[0]: expected printable ASCII without spaces"});
  CHECK(errors_of(tenant_with(R"([""])")) ==
        std::vector<std::string>{"tenants[0].api_keys[0]: must not be empty"});
  const std::string missing =
      with_tenants(R"({"id": "a", "provider": "django", "upstream": {"base_url": "http://a"}})");
  CHECK(errors_of(missing) == std::vector<std::string>{"tenants[0].api_keys: required"});
}

TEST_CASE("a plain API key is a warning that does not fail the config", "[config][validator]") {
  ValidationResult r = validate_text(with_tenants(R"({"id": "a", "provider": "django",
      "upstream": {"base_url": "http://a"},
      "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001", "test"]})"));
  REQUIRE(r.ok());
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].severity == Severity::kWarning);
  CHECK(r.issues[0].path == "tenants[0].api_keys[1]");
  CHECK(
      r.issues[0].message ==
      "plain-text key; store it as sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  const auto& keys = r.config->tenants[0].api_keys;
  REQUIRE(keys.size() == 2);
  CHECK_FALSE(keys[1].hashed);
  CHECK(keys[1].digest == digest_api_key("test"));
}

TEST_CASE("an unknown provider lists the known ones", "[config][validator]") {
  const std::string tenants = R"(
    {"id": "a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
     "provider": "django", "upstream": {"base_url": "http://a"}},
    {"id": "b", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000002"],
     "provider": "foo", "upstream": {"base_url": "http://b", "paths": {"anything": "/x"}}})";
  // Provider-dependent checks (path keys) are skipped for an unknown provider: one cause, one line.
  CHECK(errors_of(with_tenants(tenants)) ==
        std::vector<std::string>{
            "tenants[1].provider: unknown provider \"foo\" (known: django, shop, v1rest, partner, salla, mapped)"});
  CHECK(
      errors_of(with_tenants(
          R"({"id": "a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"], "upstream": {"base_url": "http://a"}})")) ==
      std::vector<std::string>{"tenants[0].provider: required"});
}

TEST_CASE("secrets.verification_key is required with salla and at least 16 bytes", "[config][validator]") {
  const std::string salla =
      R"({"id": "s", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
     "provider": "salla", "upstream": {"base_url": "https://api.salla.dev/store/v1"}})";
  const std::string django =
      R"({"id": "d", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000002"],
     "provider": "django", "upstream": {"base_url": "https://d"}})";
  CHECK(errors_of(with_tenants(django + "," + salla)) ==
        std::vector<std::string>{
            "secrets.verification_key: required when a tenant uses provider \"salla\" (tenants[1])"});
  CHECK(errors_of(with_tenants(salla, R"("secrets": {"verification_key": "short"})")) ==
        std::vector<std::string>{"secrets.verification_key: expected at least 16 bytes"});
  CHECK(errors_of(with_tenants(django, R"("secrets": {"verification_key": ""})")) ==
        std::vector<std::string>{"secrets.verification_key: expected at least 16 bytes"});
  CHECK(errors_of(with_tenants(django, R"("secrets": {"verification_key": 12345678901234567890})")) ==
        std::vector<std::string>{"secrets.verification_key: expected a string"});
  CHECK(validate_text(with_tenants(salla, R"("secrets": {"verification_key": "0123456789abcdef"})")).ok());
  CHECK(validate_text(with_tenants(django)).ok());
}

TEST_CASE("partner needs service_auth", "[config][validator]") {
  const std::string partner =
      R"({"id": "p", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
     "provider": "partner", "upstream": {"base_url": "https://partner.example"})";
  CHECK(errors_of(with_tenants(partner + "}")) ==
        std::vector<std::string>{"tenants[0].service_auth: required for provider \"partner\" (digest)"});
  ValidationResult basic = validate_text(
      with_tenants(partner + R"(, "service_auth": {"type": "basic", "username": "u", "password": "p"}})"));
  REQUIRE(basic.ok());
  CHECK(issue_lines(basic.issues) ==
        std::vector<std::string>{
            "warning: tenants[0].service_auth.type: provider \"partner\" expects \"digest\""});
}

TEST_CASE("service_auth fields depend on the type", "[config][validator]") {
  auto with_auth = [](std::string_view auth) {
    return with_tenants(
        R"({"id": "a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
        "provider": "django", "upstream": {"base_url": "http://a"}, "service_auth": )" +
        std::string(auth) + "}");
  };
  CHECK(errors_of(with_auth(R"({"type": "bearer"})")) ==
        std::vector<std::string>{"tenants[0].service_auth.token: required for type \"bearer\""});
  CHECK(errors_of(with_auth(R"({"type": "bearer", "token": "t", "username": "u"})")) ==
        std::vector<std::string>{"tenants[0].service_auth.username: not used with type \"bearer\""});
  CHECK(errors_of(with_auth(R"({"type": "digest", "username": "u", "password": "p", "token": "t"})")) ==
        std::vector<std::string>{"tenants[0].service_auth.token: not used with type \"digest\""});
  CHECK(errors_of(with_auth(R"({"type": "digest", "password": "p"})")) ==
        std::vector<std::string>{"tenants[0].service_auth.username: required for type \"digest\""});
  CHECK(errors_of(with_auth(R"({"type": "oauth"})")) ==
        std::vector<std::string>{
            "tenants[0].service_auth.type: expected one of \"digest\", \"basic\", \"bearer\""});
  CHECK(errors_of(with_auth(R"({"username": "u"})")) ==
        std::vector<std::string>{"tenants[0].service_auth.type: required"});
  CHECK(errors_of(with_auth(R"({"type": "basic", "username": "a:b", "password": "p"})")) ==
        std::vector<std::string>{"tenants[0].service_auth.username: must not contain ':' (Basic auth)"});
  CHECK(errors_of(with_auth(R"({"type": "bearer", "token": "a\r\nX-Evil: 1"})")) ==
        std::vector<std::string>{"tenants[0].service_auth.token: must not contain control characters"});
  CHECK(errors_of(with_auth(R"({"type": "bearer", "token": "a b"})")) ==
        std::vector<std::string>{"tenants[0].service_auth.token: must not contain spaces"});
  ValidationResult ok = validate_text(with_auth(R"({"type": "bearer", "token": "tok"})"));
  REQUIRE(ok.ok());
  CHECK(ok.config->tenants[0].service_auth.type == core::upstream::ServiceAuthType::kBearer);
  CHECK(ok.config->tenants[0].service_auth.token == "tok");
}

TEST_CASE("path overrides use the provider's keys and start with '/'", "[config][validator]") {
  auto with_paths = [](std::string_view provider, std::string_view paths) {
    return with_tenants(
        R"({"id": "a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
        "provider": ")" +
            std::string(provider) +
            R"(", "service_auth": {"type": "digest", "username": "u", "password": "p"},
        "upstream": {"base_url": "http://a", "paths": )" +
            std::string(paths) + "}}",
        R"("secrets": {"verification_key": "0123456789abcdef"})");
  };
  CHECK(
      errors_of(with_paths("django", R"({"fetch": "/x"})")) ==
      std::vector<std::string>{
          "tenants[0].upstream.paths.fetch: unknown path key for provider \"django\" (known: get, update)"});
  CHECK(errors_of(with_paths("django", R"({"updat": "/x"})")) ==
        std::vector<std::string>{"tenants[0].upstream.paths.updat: unknown path key for provider \"django\" "
                                 "(did you mean \"update\"?)"});
  CHECK(errors_of(with_paths("django", R"({"get": "api/me"})")) ==
        std::vector<std::string>{"tenants[0].upstream.paths.get: expected a path starting with '/'"});
  CHECK(
      errors_of(with_paths("partner", R"({"get": "/c/{customer}"})")) ==
      std::vector<std::string>{"tenants[0].upstream.paths.get: unknown placeholder; only {id} is supported"});
  CHECK(errors_of(with_paths("django", R"({"get": "/a b"})")) ==
        std::vector<std::string>{"tenants[0].upstream.paths.get: invalid character in path"});
  CHECK(errors_of(with_paths("django", R"({"get": 1})")) ==
        std::vector<std::string>{"tenants[0].upstream.paths.get: expected a string"});
  CHECK(errors_of(with_paths("django", R"([])")) ==
        std::vector<std::string>{"tenants[0].upstream.paths: expected an object"});
  CHECK(validate_text(with_paths("salla", R"({"contacts": "/c", "verify": "/v/{id}"})")).ok());
}

TEST_CASE("fixed headers are valid, not reserved and free of CR/LF/NUL", "[config][validator]") {
  auto with_headers = [](std::string_view headers) {
    return with_tenants(
        R"({"id": "a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
        "provider": "django", "upstream": {"base_url": "http://a", "headers": )" +
        std::string(headers) + "}}");
  };
  CHECK(
      errors_of(with_headers(R"({"Host": "x"})")) ==
      std::vector<std::string>{"tenants[0].upstream.headers.Host: set by the gateway; cannot be configured"});
  for (const char* name : {"content-length", "Transfer-Encoding", "CONNECTION", "Authorization"}) {
    CAPTURE(name);
    CHECK_FALSE(validate_text(with_headers(std::string("{\"") + name + "\": \"x\"}")).ok());
  }
  CHECK(errors_of(with_headers(R"({"bad name": "x"})")) ==
        std::vector<std::string>{"tenants[0].upstream.headers[\"bad name\"]: invalid header name"});
  CHECK(errors_of(with_headers(R"({"X-A": "a\r\nX-Injected: 1"})")) ==
        std::vector<std::string>{
            "tenants[0].upstream.headers.X-A: must not contain CR, LF, NUL or other control characters"});
  CHECK(errors_of(with_headers(R"({"X-A": "a\u0000"})")) ==
        std::vector<std::string>{
            "tenants[0].upstream.headers.X-A: must not contain CR, LF, NUL or other control characters"});
  CHECK(errors_of(with_headers(R"({"X-A": 1})")) ==
        std::vector<std::string>{"tenants[0].upstream.headers.X-A: expected a string"});
  CHECK(errors_of(with_headers(R"({"Accept-Language": "en", "accept-language": "ar"})")) ==
        std::vector<std::string>{"tenants[0].upstream.headers.accept-language: duplicate header (first at "
                                 "tenants[0].upstream.headers.Accept-Language)"});
  CHECK(validate_text(with_headers(R"({"api-version": "2", "x-client-id": "web", "Accept-Language": "tr"})"))
            .ok());
}

TEST_CASE("upstream numbers, tls, circuit breaker and retries are range-checked", "[config][validator]") {
  auto with_upstream = [](std::string_view extra) {
    return with_tenants(
        R"({"id": "a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
        "provider": "django", "upstream": {"base_url": "https://a")" +
        std::string(extra) + "}}");
  };
  CHECK(errors_of(with_upstream(R"(, "retries": 4)")) ==
        std::vector<std::string>{"tenants[0].upstream.retries: expected an integer between 0 and 3"});
  CHECK(errors_of(with_upstream(R"(, "deadline_ms": 0)")) ==
        std::vector<std::string>{"tenants[0].upstream.deadline_ms: expected an integer between 1 and 3600000"});
  ValidationResult budget = validate_text(with_upstream(R"(, "deadline_ms": 2500)"));
  REQUIRE(budget.ok());
  CHECK(budget.config->tenants[0].upstream.deadline_ms == 2500);
  CHECK(errors_of(with_upstream(R"(, "timeout_ms": 0)")) ==
        std::vector<std::string>{"tenants[0].upstream.timeout_ms: expected an integer between 1 and 600000"});
  CHECK(errors_of(with_upstream(R"(, "circuit_breaker": {"failure_threshold": 0, "open_ms": 5, "x": 1})")) ==
        std::vector<std::string>{
            "tenants[0].upstream.circuit_breaker.x: unknown key",
            "tenants[0].upstream.circuit_breaker.failure_threshold: expected an integer between 1 and 1000"});
  CHECK(
      errors_of(with_upstream(R"(, "tls": {"ca_file": "/nonexistent/ca.pem"})")) ==
      std::vector<std::string>{
          "tenants[0].upstream.tls.ca_file: cannot read \"/nonexistent/ca.pem\": No such file or directory"});
  CHECK(errors_of(with_upstream(R"(, "tls": {"verify": "no"})")) ==
        std::vector<std::string>{"tenants[0].upstream.tls.verify: expected true or false"});
  ValidationResult off = validate_text(with_upstream(R"(, "tls": {"verify": false})"));
  REQUIRE(off.ok());
  CHECK(issue_lines(off.issues) ==
        std::vector<std::string>{"warning: tenants[0].upstream.tls.verify: certificate verification is off"});
  CHECK_FALSE(off.config->tenants[0].upstream.tls.verify);
}

TEST_CASE("rate limits need a positive rate and a burst of at least 1", "[config][validator]") {
  auto with_rate = [](std::string_view rate) {
    return with_tenants(
        R"({"id": "a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
        "provider": "django", "upstream": {"base_url": "http://a"}, "rate_limit": )" +
        std::string(rate) + "}");
  };
  CHECK(
      errors_of(with_rate(R"({"requests_per_second": 0, "burst": 1})")) ==
      std::vector<std::string>{
          "tenants[0].rate_limit.requests_per_second: expected a number greater than 0 and at most 1000000"});
  CHECK(errors_of(with_rate(R"({"requests_per_second": 1, "burst": 0.5})")) ==
        std::vector<std::string>{"tenants[0].rate_limit.burst: expected a number between 1 and 10000000"});
  CHECK(
      errors_of(with_rate(R"({"requests_per_second": "5", "burst": 1})")) ==
      std::vector<std::string>{
          "tenants[0].rate_limit.requests_per_second: expected a number greater than 0 and at most 1000000"});
  CHECK(errors_of(with_rate(R"({"burst": 1})")) ==
        std::vector<std::string>{"tenants[0].rate_limit.requests_per_second: required"});
}

TEST_CASE("customer_auth.scheme is one of Bearer, Token, none", "[config][validator]") {
  CHECK(
      errors_of(with_tenants(
          R"({"id": "a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
        "provider": "django", "upstream": {"base_url": "http://a"}, "customer_auth": {"scheme": "bearer"}})")) ==
      std::vector<std::string>{
          "tenants[0].customer_auth.scheme: expected one of \"Bearer\", \"Token\", \"none\""});
}

TEST_CASE("the admin block needs a token and its own port", "[config][validator]") {
  CHECK(errors_of(R"({"admin": {}})") == std::vector<std::string>{"admin.token: required"});
  CHECK(errors_of(R"({"admin": {"token": "0123456789abcdef", "port": 8080}})") ==
        std::vector<std::string>{"admin.port: same as listen.port"});
  CHECK(errors_of(R"({"listen": {"address": "0.0.0.0", "port": 9000},
                      "admin": {"address": "127.0.0.1", "token": "0123456789abcdef", "port": 9000}})") ==
        std::vector<std::string>{"admin.port: same as listen.port"});
  CHECK(validate_text(R"({"listen": {"address": "127.0.0.1", "port": 9000},
                          "admin": {"address": "127.0.0.2", "token": "0123456789abcdef", "port": 9000}})")
            .ok());
  ValidationResult short_token = validate_text(R"({"admin": {"token": "abc"}})");
  REQUIRE(short_token.ok());
  CHECK(issue_lines(short_token.issues) ==
        std::vector<std::string>{"warning: admin.token: short token; use at least 16 random characters"});
}

TEST_CASE("every problem is reported, not just the first", "[config][validator]") {
  const auto lines = errors_of(R"({
    "listen": {"port": -1},
    "log": {"level": "loud"},
    "tenants": [
      {"id": "a", "api_keys": ["sha256:0000000000000000000000000000000000000000000000000000000000000001"],
       "provider": "django", "upstream": {"base_url": "ftp://a"}},
      {"id": "b", "api_keys": [], "provider": "foo", "upstream": {"base_url": "http://b", "retries": 9}}
    ]
  })");
  CHECK(lines ==
        std::vector<std::string>{
            "listen.port: expected an integer between 0 and 65535",
            "log.level: expected one of \"trace\", \"debug\", \"info\", \"warn\", \"error\", \"off\"",
            "tenants[0].upstream.base_url: not an absolute http(s) URL (scheme \"ftp\" is not supported)",
            "tenants[1].provider: unknown provider \"foo\" (known: django, shop, v1rest, partner, salla, mapped)",
            "tenants[1].api_keys: expected at least one key",
            "tenants[1].upstream.retries: expected an integer between 0 and 3",
        });
}
