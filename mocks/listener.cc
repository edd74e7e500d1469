#include "mocks/listener.h"

#include <sys/socket.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/socket_base.hpp>
#include <tuple>

#include "mocks/http_session.h"

namespace profilegw::mocks {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(10);

}  // namespace

Acceptor open_acceptor(asio::io_context& io, const tcp::endpoint& endpoint, bool reuse_port) {
  Acceptor acceptor(io.get_executor());
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  // Only with several workers: without it a second mocks process cannot silently share a fixed port.
  if (reuse_port) acceptor.set_option(ReusePort(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  return acceptor;
}

Task<> accept_loop(Acceptor acceptor, ProviderPort& port, asio::ssl::context* tls) {
  for (;;) {
    auto [error, socket] = co_await acceptor.async_accept(kUseTuple);
    if (error) {
      if (error == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      // Out of file descriptors, or a connection that died in the backlog: pause, then carry on.
      Timer pause(acceptor.get_executor(), kAcceptRetryDelay);
      std::ignore = co_await pause.async_wait(kUseTuple);
      continue;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    asio::co_spawn(acceptor.get_executor(), serve_connection(std::move(socket), port, tls), asio::detached);
  }
}

}  // namespace profilegw::mocks
