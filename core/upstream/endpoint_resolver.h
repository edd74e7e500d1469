// Name resolution for upstream hosts, bounded by a deadline (getaddrinfo cannot be interrupted, so
// a late answer is simply dropped); IP literals skip the resolver.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace profilegw::core::upstream {

// 503 upstream_unavailable when the name does not resolve, 504 upstream_timeout on the deadline.
boost::asio::awaitable<Result<std::vector<boost::asio::ip::tcp::endpoint>>> resolve_endpoints(
    const boost::asio::any_io_executor& executor, const std::string& host, std::uint16_t port,
    std::chrono::steady_clock::time_point deadline);

}  // namespace profilegw::core::upstream
