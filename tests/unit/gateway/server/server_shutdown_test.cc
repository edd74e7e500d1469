// Graceful stop: in-flight requests finish with Connection: close, idle connections close at once,
// stragglers are cut off after drain_timeout, and run() returns. Bind failures are errors, not throws.
#include <catch2/catch.hpp>

#include "tests/unit/gateway/server/server_test_support.h"

namespace profilegw::gateway::test {

TEST_CASE("server stop lets an in-flight request finish with Connection: close", "[server]") {
  RunningServer running(test_options());
  RawClient busy(running.port());
  RawClient idle(running.port());
  REQUIRE(idle.send(get("/warm")));
  REQUIRE(idle.read_response());
  REQUIRE(busy.send(get("/slow")));
  std::this_thread::sleep_for(100ms);  // the handler is now waiting
  const auto start = std::chrono::steady_clock::now();
  running.server().request_stop();
  // The idle keep-alive connection is closed at once.
  CHECK(idle.closed_within(200ms));
  auto response = busy.read_response();
  REQUIRE(response);
  CHECK(response->result_int() == 200);
  CHECK(response->body() == "GET /slow\n");
  CHECK((*response)[http::field::connection] == "close");
  CHECK(busy.closed_within(500ms));
  CHECK(running.wait_returned(1000ms));
  CHECK(std::chrono::steady_clock::now() - start < 1000ms);
  // New connections are refused once the listener is closed.
  bool refused = false;
  try {
    RawClient late(running.port());
    refused = late.closed_within(200ms);
  } catch (const std::exception&) {
    refused = true;
  }
  CHECK(refused);
}

TEST_CASE("server stop cuts off a request still running after drain_timeout", "[server]") {
  auto options = test_options();
  options.drain_timeout = 200ms;
  RunningServer running(options);
  RawClient client(running.port());
  REQUIRE(client.send(get("/hang")));
  std::this_thread::sleep_for(50ms);
  const auto start = std::chrono::steady_clock::now();
  running.server().request_stop();
  CHECK(client.closed_within(1000ms));
  CHECK(client.pending().empty());
  CHECK(running.wait_returned(1000ms));
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(took >= 150ms);
  CHECK(took < 1000ms);
}

TEST_CASE("server stop with no connections returns at once, on every thread", "[server]") {
  RunningServer running(test_options(2));
  const auto start = std::chrono::steady_clock::now();
  running.server().request_stop();
  running.server().request_stop();  // idempotent
  CHECK(running.wait_returned(500ms));
  CHECK(std::chrono::steady_clock::now() - start < 500ms);
}

TEST_CASE("server stop requested before run returns promptly", "[server]") {
  Server server(test_options(2));
  REQUIRE(server.add_listener("127.0.0.1", 0, echo_factory(), true).ok());
  server.request_stop();
  const auto start = std::chrono::steady_clock::now();
  server.run();
  CHECK(std::chrono::steady_clock::now() - start < 500ms);
}

TEST_CASE("server reports a port in use as an error", "[server]") {
  RunningServer running(test_options());
  Server other(test_options(2));
  for (bool all_threads : {true, false}) {
    auto result = other.add_listener("127.0.0.1", running.port(), echo_factory(), all_threads);
    CHECK(!result.ok());
    CHECK(result.error.find("in use") != std::string::npos);
    CHECK(result.error.find("127.0.0.1:" + std::to_string(running.port())) != std::string::npos);
  }
  auto bad = other.add_listener("not-an-ip", 0, echo_factory(), true);
  CHECK(!bad.ok());
}

TEST_CASE("server listener on one thread serves from thread 0", "[server]") {
  RunningServer running(test_options(2), false);
  for (int i = 0; i < 4; ++i) {
    RawClient client(running.port());
    REQUIRE(client.send(get("/")));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK((*response)["X-Thread"] == "0");
  }
}

}  // namespace profilegw::gateway::test
