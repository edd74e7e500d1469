// A tiny scripted HTTP/1.1 server for the upstream client tests: listens on 127.0.0.1:0 in the
// test's own io_context, hands every request to a handler that says what raw bytes to answer (or to
// hang, or to close), and records what it saw.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/upstream/upstream_target.h"

namespace profilegw::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// A plain-HTTP target for a TestServer on 127.0.0.1:`port`, with a 500 ms connect budget.
inline core::upstream::UpstreamTarget loopback_target(std::uint16_t port, int timeout_ms,
                                                      int max_connections) {
  core::upstream::UpstreamTarget t;
  t.host = "127.0.0.1";
  t.port = port;
  t.host_header = "127.0.0.1:" + std::to_string(port);
  t.pool_key = "http://127.0.0.1:" + std::to_string(port);
  t.timeout_ms = timeout_ms;
  t.connect_timeout_ms = 500;
  t.max_connections = max_connections;
  return t;
}

using ServerRequest = http::request<http::string_body>;

struct ServerReply {
  std::string raw;           // written verbatim
  bool close_after = false;  // close the connection after writing
  bool hang = false;         // never answer (hold the connection open)
  bool close_without_answer = false;
  std::chrono::milliseconds delay{0};
};

inline ServerReply raw_reply(std::string raw) {
  ServerReply r;
  r.raw = std::move(raw);
  return r;
}

inline ServerReply hang_reply() {
  ServerReply r;
  r.hang = true;
  return r;
}

inline ServerReply close_reply() {
  ServerReply r;
  r.close_without_answer = true;
  return r;
}

// Which connection (0-based, in accept order) and which request on it (0-based).
using ServerHandler = std::function<ServerReply(const ServerRequest&, std::size_t conn, std::size_t index)>;

inline std::string http_response(int status, std::string_view reason, std::string_view body,
                                 std::string_view extra_headers = "") {
  std::string s = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
  s += "Content-Type: application/json\r\n";
  s += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  s += extra_headers;
  s += "\r\n";
  s += body;
  return s;
}

class TestServer {
 public:
  TestServer(asio::io_context& ioc, ServerHandler handler)
      : ioc_(ioc),
        acceptor_(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        handler_(std::move(handler)) {
    asio::co_spawn(ioc_, accept_loop(), asio::detached);
  }
  ~TestServer() { stop(); }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::size_t connections() const { return connections_; }
  const std::vector<ServerRequest>& requests() const { return requests_; }

  void stop() {
    boost::system::error_code ec;
    acceptor_.close(ec);
    for (auto& weak : sockets_) {
      if (auto s = weak.lock()) s->close(ec);
    }
  }

 private:
  asio::awaitable<void> accept_loop() {
    while (true) {
      auto [ec, socket] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      auto s = std::make_shared<tcp::socket>(std::move(socket));
      sockets_.push_back(s);
      asio::co_spawn(ioc_, session(s, connections_++), asio::detached);
    }
  }

  asio::awaitable<void> session(std::shared_ptr<tcp::socket> socket, std::size_t conn) {
    beast::flat_buffer buffer;
    for (std::size_t index = 0;; ++index) {
      ServerRequest req;
      auto [ec, n] = co_await http::async_read(*socket, buffer, req, asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      requests_.push_back(req);
      ServerReply reply = handler_(req, conn, index);
      if (reply.delay.count() > 0) {
        asio::steady_timer t(ioc_, reply.delay);
        co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
      }
      if (reply.hang) {
        // Wait until the peer goes away or the server stops.
        char b;
        co_await socket->async_read_some(asio::buffer(&b, 1), asio::as_tuple(asio::use_awaitable));
        co_return;
      }
      boost::system::error_code ignored;
      if (reply.close_without_answer) {
        socket->close(ignored);
        co_return;
      }
      auto [wec, wn] =
          co_await asio::async_write(*socket, asio::buffer(reply.raw), asio::as_tuple(asio::use_awaitable));
      if (wec || reply.close_after) {
        socket->shutdown(tcp::socket::shutdown_both, ignored);
        socket->close(ignored);
        co_return;
      }
    }
  }

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  ServerHandler handler_;
  std::size_t connections_ = 0;
  std::vector<ServerRequest> requests_;
  std::vector<std::weak_ptr<tcp::socket>> sockets_;
};

// Runs `body` in `ioc` until it finishes (at most `limit`); rethrows what it threw.
template <class Awaitable>
void run_coroutine(asio::io_context& ioc, Awaitable body,
                   std::chrono::milliseconds limit = std::chrono::milliseconds(3000)) {
  bool done = false;
  std::exception_ptr error;
  asio::co_spawn(ioc, std::move(body), [&](std::exception_ptr e) {
    done = true;
    error = e;
    ioc.stop();
  });
  ioc.run_for(limit);
  if (!done) throw std::runtime_error("test coroutine did not finish in time");
  if (error) std::rethrow_exception(error);
}

}  // namespace profilegw::testing
