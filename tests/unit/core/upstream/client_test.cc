// The upstream client against a scripted in-process server: keep-alive, timeouts, failures, pool
// bound, retries on dead pooled connections, Digest nonce reuse, header injection.
#include "core/upstream/client.h"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <catch2/catch.hpp>

#include "core/upstream/digest_auth.h"
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

UpstreamTarget target_for(std::uint16_t port) { return testing::loopback_target(port, 1000, 4); }

UpstreamRequest get(std::string path) { return UpstreamRequest{HttpMethod::kGet, std::move(path), ""}; }

// Arguments of co_await expressions are named locals throughout: GCC 12 mishandles non-trivial
// temporaries (and conditionals) inside co_await full-expressions.
const CallHeaders kNoHeaders{};

auto deadline_in(std::chrono::milliseconds ms) { return std::chrono::steady_clock::now() + ms; }

ServerReply ok_json(std::string_view body = R"({"ok":true})") {
  return testing::raw_reply(http_response(200, "OK", body));
}

std::uint16_t closed_port(asio::io_context& ioc) {
  asio::ip::tcp::acceptor a(ioc, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const auto port = a.local_endpoint().port();
  a.close();
  return port;
}

TEST_CASE("client: keep-alive reuses one connection for two requests", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) { return ok_json(); });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());
  target.base_path = "/store/v1";
  target.headers = {{"Accept-Language", "en"}, {"api-version", "2"}};

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    CallHeaders h{"Bearer tok", "req-1", "ar"};
    const UpstreamRequest req1 = get("/auth/user");
    auto r1 = co_await client.send(target, req1, h, deadline_in(2s));
    REQUIRE(r1.ok());
    CHECK(r1.value().status == 200);
    CHECK(r1.value().body == R"({"ok":true})");
    CHECK(r1.value().header("content-type") == std::optional<std::string_view>("application/json"));
    const UpstreamRequest req2 = UpstreamRequest{HttpMethod::kPost, "/profile/update", R"({"a":1})"};
    auto r2 = co_await client.send(target, req2, h, deadline_in(2s));
    REQUIRE(r2.ok());
  }());

  CHECK(server.connections() == 1);
  REQUIRE(server.requests().size() == 2);
  const auto& first = server.requests()[0];
  CHECK(first.target() == "/store/v1/auth/user");
  CHECK(first[boost::beast::http::field::host] == target.host_header);
  CHECK(first[boost::beast::http::field::authorization] == "Bearer tok");
  CHECK(first["X-Request-Id"] == "req-1");
  CHECK(first[boost::beast::http::field::accept_language] == "ar");  // the caller's replaces the fixed one
  CHECK(first["api-version"] == "2");
  CHECK(first[boost::beast::http::field::accept] == "application/json");
  CHECK(first[boost::beast::http::field::user_agent] == "profilegw/" PROFILEGW_VERSION);
  CHECK(first.keep_alive());
  const auto& second = server.requests()[1];
  CHECK(second.method() == boost::beast::http::verb::post);
  CHECK(second[boost::beast::http::field::content_type] == "application/json");
  CHECK(second.body() == R"({"a":1})");
  const auto c = client.counters();
  CHECK(c.connects == 1);
  CHECK(c.reuses == 1);
  CHECK(c.requests == 2);
  CHECK(client.idle_connections(target.pool_key) == 1);
}

TEST_CASE("client: no answer within timeout_ms is 504 upstream_timeout", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc,
                    [](const ServerRequest&, std::size_t, std::size_t) { return testing::hang_reply(); });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());
  target.timeout_ms = 150;

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const auto start = std::chrono::steady_clock::now();
    const UpstreamRequest req3 = get("/slow");
    auto r = co_await client.send(target, req3, kNoHeaders, deadline_in(2s));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kUpstreamTimeout);
    CHECK(r.problem().status() == 504);
    CHECK(elapsed >= 140ms);
    CHECK(elapsed < 1000ms);
  }());
  CHECK(client.counters().errors.timeout == 1);
  CHECK(client.idle_connections(target.pool_key) == 0);
}

TEST_CASE("client: the call deadline bounds the request below timeout_ms", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc,
                    [](const ServerRequest&, std::size_t, std::size_t) { return testing::hang_reply(); });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());
  target.timeout_ms = 5000;

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const auto start = std::chrono::steady_clock::now();
    const UpstreamRequest req4 = get("/slow");
    auto r = co_await client.send(target, req4, kNoHeaders, deadline_in(120ms));
    CHECK(std::chrono::steady_clock::now() - start < 1000ms);
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kUpstreamTimeout);
  }());
}

TEST_CASE("client: refused connection is 503 upstream_unavailable with Retry-After", "[upstream][client]") {
  asio::io_context ioc;
  Client client(ioc.get_executor());
  auto target = target_for(closed_port(ioc));

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req5 = get("/x");
    auto r = co_await client.send(target, req5, kNoHeaders, deadline_in(2s));
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kUpstreamUnavailable);
    CHECK(r.problem().status() == 503);
    CHECK(r.problem().retry_after_seconds == std::optional<long>(1));
  }());
  CHECK(client.counters().errors.connect == 1);
}

TEST_CASE("client: unresolvable host is 503", "[upstream][client]") {
  asio::io_context ioc;
  Client client(ioc.get_executor());
  auto target = target_for(9);
  target.host = "no-such-host.invalid";
  target.host_header = target.host;

  run_coroutine(
      ioc,
      [&]() -> asio::awaitable<void> {
        const UpstreamRequest req6 = get("/x");
        auto r = co_await client.send(target, req6, kNoHeaders, deadline_in(1500ms));
        REQUIRE_FALSE(r.ok());
        // A resolver that cannot answer within the connect budget gives 504 instead; both are transport
        // errors.
        CHECK((r.problem().code == ProblemCode::kUpstreamUnavailable ||
               r.problem().code == ProblemCode::kUpstreamTimeout));
      }(),
      2500ms);
}

TEST_CASE("client: truncated body is 502 upstream_bad_response", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) {
    return ServerReply{.raw = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789",
                       .close_after = true};
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req7 = get("/x");
    auto r = co_await client.send(target, req7, kNoHeaders, deadline_in(2s));
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kUpstreamBadResponse);
    CHECK(r.problem().status() == 502);
  }());
  CHECK(client.counters().errors.reset == 1);
}

TEST_CASE("client: garbage instead of HTTP is 502", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) {
    return ServerReply{.raw = "SSH-2.0-OpenSSH_9.2\r\n\r\n", .close_after = true};
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req8 = get("/x");
    auto r = co_await client.send(target, req8, kNoHeaders, deadline_in(2s));
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kUpstreamBadResponse);
  }());
  CHECK(client.counters().errors.bad_response == 1);
}

TEST_CASE("client: interim 1xx answers are skipped; header names lower-cased", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) {
    return testing::raw_reply("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" +
                              http_response(200, "OK", "{}", "X-Custom: Mixed Case\r\nRetry-After: 7\r\n"));
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req = get("/x");
    auto r = co_await client.send(target, req, kNoHeaders, deadline_in(2s));
    REQUIRE(r.ok());
    CHECK(r.value().status == 200);
    CHECK(r.value().header("x-custom") == std::optional<std::string_view>("Mixed Case"));
    CHECK(r.value().header("retry-after") == std::optional<std::string_view>("7"));
    CHECK_FALSE(r.value().header("link").has_value());
  }());
  CHECK(client.idle_connections(target.pool_key) == 1);
}

TEST_CASE("client: a header block over the limit is 502", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) {
    return testing::raw_reply(http_response(200, "OK", "{}", "X-Big: " + std::string(20000, 'a') + "\r\n"));
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req = get("/x");
    auto r = co_await client.send(target, req, kNoHeaders, deadline_in(2s));
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kUpstreamBadResponse);
  }());
  CHECK(client.counters().errors.bad_response == 1);
}

TEST_CASE("client: a 3xx is returned, never followed", "[upstream][client]") {
  asio::io_context ioc;
  std::uint16_t port = 0;
  TestServer server(ioc, [&](const ServerRequest&, std::size_t, std::size_t) {
    return testing::raw_reply(http_response(
        302, "Found", "", "Location: http://127.0.0.1:" + std::to_string(port) + "/elsewhere\r\n"));
  });
  port = server.port();
  Client client(ioc.get_executor());
  auto target = target_for(port);

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req9 = UpstreamRequest{HttpMethod::kPatch, "/me", R"({"x":1})"};
    auto r = co_await client.send(target, req9, kNoHeaders, deadline_in(2s));
    REQUIRE(r.ok());
    CHECK(r.value().status == 302);
    CHECK(r.value().header("location").has_value());
  }());
  CHECK(server.requests().size() == 1);
}

TEST_CASE("client: CR or LF in a header value is 400 before anything is sent", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) { return ok_json(); });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    CallHeaders bad_id{"", "abc\r\nX-Evil: 1", ""};
    const UpstreamRequest req10 = get("/x");
    auto r1 = co_await client.send(target, req10, bad_id, deadline_in(2s));
    REQUIRE_FALSE(r1.ok());
    CHECK(r1.problem().code == ProblemCode::kMalformedRequest);
    CHECK(r1.problem().status() == 400);
    CallHeaders bad_auth{"Bearer a\nb", "", ""};
    const UpstreamRequest req11 = get("/x");
    auto r2 = co_await client.send(target, req11, bad_auth, deadline_in(2s));
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.problem().code == ProblemCode::kMalformedRequest);
    auto fixed = target;
    fixed.headers = {{"x-client-id", std::string("a\0b", 3)}};
    const UpstreamRequest req12 = get("/x");
    auto r3 = co_await client.send(fixed, req12, kNoHeaders, deadline_in(2s));
    REQUIRE_FALSE(r3.ok());
    CHECK(r3.problem().code == ProblemCode::kMalformedRequest);
    const UpstreamRequest req13 = get("/x y");
    auto r4 = co_await client.send(target, req13, kNoHeaders, deadline_in(2s));
    REQUIRE_FALSE(r4.ok());
    CHECK(r4.problem().code == ProblemCode::kMalformedRequest);
  }());
  CHECK(server.connections() == 0);
}

TEST_CASE("client: a pooled connection closed by the upstream is not reused", "[upstream][client]") {
  asio::io_context ioc;
  // Answers without "Connection: close", then closes anyway (as servers do at their idle timeout).
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) {
    return ServerReply{.raw = http_response(200, "OK", "{}"), .close_after = true};
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req14 = get("/x");
    auto r1 = co_await client.send(target, req14, kNoHeaders, deadline_in(2s));
    REQUIRE(r1.ok());
    asio::steady_timer t(ioc, 50ms);  // let the FIN arrive
    co_await t.async_wait(asio::use_awaitable);
    const UpstreamRequest patch{HttpMethod::kPatch, "/x", "{}"};
    auto r2 = co_await client.send(target, patch, kNoHeaders, deadline_in(2s));
    REQUIRE(r2.ok());
  }());
  CHECK(server.connections() == 2);
  CHECK(client.counters().retries == 0);
  CHECK(client.counters().connects == 2);
}

TEST_CASE("client: a GET on a pooled connection that dies unanswered is retried once", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t conn, std::size_t index) {
    if (conn == 0 && index == 1) return testing::close_reply();
    return ok_json();
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req15 = get("/x");
    auto first = co_await client.send(target, req15, kNoHeaders, deadline_in(2s));
    REQUIRE(first.ok());
    const UpstreamRequest req16 = get("/x");
    auto r = co_await client.send(target, req16, kNoHeaders, deadline_in(2s));
    REQUIRE(r.ok());
    CHECK(r.value().status == 200);
  }());
  CHECK(client.counters().retries == 1);
  CHECK(server.connections() == 2);
}

TEST_CASE("client: a write on a pooled connection that dies unanswered is not retried",
          "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t conn, std::size_t index) {
    if (conn == 0 && index == 1) return testing::close_reply();
    return ok_json();
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req17 = get("/x");
    auto first = co_await client.send(target, req17, kNoHeaders, deadline_in(2s));
    REQUIRE(first.ok());
    const UpstreamRequest req18 = UpstreamRequest{HttpMethod::kPatch, "/x", R"({"a":1})"};
    auto r = co_await client.send(target, req18, kNoHeaders, deadline_in(2s));
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().code == ProblemCode::kUpstreamBadResponse);
  }());
  CHECK(client.counters().retries == 0);
  CHECK(server.requests().size() == 2);
}

TEST_CASE("client: at max_connections a caller waits for a released connection", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) {
    ServerReply r = ok_json();
    r.delay = 100ms;
    return r;
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());
  target.max_connections = 1;

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    using namespace asio::experimental::awaitable_operators;
    const UpstreamRequest req19 = get("/a");
    const UpstreamRequest req20 = get("/b");
    auto [a, b] = co_await (client.send(target, req19, kNoHeaders, deadline_in(2s)) &&
                            client.send(target, req20, kNoHeaders, deadline_in(2s)));
    CHECK(a.ok());
    CHECK(b.ok());
  }());
  CHECK(server.connections() == 1);
  CHECK(client.counters().connects == 1);
}

TEST_CASE("client: pool exhausted until the deadline is 503", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) {
    ServerReply r = ok_json();
    r.delay = 300ms;
    return r;
  });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());
  target.max_connections = 1;

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    using namespace asio::experimental::awaitable_operators;
    const auto start = std::chrono::steady_clock::now();
    const UpstreamRequest req21 = get("/a");
    const UpstreamRequest req22 = get("/b");
    auto [a, b] = co_await (client.send(target, req21, kNoHeaders, deadline_in(2s)) &&
                            client.send(target, req22, kNoHeaders, deadline_in(80ms)));
    CHECK(a.ok());
    REQUIRE_FALSE(b.ok());
    CHECK(b.problem().code == ProblemCode::kUpstreamUnavailable);
    CHECK(b.problem().detail == "connection pool exhausted");
    CHECK(std::chrono::steady_clock::now() - start < 1500ms);
  }());
  CHECK(client.counters().pool_exhausted == 1);
}

TEST_CASE("client: retain_pools closes the idle connections of dropped upstreams", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) { return ok_json(); });
  Client client(ioc.get_executor());
  auto target = target_for(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req23 = get("/x");
    auto r = co_await client.send(target, req23, kNoHeaders, deadline_in(2s));
    REQUIRE(r.ok());
  }());
  CHECK(client.idle_connections(target.pool_key) == 1);
  std::vector<std::string> live{target.pool_key};
  client.retain_pools(live);
  CHECK(client.idle_connections(target.pool_key) == 1);
  live = {"http://elsewhere:80"};
  client.retain_pools(live);
  CHECK(client.idle_connections(target.pool_key) == 0);
}

// A Digest server: one nonce, verifies every response with the client's own algorithm (itself
// checked against the RFC vectors), records nc values.
struct DigestServer {
  std::string nonce = "nonce-one";
  std::string password = "Circle of Life";
  std::vector<std::uint32_t> accepted_nc;
  std::vector<std::string> accepted_nonces;
  int challenges = 0;
  int stale_after = -1;  // after this many accepted requests, rotate the nonce and answer stale=true
  bool rotated = false;

  ServerReply challenge(bool stale) {
    ++challenges;
    std::string h =
        "WWW-Authenticate: Basic realm=\"gw\", Digest realm=\"partner\", qop=\"auth\", algorithm=MD5, "
        "nonce=\"" +
        nonce + "\", opaque=\"op\"" + (stale ? ", stale=true" : "") + "\r\n";
    h += "WWW-Authenticate: Digest realm=\"partner\", qop=\"auth\", algorithm=SHA-256, nonce=\"" + nonce +
         "\", opaque=\"op\"" + (stale ? ", stale=TRUE" : "") + "\r\n";
    return testing::raw_reply(http_response(401, "Unauthorized", R"({"detail":"auth"})", h));
  }

  ServerReply handle(const ServerRequest& req) {
    const auto auth = req[boost::beast::http::field::authorization];
    if (auth.empty()) return challenge(false);
    auto parsed = parse_www_authenticate(auth);
    if (parsed.size() != 1 || parsed[0].scheme != "digest") return challenge(false);
    const auto& p = parsed[0];
    auto get = [&](std::string_view k) { return std::string(p.param(k).value_or("")); };
    if (get("algorithm") != "SHA-256" || get("opaque") != "op" || get("qop") != "auth" ||
        get("uri") != std::string(req.target()) || get("username") != "gw") {
      return challenge(false);
    }
    if (stale_after >= 0 && static_cast<int>(accepted_nc.size()) == stale_after && !rotated) {
      rotated = true;
      nonce = "nonce-two";
      return challenge(true);
    }
    if (get("nonce") != nonce) return challenge(true);
    DigestChallenge ch;
    ch.algorithm = DigestAlgorithm::kSha256;
    ch.realm = "partner";
    ch.nonce = nonce;
    ch.opaque = "op";
    ch.qop_auth = true;
    const std::string nc_text = get("nc");
    const std::uint32_t nc = static_cast<std::uint32_t>(std::stoul(nc_text, nullptr, 16));
    const std::string cnonce = get("cnonce");
    DigestInput in{"gw", password, std::string_view(req.method_string()), req.target(), cnonce, nc};
    if (nc_text.size() != 8 || get("response") != digest_response(ch, in)) return challenge(false);
    accepted_nc.push_back(nc);
    accepted_nonces.push_back(nonce);
    return ok_json();
  }
};

UpstreamTarget digest_target(std::uint16_t port) {
  auto t = target_for(port);
  t.service_auth.type = ServiceAuthType::kDigest;
  t.service_auth.username = "gw";
  t.service_auth.password = "Circle of Life";
  return t;
}

TEST_CASE("client: Digest challenge once, then 5 requests on one nonce with nc 1..5",
          "[upstream][client][digest]") {
  asio::io_context ioc;
  DigestServer ds;
  TestServer server(ioc, [&](const ServerRequest& req, std::size_t, std::size_t) { return ds.handle(req); });
  Client client(ioc.get_executor());
  auto target = digest_target(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    for (int i = 0; i < 5; ++i) {
      UpstreamRequest req = get("/partner/customer/7");
      if (i % 2 == 1) req = UpstreamRequest{HttpMethod::kPatch, "/partner/customer/7", "{}"};
      auto r = co_await client.send(target, req, kNoHeaders, deadline_in(2s));
      REQUIRE(r.ok());
      CHECK(r.value().status == 200);
    }
  }());
  CHECK(ds.challenges == 1);
  CHECK(ds.accepted_nc == std::vector<std::uint32_t>{1, 2, 3, 4, 5});
  CHECK(server.requests().size() == 6);  // one round trip per call in steady state
  CHECK(server.connections() == 1);
  CHECK(client.counters().digest_challenges == 1);
}

TEST_CASE("client: Digest stale=true is answered by one retry with the new nonce",
          "[upstream][client][digest]") {
  asio::io_context ioc;
  DigestServer ds;
  ds.stale_after = 2;
  TestServer server(ioc, [&](const ServerRequest& req, std::size_t, std::size_t) { return ds.handle(req); });
  Client client(ioc.get_executor());
  auto target = digest_target(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    for (int i = 0; i < 4; ++i) {
      const UpstreamRequest req24 = get("/partner/customer/7");
      auto r = co_await client.send(target, req24, kNoHeaders, deadline_in(2s));
      REQUIRE(r.ok());
      CHECK(r.value().status == 200);
    }
  }());
  CHECK(ds.challenges == 2);
  CHECK(ds.accepted_nc == std::vector<std::uint32_t>{1, 2, 1, 2});
  CHECK(ds.accepted_nonces == std::vector<std::string>{"nonce-one", "nonce-one", "nonce-two", "nonce-two"});
  CHECK(server.requests().size() == 6);
}

TEST_CASE("client: Digest with a wrong password returns the 401 after one retry",
          "[upstream][client][digest]") {
  asio::io_context ioc;
  DigestServer ds;
  ds.password = "something else";
  TestServer server(ioc, [&](const ServerRequest& req, std::size_t, std::size_t) { return ds.handle(req); });
  Client client(ioc.get_executor());
  auto target = digest_target(server.port());

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req25 = get("/partner/customer/7");
    auto r = co_await client.send(target, req25, kNoHeaders, deadline_in(2s));
    REQUIRE(r.ok());
    CHECK(r.value().status == 401);
  }());
  CHECK(server.requests().size() == 2);
}

TEST_CASE("client: Basic and Bearer service auth", "[upstream][client]") {
  asio::io_context ioc;
  TestServer server(ioc, [](const ServerRequest&, std::size_t, std::size_t) { return ok_json(); });
  Client client(ioc.get_executor());
  auto basic = target_for(server.port());
  basic.service_auth = {ServiceAuthType::kBasic, "Aladdin", "open sesame", ""};
  auto bearer = target_for(server.port());
  bearer.service_auth = {ServiceAuthType::kBearer, "", "", "svc-token"};

  run_coroutine(ioc, [&]() -> asio::awaitable<void> {
    const UpstreamRequest req26 = get("/x");
    auto r1 = co_await client.send(basic, req26, kNoHeaders, deadline_in(2s));
    REQUIRE(r1.ok());
    const UpstreamRequest req27 = get("/x");
    auto r2 = co_await client.send(bearer, req27, kNoHeaders, deadline_in(2s));
    REQUIRE(r2.ok());
  }());
  REQUIRE(server.requests().size() == 2);
  CHECK(server.requests()[0][boost::beast::http::field::authorization] ==
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  CHECK(server.requests()[1][boost::beast::http::field::authorization] == "Bearer svc-token");
}

}  // namespace
}  // namespace profilegw::core::upstream
