#include "gateway/server/session.h"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <exception>
#include <memory>
#include <string_view>
#include <utility>

#include "core/wire/message_head.h"
#include "gateway/server/problem_response.h"
#include "gateway/server/request_framing.h"
#include "gateway/server/request_id.h"
#include "gateway/server/request_parser.h"

namespace profilegw::gateway {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::string_view kServerName = "profilegw";
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// The first read of a request, and what an idle connection's buffer holds: room for a typical API
// request's header (about 200-600 bytes from HTTP clients; Beast reads on, in larger steps, for
// longer ones). Every idle keep-alive connection holds this much.
constexpr std::size_t kFirstReadBytes = 1024;
// Lingering close: how long and how much we read and drop after our last answer (see close_gracefully).
constexpr std::chrono::milliseconds kMaxLinger{2000};
constexpr std::size_t kMaxLingerBytes = 256 * 1024;
// Room for a typical response head (status line and about eight fields).
constexpr std::size_t kHeadReserve = 512;

bool expects_continue(const HttpRequest& request) {
  if (request.version() < 11) return false;
  auto it = request.find(http::field::expect);
  return it != request.end() && beast::iequals(it->value(), "100-continue");
}

// The handler may ask to close the connection with its own Connection: close.
bool handler_wants_close(const HttpResponse& response) {
  auto it = response.find(http::field::connection);
  return it != response.end() && http::token_list{it->value()}.exists("close");
}

bool status_has_no_body(unsigned status) { return status < 200 || status == 204 || status == 304; }

// Version, Server, Connection and, when the handler left it out, Content-Length.
void finish_response(HttpResponse& response, unsigned version, bool keep_alive, bool head_request) {
  response.version(version);
  response.set(http::field::server, kServerName);
  response.keep_alive(keep_alive);
  if (status_has_no_body(response.result_int())) {
    response.erase(http::field::content_length);
    response.body().clear();
    return;
  }
  if (response.find(http::field::content_length) == response.end() && !response.chunked()) {
    response.content_length(response.body().size());
  }
  // HEAD answers carry the GET's length but never its bytes.
  if (head_request) response.body().clear();
}

}  // namespace

Session::Session(Worker& worker, RequestHandler& handler, Socket socket, const asio::ip::tcp::endpoint& remote)
    : worker_(worker),
      handler_(handler),
      stream_(std::move(socket)),
      buffer_(connection_buffer_limit(worker.options())),
      info_{remote, worker.index()} {
  worker_.attach(*this);
  worker_.stats().connection_opened();
}

Session::~Session() {
  worker_.stats().connection_closed();
  worker_.detach(*this);
}

void Session::close() {
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  stream_.close();
}

void Session::abort() {
  aborted_ = true;
  if (!done_) cancel_.emit(asio::cancellation_type::terminal);
  stream_.close();
}

void Session::note_read_timeout(bool waiting_on_idle_connection) {
  if (waiting_on_idle_connection) {
    worker_.stats().idle_timeout();
  } else {
    worker_.stats().header_timeout();
  }
}

asio::awaitable<void> Session::run() {
  // Marks the end however run() leaves (return, or an exception after cancellation).
  struct DoneGuard {
    bool& done;
    ~DoneGuard() { done = true; }
  } done_guard{done_};
  const ServerOptions& options = worker_.options();
  // A fresh connection gets no idle grace: its first request must be complete in header_timeout.
  stream_.expires_after(options.header_timeout);
  bool first = true;
  for (;;) {
    if (buffer_.size() == 0) {
      // Wait for the first byte of the next request; a keep-alive connection may idle meanwhile.
      if (!first) stream_.expires_after(options.idle_timeout);
      idle_ = true;
      // A buffer grown by a large request goes back to the first read's size while idle.
      if (buffer_.capacity() > kFirstReadBytes) buffer_.shrink_to_fit();
      auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kFirstReadBytes), kAsTuple);
      idle_ = false;
      if (ec) {
        if (ec == beast::error::timeout) note_read_timeout(!first);
        co_return;
      }
      buffer_.commit(n);
      // From the first byte on, the header must arrive within header_timeout (slowloris).
      if (!first) stream_.expires_after(options.header_timeout);
    } else if (!first) {
      // A pipelined request already started arriving.
      stream_.expires_after(options.header_timeout);
    }
    first = false;

    // Read the header alone, so limits and framing are judged before any body byte is read.
    reset_request_parser(parser_, options);
    {
      auto [ec, n] = co_await http::async_read_header(stream_, buffer_, *parser_, kAsTuple);
      if (ec) {
        if (ec == beast::error::timeout) note_read_timeout(false);
        if (auto problem = problem_for_read_error(ec)) co_await reject(*problem);
        co_return;
      }
    }
    HttpRequest& request = parser_->get();
    if (auto problem = check_framing(request)) {
      co_await reject(*problem);
      co_return;
    }

    if (!parser_->is_done()) {
      // The client holds the body back until told to send it.
      if (expects_continue(request)) {
        stream_.expires_after(options.idle_timeout);
        auto [ec, n] = co_await asio::async_write(stream_, asio::buffer(kContinue), kAsTuple);
        if (ec) co_return;
      }
      // The body gets its own header_timeout.
      stream_.expires_after(options.header_timeout);
      auto [ec, n] = co_await http::async_read(stream_, buffer_, *parser_, kAsTuple);
      if (ec) {
        if (ec == beast::error::timeout) note_read_timeout(false);
        if (auto problem = problem_for_read_error(ec)) co_await reject(*problem);
        co_return;
      }
    }

    worker_.stats().request();
    HttpResponse response;
    bool handler_failed = false;
    try {
      response = co_await handler_.handle(request, info_);
    } catch (...) {
      handler_failed = true;
    }
    if (aborted_) co_return;
    if (handler_failed) {
      GeneratedRequestId storage;
      const auto id = choose_request_id(request[kRequestIdHeader], storage);
      response = problem_response(core::Problem::make(core::ProblemCode::kInternalError, ""), id, request.version());
    }

    // Keep the connection only if the client, the handler and the drain state all allow it.
    const bool keep_alive =
        !handler_failed && request.keep_alive() && !worker_.draining() && !handler_wants_close(response);
    finish_response(response, request.version(), keep_alive, request.method() == http::verb::head);
    // A client that never reads must not pin the session.
    stream_.expires_after(options.idle_timeout);
    if (const boost::system::error_code ec = co_await write_response(response)) co_return;
    if (!keep_alive) {
      co_await close_gracefully(false);
      co_return;
    }
    // An idle keep-alive connection keeps no request: its header fields are freed now, not when
    // the next request arrives (10,000 idle connections, benchmarks/README.md).
    parser_.reset();
  }
}

asio::awaitable<void> Session::reject(const core::Problem& problem) {
  worker_.stats().protocol_error();
  const HttpRequest& request = parser_->get();
  GeneratedRequestId storage;
  const auto id = choose_request_id(request[kRequestIdHeader], storage);
  const unsigned version = request.version() == 10 ? 10 : 11;
  HttpResponse response = problem_response(problem, id, version);
  finish_response(response, version, false, false);
  stream_.expires_after(worker_.options().idle_timeout);
  if (!co_await write_response(response)) co_await close_gracefully(true);
}

// Head and body in one gather write (core/wire/message_head.h says why not Beast's serializer).
asio::awaitable<boost::system::error_code> Session::write_response(const HttpResponse& response) {
  if (!core::wire::body_is_verbatim(response)) {
    auto [ec, n] = co_await http::async_write(stream_, response, kAsTuple);
    co_return ec;
  }
  std::string head;
  head.reserve(kHeadReserve);
  core::wire::append_head(head, response);
  const auto buffers = core::wire::gather(head, response);
  auto [ec, n] = co_await asio::async_write(stream_, buffers, kAsTuple);
  co_return ec;
}

// Half-close, then read and drop what the client still sends until it closes too: closing with
// unread bytes makes the kernel send a reset, which can destroy our answer before it is read.
asio::awaitable<void> Session::close_gracefully(bool linger) {
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  if (ec || aborted_ || (!linger && buffer_.size() == 0 && stream_.socket().available(ec) == 0)) {
    stream_.close();
    co_return;
  }
  idle_ = true;
  stream_.expires_after(std::min<std::chrono::milliseconds>(worker_.options().header_timeout, kMaxLinger));
  std::size_t dropped = 0;
  while (dropped < kMaxLingerBytes) {
    buffer_.consume(buffer_.size());
    auto [read_ec, n] = co_await stream_.async_read_some(buffer_.prepare(4096), kAsTuple);
    if (read_ec) break;
    dropped += n;
  }
  stream_.close();
}

void start_session(Worker& worker, RequestHandler& handler, Session::Socket socket,
                   const asio::ip::tcp::endpoint& remote) {
  auto session = std::make_unique<Session>(worker, handler, std::move(socket), remote);
  Session& s = *session;
  auto& context = worker.context();
  asio::co_spawn(s.executor(), s.run(),
                 asio::bind_cancellation_slot(
                     s.cancellation_slot(), [owned = std::move(session), &context](std::exception_ptr) mutable {
                       // co_spawn still uses the session's cancellation slot while this runs; free
                       // the session on a later turn.
                       asio::post(context, [done = std::move(owned)] {});
                     }));
}

}  // namespace profilegw::gateway
