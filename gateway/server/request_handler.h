// The seam between the HTTP server and the application: the server reads and frames requests,
// a RequestHandler (the router) turns each one into a response.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <functional>
#include <memory>

namespace profilegw::gateway {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

struct ConnectionInfo {
  boost::asio::ip::tcp::endpoint remote;
  std::size_t thread_index;
};

// One instance per server thread, only ever called from that thread, so it may keep per-thread
// state (upstream pools, config snapshot cache) without locks.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // The server sets Server, Connection (keep-alive) and, when absent, Content-Length on the
  // response. Exceptions are caught and answered with a 500 problem, but should not be used.
  virtual boost::asio::awaitable<HttpResponse> handle(HttpRequest& request, const ConnectionInfo& info) = 0;
};

// Called once per (listener, thread) before the server runs, with that thread's io_context.
using HandlerFactory =
    std::function<std::unique_ptr<RequestHandler>(boost::asio::io_context&, std::size_t thread_index)>;

}  // namespace profilegw::gateway
