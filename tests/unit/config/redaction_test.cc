#include "config/redaction.h"

#include <catch2/catch.hpp>

#include "config/config_writer.h"
#include "config/json_loader.h"
#include "fake_adapters.h"

using namespace profilegw::config;
using namespace profilegw::config::testing;

namespace {

rapidjson::Document parse(std::string_view text) {
  JsonParseResult r = parse_json(text, "t");
  REQUIRE(r.ok());
  return std::move(r.document);
}

constexpr std::string_view kTenant = R"({
  "id": "acme",
  "api_keys": ["sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "plain-key"],
  "provider": "partner",
  "upstream": {"base_url": "https://p.example", "headers": {"Accept-Language": "en", "X-Api-Key": "upstream-key",
                                                           "x-client-id": "web"}},
  "service_auth": {"type": "digest", "username": "gw", "password": "${PARTNER_PASSWORD}"},
  "rate_limit": {"requests_per_second": 5, "burst": 10}
})";

}  // namespace

TEST_CASE("redaction hides passwords, tokens, API keys and credential headers", "[config][redaction]") {
  const rapidjson::Document tenant = parse(kTenant);
  rapidjson::Document out;
  out.CopyFrom(redact(tenant, out.GetAllocator()), out.GetAllocator());
  CHECK(to_pretty_json(out) == to_pretty_json(parse(R"({
    "id": "acme",
    "api_keys": ["***", "***"],
    "provider": "partner",
    "upstream": {"base_url": "https://p.example", "headers": {"Accept-Language": "en", "X-Api-Key": "***",
                                                             "x-client-id": "web"}},
    "service_auth": {"type": "digest", "username": "gw", "password": "***"},
    "rate_limit": {"requests_per_second": 5, "burst": 10}
  })")));
  // The source is untouched.
  CHECK(tenant["service_auth"]["password"].GetString() == std::string("${PARTNER_PASSWORD}"));
}

TEST_CASE("a whole config is redacted too: admin token, verification key, bearer tokens",
          "[config][redaction]") {
  const rapidjson::Document config = parse(R"({
    "admin": {"token": "adm"}, "secrets": {"verification_key": "vk"},
    "tenants": [{"id": "a", "api_keys": ["k"], "service_auth": {"type": "bearer", "token": "t"}}]
  })");
  rapidjson::Document out;
  out.CopyFrom(redact(config, out.GetAllocator()), out.GetAllocator());
  CHECK(out["admin"]["token"] == "***");
  CHECK(out["secrets"]["verification_key"] == "***");
  CHECK(out["tenants"][0]["api_keys"][0] == "***");
  CHECK(out["tenants"][0]["service_auth"]["token"] == "***");
  CHECK(out["tenants"][0]["service_auth"]["type"] == "bearer");
}

TEST_CASE("a PUT of the redacted tenant keeps every stored secret", "[config][redaction]") {
  const rapidjson::Document stored = parse(kTenant);
  rapidjson::Document put;
  put.CopyFrom(redact(stored, put.GetAllocator()), put.GetAllocator());
  const std::vector<Issue> issues = restore_redacted(put, &stored, put.GetAllocator(), "tenants[0]");
  CHECK(issues.empty());
  CHECK(put == stored);
}

TEST_CASE("a PUT may change some secrets and keep others", "[config][redaction]") {
  const rapidjson::Document stored = parse(kTenant);
  rapidjson::Document put = parse(R"({
    "id": "acme", "api_keys": ["***", "new-key", "***"], "provider": "partner",
    "upstream": {"base_url": "https://p.example", "headers": {"X-Api-Key": "***"}},
    "service_auth": {"type": "digest", "username": "gw", "password": "new-password"}
  })");
  const std::vector<Issue> issues = restore_redacted(put, &stored, put.GetAllocator());
  CHECK(put["api_keys"][0] == "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  CHECK(put["api_keys"][1] == "new-key");
  CHECK(put["upstream"]["headers"]["X-Api-Key"] == "upstream-key");
  CHECK(put["service_auth"]["password"] == "new-password");
  // Slot 2 has no stored key to keep.
  CHECK(issue_lines(issues) ==
        std::vector<std::string>{"api_keys[2]: \"***\" keeps the stored secret, but there is none"});
}

TEST_CASE("\"***\" for a new tenant is an error; \"***\" in a plain field is just text",
          "[config][redaction]") {
  rapidjson::Document put = parse(R"({"id": "new", "api_keys": ["***"], "provider": "***",
                                      "service_auth": {"type": "bearer", "token": "***"}})");
  const std::vector<Issue> issues = restore_redacted(put, nullptr, put.GetAllocator(), "tenants[3]");
  CHECK(issue_lines(issues) ==
        std::vector<std::string>{
            "tenants[3].api_keys[0]: \"***\" keeps the stored secret, but there is none",
            "tenants[3].service_auth.token: \"***\" keeps the stored secret, but there is none"});
  CHECK(put["provider"] == "***");
}

TEST_CASE("whole-config restore matches tenants by id, not position", "[config][redaction]") {
  const rapidjson::Document stored = parse(R"({"admin": {"token": "adm"}, "tenants": [
    {"id": "a", "service_auth": {"type": "bearer", "token": "ta"}},
    {"id": "b", "service_auth": {"type": "bearer", "token": "tb"}}]})");
  rapidjson::Document put = parse(R"({"admin": {"token": "***"}, "tenants": [
    {"id": "b", "service_auth": {"type": "bearer", "token": "***"}},
    {"id": "a", "service_auth": {"type": "bearer", "token": "***"}}]})");
  CHECK(restore_redacted(put, &stored, put.GetAllocator()).empty());
  CHECK(put["admin"]["token"] == "adm");
  CHECK(put["tenants"][0]["service_auth"]["token"] == "tb");
  CHECK(put["tenants"][1]["service_auth"]["token"] == "ta");
}

TEST_CASE("secret header names are recognised", "[config][redaction]") {
  for (const char* name :
       {"X-Api-Key", "x-auth-token", "Cookie", "X-Secret", "Proxy-Authorization", "X-Signature"}) {
    CAPTURE(name);
    CHECK(is_secret_header(name));
  }
  for (const char* name : {"Accept-Language", "api-version", "x-client-id", "Store-Identifier"}) {
    CAPTURE(name);
    CHECK_FALSE(is_secret_header(name));
  }
}
