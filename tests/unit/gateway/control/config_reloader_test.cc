#include "gateway/control/config_reloader.h"

#include <catch2/catch.hpp>

#include "control_test_support.h"

using namespace profilegw;
using namespace profilegw::gateway;
using test::config_text;

namespace {

std::string header_value(const config::Snapshot& s, std::string_view name) {
  for (const auto& [n, v] : s.tenants().front().upstream.headers) {
    if (n == name) return v;
  }
  return {};
}

}  // namespace

TEST_CASE("reloader: a valid file becomes the next generation", "[control][reload]") {
  test::ScratchDir dir;
  test::ReloadRig rig(dir.write("gw.json", config_text("en")));
  dir.write("gw.json", config_text("ar"));
  const ReloadOutcome outcome = rig.reloader->reload("SIGHUP");
  CHECK(outcome.ok);
  CHECK(outcome.generation == 2);
  CHECK(rig.store.generation() == 2);
  CHECK(header_value(*rig.store.current(), "Accept-Language") == "ar");
  CHECK(rig.status.latest().ok);
  CHECK(rig.status.latest().trigger == "SIGHUP");
  CHECK(rig.metrics.render().find("profilegw_config_reloads_total{result=\"success\"} 1") !=
        std::string::npos);
}

TEST_CASE("reloader: an invalid file changes nothing and is counted", "[control][reload]") {
  test::ScratchDir dir;
  test::ReloadRig rig(dir.write("gw.json", config_text("en")));
  dir.write("gw.json", R"({"listen": {"port": "x"}, "tenants": [{"id": "a", "provider": "nope"}]})");
  const ReloadOutcome outcome = rig.reloader->reload("admin");
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.generation == 1);
  CHECK(outcome.issues.size() >= 2);
  CHECK(rig.store.generation() == 1);
  CHECK(header_value(*rig.store.current(), "Accept-Language") == "en");
  CHECK_FALSE(rig.status.latest().ok);
  CHECK(rig.status.latest().problems == outcome.issues.size());
  const std::string metrics = rig.metrics.render();
  CHECK(metrics.find("profilegw_config_reloads_total{result=\"failure\"} 1") != std::string::npos);
  CHECK(metrics.find("profilegw_config_last_reload_success 0") != std::string::npos);

  dir.write("gw.json", "{ not json");
  CHECK_FALSE(rig.reloader->reload("SIGHUP").ok);
  CHECK(rig.store.generation() == 1);
}

TEST_CASE("reloader: restart-only settings keep the values in force", "[control][reload]") {
  test::ScratchDir dir;
  test::ReloadRig rig(dir.write("gw.json", config_text("en", "", 18080)));
  dir.write("gw.json", config_text("ar", R"(, "watch": true)", 18099));
  REQUIRE(rig.reloader->reload("SIGHUP").ok);
  const auto current = rig.store.current();
  CHECK(current->config().listen.port == 18080);
  CHECK_FALSE(current->config().watch);
  CHECK(header_value(*current, "Accept-Language") == "ar");
}

TEST_CASE("reloader: reload_if_changed reloads only a changed file", "[control][reload]") {
  test::ScratchDir dir;
  test::ReloadRig rig(dir.write("gw.json", config_text("en")));
  CHECK_FALSE(rig.reloader->reload_if_changed("watch").has_value());
  dir.write("gw.json", config_text("ar"));
  const auto outcome = rig.reloader->reload_if_changed("watch");
  REQUIRE(outcome.has_value());
  CHECK(outcome->ok);
  CHECK_FALSE(rig.reloader->reload_if_changed("watch").has_value());
  // A rejected file is not retried until it changes again.
  dir.write("gw.json", "{");
  REQUIRE(rig.reloader->reload_if_changed("watch").has_value());
  CHECK_FALSE(rig.reloader->reload_if_changed("watch").has_value());
  CHECK(rig.store.generation() == 2);
}
