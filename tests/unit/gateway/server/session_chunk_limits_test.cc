// Regression (security review, issue 8): Beast bounds a request's header and body, but not a chunk
// line's extensions nor the trailer section; they used to wait in the connection's buffer until
// their CRLF came, so one client could make the gateway buffer gigabytes. The buffer is now bounded
// (connection_buffer_limit): 400 and the connection closed, after at most about that many bytes.
#include <catch2/catch.hpp>
#include <string>

#include "gateway/server/request_parser.h"
#include "tests/unit/gateway/server/server_test_support.h"

namespace profilegw::gateway::test {
namespace {

// Sends `head`, then up to 200 KiB of `filler` (well past the limit, well under what the server
// drains while lingering), then expects a 400 problem and the connection closed.
void expect_bounded(const ServerOptions& options, const std::string& head, char filler) {
  RunningServer running(options);
  RawClient client(running.port());
  REQUIRE(client.send(head));
  const std::string block(4096, filler);
  for (int i = 0; i < 50 && client.send(block); ++i) {
  }
  auto response = client.read_response(3000ms);
  REQUIRE(response);
  CHECK(response->result_int() == 400);
  CHECK(response->body().find("\"code\":\"malformed_request\"") != std::string::npos);
  CHECK(!response->keep_alive());
  CHECK(client.closed_within(3000ms));
  CHECK(running.server().counters().requests_total == 0);
}

}  // namespace

TEST_CASE("connection buffer limit: a header and one read behind it", "[server][security]") {
  ServerOptions options;
  options.max_header_bytes = 8192;
  CHECK(connection_buffer_limit(options) == 8192 + 64 * 1024);
}

TEST_CASE("server bounds an endless chunk extension", "[server][security]") {
  auto options = test_options();
  options.max_header_bytes = 4096;
  expect_bounded(options, "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n1;ext=", 'a');
}

TEST_CASE("server bounds an endless trailer section", "[server][security]") {
  auto options = test_options();
  options.max_header_bytes = 4096;
  expect_bounded(options, "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-T: ", 'b');
}

TEST_CASE("server still reads chunk extensions and trailers of normal size", "[server][security]") {
  RunningServer running(test_options());
  RawClient client(running.port());
  REQUIRE(client.send("POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5;name=value;q=\"quoted\"\r\nhello\r\n0\r\nX-Checksum: abc\r\n\r\n"));
  auto response = client.read_response();
  REQUIRE(response);
  CHECK(response->result_int() == 200);
}

}  // namespace profilegw::gateway::test
