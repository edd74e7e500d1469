#include "gateway/admin/tenant_document.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <catch2/catch.hpp>

using namespace profilegw;
using namespace profilegw::gateway::admin;

namespace {

rapidjson::Document parse(std::string_view text) {
  rapidjson::Document d;
  d.Parse(text.data(), text.size());
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer b;
  rapidjson::Writer<rapidjson::StringBuffer> w(b);
  v.Accept(w);
  return {b.GetString(), b.GetSize()};
}

constexpr std::string_view kRaw = R"({
  "listen": {"port": 8080},
  "tenants": [
    {"id": "acme", "api_keys": ["sha256:aaaa"], "provider": "partner",
     "upstream": {"base_url": "http://127.0.0.1:9", "headers": {"x-client-id": "web", "X-Api-Key": "upstream-key"}},
     "service_auth": {"type": "digest", "username": "gw", "password": "${ACME_PW}"}},
    {"id": "shop1", "api_keys": ["plain-key-1"], "provider": "shop", "upstream": {"base_url": "http://127.0.0.1:9"}}
  ]
})";

}  // namespace

TEST_CASE("tenant document: find", "[admin][document]") {
  const auto raw = parse(kRaw);
  CHECK(find_tenant(raw, "acme") == 0u);
  CHECK(find_tenant(raw, "shop1") == 1u);
  CHECK_FALSE(find_tenant(raw, "nobody"));
  CHECK_FALSE(find_tenant(parse("{}"), "acme"));
}

TEST_CASE("tenant document: redacted answers hide every secret", "[admin][document]") {
  const auto raw = parse(kRaw);
  const std::string one = redacted_json(raw["tenants"][0]);
  CHECK(one.find("${ACME_PW}") == std::string::npos);
  CHECK(one.find("upstream-key") == std::string::npos);
  CHECK(one.find("sha256:aaaa") == std::string::npos);
  CHECK(one.find(R"("password":"***")") != std::string::npos);
  CHECK(one.find(R"("x-client-id":"web")") != std::string::npos);
  const std::string all = tenants_json(raw, 7);
  CHECK(all.find("plain-key-1") == std::string::npos);
  CHECK(all.find(R"("config_generation":7)") != std::string::npos);
  const auto list = parse(all);
  CHECK(list["tenants"].Size() == 2u);
}

TEST_CASE("tenant document: a PUT body gets its id from the path", "[admin][document]") {
  auto tenant = parse_tenant_body(R"({"provider": "shop"})", "new-one", nullptr);
  REQUIRE(tenant.ok());
  CHECK(std::string(tenant.value()["id"].GetString()) == "new-one");
  CHECK(parse_tenant_body(R"({"id": "new-one"})", "new-one", nullptr).ok());
}

TEST_CASE("tenant document: PUT body problems", "[admin][document]") {
  auto not_json = parse_tenant_body("{nope", "x", nullptr);
  REQUIRE_FALSE(not_json.ok());
  CHECK(not_json.problem().code == core::ProblemCode::kMalformedRequest);
  auto not_object = parse_tenant_body("[1]", "x", nullptr);
  REQUIRE_FALSE(not_object.ok());
  CHECK(not_object.problem().code == core::ProblemCode::kMalformedRequest);

  // What a PUT accepts is written to the config file, which is read as UTF-8 only: raw bytes that
  // are not UTF-8, and escapes of lone surrogates, are refused here (fuzz_config found the latter).
  for (const char* body : {"{\"provider\": \"shop\", \"note\": \"\xff\"}",
                           R"({"provider": "shop", "upstream": {"headers": {"X-Store": "a\ude54b"}}})",
                           R"({"provider": "shop", "upstream": {"headers": {"X-Store": "a\ud800"}}})"}) {
    INFO(body);
    auto not_utf8 = parse_tenant_body(body, "x", nullptr);
    REQUIRE_FALSE(not_utf8.ok());
    CHECK(not_utf8.problem().code == core::ProblemCode::kMalformedRequest);
  }
  CHECK(parse_tenant_body(R"({"provider": "shop", "name": "\ud83d\ude00 \u00e9"})", "x", nullptr).ok());

  auto mismatch = parse_tenant_body(R"({"id": "other"})", "x", nullptr);
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.problem().code == core::ProblemCode::kValidationFailed);
  REQUIRE(mismatch.problem().errors.size() == 1u);
  CHECK(mismatch.problem().errors[0].field == "id");

  auto redacted_new =
      parse_tenant_body(R"({"service_auth": {"type": "digest", "password": "***"}})", "x", nullptr);
  REQUIRE_FALSE(redacted_new.ok());
  CHECK(redacted_new.problem().errors[0].field == "service_auth.password");
}

TEST_CASE("tenant document: \"***\" keeps the stored secrets on replace", "[admin][document]") {
  auto raw = parse(kRaw);
  const std::string body = redacted_json(raw["tenants"][0]);
  auto tenant = parse_tenant_body(body, "acme", &raw["tenants"][0]);
  REQUIRE(tenant.ok());
  CHECK(compact(tenant.value()) == compact(raw["tenants"][0]));
}

TEST_CASE("tenant document: put replaces in place or appends; remove", "[admin][document]") {
  auto raw = parse(kRaw);
  const auto replacement = parse(R"({"id": "acme", "provider": "django"})");
  CHECK(put_tenant(raw, replacement) == 0u);
  CHECK(raw["tenants"].Size() == 2u);
  CHECK(std::string(raw["tenants"][0]["provider"].GetString()) == "django");
  CHECK(put_tenant(raw, parse(R"({"id": "third"})")) == 2u);
  CHECK(raw["tenants"].Size() == 3u);
  CHECK(remove_tenant(raw, "shop1"));
  CHECK_FALSE(remove_tenant(raw, "shop1"));
  CHECK(raw["tenants"].Size() == 2u);
  CHECK(find_tenant(raw, "third") == 1u);
  // Other keys of the document stay as they were.
  CHECK(raw["listen"]["port"].GetInt() == 8080);

  auto empty = parse("{}");
  CHECK(put_tenant(empty, parse(R"({"id": "first"})")) == 0u);
  CHECK(find_tenant(empty, "first") == 0u);
}

TEST_CASE("tenant document: config issues become field errors relative to the tenant", "[admin][document]") {
  const std::vector<config::Issue> issues = {
      {"tenants[2].upstream.base_url", "not an absolute http(s) URL", config::Severity::kError},
      {"tenants[2].api_keys[0]", "duplicate API key (first at tenants[0].api_keys[0])",
       config::Severity::kError},
      {"tenants[2].rate_limit", "required", config::Severity::kError},
      {"tenants[2].upstrem", "unknown key (did you mean \"upstream\"?)", config::Severity::kError},
      {"tenants[20].id", "required", config::Severity::kError},
      {"secrets.verification_key", "required when ...", config::Severity::kError},
      {"tenants[2].api_keys[1]", "plain-text key", config::Severity::kWarning},
  };
  const core::Problem p = config_problem(issues, 2);
  CHECK(p.code == core::ProblemCode::kValidationFailed);
  CHECK(p.status() == 422);
  REQUIRE(p.errors.size() == 6u);
  CHECK(p.errors[0].field == "upstream.base_url");
  CHECK(p.errors[0].code == "invalid");
  CHECK(p.errors[0].message == "not an absolute http(s) URL");
  CHECK(p.errors[1].field == "api_keys[0]");
  CHECK(p.errors[1].code == "duplicate");
  CHECK(p.errors[2].code == "required");
  CHECK(p.errors[3].code == "unknown_field");
  CHECK(p.errors[4].field == "tenants[20].id");
  CHECK(p.errors[5].field == "secrets.verification_key");
  CHECK(p.detail.find("upstream.base_url: not an absolute http(s) URL") == 0u);

  const core::Problem absolute = config_problem(issues, std::nullopt);
  CHECK(absolute.errors[0].field == "tenants[2].upstream.base_url");
}
