// Limits and timeouts of the HTTP server (filled from the config's listen/limits sections).
#pragma once

#include <chrono>
#include <cstddef>

namespace profilegw::gateway {

struct ServerOptions {
  std::size_t threads = 1;               // one io_context and one OS thread each
  std::size_t max_header_bytes = 16384;  // request line + header fields; more is 431
  std::size_t max_body_bytes = 65536;    // more is 413
  // Deadline for a request's header once its first byte arrived (and for a fresh connection's
  // first request from accept); the body gets the same again. Closes slowloris connections.
  std::chrono::milliseconds header_timeout{5000};
  // How long a keep-alive connection may wait for its next request; also the deadline for
  // writing a response to a client that does not read.
  std::chrono::milliseconds idle_timeout{60000};
  // After request_stop(): how long in-flight requests may take before they are cut off.
  std::chrono::milliseconds drain_timeout{10000};
  std::size_t max_connections = 10000;  // over it, new connections are closed at once
};

}  // namespace profilegw::gateway
