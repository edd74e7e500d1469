// Regression (security review, issue 8): a backend's chunk extension or trailer section has no limit
// in Beast; the client used to buffer it until the request timed out (a hostile or broken backend
// could fill memory). The connection's buffer is now bounded: 502 upstream_bad_response at once.
#include <catch2/catch.hpp>

#include "core/upstream/client.h"
#include "core/upstream/upstream_connection.h"
#include "tests/unit/core/upstream/test_server.h"

namespace profilegw::core::upstream {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;

UpstreamTarget target_for(std::uint16_t port) { return testing::loopback_target(port, 5000, 2); }

void expect_bad_response_at_once(std::string raw) {
  asio::io_context ioc;
  testing::TestServer server(ioc, [&raw](const testing::ServerRequest&, std::size_t, std::size_t) {
    return testing::raw_reply(raw);
  });
  Client client(ioc.get_executor());
  const UpstreamTarget target = target_for(server.port());
  const auto started = std::chrono::steady_clock::now();
  testing::run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest request{HttpMethod::kGet, "/x", ""};
    const CallHeaders headers{};
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    auto r = co_await client.send(target, request, headers, deadline);
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kUpstreamBadResponse);
  }());
  // Well before timeout_ms: the client stopped reading at the buffer limit.
  CHECK(std::chrono::steady_clock::now() - started < 4s);
}

}  // namespace

TEST_CASE("client: an endless chunk extension from a backend is 502 at once", "[upstream][client][security]") {
  expect_bad_response_at_once("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1;x=" +
                              std::string(2 * kResponseBufferLimit, 'a'));
}

TEST_CASE("client: an endless trailer section from a backend is 502 at once", "[upstream][client][security]") {
  expect_bad_response_at_once("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "2\r\n{}\r\n0\r\nX-Trailer: " + std::string(2 * kResponseBufferLimit, 'b'));
}

}  // namespace profilegw::core::upstream
