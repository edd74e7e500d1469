// Serves one accepted connection: reads requests with Beast (one buffer per connection, a fresh
// parser per message), lets the provider answer, and puts the answer on the wire the way the
// request's fault plan says: whole, cut short, truncated, dripped, or not at all.
//
// There are no read or write timeouts: the clients of the mocks (the gateway, tests, wrk) own
// theirs, and the hang and slow_drip faults need the server to wait exactly as long as the client.
#pragma once

#include <boost/asio/ssl/context.hpp>

#include "mocks/asio_types.h"
#include "mocks/provider_port.h"

namespace profilegw::mocks {

// `tls` is null for plain HTTP; otherwise the connection starts with a server TLS handshake.
Task<> serve_connection(Socket socket, ProviderPort& port, boost::asio::ssl::context* tls);

}  // namespace profilegw::mocks
