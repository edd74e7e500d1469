// The mocks process: one io_context per worker thread, one listener per provider on each of them
// (SO_REUSEPORT when there are several), the bound ports reported, then service until SIGINT or
// SIGTERM.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "mocks/cli_options.h"
#include "mocks/provider_port.h"

namespace profilegw::mocks {

class MockServer {
 public:
  explicit MockServer(MockOptions options);
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  // Binds every provider's listener on every worker; throws on failure (port taken, bad address,
  // unreadable certificate).
  void bind();

  // Each started provider and the port it listens on, in canonical provider order.
  std::vector<std::pair<std::string_view, unsigned short>> ports() const;

  // Serves until SIGINT or SIGTERM, using the calling thread as worker 0.
  void run();

 private:
  MockOptions options_;
  std::unique_ptr<boost::asio::ssl::context> tls_;
  std::vector<std::unique_ptr<ProviderPort>> providers_;
  std::vector<unsigned short> bound_ports_;
  // Declared last so they are destroyed first: pending sessions refer to providers_ and tls_.
  std::vector<std::unique_ptr<boost::asio::io_context>> workers_;
};

}  // namespace profilegw::mocks
