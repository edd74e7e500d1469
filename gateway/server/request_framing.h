// How a request's header frames its body, beyond what Beast's parser enforces: the checks that keep
// a gateway safe from request smuggling (RFC 9112 sections 6.1-6.3), and the mapping of parser
// errors to the problem the client gets (400, 413, 431) before its connection is closed.
#pragma once

#include <boost/system/error_code.hpp>
#include <optional>

#include "core/problem.h"
#include "gateway/server/request_handler.h"

namespace profilegw::gateway {

// A problem when the header frames the body ambiguously: Content-Length repeated or a list,
// Transfer-Encoding with Content-Length, in HTTP/1.0, or other than exactly "chunked";
// a missing (HTTP/1.1) or repeated Host. nullopt when the request may proceed.
std::optional<core::Problem> check_framing(const HttpRequest& request);

// The problem to answer for a read error, or nullopt when there is nobody to answer
// (client closed or reset the connection, timeout, cancellation).
std::optional<core::Problem> problem_for_read_error(const boost::system::error_code& ec);

}  // namespace profilegw::gateway
