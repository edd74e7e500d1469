#include "mocks/http_session.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <array>
#include <string>
#include <tuple>

namespace profilegw::mocks {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;

constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr std::uint64_t kBodyLimit = 1024 * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

Socket& socket_of(Socket& stream) { return stream; }
Socket& socket_of(TlsStream& stream) { return stream.next_layer(); }

template <class Stream>
Task<bool> write_bytes(Stream& stream, std::string_view bytes) {
  error_code error;
  std::tie(error, std::ignore) = co_await asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), kUseTuple);
  co_return !error;
}

Task<> sleep_for(std::chrono::milliseconds duration) {
  Timer timer(co_await asio::this_coro::executor, duration);
  std::ignore = co_await timer.async_wait(kUseTuple);
}

// The hang fault: stay silent, read and drop whatever comes, and end only when the peer does.
template <class Stream>
Task<> wait_until_peer_closes(Stream& stream) {
  std::array<char, 1024> sink{};
  for (;;) {
    error_code error;
    std::tie(error, std::ignore) = co_await stream.async_read_some(asio::buffer(sink), kUseTuple);
    if (error) co_return;
  }
}

// The reset fault: SO_LINGER 0 makes close() send RST instead of FIN.
void abort_connection(Socket& socket) {
  error_code ignored;
  socket.set_option(asio::socket_base::linger(true, 0), ignored);
  socket.close(ignored);
}

// Puts `wire` (head of `head_size` bytes, then body) on the connection as `mode` says; returns
// whether the connection may carry another request.
template <class Stream>
Task<bool> deliver(Stream& stream, FaultMode mode, std::string_view wire, std::size_t head_size) {
  switch (mode) {
    case FaultMode::kHang:
      co_await wait_until_peer_closes(stream);
      co_return false;
    case FaultMode::kReset:
      co_await write_bytes(stream, wire.substr(0, head_size / 2));
      abort_connection(socket_of(stream));
      co_return false;
    case FaultMode::kTruncated:
      // The head announces the whole body; only half of it follows before the close.
      co_await write_bytes(stream, wire.substr(0, head_size + (wire.size() - head_size) / 2));
      co_return false;
    case FaultMode::kSlowDrip:
      for (std::size_t i = 0; i < wire.size(); ++i) {
        if (!co_await write_bytes(stream, wire.substr(i, 1))) co_return false;
        if (i + 1 < wire.size()) co_await sleep_for(kDripInterval);
      }
      co_return true;
    default:
      co_return co_await write_bytes(stream, wire);
  }
}

// The status to answer a request Beast could not read with, or 0 when the peer just went away.
unsigned status_for_read_error(const error_code& error) {
  if (error == http::error::body_limit) return 413;
  if (error == http::error::header_limit) return 431;
  if (error == http::error::end_of_stream || error == http::error::partial_message) return 0;
  return error.category() == http::make_error_code(http::error::bad_method).category() ? 400 : 0;
}

bool expects_continue(const HttpRequest& message) {
  const auto it = message.find(http::field::expect);
  return it != message.end() && iequals(it->value(), "100-continue");
}

Task<> close_gracefully(Socket& socket) {
  error_code ignored;
  socket.shutdown(asio::socket_base::shutdown_send, ignored);
  co_return;
}

Task<> close_gracefully(TlsStream& stream) {
  // Send close_notify; a peer that already went away makes this fail at once, which is fine.
  std::ignore = co_await stream.async_shutdown(kUseTuple);
}

template <class Stream>
Task<> run_session(Stream& stream, ProviderPort& port) {
  // Kept for the whole connection: the read buffer, the response and its wire bytes.
  beast::flat_buffer buffer;
  MockResponse response;
  std::string wire;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(kBodyLimit);
    error_code error;
    std::tie(error, std::ignore) = co_await http::async_read_header(stream, buffer, parser, kUseTuple);
    if (!error && !parser.is_done()) {
      // curl and others wait for 100 Continue before sending a large body.
      if (expects_continue(parser.get()) && !co_await write_bytes(stream, kContinue)) co_return;
      std::tie(error, std::ignore) = co_await http::async_read(stream, buffer, parser, kUseTuple);
    }
    if (error) {
      if (const unsigned status = status_for_read_error(error)) {
        response.clear();
        response.set_json(status, R"({"error":"the request could not be read"})");
        serialize_response(response, false, false, false, wire);
        co_await write_bytes(stream, wire);
      }
      co_return;
    }
    const HttpRequest& message = parser.get();
    const MockRequest request(message);
    const FaultPlan plan = port.admit(request);
    if (plan.delay.count() > 0) co_await sleep_for(plan.delay);
    response.clear();
    port.respond(request, plan, response);
    const bool keep_alive = message.keep_alive();
    const std::size_t head_size = serialize_response(response, request.is_head(), keep_alive, message.version() == 10, wire);
    if (!co_await deliver(stream, plan.mode, wire, head_size)) co_return;
    if (!keep_alive) break;
  }
  co_await close_gracefully(stream);
}

}  // namespace

Task<> serve_connection(Socket socket, ProviderPort& port, asio::ssl::context* tls) {
  if (tls == nullptr) {
    co_await run_session(socket, port);
    co_return;
  }
  TlsStream stream(std::move(socket), *tls);
  const auto [error] = co_await stream.async_handshake(asio::ssl::stream_base::server, kUseTuple);
  if (error) co_return;
  co_await run_session(stream, port);
}

}  // namespace profilegw::mocks
