// Accepts connections on one listening socket for one worker thread and starts a session for each.
// A listener on all threads is one SO_REUSEPORT socket per worker on the same port: the kernel
// spreads connections across them, so no connection ever hops threads.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <optional>
#include <string>

#include "gateway/server/request_handler.h"
#include "gateway/server/server_stats.h"

namespace profilegw::gateway {

class Worker;

class Listener {
 public:
  using Acceptor = boost::asio::basic_socket_acceptor<boost::asio::ip::tcp, boost::asio::io_context::executor_type>;

  // Opens, binds and listens (backlog SOMAXCONN-sized). On failure: nullopt, and `error` says
  // "cannot listen on ADDRESS:PORT: <reason>".
  static std::optional<Acceptor> open(boost::asio::io_context& context, const boost::asio::ip::tcp::endpoint& endpoint,
                                      bool reuse_port, std::string& error);

  Listener(Worker& worker, Acceptor acceptor, std::unique_ptr<RequestHandler> handler, const ServerStats& stats);
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Starts the accept loop on the worker's io_context.
  void start();
  // On the worker's thread: stop accepting (the loop ends when its pending accept is aborted).
  void close();

 private:
  boost::asio::awaitable<void> accept_loop();

  Worker& worker_;
  Acceptor acceptor_;
  std::unique_ptr<RequestHandler> handler_;
  const ServerStats& stats_;
};

// "127.0.0.1:8080", "[::1]:8080"
std::string format_endpoint(const boost::asio::ip::tcp::endpoint& endpoint);

}  // namespace profilegw::gateway
