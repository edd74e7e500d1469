// Accepting one provider's connections on one worker thread. Every worker has its own acceptor on
// the provider's port (SO_REUSEPORT), so the kernel spreads connections with no cross-thread hop.
#pragma once

#include <boost/asio/ssl/context.hpp>

#include "mocks/asio_types.h"
#include "mocks/provider_port.h"

namespace profilegw::mocks {

// An acceptor bound and listening on `endpoint`; throws boost::system::system_error on failure.
Acceptor open_acceptor(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint, bool reuse_port);

// Accepts until the acceptor is closed, serving each connection on the acceptor's own thread.
Task<> accept_loop(Acceptor acceptor, ProviderPort& port, boost::asio::ssl::context* tls);

}  // namespace profilegw::mocks
