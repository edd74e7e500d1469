#include "gateway/server/server.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <thread>
#include <utility>

#include "gateway/server/listener.h"
#include "gateway/server/worker.h"

namespace profilegw::gateway {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

ServerOptions sanitized(ServerOptions options) {
  options.threads = std::max<std::size_t>(options.threads, 1);
  return options;
}

// SO_REUSEPORT lets a second process of the same user join our port silently and take half the
// connections; an exclusive bind first turns that into the "address in use" it really is.
bool port_is_free(asio::io_context& context, const tcp::endpoint& endpoint, std::string& error) {
  return Listener::open(context, endpoint, false, error).has_value();
}

}  // namespace

Server::Server(ServerOptions options) : options_(sanitized(options)), stats_(options_.threads) {
  workers_.reserve(options_.threads);
  for (std::size_t i = 0; i < options_.threads; ++i) {
    workers_.push_back(std::make_unique<Worker>(i, options_, stats_.shard(i)));
  }
}

Server::~Server() = default;

ListenResult Server::add_listener(std::string address, std::uint16_t port, HandlerFactory factory,
                                  bool all_threads) {
  ListenResult result;
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(address == "localhost" ? "127.0.0.1" : address, ec);
  if (ec) {
    result.error = "cannot listen on " + address + ": not an IP address";
    return result;
  }
  tcp::endpoint endpoint(ip, port);
  if (all_threads && port != 0 && !port_is_free(workers_[0]->context(), endpoint, result.error)) return result;

  // Bind every socket before starting any, so a failure leaves nothing half-open.
  const std::size_t count = all_threads ? workers_.size() : 1;
  std::vector<Listener::Acceptor> acceptors;
  acceptors.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    auto acceptor = Listener::open(workers_[i]->context(), endpoint, all_threads, result.error);
    if (!acceptor) return result;
    // Port 0: the first bind picks the port, the others join it.
    if (i == 0) endpoint.port(acceptor->local_endpoint().port());
    acceptors.push_back(std::move(*acceptor));
  }

  std::vector<std::unique_ptr<RequestHandler>> handlers;
  handlers.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    handlers.push_back(factory(workers_[i]->context(), i));
    if (!handlers.back()) {
      result.error = "cannot listen on " + format_endpoint(endpoint) + ": no request handler";
      return result;
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    workers_[i]->add_listener(
        std::make_unique<Listener>(*workers_[i], std::move(acceptors[i]), std::move(handlers[i]), stats_));
  }
  result.port = endpoint.port();
  return result;
}

void Server::run() {
  std::vector<std::thread> threads;
  threads.reserve(workers_.size() - 1);
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    threads.emplace_back([worker = workers_[i].get()] { worker->run(); });
  }
  workers_[0]->run();
  for (auto& thread : threads) thread.join();
}

void Server::request_stop() {
  if (stop_requested_.exchange(true, std::memory_order_acq_rel)) return;
  for (auto& worker : workers_) {
    asio::post(worker->context(), [w = worker.get()] { w->begin_drain(); });
  }
}

asio::io_context& Server::io_context(std::size_t thread_index) { return workers_.at(thread_index)->context(); }

void Server::for_each_thread(std::function<void(std::size_t)> callback) {
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    asio::post(workers_[i]->context(), [callback, i] { callback(i); });
  }
}

}  // namespace profilegw::gateway
