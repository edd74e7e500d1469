// Test support for the HTTP server: an echo handler, a server running on its own thread, and a
// raw POSIX client with bounded reads (every wait has a deadline, so no test can hang).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "gateway/server/request_handler.h"
#include "gateway/server/server.h"

namespace profilegw::gateway::test {

using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace http = boost::beast::http;

// Answers "<METHOD> <target>\n<body>", with X-Thread: <thread index>.
// "/slow" waits 300 ms first, "/hang" waits 10 s, "/throw" throws.
class EchoHandler : public RequestHandler {
 public:
  EchoHandler(asio::io_context& context, std::size_t thread_index) : context_(context), thread_index_(thread_index) {}

  asio::awaitable<HttpResponse> handle(HttpRequest& request, const ConnectionInfo&) override {
    const auto target = request.target();
    if (target == "/slow" || target == "/hang") {
      asio::steady_timer timer(context_, target == "/slow" ? std::chrono::milliseconds(300) : std::chrono::milliseconds(10000));
      co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (target == "/throw") throw std::runtime_error("handler failure");
    HttpResponse response{http::status::ok, request.version()};
    response.set(http::field::content_type, "text/plain");
    response.set("X-Thread", std::to_string(thread_index_));
    response.body() = std::string(request.method_string()) + " " + std::string(target) + "\n" + request.body();
    co_return response;
  }

 private:
  asio::io_context& context_;
  std::size_t thread_index_;
};

inline HandlerFactory echo_factory() {
  return [](asio::io_context& context, std::size_t index) { return std::make_unique<EchoHandler>(context, index); };
}

// A Server with an echo listener on 127.0.0.1:0, run on a background thread; stopped and joined on destruction.
class RunningServer {
 public:
  explicit RunningServer(ServerOptions options, bool all_threads = true) : server_(options) {
    auto result = server_.add_listener("127.0.0.1", 0, echo_factory(), all_threads);
    if (!result.ok()) throw std::runtime_error(result.error);
    port_ = result.port;
    thread_ = std::thread([this] {
      server_.run();
      returned_ = true;
    });
  }
  ~RunningServer() { stop_and_join(); }

  Server& server() { return server_; }
  std::uint16_t port() const { return port_; }
  bool returned() const { return returned_.load(); }

  void stop_and_join() {
    server_.request_stop();
    if (thread_.joinable()) thread_.join();
  }
  // Waits up to `timeout` for run() to return on its own.
  bool wait_returned(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!returned_ && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
    return returned_;
  }

 private:
  Server server_;
  std::uint16_t port_ = 0;
  std::atomic<bool> returned_{false};
  std::thread thread_;
};

// Blocking POSIX client with poll() deadlines.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect");
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // False when the peer already closed.
  bool send(std::string_view data) {
    while (!data.empty()) {
      const auto n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // One response (a 1xx one too), or nullopt on close, timeout or a malformed response.
  std::optional<HttpResponse> read_response(std::chrono::milliseconds timeout = 1500ms) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    for (;;) {
      if (!pending_.empty()) {
        boost::beast::error_code ec;
        const auto used = parser.put(asio::buffer(pending_), ec);
        pending_.erase(0, used);
        if (ec && ec != http::error::need_more) return std::nullopt;
        if (parser.is_done()) return parser.release();
        if (used > 0 && !pending_.empty()) continue;
      }
      if (read_more(deadline) != Read::kData) return std::nullopt;
    }
  }

  // True when the server closes (EOF or reset) within `timeout`; bytes read meanwhile are kept.
  bool closed_within(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      switch (read_more(deadline)) {
        case Read::kClosed:
          return true;
        case Read::kTimeout:
          return false;
        case Read::kData:
          break;
      }
    }
  }

  std::string& pending() { return pending_; }

 private:
  enum class Read { kData, kClosed, kTimeout };

  Read read_more(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Read::kTimeout;
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready == 0) return Read::kTimeout;
    if (ready < 0) return Read::kClosed;
    char chunk[4096];
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return Read::kClosed;
    pending_.append(chunk, static_cast<std::size_t>(n));
    return Read::kData;
  }

  int fd_ = -1;
  std::string pending_;
};

inline ServerOptions test_options(std::size_t threads = 1) {
  ServerOptions options;
  options.threads = threads;
  options.header_timeout = 1000ms;
  options.idle_timeout = 1000ms;
  options.drain_timeout = 1000ms;
  return options;
}

inline std::string get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) + "\r\n";
}

}  // namespace profilegw::gateway::test
