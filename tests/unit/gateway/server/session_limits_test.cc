// Size limits, smuggling-shaped framing, timeouts and the connection cap: every bad request ends in
// a problem answer and a closed connection, never a hang or a crash.
#include <catch2/catch.hpp>
#include <string>

#include "tests/unit/gateway/server/server_test_support.h"

namespace profilegw::gateway::test {
namespace {

// Sends `request`, expects a problem with `status` and `code`, then the connection closed.
void expect_problem_and_close(std::uint16_t port, const std::string& request, unsigned status, std::string_view code) {
  RawClient client(port);
  REQUIRE(client.send(request));
  auto response = client.read_response();
  REQUIRE(response);
  CHECK(response->result_int() == status);
  CHECK((*response)[http::field::content_type] == "application/problem+json");
  CHECK(response->body().find("\"code\":\"" + std::string(code) + "\"") != std::string::npos);
  CHECK(!response->keep_alive());
  CHECK(!(*response)["X-Request-Id"].empty());
  CHECK(client.closed_within(1000ms));
}

}  // namespace

TEST_CASE("server answers 413 to an oversized Content-Length before the body is sent", "[server]") {
  auto options = test_options();
  options.max_body_bytes = 1024;
  RunningServer running(options);
  RawClient client(running.port());
  REQUIRE(client.send("POST /big HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n"));
  auto response = client.read_response(500ms);
  REQUIRE(response);
  CHECK(response->result_int() == 413);
  CHECK(response->body().find("\"code\":\"payload_too_large\"") != std::string::npos);
  CHECK(!response->keep_alive());
  CHECK(client.closed_within(1000ms));
  CHECK(running.server().counters().protocol_errors == 1);
  CHECK(running.server().counters().requests_total == 0);
}

TEST_CASE("server answers 413 to a chunked body over the limit", "[server]") {
  auto options = test_options();
  options.max_body_bytes = 16;
  RunningServer running(options);
  expect_problem_and_close(running.port(),
                           "POST /big HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n",
                           413, "payload_too_large");
}

TEST_CASE("server answers 431 to an oversized header", "[server]") {
  auto options = test_options();
  options.max_header_bytes = 1024;
  RunningServer running(options);
  expect_problem_and_close(running.port(), get("/h", "X-Pad: " + std::string(2000, 'a') + "\r\n"), 431,
                           "headers_too_large");
}

TEST_CASE("server rejects ambiguous framing with 400 and closes", "[server]") {
  RunningServer running(test_options());
  const auto port = running.port();
  SECTION("Content-Length and Transfer-Encoding together") {
    expect_problem_and_close(port,
                             "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "0\r\n\r\n",
                             400, "malformed_request");
  }
  SECTION("Transfer-Encoding then Content-Length") {
    expect_problem_and_close(port,
                             "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
                             "0\r\n\r\n",
                             400, "malformed_request");
  }
  SECTION("non-chunked Transfer-Encoding with Content-Length") {
    expect_problem_and_close(port,
                             "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\nContent-Length: 5\r\n\r\nhello",
                             400, "malformed_request");
  }
  SECTION("Transfer-Encoding not ending in chunked") {
    expect_problem_and_close(port, "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400,
                             "malformed_request");
  }
  SECTION("conflicting Content-Length headers") {
    expect_problem_and_close(port, "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                             400, "malformed_request");
  }
  SECTION("repeated equal Content-Length headers") {
    expect_problem_and_close(port, "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
                             400, "malformed_request");
  }
  SECTION("Content-Length list") {
    expect_problem_and_close(port, "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5, 5\r\n\r\nhello", 400,
                             "malformed_request");
  }
  SECTION("negative Content-Length") {
    expect_problem_and_close(port, "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n", 400,
                             "malformed_request");
  }
  SECTION("invalid chunk size") {
    expect_problem_and_close(port, "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                             400, "malformed_request");
  }
  SECTION("chunk size overflowing 64 bits") {
    expect_problem_and_close(port,
                             "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "fffffffffffffffffffff\r\nabc\r\n0\r\n\r\n",
                             400, "malformed_request");
  }
  SECTION("Transfer-Encoding in HTTP/1.0") {
    expect_problem_and_close(port, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
                             "malformed_request");
  }
  SECTION("missing Host in HTTP/1.1") {
    expect_problem_and_close(port, "GET / HTTP/1.1\r\n\r\n", 400, "malformed_request");
  }
  SECTION("two Host headers") {
    expect_problem_and_close(port, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "malformed_request");
  }
  SECTION("garbage request line") {
    expect_problem_and_close(port, "HELLO\r\n\r\n", 400, "malformed_request");
  }
  SECTION("space before the colon") {
    expect_problem_and_close(port, "GET / HTTP/1.1\r\nHost : t\r\n\r\n", 400, "malformed_request");
  }
  CHECK(running.server().counters().requests_total == 0);
}

TEST_CASE("server problem answers carry the caller's valid X-Request-Id, else a new one", "[server]") {
  RunningServer running(test_options());
  {
    RawClient client(running.port());
    REQUIRE(client.send("GET / HTTP/1.1\r\nX-Request-Id: req.1_a-B\r\n\r\n"));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK((*response)["X-Request-Id"] == "req.1_a-B");
    CHECK(response->body().find("\"request_id\":\"req.1_a-B\"") != std::string::npos);
  }
  {
    RawClient client(running.port());
    REQUIRE(client.send("GET / HTTP/1.1\r\nX-Request-Id: bad id!\r\n\r\n"));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK((*response)["X-Request-Id"].size() == 32);
  }
}

TEST_CASE("server closes a slowloris connection at the header timeout", "[server]") {
  auto options = test_options();
  options.header_timeout = 200ms;
  RunningServer running(options);
  RawClient client(running.port());
  // Trickling bytes must not extend the deadline.
  const auto start = std::chrono::steady_clock::now();
  bool closed = false;
  const std::string slow = "GET / HTTP/1.1\r\nHost: t\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  for (char c : slow) {
    if (!client.send(std::string_view(&c, 1)) || client.closed_within(25ms)) {
      closed = true;
      break;
    }
  }
  if (!closed) closed = client.closed_within(1000ms);
  CHECK(closed);
  CHECK(std::chrono::steady_clock::now() - start < 700ms);
  CHECK(client.pending().empty());
  for (int i = 0; i < 100 && running.server().counters().open_connections != 0; ++i) std::this_thread::sleep_for(5ms);
  CHECK(running.server().counters().header_timeouts == 1);
}

TEST_CASE("server closes a fresh connection that sends nothing at the header timeout", "[server]") {
  auto options = test_options();
  options.header_timeout = 200ms;
  options.idle_timeout = 5000ms;
  RunningServer running(options);
  RawClient client(running.port());
  const auto start = std::chrono::steady_clock::now();
  CHECK(client.closed_within(1000ms));
  CHECK(std::chrono::steady_clock::now() - start < 700ms);
}

TEST_CASE("server closes an idle keep-alive connection at the idle timeout", "[server]") {
  auto options = test_options();
  options.idle_timeout = 200ms;
  RunningServer running(options);
  RawClient client(running.port());
  REQUIRE(client.send(get("/")));
  REQUIRE(client.read_response());
  const auto start = std::chrono::steady_clock::now();
  CHECK(client.closed_within(1000ms));
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= 150ms);
  CHECK(waited < 700ms);
  for (int i = 0; i < 100 && running.server().counters().open_connections != 0; ++i) std::this_thread::sleep_for(5ms);
  const auto counters = running.server().counters();
  CHECK(counters.idle_timeouts == 1);
  CHECK(counters.header_timeouts == 0);
  CHECK(counters.open_connections == 0);
}

TEST_CASE("server closes connections over max_connections at once", "[server]") {
  auto options = test_options();
  options.max_connections = 2;
  RunningServer running(options);
  RawClient first(running.port());
  RawClient second(running.port());
  // A request on each makes sure both are accepted and counted.
  REQUIRE(first.send(get("/1")));
  REQUIRE(first.read_response());
  REQUIRE(second.send(get("/2")));
  REQUIRE(second.read_response());
  RawClient third(running.port());
  CHECK(third.closed_within(500ms));
  CHECK(third.pending().empty());
  CHECK(running.server().counters().rejected_total == 1);
  // The others keep working.
  REQUIRE(first.send(get("/1")));
  CHECK(first.read_response());
}

}  // namespace profilegw::gateway::test
