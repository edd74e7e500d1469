#include "mocks/mock_server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <stdexcept>
#include <string>
#include <thread>

#include "mocks/listener.h"

namespace profilegw::mocks {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::unique_ptr<asio::ssl::context> make_tls_context(const MockOptions& options) {
  if (options.tls_cert.empty()) return nullptr;
  auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                       asio::ssl::context::single_dh_use);
  context->use_certificate_chain_file(options.tls_cert);
  context->use_private_key_file(options.tls_key, asio::ssl::context::pem);
  return context;
}

}  // namespace

MockServer::MockServer(MockOptions options) : options_(std::move(options)), tls_(make_tls_context(options_)) {
  for (const ListenerSpec& listener : options_.listeners) {
    auto port = std::make_unique<ProviderPort>(listener.provider, make_backend(listener.provider, options_.backend));
    port->fault().set_baseline(options_.fault, options_.fault_delay);
    providers_.push_back(std::move(port));
  }
  for (unsigned i = 0; i < options_.threads; ++i) {
    // Concurrency hint 1: each io_context is run by exactly one thread.
    workers_.push_back(std::make_unique<asio::io_context>(1));
  }
}

MockServer::~MockServer() = default;

void MockServer::bind() {
  const asio::ip::address address = asio::ip::make_address(options_.address);
  const bool reuse_port = workers_.size() > 1;
  for (std::size_t i = 0; i < providers_.size(); ++i) {
    // Worker 0 binds first (port 0 picks the ephemeral port); the others join that same port.
    unsigned short port = options_.listeners[i].port;
    for (auto& worker : workers_) {
      try {
        Acceptor acceptor = open_acceptor(*worker, tcp::endpoint(address, port), reuse_port);
        port = acceptor.local_endpoint().port();
        asio::co_spawn(*worker, accept_loop(std::move(acceptor), *providers_[i], tls_.get()), asio::detached);
      } catch (const boost::system::system_error& error) {
        throw std::runtime_error("cannot listen for " + std::string(providers_[i]->name()) + " on " + options_.address +
                                 ":" + std::to_string(port) + ": " + error.code().message());
      }
    }
    bound_ports_.push_back(port);
  }
}

std::vector<std::pair<std::string_view, unsigned short>> MockServer::ports() const {
  std::vector<std::pair<std::string_view, unsigned short>> ports;
  for (std::size_t i = 0; i < providers_.size() && i < bound_ports_.size(); ++i) {
    ports.emplace_back(providers_[i]->name(), bound_ports_[i]);
  }
  return ports;
}

void MockServer::run() {
  asio::signal_set signals(*workers_.front(), SIGINT, SIGTERM);
  signals.async_wait([this](const boost::system::error_code&, int) {
    for (auto& worker : workers_) worker->stop();
  });
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    threads.emplace_back([&worker = *workers_[i]] { worker.run(); });
  }
  workers_.front()->run();
  for (std::thread& thread : threads) thread.join();
}

}  // namespace profilegw::mocks
