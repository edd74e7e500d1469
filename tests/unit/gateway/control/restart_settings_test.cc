#include "gateway/control/restart_settings.h"

#include <catch2/catch.hpp>

using namespace profilegw;

TEST_CASE("restart settings: unchanged ones are not reported", "[control][restart]") {
  config::Config running;
  config::Config next = running;
  CHECK(gateway::keep_restart_settings(next, running).empty());
}

TEST_CASE("restart settings: changed ones are reported and the running values kept", "[control][restart]") {
  config::Config running;
  running.listen.port = 8080;
  running.admin = config::AdminConfig{"127.0.0.1", 8081, "old-token"};
  config::Config next = running;
  next.listen.port = 9090;
  next.listen.threads = running.listen.threads + 1;
  next.admin->token = "new-token";
  next.limits.max_body_bytes = 1;
  next.log.format = config::LogFormat::kJson;
  next.log.level = config::LogLevel::kDebug;  // not restart-only: applied at once
  next.watch = true;
  next.secrets.verification_key = "rotated-verification-key";

  const auto changed = gateway::keep_restart_settings(next, running);
  CHECK(changed == std::vector<std::string>{"listen", "admin", "limits", "log.format", "watch"});
  CHECK(next.listen.port == 8080);
  CHECK(next.listen.threads == running.listen.threads);
  CHECK(next.admin->token == "old-token");
  CHECK(next.limits.max_body_bytes == running.limits.max_body_bytes);
  CHECK(next.log.format == running.log.format);
  CHECK_FALSE(next.watch);
  CHECK(next.log.level == config::LogLevel::kDebug);
  CHECK(next.secrets.verification_key == "rotated-verification-key");
}

TEST_CASE("restart settings: adding or removing the admin block needs a restart", "[control][restart]") {
  config::Config running;
  config::Config next = running;
  next.admin = config::AdminConfig{};
  CHECK(gateway::keep_restart_settings(next, running) == std::vector<std::string>{"admin"});
  CHECK_FALSE(next.admin.has_value());
}
