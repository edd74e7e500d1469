#include "config/config_loader.h"

#include <catch2/catch.hpp>

#include "config/config_writer.h"
#include "fake_adapters.h"
#include "temp_dir.h"

using namespace profilegw::config;
using namespace profilegw::config::testing;

namespace {

constexpr std::string_view kWithPlaceholders = R"({
  "admin": {"token": "${ADMIN_TOKEN}"},
  "secrets": {"verification_key": "${VERIFICATION_KEY}"},
  "tenants": [{
    "id": "acme", "api_keys": ["sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "plain-key"],
    "provider": "partner",
    "upstream": {"base_url": "http://${PARTNER_HOST}:9104"},
    "service_auth": {"type": "digest", "username": "gw", "password": "${PARTNER_PASSWORD}"}
  }]
})";

}  // namespace

TEST_CASE("a config loads with placeholders resolved and the raw document kept", "[config][loader]") {
  const EnvLookup env = fake_env({{"ADMIN_TOKEN", "admin-token-0123456789"},
                                  {"VERIFICATION_KEY", "verification-key-0123"},
                                  {"PARTNER_HOST", "partner.local"},
                                  {"PARTNER_PASSWORD", "pw"}});
  LoadResult r = load_config_text(kWithPlaceholders, "cfg.json", env, fake_registry());
  REQUIRE(r.ok());
  const LoadedConfig& loaded = *r.loaded;
  CHECK(loaded.config.admin->token == "admin-token-0123456789");
  CHECK(loaded.config.secrets.verification_key == "verification-key-0123");
  CHECK(loaded.config.tenants[0].upstream.url.host == "partner.local");
  CHECK(loaded.config.tenants[0].service_auth.password == "pw");
  REQUIRE(loaded.raw != nullptr);
  CHECK((*loaded.raw)["admin"]["token"].GetString() == std::string("${ADMIN_TOKEN}"));
  CHECK((*loaded.raw)["tenants"][0]["service_auth"]["password"].GetString() ==
        std::string("${PARTNER_PASSWORD}"));
  // Warnings travel with a good config.
  CHECK(issue_lines(loaded.warnings) ==
        std::vector<std::string>{"warning: tenants[0].api_keys[1]: plain-text key; store it as "
                                 "sha256:" +
                                 digest_hex(digest_api_key("plain-key"))});
  CHECK(r.issues == loaded.warnings);
}

TEST_CASE("a missing environment variable is a config error, without follow-up noise", "[config][loader]") {
  const EnvLookup env = fake_env({{"PARTNER_HOST", "partner.local"}, {"PARTNER_PASSWORD", "pw"}});
  LoadResult r = load_config_text(kWithPlaceholders, "cfg.json", env, fake_registry());
  REQUIRE_FALSE(r.ok());
  const std::vector<std::string> lines = issue_lines(r.issues);
  // The placeholder text left in admin.token would otherwise also draw a short-token warning.
  CHECK(lines == std::vector<std::string>{
                     "admin.token: environment variable ADMIN_TOKEN is not set",
                     "secrets.verification_key: environment variable VERIFICATION_KEY is not set",
                     "warning: tenants[0].api_keys[1]: plain-text key; store it as sha256:" +
                         digest_hex(digest_api_key("plain-key")),
                 });
}

TEST_CASE("format_problems prints one PATH: message line per issue", "[config][loader]") {
  const std::vector<Issue> issues = {
      {"cfg.json", "line 4, column 3: Missing a name for object member.", Severity::kError},
      {"tenants[2].upstream.base_url", "not an absolute http(s) URL", Severity::kError},
      {"tenants[0].api_keys[1]", "plain-text key; store it as sha256:ab", Severity::kWarning},
  };
  CHECK(format_problems(issues) ==
        "cfg.json: line 4, column 3: Missing a name for object member.\n"
        "tenants[2].upstream.base_url: not an absolute http(s) URL\n"
        "warning: tenants[0].api_keys[1]: plain-text key; store it as sha256:ab\n");
  CHECK(format_problems({}).empty());
}

TEST_CASE("syntax errors name the file, line and column", "[config][loader]") {
  LoadResult r = load_config_text("{\n  \"listen\": {\n    \"port\": 8080,\n  }\n}", "/etc/profilegw.json",
                                  fake_env(), fake_registry());
  REQUIRE_FALSE(r.ok());
  CHECK(format_problems(r.issues) ==
        "/etc/profilegw.json: line 4, column 3: Missing a name for object member.\n");
}

TEST_CASE("config files are read from disk", "[config][loader]") {
  TempDir dir;
  const std::string good = dir.write("good.json", with_tenants(kDjangoTenant));
  LoadResult ok = load_config_file(good, fake_env(), fake_registry());
  REQUIRE(ok.ok());
  CHECK(ok.loaded->config.tenants.at(0).id == "acme");

  const std::string bad = dir.write("bad.json", "{\"tenants\": [}");
  LoadResult syntax = load_config_file(bad, fake_env(), fake_registry());
  CHECK(format_problems(syntax.issues) == bad + ": line 1, column 14: Invalid value.\n");

  LoadResult missing = load_config_file(dir.file("missing.json"), fake_env(), fake_registry());
  CHECK(format_problems(missing.issues) ==
        dir.file("missing.json") + ": cannot read: No such file or directory\n");
}

TEST_CASE("an edited raw document loads like a file (the admin API's path)", "[config][loader]") {
  LoadResult first = load_config_text(with_tenants(kDjangoTenant), "c", fake_env(), fake_registry());
  REQUIRE(first.ok());
  rapidjson::Document edited;
  edited.CopyFrom(*first.loaded->raw, edited.GetAllocator());
  edited["tenants"][0]["upstream"]["base_url"].SetString("not a url", edited.GetAllocator());
  LoadResult second = load_config_document(edited, fake_env(), fake_registry());
  CHECK(issue_lines(second.issues) ==
        std::vector<std::string>{"tenants[0].upstream.base_url: not an absolute http(s) URL"});
  edited["tenants"][0]["upstream"]["base_url"].SetString("http://fixed", edited.GetAllocator());
  LoadResult third = load_config_document(edited, fake_env(), fake_registry());
  REQUIRE(third.ok());
  CHECK(third.loaded->config.tenants[0].upstream.url.host == "fixed");
  // The loaded raw document is a copy: editing ours afterwards does not change it.
  edited["tenants"][0]["upstream"]["base_url"].SetString("http://again", edited.GetAllocator());
  CHECK((*third.loaded->raw)["tenants"][0]["upstream"]["base_url"].GetString() ==
        std::string("http://fixed"));
}
