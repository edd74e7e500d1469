#include "gateway/admin/config_editor.h"

#include <catch2/catch.hpp>

#include "../control/control_test_support.h"
#include "gateway/admin/tenant_routes.h"

using namespace profilegw;
using namespace profilegw::gateway;

namespace {

constexpr std::string_view kNewTenant = R"({
  "api_keys": ["new-partner-plain-key"], "provider": "partner",
  "upstream": {"base_url": "http://127.0.0.1:9", "headers": {"x-client-id": "web"}},
  "service_auth": {"type": "digest", "username": "gw", "password": "partner-password-1"}
})";

}  // namespace

TEST_CASE("editor: PUT creates, persists and publishes; a repeat replaces", "[admin][editor]") {
  test::ScratchDir dir;
  test::ReloadRig rig(dir.write("gw.json", test::config_text("en")));
  admin::ConfigEditor editor(*rig.reloader);

  auto created = admin::put_tenant_route(editor, "new-partner", kNewTenant);
  REQUIRE(created.ok());
  CHECK(created.value().status == 201);
  CHECK(created.value().location == "/admin/tenants/new-partner");
  CHECK(created.value().body.find("partner-password-1") == std::string::npos);
  CHECK(created.value().body.find("new-partner-plain-key") == std::string::npos);
  CHECK(rig.store.generation() == 2u);
  CHECK(rig.store.current()->tenant_by_id("new-partner") != nullptr);
  CHECK(rig.store.current()->tenant_for_api_key("new-partner-plain-key") != nullptr);

  // The file on disk is a valid config with the tenant, secrets as given.
  const std::string written = dir.read("gw.json");
  CHECK(written.find("\"new-partner\"") != std::string::npos);
  CHECK(written.find("partner-password-1") != std::string::npos);
  test::ReloadRig reread(rig.path);
  CHECK(reread.store.current()->tenant_by_id("new-partner") != nullptr);

  // Sending the redacted answer back keeps the secrets.
  auto replaced = admin::put_tenant_route(editor, "new-partner", created.value().body);
  REQUIRE(replaced.ok());
  CHECK(replaced.value().status == 200);
  CHECK(dir.read("gw.json").find("partner-password-1") != std::string::npos);
  CHECK(rig.store.current()->tenant_for_api_key("new-partner-plain-key") != nullptr);
}

TEST_CASE("editor: an invalid tenant changes nothing", "[admin][editor]") {
  test::ScratchDir dir;
  test::ReloadRig rig(dir.write("gw.json", test::config_text("en")));
  admin::ConfigEditor editor(*rig.reloader);
  const std::string before = dir.read("gw.json");

  auto bad = admin::put_tenant_route(
      editor, "broken",
      R"({"api_keys": ["k-broken"], "provider": "django", "upstream": {"base_url": "ftp://x"}})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.problem().status() == 422);
  REQUIRE_FALSE(bad.problem().errors.empty());
  CHECK(bad.problem().errors.front().field == "upstream.base_url");

  // A key already used by tenant "a" (listed first) is reported on the new tenant.
  auto duplicate = admin::put_tenant_route(
      editor, "dup",
      R"({"api_keys": ["key-a-plain"], "provider": "django", "upstream": {"base_url": "http://127.0.0.1:9"}})");
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.problem().errors.front().field == "api_keys[0]");

  CHECK(dir.read("gw.json") == before);
  CHECK(rig.store.generation() == 1u);
}

TEST_CASE("editor: DELETE removes, unknown ids are 404", "[admin][editor]") {
  test::ScratchDir dir;
  test::ReloadRig rig(dir.write("gw.json", test::config_text("en")));
  admin::ConfigEditor editor(*rig.reloader);
  REQUIRE(admin::put_tenant_route(editor, "second", kNewTenant).ok());

  auto missing = admin::delete_tenant_route(editor, "nobody");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.problem().status() == 404);

  auto removed = admin::delete_tenant_route(editor, "second");
  REQUIRE(removed.ok());
  CHECK(removed.value().status == 204);
  CHECK(rig.store.current()->tenant_by_id("second") == nullptr);
  CHECK(dir.read("gw.json").find("\"second\"") == std::string::npos);
  CHECK(rig.store.generation() == 3u);
}

TEST_CASE("editor: a file that cannot be written changes nothing", "[admin][editor]") {
  test::ScratchDir dir;
  test::ReloadRig rig(dir.write("gw.json", test::config_text("en")));
  admin::ConfigEditor editor(*rig.reloader);
  // The folder goes away: the temporary file cannot be created.
  std::filesystem::remove_all(dir.path());
  auto failed = admin::put_tenant_route(editor, "new-partner", kNewTenant);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.problem().status() == 500);
  CHECK(rig.store.generation() == 1u);
  CHECK(rig.store.current()->tenant_by_id("new-partner") == nullptr);
}
