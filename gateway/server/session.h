// One client connection, served by one coroutine on its worker's thread (Beast server-flex shape):
// read a request within size limits and deadlines, pass it to the handler, write the response,
// and loop while both sides keep the connection alive.
//
// The socket uses its worker's io_context executor directly: exactly one thread runs that context,
// so it already serialises everything the session and its handler do (an implicit strand, DESIGN.md
// section 6). An explicit strand took a lock and a queue hop per completion, about 5% of a proxied
// request's instructions; were threads ever to share a context, the strand would have to come back.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <optional>

#include "core/problem.h"
#include "gateway/server/request_handler.h"
#include "gateway/server/request_parser.h"
#include "gateway/server/worker.h"

namespace profilegw::gateway {

class Session : public SessionLink {
 public:
  using Executor = boost::asio::io_context::executor_type;
  using Stream = boost::beast::basic_stream<boost::asio::ip::tcp, Executor>;
  using Socket = Stream::socket_type;

  Session(Worker& worker, RequestHandler& handler, Socket socket, const boost::asio::ip::tcp::endpoint& remote);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The connection's whole life; ends with the socket closed.
  boost::asio::awaitable<void> run();

  // Waiting for the first byte of a request (or lingering before close): nothing in flight.
  bool idle() const { return idle_; }
  // Drain: close an idle connection.
  void close();
  // Drain deadline passed: cancel whatever the session awaits (the handler's upstream calls too) and close.
  void abort();

  Executor executor() { return stream_.get_executor(); }
  boost::asio::cancellation_slot cancellation_slot() { return cancel_.slot(); }

 private:
  boost::asio::awaitable<void> reject(const core::Problem& problem);
  boost::asio::awaitable<boost::system::error_code> write_response(const HttpResponse& response);
  boost::asio::awaitable<void> close_gracefully(bool linger);
  void note_read_timeout(bool waiting_on_idle_connection);

  Worker& worker_;
  RequestHandler& handler_;
  Stream stream_;
  // Lives as long as the connection: pipelined bytes of the next request stay in it. Bounded by
  // connection_buffer_limit (chunk lines and trailers are not bounded by the parser).
  boost::beast::flat_buffer buffer_;
  // Fresh per message (Beast parsers are single-use), in place to avoid an allocation.
  std::optional<RequestParser> parser_;
  ConnectionInfo info_;
  boost::asio::cancellation_signal cancel_;
  bool idle_ = true;
  bool aborted_ = false;
  bool done_ = false;  // run() returned; the coroutine's cancellation slot is no longer ours to use
};

// Serves an accepted socket on the worker's thread until the connection closes.
void start_session(Worker& worker, RequestHandler& handler, Session::Socket socket,
                   const boost::asio::ip::tcp::endpoint& remote);

}  // namespace profilegw::gateway
