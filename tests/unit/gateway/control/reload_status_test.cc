#include "gateway/control/reload_status.h"

#include <catch2/catch.hpp>

using namespace profilegw::gateway;

TEST_CASE("reload status: timestamps are RFC 3339 UTC with milliseconds", "[control][status]") {
  const auto at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1714564800123));
  CHECK(format_utc_timestamp(at) == "2024-05-01T12:00:00.123Z");
  CHECK(format_utc_timestamp(std::chrono::system_clock::time_point{}) == "1970-01-01T00:00:00.000Z");
}

TEST_CASE("reload status: null before the first load, then the latest one", "[control][status]") {
  ReloadStatus status;
  CHECK(status.to_json() == "null");
  status.record(true, 0, "startup");
  CHECK(status.to_json().starts_with(R"({"ok":true,"at":")"));
  status.record(false, 2, "SIGHUP");
  const std::string json = status.to_json();
  CHECK(json.find(R"("ok":false)") != std::string::npos);
  CHECK(json.find(R"("problems":2)") != std::string::npos);
  CHECK(json.find(R"("trigger":"SIGHUP")") != std::string::npos);
  CHECK_FALSE(status.latest().ok);
}
