// The upstream client's resilience against a scripted server: the shared circuit breaker (open
// without touching the backend, half-open probe, close), retries (which failures, which methods,
// bounded by upstream.retries and the deadline), the per-call SendReport, and the shared pool figures.
#include <atomic>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <catch2/catch.hpp>

#include "core/upstream/client.h"
#include "core/upstream/upstream_health.h"
#include "tests/unit/core/upstream/test_server.h"

namespace profilegw::core::upstream {
namespace {

using namespace std::chrono_literals;
using testing::http_response;
using testing::run_coroutine;
using testing::ServerReply;
using testing::ServerRequest;
using testing::TestServer;
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

UpstreamTarget target_for(std::uint16_t port) { return testing::loopback_target(port, 1000, 4); }

// Named locals in co_await expressions throughout (GCC 12).
const CallHeaders kNoHeaders{};
auto deadline_in(std::chrono::milliseconds ms) { return Clock::now() + ms; }

ServerReply status_reply(int status) {
  return testing::raw_reply(http_response(status, status >= 500 ? "Error" : "OK", R"({"x":1})"));
}

std::uint16_t closed_port(asio::io_context& ioc) {
  asio::ip::tcp::acceptor a(ioc, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const auto port = a.local_endpoint().port();
  a.close();
  return port;
}

TEST_CASE("client breaker: opens after the threshold and refuses without calling", "[upstream][resilience]") {
  asio::io_context ioc;
  std::atomic<int> status{500};
  TestServer server(ioc, [&](const ServerRequest&, std::size_t, std::size_t) { return status_reply(status); });
  UpstreamHealthRegistry registry;
  Client client(ioc.get_executor(), &registry);
  auto target = target_for(server.port());
  target.circuit_breaker = {3, 300};

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req = {HttpMethod::kGet, "/x", ""};
    for (int i = 0; i < 3; ++i) {
      auto r = co_await client.send(target, req, kNoHeaders, deadline_in(2s));
      REQUIRE(r.ok());
      CHECK(r.value().status == 500);  // the 5xx goes back for the adapter to map
    }
    CHECK(registry.find(target.pool_key)->breaker.state() == CircuitState::kOpen);
    const std::size_t seen = server.requests().size();
    SendReport report;
    const auto start = Clock::now();
    auto refused = co_await client.send(target, req, kNoHeaders, deadline_in(2s), &report);
    CHECK(Clock::now() - start < 50ms);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem().code == ProblemCode::kUpstreamUnavailable);
    CHECK(refused.problem().retry_after_seconds == std::optional<long>(1));
    CHECK(report.circuit_open);
    CHECK(report.attempts == 0);
    CHECK(server.requests().size() == seen);

    // After open_ms one probe goes; its success closes the circuit.
    asio::steady_timer wait(ioc, 320ms);
    co_await wait.async_wait(asio::use_awaitable);
    status = 200;
    auto probe = co_await client.send(target, req, kNoHeaders, deadline_in(2s));
    REQUIRE(probe.ok());
    CHECK(probe.value().status == 200);
    CHECK(registry.find(target.pool_key)->breaker.state() == CircuitState::kClosed);
    CHECK(server.requests().size() == seen + 1);
  }());
}

TEST_CASE("client breaker: 4xx answers are not failures; timeouts and refused connects are",
          "[upstream][resilience]") {
  asio::io_context ioc;
  TestServer server(ioc, [&](const ServerRequest& r, std::size_t, std::size_t) {
    if (r.target() == "/hang") return testing::hang_reply();
    return status_reply(404);
  });
  UpstreamHealthRegistry registry;
  Client client(ioc.get_executor(), &registry);
  auto target = target_for(server.port());
  target.timeout_ms = 50;
  target.circuit_breaker = {2, 60000};
  auto dead = target_for(closed_port(ioc));
  dead.circuit_breaker = {2, 60000};

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest not_found = {HttpMethod::kGet, "/missing", ""};
    for (int i = 0; i < 5; ++i) {
      auto r = co_await client.send(target, not_found, kNoHeaders, deadline_in(2s));
      CHECK(r.ok());
    }
    CHECK(registry.find(target.pool_key)->breaker.state() == CircuitState::kClosed);
    const UpstreamRequest hang = {HttpMethod::kGet, "/hang", ""};
    for (int i = 0; i < 2; ++i) {
      auto r = co_await client.send(target, hang, kNoHeaders, deadline_in(2s));
      CHECK(r.problem().code == ProblemCode::kUpstreamTimeout);
    }
    CHECK(registry.find(target.pool_key)->breaker.state() == CircuitState::kOpen);
    const UpstreamRequest get = {HttpMethod::kGet, "/x", ""};
    for (int i = 0; i < 2; ++i) {
      auto r = co_await client.send(dead, get, kNoHeaders, deadline_in(2s));
      CHECK(r.problem().code == ProblemCode::kUpstreamUnavailable);
    }
    CHECK(registry.find(dead.pool_key)->breaker.state() == CircuitState::kOpen);
  }());
}

TEST_CASE("client breaker: one breaker per pool key, shared by every thread's client", "[upstream][resilience]") {
  asio::io_context ioc;
  TestServer server(ioc, [&](const ServerRequest&, std::size_t, std::size_t) { return status_reply(503); });
  UpstreamHealthRegistry registry;
  Client first(ioc.get_executor(), &registry);
  Client second(ioc.get_executor(), &registry);
  auto target = target_for(server.port());
  target.circuit_breaker = {2, 60000};

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req = {HttpMethod::kGet, "/x", ""};
    auto a = co_await first.send(target, req, kNoHeaders, deadline_in(2s));
    auto b = co_await second.send(target, req, kNoHeaders, deadline_in(2s));
    CHECK(a.ok());
    CHECK(b.ok());
    auto c = co_await first.send(target, req, kNoHeaders, deadline_in(2s));
    REQUIRE_FALSE(c.ok());
    CHECK(c.problem().code == ProblemCode::kUpstreamUnavailable);
  }());
  CHECK(server.requests().size() == 2);
}

TEST_CASE("client breaker: without a registry there is no breaker", "[upstream][resilience]") {
  asio::io_context ioc;
  TestServer server(ioc, [&](const ServerRequest&, std::size_t, std::size_t) { return status_reply(500); });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());
  target.circuit_breaker = {1, 60000};

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req = {HttpMethod::kGet, "/x", ""};
    for (int i = 0; i < 4; ++i) {
      auto r = co_await client.send(target, req, kNoHeaders, deadline_in(2s));
      CHECK(r.ok());
    }
  }());
  CHECK(server.requests().size() == 4);
}

TEST_CASE("client retries: a GET after 502/503 up to `retries` times, with backoff", "[upstream][resilience]") {
  asio::io_context ioc;
  std::vector<Clock::time_point> seen_at;
  TestServer server(ioc, [&](const ServerRequest&, std::size_t, std::size_t) {
    seen_at.push_back(Clock::now());
    return status_reply(seen_at.size() < 3 ? 503 : 200);
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());
  target.retries = 2;

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req = {HttpMethod::kGet, "/x", ""};
    SendReport report;
    auto r = co_await client.send(target, req, kNoHeaders, deadline_in(2s), &report);
    REQUIRE(r.ok());
    CHECK(r.value().status == 200);
    CHECK(report.attempts == 3);
    CHECK(report.retries == 2);
    CHECK(report.error_count(ErrorKind::kStatus5xx) == 2);
  }());
  REQUIRE(seen_at.size() == 3);
  // Equal jitter: at least half the step (25 ms, then 50 ms) passes between attempts.
  CHECK(seen_at[1] - seen_at[0] >= 12ms);
  CHECK(seen_at[2] - seen_at[1] >= 25ms);
}

TEST_CASE("client retries: not after 500, not for writes that reached the backend, not after a timeout",
          "[upstream][resilience]") {
  asio::io_context ioc;
  TestServer server(ioc, [&](const ServerRequest& r, std::size_t, std::size_t) {
    if (r.target() == "/hang") return testing::hang_reply();
    if (r.target() == "/500") return status_reply(500);
    return status_reply(503);
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());
  target.retries = 3;
  target.timeout_ms = 60;

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest get500 = {HttpMethod::kGet, "/500", ""};
    SendReport a;
    auto r500 = co_await client.send(target, get500, kNoHeaders, deadline_in(2s), &a);
    CHECK(r500.ok());
    CHECK(a.attempts == 1);
    const UpstreamRequest patch = {HttpMethod::kPatch, "/503", R"({"a":1})"};
    SendReport b;
    auto r503 = co_await client.send(target, patch, kNoHeaders, deadline_in(2s), &b);
    CHECK(r503.ok());
    CHECK(b.attempts == 1);
    const UpstreamRequest hang = {HttpMethod::kGet, "/hang", ""};
    SendReport c;
    const auto start = Clock::now();
    auto slow = co_await client.send(target, hang, kNoHeaders, deadline_in(2s), &c);
    CHECK(Clock::now() - start < 400ms);
    CHECK(slow.problem().code == ProblemCode::kUpstreamTimeout);
    CHECK(c.attempts == 1);
    CHECK(c.error_count(ErrorKind::kTimeout) == 1);
  }());
  CHECK(server.requests().size() == 3);
}

TEST_CASE("client retries: a write whose connect failed is retried (nothing was sent)", "[upstream][resilience]") {
  asio::io_context ioc;
  Client client(ioc.get_executor());
  auto target = target_for(closed_port(ioc));
  target.retries = 2;

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest patch = {HttpMethod::kPatch, "/x", R"({"a":1})"};
    SendReport report;
    auto r = co_await client.send(target, patch, kNoHeaders, deadline_in(2s), &report);
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kUpstreamUnavailable);
    CHECK(r.problem().retry_after_seconds == std::optional<long>(1));
    CHECK(report.attempts == 3);
    CHECK(report.error_count(ErrorKind::kConnect) == 3);
  }());
}

TEST_CASE("client retries: the deadline bounds them", "[upstream][resilience]") {
  asio::io_context ioc;
  TestServer server(ioc, [&](const ServerRequest&, std::size_t, std::size_t) { return status_reply(502); });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());
  target.retries = 3;

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req = {HttpMethod::kGet, "/x", ""};
    SendReport report;
    // Backoff steps are 25 ms then 50 ms, each at least half waited: after 12.5..25 ms a second
    // attempt fits in 30 ms; another 25 ms or more for a third does not.
    const auto start = Clock::now();
    auto r = co_await client.send(target, req, kNoHeaders, deadline_in(30ms), &report);
    CHECK(Clock::now() - start < 100ms);
    // On a loaded machine the second attempt's answer may itself miss the deadline: a 504 then.
    if (r.ok()) {
      CHECK(r.value().status == 502);
    } else {
      CHECK(r.problem().code == ProblemCode::kUpstreamTimeout);
    }
    CHECK(report.attempts <= 2);
  }());
}

TEST_CASE("client report: errors by kind for reset and bad responses", "[upstream][resilience]") {
  asio::io_context ioc;
  TestServer server(ioc, [&](const ServerRequest& r, std::size_t, std::size_t) {
    if (r.target() == "/garbage") return ServerReply{.raw = "NOT HTTP\r\n\r\n", .close_after = true};
    return ServerReply{.raw = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123", .close_after = true};
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    SendReport report;
    const UpstreamRequest truncated = {HttpMethod::kGet, "/truncated", ""};
    auto a = co_await client.send(target, truncated, kNoHeaders, deadline_in(2s), &report);
    CHECK(a.problem().code == ProblemCode::kUpstreamBadResponse);
    const UpstreamRequest garbage = {HttpMethod::kGet, "/garbage", ""};
    auto b = co_await client.send(target, garbage, kNoHeaders, deadline_in(2s), &report);
    CHECK(b.problem().code == ProblemCode::kUpstreamBadResponse);
    CHECK(report.error_count(ErrorKind::kReset) == 1);
    CHECK(report.error_count(ErrorKind::kBadResponse) == 1);
    CHECK(report.attempts == 2);
  }());
}

TEST_CASE("client pool: a slot wait is bounded by connect_timeout_ms and shows in the shared figures",
          "[upstream][resilience]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) {
    ServerReply r = status_reply(200);
    r.delay = 400ms;
    return r;
  });
  UpstreamHealthRegistry registry;
  Client client(ioc.get_executor(), &registry);
  auto target = target_for(server.port());
  target.max_connections = 1;
  target.connect_timeout_ms = 100;

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    using namespace asio::experimental::awaitable_operators;
    const UpstreamRequest a = {HttpMethod::kGet, "/a", ""};
    const UpstreamRequest b = {HttpMethod::kGet, "/b", ""};
    SendReport report;
    const auto start = Clock::now();
    auto [ra, rb] = co_await (client.send(target, a, kNoHeaders, deadline_in(2s)) &&
                              client.send(target, b, kNoHeaders, deadline_in(2s), &report));
    CHECK(ra.ok());
    REQUIRE_FALSE(rb.ok());
    CHECK(rb.problem().detail == "connection pool exhausted");
    CHECK(report.pool_exhausted);
    CHECK(Clock::now() - start < 1s);
  }());
  const auto health = registry.find(target.pool_key);
  REQUIRE(health);
  CHECK(health->pool_waits_total.load() == 1);
  CHECK(health->pool_exhausted_total.load() == 1);
  CHECK(health->pool_waiting.load() == 0);
  CHECK(health->connections_open.load() == 1);  // the keep-alive connection, idle now
  CHECK(health->breaker.state() == CircuitState::kClosed);  // a full pool says nothing about the backend
}

TEST_CASE("client pool: open connections are counted until closed", "[upstream][resilience]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) { return status_reply(200); });
  UpstreamHealthRegistry registry;
  auto client = std::make_unique<Client>(ioc.get_executor(), &registry);
  auto target = target_for(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req = {HttpMethod::kGet, "/x", ""};
    auto r = co_await client->send(target, req, kNoHeaders, deadline_in(2s));
    CHECK(r.ok());
  }());
  const auto health = registry.find(target.pool_key);
  CHECK(health->connections_open.load() == 1);
  const std::vector<std::string> none;
  client->retain_pools(none);
  CHECK(health->connections_open.load() == 0);
}

}  // namespace
}  // namespace profilegw::core::upstream
