#include "gateway/server/listener.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <chrono>
#include <sys/socket.h>

#include "gateway/server/session.h"
#include "gateway/server/worker.h"

namespace profilegw::gateway {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);
constexpr int kBacklog = 1024;
// Out of descriptors or memory: accepting again at once would spin.
constexpr std::chrono::milliseconds kAcceptBackoff{50};

// SO_REUSEPORT as an Asio settable socket option (Asio has none of its own).
class ReusePort {
 public:
  explicit ReusePort(bool on) : value_(on ? 1 : 0) {}
  template <class Protocol>
  int level(const Protocol&) const {
    return SOL_SOCKET;
  }
  template <class Protocol>
  int name(const Protocol&) const {
    return SO_REUSEPORT;
  }
  template <class Protocol>
  const int* data(const Protocol&) const {
    return &value_;
  }
  template <class Protocol>
  std::size_t size(const Protocol&) const {
    return sizeof(value_);
  }

 private:
  int value_;
};

bool is_resource_exhaustion(const boost::system::error_code& ec) {
  return ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space || ec == asio::error::no_memory ||
         ec.value() == ENFILE;
}

}  // namespace

std::string format_endpoint(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address().to_string();
  const auto port = std::to_string(endpoint.port());
  return endpoint.address().is_v6() ? "[" + address + "]:" + port : address + ":" + port;
}

std::optional<Listener::Acceptor> Listener::open(asio::io_context& context, const tcp::endpoint& endpoint,
                                                 bool reuse_port, std::string& error) {
  Acceptor acceptor(context);
  boost::system::error_code ec;
  const char* step = "open";
  if (acceptor.open(endpoint.protocol(), ec); !ec) {
    // TIME_WAIT connections of a previous run must not block a restart.
    step = "set SO_REUSEADDR";
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec && reuse_port) {
    step = "set SO_REUSEPORT";
    acceptor.set_option(ReusePort(true), ec);
  }
  if (!ec) {
    step = "bind";
    acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    step = "listen";
    acceptor.listen(kBacklog, ec);
  }
  if (ec) {
    error = "cannot listen on " + format_endpoint(endpoint) + ": " + ec.message() + " (" + step + ")";
    return std::nullopt;
  }
  return acceptor;
}

Listener::Listener(Worker& worker, Acceptor acceptor, std::unique_ptr<RequestHandler> handler,
                   const ServerStats& stats)
    : worker_(worker), acceptor_(std::move(acceptor)), handler_(std::move(handler)), stats_(stats) {}

void Listener::start() { asio::co_spawn(worker_.context(), accept_loop(), asio::detached); }

void Listener::close() {
  boost::system::error_code ec;
  acceptor_.close(ec);
}

asio::awaitable<void> Listener::accept_loop() {
  const ServerOptions& options = worker_.options();
  tcp::endpoint peer;
  for (;;) {
    // Each connection runs on this worker's context, whose one thread serialises it (see session.h).
    auto [ec, socket] = co_await acceptor_.async_accept(worker_.context(), peer, kAsTuple);
    if (!acceptor_.is_open() || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      if (is_resource_exhaustion(ec)) {
        asio::steady_timer backoff(worker_.context(), kAcceptBackoff);
        co_await backoff.async_wait(kAsTuple);
      }
      continue;
    }
    // Over the cap (or shutting down): closing at once is cheaper than serving slowly.
    if (worker_.draining() || stats_.open_connections() >= options.max_connections) {
      worker_.stats().connection_rejected();
      socket.close(ec);
      continue;
    }
    // Responses are written whole; Nagle would only delay them.
    socket.set_option(tcp::no_delay(true), ec);
    start_session(worker_, *handler_, std::move(socket), peer);
  }
}

}  // namespace profilegw::gateway
