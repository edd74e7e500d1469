// Keep-alive, pipelining, HTTP/1.0, Expect: 100-continue and SO_REUSEPORT across threads.
#include <catch2/catch.hpp>
#include <set>
#include <vector>

#include "tests/unit/gateway/server/server_test_support.h"

namespace profilegw::gateway::test {

TEST_CASE("server keeps a connection alive across three requests", "[server]") {
  RunningServer running(test_options());
  RawClient client(running.port());
  for (int i = 0; i < 3; ++i) {
    const std::string target = "/r" + std::to_string(i);
    REQUIRE(client.send(get(target)));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->result_int() == 200);
    CHECK(response->body() == "GET " + target + "\n");
    CHECK((*response)[http::field::server] == "profilegw");
    CHECK(response->keep_alive());
  }
  const auto counters = running.server().counters();
  CHECK(counters.requests_total == 3);
  CHECK(counters.accepted_total == 1);
  CHECK(counters.open_connections == 1);
}

TEST_CASE("server answers pipelined requests in order", "[server]") {
  RunningServer running(test_options());
  RawClient client(running.port());
  const std::string post = "POST /b HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello";
  REQUIRE(client.send(get("/a") + post + get("/c")));
  auto first = client.read_response();
  auto second = client.read_response();
  auto third = client.read_response();
  REQUIRE(first);
  REQUIRE(second);
  REQUIRE(third);
  CHECK(first->body() == "GET /a\n");
  CHECK(second->body() == "POST /b\nhello");
  CHECK(third->body() == "GET /c\n");
}

TEST_CASE("server reads a chunked body", "[server]") {
  RunningServer running(test_options());
  RawClient client(running.port());
  REQUIRE(client.send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
  auto response = client.read_response();
  REQUIRE(response);
  CHECK(response->body() == "POST /c\nabcde");
}

TEST_CASE("server closes an HTTP/1.0 connection without keep-alive", "[server]") {
  RunningServer running(test_options());
  RawClient client(running.port());
  REQUIRE(client.send("GET /old HTTP/1.0\r\n\r\n"));
  auto response = client.read_response();
  REQUIRE(response);
  CHECK(response->result_int() == 200);
  CHECK(response->version() == 10);
  CHECK(client.closed_within(500ms));
}

TEST_CASE("server keeps an HTTP/1.0 keep-alive connection", "[server]") {
  RunningServer running(test_options());
  RawClient client(running.port());
  for (int i = 0; i < 2; ++i) {
    REQUIRE(client.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK((*response)[http::field::connection] == "keep-alive");
  }
}

TEST_CASE("server closes after a request with Connection: close", "[server]") {
  RunningServer running(test_options());
  RawClient client(running.port());
  REQUIRE(client.send(get("/x", "Connection: close\r\n")));
  auto response = client.read_response();
  REQUIRE(response);
  CHECK(!response->keep_alive());
  CHECK(client.closed_within(500ms));
}

TEST_CASE("server sends 100 Continue before reading the body", "[server]") {
  RunningServer running(test_options());
  RawClient client(running.port());
  REQUIRE(client.send("PUT /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
  auto interim = client.read_response();
  REQUIRE(interim);
  CHECK(interim->result_int() == 100);
  REQUIRE(client.send("data"));
  auto response = client.read_response();
  REQUIRE(response);
  CHECK(response->result_int() == 200);
  CHECK(response->body() == "PUT /e\ndata");
}

TEST_CASE("server answers HEAD with the length but without the body", "[server]") {
  RunningServer running(test_options());
  RawClient client(running.port());
  REQUIRE(client.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\n" + get("/after")));
  // The parser of a HEAD answer must skip the body: read the header only, then the next answer.
  for (int i = 0; i < 50 && client.pending().find("\r\n\r\n") == std::string::npos; ++i) {
    client.closed_within(20ms);
  }
  const auto end = client.pending().find("\r\n\r\n");
  REQUIRE(end != std::string::npos);
  const std::string head = client.pending().substr(0, end + 4);
  client.pending().erase(0, end + 4);
  CHECK(head.find("Content-Length: 8\r\n") != std::string::npos);
  auto next = client.read_response();
  REQUIRE(next);
  CHECK(next->body() == "GET /after\n");
}

TEST_CASE("server turns a handler exception into a 500 problem and closes", "[server]") {
  RunningServer running(test_options());
  RawClient client(running.port());
  REQUIRE(client.send(get("/throw", "X-Request-Id: abc-123\r\n")));
  auto response = client.read_response();
  REQUIRE(response);
  CHECK(response->result_int() == 500);
  CHECK((*response)[http::field::content_type] == "application/problem+json");
  CHECK((*response)["X-Request-Id"] == "abc-123");
  CHECK(client.closed_within(500ms));
}

TEST_CASE("server with two threads serves on both SO_REUSEPORT sockets", "[server]") {
  RunningServer running(test_options(2));
  CHECK(running.server().threads() == 2);
  std::set<std::string> threads_seen;
  std::vector<std::unique_ptr<RawClient>> clients;
  for (int i = 0; i < 32 && threads_seen.size() < 2; ++i) {
    clients.push_back(std::make_unique<RawClient>(running.port()));
    REQUIRE(clients.back()->send(get("/t")));
    auto response = clients.back()->read_response();
    REQUIRE(response);
    threads_seen.insert(std::string((*response)["X-Thread"]));
  }
  CHECK(threads_seen == std::set<std::string>{"0", "1"});
}

TEST_CASE("server posts a callback onto every thread", "[server]") {
  RunningServer running(test_options(2));
  std::atomic<int> mask{0};
  running.server().for_each_thread([&](std::size_t index) { mask |= 1 << index; });
  for (int i = 0; i < 100 && mask != 3; ++i) std::this_thread::sleep_for(5ms);
  CHECK(mask == 3);
}

}  // namespace profilegw::gateway::test
